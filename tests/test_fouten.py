"""Faults a trusted register must survive (issue 16): writers killed at random moments during
snapshot, import, edit and restore, and a full disk during each; a broken snapshot, a store path
that is a folder, a read-only store and a broken store with a good snapshot, as the user meets
them in the app. Afterwards the store opens and checks out, the snapshot list works and every
page renders.

The kills use one worker process (started with :func:`test_concurrency.python`) that imports
the package once and forks a child per round: a fresh interpreter per kill would cost seconds.
"""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pyogrio
import pytest
from streamlit.testing.v1 import AppTest
from test_concurrency import python

from bedrijventerreinen import export, io, store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
OPERATIES = ("snapshot", "import", "edit", "restore")
KILLS_PER_OPERATIE = 13  # 52 kills in all

#: Reads "<operatie> <ronde>" lines; per line it forks a child that repeats the operation until
#: it is killed, prints the child's pid, waits for it and prints how it ended.
WERKER = """
    import os, sys
    from bedrijventerreinen import export, io, store
    from bedrijventerreinen.toegang import Gebruiker, Rol
    pad = sys.argv[1]
    s = store.Store(pad, gebruiker=Gebruiker("fout", "Fout", Rol.BEHEERDER))
    gpkg = export.export_gpkg({laag: s.load(laag) for laag in store.LAGEN})
    resultaat = io.read_upload("export.gpkg", gpkg, "mutaties", bronlaag="mutaties")

    def edit(ronde, i):
        def fn(lagen):
            m = lagen["mutaties"]
            m.loc[m["mutatie_id"] == "T-03", "toelichting"] = f"ronde {ronde}.{i}"
            return {"mutaties": m}, [{"actie": "wijziging", "object_id": "T-03"}]
        s.update(fn, ["mutaties"])

    def restore(ronde, i):
        snaps = s.list_snapshots()
        if snaps.empty:
            s.snapshot("eerste")
        else:
            s.restore_snapshot(snaps["bestand"].iloc[-1])

    ops = {
        "snapshot": lambda ronde, i: s.snapshot(f"ronde {ronde}.{i}"),
        "import": lambda ronde, i: io.apply_import(s, resultaat, "vervangen", bevestigd=True),
        "edit": edit,
        "restore": restore,
    }
    for regel in sys.stdin:
        op, ronde = regel.split()
        pid = os.fork()
        if pid == 0:
            try:
                i = 0
                while True:
                    ops[op](ronde, i)
                    i += 1
            finally:
                os._exit(3)
        print(pid, flush=True)
        _, status = os.waitpid(pid, 0)
        print("gedood" if os.WIFSIGNALED(status) else f"fout {status}", flush=True)
"""


@pytest.fixture
def opslag(tmp_path, beheerder) -> store.Store:
    return store.open_store(tmp_path / "monitor.gpkg", gebruiker=beheerder)


@pytest.fixture
def app_opslag(tmp_path, monkeypatch) -> Path:
    pad = tmp_path / "monitor.gpkg"
    monkeypatch.setenv(store.ENV_VAR, str(pad))
    monkeypatch.setenv("BEDRIJVENTERREINEN_ACHTERGROND", "geen")
    return pad


def pages() -> list[str]:
    import re

    return re.findall(r'st\.Page\("([^"]+)"', Path(APP).read_text(encoding="utf-8"))


def alle_paginas_werken(at: AppTest | None = None) -> AppTest:
    at = at or AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception, at.exception
    for page in pages():
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
    return at


def assert_gezond(s: store.Store) -> None:
    s = store.open_store(s.path, gebruiker=s.gebruiker)
    s.check(grondig=True)
    assert s.beschadigde_snapshots() == [], "no file in the snapshot folder is half a snapshot"
    for _, rij in s.list_snapshots().iterrows():
        store.Store(rij["bestand"]).check(grondig=True)
    for laag in store.LAGEN:
        s.load(laag)
    assert restanten(s.path) == [], "opening the store tidies what killed writers left"


def restanten(pad: Path) -> list[str]:
    """Temporary files of writers beside the store and in its snapshot folder."""
    return [p.name for p in pad.parent.rglob(".*") if ".schrijf-" in p.name or ".deel-" in p.name]


def test_vijftig_kills_op_willekeurige_momenten(opslag, app_opslag):
    """52 SIGKILLs: 13 during each of snapshot, import, edit and restore, at random moments."""
    rnd = random.Random(16)
    opslag.snapshot("begin")
    werker = python(WERKER, str(opslag.path), stdin=subprocess.PIPE)
    uitkomsten: dict[str, int] = {}
    halverwege = 0
    start = time.monotonic()
    try:
        for ronde in range(KILLS_PER_OPERATIE):
            for op in OPERATIES:
                werker.stdin.write(f"{op} {ronde}\n")
                werker.stdin.flush()
                kind = int(werker.stdout.readline())
                time.sleep(rnd.uniform(0.0, 0.5))  # somewhere in the first few operations
                os.kill(kind, signal.SIGKILL)
                uitkomst = werker.stdout.readline().strip()
                assert uitkomst == "gedood", f"{op}: the child stopped by itself ({uitkomst})"
                uitkomsten[op] = uitkomsten.get(op, 0) + 1
                halverwege += bool(restanten(opslag.path))  # killed mid-write: its temporary file is left
                opslag.check()
    finally:
        werker.stdin.close()
        werker.wait(timeout=30)
    assert werker.returncode == 0, werker.stderr.read()
    assert sum(uitkomsten.values()) >= 50 and set(uitkomsten) == set(OPERATIES)
    print(f"{sum(uitkomsten.values())} kills in {time.monotonic() - start:.1f} s: {uitkomsten}; {halverwege} mid-write")
    assert halverwege >= 10, "the kills land inside writes, not only between them"

    assert_gezond(opslag)
    assert app_opslag == opslag.path
    alle_paginas_werken()


def _vol_bij(aanroep: int):
    """A stand-in that raises ENOSPC at the ``aanroep``-th call and calls the real function otherwise."""
    teller = {"n": 0}

    def maak(echt):
        def vol(*args, **kwargs):
            teller["n"] += 1
            if teller["n"] == aanroep:
                raise OSError(errno.ENOSPC, "No space left on device")
            return echt(*args, **kwargs)

        return vol

    return maak


def _operatie(s: store.Store, op: str):
    if op == "snapshot":
        return lambda: s.snapshot("schijf vol")
    if op == "import":
        gpkg = export.export_gpkg({laag: s.load(laag) for laag in store.LAGEN})
        resultaat = io.read_upload("export.gpkg", gpkg, "mutaties", bronlaag="mutaties")
        return lambda: io.apply_import(s, resultaat, "vervangen", bevestigd=True)
    if op == "edit":

        def fn(lagen):
            m = lagen["mutaties"]
            m.loc[m["mutatie_id"] == "T-03", "toelichting"] = "schijf vol"
            return {"mutaties": m}, [{"actie": "wijziging", "object_id": "T-03"}]

        return lambda: s.update(fn, ["mutaties"])
    bron = s.list_snapshots()["bestand"].iloc[-1]
    return lambda: s.restore_snapshot(bron)


VOL_PLEKKEN = [
    ("shutil.copyfile", 1),
    ("shutil.copyfile", 2),
    ("os.replace", 1),
    ("os.replace", 2),
    ("pyogrio.write_dataframe", 1),
]


@pytest.mark.parametrize("op", OPERATIES)
def test_schijf_vol_tijdens_elke_operatie(opslag, app_opslag, monkeypatch, op):
    """A full disk at each place a store operation writes: a Dutch message, the store as it was
    (or wholly changed, when the failing call came after the commit), no broken snapshot."""
    opslag.snapshot("begin")
    uitkomsten = []
    for plek, aanroep in VOL_PLEKKEN:
        module, naam = plek.split(".")
        doel = {"shutil": shutil, "os": os, "pyogrio": pyogrio}[module]
        actie = _operatie(opslag, op)
        voor = opslag.path.read_bytes()
        with monkeypatch.context() as m:
            m.setattr(doel, naam, _vol_bij(aanroep)(getattr(doel, naam)))
            try:
                actie()
            except store.StoreFout as e:
                assert "vol" in str(e) and "Traceback" not in str(e)
                assert opslag.path.read_bytes() == voor, f"{op} at {plek} #{aanroep}: the store changed"
                uitkomsten.append("geweigerd")
            else:
                uitkomsten.append("gelukt")
        assert_gezond(opslag)
    print(f"schijf vol tijdens {op}: {uitkomsten}")
    assert "geweigerd" in uitkomsten
    alle_paginas_werken()


# --------------------------------------------------------------------------------------
# as the user meets them in the app
# --------------------------------------------------------------------------------------
def test_kapotte_snapshot_breekt_de_app_niet(app_opslag, beheerder):
    s = store.open_store(app_opslag, gebruiker=beheerder)
    s.snapshot("goed")
    (s.snapshot_map / "29991231-000000-000000_kapot.gpkg").write_bytes(b"\x00rommel" * 100)
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception
    assert any("1 snapshot is beschadigd en wordt overgeslagen" in c.value for c in at.sidebar.caption)
    opties = at.selectbox(key="peildatum_keuze").options
    assert len(opties) == 2, "the good snapshot can still be chosen"
    alle_paginas_werken(at)


def test_opslagpad_is_een_map(tmp_path, monkeypatch):
    map_ = tmp_path / "gegevens"
    map_.mkdir()
    monkeypatch.setenv(store.ENV_VAR, str(map_))
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception
    assert at.error and "een map" in at.error[0].value and "beschadigd" not in at.error[0].value
    assert not any("Opnieuw opbouwen" in b.label for b in at.button)
    assert map_.is_dir()


def test_wijziging_op_alleen_lezen_opslag_geeft_nederlandse_melding(app_opslag):
    at = AppTest.from_file(APP, default_timeout=90).run()
    app_opslag.chmod(0o444)
    voor = app_opslag.read_bytes()
    at.switch_page("pages/transformatie.py").run()
    at.text_input(key="lokale_naam_invoer").set_value("Gerda").run()
    at.selectbox(key="mw_keuze").set_value("T-03").run()
    at.text_input(key="mw_T-03_1_ha").set_value("1,2")
    at.button(key="mw_T-03_1_opslaan").click().run()
    assert not at.exception
    assert any("alleen-lezen" in e.value.replace("\\", "") for e in at.error)
    assert app_opslag.read_bytes() == voor


def test_schrijffout_bij_wijziging_geeft_nederlandse_melding(app_opslag, monkeypatch):
    """A folder the app may not write to (simulated: the tests may run as root)."""
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("pages/transformatie.py").run()
    at.text_input(key="lokale_naam_invoer").set_value("Gerda").run()
    at.selectbox(key="mw_keuze").set_value("T-03").run()

    def weigert(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(shutil, "copyfile", weigert)
    at.text_input(key="mw_T-03_1_ha").set_value("1,2")
    at.button(key="mw_T-03_1_opslaan").click().run()
    assert not at.exception
    assert any("geen schrijfrechten" in e.value.replace("\\", "") for e in at.error)


def test_kapotte_opslag_herstellen_uit_de_laatste_goede_snapshot(app_opslag, beheerder):
    s = store.open_store(app_opslag, gebruiker=beheerder)
    m = s.load_mutaties()
    m.loc[m["mutatie_id"] == "T-03", "toelichting"] = "na de stuurgroep"
    s.write({"mutaties": m})
    s.snapshot("stand voor stuurgroep")
    kapot = b"SQLite format 3\x00" + b"\x00" * 200
    app_opslag.write_bytes(kapot)
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception
    assert any("stand voor stuurgroep" in md.value for md in at.markdown)
    knop = next(b for b in at.button if b.label == "Herstellen uit de laatste goede snapshot")
    knop.click().run()
    assert not at.exception
    assert any("hersteld uit de snapshot 'stand voor stuurgroep'" in x.value for x in at.success)
    bewaard = list(app_opslag.parent.glob("monitor.kapot-*.gpkg"))
    assert len(bewaard) == 1 and bewaard[0].read_bytes() == kapot
    hersteld = store.open_store(app_opslag)
    assert hersteld.load_mutaties().set_index("mutatie_id").loc["T-03", "toelichting"] == "na de stuurgroep"
    alle_paginas_werken(at)
