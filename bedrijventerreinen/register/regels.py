"""The register's validation rules, declared once as data.

:data:`REGELS` lists every rule (code, object, field, what it checks, the Dutch message
template). :func:`validate_mutatie` and :func:`validate_koppeling` run them before anything is
written; every edit in :mod:`.bewerken` and :mod:`.koppelingen` runs them again inside the
store transaction, against the register as it is at that moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from .. import schema
from ..formatting import format_ha
from .velden import EPS, actieve_mutaties, as_number, as_year, is_empty

if TYPE_CHECKING:
    from ..strategy import Strategie

#: Marker in ``toelichting`` in front of the reason for a transformation on a location the
#: strategy has not approved.
REDEN_PREFIX = "Reden afwijking strategie: "
#: Years accepted around the strategy period: [referentiejaar - JAREN_VOOR, horizon + JAREN_NA].
JAREN_VOOR, JAREN_NA = 5, 20
MAX_NAAM = 120


# -- validation rules as data ----------------------------------------------------------------
@dataclass(frozen=True)
class Melding:
    """One validation error: the field it belongs to, the rule code and a Dutch sentence."""

    veld: str
    code: str
    tekst: str


@dataclass(frozen=True)
class Omgeving:
    """What a rule may look at besides the edited object: the register as it is now, the
    strategy and today's date. ``mutatie_id`` / ``koppeling`` name the object being edited
    (left out of sums); both ``None`` for a new object."""

    terreinen: pd.DataFrame
    mutaties: pd.DataFrame
    koppelingen: pd.DataFrame
    strategie: Strategie
    vandaag: dt.date = field(default_factory=dt.date.today)
    mutatie_id: str | None = None
    koppeling: tuple[str, str] | None = None


@dataclass(frozen=True)
class Regel:
    """A validation rule: ``controle(object, omgeving)`` returns ``None`` when the object is
    fine, else the values for ``bericht`` (a Dutch sentence with ``{placeholders}``)."""

    code: str
    object: str  # "mutatie" or "koppeling"
    veld: str
    beschrijving: str
    bericht: str
    controle: Callable[[Mapping[str, object], Omgeving], dict[str, object] | None]


def _terrein(m: Mapping[str, object], o: Omgeving) -> pd.Series | None:
    tid = m.get("terrein_id")
    if is_empty(tid):
        return None
    rij = o.terreinen[o.terreinen["terrein_id"] == str(tid)]
    return None if rij.empty else rij.iloc[0]


def _mutatie(o: Omgeving, mutatie_id: object) -> pd.Series | None:
    act = actieve_mutaties(o.mutaties)
    rij = act[act["mutatie_id"] == str(mutatie_id)]
    return None if rij.empty else rij.iloc[0]


def _andere_koppelingen(o: Omgeving) -> pd.DataFrame:
    k = o.koppelingen
    if o.koppeling is None:
        return k
    t, c = o.koppeling
    return k[~((k["transformatie_id"] == t) & (k["compensatie_id"] == c))]


def _controle_ha_terrein(m: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    ha, t = as_number(m.get("ha")), _terrein(m, o)
    if ha is None or ha <= 0 or t is None or as_number(t["netto_ha"]) is None:
        return None
    netto = float(t["netto_ha"])
    elders = 0.0
    if m.get("soort") == "transformatie":
        act = actieve_mutaties(o.mutaties)
        andere = act[
            (act["soort"] == "transformatie")
            & (act["terrein_id"] == str(m.get("terrein_id")))
            & (act["mutatie_id"] != (o.mutatie_id or ""))
        ]
        elders = float(andere["ha"].fillna(0).sum())
    if ha + elders <= netto + EPS:
        return None
    naast = f" naast {format_ha(elders)} aan andere transformaties" if elders > 0 else ""
    return {
        "terrein": t["naam"],
        "netto": format_ha(netto),
        "soort": str(m.get("soort")),
        "ha": format_ha(ha, 2),
        "naast": naast,
        "max": format_ha(max(netto - elders, 0.0), 2),
    }


def _controle_ha_koppelingen(m: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    ha = as_number(m.get("ha"))
    if ha is None or o.mutatie_id is None or m.get("soort") not in ("transformatie", "compensatie"):
        return None
    kolom = "transformatie_id" if m.get("soort") == "transformatie" else "compensatie_id"
    gekoppeld = float(o.koppelingen.loc[o.koppelingen[kolom] == o.mutatie_id, "ha"].sum())
    if ha + EPS >= gekoppeld:
        return None
    return {"gekoppeld": format_ha(gekoppeld, 2), "soort": str(m.get("soort"))}


def _controle_reden(m: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    if m.get("soort") != "transformatie" or is_empty(m.get("naam")) or is_empty(m.get("gemeente")):
        return None
    if o.strategie.is_goedgekeurde_locatie(str(m["gemeente"]), str(m["naam"]), m.get("locatie_id")):  # type: ignore[arg-type]
        return None
    if not is_empty(m.get("reden_afwijking")) or REDEN_PREFIX in str(m.get("toelichting") or ""):
        return None
    return {"naam": m["naam"], "gemeente": m["gemeente"]}


def _ruimte_over(
    k: Mapping[str, object], o: Omgeving, id_kolom: str, soort: str, bezet_label: str
) -> dict[str, object] | None:
    """The message values when a koppeling's ha exceed what is left of the mutatie at ``id_kolom``
    after its other koppelingen (None when it fits)."""
    ha, m = as_number(k.get("ha")), _mutatie(o, k.get(id_kolom))
    if ha is None or ha <= 0 or m is None or m["soort"] != soort:
        return None
    andere = _andere_koppelingen(o)
    bezet = float(andere.loc[andere[id_kolom] == m["mutatie_id"], "ha"].sum())
    groot = float(m["ha"])
    if bezet + ha <= groot + EPS:
        return None
    return {
        "naam": m["naam"],
        "groot": format_ha(groot, 2),
        bezet_label: format_ha(bezet, 2),
        "vrij": format_ha(max(groot - bezet, 0.0), 2),
    }


def _controle_comp_ruimte(k: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    return _ruimte_over(k, o, "compensatie_id", "compensatie", "toegewezen")


def _controle_trans_ruimte(k: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    return _ruimte_over(k, o, "transformatie_id", "transformatie", "gedekt")


def _controle_soort_koppeling(soort: str, veld: str) -> Callable[[Mapping[str, object], Omgeving], dict | None]:
    def controle(k: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
        rij = _mutatie(o, k.get(veld))
        return None if rij is not None and rij["soort"] == soort else {"id": k.get(veld) or "(leeg)"}

    return controle


def _controle_dubbel(k: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    if o.koppeling is not None:
        return None
    kk = o.koppelingen
    dubbel = (kk["transformatie_id"] == str(k.get("transformatie_id"))) & (
        kk["compensatie_id"] == str(k.get("compensatie_id"))
    )
    return {"t": k.get("transformatie_id"), "c": k.get("compensatie_id")} if dubbel.any() else None


def _jaar_grenzen(o: Omgeving) -> tuple[int, int]:
    return o.strategie.referentiejaar - JAREN_VOOR, o.strategie.horizon + JAREN_NA


def _controle_jaar(m: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    van, tot = _jaar_grenzen(o)
    jaar = as_year(m.get("jaar"))
    return None if jaar is not None and van <= jaar <= tot else {"van": van, "tot": tot}


def _controle_gerealiseerd(m: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    jaar = as_year(m.get("jaar"))
    if m.get("planstatus") != "gerealiseerd" or jaar is None or jaar <= o.vandaag.year:
        return None
    return {"jaar": jaar, "dit_jaar": o.vandaag.year}


def _controle_terrein_bestaat(m: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    if is_empty(m.get("terrein_id")) or _terrein(m, o) is not None:
        return None
    return {"terrein_id": m.get("terrein_id")}


def _controle_terrein_gemeente(m: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    t = _terrein(m, o)
    if t is None or is_empty(m.get("gemeente")) or t["gemeente"] == m.get("gemeente"):
        return None
    return {"terrein": t["naam"], "gemeente_terrein": t["gemeente"], "gemeente": m.get("gemeente")}


def _uit_lijst(veld: str, categorieen: tuple[schema.Categorie, ...]):
    """A check that ``veld`` holds one of the declared category codes."""
    toegestaan = schema.codes(categorieen)
    return lambda m, o: None if m.get(veld) in toegestaan else {"opties": ", ".join(toegestaan)}


#: Every validation rule, declared once. Pages list them under "Hoe wordt gecontroleerd?".
REGELS: tuple[Regel, ...] = (
    Regel(
        "V01",
        "mutatie",
        "soort",
        "De soort komt uit de lijst van soorten.",
        "Kies een soort uit de lijst: {opties}.",
        _uit_lijst("soort", schema.SOORTEN),
    ),
    Regel(
        "V02",
        "mutatie",
        "naam",
        f"De mutatie heeft een naam van hoogstens {MAX_NAAM} tekens.",
        "Geef de locatie een naam (hoogstens {max} tekens).",
        lambda m, o: None if not is_empty(m.get("naam")) and len(str(m["naam"])) <= MAX_NAAM else {"max": MAX_NAAM},
    ),
    Regel(
        "V03",
        "mutatie",
        "gemeente",
        "De gemeente is een van de gemeenten van de strategie.",
        "Kies een gemeente van de regio: {opties}.",
        lambda m, o: (
            None if m.get("gemeente") in o.strategie.gemeenten else {"opties": ", ".join(o.strategie.gemeenten)}
        ),
    ),
    Regel(
        "V04",
        "mutatie",
        "terrein_id",
        "Een opgegeven terrein bestaat.",
        "Terrein {terrein_id} staat niet in het register van terreinen.",
        _controle_terrein_bestaat,
    ),
    Regel(
        "V05",
        "mutatie",
        "terrein_id",
        "Het terrein ligt in de gemeente van de mutatie.",
        "Terrein '{terrein}' ligt in {gemeente_terrein}, niet in {gemeente}.",
        _controle_terrein_gemeente,
    ),
    Regel(
        "V06",
        "mutatie",
        "ha",
        "Het aantal hectares is groter dan 0.",
        "Vul een aantal hectares groter dan 0 in.",
        lambda m, o: None if (as_number(m.get("ha")) or 0.0) > 0 else {},
    ),
    Regel(
        "V07",
        "mutatie",
        "ha",
        "Niet meer hectares dan het terrein netto groot is (bij transformaties samen met de andere transformaties op het terrein).",
        "Terrein '{terrein}' is {netto} netto; een {soort} van {ha}{naast} past daar niet (hoogstens {max}).",
        _controle_ha_terrein,
    ),
    Regel(
        "V08",
        "mutatie",
        "ha",
        "Niet minder hectares dan er al via koppelingen aan de mutatie zijn toegewezen.",
        "Aan deze {soort} is via koppelingen al {gekoppeld} toegewezen; verlaag eerst die koppelingen of vul minstens {gekoppeld} in.",
        _controle_ha_koppelingen,
    ),
    Regel(
        "V09",
        "mutatie",
        "planstatus",
        "De planstatus komt uit de lijst: gerealiseerd, hard, zacht of idee.",
        "Kies een planstatus uit de lijst: {opties}.",
        _uit_lijst("planstatus", schema.PLANSTATUS),
    ),
    Regel(
        "V10",
        "mutatie",
        "jaar",
        f"Het jaar ligt tussen {JAREN_VOOR} jaar voor het referentiejaar en {JAREN_NA} jaar na de horizon van de strategie.",
        "Vul een jaar tussen {van} en {tot} in.",
        _controle_jaar,
    ),
    Regel(
        "V11",
        "mutatie",
        "jaar",
        "Een gerealiseerde mutatie ligt niet in de toekomst.",
        "Een gerealiseerde mutatie kan niet in {jaar} liggen; kies een jaar tot en met {dit_jaar} of een andere planstatus.",
        _controle_gerealiseerd,
    ),
    Regel(
        "V12",
        "mutatie",
        "reden_afwijking",
        "Een transformatie op een locatie die de strategie niet heeft goedgekeurd, heeft een uitdrukkelijke reden.",
        "'{naam}' in {gemeente} staat niet op de lijst van goedgekeurde transformatielocaties van de strategie. "
        "Geef de reden waarom deze transformatie toch in het register komt.",
        _controle_reden,
    ),
    Regel(
        "V20",
        "koppeling",
        "transformatie_id",
        "De koppeling wijst naar een geldige (niet vervallen) transformatie.",
        "Kies een geldige transformatie; {id} is geen geldige transformatie.",
        _controle_soort_koppeling("transformatie", "transformatie_id"),
    ),
    Regel(
        "V21",
        "koppeling",
        "compensatie_id",
        "De koppeling wijst naar een geldige (niet vervallen) compensatie.",
        "Kies een geldige compensatie; {id} is geen geldige compensatie.",
        _controle_soort_koppeling("compensatie", "compensatie_id"),
    ),
    Regel(
        "V22",
        "koppeling",
        "transformatie_id",
        "Een transformatie en compensatie zijn hoogstens één keer aan elkaar gekoppeld.",
        "Transformatie {t} is al aan compensatie {c} gekoppeld; wijzig die koppeling.",
        _controle_dubbel,
    ),
    Regel(
        "V23",
        "koppeling",
        "ha",
        "Het aantal hectares is groter dan 0.",
        "Vul een aantal hectares groter dan 0 in.",
        lambda k, o: None if (as_number(k.get("ha")) or 0.0) > 0 else {},
    ),
    Regel(
        "V24",
        "koppeling",
        "ha",
        "Koppelingen wijzen samen niet meer toe dan de compensatie groot is.",
        "Compensatie '{naam}' is {groot} en er is al {toegewezen} aan andere transformaties toegewezen; "
        "er is nog hoogstens {vrij} vrij.",
        _controle_comp_ruimte,
    ),
    Regel(
        "V25",
        "koppeling",
        "ha",
        "Een transformatie krijgt niet meer compensatie toegewezen dan ze groot is.",
        "Transformatie '{naam}' is {groot} en al voor {gedekt} gedekt; koppel hoogstens {vrij}.",
        _controle_trans_ruimte,
    ),
)


def _run(regels: str, obj: Mapping[str, object], omgeving: Omgeving) -> list[Melding]:
    uit: list[Melding] = []
    for r in REGELS:
        if r.object != regels:
            continue
        waarden = r.controle(obj, omgeving)
        if waarden is not None:
            uit.append(Melding(r.veld, r.code, r.bericht.format(**waarden)))
    return uit


def validate_mutatie(mutatie: Mapping[str, object], omgeving: Omgeving) -> list[Melding]:
    """Every rule of :data:`REGELS` for mutaties that ``mutatie`` (the full proposed record,
    optionally with ``reden_afwijking``) breaks; empty when it may be written."""
    return _run("mutatie", mutatie, omgeving)


def validate_koppeling(koppeling: Mapping[str, object], omgeving: Omgeving) -> list[Melding]:
    """Every rule of :data:`REGELS` for koppelingen that ``koppeling`` (transformatie_id,
    compensatie_id, ha) breaks; ``omgeving.koppeling`` names the koppeling being changed."""
    return _run("koppeling", koppeling, omgeving)


def meldingen_per_veld(meldingen: list[Melding]) -> dict[str, list[str]]:
    """The messages grouped by field, so a form shows each sentence next to its field."""
    uit: dict[str, list[str]] = {}
    for m in meldingen:
        uit.setdefault(m.veld, []).append(m.tekst)
    return uit
