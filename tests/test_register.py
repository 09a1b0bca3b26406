"""The register as the gebiedsregisseur meets it: validation before anything is written,
edits that land whole with their audit rows, stale saves refused with the other change,
retiring that keeps history, snapshots that restore exactly, and the coverage figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from bedrijventerreinen import balance, dekking, io, register, store, strategy, toegang, toetsing
from bedrijventerreinen.register import Omgeving
from bedrijventerreinen.toegang import Gebruiker, Rol

VANDAAG = dt.date(2026, 11, 28)
#: Two beheerders editing the register; what is recorded is their login (``audit_naam``).
ANNA = Gebruiker("anna", "Anna", Rol.BEHEERDER)
BOB = Gebruiker("bob", "Bob", Rol.BEHEERDER)


@pytest.fixture
def strat() -> strategy.Strategie:
    return strategy.load_strategie()


@pytest.fixture
def s(tmp_path) -> store.Store:
    """The sample store, acting as Anna (``s.als(BOB)`` is Bob at the same file)."""
    return store.open_store(tmp_path / "monitor.gpkg", gebruiker=ANNA)


@pytest.fixture(scope="module")
def voorbeeld() -> dict[str, pd.DataFrame]:
    return io.read_voorbeeld()


def omgeving(voorbeeld, strat, **kw) -> Omgeving:
    return Omgeving(voorbeeld["terreinen"], voorbeeld["mutaties"], voorbeeld["koppelingen"], strat, VANDAAG, **kw)


def rij(voorbeeld, mutatie_id: str) -> dict:
    m = voorbeeld["mutaties"]
    return register.mutatie_dict(m[m["mutatie_id"] == mutatie_id].iloc[0])


# -- validation table ------------------------------------------------------------------------
GOED_NIEUW = {
    "soort": "compensatie",
    "terrein_id": "ZTW-01",
    "gemeente": "Zoeterwoude",
    "naam": "Grote Polder Zuid",
    "ha": 2.0,
    "planstatus": "zacht",
    "jaar": 2028,
}

MUTATIE_GEVALLEN = [
    # (id, changes to GOED_NIEUW, rule code, field, Dutch words the user reads)
    ("soort-onbekend", {"soort": "sloop"}, "V01", "soort", "Kies een soort"),
    ("naam-leeg", {"naam": "  "}, "V02", "naam", "Geef de locatie een naam"),
    ("naam-te-lang", {"naam": "x" * 121}, "V02", "naam", "hoogstens 120 tekens"),
    ("gemeente-buiten-regio", {"gemeente": "Utrecht", "terrein_id": None}, "V03", "gemeente", "gemeente van de regio"),
    ("terrein-onbekend", {"terrein_id": "XXX-99"}, "V04", "terrein_id", "staat niet in het register"),
    ("terrein-andere-gemeente", {"terrein_id": "LEI-01"}, "V05", "terrein_id", "ligt in Leiden, niet in Zoeterwoude"),
    ("ha-nul", {"ha": 0}, "V06", "ha", "groter dan 0"),
    ("ha-negatief", {"ha": -1.5}, "V06", "ha", "groter dan 0"),
    ("ha-leeg", {"ha": None}, "V06", "ha", "groter dan 0"),
    ("ha-tekst", {"ha": "veel"}, "V06", "ha", "groter dan 0"),
    ("ha-groter-dan-terrein", {"ha": 50.0}, "V07", "ha", "is 43,3 ha netto"),
    ("planstatus-onbekend", {"planstatus": "misschien"}, "V09", "planstatus", "Kies een planstatus"),
    ("jaar-te-vroeg", {"jaar": 2014}, "V10", "jaar", "tussen 2015 en 2050"),
    ("jaar-te-laat", {"jaar": 2051}, "V10", "jaar", "tussen 2015 en 2050"),
    ("jaar-leeg", {"jaar": None}, "V10", "jaar", "Vul een jaar"),
    ("gerealiseerd-in-toekomst", {"planstatus": "gerealiseerd", "jaar": 2028}, "V11", "jaar", "kan niet in 2028"),
    (
        "transformatie-niet-goedgekeurd",
        {"soort": "transformatie", "naam": "Grote Polder Zuid"},
        "V12",
        "reden_afwijking",
        "niet op de lijst van goedgekeurde transformatielocaties",
    ),
]


@pytest.mark.parametrize(
    ("wijziging", "code", "veld", "tekst"), [g[1:] for g in MUTATIE_GEVALLEN], ids=[g[0] for g in MUTATIE_GEVALLEN]
)
def test_validation_table_mutatie(voorbeeld, strat, wijziging, code, veld, tekst):
    meldingen = register.validate_mutatie({**GOED_NIEUW, **wijziging}, omgeving(voorbeeld, strat))
    assert [(m.code, m.veld) for m in meldingen] == [(code, veld)], meldingen
    assert tekst in meldingen[0].tekst


def test_a_correct_new_mutatie_passes(voorbeeld, strat):
    assert register.validate_mutatie(GOED_NIEUW, omgeving(voorbeeld, strat)) == []


def test_transformation_on_park_counts_the_other_transformations(voorbeeld, strat):
    # LEI-05 Rooseveltstraat is 14,5 ha netto and already loses 0,8 + 1,5 ha.
    nieuw = {**GOED_NIEUW, "soort": "transformatie", "terrein_id": "LEI-05", "gemeente": "Leiden", "ha": 13.0}
    nieuw["naam"] = "Rooseveltstraat-West"
    meldingen = register.validate_mutatie(nieuw, omgeving(voorbeeld, strat))
    assert [m.code for m in meldingen] == ["V07"]
    assert "naast 2,3 ha aan andere transformaties" in meldingen[0].tekst
    assert "hoogstens 12,20 ha" in meldingen[0].tekst
    nieuw["ha"] = 12.2
    assert register.validate_mutatie(nieuw, omgeving(voorbeeld, strat)) == []


def test_reason_makes_unapproved_transformation_acceptable(voorbeeld, strat):
    nieuw = {**GOED_NIEUW, "soort": "transformatie", "reden_afwijking": "Raadsbesluit 2026-14"}
    assert register.validate_mutatie(nieuw, omgeving(voorbeeld, strat)) == []


def test_lowering_ha_below_linked_compensation_is_refused(voorbeeld, strat):
    c01 = {**rij(voorbeeld, "C-01"), "ha": 5.0}  # 7,0 ha allocated by koppelingen
    meldingen = register.validate_mutatie(c01, omgeving(voorbeeld, strat, mutatie_id="C-01"))
    assert [m.code for m in meldingen] == ["V08"]
    assert "al 7,00 ha toegewezen" in meldingen[0].tekst


KOPPELING_GEVALLEN = [
    # (id, koppeling, rule code, field, Dutch words). Sample: C-04 Vlietzone (3,5 ha) gives 1,5 ha to
    # T-07 and 2,0 ha to T-08 Lammenschans (2,0 ha); C-01 Florapark West (7,0 ha) is fully allocated.
    ("geen-transformatie", ("C-02", "C-03", 0.5), "V20", "transformatie_id", "geen geldige transformatie"),
    ("geen-compensatie", ("T-10", "U-01", 0.5), "V21", "compensatie_id", "geen geldige compensatie"),
    ("bestaat-al", ("T-07", "C-04", 0.1), "V22", "transformatie_id", "al aan compensatie C-04 gekoppeld"),
    ("ha-nul", ("T-10", "C-03", 0.0), "V23", "ha", "groter dan 0"),
    ("meer-dan-compensatie", ("T-10", "C-01", 0.5), "V24", "ha", "nog hoogstens 0,00 ha vrij"),
    ("meer-dan-transformatie", ("T-08", "C-03", 0.5), "V25", "ha", "koppel hoogstens 0,00 ha"),
]


@pytest.mark.parametrize(
    ("koppeling", "code", "veld", "tekst"), [g[1:] for g in KOPPELING_GEVALLEN], ids=[g[0] for g in KOPPELING_GEVALLEN]
)
def test_validation_table_koppeling(voorbeeld, strat, koppeling, code, veld, tekst):
    t, c, ha = koppeling
    meldingen = register.validate_koppeling(
        {"transformatie_id": t, "compensatie_id": c, "ha": ha}, omgeving(voorbeeld, strat)
    )
    assert (code, veld) in [(m.code, m.veld) for m in meldingen], meldingen
    assert any(tekst in m.tekst for m in meldingen if m.code == code), meldingen


def test_a_correct_koppeling_passes(voorbeeld, strat):
    # Grote Polder Noord grows from 3,0 to 5,0 ha: 2,0 ha become free for Baanderij.
    m = voorbeeld["mutaties"].copy()
    m.loc[m["mutatie_id"] == "C-03", "ha"] = 5.0
    omg = Omgeving(voorbeeld["terreinen"], m, voorbeeld["koppelingen"], strat, VANDAAG)
    assert register.validate_koppeling({"transformatie_id": "T-10", "compensatie_id": "C-03", "ha": 2.0}, omg) == []
    te_veel = register.validate_koppeling({"transformatie_id": "T-10", "compensatie_id": "C-03", "ha": 2.1}, omg)
    assert [x.code for x in te_veel] == ["V24"] and "nog hoogstens 2,00 ha vrij" in te_veel[0].tekst


def test_sample_register_passes_except_the_unapproved_idea(voorbeeld, strat):
    m = voorbeeld["mutaties"]
    fout = {}
    for mid in m["mutatie_id"]:
        meldingen = register.validate_mutatie(rij(voorbeeld, mid), omgeving(voorbeeld, strat, mutatie_id=mid))
        if meldingen:
            fout[mid] = [x.code for x in meldingen]
    assert fout == {"T-11": ["V12"]}, "Merenwijk is not an approved location and has no reason"


def test_rules_are_declared_once_with_unique_codes():
    codes = [r.code for r in register.REGELS]
    assert len(codes) == len(set(codes))
    tabel = register.regels_frame()
    assert len(tabel) == len(codes) and tabel["Controle"].str.len().min() > 10


# -- edits -----------------------------------------------------------------------------------
def test_change_lands_with_versie_user_and_audit_rows(s, strat):
    assert register.change_mutatie(s, "T-03", {"ha": 1.2, "jaar": 2027}, 1, strat) == 2
    t03 = s.load_mutaties().set_index("mutatie_id").loc["T-03"]
    assert (t03["ha"], t03["jaar"], t03["versie"], t03["gewijzigd_door"]) == (1.2, 2027, 2, "anna")
    log = s.load_audit()
    assert log[["gebruiker", "object_id", "veld", "oud", "nieuw", "resultaat"]].values.tolist() == [
        ["anna", "T-03", "ha", "1.8", "1.2", "opgeslagen"],
        ["anna", "T-03", "jaar", "2026", "2027", "opgeslagen"],
    ]


def test_invalid_change_writes_nothing(s, strat):
    versie = s.version
    with pytest.raises(register.OngeldigeInvoer) as e:
        register.change_mutatie(s, "T-03", {"ha": 9.0}, 1, strat)
    assert e.value.meldingen[0].veld == "ha"
    assert s.version == versie and s.load_audit().empty


def test_a_user_is_required_for_every_change(s, strat):
    versie = s.version
    with pytest.raises(toegang.GeenToegang, match="niet aangemeld"):
        register.change_mutatie(s.als(None), "T-03", {"ha": 1.0}, 1, strat)
    assert s.version == versie and s.load_audit().empty


def test_stale_save_is_refused_shows_the_other_change_and_can_be_reapplied(s, strat):
    register.change_mutatie(s, "T-03", {"planstatus": "zacht"}, 1, strat)
    with pytest.raises(register.MutatieConflict) as e:
        register.change_mutatie(s.als(BOB), "T-03", {"ha": 1.5}, 1, strat)
    conflict = e.value
    assert "gewijzigd door anna" in str(conflict) and "u begon met versie 1" in str(conflict)
    assert conflict.huidig["planstatus"] == "zacht" and conflict.wijzigingen == {"ha": 1.5}
    anders = register.describe_conflict({"planstatus": "hard", "ha": 1.8}, conflict.huidig)
    assert anders.values.tolist() == [["Planstatus", "Hard", "Zacht"]]
    log = s.load_audit()
    assert log.loc[log["gebruiker"] == "bob", "resultaat"].tolist() == ["geweigerd"]
    # Reapplying Bob's change on the new version keeps Anna's change.
    register.change_mutatie(s.als(BOB), "T-03", conflict.wijzigingen, conflict.huidig["versie"], strat)
    t03 = s.load_mutaties().set_index("mutatie_id").loc["T-03"]
    assert (t03["planstatus"], t03["ha"], t03["versie"]) == ("zacht", 1.5, 3)


def test_add_mutatie_gets_next_id_and_keeps_the_reason(s, strat):
    nieuw = {**GOED_NIEUW, "soort": "transformatie", "naam": "Keer Weer", "terrein_id": "ZTW-06", "ha": 0.5}
    with pytest.raises(register.OngeldigeInvoer) as e:
        register.add_mutatie(s, nieuw, strat)
    assert e.value.meldingen[0].veld == "reden_afwijking"
    mid = register.add_mutatie(s, nieuw, strat, reden_afwijking="Bestuursopdracht")
    assert mid == "T-12"
    t = s.load_mutaties().set_index("mutatie_id").loc[mid]
    assert t["versie"] == 1 and "Reden afwijking strategie: Bestuursopdracht" in t["toelichting"]
    assert "reden_afwijking" in set(s.load_audit()["veld"])


def test_retire_keeps_the_row_frees_the_koppelingen_and_leaves_the_balance(s, strat):
    def saldo_katwijk() -> float:
        b = balance.compute_hectarebalans(s.load_terreinen(), s.load_mutaties(), s.load_koppelingen(), strat)
        return float(b.set_index("gemeente").loc["Katwijk", "compensatie_ha"])

    voor = saldo_katwijk()
    register.retire_mutatie(s, "C-01", 1, "Locatie valt af", vandaag=VANDAAG)
    m = s.load_mutaties().set_index("mutatie_id")
    assert m.loc["C-01", "vervallen"] == "2026-11-28" and m.loc["C-01", "versie"] == 2
    assert saldo_katwijk() == pytest.approx(voor - 7.0)
    assert "C-01" not in set(s.load_koppelingen()["compensatie_id"])
    log = s.load_audit()
    weg = log[log["laag"] == "koppelingen"]
    assert sorted(weg["object_id"]) == sorted(["T-04→C-01", "T-05→C-01", "T-06→C-01", "T-01→C-01", "T-03→C-01"])
    assert pd.to_numeric(weg["oud"]).sum() == pytest.approx(7.0)
    assert "Locatie valt af" in set(log["nieuw"])
    with pytest.raises(register.OngeldigeInvoer, match="vervallen"):
        register.change_mutatie(s, "C-01", {"ha": 6.0}, 2, strat)
    register.reinstate_mutatie(s, "C-01", 2, strat)
    assert saldo_katwijk() == pytest.approx(voor)


def test_koppelingen_add_change_remove_with_conflict(s, strat):
    register.change_mutatie(s, "C-04", {"ha": 5.0}, 1, strat)  # 1,5 ha becomes free
    register.add_koppeling(s, "T-10", "C-04", 0.5, strat)
    with pytest.raises(register.OngeldigeInvoer, match="hoogstens 1,00 ha vrij"):
        register.add_koppeling(s.als(BOB), "T-11", "C-04", 1.6, strat)
    register.change_koppeling(s, "T-10", "C-04", 1.0, 0.5, strat)
    with pytest.raises(register.MutatieConflict, match="gewijzigd naar 1,00 ha"):
        register.change_koppeling(s.als(BOB), "T-10", "C-04", 0.7, 0.5, strat)
    register.remove_koppeling(s, "T-10", "C-04", 1.0)
    assert s.load_koppelingen().query("transformatie_id == 'T-10'").empty
    log = s.load_audit().query("laag == 'koppelingen'")
    log = log.astype(object).where(log.notna(), None)
    assert log[["gebruiker", "actie", "oud", "nieuw", "resultaat"]].values.tolist() == [
        ["anna", "toegevoegd", None, "0.5", "opgeslagen"],
        ["anna", "gewijzigd", "0.5", "1.0", "opgeslagen"],
        ["bob", "gewijzigd", "1.0", "0.7", "geweigerd"],
        ["anna", "verwijderd", "1.0", None, "opgeslagen"],
    ]


# -- snapshots -------------------------------------------------------------------------------
def lagen(s: store.Store) -> dict[str, pd.DataFrame]:
    return {laag: s.load(laag) for laag in store.LAGEN}


def test_snapshot_edit_restore_round_trip_equals_the_snapshot(s, strat):
    pad = register.take_snapshot(s, "stand voor stuurgroep 12-03")
    bewaard = lagen(store.Store(pad))
    register.change_mutatie(s, "T-03", {"ha": 1.0, "planstatus": "zacht"}, 1, strat)
    register.retire_mutatie(s, "C-04", 1, "Vlietzone valt af")
    assert not lagen(s)["mutaties"].equals(bewaard["mutaties"])

    register.restore_snapshot(s.als(BOB), pad)
    na = lagen(s)
    for laag in store.LAGEN:
        pd.testing.assert_frame_equal(na[laag].reset_index(drop=True), bewaard[laag].reset_index(drop=True), obj=laag)
    log = s.load_audit()
    acties = log["actie"].tolist()
    assert acties[0] == "snapshot gemaakt" and acties[-1] == "snapshot hersteld"
    assert {"gewijzigd", "vervallen"} <= set(log["actie"]), "a restore never removes the log"
    # The restore is itself reversible: the state before it was saved as a snapshot.
    voor_herstel = s.list_snapshots().iloc[0]
    assert str(voor_herstel["label"]).startswith("voor herstel van stand voor stuurgroep")
    register.restore_snapshot(s.als(BOB), voor_herstel["bestand"])
    assert s.load_mutaties().set_index("mutatie_id").loc["C-04", "vervallen"] == dt.date.today().isoformat()


def test_restore_refuses_a_file_outside_the_snapshot_folder(s, tmp_path):
    vreemd = tmp_path / "elders.gpkg"
    vreemd.write_bytes(Path(s.path).read_bytes())
    with pytest.raises(store.StoreFout, match="bestaat niet bij deze opslag"):
        register.restore_snapshot(s.als(BOB), vreemd)


# -- figures ---------------------------------------------------------------------------------
def test_dekking_per_planstatus_on_the_sample(voorbeeld):
    strat = strategy.load_strategie()
    d = dekking.compute_dekking_per_planstatus(voorbeeld["mutaties"], voorbeeld["koppelingen"], strat)
    d = d.set_index("mutatie_id")
    # T-03 Valkenburgseweg: 1,8 ha, 0,3 ha from Florapark West (hard).
    assert d.loc["T-03", "gedekt_hard_ha"] == pytest.approx(0.3)
    assert d.loc["T-03", "tekort_hard_ha"] == pytest.approx(1.5)
    # T-07 Rooseveltstraat-West: 1,5 ha from Vlietzone (zacht): covered, but not firmly.
    assert d.loc["T-07", "gedekt_zacht_ha"] == pytest.approx(1.5)
    assert (d.loc["T-07", "tekort_ha"], d.loc["T-07", "tekort_hard_ha"]) == (pytest.approx(0.0), pytest.approx(1.5))
    # Leiden compensates Wernink in Katwijk: outside the own gemeente.
    assert d.loc["T-04", "gedekt_elders_ha"] == pytest.approx(3.5)
    # The firm shortfall agrees with the balance's coverage of hard transformations.
    vast = dekking.compute_compensatiedekking(
        voorbeeld["mutaties"], voorbeeld["koppelingen"], strat, "hard", alle_jaren=True
    ).set_index("mutatie_id")
    pd.testing.assert_series_equal(
        d.loc[vast.index, "tekort_hard_ha"], vast["tekort_ha"], check_names=False, check_dtype=False
    )


def test_tijdlijn_regio_is_the_sum_and_ends_at_the_totals(voorbeeld, strat):
    t = register.compute_tijdlijn(voorbeeld["mutaties"], strat, planstatus_vanaf="zacht")
    per = t.pivot_table(index=["jaar", "soort", "reeks"], columns="gemeente", values="ha")
    pd.testing.assert_series_equal(per[list(strat.gemeenten)].sum(axis=1), per["regio"], check_names=False)
    eind = t[(t["gemeente"] == "regio") & (t["jaar"] == strat.horizon)].set_index(["soort", "reeks"])["ha"]
    m = voorbeeld["mutaties"]
    trans = m[m["soort"] == "transformatie"]
    assert eind[("transformatie", "gerealiseerd")] == pytest.approx(
        trans.loc[trans["planstatus"] == "gerealiseerd", "ha"].sum()
    )
    assert eind[("transformatie", "gepland")] == pytest.approx(trans.loc[trans["planstatus"] != "idee", "ha"].sum())
    assert (t.groupby(["gemeente", "soort", "reeks"])["ha"].diff().dropna() >= 0).all(), "cumulative"


def test_bevindingen_voor_finds_object_and_koppeling_ends(voorbeeld, strat):
    bev = toetsing.bevindingen_frame(
        toetsing.check_strategie(voorbeeld["terreinen"], voorbeeld["mutaties"], voorbeeld["koppelingen"], strat)
    )
    t11 = register.bevindingen_voor(bev, "T-11")
    assert "T01" in set(t11["code"])
    assert register.bevindingen_voor(bev, "T-1").empty, "no prefix matches"


def test_audit_export_is_excel_friendly(s, strat):
    register.change_mutatie(s, "T-03", {"toelichting": "Let op; puntkomma"}, 1, strat)
    csv = register.audit_csv(s.load_audit())
    assert csv.startswith("\ufeff".encode())
    tekst = csv.decode("utf-8-sig")
    assert tekst.splitlines()[0] == "Tijdstip;Gebruiker;Actie;Object;Veld;Oud;Nieuw;Resultaat"
    assert '"Let op; puntkomma"' in tekst


# -- property: accepted koppelingen never over-allocate -----------------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as hs  # noqa: E402


@settings(max_examples=40, deadline=None)
@given(
    voorstellen=hs.lists(
        hs.tuples(
            hs.sampled_from(["T-01", "T-03", "T-07", "T-08", "T-10", "T-11", "C-01", "X-9"]),
            hs.sampled_from(["C-01", "C-02", "C-03", "C-04", "T-02", "C-99"]),
            hs.one_of(hs.floats(min_value=-1.0, max_value=8.0), hs.just(float("nan"))),
        ),
        max_size=12,
    )
)
def test_property_accepted_koppelingen_never_exceed_either_end(voorstellen, voorbeeld, strategie):
    """Whatever a user proposes, applying only what validation accepts keeps every compensation
    within its hectares and never covers a transformation more than it is large."""
    m = voorbeeld["mutaties"].copy()
    m.loc[m["mutatie_id"] == "C-03", "ha"] = 6.0  # some free compensation to allocate
    k = voorbeeld["koppelingen"].iloc[0:0].copy()
    for t, c, ha in voorstellen:
        omg = Omgeving(voorbeeld["terreinen"], m, k, strategie, VANDAAG)
        voorstel = {"transformatie_id": t, "compensatie_id": c, "ha": ha}
        if not register.validate_koppeling(voorstel, omg):
            k = pd.concat([k, pd.DataFrame([voorstel])], ignore_index=True)
    groot = m.set_index("mutatie_id")["ha"]
    for kolom in ("compensatie_id", "transformatie_id"):
        som = k.groupby(kolom)["ha"].sum()
        assert (som <= groot.reindex(som.index) + 1e-6).all(), kolom
    assert not k.duplicated(["transformatie_id", "compensatie_id"]).any()
    assert (k["ha"] > 0).all()


# -- formula injection in the audit log exports (issue 16) -------------------------------------------
@pytest.mark.parametrize(
    "formule", ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1+1", "\r=1+1"]
)
def test_audit_exports_neutralise_formulas(formule):
    import csv
    import io as _io

    import openpyxl

    audit = pd.DataFrame(
        {"tijdstip": ["2026-11-28T14:03:00"], "gebruiker": [formule], "actie": ["gewijzigd"], "object_id": ["T-01"],
         "veld": ["naam"], "oud": ["Oude naam"], "nieuw": [formule], "resultaat": ["opgeslagen"]}
    )  # fmt: skip
    rijen = list(csv.reader(_io.StringIO(register.audit_csv(audit).decode("utf-8-sig"), newline=""), delimiter=";"))
    rij = dict(zip(rijen[0], rijen[1], strict=True))
    assert rij["Gebruiker"] == rij["Nieuw"] == "'" + formule and rij["Oud"] == "Oude naam"
    wb = openpyxl.load_workbook(_io.BytesIO(register.audit_xlsx(audit)))
    cellen = [c for rij in wb.active.iter_rows() for c in rij]
    assert not [c.coordinate for c in cellen if c.data_type == "f"], "no formula cells"
    waarden = [c.value for c in cellen]
    formule = formule.replace("\r", "\n")  # XML reads a CR in text as LF
    assert "'" + formule in waarden and formule not in waarden
