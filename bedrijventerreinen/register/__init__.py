"""The register of transformations and compensations: edits that never lose data.

One module per job; this package re-exports the public API, so callers write
``from bedrijventerreinen import register`` and ``register.add_mutatie(...)``.

* :mod:`.velden` — the fields of a mutatie (:data:`VELDEN`, :data:`BEWERKBAAR`,
  :data:`VELD_LABEL`), reading and normalising values, :func:`actieve_mutaties`.
* :mod:`.regels` — validation as data: :data:`REGELS` lists every rule once (code, object,
  field, what it checks, the Dutch message template); :func:`validate_mutatie` and
  :func:`validate_koppeling` run them before anything is written, and every edit runs them
  again inside the store transaction, against the register as it is at that moment.
* :mod:`.bewerken` — :func:`add_mutatie`, :func:`change_mutatie`, :func:`retire_mutatie`,
  :func:`reinstate_mutatie`, snapshots, and the errors :class:`OngeldigeInvoer` and
  :class:`MutatieConflict`. Each edit is one :meth:`Store.update` transaction that writes the
  layer and its audit rows (who, what, old → new) together, or nothing. Every mutatie
  carries ``versie``; an edit from a stale version is refused with :class:`MutatieConflict`
  (which carries the current row, so the page can show the other change and offer to
  reapply). A retired mutatie keeps its row with the date in ``vervallen``; it counts nowhere
  (see :func:`bedrijventerreinen.definities.is_vervallen`) and its koppelingen are removed in
  the same transaction (each removal is logged).
* :mod:`.koppelingen` — :func:`add_koppeling`, :func:`change_koppeling`,
  :func:`remove_koppeling`; a koppeling edit names the hectares the user saw instead of a version.
* :mod:`.cijfers` — :func:`compute_tijdlijn` (cumulative transformed
  and compensated hectares per year), :func:`filter_register`, :func:`bevindingen_voor`.
* :mod:`.weergave` — Dutch tables for people, the audit log as CSV and Excel, field values
  as people read them, what changed in a conflict, the rules as a table.
"""

from __future__ import annotations

from .bewerken import (
    PREFIX,
    MutatieConflict,
    OngeldigeInvoer,
    add_mutatie,
    change_mutatie,
    koppeling_id,
    next_mutatie_id,
    reinstate_mutatie,
    restore_snapshot,
    retire_mutatie,
    take_snapshot,
)
from .cijfers import (
    TIJDLIJN_REEKSEN,
    bevindingen_voor,
    compute_tijdlijn,
    filter_register,
)
from .koppelingen import add_koppeling, change_koppeling, remove_koppeling
from .regels import (
    JAREN_NA,
    JAREN_VOOR,
    MAX_NAAM,
    REDEN_PREFIX,
    REGELS,
    Melding,
    Omgeving,
    Regel,
    meldingen_per_veld,
    validate_koppeling,
    validate_mutatie,
)
from .velden import BEWERKBAAR, EPS, VELD_LABEL, VELDEN, actieve_mutaties, mutatie_dict, normalize_veld
from .weergave import (
    audit_csv,
    audit_xlsx,
    describe_conflict,
    format_audit,
    format_dag,
    format_dekking,
    format_koppelingen,
    format_register,
    format_tijdstip,
    mutatie_label,
    regels_frame,
    toon_waarde,
)

__all__ = [
    "BEWERKBAAR",
    "EPS",
    "JAREN_NA",
    "JAREN_VOOR",
    "MAX_NAAM",
    "PREFIX",
    "REDEN_PREFIX",
    "REGELS",
    "TIJDLIJN_REEKSEN",
    "VELDEN",
    "VELD_LABEL",
    "Melding",
    "MutatieConflict",
    "Omgeving",
    "OngeldigeInvoer",
    "Regel",
    "actieve_mutaties",
    "add_koppeling",
    "add_mutatie",
    "audit_csv",
    "audit_xlsx",
    "bevindingen_voor",
    "change_koppeling",
    "change_mutatie",
    "compute_tijdlijn",
    "describe_conflict",
    "filter_register",
    "format_audit",
    "format_dag",
    "format_dekking",
    "format_koppelingen",
    "format_register",
    "format_tijdstip",
    "koppeling_id",
    "meldingen_per_veld",
    "mutatie_dict",
    "mutatie_label",
    "next_mutatie_id",
    "normalize_veld",
    "regels_frame",
    "reinstate_mutatie",
    "remove_koppeling",
    "restore_snapshot",
    "retire_mutatie",
    "take_snapshot",
    "toon_waarde",
    "validate_koppeling",
    "validate_mutatie",
]
