"""Styles, layers, legend and background maps of the monitor's maps, declared once.

The web map (:mod:`.folium_kaart`), its legend and the static PNG (:mod:`.png`) all read the
same :class:`Stijl` objects from here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .. import schema

#: Default URL prefix of the app's static files (Streamlit: ``/<baseUrlPath>/app/static``).
ASSET_BASE = "/app/static"
#: Folder under ``static/`` holding Leaflet (dist files of the npm package, with LICENSE).
LEAFLET_MAP = "leaflet-1.9.4"
#: The only script and stylesheet the map loads: Leaflet, from the app itself.
LEAFLET_JS = f"{LEAFLET_MAP}/leaflet.js"
LEAFLET_CSS = f"{LEAFLET_MAP}/leaflet.css"


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


def find_basiskaart(basiskaart: Basiskaart | str) -> Basiskaart:
    """The background of a code (no background when the code is unknown), or ``basiskaart`` itself."""
    if isinstance(basiskaart, Basiskaart):
        return basiskaart
    return next((b for b in BASISKAARTEN if b.code == basiskaart), BASISKAART_GEEN)


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

#: Colour per koers; a koers outside it is drawn as :data:`ONBEKENDE_KOERS`.
KOERS_KLEUR: dict[str, str] = {c.code: c.kleur for c in schema.KOERSEN}
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
    return Stijl(KOERS_KLEUR.get(koers, ONBEKENDE_KOERS.kleur), 0.55, 2.0)


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


def stijl_van(laag: str, code: str) -> Stijl:
    """The style of an object of ``laag`` with style key ``code`` (koers, soort or kanszone)."""
    if laag == "terreinen":
        return stijl_terrein(code)
    if laag == "kanszones":
        return STIJL_KANSZONE
    return stijl_mutatie(code)


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
    koersen = list(schema.KOERSEN) + ([ONBEKENDE_KOERS] if onbekende_koers else [])
    posten = [Legendapost("Koers van het terrein", c.code, c.label, c.uitleg, stijl_terrein(c.code)) for c in koersen]
    soorten = {c.code: c for c in schema.SOORTEN}
    posten += [Legendapost("Mutaties", s, soorten[s].label, soorten[s].uitleg, stijl_mutatie(s)) for s in KAART_SOORTEN]
    posten.append(Legendapost("Verdichting", KANSZONE.code, KANSZONE.label, KANSZONE.uitleg, STIJL_KANSZONE))
    return posten


def arcering_id(kleur: str) -> str:
    """The SVG id (and CSS class) of the hatch pattern in ``kleur``."""
    return "kaart-arcering-" + kleur.lstrip("#").lower()


def svg_arcering(kleur: str) -> str:
    """An SVG pattern of diagonal stripes in ``kleur`` on white."""
    return (
        f'<pattern id="{arcering_id(kleur)}" patternUnits="userSpaceOnUse" width="9" height="9" '
        f'patternTransform="rotate(45)"><rect width="9" height="9" fill="#ffffff"/>'
        f'<rect width="4" height="9" fill="{html.escape(kleur)}"/></pattern>'
    )


def _svg_swatch(stijl: Stijl) -> str:
    """A legend swatch drawing ``stijl`` the way Leaflet draws the polygons."""
    if stijl.arcering:
        vulling = f"url(#{arcering_id(stijl.kleur)})"
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
