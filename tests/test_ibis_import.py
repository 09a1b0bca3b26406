"""The region's real register as it comes (issue 14): the IBIS 2024 table without contours onto the
sample store, a national table with mixed peiljaren, two peiljaren one after the other, and the
safe import modes (bijwerken by default, vervangen only with a second confirmation and a choice
per orphan)."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bedrijventerreinen import aanbod, balance, ibis, io, store, strategy, toetsing

IBIS_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "ibis_2024_071.csv"

pytestmark = pytest.mark.skipif(not IBIS_CSV.exists(), reason="shared/data/ibis_2024_071.csv ligt niet naast de repo")


def _hash(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.fixture
def opslag(tmp_path, beheerder) -> store.Store:
    return store.open_store(tmp_path / "monitor.gpkg", gebruiker=beheerder)


def _ibis() -> io.ImportResultaat:
    return io.read_upload(IBIS_CSV.name, IBIS_CSV.read_bytes(), "terreinen")


def _cijfers(s: store.Store, strat: strategy.Strategie) -> tuple[pd.DataFrame, pd.DataFrame]:
    t, m, k = s.load_terreinen(), s.load_mutaties(), s.load_koppelingen()
    return balance.compute_hectarebalans(t, m, k, strat).set_index("gemeente"), aanbod.compute_vraag_aanbod(t, m, strat)


def test_ibis_2024_as_it_comes_onto_the_sample_store(opslag, strategie):
    bestand = pd.read_csv(IBIS_CSV)
    r = _ibis()
    assert not r.blokkeert
    assert any("geen contouren" in m.tekst for m in r.meldingen)
    io.apply_import(opslag, r)  # the default: bijwerken

    t = opslag.load_terreinen()
    ibis_parken = t[t["rin_nummer"].notna()]
    assert sorted(ibis_parken["rin_nummer"]) == sorted(bestand["RIN_NUMMER"].astype(str))
    codes = ibis.load_gemeentecodes()
    verwacht = dict(zip(bestand["RIN_NUMMER"].astype(str), bestand["GEM_CODES"].map(codes), strict=True))
    assert dict(zip(ibis_parken["rin_nummer"], ibis_parken["gemeente"], strict=True)) == verwacht

    voorraad = opslag.load("voorraad")
    assert set(voorraad["peiljaar"]) == {2024}
    assert voorraad["netto_ha"].sum() == pytest.approx(516.38, abs=0.01)
    b, va = _cijfers(opslag, strategie)
    assert b.loc["regio", "voorraad_peiljaar_ha"] == pytest.approx(516.38, abs=0.01)
    assert (b.loc["regio", "peiljaar_van"], b.loc["regio", "peiljaar_tot"]) == (2024, 2024)
    # uitgeefbaar of the register is supply (hard) at the reference year
    assert balance.uitgeefbaar_ha(ibis_parken).sum() == pytest.approx(14.85, abs=0.01)
    assert va["aanbod_hard_ha"].iloc[0] == pytest.approx(
        balance.uitgeefbaar_ha(t[balance.in_strategie(t, strategie)]).sum(), abs=0.01
    )
    # nothing counted twice: the end stock is the 2024 stock plus only what is not in it yet
    m = opslag.load_mutaties()
    nog = balance.select_mutaties(m, strategie)
    nog = nog[~balance.in_voorraad(nog, t)]
    teken = np.where(nog["soort"].eq("transformatie"), -1.0, np.where(nog["soort"].eq("uitgifte"), 0.0, 1.0))
    zonder_stand = t[balance.in_strategie(t, strategie) & t["peiljaar"].isna().to_numpy()]["netto_ha"].sum()
    assert b.loc["regio", "voorraad_eind_ha"] == pytest.approx(
        516.38 + zonder_stand + float((nog["ha"] * teken).sum()), abs=0.01
    )


def test_klei_oost_zuid_is_counted_once(opslag, strategie):
    """Klei-Oost Zuid is an existing 8 ha park in IBIS 2024; its realised expansion is in that
    stock and must not be added on top."""
    io.apply_import(opslag, _ibis())
    t = opslag.load_terreinen()
    koz = t[t["rin_nummer"] == "171048"].iloc[0]
    assert koz["netto_ha"] == pytest.approx(8.0) and koz["peiljaar"] == 2024
    m = opslag.load_mutaties()
    op_koz = m[(m["terrein_id"] == koz["terrein_id"]) & ~balance.is_vervallen(m)]
    in_stand = op_koz[balance.in_voorraad(op_koz, t)]
    start = balance.compute_startvoorraad(t, m, strategie).set_index("terrein_id").loc[koz["terrein_id"]]
    erbij = in_stand[in_stand["soort"].isin(["uitbreiding", "compensatie", "intensivering"])]["ha"].sum()
    assert start["start_ha"] == pytest.approx(8.0 - erbij)
    b, _ = _cijfers(opslag, strategie)
    # the park's 8 ha appear once in the end stock: start + what was realised = the 2024 stock
    assert start["start_ha"] + erbij == pytest.approx(8.0)
    assert b.loc["Katwijk", "voorraad_eind_ha"] >= 8.0


def test_parks_without_contour_get_a_finding(opslag, strategie):
    zonder = pd.read_csv(IBIS_CSV).iloc[:3].assign(RIN_NUMMER=[990001, 990002, 990003], PLAN_NAAM=["A", "B", "C"])
    r = io.read_upload("nieuw.csv", zonder.to_csv(index=False).encode(), "terreinen")
    io.apply_import(opslag, r)
    t = opslag.load_terreinen()
    bev = toetsing.check_strategie(t, opslag.load_mutaties(), opslag.load_koppelingen(), strategie)
    geen = {b.object_id for b in bev if b.code == "I03"}
    assert {"RIN-990001", "RIN-990002", "RIN-990003"} <= geen
    b, _ = _cijfers(opslag, strategie)
    assert b.loc["regio", "voorraad_peiljaar_ha"] >= zonder["HA_NETTO"].sum()  # they count


def _nationaal(n: int = 3_744) -> bytes:
    """A national IBIS table in the WFS's shape: the region's 38 rows (2024) and thousands of
    other parks all over the country (CBS codes outside the region), peiljaren 2022 and 2024."""
    regio = pd.read_csv(IBIS_CSV)
    rng = np.random.default_rng(7)
    codes = [c for c in ibis.load_gemeentecodes() if c not in set(regio["GEM_CODES"])]
    rest = pd.DataFrame(
        {
            "RIN_NUMMER": np.arange(100_000, 100_000 + n - len(regio)),
            "JAAR": rng.choice([2022, 2024], n - len(regio)),
            "PLAN_NAAM": [f"TERREIN {i}" for i in range(n - len(regio))],
            "GEM_CODES": rng.choice(codes, n - len(regio)),
            "HA_BRUTO": rng.uniform(1, 80, n - len(regio)).round(2),
        }
    )
    rest["HA_NETTO"] = (rest["HA_BRUTO"] * 0.8).round(2)
    rest["HA_TOTTUIT"] = (rest["HA_NETTO"] * 0.05).round(2)
    rest["WLOC_TYPE"] = "B"
    alles = pd.concat([rest.iloc[: n // 2], regio, rest.iloc[n // 2 :]], ignore_index=True)
    return alles.to_csv(index=False).encode()


def test_national_table_under_10_s_and_only_the_region_counts(opslag, strategie):
    data = _nationaal()
    t0 = time.perf_counter()
    r = io.read_upload("ibis_nederland.csv", data, "terreinen")
    io.apply_import(opslag, r)
    duur = time.perf_counter() - t0
    assert duur < 10, duur
    assert any("buiten de gemeenten van de strategie" in m.tekst for m in r.meldingen)
    t = opslag.load_terreinen()
    assert set(t["gemeente"]) <= set(strategie.gemeenten)
    assert opslag.load("voorraad")["netto_ha"].sum() == pytest.approx(516.38, abs=0.01)


def _variant_2023() -> bytes:
    """The 2024 file as a 2023 stock: one park 1 ha bigger, two parks with more land for sale
    (so 1,5 ha was issued during 2024), one park not yet in the register."""
    df = pd.read_csv(IBIS_CSV).assign(JAAR=2023)
    df.loc[df["RIN_NUMMER"] == 170489, "HA_NETTO"] += 1.0  # Roomburg
    df.loc[df["RIN_NUMMER"] == 170489, "HA_BRUTO"] += 1.0
    df.loc[df["RIN_NUMMER"] == 171048, "HA_TOTTUIT"] += 1.0  # Klei-Oost Zuid
    df.loc[df["RIN_NUMMER"] == 170439, "HA_TOTTUIT"] += 0.5  # Bio Science Park
    return df[df["RIN_NUMMER"] != 171068].to_csv(index=False).encode()  # no Bospoort in 2023


def test_two_peiljaren_show_change_per_park_and_uitgifte(opslag, strategie):
    io.apply_import(opslag, io.read_upload("ibis_2023.csv", _variant_2023(), "terreinen"))
    io.apply_import(opslag, _ibis())
    v = opslag.load("voorraad")
    assert sorted(v["peiljaar"].unique()) == [2023, 2024]
    per_jaar = ibis.compute_voorraad_per_jaar(v, strategie).set_index(["gemeente", "peiljaar"])
    assert per_jaar.loc[("regio", 2024), "netto_ha"] == pytest.approx(516.38, abs=0.01)
    assert per_jaar.loc[("regio", 2023), "netto_ha"] == pytest.approx(516.38 + 1.0 - 4.0, abs=0.01)

    verandering = ibis.compute_verandering(v, 2023, 2024).set_index("naam")
    roomburg = verandering[verandering["terrein_id"].isin(v.loc[v["rin_nummer"] == "170489", "terrein_id"])]
    assert roomburg["netto_verschil"].iloc[0] == pytest.approx(-1.0)
    assert (verandering["status"] == "nieuw in 2024").sum() == 1

    uitgifte = ibis.compute_uitgifte(v, strategie)
    regio = uitgifte[uitgifte["gemeente"] == "regio"].set_index("jaar")
    # Roomburg lost 1 ha netto and issued nothing; Klei-Oost Zuid and Bio Science Park issued 1,5 ha
    assert regio.loc[2024, "uitgifte_ha"] == pytest.approx(1.5 - 1.0, abs=0.01)
    assert "onder het lage pad" in ibis.describe_uitgifte(uitgifte, strategie)

    # the park figures stay those of the newest peiljaar, also when an older stock comes in later
    io.apply_import(opslag, io.read_upload("ibis_2023_opnieuw.csv", _variant_2023(), "terreinen"))
    t = opslag.load_terreinen()
    assert t.loc[t["rin_nummer"] == "170489", "netto_ha"].iloc[0] == pytest.approx(13.0)
    assert set(t.loc[t["rin_nummer"].notna(), "peiljaar"]) == {2024}


@pytest.mark.parametrize(
    ("kolommen", "peiljaar_kolom"),
    [
        pytest.param(["RIN_NUMMER", "PLAN_NAAM", "GEM_CODES", "HA_BRUTO", "HA_NETTO", "HA_TOTTUIT"], False, id="wfs"),
        pytest.param(["RIN_NUMMER", "JAAR", "PLAN_NAAM", "GEM_CODES", "HA_BRUTO", "HA_NETTO"], True, id="wfs-jaar"),
    ],
)
def test_peiljaar_from_the_file_or_asked(opslag, kolommen, peiljaar_kolom):
    data = pd.read_csv(IBIS_CSV)[kolommen].to_csv(index=False).encode()
    r = io.read_upload("stand.csv", data, "terreinen")
    io.apply_import(opslag, r, peiljaar=None if peiljaar_kolom else 2025)
    v = opslag.load("voorraad")
    jaar = 2024 if peiljaar_kolom else 2025
    assert (v["peiljaar"] == jaar).sum() == 38
    assert v.loc[v["peiljaar"] == jaar, "netto_ha"].sum() == pytest.approx(516.38, abs=0.01)


# --------------------------------------------------------------------------------------
# Safe import modes
# --------------------------------------------------------------------------------------
def _vervang_met_minder(opslag) -> io.ImportResultaat:
    """A stock table that names only the first ten parks of the store (with contours)."""
    t = opslag.load_terreinen().iloc[:10]
    return io.read_upload("tien.geojson", t.to_json().encode(), "terreinen")


def test_vervangen_without_second_confirmation_changes_nothing(opslag):
    voor = _hash(opslag.path)
    r = _vervang_met_minder(opslag)
    with pytest.raises(io.InvoerFout, match="tweede bevestiging"):
        io.apply_import(opslag, r, "vervangen")
    assert _hash(opslag.path) == voor
    assert opslag.list_snapshots().empty


def test_vervangen_names_orphans_and_refuses_without_a_choice(opslag):
    r = _vervang_met_minder(opslag)
    huidig = {laag: opslag.load(laag) for laag in ("terreinen", "voorraad", "mutaties", "kanszones")}
    plan = io.plan_import(huidig, r, "vervangen")
    assert len(plan.weg) == len(huidig["terreinen"]) - 10
    assert len(plan.wezen) > 0 and set(plan.wezen["laag"]) <= {"mutaties", "kanszones"}
    voor = _hash(opslag.path)
    with pytest.raises(io.InvoerFout, match="Kies wat er gebeurt"):
        io.apply_import(opslag, r, "vervangen", bevestigd=True)
    assert _hash(opslag.path) == voor


@pytest.mark.parametrize("keuze", ["koppelen", "vervallen"])
def test_every_orphan_choice_leaves_no_dangling_reference(opslag, strategie, keuze):
    r = _vervang_met_minder(opslag)
    huidig = {laag: opslag.load(laag) for laag in ("terreinen", "voorraad", "mutaties", "kanszones")}
    wezen = io.plan_import(huidig, r, "vervangen").wezen
    blijft = str(r.gdf["terrein_id"].iloc[0])
    keuzes = {
        f"{w.laag}:{w.object_id}": (f"koppelen:{blijft}" if keuze == "koppelen" else "vervallen")
        for w in wezen.itertuples(index=False)
    }
    io.apply_import(opslag, r, "vervangen", bevestigd=True, wezen_keuzes=keuzes)
    t, m, kz = opslag.load_terreinen(), opslag.load_mutaties(), opslag.load_kanszones()
    assert len(t) == 10
    levend = m[~balance.is_vervallen(m) & m["terrein_id"].notna()]
    assert levend["terrein_id"].isin(set(t["terrein_id"])).all()
    assert kz["terrein_id"].isin(set(t["terrein_id"])).all()
    bev = toetsing.check_strategie(t, m, opslag.load_koppelingen(), strategie, kanszones=kz)
    assert not [b for b in bev if b.code == "I01"]
    wees = wezen[wezen["laag"] == "mutaties"]["object_id"].iloc[0]
    rij = m[m["mutatie_id"] == wees].iloc[0]
    if keuze == "koppelen":
        assert rij["terrein_id"] == blijft and pd.isna(rij["vervallen"])
    else:
        assert pd.notna(rij["vervallen"])  # kept for history, counts nowhere
    log = opslag.load_audit()
    assert (log["actie"] == "import: verwijzing aangepast").sum() == len(wezen)


def test_bijwerken_is_the_default_and_touches_nothing_else(opslag):
    voor = opslag.load_terreinen()
    r = io.read_upload("twee.geojson", voor.iloc[:2].assign(netto_ha=[1.0, 1.0]).to_json().encode(), "terreinen")
    assert next(iter(io.MODI)) == "bijwerken"
    io.apply_import(opslag, r)
    na = opslag.load_terreinen()
    assert len(na) == len(voor)
    assert list(na.set_index("terrein_id").loc[voor["terrein_id"].iloc[:2], "netto_ha"]) == [1.0, 1.0]
