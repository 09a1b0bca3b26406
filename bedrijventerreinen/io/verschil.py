"""Merging an import into a layer and the difference it makes: :func:`merge_laag` (the layer as
it will be), :func:`compute_verschil` (row by row) and :func:`summarize_verschil` (per status)."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import ibis, schema, validatie
from ..validatie import SLEUTELS

#: Hectare columns whose change the import diff reports, per layer.
VERSCHIL_HA: dict[str, str | None] = {
    "terreinen": "netto_ha",
    "mutaties": "ha",
    "koppelingen": "ha",
    "kanszones": "potentie_ha",
    "panden": None,
}
#: Columns not compared by the diff (bookkeeping set by the import itself).
NIET_VERGELIJKEN = {"versie", "gewijzigd_op", "gewijzigd_door", "bron"}

#: Import modes per layer; the first is the default. *Bijwerken* touches nothing the file does
#: not name; *vervangen* removes what it does not name and needs a second confirmation.
MODI: dict[str, str] = {
    "bijwerken": "Bijwerken: bestaande rijen bijwerken, nieuwe toevoegen, de rest blijft zoals het is",
    "vervangen": "Vervangen: de laag wordt geheel vervangen door het bestand (vraagt een tweede bevestiging)",
}
#: Older name of *bijwerken*, still accepted.
MODUS_ALIAS = {"samenvoegen": "bijwerken"}

#: The statuses of :func:`compute_verschil`, in the order of :func:`summarize_verschil`.
STATUSSEN = ("toegevoegd", "gewijzigd", "verwijderd", "ongewijzigd")


def sleutel(df: pd.DataFrame, laag: str) -> pd.Series:
    """The key of every row as text (:data:`SLEUTELS`; parts of a composite key joined by '→')."""
    kolommen = list(SLEUTELS[laag])
    if len(kolommen) == 1:
        return df[kolommen[0]].astype("string")
    uit = df[kolommen[0]].astype("string")
    for k in kolommen[1:]:
        uit = uit + "→" + df[k].astype("string")
    return uit


def merge_laag(
    huidig: pd.DataFrame,
    nieuw: pd.DataFrame,
    laag: str,
    modus: str = "vervangen",
    door: str = "import",
    behouden: list[str] | tuple[str, ...] = (),
) -> pd.DataFrame:
    """The layer as it will be after the import.

    ``vervangen``: the imported rows only. ``samenvoegen``: current rows whose key is not
    in the import, followed by the imported rows (same key: the import wins). In both
    modes, the columns in ``behouden`` (those the file does not carry, see
    :meth:`ImportResultaat.behouden_kolommen`) keep their current value for imported rows
    whose key already exists. Mutaties get ``versie`` one higher than the current row (1
    when new), ``gewijzigd_op`` now and ``gewijzigd_door`` = ``door``. Returns the conformed layer.
    """
    modus = MODUS_ALIAS.get(modus, modus)
    if modus not in MODI:
        raise ValueError(f"Onbekende modus: {modus!r}")
    nieuw = schema.conform(nieuw, laag)
    if laag == "terreinen":
        nieuw = _match_terreinen(huidig, nieuw)
    if behouden and len(huidig):
        nieuw = _keep_kolommen(huidig, nieuw, laag, behouden)
    if laag == "mutaties":
        nieuw = _stamp_mutaties(huidig, nieuw, door)
    if laag == "terreinen" and len(huidig):
        nieuw = ibis.keep_nieuwste_stand(schema.conform(huidig, laag), nieuw)
    if modus == "vervangen":
        return schema.conform(nieuw.reset_index(drop=True), laag)
    blijft = huidig[~sleutel(huidig, laag).isin(set(sleutel(nieuw, laag)))]
    samen = pd.concat([schema.conform(blijft, laag), nieuw], ignore_index=True)
    if isinstance(nieuw, gpd.GeoDataFrame):
        samen = gpd.GeoDataFrame(samen, geometry=nieuw.geometry.name, crs=schema.CRS_RD)
    return schema.conform(samen, laag)


def _match_terreinen(huidig: pd.DataFrame, nieuw: pd.DataFrame) -> pd.DataFrame:
    """Rows of a register table as the parks they are (RIN number, name and gemeente); a row
    without contour keeps the contour its park already has. Returns the rows."""
    nieuw = nieuw.assign(terrein_id=ibis.match_terreinen(huidig, nieuw)["terrein_id"].to_numpy())
    if not len(huidig) or not isinstance(nieuw, gpd.GeoDataFrame):
        return nieuw
    oud_geom = nieuw["terrein_id"].map(huidig.drop_duplicates("terrein_id").set_index("terrein_id").geometry)
    leeg = nieuw.geometry.isna().to_numpy() | nieuw.geometry.is_empty.to_numpy()
    geometrie = np.where(leeg, oud_geom.to_numpy(), nieuw.geometry.to_numpy())
    return nieuw.set_geometry(gpd.GeoSeries(geometrie, index=nieuw.index, crs=schema.CRS_RD))


def _keep_kolommen(
    huidig: pd.DataFrame, nieuw: pd.DataFrame, laag: str, behouden: list[str] | tuple[str, ...]
) -> pd.DataFrame:
    """The imported rows with the current values of the columns ``behouden`` where their key exists."""
    nieuw = nieuw.copy()
    oud = schema.conform(huidig, laag)
    oud = oud.set_index(sleutel(oud, laag).to_numpy())
    oud = oud[~oud.index.duplicated()]
    s = sleutel(nieuw, laag)
    for c in behouden:
        waarde = s.map(oud[c]).astype(nieuw[c].dtype)
        nieuw[c] = waarde.where(waarde.notna(), nieuw[c]).to_numpy()
    return nieuw


def _stamp_mutaties(huidig: pd.DataFrame, nieuw: pd.DataFrame, door: str) -> pd.DataFrame:
    """Imported mutaties with ``versie`` one higher than the current row (1 when new),
    ``gewijzigd_op`` now and ``gewijzigd_door`` = ``door``."""
    oud = huidig.set_index(sleutel(huidig, "mutaties"))["versie"] if len(huidig) else pd.Series(dtype="Int64")
    oud = oud[~oud.index.duplicated()]
    nieuw = nieuw.copy()
    nieuw["versie"] = (sleutel(nieuw, "mutaties").map(oud).astype("Int64").fillna(0) + 1).to_numpy()
    nieuw["gewijzigd_op"] = dt.datetime.now().isoformat(timespec="seconds")
    nieuw["gewijzigd_door"] = door
    return nieuw


def compute_verschil(huidig: pd.DataFrame, na: pd.DataFrame, laag: str) -> pd.DataFrame:
    """Row-by-row difference between the current layer and the layer after the import.

    One row per key: sleutel, naam (where the layer has one), gemeente, status
    (toegevoegd | gewijzigd | verwijderd | ongewijzigd), ha_voor, ha_na (the layer's
    hectare column, :data:`VERSCHIL_HA`), velden (the changed declared columns, and
    'geometrie' when the contour moved more than 1 cm).
    """
    kol = [c for c in schema.kolomnamen(laag) if c not in NIET_VERGELIJKEN]
    a = huidig.assign(_sleutel=sleutel(huidig, laag).to_numpy()).drop_duplicates("_sleutel").set_index("_sleutel")
    b = na.assign(_sleutel=sleutel(na, laag).to_numpy()).drop_duplicates("_sleutel").set_index("_sleutel")
    alle = a.index.union(b.index, sort=False)
    in_a, in_b = alle.isin(a.index), alle.isin(b.index)
    a, b = a.reindex(alle), b.reindex(alle)
    gewijzigd = _gewijzigde_velden(a, b, kol)
    if isinstance(huidig, gpd.GeoDataFrame) and isinstance(na, gpd.GeoDataFrame):
        ga = np.asarray(a.geometry.array if isinstance(a, gpd.GeoDataFrame) else a[huidig.geometry.name], dtype=object)
        gb = np.asarray(b.geometry.array if isinstance(b, gpd.GeoDataFrame) else b[na.geometry.name], dtype=object)
        gewijzigd["geometrie"] = _gewijzigde_geometrie(ga, gb)
    veranderd = gewijzigd.any(axis=1).to_numpy() & in_a & in_b
    velden = np.full(len(alle), "", dtype=object)
    if veranderd.any():
        namen = np.array(list(gewijzigd.columns), dtype=object)
        velden[veranderd] = [", ".join(namen[r]) for r in gewijzigd.to_numpy(dtype=bool)[veranderd]]
    status = np.select(
        [in_a & ~in_b, ~in_a & in_b, veranderd],
        ["verwijderd", "toegevoegd", "gewijzigd"],
        "ongewijzigd",
    )
    ha = VERSCHIL_HA[laag]
    out = pd.DataFrame({"sleutel": alle.astype("string"), "status": status}, index=alle)
    for c in ("naam", "gemeente"):
        if c in kol:
            out[c] = b[c].astype("string").fillna(a[c].astype("string"))
    out["ha_voor"] = a[ha].astype("float64").where(in_a) if ha else np.nan
    out["ha_na"] = b[ha].astype("float64").where(in_b) if ha else np.nan
    out["velden"] = np.where(status == "gewijzigd", velden, "")
    return out.reset_index(drop=True)


def _gewijzigde_velden(a: pd.DataFrame, b: pd.DataFrame, kol: list[str]) -> pd.DataFrame:
    """Per key (the aligned rows of ``a`` and ``b``) and column of ``kol``: True where the value
    changed (numbers within 1e-9 are equal, as are two missing values)."""
    gewijzigd = pd.DataFrame(False, index=a.index, columns=kol)
    for c in kol:
        va, vb = a[c], b[c]
        if pd.api.types.is_float_dtype(va) or pd.api.types.is_float_dtype(vb):
            gelijk = np.isclose(va.astype("float64"), vb.astype("float64"), atol=1e-9, equal_nan=True)
        else:
            sa, sb = va.astype("string"), vb.astype("string")
            gelijk = ((sa == sb).fillna(False) | (sa.isna() & sb.isna())).to_numpy()
        gewijzigd[c] = ~np.asarray(gelijk, dtype=bool)
    return gewijzigd


def _gewijzigde_geometrie(ga: np.ndarray, gb: np.ndarray) -> np.ndarray:
    """Per key: True where the contour moved more than 1 cm or appeared or disappeared. A
    Polygon and the MultiPolygon the store keeps are the same contour."""
    ga = np.where(pd.isna(ga), None, ga)
    gb = np.where(pd.isna(gb), None, gb)
    beide_leeg = shapely.is_missing(ga) & shapely.is_missing(gb)
    gelijk = np.asarray(shapely.equals_exact(shapely.normalize(ga), shapely.normalize(gb), tolerance=0.01))
    # A Polygon and the MultiPolygon the store keeps are the same contour: compare those as multi.
    soort = ~gelijk & (shapely.get_type_id(ga) != shapely.get_type_id(gb)) & ~beide_leeg
    if soort.any():
        pa, pb = validatie.polygonal(ga[soort]), validatie.polygonal(gb[soort])
        gelijk[soort] = shapely.equals_exact(shapely.normalize(pa), shapely.normalize(pb), tolerance=0.01)
    return ~(gelijk.astype(bool) | beide_leeg)


def summarize_verschil(verschil: pd.DataFrame) -> pd.DataFrame:
    """Count and hectares per status of :func:`compute_verschil`: status, aantal, ha_voor,
    ha_na (sums; NaN counts as 0). Always the four statuses, in a fixed order."""
    orde = list(STATUSSEN)
    g = verschil.groupby("status").agg(aantal=("sleutel", "size"), ha_voor=("ha_voor", "sum"), ha_na=("ha_na", "sum"))
    return g.reindex(orde).fillna(0).astype({"aantal": int}).rename_axis("status").reset_index()
