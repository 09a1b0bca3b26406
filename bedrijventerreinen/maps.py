"""Folium map builders for the Kaart page and a static map image for reports.

The map shows four layers, each declared once in :data:`KAARTLAGEN`:

* **terreinen** — every park, filled in the colour of its strategy course
  (:data:`bedrijventerreinen.schema.KOERSEN`);
* **transformatie** — transformation areas, hatched with a dashed outline;
* **aanwinst** — compensation, expansion and intensification areas, each with its own
  colour (:data:`bedrijventerreinen.schema.SOORTEN`) and outline pattern;
* **kanszones** — densification zones, a thick dotted black outline without fill.

The pipeline keeps the house rules: objects are selected and measured in EPSG:28992,
simplified there with a tolerance in metres (:func:`simplify_for_display`), then
projected to EPSG:4326 with coordinates rounded to 6 decimals (about 0.1 m) and only
the columns the tooltip and popup show. Every text value is HTML-escaped before it
reaches folium, because Leaflet tooltips, popups and layer names are HTML.

Leaflet itself is served from the app (``static/``), never from a CDN, so the map works
without internet; only the optional background tiles need the network.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import branca.element
import folium
import geopandas as gpd
import jinja2
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from . import schema
from .balance import compute_compensatiedekking, select_mutaties, uitgeefbaar_ha
from .formatting import format_ha, format_m2, format_pct
from .kanszones import format_ha_equivalent
from .strategy import Strategie

# --------------------------------------------------------------------------------------
# Assets and background maps
# --------------------------------------------------------------------------------------

#: Default URL prefix of the app's static files (Streamlit: ``/<baseUrlPath>/app/static``).
ASSET_BASE = "/app/static"
#: Folder under ``static/`` holding Leaflet (dist files of the npm package, with LICENSE).
LEAFLET_MAP = "leaflet-1.9.4"
#: The only script and stylesheet the map loads: Leaflet, from the app itself.
LEAFLET_JS = f"{LEAFLET_MAP}/leaflet.js"
LEAFLET_CSS = f"{LEAFLET_MAP}/leaflet.css"

#: Display tolerance in RD metres: invisible below zoom level 16 (about 2.4 m per pixel).
TOLERANTIE_M = 2.0
_JINJA = re.compile(r"\{[{%#]")


class _Letterlijk:
    """A template without Jinja syntax: renders to its own text, as Jinja would (Jinja drops one
    trailing newline by default), without compiling it."""

    def __init__(self, bron: str):
        self.bron = bron[:-1] if bron.endswith("\n") else bron

    def render(self, *args: object, **kwargs: object) -> str:
        return self.bron


def _template(bron: str) -> jinja2.Template | _Letterlijk:
    return jinja2.Template(bron) if _JINJA.search(bron) else _Letterlijk(bron)


def _versnel_branca() -> None:
    """Make rendering a folium map about twice as fast, with byte-identical output.

    branca wraps every rendered piece of a map (each layer's script with its GeoJSON, each
    header line) in a new ``Element(text)``, which compiles ``text`` as a Jinja template; for a
    map with a few dozen layers that is over a hundred compilations of large literal strings on
    every rerun (measured: half of st_folium's 160 ms on the Kanszones page). Text without Jinja
    syntax is now kept as it is instead. Only ``branca.element``'s own name ``Template`` is
    replaced; templates declared on classes were compiled at import and are untouched.
    ``tests/test_maps.py`` checks that maps render identically with and without this.
    """
    branca.element.Template = _template  # type: ignore[assignment]


_versnel_branca()

#: Largest relative area change simplification may cause; larger changes keep the original.
MAX_AFWIJKING = 0.01
#: Decimals of WGS84 coordinates sent to the browser (6 decimals ≈ 0.1 m).
DECIMALEN = 6


@dataclass(frozen=True)
class Basiskaart:
    """A background map choice: code, Dutch label, tile URL (None: no background) and attribution."""

    code: str
    label: str
    url: str | None
    attributie: str
    max_zoom: int = 19


#: Light OpenStreetMap-based map (CARTO Positron): pale, so the coloured parks stand out.
BASISKAART_LICHT = Basiskaart(
    "licht",
    "Lichte kaart (OpenStreetMap)",
    "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers &copy; '
    '<a href="https://carto.com/attributions">CARTO</a>',
    20,
)
#: Aerial photo; its tile URL is configurable (default: PDOK Luchtfoto, open data of the Kadaster).
BASISKAART_LUCHTFOTO = Basiskaart(
    "luchtfoto",
    "Luchtfoto",
    "https://service.pdok.nl/hwh/luchtfotorgb/wmts/v1_0/Actueel_orthoHR/EPSG:3857/{z}/{x}/{y}.jpeg",
    'Luchtfoto &copy; <a href="https://www.pdok.nl">PDOK</a> / Beeldmateriaal Nederland',
    19,
)
#: No background: for offline rooms, tests and a calm projector image.
BASISKAART_GEEN = Basiskaart("geen", "Geen achtergrond", None, "")

BASISKAARTEN: tuple[Basiskaart, ...] = (BASISKAART_LICHT, BASISKAART_LUCHTFOTO, BASISKAART_GEEN)


def basiskaarten(luchtfoto_url: str | None = BASISKAART_LUCHTFOTO.url) -> tuple[Basiskaart, ...]:
    """The background choices on offer: the aerial photo only where a tile service is configured
    (``luchtfoto_url`` not empty)."""
    uit = []
    for b in BASISKAARTEN:
        if b.code == "luchtfoto":
            if not luchtfoto_url:
                continue
            b = Basiskaart(b.code, b.label, luchtfoto_url, b.attributie, b.max_zoom)
        uit.append(b)
    return tuple(uit)


# --------------------------------------------------------------------------------------
# Styling and legend, declared once
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stijl:
    """How one category is drawn, used by the web map, its legend and the PNG alike.

    ``kleur`` is the category colour: the fill (or the hatch) and, unless ``lijnkleur``
    says otherwise, the outline; ``vulling`` the fill opacity (0 = no fill); ``streep`` an
    SVG dash pattern; ``arcering`` a diagonal hatch in ``kleur`` instead of a flat fill.
    """

    kleur: str
    vulling: float
    lijndikte: float
    streep: str | None = None
    arcering: bool = False
    lijnkleur: str | None = None

    @property
    def lijn(self) -> str:
        """The outline colour."""
        return self.lijnkleur or self.kleur

    def leaflet(self, klasse: str) -> dict[str, Any]:
        """The Leaflet path options of this style (``klasse`` becomes the SVG class)."""
        uit: dict[str, Any] = {
            "color": self.lijn,
            "weight": self.lijndikte,
            "opacity": 1.0,
            "fillColor": self.kleur,
            "fillOpacity": self.vulling,
            "fill": self.vulling > 0,
            "className": klasse,
        }
        if self.streep:
            uit["dashArray"] = self.streep
        return uit


@dataclass(frozen=True)
class Kaartlaag:
    """One switchable layer of the map: code, Dutch label and what it shows."""

    code: str
    label: str
    uitleg: str


KAARTLAGEN: tuple[Kaartlaag, ...] = (
    Kaartlaag("terreinen", "Bedrijventerreinen", "Alle terreinen, gekleurd naar hun koers in de strategie."),
    Kaartlaag("transformatie", "Transformaties", "Bedrijfsgrond die een andere functie krijgt (gearceerd)."),
    Kaartlaag(
        "aanwinst",
        "Compensatie en uitbreiding",
        "Nieuwe bedrijfsgrond: compensatie, uitbreiding en intensivering.",
    ),
    Kaartlaag("kanszones", "Kanszones", "Zones waar verdichting ruimte kan winnen."),
)
KAARTLAAG_CODES: tuple[str, ...] = tuple(k.code for k in KAARTLAGEN)

#: Which mutatie soorten each mutatie layer draws. Uitgifte is not drawn: it does not change the stock.
SOORTEN_PER_LAAG: dict[str, tuple[str, ...]] = {
    "transformatie": ("transformatie",),
    "aanwinst": ("compensatie", "uitbreiding", "intensivering"),
}
KAART_SOORTEN: tuple[str, ...] = tuple(s for soorten in SOORTEN_PER_LAAG.values() for s in soorten)

_KOERS_KLEUR = {c.code: c.kleur for c in schema.KOERSEN}
_SOORT_KLEUR = {c.code: c.kleur for c in schema.SOORTEN}

#: Parks of a koers outside :data:`schema.KOERSEN` (user data): grey, labelled as such.
ONBEKENDE_KOERS = schema.Categorie("onbekend", "Koers onbekend", "#7f7f7f", "Koers ontbreekt of is onbekend.")
#: Kanszones are a layer, not a category: their one style is declared here.
KANSZONE = schema.Categorie("kanszone", "Kanszone", "#111111", "Zone waar verdichting ruimte kan winnen.")

#: Outline of compensation, expansion and intensification areas.
MUTATIE_LIJN = "#1a1a1a"
_MUTATIE_STREEP = {"transformatie": "8 5", "compensatie": None, "uitbreiding": "12 4 2 4", "intensivering": "2 5"}


def stijl_terrein(koers: str) -> Stijl:
    """Style of a park: filled in its koers colour (grey when unknown)."""
    return Stijl(_KOERS_KLEUR.get(koers, ONBEKENDE_KOERS.kleur), 0.55, 2.0)


def stijl_mutatie(soort: str) -> Stijl:
    """Style of a mutatie area: a transformation hatched in its colour with a dashed outline;
    the other soorten a strong fill with a thick near-black outline in their own dash
    pattern, so they stand apart from the paler parks (compensatie's blue is close to the
    koers behouden) and from each other without relying on colour alone."""
    kleur = _SOORT_KLEUR.get(soort, "#7f7f7f")
    if soort == "transformatie":
        return Stijl(kleur, 0.9, 3.5, _MUTATIE_STREEP[soort], arcering=True)
    return Stijl(kleur, 0.8, 2.5, _MUTATIE_STREEP.get(soort), lijnkleur=MUTATIE_LIJN)


STIJL_KANSZONE = Stijl(KANSZONE.kleur, 0.0, 4.0, "1 7")


@dataclass(frozen=True)
class Legendapost:
    """One line of the legend: group, category code, Dutch label, explanation and style."""

    groep: str
    code: str
    label: str
    uitleg: str
    stijl: Stijl


def legenda(onbekende_koers: bool = False) -> list[Legendapost]:
    """The legend: every koers, every drawn mutatie soort and the kanszone, with exactly the
    style the map draws them in (same :class:`Stijl` objects)."""
    posten = [
        Legendapost("Koers van het terrein", c.code, c.label, c.uitleg, stijl_terrein(c.code)) for c in schema.KOERSEN
    ]
    if onbekende_koers:
        posten.append(
            Legendapost(
                "Koers van het terrein",
                ONBEKENDE_KOERS.code,
                ONBEKENDE_KOERS.label,
                ONBEKENDE_KOERS.uitleg,
                stijl_terrein(ONBEKENDE_KOERS.code),
            )
        )
    soorten = {c.code: c for c in schema.SOORTEN}
    posten += [Legendapost("Mutaties", s, soorten[s].label, soorten[s].uitleg, stijl_mutatie(s)) for s in KAART_SOORTEN]
    posten.append(Legendapost("Verdichting", KANSZONE.code, KANSZONE.label, KANSZONE.uitleg, STIJL_KANSZONE))
    return posten


def _arcering_id(kleur: str) -> str:
    return "kaart-arcering-" + kleur.lstrip("#").lower()


def _svg_arcering(kleur: str) -> str:
    """An SVG pattern of diagonal stripes in ``kleur`` on white."""
    return (
        f'<pattern id="{_arcering_id(kleur)}" patternUnits="userSpaceOnUse" width="9" height="9" '
        f'patternTransform="rotate(45)"><rect width="9" height="9" fill="#ffffff"/>'
        f'<rect width="4" height="9" fill="{html.escape(kleur)}"/></pattern>'
    )


def _svg_swatch(stijl: Stijl) -> str:
    """A legend swatch drawing ``stijl`` the way Leaflet draws the polygons."""
    if stijl.arcering:
        vulling = f"url(#{_arcering_id(stijl.kleur)})"
    elif stijl.vulling > 0:
        vulling = html.escape(stijl.kleur)
    else:
        vulling = "none"
    streep = f' stroke-dasharray="{html.escape(stijl.streep)}"' if stijl.streep else ""
    opacity = 1.0 if stijl.arcering else stijl.vulling
    return (
        '<svg width="34" height="22" aria-hidden="true">'
        f'<rect x="2" y="2" width="30" height="18" fill="{vulling}" fill-opacity="{opacity}" '
        f'stroke="{html.escape(stijl.lijn)}" stroke-width="{min(stijl.lijndikte, 3.5)}" '
        f'stroke-linecap="round" stroke-linejoin="round"{streep}/></svg>'
    )


def legenda_html(posten: Iterable[Legendapost]) -> str:
    """The legend as HTML (every label escaped), grouped, swatches drawn with the map's styles."""
    regels = []
    groep = None
    for p in posten:
        if p.groep != groep:
            groep = p.groep
            regels.append(f'<div class="kaart-legenda-groep">{html.escape(groep)}</div>')
        regels.append(
            f'<div class="kaart-legenda-post" data-code="{html.escape(p.code)}" title="{html.escape(p.uitleg)}">'
            f"{_svg_swatch(p.stijl)}<span>{html.escape(p.label)}</span></div>"
        )
    return '<div class="kaart-legenda-titel">Legenda</div>' + "".join(regels)


_KAART_CSS = """
<style>
.leaflet-container { background: #ffffff; font-size: 16px; }
.leaflet-tooltip, .leaflet-popup-content { font-size: 16px; line-height: 1.35; color: #111111; }
.leaflet-tooltip th, .leaflet-popup-content th { text-align: left; padding-right: 10px; font-weight: 600; }
.leaflet-popup-content { min-width: 240px; }
.leaflet-control-layers { font-size: 16px; }
.kaart-legenda { background: rgba(255,255,255,0.95); padding: 8px 12px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,0.4); font-size: 15px; color: #111111; max-width: 260px; }
.kaart-legenda-titel { font-weight: 700; font-size: 16px; margin-bottom: 2px; }
.kaart-legenda-groep { font-weight: 600; margin-top: 6px; }
.kaart-legenda-post { display: flex; align-items: center; gap: 8px; line-height: 24px; }
%(arcering_css)s
</style>
"""


class _Legenda(MacroElement):
    """The legend as a Leaflet control in the bottom-left corner."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomleft"});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", "kaart-legenda");
            div.innerHTML = {{ this.inhoud | tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, inhoud: str):
        super().__init__()
        self._name = "Legenda"
        self.inhoud = inhoud


class _Schaal(MacroElement):
    """A metric-only scale bar (folium's ``control_scale`` adds miles too)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({metric: true, imperial: false, maxWidth: 160}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class _BewaarBeeld(MacroElement):
    """Keeps the view (centre, zoom) of a map in the browser's sessionStorage, under a key
    for the drawn content, and restores it when the same content is drawn again (back on
    the page, or after Streamlit remounts the component). A different selection has a
    different key, so it opens fitted to its own bounds.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (kaart) {
            var sleutel = "kaartbeeld:" + {{ this.sleutel | tojson }};
            try {
                var beeld = JSON.parse(window.sessionStorage.getItem(sleutel) || "null");
                if (beeld) { kaart.setView([beeld.lat, beeld.lng], beeld.zoom, {animate: false}); }
            } catch (e) {}
            kaart.on("moveend", function () {
                try {
                    var c = kaart.getCenter();
                    window.sessionStorage.setItem(sleutel, JSON.stringify({lat: c.lat, lng: c.lng, zoom: kaart.getZoom()}));
                } catch (e) {}
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, sleutel: str):
        super().__init__()
        self._name = "BewaarBeeld"
        self.sleutel = sleutel


# --------------------------------------------------------------------------------------
# Selection and simplification (pure, in EPSG:28992)
# --------------------------------------------------------------------------------------


def _heeft_contour(gdf: gpd.GeoDataFrame) -> np.ndarray:
    """Per row: True when it has a geometry to draw (not missing, not empty)."""
    geom = np.asarray(gdf.geometry.to_numpy(), dtype=object)
    return ~shapely.is_missing(geom) & ~shapely.is_empty(geom)


def _met_geometrie(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gdf[_heeft_contour(gdf)]


def _in_rd(gdf: gpd.GeoDataFrame | pd.DataFrame) -> gpd.GeoDataFrame:
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.active_geometry_name is None:
        # a register table without any contour: every row counts, none is drawn
        attributen = pd.DataFrame(gdf).drop(columns="geometry", errors="ignore")
        return gpd.GeoDataFrame(attributen, geometry=[None] * len(gdf), crs=schema.CRS_RD)
    if gdf.crs is None:
        return gdf.set_crs(schema.CRS_RD)
    return gdf if gdf.crs == schema.CRS_RD else gdf.to_crs(schema.CRS_RD)


def select_kaartobjecten(
    terreinen: gpd.GeoDataFrame,
    mutaties: gpd.GeoDataFrame | None = None,
    kanszones: gpd.GeoDataFrame | None = None,
    *,
    gemeenten: Iterable[str] | None = None,
    planstatus_vanaf: str = "idee",
    strategie: Strategie | None = None,
    lagen: Iterable[str] = KAARTLAAG_CODES,
) -> dict[str, gpd.GeoDataFrame]:
    """The objects each switched-on layer draws, in EPSG:28992 (the layer filter logic).

    * terreinen: parks in ``gemeenten`` (all when None) that have a geometry;
    * transformatie / aanwinst: mutaties of the layer's soorten (:data:`SOORTEN_PER_LAAG`)
      in ``gemeenten`` that *count* under ``planstatus_vanaf`` — with a ``strategie`` by the
      rule of the hectare balance (:func:`bedrijventerreinen.balance.select_mutaties`, so
      the map shows what the balance counts), without one by planstatus alone — and have
      a geometry;
    * kanszones: zones whose terrein is one of the selected parks.

    Layers not in ``lagen`` are left out of the result.
    """
    lagen = [laag for laag in lagen if laag in KAARTLAAG_CODES]
    gemeenten = None if gemeenten is None else list(gemeenten)
    uit: dict[str, gpd.GeoDataFrame] = {}

    t = _in_rd(terreinen)
    if gemeenten is not None:
        t = t[t["gemeente"].isin(gemeenten).fillna(False).to_numpy()]
    if "terreinen" in lagen:
        uit["terreinen"] = _met_geometrie(t)  # a park without contour is listed beside the map

    for laag, soorten in SOORTEN_PER_LAAG.items():
        if laag not in lagen:
            continue
        if mutaties is None or mutaties.empty:
            uit[laag] = _in_rd(schema.empty("mutaties"))
            continue
        m = _in_rd(mutaties)
        if strategie is not None:
            m = select_mutaties(m, strategie, planstatus_vanaf)
        else:
            rang = m["planstatus"].map(schema.PLANSTATUS_RANG)
            m = m[rang.le(schema.PLANSTATUS_RANG[planstatus_vanaf]).fillna(False).astype(bool).to_numpy()]
        m = m[m["soort"].isin(soorten).fillna(False).to_numpy()]
        if gemeenten is not None:
            m = m[m["gemeente"].isin(gemeenten).fillna(False).to_numpy()]
        uit[laag] = _met_geometrie(m)

    if "kanszones" in lagen:
        if kanszones is None or kanszones.empty:
            uit["kanszones"] = _in_rd(schema.empty("kanszones"))
        else:
            k = _in_rd(kanszones)
            k = k[k["terrein_id"].isin(t["terrein_id"]).fillna(False).to_numpy()]
            uit["kanszones"] = _met_geometrie(k)
    return uit


def select_zonder_contour(terreinen: pd.DataFrame, gemeenten: Iterable[str] | None = None) -> pd.DataFrame:
    """The parks in ``gemeenten`` (all when None) that have no contour to draw (geometry
    missing or empty, e.g. added from a register table): terrein_id, naam, gemeente,
    rin_nummer, bruto_ha, netto_ha, ordered by gemeente and name. They count in every figure;
    the map lists them instead of drawing them."""
    t = _in_rd(terreinen)
    if gemeenten is not None:
        t = t[t["gemeente"].isin(list(gemeenten)).fillna(False).to_numpy()]
    kolommen = ["terrein_id", "naam", "gemeente", "rin_nummer", "bruto_ha", "netto_ha"]
    uit = pd.DataFrame(t.loc[~_heeft_contour(t), [k for k in kolommen if k in t.columns]])
    for k in kolommen:
        if k not in uit.columns:
            uit[k] = pd.NA
    return uit[kolommen].sort_values(["gemeente", "naam"], kind="stable", na_position="last").reset_index(drop=True)


def simplify_for_display(
    gdf: gpd.GeoDataFrame,
    tolerantie_m: float = TOLERANTIE_M,
    max_afwijking: float = MAX_AFWIJKING,
) -> gpd.GeoDataFrame:
    """Geometries simplified for display, returned in EPSG:4326 with coordinates rounded
    to :data:`DECIMALEN` decimals.

    Simplification happens in EPSG:28992 with ``tolerantie_m`` metres (topology-preserving
    Douglas-Peucker). Invalid input is repaired first (``make_valid``). A geometry whose
    simplified form is invalid, empty or differs more than ``max_afwijking`` (relative)
    in area from the repaired original is tried again with half and a quarter of the
    tolerance, and otherwise keeps the repaired original, so every shape stays valid and
    within that margin of its area. Rows without geometry are dropped.
    """
    rd = _met_geometrie(_in_rd(gdf))
    geoms = np.array(rd.geometry.to_numpy(), dtype=object, copy=True)  # never modify the caller's frame
    geldig = shapely.is_valid(geoms)
    if not geldig.all():
        geoms = np.where(geldig, geoms, shapely.make_valid(geoms))
    oppervlak = shapely.area(geoms)
    # simplification may use three quarters of the margin: rounding the WGS84 coordinates
    # afterwards moves the area a little too (a hypothesis case landed at 1,01 %)
    grens = 0.75 * max_afwijking * np.where(oppervlak > 0, oppervlak, np.inf)
    open_ = np.ones(len(geoms), dtype=bool)  # still at full detail
    # Try the tolerance, then half and a quarter of it, for shapes the coarser step changed too much.
    for stap in (tolerantie_m, tolerantie_m / 2, tolerantie_m / 4):
        if stap <= 0 or not open_.any():
            break
        eenvoudig = shapely.simplify(geoms[open_], stap, preserve_topology=True)
        goed = (
            shapely.is_valid(eenvoudig)
            & ~shapely.is_empty(eenvoudig)
            & (np.abs(shapely.area(eenvoudig) - oppervlak[open_]) <= grens[open_])
        )
        index = np.flatnonzero(open_)[goed]
        geoms[index] = eenvoudig[goed]
        open_[index] = False
    uit = gpd.GeoDataFrame(rd.drop(columns=rd.geometry.name), geometry=list(geoms), crs=schema.CRS_RD)
    uit = uit.to_crs(schema.CRS_WEB)
    uit.geometry = shapely.transform(uit.geometry.to_numpy(), lambda c: np.round(c, DECIMALEN))
    return uit


# --------------------------------------------------------------------------------------
# Display GeoJSON: escaped, formatted, only the shown columns
# --------------------------------------------------------------------------------------


def escape_tekst(waarde: Any) -> str:
    """A value as HTML-safe text: ``&``, ``<``, ``>`` and quotes escaped; '–' when missing."""
    if waarde is None or waarde is pd.NA or (isinstance(waarde, float) and math.isnan(waarde)):
        return "–"
    return html.escape(str(waarde), quote=True)


def _ha(waarde: Any) -> str:
    if waarde is None or pd.isna(waarde):
        return "–"
    return format_ha(float(waarde))


#: The fields each layer's tooltip and popup show: property -> Dutch label.
TOOLTIP_VELDEN: dict[str, dict[str, str]] = {
    "terreinen": {"naam": "Terrein", "gemeente": "Gemeente", "koers": "Koers", "netto": "Netto"},
    "transformatie": {"naam": "Transformatie", "gemeente": "Gemeente", "ha": "Hectare", "dekking": "Gecompenseerd"},
    "aanwinst": {"naam": "Locatie", "soort": "Soort", "gemeente": "Gemeente", "ha": "Hectare"},
    "kanszones": {"naam": "Kanszone", "terrein": "Terrein", "potentie": "Potentie"},
}
POPUP_VELDEN: dict[str, dict[str, str]] = {
    "terreinen": {
        "naam": "Terrein",
        "gemeente": "Gemeente",
        "koers": "Koers",
        "bruto": "Bruto",
        "netto": "Netto",
        "uitgeefbaar": "Uitgeefbaar",
        "milieucategorie": "Milieucategorie (max.)",
        "bron": "Bron",
    },
    "transformatie": {
        "naam": "Transformatie",
        "gemeente": "Gemeente",
        "ha": "Hectare (netto)",
        "planstatus": "Planstatus",
        "jaar": "Jaar",
        "dekking": "Gecompenseerd",
        "toelichting": "Toelichting",
    },
    "aanwinst": {
        "naam": "Locatie",
        "soort": "Soort",
        "gemeente": "Gemeente",
        "ha": "Hectare (netto)",
        "planstatus": "Planstatus",
        "jaar": "Jaar",
        "toelichting": "Toelichting",
    },
    "kanszones": {
        "naam": "Kanszone",
        "terrein": "Terrein",
        "maatregel": "Maatregel",
        "potentie": "Potentie",
        "status": "Status",
        "toelichting": "Toelichting",
    },
}


def _dekking_tekst(rij: pd.Series | None) -> str:
    if rij is None:
        return "–"
    tekst = (
        f"{format_ha(float(rij['gedekt_ha']))} van {format_ha(float(rij['ha']))} ({format_pct(float(rij['dekking']))})"
    )
    if float(rij["gedekt_elders_ha"]) > 0:
        tekst += f", waarvan {format_ha(float(rij['gedekt_elders_ha']))} in een andere gemeente"
    return tekst


def _eigenschappen(
    laag: str,
    gdf: pd.DataFrame,
    dekking: pd.DataFrame | None,
    terreinnamen: Mapping[str, str],
) -> list[dict[str, str]]:
    """Display properties per object: the tooltip/popup fields (Dutch, formatted, escaped)
    plus the keys the click handler needs (``laag``, ``id``; ``terrein_id`` for mutaties
    and kanszones, a park's own ``id`` is its terrein_id) and the style key (``stijl``)."""
    rijen = []
    if laag == "terreinen":
        # the IBIS total where the register gives it, else terstond + niet terstond; unknown stays empty
        delen = gdf[["uitgeefbaar_ha", "uitgeefbaar_terstond_ha", "uitgeefbaar_niet_terstond_ha"]].astype("Float64")
        uitgeefbaar = uitgeefbaar_ha(gdf).where(delen.notna().any(axis=1))
        for r, vrij in zip(gdf.itertuples(index=False), uitgeefbaar, strict=True):
            rijen.append(
                {
                    "laag": laag,
                    "id": escape_tekst(r.terrein_id),
                    "stijl": r.koers if r.koers in _KOERS_KLEUR else ONBEKENDE_KOERS.code,
                    "naam": escape_tekst(r.naam),
                    "gemeente": escape_tekst(r.gemeente),
                    "koers": escape_tekst(schema.label(schema.KOERSEN, r.koers) if pd.notna(r.koers) else None),
                    "bruto": _ha(r.bruto_ha),
                    "netto": _ha(r.netto_ha),
                    "uitgeefbaar": _ha(vrij),
                    "milieucategorie": escape_tekst(r.milieucategorie_max),
                    "bron": escape_tekst(r.bron),
                }
            )
    elif laag in SOORTEN_PER_LAAG:
        per_id = dekking.set_index("mutatie_id") if dekking is not None and not dekking.empty else None
        for r in gdf.itertuples(index=False):
            rij = None
            if per_id is not None and r.mutatie_id in per_id.index:
                rij = per_id.loc[r.mutatie_id]
                rij = rij.iloc[0] if isinstance(rij, pd.DataFrame) else rij
            props = {
                "laag": laag,
                "id": escape_tekst(r.mutatie_id),
                "terrein_id": escape_tekst(r.terrein_id) if pd.notna(r.terrein_id) else "",
                "stijl": r.soort,
                "naam": escape_tekst(r.naam),
                "soort": escape_tekst(schema.label(schema.SOORTEN, r.soort)),
                "gemeente": escape_tekst(r.gemeente),
                "ha": _ha(r.ha),
                "planstatus": escape_tekst(schema.label(schema.PLANSTATUS, r.planstatus)),
                "jaar": escape_tekst(r.jaar),
                "toelichting": escape_tekst(r.toelichting),
            }
            if laag == "transformatie":
                props["dekking"] = _dekking_tekst(rij) if dekking is not None else "–"
            rijen.append(props)
    elif laag == "kanszones":
        for r in gdf.itertuples(index=False):
            potentie = []
            if pd.notna(r.potentie_m2_bvo):
                potentie.append(f"{format_m2(r.potentie_m2_bvo)} bvo")
            if pd.notna(r.potentie_ha):
                potentie.append(format_ha_equivalent(float(r.potentie_ha), 2))
            rijen.append(
                {
                    "laag": laag,
                    "id": escape_tekst(r.kanszone_id),
                    "terrein_id": escape_tekst(r.terrein_id),
                    "stijl": KANSZONE.code,
                    "naam": escape_tekst(r.naam),
                    "terrein": escape_tekst(terreinnamen.get(r.terrein_id, r.terrein_id)),
                    "maatregel": escape_tekst(r.maatregel),
                    "potentie": " · ".join(potentie) or "–",
                    "status": escape_tekst(r.status),
                    "toelichting": escape_tekst(r.toelichting),
                }
            )
    velden = {"laag", "id", "terrein_id", "stijl"} | set(TOOLTIP_VELDEN[laag]) | set(POPUP_VELDEN[laag])
    return [{k: v for k, v in p.items() if k in velden} for p in rijen]


@dataclass(frozen=True)
class Kaartdata:
    """Display-ready map content: one GeoJSON FeatureCollection (EPSG:4326, simplified,
    escaped properties) per switched-on layer, and the bounds to fit the view to.

    ``bounds`` is ((south, west), (north, east)) of everything drawn, None when empty.
    Plain data (picklable), so it can be cached per store version.
    """

    lagen: dict[str, dict[str, Any]]
    bounds: tuple[tuple[float, float], tuple[float, float]] | None
    onbekende_koers: bool = False

    @property
    def aantallen(self) -> dict[str, int]:
        """Number of drawn objects per layer."""
        return {laag: len(fc["features"]) for laag, fc in self.lagen.items()}


def _feature_collection(gdf: gpd.GeoDataFrame, props: list[dict[str, str]]) -> dict[str, Any]:
    features = [
        {"type": "Feature", "id": i, "properties": p, "geometry": g.__geo_interface__}
        for i, (g, p) in enumerate(zip(gdf.geometry, props, strict=True))
    ]
    return {"type": "FeatureCollection", "features": features}


def build_kaartdata(
    terreinen: gpd.GeoDataFrame,
    mutaties: gpd.GeoDataFrame | None = None,
    kanszones: gpd.GeoDataFrame | None = None,
    *,
    koppelingen: pd.DataFrame | None = None,
    strategie: Strategie | None = None,
    gemeenten: Iterable[str] | None = None,
    planstatus_vanaf: str = "idee",
    lagen: Iterable[str] = KAARTLAAG_CODES,
    tolerantie_m: float = TOLERANTIE_M,
) -> Kaartdata:
    """Select (:func:`select_kaartobjecten`), simplify (:func:`simplify_for_display`) and
    describe the map objects.

    A transformation's "Gecompenseerd" is its coverage by linked, counted compensation
    under ``planstatus_vanaf`` (:func:`bedrijventerreinen.balance.compute_compensatiedekking`);
    it needs ``koppelingen`` and ``strategie`` and shows '–' without them.
    """
    objecten = select_kaartobjecten(
        terreinen,
        mutaties,
        kanszones,
        gemeenten=gemeenten,
        planstatus_vanaf=planstatus_vanaf,
        strategie=strategie,
        lagen=lagen,
    )
    dekking = None
    if mutaties is not None and koppelingen is not None and strategie is not None and "transformatie" in objecten:
        dekking = compute_compensatiedekking(mutaties, koppelingen, strategie, planstatus_vanaf)
    terreinnamen = dict(zip(terreinen["terrein_id"], terreinen["naam"], strict=True))

    uit: dict[str, dict[str, Any]] = {}
    grenzen = []
    for laag in KAARTLAAG_CODES:
        if laag not in objecten:
            continue
        weergave = simplify_for_display(objecten[laag], tolerantie_m)
        uit[laag] = _feature_collection(weergave, _eigenschappen(laag, weergave, dekking, terreinnamen))
        if not weergave.empty:
            grenzen.append(weergave.total_bounds)
    bounds = None
    if grenzen:
        b = np.array(grenzen)
        bounds = ((float(b[:, 1].min()), float(b[:, 0].min())), (float(b[:, 3].max()), float(b[:, 2].max())))
    onbekend = "terreinen" in objecten and not objecten["terreinen"]["koers"].isin(list(_KOERS_KLEUR)).all()
    return Kaartdata(uit, bounds, bool(onbekend))


# --------------------------------------------------------------------------------------
# The folium map
# --------------------------------------------------------------------------------------

#: Drawing order (z-index of each layer's map pane): parks below, kanszones on top.
_PANE_Z = {"terreinen": 410, "aanwinst": 420, "transformatie": 430, "kanszones": 440, "selectie": 450}


def _stijl_van(laag: str, code: str) -> Stijl:
    if laag == "terreinen":
        return stijl_terrein(code)
    if laag == "kanszones":
        return STIJL_KANSZONE
    return stijl_mutatie(code)


def _klasse(laag: str, code: str) -> str:
    stijl = _stijl_van(laag, code)
    klasse = f"kaart-{laag} kaart-stijl-{code}"
    if stijl.arcering:
        klasse += f" kaart-arcering-{stijl.kleur.lstrip('#').lower()}"
    return klasse


def _geojson_laag(laag: str, code: str, features: list[dict[str, Any]]) -> folium.GeoJson:
    stijl = _stijl_van(laag, code).leaflet(_klasse(laag, code))
    accent = {**stijl, "weight": stijl["weight"] + 2.5, "fillOpacity": min(1.0, stijl["fillOpacity"] + 0.15)}
    tooltip_velden = TOOLTIP_VELDEN[laag]
    popup_velden = POPUP_VELDEN[laag]
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda _f, s=stijl: s,
        highlight_function=lambda _f, s=accent: s,
        tooltip=folium.GeoJsonTooltip(
            fields=list(tooltip_velden),
            aliases=[html.escape(a) for a in tooltip_velden.values()],
            sticky=True,
        ),
        popup=folium.GeoJsonPopup(
            fields=list(popup_velden),
            aliases=[html.escape(a) for a in popup_velden.values()],
            localize=False,
        ),
        pane=f"kaart-{laag}",
        control=False,
    )


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
    if isinstance(basiskaart, str):
        basiskaart = next((b for b in BASISKAARTEN if b.code == basiskaart), BASISKAART_GEEN)
    m = folium.Map(location=[52.16, 4.49], zoom_start=12, tiles=None, height=hoogte, zoom_snap=0.25)
    base = asset_base.rstrip("/")
    m.default_js = [("leaflet", f"{base}/{LEAFLET_JS}")]
    m.default_css = [("leaflet_css", f"{base}/{LEAFLET_CSS}")]

    if basiskaart.url:
        folium.TileLayer(
            tiles=basiskaart.url,
            attr=basiskaart.attributie,
            name=html.escape(basiskaart.label),
            max_zoom=basiskaart.max_zoom,
            control=False,
        ).add_to(m)

    posten = legenda(kaartdata.onbekende_koers)
    arceringen = sorted({p.stijl.kleur for p in posten if p.stijl.arcering})
    css = "\n".join(f"path.{_arcering_id(k)} {{ fill: url(#{_arcering_id(k)}); }}" for k in arceringen)
    m.get_root().header.add_child(Element(_KAART_CSS % {"arcering_css": css}), name="kaart_css")
    defs = "".join(_svg_arcering(k) for k in arceringen)
    m.get_root().html.add_child(
        Element(f'<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>{defs}</defs></svg>'),
        name="kaart_arcering",
    )

    for laag, z in _PANE_Z.items():
        folium.map.CustomPane(f"kaart-{laag}", z_index=z).add_to(m)

    labels = {k.code: k.label for k in KAARTLAGEN}
    for laag in KAARTLAAG_CODES:
        fc = kaartdata.lagen.get(laag)
        if fc is None:
            continue
        n = len(fc["features"])
        groep = folium.FeatureGroup(name=html.escape(f"{labels[laag]} ({n})"), overlay=True, show=True)
        per_stijl: dict[str, list[dict[str, Any]]] = {}
        for f in fc["features"]:
            per_stijl.setdefault(f["properties"]["stijl"], []).append(f)
        for code, features in per_stijl.items():
            _geojson_laag(laag, code, features).add_to(groep)
        groep.add_to(m)

    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    _Legenda(legenda_html(posten)).add_to(m)
    _Schaal().add_to(m)
    if kaartdata.bounds is not None:
        # Keep the legend (bottom left, ~180 px wide) and the layer switch (top right) clear.
        m.fit_bounds(
            [list(kaartdata.bounds[0]), list(kaartdata.bounds[1])],
            padding_top_left=(190, 20),
            padding_bottom_right=(60, 20),
        )
        inhoud = json.dumps([kaartdata.bounds, sorted(kaartdata.aantallen.items())])
        _BewaarBeeld(hashlib.sha1(inhoud.encode()).hexdigest()[:16]).add_to(m)
    return m


def build_map(
    terreinen: gpd.GeoDataFrame,
    mutaties: gpd.GeoDataFrame | None = None,
    kanszones: gpd.GeoDataFrame | None = None,
    **opties: Any,
) -> folium.Map:
    """The map of the parks, their mutaties and kanszones.

    Options: ``koppelingen``, ``strategie``, ``gemeenten``, ``planstatus_vanaf``, ``lagen``,
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


# --------------------------------------------------------------------------------------
# Clicks
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kaartklik:
    """What was clicked: the layer, the object's key and the park it belongs to (if any)."""

    laag: str
    object_id: str
    terrein_id: str | None


def parse_kaartklik(uitvoer: Mapping[str, Any] | None) -> Kaartklik | None:
    """The clicked object from ``st_folium``'s returned dict, or None.

    Reads ``last_active_drawing`` (the GeoJSON feature of the clicked shape, with the
    display properties of :func:`build_kaartdata`). Keys were HTML-escaped for the map
    and are unescaped here, so they equal the keys in the store.
    """
    if not isinstance(uitvoer, Mapping):
        return None
    feature = uitvoer.get("last_active_drawing")
    if not isinstance(feature, Mapping):
        return None
    props = feature.get("properties")
    if not isinstance(props, Mapping):
        return None
    laag, object_id = props.get("laag"), props.get("id")
    if laag not in KAARTLAAG_CODES or not isinstance(object_id, str) or not object_id:
        return None
    terrein_id = object_id if laag == "terreinen" else props.get("terrein_id")
    terrein_id = html.unescape(terrein_id) if isinstance(terrein_id, str) and terrein_id else None
    return Kaartklik(laag, html.unescape(object_id), terrein_id)


# --------------------------------------------------------------------------------------
# Details of one park (the panel beside the map)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Terreindetail:
    """Everything the details panel shows about one park; texts Dutch, numbers formatted.

    ``kerncijfers``: (label, text) pairs of the park's hectares from the register;
    ``mutaties``: its mutaties, all planstatus, with whether each counts under the
    selected horizon; ``bevindingen``: the strategy findings about the park or its mutaties.
    """

    terrein_id: str
    naam: str
    gemeente: str
    koers: str
    koers_uitleg: str
    kerncijfers: list[tuple[str, str]]
    mutaties: pd.DataFrame
    bevindingen: pd.DataFrame


def describe_terrein(
    terrein_id: str,
    terreinen: pd.DataFrame,
    mutaties: pd.DataFrame,
    koppelingen: pd.DataFrame,
    strategie: Strategie,
    planstatus_vanaf: str,
    bevindingen: pd.DataFrame,
) -> Terreindetail | None:
    """The details of park ``terrein_id`` (None when unknown).

    Hectares are the register values of the park (bruto, netto, uitgegeven, uitgeefbaar
    terstond / niet terstond). Mutaties are those with this ``terrein_id``; "Telt mee" says
    whether the hectare balance counts it under ``planstatus_vanaf``
    (:func:`bedrijventerreinen.balance.select_mutaties`); "Gecompenseerd" is the coverage of
    a counted transformation (:func:`bedrijventerreinen.balance.compute_compensatiedekking`).
    Bevindingen are the rows of ``bevindingen`` whose object is the park or one of its mutaties.
    """
    rij = terreinen[terreinen["terrein_id"] == terrein_id]
    if rij.empty:
        return None
    r = rij.iloc[0]
    kerncijfers = [
        ("Bruto", format_ha(r["bruto_ha"])),
        ("Netto", format_ha(r["netto_ha"])),
        ("Uitgegeven", _ha(r["uitgegeven_ha"])),
        ("Uitgeefbaar", format_ha(float(uitgeefbaar_ha(rij).iloc[0]))),
    ]
    kerncijfers += [
        (label, _ha(r[kolom]))
        for label, kolom in (("waarvan terstond", "uitgeefbaar_terstond_ha"), ("waarvan niet terstond", "uitgeefbaar_niet_terstond_ha"))
        if pd.notna(r[kolom])
    ]  # fmt: skip
    if pd.notna(r.get("peiljaar")):
        kerncijfers.append(
            (
                "Stand",
                f"IBIS {int(r['peiljaar'])} (RIN {r['rin_nummer']})"
                if pd.notna(r.get("rin_nummer"))
                else f"peiljaar {int(r['peiljaar'])}",
            )
        )
    eigen = mutaties[mutaties["terrein_id"] == terrein_id]
    geteld = set(select_mutaties(eigen, strategie, planstatus_vanaf)["mutatie_id"])
    dekking = compute_compensatiedekking(mutaties, koppelingen, strategie, planstatus_vanaf).set_index("mutatie_id")
    tabel = pd.DataFrame(
        {
            "Mutatie": eigen["naam"].astype(str).to_numpy(),
            "Soort": [schema.label(schema.SOORTEN, s) for s in eigen["soort"]],
            "Hectare": [_ha(v) for v in eigen["ha"]],
            "Planstatus": [schema.label(schema.PLANSTATUS, s) for s in eigen["planstatus"]],
            "Jaar": [str(int(j)) if pd.notna(j) else "–" for j in eigen["jaar"]],
            "Telt mee": ["ja" if m in geteld else "nee" for m in eigen["mutatie_id"]],
            "Gecompenseerd": [
                _dekking_tekst(dekking.loc[m]) if m in dekking.index else "–" for m in eigen["mutatie_id"]
            ],
        }
    )
    tabel = tabel.iloc[np.argsort(eigen["jaar"].fillna(9999).to_numpy(), kind="stable")].reset_index(drop=True)
    objecten = {terrein_id, *eigen["mutatie_id"]}
    bev = bevindingen[bevindingen["object_id"].isin(objecten)] if not bevindingen.empty else bevindingen
    bev_tabel = pd.DataFrame(
        {
            "Ernst": [schema.label(schema.ERNST, e) for e in bev.get("ernst", [])],
            "Bevinding": list(bev.get("tekst", [])),
        }
    )
    koers = str(r["koers"]) if pd.notna(r["koers"]) else ""
    uitleg = next((c.uitleg for c in schema.KOERSEN if c.code == koers), ONBEKENDE_KOERS.uitleg)
    return Terreindetail(
        terrein_id=str(terrein_id),
        naam=str(r["naam"]),
        gemeente=str(r["gemeente"]),
        koers=schema.label(schema.KOERSEN, koers) if koers else ONBEKENDE_KOERS.label,
        koers_uitleg=uitleg,
        kerncijfers=kerncijfers,
        mutaties=tabel,
        bevindingen=bev_tabel,
    )


# --------------------------------------------------------------------------------------
# Static image for reports
# --------------------------------------------------------------------------------------


def render_map_png(
    terreinen: gpd.GeoDataFrame,
    mutaties: gpd.GeoDataFrame | None = None,
    kanszones: gpd.GeoDataFrame | None = None,
    *,
    strategie: Strategie | None = None,
    gemeenten: Iterable[str] | None = None,
    planstatus_vanaf: str = "idee",
    lagen: Iterable[str] = KAARTLAAG_CODES,
    titel: str | None = None,
    breedte_inch: float = 10.0,
    hoogte_inch: float = 7.0,
    dpi: int = 150,
) -> bytes:
    """The map as a PNG image for reports: the same objects (:func:`select_kaartobjecten`)
    and styles (:class:`Stijl`, transformations hatched) as the web map, drawn in
    EPSG:28992 with matplotlib, no background tiles, a Dutch legend and a 1 km scale bar.
    Returns the PNG bytes.
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle

    objecten = select_kaartobjecten(
        terreinen,
        mutaties,
        kanszones,
        gemeenten=gemeenten,
        planstatus_vanaf=planstatus_vanaf,
        strategie=strategie,
        lagen=lagen,
    )
    fig = Figure(figsize=(breedte_inch, hoogte_inch), dpi=dpi, layout="constrained")
    ax = fig.add_subplot()
    ax.set_aspect("equal")
    ax.set_anchor("W")  # a wide legend keeps its room on the right when the aspect shrinks the map
    ax.set_axis_off()

    def teken(gdf: gpd.GeoDataFrame, stijl: Stijl, z: int) -> None:
        if gdf.empty:
            return
        streep = (0, tuple(float(x) for x in stijl.streep.split())) if stijl.streep else "solid"
        gdf.plot(
            ax=ax,
            facecolor="white" if stijl.arcering else stijl.kleur if stijl.vulling > 0 else "none",
            edgecolor="none",
            alpha=1.0 if stijl.arcering else stijl.vulling or None,
            zorder=z,
        )
        gdf.plot(
            ax=ax,
            facecolor="none",
            edgecolor=stijl.lijn,
            hatch="///" if stijl.arcering else None,
            linewidth=stijl.lijndikte * 0.6,
            linestyle=streep,
            zorder=z + 0.5,
        )

    if "terreinen" in objecten:
        t = objecten["terreinen"]
        for koers, deel in t.groupby(t["koers"].where(t["koers"].isin(list(_KOERS_KLEUR)), ONBEKENDE_KOERS.code)):
            teken(deel, stijl_terrein(str(koers)), 1)
    for z, laag in ((2, "aanwinst"), (3, "transformatie")):
        if laag in objecten:
            for soort, deel in objecten[laag].groupby("soort"):
                teken(deel, stijl_mutatie(str(soort)), z)
    if "kanszones" in objecten:
        teken(objecten["kanszones"], STIJL_KANSZONE, 4)

    getekend = [g for g in objecten.values() if not g.empty]
    if getekend:
        b = np.array([g.total_bounds for g in getekend])
        x0, y0, x1, y1 = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
        marge = max(x1 - x0, y1 - y0) * 0.04 + 50
        ax.set_xlim(x0 - marge, x1 + marge)
        ax.set_ylim(y0 - marge, y1 + marge)
        lengte = 1000.0 if (x1 - x0) > 2500 else 100.0
        ax.add_patch(Rectangle((x0, y0 - marge * 0.6), lengte, marge * 0.15, color="#111111", zorder=6))
        ax.text(
            x0 + lengte / 2,
            y0 - marge * 0.35,
            "1 km" if lengte == 1000 else "100 m",
            ha="center",
            va="bottom",
            fontsize=9,
            zorder=6,
        )
    else:
        ax.text(0.5, 0.5, "Geen terreinen in deze selectie", ha="center", va="center", transform=ax.transAxes)

    handles = []
    for p in legenda(
        bool(getekend) and "terreinen" in objecten and not objecten["terreinen"]["koers"].isin(list(_KOERS_KLEUR)).all()
    ):
        s = p.stijl
        handles.append(
            Patch(
                facecolor="white" if s.arcering else s.kleur if s.vulling > 0 else "none",
                edgecolor=s.lijn,
                hatch="///" if s.arcering else None,
                linestyle=(0, tuple(float(x) for x in s.streep.split())) if s.streep else "solid",
                linewidth=min(s.lijndikte, 3.5) * 0.6,
                alpha=None if s.arcering or s.vulling == 0 else max(s.vulling, 0.55),
                label=p.label,
            )
        )
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9, title="Legenda")
    if titel:
        ax.set_title(titel, fontsize=13, loc="left")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()
