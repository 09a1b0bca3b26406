"""What the stuurgroep sees: the one-page handout (A4 PDF or PNG) and the tables of the
vergadermodus views, as pure functions of the register, the strategy and the selection.

The handout holds, on one A4 page: title, peildatum and selection, the sample-data notice
naming the layers that hold sample data (:func:`bedrijventerreinen.voorbeeldmelding.voorbeeld_melding`,
while any does), the KPI tiles of
:func:`bedrijventerreinen.balance.compute_kerncijfers`, the map
(:func:`bedrijventerreinen.maps.render_map_png`, no background tiles), the balance per
gemeente with its traffic lights (:func:`bedrijventerreinen.balance.compute_hectarebalans`),
the worst findings (:func:`bedrijventerreinen.strategy.check_strategie`) and the sources.
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

from . import balance, maps, schema
from .formatting import format_datum, format_getal, format_ha, format_m2
from .kanszones import HA_EQUIVALENT_UITLEG
from .strategy import Strategie
from .themes import LICHT, Thema, tekst_op
from .voorbeeldmelding import voorbeeld_kort, voorbeeld_melding, voorbeeld_uitleg

VOORBEELD_TEKST = schema.VOORBEELD_TEKST
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


def ongedekte_transformaties(
    mutaties: pd.DataFrame,
    koppelingen: pd.DataFrame,
    strategie: Strategie,
    planstatus_vanaf: str,
    gemeenten: Iterable[str],
) -> pd.DataFrame:
    """The counted transformations of ``gemeenten`` whose shortfall exceeds the strategy's
    tolerance, largest shortfall first: the rows of
    :func:`bedrijventerreinen.balance.compute_compensatiedekking` (same planstatus and year
    rule as the balance) with ``tekort_ha`` > ``strategie.tolerantie_ha``."""
    dekking = balance.compute_compensatiedekking(mutaties, koppelingen, strategie, planstatus_vanaf)
    rijen = dekking[dekking["gemeente"].isin(list(gemeenten)) & (dekking["tekort_ha"] > strategie.tolerantie_ha)]
    return rijen.sort_values(["tekort_ha", "naam"], ascending=[False, True]).reset_index(drop=True)


def kerncijfers_ongedekt(ongedekt: pd.DataFrame) -> list[balance.Kerncijfer]:
    """Headline figures of :func:`ongedekte_transformaties`: the number of transformations with
    a shortfall and the sum of ``tekort_ha`` (equal to ``ongedekt_ha`` of the balance's total
    row for the same selection, since both sum the same coverage rows)."""
    tekort = float(ongedekt["tekort_ha"].sum())
    return [
        balance.Kerncijfer(
            "ongedekt_aantal",
            "Transformaties met tekort",
            float(len(ongedekt)),
            format_getal(len(ongedekt), 0),
            "Aantal getelde transformaties waarvan een deel niet met getelde compensatie is gekoppeld.",
        ),
        balance.Kerncijfer(
            "ongedekt_ha",
            "Ongedekt in totaal",
            tekort,
            format_ha(tekort),
            "Som van de tekorten van die transformaties.",
        ),
    ]


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


def kanszones_overzicht(kanszones: pd.DataFrame, terreinen: pd.DataFrame, gemeenten: Iterable[str]) -> pd.DataFrame:
    """The kanszones on parks of ``gemeenten``, largest potential first: kanszone_id, naam,
    terrein (park name), gemeente, maatregel, status, potentie_ha and potentie_m2_bvo (as
    registered; no source gives them for the 071 parks, so they are sample values until a
    user imports real ones)."""
    t = pd.DataFrame(terreinen[["terrein_id", "naam", "gemeente"]]).rename(columns={"naam": "terrein"})
    k = pd.DataFrame(kanszones.drop(columns=kanszones.geometry.name) if hasattr(kanszones, "geometry") else kanszones)
    k = k.merge(t, on="terrein_id", how="left")
    k = k[k["gemeente"].isin(list(gemeenten))]
    kolommen = ["kanszone_id", "naam", "terrein", "gemeente", "maatregel", "status", "potentie_ha", "potentie_m2_bvo"]
    return k.sort_values(["potentie_ha", "naam"], ascending=[False, True], na_position="last")[kolommen].reset_index(
        drop=True
    )


def kerncijfers_kanszones(overzicht: pd.DataFrame) -> list[balance.Kerncijfer]:
    """Headline figures of :func:`kanszones_overzicht`: the number of kanszones and the sums of
    ``potentie_ha`` and ``potentie_m2_bvo`` (missing values count as 0)."""
    ha = float(overzicht["potentie_ha"].fillna(0).sum())
    m2 = float(overzicht["potentie_m2_bvo"].fillna(0).sum())
    return [
        balance.Kerncijfer(
            "kanszones", "Kanszones", float(len(overzicht)), format_getal(len(overzicht), 0), "Aantal kanszones."
        ),
        balance.Kerncijfer(
            "potentie_ha",
            "Potentie",
            ha,
            f"{format_getal(ha)} ha-eq.",
            f"Som van potentie_ha, in hectare-equivalent: {HA_EQUIVALENT_UITLEG}.",
            "ha-equivalent: extra vloer als grond, geen uitgeefbare ha",
        ),
        balance.Kerncijfer(
            "potentie_m2_bvo", "Extra bedrijfsvloer", m2, format_m2(m2), "Som van potentie_m2_bvo.", "m² bvo"
        ),
    ]


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
    :func:`bedrijventerreinen.strategy.bevindingen_frame`)."""
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
    """Everything the handout shows, for one selection (see :func:`render_handout`)."""

    strategie: Strategie
    balans: pd.DataFrame
    vraag_aanbod: pd.DataFrame
    bevindingen: pd.DataFrame
    lagen: Mapping[str, pd.DataFrame]
    gemeenten: tuple[str, ...]
    planstatus_vanaf: str
    peildatum: Peildatum
    selectie: str
    #: The layers that hold sample data (:attr:`bedrijventerreinen.store.Store.voorbeeld_lagen`).
    voorbeeld_lagen: tuple[str, ...]
    gemaakt_op: dt.date

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


def render_handout(inhoud: Handoutinhoud, formaat: str = "pdf", dpi: int = 150, thema: Thema = LICHT) -> bytes:
    """The one-page A4 handout of ``inhoud`` as PDF (``formaat="pdf"``) or PNG bytes.

    Layout, top to bottom: title and peildatum; the sample-data notice naming the sample
    layers (``inhoud.voorbeeld_lagen``; again among the sources and, short, in the footer);
    eight KPI tiles (label, value, note) from
    :func:`bedrijventerreinen.balance.compute_kerncijfers`; the map beside the worst
    findings; the balance per gemeente with a traffic-light label in its category colour
    (text colour by :func:`bedrijventerreinen.themes.tekst_op`) and the reason; the
    sources. ``dpi`` sets the PNG resolution and the map image's resolution.
    """
    if formaat not in ("pdf", "png"):
        raise ValueError(f"Onbekend formaat: {formaat!r}")
    from matplotlib.figure import Figure
    from matplotlib.image import imread
    from matplotlib.patches import FancyBboxPatch, Rectangle

    t = thema
    fig = Figure(figsize=A4_INCH, dpi=dpi, facecolor=t.achtergrond)
    breedte_in, hoogte_in = A4_INCH

    def tekst(x: float, y: float, s: str, **kw) -> None:
        kw.setdefault("color", t.tekst)
        fig.text(x, y, s, parse_math=False, **kw)

    def vlak(x: float, y: float, w: float, h: float, kleur: str, rond: bool = True, **kw) -> None:
        if rond:
            p = FancyBboxPatch(
                (x, y), w, h, boxstyle="round,pad=0,rounding_size=0.006", transform=fig.transFigure, color=kleur, **kw
            )
        else:
            p = Rectangle((x, y), w, h, transform=fig.transFigure, color=kleur, **kw)
        fig.patches.append(p)

    links, rechts = 0.045, 0.955
    # -- title band --------------------------------------------------------------------
    vlak(0, 0.935, 1, 0.065, t.accent, rond=False)
    tekst(links, 0.962, TITEL, fontsize=17, fontweight="bold", color=t.op_accent)
    tekst(links, 0.943, "Hectarebalans en strategie — handout voor de stuurgroep", fontsize=10, color=t.op_accent)
    tekst(rechts, 0.962, "Peildatum", fontsize=9, color=t.op_accent, ha="right")
    tekst(rechts, 0.943, inhoud.peildatum.tekst, fontsize=12, fontweight="bold", color=t.op_accent, ha="right")
    tekst(links, 0.918, _kort(inhoud.selectie, 140), fontsize=8.5, color=t.tekst_zacht)

    y = 0.905
    if inhoud.voorbeeld_lagen:
        # the notice in bold (two lines when it names layers), the explanation below it
        kop = textwrap.wrap(f"{voorbeeld_melding(inhoud.voorbeeld_lagen)}.", 92)
        uitleg = voorbeeld_uitleg(inhoud.voorbeeld_lagen, inhoud.strategie.regio)
        boven, hoogte = 0.900, 0.009 + len(kop) * 0.0125 + 0.0105
        vlak(links, boven - hoogte, rechts - links, hoogte, t.waarschuwing_vlak, ec=t.waarschuwing_tekst, lw=0.8)
        for j, regel in enumerate(kop):
            tekst(
                links + 0.012,
                boven - 0.0135 - j * 0.0125,
                regel,
                fontsize=9.5,
                fontweight="bold",
                color=t.waarschuwing_tekst,
            )
        tekst(links + 0.012, boven - hoogte + 0.0055, uitleg, fontsize=7, color=t.waarschuwing_tekst)
        y = boven - hoogte - 0.007

    # -- KPI tiles -----------------------------------------------------------------------
    kerncijfers = balance.compute_kerncijfers(inhoud.balans, inhoud.vraag_aanbod, inhoud.strategie)
    per_rij, tussen = 4, 0.012
    tegel_b = (rechts - links - tussen * (per_rij - 1)) / per_rij
    tegel_h = 0.072
    for i, k in enumerate(kerncijfers):
        rij, kol = divmod(i, per_rij)
        x0 = links + kol * (tegel_b + tussen)
        y0 = y - (rij + 1) * tegel_h - rij * tussen
        vlak(x0, y0, tegel_b, tegel_h, t.vlak)
        tekst(x0 + 0.01, y0 + tegel_h - 0.016, k.label, fontsize=8, color=t.tekst_zacht, fontweight="bold")
        tekst(x0 + 0.01, y0 + tegel_h - 0.043, k.tekst, fontsize=16, fontweight="bold")
        if k.toelichting:
            regels = textwrap.wrap(k.toelichting, 36)[:2]
            for j, r in enumerate(regels):
                tekst(x0 + 0.01, y0 + 0.016 - j * 0.0105, r, fontsize=6.3, color=t.tekst_zacht)
    y = y - 2 * tegel_h - tussen - 0.02

    # -- map and findings ----------------------------------------------------------------
    kaart_b = 0.60
    kaart_h = kaart_b * breedte_in / hoogte_in * (KAART_INCH[1] / KAART_INCH[0])
    lagen = inhoud.lagen
    png = maps.render_map_png(
        lagen["terreinen"],
        lagen.get("mutaties"),
        lagen.get("kanszones"),
        strategie=inhoud.strategie,
        gemeenten=inhoud.gemeenten,
        planstatus_vanaf=inhoud.planstatus_vanaf,
        breedte_inch=KAART_INCH[0],
        hoogte_inch=KAART_INCH[1],
        dpi=max(dpi, 200),
    )
    tekst(links, y, "Kaart van de selectie", fontsize=11, fontweight="bold")
    ax = fig.add_axes((links, y - 0.008 - kaart_h, kaart_b, kaart_h))
    ax.imshow(imread(io.BytesIO(png), format="png"), interpolation="none")
    ax.set_axis_off()

    bx = links + kaart_b + 0.02
    tekst(bx, y, "Belangrijkste bevindingen", fontsize=11, fontweight="bold")
    top = top_bevindingen(inhoud.bevindingen)
    by = y - 0.022
    ondergrens = y - 0.008 - kaart_h
    getoond = 0
    if top.empty:
        for j, r in enumerate(textwrap.wrap("Geen bevindingen: het register is in lijn met de strategie.", 42)):
            tekst(bx, by - j * 0.012, r, fontsize=7.5)
    ernst_kleur = {c.code: c.kleur for c in schema.ERNST}
    for r in top.itertuples(index=False):
        regels = textwrap.wrap(" ".join(str(r.tekst).split()), 50)[:4]
        nodig = 0.016 + len(regels) * 0.0105
        if by - nodig < ondergrens:
            break
        kleur = ernst_kleur.get(r.ernst, t.rand)
        vlak(bx, by - 0.004, 0.1, 0.013, kleur)
        tekst(
            bx + 0.05,
            by - 0.0005,
            schema.label(schema.ERNST, r.ernst),
            fontsize=6.5,
            fontweight="bold",
            color=tekst_op(kleur),
            ha="center",
        )
        tekst(
            bx + 0.106, by - 0.0005, _kort(f"{r.gemeente or 'regio'} · {r.code}", 30), fontsize=6.5, color=t.tekst_zacht
        )
        for j, regel in enumerate(regels):
            tekst(bx, by - 0.015 - j * 0.0105, regel, fontsize=6.8)
        by -= nodig + 0.006
        getoond += 1
    if len(inhoud.bevindingen) > getoond:
        rest = len(inhoud.bevindingen) - getoond
        tekst(
            bx,
            max(by, ondergrens),
            f"En nog {format_getal(rest, 0)} bevindingen in de monitor.",
            fontsize=6.8,
            color=t.tekst_zacht,
        )
    y = ondergrens - 0.025

    # -- balance table -------------------------------------------------------------------
    tekst(
        links,
        y,
        f"Hectarebalans per gemeente ({inhoud.strategie.referentiejaar}–{inhoud.strategie.horizon})",
        fontsize=11,
        fontweight="bold",
    )
    y -= 0.012
    kolommen = [("Gemeente", 0.115, "left"), ("Stoplicht", 0.075, "center")]
    kolommen += [(kop, 0.075, "right") for kop in HANDOUT_KOLOMMEN.values()]
    kolommen.append(("Toelichting", rechts - links - 0.115 - 0.075 - 0.075 * len(HANDOUT_KOLOMMEN), "left"))
    rij_h, kop_h = 0.021, 0.028
    vlak(links, y - kop_h, rechts - links, kop_h, t.vlak, rond=False)
    x = links
    for kop, w, uitlijning in kolommen:
        xt = {"left": x + 0.006, "center": x + w / 2, "right": x + w - 0.006}[uitlijning]
        tekst(
            xt, y - kop_h / 2, kop, fontsize=7, fontweight="bold", ha=uitlijning, va="center", multialignment=uitlijning
        )
        x += w
    y -= kop_h - rij_h
    licht_kleur = {c.code: c.kleur for c in schema.VERKEERSLICHT}
    for i, r in enumerate(inhoud.balans.itertuples(index=False)):
        ry = y - (i + 2) * rij_h
        totaal = r.gemeente == balance.REGIO
        if totaal:
            fig.lines.append(
                matplotlib.lines.Line2D(
                    [links, rechts], [ry + rij_h, ry + rij_h], transform=fig.transFigure, color=t.tekst, lw=0.8
                )
            )
        gewicht = "bold" if totaal else "normal"
        x = links
        waarden = ["Totaal" if totaal else _kort(r.gemeente, 18), None]
        waarden += [format_ha(getattr(r, k), teken=k == "saldo_ha") for k in HANDOUT_KOLOMMEN]
        waarden.append(None)
        for (kop, w, uitlijning), waarde in zip(kolommen, waarden, strict=True):
            if kop == "Stoplicht":
                kleur = licht_kleur.get(r.verkeerslicht, t.rand)
                vlak(x + 0.008, ry + 0.003, w - 0.016, rij_h - 0.006, kleur)
                tekst(
                    x + w / 2,
                    ry + 0.0065,
                    schema.label(schema.VERKEERSLICHT, r.verkeerslicht),
                    fontsize=7,
                    fontweight="bold",
                    color=tekst_op(kleur),
                    ha="center",
                )
            elif kop == "Toelichting":
                regels = textwrap.wrap(str(r.verkeerslicht_reden), 36)
                if len(regels) > 3:  # never cut silently
                    regels = [*regels[:2], _kort(regels[2] + " " + regels[3], 36)]
                stap = 0.0085 if len(regels) <= 2 else 0.0055
                for j, regel in enumerate(regels):
                    dy = 0.0065 + (len(regels) - 1) * stap / 2 - j * stap
                    tekst(x + 0.006, ry + dy, regel, fontsize=6 if len(regels) <= 2 else 5.2, color=t.tekst_zacht)
            else:
                xt = {"left": x + 0.006, "right": x + w - 0.006}[uitlijning]
                tekst(xt, ry + 0.0065, waarde, fontsize=7.5, ha=uitlijning, fontweight=gewicht)
            x += w
        if not totaal:
            fig.lines.append(
                matplotlib.lines.Line2D([links, rechts], [ry, ry], transform=fig.transFigure, color=t.rand, lw=0.3)
            )
    y = y - (len(inhoud.balans) + 1) * rij_h - 0.012
    uitleg = (
        "Saldo = compensatie + intensivering − transformatie, waar de grond ligt. Ongedekt = deel van de getelde "
        "transformaties zonder gekoppelde compensatie. Stoplicht: rood = harde transformatie niet hard gecompenseerd; "
        "oranje = geplande transformatie nog niet gecompenseerd; groen = alles gedekt. Vraag en aanbod zijn regionaal."
    )
    for j, regel in enumerate(textwrap.wrap(uitleg, 150)):
        tekst(links, y - j * 0.0105, regel, fontsize=6.5, color=t.tekst_zacht)

    # -- sources and footer --------------------------------------------------------------
    bron_regels = []
    for b in bronnen(inhoud.strategie, inhoud.lagen, inhoud.voorbeeld_lagen):
        bron_regels += textwrap.wrap(b, 150)
    bron_regels = bron_regels[:5]
    fig.lines.append(
        matplotlib.lines.Line2D([links, rechts], [0.085, 0.085], transform=fig.transFigure, color=t.rand, lw=0.5)
    )
    tekst(links, 0.072, "Bronnen", fontsize=8, fontweight="bold")
    for j, regel in enumerate(bron_regels):  # five lines end above the footer
        tekst(links, 0.059 - j * 0.0095, regel, fontsize=6.5, color=t.tekst_zacht)
    tekst(
        links,
        0.012,
        f"Gemaakt op {format_datum(inhoud.gemaakt_op)} met de {TITEL} · peildatum {inhoud.peildatum.tekst}",
        fontsize=6.5,
        color=t.tekst_zacht,
    )
    if inhoud.voorbeeld_lagen:
        kort = voorbeeld_kort(inhoud.voorbeeld_lagen)
        tekst(rechts, 0.012, kort, fontsize=6.5, color=t.tekst_zacht, ha="right", fontweight="bold")

    buffer = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42, "ps.fonttype": 42, "pdf.compression": 9}):
        metadata = {"Title": f"{TITEL} — handout peildatum {inhoud.peildatum.tekst}"} if formaat == "pdf" else None
        fig.savefig(buffer, format=formaat, facecolor=t.achtergrond, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def handout_bestandsnaam(peildatum: Peildatum, formaat: str) -> str:
    """``handout-bedrijventerreinen-071-2026-11-28.pdf`` (the peildatum's date, ISO order so files sort)."""
    datum = peildatum.datum.strftime("%Y-%m-%d") if peildatum.datum else "onbekend"
    return f"handout-bedrijventerreinen-071-{datum}.{formaat}"
