"""The sample-data notice, per layer: which layers of the store still hold the shipped sample
data (no official figures), in one Dutch sentence that every place shows alike — the page
banner, the handout, the vergadermodus and the exports.

The store keeps the sample layers (:attr:`bedrijventerreinen.store.Store.voorbeeld_lagen`);
these functions only turn that list into text, so a real stock imported onto the sample says
"Voorbeelddata in mutaties, … — geen officiële cijfers; terreinen zijn ingelezen" everywhere,
and a store of nothing but sample data keeps the short notice
(:data:`bedrijventerreinen.schema.VOORBEELD_TEKST`).
"""

from __future__ import annotations

from collections.abc import Iterable

from . import schema

#: Every layer of the store, in the store's order (the order a notice names them in).
LAGEN: tuple[str, ...] = tuple(schema.LAAG_NAMEN)
#: Layers whose Dutch name is singular ("voorraad per peiljaar is ingelezen").
ENKELVOUD = frozenset({"voorraad"})


def _opsomming(namen: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(namen) <= 1:
        return "".join(namen)
    return ", ".join(namen[:-1]) + " en " + namen[-1]


def _geordend(voorbeeld_lagen: Iterable[str]) -> list[str]:
    """The layers in store order without repeats; an unknown name comes last, as it is
    (a notice says too much rather than too little)."""
    gegeven = list(dict.fromkeys(voorbeeld_lagen))
    return [laag for laag in LAGEN if laag in gegeven] + [laag for laag in gegeven if laag not in LAGEN]


def is_alles_voorbeeld(voorbeeld_lagen: Iterable[str]) -> bool:
    """True when every layer of the store holds sample data."""
    return set(LAGEN) <= set(voorbeeld_lagen)


def voorbeeld_melding(voorbeeld_lagen: Iterable[str]) -> str:
    """The sample-data notice for the store's sample layers, without a closing full stop.

    * none: ``""`` (no notice);
    * every layer: ``"Voorbeelddata — geen officiële cijfers"`` (:data:`schema.VOORBEELD_TEKST`);
    * some: ``"Voorbeelddata in mutaties, koppelingen en kanszones — geen officiële cijfers;
      terreinen en panden zijn ingelezen"`` — the sample layers, then the others.

    Layers are named by :data:`schema.LAAG_NAMEN`, in the store's layer order.
    """
    voorbeeld = _geordend(voorbeeld_lagen)
    if not voorbeeld:
        return ""
    if is_alles_voorbeeld(voorbeeld):
        return schema.VOORBEELD_TEKST
    echt = [laag for laag in LAGEN if laag not in voorbeeld]
    namen = [schema.LAAG_NAMEN.get(laag, laag) for laag in voorbeeld]
    werkwoord = "is" if len(echt) == 1 and echt[0] in ENKELVOUD else "zijn"
    ingelezen = f"{_opsomming([schema.LAAG_NAMEN[laag] for laag in echt])} {werkwoord} ingelezen"
    return f"Voorbeelddata in {_opsomming(namen)} — geen officiële cijfers; {ingelezen}"


def voorbeeld_uitleg(voorbeeld_lagen: Iterable[str], regio: str) -> str:
    """The sentence after the notice, saying what it means for the figures (``""`` without
    sample data): all sample — the monitor shows the shipped sample of the region; some —
    the figures that rest on those layers are not the real state of the region."""
    voorbeeld = _geordend(voorbeeld_lagen)
    if not voorbeeld:
        return ""
    if is_alles_voorbeeld(voorbeeld):
        return f"De monitor toont de meegeleverde voorbeelddata van de regio {regio}, niet de echte stand."
    return f"Cijfers die op de voorbeelddata steunen, geven niet de echte stand van de regio {regio}."


def voorbeeld_kort(voorbeeld_lagen: Iterable[str]) -> str:
    """The notice where one short line must do (the handout's footer): the full notice when
    every layer is sample data, else ``"Deels voorbeelddata — geen officiële cijfers"``
    (the places with room name the layers); ``""`` without sample data."""
    voorbeeld = _geordend(voorbeeld_lagen)
    if not voorbeeld:
        return ""
    if is_alles_voorbeeld(voorbeeld):
        return schema.VOORBEELD_TEKST
    return "Deels voorbeelddata — geen officiële cijfers"
