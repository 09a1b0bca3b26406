"""The store file: where it is, its checks, the writer lock, the copy-and-replace transaction,
leftovers of killed writers, fsync, and setting a broken file aside."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

from . import meta
from .fouten import StoreFout, fout_tekst, versie_conflict, vertaal_fouten
from .laagdata import LAGEN, LATER_TOEGEVOEGD

ENV_VAR = "BEDRIJVENTERREINEN_STORE"
DEFAULT_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "monitor.gpkg"
GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
#: Leftovers of a writer that died: temporary copies and their SQLite journals.
RESTANT_PATRONEN = ("schrijf-*.gpkg", "schrijf-*.gpkg-journal", "schrijf-*.gpkg-wal", "schrijf-*.gpkg-shm")


def resolve_path(path: str | Path | None = None) -> Path:
    """The store path: the argument, else ``$BEDRIJVENTERREINEN_STORE``, else ``data/monitor.gpkg``."""
    if path is not None:
        return Path(path)
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else DEFAULT_PATH


def snapshot_map(pad: Path) -> Path:
    """Folder beside the store holding its snapshots (``<naam>.snapshots/``)."""
    return pad.with_name(f"{pad.stem}.snapshots")


# -- checks ---------------------------------------------------------------------------------
def check_gpkg(pad: Path, grondig: bool = False) -> None:
    """Raise :class:`StoreFout` (herstelbaar) unless ``pad`` is a readable monitor store;
    ``grondig`` also reads every page (SQLite ``quick_check``), which finds a truncated copy."""
    kapot = (
        f"Het opslagbestand {pad.name} is beschadigd of is geen GeoPackage van de monitor. "
        "U kunt het opnieuw opbouwen uit de voorbeelddata; het huidige bestand wordt dan bewaard."
    )
    try:
        with contextlib.closing(sqlite3.connect(f"file:{pad}?mode=ro", uri=True)) as con:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            tabellen = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
            versie = con.execute(f"SELECT waarde FROM {meta.META} WHERE sleutel = 'versie'").fetchone()
            int(versie[0])
            goed = [r[0] for r in con.execute("PRAGMA quick_check")] if grondig else ["ok"]
    except (sqlite3.Error, TypeError, ValueError) as e:
        raise StoreFout(kapot, pad, herstelbaar=True) from e
    if goed != ["ok"]:
        raise StoreFout(kapot, pad, herstelbaar=True)
    ontbreekt = [laag for laag in LAGEN if laag not in tabellen and laag not in LATER_TOEGEVOEGD]
    if app_id != GPKG_APPLICATION_ID or ontbreekt:
        raise StoreFout(kapot, pad, herstelbaar=True)


def check_geen_map(p: Path) -> None:
    """StoreFout (not herstelbaar: nothing is broken) when the store path is a folder or another non-file."""
    if p.exists() and not p.is_file():
        soort = "een map" if p.is_dir() else "geen gewoon bestand"
        raise StoreFout(
            f"Het opslagpad {p} is {soort}, geen opslagbestand. Laat {ENV_VAR} naar een bestand wijzen, "
            f"bijvoorbeeld {p / 'monitor.gpkg' if p.is_dir() else p.with_suffix('.gpkg')}.",
            p,
        )


def alleen_lezen_bestand(pad: Path) -> bool:
    """True when nobody may write the file by its mode (an administrator made it read-only)."""
    try:
        return not stat.S_IMODE(pad.stat().st_mode) & 0o222
    except OSError:
        return False


def check_schrijfbaar(pad: Path, alleen_lezen: bool) -> None:
    """StoreFout when the store at ``pad`` may not be written: a snapshot, or a file made read-only."""
    if alleen_lezen:
        raise StoreFout(
            "Dit is een stand per peildatum (snapshot): alleen lezen. Kies 'Actuele stand' om te wijzigen.",
            pad,
        )
    if alleen_lezen_bestand(pad):
        raise StoreFout(
            f"Het opslagbestand {pad} is alleen-lezen gemaakt; er is niets gewijzigd. Wilt u weer "
            "wijzigen, vraag dan de beheerder van de server het bestand beschrijfbaar te maken.",
            pad,
        )


# -- lock and leftovers ---------------------------------------------------------------------
def lock_pad(pad: Path) -> Path:
    """The lock file of the store at ``pad`` (hidden, beside it)."""
    return pad.with_name(f".{pad.name}.lock")


@contextlib.contextmanager
def lock(pad: Path) -> Iterator[None]:
    """Hold the exclusive writer lock of the store at ``pad``."""
    with vertaal_fouten(pad):
        lf = open(lock_pad(pad), "w")  # noqa: SIM115 - closed below; errors here become a Dutch StoreFout
    with lf:
        fcntl.flock(lf, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lf, fcntl.LOCK_UN)


def restanten(pad: Path) -> list[Path]:
    """Temporary files of writers (maybe killed ones) beside the store and in its snapshot folder."""
    try:
        gevonden = [p for patroon in RESTANT_PATRONEN for p in pad.parent.glob(f".{pad.stem}.{patroon}")]
        if snapshot_map(pad).is_dir():
            gevonden += snapshot_map(pad).glob(".*.deel-*")
    except OSError:
        return []
    return gevonden


def ruim_op(pad: Path) -> None:
    """Remove what writers killed mid-save left behind: temporary copies beside the store and
    their journals, half-made snapshots. Only call under the writer lock."""
    for restant in restanten(pad):
        with contextlib.suppress(OSError):
            restant.unlink()


def ruim_op_als_vrij(pad: Path) -> None:
    """:func:`ruim_op` when no writer holds the lock now (on open); otherwise leave it to the next write."""
    if not restanten(pad):
        return
    try:
        with open(lock_pad(pad), "w") as lf:
            fcntl.flock(lf, fcntl.LOCK_EX | fcntl.LOCK_NB)
            try:
                ruim_op(pad)
            finally:
                fcntl.flock(lf, fcntl.LOCK_UN)
    except OSError:
        return  # a writer is busy, or the folder is read-only: nothing to tidy from here


def _ruim_eigen_restanten_op(pad: Path) -> None:
    """Remove this process's temporary copy of the store at ``pad`` and its journals."""
    for rest in RESTANT_PATRONEN:
        for p in pad.parent.glob(f".{pad.stem}.{rest.replace('*', str(os.getpid()))}"):
            with contextlib.suppress(OSError):
                p.unlink()


# -- the transaction ------------------------------------------------------------------------
@contextlib.contextmanager
def transactie(pad: Path, verwachte_versie: int | None, alleen_lezen: bool = False) -> Iterator[Path]:
    """Copy the store at ``pad`` under the writer lock and yield the copy to change; when the
    block ends without error the version is increased and the copy atomically replaces the store.

    :class:`VersieConflict` when ``verwachte_versie`` is given and the store is at another version."""
    check_schrijfbaar(pad, alleen_lezen)
    with vertaal_fouten(pad), lock(pad):
        check_schrijfbaar(pad, alleen_lezen)  # the mode may have changed while we waited
        ruim_op(pad)
        huidig = int(meta.read_meta(pad)["versie"])
        if verwachte_versie is not None and huidig != verwachte_versie:
            raise versie_conflict(pad, huidig, verwachte_versie, "pas uw wijziging opnieuw toe")
        tmp = pad.with_name(f".{pad.stem}.schrijf-{os.getpid()}.gpkg")
        shutil.copyfile(pad, tmp)
        try:
            # the new file keeps the store's permissions (a 0660 store does not become 0644)
            os.chmod(tmp, stat.S_IMODE(pad.stat().st_mode))
            yield tmp
            meta.set_versie(tmp, huidig + 1)
            fsync(tmp)
            os.replace(tmp, pad)
            fsync_dir(pad.parent)
        finally:
            _ruim_eigen_restanten_op(pad)


# -- durability and setting aside -----------------------------------------------------------
def fsync(path: Path) -> None:
    """Flush the file at ``path`` to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush the folder at ``path`` (a rename in it) to disk, where the system allows it."""
    with contextlib.suppress(OSError):
        fsync(path)


def zet_opzij(p: Path) -> Path | None:
    """Rename the broken store file ``p`` to ``<naam>.kapot-<tijdstip>.gpkg`` (never deleted);
    only a regular file is ever set aside: a folder (or anything else) is refused."""
    check_geen_map(p)
    if not p.exists():
        return None
    stempel = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    bewaard = p.with_name(f"{p.stem}.kapot-{stempel}{p.suffix}")
    n = 1
    while bewaard.exists():  # a second rebuild within the same second must not replace the first
        bewaard = p.with_name(f"{p.stem}.kapot-{stempel}-{n}{p.suffix}")
        n += 1
    with vertaal_fouten(p):
        os.replace(p, bewaard)
    return bewaard


def link_into_place(tmp: Path, p: Path, bestaat_al: str) -> None:
    """Hard-link the finished file ``tmp`` as the store ``p``, which must not exist yet
    (:class:`StoreFout` with the Dutch sentence ``bestaat_al`` when it does)."""
    try:
        os.link(tmp, p)
    except FileExistsError as e:
        raise StoreFout(bestaat_al, p) from e
    except OSError as e:
        raise StoreFout(fout_tekst(e, p), p) from e
