"""Opening an upload safely: size limits, file types, zip files checked before they are
unpacked (size, number of entries, compression ratio, path traversal, symlinks) and the
sources (layers, shapefiles, sheets) the upload holds.

Uploads are data, never paths: the bytes are written under fixed names into a temporary
folder the caller owns, and nothing is written outside it.
"""

from __future__ import annotations

import io as _io
import os
import re
import stat
import warnings
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import pyogrio

from ..bestanden import InvoerFout

#: Limits for uploads. ``max_bestand_mb`` matches ``server.maxUploadSize`` in
#: ``.streamlit/config.toml`` and can be set with ``BEDRIJVENTERREINEN_MAX_UPLOAD_MB``.
LIMIETEN: dict[str, float] = {
    "max_bestand_mb": float(os.environ.get("BEDRIJVENTERREINEN_MAX_UPLOAD_MB", "50")),
    "max_uitgepakt_mb": 500.0,  # total size of all entries of a zip
    "max_zip_onderdelen": 200,  # entries in a zip
    "max_compressie_ratio": 100.0,  # uncompressed / compressed, per entry and in total
    # columns of one layer: a GeoPackage (SQLite) table holds at most 2,000, with its own columns
    "max_kolommen": 1_000,
    # one CSV field (a long WKT contour): Python's csv default of 131,072 characters is too small
    "max_veld_mb": 50.0,
}

#: File types per extension, with the Dutch name used in messages.
BESTANDSTYPEN: dict[str, str] = {
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".gpkg": "GeoPackage",
    ".zip": "zip-bestand",
    ".csv": "CSV",
    ".txt": "CSV",
    ".xlsx": "Excel",
}
_SHAPEFILE_DELEN = (".shp", ".shx", ".dbf")
#: Extensions of files in a zip that are read as sources (besides shapefiles).
_BRONTYPEN_IN_ZIP = (".gpkg", ".geojson", ".json", ".csv", ".xlsx")
_MB = 1024 * 1024


@dataclass(frozen=True)
class Bron:
    """One readable source in an upload: a GeoJSON, a GeoPackage layer, a shapefile, a CSV or
    an Excel sheet."""

    naam: str
    pad: Path
    soort: str  # ogr | csv | xlsx
    laag: str | None = None  # layer (GeoPackage) or sheet (Excel)
    cpg: bool = True  # shapefile has a .cpg (encoding) file


def veilige_naam(filename: object) -> str:
    """A file name for messages: base name only, printable, at most 80 characters."""
    tekst = PurePosixPath(str(filename).replace("\\", "/")).name
    tekst = "".join(c if c.isprintable() else "_" for c in tekst)
    return (tekst[:77] + "…") if len(tekst) > 80 else (tekst or "bestand")


def _extensie(naam: str) -> str:
    """The lower-case extension of ``naam`` ('.zip'), empty without one."""
    return PurePosixPath(naam.lower()).suffix


def open_bronnen(naam: str, data: bytes, tmp: Path, max_bytes: int | None) -> list[Bron]:
    """The sources in the upload ``data`` named ``naam``, written (and unpacked) under ``tmp``.

    Returns at least one source; raises :class:`InvoerFout` for a file that is too large,
    empty, of an unknown type or an unsafe zip."""
    ext = _check_upload(naam, data, max_bytes)
    if ext == ".zip":
        map_ = _unpack_zip(naam, data, tmp / "uitgepakt")
        return _bronnen_in_map(naam, map_)
    if ext == ".xlsx":
        _check_zip(naam, data, excel=True)
    pad = tmp / f"upload{ext if ext != '.json' else '.geojson'}"
    pad.write_bytes(data)
    return _bronnen_van_bestand(naam, pad)


def _check_upload(naam: str, data: bytes, max_bytes: int | None) -> str:
    """The extension of an acceptable upload; :class:`InvoerFout` for one that is too large,
    empty or of a type the monitor does not read."""
    limiet = int(max_bytes if max_bytes is not None else LIMIETEN["max_bestand_mb"] * _MB)
    if len(data) > limiet:
        raise InvoerFout(
            f"Het bestand {naam} is {len(data) / _MB:.1f} MB; de grens is {limiet / _MB:.0f} MB.".replace(".", ",")
        )
    if len(data) == 0:
        raise InvoerFout(f"Het bestand {naam} is leeg.")
    ext = _extensie(naam)
    if ext in _SHAPEFILE_DELEN or ext in (".prj", ".cpg"):
        raise InvoerFout(
            "Een shapefile bestaat uit meerdere bestanden (.shp, .shx, .dbf en .prj). "
            "Pak ze samen in één zip-bestand en lees dat in."
        )
    if ext == ".xls":
        raise InvoerFout("Oude Excel-bestanden (.xls) worden niet gelezen. Sla het bestand op als .xlsx of .csv.")
    if ext not in BESTANDSTYPEN:
        raise InvoerFout(
            f"Het bestandstype van {naam} wordt niet herkend. Toegestaan: GeoJSON, GeoPackage, "
            "shapefile (als zip), CSV en Excel (.xlsx)."
        )
    return ext


def _bronnen_van_bestand(naam: str, pad: Path) -> list[Bron]:
    """The sources in one file on disk (its extension decides how it is read)."""
    ext = pad.suffix.lower()
    if ext in (".csv", ".txt"):
        return [Bron(PurePosixPath(naam).stem, pad, "csv")]
    if ext == ".xlsx":
        return _excel_bronnen(naam, pad)
    if ext == ".gpkg":
        return _geopackage_bronnen(naam, pad)
    if ext == ".geojson":
        return [Bron(PurePosixPath(naam).stem, pad, "ogr")]
    if ext == ".shp":
        return [Bron(pad.stem, pad, "ogr", cpg=pad.with_suffix(".cpg").exists() or pad.with_suffix(".CPG").exists())]
    raise InvoerFout(f"Het bestandstype van {naam} wordt niet herkend.")


def _excel_bronnen(naam: str, pad: Path) -> list[Bron]:
    """One source per sheet of an Excel workbook."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(pad, read_only=True)
    except Exception as e:
        raise InvoerFout(f"Het bestand {naam} is geen leesbaar Excel-bestand (.xlsx).") from e
    try:
        return [Bron(s, pad, "xlsx", s) for s in wb.sheetnames]
    finally:
        wb.close()


def _geopackage_bronnen(naam: str, pad: Path) -> list[Bron]:
    """One source per layer of a GeoPackage (checked to be SQLite first)."""
    with open(pad, "rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise InvoerFout(f"Het bestand {naam} is geen GeoPackage (het is geen SQLite-bestand).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lagen = pyogrio.list_layers(pad)
    except Exception as e:
        raise InvoerFout(f"Het bestand {naam} is geen leesbare GeoPackage.") from e
    if len(lagen) == 0:
        raise InvoerFout(f"De GeoPackage {naam} bevat geen lagen.")
    return [Bron(str(r[0]), pad, "ogr", str(r[0])) for r in lagen]


def _check_zip(naam: str, data: bytes, excel: bool = False) -> list[zipfile.ZipInfo]:
    """The entries of a zip, after checking every limit; raises :class:`InvoerFout`."""
    wat = "Het Excel-bestand" if excel else "Het zip-bestand"
    try:
        zf = zipfile.ZipFile(_io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        soort = "geen geldig Excel-bestand (.xlsx)" if excel else "geen geldig zip-bestand"
        raise InvoerFout(f"{naam} is {soort}.") from e
    if len(infos) > LIMIETEN["max_zip_onderdelen"]:
        raise InvoerFout(
            f"{wat} {naam} bevat {len(infos)} onderdelen; dat zijn er te veel (grens {int(LIMIETEN['max_zip_onderdelen'])})."
        )
    for info in infos:
        _check_zip_onderdeel(f"{wat} {naam}", info)
    totaal = sum(info.file_size for info in infos)
    totaal_gecomprimeerd = sum(info.compress_size for info in infos)
    if totaal > LIMIETEN["max_uitgepakt_mb"] * _MB:
        raise InvoerFout(
            f"{wat} {naam} is uitgepakt groter dan {LIMIETEN['max_uitgepakt_mb']:.0f} MB; het wordt niet uitgepakt."
        )
    if _te_sterk_gecomprimeerd(totaal, totaal_gecomprimeerd):
        raise InvoerFout(f"{wat} {naam} pakt verdacht sterk uit (zip-bom); het wordt niet uitgepakt.")
    return infos


def _te_sterk_gecomprimeerd(grootte: int, gecomprimeerd: int) -> bool:
    """True when more than 1 MB unpacks from more than ``max_compressie_ratio`` times less (a zip bomb)."""
    return grootte > _MB and grootte > LIMIETEN["max_compressie_ratio"] * max(gecomprimeerd, 1)


def _check_zip_onderdeel(wat: str, info: zipfile.ZipInfo) -> None:
    """Refuse (:class:`InvoerFout`) an entry outside the zip's own folder, a symlink, a
    password-protected entry or one that unpacks suspiciously strongly; ``wat`` names the zip."""
    deel = info.filename.replace("\\", "/")
    p = PurePosixPath(deel)
    if deel.startswith("/") or re.match(r"^[a-zA-Z]:", deel) or ".." in p.parts:
        raise InvoerFout(f"{wat} bevat een pad buiten de eigen map ({veilige_naam(deel)}); het wordt niet uitgepakt.")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise InvoerFout(f"{wat} bevat een snelkoppeling (symlink); het wordt niet uitgepakt.")
    if info.flag_bits & 0x1:
        raise InvoerFout(f"{wat} is met een wachtwoord beveiligd.")
    if _te_sterk_gecomprimeerd(info.file_size, info.compress_size):
        raise InvoerFout(f"{wat} pakt verdacht sterk uit (zip-bom); het wordt niet uitgepakt.")


def _unpack_zip(naam: str, data: bytes, doel: Path) -> Path:
    """Unpack a checked zip into ``doel`` (inside the temporary folder), counting the real
    bytes written, so a zip with false sizes in its headers is stopped too. Returns ``doel``."""
    infos = _check_zip(naam, data)
    doel.mkdir(parents=True)
    basis = doel.resolve()
    geschreven = 0
    with zipfile.ZipFile(_io.BytesIO(data)) as zf:
        for i, info in enumerate(infos):
            delen = PurePosixPath(info.filename.replace("\\", "/")).parts
            if info.is_dir() or not delen or delen[0] == "__MACOSX" or delen[-1].startswith("._"):
                continue
            veilig = [re.sub(r"[^\w.\- ]", "_", d)[:100] or f"deel{i}" for d in delen]
            pad = basis.joinpath(*veilig)
            if os.path.commonpath([basis, pad.resolve()]) != str(basis):
                raise InvoerFout(f"Het zip-bestand {naam} bevat een pad buiten de eigen map; het wordt niet uitgepakt.")
            pad.parent.mkdir(parents=True, exist_ok=True)
            geschreven = _write_onderdeel(naam, zf, info, pad, geschreven)
    return doel


def _write_onderdeel(naam: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, pad: Path, geschreven: int) -> int:
    """Write one entry to ``pad``, stopping when it is larger than its header says or the zip's
    total (``geschreven`` so far) passes ``max_uitgepakt_mb``. Returns the new total."""
    grens = LIMIETEN["max_uitgepakt_mb"] * _MB
    try:
        with zf.open(info) as bron, open(pad, "xb") as uit:
            eigen = 0
            while blok := bron.read(_MB):
                eigen += len(blok)
                geschreven += len(blok)
                if eigen > info.file_size or geschreven > grens:
                    raise InvoerFout(
                        f"Het zip-bestand {naam} pakt groter uit dan het opgeeft; het wordt niet uitgepakt."
                    )
                uit.write(blok)
    except FileExistsError as e:
        raise InvoerFout(
            f"Het zip-bestand {naam} bevat twee keer hetzelfde bestand ({veilige_naam(info.filename)})."
        ) from e
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as e:
        raise InvoerFout(f"Het zip-bestand {naam} is beschadigd en kan niet worden uitgepakt.") from e
    return geschreven


def _bronnen_in_map(naam: str, map_: Path) -> list[Bron]:
    """The sources in an unpacked zip: complete shapefiles and readable files. Returns at least
    one; names made unique with the file name where two sources share one."""
    bestanden = sorted(p for p in map_.rglob("*") if p.is_file())
    per_stam: dict[Path, set[str]] = {}
    for p in bestanden:
        per_stam.setdefault(p.with_suffix(""), set()).add(p.suffix.lower())
    bronnen: list[Bron] = []
    for p in bestanden:
        ext = p.suffix.lower()
        if ext == ".shp":
            bronnen.append(_shapefile_bron(naam, p, per_stam[p.with_suffix("")]))
        elif ext in _BRONTYPEN_IN_ZIP:
            bronnen.extend(_bestand_bronnen(naam, p))
    if not bronnen:
        if any(p.suffix.lower() in (".dbf", ".shx", ".prj") for p in bestanden):
            raise InvoerFout(f"De shapefile in {naam} is onvolledig: het .shp-bestand ontbreekt.")
        raise InvoerFout(f"In {naam} staat geen shapefile, GeoPackage, GeoJSON, CSV of Excel-bestand.")
    namen = [b.naam for b in bronnen]
    if len(set(namen)) < len(namen):
        bronnen = [replace(b, naam=f"{b.naam} ({b.pad.name})") for b in bronnen]
    return bronnen


def _shapefile_bron(naam: str, p: Path, aanwezig: set[str]) -> Bron:
    """The source of the shapefile ``p`` whose parts have the extensions ``aanwezig``;
    :class:`InvoerFout` when .shx or .dbf is missing."""
    mist = [e for e in (".shx", ".dbf") if e not in aanwezig]
    if mist:
        raise InvoerFout(
            f"De shapefile {p.name} in {naam} is onvolledig: {' en '.join(mist)} ontbreekt. "
            "Pak alle delen (.shp, .shx, .dbf, .prj en eventueel .cpg) samen in."
        )
    # GDAL finds the parts by exact name; give them lower-case extensions.
    for e in aanwezig:
        for kandidaat in (p.with_suffix(e), p.with_suffix(e.upper())):
            if kandidaat.exists() and kandidaat.suffix != e:
                kandidaat.rename(p.with_suffix(e))
    return Bron(p.stem, p.with_suffix(".shp"), "ogr", cpg=".cpg" in aanwezig)


def _bestand_bronnen(naam: str, p: Path) -> list[Bron]:
    """The sources of a GeoPackage, GeoJSON, CSV or Excel file from a zip, named after the
    file (a GeoPackage layer keeps its own name)."""
    if p.suffix.lower() == ".json":
        nieuw = p.with_suffix(".geojson")
        p.rename(nieuw)
        p = nieuw
    return [replace(b, naam=b.naam if b.soort == "ogr" and b.laag else p.stem) for b in _bronnen_van_bestand(naam, p)]
