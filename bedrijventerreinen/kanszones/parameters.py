"""The settings of the kanszone computations: :class:`KanszoneParameters`, read from the table
``[kanszones]`` of ``data/strategie.toml`` by :func:`load_kanszone_parameters`, each setting
by its record in :data:`bedrijventerreinen.instellingen.INSTELLINGEN`."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..instellingen import InstellingFout, lees, read_strategiebestand, zoek
from ..strategy import DEFAULT_PATH as STRATEGIE_PAD

__all__ = [
    "STANDAARD",
    "STANDAARD_DOELEN",
    "STRATEGIE_PAD",
    "Doel",
    "KanszoneFout",
    "KanszoneParameters",
    "load_kanszone_parameters",
]

STANDAARD = "standaard"


class KanszoneFout(ValueError):
    """Input the kanszone functions cannot accept; ``str(fout)`` is a Dutch sentence for the user."""


@dataclass(frozen=True)
class Doel:
    """Density targets of a park type: bebouwingsgraad (fraction) and FSI."""

    bebouwingsgraad: float
    fsi: float


#: The default targets per typologie (typologie, bebouwingsgraad, fsi): exactly the table
#: ``[kanszones.doelen]`` of ``data/strategie.toml`` (a test holds the two together).
STANDAARD_DOELEN: tuple[tuple[str, float, float], ...] = (
    (STANDAARD, 0.45, 0.8),
    ("gemengd", 0.45, 0.8),
    ("hoogwaardig", 0.4, 0.9),
    ("zwaar", 0.5, 0.8),
)


def _standaard(naam: str):
    """The default of setting ``kanszones.<naam>``, from its record in
    :data:`bedrijventerreinen.instellingen.INSTELLINGEN` (declared once)."""
    return zoek(f"kanszones.{naam}").standaard


@dataclass(frozen=True)
class KanszoneParameters:
    """The settings of the density computation and candidate detection (see the package docstring).

    ``doelen`` holds (typologie, bebouwingsgraad, fsi) triples; the typologie
    :data:`STANDAARD` applies to every park type without its own targets. Every default
    equals the table ``[kanszones]`` of ``data/strategie.toml``, so a missing table or
    setting changes nothing (``tests/test_kanszones.py`` checks it).
    ``referentie_ruimtewinst_laag``/``_hoog`` is the space gain some provinces assume for
    intensification (DOMAIN.md: 20–30 %), the range the headline share is set against.
    """

    doelen: tuple[tuple[str, float, float], ...] = STANDAARD_DOELEN
    verdiepingshoogte_m: float = _standaard("verdiepingshoogte_m")
    standaard_bouwlagen: float = _standaard("standaard_bouwlagen")
    oud_voor_jaar: int = _standaard("oud_voor_jaar")
    minimum_kandidaat_ha: float = _standaard("minimum_kandidaat_ha")
    rastercel_m: float = _standaard("rastercel_m")
    drempel_bebouwingsgraad: float = _standaard("drempel_bebouwingsgraad")
    drempel_oud: float = _standaard("drempel_oud")
    regionale_fsi_standaard: float = _standaard("regionale_fsi_standaard")
    koersen_zonder_potentie: tuple[str, ...] = _standaard("koersen_zonder_potentie")
    referentie_ruimtewinst_laag: float = _standaard("referentie_ruimtewinst_laag")
    referentie_ruimtewinst_hoog: float = _standaard("referentie_ruimtewinst_hoog")

    def doel(self, typologie: object) -> Doel:
        """The targets of ``typologie`` (those of :data:`STANDAARD` when it has none)."""
        per = {t: Doel(b, f) for t, b, f in self.doelen}
        return per.get(str(typologie), per.get(STANDAARD, _STANDAARD_DOEL))

    def doelen_van(self, typologie: pd.Series | np.ndarray | list) -> tuple[np.ndarray, np.ndarray]:
        """The targets of every element of ``typologie`` as two arrays (bebouwingsgraad, fsi),
        vectorised: :meth:`doel` for a whole column."""
        per = {t: (b, f) for t, b, f in self.doelen}
        standaard = per.get(STANDAARD, (_STANDAARD_DOEL.bebouwingsgraad, _STANDAARD_DOEL.fsi))
        typ = pd.Series(np.asarray(typologie, dtype=object).ravel()).astype("string").fillna(STANDAARD)
        bg = typ.map({t: v[0] for t, v in per.items()}).astype(float).fillna(standaard[0])
        fsi = typ.map({t: v[1] for t, v in per.items()}).astype(float).fillna(standaard[1])
        return bg.to_numpy(dtype=float), fsi.to_numpy(dtype=float)

    def with_doel(self, typologie: str, bebouwingsgraad: float, fsi: float) -> KanszoneParameters:
        """A copy with the targets of ``typologie`` replaced (added when new)."""
        rest = tuple(d for d in self.doelen if d[0] != typologie)
        return dataclasses.replace(self, doelen=(*rest, (typologie, float(bebouwingsgraad), float(fsi))))

    def sleutel(self) -> str:
        """A stable text of all settings: the cache key of everything computed with them."""
        return json.dumps(dataclasses.asdict(self), sort_keys=True)


_STANDAARD_DOEL = Doel(STANDAARD_DOELEN[0][1], STANDAARD_DOELEN[0][2])
#: The single-valued settings: every field but the targets.
_VELDEN = tuple(f.name for f in dataclasses.fields(KanszoneParameters) if f.name != "doelen")


def load_kanszone_parameters(path: str | Path | None = None) -> KanszoneParameters:
    """Read the table ``[kanszones]`` of ``path`` (default ``data/strategie.toml``).

    Each setting is read and checked by its record in
    :data:`bedrijventerreinen.instellingen.INSTELLINGEN` (range, default): missing settings
    keep their defaults, a missing table gives the defaults. Raises :class:`KanszoneFout`
    (Dutch) for a missing or unreadable file or a setting that is not a number in range.
    """
    p = Path(path) if path is not None else STRATEGIE_PAD
    try:
        data = read_strategiebestand(p)
        waarden = {naam: lees(data, f"kanszones.{naam}") for naam in _VELDEN}
        doelen = _read_doelen(data)
    except InstellingFout as e:
        raise KanszoneFout(str(e) if "strategiebestand" in str(e) else f"In het strategiebestand {p.name}: {e}") from e
    if doelen:
        waarden["doelen"] = doelen
    _check_samenhang(waarden, p)
    return KanszoneParameters(**waarden)


def _read_doelen(data: dict[str, Any]) -> tuple[tuple[str, float, float], ...]:
    """The targets of ``[kanszones.doelen]`` of the parsed file ``data``, with :data:`STANDAARD` added when missing (empty
    when the table has none), each checked by its record."""
    doelen = [
        (
            str(typologie),
            lees(data, "kanszones.doelen.*.bebouwingsgraad", typologie),
            lees(data, "kanszones.doelen.*.fsi", typologie),
        )
        for typologie in dict(data.get("kanszones", {}).get("doelen", {}))
    ]
    if doelen and STANDAARD not in {d[0] for d in doelen}:
        doelen.append((STANDAARD, _STANDAARD_DOEL.bebouwingsgraad, _STANDAARD_DOEL.fsi))
    return tuple(doelen)


def _check_samenhang(waarden: dict[str, Any], p: Path) -> None:
    """:class:`KanszoneFout` when the reference range's low end lies above its high end."""
    if waarden["referentie_ruimtewinst_laag"] > waarden["referentie_ruimtewinst_hoog"]:
        raise KanszoneFout(
            f"In het strategiebestand {p.name} ligt referentie_ruimtewinst_laag boven referentie_ruimtewinst_hoog."
        )
