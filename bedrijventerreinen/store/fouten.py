"""The store's errors, and the Dutch translation of OS, SQLite and GDAL errors into them."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pyogrio

from .. import toegang


class StoreFout(RuntimeError):
    """The store cannot be opened or written; ``str(fout)`` is a Dutch sentence for the user."""

    def __init__(self, bericht: str, pad: Path | None = None, herstelbaar: bool = False):
        super().__init__(bericht)
        self.pad = pad
        #: True when rebuilding from the sample data (keeping the old file aside) would help.
        self.herstelbaar = herstelbaar


class VersieConflict(StoreFout):
    """A write was made against a version of the store that someone else has changed since."""


#: Errors of the operating system, SQLite and GDAL that :func:`vertaal_fouten` turns into a StoreFout.
SYSTEEMFOUTEN: tuple[type[BaseException], ...] = (OSError, sqlite3.Error, pyogrio.errors.DataSourceError,
                                                  pyogrio.errors.DataLayerError, pyogrio.errors.GeometryError,
                                                  pyogrio.errors.FieldError, pyogrio.errors.CRSError)  # fmt: skip


def fout_tekst(fout: BaseException, pad: Path) -> str:
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
def vertaal_fouten(pad: Path) -> Iterator[None]:
    """Turn an OS, SQLite or GDAL error inside the block into a Dutch :class:`StoreFout`."""
    try:
        yield
    except toegang.GeenToegang:
        raise  # a refused right is Dutch already and no system fault (it is a PermissionError too)
    except SYSTEEMFOUTEN as e:
        raise StoreFout(fout_tekst(e, pad), pad) from e


def versie_conflict(pad: Path, huidig: int, verwachte_versie: int, wat_nu: str) -> VersieConflict:
    """The refusal of a write made against ``verwachte_versie`` while the store is at ``huidig``."""
    return VersieConflict(
        f"De gegevens zijn intussen door iemand anders gewijzigd (versie {huidig}, "
        f"u werkte met versie {verwachte_versie}). Laad opnieuw en {wat_nu}.",
        pad,
    )
