"""The audit log tab of the Transformatie & compensatie page: every change (and every refused
attempt), newest first, filterable by object and downloadable as CSV and Excel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from .. import register, store
from . import state
from .formulieren import tabelhoogte

if TYPE_CHECKING:
    from .common import Context


@st.cache_data(show_spinner=False, max_entries=8)
def _load_audit(path: str, versie: int) -> pd.DataFrame:
    return store.Store(path).load_audit()


def load_audit(ctx: Context) -> pd.DataFrame:
    """The audit log of ``ctx``'s store (cached per store version)."""
    return _load_audit(str(ctx.store.path), ctx.versie)


def render_logboek(ctx: Context) -> None:
    """The audit log (newest first), filterable by object, downloadable as CSV and Excel."""
    audit = load_audit(ctx)
    if audit.empty:
        st.info("Het logboek is nog leeg: er is nog niets gewijzigd.")
        return
    objecten = sorted(audit["object_id"].dropna().unique())
    keuze = st.multiselect(
        "Alleen deze objecten", objecten, key=state.sleutel("log_objecten"), placeholder="Alle objecten"
    )
    sel = audit[audit["object_id"].isin(keuze)] if keuze else audit
    st.caption(
        f"{len(sel)} {'regel' if len(sel) == 1 else 'regels'}; nieuwste bovenaan. Geweigerde pogingen staan er ook in."
    )
    st.dataframe(register.format_audit(sel), hide_index=True, width="stretch", height=tabelhoogte(len(sel), 560))
    links, rechts = st.columns(2)
    links.download_button(
        "Logboek downloaden (CSV)",
        register.audit_csv(sel),
        file_name="logboek-register.csv",
        mime="text/csv",
        key=state.sleutel("log_csv"),
    )
    rechts.download_button(
        "Logboek downloaden (Excel)",
        register.audit_xlsx(sel),
        file_name="logboek-register.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=state.sleutel("log_xlsx"),
    )
