"""Scenario's: overrides have known effects, the empty scenario is the base, compare is
antisymmetric, and saved scenarios survive a reload and a change of the base data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import balance, io, scenarios, store, strategy
from bedrijventerreinen.formatting import escape_markdown
from bedrijventerreinen.scenarios import Scenario
from bedrijventerreinen.toegang import Gebruiker, Rol

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="module")
def lagen():
    return io.read_voorbeeld()


@pytest.fixture(scope="module")
def strat():
    return strategy.load_strategie()


def regio(ev: scenarios.Evaluatie, kolom: str) -> float:
    return float(ev.balans.set_index("gemeente").loc["regio", kolom])


def gemeente(ev: scenarios.Evaluatie, g: str, kolom: str) -> float:
    return float(ev.balans.set_index("gemeente").loc[g, kolom])


@pytest.mark.parametrize("planstatus", ["gerealiseerd", "hard", "zacht", "idee"])
def test_empty_scenario_equals_base_balance(lagen, strat, planstatus):
    ev = scenarios.evaluate(lagen, strat, Scenario(planstatus_vanaf=planstatus))
    basis = balance.compute_hectarebalans(
        lagen["terreinen"], lagen["mutaties"], lagen["koppelingen"], strat, planstatus
    )
    pd.testing.assert_frame_equal(ev.balans, basis)
    assert ev.meldingen == []


def mutatie(lagen, mid: str) -> pd.Series:
    return lagen["mutaties"].set_index("mutatie_id").loc[mid]


# (id, scenario, gemeente, column, expected change against the base)
OVERRIDE_CASES = [
    ("uitsluiten-transformatie", Scenario(overrides={"T-04": {"opnemen": False}}), "Leiden", "transformatie_ha", -3.5),
    ("ha-aanpassen", Scenario(overrides={"T-09": {"ha": 5.0}}), "Leiderdorp", "transformatie_ha", +2.0),
    ("jaar-na-horizon", Scenario(overrides={"U-02": {"jaar": 2033}}), "Zoeterwoude", "uitbreiding_ha", -6.0),
    ("jaar-binnen-langere-horizon", Scenario(overrides={"U-02": {"jaar": 2033}}, horizon=2035), "Zoeterwoude", "uitbreiding_ha", 0.0),
    ("zacht-wordt-hard", Scenario(overrides={"T-10": {"planstatus": "hard"}}), "Leiderdorp", "transformatie_ha", +10.5),
    ("zacht-wordt-hard-ongedekt", Scenario(overrides={"T-10": {"planstatus": "hard"}}), "Leiderdorp", "ongedekt_ha", +10.5),
    ("extra-compensatie", Scenario(extra_mutaties=[{"soort": "compensatie", "gemeente": "Voorschoten", "naam": "X", "ha": 2.5,
                                                    "planstatus": "hard", "jaar": 2027}]), "Voorschoten", "compensatie_ha", +2.5),
    ("extra-idee-telt-niet", Scenario(extra_mutaties=[{"soort": "uitbreiding", "gemeente": "Katwijk", "naam": "X", "ha": 4.0,
                                                       "planstatus": "idee", "jaar": 2027}]), "Katwijk", "uitbreiding_ha", 0.0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sc", "g", "kolom", "verschil"), [c[1:] for c in OVERRIDE_CASES], ids=[c[0] for c in OVERRIDE_CASES]
)
def test_override_has_known_effect(lagen, strat, sc, g, kolom, verschil):
    basis = scenarios.evaluate(lagen, strat, Scenario(horizon=sc.horizon))
    ev = scenarios.evaluate(lagen, strat, sc)
    assert gemeente(ev, g, kolom) - gemeente(basis, g, kolom) == pytest.approx(verschil)


def test_kanszone_share_adds_half_the_potential_as_intensivering(lagen, strat):
    """The scenario counts kanszone potential by the Overzicht's rule: zachte intensivering,
    visible from planstatus 'zacht' on, never in the hard figures."""
    hard = scenarios.evaluate(lagen, strat, Scenario(kanszone_realisatie=0.5))
    hard_basis = scenarios.evaluate(lagen, strat, Scenario())
    assert regio(hard, "saldo_ha") == pytest.approx(regio(hard_basis, "saldo_ha"))
    assert hard.vraag_aanbod["aanbod_zacht_ha"].iloc[-1] > hard_basis.vraag_aanbod["aanbod_zacht_ha"].iloc[-1]
    basis = scenarios.evaluate(lagen, strat, Scenario(planstatus_vanaf="zacht"))
    ev = scenarios.evaluate(lagen, strat, Scenario(kanszone_realisatie=0.5, planstatus_vanaf="zacht"))
    # zones the register already holds as intensivering (same park and name) do not count twice
    m = lagen["mutaties"]
    intens = m[m["soort"] == "intensivering"]
    in_register = set(zip(intens["terrein_id"], intens["naam"], strict=True))
    kz = lagen["kanszones"]
    nieuw = [(t, n) not in in_register for t, n in zip(kz["terrein_id"], kz["naam"], strict=True)]
    potentie = kz.loc[nieuw, "potentie_ha"].sum()
    assert 0 < potentie < kz["potentie_ha"].sum()
    assert regio(ev, "intensivering_ha") - regio(basis, "intensivering_ha") == pytest.approx(0.5 * potentie)
    assert regio(ev, "saldo_ha") > regio(basis, "saldo_ha")
    assert sum("niet dubbel" in melding for melding in ev.meldingen) == len(kz) - sum(nieuw)


@pytest.mark.parametrize(
    ("sc", "vraag_horizon"),
    [
        (Scenario(vraag="laag"), 47.2),
        (Scenario(vraag="hoog"), 63.5),
        (Scenario(vraag="eigen", vraag_ha=80.0), 80.0),
        (Scenario(vraag="groei", groei_ha_per_jaar=3.0), 30.0),
        (Scenario(vraag="hoog", horizon=2040), 127.0),
    ],
    ids=["laag", "hoog", "eigen", "groei", "hoog-tot-2040"],
)
def test_demand_choice_sets_the_demand_line(lagen, strat, sc, vraag_horizon):
    ev = scenarios.evaluate(lagen, strat, sc)
    assert ev.vraag_aanbod["jaar"].iloc[-1] == sc.horizon
    assert ev.vraag_aanbod["vraag_scenario_ha"].iloc[-1] == pytest.approx(vraag_horizon)


def test_high_demand_brings_the_first_shortfall_forward(lagen, strat):
    laag = scenarios.evaluate(lagen, strat, Scenario(vraag="laag", horizon=2040))
    hoog = scenarios.evaluate(lagen, strat, Scenario(vraag="hoog", horizon=2040))
    assert hoog.eerste_tekortjaar is not None
    assert laag.eerste_tekortjaar is None or hoog.eerste_tekortjaar < laag.eerste_tekortjaar


PAREN = [
    (Scenario(), Scenario(vraag="hoog")),
    (Scenario(overrides={"T-04": {"opnemen": False}}), Scenario(kanszone_realisatie=1.0)),
    (Scenario(overrides={"T-10": {"planstatus": "hard"}}), Scenario(vraag="groei", groei_ha_per_jaar=8.0)),
]


@pytest.mark.parametrize(("a", "b"), PAREN)
def test_compare_is_antisymmetric(lagen, strat, a, b):
    ea, eb = scenarios.evaluate(lagen, strat, a), scenarios.evaluate(lagen, strat, b)
    ab, ba = scenarios.compare(ea, eb), scenarios.compare(eb, ea)
    assert list(ab["onderwerp"]) == list(ba["onderwerp"])
    assert ab["verschil"].to_numpy() == pytest.approx(-ba["verschil"].to_numpy())
    assert (ab["verschil"].abs() > 0).any(), "these pairs differ somewhere"


def test_per_year_balance_ends_at_the_horizon_balance(lagen, strat):
    ev = scenarios.evaluate(lagen, strat, Scenario(horizon=2035, vraag="hoog"))
    laatste = ev.per_jaar[ev.per_jaar["jaar"] == 2035].set_index("gemeente")
    for kolom in ("transformatie_ha", "compensatie_ha", "saldo_ha"):
        assert laatste[kolom].to_dict() == pytest.approx(ev.balans.set_index("gemeente")[kolom].to_dict())


def test_untouched_register_table_gives_no_overrides(lagen):
    tabel = scenarios.register_table(lagen["mutaties"], Scenario())
    assert scenarios.overrides_from_table(tabel, tabel.copy()) == {}
    bewerkt = tabel.copy()
    bewerkt.loc[bewerkt["mutatie_id"] == "T-04", "opnemen"] = False
    bewerkt.loc[bewerkt["mutatie_id"] == "U-02", "jaar"] = 2031
    assert scenarios.overrides_from_table(tabel, bewerkt) == {"T-04": {"opnemen": False}, "U-02": {"jaar": 2031}}


@pytest.mark.parametrize(
    ("sc", "woord"),
    [
        (Scenario(horizon=2050), "horizon"),
        (Scenario(vraag="eigen"), "eigen vraag"),
        (Scenario(kanszone_realisatie=1.5), "kanszones"),
    ],
)
def test_impossible_settings_get_a_dutch_message(lagen, strat, sc, woord):
    with pytest.raises(scenarios.ScenarioFout, match=woord):
        scenarios.evaluate(lagen, strat, sc)


def test_saved_scenario_survives_reload_and_base_change(tmp_path, strat, beheerder):
    pad = tmp_path / "monitor.gpkg"
    s = store.open_store(pad, gebruiker=Gebruiker("werkgroep", "Werkgroep", Rol.WERKGROEP))
    sc = Scenario(naam="Baanderij hard", overrides={"T-10": {"planstatus": "hard"}, "T-08": {"ha": 3.0}}, vraag="hoog")
    sid = s.save_scenario(sc.naam, sc.to_json(), "test")
    voor = scenarios.evaluate(
        {laag: s.load(laag) for laag in ("terreinen", "mutaties", "koppelingen", "kanszones")}, strat, sc
    )

    herladen = store.open_store(pad)
    naam, auteur, beschrijving, inhoud = herladen.load_scenario(sid)
    assert (naam, auteur, beschrijving) == ("Baanderij hard", "werkgroep", "test")  # the author is the login
    terug = Scenario.from_json(inhoud)
    assert terug == sc

    # the base changes: T-08 disappears from the register
    m = herladen.load_mutaties()
    herladen.als(beheerder).write({"mutaties": m[m["mutatie_id"] != "T-08"]})
    lagen = {laag: herladen.load(laag) for laag in ("terreinen", "mutaties", "koppelingen", "kanszones")}
    na = scenarios.evaluate(lagen, strat, terug)
    assert any("T-08" in melding for melding in na.meldingen), "an override on a removed mutatie is reported"
    assert gemeente(na, "Leiderdorp", "transformatie_ha") == gemeente(voor, "Leiderdorp", "transformatie_ha")


def test_retired_mutatie_override_is_reported(lagen, strat):
    m = lagen["mutaties"].copy()
    if "vervallen" not in m.columns:
        pytest.skip("the register has no 'vervallen' column yet")
    m.loc[m["mutatie_id"] == "T-07", "vervallen"] = "2026-11-01"
    _, meldingen = scenarios.apply_scenario(m, Scenario(overrides={"T-07": {"ha": 9.0}}))
    assert meldingen and "vervallen" in meldingen[0]


def test_delete_hides_scenario_and_is_logged(tmp_path):
    s = store.open_store(tmp_path / "m.gpkg", gebruiker=Gebruiker("ans", "Ans", Rol.WERKGROEP))
    sid = s.save_scenario("Weg ermee", Scenario().to_json())
    s.delete_scenario(sid)
    assert sid not in set(s.list_scenarios()["id"])
    assert s.load_scenario(sid) is None
    log = s.load_audit()
    assert list(log["actie"]) == ["scenario opgeslagen", "scenario verwijderd"]


# --- the page ---------------------------------------------------------------------------------


def open_page(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/scenarios.py").run()
    assert not at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_page_builds_saves_reopens_and_compares_two_scenarios(store_pad):
    at = open_page()

    at.text_input(key="sc_naam").set_value("Hoge vraag").run()
    at.radio(key="sc_vraag").set_value("hoog").run()
    at.button(key="knop_opslaan").click().run()
    assert not at.exception
    assert any("opgeslagen" in s.value for s in at.success)

    at.button(key="knop_nieuw").click().run()
    at.text_input(key="sc_naam").set_value("Kanszones half").run()
    at.selectbox(key="sc_planstatus").set_value("zacht").run()
    zacht_saldo = metric(at, "Saldo")
    at.slider(key="sc_kanszone").set_value(50).run()
    assert metric(at, "Saldo") != zacht_saldo, "the kanszone share changes the saldo immediately"
    at.button(key="knop_opslaan").click().run()

    opgeslagen = store.open_store(store_pad).list_scenarios()
    assert set(opgeslagen["naam"]) == {"Hoge vraag", "Kanszones half"}

    # a colleague opens the first scenario by its link
    sid = opgeslagen.set_index("naam").loc["Hoge vraag", "id"]
    collega = open_page({"scenario": sid})
    assert collega.text_input(key="sc_naam").value == "Hoge vraag"
    assert collega.radio(key="sc_vraag").value == "hoog"

    collega.multiselect(key="vergelijk_keuze").set_value(list(opgeslagen["id"])).run()
    assert not collega.exception
    tabel = collega.dataframe[-1].value if len(collega.dataframe) else None
    kolommen = set(collega.dataframe[-2].value.columns) if len(collega.dataframe) >= 2 else set()
    assert {"Hoge vraag", "Kanszones half"} <= kolommen | set(tabel.columns if tabel is not None else [])


def test_differing_mutaties_are_those_changed_differently():
    a = Scenario(overrides={"T-04": {"opnemen": False}, "T-10": {"planstatus": "hard"}})
    b = Scenario(overrides={"T-10": {"planstatus": "hard"}, "U-02": {"jaar": 2031}})
    assert scenarios.differing_mutatie_ids([a, b]) == ["T-04", "U-02"]
    assert scenarios.differing_mutatie_ids([a, a]) == []


def test_compare_tab_maps_what_differs(store_pad, beheerder):
    s = store.open_store(store_pad, gebruiker=beheerder)
    a = s.save_scenario("Wernink gaat niet door", Scenario(overrides={"T-04": {"opnemen": False}}).to_json())
    b = s.save_scenario("Baanderij hard", Scenario(overrides={"T-10": {"planstatus": "hard"}}).to_json())
    at = open_page()
    at.multiselect(key="vergelijk_keuze").set_value([a, b]).run()
    assert not at.exception
    onderschrift = " ".join(c.value for c in at.caption)
    assert escape_markdown("Werninkterrein (T-04)") in onderschrift  # names are escaped in markdown
    assert escape_markdown("Baanderij (T-10)") in onderschrift


def test_hectares_typed_the_dutch_way_in_the_register_table(lagen):
    """Issue 16: the table's Ha column is text read as Dutch ("0,3" is 0,3 ha, not 3); a value
    that could mean two numbers is not used and gets a Dutch message."""
    basis = scenarios.register_table(lagen["mutaties"], Scenario())
    tabel = scenarios.register_table(lagen["mutaties"], Scenario(), ha_als_tekst=True)
    assert scenarios.overrides_from_table(basis, tabel) == {}, "the table as shown changes nothing"
    eerste, tweede, derde = tabel["mutatie_id"].iloc[:3]
    tabel.loc[tabel["mutatie_id"] == eerste, "ha"] = "0,3"
    tabel.loc[tabel["mutatie_id"] == tweede, "ha"] = "1.250"
    tabel.loc[tabel["mutatie_id"] == derde, "ha"] = "-1"
    fouten: list[str] = []
    assert scenarios.overrides_from_table(basis, tabel, fouten) == {eerste: {"ha": 0.3}}
    assert len(fouten) == 2 and "niet eenduidig" in fouten[0] and tweede in fouten[0] and derde in fouten[1]
