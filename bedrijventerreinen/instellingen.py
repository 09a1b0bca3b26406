"""The settings of ``data/strategie.toml``, declared once as data.

Every numeric or list setting of the strategy file is one :class:`Instelling` record in
:data:`INSTELLINGEN`: its key in the file, default, unit, range, Dutch label and help. The one
reader (:func:`read_strategiebestand`) and the one checker (:func:`lees`) serve both the
strategy (:func:`bedrijventerreinen.strategy.load_strategie`) and the kanszone parameters
(:func:`bedrijventerreinen.kanszones.load_kanszone_parameters`); the Kanszones page draws its
sliders from the same records; ``docs/instellingen.md`` lists them and a test holds that
table to this one (as geopandas declares its options with validators and datasette its
settings).

The transformation and supply locations are lists of places, not settings; the strategy
reads them itself.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .formatting import format_getal

__all__ = [
    "INSTELLINGEN",
    "Instelling",
    "InstellingFout",
    "format_tabel",
    "format_waarde",
    "lees",
    "read_strategiebestand",
    "zoek",
]

#: Marks a setting the file must give (there is no sensible default).
VERPLICHT: Any = object()


class InstellingFout(ValueError):
    """The strategy file is missing, unreadable, or a setting in it is missing or out of range;
    the message is Dutch and names the setting."""


@dataclass(frozen=True)
class Instelling:
    """One setting of the strategy file.

    ``sleutel`` is its dotted path in the TOML file (``drempels.tolerantie_ha``); ``standaard``
    the value when the file leaves it out (:data:`VERPLICHT`: the file must give it, ``None``:
    optional without a value); ``soort`` ``int``, ``float``, ``str``, ``bool`` or ``tuple``
    (a list of texts); ``minimum``/``maximum`` the allowed range (inclusive); ``eenheid`` as
    users read it (``ha``, ``jaar``, ``%`` for a fraction shown as a percentage, ``m``);
    ``stap`` the step of a slider; ``label`` and ``uitleg`` the Dutch name and help text.
    """

    sleutel: str
    standaard: Any
    soort: type
    label: str
    uitleg: str
    eenheid: str = ""
    minimum: float | None = None
    maximum: float | None = None
    stap: float | None = None

    @property
    def naam(self) -> str:
        """The last part of the key: the field name in the dataclass that holds it."""
        return self.sleutel.rsplit(".", 1)[-1]

    def check(self, waarde: Any) -> Any:
        """``waarde`` converted to ``soort`` and checked against the range; raises
        :class:`InstellingFout` (Dutch, naming the setting) when it does not fit."""
        try:
            if self.soort is tuple:
                if isinstance(waarde, str) or not isinstance(waarde, list | tuple):
                    raise TypeError
                return tuple(str(w) for w in waarde)
            if self.soort is bool:
                if not isinstance(waarde, bool):
                    raise TypeError
                return waarde
            if self.soort is str:
                return " ".join(str(waarde).split())
            if isinstance(waarde, bool | str):  # TOML true or "0,3": not a number
                raise TypeError
            getal = float(waarde)
        except (TypeError, ValueError) as e:
            raise InstellingFout(f"De instelling {self.sleutel} heeft geen geldige waarde: {waarde!r}.") from e
        if not math.isfinite(getal) or (self.soort is int and not getal.is_integer()):
            raise InstellingFout(f"De instelling {self.sleutel} moet een {self._soortnaam()} zijn, niet {waarde!r}.")
        if (self.minimum is not None and getal < self.minimum) or (self.maximum is not None and getal > self.maximum):
            raise InstellingFout(
                f"De instelling {self.sleutel} ({format_waarde(self, getal)}) ligt buiten "
                f"{format_waarde(self, self.minimum)} tot en met {format_waarde(self, self.maximum)}."
            )
        return int(getal) if self.soort is int else getal

    def _soortnaam(self) -> str:
        return "geheel getal" if self.soort is int else "getal"


def _decimalen(getal: float) -> int:
    """How many decimals ``getal`` needs (1 at least, 3 at most): 0,25 → 2, 3,5 → 1."""
    return next((d for d in (1, 2) if abs(getal - round(getal, d)) < 1e-9), 3)


def format_waarde(instelling: Instelling, waarde: float | None) -> str:
    """A value of ``instelling`` as Dutch people read it: ``0,05 ha``, ``25 %``, ``2030``; as
    many decimals as its slider step has (``0,50 ha`` in steps of 0,25)."""
    if waarde is None:
        return "–"
    if instelling.eenheid == "%":
        return f"{format_getal(100 * waarde, 0)} %"
    if instelling.soort is int:
        return str(int(waarde))
    decimalen = _decimalen(instelling.stap) if instelling.stap else _decimalen(waarde)
    tekst = format_getal(waarde, decimalen)
    return f"{tekst} {instelling.eenheid}".strip()


_R = "referentiejaar en horizon"
#: Every setting of the strategy file, in the order of ``docs/instellingen.md``.
INSTELLINGEN: tuple[Instelling, ...] = (
    Instelling("regio", VERPLICHT, str, "Regio", "Naam of nummer van de regio, zoals in de titel (071)."),
    Instelling("naam", "", str, "Strategie", "Naam van de strategie."),
    Instelling("bron", "", str, "Bron", "Waar de strategie vandaan komt."),
    Instelling("gemeenten", VERPLICHT, tuple, "Gemeenten", "De gemeenten van de strategie; alleen die tellen mee."),
    Instelling(
        "referentiejaar", VERPLICHT, int, "Referentiejaar", f"Beginjaar van de monitor ({_R}).", "jaar", 1990, 2100
    ),
    Instelling("horizon", VERPLICHT, int, "Horizon", f"Eindjaar van de strategie ({_R}).", "jaar", 1990, 2100),
    Instelling(
        "vraag.laag_ha", VERPLICHT, float, "Vraag laag", "Ruimtevraag tot de horizon, lage variant (netto ha).", "ha", 0
    ),
    Instelling(
        "vraag.hoog_ha", VERPLICHT, float, "Vraag hoog", "Ruimtevraag tot de horizon, hoge variant (netto ha).", "ha", 0
    ),
    Instelling("compensatie.regel", VERPLICHT, str, "Compensatieregel", "De compensatieregel in woorden."),
    Instelling(
        "compensatie.eerst_eigen_gemeente",
        True,
        bool,
        "Eerst in de eigen gemeente",
        "Compensatie buiten de eigen gemeente mag, maar wordt gemeld (C01).",
    ),
    Instelling(
        "drempels.minimum_terrein_ha",
        VERPLICHT,
        float,
        "Ondergrens terrein",
        "Terreinen kleiner dan dit (bruto) vallen buiten de strategie (M01).",
        "ha",
        0,
        100,
    ),
    Instelling(
        "drempels.tolerantie_ha",
        0.0,
        float,
        "Afrondingstolerantie",
        "Een tekort tot zoveel hectare telt als gedekt (afronding in het register).",
        "ha",
        0,
        1,
    ),
    Instelling("aanbod.totaal_ha", None, float, "Aanbod strategie", "Het aanbod dat de strategie zelf noemt.", "ha", 0),
    Instelling("aanbod.onzeker_ha", None, float, "Waarvan onzeker", "Het onzekere deel van dat aanbod.", "ha", 0),
    Instelling(
        "kanszones.verdiepingshoogte_m",
        3.5,
        float,
        "Verdiepingshoogte",
        "Bouwlagen uit de hoogte van een pand als het aantal lagen ontbreekt: hoogte ÷ dit.",
        "m",
        1,
        10,
    ),
    Instelling(
        "kanszones.standaard_bouwlagen",
        1.0,
        float,
        "Standaard bouwlagen",
        "Bouwlagen van een pand zonder lagen en zonder hoogte.",
        "",
        1,
        50,
    ),
    Instelling(
        "kanszones.oud_voor_jaar",
        1990,
        int,
        "Oud: gebouwd vóór",
        "Panden met een bouwjaar vóór dit jaar tellen als oud.",
        "jaar",
        1950,
        2010,
        5,
    ),
    Instelling(
        "kanszones.minimum_kandidaat_ha",
        0.5,
        float,
        "Minimale grootte kandidaat",
        "Kleinere kandidaat-zones worden niet getoond.",
        "ha",
        0.25,
        5.0,
        0.25,
    ),
    Instelling(
        "kanszones.rastercel_m",
        50.0,
        float,
        "Rastercel",
        "Celgrootte van het raster voor kandidaat-zones.",
        "m",
        5,
        500,
    ),
    Instelling(
        "kanszones.drempel_bebouwingsgraad",
        0.25,
        float,
        "Laag benut: bebouwingsgraad onder",
        "Een cel met minder bebouwing dan dit telt als laag benut.",
        "%",
        0.05,
        0.6,
        0.05,
    ),
    Instelling(
        "kanszones.drempel_oud",
        0.5,
        float,
        "Verouderd: aandeel oude vloer",
        "Een cel waar minstens dit deel van de vloer oud is, telt als verouderd.",
        "%",
        0,
        1,
    ),
    Instelling(
        "kanszones.regionale_fsi_standaard",
        0.6,
        float,
        "Regionale FSI (standaard)",
        "FSI voor de omrekening naar hectare-equivalent zolang er geen panden zijn.",
        "",
        0.05,
        10,
    ),
    Instelling(
        "kanszones.koersen_zonder_potentie",
        ("nieuw", "transformeren"),
        tuple,
        "Koersen zonder potentie",
        "Terreinen met deze koers krijgen geen verdichtingspotentie.",
    ),
    Instelling(
        "kanszones.referentie_ruimtewinst_laag",
        0.2,
        float,
        "Referentie ruimtewinst laag",
        "Ondergrens van de ruimtewinst die provincies aannemen voor intensivering.",
        "%",
        0,
        1,
    ),
    Instelling(
        "kanszones.referentie_ruimtewinst_hoog",
        0.3,
        float,
        "Referentie ruimtewinst hoog",
        "Bovengrens van die ruimtewinst.",
        "%",
        0,
        1,
    ),
    Instelling(
        "kanszones.doelen.*.bebouwingsgraad",
        VERPLICHT,
        float,
        "Doel-bebouwingsgraad",
        "Bebouwd oppervlak ÷ netto oppervlak dat dit terreintype kan halen.",
        "%",
        0.1,
        0.9,
        0.05,
    ),
    Instelling(
        "kanszones.doelen.*.fsi",
        VERPLICHT,
        float,
        "Doel-FSI",
        "Bruto vloeroppervlak ÷ netto oppervlak dat dit terreintype kan halen.",
        "",
        0.2,
        3.0,
        0.1,
    ),
)

_PER_SLEUTEL = {i.sleutel: i for i in INSTELLINGEN}


def zoek(sleutel: str) -> Instelling:
    """The record of ``sleutel`` (``KeyError`` for an unknown one)."""
    return _PER_SLEUTEL[sleutel]


def read_strategiebestand(path: Path) -> dict[str, Any]:
    """The strategy file ``path`` as a dict; :class:`InstellingFout` (Dutch) when it is
    missing, not valid TOML, or cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InstellingFout(f"Het strategiebestand {path.name} ontbreekt.") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InstellingFout(f"Het strategiebestand {path.name} is geen geldig TOML-bestand: {e}") from e
    except OSError as e:  # a folder, no permission, ...
        raise InstellingFout(f"Het strategiebestand {path} kan niet worden gelezen.") from e


def _opzoeken(data: Mapping[str, Any], sleutel: str) -> tuple[bool, Any]:
    """(found, value) of the dotted ``sleutel`` in ``data``."""
    waarde: Any = data
    for deel in sleutel.split("."):
        if not isinstance(waarde, Mapping) or deel not in waarde:
            return False, None
        waarde = waarde[deel]
    return True, waarde


def lees(data: Mapping[str, Any], sleutel: str, waarde_voor: str = "") -> Any:
    """The checked value of setting ``sleutel`` in ``data`` (the parsed file), its default when
    the file leaves it out. A ``*`` in the key (``kanszones.doelen.*.fsi``) stands for
    ``waarde_voor``. Raises :class:`InstellingFout` for a required setting that is missing or
    a value out of range."""
    instelling = zoek(sleutel)
    pad = sleutel.replace("*", waarde_voor)
    gevonden, waarde = _opzoeken(data, pad)
    if not gevonden or waarde is None:
        if instelling.standaard is VERPLICHT:
            raise InstellingFout(f"In het strategiebestand ontbreekt de instelling {pad}.")
        return instelling.standaard
    try:
        return instelling.check(waarde)
    except InstellingFout as e:
        raise InstellingFout(str(e).replace(sleutel, pad)) from e


def _standaard_tekst(i: Instelling) -> str:
    if i.standaard is VERPLICHT:
        return "verplicht"
    if i.standaard is None:
        return "geen"
    if i.soort is tuple:
        return ", ".join(i.standaard)
    if i.soort is bool:
        return "ja" if i.standaard else "nee"
    if i.soort is str:
        return f'"{i.standaard}"'
    return format_waarde(i, i.standaard)


def _bereik_tekst(i: Instelling) -> str:
    if i.minimum is None and i.maximum is None:
        return ""
    if i.maximum is None:
        return f"≥ {format_waarde(i, i.minimum)}"
    return f"{format_waarde(i, i.minimum)} – {format_waarde(i, i.maximum)}"


def format_tabel() -> str:
    """:data:`INSTELLINGEN` as the Markdown table of ``docs/instellingen.md`` (key, default,
    range, label and help), which a test holds equal to the records."""
    rijen = ["| Instelling | Standaard | Bereik | Betekenis |", "|---|---|---|---|"]
    rijen += [
        f"| `{i.sleutel}` | {_standaard_tekst(i)} | {_bereik_tekst(i)} | {i.label}: {i.uitleg} |" for i in INSTELLINGEN
    ]
    return "\n".join(rijen)
