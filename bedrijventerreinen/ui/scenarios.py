"""Streamlit helpers of the Scenario's page: the scenario buffer in session state, cached
evaluation, and opening a scenario from the URL (?scenario=<id>)."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from .. import scenarios
from ..formatting import escape_markdown
from . import state
from .common import Context

BUFFER = state.sleutel("scenario_buffer")  # JSON of the scenario being edited
EDITOR_TELLER = state.sleutel("scenario_editor_teller")  # new editor key when a scenario is (re)loaded
GEOPEND = state.sleutel("scenario_geopend_id")


@st.cache_data(show_spinner=False, max_entries=64)
def _evaluate(path: str, versie: int, scenario_json: str, _lagen: dict, _strategie) -> scenarios.Evaluatie:
    return scenarios.evaluate(_lagen, _strategie, scenarios.Scenario.from_json(scenario_json))


def evaluate(ctx: Context, scenario: scenarios.Scenario) -> scenarios.Evaluatie:
    """Evaluate ``scenario`` on the current store version (cached per version and scenario)."""
    return _evaluate(str(ctx.store.path), ctx.versie, scenario.to_json(), ctx.lagen, ctx.strategie)


def current(ctx: Context) -> scenarios.Scenario:
    """The scenario in the edit buffer; on first visit the one named in the URL, else a new one."""
    if BUFFER not in st.session_state:
        sid = st.query_params.get("scenario")
        if sid and (rij := ctx.store.load_scenario(sid)) is not None:
            load_into_buffer(sid, rij)
        else:
            nieuw = scenarios.Scenario(horizon=ctx.strategie.horizon, planstatus_vanaf=ctx.planstatus_vanaf)
            st.session_state[BUFFER] = nieuw.to_json()
            if sid:
                st.warning("Het scenario uit de link bestaat niet (meer). U begint met een nieuw scenario.")
    return scenarios.Scenario.from_json(st.session_state[BUFFER])


def load_into_buffer(sid: str | None, rij: tuple[str, str, str, str]) -> None:
    """Put a saved scenario (naam, auteur, beschrijving, inhoud) in the buffer and reset the widgets."""
    naam, auteur, beschrijving, inhoud = rij
    sc = scenarios.Scenario.from_json(inhoud)
    sc.naam, sc.auteur, sc.beschrijving = naam, auteur, beschrijving
    st.session_state[BUFFER] = sc.to_json()
    st.session_state[GEOPEND] = sid
    st.session_state[EDITOR_TELLER] = st.session_state.get(EDITOR_TELLER, 0) + 1
    state.reset("scenario")  # the builder's widgets start again from the loaded scenario
    if sid:
        st.query_params["scenario"] = sid
    else:
        st.query_params.pop("scenario", None)


def store_buffer(scenario: scenarios.Scenario) -> None:
    """Keep the edited scenario in the buffer (UI state only; the store holds saved ones)."""
    st.session_state[BUFFER] = scenario.to_json()


def saved(ctx: Context) -> pd.DataFrame:
    """Saved scenarios of the store."""
    return ctx.store.list_scenarios()


def render_verschilkaart(ctx: Context, reeks: list[scenarios.Scenario]) -> None:
    """A map of the parks with only the mutaties that differ between the scenarios; the
    map is static for the page (no reruns on pan or click)."""
    from streamlit_folium import st_folium

    from .. import maps
    from .kaart import ENV_ACHTERGROND, KAART_ACHTERGROND, asset_base

    ids = scenarios.differing_mutatie_ids(reeks)
    if not ids:
        st.caption(
            "De gekozen scenario's passen dezelfde mutaties gelijk aan: er is niets verschillends op de kaart te tonen."
        )
        return
    m = ctx.lagen["mutaties"]
    verschil = m[m["mutatie_id"].isin(ids)]
    kaart = maps.build_map(
        ctx.lagen["terreinen"],
        verschil,
        None,
        dekking=ctx.stand.dekking,
        strategie=ctx.strategie,
        planstatus_vanaf="idee",
        basiskaart=st.session_state.get(KAART_ACHTERGROND, os.environ.get(ENV_ACHTERGROND, maps.BASISKAART_LICHT.code)),
        asset_base=asset_base(),
        hoogte=420,
    )
    st_folium(
        kaart, key=state.sleutel("scenario_verschilkaart"), height=420, use_container_width=True, returned_objects=[]
    )
    namen = dict(zip(m["mutatie_id"], m["naam"], strict=True))
    st.caption("Verschillend aangepast: " + ", ".join(escape_markdown(f"{namen.get(i, i)} ({i})") for i in ids))
