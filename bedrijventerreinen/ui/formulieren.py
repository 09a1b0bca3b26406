"""What the register's forms share: the Dutch messages per field, the result of the last
save, the object as the user first saw it, and saving with refusals and conflicts kept in
the session state (UI state only; the store is the source of truth).

Everything a user typed is data: it reaches Streamlit through ``st.dataframe``/``st.text``
or through :func:`bedrijventerreinen.formatting.escape_markdown` before any markdown element.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from .. import register, store, toegang
from ..formatting import escape_markdown
from . import state

#: Session keys of the register's forms.
FOUTEN = state.sleutel("register_fouten")
MELDING = state.sleutel("register_melding")
CONFLICT = state.sleutel("register_conflict")
BASIS = state.sleutel("register_basis")
#: The reason for departing from the strategy that went with a refused change (to reapply it).
CONFLICT_REDEN = state.sleutel("register_conflict_reden")


def tabelhoogte(rijen: int, maximum: int = 760) -> int:
    """Height in pixels that shows ``rijen`` table rows without inner scrolling (up to ``maximum``)."""
    return min(35 * (rijen + 1) + 3, maximum)


def render_melding() -> None:
    """The result of the last save (kept across the rerun that follows it)."""
    melding = st.session_state.pop(MELDING, None)
    if melding:
        st.success(escape_markdown(melding))


def render_fouten(formulier: str, veld: str) -> None:
    """The Dutch messages of the last refused save of ``formulier`` for ``veld``."""
    for tekst in st.session_state.get(FOUTEN, {}).get(formulier, {}).get(veld, []):
        st.error(escape_markdown(tekst))


def set_fouten(formulier: str, meldingen: list[register.Melding]) -> None:
    """Keep ``meldingen`` for the fields of ``formulier`` (shown after the rerun)."""
    st.session_state[FOUTEN] = {formulier: register.meldingen_per_veld(meldingen)}


def clear_fouten() -> None:
    """Forget the messages of every form."""
    st.session_state.pop(FOUTEN, None)


def render_algemene_fouten(formulier: str, velden: tuple[str, ...]) -> None:
    """Messages of fields that have no widget in this form (shown at the top)."""
    for veld, teksten in st.session_state.get(FOUTEN, {}).get(formulier, {}).items():
        if veld not in velden:
            for tekst in teksten:
                st.error(escape_markdown(tekst))


def save(formulier: str, actie: Callable[[], str], basis_sleutel: str | None = None) -> None:
    """Run a save; on success remember the message and rerun, on refusal keep the Dutch
    messages for the fields, on a conflict keep what is needed to show and reapply it."""
    try:
        melding = actie()
    except register.OngeldigeInvoer as e:
        set_fouten(formulier, e.meldingen)
        st.rerun()
    except register.MutatieConflict as e:
        st.session_state[CONFLICT] = {
            "formulier": formulier,
            "bericht": str(e),
            "object_id": e.object_id,
            "huidig": e.huidig,
            "wijzigingen": e.wijzigingen,
            "basis": st.session_state.get(BASIS, {}).get(basis_sleutel or "", {}),
        }
        clear_fouten()
        st.rerun()
    except (store.StoreFout, toegang.GeenToegang) as e:
        st.session_state[FOUTEN] = {formulier: {"_": [str(e)]}}
        st.rerun()
    else:
        clear_fouten()
        st.session_state[MELDING] = melding
        if basis_sleutel:
            st.session_state.get(BASIS, {}).pop(basis_sleutel, None)
        st.rerun()


def remember_basis(sleutel: str, rij: Mapping[str, object]) -> dict[str, object]:
    """The object as the user first saw it in this form (kept until a save or a refresh)."""
    alle = st.session_state.setdefault(BASIS, {})
    if sleutel not in alle:
        alle[sleutel] = dict(rij)
    return alle[sleutel]


def forget_basis(sleutel: str | None = None) -> None:
    """Forget the object as first seen in form ``sleutel`` (every form when None)."""
    if sleutel is None:
        st.session_state.pop(BASIS, None)
    else:
        st.session_state.get(BASIS, {}).pop(sleutel, None)
