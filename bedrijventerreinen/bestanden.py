"""Plain readers of layer files on disk: one layer file, and the folder of sample data.

The store builds a new store from the sample data with :func:`read_voorbeeld`, so this module
sits below the store: it imports nothing of the package but :mod:`.schema` and
:mod:`.definities`. Reading user uploads (zip safety, column mapping, validation) is
:mod:`bedrijventerreinen.io`, which builds on this module.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from . import schema
from .definities import naar_rd

__all__ = ["VOORBEELD_BESTANDEN", "VOORBEELD_MAP", "InvoerFout", "read_laag_bestand", "read_voorbeeld"]

#: The file per layer in a folder of sample data (``data/voorbeeld/``).
VOORBEELD_BESTANDEN: dict[str, str] = {
    "terreinen": "terreinen.geojson",
    "mutaties": "mutaties.geojson",
    "koppelingen": "koppelingen.csv",
    "kanszones": "kanszones.geojson",
    "voorraad": "voorraad.csv",
    "panden": "panden.geojson",
}

VOORBEELD_MAP = Path(__file__).resolve().parent.parent / "data" / "voorbeeld"


class InvoerFout(ValueError):
    """Input the monitor cannot accept; ``str(fout)`` is a Dutch sentence for the user."""


def read_laag_bestand(path: str | Path, laag: str) -> pd.DataFrame | gpd.GeoDataFrame:
    """Read one layer from a GeoJSON/GeoPackage/CSV file on disk, conformed to the schema.

    GeoJSON without a CRS member is taken as WGS84 (RFC 7946) and reprojected to RD.
    Returns the conformed layer. Raises :class:`InvoerFout` when the file cannot be read or
    lacks a required column.
    """
    p = Path(path)
    try:
        if p.suffix.lower() == ".csv":
            df: pd.DataFrame = pd.read_csv(p, dtype=str, keep_default_na=False, na_values=[""])
        else:
            # dates stay text as written (the schema keeps gewijzigd_op as a string)
            df = pyogrio.read_dataframe(p, datetime_as_string=True)
            if df.crs is None:
                df = df.set_crs(schema.CRS_WEB)
            df = naar_rd(df)
    except FileNotFoundError as e:
        raise InvoerFout(f"Het bestand {p.name} ontbreekt.") from e
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError) as e:
        raise InvoerFout(f"Het bestand {p.name} kan niet worden gelezen als laag '{laag}'.") from e
    try:
        return schema.conform(df, laag)
    except KeyError as e:
        raise InvoerFout(f"In {p.name} ontbreekt de verplichte kolom {e.args[0]!r} voor laag '{laag}'.") from e


def read_voorbeeld(map_: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """All layers of a sample-data folder (default ``data/voorbeeld/``).

    Returns the layers keyed by layer name; a layer whose file the folder lacks is empty."""
    basis = Path(map_) if map_ is not None else VOORBEELD_MAP
    return {
        laag: read_laag_bestand(basis / naam, laag) if (basis / naam).exists() else schema.empty(laag)
        for laag, naam in VOORBEELD_BESTANDEN.items()
    }
