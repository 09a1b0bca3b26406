"""The koppeling forms of the Transformatie & compensatie page: allocate compensation
hectares to a transformation, change or remove an allocation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from .. import register
from ..formatting import escape_markdown, format_ha
from . import state
from .formulieren import remember_basis, render_algemene_fouten, render_fouten, save
from .invoer import getal_invoer

if TYPE_CHECKING:
    from .common import Context


def _render_nieuwe_koppeling(
    ctx: Context, trans: pd.DataFrame, comp: pd.DataFrame, labels: dict[str, str], toegewezen: pd.Series
) -> None:
    """Form to link hectares of a compensation (with what is still free) to a transformation."""
    formulier = "koppeling_nieuw"
    with st.form(key=state.sleutel("kn_form")):
        render_algemene_fouten(formulier, ("transformatie_id", "compensatie_id", "ha"))
        t = st.selectbox(
            "Transformatie", list(trans["mutatie_id"]), format_func=labels.get, key=state.sleutel("kn_trans")
        )
        render_fouten(formulier, "transformatie_id")

        def comp_tekst(c: str) -> str:
            groot = float(comp.loc[comp["mutatie_id"] == c, "ha"].iloc[0])
            vrij = max(groot - float(toegewezen.get(c, 0.0)), 0.0)
            return f"{labels[c]} — vrij {format_ha(vrij, 2)}"

        c = st.selectbox("Compensatie", list(comp["mutatie_id"]), format_func=comp_tekst, key=state.sleutel("kn_comp"))
        render_fouten(formulier, "compensatie_id")
        invoerfouten: list[str] = []
        ha = getal_invoer(
            "Hectare toegewezen", None, key=state.sleutel("kn_ha"), fouten=invoerfouten, decimalen=2, in_formulier=True
        )
        render_fouten(formulier, "ha")
        if (
            st.form_submit_button("Koppeling toevoegen", type="primary", key=state.sleutel("kn_opslaan"))
            and not invoerfouten
        ):

            def actie() -> str:
                register.add_koppeling(ctx.store, t, c, ha, ctx.strategie)  # type: ignore[arg-type]
                return f"Koppeling {register.koppeling_id(t, c)} ({format_ha(ha, 2)}) is toegevoegd."

            save(formulier, actie)


def _render_wijzig_koppeling(ctx: Context, eigen: pd.DataFrame, labels: dict[str, str]) -> None:
    """Choose one of the koppelingen ``eigen``; change its hectares or remove it."""
    opties = [register.koppeling_id(r.transformatie_id, r.compensatie_id) for r in eigen.itertuples()]
    oid = st.selectbox("Welke koppeling?", opties, key=state.sleutel("kw_keuze"))
    tid, cid = oid.split("→")
    formulier = "koppeling_wijzig"
    huidig_ha = float(eigen.loc[(eigen["transformatie_id"] == tid) & (eigen["compensatie_id"] == cid), "ha"].iloc[0])
    sleutel_basis = f"koppeling:{oid}"
    basis = remember_basis(sleutel_basis, {"ha": huidig_ha})
    st.caption(f"{escape_markdown(labels.get(tid, tid))} ← {escape_markdown(labels.get(cid, cid))}")
    render_algemene_fouten(formulier, ("ha",))
    invoerfouten: list[str] = []
    nieuw_ha = getal_invoer(
        "Hectare toegewezen",
        float(basis["ha"]),  # type: ignore[arg-type]
        key=state.sleutel("kw_ha", oid, basis["ha"]),
        fouten=invoerfouten,
        decimalen=2,
        verplicht=True,  # removing a koppeling has its own button
    )
    render_fouten(formulier, "ha")
    links, rechts = st.columns(2)
    if links.button(
        "Koppeling opslaan", key=state.sleutel("kw_opslaan", oid), type="primary", disabled=bool(invoerfouten)
    ):

        def wijzig() -> str:
            register.change_koppeling(ctx.store, tid, cid, nieuw_ha, float(basis["ha"]), ctx.strategie)
            return f"Koppeling {oid} is nu {format_ha(nieuw_ha, 2)}."

        save(formulier, wijzig, sleutel_basis)
    if rechts.button("Koppeling verwijderen", key=state.sleutel("kw_weg", oid)):

        def verwijder() -> str:
            register.remove_koppeling(ctx.store, tid, cid, float(basis["ha"]))
            return f"Koppeling {oid} is verwijderd; het logboek bewaart haar."

        save(formulier, verwijder, sleutel_basis)


def render_koppelingen(ctx: Context, mutaties: pd.DataFrame) -> None:
    """Add, change and remove koppelingen (compensation hectares allocated to a transformation)."""
    actief = register.actieve_mutaties(mutaties)
    trans = actief[(actief["soort"] == "transformatie") & actief["gemeente"].isin(ctx.gemeenten)]
    comp = actief[actief["soort"] == "compensatie"]
    labels = {r["mutatie_id"]: register.mutatie_label(r) for _, r in actief.iterrows()}
    k = ctx.lagen["koppelingen"]

    st.markdown("**Koppeling toevoegen**")
    if trans.empty or comp.empty:
        st.info("Er is geen geldige transformatie of compensatie om te koppelen.")
    else:
        _render_nieuwe_koppeling(ctx, trans, comp, labels, k.groupby("compensatie_id")["ha"].sum())

    st.markdown("**Koppeling wijzigen of verwijderen**")
    eigen = k[k["transformatie_id"].isin(trans["mutatie_id"])]
    if eigen.empty:
        st.info("Er zijn geen koppelingen in de selectie.")
        return
    _render_wijzig_koppeling(ctx, eigen, labels)
