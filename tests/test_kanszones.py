"""Kanszones: density of hand-made parks with known answers, potential against targets within the
zoning limits, parks whose potential is unknown (no panden, no contour) left out of the headline,
the headline's share on the shipped sample, candidate zones inside parks, the synthetic panden, a
drawn kanszone through the store, and kanszone potential as intensivering in the hectare balance."""

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
from bedrijventerreinen.formatting import format_getal

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
    # no pand at all: nothing is known about the footprint, so no ratio either (not 0 %)
    ("leeg terrein", [], None, math.nan, math.nan, math.nan),
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
        math.nan,
        math.nan,
        math.nan,
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
    assert r["bebouwingsgraad"] == pytest.approx(graad, nan_ok=True)
    assert r["fsi"] == pytest.approx(fsi, nan_ok=True)
    assert r["onbebouwd_m2"] == pytest.approx(onbebouwd, nan_ok=True)


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
    p = panden_van(
        {"geometry": box(210, 10, 250, 60), "bouwlagen": 1},  # in T
        {"geometry": box(410, 10, 450, 60), "bouwlagen": 1},  # in B: 2,000 m², FSI 0.2
    )
    tabel, _ = kanszones.compute_terreindichtheid(t, p, PAR)
    per = tabel.set_index("terrein_id")
    assert per.loc["N", "potentie_m2_bvo"] == 0 and not per.loc["N", "potentie_telt"]
    assert per.loc["N", "potentie_status"] == "telt niet (koers nieuw)"
    assert per.loc["T", "potentie_m2_bvo"] == 0 and not per.loc["T", "potentie_telt"]
    assert per.loc["T", "potentie_status"] == "telt niet (koers transformeren)"
    assert per.loc["B", "potentie_m2_bvo"] == pytest.approx(9_000 - 2_000)
    assert per.loc["B", "potentie_telt"] and per.loc["B", "potentie_status"] == kanszones.STATUS_BEREKEND


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


# -- zoning limits and unknown potential ------------------------------------------------------

ZES_M, ZEVEN_M, TWAALF_M = 6.0, 7.0, 12.0  # 3.5 m a floor: 1, 2 and 3 floors

BESTEMMINGSPLAN = [
    # (what, panden, max_bebouwingsgraad, max_bouwhoogte_m,
    #  doel-bebouwingsgraad B, doel-FSI F, potentie m² bvo, of which ruimer bebouwen, status, begrenzing)
    # park 1 ha, targets 50 % / FSI 0.9; GEBOUW is 2,000 m² of footprint
    (
        "zonder grenzen: FSI 0,9 × 10.000 − 2.000",
        [{"geometry": GEBOUW, "bouwlagen": 1}], None, None,
        0.5, 0.9, 7_000, 3_000, "berekend", "",
    ),
    (
        "alleen hoogte 6 m: 1 bouwlaag, F = min(0,9; 0,5 × 1) = 0,5",
        [{"geometry": GEBOUW, "bouwlagen": 1}], None, ZES_M,
        0.5, 0.5, 3_000, 3_000, "berekend", "max. 6 m (1 bouwlaag)",
    ),
    (
        "alleen bebouwingsgraad 30 %: (3.000 − 2.000) × 2 lagen < 9.000 − 4.000",
        [{"geometry": GEBOUW, "bouwlagen": 2}], 0.3, None,
        0.3, 0.9, 5_000, 2_000, "berekend", "max. bebouwingsgraad 30 %",
    ),
    (
        "beide, 30 % en 6 m: F = min(0,9; 0,3 × 1) = 0,3",
        [{"geometry": GEBOUW, "bouwlagen": 1}], 0.3, ZES_M,
        0.3, 0.3, 1_000, 1_000, "berekend", "max. bebouwingsgraad 30 %; max. 6 m (1 bouwlaag)",
    ),
    (
        "Klei-Oost Zuid, 70 % en 12 m: grenzen boven de doelen binden niet",
        [{"geometry": GEBOUW, "bouwlagen": 1}], 0.7, TWAALF_M,
        0.5, 0.9, 7_000, 3_000, "berekend", "",
    ),
    (
        "nieuwbouw niet hoger dan toegestaan: 3 lagen bestaand, 7 m = 2 lagen nieuw",
        [{"geometry": GEBOUW, "bouwlagen": 3}], None, ZEVEN_M,
        0.5, 0.9, 6_000, 6_000, "berekend", "max. 7 m (2 bouwlagen)",
    ),
    (
        "al dichter dan het doel (70 %, FSI 2,1)",
        [{"geometry": box(0, 0, 100, 70), "bouwlagen": 3}], None, TWAALF_M,
        0.5, 0.9, 0, 0, "berekend", "",
    ),
    (
        "geen panden: onbekend, niet doel-FSI × heel netto",
        [], 0.7, TWAALF_M,
        0.5, 0.9, math.nan, math.nan, "onbekend (geen panden)", "",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("wat", "rijen", "max_bg", "max_h", "doel_bg", "doel_fsi", "potentie", "grond", "status", "begrenzing"),
    BESTEMMINGSPLAN,
    ids=[r[0] for r in BESTEMMINGSPLAN],
)
def test_potential_within_the_zoning_limits(
    wat, rijen, max_bg, max_h, doel_bg, doel_fsi, potentie, grond, status, begrenzing
):
    t = terreinen({"terrein_id": "A", "geometry": PERCEEL, "max_bebouwingsgraad": max_bg, "max_bouwhoogte_m": max_h})
    tabel, rf = kanszones.compute_terreindichtheid(t, panden_van(*rijen), PAR)
    r = tabel.iloc[0]
    assert r["potentie_status"] == status
    assert r["doel_bebouwingsgraad"] == pytest.approx(doel_bg)
    assert r["doel_fsi"] == pytest.approx(doel_fsi)
    assert r["potentie_m2_bvo"] == pytest.approx(potentie, nan_ok=True)
    assert r["potentie_grond_m2_bvo"] == pytest.approx(grond, nan_ok=True)
    assert r["potentie_optoppen_m2_bvo"] == pytest.approx(potentie - grond, nan_ok=True)
    assert r["potentie_ha"] == pytest.approx(potentie / rf / 1e4, nan_ok=True)
    assert r["begrenzing"] == begrenzing
    assert bool(r["potentie_telt"]) == (status == "berekend")
    # whatever the targets ask, the zoning is never exceeded by the target itself
    if max_bg is not None:
        assert r["doel_bebouwingsgraad"] <= max_bg
    if max_h is not None:
        assert r["doel_fsi"] <= r["doel_bebouwingsgraad"] * (max_h // PAR.verdiepingshoogte_m) + 1e-9


@pytest.mark.parametrize(
    ("hoogte", "lagen"), [(12.0, 3), (10.5, 3), (7.0, 2), (6.0, 1), (3.0, 1), (None, math.nan), (0.0, math.nan)]
)
def test_allowed_floors_are_the_height_over_the_floor_height_rounded_down(hoogte, lagen):
    assert kanszones.compute_max_bouwlagen([hoogte], PAR)[0] == pytest.approx(lagen, nan_ok=True)


def test_a_coverage_limit_outside_zero_to_one_is_no_limit():
    t = terreinen({"terrein_id": "A", "geometry": PERCEEL, "max_bebouwingsgraad": 70.0})
    r = kanszones.compute_terreindichtheid(t, panden_van({"geometry": GEBOUW, "bouwlagen": 1}), PAR)[0].iloc[0]
    assert r["doel_bebouwingsgraad"] == 0.5 and r["begrenzing"] == ""


def _regio_met_onbekenden() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """A built park A (1 ha), a park B of 5 ha without any pand, a park C of 3 ha without a
    contour (from a register table) and a planned park N."""
    t = terreinen(
        {"terrein_id": "A", "geometry": PERCEEL},
        {"terrein_id": "B", "geometry": box(200, 0, 700, 100)},
        {"terrein_id": "N", "geometry": box(800, 0, 900, 100), "koers": "nieuw"},
    )
    zonder = schema.conform(
        gpd.GeoDataFrame(
            [{"terrein_id": "C", "naam": "C", "gemeente": "Katwijk", "koers": "behouden", "typologie": "gemengd",
              "bruto_ha": 3.5, "netto_ha": 3.0}],
            geometry=[None], crs=schema.CRS_RD,
        ),
        "terreinen",
    )  # fmt: skip
    t = schema.conform(gpd.GeoDataFrame(pd.concat([t, zonder], ignore_index=True), crs=schema.CRS_RD), "terreinen")
    return t, panden_van({"geometry": GEBOUW, "bouwlagen": 1})


def test_parks_without_panden_or_contour_are_unknown_and_stay_out_of_the_headline():
    t, p = _regio_met_onbekenden()
    tabel, rf = kanszones.compute_terreindichtheid(t, p, PAR)
    per = tabel.set_index("terrein_id")
    assert per.loc["B", "potentie_status"] == "onbekend (geen panden)"
    assert per.loc["C", "potentie_status"] == "onbekend (geen contour)"
    for park in "BC":
        assert math.isnan(per.loc[park, "potentie_m2_bvo"]) and math.isnan(per.loc[park, "potentie_ha"])
        assert not per.loc[park, "potentie_telt"] and not per.loc[park, "potentie_bekend"]
        assert math.isnan(per.loc[park, "bebouwingsgraad"])
    assert rf == pytest.approx(0.2)  # only A has panden
    totaal = kanszones.compute_potentie_totaal(tabel)
    # before: B alone would have been 0.9 × 50,000 m² = 45,000 m² bvo, 22.5 ha-equivalent
    assert totaal.potentie_m2_bvo == pytest.approx(7_000)
    assert totaal.potentie_ha == pytest.approx(7_000 / 0.2 / 1e4)
    assert totaal.netto_ha == pytest.approx(1.0)
    assert totaal.aandeel == pytest.approx(3.5)
    assert (totaal.n_telt, totaal.n_geen_panden, totaal.n_geen_contour, totaal.n_onbekend) == (1, 1, 1, 2)
    assert set(totaal.onbekend) == {"B", "C"}
    zin = kanszones.format_potentie_totaal(totaal, PAR)
    assert "3,5 ha-equivalent (extra vloeroppervlak omgerekend naar grond, geen uitgeefbare hectares" in zin
    assert "350 % van het netto oppervlak (1,0 ha) van de 1 terreinen die meetellen" in zin
    assert "Van 2 terreinen is de potentie onbekend (1 zonder panden en 1 zonder contour)" in zin
    assert kanszones.compute_aandeel_oordeel(totaal, PAR) == "boven"
    assert "meer dan de 20–30 %" in kanszones.format_aandeel_waarschuwing(totaal, PAR)
    # the table for people says so instead of a number
    mensen = kanszones.format_terreindichtheid(tabel).set_index("Terrein")
    assert mensen.loc["B", "Potentie"] == "onbekend (geen panden)"
    assert mensen.loc["B", "Potentie (ha-eq.)"] == "onbekend"
    assert mensen.loc["C", "Status potentie"] == "onbekend (geen contour)"
    assert mensen.loc["A", "Potentie (ha-eq.)"] == "3,50 ha-eq."


def test_a_register_table_without_geometry_is_all_unknown_without_crashing():
    t, p = _regio_met_onbekenden()
    tabel_zonder = pd.DataFrame(t.drop(columns="geometry"))
    tabel, rf = kanszones.compute_terreindichtheid(tabel_zonder, p, PAR)
    assert set(tabel["potentie_status"]) == {"onbekend (geen contour)", "telt niet (koers nieuw)"}
    assert rf == PAR.regionale_fsi_standaard
    assert kanszones.compute_potentie_totaal(tabel).n_geen_contour == 3
    assert kanszones.find_kandidaten(tabel_zonder, p, PAR, rf).empty


def test_without_any_panden_the_headline_is_unknown():
    t, _ = _regio_met_onbekenden()
    tabel, _ = kanszones.compute_terreindichtheid(t, panden_van(), PAR)
    totaal = kanszones.compute_potentie_totaal(tabel)
    assert totaal.n_telt == 0 and math.isnan(totaal.potentie_ha) and totaal.n_onbekend == 3
    assert kanszones.format_ha_equivalent(totaal.potentie_ha) == "onbekend"
    assert kanszones.compute_aandeel_oordeel(totaal, PAR) == "onbekend"
    assert "onbekend" in kanszones.format_potentie_totaal(totaal, PAR)


def test_headline_figures_say_what_a_hectare_equivalent_is():
    t, p = _regio_met_onbekenden()
    tabel, rf = kanszones.compute_terreindichtheid(t, p, PAR)
    kand = kanszones.find_kandidaten(t, p, PAR, rf)
    kd = kanszones.compute_kanszonedichtheid(schema.empty("kanszones"), t, p, PAR, rf)
    cijfers = {
        label: (waarde, uitleg) for label, waarde, uitleg in kanszones.compute_kerncijfers(tabel, kd, kand, rf, PAR)
    }
    for label in ("Potentie terreinen (ha-eq.)", "Potentie kanszones (ha-eq.)", "Kandidaat-zones"):
        assert kanszones.HA_EQUIVALENT_UITLEG in cijfers[label][1], label
    assert cijfers["Potentie terreinen (ha-eq.)"][0] == "3,5"
    assert "Van 2 terreinen is de potentie onbekend" in cijfers["Potentie terreinen (ha-eq.)"][1]
    # every explanation of a potential on the page names it too
    assert kanszones.HA_EQUIVALENT_UITLEG in kanszones.UITLEG["potentie_ha"][1]


def test_candidates_are_only_sought_on_parks_with_panden():
    t, p = _regio_met_onbekenden()
    # B is 5 ha without any pand: before, the whole park was an "onbebouwd" candidate
    kand = kanszones.find_kandidaten(t, p, PAR, 0.5)
    assert not kand["terrein_id"].isin(["B", "C", "N"]).any()
    assert kanszones.find_kandidaten(t, panden_van(), PAR, 0.5).empty


def test_a_kanszone_on_a_park_without_panden_is_unknown_but_an_empty_zone_on_a_built_park_is_not():
    t, p = _regio_met_onbekenden()
    t.loc[t["terrein_id"] == "A", "max_bebouwingsgraad"] = 0.3
    zones = schema.conform(
        gpd.GeoDataFrame(
            {"kanszone_id": ["KZ-01", "KZ-02"], "terrein_id": ["A", "B"], "naam": ["Leeg deel van A", "Op B"]},
            geometry=[box(60, 0, 100, 100), box(200, 0, 300, 100)],  # 0.4 ha without panden in A; 1 ha in B
            crs=schema.CRS_RD,
        ),
        "kanszones",
    )
    kd = kanszones.compute_kanszonedichtheid(zones, t, p, PAR, regionale_fsi=0.5).set_index("kanszone_id")
    assert kd.loc["KZ-01", "potentie_status"] == "berekend"
    # A's coverage limit of 30 % holds in its kanszone too: FSI target min(0.9, 0.3 × ∞) on 4,000 m²
    assert kd.loc["KZ-01", "doel_bebouwingsgraad"] == pytest.approx(0.3)
    assert kd.loc["KZ-01", "potentie_m2_bvo"] == pytest.approx(0.9 * 4_000)
    assert kd.loc["KZ-02", "potentie_status"] == "onbekend (geen panden)"
    assert math.isnan(kd.loc["KZ-02", "potentie_ha"]) and not kd.loc["KZ-02", "potentie_bekend"]
    mensen = kanszones.format_kanszonedichtheid(kd.reset_index())
    assert list(mensen["Berekende potentie"])[1] == "onbekend (geen panden)"
    # the tile sums the known zone only and says one is left out
    tabel, rf = kanszones.compute_terreindichtheid(t, p, PAR)
    kand = kanszones.find_kandidaten(t, p, PAR, rf)
    cijfers = {c[0]: c for c in kanszones.compute_kerncijfers(tabel, kd.reset_index(), kand, rf)}
    assert cijfers["Potentie kanszones (ha-eq.)"][1] == format_getal(kd.loc["KZ-01", "potentie_ha"])
    assert (
        "Van 1 kanszone is de potentie onbekend (geen panden op het terrein); die telt niet mee."
        in (cijfers["Potentie kanszones (ha-eq.)"][2])
    )


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


def test_dataclass_defaults_are_what_strategie_toml_says():
    # one set of defaults: a missing table or setting changes nothing
    assert kanszones.load_kanszone_parameters() == kanszones.KanszoneParameters()
    assert kanszones.KanszoneParameters().doel("standaard") == kanszones.load_kanszone_parameters().doel("standaard")


def test_default_targets_put_the_shipped_sample_within_the_provinces_range():
    """The headline share on the shipped sample (data/voorbeeld, synthetic panden): potential in
    hectare-equivalent ÷ netto of the parks that count lies within the 20-30 % some provinces
    assume (DOMAIN.md), the range strategie.toml records."""
    lagen = io.read_voorbeeld()
    par = kanszones.load_kanszone_parameters()
    assert (par.referentie_ruimtewinst_laag, par.referentie_ruimtewinst_hoog) == (0.2, 0.3)
    tabel, _ = kanszones.compute_terreindichtheid(lagen["terreinen"], lagen["panden"], par)
    totaal = kanszones.compute_potentie_totaal(tabel)
    assert totaal.n_telt >= 10
    assert totaal.potentie_ha == pytest.approx(tabel.loc[tabel["potentie_telt"], "potentie_ha"].sum())
    assert kanszones.compute_aandeel_oordeel(totaal, par) == "binnen", totaal
    assert kanszones.format_aandeel_waarschuwing(totaal, par) == ""


def test_missing_table_gives_defaults_and_bad_values_a_dutch_message(tmp_path):
    leeg = tmp_path / "strategie.toml"
    leeg.write_text('regio = "071"\n', encoding="utf-8")
    assert kanszones.load_kanszone_parameters(leeg) == kanszones.KanszoneParameters()
    fout = tmp_path / "fout.toml"
    fout.write_text("[kanszones]\nrastercel_m = -5\n", encoding="utf-8")
    with pytest.raises(kanszones.KanszoneFout, match="rastercel_m"):
        kanszones.load_kanszone_parameters(fout)
    with pytest.raises(kanszones.KanszoneFout, match="ontbreekt"):
        kanszones.load_kanszone_parameters(tmp_path / "weg.toml")
    omgekeerd = tmp_path / "omgekeerd.toml"
    omgekeerd.write_text("[kanszones]\nreferentie_ruimtewinst_laag = 0.4\n", encoding="utf-8")
    with pytest.raises(kanszones.KanszoneFout, match="referentie_ruimtewinst"):
        kanszones.load_kanszone_parameters(omgekeerd)


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
    # parks that densify (transformation sites may be half cleared; planned parks are empty)
    bestaand = tabel[tabel["potentie_telt"]]
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


@pytest.fixture
def kleine_regio(bouw) -> dict[str, pd.DataFrame]:
    """Two parks (Leiden, Leiderdorp) with three kanszones: one already in the register as
    intensivering (zacht, 2 ha), one that is not (0.75 ha), one without a potential."""
    terreinen_ = bouw.terreinen(
        [
            {**bouw.terrein("Leiden", 20.0), "terrein_id": "A", "naam": "Parkje A"},
            {**bouw.terrein("Leiderdorp", 15.0), "terrein_id": "B", "naam": "Parkje B"},
        ]
    )
    mutaties = bouw.mutaties(
        [bouw.mutatie("I-1", "intensivering", "Leiden", 2.0, "zacht", 2028, terrein_id="A", naam="A  Kanszone")]
    )
    zones = schema.conform(
        gpd.GeoDataFrame(
            {
                "kanszone_id": ["KZ-01", "KZ-02", "KZ-03"],
                "terrein_id": ["A", "B", "B"],
                "naam": ["A kanszone", "B kanszone", "B zonder potentie"],
                "potentie_ha": [2.0, 0.75, None],
            },
            geometry=[box(0, 0, 10, 10), box(20, 0, 30, 10), box(40, 0, 50, 10)],
            crs=schema.CRS_RD,
        ),
        "kanszones",
    )
    return {"terreinen": terreinen_, "mutaties": mutaties, "koppelingen": bouw.koppelingen(), "kanszones": zones}


def _intensivering(regio: dict, mutaties: pd.DataFrame, strategie, horizon: str) -> pd.Series:
    balans = balance.compute_hectarebalans(regio["terreinen"], mutaties, regio["koppelingen"], strategie, horizon)
    return balans.set_index("gemeente")["intensivering_ha"]


def test_kanszone_potential_counts_as_soft_intensivering_without_double_counting(strategie, kleine_regio):
    regio = kleine_regio
    extra, meldingen = kanszones.kanszones_als_mutaties(
        regio["kanszones"], regio["terreinen"], 0.5, 2028, mutaties=regio["mutaties"]
    )
    # A's kanszone is already intensivering in the register (names compared normalised); B's is not
    assert list(extra["mutatie_id"]) == ["KZ:KZ-02"]
    assert extra.loc[0, "ha"] == pytest.approx(0.5 * 0.75)
    assert extra.loc[0, "planstatus"] == "zacht" and extra.loc[0, "bron"] == kanszones.BRON_KANSZONE
    assert extra.loc[0, "gemeente"] == "Leiderdorp"
    assert meldingen == ["Kanszone A kanszone staat al als intensivering in het register en telt niet dubbel."]

    m = pd.concat([regio["mutaties"].drop(columns="geometry", errors="ignore"), extra], ignore_index=True)
    zonder = _intensivering(regio, regio["mutaties"], strategie, "zacht")
    met = _intensivering(regio, m, strategie, "zacht")
    assert met["Leiderdorp"] - zonder["Leiderdorp"] == pytest.approx(0.375)
    assert met["Leiden"] == zonder["Leiden"]
    # never part of the hard figures
    assert _intensivering(regio, m, strategie, "hard")["Leiderdorp"] == pytest.approx(
        _intensivering(regio, regio["mutaties"], strategie, "hard")["Leiderdorp"]
    )
    assert kanszones.compute_kanszonebijdrage(extra) == pytest.approx(0.375)
    assert kanszones.compute_kanszonebijdrage(extra, ["Leiden"]) == 0


def test_zero_share_adds_nothing_and_a_share_above_one_is_refused(kleine_regio):
    extra, _ = kanszones.kanszones_als_mutaties(kleine_regio["kanszones"], kleine_regio["terreinen"], 0.0, 2028)
    assert extra.empty
    with pytest.raises(kanszones.KanszoneFout, match="tussen 0 % en 100 %"):
        kanszones.kanszones_als_mutaties(kleine_regio["kanszones"], kleine_regio["terreinen"], 1.5, 2028)


def test_register_plus_kanszones_feeds_the_balance(strategie, kleine_regio):
    regio = kleine_regio
    m, _ = kanszones.add_kanszone_intensivering(regio["mutaties"], regio["kanszones"], regio["terreinen"], 1.0, 2030)
    assert len(m) == len(regio["mutaties"]) + 1
    # the register's 2 ha plus all of B's 0.75 ha; the zone without potential adds nothing
    assert _intensivering(regio, m, strategie, "zacht")["regio"] == pytest.approx(2.0 + 0.75)
    zelfde, _ = kanszones.add_kanszone_intensivering(
        regio["mutaties"], regio["kanszones"], regio["terreinen"], 0.0, 2030
    )
    assert zelfde is regio["mutaties"]
