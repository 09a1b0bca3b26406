"""Exports: GeoPackage/GeoJSON/CSV round trips through the importer, and the Excel workbook."""

from __future__ import annotations

import io as _io
from pathlib import Path

import openpyxl
import pandas as pd
import pyogrio
import pytest

from bedrijventerreinen import balance, export, io, store, strategy


@pytest.fixture(scope="module")
def bron(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    s = store.open_store(tmp_path_factory.mktemp("bron") / "monitor.gpkg")
    return {laag: s.load(laag) for laag in store.LAGEN}


@pytest.fixture(scope="module")
def strat() -> strategy.Strategie:
    return strategy.load_strategie()


def _balans(lagen: dict[str, pd.DataFrame], strat: strategy.Strategie, vanaf: str) -> pd.DataFrame:
    return balance.compute_hectarebalans(lagen["terreinen"], lagen["mutaties"], lagen["koppelingen"], strat, vanaf)


def test_geopackage_round_trip_gives_identical_balance(
    bron: dict[str, pd.DataFrame], strat: strategy.Strategie, tmp_path: Path, beheerder
) -> None:
    gpkg = export.export_gpkg(bron)
    pad = tmp_path / "export.gpkg"
    pad.write_bytes(gpkg)
    info = pyogrio.read_info(pad, layer="terreinen")
    assert info["crs"] == "EPSG:28992"  # opens in QGIS in RD New

    doel = store.create_store(tmp_path / "nieuw.gpkg", {}).als(beheerder)  # importing needs a beheerder
    for laag in ("terreinen", "mutaties", "koppelingen", "kanszones"):
        r = io.read_upload("export.gpkg", gpkg, laag, bronlaag=laag)
        assert not r.blokkeert and r.meldingen == []
        io.apply_import(doel, r, "vervangen")
    terug = {laag: doel.load(laag) for laag in store.LAGEN}
    for vanaf in ("hard", "idee"):
        pd.testing.assert_frame_equal(_balans(bron, strat, vanaf), _balans(terug, strat, vanaf))
    pd.testing.assert_frame_equal(
        strategy.bevindingen_frame(
            strategy.check_strategie(bron["terreinen"], bron["mutaties"], bron["koppelingen"], strat)
        ),
        strategy.bevindingen_frame(
            strategy.check_strategie(terug["terreinen"], terug["mutaties"], terug["koppelingen"], strat)
        ),
    )


@pytest.mark.parametrize("laag", ["terreinen", "mutaties", "koppelingen", "kanszones"])
@pytest.mark.parametrize("soort", ["geojson", "csv"])
def test_layer_round_trip(bron: dict[str, pd.DataFrame], laag: str, soort: str) -> None:
    maak = {"geojson": export.export_geojson, "csv": export.export_csv}[soort]
    r = io.read_upload(f"{laag}.{soort}", maak(bron[laag], laag), laag)
    assert not r.blokkeert
    sleutel = io.SLEUTELS[laag][0]
    voor = bron[laag].set_index(list(io.SLEUTELS[laag])).sort_index()
    na = r.gdf.set_index(list(io.SLEUTELS[laag])).sort_index()
    assert list(na.index) == list(voor.index), sleutel
    ha = io.VERSCHIL_HA[laag]
    assert na[ha].to_numpy() == pytest.approx(voor[ha].to_numpy(), nan_ok=True)
    if hasattr(voor, "geometry"):
        # GeoJSON keeps 7 decimals of a degree (~1 cm): a few m² on a park's perimeter.
        assert na.geometry.area.to_numpy() == pytest.approx(voor.geometry.area.to_numpy(), rel=1e-3, nan_ok=True)


def test_csv_opens_in_dutch_excel(bron: dict[str, pd.DataFrame]) -> None:
    tekst = export.export_csv(bron["terreinen"], "terreinen")
    assert tekst.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    kop, eerste = tekst.decode("utf-8-sig").splitlines()[:2]
    assert kop.split(";")[:3] == ["terrein_id", "naam", "gemeente"] and kop.endswith(";geometrie")
    assert "110,0" in eerste  # decimal comma (Leiden Bio Science Park, bruto)
    assert "POLYGON" in eerste


def test_geojson_is_rfc7946(bron: dict[str, pd.DataFrame]) -> None:
    import json

    fc = json.loads(export.export_geojson(bron["terreinen"], "terreinen"))
    assert "crs" not in fc
    lon, lat = fc["features"][0]["geometry"]["coordinates"][0][0][0]
    assert 4.3 < lon < 4.7 and 52.0 < lat < 52.3  # Leiden, longitude first


def test_excel_workbook_has_dutch_headers_and_formats(bron: dict[str, pd.DataFrame], strat: strategy.Strategie) -> None:
    b = _balans(bron, strat, "hard")
    dekking = balance.compute_compensatiedekking(bron["mutaties"], bron["koppelingen"], strat)
    bev = strategy.bevindingen_frame(
        strategy.check_strategie(bron["terreinen"], bron["mutaties"], bron["koppelingen"], strat)
    )
    wb = openpyxl.load_workbook(
        _io.BytesIO(export.export_xlsx(b, dekking, bev, toelichting=[("Gegevens", "Voorbeelddata")]))
    )
    assert wb.sheetnames == ["Hectarebalans", "Compensatiedekking", "Bevindingen", "Over deze export"]
    ws = wb["Hectarebalans"]
    koppen = [c.value for c in ws[1]]
    assert koppen[:3] == ["Gemeente", "Startvoorraad", "Transformatie"]
    assert ws.cell(row=ws.max_row, column=1).value == "Totaal"
    assert ws.cell(row=2, column=2).number_format == export.FORMAAT_HA
    assert ws.cell(row=ws.max_row, column=2).value == pytest.approx(b["voorraad_start_ha"].iloc[-1])
    wd = wb["Compensatiedekking"]
    kolom = [c.value for c in wd[1]].index("Dekking") + 1
    assert wd.cell(row=2, column=kolom).number_format == "0%"
    assert wb["Bevindingen"].max_row == len(bev) + 1
    assert {c.value for c in wb["Bevindingen"]["A"][1:]} <= {"Fout", "Waarschuwing", "Info"}
    assert ("Gegevens", "Voorbeelddata") in [(r[0].value, r[1].value) for r in wb["Over deze export"].iter_rows()]
