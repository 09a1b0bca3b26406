"""The data model declared once: conform, empty frames and the categories with label, colour and help."""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from bedrijventerreinen import schema

CATEGORIEEN = {
    "PLANSTATUS": schema.PLANSTATUS,
    "SOORTEN": schema.SOORTEN,
    "KOERSEN": schema.KOERSEN,
    "ERNST": schema.ERNST,
    "VERKEERSLICHT": schema.VERKEERSLICHT,
}
ALLE_CATEGORIEEN = [pytest.param(c, id=f"{naam}-{c.code}") for naam, lijst in CATEGORIEEN.items() for c in lijst]


@pytest.mark.parametrize("categorie", ALLE_CATEGORIEEN)
def test_categorie_heeft_label_kleur_en_uitleg(categorie):
    assert categorie.label.strip()
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", categorie.kleur), categorie.kleur
    assert len(categorie.uitleg.strip()) > 10


@pytest.mark.parametrize("lijst", list(CATEGORIEEN.values()), ids=list(CATEGORIEEN))
def test_categorie_codes_en_kleuren_uniek(lijst):
    assert len(set(schema.codes(lijst))) == len(lijst)
    assert len({c.kleur.lower() for c in lijst}) == len(lijst), "two categories share a colour on the map"


def test_vaste_codes():
    assert schema.codes(schema.PLANSTATUS) == ["gerealiseerd", "hard", "zacht", "idee"]
    assert schema.PLANSTATUS_RANG["gerealiseerd"] < schema.PLANSTATUS_RANG["hard"] < schema.PLANSTATUS_RANG["zacht"]
    assert schema.PLANSTATUS_RANG["zacht"] < schema.PLANSTATUS_RANG["idee"]
    assert set(schema.codes(schema.SOORTEN)) == {
        "transformatie",
        "compensatie",
        "uitbreiding",
        "intensivering",
        "uitgifte",
    }
    assert set(schema.codes(schema.KOERSEN)) == {"behouden", "intensiveren", "transformeren", "uitbreiden", "nieuw"}
    assert schema.codes(schema.ERNST) == ["fout", "waarschuwing", "info"]
    assert schema.codes(schema.VERKEERSLICHT) == ["groen", "oranje", "rood"]


def test_label():
    assert schema.label(schema.PLANSTATUS, "zacht") == "Zacht"
    assert schema.label(schema.SOORTEN, "onbekend") == "onbekend"


@pytest.mark.parametrize("laag", list(schema.LAGEN))
def test_lagen_hebben_uitleg_en_geldige_dtypes(laag):
    for k in schema.LAGEN[laag]:
        assert k.uitleg.strip(), k.naam
        assert k.dtype in {"string", "float64", "Int64"}, k.naam
        assert re.fullmatch(r"[a-z][a-z0-9_]*", k.naam), k.naam


def _terreinen_minimaal() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "terrein_id": ["A", "B"],
            "naam": ["Roomburg", "De Waard"],
            "gemeente": ["Leiden", "Leiden"],
            "bruto_ha": ["13", 32.0],
            "netto_ha": [10.1, "geen"],
            "koers": ["behouden", "intensiveren"],
            "eigen_kolom": ["x", "y"],
        }
    )


def test_conform_voegt_optionele_kolommen_toe():
    out = schema.conform(_terreinen_minimaal(), "terreinen")
    declared = schema.kolomnamen("terreinen")
    assert list(out.columns[: len(declared)]) == declared
    assert out["uitgegeven_ha"].isna().all()
    assert out["milieucategorie_max"].isna().all()
    assert out["typologie"].isna().all()
    for k in schema.LAGEN["terreinen"]:
        assert out[k.naam].dtype == pd.Series(dtype=k.dtype).dtype, k.naam


def test_conform_zet_typen_om():
    out = schema.conform(_terreinen_minimaal(), "terreinen")
    assert out["bruto_ha"].tolist() == [13.0, 32.0]
    assert out["netto_ha"].iloc[0] == 10.1
    assert pd.isna(out["netto_ha"].iloc[1]), "unreadable number becomes missing, not an error"
    m = schema.conform(
        pd.DataFrame(
            {
                "mutatie_id": ["M1"],
                "soort": ["uitbreiding"],
                "gemeente": ["Leiden"],
                "naam": ["x"],
                "ha": ["2.5"],
                "planstatus": ["hard"],
                "jaar": ["2025.0"],
            }
        ),
        "mutaties",
    )
    assert m["jaar"].dtype == "Int64" and m["jaar"].iloc[0] == 2025
    assert m["ha"].iloc[0] == 2.5


def test_conform_houdt_eigen_kolommen_en_geometrie_laatst():
    df = _terreinen_minimaal()
    gdf = gpd.GeoDataFrame(df, geometry=[box(0, 0, 100, 100), box(200, 0, 300, 100)], crs=schema.CRS_RD)
    out = schema.conform(gdf, "terreinen")
    assert isinstance(out, gpd.GeoDataFrame)
    assert out.columns[-1] == out.geometry.name
    assert out.columns[-2] == "eigen_kolom"
    assert out.crs.to_epsg() == 28992


def test_conform_zonder_geometrie_geeft_geodataframe_in_rd():
    m = schema.conform(
        pd.DataFrame(
            {
                "mutatie_id": ["M1"],
                "soort": ["uitbreiding"],
                "gemeente": ["Leiden"],
                "naam": ["x"],
                "ha": [1.0],
                "planstatus": ["hard"],
                "jaar": [2025],
            }
        ),
        "mutaties",
    )
    assert isinstance(m, gpd.GeoDataFrame)
    assert m.crs.to_epsg() == 28992
    assert m.geometry.isna().all()
    assert m["versie"].isna().all() and m["toelichting"].isna().all()


def test_conform_koppelingen_zonder_geometrie():
    k = schema.conform(
        pd.DataFrame({"transformatie_id": ["T"], "compensatie_id": ["C"], "ha": ["1.5"]}),
        "koppelingen",
    )
    assert not isinstance(k, gpd.GeoDataFrame)
    assert list(k.columns) == schema.kolomnamen("koppelingen")
    assert k["ha"].iloc[0] == 1.5


@pytest.mark.parametrize(
    ("laag", "weg"),
    [
        pytest.param("terreinen", "naam", id="terreinen-naam"),
        pytest.param("terreinen", "koers", id="terreinen-koers"),
        pytest.param("mutaties", "ha", id="mutaties-ha"),
        pytest.param("koppelingen", "compensatie_id", id="koppelingen-compensatie"),
        pytest.param("kanszones", "terrein_id", id="kanszones-terrein"),
    ],
)
def test_conform_ontbrekende_verplichte_kolom(laag, weg):
    volledig = {k.naam: ["1"] for k in schema.LAGEN[laag] if k.verplicht}
    del volledig[weg]
    with pytest.raises(KeyError) as fout:
        schema.conform(pd.DataFrame(volledig), laag)
    assert fout.value.args[0] == weg


@pytest.mark.parametrize("laag", list(schema.LAGEN))
def test_empty(laag):
    leeg = schema.empty(laag)
    assert len(leeg) == 0
    assert list(leeg.columns[: len(schema.LAGEN[laag])]) == schema.kolomnamen(laag)
    if schema.GEOMETRIE_VERPLICHT[laag] is None:
        assert not isinstance(leeg, gpd.GeoDataFrame)
    else:
        assert isinstance(leeg, gpd.GeoDataFrame) and leeg.crs.to_epsg() == 28992
    # conform of an empty frame keeps it empty and well-formed
    assert len(schema.conform(leeg, laag)) == 0
