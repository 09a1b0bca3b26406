"""The folium web map of :class:`~.kaartdata.Kaartdata`: layers, legend, background, view."""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

import folium
import geopandas as gpd
from branca.element import Element

from .kaartdata import Kaartdata, build_kaartdata, escape_tekst
from .laag import KAART_CSS, BewaarBeeld, GeoJsonLaag, Legenda, Schaal
from .stijl import (
    ASSET_BASE,
    BASISKAART_LICHT,
    KAARTLAAG_CODES,
    KAARTLAGEN,
    LEAFLET_CSS,
    LEAFLET_JS,
    Basiskaart,
    Legendapost,
    arcering_id,
    find_basiskaart,
    legenda,
    legenda_html,
    svg_arcering,
)

#: Drawing order (z-index of each layer's map pane): parks below, kanszones on top.
PANE_Z = {"terreinen": 410, "aanwinst": 420, "transformatie": 430, "kanszones": 440, "selectie": 450}


def _add_achtergrond(m: folium.Map, basiskaart: Basiskaart) -> None:
    if basiskaart.url:
        folium.TileLayer(
            tiles=basiskaart.url,
            attr=basiskaart.attributie,
            name=html.escape(basiskaart.label),
            max_zoom=basiskaart.max_zoom,
            control=False,
        ).add_to(m)


def _add_stijlblad(m: folium.Map, posten: list[Legendapost]) -> None:
    """The map's stylesheet and the SVG hatch patterns its hatched styles fill with."""
    arceringen = sorted({p.stijl.kleur for p in posten if p.stijl.arcering})
    css = "\n".join(f"path.{arcering_id(k)} {{ fill: url(#{arcering_id(k)}); }}" for k in arceringen)
    m.get_root().header.add_child(Element(KAART_CSS % {"arcering_css": css}), name="kaart_css")
    defs = "".join(svg_arcering(k) for k in arceringen)
    m.get_root().html.add_child(
        Element(f'<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>{defs}</defs></svg>'),
        name="kaart_arcering",
    )


def _add_lagen(m: folium.Map, kaartdata: Kaartdata) -> None:
    """One switchable group per layer, named with its number of objects, holding one GeoJSON layer."""
    labels = {k.code: k.label for k in KAARTLAGEN}
    for laag in KAARTLAAG_CODES:
        fc = kaartdata.lagen.get(laag)
        if fc is None:
            continue
        n = len(fc["features"])
        groep = folium.FeatureGroup(name=html.escape(f"{labels[laag]} ({n})"), overlay=True, show=True)
        if n:
            GeoJsonLaag(laag, fc["features"]).add_to(groep)
        groep.add_to(m)


def _add_beeld(m: folium.Map, kaartdata: Kaartdata) -> None:
    """Fit the view to what is drawn and keep the user's view of the same content."""
    if kaartdata.bounds is None:
        return
    # Keep the legend (bottom left, ~180 px wide) and the layer switch (top right) clear.
    m.fit_bounds(
        [list(kaartdata.bounds[0]), list(kaartdata.bounds[1])],
        padding_top_left=(190, 20),
        padding_bottom_right=(60, 20),
    )
    inhoud = json.dumps([kaartdata.bounds, sorted(kaartdata.aantallen.items())])
    BewaarBeeld(hashlib.sha1(inhoud.encode()).hexdigest()[:16]).add_to(m)


def build_map_from_kaartdata(
    kaartdata: Kaartdata,
    *,
    basiskaart: Basiskaart | str = BASISKAART_LICHT,
    asset_base: str = ASSET_BASE,
    hoogte: int | str = "100%",
) -> folium.Map:
    """The folium map of ``kaartdata``: one switchable group per layer (layer control, Dutch
    names with the number of objects), per-category styles with hover accent, tooltips and
    popups of escaped values, the Dutch legend, a scale bar, the chosen background, and the
    view fitted to what is drawn.

    Leaflet is loaded from ``asset_base`` (the app's static files); folium's other default
    scripts and stylesheets (jQuery, Bootstrap, Font Awesome, awesome-markers — all from
    CDNs) are dropped: this map uses none of them.
    """
    m = folium.Map(location=[52.16, 4.49], zoom_start=12, tiles=None, height=hoogte, zoom_snap=0.25)
    base = asset_base.rstrip("/")
    m.default_js = [("leaflet", f"{base}/{LEAFLET_JS}")]
    m.default_css = [("leaflet_css", f"{base}/{LEAFLET_CSS}")]
    _add_achtergrond(m, find_basiskaart(basiskaart))
    posten = legenda(kaartdata.onbekende_koers)
    _add_stijlblad(m, posten)
    for laag, z in PANE_Z.items():
        folium.map.CustomPane(f"kaart-{laag}", z_index=z).add_to(m)
    _add_lagen(m, kaartdata)
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    Legenda(legenda_html(posten)).add_to(m)
    Schaal().add_to(m)
    _add_beeld(m, kaartdata)
    return m


def build_map(
    terreinen: gpd.GeoDataFrame,
    mutaties: gpd.GeoDataFrame | None = None,
    kanszones: gpd.GeoDataFrame | None = None,
    **opties: Any,
) -> folium.Map:
    """The map of the parks, their mutaties and kanszones.

    Options: ``dekking``, ``strategie``, ``gemeenten``, ``planstatus_vanaf``, ``lagen``,
    ``tolerantie_m`` (see :func:`build_kaartdata`) and ``basiskaart``, ``asset_base``,
    ``hoogte`` (see :func:`build_map_from_kaartdata`).
    """
    kaart_opties = {k: opties.pop(k) for k in ("basiskaart", "asset_base", "hoogte") if k in opties}
    kaartdata = build_kaartdata(terreinen, mutaties, kanszones, **opties)
    return build_map_from_kaartdata(kaartdata, **kaart_opties)


def build_selectielaag(kaartdata: Kaartdata, terrein_id: str | None) -> folium.FeatureGroup | None:
    """A non-interactive thick outline around the selected park (None when it is not drawn),
    to add to a rendered map without rebuilding it."""
    if not terrein_id or "terreinen" not in kaartdata.lagen:
        return None
    sleutel = escape_tekst(terrein_id)
    features = [f for f in kaartdata.lagen["terreinen"]["features"] if f["properties"]["id"] == sleutel]
    if not features:
        return None
    groep = folium.FeatureGroup(name="Geselecteerd terrein", control=False)
    stijl = {"color": "#111111", "weight": 6, "opacity": 1.0, "fill": False, "className": "kaart-selectie"}
    folium.GeoJson(
        {"type": "FeatureCollection", "features": [{**f, "properties": {}} for f in features]},
        style_function=lambda _f: stijl,
        interactive=False,
        pane="kaart-selectie",
        control=False,
    ).add_to(groep)
    return groep


def measure_payload(m: folium.Map) -> int:
    """Size in bytes of the map as a standalone HTML document (what the browser receives)."""
    return len(m.get_root().render().encode("utf-8"))
