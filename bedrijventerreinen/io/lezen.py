"""Reading one source of an upload into a frame: geodata through GDAL (GeoJSON, GeoPackage,
shapefile) and tables (CSV, Excel) with their geometry from a WKT column or x/y columns.

Readers report what they repaired on the :class:`~..validatie.Controle` and raise
:class:`~..bestanden.InvoerFout` (Dutch) for a source they cannot read.
"""

from __future__ import annotations

import csv
import io as _io
import json
import re
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from .. import schema, validatie
from ..bestanden import InvoerFout
from ..validatie import Controle
from .kolommen import norm_kolom
from .uitpakken import LIMIETEN, Bron

#: Column names that hold geometry as WKT in a table, and x/y pairs of point coordinates.
WKT_KOLOMMEN = ("geometrie", "geometry", "wkt", "the_geom", "geom", "shape", "wkt_geom")
XY_KOLOMMEN = (
    ("x", "y"),
    ("x_coord", "y_coord"),
    ("rd_x", "rd_y"),
    ("lon", "lat"),
    ("lng", "lat"),
    ("longitude", "latitude"),
)

#: A JSON escape of NUL (not preceded by an escaped backslash): GDAL would cut the text there.
_JSON_NUL = re.compile(rb"(?<!\\)((?:\\\\)*)\\u0000")

#: A WKT vertex with three numbers ("x y z"), up to the next comma or bracket.
_GETAL = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_DERDE_COORDINAAT = re.compile(rf"({_GETAL})\s+({_GETAL})\s+{_GETAL}(?=\s*[,)])")


# -- geodata ---------------------------------------------------------------------------------


def read_ogr(naam: str, bron: Bron, controle: Controle) -> tuple[pd.DataFrame, bool]:
    """Read a GeoJSON, GeoPackage layer or shapefile. Returns the frame and whether its CRS
    was given (a GeoJSON without ``crs`` member is WGS84 only when its coordinates fit)."""
    kwargs: dict = {"layer": bron.laag} if bron.laag else {}
    if bron.pad.suffix.lower() in (".geojson", ".json"):
        _drop_json_nul(bron.pad, controle)
    try:
        df = _read_ogr_frame(bron, kwargs, controle)
    except Exception as e:
        raise InvoerFout(_ogr_fout(naam, bron)) from e
    crs_opgegeven = df.crs is not None if isinstance(df, gpd.GeoDataFrame) else False
    if bron.pad.suffix.lower() in (".geojson", ".json") and isinstance(df, gpd.GeoDataFrame):
        _check_geojson_geometrie(bron.pad, df, controle)
    if bron.pad.suffix.lower() == ".geojson" and isinstance(df, gpd.GeoDataFrame):
        df, crs_opgegeven = _geojson_crs(bron.pad, df)
    return df, crs_opgegeven


def _drop_json_nul(pad: Path, controle: Controle) -> None:
    """Rewrite the upload's private temporary copy without NUL escapes, so no text is cut short."""
    ruw = pad.read_bytes()
    if b"\\u0000" in ruw:
        pad.write_bytes(_JSON_NUL.sub(rb"\1", ruw))
        controle.add("NUL-tekens in de tekst zijn verwijderd.", veld="tekst")


def _read_ogr_frame(bron: Bron, kwargs: dict, controle: Controle) -> pd.DataFrame:
    """The source read by GDAL: a shapefile without .cpg in its guessed encoding, and rings
    that are not closed or too short repaired (reported per row). Returns the frame."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        info = pyogrio.read_info(bron.pad, **kwargs)
        encoding = None
        if info.get("driver") == "ESRI Shapefile" and not bron.cpg:
            encoding = _shapefile_encoding(bron.pad)
            if encoding == "cp1252":
                controle.add(
                    "De shapefile geeft geen tekenset (.cpg); de tekst is gelezen als Windows-1252.",
                    veld="tekenset",
                )
        try:
            return pyogrio.read_dataframe(bron.pad, encoding=encoding, **kwargs)
        except shapely.errors.GEOSException:
            return _read_met_ringherstel(bron, encoding, kwargs, controle)


def _read_met_ringherstel(bron: Bron, encoding: str | None, kwargs: dict, controle: Controle) -> pd.DataFrame:
    """Unclosed or too short rings: let shapely repair them, and find which rows. Returns the frame."""
    df = pyogrio.read_dataframe(bron.pad, encoding=encoding, on_invalid="fix", **kwargs)
    kaal = pyogrio.read_dataframe(bron.pad, encoding=encoding, on_invalid="ignore", **kwargs)
    hersteld = shapely.is_missing(np.asarray(kaal.geometry.array)) & ~shapely.is_missing(np.asarray(df.geometry.array))
    controle.add_rijen(
        hersteld,
        "Een ring van de geometrie was niet gesloten of te kort; hij is hersteld. Controleer de contour.",
        False,
        "geometrie",
    )
    return df


def _geojson_crs(pad: Path, df: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, bool]:
    """A GeoJSON's CRS as given. RFC 7946: without a ``crs`` member it is WGS84; only an
    implausible combination is left to :func:`validatie.place_crs`, so the CRS counts as given
    only when the coordinates are Dutch degrees. Returns the frame and whether its CRS is given."""
    if _geojson_heeft_crs(pad) or (df.crs is not None and df.crs.to_epsg() != 4326):
        return df, True
    df = df.set_crs(None, allow_override=True)
    b = validatie.bounds(df)
    if b is not None and validatie.in_box(b, validatie.NEDERLAND_WGS84):
        return df.set_crs(schema.CRS_WEB), True
    return df, False


def _check_geojson_geometrie(pad: Path, df: gpd.GeoDataFrame, controle: Controle) -> None:
    """A feature whose ``geometry`` member is given (not null) but that GDAL read as no or empty geometry
    (unknown type, wrong nesting, coordinates that are no numbers) blocks: the user meant to
    give a contour. Checked only when the features line up one to one with the rows."""
    dubbel: list[str] = []

    def paren(p: list[tuple[str, object]]) -> dict[str, object]:
        sleutels = [k for k, _ in p]
        dubbel.extend(k for k in set(sleutels) if sleutels.count(k) > 1)
        return dict(p)

    try:
        with open(pad, "rb") as f:
            inhoud = json.load(f, object_pairs_hook=paren)
        features = inhoud.get("features")
    except (ValueError, RecursionError, AttributeError, OSError):
        return
    if dubbel:
        namen = ", ".join(f"'{validatie.kort(k)}'" for k in sorted(set(dubbel))[:5])
        controle.add(
            f"In het bestand staat dezelfde sleutel twee keer in één object ({namen}); welke waarde bedoeld is, "
            "is niet zeker. Verwijder de dubbele sleutels.",
            blokkeert=True,
            veld="bestand",
        )
    if not isinstance(features, list) or len(features) != len(df):
        return
    gegeven = np.array([isinstance(f, dict) and f.get("geometry") not in (None, {}, []) for f in features], dtype=bool)
    arr = np.asarray(df.geometry.array, dtype=object)
    onleesbaar = gegeven & (shapely.is_missing(arr) | shapely.is_empty(arr))
    controle.add_rijen(
        onleesbaar,
        "De geometrie is gegeven, maar leeg of niet leesbaar (onbekend type, verkeerde opbouw of coördinaten die "
        "geen getallen zijn). Laat de geometrie weg (null) of geef een geldige contour.",
        True,
        "geometrie",
    )


def _geojson_heeft_crs(pad: Path) -> bool:
    """True when the start of the GeoJSON file names a ``crs`` member."""
    with open(pad, "rb") as f:
        kop = f.read(4096)
    return b'"crs"' in kop


def _ogr_fout(naam: str, bron: Bron) -> str:
    """The Dutch message for a source GDAL cannot read, saying what kind of file is wrong."""
    ext = bron.pad.suffix.lower()
    if ext == ".geojson":
        try:
            with open(bron.pad, "rb") as f:
                inhoud = json.loads(f.read().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            return f"{naam} is geen geldige JSON; een GeoJSON-bestand is nodig."
        if not isinstance(inhoud, dict) or inhoud.get("type") not in ("FeatureCollection", "Feature"):
            return f"{naam} is JSON maar geen GeoJSON: een FeatureCollection met features wordt verwacht."
        return f"{naam} is GeoJSON met een fout in de geometrie of eigenschappen en kan niet worden gelezen."
    if ext == ".gpkg":
        return f"De laag '{bron.naam}' in {naam} kan niet worden gelezen; de GeoPackage is mogelijk beschadigd."
    if ext == ".shp":
        return f"De shapefile {bron.pad.name} in {naam} kan niet worden gelezen; het bestand is mogelijk beschadigd."
    return f"{naam} kan niet worden gelezen."


def _shapefile_encoding(shp: Path) -> str | None:
    """The encoding of a DBF without .cpg: UTF-8 when its text decodes as UTF-8, else
    Windows-1252 (the usual encoding of Dutch shapefiles from older GIS software)."""
    dbf = shp.with_suffix(".dbf")
    ruw = dbf.read_bytes()
    if not any(b > 127 for b in ruw[32:]):
        return None
    try:
        ruw.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "UTF-8"


# -- tables ----------------------------------------------------------------------------------


def _decode(naam: str, ruw: bytes, controle: Controle) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), else Windows-1252 (reported).
    Raises :class:`InvoerFout` for a file that is no text."""
    if b"\x00" in ruw[:8192]:
        raise InvoerFout(f"{naam} is geen tekstbestand (CSV).")
    try:
        return ruw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        tekst = ruw.decode("cp1252")
    except UnicodeDecodeError:
        tekst = ruw.decode("latin-1")
    controle.add("Het bestand is geen UTF-8; de tekst is gelezen als Windows-1252.", veld="tekenset")
    return tekst


def read_tabel(naam: str, bron: Bron, controle: Controle) -> pd.DataFrame:
    """A CSV file or Excel sheet as text columns with trimmed, unique names. Returns the frame;
    raises :class:`InvoerFout` for one that cannot be read or has no or duplicate columns."""
    if bron.soort == "xlsx":
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                df = pd.read_excel(bron.pad, sheet_name=bron.laag, dtype=str, engine="openpyxl")
        except Exception as e:
            raise InvoerFout(f"Het werkblad '{bron.naam}' in {naam} kan niet worden gelezen.") from e
    else:
        df = _read_csv(naam, bron, controle)
    df.columns = [str(c).strip() for c in df.columns]
    if df.columns.duplicated().any():
        dubbel = sorted(set(df.columns[df.columns.duplicated()]))
        raise InvoerFout(f"In {naam} komen kolomnamen dubbel voor: {', '.join(dubbel)}.")
    if len(df.columns) == 0:
        raise InvoerFout(f"{naam} bevat geen kolommen.")
    return df


def _read_csv(naam: str, bron: Bron, controle: Controle) -> pd.DataFrame:
    """A CSV file with its separator sniffed; a row with more fields than the header is refused
    (it would silently lose data). Returns the frame of text columns."""
    tekst = _decode(naam, bron.pad.read_bytes(), controle)
    eerste = tekst[:20_000].splitlines()[:20]
    try:
        scheiding = csv.Sniffer().sniff("\n".join(eerste), delimiters=";,\t|").delimiter
    except csv.Error:
        scheiding = ";" if eerste and eerste[0].count(";") > eerste[0].count(",") else ","
    oude_grens = csv.field_size_limit()
    try:
        # bounded: a field can never be larger than the upload itself
        csv.field_size_limit(max(oude_grens, int(LIMIETEN["max_veld_mb"] * 1024 * 1024)))
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(
                _io.StringIO(tekst),
                sep=scheiding,
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                engine="python",
                index_col=False,
            )
    except pd.errors.ParserWarning as e:
        raise InvoerFout(
            f"In {naam} hebben rijen meer velden dan er kolomkoppen zijn. Staat het scheidingsteken "
            f"'{scheiding}' ook in waarden (bijvoorbeeld in WKT) zonder aanhalingstekens?"
        ) from e
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError) as e:
        raise InvoerFout(f"{naam} is geen leesbaar CSV-bestand ({_eerste_regel(e)}).") from e
    finally:
        csv.field_size_limit(oude_grens)


def _eerste_regel(e: Exception) -> str:
    """Where a CSV parser error happened, in Dutch ('fout op regel 12'), else 'onverwachte opbouw'."""
    tekst = str(e).splitlines()[0] if str(e) else type(e).__name__
    m = re.search(r"line (\d+)", tekst)
    return f"fout op regel {m.group(1)}" if m else "onverwachte opbouw"


def geometrie_uit_tabel(df: pd.DataFrame, laag: str, controle: Controle) -> gpd.GeoDataFrame | pd.DataFrame:
    """Geometry from a WKT column (EWKT ``SRID=…;`` allowed) or x/y columns of a table.

    Returns a GeoDataFrame without those columns, or the table as it is where the layer has no
    geometry or (for terreinen, reported) the table has none; :class:`InvoerFout` where the
    layer needs a geometry and the table has none."""
    if schema.GEOMETRIE_VERPLICHT[laag] is None:
        return df
    per_norm = {norm_kolom(c): c for c in df.columns}
    wkt = next((per_norm[norm_kolom(c)] for c in WKT_KOLOMMEN if norm_kolom(c) in per_norm), None)
    if wkt is not None:
        return _geometrie_uit_wkt(df, wkt, laag, controle)
    for xk, yk in XY_KOLOMMEN:
        if xk in per_norm and yk in per_norm:
            return _punten_uit_xy(df, per_norm[xk], per_norm[yk])
    if schema.GEOMETRIE_VERPLICHT[laag]:
        raise InvoerFout(
            "De tabel heeft geen geometrie: voeg een kolom 'geometrie' met WKT toe (bijvoorbeeld "
            "POLYGON ((…))) of lees een GeoJSON, GeoPackage of shapefile in."
        )
    if laag == "terreinen":
        controle.add(
            f"De tabel heeft geen contouren: {len(df)} terreinen zonder contour. Bestaande terreinen houden hun "
            "contour; nieuwe tellen mee in alle cijfers, maar staan pas op de kaart als er een contour is.",
            veld="geometrie",
        )
    return df


def _geometrie_uit_wkt(df: pd.DataFrame, wkt: str, laag: str, controle: Controle) -> gpd.GeoDataFrame:
    """The table with its geometry read from the WKT column ``wkt`` (CRS from a single EWKT
    SRID); text that is no WKT is reported per row (blocking where a contour must be readable)."""
    tekst = df[wkt].astype("string").str.strip()
    srid = tekst.str.extract(r"^SRID=(\d+);", expand=False).dropna().unique()
    tekst = tekst.str.replace(r"^SRID=\d+;", "", regex=True)
    geoms = _read_wkt(tekst, controle)
    fout = tekst.notna() & tekst.ne("") & pd.Series(shapely.is_missing(geoms), index=df.index)
    controle.add_rijen(
        fout.to_numpy(),
        "De geometrie (WKT) kan niet worden gelezen.",
        bool(schema.GEOMETRIE_VERPLICHT[laag]) or laag == "terreinen",  # a contour given must be readable
        "geometrie",
    )
    crs = f"EPSG:{srid[0]}" if len(srid) == 1 else None
    return gpd.GeoDataFrame(df.drop(columns=[wkt]), geometry=gpd.GeoSeries(geoms, index=df.index), crs=crs)


def _read_wkt(tekst: pd.Series, controle: Controle) -> np.ndarray:
    """Geometries from WKT text (None where empty or unreadable). A third coordinate on some
    vertices only (no Z in the type) is dropped, as for Z, and reported once."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        waarden = tekst.where(tekst.ne("")).to_numpy(dtype=object, na_value=None)
        geoms = shapely.from_wkt(waarden, on_invalid="ignore")
        opnieuw = np.flatnonzero(shapely.is_missing(geoms) & ~pd.isna(waarden))
        hersteld = 0
        for i in opnieuw:
            w = str(waarden[i])
            if re.search(r"\b(Z|M|ZM)\s*\(", w, flags=re.IGNORECASE) or len(w) > 50_000_000:
                continue
            g = shapely.from_wkt(_DERDE_COORDINAAT.sub(r"\1 \2", w), on_invalid="ignore")
            if g is not None:
                geoms[i] = g
                hersteld += 1
        if hersteld:
            controle.add(
                f"Bij {hersteld} geometrieën had een deel van de punten een derde coördinaat (hoogte); "
                "die is weggelaten.",
                veld="geometrie",
            )
    return geoms


def _punten_uit_xy(df: pd.DataFrame, xk: str, yk: str) -> gpd.GeoDataFrame:
    """The table with point geometry from the columns ``xk`` and ``yk`` (no CRS yet)."""
    x = validatie.parse_getallen(df[xk])
    y = validatie.parse_getallen(df[yk])
    punten = shapely.points(x.to_numpy(), y.to_numpy())
    punten[(x.isna() | y.isna()).to_numpy()] = None
    return gpd.GeoDataFrame(df.drop(columns=[xk, yk]), geometry=gpd.GeoSeries(punten, index=df.index), crs=None)
