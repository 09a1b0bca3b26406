"""The fields of a mutatie and how their values are read, compared and logged.

Every other module of the register builds on these: which fields a user edits
(:data:`VELDEN`, :data:`BEWERKBAAR`), their Dutch labels (:data:`VELD_LABEL`), the margin for
comparing hectares (:data:`EPS`), reading a typed value as a number or a year, and the
mutaties that still count (:func:`actieve_mutaties`, on the one definition of *vervallen* in
:func:`bedrijventerreinen.definities.is_vervallen`).
"""

from __future__ import annotations

import math

import pandas as pd

from .. import schema
from ..definities import is_vervallen

#: Fields of a mutatie a user edits (``soort`` is fixed once the mutatie exists).
VELDEN: tuple[str, ...] = ("soort", "terrein_id", "gemeente", "naam", "ha", "planstatus", "jaar", "toelichting", "bron")
BEWERKBAAR: tuple[str, ...] = tuple(v for v in VELDEN if v != "soort")

#: Hectares are compared with this margin (floating point, rounding in forms).
EPS = 1e-6

#: Dutch names of the fields, for messages and tables.
VELD_LABEL: dict[str, str] = {
    "mutatie_id": "Mutatie",
    "soort": "Soort",
    "terrein_id": "Terrein",
    "gemeente": "Gemeente",
    "naam": "Naam",
    "ha": "Hectare (netto)",
    "planstatus": "Planstatus",
    "jaar": "Jaar",
    "toelichting": "Toelichting",
    "bron": "Bron",
    "reden_afwijking": "Reden afwijking strategie",
    "vervallen": "Vervallen",
    "transformatie_id": "Transformatie",
    "compensatie_id": "Compensatie",
    "gebruiker": "Gebruiker",
    "reden": "Reden",
}


def is_empty(waarde: object) -> bool:
    """Returns True when ``waarde`` is missing: None, NaN/NA, or text of only whitespace."""
    if waarde is None:
        return True
    if isinstance(waarde, str):
        return not waarde.strip()
    try:
        return bool(pd.isna(waarde))
    except (TypeError, ValueError):
        return False


def as_number(waarde: object) -> float | None:
    """A finite number, or None when ``waarde`` is empty or not a number."""
    if is_empty(waarde) or isinstance(waarde, bool):
        return None
    try:
        x = float(str(waarde).replace(",", ".")) if isinstance(waarde, str) else float(waarde)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def as_year(waarde: object) -> int | None:
    """A whole number (a year or a version), or None when ``waarde`` is empty or not whole."""
    x = as_number(waarde)
    return int(x) if x is not None and float(x).is_integer() else None


def actieve_mutaties(mutaties: pd.DataFrame) -> pd.DataFrame:
    """The mutaties that have not been retired (see :func:`bedrijventerreinen.definities.is_vervallen`)."""
    return mutaties[~is_vervallen(mutaties)]


def normalize_value(waarde: object) -> object:
    """A value as compared and logged: None for empty, rounded floats, plain ints."""
    if is_empty(waarde):
        return None
    if isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, int | float) or hasattr(waarde, "item"):
        x = float(waarde)  # type: ignore[arg-type]
        return int(x) if x.is_integer() and not isinstance(waarde, float) else round(x, 6)
    return str(waarde).strip()


def normalize_veld(veld: str, waarde: object) -> object:
    """A form value normalised for field ``veld``: ha as float, jaar as int, text stripped."""
    if veld == "ha":
        return as_number(waarde) if as_number(waarde) is not None else normalize_value(waarde)
    if veld in ("jaar", "versie"):
        return as_year(waarde) if as_year(waarde) is not None else normalize_value(waarde)
    return normalize_value(waarde)


def mutatie_dict(rij: pd.Series) -> dict[str, object]:
    """A register row as a plain dict of normalised values (see :func:`normalize_veld`)."""
    return {k: normalize_veld(k, rij.get(k)) for k in schema.kolomnamen("mutaties")}
