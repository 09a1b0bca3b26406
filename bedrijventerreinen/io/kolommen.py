"""Column mapping: the file's column names to the declared columns of a layer, through the
names other systems use (:data:`KOLOM_ALIASSEN`, :data:`KOLOM_SOMMEN`) and a user's own
mapping, which can be saved for next year's file (:func:`save_kolomkoppeling`)."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .. import schema, toegang, validatie
from ..bestanden import InvoerFout
from .uitpakken import veilige_naam

#: Saved column mappings (one JSON file per mapping).
KOPPELING_MAP = Path(__file__).resolve().parent.parent.parent / "data" / "kolomkoppelingen"

#: Alternative column names, per layer: declared column -> names as other systems write
#: them (compared without case, spaces and punctuation). IBIS names from DOMAIN.md.
KOLOM_ALIASSEN: dict[str, dict[str, tuple[str, ...]]] = {
    "terreinen": {
        "terrein_id": ("terreincode", "code", "id"),
        "rin_nummer": ("RIN_NUMMER", "RIN_Nummer", "RIN", "rinnummer"),
        "peiljaar": ("JAAR", "Jaar", "peildatum_jaar"),
        "naam": ("PLAN_NAAM", "Plannaam", "terreinnaam", "name"),
        "gemeente": ("Gemeente", "gemeentenaam", "gem_naam", "GEM_CODES", "GEM_CODE", "gemeentecode"),
        "kern": ("Kern", "KERN", "woonplaats"),
        "bruto_ha": ("HA_BRUTO", "Bruto", "bruto_oppervlakte", "bruto_opp_ha"),
        "netto_ha": ("HA_NETTO", "Netto_ha", "Netto", "netto_oppervlakte"),
        "uitgeefbaar_ha": ("HA_TOTTUIT", "Totaal_uitgeefbaar_ha", "Totaal_uitgeefbaar", "uitgeefbaar"),
        "uitgifte_ha": ("Uitgifte_huidig_jaar_ha", "Uitgifte_huidig_jaar", "HA_UITGIFTE"),
        "werklocatietype": ("WLOC_TYPE", "Werklocatietype", "WERKLOCATIETYPE"),
        "planfase": ("Planfase", "PLANFASE"),
        "uitgegeven_ha": ("uitgegeven",),
        "uitgeefbaar_terstond_ha": ("terstond_uitgeefbaar_ha", "terstond_uitgeefbaar"),
        "uitgeefbaar_niet_terstond_ha": ("niet_terstond_uitgeefbaar_ha", "niet_terstond_uitgeefbaar"),
        "typologie": ("type", "terreintype"),
        "milieucategorie_max": ("Max_milieucategorie", "milieucategorie", "max_milieucat", "MAX_MILIEUCAT"),
        "koers": ("strategie", "koers_strategie"),
        "bron": ("herkomst",),
    },
    "mutaties": {
        "mutatie_id": ("id", "code", "plan_id"),
        "soort": ("type", "mutatiesoort"),
        "terrein_id": ("RIN_Nummer", "terrein"),
        "gemeente": ("Gemeente", "gemeentenaam"),
        "naam": ("Plannaam", "locatie", "name"),
        "ha": ("hectare", "netto_ha", "oppervlakte_ha", "Oppervlakte_transformatie"),
        "planstatus": ("Planfase", "status", "fase"),
        "jaar": ("Jaar", "realisatiejaar", "year"),
        "toelichting": ("opmerking", "opmerkingen", "omschrijving"),
        "bron": ("herkomst",),
    },
    "koppelingen": {
        "transformatie_id": ("transformatie",),
        "compensatie_id": ("compensatie",),
        "ha": ("hectare", "toegewezen_ha"),
    },
    "kanszones": {
        "kanszone_id": ("id", "code"),
        "terrein_id": ("RIN_Nummer", "terrein"),
        "naam": ("name",),
        "potentie_m2_bvo": ("potentie_m2", "m2_bvo"),
    },
    "panden": {
        "identificatie": ("pand_id", "bag_id", "identificatiecode", "gml_id", "id"),
        "bouwjaar": ("oorspronkelijkbouwjaar", "oorspronkelijk_bouwjaar", "bouwjaar_pand"),
        "status": ("pandstatus",),
        "gebruiksdoel": ("gebruiksdoelen",),
        "bouwlagen": ("aantal_bouwlagen", "verdiepingen"),
        "hoogte": ("hoogte_m", "h_dak", "dakhoogte"),
    },
}

#: Declared columns that IBIS splits over several columns: the parts are added.
KOLOM_SOMMEN: dict[str, dict[str, tuple[str, ...]]] = {
    "terreinen": {
        "uitgeefbaar_terstond_ha": ("Terstond_uitgeefbaar_gemeente_ha", "Terstond_uitgeefbaar_particulier_ha"),
        "uitgeefbaar_niet_terstond_ha": (
            "Niet_terstond_uitgeefbaar_gemeente_ha",
            "Niet_terstond_uitgeefbaar_particulier_ha",
        ),
        "uitgegeven_ha": ("Totaal_uitgegeven_tm_vorig_jaar_ha", "Uitgifte_huidig_jaar_ha"),
    },
}


def norm_kolom(kolom: str) -> str:
    """A column name compared without case, spaces and punctuation ('HA_NETTO' → 'hanetto')."""
    return re.sub(r"[^a-z0-9]", "", str(kolom).lower())


def apply_kolomkoppeling(
    df: pd.DataFrame, laag: str, koppeling: dict[str, str] | None = None
) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
    """Rename the file's columns to the declared columns of ``laag``.

    Order of precedence: the user's ``koppeling`` (source -> declared), exact declared
    names, :data:`KOLOM_ALIASSEN`, then :data:`KOLOM_SOMMEN` (IBIS parts added up). Source
    columns used by a sum are dropped. Returns the frame, the mapping applied (source ->
    declared) and Dutch notes about it.
    """
    geom = [df.geometry.name] if isinstance(df, gpd.GeoDataFrame) else []
    per_norm = _per_norm(c for c in df.columns if c not in geom)
    eigen = {k: v for k, v in (koppeling or {}).items() if v and k in df.columns}
    toegepast = _koppel_kolommen(eigen, laag, per_norm)
    out = _drop_verdrongen(df, toegepast).rename(columns=toegepast)
    out, notities = _add_sommen(df, out, laag, per_norm, toegepast)
    vertaald = {b: d for b, d in toegepast.items() if b != d}
    if vertaald:
        notities.insert(0, "Kolommen gekoppeld: " + ", ".join(f"{b} → {d}" for b, d in vertaald.items()) + ".")
    return out, toegepast, notities


def _drop_verdrongen(df: pd.DataFrame, toegepast: dict[str, str]) -> pd.DataFrame:
    """``df`` without the columns named like a declared column that another source column is
    mapped to (and that are not mapped themselves), so the rename leaves no duplicate name."""
    return df.drop(columns=[c for c, d in toegepast.items() if c != d and d in df.columns and d not in toegepast])


def _per_norm(kolommen: Iterable[str]) -> dict[str, str]:
    """The first column per normalised name (:func:`norm_kolom`)."""
    per_norm: dict[str, str] = {}
    for c in kolommen:
        per_norm.setdefault(norm_kolom(c), c)
    return per_norm


def _koppel_kolommen(eigen: dict[str, str], laag: str, per_norm: dict[str, str]) -> dict[str, str]:
    """The mapping source -> declared column: the user's own choices first (one source per
    declared column), then per declared column its own name or the first alias the file has."""
    gedeclareerd = schema.kolomnamen(laag)
    toegepast: dict[str, str] = {}
    for b, d in eigen.items():
        if d in gedeclareerd and d not in toegepast.values():
            toegepast[b] = d
    for d in gedeclareerd:
        if d in toegepast.values():
            continue
        for kandidaat in (d, *KOLOM_ALIASSEN.get(laag, {}).get(d, ())):
            c = per_norm.get(norm_kolom(kandidaat))
            if c is not None and c not in toegepast:
                toegepast[c] = d
                break
    return toegepast


def _add_sommen(
    df: pd.DataFrame, out: pd.DataFrame, laag: str, per_norm: dict[str, str], toegepast: dict[str, str]
) -> tuple[pd.DataFrame, list[str]]:
    """Declared columns of :data:`KOLOM_SOMMEN` not mapped yet, as the sum of the parts the file
    has (``df``); the parts join ``toegepast``. Returns the frame and a note per sum."""
    notities: list[str] = []
    bezet = set(toegepast.values())
    for d, delen in KOLOM_SOMMEN.get(laag, {}).items():
        # a part may also be mapped to a column of its own (uitgifte huidig jaar → uitgifte_ha):
        # the sum reads the file's values, whatever else the part became
        gevonden = [per_norm[norm_kolom(p)] for p in delen if norm_kolom(p) in per_norm]
        if d in bezet or not gevonden:
            continue
        som = sum(validatie.parse_getallen(df[c]).fillna(0.0) for c in gevonden)
        alle_leeg = pd.concat([df[c].isna() for c in gevonden], axis=1).all(axis=1)
        out[d] = som.mask(alle_leeg)
        out = out.drop(columns=[c for c in gevonden if c in out.columns and c not in toegepast])
        notities.append(f"{d} = som van {' + '.join(gevonden)}.")
        for c in gevonden:
            toegepast.setdefault(c, d)
        bezet.add(d)
    return out, notities


# -- saved column mappings -----------------------------------------------------------------


def _slug(naam: str) -> str:
    """``naam`` as part of a file name: lower-case letters, digits and '-' only."""
    tekst = re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-")[:60]
    return tekst or "koppeling"


def save_kolomkoppeling(
    naam: str,
    laag: str,
    koppeling: dict[str, str],
    map_: str | Path | None = None,
    *,
    gebruiker: toegang.Gebruiker | None,
) -> Path:
    """Save a column mapping under ``naam`` (a label, not a path) for next year's file.

    The file name is derived from the label (letters, digits and '-' only) inside
    ``map_`` (default ``data/kolomkoppelingen/``); returns the file. Part of importing:
    ``gebruiker`` needs the right to import (:class:`~bedrijventerreinen.toegang.GeenToegang`).
    """
    toegang.vereis(gebruiker, toegang.Recht.IMPORTEREN)
    if laag not in schema.LAGEN:
        raise InvoerFout(f"Onbekende laag '{veilige_naam(laag)}'.")
    label = " ".join(str(naam).split())[:80]
    if not label:
        raise InvoerFout("Geef de kolomkoppeling een naam.")
    basis = Path(map_) if map_ is not None else KOPPELING_MAP
    basis.mkdir(parents=True, exist_ok=True)
    pad = basis / f"{laag}-{_slug(label)}.json"
    inhoud = {"naam": label, "laag": laag, "koppeling": {str(k): str(v) for k, v in koppeling.items() if v}}
    tmp = pad.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(inhoud, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, pad)
    return pad


def load_kolomkoppelingen(laag: str | None = None, map_: str | Path | None = None) -> dict[str, dict[str, str]]:
    """Saved column mappings by label (optionally only those of ``laag``); unreadable files are skipped."""
    basis = Path(map_) if map_ is not None else KOPPELING_MAP
    uit: dict[str, dict[str, str]] = {}
    if not basis.exists():
        return uit
    for pad in sorted(basis.glob("*.json")):
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            inhoud = json.loads(pad.read_text(encoding="utf-8"))
            if laag is None or inhoud.get("laag") == laag:
                uit[str(inhoud["naam"])] = {str(k): str(v) for k, v in dict(inhoud["koppeling"]).items()}
    return uit
