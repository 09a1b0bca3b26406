"""Deterministic synthetic building footprints (panden) in the shape of a BAG extract.

Real users import a BAG extract (``identificatie``, footprint, ``bouwjaar``, ``status``,
``gebruiksdoel``) through the Data page; BAG has no floor count, so ``bouwlagen`` and
``hoogte`` are partly missing there too. This module makes **sample data** of the same
shape for the sample parks (``data/voorbeeld/panden.geojson``) and for large synthetic
sets (benchmarks), fully vectorised:

* every park is cut into a regular grid of plots (``kavel_m`` metres, rotated with the
  park's long side); a plot whose centre lies inside the park gets one rectangular
  building unless it is left empty;
* the park's coverage (footprint ÷ netto area) is drawn between 20 % and 60 %; no pand is
  higher than the park's ``max_bouwhoogte_m`` where the zoning plan sets one;
* one end of each park is an *old quarter* (built 1955–1989, lower coverage, more
  empty plots), the rest is built 1985–2023; the uitgeefbare share of the park stays
  empty, so real gaps exist for the kanszone candidates to find;
* about half of the panden carry ``bouwlagen``, a quarter only ``hoogte``, a quarter
  neither (then the density computation uses the default floor count);
* planned parks (koers ``nieuw``) get no panden.

Rebuild the shipped file for the shipped parks (``data/voorbeeld/terreinen.geojson``) with
``python -m bedrijventerreinen.panden``; ``python -m bedrijventerreinen.voorbeeld`` rebuilds
all sample files, the panden included. This module imports no other sample module, so
:mod:`bedrijventerreinen.voorbeeld` can build on it.
"""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from . import schema

SEED = 71
#: Plot size of the sample parks in metres.
KAVEL_M = 45.0
#: BAG municipality codes (the first four digits of a BAG identificatie).
GEMEENTECODES: dict[str, str] = {
    "Leiden": "0546",
    "Katwijk": "0537",
    "Leiderdorp": "0547",
    "Oegstgeest": "0579",
    "Voorschoten": "0626",
    "Zoeterwoude": "0638",
}
GEBRUIKSDOELEN = ("industriefunctie", "kantoorfunctie", "winkelfunctie", "overige gebruiksfunctie")
BESTAND = Path(__file__).resolve().parent.parent / "data" / "voorbeeld" / "panden.geojson"
#: The shipped sample parks the shipped panden are made for.
TERREINEN_BESTAND = BESTAND.with_name("terreinen.geojson")


def _kavels(terreinen: gpd.GeoDataFrame, kavel_m: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Plot centres of every park on a grid aligned with the park's minimum rotated rectangle.

    Returns (park index, x, y, angle in radians) per plot whose centre lies inside its park.
    """
    geoms = terreinen.geometry.to_numpy()
    rect = shapely.oriented_envelope(geoms)
    coords = shapely.get_coordinates(rect).reshape(len(geoms), 5, 2)[:, :4]
    zijde1 = coords[:, 1] - coords[:, 0]
    zijde2 = coords[:, 3] - coords[:, 0]
    l1, l2 = np.hypot(*zijde1.T), np.hypot(*zijde2.T)
    hoek = np.arctan2(zijde1[:, 1], zijde1[:, 0])
    n1 = np.maximum(1, np.floor(l1 / kavel_m)).astype(np.int64)
    n2 = np.maximum(1, np.floor(l2 / kavel_m)).astype(np.int64)
    aantal = n1 * n2
    park = np.repeat(np.arange(len(geoms)), aantal)
    start = np.repeat(np.cumsum(aantal) - aantal, aantal)
    k = np.arange(aantal.sum()) - start
    i, j = k % n1[park], k // n1[park]
    # spread the plots evenly over each side (the grid fits the rectangle exactly)
    f1 = (i + 0.5) / n1[park]
    f2 = (j + 0.5) / n2[park]
    x = coords[park, 0, 0] + f1 * zijde1[park, 0] + f2 * zijde2[park, 0]
    y = coords[park, 0, 1] + f1 * zijde1[park, 1] + f2 * zijde2[park, 1]
    binnen = shapely.contains_xy(geoms[park], x, y)
    return park[binnen], x[binnen], y[binnen], hoek[park[binnen]], f1[binnen]


def generate_panden(
    terreinen: gpd.GeoDataFrame,
    seed: int = SEED,
    kavel_m: float | None = None,
    aantal: int | None = None,
) -> gpd.GeoDataFrame:
    """Synthetic BAG-shaped panden for ``terreinen`` (sample data), conformed to the schema.

    Deterministic for a given ``seed``. ``kavel_m`` is the plot size (default
    :data:`KAVEL_M`); with ``aantal`` the plot size is chosen so that roughly that many
    plots exist (for benchmarks, e.g. 250,000 panden over 4,000 parks). Columns:
    identificatie (16 digits, BAG form), bouwjaar, status, gebruiksdoel, bouwlagen
    (partly missing), hoogte (partly missing), terrein_id (the park the pand was made
    for; not a BAG field) and the footprint polygon in EPSG:28992.
    """
    rng = np.random.default_rng(seed)
    t = terreinen[terreinen["koers"].ne("nieuw").fillna(True).to_numpy()].reset_index(drop=True)
    t = t[t.geometry.notna().to_numpy() & ~t.geometry.is_empty.to_numpy()].reset_index(drop=True)
    if t.empty:
        return schema.conform(gpd.GeoDataFrame({"identificatie": []}, geometry=[], crs=schema.CRS_RD), "panden")
    t = t.to_crs(schema.CRS_RD)
    if aantal:
        kavel_m = math.sqrt(float(t.geometry.area.sum()) / aantal) * 0.9  # about 20 % of plots stay empty
    kavel_m = kavel_m or KAVEL_M

    n_park = len(t)
    bruto = t.geometry.area.to_numpy()
    netto = pd.to_numeric(t["netto_ha"], errors="coerce").to_numpy(dtype=float) * schema.M2_PER_HA
    netto = np.where(np.isfinite(netto) & (netto > 0), np.minimum(netto, bruto), bruto * 0.8)
    vrij = _uitgeefbaar_ha(t) * schema.M2_PER_HA
    leeg_park = np.clip(vrij / netto, 0.06, 0.7)
    dekking = rng.uniform(0.2, 0.6, n_park)  # footprint ÷ netto area per park
    oud_deel = rng.uniform(0.15, 0.45, n_park)  # share of the park's length that is the old quarter
    omgekeerd = rng.random(n_park) < 0.5

    park, x, y, hoek, f = _kavels(t, kavel_m)
    n = len(park)
    pos = np.where(omgekeerd[park], 1 - f, f)
    oud = pos < oud_deel[park]
    # the uitgeefbare share stays empty: a contiguous strip at the far end plus scattered plots
    leeg = (pos > 1 - leeg_park[park] * 0.7) | (rng.random(n) < leeg_park[park] * 0.3) | (oud & (rng.random(n) < 0.25))
    # building size: the park's coverage spread over the built plots (old quarter lower)
    bebouwd_aandeel = np.bincount(park, weights=~leeg, minlength=n_park) / np.maximum(
        np.bincount(park, minlength=n_park), 1
    )
    plot_m2 = kavel_m * kavel_m
    doel = 1.2 * dekking * netto / np.maximum(bruto * np.maximum(bebouwd_aandeel, 0.05), 1.0)  # share of a built plot
    factor = np.where(oud, 0.55, 1.15) * rng.uniform(0.8, 1.2, n)
    oppervlak = np.clip(doel[park] * factor, 0.08, 0.7) * plot_m2
    verhouding = rng.uniform(0.6, 1.6, n)
    b = np.sqrt(oppervlak * verhouding)
    h = oppervlak / b
    # rectangle corners, rotated with the park, around the plot centre (jittered a little)
    speling = (kavel_m - np.maximum(b, h)) / 2 * 0.6
    cx = x + rng.uniform(-1, 1, n) * np.maximum(speling, 0)
    cy = y + rng.uniform(-1, 1, n) * np.maximum(speling, 0)
    c, s = np.cos(hoek), np.sin(hoek)
    hoeken = np.array([(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)], dtype=float)
    dx = hoeken[None, :, 0] * (b / 2)[:, None]
    dy = hoeken[None, :, 1] * (h / 2)[:, None]
    px = np.round(cx[:, None] + dx * c[:, None] - dy * s[:, None], 2)
    py = np.round(cy[:, None] + dx * s[:, None] + dy * c[:, None], 2)
    geoms = shapely.polygons(np.stack([px, py], axis=-1))

    houd = ~leeg
    park, geoms, oud = park[houd], geoms[houd], oud[houd]
    m = len(park)
    bouwjaar = np.where(oud, rng.integers(1955, 1990, m), rng.integers(1985, 2024, m))
    lagen = rng.choice([1, 1, 2, 2, 2, 3, 4], m)
    soort = rng.random(m)
    laaghoogte = rng.uniform(3.2, 4.5, m)
    # where the zoning plan caps the height, no pand exceeds it
    max_hoogte = (
        pd.to_numeric(t["max_bouwhoogte_m"], errors="coerce").fillna(np.inf).to_numpy(dtype=float)
        if "max_bouwhoogte_m" in t.columns
        else np.full(n_park, np.inf)
    )
    lagen = np.maximum(1, np.minimum(lagen, np.floor(max_hoogte[park] / laaghoogte))).astype(np.int64)
    bouwlagen = pd.array(np.where(soort < 0.5, lagen, 0), dtype="Int64")
    bouwlagen[soort >= 0.5] = pd.NA
    hoogte = pd.array(np.round(np.minimum(lagen * laaghoogte, max_hoogte[park]), 1), dtype="Float64")
    hoogte[(soort < 0.5) | (soort >= 0.75)] = pd.NA
    gemeente = t["gemeente"].to_numpy()[park]
    codes = pd.Series(gemeente).map(GEMEENTECODES).fillna("0000").to_numpy()
    volgnummer = np.arange(1, m + 1) + seed * 1_000_000
    identificatie = pd.Series(codes, dtype="string") + "10" + pd.Series(volgnummer).astype(str).str.zfill(10)
    gdf = gpd.GeoDataFrame(
        {
            "identificatie": identificatie.to_numpy(),
            "bouwjaar": bouwjaar,
            "status": np.where(rng.random(m) < 0.97, "Pand in gebruik", "Pand buiten gebruik"),
            "gebruiksdoel": np.array(GEBRUIKSDOELEN)[rng.choice(4, m, p=[0.6, 0.25, 0.05, 0.1])],
            "bouwlagen": bouwlagen,
            "hoogte": hoogte,
            "terrein_id": t["terrein_id"].to_numpy()[park],
        },
        geometry=geoms,
        crs=schema.CRS_RD,
    )
    return schema.conform(gdf, "panden")


def _uitgeefbaar_ha(t: pd.DataFrame) -> np.ndarray:
    """Per park the uitgeefbaar hectares: ``uitgeefbaar_ha`` (the IBIS total) where known, else
    terstond + niet terstond; 0 where nothing is known."""
    delen = pd.to_numeric(t["uitgeefbaar_terstond_ha"], errors="coerce").fillna(0.0) + pd.to_numeric(
        t["uitgeefbaar_niet_terstond_ha"], errors="coerce"
    ).fillna(0.0)
    totaal = pd.to_numeric(t["uitgeefbaar_ha"], errors="coerce") if "uitgeefbaar_ha" in t.columns else delen
    return totaal.fillna(delen).fillna(0.0).to_numpy(dtype=float)


def write_panden(panden: gpd.GeoDataFrame, pad: str | Path = BESTAND) -> None:
    """Write panden as GeoJSON in EPSG:28992 with cm precision (like the other sample files)."""
    p = Path(pad)
    p.unlink(missing_ok=True)
    pyogrio.write_dataframe(panden, p, driver="GeoJSON", layer_options={"COORDINATE_PRECISION": 2, "WRITE_NAME": "NO"})


def rebuild_voorbeeldpanden(terreinen_pad: str | Path = TERREINEN_BESTAND, pad: str | Path = BESTAND) -> int:
    """Make the panden of the shipped sample parks (``terreinen_pad``, EPSG:28992) again and write
    them to ``pad``; returns how many. The same panden as
    :func:`bedrijventerreinen.voorbeeld.generate_voorbeeld` makes while the shipped parks are current."""
    terreinen = pyogrio.read_dataframe(terreinen_pad)
    terreinen = terreinen.set_crs(schema.CRS_RD) if terreinen.crs is None else terreinen
    panden = generate_panden(schema.conform(terreinen, "terreinen"))
    write_panden(panden, pad)
    return len(panden)


if __name__ == "__main__":
    print(f"{rebuild_voorbeeldpanden()} panden geschreven naar {BESTAND}")
