"""What-if scenarios for the werkgroep: the current register plus overrides.

A :class:`Scenario` never copies the register; it holds only what differs:
per-mutatie overrides (include/exclude, hectares, year, planstatus), hypothetical extra
mutaties, a demand choice, a kanszone realisation share and a horizon (up to 2040).
:func:`evaluate` applies it to the base data and computes the balance per year and
gemeente with the same functions as the Overzicht, so the empty scenario equals the base.
:func:`compare` gives the differences that matter between two evaluations.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import schema
from .balance import REGIO, compute_startvoorraad
from .definities import is_vervallen, select_mutaties
from .formatting import format_getal, format_ha, format_invoer, parse_getal
from .monitor import Monitorstand, Selectie, compute_monitor
from .strategy import Strategie

MAX_HORIZON = 2040
VRAAG_KEUZES = {
    "laag": "Lage vraag (strategie)",
    "hoog": "Hoge vraag (strategie)",
    "eigen": "Eigen totaal tot de strategiehorizon",
    "groei": "Eigen groei per jaar",
}
OVERRIDE_VELDEN = ("opnemen", "ha", "jaar", "planstatus")
#: Decimals of the hectares in the editable register table (more show when a value has them).
HA_DECIMALEN = 1


class ScenarioFout(ValueError):
    """A scenario that cannot be evaluated; the message is Dutch."""


@dataclass
class Scenario:
    """The overrides that make a scenario; everything else comes from the current register.

    ``overrides`` maps mutatie_id to a dict with any of ``opnemen`` (bool), ``ha``, ``jaar``,
    ``planstatus``. ``extra_mutaties`` are hypothetical mutaties (dicts with the mutatie
    columns; ``geometry_wkt`` optional). ``vraag`` is one of :data:`VRAAG_KEUZES` with
    ``vraag_ha`` (eigen: total to the strategy horizon) or ``groei_ha_per_jaar`` (groei).
    ``kanszone_realisatie`` (0–1) counts that share of every kanszone's potential as
    zachte intensivering in ``kanszone_jaar``, by the same rule as the Overzicht's
    kanszone share: it shows from planstatus 'zacht' on, never in the hard figures.
    """

    naam: str = "Nieuw scenario"
    beschrijving: str = ""
    auteur: str = ""
    overrides: dict[str, dict[str, object]] = field(default_factory=dict)
    extra_mutaties: list[dict[str, object]] = field(default_factory=list)
    vraag: str = "laag"
    vraag_ha: float | None = None
    groei_ha_per_jaar: float | None = None
    kanszone_realisatie: float = 0.0
    kanszone_jaar: int = 2028
    horizon: int = 2030
    planstatus_vanaf: str = "hard"

    def to_json(self) -> str:
        """The scenario as JSON (what the store keeps)."""
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, tekst: str) -> Scenario:
        """Read a scenario saved with :meth:`to_json`; unknown keys are ignored."""
        data = json.loads(tekst)
        bekend = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in bekend})

    def validate(self, strategie: Strategie) -> None:
        """Raise :class:`ScenarioFout` (Dutch) for settings that make no sense."""
        if not strategie.referentiejaar < self.horizon <= MAX_HORIZON:
            raise ScenarioFout(f"De horizon moet tussen {strategie.referentiejaar + 1} en {MAX_HORIZON} liggen.")
        if self.vraag not in VRAAG_KEUZES:
            raise ScenarioFout(f"Onbekende vraagkeuze: {self.vraag}.")
        if self.vraag == "eigen" and (self.vraag_ha is None or self.vraag_ha < 0):
            raise ScenarioFout("Geef bij een eigen vraag een totaal van 0 ha of meer.")
        if self.vraag == "groei" and (self.groei_ha_per_jaar is None or self.groei_ha_per_jaar < 0):
            raise ScenarioFout("Geef bij eigen groei een aantal hectare per jaar van 0 of meer.")
        if not 0.0 <= self.kanszone_realisatie <= 1.0:
            raise ScenarioFout("De realisatie van de kanszones ligt tussen 0 % en 100 %.")
        if self.planstatus_vanaf not in schema.PLANSTATUS_RANG:
            raise ScenarioFout(f"Onbekende planstatus: {self.planstatus_vanaf}.")


@dataclass
class Evaluatie:
    """The outcome of a scenario: the monitor's state under it (``stand``), the balance per
    year, the supply with the scenario's demand, and warnings."""

    scenario: Scenario
    stand: Monitorstand
    per_jaar: pd.DataFrame
    vraag_aanbod: pd.DataFrame
    meldingen: list[str]

    @property
    def balans(self) -> pd.DataFrame:
        """The hectare balance at the scenario's horizon (``stand.balans``)."""
        return self.stand.balans

    @property
    def dekking(self) -> pd.DataFrame:
        """Coverage per counted transformation (``stand.dekking``)."""
        return self.stand.dekking

    @property
    def eerste_tekortjaar(self) -> int | None:
        """First year in which hard supply falls below the scenario's demand (None: never)."""
        tekort = self.vraag_aanbod[self.vraag_aanbod["aanbod_hard_ha"] < self.vraag_aanbod["vraag_scenario_ha"] - 1e-9]
        return int(tekort["jaar"].iloc[0]) if len(tekort) else None


def apply_scenario(mutaties: pd.DataFrame, scenario: Scenario) -> tuple[pd.DataFrame, list[str]]:
    """The mutaties of the scenario and the Dutch warnings about overrides that no longer apply.

    Overrides of mutaties that are missing from the register or retired (``vervallen``)
    are reported, never silently dropped. Excluded mutaties are removed; hectares, year
    and planstatus are replaced; extra mutaties are appended. The kanszone share is not a
    mutatie here: :func:`evaluate` passes it to the selection of
    :func:`~bedrijventerreinen.monitor.compute_monitor`, which counts it as on the Overzicht.
    """
    meldingen: list[str] = []
    m = mutaties.copy()
    vervallen = set(m.loc[is_vervallen(m), "mutatie_id"])
    bekend = set(m["mutatie_id"])
    ov = pd.DataFrame.from_dict(scenario.overrides, orient="index")
    if len(ov):
        for mid in ov.index:
            if mid not in bekend:
                meldingen.append(f"Aanpassing van mutatie {mid} is niet toegepast: die mutatie bestaat niet meer.")
            elif mid in vervallen:
                meldingen.append(f"Aanpassing van mutatie {mid} is niet toegepast: die mutatie is vervallen.")
        ov = ov[ov.index.isin(bekend - vervallen)]
        idx = m["mutatie_id"]
        for veld in ("ha", "jaar", "planstatus"):
            if veld in ov:
                nieuw = idx.map(ov[veld].dropna())
                m[veld] = nieuw.where(nieuw.notna(), m[veld]).astype(m[veld].dtype)
        if "opnemen" in ov:
            uit = set(ov.index[ov["opnemen"].eq(False)])
            m = m[~m["mutatie_id"].isin(uit)]

    extra = []
    for i, e in enumerate(scenario.extra_mutaties):
        rij = {k: e.get(k) for k in schema.kolomnamen("mutaties")}
        rij["mutatie_id"] = str(e.get("mutatie_id") or f"S-{i + 1:02d}")
        rij["bron"] = "Scenario (hypothetisch)"
        extra.append(rij)
    if extra:
        m = pd.concat(
            [pd.DataFrame(m.drop(columns="geometry", errors="ignore")), pd.DataFrame(extra)], ignore_index=True
        )
    m = schema.conform(pd.DataFrame(m.drop(columns="geometry", errors="ignore")), "mutaties")
    return m, meldingen


def scenario_strategie(strategie: Strategie, scenario: Scenario) -> Strategie:
    """The strategy under the scenario: horizon moved, demand at the same yearly pace.

    ``vraag_laag_ha``/``vraag_hoog_ha`` are rescaled to the new horizon so the demand line
    keeps the strategy's slope (47,2 ha over 2020–2030 is 4,72 ha a year).
    """
    factor = (scenario.horizon - strategie.referentiejaar) / (strategie.horizon - strategie.referentiejaar)
    return dataclasses.replace(
        strategie,
        horizon=scenario.horizon,
        vraag_laag_ha=strategie.vraag_laag_ha * factor,
        vraag_hoog_ha=strategie.vraag_hoog_ha * factor,
    )


def vraag_per_jaar(strategie: Strategie, scenario: Scenario) -> float:
    """The scenario's demand in ha per year (laag/hoog: the strategy's pace)."""
    jaren = strategie.horizon - strategie.referentiejaar
    return {
        "laag": strategie.vraag_laag_ha / jaren,
        "hoog": strategie.vraag_hoog_ha / jaren,
        "eigen": (scenario.vraag_ha or 0.0) / jaren,
        "groei": scenario.groei_ha_per_jaar or 0.0,
    }[scenario.vraag]


def compute_balans_per_jaar(
    terreinen: pd.DataFrame, mutaties: pd.DataFrame, strategie: Strategie, planstatus_vanaf: str
) -> pd.DataFrame:
    """Cumulative hectares per gemeente and year (plus ``regio``), from the reference year to
    the horizon: transformatie, compensatie, uitbreiding, intensivering, saldo_ha and
    voorraad_ha (the balance's start stock, :func:`~bedrijventerreinen.balance.compute_startvoorraad`,
    plus the cumulative changes), counted as in the balance."""
    jaren = np.arange(strategie.referentiejaar, strategie.horizon + 1)
    gemeenten = list(strategie.gemeenten)  # as in the balance: a gemeente elsewhere counts nowhere
    geteld = select_mutaties(mutaties, strategie, planstatus_vanaf)
    geteld = geteld.assign(jaar=geteld["jaar"].fillna(strategie.referentiejaar).astype(int))
    soorten = ["transformatie", "compensatie", "uitbreiding", "intensivering"]
    raster = pd.MultiIndex.from_product([gemeenten, jaren, soorten], names=["gemeente", "jaar", "soort"])
    som = geteld.groupby(["gemeente", "jaar", "soort"])["ha"].sum().reindex(raster, fill_value=0.0).fillna(0.0)
    breed = som.unstack("soort").groupby(level="gemeente").cumsum()
    breed.columns = [f"{s}_ha" for s in breed.columns]
    start = compute_startvoorraad(terreinen, mutaties, strategie).groupby("gemeente")["start_ha"].sum()
    breed["saldo_ha"] = breed["compensatie_ha"] + breed["intensivering_ha"] - breed["transformatie_ha"]
    breed["voorraad_ha"] = (
        breed.index.get_level_values("gemeente").map(start).fillna(0.0).to_numpy()
        - breed["transformatie_ha"] + breed["compensatie_ha"] + breed["uitbreiding_ha"] + breed["intensivering_ha"]
    )  # fmt: skip
    out = breed.reset_index()
    regio = out.groupby("jaar", as_index=False).sum(numeric_only=True).assign(gemeente=REGIO)
    return pd.concat([out, regio[out.columns]], ignore_index=True)


def evaluate(
    lagen: dict[str, pd.DataFrame],
    strategie: Strategie,
    scenario: Scenario,
) -> Evaluatie:
    """Evaluate ``scenario`` on the base ``lagen`` (terreinen, mutaties, koppelingen, kanszones).

    The scenario is :func:`~bedrijventerreinen.monitor.compute_monitor` on the register with
    its overrides (:func:`apply_scenario`), the strategy moved to its horizon
    (:func:`scenario_strategie`) and its planstatus and kanszone share as the selection, so
    the empty scenario equals the Overzicht. Supply gets ``vraag_scenario_ha`` (the chosen
    demand, cumulative); the yearly balance comes from :func:`compute_balans_per_jaar`.
    """
    scenario.validate(strategie)
    m, meldingen = apply_scenario(lagen["mutaties"], scenario)
    strat = scenario_strategie(strategie, scenario)
    selectie = Selectie(
        planstatus_vanaf=scenario.planstatus_vanaf,
        kanszone_aandeel=scenario.kanszone_realisatie,
        kanszone_jaar=scenario.kanszone_jaar,
    )
    stand = compute_monitor({**lagen, "mutaties": m}, strat, selectie)
    va = stand.vraag_aanbod.copy()
    va["vraag_scenario_ha"] = vraag_per_jaar(strategie, scenario) * (va["jaar"] - strategie.referentiejaar)
    per_jaar = compute_balans_per_jaar(lagen["terreinen"], stand.mutaties, strat, scenario.planstatus_vanaf)
    return Evaluatie(scenario, stand, per_jaar, va, [*meldingen, *stand.meldingen])


KERNCIJFERS = {
    "saldo_ha": "Saldo (ha)",
    "ongedekt_ha": "Ongedekt (ha)",
    "voorraad_eind_ha": "Eindvoorraad (ha)",
    "aanbod_hard_ha": "Hard aanbod op horizon (ha)",
    "tekort_hoog_ha": "Aanbod − vraag op horizon (ha)",
    "ongedekte_transformaties": "Ongedekte transformaties (aantal)",
    "eerste_tekortjaar": "Eerste jaar aanbod < vraag",
}


#: How each scenario figure is computed (the help of its tile).
KERNCIJFER_UITLEG = {
    "saldo_ha": "Compensatie + intensivering − transformatie in de regio tot de horizon van het scenario.",
    "ongedekt_ha": "Deel van de getelde transformaties zonder gekoppelde getelde compensatie (als 'Ongedekt' op het "
    "Overzicht).",
    "tekort_hoog_ha": "Hard aanbod op de horizon min de gekozen vraag: negatief is een tekort.",
}


def kerncijfers(ev: Evaluatie) -> pd.Series:
    """The figures a werkgroep compares, as a Series indexed by :data:`KERNCIJFERS` keys.

    ``eerste_tekortjaar`` is the first year hard supply falls below the scenario demand, or
    horizon + 1 when it never does within the horizon (so differences stay numeric).
    """
    r = ev.stand.totaal
    eind = ev.vraag_aanbod.iloc[-1]
    jaar = ev.eerste_tekortjaar
    return pd.Series({
        "saldo_ha": float(r["saldo_ha"]),
        "ongedekt_ha": float(r["ongedekt_ha"]),
        "voorraad_eind_ha": float(r["voorraad_eind_ha"]),
        "aanbod_hard_ha": float(eind["aanbod_hard_ha"]),
        "tekort_hoog_ha": float(eind["aanbod_hard_ha"] - eind["vraag_scenario_ha"]),
        "ongedekte_transformaties": float(len(ev.stand.ongedekt)),
        "eerste_tekortjaar": float(jaar if jaar is not None else ev.scenario.horizon + 1),
    })  # fmt: skip


@dataclass(frozen=True)
class Uitkomsttegel:
    """One outcome tile of the scenario builder: label, Dutch value, the difference with the
    register in words (None when it rounds to 0,0 ha), its colour rule and how it is computed."""

    label: str
    tekst: str
    verschil: str | None
    kleur: str
    uitleg: str


def uitkomst_tegels(ev: Evaluatie, basis: Evaluatie) -> list[Uitkomsttegel]:
    """The four outcome tiles of the scenario builder: saldo, ongedekt, supply − demand at the
    horizon and the first shortfall year, each against ``basis`` (the register under the same
    horizon, planstatus and demand). A difference that rounds to 0,0 ha is not shown."""
    kern, basis_kern = kerncijfers(ev), kerncijfers(basis)
    tegels = []
    for sleutel in ("saldo_ha", "ongedekt_ha", "tekort_hoog_ha"):
        verschil = float(kern[sleutel] - basis_kern[sleutel])
        delta = format_ha(verschil, teken=True)
        tegels.append(
            Uitkomsttegel(
                KERNCIJFERS[sleutel].replace(" (ha)", ""),
                format_ha(kern[sleutel], teken=sleutel != "ongedekt_ha"),
                None if format_ha(abs(verschil)) == format_ha(0.0) else f"{delta} t.o.v. register",
                "inverse" if sleutel == "ongedekt_ha" else "normal",
                KERNCIJFER_UITLEG[sleutel],
            )
        )
    horizon = ev.scenario.horizon
    jaar = kern["eerste_tekortjaar"]
    tegels.append(
        Uitkomsttegel(
            "Eerste tekortjaar",
            "geen" if jaar > horizon else str(int(jaar)),
            None,
            "off",
            f"Eerste jaar waarin het harde aanbod onder de gekozen vraag zakt; 'geen': niet vóór {horizon + 1}.",
        )
    )
    return tegels


def compare(a: Evaluatie, b: Evaluatie) -> pd.DataFrame:
    """Differences b − a that matter: saldo per gemeente and the headline figures.

    Returns rows ``onderwerp`` (gemeente saldo or a headline figure), ``a``, ``b`` and
    ``verschil`` (= b − a), so ``compare(a, b)['verschil'] == -compare(b, a)['verschil']``.
    """
    sa = a.balans.set_index("gemeente")["saldo_ha"]
    sb = b.balans.set_index("gemeente")["saldo_ha"]
    index = sa.index.union(sb.index, sort=False)
    saldo = pd.DataFrame({"a": sa.reindex(index, fill_value=0.0), "b": sb.reindex(index, fill_value=0.0)})
    saldo.index = [f"Saldo {'regio' if g == REGIO else g} (ha)" for g in index]
    kern = pd.DataFrame({"a": kerncijfers(a), "b": kerncijfers(b)})
    kern.index = [KERNCIJFERS[k] for k in kern.index]
    out = pd.concat([saldo, kern.drop(index=KERNCIJFERS["saldo_ha"])])
    out["verschil"] = out["b"] - out["a"]
    return out.rename_axis("onderwerp").reset_index()


def compare_many(evaluaties: list[Evaluatie]) -> pd.DataFrame:
    """Side-by-side headline figures of several scenarios (columns: scenario names)."""
    return pd.DataFrame({ev.scenario.naam: kerncijfers(ev) for ev in evaluaties}).rename(index=KERNCIJFERS)


def _lees_ha(tekst: str, oud: object, mid: object, fouten: list[str] | None) -> float | None:
    """Hectares typed in the register table (Dutch, see :func:`~bedrijventerreinen.formatting.parse_getal`);
    None when unchanged, empty or unreadable (then a Dutch message goes to ``fouten``)."""
    if not tekst.strip() or (not pd.isna(oud) and tekst == format_invoer(float(oud), HA_DECIMALEN)):  # type: ignore[arg-type]
        return None
    try:
        waarde = parse_getal(tekst)
        if waarde < 0:
            raise ValueError("hectares zijn 0 of meer.")
    except ValueError as e:
        if fouten is not None:
            fouten.append(f"Ha van {mid}: {e}")
        return None
    return waarde


def overrides_from_table(
    basis: pd.DataFrame, bewerkt: pd.DataFrame, fouten: list[str] | None = None
) -> dict[str, dict[str, object]]:
    """Overrides from an edited register table (columns mutatie_id, opnemen, ha, jaar,
    planstatus): only fields that differ from ``basis`` are kept, so an untouched table
    gives the empty scenario. Hectares may be text typed the Dutch way (``0,3``; the table
    of :func:`register_table` with ``ha_als_tekst``); one that cannot be read is not used and
    its Dutch message is appended to ``fouten``."""
    b = basis.set_index("mutatie_id")
    e = bewerkt.set_index("mutatie_id")
    uit: dict[str, dict[str, object]] = {}
    for mid in e.index.intersection(b.index):
        verschil: dict[str, object] = {}
        if not bool(e.at[mid, "opnemen"]):
            verschil["opnemen"] = False
        for veld in ("ha", "jaar", "planstatus"):
            nieuw, oud = e.at[mid, veld], b.at[mid, veld]
            if veld == "ha" and isinstance(nieuw, str):
                nieuw = _lees_ha(nieuw, oud, mid, fouten)
                if nieuw is None:
                    continue
            if pd.isna(nieuw) or (not pd.isna(oud) and nieuw == oud):
                continue
            verschil[veld] = float(nieuw) if veld == "ha" else int(nieuw) if veld == "jaar" else str(nieuw)
        if verschil:
            uit[str(mid)] = verschil
    return uit


def register_table(mutaties: pd.DataFrame, scenario: Scenario, ha_als_tekst: bool = False) -> pd.DataFrame:
    """The register as an editable table with the scenario's overrides applied (for the page).
    With ``ha_als_tekst`` the hectares are Dutch text (``1,5``) for a text column: a number
    column of ``st.data_editor`` reads "0,3" as 3, like ``st.number_input``."""
    tabel = pd.DataFrame(mutaties[["mutatie_id", "soort", "gemeente", "naam", "ha", "jaar", "planstatus"]]).copy()
    tabel.insert(1, "opnemen", True)
    for mid, ov in scenario.overrides.items():
        rij = tabel["mutatie_id"] == mid
        for veld, waarde in ov.items():
            if veld in OVERRIDE_VELDEN:
                tabel.loc[rij, veld] = waarde
    if ha_als_tekst:
        tabel["ha"] = [format_invoer(v, HA_DECIMALEN) if pd.notna(v) else "" for v in tabel["ha"]]
    return tabel.reset_index(drop=True)


def extra_table(scenario: Scenario) -> pd.DataFrame:
    """The hypothetical mutaties of a scenario as a table for people."""
    kolommen = {"mutatie_id": "Id", "soort": "Soort", "gemeente": "Gemeente", "naam": "Naam", "ha": "Ha",
                "planstatus": "Planstatus", "jaar": "Jaar"}  # fmt: skip
    df = pd.DataFrame(scenario.extra_mutaties, columns=list(kolommen))
    df["ha"] = [format_ha(v) for v in df["ha"]]
    return df.rename(columns=kolommen)


def _format_kern(index: str, waarde: float) -> str:
    if index == KERNCIJFERS["eerste_tekortjaar"]:
        return f"{int(waarde)}"
    if index == KERNCIJFERS["ongedekte_transformaties"]:
        return format_getal(waarde, 0)
    return format_getal(waarde, 1)


def format_vergelijking(tabel: pd.DataFrame) -> pd.DataFrame:
    """:func:`compare_many` with Dutch numbers; the first-shortfall year reads 'na <horizon>'
    when supply never falls short."""
    out = tabel.copy().astype(object)
    for i in out.index:
        out.loc[i] = [_format_kern(i, v) for v in tabel.loc[i]]
    return out


def format_verschil(verschil: pd.DataFrame) -> pd.DataFrame:
    """:func:`compare` with Dutch numbers, only the rows that differ."""
    rijen = verschil[verschil["verschil"].abs() > 1e-9]
    return pd.DataFrame({
        "Onderwerp": rijen["onderwerp"],
        "A": [_format_kern(o, v) for o, v in zip(rijen["onderwerp"], rijen["a"], strict=True)],
        "B": [_format_kern(o, v) for o, v in zip(rijen["onderwerp"], rijen["b"], strict=True)],
        "Verschil (B − A)": [format_getal(v, 1 if "(ha)" in o else 0) for o, v in zip(rijen["onderwerp"], rijen["verschil"], strict=True)],
    })  # fmt: skip


def differing_mutatie_ids(reeks: list[Scenario]) -> list[str]:
    """Ids of the register's mutaties whose overrides differ between the scenarios (a
    mutatie changed in one scenario and not, or differently, in another): what a map of
    the differences shows."""
    ids = sorted({mid for sc in reeks for mid in sc.overrides})
    return [mid for mid in ids if len({json.dumps(sc.overrides.get(mid, {}), sort_keys=True) for sc in reeks}) > 1]
