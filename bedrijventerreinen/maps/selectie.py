"""Which objects each map layer draws, and their simplification for display (pure, in EPSG:28992)."""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import schema
from ..definities import naar_rd, select_mutaties
from ..strategy import Strategie
from .stijl import KAARTLAAG_CODES, SOORTEN_PER_LAAG

#: Display tolerance in RD metres: invisible below zoom level 16 (about 2.4 m per pixel).
TOLERANTIE_M = 2.0
#: Largest relative area change simplification may cause; larger changes keep the original.
MAX_AFWIJKING = 0.01
#: Decimals of WGS84 coordinates sent to the browser (6 decimals ≈ 0.1 m).
DECIMALEN = 6


def heeft_contour(gdf: gpd.GeoDataFrame) -> np.ndarray:
    """Per row: True when it has a geometry to draw (not missing, not empty)."""
    geom = np.asarray(gdf.geometry.to_numpy(), dtype=object)
    return ~shapely.is_missing(geom) & ~shapely.is_empty(geom)


def _met_geometrie(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gdf[heeft_contour(gdf)]


def _in_gemeenten(gdf: gpd.GeoDataFrame, gemeenten: list[str] | None) -> gpd.GeoDataFrame:
    if gemeenten is None:
        return gdf
    return gdf[gdf["gemeente"].isin(gemeenten).fillna(False).to_numpy()]


def _select_mutaties(
    mutaties: gpd.GeoDataFrame | None,
    soorten: tuple[str, ...],
    gemeenten: list[str] | None,
    planstatus_vanaf: str,
    strategie: Strategie | None,
) -> gpd.GeoDataFrame:
    """The drawn mutaties of ``soorten``: counted by the balance's rule with a strategy, by
    planstatus alone without one."""
    if mutaties is None or mutaties.empty:
        return naar_rd(schema.empty("mutaties"))
    m = naar_rd(mutaties)
    if strategie is not None:
        m = select_mutaties(m, strategie, planstatus_vanaf)
    else:
        rang = m["planstatus"].map(schema.PLANSTATUS_RANG)
        m = m[rang.le(schema.PLANSTATUS_RANG[planstatus_vanaf]).fillna(False).astype(bool).to_numpy()]
    m = m[m["soort"].isin(soorten).fillna(False).to_numpy()]
    return _met_geometrie(_in_gemeenten(m, gemeenten))


def _select_kanszones(kanszones: gpd.GeoDataFrame | None, terreinen: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The drawn kanszones: those on one of ``terreinen``."""
    if kanszones is None or kanszones.empty:
        return naar_rd(schema.empty("kanszones"))
    k = naar_rd(kanszones)
    k = k[k["terrein_id"].isin(terreinen["terrein_id"]).fillna(False).to_numpy()]
    return _met_geometrie(k)


def select_kaartobjecten(
    terreinen: gpd.GeoDataFrame,
    mutaties: gpd.GeoDataFrame | None = None,
    kanszones: gpd.GeoDataFrame | None = None,
    *,
    gemeenten: Iterable[str] | None = None,
    planstatus_vanaf: str = "idee",
    strategie: Strategie | None = None,
    lagen: Iterable[str] = KAARTLAAG_CODES,
) -> dict[str, gpd.GeoDataFrame]:
    """The objects each switched-on layer draws, in EPSG:28992 (the layer filter logic).

    * terreinen: parks in ``gemeenten`` (all when None) that have a geometry;
    * transformatie / aanwinst: mutaties of the layer's soorten (:data:`SOORTEN_PER_LAAG`)
      in ``gemeenten`` that *count* under ``planstatus_vanaf`` — with a ``strategie`` by the
      rule of the hectare balance (:func:`bedrijventerreinen.balance.select_mutaties`, so
      the map shows what the balance counts), without one by planstatus alone — and have
      a geometry;
    * kanszones: zones whose terrein is one of the selected parks.

    Layers not in ``lagen`` are left out of the result.
    """
    lagen = [laag for laag in lagen if laag in KAARTLAAG_CODES]
    gemeenten = None if gemeenten is None else list(gemeenten)
    uit: dict[str, gpd.GeoDataFrame] = {}

    t = _in_gemeenten(naar_rd(terreinen), gemeenten)
    if "terreinen" in lagen:
        uit["terreinen"] = _met_geometrie(t)  # a park without contour is listed beside the map
    for laag, soorten in SOORTEN_PER_LAAG.items():
        if laag in lagen:
            uit[laag] = _select_mutaties(mutaties, soorten, gemeenten, planstatus_vanaf, strategie)
    if "kanszones" in lagen:
        uit["kanszones"] = _select_kanszones(kanszones, t)
    return uit


def select_zonder_contour(terreinen: pd.DataFrame, gemeenten: Iterable[str] | None = None) -> pd.DataFrame:
    """The parks in ``gemeenten`` (all when None) that have no contour to draw (geometry
    missing or empty, e.g. added from a register table): terrein_id, naam, gemeente,
    rin_nummer, bruto_ha, netto_ha, ordered by gemeente and name. They count in every figure;
    the map lists them instead of drawing them."""
    t = _in_gemeenten(naar_rd(terreinen), None if gemeenten is None else list(gemeenten))
    kolommen = ["terrein_id", "naam", "gemeente", "rin_nummer", "bruto_ha", "netto_ha"]
    uit = pd.DataFrame(t.loc[~heeft_contour(t), [k for k in kolommen if k in t.columns]])
    for k in kolommen:
        if k not in uit.columns:
            uit[k] = pd.NA
    return uit[kolommen].sort_values(["gemeente", "naam"], kind="stable", na_position="last").reset_index(drop=True)


def simplify_for_display(
    gdf: gpd.GeoDataFrame,
    tolerantie_m: float = TOLERANTIE_M,
    max_afwijking: float = MAX_AFWIJKING,
) -> gpd.GeoDataFrame:
    """Geometries simplified for display, returned in EPSG:4326 with coordinates rounded
    to :data:`DECIMALEN` decimals.

    Simplification happens in EPSG:28992 with ``tolerantie_m`` metres (topology-preserving
    Douglas-Peucker). Invalid input is repaired first (``make_valid``). A geometry whose
    simplified form is invalid, empty or differs more than ``max_afwijking`` (relative)
    in area from the repaired original is tried again with half and a quarter of the
    tolerance, and otherwise keeps the repaired original, so every shape stays valid and
    within that margin of its area. Rows without geometry are dropped.
    """
    rd = _met_geometrie(naar_rd(gdf))
    geoms = np.array(rd.geometry.to_numpy(), dtype=object, copy=True)  # never modify the caller's frame
    geldig = shapely.is_valid(geoms)
    if not geldig.all():
        geoms = np.where(geldig, geoms, shapely.make_valid(geoms))
    geoms = _simplify_binnen_marge(geoms, tolerantie_m, max_afwijking)
    uit = gpd.GeoDataFrame(rd.drop(columns=rd.geometry.name), geometry=list(geoms), crs=schema.CRS_RD)
    uit = uit.to_crs(schema.CRS_WEB)
    uit.geometry = shapely.transform(uit.geometry.to_numpy(), lambda c: np.round(c, DECIMALEN))
    return uit


def _simplify_binnen_marge(geoms: np.ndarray, tolerantie_m: float, max_afwijking: float) -> np.ndarray:
    """Each geometry simplified with the tolerance, or half or a quarter of it, as long as the
    result is valid, not empty and within the area margin; else the geometry itself."""
    oppervlak = shapely.area(geoms)
    # simplification may use three quarters of the margin: rounding the WGS84 coordinates
    # afterwards moves the area a little too (a hypothesis case landed at 1,01 %)
    grens = 0.75 * max_afwijking * np.where(oppervlak > 0, oppervlak, np.inf)
    open_ = np.ones(len(geoms), dtype=bool)  # still at full detail
    for stap in (tolerantie_m, tolerantie_m / 2, tolerantie_m / 4):
        if stap <= 0 or not open_.any():
            break
        eenvoudig = shapely.simplify(geoms[open_], stap, preserve_topology=True)
        goed = (
            shapely.is_valid(eenvoudig)
            & ~shapely.is_empty(eenvoudig)
            & (np.abs(shapely.area(eenvoudig) - oppervlak[open_]) <= grens[open_])
        )
        index = np.flatnonzero(open_)[goed]
        geoms[index] = eenvoudig[goed]
        open_[index] = False
    return geoms
