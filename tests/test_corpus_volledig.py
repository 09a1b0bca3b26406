"""The whole bad-input corpus through read → validate → commit (issue 16).

Every file of ``tests/corpus`` goes through :func:`io.read_upload` and, when it is read,
:func:`io.apply_import` (*vervangen*, confirmed, every orphan retired as on the Data page).
Only :class:`io.InvoerFout` or a result may come out (0 crashes); every refusal leaves the store
byte-identical (sha256) and makes no snapshot; and a file that passes validation (no blocking
finding, no refusal by the register's rules in :func:`io.plan_import`) never fails at commit.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import warnings
from collections import Counter
from pathlib import Path

import pytest

from bedrijventerreinen import io, store

CORPUS = Path(__file__).resolve().parent / "corpus"
VERWACHT = list(csv.DictReader((CORPUS / "verwacht.csv").read_text(encoding="utf-8").splitlines()))


def _hash(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def _eén_bestand(bestand: str, laag: str, sjabloon: Path, keuzes: dict[str, str], pad: Path, beheerder) -> str:
    """The outcome of one corpus file: 'fout' (refused on reading), 'blokkeert' (refused at
    commit because of blocking findings), 'weigert' (refused by the register's rules, before
    anything is written) or 'vastgelegd'. Asserts the store's integrity on every refusal."""
    try:
        r = io.read_upload(bestand, (CORPUS / "bestanden" / bestand).read_bytes(), laag)
    except io.InvoerFout:
        return "fout"
    shutil.copyfile(sjabloon, pad)
    opslag = store.open_store(pad, gebruiker=beheerder)
    voor = _hash(pad)
    try:
        io.apply_import(opslag, r, "vervangen", bevestigd=True, wezen_keuzes=keuzes)
    except io.InvoerFout as e:
        # a file without blocking findings may only be refused by the register's own rules
        # (plan_import's weigeringen, checked before the snapshot), never fail at commit
        assert r.blokkeert or str(e).startswith("Koppeling "), f"{bestand} passed validation but failed at commit: {e}"
        assert _hash(pad) == voor, bestand
        assert opslag.list_snapshots().empty, bestand
        return "blokkeert" if r.blokkeert else "weigert"
    assert not r.blokkeert, f"{bestand} was committed despite blocking findings"
    return "vastgelegd"


def test_every_corpus_file_is_read_validated_and_committed_or_refused_cleanly(
    tmp_path: Path, beheerder, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(VERWACHT) >= 150
    sjabloon = tmp_path / "sjabloon.gpkg"
    basis = store.open_store(sjabloon)
    # every mutatie and kanszone retired when its park goes (the orphan choice per object, as on the Data page)
    keuzes = {
        f"{laag}:{oid}": "vervallen"
        for laag, kolom in (("mutaties", "mutatie_id"), ("kanszones", "kanszone_id"))
        for oid in basis.load(laag)[kolom]
    }
    uitkomsten: Counter[str] = Counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i, geval in enumerate(VERWACHT):
            map_ = tmp_path / f"geval{i}"  # a folder per case: its own snapshots folder
            map_.mkdir()
            uitkomst = _eén_bestand(geval["bestand"], geval["laag"], sjabloon, keuzes, map_ / "monitor.gpkg", beheerder)
            shutil.rmtree(map_)
            uitkomsten[uitkomst] += 1
            if geval["uitkomst"] in ("fout", "blokkeert", "weigert"):
                assert uitkomst == geval["uitkomst"], geval
    with capsys.disabled():
        print(f"\ncorpus: {len(VERWACHT)} bestanden, {dict(sorted(uitkomsten.items()))}")
    assert sum(uitkomsten.values()) == len(VERWACHT)
