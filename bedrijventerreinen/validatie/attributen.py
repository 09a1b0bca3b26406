"""Checks of the declared attribute columns of an imported layer: numbers, categories,
gemeenten, hectares, names, keys. Rules as data: :data:`WAARDE_ALIASSEN`,
:data:`CATEGORIEEN`, :data:`SLEUTELS`, :data:`HA_KOLOMMEN`, :data:`HA_GRENZEN`."""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import schema
from ..formatting import format_getal, format_ha
from ..strategy import normalize_naam
from .melding import Controle, kort, per_rij
from .waarden import getal_fouten, normalize_ids, parse_getallen

#: Hectare limits: above ``max_ha`` a value is impossible (probably m² instead of ha);
#: ``bruto_afwijking`` is the relative difference from the contour area that gives a
#: warning when it is also more than ``bruto_afwijking_ha``.
HA_GRENZEN = {"max_ha": 5_000.0, "bruto_afwijking": 0.25, "bruto_afwijking_ha": 0.5, "tolerantie_ha": 0.05}

#: Accepted spellings of category values, per target column (lower-case keys).
#: Planfase (IBIS) → planstatus: onherroepelijk/vastgesteld are hard; ontwerp,
#: structuurvisie and onderzoekslocatie are zacht (DOMAIN.md, this product's convention).
WAARDE_ALIASSEN: dict[str, dict[str, str]] = {
    "planstatus": {
        "onherroepelijk": "hard",
        "vastgesteld": "hard",
        "ontwerp": "zacht",
        "voorontwerp": "zacht",
        "structuurvisie": "zacht",
        "onderzoekslocatie": "zacht",
        "gerealiseerd": "gerealiseerd",
        "uitgevoerd": "gerealiseerd",
        "hard": "hard",
        "zacht": "zacht",
        "idee": "idee",
    },
    "soort": {c.code: c.code for c in schema.SOORTEN},
    "koers": {c.code: c.code for c in schema.KOERSEN},
}

#: Category columns and their allowed codes per layer (after :data:`WAARDE_ALIASSEN`).
CATEGORIEEN: dict[str, dict[str, list[str]]] = {
    "terreinen": {"koers": schema.codes(schema.KOERSEN)},
    "mutaties": {"soort": schema.codes(schema.SOORTEN), "planstatus": schema.codes(schema.PLANSTATUS)},
}

#: The key of each layer (one or more columns); duplicate keys block an import.
SLEUTELS: dict[str, tuple[str, ...]] = {
    "terreinen": ("terrein_id",),
    "mutaties": ("mutatie_id",),
    "koppelingen": ("transformatie_id", "compensatie_id"),
    "kanszones": ("kanszone_id",),
    "panden": ("identificatie",),
}

#: Hectare columns that may not be negative, per layer.
HA_KOLOMMEN: dict[str, tuple[str, ...]] = {
    "terreinen": (
        "bruto_ha",
        "netto_ha",
        "uitgegeven_ha",
        "uitgeefbaar_terstond_ha",
        "uitgeefbaar_niet_terstond_ha",
    ),
    "mutaties": ("ha",),
    "koppelingen": ("ha",),
    "kanszones": ("potentie_ha", "potentie_m2_bvo"),
    "panden": ("hoogte",),
}

#: Key columns: kept as text, whole numbers without '.0' (:func:`normalize_ids`).
ID_KOLOMMEN = frozenset(
    ("terrein_id", "mutatie_id", "kanszone_id", "identificatie", "transformatie_id", "compensatie_id")
)


def validate_attributen(
    df: pd.DataFrame,
    laag: str,
    controle: Controle,
    gemeenten: Sequence[str] | None = None,
    *,
    max_naam: int | None = None,
) -> pd.DataFrame:
    """Check and normalise the declared columns of ``laag`` (already mapped to declared names).

    Numbers are parsed Dutch-style; category values are matched without case and through
    :data:`WAARDE_ALIASSEN` (Planfase → planstatus); gemeente names are matched to the
    strategy's spelling. Blocking: empty required values, text in number columns, unknown
    category codes, negative or impossible hectares, netto larger than bruto, a name longer
    than ``max_naam`` characters (the register's limit, passed by the importer; not checked
    when None), duplicate keys. Warnings: gemeente outside the strategy, issued plus issuable
    more than netto, milieucategorie outside 1–6, bruto far from the contour's area.
    Returns the normalised copy of ``df``.
    """
    out = df.copy()
    kolommen = {k.naam: k for k in schema.LAGEN[laag]}
    for naam, k in kolommen.items():
        if naam in out.columns:
            out[naam] = _normalize_kolom(out[naam], k, controle)
            if k.verplicht:
                leeg = out[naam].isna().to_numpy()
                controle.add_rijen(leeg, f"Verplichte waarde {naam} is leeg.", True, naam)
    _normalize_categorieen(out, laag, controle)
    if "gemeente" in out.columns and gemeenten:
        _match_gemeenten(out, gemeenten, controle)
    _check_hectares(out, laag, controle)
    if "naam" in out.columns and max_naam is not None:
        _check_naamlengte(out, max_naam, controle)
    if laag == "terreinen":
        _check_terreinen(out, controle)
    _check_bereiken(out, controle)
    _check_dubbele_sleutels(out, laag, controle)
    return out


def _normalize_kolom(ruw: pd.Series, k: schema.Kolom, controle: Controle) -> pd.Series:
    """One declared column normalised: numbers parsed (text that is none blocks), keys as
    text, other text trimmed with empty as NA. Returns the new column."""
    if k.dtype in ("float64", "Int64"):
        return _parse_getal_kolom(ruw, k.naam, k.dtype == "Int64", controle)
    if k.naam in ID_KOLOMMEN:
        return normalize_ids(ruw)
    return ruw.astype("string").str.strip().replace("", pd.NA)


def _parse_getal_kolom(ruw: pd.Series, naam: str, heel: bool, controle: Controle) -> pd.Series:
    """A number column parsed by the Dutch rule; values that are no number block with the
    reason. With ``heel`` (Int64) fractions and impossibly large numbers block too. Returns
    float64, or Int64 with ``heel``."""
    getal = parse_getallen(ruw)
    getal = getal.where(np.isfinite(getal))
    tekst = ruw.astype("string").str.strip()
    reden = getal_fouten(ruw)
    fout = (getal.isna() & tekst.notna() & tekst.ne("")).fillna(False)
    controle.add_rijen(
        fout.to_numpy(),
        per_rij(
            lambda t, r: f"Kolom {naam}: {r}" if r else f"'{kort(t)}' in kolom {naam} is geen getal.", tekst, reden
        ),
        True,
        naam,
    )
    if not heel:
        return getal
    # a year or category is a whole number: 2025.5 is not silently 2026
    gebroken = (getal.notna() & getal.ne(getal.round())).fillna(False)
    controle.add_rijen(
        gebroken.to_numpy(), per_rij(lambda t: f"'{kort(t)}' in kolom {naam} is geen heel getal.", tekst), True, naam
    )
    te_groot = (getal.abs() > 2**53).fillna(False)
    controle.add_rijen(
        te_groot.to_numpy(), per_rij(lambda t: f"'{kort(t)}' in kolom {naam} is onmogelijk groot.", tekst), True, naam
    )
    return getal.where(~te_groot).round().astype("Int64")


def _normalize_categorieen(out: pd.DataFrame, laag: str, controle: Controle) -> None:
    """Category values (in place) to their codes through :data:`WAARDE_ALIASSEN`; an unknown value blocks."""
    for naam, toegestaan in CATEGORIEEN.get(laag, {}).items():
        if naam not in out.columns:
            continue
        waarde = out[naam].str.lower()
        genormaliseerd = waarde.map(WAARDE_ALIASSEN.get(naam, {})).astype("string")
        onbekend = waarde.notna() & genormaliseerd.isna()
        controle.add_rijen(
            onbekend.to_numpy(),
            per_rij(
                lambda v, n=naam, t=toegestaan: f"Onbekende {n} '{kort(v)}'; toegestaan: {', '.join(t)}.", out[naam]
            ),
            True,
            naam,
        )
        out[naam] = genormaliseerd.where(~onbekend, out[naam])


def _match_gemeenten(out: pd.DataFrame, gemeenten: Sequence[str], controle: Controle) -> None:
    """Gemeente names (in place) in the strategy's spelling; a gemeente outside it is a warning."""
    sleutel = {normalize_naam(g): g for g in gemeenten}
    uniek = {g: sleutel.get(normalize_naam(g)) for g in out["gemeente"].dropna().unique()}
    genorm = out["gemeente"].map(uniek)
    out["gemeente"] = genorm.astype("string").fillna(out["gemeente"])
    buiten = out["gemeente"].notna() & genorm.isna()
    controle.add_rijen(
        buiten.to_numpy(),
        per_rij(
            lambda g: f"Gemeente '{kort(g)}' hoort niet bij de regio van de strategie; de rij telt apart mee.",
            out["gemeente"],
        ),
        False,
        "gemeente",
    )


def _check_hectares(out: pd.DataFrame, laag: str, controle: Controle) -> None:
    """Negative values of :data:`HA_KOLOMMEN` block, as do hectares above ``max_ha`` (m² instead of ha?)."""
    for naam in HA_KOLOMMEN.get(laag, ()):
        if naam not in out.columns:
            continue
        v = out[naam].astype("float64")
        negatief = (v < 0).fillna(False).to_numpy()
        controle.add_rijen(negatief, f"{naam} is negatief; dat kan niet.", True, naam)
        if naam.endswith("_ha") or naam == "ha":
            groot = (v > HA_GRENZEN["max_ha"]).fillna(False).to_numpy()
            controle.add_rijen(
                groot,
                per_rij(
                    lambda x, n=naam: f"{n} = {format_ha(x)} is onmogelijk groot; staan er m² in plaats van ha?", v
                ),
                True,
                naam,
            )


def _check_naamlengte(out: pd.DataFrame, max_naam: int, controle: Controle) -> None:
    """A name longer than ``max_naam`` characters blocks."""
    lang = out["naam"].astype("string").str.len().gt(max_naam).fillna(False)
    controle.add_rijen(
        lang.to_numpy(),
        per_rij(
            lambda t: f"De naam '{kort(t)}' is {format_getal(len(str(t)), 0)} tekens; hoogstens {max_naam} mag.",
            out["naam"],
        ),
        True,
        "naam",
    )


def _check_bereiken(out: pd.DataFrame, controle: Controle) -> None:
    """Warnings for a milieucategorie outside 1–6 and a year outside 1900–2100."""
    if "milieucategorie_max" in out.columns:
        mc = out["milieucategorie_max"]
        fout = (mc.notna() & ~mc.between(1, 6)).fillna(False).to_numpy()
        controle.add_rijen(fout, "Milieucategorie moet tussen 1 en 6 liggen.", False, "milieucategorie_max")
    if "jaar" in out.columns:
        fout = (out["jaar"].notna() & ~out["jaar"].between(1900, 2100)).fillna(False).to_numpy()
        controle.add_rijen(fout, "Jaar ligt niet tussen 1900 en 2100.", False, "jaar")


def _check_dubbele_sleutels(out: pd.DataFrame, laag: str, controle: Controle) -> None:
    """Rows whose key (:data:`SLEUTELS`) occurs more than once block."""
    sleutel = [c for c in SLEUTELS[laag] if c in out.columns]
    if len(sleutel) != len(SLEUTELS[laag]):
        return
    dubbel = out.duplicated(subset=sleutel, keep=False) & out[sleutel].notna().all(axis=1)
    if not dubbel.any():
        return
    tekst = out[sleutel[0]].astype("string")
    for k in sleutel[1:]:
        tekst = tekst + " → " + out[k].astype("string")
    aantal = tekst.map(tekst[dubbel].value_counts()).fillna(0).astype(int)
    controle.add_rijen(
        dubbel.to_numpy(),
        per_rij(lambda t, a: f"{'/'.join(sleutel)} '{kort(t)}' komt {a} keer voor.", tekst, aantal),
        True,
        sleutel[0],
    )


def _check_terreinen(out: pd.DataFrame, controle: Controle) -> None:
    """Netto larger than bruto blocks; issued plus issuable more than netto is a warning."""
    tol = HA_GRENZEN["tolerantie_ha"]
    bruto, netto = out["bruto_ha"], out["netto_ha"]
    te_groot = (netto > bruto + tol).fillna(False).to_numpy()
    controle.add_rijen(
        te_groot,
        per_rij(lambda n, b: f"Netto {format_ha(n)} is groter dan bruto {format_ha(b)}; dat kan niet.", netto, bruto),
        True,
        "netto_ha",
    )
    delen = [
        c for c in ("uitgegeven_ha", "uitgeefbaar_terstond_ha", "uitgeefbaar_niet_terstond_ha") if c in out.columns
    ]
    if delen:
        som = out[delen].astype("float64").fillna(0).sum(axis=1)
        meer = (som > netto + tol).fillna(False).to_numpy()
        controle.add_rijen(
            meer,
            per_rij(
                lambda s, n: f"Uitgegeven plus uitgeefbaar ({format_ha(s)}) is meer dan netto ({format_ha(n)}).",
                som,
                netto,
            ),
            False,
            "netto_ha",
        )


def check_bruto_oppervlakte(gdf: gpd.GeoDataFrame, controle: Controle) -> None:
    """Warn where the stated bruto_ha differs much from the area of the contour (RD, ha)."""
    opp = pd.Series(shapely.area(np.asarray(gdf.geometry.array)), index=gdf.index) / schema.M2_PER_HA
    bruto = gdf["bruto_ha"].astype("float64")
    verschil = (bruto - opp).abs()
    afwijking = (
        (verschil > HA_GRENZEN["bruto_afwijking_ha"]) & (verschil > HA_GRENZEN["bruto_afwijking"] * opp) & opp.gt(0)
    ).fillna(False)
    controle.add_rijen(
        afwijking.to_numpy(),
        per_rij(
            lambda b, o: f"Bruto {format_ha(b)} wijkt sterk af van de oppervlakte van de contour ({format_ha(o)}).",
            bruto,
            opp,
        ),
        False,
        "bruto_ha",
    )
