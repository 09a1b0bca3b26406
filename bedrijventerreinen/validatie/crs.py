"""Recognising the coordinate reference system of an imported layer by its coordinates."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from .. import schema
from ..definities import naar_rd
from .melding import Controle

#: Plausible extent of the Netherlands in RD New (x_min, y_min, x_max, y_max), with a margin.
NEDERLAND_RD: tuple[float, float, float, float] = (-10_000.0, 290_000.0, 300_000.0, 630_000.0)
#: Plausible extent of the Netherlands in WGS84 degrees (lon_min, lat_min, lon_max, lat_max).
NEDERLAND_WGS84: tuple[float, float, float, float] = (3.0, 50.6, 7.4, 53.7)

#: Guesses for a layer without a CRS, tried in order: (axes swapped, plausible box, CRS, finding).
_ZONDER_CRS: tuple[tuple[bool, tuple[float, float, float, float], str, str], ...] = (
    (
        False,
        NEDERLAND_RD,
        schema.CRS_RD,
        "Het bestand geeft geen coördinatenstelsel; op grond van de coördinaten is RD New (EPSG:28992) aangenomen.",
    ),
    (
        False,
        NEDERLAND_WGS84,
        schema.CRS_WEB,
        "Het bestand geeft geen coördinatenstelsel; op grond van de coördinaten is WGS84 (lengte/breedte) aangenomen.",
    ),
    (
        True,
        NEDERLAND_WGS84,
        schema.CRS_WEB,
        "Het bestand geeft geen coördinatenstelsel en de coördinaten staan als breedte/lengte (omgedraaid); ze zijn "
        "omgedraaid en als WGS84 gelezen.",
    ),
    (
        True,
        NEDERLAND_RD,
        schema.CRS_RD,
        "Het bestand geeft geen coördinatenstelsel en x en y zijn verwisseld; ze zijn omgedraaid en als RD New gelezen.",
    ),
)


def in_box(b: np.ndarray, box: tuple[float, float, float, float]) -> bool:
    """True when the bounds ``b`` (x_min, y_min, x_max, y_max) lie within ``box``."""
    return bool(b[0] >= box[0] and b[1] >= box[1] and b[2] <= box[2] and b[3] <= box[3])


def bounds(gdf: gpd.GeoDataFrame) -> np.ndarray | None:
    """The bounds (x_min, y_min, x_max, y_max) of the finite coordinates of ``gdf``; None without any."""
    coords = shapely.get_coordinates(np.asarray(gdf.geometry.array))
    coords = coords[np.isfinite(coords).all(axis=1)]
    if len(coords) == 0:
        return None
    return np.array([coords[:, 0].min(), coords[:, 1].min(), coords[:, 0].max(), coords[:, 1].max()])


def _swap(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` with x and y of every coordinate swapped."""
    out = gdf.copy()
    out[out.geometry.name] = gpd.GeoSeries(
        shapely.transform(np.asarray(gdf.geometry.array), lambda c: c[:, ::-1]), index=gdf.index
    )
    return out


def place_crs(gdf: gpd.GeoDataFrame, controle: Controle, crs_opgegeven: bool = True) -> gpd.GeoDataFrame:
    """Bring ``gdf`` to EPSG:28992, recognising the usual mistakes by the coordinates.

    * no CRS: RD New when the coordinates lie in the Dutch RD extent, WGS84 when they are
      Dutch degrees (also with swapped axes); otherwise :class:`ValueError` (Dutch text);
    * declared WGS84 (or missing, GeoJSON's default) but RD-sized numbers: read as RD;
    * WGS84 or RD with swapped axes (latitude first, or y before x): swapped back;
    * any other CRS: reprojected.
    Every guess and repair is reported as a non-blocking finding. Returns the layer in RD.
    """
    b = bounds(gdf)
    crs = gdf.crs
    if b is None:
        return gdf.set_crs(schema.CRS_RD, allow_override=True)
    swapped = b[[1, 0, 3, 2]]
    if crs is None or not crs_opgegeven:
        return _guess_crs(gdf, b, swapped, controle)
    if crs.is_geographic and in_box(b, NEDERLAND_RD) and (abs(b[2]) > 360 or abs(b[3]) > 360):
        controle.add(
            f"Het bestand noemt {crs.name} (graden), maar de coördinaten zijn RD-meters; ze zijn als RD New "
            "(EPSG:28992) gelezen."
        )
        return gdf.set_crs(schema.CRS_RD, allow_override=True)
    gdf = _swap_if_reversed(gdf, b, swapped, controle)
    try:
        return naar_rd(gdf)
    except Exception as e:
        raise ValueError(f"Het coördinatenstelsel {crs.name} kan niet naar RD New worden omgerekend.") from e


def _guess_crs(gdf: gpd.GeoDataFrame, b: np.ndarray, swapped: np.ndarray, controle: Controle) -> gpd.GeoDataFrame:
    """The layer without a (declared) CRS in RD, by the first plausible guess of :data:`_ZONDER_CRS`.

    Returns the layer in RD; raises :class:`ValueError` (Dutch) when no guess fits."""
    for omgedraaid, box, crs, tekst in _ZONDER_CRS:
        if in_box(swapped if omgedraaid else b, box):
            controle.add(tekst)
            return naar_rd((_swap(gdf) if omgedraaid else gdf).set_crs(crs, allow_override=True))
    raise ValueError(
        "Het bestand geeft geen coördinatenstelsel en de coördinaten passen niet bij Nederland "
        "(niet in RD New en niet in lengte/breedtegraden). Sla het bestand op met een coördinatenstelsel, "
        "bij voorkeur RD New (EPSG:28992)."
    )


def _swap_if_reversed(
    gdf: gpd.GeoDataFrame, b: np.ndarray, swapped: np.ndarray, controle: Controle
) -> gpd.GeoDataFrame:
    """The layer with its axes swapped back when WGS84 or RD coordinates only fit the
    Netherlands the other way round (reported); else the layer as it is."""
    if gdf.crs.is_geographic:
        box, tekst = NEDERLAND_WGS84, "Lengte- en breedtegraad zijn verwisseld; de coördinaten zijn omgedraaid."
    elif gdf.crs.to_epsg() == 28992:
        box, tekst = NEDERLAND_RD, "De x- en y-coördinaten zijn verwisseld; ze zijn omgedraaid."
    else:
        return gdf
    if in_box(b, box) or not in_box(swapped, box):
        return gdf
    controle.add(tekst)
    return _swap(gdf)
