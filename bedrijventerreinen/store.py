"""The GeoPackage-backed store of the monitor.

One GeoPackage file (OGC standard, opens in QGIS) holds the layers terreinen, mutaties,
kanszones and panden, the attribute table koppelingen, and a plain table
``monitor_meta`` with the store version. Writes are transactions by copy-and-replace:
the change is written to a temporary copy beside the store, which then atomically
replaces the store (``os.replace``). A crash or error mid-write leaves the previous file
untouched; readers always see a whole store, old or new. A file lock serialises writers,
and :meth:`Store.write` refuses a write made against a stale version.

A store is bound to the user acting on it (:meth:`Store.als`). Every write checks that
user's role against :data:`bedrijventerreinen.toegang.RECHTEN` and refuses with
:class:`~bedrijventerreinen.toegang.GeenToegang` (a Dutch message, nothing written); a store
without a user can be read but not written. Audit rows always record the bound user, whatever
name the caller put in them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import shutil
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from . import io, schema, toegang
from .toegang import Gebruiker, Recht

ENV_VAR = "BEDRIJVENTERREINEN_STORE"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "monitor.gpkg"
META = "monitor_meta"
AUDIT = "monitor_audit"
SCENARIOS = "monitor_scenarios"
_SCENARIO_DDL = (
    f"CREATE TABLE IF NOT EXISTS {SCENARIOS} (id TEXT PRIMARY KEY, naam TEXT, auteur TEXT, beschrijving TEXT, "
    "gemaakt_op TEXT, gewijzigd_op TEXT, inhoud TEXT, verwijderd INTEGER NOT NULL DEFAULT 0)"
)
#: Columns of the audit log: who changed which field of which object, from what to what.
AUDIT_KOLOMMEN = ("tijdstip", "gebruiker", "actie", "laag", "object_id", "veld", "oud", "nieuw", "resultaat")
LAGEN = ("terreinen", "mutaties", "koppelingen", "kanszones", "voorraad", "panden")
#: Layers added after the first release: an older store or snapshot without them is still a
#: monitor store (read as empty; :meth:`Store.migreer` adds them to the live store).
LATER_TOEGEVOEGD = ("voorraad",)
#: Meta key: the JSON list of layers that (still) hold sample data.
VOORBEELD_LAGEN = "voorbeeld_lagen"
_GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"


class StoreFout(RuntimeError):
    """The store cannot be opened or written; ``str(fout)`` is a Dutch sentence for the user."""

    def __init__(self, bericht: str, pad: Path | None = None, herstelbaar: bool = False):
        super().__init__(bericht)
        self.pad = pad
        #: True when rebuilding from the sample data (keeping the old file aside) would help.
        self.herstelbaar = herstelbaar


class VersieConflict(StoreFout):
    """A write was made against a version of the store that someone else has changed since."""


#: Errors of the operating system, SQLite and GDAL that :func:`_vertaal_fouten` turns into a StoreFout.
_SYSTEEMFOUTEN: tuple[type[BaseException], ...] = (OSError, sqlite3.Error, pyogrio.errors.DataSourceError,
                                                   pyogrio.errors.DataLayerError, pyogrio.errors.GeometryError,
                                                   pyogrio.errors.FieldError, pyogrio.errors.CRSError)  # fmt: skip


def _fout_tekst(fout: BaseException, pad: Path) -> str:
    """A Dutch sentence for an OS, SQLite or GDAL error while writing at ``pad``: what happened and what to do."""
    nummer = getattr(fout, "errno", None)
    tekst = str(fout).lower()
    map_ = pad.parent
    if nummer == errno.ENOSPC or nummer == errno.EDQUOT or "disk is full" in tekst or "no space" in tekst:
        return (
            f"De schijf met {map_} is vol: er is niets opgeslagen en de gegevens zijn ongewijzigd. "
            "Maak ruimte vrij (bijvoorbeeld oude snapshots elders bewaren) en probeer het opnieuw."
        )
    if nummer == errno.EROFS or "read-only file system" in tekst or "readonly database" in tekst:
        return (
            f"De map {map_} is alleen-lezen: de monitor kan daar niet opslaan en er is niets gewijzigd. "
            "Vraag de beheerder van de server de map beschrijfbaar te maken of de opslag naar een andere "
            "map te verplaatsen."
        )
    if nummer in (errno.EACCES, errno.EPERM) or "permission denied" in tekst:
        return (
            f"De monitor heeft geen schrijfrechten in {map_}: er is niets opgeslagen en de gegevens zijn "
            "ongewijzigd. Vraag de beheerder van de server om schrijfrechten voor deze map."
        )
    return (
        f"Opslaan in {pad.name} is mislukt door een fout van het systeem ({type(fout).__name__}); er is niets "
        "gewijzigd. Probeer het opnieuw; blijft het misgaan, neem dan contact op met de beheerder."
    )


@contextlib.contextmanager
def _vertaal_fouten(pad: Path) -> Iterator[None]:
    """Turn an OS, SQLite or GDAL error inside the block into a Dutch :class:`StoreFout`."""
    try:
        yield
    except toegang.GeenToegang:
        raise  # a refused right is Dutch already and no system fault (it is a PermissionError too)
    except _SYSTEEMFOUTEN as e:
        raise StoreFout(_fout_tekst(e, pad), pad) from e


def _alleen_lezen_bestand(pad: Path) -> bool:
    """True when nobody may write the file by its mode (an administrator made it read-only)."""
    try:
        return not stat.S_IMODE(pad.stat().st_mode) & 0o222
    except OSError:
        return False


#: Leftovers of a writer that died: temporary copies and their SQLite journals.
_RESTANT_PATRONEN = ("schrijf-*.gpkg", "schrijf-*.gpkg-journal", "schrijf-*.gpkg-wal", "schrijf-*.gpkg-shm")


@dataclass(frozen=True)
class BeschadigdeSnapshot:
    """A file in the snapshot folder that is no readable snapshot; skipped in every list."""

    bestand: Path
    #: Why it is skipped, in Dutch.
    reden: str


def resolve_path(path: str | Path | None = None) -> Path:
    """The store path: the argument, else ``$BEDRIJVENTERREINEN_STORE``, else ``data/monitor.gpkg``."""
    if path is not None:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else DEFAULT_PATH


def open_store(path: str | Path | None = None, gebruiker: Gebruiker | None = None) -> Store:
    """Open the store at ``path`` (see :func:`resolve_path`), creating it from the sample data
    when the file does not exist. An existing file is never overwritten: when it is not a
    readable monitor store, :class:`StoreFout` is raised with ``herstelbaar=True``.
    Writes are made as ``gebruiker`` (see :meth:`Store.als`); without one the store is read-only."""
    p = resolve_path(path)
    _check_geen_map(p)
    if not p.exists():
        create_store(p, io.read_voorbeeld(), voorbeeld=True)
    store = Store(p, gebruiker=gebruiker)
    store._ruim_op_als_vrij()
    store.migreer()
    store.check()
    return store


def _check_geen_map(p: Path) -> None:
    """StoreFout (not herstelbaar: nothing is broken) when the store path is a folder or another non-file."""
    if p.exists() and not p.is_file():
        soort = "een map" if p.is_dir() else "geen gewoon bestand"
        raise StoreFout(
            f"Het opslagpad {p} is {soort}, geen opslagbestand. Laat {ENV_VAR} naar een bestand wijzen, "
            f"bijvoorbeeld {p / 'monitor.gpkg' if p.is_dir() else p.with_suffix('.gpkg')}.",
            p,
        )


def create_store(path: str | Path, lagen: dict[str, pd.DataFrame], voorbeeld: bool | Iterable[str] = False) -> Store:
    """Create a new store file at ``path`` from ``lagen``; refuses to replace an existing file.

    ``voorbeeld`` says which layers hold sample data: ``True`` for all of them, or the layer
    names. The file is built beside its destination and linked into place in one step, so a
    half-written store never appears and two processes creating at once cannot clobber
    each other.
    """
    voorbeeld_lagen = list(LAGEN) if voorbeeld is True else [] if voorbeeld is False else list(voorbeeld)
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreFout(
            f"De map {p.parent} voor het opslagbestand kan niet worden aangemaakt. Controleer het pad in "
            f"{ENV_VAR} of vraag de beheerder van de server om schrijfrechten.",
            p,
        ) from e
    tmp = p.with_name(f".{p.stem}.nieuw-{os.getpid()}.gpkg")
    try:
        with _vertaal_fouten(p):
            tmp.unlink(missing_ok=True)
            _create_tmp(tmp, lagen, voorbeeld_lagen)
        try:
            os.link(tmp, p)
        except FileExistsError as e:
            raise StoreFout(f"Het opslagbestand {p.name} bestaat al en wordt niet overschreven.", p) from e
        except OSError as e:
            raise StoreFout(_fout_tekst(e, p), p) from e
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return Store(p)


def _create_tmp(tmp: Path, lagen: dict[str, pd.DataFrame], voorbeeld_lagen: list[str]) -> None:
    """Write a whole new store file at ``tmp`` (fsynced)."""
    for laag in LAGEN:
        df = lagen.get(laag)
        _write_layer(tmp, laag, schema.empty(laag) if df is None else df)
    nu = _now()
    with contextlib.closing(sqlite3.connect(tmp)) as con, con:
        con.execute(f"CREATE TABLE {META} (sleutel TEXT PRIMARY KEY, waarde TEXT NOT NULL)")
        con.executemany(
            f"INSERT INTO {META} VALUES (?, ?)",
            [
                ("versie", "1"),
                (VOORBEELD_LAGEN, json.dumps([laag for laag in LAGEN if laag in voorbeeld_lagen])),
                ("aangemaakt_op", nu),
                ("gewijzigd_op", nu),
            ],
        )
    _fsync(tmp)


def rebuild_store(path: str | Path | None = None, gebruiker: Gebruiker | None = None) -> Path | None:
    """Set an unreadable store aside and create a fresh one from the sample data.

    The old file is renamed to ``<naam>.kapot-<tijdstip>.gpkg`` in the same folder (never
    deleted); returns that path, or ``None`` when there was no file. Only a ``gebruiker``
    who may restore snapshots may do this (:class:`~bedrijventerreinen.toegang.GeenToegang`).
    """
    toegang.vereis(gebruiker, Recht.SNAPSHOT_HERSTELLEN)
    p = resolve_path(path)
    bewaard = _zet_opzij(p)
    create_store(p, io.read_voorbeeld(), voorbeeld=True)
    return bewaard


def _zet_opzij(p: Path) -> Path | None:
    """Rename the broken store file ``p`` to ``<naam>.kapot-<tijdstip>.gpkg`` (never deleted);
    only a regular file is ever set aside: a folder (or anything else) is refused."""
    _check_geen_map(p)
    if not p.exists():
        return None
    stempel = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    bewaard = p.with_name(f"{p.stem}.kapot-{stempel}{p.suffix}")
    n = 1
    while bewaard.exists():  # a second rebuild within the same second must not replace the first
        bewaard = p.with_name(f"{p.stem}.kapot-{stempel}-{n}{p.suffix}")
        n += 1
    with _vertaal_fouten(p):
        os.replace(p, bewaard)
    return bewaard


def laatste_goede_snapshot(path: str | Path | None = None) -> pd.Series | None:
    """The newest snapshot of the store at ``path`` that passes a full check (a row of
    :meth:`Store.list_snapshots`), or None when there is none."""
    live = Store(resolve_path(path))
    for _, rij in live.list_snapshots().iterrows():
        try:
            Store(rij["bestand"]).check(grondig=True)
        except StoreFout:
            continue
        return rij
    return None


def herstel_uit_snapshot(
    path: str | Path | None = None, gebruiker: Gebruiker | None = None
) -> tuple[Path | None, Path]:
    """Replace a broken store by its newest good snapshot; returns (the broken file set aside, the snapshot used).

    The broken file is kept as ``<naam>.kapot-<tijdstip>.gpkg`` (as :func:`rebuild_store`); the
    snapshot is copied to a temporary file, checked, made a live store (a version above every
    snapshot's, the restore in its audit log) and linked into place. Needs the right to restore
    snapshots (:class:`~bedrijventerreinen.toegang.GeenToegang`); :class:`StoreFout` when no
    snapshot is good."""
    toegang.vereis(gebruiker, Recht.SNAPSHOT_HERSTELLEN)
    p = resolve_path(path)
    _check_geen_map(p)
    live = Store(p)
    rij = laatste_goede_snapshot(p)
    if rij is None:
        raise StoreFout("Er is geen bruikbare snapshot om de opslag uit te herstellen.", p)
    bron = Path(rij["bestand"])
    versie = max(int(v) for v in live.list_snapshots()["versie"]) + 1
    tmp = p.with_name(f".{p.stem}.herstel-{os.getpid()}.gpkg")
    try:
        with _vertaal_fouten(p):
            shutil.copyfile(bron, tmp)
            with contextlib.closing(sqlite3.connect(tmp)) as con, con:
                con.execute(f"DELETE FROM {META} WHERE sleutel IN ('snapshot_label', 'snapshot_op')")
                con.execute(f"UPDATE {META} SET waarde = ? WHERE sleutel = 'versie'", (str(versie),))
                con.execute(f"UPDATE {META} SET waarde = ? WHERE sleutel = 'gewijzigd_op'", (_now(),))
            wie = gebruiker.audit_naam if gebruiker else ""
            rijen = [
                {"actie": "hersteld uit snapshot", "object_id": bron.name, "nieuw": rij["label"], "gebruiker": wie}
            ]
            _append_audit(tmp, rijen, "opgeslagen")
            Store(tmp).check(grondig=True)
            _fsync(tmp)
        bewaard = _zet_opzij(p)
        try:
            os.link(tmp, p)
        except FileExistsError as e:
            raise StoreFout(f"Het opslagbestand {p.name} is intussen door iemand anders aangemaakt.", p) from e
        except OSError as e:
            raise StoreFout(_fout_tekst(e, p), p) from e
        _fsync_dir(p.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return bewaard, bron


class Store:
    """A monitor store in one GeoPackage file. Loaders return conformed frames in EPSG:28992."""

    def __init__(self, path: str | Path, alleen_lezen: bool = False, gebruiker: Gebruiker | None = None):
        self.path = Path(path)
        #: A snapshot (a file in a ``*.snapshots`` folder) is always read-only: a peildatum
        #: shows history and can never be changed by accident.
        self.alleen_lezen = alleen_lezen or self.path.parent.name.endswith(".snapshots")
        #: Who writes through this store: every write checks their role and the audit log records them.
        self.gebruiker = gebruiker

    def als(self, gebruiker: Gebruiker | None) -> Store:
        """The same store file, acting as ``gebruiker`` (who is checked on every write)."""
        return Store(self.path, self.alleen_lezen, gebruiker)

    def _vereis(self, recht: Recht) -> None:
        toegang.vereis(self.gebruiker, recht)

    def _audit(self, tmp: Path, rows: list[dict[str, object]], resultaat: str) -> None:
        """Append audit rows stamped with the bound user: the log never holds a typed name."""
        wie = self.gebruiker.audit_naam if self.gebruiker else ""
        _append_audit(tmp, [{**r, "gebruiker": wie} for r in rows], resultaat)

    def _check_schrijfbaar(self) -> None:
        if self.alleen_lezen:
            raise StoreFout(
                "Dit is een stand per peildatum (snapshot): alleen lezen. Kies 'Actuele stand' om te wijzigen.",
                self.path,
            )
        if _alleen_lezen_bestand(self.path):
            raise StoreFout(
                f"Het opslagbestand {self.path} is alleen-lezen gemaakt; er is niets gewijzigd. Wilt u weer "
                "wijzigen, vraag dan de beheerder van de server het bestand beschrijfbaar te maken.",
                self.path,
            )

    def _ruim_op(self) -> None:
        """Remove what writers killed mid-save left behind: temporary copies beside the store and
        their journals, half-made snapshots. Only call under the writer lock."""
        for restant in self._restanten():
            with contextlib.suppress(OSError):
                restant.unlink()

    def _restanten(self) -> list[Path]:
        """Temporary files of writers (maybe killed ones) beside the store and in its snapshot folder."""
        try:
            restanten = [
                p for patroon in _RESTANT_PATRONEN for p in self.path.parent.glob(f".{self.path.stem}.{patroon}")
            ]
            if self.snapshot_map.is_dir():
                restanten += self.snapshot_map.glob(".*.deel-*")
        except OSError:
            return []
        return restanten

    def _ruim_op_als_vrij(self) -> None:
        """:meth:`_ruim_op` when no writer holds the lock now (on open); otherwise leave it to the next write."""
        if self.alleen_lezen or not self._restanten():
            return
        try:
            with open(self.path.with_name(f".{self.path.name}.lock"), "w") as lf:
                fcntl.flock(lf, fcntl.LOCK_EX | fcntl.LOCK_NB)
                try:
                    self._ruim_op()
                finally:
                    fcntl.flock(lf, fcntl.LOCK_UN)
        except OSError:
            return  # a writer is busy, or the folder is read-only: nothing to tidy from here

    def __repr__(self) -> str:
        wie = f", gebruiker={self.gebruiker.login!r}" if self.gebruiker else ""
        return f"Store({str(self.path)!r}{wie})"

    # -- reading -------------------------------------------------------------------------
    def check(self, grondig: bool = False) -> None:
        """Raise :class:`StoreFout` (herstelbaar) unless the file is a readable monitor store;
        ``grondig`` also reads every page (SQLite ``quick_check``), which finds a truncated copy."""
        kapot = (
            f"Het opslagbestand {self.path.name} is beschadigd of is geen GeoPackage van de monitor. "
            "U kunt het opnieuw opbouwen uit de voorbeelddata; het huidige bestand wordt dan bewaard."
        )
        try:
            with contextlib.closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as con:
                app_id = con.execute("PRAGMA application_id").fetchone()[0]
                tabellen = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
                versie = con.execute(f"SELECT waarde FROM {META} WHERE sleutel = 'versie'").fetchone()
                int(versie[0])
                goed = [r[0] for r in con.execute("PRAGMA quick_check")] if grondig else ["ok"]
        except (sqlite3.Error, TypeError, ValueError) as e:
            raise StoreFout(kapot, self.path, herstelbaar=True) from e
        if goed != ["ok"]:
            raise StoreFout(kapot, self.path, herstelbaar=True)
        ontbreekt = [laag for laag in LAGEN if laag not in tabellen and laag not in LATER_TOEGEVOEGD]
        if app_id != _GPKG_APPLICATION_ID or ontbreekt:
            raise StoreFout(kapot, self.path, herstelbaar=True)

    def meta(self) -> dict[str, str]:
        """The store's metadata (versie, voorbeelddata, aangemaakt_op, gewijzigd_op)."""
        try:
            with contextlib.closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as con:
                return dict(con.execute(f"SELECT sleutel, waarde FROM {META}").fetchall())
        except sqlite3.Error as e:
            raise StoreFout(f"Het opslagbestand {self.path.name} kan niet worden gelezen.", self.path, True) from e

    @property
    def version(self) -> int:
        """A number that changes on every write: the cache key of everything loaded from the store."""
        return int(self.meta()["versie"])

    @property
    def voorbeeld_lagen(self) -> tuple[str, ...]:
        """The layers that hold sample data (no official figures), in layer order.

        Stored per layer in ``monitor_meta``, so a real stock imported onto the sample keeps
        saying that its mutaties are still sample data; it travels with snapshots and restores.
        """
        return _voorbeeld_lagen(self.meta())

    @property
    def is_voorbeeld(self) -> bool:
        """True while any layer holds the shipped sample data."""
        return bool(self.voorbeeld_lagen)

    def migreer(self) -> None:
        """Bring a store made by an older version of the monitor up to date, in one transaction:
        add the layers it lacks (empty) and the per-layer sample-data flag. Nothing existing
        changes; a store that is current is not touched. Not a user's write: no right needed."""
        if self.alleen_lezen:
            return
        try:
            with contextlib.closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as con:
                tabellen = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
                meta = dict(con.execute(f"SELECT sleutel, waarde FROM {META}").fetchall())
        except sqlite3.Error:
            return  # check() says the file is broken
        # only layers a newer version added: a store that lost one of its own layers is broken
        # (check() says so), never silently "repaired" with an empty one
        ontbreekt = [laag for laag in LATER_TOEGEVOEGD if laag not in tabellen]
        if not ontbreekt and VOORBEELD_LAGEN in meta:
            return
        with self._transactie(None) as tmp:
            for laag in ontbreekt:
                _write_layer(tmp, laag, schema.empty(laag))
            with contextlib.closing(sqlite3.connect(tmp)) as con, con:
                con.execute(
                    f"INSERT OR REPLACE INTO {META} VALUES (?, ?)",
                    (VOORBEELD_LAGEN, json.dumps(_voorbeeld_lagen(meta))),
                )
            _append_audit(
                tmp,
                [
                    {
                        "actie": "migratie",
                        "laag": ", ".join(ontbreekt),
                        "nieuw": "opslag bijgewerkt naar de nieuwe versie",
                    }
                ],
                "opgeslagen",
            )

    def load(self, laag: str) -> pd.DataFrame | gpd.GeoDataFrame:
        """One layer, conformed to the schema (geometry in EPSG:28992 where the layer has one)."""
        _check_lagen([laag])
        if laag in LATER_TOEGEVOEGD and laag not in _tabellen(self.path):
            return schema.empty(laag)  # a snapshot from before the layer existed
        try:
            df = pyogrio.read_dataframe(
                self.path, layer=laag, read_geometry=schema.GEOMETRIE_VERPLICHT[laag] is not None
            )
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as e:
            raise StoreFout(f"De laag '{laag}' in {self.path.name} kan niet worden gelezen.", self.path, True) from e
        if isinstance(df, gpd.GeoDataFrame) and df.crs is None:
            df = df.set_crs(schema.CRS_RD)
        return schema.conform(df, laag)

    def load_terreinen(self) -> gpd.GeoDataFrame:
        """The business parks (terreinen)."""
        return self.load("terreinen")

    def load_mutaties(self) -> gpd.GeoDataFrame:
        """The register of mutaties (geometry optional: empty where a mutatie has none)."""
        return self.load("mutaties")

    def load_koppelingen(self) -> pd.DataFrame:
        """Which compensation covers which transformation, with hectares allocated."""
        return self.load("koppelingen")

    def load_kanszones(self) -> gpd.GeoDataFrame:
        """The densification zones."""
        return self.load("kanszones")

    def load_voorraad(self) -> pd.DataFrame:
        """The register stock of every peiljaar per park (empty until a stock is imported)."""
        return self.load("voorraad")

    def load_panden(self) -> gpd.GeoDataFrame:
        """Building footprints (BAG shape); empty until imported."""
        return self.load("panden")

    # -- writing -------------------------------------------------------------------------
    def write(
        self,
        lagen: dict[str, pd.DataFrame],
        verwachte_versie: int | None = None,
        audit: list[dict[str, object]] | None = None,
    ) -> int:
        """Replace the given layers in one transaction; returns the new version.

        With ``verwachte_versie``, the write is refused with :class:`VersieConflict` when the
        store has changed since that version (optimistic locking); the refused ``audit`` rows
        are then logged with resultaat 'geweigerd', so the log holds both attempts. Either
        every layer and every audit row lands, or none does.

        ``audit`` rows are dicts with the keys of :data:`AUDIT_KOLOMMEN` (tijdstip and
        resultaat are filled in here; gebruiker is always the bound user). Needs the right
        to change the register.
        """
        self._vereis(Recht.REGISTER_WIJZIGEN)
        return self._write(lagen, verwachte_versie, audit)

    def _write(
        self,
        lagen: dict[str, pd.DataFrame],
        verwachte_versie: int | None = None,
        audit: list[dict[str, object]] | None = None,
    ) -> int:
        """:meth:`write` without the rights check, for writes whose caller has checked its own right."""
        _check_lagen(lagen)
        try:
            with self._transactie(verwachte_versie) as tmp:
                for laag, df in lagen.items():
                    _write_layer(tmp, laag, schema.conform(df, laag))
                if audit:
                    self._audit(tmp, audit, "opgeslagen")
        except VersieConflict:
            if audit:
                with self._transactie(None) as tmp:
                    self._audit(tmp, audit, "geweigerd")
            raise
        return self.version

    def load_audit(self) -> pd.DataFrame:
        """The audit log, oldest first (columns :data:`AUDIT_KOLOMMEN`); empty when nothing was logged."""
        try:
            with contextlib.closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as con:
                return pd.read_sql_query(f"SELECT {', '.join(AUDIT_KOLOMMEN)} FROM {AUDIT} ORDER BY id", con)
        except (sqlite3.OperationalError, pd.errors.DatabaseError):
            return pd.DataFrame(columns=AUDIT_KOLOMMEN)

    # -- snapshots -----------------------------------------------------------------------
    @property
    def snapshot_map(self) -> Path:
        """Folder beside the store holding its snapshots (``<naam>.snapshots/``)."""
        return self.path.with_name(f"{self.path.stem}.snapshots")

    def snapshot(self, label: str, audit: list[dict[str, object]] | None = None) -> Path:
        """Save the current state as a snapshot named ``label``; returns the snapshot file.

        A snapshot is a complete, read-only copy of the GeoPackage (it opens in QGIS and in
        the monitor), taken under the writer lock so it never holds a half-written state.
        ``audit`` rows, when given, are logged in the store afterwards. Needs the right to
        make snapshots.
        """
        self._vereis(Recht.SNAPSHOT_MAKEN)
        doel = self._snapshot(label)
        if audit:  # the rows name the snapshot file, which exists only now
            self._write({}, audit=[{**r, "object_id": r.get("object_id") or doel.name} for r in audit])
        return doel

    def _snapshot(self, label: str) -> Path:
        """Copy the store to a temporary name in the snapshot folder, label it, check it and only
        then rename it into place: a crash or a full disk never leaves a file that lists as a snapshot."""
        self._check_schrijfbaar()
        stempel = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        veilig = "".join(c if c.isalnum() or c in "-_" else "_" for c in label)[:60] or "snapshot"
        doel = self.snapshot_map / f"{stempel}_{veilig}.gpkg"
        deel = self.snapshot_map / f".{doel.stem}.deel-{os.getpid()}"
        with _vertaal_fouten(self.path), self._lock():
            self._ruim_op()
            self.snapshot_map.mkdir(exist_ok=True)
            try:
                shutil.copyfile(self.path, deel)
                with contextlib.closing(sqlite3.connect(deel)) as con, con:
                    con.execute(f"INSERT OR REPLACE INTO {META} VALUES ('snapshot_label', ?)", (label,))
                    con.execute(f"INSERT OR REPLACE INTO {META} VALUES ('snapshot_op', ?)", (_now(),))
                Store(deel, alleen_lezen=True).check(grondig=True)
                _fsync(deel)
                os.replace(deel, doel)
                _fsync_dir(self.snapshot_map)
            finally:
                for rest in (deel, deel.with_name(deel.name + "-journal")):
                    with contextlib.suppress(OSError):
                        rest.unlink(missing_ok=True)
        return doel

    def list_snapshots(self) -> pd.DataFrame:
        """The readable snapshots, newest first: bestand, label, snapshot_op, versie. A broken
        file in the snapshot folder is skipped (see :meth:`beschadigde_snapshots`)."""
        return self.snapshots_en_beschadigd()[0]

    def beschadigde_snapshots(self) -> list[BeschadigdeSnapshot]:
        """Files in the snapshot folder that are no readable snapshot, with a Dutch reason."""
        return self.snapshots_en_beschadigd()[1]

    def snapshots_en_beschadigd(self) -> tuple[pd.DataFrame, list[BeschadigdeSnapshot]]:
        """(:meth:`list_snapshots`, :meth:`beschadigde_snapshots`) in one pass over the folder."""
        rows, kapot = [], []
        try:
            bestanden = sorted(self.snapshot_map.glob("*.gpkg"), reverse=True) if self.snapshot_map.is_dir() else []
        except OSError:
            bestanden = []
        for f in bestanden:
            try:
                if not f.is_file() or f.stat().st_size == 0:
                    raise StoreFout("leeg bestand", f)
                snap = Store(f, alleen_lezen=True)
                snap.check()
                meta = snap.meta()
                rows.append(
                    {
                        "bestand": f,
                        "label": meta.get("snapshot_label", f.stem),
                        "snapshot_op": meta.get("snapshot_op", ""),
                        "versie": int(meta.get("versie", 0)),
                    }
                )
            except (StoreFout, OSError, ValueError) as e:
                reden = "leeg bestand" if str(e) == "leeg bestand" else "geen leesbare GeoPackage van de monitor"
                kapot.append(BeschadigdeSnapshot(f, f"{f.name}: {reden}; wordt overgeslagen"))
        return pd.DataFrame(rows, columns=["bestand", "label", "snapshot_op", "versie"]), kapot

    def restore_snapshot(self, bestand: str | Path, audit: list[dict[str, object]] | None = None) -> int:
        """Make the snapshot ``bestand`` the current state, in one transaction.

        The state before the restore is saved as a snapshot first, so a restore can itself
        be undone; the audit log is kept whole (a restore replaces the layers, never the
        log), and ``audit`` rows land in the same transaction. Returns the new version
        (versions keep increasing; caches stay valid). Needs the right to restore snapshots.
        """
        self._vereis(Recht.SNAPSHOT_HERSTELLEN)
        bron = Path(bestand)
        if bron.parent.resolve() != self.snapshot_map.resolve() or not bron.exists():
            raise StoreFout(f"Snapshot {bron.name} bestaat niet bij deze opslag.", self.path)
        snap = Store(bron)
        try:
            snap.check(grondig=True)
        except StoreFout as e:
            raise StoreFout(
                f"Snapshot {bron.name} is beschadigd en kan niet worden teruggezet; er is niets gewijzigd. "
                "Kies een andere snapshot.",
                self.path,
            ) from e
        label = snap.meta().get("snapshot_label", bron.stem)
        vooraf = self._snapshot(f"voor herstel van {label}")
        # the rows say which snapshot came back (nieuw) and where the state before it went (oud)
        audit = [{"object_id": bron.name, "oud": vooraf.name, "nieuw": label, **r} for r in audit or []]
        snap_meta = snap.meta()
        lagen = {laag: snap.load(laag) for laag in LAGEN}
        with self._transactie(None) as tmp:
            for laag, df in lagen.items():
                _write_layer(tmp, laag, schema.conform(df, laag))
            # the sample-data flags come back with the data they describe
            with contextlib.closing(sqlite3.connect(tmp)) as con, con:
                con.execute(
                    f"INSERT OR REPLACE INTO {META} VALUES (?, ?)",
                    (VOORBEELD_LAGEN, json.dumps(_voorbeeld_lagen(snap_meta))),
                )
            if audit:
                self._audit(tmp, audit, "opgeslagen")
        return self.version

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        lock = self.path.with_name(f".{self.path.name}.lock")
        with _vertaal_fouten(self.path):
            lf = open(lock, "w")  # noqa: SIM115 - closed below; errors here become a Dutch StoreFout
        with lf:
            fcntl.flock(lf, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lf, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _transactie(self, verwachte_versie: int | None) -> Iterator[Path]:
        self._check_schrijfbaar()
        with _vertaal_fouten(self.path), self._lock():
            self._check_schrijfbaar()  # the mode may have changed while we waited
            self._ruim_op()
            huidig = self.version
            if verwachte_versie is not None and huidig != verwachte_versie:
                raise VersieConflict(
                    f"De gegevens zijn intussen door iemand anders gewijzigd (versie {huidig}, "
                    f"u werkte met versie {verwachte_versie}). Laad opnieuw en pas uw wijziging opnieuw toe.",
                    self.path,
                )
            tmp = self.path.with_name(f".{self.path.stem}.schrijf-{os.getpid()}.gpkg")
            shutil.copyfile(self.path, tmp)
            try:
                # the new file keeps the store's permissions (a 0660 store does not become 0644)
                os.chmod(tmp, stat.S_IMODE(self.path.stat().st_mode))
                yield tmp
                with contextlib.closing(sqlite3.connect(tmp)) as con, con:
                    con.execute(f"UPDATE {META} SET waarde = ? WHERE sleutel = 'versie'", (str(huidig + 1),))
                    con.execute(f"UPDATE {META} SET waarde = ? WHERE sleutel = 'gewijzigd_op'", (_now(),))
                _fsync(tmp)
                os.replace(tmp, self.path)
                _fsync_dir(self.path.parent)
            finally:
                for rest in _RESTANT_PATRONEN:
                    for pad in self.path.parent.glob(f".{self.path.stem}.{rest.replace('*', str(os.getpid()))}"):
                        with contextlib.suppress(OSError):
                            pad.unlink()

    # -- import (Data page) --------------------------------------------------------------
    def write_import(
        self,
        lagen: dict[str, pd.DataFrame],
        label: str,
        verwachte_versie: int | None = None,
        echte_lagen: Iterable[str] = (),
        audit: list[dict[str, object]] | None = None,
    ) -> tuple[int, Path]:
        """Write imported layers in one transaction, after saving a snapshot of the state
        before the import (so the import can be undone); returns (new version, snapshot).

        ``echte_lagen`` are the layers that hold no sample data any more after this import:
        in the same transaction they leave :attr:`voorbeeld_lagen` (their sample notice goes).
        ``verwachte_versie`` works as in :meth:`write`; ``audit`` rows land in the same
        transaction (resultaat 'opgeslagen'). Needs the right to import.
        """
        self._vereis(Recht.IMPORTEREN)
        _check_lagen(lagen)
        if verwachte_versie is not None and self.version != verwachte_versie:
            raise VersieConflict(
                f"De gegevens zijn intussen door iemand anders gewijzigd (versie {self.version}, "
                f"u werkte met versie {verwachte_versie}). Laad opnieuw en lees het bestand opnieuw in.",
                self.path,
            )
        snapshot = self._snapshot(f"voor import: {label}")
        with self._transactie(verwachte_versie) as tmp:
            for laag, df in lagen.items():
                _write_layer(tmp, laag, schema.conform(df, laag))
            if echte_lagen:
                voorbeeld = [laag for laag in self.voorbeeld_lagen if laag not in set(echte_lagen)]
                with contextlib.closing(sqlite3.connect(tmp)) as con, con:
                    con.execute(
                        f"INSERT OR REPLACE INTO {META} VALUES (?, ?)", (VOORBEELD_LAGEN, json.dumps(voorbeeld))
                    )
            if audit:
                self._audit(tmp, audit, "opgeslagen")
        return self.version, snapshot

    # -- read-modify-write (register edits) -----------------------------------------------
    def update(
        self,
        fn: Callable[[dict[str, pd.DataFrame]], tuple[dict[str, pd.DataFrame], list[dict[str, object]]]],
        lagen: Iterable[str] = LAGEN,
    ) -> int:
        """Load ``lagen`` under the writer lock, call ``fn(lagen) -> (changed layers, audit rows)``
        and write the result in the same transaction; returns the new store version.

        Nothing can change the store between the read and the write, so whatever ``fn`` checks
        (a per-object ``versie``, validation against the current register) still holds for what
        is written. When ``fn`` raises, nothing is written; when it raises
        :class:`VersieConflict` with an ``audit`` attribute (a list of audit rows), those rows
        are logged with resultaat 'geweigerd', so the log holds the refused attempt too.
        Temporary copies left behind by a writer killed mid-transaction are removed.
        Needs the right to change the register.
        """
        self._vereis(Recht.REGISTER_WIJZIGEN)
        lagen = tuple(lagen)
        _check_lagen(lagen)
        try:
            with self._transactie(None) as tmp:
                nieuw, audit = fn({laag: self.load(laag) for laag in lagen})
                _check_lagen(nieuw)
                for laag, df in nieuw.items():
                    _write_layer(tmp, laag, schema.conform(df, laag))
                if audit:
                    self._audit(tmp, audit, "opgeslagen")
                versie = int(Store(tmp).meta()["versie"]) + 1
        except VersieConflict as e:
            geweigerd = getattr(e, "audit", None)
            if geweigerd:
                with self._transactie(None) as tmp:
                    self._audit(tmp, geweigerd, "geweigerd")
            raise
        return versie

    # -- scenarios -----------------------------------------------------------------------
    def save_scenario(self, naam: str, inhoud: str, beschrijving: str = "", scenario_id: str | None = None) -> str:
        """Save a scenario (``inhoud`` is its JSON) and return its id; logged in the audit log.

        With ``scenario_id`` an existing scenario is replaced; without, a new id is made. The
        author is the bound user. Needs the right to save scenarios; a werkgroep member may
        replace only their own scenarios, a beheerder any.
        """
        import uuid

        self._vereis(Recht.SCENARIO_OPSLAAN)
        sid = scenario_id or uuid.uuid4().hex[:10]
        nu = _now()
        auteur = self.gebruiker.audit_naam if self.gebruiker else ""
        with self._transactie(None) as tmp:
            with contextlib.closing(sqlite3.connect(tmp)) as con, con:
                con.execute(_SCENARIO_DDL)
                oud = con.execute(f"SELECT gemaakt_op, auteur FROM {SCENARIOS} WHERE id = ?", (sid,)).fetchone()
                if oud:
                    self._check_eigen_scenario(oud[1], "wijzigen")
                con.execute(
                    f"INSERT OR REPLACE INTO {SCENARIOS} VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
                    (sid, naam, auteur, beschrijving, oud[0] if oud else nu, nu, inhoud),
                )
            actie = "scenario gewijzigd" if scenario_id else "scenario opgeslagen"
            self._audit(tmp, [{"actie": actie, "laag": "scenarios", "object_id": sid, "veld": "naam", "nieuw": naam}],
                        "opgeslagen")  # fmt: skip
        return sid

    def _check_eigen_scenario(self, auteur: object, wat: str) -> None:
        """Below beheerder, only the author may replace or delete a scenario."""
        if self.gebruiker is None or self.gebruiker.rol >= toegang.Rol.BEHEERDER:
            return
        if str(auteur or "") != self.gebruiker.audit_naam:
            raise toegang.GeenToegang(
                f"Dit scenario is van {auteur or 'iemand anders'}; alleen de maker of een beheerder mag het {wat}. "
                "Sla het op als nieuw scenario."
            )

    def list_scenarios(self) -> pd.DataFrame:
        """Saved scenarios that are not deleted, newest first: id, naam, auteur, beschrijving,
        gemaakt_op, gewijzigd_op."""
        kolommen = ["id", "naam", "auteur", "beschrijving", "gemaakt_op", "gewijzigd_op"]
        try:
            with contextlib.closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as con:
                return pd.read_sql_query(
                    f"SELECT {', '.join(kolommen)} FROM {SCENARIOS} WHERE verwijderd = 0 ORDER BY gewijzigd_op DESC",
                    con,
                )
        except (sqlite3.OperationalError, pd.errors.DatabaseError):
            return pd.DataFrame(columns=kolommen)

    def load_scenario(self, scenario_id: str) -> tuple[str, str, str, str] | None:
        """(naam, auteur, beschrijving, inhoud JSON) of a scenario, or None when it does not exist."""
        try:
            with contextlib.closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as con:
                rij = con.execute(
                    f"SELECT naam, auteur, beschrijving, inhoud FROM {SCENARIOS} WHERE id = ? AND verwijderd = 0",
                    (scenario_id,),
                ).fetchone()
        except sqlite3.OperationalError:
            return None
        return tuple(rij) if rij else None

    def delete_scenario(self, scenario_id: str) -> None:
        """Mark a scenario deleted (kept in the file, logged); it no longer appears in lists.

        Needs the right to save scenarios; below beheerder only the scenario's author may.
        """
        self._vereis(Recht.SCENARIO_OPSLAAN)
        with self._transactie(None) as tmp:
            with contextlib.closing(sqlite3.connect(tmp)) as con, con:
                con.execute(_SCENARIO_DDL)
                oud = con.execute(f"SELECT auteur FROM {SCENARIOS} WHERE id = ?", (scenario_id,)).fetchone()
                if oud:
                    self._check_eigen_scenario(oud[0], "verwijderen")
                con.execute(f"UPDATE {SCENARIOS} SET verwijderd = 1 WHERE id = ?", (scenario_id,))
            self._audit(tmp, [{"actie": "scenario verwijderd", "laag": "scenarios", "object_id": scenario_id}],
                        "opgeslagen")  # fmt: skip


def _voorbeeld_lagen(meta: dict[str, str]) -> tuple[str, ...]:
    """The sample layers from a store's meta; a store of an older version said only yes or no."""
    if VOORBEELD_LAGEN in meta:
        try:
            lagen = json.loads(meta[VOORBEELD_LAGEN])
        except ValueError:
            lagen = list(LAGEN)  # unreadable: say too much rather than too little
        return tuple(laag for laag in LAGEN if laag in lagen)
    return LAGEN if meta.get("voorbeelddata") == "1" else ()


def _tabellen(pad: Path) -> set[str]:
    """The layers and tables a GeoPackage lists in its contents."""
    with contextlib.closing(sqlite3.connect(f"file:{pad}?mode=ro", uri=True)) as con:
        return {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}


def _check_lagen(lagen: Iterable[str]) -> None:
    """ValueError for a layer name the store does not have."""
    for laag in lagen:
        if laag not in LAGEN:
            raise ValueError(f"Onbekende laag: {laag!r}")


def _write_layer(path: Path, laag: str, df: pd.DataFrame) -> None:
    if schema.GEOMETRIE_VERPLICHT[laag] is None:
        pyogrio.write_dataframe(pd.DataFrame(df), path, layer=laag, driver="GPKG")
        return
    gdf = df if isinstance(df, gpd.GeoDataFrame) else gpd.GeoDataFrame(df, geometry=[None] * len(df), crs=schema.CRS_RD)
    gdf = gdf.to_crs(schema.CRS_RD) if gdf.crs is not None else gdf.set_crs(schema.CRS_RD)
    pyogrio.write_dataframe(gdf, path, layer=laag, driver="GPKG", geometry_type="MultiPolygon", promote_to_multi=True)


def _append_audit(path: Path, rows: list[dict[str, object]], resultaat: str) -> None:
    """Append audit rows to the store file at ``path`` (inside a running transaction)."""
    nu = _now()
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute(
            f"CREATE TABLE IF NOT EXISTS {AUDIT} (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            + ", ".join(f"{k} TEXT" for k in AUDIT_KOLOMMEN)
            + ")"
        )
        waarden = [
            tuple(
                nu if k == "tijdstip" else resultaat if k == "resultaat" else _as_text(r.get(k)) for k in AUDIT_KOLOMMEN
            )
            for r in rows
        ]
        con.executemany(
            f"INSERT INTO {AUDIT} ({', '.join(AUDIT_KOLOMMEN)}) VALUES ({', '.join('?' * len(AUDIT_KOLOMMEN))})",
            waarden,
        )


def _as_text(waarde: object) -> str | None:
    if waarde is None or (not isinstance(waarde, str) and pd.isna(waarde)):
        return None
    return str(waarde)


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        _fsync(path)
