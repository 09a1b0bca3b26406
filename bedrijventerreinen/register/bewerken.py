"""Edits of the register that never lose data: mutaties, the shared pieces of every edit
(who edits, the audit rows, the errors) and snapshots.

* **Edits**: :func:`add_mutatie`, :func:`change_mutatie`, :func:`retire_mutatie`,
  :func:`reinstate_mutatie` (and the koppeling edits in :mod:`.koppelingen`). Each is one
  :meth:`Store.update` transaction that writes the layer and its audit rows (who, what,
  old → new) together, or nothing.
* **No lost updates**: every mutatie carries ``versie``; an edit names the version the user
  started from and is refused with :class:`MutatieConflict` (which carries the current row,
  so the page can show the other change and offer to reapply) when it no longer matches.
* **Retiring keeps history**: a retired mutatie keeps its row with the date in
  ``vervallen``; it counts nowhere and its koppelingen are removed in the same transaction
  (each removal is logged).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .. import schema, store, toegang
from ..definities import is_vervallen
from ..formatting import format_datum
from ..toegang import Recht
from .regels import REDEN_PREFIX, Melding, Omgeving, validate_mutatie
from .velden import BEWERKBAAR, VELDEN, is_empty, mutatie_dict, normalize_value, normalize_veld

if TYPE_CHECKING:
    from ..strategy import Strategie

#: Prefix of new mutatie ids per soort (T-12, C-05, ...).
PREFIX: dict[str, str] = {
    "transformatie": "T",
    "compensatie": "C",
    "uitbreiding": "U",
    "intensivering": "I",
    "uitgifte": "G",
}


# -- errors ------------------------------------------------------------------------------
class OngeldigeInvoer(ValueError):
    """An edit breaks validation rules; ``meldingen`` holds the Dutch sentences per field."""

    def __init__(self, meldingen: list[Melding]):
        super().__init__(" ".join(m.tekst for m in meldingen))
        self.meldingen = meldingen


class MutatieConflict(store.VersieConflict):
    """Someone else saved the same object since the user started editing it.

    ``huidig`` is the object as it is now (a dict of fields, or None when it is gone),
    ``wijzigingen`` the user's refused changes (to reapply), ``audit`` the refused audit
    rows (logged with resultaat 'geweigerd' by :meth:`Store.update`)."""

    def __init__(
        self,
        bericht: str,
        pad: Path | None,
        object_id: str,
        huidig: dict[str, object] | None,
        wijzigingen: dict[str, object],
        audit: list[dict[str, object]],
    ):
        super().__init__(bericht, pad)
        self.object_id = object_id
        self.huidig = huidig
        self.wijzigingen = wijzigingen
        self.audit = audit


def _nu() -> str:
    """Now as an ISO timestamp to the second, for ``gewijzigd_op``."""
    return dt.datetime.now().isoformat(timespec="seconds")


def _stamp(m: pd.DataFrame, i: object, versie: int, gebruiker: str) -> None:
    """Mark row ``i`` of the register as saved now by ``gebruiker`` as ``versie``."""
    m.at[i, "versie"] = versie
    m.at[i, "gewijzigd_op"] = _nu()
    m.at[i, "gewijzigd_door"] = gebruiker


def editor_of(s: store.Store, recht: Recht = Recht.REGISTER_WIJZIGEN) -> str:
    """Who changes the register: returns the audit name of the store's bound user, checked
    before any validation runs.

    Raises :class:`~bedrijventerreinen.toegang.GeenToegang` when their role does not allow
    ``recht``. The name recorded (``gewijzigd_door``, audit log) is the authenticated login,
    never something typed in a form."""
    toegang.vereis(s.gebruiker, recht)
    assert s.gebruiker is not None  # vereis refuses an anonymous store
    return s.gebruiker.audit_naam


def _attributen(df: pd.DataFrame) -> pd.DataFrame:
    """Attributes only: the rules never look at geometry, and plain frames are much faster."""
    return pd.DataFrame(df.drop(columns="geometry", errors="ignore"))


def omgeving_of(lagen: Mapping[str, pd.DataFrame], strategie: Strategie, **kw: object) -> Omgeving:
    """The :class:`Omgeving` the rules check an edit against: the layers as they are inside
    the transaction (attributes only); ``kw`` names the object being edited."""
    terreinen = _attributen(lagen["terreinen"]) if "terreinen" in lagen else schema.empty("terreinen")
    return Omgeving(terreinen, _attributen(lagen["mutaties"]), lagen["koppelingen"], strategie, **kw)  # type: ignore[arg-type]


def _met_reden(toelichting: object, reden: str) -> str | None:
    """The ``toelichting`` with the reason for departing from the strategy appended after
    :data:`REDEN_PREFIX` (unchanged without a reason); None when both are empty."""
    if is_empty(reden):
        return None if is_empty(toelichting) else str(toelichting)
    basis = "" if is_empty(toelichting) else f"{str(toelichting).rstrip()}\n"
    return f"{basis}{REDEN_PREFIX}{reden.strip()}"


def next_mutatie_id(mutaties: pd.DataFrame, soort: str) -> str:
    """The next free id for ``soort`` (``T-12`` after ``T-11``), retired ids included."""
    prefix = PREFIX.get(soort, "M")
    nummers = [
        int(m.group(1)) for i in mutaties["mutatie_id"].dropna() if (m := re.fullmatch(rf"{prefix}-(\d+)", str(i)))
    ]
    return f"{prefix}-{max(nummers, default=0) + 1:02d}"


def audit_row(gebruiker: str, actie: str, laag: str, object_id: str, veld: str, oud: object, nieuw: object) -> dict:
    """One row of the audit log (the store adds the time and the result)."""
    return {
        "gebruiker": gebruiker,
        "actie": actie,
        "laag": laag,
        "object_id": object_id,
        "veld": veld,
        "oud": oud,
        "nieuw": nieuw,
    }


def add_mutatie(
    s: store.Store,
    mutatie: Mapping[str, object],
    strategie: Strategie,
    reden_afwijking: str = "",
    vandaag: dt.date | None = None,
) -> str:
    """Add a mutatie (fields of :data:`VELDEN`); returns its new id (see :func:`next_mutatie_id`).

    Raises :class:`OngeldigeInvoer` when a rule is broken; nothing is written then."""
    gebruiker = editor_of(s)
    voorstel = {k: normalize_veld(k, mutatie.get(k)) for k in VELDEN}
    voorstel["reden_afwijking"] = reden_afwijking
    nieuw_id: list[str] = []

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        omg = omgeving_of(lagen, strategie, vandaag=vandaag or dt.date.today())
        if meldingen := validate_mutatie(voorstel, omg):
            raise OngeldigeInvoer(meldingen)
        m = lagen["mutaties"]
        mid = next_mutatie_id(m, str(voorstel["soort"]))
        rij = {k: voorstel[k] for k in VELDEN}
        rij["toelichting"] = _met_reden(voorstel["toelichting"], reden_afwijking)
        rij.update(mutatie_id=mid, versie=1, gewijzigd_op=_nu(), gewijzigd_door=gebruiker, vervallen=None)
        nieuw = schema.conform(pd.DataFrame([rij]), "mutaties")
        m = pd.concat([m, nieuw.to_crs(m.crs) if m.crs else nieuw], ignore_index=True)
        audit = [
            audit_row(gebruiker, "toegevoegd", "mutaties", mid, k, None, rij[k]) for k in VELDEN if rij[k] is not None
        ]
        if not is_empty(reden_afwijking):
            audit.append(audit_row(gebruiker, "toegevoegd", "mutaties", mid, "reden_afwijking", None, reden_afwijking))
        nieuw_id.append(mid)
        return {"mutaties": m}, audit

    s.update(fn, ("terreinen", "mutaties", "koppelingen"))
    return nieuw_id[0]


def _zoek_op_versie(
    s: store.Store,
    m: pd.DataFrame,
    mutatie_id: str,
    basis_versie: int,
    wijzigingen: Mapping[str, object],
    gebruiker: str,
    actie: str,
) -> tuple[int, int]:
    """The index and current ``versie`` of ``mutatie_id``; :class:`MutatieConflict` when it has
    been saved since the user's ``basis_versie`` (optimistic locking, the same for every edit)."""
    i = _zoek(m, mutatie_id)
    huidig = _versie(m.at[i, "versie"])
    if huidig != basis_versie:
        raise _conflict(s, m.loc[i], basis_versie, wijzigingen, gebruiker, actie)
    return i, huidig


def _zoek(m: pd.DataFrame, mutatie_id: str) -> int:
    """The index of ``mutatie_id`` in the register; :class:`OngeldigeInvoer` when it is gone."""
    idx = m.index[m["mutatie_id"] == mutatie_id]
    if len(idx) == 0:
        raise OngeldigeInvoer(
            [Melding("mutatie_id", "V00", f"Mutatie {mutatie_id} bestaat niet (meer) in het register.")]
        )
    return idx[0]


def _versie(waarde: object) -> int:
    """A stored ``versie`` as int (0 when empty)."""
    return 0 if is_empty(waarde) else int(waarde)  # type: ignore[call-overload]


def _conflict(
    s: store.Store,
    rij: pd.Series,
    basis_versie: int,
    wijzigingen: dict[str, object],
    gebruiker: str,
    actie: str,
) -> MutatieConflict:
    """The conflict to raise when ``rij`` was saved since the user started from ``basis_versie``."""
    huidig = mutatie_dict(rij)
    door = huidig.get("gewijzigd_door") or "iemand anders"
    op = huidig.get("gewijzigd_op")
    wanneer = ""
    if op:
        try:
            t = dt.datetime.fromisoformat(str(op))
            wanneer = f" op {format_datum(t)} om {t:%H:%M}"
        except ValueError:
            wanneer = ""
    mid = str(huidig["mutatie_id"])
    bericht = (
        f"Mutatie {mid} ('{huidig.get('naam')}') is intussen gewijzigd door {door}{wanneer} "
        f"(versie {_versie(huidig.get('versie'))}; u begon met versie {basis_versie}). "
        "Uw wijziging is niet opgeslagen. Bekijk de andere wijziging en pas de uwe zo nodig opnieuw toe."
    )
    audit = [audit_row(gebruiker, actie, "mutaties", mid, k, huidig.get(k), v) for k, v in wijzigingen.items()]
    return MutatieConflict(bericht, s.path, mid, huidig, wijzigingen, audit)


def _apply_wijzigingen(
    m: pd.DataFrame,
    i: object,
    mutatie_id: str,
    oud: Mapping[str, object],
    voorstel: Mapping[str, object],
    gebruiker: str,
) -> list[dict[str, object]]:
    """Write the editable fields of ``voorstel`` that differ from ``oud`` into row ``i``;
    returns an audit row per changed field."""
    audit = []
    for k in BEWERKBAAR:
        if normalize_veld(k, voorstel.get(k)) != oud.get(k):
            m.at[i, k] = voorstel[k] if voorstel[k] is not None else pd.NA
            audit.append(audit_row(gebruiker, "gewijzigd", "mutaties", mutatie_id, k, oud.get(k), voorstel[k]))
    return audit


def change_mutatie(
    s: store.Store,
    mutatie_id: str,
    wijzigingen: Mapping[str, object],
    basis_versie: int,
    strategie: Strategie,
    reden_afwijking: str = "",
    vandaag: dt.date | None = None,
) -> int:
    """Change fields of mutatie ``mutatie_id``; returns its new ``versie``.

    ``wijzigingen`` holds only the fields the user changed (so reapplying them after a
    conflict keeps the other person's changes to other fields); ``basis_versie`` is the
    versie the user started from. Refused with :class:`MutatieConflict` when the mutatie
    has been saved since, with :class:`OngeldigeInvoer` when a rule is broken."""
    gebruiker = editor_of(s)
    wijz = {k: normalize_veld(k, v) for k, v in wijzigingen.items() if k in BEWERKBAAR}
    nieuwe_versie: list[int] = []

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        m = lagen["mutaties"]
        i, huidig = _zoek_op_versie(s, m, mutatie_id, basis_versie, wijz, gebruiker, "gewijzigd")
        if is_vervallen(m.loc[[i]])[0]:
            raise OngeldigeInvoer(
                [Melding("mutatie_id", "V00", f"Mutatie {mutatie_id} is vervallen; maak haar eerst weer geldig.")]
            )
        oud = mutatie_dict(m.loc[i])
        voorstel = {**oud, **wijz, "reden_afwijking": reden_afwijking}
        omg = omgeving_of(lagen, strategie, vandaag=vandaag or dt.date.today(), mutatie_id=mutatie_id)
        if meldingen := validate_mutatie(voorstel, omg):
            raise OngeldigeInvoer(meldingen)
        voorstel["toelichting"] = _met_reden(voorstel.get("toelichting"), reden_afwijking)
        audit = _apply_wijzigingen(m, i, mutatie_id, oud, voorstel, gebruiker)
        if not is_empty(reden_afwijking):
            audit.append(
                audit_row(gebruiker, "gewijzigd", "mutaties", mutatie_id, "reden_afwijking", None, reden_afwijking)
            )
        if not audit:
            raise OngeldigeInvoer([Melding("mutatie_id", "V00", "Er is niets gewijzigd.")])
        _stamp(m, i, huidig + 1, gebruiker)
        nieuwe_versie.append(huidig + 1)
        return {"mutaties": m}, audit

    s.update(fn, ("terreinen", "mutaties", "koppelingen"))
    return nieuwe_versie[0]


def _koppelingen_van(k: pd.DataFrame, mutatie_id: str) -> pd.Series:
    """Per koppeling: True when ``mutatie_id`` is one of its ends."""
    return (k["transformatie_id"] == mutatie_id) | (k["compensatie_id"] == mutatie_id)


def koppeling_id(transformatie_id: str, compensatie_id: str) -> str:
    """The object id of a koppeling in the audit log: ``T-04→C-01``."""
    return f"{transformatie_id}→{compensatie_id}"


def retire_mutatie(
    s: store.Store,
    mutatie_id: str,
    basis_versie: int,
    reden: str,
    vandaag: dt.date | None = None,
) -> int:
    """Retire a mutatie: its row stays with today's date in ``vervallen`` and counts nowhere;
    its koppelingen are removed in the same transaction (each removal logged with its
    hectares, so nothing is lost from the log). Returns the new ``versie``."""
    gebruiker = editor_of(s)
    if is_empty(reden):
        raise OngeldigeInvoer([Melding("reden", "V00", "Geef een reden waarom deze mutatie vervalt.")])
    datum = (vandaag or dt.date.today()).isoformat()
    nieuwe_versie: list[int] = []

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        m, k = lagen["mutaties"], lagen["koppelingen"]
        i, huidig = _zoek_op_versie(s, m, mutatie_id, basis_versie, {"vervallen": datum}, gebruiker, "vervallen")
        if is_vervallen(m.loc[[i]])[0]:
            raise OngeldigeInvoer([Melding("mutatie_id", "V00", f"Mutatie {mutatie_id} is al vervallen.")])
        m.at[i, "vervallen"] = datum
        _stamp(m, i, huidig + 1, gebruiker)
        audit = [
            audit_row(gebruiker, "vervallen", "mutaties", mutatie_id, "vervallen", None, datum),
            audit_row(gebruiker, "vervallen", "mutaties", mutatie_id, "reden", None, reden.strip()),
        ]
        weg = _koppelingen_van(k, mutatie_id)
        for r in k[weg].itertuples(index=False):
            audit.append(
                audit_row(
                    gebruiker,
                    "verwijderd (mutatie vervallen)",
                    "koppelingen",
                    koppeling_id(r.transformatie_id, r.compensatie_id),
                    "ha",
                    normalize_value(r.ha),
                    None,
                )
            )
        nieuwe_versie.append(huidig + 1)
        return {"mutaties": m, "koppelingen": k[~weg.to_numpy()]}, audit

    s.update(fn, ("mutaties", "koppelingen"))
    return nieuwe_versie[0]


def reinstate_mutatie(
    s: store.Store,
    mutatie_id: str,
    basis_versie: int,
    strategie: Strategie,
    vandaag: dt.date | None = None,
) -> int:
    """Make a retired mutatie valid again (validated like a new one); returns the new ``versie``.
    Its former koppelingen are in the audit log and are linked again by hand."""
    gebruiker = editor_of(s)
    nieuwe_versie: list[int] = []

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        m = lagen["mutaties"]
        i, huidig = _zoek_op_versie(s, m, mutatie_id, basis_versie, {"vervallen": None}, gebruiker, "weer geldig")
        if not is_vervallen(m.loc[[i]])[0]:
            raise OngeldigeInvoer([Melding("mutatie_id", "V00", f"Mutatie {mutatie_id} is niet vervallen.")])
        oud = mutatie_dict(m.loc[i])
        omg = omgeving_of(lagen, strategie, vandaag=vandaag or dt.date.today(), mutatie_id=mutatie_id)
        if meldingen := validate_mutatie(oud, omg):
            raise OngeldigeInvoer(meldingen)
        m.at[i, "vervallen"] = pd.NA
        _stamp(m, i, huidig + 1, gebruiker)
        nieuwe_versie.append(huidig + 1)
        return {"mutaties": m}, [
            audit_row(gebruiker, "weer geldig", "mutaties", mutatie_id, "vervallen", oud.get("vervallen"), None)
        ]

    s.update(fn, ("terreinen", "mutaties", "koppelingen"))
    return nieuwe_versie[0]


# -- snapshots ---------------------------------------------------------------------------
def take_snapshot(s: store.Store, label: str) -> Path:
    """Save the current state as a snapshot named ``label`` and log who made it."""
    gebruiker = editor_of(s, Recht.SNAPSHOT_MAKEN)
    if is_empty(label):
        raise OngeldigeInvoer(
            [Melding("label", "V00", "Geef de snapshot een naam, bijvoorbeeld 'stand voor stuurgroep'.")]
        )
    label = label.strip()
    return s.snapshot(label, audit=[audit_row(gebruiker, "snapshot gemaakt", "opslag", "", "label", None, label)])


def restore_snapshot(s: store.Store, bestand: str | Path) -> int:
    """Make snapshot ``bestand`` the current state, logged; returns the new store version
    (see :meth:`bedrijventerreinen.store.Store.restore_snapshot`: the state before is kept
    as a snapshot, so the restore can itself be undone)."""
    gebruiker = editor_of(s, Recht.SNAPSHOT_HERSTELLEN)
    bron = Path(bestand)
    label = store.Store(bron).meta().get("snapshot_label", bron.stem) if bron.exists() else bron.stem
    return s.restore_snapshot(
        bron, audit=[audit_row(gebruiker, "snapshot hersteld", "opslag", bron.name, "label", None, label)]
    )
