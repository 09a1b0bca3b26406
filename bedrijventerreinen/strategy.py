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
                Transformatielocatie(str(t["id"]), str(t["gemeente"]), str(t["naam"]))
                for t in data.get("transformatielocaties", [])
            ),
            aanbod_ha=_optioneel_getal(data.get("aanbod", {}).get("totaal_ha")),
            aanbod_onzeker_ha=_optioneel_getal(data.get("aanbod", {}).get("onzeker_ha")),
            aanbodlocaties=tuple(
                Aanbodlocatie(
                    id=str(a["id"]),
                    gemeente=str(a["gemeente"]),
                    naam=str(a["naam"]),
                    ha=_optioneel_getal(a.get("ha")),
                    onzeker=bool(a.get("onzeker", False)),
                    geschat=bool(a.get("geschat", False)),
                    terrein_id=str(a["terrein_id"]) if a.get("terrein_id") else None,
                    bron=str(a.get("bron", "")),
                )
                for a in data.get("aanbod", {}).get("locaties", [])
            ),
        )
        ids = [t.id for t in strategie.transformatielocaties]
        if len(set(ids)) != len(ids):
            raise ValueError("'transformatielocaties' (elke id één keer)")
        if strategie.horizon <= strategie.referentiejaar:
            raise ValueError("'horizon' (moet na het referentiejaar liggen)")
        return strategie
    except (KeyError, TypeError, ValueError) as e:
        raise StrategieFout(f"In het strategiebestand {p.name} ontbreekt of klopt de instelling {e}.") from e


def _optioneel_getal(waarde: object) -> float | None:
    """A number from the strategy file, or ``None`` where it gives none."""
    return None if waarde is None else float(waarde)  # type: ignore[arg-type]


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
    "I01": ("fout", "Mutatie of kanszone verwijst naar een terrein dat niet bestaat."),
    "I02": ("fout", "Mutaties op een terrein tellen op tot meer dan het terrein groot is."),
    "I03": ("waarschuwing", "Terrein zonder contour: telt mee, maar staat niet op de kaart."),
    "I04": ("waarschuwing", "De registerstand (IBIS) is ouder dan een jaar."),
    "G01": ("info", "Terrein of mutatie in een gemeente buiten de strategie; telt niet mee."),
    "A01": ("info", "Aanbod in het register wijkt af van het aanbod dat de strategie op die locatie noemt."),
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
    kanszones: pd.DataFrame | None = None,
    huidig_jaar: int | None = None,
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
        if not strategie.is_goedgekeurde_locatie(r.gemeente, r.naam, getattr(r, "locatie_id", None)):
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

    uit += check_integriteit(terreinen, mutaties, strategie, kanszones, huidig_jaar)
    uit += _check_aanbod(terreinen, mutaties, strategie)

    rang = {c: i for i, c in enumerate(schema.codes(schema.ERNST))}
    return sorted(uit, key=lambda b: (rang[b.ernst], b.gemeente, b.code, b.object_id))


def _bevinding(code: str, gemeente: object, object_id: object, tekst: str) -> Bevinding:
    """A finding of rule ``code``, its ernst from :data:`REGELS`."""
    return Bevinding(code, REGELS[code][0], "" if pd.isna(gemeente) else str(gemeente), str(object_id), tekst)


def check_integriteit(
    terreinen: pd.DataFrame,
    mutaties: pd.DataFrame,
    strategie: Strategie,
    kanszones: pd.DataFrame | None = None,
    huidig_jaar: int | None = None,
) -> list[Bevinding]:
    """Whether the register holds together (the findings I01-I04 and G01 of :data:`REGELS`).

    * I01: a mutatie or kanszone whose ``terrein_id`` is not a park of the register;
    * I02: per park, the transformatie + intensivering mutaties not yet in its register stock
      add up to more than its netto; on a planned park (koers ``nieuw``) the uitbreiding +
      compensatie mutaties add up to more than its bruto (beyond the tolerance);
    * I03: a park without contour (it counts in every figure but is not on the map);
    * I04: per gemeente, the newest register stock (``peiljaar``) is older than last year;
    * G01: a park or mutatie in a gemeente outside the strategy (it counts nowhere).

    Retired mutaties are left out. ``huidig_jaar`` defaults to this year.
    """
    import datetime as dt

    from .balance import in_voorraad, is_vervallen

    tol = strategie.tolerantie_ha
    uit: list[Bevinding] = []
    mutaties = mutaties[~is_vervallen(mutaties)]
    parken = terreinen.drop_duplicates("terrein_id").set_index("terrein_id")
    bekend = set(parken.index.dropna())

    los = mutaties[mutaties["terrein_id"].notna() & ~mutaties["terrein_id"].isin(bekend)]
    for r in los.itertuples(index=False):
        uit.append(
            _bevinding(
                "I01", r.gemeente, r.mutatie_id,
                f"Mutatie '{r.naam}' verwijst naar terrein {r.terrein_id}, dat niet (meer) in het register staat.",
            )
        )  # fmt: skip
    if kanszones is not None and len(kanszones):
        for r in kanszones[~kanszones["terrein_id"].isin(bekend)].itertuples(index=False):
            uit.append(
                _bevinding(
                    "I01", "", r.kanszone_id,
                    f"Kanszone '{r.naam}' verwijst naar terrein {r.terrein_id}, dat niet (meer) in het register staat.",
                )
            )  # fmt: skip

    m = mutaties[mutaties["terrein_id"].isin(bekend)]
    m = m[~in_voorraad(m, terreinen)]
    ha = m["ha"].astype(float).fillna(0.0)
    af = ha.where(m["soort"].isin(["transformatie", "intensivering"]), 0.0).groupby(m["terrein_id"]).sum()
    erbij = ha.where(m["soort"].isin(["uitbreiding", "compensatie"]), 0.0).groupby(m["terrein_id"]).sum()
    for tid, som in af.items():
        netto = float(parken.at[tid, "netto_ha"]) if pd.notna(parken.at[tid, "netto_ha"]) else 0.0
        if som > netto + tol:
            uit.append(
                _bevinding(
                    "I02", parken.at[tid, "gemeente"], tid,
                    f"Op terrein '{parken.at[tid, 'naam']}' ({format_ha(netto)} netto) staan transformaties en "
                    f"intensivering van samen {format_ha(som)}: meer dan er is.",
                )
            )  # fmt: skip
    gepland = parken.index[parken["koers"].astype("string").eq("nieuw").fillna(False).to_numpy()]
    for tid, som in erbij[erbij.index.isin(gepland)].items():
        bruto = float(parken.at[tid, "bruto_ha"]) if pd.notna(parken.at[tid, "bruto_ha"]) else 0.0
        if som > bruto + tol:
            uit.append(
                _bevinding(
                    "I02", parken.at[tid, "gemeente"], tid,
                    f"Op gepland terrein '{parken.at[tid, 'naam']}' ({format_ha(bruto)} bruto) staan uitbreiding en "
                    f"compensatie van samen {format_ha(som)}: meer dan het terrein groot is.",
                )
            )  # fmt: skip

    if hasattr(terreinen, "geometry"):
        geen = terreinen[terreinen.geometry.isna().to_numpy() | terreinen.geometry.is_empty.to_numpy()]
    else:
        geen = terreinen
    for r in geen.itertuples(index=False):
        uit.append(
            _bevinding(
                "I03", r.gemeente, r.terrein_id,
                f"Terrein '{r.naam}' heeft nog geen contour: het telt mee met {format_ha(r.netto_ha)} netto, maar "
                "staat niet op de kaart. Lees een contour in of teken er een.",
            )
        )  # fmt: skip

    jaar = huidig_jaar if huidig_jaar is not None else dt.date.today().year
    if "peiljaar" in terreinen.columns:
        nieuwste = terreinen[terreinen["gemeente"].isin(strategie.gemeenten)].groupby("gemeente")["peiljaar"].max()
        oud = nieuwste.dropna()
        oud = oud[oud.astype(int) < jaar - 1]
        # one finding per peiljaar: the region's gemeenten usually share one IBIS stand
        for pj, groep in oud.groupby(oud.astype(int)):
            namen = [g for g in strategie.gemeenten if g in groep.index]  # the strategy's order
            alle = len(namen) == len(strategie.gemeenten)
            wie = "de regio" if alle else ", ".join(namen)
            gemeente = namen[0] if len(namen) == 1 else ""
            object_id = gemeente or ("regio" if alle else ", ".join(namen))
            tekst = f"De nieuwste registerstand van {wie} is van peiljaar {pj}: ouder dan een jaar. Lees de nieuwe IBIS-stand in."
            uit.append(_bevinding("I04", gemeente, object_id, tekst))

    for df, sleutel, wat in ((terreinen, "terrein_id", "Terrein"), (mutaties, "mutatie_id", "Mutatie")):
        buiten = df[df["gemeente"].notna() & ~df["gemeente"].isin(strategie.gemeenten)]
        for r in buiten.itertuples(index=False):
            tekst = f"{wat} '{r.naam}' ligt in {r.gemeente}, buiten de gemeenten van de strategie; telt niet mee."
            uit.append(_bevinding("G01", r.gemeente, getattr(r, sleutel), tekst))
    return uit


def _check_aanbod(terreinen: pd.DataFrame, mutaties: pd.DataFrame, strategie: Strategie) -> list[Bevinding]:
    """A01: per supply location of the strategy, the register's supply differs from the strategy's figure."""
    from .balance import compute_aanbod_per_locatie

    uit: list[Bevinding] = []
    tabel = compute_aanbod_per_locatie(terreinen, mutaties, strategie)
    for r in tabel.itertuples(index=False):
        if pd.isna(r.strategie_ha) or pd.isna(r.register_ha) or abs(r.verschil_ha) <= strategie.tolerantie_ha:
            continue
        geschat = " (geschat)" if r.geschat else ""
        uit.append(
            _bevinding(
                "A01", r.gemeente, r.id,
                f"Aanbodlocatie '{r.naam}': in het register {format_ha(r.register_ha)}, in de strategie "
                f"{format_ha(r.strategie_ha)}{geschat}.",
            )
        )  # fmt: skip
    return uit


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
