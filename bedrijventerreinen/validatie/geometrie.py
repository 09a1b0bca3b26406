"""Geometry checks and repairs of an imported layer (already in RD), and its location
against the region and the gemeente it names."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import schema
from ..formatting import format_getal
from .crs import NEDERLAND_RD
from .melding import Controle, per_rij

#: The region's gemeenten with their approximate centres (RD New), data with its source.
GEMEENTECENTRA_PAD = Path(__file__).resolve().parent.parent.parent / "data" / "gemeenten_071.csv"
#: The region's area is the box around the centres of the strategy's gemeenten plus
#: ``marge_m``; a location further than ``max_afstand_m`` from the centre of the gemeente it
#: names gets a (non-blocking) finding.
REGIO_GRENZEN = {"marge_m": 10_000.0, "max_afstand_m": 5_000.0}

_TYPE_NAAM = {
    0: "een punt",
    1: "een lijn",
    2: "een ring",
    4: "een verzameling punten",
    5: "een verzameling lijnen",
    7: "een verzameling zonder vlakken",
}

#: Reasons of shapely's ``is_valid_reason`` in Dutch: (words that all occur, Dutch reason), first match wins.
_REDENEN: tuple[tuple[tuple[str, ...], str], ...] = (
    (("self-intersection",), "snijdt zichzelf"),
    (("self intersection",), "snijdt zichzelf"),
    (("ring", "closed"), "ring niet gesloten"),
    (("ring", "invalid"), "ring niet gesloten"),
    (("too few points",), "te weinig punten"),
    (("hole",), "gat buiten de buitenrand"),
)
_VELD = "geometrie"


def polygonal(arr: np.ndarray) -> np.ndarray:
    """The polygonal parts of each geometry as a MultiPolygon (None when it has none)."""
    out = np.full(len(arr), None, dtype=object)
    if len(arr) == 0:
        return out
    parts, idx = shapely.get_parts(arr, return_index=True)
    for _ in range(2):  # collections may hold multipolygons
        multi = np.isin(shapely.get_type_id(parts), [4, 5, 6, 7])
        if not multi.any():
            break
        sub, sidx = shapely.get_parts(parts[multi], return_index=True)
        parts = np.concatenate([parts[~multi], sub])
        idx = np.concatenate([idx[~multi], idx[multi][sidx]])
    keep = (shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)
    if keep.any():
        uniq, inv = np.unique(idx[keep], return_inverse=True)
        out[uniq] = shapely.multipolygons(parts[keep], indices=inv)
    return out


def repair_geometrie(gdf: gpd.GeoDataFrame, laag: str, controle: Controle) -> gpd.GeoDataFrame:
    """Check and repair the geometry column (already in RD).

    NaN coordinates → no geometry; Z dropped; invalid polygons repaired with ``make_valid``
    (reported); polygons taken out of geometry collections (reported); points and lines
    where a polygon is needed block (layers with required geometry) or are dropped with a
    warning (mutaties, where the contour is optional); missing or empty geometry blocks
    where geometry is required; features outside the Netherlands block. Returns the repaired layer.
    """
    verplicht = bool(schema.GEOMETRIE_VERPLICHT[laag])
    # a park may come without contour (a register table), but a contour that is given and is
    # unusable blocks: the user meant to give one
    streng = verplicht or laag == "terreinen"
    arr = np.asarray(gdf.geometry.array, dtype=object).copy()
    nan_rij = _drop_nan_coordinaten(arr, streng, controle)
    arr = _drop_m_en_z(arr, controle)
    arr, geen_vlak = _repair_vlakken(arr, streng, controle)
    arr[~shapely.is_missing(arr) & shapely.is_empty(arr)] = None
    _check_zonder_contour(arr, nan_rij | geen_vlak, verplicht, streng, controle)
    _check_in_nederland(arr, controle)
    out = gdf.copy()
    out[out.geometry.name] = gpd.GeoSeries(arr, index=gdf.index, crs=gdf.crs)
    return out


def _drop_nan_coordinaten(arr: np.ndarray, streng: bool, controle: Controle) -> np.ndarray:
    """Remove (in place) geometries with a NaN coordinate; returns the mask of those rows."""
    n = len(arr)
    coords, cidx = shapely.get_coordinates(arr, include_z=False, return_index=True)
    nan_rij = np.bincount(cidx[~np.isfinite(coords).all(axis=1)], minlength=n).astype(bool) if n else np.zeros(0, bool)
    controle.add_rijen(nan_rij, "Coördinaten ontbreken (NaN); deze geometrie is niet bruikbaar.", streng, _VELD)
    arr[nan_rij] = None
    return nan_rij


def _drop_m_en_z(arr: np.ndarray, controle: Controle) -> np.ndarray:
    """The geometries in 2D: an M value blocks its row, Z values are dropped with one note."""
    met_m = shapely.has_m(arr)
    controle.add_rijen(
        met_m,
        "De geometrie heeft een M-waarde (maat) per punt; die wordt niet bewaard. Sla de contour op zonder M "
        "(alleen x en y).",
        True,
        _VELD,
    )
    arr[met_m] = shapely.force_2d(arr[met_m])
    if shapely.has_z(arr).any():
        arr = shapely.force_2d(arr)
        controle.add("Hoogtewaarden (Z) in de geometrie zijn genegeerd.", veld=_VELD)
    return arr


def _repair_vlakken(arr: np.ndarray, streng: bool, controle: Controle) -> tuple[np.ndarray, np.ndarray]:
    """Invalid polygons repaired, polygons taken out of collections, geometries that are no
    polygon reported (and dropped unless ``streng``). Returns the geometries and the mask of
    rows whose geometry is no polygon."""
    leeg = shapely.is_missing(arr) | shapely.is_empty(arr)
    typ = shapely.get_type_id(arr)
    vlak = np.isin(typ, [3, 6])
    collectie = typ == 7
    ongeldig = vlak & ~leeg & ~shapely.is_valid(arr)
    if ongeldig.any():
        teksten = per_rij(
            lambda g: (
                f"Ongeldige geometrie ({_reden_nl(shapely.is_valid_reason(g))}) is hersteld met "
                "make_valid; controleer de contour."
            ),
            arr,
        )
        controle.add_rijen(ongeldig, teksten, False, _VELD)
    herstel = ongeldig | collectie
    if herstel.any():
        arr[herstel] = polygonal(shapely.make_valid(arr[herstel]))
    if collectie.any():
        met_vlak = collectie & ~shapely.is_missing(arr)
        controle.add_rijen(met_vlak, "Geometrieverzameling: alleen de vlakken zijn overgenomen.", False, _VELD)
    geen_vlak = ~leeg & ~vlak & (~collectie | shapely.is_missing(arr))
    if geen_vlak.any():
        soort = pd.Series(typ).map(_TYPE_NAAM).fillna("geen vlak").to_numpy()
        if streng:
            teksten = per_rij(lambda s: f"De geometrie is {s}; voor deze laag is een vlak (polygoon) nodig.", soort)
            controle.add_rijen(geen_vlak, teksten, True, _VELD)
        else:
            teksten = per_rij(lambda s: f"De geometrie is {s}, geen vlak; de contour is weggelaten.", soort)
            controle.add_rijen(geen_vlak, teksten, False, _VELD)
            arr[geen_vlak] = None
    return arr, geen_vlak


def _check_zonder_contour(
    arr: np.ndarray, al_gemeld: np.ndarray, verplicht: bool, streng: bool, controle: Controle
) -> None:
    """Missing geometry not reported yet (``al_gemeld``): blocks where a polygon is required,
    one note for parks (they count without a contour)."""
    zonder = shapely.is_missing(arr) & ~al_gemeld
    if streng and not verplicht and shapely.is_missing(arr).any():
        n_zonder = int(zonder.sum())
        if n_zonder:
            controle.add(
                f"{format_getal(n_zonder, 0)} terreinen zonder contour: ze tellen mee in alle cijfers, maar staan "
                "niet op de kaart tot er een contour is (inlezen of tekenen).",
                veld=_VELD,
            )
    if verplicht:
        controle.add_rijen(zonder, "De geometrie ontbreekt of is leeg; voor deze laag is een vlak nodig.", True, _VELD)


def _check_in_nederland(arr: np.ndarray, controle: Controle) -> None:
    """Block geometries (partly) outside the Netherlands."""
    b = shapely.bounds(arr)
    x0, y0, x1, y1 = NEDERLAND_RD
    with np.errstate(invalid="ignore"):
        buiten = ~shapely.is_missing(arr) & ((b[:, 0] < x0) | (b[:, 1] < y0) | (b[:, 2] > x1) | (b[:, 3] > y1))
    controle.add_rijen(
        buiten, "De geometrie ligt (deels) buiten Nederland; controleer het coördinatenstelsel.", True, _VELD
    )


def load_gemeentecentra(pad: str | Path | None = None) -> pd.DataFrame:
    """The gemeente centres (gemeente, x_rd, y_rd) of :data:`GEMEENTECENTRA_PAD`; empty when
    the file is missing or unreadable (the location checks are then skipped)."""
    try:
        df = pd.read_csv(pad or GEMEENTECENTRA_PAD, comment="#", dtype={"gemeente": str})
        return df[["gemeente", "x_rd", "y_rd"]].astype({"x_rd": "float64", "y_rd": "float64"})
    except (OSError, ValueError, KeyError, pd.errors.ParserError):
        return pd.DataFrame({"gemeente": pd.Series(dtype=str), "x_rd": [], "y_rd": []})


def check_ligging(
    gdf: gpd.GeoDataFrame,
    controle: Controle,
    gemeenten: Sequence[str] | None,
    centra: pd.DataFrame | None = None,
) -> None:
    """Locations checked against the region and the gemeente they name (``gdf`` in RD).

    Blocking: a geometry (partly) outside the region's area, the box around the centres of the
    strategy's ``gemeenten`` plus :data:`REGIO_GRENZEN` ``marge_m``. Not blocking: a geometry
    more than ``max_afstand_m`` from the centre of its own gemeente. Skipped when a gemeente of
    the strategy has no centre in the data (another region).
    """
    if not gemeenten or len(gdf) == 0:
        return
    centra = load_gemeentecentra() if centra is None else centra
    regio = centra[centra["gemeente"].isin(list(gemeenten))]
    if regio.empty or set(regio["gemeente"]) != set(gemeenten):
        return
    arr = np.asarray(gdf.geometry.array, dtype=object)
    aanwezig = ~shapely.is_missing(arr) & ~shapely.is_empty(arr)
    if not aanwezig.any():
        return
    marge = REGIO_GRENZEN["marge_m"]
    x0, x1 = regio["x_rd"].min() - marge, regio["x_rd"].max() + marge
    y0, y1 = regio["y_rd"].min() - marge, regio["y_rd"].max() + marge
    b = shapely.bounds(arr)
    with np.errstate(invalid="ignore"):
        buiten = aanwezig & ((b[:, 0] < x0) | (b[:, 1] < y0) | (b[:, 2] > x1) | (b[:, 3] > y1))
    controle.add_rijen(
        buiten,
        "De geometrie ligt (deels) buiten de regio van de strategie; controleer het coördinatenstelsel en de ligging.",
        True,
        "geometrie",
    )
    if "gemeente" in gdf.columns:
        _check_afstand_tot_gemeente(gdf, arr, aanwezig & ~buiten, regio, controle)


def _check_afstand_tot_gemeente(
    gdf: gpd.GeoDataFrame, arr: np.ndarray, binnen: np.ndarray, regio: pd.DataFrame, controle: Controle
) -> None:
    """Warn where a geometry inside the region lies more than ``max_afstand_m`` from the centre
    of the gemeente its row names."""
    per_gemeente = regio.set_index("gemeente")
    gem = gdf["gemeente"].astype("string")
    x = gem.map(per_gemeente["x_rd"]).astype("float64").to_numpy()
    y = gem.map(per_gemeente["y_rd"]).astype("float64").to_numpy()
    bekend = binnen & np.isfinite(x) & np.isfinite(y)
    afstand = np.full(len(arr), np.nan)
    if bekend.any():
        afstand[bekend] = shapely.distance(arr[bekend], shapely.points(x[bekend], y[bekend]))
    with np.errstate(invalid="ignore"):
        ver = bekend & (afstand > REGIO_GRENZEN["max_afstand_m"])
    controle.add_rijen(
        ver,
        per_rij(
            lambda g, a: (
                f"De geometrie ligt {format_getal(a / 1000, 1)} km van het centrum van {g}; klopt de gemeente?"
            ),
            gem,
            afstand,
        ),
        False,
        "gemeente",
    )


def _reden_nl(reden: str) -> str:
    """Shapely's reason why a geometry is invalid, as a short Dutch phrase (:data:`_REDENEN`)."""
    r = reden.lower()
    return next((nl for woorden, nl in _REDENEN if all(w in r for w in woorden)), "topologiefout")
