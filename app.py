"""Bedrijventerreinenmonitor 071 — entry point: page config, navigation and the shared sidebar."""

from pathlib import Path

import streamlit as st

from bedrijventerreinen.ui import render_sidebar
from bedrijventerreinen.ui import vergadermodus as vm

st.set_page_config(
    page_title="Bedrijventerreinenmonitor 071",
    page_icon=str(Path(__file__).parent / "static" / "favicon.png"),
    layout="wide",
)

vergadermodus = st.Page("pages/vergadermodus.py", title="Vergadermodus", icon=":material/co_present:")
pagina = st.navigation(
    [
        st.Page("pages/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True),
        st.Page("pages/kaart.py", title="Kaart", icon=":material/map:"),
        st.Page("pages/transformatie.py", title="Transformatie & compensatie", icon=":material/swap_horiz:"),
        st.Page("pages/kanszones.py", title="Kanszones", icon=":material/domain:"),
        st.Page("pages/scenarios.py", title="Scenario's", icon=":material/science:"),
        st.Page("pages/data.py", title="Data", icon=":material/database:"),
        vergadermodus,
    ],
    # Vergadermodus (?vergadermodus=1): no navigation and no sidebar, so no edit controls.
    position="hidden" if vm.is_aan() else "sidebar",
)
vm.route(pagina, vergadermodus)
if not vm.is_aan():
    render_sidebar()
    vm.render_schakelaar()
pagina.run()
