"""The one place where the monitor relies on how Streamlit chooses between its two ways of
running pages (tested against Streamlit in ``tests/test_state.py``).

Until ``st.navigation`` has run once in a server process, Streamlit's older multipage mode
(it sees the ``pages/`` folder beside ``app.py``) runs a page opened by its URL on its own,
without app.py's page config, login, navigation and sidebar. Streamlit keeps which mode it is
in on ``PagesManager.uses_pages_directory``; this module only reads it (``st.navigation``
itself switches the older mode off), it never changes it.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

APP_PATH = Path(__file__).resolve().parents[2] / "app.py"


def in_oude_paginamodus() -> bool:
    """True while Streamlit runs pages from the ``pages/`` folder on their own."""
    return bool(PagesManager.uses_pages_directory)


def ensure_navigation() -> None:
    """Route a page opened directly by its URL through ``app.py``.

    In the older mode app.py is run here, in the same script run (so the URL, its query
    parameters and any clicked button survive); its ``st.navigation`` leaves the older mode and
    opens this same page, after which this outer run stops. A page that is the main script on
    its own (a test of one page) has no ``pages/`` folder beside it and runs as it is.
    """
    if not in_oude_paginamodus():
        return
    runpy.run_path(str(APP_PATH), run_name="__main__")
    st.stop()
