"""Compensation coverage: how much of each transformation is covered by linked compensation.

One rule, written once (:func:`compute_koppeling_ha`): a koppeling holds hectares when it
links an active (not retired) transformation to an active compensation; when the
koppelingen of one compensation allocate more than it holds, each allocation is scaled down
pro rata, so no hectare is counted twice. Both coverage tables are group-bys of it:

* :func:`compute_compensatiedekking` — per counted transformation, by the compensation that
  counts under the same planstatus and year rule as the balance (the Overzicht, the
  Vergadermodus, the handout, the Excel export, the map, the scenarios);
* :func:`compute_dekking_per_planstatus` — per active transformation, all years, split by
  the planstatus of the compensation (the Transformatie page).

A shortfall up to the strategy's ``tolerantie_ha`` counts as covered (rounding in the
register), in every table and so in every figure built on them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import schema
from .definities import is_geteld, is_vervallen, mutatie_attributen

if TYPE_CHECKING:
    from .strategy import Strategie

__all__ = [
    "DEKKING_KOLOMMEN",
    "DEKKING_PER_PLANSTATUS_KOLOMMEN",
    "compute_compensatiedekking",
    "compute_dekking_per_planstatus",
    "compute_koppeling_ha",
    "tekort",
]

_TRANSFORMATIE_KOLOMMEN = ["mutatie_id", "naam", "gemeente", "planstatus", "jaar", "ha"]

#: Columns of :func:`compute_compensatiedekking`.
DEKKING_KOLOMMEN = [*_TRANSFORMATIE_KOLOMMEN, "gedekt_ha", "tekort_ha", "dekking", "gedekt_elders_ha"]
#: Columns of :func:`compute_dekking_per_planstatus`.
DEKKING_PER_PLANSTATUS_KOLOMMEN = [
    *_TRANSFORMATIE_KOLOMMEN,
    *[f"gedekt_{p}_ha" for p in schema.codes(schema.PLANSTATUS)],
    "gedekt_hard_totaal_ha",
    "gedekt_totaal_ha",
    "tekort_hard_ha",
    "tekort_ha",
    "gedekt_elders_ha",
]


def tekort(ha: pd.Series, gedekt: pd.Series, tolerantie_ha: float) -> pd.Series:
    """The shortfall ``ha − gedekt`` of each transformation, 0 where it is at most
    ``tolerantie_ha`` (the strategy's rounding tolerance: such a shortfall counts as covered)."""
    ruw = (ha.astype(float) - gedekt.astype(float)).clip(lower=0)
    return ruw.where(ruw > tolerantie_ha, 0.0)


def compute_koppeling_ha(mutaties: pd.DataFrame, koppelingen: pd.DataFrame) -> pd.DataFrame:
    """The effective hectares of every koppeling that holds any.

    A koppeling holds hectares when its ``transformatie_id`` is an active transformation and
    its ``compensatie_id`` an active compensation (a koppeling to a retired or missing
    mutatie is finding K01 and holds nothing, so it cannot eat another's share); a negative
    or unreadable allocation holds 0. ``effectief_ha`` = ``ha`` × min(1, compensation ha ÷
    all allocations of that compensation): over-allocation is shared pro rata.

    Returns one row per such koppeling: transformatie_id, compensatie_id, ha (allocated),
    effectief_ha, and of the compensation its planstatus, jaar and gemeente, of the
    transformation its gemeente, and ``elders`` (True when the two gemeenten differ).
    """
    m = mutatie_attributen(mutaties)
    actief = m[~is_vervallen(m)]
    trans = actief[actief["soort"].eq("transformatie").fillna(False).to_numpy()].drop_duplicates("mutatie_id")
    comp = actief[actief["soort"].eq("compensatie").fillna(False).to_numpy()].drop_duplicates("mutatie_id")
    trans, comp = trans.set_index("mutatie_id"), comp.set_index("mutatie_id")
    geldig = koppelingen["transformatie_id"].isin(trans.index) & koppelingen["compensatie_id"].isin(comp.index)
    k = pd.DataFrame(koppelingen.loc[geldig.to_numpy(), ["transformatie_id", "compensatie_id", "ha"]])
    k["ha"] = pd.to_numeric(k["ha"], errors="coerce").fillna(0.0).astype(float).clip(lower=0)
    toegewezen = k.groupby("compensatie_id")["ha"].transform("sum")
    groot = k["compensatie_id"].map(comp["ha"]).astype(float)  # float also when k is empty
    k["effectief_ha"] = k["ha"] * np.minimum(1.0, (groot / toegewezen.where(toegewezen > 0)).fillna(0.0))
    k["planstatus"] = k["compensatie_id"].map(comp["planstatus"])
    k["jaar"] = k["compensatie_id"].map(comp["jaar"])
    k["gemeente_compensatie"] = k["compensatie_id"].map(comp["gemeente"])
    k["gemeente_transformatie"] = k["transformatie_id"].map(trans["gemeente"])
    k["elders"] = (k["gemeente_compensatie"].astype(object) != k["gemeente_transformatie"].astype(object)).to_numpy()
    return k.reset_index(drop=True)


def _per_transformatie(k: pd.DataFrame, ids: pd.Series, alleen_elders: bool = False) -> pd.Series:
    """The sum of ``effectief_ha`` of koppelingen ``k`` per transformation id in ``ids``."""
    if alleen_elders:
        k = k[k["elders"].to_numpy(dtype=bool)]
    return ids.map(k.groupby("transformatie_id")["effectief_ha"].sum()).fillna(0.0).astype(float)


def compute_compensatiedekking(
    mutaties: pd.DataFrame,
    koppelingen: pd.DataFrame,
    strategie: Strategie,
    planstatus_vanaf: str = "hard",
    alle_jaren: bool = False,
) -> pd.DataFrame:
    """Coverage of every counted transformation by its linked, counted compensations.

    Transformations and compensations count by the balance's rule
    (:func:`bedrijventerreinen.definities.is_geteld`); each koppeling with its effective
    hectares (:func:`compute_koppeling_ha`). ``gedekt_ha`` = min(ha, sum of the effective
    hectares from counted compensations); ``tekort_ha`` = ha − gedekt_ha, 0 up to the
    strategy's tolerance (:func:`tekort`); ``dekking`` = gedekt_ha ÷ ha (1 for 0 ha);
    ``gedekt_elders_ha`` is the part covered by compensation in another gemeente.

    Returns one row per counted transformation, columns :data:`DEKKING_KOLOMMEN`.
    """
    m = mutatie_attributen(mutaties)
    geteld = m[is_geteld(m, strategie, planstatus_vanaf, alle_jaren)]
    trans = geteld[geteld["soort"].eq("transformatie").fillna(False).to_numpy()][_TRANSFORMATIE_KOLOMMEN]
    telt = set(geteld.loc[geteld["soort"].eq("compensatie").fillna(False).to_numpy(), "mutatie_id"])
    k = compute_koppeling_ha(m, koppelingen)
    k = k[k["compensatie_id"].isin(telt).to_numpy()]
    out = trans.reset_index(drop=True)
    ha = out["ha"].astype(float)
    out["gedekt_ha"] = np.minimum(ha, _per_transformatie(k, out["mutatie_id"]))
    out["tekort_ha"] = tekort(ha, out["gedekt_ha"], strategie.tolerantie_ha)
    out["dekking"] = (out["gedekt_ha"] / ha.where(ha > 0)).fillna(1.0)
    out["gedekt_elders_ha"] = np.minimum(out["gedekt_ha"], _per_transformatie(k, out["mutatie_id"], alleen_elders=True))
    return out[DEKKING_KOLOMMEN]


def compute_dekking_per_planstatus(
    mutaties: pd.DataFrame, koppelingen: pd.DataFrame, strategie: Strategie
) -> pd.DataFrame:
    """Coverage of every active transformation by the planstatus of its linked compensations, all years.

    ``gedekt_<planstatus>_ha``: the effective hectares (:func:`compute_koppeling_ha`) from
    compensation of that planstatus; ``gedekt_hard_totaal_ha`` = min(ha, gerealiseerd +
    hard); ``gedekt_totaal_ha`` = min(ha, all); ``tekort_hard_ha`` and ``tekort_ha`` the
    shortfalls against those two (what the strategy requires to be covered firmly, and with
    every plan), 0 up to the strategy's tolerance (:func:`tekort`); ``gedekt_elders_ha`` the
    part covered in another gemeente.

    Returns one row per active transformation, columns :data:`DEKKING_PER_PLANSTATUS_KOLOMMEN`.
    """
    m = mutatie_attributen(mutaties)
    actief = m[~is_vervallen(m)]
    out = actief[actief["soort"].eq("transformatie").fillna(False).to_numpy()][_TRANSFORMATIE_KOLOMMEN]
    out = out.reset_index(drop=True)
    k = compute_koppeling_ha(m, koppelingen)
    ha = out["ha"].astype(float)
    for p in schema.codes(schema.PLANSTATUS):
        out[f"gedekt_{p}_ha"] = _per_transformatie(k[k["planstatus"].eq(p).fillna(False).to_numpy()], out["mutatie_id"])
    vast = out["gedekt_gerealiseerd_ha"] + out["gedekt_hard_ha"]
    alles = vast + out["gedekt_zacht_ha"] + out["gedekt_idee_ha"]
    out["gedekt_hard_totaal_ha"] = np.minimum(ha, vast)
    out["gedekt_totaal_ha"] = np.minimum(ha, alles)
    out["tekort_hard_ha"] = tekort(ha, out["gedekt_hard_totaal_ha"], strategie.tolerantie_ha)
    out["tekort_ha"] = tekort(ha, out["gedekt_totaal_ha"], strategie.tolerantie_ha)
    elders = _per_transformatie(k, out["mutatie_id"], alleen_elders=True)
    out["gedekt_elders_ha"] = np.minimum(out["gedekt_totaal_ha"], elders)
    return out[DEKKING_PER_PLANSTATUS_KOLOMMEN]
