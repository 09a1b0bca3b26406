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
import math
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
            "melding",
            "zonder contour",
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
            "buiten de gemeenten van de strategie",
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
            "melding",
            "zonder contour",
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


# -- issue 16: malformed GeoJSON of every kind and the import edge cases -------------------

A = [93_000, 464_000]


def _fc_geom(geometrie: object, crs: dict | None = RD_CRS, **props: object) -> bytes:
    """One park of valid attributes with the given (possibly malformed) geometry member."""
    f = {"type": "Feature", "properties": eigenschappen(1, **props), "geometry": geometrie}
    return geojson(collectie([f], crs))


def _fc_props(props: object) -> bytes:
    """One valid square park with the given (possibly malformed) properties member."""
    return geojson(collectie([{"type": "Feature", "properties": props, "geometry": poly(vierkant(*A))}]))


def bouw_geojson_kapot() -> list[tuple[str, str, bytes]]:
    """(bestand, laag, inhoud): malformed GeoJSON, one fault per file."""
    x, y = A
    sq = vierkant(x, y)[0]
    g: dict[str, object] = {
        # rings: unclosed, too short, empty, degenerate
        "ring_open": poly([sq[:-1]]),
        "ring_open_gat": poly([sq, [[x + 50, y + 50], [x + 100, y + 50], [x + 100, y + 100]]]),
        "ring_open_multi": {"type": "MultiPolygon", "coordinates": [[sq[:-1]], [vierkant(x + 500, y)[0]]]},
        "ring_twee_punten": poly([[sq[0], sq[1]]]),
        "ring_drie_punten_gesloten": poly([[sq[0], sq[1], sq[0]]]),
        "ring_een_punt": poly([[sq[0]]]),
        "ring_leeg": poly([[]]),
        "ringen_geen": poly([]),
        "ring_alle_punten_gelijk": poly([[sq[0]] * 5]),
        "ring_vlinder": poly([[[x, y], [x + 200, y + 200], [x + 200, y], [x, y + 200], [x, y]]]),
        "ring_gat_buiten": poly([sq, vierkant(x + 1000, y, 50)[0]]),
        "ring_gat_gelijk_aan_rand": poly([sq, sq]),
        "ring_dubbele_punten": poly([[sq[0], sq[0], sq[1], sq[1], sq[2], sq[3], sq[4]]]),
        "ring_op_een_lijn": poly([[[x, y], [x + 100, y], [x + 200, y], [x, y]]]),
        "multi_overlappend": {"type": "MultiPolygon", "coordinates": [vierkant(x, y), vierkant(x + 100, y)]},
        # nesting depth
        "diepte_polygoon_2": {"type": "Polygon", "coordinates": sq},
        "diepte_polygoon_4": {"type": "Polygon", "coordinates": [vierkant(x, y)]},
        "diepte_multi_3": {"type": "MultiPolygon", "coordinates": vierkant(x, y)},
        "diepte_multi_5": {"type": "MultiPolygon", "coordinates": [[vierkant(x, y)]]},
        "diepte_punt_2": {"type": "Point", "coordinates": [[x, y]]},
        "coordinaten_getal": {"type": "Polygon", "coordinates": 5},
        "coordinaten_tekst": {"type": "Polygon", "coordinates": "93000 464000"},
        "coordinaten_null": {"type": "Polygon", "coordinates": None},
        "coordinaten_object": {"type": "Polygon", "coordinates": {"x": x, "y": y}},
        "coordinaten_ontbreken": {"type": "Polygon"},
        "coordinaten_tekst_getallen": poly([[[str(c) for c in p] for p in sq]]),
        "coordinaten_bool": poly([[[True, False] for _ in sq]]),
        "coordinaten_null_punt": poly([[sq[0], None, sq[2], sq[3], sq[4]]]),
        # mixed and wrong dimensions
        "dim_gemengd_2_3": poly([[sq[0], [*sq[1], 5.0], sq[2], sq[3], sq[4]]]),
        "dim_alle_3": poly([[[*p, 1.0] for p in sq]]),
        "dim_4": poly([[[*p, 1.0, 2.0] for p in sq]]),
        "dim_1": poly([[[p[0]] for p in sq]]),
        "dim_0": poly([[[] for _ in sq]]),
        "dim_gemengd_ringen": poly([sq, [[*p, 3.0] for p in vierkant(x + 50, y + 50, 50)[0]]]),
        # geometry types and members
        "type_onbekend": {"type": "Polygoon", "coordinates": [sq]},
        "type_kleine_letters": {"type": "polygon", "coordinates": [sq]},
        "type_cirkel": {"type": "Circle", "coordinates": [x, y], "radius": 100},
        "type_feature": {"type": "Feature", "coordinates": [sq]},
        "type_null": {"type": None, "coordinates": [sq]},
        "type_getal": {"type": 3, "coordinates": [sq]},
        "type_ontbreekt": {"coordinates": [sq]},
        "type_punt": {"type": "Point", "coordinates": [x, y]},
        "type_lijn": {"type": "LineString", "coordinates": sq},
        "type_multipunt": {"type": "MultiPoint", "coordinates": sq},
        "type_multilijn": {"type": "MultiLineString", "coordinates": [sq]},
        "collectie_leeg": {"type": "GeometryCollection", "geometries": []},
        "collectie_punten": {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [x, y]}]},
        "collectie_genest": {
            "type": "GeometryCollection",
            "geometries": [{"type": "GeometryCollection", "geometries": [poly([sq])]}],
        },
        "collectie_zonder_geometries": {"type": "GeometryCollection"},
        "collectie_geometries_null": {"type": "GeometryCollection", "geometries": None},
        "geometrie_tekst": "POLYGON ((93000 464000, 93200 464000, 93200 464200, 93000 464000))",
        "geometrie_getal": 42,
        "geometrie_lijst": [sq],
        "geometrie_leeg_object": {},
        "geometrie_extra_leden": {"type": "Polygon", "coordinates": [sq], "crs": "RD", "bbox": "x", "id": [1]},
        # huge and impossible numbers in coordinates
        "coordinaat_enorm": poly([[[1e300, 1e300], [1e300 + 1, 1e300], [1e300, 1e300 + 1], [1e300, 1e300]]]),
        "coordinaat_1e20": poly([[[p[0] * 1e15, p[1]] for p in sq]]),
        "coordinaat_negatief": poly([[[-p[0], -p[1]] for p in sq]]),
        "coordinaat_nul": poly([[[0, 0], [0, 1], [1, 1], [0, 0]]]),
    }
    uit = [(f"gj_{naam}.geojson", "terreinen", _fc_geom(geom)) for naam, geom in g.items()]
    # the same faults where a contour is optional (mutaties)
    for naam in (
        "ring_open",
        "ring_twee_punten",
        "diepte_polygoon_2",
        "dim_gemengd_2_3",
        "type_lijn",
        "collectie_leeg",
    ):
        f = {
            "type": "Feature",
            "properties": {"mutatie_id": "M-1", "soort": "transformatie", "gemeente": "Leiden", "naam": "X",
                           "ha": 1.5, "planstatus": "hard", "jaar": 2024},
            "geometry": g[naam],
        }  # fmt: skip
        uit.append((f"gj_mutatie_{naam}.geojson", "mutaties", geojson(collectie([f]))))

    # properties of the wrong type
    p: dict[str, object] = {
        "bruto_tekst": eigenschappen(1, bruto_ha="veel"),
        "bruto_bool": eigenschappen(1, bruto_ha=True),
        "bruto_lijst": eigenschappen(1, bruto_ha=[4, 5]),
        "bruto_object": eigenschappen(1, bruto_ha={"waarde": 4}),
        "bruto_null": eigenschappen(1, bruto_ha=None),
        "bruto_dubbelzinnig": eigenschappen(1, bruto_ha="1.250"),
        "bruto_engels": eigenschappen(1, bruto_ha="1,250.5"),
        "id_getal": eigenschappen(1, terrein_id=17),
        "id_float": eigenschappen(1, terrein_id=17.0),
        "id_bool": eigenschappen(1, terrein_id=False),
        "id_lijst": eigenschappen(1, terrein_id=["T-1"]),
        "id_null": eigenschappen(1, terrein_id=None),
        "naam_getal": eigenschappen(1, naam=12345),
        "naam_te_lang": eigenschappen(1, naam="x" * 5_000),
        "naam_onzichtbaar": eigenschappen(1, naam="Test\u200bterrein \u202e1"),
        "naam_nul": eigenschappen(1, naam="Test\u0000terrein"),
        "gemeente_getal": eigenschappen(1, gemeente=546),
        "koers_getal": eigenschappen(1, koers=3),
        "koers_onbekend": eigenschappen(1, koers="slopen"),
        "peiljaar_gebroken": eigenschappen(1, peiljaar=2024.5),
        "peiljaar_tekst": eigenschappen(1, peiljaar="2024"),
        "peiljaar_enorm": eigenschappen(1, peiljaar=1e20),
        "properties_lijst": [1, 2, 3],
        "properties_tekst": "terrein_id=T-1",
        "properties_null": None,
        "properties_leeg": {},
    }
    uit += [(f"gj_props_{naam}.geojson", "terreinen", _fc_props(props)) for naam, props in p.items()]

    # huge numbers in attributes
    for naam, waarde in (("1e308", 1e308), ("min_1e308", -1e308), ("1e20", 1e20), ("klein", 5e-324)):
        uit.append((f"gj_getal_bruto_{naam}.geojson", "terreinen", _fc_props(eigenschappen(1, bruto_ha=waarde))))
    sq_json = json.dumps(poly(vierkant(*A)))
    props_json = json.dumps(eigenschappen(1))
    ruw = {
        "getal_oneindig": props_json.replace('"bruto_ha": 4.0', '"bruto_ha": 1e999'),
        "getal_nan": props_json.replace('"bruto_ha": 4.0', '"bruto_ha": NaN'),
        "getal_infinity": props_json.replace('"bruto_ha": 4.0', '"bruto_ha": -Infinity'),
        "getal_lang_geheel": props_json.replace('"bruto_ha": 4.0', '"bruto_ha": ' + "9" * 400),
        "id_lang_geheel": props_json.replace('"terrein_id": "T-1"', '"terrein_id": 123456789012345678901234567890'),
        # duplicate keys
        "dubbel_bruto": props_json.replace('"bruto_ha": 4.0', '"bruto_ha": 4.0, "bruto_ha": 400.0'),
        "dubbel_id": props_json.replace('"terrein_id": "T-1"', '"terrein_id": "T-1", "terrein_id": "T-2"'),
        "dubbel_naam_hoofdletters": props_json.replace('"naam": ', '"NAAM": "x", "naam": '),
    }
    for naam, props_tekst in ruw.items():
        tekst = f'{{"type": "FeatureCollection", "crs": {json.dumps(RD_CRS)}, "features": [{{"type": "Feature", "properties": {props_tekst}, "geometry": {sq_json}}}]}}'
        uit.append((f"gj_{naam}.geojson", "terreinen", tekst.encode()))
    f = f'{{"type": "Feature", "properties": {props_json}, "geometry": {sq_json}}}'
    structuur = {
        "dubbel_geometry": f'{{"type": "Feature", "properties": {props_json}, "geometry": {sq_json}, "geometry": null}}',
        "dubbel_type": f'{{"type": "Feature", "type": "Punt", "properties": {props_json}, "geometry": {sq_json}}}',
        "dubbel_coordinates": f'{{"type": "Feature", "properties": {props_json}, "geometry": {{"type": "Polygon", "coordinates": [[[0, 0]]], "coordinates": {json.dumps(vierkant(*A))}}}}}',
        "feature_zonder_type": f'{{"properties": {props_json}, "geometry": {sq_json}}}',
        "feature_type_fout": f'{{"type": "Feat", "properties": {props_json}, "geometry": {sq_json}}}',
        "feature_zonder_geometry": f'{{"type": "Feature", "properties": {props_json}}}',
        "feature_tekst": '"een feature"',
        "feature_null": "null",
        "feature_lijst": f"[{f}]",
    }
    for naam, feat in structuur.items():
        tekst = f'{{"type": "FeatureCollection", "crs": {json.dumps(RD_CRS)}, "features": [{feat}]}}'
        uit.append((f"gj_{naam}.geojson", "terreinen", tekst.encode()))
    bovenkant = {
        "dubbel_features": f'{{"type": "FeatureCollection", "features": [{f}], "features": []}}',
        "features_object": f'{{"type": "FeatureCollection", "features": {f}}}',
        "features_tekst": '{"type": "FeatureCollection", "features": "geen"}',
        "features_null": '{"type": "FeatureCollection", "features": null}',
        "zonder_type": f'{{"features": [{f}]}}',
        "type_onbekend": f'{{"type": "Verzameling", "features": [{f}]}}',
        "los_feature": f,
        "losse_geometrie": sq_json,
        "bbox_fout": f'{{"type": "FeatureCollection", "bbox": "overal", "features": [{f}]}}',
        "crs_onbekend": f'{{"type": "FeatureCollection", "crs": {{"type": "name", "properties": {{"name": "EPSG:999999"}}}}, "features": [{f}]}}',
        "crs_tekst": f'{{"type": "FeatureCollection", "crs": "RD", "features": [{f}]}}',
        "afgekapt": f'{{"type": "FeatureCollection", "features": [{f}'[:-40],
        "diep_genest": '{"type": "FeatureCollection", "features": ' + "[" * 2_000 + "]" * 2_000 + "}",
        "lijst_bovenaan": f"[{f}]",
        "utf16": f'{{"type": "FeatureCollection", "features": [{f}]}}',
    }
    for naam, tekst in bovenkant.items():
        inhoud = tekst.encode("utf-16") if naam == "utf16" else tekst.encode()
        uit.append((f"gj_top_{naam}.geojson", "terreinen", inhoud))
    return uit


def bouw_randgevallen() -> list[tuple[str, str, bytes]]:
    """(bestand, laag, inhoud): tables and places of issue 16 (numbers, koppelingen, region, text)."""
    kop = "terrein_id;naam;gemeente;bruto_ha;netto_ha;koers;geometrie\n"
    wkt = shapely.box(93_000, 464_000, 93_200, 464_200).wkt

    def park(gemeente: str = "Leiden", bruto: str = "4", naam: str = "A", geom: str = wkt, peil: str = "") -> bytes:
        k = kop if not peil else kop.replace("geometrie", "peiljaar;geometrie")
        return (k + f'T-1;{naam};{gemeente};{bruto};3;behouden;{peil + ";" if peil else ""}"{geom}"\n').encode()

    def wgs(lon: float, lat: float, gemeente: str = "Leiden") -> bytes:
        d = 0.002
        ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
        return geojson(collectie([feature(poly([ring]), **eigenschappen(1, gemeente=gemeente))], crs=WGS_CRS))

    ring = [(93_100 + 100 * math.cos(2 * math.pi * i / 8_000), 464_100 + 100 * math.sin(2 * math.pi * i / 8_000))
            for i in range(8_000)]  # fmt: skip
    veel = [f"k{i}" for i in range(2_000)]
    return [
        ("rand_getal_engels.csv", "terreinen", park(bruto='"1,250.5"')),
        ("rand_getal_dubbelzinnig.csv", "terreinen", park(bruto="1.250")),
        ("rand_getal_nl.csv", "terreinen", park(bruto="1.250,5")),
        ("rand_getal_groepen_fout.csv", "terreinen", park(bruto="1.25,5")),
        ("rand_koppeling_onbekend.csv", "koppelingen", b"transformatie_id;compensatie_id;ha\nT-99;C-99;3\n"),
        ("rand_koppeling_omgekeerd.csv", "koppelingen", b"transformatie_id;compensatie_id;ha\nC-01;T-01;2\n"),
        ("rand_koppeling_te_groot.csv", "koppelingen", b"transformatie_id;compensatie_id;ha\nT-01;C-01;4999\n"),
        ("rand_noordzee.geojson", "terreinen", wgs(3.9, 52.4)),
        ("rand_aken.geojson", "terreinen", wgs(6.0, 50.8)),
        ("rand_antwerpen.geojson", "terreinen", wgs(4.42, 51.25)),
        ("rand_groningen_als_leiden.csv", "terreinen", park(geom=shapely.box(233_000, 582_000, 233_200, 582_200).wkt)),
        ("rand_ver_van_gemeente.csv", "terreinen", park(gemeente="Katwijk", geom=shapely.box(96_000, 460_000, 96_200, 460_200).wkt)),
        ("rand_nul.csv", "terreinen", park(naam="A\u200bB")),
        ("rand_bidi.csv", "terreinen", park(naam="A\u202eB")),
        ("rand_naam_te_lang.csv", "terreinen", park(naam="x" * 121)),
        ("rand_jaar_gebroken.csv", "terreinen", park(peil="2025.5")),
        ("rand_wkt_m.csv", "terreinen", park(geom="POLYGON M ((93000 464000 1, 93200 464000 1, 93200 464200 1, 93000 464200 1, 93000 464000 1))")),
        ("rand_wkt_zm.csv", "terreinen", park(geom="POLYGON ZM ((93000 464000 1 2, 93200 464000 1 2, 93200 464200 1 2, 93000 464000 1 2))")),
        ("rand_wkt_derde_coordinaat.csv", "terreinen", park(geom="POLYGON ((93000 464000, 93200 464000 5, 93200 464200, 93000 464200, 93000 464000))")),
        ("rand_wkt_lang.csv", "terreinen", park(bruto="3,1", geom=shapely.Polygon(ring).wkt)),
        ("rand_veel_kolommen.csv", "terreinen",
         (kop.strip() + ";" + ";".join(veel) + f'\nT-1;A;Leiden;4;3;behouden;"{wkt}";' + ";".join("1" for _ in veel) + "\n").encode()),
    ]  # fmt: skip


#: The expected outcome and a word of the message per file of the issue-16 sets (``weigert``:
#: read without blocking findings, refused at commit by the register's rules); an empty word
#: means the file imports without a note of its own.
VERWACHTING_EXTRA: dict[str, tuple[str, str]] = {
    "gj_ring_open.geojson": ("melding", "niet gesloten of te kort"),
    "gj_ring_open_gat.geojson": ("melding", "niet gesloten of te kort"),
    "gj_ring_open_multi.geojson": ("melding", "niet gesloten of te kort"),
    "gj_ring_twee_punten.geojson": ("melding", "niet gesloten of te kort"),
    "gj_ring_drie_punten_gesloten.geojson": ("melding", "make_valid"),
    "gj_ring_een_punt.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_ring_leeg.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_ringen_geen.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_ring_alle_punten_gelijk.geojson": ("melding", "make_valid"),
    "gj_ring_vlinder.geojson": ("melding", "make_valid"),
    "gj_ring_gat_buiten.geojson": ("melding", "make_valid"),
    "gj_ring_gat_gelijk_aan_rand.geojson": ("melding", "make_valid"),
    "gj_ring_dubbele_punten.geojson": ("melding", ""),
    "gj_ring_op_een_lijn.geojson": ("melding", "make_valid"),
    "gj_multi_overlappend.geojson": ("melding", "make_valid"),
    "gj_diepte_polygoon_2.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_diepte_polygoon_4.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_diepte_multi_3.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_diepte_multi_5.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_diepte_punt_2.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_coordinaten_getal.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_coordinaten_tekst.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_coordinaten_null.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_coordinaten_object.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_coordinaten_ontbreken.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_coordinaten_tekst_getallen.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_coordinaten_bool.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_coordinaten_null_punt.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_dim_gemengd_2_3.geojson": ("melding", "Hoogtewaarden (Z)"),
    "gj_dim_alle_3.geojson": ("melding", "Hoogtewaarden (Z)"),
    "gj_dim_4.geojson": ("melding", "Hoogtewaarden (Z)"),
    "gj_dim_1.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_dim_0.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_dim_gemengd_ringen.geojson": ("melding", "Hoogtewaarden (Z)"),
    "gj_type_onbekend.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_type_kleine_letters.geojson": ("melding", ""),
    "gj_type_cirkel.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_type_feature.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_type_null.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_type_getal.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_type_ontbreekt.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_type_punt.geojson": ("blokkeert", "vlak (polygoon) nodig"),
    "gj_type_lijn.geojson": ("blokkeert", "vlak (polygoon) nodig"),
    "gj_type_multipunt.geojson": ("blokkeert", "vlak (polygoon) nodig"),
    "gj_type_multilijn.geojson": ("blokkeert", "vlak (polygoon) nodig"),
    "gj_collectie_leeg.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_collectie_punten.geojson": ("blokkeert", "vlak (polygoon) nodig"),
    "gj_collectie_genest.geojson": ("melding", "Geometrieverzameling"),
    "gj_collectie_zonder_geometries.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_collectie_geometries_null.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_geometrie_tekst.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_geometrie_getal.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_geometrie_lijst.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_geometrie_leeg_object.geojson": ("melding", "zonder contour"),
    "gj_geometrie_extra_leden.geojson": ("melding", ""),
    "gj_coordinaat_enorm.geojson": ("melding", "make_valid"),
    "gj_coordinaat_1e20.geojson": ("blokkeert", "buiten Nederland"),
    "gj_coordinaat_negatief.geojson": ("blokkeert", "buiten Nederland"),
    "gj_coordinaat_nul.geojson": ("blokkeert", "buiten Nederland"),
    "gj_mutatie_ring_open.geojson": ("melding", "niet gesloten of te kort"),
    "gj_mutatie_ring_twee_punten.geojson": ("melding", "niet gesloten of te kort"),
    "gj_mutatie_diepte_polygoon_2.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_mutatie_dim_gemengd_2_3.geojson": ("melding", "Hoogtewaarden (Z)"),
    "gj_mutatie_type_lijn.geojson": ("melding", "contour is weggelaten"),
    "gj_mutatie_collectie_leeg.geojson": ("blokkeert", "gegeven, maar leeg"),
    "gj_props_bruto_tekst.geojson": ("blokkeert", "geen getal"),
    "gj_props_bruto_bool.geojson": ("blokkeert", "geen getal"),
    "gj_props_bruto_lijst.geojson": ("blokkeert", "geen getal"),
    "gj_props_bruto_object.geojson": ("blokkeert", "geen getal"),
    "gj_props_bruto_null.geojson": ("blokkeert", "Verplichte waarde"),
    "gj_props_bruto_dubbelzinnig.geojson": ("blokkeert", "niet eenduidig"),
    "gj_props_bruto_engels.geojson": ("melding", ""),
    "gj_props_id_getal.geojson": ("melding", ""),
    "gj_props_id_float.geojson": ("melding", ""),
    "gj_props_id_bool.geojson": ("melding", ""),
    "gj_props_id_lijst.geojson": ("melding", ""),
    "gj_props_id_null.geojson": ("blokkeert", "Verplichte waarde"),
    "gj_props_naam_getal.geojson": ("melding", ""),
    "gj_props_naam_te_lang.geojson": ("blokkeert", "hoogstens 120"),
    "gj_props_naam_onzichtbaar.geojson": ("melding", "onzichtbare tekens"),
    "gj_props_naam_nul.geojson": ("melding", "NUL-tekens"),
    "gj_props_gemeente_getal.geojson": ("fout", "Geen van de"),
    "gj_props_koers_getal.geojson": ("blokkeert", "Onbekende koers"),
    "gj_props_koers_onbekend.geojson": ("blokkeert", "Onbekende koers"),
    "gj_props_peiljaar_gebroken.geojson": ("blokkeert", "geen heel getal"),
    "gj_props_peiljaar_tekst.geojson": ("melding", ""),
    "gj_props_peiljaar_enorm.geojson": ("blokkeert", "onmogelijk groot"),
    "gj_props_properties_lijst.geojson": ("fout", "ontbreken verplichte kolommen"),
    "gj_props_properties_tekst.geojson": ("fout", "ontbreken verplichte kolommen"),
    "gj_props_properties_null.geojson": ("fout", "ontbreken verplichte kolommen"),
    "gj_props_properties_leeg.geojson": ("fout", "ontbreken verplichte kolommen"),
    "gj_getal_bruto_1e308.geojson": ("blokkeert", "onmogelijk groot"),
    "gj_getal_bruto_min_1e308.geojson": ("blokkeert", "negatief"),
    "gj_getal_bruto_1e20.geojson": ("blokkeert", "onmogelijk groot"),
    "gj_getal_bruto_klein.geojson": ("blokkeert", "groter dan bruto"),
    "gj_getal_oneindig.geojson": ("fout", "kan niet worden gelezen"),
    "gj_getal_nan.geojson": ("blokkeert", "Verplichte waarde"),
    "gj_getal_infinity.geojson": ("blokkeert", "geen getal"),
    "gj_getal_lang_geheel.geojson": ("fout", "kan niet worden gelezen"),
    "gj_id_lang_geheel.geojson": ("fout", "kan niet worden gelezen"),
    "gj_dubbel_bruto.geojson": ("blokkeert", "dezelfde sleutel twee keer"),
    "gj_dubbel_id.geojson": ("blokkeert", "dezelfde sleutel twee keer"),
    "gj_dubbel_naam_hoofdletters.geojson": ("melding", ""),
    "gj_dubbel_geometry.geojson": ("blokkeert", "dezelfde sleutel twee keer"),
    "gj_dubbel_type.geojson": ("fout", "geen rijen"),
    "gj_dubbel_coordinates.geojson": ("blokkeert", "dezelfde sleutel twee keer"),
    "gj_feature_zonder_type.geojson": ("fout", "geen rijen"),
    "gj_feature_type_fout.geojson": ("fout", "geen rijen"),
    "gj_feature_zonder_geometry.geojson": ("melding", "zonder contour"),
    "gj_feature_tekst.geojson": ("fout", "geen rijen"),
    "gj_feature_null.geojson": ("fout", "geen rijen"),
    "gj_feature_lijst.geojson": ("fout", "geen rijen"),
    "gj_top_dubbel_features.geojson": ("blokkeert", "dezelfde sleutel twee keer"),
    "gj_top_features_object.geojson": ("fout", "kan niet worden gelezen"),
    "gj_top_features_tekst.geojson": ("fout", "kan niet worden gelezen"),
    "gj_top_features_null.geojson": ("fout", "kan niet worden gelezen"),
    "gj_top_zonder_type.geojson": ("fout", "geen GeoJSON"),
    "gj_top_type_onbekend.geojson": ("fout", "geen GeoJSON"),
    "gj_top_los_feature.geojson": ("melding", "geeft geen coördinatenstelsel"),
    "gj_top_losse_geometrie.geojson": ("fout", "ontbreken verplichte kolommen"),
    "gj_top_bbox_fout.geojson": ("melding", "geeft geen coördinatenstelsel"),
    "gj_top_crs_onbekend.geojson": ("melding", "RD-meters"),
    "gj_top_crs_tekst.geojson": ("melding", "RD-meters"),
    "gj_top_afgekapt.geojson": ("fout", "geen geldige JSON"),
    "gj_top_diep_genest.geojson": ("fout", "geen geldige JSON"),
    "gj_top_lijst_bovenaan.geojson": ("fout", "geen GeoJSON"),
    "gj_top_utf16.geojson": ("fout", "geen geldige JSON"),
    "rand_getal_engels.csv": ("melding", "geeft geen coördinatenstelsel"),
    "rand_getal_dubbelzinnig.csv": ("blokkeert", "niet eenduidig"),
    "rand_getal_nl.csv": ("melding", "geeft geen coördinatenstelsel"),
    "rand_getal_groepen_fout.csv": ("blokkeert", "geen getal"),
    "rand_koppeling_onbekend.csv": ("weigert", "geen geldige transformatie"),
    "rand_koppeling_omgekeerd.csv": ("weigert", "geen geldige transformatie"),
    "rand_koppeling_te_groot.csv": ("weigert", "nog hoogstens"),
    "rand_noordzee.geojson": ("blokkeert", "buiten de regio"),
    "rand_aken.geojson": ("blokkeert", "buiten de regio"),
    "rand_antwerpen.geojson": ("blokkeert", "buiten de regio"),
    "rand_groningen_als_leiden.csv": ("blokkeert", "buiten de regio"),
    "rand_ver_van_gemeente.csv": ("melding", "km van het centrum"),
    "rand_nul.csv": ("melding", "onzichtbare tekens"),
    "rand_bidi.csv": ("melding", "onzichtbare tekens"),
    "rand_naam_te_lang.csv": ("blokkeert", "hoogstens 120"),
    "rand_jaar_gebroken.csv": ("blokkeert", "geen heel getal"),
    "rand_wkt_m.csv": ("blokkeert", "M-waarde"),
    "rand_wkt_zm.csv": ("blokkeert", "M-waarde"),
    "rand_wkt_derde_coordinaat.csv": ("melding", "derde coördinaat"),
    "rand_wkt_lang.csv": ("melding", "geeft geen coördinatenstelsel"),
    "rand_veel_kolommen.csv": ("fout", "kolommen; de monitor"),
}


def bouw_extra() -> list[tuple[str, str, str, str, bytes]]:
    """(bestand, laag, uitkomst, trefwoord, inhoud) for the issue-16 sets."""
    return [(b, laag, *VERWACHTING_EXTRA[b], inhoud) for b, laag, inhoud in bouw_geojson_kapot() + bouw_randgevallen()]


def main() -> None:
    MAP.mkdir(exist_ok=True)
    for p in MAP.iterdir():
        p.unlink()
    rijen = []
    for bestand, laag, uitkomst, trefwoord, inhoud in [*bouw(), *bouw_extra()]:
        (MAP / bestand).write_bytes(inhoud)
        rijen.append({"bestand": bestand, "laag": laag, "uitkomst": uitkomst, "trefwoord": trefwoord})
    with open(VERWACHT, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["bestand", "laag", "uitkomst", "trefwoord"], lineterminator="\n")
        w.writeheader()
        w.writerows(rijen)
    print(f"{len(rijen)} bestanden geschreven naar {MAP}")


if __name__ == "__main__":
    main()
