"""Light and dark theme of the monitor, declared as data, and the WCAG contrast check.

Both themes are meant for a projector in a lit room as well as a desk screen: dark text on
white (light) or light text on near-black (dark), one strong accent. Category colours
(planstatus, soort, koers, ernst, verkeerslicht) are the same in both themes and come from
:mod:`bedrijventerreinen.schema`, so charts, maps and legends agree everywhere; text on a
category fill uses :func:`tekst_op`, the black or white that contrasts most.

Contrast follows WCAG 2.2: relative luminance of sRGB colours and the ratio
(L1 + 0.05) / (L2 + 0.05). AA asks at least 4.5 for normal text and 3 for large text and
graphical objects.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from . import schema

#: WCAG AA minimum for normal text.
AA_TEKST = 4.5
#: WCAG AA minimum for large text (>= 24 px, or >= 18.7 px bold) and graphical objects.
AA_GROOT = 3.0


@dataclass(frozen=True)
class Thema:
    """The colours of one theme (hex ``#rrggbb``).

    * ``achtergrond``: page background; ``vlak``: tiles, table heads, sidebar;
    * ``tekst``: body text; ``tekst_zacht``: captions and notes (still AA on both surfaces);
    * ``accent``: links, primary buttons, focus (AA as text on both surfaces);
    * ``op_accent``: text on an accent fill; ``rand``: borders and grid lines;
    * ``waarschuwing_vlak``/``waarschuwing_tekst``: the sample-data banner;
    * ``aanbod_hard``/``aanbod_zacht``: the supply lines of the vraag-en-aanbod chart (at least
      3:1 against the background, as WCAG asks of graphical objects).
    """

    naam: str
    label: str
    achtergrond: str
    vlak: str
    tekst: str
    tekst_zacht: str
    accent: str
    op_accent: str
    rand: str
    waarschuwing_vlak: str
    waarschuwing_tekst: str
    aanbod_hard: str
    aanbod_zacht: str


LICHT = Thema(
    naam="licht",
    label="Licht",
    achtergrond="#ffffff",
    vlak="#eef2f6",
    tekst="#111111",
    tekst_zacht="#3d4651",
    accent="#0b4f8a",
    op_accent="#ffffff",
    rand="#5b6672",
    waarschuwing_vlak="#fff3cd",
    waarschuwing_tekst="#5c3c00",
    aanbod_hard="#1b7837",
    aanbod_zacht="#b35806",
)

DONKER = Thema(
    naam="donker",
    label="Donker",
    achtergrond="#0e1117",
    vlak="#1c2330",
    tekst="#f5f7fa",
    tekst_zacht="#c3cad4",
    accent="#7cc4ff",
    op_accent="#0e1117",
    rand="#8a96a6",
    waarschuwing_vlak="#4a3500",
    waarschuwing_tekst="#ffe7a3",
    aanbod_hard="#5aae61",
    aanbod_zacht="#fdb863",
)

THEMAS: dict[str, Thema] = {t.naam: t for t in (LICHT, DONKER)}


def _kanaal(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def hex_naar_rgb(kleur: str) -> tuple[int, int, int]:
    """``#rrggbb`` (or ``#rgb``) as three integers 0-255; raises ValueError otherwise."""
    h = kleur.strip().lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    if len(h) != 6:
        raise ValueError(f"Geen kleur in de vorm #rrggbb: {kleur!r}")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminantie(kleur: str) -> float:
    """WCAG relative luminance of an sRGB colour: 0 (black) to 1 (white)."""
    r, g, b = (_kanaal(v / 255) for v in hex_naar_rgb(kleur))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(voorgrond: str, achtergrond: str) -> float:
    """WCAG contrast ratio of two colours, 1 (none) to 21 (black on white); symmetric."""
    a, b = luminantie(voorgrond), luminantie(achtergrond)
    licht, donker = max(a, b), min(a, b)
    return (licht + 0.05) / (donker + 0.05)


def tekst_op(vulling: str) -> str:
    """Black or white, whichever contrasts most with ``vulling``: the text colour of a label
    painted in a category colour (a traffic light, an ernst)."""
    return "#000000" if contrast("#000000", vulling) >= contrast("#ffffff", vulling) else "#ffffff"


#: Category colours that appear as a filled label with text on it (tables, badges, handout).
LABEL_CATEGORIEEN: dict[str, tuple[schema.Categorie, ...]] = {
    "verkeerslicht": schema.VERKEERSLICHT,
    "ernst": schema.ERNST,
    "planstatus": schema.PLANSTATUS,
}


@dataclass(frozen=True)
class Kleurpaar:
    """A text colour on a background that the theme uses, with the minimum ratio it must meet."""

    rol: str
    voorgrond: str
    achtergrond: str
    minimum: float

    @property
    def ratio(self) -> float:
        """The WCAG contrast ratio of the pair."""
        return contrast(self.voorgrond, self.achtergrond)


def kleurparen(thema: Thema) -> list[Kleurpaar]:
    """Every text-on-background combination of ``thema`` (and of category labels) with the
    WCAG AA minimum it has to meet: 4.5 for text; 3 for borders against both surfaces."""
    paren = []
    for vlak in ("achtergrond", "vlak"):
        onder = getattr(thema, vlak)
        paren += [
            Kleurpaar(f"tekst op {vlak}", thema.tekst, onder, AA_TEKST),
            Kleurpaar(f"tekst_zacht op {vlak}", thema.tekst_zacht, onder, AA_TEKST),
            Kleurpaar(f"accent (als tekst) op {vlak}", thema.accent, onder, AA_TEKST),
            Kleurpaar(f"rand op {vlak}", thema.rand, onder, AA_GROOT),
        ]
    paren.append(Kleurpaar("op_accent op accent", thema.op_accent, thema.accent, AA_TEKST))
    for lijn in ("aanbod_hard", "aanbod_zacht"):  # charts are drawn on the page background
        paren.append(Kleurpaar(f"lijn {lijn} op achtergrond", getattr(thema, lijn), thema.achtergrond, AA_GROOT))
    paren.append(
        Kleurpaar(
            "waarschuwing_tekst op waarschuwing_vlak", thema.waarschuwing_tekst, thema.waarschuwing_vlak, AA_TEKST
        )
    )
    for groep, categorieen in LABEL_CATEGORIEEN.items():
        for c in categorieen:
            paren.append(Kleurpaar(f"label {groep} {c.code}", tekst_op(c.kleur), c.kleur, AA_TEKST))
    return paren


def streamlit_config(thema: Thema) -> dict[str, str]:
    """The ``[theme.<naam>]`` settings of ``.streamlit/config.toml`` for ``thema``."""
    return {
        "primaryColor": thema.accent,
        "backgroundColor": thema.achtergrond,
        "secondaryBackgroundColor": thema.vlak,
        "textColor": thema.tekst,
        "borderColor": thema.rand,
    }


def config_toml() -> str:
    """The ``[theme.light]`` and ``[theme.dark]`` sections for ``.streamlit/config.toml``."""
    regels = []
    for sectie, thema in (("light", LICHT), ("dark", DONKER)):
        regels.append(f"[theme.{sectie}]")
        regels += [f'{k} = "{v}"' for k, v in streamlit_config(thema).items()]
        regels.append("")
    return "\n".join(regels)


def kleuren(thema: Thema) -> dict[str, str]:
    """All colours of ``thema`` by field name (for CSS variables and charts)."""
    return {f.name: getattr(thema, f.name) for f in fields(thema) if f.name not in ("naam", "label")}


def altair_thema(chart, thema: Thema, schaal: float = 1.0):
    """``chart`` (an Altair top-level chart) with the theme's background and text colours and
    font sizes multiplied by ``schaal`` (2 for a projector); data colours are left alone."""
    tekst = round(14 * schaal)
    return (
        chart.configure(background=thema.achtergrond, locale=chart.config.locale if chart.config else None)
        .configure_axis(
            labelFontSize=tekst,
            titleFontSize=tekst,
            labelColor=thema.tekst,
            titleColor=thema.tekst,
            gridColor=thema.rand,
            gridOpacity=0.35,
            domainColor=thema.rand,
            tickColor=thema.rand,
        )
        .configure_axisX(labelAngle=0)
        .configure_legend(
            labelFontSize=tekst,
            titleFontSize=tekst,
            labelColor=thema.tekst,
            titleColor=thema.tekst,
            labelLimit=0,
            symbolSize=12 * tekst,
        )
        .configure_view(stroke=None)
    )
