"""The Kaart page as a user meets it (AppTest): the map of the selection, filters and layer
switches that change what is drawn, the details of a park, and markup shown as text."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import io, maps, schema, store, toegang
from bedrijventerreinen.ui.kaart import KAART_TERREIN, escape_markdown

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "kaart.py")
MARKUP = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def lokale_modus(tmp_path, monkeypatch):
    """Lokale modus whatever the developer's machine holds: the access file does not exist."""
    monkeypatch.setenv(toegang.ENV_TOEGANG, str(tmp_path / "geen-toegang.toml"))


def run_page(**state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def kaart_args(at: AppTest) -> dict:
    """The arguments the page sends to the map component (script, links, returned objects)."""
    kaarten = [el for el in at.main.get("component_instance")]
    assert len(kaarten) == 1, "expected exactly one map on the page"
    proto = kaarten[0].proto
    return json.loads(proto.json_args)


def getekend(at: AppTest) -> dict[str, int]:
    """Objects per layer drawn in the map script: every feature's ``"laag"`` property."""
    script = kaart_args(at)["script"]
    return {laag: len(re.findall(rf'"laag": "{laag}"', script)) for laag in maps.KAARTLAAG_CODES}


def test_map_shows_every_park_of_the_region(store_pad):
    at = run_page()
    assert at.title[0].value == "Kaart van de regio"
    assert any("Voorbeelddata" in w.value for w in at.warning)
    t = io.read_voorbeeld()["terreinen"]
    assert getekend(at)["terreinen"] == len(t)
    args = kaart_args(at)
    # only the click is sent back: panning and zooming do not rerun the page
    assert args["returned_objects"] == ["last_active_drawing", "last_object_clicked"]
    # Leaflet from the app itself, nothing from a CDN
    assert args["js_links"] == ["/app/static/leaflet-1.9.4/leaflet.js"]
    assert args["css_links"] == ["/app/static/leaflet-1.9.4/leaflet.css"]
    assert "L.tileLayer" not in args["script"]  # BEDRIJVENTERREINEN_ACHTERGROND=geen
    assert any(f"bedrijventerreinen: {len(t)}" in c.value for c in at.caption)


def test_filters_of_the_sidebar_change_the_map(store_pad):
    at = run_page()
    alles = getekend(at)
    at.session_state["filter_gemeenten"] = ["Katwijk"]
    begin = time.perf_counter()
    at.run()
    duur = time.perf_counter() - begin
    katwijk = getekend(at)
    t = io.read_voorbeeld()["terreinen"]
    assert katwijk["terreinen"] == int((t["gemeente"] == "Katwijk").sum()) < alles["terreinen"]
    assert katwijk["kanszones"] == 1  # 't Heen
    assert duur < 5, f"rerun on a filter change took {duur:.1f} s"

    at.session_state["filter_planstatus"] = "idee"
    at.run()
    ruim = getekend(at)
    assert ruim["transformatie"] > katwijk["transformatie"] or ruim["aanwinst"] > katwijk["aanwinst"]


def test_layer_switches(store_pad):
    at = run_page(kaart_lagen_transformatie=False, kaart_lagen_kanszones=False)
    n = getekend(at)
    assert n["terreinen"] > 0 and n["aanwinst"] > 0
    assert n["transformatie"] == 0 and n["kanszones"] == 0
    uit = run_page(**{f"kaart_lagen_{k}": False for k in maps.KAARTLAAG_CODES})
    assert not uit.main.get("component_instance")
    assert any("Alle kaartlagen staan uit" in i.value for i in uit.info)


def test_selected_park_shows_hectares_mutaties_and_findings(store_pad):
    at = run_page(**{KAART_TERREIN: "LEI-05"})
    assert at.subheader[0].value.replace("\\", "") == "Rooseveltstraat (Cronesteijn)"  # markdown-escaped
    tabellen = [d.value for d in at.dataframe]
    hectares = tabellen[0].set_index("Hectare")["Waarde"]
    assert hectares["Netto"].endswith(" ha")
    mutaties = tabellen[1]
    assert {"Rooseveltstraat-Trekvliet", "Rooseveltstraat-West"} <= set(mutaties["Mutatie"])
    bevindingen = tabellen[2]
    assert bevindingen["Bevinding"].str.contains("Florapark West").any()
    # the selection outline is sent with the map, not baked into it (no redraw on a click)
    assert kaart_args(at)["feature_group"]


def test_selection_outside_the_filter_is_dropped(store_pad):
    at = run_page(**{KAART_TERREIN: "LEI-05", "filter_gemeenten": ["Katwijk"]})
    assert at.session_state[KAART_TERREIN] is None
    assert any("Klik op een terrein" in i.value for i in at.info)


def test_markup_in_a_park_name_is_shown_as_text(store_pad):
    lagen = io.read_voorbeeld()
    t = lagen["terreinen"]
    extra = gpd.GeoDataFrame(
        pd.DataFrame(
            [
                {
                    "terrein_id": "XSS-1",
                    "naam": MARKUP,
                    "gemeente": "Leiden",
                    "bruto_ha": 5.0,
                    "netto_ha": 4.0,
                    "koers": "behouden",
                }
            ]
        ),
        geometry=[box(92_600, 463_000, 92_850, 463_200)],
        crs=schema.CRS_RD,
    )
    lagen["terreinen"] = schema.conform(
        pd.concat([t, schema.conform(extra, "terreinen")], ignore_index=True), "terreinen"
    )
    store.create_store(store_pad, lagen)
    at = run_page(**{KAART_TERREIN: "XSS-1"})
    assert at.subheader[0].value == escape_markdown(MARKUP)
    assert "\\<img" in at.subheader[0].value  # markdown shows the brackets literally
    script = kaart_args(at)["script"]
    assert "<img src=x" not in script
    assert getekend(at)["terreinen"] == len(t) + 1


def test_page_works_for_a_store_without_mutaties_or_kanszones(store_pad):
    lagen = io.read_voorbeeld()
    store.create_store(store_pad, {"terreinen": lagen["terreinen"]})
    at = run_page()
    n = getekend(at)
    assert n["terreinen"] == len(lagen["terreinen"])
    assert n["transformatie"] == n["aanwinst"] == n["kanszones"] == 0


def register_zonder_contour(store_pad: Path, contouren: int = 2) -> None:
    """A store of three parks from a register: the first ``contouren`` with a contour, the rest
    without (read from a table); a kanszone lies on the park without contour."""
    rijen = [
        ("R-1", "Alfa", "Leiden", 10.0, 8.0),
        ("R-2", "Beta", "Leiden", 5.0, 4.0),
        ("R-3", "Zeta <b>nieuw</b>", "Katwijk", 6.25, 5.5),
    ]
    t = pd.DataFrame(
        [
            {"terrein_id": i, "naam": n, "gemeente": g, "bruto_ha": b, "netto_ha": h, "koers": "behouden"}
            for i, n, g, b, h in rijen
        ]
    )
    vormen = [box(90_000 + i * 600, 463_000, 90_400 + i * 600, 463_400) if i < contouren else None for i in range(3)]
    zone = gpd.GeoDataFrame(
        pd.DataFrame([{"kanszone_id": "KZ-R3", "terrein_id": "R-3", "naam": "Zone"}]),
        geometry=[box(91_300, 463_100, 91_350, 463_150)],
        crs=schema.CRS_RD,
    )
    store.create_store(
        store_pad,
        {
            "terreinen": schema.conform(gpd.GeoDataFrame(t, geometry=vormen, crs=schema.CRS_RD), "terreinen"),
            "kanszones": schema.conform(zone, "kanszones"),
        },
    )


def test_park_without_contour_is_listed_under_the_map(store_pad):
    register_zonder_contour(store_pad)
    at = run_page()
    assert getekend(at)["terreinen"] == 2
    assert getekend(at)["kanszones"] == 1  # the zone has its own shape
    assert any("1 terrein zonder contour staat niet op de kaart" in c.value for c in at.caption)
    assert "Terreinen zonder contour" in [s.value for s in at.subheader]
    lijst = next(d.value for d in at.dataframe if "RIN-nummer" in d.value.columns)
    assert lijst.to_dict("records") == [
        {
            "Terrein": "Zeta <b>nieuw</b>",
            "Gemeente": "Katwijk",
            "RIN-nummer": "–",
            "Netto": "5,50 ha",
            "Bruto": "6,25 ha",
        }
    ]
    hint = next(i.value for i in at.info if "contour toevoegen" in i.value)
    assert "**Data**" in hint and "RIN-nummer" in hint and "naam" in hint


def test_selecting_a_park_without_contour_shows_its_details(store_pad):
    register_zonder_contour(store_pad)
    at = run_page(**{KAART_TERREIN: "R-3"})
    assert at.subheader[0].value == escape_markdown("Zeta <b>nieuw</b>")
    assert any("nog geen contour" in c.value for c in at.caption)
    assert not kaart_args(at).get("feature_group")  # nothing to outline


def test_a_register_without_any_contour_renders_and_lists_every_park(store_pad):
    register_zonder_contour(store_pad, contouren=0)
    at = run_page(kaart_lagen_kanszones=False)
    assert not at.main.get("component_instance")
    assert any("Er staat niets op de kaart" in i.value for i in at.info)
    lijst = next(d.value for d in at.dataframe if "RIN-nummer" in d.value.columns)
    assert list(lijst["Terrein"]) == ["Zeta <b>nieuw</b>", "Alfa", "Beta"]


def test_no_list_when_every_park_has_a_contour(store_pad):
    register_zonder_contour(store_pad, contouren=3)
    at = run_page()
    assert "Terreinen zonder contour" not in [s.value for s in at.subheader]
    assert not any("zonder contour" in c.value for c in at.caption)
