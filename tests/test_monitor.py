"""One computation behind every figure: the Overzicht, the Vergadermodus, the handout, the
Excel export and the empty scenario show the same figures for any register and selection,
because each reads the one Monitorstand (issue 17). Plus the regressions that started it: a
koppeling to nothing, and a shortfall within the tolerance."""

from __future__ import annotations

import datetime as dt
import io as _io
import re
from pathlib import Path

import hypothesis.strategies as st
import openpyxl
import pandas as pd
import pypdf
import pytest
from bouw import Bouw
from hypothesis import HealthCheck, given, settings
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import dekking, export, handout, io, monitor, scenarios, schema, store, strategy
from bedrijventerreinen.balance import BALANS_UITLEG, REGIO
from bedrijventerreinen.formatting import format_ha
from bedrijventerreinen.toegang import Gebruiker, Rol

STRAT = strategy.load_strategie()
GEMEENTEN = list(STRAT.gemeenten)
PLANSTATUS = schema.codes(schema.PLANSTATUS)
KOERSEN = schema.codes(schema.KOERSEN)
SOORTEN = ["transformatie", "compensatie", "uitbreiding", "intensivering"]
APP = str(Path(__file__).resolve().parent.parent / "app.py")


@st.composite
def registers(draw) -> dict[str, pd.DataFrame]:
    """A small random register in the strategy's gemeenten (sometimes one park elsewhere):
    parks with or without register stock, mutaties of every soort and planstatus, retired
    ones, and koppelingen that over-allocate, point nowhere or hold negative hectares."""
    n_parken = draw(st.integers(1, 6))
    parken = []
    for i in range(n_parken):
        gemeente = draw(st.sampled_from([*GEMEENTEN, "Alphen aan den Rijn"] if i == 5 else GEMEENTEN))
        netto = draw(st.floats(0.5, 60, allow_nan=False).map(lambda x: round(x, 2)))
        parken.append(
            Bouw.terrein(
                gemeente,
                netto,
                draw(st.sampled_from(KOERSEN)),
                terrein_id=f"P-{i}",
                peiljaar=draw(st.sampled_from([pd.NA, 2024])),
                uitgeefbaar_ha=draw(st.sampled_from([pd.NA, 0.0, round(netto / 4, 2)])),
            )
        )
    mutaties = []
    for j in range(draw(st.integers(0, 9))):
        park = parken[draw(st.integers(0, n_parken - 1))]
        soort = draw(st.sampled_from(SOORTEN))
        mutaties.append(
            Bouw.mutatie(
                f"{soort[0].upper()}-{j}",
                soort,
                park["gemeente"],
                draw(st.floats(0.05, 8, allow_nan=False).map(lambda x: round(x, 2))),
                draw(st.sampled_from(PLANSTATUS)),
                draw(st.sampled_from([None, 2019, 2021, 2024, 2026, 2029, 2032])),
                terrein_id=park["terrein_id"],
                vervallen=draw(st.sampled_from(["", "", "", "2026-01-01"])),
            )
        )
    trans = [m["mutatie_id"] for m in mutaties if m["soort"] == "transformatie"] + ["T-WEG"]
    comp = [m["mutatie_id"] for m in mutaties if m["soort"] == "compensatie"] + ["C-WEG"]
    paren = draw(st.lists(st.tuples(st.sampled_from(trans), st.sampled_from(comp)), max_size=6, unique=True))
    koppelingen = [
        Bouw.koppeling(t, c, draw(st.floats(-1, 6, allow_nan=False).map(lambda x: round(x, 2)))) for t, c in paren
    ]
    return {
        "terreinen": Bouw.terreinen(parken),
        "mutaties": Bouw.mutaties(mutaties),
        "koppelingen": Bouw.koppelingen(koppelingen),
        "kanszones": schema.empty("kanszones"),
    }


selecties = st.builds(
    monitor.Selectie,
    gemeenten=st.lists(st.sampled_from(GEMEENTEN), max_size=3, unique=True).map(tuple),
    planstatus_vanaf=st.sampled_from(PLANSTATUS),
)


def getal(tekst: str) -> float:
    return float(tekst.replace(".", "").replace(",", ".").replace(" ha", ""))


def handout_tekst(stand: monitor.Monitorstand, lagen) -> str:
    inhoud = handout.Handoutinhoud(
        stand=stand,
        lagen=lagen,
        peildatum=handout.Peildatum(dt.datetime(2026, 12, 8)),
        selectie="Selectie",
        voorbeeld_lagen=(),
        gemaakt_op=dt.date(2026, 12, 8),
    )
    return pypdf.PdfReader(_io.BytesIO(handout.render_handout(inhoud, "pdf", dpi=60))).pages[0].extract_text()


def excel_totaal(stand: monitor.Monitorstand) -> tuple[dict[str, float], float]:
    """The 'Totaal' row of the workbook's balance sheet (label → value) and the sum of its
    coverage sheet's 'Ongedekt' column."""
    wb = openpyxl.load_workbook(_io.BytesIO(export.export_monitor_xlsx(stand)))
    balans = list(wb["Hectarebalans"].values)
    kop = balans[0]
    totaal = next(r for r in balans[1:] if r[0] == "Totaal")
    rij = {k: v for k, v in zip(kop, totaal, strict=True) if isinstance(v, int | float)}
    dek = list(wb["Compensatiedekking"].values)
    kolom = dek[0].index(export.DEKKING_KOPPEN["tekort_ha"])  # the header is there even without rows
    ongedekt = sum(float(r[kolom] or 0) for r in dek[1:])
    return rij, ongedekt


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lagen=registers(), selectie=selecties)
def test_every_view_shows_the_figures_of_the_one_computation(lagen, selectie):
    stand = monitor.compute_monitor(lagen, STRAT, selectie)
    totaal = stand.totaal
    kern = stand.kerncijfers
    # ongedekt: the balance, the list of the Vergadermodus and the coverage rows agree
    assert kern["ongedekt_ha"].waarde == pytest.approx(totaal["ongedekt_ha"], abs=0.01)
    assert kern["ongedekt_totaal_ha"].waarde == pytest.approx(totaal["ongedekt_ha"], abs=0.01)
    assert stand.ongedekt["tekort_ha"].sum() == pytest.approx(totaal["ongedekt_ha"], abs=0.01)
    assert kern["ongedekt_aantal"].waarde == len(stand.ongedekt)
    # a shortfall within the tolerance is no shortfall anywhere
    assert not ((stand.dekking["tekort_ha"] > 0) & (stand.dekking["tekort_ha"] <= STRAT.tolerantie_ha)).any()
    # the Excel export holds the same balance and coverage
    rij, ongedekt = excel_totaal(stand)
    for sleutel, (label, _) in BALANS_UITLEG.items():
        if sleutel != "verkeerslicht":
            assert rij[label] == pytest.approx(float(totaal[sleutel]), abs=0.01), label
    assert ongedekt == pytest.approx(totaal["ongedekt_ha"], abs=0.01)
    # the empty scenario is the region under the same planstatus
    regio = monitor.compute_monitor(lagen, STRAT, monitor.Selectie(planstatus_vanaf=selectie.planstatus_vanaf))
    leeg = scenarios.kerncijfers(
        scenarios.evaluate(lagen, STRAT, scenarios.Scenario(planstatus_vanaf=selectie.planstatus_vanaf))
    )
    for sleutel in ("saldo_ha", "ongedekt_ha", "voorraad_eind_ha"):
        assert leeg[sleutel] == pytest.approx(float(regio.totaal[sleutel]), abs=0.01), sleutel
    assert leeg["ongedekte_transformaties"] == len(regio.ongedekt)
    assert leeg["aanbod_hard_ha"] == pytest.approx(regio.kerncijfers["aanbod_hard_ha"].waarde, abs=0.01)
    # the year-by-year scenario balance ends at the balance
    laatste = scenarios.evaluate(lagen, STRAT, scenarios.Scenario(planstatus_vanaf=selectie.planstatus_vanaf)).per_jaar
    eind = laatste[(laatste["gemeente"] == REGIO) & (laatste["jaar"] == STRAT.horizon)].iloc[0]
    assert eind["voorraad_ha"] == pytest.approx(float(regio.totaal["voorraad_eind_ha"]), abs=0.01)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lagen=registers(), selectie=selecties)
def test_the_handout_prints_the_tiles_of_the_overzicht(lagen, selectie):
    stand = monitor.compute_monitor(lagen, STRAT, selectie)
    regels = [r.strip() for r in handout_tekst(stand, lagen).splitlines()]
    for k in stand.tegels():
        assert k.label in regels, k.label
        assert regels[regels.index(k.label) + 1] == k.tekst, k.label


# -- the pages, as people see them ------------------------------------------------------------
@pytest.fixture
def lokaal(tmp_path, monkeypatch):
    from bedrijventerreinen import toegang

    monkeypatch.setenv(toegang.ENV_TOEGANG, str(tmp_path / "geen-toegang.toml"))


@pytest.mark.parametrize(
    ("gemeenten", "planstatus"),
    [pytest.param([], "hard", id="regio-hard"), pytest.param(["Katwijk", "Leiden"], "zacht", id="twee-zacht")],
)
def test_overzicht_and_vergadermodus_show_the_tiles_of_the_computation(store_pad, lokaal, gemeenten, planstatus):
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["filter_gemeenten"] = gemeenten
    at.session_state["filter_planstatus"] = planstatus
    at.run()
    assert not at.exception
    lagen = {laag: store.Store(store_pad).load(laag) for laag in ("terreinen", "mutaties", "koppelingen", "kanszones")}
    stand = monitor.compute_monitor(lagen, STRAT, monitor.Selectie(tuple(gemeenten), planstatus))
    getoond = {m.label: m.value for m in at.metric}
    for k in stand.tegels():
        assert getoond[k.label] == k.tekst, k.label
    vm = AppTest.from_file(APP, default_timeout=90)
    vm.query_params["vergadermodus"] = "1"
    vm.session_state["filter_gemeenten"] = gemeenten
    vm.session_state["filter_planstatus"] = planstatus
    vm.run()
    assert not vm.exception
    html = " ".join(h.proto.body for h in vm.get("html"))
    for k in stand.tegels():
        assert f'data-sleutel="{k.sleutel}">{k.tekst}</div>' in html, k.label


# -- regressions ------------------------------------------------------------------------------
def test_a_koppeling_to_nothing_counts_nowhere_and_the_transformatie_page_still_opens(store_pad, lokaal):
    """A store that holds a koppeling to a transformation that does not exist (written before
    the import checked it, or restored from an old snapshot): K01, and no figure changes."""
    s = store.open_store(store_pad, gebruiker=Gebruiker("ans", "Ans", Rol.BEHEERDER))
    lagen = {laag: s.load(laag) for laag in ("terreinen", "mutaties", "koppelingen", "kanszones")}
    voor = monitor.compute_monitor(lagen, STRAT)
    los = pd.concat(
        [lagen["koppelingen"], Bouw.koppelingen([("T-BESTAAT-NIET", "C-01", 2.0), ("T-01", "C-WEG", 1.0)])],
        ignore_index=True,
    )
    s.write({"koppelingen": schema.conform(los, "koppelingen")})
    na = monitor.compute_monitor({**lagen, "koppelingen": los}, STRAT)
    pd.testing.assert_frame_equal(voor.balans, na.balans)
    pd.testing.assert_frame_equal(voor.dekking_per_planstatus, na.dekking_per_planstatus)
    assert {"T-BESTAAT-NIET→C-01", "T-01→C-WEG"} <= set(
        na.bevindingen.loc[na.bevindingen["code"] == "K01", "object_id"]
    )
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/transformatie.py").run()
    assert not at.exception, at.exception
    at.switch_page("pages/overzicht.py").run()
    assert not at.exception, at.exception


def test_a_shortfall_within_the_tolerance_is_covered_in_every_view(bouw, strategie):
    """0,03 ha short: covered on the Overzicht, in the Vergadermodus list, the light, the
    findings and the Transformatie table alike; 0,3 ha short shows 0,3 ha everywhere."""
    for gekoppeld, tekort in ((1.97, 0.0), (1.7, 0.3)):
        lagen = {
            "terreinen": bouw.terreinen([bouw.terrein("Leiden", 10.0, terrein_id="P-1")]),
            "mutaties": bouw.mutaties(
                [
                    bouw.mutatie("T-1", "transformatie", "Leiden", 2.0, terrein_id="P-1", naam="Werninkterrein"),
                    bouw.mutatie("C-1", "compensatie", "Leiden", 2.0, terrein_id="P-1"),
                ]
            ),
            "koppelingen": bouw.koppelingen([("T-1", "C-1", gekoppeld)]),
        }
        stand = monitor.compute_monitor(lagen, strategie)
        assert stand.totaal["ongedekt_ha"] == pytest.approx(tekort)
        assert stand.kerncijfers["ongedekt_ha"].tekst == format_ha(tekort)
        assert stand.kerncijfers["ongedekt_totaal_ha"].tekst == format_ha(tekort)
        assert len(stand.ongedekt) == (1 if tekort else 0)
        assert stand.totaal["verkeerslicht"] == ("rood" if tekort else "groen")
        per_planstatus = dekking.compute_dekking_per_planstatus(lagen["mutaties"], lagen["koppelingen"], strategie)
        assert per_planstatus.loc[0, "tekort_hard_ha"] == pytest.approx(tekort)
        t02 = stand.bevindingen[stand.bevindingen["code"] == "T02"]
        assert len(t02) == (1 if tekort else 0)
        leeg = scenarios.kerncijfers(scenarios.evaluate(lagen, strategie, scenarios.Scenario()))
        assert leeg["ongedekt_ha"] == pytest.approx(tekort)
        assert leeg["ongedekte_transformaties"] == (1 if tekort else 0)


def test_the_sample_figures_are_unchanged_by_the_one_computation():
    """The README screenshot's figures (Overzicht of the shipped sample, whole region, hard)."""
    stand = monitor.compute_monitor(io.read_voorbeeld(), STRAT)
    tekst = {k.sleutel: k.tekst for k in stand.tegels()}
    assert re.fullmatch(r"\d{3},\d ha", tekst["voorraad_start_ha"])
    assert tekst["vraag_ha"] == "47,2–63,5"
    assert stand.totaal["transformatie_ha"] > 0 and stand.totaal["compensatie_ha"] > 0
