"""The conflict dialogue of the Transformatie & compensatie page: when a save was refused
because someone else saved first, show the other change and the user's own, and let the
user reapply theirs on top of the new state."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from .. import register
from ..formatting import escape_markdown, format_ha
from . import state
from .formulieren import CONFLICT, CONFLICT_REDEN, forget_basis, save

if TYPE_CHECKING:
    from .common import Context


def _reapply_koppeling(ctx: Context, oid: str, wijzigingen: dict, huidig: dict) -> str:
    """Apply the refused change of koppeling ``oid`` to its current hectares; returns the result."""
    t, k = oid.split("→")
    nieuw = wijzigingen.get("ha")
    if nieuw is None:
        register.remove_koppeling(ctx.store, t, k, float(huidig["ha"]))
        return f"Koppeling {oid} is verwijderd."
    register.change_koppeling(ctx.store, t, k, float(nieuw), float(huidig["ha"]), ctx.strategie)
    return f"Koppeling {oid} is nu {format_ha(float(nieuw), 2)}."


def _reapply(ctx: Context, c: dict, reden: str) -> str:
    """Apply the refused change held in conflict ``c`` to the object as it is now; returns the result."""
    oid = str(c["object_id"])
    huidig = c["huidig"]
    if "→" in oid:
        return _reapply_koppeling(ctx, oid, c["wijzigingen"], huidig)
    wijz = c["wijzigingen"]
    versie = int(huidig.get("versie") or 0)
    if "vervallen" in wijz:
        if wijz["vervallen"]:
            return "Laat de mutatie opnieuw vervallen via 'Laten vervallen'; geef daarbij de reden."
        register.reinstate_mutatie(ctx.store, oid, versie, ctx.strategie)
        return f"Mutatie {oid} is weer geldig."
    v = register.change_mutatie(ctx.store, oid, wijz, versie, ctx.strategie, reden)
    return f"Uw wijziging van mutatie {oid} is opnieuw toegepast en opgeslagen (versie {v})."


def _render_beide_wijzigingen(c: dict) -> None:
    """The other person's change beside the user's own, refused one."""
    links, rechts = st.columns(2)
    with links:
        st.markdown("**Wat de ander wijzigde**")
        st.dataframe(register.describe_conflict(c["basis"], c["huidig"]), hide_index=True, width="stretch")
    with rechts:
        st.markdown("**Uw wijziging (niet opgeslagen)**")
        eigen = pd.DataFrame(
            [(register.VELD_LABEL.get(k, k), register.toon_waarde(k, v)) for k, v in c["wijzigingen"].items()],
            columns=["Veld", "Uw waarde"],
        )
        st.dataframe(eigen, hide_index=True, width="stretch")


def render_conflict(ctx: Context) -> None:
    """When a save was refused because someone else saved first: show the other change and
    the user's own, and let the user reapply theirs on top of the new state."""
    c = st.session_state.get(CONFLICT)
    if not c:
        return
    st.error(escape_markdown(c["bericht"]))
    _render_beide_wijzigingen(c)
    een, twee = st.columns(2)
    kan_opnieuw = c["huidig"] is not None
    if kan_opnieuw and een.button(
        "Mijn wijziging opnieuw toepassen op de nieuwe stand", type="primary", key=state.sleutel("cf_opnieuw")
    ):

        def actie() -> str:
            return _reapply(ctx, c, st.session_state.get(CONFLICT_REDEN, ""))

        st.session_state.pop(CONFLICT, None)
        forget_basis()
        save(c["formulier"], actie)
    if twee.button("Mijn wijziging laten vallen", key=state.sleutel("cf_laten")):
        st.session_state.pop(CONFLICT, None)
        forget_basis()
        st.rerun()
