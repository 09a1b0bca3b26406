"""What the stuurgroep sees: the one-page handout (A4 PDF or PNG) and the tables of the
vergadermodus views, as pure functions of the register, the strategy and the selection.

The handout holds, on one A4 page: title, peildatum and selection, the sample-data notice
naming the layers that hold sample data (:func:`bedrijventerreinen.voorbeeldmelding.voorbeeld_melding`,
while any does), the KPI tiles, the map
(:func:`bedrijventerreinen.maps.render_map_png`, no background tiles), the balance per
gemeente with its traffic lights and the worst findings — every figure from the
:class:`~bedrijventerreinen.monitor.Monitorstand` of the selection — and the sources.
It is drawn with matplotlib; fonts are embedded as TrueType (``pdf.fonttype`` 42) so the
text, figures included, can be selected and extracted from the PDF. Every text from the
register is drawn literally (no mathtext), every number in Dutch notation.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import matplotlib
import pandas as pd

from . import maps, schema
from .balance import REGIO
from .formatting import format_datum, format_getal, format_ha, format_m2
from .monitor import Monitorstand
from .strategy import Strategie
from .themes import LICHT, Thema, tekst_op
from .voorbeeldmelding import voorbeeld_kort, voorbeeld_melding, voorbeeld_uitleg

TITEL = "Bedrijventerreinenmonitor 071"
#: A4 portrait in inches (210 × 297 mm).
A4_INCH = (210 / 25.4, 297 / 25.4)
#: Size of the map image on the handout (width, height); its text is 9 pt at this size.
KAART_INCH = (6.4, 4.7)
#: Number of findings on the handout (worst first).
TOP_BEVINDINGEN = 6


# --------------------------------------------------------------------------------------
# Peildatum and selection
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Peildatum:
    """The moment the figures describe: a snapshot's date and label, or the live store's
    last change (``gewijzigd_op``)."""

    datum: dt.datetime | None
    label: str = ""
    is_snapshot: bool = False

    @property
    def tekst(self) -> str:
        """``28-11-2026``, with the snapshot label for a snapshot; 'onbekend' without a date."""
        datum = format_datum(self.datum) if self.datum else "onbekend"
        if self.is_snapshot:
            return f"{datum} (snapshot '{self.label}')" if self.label else f"{datum} (snapshot)"
        return datum


def _datum(tekst: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(tekst))
    except ValueError:
        return None


def peildatum_uit_meta(meta: Mapping[str, str]) -> Peildatum:
    """The peildatum of a store from its metadata (:meth:`bedrijventerreinen.store.Store.meta`):
    a snapshot's ``snapshot_op`` and ``snapshot_label``, else the store's ``gewijzigd_op``."""
    if meta.get("snapshot_op"):
        return Peildatum(_datum(meta["snapshot_op"]), str(meta.get("snapshot_label", "")), True)
    return Peildatum(_datum(meta.get("gewijzigd_op", "")))


# --------------------------------------------------------------------------------------
# Tables of the vergadermodus views and the handout
# --------------------------------------------------------------------------------------


def format_ongedekt(ongedekt: pd.DataFrame) -> pd.DataFrame:
    """:func:`ongedekte_transformaties` for people: Dutch headers, ``3,5 ha``, planstatus label."""
    return pd.DataFrame(
        {
            "Transformatie": ongedekt["naam"].fillna("–").astype(str).to_numpy(),
            "Gemeente": ongedekt["gemeente"].fillna("–").astype(str).to_numpy(),
            "Planstatus": [schema.label(schema.PLANSTATUS, p) for p in ongedekt["planstatus"]],
            "Jaar": [format_getal(j, 0).replace(".", "") if pd.notna(j) else "–" for j in ongedekt["jaar"]],
            "Omvang": [format_ha(v) for v in ongedekt["ha"]],
            "Gecompenseerd": [format_ha(v) for v in ongedekt["gedekt_ha"]],
            "Ongedekt": [format_ha(v) for v in ongedekt["tekort_ha"]],
        }
    )


def format_kanszones(overzicht: pd.DataFrame) -> pd.DataFrame:
    """:func:`kanszones_overzicht` for people: Dutch headers, ``1,5 ha``, ``18.000 m²``."""
    return pd.DataFrame(
        {
            "Kanszone": overzicht["naam"].fillna("–").astype(str).to_numpy(),
            "Terrein": overzicht["terrein"].fillna("–").astype(str).to_numpy(),
            "Gemeente": overzicht["gemeente"].fillna("–").astype(str).to_numpy(),
            "Maatregel": overzicht["maatregel"].fillna("–").astype(str).to_numpy(),
            "Potentie": [format_ha(v) for v in overzicht["potentie_ha"]],
            "Extra vloer": [format_m2(v) if pd.notna(v) else "–" for v in overzicht["potentie_m2_bvo"]],
            "Status": overzicht["status"].fillna("–").astype(str).to_numpy(),
        }
    )


def top_bevindingen(bevindingen: pd.DataFrame, n: int = TOP_BEVINDINGEN) -> pd.DataFrame:
    """The ``n`` worst findings (fout before waarschuwing before info; the order of
    :func:`bedrijventerreinen.toetsing.bevindingen_frame`)."""
    rang = {c: i for i, c in enumerate(schema.codes(schema.ERNST))}
    volgorde = bevindingen.assign(_rang=bevindingen["ernst"].map(rang).fillna(len(rang)))
    return volgorde.sort_values("_rang", kind="stable").drop(columns="_rang").head(n).reset_index(drop=True)


def bronnen(strategie: Strategie, lagen: Mapping[str, pd.DataFrame], voorbeeld_lagen: Iterable[str]) -> list[str]:
    """The sources of the figures: the strategy (demand range, compensation rule), the
    sample-data notice naming ``voorbeeld_lagen`` (when there are any; before the register,
    so a page that runs short of lines drops register sources, never the notice) and the
    distinct ``bron`` values of the register's terreinen and mutaties."""
    uit = [f"Strategie: {strategie.naam} — {strategie.bron}."]
    voorbeeld_lagen = tuple(voorbeeld_lagen)
    if voorbeeld_lagen:
        uit.append(f"{voorbeeld_melding(voorbeeld_lagen)}. {voorbeeld_uitleg(voorbeeld_lagen, strategie.regio)}")
    register: list[str] = []
    for laag in ("terreinen", "mutaties"):
        df = lagen.get(laag)
        if df is not None and "bron" in df.columns:
            register += [str(b) for b in df["bron"].dropna().unique() if str(b).strip()]
    uniek = list(dict.fromkeys(register))
    if uniek:
        meer = f" en {len(uniek) - 4} andere" if len(uniek) > 4 else ""
        uit.append("Register: " + "; ".join(uniek[:4]) + meer + ".")
    return uit


# --------------------------------------------------------------------------------------
# The handout
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Handoutinhoud:
    """Everything the handout shows, for one selection (see :func:`render_handout`): the
    figures of ``stand`` (:func:`bedrijventerreinen.monitor.compute_monitor`), the register
    ``lagen`` for the map and the sources, and what is printed around them."""

    stand: Monitorstand
    lagen: Mapping[str, pd.DataFrame]
    peildatum: Peildatum
    selectie: str
    #: The layers that hold sample data (:attr:`bedrijventerreinen.store.Store.voorbeeld_lagen`).
    voorbeeld_lagen: tuple[str, ...]
    gemaakt_op: dt.date

    @property
    def strategie(self) -> Strategie:
        """The strategy the figures were computed with."""
        return self.stand.strategie

    @property
    def is_voorbeeld(self) -> bool:
        """True while any layer holds sample data."""
        return bool(self.voorbeeld_lagen)


#: Columns of the balance table on the handout: balance column -> header (hyphenated over two lines).
HANDOUT_KOLOMMEN: dict[str, str] = {
    "voorraad_start_ha": "Start-\nvoorraad",
    "transformatie_ha": "Transfor-\nmatie",
    "compensatie_ha": "Compen-\nsatie",
    "intensivering_ha": "Intensi-\nvering",
    "saldo_ha": "Saldo",
    "ongedekt_ha": "Ongedekt",
    "voorraad_eind_ha": "Eind-\nvoorraad",
}


def _kort(tekst: str, breedte: int) -> str:
    tekst = " ".join(str(tekst).split())
    return tekst if len(tekst) <= breedte else tekst[: breedte - 1] + "…"


class _Blad:
    """The A4 figure being drawn: text and boxes in figure coordinates (0–1), in a theme."""

    links, rechts = 0.045, 0.955

    def __init__(self, dpi: int, thema: Thema) -> None:
        from matplotlib.figure import Figure

        self.t = thema
        self.dpi = dpi
        self.fig = Figure(figsize=A4_INCH, dpi=dpi, facecolor=thema.achtergrond)

    def tekst(self, x: float, y: float, s: str, **kw) -> None:
        """Literal text (no mathtext) at (x, y)."""
        kw.setdefault("color", self.t.tekst)
        self.fig.text(x, y, s, parse_math=False, **kw)

    def vlak(self, x: float, y: float, w: float, h: float, kleur: str, rond: bool = True, **kw) -> None:
        """A filled box, with rounded corners unless ``rond`` is False."""
        from matplotlib.patches import FancyBboxPatch, Rectangle

        if rond:
            stijl = "round,pad=0,rounding_size=0.006"
            p = FancyBboxPatch((x, y), w, h, boxstyle=stijl, transform=self.fig.transFigure, color=kleur, **kw)
        else:
            p = Rectangle((x, y), w, h, transform=self.fig.transFigure, color=kleur, **kw)
        self.fig.patches.append(p)

    def lijn(self, y: float, kleur: str, dikte: float) -> None:
        """A horizontal rule across the page at ``y``."""
        self.fig.lines.append(
            matplotlib.lines.Line2D(
                [self.links, self.rechts], [y, y], transform=self.fig.transFigure, color=kleur, lw=dikte
            )
        )


def _teken_kop(blad: _Blad, inhoud: Handoutinhoud) -> float:
    """Title band, peildatum, selection and the sample-data notice; returns the y below them."""
    t, links, rechts = blad.t, blad.links, blad.rechts
    blad.vlak(0, 0.935, 1, 0.065, t.accent, rond=False)
    blad.tekst(links, 0.962, TITEL, fontsize=17, fontweight="bold", color=t.op_accent)
    blad.tekst(links, 0.943, "Hectarebalans en strategie — handout voor de stuurgroep", fontsize=10, color=t.op_accent)
    blad.tekst(rechts, 0.962, "Peildatum", fontsize=9, color=t.op_accent, ha="right")
    blad.tekst(rechts, 0.943, inhoud.peildatum.tekst, fontsize=12, fontweight="bold", color=t.op_accent, ha="right")
    blad.tekst(links, 0.918, _kort(inhoud.selectie, 140), fontsize=8.5, color=t.tekst_zacht)
    if not inhoud.voorbeeld_lagen:
        return 0.905
    # the notice in bold (two lines when it names layers), the explanation below it
    kop = textwrap.wrap(f"{voorbeeld_melding(inhoud.voorbeeld_lagen)}.", 92)
    uitleg = voorbeeld_uitleg(inhoud.voorbeeld_lagen, inhoud.strategie.regio)
    boven, hoogte = 0.900, 0.009 + len(kop) * 0.0125 + 0.0105
    blad.vlak(links, boven - hoogte, rechts - links, hoogte, t.waarschuwing_vlak, ec=t.waarschuwing_tekst, lw=0.8)
    for j, regel in enumerate(kop):
        y = boven - 0.0135 - j * 0.0125
        blad.tekst(links + 0.012, y, regel, fontsize=9.5, fontweight="bold", color=t.waarschuwing_tekst)
    blad.tekst(links + 0.012, boven - hoogte + 0.0055, uitleg, fontsize=7, color=t.waarschuwing_tekst)
    return boven - hoogte - 0.007


def _teken_tegels(blad: _Blad, inhoud: Handoutinhoud, y: float) -> float:
    """The eight KPI tiles of the Overzicht (two rows of four); returns the y below them."""
    per_rij, tussen, tegel_h = 4, 0.012, 0.072
    tegel_b = (blad.rechts - blad.links - tussen * (per_rij - 1)) / per_rij
    for i, k in enumerate(inhoud.stand.tegels()):
        rij, kol = divmod(i, per_rij)
        x0 = blad.links + kol * (tegel_b + tussen)
        y0 = y - (rij + 1) * tegel_h - rij * tussen
        blad.vlak(x0, y0, tegel_b, tegel_h, blad.t.vlak)
        blad.tekst(x0 + 0.01, y0 + tegel_h - 0.016, k.label, fontsize=8, color=blad.t.tekst_zacht, fontweight="bold")
        blad.tekst(x0 + 0.01, y0 + tegel_h - 0.043, k.tekst, fontsize=16, fontweight="bold")
        for j, r in enumerate(textwrap.wrap(k.toelichting, 36)[:2]):
            blad.tekst(x0 + 0.01, y0 + 0.016 - j * 0.0105, r, fontsize=6.3, color=blad.t.tekst_zacht)
    return y - 2 * tegel_h - tussen - 0.02


def _teken_kaart(blad: _Blad, inhoud: Handoutinhoud, y: float) -> float:
    """The map of the selection (no background tiles); returns its lower edge."""
    from matplotlib.image import imread

    breedte_in, hoogte_in = A4_INCH
    kaart_b = 0.60
    kaart_h = kaart_b * breedte_in / hoogte_in * (KAART_INCH[1] / KAART_INCH[0])
    lagen = inhoud.lagen
    png = maps.render_map_png(
        lagen["terreinen"],
        lagen.get("mutaties"),
        lagen.get("kanszones"),
        strategie=inhoud.strategie,
        gemeenten=inhoud.stand.gemeenten,
        planstatus_vanaf=inhoud.stand.selectie.planstatus_vanaf,
        breedte_inch=KAART_INCH[0],
        hoogte_inch=KAART_INCH[1],
        dpi=max(blad.dpi, 200),
    )
    blad.tekst(blad.links, y, "Kaart van de selectie", fontsize=11, fontweight="bold")
    ax = blad.fig.add_axes((blad.links, y - 0.008 - kaart_h, kaart_b, kaart_h))
    ax.imshow(imread(io.BytesIO(png), format="png"), interpolation="none")
    ax.set_axis_off()
    return y - 0.008 - kaart_h


def _teken_bevindingen(blad: _Blad, bevindingen: pd.DataFrame, y: float, ondergrens: float) -> None:
    """The worst findings beside the map, as many as fit above ``ondergrens``, and how many more."""
    t = blad.t
    bx = blad.links + 0.60 + 0.02
    blad.tekst(bx, y, "Belangrijkste bevindingen", fontsize=11, fontweight="bold")
    top = top_bevindingen(bevindingen)
    by = y - 0.022
    if top.empty:
        for j, r in enumerate(textwrap.wrap("Geen bevindingen: het register is in lijn met de strategie.", 42)):
            blad.tekst(bx, by - j * 0.012, r, fontsize=7.5)
    ernst_kleur = {c.code: c.kleur for c in schema.ERNST}
    getoond = 0
    for r in top.itertuples(index=False):
        regels = textwrap.wrap(" ".join(str(r.tekst).split()), 50)[:4]
        nodig = 0.016 + len(regels) * 0.0105
        if by - nodig < ondergrens:
            break
        kleur = ernst_kleur.get(r.ernst, t.rand)
        blad.vlak(bx, by - 0.004, 0.1, 0.013, kleur)
        ernst = schema.label(schema.ERNST, r.ernst)
        blad.tekst(bx + 0.05, by - 0.0005, ernst, fontsize=6.5, fontweight="bold", color=tekst_op(kleur), ha="center")
        waar = _kort(f"{r.gemeente or 'regio'} · {r.code}", 30)
        blad.tekst(bx + 0.106, by - 0.0005, waar, fontsize=6.5, color=t.tekst_zacht)
        for j, regel in enumerate(regels):
            blad.tekst(bx, by - 0.015 - j * 0.0105, regel, fontsize=6.8)
        by -= nodig + 0.006
        getoond += 1
    if len(bevindingen) > getoond:
        rest = f"En nog {format_getal(len(bevindingen) - getoond, 0)} bevindingen in de monitor."
        blad.tekst(bx, max(by, ondergrens), rest, fontsize=6.8, color=t.tekst_zacht)


def _balans_kolommen(blad: _Blad) -> list[tuple[str, float, str]]:
    """The balance table's columns: header, width and alignment."""
    kolommen = [("Gemeente", 0.115, "left"), ("Stoplicht", 0.075, "center")]
    kolommen += [(kop, 0.075, "right") for kop in HANDOUT_KOLOMMEN.values()]
    rest = blad.rechts - blad.links - 0.115 - 0.075 - 0.075 * len(HANDOUT_KOLOMMEN)
    return [*kolommen, ("Toelichting", rest, "left")]


def _teken_balansrij(blad: _Blad, r, ry: float, rij_h: float, kolommen: list[tuple[str, float, str]]) -> None:
    """One row of the balance table at ``ry``: figures, a coloured traffic light, the reason."""
    t = blad.t
    totaal = r.gemeente == REGIO
    waarden = ["Totaal" if totaal else _kort(r.gemeente, 18), None]
    waarden += [format_ha(getattr(r, k), teken=k == "saldo_ha") for k in HANDOUT_KOLOMMEN]
    x = blad.links
    for (kop, w, uitlijning), waarde in zip(kolommen, [*waarden, None], strict=True):
        if kop == "Stoplicht":
            kleur = {c.code: c.kleur for c in schema.VERKEERSLICHT}.get(r.verkeerslicht, t.rand)
            blad.vlak(x + 0.008, ry + 0.003, w - 0.016, rij_h - 0.006, kleur)
            licht = schema.label(schema.VERKEERSLICHT, r.verkeerslicht)
            blad.tekst(x + w / 2, ry + 0.0065, licht, fontsize=7, fontweight="bold", color=tekst_op(kleur), ha="center")
        elif kop == "Toelichting":
            regels = textwrap.wrap(str(r.verkeerslicht_reden), 36)
            if len(regels) > 3:  # never cut silently
                regels = [*regels[:2], _kort(regels[2] + " " + regels[3], 36)]
            stap = 0.0085 if len(regels) <= 2 else 0.0055
            for j, regel in enumerate(regels):
                dy = 0.0065 + (len(regels) - 1) * stap / 2 - j * stap
                blad.tekst(x + 0.006, ry + dy, regel, fontsize=6 if len(regels) <= 2 else 5.2, color=t.tekst_zacht)
        else:
            xt = {"left": x + 0.006, "right": x + w - 0.006}[uitlijning]
            blad.tekst(xt, ry + 0.0065, waarde, fontsize=7.5, ha=uitlijning, fontweight="bold" if totaal else "normal")
        x += w


def _teken_balans(blad: _Blad, inhoud: Handoutinhoud, y: float) -> None:
    """The balance per gemeente with its traffic lights and the explanation below it."""
    t, links, rechts = blad.t, blad.links, blad.rechts
    periode = f"{inhoud.strategie.referentiejaar}–{inhoud.strategie.horizon}"
    blad.tekst(links, y, f"Hectarebalans per gemeente ({periode})", fontsize=11, fontweight="bold")
    y -= 0.012
    kolommen = _balans_kolommen(blad)
    rij_h, kop_h = 0.021, 0.028
    blad.vlak(links, y - kop_h, rechts - links, kop_h, t.vlak, rond=False)
    x = links
    for kop, w, uitlijning in kolommen:
        xt = {"left": x + 0.006, "center": x + w / 2, "right": x + w - 0.006}[uitlijning]
        blad.tekst(
            xt, y - kop_h / 2, kop, fontsize=7, fontweight="bold", ha=uitlijning, va="center", multialignment=uitlijning
        )
        x += w
    y -= kop_h - rij_h
    balans = inhoud.stand.balans
    for i, r in enumerate(balans.itertuples(index=False)):
        ry = y - (i + 2) * rij_h
        if r.gemeente == REGIO:
            blad.lijn(ry + rij_h, t.tekst, 0.8)
        _teken_balansrij(blad, r, ry, rij_h, kolommen)
        if r.gemeente != REGIO:
            blad.lijn(ry, t.rand, 0.3)
    y = y - (len(balans) + 1) * rij_h - 0.012
    uitleg = (
        "Saldo = compensatie + intensivering − transformatie, waar de grond ligt. Ongedekt = deel van de getelde "
        "transformaties zonder gekoppelde compensatie. Stoplicht: rood = harde transformatie niet hard gecompenseerd; "
        "oranje = geplande transformatie nog niet gecompenseerd; groen = alles gedekt. Vraag en aanbod zijn regionaal."
    )
    for j, regel in enumerate(textwrap.wrap(uitleg, 150)):
        blad.tekst(links, y - j * 0.0105, regel, fontsize=6.5, color=t.tekst_zacht)


def _teken_voet(blad: _Blad, inhoud: Handoutinhoud) -> None:
    """The sources (at most five lines) and the footer with the date made and the peildatum."""
    t, links, rechts = blad.t, blad.links, blad.rechts
    bron_regels = [
        r for b in bronnen(inhoud.strategie, inhoud.lagen, inhoud.voorbeeld_lagen) for r in textwrap.wrap(b, 150)
    ]
    blad.lijn(0.085, t.rand, 0.5)
    blad.tekst(links, 0.072, "Bronnen", fontsize=8, fontweight="bold")
    for j, regel in enumerate(bron_regels[:5]):  # five lines end above the footer
        blad.tekst(links, 0.059 - j * 0.0095, regel, fontsize=6.5, color=t.tekst_zacht)
    voet = f"Gemaakt op {format_datum(inhoud.gemaakt_op)} met de {TITEL} · peildatum {inhoud.peildatum.tekst}"
    blad.tekst(links, 0.012, voet, fontsize=6.5, color=t.tekst_zacht)
    if inhoud.voorbeeld_lagen:
        kort = voorbeeld_kort(inhoud.voorbeeld_lagen)
        blad.tekst(rechts, 0.012, kort, fontsize=6.5, color=t.tekst_zacht, ha="right", fontweight="bold")


def render_handout(inhoud: Handoutinhoud, formaat: str = "pdf", dpi: int = 150, thema: Thema = LICHT) -> bytes:
    """The one-page A4 handout of ``inhoud`` as PDF (``formaat="pdf"``) or PNG bytes.

    Layout, top to bottom: title and peildatum; the sample-data notice naming the sample
    layers (``inhoud.voorbeeld_lagen``; again among the sources and, short, in the footer);
    the eight KPI tiles of the Overzicht (``inhoud.stand.tegels()``); the map beside the
    worst findings; the balance per gemeente with a traffic-light label in its category
    colour (text colour by :func:`bedrijventerreinen.themes.tekst_op`) and the reason; the
    sources. ``dpi`` sets the PNG resolution and the map image's resolution.
    """
    if formaat not in ("pdf", "png"):
        raise ValueError(f"Onbekend formaat: {formaat!r}")
    blad = _Blad(dpi, thema)
    y = _teken_tegels(blad, inhoud, _teken_kop(blad, inhoud))
    ondergrens = _teken_kaart(blad, inhoud, y)
    _teken_bevindingen(blad, inhoud.stand.bevindingen, y, ondergrens)
    _teken_balans(blad, inhoud, ondergrens - 0.025)
    _teken_voet(blad, inhoud)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42, "ps.fonttype": 42, "pdf.compression": 9}):
        metadata = {"Title": f"{TITEL} — handout peildatum {inhoud.peildatum.tekst}"} if formaat == "pdf" else None
        blad.fig.savefig(buffer, format=formaat, facecolor=thema.achtergrond, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def handout_bestandsnaam(peildatum: Peildatum, formaat: str) -> str:
    """``handout-bedrijventerreinen-071-2026-11-28.pdf`` (the peildatum's date, ISO order so files sort)."""
    datum = peildatum.datum.strftime("%Y-%m-%d") if peildatum.datum else "onbekend"
    return f"handout-bedrijventerreinen-071-{datum}.{formaat}"
