"""The regional strategy as data (``data/strategie.toml``) and the checks against it.

:func:`load_strategie` reads the policy parameters; :func:`check_strategie` returns
the :class:`Bevinding` list: every place where the register conflicts with, or needs
attention under, the strategy. Checks are pure functions of the four inputs.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import schema
from .formatting import format_ha

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "strategie.toml"


class StrategieFout(ValueError):
    """``strategie.toml`` is missing, unreadable or incomplete; the message is Dutch."""


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
    #: Approved transformation locations as (gemeente, naam) pairs.
    transformatielocaties: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def is_goedgekeurde_locatie(self, gemeente: str, naam: str) -> bool:
        """True when ``naam`` in ``gemeente`` is one of the approved transformation locations.

        Names are compared without case, accents, apostrophes, hyphens and spacing, and a
        mutatie named after a part of an approved location (``"Veilingterrein (deel)"``)
        matches that location.
        """
        sleutel = normalize_naam(naam)
        return any(
            g == gemeente and (sleutel == normalize_naam(n) or sleutel.startswith(normalize_naam(n)))
            for g, n in self.transformatielocaties
        )


def normalize_naam(naam: str) -> str:
    """Lower-case ASCII letters and digits only: the key used to compare location names."""
    tekst = unicodedata.normalize("NFKD", str(naam)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", tekst.lower())


def load_strategie(path: str | Path | None = None) -> Strategie:
    """Read the strategy parameters from ``path`` (default ``data/strategie.toml``).

    Raises :class:`StrategieFout` with a Dutch message when the file is missing, is not
    valid TOML, or lacks a required setting.
    """
    p = Path(path) if path is not None else DEFAULT_PATH
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise StrategieFout(f"Het strategiebestand {p.name} ontbreekt.") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise StrategieFout(f"Het strategiebestand {p.name} is geen geldig TOML-bestand: {e}") from e
    except OSError as e:  # a folder, no permission, ...
        raise StrategieFout(f"Het strategiebestand {p} kan niet worden gelezen.") from e
    try:
        if not isinstance(data["gemeenten"], list) or not data["gemeenten"]:
            raise ValueError("'gemeenten' (een lijst met namen)")
        strategie = Strategie(
            regio=str(data["regio"]),
            naam=str(data.get("naam", "")),
            bron=str(data.get("bron", "")),
            gemeenten=tuple(data["gemeenten"]),
            referentiejaar=int(data["referentiejaar"]),
            horizon=int(data["horizon"]),
            vraag_laag_ha=float(data["vraag"]["laag_ha"]),
            vraag_hoog_ha=float(data["vraag"]["hoog_ha"]),
            compensatieregel=" ".join(str(data["compensatie"]["regel"]).split()),
            eerst_eigen_gemeente=bool(data["compensatie"].get("eerst_eigen_gemeente", True)),
            minimum_terrein_ha=float(data["drempels"]["minimum_terrein_ha"]),
            tolerantie_ha=float(data["drempels"].get("tolerantie_ha", 0.0)),
            transformatielocaties=tuple(
                (str(t["gemeente"]), str(t["naam"])) for t in data.get("transformatielocaties", [])
            ),
        )
        if strategie.horizon <= strategie.referentiejaar:
            raise ValueError("'horizon' (moet na het referentiejaar liggen)")
        return strategie
    except (KeyError, TypeError, ValueError) as e:
        raise StrategieFout(f"In het strategiebestand {p.name} ontbreekt of klopt de instelling {e}.") from e


@dataclass(frozen=True)
class Bevinding:
    """One finding of a strategy check.

    ``code`` identifies the rule (see :data:`REGELS`), ``ernst`` is fout, waarschuwing or
    info, ``object_id`` names the mutatie, koppeling or terrein it concerns.
    """

    code: str
    ernst: str
    gemeente: str
    object_id: str
    tekst: str


#: The rules, declared once: code -> (ernst, what it checks).
REGELS: dict[str, tuple[str, str]] = {
    "T01": ("fout", "Transformatie op een locatie die niet in de strategie is goedgekeurd."),
    "T02": ("fout", "Gerealiseerde of harde transformatie niet volledig gecompenseerd met harde compensatie."),
    "T03": ("waarschuwing", "Zachte transformatie (of idee) nog niet volledig gecompenseerd."),
    "C01": ("info", "Compensatie buiten de eigen gemeente van de transformatie."),
    "C02": ("fout", "Koppelingen wijzen meer hectares toe dan de compensatie groot is."),
    "K01": ("fout", "Koppeling verwijst naar een onbekende of verkeerde mutatie."),
    "M01": ("info", "Terrein kleiner dan de ondergrens; valt buiten de strategie."),
}


def bevindingen_frame(bevindingen: list[Bevinding]) -> pd.DataFrame:
    """The findings as a DataFrame (columns code, ernst, gemeente, object_id, tekst), worst first."""
    df = pd.DataFrame([b.__dict__ for b in bevindingen], columns=["code", "ernst", "gemeente", "object_id", "tekst"])
    rang = {c: i for i, c in enumerate(schema.codes(schema.ERNST))}
    return df.sort_values(
        ["ernst", "gemeente", "code"], key=lambda s: s.map(rang) if s.name == "ernst" else s
    ).reset_index(drop=True)


def check_strategie(
    terreinen: pd.DataFrame,
    mutaties: pd.DataFrame,
    koppelingen: pd.DataFrame,
    strategie: Strategie,
) -> list[Bevinding]:
    """All findings of the register against the strategy, worst first.

    Every mutatie that is not retired counts, whatever its planstatus or year: the checks
    look at plans too.
    Coverage uses :func:`bedrijventerreinen.balance.compute_compensatiedekking`: a
    gerealiseerd/hard transformation must be covered by gerealiseerd/hard compensation
    (T02, fout); a zacht or idee transformation by compensation of any status (T03).
    """
    from .balance import compute_compensatiedekking  # local: balance imports this module

    uit: list[Bevinding] = []
    tol = strategie.tolerantie_ha
    from .balance import is_vervallen

    # retired mutaties count nowhere; a missing gemeente or name is reported under an empty
    # gemeente, never a crash
    mutaties = mutaties[~is_vervallen(mutaties)]
    mutaties = mutaties.assign(gemeente=mutaties["gemeente"].fillna(""), naam=mutaties["naam"].fillna(""))
    terreinen = terreinen.assign(gemeente=terreinen["gemeente"].fillna(""), naam=terreinen["naam"].fillna(""))
    trans = mutaties[mutaties["soort"] == "transformatie"]

    for r in trans.itertuples(index=False):
        if not strategie.is_goedgekeurde_locatie(r.gemeente, r.naam):
            uit.append(
                Bevinding(
                    "T01",
                    "fout",
                    r.gemeente,
                    r.mutatie_id,
                    f"Transformatie '{r.naam}' ({r.gemeente}) staat niet op de lijst van goedgekeurde transformatielocaties.",
                )
            )

    vast = compute_compensatiedekking(mutaties, koppelingen, strategie, planstatus_vanaf="hard", alle_jaren=True)
    alles = compute_compensatiedekking(mutaties, koppelingen, strategie, planstatus_vanaf="idee", alle_jaren=True)
    alles = alles.set_index("mutatie_id")
    for r in vast.itertuples(index=False):
        if r.tekort_ha > tol:
            zacht = alles.loc[r.mutatie_id, "gedekt_ha"] - r.gedekt_ha
            extra = f" Daarvan is {format_ha(zacht)} alleen zacht gedekt." if zacht > tol else ""
            uit.append(
                Bevinding(
                    "T02",
                    "fout",
                    r.gemeente,
                    r.mutatie_id,
                    f"Transformatie '{r.naam}' ({r.planstatus}, {format_ha(r.ha)}) "
                    f"is voor {format_ha(r.tekort_ha)} niet hard gecompenseerd.{extra}",
                )
            )
    zacht_trans = alles[alles["planstatus"].isin(["zacht", "idee"])]
    for mid, r in zacht_trans.iterrows():
        if r["tekort_ha"] > tol:
            uit.append(
                Bevinding(
                    "T03",
                    "waarschuwing",
                    r["gemeente"],
                    mid,
                    f"Transformatie '{r['naam']}' ({r['planstatus']}, {format_ha(r['ha'])}) "
                    f"is voor {format_ha(r['tekort_ha'])} nog niet gecompenseerd.",
                )
            )

    uit += _check_koppelingen(mutaties, koppelingen, strategie)

    klein = terreinen[terreinen["bruto_ha"] < strategie.minimum_terrein_ha]
    for r in klein.itertuples(index=False):
        uit.append(
            Bevinding(
                "M01",
                "info",
                r.gemeente,
                r.terrein_id,
                f"Terrein '{r.naam}' is {format_ha(r.bruto_ha)} bruto, kleiner dan "
                f"{format_ha(strategie.minimum_terrein_ha)}, en valt buiten de strategie.",
            )
        )

    rang = {c: i for i, c in enumerate(schema.codes(schema.ERNST))}
    return sorted(uit, key=lambda b: (rang[b.ernst], b.gemeente, b.code, b.object_id))


def _check_koppelingen(mutaties: pd.DataFrame, koppelingen: pd.DataFrame, strategie: Strategie) -> list[Bevinding]:
    uit: list[Bevinding] = []
    m = mutaties.set_index("mutatie_id")
    soort = m["soort"]
    for r in koppelingen.itertuples(index=False):
        if soort.get(r.transformatie_id) != "transformatie" or soort.get(r.compensatie_id) != "compensatie":
            uit.append(
                Bevinding(
                    "K01",
                    "fout",
                    "",
                    f"{r.transformatie_id}→{r.compensatie_id}",
                    f"Koppeling {r.transformatie_id} → {r.compensatie_id} verwijst niet naar een "
                    "bestaande transformatie en compensatie.",
                )
            )
    geldig = koppelingen[
        koppelingen["compensatie_id"].map(soort).eq("compensatie")
        & koppelingen["transformatie_id"].map(soort).eq("transformatie")
    ]
    toegewezen = geldig.groupby("compensatie_id")["ha"].sum()
    for cid, ha in toegewezen.items():
        groot = float(m.loc[cid, "ha"])
        if ha > groot + strategie.tolerantie_ha:
            uit.append(
                Bevinding(
                    "C02",
                    "fout",
                    m.loc[cid, "gemeente"],
                    cid,
                    f"Compensatie '{m.loc[cid, 'naam']}' is {format_ha(groot)}, maar koppelingen wijzen "
                    f"{format_ha(ha)} toe.",
                )
            )
    for r in geldig.itertuples(index=False):
        gt, gc = m.loc[r.transformatie_id, "gemeente"], m.loc[r.compensatie_id, "gemeente"]
        if gt != gc:
            uit.append(
                Bevinding(
                    "C01",
                    "info",
                    gt,
                    r.transformatie_id,
                    f"Transformatie '{m.loc[r.transformatie_id, 'naam']}' ({gt}) wordt voor {format_ha(r.ha)} "
                    f"gecompenseerd in {gc} ('{m.loc[r.compensatie_id, 'naam']}'): buiten de eigen gemeente.",
                )
            )
    return uit


def format_bevindingen(bevindingen: pd.DataFrame) -> pd.DataFrame:
    """Findings (from :func:`bevindingen_frame`) as a table for people, with Dutch headers."""
    return pd.DataFrame(
        {
            "Ernst": [schema.label(schema.ERNST, e) for e in bevindingen["ernst"]],
            "Gemeente": bevindingen["gemeente"].to_numpy(),
            "Bevinding": bevindingen["tekst"].to_numpy(),
            "Object": bevindingen["object_id"].to_numpy(),
            "Regel": bevindingen["code"].to_numpy(),
        }
    )
