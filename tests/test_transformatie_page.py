"""The Transformatie & compensatie page as the gebiedsregisseur uses it (AppTest): an edit
through the form changes the Overzicht, errors stand next to the field, a stale save shows
the other change and can be reapplied, retiring and peildatum viewing, and typed text is
shown as text. The tests run in lokale modus (no access file): the name typed in the sidebar
is recorded as "<naam> (lokale modus)"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import balance, register, store, strategy, toegang
from bedrijventerreinen.formatting import escape_markdown, format_ha
from bedrijventerreinen.ui.toegang import LOKALE_MODUS_TEKST

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "pages/transformatie.py"
NAAM_INVOER = "lokale_naam_invoer"  # the sidebar's (unverified) name field in lokale modus


@pytest.fixture(autouse=True)
def lokale_modus(tmp_path, monkeypatch):
    """Lokale modus whatever the developer's machine holds: the access file does not exist."""
    monkeypatch.setenv(toegang.ENV_TOEGANG, str(tmp_path / "geen-toegang.toml"))


def open_page(naam: str | None = "Gerda") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    if naam:
        at.text_input(key=NAAM_INVOER).set_value(naam).run()
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def teksten(elementen) -> list[str]:
    """The texts of message elements as the user reads them (markdown escapes and the
    ``:color[…]`` around characters that would autolink removed)."""
    return [re.sub(r":color\[\\?(.)\]", r"\1", e.value).replace("\\", "") for e in elementen]


def kies_mutatie(at: AppTest, mutatie_id: str) -> AppTest:
    at.selectbox(key="mw_keuze").set_value(mutatie_id).run()
    return at


def test_page_runs_and_shows_register_coverage_and_timeline(store_pad):
    at = open_page()
    assert not at.error
    tabel = at.dataframe[0].value
    assert {"Mutatie", "Soort", "Hectare", "Planstatus"} <= set(tabel.columns)
    assert "T-04" in set(tabel["Mutatie"]) and "3,5 ha" in set(tabel["Hectare"])
    assert any(t.label == "Tijdlijn" for t in at.tabs)
    koppen = [c.value for c in at.caption]
    assert any("mutaties in de selectie" in k for k in koppen)


def test_edit_through_the_form_changes_the_overzicht(store_pad):
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    voor = metric(at, "Transformatie")
    at.switch_page(PAGE).run()
    at.text_input(key=NAAM_INVOER).set_value("Gerda").run()
    kies_mutatie(at, "T-03")  # Valkenburgseweg, hard, 1,8 ha
    at.text_input(key="mw_T-03_1_ha").set_value("1,2")
    at.button(key="mw_T-03_1_opslaan").click().run()
    assert not at.exception and not at.error, teksten(at.error)
    assert any("Mutatie T-03 is opgeslagen" in t for t in teksten(at.success))

    at.switch_page("pages/overzicht.py").run()
    na = metric(at, "Transformatie")
    s = store.Store(store_pad)
    b = balance.compute_hectarebalans(
        s.load_terreinen(), s.load_mutaties(), s.load_koppelingen(), strategy.load_strategie()
    ).set_index("gemeente")
    assert na == format_ha(b.loc["regio", "transformatie_ha"]) != voor
    assert float(voor.split()[0].replace(",", ".")) - float(na.split()[0].replace(",", ".")) == pytest.approx(0.6)
    log = s.load_audit()
    assert log[["gebruiker", "object_id", "veld", "oud", "nieuw"]].values.tolist() == [
        ["Gerda (lokale modus)", "T-03", "ha", "1.8", "1.2"]
    ]


def test_invalid_value_gives_a_dutch_sentence_next_to_the_field_and_writes_nothing(store_pad):
    at = open_page()
    versie = store.Store(store_pad).version
    kies_mutatie(at, "T-03")
    at.text_input(key="mw_T-03_1_ha").set_value("9,0")
    at.button(key="mw_T-03_1_opslaan").click().run()
    assert not at.exception
    fouten = teksten(at.error)
    assert len(fouten) == 1 and "Terrein 'Valkenburgseweg' is 5,2 ha netto" in fouten[0]
    assert store.Store(store_pad).version == versie, "nothing written"
    # The message stands in the form, right below the hectare field.
    formulier = at.get("form")[0]
    assert teksten(formulier.error) == fouten


def test_without_a_name_the_log_says_lokale_modus(store_pad):
    at = open_page(naam=None)
    assert any(LOKALE_MODUS_TEKST in w for w in teksten(at.info)), "the page says anyone can edit"
    assert not any("Vul eerst uw naam in" in w for w in teksten(at.warning)), "a name is no longer required"
    kies_mutatie(at, "T-03")
    at.text_input(key="mw_T-03_1_ha").set_value("1,2")
    at.button(key="mw_T-03_1_opslaan").click().run()
    assert not at.exception and not at.error, teksten(at.error)
    assert any("Mutatie T-03 is opgeslagen" in t for t in teksten(at.success))
    log = store.Store(store_pad).load_audit()
    assert log[["gebruiker", "object_id", "veld"]].values.tolist() == [["lokale modus", "T-03", "ha"]]


def test_stale_save_shows_the_other_change_and_can_be_reapplied(store_pad):
    at = open_page("Bob")
    kies_mutatie(at, "T-03")
    # Meanwhile Anna changes the planstatus of the same mutatie in another browser.
    anna = store.Store(store_pad, gebruiker=toegang.lokale_gebruiker("Anna"))
    register.change_mutatie(anna, "T-03", {"planstatus": "zacht"}, 1, strategy.load_strategie())
    at.text_input(key="mw_T-03_1_ha").set_value("1,4")
    at.button(key="mw_T-03_1_opslaan").click().run()
    assert not at.exception
    fout = " ".join(teksten(at.error))
    assert "is intussen gewijzigd door Anna (lokale modus)" in fout and "niet opgeslagen" in fout
    ander = next(d.value for d in at.dataframe if "U begon met" in d.value.columns)
    assert ander.values.tolist() == [["Planstatus", "Hard", "Zacht"]]
    eigen = next(d.value for d in at.dataframe if "Uw waarde" in d.value.columns)
    assert eigen.values.tolist() == [["Hectare (netto)", "1,40 ha"]]

    at.button(key="cf_opnieuw").click().run()
    assert not at.exception and not at.error, teksten(at.error)
    t03 = store.Store(store_pad).load_mutaties().set_index("mutatie_id").loc["T-03"]
    assert (t03["planstatus"], t03["ha"], t03["versie"]) == ("zacht", pytest.approx(1.4), 3)
    log = store.Store(store_pad).load_audit()
    assert log["resultaat"].tolist() == ["opgeslagen", "geweigerd", "opgeslagen"]


def test_retire_from_the_page_keeps_the_row_visible_on_request(store_pad):
    at = open_page()
    at.radio(key="wijzig_wat").set_value("vervallen").run()
    at.selectbox(key="vv_keuze").set_value("T-11").run()
    at.button(key="vv_knop_T-11").click().run()
    assert any("Geef een reden" in e for e in teksten(at.error)), "a reason is required"
    at.text_input(key="vv_reden_T-11").set_value("Plan ingetrokken door de gemeente")
    at.button(key="vv_knop_T-11").click().run()
    assert not at.exception and any("T-11 is vervallen" in t for t in teksten(at.success))
    assert "T-11" not in set(at.dataframe[0].value["Mutatie"])
    at.checkbox(key="reg_vervallen").check().run()
    rij = at.dataframe[0].value.set_index("Mutatie").loc["T-11"]
    assert rij["Vervallen"] != ""


def test_peildatum_shows_a_snapshot_read_only(store_pad, beheerder):
    at = open_page()
    s = store.Store(store_pad, gebruiker=beheerder)
    pad = register.take_snapshot(s, "stand voor stuurgroep 12-03")
    register.change_mutatie(s, "T-03", {"ha": 1.0}, 1, strategy.load_strategie())
    at.run()
    at.selectbox(key="peildatum_keuze").set_value(str(pad)).run()
    assert not at.exception
    assert any("stand voor stuurgroep 12" in i for i in teksten(at.info))
    tabel = at.dataframe[0].value.set_index("Mutatie")
    assert tabel.loc["T-03", "Hectare"] == "1,8 ha", "the register as it was at the snapshot"
    assert not [b for b in at.button if b.key and b.key.startswith("mw_")], "no editing at a peildatum"
    at.selectbox(key="peildatum_keuze").set_value("").run()
    assert at.dataframe[0].value.set_index("Mutatie").loc["T-03", "Hectare"] == "1,0 ha"


def test_typed_text_is_shown_as_text(store_pad):
    at = open_page("<b>Gerda</b> **vet**")
    at.radio(key="wijzig_wat").set_value("toevoegen").run()
    at.text_input(key="mn_0_naam").set_value("[klik](http://x) **vet** <script>")
    at.selectbox(key="mn_0_soort").set_value("compensatie")
    at.selectbox(key="mn_0_gemeente").set_value("Zoeterwoude")
    at.text_input(key="mn_0_ha").set_value("1,0")
    at.selectbox(key="mn_0_planstatus").set_value("zacht")
    at.button(key="mn_0_opslaan").click().run()
    assert not at.exception and not at.error, teksten(at.error)
    succes = at.success[0].value
    assert escape_markdown("[klik](http://x) **vet** <script>") in succes
    assert "<script>" not in succes and "**vet**" not in succes
    assert "[klik](http://x) **vet** <script>" in set(at.dataframe[0].value["Naam"])


def test_escape_markdown_neutralises_markdown_and_html():
    assert escape_markdown("**a** <b>_c_</b> [x](y) $z$ :red[q]") == (
        r"\*\*a\*\* \<b\>\_c\_\</b\> \[x\]\(y\) \$z\$ :color[\:]red\[q\]"
    )
