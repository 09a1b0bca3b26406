"""Values of imported columns: numbers by the one Dutch rule, text without invisible
characters, keys as text."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from ..formatting import format_getal, parse_getal
from .melding import Controle, kort


def parse_getallen(s: pd.Series) -> pd.Series:
    """Numbers from text by the one rule of :func:`formatting.parse_getal` ('12,5', '1.250,5',
    '1,250.5' and '12.5'; '1.250' is ambiguous and refused).

    Returns float64 with NaN where the text is empty, not a number or ambiguous; see
    :func:`getal_fouten` for the Dutch reason per value. Vectorised over the unique values.
    """
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        return pd.to_numeric(s, errors="coerce").astype("float64")
    tekst = s.astype("string").str.strip()
    waarden = _lees_getallen(tekst)
    return tekst.map(lambda t: np.nan if t is pd.NA else waarden.get(t, (np.nan, ""))[0]).astype("float64")


def getal_fouten(s: pd.Series) -> pd.Series:
    """Per value of ``s``: the Dutch reason it is not one number (:func:`formatting.parse_getal`),
    or an empty string (also for empty values)."""
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        return pd.Series("", index=s.index, dtype="string")
    tekst = s.astype("string").str.strip()
    waarden = _lees_getallen(tekst)
    return tekst.map(lambda t: "" if t is pd.NA else waarden.get(t, (np.nan, ""))[1]).astype("string")


def _lees_getallen(tekst: pd.Series) -> dict[str, tuple[float, str]]:
    """Per unique non-empty text: (number, "") or (NaN, the Dutch reason it is not one)."""
    uit: dict[str, tuple[float, str]] = {}
    for t in tekst.dropna().unique():
        if t == "":
            continue
        try:
            uit[t] = (parse_getal(t), "")
        except ValueError as e:
            uit[t] = (np.nan, str(e))
    return uit


#: Characters removed from imported text: NUL and other control characters (tab, CR and LF
#: stay), bidi controls, zero-width characters, the soft hyphen and the byte-order mark.
ONZICHTBARE_TEKENS = (
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def normalize_tekst(df: pd.DataFrame, controle: Controle) -> pd.DataFrame:
    """Text columns in Unicode NFC, without :data:`ONZICHTBARE_TEKENS` (so ``LEI-01`` and
    ``LEI-01`` with a zero-width space are the same id); one non-blocking finding per column
    where characters were removed."""
    geom = df.geometry.name if isinstance(df, gpd.GeoDataFrame) else None
    out = df
    for c in df.columns:
        if c == geom or not (pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c])):
            continue
        kolom = df[c]
        is_tekst = kolom.map(lambda v: isinstance(v, str)).astype(bool)
        if not is_tekst.any():
            continue
        tekst = kolom[is_tekst].astype("string")
        schoon = tekst.str.replace(ONZICHTBARE_TEKENS, "", regex=True).str.normalize("NFC")
        verwijderd = tekst.str.contains(ONZICHTBARE_TEKENS, regex=True).fillna(False)
        if not schoon.equals(tekst):
            if out is df:
                out = df.copy()
            out[c] = kolom.astype(object).where(~is_tekst, schoon.astype(object).reindex(kolom.index))
        if verwijderd.any():
            controle.add(
                f"Kolom '{kort(c)}': onzichtbare tekens of stuurtekens (zoals NUL, richtingstekens of spaties "
                f"zonder breedte) zijn verwijderd in {format_getal(int(verwijderd.sum()), 0)} waarden.",
                veld=str(c),
            )
    return out


def normalize_ids(s: pd.Series) -> pd.Series:
    """Keys as text: whole numbers without '.0' (IBIS RIN numbers read as floats), trimmed."""
    if pd.api.types.is_float_dtype(s):
        heel = s.dropna()
        if (heel == heel.round()).all():
            return s.round().astype("Int64").astype("string")
    return s.astype("string").str.strip().replace("", pd.NA)
