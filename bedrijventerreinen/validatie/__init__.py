"""Validation and repair of imported layers, before anything is written.

Every check returns :class:`Melding` objects (row, field, Dutch sentence, blocks yes/no)
and, where a safe repair exists, repairs the frame and says so. Checks are vectorised
over the whole layer: masks first, then at most :data:`MAX_MELDINGEN_PER_CONTROLE`
findings per check plus one summary line, so a 200,000-building layer full of problems
still gives a readable report. The row numbers of *all* rows with a blocking finding are
kept separately (:class:`Controle`), so the import can skip exactly those rows.

Rules as data: :data:`NEDERLAND_RD` (plausible extent), :data:`WAARDE_ALIASSEN`
(Planfase → planstatus and other value spellings), :data:`HA_GRENZEN`.

Modules: :mod:`.melding` (findings), :mod:`.crs` (coordinate reference system),
:mod:`.geometrie` (geometry and location), :mod:`.waarden` (numbers, text, keys),
:mod:`.attributen` (the declared columns).
"""

from __future__ import annotations

from .attributen import (
    CATEGORIEEN,
    HA_GRENZEN,
    HA_KOLOMMEN,
    ID_KOLOMMEN,
    SLEUTELS,
    WAARDE_ALIASSEN,
    check_bruto_oppervlakte,
    validate_attributen,
)
from .crs import NEDERLAND_RD, NEDERLAND_WGS84, bounds, in_box, place_crs
from .geometrie import (
    GEMEENTECENTRA_PAD,
    REGIO_GRENZEN,
    check_ligging,
    load_gemeentecentra,
    polygonal,
    repair_geometrie,
)
from .melding import MAX_MELDINGEN_PER_CONTROLE, Controle, Melding, kort, per_rij
from .waarden import ONZICHTBARE_TEKENS, getal_fouten, normalize_ids, normalize_tekst, parse_getallen

__all__ = [
    "CATEGORIEEN",
    "GEMEENTECENTRA_PAD",
    "HA_GRENZEN",
    "HA_KOLOMMEN",
    "ID_KOLOMMEN",
    "MAX_MELDINGEN_PER_CONTROLE",
    "NEDERLAND_RD",
    "NEDERLAND_WGS84",
    "ONZICHTBARE_TEKENS",
    "REGIO_GRENZEN",
    "SLEUTELS",
    "WAARDE_ALIASSEN",
    "Controle",
    "Melding",
    "bounds",
    "check_bruto_oppervlakte",
    "check_ligging",
    "getal_fouten",
    "in_box",
    "kort",
    "load_gemeentecentra",
    "normalize_ids",
    "normalize_tekst",
    "parse_getallen",
    "per_rij",
    "place_crs",
    "polygonal",
    "repair_geometrie",
    "validate_attributen",
]
