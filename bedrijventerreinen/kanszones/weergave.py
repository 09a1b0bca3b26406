"""Figures for people: Dutch tables of density, kanszones and candidates, the headline
sentence and tiles of the potential, every column's explanation (:data:`UITLEG`) and the
density chart (Altair)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from .. import schema
from ..formatting import NL_LOCALE, format_getal, format_ha, format_m2, format_pct
from .parameters import KanszoneParameters
from .potentie import (
    STATUS_BEREKEND,
    STATUS_GEEN_CONTOUR,
    STATUS_GEEN_PANDEN,
    PotentieTotaal,
    compute_aandeel_oordeel,
    compute_potentie_totaal,
)

__all__ = [
    "HA_EQUIVALENT_UITLEG",
    "UITLEG",
    "chart_dichtheid",
    "compute_kerncijfers",
    "format_aandeel_waarschuwing",
    "format_ha_equivalent",
    "format_kandidaten",
    "format_kanszonedichtheid",
    "format_potentie_totaal",
    "format_terreindichtheid",
]

#: What a hectare-equivalent is, said wherever potential stands near hectares of land or demand.
HA_EQUIVALENT_UITLEG = "extra vloeroppervlak omgerekend naar grond, geen uitgeefbare hectares"

#: How every figure of the page is computed: column -> (Dutch label, explanation).
UITLEG: dict[str, tuple[str, str]] = {
    "netto_m2": (
        "Netto",
        "Netto oppervlak: bij een terrein de netto ha uit het register, bij een kanszone haar eigen oppervlak.",
    ),
    "bebouwd_m2": (
        "Bebouwd",
        "Som van de pandoppervlakken binnen de contour; een pand over de rand telt met het deel binnen.",
    ),
    "bebouwingsgraad": ("Bebouwingsgraad", "Bebouwd oppervlak ÷ netto oppervlak."),
    "fsi": ("FSI", "Bruto vloeroppervlak (bvo) ÷ netto oppervlak. Bvo = pandoppervlak × bouwlagen."),
    "onbebouwd_m2": ("Onbebouwd", "Netto oppervlak − bebouwd oppervlak (niet onder nul)."),
    "aandeel_oud": ("Oud", "Deel van het bvo in panden met een bouwjaar vóór het gekozen jaar."),
    "aandeel_bouwlagen_geschat": (
        "Bouwlagen geschat",
        "Deel van het bvo waarvan de bouwlagen geschat zijn (uit de hoogte ÷ verdiepingshoogte of de standaardwaarde), "
        "niet uit de gegevens.",
    ),
    "begrenzing": (
        "Bestemmingsplan",
        "Maximale bebouwingsgraad en bouwhoogte waar het terrein die vastlegt. Ze begrenzen de doelen: "
        "doel-bebouwingsgraad B = min(doel, max. bebouwingsgraad); bouwlagen hoogstens "
        "⌊max. bouwhoogte ÷ verdiepingshoogte⌋ (Lmax); doel-FSI = min(doel-FSI, B × Lmax).",
    ),
    "potentie_m2_bvo": (
        "Potentie",
        "Extra bvo als FSI en bebouwingsgraad stijgen tot de doelen van het terreintype, binnen het bestemmingsplan: "
        "max(doel-FSI × netto − huidig bvo, (doel-bebouwingsgraad × netto − bebouwd) × huidige bouwlagen, "
        "hoogstens Lmax). Onbekend als van het terrein geen panden of geen contour bekend zijn.",
    ),
    "potentie_grond_m2_bvo": (
        "Ruimer bebouwen",
        "Deel van de potentie op onbebouwde grond tot de doel-bebouwingsgraad.",
    ),
    "potentie_optoppen_m2_bvo": ("Optoppen", "Rest van de potentie: hoger bouwen."),
    "potentie_ha": (
        "Potentie (ha-equivalent)",
        "Potentie in bvo ÷ de gemiddelde FSI van de regio ÷ 10.000: de grond die dat vloeroppervlak "
        f"bij de huidige dichtheid zou vragen. Hectare-equivalent: {HA_EQUIVALENT_UITLEG}.",
    ),
    "potentie_status": (
        "Status potentie",
        f"'{STATUS_BEREKEND}'; '{STATUS_GEEN_PANDEN}' of '{STATUS_GEEN_CONTOUR}': zonder panden of contour is "
        "de bebouwing niet bekend, dus ook de potentie niet; zo'n terrein telt niet mee in het totaal. "
        "'Telt niet (koers …)': bij koers nieuw of transformeren gaat het om nieuwe grond of transformatie.",
    ),
}


def _pct(reeks: pd.Series) -> list[str]:
    return [format_pct(v) if pd.notna(v) else "–" for v in reeks]


def _fsi(reeks: pd.Series) -> list[str]:
    return [format_getal(v, 2) if pd.notna(v) else "–" for v in reeks]


def _bestemmingsplan(tabel: pd.DataFrame) -> list[str]:
    """The recorded zoning limits of each park as Dutch text ("max. 70 % · max. 12 m"; "–" when none)."""
    graad = tabel["max_bebouwingsgraad"] if "max_bebouwingsgraad" in tabel.columns else pd.Series(np.nan, tabel.index)
    hoogte = tabel["max_bouwhoogte_m"] if "max_bouwhoogte_m" in tabel.columns else pd.Series(np.nan, tabel.index)
    uit = []
    for g, h in zip(graad, hoogte, strict=True):
        delen = ([f"max. {format_pct(g)}"] if pd.notna(g) else []) + (
            [f"max. {format_getal(h, 0 if float(h).is_integer() else 1)} m"] if pd.notna(h) else []
        )
        uit.append(" · ".join(delen) or "–")
    return uit


def _potentie_m2(waarden: pd.Series, status: pd.Series) -> list[str]:
    """Potential in m² bvo, or the status where it is unknown ("onbekend (geen panden)")."""
    return [f"{format_m2(v)} bvo" if pd.notna(v) else str(s) for v, s in zip(waarden, status, strict=True)]


def _potentie_ha(waarden: pd.Series, decimalen: int = 2) -> list[str]:
    return [format_ha_equivalent(v, decimalen) for v in waarden]


def format_terreindichtheid(tabel: pd.DataFrame) -> pd.DataFrame:
    """The per-park table of :func:`compute_terreindichtheid` for people: Dutch labels and numbers;
    an unknown potential reads as its status ("onbekend (geen panden)"), never as 0."""
    status = tabel["potentie_status"].astype(str)
    return pd.DataFrame(
        {
            "Terrein": tabel["naam"].astype(str).to_numpy(),
            "Gemeente": tabel["gemeente"].astype(str).to_numpy(),
            "Type": tabel["typologie"].fillna("–").astype(str).to_numpy(),
            "Panden": [format_getal(v, 0) for v in tabel["n_panden"]],
            "Netto": [format_ha(v / schema.M2_PER_HA) for v in tabel["netto_m2"]],
            "Bebouwingsgraad": _pct(tabel["bebouwingsgraad"]),
            "FSI": _fsi(tabel["fsi"]),
            "Onbebouwd": [format_ha(v / schema.M2_PER_HA) if pd.notna(v) else "–" for v in tabel["onbebouwd_m2"]],
            "Oud": _pct(tabel["aandeel_oud"]),
            "Bouwlagen geschat": _pct(tabel["aandeel_bouwlagen_geschat"]),
            "Bestemmingsplan": _bestemmingsplan(tabel),
            "Potentie": _potentie_m2(tabel["potentie_m2_bvo"], status),
            "Potentie (ha-eq.)": _potentie_ha(tabel["potentie_ha"]),
            "Status potentie": [
                f"{s}; begrensd: {b}" if b else s
                for s, b in zip(status, tabel["begrenzing"].fillna("").astype(str), strict=True)
            ],
        }
    )


def format_kanszonedichtheid(tabel: pd.DataFrame) -> pd.DataFrame:
    """The kanszone table of :func:`compute_kanszonedichtheid` for people."""
    status = tabel["potentie_status"].astype(str)
    return pd.DataFrame(
        {
            "Kanszone": tabel["naam"].astype(str).to_numpy(),
            "Terrein": tabel["terrein"].astype(str).to_numpy(),
            "Maatregel": tabel["maatregel"].fillna("–").astype(str).to_numpy(),
            "Oppervlak": [format_ha(v / schema.M2_PER_HA, 2) for v in tabel["netto_m2"]],
            "Bebouwingsgraad": _pct(tabel["bebouwingsgraad"]),
            "FSI": _fsi(tabel["fsi"]),
            "Oud": _pct(tabel["aandeel_oud"]),
            "Berekende potentie": _potentie_m2(tabel["potentie_m2_bvo"], status),
            "Berekend (ha-eq.)": _potentie_ha(tabel["potentie_ha"]),
            "Opgegeven potentie": [
                f"{format_m2(v)} bvo" if pd.notna(v) else "–" for v in tabel["potentie_opgegeven_m2_bvo"]
            ],
            "Opgegeven (ha-eq.)": [
                format_ha_equivalent(v, 2) if pd.notna(v) else "–" for v in tabel["potentie_opgegeven_ha"]
            ],
        }
    )


def format_kandidaten(kandidaten: pd.DataFrame) -> pd.DataFrame:
    """The candidates of :func:`find_kandidaten` for people."""
    return pd.DataFrame(
        {
            "Kandidaat": kandidaten["kandidaat_id"].astype(str).to_numpy(),
            "Terrein": kandidaten["terrein"].astype(str).to_numpy(),
            "Gemeente": kandidaten["gemeente"].astype(str).to_numpy(),
            "Oppervlak": [format_ha(v, 2) for v in kandidaten["oppervlak_ha"]],
            "Bebouwingsgraad": _pct(kandidaten["bebouwingsgraad"]),
            "Oud": _pct(kandidaten["aandeel_oud"]),
            "Potentie": [f"{format_m2(v)} bvo" for v in kandidaten["potentie_m2_bvo"]],
            "Potentie (ha-eq.)": _potentie_ha(kandidaten["potentie_ha"]),
            "Waarom": kandidaten["redenen"].astype(str).to_numpy(),
            "Al kanszone": np.where(kandidaten["overlapt_kanszone"].astype(bool), "ja", "nee"),
        }
    )


def format_aandeel_waarschuwing(totaal: PotentieTotaal, parameters: KanszoneParameters) -> str:
    """A Dutch warning when the headline share lies outside the reference range
    (:func:`compute_aandeel_oordeel`), saying what that may mean; "" within the range."""
    oordeel = compute_aandeel_oordeel(totaal, parameters)
    referentie = (
        f"{format_getal(parameters.referentie_ruimtewinst_laag * 100, 0)}–"
        f"{format_pct(parameters.referentie_ruimtewinst_hoog)}"
    )
    if oordeel == "boven":
        return (
            f"De potentie is {format_pct(totaal.aandeel)} van het netto oppervlak: meer dan de {referentie} ruimtewinst "
            "die sommige provincies aannemen. Controleer de doelen in de zijbalk: te hoge doelen beloven meer ruimte "
            "dan verdichting in de praktijk oplevert."
        )
    if oordeel == "onder":
        return (
            f"De potentie is {format_pct(totaal.aandeel)} van het netto oppervlak: minder dan de {referentie} "
            "ruimtewinst die sommige provincies aannemen. De doelen zijn voorzichtig, het bestemmingsplan begrenst "
            "ze, of de terreinen zijn al dicht bebouwd."
        )
    return ""


def format_ha_equivalent(waarde: float, decimalen: int = 1) -> str:
    """Hectare-equivalents in Dutch notation, ``72,4 ha-eq.`` (``onbekend`` when NaN)."""
    return "onbekend" if waarde is None or not np.isfinite(waarde) else f"{format_getal(waarde, decimalen)} ha-eq."


def _getal_of_onbekend(waarde: float | None, decimalen: int = 1) -> str:
    """A number in Dutch notation, or ``onbekend`` when NaN (a tile whose label carries the unit)."""
    return "onbekend" if waarde is None or not np.isfinite(waarde) else format_getal(waarde, decimalen)


def format_potentie_totaal(totaal: PotentieTotaal, parameters: KanszoneParameters) -> str:
    """The headline as one Dutch sentence that can stand anywhere (also next to the demand):
    the figure, that it is extra floor area in hectare-equivalents and no land that can be
    sold, its share of the netto area of the parks that count against the provinces' 20–30 %,
    and how many parks are left out as unknown. No markdown."""
    laag, hoog = parameters.referentie_ruimtewinst_laag, parameters.referentie_ruimtewinst_hoog
    referentie = f"{format_getal(laag * 100, 0)}–{format_pct(hoog)}"
    if totaal.n_telt == 0:
        zin = "Potentie terreinen: onbekend; van geen enkel terrein is de potentie te berekenen."
    else:
        zin = (
            f"Potentie terreinen: {format_getal(totaal.potentie_ha, 1)} ha-equivalent ({HA_EQUIVALENT_UITLEG}; "
            f"{format_m2(totaal.potentie_m2_bvo)} bvo). Dat is {format_pct(totaal.aandeel)} van het netto oppervlak "
            f"({format_ha(totaal.netto_ha)}) van de {format_getal(totaal.n_telt, 0)} terreinen die meetellen; "
            f"sommige provincies gaan uit van {referentie} ruimtewinst door intensivering."
        )
    if totaal.n_onbekend:
        redenen = []
        if totaal.n_geen_panden:
            redenen.append(f"{format_getal(totaal.n_geen_panden, 0)} zonder panden")
        if totaal.n_geen_contour:
            redenen.append(f"{format_getal(totaal.n_geen_contour, 0)} zonder contour")
        wie = "terrein" if totaal.n_onbekend == 1 else "terreinen"
        zin += (
            f" Van {format_getal(totaal.n_onbekend, 0)} {wie} is de potentie onbekend ({' en '.join(redenen)}); "
            f"{'dat telt' if totaal.n_onbekend == 1 else 'die tellen'} niet mee."
        )
    if totaal.n_begrensd:
        zin += f" Bij {format_getal(totaal.n_begrensd, 0)} begrenst het bestemmingsplan de doelen."
    return zin


def compute_kerncijfers(
    terreindichtheid: pd.DataFrame,
    kanszonedichtheid: pd.DataFrame,
    kandidaten: pd.DataFrame,
    regionale_fsi: float,
    parameters: KanszoneParameters | None = None,
) -> list[tuple[str, str, str]]:
    """Headline figures of the selection as (label, Dutch value, how computed):
    bebouwingsgraad and FSI over all parks with panden (sums, not averages of ratios),
    the potential of the parks (:func:`compute_potentie_totaal`: parks with an unknown
    potential left out and counted in the explanation), the computed potential of the
    kanszones (unknown ones left out), and the candidates. Every potential reads in
    hectare-equivalents ("ha-eq.") and its explanation says what that is
    (:data:`HA_EQUIVALENT_UITLEG`)."""
    parameters = parameters or KanszoneParameters()
    met = terreindichtheid[terreindichtheid["n_panden"] > 0]
    netto = float(met["netto_m2"].sum())
    bg = float(met["bebouwd_m2"].sum()) / netto if netto > 0 else np.nan
    fsi = float(met["bvo_m2"].sum()) / netto if netto > 0 else np.nan
    totaal = compute_potentie_totaal(terreindichtheid)
    kz_bekend = kanszonedichtheid["potentie_bekend"].astype(bool).to_numpy()
    kz_ha = float(kanszonedichtheid.loc[kz_bekend, "potentie_ha"].sum())
    kz_m2 = float(kanszonedichtheid.loc[kz_bekend, "potentie_m2_bvo"].sum())
    kz_onbekend = int((~kz_bekend).sum())
    if kz_onbekend and not kz_bekend.any():
        kz_ha = np.nan  # zones, but not one with a known potential
    kz_noot = ""
    if kz_onbekend:
        wie, telt = ("kanszone", "die telt") if kz_onbekend == 1 else ("kanszones", "die tellen")
        kz_noot = (
            f" Van {format_getal(kz_onbekend, 0)} {wie} is de potentie onbekend (geen panden op het terrein); "
            f"{telt} niet mee."
        )
    return [
        ("Bebouwingsgraad", format_pct(bg), "Som van het bebouwd oppervlak ÷ som van het netto oppervlak, terreinen met panden."),
        ("FSI", format_getal(fsi, 2) if np.isfinite(fsi) else "–", "Som van het bvo ÷ som van het netto oppervlak, terreinen met panden. "
         f"De hele regio (alle gemeenten): {format_getal(regionale_fsi, 2)}."),
        # the unit sits in the label: "115,9 ha-eq." does not fit a tile on a laptop
        ("Potentie terreinen (ha-eq.)", _getal_of_onbekend(totaal.potentie_ha),
         format_potentie_totaal(totaal, parameters) + " " + UITLEG["potentie_m2_bvo"][1]),
        ("Potentie kanszones (ha-eq.)", _getal_of_onbekend(kz_ha),
         f"{format_m2(kz_m2)} bvo, berekend uit de panden in de kanszones; hectare-equivalent: {HA_EQUIVALENT_UITLEG}."
         + kz_noot),
        ("Kandidaat-zones", format_getal(len(kandidaten), 0),
         f"Samen {format_ha(float(kandidaten['oppervlak_ha'].sum()), 1)} grond; potentie "
         f"{format_ha_equivalent(float(kandidaten['potentie_ha'].sum()))} ({HA_EQUIVALENT_UITLEG}). "
         "Alleen op terreinen met panden."),
    ]  # fmt: skip


def chart_dichtheid(terreindichtheid: pd.DataFrame, doel: str = "bebouwingsgraad") -> alt.Chart:
    """Horizontal bars per park: bebouwingsgraad (or ``doel="fsi"``) from
    :func:`compute_terreindichtheid`, parks with panden only, highest first, with the
    park's target as a black tick."""
    kolom, doelkolom = (doel, f"doel_{doel}")
    rijen = terreindichtheid[terreindichtheid["n_panden"] > 0].copy()
    rijen["label"] = rijen["naam"].astype(str) + " (" + rijen["gemeente"].astype(str) + ")"
    volgorde = list(rijen.sort_values(kolom, ascending=False)["label"])
    formaat = ".0%" if kolom == "bebouwingsgraad" else ",.2f"
    titel = "Bebouwingsgraad" if kolom == "bebouwingsgraad" else "FSI"
    basis = alt.Chart(rijen[["label", kolom, doelkolom, "gemeente"]])
    staven = basis.mark_bar(color="#0072B2").encode(
        y=alt.Y("label:N", title=None, sort=volgorde, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
        x=alt.X(f"{kolom}:Q", title=titel, axis=alt.Axis(format=formaat)),
        tooltip=[
            alt.Tooltip("label:N", title="Terrein"),
            alt.Tooltip(f"{kolom}:Q", title=titel, format=formaat),
            alt.Tooltip(f"{doelkolom}:Q", title="Doel", format=formaat),
        ],
    )
    streep = basis.mark_tick(color="#111111", thickness=3, size=14).encode(
        y=alt.Y("label:N", sort=volgorde), x=alt.X(f"{doelkolom}:Q")
    )
    return (
        alt.layer(staven, streep)
        .properties(height=alt.Step(22))
        .configure(locale=NL_LOCALE)
        .configure_axis(labelFontSize=13, titleFontSize=14)
    )
