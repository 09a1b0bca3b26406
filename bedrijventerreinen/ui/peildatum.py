"""The peildatum: the sidebar choice between the live store and a snapshot (read-only), and
the banner a page shows while a snapshot is on screen.

This module builds on nothing else of ``bedrijventerreinen.ui`` but the key registry
(:mod:`.state`): :mod:`.common` imports the
session key :data:`PEILDATUM` and both widgets from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Protocol

import streamlit as st

from .. import store
from ..formatting import escape_markdown, format_datum
from . import state

#: Session key: path of the snapshot the app shows read-only ("per peildatum"); absent = the live store.
PEILDATUM = state.sleutel("peildatum_snapshot")
#: Widget key of the sidebar's select box.
PEILDATUM_KEUZE = state.sleutel("peildatum_keuze")


class Weergave(Protocol):
    """What the banner needs of a page's context (:class:`.common.Context` has both)."""

    @property
    def store(self) -> store.Store: ...

    @property
    def alleen_lezen(self) -> bool: ...


def snapshot_tekst(rij: Mapping[str, object]) -> str:
    """A snapshot as people choose it: ``stand voor stuurgroep (28-11-2026)``."""
    op = str(rij.get("snapshot_op") or "")
    try:
        wanneer = f"{format_datum(dt.datetime.fromisoformat(op))}"
    except ValueError:
        wanneer = op
    return f"{rij['label']} ({wanneer})"


def _kies() -> None:
    """Keep the choice of the select box in ``st.session_state[PEILDATUM]`` (none = live)."""
    keuze = st.session_state.get(PEILDATUM_KEUZE, "")
    if keuze:
        st.session_state[PEILDATUM] = keuze
    else:
        st.session_state.pop(PEILDATUM, None)


def render_peildatum_keuze(live: store.Store) -> None:
    """Sidebar choice between the live store and a snapshot (read-only), kept in
    ``st.session_state[PEILDATUM]`` so other pages can use the same peildatum."""
    snaps, beschadigd = live.snapshots_en_beschadigd()
    opties = ["", *[str(b) for b in snaps["bestand"]]]
    teksten = {"": "Actuele stand", **{str(r["bestand"]): snapshot_tekst(r) for _, r in snaps.iterrows()}}
    huidig = st.session_state.get(PEILDATUM, "")
    if huidig not in opties:
        huidig = ""
        st.session_state.pop(PEILDATUM, None)
    with st.sidebar:
        st.selectbox(
            "Peildatum",
            options=opties,
            index=opties.index(huidig),
            format_func=teksten.get,
            key=PEILDATUM_KEUZE,
            on_change=_kies,
            help="Bekijk de monitor zoals hij was bij een snapshot (alleen lezen).",
        )
        if beschadigd:
            n = len(beschadigd)
            st.caption(
                f"{n} {'snapshot is' if n == 1 else 'snapshots zijn'} beschadigd en {'wordt' if n == 1 else 'worden'} "
                "overgeslagen",
                help="\n".join(b.reden for b in beschadigd),
            )


def is_peildatum(ctx: Weergave) -> bool:
    """True when ``ctx`` shows a snapshot (read-only) instead of the live store."""
    return ctx.alleen_lezen


def render_peildatum_banner(ctx: Weergave) -> bool:
    """A banner while a snapshot is shown; returns True when the page is read-only."""
    if not is_peildatum(ctx):
        return False
    meta = ctx.store.meta()
    tekst = snapshot_tekst({"label": meta.get("snapshot_label", ctx.store.path.stem), **meta})
    st.info(
        f"U bekijkt de stand per peildatum: **{escape_markdown(tekst)}**. Alleen lezen; kies 'Actuele stand' "
        "in de zijbalk om te wijzigen.",
        icon="🕰️",
    )
    return True
