"""The register of transformations and compensations: edits that never lose data.

* **Validation as data**: :data:`REGELS` lists every rule once (code, object, field, what it
  checks, the Dutch message template). :func:`validate_mutatie` and
  :func:`validate_koppeling` run them before anything is written; every edit function runs
  them again inside the store transaction, against the register as it is at that moment.
* **Edits**: :func:`add_mutatie`, :func:`change_mutatie`, :func:`retire_mutatie`,
  :func:`reinstate_mutatie`, :func:`add_koppeling`, :func:`change_koppeling`,
  :func:`remove_koppeling`. Each is one :meth:`Store.update` transaction that writes the
  layer and its audit rows (who, what, old → new) together, or nothing.
* **No lost updates**: every mutatie carries ``versie``; an edit names the version the user
  started from and is refused with :class:`MutatieConflict` (which carries the current row,
  so the page can show the other change and offer to reapply) when it no longer matches.
  Koppelingen have no version column: an edit names the hectares the user saw instead.
* **Retiring keeps history**: a retired mutatie keeps its row with the date in
  ``vervallen``; it counts nowhere (see :func:`bedrijventerreinen.balance.select_mutaties`)
  and its koppelingen are removed in the same transaction (each removal is logged).
* **Figures**: :func:`compute_dekking_per_planstatus` (coverage of every transformation by
  the planstatus of its compensation) and :func:`compute_tijdlijn` (cumulative transformed
  and compensated hectares per year).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import schema, store, toegang
from .formatting import format_datum, format_ha
from .toegang import Recht

if TYPE_CHECKING:
    from .strategy import Strategie

#: Fields of a mutatie a user edits (``soort`` is fixed once the mutatie exists).
VELDEN: tuple[str, ...] = ("soort", "terrein_id", "gemeente", "naam", "ha", "planstatus", "jaar", "toelichting", "bron")
BEWERKBAAR: tuple[str, ...] = tuple(v for v in VELDEN if v != "soort")
#: Prefix of new mutatie ids per soort (T-12, C-05, ...).
PREFIX: dict[str, str] = {
    "transformatie": "T",
    "compensatie": "C",
    "uitbreiding": "U",
    "intensivering": "I",
    "uitgifte": "G",
}
#: Marker in ``toelichting`` in front of the reason for a transformation on a location the
#: strategy has not approved.
REDEN_PREFIX = "Reden afwijking strategie: "
#: Years accepted around the strategy period: [referentiejaar - JAREN_VOOR, horizon + JAREN_NA].
JAREN_VOOR, JAREN_NA = 5, 20
MAX_NAAM = 120
#: Hectares are compared with this margin (floating point, rounding in forms).
EPS = 1e-6

#: Dutch names of the fields, for messages and tables.
VELD_LABEL: dict[str, str] = {
    "mutatie_id": "Mutatie",
    "soort": "Soort",
    "terrein_id": "Terrein",
    "gemeente": "Gemeente",
    "naam": "Naam",
    "ha": "Hectare (netto)",
    "planstatus": "Planstatus",
    "jaar": "Jaar",
    "toelichting": "Toelichting",
    "bron": "Bron",
    "reden_afwijking": "Reden afwijking strategie",
    "vervallen": "Vervallen",
    "transformatie_id": "Transformatie",
    "compensatie_id": "Compensatie",
    "gebruiker": "Gebruiker",
    "reden": "Reden",
}


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


def _leeg(waarde: object) -> bool:
    if waarde is None:
        return True
    if isinstance(waarde, str):
        return not waarde.strip()
    try:
        return bool(pd.isna(waarde))
    except (TypeError, ValueError):
        return False


def _getal(waarde: object) -> float | None:
    """A finite number, or None when ``waarde`` is empty or not a number."""
    if _leeg(waarde) or isinstance(waarde, bool):
        return None
    try:
        x = float(str(waarde).replace(",", ".")) if isinstance(waarde, str) else float(waarde)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _jaar(waarde: object) -> int | None:
    x = _getal(waarde)
    return int(x) if x is not None and float(x).is_integer() else None


def is_vervallen(mutaties: pd.DataFrame) -> pd.Series:
    """True for retired mutaties (a date in ``vervallen``); all False when the column is missing."""
    if "vervallen" not in mutaties.columns:
        return pd.Series(False, index=mutaties.index)
    return mutaties["vervallen"].astype("string").str.strip().fillna("").ne("").astype(bool)


def actieve_mutaties(mutaties: pd.DataFrame) -> pd.DataFrame:
    """The mutaties that have not been retired."""
    return mutaties[~is_vervallen(mutaties).to_numpy()]


def _terrein(m: Mapping[str, object], o: Omgeving) -> pd.Series | None:
    tid = m.get("terrein_id")
    if _leeg(tid):
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
    ha, t = _getal(m.get("ha")), _terrein(m, o)
    if ha is None or ha <= 0 or t is None or _getal(t["netto_ha"]) is None:
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
    ha = _getal(m.get("ha"))
    if ha is None or o.mutatie_id is None or m.get("soort") not in ("transformatie", "compensatie"):
        return None
    kolom = "transformatie_id" if m.get("soort") == "transformatie" else "compensatie_id"
    gekoppeld = float(o.koppelingen.loc[o.koppelingen[kolom] == o.mutatie_id, "ha"].sum())
    if ha + EPS >= gekoppeld:
        return None
    return {"gekoppeld": format_ha(gekoppeld, 2), "soort": str(m.get("soort"))}


def _controle_reden(m: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    if m.get("soort") != "transformatie" or _leeg(m.get("naam")) or _leeg(m.get("gemeente")):
        return None
    if o.strategie.is_goedgekeurde_locatie(str(m["gemeente"]), str(m["naam"]), m.get("locatie_id")):  # type: ignore[arg-type]
        return None
    if not _leeg(m.get("reden_afwijking")) or REDEN_PREFIX in str(m.get("toelichting") or ""):
        return None
    return {"naam": m["naam"], "gemeente": m["gemeente"]}


def _ruimte_over(
    k: Mapping[str, object], o: Omgeving, id_kolom: str, soort: str, bezet_label: str
) -> dict[str, object] | None:
    """The message values when a koppeling's ha exceed what is left of the mutatie at ``id_kolom``
    after its other koppelingen (None when it fits)."""
    ha, m = _getal(k.get("ha")), _mutatie(o, k.get(id_kolom))
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
    jaar = _jaar(m.get("jaar"))
    return None if jaar is not None and van <= jaar <= tot else {"van": van, "tot": tot}


def _controle_gerealiseerd(m: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    jaar = _jaar(m.get("jaar"))
    if m.get("planstatus") != "gerealiseerd" or jaar is None or jaar <= o.vandaag.year:
        return None
    return {"jaar": jaar, "dit_jaar": o.vandaag.year}


def _controle_terrein_bestaat(m: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    if _leeg(m.get("terrein_id")) or _terrein(m, o) is not None:
        return None
    return {"terrein_id": m.get("terrein_id")}


def _controle_terrein_gemeente(m: Mapping[str, object], o: Omgeving) -> dict[str, object] | None:
    t = _terrein(m, o)
    if t is None or _leeg(m.get("gemeente")) or t["gemeente"] == m.get("gemeente"):
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
        lambda m, o: None if not _leeg(m.get("naam")) and len(str(m["naam"])) <= MAX_NAAM else {"max": MAX_NAAM},
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
        lambda m, o: None if (_getal(m.get("ha")) or 0.0) > 0 else {},
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
        lambda k, o: None if (_getal(k.get("ha")) or 0.0) > 0 else {},
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


# -- errors ------------------------------------------------------------------------------
class OngeldigeInvoer(ValueError):
    """An edit breaks validation rules; ``meldingen`` holds the Dutch sentences per field."""

    def __init__(self, meldingen: list[Melding]):
        super().__init__(" ".join(m.tekst for m in meldingen))
        self.meldingen = meldingen


class MutatieConflict(store.VersieConflict):
    """Someone else saved the same object since the user started editing it.

    ``huidig`` is the object as it is now (a dict of fields, or None when it is gone),
    ``wijzigingen`` the user's refused changes (to reapply), ``audit`` the refused audit
    rows (logged with resultaat 'geweigerd' by :meth:`Store.update`)."""

    def __init__(
        self,
        bericht: str,
        pad: Path | None,
        object_id: str,
        huidig: dict[str, object] | None,
        wijzigingen: dict[str, object],
        audit: list[dict[str, object]],
    ):
        super().__init__(bericht, pad)
        self.object_id = object_id
        self.huidig = huidig
        self.wijzigingen = wijzigingen
        self.audit = audit


# -- edits -------------------------------------------------------------------------------
def _nu() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _norm(waarde: object) -> object:
    """A value as compared and logged: None for empty, rounded floats, plain ints."""
    if _leeg(waarde):
        return None
    if isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, int | float) or hasattr(waarde, "item"):
        x = float(waarde)  # type: ignore[arg-type]
        return int(x) if x.is_integer() and not isinstance(waarde, float) else round(x, 6)
    return str(waarde).strip()


def normalize_veld(veld: str, waarde: object) -> object:
    """A form value normalised for field ``veld``: ha as float, jaar as int, text stripped."""
    if veld == "ha":
        return _getal(waarde) if _getal(waarde) is not None else _norm(waarde)
    if veld in ("jaar", "versie"):
        return _jaar(waarde) if _jaar(waarde) is not None else _norm(waarde)
    return _norm(waarde)


def mutatie_dict(rij: pd.Series) -> dict[str, object]:
    """A register row as a plain dict of normalised values (see :func:`normalize_veld`)."""
    return {k: normalize_veld(k, rij.get(k)) for k in schema.kolomnamen("mutaties")}


def _door(s: store.Store, recht: Recht = Recht.REGISTER_WIJZIGEN) -> str:
    """Who changes the register: the store's bound user, checked before any validation runs.

    Raises :class:`~bedrijventerreinen.toegang.GeenToegang` when their role does not allow
    ``recht``. The name recorded (``gewijzigd_door``, audit log) is the authenticated login,
    never something typed in a form."""
    toegang.vereis(s.gebruiker, recht)
    assert s.gebruiker is not None  # vereis refuses an anonymous store
    return s.gebruiker.audit_naam


def _attributen(df: pd.DataFrame) -> pd.DataFrame:
    """Attributes only: the rules never look at geometry, and plain frames are much faster."""
    return pd.DataFrame(df.drop(columns="geometry", errors="ignore"))


def _omgeving(lagen: Mapping[str, pd.DataFrame], strategie: Strategie, **kw: object) -> Omgeving:
    terreinen = _attributen(lagen["terreinen"]) if "terreinen" in lagen else schema.empty("terreinen")
    return Omgeving(terreinen, _attributen(lagen["mutaties"]), lagen["koppelingen"], strategie, **kw)  # type: ignore[arg-type]


def _met_reden(toelichting: object, reden: str) -> str | None:
    if _leeg(reden):
        return None if _leeg(toelichting) else str(toelichting)
    basis = "" if _leeg(toelichting) else f"{str(toelichting).rstrip()}\n"
    return f"{basis}{REDEN_PREFIX}{reden.strip()}"


def next_mutatie_id(mutaties: pd.DataFrame, soort: str) -> str:
    """The next free id for ``soort`` (``T-12`` after ``T-11``), retired ids included."""
    prefix = PREFIX.get(soort, "M")
    nummers = [
        int(m.group(1)) for i in mutaties["mutatie_id"].dropna() if (m := re.fullmatch(rf"{prefix}-(\d+)", str(i)))
    ]
    return f"{prefix}-{max(nummers, default=0) + 1:02d}"


def _audit(gebruiker: str, actie: str, laag: str, object_id: str, veld: str, oud: object, nieuw: object) -> dict:
    return {
        "gebruiker": gebruiker,
        "actie": actie,
        "laag": laag,
        "object_id": object_id,
        "veld": veld,
        "oud": oud,
        "nieuw": nieuw,
    }


def add_mutatie(
    s: store.Store,
    mutatie: Mapping[str, object],
    strategie: Strategie,
    reden_afwijking: str = "",
    vandaag: dt.date | None = None,
) -> str:
    """Add a mutatie (fields of :data:`VELDEN`); returns its new id (see :func:`next_mutatie_id`).

    Raises :class:`OngeldigeInvoer` when a rule is broken; nothing is written then."""
    gebruiker = _door(s)
    voorstel = {k: normalize_veld(k, mutatie.get(k)) for k in VELDEN}
    voorstel["reden_afwijking"] = reden_afwijking
    nieuw_id: list[str] = []

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        omg = _omgeving(lagen, strategie, vandaag=vandaag or dt.date.today())
        if meldingen := validate_mutatie(voorstel, omg):
            raise OngeldigeInvoer(meldingen)
        m = lagen["mutaties"]
        mid = next_mutatie_id(m, str(voorstel["soort"]))
        rij = {k: voorstel[k] for k in VELDEN}
        rij["toelichting"] = _met_reden(voorstel["toelichting"], reden_afwijking)
        rij.update(mutatie_id=mid, versie=1, gewijzigd_op=_nu(), gewijzigd_door=gebruiker, vervallen=None)
        nieuw = schema.conform(pd.DataFrame([rij]), "mutaties")
        m = pd.concat([m, nieuw.to_crs(m.crs) if m.crs else nieuw], ignore_index=True)
        audit = [
            _audit(gebruiker, "toegevoegd", "mutaties", mid, k, None, rij[k]) for k in VELDEN if rij[k] is not None
        ]
        if not _leeg(reden_afwijking):
            audit.append(_audit(gebruiker, "toegevoegd", "mutaties", mid, "reden_afwijking", None, reden_afwijking))
        nieuw_id.append(mid)
        return {"mutaties": m}, audit

    s.update(fn, ("terreinen", "mutaties", "koppelingen"))
    return nieuw_id[0]


def _zoek(m: pd.DataFrame, mutatie_id: str) -> int:
    idx = m.index[m["mutatie_id"] == mutatie_id]
    if len(idx) == 0:
        raise OngeldigeInvoer(
            [Melding("mutatie_id", "V00", f"Mutatie {mutatie_id} bestaat niet (meer) in het register.")]
        )
    return idx[0]


def _versie(waarde: object) -> int:
    return 0 if _leeg(waarde) else int(waarde)  # type: ignore[call-overload]


def _conflict(
    s: store.Store,
    rij: pd.Series,
    basis_versie: int,
    wijzigingen: dict[str, object],
    gebruiker: str,
    actie: str,
) -> MutatieConflict:
    huidig = mutatie_dict(rij)
    door = huidig.get("gewijzigd_door") or "iemand anders"
    op = huidig.get("gewijzigd_op")
    wanneer = ""
    if op:
        try:
            t = dt.datetime.fromisoformat(str(op))
            wanneer = f" op {format_datum(t)} om {t:%H:%M}"
        except ValueError:
            wanneer = ""
    mid = str(huidig["mutatie_id"])
    bericht = (
        f"Mutatie {mid} ('{huidig.get('naam')}') is intussen gewijzigd door {door}{wanneer} "
        f"(versie {_versie(huidig.get('versie'))}; u begon met versie {basis_versie}). "
        "Uw wijziging is niet opgeslagen. Bekijk de andere wijziging en pas de uwe zo nodig opnieuw toe."
    )
    audit = [_audit(gebruiker, actie, "mutaties", mid, k, huidig.get(k), v) for k, v in wijzigingen.items()]
    return MutatieConflict(bericht, s.path, mid, huidig, wijzigingen, audit)


def change_mutatie(
    s: store.Store,
    mutatie_id: str,
    wijzigingen: Mapping[str, object],
    basis_versie: int,
    strategie: Strategie,
    reden_afwijking: str = "",
    vandaag: dt.date | None = None,
) -> int:
    """Change fields of mutatie ``mutatie_id``; returns its new ``versie``.

    ``wijzigingen`` holds only the fields the user changed (so reapplying them after a
    conflict keeps the other person's changes to other fields); ``basis_versie`` is the
    versie the user started from. Refused with :class:`MutatieConflict` when the mutatie
    has been saved since, with :class:`OngeldigeInvoer` when a rule is broken."""
    gebruiker = _door(s)
    wijz = {k: normalize_veld(k, v) for k, v in wijzigingen.items() if k in BEWERKBAAR}
    nieuwe_versie: list[int] = []

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        m = lagen["mutaties"]
        i = _zoek(m, mutatie_id)
        huidig = _versie(m.at[i, "versie"])
        if huidig != basis_versie:
            raise _conflict(s, m.loc[i], basis_versie, wijz, gebruiker, "gewijzigd")
        if is_vervallen(m.loc[[i]]).iloc[0]:
            raise OngeldigeInvoer(
                [Melding("mutatie_id", "V00", f"Mutatie {mutatie_id} is vervallen; maak haar eerst weer geldig.")]
            )
        oud = mutatie_dict(m.loc[i])
        voorstel = {**oud, **wijz, "reden_afwijking": reden_afwijking}
        omg = _omgeving(lagen, strategie, vandaag=vandaag or dt.date.today(), mutatie_id=mutatie_id)
        if meldingen := validate_mutatie(voorstel, omg):
            raise OngeldigeInvoer(meldingen)
        voorstel["toelichting"] = _met_reden(voorstel.get("toelichting"), reden_afwijking)
        audit = []
        for k in BEWERKBAAR:
            if normalize_veld(k, voorstel.get(k)) != oud.get(k):
                m.at[i, k] = voorstel[k] if voorstel[k] is not None else pd.NA
                audit.append(_audit(gebruiker, "gewijzigd", "mutaties", mutatie_id, k, oud.get(k), voorstel[k]))
        if not _leeg(reden_afwijking):
            audit.append(
                _audit(gebruiker, "gewijzigd", "mutaties", mutatie_id, "reden_afwijking", None, reden_afwijking)
            )
        if not audit:
            raise OngeldigeInvoer([Melding("mutatie_id", "V00", "Er is niets gewijzigd.")])
        m.at[i, "versie"] = huidig + 1
        m.at[i, "gewijzigd_op"] = _nu()
        m.at[i, "gewijzigd_door"] = gebruiker
        nieuwe_versie.append(huidig + 1)
        return {"mutaties": m}, audit

    s.update(fn, ("terreinen", "mutaties", "koppelingen"))
    return nieuwe_versie[0]


def _koppelingen_van(k: pd.DataFrame, mutatie_id: str) -> pd.Series:
    return (k["transformatie_id"] == mutatie_id) | (k["compensatie_id"] == mutatie_id)


def koppeling_id(transformatie_id: str, compensatie_id: str) -> str:
    """The object id of a koppeling in the audit log: ``T-04→C-01``."""
    return f"{transformatie_id}→{compensatie_id}"


def retire_mutatie(
    s: store.Store,
    mutatie_id: str,
    basis_versie: int,
    reden: str,
    vandaag: dt.date | None = None,
) -> int:
    """Retire a mutatie: its row stays with today's date in ``vervallen`` and counts nowhere;
    its koppelingen are removed in the same transaction (each removal logged with its
    hectares, so nothing is lost from the log). Returns the new ``versie``."""
    gebruiker = _door(s)
    if _leeg(reden):
        raise OngeldigeInvoer([Melding("reden", "V00", "Geef een reden waarom deze mutatie vervalt.")])
    datum = (vandaag or dt.date.today()).isoformat()
    nieuwe_versie: list[int] = []

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        m, k = lagen["mutaties"], lagen["koppelingen"]
        i = _zoek(m, mutatie_id)
        huidig = _versie(m.at[i, "versie"])
        if huidig != basis_versie:
            raise _conflict(s, m.loc[i], basis_versie, {"vervallen": datum}, gebruiker, "vervallen")
        if is_vervallen(m.loc[[i]]).iloc[0]:
            raise OngeldigeInvoer([Melding("mutatie_id", "V00", f"Mutatie {mutatie_id} is al vervallen.")])
        m.at[i, "vervallen"] = datum
        m.at[i, "versie"] = huidig + 1
        m.at[i, "gewijzigd_op"] = _nu()
        m.at[i, "gewijzigd_door"] = gebruiker
        audit = [
            _audit(gebruiker, "vervallen", "mutaties", mutatie_id, "vervallen", None, datum),
            _audit(gebruiker, "vervallen", "mutaties", mutatie_id, "reden", None, reden.strip()),
        ]
        weg = _koppelingen_van(k, mutatie_id)
        for r in k[weg].itertuples(index=False):
            audit.append(
                _audit(
                    gebruiker,
                    "verwijderd (mutatie vervallen)",
                    "koppelingen",
                    koppeling_id(r.transformatie_id, r.compensatie_id),
                    "ha",
                    _norm(r.ha),
                    None,
                )
            )
        nieuwe_versie.append(huidig + 1)
        return {"mutaties": m, "koppelingen": k[~weg.to_numpy()]}, audit

    s.update(fn, ("mutaties", "koppelingen"))
    return nieuwe_versie[0]


def reinstate_mutatie(
    s: store.Store,
    mutatie_id: str,
    basis_versie: int,
    strategie: Strategie,
    vandaag: dt.date | None = None,
) -> int:
    """Make a retired mutatie valid again (validated like a new one); returns the new ``versie``.
    Its former koppelingen are in the audit log and are linked again by hand."""
    gebruiker = _door(s)
    nieuwe_versie: list[int] = []

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        m = lagen["mutaties"]
        i = _zoek(m, mutatie_id)
        huidig = _versie(m.at[i, "versie"])
        if huidig != basis_versie:
            raise _conflict(s, m.loc[i], basis_versie, {"vervallen": None}, gebruiker, "weer geldig")
        if not is_vervallen(m.loc[[i]]).iloc[0]:
            raise OngeldigeInvoer([Melding("mutatie_id", "V00", f"Mutatie {mutatie_id} is niet vervallen.")])
        oud = mutatie_dict(m.loc[i])
        omg = _omgeving(lagen, strategie, vandaag=vandaag or dt.date.today(), mutatie_id=mutatie_id)
        if meldingen := validate_mutatie(oud, omg):
            raise OngeldigeInvoer(meldingen)
        m.at[i, "vervallen"] = pd.NA
        m.at[i, "versie"] = huidig + 1
        m.at[i, "gewijzigd_op"] = _nu()
        m.at[i, "gewijzigd_door"] = gebruiker
        nieuwe_versie.append(huidig + 1)
        return {"mutaties": m}, [
            _audit(gebruiker, "weer geldig", "mutaties", mutatie_id, "vervallen", oud.get("vervallen"), None)
        ]

    s.update(fn, ("terreinen", "mutaties", "koppelingen"))
    return nieuwe_versie[0]


def _koppeling_index(k: pd.DataFrame, transformatie_id: str, compensatie_id: str) -> pd.Index:
    return k.index[(k["transformatie_id"] == transformatie_id) & (k["compensatie_id"] == compensatie_id)]


def add_koppeling(
    s: store.Store,
    transformatie_id: str,
    compensatie_id: str,
    ha: float,
    strategie: Strategie,
) -> None:
    """Link ``ha`` hectares of a compensation to a transformation (validated inside the
    transaction, so two people allocating the same compensation cannot over-allocate it)."""
    gebruiker = _door(s)
    voorstel = {"transformatie_id": transformatie_id, "compensatie_id": compensatie_id, "ha": normalize_veld("ha", ha)}

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        if meldingen := validate_koppeling(voorstel, _omgeving(lagen, strategie)):
            raise OngeldigeInvoer(meldingen)
        k = pd.concat([lagen["koppelingen"], schema.conform(pd.DataFrame([voorstel]), "koppelingen")])
        oid = koppeling_id(transformatie_id, compensatie_id)
        return {"koppelingen": k.reset_index(drop=True)}, [
            _audit(gebruiker, "toegevoegd", "koppelingen", oid, "ha", None, voorstel["ha"])
        ]

    s.update(fn, ("mutaties", "koppelingen"))


def _koppeling_conflict(
    s: store.Store, k: pd.DataFrame, t: str, c: str, basis_ha: float, nieuw: object, gebruiker: str, actie: str
) -> MutatieConflict | None:
    idx = _koppeling_index(k, t, c)
    huidig = None if len(idx) == 0 else _norm(k.at[idx[0], "ha"])
    if huidig is not None and abs(float(huidig) - float(basis_ha)) <= EPS:  # type: ignore[arg-type]
        return None
    oid = koppeling_id(t, c)
    nu = "is intussen verwijderd" if huidig is None else f"is intussen gewijzigd naar {format_ha(huidig, 2)}"  # type: ignore[arg-type]
    bericht = (
        f"Koppeling {oid} {nu} (u begon met {format_ha(basis_ha, 2)}). "
        "Uw wijziging is niet opgeslagen. Bekijk de nieuwe stand en pas uw wijziging zo nodig opnieuw toe."
    )
    rij = None if huidig is None else {"transformatie_id": t, "compensatie_id": c, "ha": huidig}
    return MutatieConflict(
        bericht, s.path, oid, rij, {"ha": nieuw}, [_audit(gebruiker, actie, "koppelingen", oid, "ha", huidig, nieuw)]
    )


def change_koppeling(
    s: store.Store,
    transformatie_id: str,
    compensatie_id: str,
    ha: float,
    basis_ha: float,
    strategie: Strategie,
) -> None:
    """Change the hectares of a koppeling; ``basis_ha`` is what the user saw (refused with
    :class:`MutatieConflict` when someone changed or removed the koppeling since)."""
    gebruiker = _door(s)
    voorstel = {"transformatie_id": transformatie_id, "compensatie_id": compensatie_id, "ha": normalize_veld("ha", ha)}

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        k = lagen["koppelingen"]
        if c := _koppeling_conflict(
            s, k, transformatie_id, compensatie_id, basis_ha, voorstel["ha"], gebruiker, "gewijzigd"
        ):
            raise c
        omg = _omgeving(lagen, strategie, koppeling=(transformatie_id, compensatie_id))
        if meldingen := validate_koppeling(voorstel, omg):
            raise OngeldigeInvoer(meldingen)
        i = _koppeling_index(k, transformatie_id, compensatie_id)[0]
        oud = _norm(k.at[i, "ha"])
        if oud == voorstel["ha"]:
            raise OngeldigeInvoer([Melding("ha", "V00", "Er is niets gewijzigd.")])
        k.at[i, "ha"] = voorstel["ha"]
        oid = koppeling_id(transformatie_id, compensatie_id)
        return {"koppelingen": k}, [_audit(gebruiker, "gewijzigd", "koppelingen", oid, "ha", oud, voorstel["ha"])]

    s.update(fn, ("mutaties", "koppelingen"))


def remove_koppeling(s: store.Store, transformatie_id: str, compensatie_id: str, basis_ha: float) -> None:
    """Remove a koppeling (the audit log keeps its hectares); refused with
    :class:`MutatieConflict` when it changed since the user saw ``basis_ha``."""
    gebruiker = _door(s)

    def fn(lagen: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict[str, object]]]:
        k = lagen["koppelingen"]
        if c := _koppeling_conflict(s, k, transformatie_id, compensatie_id, basis_ha, None, gebruiker, "verwijderd"):
            raise c
        i = _koppeling_index(k, transformatie_id, compensatie_id)
        oid = koppeling_id(transformatie_id, compensatie_id)
        return {"koppelingen": k.drop(index=i)}, [
            _audit(gebruiker, "verwijderd", "koppelingen", oid, "ha", _norm(k.at[i[0], "ha"]), None)
        ]

    s.update(fn, ("koppelingen",))


# -- snapshots ---------------------------------------------------------------------------
def take_snapshot(s: store.Store, label: str) -> Path:
    """Save the current state as a snapshot named ``label`` and log who made it."""
    gebruiker = _door(s, Recht.SNAPSHOT_MAKEN)
    if _leeg(label):
        raise OngeldigeInvoer(
            [Melding("label", "V00", "Geef de snapshot een naam, bijvoorbeeld 'stand voor stuurgroep'.")]
        )
    label = label.strip()
    return s.snapshot(label, audit=[_audit(gebruiker, "snapshot gemaakt", "opslag", "", "label", None, label)])


def restore_snapshot(s: store.Store, bestand: str | Path) -> int:
    """Make snapshot ``bestand`` the current state, logged; returns the new store version
    (see :meth:`bedrijventerreinen.store.Store.restore_snapshot`: the state before is kept
    as a snapshot, so the restore can itself be undone)."""
    gebruiker = _door(s, Recht.SNAPSHOT_HERSTELLEN)
    bron = Path(bestand)
    label = store.Store(bron).meta().get("snapshot_label", bron.stem) if bron.exists() else bron.stem
    return s.restore_snapshot(
        bron, audit=[_audit(gebruiker, "snapshot hersteld", "opslag", bron.name, "label", None, label)]
    )


# -- figures -----------------------------------------------------------------------------
DEKKING_KOLOMMEN = [
    "mutatie_id",
    "naam",
    "gemeente",
    "planstatus",
    "jaar",
    "ha",
    *[f"gedekt_{p}_ha" for p in schema.codes(schema.PLANSTATUS)],
    "gedekt_hard_totaal_ha",
    "gedekt_totaal_ha",
    "tekort_hard_ha",
    "tekort_ha",
    "gedekt_elders_ha",
]


def compute_dekking_per_planstatus(mutaties: pd.DataFrame, koppelingen: pd.DataFrame) -> pd.DataFrame:
    """Coverage of every valid transformation by the planstatus of its linked compensations.

    Koppelingen count with their hectares; when koppelingen allocate more than a
    compensation holds, each is scaled down pro rata (as in
    :func:`bedrijventerreinen.balance.compute_compensatiedekking`). Columns:
    ``gedekt_<planstatus>_ha`` (allocated from compensation of that planstatus),
    ``gedekt_hard_totaal_ha`` = min(ha, gerealiseerd + hard), ``gedekt_totaal_ha`` =
    min(ha, all), ``tekort_hard_ha`` = ha − gedekt_hard_totaal_ha (what the strategy
    requires to be covered firmly), ``tekort_ha`` = ha − gedekt_totaal_ha, and
    ``gedekt_elders_ha`` (covered by compensation in another gemeente). All years count.
    """
    act = actieve_mutaties(mutaties)
    trans = pd.DataFrame(
        act[act["soort"] == "transformatie"][["mutatie_id", "naam", "gemeente", "planstatus", "jaar", "ha"]]
    )
    comp = pd.DataFrame(act[act["soort"] == "compensatie"]).set_index("mutatie_id")
    k = koppelingen[koppelingen["compensatie_id"].isin(comp.index)].copy()
    toegewezen = k.groupby("compensatie_id")["ha"].transform("sum")
    groot = k["compensatie_id"].map(comp["ha"]).astype(float)
    schaal = (groot / toegewezen.where(toegewezen > 0)).clip(upper=1.0).fillna(0.0)
    k["effectief_ha"] = k["ha"].clip(lower=0).astype(float) * schaal
    k["planstatus"] = k["compensatie_id"].map(comp["planstatus"])
    k["elders"] = (
        k["compensatie_id"].map(comp["gemeente"]).to_numpy()
        != k["transformatie_id"].map(trans.set_index("mutatie_id")["gemeente"]).to_numpy()
    )
    out = trans.reset_index(drop=True)
    ha = out["ha"].astype(float)
    for p in schema.codes(schema.PLANSTATUS):
        som = k[k["planstatus"] == p].groupby("transformatie_id")["effectief_ha"].sum()
        out[f"gedekt_{p}_ha"] = out["mutatie_id"].map(som).fillna(0.0).astype(float)
    vast = out["gedekt_gerealiseerd_ha"] + out["gedekt_hard_ha"]
    alles = vast + out["gedekt_zacht_ha"] + out["gedekt_idee_ha"]
    out["gedekt_hard_totaal_ha"] = vast.clip(upper=ha)
    out["gedekt_totaal_ha"] = alles.clip(upper=ha)
    out["tekort_hard_ha"] = (ha - out["gedekt_hard_totaal_ha"]).clip(lower=0)
    out["tekort_ha"] = (ha - out["gedekt_totaal_ha"]).clip(lower=0)
    elders = k[k["elders"]].groupby("transformatie_id")["effectief_ha"].sum()
    out["gedekt_elders_ha"] = (
        out["mutatie_id"].map(elders).fillna(0.0).astype(float).clip(upper=out["gedekt_totaal_ha"])
    )
    return out[DEKKING_KOLOMMEN]


TIJDLIJN_REEKSEN = {"gerealiseerd": "Gerealiseerd", "gepland": "Inclusief plannen"}


def compute_tijdlijn(
    mutaties: pd.DataFrame,
    strategie: Strategie,
    gemeenten: list[str] | None = None,
    planstatus_vanaf: str = "hard",
) -> pd.DataFrame:
    """Cumulative transformed and compensated hectares per year, per gemeente and ``regio``.

    Valid mutaties of soort transformatie and compensatie in ``gemeenten`` (default: those
    of the strategy). Reeks ``gerealiseerd`` sums gerealiseerd mutaties; reeks ``gepland``
    adds the plans counted under ``planstatus_vanaf`` (same order as the balance). A year
    before the reference year counts from the reference year; a missing year counts from
    the horizon. Years run from the reference year to the horizon (or the latest year).

    Returns long rows: gemeente (a gemeente or ``regio``), jaar, soort, reeks, ha.
    """
    if planstatus_vanaf not in schema.PLANSTATUS_RANG:
        raise ValueError(f"Onbekende planstatus: {planstatus_vanaf!r}")
    gemeenten = list(gemeenten) if gemeenten is not None else list(strategie.gemeenten)
    act = actieve_mutaties(mutaties)
    m = pd.DataFrame(act[act["soort"].isin(["transformatie", "compensatie"]) & act["gemeente"].isin(gemeenten)])
    ref, hor = strategie.referentiejaar, strategie.horizon
    jaar = m["jaar"].astype("Float64").fillna(hor).astype(float).clip(lower=ref)
    m = m.assign(jaar=jaar.astype(int), rang=m["planstatus"].map(schema.PLANSTATUS_RANG))
    eind = max(hor, int(m["jaar"].max()) if len(m) else hor)
    jaren = list(range(ref, eind + 1))
    rijen = []
    for gemeente in [*gemeenten, "regio"]:
        sel = m if gemeente == "regio" else m[m["gemeente"] == gemeente]
        for soort in ("transformatie", "compensatie"):
            s = sel[sel["soort"] == soort]
            for reeks, grens in (("gerealiseerd", "gerealiseerd"), ("gepland", planstatus_vanaf)):
                telt = s[s["rang"] <= schema.PLANSTATUS_RANG[grens]]
                per_jaar = telt.groupby("jaar")["ha"].sum().reindex(jaren, fill_value=0.0).cumsum()
                rijen += [(gemeente, j, soort, reeks, float(v)) for j, v in per_jaar.items()]
    return pd.DataFrame(rijen, columns=["gemeente", "jaar", "soort", "reeks", "ha"])


def bevindingen_voor(bevindingen: pd.DataFrame, mutatie_id: str) -> pd.DataFrame:
    """The strategy findings that concern ``mutatie_id`` (as object, or as end of a koppeling)."""
    oid = bevindingen["object_id"].astype(str)
    return bevindingen[(oid == mutatie_id) | oid.str.startswith(f"{mutatie_id}→") | oid.str.endswith(f"→{mutatie_id}")]


# -- tables for people -------------------------------------------------------------------
def filter_register(
    mutaties: pd.DataFrame,
    gemeenten: list[str] | None = None,
    soorten: list[str] | None = None,
    planstatussen: list[str] | None = None,
    met_vervallen: bool = False,
) -> pd.DataFrame:
    """The register rows for the selection (empty lists mean 'all'), retired ones only on request."""
    keep = pd.Series(True, index=mutaties.index)
    if gemeenten:
        keep &= mutaties["gemeente"].isin(gemeenten)
    if soorten:
        keep &= mutaties["soort"].isin(soorten)
    if planstatussen:
        keep &= mutaties["planstatus"].isin(planstatussen)
    if not met_vervallen:
        keep &= ~is_vervallen(mutaties)
    return mutaties[keep.fillna(False).astype(bool).to_numpy()]


def format_tijdstip(waarde: object) -> str:
    """An ISO timestamp as ``28-11-2026 14:03`` ('' when empty)."""
    if _leeg(waarde):
        return ""
    try:
        t = dt.datetime.fromisoformat(str(waarde))
    except ValueError:
        return str(waarde)
    return f"{format_datum(t)} {t:%H:%M}"


def format_dag(waarde: object) -> str:
    """An ISO date (or timestamp) as ``28-11-2026`` ('' when empty)."""
    if _leeg(waarde):
        return ""
    try:
        return format_datum(dt.date.fromisoformat(str(waarde)[:10]))
    except ValueError:
        return str(waarde)


def format_register(mutaties: pd.DataFrame) -> pd.DataFrame:
    """The register as a table for people: Dutch headers and labels, ``3,5 ha``, dates
    ``28-11-2026``; user text stays plain text (render with ``st.dataframe``)."""
    return pd.DataFrame(
        {
            "Mutatie": mutaties["mutatie_id"].to_numpy(),
            "Soort": [schema.label(schema.SOORTEN, s) for s in mutaties["soort"]],
            "Naam": mutaties["naam"].to_numpy(),
            "Gemeente": mutaties["gemeente"].to_numpy(),
            "Terrein": mutaties["terrein_id"].fillna("").to_numpy(),
            "Hectare": [format_ha(v) for v in mutaties["ha"]],
            "Planstatus": [schema.label(schema.PLANSTATUS, p) for p in mutaties["planstatus"]],
            "Jaar": [("" if _leeg(j) else str(int(j))) for j in mutaties["jaar"]],
            "Vervallen": [format_dag(v) for v in mutaties.get("vervallen", pd.Series(pd.NA, index=mutaties.index))],
            "Versie": [("" if _leeg(v) else str(int(v))) for v in mutaties["versie"]],
            "Gewijzigd": [format_tijdstip(v) for v in mutaties["gewijzigd_op"]],
            "Door": mutaties["gewijzigd_door"].fillna("").to_numpy(),
            "Toelichting": mutaties["toelichting"].fillna("").to_numpy(),
        }
    )


def format_dekking(dekking: pd.DataFrame) -> pd.DataFrame:
    """Coverage per transformation (from :func:`compute_dekking_per_planstatus`) for people."""
    uit = pd.DataFrame(
        {
            "Transformatie": dekking["mutatie_id"].to_numpy(),
            "Naam": dekking["naam"].to_numpy(),
            "Gemeente": dekking["gemeente"].to_numpy(),
            "Planstatus": [schema.label(schema.PLANSTATUS, p) for p in dekking["planstatus"]],
            "Hectare": [format_ha(v, 2) for v in dekking["ha"]],
        }
    )
    for c in schema.PLANSTATUS:
        uit[f"Gedekt {c.label.lower()}"] = [format_ha(v, 2) for v in dekking[f"gedekt_{c.code}_ha"]]
    uit["Tekort (hard)"] = [format_ha(v, 2) for v in dekking["tekort_hard_ha"]]
    uit["Tekort (alles)"] = [format_ha(v, 2) for v in dekking["tekort_ha"]]
    uit["Elders gecompenseerd"] = [format_ha(v, 2) for v in dekking["gedekt_elders_ha"]]
    return uit


def format_koppelingen(koppelingen: pd.DataFrame, mutaties: pd.DataFrame) -> pd.DataFrame:
    """The koppelingen with the names and gemeenten of both ends, for people."""
    m = mutaties.set_index("mutatie_id")
    return pd.DataFrame(
        {
            "Transformatie": koppelingen["transformatie_id"].to_numpy(),
            "Naam transformatie": koppelingen["transformatie_id"].map(m["naam"]).fillna("").to_numpy(),
            "Compensatie": koppelingen["compensatie_id"].to_numpy(),
            "Naam compensatie": koppelingen["compensatie_id"].map(m["naam"]).fillna("").to_numpy(),
            "Gemeente compensatie": koppelingen["compensatie_id"].map(m["gemeente"]).fillna("").to_numpy(),
            "Hectare": [format_ha(v, 2) for v in koppelingen["ha"]],
        }
    )


def format_audit(audit: pd.DataFrame) -> pd.DataFrame:
    """The audit log, newest first, with Dutch headers and ``28-11-2026 14:03`` times."""
    a = audit.iloc[::-1]
    return pd.DataFrame(
        {
            "Tijdstip": [format_tijdstip(t) for t in a["tijdstip"]],
            "Gebruiker": a["gebruiker"].fillna("").to_numpy(),
            "Actie": a["actie"].fillna("").to_numpy(),
            "Object": a["object_id"].fillna("").to_numpy(),
            "Veld": [VELD_LABEL.get(v, v) if isinstance(v, str) else "" for v in a["veld"]],
            "Oud": a["oud"].fillna("").to_numpy(),
            "Nieuw": a["nieuw"].fillna("").to_numpy(),
            "Resultaat": a["resultaat"].fillna("").to_numpy(),
        }
    )


def audit_csv(audit: pd.DataFrame) -> bytes:
    """The audit log as CSV for Excel (semicolon-separated, UTF-8 with BOM, CRLF), newest first;
    text that Excel would run as a formula is neutralised (:func:`bedrijventerreinen.export.neutraliseer_formules`)."""
    from .export import CSV_REGELEINDE, neutraliseer_formules

    tabel = neutraliseer_formules(format_audit(audit))
    return tabel.to_csv(index=False, sep=";", lineterminator=CSV_REGELEINDE).encode("utf-8-sig")


def audit_xlsx(audit: pd.DataFrame) -> bytes:
    """The audit log as an Excel workbook (sheet 'Logboek'), newest first; formulas written as text."""
    import io as _io

    from .export import neutraliseer_formules

    buffer = _io.BytesIO()
    neutraliseer_formules(format_audit(audit)).to_excel(buffer, index=False, sheet_name="Logboek")
    return buffer.getvalue()


def toon_waarde(veld: str, waarde: object) -> str:
    """A field value as people read it: labels for planstatus and soort, ``1,50 ha``, dates."""
    if _leeg(waarde):
        return ""
    if veld == "planstatus":
        return schema.label(schema.PLANSTATUS, str(waarde))
    if veld == "soort":
        return schema.label(schema.SOORTEN, str(waarde))
    if veld == "ha" and _getal(waarde) is not None:
        return format_ha(_getal(waarde), 2)
    if veld == "vervallen":
        return format_dag(waarde)
    return str(waarde)


def describe_conflict(basis: Mapping[str, object], huidig: Mapping[str, object] | None) -> pd.DataFrame:
    """What the other person changed: per field of ``basis`` (the object as the user started
    from it) that differs in ``huidig`` (the object now), the old and the new value."""
    if huidig is None:
        return pd.DataFrame({"Veld": ["(geheel)"], "U begon met": ["aanwezig"], "Nu": ["verwijderd"]})
    rijen = [
        (VELD_LABEL.get(k, k), toon_waarde(k, basis.get(k)), toon_waarde(k, v))
        for k, v in huidig.items()
        if k in (*BEWERKBAAR, "vervallen") and k in basis and normalize_veld(k, basis.get(k)) != normalize_veld(k, v)
    ]
    return pd.DataFrame(rijen, columns=["Veld", "U begon met", "Nu"]).drop_duplicates()


def mutatie_label(rij: Mapping[str, object]) -> str:
    """A short text for choosing a mutatie: ``T-04 · Werninkterrein (Leiden, 3,5 ha)``."""
    return f"{rij['mutatie_id']} · {rij['naam']} ({rij['gemeente']}, {format_ha(_getal(rij.get('ha')))})"


def regels_frame(object_: str | None = None) -> pd.DataFrame:
    """The validation rules as a table for people (code, object, field, what is checked)."""
    return pd.DataFrame(
        [
            (r.code, r.object, VELD_LABEL.get(r.veld, r.veld), r.beschrijving)
            for r in REGELS
            if object_ is None or r.object == object_
        ],
        columns=["Regel", "Object", "Veld", "Controle"],
    )
