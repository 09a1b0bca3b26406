"""The Data page (AppTest): the import wizard with a good and a bad file, column mapping,
exports and snapshots. Each test gets its own store under tmp_path."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import shapely
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import io, store, toegang
from bedrijventerreinen.toegang import Gebruiker

PAGINA = str(Path(__file__).resolve().parent.parent / "pages" / "data.py")
CORPUS = Path(__file__).resolve().parent / "corpus" / "bestanden"


@pytest.fixture(scope="module")
def sjabloon(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the sample data, created once; each test works on a copy."""
    pad = tmp_path_factory.mktemp("sjabloon") / "monitor.gpkg"
    store.open_store(pad)
    return pad


@pytest.fixture(autouse=True)
def lokale_modus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lokale modus whatever the developer's machine holds: the access file does not exist."""
    monkeypatch.setenv(toegang.ENV_TOEGANG, str(tmp_path / "geen-toegang.toml"))


@pytest.fixture
def opslag(sjabloon: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beheerder: Gebruiker) -> store.Store:
    """The test's own copy of the store, bound to the beheerder (to set up data directly)."""
    pad = tmp_path / "monitor.gpkg"
    shutil.copyfile(sjabloon, pad)
    monkeypatch.setenv(store.ENV_VAR, str(pad))
    monkeypatch.setattr(io.kolommen, "KOPPELING_MAP", tmp_path / "kolomkoppelingen")
    return store.open_store(pad, gebruiker=beheerder)


def _start() -> AppTest:
    at = AppTest.from_file(PAGINA, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def _upload(at: AppTest, naam: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((naam, data, "application/octet-stream"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _hash(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_good_file_walks_the_wizard_and_commits_with_snapshot(opslag: store.Store) -> None:
    at = _start()
    assert any("Kies een bestand" in i.value for i in at.info)
    assert any("Voorbeelddata" in w.value for w in at.warning)
    data = (io.VOORBEELD_MAP / "terreinen.geojson").read_bytes().replace(b'"Roomburg"', b'"Roomburg-Noord"')
    _upload(at, "terreinen.geojson", data)

    n = len(io.read_voorbeeld()["terreinen"])
    assert _metric(at, "Rijen gelezen") == str(n)
    assert _metric(at, "Blokkerend") == "0"
    assert _metric(at, "Gewijzigd") == "1" and _metric(at, "Ongewijzigd") == str(n - 1)
    assert any("Geen blokkerende meldingen" in s.value for s in at.success)
    knop = at.button(key="import_vastleggen")
    assert not knop.disabled
    versie = opslag.version

    knop.click()
    at.run()
    assert not at.exception
    assert any("vastgelegd" in s.value and "snapshot" in s.value for s in at.success)
    assert opslag.version == versie + 1
    assert "Roomburg-Noord" in set(opslag.load_terreinen()["naam"])
    assert len(opslag.list_snapshots()) == 1
    # the file is the sample's own layer (its rows say so in 'bron'): still sample data
    assert any("oorbeelddata" in w.value for w in at.warning)
    assert at.file_uploader[0].value is None  # the uploader is empty again
    assert any("Kies een bestand" in i.value for i in at.info)


def test_bad_file_is_reported_and_cannot_be_committed(opslag: store.Store) -> None:
    voor = _hash(opslag.path)
    at = _upload(_start(), "dubbele_ids.geojson", (CORPUS / "dubbele_ids.geojson").read_bytes())
    assert _metric(at, "Blokkerend") == "2"
    tabel = at.dataframe[0].value
    assert list(tabel.columns) == ["Rij", "Veld", "Melding", "Blokkeert"]
    assert "komt 2 keer voor" in tabel["Melding"].iloc[0]
    assert any("blokkerende meldingen" in e.value for e in at.error)
    assert at.button(key="import_vastleggen").disabled
    assert _hash(opslag.path) == voor


@pytest.mark.parametrize("bestand", ["zip_slip.zip", "geen_json.geojson", "zip_bom.zip", "willekeurig.gpkg"])
def test_unreadable_file_gives_a_dutch_message_only(opslag: store.Store, bestand: str) -> None:
    voor = _hash(opslag.path)
    at = _upload(_start(), bestand, (CORPUS / bestand).read_bytes())
    assert len(at.error) == 1
    assert "bestand" in at.error[0].value.lower() or "zip" in at.error[0].value.lower()
    assert not [b for b in at.button if b.key == "import_vastleggen"]
    assert _hash(opslag.path) == voor


def test_skipping_blocking_rows_makes_the_rest_committable(opslag: store.Store) -> None:
    fc = json.loads((CORPUS / "lege_geometrie.geojson").read_bytes())
    fc["features"][0]["geometry"] = {"type": "Point", "coordinates": [94100, 464100]}  # a point: no contour
    at = _upload(_start(), "een_rij_kapot.geojson", json.dumps(fc).encode())
    assert at.button(key="import_vastleggen").disabled
    at.checkbox[0].check()
    at.run()
    assert not at.button(key="import_vastleggen").disabled
    at.radio[-1].set_value("bijwerken")
    at.run()
    assert _metric(at, "Toegevoegd") == "1"
    at.button(key="import_vastleggen").click()
    at.run()
    ids = set(opslag.load_terreinen()["terrein_id"])
    assert "T-2" in ids and "T-1" not in ids and "LEI-01" in ids  # merged, bad row skipped


def test_column_mapping_and_saving_it(opslag: store.Store, tmp_path: Path) -> None:
    wkt = shapely.box(93_000, 464_000, 93_200, 464_200).wkt
    data = f'code;omschrijving;gem;netto;wkt\nX1;Terrein X;Leiden;3,0;"{wkt}"\n'.encode()
    at = _upload(_start(), "gemeente.csv", data)
    assert any("ontbreken verplichte kolommen" in w.value for w in at.warning)
    keuzes = {s.label: s for s in at.selectbox}
    keuzes["naam (verplicht)"].set_value("omschrijving")
    keuzes["gemeente (verplicht)"].set_value("gem")
    keuzes["netto_ha (verplicht)"].set_value("netto")
    at.run()
    assert not at.exception
    assert _metric(at, "Rijen gelezen") == "1"
    assert not at.button(key="import_vastleggen").disabled
    naamveld = next(t for t in at.text_input if "bewaren" in t.label)
    naamveld.set_value("Gemeente Leiden")
    at.run()
    next(b for b in at.button if b.label == "Koppeling bewaren").click()
    at.run()
    opgeslagen = io.load_kolomkoppelingen("terreinen", map_=tmp_path / "kolomkoppelingen")
    assert opgeslagen["Gemeente Leiden"]["omschrijving"] == "naam"


def test_exports_and_snapshots_tabs(opslag: store.Store) -> None:
    at = _start()
    # The download buttons are there (files are made on click; export.py is tested itself).
    knoppen = [d.proto.label for d in at.get("download_button")]
    assert knoppen == ["GeoPackage downloaden", "GeoJSON (WGS84)", "CSV (Excel, puntkomma)", "Excel-werkmap downloaden"]
    assert any("Nog geen snapshots" in i.value for i in at.info)
    opslag.snapshot("handmatig")
    at.run()
    assert at.dataframe[-1].value["Snapshot"].tolist() == ["handmatig"]


def test_file_names_are_shown_as_text_not_markup(opslag: store.Store) -> None:
    at = _upload(_start(), "[klik](javascript:alert) **vet**.geojson", b"geen json")
    # the one escape helper (formatting.escape_markdown) also wraps ':' so no link can form
    tekst = re.sub(r":color\[(\\?.)\]", r"\1", at.error[0].value)
    assert "\\[klik\\]\\(javascript\\:" in tekst and "\\*\\*vet\\*\\*" in tekst


IBIS_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "ibis_2024_071.csv"


@pytest.mark.skipif(not IBIS_CSV.exists(), reason="shared/data/ibis_2024_071.csv ligt niet naast de repo")
def test_ibis_2024_through_the_data_page(opslag: store.Store) -> None:
    """The real register as it comes: no contours, WFS column names, CBS codes; matched by RIN
    number, shown for confirmation, committed with the default 'bijwerken'."""
    at = _upload(_start(), IBIS_CSV.name, IBIS_CSV.read_bytes())
    assert _metric(at, "Rijen gelezen") == "38"
    assert _metric(at, "Blokkerend") == "0"
    assert any("Peiljaar uit het bestand: 2024" in c.value for c in at.caption)
    koppeling = next(m.value for m in at.markdown if "Koppeling aan de terreinen" in m.value)
    assert "38 op RIN-nummer" in koppeling
    assert at.radio[-1].value == "bijwerken"
    at.button(key="import_vastleggen").click()
    at.run()
    assert not at.exception
    v = opslag.load("voorraad")
    assert v.loc[v["peiljaar"] == 2024, "netto_ha"].sum() == pytest.approx(516.38, abs=0.01)
    t = opslag.load_terreinen()
    assert t["rin_nummer"].notna().sum() == 38 and t.geometry.notna().all()  # contours kept


def test_vervangen_asks_a_second_confirmation_and_a_choice_per_orphan(opslag: store.Store) -> None:
    tien = opslag.load_terreinen().iloc[:10].to_json().encode()
    voor = _hash(opslag.path)
    at = _upload(_start(), "tien.geojson", tien)
    at.radio[-1].set_value("vervangen")
    at.run()
    assert any("Vervangen verwijdert" in w.value for w in at.warning)
    assert at.button(key="import_vastleggen").disabled  # not confirmed, orphans open
    assert any("keuzes open" in e.value for e in at.error)
    bevestig = next(c for c in at.checkbox if c.label.startswith("Ja, vervang de hele laag"))
    bevestig.check()
    at.run()
    assert at.button(key="import_vastleggen").disabled  # still orphans without a choice
    assert _hash(opslag.path) == voor
