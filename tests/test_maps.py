"""The map builders: escaping, legend, simplification, layer filter, click handler, offline
assets, payload and the report image."""

from __future__ import annotations

import html
import io
import math
import re
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, box

from bedrijventerreinen import dekking, maps, schema, strategy, toetsing
from bedrijventerreinen import io as bio

ROOT = Path(__file__).resolve().parent.parent
MARKUP = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(2)</script>"


@pytest.fixture(scope="module")
def voorbeeld() -> dict[str, pd.DataFrame]:
    return bio.read_voorbeeld()


@pytest.fixture(scope="module")
def strat() -> strategy.Strategie:
    return strategy.load_strategie()


def _terreinen(rijen: list[dict]) -> gpd.GeoDataFrame:
    basis = {
        "bruto_ha": 10.0,
        "netto_ha": 8.0,
        "koers": "behouden",
        "gemeente": "Leiden",
    }
    df = pd.DataFrame([{**basis, **r} for r in rijen])
    geoms = (
        df.pop("geometry")
        if "geometry" in df
        else [box(93_000 + 500 * i, 464_000, 93_300 + 500 * i, 464_300) for i in range(len(df))]
    )
    return schema.conform(gpd.GeoDataFrame(df, geometry=list(geoms), crs=schema.CRS_RD), "terreinen")


def _mutaties(rijen: list[dict]) -> gpd.GeoDataFrame:
    basis = {"gemeente": "Leiden", "ha": 1.0, "planstatus": "hard", "jaar": 2025, "terrein_id": "T1"}
    vlak = box(93_000, 464_000, 93_100, 464_100)
    geoms = [r.get("geometry", vlak) for r in rijen]
    df = pd.DataFrame([{**basis, **{k: v for k, v in r.items() if k != "geometry"}} for r in rijen])
    return schema.conform(gpd.GeoDataFrame(df, geometry=geoms, crs=schema.CRS_RD), "mutaties")


def _kanszones(rijen: list[dict]) -> gpd.GeoDataFrame:
    df = pd.DataFrame(rijen)
    geoms = [box(93_050, 464_050, 93_150, 464_150)] * len(df)
    return schema.conform(gpd.GeoDataFrame(df, geometry=geoms, crs=schema.CRS_RD), "kanszones")


def _alle_eigenschappen(kd: maps.Kaartdata) -> list[dict]:
    return [f["properties"] for fc in kd.lagen.values() for f in fc["features"]]


# -- escaping ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def markup_register():
    terreinen = _terreinen(
        [
            {"terrein_id": "T1", "naam": MARKUP, "gemeente": "<b>Leiden</b>", "bron": SCRIPT},
            {"terrein_id": "T<2>", "naam": 'Park "aan" het & water', "gemeente": "<b>Leiden</b>"},
        ]
    )
    mutaties = _mutaties(
        [
            {
                "mutatie_id": "M1",
                "soort": "transformatie",
                "naam": MARKUP,
                "gemeente": "<b>Leiden</b>",
                "toelichting": SCRIPT,
            },
            {
                "mutatie_id": "M2",
                "soort": "compensatie",
                "naam": "C",
                "gemeente": "<b>Leiden</b>",
                "toelichting": MARKUP,
            },
        ]
    )
    kanszones = _kanszones(
        [{"kanszone_id": "K1", "terrein_id": "T1", "naam": MARKUP, "maatregel": "<u>hoger</u>", "toelichting": SCRIPT}]
    )
    koppelingen = pd.DataFrame({"transformatie_id": ["M1"], "compensatie_id": ["M2"], "ha": [0.5]})
    return terreinen, mutaties, kanszones, koppelingen


def test_every_text_value_reaches_the_map_escaped(markup_register, strat):
    terreinen, mutaties, kanszones, koppelingen = markup_register
    dek = dekking.compute_compensatiedekking(mutaties, koppelingen, strat, "idee")
    kd = maps.build_kaartdata(terreinen, mutaties, kanszones, dekking=dek, strategie=strat)
    props = _alle_eigenschappen(kd)
    assert len(props) == 5
    for p in props:
        for waarde in p.values():
            # nothing a browser would parse as a tag or an entity-less ampersand
            assert "<" not in waarde and ">" not in waarde and '"' not in waarde
    park = next(p for p in props if p["laag"] == "terreinen" and p["id"] == "T1")
    assert park["naam"] == html.escape(MARKUP)
    assert park["gemeente"] == "&lt;b&gt;Leiden&lt;/b&gt;"
    assert park["bron"] == html.escape(SCRIPT)
    trans = next(p for p in props if p["laag"] == "transformatie")
    assert trans["toelichting"] == html.escape(SCRIPT)
    zone = next(p for p in props if p["laag"] == "kanszones")
    assert zone["maatregel"] == "&lt;u&gt;hoger&lt;/u&gt;"
    assert zone["terrein"] == html.escape(MARKUP)
    # and the text comes back exactly as typed when the browser decodes the entities
    assert html.unescape(park["naam"]) == MARKUP


def test_rendered_map_contains_no_user_markup(markup_register, strat):
    terreinen, mutaties, kanszones, koppelingen = markup_register
    dek = dekking.compute_compensatiedekking(mutaties, koppelingen, strat, "idee")
    m = maps.build_map(terreinen, mutaties, kanszones, dekking=dek, strategie=strat, basiskaart="geen")
    pagina = m.get_root().render()
    assert "<img src=x" not in pagina
    assert "<b>Leiden" not in pagina
    assert "<script>alert(2)" not in pagina
    assert "alert(2)</script>" not in pagina
    # the escaped name is there (JSON-encoded inside the script), so the park is not dropped
    assert "lt;img src=x onerror=alert(1)" in pagina


def test_click_keys_round_trip_through_escaping(markup_register):
    terreinen, *_ = markup_register
    kd = maps.build_kaartdata(terreinen)
    feature = next(f for f in kd.lagen["terreinen"]["features"] if f["properties"]["id"] == "T&lt;2&gt;")
    klik = maps.parse_kaartklik({"last_active_drawing": feature, "last_object_clicked": {"lat": 52, "lng": 4}})
    assert klik == maps.Kaartklik("terreinen", "T<2>", "T<2>")


# -- legend -----------------------------------------------------------------------------------


def test_legend_has_every_category_with_the_colour_the_map_uses():
    posten = maps.legenda()
    per_code = {p.code: p for p in posten}
    for c in schema.KOERSEN:
        assert per_code[c.code].stijl.kleur == c.kleur
        assert per_code[c.code].label == c.label
    for s in maps.KAART_SOORTEN:
        assert per_code[s].stijl.kleur == next(c.kleur for c in schema.SOORTEN if c.code == s)
    assert maps.KANSZONE.code in per_code
    assert maps.ONBEKENDE_KOERS.code not in per_code
    assert maps.ONBEKENDE_KOERS.code in {p.code for p in maps.legenda(onbekende_koers=True)}


def test_every_drawn_style_appears_in_the_legend_html(voorbeeld, strat):
    # one park of every koers, one mutatie of every drawn soort, one kanszone
    koersen = [*schema.codes(schema.KOERSEN), "iets anders"]
    terreinen = _terreinen([{"terrein_id": f"T{i}", "naam": k, "koers": k} for i, k in enumerate(koersen)])
    mutaties = _mutaties([{"mutatie_id": f"M{i}", "soort": s, "naam": s} for i, s in enumerate(maps.KAART_SOORTEN)])
    kanszones = _kanszones([{"kanszone_id": "K1", "terrein_id": "T0", "naam": "z"}])
    kd = maps.build_kaartdata(terreinen, mutaties, kanszones)
    assert kd.onbekende_koers
    m = maps.build_map_from_kaartdata(kd, basiskaart="geen")
    pagina = m.get_root().render()
    legenda = maps.legenda_html(maps.legenda(kd.onbekende_koers))
    # every outline and fill colour the map draws is a swatch colour of the legend
    lijnen = set(re.findall(r'"color": "(#[0-9a-fA-F]{6})"', pagina))
    vullingen = set(re.findall(r'"fillColor": "(#[0-9a-fA-F]{6})"', pagina))
    assert len(vullingen) == len(schema.KOERSEN) + 1 + len(maps.KAART_SOORTEN) + 1  # + unknown koers, kanszone
    assert lijnen <= set(re.findall(r'stroke="(#[0-9a-fA-F]{6})"', legenda))
    swatch_vulling = set(re.findall(r'<rect x="2" y="2" width="30" height="18" fill="(#[0-9a-fA-F]{6})"', legenda))
    gearceerd = {p.stijl.kleur for p in maps.legenda(True) if p.stijl.arcering}
    assert vullingen - {maps.KANSZONE.kleur} <= swatch_vulling | gearceerd
    for p in maps.legenda(True):
        assert f"<span>{html.escape(p.label)}</span>" in legenda
    # the legend is on the map, in Dutch
    assert "Legenda" in pagina and "Koers van het terrein" in pagina


def test_transformations_are_hatched_on_map_and_in_legend():
    stijl = maps.stijl_mutatie("transformatie")
    assert stijl.arcering and stijl.streep
    assert not maps.stijl_mutatie("compensatie").arcering
    terreinen = _terreinen([{"terrein_id": "T1", "naam": "a"}])
    mutaties = _mutaties([{"mutatie_id": "M1", "soort": "transformatie", "naam": "t"}])
    pagina = maps.build_map(terreinen, mutaties, basiskaart="geen").get_root().render()
    patroon = re.search(r'<pattern id="(kaart-arcering-[0-9a-f]+)"', pagina)
    assert patroon, "hatch pattern missing"
    assert f"fill: url(#{patroon.group(1)})" in pagina
    assert patroon.group(1) in maps.legenda_html(maps.legenda())


# -- simplification ---------------------------------------------------------------------------


def _ster(n: int, straal: float, ruis: list[float], x: float = 93_000, y: float = 464_000) -> Polygon:
    hoeken = np.linspace(0, 2 * math.pi, n, endpoint=False)
    r = straal * (1 + 0.15 * np.array(ruis[:n] + [0.0] * (n - len(ruis[:n]))))
    return Polygon(np.column_stack([x + r * np.cos(hoeken), y + r * np.sin(hoeken)]))


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(min_value=8, max_value=400),
    straal=st.floats(min_value=57.0, max_value=1500.0),  # 57 m radius ≈ 1 ha, the strategy's lower bound
    ruis=st.lists(st.floats(min_value=-1.0, max_value=1.0), min_size=8, max_size=400),
    tolerantie=st.sampled_from([0.5, 2.0, 5.0, 20.0]),
)
def test_simplification_keeps_every_park_valid_and_within_one_percent(n, straal, ruis, tolerantie):
    park = _ster(n, straal, ruis)
    gdf = gpd.GeoDataFrame({"naam": ["p"]}, geometry=[park], crs=schema.CRS_RD)
    uit = maps.simplify_for_display(gdf, tolerantie)
    assert uit.crs == schema.CRS_WEB
    terug = uit.to_crs(schema.CRS_RD).geometry.iloc[0]
    assert terug.is_valid and not terug.is_empty
    assert abs(terug.area - park.area) / park.area <= 0.01


def test_simplification_drops_vertices_of_a_dense_contour():
    cirkel = shapely.Point(93_000, 464_000).buffer(200, quad_segs=256)  # 1,024 vertices
    gdf = gpd.GeoDataFrame({"naam": ["p"]}, geometry=[cirkel], crs=schema.CRS_RD)
    uit = maps.simplify_for_display(gdf, 2.0)
    assert shapely.get_num_coordinates(uit.geometry.iloc[0]) < 200


def test_simplification_leaves_the_callers_data_alone():
    cirkel = shapely.Point(93_000, 464_000).buffer(200, quad_segs=256)
    gdf = gpd.GeoDataFrame({"naam": ["p"]}, geometry=[cirkel], crs=schema.CRS_RD)
    maps.simplify_for_display(gdf, 5.0)
    assert gdf.crs == schema.CRS_RD
    assert shapely.get_num_coordinates(gdf.geometry.iloc[0]) == shapely.get_num_coordinates(cirkel)


def test_simplification_repairs_invalid_input_and_drops_missing_geometry():
    strik = Polygon([(0, 0), (100, 100), (100, 0), (0, 100)])  # bow tie: self-intersecting
    gdf = gpd.GeoDataFrame(
        {"naam": ["strik", "leeg"]},
        geometry=[shapely.affinity.translate(strik, 93_000, 464_000), None],
        crs=schema.CRS_RD,
    )
    uit = maps.simplify_for_display(gdf)
    assert list(uit["naam"]) == ["strik"]
    assert uit.geometry.iloc[0].is_valid


def test_coordinates_sent_to_the_browser_are_rounded(voorbeeld):
    kd = maps.build_kaartdata(voorbeeld["terreinen"])
    ring = kd.lagen["terreinen"]["features"][0]["geometry"]["coordinates"][0]
    for x, y in ring:
        assert len(repr(x).split(".")[1]) <= maps.DECIMALEN
        assert len(repr(y).split(".")[1]) <= maps.DECIMALEN
        assert 4.0 < x < 5.0 and 51.5 < y < 52.5  # lon/lat of the Leiden region


def test_only_tooltip_and_popup_fields_are_sent(voorbeeld):
    kd = maps.build_kaartdata(voorbeeld["terreinen"], voorbeeld["mutaties"], voorbeeld["kanszones"])
    for laag, fc in kd.lagen.items():
        toegestaan = (
            {"laag", "id", "terrein_id", "stijl"} | set(maps.TOOLTIP_VELDEN[laag]) | set(maps.POPUP_VELDEN[laag])
        )
        for f in fc["features"]:
            assert set(f["properties"]) <= toegestaan
            assert "uitgegeven_ha" not in f["properties"] and "versie" not in f["properties"]


# -- layer filter -----------------------------------------------------------------------------


def test_layer_filter_follows_gemeenten_planstatus_and_period(voorbeeld, strat):
    t, m, k = voorbeeld["terreinen"], voorbeeld["mutaties"], voorbeeld["kanszones"]
    obj = maps.select_kaartobjecten(t, m, k, gemeenten=["Leiden"], planstatus_vanaf="hard", strategie=strat)
    assert set(obj["terreinen"]["gemeente"]) == {"Leiden"}
    assert len(obj["terreinen"]) == int((t["gemeente"] == "Leiden").sum())
    assert set(obj["transformatie"]["gemeente"]) == {"Leiden"}
    # zacht and idee transformations in Leiden (Rooseveltstraat-West, Lammenschans, Merenwijk) are not counted under "hard"
    assert set(obj["transformatie"]["planstatus"]) <= {"gerealiseerd", "hard"}
    assert {"T-07", "T-08", "T-11"}.isdisjoint(obj["transformatie"]["mutatie_id"])
    assert set(obj["aanwinst"]["soort"]) <= {"compensatie", "uitbreiding", "intensivering"}
    # kanszones follow their park: only De Waard's zone lies in Leiden
    assert list(obj["kanszones"]["kanszone_id"]) == ["KZ-01"]

    alles = maps.select_kaartobjecten(t, m, k, planstatus_vanaf="idee", strategie=strat)
    assert len(alles["terreinen"]) == len(t)
    assert {"T-07", "T-08", "T-11"} <= set(alles["transformatie"]["mutatie_id"])
    assert len(alles["kanszones"]) == len(k)


def test_layer_filter_leaves_out_switched_off_layers_uitgifte_and_shapeless_mutaties(strat):
    terreinen = _terreinen([{"terrein_id": "T1", "naam": "a"}])
    mutaties = _mutaties(
        [
            {"mutatie_id": "M1", "soort": "uitgifte", "naam": "kavel"},
            {"mutatie_id": "M2", "soort": "compensatie", "naam": "c", "geometry": None},
            {"mutatie_id": "M3", "soort": "compensatie", "naam": "c", "jaar": 2035},
            {"mutatie_id": "M4", "soort": "uitbreiding", "naam": "u", "jaar": 2030},
        ]
    )
    obj = maps.select_kaartobjecten(terreinen, mutaties, lagen=["terreinen", "aanwinst"], strategie=strat)
    assert set(obj) == {"terreinen", "aanwinst"}
    # uitgifte is not drawn, M2 has no shape, M3 lies after the horizon 2030
    assert list(obj["aanwinst"]["mutatie_id"]) == ["M4"]
    kd = maps.build_kaartdata(terreinen, mutaties, lagen=["aanwinst"])
    assert set(kd.lagen) == {"aanwinst"}


def test_map_fits_to_the_selected_gemeente(voorbeeld):
    t = voorbeeld["terreinen"]
    regio = maps.build_kaartdata(t)
    katwijk = maps.build_kaartdata(t, gemeenten=["Katwijk"])
    (s, w), (n, e) = katwijk.bounds
    (rs, rw), (rn, re_) = regio.bounds
    assert rs <= s < n <= rn and rw <= w < e <= re_
    assert (n - s) * (e - w) < 0.5 * (rn - rs) * (re_ - rw)
    assert maps.build_kaartdata(t, gemeenten=["Nergenshuizen"]).bounds is None


# -- click handler ----------------------------------------------------------------------------


def _feature(laag: str, id_: str, terrein_id: str = "") -> dict:
    return {
        "type": "Feature",
        "properties": {"laag": laag, "id": id_, "terrein_id": terrein_id, "naam": "x"},
        "geometry": {"type": "Polygon", "coordinates": [[[4.4, 52.1], [4.5, 52.1], [4.5, 52.2], [4.4, 52.1]]]},
    }


@pytest.mark.parametrize(
    "uitvoer",
    [
        None,
        {},
        {"last_active_drawing": None, "last_object_clicked": None},  # st_folium's default before any click
        {"last_active_drawing": {"type": "Feature", "geometry": None}},  # no properties
        {"last_active_drawing": _feature("onbekend", "X")},  # a shape that is not ours
        {"last_active_drawing": _feature("terreinen", "")},
        "geen dict",
    ],
)
def test_click_handler_ignores_everything_but_a_clicked_object(uitvoer):
    assert maps.parse_kaartklik(uitvoer) is None


def test_click_on_a_park_a_mutatie_or_a_kanszone_selects_its_park():
    assert maps.parse_kaartklik({"last_active_drawing": _feature("terreinen", "LEI-07", "LEI-07")}) == maps.Kaartklik(
        "terreinen", "LEI-07", "LEI-07"
    )
    klik = maps.parse_kaartklik({"last_active_drawing": _feature("transformatie", "T-04", "LEI-07")})
    assert klik.terrein_id == "LEI-07" and klik.object_id == "T-04"
    assert (
        maps.parse_kaartklik({"last_active_drawing": _feature("kanszones", "KZ-01", "LEI-02")}).terrein_id == "LEI-02"
    )
    # a mutatie that lies on no park selects no park
    assert maps.parse_kaartklik({"last_active_drawing": _feature("aanwinst", "U-99", "")}).terrein_id is None


def test_click_on_a_real_feature_of_the_map(voorbeeld):
    kd = maps.build_kaartdata(voorbeeld["terreinen"], voorbeeld["mutaties"], voorbeeld["kanszones"])
    f = next(f for f in kd.lagen["transformatie"]["features"] if f["properties"]["id"] == "T-04")
    assert maps.parse_kaartklik({"last_active_drawing": f}) == maps.Kaartklik("transformatie", "T-04", "LEI-07")


# -- details panel ----------------------------------------------------------------------------


def test_details_of_a_park_show_its_hectares_mutaties_and_findings(voorbeeld, strat):
    t, m, k = voorbeeld["terreinen"], voorbeeld["mutaties"], voorbeeld["koppelingen"]
    bevindingen = toetsing.bevindingen_frame(toetsing.check_strategie(t, m, k, strat))
    dek = dekking.compute_compensatiedekking(m, k, strat, "hard")
    d = maps.describe_terrein("LEI-05", t, m, dek, strat, "hard", bevindingen)
    assert d.naam == "Rooseveltstraat (Cronesteijn)" and d.gemeente == "Leiden" and d.koers == "Transformeren"
    assert dict(d.kerncijfers)["Bruto"].endswith(" ha") and "," in dict(d.kerncijfers)["Bruto"]
    rijen = d.mutaties.set_index("Mutatie")
    assert rijen.loc["Rooseveltstraat-Trekvliet", "Telt mee"] == "ja"
    assert rijen.loc["Rooseveltstraat-West", "Telt mee"] == "nee"  # zacht, not counted under "hard"
    assert rijen.loc["Rooseveltstraat-Trekvliet", "Gecompenseerd"].startswith("0,8 ha van 0,8 ha (100 %)")
    assert "in een andere gemeente" in rijen.loc["Rooseveltstraat-Trekvliet", "Gecompenseerd"]
    assert list(d.mutaties["Jaar"]) == sorted(d.mutaties["Jaar"])
    # the finding about this park's mutatie (compensated in Katwijk), none about other parks
    assert list(d.bevindingen["Ernst"]) == ["Info"]
    assert "Rooseveltstraat-Trekvliet" in d.bevindingen["Bevinding"].iloc[0]
    klein = t.assign(bruto_ha=t["bruto_ha"].where(t["terrein_id"] != "LEI-15", 0.8))  # no sample park is under 1 ha
    bevindingen = toetsing.bevindingen_frame(toetsing.check_strategie(klein, m, k, strat))
    m01 = maps.describe_terrein("LEI-15", klein, m, dek, strat, "hard", bevindingen)
    assert list(m01.bevindingen["Ernst"]) == ["Info"] and m01.mutaties.empty
    assert maps.describe_terrein("BESTAAT-NIET", t, m, dek, strat, "hard", bevindingen) is None


# -- background, offline assets, payload ------------------------------------------------------


def test_background_choices_and_no_tiles_without_background(voorbeeld):
    assert [b.code for b in maps.basiskaarten("")] == ["licht", "geen"]
    assert [b.code for b in maps.basiskaarten("https://tegels.example/{z}/{x}/{y}.png")] == [
        "licht",
        "luchtfoto",
        "geen",
    ]
    zonder = maps.build_map(voorbeeld["terreinen"], basiskaart="geen").get_root().render()
    assert "L.tileLayer" not in zonder
    met = maps.build_map(voorbeeld["terreinen"], basiskaart="licht").get_root().render()
    assert "L.tileLayer" in met and "basemaps.cartocdn.com" in met


def _scripts_en_stijlen(m: folium.Map) -> tuple[list[str], list[str]]:
    """The script and stylesheet URLs the map loads, collected the way streamlit-folium does
    (``default_js``/``default_css`` of every element) plus those in the standalone HTML."""
    js, css = [], []

    def loop(el):
        js.extend(u for _, u in getattr(el, "default_js", []))
        css.extend(u for _, u in getattr(el, "default_css", []))
        for kind in getattr(el, "_children", {}).values():
            loop(kind)

    loop(m)
    pagina = m.get_root().render()
    js += re.findall(r'<script[^>]+src="([^"]+)"', pagina)
    css += re.findall(r'<link[^>]+href="([^"]+)"', pagina)
    return js, css


def test_map_loads_leaflet_from_the_app_and_nothing_from_the_internet(voorbeeld):
    m = maps.build_map(voorbeeld["terreinen"], voorbeeld["mutaties"], voorbeeld["kanszones"], basiskaart="geen")
    js, css = _scripts_en_stijlen(m)
    assert js and css
    for url in js + css:
        assert url.startswith("/app/static/"), url
        assert (ROOT / "static" / url.removeprefix("/app/static/")).is_file(), url
    assert (ROOT / "static" / maps.LEAFLET_MAP / "LICENSE").is_file()
    assert "/app/static/leaflet-1.9.4/leaflet.js" in js
    # images the stylesheet refers to (the layer switch icon) are shipped as well
    stijl = (ROOT / "static" / maps.LEAFLET_CSS).read_text()
    for plaatje in {"images/layers.png", "images/layers-2x.png"}:
        assert plaatje in stijl and (ROOT / "static" / maps.LEAFLET_MAP / plaatje).is_file()


def test_asset_prefix_follows_the_server_base_path(voorbeeld):
    m = maps.build_map(voorbeeld["terreinen"], basiskaart="geen", asset_base="/monitor/app/static/")
    js, css = _scripts_en_stijlen(m)
    assert all(u.startswith("/monitor/app/static/leaflet-1.9.4/") for u in js + css)


def test_region_map_stays_under_one_megabyte(voorbeeld, strat):
    m = maps.build_map(
        voorbeeld["terreinen"],
        voorbeeld["mutaties"],
        voorbeeld["kanszones"],
        dekking=dekking.compute_compensatiedekking(voorbeeld["mutaties"], voorbeeld["koppelingen"], strat, "idee"),
        strategie=strat,
        planstatus_vanaf="idee",
        basiskaart="licht",
    )
    assert maps.measure_payload(m) < 1_000_000


def test_selection_outline_only_for_a_drawn_park(voorbeeld):
    kd = maps.build_kaartdata(voorbeeld["terreinen"], gemeenten=["Leiden"])
    groep = maps.build_selectielaag(kd, "LEI-07")
    assert isinstance(groep, folium.FeatureGroup)
    assert maps.build_selectielaag(kd, "KAT-01") is None  # Katwijk is not on this map
    assert maps.build_selectielaag(kd, None) is None


# -- report image -----------------------------------------------------------------------------


def test_report_image_is_a_png_of_reasonable_size(voorbeeld, strat):
    import matplotlib.image

    png = maps.render_map_png(
        voorbeeld["terreinen"],
        voorbeeld["mutaties"],
        voorbeeld["kanszones"],
        strategie=strat,
        planstatus_vanaf="hard",
        titel="Bedrijventerreinen regio 071",
    )
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert 20_000 < len(png) < 3_000_000
    beeld = matplotlib.image.imread(io.BytesIO(png), format="png")
    assert beeld.shape[:2] == (1050, 1500)
    # the parks are drawn in their koers colours (not a blank image)
    rgb = (beeld[..., :3] * 255).round().astype(int).reshape(-1, 3)
    assert (rgb != 255).any(axis=1).mean() > 0.02
    for koers in ("behouden", "intensiveren", "nieuw"):
        stijl = maps.stijl_terrein(koers)
        kleur = np.array([int(stijl.kleur[i : i + 2], 16) for i in (1, 3, 5)])
        op_wit = stijl.vulling * kleur + (1 - stijl.vulling) * 255  # fill drawn with its opacity on white
        assert (np.abs(rgb - op_wit).sum(axis=1) < 12).sum() > 500, koers


@pytest.mark.parametrize("gemeenten", [None, ["Oegstgeest"], ["Leiden", "Katwijk"]], ids=["regio", "smal", "twee"])
def test_report_image_keeps_the_legend_inside_the_handout_map(voorbeeld, strat, gemeenten):
    """At the handout's size nothing touches the image's edges: a clipped legend word would."""
    import matplotlib.image

    from bedrijventerreinen import handout

    png = maps.render_map_png(
        voorbeeld["terreinen"],
        voorbeeld["mutaties"],
        voorbeeld["kanszones"],
        strategie=strat,
        gemeenten=gemeenten,
        planstatus_vanaf="hard",
        breedte_inch=handout.KAART_INCH[0],
        hoogte_inch=handout.KAART_INCH[1],
        dpi=200,
    )
    rgb = matplotlib.image.imread(io.BytesIO(png), format="png")[..., :3]
    for rand, pixels in {"rechts": rgb[:, -2:], "links": rgb[:, :2], "boven": rgb[:2], "onder": rgb[-2:]}.items():
        assert (pixels > 0.98).all(), f"er is getekend tot de {rand}rand (afgesneden legenda of kaart)"


def test_report_image_of_an_empty_selection_still_renders(voorbeeld):
    png = maps.render_map_png(voorbeeld["terreinen"], gemeenten=["Nergenshuizen"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_no_streamlit_in_the_map_modules():
    bronnen = sorted((ROOT / "bedrijventerreinen" / "maps").glob("*.py"))
    assert len(bronnen) > 5
    for pad in bronnen:
        bron = pad.read_text()
        assert "import streamlit" not in bron and "from streamlit" not in bron, pad.name


def test_map_modules_stay_small():
    for pad in sorted((ROOT / "bedrijventerreinen" / "maps").glob("*.py")):
        assert len(pad.read_text().splitlines()) <= 450, pad.name


def test_importing_the_map_leaves_branca_untouched():
    """No global patch of a library: after importing the map modules (and building and
    rendering a map), branca still compiles its templates with jinja2's own Template."""
    import subprocess
    import sys

    code = (
        "import branca.element as b, jinja2, folium\n"
        "voor = b.Template, b.Element.render, b.MacroElement.render, b.Figure.render\n"
        "from bedrijventerreinen import maps\n"
        "from bedrijventerreinen.maps import element, folium_kaart, kaartdata, klik, laag, png, selectie, stijl\n"
        "from bedrijventerreinen import io\n"
        "maps.build_map(io.read_voorbeeld()['terreinen'], basiskaart='geen').get_root().render()\n"
        "assert b.Template is jinja2.Template, b.Template\n"
        "assert (b.Template, b.Element.render, b.MacroElement.render, b.Figure.render) == voor\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert uit.returncode == 0, uit.stderr


def test_branca_renders_our_text_elements_as_they_are():
    """The contract :mod:`bedrijventerreinen.maps.element` relies on: a figure renders its script
    children by calling their ``render()``, and MacroElement scripts come from the ``script``
    macro. If a branca upgrade changes this, the layers would vanish from the map: fail here."""
    import branca.element
    from jinja2 import Template

    from bedrijventerreinen.maps.element import Tekst, TekstElement

    class Proef(TekstElement):
        _template = Template("{% macro script(this, kwargs) %}var proef = {{ this.inhoud }};{% endmacro %}")

        def __init__(self) -> None:
            super().__init__()
            self.inhoud = '"{{ geen template }}"'

    figuur = branca.element.Figure()
    Proef().add_to(figuur)
    pagina = figuur.render()
    assert pagina.count('var proef = "{{ geen template }}";') == 1  # literal: never compiled
    assert Tekst("{% raw %}").render() == "{% raw %}"


def test_layer_script_reaches_the_browser_once_in_both_render_paths(voorbeeld, strat):
    """Each drawn layer is one GeoJSON layer whose data appears once in the standalone HTML and
    once in what streamlit-folium sends (it calls the script macros itself)."""
    from streamlit_folium import _get_map_string

    kd = maps.build_kaartdata(
        voorbeeld["terreinen"], voorbeeld["mutaties"], voorbeeld["kanszones"], strategie=strat, planstatus_vanaf="idee"
    )
    pagina = maps.build_map_from_kaartdata(kd, basiskaart="geen").get_root().render()
    m = maps.build_map_from_kaartdata(kd, basiskaart="geen")
    m.get_root().render()
    m.render()
    script = _get_map_string(m)
    for tekst in (pagina, script):
        for laag, n in kd.aantallen.items():
            assert len(re.findall(rf'"laag": "{laag}"', tekst)) == n, laag
        assert tekst.count("L.geoJson(") == sum(1 for n in kd.aantallen.values() if n)
        assert "{{" not in tekst and "{%" not in tekst


# -- parks without contour ----------------------------------------------------------------------


@pytest.fixture
def zonder_contour() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Three parks: T1 with a contour, T2 without (from a register table), T3 with an empty one;
    a transformation and a kanszone on T2."""
    terreinen = _terreinen(
        [
            {"terrein_id": "T1", "naam": "Met contour", "rin_nummer": "1"},
            {"terrein_id": "T2", "naam": "Zonder contour", "gemeente": "Katwijk", "rin_nummer": "2"},
            {"terrein_id": "T3", "naam": "Lege contour", "bruto_ha": 4.0, "netto_ha": 3.0},
        ]
    )
    terreinen.loc[terreinen["terrein_id"] == "T2", "geometry"] = None
    terreinen.loc[terreinen["terrein_id"] == "T3", "geometry"] = Polygon()
    mutaties = _mutaties([{"mutatie_id": "M1", "soort": "transformatie", "naam": "t", "terrein_id": "T2"}])
    kanszones = _kanszones([{"kanszone_id": "K1", "terrein_id": "T2", "naam": "zone"}])
    return terreinen, mutaties, kanszones


def test_parks_without_contour_are_listed_not_drawn(zonder_contour, strat):
    terreinen, mutaties, kanszones = zonder_contour
    lijst = maps.select_zonder_contour(terreinen)
    assert list(lijst.columns) == ["terrein_id", "naam", "gemeente", "rin_nummer", "bruto_ha", "netto_ha"]
    # ordered by gemeente, then name
    assert list(lijst["terrein_id"]) == ["T2", "T3"]
    assert lijst.set_index("terrein_id").loc["T3", "netto_ha"] == 3.0
    assert list(maps.select_zonder_contour(terreinen, ["Leiden"])["terrein_id"]) == ["T3"]
    assert maps.select_zonder_contour(terreinen, ["Oegstgeest"]).empty

    kd = maps.build_kaartdata(terreinen, mutaties, kanszones, strategie=strat, planstatus_vanaf="idee")
    assert [f["properties"]["id"] for f in kd.lagen["terreinen"]["features"]] == ["T1"]
    # what lies on a park without contour keeps its own shape on the map
    assert kd.aantallen["transformatie"] == 1 and kd.aantallen["kanszones"] == 1
    html_kaart = maps.build_map_from_kaartdata(kd).get_root().render()
    assert "Met contour" in html_kaart  # the map renders; the zone names the park it lies on
    assert kd.lagen["kanszones"]["features"][0]["properties"]["terrein_id"] == "T2"
    assert maps.build_selectielaag(kd, "T2") is None  # selecting it draws no outline
    assert maps.render_map_png(terreinen, mutaties, kanszones, strategie=strat).startswith(b"\x89PNG")


def test_a_register_without_any_contour_draws_nothing_and_lists_every_park(zonder_contour, strat):
    terreinen, _, _ = zonder_contour
    tabel = pd.DataFrame(terreinen.drop(columns="geometry"))  # a register table: no geometry column at all
    kd = maps.build_kaartdata(tabel, strategie=strat)
    assert kd.aantallen == {laag: 0 for laag in maps.KAARTLAAG_CODES} and kd.bounds is None
    assert list(maps.select_zonder_contour(tabel)["terrein_id"]) == ["T2", "T3", "T1"]
    leeg = terreinen.set_geometry([None] * len(terreinen), crs=schema.CRS_RD)
    assert maps.build_kaartdata(leeg, strategie=strat).bounds is None
    assert maps.render_map_png(leeg, strategie=strat).startswith(b"\x89PNG")
    detail = maps.describe_terrein(
        "T2", tabel, schema.empty("mutaties"), pd.DataFrame({"mutatie_id": []}), strat, "hard", pd.DataFrame()
    )
    assert detail is not None and detail.naam == "Zonder contour"


def test_one_geojson_layer_styles_every_feature_by_its_style_key(voorbeeld, strat):
    """Each layer is one GeoJSON layer; the style table it carries has an entry, with the map's
    own :class:`Stijl` and classes, for every style key its features use."""
    import json

    from bedrijventerreinen.maps import laag
    from bedrijventerreinen.maps.stijl import stijl_van

    kd = maps.build_kaartdata(
        voorbeeld["terreinen"], voorbeeld["mutaties"], voorbeeld["kanszones"], strategie=strat, planstatus_vanaf="idee"
    )
    for naam, fc in kd.lagen.items():
        element = laag.GeoJsonLaag(naam, fc["features"])
        stijlen = json.loads(element.stijlen)
        accenten = json.loads(element.accenten)
        codes = {f["properties"]["stijl"] for f in fc["features"]}
        assert set(stijlen) == codes == set(accenten), naam
        for code in codes:
            stijl = stijl_van(naam, code)
            assert stijlen[code]["className"].startswith(f"kaart-{naam} kaart-stijl-{code}")
            assert accenten[code]["weight"] == stijlen[code]["weight"] + 2.5
            assert stijlen[code]["fillColor"] == stijl.kleur and stijlen[code]["color"] == stijl.lijn
        assert json.loads(element.data)["features"] == json.loads(json.dumps(fc["features"]))
