"""Importing a read upload into the store: :func:`plan_import` computes everything an import
would change (the same plan the Data page previews), :func:`apply_import` writes it as one
transaction with a snapshot first and audit rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import ibis, register, schema, strategy, toegang, validatie
from ..bestanden import InvoerFout
from ..store import Store, StoreFout
from .resultaat import ImportResultaat
from .verschil import MODUS_ALIAS, compute_verschil, merge_laag, summarize_verschil

#: Refusals of the register's rules named in the message of a refused import; the rest is counted.
MAX_WEIGERINGEN_IN_BERICHT = 10


def _lege_wezen() -> pd.DataFrame:
    """An empty table of orphans, with the columns of :func:`ibis.find_wezen`."""
    return pd.DataFrame(columns=["laag", "object_id", "naam", "terrein_id", "terrein", "voorstel"])


@dataclass
class ImportPlan:
    """Everything an import would change, computed once for the preview and for the commit.

    ``lagen``: the layers as they will be written (the imported layer; with a stock table
    also ``voorraad``; with orphans resolved also ``mutaties``/``kanszones``); ``verschil``:
    :func:`compute_verschil` of the imported layer; ``match``: for a stock table, which park
    each row became (:func:`ibis.match_terreinen`); ``wezen``: what would point to nothing
    after a *vervangen* (:func:`ibis.find_wezen`); ``weg``: the parks a *vervangen* removes.
    """

    laag: str
    modus: str
    lagen: dict[str, pd.DataFrame]
    verschil: pd.DataFrame
    match: pd.DataFrame | None = None
    wezen: pd.DataFrame = field(default_factory=_lege_wezen)
    weg: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The first orphan without a valid choice (Dutch), empty when every orphan has one.
    open_keuze: str = ""
    #: Rows the register's own rules refuse (koppelingen: :func:`register.validate_koppeling`),
    #: Dutch sentences naming the row; the import is refused while there are any.
    weigeringen: list[str] = field(default_factory=list)


def plan_import(
    huidig: dict[str, pd.DataFrame],
    resultaat: ImportResultaat,
    modus: str = "bijwerken",
    *,
    peiljaar: int | None = None,
    wezen_keuzes: dict[str, str] | None = None,
    door: str = "import",
) -> ImportPlan:
    """What importing ``resultaat`` into the store's current layers ``huidig`` would write.

    ``peiljaar`` fills the peiljaar of stock rows that have none (a table without ``JAAR``).
    A stock of terreinen also updates the stock history (``voorraad``) and never overwrites a
    park's newer peiljaar. With *vervangen*, mutaties and kanszones of parks that disappear are
    listed in ``wezen``; ``wezen_keuzes`` (see :func:`ibis.apply_wezen_keuzes`) resolves them in
    the same plan. Pure: nothing is written. Returns the :class:`ImportPlan`.
    """
    modus = MODUS_ALIAS.get(modus, modus)
    laag = resultaat.laag
    nieuw = resultaat.gdf
    behouden = resultaat.behouden_kolommen()
    register_naam = None
    if laag == "terreinen":
        # a name in register capitals ("'T HEEN") does not rename a park the region writes
        # readably; a new park gets it readably ("'t Heen")
        register_naam = nieuw["naam"].astype("string").str.upper().eq(nieuw["naam"].astype("string")).fillna(False)
        nieuw = nieuw.assign(naam=nieuw["naam"].map(ibis.leesbare_naam).astype("string"))
    if laag == "terreinen" and peiljaar is not None:
        nieuw = nieuw.assign(peiljaar=nieuw["peiljaar"].fillna(int(peiljaar)).astype("Int64"))
        behouden = [c for c in behouden if c != "peiljaar"]
    oud = huidig.get(laag, schema.empty(laag))
    na = merge_laag(oud, nieuw, laag, modus, door, behouden=behouden)
    plan = ImportPlan(laag, modus, {laag: na}, compute_verschil(oud, na, laag))
    if laag == "koppelingen" and "mutaties" in huidig:
        plan.weigeringen = _check_koppelingen(huidig, nieuw, na)
    if laag == "terreinen":
        _plan_terreinen(plan, huidig, resultaat.bestandsnaam, schema.conform(nieuw, laag), register_naam)
        if modus == "vervangen":
            _plan_wezen(plan, huidig, wezen_keuzes, door)
    return plan


def _plan_terreinen(
    plan: ImportPlan, huidig: dict[str, pd.DataFrame], bestandsnaam: str, rijen: pd.DataFrame, register_naam: pd.Series
) -> None:
    """The plan of a stock table completed (in place): which park each row became, the names of
    known parks kept where the file writes them in register capitals, and the stock history."""
    oud = huidig.get("terreinen", schema.empty("terreinen"))
    na = plan.lagen["terreinen"]
    plan.match = ibis.match_terreinen(oud, rijen)
    bekend = plan.match["methode"].ne("nieuw").to_numpy() & register_naam.to_numpy()
    if bekend.any():
        oude_naam = oud.drop_duplicates("terrein_id").set_index("terrein_id")["naam"]
        houd = na["terrein_id"].isin(set(plan.match.loc[bekend, "terrein_id"]))
        na.loc[houd, "naam"] = na.loc[houd, "terrein_id"].map(oude_naam)
        plan.verschil = compute_verschil(oud, na, "terreinen")
    bron = f"{bestandsnaam} (ingelezen {dt.date.today().strftime('%d-%m-%Y')})"
    # the history takes the file's own figures and peiljaar, also where the park keeps newer ones
    plan.lagen["voorraad"] = ibis.merge_voorraad(
        huidig.get("voorraad", schema.empty("voorraad")),
        rijen.assign(terrein_id=plan.match["terrein_id"].to_numpy()),
        bron,
    )


def _plan_wezen(
    plan: ImportPlan, huidig: dict[str, pd.DataFrame], wezen_keuzes: dict[str, str] | None, door: str
) -> None:
    """The parks a *vervangen* removes and the mutaties and kanszones that would point to them,
    resolved by ``wezen_keuzes`` where every orphan has a valid choice (in place)."""
    oud = huidig.get("terreinen", schema.empty("terreinen"))
    na = plan.lagen["terreinen"]
    plan.weg = oud[~oud["terrein_id"].isin(set(na["terrein_id"]))]
    plan.wezen = ibis.find_wezen(
        na,
        huidig.get("mutaties", schema.empty("mutaties")),
        huidig.get("kanszones", schema.empty("kanszones")),
        oud,
    )
    if not len(plan.wezen):
        return
    try:
        m, k = ibis.apply_wezen_keuzes(
            huidig["mutaties"], huidig["kanszones"], plan.wezen, wezen_keuzes or {}, set(na["terrein_id"]), door
        )
    except ValueError as e:
        plan.open_keuze = str(e)
    else:
        plan.lagen["mutaties"], plan.lagen["kanszones"] = m, k


def _check_koppelingen(huidig: dict[str, pd.DataFrame], nieuw: pd.DataFrame, na: pd.DataFrame) -> list[str]:
    """The register's own rules (:func:`register.validate_koppeling`, the same as on the
    Transformatie page) for every koppeling of the file, against the current mutaties and the
    koppelingen as they will be after the import. Returns a Dutch sentence per refusal."""

    def attributen(df: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(df.drop(columns="geometry", errors="ignore"))

    terreinen = attributen(huidig.get("terreinen", schema.empty("terreinen")))
    mutaties, koppelingen = attributen(huidig["mutaties"]), attributen(na).reset_index(drop=True)
    strategie = strategy.load_strategie()
    uit: list[str] = []
    for rij in attributen(nieuw).to_dict("records"):
        t, c = str(rij.get("transformatie_id")), str(rij.get("compensatie_id"))
        omgeving = register.Omgeving(terreinen, mutaties, koppelingen, strategie, koppeling=(t, c))
        meldingen = register.validate_koppeling(rij, omgeving)
        uit.extend(f"Koppeling {validatie.kort(t)} → {validatie.kort(c)}: {m.tekst}" for m in meldingen)
    return uit


def apply_import(
    store: Store,
    resultaat: ImportResultaat,
    modus: str = "bijwerken",
    verwachte_versie: int | None = None,
    *,
    peiljaar: int | None = None,
    bevestigd: bool = False,
    wezen_keuzes: dict[str, str] | None = None,
) -> tuple[int, Path]:
    """Write an accepted import to ``store`` as one transaction, with a snapshot first.

    Refuses (:class:`InvoerFout`, store untouched) while a finding blocks; *vervangen*
    without ``bevestigd`` (the second confirmation, naming what disappears); and a
    *vervangen* that would leave a mutatie or kanszone pointing to a park that disappears
    without a choice in ``wezen_keuzes``. The plan is :func:`plan_import` (the same the Data
    page previews). A layer stops being sample data when the import replaced it or left no
    sample row in it. Returns the new store version and the snapshot file. Only a user whose
    role may import (the store's bound user) may do this: :class:`~bedrijventerreinen.toegang.GeenToegang`
    otherwise, checked before anything is read. Changed rows record that user in
    ``gewijzigd_door``.
    """
    toegang.vereis(store.gebruiker, toegang.Recht.IMPORTEREN)
    door = store.gebruiker.audit_naam  # type: ignore[union-attr]  # vereis refused None
    modus = MODUS_ALIAS.get(modus, modus)
    if resultaat.blokkeert:
        raise InvoerFout("Het bestand heeft blokkerende meldingen; er is niets vastgelegd.")
    if modus == "vervangen" and not bevestigd:
        raise InvoerFout("Vervangen vraagt een tweede bevestiging; er is niets vastgelegd.")
    laag = resultaat.laag
    huidig = {naam: store.load(naam) for naam in _nodige_lagen(laag)}
    plan = plan_import(huidig, resultaat, modus, peiljaar=peiljaar, wezen_keuzes=wezen_keuzes, door=door)
    _check_plan(plan)
    label = f"{laag} {modus} uit {resultaat.bestandsnaam}"
    audit = _audit_rijen(plan, resultaat, door, len(huidig[laag]), wezen_keuzes or {})
    try:
        return store.write_import(
            plan.lagen, label, verwachte_versie=verwachte_versie, echte_lagen=_echte_lagen(plan), audit=audit
        )
    except StoreFout:
        raise  # Dutch already (VersieConflict included)
    except Exception as e:
        raise InvoerFout(
            f"{resultaat.bestandsnaam} kon niet worden opgeslagen; de opgeslagen gegevens zijn niet gewijzigd."
        ) from e


def _nodige_lagen(laag: str) -> set[str]:
    """The store's layers an import of ``laag`` reads: a stock also voorraad and what points to
    parks, koppelingen also the register they join."""
    nodig = {laag} | ({"voorraad", "mutaties", "kanszones"} if laag == "terreinen" else set())
    if laag == "koppelingen":
        nodig |= {"terreinen", "mutaties"}
    return nodig


def _check_plan(plan: ImportPlan) -> None:
    """Refuse (:class:`InvoerFout`) a plan with an orphan without choice or rows the register's
    rules refuse (the first :data:`MAX_WEIGERINGEN_IN_BERICHT` named, the rest counted)."""
    if plan.open_keuze:
        raise InvoerFout(f"{plan.open_keuze} Er is niets vastgelegd.")
    if plan.weigeringen:
        meer = len(plan.weigeringen) - MAX_WEIGERINGEN_IN_BERICHT
        raise InvoerFout(
            " ".join(plan.weigeringen[:MAX_WEIGERINGEN_IN_BERICHT])
            + (f" … en nog {meer} meldingen." if meer > 0 else "")
            + " Er is niets vastgelegd."
        )


def _echte_lagen(plan: ImportPlan) -> list[str]:
    """The layers that stop being sample data: the imported layer when replaced or left without
    a sample row, and the stock history when it has no sample row left."""
    df = plan.lagen[plan.laag]
    echte_lagen = []
    if plan.modus == "vervangen" or ("bron" in df.columns and not schema.voorbeeld_rijen(df)):
        echte_lagen.append(plan.laag)
    if "voorraad" in plan.lagen and not schema.voorbeeld_rijen(plan.lagen["voorraad"]):
        echte_lagen.append("voorraad")
    return echte_lagen


def _audit_rijen(
    plan: ImportPlan, resultaat: ImportResultaat, door: str, rijen_voor: int, wezen_keuzes: dict[str, str]
) -> list[dict[str, object]]:
    """The audit rows of an import: one per orphan whose reference changed, then the import
    itself (rows before and after, counts per status)."""
    telling = summarize_verschil(plan.verschil).set_index("status")["aantal"]
    audit: list[dict[str, object]] = [
        {
            "actie": "import: verwijzing aangepast",
            "laag": r.laag,
            "object_id": r.object_id,
            "veld": "terrein_id",
            "oud": r.terrein_id,
            "nieuw": wezen_keuzes.get(f"{r.laag}:{r.object_id}", ""),
        }
        for r in plan.wezen.itertuples(index=False)
    ]
    audit.append(
        {
            "gebruiker": door,
            "actie": "import",
            "laag": plan.laag,
            "object_id": resultaat.bestandsnaam,
            "veld": plan.modus,
            "oud": f"{rijen_voor} rijen",
            "nieuw": (
                f"{len(plan.lagen[plan.laag])} rijen: {telling['toegevoegd']} toegevoegd, "
                f"{telling['gewijzigd']} gewijzigd, {telling['verwijderd']} verwijderd"
            ),
        }
    )
    return audit
