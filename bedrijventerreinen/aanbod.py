"""Supply against demand: the land for companies the register offers up to the horizon, next to
the strategy's demand range and its own supply figure (pure functions).

Supply counts the uitgeefbaar land of the parks in the strategy stock and the uitbreiding,
compensatie and intensivering still to come; demand grows linearly to the strategy's
low/high figure at the horizon. Always regional: the demand range is set for the region.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import schema
from .balance import in_strategie, in_voorraad, uitgeefbaar_ha
from .definities import TOEVOEGEND, VAST, is_vervallen, mutatie_attributen
from .formatting import format_ha

if TYPE_CHECKING:
    from .strategy import Strategie

__all__ = ["compute_aanbod_per_locatie", "compute_vraag_aanbod", "describe_aanbod_strategie"]


def compute_vraag_aanbod(
    terreinen: pd.DataFrame,
    mutaties: pd.DataFrame,
    strategie: Strategie,
    tot_jaar: int | None = None,
) -> pd.DataFrame:
    """Cumulative supply (hard and zacht) against demand (laag and hoog), per year.

    Supply (aanbod) for companies, netto hectares, regional:
    * at the reference year: uitgeefbaar (:func:`uitgeefbaar_ha`) of the parks in the
      strategy stock (:func:`in_strategie`), counted as hard;
    * mutaties already in a register stock (:func:`in_voorraad`) are not added again: their
      land is in that stock's uitgeefbaar or was issued;
    * from the year of each mutatie on: uitbreiding, compensatie and intensivering;
      gerealiseerd/hard plans add to ``aanbod_hard_ha``, zacht plans to ``aanbod_zacht_ha``;
      ideas do not count. Transformations do not lower supply: the demand range already
      includes the replacement of transformed land.
    Demand grows linearly from 0 at the reference year to vraag laag/hoog at the horizon
    (and on at the same pace beyond it).

    Returns one row per year from referentiejaar to ``tot_jaar`` (default the horizon):
    jaar, aanbod_hard_ha, aanbod_zacht_ha, aanbod_totaal_ha, vraag_laag_ha, vraag_hoog_ha.
    """
    ref, hor = strategie.referentiejaar, strategie.horizon
    eind = tot_jaar or hor
    mutaties = mutatie_attributen(mutaties)
    # Land realised before the peiljaar is in the register stock: what is left of it for sale
    # is its uitgeefbaar, what was issued is in the uitgifte; it is not new supply again.
    mutaties = mutaties[~is_vervallen(mutaties) & ~in_voorraad(mutaties, terreinen)]
    mutaties = mutaties[mutaties["gemeente"].isin(list(strategie.gemeenten)).to_numpy()]
    jaren = np.arange(ref, eind + 1)
    bestaand = terreinen[in_strategie(terreinen, strategie) & terreinen["gemeente"].isin(list(strategie.gemeenten))]
    basis = float(uitgeefbaar_ha(bestaand).sum())
    aanbod = mutaties[mutaties["soort"].isin(list(TOEVOEGEND))]
    # plans realised before the reference year are part of the start stock, not new supply
    aanbod = aanbod[~(aanbod["jaar"] < ref).fillna(False).astype(bool)]
    jaar = aanbod["jaar"].fillna(ref).astype(int).to_numpy()
    ha = aanbod["ha"].astype(float).fillna(0.0).to_numpy()
    rang = aanbod["planstatus"].map(schema.PLANSTATUS_RANG).to_numpy()
    hard = rang <= schema.PLANSTATUS_RANG[VAST]
    zacht = rang == schema.PLANSTATUS_RANG["zacht"]
    tot = jaar[None, :] <= jaren[:, None]
    out = pd.DataFrame({"jaar": jaren})
    out["aanbod_hard_ha"] = basis + (tot * (ha * hard)).sum(axis=1)
    out["aanbod_zacht_ha"] = (tot * (ha * zacht)).sum(axis=1)
    out["aanbod_totaal_ha"] = out["aanbod_hard_ha"] + out["aanbod_zacht_ha"]
    fractie = (jaren - ref) / (hor - ref)
    out["vraag_laag_ha"] = strategie.vraag_laag_ha * fractie
    out["vraag_hoog_ha"] = strategie.vraag_hoog_ha * fractie
    return out


def compute_aanbod_per_locatie(terreinen: pd.DataFrame, mutaties: pd.DataFrame, strategie: Strategie) -> pd.DataFrame:
    """The register's supply at each supply location the strategy names, next to the strategy's figure.

    Register supply at a location = the hectares of the uitbreiding and compensatie mutaties
    (gerealiseerd, hard or zacht; ideas and retired ones do not count) on the location's park
    (``terrein_id`` of the location in ``strategie.toml``; NaN when that park is not in the
    register). Returns one row per location: id,
    gemeente, naam, terrein_id, strategie_ha (NaN where the strategy gives none), geschat,
    onzeker, register_ha, verschil_ha (register − strategy).
    """
    m = mutatie_attributen(mutaties)
    rang = m["planstatus"].map(schema.PLANSTATUS_RANG)
    telt = m["soort"].isin(["uitbreiding", "compensatie"]) & rang.le(schema.PLANSTATUS_RANG["zacht"]).fillna(False)
    m = m[telt.to_numpy() & ~is_vervallen(m)]
    per_park = m.groupby("terrein_id")["ha"].sum()
    parken = set(terreinen["terrein_id"].dropna().astype(str))
    rijen = [
        {
            "id": a.id,
            "gemeente": a.gemeente,
            "naam": a.naam,
            "terrein_id": a.terrein_id,
            "strategie_ha": np.nan if a.ha is None else a.ha,
            "geschat": a.geschat,
            "onzeker": a.onzeker,
            # a location whose park is not in the register cannot be compared
            "register_ha": float(per_park.get(a.terrein_id, 0.0)) if a.terrein_id in parken else np.nan,
        }
        for a in strategie.aanbodlocaties
    ]
    out = pd.DataFrame(
        rijen,
        columns=["id", "gemeente", "naam", "terrein_id", "strategie_ha", "geschat", "onzeker", "register_ha"],
    )
    out["verschil_ha"] = out["register_ha"].astype(float) - out["strategie_ha"].astype(float)
    return out


def describe_aanbod_strategie(vraag_aanbod: pd.DataFrame, strategie: Strategie) -> str:
    """One sentence that sets the register's supply at the horizon next to the strategy's own
    supply figure, e.g. "Aanbod volgens het register tot 2030: 38,9 ha hard + 31,0 ha zacht =
    69,9 ha; de strategie noemt circa 70,0 ha, waarvan 31,0 ha onzeker." Empty when the
    strategy file gives no supply figure."""
    if strategie.aanbod_ha is None:
        return ""
    eind = vraag_aanbod.iloc[-1]
    hard, zacht = float(eind["aanbod_hard_ha"]), float(eind["aanbod_zacht_ha"])
    onzeker = (
        f", waarvan {format_ha(strategie.aanbod_onzeker_ha)} onzeker" if strategie.aanbod_onzeker_ha is not None else ""
    )
    return (
        f"Aanbod volgens het register tot {strategie.horizon}: {format_ha(hard)} hard + {format_ha(zacht)} zacht = "
        f"{format_ha(hard + zacht)}; de strategie noemt circa {format_ha(strategie.aanbod_ha)}{onzeker}."
    )
