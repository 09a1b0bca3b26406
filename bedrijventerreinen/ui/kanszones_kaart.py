"""The map of the Kanszones page: parks and kanszones as on the Kaart page, the candidate zones
as a dashed layer, and Leaflet.draw (from the app's static files, with Dutch texts) to draw a
new kanszone. Only drawings are sent back, so panning and zooming do not rerun the page."""

from __future__ import annotations

import html
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from branca.element import MacroElement
from folium.plugins import Draw
from jinja2 import Template
from streamlit_folium import st_folium

from .. import kanszones, maps
from ..formatting import format_getal, format_ha, format_m2, format_pct
from . import state
from .common import Context
from .kaart import asset_base

KZ_KANDIDATEN_TONEN = state.sleutel("kz_kandidaten_tonen")
KZ_KAART_TELLER = state.sleutel("kz_kaart_teller")
#: Leaflet.draw, served from the app's static files like Leaflet itself (no CDN).
LEAFLET_DRAW_MAP = "leaflet-draw-1.0.4"
KAART_HOOGTE = 620
#: How candidate zones are drawn: dashed magenta outline, light fill (distinct from the koers colours).
STIJL_KANDIDAAT = maps.Stijl("#b0179a", 0.12, 3.0, "6 4")
KANDIDAAT_VELDEN = {
    "id": "Kandidaat",
    "terrein": "Terrein",
    "oppervlak": "Oppervlak",
    "bebouwingsgraad": "Bebouwingsgraad",
    "potentie": "Potentie",
    "redenen": "Waarom",
}


class _NlTekenteksten(MacroElement):
    """Dutch texts for the Leaflet.draw toolbar and tooltips (its defaults are English)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (d) {
            if (!d) { return; }
            d.draw.toolbar.actions = {title: "Tekenen annuleren", text: "Annuleren"};
            d.draw.toolbar.finish = {title: "Tekenen afronden", text: "Afronden"};
            d.draw.toolbar.undo = {title: "Laatste punt wissen", text: "Laatste punt wissen"};
            d.draw.toolbar.buttons.polygon = "Kanszone tekenen (vijfhoek)";
            d.draw.toolbar.buttons.rectangle = "Kanszone tekenen (rechthoek)";
            d.draw.handlers.polygon.tooltip = {start: "Klik om de vorm te beginnen.",
                cont: "Klik om verder te tekenen.", end: "Klik op het eerste punt om de vorm te sluiten."};
            d.draw.handlers.polyline.error = "<strong>Let op:</strong> randen mogen elkaar niet kruisen.";
            d.draw.handlers.rectangle.tooltip = {start: "Klik en sleep om een rechthoek te tekenen."};
            d.draw.handlers.simpleshape.tooltip = {end: "Laat de muis los om af te ronden."};
            d.edit.toolbar.actions.save = {title: "Wijzigingen bewaren", text: "Bewaren"};
            d.edit.toolbar.actions.cancel = {title: "Annuleren", text: "Annuleren"};
            d.edit.toolbar.actions.clearAll = {title: "Alle tekeningen wissen", text: "Alles wissen"};
            d.edit.toolbar.buttons.remove = "Tekening wissen";
            d.edit.toolbar.buttons.removeDisabled = "Geen tekening om te wissen";
            d.edit.handlers.remove.tooltip = {text: "Klik op een tekening om die te wissen."};
        })(L.drawLocal);
        {% endmacro %}
        """
    )


def kandidaten_geojson(kandidaten: gpd.GeoDataFrame) -> dict[str, Any]:
    """Candidate zones as display GeoJSON (EPSG:4326, simplified like the other layers by
    :func:`bedrijventerreinen.maps.simplify_for_display`), every text escaped."""
    if kandidaten.empty:
        return {"type": "FeatureCollection", "features": []}
    weergave = maps.simplify_for_display(kandidaten)
    features = []
    for i, (g, r) in enumerate(zip(weergave.geometry, weergave.itertuples(index=False), strict=True)):
        props = {
            "laag": "kandidaten",
            "id": maps.escape_tekst(r.kandidaat_id),
            "terrein": maps.escape_tekst(r.terrein),
            "oppervlak": format_ha(float(r.oppervlak_ha), 2),
            "bebouwingsgraad": format_pct(r.bebouwingsgraad) if pd.notna(r.bebouwingsgraad) else "–",
            "potentie": f"{format_m2(r.potentie_m2_bvo)} bvo · {kanszones.format_ha_equivalent(r.potentie_ha, 2)}",
            "redenen": maps.escape_tekst(r.redenen),
        }
        features.append({"type": "Feature", "id": i, "properties": props, "geometry": g.__geo_interface__})
    return {"type": "FeatureCollection", "features": features}


@st.cache_data(show_spinner="Kaart voorbereiden…", max_entries=16)
def _kaartdata(pad: str, versie: int, gemeenten: tuple[str, ...], _ctx: Context) -> maps.Kaartdata:
    return maps.build_kaartdata(
        _ctx.lagen["terreinen"],
        None,
        _ctx.lagen["kanszones"],
        gemeenten=gemeenten,
        lagen=("terreinen", "kanszones"),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _kandidaten_geojson(pad: str, versie: int, sleutel: str, gemeenten: tuple[str, ...], _kandidaten) -> dict[str, Any]:
    return kandidaten_geojson(_kandidaten)


def _add_kandidaten(m: folium.Map, fc: dict[str, Any]) -> None:
    """The candidate zones ``fc`` as a dashed magenta layer with escaped tooltips."""
    stijl = STIJL_KANDIDAAT.leaflet("kaart-kandidaten")
    # no entry in the layer switch (the page has its own toggle): the switch is built
    # before this group exists; between the parks and the kanszones in drawing order
    folium.map.CustomPane("kaart-kandidaten", z_index=435).add_to(m)
    groep = folium.FeatureGroup(name=html.escape(f"Kandidaat-zones ({len(fc['features'])})"), control=False)
    folium.GeoJson(
        fc,
        style_function=lambda _f, s=stijl: s,
        highlight_function=lambda _f, s=stijl: {**s, "weight": s["weight"] + 2},
        tooltip=folium.GeoJsonTooltip(
            fields=list(KANDIDAAT_VELDEN), aliases=[html.escape(a) for a in KANDIDAAT_VELDEN.values()], sticky=True
        ),
        pane="kaart-kandidaten",
        control=False,
    ).add_to(groep)
    groep.add_to(m)


def _add_tekengereedschap(m: folium.Map, basis: str) -> None:
    """Leaflet.draw for polygons and rectangles only, from the app's static files, Dutch texts."""
    _NlTekenteksten().add_to(m)
    draw = Draw(
        position="topleft",
        draw_options={
            "polyline": False,
            "circle": False,
            "marker": False,
            "circlemarker": False,
            "polygon": {"allowIntersection": False, "showArea": False},
            "rectangle": True,
        },
        edit_options={"edit": False, "remove": True},
    )
    b = basis.rstrip("/")
    draw.default_js = [("leaflet_draw_js", f"{b}/{LEAFLET_DRAW_MAP}/leaflet.draw.js")]
    draw.default_css = [("leaflet_draw_css", f"{b}/{LEAFLET_DRAW_MAP}/leaflet.draw.css")]
    draw.add_to(m)


def build_kanszonekaart(
    kaartdata: maps.Kaartdata,
    kandidaten: gpd.GeoDataFrame | None,
    basis: str,
    tekenen: bool = True,
    kandidaten_fc: dict[str, Any] | None = None,
) -> folium.Map:
    """The map of the page: parks and kanszones exactly as on the Kaart page
    (:func:`bedrijventerreinen.maps.build_map_from_kaartdata`, no background), the candidate
    zones (when given) as a dashed magenta layer with escaped tooltips, and a drawing tool
    (Leaflet.draw from the app's static files) for polygons and rectangles only."""
    m = maps.build_map_from_kaartdata(kaartdata, basiskaart=maps.BASISKAART_GEEN, asset_base=basis, hoogte="100%")
    if kandidaten is not None and len(kandidaten):
        _add_kandidaten(m, kandidaten_fc if kandidaten_fc is not None else kandidaten_geojson(kandidaten))
    if tekenen:
        _add_tekengereedschap(m, basis)
    return m


def _last_vlak(uit: dict[str, Any] | None, sleutel: str) -> dict[str, Any] | None:
    """The last drawn polygon of the map's answer (GeoJSON Feature), or None."""
    # st_folium also keeps its last value under our key (set on every change)
    tekeningen = (uit or {}).get("all_drawings") or (st.session_state.get(sleutel) or {}).get("all_drawings") or []
    vlakken = [
        t
        for t in tekeningen
        if isinstance(t, dict) and (t.get("geometry") or {}).get("type") in ("Polygon", "MultiPolygon")
    ]
    return vlakken[-1] if vlakken else None


def _describe_kaart(aantallen: dict[str, int], n_kandidaten: int | None, tekenen: bool) -> str:
    """The caption under the map: what is on it and how to draw (Dutch)."""
    return (
        f"Op de kaart: {format_getal(aantallen.get('terreinen', 0), 0)} terreinen (kleur: koers), "
        f"{format_getal(aantallen.get('kanszones', 0), 0)} kanszones (dikke zwarte stippellijn)"
        + (f", {format_getal(n_kandidaten, 0)} kandidaat-zones (paarse streeplijn)" if n_kandidaten is not None else "")
        + "."
        + (" Teken een nieuwe kanszone met de vijfhoek of rechthoek links op de kaart." if tekenen else "")
    )


def render_kanszonekaart(
    ctx: Context, kandidaten: gpd.GeoDataFrame, sleutel_par: str, tekenen: bool
) -> dict[str, Any] | None:
    """The map with the candidate toggle (``kandidaten`` computed with the settings whose cache
    key is ``sleutel_par``), a drawing tool when ``tekenen``; returns the last drawn shape
    (GeoJSON Feature) or None."""
    st.session_state.setdefault(KZ_KANDIDATEN_TONEN, state.standaard(KZ_KANDIDATEN_TONEN))
    st.session_state.setdefault(KZ_KAART_TELLER, state.standaard(KZ_KAART_TELLER))
    tonen = st.toggle("Kandidaat-zones tonen", key=KZ_KANDIDATEN_TONEN)
    kaartdata = _kaartdata(str(ctx.store.path), ctx.versie, tuple(ctx.gemeenten), ctx)
    if kaartdata.bounds is None:
        st.info("Er staan geen terreinen op de kaart voor deze selectie van gemeenten.")
        return None
    fc = None
    if tonen and len(kandidaten):  # display GeoJSON cached per store version, settings and selection
        fc = _kandidaten_geojson(str(ctx.store.path), ctx.versie, sleutel_par, tuple(ctx.gemeenten), kandidaten)
    m = build_kanszonekaart(kaartdata, kandidaten if tonen else None, asset_base(), tekenen=tekenen, kandidaten_fc=fc)
    sleutel = state.sleutel("kz_kaart", st.session_state[KZ_KAART_TELLER])
    uit = st_folium(m, key=sleutel, height=KAART_HOOGTE, use_container_width=True, returned_objects=["all_drawings"])
    st.caption(_describe_kaart(kaartdata.aantallen, len(kandidaten) if tonen else None, tekenen))
    return _last_vlak(uit, sleutel)
