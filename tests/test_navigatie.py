"""A page opened by its URL runs through app.py (login, sidebar, page config), relying on one
piece of Streamlit's internals, isolated in ``bedrijventerreinen/ui/navigatie.py``: these tests
fail loudly when Streamlit changes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import toegang
from bedrijventerreinen.ui import navigatie

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def lokale_modus(tmp_path, monkeypatch):
    monkeypatch.setenv(toegang.ENV_TOEGANG, str(tmp_path / "geen-toegang.toml"))


def test_streamlit_still_keeps_the_page_mode_where_the_monitor_reads_it():
    assert hasattr(PagesManager, "uses_pages_directory"), "Streamlit moved the page mode: update ui/navigatie.py"
    assert navigatie.APP_PATH.exists()


def test_st_navigation_leaves_the_older_mode(store_pad):
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    assert PagesManager.uses_pages_directory is False, "st.navigation no longer switches the older mode off"


def test_a_page_opened_by_its_url_gets_the_login_and_the_sidebar(store_pad):
    """AppTest starts every run in the older mode: the Kaart page opened directly still shows
    app.py's sidebar (the shared filters) and the lokale-modus name field."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/kaart.py").run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title][:1] == ["Kaart"] or any("Kaart" in t.value for t in at.title)
    assert any(m.label == "Gemeenten" for m in at.sidebar.multiselect), "the page ran without app.py's sidebar"
