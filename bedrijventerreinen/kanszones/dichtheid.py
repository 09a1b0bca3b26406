"""Density of areas from building footprints: floors per pand, the overlay of panden on areas
(STRtree, no Python loop per pand) and bebouwingsgraad, FSI and the old share per area."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..definities import naar_rd
from .parameters import KanszoneParameters

__all__ = [
    "BOUWLAGEN_BRON",
    "DICHTHEID_KOLOMMEN",
    "compute_bouwlagen",
    "compute_dichtheid",
    "compute_regionale_fsi",
    "overlay_panden",
    "repair_geoms",
    "with_geometry",
]

#: How the floor count of a pand was found.
BOUWLAGEN_BRON = {
    "bouwlagen": "bouwlagen uit de gegevens",
    "hoogte": "geschat uit hoogte",
    "standaard": "standaardwaarde",
}

DICHTHEID_KOLOMMEN = [
    "netto_m2",
    "bebouwd_m2",
    "bvo_m2",
    "bvo_oud_m2",
    "bebouwingsgraad",
    "fsi",
    "onbebouwd_m2",
    "aandeel_oud",
    "aandeel_bouwlagen_geschat",
    "n_panden",
]


def compute_bouwlagen(panden: pd.DataFrame, parameters: KanszoneParameters) -> tuple[np.ndarray, np.ndarray]:
    """Floors per pand and how they were found (see :data:`BOUWLAGEN_BRON`).

    ``bouwlagen`` when positive; else ``hoogte`` ÷ verdiepingshoogte rounded, at least 1;
    else the default floor count.
    """
    lagen = pd.to_numeric(panden["bouwlagen"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    hoogte = pd.to_numeric(panden["hoogte"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    uit_hoogte = np.maximum(1.0, np.round(hoogte / parameters.verdiepingshoogte_m))
    heeft_lagen = np.isfinite(lagen) & (lagen > 0)
    heeft_hoogte = ~heeft_lagen & np.isfinite(hoogte) & (hoogte > 0)
    waarde = np.where(heeft_lagen, lagen, np.where(heeft_hoogte, uit_hoogte, parameters.standaard_bouwlagen))
    bron = np.where(heeft_lagen, "bouwlagen", np.where(heeft_hoogte, "hoogte", "standaard"))
    return waarde, bron


def repair_geoms(geoms: np.ndarray) -> np.ndarray:
    """``geoms`` as an object array with None for missing or empty shapes and invalid ones made valid."""
    geoms = np.asarray(geoms, dtype=object)
    leeg = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    geoms = np.where(leeg, None, geoms)
    fout = ~leeg & ~shapely.is_valid(geoms)
    if fout.any():
        geoms = geoms.copy()
        geoms[fout] = shapely.make_valid(geoms[fout])
    return geoms


def with_geometry(gebieden: pd.DataFrame) -> gpd.GeoDataFrame:
    """``gebieden`` as a GeoDataFrame in EPSG:28992; a plain table with a ``geometry`` column
    uses it, a table without geometry gets none per row (:func:`~bedrijventerreinen.definities.naar_rd`)."""
    actief = isinstance(gebieden, gpd.GeoDataFrame) and gebieden.active_geometry_name is not None
    if not actief and "geometry" in gebieden.columns:
        gebieden = gpd.GeoDataFrame(gebieden, geometry="geometry")
    return naar_rd(gebieden)


def overlay_panden(gebieden: np.ndarray, panden: np.ndarray, met_delen: bool = False) -> tuple[np.ndarray, ...]:
    """Which part of which pand lies in which area: (area index, pand index, m² inside), and
    with ``met_delen`` also the parts themselves (the pand, or its intersection with the area).

    Method: an STRtree over the panden queried with every area (``intersects``); pairs where
    the pand lies wholly inside take the pand's own area, only the others are intersected.
    """
    gebieden, panden = repair_geoms(gebieden), repair_geoms(panden)
    boom = shapely.STRtree(panden)
    g, p = boom.query(gebieden, predicate="intersects")
    delen = panden[p].copy()
    if len(g):
        shapely.prepare(gebieden)
        rand = ~shapely.contains_properly(gebieden[g], panden[p])
        if rand.any():
            delen[rand] = shapely.intersection(panden[p[rand]], gebieden[g[rand]])
    opp = shapely.area(delen) if len(g) else np.zeros(0)
    houd = opp > 0
    if met_delen:
        return g[houd], p[houd], opp[houd], delen[houd]
    return g[houd], p[houd], opp[houd]


def _netto(geoms: np.ndarray, netto_m2: np.ndarray | pd.Series | None) -> np.ndarray:
    """Netto area per area: ``netto_m2`` where given and positive, else the polygon's area."""
    oppervlak = shapely.area(repair_geoms(geoms))
    oppervlak = np.where(np.isfinite(oppervlak), oppervlak, 0.0)
    if netto_m2 is None:
        return oppervlak
    netto = np.asarray(pd.to_numeric(pd.Series(np.asarray(netto_m2, dtype=object)), errors="coerce"), dtype=float)
    return np.where(np.isfinite(netto) & (netto > 0), netto, oppervlak)


def _sum_panden(geoms: np.ndarray, panden: gpd.GeoDataFrame, parameters: KanszoneParameters) -> tuple[np.ndarray, ...]:
    """Per area: (bebouwd, bvo, bvo oud, bvo with estimated floors, number of panden)."""
    n = len(geoms)
    if not (n and len(panden)):
        return tuple(np.zeros(n) for _ in range(5))
    panden = naar_rd(panden)
    g, p, opp = overlay_panden(geoms, panden.geometry.to_numpy())
    lagen, bron = compute_bouwlagen(panden, parameters)
    jaar = pd.to_numeric(panden["bouwjaar"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    oud = jaar < parameters.oud_voor_jaar
    vloer = opp * lagen[p]
    return (
        np.bincount(g, weights=opp, minlength=n),
        np.bincount(g, weights=vloer, minlength=n),
        np.bincount(g, weights=vloer * oud[p], minlength=n),
        np.bincount(g, weights=vloer * (bron[p] != "bouwlagen"), minlength=n),
        np.bincount(g, minlength=n).astype(float),
    )


def compute_dichtheid(
    gebieden: gpd.GeoDataFrame,
    panden: gpd.GeoDataFrame,
    parameters: KanszoneParameters,
    netto_m2: np.ndarray | pd.Series | None = None,
) -> pd.DataFrame:
    """Density of every area in ``gebieden`` (parks, kanszones or any polygons), same index.

    Columns: netto_m2 (``netto_m2`` when given and positive, else the area of the polygon),
    bebouwd_m2 (footprint inside, see :func:`overlay_panden`), bvo_m2 (footprint ×
    :func:`compute_bouwlagen`), bvo_oud_m2 (bvo of panden with bouwjaar before
    ``oud_voor_jaar``), bebouwingsgraad = bebouwd ÷ netto, fsi = bvo ÷ netto, onbebouwd_m2 =
    max(0, netto − bebouwd), aandeel_oud = bvo_oud ÷ bvo, aandeel_bouwlagen_geschat (share
    of the bvo whose floors are not from ``bouwlagen``), n_panden (panden touching the area).
    Ratios are NaN for an area without netto area or (aandeel_*) without panden.
    """
    gebieden = naar_rd(gebieden)
    geoms = gebieden.geometry.to_numpy()
    netto = _netto(geoms, netto_m2)
    bebouwd, bvo, bvo_oud, bvo_geschat, aantal = _sum_panden(geoms, panden, parameters)
    met_netto = np.where(netto > 0, netto, np.nan)
    met_bvo = np.where(bvo > 0, bvo, np.nan)
    return pd.DataFrame(
        {
            "netto_m2": netto,
            "bebouwd_m2": bebouwd,
            "bvo_m2": bvo,
            "bvo_oud_m2": bvo_oud,
            "bebouwingsgraad": bebouwd / met_netto,
            "fsi": bvo / met_netto,
            "onbebouwd_m2": np.maximum(netto - bebouwd, 0.0),
            "aandeel_oud": bvo_oud / met_bvo,
            "aandeel_bouwlagen_geschat": bvo_geschat / met_bvo,
            "n_panden": aantal.astype(int),
        },
        index=gebieden.index,
    )


def compute_regionale_fsi(dichtheid: pd.DataFrame, parameters: KanszoneParameters) -> float:
    """The regional average FSI: total bvo ÷ total netto area of the areas that have panden
    (``regionale_fsi_standaard`` when none has). Used to turn floor area into hectares."""
    met = dichtheid[dichtheid["n_panden"] > 0]
    netto = float(met["netto_m2"].sum())
    if netto <= 0 or float(met["bvo_m2"].sum()) <= 0:
        return parameters.regionale_fsi_standaard
    return float(met["bvo_m2"].sum()) / netto
