"""Numbers typed the Dutch way (issue 16): "0,3" is 0,3 ha, not 3; "1.250,5" and "1250.5" are
1250,5; what could mean two numbers is refused with a Dutch message, and nothing is saved.

The rule is :func:`bedrijventerreinen.formatting.parse_getal` (a table test here); the
fields are :func:`bedrijventerreinen.ui.invoer.getal_invoer`, tested on the Transformatie
form and the Scenario's growth field (AppTest). The browser test that types with the
keyboard is tests/browser/test_getallen_browser.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as hst
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import formatting, store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.mark.parametrize(
    ("tekst", "waarde"),
    [
        pytest.param("0,3", 0.3, id="decimale-komma"),
        pytest.param("7,5", 7.5, id="groei"),
        pytest.param("1.250,5", 1250.5, id="nederlands-met-duizendtal"),
        pytest.param("1250.5", 1250.5, id="decimale-punt"),
        pytest.param("1250,5", 1250.5, id="komma-zonder-duizendtal"),
        pytest.param("1,250", 1.25, id="komma-is-altijd-decimaal"),
        pytest.param("0.250", 0.25, id="punt-na-nul-is-decimaal"),
        pytest.param("12.50", 12.5, id="punt-twee-decimalen"),
        pytest.param("1250.000", 1250.0, id="punt-na-vier-cijfers-is-decimaal"),
        pytest.param("1,250.5", 1250.5, id="engels-met-duizendtal"),
        pytest.param("1.250.000", 1250000.0, id="herhaalde-punt-groepeert"),
        pytest.param("1.250.000,25", 1250000.25, id="miljoen-met-decimalen"),
        pytest.param("1,250,000", 1250000.0, id="herhaalde-komma-groepeert"),
        pytest.param("1 250,5", 1250.5, id="spatie-groepeert"),
        pytest.param("1\u00a0250", 1250.0, id="harde-spatie-groepeert"),
        pytest.param("  7,5 ", 7.5, id="spaties-eromheen"),
        pytest.param("2028", 2028.0, id="geheel"),
        pytest.param("-0,3", -0.3, id="min"),
        pytest.param("\u22122,5", -2.5, id="minteken"),
        pytest.param("+3", 3.0, id="plus"),
        pytest.param(",5", 0.5, id="zonder-nul"),
        pytest.param("-0", 0.0, id="min-nul"),
    ],
)
def test_parse_getal_reads_dutch_numbers(tekst, waarde):
    assert formatting.parse_getal(tekst) == waarde


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        pytest.param("1.250", "niet eenduidig: bedoelt u 1250 of 1,25?", id="punt-drie-cijfers"),
        pytest.param("12.500", "niet eenduidig: bedoelt u 12500 of 12,5?", id="punt-drie-cijfers-12"),
        pytest.param("-1.250", "niet eenduidig", id="negatief-dubbelzinnig"),
        pytest.param("1.25,5", "gebruik de punt alleen voor duizendtallen", id="verkeerde-groep"),
        pytest.param("0.250,5", "gebruik de punt alleen voor duizendtallen", id="groep-begint-met-nul"),
        pytest.param("1,2,5", "scheidt geen groepen van drie", id="herhaalde-komma-geen-groep"),
        pytest.param("1.2.3", "scheidt geen groepen van drie", id="herhaalde-punt-geen-groep"),
        pytest.param("5,", "onvolledig", id="niets-na-komma"),
        pytest.param("12 34", "spaties mogen alleen duizendtallen scheiden", id="spatie-geen-groep"),
        pytest.param("1e3", "geen getal", id="exponent"),
        pytest.param("0,3 ha", "geen getal", id="met-eenheid"),
        pytest.param("nan", "geen getal", id="nan"),
        pytest.param("inf", "geen getal", id="oneindig"),
        pytest.param("--3", "geen getal", id="dubbel-min"),
        pytest.param("\u0663", "geen getal", id="arabisch-cijfer"),
        pytest.param("", "Vul een getal in", id="leeg"),
        pytest.param("9" * 400, "te groot", id="te-groot"),
    ],
)
def test_parse_getal_refuses_what_is_no_number_or_means_two(tekst, melding):
    with pytest.raises(ValueError) as fout:
        formatting.parse_getal(tekst)
    assert melding in str(fout.value)


@given(hst.integers(-(10**12), 10**12), hst.integers(0, 6), hst.integers(0, 3))
def test_what_a_field_shows_reads_back_as_the_same_number(teller, schaal, decimalen):
    waarde = teller / 10**schaal
    tekst = formatting.format_invoer(waarde, decimalen)
    assert "." not in tekst, "a field shows no thousands separator and a decimal comma"
    assert formatting.parse_getal(tekst) == waarde


@pytest.mark.parametrize(
    ("waarde", "decimalen", "tekst"),
    [(0.3, 2, "0,30"), (1250.5, 2, "1250,50"), (1.234, 2, "1,234"), (2028, 0, "2028"), (None, 2, ""), (-0.0, 1, "0,0")],
)
def test_format_invoer(waarde, decimalen, tekst):
    assert formatting.format_invoer(waarde, decimalen) == tekst


# --- the forms (AppTest) ---------------------------------------------------------------------


def typ(at: AppTest, key: str, tekst: str) -> None:
    """Type ``tekst`` into the number field ``key`` as a person does. Before issue 16 the field was
    an ``st.number_input``, which cannot hold text: the browser drops the comma, so "0,3" arrived
    as 3 (that is what this emulates, so these tests fail on that code for the right reason)."""
    velden = [w for w in at.text_input if w.key == key]
    if velden:
        velden[0].set_value(tekst)
    else:
        at.number_input(key=key).set_value(float(tekst.replace(",", "")))


def open_transformatie(naam: str = "Gerda") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/transformatie.py").run()
    assert not at.exception, at.exception
    at.text_input(key="lokale_naam_invoer").set_value(naam).run()
    at.radio(key="wijzig_wat").set_value("toevoegen").run()
    return at


def _nieuwe_compensatie(at: AppTest, naam: str, ha: str) -> None:
    at.text_input(key="mn_0_naam").set_value(naam)
    at.selectbox(key="mn_0_soort").set_value("compensatie")
    at.selectbox(key="mn_0_planstatus").set_value("zacht")
    typ(at, "mn_0_ha", ha)
    at.button(key="mn_0_opslaan").click().run()


def test_mutatie_form_saves_0_3_typed_with_a_comma_as_0_3_ha(store_pad):
    at = open_transformatie()
    _nieuwe_compensatie(at, "Kommaveld", "0,3")
    assert not at.exception and not at.error, [e.value for e in at.error]
    mutaties = store.Store(store_pad).load_mutaties().set_index("naam")
    assert mutaties.loc["Kommaveld", "ha"] == pytest.approx(0.3)


def test_mutatie_form_refuses_an_ambiguous_number_and_saves_nothing(store_pad):
    at = open_transformatie()
    versie = store.Store(store_pad).version
    _nieuwe_compensatie(at, "Dubbelzinnig", "1.250")
    assert not at.exception
    fouten = " ".join(e.value for e in at.get("form")[0].error)
    assert "niet eenduidig" in fouten and "1250" in fouten, "the message stands in the form"
    assert store.Store(store_pad).version == versie, "nothing written"
    assert at.text_input(key="mn_0_ha").value == "1.250", "what was typed stays in the field to correct"


def open_scenarios() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/scenarios.py").run()
    assert not at.exception, at.exception
    at.radio(key="sc_vraag").set_value("groei").run()
    return at


def _scenario(at: AppTest) -> dict:
    return json.loads(at.session_state["scenario_buffer"])


def test_scenario_growth_7_5_typed_with_a_comma_is_used_as_7_5(store_pad):
    at = open_scenarios()
    typ(at, "sc_groei", "7,5")
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert _scenario(at)["groei_ha_per_jaar"] == pytest.approx(7.5)
    assert at.text_input(key="sc_groei").value == "7,50", "shown back in Dutch notation"
    typ(at, "sc_groei", "1250.5")
    at.run()
    assert _scenario(at)["groei_ha_per_jaar"] == pytest.approx(1250.5)
    assert at.text_input(key="sc_groei").value == "1250,50"


def test_scenario_growth_refuses_an_ambiguous_number_and_cannot_be_saved(store_pad):
    at = open_scenarios()
    typ(at, "sc_groei", "7,5")
    at.run()
    typ(at, "sc_groei", "1.250")
    at.run()
    assert not at.exception
    assert any("niet eenduidig" in e.value for e in at.error)
    assert _scenario(at)["groei_ha_per_jaar"] == pytest.approx(7.5), "the last valid number stays in use"
    assert not any(b.key == "knop_opslaan" for b in at.button), "a scenario with a wrong number cannot be saved"
    assert any("Verbeter eerst het getal" in e.value for e in at.error)
