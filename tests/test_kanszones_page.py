"""The Kanszones page as a user meets it (AppTest): density table, kanszones, candidates on the
map, targets as sliders that change the potential at once, the headline in hectare-equivalents
with its share and the parks whose potential is unknown, names shown as text, and saving a
drawn kanszone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import mapping
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import kanszones as kz
from bedrijventerreinen import schema, store, toegang

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "kanszones.py")
MARKUP = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def lokale_modus(tmp_path, monkeypatch):
    """Lokale modus whatever the developer's machine holds: the access file does not exist."""
    monkeypatch.setenv(toegang.ENV_TOEGANG, str(tmp_path / "geen-toegang.toml"))


def run_page(at: AppTest | None = None) -> AppTest:
    if at is None:
        at = AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def tekst(markdown: str) -> str:
    """Markdown as read: the escapes of formatting.escape_markdown (``:color[\\:]`` wrappers and
    backslashes) removed."""
    return re.sub(r"\\(.)", r"\1", re.sub(r":color\[(\\?.)\]", r"\1", markdown))


def kaart_script(at: AppTest) -> dict:
    kaarten = list(at.main.get("component_instance"))
    assert len(kaarten) == 1
    return json.loads(kaarten[0].proto.json_args)


def getekend(at: AppTest, laag: str) -> int:
    return len(re.findall(rf'"laag": "{laag}"', kaart_script(at)["script"]))


def test_page_shows_density_kanszones_and_candidates(store_pad):
    at = run_page()
    assert at.title[0].value == "Kanszones en verdichting"
    assert any("Voorbeelddata" in w.value for w in at.warning)
    assert [s.value for s in at.subheader][:3] == [
        "Dichtheid per terrein",
        "Kanszones",
        "Kaart: kanszones en kandidaat-zones",
    ]
    # the footprints are sample data too, and the page says so
    assert any("synthetische voorbeeldpanden" in c.value for c in at.caption)
    tabel = at.dataframe[0].value
    assert {"Terrein", "Bebouwingsgraad", "FSI", "Potentie"} <= set(tabel.columns)
    assert (tabel["Bebouwingsgraad"].str.endswith("%")).sum() >= 20
    kanszones = at.dataframe[1].value
    assert set(kanszones["Kanszone"]) == {
        "De Waard kanszone",
        "'t Heen kanszone",
        "Baanderij kanszone",
        "Grote Polder kanszone",
    }
    # the map draws parks, kanszones and candidate zones, with the drawing tool from the app's static files
    assert getekend(at, "terreinen") > 20
    assert getekend(at, "kanszones") == 4
    assert getekend(at, "kandidaten") >= 5
    args = kaart_script(at)
    assert "/app/static/leaflet-draw-1.0.4/leaflet.draw.js" in args["js_links"]
    assert not any("cdn" in link for link in args["js_links"] + args["css_links"])
    assert args["returned_objects"] == ["all_drawings"]


def test_headline_is_in_hectare_equivalents_with_its_share_and_says_what_that_is(store_pad):
    at = run_page()
    assert re.fullmatch(r"[0-9.]+,[0-9]", metric(at, "Potentie terreinen (ha-eq.)"))
    # every potential tile explains what a hectare-equivalent is
    for m in at.metric:
        if "otentie" in m.label or m.label == "Kandidaat-zones":
            assert kz.HA_EQUIVALENT_UITLEG in m.proto.help, m.label
    zinnen = [tekst(c.value) for c in at.caption if "Potentie terreinen:" in tekst(c.value)]
    assert len(zinnen) == 1
    zin = zinnen[0]
    assert f"ha-equivalent ({kz.HA_EQUIVALENT_UITLEG}" in zin
    assert "van het netto oppervlak" in zin and "20–30 %" in zin
    # the shipped defaults keep the sample within 20-30 %: no warning about the share
    assert not any("ruimtewinst" in tekst(w.value) for w in at.warning)
    # every caption and explanation on the page that shows a potential in ha-eq. says what it is
    for c in at.caption:
        if "ha-eq" in c.value:
            assert kz.HA_EQUIVALENT_UITLEG in tekst(c.value), c.value
    uitleg = " ".join(tekst(m.value) for m in at.markdown)
    assert "Het zijn geen uitgeefbare hectares" in uitleg
    assert "binnen die 20–30 %" in uitleg


def test_a_park_without_panden_reads_unknown_and_leaves_the_headline(store_pad, beheerder):
    s = store.open_store(store_pad, gebruiker=beheerder)
    t = s.load_terreinen()
    park = t[t["koers"].isin(["behouden", "intensiveren"]).to_numpy() & t.geometry.notna().to_numpy()].iloc[0]
    at = run_page()
    voor = metric(at, "Potentie terreinen (ha-eq.)")
    p = s.load_panden()
    if p.empty:  # a sample store reads its panden from the shipped file
        from bedrijventerreinen import io

        p = io.read_laag_bestand(io.VOORBEELD_MAP / "panden.geojson", "panden")
    binnen = p.geometry.intersects(park.geometry).to_numpy()
    assert binnen.any()
    s.write({"panden": p[~binnen]})
    at = run_page()
    tabel = at.dataframe[0].value.set_index("Terrein")
    assert tabel.loc[park["naam"], "Potentie"] == "onbekend (geen panden)"
    assert tabel.loc[park["naam"], "Status potentie"] == "onbekend (geen panden)"
    assert tabel.loc[park["naam"], "Bebouwingsgraad"] == "–"
    assert metric(at, "Potentie terreinen (ha-eq.)") != voor
    zin = next(tekst(c.value) for c in at.caption if "Potentie terreinen:" in tekst(c.value))
    assert "Van 1 terrein is de potentie onbekend (1 zonder panden); dat telt niet mee." in zin


def test_sliders_change_the_potential_at_once(store_pad):
    at = run_page()
    voor = metric(at, "Potentie terreinen (ha-eq.)")
    kanszones_voor = metric(at, "Potentie kanszones (ha-eq.)")
    at.select_slider(key="kz_doel_fsi_gemengd").set_value(2.0)
    run_page(at)
    na = metric(at, "Potentie terreinen (ha-eq.)")
    assert na != voor
    assert float(na.split()[0].replace(".", "").replace(",", ".")) > float(
        voor.split()[0].replace(".", "").replace(",", ".")
    )
    assert metric(at, "Potentie kanszones (ha-eq.)") != kanszones_voor
    # a stricter threshold finds fewer candidate zones
    kandidaten = int(metric(at, "Kandidaat-zones"))
    at.select_slider(key="kz_drempel_bg").set_value(0.05)
    at.select_slider(key="kz_oud_jaar").set_value(1950)
    run_page(at)
    assert int(metric(at, "Kandidaat-zones")) < kandidaten


def test_sliders_speak_dutch_and_take_their_range_from_the_settings(store_pad):
    """A slider shows "0,9" and "25 %", never "0.9"; its range is the setting's record."""
    at = run_page()
    fsi = at.select_slider(key="kz_doel_fsi_gemengd")
    assert fsi.options[0] == "0,2" and fsi.options[-1] == "3,0" and "0,8" in fsi.options
    drempel = at.select_slider(key="kz_drempel_bg")
    assert drempel.options[0] == "5 %" and drempel.options[-1] == "60 %"
    assert not any("." in o for o in [*fsi.options, *drempel.options])
    assert at.select_slider(key="kz_minimum_ha").options[1] == "0,50 ha"


def test_candidates_can_be_switched_off(store_pad):
    at = run_page()
    at.toggle(key="kz_kandidaten_tonen").set_value(False)
    run_page(at)
    assert getekend(at, "kandidaten") == 0
    assert getekend(at, "kanszones") == 4


def test_names_with_markup_are_shown_as_text(store_pad, beheerder):
    s = store.open_store(store_pad, gebruiker=beheerder)
    k = s.load_kanszones()
    k.loc[0, "naam"] = MARKUP
    s.write({"kanszones": k})
    at = run_page()
    script = kaart_script(at)["script"]
    assert MARKUP not in script and "\\u003cimg" not in script
    # escaped once for HTML (then JSON-encoded by folium: & becomes \u0026)
    assert "&lt;img src=x onerror=alert(1)&gt;" in script or "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in script
    assert MARKUP in set(at.dataframe[1].value["Kanszone"])  # a dataframe cell is text, never markup


def test_a_drawn_kanszone_is_saved_to_the_store(store_pad):
    s = store.open_store(store_pad)
    waard = s.load_terreinen().set_index("terrein_id").geometry["LEI-02"]
    vorm = gpd.GeoSeries([shapely.affinity.scale(waard, 0.3, 0.3, origin=waard.centroid)], crs=schema.CRS_RD)
    tekening = {"type": "Feature", "properties": {}, "geometry": mapping(vorm.to_crs(schema.CRS_WEB).iloc[0])}
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["kz_kaart_0"] = {"all_drawings": [tekening]}
    run_page(at)
    assert any("De Waard" in m.value for m in at.markdown)
    next(t for t in at.text_input if t.label == "Naam van de kanszone").input("Waard-noord")
    next(b for b in at.button if b.label == "Kanszone opslaan").click()
    run_page(at)
    assert any("is opgeslagen" in m.value and "noord" in m.value for m in at.success)
    nieuw = s.load_kanszones().set_index("naam").loc["Waard-noord"]
    assert nieuw["terrein_id"] == "LEI-02"
    # computed from the panden in the zone (0 where it is already denser than the targets), never unknown
    assert nieuw["potentie_m2_bvo"] >= 0
    assert "Potentie berekend" in nieuw["toelichting"] and "binnen het bestemmingsplan" in nieuw["toelichting"]
    assert "Kanszone" in [c for c in at.dataframe[1].value.columns]
    assert "Waard-noord" in set(at.dataframe[1].value["Kanszone"])


def test_a_drawing_outside_every_park_gets_a_dutch_message(store_pad):
    vorm = gpd.GeoSeries([shapely.geometry.box(50_000, 400_000, 50_200, 400_200)], crs=schema.CRS_RD)
    tekening = {"type": "Feature", "properties": {}, "geometry": mapping(vorm.to_crs(schema.CRS_WEB).iloc[0])}
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["kz_kaart_0"] = {"all_drawings": [tekening]}
    at.run()
    assert not at.exception
    assert any("ligt niet in een bedrijventerrein" in e.value for e in at.error)
