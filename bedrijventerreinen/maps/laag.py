"""The Leaflet elements of the web map: the GeoJSON layer of one map layer, the legend, the
scale bar, the kept view, and the map's stylesheet."""

from __future__ import annotations

import html
import json
from typing import Any

from jinja2 import Template

from .element import TekstElement
from .kaartdata import POPUP_VELDEN, TOOLTIP_VELDEN
from .stijl import arcering_id, stijl_van

#: The map's stylesheet; ``%(arcering_css)s`` receives the hatch rules.
KAART_CSS = """
<style>
.leaflet-container { background: #ffffff; font-size: 16px; }
.leaflet-tooltip, .leaflet-popup-content { font-size: 16px; line-height: 1.35; color: #111111; }
.leaflet-tooltip th, .leaflet-popup-content th { text-align: left; padding-right: 10px; font-weight: 600; }
.leaflet-popup-content { min-width: 240px; }
.leaflet-control-layers { font-size: 16px; }
.foliumpopup { margin: auto; }
.foliumtooltip table, .foliumpopup table { margin: auto; }
.foliumtooltip tr, .foliumpopup tr { text-align: left; }
.foliumtooltip th, .foliumpopup th { padding: 2px; padding-right: 8px; }
.kaart-legenda { background: rgba(255,255,255,0.95); padding: 8px 12px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,0.4); font-size: 15px; color: #111111; max-width: 260px; }
.kaart-legenda-titel { font-weight: 700; font-size: 16px; margin-bottom: 2px; }
.kaart-legenda-groep { font-weight: 600; margin-top: 6px; }
.kaart-legenda-post { display: flex; align-items: center; gap: 8px; line-height: 24px; }
%(arcering_css)s
</style>
"""


def to_script_json(waarde: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (as Jinja's ``tojson``: ``<``, ``>``,
    ``&`` and ``'`` as unicode escapes)."""
    tekst = json.dumps(waarde, sort_keys=True)
    return tekst.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def klasse(laag: str, code: str) -> str:
    """The SVG classes of an object of ``laag`` with style key ``code`` (tests and the browser find
    the shapes by them; a hatched style also gets its pattern's class)."""
    stijl = stijl_van(laag, code)
    uit = f"kaart-{laag} kaart-stijl-{code}"
    if stijl.arcering:
        uit += f" {arcering_id(stijl.kleur)}"
    return uit


def leaflet_stijlen(laag: str, codes: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The Leaflet path options per style key of ``laag``, and the hover accent of each."""
    stijlen = {code: stijl_van(laag, code).leaflet(klasse(laag, code)) for code in codes}
    accenten = {
        code: {**s, "weight": s["weight"] + 2.5, "fillOpacity": min(1.0, s["fillOpacity"] + 0.15)}
        for code, s in stijlen.items()
    }
    return stijlen, accenten


class GeoJsonLaag(TekstElement):
    """One map layer as a single Leaflet GeoJSON layer: the style of each feature looked up by
    its ``stijl`` property, a hover accent, and a tooltip and popup table of the layer's fields
    (values were escaped when the properties were made). The GeoJSON is serialised once."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var stijlen = {{ this.stijlen }};
            var accenten = {{ this.accenten }};
            function tabel(velden, namen) {
                return function (layer) {
                    var p = layer.feature.properties;
                    var div = L.DomUtil.create("div");
                    div.innerHTML = "<table>" + velden.map(function (v, i) {
                        var w = p[v] === null || p[v] === undefined ? "" : p[v];
                        return "<tr><th>" + namen[i] + "</th><td>" + w + "</td></tr>";
                    }).join("") + "</table>";
                    return div;
                };
            }
            var laag = L.geoJson(null, {
                pane: {{ this.pane }},
                style: function (feature) { return stijlen[feature.properties.stijl]; },
                onEachFeature: function (feature, layer) {
                    layer.on({
                        mouseout: function (e) {
                            if (typeof e.target.setStyle === "function") { laag.resetStyle(e.target); }
                        },
                        mouseover: function (e) {
                            if (typeof e.target.setStyle === "function") {
                                e.target.setStyle(accenten[e.target.feature.properties.stijl]);
                            }
                        }
                    });
                }
            });
            laag.addData({{ this.data }});
            laag.bindTooltip(tabel({{ this.tooltip_velden }}, {{ this.tooltip_namen }}),
                {sticky: true, className: "foliumtooltip"});
            laag.bindPopup(tabel({{ this.popup_velden }}, {{ this.popup_namen }}), {className: "foliumpopup"});
            return laag;
        })();
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, laag: str, features: list[dict[str, Any]]):
        super().__init__()
        self._name = "GeoJsonLaag"
        codes = sorted({f["properties"]["stijl"] for f in features})
        stijlen, accenten = leaflet_stijlen(laag, codes)
        self.stijlen = to_script_json(stijlen)
        self.accenten = to_script_json(accenten)
        self.pane = to_script_json(f"kaart-{laag}")
        self.data = to_script_json({"type": "FeatureCollection", "features": features})
        velden = {"tooltip": TOOLTIP_VELDEN[laag], "popup": POPUP_VELDEN[laag]}
        self.tooltip_velden = to_script_json(list(velden["tooltip"]))
        self.tooltip_namen = to_script_json([html.escape(a) for a in velden["tooltip"].values()])
        self.popup_velden = to_script_json(list(velden["popup"]))
        self.popup_namen = to_script_json([html.escape(a) for a in velden["popup"].values()])


class Legenda(TekstElement):
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


class Schaal(TekstElement):
    """A metric-only scale bar (folium's ``control_scale`` adds miles too)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.control.scale({metric: true, imperial: false, maxWidth: 160}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class BewaarBeeld(TekstElement):
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
