"""Exports: GeoPackage/GeoJSON/CSV round trips through the importer, and the Excel workbook."""

from __future__ import annotations

import io as _io
from pathlib import Path

import openpyxl
import pandas as pd
import pyogrio
import pytest

from bedrijventerreinen import balance, dekking, export, io, store, strategy, toetsing


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
        io.apply_import(doel, r, "vervangen", bevestigd=True)
    terug = {laag: doel.load(laag) for laag in store.LAGEN}
    for vanaf in ("hard", "idee"):
        pd.testing.assert_frame_equal(_balans(bron, strat, vanaf), _balans(terug, strat, vanaf))
    pd.testing.assert_frame_equal(
        toetsing.bevindingen_frame(
            toetsing.check_strategie(bron["terreinen"], bron["mutaties"], bron["koppelingen"], strat)
        ),
        toetsing.bevindingen_frame(
            toetsing.check_strategie(terug["terreinen"], terug["mutaties"], terug["koppelingen"], strat)
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
    assert "100,8" in eerste  # decimal comma (Bio Science Park / Leeuwenhoek, bruto in IBIS 2024)
    assert "POLYGON" in eerste


def test_geojson_is_rfc7946(bron: dict[str, pd.DataFrame]) -> None:
    import json

    fc = json.loads(export.export_geojson(bron["terreinen"], "terreinen"))
    assert "crs" not in fc
    lon, lat = fc["features"][0]["geometry"]["coordinates"][0][0][0]
    assert 4.3 < lon < 4.7 and 52.0 < lat < 52.3  # Leiden, longitude first


def test_excel_workbook_has_dutch_headers_and_formats(bron: dict[str, pd.DataFrame], strat: strategy.Strategie) -> None:
    b = _balans(bron, strat, "hard")
    dek = dekking.compute_compensatiedekking(bron["mutaties"], bron["koppelingen"], strat)
    bev = toetsing.bevindingen_frame(
        toetsing.check_strategie(bron["terreinen"], bron["mutaties"], bron["koppelingen"], strat)
    )
    wb = openpyxl.load_workbook(
        _io.BytesIO(export.export_xlsx(b, dek, bev, toelichting=[("Gegevens", "Voorbeelddata")]))
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


# -- formula injection (issue 16) ---------------------------------------------------------------
#: Text a spreadsheet would run as a formula (OWASP CSV injection), as names, sources or remarks.
FORMULES = [
    pytest.param('=HYPERLINK("http://x","y")', id="hyperlink"),
    pytest.param("+cmd|' /C calc'!A0", id="dde"),
    pytest.param("@SUM(1+1)", id="apenstaart"),
    pytest.param("-2+3", id="min"),
    pytest.param("\t=1+1", id="tab"),
    pytest.param("\r=1+1", id="cr"),
]


@pytest.mark.parametrize("formule", FORMULES)
def test_csv_export_neutralises_formulas_in_every_text_cell(bron: dict[str, pd.DataFrame], formule: str) -> None:
    import csv

    m = bron["mutaties"].head(2).copy()
    m["naam"], m["bron"], m["toelichting"] = formule, "Gemeente " + formule, formule
    rijen = list(
        csv.reader(_io.StringIO(export.export_csv(m, "mutaties").decode("utf-8-sig"), newline=""), delimiter=";")
    )
    kop, eerste = rijen[0], dict(zip(rijen[0], rijen[1], strict=True))
    assert eerste["naam"] == "'" + formule and eerste["toelichting"] == "'" + formule, "prefixed with a quote"
    assert eerste["bron"] == "Gemeente " + formule, "text that starts harmlessly stays as it is"
    assert float(eerste["ha"].replace(",", ".")) == pytest.approx(float(m["ha"].iloc[0])), "numbers stay numbers"
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rijen for c in r), kop


@pytest.mark.parametrize("formule", FORMULES)
def test_excel_export_writes_formulas_as_text(bron: dict[str, pd.DataFrame], strat: strategy.Strategie, formule: str):
    b = _balans(bron, strat, "hard")
    dek = dekking.compute_compensatiedekking(bron["mutaties"], bron["koppelingen"], strat)
    dek["naam"] = formule
    bev = toetsing.bevindingen_frame(
        toetsing.check_strategie(bron["terreinen"], bron["mutaties"], bron["koppelingen"], strat)
    )
    bev["tekst"] = formule
    wb = openpyxl.load_workbook(_io.BytesIO(export.export_xlsx(b, dek, bev, toelichting=[("Gegevens", formule)])))
    cellen = [c for ws in wb.worksheets for rij in ws.iter_rows() for c in rij]
    assert not [c.coordinate for c in cellen if c.data_type == "f"], "no formula cells"
    teksten = [c.value for c in cellen if isinstance(c.value, str)]
    formule = formule.replace("\r", "\n")  # XML reads a CR in text as LF
    assert "'" + formule in teksten and formule not in teksten
    assert not any(t.startswith(("=", "+", "-", "@", "\t", "\r")) for t in teksten)
    ws = wb["Hectarebalans"]
    assert isinstance(ws.cell(row=2, column=2).value, float), "numbers stay numbers"
