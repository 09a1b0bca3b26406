"""Names as people type them: Unicode NFC, and no control, bidi or zero-width characters."""

from __future__ import annotations

import unicodedata

MAX_NAAM = 80  # characters of a display name (also the lokale-modus name field)
#: Unicode categories refused in a login or display name: control characters (Cc), format
#: characters (Cf: bidi overrides such as U+202E, zero-width U+200B-U+200D, U+2060, U+FEFF),
#: surrogates, private use, unassigned, line and paragraph separators.
ONZICHTBARE_CATEGORIEEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _onzichtbaar(tekst: str) -> list[str]:
    """The characters of ``tekst`` in :data:`ONZICHTBARE_CATEGORIEEN`."""
    return [t for t in tekst if unicodedata.category(t) in ONZICHTBARE_CATEGORIEEN]


def normaliseer(tekst: object) -> str:
    """``tekst`` in Unicode NFC, so "é" typed as e + accent equals the precomposed "é"."""
    return unicodedata.normalize("NFC", str(tekst))


def check_tekst(tekst: object, wat: str) -> str:
    """``tekst`` in NFC; ValueError (Dutch, naming the character as U+XXXX) when it holds a control,
    bidi or zero-width character (:data:`ONZICHTBARE_CATEGORIEEN`). ``wat`` names the field."""
    tekst = normaliseer(tekst)
    if fout := _onzichtbaar(tekst):
        codes = ", ".join(dict.fromkeys(f"U+{ord(t):04X}" for t in fout))
        raise ValueError(
            f"{wat} bevat een stuurteken of onzichtbaar teken ({codes}); typ het opnieuw zonder zulke tekens."
        )
    return tekst


def schoon(tekst: object) -> str:
    """``tekst`` in NFC without control, bidi and zero-width characters (for text that cannot be
    refused, such as the lokale-modus name or an access file written by hand)."""
    return "".join(t for t in normaliseer(tekst) if unicodedata.category(t) not in ONZICHTBARE_CATEGORIEEN)
