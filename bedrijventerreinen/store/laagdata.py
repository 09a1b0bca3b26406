"""The store's layers: which there are, and reading and writing one layer of a GeoPackage."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from .. import schema
from .fouten import StoreFout

LAGEN = ("terreinen", "mutaties", "koppelingen", "kanszones", "voorraad", "panden")
#: Layers added after the first release: an older store or snapshot without them is still a
#: monitor store (read as empty; :meth:`~.opslag.Store.migreer` adds them to the live store).
LATER_TOEGEVOEGD = ("voorraad",)


def check_lagen(lagen: Iterable[str]) -> None:
    """ValueError for a layer name the store does not have."""
    for laag in lagen:
        if laag not in LAGEN:
            raise ValueError(f"Onbekende laag: {laag!r}")


def tabellen(pad: Path) -> set[str]:
    """The layers and tables a GeoPackage lists in its contents."""
    with contextlib.closing(sqlite3.connect(f"file:{pad}?mode=ro", uri=True)) as con:
        return {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}


def read_layer(pad: Path, laag: str) -> pd.DataFrame | gpd.GeoDataFrame:
    """One layer of the GeoPackage at ``pad``, conformed to the schema (geometry in EPSG:28992)."""
    check_lagen([laag])
    if laag in LATER_TOEGEVOEGD and laag not in tabellen(pad):
        return schema.empty(laag)  # a snapshot from before the layer existed
    try:
        df = pyogrio.read_dataframe(pad, layer=laag, read_geometry=schema.GEOMETRIE_VERPLICHT[laag] is not None)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as e:
        raise StoreFout(f"De laag '{laag}' in {pad.name} kan niet worden gelezen.", pad, True) from e
    if isinstance(df, gpd.GeoDataFrame) and df.crs is None:
        df = df.set_crs(schema.CRS_RD)
    return schema.conform(df, laag)


def write_layer(path: Path, laag: str, df: pd.DataFrame) -> None:
    """Write (replace) one layer in the GeoPackage at ``path``.

    Callers look this up as ``laagdata.write_layer`` on every call, so a test can replace it here."""
    if schema.GEOMETRIE_VERPLICHT[laag] is None:
        pyogrio.write_dataframe(pd.DataFrame(df), path, layer=laag, driver="GPKG")
        return
    gdf = df if isinstance(df, gpd.GeoDataFrame) else gpd.GeoDataFrame(df, geometry=[None] * len(df), crs=schema.CRS_RD)
    gdf = gdf.to_crs(schema.CRS_RD) if gdf.crs is not None else gdf.set_crs(schema.CRS_RD)
    pyogrio.write_dataframe(gdf, path, layer=laag, driver="GPKG", geometry_type="MultiPolygon", promote_to_multi=True)


def write_layers(path: Path, lagen: dict[str, pd.DataFrame]) -> None:
    """Write every layer of ``lagen``, each conformed to the schema first."""
    for laag, df in lagen.items():
        write_layer(path, laag, schema.conform(df, laag))
