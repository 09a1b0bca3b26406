"""Reading external files into the data model (the only module that parses user files).

Every reader returns frames conformed to :mod:`bedrijventerreinen.schema`, geometry in
EPSG:28992. Reading never touches the store. Problems are raised as :class:`InvoerFout`
with a Dutch message a user can act on.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from . import schema

#: The file per layer in a folder of sample data (``data/voorbeeld/``).
VOORBEELD_BESTANDEN: dict[str, str] = {
    "terreinen": "terreinen.geojson",
    "mutaties": "mutaties.geojson",
    "koppelingen": "koppelingen.csv",
    "kanszones": "kanszones.geojson",
}

VOORBEELD_MAP = Path(__file__).resolve().parent.parent / "data" / "voorbeeld"


class InvoerFout(ValueError):
    """Input the monitor cannot accept; ``str(fout)`` is a Dutch sentence for the user."""


def read_laag_bestand(path: str | Path, laag: str) -> pd.DataFrame | gpd.GeoDataFrame:
    """Read one layer from a GeoJSON/GeoPackage/CSV file on disk, conformed to the schema.

    GeoJSON without a CRS member is taken as WGS84 (RFC 7946) and reprojected to RD.
    Raises :class:`InvoerFout` when the file cannot be read or lacks a required column.
    """
    p = Path(path)
    try:
        if p.suffix.lower() == ".csv":
            df: pd.DataFrame = pd.read_csv(p, dtype=str, keep_default_na=False, na_values=[""])
        else:
            df = pyogrio.read_dataframe(p)
            if df.crs is None:
                df = df.set_crs(schema.CRS_WEB)
            df = df.to_crs(schema.CRS_RD)
    except FileNotFoundError as e:
        raise InvoerFout(f"Het bestand {p.name} ontbreekt.") from e
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as e:
        raise InvoerFout(f"Het bestand {p.name} kan niet worden gelezen als laag '{laag}'.") from e
    try:
        return schema.conform(df, laag)
    except KeyError as e:
        raise InvoerFout(f"In {p.name} ontbreekt de verplichte kolom {e.args[0]!r} voor laag '{laag}'.") from e


def read_voorbeeld(map_: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """All layers of a sample-data folder (default ``data/voorbeeld/``), keyed by layer name."""
    basis = Path(map_) if map_ is not None else VOORBEELD_MAP
    return {laag: read_laag_bestand(basis / naam, laag) for laag, naam in VOORBEELD_BESTANDEN.items()}
