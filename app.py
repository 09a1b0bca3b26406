"""Bedrijventerreinenmonitor 071 — entry point: page config, login, navigation and the shared sidebar."""

from pathlib import Path

import streamlit as st

from bedrijventerreinen import toegang
from bedrijventerreinen.toegang import Recht
from bedrijventerreinen.ui import render_sidebar
from bedrijventerreinen.ui import toegang as login
from bedrijventerreinen.ui import vergadermodus as vm

st.set_page_config(
    page_title="Bedrijventerreinenmonitor 071",
    page_icon=str(Path(__file__).parent / "static" / "favicon.png"),
    layout="wide",
)

# Who is this? None until logged in (with accounts or OIDC configured); nothing below runs a page before that.
gebruiker = login.check_gebruiker()

vergadermodus = st.Page("pages/vergadermodus.py", title="Vergadermodus", icon=":material/co_present:")
paginas = [
    st.Page("pages/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True),
    st.Page("pages/kaart.py", title="Kaart", icon=":material/map:"),
    st.Page("pages/transformatie.py", title="Transformatie & compensatie", icon=":material/swap_horiz:"),
    st.Page("pages/kanszones.py", title="Kanszones", icon=":material/domain:"),
    st.Page("pages/scenarios.py", title="Scenario's", icon=":material/science:"),
    st.Page("pages/data.py", title="Data", icon=":material/database:"),
    vergadermodus,
]
if toegang.mag(gebruiker, Recht.GEBRUIKERS_BEKIJKEN):
    paginas.append(st.Page("pages/gebruikers.py", title="Gebruikers", icon=":material/group:"))
pagina = st.navigation(
    paginas,
    # Vergadermodus (?vergadermodus=1): no navigation and no sidebar, so no edit controls.
    position="hidden" if vm.is_aan() or gebruiker is None else "sidebar",
)
if gebruiker is None:
    login.render_aanmelden()  # local accounts keep the URL (page and query); after OIDC Streamlit returns to /
vm.route(pagina, vergadermodus)
if not vm.is_aan():
    login.render_gebruiker_sidebar(gebruiker)
    render_sidebar()
    vm.render_schakelaar()
pagina.run()
