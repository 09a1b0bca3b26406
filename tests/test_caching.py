"""The speed mechanisms a user feels (not timings): a rerun without a store change loads
nothing from the store again, and a write makes every page load fresh data."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def tel_laden(tmp_path, monkeypatch):
    monkeypatch.setenv("BEDRIJVENTERREINEN_STORE", str(tmp_path / "monitor.gpkg"))
    geladen: list[str] = []
    origineel = store.Store.load

    def load(self, laag):
        geladen.append(laag)
        return origineel(self, laag)

    monkeypatch.setattr(store.Store, "load", load)
    return geladen


@pytest.mark.parametrize("page", ["pages/overzicht.py", "pages/kaart.py", "pages/scenarios.py"])
def test_filter_change_does_not_reload_the_store(tel_laden, page):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception
    assert tel_laden, "the first render loads the layers"
    na_eerste = len(tel_laden)
    at.radio(key="filter_planstatus").set_value("zacht").run()
    at.multiselect(key="filter_gemeenten").set_value(["Katwijk"]).run()
    assert not at.exception
    assert len(tel_laden) == na_eerste, f"a filter change reloaded {tel_laden[na_eerste:]}"


def test_a_write_invalidates_the_cache(tel_laden, tmp_path, beheerder):
    at = AppTest.from_file(APP, default_timeout=60).run()
    voor = next(m.value for m in at.metric if m.label == "Transformatie")
    s = store.open_store(gebruiker=beheerder)
    m = s.load_mutaties()
    m.loc[m["mutatie_id"] == "T-04", "ha"] = 9.5  # a hard transformation in Leiden grows
    s.write({"mutaties": m})
    at.run()
    na = next(m.value for m in at.metric if m.label == "Transformatie")
    assert voor != na
