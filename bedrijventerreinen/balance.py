"""The hectare balance and the demand-supply confrontation (pure functions).

Definitions (see ``docs/architecture.md`` and DOMAIN.md):

* A mutatie *counts* when its planstatus is at least as certain as ``planstatus_vanaf``
  (order gerealiseerd < hard < zacht < idee) and its year lies in
  [referentiejaar, horizon] of the strategy (a missing year counts).
* A park is *in the strategy stock* when it exists (it has a register stock, a
  ``peiljaar``, or its koers is not ``nieuw``: planned parks enter through uitbreiding
  mutaties) and it is at least ``minimum_terrein_ha`` bruto (:func:`in_strategie`).
* A mutatie is *already in the stock* when it is gerealiseerd, not retired, and its year is
  on or before the peiljaar of the register stock of its park (:func:`in_voorraad`): IBIS
  2024 already holds what was realised up to 2024.
* **voorraad_start_ha**: the stock at the reference year, derived back from each park's
  register stock: netto(peiljaar) + transformatie − uitbreiding − compensatie −
  intensivering already in that stock since the reference year
  (:func:`compute_startvoorraad`). So every hectare is counted once: a realised mutatie is in
  the balance as a mutatie, and not a second time in the stock.
* **voorraad_eind_ha** = start − transformatie + compensatie + uitbreiding + intensivering.
* **saldo_ha** = compensatie + intensivering − transformatie (the strategy's balance;
  uitbreiding is growth, not compensation).
* Every figure is reported where the land lies; compensation for another gemeente's
  transformation is visible in ``compensatie_elders_ha`` and ``ongedekt_ha``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import schema
from .definities import TOEVOEGEND, VAST, attributen, is_bestaand, is_vervallen, mutatie_attributen, select_mutaties
from .dekking import compute_compensatiedekking
from .formatting import format_ha

if TYPE_CHECKING:
    from .strategy import Strategie

REGIO = "regio"

BALANS_KOLOMMEN = [
    "gemeente",
    "voorraad_start_ha",
    "transformatie_ha",
    "compensatie_ha",
    "uitbreiding_ha",
    "intensivering_ha",
    "voorraad_eind_ha",
    "saldo_ha",
    "ongedekt_ha",
    "compensatie_elders_ha",
    "verkeerslicht",
    "verkeerslicht_reden",
    "voorraad_peiljaar_ha",
    "peiljaar_van",
    "peiljaar_tot",
]


def in_strategie(terreinen: pd.DataFrame, strategie: Strategie) -> np.ndarray:
    """Per park: True when it counts in the strategy stock — it exists (:func:`is_bestaand`)
    and is at least ``minimum_terrein_ha`` bruto (parks under 1 ha fall outside the strategy;
    a park without a bruto figure is not excluded)."""
    bruto = pd.to_numeric(terreinen["bruto_ha"], errors="coerce")
    groot_genoeg = ~(bruto < strategie.minimum_terrein_ha).fillna(False).to_numpy(dtype=bool)
    return is_bestaand(terreinen) & groot_genoeg


def uitgeefbaar_ha(terreinen: pd.DataFrame) -> pd.Series:
    """Per park the uitgeefbaar hectares: ``uitgeefbaar_ha`` (IBIS total), else terstond +
    niet terstond; 0 where nothing is known."""
    delen = terreinen[["uitgeefbaar_terstond_ha", "uitgeefbaar_niet_terstond_ha"]].astype(float)
    som = delen.sum(axis=1, min_count=1)
    totaal = terreinen["uitgeefbaar_ha"].astype(float) if "uitgeefbaar_ha" in terreinen.columns else som
    return totaal.fillna(som).fillna(0.0)


def in_voorraad(mutaties: pd.DataFrame, terreinen: pd.DataFrame) -> np.ndarray:
    """Per mutatie: True when its hectares are already in the register stock of its park — it
    is gerealiseerd, not retired, and its year is on or before that park's ``peiljaar``.

    A mutatie without a park, on a park without register stock (no ``peiljaar``), or without
    a year is never in the stock."""
    if "peiljaar" not in terreinen.columns or not len(mutaties):
        return np.zeros(len(mutaties), dtype=bool)
    peiljaar = terreinen.drop_duplicates("terrein_id").set_index("terrein_id")["peiljaar"]
    pj = mutaties["terrein_id"].map(peiljaar).astype("Float64")
    jaar = pd.to_numeric(mutaties["jaar"], errors="coerce").astype("Float64")
    klaar = mutaties["planstatus"].astype("string").eq("gerealiseerd").fillna(False)
    return (klaar & (jaar <= pj).fillna(False)).to_numpy(dtype=bool) & ~is_vervallen(mutaties)


def compute_startvoorraad(terreinen: pd.DataFrame, mutaties: pd.DataFrame, strategie: Strategie) -> pd.DataFrame:
    """The stock at the reference year per park of the strategy stock, derived from its register stock.

    For a park with a register stock of peiljaar P (P at or after the reference year R):
    ``start_ha`` = netto(P) + transformatie − uitbreiding − compensatie − intensivering of
    the mutaties already in that stock (:func:`in_voorraad`) with a year from R to P. A park
    without a register stock counts with its netto as it is. Parks outside the strategy
    (:func:`in_strategie`) are left out.

    Returns terrein_id, gemeente, peiljaar, netto_ha (the register stock), teruggerekend_ha
    (start − netto) and start_ha.
    """
    t = attributen(terreinen, ["terrein_id", "gemeente", "netto_ha", "bruto_ha", "koers", "peiljaar"])
    if "peiljaar" not in t.columns:
        t["peiljaar"] = pd.array([pd.NA] * len(t), dtype="Int64")
    t = t[in_strategie(t, strategie)]
    m = mutatie_attributen(mutaties)
    m = m[in_voorraad(m, t) & pd.to_numeric(m["jaar"], errors="coerce").ge(strategie.referentiejaar).to_numpy()]
    teken = np.where(m["soort"].eq("transformatie"), 1.0, np.where(m["soort"].isin(TOEVOEGEND), -1.0, 0.0))
    terug = (m["ha"].astype(float).fillna(0.0) * teken).groupby(m["terrein_id"]).sum()
    out = pd.DataFrame(
        {
            "terrein_id": t["terrein_id"].to_numpy(),
            "gemeente": t["gemeente"].to_numpy(),
            "peiljaar": t["peiljaar"].astype("Int64").to_numpy(),
            "netto_ha": t["netto_ha"].astype(float).fillna(0.0).to_numpy(),
        }
    )
    out["teruggerekend_ha"] = out["terrein_id"].map(terug).astype(float).fillna(0.0).to_numpy()
    out["start_ha"] = out["netto_ha"] + out["teruggerekend_ha"]
    return out


def describe_stand(balans: pd.DataFrame, strategie: Strategie) -> str:
    """Where the start stock comes from, for the selection's total row: e.g. "stand IBIS 2024
    (516,4 ha), teruggerekend naar 2020", or "netto, referentiejaar 2020" without a register stock."""
    r = balans.set_index("gemeente").loc[REGIO]
    van, tot = r.get("peiljaar_van"), r.get("peiljaar_tot")
    if van is None or pd.isna(van):
        return f"netto, referentiejaar {strategie.referentiejaar}"
    jaren = f"{int(van)}" if int(van) == int(tot) else f"{int(van)}–{int(tot)}"
    terug = (
        "" if int(van) == strategie.referentiejaar == int(tot) else f", teruggerekend naar {strategie.referentiejaar}"
    )
    return f"stand IBIS {jaren} ({format_ha(float(r['voorraad_peiljaar_ha']))}){terug}"


def compute_hectarebalans(
    terreinen: pd.DataFrame,
    mutaties: pd.DataFrame,
    koppelingen: pd.DataFrame,
    strategie: Strategie,
    planstatus_vanaf: str = "hard",
) -> pd.DataFrame:
    """The hectare balance: one row per gemeente of the strategy plus a row ``regio``.

    Columns (all netto hectares): voorraad_start_ha, transformatie_ha, compensatie_ha,
    uitbreiding_ha, intensivering_ha (sums of counted mutaties per soort, by the gemeente
    where they lie), voorraad_eind_ha, saldo_ha (see module docstring), ongedekt_ha (the
    shortfall of this gemeente's counted transformations, see
    :func:`compute_compensatiedekking`), compensatie_elders_ha (part of this gemeente's
    transformations covered in another gemeente), verkeerslicht and verkeerslicht_reden
    (see :func:`compute_verkeerslicht`). The regio row is the sum of the gemeente rows
    and carries the worst traffic light.
    """
    mutaties = mutatie_attributen(mutaties)
    # Only the strategy's gemeenten: a park or mutatie elsewhere is reported (G01), never summed.
    index = pd.Index(list(strategie.gemeenten), name="gemeente")
    mutaties = mutaties[mutaties["gemeente"].isin(index).to_numpy()]

    start = compute_startvoorraad(terreinen, mutaties, strategie)
    out = pd.DataFrame(index=index)
    out["voorraad_start_ha"] = start.groupby("gemeente")["start_ha"].sum()
    geteld = select_mutaties(mutaties, strategie, planstatus_vanaf)
    per_soort = geteld.pivot_table(index="gemeente", columns="soort", values="ha", aggfunc="sum")
    for soort in ("transformatie", "compensatie", "uitbreiding", "intensivering"):
        out[f"{soort}_ha"] = per_soort.get(soort, 0.0)
    out = out.fillna(0.0).astype(float)
    met_stand = start[start["peiljaar"].notna()]
    out["voorraad_peiljaar_ha"] = met_stand.groupby("gemeente")["netto_ha"].sum().reindex(index).fillna(0.0)
    out["voorraad_eind_ha"] = (
        out["voorraad_start_ha"]
        - out["transformatie_ha"]
        + out["compensatie_ha"]
        + out["uitbreiding_ha"]
        + out["intensivering_ha"]
    )
    out["saldo_ha"] = out["compensatie_ha"] + out["intensivering_ha"] - out["transformatie_ha"]

    dekking = compute_compensatiedekking(mutaties, koppelingen, strategie, planstatus_vanaf)
    out["ongedekt_ha"] = dekking.groupby("gemeente")["tekort_ha"].sum().reindex(index).fillna(0.0)
    out["compensatie_elders_ha"] = dekking.groupby("gemeente")["gedekt_elders_ha"].sum().reindex(index).fillna(0.0)

    regio = out.sum(numeric_only=True).rename(REGIO)
    out = pd.concat([out, regio.to_frame().T])
    out.index.name = "gemeente"
    jaren = met_stand.groupby("gemeente")["peiljaar"]
    out["peiljaar_van"] = jaren.min().reindex(out.index).astype("Int64")
    out["peiljaar_tot"] = jaren.max().reindex(out.index).astype("Int64")
    if len(met_stand):
        out.loc[REGIO, ["peiljaar_van", "peiljaar_tot"]] = [met_stand["peiljaar"].min(), met_stand["peiljaar"].max()]
    vast_status = _firm_status(planstatus_vanaf)
    vast = (
        dekking
        if planstatus_vanaf == vast_status
        else compute_compensatiedekking(mutaties, koppelingen, strategie, vast_status)
    )
    out = out.join(_verkeerslicht(vast, dekking, strategie.tolerantie_ha, list(out.index), out["saldo_ha"]))
    return out.reset_index()[BALANS_KOLOMMEN]


def compute_verkeerslicht(
    mutaties: pd.DataFrame,
    koppelingen: pd.DataFrame,
    strategie: Strategie,
    planstatus_vanaf: str,
    gemeenten: list[str],
) -> pd.DataFrame:
    """Traffic light per gemeente (and ``regio``: the worst of all gemeenten).

    * rood: a gerealiseerd or hard transformation of the gemeente (only gerealiseerd ones
      when ``planstatus_vanaf`` is 'gerealiseerd') has a shortfall of more than the tolerance
      when only compensation of that same firmness counts;
    * oranje: otherwise, a transformation counted under ``planstatus_vanaf`` has a
      shortfall against compensation counted under the same planstatus;
    * groen: every counted transformation is covered.

    Returns a frame indexed by gemeente with ``verkeerslicht`` and ``verkeerslicht_reden``.
    """
    vast = compute_compensatiedekking(mutaties, koppelingen, strategie, _firm_status(planstatus_vanaf))
    geteld = compute_compensatiedekking(mutaties, koppelingen, strategie, planstatus_vanaf)
    return _verkeerslicht(vast, geteld, strategie.tolerantie_ha, gemeenten, None)


def _firm_status(planstatus_vanaf: str) -> str:
    """The planstatus up to which plans count as firm: hard, or less when the horizon is narrower
    (with 'alleen gerealiseerd' a hard plan is not in view, so it cannot make a light red)."""
    return min(planstatus_vanaf, VAST, key=schema.PLANSTATUS_RANG.__getitem__)


def _verkeerslicht(
    vast: pd.DataFrame, geteld: pd.DataFrame, tol: float, gemeenten: list[str], saldo: pd.Series | None
) -> pd.DataFrame:
    """Traffic lights from coverage by firm compensation (``vast``) and by counted compensation.

    Where the gemeente's ``saldo`` is positive but the light is not green, the reason says
    why in the row itself: the saldo counts land where it lies, the light the coverage of the
    gemeente's own transformations by linked compensation."""
    rood = vast[vast["tekort_ha"] > tol].groupby("gemeente")["tekort_ha"].sum()
    oranje = geteld[geteld["tekort_ha"] > tol].groupby("gemeente")["tekort_ha"].sum()

    def waarom(g: str) -> str:
        if saldo is None or g not in saldo.index or saldo[g] <= tol:
            return ""
        return f"; saldo {format_ha(float(saldo[g]), teken=True)} telt grond hier, niet de dekking"

    rows = []
    for g in gemeenten:
        if g == REGIO:
            continue
        if g in rood.index:
            rows.append((g, "rood", f"{format_ha(rood[g])} harde transformatie niet hard gecompenseerd{waarom(g)}"))
        elif g in oranje.index:
            rows.append(
                (g, "oranje", f"{format_ha(oranje[g])} geplande transformatie nog niet gecompenseerd{waarom(g)}")
            )
        else:
            rows.append((g, "groen", "Alle getelde transformaties gecompenseerd"))
    df = pd.DataFrame(rows, columns=["gemeente", "verkeerslicht", "verkeerslicht_reden"]).set_index("gemeente")
    if REGIO in gemeenten:
        df.loc[REGIO] = list(_worst_verkeerslicht(df["verkeerslicht"]))
    return df


def _worst_verkeerslicht(lichten: pd.Series) -> tuple[str, str]:
    """The worst traffic light of several gemeenten and a reason such as '2 gemeenten rood'."""
    orde = schema.codes(schema.VERKEERSLICHT)
    slechtst = max(lichten, key=orde.index, default="groen")
    n = int((lichten == slechtst).sum())
    if slechtst == "groen":
        return slechtst, "Alle gemeenten groen"
    return slechtst, f"{n} {'gemeente' if n == 1 else 'gemeenten'} {slechtst}"


def select_gemeenten(balans: pd.DataFrame, gemeenten: list[str]) -> pd.DataFrame:
    """Keep the rows of ``gemeenten`` and replace the ``regio`` row by their sum.

    The total row keeps the label ``regio`` (its traffic light is the worst of the
    selection), so pages can show "selectie" without recomputing any figure.
    """
    rows = balans[balans["gemeente"].isin(gemeenten)]
    getallen = [c for c in BALANS_KOLOMMEN if c.endswith("_ha")]
    totaal: dict[str, object] = {c: float(rows[c].sum()) for c in getallen}
    totaal["gemeente"] = REGIO
    totaal["peiljaar_van"] = rows["peiljaar_van"].min() if rows["peiljaar_van"].notna().any() else pd.NA
    totaal["peiljaar_tot"] = rows["peiljaar_tot"].max() if rows["peiljaar_tot"].notna().any() else pd.NA
    totaal["verkeerslicht"], totaal["verkeerslicht_reden"] = _worst_verkeerslicht(rows["verkeerslicht"])
    out = pd.concat([rows, pd.DataFrame([totaal])], ignore_index=True)[BALANS_KOLOMMEN]
    return out.astype({"peiljaar_van": "Int64", "peiljaar_tot": "Int64"})


#: The columns of the balance as users read them: label and how each figure is computed.
BALANS_UITLEG: dict[str, tuple[str, str]] = {
    "voorraad_start_ha": (
        "Startvoorraad",
        "Netto ha van de bestaande terreinen van minstens 1 ha bruto in het referentiejaar, teruggerekend uit "
        "de IBIS-stand: netto in het peiljaar + transformatie − uitbreiding, compensatie en intensivering die "
        "tussen referentiejaar en peiljaar al gerealiseerd zijn (geplande terreinen tellen via hun uitbreiding).",
    ),
    "transformatie_ha": ("Transformatie", "Som van de netto ha van getelde transformaties in de gemeente."),
    "compensatie_ha": ("Compensatie", "Som van de netto ha van getelde compensaties die in de gemeente liggen."),
    "uitbreiding_ha": (
        "Uitbreiding",
        "Som van de netto ha van getelde uitbreidingen (nieuw aanbod, geen compensatie).",
    ),
    "intensivering_ha": (
        "Intensivering",
        "Ruimtewinst door verdichting in hectare-equivalent: extra vloeroppervlak omgerekend naar grond, "
        "geen uitgeefbare hectares.",
    ),
    "voorraad_eind_ha": ("Eindvoorraad", "Startvoorraad − transformatie + compensatie + uitbreiding + intensivering."),
    "saldo_ha": ("Saldo", "Compensatie + intensivering − transformatie, waar de grond ligt."),
    "ongedekt_ha": (
        "Ongedekt",
        "Deel van de getelde transformaties van de gemeente dat niet met getelde compensatie is gekoppeld.",
    ),
    "compensatie_elders_ha": (
        "Gecompenseerd elders",
        "Deel van de transformaties van de gemeente dat in een andere gemeente is gecompenseerd.",
    ),
    "verkeerslicht": (
        "Stoplicht",
        "Rood: harde transformatie niet hard gecompenseerd; oranje: geplande transformatie nog niet gecompenseerd; groen: alles gedekt.",
    ),
}


def format_balans(balans: pd.DataFrame) -> pd.DataFrame:
    """The balance as a table for people: Dutch column labels, ``47,2 ha`` strings, the
    traffic light as a word (Groen/Oranje/Rood) right after the gemeente so it is seen first on
    a narrow screen, the ``regio`` row labelled 'Totaal'."""
    out = pd.DataFrame({"Gemeente": balans["gemeente"].replace({REGIO: "Totaal"})})
    out[BALANS_UITLEG["verkeerslicht"][0]] = [schema.label(schema.VERKEERSLICHT, v) for v in balans["verkeerslicht"]]
    for kolom, (label, _) in BALANS_UITLEG.items():
        if kolom != "verkeerslicht":
            out[label] = [format_ha(v, teken=kolom == "saldo_ha") for v in balans[kolom]]
    out["Toelichting"] = balans["verkeerslicht_reden"].to_numpy()
    return out
