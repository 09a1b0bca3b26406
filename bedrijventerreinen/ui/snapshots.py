"""The snapshots tab of the Transformatie & compensatie page: the list, making one on demand,
restoring one (reversible: the state before is kept as a snapshot; logged)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from .. import register, store, toegang
from ..formatting import format_datum
from ..toegang import Recht
from . import state
from .formulieren import render_algemene_fouten, render_fouten, save
from .peildatum import snapshot_tekst

if TYPE_CHECKING:
    from .common import Context

_FORMULIER = "snapshot"


def _render_lijst(snaps: pd.DataFrame) -> None:
    """The snapshots as a table (or a note that there are none)."""
    if snaps.empty:
        st.info("Er zijn nog geen snapshots.")
        return
    tabel = pd.DataFrame(
        {
            "Naam": snaps["label"].to_numpy(),
            "Gemaakt op": [register.format_tijdstip(t) for t in snaps["snapshot_op"]],
            "Versie": snaps["versie"].to_numpy(),
            "Bestand": [Path(b).name for b in snaps["bestand"]],
        }
    )
    st.dataframe(tabel, hide_index=True, width="stretch")


def _render_maken(live: store.Store) -> None:
    """Form to save the current state as a named snapshot."""
    with st.form(key=state.sleutel("sn_form")):
        label = st.text_input(
            "Naam van de snapshot",
            value=f"stand {format_datum(dt.date.today())}",
            key=state.sleutel("sn_label"),
            help="Bijvoorbeeld 'stand voor stuurgroep 12-03'.",
        )
        render_fouten(_FORMULIER, "label")
        if st.form_submit_button("Snapshot maken", key=state.sleutel("sn_opslaan")):

            def maak() -> str:
                register.take_snapshot(live, label)
                return f"Snapshot '{label}' is gemaakt."

            save(_FORMULIER, maak)


def _render_terugzetten(live: store.Store, snaps: pd.DataFrame) -> None:
    """Choose a snapshot and make it the current state, after an explicit confirmation."""
    st.markdown("**Snapshot terugzetten**")
    teksten = {str(r["bestand"]): snapshot_tekst(r) for _, r in snaps.iterrows()}
    bestand = st.selectbox(
        "Welke snapshot?", list(teksten), format_func=teksten.get, key=state.sleutel("sn_herstel_keuze")
    )
    zeker = st.checkbox(
        "Ik wil deze stand terugzetten. De huidige stand wordt eerst als snapshot bewaard, "
        "dus dit is terug te draaien.",
        key=state.sleutel("sn_zeker"),
    )
    if st.button("Snapshot terugzetten", key=state.sleutel("sn_herstel"), disabled=not zeker):

        def herstel() -> str:
            register.restore_snapshot(live, bestand)
            return f"De stand '{teksten[bestand]}' is teruggezet; de vorige stand is als snapshot bewaard."

        save(_FORMULIER, herstel)


def render_snapshots(ctx: Context) -> None:
    """Snapshots: the list, make one on demand, restore one (reversible and logged)."""
    live = store.open_store(gebruiker=ctx.gebruiker)
    snaps = live.list_snapshots()
    _render_lijst(snaps)
    if not ctx.mag(Recht.SNAPSHOT_MAKEN):
        if not ctx.alleen_lezen and ctx.gebruiker is not None:
            st.caption(toegang.geen_recht_tekst(ctx.gebruiker, Recht.SNAPSHOT_MAKEN))
        return
    render_algemene_fouten(_FORMULIER, ("label",))
    _render_maken(live)
    if not snaps.empty:
        _render_terugzetten(live, snaps)
