"""The monitor's basic definitions, each written once: which mutatie is retired, which
mutatie counts, which park exists, and how geometry comes into the Dutch national grid
(EPSG:28992).

Everything else (the balance, the checks, the map, the kanszones, the register edits)
builds on these; nothing here imports another module of the package except ``schema``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd

from . import schema

if TYPE_CHECKING:
    from .strategy import Strategie

#: Soorten that add business land; ``transformatie`` takes it away.
TOEVOEGEND = ("uitbreiding", "compensatie", "intensivering")
#: Plans up to this planstatus are firm: hard supply, and the compensation that keeps a light from red.
VAST = "hard"

#: The mutatie columns every computation reads (the geometry is never needed to count).
MUTATIE_ATTRIBUTEN = ("mutatie_id", "soort", "terrein_id", "gemeente", "naam", "ha", "planstatus", "jaar", "vervallen")

__all__ = [
    "MUTATIE_ATTRIBUTEN",
    "TOEVOEGEND",
    "VAST",
    "attributen",
    "is_bestaand",
    "is_geteld",
    "is_vervallen",
    "mutatie_attributen",
    "naar_rd",
    "select_mutaties",
]


def attributen(df: pd.DataFrame, kolommen: Iterable[str]) -> pd.DataFrame:
    """The ``kolommen`` of ``df`` that it has, as a plain DataFrame: filtering a GeoDataFrame
    is many times slower, and no count needs the shape."""
    return pd.DataFrame(df[[k for k in kolommen if k in df.columns]])


def mutatie_attributen(mutaties: pd.DataFrame) -> pd.DataFrame:
    """The :data:`MUTATIE_ATTRIBUTEN` columns of ``mutaties`` (:func:`attributen`)."""
    return attributen(mutaties, MUTATIE_ATTRIBUTEN)


def is_vervallen(mutaties: pd.DataFrame) -> np.ndarray:
    """Per row: True when the mutatie is retired (a date in ``vervallen``). Retired mutaties
    stay in the register for history but count nowhere. All False without the column."""
    if "vervallen" not in mutaties.columns:
        return np.zeros(len(mutaties), dtype=bool)
    return mutaties["vervallen"].astype("string").str.strip().fillna("").ne("").to_numpy(dtype=bool)


def is_geteld(
    mutaties: pd.DataFrame,
    strategie: Strategie,
    planstatus_vanaf: str = "hard",
    alle_jaren: bool = False,
) -> np.ndarray:
    """Per row: True when the mutatie counts — not retired (:func:`is_vervallen`), its
    planstatus at least as certain as ``planstatus_vanaf`` (gerealiseerd < hard < zacht <
    idee) and its year within [referentiejaar, horizon] of the strategy (a missing year
    counts; the year is not looked at with ``alle_jaren``)."""
    if planstatus_vanaf not in schema.PLANSTATUS_RANG:
        raise ValueError(f"Onbekende planstatus: {planstatus_vanaf!r}")
    rang = mutaties["planstatus"].map(schema.PLANSTATUS_RANG)
    keep = rang.le(schema.PLANSTATUS_RANG[planstatus_vanaf]).fillna(False).to_numpy(dtype=bool)
    keep &= ~is_vervallen(mutaties)
    if not alle_jaren:
        jaar = pd.to_numeric(mutaties["jaar"], errors="coerce")
        in_periode = jaar.between(strategie.referentiejaar, strategie.horizon).fillna(False)
        keep &= in_periode.to_numpy(dtype=bool) | jaar.isna().to_numpy(dtype=bool)
    return keep


def select_mutaties(
    mutaties: pd.DataFrame,
    strategie: Strategie,
    planstatus_vanaf: str = "hard",
    alle_jaren: bool = False,
) -> pd.DataFrame:
    """The rows of ``mutaties`` that count (:func:`is_geteld`)."""
    return mutaties[is_geteld(mutaties, strategie, planstatus_vanaf, alle_jaren)]


def is_bestaand(terreinen: pd.DataFrame) -> np.ndarray:
    """Per park: True when it exists — it has a register stock (a ``peiljaar``) or its koers is
    not ``nieuw``. A planned park enters the stock only through its uitbreiding mutaties."""
    if "koers" in terreinen.columns:
        koers = terreinen["koers"].astype("string")
    else:
        koers = pd.Series(pd.NA, index=terreinen.index, dtype="string")
    niet_nieuw = koers.ne("nieuw").fillna(True).to_numpy(dtype=bool)
    if "peiljaar" not in terreinen.columns:
        return niet_nieuw
    return niet_nieuw | terreinen["peiljaar"].notna().to_numpy(dtype=bool)


def naar_rd(gdf: gpd.GeoDataFrame | pd.DataFrame) -> gpd.GeoDataFrame:
    """``gdf`` in EPSG:28992, the CRS of every area in the monitor.

    A frame without a CRS is taken to be in RD already (the store's layers are); a table
    without any geometry (a register without contours) becomes a GeoDataFrame whose rows all
    have an empty geometry: every row still counts, none is drawn or measured."""
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.active_geometry_name is None:
        attributen = pd.DataFrame(gdf).drop(columns="geometry", errors="ignore")
        return gpd.GeoDataFrame(attributen, geometry=[None] * len(gdf), crs=schema.CRS_RD)
    if gdf.crs is None:
        return gdf.set_crs(schema.CRS_RD)
    return gdf if gdf.crs == schema.CRS_RD else gdf.to_crs(schema.CRS_RD)
