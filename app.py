"""Bedrijventerreinenmonitor 071 — entry point: page config, navigation and the shared sidebar."""

import streamlit as st

from bedrijventerreinen.ui import render_sidebar

st.set_page_config(page_title="Bedrijventerreinenmonitor 071", page_icon="🏭", layout="wide")

pagina = st.navigation(
    [
        st.Page("pages/overzicht.py", title="Overzicht", icon="📊", default=True),
    ]
)
render_sidebar()
pagina.run()
