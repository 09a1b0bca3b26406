"""Streamlit helpers of the Transformatie & compensatie page: the cached register figures and
the mutatie forms (change, add, retire or make valid again) with their Dutch messages next to
the fields.

The page's other parts live in their own modules and are re-exported here, so the page uses
one name: :mod:`.koppelingen` (koppeling forms), :mod:`.conflict` (the conflict dialogue),
:mod:`.logboek` (audit log), :mod:`.snapshots` (snapshots tab) and :mod:`.formulieren` (what the
forms share). The peildatum lives in :mod:`.peildatum`.

Everything a user typed is data: it reaches Streamlit through ``st.dataframe``/``st.text``
or through :func:`bedrijventerreinen.formatting.escape_markdown` before any markdown element.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from .. import register, schema, store
from ..definities import is_vervallen
from ..formatting import escape_markdown, format_ha
from . import state
from .conflict import render_conflict
from .formulieren import (
    CONFLICT_REDEN,
    forget_basis,
    remember_basis,
    render_algemene_fouten,
    render_fouten,
    render_melding,
    save,
    set_fouten,
    tabelhoogte,
)
from .invoer import getal_invoer
from .koppelingen import render_koppelingen
from .logboek import load_audit, render_logboek
from .snapshots import render_snapshots

if TYPE_CHECKING:
    from .common import Context

__all__ = [
    "load_audit",
    "load_mutaties",
    "render_conflict",
    "render_koppelingen",
    "render_logboek",
    "render_melding",
    "render_nieuwe_mutatie",
    "render_regels",
    "render_snapshots",
    "render_vervallen",
    "render_wijzig_mutatie",
    "tabelhoogte",
    "tijdlijn",
]

_MN_TELLER = state.sleutel("mn_teller")


def _getal_of_niets(waarde: object) -> float | None:
    """A stored number for a field: None when missing (None, NaN, empty)."""
    try:
        getal = float(waarde)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(getal) else getal


# -- cached loading ----------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=8)
def _load_mutaties(path: str, versie: int) -> pd.DataFrame:
    return pd.DataFrame(store.Store(path).load("mutaties").drop(columns="geometry", errors="ignore"))


@st.cache_data(show_spinner=False, max_entries=32)
def _tijdlijn(
    path: str, versie: int, gemeenten: tuple[str, ...], planstatus: str, _mutaties: pd.DataFrame, _strategie
) -> pd.DataFrame:
    return register.compute_tijdlijn(_mutaties, _strategie, list(gemeenten), planstatus)


def tijdlijn(ctx: Context, mutaties: pd.DataFrame) -> pd.DataFrame:
    """:func:`bedrijventerreinen.register.compute_tijdlijn` for the selection, cached per store version."""
    return _tijdlijn(
        str(ctx.store.path), ctx.versie, tuple(ctx.gemeenten), ctx.planstatus_vanaf, mutaties, ctx.strategie
    )


def load_mutaties(ctx: Context) -> pd.DataFrame:
    """The whole register of ``ctx``'s store, retired mutaties included (attributes only)."""
    return _load_mutaties(str(ctx.store.path), ctx.versie)


# -- the mutatie forms --------------------------------------------------------------------
def _rij(mutaties: pd.DataFrame, mutatie_id: str) -> dict[str, object]:
    """Mutatie ``mutatie_id`` as a dict of normalised values."""
    r = mutaties[mutaties["mutatie_id"] == mutatie_id].iloc[0]
    return register.mutatie_dict(r)


def _terrein_opties(terreinen: pd.DataFrame) -> tuple[list[str], dict[str, str]]:
    """The parks to choose from (none first) and their texts, by gemeente and name."""
    t = terreinen.sort_values(["gemeente", "naam"])
    opties = ["", *t["terrein_id"].astype(str)]
    teksten = {
        "": "(geen terrein)",
        **{r.terrein_id: f"{r.terrein_id} · {r.naam} ({r.gemeente})" for r in t.itertuples()},
    }
    return opties, teksten


def _veld_soort(formulier: str, sleutel: str, basis: Mapping[str, object]) -> str:
    """The soort of a new mutatie; returns the chosen code."""
    soorten = [c for c in schema.codes(schema.SOORTEN)]
    soort = st.selectbox(
        "Soort",
        soorten,
        index=soorten.index(str(basis.get("soort") or "transformatie")),
        format_func=lambda s: schema.label(schema.SOORTEN, s),
        key=state.extend_key(sleutel, "soort"),
    )
    render_fouten(formulier, "soort")
    return soort


def _velden_ligging(
    formulier: str, sleutel: str, ctx: Context, basis: Mapping[str, object], invoerfouten: list[str]
) -> dict[str, object]:
    """Gemeente, terrein and hectares (the left column); returns their values."""
    waarden: dict[str, object] = {}
    gemeenten = list(ctx.strategie.gemeenten)
    g = str(basis.get("gemeente") or gemeenten[0])
    waarden["gemeente"] = st.selectbox(
        "Gemeente",
        gemeenten,
        index=gemeenten.index(g) if g in gemeenten else 0,
        key=state.extend_key(sleutel, "gemeente"),
    )
    render_fouten(formulier, "gemeente")
    opties, teksten = _terrein_opties(ctx.lagen["terreinen"])
    tid = str(basis.get("terrein_id") or "")
    waarden["terrein_id"] = st.selectbox(
        "Terrein",
        opties,
        index=opties.index(tid) if tid in opties else 0,
        format_func=lambda o: teksten.get(o, o),
        key=state.extend_key(sleutel, "terrein"),
        help="Het terrein waarop de mutatie ligt; de hectares mogen niet groter zijn dan het terrein netto.",
    )
    render_fouten(formulier, "terrein_id")
    waarden["ha"] = getal_invoer(
        "Hectare (netto)",
        _getal_of_niets(basis.get("ha")),
        key=state.extend_key(sleutel, "ha"),
        fouten=invoerfouten,
        decimalen=2,
        in_formulier=True,
        help="Netto hectares, met een komma voor decimalen (0,3). Bij intensivering de ruimtewinst in "
        "hectare-equivalent.",
    )
    render_fouten(formulier, "ha")
    return waarden


def _velden_planning(
    formulier: str, sleutel: str, basis: Mapping[str, object], invoerfouten: list[str]
) -> dict[str, object]:
    """Planstatus, year and source (the right column); returns their values."""
    waarden: dict[str, object] = {}
    statussen = schema.codes(schema.PLANSTATUS)
    p = str(basis.get("planstatus") or "idee")
    waarden["planstatus"] = st.selectbox(
        "Planstatus",
        statussen,
        index=statussen.index(p) if p in statussen else 0,
        format_func=lambda s: schema.label(schema.PLANSTATUS, s),
        key=state.extend_key(sleutel, "planstatus"),
        help=" ".join(f"{c.label}: {c.uitleg}" for c in schema.PLANSTATUS),
    )
    render_fouten(formulier, "planstatus")
    jaar = getal_invoer(
        "Jaar",
        _getal_of_niets(basis.get("jaar")),
        key=state.extend_key(sleutel, "jaar"),
        fouten=invoerfouten,
        decimalen=0,
        geheel=True,
        in_formulier=True,
    )
    waarden["jaar"] = int(jaar) if jaar is not None else None
    render_fouten(formulier, "jaar")
    waarden["bron"] = st.text_input("Bron", value=str(basis.get("bron") or ""), key=state.extend_key(sleutel, "bron"))
    render_fouten(formulier, "bron")
    return waarden


def _velden(
    formulier: str,
    sleutel: str,
    ctx: Context,
    basis: Mapping[str, object],
    met_soort: bool,
    invoerfouten: list[str],
) -> dict[str, object]:
    """The fields of a mutatie form, each with its Dutch messages below it; returns the values.
    A number that cannot be read is appended to ``invoerfouten`` (and shown under its field)."""
    waarden: dict[str, object] = {}
    if met_soort:
        waarden["soort"] = _veld_soort(formulier, sleutel, basis)
    waarden["naam"] = st.text_input(
        "Naam van de locatie", value=str(basis.get("naam") or ""), key=state.extend_key(sleutel, "naam")
    )
    render_fouten(formulier, "naam")
    links, rechts = st.columns(2)
    with links:
        waarden.update(_velden_ligging(formulier, sleutel, ctx, basis, invoerfouten))
    with rechts:
        waarden.update(_velden_planning(formulier, sleutel, basis, invoerfouten))
    waarden["toelichting"] = st.text_area(
        "Toelichting",
        value=str(basis.get("toelichting") or ""),
        key=state.extend_key(sleutel, "toelichting"),
        height=90,
    )
    render_fouten(formulier, "toelichting")
    waarden["reden_afwijking"] = st.text_input(
        "Reden afwijking strategie (alleen bij een transformatie op een niet-goedgekeurde locatie)",
        value="",
        key=state.extend_key(sleutel, "reden"),
        help="De strategie staat tot de horizon alleen transformaties op de goedgekeurde locaties toe. "
        "Een andere locatie kan alleen met een uitdrukkelijke reden in het register.",
    )
    render_fouten(formulier, "reden_afwijking")
    return waarden


def _render_verouderd(sleutel_basis: str, basis: Mapping[str, object], huidig: Mapping[str, object]) -> None:
    """A warning (and a refresh button) when the mutatie was saved since the form opened."""
    if basis.get("versie") == huidig.get("versie"):
        return
    st.warning(
        f"Deze mutatie is gewijzigd sinds u het formulier opende (nu versie {huidig.get('versie')}, "
        f"u begon met versie {basis.get('versie')}). Opslaan wordt geweigerd tot u het formulier ververst.",
    )
    if st.button("Formulier verversen met de nieuwe stand", key=state.sleutel("mw_verversen")):
        forget_basis(sleutel_basis)
        st.rerun()


def _save_wijziging(
    ctx: Context, mid: str, basis: Mapping[str, object], waarden: dict[str, object], sleutel_basis: str
) -> None:
    """Save the fields of ``waarden`` that differ from ``basis`` (refused when nothing changed)."""
    formulier = "wijzig"
    reden = str(waarden.pop("reden_afwijking") or "")
    wijzigingen = {
        k: v for k, v in waarden.items() if register.normalize_veld(k, v) != register.normalize_veld(k, basis.get(k))
    }
    if not wijzigingen and not reden:
        set_fouten(formulier, [register.Melding("_", "V00", "U heeft niets gewijzigd.")])
        st.rerun()

    def actie() -> str:
        v = register.change_mutatie(ctx.store, mid, wijzigingen, int(basis.get("versie") or 0), ctx.strategie, reden)
        return f"Mutatie {mid} is opgeslagen (versie {v})."

    st.session_state[CONFLICT_REDEN] = reden
    save(formulier, actie, sleutel_basis)


def render_wijzig_mutatie(ctx: Context, mutaties: pd.DataFrame) -> None:
    """Form to change one mutatie; only the fields the user changed are saved."""
    actief = register.actieve_mutaties(mutaties)
    actief = actief[actief["gemeente"].isin(ctx.gemeenten)]
    if actief.empty:
        st.info("Er zijn geen geldige mutaties in de selectie.")
        return
    rijen = {r["mutatie_id"]: r for _, r in actief.iterrows()}
    mid = st.selectbox(
        "Welke mutatie?",
        list(rijen),
        format_func=lambda m: register.mutatie_label(rijen[m]),
        key=state.sleutel("mw_keuze"),
    )
    sleutel_basis = f"wijzig:{mid}"
    huidig = _rij(mutaties, mid)
    basis = remember_basis(sleutel_basis, huidig)
    _render_verouderd(sleutel_basis, basis, huidig)
    formulier = "wijzig"
    sleutel = state.sleutel("mw", mid, basis.get("versie"))
    with st.form(key=state.extend_key(sleutel, "form")):
        st.caption(
            f"Soort: {schema.label(schema.SOORTEN, str(basis['soort']))} · versie {basis.get('versie')} · "
            f"laatst gewijzigd door {escape_markdown(basis.get('gewijzigd_door') or 'onbekend')}"
        )
        render_algemene_fouten(formulier, (*register.BEWERKBAAR, "reden_afwijking"))
        invoerfouten: list[str] = []
        waarden = _velden(formulier, sleutel, ctx, basis, met_soort=False, invoerfouten=invoerfouten)
        verzonden = st.form_submit_button("Wijziging opslaan", type="primary", key=state.extend_key(sleutel, "opslaan"))
    if verzonden and not invoerfouten:  # an unreadable number is shown under its field; nothing is saved
        _save_wijziging(ctx, mid, basis, waarden, sleutel_basis)


def render_nieuwe_mutatie(ctx: Context) -> None:
    """Form to add a mutatie; the id is given by the register (T-12, C-05, ...)."""
    formulier = "nieuw"
    st.session_state.setdefault(_MN_TELLER, state.standaard(_MN_TELLER))
    sleutel = state.sleutel("mn", st.session_state[_MN_TELLER])
    basis = {
        "soort": "transformatie",
        "gemeente": ctx.gemeenten[0],
        "planstatus": "idee",
        "jaar": ctx.strategie.horizon,
    }
    with st.form(key=state.extend_key(sleutel, "form")):
        render_algemene_fouten(formulier, (*register.VELDEN, "reden_afwijking"))
        invoerfouten: list[str] = []
        waarden = _velden(formulier, sleutel, ctx, basis, met_soort=True, invoerfouten=invoerfouten)
        verzonden = st.form_submit_button("Mutatie toevoegen", type="primary", key=state.extend_key(sleutel, "opslaan"))
    if verzonden and not invoerfouten:  # an unreadable number is shown under its field; nothing is saved
        reden = str(waarden.pop("reden_afwijking") or "")

        def actie() -> str:
            mid = register.add_mutatie(ctx.store, waarden, ctx.strategie, reden)
            st.session_state[_MN_TELLER] += 1  # a fresh, empty form after a save
            return f"Mutatie {mid} ('{waarden['naam']}') is toegevoegd."

        save(formulier, actie)


def _render_weer_geldig(ctx: Context, mid: str, basis: Mapping[str, object], sleutel_basis: str) -> None:
    """The date a retired mutatie was retired and the button to make it valid again."""
    st.write(f"Deze mutatie is vervallen op {register.format_dag(basis.get('vervallen'))}.")
    if st.button("Weer geldig maken", key=state.sleutel("vv_herstel", mid), type="primary"):

        def actie() -> str:
            register.reinstate_mutatie(ctx.store, mid, int(basis.get("versie") or 0), ctx.strategie)
            return f"Mutatie {mid} is weer geldig. Koppel zo nodig opnieuw compensatie (zie het logboek)."

        save("vervallen", actie, sleutel_basis)


def _render_laten_vervallen(ctx: Context, mid: str, basis: Mapping[str, object], sleutel_basis: str) -> None:
    """What retiring takes with it (its koppelingen), the reason and the button to retire."""
    formulier = "vervallen"
    k = ctx.lagen["koppelingen"]
    gekoppeld = k[(k["transformatie_id"] == mid) | (k["compensatie_id"] == mid)]
    if len(gekoppeld):
        st.warning(
            f"Deze mutatie heeft {len(gekoppeld)} koppeling(en) met samen {format_ha(gekoppeld['ha'].sum(), 2)}. "
            "Die vervallen ook; het logboek bewaart ze."
        )
    reden = st.text_input("Reden van vervallen", key=state.sleutel("vv_reden", mid))
    render_fouten(formulier, "reden")
    if st.button("Laten vervallen", key=state.sleutel("vv_knop", mid), type="primary"):

        def actie() -> str:
            register.retire_mutatie(ctx.store, mid, int(basis.get("versie") or 0), reden)
            return f"Mutatie {mid} is vervallen; ze blijft zichtbaar in het register met 'Toon vervallen'."

        save(formulier, actie, sleutel_basis)


def render_vervallen(ctx: Context, mutaties: pd.DataFrame) -> None:
    """Retire a mutatie (with a reason; its koppelingen are removed and logged) or make a
    retired one valid again."""
    sel = mutaties[mutaties["gemeente"].isin(ctx.gemeenten)]
    if sel.empty:
        st.info("Er zijn geen mutaties in de selectie.")
        return
    rijen = {r["mutatie_id"]: r for _, r in sel.iterrows()}
    vervallen = set(sel.loc[is_vervallen(sel), "mutatie_id"])

    def tekst(m: str) -> str:
        return register.mutatie_label(rijen[m]) + (" — vervallen" if m in vervallen else "")

    mid = st.selectbox("Welke mutatie?", list(rijen), format_func=tekst, key=state.sleutel("vv_keuze"))
    sleutel_basis = f"vervallen:{mid}"
    basis = remember_basis(sleutel_basis, _rij(mutaties, mid))
    render_algemene_fouten("vervallen", ("reden",))
    if mid in vervallen:
        _render_weer_geldig(ctx, mid, basis, sleutel_basis)
    else:
        _render_laten_vervallen(ctx, mid, basis, sleutel_basis)


def render_regels() -> None:
    """The validation rules, as declared in :data:`bedrijventerreinen.register.REGELS`."""
    st.dataframe(register.regels_frame(), hide_index=True, width="stretch")
