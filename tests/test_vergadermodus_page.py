"""The vergadermodus as the stuurgroep meets it (AppTest): six views in a fixed order with
Vorige/Volgende, the peildatum and the sample-data banner on every view, nothing to edit,
the selection and a chosen snapshot respected, register names shown as text, and the
handout offered here and on the Overzicht page. ``app.py`` routes ``?vergadermodus=1``."""

from __future__ import annotations

import datetime as dt
from html import escape as html_escape
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import balance, io, monitor, schema, store, themes, toegang
from bedrijventerreinen.formatting import format_datum, format_ha
from bedrijventerreinen.ui.common import FILTER_GEMEENTEN
from bedrijventerreinen.ui.peildatum import PEILDATUM
from bedrijventerreinen.ui.vergadermodus import DIAS

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "vergadermodus.py")
APP = str(ROOT / "app.py")
MARKUP = "<img src=x onerror=alert(1)>"
#: Widgets that change data or the selection: none of them belongs in the vergadermodus.
BEWERKBAAR = (
    "text_input",
    "text_area",
    "number_input",
    "selectbox",
    "multiselect",
    "checkbox",
    "toggle",
    "radio",
    "slider",
    "select_slider",
    "date_input",
    "time_input",
    "color_picker",
    "file_uploader",
    "data_editor",
    "chat_input",
)


@pytest.fixture(autouse=True)
def lokale_modus(tmp_path, monkeypatch):
    """Lokale modus whatever the developer's machine holds: the access file does not exist."""
    monkeypatch.setenv(toegang.ENV_TOEGANG, str(tmp_path / "geen-toegang.toml"))


def run(script: str = PAGE, query: dict | None = None, **state) -> AppTest:
    at = AppTest.from_file(script, default_timeout=90)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def html(at: AppTest) -> str:
    """All HTML the page sends (st.html blocks), in order."""
    return "\n".join(el.proto.body for el in at.get("html"))


def bewerkbare_widgets(at: AppTest) -> list[str]:
    return [soort for soort in BEWERKBAAR if len(at.get(soort))]


def knop(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def test_walks_all_views_in_order_with_peildatum_and_banner_and_nothing_to_edit(store_pad):
    at = run()
    gewijzigd = dt.datetime.fromisoformat(store.open_store().meta()["gewijzigd_op"])
    for i, dia in enumerate(DIAS):
        tekst = html(at)
        assert f"<h1>{dia.titel}</h1>" in tekst, f"view {i + 1} shows no title {dia.titel!r}"
        assert f"{i + 1} / {len(DIAS)}" in tekst
        assert format_datum(gewijzigd) in tekst, f"no peildatum on view {dia.titel}"
        assert schema.VOORBEELD_TEKST in tekst, f"no sample-data banner on view {dia.titel}"
        assert bewerkbare_widgets(at) == [], f"edit controls on view {dia.titel}"
        assert knop(at, "vm_vorige").disabled == (i == 0)
        assert knop(at, "vm_volgende").disabled == (i == len(DIAS) - 1)
        if i < len(DIAS) - 1:
            knop(at, "vm_volgende").click().run()
            assert not at.exception, at.exception
    assert at.query_params["dia"] == str(len(DIAS))
    knop(at, "vm_vorige").click().run()
    assert f"<h1>{DIAS[-2].titel}</h1>" in html(at)


def test_kpi_view_shows_the_figures_of_the_balance(store_pad):
    at = run()
    tekst = html(at)
    lagen = io.read_voorbeeld()
    from bedrijventerreinen import strategy

    strat = strategy.load_strategie()
    for k in monitor.compute_monitor(lagen, strat).tegels():
        assert f'data-sleutel="{k.sleutel}">{k.tekst}</div>' in tekst, k.label


def test_view_from_url_and_balance_view_paints_traffic_lights(store_pad):
    at = run(query={"dia": "3"})
    tekst = html(at)
    assert "<h1>Hectarebalans per gemeente</h1>" in tekst
    for c in schema.VERKEERSLICHT:
        if f">{c.label}</span>" in tekst:
            assert f"background:{c.kleur}" in tekst
    assert tekst.count('class="vm-label"') == len(strategy_gemeenten()) + 1


def strategy_gemeenten() -> list[str]:
    from bedrijventerreinen import strategy

    return list(strategy.load_strategie().gemeenten)


def test_selection_of_the_sidebar_is_kept_and_shown(store_pad):
    at = run(query={"dia": "3"}, **{FILTER_GEMEENTEN: ["Katwijk"]})
    tekst = html(at)
    assert "Selectie: Katwijk" in tekst
    assert ">Leiden<" not in tekst
    assert at.session_state[FILTER_GEMEENTEN] == ["Katwijk"]


def test_register_names_are_escaped(store_pad, beheerder):
    s = store.open_store(gebruiker=beheerder)
    mutaties = s.load_mutaties()
    extra = schema.conform(
        pd.DataFrame(
            [
                {
                    "mutatie_id": "XSS-T",
                    "soort": "transformatie",
                    "gemeente": "Leiden",
                    "naam": MARKUP,
                    "ha": 9.0,
                    "planstatus": "hard",
                    "jaar": 2025,
                }
            ]
        ),
        "mutaties",
    )
    s.write({"mutaties": schema.conform(pd.concat([mutaties, extra], ignore_index=True), "mutaties")})
    at = run(query={"dia": "4"})
    tekst = html(at)
    assert "&lt;img src=x onerror=alert(1)&gt;" in tekst
    assert MARKUP not in tekst
    assert format_ha(9.0) in tekst


def test_chosen_snapshot_is_shown_with_its_date(store_pad, beheerder):
    s = store.open_store(gebruiker=beheerder)
    snapshot = s.snapshot("Stuurgroep november")
    meta = store.Store(snapshot).meta()
    datum = format_datum(dt.datetime.fromisoformat(meta["snapshot_op"]))
    # after the snapshot the register changes: the view must show the snapshot's figures
    mutaties = s.load_mutaties()
    s.write({"mutaties": mutaties[mutaties["soort"] != "transformatie"]})
    at = run(**{PEILDATUM: str(snapshot)})
    tekst = html(at)
    assert "Stand per peildatum" in tekst
    assert html_escape(f"{datum} (snapshot 'Stuurgroep november')") in tekst
    lagen = io.read_voorbeeld()
    from bedrijventerreinen import strategy

    strat = strategy.load_strategie()
    b = balance.compute_hectarebalans(lagen["terreinen"], lagen["mutaties"], lagen["koppelingen"], strat)
    transformatie = b.set_index("gemeente").loc[balance.REGIO, "transformatie_ha"]
    assert transformatie > 0
    assert f'data-sleutel="transformatie_ha">{format_ha(transformatie)}</div>' in tekst


def test_theme_switch_keeps_the_view(store_pad):
    at = run(query={"dia": "2"})
    assert f"--vm-bg: {themes.LICHT.achtergrond}" in html(at)
    knop(at, "vm_thema_knop").click().run()
    assert at.query_params["thema"] == "donker"
    assert "<h1>Kaart van de regio</h1>" in html(at)
    assert knop(at, "vm_thema_knop").label == "Licht"
    assert f"--vm-bg: {themes.DONKER.achtergrond}" in html(at)


def test_handout_can_be_downloaded_in_the_vergadermodus(store_pad):
    at = run()
    knoppen = {d.key: d for d in at.get("download_button")}
    assert {"vm_handout_pdf", "vm_handout_png"} <= set(knoppen)


def test_app_routes_vergadermodus_url_and_hides_the_sidebar(store_pad):
    at = run(APP, query={"vergadermodus": "1"})
    assert "<h1>Kerncijfers</h1>" in html(at)
    assert len(at.sidebar) == 0, "the sidebar (with its filters) must not be drawn in the vergadermodus"
    assert bewerkbare_widgets(at) == []


def test_sidebar_toggle_switches_the_mode_on(store_pad):
    at = run(APP)
    assert "<h1>Kerncijfers</h1>" not in html(at)
    at.toggle(key="vm_schakelaar").set_value(True).run()
    assert not at.exception, at.exception
    assert at.query_params["vergadermodus"] == "1"
    assert "<h1>Kerncijfers</h1>" in html(at)
    assert len(at.sidebar) == 0


def test_overzicht_offers_the_handout(store_pad):
    at = run(str(ROOT / "pages" / "overzicht.py"))
    assert [d.label for d in at.get("download_button")] == ["Handout (PDF, A4)"]


def test_banner_names_the_sample_layers_and_real_kanszones_need_no_note(store_pad, beheerder):
    """Real terreinen and kanszones on sample mutaties: every view names the sample layers, and
    the kanszones view no longer calls the potential made-up values."""
    from bedrijventerreinen.voorbeeldmelding import voorbeeld_melding

    s = store.open_store(gebruiker=beheerder)
    echt = {"terreinen": s.load_terreinen(), "kanszones": s.load_kanszones()}
    s.write_import(echt, "terreinen en kanszones", echte_lagen=list(echt))
    melding = html_escape(voorbeeld_melding(s.voorbeeld_lagen))
    assert "kanszones" in melding.split(";")[1]  # named among the real layers
    for i, dia in enumerate(DIAS, start=1):
        tekst = html(run(query={"dia": str(i)}))
        assert melding in tekst, f"no per-layer banner on view {dia.titel}"
        assert html_escape(schema.VOORBEELD_TEKST) not in tekst
        if dia.code == "kanszones":
            assert "Voorbeeldwaarden" not in tekst
