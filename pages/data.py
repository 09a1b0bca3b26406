"""Data: import real geodata (wizard with validation report, diff and snapshot), exports and snapshots."""

import streamlit as st

from bedrijventerreinen.ui import page_context, page_header
from bedrijventerreinen.ui.data import render_exports, render_import, render_snapshots

ctx = page_context()
page_header("Data: inlezen en exporteren", ctx)

inlezen, exporteren, snapshots = st.tabs(["Inlezen", "Exporteren", "Snapshots"])
with inlezen:
    render_import(ctx)
with exporteren:
    render_exports(ctx)
with snapshots:
    render_snapshots(ctx)
