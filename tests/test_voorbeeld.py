"""The sample data of the 071 region: real park names at plausible places, the strategy's approved
locations, the Florapark West compensation, ~70 ha of expansion supply, the four kanszones, labelled
as sample data everywhere, and a deterministic generator equal to the shipped files."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from bedrijventerreinen import balance, io, schema, strategy, voorbeeld

GEMEENTEN = {"Leiden", "Katwijk", "Leiderdorp", "Oegstgeest", "Voorschoten", "Zoeterwoude"}


@pytest.fixture(scope="module")
def gegenereerd() -> dict[str, pd.DataFrame]:
    return voorbeeld.generate_voorbeeld()


@pytest.fixture(scope="module")
def geleverd() -> dict[str, pd.DataFrame]:
    return io.read_voorbeeld()


@pytest.fixture(scope="module")
def terreinen(geleverd):
    return geleverd["terreinen"]


@pytest.fixture(scope="module")
def mutaties(geleverd):
    return geleverd["mutaties"]


@pytest.fixture(scope="module")
def koppelingen(geleverd):
    return geleverd["koppelingen"]


def _terrein(terreinen, naam: str) -> pd.Series:
    rij = terreinen[terreinen["naam"] == naam]
    assert len(rij) == 1, naam
    return rij.iloc[0]


# --------------------------------------------------------------------------------------
# parks
# --------------------------------------------------------------------------------------
def test_minstens_25_terreinen_in_alle_zes_gemeenten(terreinen):
    assert len(terreinen) >= 25
    assert set(terreinen["gemeente"]) == GEMEENTEN
    assert terreinen["terrein_id"].is_unique
    assert terreinen["naam"].is_unique


def test_alles_in_rd(geleverd):
    for laag in ("terreinen", "mutaties", "kanszones"):
        assert geleverd[laag].crs.to_epsg() == 28992, laag
    # RD New coordinates of the Leiden area (x 80-100 km, y 455-475 km)
    x0, y0, x1, y1 = geleverd["terreinen"].total_bounds
    assert 80_000 < x0 < x1 < 105_000 and 455_000 < y0 < y1 < 475_000


def test_geometrie_geldig(geleverd):
    t = geleverd["terreinen"]
    assert t.geometry.notna().all() and t.geometry.is_valid.all()
    assert (t.geometry.geom_type.isin(["Polygon", "MultiPolygon"])).all()
    kz = geleverd["kanszones"]
    assert kz.geometry.is_valid.all() and (kz.geometry.area > 0).all()


def test_terreinen_overlappen_niet(terreinen):
    paren = gpd.sjoin(
        terreinen[["terrein_id", "geometry"]], terreinen[["terrein_id", "geometry"]], predicate="intersects"
    )
    paren = paren[paren["terrein_id_left"] != paren["terrein_id_right"]]
    overlap = [
        (r.terrein_id_left, r.terrein_id_right)
        for r in paren.itertuples()
        if terreinen.geometry[r.Index].intersection(terreinen.geometry[r.index_right]).area > 1.0
    ]
    assert overlap == []


def test_terreinen_bij_eigen_gemeente(terreinen):
    for r in terreinen.itertuples():
        cx, cy = voorbeeld.GEMEENTE_CENTRA[r.gemeente]
        c = r.geometry.centroid
        afstand = math.hypot(c.x - cx, c.y - cy)
        assert afstand < 5_000, f"{r.naam} ligt {afstand:.0f} m van het centrum van {r.gemeente}"
        # and nearer its own centre than to most others: never in the far corner of the region
        dichtstbij = min(voorbeeld.GEMEENTE_CENTRA, key=lambda g: math.dist(voorbeeld.GEMEENTE_CENTRA[g], (c.x, c.y)))
        assert math.dist(voorbeeld.GEMEENTE_CENTRA[dichtstbij], (c.x, c.y)) <= afstand


def test_bruto_gelijk_aan_geometrie(terreinen):
    oppervlak = terreinen.geometry.area / schema.M2_PER_HA
    afwijking = ((oppervlak - terreinen["bruto_ha"]).abs() / terreinen["bruto_ha"]).max()
    assert afwijking < 0.02


@pytest.mark.parametrize(
    ("naam", "bruto", "marge"),
    [
        pytest.param("Leiden Bio Science Park", 110.0, 5.0, id="bio-science-park"),
        pytest.param("Roomburg", 13.0, 0.5, id="roomburg"),
        pytest.param("Klei-Oost Zuid", 8.0, 0.2, id="klei-oost-zuid"),
        pytest.param("MEOB-terrein", 10.7, 0.2, id="meob"),
    ],
)
def test_bekende_oppervlakten(terreinen, naam, bruto, marge):
    t = _terrein(terreinen, naam)
    assert t["bruto_ha"] == pytest.approx(bruto, abs=marge)
    assert t.geometry.area / schema.M2_PER_HA == pytest.approx(bruto, abs=marge + 0.02 * bruto)


def test_attributen_plausibel(terreinen):
    assert (terreinen["netto_ha"] <= terreinen["bruto_ha"]).all()
    assert (terreinen["netto_ha"] > 0).all()
    uitgeefbaar = terreinen["uitgeefbaar_terstond_ha"].fillna(0) + terreinen["uitgeefbaar_niet_terstond_ha"].fillna(0)
    assert (terreinen["uitgegeven_ha"].fillna(0) + uitgeefbaar <= terreinen["netto_ha"] + 0.11).all()
    assert terreinen["milieucategorie_max"].between(1, 6).all()
    assert set(terreinen["koers"]) <= set(schema.codes(schema.KOERSEN))
    assert "nieuw" in set(terreinen["koers"])
    assert _terrein(terreinen, "Klei-Oost Zuid")["koers"] == "nieuw"


def test_namen_uit_de_bronnen(terreinen):
    namen = set(terreinen["naam"])
    for naam in [
        "Leiden Bio Science Park",
        "De Waard",
        "Roomburg",
        "'t Heen",
        "Klei-Oost",
        "Baanderij",
        "Lage Zijde",
        "Grote Polder",
        "Dobbewijk",
        "De Geesten",
        "Florapark West",
    ]:
        assert naam in namen, naam


# --------------------------------------------------------------------------------------
# mutaties and koppelingen
# --------------------------------------------------------------------------------------
def test_codes_uit_het_schema(mutaties):
    assert set(mutaties["soort"]) <= set(schema.codes(schema.SOORTEN))
    assert set(mutaties["planstatus"]) <= set(schema.codes(schema.PLANSTATUS))
    assert set(mutaties["gemeente"]) <= GEMEENTEN
    assert mutaties["mutatie_id"].is_unique
    assert (mutaties["ha"] > 0).all()
    assert mutaties["jaar"].between(2020, 2030).all()


def test_terrein_id_van_mutaties_bestaat(mutaties, terreinen):
    gekoppeld = mutaties["terrein_id"].dropna()
    assert set(gekoppeld) <= set(terreinen["terrein_id"])
    per_terrein = terreinen.set_index("terrein_id")["gemeente"]
    assert (gekoppeld.map(per_terrein) == mutaties.loc[gekoppeld.index, "gemeente"]).all()


def test_alle_goedgekeurde_locaties_als_transformatie(mutaties, strategie):
    trans = mutaties[mutaties["soort"] == "transformatie"]
    for gemeente, naam in strategie.transformatielocaties:
        sleutel = strategy.normalize_naam(naam)
        hier = trans[
            (trans["gemeente"] == gemeente) & trans["naam"].map(strategy.normalize_naam).str.startswith(sleutel)
        ]
        assert len(hier) >= 1, f"{naam} ({gemeente}) ontbreekt als transformatie"
        assert all(strategie.is_goedgekeurde_locatie(gemeente, n) for n in hier["naam"]), naam


def test_transformaties_mix_van_planstatus_en_jaren(mutaties):
    trans = mutaties[mutaties["soort"] == "transformatie"]
    assert {"gerealiseerd", "hard", "zacht"} <= set(trans["planstatus"])
    assert trans["jaar"].nunique() >= 4


def _namen(mutaties, ids) -> list[str]:
    return list(mutaties.set_index("mutatie_id").loc[list(ids), "naam"])


def test_florapark_west(mutaties, koppelingen):
    comp = mutaties[(mutaties["soort"] == "compensatie") & (mutaties["naam"].str.startswith("Florapark West"))]
    assert len(comp) == 1
    assert comp["gemeente"].iloc[0] == "Katwijk"
    k = koppelingen[koppelingen["compensatie_id"] == comp["mutatie_id"].iloc[0]]
    per_naam = dict(zip(_namen(mutaties, k["transformatie_id"]), k["ha"], strict=True))
    verwacht = {"Werninkterrein": 3.5, "Veilingterrein": 0.9, "Rooseveltstraat-Trekvliet": 0.8}
    for naam, ha in verwacht.items():
        treffer = [
            v for n, v in per_naam.items() if strategy.normalize_naam(n).startswith(strategy.normalize_naam(naam))
        ]
        assert treffer == [pytest.approx(ha)], naam
    gemeenten = mutaties.set_index("mutatie_id").loc[list(k["transformatie_id"]), "gemeente"]
    assert "Leiden" in set(gemeenten)
    assert k["ha"].sum() <= comp["ha"].iloc[0] + 1e-9


def test_koppelingen_wijzen_naar_transformatie_en_compensatie(mutaties, koppelingen):
    soort = mutaties.set_index("mutatie_id")["soort"]
    assert (koppelingen["transformatie_id"].map(soort) == "transformatie").all()
    assert (koppelingen["compensatie_id"].map(soort) == "compensatie").all()
    assert (koppelingen["ha"] > 0).all()


def test_minstens_een_transformatie_niet_gedekt(mutaties, koppelingen, strategie):
    alles = balance.compute_compensatiedekking(mutaties, koppelingen, strategie, "idee", alle_jaren=True)
    assert (alles["tekort_ha"] > strategie.tolerantie_ha).any()
    vast = balance.compute_compensatiedekking(mutaties, koppelingen, strategie, "hard", alle_jaren=True)
    assert (vast["tekort_ha"] > strategie.tolerantie_ha).any(), "a hard transformation is short, so T02 finds it"
    assert (alles["tekort_ha"] <= strategie.tolerantie_ha).any(), "and others are covered"


def test_checks_vinden_iets(terreinen, mutaties, koppelingen, strategie):
    codes = {b.code for b in strategy.check_strategie(terreinen, mutaties, koppelingen, strategie)}
    assert {"T02", "T03", "C01"} <= codes


def test_uitbreiding_ongeveer_70_ha(mutaties):
    u = mutaties[mutaties["soort"] == "uitbreiding"]
    hard = u[u["planstatus"].isin(["gerealiseerd", "hard"])]["ha"].sum()
    zacht = u[u["planstatus"] == "zacht"]["ha"].sum()
    assert hard + zacht == pytest.approx(70.0, abs=2.5)
    assert hard > 0 and zacht > 0
    namen = " ".join(u[u["planstatus"] == "zacht"]["naam"]).lower()
    for onzeker in ("vlietzone", "valkenburg", "ikea"):
        assert onzeker in namen, onzeker
    assert u["naam"].str.contains("Klei-Oost Zuid").any()


def test_balans_op_voorbeelddata(terreinen, mutaties, koppelingen, strategie):
    b = balance.compute_hectarebalans(terreinen, mutaties, koppelingen, strategie).set_index("gemeente")
    assert b.loc["Leiden", "compensatie_elders_ha"] >= 3.5 + 0.9 + 0.8 - 1e-9
    assert b.loc["Katwijk", "compensatie_ha"] > 0
    assert set(b["verkeerslicht"]) - {"groen"}, "the sample shows at least one problem"


# --------------------------------------------------------------------------------------
# kanszones
# --------------------------------------------------------------------------------------
def test_vier_kanszones_in_hun_terrein(geleverd):
    kz, t = geleverd["kanszones"], geleverd["terreinen"].set_index("terrein_id")
    assert len(kz) == 4
    parken = {t.loc[tid, "naam"] for tid in kz["terrein_id"]}
    assert parken == {"De Waard", "'t Heen", "Baanderij", "Grote Polder"}
    for r in kz.itertuples():
        park = t.loc[r.terrein_id].geometry
        assert park.buffer(0.05).contains(r.geometry), r.naam
        assert r.geometry.area < park.area


# --------------------------------------------------------------------------------------
# labelled as sample data
# --------------------------------------------------------------------------------------
def test_elke_rij_zegt_voorbeelddata(geleverd):
    for laag in ("terreinen", "mutaties"):
        assert geleverd[laag]["bron"].str.contains("Voorbeelddata").all(), laag
    assert geleverd["kanszones"]["toelichting"].str.contains("Voorbeelddata").all()


# --------------------------------------------------------------------------------------
# generator
# --------------------------------------------------------------------------------------
def test_generator_deterministisch(gegenereerd):
    opnieuw = voorbeeld.generate_voorbeeld()
    for laag, df in gegenereerd.items():
        pd.testing.assert_frame_equal(pd.DataFrame(opnieuw[laag]), pd.DataFrame(df), obj=laag)


def test_ander_zaad_andere_vormen(gegenereerd):
    ander = voorbeeld.generate_voorbeeld(seed=1)
    assert not ander["terreinen"].geometry.geom_equals(gegenereerd["terreinen"].geometry).all()
    assert list(ander["terreinen"]["naam"]) == list(gegenereerd["terreinen"]["naam"])


@pytest.mark.parametrize("laag", list(io.VOORBEELD_BESTANDEN))
def test_geleverde_bestanden_gelijk_aan_generator(gegenereerd, geleverd, laag):
    nieuw, oud = gegenereerd[laag], geleverd[laag]
    assert list(nieuw.columns) == list(oud.columns)
    attr = [c for c in nieuw.columns if c != "geometry"]
    pd.testing.assert_frame_equal(
        pd.DataFrame(oud[attr]).reset_index(drop=True), pd.DataFrame(nieuw[attr]).reset_index(drop=True), obj=laag
    )
    if "geometry" in nieuw.columns:
        a, b = nieuw.geometry.to_numpy(), oud.geometry.to_numpy()
        leeg_a, leeg_b = shapely.is_missing(a) | shapely.is_empty(a), shapely.is_missing(b) | shapely.is_empty(b)
        assert (leeg_a == leeg_b).all()
        afstand = shapely.hausdorff_distance(a[~leeg_a], b[~leeg_b])
        assert afstand.max(initial=0) <= 0.01, f"{laag}: geometry differs {afstand.max():.3f} m"


def test_synthetisch(strategie):
    data = voorbeeld.generate_synthetisch(500)
    t, m, k = data["terreinen"], data["mutaties"], data["koppelingen"]
    assert len(t) == 500 and len(m) == 250
    for laag, df in data.items():
        assert list(df.columns[: len(schema.kolomnamen(laag))]) == schema.kolomnamen(laag), laag
    assert t.crs.to_epsg() == 28992 and m.crs.to_epsg() == 28992
    assert t["terrein_id"].is_unique and m["mutatie_id"].is_unique
    assert t.geometry.is_valid.all()
    assert (t["netto_ha"] <= t["bruto_ha"]).all()
    assert set(m["terrein_id"]) <= set(t["terrein_id"])
    assert set(m["soort"]) <= set(schema.codes(schema.SOORTEN))
    assert set(m["planstatus"]) <= set(schema.codes(schema.PLANSTATUS))
    soort = m.set_index("mutatie_id")["soort"]
    assert (k["transformatie_id"].map(soort) == "transformatie").all()
    assert (k["compensatie_id"].map(soort) == "compensatie").all()
    assert t["bron"].str.contains("Voorbeelddata").all()
    b = balance.compute_hectarebalans(t, m, k, strategie).set_index("gemeente")
    assert len(b) == t["gemeente"].nunique() + len(strategie.gemeenten) + 1
    assert b.loc["regio", "voorraad_start_ha"] == pytest.approx(t.loc[t["koers"] != "nieuw", "netto_ha"].sum())
    # deterministic as well
    pd.testing.assert_frame_equal(pd.DataFrame(voorbeeld.generate_synthetisch(500)["mutaties"]), pd.DataFrame(m))
