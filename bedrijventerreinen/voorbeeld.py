"""Deterministic generator of the sample data of the 071 region (synthetic sets: voorbeeld_synthetisch).

The sample region is the real IBIS 2024 register of the six gemeenten (38 parks, CC-0; see
``data/voorbeeld/README.md``): every park carries its RIN number and the register's bruto,
netto and uitgeefbaar hectares, peiljaar 2024. Beside them stand the plans and transformation
sites the strategy names that IBIS does not hold (Vlietzone, Werninkterrein, Florapark West,
werkpark Valkenburg, potgrondlocatie). No real contours are available here: every contour is
a synthetic shape of exactly the park's bruto area, placed at the park's position in
``data/voorbeeld/posities.csv`` (with the public source of each position and how precise it
is) and marked ``ligging = 'benaderd'``. Mutaties, koppelingen, kanszones, koers, typologie,
milieucategorie and the hectares of the plans are **sample data**, not official figures:
``bron`` says so on every row, and the app shows "Voorbeelddata — geen officiële cijfers".

The data is designed for the counting rule of the balance: the IBIS 2024 stock already holds
every mutatie that is gerealiseerd in or before 2024 on a park with peiljaar 2024, so such a
mutatie lies inside (expansion) or beside (transformation, land that has left the contour)
its park's 2024 contour, and per park the mutaties never ask for more land than it has.

Rebuild the shipped files with ``python -m bedrijventerreinen.voorbeeld``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from shapely import affinity
from shapely.geometry import Polygon, box

from . import schema
from .bestanden import VOORBEELD_BESTANDEN, VOORBEELD_MAP
from .panden import generate_panden
from .voorbeeld_synthetisch import generate_synthetisch as generate_synthetisch  # re-exported for bench.py

SEED = 71
#: Peiljaar of the register figures of the sample (IBIS 2024).
PEILJAAR = 2024
#: Reference position of every sample park (WGS84) with its public source and precision.
POSITIES = VOORBEELD_MAP / "posities.csv"
#: How far (metres) a contour may be moved off its reference position to avoid a neighbour.
MAX_VERSCHUIVING_M = 800.0
#: Gap (metres) kept between two contours.
TUSSENRUIMTE_M = 20.0


@dataclass(frozen=True)
class _Park:
    """One sample park. ``rin_nummer`` None: not in IBIS (a plan or transformation site)."""

    terrein_id: str
    naam: str
    gemeente: str
    bruto_ha: float
    netto_ha: float
    uitgeefbaar_ha: float
    koers: str
    typologie: str
    milieucategorie_max: int
    rin_nummer: str | None = None
    max_bouwhoogte_m: float | None = None
    max_bebouwingsgraad: float | None = None
    #: fixed length ÷ width and rotation (degrees) of the synthetic shape, e.g. for a strip
    verhouding: float | None = None
    hoek: float | None = None


# IBIS 2024 (RIN, bruto, netto, uitgeefbaar = HA_TOTTUIT) for the 38 parks; names in readable
# spelling. Koers, typologie and milieucategorie are sample values. Zoning caps from DOMAIN.md:
# 't Heen 12 m; Klei-Oost Zuid 70 % and 12 m. The plans without RIN: hectares are sample values
# (Werninkterrein: 3,5 ha bedrijventerrein in the Leiden press release on the compensation).
# fmt: off
_PARKEN: tuple[_Park, ...] = (
    # Leiden (GM0546)
    _Park("LEI-01", "Bio Science Park / Leeuwenhoek", "Leiden", 100.8, 89.9, 3.2, "intensiveren", "hoogwaardig", 4, "170439"),
    _Park("LEI-02", "De Waard", "Leiden", 17.4, 15.0, 0.0, "intensiveren", "gemengd", 4, "170434"),
    _Park("LEI-03", "Roomburg", "Leiden", 18.3, 13.0, 0.0, "behouden", "gemengd", 3, "170489"),
    _Park("LEI-05", "Rooseveltstraat (Cronesteijn)", "Leiden", 18.9, 14.5, 0.0, "transformeren", "gemengd", 3, "171030"),
    _Park("LEI-06", "Trekvliet (Cronesteijn)", "Leiden", 4.3, 4.3, 0.0, "transformeren", "gemengd", 3, "171031"),
    _Park("LEI-07", "Werninkterrein", "Leiden", 3.5, 3.5, 0.0, "transformeren", "gemengd", 3, None, verhouding=4.6, hoek=-12.0),
    _Park("LEI-08", "Fruitbuurt (Cronesteijn)", "Leiden", 6.0, 4.7, 0.0, "transformeren", "gemengd", 3, "171028"),
    _Park("LEI-09", "De Hallen", "Leiden", 6.0, 4.7, 0.0, "behouden", "gemengd", 2, "170436"),
    _Park("LEI-10", "Merenwijk", "Leiden", 8.8, 6.0, 0.0, "behouden", "gemengd", 2, "170435"),
    _Park("LEI-12", "Vlietzone", "Leiden", 18.0, 15.0, 0.0, "nieuw", "gemengd", 3, None),
    _Park("LEI-13", "Westwal", "Leiden", 6.1, 3.0, 0.0, "behouden", "gemengd", 3, "170438"),
    _Park("LEI-14", "Lange Gracht", "Leiden", 2.1, 2.1, 0.0, "behouden", "gemengd", 2, "170562"),
    _Park("LEI-15", "Hoge Morsweg", "Leiden", 1.0, 1.0, 0.0, "behouden", "gemengd", 2, "170101"),
    # Katwijk (GM0537)
    _Park("KAT-01", "'t Heen", "Katwijk", 75.0, 59.0, 0.0, "intensiveren", "gemengd", 4, "170430", max_bouwhoogte_m=12.0),
    _Park("KAT-02", "Klei-Oost", "Katwijk", 12.5, 8.8, 0.0, "behouden", "gemengd", 4, "170903"),
    _Park("KAT-03", "Klei-Oost Zuid", "Katwijk", 10.0, 8.0, 3.15, "uitbreiden", "gemengd", 4, "171048",
          max_bouwhoogte_m=12.0, max_bebouwingsgraad=0.7),
    _Park("KAT-05", "Vinkenwegzone / De Claver", "Katwijk", 18.0, 9.0, 0.8, "behouden", "gemengd", 3, "171038"),
    _Park("KAT-06", "'t Ambacht", "Katwijk", 5.2, 2.2, 0.0, "transformeren", "gemengd", 3, "171035"),
    _Park("KAT-07", "Katwijkerweg", "Katwijk", 1.1, 1.1, 0.0, "transformeren", "gemengd", 2, "170622"),
    _Park("KAT-08", "Valkenburgseweg", "Katwijk", 7.75, 5.18, 0.0, "transformeren", "gemengd", 2, "170560"),
    _Park("KAT-09", "Florapark West", "Katwijk", 9.0, 7.0, 0.0, "nieuw", "gemengd", 3, None),
    _Park("KAT-10", "Werkpark Valkenburg", "Katwijk", 6.5, 5.0, 0.0, "nieuw", "hoogwaardig", 3, None),
    _Park("KAT-11", "Veiling Flora", "Katwijk", 50.0, 44.0, 0.0, "behouden", "gemengd", 4, "170646"),
    _Park("KAT-12", "Florapark I", "Katwijk", 13.5, 8.9, 0.6, "behouden", "gemengd", 3, "170833"),
    _Park("KAT-13", "Florapark II", "Katwijk", 6.6, 4.6, 0.0, "behouden", "gemengd", 3, "171047"),
    _Park("KAT-14", "Katwijkerbroek", "Katwijk", 10.7, 8.2, 0.0, "behouden", "gemengd", 3, "170809"),
    _Park("KAT-15", "Kamphuizerpolder (Rijnsburg)", "Katwijk", 6.5, 6.0, 0.0, "behouden", "gemengd", 3, "170609"),
    _Park("KAT-16", "Voorschoterweg", "Katwijk", 1.6, 1.6, 0.0, "behouden", "gemengd", 2, "170623"),
    _Park("KAT-17", "'t Boonrak", "Katwijk", 1.1, 1.1, 0.0, "behouden", "gemengd", 2, "170144"),
    # Leiderdorp (GM0547)
    _Park("LDP-01", "Baanderij", "Leiderdorp", 31.0, 21.2, 0.0, "intensiveren", "gemengd", 3, "170441"),
    _Park("LDP-02", "Lage Zijde", "Leiderdorp", 8.5, 6.0, 0.0, "transformeren", "gemengd", 3, "170440"),
    # The Ikea location of the strategy: IBIS 2024 holds it as Bospoort, all of it issued (to
    # IKEA) and unused; koers nieuw: it is still to become a working business park.
    _Park("LDP-03", "Bospoort (Ikea-locatie A4)", "Leiderdorp", 4.6, 4.0, 0.0, "nieuw", "gemengd", 4, "171068"),
    # Oegstgeest (GM0579); De Boeg is the former MEOB site, developed from 2017 on.
    _Park("OEG-01", "De Boeg (voormalig MEOB-terrein)", "Oegstgeest", 15.6, 12.6, 0.0, "behouden", "gemengd", 3, "170491"),
    _Park("OEG-02", "Leiden Bio Science Park locatie Oegstgeest", "Oegstgeest", 17.0, 10.6, 6.4, "uitbreiden",
          "hoogwaardig", 3, "170919"),
    _Park("OEG-03", "Rhijnhofweg", "Oegstgeest", 8.5, 8.5, 0.0, "behouden", "gemengd", 3, "170593"),
    _Park("OEG-04", "Kamphuizerpolder (Oegstgeest) Flora", "Oegstgeest", 8.5, 6.6, 0.0, "behouden", "gemengd", 3, "170490"),
    # Voorschoten (GM0626)
    _Park("VOS-01", "Dobbewijk", "Voorschoten", 17.0, 14.0, 0.7, "uitbreiden", "gemengd", 3, "170626"),
    _Park("VOS-02", "Rouwkooplaan", "Voorschoten", 5.4, 4.1, 0.0, "behouden", "gemengd", 3, "170467"),
    # Zoeterwoude (GM0638)
    _Park("ZTW-01", "Grote Polder", "Zoeterwoude", 60.3, 43.3, 0.0, "intensiveren", "gemengd", 4, "170636"),
    _Park("ZTW-02", "Heineken-terrein (Barre Polder)", "Zoeterwoude", 78.0, 48.0, 0.0, "uitbreiden", "zwaar", 5, "170149"),
    _Park("ZTW-03", "Potgrondlocatie", "Zoeterwoude", 8.0, 7.0, 0.0, "nieuw", "gemengd", 4, None),
    _Park("ZTW-05", "Rijneke Boulevard / Oosthoek", "Zoeterwoude", 9.8, 9.8, 0.0, "behouden", "gemengd", 3, "170637"),
    _Park("ZTW-06", "Keer Weer", "Zoeterwoude", 1.8, 1.8, 0.0, "behouden", "gemengd", 2, "170638"),
)
# fmt: on

# Mutaties: (id, soort, terrein_id, naam, ha, planstatus, jaar, locatie_id, toelichting, geometry rule)
# Geometry rule: "deel" = the western part of the park; "rest" = the park minus the mutaties
# drawn on it before; "park" = the whole park; "naast-<zijde>" = a new strip beside the park
# (zijde noord/oost/zuid/west is tried first): new land, or land a realised transformation took
# out of the 2024 contour; None = no geometry.
_MUTATIES: tuple[tuple, ...] = (
    # the ten approved transformation locations (locatie_id: data/strategie.toml)
    ("T-01", "transformatie", "KAT-06", "'t Ambacht", 1.5, "gerealiseerd", 2022, "katwijk-ambacht",
     "Woningbouw op de voormalige groenteveiling; gecompenseerd in Florapark West.", "naast-west"),
    ("T-02", "transformatie", "KAT-07", "Katwijkerweg", 0.8, "gerealiseerd", 2021, "katwijk-katwijkerweg",
     "Gecompenseerd in Klei-Oost Zuid.", "naast-zuid"),
    ("T-03", "transformatie", "KAT-08", "Valkenburgseweg", 1.8, "hard", 2026, "katwijk-valkenburgseweg",
     "Compensatie nog grotendeels niet gevonden.", "deel"),
    ("T-04", "transformatie", "LEI-07", "Werninkterrein", 3.5, "hard", 2025, "leiden-wernink",
     "Woningbouw; 3,5 ha gecompenseerd in Florapark West (Katwijk), bestuursovereenkomst 14 maart 2022.", "deel"),
    ("T-05", "transformatie", "LEI-08", "Veilingterrein (deel)", 0.9, "hard", 2024, "leiden-veilingterrein",
     "Deel gecompenseerd in Florapark West (Katwijk).", "deel"),
    ("T-06", "transformatie", "LEI-05", "Rooseveltstraat-Trekvliet", 0.8, "gerealiseerd", 2023,
     "leiden-rooseveltstraat-trekvliet", "Deel gecompenseerd in Florapark West (Katwijk).", "naast-oost"),
    ("T-07", "transformatie", "LEI-05", "Rooseveltstraat-West", 1.5, "zacht", 2027, "leiden-rooseveltstraat-west",
     "Werk-woongebied aan de westkant van het terrein.", "deel"),
    ("T-08", "transformatie", "LEI-06", "Lammenschans", 2.0, "zacht", 2028, "leiden-lammenschans",
     "Woningbouw in de Lammenschansdriehoek.", "deel"),
    ("T-09", "transformatie", "LDP-02", "Lage Zijde", 3.0, "hard", 2025, "leiderdorp-lage-zijde",
     "Gecompenseerd in Grote Polder (Zoeterwoude).", "deel"),
    ("T-10", "transformatie", "LDP-01", "Baanderij", 10.5, "zacht", 2028, "leiderdorp-baanderij",
     "Gebiedsvisie 2020: woon-werkgebied; 10,7 ha bedrijventerrein blijft (21,2 ha netto in IBIS 2024).", "deel"),
    # a plan outside the approved list, so the checks have something to find
    ("T-11", "transformatie", "LEI-10", "Merenwijk", 1.2, "idee", 2029, None,
     "Verkenning; geen goedgekeurde transformatielocatie.", "deel"),
    # compensations
    ("C-01", "compensatie", "KAT-09", "Florapark West", 7.0, "hard", 2027, None,
     "Bestuursovereenkomst Leiden-Katwijk (14 maart 2022).", "park"),
    ("C-02", "compensatie", "KAT-03", "Klei-Oost Zuid (compensatiedeel)", 0.8, "gerealiseerd", 2022, None, "", "rest"),
    ("C-03", "compensatie", "ZTW-01", "Grote Polder Noord", 3.0, "hard", 2025, None, "", "naast-noord"),
    ("C-04", "compensatie", "LEI-12", "Vlietzone (compensatiedeel)", 3.5, "zacht", 2028, None, "", "rest"),
    # new supply: hard beside existing parks; zacht on the strategy's uncertain locations
    ("U-01", "uitbreiding", "KAT-03", "Klei-Oost Zuid", 7.2, "gerealiseerd", 2021, None,
     "Aangelegd en in IBIS 2024 opgenomen; het uitgeefbare deel telt als aanbod.", "deel"),
    ("U-02", "uitbreiding", "ZTW-01", "Grote Polder Oost", 6.0, "hard", 2026, None, "", "naast-zuid"),
    ("U-03", "uitbreiding", "ZTW-02", "Heineken-terrein uitbreiding", 4.0, "hard", 2026, None, "", "naast-oost"),
    ("U-04", "uitbreiding", "VOS-01", "Dobbewijk westzijde", 3.0, "idee", 2028, None,
     "Voorstel voor een strook aan de westzijde; geen besluit.", "naast-west"),
    ("U-09", "uitbreiding", "LEI-12", "Vlietzone", 11.5, "zacht", 2028, None, "Onzeker aanbod (strategie).", "deel"),
    ("U-10", "uitbreiding", "KAT-10", "Werkpark Valkenburg", 5.0, "zacht", 2029, None,
     "Onzeker aanbod (strategie).", "park"),
    ("U-11", "uitbreiding", "ZTW-03", "Potgrondlocatie", 7.0, "zacht", 2027, None,
     "Onzeker aanbod (strategie); ligging in de voorbeelddata aangenomen.", "park"),
    ("U-12", "uitbreiding", "KAT-03", "Klei-Oost Zuid II", 3.0, "hard", 2027, None, "", "naast-oost"),
    # intensification (hectare-equivalent space gain); the kanszone proposals are ideas:
    # no source gives their potential
    ("I-01", "intensivering", "KAT-01", "'t Heen kanszone", 2.0, "idee", 2027, None, "Hoger bouwen binnen 12 m.", None),
    ("I-02", "intensivering", "LEI-02", "De Waard kanszone", 1.5, "idee", 2028, None, "", None),
    ("I-03", "intensivering", "ZTW-01", "Grote Polder kanszone", 1.0, "hard", 2025, None, "Parkeren op dak.", None),
    # issuance: moves land from uitgeefbaar to uitgegeven, does not change the stock
    ("G-01", "uitgifte", "KAT-03", "Klei-Oost Zuid kavel 1", 2.0, "gerealiseerd", 2024, None, "", None),
)  # fmt: skip

_KOPPELINGEN: tuple[tuple[str, str, float], ...] = (
    ("T-04", "C-01", 3.5),
    ("T-05", "C-01", 0.9),
    ("T-06", "C-01", 0.8),
    ("T-01", "C-01", 1.5),
    ("T-03", "C-01", 0.3),  # Valkenburgseweg stays 1,5 ha short
    ("T-02", "C-02", 0.8),
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

_ZIJDEN = ("noord", "oost", "zuid", "west")


def read_posities(pad: str | Path = POSITIES) -> pd.DataFrame:
    """The reference positions of the sample parks: terrein_id, naam, lat, lon (WGS84), bron,
    nauwkeurigheid, plus x and y in RD New (metres)."""
    df = pd.read_csv(pad, dtype={"terrein_id": "string", "naam": "string", "bron": "string"})
    rd = gpd.GeoSeries(gpd.points_from_xy(df["lon"], df["lat"]), crs=schema.CRS_WEB).to_crs(schema.CRS_RD)
    return df.assign(x=rd.x.to_numpy(), y=rd.y.to_numpy())


def _vorm(p: _Park, rng: random.Random) -> Polygon:
    """An irregular, rotated quadrilateral-with-cut-corner of exactly ``bruto_ha``, around (0, 0)."""
    ratio = rng.uniform(1.1, 1.8)
    cut = rng.uniform(0.1, 0.3)
    hoek = rng.uniform(-35, 35)
    ratio, hoek = p.verhouding or ratio, hoek if p.hoek is None else p.hoek
    w, h = math.sqrt(ratio), 1 / math.sqrt(ratio)
    if p.verhouding:
        cut = min(cut, 0.12)  # a strip keeps its width
    shape = Polygon(
        [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2 - cut * h), (w / 2 - cut * w, h / 2), (-w / 2, h / 2)]
    )
    shape = affinity.rotate(shape, hoek, origin=(0, 0))
    s = math.sqrt(p.bruto_ha * schema.M2_PER_HA / shape.area)
    return affinity.scale(shape, s, s, origin=(0, 0))


def _place_parks(rng: random.Random, posities: pd.DataFrame) -> dict[str, Polygon]:
    """Contours of ``_PARKEN`` at their reference positions, the largest first; a park that would
    touch one placed before moves away from it in small steps (never more than
    :data:`MAX_VERSCHUIVING_M`)."""
    pos = posities.set_index("terrein_id")
    vormen = {p.terrein_id: _vorm(p, rng) for p in _PARKEN}  # rng order: the declared order
    geplaatst: dict[str, Polygon] = {}
    for p in sorted(_PARKEN, key=lambda q: -q.bruto_ha):
        x0, y0 = float(pos.at[p.terrein_id, "x"]), float(pos.at[p.terrein_id, "y"])
        poly = affinity.translate(vormen[p.terrein_id], x0, y0)
        for _ in range(400):
            botsing = next((g for g in geplaatst.values() if g.distance(poly) < TUSSENRUIMTE_M), None)
            if botsing is None:
                break
            dx, dy = poly.centroid.x - botsing.centroid.x, poly.centroid.y - botsing.centroid.y
            n = math.hypot(dx, dy) or 1.0
            poly = affinity.translate(poly, 10 * dx / n, 10 * dy / n)
        c = poly.centroid
        verschuiving = math.hypot(c.x - x0, c.y - y0)
        if verschuiving > MAX_VERSCHUIVING_M or any(g.distance(poly) < TUSSENRUIMTE_M for g in geplaatst.values()):
            raise ValueError(f"{p.naam}: geen plek zonder overlap binnen {MAX_VERSCHUIVING_M:.0f} m van de referentie")
        geplaatst[p.terrein_id] = poly
    return geplaatst


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


def _strip_beside(poly: Polygon, area_m2: float, obstakels: list[Polygon], zijde: str = "zuid") -> Polygon:
    """A rectangle of ``area_m2`` beside ``poly``, on side ``zijde`` if it is free there, else on
    another side or further out; it never touches an ``obstakel`` (ValueError if impossible)."""
    x0, y0, x1, y1 = poly.bounds
    breed, hoog = max(x1 - x0, 150.0), max(y1 - y0, 150.0)
    volgorde = [zijde, *[z for z in _ZIJDEN if z != zijde]]
    for gat in (10.0, 40.0, 100.0, 200.0):
        for z in volgorde:
            kandidaat = {
                "zuid": box(x0, y0 - gat - area_m2 / breed, x0 + breed, y0 - gat),
                "oost": box(x1 + gat, y0, x1 + gat + area_m2 / hoog, y0 + hoog),
                "noord": box(x0, y1 + gat, x0 + breed, y1 + gat + area_m2 / breed),
                "west": box(x0 - gat - area_m2 / hoog, y0, x0 - gat, y0 + hoog),
            }[z]
            if not any(kandidaat.distance(o) < TUSSENRUIMTE_M / 2 for o in obstakels):
                return kandidaat
    raise ValueError("geen vrije strook naast het terrein")


def _terreinen(polys: dict[str, Polygon]) -> gpd.GeoDataFrame:
    """The parks as a frame: register figures, sample attributes and the synthetic contour."""
    rows = []
    for p in _PARKEN:
        ibis = p.rin_nummer is not None
        gepland = p.koers == "nieuw" and not ibis
        rows.append(
            {
                "terrein_id": p.terrein_id,
                "naam": p.naam,
                "gemeente": p.gemeente,
                "bruto_ha": p.bruto_ha,
                "netto_ha": p.netto_ha,
                "uitgegeven_ha": 0.0 if gepland else round(p.netto_ha - p.uitgeefbaar_ha, 2),
                "rin_nummer": p.rin_nummer,
                "peiljaar": PEILJAAR if ibis else None,
                "uitgeefbaar_ha": p.uitgeefbaar_ha,
                "werklocatietype": "bedrijventerrein" if ibis else None,
                "typologie": p.typologie,
                "milieucategorie_max": p.milieucategorie_max,
                "koers": p.koers,
                "max_bouwhoogte_m": p.max_bouwhoogte_m,
                "max_bebouwingsgraad": p.max_bebouwingsgraad,
                "ligging": "benaderd",
                "bron": schema.VOORBEELD_BRON,
                "geometry": polys[p.terrein_id],
            }
        )
    return gpd.GeoDataFrame(rows, crs=schema.CRS_RD)


def _mutaties(polys: dict[str, Polygon]) -> gpd.GeoDataFrame:
    """The mutaties with their geometry (see the rules above ``_MUTATIES``)."""
    gemeente = {p.terrein_id: p.gemeente for p in _PARKEN}
    obstakels = list(polys.values())
    geoms: dict[str, Polygon | None] = {}
    for mid, _, tid, _, ha, _, _, _, _, regel in _MUTATIES:
        park = polys[tid]
        if regel == "deel":
            geoms[mid] = _cut_part(park, min(ha * 1.15 * schema.M2_PER_HA, park.area))
        elif regel == "park":
            geoms[mid] = park
        elif regel is not None and regel.startswith("naast-"):
            geoms[mid] = _strip_beside(park, ha * 1.2 * schema.M2_PER_HA, obstakels, regel.removeprefix("naast-"))
            obstakels.append(geoms[mid])
        else:
            geoms[mid] = None
    # "rest": what the other mutaties leave of the park
    for mid, _, tid, _, _, _, _, _, _, regel in _MUTATIES:
        if regel == "rest":
            andere = [geoms[m[0]] for m in _MUTATIES if m[2] == tid and m[0] != mid and geoms[m[0]] is not None]
            geoms[mid] = polys[tid].difference(shapely.union_all(andere))
    # on the centimetre grid of the shipped files (this also drops slivers a difference may leave)
    geoms = {mid: None if g is None else shapely.set_precision(g, 0.01) for mid, g in geoms.items()}
    rows = []
    for mid, soort, tid, naam, ha, status, jaar, locatie, toel, _ in _MUTATIES:
        geom = geoms[mid]
        rows.append(
            {
                "mutatie_id": mid,
                "soort": soort,
                "terrein_id": tid,
                "gemeente": gemeente[tid],
                "naam": naam,
                "locatie_id": locatie,
                "ha": ha,
                "planstatus": status,
                "jaar": jaar,
                "toelichting": toel,
                "bron": schema.VOORBEELD_BRON,
                "versie": 1,
                "gewijzigd_op": "2026-11-01T00:00:00",
                "gewijzigd_door": "voorbeelddata",
                "geometry": geom,
            }
        )
    return gpd.GeoDataFrame(rows, crs=schema.CRS_RD)


def _kanszones(polys: dict[str, Polygon]) -> gpd.GeoDataFrame:
    """The four kanszones: a smaller copy of the park shifted east (away from any transformation)."""
    rows = []
    for kid, tid, naam, maatregel, m2, ha in _KANSZONES:
        g = polys[tid]
        zone = affinity.scale(g, 0.45, 0.45, origin=g.centroid)
        zone = affinity.translate(zone, (g.bounds[2] - g.bounds[0]) * 0.12, 0)
        rows.append(
            {
                "kanszone_id": kid,
                "terrein_id": tid,
                "naam": naam,
                "maatregel": maatregel,
                "potentie_m2_bvo": m2,
                "potentie_ha": ha,
                "status": "verkenning",
                "toelichting": "Voorbeelddata: geen bron geeft de voorstellen of potenties van de kanszones.",
                "geometry": shapely.set_precision(zone.intersection(g), 0.01),
            }
        )
    return gpd.GeoDataFrame(rows, crs=schema.CRS_RD)


def _voorraad(terreinen: pd.DataFrame) -> pd.DataFrame:
    """The register stock per peiljaar: one row per IBIS park, with the same figures as the park."""
    t = terreinen[terreinen["rin_nummer"].notna()]
    kolommen = ["terrein_id", "peiljaar", "rin_nummer", "naam", "gemeente", "bruto_ha", "netto_ha", "uitgeefbaar_ha"]
    return pd.DataFrame(t[kolommen]).assign(uitgegeven_ha=t["uitgegeven_ha"].to_numpy(), bron=schema.VOORBEELD_BRON)


def generate_voorbeeld(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The sample data of the 071 region as conformed frames: terreinen, mutaties, koppelingen,
    kanszones, voorraad and panden.

    Deterministic for a given ``seed`` (which only changes the shapes). Register figures are
    IBIS 2024; everything else is sample data (``bron`` = :data:`schema.VOORBEELD_BRON`).
    """
    polys = {
        tid: shapely.set_precision(g, 0.01) for tid, g in _place_parks(random.Random(seed), read_posities()).items()
    }
    terreinen = schema.conform(_terreinen(polys), "terreinen")
    koppelingen = pd.DataFrame(_KOPPELINGEN, columns=["transformatie_id", "compensatie_id", "ha"])
    return {
        "terreinen": terreinen,
        "mutaties": schema.conform(_mutaties(polys), "mutaties"),
        "koppelingen": schema.conform(koppelingen, "koppelingen"),
        "kanszones": schema.conform(_kanszones(polys), "kanszones"),
        "voorraad": schema.conform(_voorraad(terreinen), "voorraad"),
        "panden": generate_panden(terreinen),
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
