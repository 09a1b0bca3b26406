"""The GeoPackage store: created from the sample data, loaders in RD, a version per write, writes
all-or-nothing (also when the writer dies), optimistic locking, and a corrupt file that is reported
in Dutch and never overwritten."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest

from bedrijventerreinen import io, schema, store
from bedrijventerreinen.toegang import Gebruiker, Rol

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _geen_standaard_opslag(tmp_path, monkeypatch):
    """No test may touch data/monitor.gpkg: the default path points into tmp_path."""
    monkeypatch.setenv(store.ENV_VAR, str(tmp_path / "env" / "monitor.gpkg"))


@pytest.fixture
def pad(tmp_path) -> Path:
    return tmp_path / "opslag" / "monitor.gpkg"


@pytest.fixture
def opslag(pad, beheerder) -> store.Store:
    return store.open_store(pad, gebruiker=beheerder)


def _sqlite_meta(pad: Path) -> dict[str, str]:
    with sqlite3.connect(pad) as con:
        return dict(con.execute("SELECT sleutel, waarde FROM monitor_meta").fetchall())


# --------------------------------------------------------------------------------------
# creating and opening
# --------------------------------------------------------------------------------------
def test_open_store_maakt_aan_uit_voorbeeld(pad):
    assert not pad.exists()
    s = store.open_store(pad)
    assert pad.exists()
    assert s.is_voorbeeld is True
    assert s.version == 1
    voorbeeld = io.read_voorbeeld()
    assert sorted(s.load_terreinen()["terrein_id"]) == sorted(voorbeeld["terreinen"]["terrein_id"])
    assert sorted(s.load_mutaties()["mutatie_id"]) == sorted(voorbeeld["mutaties"]["mutatie_id"])
    assert len(s.load_koppelingen()) == len(voorbeeld["koppelingen"])
    assert len(s.load_kanszones()) == len(voorbeeld["kanszones"])
    assert len(s.load_panden()) == len(voorbeeld["panden"]) > 0
    # no leftovers of the creation beside the store
    assert sorted(p.name for p in pad.parent.iterdir() if p.suffix == ".gpkg") == [pad.name]


def test_open_store_tweede_keer_hergebruikt(pad, beheerder):
    s = store.open_store(pad, gebruiker=beheerder)
    s.write({"koppelingen": s.load_koppelingen().iloc[:2]})
    again = store.open_store(pad)
    assert again.version == 2
    assert len(again.load_koppelingen()) == 2


def test_open_store_volgt_omgevingsvariabele(tmp_path, monkeypatch):
    doel = tmp_path / "elders" / "mijn.gpkg"
    monkeypatch.setenv(store.ENV_VAR, str(doel))
    s = store.open_store()
    assert s.path == doel
    assert doel.exists()
    assert store.resolve_path() == doel
    assert store.resolve_path(tmp_path / "arg.gpkg") == tmp_path / "arg.gpkg", "the argument wins"


def test_resolve_path_standaard(monkeypatch):
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    assert store.resolve_path() == store.DEFAULT_PATH
    assert store.DEFAULT_PATH.parent.name == "data"


def test_opent_in_qgis_als_geopackage(opslag):
    with sqlite3.connect(opslag.path) as con:
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    lagen = {naam for naam, _ in pyogrio.list_layers(opslag.path)}
    assert set(store.LAGEN) <= lagen


@pytest.mark.parametrize("laag", store.LAGEN)
def test_loaders_rd_en_kolommen(opslag, laag):
    df = getattr(opslag, f"load_{laag}")()
    verklaard = schema.kolomnamen(laag)
    assert list(df.columns[: len(verklaard)]) == verklaard
    for k in schema.LAGEN[laag]:
        assert df[k.naam].dtype == pd.Series(dtype=k.dtype).dtype, k.naam
    if schema.GEOMETRIE_VERPLICHT[laag] is None:
        assert not isinstance(df, gpd.GeoDataFrame)
    else:
        assert isinstance(df, gpd.GeoDataFrame)
        assert df.crs is not None and df.crs.to_epsg() == 28992
        assert df.columns[-1] == df.geometry.name


def test_geladen_gelijk_aan_voorbeeld(opslag):
    voorbeeld = io.read_voorbeeld()
    t = opslag.load_terreinen().set_index("terrein_id").sort_index()
    v = voorbeeld["terreinen"].set_index("terrein_id").sort_index()
    pd.testing.assert_frame_equal(
        pd.DataFrame(t.drop(columns="geometry")), pd.DataFrame(v.drop(columns="geometry")), check_dtype=False
    )
    # areas survive the round trip (RD, metres)
    assert (t.geometry.area - v.geometry.area).abs().max() < 1.0


def test_onbekende_laag(opslag):
    with pytest.raises(ValueError):
        opslag.load("wegen")
    with pytest.raises(ValueError):
        opslag.write({"wegen": pd.DataFrame()})
    assert opslag.version == 1


# --------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------
def test_versie_stijgt_bij_elke_schrijfactie(opslag):
    versies = [opslag.version]
    t = opslag.load_terreinen()
    for ha in (1.0, 2.0, 3.0):
        t.loc[t.index[0], "netto_ha"] = ha
        versies.append(opslag.write({"terreinen": t}))
        assert opslag.version == versies[-1]
    assert versies == sorted(set(versies)), versies
    assert opslag.load_terreinen()["netto_ha"].iloc[0] == 3.0


def test_schrijven_bewaart_waarden_en_ontbrekende_waarden(opslag):
    m = opslag.load_mutaties()
    m.loc[m.index[0], "toelichting"] = pd.NA
    m.loc[m.index[1], "jaar"] = pd.NA
    m.loc[m.index[2], "ha"] = 12.34
    m.loc[m.index[3], "naam"] = "Café <b>Ëik</b> & Zn."
    opslag.write({"mutaties": m})
    terug = opslag.load_mutaties()
    assert pd.isna(terug["toelichting"].iloc[0])
    assert pd.isna(terug["jaar"].iloc[1])
    assert terug["ha"].iloc[2] == 12.34
    assert terug["naam"].iloc[3] == "Café <b>Ëik</b> & Zn."
    assert len(terug) == len(m)
    # other layers untouched
    assert len(opslag.load_terreinen()) == len(io.read_voorbeeld()["terreinen"])


def test_schrijven_van_meerdere_lagen_is_alles_of_niets(opslag, monkeypatch):
    voor = opslag.path.read_bytes()
    versie = opslag.version
    echt = store._write_layer
    aanroepen = []

    def faalt_bij_tweede(path, laag, df):
        aanroepen.append(laag)
        if len(aanroepen) == 2:
            raise OSError("schijf vol")
        echt(path, laag, df)

    monkeypatch.setattr(store, "_write_layer", faalt_bij_tweede)
    t = opslag.load_terreinen().iloc[:3]
    m = opslag.load_mutaties().iloc[:3]
    with pytest.raises(OSError, match="schijf vol"):
        opslag.write({"terreinen": t, "mutaties": m})
    assert aanroepen == ["terreinen", "mutaties"]
    assert opslag.path.read_bytes() == voor
    assert opslag.version == versie
    assert len(opslag.load_terreinen()) > 3
    rest = [p.name for p in opslag.path.parent.iterdir() if p.name != opslag.path.name and p.suffix == ".gpkg"]
    assert rest == [], "the temporary copy is cleaned up"


def test_versieconflict(opslag):
    andere = opslag.als(Gebruiker("andere", "Andere Beheerder", Rol.BEHEERDER))  # a second editor, same view
    gezien = opslag.version
    t = opslag.load_terreinen()
    nieuw = andere.write({"terreinen": t.iloc[:5]}, verwachte_versie=gezien)
    assert nieuw == gezien + 1
    voor = opslag.path.read_bytes()
    with pytest.raises(store.VersieConflict) as fout:
        opslag.write({"terreinen": t.iloc[:1]}, verwachte_versie=gezien)
    assert fout.value.herstelbaar is False
    assert "gewijzigd" in str(fout.value)
    assert isinstance(fout.value, store.StoreFout)
    assert opslag.path.read_bytes() == voor
    assert len(opslag.load_terreinen()) == 5
    # against the current version the write is accepted
    assert opslag.write({"terreinen": t.iloc[:1]}, verwachte_versie=nieuw) == nieuw + 1


SCHRIJVER = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, sys.argv[2])
    from bedrijventerreinen import store
    from bedrijventerreinen.toegang import Gebruiker, Rol

    s = store.Store(sys.argv[1], gebruiker=Gebruiker("schrijver", "Schrijver", Rol.BEHEERDER))
    moment = sys.argv[3]
    echt_schrijven = store._write_layer
    echt_vervangen = os.replace

    def schrijf(path, laag, df):
        echt_schrijven(path, laag, df)
        if moment == "na-eerste-laag":
            os._exit(17)

    def vervang(bron, doel):
        if moment == "voor-vervangen":
            os._exit(17)
        echt_vervangen(bron, doel)

    store._write_layer = schrijf
    os.replace = vervang
    s.write({"terreinen": s.load_terreinen().iloc[:2], "mutaties": s.load_mutaties().iloc[:2]})
    os._exit(0)
    """
)


@pytest.mark.parametrize("moment", ["na-eerste-laag", "voor-vervangen"])
def test_gedode_schrijver_laat_vorige_toestand_heel(opslag, moment, beheerder):
    voor = opslag.path.read_bytes()
    versie = opslag.version
    n = len(opslag.load_terreinen())
    proc = subprocess.run(
        [sys.executable, "-c", SCHRIJVER, str(opslag.path), str(ROOT), moment],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 17, proc.stderr
    assert opslag.path.read_bytes() == voor
    herop = store.open_store(opslag.path, gebruiker=beheerder)
    assert herop.version == versie
    assert len(herop.load_terreinen()) == n
    # the lock died with the writer: the next write goes through
    assert herop.write({"koppelingen": herop.load_koppelingen()}) == versie + 1


# --------------------------------------------------------------------------------------
# corrupt or foreign files
# --------------------------------------------------------------------------------------
def _willekeurig(pad: Path, bron: Path) -> None:
    pad.write_bytes(os.urandom(64 * 1024))


def _afgekapt(pad: Path, bron: Path) -> None:
    data = bron.read_bytes()
    pad.write_bytes(data[: len(data) // 2])


def _leeg(pad: Path, bron: Path) -> None:
    pad.write_bytes(b"")


def _tekst(pad: Path, bron: Path) -> None:
    pad.write_text("terrein_id,naam\nA,Roomburg\n", encoding="utf-8")


def _laag_ontbreekt(pad: Path, bron: Path) -> None:
    pad.write_bytes(bron.read_bytes())
    with sqlite3.connect(pad) as con:
        con.execute("DROP TABLE mutaties")
        con.execute("DELETE FROM gpkg_contents WHERE table_name = 'mutaties'")
        con.execute("DELETE FROM gpkg_geometry_columns WHERE table_name = 'mutaties'")


def _vreemde_geopackage(pad: Path, bron: Path) -> None:
    gdf = gpd.read_file(bron, layer="terreinen")
    pyogrio.write_dataframe(gdf, pad, layer="percelen", driver="GPKG")


def _geen_meta(pad: Path, bron: Path) -> None:
    pad.write_bytes(bron.read_bytes())
    with sqlite3.connect(pad) as con:
        con.execute("DROP TABLE monitor_meta")


KAPOT = [
    pytest.param(_willekeurig, id="willekeurige-bytes"),
    pytest.param(_afgekapt, id="afgekapte-kopie"),
    pytest.param(_leeg, id="leeg-bestand"),
    pytest.param(_tekst, id="csv-met-gpkg-naam"),
    pytest.param(_laag_ontbreekt, id="geldige-geopackage-zonder-laag"),
    pytest.param(_vreemde_geopackage, id="andere-geopackage"),
    pytest.param(_geen_meta, id="zonder-versietabel"),
]


@pytest.fixture(scope="module")
def gezonde_bron(tmp_path_factory) -> Path:
    bron = tmp_path_factory.mktemp("bron") / "gezond.gpkg"
    store.create_store(bron, io.read_voorbeeld(), voorbeeld=True)
    return bron


@pytest.mark.parametrize("maak_kapot", KAPOT)
def test_kapotte_opslag_geeft_nederlandse_melding_en_blijft_staan(tmp_path, gezonde_bron, maak_kapot):
    pad = tmp_path / "monitor.gpkg"
    maak_kapot(pad, gezonde_bron)
    voor = pad.read_bytes()
    with pytest.raises(store.StoreFout) as fout:
        store.open_store(pad)
    assert fout.value.herstelbaar is True
    assert fout.value.pad == pad
    bericht = str(fout.value)
    assert "opslagbestand" in bericht and "voorbeelddata" in bericht
    assert "Traceback" not in bericht and "sqlite" not in bericht.lower()
    assert pad.read_bytes() == voor, "a corrupt store is never overwritten"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["monitor.gpkg"]


def test_create_store_weigert_bestaand_bestand(opslag):
    voor = opslag.path.read_bytes()
    with pytest.raises(store.StoreFout) as fout:
        store.create_store(opslag.path, io.read_voorbeeld(), voorbeeld=True)
    assert "bestaat al" in str(fout.value)
    assert opslag.path.read_bytes() == voor
    with pytest.raises(store.StoreFout):
        store.create_store(opslag.path, {})  # also an empty store may not replace it
    assert opslag.path.read_bytes() == voor


def test_create_store_eigen_lagen_geen_voorbeeld(tmp_path, bouw):
    s = store.create_store(
        tmp_path / "eigen.gpkg",
        {"mutaties": bouw.mutaties([("M1", "uitbreiding", "Leiden", 2.0)]), "koppelingen": bouw.koppelingen()},
    )
    assert s.is_voorbeeld is False
    assert s.version == 1
    assert list(s.load_mutaties()["mutatie_id"]) == ["M1"]
    assert s.load_terreinen().empty and s.load_koppelingen().empty


def test_rebuild_store_bewaart_het_oude_bestand(tmp_path, beheerder):
    pad = tmp_path / "monitor.gpkg"
    pad.write_bytes(b"dit is geen geopackage")
    bewaard = store.rebuild_store(pad, beheerder)
    assert bewaard is not None and bewaard != pad
    assert bewaard.parent == pad.parent
    assert "kapot" in bewaard.name and bewaard.suffix == ".gpkg"
    assert bewaard.read_bytes() == b"dit is geen geopackage"
    s = store.open_store(pad)
    assert s.is_voorbeeld and s.version == 1
    assert len(s.load_terreinen()) == len(io.read_voorbeeld()["terreinen"])


def test_rebuild_store_zonder_bestand(tmp_path, beheerder):
    pad = tmp_path / "nieuw.gpkg"
    assert store.rebuild_store(pad, beheerder) is None
    assert store.open_store(pad).version == 1


class _Bevroren(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2026, 11, 28, 15, 0, 0)


def test_rebuild_store_twee_keer_in_dezelfde_seconde(tmp_path, monkeypatch, beheerder):
    """A double click on 'opnieuw opbouwen' must not throw away the first kept file."""
    monkeypatch.setattr(store, "dt", types.SimpleNamespace(datetime=_Bevroren))
    pad = tmp_path / "monitor.gpkg"
    pad.write_bytes(b"eerste kapotte bestand")
    eerste = store.rebuild_store(pad, beheerder)
    tweede = store.rebuild_store(pad, beheerder)
    assert eerste != tweede
    assert eerste.read_bytes() == b"eerste kapotte bestand"
    assert tweede.exists()
    assert store.open_store(pad).version == 1
