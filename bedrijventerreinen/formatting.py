"""Dutch number and date formats: ``47,2 ha``, ``1.250 m²``, ``28-11-2026``."""

from __future__ import annotations

import datetime as dt
import math


def format_getal(waarde: float | int | None, decimalen: int = 1) -> str:
    """A number in Dutch notation: thousands separated by '.', decimal comma; '–' when missing."""
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return "–"
    try:
        getal = float(waarde)
    except (TypeError, ValueError):
        return "–"
    if math.isnan(getal):  # also numpy float32 NaN, which is no Python float
        return "–"
    tekst = f"{getal:,.{decimalen}f}"
    if tekst.startswith("-") and float(tekst.replace(",", "")) == 0:
        tekst = tekst[1:]  # no "-0,0"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def format_ha(waarde: float | None, decimalen: int = 1, teken: bool = False) -> str:
    """Hectares in Dutch notation, e.g. ``47,2 ha``; with ``teken`` a leading '+' for gains."""
    tekst = format_getal(waarde, decimalen)
    # the sign follows the number as shown: -0.04 and 0.04 both read "0,0 ha", not "+0,0 ha"
    if teken and tekst != "–" and not tekst.startswith("-") and any(c in "123456789" for c in tekst):
        tekst = "+" + tekst
    return f"{tekst} ha"


def format_m2(waarde: float | None) -> str:
    """Square metres in Dutch notation, e.g. ``1.250 m²``."""
    return f"{format_getal(waarde, 0)} m²"


def format_pct(waarde: float | None, decimalen: int = 0) -> str:
    """A fraction (0.5) as a Dutch percentage (``50 %``)."""
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return "–"
    return f"{format_getal(100 * waarde, decimalen)} %"


def format_datum(datum: dt.date | dt.datetime) -> str:
    """A date as ``dd-mm-jjjj``."""
    return datum.strftime("%d-%m-%Y")


_MARKDOWN_TEKENS = set("\\`*_{}[]()#+-.!|<>~$:")


def escape_markdown(tekst: str) -> str:
    """User text safe inside Streamlit markdown: every markdown punctuation mark backslash-escaped,
    so a name like ``![x](http://…)`` or ``**vet**`` shows literally."""
    return "".join("\\" + t if t in _MARKDOWN_TEKENS else t for t in str(tekst))
