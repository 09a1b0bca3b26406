"""Import of external files: the bad-input corpus, automatic column mapping (IBIS), CRS
recognition, safe zip handling, saved column mappings, merge/diff and the import transaction."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io as _io
import json
import math
import shutil
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bedrijventerreinen import io, store

CORPUS = Path(__file__).resolve().parent / "corpus"
VERWACHT = list(csv.DictReader((CORPUS / "verwacht.csv").read_text(encoding="utf-8").splitlines()))
WKT = shapely.box(93_000, 464_000, 93_200, 464_200).wkt  # 4 ha in Leiden (RD)


def _lees(bestand: str) -> bytes:
    return (CORPUS / "bestanden" / bestand).read_bytes()


def _hash(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sjabloon(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the sample data, created once; tests copy it."""
    pad = tmp_path_factory.mktemp("sjabloon") / "monitor.gpkg"
    store.open_store(pad)
    return pad


@pytest.fixture
def opslag(sjabloon: Path, tmp_path: Path, beheerder) -> store.Store:
    """A copy of the sample store, acting as the test beheerder (who may import)."""
    pad = tmp_path / "monitor.gpkg"
    shutil.copyfile(sjabloon, pad)
    return store.open_store(pad, gebruiker=beheerder)


def test_corpus_is_complete() -> None:
    assert len(VERWACHT) >= 150
    for r in VERWACHT:
        assert (CORPUS / "bestanden" / r["bestand"]).exists(), r["bestand"]
    assert (CORPUS / "bestanden" / "zip_bom.zip").stat().st_size < 200_000


@pytest.mark.parametrize("geval", VERWACHT, ids=[r["bestand"] for r in VERWACHT])
def test_corpus_gives_dutch_error_or_repaired_result(geval: dict[str, str]) -> None:
    data = _lees(geval["bestand"])
    if geval["uitkomst"] == "fout":
        with pytest.raises(io.InvoerFout) as fout:
            io.read_upload(geval["bestand"], data, geval["laag"])
        tekst = str(fout.value)
        assert geval["trefwoord"] in tekst
        assert "Traceback" not in tekst and "Error" not in tekst
        return
    r = io.read_upload(geval["bestand"], data, geval["laag"])
    assert r.blokkeert is (geval["uitkomst"] == "blokkeert")
    if geval["uitkomst"] == "weigert":  # refused at commit by the register's rules (test_corpus_volledig)
        return
    if geval["trefwoord"]:
        assert any(geval["trefwoord"] in m.tekst for m in r.meldingen), [m.tekst for m in r.meldingen]
    assert all(m.tekst and isinstance(m.blokkeert, bool) for m in r.meldingen)
    if isinstance(r.gdf, gpd.GeoDataFrame):
        assert r.gdf.crs == "EPSG:28992"


@pytest.mark.parametrize(
    "geval",
    [r for r in VERWACHT if r["uitkomst"] != "melding"],
    ids=[r["bestand"] for r in VERWACHT if r["uitkomst"] != "melding"],
)
def test_refused_import_leaves_store_byte_for_byte_unchanged(geval: dict[str, str], opslag: store.Store) -> None:
    voor = _hash(opslag.path)
    with pytest.raises(io.InvoerFout) as fout:
        r = io.read_upload(geval["bestand"], _lees(geval["bestand"]), geval["laag"])
        io.apply_import(opslag, r, "vervangen", bevestigd=True, wezen_keuzes=_alles_vervallen(opslag, r))
    if geval["uitkomst"] == "weigert":
        assert geval["trefwoord"] in str(fout.value)
    assert _hash(opslag.path) == voor
    assert opslag.list_snapshots().empty


def test_oversize_file_is_refused_before_parsing() -> None:
    te_groot = b" " * (int(io.LIMIETEN["max_bestand_mb"] * 1024 * 1024) + 1)
    with pytest.raises(io.InvoerFout, match="grens is 50 MB"):
        io.read_upload("groot.geojson", te_groot)
    with pytest.raises(io.InvoerFout, match="grens"):
        io.read_upload("terreinen.geojson", _lees("rd_zonder_crs.geojson"), max_bytes=100)


def test_blocking_findings_name_row_and_field() -> None:
    r = io.read_upload("dubbele_ids.geojson", _lees("dubbele_ids.geojson"))
    dubbel = [m for m in r.meldingen if m.blokkeert]
    assert [(m.rij, m.veld) for m in dubbel] == [(1, "terrein_id"), (2, "terrein_id")]
    frame = r.meldingen_frame()
    assert list(frame.columns) == ["Rij", "Veld", "Melding", "Blokkeert"]
    assert set(frame["Blokkeert"]) == {"ja"}


def test_csv_rows_are_numbered_as_in_the_spreadsheet() -> None:
    data = f"terrein_id;naam;gemeente;bruto_ha;netto_ha;koers;geometrie\nT-1;A;Leiden;4;3;behouden;{WKT}\nT-2;B;Leiden;4;-3;behouden;{WKT}\n"
    r = io.read_upload("t.csv", data.encode())
    negatief = next(m for m in r.meldingen if "negatief" in m.tekst)
    assert negatief.rij == 3  # header is row 1


def _een_rij_kapot() -> bytes:
    """Two parks: T-1 with a point where a contour belongs (blocks), T-2 good."""
    fc = json.loads(_lees("lege_geometrie.geojson"))
    fc["features"][0]["geometry"] = {"type": "Point", "coordinates": [94100, 464100]}
    return json.dumps(fc).encode()


def test_skipping_blocking_rows_keeps_the_good_ones() -> None:
    r = io.read_upload("een_rij_kapot.geojson", _een_rij_kapot())
    assert r.blokkeert and r.alleen_rijen_blokkeren
    goed = r.zonder_blokkerende_rijen()
    assert not goed.blokkeert
    assert list(goed.gdf["terrein_id"]) == ["T-2"]
    assert any(m.tekst.startswith("Overgeslagen") for m in goed.meldingen)


def test_unclosed_ring_and_bowtie_are_repaired_to_valid_polygons() -> None:
    for bestand in ("ring_niet_gesloten.geojson", "zelfdoorsnijdend.geojson"):
        r = io.read_upload(bestand, _lees(bestand))
        assert not r.blokkeert
        assert r.gdf.geometry.is_valid.all() and (r.gdf.geometry.area > 0).all()


def test_crs_mistakes_end_in_the_right_place() -> None:
    """RD declared as WGS84, swapped WGS84 axes and swapped RD axes all land on the same park."""
    for bestand in ("rd_als_wgs84.geojson", "rd_omgedraaid.geojson", "rd_zonder_crs.geojson"):
        r = io.read_upload(bestand, _lees(bestand))
        x0, y0, _, _ = r.gdf.total_bounds
        assert (round(x0), round(y0)) == (93_000, 464_000), bestand
    r = io.read_upload("wgs84_omgedraaid.geojson", _lees("wgs84_omgedraaid.geojson"))
    x0, y0, _, _ = r.gdf.total_bounds
    assert 90_000 < x0 < 100_000 and 460_000 < y0 < 470_000  # Leiden


def test_cp1252_text_is_read_correctly() -> None:
    shp = io.read_upload("cp1252_shapefile.zip", _lees("cp1252_shapefile.zip"))
    assert shp.gdf["naam"].iloc[0] == "’t Heen café"
    tabel = io.read_upload("cp1252.csv", _lees("cp1252.csv"))
    assert tabel.gdf["naam"].iloc[0] == "Café ’t Heen"
    assert tabel.gdf["bruto_ha"].iloc[0] == 4.0  # decimal comma


def test_geopackage_layer_choice() -> None:
    data = _lees("twee_lagen.gpkg")
    assert set(io.list_bronlagen("x.gpkg", data)) == {"contouren", "terreinen"}
    assert list(io.read_upload("x.gpkg", data).gdf["terrein_id"]) == ["T-9"]  # the layer named like the target
    assert list(io.read_upload("x.gpkg", data, bronlaag="contouren").gdf["terrein_id"]) == ["T-1"]
    with pytest.raises(io.InvoerFout, match="staat niet in"):
        io.read_upload("x.gpkg", data, bronlaag="bestaat_niet")


def test_nothing_is_written_outside_the_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    werk = tmp_path / "werk" / "a" / "b"
    werk.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(werk))
    for bestand in ("zip_slip.zip", "zip_absoluut_pad.zip", "zip_symlink.zip", "zip_bom.zip", "cp1252_shapefile.zip"):
        with contextlib.suppress(io.InvoerFout):
            io.read_upload(bestand, _lees(bestand))
    assert list(werk.iterdir()) == []  # temporary folders removed
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a", "b", "werk"]


def test_zip_with_lying_header_sizes_is_stopped() -> None:
    """A zip whose central directory claims a small size but holds more is not unpacked whole."""
    buf = _io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("terreinen.geojson", b"{" + b" " * 2_000_000 + b"}")
    data = bytearray(buf.getvalue())
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (10).to_bytes(4, "little")  # uncompressed size in the central directory
    with pytest.raises(io.InvoerFout):
        io.read_upload("leugen.zip", bytes(data))


def _ibis_tabel() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "RIN_Nummer": ["5460001", "5460002"],
            "Plannaam": ["De Waard", "Vlietzone"],
            "Kern": ["Leiden", "Leiden"],
            "Gemeente": ["LEIDEN", "Leiden"],
            "Max_milieucategorie": ["4", "3"],
            "Bruto": ["4,0", "4,0"],
            "Netto_ha": ["3,2", "3,0"],
            "Terstond_uitgeefbaar_gemeente_ha": ["0,5", ""],
            "Terstond_uitgeefbaar_particulier_ha": ["0,25", ""],
            "Niet_terstond_uitgeefbaar_gemeente_ha": ["0", "3,0"],
            "Niet_terstond_uitgeefbaar_particulier_ha": ["0,1", ""],
            "Totaal_uitgegeven_tm_vorig_jaar_ha": ["2,0", "0"],
            "Uitgifte_huidig_jaar_ha": ["0,3", "0"],
            "Oppervlakte_transformatie": ["0", "0"],
            "Werklocatietype": ["bedrijventerrein", "bedrijventerrein"],
            "Planfase": ["onherroepelijk", "structuurvisie"],
            "Jaar": ["2025", "2025"],
            "Geometrie": [WKT, shapely.box(95_000, 462_000, 95_200, 462_200).wkt],
        }
    )


def _check_ibis(r: io.ImportResultaat) -> None:
    assert not r.blokkeert, [m.tekst for m in r.meldingen if m.blokkeert]
    t = r.gdf.set_index("terrein_id")
    assert list(t.index) == ["RIN-5460001", "RIN-5460002"]  # provisional: the import matches them to parks
    assert list(t["rin_nummer"]) == ["5460001", "5460002"]
    assert list(t["peiljaar"]) == [2025, 2025]
    t = t.rename(index=lambda i: i.removeprefix("RIN-"))
    assert t.loc["5460001", "naam"] == "De Waard"
    assert t.loc["5460001", "gemeente"] == "Leiden"  # matched to the strategy's spelling
    assert t.loc["5460001", "uitgeefbaar_terstond_ha"] == pytest.approx(0.75)  # gemeente + particulier
    assert t.loc["5460001", "uitgegeven_ha"] == pytest.approx(2.3)
    assert pd.isna(t.loc["5460002", "uitgeefbaar_terstond_ha"])  # both parts empty: unknown, not 0
    assert list(t["koers"]) == ["behouden", "nieuw"]  # from Planfase
    assert t.loc["5460002", "milieucategorie_max"] == 3
    assert list(t["werklocatietype"]) == ["bedrijventerrein", "bedrijventerrein"]
    assert t.loc["5460001", "uitgifte_ha"] == pytest.approx(0.3)  # also part of uitgegeven
    assert "Oppervlakte_transformatie" in r.gdf.columns  # unmapped columns are kept
    assert any("Planfase" in m.tekst for m in r.meldingen)


def test_ibis_csv_imports_with_automatic_mapping() -> None:
    data = _ibis_tabel().to_csv(sep=";", index=False).encode("cp1252")
    _check_ibis(io.read_upload("ibis_export.csv", data))


def test_ibis_xlsx_imports_with_automatic_mapping() -> None:
    buf = _io.BytesIO()
    _ibis_tabel().to_excel(buf, index=False, sheet_name="IBIS")
    _check_ibis(io.read_upload("ibis_export.xlsx", buf.getvalue()))


def test_planfase_becomes_planstatus_for_mutaties() -> None:
    data = (
        "mutatie_id,soort,gemeente,naam,ha,Planfase,jaar\n"
        "M-1,transformatie,Leiden,Lammenschans,1.5,Vastgesteld,2024\n"
        "M-2,compensatie,Katwijk,Florapark,1.5,onderzoekslocatie,2026\n"
    )
    r = io.read_upload("plannen.csv", data.encode(), "mutaties")
    assert list(r.gdf["planstatus"]) == ["hard", "zacht"]


def test_user_mapping_and_saved_mapping(tmp_path: Path, beheerder) -> None:
    data = f'code,omschrijving,gem,opp_bruto,opp_netto,wkt\nX1,Terrein X,Leiden,4,3,"{WKT}"\n'.encode()
    with pytest.raises(io.KolommenOntbreken) as fout:
        io.read_upload("gemeente.csv", data)
    assert set(fout.value.ontbrekend) == {"naam", "gemeente", "netto_ha"}
    assert "omschrijving" in fout.value.bronkolommen
    koppeling = {"omschrijving": "naam", "gem": "gemeente", "opp_netto": "netto_ha", "opp_bruto": "bruto_ha"}
    r = io.read_upload("gemeente.csv", data, koppeling=koppeling)
    assert (r.gdf["naam"].iloc[0], r.gdf["netto_ha"].iloc[0], r.gdf["bruto_ha"].iloc[0]) == ("Terrein X", 3.0, 4.0)

    pad = io.save_kolomkoppeling(
        "../../Gemeente Leiden 2026", "terreinen", r.koppeling, map_=tmp_path, gebruiker=beheerder
    )
    assert pad.parent == tmp_path  # the label is data, never a path
    opgeslagen = io.load_kolomkoppelingen("terreinen", map_=tmp_path)
    assert list(opgeslagen) == ["../../Gemeente Leiden 2026"]
    volgend_jaar = io.read_upload("gemeente_2027.csv", data, koppeling=opgeslagen["../../Gemeente Leiden 2026"])
    assert volgend_jaar.gdf["naam"].iloc[0] == "Terrein X"
    assert io.load_kolomkoppelingen("mutaties", map_=tmp_path) == {}


def _alles_vervallen(opslag: store.Store, r: io.ImportResultaat) -> dict[str, str]:
    """The orphan choices of a *vervangen* import: retire every mutatie and kanszone of a park that goes."""
    huidig = {laag: opslag.load(laag) for laag in ("terreinen", "voorraad", "mutaties", "kanszones")}
    wezen = io.plan_import(huidig, r, "vervangen").wezen
    return {f"{w.laag}:{w.object_id}": "vervallen" for w in wezen.itertuples(index=False)}


def test_merge_and_diff(opslag: store.Store) -> None:
    huidig = opslag.load_terreinen()
    nieuw = huidig.iloc[:2].copy()
    nieuw.loc[nieuw.index[0], "netto_ha"] += 1.0
    extra = huidig.iloc[[0]].assign(terrein_id="NIEUW-1", naam="Nieuw terrein")
    nieuw = pd.concat([nieuw, extra])

    samen = io.merge_laag(huidig, nieuw, "terreinen", "bijwerken")
    assert len(samen) == len(huidig) + 1
    v = io.compute_verschil(huidig, samen, "terreinen").set_index("sleutel")
    assert v.loc[huidig["terrein_id"].iloc[0], "status"] == "gewijzigd"
    assert v.loc[huidig["terrein_id"].iloc[0], "velden"] == "netto_ha"
    assert v.loc[huidig["terrein_id"].iloc[1], "status"] == "ongewijzigd"
    assert v.loc["NIEUW-1", "status"] == "toegevoegd"

    vervangen = io.merge_laag(huidig, nieuw, "terreinen", "vervangen")
    s = io.summarize_verschil(io.compute_verschil(huidig, vervangen, "terreinen")).set_index("status")
    assert s.loc["verwijderd", "aantal"] == len(huidig) - 2
    assert s.loc["toegevoegd", "aantal"] == 1
    assert s.loc["gewijzigd", "ha_na"] - s.loc["gewijzigd", "ha_voor"] == pytest.approx(1.0)


def test_apply_import_is_one_transaction_with_snapshot(opslag: store.Store) -> None:
    assert opslag.is_voorbeeld
    versie = opslag.version
    r = io.read_upload("rd_zonder_crs.geojson", _lees("rd_zonder_crs.geojson"))
    nieuwe_versie, snapshot = io.apply_import(
        opslag, r, "vervangen", verwachte_versie=versie, bevestigd=True, wezen_keuzes=_alles_vervallen(opslag, r)
    )
    assert nieuwe_versie == versie + 1
    assert list(opslag.load_terreinen()["terrein_id"]) == ["T-1", "T-2"]
    assert "terreinen" not in opslag.voorbeeld_lagen  # real parks now; the other layers are still sample
    log = opslag.load_audit()
    assert list(log[["actie", "laag", "object_id", "veld"]].iloc[-1]) == [
        "import",
        "terreinen",
        "rd_zonder_crs.geojson",
        "vervangen",
    ]
    assert store.Store(snapshot).load_terreinen()["terrein_id"].str.startswith("LEI").any()

    with pytest.raises(store.VersieConflict):
        io.apply_import(opslag, r, "samenvoegen", verwachte_versie=versie)

    opslag.restore_snapshot(snapshot)
    assert opslag.load_terreinen()["terrein_id"].str.startswith("LEI").any()


def test_mutaties_import_bumps_versie(opslag: store.Store, beheerder) -> None:
    huidig = opslag.load_mutaties()
    data = (
        "mutatie_id,soort,gemeente,naam,ha,planstatus,jaar\n"
        + f"{huidig['mutatie_id'].iloc[0]},transformatie,Leiden,X,1,hard,2024\n"
    )
    r = io.read_upload("m.csv", data.encode(), "mutaties")
    io.apply_import(opslag, r, "bijwerken")
    na = opslag.load_mutaties().set_index("mutatie_id").loc[huidig["mutatie_id"].iloc[0]]
    assert na["versie"] == huidig["versie"].iloc[0] + 1
    assert na["gewijzigd_door"] == beheerder.audit_naam == "beheerder"
    assert opslag.is_voorbeeld  # only replacing terreinen makes the store real data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=400),
    ext=st.sampled_from([".geojson", ".json", ".gpkg", ".zip", ".csv", ".xlsx", ".shp", ".txt", ""]),
    laag=st.sampled_from(list(store.LAGEN)),
)
def test_random_bytes_never_escape_as_another_exception(data: bytes, ext: str, laag: str) -> None:
    try:
        r = io.read_upload(f"bestand{ext}", data, laag)
    except io.InvoerFout as e:
        assert str(e)
    else:
        assert isinstance(r.meldingen, list)


def test_columns_the_file_lacks_keep_their_current_values(opslag: store.Store) -> None:
    """An IBIS export has no koers or typologie: existing parks keep theirs, new ones get the derived koers."""
    huidig = opslag.load_terreinen().set_index("terrein_id")
    assert huidig.loc["LEI-02", "koers"] == "intensiveren"
    wkt = shapely.to_wkt(huidig.loc["LEI-02", "geometry"])
    data = (
        "RIN_Nummer;Plannaam;Gemeente;Bruto;Netto_ha;Planfase;Geometrie\n"
        f'LEI-02;De Waard;Leiden;32,0;26,0;onherroepelijk;"{wkt}"\n'
        f'NIEUW-1;Nieuw park;Leiden;4,0;3,0;ontwerp;"{WKT}"\n'
    )
    r = io.read_upload("ibis.csv", data.encode())
    assert {"koers", "typologie", "milieucategorie_max"} <= set(r.behouden_kolommen())
    assert "netto_ha" not in r.behouden_kolommen()
    io.apply_import(opslag, r, "bijwerken")
    na = opslag.load_terreinen().set_index("terrein_id")
    assert na.loc["LEI-02", ["koers", "typologie", "netto_ha"]].tolist() == ["intensiveren", "gemengd", 26.0]
    assert na.loc["RIN-NIEUW-1", "koers"] == "nieuw"  # derived from Planfase 'ontwerp'
    assert len(na) == len(huidig) + 1


def test_zip_with_too_many_entries_is_refused() -> None:
    buf = _io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(int(io.LIMIETEN["max_zip_onderdelen"]) + 1):
            zf.writestr(f"deel{i}.txt", b"x")
    with pytest.raises(io.InvoerFout, match="te veel"):
        io.read_upload("veel.zip", buf.getvalue())


def test_extra_columns_that_clash_in_a_geopackage_are_dropped_and_the_import_lands(opslag: store.Store) -> None:
    data = f'terrein_id;naam;NAAM ;gemeente;bruto_ha;netto_ha;koers;Noot;noot;geometrie\nT-1;A;B;Leiden;4;3;behouden;x;y;"{WKT}"\n'
    r = io.read_upload("botsing.csv", data.encode())
    assert [c for c in r.gdf.columns if c.strip().lower() in ("naam", "noot")] == ["naam", "Noot"]
    assert sum("botst" in m.tekst for m in r.meldingen) == 2
    io.apply_import(opslag, r, "vervangen", bevestigd=True, wezen_keuzes=_alles_vervallen(opslag, r))
    assert opslag.load_terreinen()["Noot"].tolist() == ["x"]


# -- issue 16: numbers, koppelingen, places, text, geometry edge cases ---------------------

KOP = "terrein_id;naam;gemeente;bruto_ha;netto_ha;koers;geometrie\n"


def _terrein_csv(*rijen: str) -> bytes:
    return (KOP + "".join(f"{r}\n" for r in rijen)).encode()


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [("1,250.5", 1250.5), ("1.250,5", 1250.5), ("12,5", 12.5), ("1250.5", 1250.5), ("0,3", 0.3)],
)
def test_import_numbers_follow_the_one_dutch_rule(waarde: str, verwacht: float) -> None:
    r = io.read_upload("getal.csv", _terrein_csv(f'X-1;A;Leiden;"{waarde}";0,2;behouden;"{WKT}"'), "terreinen")
    assert r.gdf["bruto_ha"].iloc[0] == pytest.approx(verwacht)


def test_ambiguous_import_number_blocks_its_row_naming_the_value() -> None:
    r = io.read_upload("getal.csv", _terrein_csv(f'X-1;A;Leiden;1.250;0,2;behouden;"{WKT}"'), "terreinen")
    assert r.blokkeert
    fout = [m for m in r.meldingen if m.blokkeert and m.veld == "bruto_ha"]
    assert fout and fout[0].rij == 2 and "'1.250'" in fout[0].tekst and "niet eenduidig" in fout[0].tekst


@pytest.mark.parametrize(
    ("rij", "tekst"),
    [
        ("T-99;C-99;3", "T-99 is geen geldige transformatie"),
        ("C-01;T-01;2", "C-01 is geen geldige transformatie"),
        ("T-01;C-01;4999", "er is nog hoogstens"),
    ],
)
def test_koppelingen_import_goes_through_the_register_rules(rij: str, tekst: str, opslag: store.Store) -> None:
    from bedrijventerreinen import register
    from bedrijventerreinen.strategy import load_strategie

    voor = _hash(opslag.path)
    r = io.read_upload("koppelingen.csv", f"transformatie_id;compensatie_id;ha\n{rij}\n".encode(), "koppelingen")
    with pytest.raises(io.InvoerFout, match=tekst) as fout:
        io.apply_import(opslag, r, "bijwerken")
    assert _hash(opslag.path) == voor
    assert opslag.list_snapshots().empty
    # the same Dutch sentences as when typed on the Transformatie page (as a change of T-01 → C-01)
    t, c, ha = rij.split(";")
    lagen = [opslag.load(laag) for laag in ("terreinen", "mutaties", "koppelingen")]
    omgeving = register.Omgeving(*lagen, load_strategie(), koppeling=(t, c))
    getypt = register.validate_koppeling({"transformatie_id": t, "compensatie_id": c, "ha": float(ha)}, omgeving)
    assert getypt and all(m.tekst in str(fout.value) for m in getypt)


def test_a_valid_koppelingen_import_still_lands(opslag: store.Store) -> None:
    r = io.read_upload("koppelingen.csv", b"transformatie_id;compensatie_id;ha\nT-01;C-01;1,0\n", "koppelingen")
    io.apply_import(opslag, r, "bijwerken")
    k = opslag.load("koppelingen")
    assert k.loc[(k["transformatie_id"] == "T-01") & (k["compensatie_id"] == "C-01"), "ha"].tolist() == [1.0]


def _geojson(lon: float, lat: float, gemeente: str = "Leiden") -> bytes:
    d = 0.002
    ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
    return json.dumps({
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "properties": {"terrein_id": "X-1", "naam": "A", "gemeente": gemeente, "bruto_ha": 3.0, "netto_ha": 2.0},
            "geometry": {"type": "Polygon", "coordinates": [ring]},
        }],
    }).encode()  # fmt: skip


@pytest.mark.parametrize(
    ("plek", "lon", "lat"), [("Noordzee", 3.9, 52.4), ("bij Aken", 6.0, 50.8), ("bij Antwerpen", 4.42, 51.25)]
)
def test_a_park_outside_the_region_blocks(plek: str, lon: float, lat: float) -> None:
    r = io.read_upload("plek.geojson", _geojson(lon, lat), "terreinen")
    assert any(m.blokkeert and "buiten de regio" in m.tekst for m in r.meldingen), (plek, r.meldingen)


def test_an_rd_polygon_in_groningen_named_leiden_blocks() -> None:
    groningen = shapely.box(233_000, 582_000, 233_200, 582_200).wkt
    r = io.read_upload("groningen.csv", _terrein_csv(f'X-1;A;Leiden;4;3;behouden;"{groningen}"'), "terreinen")
    assert r.blokkeert and any("buiten de regio" in m.tekst for m in r.meldingen)


def test_a_park_far_from_its_gemeente_gets_a_finding_but_may_be_imported() -> None:
    # in the region (near Leiden) but named Katwijk... and one in Zoeterwoude named Katwijk, 9 km away
    ver = shapely.box(96_000, 460_000, 96_200, 460_200).wkt
    r = io.read_upload("ver.csv", _terrein_csv(f'X-1;A;Katwijk;4;3;behouden;"{ver}"'), "terreinen")
    assert not r.blokkeert
    assert any("km van het centrum van Katwijk" in m.tekst and not m.blokkeert for m in r.meldingen)
    r = io.read_upload("dichtbij.csv", _terrein_csv(f'X-1;A;Leiden;4;3;behouden;"{WKT}"'), "terreinen")
    assert not any("km van het centrum" in m.tekst for m in r.meldingen)


def test_import_text_is_normalised_and_invisible_characters_are_removed() -> None:
    r = io.read_upload(
        "tekst.csv",
        _terrein_csv(f'LEI-01\u200b;Cafe\u0301 \u202eX;Leiden;4;3;behouden;"{WKT}"'),
        "terreinen",
    )
    assert r.gdf["terrein_id"].tolist() == ["LEI-01"]
    assert r.gdf["naam"].tolist() == ["Caf\u00e9 X"]
    assert {m.veld for m in r.meldingen if "onzichtbare tekens" in m.tekst and not m.blokkeert} >= {
        "terrein_id",
        "naam",
    }


def test_nul_in_geojson_text_does_not_cut_it_short() -> None:
    data = _geojson(4.49, 52.16).replace(b'"naam": "A"', b'"naam": "Ab\\u0000cd"')
    r = io.read_upload("nul.geojson", data, "terreinen")
    assert r.gdf["naam"].tolist() == ["Abcd"]


def test_names_longer_than_the_register_allows_are_refused() -> None:
    from bedrijventerreinen.register import MAX_NAAM

    r = io.read_upload("lang.csv", _terrein_csv(f'X-1;{"x" * (MAX_NAAM + 1)};Leiden;4;3;behouden;"{WKT}"'), "terreinen")
    assert r.blokkeert and any(m.veld == "naam" and m.blokkeert and str(MAX_NAAM) in m.tekst for m in r.meldingen)
    r = io.read_upload("kort.csv", _terrein_csv(f'X-1;{"x" * MAX_NAAM};Leiden;4;3;behouden;"{WKT}"'), "terreinen")
    assert not r.blokkeert


def test_a_broken_year_blocks_instead_of_rounding() -> None:
    data = f'mutatie_id;soort;naam;gemeente;ha;planstatus;jaar;geometrie\nM-1;transformatie;A;Leiden;1;hard;2025.5;"{WKT}"\n'
    r = io.read_upload("jaar.csv", data.encode(), "mutaties")
    assert r.blokkeert and any(m.veld == "jaar" and "'2025.5'" in m.tekst and m.blokkeert for m in r.meldingen)


def test_m_dimension_wkt_is_refused_at_validation(opslag: store.Store) -> None:
    m = "POLYGON M ((93000 464000 1, 93200 464000 1, 93200 464200 1, 93000 464200 1, 93000 464000 1))"
    r = io.read_upload("m.csv", _terrein_csv(f'X-1;A;Leiden;4;3;behouden;"{m}"'), "terreinen")
    assert r.blokkeert and any("M-waarde" in x.tekst for x in r.meldingen)


def test_a_table_with_too_many_columns_is_refused_before_commit(opslag: store.Store) -> None:
    extra = [f"k{i}" for i in range(2_000)]
    data = ";".join([*KOP.strip().split(";"), *extra]) + "\n"
    data += ";".join(["X-1", "A", "Leiden", "4", "3", "behouden", f'"{WKT}"', *["1"] * len(extra)]) + "\n"
    with pytest.raises(io.InvoerFout, match="kolommen"):
        io.read_upload("breed.csv", data.encode(), "terreinen")
    assert opslag.list_snapshots().empty


def test_the_apps_own_csv_export_of_a_long_contour_reimports(opslag: store.Store) -> None:
    from bedrijventerreinen import export

    hoeken = [(93_100 + 100 * math.cos(2 * math.pi * i / 8_000), 464_100 + 100 * math.sin(2 * math.pi * i / 8_000))
              for i in range(8_000)]  # fmt: skip
    t = opslag.load_terreinen().iloc[[0]].copy()
    t = t.set_geometry(gpd.GeoSeries([shapely.Polygon(hoeken)], index=t.index, crs=t.crs))
    csv_bytes = export.export_csv(t, "terreinen")
    assert len(csv_bytes) > 131_072
    r = io.read_upload("export.csv", csv_bytes, "terreinen")
    assert not any("WKT" in m.tekst and m.blokkeert for m in r.meldingen)
    assert not shapely.is_missing(r.gdf.geometry.iloc[0])


def test_a_third_coordinate_on_one_vertex_is_dropped_with_a_note() -> None:
    wkt = "POLYGON ((93000 464000, 93200 464000 5, 93200 464200, 93000 464200, 93000 464000))"
    r = io.read_upload("z.csv", _terrein_csv(f'X-1;A;Leiden;4;3;behouden;"{wkt}"'), "terreinen")
    assert not r.blokkeert
    assert any("derde coördinaat" in m.tekst and not m.blokkeert for m in r.meldingen)
    assert shapely.get_coordinates(r.gdf.geometry.iloc[0]).shape[1] == 2
