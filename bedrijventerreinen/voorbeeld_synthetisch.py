"""Large synthetic data sets for the benchmark (:func:`generate_synthetisch`): parks on a grid
over a province-sized area, with mutaties and koppelingen. Sample data, never the 071 region;
:mod:`bedrijventerreinen.voorbeeld` builds that (and re-exports :func:`generate_synthetisch`).
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import schema


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
            "bron": schema.VOORBEELD_BRON,
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
            "bron": schema.VOORBEELD_BRON,
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
