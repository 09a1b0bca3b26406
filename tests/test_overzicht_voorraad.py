"""The Overzicht's section 'Uitgifte en voorraad per peiljaar' as a user meets it (AppTest):
a store with two IBIS peiljaren shows which demand path the region is on, the chart, the
stock per peiljaar and what changed per park; with one peiljaar it says what is missing. Also
the strategy's supply line under the supply figures, and the tables' Dutch formatting."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box
from streamlit.testing.v1 import AppTest
from test_uitgifte import STAND_2023, STAND_2024, stand

from bedrijventerreinen import aanbod, ibis, schema, store, strategy, toegang
from bedrijventerreinen.formatting import escape_markdown
from bedrijventerreinen.ui.overzicht import format_verandering, format_voorraad_per_jaar

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "overzicht.py")
TITEL_VERANDERING = "**Wat veranderde per terrein (2023 → 2024)**"


@pytest.fixture(autouse=True)
def lokale_modus(tmp_path, monkeypatch):
    """Lokale modus whatever the developer's machine holds: the access file does not exist."""
    monkeypatch.setenv(toegang.ENV_TOEGANG, str(tmp_path / "geen-toegang.toml"))


def register(*standen: tuple[int, list[tuple]]) -> dict[str, pd.DataFrame]:
    """Store layers of a small real register: the parks as in the newest stock (with a contour,
    except the last park: it came from a register table without contours) and the stock
    history of every peiljaar given."""
    voorraad = schema.empty("voorraad")
    for peiljaar, rijen in standen:
        voorraad = ibis.merge_voorraad(voorraad, stand(peiljaar, rijen), f"IBIS {peiljaar}")
    peiljaar, rijen = standen[-1]
    t = stand(peiljaar, rijen)
    vormen = [box(90_000 + i * 600, 463_000, 90_400 + i * 600, 463_400) for i in range(len(t))]
    vormen[-1] = None
    return {"terreinen": gpd.GeoDataFrame(t, geometry=vormen, crs=schema.CRS_RD), "voorraad": voorraad}


def run_page(**state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def tabel_met(at: AppTest, kolom: str) -> pd.DataFrame:
    """The one dataframe on the page with column ``kolom``."""
    tabellen = [d.value for d in at.dataframe if kolom in d.value.columns]
    assert len(tabellen) == 1, [list(d.value.columns) for d in at.dataframe]
    return tabellen[0]


def test_two_peiljaren_show_the_sentence_the_chart_and_what_changed(store_pad):
    lagen = register((2023, STAND_2023), (2024, STAND_2024))
    store.create_store(store_pad, lagen)
    strat = strategy.load_strategie()
    at = run_page()

    assert "Uitgifte en voorraad per peiljaar" in [s.value for s in at.subheader]
    zin = ibis.describe_uitgifte(ibis.compute_uitgifte(lagen["voorraad"], strat), strat)
    assert "onder het lage pad" in zin
    assert escape_markdown(zin) in [m.value for m in at.markdown]

    grafieken = at.get("vega_lite_chart")
    uitgifte = [g for g in grafieken if "Uitgifte (cumulatief)" in g.proto.spec]
    assert len(uitgifte) == 1, "the uitgifte chart is on the page"
    spec = json.loads(uitgifte[0].proto.spec)
    assert spec["config"]["locale"]["number"]["decimal"] == ","

    per_jaar = tabel_met(at, "Peiljaar")
    assert list(zip(per_jaar["Gemeente"], per_jaar["Peiljaar"], strict=True)) == [
        ("Leiden", "2023"),
        ("Leiden", "2024"),
        ("Katwijk", "2023"),
        ("Katwijk", "2024"),
        ("Totaal", "2023"),
        ("Totaal", "2024"),
    ]
    assert per_jaar.set_index(["Gemeente", "Peiljaar"]).loc[("Totaal", "2024"), "Netto"] == "28,00 ha"

    assert TITEL_VERANDERING in [m.value for m in at.markdown]
    wijzigingen = tabel_met(at, "Verschil netto")
    assert list(wijzigingen.columns) == [
        "Terrein",
        "Gemeente",
        "Wijziging",
        "Netto 2023 → 2024",
        "Verschil netto",
        "Uitgeefbaar 2023 → 2024",
    ]
    # Epsilon lies outside the region, Beta and Delta did not change
    assert list(wijzigingen["Terrein"]) == ["Zeta", "Eta", "Gamma", "Alfa"]
    assert list(wijzigingen["Wijziging"]) == ["nieuw in 2024", "niet meer in 2024", "gewijzigd", "gewijzigd"]
    assert list(wijzigingen["Verschil netto"]) == ["+5,00 ha", "-2,00 ha", "+1,00 ha", "0,00 ha"]
    assert list(wijzigingen["Netto 2023 → 2024"]) == [
        "– → 5,00 ha",
        "2,00 → – ha",
        "10,00 → 11,00 ha",
        "8,00 → 8,00 ha",
    ]
    assert wijzigingen.set_index("Terrein").loc["Alfa", "Uitgeefbaar 2023 → 2024"] == "3,00 → 1,00 ha"
    assert any("2 terreinen zonder wijziging" in c.value for c in at.caption)

    # the park without contour counts, and the findings say it has none
    bevindingen = tabel_met(at, "Bevinding")
    assert bevindingen["Bevinding"].str.contains("Zeta").any()
    assert "I03" in set(bevindingen["Regel"])


def test_the_gemeente_filter_limits_stock_and_changes_but_not_the_regional_uitgifte(store_pad):
    lagen = register((2023, STAND_2023), (2024, STAND_2024))
    store.create_store(store_pad, lagen)
    strat = strategy.load_strategie()
    at = run_page(filter_gemeenten=["Leiden"])
    per_jaar = tabel_met(at, "Peiljaar")
    assert list(per_jaar["Gemeente"]) == ["Leiden", "Leiden", "Totaal", "Totaal"]
    assert per_jaar.set_index(["Gemeente", "Peiljaar"]).loc[("Totaal", "2024"), "Netto"] == "12,00 ha"
    assert list(tabel_met(at, "Verschil netto")["Terrein"]) == ["Eta", "Alfa"]
    # the demand paths are the region's: the sentence stays regional
    zin = ibis.describe_uitgifte(ibis.compute_uitgifte(lagen["voorraad"], strat), strat)
    assert escape_markdown(zin) in [m.value for m in at.markdown]


def test_one_peiljaar_says_what_is_still_needed(store_pad):
    store.create_store(store_pad, register((2024, [*STAND_2024[:2], ("H", "108", "Theta", "Katwijk", 4.0, 3.0, 1.0)])))
    at = run_page()
    teksten = [m.value for m in at.markdown]
    assert any("nog niet te berekenen" in t for t in teksten)
    assert not [g for g in at.get("vega_lite_chart") if "Uitgifte (cumulatief)" in g.proto.spec]
    assert TITEL_VERANDERING not in teksten
    assert any("twee peiljaren" in c.value and "2024" in c.value for c in at.caption)
    assert list(tabel_met(at, "Peiljaar")["Gemeente"]) == ["Leiden", "Katwijk", "Totaal"]


def test_a_store_without_stock_history_still_renders(store_pad):
    lagen = register((2024, STAND_2024[:2]))
    lagen["voorraad"] = schema.empty("voorraad")
    store.create_store(store_pad, lagen)
    at = run_page()
    assert any("nog geen registerstand per peiljaar" in i.value for i in at.info)


def test_supply_line_of_the_strategy_under_the_supply_figures(store_pad):
    lagen = register((2023, STAND_2023), (2024, STAND_2024))
    store.create_store(store_pad, lagen)
    strat = strategy.load_strategie()
    at = run_page()
    va = aanbod.compute_vraag_aanbod(lagen["terreinen"], schema.empty("mutaties"), strat)
    regel = aanbod.describe_aanbod_strategie(va, strat)
    assert regel.startswith("Aanbod volgens het register tot 2030")
    assert regel in [m.value for m in at.markdown]


# -- the tables' formatting ---------------------------------------------------------------


def test_voorraad_table_in_strategy_order_with_dutch_hectares():
    per_jaar = pd.DataFrame(
        {
            "gemeente": ["Katwijk", "Leiden", "regio"],
            "peiljaar": pd.array([2024, 2024, 2024], dtype="Int64"),
            "terreinen": [14, 1250, 1264],
            "bruto_ha": [219.55, 1189.7, 1409.25],
            "netto_ha": [167.68, 158.2, 325.88],
            "uitgeefbaar_ha": [4.55, float("nan"), 4.55],
        }
    )
    tabel = format_voorraad_per_jaar(per_jaar, ["Leiden", "Katwijk"])
    assert tabel.to_dict("records") == [
        {
            "Gemeente": "Leiden",
            "Peiljaar": "2024",
            "Terreinen": "1.250",
            "Bruto": "1.189,70 ha",
            "Netto": "158,20 ha",
            "Uitgeefbaar": "–",
        },
        {
            "Gemeente": "Katwijk",
            "Peiljaar": "2024",
            "Terreinen": "14",
            "Bruto": "219,55 ha",
            "Netto": "167,68 ha",
            "Uitgeefbaar": "4,55 ha",
        },
        {
            "Gemeente": "Totaal",
            "Peiljaar": "2024",
            "Terreinen": "1.264",
            "Bruto": "1.409,25 ha",
            "Netto": "325,88 ha",
            "Uitgeefbaar": "4,55 ha",
        },
    ]


def test_change_table_leaves_out_unchanged_parks_and_shows_markup_as_text():
    verandering = pd.DataFrame(
        {
            "terrein_id": ["X", "Y"],
            "naam": ["<img src=x onerror=alert(1)>", "Gelijk"],
            "gemeente": ["Leiden", "Leiden"],
            "netto_van": [1.0, 2.0],
            "netto_tot": [1.5, 2.0],
            "uitgeefbaar_van": [0.0, 0.0],
            "uitgeefbaar_tot": [0.25, 0.0],
            "netto_verschil": [0.5, 0.0],
            "status": ["gewijzigd", "gelijk"],
        }
    )
    tabel = format_verandering(verandering, 2023, 2024)
    assert tabel.to_dict("records") == [
        {
            "Terrein": "<img src=x onerror=alert(1)>",  # a dataframe cell is text, never markup
            "Gemeente": "Leiden",
            "Wijziging": "gewijzigd",
            "Netto 2023 → 2024": "1,00 → 1,50 ha",
            "Verschil netto": "+0,50 ha",
            "Uitgeefbaar 2023 → 2024": "0,00 → 0,25 ha",
        }
    ]
