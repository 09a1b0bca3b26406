"""The data model of the monitor, declared once as data.

Every layer (terreinen, mutaties, koppelingen, kanszones, panden) is a list of
:class:`Kolom` definitions; every category (planstatus, soort, koers, ernst) is a
list of :class:`Categorie` entries with a Dutch label, a colour and a help text.
Validation, empty frames, legends and the UI all read these declarations, so a
category is added in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

#: Coordinate reference system of all stored data and all area computations (RD New, metres).
CRS_RD = "EPSG:28992"
#: Coordinate reference system used only for web maps.
CRS_WEB = "EPSG:4326"

M2_PER_HA = 10_000.0

#: ``bron`` of every row of the shipped sample data, and the notice shown wherever it is used.
VOORBEELD_BRON = "Voorbeelddata (geen officiële cijfers)"
VOORBEELD_TEKST = "Voorbeelddata — geen officiële cijfers"
#: Dutch names of the layers, as a notice lists them ("voorbeelddata in: terreinen, mutaties").
LAAG_NAMEN: dict[str, str] = {
    "terreinen": "terreinen",
    "mutaties": "mutaties",
    "koppelingen": "koppelingen",
    "kanszones": "kanszones",
    "voorraad": "voorraad per peiljaar",
    "panden": "panden",
}


@dataclass(frozen=True)
class Categorie:
    """One value of a categorical column: its code, Dutch label, colour and explanation."""

    code: str
    label: str
    kleur: str
    uitleg: str


@dataclass(frozen=True)
class Kolom:
    """One column of a layer: name, pandas dtype, whether it is required, and its meaning."""

    naam: str
    dtype: str
    verplicht: bool
    uitleg: str


# Planstatus, ordered from most to least certain. ``planstatus_vanaf="hard"`` counts
# every plan whose rank is <= the rank of "hard" (gerealiseerd and hard).
PLANSTATUS: tuple[Categorie, ...] = (
    Categorie("gerealiseerd", "Gerealiseerd", "#1b7837", "Uitgevoerd; de hectares zijn al gewijzigd."),
    Categorie(
        "hard", "Hard", "#5aae61", "Planologisch vastgesteld of onherroepelijk (planfase vastgesteld/onherroepelijk)."
    ),
    Categorie("zacht", "Zacht", "#e08214", "In voorbereiding: ontwerp, structuurvisie of onderzoekslocatie."),
    Categorie("idee", "Idee", "#8c8c8c", "Verkenning zonder planologische status."),
)
PLANSTATUS_RANG: dict[str, int] = {c.code: i for i, c in enumerate(PLANSTATUS)}

SOORTEN: tuple[Categorie, ...] = (
    Categorie(
        "transformatie",
        "Transformatie",
        "#d7191c",
        "Bedrijventerrein dat een andere functie krijgt (meestal wonen); netto ha die verdwijnen.",
    ),
    Categorie(
        "compensatie", "Compensatie", "#2c7bb6", "Nieuw bedrijventerrein dat getransformeerde hectares vervangt."
    ),
    Categorie("uitbreiding", "Uitbreiding", "#7b3294", "Nieuw aanbod van bedrijventerrein dat geen compensatie is."),
    Categorie(
        "intensivering", "Intensivering", "#008837", "Ruimtewinst door verdichting, uitgedrukt in hectare-equivalent."
    ),
    Categorie("uitgifte", "Uitgifte", "#8c8c8c", "Verkoop of verhuur van een kavel; verandert de voorraad niet."),
)

# Strategy course per park (koers). Colours: Okabe-Ito palette (colour-blind safe).
KOERSEN: tuple[Categorie, ...] = (
    Categorie("behouden", "Behouden", "#0072B2", "Terrein blijft bedrijventerrein in de huidige vorm."),
    Categorie("intensiveren", "Intensiveren", "#009E73", "Terrein blijft en wordt intensiever benut (kanszones)."),
    Categorie("transformeren", "Transformeren", "#D55E00", "Terrein (deels) aangewezen voor transformatie."),
    Categorie("uitbreiden", "Uitbreiden", "#CC79A7", "Bestaand terrein met uitbreidingsruimte."),
    Categorie("nieuw", "Nieuw", "#E69F00", "Gepland nieuw terrein; telt niet mee in de startvoorraad."),
)

ERNST: tuple[Categorie, ...] = (
    Categorie("fout", "Fout", "#b2182b", "In strijd met de strategie; vraagt om bijsturing."),
    Categorie("waarschuwing", "Waarschuwing", "#e08214", "Risico voor de strategie; volgen."),
    Categorie("info", "Info", "#2166ac", "Ter informatie, geen strijd met de strategie."),
)

VERKEERSLICHT: tuple[Categorie, ...] = (
    Categorie("groen", "Groen", "#1b7837", "Alle getelde transformaties gecompenseerd (ook als dat elders gebeurt)."),
    Categorie("oranje", "Oranje", "#e08214", "Geplande transformaties nog niet (volledig) gecompenseerd."),
    Categorie("rood", "Rood", "#b2182b", "Harde of gerealiseerde transformatie niet volledig gecompenseerd."),
)


def codes(categorieen: tuple[Categorie, ...]) -> list[str]:
    """The codes of a category list, in declared order."""
    return [c.code for c in categorieen]


def label(categorieen: tuple[Categorie, ...], code: str) -> str:
    """The Dutch label of ``code`` in ``categorieen`` (the code itself when unknown)."""
    for c in categorieen:
        if c.code == code:
            return c.label
    return str(code)


LAGEN: dict[str, tuple[Kolom, ...]] = {
    "terreinen": (
        Kolom("terrein_id", "string", True, "Stabiele sleutel van het terrein."),
        Kolom("naam", "string", True, "Naam van het bedrijventerrein."),
        Kolom("gemeente", "string", True, "Gemeente waarin het terrein ligt."),
        Kolom("bruto_ha", "float64", True, "Hele terrein binnen de contour, inclusief wegen, water en groen."),
        Kolom("netto_ha", "float64", True, "Alle uitgeefbare kavels, uitgegeven of niet."),
        Kolom("uitgegeven_ha", "float64", False, "Verkocht of verhuurd."),
        Kolom("uitgeefbaar_terstond_ha", "float64", False, "Direct uitgeefbaar."),
        Kolom("uitgeefbaar_niet_terstond_ha", "float64", False, "Uitgeefbaar, maar niet direct."),
        Kolom("rin_nummer", "string", False, "Landelijk IBIS-nummer van het terrein (RIN); gelijk over de jaren."),
        Kolom(
            "peiljaar",
            "Int64",
            False,
            "Jaar waarop de hectares slaan (IBIS-peiljaar); leeg voor een terrein dat niet in IBIS staat.",
        ),
        Kolom(
            "uitgeefbaar_ha",
            "float64",
            False,
            "Totaal uitgeefbaar (terstond + niet terstond): grond die nog te koop of te huur is.",
        ),
        Kolom("uitgifte_ha", "float64", False, "Uitgegeven in het peiljaar (IBIS: uitgifte huidig jaar)."),
        Kolom("kern", "string", False, "Kern (woonplaats) waarin het terrein ligt."),
        Kolom("werklocatietype", "string", False, "IBIS-werklocatietype (bedrijventerrein, zeehaventerrein, …)."),
        Kolom("planfase", "string", False, "IBIS-planfase (onherroepelijk, vastgesteld, ontwerp, …)."),
        Kolom("typologie", "string", False, "Type terrein (bijv. gemengd, hoogwaardig, zwaar)."),
        Kolom("milieucategorie_max", "Int64", False, "Hoogst toegestane milieucategorie (1-6)."),
        Kolom(
            "koers",
            "string",
            True,
            "Koers uit de strategie: behouden, intensiveren, transformeren, uitbreiden of nieuw.",
        ),
        Kolom("max_bouwhoogte_m", "float64", False, "Hoogste toegestane bouwhoogte volgens het bestemmingsplan (m)."),
        Kolom(
            "max_bebouwingsgraad",
            "float64",
            False,
            "Hoogst toegestaan deel van een kavel dat bebouwd mag worden (0-1; 0,7 = 70 %).",
        ),
        Kolom(
            "ligging",
            "string",
            False,
            "Hoe de contour tot stand kwam: 'ingelezen' of 'benaderd' (synthetische vorm op de bekende plek); "
            "leeg zonder contour.",
        ),
        Kolom("bron", "string", False, "Herkomst van de gegevens."),
    ),
    "mutaties": (
        Kolom("mutatie_id", "string", True, "Stabiele sleutel van de mutatie."),
        Kolom("soort", "string", True, "transformatie, compensatie, uitbreiding, intensivering of uitgifte."),
        Kolom("terrein_id", "string", False, "Terrein waarop de mutatie ligt (optioneel)."),
        Kolom("gemeente", "string", True, "Gemeente waarin de mutatie ligt."),
        Kolom("naam", "string", True, "Naam van de locatie."),
        Kolom(
            "locatie_id",
            "string",
            False,
            "Bij een transformatie: de id van de goedgekeurde transformatielocatie in de strategie.",
        ),
        Kolom("ha", "float64", True, "Netto hectares; bij intensivering de ruimtewinst in hectare-equivalent."),
        Kolom("planstatus", "string", True, "gerealiseerd, hard, zacht of idee."),
        Kolom("jaar", "Int64", True, "Jaar van realisatie (verwacht of werkelijk)."),
        Kolom("toelichting", "string", False, "Vrije toelichting."),
        Kolom("bron", "string", False, "Herkomst van de gegevens."),
        Kolom("versie", "Int64", False, "Versienummer voor optimistische vergrendeling."),
        Kolom("gewijzigd_op", "string", False, "Tijdstip van de laatste wijziging."),
        Kolom("gewijzigd_door", "string", False, "Wie de laatste wijziging deed."),
        Kolom(
            "vervallen",
            "string",
            False,
            "Datum (jjjj-mm-dd) waarop de mutatie is vervallen; leeg = geldig. Telt nergens mee, blijft bewaard.",
        ),
    ),
    "koppelingen": (
        Kolom("transformatie_id", "string", True, "mutatie_id van de transformatie."),
        Kolom("compensatie_id", "string", True, "mutatie_id van de compensatie."),
        Kolom("ha", "float64", True, "Hectares van de compensatie die aan deze transformatie zijn toegewezen."),
    ),
    "kanszones": (
        Kolom("kanszone_id", "string", True, "Stabiele sleutel van de kanszone."),
        Kolom("terrein_id", "string", True, "Terrein waarin de kanszone ligt."),
        Kolom("naam", "string", True, "Naam van de kanszone."),
        Kolom("maatregel", "string", False, "Beoogde verdichtingsmaatregel."),
        Kolom("potentie_m2_bvo", "float64", False, "Extra bedrijfsvloeroppervlak (m² bvo)."),
        Kolom("potentie_ha", "float64", False, "Ruimtewinst in hectare-equivalent."),
        Kolom("status", "string", False, "Stand van zaken."),
        Kolom("toelichting", "string", False, "Vrije toelichting."),
    ),
    "voorraad": (
        Kolom("terrein_id", "string", True, "Terrein waarop de stand slaat."),
        Kolom("peiljaar", "Int64", True, "Jaar waarop de hectares slaan (IBIS-peiljaar)."),
        Kolom("rin_nummer", "string", False, "Landelijk IBIS-nummer van het terrein (RIN)."),
        Kolom("naam", "string", False, "Naam van het terrein in dat peiljaar."),
        Kolom("gemeente", "string", False, "Gemeente van het terrein in dat peiljaar."),
        Kolom("bruto_ha", "float64", False, "Bruto hectares in dat peiljaar."),
        Kolom("netto_ha", "float64", False, "Netto hectares in dat peiljaar."),
        Kolom("uitgeefbaar_ha", "float64", False, "Totaal uitgeefbaar in dat peiljaar."),
        Kolom("uitgegeven_ha", "float64", False, "Uitgegeven (verkocht of verhuurd) in dat peiljaar."),
        Kolom("uitgifte_ha", "float64", False, "Uitgegeven in de loop van dat peiljaar (IBIS: uitgifte huidig jaar)."),
        Kolom("bron", "string", False, "Herkomst van de stand (bestand en datum van inlezen)."),
    ),
    "panden": (
        Kolom("identificatie", "string", True, "BAG-identificatie van het pand."),
        Kolom("bouwjaar", "Int64", False, "Oorspronkelijk bouwjaar."),
        Kolom("status", "string", False, "BAG-status."),
        Kolom("gebruiksdoel", "string", False, "Gebruiksdoel."),
        Kolom("bouwlagen", "Int64", False, "Aantal bouwlagen."),
        Kolom("hoogte", "float64", False, "Hoogte in meters."),
    ),
}

#: Layers that carry geometry, and whether geometry is required.
GEOMETRIE_VERPLICHT: dict[str, bool | None] = {
    "terreinen": False,  # a park from a register table may have no contour yet: it still counts
    "mutaties": False,
    "koppelingen": None,  # no geometry
    "voorraad": None,  # the stock per peiljaar: a table
    "kanszones": True,
    "panden": True,
}


def kolomnamen(laag: str) -> list[str]:
    """The declared column names of ``laag``, in order."""
    return [k.naam for k in LAGEN[laag]]


def conform(df: pd.DataFrame, laag: str) -> pd.DataFrame | gpd.GeoDataFrame:
    """Return ``df`` with exactly the declared columns of ``laag`` in declared order and dtypes.

    Missing optional columns are added empty; extra columns are kept after the declared
    ones (users may bring their own). Geometry, when the layer has it, stays last and in
    EPSG:28992. Raises ``KeyError`` naming a missing required column.
    """
    kolommen = LAGEN[laag]
    out = df.copy()
    for k in kolommen:
        if k.naam not in out.columns:
            if k.verplicht:
                raise KeyError(k.naam)
            out[k.naam] = _as_dtype(pd.Series(None, index=out.index, dtype=object), k.dtype)
        else:
            out[k.naam] = _as_dtype(out[k.naam], k.dtype)
    declared = [k.naam for k in kolommen]
    geom = [out.geometry.name] if isinstance(out, gpd.GeoDataFrame) else []
    extra = [c for c in out.columns if c not in declared and c not in geom]
    out = out[declared + extra + geom]
    if GEOMETRIE_VERPLICHT[laag] is None:
        return pd.DataFrame(out)
    if not isinstance(out, gpd.GeoDataFrame):
        if "geometry" in out.columns:  # shapes in a plain frame's 'geometry' column (RD)
            return gpd.GeoDataFrame(out, geometry="geometry", crs=CRS_RD)
        out = gpd.GeoDataFrame(out, geometry=gpd.GeoSeries([None] * len(out), index=out.index), crs=CRS_RD)
    return out


def _as_dtype(s: pd.Series, dtype: str) -> pd.Series:
    if dtype == "float64":
        return pd.to_numeric(s, errors="coerce").astype("float64")
    if dtype == "Int64":
        return pd.to_numeric(s, errors="coerce").round().astype("Int64")
    return s.astype("string")


def empty(laag: str) -> pd.DataFrame | gpd.GeoDataFrame:
    """An empty frame of ``laag`` with the declared columns (and geometry in RD when it has one)."""
    df = pd.DataFrame({k.naam: pd.Series(dtype=k.dtype) for k in LAGEN[laag]})
    if GEOMETRIE_VERPLICHT[laag] is None:
        return df
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries([], crs=CRS_RD), crs=CRS_RD)


def voorbeeld_rijen(df: pd.DataFrame) -> int:
    """How many rows of a layer carry the sample-data ``bron`` (0 for a layer without ``bron``)."""
    if "bron" not in df.columns:
        return 0
    return int(df["bron"].astype("string").eq(VOORBEELD_BRON).fillna(False).sum())
