"""Figures of the register: the cumulative timeline
(:func:`compute_tijdlijn`), the rows of a selection (:func:`filter_register`) and the strategy
findings about one mutatie (:func:`bevindingen_voor`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .. import schema
from ..definities import is_vervallen
from .velden import actieve_mutaties

if TYPE_CHECKING:
    from ..strategy import Strategie

TIJDLIJN_REEKSEN = {"gerealiseerd": "Gerealiseerd", "gepland": "Inclusief plannen"}


def compute_tijdlijn(
    mutaties: pd.DataFrame,
    strategie: Strategie,
    gemeenten: list[str] | None = None,
    planstatus_vanaf: str = "hard",
) -> pd.DataFrame:
    """Cumulative transformed and compensated hectares per year, per gemeente and ``regio``.

    Valid mutaties of soort transformatie and compensatie in ``gemeenten`` (default: those
    of the strategy). Reeks ``gerealiseerd`` sums gerealiseerd mutaties; reeks ``gepland``
    adds the plans counted under ``planstatus_vanaf`` (same order as the balance). A year
    before the reference year counts from the reference year; a missing year counts from
    the horizon. Years run from the reference year to the horizon (or the latest year).

    Returns long rows: gemeente (a gemeente or ``regio``), jaar, soort, reeks, ha.
    """
    if planstatus_vanaf not in schema.PLANSTATUS_RANG:
        raise ValueError(f"Onbekende planstatus: {planstatus_vanaf!r}")
    gemeenten = list(gemeenten) if gemeenten is not None else list(strategie.gemeenten)
    act = actieve_mutaties(mutaties)
    m = pd.DataFrame(act[act["soort"].isin(["transformatie", "compensatie"]) & act["gemeente"].isin(gemeenten)])
    ref, hor = strategie.referentiejaar, strategie.horizon
    jaar = m["jaar"].astype("Float64").fillna(hor).astype(float).clip(lower=ref)
    m = m.assign(jaar=jaar.astype(int), rang=m["planstatus"].map(schema.PLANSTATUS_RANG))
    eind = max(hor, int(m["jaar"].max()) if len(m) else hor)
    jaren = list(range(ref, eind + 1))
    rijen = []
    for gemeente in [*gemeenten, "regio"]:
        sel = m if gemeente == "regio" else m[m["gemeente"] == gemeente]
        for soort in ("transformatie", "compensatie"):
            s = sel[sel["soort"] == soort]
            for reeks, grens in (("gerealiseerd", "gerealiseerd"), ("gepland", planstatus_vanaf)):
                telt = s[s["rang"] <= schema.PLANSTATUS_RANG[grens]]
                per_jaar = telt.groupby("jaar")["ha"].sum().reindex(jaren, fill_value=0.0).cumsum()
                rijen += [(gemeente, j, soort, reeks, float(v)) for j, v in per_jaar.items()]
    return pd.DataFrame(rijen, columns=["gemeente", "jaar", "soort", "reeks", "ha"])


def bevindingen_voor(bevindingen: pd.DataFrame, mutatie_id: str) -> pd.DataFrame:
    """The strategy findings that concern ``mutatie_id`` (as object, or as end of a koppeling)."""
    oid = bevindingen["object_id"].astype(str)
    return bevindingen[(oid == mutatie_id) | oid.str.startswith(f"{mutatie_id}→") | oid.str.endswith(f"→{mutatie_id}")]


def filter_register(
    mutaties: pd.DataFrame,
    gemeenten: list[str] | None = None,
    soorten: list[str] | None = None,
    planstatussen: list[str] | None = None,
    met_vervallen: bool = False,
) -> pd.DataFrame:
    """The register rows for the selection (empty lists mean 'all'), retired ones only on request."""
    keep = pd.Series(True, index=mutaties.index)
    if gemeenten:
        keep &= mutaties["gemeente"].isin(gemeenten)
    if soorten:
        keep &= mutaties["soort"].isin(soorten)
    if planstatussen:
        keep &= mutaties["planstatus"].isin(planstatussen)
    if not met_vervallen:
        keep &= ~is_vervallen(mutaties)
    return mutaties[keep.fillna(False).astype(bool).to_numpy()]
