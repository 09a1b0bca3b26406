"""Edits of the koppelingen: compensation hectares allocated to a transformation.

Koppelingen have no version column: an edit names the hectares the user saw instead and is
refused with :class:`~.bewerken.MutatieConflict` when the koppeling changed since. Each edit is
validated inside the store transaction, so two people allocating the same compensation
cannot over-allocate it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .. import schema, store
from ..formatting import format_ha
from .bewerken import MutatieConflict, OngeldigeInvoer, audit_row, editor_of, koppeling_id, omgeving_of
from .regels import Melding, validate_koppeling
from .velden import EPS, normalize_value, normalize_veld

if TYPE_CHECKING:
    from ..strategy import Strategie


def _koppeling_index(k: pd.DataFrame, transformatie_id: str, compensatie_id: str) -> pd.Index:
    """The index of the koppeling between the two mutaties (empty when there is none)."""
    return k.index[(k["transformatie_id"] == transformatie_id) & (k["compensatie_id"] == compensatie_id)]


def add_koppeling(
    s: store.Store,
    transformatie_id: str,
    compensatie_id: str,
    ha: float,
    strategie: Strategie,
) -> None:
    """Link ``ha`` hectares of a compensation to a transformation (validated inside the
    transaction, so two people allocating the same compensation cannot over-allocate it)."""
    gebruiker = editor_of(s)
    voorstel = {"transformatie_id": transformatie_id, "compensatie_id": compensatie_id, "ha": normalize_veld("ha", ha)}

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        if meldingen := validate_koppeling(voorstel, omgeving_of(lagen, strategie)):
            raise OngeldigeInvoer(meldingen)
        k = pd.concat([lagen["koppelingen"], schema.conform(pd.DataFrame([voorstel]), "koppelingen")])
        oid = koppeling_id(transformatie_id, compensatie_id)
        return {"koppelingen": k.reset_index(drop=True)}, [
            audit_row(gebruiker, "toegevoegd", "koppelingen", oid, "ha", None, voorstel["ha"])
        ]

    s.update(fn, ("mutaties", "koppelingen"))


def _koppeling_conflict(
    s: store.Store, k: pd.DataFrame, t: str, c: str, basis_ha: float, nieuw: object, gebruiker: str, actie: str
) -> MutatieConflict | None:
    """The conflict to raise when koppeling ``t``→``c`` no longer holds the ``basis_ha`` the
    user saw (changed or removed since); None when it does."""
    idx = _koppeling_index(k, t, c)
    huidig = None if len(idx) == 0 else normalize_value(k.at[idx[0], "ha"])
    if huidig is not None and abs(float(huidig) - float(basis_ha)) <= EPS:  # type: ignore[arg-type]
        return None
    oid = koppeling_id(t, c)
    nu = "is intussen verwijderd" if huidig is None else f"is intussen gewijzigd naar {format_ha(huidig, 2)}"  # type: ignore[arg-type]
    bericht = (
        f"Koppeling {oid} {nu} (u begon met {format_ha(basis_ha, 2)}). "
        "Uw wijziging is niet opgeslagen. Bekijk de nieuwe stand en pas uw wijziging zo nodig opnieuw toe."
    )
    rij = None if huidig is None else {"transformatie_id": t, "compensatie_id": c, "ha": huidig}
    return MutatieConflict(
        bericht, s.path, oid, rij, {"ha": nieuw}, [audit_row(gebruiker, actie, "koppelingen", oid, "ha", huidig, nieuw)]
    )


def change_koppeling(
    s: store.Store,
    transformatie_id: str,
    compensatie_id: str,
    ha: float,
    basis_ha: float,
    strategie: Strategie,
) -> None:
    """Change the hectares of a koppeling; ``basis_ha`` is what the user saw (refused with
    :class:`MutatieConflict` when someone changed or removed the koppeling since)."""
    gebruiker = editor_of(s)
    voorstel = {"transformatie_id": transformatie_id, "compensatie_id": compensatie_id, "ha": normalize_veld("ha", ha)}

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        k = lagen["koppelingen"]
        if c := _koppeling_conflict(
            s, k, transformatie_id, compensatie_id, basis_ha, voorstel["ha"], gebruiker, "gewijzigd"
        ):
            raise c
        omg = omgeving_of(lagen, strategie, koppeling=(transformatie_id, compensatie_id))
        if meldingen := validate_koppeling(voorstel, omg):
            raise OngeldigeInvoer(meldingen)
        i = _koppeling_index(k, transformatie_id, compensatie_id)[0]
        oud = normalize_value(k.at[i, "ha"])
        if oud == voorstel["ha"]:
            raise OngeldigeInvoer([Melding("ha", "V00", "Er is niets gewijzigd.")])
        k.at[i, "ha"] = voorstel["ha"]
        oid = koppeling_id(transformatie_id, compensatie_id)
        return {"koppelingen": k}, [audit_row(gebruiker, "gewijzigd", "koppelingen", oid, "ha", oud, voorstel["ha"])]

    s.update(fn, ("mutaties", "koppelingen"))


def remove_koppeling(s: store.Store, transformatie_id: str, compensatie_id: str, basis_ha: float) -> None:
    """Remove a koppeling (the audit log keeps its hectares); refused with
    :class:`MutatieConflict` when it changed since the user saw ``basis_ha``."""
    gebruiker = editor_of(s)

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        k = lagen["koppelingen"]
        if c := _koppeling_conflict(s, k, transformatie_id, compensatie_id, basis_ha, None, gebruiker, "verwijderd"):
            raise c
        i = _koppeling_index(k, transformatie_id, compensatie_id)
        oid = koppeling_id(transformatie_id, compensatie_id)
        return {"koppelingen": k.drop(index=i)}, [
            audit_row(gebruiker, "verwijderd", "koppelingen", oid, "ha", normalize_value(k.at[i[0], "ha"]), None)
        ]

    s.update(fn, ("koppelingen",))
