"""Snapshots of the store: making, listing and checking them, and recovering a broken store from one.

A snapshot is a complete, read-only GeoPackage copy in ``<store>.snapshots/``. It is written under
a temporary name, checked, and only then renamed into place; a broken file in the folder is
skipped and reported (:class:`BeschadigdeSnapshot`), never fatal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import toegang
from ..toegang import Gebruiker, Recht
from . import bestand, meta
from .audit import append_audit
from .fouten import StoreFout, vertaal_fouten

#: Columns of :func:`snapshots_en_beschadigd`'s list of readable snapshots.
SNAPSHOT_KOLOMMEN = ["bestand", "label", "snapshot_op", "versie"]


@dataclass(frozen=True)
class BeschadigdeSnapshot:
    """A file in the snapshot folder that is no readable snapshot; skipped in every list."""

    bestand: Path
    #: Why it is skipped, in Dutch.
    reden: str


def maak_snapshot(pad: Path, label: str, alleen_lezen: bool = False) -> Path:
    """Copy the store at ``pad`` to a temporary name in the snapshot folder, label it, check it and
    only then rename it into place: a crash or a full disk never leaves a file that lists as a snapshot."""
    bestand.check_schrijfbaar(pad, alleen_lezen)
    snapshot_map = bestand.snapshot_map(pad)
    stempel = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    veilig = "".join(c if c.isalnum() or c in "-_" else "_" for c in label)[:60] or "snapshot"
    doel = snapshot_map / f"{stempel}_{veilig}.gpkg"
    deel = snapshot_map / f".{doel.stem}.deel-{os.getpid()}"
    with vertaal_fouten(pad), bestand.lock(pad):
        bestand.ruim_op(pad)
        snapshot_map.mkdir(exist_ok=True)
        try:
            shutil.copyfile(pad, deel)
            meta.label_snapshot(deel, label)
            bestand.check_gpkg(deel, grondig=True)
            bestand.fsync(deel)
            os.replace(deel, doel)
            bestand.fsync_dir(snapshot_map)
        finally:
            for rest in (deel, deel.with_name(deel.name + "-journal")):
                with contextlib.suppress(OSError):
                    rest.unlink(missing_ok=True)
    return doel


def _snapshot_rij(f: Path) -> dict[str, object]:
    """The list row of the snapshot file ``f``; StoreFout, OSError or ValueError when it is none."""
    if not f.is_file() or f.stat().st_size == 0:
        raise StoreFout("leeg bestand", f)
    bestand.check_gpkg(f)
    gegevens = meta.read_meta(f)
    return {
        "bestand": f,
        "label": gegevens.get("snapshot_label", f.stem),
        "snapshot_op": gegevens.get("snapshot_op", ""),
        "versie": int(gegevens.get("versie", 0)),
    }


def snapshots_en_beschadigd(pad: Path) -> tuple[pd.DataFrame, list[BeschadigdeSnapshot]]:
    """The readable snapshots of the store at ``pad``, newest first (bestand, label, snapshot_op,
    versie), and the files in its snapshot folder that are none, with a Dutch reason."""
    snapshot_map = bestand.snapshot_map(pad)
    rows, kapot = [], []
    try:
        bestanden = sorted(snapshot_map.glob("*.gpkg"), reverse=True) if snapshot_map.is_dir() else []
    except OSError:
        bestanden = []
    for f in bestanden:
        try:
            rows.append(_snapshot_rij(f))
        except (StoreFout, OSError, ValueError) as e:
            reden = "leeg bestand" if str(e) == "leeg bestand" else "geen leesbare GeoPackage van de monitor"
            kapot.append(BeschadigdeSnapshot(f, f"{f.name}: {reden}; wordt overgeslagen"))
    return pd.DataFrame(rows, columns=SNAPSHOT_KOLOMMEN), kapot


def check_voor_herstel(pad: Path, snapshot: Path) -> None:
    """StoreFout unless ``snapshot`` is a sound snapshot of the store at ``pad`` (nothing is changed)."""
    if snapshot.parent.resolve() != bestand.snapshot_map(pad).resolve() or not snapshot.exists():
        raise StoreFout(f"Snapshot {snapshot.name} bestaat niet bij deze opslag.", pad)
    try:
        bestand.check_gpkg(snapshot, grondig=True)
    except StoreFout as e:
        raise StoreFout(
            f"Snapshot {snapshot.name} is beschadigd en kan niet worden teruggezet; er is niets gewijzigd. "
            "Kies een andere snapshot.",
            pad,
        ) from e


# -- recovery of a broken store -------------------------------------------------------------
def laatste_goede_snapshot(path: str | Path | None = None) -> pd.Series | None:
    """The newest snapshot of the store at ``path`` that passes a full check (a row of
    :meth:`~.opslag.Store.list_snapshots`), or None when there is none."""
    for _, rij in snapshots_en_beschadigd(bestand.resolve_path(path))[0].iterrows():
        try:
            bestand.check_gpkg(Path(rij["bestand"]), grondig=True)
        except StoreFout:
            continue
        return rij
    return None


def herstel_uit_snapshot(
    path: str | Path | None = None, gebruiker: Gebruiker | None = None
) -> tuple[Path | None, Path]:
    """Replace a broken store by its newest good snapshot; returns (the broken file set aside, the snapshot used).

    The broken file is kept as ``<naam>.kapot-<tijdstip>.gpkg`` (as :func:`~.openen.rebuild_store`); the
    snapshot is copied to a temporary file, checked, made a live store (a version above every
    snapshot's, the restore in its audit log) and linked into place. Needs the right to restore
    snapshots (:class:`~bedrijventerreinen.toegang.GeenToegang`); :class:`StoreFout` when no
    snapshot is good."""
    toegang.vereis(gebruiker, Recht.SNAPSHOT_HERSTELLEN)
    p = bestand.resolve_path(path)
    bestand.check_geen_map(p)
    rij = laatste_goede_snapshot(p)
    if rij is None:
        raise StoreFout("Er is geen bruikbare snapshot om de opslag uit te herstellen.", p)
    bron = Path(rij["bestand"])
    versie = max(int(v) for v in snapshots_en_beschadigd(p)[0]["versie"]) + 1
    tmp = p.with_name(f".{p.stem}.herstel-{os.getpid()}.gpkg")
    try:
        with vertaal_fouten(p):
            shutil.copyfile(bron, tmp)
            meta.make_live(tmp, versie)
            wie = gebruiker.audit_naam if gebruiker else ""
            rijen = [
                {"actie": "hersteld uit snapshot", "object_id": bron.name, "nieuw": rij["label"], "gebruiker": wie}
            ]
            append_audit(tmp, rijen, "opgeslagen")
            bestand.check_gpkg(tmp, grondig=True)
            bestand.fsync(tmp)
        bewaard = bestand.zet_opzij(p)
        bestand.link_into_place(tmp, p, f"Het opslagbestand {p.name} is intussen door iemand anders aangemaakt.")
        bestand.fsync_dir(p.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return bewaard, bron
