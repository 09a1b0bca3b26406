"""The monitor's basic definitions, each written once: which mutatie is retired, which park
exists, and how geometry comes into the Dutch national grid (EPSG:28992).

Everything else (the balance, the checks, the map, the kanszones, the register edits)
builds on these; nothing here imports another module of the package except ``schema``.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from . import schema

__all__ = ["is_bestaand", "is_vervallen", "naar_rd"]


def is_vervallen(mutaties: pd.DataFrame) -> np.ndarray:
    """Per row: True when the mutatie is retired (a date in ``vervallen``). Retired mutaties
    stay in the register for history but count nowhere. All False without the column."""
    if "vervallen" not in mutaties.columns:
        return np.zeros(len(mutaties), dtype=bool)
    return mutaties["vervallen"].astype("string").str.strip().fillna("").ne("").to_numpy(dtype=bool)


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
