"""Opening, creating and rebuilding the store file."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .. import schema, toegang
from ..bestanden import read_voorbeeld
from ..toegang import Gebruiker, Recht
from . import bestand, laagdata, meta
from .bestand import ENV_VAR
from .fouten import StoreFout, vertaal_fouten
from .laagdata import LAGEN
from .opslag import Store


def open_store(path: str | Path | None = None, gebruiker: Gebruiker | None = None) -> Store:
    """Open the store at ``path`` (see :func:`~.bestand.resolve_path`), creating it from the sample
    data when the file does not exist. An existing file is never overwritten: when it is not a
    readable monitor store, :class:`StoreFout` is raised with ``herstelbaar=True``.
    Writes are made as ``gebruiker`` (see :meth:`Store.als`); without one the store is read-only."""
    p = bestand.resolve_path(path)
    bestand.check_geen_map(p)
    if not p.exists():
        create_store(p, read_voorbeeld(), voorbeeld=True)
    store = Store(p, gebruiker=gebruiker)
    store._ruim_op_als_vrij()
    store.migreer()
    store.check()
    return store


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
        with vertaal_fouten(p):
            tmp.unlink(missing_ok=True)
            _create_tmp(tmp, lagen, voorbeeld_lagen)
        bestand.link_into_place(tmp, p, f"Het opslagbestand {p.name} bestaat al en wordt niet overschreven.")
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return Store(p)


def _create_tmp(tmp: Path, lagen: dict[str, pd.DataFrame], voorbeeld_lagen: list[str]) -> None:
    """Write a whole new store file at ``tmp`` (fsynced)."""
    for laag in LAGEN:
        df = lagen.get(laag)
        laagdata.write_layer(tmp, laag, schema.empty(laag) if df is None else df)
    meta.create_meta(tmp, voorbeeld_lagen)
    bestand.fsync(tmp)


def rebuild_store(path: str | Path | None = None, gebruiker: Gebruiker | None = None) -> Path | None:
    """Set an unreadable store aside and create a fresh one from the sample data.

    The old file is renamed to ``<naam>.kapot-<tijdstip>.gpkg`` in the same folder (never
    deleted); returns that path, or ``None`` when there was no file. Only a ``gebruiker``
    who may restore snapshots may do this (:class:`~bedrijventerreinen.toegang.GeenToegang`).
    """
    toegang.vereis(gebruiker, Recht.SNAPSHOT_HERSTELLEN)
    p = bestand.resolve_path(path)
    bewaard = bestand.zet_opzij(p)
    create_store(p, read_voorbeeld(), voorbeeld=True)
    return bewaard
