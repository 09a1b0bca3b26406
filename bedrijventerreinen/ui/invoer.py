"""Number fields that read Dutch: ``0,3``, ``1.250,5`` and ``1250.5``.

Streamlit's ``st.number_input`` shows and reads numbers with a decimal point whatever the
browser's language, so a Dutch user who types ``0,3`` gets 3. :func:`getal_invoer` is a text
field read by :func:`bedrijventerreinen.formatting.parse_getal` instead: one rule for every
number a person types in the monitor, values shown with a decimal comma, and a Dutch message
under the field for text that is no number or could mean two.
"""

from __future__ import annotations

import contextlib
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ..formatting import escape_markdown, format_invoer, parse_getal


def _normaliseer(key: str, decimalen: int) -> None:
    """on_change: show a valid number back in Dutch notation ("1250.5" becomes "1250,5")."""
    with contextlib.suppress(ValueError):  # the message is shown under the field by getal_invoer
        st.session_state[key] = format_invoer(parse_getal(st.session_state[key]), decimalen)


def lees_getal(
    tekst: str,
    *,
    min_waarde: float | None = None,
    max_waarde: float | None = None,
    geheel: bool = False,
    verplicht: bool = False,
) -> float | None:
    """What a number field holds: the number, None when empty (ValueError when ``verplicht``),
    ValueError (Dutch) for text that is no number, is not whole while ``geheel``, or lies
    outside ``min_waarde``..``max_waarde``."""
    if not str(tekst).strip():
        if verplicht:
            raise ValueError("Vul een getal in.")
        return None
    waarde = parse_getal(tekst)
    if geheel and not waarde.is_integer():
        raise ValueError(f"Typ een geheel getal, zonder decimalen (niet {tekst.strip()}).")
    if min_waarde is not None and waarde < min_waarde:
        raise ValueError(f"Het getal moet minstens {format_invoer(min_waarde)} zijn.")
    if max_waarde is not None and waarde > max_waarde:
        raise ValueError(f"Het getal mag hoogstens {format_invoer(max_waarde)} zijn.")
    return waarde


def getal_invoer(
    label: str,
    waarde: float | int | None,
    *,
    key: str,
    fouten: list[str],
    min_waarde: float | None = None,
    max_waarde: float | None = None,
    decimalen: int = 2,
    geheel: bool = False,
    verplicht: bool = False,
    in_formulier: bool = False,
    help: str | None = None,
    plek: DeltaGenerator | None = None,
) -> float | None:
    """A number field (a text field read as Dutch, see :func:`~bedrijventerreinen.formatting.parse_getal`).

    Starts with ``waarde`` in Dutch notation (:func:`~bedrijventerreinen.formatting.format_invoer`
    with at least ``decimalen`` decimals). Returns the number typed (a float; whole when
    ``geheel``), or None for an empty field. Text that is no number, or a number outside
    ``min_waarde``..``max_waarde``, gets a Dutch message under the field, is appended to
    ``fouten`` and returns ``waarde``: the caller saves nothing while ``fouten`` is not empty.
    Unchanged text returns ``waarde`` exactly (even when it has more decimals than shown).

    Outside a form a valid number is shown back in Dutch notation after it is typed; inside a
    ``st.form`` pass ``in_formulier=True`` (Streamlit allows no callbacks there).
    """
    dg: Any = plek if plek is not None else st
    begin = format_invoer(waarde, decimalen)
    extra = {} if in_formulier else {"on_change": _normaliseer, "args": (key, decimalen)}
    tekst = dg.text_input(
        label,
        # a form's fields keep their start value for clear_on_submit; elsewhere the state holds it
        value=begin if in_formulier or key not in st.session_state else None,
        key=key,
        help=help,
        placeholder="bijvoorbeeld 0,3" if not geheel else None,
        **extra,
    )
    if tekst == begin:
        return None if waarde is None else float(waarde)
    try:
        return lees_getal(tekst, min_waarde=min_waarde, max_waarde=max_waarde, geheel=geheel, verplicht=verplicht)
    except ValueError as e:
        dg.error(escape_markdown(e), icon=":material/error:")  # the message quotes what was typed
        fouten.append(f"{label}: {e}")
        return None if waarde is None else float(waarde)
