"""Candidate kanszones (C13): a grid over every park, cells that are laag benut or verouderd,
joined into connected zones of at least the minimum size and ranked by potential. Vectorised:
no Python loop per pand or per cell."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import schema
from ..definities import naar_rd
from .dichtheid import compute_bouwlagen, overlay_panden, repair_geoms, with_geometry
from .parameters import KanszoneParameters
from .potentie import compute_potentie, format_pct_reeks, zonder_contour

__all__ = ["KANDIDAAT_KOLOMMEN", "Raster", "build_raster", "find_kandidaten"]

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
    binnen = _share_inside(vormen[park], x0, y0, c)
    return Raster(c, park, ix, iy, x0, y0, binnen, sleutel, nx, start, b[:, :2])


def _share_inside(vormen: np.ndarray, x0: np.ndarray, y0: np.ndarray, c: float) -> np.ndarray:
    """Per cell (lower-left corner ``x0``, ``y0``, side ``c``) the share inside its park's shape
    in ``vormen``: 1 when all four corners are inside, else a 4 × 4 sample of points."""
    hoeken = np.zeros(len(vormen), dtype=np.int8)
    for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1)):
        hoeken += shapely.contains_xy(vormen, x0 + dx * c, y0 + dy * c)
    binnen = (hoeken == 4).astype(float)
    rand = np.flatnonzero(hoeken < 4)
    if len(rand):
        stap = (np.arange(_MONSTERS) + 0.5) / _MONSTERS * c
        mx, my = np.meshgrid(stap, stap)
        px = (x0[rand, None] + mx.ravel()[None, :]).ravel()
        py = (y0[rand, None] + my.ravel()[None, :]).ravel()
        raak = shapely.contains_xy(np.repeat(vormen[rand], _MONSTERS * _MONSTERS), px, py)
        binnen[rand] = raak.reshape(len(rand), -1).mean(axis=1)
    return binnen


def _spread_over_cellen(raster: Raster, park: np.ndarray, grenzen: np.ndarray, waarden: np.ndarray) -> np.ndarray:
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


def _label_componenten(sleutel: np.ndarray, ix: np.ndarray, nx: np.ndarray, totaal: int) -> np.ndarray:
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


def _build_zonevormen(raster: Raster, sel: np.ndarray, label: np.ndarray, aantal: int) -> np.ndarray:
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


@dataclass(frozen=True)
class _Cellen:
    """Per grid cell: netto area, footprint, bvo and old bvo, and which cells are chosen."""

    netto: np.ndarray
    bebouwd: np.ndarray
    bvo: np.ndarray
    bvo_oud: np.ndarray
    kies: np.ndarray


def _measure_cellen(
    raster: Raster, parken: np.ndarray, verhouding: np.ndarray, panden: gpd.GeoDataFrame, par: KanszoneParameters
) -> _Cellen:
    """The panden's parts inside each park (:func:`overlay_panden`) spread over the cells by
    bounding-box overlap; a cell is chosen when it is laag benut or verouderd and its park has panden."""
    p_rd = naar_rd(panden)
    park, p, opp, delen = overlay_panden(parken, p_rd.geometry.to_numpy(), met_delen=True)
    lagen, _ = compute_bouwlagen(p_rd, par)
    jaar = pd.to_numeric(p_rd["bouwjaar"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    vloer = opp * lagen[p]
    waarden = np.stack([opp, vloer, vloer * (jaar[p] < par.oud_voor_jaar)], axis=1)
    sommen = _spread_over_cellen(raster, park, shapely.bounds(delen), waarden)
    met_panden = np.bincount(park, minlength=len(parken)) > 0
    c = raster.celgrootte_m
    celnetto = raster.binnen * c * c * verhouding[raster.park]
    bebouwd, bvo, bvo_oud = sommen[:, 0], sommen[:, 1], sommen[:, 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        graad = np.where(celnetto > 0, bebouwd / celnetto, np.inf)
        aandeel_oud = np.where(bvo > 0, bvo_oud / bvo, 0.0)
    kies = (
        (raster.binnen > 0)
        & met_panden[raster.park]
        & ((graad < par.drempel_bebouwingsgraad) | ((aandeel_oud >= par.drempel_oud) & (bebouwd > 0)))
    )
    return _Cellen(celnetto, bebouwd, bvo, bvo_oud, kies)


def _join_zones(
    raster: Raster, cellen: _Cellen, minimum_m2: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Neighbouring chosen cells of a park as zones, those estimated large enough kept:
    (cells sorted by zone, zone label per cell, park per zone, zone polygon from the cells)."""
    sel = np.flatnonzero(cellen.kies)
    label = _label_componenten(raster.sleutel[sel], raster.ix[sel], raster.nx[raster.park[sel]], len(raster.sleutel))
    # zones first by their estimated size (cheap), the survivors get a polygon
    c = raster.celgrootte_m
    geschat = np.bincount(label, weights=raster.binnen[sel] * c * c, minlength=len(sel))
    groot = geschat[label] >= 0.8 * minimum_m2
    sel, label = sel[groot], label[groot]
    if not len(sel):
        return sel, label, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    zone, label = np.unique(label, return_inverse=True)
    volgorde = np.argsort(label, kind="stable")
    sel, label = sel[volgorde], label[volgorde]
    zpark = np.zeros(len(zone), dtype=np.int64)
    zpark[label] = raster.park[sel]
    return sel, label, zpark, _build_zonevormen(raster, sel, label, len(zone))


def _describe_redenen(z: pd.DataFrame, par: KanszoneParameters) -> pd.Series:
    """Why each zone was found, in Dutch ("lage bebouwingsgraad (12 %)"; "64 % van het bvo gebouwd vóór 1990")."""
    laag_z = (z["bebouwingsgraad"].fillna(0.0) < par.drempel_bebouwingsgraad).to_numpy()
    oud_z = (z["aandeel_oud"].fillna(0.0) >= par.drempel_oud).to_numpy()
    onbebouwd = (z["bebouwd_m2"] <= 1.0).to_numpy()
    graad_tekst = format_pct_reeks(z["bebouwingsgraad"])
    oud_tekst = format_pct_reeks(z["aandeel_oud"])
    reden_laag = pd.Series(
        np.where(onbebouwd, "onbebouwd", np.where(laag_z, "lage bebouwingsgraad (" + graad_tekst + ")", ""))
    )
    reden_oud = pd.Series(
        np.where(oud_z & ~onbebouwd, oud_tekst + f" van het bvo gebouwd vóór {par.oud_voor_jaar}", "")
    )
    redenen = reden_laag.str.cat(reden_oud, sep="; ").str.strip("; ")
    return redenen.where(redenen.ne(""), "deels laag benut, deels verouderd")


def _mark_overlap(uit: gpd.GeoDataFrame, kanszones: gpd.GeoDataFrame | None) -> None:
    """Set ``overlapt_kanszone`` where a candidate touches an existing kanszone."""
    if kanszones is None or not len(kanszones):
        return
    kz = repair_geoms(naar_rd(kanszones).geometry.to_numpy())
    kz = kz[~shapely.is_missing(kz)]
    if len(kz):
        i, _ = shapely.STRtree(kz).query(uit.geometry.to_numpy(), predicate="intersects")
        uit.loc[np.unique(i), "overlapt_kanszone"] = True


def _kandidaat_parken(terreinen: gpd.GeoDataFrame, par: KanszoneParameters) -> gpd.GeoDataFrame:
    """The parks candidates are sought on: koers not in ``koersen_zonder_potentie``, with a contour."""
    t = with_geometry(terreinen)
    t = t[~t["koers"].isin(par.koersen_zonder_potentie).fillna(False).to_numpy()]
    return t[~zonder_contour(t)].reset_index(drop=True)


def _measure_zones(
    zpark: np.ndarray, vorm: np.ndarray, sel: np.ndarray, label: np.ndarray, cellen: _Cellen, verhouding: np.ndarray
) -> pd.DataFrame:
    """Per zone: its area (``oppervlak_m2``, of its polygon), netto area (× the park's
    netto/bruto ratio) and the sums of footprint, bvo and old bvo over its cells."""
    oppervlak = shapely.area(vorm)
    som = lambda x: np.bincount(label, weights=x[sel], minlength=len(zpark))  # noqa: E731
    return pd.DataFrame(
        {
            "oppervlak_m2": oppervlak,
            "netto_m2": oppervlak * verhouding[zpark],
            "bebouwd_m2": som(cellen.bebouwd),
            "bvo_m2": som(cellen.bvo),
            "bvo_oud_m2": som(cellen.bvo_oud),
        }
    )


def _build_kandidaten(
    t: gpd.GeoDataFrame, z: pd.DataFrame, vorm: np.ndarray, zpark: np.ndarray, par: KanszoneParameters
) -> gpd.GeoDataFrame:
    """The candidates as a GeoDataFrame (without id and ranking) from the zone figures ``z``."""
    return gpd.GeoDataFrame(
        {
            "terrein_id": t["terrein_id"].to_numpy()[zpark],
            "terrein": t["naam"].to_numpy()[zpark],
            "gemeente": t["gemeente"].to_numpy()[zpark],
            "oppervlak_ha": z["oppervlak_m2"].to_numpy() / schema.M2_PER_HA,
            "bebouwingsgraad": z["bebouwingsgraad"].to_numpy(),
            "aandeel_oud": z["aandeel_oud"].to_numpy(),
            "potentie_m2_bvo": z["potentie_m2_bvo"].to_numpy(),
            "potentie_ha": z["potentie_ha"].to_numpy(),
            "redenen": _describe_redenen(z, par).to_numpy(),
            "overlapt_kanszone": False,
        },
        geometry=vorm,
        crs=schema.CRS_RD,
    )


def find_kandidaten(
    terreinen: gpd.GeoDataFrame,
    panden: gpd.GeoDataFrame,
    parameters: KanszoneParameters,
    regionale_fsi: float,
    kanszones: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Candidate kanszones: connected zones of grid cells inside parks that are laag benut
    or verouderd, at least ``minimum_kandidaat_ha`` large, ranked by potential.

    Parks with a koers in ``koersen_zonder_potentie``, without a contour or without any pand
    (the whole park would look unbuilt) are skipped. A grid of ``rastercel_m`` cells is laid
    over every park (:func:`build_raster`); the parts of the panden inside each park
    (:func:`~bedrijventerreinen.kanszones.dichtheid.overlay_panden`) spread their footprint,
    bvo and old bvo over the cells by bounding-box overlap. Cell netto area = inside share ×
    cell area × the park's netto/bruto ratio. A cell is *laag benut* below
    ``drempel_bebouwingsgraad``, *verouderd* when at least ``drempel_oud`` of its bvo is old.
    Neighbouring chosen cells of a park form a zone; its polygon is the union of its cells
    clipped to the contour, its figures sums over its cells, its potential
    :func:`~bedrijventerreinen.kanszones.potentie.compute_potentie` with the park's typologie
    and zoning limits. ``redenen`` says in Dutch why, ``overlapt_kanszone`` whether it touches
    a kanszone. Columns :data:`KANDIDAAT_KOLOMMEN` + geometry, best first (K-001 has the
    largest potential).
    """
    leeg = gpd.GeoDataFrame({k: [] for k in KANDIDAAT_KOLOMMEN}, geometry=[], crs=schema.CRS_RD)
    t = _kandidaat_parken(terreinen, parameters)
    if t.empty or not len(panden):  # without panden no footprint is known anywhere
        return leeg
    parken = repair_geoms(t.geometry.to_numpy())
    raster = build_raster(parken, parameters.rastercel_m)
    bruto = shapely.area(parken)
    netto = pd.to_numeric(t["netto_ha"], errors="coerce").to_numpy(dtype=float) * schema.M2_PER_HA
    verhouding = np.clip(np.where(np.isfinite(netto) & (netto > 0), netto / np.maximum(bruto, 1.0), 1.0), 0.0, 1.0)
    cellen = _measure_cellen(raster, parken, verhouding, panden, parameters)
    if not cellen.kies.any():
        return leeg
    minimum = parameters.minimum_kandidaat_ha * schema.M2_PER_HA
    sel, label, zpark, vorm = _join_zones(raster, cellen, minimum)
    if not len(sel):
        return leeg
    vorm = shapely.intersection(vorm, parken[zpark])
    z = _measure_zones(zpark, vorm, sel, label, cellen, verhouding)
    houd = (z["oppervlak_m2"] >= minimum - 1e-6).to_numpy()
    z, vorm, zpark = z[houd].reset_index(drop=True), vorm[houd], zpark[houd]
    if z.empty:
        return leeg
    z["bebouwingsgraad"] = z["bebouwd_m2"] / z["netto_m2"].where(z["netto_m2"] > 0)
    z["aandeel_oud"] = z["bvo_oud_m2"] / z["bvo_m2"].where(z["bvo_m2"] > 0)
    grens = {k: t[k].to_numpy()[zpark] if k in t.columns else None for k in ("max_bebouwingsgraad", "max_bouwhoogte_m")}
    z = compute_potentie(
        z, t["typologie"].to_numpy()[zpark], parameters, regionale_fsi,
        grens["max_bebouwingsgraad"], grens["max_bouwhoogte_m"],
    )  # fmt: skip
    uit = _build_kandidaten(t, z, vorm, zpark, parameters)
    _mark_overlap(uit, kanszones)
    uit = uit.sort_values(["potentie_m2_bvo", "oppervlak_ha"], ascending=False, kind="stable").reset_index(drop=True)
    uit.insert(0, "kandidaat_id", [f"K-{i + 1:03d}" for i in range(len(uit))])
    return uit[[*KANDIDAAT_KOLOMMEN, "geometry"]]
