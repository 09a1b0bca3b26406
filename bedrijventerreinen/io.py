"""Reading external files into the data model (the only module that parses user files).

Every reader returns frames conformed to :mod:`bedrijventerreinen.schema`, geometry in
EPSG:28992. Reading never touches the store. Problems are raised as :class:`InvoerFout`
with a Dutch message a user can act on, or reported as :class:`~.validatie.Melding`
(row, field, Dutch sentence, blocks yes/no) on the :class:`ImportResultaat`.

Uploads (:func:`read_upload`) are data, never paths: the bytes are written under fixed
names into a :class:`tempfile.TemporaryDirectory`, zip files are unpacked there only after
checking size, number of entries, compression ratio, path traversal and symlinks
(:data:`LIMIETEN`), and nothing is written outside that folder. Column names of other
systems (IBIS, BAG, municipal GIS) are recognised through :data:`KOLOM_ALIASSEN` and
:data:`KOLOM_SOMMEN`; a user's own mapping can be passed and saved
(:func:`save_kolomkoppeling`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io as _io
import json
import os
import re
import stat
import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from . import ibis, schema, toegang, validatie
from .validatie import SLEUTELS, Controle, Melding

if TYPE_CHECKING:
    from .store import Store
    from .strategy import Strategie

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
#: Saved column mappings (one JSON file per mapping).
KOPPELING_MAP = Path(__file__).resolve().parent.parent / "data" / "kolomkoppelingen"

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

#: Alternative column names, per layer: declared column -> names as other systems write
#: them (compared without case, spaces and punctuation). IBIS names from DOMAIN.md.
KOLOM_ALIASSEN: dict[str, dict[str, tuple[str, ...]]] = {
    "terreinen": {
        "terrein_id": ("terreincode", "code", "id"),
        "rin_nummer": ("RIN_NUMMER", "RIN_Nummer", "RIN", "rinnummer"),
        "peiljaar": ("JAAR", "Jaar", "peildatum_jaar"),
        "naam": ("PLAN_NAAM", "Plannaam", "terreinnaam", "name"),
        "gemeente": ("Gemeente", "gemeentenaam", "gem_naam", "GEM_CODES", "GEM_CODE", "gemeentecode"),
        "kern": ("Kern", "KERN", "woonplaats"),
        "bruto_ha": ("HA_BRUTO", "Bruto", "bruto_oppervlakte", "bruto_opp_ha"),
        "netto_ha": ("HA_NETTO", "Netto_ha", "Netto", "netto_oppervlakte"),
        "uitgeefbaar_ha": ("HA_TOTTUIT", "Totaal_uitgeefbaar_ha", "Totaal_uitgeefbaar", "uitgeefbaar"),
        "uitgifte_ha": ("Uitgifte_huidig_jaar_ha", "Uitgifte_huidig_jaar", "HA_UITGIFTE"),
        "werklocatietype": ("WLOC_TYPE", "Werklocatietype", "WERKLOCATIETYPE"),
        "planfase": ("Planfase", "PLANFASE"),
        "uitgegeven_ha": ("uitgegeven",),
        "uitgeefbaar_terstond_ha": ("terstond_uitgeefbaar_ha", "terstond_uitgeefbaar"),
        "uitgeefbaar_niet_terstond_ha": ("niet_terstond_uitgeefbaar_ha", "niet_terstond_uitgeefbaar"),
        "typologie": ("type", "terreintype"),
        "milieucategorie_max": ("Max_milieucategorie", "milieucategorie", "max_milieucat", "MAX_MILIEUCAT"),
        "koers": ("strategie", "koers_strategie"),
        "bron": ("herkomst",),
    },
    "mutaties": {
        "mutatie_id": ("id", "code", "plan_id"),
        "soort": ("type", "mutatiesoort"),
        "terrein_id": ("RIN_Nummer", "terrein"),
        "gemeente": ("Gemeente", "gemeentenaam"),
        "naam": ("Plannaam", "locatie", "name"),
        "ha": ("hectare", "netto_ha", "oppervlakte_ha", "Oppervlakte_transformatie"),
        "planstatus": ("Planfase", "status", "fase"),
        "jaar": ("Jaar", "realisatiejaar", "year"),
        "toelichting": ("opmerking", "opmerkingen", "omschrijving"),
        "bron": ("herkomst",),
    },
    "koppelingen": {
        "transformatie_id": ("transformatie",),
        "compensatie_id": ("compensatie",),
        "ha": ("hectare", "toegewezen_ha"),
    },
    "kanszones": {
        "kanszone_id": ("id", "code"),
        "terrein_id": ("RIN_Nummer", "terrein"),
        "naam": ("name",),
        "potentie_m2_bvo": ("potentie_m2", "m2_bvo"),
    },
    "panden": {
        "identificatie": ("pand_id", "bag_id", "identificatiecode", "gml_id", "id"),
        "bouwjaar": ("oorspronkelijkbouwjaar", "oorspronkelijk_bouwjaar", "bouwjaar_pand"),
        "status": ("pandstatus",),
        "gebruiksdoel": ("gebruiksdoelen",),
        "bouwlagen": ("aantal_bouwlagen", "verdiepingen"),
        "hoogte": ("hoogte_m", "h_dak", "dakhoogte"),
    },
}

#: Declared columns that IBIS splits over several columns: the parts are added.
KOLOM_SOMMEN: dict[str, dict[str, tuple[str, ...]]] = {
    "terreinen": {
        "uitgeefbaar_terstond_ha": ("Terstond_uitgeefbaar_gemeente_ha", "Terstond_uitgeefbaar_particulier_ha"),
        "uitgeefbaar_niet_terstond_ha": (
            "Niet_terstond_uitgeefbaar_gemeente_ha",
            "Niet_terstond_uitgeefbaar_particulier_ha",
        ),
        "uitgegeven_ha": ("Totaal_uitgegeven_tm_vorig_jaar_ha", "Uitgifte_huidig_jaar_ha"),
    },
}

#: Koers of a park derived from its IBIS Planfase when the file has no koers column.
PLANFASE_KOERS: dict[str, str] = {"hard": "behouden", "gerealiseerd": "behouden", "zacht": "nieuw", "idee": "nieuw"}
#: Koers of every park when neither koers nor Planfase is given.
STANDAARD_KOERS = "behouden"

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

#: Hectare columns whose change the import diff reports, per layer.
VERSCHIL_HA: dict[str, str | None] = {
    "terreinen": "netto_ha",
    "mutaties": "ha",
    "koppelingen": "ha",
    "kanszones": "potentie_ha",
    "panden": None,
}
#: Columns not compared by the diff (bookkeeping set by the import itself).
_NIET_VERGELIJKEN = {"versie", "gewijzigd_op", "gewijzigd_door", "bron"}

#: Import modes per layer; the first is the default. *Bijwerken* touches nothing the file does
#: not name; *vervangen* removes what it does not name and needs a second confirmation.
MODI: dict[str, str] = {
    "bijwerken": "Bijwerken: bestaande rijen bijwerken, nieuwe toevoegen, de rest blijft zoals het is",
    "vervangen": "Vervangen: de laag wordt geheel vervangen door het bestand (vraagt een tweede bevestiging)",
}
#: Older name of *bijwerken*, still accepted.
_MODUS_ALIAS = {"samenvoegen": "bijwerken"}


class InvoerFout(ValueError):
    """Input the monitor cannot accept; ``str(fout)`` is a Dutch sentence for the user."""


class KolommenOntbreken(InvoerFout):
    """Required columns are missing; the user can map them (``bronkolommen`` are the file's columns)."""

    def __init__(self, bericht: str, ontbrekend: list[str], bronkolommen: list[str]):
        super().__init__(bericht)
        self.ontbrekend = ontbrekend
        self.bronkolommen = bronkolommen


@dataclass
class ImportResultaat:
    """The outcome of reading an upload: the conformed layer and the validation report.

    ``gdf`` is in EPSG:28992 (a plain DataFrame for koppelingen); ``meldingen`` are the
    findings (:class:`~.validatie.Melding`: rij, veld, Dutch tekst, blokkeert);
    ``blokkerende_rijen`` the positions of rows with a blocking finding; ``koppeling`` the
    column mapping that was applied (source column -> declared column).
    """

    gdf: pd.DataFrame
    meldingen: list[Melding]
    laag: str = "terreinen"
    bestandsnaam: str = ""
    bronlaag: str | None = None
    bronlagen: list[str] = field(default_factory=list)
    koppeling: dict[str, str] = field(default_factory=dict)
    bronkolommen: list[str] = field(default_factory=list)
    blokkerende_rijen: list[int] = field(default_factory=list)
    #: Declared columns the file itself supplied (after mapping), as opposed to derived or empty ones.
    kolommen_uit_bestand: list[str] = field(default_factory=list)

    def behouden_kolommen(self) -> list[str]:
        """Declared columns the file does not carry (e.g. koers and typologie in an IBIS
        export): an import keeps their current values for rows whose key already exists.
        Keys, bron, bruto_ha (measured from the contour) and bookkeeping are never kept."""
        nooit = {*SLEUTELS[self.laag], "bron", "bruto_ha", *_NIET_VERGELIJKEN}
        return [c for c in schema.kolomnamen(self.laag) if c not in self.kolommen_uit_bestand and c not in nooit]

    @property
    def blokkeert(self) -> bool:
        """True when at least one finding blocks the import."""
        return any(m.blokkeert for m in self.meldingen)

    @property
    def alleen_rijen_blokkeren(self) -> bool:
        """True when every blocking finding concerns rows (so skipping those rows helps)."""
        blokkerend = [m for m in self.meldingen if m.blokkeert]
        return bool(blokkerend) and all(m.rij is not None or m.tekst.startswith("…") for m in blokkerend)

    def meldingen_frame(self) -> pd.DataFrame:
        """The report as a table with Dutch headers: Rij, Veld, Melding, Blokkeert (ja/nee)."""
        return pd.DataFrame(
            {
                "Rij": pd.array([m.rij for m in self.meldingen], dtype="Int64"),
                "Veld": [m.veld or "" for m in self.meldingen],
                "Melding": [m.tekst for m in self.meldingen],
                "Blokkeert": ["ja" if m.blokkeert else "nee" for m in self.meldingen],
            }
        )

    def zonder_blokkerende_rijen(self) -> ImportResultaat:
        """The result without the rows that have a blocking finding; their findings become
        notes that the row was skipped. Findings about the whole file still block."""
        if not self.blokkerende_rijen:
            return self
        weg = self.gdf.index[self.blokkerende_rijen]
        meldingen = [
            replace(m, blokkeert=False, tekst=f"Overgeslagen: {m.tekst}")
            if m.blokkeert and (m.rij is not None or m.tekst.startswith("…"))
            else m
            for m in self.meldingen
        ]
        return replace(
            self, gdf=self.gdf.drop(index=weg).reset_index(drop=True), meldingen=meldingen, blokkerende_rijen=[]
        )


# -- public readers ------------------------------------------------------------------------


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
            # dates stay text as written (the schema keeps gewijzigd_op as a string)
            df = pyogrio.read_dataframe(p, datetime_as_string=True)
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
    """All layers of a sample-data folder (default ``data/voorbeeld/``), keyed by layer name;
    a layer whose file the folder lacks is empty."""
    basis = Path(map_) if map_ is not None else VOORBEELD_MAP
    return {
        laag: read_laag_bestand(basis / naam, laag) if (basis / naam).exists() else schema.empty(laag)
        for laag, naam in VOORBEELD_BESTANDEN.items()
    }


def read_upload(
    filename: str,
    data: bytes,
    laag: str = "terreinen",
    *,
    bronlaag: str | None = None,
    koppeling: dict[str, str] | None = None,
    strategie: Strategie | None = None,
    max_bytes: int | None = None,
) -> ImportResultaat:
    """Read an uploaded file as layer ``laag``, validate it and repair what can be repaired.

    Accepts GeoJSON, GeoPackage (``bronlaag`` picks the layer), a zipped shapefile (or a zip
    holding one of the other formats), CSV and XLSX with a WKT column or x/y columns.
    ``filename`` is only used for its extension and in messages; ``koppeling`` maps source
    columns to declared columns and wins over the automatic aliases. The CRS is recognised
    and everything is reprojected to EPSG:28992 (see :func:`validatie.place_crs`).

    Returns an :class:`ImportResultaat` whose ``meldingen`` say what was found and repaired
    and whether it blocks. Raises :class:`InvoerFout` (Dutch message) for a file it cannot
    accept at all, :class:`KolommenOntbreken` when required columns are missing. No other
    exception escapes. Reading never touches the store.
    """
    naam = _veilige_naam(filename)
    if laag not in schema.LAGEN:
        raise InvoerFout(f"Onbekende laag '{_veilige_naam(laag)}'.")
    try:
        return _read_upload(naam, data, laag, bronlaag, dict(koppeling or {}), strategie, max_bytes)
    except InvoerFout:
        raise
    except MemoryError as e:
        raise InvoerFout(f"Het bestand {naam} is te groot om in te lezen.") from e
    except Exception as e:
        raise InvoerFout(
            f"Het bestand {naam} kan niet worden gelezen: het is beschadigd of heeft een onverwachte opbouw."
        ) from e


def list_bronlagen(filename: str, data: bytes, max_bytes: int | None = None) -> list[str]:
    """The layers (GeoPackage), shapefiles or sheets in an upload, for the layer choice.

    Raises :class:`InvoerFout` for a file it cannot open.
    """
    naam = _veilige_naam(filename)
    try:
        with tempfile.TemporaryDirectory(prefix="btm-import-") as tmp:
            return [b.naam for b in _open_bronnen(naam, data, Path(tmp), max_bytes)]
    except InvoerFout:
        raise
    except Exception as e:
        raise InvoerFout(f"Het bestand {naam} kan niet worden geopend.") from e


# -- opening files safely ------------------------------------------------------------------


@dataclass(frozen=True)
class _Bron:
    naam: str
    pad: Path
    soort: str  # ogr | csv | xlsx
    laag: str | None = None  # layer (GeoPackage) or sheet (Excel)
    cpg: bool = True  # shapefile has a .cpg (encoding) file


def _veilige_naam(filename: object) -> str:
    """A file name for messages: base name only, printable, at most 80 characters."""
    tekst = PurePosixPath(str(filename).replace("\\", "/")).name
    tekst = "".join(c if c.isprintable() else "_" for c in tekst)
    return (tekst[:77] + "…") if len(tekst) > 80 else (tekst or "bestand")


def _extensie(naam: str) -> str:
    return PurePosixPath(naam.lower()).suffix


def _open_bronnen(naam: str, data: bytes, tmp: Path, max_bytes: int | None) -> list[_Bron]:
    limiet = int(max_bytes if max_bytes is not None else LIMIETEN["max_bestand_mb"] * 1024 * 1024)
    if len(data) > limiet:
        raise InvoerFout(
            f"Het bestand {naam} is {len(data) / 1024 / 1024:.1f} MB; de grens is {limiet / 1024 / 1024:.0f} MB.".replace(
                ".", ","
            )
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
    if ext == ".zip":
        map_ = _unpack_zip(naam, data, tmp / "uitgepakt")
        return _bronnen_in_map(naam, map_)
    if ext == ".xlsx":
        _check_zip(naam, data, excel=True)
    pad = tmp / f"upload{ext if ext != '.json' else '.geojson'}"
    pad.write_bytes(data)
    return _bronnen_van_bestand(naam, pad)


def _bronnen_van_bestand(naam: str, pad: Path) -> list[_Bron]:
    ext = pad.suffix.lower()
    if ext in (".csv", ".txt"):
        return [_Bron(PurePosixPath(naam).stem, pad, "csv")]
    if ext == ".xlsx":
        import openpyxl

        try:
            wb = openpyxl.load_workbook(pad, read_only=True)
        except Exception as e:
            raise InvoerFout(f"Het bestand {naam} is geen leesbaar Excel-bestand (.xlsx).") from e
        try:
            return [_Bron(s, pad, "xlsx", s) for s in wb.sheetnames]
        finally:
            wb.close()
    if ext == ".gpkg":
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
        return [_Bron(str(r[0]), pad, "ogr", str(r[0])) for r in lagen]
    if ext == ".geojson":
        return [_Bron(PurePosixPath(naam).stem, pad, "ogr")]
    if ext == ".shp":
        return [_Bron(pad.stem, pad, "ogr", cpg=pad.with_suffix(".cpg").exists() or pad.with_suffix(".CPG").exists())]
    raise InvoerFout(f"Het bestandstype van {naam} wordt niet herkend.")


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
    totaal, totaal_gecomprimeerd = 0, 0
    for info in infos:
        deel = info.filename.replace("\\", "/")
        p = PurePosixPath(deel)
        if deel.startswith("/") or re.match(r"^[a-zA-Z]:", deel) or ".." in p.parts:
            raise InvoerFout(
                f"{wat} {naam} bevat een pad buiten de eigen map ({_veilige_naam(deel)}); het wordt niet uitgepakt."
            )
        modus = info.external_attr >> 16
        if stat.S_ISLNK(modus):
            raise InvoerFout(f"{wat} {naam} bevat een snelkoppeling (symlink); het wordt niet uitgepakt.")
        if info.flag_bits & 0x1:
            raise InvoerFout(f"{wat} {naam} is met een wachtwoord beveiligd.")
        totaal += info.file_size
        totaal_gecomprimeerd += info.compress_size
        if info.file_size > 1024 * 1024 and info.file_size > LIMIETEN["max_compressie_ratio"] * max(
            info.compress_size, 1
        ):
            raise InvoerFout(f"{wat} {naam} pakt verdacht sterk uit (zip-bom); het wordt niet uitgepakt.")
    if totaal > LIMIETEN["max_uitgepakt_mb"] * 1024 * 1024:
        raise InvoerFout(
            f"{wat} {naam} is uitgepakt groter dan {LIMIETEN['max_uitgepakt_mb']:.0f} MB; het wordt niet uitgepakt."
        )
    if totaal > 1024 * 1024 and totaal > LIMIETEN["max_compressie_ratio"] * max(totaal_gecomprimeerd, 1):
        raise InvoerFout(f"{wat} {naam} pakt verdacht sterk uit (zip-bom); het wordt niet uitgepakt.")
    return infos


def _unpack_zip(naam: str, data: bytes, doel: Path) -> Path:
    """Unpack a checked zip into ``doel`` (inside the temporary folder), counting the real
    bytes written, so a zip with false sizes in its headers is stopped too."""
    infos = _check_zip(naam, data)
    doel.mkdir(parents=True)
    basis = doel.resolve()
    grens = LIMIETEN["max_uitgepakt_mb"] * 1024 * 1024
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
            try:
                with zf.open(info) as bron, open(pad, "xb") as uit:
                    eigen = 0
                    while blok := bron.read(1024 * 1024):
                        eigen += len(blok)
                        geschreven += len(blok)
                        if eigen > info.file_size or geschreven > grens:
                            raise InvoerFout(
                                f"Het zip-bestand {naam} pakt groter uit dan het opgeeft; het wordt niet uitgepakt."
                            )
                        uit.write(blok)
            except FileExistsError as e:
                raise InvoerFout(
                    f"Het zip-bestand {naam} bevat twee keer hetzelfde bestand ({_veilige_naam(info.filename)})."
                ) from e
            except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError) as e:
                raise InvoerFout(f"Het zip-bestand {naam} is beschadigd en kan niet worden uitgepakt.") from e
    return doel


def _bronnen_in_map(naam: str, map_: Path) -> list[_Bron]:
    bestanden = sorted(p for p in map_.rglob("*") if p.is_file())
    per_stam: dict[Path, set[str]] = {}
    for p in bestanden:
        per_stam.setdefault(p.with_suffix(""), set()).add(p.suffix.lower())
    bronnen: list[_Bron] = []
    for p in bestanden:
        ext = p.suffix.lower()
        if ext == ".shp":
            aanwezig = per_stam[p.with_suffix("")]
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
            shp = p.with_suffix(".shp")
            bronnen.append(_Bron(p.stem, shp, "ogr", cpg=".cpg" in aanwezig))
        elif ext in (".gpkg", ".geojson", ".json", ".csv", ".xlsx"):
            if ext == ".json":
                nieuw = p.with_suffix(".geojson")
                p.rename(nieuw)
                p = nieuw
            bronnen.extend(
                replace(b, naam=b.naam if b.soort == "ogr" and b.laag else p.stem)
                for b in _bronnen_van_bestand(naam, p)
            )
    if not bronnen:
        heeft_delen = any(p.suffix.lower() in (".dbf", ".shx", ".prj") for p in bestanden)
        if heeft_delen:
            raise InvoerFout(f"De shapefile in {naam} is onvolledig: het .shp-bestand ontbreekt.")
        raise InvoerFout(f"In {naam} staat geen shapefile, GeoPackage, GeoJSON, CSV of Excel-bestand.")
    namen = [b.naam for b in bronnen]
    if len(set(namen)) < len(namen):
        bronnen = [replace(b, naam=f"{b.naam} ({b.pad.name})") for b in bronnen]
    return bronnen


# -- reading tables and geodata ------------------------------------------------------------


def _read_upload(
    naam: str,
    data: bytes,
    laag: str,
    bronlaag: str | None,
    koppeling: dict[str, str],
    strategie: Strategie | None,
    max_bytes: int | None,
) -> ImportResultaat:
    controle = Controle()
    with tempfile.TemporaryDirectory(prefix="btm-import-") as tmp:
        bronnen = _open_bronnen(naam, data, Path(tmp), max_bytes)
        bron = _kies_bron(naam, bronnen, bronlaag, laag, controle)
        if bron.soort == "ogr":
            df, crs_opgegeven = _read_ogr(naam, bron, controle)
        else:
            df = _read_tabel(naam, bron, controle)
            controle.rij_verschuiving = 2  # header is row 1
            crs_opgegeven = False
    return _verwerk(naam, df, laag, bron, bronnen, koppeling, strategie, controle, crs_opgegeven)


def _kies_bron(naam: str, bronnen: list[_Bron], bronlaag: str | None, laag: str, controle: Controle) -> _Bron:
    if bronlaag is not None:
        for b in bronnen:
            if b.naam == bronlaag:
                return b
        raise InvoerFout(f"De laag '{_veilige_naam(bronlaag)}' staat niet in {naam}.")
    if len(bronnen) == 1:
        return bronnen[0]
    for b in bronnen:
        if b.naam.lower() == laag:
            return b
    controle.add(f"{naam} bevat {len(bronnen)} lagen; '{bronnen[0].naam}' is gelezen. Kies zo nodig een andere laag.")
    return bronnen[0]


#: A JSON escape of NUL (not preceded by an escaped backslash): GDAL would cut the text there.
_JSON_NUL = re.compile(rb"(?<!\\)((?:\\\\)*)\\u0000")


def _read_ogr(naam: str, bron: _Bron, controle: Controle) -> tuple[pd.DataFrame, bool]:
    kwargs: dict = {"layer": bron.laag} if bron.laag else {}
    if bron.pad.suffix.lower() in (".geojson", ".json"):
        ruw = bron.pad.read_bytes()
        if b"\\u0000" in ruw:
            # the upload is a private temporary copy: rewrite it without NUL, so no text is cut short
            bron.pad.write_bytes(_JSON_NUL.sub(rb"\1", ruw))
            controle.add("NUL-tekens in de tekst zijn verwijderd.", veld="tekst")
    try:
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
                df = pyogrio.read_dataframe(bron.pad, encoding=encoding, **kwargs)
            except shapely.errors.GEOSException:
                # Unclosed or too short rings: let shapely repair them, and find which rows.
                df = pyogrio.read_dataframe(bron.pad, encoding=encoding, on_invalid="fix", **kwargs)
                kaal = pyogrio.read_dataframe(bron.pad, encoding=encoding, on_invalid="ignore", **kwargs)
                hersteld = shapely.is_missing(np.asarray(kaal.geometry.array)) & ~shapely.is_missing(
                    np.asarray(df.geometry.array)
                )
                controle.add_rijen(
                    hersteld,
                    "Een ring van de geometrie was niet gesloten of te kort; hij is hersteld. Controleer de contour.",
                    False,
                    "geometrie",
                )
    except Exception as e:
        raise InvoerFout(_ogr_fout(naam, bron)) from e
    crs_opgegeven = df.crs is not None if isinstance(df, gpd.GeoDataFrame) else False
    if bron.pad.suffix.lower() in (".geojson", ".json") and isinstance(df, gpd.GeoDataFrame):
        _check_geojson_geometrie(bron.pad, df, controle)
    if bron.pad.suffix.lower() == ".geojson" and isinstance(df, gpd.GeoDataFrame):
        crs_opgegeven = _geojson_heeft_crs(bron.pad) or (df.crs is not None and df.crs.to_epsg() != 4326)
        if not crs_opgegeven:
            df = df.set_crs(None, allow_override=True)
            # RFC 7946: GeoJSON without a crs member is WGS84; only an implausible
            # combination is reported (see validatie.place_crs).
            b = validatie._bounds(df)
            if b is not None and validatie._in_box(b, validatie.NEDERLAND_WGS84):
                df = df.set_crs(schema.CRS_WEB)
                crs_opgegeven = True
    return df, crs_opgegeven


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
        namen = ", ".join(f"'{validatie._kort(k)}'" for k in sorted(set(dubbel))[:5])
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
    with open(pad, "rb") as f:
        kop = f.read(4096)
    return b'"crs"' in kop


def _ogr_fout(naam: str, bron: _Bron) -> str:
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


def _decode(naam: str, ruw: bytes, controle: Controle) -> str:
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


def _read_tabel(naam: str, bron: _Bron, controle: Controle) -> pd.DataFrame:
    if bron.soort == "xlsx":
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                df = pd.read_excel(bron.pad, sheet_name=bron.laag, dtype=str, engine="openpyxl")
        except Exception as e:
            raise InvoerFout(f"Het werkblad '{bron.naam}' in {naam} kan niet worden gelezen.") from e
    else:
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
                # A row with more fields than the header would silently lose data.
                warnings.simplefilter("error", pd.errors.ParserWarning)
                df = pd.read_csv(
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
    df.columns = [str(c).strip() for c in df.columns]
    if df.columns.duplicated().any():
        dubbel = sorted(set(df.columns[df.columns.duplicated()]))
        raise InvoerFout(f"In {naam} komen kolomnamen dubbel voor: {', '.join(dubbel)}.")
    if len(df.columns) == 0:
        raise InvoerFout(f"{naam} bevat geen kolommen.")
    return df


def _eerste_regel(e: Exception) -> str:
    tekst = str(e).splitlines()[0] if str(e) else type(e).__name__
    m = re.search(r"line (\d+)", tekst)
    return f"fout op regel {m.group(1)}" if m else "onverwachte opbouw"


def _norm(kolom: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(kolom).lower())


#: A WKT vertex with three numbers ("x y z"), up to the next comma or bracket.
_GETAL = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_DERDE_COORDINAAT = re.compile(rf"({_GETAL})\s+({_GETAL})\s+{_GETAL}(?=\s*[,)])")


def _geometrie_uit_tabel(df: pd.DataFrame, laag: str, controle: Controle) -> gpd.GeoDataFrame | pd.DataFrame:
    """Geometry from a WKT column (EWKT ``SRID=…;`` allowed) or x/y columns of a table."""
    if schema.GEOMETRIE_VERPLICHT[laag] is None:
        return df
    per_norm = {_norm(c): c for c in df.columns}
    wkt = next((per_norm[_norm(c)] for c in WKT_KOLOMMEN if _norm(c) in per_norm), None)
    if wkt is not None:
        tekst = df[wkt].astype("string").str.strip()
        srid = tekst.str.extract(r"^SRID=(\d+);", expand=False).dropna().unique()
        tekst = tekst.str.replace(r"^SRID=\d+;", "", regex=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            waarden = tekst.where(tekst.ne("")).to_numpy(dtype=object, na_value=None)
            geoms = shapely.from_wkt(waarden, on_invalid="ignore")
            # a third coordinate on some vertices only (no Z in the type): drop it, as for Z
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
        fout = tekst.notna() & tekst.ne("") & pd.Series(shapely.is_missing(geoms), index=df.index)
        controle.add_rijen(
            fout.to_numpy(),
            "De geometrie (WKT) kan niet worden gelezen.",
            bool(schema.GEOMETRIE_VERPLICHT[laag]) or laag == "terreinen",  # a contour given must be readable
            "geometrie",
        )
        crs = f"EPSG:{srid[0]}" if len(srid) == 1 else None
        return gpd.GeoDataFrame(df.drop(columns=[wkt]), geometry=gpd.GeoSeries(geoms, index=df.index), crs=crs)
    for xk, yk in XY_KOLOMMEN:
        if xk in per_norm and yk in per_norm:
            x = validatie.parse_getallen(df[per_norm[xk]])
            y = validatie.parse_getallen(df[per_norm[yk]])
            punten = shapely.points(x.to_numpy(), y.to_numpy())
            punten[(x.isna() | y.isna()).to_numpy()] = None
            return gpd.GeoDataFrame(
                df.drop(columns=[per_norm[xk], per_norm[yk]]), geometry=gpd.GeoSeries(punten, index=df.index), crs=None
            )
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


def apply_kolomkoppeling(
    df: pd.DataFrame, laag: str, koppeling: dict[str, str] | None = None
) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
    """Rename the file's columns to the declared columns of ``laag``.

    Order of precedence: the user's ``koppeling`` (source -> declared), exact declared
    names, :data:`KOLOM_ALIASSEN`, then :data:`KOLOM_SOMMEN` (IBIS parts added up). Source
    columns used by a sum are dropped. Returns the frame, the mapping applied (source ->
    declared) and Dutch notes about it.
    """
    koppeling = {k: v for k, v in (koppeling or {}).items() if v and k in df.columns}
    gedeclareerd = schema.kolomnamen(laag)
    geom = [df.geometry.name] if isinstance(df, gpd.GeoDataFrame) else []
    bron = [c for c in df.columns if c not in geom]
    toegepast: dict[str, str] = {}
    bezet: set[str] = set()
    for b, d in koppeling.items():
        if d in gedeclareerd and d not in bezet:
            toegepast[b] = d
            bezet.add(d)
    per_norm: dict[str, str] = {}
    for c in bron:
        per_norm.setdefault(_norm(c), c)
    for d in gedeclareerd:
        if d in bezet:
            continue
        for kandidaat in (d, *KOLOM_ALIASSEN.get(laag, {}).get(d, ())):
            c = per_norm.get(_norm(kandidaat))
            if c is not None and c not in toegepast:
                toegepast[c] = d
                bezet.add(d)
                break
    notities: list[str] = []
    out = df.drop(columns=[c for c, d in toegepast.items() if c != d and d in df.columns and d not in toegepast])
    out = out.rename(columns=toegepast)
    for d, delen in KOLOM_SOMMEN.get(laag, {}).items():
        # a part may also be mapped to a column of its own (uitgifte huidig jaar → uitgifte_ha):
        # the sum reads the file's values, whatever else the part became
        gevonden = [per_norm[_norm(p)] for p in delen if _norm(p) in per_norm]
        if d in bezet or not gevonden:
            continue
        out[d] = sum(validatie.parse_getallen(df[c]).fillna(0.0) for c in gevonden)
        alle_leeg = pd.concat([df[c].isna() for c in gevonden], axis=1).all(axis=1)
        out[d] = out[d].mask(alle_leeg)
        out = out.drop(columns=[c for c in gevonden if c in out.columns and c not in toegepast])
        notities.append(f"{d} = som van {' + '.join(gevonden)}.")
        for c in gevonden:
            toegepast.setdefault(c, d)
        bezet.add(d)
    vertaald = {b: d for b, d in toegepast.items() if b != d}
    if vertaald:
        notities.insert(0, "Kolommen gekoppeld: " + ", ".join(f"{b} → {d}" for b, d in vertaald.items()) + ".")
    return out, toegepast, notities


def _verwerk(
    naam: str,
    df: pd.DataFrame,
    laag: str,
    bron: _Bron,
    bronnen: list[_Bron],
    koppeling: dict[str, str],
    strategie: Strategie | None,
    controle: Controle,
    crs_opgegeven: bool,
) -> ImportResultaat:
    df = df.reset_index(drop=True)
    if len(df) == 0:
        raise InvoerFout(f"{naam} bevat geen rijen.")
    if len(df.columns) > LIMIETEN["max_kolommen"]:
        raise InvoerFout(
            f"{naam} heeft {len(df.columns)} kolommen; de monitor kan er hoogstens "
            f"{int(LIMIETEN['max_kolommen'])} bewaren. Laat de kolommen weg die niet nodig zijn."
        )
    df = validatie.normalize_tekst(df, controle)
    if not isinstance(df, gpd.GeoDataFrame) and bron.soort != "ogr":
        df = _geometrie_uit_tabel(df, laag, controle)
    if schema.GEOMETRIE_VERPLICHT[laag] is None and isinstance(df, gpd.GeoDataFrame):
        df = pd.DataFrame(df.drop(columns=[df.geometry.name]))
    elif schema.GEOMETRIE_VERPLICHT[laag] and not isinstance(df, gpd.GeoDataFrame):
        raise InvoerFout(f"{naam} heeft geen geometrie; voor laag '{laag}' zijn vlakken nodig.")
    # Drop columns that would clash with the GeoPackage's own columns.
    df = df.drop(
        columns=[
            c for c in df.columns if _norm(c) in ("fid", "ogcfid") and c != getattr(df, "_geometry_column_name", None)
        ]
    )
    bronkolommen = [c for c in df.columns if not (isinstance(df, gpd.GeoDataFrame) and c == df.geometry.name)]

    df, toegepast, notities = apply_kolomkoppeling(df, laag, koppeling)
    uit_bestand = [c for c in schema.kolomnamen(laag) if c in df.columns]
    df = _drop_botsende_kolommen(df, laag, controle)
    for n in notities:
        controle.add(n, veld="kolommen")
    uit_bestand += _afleiden(df, laag, naam, controle)

    ontbrekend = [k.naam for k in schema.LAGEN[laag] if k.verplicht and k.naam not in df.columns]
    if ontbrekend:
        raise KolommenOntbreken(
            f"In {naam} ontbreken verplichte kolommen voor laag '{laag}': {', '.join(ontbrekend)}. "
            "Koppel de kolommen van het bestand aan de kolommen van de monitor.",
            ontbrekend,
            bronkolommen,
        )

    if isinstance(df, gpd.GeoDataFrame):
        try:
            df = validatie.place_crs(df, controle, crs_opgegeven)
        except ValueError as e:
            raise InvoerFout(str(e)) from e
        df = validatie.repair_geometrie(df, laag, controle)

    gemeenten = None
    try:
        if strategie is None:
            from .strategy import load_strategie

            strategie = load_strategie()
        gemeenten = strategie.gemeenten
    except Exception:
        controle.add("De strategie kon niet worden gelezen; gemeenten zijn niet gecontroleerd.")
    df = validatie.validate_attributen(df, laag, controle, gemeenten)
    if isinstance(df, gpd.GeoDataFrame):
        validatie.check_ligging(df, controle, gemeenten)
    if laag == "terreinen" and isinstance(df, gpd.GeoDataFrame):
        validatie.check_bruto_oppervlakte(df, controle)
    if laag == "terreinen" and gemeenten:
        df = _alleen_regio(df, gemeenten, controle)
    geom = df.geometry.name if isinstance(df, gpd.GeoDataFrame) else None
    for c in df.columns:
        if c not in schema.kolomnamen(laag) and c != geom and df[c].dtype == object:
            df[c] = df[c].astype("string")
    gdf = schema.conform(df, laag)
    return ImportResultaat(
        gdf=gdf,
        meldingen=controle.meldingen,
        laag=laag,
        bestandsnaam=naam,
        bronlaag=bron.naam,
        bronlagen=[b.naam for b in bronnen],
        koppeling=toegepast,
        bronkolommen=bronkolommen,
        kolommen_uit_bestand=uit_bestand,
        blokkerende_rijen=sorted(controle.blokkerende_rijen),
    )


def _alleen_regio(df: pd.DataFrame, gemeenten: tuple[str, ...], controle: Controle) -> pd.DataFrame:
    """Keep the parks of the strategy's gemeenten: a national or provincial register table goes
    in as it comes, and the rows of other gemeenten are skipped with one note (the regional
    figures only take the region's gemeenten)."""
    binnen = df["gemeente"].isin(list(gemeenten)).fillna(False).to_numpy(dtype=bool)
    if binnen.all():
        return df
    if not binnen.any():
        raise InvoerFout(
            f"Geen van de {len(df)} terreinen ligt in een gemeente van de strategie ({', '.join(gemeenten)})."
        )
    # findings keep the row numbers of the file; blocking rows are positions in what is kept
    verschuiving = controle.rij_verschuiving
    controle.meldingen = [
        m
        for m in controle.meldingen
        if m.rij is None or not (0 <= m.rij - verschuiving < len(binnen)) or binnen[m.rij - verschuiving]
    ]
    houd = np.flatnonzero(binnen)
    nieuw_pos = {int(oud): nieuw for nieuw, oud in enumerate(houd)}
    controle.blokkerende_rijen = {nieuw_pos[r] for r in controle.blokkerende_rijen if r in nieuw_pos}
    controle.add(
        f"{len(df) - len(houd)} van de {len(df)} terreinen liggen buiten de gemeenten van de strategie "
        "en zijn overgeslagen.",
        veld="gemeente",
    )
    return df.iloc[houd].reset_index(drop=True)


def _drop_botsende_kolommen(df: pd.DataFrame, laag: str, controle: Controle) -> pd.DataFrame:
    """Drop extra columns whose name clashes (ignoring case, as in a GeoPackage) with a declared
    column, with another extra column or with the GeoPackage's own columns; say which."""
    geom = df.geometry.name if isinstance(df, gpd.GeoDataFrame) else None
    bezet = {c.lower(): c for c in schema.kolomnamen(laag)} | {"fid": "fid", "geom": "geom", "geometry": "geometry"}
    weg = []
    for c in df.columns:
        if c == geom or c in schema.kolomnamen(laag):
            continue
        sleutel = str(c).strip().lower()
        if sleutel in bezet or not sleutel:
            weg.append(c)
            controle.add(
                f"Kolom '{validatie._kort(c)}' is niet overgenomen: de naam botst met kolom '{bezet.get(sleutel, '')}'.",
                veld="kolommen",
            )
        else:
            bezet[sleutel] = str(c)
    return df.drop(columns=weg) if weg else df


def _afleiden(df: pd.DataFrame, laag: str, naam: str, controle: Controle) -> list[str]:
    """Fill declared columns the file does not have but that can be derived, and say so.

    Returns the derived columns that stand for the file's own figures (an import writes them
    over the store's values, unlike columns that are merely filled in).
    """
    afgeleid: list[str] = []
    if laag == "terreinen":
        if "gemeente" in df.columns:
            namen, notities = ibis.vertaal_gemeentecodes(df["gemeente"])
            if not namen.equals(df["gemeente"].astype("string")):
                controle.add("CBS-gemeentecodes (GM…) zijn vertaald naar gemeentenamen.", veld="gemeente")
            df["gemeente"] = namen
            for pos, tekst in notities:
                controle.meldingen.append(Melding(tekst, False, pos + controle.rij_verschuiving, "gemeente"))
        if "terrein_id" not in df.columns and ("rin_nummer" in df.columns or "naam" in df.columns):
            # a register table names parks by RIN number and name; the import matches them to
            # the store's parks (ibis.match_terreinen) and only new parks keep this id
            rin = validatie.normalize_ids(df["rin_nummer"]) if "rin_nummer" in df.columns else None
            eigen = ("RIN-" + rin) if rin is not None else None
            slug = "NIEUW-" + df["naam"].astype("string").map(ibis.naam_sleutel).str.upper().str[:24]
            df["terrein_id"] = slug if eigen is None else eigen.fillna(slug)
        if "uitgeefbaar_ha" in df.columns:
            for deel in ("uitgeefbaar_terstond_ha", "uitgeefbaar_niet_terstond_ha"):
                if deel not in df.columns:  # the total replaces a split the file does not give
                    df[deel] = np.nan
                    afgeleid.append(deel)
            if "uitgegeven_ha" not in df.columns and "netto_ha" in df.columns:
                netto = validatie.parse_getallen(df["netto_ha"])
                df["uitgegeven_ha"] = (netto - validatie.parse_getallen(df["uitgeefbaar_ha"])).clip(lower=0)
                afgeleid.append("uitgegeven_ha")
                controle.add(
                    "uitgegeven_ha = netto − uitgeefbaar (het bestand geeft alleen het totaal).", veld="uitgegeven_ha"
                )
        if "bruto_ha" not in df.columns and isinstance(df, gpd.GeoDataFrame):
            df["bruto_ha"] = (shapely.area(np.asarray(df.geometry.array)) / schema.M2_PER_HA).round(2)
            controle.add(
                "Kolom bruto_ha ontbreekt; bruto is berekend uit de oppervlakte van de contour.", veld="bruto_ha"
            )
        if "koers" not in df.columns:
            planfase = next((c for c in df.columns if _norm(c) == "planfase"), None)
            if planfase is not None:
                status = (
                    df[planfase].astype("string").str.strip().str.lower().map(validatie.WAARDE_ALIASSEN["planstatus"])
                )
                df["koers"] = status.map(PLANFASE_KOERS).fillna(STANDAARD_KOERS).astype("string")
                controle.add(
                    "Kolom koers ontbreekt; afgeleid uit Planfase (onherroepelijk/vastgesteld → behouden, "
                    "ontwerp/structuurvisie/onderzoekslocatie → nieuw). Controleer de koers per terrein.",
                    veld="koers",
                )
            else:
                df["koers"] = STANDAARD_KOERS
                controle.add(
                    f"Kolom koers ontbreekt; alle terreinen hebben koers '{STANDAARD_KOERS}' gekregen. "
                    "Pas de koers per terrein aan waar de strategie iets anders zegt.",
                    veld="koers",
                )
    if "bron" in schema.kolomnamen(laag) and "bron" not in df.columns:
        df["bron"] = f"Import {naam} ({dt.date.today().strftime('%d-%m-%Y')})"
    return afgeleid


# -- saved column mappings -----------------------------------------------------------------


def _slug(naam: str) -> str:
    tekst = re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-")[:60]
    return tekst or "koppeling"


def save_kolomkoppeling(
    naam: str,
    laag: str,
    koppeling: dict[str, str],
    map_: str | Path | None = None,
    *,
    gebruiker: toegang.Gebruiker | None,
) -> Path:
    """Save a column mapping under ``naam`` (a label, not a path) for next year's file.

    The file name is derived from the label (letters, digits and '-' only) inside
    ``map_`` (default ``data/kolomkoppelingen/``); returns the file. Part of importing:
    ``gebruiker`` needs the right to import (:class:`~bedrijventerreinen.toegang.GeenToegang`).
    """
    toegang.vereis(gebruiker, toegang.Recht.IMPORTEREN)
    if laag not in schema.LAGEN:
        raise InvoerFout(f"Onbekende laag '{_veilige_naam(laag)}'.")
    label = " ".join(str(naam).split())[:80]
    if not label:
        raise InvoerFout("Geef de kolomkoppeling een naam.")
    basis = Path(map_) if map_ is not None else KOPPELING_MAP
    basis.mkdir(parents=True, exist_ok=True)
    pad = basis / f"{laag}-{_slug(label)}.json"
    inhoud = {"naam": label, "laag": laag, "koppeling": {str(k): str(v) for k, v in koppeling.items() if v}}
    tmp = pad.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(inhoud, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, pad)
    return pad


def load_kolomkoppelingen(laag: str | None = None, map_: str | Path | None = None) -> dict[str, dict[str, str]]:
    """Saved column mappings by label (optionally only those of ``laag``); unreadable files are skipped."""
    basis = Path(map_) if map_ is not None else KOPPELING_MAP
    uit: dict[str, dict[str, str]] = {}
    if not basis.exists():
        return uit
    for pad in sorted(basis.glob("*.json")):
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            inhoud = json.loads(pad.read_text(encoding="utf-8"))
            if laag is None or inhoud.get("laag") == laag:
                uit[str(inhoud["naam"])] = {str(k): str(v) for k, v in dict(inhoud["koppeling"]).items()}
    return uit


# -- applying an import: merge and diff ----------------------------------------------------


def _sleutel(df: pd.DataFrame, laag: str) -> pd.Series:
    kolommen = list(SLEUTELS[laag])
    if len(kolommen) == 1:
        return df[kolommen[0]].astype("string")
    uit = df[kolommen[0]].astype("string")
    for k in kolommen[1:]:
        uit = uit + "→" + df[k].astype("string")
    return uit


def merge_laag(
    huidig: pd.DataFrame,
    nieuw: pd.DataFrame,
    laag: str,
    modus: str = "vervangen",
    door: str = "import",
    behouden: list[str] | tuple[str, ...] = (),
) -> pd.DataFrame:
    """The layer as it will be after the import.

    ``vervangen``: the imported rows only. ``samenvoegen``: current rows whose key is not
    in the import, followed by the imported rows (same key: the import wins). In both
    modes, the columns in ``behouden`` (those the file does not carry, see
    :meth:`ImportResultaat.behouden_kolommen`) keep their current value for imported rows
    whose key already exists. Mutaties get ``versie`` one higher than the current row (1
    when new), ``gewijzigd_op`` now and ``gewijzigd_door`` = ``door``.
    """
    modus = _MODUS_ALIAS.get(modus, modus)
    if modus not in MODI:
        raise ValueError(f"Onbekende modus: {modus!r}")
    nieuw = schema.conform(nieuw, laag)
    if laag == "terreinen":
        # rows of a register table become the parks they are (RIN number, name and gemeente)
        nieuw = nieuw.assign(terrein_id=ibis.match_terreinen(huidig, nieuw)["terrein_id"].to_numpy())
        if len(huidig) and isinstance(nieuw, gpd.GeoDataFrame):
            # a table without contours keeps the contour a park already has
            oud_geom = nieuw["terrein_id"].map(huidig.drop_duplicates("terrein_id").set_index("terrein_id").geometry)
            leeg = nieuw.geometry.isna().to_numpy() | nieuw.geometry.is_empty.to_numpy()
            nieuw = nieuw.set_geometry(gpd.GeoSeries(np.where(leeg, oud_geom.to_numpy(), nieuw.geometry.to_numpy()),
                                                     index=nieuw.index, crs=schema.CRS_RD))  # fmt: skip
    if behouden and len(huidig):
        nieuw = nieuw.copy()
        oud = schema.conform(huidig, laag)
        oud = oud.set_index(_sleutel(oud, laag).to_numpy())
        oud = oud[~oud.index.duplicated()]
        sleutel = _sleutel(nieuw, laag)
        for c in behouden:
            waarde = sleutel.map(oud[c]).astype(nieuw[c].dtype)
            nieuw[c] = waarde.where(waarde.notna(), nieuw[c]).to_numpy()
    if laag == "mutaties":
        oud = huidig.set_index(_sleutel(huidig, laag))["versie"] if len(huidig) else pd.Series(dtype="Int64")
        oud = oud[~oud.index.duplicated()]
        nieuw = nieuw.copy()
        nieuw["versie"] = (_sleutel(nieuw, laag).map(oud).astype("Int64").fillna(0) + 1).to_numpy()
        nieuw["gewijzigd_op"] = dt.datetime.now().isoformat(timespec="seconds")
        nieuw["gewijzigd_door"] = door
    if laag == "terreinen" and len(huidig):
        nieuw = ibis.keep_nieuwste_stand(schema.conform(huidig, laag), nieuw)
    if modus == "vervangen":
        return schema.conform(nieuw.reset_index(drop=True), laag)
    blijft = huidig[~_sleutel(huidig, laag).isin(set(_sleutel(nieuw, laag)))]
    samen = pd.concat([schema.conform(blijft, laag), nieuw], ignore_index=True)
    if isinstance(nieuw, gpd.GeoDataFrame):
        samen = gpd.GeoDataFrame(samen, geometry=nieuw.geometry.name, crs=schema.CRS_RD)
    return schema.conform(samen, laag)


@dataclass
class ImportPlan:
    """Everything an import would change, computed once for the preview and for the commit.

    ``lagen``: the layers as they will be written (the imported layer; with a stock table
    also ``voorraad``; with orphans resolved also ``mutaties``/``kanszones``); ``verschil``:
    :func:`compute_verschil` of the imported layer; ``match``: for a stock table, which park
    each row became (:func:`ibis.match_terreinen`); ``wezen``: what would point to nothing
    after a *vervangen* (:func:`ibis.find_wezen`); ``weg``: the parks a *vervangen* removes.
    """

    laag: str
    modus: str
    lagen: dict[str, pd.DataFrame]
    verschil: pd.DataFrame
    match: pd.DataFrame | None = None
    wezen: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["laag", "object_id", "naam",
                                                                              "terrein_id", "terrein", "voorstel"]))  # fmt: skip
    weg: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The first orphan without a valid choice (Dutch), empty when every orphan has one.
    open_keuze: str = ""
    #: Rows the register's own rules refuse (koppelingen: :func:`register.validate_koppeling`),
    #: Dutch sentences naming the row; the import is refused while there are any.
    weigeringen: list[str] = field(default_factory=list)


def plan_import(
    huidig: dict[str, pd.DataFrame],
    resultaat: ImportResultaat,
    modus: str = "bijwerken",
    *,
    peiljaar: int | None = None,
    wezen_keuzes: dict[str, str] | None = None,
    door: str = "import",
) -> ImportPlan:
    """What importing ``resultaat`` into the store's current layers ``huidig`` would write.

    ``peiljaar`` fills the peiljaar of stock rows that have none (a table without ``JAAR``).
    A stock of terreinen also updates the stock history (``voorraad``) and never overwrites a
    park's newer peiljaar. With *vervangen*, mutaties and kanszones of parks that disappear are
    listed in ``wezen``; ``wezen_keuzes`` (see :func:`ibis.apply_wezen_keuzes`) resolves them in
    the same plan. Pure: nothing is written.
    """
    modus = _MODUS_ALIAS.get(modus, modus)
    laag = resultaat.laag
    nieuw = resultaat.gdf
    behouden = resultaat.behouden_kolommen()
    register_naam = None
    if laag == "terreinen":
        # a name in register capitals ("'T HEEN") does not rename a park the region writes
        # readably; a new park gets it readably ("'t Heen")
        register_naam = nieuw["naam"].astype("string").str.upper().eq(nieuw["naam"].astype("string")).fillna(False)
        nieuw = nieuw.assign(naam=nieuw["naam"].map(ibis.leesbare_naam).astype("string"))
    if laag == "terreinen" and peiljaar is not None:
        nieuw = nieuw.assign(peiljaar=nieuw["peiljaar"].fillna(int(peiljaar)).astype("Int64"))
        behouden = [c for c in behouden if c != "peiljaar"]
    oud = huidig.get(laag, schema.empty(laag))
    na = merge_laag(oud, nieuw, laag, modus, door, behouden=behouden)
    plan = ImportPlan(laag, modus, {laag: na}, compute_verschil(oud, na, laag))
    if laag == "koppelingen" and "mutaties" in huidig:
        plan.weigeringen = _check_koppelingen(huidig, nieuw, na)
    if laag != "terreinen":
        return plan
    rijen = schema.conform(nieuw, laag)
    plan.match = ibis.match_terreinen(oud, rijen)
    bekend = plan.match["methode"].ne("nieuw").to_numpy() & register_naam.to_numpy()
    if bekend.any():
        oude_naam = oud.drop_duplicates("terrein_id").set_index("terrein_id")["naam"]
        houd = na["terrein_id"].isin(set(plan.match.loc[bekend, "terrein_id"]))
        na.loc[houd, "naam"] = na.loc[houd, "terrein_id"].map(oude_naam)
        plan.verschil = compute_verschil(oud, na, laag)
    bron = f"{resultaat.bestandsnaam} (ingelezen {dt.date.today().strftime('%d-%m-%Y')})"
    # the history takes the file's own figures and peiljaar, also where the park keeps newer ones
    plan.lagen["voorraad"] = ibis.merge_voorraad(
        huidig.get("voorraad", schema.empty("voorraad")),
        rijen.assign(terrein_id=plan.match["terrein_id"].to_numpy()),
        bron,
    )
    if modus == "vervangen":
        plan.weg = oud[~oud["terrein_id"].isin(set(na["terrein_id"]))]
        plan.wezen = ibis.find_wezen(
            na,
            huidig.get("mutaties", schema.empty("mutaties")),
            huidig.get("kanszones", schema.empty("kanszones")),
            oud,
        )
        if len(plan.wezen):
            try:
                m, k = ibis.apply_wezen_keuzes(
                    huidig["mutaties"], huidig["kanszones"], plan.wezen, wezen_keuzes or {}, set(na["terrein_id"]), door
                )
            except ValueError as e:
                plan.open_keuze = str(e)
            else:
                plan.lagen["mutaties"], plan.lagen["kanszones"] = m, k
    return plan


def _check_koppelingen(huidig: dict[str, pd.DataFrame], nieuw: pd.DataFrame, na: pd.DataFrame) -> list[str]:
    """The register's own rules (:func:`register.validate_koppeling`, the same as on the
    Transformatie page) for every koppeling of the file, against the current mutaties and the
    koppelingen as they will be after the import."""
    from . import register  # local: register imports the store, which imports this module
    from .strategy import load_strategie

    def attributen(df: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(df.drop(columns="geometry", errors="ignore"))

    terreinen = attributen(huidig.get("terreinen", schema.empty("terreinen")))
    mutaties, koppelingen = attributen(huidig["mutaties"]), attributen(na).reset_index(drop=True)
    strategie = load_strategie()
    uit: list[str] = []
    for rij in attributen(nieuw).to_dict("records"):
        t, c = str(rij.get("transformatie_id")), str(rij.get("compensatie_id"))
        omgeving = register.Omgeving(terreinen, mutaties, koppelingen, strategie, koppeling=(t, c))
        meldingen = register.validate_koppeling(rij, omgeving)
        uit.extend(f"Koppeling {validatie._kort(t)} → {validatie._kort(c)}: {m.tekst}" for m in meldingen)
    return uit


def compute_verschil(huidig: pd.DataFrame, na: pd.DataFrame, laag: str) -> pd.DataFrame:
    """Row-by-row difference between the current layer and the layer after the import.

    One row per key: sleutel, naam (where the layer has one), gemeente, status
    (toegevoegd | gewijzigd | verwijderd | ongewijzigd), ha_voor, ha_na (the layer's
    hectare column, :data:`VERSCHIL_HA`), velden (the changed declared columns, and
    'geometrie' when the contour moved more than 1 cm).
    """
    kol = [c for c in schema.kolomnamen(laag) if c not in _NIET_VERGELIJKEN]
    a = huidig.assign(_sleutel=_sleutel(huidig, laag).to_numpy()).drop_duplicates("_sleutel").set_index("_sleutel")
    b = na.assign(_sleutel=_sleutel(na, laag).to_numpy()).drop_duplicates("_sleutel").set_index("_sleutel")
    alle = a.index.union(b.index, sort=False)
    in_a, in_b = alle.isin(a.index), alle.isin(b.index)
    a, b = a.reindex(alle), b.reindex(alle)
    gewijzigd = pd.DataFrame(False, index=alle, columns=kol)
    for c in kol:
        va, vb = a[c], b[c]
        if pd.api.types.is_float_dtype(va) or pd.api.types.is_float_dtype(vb):
            gelijk = np.isclose(va.astype("float64"), vb.astype("float64"), atol=1e-9, equal_nan=True)
        else:
            sa, sb = va.astype("string"), vb.astype("string")
            gelijk = ((sa == sb).fillna(False) | (sa.isna() & sb.isna())).to_numpy()
        gewijzigd[c] = ~np.asarray(gelijk, dtype=bool)
    if isinstance(huidig, gpd.GeoDataFrame) and isinstance(na, gpd.GeoDataFrame):
        ga = np.asarray(a.geometry.array if isinstance(a, gpd.GeoDataFrame) else a[huidig.geometry.name], dtype=object)
        gb = np.asarray(b.geometry.array if isinstance(b, gpd.GeoDataFrame) else b[na.geometry.name], dtype=object)
        ga = np.where(pd.isna(ga), None, ga)
        gb = np.where(pd.isna(gb), None, gb)
        beide_leeg = shapely.is_missing(ga) & shapely.is_missing(gb)
        gelijk = np.asarray(shapely.equals_exact(shapely.normalize(ga), shapely.normalize(gb), tolerance=0.01))
        # A Polygon and the MultiPolygon the store keeps are the same contour: compare those as multi.
        soort = ~gelijk & (shapely.get_type_id(ga) != shapely.get_type_id(gb)) & ~beide_leeg
        if soort.any():
            pa, pb = validatie._polygonal(ga[soort]), validatie._polygonal(gb[soort])
            gelijk[soort] = shapely.equals_exact(shapely.normalize(pa), shapely.normalize(pb), tolerance=0.01)
        gewijzigd["geometrie"] = ~(gelijk.astype(bool) | beide_leeg)
    veranderd = gewijzigd.any(axis=1).to_numpy() & in_a & in_b
    velden = np.full(len(alle), "", dtype=object)
    if veranderd.any():
        namen = np.array(list(gewijzigd.columns), dtype=object)
        velden[veranderd] = [", ".join(namen[r]) for r in gewijzigd.to_numpy(dtype=bool)[veranderd]]
    status = np.select(
        [in_a & ~in_b, ~in_a & in_b, veranderd],
        ["verwijderd", "toegevoegd", "gewijzigd"],
        "ongewijzigd",
    )
    ha = VERSCHIL_HA[laag]
    out = pd.DataFrame({"sleutel": alle.astype("string"), "status": status}, index=alle)
    for c in ("naam", "gemeente"):
        if c in kol:
            out[c] = b[c].astype("string").fillna(a[c].astype("string"))
    out["ha_voor"] = a[ha].astype("float64").where(in_a) if ha else np.nan
    out["ha_na"] = b[ha].astype("float64").where(in_b) if ha else np.nan
    out["velden"] = np.where(status == "gewijzigd", velden, "")
    return out.reset_index(drop=True)


def summarize_verschil(verschil: pd.DataFrame) -> pd.DataFrame:
    """Count and hectares per status of :func:`compute_verschil`: status, aantal, ha_voor,
    ha_na (sums; NaN counts as 0). Always the four statuses, in a fixed order."""
    orde = ["toegevoegd", "gewijzigd", "verwijderd", "ongewijzigd"]
    g = verschil.groupby("status").agg(aantal=("sleutel", "size"), ha_voor=("ha_voor", "sum"), ha_na=("ha_na", "sum"))
    return g.reindex(orde).fillna(0).astype({"aantal": int}).rename_axis("status").reset_index()


def apply_import(
    store: Store,
    resultaat: ImportResultaat,
    modus: str = "bijwerken",
    verwachte_versie: int | None = None,
    *,
    peiljaar: int | None = None,
    bevestigd: bool = False,
    wezen_keuzes: dict[str, str] | None = None,
) -> tuple[int, Path]:
    """Write an accepted import to ``store`` as one transaction, with a snapshot first.

    Refuses (:class:`InvoerFout`, store untouched) while a finding blocks; *vervangen*
    without ``bevestigd`` (the second confirmation, naming what disappears); and a
    *vervangen* that would leave a mutatie or kanszone pointing to a park that disappears
    without a choice in ``wezen_keuzes``. The plan is :func:`plan_import` (the same the Data
    page previews). A layer stops being sample data when the import replaced it or left no
    sample row in it. Returns the new store version and the snapshot file. Only a user whose
    role may import (the store's bound user) may do this: :class:`~bedrijventerreinen.toegang.GeenToegang`
    otherwise, checked before anything is read. Changed rows record that user in
    ``gewijzigd_door``.
    """
    toegang.vereis(store.gebruiker, toegang.Recht.IMPORTEREN)
    door = store.gebruiker.audit_naam  # type: ignore[union-attr]  # vereis refused None
    modus = _MODUS_ALIAS.get(modus, modus)
    if resultaat.blokkeert:
        raise InvoerFout("Het bestand heeft blokkerende meldingen; er is niets vastgelegd.")
    if modus == "vervangen" and not bevestigd:
        raise InvoerFout("Vervangen vraagt een tweede bevestiging; er is niets vastgelegd.")
    laag = resultaat.laag
    nodig = {laag} | ({"voorraad", "mutaties", "kanszones"} if laag == "terreinen" else set())
    if laag == "koppelingen":
        nodig |= {"terreinen", "mutaties"}
    huidig = {naam: store.load(naam) for naam in nodig}
    plan = plan_import(huidig, resultaat, modus, peiljaar=peiljaar, wezen_keuzes=wezen_keuzes, door=door)
    if plan.open_keuze:
        raise InvoerFout(f"{plan.open_keuze} Er is niets vastgelegd.")
    if plan.weigeringen:
        meer = len(plan.weigeringen) - 10
        raise InvoerFout(
            " ".join(plan.weigeringen[:10])
            + (f" … en nog {meer} meldingen." if meer > 0 else "")
            + " Er is niets vastgelegd."
        )
    na = plan.lagen[laag]
    label = f"{laag} {modus} uit {resultaat.bestandsnaam}"
    echte_lagen = [
        naam for naam, df in plan.lagen.items()
        if naam == laag and (modus == "vervangen" or ("bron" in df.columns and not schema.voorbeeld_rijen(df)))
    ]  # fmt: skip
    if "voorraad" in plan.lagen and not schema.voorbeeld_rijen(plan.lagen["voorraad"]):
        echte_lagen.append("voorraad")
    telling = summarize_verschil(plan.verschil).set_index("status")["aantal"]
    audit = [
        {
            "gebruiker": door,
            "actie": "import",
            "laag": laag,
            "object_id": resultaat.bestandsnaam,
            "veld": modus,
            "oud": f"{len(huidig[laag])} rijen",
            "nieuw": (
                f"{len(na)} rijen: {telling['toegevoegd']} toegevoegd, {telling['gewijzigd']} gewijzigd, "
                f"{telling['verwijderd']} verwijderd"
            ),
        }
    ]
    for r in plan.wezen.itertuples(index=False):
        audit.insert(
            -1,
            {"actie": "import: verwijzing aangepast", "laag": r.laag, "object_id": r.object_id, "veld": "terrein_id",
             "oud": r.terrein_id, "nieuw": (wezen_keuzes or {}).get(f"{r.laag}:{r.object_id}", "")}
        )  # fmt: skip
    from .store import StoreFout  # local: store imports this module

    try:
        return store.write_import(
            plan.lagen, label, verwachte_versie=verwachte_versie, echte_lagen=echte_lagen, audit=audit
        )
    except StoreFout:
        raise  # Dutch already (VersieConflict included)
    except Exception as e:
        raise InvoerFout(
            f"{resultaat.bestandsnaam} kon niet worden opgeslagen; de opgeslagen gegevens zijn niet gewijzigd."
        ) from e
