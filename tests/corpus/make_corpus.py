"""Build the bad-input corpus for the import tests: ``python tests/corpus/make_corpus.py``.

Writes small files into ``tests/corpus/bestanden/`` and the expected outcome of each into
``tests/corpus/verwacht.csv`` (bestand, laag, uitkomst, trefwoord):

* ``fout``: :class:`bedrijventerreinen.io.InvoerFout` with ``trefwoord`` in the message;
* ``blokkeert``: a result whose findings block the import, one of them containing ``trefwoord``;
* ``melding``: a repaired result that may be imported, with a finding containing ``trefwoord``.

Deterministic; the zip bomb is about 50 kB on disk (50 MB unpacked).
"""

from __future__ import annotations

import csv
import io
import json
import random
import sqlite3
import stat
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely

MAP = Path(__file__).resolve().parent / "bestanden"
VERWACHT = Path(__file__).resolve().parent / "verwacht.csv"

RD_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
WGS_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
MERCATOR_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}


def vierkant(x: float, y: float, zijde: float = 200.0) -> list[list[list[float]]]:
    """A closed square ring (RD metres by default)."""
    return [[[x, y], [x + zijde, y], [x + zijde, y + zijde], [x, y + zijde], [x, y]]]


def eigenschappen(i: int = 1, **extra: object) -> dict:
    """Valid attributes of a 4-ha park (200 m x 200 m) in Leiden."""
    basis = {
        "terrein_id": f"T-{i}",
        "naam": f"Testterrein {i}",
        "gemeente": "Leiden",
        "bruto_ha": 4.0,
        "netto_ha": 3.2,
        "koers": "behouden",
    }
    basis.update(extra)
    return basis


def feature(geometrie: dict | None, **props: object) -> dict:
    return {"type": "Feature", "properties": props, "geometry": geometrie}


def collectie(features: list[dict], crs: dict | None = RD_CRS) -> dict:
    fc: dict = {"type": "FeatureCollection", "features": features}
    if crs is not None:
        fc["crs"] = crs
    return fc


def poly(ring: list) -> dict:
    return {"type": "Polygon", "coordinates": ring}


def geojson(fc: dict) -> bytes:
    return json.dumps(fc, ensure_ascii=False).encode("utf-8")


def twee_parken(**extra: object) -> list[dict]:
    return [
        feature(poly(vierkant(93_000, 464_000)), **eigenschappen(1, **extra)),
        feature(poly(vierkant(94_000, 464_000)), **eigenschappen(2)),
    ]


def zip_bytes(entries: list[tuple[str, bytes]], symlink: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for naam, inhoud in entries:
            zf.writestr(naam, inhoud)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return buf.getvalue()


def shapefile_delen(
    tmp: Path, encoding: str = "cp1252", namen: tuple[str, ...] = ("’t Heen café",)
) -> dict[str, bytes]:
    gdf = gpd.GeoDataFrame(
        [eigenschappen(i + 1, naam=n) for i, n in enumerate(namen)],
        geometry=[shapely.box(93_000 + 1000 * i, 464_000, 93_200 + 1000 * i, 464_200) for i in range(len(namen))],
        crs="EPSG:28992",
    )
    pad = tmp / "terreinen.shp"
    pyogrio.write_dataframe(gdf, pad, encoding=encoding)
    return {p.suffix: p.read_bytes() for p in tmp.glob("terreinen.*")}


def bouw() -> list[tuple[str, str, str, str, bytes]]:
    """(bestand, laag, uitkomst, trefwoord, inhoud) for every corpus file."""
    rng = random.Random(71)
    tmp = MAP.parent / ".bouw"
    tmp.mkdir(exist_ok=True)
    for p in tmp.iterdir():
        p.unlink()
    shp = shapefile_delen(tmp)
    for p in tmp.iterdir():
        p.unlink()
    shp_twee = shapefile_delen(tmp, "UTF-8", ("Eerste", "Tweede"))
    for p in tmp.iterdir():
        p.unlink()

    bowtie = [[[93_000, 464_000], [93_200, 464_200], [93_200, 464_000], [93_000, 464_200], [93_000, 464_000]]]
    open_ring = [[[93_000, 464_000], [93_200, 464_000], [93_200, 464_200], [93_000, 464_200]]]
    wgs = [[[4.49, 52.16], [4.50, 52.16], [4.50, 52.17], [4.49, 52.17], [4.49, 52.16]]]
    wgs_om = [[[y, x] for x, y in wgs[0]]]
    rd_om = [[[y, x] for x, y in vierkant(93_000, 464_000)[0]]]
    spanje = [[[-3.70, 40.41], [-3.69, 40.41], [-3.69, 40.42], [-3.70, 40.42], [-3.70, 40.41]]]
    gc = {
        "type": "GeometryCollection",
        "geometries": [poly(vierkant(93_000, 464_000)), {"type": "Point", "coordinates": [93_500, 464_500]}],
    }
    wkt = shapely.box(93_000, 464_000, 93_200, 464_200).wkt
    kop = "terrein_id;naam;gemeente;bruto_ha;netto_ha;koers;geometrie\n"

    gpkg_pad = tmp / "twee.gpkg"
    gdf = gpd.GeoDataFrame([eigenschappen(1)], geometry=[shapely.box(93_000, 464_000, 93_200, 464_200)], crs=28992)
    pyogrio.write_dataframe(gdf, gpkg_pad, layer="contouren")
    pyogrio.write_dataframe(gdf.assign(terrein_id="T-9", bruto_ha=9.0), gpkg_pad, layer="terreinen", append=False)
    gpkg_twee = gpkg_pad.read_bytes()
    gpkg_pad.unlink()
    sqlite_pad = tmp / "leeg.sqlite"
    with sqlite3.connect(sqlite_pad) as con:
        con.execute("CREATE TABLE iets (a TEXT)")
    sqlite_bytes = sqlite_pad.read_bytes()
    sqlite_pad.unlink()
    tmp.rmdir()

    z = "terreinen"
    return [
        ("leeg.geojson", z, "fout", "leeg", b""),
        ("geen_json.geojson", z, "fout", "geen geldige JSON", b"dit is { geen json"),
        ("geen_geojson.json", z, "fout", "geen GeoJSON", b'{"hallo": [1, 2, 3]}'),
        ("lege_collectie.geojson", z, "fout", "geen rijen", geojson(collectie([]))),
        ("rd_als_wgs84.geojson", z, "melding", "RD-meters", geojson(collectie(twee_parken(), WGS_CRS))),
        ("rd_zonder_crs.geojson", z, "melding", "RD New", geojson(collectie(twee_parken(), None))),
        (
            "wgs84_omgedraaid.geojson",
            z,
            "melding",
            "omgedraaid",
            geojson(collectie([feature(poly(wgs_om), **eigenschappen(1, bruto_ha=0.76, netto_ha=0.6))], None)),
        ),
        (
            "rd_omgedraaid.geojson",
            z,
            "melding",
            "verwisseld",
            geojson(collectie([feature(poly(rd_om), **eigenschappen(1))])),
        ),
        (
            "buiten_nederland.geojson",
            z,
            "fout",
            "passen niet bij Nederland",
            geojson(collectie([feature(poly(spanje), **eigenschappen(1))], None)),
        ),
        (
            "verkeerd_crs_mercator.geojson",
            z,
            "blokkeert",
            "buiten Nederland",
            geojson(collectie(twee_parken(), MERCATOR_CRS)),
        ),
        (
            "nan_coordinaten.geojson",
            z,
            "blokkeert",
            "NaN",
            geojson(collectie(twee_parken())).replace(b"93200.0", b"NaN", 1)
            if b"93200.0" in geojson(collectie(twee_parken()))
            else geojson(collectie(twee_parken())).replace(b"93200", b"NaN", 1),
        ),
        (
            "ring_niet_gesloten.geojson",
            z,
            "melding",
            "hersteld",
            geojson(collectie([feature(poly(open_ring), **eigenschappen(1))])),
        ),
        (
            "zelfdoorsnijdend.geojson",
            z,
            "melding",
            "snijdt zichzelf",
            geojson(collectie([feature(poly(bowtie), **eigenschappen(1, bruto_ha=2.0, netto_ha=1.6))])),
        ),
        (
            "punten.geojson",
            z,
            "blokkeert",
            "een punt",
            geojson(collectie([feature({"type": "Point", "coordinates": [93_000, 464_000]}, **eigenschappen(1))])),
        ),
        (
            "geometrieverzameling.geojson",
            z,
            "melding",
            "alleen de vlakken",
            geojson(collectie([feature(gc, **eigenschappen(1))])),
        ),
        (
            "lege_geometrie.geojson",
            z,
            "blokkeert",
            "ontbreekt of is leeg",
            geojson(collectie([feature(None, **eigenschappen(1)), twee_parken()[1]])),
        ),
        (
            "kolommen_ontbreken.geojson",
            z,
            "fout",
            "ontbreken verplichte kolommen",
            geojson(collectie([feature(poly(vierkant(93_000, 464_000)), terrein_id="T-1", bruto_ha=4.0)])),
        ),
        ("negatieve_ha.geojson", z, "blokkeert", "negatief", geojson(collectie(twee_parken(netto_ha=-1.0)))),
        (
            "dubbele_ids.geojson",
            z,
            "blokkeert",
            "komt 2 keer voor",
            geojson(collectie([twee_parken()[0], feature(poly(vierkant(95_000, 464_000)), **eigenschappen(1))])),
        ),
        (
            "netto_groter_dan_bruto.geojson",
            z,
            "blokkeert",
            "groter dan bruto",
            geojson(collectie(twee_parken(netto_ha=5.0))),
        ),
        (
            "m2_in_plaats_van_ha.geojson",
            z,
            "blokkeert",
            "m² in plaats van ha",
            geojson(collectie(twee_parken(bruto_ha=40_000.0, netto_ha=32_000.0))),
        ),
        (
            "bruto_wijkt_af.geojson",
            z,
            "melding",
            "wijkt sterk af",
            geojson(collectie(twee_parken(bruto_ha=12.0, netto_ha=9.0))),
        ),
        (
            "gemeente_buiten_regio.geojson",
            z,
            "melding",
            "hoort niet bij de regio",
            geojson(collectie(twee_parken(gemeente="Utrecht"))),
        ),
        ("onbekende_koers.geojson", z, "blokkeert", "Onbekende koers", geojson(collectie(twee_parken(koers="slopen")))),
        (
            "hoogte_z.geojson",
            z,
            "melding",
            "Hoogtewaarden",
            geojson(
                collectie([feature(poly([[[*c, 1.5] for c in vierkant(93_000, 464_000)[0]]]), **eigenschappen(1))])
            ),
        ),
        (
            "cp1252.csv",
            z,
            "melding",
            "Windows-1252",
            (kop + f"T-1;Café ’t Heen;Katwijk;4,0;3,2;behouden;{wkt}\n").encode("cp1252"),
        ),
        (
            "cp1252_shapefile.zip",
            z,
            "melding",
            "Windows-1252",
            zip_bytes([(f"terreinen{e}", b) for e, b in shp.items() if e != ".cpg"]),
        ),
        (
            "zip_slip.zip",
            z,
            "fout",
            "buiten de eigen map",
            zip_bytes([("../../buiten.geojson", geojson(collectie(twee_parken())))]),
        ),
        ("zip_absoluut_pad.zip", z, "fout", "buiten de eigen map", zip_bytes([("/tmp/buiten.geojson", b"{}")])),
        ("zip_symlink.zip", z, "fout", "symlink", zip_bytes([("leesmij.txt", b"hallo")], symlink="terreinen.geojson")),
        ("zip_bom.zip", z, "fout", "zip-bom", zip_bytes([("terreinen.geojson", b"\x00" * (50 * 1024 * 1024))])),
        (
            "shapefile_zonder_dbf.zip",
            z,
            "fout",
            "onvolledig",
            zip_bytes([("terreinen.shp", shp[".shp"]), ("terreinen.shx", shp[".shx"])]),
        ),
        (
            "shapefile_zonder_shp.zip",
            z,
            "fout",
            "onvolledig",
            zip_bytes([("terreinen.dbf", shp[".dbf"]), ("terreinen.shx", shp[".shx"])]),
        ),
        (
            "shapefile_kapot.zip",
            z,
            "fout",
            "kan niet worden gelezen",
            zip_bytes(
                [
                    ("terreinen.shp", bytes(rng.randrange(256) for _ in range(400))),
                    ("terreinen.shx", shp[".shx"]),
                    ("terreinen.dbf", shp[".dbf"]),
                ]
            ),
        ),
        (
            "twee_shapefiles.zip",
            z,
            "melding",
            "2 lagen",
            zip_bytes(
                [(f"a/terreinen_a{e}", b) for e, b in shp_twee.items()]
                + [(f"b/terreinen_b{e}", b) for e, b in shp_twee.items()]
            ),
        ),
        ("zip_zonder_geodata.zip", z, "fout", "staat geen shapefile", zip_bytes([("leesmij.txt", b"hallo")])),
        ("willekeurig.zip", z, "fout", "geen geldig zip-bestand", bytes(rng.randrange(256) for _ in range(2048))),
        ("willekeurig.gpkg", z, "fout", "geen GeoPackage", bytes(rng.randrange(256) for _ in range(4096))),
        ("sqlite_zonder_geometrie.gpkg", z, "fout", "geen", sqlite_bytes),
        ("twee_lagen.gpkg", z, "melding", "wijkt sterk af", gpkg_twee),
        ("los.shp", z, "fout", "zip-bestand", shp[".shp"]),
        ("oud.xls", z, "fout", ".xlsx", b"\xd0\xcf\x11\xe0" + bytes(200)),
        ("rapport.pdf", z, "fout", "niet herkend", b"%PDF-1.4\n"),
        ("willekeurig.xlsx", z, "fout", "geen geldig Excel-bestand", bytes(rng.randrange(256) for _ in range(1024))),
        ("binair.csv", z, "fout", "geen tekstbestand", b"\x00\x01\x02" * 100),
        (
            "csv_zonder_geometrie.csv",
            z,
            "fout",
            "geen geometrie",
            b"terrein_id;naam;gemeente;bruto_ha;netto_ha;koers\nT-1;A;Leiden;4;3;behouden\n",
        ),
        (
            "csv_wkt_zonder_aanhalingstekens.csv",
            z,
            "fout",
            "meer velden dan er kolomkoppen",
            f"terrein_id,naam,gemeente,bruto_ha,netto_ha,koers,geometrie\nT-1,A,Leiden,4,3,behouden,{wkt}\n".encode(),
        ),
        ("csv_kapotte_wkt.csv", z, "blokkeert", "WKT", (kop + "T-1;A;Leiden;4;3;behouden;POLYGON ((kapot\n").encode()),
        ("csv_geen_getal.csv", z, "blokkeert", "geen getal", (kop + f"T-1;A;Leiden;veel;3;behouden;{wkt}\n").encode()),
        (
            "mutaties_punten.csv",
            "mutaties",
            "melding",
            "contour is weggelaten",
            b"mutatie_id,soort,gemeente,naam,ha,Planfase,jaar,x,y\nM-1,transformatie,Leiden,Lammenschans,1.5,vastgesteld,2024,93400,462550\n",
        ),
        (
            "mutaties_onbekende_soort.csv",
            "mutaties",
            "blokkeert",
            "Onbekende soort",
            b"mutatie_id,soort,gemeente,naam,ha,planstatus,jaar\nM-1,sloop,Leiden,X,1.5,hard,2024\n",
        ),
        (
            "koppelingen_negatief.csv",
            "koppelingen",
            "blokkeert",
            "negatief",
            b"transformatie_id,compensatie_id,ha\nT-01,C-01,-2\n",
        ),
    ]


def main() -> None:
    MAP.mkdir(exist_ok=True)
    for p in MAP.iterdir():
        p.unlink()
    rijen = []
    for bestand, laag, uitkomst, trefwoord, inhoud in bouw():
        (MAP / bestand).write_bytes(inhoud)
        rijen.append({"bestand": bestand, "laag": laag, "uitkomst": uitkomst, "trefwoord": trefwoord})
    with open(VERWACHT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["bestand", "laag", "uitkomst", "trefwoord"], lineterminator="\n")
        w.writeheader()
        w.writerows(rijen)
    print(f"{len(rijen)} bestanden geschreven naar {MAP}")


if __name__ == "__main__":
    main()
