"""What people type, in a real browser (issue 16): numbers typed the Dutch way with the keyboard
("0,3" is saved as 0,30 ha, not 3), and names that look like markdown, links or images shown as
text: no image is loaded, no link is made.

A server of its own (lokale modus) with the sample data, one mutatie and two saved scenarios
whose names are attacks; screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from conftest import Server, _draai_server, _maak_store

#: Names an attacker might give: an external image, a link, an autolink and an e-mail address.
BEELD = "![i](http://attacker.invalid/x.png)"
MUTATIENAAM = "[klik](http://attacker.invalid/m) www.attacker.invalid"
AUTEUR = "www.attacker.invalid ![a](http://attacker.invalid/a.png)"


@pytest.fixture(scope="module")
def invoer_server(tmp_path_factory) -> Iterator[Server]:
    from bedrijventerreinen import register, store, strategy, toegang
    from bedrijventerreinen.scenarios import Scenario

    map_ = tmp_path_factory.mktemp("invoer-browser")
    pad = map_ / "monitor.gpkg"
    _maak_store(pad)
    s = store.open_store(pad, gebruiker=toegang.lokale_gebruiker(AUTEUR))
    strat = strategy.load_strategie()
    gemeente = next(iter(strat.gemeenten))
    mid = register.add_mutatie(
        s,
        {"soort": "compensatie", "naam": MUTATIENAAM, "gemeente": gemeente, "ha": 1.0, "planstatus": "zacht",
         "jaar": strat.horizon},
        strat,
    )  # fmt: skip
    s.save_scenario(BEELD, Scenario(overrides={mid: {"opnemen": False}}).to_json())
    s.save_scenario("Gewoon scenario", Scenario(overrides={mid: {"jaar": strat.horizon - 1}}).to_json())
    with _draai_server(map_, pad, map_ / "geen-toegang.toml") as url:
        server = Server(url, store.Store(pad).load_terreinen())
        server.pad = pad  # type: ignore[attr-defined]
        yield server


def _store(server: Server):
    from bedrijventerreinen import store

    return store.Store(server.pad)  # type: ignore[attr-defined]


def _niets_van_buiten(pagina, server: Server) -> None:
    buiten = [u for u in pagina.verzoeken if not u.startswith(server.url) and not u.startswith("data:")]
    assert not buiten, f"the page fetched something from outside the app: {buiten}"


def test_mutatie_hectares_typed_with_a_comma_are_saved_as_typed(pagina, invoer_server, artifacts):
    from bedrijventerreinen import register

    page = pagina.page
    page.goto(invoer_server.url)
    page.get_by_role("link", name="Transformatie & compensatie").click()
    page.get_by_role("tab", name="Wijzigen").click()
    page.locator('[data-testid="stRadio"]').get_by_text("Mutatie toevoegen", exact=True).click()
    page.get_by_role("button", name="Mutatie toevoegen").wait_for()
    veld = page.locator('input[aria-label="Hectare (netto)"]')  # a text field (a number field before issue 16)
    assert veld.input_value() == "", "the new-mutatie form starts empty"
    page.get_by_role("textbox", name="Naam van de locatie").fill("Kommaveld")
    page.get_by_role("textbox", name="Reden afwijking strategie", exact=False).fill("Proef met een komma")
    veld.click()
    page.keyboard.type("0,3")  # with the keyboard, as a person does
    page.get_by_role("button", name="Mutatie toevoegen").click()
    page.get_by_text("is toegevoegd").wait_for()
    page.screenshot(path=str(artifacts / "invoer-mutatie-komma.png"), full_page=True)
    mutaties = _store(invoer_server).load_mutaties().set_index("naam")
    ha = float(mutaties.loc["Kommaveld", "ha"])
    assert register.toon_waarde("ha", ha) == "0,30 ha", f"saved as {ha}"
    assert ha == pytest.approx(0.3)


def test_register_table_hectares_typed_with_a_comma(pagina, invoer_server, artifacts):
    page = pagina.page
    page.goto(invoer_server.url)
    page.get_by_role("link", name="Scenario's").click()
    page.get_by_text("Register — zet een mutatie uit").wait_for()
    tabel = page.locator('[data-testid="stDataFrame"]').first
    tabel.wait_for()
    page.wait_for_timeout(1000)
    vak = tabel.bounding_box()
    assert vak is not None
    page.mouse.click(vak["x"] + 30, vak["y"] + 52)  # the first row's Id
    for _ in range(5):  # Id, Gaat door, Soort, Gemeente, Naam, Ha
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # open the cell's editor
    page.wait_for_timeout(300)
    page.keyboard.press("Control+A")
    page.keyboard.type("0,3")
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.wait_for_timeout(2500)
    voor = set(_store(invoer_server).list_scenarios()["id"])
    page.get_by_role("button", name="Scenario opslaan").click()
    page.get_by_text("is opgeslagen").wait_for()
    page.screenshot(path=str(artifacts / "invoer-scenario-tabel-komma.png"), full_page=True)
    s = _store(invoer_server)
    (sid,) = set(s.list_scenarios()["id"]) - voor
    overrides = json.loads(s.load_scenario(sid)[3])["overrides"]
    assert [o.get("ha") for o in overrides.values()] == [pytest.approx(0.3)], overrides


def test_scenario_and_mutatie_names_are_shown_as_text(pagina, invoer_server, artifacts):
    page = pagina.page
    page.goto(invoer_server.url)
    page.get_by_role("link", name="Scenario's").click()
    page.get_by_role("tab", name="Scenario's vergelijken").click()
    kiezer = page.get_by_text("Kies maximaal drie opgeslagen scenario's")
    kiezer.wait_for()
    for naam in (BEELD, "Gewoon scenario"):
        page.locator('[data-testid="stMultiSelect"]').last.click()
        page.get_by_role("option", name=naam).click()
    page.get_by_text("Verschillend aangepast").wait_for()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts / "invoer-namen-als-tekst.png"), full_page=True)
    inhoud = page.locator('[data-testid="stMain"]')
    tekst = inhoud.inner_text()
    assert f"tussen '{BEELD}' en de andere" in tekst, "the scenario name reads as typed"
    assert MUTATIENAAM in tekst, "the mutatie name reads as typed"
    gemaakt = page.locator('[data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(img, a)').evaluate_all(
        "els => els.map(e => e.getAttribute('src') || e.getAttribute('href') || '')"
    )
    assert not [g for g in gemaakt if "attacker" in g], f"an image or link was made from a name: {gemaakt}"
    _niets_van_buiten(pagina, invoer_server)


def test_the_lokale_modus_author_is_shown_as_text(pagina, invoer_server):
    s = _store(invoer_server)
    sid = s.list_scenarios().set_index("naam").loc[BEELD, "id"]
    page = pagina.page
    page.goto(f"{invoer_server.url}/scenarios?scenario={sid}")
    regel = page.get_by_text("Auteur:")
    regel.wait_for()
    assert regel.inner_text() == f"Auteur: {AUTEUR} (lokale modus)"
    assert regel.locator("a, img").count() == 0
    _niets_van_buiten(pagina, invoer_server)
