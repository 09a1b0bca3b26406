"""Dutch number and date formats: ``47,2 ha``, ``1.250 m²``, ``28-11-2026``."""

from __future__ import annotations

import datetime as dt
import math
import re

#: The Dutch number format for Vega-Lite charts (Altair ``configure(locale=...)``): 4,3 and 1.250.
NL_LOCALE = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]},
}


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


#: Spaces that may group thousands in a typed number ("1 250,5"): space, no-break and narrow no-break space.
_SPATIES = " \u00a0\u202f"
_MINTEKENS = "-\u2212"  # hyphen-minus and the minus sign U+2212
_VOORBEELD = "Typ bijvoorbeeld 0,3 of 1.250,5."


def _groepen(heel: str, scheiding: str) -> bool:
    """True when ``heel`` is digits grouped in threes by ``scheiding``: 1 to 3 digits (no leading
    zero), then groups of exactly 3 ("1.250.000")."""
    eerste, *rest = heel.split(scheiding)
    return (
        1 <= len(eerste) <= 3
        and eerste.isascii()
        and eerste.isdigit()
        and eerste[0] != "0"
        and all(len(g) == 3 and g.isascii() and g.isdigit() for g in rest)
    )


def parse_getal(tekst: object) -> float:
    """A number as a Dutch user types it; ValueError with a Dutch message when it is not one,
    or when it could mean two different numbers.

    The rule (one reading or none):

    ===============================  ======================  ============================
    typed                            reads as                why
    ===============================  ======================  ============================
    ``1250``, ``-3``, ``+3``         1250, -3, 3             digits, optional sign (also −)
    ``0,3``, ``7,5``, ``1,250``      0.3, 7.5, 1.25          a single comma is the decimal
                                                             comma (Dutch, always)
    ``1250.5``, ``0.3``, ``0.250``   1250.5, 0.3, 0.25       a single point is a decimal point
    ``1.250``, ``12.500``            refused                 a single point before exactly
                                                             three digits after 1–3 digits:
                                                             Dutch 1250 or English 1.25?
    ``1.250,5``, ``1,250.5``         1250.5                  both: the last one is the
                                                             decimal sign, the other groups
                                                             thousands in threes
    ``1.250.000``, ``1,250,000``     1250000                 a repeated sign groups thousands
    ``1 250,5``                      1250.5                  spaces group thousands in threes
    ``1.25,5``, ``5,``, ``1e3``,     refused                 wrong grouping, nothing after
    ``0,3 ha``, ``nan``, ``""``                              the sign, not a plain number
    ===============================  ======================  ============================

    What the monitor shows in a field (:func:`format_invoer`) always reads back as the same number.
    """
    origineel = str(tekst).strip()
    if not origineel:
        raise ValueError(f"Vul een getal in. {_VOORBEELD}")
    negatief = origineel[0] in _MINTEKENS
    t = origineel[1:].lstrip() if origineel[0] in _MINTEKENS + "+" else origineel
    if not re.fullmatch(f"[0-9.,{_SPATIES}]+", t):
        raise ValueError(f"'{origineel}' is geen getal. {_VOORBEELD}")
    if any(c in _SPATIES for c in t):
        t = _drop_spaties(t, origineel)
    waarde = float(_als_python_getal(t, origineel))
    if not math.isfinite(waarde):
        raise ValueError(f"'{origineel}' is te groot.")
    return (-waarde if negatief else waarde) + 0.0  # + 0.0: no -0.0


def _drop_spaties(t: str, origineel: str) -> str:
    """``t`` without the spaces that group its thousands in threes (``1 250,5`` → ``1250,5``);
    ValueError (Dutch) where a space does anything else."""
    teken = re.search(r"[.,]", t)
    heel, rest = (t[: teken.start()], t[teken.start() :]) if teken else (t, "")
    if not _groepen(re.sub(f"[{_SPATIES}]", " ", heel), " ") or any(c in _SPATIES for c in rest):
        raise ValueError(f"'{origineel}' is geen getal: spaties mogen alleen duizendtallen scheiden. {_VOORBEELD}")
    return re.sub(f"[{_SPATIES}]", "", t)


def _als_python_getal(t: str, origineel: str) -> str:
    """Digits with at most one '.' and ',' (no sign, no spaces) as Python writes the number,
    by the rule of :func:`parse_getal`; ValueError (Dutch) where they are no number or two."""
    komma, punt = t.count(","), t.count(".")
    if komma and punt:
        return _met_beide_tekens(t, origineel)
    if komma + punt > 1:
        return _met_herhaald_teken(t, "," if komma else ".", origineel)
    if komma + punt == 1:
        return _met_een_teken(t, "," if komma else ".", origineel)
    return t


def _met_beide_tekens(t: str, origineel: str) -> str:
    """``1.250,5`` or ``1,250.5``: the last sign is the decimal sign, the other groups thousands in threes."""
    decimaal = "," if t.rfind(",") > t.rfind(".") else "."
    duizend = "." if decimaal == "," else ","
    heel, _, breuk = t.rpartition(decimaal)
    if decimaal in heel or not breuk or not _groepen(heel, duizend):
        raise ValueError(
            f"'{origineel}' is geen getal: gebruik de punt alleen voor duizendtallen (groepen van drie cijfers) "
            f"en de komma voor decimalen. {_VOORBEELD}"
        )
    return f"{heel.replace(duizend, '')}.{breuk}"


def _met_herhaald_teken(t: str, scheiding: str, origineel: str) -> str:
    """``1.250.000`` or ``1,250,000``: a repeated sign groups thousands in threes."""
    if not _groepen(t, scheiding):
        raise ValueError(
            f"'{origineel}' is geen getal: '{scheiding}' komt vaker voor, maar scheidt geen groepen van drie "
            f"cijfers. {_VOORBEELD}"
        )
    return t.replace(scheiding, "")


def _met_een_teken(t: str, scheiding: str, origineel: str) -> str:
    """One comma (always the decimal comma) or one point (a decimal point, except before
    exactly three digits after 1–3 digits: Dutch thousands or English decimals is refused)."""
    heel, _, breuk = t.partition(scheiding)
    if not breuk:
        raise ValueError(f"'{origineel}' is onvolledig: na '{scheiding}' komen geen cijfers. {_VOORBEELD}")
    if scheiding == "." and len(breuk) == 3 and heel and _groepen(heel, "."):
        als_dui, als_dec = float(heel + breuk), float(f"{heel}.{breuk}")
        raise ValueError(
            f"'{origineel}' is niet eenduidig: bedoelt u {format_invoer(als_dui)} of "
            f"{format_invoer(als_dec)}? Typ {format_invoer(als_dui)} of {format_invoer(als_dec)}; "
            "de komma is het decimaalteken."
        )
    return f"{heel or '0'}.{breuk}"


def format_invoer(waarde: float | int | None, decimalen: int = 0) -> str:
    """A number for an input field: decimal comma, no thousands separator, at least ``decimalen``
    decimals and as many more (up to 10) as the value needs to read back exactly (``0,30``,
    ``1250,5``, ``1,234``); '' when missing. :func:`parse_getal` reads it back as the same number."""
    if waarde is None:
        return ""
    try:
        getal = float(waarde)
    except (TypeError, ValueError):
        return ""
    if not math.isfinite(getal):
        return ""
    tekst = f"{getal:.{decimalen}f}"
    for extra in range(decimalen + 1, 11):  # up to 10 decimals; beyond that nobody reads them
        if float(tekst) == getal:
            break
        tekst = f"{getal:.{extra}f}".rstrip("0")
    if tekst.startswith("-") and float(tekst) == 0:
        tekst = tekst[1:]
    return tekst.replace(".", ",").rstrip(",")


#: Characters with a meaning in Streamlit markdown or HTML; each is backslash-escaped.
_MARKDOWN_TEKENS = frozenset("\\`*_{}[]()#+-.!|<>~$:&=^")
#: Streamlit's renderer changes text *after* unescaping it: GFM autolinks (``http://``, ``www.``,
#: e-mail addresses), emoji and icon shortcodes (``:smile:``, ``:material/x:``) and arrows
#: (``->``, ``<-``, ``<->``, ``--``, ``>=``, ``<=``, ``~=``). Each needs ``:`` or ``@``, or an arrow
#: starting with one of these pairs, inside a single text node.
_SPLITSEN = frozenset(":@")
_PIJLBEGIN = frozenset({"--", "->", "<-", "<=", ">=", "~="})
_REGELEINDE = re.compile(r"\r\n?|\n")


def escape_markdown(tekst: object) -> str:
    """User text for Streamlit markdown, so that it shows literally, exactly as typed.

    Every markdown/HTML punctuation mark is backslash-escaped, so ``![x](http://…)``,
    ``**vet**`` or ``<img>`` show as typed and load nothing. Escaping alone does not stop
    Streamlit (1.67) from turning ``http://x.nl``, ``www.x.nl`` or ``a@b.nl`` into links, or
    ``:smile:`` into an emoji: those run on the unescaped text. So each character they need
    (``:``, ``@``, the ``.`` after ``www``, the first character of an arrow such as ``->``) is put
    in a directive of its own, ``:color[\\:]``, which Streamlit renders as a bare ``<span>``
    without style. The text looks the same and copies as typed (no invisible
    characters are added). Line breaks become markdown hard breaks.
    """
    tekst = _REGELEINDE.sub("\n", str(tekst))
    delen: list[str] = []
    for i, teken in enumerate(tekst):
        if teken == "\n":
            delen.append("  \n")
            continue
        deel = "\\" + teken if teken in _MARKDOWN_TEKENS else teken
        if (
            teken in _SPLITSEN
            or tekst[i : i + 2] in _PIJLBEGIN
            or (teken == "." and tekst[max(i - 3, 0) : i].lower() == "www")
        ):
            deel = f":color[{deel}]"
        delen.append(deel)
    return "".join(delen)
