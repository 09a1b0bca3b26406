"""The app as a user meets it: AppTest runs app.py and every page, filters change figures,
and a broken store gives a Dutch way out instead of a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import balance, io, strategy, toegang
from bedrijventerreinen.formatting import format_ha

APP = str(Path(__file__).resolve().parent.parent / "app.py")
#: Every page app.py can navigate to (so a new page is tested without touching this file),
#: including those only a role with the right sees (Gebruikers: beheerder; in lokale modus,
#: where these tests run, everyone is beheerder and sees every page).
PAGES = re.findall(r'st\.Page\("([^"]+)"', Path(APP).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def lokale_modus(tmp_path, monkeypatch):
    """Lokale modus whatever the developer's machine holds: the access file does not exist."""
    monkeypatch.setenv(toegang.ENV_TOEGANG, str(tmp_path / "geen-toegang.toml"))


def run_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def expected_balans(planstatus: str, gemeenten: list[str] | None = None):
    lagen = io.read_voorbeeld()
    strat = strategy.load_strategie()
    b = balance.compute_hectarebalans(lagen["terreinen"], lagen["mutaties"], lagen["koppelingen"], strat, planstatus)
    if gemeenten:
        b = balance.select_gemeenten(b, gemeenten)
    return b.set_index("gemeente").loc["regio"]


def test_home_page_shows_sample_region_with_banner(store_pad):
    at = run_app()
    assert not at.exception
    assert store_pad.exists(), "the store is created from the sample data on first start"
    assert any("Voorbeelddata — geen officiële cijfers" in w.value for w in at.warning)
    verwacht = expected_balans("hard")
    assert metric(at, "Startvoorraad") == format_ha(verwacht["voorraad_start_ha"])
    assert metric(at, "Transformatie") == format_ha(verwacht["transformatie_ha"])
    tabel = at.dataframe[0].value
    assert list(tabel["Gemeente"]) == [*strategy.load_strategie().gemeenten, "Totaal"]


def test_every_page_script_is_in_the_navigation(store_pad):
    scripts = {f"pages/{p.name}" for p in (Path(APP).parent / "pages").glob("*.py")}
    assert scripts == set(PAGES), "pages/ holds page scripts only, and each is reachable from the menu"
    # Some pages are added for a role only: in lokale modus (beheerder) the menu really holds them all.
    at = run_app()
    for page in sorted(scripts):
        at.switch_page(page)  # raises ValueError for a page st.navigation did not register


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(store_pad, page):
    at = run_app()
    at.switch_page(page).run()
    assert not at.exception
    assert not at.error


def test_planstatus_filter_changes_the_figures(store_pad):
    at = run_app()
    hard = metric(at, "Transformatie")
    at.radio(key="filter_planstatus").set_value("zacht").run()
    zacht = metric(at, "Transformatie")
    assert hard != zacht
    assert zacht == format_ha(expected_balans("zacht")["transformatie_ha"])


def test_gemeente_filter_limits_table_and_totals(store_pad):
    at = run_app()
    at.multiselect(key="filter_gemeenten").set_value(["Leiden", "Katwijk"]).run()
    assert not at.exception
    assert list(at.dataframe[0].value["Gemeente"]) == ["Leiden", "Katwijk", "Totaal"]
    verwacht = expected_balans("hard", ["Leiden", "Katwijk"])
    assert metric(at, "Startvoorraad") == format_ha(verwacht["voorraad_start_ha"])
    assert all(g in ("Leiden", "Katwijk", "") for g in at.dataframe[1].value["Gemeente"])


@pytest.mark.parametrize(
    "inhoud",
    [b"dit is geen geopackage", b"", b"SQLite format 3\x00" + b"\x00" * 200],
    ids=["tekst", "leeg", "kapotte-sqlite"],
)
def test_corrupt_store_offers_rebuild_and_keeps_the_old_file(store_pad, inhoud):
    store_pad.write_bytes(inhoud)
    at = run_app()
    assert not at.exception
    assert any("beschadigd" in e.value for e in at.error)
    assert store_pad.read_bytes() == inhoud, "an existing store is never overwritten silently"
    knop = next(b for b in at.button if "Opnieuw opbouwen" in b.label)
    knop.click().run()
    assert not at.exception
    bewaard = list(store_pad.parent.glob("monitor.kapot-*.gpkg"))
    assert len(bewaard) == 1 and bewaard[0].read_bytes() == inhoud
    assert any("opnieuw opgebouwd" in s.value for s in at.success)
    assert metric(at, "Startvoorraad") == format_ha(expected_balans("hard")["voorraad_start_ha"])


def test_store_in_unwritable_place_gives_dutch_message(tmp_path, monkeypatch):
    blokkade = tmp_path / "bestand"
    blokkade.write_text("geen map")
    monkeypatch.setenv("BEDRIJVENTERREINEN_STORE", str(blokkade / "monitor.gpkg"))
    at = run_app()
    assert not at.exception
    assert at.error and "kan niet worden aangemaakt" in at.error[0].value


def test_peildatum_shows_the_snapshot_read_only_on_every_page(store_pad, beheerder):
    from bedrijventerreinen import store

    s = store.open_store(store_pad, gebruiker=beheerder)
    snapshot = s.snapshot("stand voor stuurgroep")
    m = s.load_mutaties()
    m.loc[m["mutatie_id"] == "T-04", "ha"] = 10.0  # the live register changes after the snapshot
    s.write({"mutaties": m})

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["peildatum_snapshot"] = str(snapshot)
    at.run()
    assert not at.exception
    assert metric(at, "Transformatie") == format_ha(expected_balans("hard")["transformatie_ha"])
    assert any("peildatum" in i.value for i in at.info)
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert any("inlezen kan alleen in de actuele stand" in i.value for i in at.info)

    live = AppTest.from_file(APP, default_timeout=60).run()
    assert metric(live, "Transformatie") != metric(at.switch_page("pages/overzicht.py").run(), "Transformatie")


def test_a_snapshot_cannot_be_written(store_pad, beheerder):
    from bedrijventerreinen import store

    s = store.open_store(store_pad, gebruiker=beheerder)
    snapshot = store.Store(s.snapshot("vast"), gebruiker=beheerder)  # even a beheerder cannot write it
    voor = snapshot.path.read_bytes()
    with pytest.raises(store.StoreFout, match="alleen lezen"):
        snapshot.write({"koppelingen": snapshot.load_koppelingen().iloc[:1]})
    assert snapshot.path.read_bytes() == voor


def test_kanszone_share_counts_as_zachte_intensivering_only(store_pad):
    at = run_app()
    hard = at.dataframe[0].value.set_index("Gemeente").loc["Totaal", "Intensivering"]
    at.slider(key="kanszone_aandeel").set_value(100).run()
    assert at.dataframe[0].value.set_index("Gemeente").loc["Totaal", "Intensivering"] == hard, "never in hard figures"
    at.radio(key="filter_planstatus").set_value("zacht").run()
    met = at.dataframe[0].value.set_index("Gemeente").loc["Totaal", "Intensivering"]
    at.slider(key="kanszone_aandeel").set_value(0).run()
    zonder = at.dataframe[0].value.set_index("Gemeente").loc["Totaal", "Intensivering"]
    assert met != zonder
    assert not any("kanszone-potentie" in c.value for c in at.caption)  # back at 0 %: no mention


def test_every_page_names_the_sample_layers_after_a_real_stock(store_pad, beheerder):
    """A real stock of terreinen imported onto the sample: every page's banner says which
    layers are still sample data, none says that everything is."""
    from bedrijventerreinen import store
    from bedrijventerreinen.voorbeeldmelding import voorbeeld_melding

    s = store.open_store(store_pad, gebruiker=beheerder)
    s.write_import({"terreinen": s.load_terreinen().assign(bron="IBIS 2024")}, "ibis", echte_lagen=["terreinen"])
    melding = voorbeeld_melding(s.voorbeeld_lagen)
    assert melding.startswith("Voorbeelddata in mutaties") and melding.endswith("terreinen zijn ingelezen")
    at = run_app()
    for page in (p for p in PAGES if p != "pages/vergadermodus.py"):
        at.switch_page(page).run()
        assert not at.exception, page
        assert any(melding in w.value for w in at.warning), f"{page} does not name the sample layers"
        assert not any("Voorbeelddata — geen officiële cijfers" in w.value for w in at.warning), page
