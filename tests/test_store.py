"""The GeoPackage store: created from the sample data, loaders in RD, a version per write, writes
all-or-nothing (also when the writer dies), optimistic locking, and a corrupt file that is reported
in Dutch and never overwritten."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
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

from bedrijventerreinen import io, schema, store, toegang
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
    echt = store.laagdata.write_layer
    aanroepen = []

    def faalt_bij_tweede(path, laag, df):
        aanroepen.append(laag)
        if len(aanroepen) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        echt(path, laag, df)

    monkeypatch.setattr(store.laagdata, "write_layer", faalt_bij_tweede)
    t = opslag.load_terreinen().iloc[:3]
    m = opslag.load_mutaties().iloc[:3]
    with pytest.raises(store.StoreFout, match=r"schijf .* is vol"):
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
    echt_schrijven = store.laagdata.write_layer
    echt_vervangen = os.replace

    def schrijf(path, laag, df):
        echt_schrijven(path, laag, df)
        if moment == "na-eerste-laag":
            os._exit(17)

    def vervang(bron, doel):
        if moment == "voor-vervangen":
            os._exit(17)
        echt_vervangen(bron, doel)

    store.laagdata.write_layer = schrijf
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
    monkeypatch.setattr(store.bestand, "dt", types.SimpleNamespace(datetime=_Bevroren))
    pad = tmp_path / "monitor.gpkg"
    pad.write_bytes(b"eerste kapotte bestand")
    eerste = store.rebuild_store(pad, beheerder)
    tweede = store.rebuild_store(pad, beheerder)
    assert eerste != tweede
    # the frozen clock was used: the patch reaches the module that stamps the kept file
    assert (eerste.name, tweede.name) == ("monitor.kapot-20261128-150000.gpkg", "monitor.kapot-20261128-150000-1.gpkg")
    assert eerste.read_bytes() == b"eerste kapotte bestand"
    assert tweede.exists()
    assert store.open_store(pad).version == 1


# --------------------------------------------------------------------------------------
# faults (issue 16): broken snapshots, OS errors in Dutch, leftovers, read-only, recovery
# --------------------------------------------------------------------------------------
KAPOTTE_SNAPSHOTS = {
    "willekeurig": lambda goed: os.urandom(5000),
    "afgekapt": lambda goed: goed[: len(goed) // 2],
    "leeg": lambda goed: b"",
}


@pytest.mark.parametrize("soort", KAPOTTE_SNAPSHOTS)
def test_een_kapotte_snapshot_wordt_overgeslagen_en_gemeld(opslag, soort):
    goed = opslag.snapshot("goed")
    kapot = opslag.snapshot_map / "29991231-000000-000000_kapot.gpkg"  # the newest by name
    kapot.write_bytes(KAPOTTE_SNAPSHOTS[soort](goed.read_bytes()))
    snaps = opslag.list_snapshots()
    assert list(snaps["bestand"]) == [goed]
    beschadigd = opslag.beschadigde_snapshots()
    assert [b.bestand for b in beschadigd] == [kapot]
    assert "overgeslagen" in beschadigd[0].reden
    if soort == "afgekapt":
        assert store.laatste_goede_snapshot(opslag.path)["bestand"] == goed


def test_snapshot_wordt_onder_tijdelijke_naam_geschreven_en_pas_daarna_hernoemd(opslag, monkeypatch):
    echt = shutil.copyfile

    def vol(bron, doel, *args, **kwargs):
        if Path(doel).parent == opslag.snapshot_map:
            assert not Path(doel).name.endswith(".gpkg"), "a snapshot is copied to a temporary name"
            echt(bron, doel)
            with open(doel, "r+b") as f:
                f.truncate(Path(bron).stat().st_size // 3)
            raise OSError(errno.ENOSPC, "No space left on device")
        return echt(bron, doel, *args, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", vol)
    with pytest.raises(store.StoreFout, match=r"schijf .* is vol"):
        opslag.snapshot("halve kopie")
    assert list(opslag.snapshot_map.iterdir()) == [], "no half snapshot is left, under any name"
    assert opslag.list_snapshots().empty and opslag.beschadigde_snapshots() == []


def test_achtergebleven_tijdelijke_bestanden_worden_opgeruimd(opslag, pad):
    map_ = pad.parent
    restanten = [map_ / ".monitor.schrijf-99999.gpkg", map_ / ".monitor.schrijf-99999.gpkg-journal"]
    opslag.snapshot_map.mkdir(exist_ok=True)
    restanten.append(opslag.snapshot_map / ".20250101-000000-000000_x.deel-99999")
    for r in restanten:
        r.write_bytes(b"half")
    store.open_store(pad)  # on open, when no writer holds the lock
    assert not any(r.exists() for r in restanten)
    for r in restanten:
        r.write_bytes(b"half")
    opslag.write({"koppelingen": opslag.load_koppelingen()})  # before each write, under the lock
    assert not any(r.exists() for r in restanten)


def test_alleen_lezen_opslagbestand_wordt_niet_beschreven(opslag, pad):
    pad.chmod(0o444)
    voor = pad.read_bytes()
    with pytest.raises(store.StoreFout, match="alleen-lezen"):
        opslag.write({"koppelingen": opslag.load_koppelingen().iloc[:1]})
    assert pad.read_bytes() == voor
    assert pad.stat().st_mode & 0o777 == 0o444, "the administrator's choice stands"
    pad.chmod(0o660)
    opslag.write({"koppelingen": opslag.load_koppelingen().iloc[:1]})
    assert pad.stat().st_mode & 0o777 == 0o660, "a write keeps the store's permissions"


@pytest.mark.parametrize(
    ("fout", "tekst"),
    [
        (errno.EACCES, "geen schrijfrechten"),
        (errno.EROFS, "alleen-lezen"),
        (errno.ENOSPC, "is vol"),
        (errno.EIO, "Probeer het opnieuw"),
    ],
)
def test_systeemfouten_worden_nederlandse_storefout(opslag, pad, monkeypatch, fout, tekst):
    """A folder the app cannot write to (read-only mount, no permission: simulated, the tests
    may run as root), a full disk, a failing disk: a Dutch StoreFout, nothing changed."""
    voor = pad.read_bytes()

    def weigert(*args, **kwargs):
        raise OSError(fout, os.strerror(fout))

    monkeypatch.setattr(shutil, "copyfile", weigert)
    with pytest.raises(store.StoreFout, match=tekst):
        opslag.write({"koppelingen": opslag.load_koppelingen().iloc[:1]})
    with pytest.raises(store.StoreFout, match=tekst):
        opslag.snapshot("x")
    assert pad.read_bytes() == voor


def test_geen_schrijfrecht_voor_het_slot_is_een_storefout(opslag, monkeypatch):
    echt = open

    def slot_weigert(bestand, *args, **kwargs):
        if str(bestand).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(bestand))
        return echt(bestand, *args, **kwargs)

    monkeypatch.setattr("builtins.open", slot_weigert)
    with pytest.raises(store.StoreFout, match="geen schrijfrechten"):
        opslag.write({"koppelingen": opslag.load_koppelingen().iloc[:1]})


def test_nieuwe_opslag_in_alleen_lezen_map_is_storefout(tmp_path, monkeypatch):
    def weigert(*args, **kwargs):
        raise pyogrio.errors.DataSourceError("sqlite3_open(...) failed: attempt to write a readonly database")

    monkeypatch.setattr(pyogrio, "write_dataframe", weigert)
    with pytest.raises(store.StoreFout, match="alleen-lezen"):
        store.open_store(tmp_path / "ro" / "monitor.gpkg")


def test_opslagpad_dat_een_map_is_heet_niet_beschadigd_en_wordt_nooit_verplaatst(tmp_path, beheerder):
    map_ = tmp_path / "mijn-map"
    map_.mkdir()
    (map_ / "belangrijk.txt").write_text("van de gebruiker")
    with pytest.raises(store.StoreFout) as fout:
        store.open_store(map_)
    assert "een map" in str(fout.value) and "beschadigd" not in str(fout.value)
    assert not fout.value.herstelbaar
    with pytest.raises(store.StoreFout, match="een map"):
        store.rebuild_store(map_, beheerder)
    with pytest.raises(store.StoreFout, match="een map"):
        store.herstel_uit_snapshot(map_, beheerder)
    assert map_.is_dir() and (map_ / "belangrijk.txt").read_text() == "van de gebruiker"
    assert [p.name for p in tmp_path.iterdir()] == ["mijn-map"]


def test_herstel_uit_de_laatste_goede_snapshot(opslag, pad, beheerder):
    opslag.snapshot("oud")
    m = opslag.load_mutaties()
    m.loc[m["mutatie_id"] == "T-03", "ha"] = 4.25
    opslag.write({"mutaties": m})
    goed = opslag.snapshot("stand voor stuurgroep")
    (opslag.snapshot_map / "29991231-000000-000000_kapot.gpkg").write_bytes(b"rommel")
    versies = set(opslag.list_snapshots()["versie"])
    pad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(store.StoreFout) as fout:
        store.open_store(pad)
    assert fout.value.herstelbaar
    assert store.laatste_goede_snapshot(pad)["label"] == "stand voor stuurgroep"
    with pytest.raises(toegang.GeenToegang):
        store.herstel_uit_snapshot(pad, Gebruiker("kijker", "Kijker", Rol.KIJKER))
    bewaard, bron = store.herstel_uit_snapshot(pad, beheerder)
    assert bron == goed
    assert bewaard is not None and bewaard.read_bytes().startswith(b"SQLite format 3")
    s = store.open_store(pad, gebruiker=beheerder)
    s.check(grondig=True)
    assert s.load_mutaties().set_index("mutatie_id").loc["T-03", "ha"] == pytest.approx(4.25)
    assert s.version > max(versies), "a version never seen before: no cache serves old figures"
    assert "snapshot_label" not in s.meta() and not s.alleen_lezen
    assert s.load_audit()["actie"].iloc[-1] == "hersteld uit snapshot"
    s.write({"koppelingen": s.load_koppelingen()})  # a live store again


def test_herstel_zonder_goede_snapshot_is_storefout(pad, beheerder):
    pad.parent.mkdir(parents=True)
    pad.write_bytes(b"kapot")
    with pytest.raises(store.StoreFout, match="geen bruikbare snapshot"):
        store.herstel_uit_snapshot(pad, beheerder)
    assert pad.read_bytes() == b"kapot"


def test_een_kapotte_snapshot_terugzetten_zegt_dat_de_snapshot_kapot_is(opslag):
    goed = opslag.snapshot("goed")
    with open(goed, "r+b") as f:
        f.truncate(goed.stat().st_size // 2)
    voor = opslag.path.read_bytes()
    with pytest.raises(store.StoreFout, match=r"Snapshot .* is beschadigd .* Kies een andere snapshot") as fout:
        opslag.restore_snapshot(goed)
    assert "voorbeelddata" not in str(fout.value)
    assert opslag.path.read_bytes() == voor
