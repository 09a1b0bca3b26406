"""The regional strategy as data (``data/strategie.toml``): :func:`load_strategie` reads the
policy parameters into a :class:`Strategie`. The checks against it are in
:mod:`bedrijventerreinen.toetsing`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .instellingen import InstellingFout, lees, read_strategiebestand

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "strategie.toml"


class StrategieFout(ValueError):
    """``strategie.toml`` is missing, unreadable or incomplete; the message is Dutch."""


@dataclass(frozen=True)
class Transformatielocatie:
    """An approved transformation location of the strategy: a stable id, its gemeente and name."""

    id: str
    gemeente: str
    naam: str


@dataclass(frozen=True)
class Aanbodlocatie:
    """A supply location the strategy names: id, gemeente, name, hectares (``None`` where no
    source gives them), whether the strategy counts it as uncertain (``onzeker``), whether the
    hectares are an estimate of this monitor (``geschat``), and the park it lies on, if any."""

    id: str
    gemeente: str
    naam: str
    ha: float | None
    onzeker: bool
    geschat: bool
    terrein_id: str | None = None
    bron: str = ""


@dataclass(frozen=True)
class Strategie:
    """The policy parameters of the regional strategy (see ``data/strategie.toml``)."""

    regio: str
    naam: str
    bron: str
    gemeenten: tuple[str, ...]
    referentiejaar: int
    horizon: int
    vraag_laag_ha: float
    vraag_hoog_ha: float
    compensatieregel: str
    eerst_eigen_gemeente: bool
    minimum_terrein_ha: float
    tolerantie_ha: float
    #: Approved transformation locations (id, gemeente, naam).
    transformatielocaties: tuple[Transformatielocatie, ...] = field(default_factory=tuple)
    #: The strategy's own supply figure to the horizon (netto ha) and the uncertain part of it.
    aanbod_ha: float | None = None
    aanbod_onzeker_ha: float | None = None
    #: The supply locations the strategy names.
    aanbodlocaties: tuple[Aanbodlocatie, ...] = field(default_factory=tuple)

    def goedgekeurde_locatie(self, gemeente: str, naam: str, locatie_id: str | None = None) -> str | None:
        """The id of the approved transformation location a mutatie lies on, or ``None``.

        Matched exactly: by ``locatie_id`` when the mutatie carries one (it must be an id of
        the strategy in the same gemeente), else by the full name, compared without case,
        accents, apostrophes, hyphens and spacing. A name that only begins like an approved
        location ("Baanderij Noord", "Lage Zijde-Oost") is not that location.
        """
        lid = "" if locatie_id is None or pd.isna(locatie_id) else str(locatie_id).strip()
        if lid:
            return next((t.id for t in self.transformatielocaties if t.id == lid and t.gemeente == gemeente), None)
        sleutel = normalize_naam(naam)
        return next(
            (t.id for t in self.transformatielocaties if t.gemeente == gemeente and normalize_naam(t.naam) == sleutel),
            None,
        )

    def is_goedgekeurde_locatie(self, gemeente: str, naam: str, locatie_id: str | None = None) -> bool:
        """True when the mutatie lies on an approved transformation location (see :meth:`goedgekeurde_locatie`)."""
        return self.goedgekeurde_locatie(gemeente, naam, locatie_id) is not None


def normalize_naam(naam: str) -> str:
    """Lower-case ASCII letters and digits only: the key used to compare location names."""
    tekst = unicodedata.normalize("NFKD", str(naam)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", tekst.lower())


def load_strategie(path: str | Path | None = None) -> Strategie:
    """Read the strategy parameters from ``path`` (default ``data/strategie.toml``).

    Every setting is read and checked by its record in
    :data:`bedrijventerreinen.instellingen.INSTELLINGEN` (default, range). Raises
    :class:`StrategieFout` with a Dutch message naming the file and the setting when the file
    is missing, is not valid TOML, lacks a required setting or holds one out of range.
    """
    p = Path(path) if path is not None else DEFAULT_PATH
    try:
        data = read_strategiebestand(p)
        strategie = _strategie_uit(data)
    except InstellingFout as e:
        tekst = str(e) if "strategiebestand" in str(e) else f"In het strategiebestand {p.name}: {e}"
        raise StrategieFout(tekst) from e
    except (KeyError, TypeError, ValueError) as e:
        raise StrategieFout(f"In het strategiebestand {p.name} ontbreekt of klopt de instelling {e}.") from e
    if not strategie.gemeenten:
        raise StrategieFout(f"In het strategiebestand {p.name} ontbreekt of klopt de instelling 'gemeenten'.")
    ids = [t.id for t in strategie.transformatielocaties]
    if len(set(ids)) != len(ids):
        raise StrategieFout(f"In het strategiebestand {p.name} klopt 'transformatielocaties' niet: elke id één keer.")
    if strategie.horizon <= strategie.referentiejaar:
        raise StrategieFout(f"In het strategiebestand {p.name} ligt de 'horizon' niet na het referentiejaar.")
    return strategie


def _strategie_uit(data: dict) -> Strategie:
    """The :class:`Strategie` of the parsed strategy file ``data``."""
    return Strategie(
        regio=lees(data, "regio"),
        naam=lees(data, "naam"),
        bron=lees(data, "bron"),
        gemeenten=lees(data, "gemeenten"),
        referentiejaar=lees(data, "referentiejaar"),
        horizon=lees(data, "horizon"),
        vraag_laag_ha=lees(data, "vraag.laag_ha"),
        vraag_hoog_ha=lees(data, "vraag.hoog_ha"),
        compensatieregel=lees(data, "compensatie.regel"),
        eerst_eigen_gemeente=lees(data, "compensatie.eerst_eigen_gemeente"),
        minimum_terrein_ha=lees(data, "drempels.minimum_terrein_ha"),
        tolerantie_ha=lees(data, "drempels.tolerantie_ha"),
        transformatielocaties=tuple(
            Transformatielocatie(str(t["id"]), str(t["gemeente"]), str(t["naam"]))
            for t in data.get("transformatielocaties", [])
        ),
        aanbod_ha=lees(data, "aanbod.totaal_ha"),
        aanbod_onzeker_ha=lees(data, "aanbod.onzeker_ha"),
        aanbodlocaties=tuple(_aanbodlocatie(a) for a in data.get("aanbod", {}).get("locaties", [])),
    )


def _aanbodlocatie(a: dict) -> Aanbodlocatie:
    """One ``[[aanbod.locaties]]`` entry."""
    return Aanbodlocatie(
        id=str(a["id"]),
        gemeente=str(a["gemeente"]),
        naam=str(a["naam"]),
        ha=_optioneel_getal(a.get("ha")),
        onzeker=bool(a.get("onzeker", False)),
        geschat=bool(a.get("geschat", False)),
        terrein_id=str(a["terrein_id"]) if a.get("terrein_id") else None,
        bron=str(a.get("bron", "")),
    )


def _optioneel_getal(waarde: object) -> float | None:
    """A number from the strategy file, or ``None`` where it gives none."""
    return None if waarde is None else float(waarde)  # type: ignore[arg-type]
