"""Density of the parks from building footprints, densification potential and kanszone candidates.

All functions are pure and vectorised (shapely 2 array operations over an STRtree; no
Python loop per pand). Areas are in EPSG:28992 (m²), reported in m² or hectares.

Definitions (the Kanszones page shows them under "Hoe berekend?", see :data:`UITLEG`):

* **netto oppervlak** of a park: its register value ``netto_ha`` (the contour's area when
  that is missing); of a kanszone or a candidate: its own area (for candidates scaled by
  the park's netto/bruto ratio, because grid cells include roads and green).
* **bebouwd oppervlak**: the part of every pand's footprint that lies inside the area (a
  pand crossing the contour counts by its part inside).
* **bouwlagen** of a pand: ``bouwlagen`` when known; else ``hoogte`` ÷ verdiepingshoogte
  (rounded, at least 1); else the default floor count. All three are parameters.
* **bvo** (gross floor area) = bebouwd oppervlak × bouwlagen.
* **bebouwingsgraad** = bebouwd oppervlak ÷ netto oppervlak; **FSI** = bvo ÷ netto oppervlak.
* **onbebouwd** = netto oppervlak − bebouwd oppervlak (not below 0).
* **aandeel oud** = share of the bvo in panden built before the 'oud' year.
* **bestemmingsplangrenzen** of a park (where it records them): ``max_bebouwingsgraad``
  caps the coverage target; ``max_bouwhoogte_m`` caps the floors at
  Lmax = max(1, ⌊max_bouwhoogte_m ÷ verdiepingshoogte⌋). The targets in force are
  doel-bebouwingsgraad B = min(doel-bebouwingsgraad of the typologie, max_bebouwingsgraad)
  and doel-FSI F = min(doel-FSI of the typologie, B × Lmax): the FSI target never asks for
  more floor area than the allowed coverage at the allowed floors gives.
* **potentie** (m² bvo) = max(0, F × netto − bvo, (B × netto − bebouwd) × L'), with L' the
  current mean floors (bvo ÷ bebouwd; the default floor count where nothing is built)
  but at most Lmax: the extra floor area when FSI and coverage rise to the targets. Of
  it, *ruimer bebouwen* is the part that fits on unbuilt ground up to B at L' floors,
  *optoppen* the rest.
* **potentie onbekend**: a park without any pand (no footprint known: most likely its
  panden were never read in, not an empty park) or without a contour gets no potential
  (NaN, ``potentie_status`` says why) and stays out of every total; so does a kanszone on
  a park without panden. Candidate zones are only sought on parks with panden.
* **potentie in hectare-equivalent** = potentie ÷ regional average FSI ÷ 10.000: the
  business land that floor area would take at today's regional intensity. It is extra
  floor area expressed as land, never land that can be sold (:data:`HA_EQUIVALENT_UITLEG`).
* **aandeel** of the headline (:func:`compute_potentie_totaal`) = the summed potential in
  hectare-equivalent ÷ the netto hectares of the parks that count, set against the 20–30 %
  space gain some provinces assume (``referentie_ruimtewinst_*``).
* **kandidaat-zones**: cells of a grid over each park (clipped to the contour) that are
  *laag benut* (coverage below a threshold) or *verouderd* (most floor area old), joined
  into connected zones of at least the minimum size, ranked by potential.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import schema
from .balance import is_vervallen
from .charts import NL_LOCALE
from .formatting import format_getal, format_ha, format_m2, format_pct
from .strategy import DEFAULT_PATH as STRATEGIE_PAD
from .strategy import normalize_naam

STANDAARD = "standaard"
#: Source label of intensivering mutaties derived from kanszone potential (never official).
BRON_KANSZONE = "Kanszone-potentie (verondersteld)"
#: Prefix of the mutatie_id of a kanszone turned into intensivering (as in :mod:`scenarios`).
KANSZONE_PREFIX = "KZ:"


class KanszoneFout(ValueError):
    """Input the kanszone functions cannot accept; ``str(fout)`` is a Dutch sentence for the user."""


# --------------------------------------------------------------------------------------
# Parameters (data/strategie.toml, table [kanszones])
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Doel:
    """Density targets of a park type: bebouwingsgraad (fraction) and FSI."""

    bebouwingsgraad: float
    fsi: float


#: The default targets per typologie (typologie, bebouwingsgraad, fsi): exactly the table
#: ``[kanszones.doelen]`` of ``data/strategie.toml`` (a test holds the two together).
STANDAARD_DOELEN: tuple[tuple[str, float, float], ...] = (
    (STANDAARD, 0.45, 0.8),
    ("gemengd", 0.45, 0.8),
    ("hoogwaardig", 0.4, 0.9),
    ("zwaar", 0.5, 0.8),
)


@dataclass(frozen=True)
class KanszoneParameters:
    """The settings of the density computation and candidate detection (see module docstring).

    ``doelen`` holds (typologie, bebouwingsgraad, fsi) triples; the typologie
    :data:`STANDAARD` applies to every park type without its own targets. Every default
    equals the table ``[kanszones]`` of ``data/strategie.toml``, so a missing table or
    setting changes nothing (``tests/test_kanszones.py`` checks it).
    ``referentie_ruimtewinst_laag``/``_hoog`` is the space gain some provinces assume for
    intensification (DOMAIN.md: 20–30 %), the range the headline share is set against.
    """

    doelen: tuple[tuple[str, float, float], ...] = STANDAARD_DOELEN
    verdiepingshoogte_m: float = 3.5
    standaard_bouwlagen: float = 1.0
    oud_voor_jaar: int = 1990
    minimum_kandidaat_ha: float = 0.5
    rastercel_m: float = 50.0
    drempel_bebouwingsgraad: float = 0.25
    drempel_oud: float = 0.5
    regionale_fsi_standaard: float = 0.6
    koersen_zonder_potentie: tuple[str, ...] = ("nieuw", "transformeren")
    referentie_ruimtewinst_laag: float = 0.2
    referentie_ruimtewinst_hoog: float = 0.3

    def doel(self, typologie: object) -> Doel:
        """The targets of ``typologie`` (those of :data:`STANDAARD` when it has none)."""
        per = {t: Doel(b, f) for t, b, f in self.doelen}
        return per.get(str(typologie), per.get(STANDAARD, _STANDAARD_DOEL))

    def doelen_van(self, typologie: pd.Series | np.ndarray | list) -> tuple[np.ndarray, np.ndarray]:
        """The targets of every element of ``typologie`` as two arrays (bebouwingsgraad, fsi),
        vectorised: :meth:`doel` for a whole column."""
        per = {t: (b, f) for t, b, f in self.doelen}
        standaard = per.get(STANDAARD, (_STANDAARD_DOEL.bebouwingsgraad, _STANDAARD_DOEL.fsi))
        typ = pd.Series(np.asarray(typologie, dtype=object).ravel()).astype("string").fillna(STANDAARD)
        bg = typ.map({t: v[0] for t, v in per.items()}).astype(float).fillna(standaard[0])
        fsi = typ.map({t: v[1] for t, v in per.items()}).astype(float).fillna(standaard[1])
        return bg.to_numpy(dtype=float), fsi.to_numpy(dtype=float)

    def with_doel(self, typologie: str, bebouwingsgraad: float, fsi: float) -> KanszoneParameters:
        """A copy with the targets of ``typologie`` replaced (added when new)."""
        rest = tuple(d for d in self.doelen if d[0] != typologie)
        return dataclasses.replace(self, doelen=(*rest, (typologie, float(bebouwingsgraad), float(fsi))))

    def sleutel(self) -> str:
        """A stable text of all settings: the cache key of everything computed with them."""
        return json.dumps(dataclasses.asdict(self), sort_keys=True)


_STANDAARD_DOEL = Doel(STANDAARD_DOELEN[0][1], STANDAARD_DOELEN[0][2])

#: Settings that are fractions (0-1) when read from the strategy file.
_FRACTIES = ("drempel_bebouwingsgraad", "drempel_oud", "referentie_ruimtewinst_laag", "referentie_ruimtewinst_hoog")


def load_kanszone_parameters(path: str | Path | None = None) -> KanszoneParameters:
    """Read the table ``[kanszones]`` of ``path`` (default ``data/strategie.toml``).

    Missing settings keep their defaults (:class:`KanszoneParameters`); a missing table
    gives the defaults. Raises :class:`KanszoneFout` (Dutch) for a missing or unreadable
    file or a setting that is not a number in range.
    """
    p = Path(path) if path is not None else STRATEGIE_PAD
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8")).get("kanszones", {})
    except FileNotFoundError as e:
        raise KanszoneFout(f"Het strategiebestand {p.name} ontbreekt.") from e
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as e:
        raise KanszoneFout(f"Het strategiebestand {p.name} kan niet worden gelezen: {e}") from e
    standaard = KanszoneParameters()
    try:
        waarden: dict[str, Any] = {}
        for veld in dataclasses.fields(KanszoneParameters):
            if veld.name in ("doelen", "koersen_zonder_potentie") or veld.name not in data:
                continue
            waarde = float(data[veld.name])
            if not np.isfinite(waarde) or waarde < 0 or (veld.name in _FRACTIES and waarde > 1):
                raise ValueError(veld.name)
            waarden[veld.name] = int(waarde) if veld.name == "oud_voor_jaar" else waarde
        if "koersen_zonder_potentie" in data:
            waarden["koersen_zonder_potentie"] = tuple(str(k) for k in data["koersen_zonder_potentie"])
        doelen = []
        for typologie, d in dict(data.get("doelen", {})).items():
            b, f = float(d["bebouwingsgraad"]), float(d["fsi"])
            if not (0 < b <= 1 and 0 < f <= 10):
                raise ValueError(f"doelen.{typologie}")
            doelen.append((str(typologie), b, f))
        if doelen:
            if STANDAARD not in {d[0] for d in doelen}:
                doelen.append((STANDAARD, _STANDAARD_DOEL.bebouwingsgraad, _STANDAARD_DOEL.fsi))
            waarden["doelen"] = tuple(doelen)
        if waarden.get("rastercel_m", standaard.rastercel_m) < 5 or waarden.get("verdiepingshoogte_m", 3.5) <= 0:
            raise ValueError("rastercel_m / verdiepingshoogte_m")
        laag = waarden.get("referentie_ruimtewinst_laag", standaard.referentie_ruimtewinst_laag)
        if laag > waarden.get("referentie_ruimtewinst_hoog", standaard.referentie_ruimtewinst_hoog):
            raise ValueError("referentie_ruimtewinst_laag / referentie_ruimtewinst_hoog")
    except (KeyError, TypeError, ValueError) as e:
        raise KanszoneFout(f"In het strategiebestand {p.name} klopt de kanszone-instelling {e} niet.") from e
    return dataclasses.replace(standaard, **waarden)


# --------------------------------------------------------------------------------------
# Panden: floors and floor area
# --------------------------------------------------------------------------------------

#: How the floor count of a pand was found.
BOUWLAGEN_BRON = {
    "bouwlagen": "bouwlagen uit de gegevens",
    "hoogte": "geschat uit hoogte",
    "standaard": "standaardwaarde",
}


def compute_bouwlagen(panden: pd.DataFrame, parameters: KanszoneParameters) -> tuple[np.ndarray, np.ndarray]:
    """Floors per pand and how they were found (see :data:`BOUWLAGEN_BRON`).

    ``bouwlagen`` when positive; else ``hoogte`` ÷ verdiepingshoogte rounded, at least 1;
    else the default floor count.
    """
    lagen = pd.to_numeric(panden["bouwlagen"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    hoogte = pd.to_numeric(panden["hoogte"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    uit_hoogte = np.maximum(1.0, np.round(hoogte / parameters.verdiepingshoogte_m))
    heeft_lagen = np.isfinite(lagen) & (lagen > 0)
    heeft_hoogte = ~heeft_lagen & np.isfinite(hoogte) & (hoogte > 0)
    waarde = np.where(heeft_lagen, lagen, np.where(heeft_hoogte, uit_hoogte, parameters.standaard_bouwlagen))
    bron = np.where(heeft_lagen, "bouwlagen", np.where(heeft_hoogte, "hoogte", "standaard"))
    return waarde, bron


def _geldig(geoms: np.ndarray) -> np.ndarray:
    geoms = np.asarray(geoms, dtype=object)
    leeg = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    geoms = np.where(leeg, None, geoms)
    fout = ~leeg & ~shapely.is_valid(geoms)
    if fout.any():
        geoms = geoms.copy()
        geoms[fout] = shapely.make_valid(geoms[fout])
    return geoms


def _in_rd(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if gdf.crs is None:
        return gdf.set_crs(schema.CRS_RD)
    return gdf if gdf.crs == schema.CRS_RD else gdf.to_crs(schema.CRS_RD)


def overlay_panden(gebieden: np.ndarray, panden: np.ndarray, met_delen: bool = False) -> tuple[np.ndarray, ...]:
    """Which part of which pand lies in which area: (area index, pand index, m² inside), and
    with ``met_delen`` also the parts themselves (the pand, or its intersection with the area).

    Method: an STRtree over the panden queried with every area (``intersects``); pairs where
    the pand lies wholly inside take the pand's own area, only the others are intersected.
    """
    gebieden, panden = _geldig(gebieden), _geldig(panden)
    boom = shapely.STRtree(panden)
    g, p = boom.query(gebieden, predicate="intersects")
    delen = panden[p].copy()
    if len(g):
        shapely.prepare(gebieden)
        rand = ~shapely.contains_properly(gebieden[g], panden[p])
        if rand.any():
            delen[rand] = shapely.intersection(panden[p[rand]], gebieden[g[rand]])
    opp = shapely.area(delen) if len(g) else np.zeros(0)
    houd = opp > 0
    if met_delen:
        return g[houd], p[houd], opp[houd], delen[houd]
    return g[houd], p[houd], opp[houd]


# --------------------------------------------------------------------------------------
# Density and potential
# --------------------------------------------------------------------------------------

DICHTHEID_KOLOMMEN = [
    "netto_m2",
    "bebouwd_m2",
    "bvo_m2",
    "bvo_oud_m2",
    "bebouwingsgraad",
    "fsi",
    "onbebouwd_m2",
    "aandeel_oud",
    "aandeel_bouwlagen_geschat",
    "n_panden",
]


def compute_dichtheid(
    gebieden: gpd.GeoDataFrame,
    panden: gpd.GeoDataFrame,
    parameters: KanszoneParameters,
    netto_m2: np.ndarray | pd.Series | None = None,
) -> pd.DataFrame:
    """Density of every area in ``gebieden`` (parks, kanszones or any polygons), same index.

    Columns: netto_m2 (``netto_m2`` when given and positive, else the area of the polygon),
    bebouwd_m2 (footprint inside, see :func:`overlay_panden`), bvo_m2 (footprint ×
    :func:`compute_bouwlagen`), bvo_oud_m2 (bvo of panden with bouwjaar before
    ``oud_voor_jaar``), bebouwingsgraad = bebouwd ÷ netto, fsi = bvo ÷ netto, onbebouwd_m2 =
    max(0, netto − bebouwd), aandeel_oud = bvo_oud ÷ bvo, aandeel_bouwlagen_geschat (share
    of the bvo whose floors are not from ``bouwlagen``), n_panden (panden touching the area).
    Ratios are NaN for an area without netto area or (aandeel_*) without panden.
    """
    gebieden = _in_rd(gebieden)
    geoms = gebieden.geometry.to_numpy()
    oppervlak = shapely.area(_geldig(geoms))
    oppervlak = np.where(np.isfinite(oppervlak), oppervlak, 0.0)
    if netto_m2 is None:
        netto = oppervlak
    else:
        netto = np.asarray(pd.to_numeric(pd.Series(np.asarray(netto_m2, dtype=object)), errors="coerce"), dtype=float)
        netto = np.where(np.isfinite(netto) & (netto > 0), netto, oppervlak)
    n = len(gebieden)
    bebouwd = np.zeros(n)
    bvo = np.zeros(n)
    bvo_oud = np.zeros(n)
    bvo_geschat = np.zeros(n)
    aantal = np.zeros(n)
    if n and len(panden):
        panden = _in_rd(panden)
        g, p, opp = overlay_panden(geoms, panden.geometry.to_numpy())
        lagen, bron = compute_bouwlagen(panden, parameters)
        jaar = pd.to_numeric(panden["bouwjaar"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        oud = jaar < parameters.oud_voor_jaar
        vloer = opp * lagen[p]
        bebouwd = np.bincount(g, weights=opp, minlength=n)
        bvo = np.bincount(g, weights=vloer, minlength=n)
        bvo_oud = np.bincount(g, weights=vloer * oud[p], minlength=n)
        bvo_geschat = np.bincount(g, weights=vloer * (bron[p] != "bouwlagen"), minlength=n)
        aantal = np.bincount(g, minlength=n).astype(float)
    met_netto = np.where(netto > 0, netto, np.nan)
    met_bvo = np.where(bvo > 0, bvo, np.nan)
    return pd.DataFrame(
        {
            "netto_m2": netto,
            "bebouwd_m2": bebouwd,
            "bvo_m2": bvo,
            "bvo_oud_m2": bvo_oud,
            "bebouwingsgraad": bebouwd / met_netto,
            "fsi": bvo / met_netto,
            "onbebouwd_m2": np.maximum(netto - bebouwd, 0.0),
            "aandeel_oud": bvo_oud / met_bvo,
            "aandeel_bouwlagen_geschat": bvo_geschat / met_bvo,
            "n_panden": aantal.astype(int),
        },
        index=gebieden.index,
    )


def compute_regionale_fsi(dichtheid: pd.DataFrame, parameters: KanszoneParameters) -> float:
    """The regional average FSI: total bvo ÷ total netto area of the areas that have panden
    (``regionale_fsi_standaard`` when none has). Used to turn floor area into hectares."""
    met = dichtheid[dichtheid["n_panden"] > 0]
    netto = float(met["netto_m2"].sum())
    if netto <= 0 or float(met["bvo_m2"].sum()) <= 0:
        return parameters.regionale_fsi_standaard
    return float(met["bvo_m2"].sum()) / netto


#: ``potentie_status`` of an area whose potential is computed.
STATUS_BEREKEND = "berekend"
#: ``potentie_status`` of a park (or a kanszone on a park) without any pand: no footprint known.
STATUS_GEEN_PANDEN = "onbekend (geen panden)"
#: ``potentie_status`` of a park without a contour: no panden can be placed in it.
STATUS_GEEN_CONTOUR = "onbekend (geen contour)"
#: ``potentie_status`` of a park whose koers is in ``koersen_zonder_potentie`` ({koers} filled in).
STATUS_KOERS = "telt niet (koers {koers})"
#: What a hectare-equivalent is, said wherever potential stands near hectares of land or demand.
HA_EQUIVALENT_UITLEG = "extra vloeroppervlak omgerekend naar grond, geen uitgeefbare hectares"
#: The columns of the potential (NaN where the potential is unknown).
POTENTIE_KOLOMMEN = ("potentie_m2_bvo", "potentie_grond_m2_bvo", "potentie_optoppen_m2_bvo", "potentie_ha")


def _kolom(waarden: pd.Series | np.ndarray | list | None, n: int) -> np.ndarray:
    """``waarden`` as a float array of length ``n`` (NaN for missing or non-numbers; all NaN for None)."""
    if waarden is None:
        return np.full(n, np.nan)
    reeks = pd.to_numeric(pd.Series(np.asarray(waarden, dtype=object).ravel()), errors="coerce")
    return reeks.to_numpy(dtype=float, na_value=np.nan).reshape(n)


def compute_max_bouwlagen(
    max_bouwhoogte_m: pd.Series | np.ndarray | list, parameters: KanszoneParameters
) -> np.ndarray:
    """The floors the zoning allows: Lmax = max(1, ⌊max_bouwhoogte_m ÷ verdiepingshoogte_m⌋)
    (12 m at 3,5 m a floor: 3). NaN where no height is recorded (missing, 0 or negative:
    no cap)."""
    hoogte = _kolom(max_bouwhoogte_m, len(max_bouwhoogte_m))
    hoogte = np.where(np.isfinite(hoogte) & (hoogte > 0), hoogte, np.nan)
    # a small tolerance: 10.5 m at 3.5 m is 3 floors even when the division rounds below 3
    return np.maximum(1.0, np.floor(hoogte / parameters.verdiepingshoogte_m + 1e-9))


def _getal_tekst(waarden: np.ndarray) -> pd.Series:
    """Numbers as Dutch text without trailing zeros (12 → "12", 7.5 → "7,5"), vectorised."""
    heel = np.isclose(waarden, np.round(waarden))
    tekst = np.where(heel, np.round(waarden).astype(np.int64).astype(str), np.round(waarden, 1).astype(str))
    return pd.Series(tekst).str.replace(".", ",", regex=False)


def compute_potentie(
    dichtheid: pd.DataFrame,
    typologie: pd.Series | np.ndarray | list,
    parameters: KanszoneParameters,
    regionale_fsi: float,
    max_bebouwingsgraad: pd.Series | np.ndarray | list | None = None,
    max_bouwhoogte_m: pd.Series | np.ndarray | list | None = None,
) -> pd.DataFrame:
    """Densification potential of areas with density ``dichtheid`` (from :func:`compute_dichtheid`),
    within what the zoning allows where it is recorded (one value per row, NaN = not recorded).

    The formula (module docstring, "bestemmingsplangrenzen" and "potentie"):

    * Lmax = :func:`compute_max_bouwlagen` of ``max_bouwhoogte_m`` (∞ when not recorded);
    * B = min(doel-bebouwingsgraad of the row's ``typologie``, ``max_bebouwingsgraad``);
      a recorded coverage outside (0, 1] is ignored;
    * F = min(doel-FSI of the typologie, B × Lmax);
    * L' = min(L, Lmax), L the current mean floors (bvo ÷ bebouwd; the default floor count
      where nothing is built);
    * potentie_m2_bvo = max(0, F × netto − bvo, (B × netto − bebouwd) × L');
    * potentie_grond_m2_bvo = max(0, B × netto − bebouwd) × L' (ruimer bebouwen: extra
      footprint up to B at L' floors), potentie_optoppen_m2_bvo = the rest (building higher);
    * potentie_ha = potentie_m2_bvo ÷ ``regionale_fsi`` ÷ 10.000 (hectare-equivalent: floor
      area expressed as land at today's regional intensity, not land that can be sold).

    Adds doel_bebouwingsgraad (B), doel_fsi (F), max_bouwlagen (Lmax, NaN without a cap),
    begrenzing (Dutch: which recorded limit lowered a target or the floors of new building,
    "" when none did) and the potentie columns. Rows with a potential that is unknown are
    the caller's to mark (:func:`compute_terreindichtheid`).
    """
    out = dichtheid.copy()
    n = len(out)
    bg_typ, fsi_typ = parameters.doelen_van(typologie)
    bg_typ, fsi_typ = bg_typ.reshape(n), fsi_typ.reshape(n)
    grens_bg = _kolom(max_bebouwingsgraad, n)
    grens_bg = np.where(np.isfinite(grens_bg) & (grens_bg > 0) & (grens_bg <= 1), grens_bg, np.nan)
    hoogte = _kolom(max_bouwhoogte_m, n)
    lmax = compute_max_bouwlagen(hoogte, parameters)
    bg = np.fmin(bg_typ, grens_bg)  # fmin: a missing cap leaves the target
    fsi = np.fmin(fsi_typ, bg * lmax)
    netto = out["netto_m2"].to_numpy(dtype=float)
    bebouwd = out["bebouwd_m2"].to_numpy(dtype=float)
    bvo = out["bvo_m2"].to_numpy(dtype=float)
    lagen = np.where(bebouwd > 0, bvo / np.where(bebouwd > 0, bebouwd, 1.0), parameters.standaard_bouwlagen)
    lagen_nieuw = np.fmin(lagen, lmax)
    grond = np.maximum(0.0, bg * netto - bebouwd) * lagen_nieuw
    potentie = np.maximum(0.0, np.maximum(fsi * netto - bvo, grond))

    door_graad = bg < bg_typ - 1e-12
    door_hoogte = (fsi < fsi_typ - 1e-12) | (lagen_nieuw < lagen - 1e-12)
    graad_tekst = "max. bebouwingsgraad " + _pct_tekst(pd.Series(np.nan_to_num(grens_bg)))
    lagen_tekst = _getal_tekst(np.nan_to_num(lmax)) + np.where(lmax == 1, " bouwlaag)", " bouwlagen)")
    hoogte_tekst = "max. " + _getal_tekst(np.nan_to_num(hoogte)) + " m (" + lagen_tekst
    begrenzing = pd.Series(np.where(door_graad, graad_tekst, "")).str.cat(
        pd.Series(np.where(door_hoogte, hoogte_tekst, "")), sep="; "
    )
    out["doel_bebouwingsgraad"] = bg
    out["doel_fsi"] = fsi
    out["max_bouwlagen"] = lmax
    out["begrenzing"] = begrenzing.str.strip("; ").to_numpy(dtype=object)
    out["potentie_m2_bvo"] = potentie
    out["potentie_grond_m2_bvo"] = grond
    out["potentie_optoppen_m2_bvo"] = potentie - grond
    out["potentie_ha"] = potentie / max(regionale_fsi, 1e-9) / schema.M2_PER_HA
    return out


def _met_geometrie(gebieden: pd.DataFrame) -> gpd.GeoDataFrame:
    """``gebieden`` as a GeoDataFrame in EPSG:28992; a table without geometry gets none per row."""
    if isinstance(gebieden, gpd.GeoDataFrame) and gebieden.geometry.name in gebieden.columns:
        return _in_rd(gebieden)
    if "geometry" in gebieden.columns:
        return _in_rd(gpd.GeoDataFrame(gebieden, geometry="geometry"))
    return gpd.GeoDataFrame(
        pd.DataFrame(gebieden), geometry=gpd.GeoSeries([None] * len(gebieden), crs=schema.CRS_RD), crs=schema.CRS_RD
    )


def _zonder_contour(gebieden: gpd.GeoDataFrame) -> np.ndarray:
    geoms = _geldig(gebieden.geometry.to_numpy())
    return shapely.is_missing(geoms) | shapely.is_empty(geoms) | ~(np.nan_to_num(shapely.area(geoms)) > 0)


def _heeft_panden(gebieden: gpd.GeoDataFrame, panden: gpd.GeoDataFrame) -> np.ndarray:
    """Per area: whether any pand intersects it (an STRtree query, no intersections computed)."""
    uit = np.zeros(len(gebieden), dtype=bool)
    if len(gebieden) and len(panden):
        boom = shapely.STRtree(_geldig(_in_rd(panden).geometry.to_numpy()))
        g, _ = boom.query(_geldig(_in_rd(gebieden).geometry.to_numpy()), predicate="intersects")
        uit[np.unique(g)] = True
    return uit


def _markeer_onbekend(d: pd.DataFrame, onbekend: np.ndarray) -> pd.DataFrame:
    """NaN in the potential and the ratios of the rows where no footprint is known."""
    for kolom in (*POTENTIE_KOLOMMEN, "bebouwingsgraad", "fsi", "onbebouwd_m2"):
        d.loc[onbekend, kolom] = np.nan
    return d


def compute_terreindichtheid(
    terreinen: gpd.GeoDataFrame,
    panden: gpd.GeoDataFrame,
    parameters: KanszoneParameters,
) -> tuple[pd.DataFrame, float]:
    """Density and potential of every park: (table, regional average FSI).

    The table has terrein_id, naam, gemeente, typologie, koers, the zoning limits
    max_bebouwingsgraad and max_bouwhoogte_m (NaN where the park records none), the columns
    of :func:`compute_dichtheid` (netto area = register ``netto_ha``) and of
    :func:`compute_potentie` (capped by those limits), and:

    * ``potentie_status``: :data:`STATUS_BEREKEND`; :data:`STATUS_KOERS` for a park whose
      koers is in ``koersen_zonder_potentie`` (planned or being transformed: its space is
      new supply or leaves the stock, not densification; potential 0); else
      :data:`STATUS_GEEN_CONTOUR` for a park without a contour and
      :data:`STATUS_GEEN_PANDEN` for a park without any pand. An unknown potential is NaN,
      as are bebouwingsgraad, fsi and onbebouwd_m2 of a park without panden (0 % would say
      "empty" where nothing is known);
    * ``potentie_bekend``: the status is not "onbekend";
    * ``potentie_telt``: the park counts in the headline (:func:`compute_potentie_totaal`):
      status berekend.

    The regional FSI is :func:`compute_regionale_fsi` over the parks that are not planned
    (koers ``nieuw``). Parks without geometry are handled (status "onbekend (geen contour)").
    """
    t = _met_geometrie(terreinen.reset_index(drop=True))
    d = compute_dichtheid(t, panden, parameters, netto_m2=pd.to_numeric(t["netto_ha"], errors="coerce") * 1e4)
    bestaand = t["koers"].ne("nieuw").fillna(True).to_numpy()
    regionaal = compute_regionale_fsi(d[bestaand], parameters)
    grens_bg = t["max_bebouwingsgraad"] if "max_bebouwingsgraad" in t.columns else None
    grens_h = t["max_bouwhoogte_m"] if "max_bouwhoogte_m" in t.columns else None
    d = compute_potentie(d, t["typologie"], parameters, regionaal, grens_bg, grens_h)

    koers = t["koers"].astype("string")
    zonder = koers.isin(parameters.koersen_zonder_potentie).fillna(False).to_numpy()
    geen_contour = _zonder_contour(t)
    geen_panden = d["n_panden"].eq(0).to_numpy() & ~geen_contour
    voor, na = STATUS_KOERS.split("{koers}")
    status = np.where(
        zonder,
        (voor + koers.fillna("") + na).to_numpy(dtype=object),
        np.where(geen_contour, STATUS_GEEN_CONTOUR, np.where(geen_panden, STATUS_GEEN_PANDEN, STATUS_BEREKEND)),
    )
    d = _markeer_onbekend(d, geen_contour | geen_panden)
    for kolom in POTENTIE_KOLOMMEN:
        d.loc[zonder, kolom] = 0.0
    d.loc[zonder, "begrenzing"] = ""

    attributen = pd.DataFrame(t[["terrein_id", "naam", "gemeente", "typologie", "koers"]])
    attributen["max_bebouwingsgraad"] = _kolom(grens_bg, len(t))
    attributen["max_bouwhoogte_m"] = _kolom(grens_h, len(t))
    attributen["potentie_status"] = status.astype(object)
    attributen["potentie_bekend"] = zonder | ~(geen_contour | geen_panden)
    attributen["potentie_telt"] = status == STATUS_BEREKEND
    return pd.concat([attributen, d], axis=1), regionaal


def compute_kanszonedichtheid(
    kanszones: gpd.GeoDataFrame,
    terreinen: pd.DataFrame,
    panden: gpd.GeoDataFrame,
    parameters: KanszoneParameters,
    regionale_fsi: float,
) -> pd.DataFrame:
    """Density and computed potential of every kanszone (netto area = the zone's own area,
    targets of its park's typologie, capped by its park's zoning limits), next to the
    potential recorded in the register.

    Columns: kanszone_id, terrein_id, naam, terrein (park name), maatregel, status,
    potentie_opgegeven_m2_bvo and potentie_opgegeven_ha (the register values),
    potentie_status and potentie_bekend (as in :func:`compute_terreindichtheid`: a zone
    without panden on a park without any pand is "onbekend (geen panden)", NaN; a zone
    without panden on a built park is truly unbuilt and gets its potential), the columns
    of :func:`compute_dichtheid` and :func:`compute_potentie`.
    """
    k = _in_rd(kanszones).reset_index(drop=True)
    parken = _met_geometrie(terreinen.drop_duplicates("terrein_id").reset_index(drop=True))
    park = parken.set_index("terrein_id")
    per_park = lambda kolom: (  # noqa: E731
        k["terrein_id"].map(park[kolom]).to_numpy() if kolom in park.columns else None
    )
    d = compute_dichtheid(k, panden, parameters)
    d = compute_potentie(
        d,
        per_park("typologie"),
        parameters,
        regionale_fsi,
        per_park("max_bebouwingsgraad"),
        per_park("max_bouwhoogte_m"),
    )
    park_bebouwd = pd.Series(_heeft_panden(parken, panden), index=park.index)
    geen_contour = _zonder_contour(k)
    op_bebouwd_park = k["terrein_id"].isin(park_bebouwd.index[park_bebouwd.to_numpy()]).to_numpy()
    geen_panden = d["n_panden"].eq(0).to_numpy() & ~op_bebouwd_park & ~geen_contour
    d = _markeer_onbekend(d, geen_contour | geen_panden)
    status = np.where(geen_contour, STATUS_GEEN_CONTOUR, np.where(geen_panden, STATUS_GEEN_PANDEN, STATUS_BEREKEND))
    attributen = pd.DataFrame(
        {
            "kanszone_id": k["kanszone_id"].to_numpy(),
            "terrein_id": k["terrein_id"].to_numpy(),
            "naam": k["naam"].to_numpy(),
            "terrein": k["terrein_id"].map(park["naam"]).fillna(k["terrein_id"]).to_numpy(),
            "maatregel": k["maatregel"].to_numpy(),
            "status": k["status"].to_numpy(),
            "potentie_opgegeven_m2_bvo": pd.to_numeric(k["potentie_m2_bvo"], errors="coerce").to_numpy(),
            "potentie_opgegeven_ha": pd.to_numeric(k["potentie_ha"], errors="coerce").to_numpy(),
            "potentie_status": status.astype(object),
            "potentie_bekend": status == STATUS_BEREKEND,
        }
    )
    return pd.concat([attributen, d], axis=1)


@dataclass(frozen=True)
class PotentieTotaal:
    """The headline of the parks' potential (:func:`compute_potentie_totaal`).

    ``potentie_ha`` (hectare-equivalent) and ``potentie_m2_bvo`` are sums over the parks
    that count (``potentie_telt``); ``netto_ha`` is their netto area and ``aandeel`` =
    potentie_ha ÷ netto_ha (NaN without such parks). ``onbekend`` names the parks whose
    potential is unknown (they are left out of the sums); ``begrensd`` counts the parks
    whose targets the zoning lowered.
    """

    potentie_ha: float
    potentie_m2_bvo: float
    netto_ha: float
    aandeel: float
    n_telt: int
    n_geen_panden: int
    n_geen_contour: int
    onbekend: tuple[str, ...]
    n_begrensd: int

    @property
    def n_onbekend(self) -> int:
        """How many parks have an unknown potential."""
        return self.n_geen_panden + self.n_geen_contour


def compute_potentie_totaal(terreindichtheid: pd.DataFrame) -> PotentieTotaal:
    """The headline of :func:`compute_terreindichtheid` (or a selection of its rows): sums over
    the parks whose potential is computed (``potentie_telt``), never over unknown ones; the
    share of their netto area; and the parks left out because their potential is unknown."""
    td = terreindichtheid
    telt = td["potentie_telt"].astype(bool).to_numpy()
    status = td["potentie_status"].astype(str).to_numpy()
    onbekend = np.isin(status, [STATUS_GEEN_PANDEN, STATUS_GEEN_CONTOUR])
    ha = float(td.loc[telt, "potentie_ha"].sum())
    netto = float(td.loc[telt, "netto_m2"].sum()) / schema.M2_PER_HA
    begrenzing = td["begrenzing"].fillna("").astype(str).to_numpy() if "begrenzing" in td.columns else np.array([])
    return PotentieTotaal(
        potentie_ha=ha if telt.any() else np.nan,
        potentie_m2_bvo=float(td.loc[telt, "potentie_m2_bvo"].sum()) if telt.any() else np.nan,
        netto_ha=netto,
        aandeel=ha / netto if netto > 0 else np.nan,
        n_telt=int(telt.sum()),
        n_geen_panden=int((status == STATUS_GEEN_PANDEN).sum()),
        n_geen_contour=int((status == STATUS_GEEN_CONTOUR).sum()),
        onbekend=tuple(td.loc[onbekend, "naam"].astype(str)),
        n_begrensd=int((telt & (begrenzing != "")).sum()) if len(begrenzing) else 0,
    )


def format_aandeel_waarschuwing(totaal: PotentieTotaal, parameters: KanszoneParameters) -> str:
    """A Dutch warning when the headline share lies outside the reference range
    (:func:`compute_aandeel_oordeel`), saying what that may mean; "" within the range."""
    oordeel = compute_aandeel_oordeel(totaal, parameters)
    referentie = (
        f"{format_getal(parameters.referentie_ruimtewinst_laag * 100, 0)}–"
        f"{format_pct(parameters.referentie_ruimtewinst_hoog)}"
    )
    if oordeel == "boven":
        return (
            f"De potentie is {format_pct(totaal.aandeel)} van het netto oppervlak: meer dan de {referentie} ruimtewinst "
            "die sommige provincies aannemen. Controleer de doelen in de zijbalk: te hoge doelen beloven meer ruimte "
            "dan verdichting in de praktijk oplevert."
        )
    if oordeel == "onder":
        return (
            f"De potentie is {format_pct(totaal.aandeel)} van het netto oppervlak: minder dan de {referentie} "
            "ruimtewinst die sommige provincies aannemen. De doelen zijn voorzichtig, het bestemmingsplan begrenst "
            "ze, of de terreinen zijn al dicht bebouwd."
        )
    return ""


def format_ha_equivalent(waarde: float, decimalen: int = 1) -> str:
    """Hectare-equivalents in Dutch notation, ``72,4 ha-eq.`` (``onbekend`` when NaN)."""
    return "onbekend" if waarde is None or not np.isfinite(waarde) else f"{format_getal(waarde, decimalen)} ha-eq."


def _getal_of_onbekend(waarde: float | None, decimalen: int = 1) -> str:
    """A number in Dutch notation, or ``onbekend`` when NaN (a tile whose label carries the unit)."""
    return "onbekend" if waarde is None or not np.isfinite(waarde) else format_getal(waarde, decimalen)


def format_potentie_totaal(totaal: PotentieTotaal, parameters: KanszoneParameters) -> str:
    """The headline as one Dutch sentence that can stand anywhere (also next to the demand):
    the figure, that it is extra floor area in hectare-equivalents and no land that can be
    sold, its share of the netto area of the parks that count against the provinces' 20–30 %,
    and how many parks are left out as unknown. No markdown."""
    laag, hoog = parameters.referentie_ruimtewinst_laag, parameters.referentie_ruimtewinst_hoog
    referentie = f"{format_getal(laag * 100, 0)}–{format_pct(hoog)}"
    if totaal.n_telt == 0:
        zin = "Potentie terreinen: onbekend; van geen enkel terrein is de potentie te berekenen."
    else:
        zin = (
            f"Potentie terreinen: {format_getal(totaal.potentie_ha, 1)} ha-equivalent ({HA_EQUIVALENT_UITLEG}; "
            f"{format_m2(totaal.potentie_m2_bvo)} bvo). Dat is {format_pct(totaal.aandeel)} van het netto oppervlak "
            f"({format_ha(totaal.netto_ha)}) van de {format_getal(totaal.n_telt, 0)} terreinen die meetellen; "
            f"sommige provincies gaan uit van {referentie} ruimtewinst door intensivering."
        )
    if totaal.n_onbekend:
        redenen = []
        if totaal.n_geen_panden:
            redenen.append(f"{format_getal(totaal.n_geen_panden, 0)} zonder panden")
        if totaal.n_geen_contour:
            redenen.append(f"{format_getal(totaal.n_geen_contour, 0)} zonder contour")
        wie = "terrein" if totaal.n_onbekend == 1 else "terreinen"
        zin += (
            f" Van {format_getal(totaal.n_onbekend, 0)} {wie} is de potentie onbekend ({' en '.join(redenen)}); "
            f"{'dat telt' if totaal.n_onbekend == 1 else 'die tellen'} niet mee."
        )
    if totaal.n_begrensd:
        zin += f" Bij {format_getal(totaal.n_begrensd, 0)} begrenst het bestemmingsplan de doelen."
    return zin


def compute_aandeel_oordeel(totaal: PotentieTotaal, parameters: KanszoneParameters) -> str:
    """Whether the headline share lies below, within or above the reference range
    (``referentie_ruimtewinst_laag``–``_hoog``): "onder", "binnen", "boven", or "onbekend"."""
    if not np.isfinite(totaal.aandeel):
        return "onbekend"
    if totaal.aandeel < parameters.referentie_ruimtewinst_laag - 1e-9:
        return "onder"
    if totaal.aandeel > parameters.referentie_ruimtewinst_hoog + 1e-9:
        return "boven"
    return "binnen"


# --------------------------------------------------------------------------------------
# Candidate zones
# --------------------------------------------------------------------------------------

KANDIDAAT_KOLOMMEN = [
    "kandidaat_id",
    "terrein_id",
    "terrein",
    "gemeente",
    "oppervlak_ha",
    "bebouwingsgraad",
    "aandeel_oud",
    "potentie_m2_bvo",
    "potentie_ha",
    "redenen",
    "overlapt_kanszone",
]


@dataclass(frozen=True)
class Raster:
    """A square grid over every park, aligned with the park's bounding box (plain arrays).

    Cell ``k`` of park ``p`` sits at column ``ix``, row ``iy`` with lower-left corner
    (``x0``, ``y0``); ``binnen`` is the share of the cell inside the park's contour.
    ``sleutel`` numbers every cell of every park's full box grid (``start[p] + iy * nx[p] + ix``).
    """

    celgrootte_m: float
    park: np.ndarray
    ix: np.ndarray
    iy: np.ndarray
    x0: np.ndarray
    y0: np.ndarray
    binnen: np.ndarray
    sleutel: np.ndarray
    nx: np.ndarray
    start: np.ndarray
    oorsprong: np.ndarray


#: Sample points per side used to estimate the inside share of a cell on a park's edge.
_MONSTERS = 4


def build_raster(parken: np.ndarray, celgrootte_m: float) -> Raster:
    """The grid of :class:`Raster` over the park polygons ``parken`` (EPSG:28992), without
    building one geometry per cell: corners are tested with ``contains_xy``; a cell with a
    corner outside gets its inside share from a 4 × 4 sample of points. Cells wholly
    outside their park are left out."""
    c = float(celgrootte_m)
    ok = ~shapely.is_missing(parken)
    b = np.zeros((len(parken), 4))
    if ok.any():
        b[ok] = shapely.bounds(parken[ok])
    nx = np.where(ok, np.maximum(1, np.ceil((b[:, 2] - b[:, 0]) / c)), 0).astype(np.int64)
    ny = np.where(ok, np.maximum(1, np.ceil((b[:, 3] - b[:, 1]) / c)), 0).astype(np.int64)
    aantal = nx * ny
    start = np.cumsum(aantal) - aantal
    park = np.repeat(np.arange(len(parken)), aantal)
    sleutel = np.arange(int(aantal.sum()))
    k = sleutel - start[park]
    ix, iy = k % np.maximum(nx[park], 1), k // np.maximum(nx[park], 1)
    x0 = b[park, 0] + ix * c
    y0 = b[park, 1] + iy * c
    vormen = parken.copy()
    shapely.prepare(vormen[ok])
    hoeken = np.zeros(len(park), dtype=np.int8)
    for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1)):
        hoeken += shapely.contains_xy(vormen[park], x0 + dx * c, y0 + dy * c)
    binnen = (hoeken == 4).astype(float)
    rand = np.flatnonzero(hoeken < 4)
    if len(rand):
        stap = (np.arange(_MONSTERS) + 0.5) / _MONSTERS * c
        mx, my = np.meshgrid(stap, stap)
        px = (x0[rand, None] + mx.ravel()[None, :]).ravel()
        py = (y0[rand, None] + my.ravel()[None, :]).ravel()
        raak = shapely.contains_xy(np.repeat(vormen[park[rand]], _MONSTERS * _MONSTERS), px, py)
        binnen[rand] = raak.reshape(len(rand), -1).mean(axis=1)
    return Raster(c, park, ix, iy, x0, y0, binnen, sleutel, nx, start, b[:, :2])


def _verdeel_over_cellen(raster: Raster, park: np.ndarray, grenzen: np.ndarray, waarden: np.ndarray) -> np.ndarray:
    """Spread ``waarden`` (rows: one per piece of pand inside ``park``; columns: quantities)
    over the cells of the park's grid in proportion to the overlap of the piece's bounding
    box ``grenzen`` with each cell (exact for rectangles along the grid, a close
    approximation otherwise; a piece's total is kept). Returns sums per cell key."""
    c = raster.celgrootte_m
    totaal = np.zeros((len(raster.sleutel), waarden.shape[1]))
    if len(park) == 0:
        return totaal
    ox, oy = raster.oorsprong[park, 0], raster.oorsprong[park, 1]
    nx = raster.nx[park]
    ny = (np.diff(np.append(raster.start, len(raster.sleutel)))[park] // np.maximum(nx, 1)).astype(np.int64)
    ix0 = np.clip(np.floor((grenzen[:, 0] - ox) / c), 0, nx - 1).astype(np.int64)
    ix1 = np.clip(np.floor((grenzen[:, 2] - ox) / c), 0, nx - 1).astype(np.int64)
    iy0 = np.clip(np.floor((grenzen[:, 1] - oy) / c), 0, ny - 1).astype(np.int64)
    iy1 = np.clip(np.floor((grenzen[:, 3] - oy) / c), 0, ny - 1).astype(np.int64)
    bx, by = ix1 - ix0 + 1, iy1 - iy0 + 1
    n = bx * by
    stuk = np.repeat(np.arange(len(park)), n)
    k = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    ix = ix0[stuk] + k % bx[stuk]
    iy = iy0[stuk] + k // bx[stuk]
    cx0 = ox[stuk] + ix * c
    cy0 = oy[stuk] + iy * c
    g = grenzen[stuk]
    wx = np.clip(np.minimum(g[:, 2], cx0 + c) - np.maximum(g[:, 0], cx0), 0, None)
    wy = np.clip(np.minimum(g[:, 3], cy0 + c) - np.maximum(g[:, 1], cy0), 0, None)
    breed = np.maximum(g[:, 2] - g[:, 0], 1e-9)
    hoog = np.maximum(g[:, 3] - g[:, 1], 1e-9)
    gewicht = np.where((g[:, 2] - g[:, 0] > 1e-9) & (g[:, 3] - g[:, 1] > 1e-9), wx * wy / (breed * hoog), 1.0 / n[stuk])
    sleutel = raster.start[park[stuk]] + iy * nx[stuk] + ix
    for j in range(waarden.shape[1]):
        totaal[:, j] = np.bincount(sleutel, weights=waarden[stuk, j] * gewicht, minlength=len(raster.sleutel))
    return totaal


def _componenten(sleutel: np.ndarray, ix: np.ndarray, nx: np.ndarray, totaal: int) -> np.ndarray:
    """Connected components (4-neighbourhood) of the chosen cells (keys into the grid of
    :class:`Raster`; right neighbour key + 1 within the row, upper neighbour key + nx), by
    vectorised label propagation with pointer jumping. Returns a label per chosen cell."""
    n = len(sleutel)
    positie = np.full(totaal + 1, -1, dtype=np.int64)
    positie[sleutel] = np.arange(n)
    rechts = np.where(ix + 1 < nx, positie[np.minimum(sleutel + 1, totaal)], -1)
    boven = positie[np.minimum(sleutel + nx, totaal)]
    a = np.concatenate([np.arange(n)[rechts >= 0], np.arange(n)[boven >= 0]])
    b = np.concatenate([rechts[rechts >= 0], boven[boven >= 0]])
    label = np.arange(n)
    while True:
        nieuw = label.copy()
        np.minimum.at(nieuw, a, label[b])
        np.minimum.at(nieuw, b, label[a])
        nieuw = nieuw[nieuw]
        if np.array_equal(nieuw, label):
            return label
        label = nieuw


def _pct_tekst(fracties: pd.Series) -> pd.Series:
    """Whole percentages as Dutch text ("18 %"), vectorised (as :func:`format_pct` with 0 decimals)."""
    return pd.Series(np.round(fracties.fillna(0.0).to_numpy() * 100).astype(np.int64).astype(str)) + " %"


def _zonevormen(raster: Raster, sel: np.ndarray, label: np.ndarray, aantal: int) -> np.ndarray:
    """One polygon per zone: the coverage union of its cells (``sel``, sorted by zone).
    Cell corners are computed from the grid index alone, so neighbouring cells share
    exactly the same vertices (a clean coverage)."""
    c = raster.celgrootte_m
    ox, oy = raster.oorsprong[raster.park[sel], 0], raster.oorsprong[raster.park[sel], 1]
    ix, iy = raster.ix[sel], raster.iy[sel]
    cellen = shapely.box(ox + ix * c, oy + iy * c, ox + (ix + 1) * c, oy + (iy + 1) * c)
    per = np.bincount(label, minlength=aantal)
    plek = np.arange(len(label)) - (np.cumsum(per) - per)[label]
    tabel = np.full((aantal, max(int(per.max()), 1)), None, dtype=object)
    tabel[label, plek] = cellen
    return shapely.coverage_union_all(tabel, axis=1)


def find_kandidaten(
    terreinen: gpd.GeoDataFrame,
    panden: gpd.GeoDataFrame,
    parameters: KanszoneParameters,
    regionale_fsi: float,
    kanszones: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Candidate kanszones: connected zones of grid cells inside parks that are laag benut
    or verouderd, at least ``minimum_kandidaat_ha`` large, ranked by potential.

    Method (vectorised, no loop per pand): parks with a koers in
    ``koersen_zonder_potentie`` (planned, being transformed), parks without a contour and
    parks without any pand (no footprint known: the whole park would look unbuilt) are
    skipped. The parts of
    the panden inside each park come from :func:`overlay_panden` (STRtree + intersection
    of the panden on the contour); a grid of ``rastercel_m`` cells is laid over every park
    (:func:`build_raster`) and each part's footprint, bvo and old bvo are spread over the
    cells by bounding-box overlap. Cell netto area = inside share × cell area × the park's
    netto/bruto ratio. A cell is *laag benut* when its bebouwingsgraad is below
    ``drempel_bebouwingsgraad``, *verouderd* when at least ``drempel_oud`` of its bvo is old.
    Neighbouring chosen cells of a park form a zone (:func:`_componenten`); its polygon is
    the union of its cells clipped to the park's contour, its area that polygon's area,
    its figures sums over its cells, its potential :func:`compute_potentie` with the park's
    typologie and zoning limits. ``redenen`` says in Dutch why a zone was found, ``overlapt_kanszone`` whether
    it touches an existing kanszone. Columns :data:`KANDIDAAT_KOLOMMEN` + geometry, best
    first (``kandidaat_id`` K-001 has the largest potential).
    """
    leeg = gpd.GeoDataFrame({k: [] for k in KANDIDAAT_KOLOMMEN}, geometry=[], crs=schema.CRS_RD)
    t = _met_geometrie(terreinen)
    t = t[~t["koers"].isin(parameters.koersen_zonder_potentie).fillna(False).to_numpy()]
    t = t[~_zonder_contour(t)].reset_index(drop=True)
    if t.empty or not len(panden):  # without panden no footprint is known anywhere
        return leeg
    parken = _geldig(t.geometry.to_numpy())
    raster = build_raster(parken, parameters.rastercel_m)
    c = parameters.rastercel_m

    p_rd = _in_rd(panden)
    park, p, opp, delen = overlay_panden(parken, p_rd.geometry.to_numpy(), met_delen=True)
    lagen, _ = compute_bouwlagen(p_rd, parameters)
    jaar = pd.to_numeric(p_rd["bouwjaar"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    vloer = opp * lagen[p]
    waarden = np.stack([opp, vloer, vloer * (jaar[p] < parameters.oud_voor_jaar)], axis=1)
    sommen = _verdeel_over_cellen(raster, park, shapely.bounds(delen), waarden)
    met_panden = np.bincount(park, minlength=len(parken)) > 0

    bruto = shapely.area(parken)
    netto = pd.to_numeric(t["netto_ha"], errors="coerce").to_numpy(dtype=float) * schema.M2_PER_HA
    verhouding = np.clip(np.where(np.isfinite(netto) & (netto > 0), netto / np.maximum(bruto, 1.0), 1.0), 0.0, 1.0)
    celnetto = raster.binnen * c * c * verhouding[raster.park]
    bebouwd, bvo, bvo_oud = sommen[:, 0], sommen[:, 1], sommen[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        graad = np.where(celnetto > 0, bebouwd / celnetto, np.inf)
        aandeel_oud = np.where(bvo > 0, bvo_oud / bvo, 0.0)
    kies = (
        (raster.binnen > 0)
        & met_panden[raster.park]
        & ((graad < parameters.drempel_bebouwingsgraad) | ((aandeel_oud >= parameters.drempel_oud) & (bebouwd > 0)))
    )
    if not kies.any():
        return leeg
    sel = np.flatnonzero(kies)
    label = _componenten(raster.sleutel[sel], raster.ix[sel], raster.nx[raster.park[sel]], len(raster.sleutel))
    # zones first by their estimated size (cheap), the survivors get a polygon
    geschat = np.bincount(label, weights=raster.binnen[sel] * c * c, minlength=len(sel))
    groot = geschat[label] >= 0.8 * parameters.minimum_kandidaat_ha * schema.M2_PER_HA
    sel, label = sel[groot], label[groot]
    if not len(sel):
        return leeg
    zone, label = np.unique(label, return_inverse=True)
    volgorde = np.argsort(label, kind="stable")
    sel, label = sel[volgorde], label[volgorde]
    zpark = np.zeros(len(zone), dtype=np.int64)
    zpark[label] = raster.park[sel]
    vorm = _zonevormen(raster, sel, label, len(zone))
    vorm = shapely.intersection(vorm, parken[zpark])
    oppervlak = shapely.area(vorm)
    som = lambda x: np.bincount(label, weights=x[sel], minlength=len(zone))  # noqa: E731
    z = pd.DataFrame(
        {
            "netto_m2": oppervlak * verhouding[zpark],
            "bebouwd_m2": som(bebouwd),
            "bvo_m2": som(bvo),
            "bvo_oud_m2": som(bvo_oud),
        }
    )
    houd = oppervlak >= parameters.minimum_kandidaat_ha * schema.M2_PER_HA - 1e-6
    z, vorm, zpark, oppervlak = z[houd].reset_index(drop=True), vorm[houd], zpark[houd], oppervlak[houd]
    if z.empty:
        return leeg
    z["bebouwingsgraad"] = z["bebouwd_m2"] / z["netto_m2"].where(z["netto_m2"] > 0)
    z["aandeel_oud"] = z["bvo_oud_m2"] / z["bvo_m2"].where(z["bvo_m2"] > 0)
    grens = {k: t[k].to_numpy()[zpark] if k in t.columns else None for k in ("max_bebouwingsgraad", "max_bouwhoogte_m")}
    z = compute_potentie(
        z, t["typologie"].to_numpy()[zpark], parameters, regionale_fsi,
        grens["max_bebouwingsgraad"], grens["max_bouwhoogte_m"],
    )  # fmt: skip

    laag_z = (z["bebouwingsgraad"].fillna(0.0) < parameters.drempel_bebouwingsgraad).to_numpy()
    oud_z = (z["aandeel_oud"].fillna(0.0) >= parameters.drempel_oud).to_numpy()
    onbebouwd = (z["bebouwd_m2"] <= 1.0).to_numpy()
    graad_tekst = _pct_tekst(z["bebouwingsgraad"])
    oud_tekst = _pct_tekst(z["aandeel_oud"])
    reden_laag = pd.Series(
        np.where(onbebouwd, "onbebouwd", np.where(laag_z, "lage bebouwingsgraad (" + graad_tekst + ")", ""))
    )
    reden_oud = pd.Series(
        np.where(oud_z & ~onbebouwd, oud_tekst + f" van het bvo gebouwd vóór {parameters.oud_voor_jaar}", "")
    )
    redenen = reden_laag.str.cat(reden_oud, sep="; ").str.strip("; ")
    redenen = redenen.where(redenen.ne(""), "deels laag benut, deels verouderd")

    uit = gpd.GeoDataFrame(
        {
            "terrein_id": t["terrein_id"].to_numpy()[zpark],
            "terrein": t["naam"].to_numpy()[zpark],
            "gemeente": t["gemeente"].to_numpy()[zpark],
            "oppervlak_ha": oppervlak / schema.M2_PER_HA,
            "bebouwingsgraad": z["bebouwingsgraad"].to_numpy(),
            "aandeel_oud": z["aandeel_oud"].to_numpy(),
            "potentie_m2_bvo": z["potentie_m2_bvo"].to_numpy(),
            "potentie_ha": z["potentie_ha"].to_numpy(),
            "redenen": redenen.to_numpy(),
            "overlapt_kanszone": False,
        },
        geometry=vorm,
        crs=schema.CRS_RD,
    )
    if kanszones is not None and len(kanszones):
        kz = _geldig(_in_rd(kanszones).geometry.to_numpy())
        kz = kz[~shapely.is_missing(kz)]
        if len(kz):
            i, _ = shapely.STRtree(kz).query(uit.geometry.to_numpy(), predicate="intersects")
            uit.loc[np.unique(i), "overlapt_kanszone"] = True
    uit = uit.sort_values(["potentie_m2_bvo", "oppervlak_ha"], ascending=False, kind="stable").reset_index(drop=True)
    uit.insert(0, "kandidaat_id", [f"K-{i + 1:03d}" for i in range(len(uit))])
    return uit[[*KANDIDAAT_KOLOMMEN, "geometry"]]


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
        raise KanszoneFout(
            "De tekening is geen vlak. Teken de kanszone met het vijfhoek- of rechthoekgereedschap."
        ) from e
    if vorm.geom_type not in ("Polygon", "MultiPolygon") or vorm.is_empty:
        raise KanszoneFout("De tekening is geen vlak. Teken de kanszone met het vijfhoek- of rechthoekgereedschap.")
    rd = gpd.GeoSeries([vorm], crs=schema.CRS_WEB).to_crs(schema.CRS_RD).iloc[0]
    if not rd.is_valid:
        rd = shapely.make_valid(rd)
        rd = shapely.union_all([g for g in getattr(rd, "geoms", [rd]) if g.geom_type in ("Polygon", "MultiPolygon")])
    if rd.is_empty or rd.area < 1.0:
        raise KanszoneFout("De getekende kanszone heeft geen oppervlakte.")
    return rd


#: Share of a drawn zone that may lie outside its park (hand-drawn edges); it is then clipped.
MARGE_BUITEN = 0.02


def find_terrein_van(vorm: shapely.Geometry, terreinen: gpd.GeoDataFrame) -> str:
    """The terrein_id of the park ``vorm`` (EPSG:28992) lies in. At most :data:`MARGE_BUITEN`
    of its area may lie outside that park. Raises :class:`KanszoneFout` (Dutch) otherwise."""
    t = _in_rd(terreinen)
    geoms = _geldig(t.geometry.to_numpy())
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
    naam = " ".join(str(naam or "").split())
    if not naam:
        raise KanszoneFout("Geef de kanszone een naam.")
    if len(naam) > 120:
        raise KanszoneFout("De naam van de kanszone is te lang (hoogstens 120 tekens).")
    terrein_id = find_terrein_van(vorm, terreinen)
    park = _in_rd(terreinen).set_index("terrein_id").geometry.loc[terrein_id]
    park = park.iloc[0] if isinstance(park, gpd.GeoSeries) else park
    vorm = shapely.intersection(vorm, shapely.make_valid(park))
    bestaand = _in_rd(kanszones) if len(kanszones) else schema.empty("kanszones")
    nummers = pd.to_numeric(bestaand["kanszone_id"].astype(str).str.extract(r"^KZ-(\d+)$")[0], errors="coerce")
    nieuw_id = f"KZ-{int(nummers.max() if nummers.notna().any() else 0) + 1:02d}"
    rij = {
        "kanszone_id": nieuw_id,
        "terrein_id": terrein_id,
        "naam": naam,
        "maatregel": " ".join(str(maatregel or "").split()) or pd.NA,
        "potentie_m2_bvo": float(potentie["potentie_m2_bvo"]) if potentie is not None else np.nan,
        "potentie_ha": float(potentie["potentie_ha"]) if potentie is not None else np.nan,
        "status": "verkenning",
        "toelichting": str(toelichting or "").strip() or pd.NA,
    }
    nieuw = gpd.GeoDataFrame([rij], geometry=[vorm], crs=schema.CRS_RD)
    laag = pd.concat([bestaand, schema.conform(nieuw, "kanszones")], ignore_index=True)
    laag = schema.conform(gpd.GeoDataFrame(laag, geometry="geometry", crs=schema.CRS_RD), "kanszones")
    audit = [
        {"actie": "kanszone getekend", "laag": "kanszones", "object_id": nieuw_id,
         "veld": veld, "oud": None, "nieuw": waarde}
        for veld, waarde in (("naam", naam), ("terrein_id", terrein_id), ("maatregel", rij["maatregel"]),
                             ("potentie_m2_bvo", rij["potentie_m2_bvo"]), ("potentie_ha", rij["potentie_ha"]))
    ]  # fmt: skip
    return laag, audit


# --------------------------------------------------------------------------------------
# The balance: kanszone potential as intensivering (Overzicht, scenarios)
# --------------------------------------------------------------------------------------


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
    if not 0.0 <= aandeel <= 1.0:
        raise KanszoneFout("Het realisatieaandeel van de kanszones ligt tussen 0 % en 100 %.")
    if planstatus not in schema.PLANSTATUS_RANG:
        raise KanszoneFout(f"Onbekende planstatus: {planstatus}.")
    leeg = schema.empty("mutaties")
    leeg = pd.DataFrame(leeg.drop(columns="geometry"))
    if aandeel <= 0 or kanszones is None or not len(kanszones):
        return schema.conform(leeg, "mutaties"), []
    k = pd.DataFrame(kanszones.drop(columns="geometry", errors="ignore")).reset_index(drop=True)
    potentie = pd.to_numeric(k["potentie_ha"], errors="coerce").fillna(0.0)
    k = k[potentie.gt(0).to_numpy()].reset_index(drop=True)
    meldingen: list[str] = []
    if mutaties is not None and len(mutaties):
        m = mutaties[mutaties["soort"].eq("intensivering").fillna(False).to_numpy()]
        m = m[~is_vervallen(m)]
        bekend = {(str(t), normalize_naam(n)) for t, n in zip(m["terrein_id"], m["naam"], strict=True)}
        dubbel = np.array(
            [(str(t), normalize_naam(n)) in bekend for t, n in zip(k["terrein_id"], k["naam"], strict=True)], dtype=bool
        )
        for naam in k.loc[dubbel, "naam"]:
            meldingen.append(f"Kanszone {naam} staat al als intensivering in het register en telt niet dubbel.")
        k = k[~dubbel].reset_index(drop=True)
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
    for naam in k.loc[zonder_gemeente.to_numpy(), "naam"]:
        meldingen.append(f"Kanszone {naam} ligt op een onbekend terrein en telt niet mee.")
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


# --------------------------------------------------------------------------------------
# Tables and charts for people
# --------------------------------------------------------------------------------------

#: How every figure of the page is computed: column -> (Dutch label, explanation).
UITLEG: dict[str, tuple[str, str]] = {
    "netto_m2": (
        "Netto",
        "Netto oppervlak: bij een terrein de netto ha uit het register, bij een kanszone haar eigen oppervlak.",
    ),
    "bebouwd_m2": (
        "Bebouwd",
        "Som van de pandoppervlakken binnen de contour; een pand over de rand telt met het deel binnen.",
    ),
    "bebouwingsgraad": ("Bebouwingsgraad", "Bebouwd oppervlak ÷ netto oppervlak."),
    "fsi": ("FSI", "Bruto vloeroppervlak (bvo) ÷ netto oppervlak. Bvo = pandoppervlak × bouwlagen."),
    "onbebouwd_m2": ("Onbebouwd", "Netto oppervlak − bebouwd oppervlak (niet onder nul)."),
    "aandeel_oud": ("Oud", "Deel van het bvo in panden met een bouwjaar vóór het gekozen jaar."),
    "aandeel_bouwlagen_geschat": (
        "Bouwlagen geschat",
        "Deel van het bvo waarvan de bouwlagen geschat zijn (uit de hoogte ÷ verdiepingshoogte of de standaardwaarde), "
        "niet uit de gegevens.",
    ),
    "begrenzing": (
        "Bestemmingsplan",
        "Maximale bebouwingsgraad en bouwhoogte waar het terrein die vastlegt. Ze begrenzen de doelen: "
        "doel-bebouwingsgraad B = min(doel, max. bebouwingsgraad); bouwlagen hoogstens "
        "⌊max. bouwhoogte ÷ verdiepingshoogte⌋ (Lmax); doel-FSI = min(doel-FSI, B × Lmax).",
    ),
    "potentie_m2_bvo": (
        "Potentie",
        "Extra bvo als FSI en bebouwingsgraad stijgen tot de doelen van het terreintype, binnen het bestemmingsplan: "
        "max(doel-FSI × netto − huidig bvo, (doel-bebouwingsgraad × netto − bebouwd) × huidige bouwlagen, "
        "hoogstens Lmax). Onbekend als van het terrein geen panden of geen contour bekend zijn.",
    ),
    "potentie_grond_m2_bvo": (
        "Ruimer bebouwen",
        "Deel van de potentie op onbebouwde grond tot de doel-bebouwingsgraad.",
    ),
    "potentie_optoppen_m2_bvo": ("Optoppen", "Rest van de potentie: hoger bouwen."),
    "potentie_ha": (
        "Potentie (ha-equivalent)",
        "Potentie in bvo ÷ de gemiddelde FSI van de regio ÷ 10.000: de grond die dat vloeroppervlak "
        f"bij de huidige dichtheid zou vragen. Hectare-equivalent: {HA_EQUIVALENT_UITLEG}.",
    ),
    "potentie_status": (
        "Status potentie",
        f"'{STATUS_BEREKEND}'; '{STATUS_GEEN_PANDEN}' of '{STATUS_GEEN_CONTOUR}': zonder panden of contour is "
        "de bebouwing niet bekend, dus ook de potentie niet; zo'n terrein telt niet mee in het totaal. "
        "'Telt niet (koers …)': bij koers nieuw of transformeren gaat het om nieuwe grond of transformatie.",
    ),
}


def _pct(reeks: pd.Series) -> list[str]:
    return [format_pct(v) if pd.notna(v) else "–" for v in reeks]


def _fsi(reeks: pd.Series) -> list[str]:
    return [format_getal(v, 2) if pd.notna(v) else "–" for v in reeks]


def _bestemmingsplan(tabel: pd.DataFrame) -> list[str]:
    """The recorded zoning limits of each park as Dutch text ("max. 70 % · max. 12 m"; "–" when none)."""
    graad = tabel["max_bebouwingsgraad"] if "max_bebouwingsgraad" in tabel.columns else pd.Series(np.nan, tabel.index)
    hoogte = tabel["max_bouwhoogte_m"] if "max_bouwhoogte_m" in tabel.columns else pd.Series(np.nan, tabel.index)
    uit = []
    for g, h in zip(graad, hoogte, strict=True):
        delen = ([f"max. {format_pct(g)}"] if pd.notna(g) else []) + (
            [f"max. {format_getal(h, 0 if float(h).is_integer() else 1)} m"] if pd.notna(h) else []
        )
        uit.append(" · ".join(delen) or "–")
    return uit


def _potentie_m2(waarden: pd.Series, status: pd.Series) -> list[str]:
    """Potential in m² bvo, or the status where it is unknown ("onbekend (geen panden)")."""
    return [f"{format_m2(v)} bvo" if pd.notna(v) else str(s) for v, s in zip(waarden, status, strict=True)]


def _potentie_ha(waarden: pd.Series, decimalen: int = 2) -> list[str]:
    return [format_ha_equivalent(v, decimalen) for v in waarden]


def format_terreindichtheid(tabel: pd.DataFrame) -> pd.DataFrame:
    """The per-park table of :func:`compute_terreindichtheid` for people: Dutch labels and numbers;
    an unknown potential reads as its status ("onbekend (geen panden)"), never as 0."""
    status = tabel["potentie_status"].astype(str)
    return pd.DataFrame(
        {
            "Terrein": tabel["naam"].astype(str).to_numpy(),
            "Gemeente": tabel["gemeente"].astype(str).to_numpy(),
            "Type": tabel["typologie"].fillna("–").astype(str).to_numpy(),
            "Panden": [format_getal(v, 0) for v in tabel["n_panden"]],
            "Netto": [format_ha(v / schema.M2_PER_HA) for v in tabel["netto_m2"]],
            "Bebouwingsgraad": _pct(tabel["bebouwingsgraad"]),
            "FSI": _fsi(tabel["fsi"]),
            "Onbebouwd": [format_ha(v / schema.M2_PER_HA) if pd.notna(v) else "–" for v in tabel["onbebouwd_m2"]],
            "Oud": _pct(tabel["aandeel_oud"]),
            "Bouwlagen geschat": _pct(tabel["aandeel_bouwlagen_geschat"]),
            "Bestemmingsplan": _bestemmingsplan(tabel),
            "Potentie": _potentie_m2(tabel["potentie_m2_bvo"], status),
            "Potentie (ha-eq.)": _potentie_ha(tabel["potentie_ha"]),
            "Status potentie": [
                f"{s}; begrensd: {b}" if b else s
                for s, b in zip(status, tabel["begrenzing"].fillna("").astype(str), strict=True)
            ],
        }
    )


def format_kanszonedichtheid(tabel: pd.DataFrame) -> pd.DataFrame:
    """The kanszone table of :func:`compute_kanszonedichtheid` for people."""
    status = tabel["potentie_status"].astype(str)
    return pd.DataFrame(
        {
            "Kanszone": tabel["naam"].astype(str).to_numpy(),
            "Terrein": tabel["terrein"].astype(str).to_numpy(),
            "Maatregel": tabel["maatregel"].fillna("–").astype(str).to_numpy(),
            "Oppervlak": [format_ha(v / schema.M2_PER_HA, 2) for v in tabel["netto_m2"]],
            "Bebouwingsgraad": _pct(tabel["bebouwingsgraad"]),
            "FSI": _fsi(tabel["fsi"]),
            "Oud": _pct(tabel["aandeel_oud"]),
            "Berekende potentie": _potentie_m2(tabel["potentie_m2_bvo"], status),
            "Berekend (ha-eq.)": _potentie_ha(tabel["potentie_ha"]),
            "Opgegeven potentie": [
                f"{format_m2(v)} bvo" if pd.notna(v) else "–" for v in tabel["potentie_opgegeven_m2_bvo"]
            ],
            "Opgegeven (ha-eq.)": [
                format_ha_equivalent(v, 2) if pd.notna(v) else "–" for v in tabel["potentie_opgegeven_ha"]
            ],
        }
    )


def format_kandidaten(kandidaten: pd.DataFrame) -> pd.DataFrame:
    """The candidates of :func:`find_kandidaten` for people."""
    return pd.DataFrame(
        {
            "Kandidaat": kandidaten["kandidaat_id"].astype(str).to_numpy(),
            "Terrein": kandidaten["terrein"].astype(str).to_numpy(),
            "Gemeente": kandidaten["gemeente"].astype(str).to_numpy(),
            "Oppervlak": [format_ha(v, 2) for v in kandidaten["oppervlak_ha"]],
            "Bebouwingsgraad": _pct(kandidaten["bebouwingsgraad"]),
            "Oud": _pct(kandidaten["aandeel_oud"]),
            "Potentie": [f"{format_m2(v)} bvo" for v in kandidaten["potentie_m2_bvo"]],
            "Potentie (ha-eq.)": _potentie_ha(kandidaten["potentie_ha"]),
            "Waarom": kandidaten["redenen"].astype(str).to_numpy(),
            "Al kanszone": np.where(kandidaten["overlapt_kanszone"].astype(bool), "ja", "nee"),
        }
    )


def compute_kerncijfers(
    terreindichtheid: pd.DataFrame,
    kanszonedichtheid: pd.DataFrame,
    kandidaten: pd.DataFrame,
    regionale_fsi: float,
    parameters: KanszoneParameters | None = None,
) -> list[tuple[str, str, str]]:
    """Headline figures of the selection as (label, Dutch value, how computed):
    bebouwingsgraad and FSI over all parks with panden (sums, not averages of ratios),
    the potential of the parks (:func:`compute_potentie_totaal`: parks with an unknown
    potential left out and counted in the explanation), the computed potential of the
    kanszones (unknown ones left out), and the candidates. Every potential reads in
    hectare-equivalents ("ha-eq.") and its explanation says what that is
    (:data:`HA_EQUIVALENT_UITLEG`)."""
    parameters = parameters or KanszoneParameters()
    met = terreindichtheid[terreindichtheid["n_panden"] > 0]
    netto = float(met["netto_m2"].sum())
    bg = float(met["bebouwd_m2"].sum()) / netto if netto > 0 else np.nan
    fsi = float(met["bvo_m2"].sum()) / netto if netto > 0 else np.nan
    totaal = compute_potentie_totaal(terreindichtheid)
    kz_bekend = kanszonedichtheid["potentie_bekend"].astype(bool).to_numpy()
    kz_ha = float(kanszonedichtheid.loc[kz_bekend, "potentie_ha"].sum())
    kz_m2 = float(kanszonedichtheid.loc[kz_bekend, "potentie_m2_bvo"].sum())
    kz_onbekend = int((~kz_bekend).sum())
    if kz_onbekend and not kz_bekend.any():
        kz_ha = np.nan  # zones, but not one with a known potential
    kz_noot = ""
    if kz_onbekend:
        wie, telt = ("kanszone", "die telt") if kz_onbekend == 1 else ("kanszones", "die tellen")
        kz_noot = (
            f" Van {format_getal(kz_onbekend, 0)} {wie} is de potentie onbekend (geen panden op het terrein); "
            f"{telt} niet mee."
        )
    return [
        ("Bebouwingsgraad", format_pct(bg), "Som van het bebouwd oppervlak ÷ som van het netto oppervlak, terreinen met panden."),
        ("FSI", format_getal(fsi, 2) if np.isfinite(fsi) else "–", "Som van het bvo ÷ som van het netto oppervlak, terreinen met panden. "
         f"De hele regio (alle gemeenten): {format_getal(regionale_fsi, 2)}."),
        # the unit sits in the label: "115,9 ha-eq." does not fit a tile on a laptop
        ("Potentie terreinen (ha-eq.)", _getal_of_onbekend(totaal.potentie_ha),
         format_potentie_totaal(totaal, parameters) + " " + UITLEG["potentie_m2_bvo"][1]),
        ("Potentie kanszones (ha-eq.)", _getal_of_onbekend(kz_ha),
         f"{format_m2(kz_m2)} bvo, berekend uit de panden in de kanszones; hectare-equivalent: {HA_EQUIVALENT_UITLEG}."
         + kz_noot),
        ("Kandidaat-zones", format_getal(len(kandidaten), 0),
         f"Samen {format_ha(float(kandidaten['oppervlak_ha'].sum()), 1)} grond; potentie "
         f"{format_ha_equivalent(float(kandidaten['potentie_ha'].sum()))} ({HA_EQUIVALENT_UITLEG}). "
         "Alleen op terreinen met panden."),
    ]  # fmt: skip


def chart_dichtheid(terreindichtheid: pd.DataFrame, doel: str = "bebouwingsgraad") -> alt.Chart:
    """Horizontal bars per park: bebouwingsgraad (or ``doel="fsi"``) from
    :func:`compute_terreindichtheid`, parks with panden only, highest first, with the
    park's target as a black tick."""
    kolom, doelkolom = (doel, f"doel_{doel}")
    rijen = terreindichtheid[terreindichtheid["n_panden"] > 0].copy()
    rijen["label"] = rijen["naam"].astype(str) + " (" + rijen["gemeente"].astype(str) + ")"
    volgorde = list(rijen.sort_values(kolom, ascending=False)["label"])
    formaat = ".0%" if kolom == "bebouwingsgraad" else ",.2f"
    titel = "Bebouwingsgraad" if kolom == "bebouwingsgraad" else "FSI"
    basis = alt.Chart(rijen[["label", kolom, doelkolom, "gemeente"]])
    staven = basis.mark_bar(color="#0072B2").encode(
        y=alt.Y("label:N", title=None, sort=volgorde, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
        x=alt.X(f"{kolom}:Q", title=titel, axis=alt.Axis(format=formaat)),
        tooltip=[
            alt.Tooltip("label:N", title="Terrein"),
            alt.Tooltip(f"{kolom}:Q", title=titel, format=formaat),
            alt.Tooltip(f"{doelkolom}:Q", title="Doel", format=formaat),
        ],
    )
    streep = basis.mark_tick(color="#111111", thickness=3, size=14).encode(
        y=alt.Y("label:N", sort=volgorde), x=alt.X(f"{doelkolom}:Q")
    )
    return (
        alt.layer(staven, streep)
        .properties(height=alt.Step(22))
        .configure(locale=NL_LOCALE)
        .configure_axis(labelFontSize=13, titleFontSize=14)
    )


def vandaag() -> str:
    """Today as an ISO date (for toelichtingen of saved zones)."""
    return dt.date.today().isoformat()
