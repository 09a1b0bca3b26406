"""Kanszones: density of hand-made parks with known answers, potential against targets, candidate
zones inside parks, the synthetic panden, a drawn kanszone through the store, and kanszone
potential as intensivering in the hectare balance."""

from __future__ import annotations

import dataclasses
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import box, mapping

from bedrijventerreinen import balance, io, kanszones, panden, schema, store, voorbeeld

PAR = kanszones.KanszoneParameters(doelen=(("standaard", 0.5, 0.9),), standaard_bouwlagen=1.0, oud_voor_jaar=1990)


def terreinen(*rijen: dict) -> gpd.GeoDataFrame:
    """Parks from dicts with at least terrein_id and geometry (netto_ha defaults to the contour)."""
    basis = []
    for r in rijen:
        rij = {"naam": r["terrein_id"], "gemeente": "Leiden", "koers": "behouden", "typologie": "gemengd"}
        rij["bruto_ha"] = r["geometry"].area / 1e4
        rij["netto_ha"] = r["geometry"].area / 1e4
        rij.update(r)
        basis.append(rij)
    return schema.conform(gpd.GeoDataFrame(basis, geometry="geometry", crs=schema.CRS_RD), "terreinen")


def panden_van(*rijen: dict) -> gpd.GeoDataFrame:
    if not rijen:
        return schema.empty("panden")
    df = pd.DataFrame([{"identificatie": f"P{i}", **r} for i, r in enumerate(rijen)])
    return schema.conform(gpd.GeoDataFrame(df, geometry="geometry", crs=schema.CRS_RD), "panden")


PERCEEL = box(0, 0, 100, 100)  # 1 ha
GEBOUW = box(10, 10, 50, 60)  # 40 x 50 = 2,000 m²


# -- the hand-made table ------------------------------------------------------------------

TABEL = [
    # (what, panden, netto_ha, bebouwingsgraad, fsi, onbebouwd m²)
    ("één gebouw van twee lagen", [{"geometry": GEBOUW, "bouwlagen": 2, "bouwjaar": 2000}], None, 0.2, 0.4, 8_000),
    ("bouwlagen uit hoogte (10,5 m / 3,5 m = 3)", [{"geometry": GEBOUW, "hoogte": 10.5}], None, 0.2, 0.6, 8_000),
    ("hoogte afgerond (7,9 m → 2 lagen)", [{"geometry": GEBOUW, "hoogte": 7.9}], None, 0.2, 0.4, 8_000),
    ("bouwlagen gaan voor hoogte", [{"geometry": GEBOUW, "bouwlagen": 1, "hoogte": 20.0}], None, 0.2, 0.2, 8_000),
    ("geen bouwlagen of hoogte: standaard 1 laag", [{"geometry": GEBOUW}], None, 0.2, 0.2, 8_000),
    ("leeg terrein", [], None, 0.0, 0.0, 10_000),
    (
        "gebouw over de rand telt met het deel binnen",
        [{"geometry": box(80, 10, 120, 60), "bouwlagen": 2}],
        None,
        0.1,
        0.2,
        9_000,
    ),
    (
        "gebouw buiten het terrein telt niet",
        [{"geometry": box(200, 0, 240, 50), "bouwlagen": 3}],
        None,
        0.0,
        0.0,
        10_000,
    ),
    ("netto kleiner dan de contour", [{"geometry": GEBOUW, "bouwlagen": 2}], 0.5, 0.4, 0.8, 3_000),
    (
        "twee gebouwen",
        [{"geometry": GEBOUW, "bouwlagen": 2}, {"geometry": box(60, 60, 100, 100), "bouwlagen": 1}],
        None,
        0.36,
        0.56,
        6_400,
    ),
]


@pytest.mark.parametrize(("wat", "rijen", "netto_ha", "graad", "fsi", "onbebouwd"), TABEL, ids=[r[0] for r in TABEL])
def test_density_of_hand_made_parks(wat, rijen, netto_ha, graad, fsi, onbebouwd):
    extra = {"netto_ha": netto_ha} if netto_ha else {}
    t = terreinen({"terrein_id": "A", "geometry": PERCEEL, **extra})
    tabel, _ = kanszones.compute_terreindichtheid(t, panden_van(*rijen), PAR)
    r = tabel.iloc[0]
    assert r["bebouwingsgraad"] == pytest.approx(graad)
    assert r["fsi"] == pytest.approx(fsi)
    assert r["onbebouwd_m2"] == pytest.approx(onbebouwd)


def test_default_floor_count_is_a_parameter():
    t = terreinen({"terrein_id": "A", "geometry": PERCEEL})
    drie = dataclasses.replace(PAR, standaard_bouwlagen=3.0)
    tabel, _ = kanszones.compute_terreindichtheid(t, panden_van({"geometry": GEBOUW}), drie)
    assert tabel.loc[0, "fsi"] == pytest.approx(0.6)
    assert tabel.loc[0, "aandeel_bouwlagen_geschat"] == pytest.approx(1.0)


def test_share_of_old_floor_area_follows_the_chosen_year():
    t = terreinen({"terrein_id": "A", "geometry": PERCEEL})
    p = panden_van(
        {"geometry": GEBOUW, "bouwlagen": 2, "bouwjaar": 1975},  # 4,000 m² bvo
        {"geometry": box(60, 60, 100, 100), "bouwlagen": 1, "bouwjaar": 2005},  # 1,600 m² bvo
    )
    tabel, _ = kanszones.compute_terreindichtheid(t, p, PAR)
    assert tabel.loc[0, "aandeel_oud"] == pytest.approx(4_000 / 5_600)
    later = dataclasses.replace(PAR, oud_voor_jaar=2010)
    tabel, _ = kanszones.compute_terreindichtheid(t, p, later)
    assert tabel.loc[0, "aandeel_oud"] == pytest.approx(1.0)


def test_empty_park_has_no_old_share_rather_than_zero():
    tabel, _ = kanszones.compute_terreindichtheid(
        terreinen({"terrein_id": "A", "geometry": PERCEEL}), panden_van(), PAR
    )
    assert tabel.loc[0, "n_panden"] == 0
    assert math.isnan(tabel.loc[0, "aandeel_oud"])


def test_potential_rises_to_the_targets_of_the_park_type():
    t = terreinen({"terrein_id": "A", "geometry": PERCEEL})
    p = panden_van({"geometry": GEBOUW, "bouwlagen": 2})
    # targets 50 % / FSI 0.9: coverage target at 2 floors gives 10,000 m² bvo > FSI 0.9 (9,000)
    tabel, rf = kanszones.compute_terreindichtheid(t, p, PAR)
    r = tabel.iloc[0]
    assert r["potentie_m2_bvo"] == pytest.approx(6_000)
    assert r["potentie_grond_m2_bvo"] == pytest.approx(6_000)  # (5,000 − 2,000) m² × 2 floors
    assert r["potentie_optoppen_m2_bvo"] == pytest.approx(0)
    # the only park sets the regional FSI: 0.4, so 6,000 m² bvo is 1.5 ha of land at today's intensity
    assert rf == pytest.approx(0.4)
    assert r["potentie_ha"] == pytest.approx(6_000 / 0.4 / 1e4)
    # a higher FSI target for this park type adds building higher on top
    hoog = PAR.with_doel("gemengd", 0.5, 1.5)
    r = kanszones.compute_terreindichtheid(t, p, hoog)[0].iloc[0]
    assert r["potentie_m2_bvo"] == pytest.approx(11_000)
    assert r["potentie_optoppen_m2_bvo"] == pytest.approx(5_000)


def test_park_above_its_targets_has_no_potential():
    t = terreinen({"terrein_id": "A", "geometry": PERCEEL})
    p = panden_van({"geometry": box(0, 0, 100, 70), "bouwlagen": 3})  # 70 %, FSI 2.1
    r = kanszones.compute_terreindichtheid(t, p, PAR)[0].iloc[0]
    assert r["potentie_m2_bvo"] == 0
    assert r["potentie_ha"] == 0


def test_planned_and_transforming_parks_carry_no_densification_potential():
    t = terreinen(
        {"terrein_id": "N", "geometry": PERCEEL, "koers": "nieuw"},
        {"terrein_id": "T", "geometry": box(200, 0, 300, 100), "koers": "transformeren"},
        {"terrein_id": "B", "geometry": box(400, 0, 500, 100)},
    )
    tabel, _ = kanszones.compute_terreindichtheid(t, panden_van(), PAR)
    per = tabel.set_index("terrein_id")
    assert per.loc["N", "potentie_m2_bvo"] == 0 and not per.loc["N", "potentie_telt"]
    assert per.loc["T", "potentie_m2_bvo"] == 0
    assert per.loc["B", "potentie_m2_bvo"] == pytest.approx(9_000)


def test_regional_fsi_is_a_ratio_of_sums_not_a_mean_of_ratios():
    t = terreinen({"terrein_id": "A", "geometry": PERCEEL}, {"terrein_id": "B", "geometry": box(200, 0, 500, 100)})
    p = panden_van({"geometry": GEBOUW, "bouwlagen": 2}, {"geometry": box(200, 0, 230, 100), "bouwlagen": 1})
    _, rf = kanszones.compute_terreindichtheid(t, p, PAR)
    assert rf == pytest.approx((4_000 + 3_000) / (10_000 + 30_000))
    # without any panden the parameter applies
    _, rf = kanszones.compute_terreindichtheid(t, panden_van(), PAR)
    assert rf == PAR.regionale_fsi_standaard


def test_kanszone_density_uses_its_own_area_and_the_park_type():
    t = terreinen({"terrein_id": "A", "geometry": PERCEEL})
    zone = schema.conform(
        gpd.GeoDataFrame(
            {"kanszone_id": ["KZ-01"], "terrein_id": ["A"], "naam": ["Zone"], "potentie_ha": [0.3]},
            geometry=[box(0, 0, 50, 100)],
            crs=schema.CRS_RD,
        ),
        "kanszones",
    )
    p = panden_van({"geometry": GEBOUW, "bouwlagen": 2})
    kd = kanszones.compute_kanszonedichtheid(zone, t, p, PAR, regionale_fsi=0.5)
    r = kd.iloc[0]
    assert r["netto_m2"] == pytest.approx(5_000)
    assert r["bebouwingsgraad"] == pytest.approx(0.4)
    assert r["potentie_opgegeven_ha"] == pytest.approx(0.3)
    assert r["terrein"] == "A"


# -- candidate zones ----------------------------------------------------------------------


def test_candidate_found_where_half_a_park_is_empty():
    park = box(0, 0, 200, 200)  # 4 ha; the western half densely built, the eastern half empty
    t = terreinen({"terrein_id": "A", "geometry": park})
    gebouwen = [{"geometry": box(x + 5, y + 5, x + 45, y + 45), "bouwlagen": 2, "bouwjaar": 2005}
                for x in (0, 50) for y in (0, 50, 100, 150)]  # fmt: skip
    kand = kanszones.find_kandidaten(t, panden_van(*gebouwen), PAR, regionale_fsi=0.5)
    assert len(kand) == 1
    k = kand.iloc[0]
    assert k["kandidaat_id"] == "K-001"
    assert k["oppervlak_ha"] == pytest.approx(2.0)
    assert k["redenen"] == "onbebouwd"
    assert (
        k.geometry.equals_exact(box(100, 0, 200, 200).normalize(), 1e-6)
        or k.geometry.symmetric_difference(box(100, 0, 200, 200)).area < 1e-6
    )
    # the empty half at the targets (FSI 0.9 on 2 ha) is the potential
    assert k["potentie_m2_bvo"] == pytest.approx(18_000)
    # a larger minimum leaves it out
    groot = dataclasses.replace(PAR, minimum_kandidaat_ha=2.5)
    assert kanszones.find_kandidaten(t, panden_van(*gebouwen), groot, 0.5).empty


def test_old_buildings_make_a_candidate_with_that_reason():
    park = box(0, 0, 200, 100)
    t = terreinen({"terrein_id": "A", "geometry": park})
    gebouwen = [{"geometry": box(x + 5, y + 5, x + 45, y + 45), "bouwlagen": 1, "bouwjaar": 1970 if x < 100 else 2015}
                for x in (0, 50, 100, 150) for y in (0, 50)]  # fmt: skip
    kand = kanszones.find_kandidaten(t, panden_van(*gebouwen), PAR, 0.5)
    assert len(kand) == 1
    assert "gebouwd vóór 1990" in kand.iloc[0]["redenen"]
    assert kand.iloc[0]["aandeel_oud"] == pytest.approx(1.0)
    assert kand.iloc[0].geometry.bounds == pytest.approx((0, 0, 100, 100))


def test_planned_parks_get_no_candidates():
    t = terreinen({"terrein_id": "A", "geometry": box(0, 0, 300, 300), "koers": "nieuw"})
    assert kanszones.find_kandidaten(t, panden_van(), PAR, 0.5).empty


@pytest.fixture(scope="module")
def voorbeeldlagen() -> dict[str, pd.DataFrame]:
    lagen = voorbeeld.generate_voorbeeld()
    lagen["panden"] = panden.generate_panden(lagen["terreinen"])
    return lagen


def test_candidates_of_the_sample_lie_inside_their_park_and_respect_the_minimum(voorbeeldlagen):
    t, p = voorbeeldlagen["terreinen"], voorbeeldlagen["panden"]
    par = kanszones.load_kanszone_parameters()
    _, rf = kanszones.compute_terreindichtheid(t, p, par)
    kand = kanszones.find_kandidaten(t, p, par, rf, voorbeeldlagen["kanszones"])
    assert len(kand) >= 5
    parken = t.set_index("terrein_id").geometry
    for r in kand.itertuples():
        assert r.geometry.is_valid and not r.geometry.is_empty
        assert r.geometry.difference(parken[r.terrein_id]).area < 0.01, r.kandidaat_id
        assert r.geometry.area >= par.minimum_kandidaat_ha * 1e4 - 1e-6
        assert r.oppervlak_ha == pytest.approx(r.geometry.area / 1e4)
        assert r.redenen
    assert list(kand["potentie_m2_bvo"]) == sorted(kand["potentie_m2_bvo"], reverse=True)
    assert list(kand["kandidaat_id"]) == [f"K-{i:03d}" for i in range(1, len(kand) + 1)]
    koers = t.set_index("terrein_id")["koers"]
    assert not kand["terrein_id"].map(koers).isin(["nieuw", "transformeren"]).any()
    assert kand["overlapt_kanszone"].any()  # the sample kanszones hold old, thin parts


# -- parameters ---------------------------------------------------------------------------


def test_parameters_come_from_strategie_toml():
    par = kanszones.load_kanszone_parameters()
    assert par.verdiepingshoogte_m == 3.5
    assert par.doel("hoogwaardig") != par.doel("gemengd")
    assert par.doel("onbekend type") == par.doel("standaard")


def test_missing_table_gives_defaults_and_bad_values_a_dutch_message(tmp_path):
    leeg = tmp_path / "strategie.toml"
    leeg.write_text('regio = "071"\n', encoding="utf-8")
    assert kanszones.load_kanszone_parameters(leeg) == kanszones.KanszoneParameters()
    fout = tmp_path / "fout.toml"
    fout.write_text("[kanszones]\nrastercel_m = -5\n", encoding="utf-8")
    with pytest.raises(kanszones.KanszoneFout, match="klopt de kanszone-instelling"):
        kanszones.load_kanszone_parameters(fout)
    with pytest.raises(kanszones.KanszoneFout, match="ontbreekt"):
        kanszones.load_kanszone_parameters(tmp_path / "weg.toml")


# -- synthetic panden ---------------------------------------------------------------------


def test_synthetic_panden_are_deterministic_and_plausible(voorbeeldlagen):
    t = voorbeeldlagen["terreinen"]
    p = voorbeeldlagen["panden"]
    again = panden.generate_panden(t)
    assert p["identificatie"].equals(again["identificatie"])
    assert np.allclose(p.geometry.area, again.geometry.area)
    assert p["identificatie"].is_unique and p["identificatie"].str.len().eq(16).all()
    assert p["bouwjaar"].min() < 1990 < p["bouwjaar"].max()
    assert 0.3 < p["bouwlagen"].isna().mean() < 0.7
    assert 0.3 < p["hoogte"].isna().mean() < 0.95
    assert (p["bouwlagen"].isna() & p["hoogte"].isna()).any()
    tabel, _ = kanszones.compute_terreindichtheid(t, p, kanszones.load_kanszone_parameters())
    bestaand = tabel[tabel["koers"] != "nieuw"]
    assert bestaand["bebouwingsgraad"].between(0.15, 0.65).all()
    assert bestaand["bebouwingsgraad"].median() == pytest.approx(0.4, abs=0.12)
    assert tabel.loc[tabel["koers"] == "nieuw", "n_panden"].eq(0).all()


def test_shipped_panden_file_is_the_generated_sample(voorbeeldlagen):
    bestand = io.read_laag_bestand(panden.BESTAND, "panden")
    p = voorbeeldlagen["panden"]
    assert len(bestand) == len(p) < 5_000
    assert bestand["identificatie"].tolist() == p["identificatie"].tolist()
    assert np.allclose(bestand.geometry.area.to_numpy(), p.geometry.area.to_numpy(), rtol=1e-3)


def test_large_synthetic_set_has_about_the_asked_number_of_panden():
    t = voorbeeld.generate_synthetisch(200)["terreinen"]
    p = panden.generate_panden(t, seed=3, aantal=10_000)
    assert 7_000 < len(p) < 13_000


# -- a drawn kanszone through the store ----------------------------------------------------


def _tekening(vorm_rd) -> dict:
    wgs = gpd.GeoSeries([vorm_rd], crs=schema.CRS_RD).to_crs(schema.CRS_WEB).iloc[0]
    return {"type": "Feature", "properties": {}, "geometry": mapping(wgs)}


@pytest.fixture
def opslag(tmp_path, beheerder) -> store.Store:
    return store.open_store(tmp_path / "monitor.gpkg", gebruiker=beheerder)


def test_drawn_polygon_round_trips_through_the_store(opslag):
    t = opslag.load_terreinen()
    waard = t.set_index("terrein_id").geometry["LEI-02"]
    vorm_rd = shapely.affinity.scale(waard, 0.3, 0.3, origin=waard.centroid)
    vorm = kanszones.polygon_from_tekening(_tekening(vorm_rd))
    assert vorm.area == pytest.approx(vorm_rd.area, rel=1e-4)
    laag, audit = kanszones.add_kanszone(
        opslag.load_kanszones(),
        t,
        vorm,
        "Waard <b>noord</b>",
        "Hoger bouwen",
        "",
        {"potentie_m2_bvo": 1234.0, "potentie_ha": 0.2},
    )
    versie = opslag.version
    opslag.write({"kanszones": laag}, verwachte_versie=versie, audit=audit)
    terug = opslag.load_kanszones().set_index("kanszone_id")
    assert "KZ-05" in terug.index
    nieuw = terug.loc["KZ-05"]
    assert nieuw["naam"] == "Waard <b>noord</b>"  # user text stored as typed, escaped only on display
    assert nieuw["terrein_id"] == "LEI-02"
    assert nieuw["potentie_m2_bvo"] == pytest.approx(1234.0)
    assert nieuw.geometry.symmetric_difference(vorm).area < 0.01 * vorm.area
    assert len(terug) == 5
    log = opslag.load_audit()
    assert (log["object_id"] == "KZ-05").any() and (log["resultaat"] == "opgeslagen").all()
    # a second editor working from the old version is refused, not silently overwriting
    with pytest.raises(store.VersieConflict):
        opslag.write({"kanszones": laag}, verwachte_versie=versie, audit=audit)


def test_drawn_polygon_outside_a_park_is_refused_in_dutch(opslag):
    t = opslag.load_terreinen()
    ver_weg = kanszones.polygon_from_tekening(_tekening(box(50_000, 400_000, 50_100, 400_100)))
    with pytest.raises(kanszones.KanszoneFout, match="ligt niet in een bedrijventerrein"):
        kanszones.add_kanszone(opslag.load_kanszones(), t, ver_weg, "Zone")
    waard = t.set_index("terrein_id").geometry["LEI-02"]
    half = kanszones.polygon_from_tekening(
        _tekening(shapely.affinity.translate(waard, (waard.bounds[2] - waard.bounds[0]) / 3, 0))
    )
    with pytest.raises(kanszones.KanszoneFout, match="buiten het terrein De Waard"):
        kanszones.add_kanszone(opslag.load_kanszones(), t, half, "Zone")
    binnen = kanszones.polygon_from_tekening(_tekening(shapely.affinity.scale(waard, 0.2, 0.2, origin=waard.centroid)))
    with pytest.raises(kanszones.KanszoneFout, match="naam"):
        kanszones.add_kanszone(opslag.load_kanszones(), t, binnen, "   ")


def test_a_line_is_not_a_kanszone():
    with pytest.raises(kanszones.KanszoneFout, match="geen vlak"):
        kanszones.polygon_from_tekening(
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[4.4, 52.1], [4.5, 52.2]]}}
        )


# -- the balance ----------------------------------------------------------------------------


def test_kanszone_potential_counts_as_soft_intensivering_without_double_counting(strategie, voorbeeldlagen):
    lagen = voorbeeldlagen
    extra, meldingen = kanszones.kanszones_als_mutaties(
        lagen["kanszones"], lagen["terreinen"], 0.5, 2028, mutaties=lagen["mutaties"]
    )
    # De Waard, 't Heen and Grote Polder are already intensivering in the register; Baanderij is not
    assert list(extra["mutatie_id"]) == ["KZ:KZ-03"]
    assert extra.loc[0, "ha"] == pytest.approx(0.5 * 0.75)
    assert extra.loc[0, "planstatus"] == "zacht" and extra.loc[0, "bron"] == kanszones.BRON_KANSZONE
    assert extra.loc[0, "gemeente"] == "Leiderdorp"
    assert len(meldingen) == 3 and all("telt niet dubbel" in m for m in meldingen)

    m = pd.concat([lagen["mutaties"].drop(columns="geometry"), extra], ignore_index=True)
    args = (lagen["terreinen"], m, lagen["koppelingen"], strategie)
    zonder = balance.compute_hectarebalans(
        lagen["terreinen"], lagen["mutaties"], lagen["koppelingen"], strategie, "zacht"
    )
    met = balance.compute_hectarebalans(*args, "zacht").set_index("gemeente")
    assert met.loc["Leiderdorp", "intensivering_ha"] - zonder.set_index("gemeente").loc[
        "Leiderdorp", "intensivering_ha"
    ] == pytest.approx(0.375)
    # never part of the hard figures
    hard = balance.compute_hectarebalans(*args, "hard").set_index("gemeente")
    hard_zonder = balance.compute_hectarebalans(
        lagen["terreinen"], lagen["mutaties"], lagen["koppelingen"], strategie, "hard"
    )
    assert (
        hard.loc["Leiderdorp", "intensivering_ha"]
        == hard_zonder.set_index("gemeente").loc["Leiderdorp", "intensivering_ha"]
    )
    assert kanszones.compute_kanszonebijdrage(extra) == pytest.approx(0.375)
    assert kanszones.compute_kanszonebijdrage(extra, ["Leiden"]) == 0


def test_zero_share_adds_nothing_and_a_share_above_one_is_refused(voorbeeldlagen):
    extra, _ = kanszones.kanszones_als_mutaties(voorbeeldlagen["kanszones"], voorbeeldlagen["terreinen"], 0.0, 2028)
    assert extra.empty
    with pytest.raises(kanszones.KanszoneFout, match="tussen 0 % en 100 %"):
        kanszones.kanszones_als_mutaties(voorbeeldlagen["kanszones"], voorbeeldlagen["terreinen"], 1.5, 2028)


def test_register_plus_kanszones_feeds_the_balance(strategie, voorbeeldlagen):
    lagen = voorbeeldlagen
    m, _ = kanszones.add_kanszone_intensivering(lagen["mutaties"], lagen["kanszones"], lagen["terreinen"], 1.0, 2030)
    assert len(m) == len(lagen["mutaties"]) + 1
    zacht = balance.compute_hectarebalans(lagen["terreinen"], m, lagen["koppelingen"], strategie, "zacht")
    assert zacht.set_index("gemeente").loc["regio", "intensivering_ha"] == pytest.approx(2.0 + 1.5 + 1.0 + 0.75)
    zelfde, _ = kanszones.add_kanszone_intensivering(
        lagen["mutaties"], lagen["kanszones"], lagen["terreinen"], 0.0, 2030
    )
    assert zelfde is lagen["mutaties"]
