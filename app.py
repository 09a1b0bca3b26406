"""Bedrijventerreinenmonitor 071 — entry point: page config, navigation and the shared sidebar."""

from pathlib import Path

import streamlit as st

from bedrijventerreinen.ui import render_sidebar

st.set_page_config(
    page_title="Bedrijventerreinenmonitor 071",
    page_icon=str(Path(__file__).parent / "static" / "favicon.png"),
    layout="wide",
)

pagina = st.navigation(
    [
        st.Page("pages/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True),
        st.Page("pages/kaart.py", title="Kaart", icon=":material/map:"),
        st.Page("pages/transformatie.py", title="Transformatie & compensatie", icon=":material/swap_horiz:"),
        st.Page("pages/scenarios.py", title="Scenario's", icon=":material/science:"),
        st.Page("pages/data.py", title="Data", icon=":material/database:"),
    ]
)
render_sidebar()
pagina.run()
