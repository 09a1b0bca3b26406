"""Toetsing: the findings where the register conflicts with, or needs attention under, the strategy.

:func:`check_strategie` returns the :class:`Bevinding` list of every rule in :data:`REGELS`
(declared once: code, ernst, what it checks); each finding takes its ernst from there.
Checks are pure functions of the register's layers and the strategy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from . import schema
from .aanbod import compute_aanbod_per_locatie
from .balance import in_voorraad
from .definities import VAST, is_bestaand, is_vervallen
from .dekking import compute_compensatiedekking
from .formatting import format_ha
from .strategy import Strategie

__all__ = ["REGELS", "Bevinding", "bevindingen_frame", "check_integriteit", "check_strategie", "format_bevindingen"]


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
    look at plans too. Coverage is :func:`bedrijventerreinen.dekking.compute_compensatiedekking`
    over all years: a gerealiseerd/hard transformation must be covered by gerealiseerd/hard
    compensation (T02, fout); a zacht or idee transformation by compensation of any status (T03).
    """
    # retired mutaties count nowhere; a missing gemeente or name is reported under an empty
    # gemeente, never a crash
    mutaties = mutaties[~is_vervallen(mutaties)]
    mutaties = mutaties.assign(gemeente=mutaties["gemeente"].fillna(""), naam=mutaties["naam"].fillna(""))
    terreinen = terreinen.assign(gemeente=terreinen["gemeente"].fillna(""), naam=terreinen["naam"].fillna(""))
    uit = _check_locaties(mutaties, strategie)
    uit += _check_dekking(mutaties, koppelingen, strategie)
    uit += _check_koppelingen(mutaties, koppelingen, strategie)
    uit += _check_minimum(terreinen, strategie)
    uit += check_integriteit(terreinen, mutaties, strategie, kanszones, huidig_jaar)
    uit += _check_aanbod(terreinen, mutaties, strategie)
    rang = {c: i for i, c in enumerate(schema.codes(schema.ERNST))}
    return sorted(uit, key=lambda b: (rang[b.ernst], b.gemeente, b.code, b.object_id))


def _check_locaties(mutaties: pd.DataFrame, strategie: Strategie) -> list[Bevinding]:
    """T01: a transformation that is not on an approved location of the strategy."""
    trans = mutaties[mutaties["soort"] == "transformatie"]
    return [
        _bevinding(
            "T01", r.gemeente, r.mutatie_id,
            f"Transformatie '{r.naam}' ({r.gemeente}) staat niet op de lijst van goedgekeurde transformatielocaties.",
        )
        for r in trans.itertuples(index=False)
        if not strategie.is_goedgekeurde_locatie(r.gemeente, r.naam, getattr(r, "locatie_id", None))
    ]  # fmt: skip


def _check_dekking(mutaties: pd.DataFrame, koppelingen: pd.DataFrame, strategie: Strategie) -> list[Bevinding]:
    """T02: a gerealiseerd/hard transformation not covered by firm compensation; T03: a
    zacht or idee transformation not covered by compensation of any status."""
    uit: list[Bevinding] = []
    vast = compute_compensatiedekking(mutaties, koppelingen, strategie, planstatus_vanaf=VAST, alle_jaren=True)
    alles = compute_compensatiedekking(mutaties, koppelingen, strategie, planstatus_vanaf="idee", alle_jaren=True)
    alles = alles.set_index("mutatie_id")
    for r in vast[vast["tekort_ha"] > 0].itertuples(index=False):
        zacht = alles.loc[r.mutatie_id, "gedekt_ha"] - r.gedekt_ha
        extra = f" Daarvan is {format_ha(zacht)} alleen zacht gedekt." if zacht > strategie.tolerantie_ha else ""
        uit.append(
            _bevinding(
                "T02", r.gemeente, r.mutatie_id,
                f"Transformatie '{r.naam}' ({r.planstatus}, {format_ha(r.ha)}) "
                f"is voor {format_ha(r.tekort_ha)} niet hard gecompenseerd.{extra}",
            )
        )  # fmt: skip
    zacht_trans = alles[alles["planstatus"].isin(["zacht", "idee"]) & (alles["tekort_ha"] > 0)]
    for mid, r in zacht_trans.iterrows():
        uit.append(
            _bevinding(
                "T03", r["gemeente"], mid,
                f"Transformatie '{r['naam']}' ({r['planstatus']}, {format_ha(r['ha'])}) "
                f"is voor {format_ha(r['tekort_ha'])} nog niet gecompenseerd.",
            )
        )  # fmt: skip
    return uit


def _check_minimum(terreinen: pd.DataFrame, strategie: Strategie) -> list[Bevinding]:
    """M01: a park under the strategy's minimum size (bruto)."""
    klein = terreinen[terreinen["bruto_ha"] < strategie.minimum_terrein_ha]
    return [
        _bevinding(
            "M01", r.gemeente, r.terrein_id,
            f"Terrein '{r.naam}' is {format_ha(r.bruto_ha)} bruto, kleiner dan "
            f"{format_ha(strategie.minimum_terrein_ha)}, en valt buiten de strategie.",
        )
        for r in klein.itertuples(index=False)
    ]  # fmt: skip


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
      add up to more than its netto; on a planned park (not
      :func:`~bedrijventerreinen.definities.is_bestaand`) the uitbreiding +
      compensatie mutaties add up to more than its bruto (beyond the tolerance);
    * I03: a park without contour (it counts in every figure but is not on the map);
    * I04: per gemeente, the newest register stock (``peiljaar``) is older than last year;
    * G01: a park or mutatie in a gemeente outside the strategy (it counts nowhere).

    Retired mutaties are left out. ``huidig_jaar`` defaults to this year.
    """
    mutaties = mutaties[~is_vervallen(mutaties)]
    jaar = huidig_jaar if huidig_jaar is not None else dt.date.today().year
    return [
        *_check_verwijzingen(terreinen, mutaties, kanszones),
        *_check_te_vol(terreinen, mutaties, strategie),
        *_check_contouren(terreinen),
        *_check_peiljaar(terreinen, strategie, jaar),
        *_check_buiten_strategie(terreinen, mutaties, strategie),
    ]


def _check_verwijzingen(
    terreinen: pd.DataFrame, mutaties: pd.DataFrame, kanszones: pd.DataFrame | None
) -> list[Bevinding]:
    """I01: a mutatie or kanszone on a park that is not in the register."""
    bekend = set(terreinen["terrein_id"].dropna())
    los = mutaties[mutaties["terrein_id"].notna() & ~mutaties["terrein_id"].isin(bekend)]
    uit = [
        _bevinding(
            "I01", r.gemeente, r.mutatie_id,
            f"Mutatie '{r.naam}' verwijst naar terrein {r.terrein_id}, dat niet (meer) in het register staat.",
        )
        for r in los.itertuples(index=False)
    ]  # fmt: skip
    if kanszones is not None and len(kanszones):
        uit += [
            _bevinding(
                "I01", "", r.kanszone_id,
                f"Kanszone '{r.naam}' verwijst naar terrein {r.terrein_id}, dat niet (meer) in het register staat.",
            )
            for r in kanszones[~kanszones["terrein_id"].isin(bekend)].itertuples(index=False)
        ]  # fmt: skip
    return uit


def _check_te_vol(terreinen: pd.DataFrame, mutaties: pd.DataFrame, strategie: Strategie) -> list[Bevinding]:
    """I02: more transformed and intensified than a park holds, or more added to a planned park than it is big."""
    tol = strategie.tolerantie_ha
    parken = terreinen.drop_duplicates("terrein_id").set_index("terrein_id")
    m = mutaties[mutaties["terrein_id"].isin(set(parken.index.dropna()))]
    m = m[~in_voorraad(m, terreinen)]
    ha = m["ha"].astype(float).fillna(0.0)
    af = ha.where(m["soort"].isin(["transformatie", "intensivering"]), 0.0).groupby(m["terrein_id"]).sum()
    erbij = ha.where(m["soort"].isin(["uitbreiding", "compensatie"]), 0.0).groupby(m["terrein_id"]).sum()
    netto = parken["netto_ha"].astype(float).fillna(0.0)
    bruto = parken["bruto_ha"].astype(float).fillna(0.0)
    uit: list[Bevinding] = []
    for tid, som in af[af > netto.reindex(af.index) + tol].items():
        uit.append(
            _bevinding(
                "I02", parken.at[tid, "gemeente"], tid,
                f"Op terrein '{parken.at[tid, 'naam']}' ({format_ha(netto[tid])} netto) staan transformaties en "
                f"intensivering van samen {format_ha(som)}: meer dan er is.",
            )
        )  # fmt: skip
    gepland = set(parken.index[~is_bestaand(parken)])
    erbij = erbij[erbij.index.isin(gepland)]
    for tid, som in erbij[erbij > bruto.reindex(erbij.index) + tol].items():
        uit.append(
            _bevinding(
                "I02", parken.at[tid, "gemeente"], tid,
                f"Op gepland terrein '{parken.at[tid, 'naam']}' ({format_ha(bruto[tid])} bruto) staan uitbreiding en "
                f"compensatie van samen {format_ha(som)}: meer dan het terrein groot is.",
            )
        )  # fmt: skip
    return uit


def _check_contouren(terreinen: pd.DataFrame) -> list[Bevinding]:
    """I03: a park without contour: it counts, but is not on the map."""
    if hasattr(terreinen, "geometry"):
        geen = terreinen[terreinen.geometry.isna().to_numpy() | terreinen.geometry.is_empty.to_numpy()]
    else:
        geen = terreinen
    return [
        _bevinding(
            "I03", r.gemeente, r.terrein_id,
            f"Terrein '{r.naam}' heeft nog geen contour: het telt mee met {format_ha(r.netto_ha)} netto, maar "
            "staat niet op de kaart. Lees een contour in of teken er een.",
        )
        for r in geen.itertuples(index=False)
    ]  # fmt: skip


def _check_peiljaar(terreinen: pd.DataFrame, strategie: Strategie, jaar: int) -> list[Bevinding]:
    """I04: the newest register stock of a gemeente is older than last year; one finding per
    peiljaar, since the region's gemeenten usually share one IBIS stand."""
    if "peiljaar" not in terreinen.columns:
        return []
    nieuwste = terreinen[terreinen["gemeente"].isin(strategie.gemeenten)].groupby("gemeente")["peiljaar"].max()
    oud = nieuwste.dropna()
    oud = oud[oud.astype(int) < jaar - 1]
    uit: list[Bevinding] = []
    for pj, groep in oud.groupby(oud.astype(int)):
        namen = [g for g in strategie.gemeenten if g in groep.index]  # the strategy's order
        alle = len(namen) == len(strategie.gemeenten)
        wie = "de regio" if alle else ", ".join(namen)
        gemeente = namen[0] if len(namen) == 1 else ""
        object_id = gemeente or ("regio" if alle else ", ".join(namen))
        tekst = f"De nieuwste registerstand van {wie} is van peiljaar {pj}: ouder dan een jaar. Lees de nieuwe IBIS-stand in."
        uit.append(_bevinding("I04", gemeente, object_id, tekst))
    return uit


def _check_buiten_strategie(terreinen: pd.DataFrame, mutaties: pd.DataFrame, strategie: Strategie) -> list[Bevinding]:
    """G01: a park or mutatie in a gemeente outside the strategy; it counts nowhere."""
    uit: list[Bevinding] = []
    for df, sleutel, wat in ((terreinen, "terrein_id", "Terrein"), (mutaties, "mutatie_id", "Mutatie")):
        buiten = df[df["gemeente"].notna() & ~df["gemeente"].isin(strategie.gemeenten)]
        for r in buiten.itertuples(index=False):
            tekst = f"{wat} '{r.naam}' ligt in {r.gemeente}, buiten de gemeenten van de strategie; telt niet mee."
            uit.append(_bevinding("G01", r.gemeente, getattr(r, sleutel), tekst))
    return uit


def _check_aanbod(terreinen: pd.DataFrame, mutaties: pd.DataFrame, strategie: Strategie) -> list[Bevinding]:
    """A01: per supply location of the strategy, the register's supply differs from the strategy's figure."""
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
                _bevinding(
                    "K01",
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
                _bevinding(
                    "C02",
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
                _bevinding(
                    "C01",
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
