"""Changes to the register: a drawn kanszone into the kanszones layer (C14), and kanszone
potential as intensivering mutaties for the hectare balance (C12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import schema
from ..definities import is_vervallen, naar_rd
from ..formatting import format_pct
from ..strategy import normalize_naam
from .dichtheid import repair_geoms
from .parameters import KanszoneFout

__all__ = [
    "BRON_KANSZONE",
    "KANSZONE_PREFIX",
    "MARGE_BUITEN",
    "add_kanszone",
    "add_kanszone_intensivering",
    "compute_kanszonebijdrage",
    "find_terrein_van",
    "kanszones_als_mutaties",
    "polygon_from_tekening",
    "vandaag",
]

#: Source label of intensivering mutaties derived from kanszone potential (never official).
BRON_KANSZONE = "Kanszone-potentie (verondersteld)"
#: Prefix of the mutatie_id of a kanszone turned into intensivering (as in :mod:`scenarios`).
KANSZONE_PREFIX = "KZ:"
#: Share of a drawn zone that may lie outside its park (hand-drawn edges); it is then clipped.
MARGE_BUITEN = 0.02
_GEEN_VLAK = "De tekening is geen vlak. Teken de kanszone met het vijfhoek- of rechthoekgereedschap."


def vandaag() -> str:
    """Today as an ISO date (for toelichtingen of saved zones)."""
    return dt.date.today().isoformat()


# --------------------------------------------------------------------------------------
# Drawn kanszones (the page's "teken een kanszone")
# --------------------------------------------------------------------------------------


def polygon_from_tekening(tekening: Mapping[str, Any]) -> shapely.Geometry:
    """The polygon of a drawn shape (a GeoJSON Feature or geometry in EPSG:4326, as folium's
    Draw returns it), in EPSG:28992. Raises :class:`KanszoneFout` for anything but a valid
    polygon."""
    geometrie = tekening.get("geometry", tekening) if isinstance(tekening, Mapping) else None
    try:
        vorm = shapely.geometry.shape(geometrie)
    except (AttributeError, KeyError, TypeError, ValueError, shapely.errors.GEOSException) as e:
        raise KanszoneFout(_GEEN_VLAK) from e
    if vorm.geom_type not in ("Polygon", "MultiPolygon") or vorm.is_empty:
        raise KanszoneFout(_GEEN_VLAK)
    rd = gpd.GeoSeries([vorm], crs=schema.CRS_WEB).to_crs(schema.CRS_RD).iloc[0]
    if not rd.is_valid:
        rd = shapely.make_valid(rd)
        rd = shapely.union_all([g for g in getattr(rd, "geoms", [rd]) if g.geom_type in ("Polygon", "MultiPolygon")])
    if rd.is_empty or rd.area < 1.0:
        raise KanszoneFout("De getekende kanszone heeft geen oppervlakte.")
    return rd


def find_terrein_van(vorm: shapely.Geometry, terreinen: gpd.GeoDataFrame) -> str:
    """The terrein_id of the park ``vorm`` (EPSG:28992) lies in. At most :data:`MARGE_BUITEN`
    of its area may lie outside that park. Raises :class:`KanszoneFout` (Dutch) otherwise."""
    t = naar_rd(terreinen)
    geoms = repair_geoms(t.geometry.to_numpy())
    ok = ~shapely.is_missing(geoms)
    overlap = np.zeros(len(t))
    overlap[ok] = shapely.area(shapely.intersection(geoms[ok], vorm))
    if not len(t) or overlap.max() <= 0:
        raise KanszoneFout("De getekende kanszone ligt niet in een bedrijventerrein. Teken haar binnen een terrein.")
    beste = int(np.argmax(overlap))
    if overlap[beste] < (1 - MARGE_BUITEN) * vorm.area:
        buiten = 1 - overlap[beste] / vorm.area
        raise KanszoneFout(
            f"De getekende kanszone ligt voor {format_pct(buiten)} buiten het terrein {t['naam'].iloc[beste]}. "
            "Een kanszone moet binnen één bedrijventerrein liggen; pas de tekening aan."
        )
    return str(t["terrein_id"].iloc[beste])


def _check_naam(naam: str) -> str:
    """``naam`` with its whitespace normalised; :class:`KanszoneFout` when empty or too long."""
    naam = " ".join(str(naam or "").split())
    if not naam:
        raise KanszoneFout("Geef de kanszone een naam.")
    if len(naam) > 120:
        raise KanszoneFout("De naam van de kanszone is te lang (hoogstens 120 tekens).")
    return naam


def _clip_to_park(vorm: shapely.Geometry, terreinen: gpd.GeoDataFrame, terrein_id: str) -> shapely.Geometry:
    """``vorm`` clipped to the contour of park ``terrein_id``."""
    park = naar_rd(terreinen).set_index("terrein_id").geometry.loc[terrein_id]
    park = park.iloc[0] if isinstance(park, gpd.GeoSeries) else park
    return shapely.intersection(vorm, shapely.make_valid(park))


def _next_id(bestaand: pd.DataFrame) -> str:
    """The next free kanszone id ``KZ-nn``."""
    nummers = pd.to_numeric(bestaand["kanszone_id"].astype(str).str.extract(r"^KZ-(\d+)$")[0], errors="coerce")
    return f"KZ-{int(nummers.max() if nummers.notna().any() else 0) + 1:02d}"


def _potentie_waarde(potentie: pd.Series | Mapping[str, float] | None, kolom: str) -> float:
    return float(potentie[kolom]) if potentie is not None else np.nan


def add_kanszone(
    kanszones: gpd.GeoDataFrame,
    terreinen: gpd.GeoDataFrame,
    vorm: shapely.Geometry,
    naam: str,
    maatregel: str = "",
    toelichting: str = "",
    potentie: pd.Series | Mapping[str, float] | None = None,
) -> tuple[gpd.GeoDataFrame, list[dict[str, object]]]:
    """The kanszones layer with one new zone, and its audit rows (for :meth:`Store.write`).

    ``vorm`` (EPSG:28992) must lie inside one park (:func:`find_terrein_van`) and is clipped
    to it; ``naam`` must not be empty. ``potentie`` (potentie_m2_bvo, potentie_ha), when
    given, is stored as the zone's potential. The new id is the next free ``KZ-nn``.
    Raises :class:`KanszoneFout` with a Dutch message.
    """
    naam = _check_naam(naam)
    terrein_id = find_terrein_van(vorm, terreinen)
    vorm = _clip_to_park(vorm, terreinen, terrein_id)
    bestaand = naar_rd(kanszones) if len(kanszones) else schema.empty("kanszones")
    nieuw_id = _next_id(bestaand)
    rij = {
        "kanszone_id": nieuw_id,
        "terrein_id": terrein_id,
        "naam": naam,
        "maatregel": " ".join(str(maatregel or "").split()) or pd.NA,
        "potentie_m2_bvo": _potentie_waarde(potentie, "potentie_m2_bvo"),
        "potentie_ha": _potentie_waarde(potentie, "potentie_ha"),
        "status": "verkenning",
        "toelichting": str(toelichting or "").strip() or pd.NA,
    }
    nieuw = gpd.GeoDataFrame([rij], geometry=[vorm], crs=schema.CRS_RD)
    laag = pd.concat([bestaand, schema.conform(nieuw, "kanszones")], ignore_index=True)
    laag = schema.conform(gpd.GeoDataFrame(laag, geometry="geometry", crs=schema.CRS_RD), "kanszones")
    audit = [
        {"actie": "kanszone getekend", "laag": "kanszones", "object_id": nieuw_id,
         "veld": veld, "oud": None, "nieuw": rij[veld]}
        for veld in ("naam", "terrein_id", "maatregel", "potentie_m2_bvo", "potentie_ha")
    ]  # fmt: skip
    return laag, audit


# --------------------------------------------------------------------------------------
# The balance: kanszone potential as intensivering (Overzicht, scenarios)
# --------------------------------------------------------------------------------------


def _drop_dubbel(k: pd.DataFrame, mutaties: pd.DataFrame | None) -> tuple[pd.DataFrame, list[str]]:
    """The kanszones ``k`` without those the register already holds as intensivering (a
    non-retired intensivering mutatie on the same park with the same normalised name), and a
    Dutch note for each one left out."""
    if mutaties is None or not len(mutaties):
        return k, []
    m = mutaties[mutaties["soort"].eq("intensivering").fillna(False).to_numpy()]
    m = m[~is_vervallen(m)]
    bekend = {(str(t), normalize_naam(n)) for t, n in zip(m["terrein_id"], m["naam"], strict=True)}
    dubbel = np.array(
        [(str(t), normalize_naam(n)) in bekend for t, n in zip(k["terrein_id"], k["naam"], strict=True)], dtype=bool
    )
    meldingen = [
        f"Kanszone {naam} staat al als intensivering in het register en telt niet dubbel."
        for naam in k.loc[dubbel, "naam"]
    ]
    return k[~dubbel].reset_index(drop=True), meldingen


def _check_realisatie(aandeel: float, planstatus: str) -> None:
    if not 0.0 <= aandeel <= 1.0:
        raise KanszoneFout("Het realisatieaandeel van de kanszones ligt tussen 0 % en 100 %.")
    if planstatus not in schema.PLANSTATUS_RANG:
        raise KanszoneFout(f"Onbekende planstatus: {planstatus}.")


def kanszones_als_mutaties(
    kanszones: pd.DataFrame,
    terreinen: pd.DataFrame,
    aandeel: float,
    jaar: int,
    mutaties: pd.DataFrame | None = None,
    planstatus: str = "zacht",
) -> tuple[pd.DataFrame, list[str]]:
    """Kanszone potential as intensivering mutaties for the hectare balance, and Dutch notes.

    Every kanszone with a potentie_ha > 0 becomes one mutatie: mutatie_id ``KZ:<kanszone_id>``
    (as in :func:`bedrijventerreinen.scenarios.apply_scenario`), soort intensivering, ha =
    ``aandeel`` × potentie_ha, the gemeente of its park, ``jaar``, planstatus ``planstatus``
    (default zacht: potential is no hard plan, so it never counts in the hard figures),
    bron :data:`BRON_KANSZONE`. A kanszone that the register already holds as intensivering
    (a non-retired intensivering mutatie on the same park with the same name, compared as in
    :func:`bedrijventerreinen.strategy.normalize_naam`) is skipped and named in the notes,
    so nothing is counted twice. Returns conformed mutaties (empty when ``aandeel`` is 0).
    """
    _check_realisatie(aandeel, planstatus)
    if aandeel <= 0 or kanszones is None or not len(kanszones):
        leeg = schema.empty("mutaties")
        return schema.conform(pd.DataFrame(leeg.drop(columns="geometry")), "mutaties"), []
    k = pd.DataFrame(kanszones.drop(columns="geometry", errors="ignore")).reset_index(drop=True)
    potentie = pd.to_numeric(k["potentie_ha"], errors="coerce").fillna(0.0)
    k, meldingen = _drop_dubbel(k[potentie.gt(0).to_numpy()].reset_index(drop=True), mutaties)
    gemeente = k["terrein_id"].map(
        pd.DataFrame(terreinen).drop_duplicates("terrein_id").set_index("terrein_id")["gemeente"]
    )
    pct = format_pct(aandeel)
    df = pd.DataFrame(
        {
            "mutatie_id": KANSZONE_PREFIX + k["kanszone_id"].astype(str),
            "soort": "intensivering",
            "terrein_id": k["terrein_id"],
            "gemeente": gemeente,
            "naam": k["naam"].astype(str) + f" ({pct} van de potentie)",
            "ha": pd.to_numeric(k["potentie_ha"], errors="coerce") * aandeel,
            "planstatus": planstatus,
            "jaar": int(jaar),
            "toelichting": f"Verondersteld: {pct} van de kanszone-potentie wordt gerealiseerd.",
            "bron": BRON_KANSZONE,
        }
    )
    zonder_gemeente = df["gemeente"].isna()
    meldingen += [
        f"Kanszone {naam} ligt op een onbekend terrein en telt niet mee."
        for naam in k.loc[zonder_gemeente.to_numpy(), "naam"]
    ]
    return schema.conform(df[~zonder_gemeente].reset_index(drop=True), "mutaties"), meldingen


def add_kanszone_intensivering(
    mutaties: pd.DataFrame,
    kanszones: pd.DataFrame,
    terreinen: pd.DataFrame,
    aandeel: float,
    jaar: int,
    planstatus: str = "zacht",
) -> tuple[pd.DataFrame, list[str]]:
    """The register's mutaties plus the kanszone potential as intensivering
    (:func:`kanszones_als_mutaties`; unchanged when ``aandeel`` is 0), and the Dutch notes.
    What the Overzicht feeds to :func:`bedrijventerreinen.balance.compute_hectarebalans`."""
    extra, meldingen = kanszones_als_mutaties(kanszones, terreinen, aandeel, jaar, mutaties, planstatus)
    if extra.empty:
        return mutaties, meldingen
    basis = pd.DataFrame(mutaties.drop(columns="geometry", errors="ignore"))
    return schema.conform(pd.concat([basis, extra], ignore_index=True), "mutaties"), meldingen


def compute_kanszonebijdrage(extra_mutaties: pd.DataFrame, gemeenten: list[str] | None = None) -> float:
    """Hectares the kanszone mutaties of :func:`kanszones_als_mutaties` add, for ``gemeenten``
    (all when None): what the Overzicht shows as "waarvan kanszone-potentie"."""
    m = extra_mutaties[extra_mutaties["bron"].eq(BRON_KANSZONE).fillna(False).to_numpy()]
    if gemeenten is not None:
        m = m[m["gemeente"].isin(gemeenten).fillna(False).to_numpy()]
    return float(pd.to_numeric(m["ha"], errors="coerce").fillna(0.0).sum())
