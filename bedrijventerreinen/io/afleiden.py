"""Declared columns of a stock table that the file does not have but that can be derived:
gemeente names from CBS codes, a terrein-id from the RIN number or name, the split of
uitgeefbaar, bruto from the contour, koers from the IBIS Planfase. Every derivation is said."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import ibis, schema, validatie
from ..validatie import Controle, Melding
from .kolommen import norm_kolom

#: Koers of a park derived from its IBIS Planfase when the file has no koers column.
PLANFASE_KOERS: dict[str, str] = {"hard": "behouden", "gerealiseerd": "behouden", "zacht": "nieuw", "idee": "nieuw"}
#: Koers of every park when neither koers nor Planfase is given.
STANDAARD_KOERS = "behouden"


def afleiden(df: pd.DataFrame, laag: str, naam: str, controle: Controle) -> list[str]:
    """Fill (in place) declared columns the file does not have but that can be derived, and say so.

    Returns the derived columns that stand for the file's own figures (an import writes them
    over the store's values, unlike columns that are merely filled in).
    """
    afgeleid: list[str] = []
    if laag == "terreinen":
        if "gemeente" in df.columns:
            _vertaal_gemeentecodes(df, controle)
        if "terrein_id" not in df.columns and ("rin_nummer" in df.columns or "naam" in df.columns):
            _add_terrein_id(df)
        if "uitgeefbaar_ha" in df.columns:
            afgeleid += _split_uitgeefbaar(df, controle)
        if "bruto_ha" not in df.columns and isinstance(df, gpd.GeoDataFrame):
            df["bruto_ha"] = (shapely.area(np.asarray(df.geometry.array)) / schema.M2_PER_HA).round(2)
            controle.add(
                "Kolom bruto_ha ontbreekt; bruto is berekend uit de oppervlakte van de contour.", veld="bruto_ha"
            )
        if "koers" not in df.columns:
            _add_koers(df, controle)
    if "bron" in schema.kolomnamen(laag) and "bron" not in df.columns:
        df["bron"] = f"Import {naam} ({dt.date.today().strftime('%d-%m-%Y')})"
    return afgeleid


def _vertaal_gemeentecodes(df: pd.DataFrame, controle: Controle) -> None:
    """CBS gemeentecodes (GM…) in the gemeente column as names, in place (reported)."""
    namen, notities = ibis.vertaal_gemeentecodes(df["gemeente"])
    if not namen.equals(df["gemeente"].astype("string")):
        controle.add("CBS-gemeentecodes (GM…) zijn vertaald naar gemeentenamen.", veld="gemeente")
    df["gemeente"] = namen
    for pos, tekst in notities:
        controle.meldingen.append(Melding(tekst, False, pos + controle.rij_verschuiving, "gemeente"))


def _add_terrein_id(df: pd.DataFrame) -> None:
    """A terrein-id (in place) from the RIN number, else from the name.

    A register table names parks by RIN number and name; the import matches them to the
    store's parks (:func:`ibis.match_terreinen`) and only new parks keep this id."""
    rin = validatie.normalize_ids(df["rin_nummer"]) if "rin_nummer" in df.columns else None
    eigen = ("RIN-" + rin) if rin is not None else None
    slug = "NIEUW-" + df["naam"].astype("string").map(ibis.naam_sleutel).str.upper().str[:24]
    df["terrein_id"] = slug if eigen is None else eigen.fillna(slug)


def _split_uitgeefbaar(df: pd.DataFrame, controle: Controle) -> list[str]:
    """Where the file gives only the uitgeefbaar total: the split parts empty and uitgegeven as
    netto − uitgeefbaar (in place). Returns the columns derived."""
    afgeleid: list[str] = []
    for deel in ("uitgeefbaar_terstond_ha", "uitgeefbaar_niet_terstond_ha"):
        if deel not in df.columns:  # the total replaces a split the file does not give
            df[deel] = np.nan
            afgeleid.append(deel)
    if "uitgegeven_ha" not in df.columns and "netto_ha" in df.columns:
        netto = validatie.parse_getallen(df["netto_ha"])
        df["uitgegeven_ha"] = (netto - validatie.parse_getallen(df["uitgeefbaar_ha"])).clip(lower=0)
        afgeleid.append("uitgegeven_ha")
        controle.add("uitgegeven_ha = netto − uitgeefbaar (het bestand geeft alleen het totaal).", veld="uitgegeven_ha")
    return afgeleid


def _add_koers(df: pd.DataFrame, controle: Controle) -> None:
    """A koers (in place) from the IBIS Planfase (:data:`PLANFASE_KOERS`), else
    :data:`STANDAARD_KOERS` for every park; both reported."""
    planfase = next((c for c in df.columns if norm_kolom(c) == "planfase"), None)
    if planfase is None:
        df["koers"] = STANDAARD_KOERS
        controle.add(
            f"Kolom koers ontbreekt; alle terreinen hebben koers '{STANDAARD_KOERS}' gekregen. "
            "Pas de koers per terrein aan waar de strategie iets anders zegt.",
            veld="koers",
        )
        return
    status = df[planfase].astype("string").str.strip().str.lower().map(validatie.WAARDE_ALIASSEN["planstatus"])
    df["koers"] = status.map(PLANFASE_KOERS).fillna(STANDAARD_KOERS).astype("string")
    controle.add(
        "Kolom koers ontbreekt; afgeleid uit Planfase (onherroepelijk/vastgesteld → behouden, "
        "ontwerp/structuurvisie/onderzoekslocatie → nieuw). Controleer de koers per terrein.",
        veld="koers",
    )
