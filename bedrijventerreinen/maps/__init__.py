"""Folium map builders for the Kaart page and a static map image for reports.

The map shows four layers, each declared once in :data:`KAARTLAGEN`:

* **terreinen** — every park, filled in the colour of its strategy course
  (:data:`bedrijventerreinen.schema.KOERSEN`);
* **transformatie** — transformation areas, hatched with a dashed outline;
* **aanwinst** — compensation, expansion and intensification areas, each with its own
  colour (:data:`bedrijventerreinen.schema.SOORTEN`) and outline pattern;
* **kanszones** — densification zones, a thick dotted black outline without fill.

The pipeline keeps the house rules: objects are selected and measured in EPSG:28992
(:mod:`.selectie`), simplified there with a tolerance in metres (:func:`simplify_for_display`),
then projected to EPSG:4326 with coordinates rounded to 6 decimals (about 0.1 m) and only
the columns the tooltip and popup show (:mod:`.kaartdata`). Every text value is HTML-escaped
before it reaches folium, because Leaflet tooltips, popups and layer names are HTML.

Modules: :mod:`.stijl` (styles, layers, legend, backgrounds), :mod:`.selectie` (what each
layer draws, simplification), :mod:`.kaartdata` (display properties), :mod:`.element` and :mod:`.laag` (the Leaflet
elements), :mod:`.folium_kaart` (the web map), :mod:`.klik` (clicks, park details),
:mod:`.png` (the static image).

Leaflet itself is served from the app (``static/``), never from a CDN, so the map works
without internet; only the optional background tiles need the network.
"""

from .folium_kaart import PANE_Z, build_map, build_map_from_kaartdata, build_selectielaag, measure_payload
from .kaartdata import (
    POPUP_VELDEN,
    TOOLTIP_VELDEN,
    Kaartdata,
    build_kaartdata,
    escape_tekst,
    format_dekking,
    format_ha_of_streep,
)
from .klik import Kaartklik, Terreindetail, describe_terrein, parse_kaartklik
from .laag import GeoJsonLaag, to_script_json
from .png import render_map_png
from .selectie import (
    DECIMALEN,
    MAX_AFWIJKING,
    TOLERANTIE_M,
    select_kaartobjecten,
    select_zonder_contour,
    simplify_for_display,
)
from .stijl import (
    ASSET_BASE,
    BASISKAART_GEEN,
    BASISKAART_LICHT,
    BASISKAART_LUCHTFOTO,
    BASISKAARTEN,
    KAART_SOORTEN,
    KAARTLAAG_CODES,
    KAARTLAGEN,
    KANSZONE,
    LEAFLET_CSS,
    LEAFLET_JS,
    LEAFLET_MAP,
    MUTATIE_LIJN,
    ONBEKENDE_KOERS,
    SOORTEN_PER_LAAG,
    STIJL_KANSZONE,
    Basiskaart,
    Kaartlaag,
    Legendapost,
    Stijl,
    basiskaarten,
    legenda,
    legenda_html,
    stijl_mutatie,
    stijl_terrein,
)

__all__ = [
    "ASSET_BASE",
    "BASISKAARTEN",
    "BASISKAART_GEEN",
    "BASISKAART_LICHT",
    "BASISKAART_LUCHTFOTO",
    "DECIMALEN",
    "KAARTLAAG_CODES",
    "KAARTLAGEN",
    "KAART_SOORTEN",
    "KANSZONE",
    "LEAFLET_CSS",
    "LEAFLET_JS",
    "LEAFLET_MAP",
    "MAX_AFWIJKING",
    "MUTATIE_LIJN",
    "ONBEKENDE_KOERS",
    "PANE_Z",
    "POPUP_VELDEN",
    "SOORTEN_PER_LAAG",
    "STIJL_KANSZONE",
    "TOLERANTIE_M",
    "TOOLTIP_VELDEN",
    "Basiskaart",
    "GeoJsonLaag",
    "Kaartdata",
    "Kaartklik",
    "Kaartlaag",
    "Legendapost",
    "Stijl",
    "Terreindetail",
    "basiskaarten",
    "build_kaartdata",
    "build_map",
    "build_map_from_kaartdata",
    "build_selectielaag",
    "describe_terrein",
    "escape_tekst",
    "format_dekking",
    "format_ha_of_streep",
    "legenda",
    "legenda_html",
    "measure_payload",
    "parse_kaartklik",
    "render_map_png",
    "select_kaartobjecten",
    "select_zonder_contour",
    "simplify_for_display",
    "stijl_mutatie",
    "stijl_terrein",
    "to_script_json",
]
