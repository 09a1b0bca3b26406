"""Data: import real geodata (wizard with validation report, diff and snapshot), exports and snapshots."""

import streamlit as st

from bedrijventerreinen.toegang import Recht, geen_recht_tekst
from bedrijventerreinen.ui import page_context, page_header
from bedrijventerreinen.ui.data import render_import
from bedrijventerreinen.ui.data_exports import render_exports, render_snapshots

ctx = page_context()
page_header("Data: inlezen en exporteren", ctx)

inlezen, exporteren, snapshots = st.tabs(["Inlezen", "Exporteren", "Snapshots"])
with inlezen:
    if ctx.alleen_lezen:
        st.info("U bekijkt een stand per peildatum: inlezen kan alleen in de actuele stand.")
    elif not ctx.mag(Recht.IMPORTEREN):
        st.info(geen_recht_tekst(ctx.gebruiker, Recht.IMPORTEREN))
    else:
        render_import(ctx)
with exporteren:
    render_exports(ctx)
with snapshots:
    if ctx.alleen_lezen:
        st.info("U bekijkt een stand per peildatum: kies 'Actuele stand' in de zijbalk om snapshots te beheren.")
    else:
        render_snapshots(ctx)
