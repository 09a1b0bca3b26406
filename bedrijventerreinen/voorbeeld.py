"""Deterministic generator of the sample data of the 071 region (and of larger synthetic sets).

The park names come from the sources in DOMAIN.md; locations are approximate points
inside each municipality (RD New). Every area, year, planstatus and potential is
**sample data**, not an official figure: ``bron`` says so on every row, and the app shows
"Voorbeelddata — geen officiële cijfers" while the store holds it.

Rebuild the shipped files with ``python -m bedrijventerreinen.voorbeeld``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely import affinity
from shapely.geometry import Polygon, box

from . import schema
from .io import VOORBEELD_BESTANDEN, VOORBEELD_MAP
from .panden import generate_panden

BRON = "Voorbeelddata (geen officiële cijfers)"
SEED = 71

#: Approximate centre of each municipality (RD New, metres); parks are placed near theirs.
GEMEENTE_CENTRA: dict[str, tuple[float, float]] = {
    "Leiden": (93_700, 464_000),
    "Katwijk": (88_800, 468_600),
    "Leiderdorp": (96_700, 464_300),
    "Oegstgeest": (91_600, 467_000),
    "Voorschoten": (91_800, 460_200),
    "Zoeterwoude": (97_200, 461_800),
}


@dataclass(frozen=True)
class _Park:
    terrein_id: str
    naam: str
    gemeente: str
    x: float
    y: float
    bruto_ha: float
    koers: str
    typologie: str
    milieucategorie_max: int
    uitgeefbaar_terstond_ha: float = 0.0
    uitgeefbaar_niet_terstond_ha: float = 0.0


# Names from DOMAIN.md; positions approximate; areas sample values except where DOMAIN
# gives one (Leiden Bio Science Park ~110 ha, Roomburg 13 ha, Klei-Oost Zuid 8 ha bruto,
# MEOB-terrein 10.7 ha).
_PARKEN: tuple[_Park, ...] = (
    _Park("LEI-01", "Leiden Bio Science Park", "Leiden", 92_250, 465_450, 110.0, "intensiveren", "hoogwaardig", 4, 2.0),
    _Park("LEI-02", "De Waard", "Leiden", 95_050, 465_250, 32.0, "intensiveren", "gemengd", 4),
    _Park("LEI-03", "Roomburg", "Leiden", 95_300, 463_000, 13.0, "behouden", "gemengd", 3, 0.5),
    _Park("LEI-04", "Lammenschans", "Leiden", 93_400, 462_550, 6.0, "transformeren", "gemengd", 3),
    _Park("LEI-05", "Rooseveltstraat", "Leiden", 94_150, 463_150, 8.0, "transformeren", "gemengd", 3),
    _Park("LEI-06", "Trekvliet", "Leiden", 94_700, 462_650, 5.0, "behouden", "gemengd", 3),
    _Park("LEI-07", "Werninkterrein", "Leiden", 93_750, 465_150, 4.2, "transformeren", "gemengd", 3),
    _Park("LEI-08", "Veilingterrein/Westwal", "Leiden", 92_350, 463_550, 6.5, "transformeren", "gemengd", 3),
    _Park("LEI-09", "De Hallen", "Leiden", 93_050, 464_250, 3.0, "behouden", "gemengd", 2),
    _Park("LEI-10", "Merenwijk", "Leiden", 95_550, 466_350, 4.0, "behouden", "gemengd", 2),
    _Park("LEI-11", "Tussen Rijn & Rail", "Leiden", 91_900, 464_350, 7.5, "behouden", "gemengd", 3),
    _Park("LEI-12", "Vlietzone", "Leiden", 95_950, 462_050, 10.5, "nieuw", "gemengd", 3),
    _Park("KAT-01", "'t Heen", "Katwijk", 88_950, 467_750, 62.0, "intensiveren", "gemengd", 4, 1.0),
    _Park("KAT-02", "Klei-Oost", "Katwijk", 90_350, 469_850, 18.0, "behouden", "gemengd", 4),
    _Park("KAT-03", "Klei-Oost Zuid", "Katwijk", 90_400, 469_150, 8.0, "nieuw", "gemengd", 4),
    _Park("KAT-04", "Zijlhoek/De Woerd", "Katwijk", 89_200, 470_450, 9.0, "behouden", "gemengd", 3),
    _Park("KAT-05", "Vinkenwegzone", "Katwijk", 88_250, 468_900, 4.5, "behouden", "gemengd", 3),
    _Park("KAT-06", "'t Ambacht", "Katwijk", 87_350, 469_650, 3.5, "transformeren", "gemengd", 3),
    _Park("KAT-07", "Katwijkerweg", "Katwijk", 88_300, 469_600, 2.8, "transformeren", "gemengd", 2),
    _Park("KAT-08", "Valkenburgseweg", "Katwijk", 89_950, 467_150, 2.4, "transformeren", "gemengd", 2),
    _Park("KAT-09", "Florapark West", "Katwijk", 91_000, 468_550, 9.0, "nieuw", "gemengd", 3),
    _Park("KAT-10", "Werkpark Valkenburg", "Katwijk", 89_300, 466_500, 15.4, "nieuw", "gemengd", 3),
    _Park("LDP-01", "Baanderij", "Leiderdorp", 96_400, 464_850, 24.0, "intensiveren", "gemengd", 3),
    _Park("LDP-02", "Lage Zijde", "Leiderdorp", 97_100, 463_850, 7.0, "transformeren", "gemengd", 3),
    _Park("LDP-03", "Ikea-locatie A4", "Leiderdorp", 97_650, 465_350, 9.0, "nieuw", "gemengd", 4),
    _Park("OEG-01", "MEOB-terrein", "Oegstgeest", 90_950, 467_550, 10.7, "behouden", "gemengd", 3, 0.0, 5.0),
    _Park("OEG-02", "De Geesten", "Oegstgeest", 92_300, 467_250, 6.0, "uitbreiden", "hoogwaardig", 3),
    _Park("VOS-01", "Dobbewijk", "Voorschoten", 92_250, 460_350, 9.0, "uitbreiden", "gemengd", 3),
    _Park("ZTW-01", "Grote Polder", "Zoeterwoude", 96_800, 462_650, 46.0, "intensiveren", "gemengd", 4, 0.5),
    _Park("ZTW-02", "Heineken-terrein", "Zoeterwoude", 98_050, 461_750, 26.0, "uitbreiden", "zwaar", 5),
    _Park("ZTW-03", "Potgrondlocatie", "Zoeterwoude", 97_300, 460_700, 5.1, "nieuw", "gemengd", 4),
    _Park("ZTW-04", "Hoge Rijndijk (kavel)", "Zoeterwoude", 96_050, 463_450, 0.8, "behouden", "gemengd", 2),
)

# Mutaties: (id, soort, terrein_id, naam, ha, planstatus, jaar, toelichting, geometry rule)
# geometry rule: "deel" = part of the park, "park" = the whole park, "naast" = a new strip
# beside the park, None = no geometry.
_MUTATIES: tuple[tuple, ...] = (
    # the ten approved transformation locations
    (
        "T-01",
        "transformatie",
        "KAT-06",
        "'t Ambacht",
        1.5,
        "gerealiseerd",
        2022,
        "Woningbouw; gecompenseerd in Florapark West.",
        "deel",
    ),
    (
        "T-02",
        "transformatie",
        "KAT-07",
        "Katwijkerweg",
        2.0,
        "gerealiseerd",
        2021,
        "Woningbouw; gecompenseerd in Klei-Oost Zuid.",
        "deel",
    ),
    (
        "T-03",
        "transformatie",
        "KAT-08",
        "Valkenburgseweg",
        1.8,
        "hard",
        2026,
        "Compensatie nog grotendeels niet gevonden.",
        "deel",
    ),
    (
        "T-04",
        "transformatie",
        "LEI-07",
        "Werninkterrein",
        3.5,
        "hard",
        2025,
        "Gecompenseerd in Florapark West (Katwijk).",
        "deel",
    ),
    (
        "T-05",
        "transformatie",
        "LEI-08",
        "Veilingterrein (deel)",
        0.9,
        "hard",
        2024,
        "Deel gecompenseerd in Florapark West (Katwijk).",
        "deel",
    ),
    (
        "T-06",
        "transformatie",
        "LEI-05",
        "Rooseveltstraat-Trekvliet",
        0.8,
        "gerealiseerd",
        2023,
        "Deel gecompenseerd in Florapark West (Katwijk).",
        "deel",
    ),
    ("T-07", "transformatie", "LEI-05", "Rooseveltstraat-West", 1.5, "zacht", 2027, "", "deel"),
    ("T-08", "transformatie", "LEI-04", "Lammenschans", 2.0, "zacht", 2028, "", "deel"),
    (
        "T-09",
        "transformatie",
        "LDP-02",
        "Lage Zijde",
        3.0,
        "hard",
        2025,
        "Gecompenseerd in Grote Polder (Zoeterwoude).",
        "deel",
    ),
    (
        "T-10",
        "transformatie",
        "LDP-01",
        "Baanderij",
        6.0,
        "zacht",
        2028,
        "Gebiedsvisie: woningen naast behoud van bedrijventerrein.",
        "deel",
    ),
    # a plan outside the approved list, so the checks have something to find
    (
        "T-11",
        "transformatie",
        "LEI-10",
        "Merenwijk",
        1.2,
        "idee",
        2029,
        "Verkenning; geen goedgekeurde transformatielocatie.",
        "deel",
    ),
    # compensations
    (
        "C-01",
        "compensatie",
        "KAT-09",
        "Florapark West",
        7.0,
        "hard",
        2025,
        "Bestuursovereenkomst Leiden-Katwijk.",
        "park",
    ),
    ("C-02", "compensatie", "KAT-03", "Klei-Oost Zuid (compensatiedeel)", 2.0, "gerealiseerd", 2022, "", "naast"),
    ("C-03", "compensatie", "ZTW-01", "Grote Polder Noord", 3.0, "hard", 2025, "", "naast"),
    ("C-04", "compensatie", "LEI-12", "Vlietzone (compensatiedeel)", 3.5, "zacht", 2028, "", "naast"),
    # expansion supply: about 39 ha hard, 31 ha soft (the four uncertain locations)
    ("U-01", "uitbreiding", "KAT-03", "Klei-Oost Zuid", 6.2, "hard", 2023, "", "park"),
    ("U-02", "uitbreiding", "ZTW-01", "Grote Polder Oost", 9.0, "hard", 2024, "", "naast"),
    ("U-03", "uitbreiding", "ZTW-02", "Heineken-terrein uitbreiding", 5.0, "hard", 2026, "", "naast"),
    ("U-04", "uitbreiding", "VOS-01", "Dobbewijk uitbreiding", 3.0, "gerealiseerd", 2021, "", "naast"),
    ("U-05", "uitbreiding", "OEG-02", "De Geesten uitbreiding", 4.5, "hard", 2025, "", "naast"),
    ("U-06", "uitbreiding", "KAT-01", "'t Heen uitbreiding", 5.0, "hard", 2024, "", "naast"),
    ("U-07", "uitbreiding", "LEI-01", "Bio Science Park uitbreiding", 6.0, "hard", 2026, "", "naast"),
    ("U-08", "uitbreiding", "LDP-03", "Ikea-locatie A4", 7.0, "zacht", 2027, "Onzeker aanbod.", "park"),
    ("U-09", "uitbreiding", "LEI-12", "Vlietzone", 8.0, "zacht", 2028, "Onzeker aanbod.", "park"),
    ("U-10", "uitbreiding", "KAT-10", "Werkpark Valkenburg", 12.0, "zacht", 2029, "Onzeker aanbod.", "park"),
    (
        "U-11",
        "uitbreiding",
        "ZTW-03",
        "Potgrondlocatie",
        4.0,
        "zacht",
        2027,
        "Onzeker aanbod; ligging in de voorbeelddata aangenomen.",
        "park",
    ),
    # intensification (hectare-equivalent space gain)
    ("I-01", "intensivering", "KAT-01", "'t Heen kanszone", 2.0, "zacht", 2027, "Hoger bouwen binnen 12 m.", None),
    ("I-02", "intensivering", "LEI-02", "De Waard kanszone", 1.5, "zacht", 2028, "", None),
    ("I-03", "intensivering", "ZTW-01", "Grote Polder kanszone", 1.0, "hard", 2025, "", None),
    # issuance: moves land from uitgeefbaar to uitgegeven, does not change the stock
    ("G-01", "uitgifte", "KAT-03", "Klei-Oost Zuid kavel 1", 2.0, "gerealiseerd", 2024, "", None),
)

_KOPPELINGEN: tuple[tuple[str, str, float], ...] = (
    ("T-04", "C-01", 3.5),
    ("T-05", "C-01", 0.9),
    ("T-06", "C-01", 0.8),
    ("T-01", "C-01", 1.5),
    ("T-03", "C-01", 0.3),
    ("T-02", "C-02", 2.0),
    ("T-09", "C-03", 3.0),
    ("T-07", "C-04", 1.5),
    ("T-08", "C-04", 2.0),
)

# Kanszones of the Challenge Toekomstbestendige Bedrijventerreinen: parks from DOMAIN.md,
# shapes, measures and potentials are sample values (no source gives them).
_KANSZONES: tuple[tuple, ...] = (
    ("KZ-01", "LEI-02", "De Waard kanszone", "Collectief parkeren, hoger bouwen", 18_000.0, 1.5),
    ("KZ-02", "KAT-01", "'t Heen kanszone", "Hoger bouwen tot 12 m", 24_000.0, 2.0),
    ("KZ-03", "LDP-01", "Baanderij kanszone", "Gestapelde bedrijfsruimte", 9_000.0, 0.75),
    ("KZ-04", "ZTW-01", "Grote Polder kanszone", "Kavelsplitsing, parkeren op dak", 12_000.0, 1.0),
)


def _park_polygon(p: _Park, rng: random.Random) -> Polygon:
    """An irregular, rotated quadrilateral-with-cut-corner of exactly ``bruto_ha``."""
    ratio = rng.uniform(1.1, 1.8)
    w, h = math.sqrt(ratio), 1 / math.sqrt(ratio)
    cut = rng.uniform(0.1, 0.3)
    shape = Polygon(
        [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2 - cut * h), (w / 2 - cut * w, h / 2), (-w / 2, h / 2)]
    )
    shape = affinity.rotate(shape, rng.uniform(-35, 35), origin=(0, 0))
    s = math.sqrt(p.bruto_ha * schema.M2_PER_HA / shape.area)
    return affinity.translate(affinity.scale(shape, s, s, origin=(0, 0)), p.x, p.y)


def _cut_part(poly: Polygon, area_m2: float) -> Polygon:
    """The part of ``poly`` west of a vertical line, placed so its area is ``area_m2``."""
    if area_m2 >= poly.area:
        return poly
    x0, y0, x1, y1 = poly.bounds
    lo, hi = x0, x1
    for _ in range(50):
        mid = (lo + hi) / 2
        if poly.intersection(box(x0 - 1, y0 - 1, mid, y1 + 1)).area < area_m2:
            lo = mid
        else:
            hi = mid
    return poly.intersection(box(x0 - 1, y0 - 1, hi, y1 + 1))


def _strip_beside(poly: Polygon, area_m2: float, obstakels: list[Polygon]) -> Polygon:
    """A rectangle of ``area_m2`` beside ``poly`` (tries south, east, north, west) free of ``obstakels``."""
    x0, y0, x1, y1 = poly.bounds
    breed = max(x1 - x0, 150.0)
    hoog = max(y1 - y0, 150.0)
    kandidaten = [
        box(x0, y0 - 10 - area_m2 / breed, x1, y0 - 10),
        box(x1 + 10, y0, x1 + 10 + area_m2 / hoog, y1),
        box(x0, y1 + 10, x1, y1 + 10 + area_m2 / breed),
        box(x0 - 10 - area_m2 / hoog, y0, x0 - 10, y1),
    ]
    for k in kandidaten:
        if not any(k.intersects(o) for o in obstakels):
            return k
    return kandidaten[0]


def _place_parks(rng: random.Random) -> list[Polygon]:
    """Polygons for ``_PARKEN``; a park that would overlap an earlier one moves away from it."""
    geplaatst: list[Polygon] = []
    for p in _PARKEN:
        poly = _park_polygon(p, rng)
        for _ in range(200):
            botsing = next((g for g in geplaatst if g.buffer(25).intersects(poly)), None)
            if botsing is None:
                break
            dx, dy = poly.centroid.x - botsing.centroid.x, poly.centroid.y - botsing.centroid.y
            n = math.hypot(dx, dy) or 1.0
            poly = affinity.translate(poly, 40 * dx / n, 40 * dy / n)
        geplaatst.append(poly)
    return geplaatst


def generate_voorbeeld(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The sample data of the 071 region as conformed frames: terreinen, mutaties, koppelingen, kanszones.

    Deterministic for a given ``seed``. All values are sample data (``bron`` = :data:`BRON`).
    """
    rng = random.Random(seed)
    polys = _place_parks(rng)
    parken = {p.terrein_id: (p, g) for p, g in zip(_PARKEN, polys, strict=True)}

    rows = []
    for p, g in zip(_PARKEN, polys, strict=True):
        netto = round(p.bruto_ha * (0.78 if p.bruto_ha >= 5 else 0.85), 1)
        uitgeefbaar = p.uitgeefbaar_terstond_ha + p.uitgeefbaar_niet_terstond_ha
        rows.append(
            {
                "terrein_id": p.terrein_id,
                "naam": p.naam,
                "gemeente": p.gemeente,
                "bruto_ha": round(g.area / schema.M2_PER_HA, 1),
                "netto_ha": netto,
                "uitgegeven_ha": 0.0 if p.koers == "nieuw" else round(netto - uitgeefbaar, 1),
                "uitgeefbaar_terstond_ha": p.uitgeefbaar_terstond_ha,
                "uitgeefbaar_niet_terstond_ha": p.uitgeefbaar_niet_terstond_ha,
                "typologie": p.typologie,
                "milieucategorie_max": p.milieucategorie_max,
                "koers": p.koers,
                "bron": BRON,
                "geometry": g,
            }
        )
    terreinen = gpd.GeoDataFrame(rows, crs=schema.CRS_RD)

    obstakels = list(polys)
    mrows = []
    for mid, soort, tid, naam, ha, status, jaar, toel, regel in _MUTATIES:
        p, g = parken[tid]
        if regel == "deel":
            geom = _cut_part(g, min(ha * 1.15 * schema.M2_PER_HA, g.area))
        elif regel == "park":
            geom = g
        elif regel == "naast":
            geom = _strip_beside(g, ha * 1.2 * schema.M2_PER_HA, obstakels)
            obstakels.append(geom)
        else:
            geom = None
        mrows.append(
            {
                "mutatie_id": mid,
                "soort": soort,
                "terrein_id": tid,
                "gemeente": p.gemeente,
                "naam": naam,
                "ha": ha,
                "planstatus": status,
                "jaar": jaar,
                "toelichting": toel,
                "bron": BRON,
                "versie": 1,
                "gewijzigd_op": "2026-11-01T00:00:00",
                "gewijzigd_door": "voorbeelddata",
                "geometry": geom,
            }
        )
    mutaties = gpd.GeoDataFrame(mrows, crs=schema.CRS_RD)

    koppelingen = pd.DataFrame(_KOPPELINGEN, columns=["transformatie_id", "compensatie_id", "ha"])

    krows = []
    for kid, tid, naam, maatregel, m2, ha in _KANSZONES:
        _, g = parken[tid]
        zone = affinity.scale(g, 0.45, 0.45, origin=g.centroid)
        zone = affinity.translate(zone, (g.bounds[2] - g.bounds[0]) * 0.12, 0)
        krows.append(
            {
                "kanszone_id": kid,
                "terrein_id": tid,
                "naam": naam,
                "maatregel": maatregel,
                "potentie_m2_bvo": m2,
                "potentie_ha": ha,
                "status": "verkenning",
                "toelichting": "Voorbeelddata: geen bron geeft de voorstellen of potenties van de kanszones.",
                "geometry": zone.intersection(g),
            }
        )
    kanszones = gpd.GeoDataFrame(krows, crs=schema.CRS_RD)

    return {
        "terreinen": schema.conform(terreinen, "terreinen"),
        "mutaties": schema.conform(mutaties, "mutaties"),
        "koppelingen": schema.conform(koppelingen, "koppelingen"),
        "kanszones": schema.conform(kanszones, "kanszones"),
        "panden": generate_panden(schema.conform(terreinen, "terreinen")),
    }


def generate_synthetisch(n_terreinen: int, n_mutaties: int | None = None, seed: int = 1) -> dict[str, pd.DataFrame]:
    """A large synthetic data set for benchmarks: ``n_terreinen`` parks on a grid over a
    province-sized area, spread over ``n_terreinen // 20 + 1`` municipalities, plus
    ``n_mutaties`` mutaties (default ``n_terreinen // 2``) with koppelingen. Sample data."""
    rng = np.random.default_rng(seed)
    n_mutaties = n_terreinen // 2 if n_mutaties is None else n_mutaties
    kant = math.ceil(math.sqrt(n_terreinen))
    i = np.arange(n_terreinen)
    cx = 60_000 + (i % kant) * 1_500.0
    cy = 420_000 + (i // kant) * 1_500.0
    bruto = rng.uniform(1.0, 80.0, n_terreinen)
    half = np.sqrt(bruto * schema.M2_PER_HA) / 2
    geoms = shapely.box(cx - half, cy - half, cx + half, cy + half)
    gemeente = np.array([f"Gemeente {g:03d}" for g in (i // 20)])
    koersen = np.array(schema.codes(schema.KOERSEN)[:4])[rng.integers(0, 4, n_terreinen)]
    terreinen = gpd.GeoDataFrame(
        {
            "terrein_id": [f"T{k:05d}" for k in i],
            "naam": [f"Terrein {k}" for k in i],
            "gemeente": gemeente,
            "bruto_ha": bruto.round(2),
            "netto_ha": (bruto * 0.8).round(2),
            "uitgegeven_ha": (bruto * 0.75).round(2),
            "uitgeefbaar_terstond_ha": (bruto * 0.03).round(2),
            "uitgeefbaar_niet_terstond_ha": (bruto * 0.02).round(2),
            "typologie": "gemengd",
            "milieucategorie_max": rng.integers(2, 6, n_terreinen),
            "koers": koersen,
            "bron": BRON,
        },
        geometry=geoms,
        crs=schema.CRS_RD,
    )

    j = np.arange(n_mutaties)
    park = rng.integers(0, n_terreinen, n_mutaties)
    soorten = np.array(["transformatie", "compensatie", "uitbreiding", "intensivering"])[j % 4]
    mutaties = gpd.GeoDataFrame(
        {
            "mutatie_id": [f"M{k:05d}" for k in j],
            "soort": soorten,
            "terrein_id": terreinen["terrein_id"].to_numpy()[park],
            "gemeente": gemeente[park],
            "naam": [f"Mutatie {k}" for k in j],
            "ha": np.minimum(rng.uniform(0.2, 5.0, n_mutaties), bruto[park] * 0.5).round(2),
            "planstatus": np.array(schema.codes(schema.PLANSTATUS))[rng.integers(0, 4, n_mutaties)],
            "jaar": rng.integers(2020, 2031, n_mutaties),
            "bron": BRON,
            "versie": 1,
        },
        geometry=shapely.buffer(shapely.points(cx[park], cy[park]), 60.0),
        crs=schema.CRS_RD,
    )
    trans = mutaties.loc[mutaties["soort"] == "transformatie", "mutatie_id"].to_numpy()
    comp = mutaties.loc[mutaties["soort"] == "compensatie", "mutatie_id"].to_numpy()
    n = min(len(trans), len(comp))
    koppelingen = pd.DataFrame(
        {"transformatie_id": trans[:n], "compensatie_id": comp[:n], "ha": rng.uniform(0.1, 2.0, n).round(2)}
    )
    return {
        "terreinen": schema.conform(terreinen, "terreinen"),
        "mutaties": schema.conform(mutaties, "mutaties"),
        "koppelingen": schema.conform(koppelingen, "koppelingen"),
        "kanszones": schema.empty("kanszones"),
    }


def write_voorbeeld(lagen: dict[str, pd.DataFrame], map_: str | Path = VOORBEELD_MAP) -> None:
    """Write sample layers as text files (GeoJSON in EPSG:28992 with cm precision, CSV)."""
    basis = Path(map_)
    basis.mkdir(parents=True, exist_ok=True)
    for laag, naam in VOORBEELD_BESTANDEN.items():
        pad = basis / naam
        df = lagen[laag]
        if pad.suffix == ".csv":
            df.to_csv(pad, index=False, lineterminator="\n")
        else:
            pad.unlink(missing_ok=True)
            pyogrio.write_dataframe(
                df, pad, driver="GeoJSON", layer_options={"COORDINATE_PRECISION": 2, "WRITE_NAME": "NO"}
            )


if __name__ == "__main__":
    write_voorbeeld(generate_voorbeeld())
    print(f"Voorbeelddata geschreven naar {VOORBEELD_MAP}")
