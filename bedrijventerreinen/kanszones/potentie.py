"""Densification potential: the targets capped by the zoning, the potential of areas, of every
park and of every kanszone (with why it is unknown where no footprint is known), and the
headline over the parks (:class:`PotentieTotaal`)."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .. import schema
from ..definities import is_bestaand, naar_rd
from .dichtheid import compute_dichtheid, compute_regionale_fsi, repair_geoms, with_geometry
from .parameters import KanszoneParameters

__all__ = [
    "POTENTIE_KOLOMMEN",
    "STATUS_BEREKEND",
    "STATUS_GEEN_CONTOUR",
    "STATUS_GEEN_PANDEN",
    "STATUS_KOERS",
    "PotentieTotaal",
    "as_getallen",
    "compute_aandeel_oordeel",
    "compute_kanszonedichtheid",
    "compute_max_bouwlagen",
    "compute_potentie",
    "compute_potentie_totaal",
    "compute_terreindichtheid",
    "format_pct_reeks",
    "zonder_contour",
]

#: ``potentie_status`` of an area whose potential is computed.
STATUS_BEREKEND = "berekend"
#: ``potentie_status`` of a park (or a kanszone on a park) without any pand: no footprint known.
STATUS_GEEN_PANDEN = "onbekend (geen panden)"
#: ``potentie_status`` of a park without a contour: no panden can be placed in it.
STATUS_GEEN_CONTOUR = "onbekend (geen contour)"
#: ``potentie_status`` of a park whose koers is in ``koersen_zonder_potentie`` ({koers} filled in).
STATUS_KOERS = "telt niet (koers {koers})"
#: The columns of the potential (NaN where the potential is unknown).
POTENTIE_KOLOMMEN = ("potentie_m2_bvo", "potentie_grond_m2_bvo", "potentie_optoppen_m2_bvo", "potentie_ha")


def as_getallen(waarden: pd.Series | np.ndarray | list | None, n: int) -> np.ndarray:
    """``waarden`` as a float array of length ``n`` (NaN for missing or non-numbers; all NaN for None)."""
    if waarden is None:
        return np.full(n, np.nan)
    reeks = pd.to_numeric(pd.Series(np.asarray(waarden, dtype=object).ravel()), errors="coerce")
    return reeks.to_numpy(dtype=float, na_value=np.nan).reshape(n)


def compute_max_bouwlagen(
    max_bouwhoogte_m: pd.Series | np.ndarray | list, parameters: KanszoneParameters
) -> np.ndarray:
    """The floors the zoning allows: Lmax = max(1, ⌊max_bouwhoogte_m ÷ verdiepingshoogte_m⌋)
    (12 m at 3,5 m a floor: 3). NaN where no height is recorded (missing, 0 or negative:
    no cap)."""
    hoogte = as_getallen(max_bouwhoogte_m, len(max_bouwhoogte_m))
    hoogte = np.where(np.isfinite(hoogte) & (hoogte > 0), hoogte, np.nan)
    # a small tolerance: 10.5 m at 3.5 m is 3 floors even when the division rounds below 3
    return np.maximum(1.0, np.floor(hoogte / parameters.verdiepingshoogte_m + 1e-9))


def _format_getallen(waarden: np.ndarray) -> pd.Series:
    """Numbers as Dutch text without trailing zeros (12 → "12", 7.5 → "7,5"), vectorised."""
    heel = np.isclose(waarden, np.round(waarden))
    tekst = np.where(heel, np.round(waarden).astype(np.int64).astype(str), np.round(waarden, 1).astype(str))
    return pd.Series(tekst).str.replace(".", ",", regex=False)


def format_pct_reeks(fracties: pd.Series) -> pd.Series:
    """Whole percentages as Dutch text ("18 %"), vectorised (as ``format_pct`` with 0 decimals)."""
    return pd.Series(np.round(fracties.fillna(0.0).to_numpy() * 100).astype(np.int64).astype(str)) + " %"


def _describe_begrenzing(
    door_graad: np.ndarray, door_hoogte: np.ndarray, grens_bg: np.ndarray, hoogte: np.ndarray, lmax: np.ndarray
) -> np.ndarray:
    """Per row the Dutch text of the recorded limits that lowered a target or the floors of new
    building ("max. bebouwingsgraad 60 %; max. 12 m (3 bouwlagen)"; "" when none did)."""
    graad_tekst = "max. bebouwingsgraad " + format_pct_reeks(pd.Series(np.nan_to_num(grens_bg)))
    lagen_tekst = _format_getallen(np.nan_to_num(lmax)) + np.where(lmax == 1, " bouwlaag)", " bouwlagen)")
    hoogte_tekst = "max. " + _format_getallen(np.nan_to_num(hoogte)) + " m (" + lagen_tekst
    begrenzing = pd.Series(np.where(door_graad, graad_tekst, "")).str.cat(
        pd.Series(np.where(door_hoogte, hoogte_tekst, "")), sep="; "
    )
    return begrenzing.str.strip("; ").to_numpy(dtype=object)


def compute_potentie(
    dichtheid: pd.DataFrame,
    typologie: pd.Series | np.ndarray | list,
    parameters: KanszoneParameters,
    regionale_fsi: float,
    max_bebouwingsgraad: pd.Series | np.ndarray | list | None = None,
    max_bouwhoogte_m: pd.Series | np.ndarray | list | None = None,
) -> pd.DataFrame:
    """Densification potential of areas with density ``dichtheid`` (from :func:`compute_dichtheid`),
    within what the zoning allows where it is recorded (one value per row, NaN = not recorded).

    Lmax = :func:`compute_max_bouwlagen` of ``max_bouwhoogte_m`` (∞ when not recorded);
    B = min(doel-bebouwingsgraad of the row's ``typologie``, ``max_bebouwingsgraad``; a
    recorded coverage outside (0, 1] is ignored); F = min(doel-FSI, B × Lmax); L' = min(L,
    Lmax), L the current mean floors (bvo ÷ bebouwd; the default floor count where nothing is
    built); potentie_m2_bvo = max(0, F × netto − bvo, (B × netto − bebouwd) × L');
    potentie_grond_m2_bvo = max(0, B × netto − bebouwd) × L' (ruimer bebouwen),
    potentie_optoppen_m2_bvo = the rest (building higher); potentie_ha = potentie_m2_bvo ÷
    ``regionale_fsi`` ÷ 10.000 (hectare-equivalent, not land that can be sold).

    Adds doel_bebouwingsgraad (B), doel_fsi (F), max_bouwlagen (Lmax, NaN without a cap),
    begrenzing (Dutch: which recorded limit lowered a target or the floors, "" when none did)
    and the potentie columns. Rows with an unknown potential are the caller's to mark.
    """
    out = dichtheid.copy()
    n = len(out)
    bg_typ, fsi_typ = (a.reshape(n) for a in parameters.doelen_van(typologie))
    grens_bg = as_getallen(max_bebouwingsgraad, n)
    grens_bg = np.where(np.isfinite(grens_bg) & (grens_bg > 0) & (grens_bg <= 1), grens_bg, np.nan)
    hoogte = as_getallen(max_bouwhoogte_m, n)
    lmax = compute_max_bouwlagen(hoogte, parameters)
    bg = np.fmin(bg_typ, grens_bg)  # fmin: a missing cap leaves the target
    fsi = np.fmin(fsi_typ, bg * lmax)
    netto = out["netto_m2"].to_numpy(dtype=float)
    bebouwd = out["bebouwd_m2"].to_numpy(dtype=float)
    bvo = out["bvo_m2"].to_numpy(dtype=float)
    lagen = np.where(bebouwd > 0, bvo / np.where(bebouwd > 0, bebouwd, 1.0), parameters.standaard_bouwlagen)
    lagen_nieuw = np.fmin(lagen, lmax)
    grond = np.maximum(0.0, bg * netto - bebouwd) * lagen_nieuw
    potentie = np.maximum(0.0, np.maximum(fsi * netto - bvo, grond))
    door_graad = bg < bg_typ - 1e-12
    door_hoogte = (fsi < fsi_typ - 1e-12) | (lagen_nieuw < lagen - 1e-12)
    out["doel_bebouwingsgraad"] = bg
    out["doel_fsi"] = fsi
    out["max_bouwlagen"] = lmax
    out["begrenzing"] = _describe_begrenzing(door_graad, door_hoogte, grens_bg, hoogte, lmax)
    out["potentie_m2_bvo"] = potentie
    out["potentie_grond_m2_bvo"] = grond
    out["potentie_optoppen_m2_bvo"] = potentie - grond
    out["potentie_ha"] = potentie / max(regionale_fsi, 1e-9) / schema.M2_PER_HA
    return out


def zonder_contour(gebieden: gpd.GeoDataFrame) -> np.ndarray:
    """Per area: True when it has no contour (missing, empty or without area)."""
    geoms = repair_geoms(gebieden.geometry.to_numpy())
    return shapely.is_missing(geoms) | shapely.is_empty(geoms) | ~(np.nan_to_num(shapely.area(geoms)) > 0)


def _heeft_panden(gebieden: gpd.GeoDataFrame, panden: gpd.GeoDataFrame) -> np.ndarray:
    """Per area: whether any pand intersects it (an STRtree query, no intersections computed)."""
    uit = np.zeros(len(gebieden), dtype=bool)
    if len(gebieden) and len(panden):
        boom = shapely.STRtree(repair_geoms(naar_rd(panden).geometry.to_numpy()))
        g, _ = boom.query(repair_geoms(naar_rd(gebieden).geometry.to_numpy()), predicate="intersects")
        uit[np.unique(g)] = True
    return uit


def _mark_onbekend(d: pd.DataFrame, onbekend: np.ndarray) -> pd.DataFrame:
    """NaN in the potential and the ratios of the rows where no footprint is known."""
    for kolom in (*POTENTIE_KOLOMMEN, "bebouwingsgraad", "fsi", "onbebouwd_m2"):
        d.loc[onbekend, kolom] = np.nan
    return d


def _zoning(gebieden: pd.DataFrame) -> tuple[pd.Series | None, pd.Series | None]:
    """The recorded zoning limits (max_bebouwingsgraad, max_bouwhoogte_m), None where not a column."""
    return tuple(gebieden[k] if k in gebieden.columns else None for k in ("max_bebouwingsgraad", "max_bouwhoogte_m"))


def compute_terreindichtheid(
    terreinen: gpd.GeoDataFrame,
    panden: gpd.GeoDataFrame,
    parameters: KanszoneParameters,
) -> tuple[pd.DataFrame, float]:
    """Density and potential of every park: (table, regional average FSI).

    The table has terrein_id, naam, gemeente, typologie, koers, the zoning limits
    max_bebouwingsgraad and max_bouwhoogte_m (NaN where the park records none), the columns
    of :func:`compute_dichtheid` (netto area = register ``netto_ha``) and of
    :func:`compute_potentie` (capped by those limits), and:

    * ``potentie_status``: :data:`STATUS_BEREKEND`; :data:`STATUS_KOERS` for a park whose
      koers is in ``koersen_zonder_potentie`` (potential 0: new supply or leaving the stock);
      else :data:`STATUS_GEEN_CONTOUR` without a contour and :data:`STATUS_GEEN_PANDEN`
      without any pand. An unknown potential is NaN, as are bebouwingsgraad, fsi and
      onbebouwd_m2 of a park without panden (0 % would say "empty" where nothing is known);
    * ``potentie_bekend``: the status is not "onbekend";
    * ``potentie_telt``: status berekend (counts in :func:`compute_potentie_totaal`).

    The regional FSI is :func:`compute_regionale_fsi` over the existing parks
    (:func:`~bedrijventerreinen.definities.is_bestaand`).
    """
    t = with_geometry(terreinen.reset_index(drop=True))
    d = compute_dichtheid(t, panden, parameters, netto_m2=pd.to_numeric(t["netto_ha"], errors="coerce") * 1e4)
    regionaal = compute_regionale_fsi(d[is_bestaand(t)], parameters)
    grens_bg, grens_h = _zoning(t)
    d = compute_potentie(d, t["typologie"], parameters, regionaal, grens_bg, grens_h)

    koers = t["koers"].astype("string")
    zonder = koers.isin(parameters.koersen_zonder_potentie).fillna(False).to_numpy()
    geen_contour = zonder_contour(t)
    geen_panden = d["n_panden"].eq(0).to_numpy() & ~geen_contour
    voor, na = STATUS_KOERS.split("{koers}")
    status = np.where(
        zonder,
        (voor + koers.fillna("") + na).to_numpy(dtype=object),
        np.where(geen_contour, STATUS_GEEN_CONTOUR, np.where(geen_panden, STATUS_GEEN_PANDEN, STATUS_BEREKEND)),
    )
    d = _mark_onbekend(d, geen_contour | geen_panden)
    for kolom in POTENTIE_KOLOMMEN:
        d.loc[zonder, kolom] = 0.0
    d.loc[zonder, "begrenzing"] = ""

    attributen = pd.DataFrame(t[["terrein_id", "naam", "gemeente", "typologie", "koers"]])
    attributen["max_bebouwingsgraad"] = as_getallen(grens_bg, len(t))
    attributen["max_bouwhoogte_m"] = as_getallen(grens_h, len(t))
    attributen["potentie_status"] = status.astype(object)
    attributen["potentie_bekend"] = zonder | ~(geen_contour | geen_panden)
    attributen["potentie_telt"] = status == STATUS_BEREKEND
    return pd.concat([attributen, d], axis=1), regionaal


def compute_kanszonedichtheid(
    kanszones: gpd.GeoDataFrame,
    terreinen: pd.DataFrame,
    panden: gpd.GeoDataFrame,
    parameters: KanszoneParameters,
    regionale_fsi: float,
) -> pd.DataFrame:
    """Density and computed potential of every kanszone (netto area = the zone's own area,
    targets of its park's typologie, capped by its park's zoning limits), next to the
    potential recorded in the register.

    Columns: kanszone_id, terrein_id, naam, terrein (park name), maatregel, status,
    potentie_opgegeven_m2_bvo and potentie_opgegeven_ha (the register values),
    potentie_status and potentie_bekend (as in :func:`compute_terreindichtheid`: a zone
    without panden on a park without any pand is "onbekend (geen panden)", NaN; a zone
    without panden on a built park is truly unbuilt and gets its potential), the columns
    of :func:`compute_dichtheid` and :func:`compute_potentie`.
    """
    k = naar_rd(kanszones).reset_index(drop=True)
    parken = with_geometry(terreinen.drop_duplicates("terrein_id").reset_index(drop=True))
    park = parken.set_index("terrein_id")
    per_park = [k["terrein_id"].map(park[kolom]).to_numpy() if kolom in park.columns else None
                for kolom in ("typologie", "max_bebouwingsgraad", "max_bouwhoogte_m")]  # fmt: skip
    d = compute_dichtheid(k, panden, parameters)
    d = compute_potentie(d, per_park[0], parameters, regionale_fsi, per_park[1], per_park[2])
    park_bebouwd = pd.Series(_heeft_panden(parken, panden), index=park.index)
    geen_contour = zonder_contour(k)
    op_bebouwd_park = k["terrein_id"].isin(park_bebouwd.index[park_bebouwd.to_numpy()]).to_numpy()
    geen_panden = d["n_panden"].eq(0).to_numpy() & ~op_bebouwd_park & ~geen_contour
    d = _mark_onbekend(d, geen_contour | geen_panden)
    status = np.where(geen_contour, STATUS_GEEN_CONTOUR, np.where(geen_panden, STATUS_GEEN_PANDEN, STATUS_BEREKEND))
    attributen = pd.DataFrame(
        {
            "kanszone_id": k["kanszone_id"].to_numpy(),
            "terrein_id": k["terrein_id"].to_numpy(),
            "naam": k["naam"].to_numpy(),
            "terrein": k["terrein_id"].map(park["naam"]).fillna(k["terrein_id"]).to_numpy(),
            "maatregel": k["maatregel"].to_numpy(),
            "status": k["status"].to_numpy(),
            "potentie_opgegeven_m2_bvo": pd.to_numeric(k["potentie_m2_bvo"], errors="coerce").to_numpy(),
            "potentie_opgegeven_ha": pd.to_numeric(k["potentie_ha"], errors="coerce").to_numpy(),
            "potentie_status": status.astype(object),
            "potentie_bekend": status == STATUS_BEREKEND,
        }
    )
    return pd.concat([attributen, d], axis=1)


@dataclass(frozen=True)
class PotentieTotaal:
    """The headline of the parks' potential (:func:`compute_potentie_totaal`).

    ``potentie_ha`` (hectare-equivalent) and ``potentie_m2_bvo`` are sums over the parks
    that count (``potentie_telt``); ``netto_ha`` is their netto area and ``aandeel`` =
    potentie_ha ÷ netto_ha (NaN without such parks). ``onbekend`` names the parks whose
    potential is unknown (they are left out of the sums); ``begrensd`` counts the parks
    whose targets the zoning lowered.
    """

    potentie_ha: float
    potentie_m2_bvo: float
    netto_ha: float
    aandeel: float
    n_telt: int
    n_geen_panden: int
    n_geen_contour: int
    onbekend: tuple[str, ...]
    n_begrensd: int

    @property
    def n_onbekend(self) -> int:
        """How many parks have an unknown potential."""
        return self.n_geen_panden + self.n_geen_contour


def compute_potentie_totaal(terreindichtheid: pd.DataFrame) -> PotentieTotaal:
    """The headline of :func:`compute_terreindichtheid` (or a selection of its rows): sums over
    the parks whose potential is computed (``potentie_telt``), never over unknown ones; the
    share of their netto area; and the parks left out because their potential is unknown."""
    td = terreindichtheid
    telt = td["potentie_telt"].astype(bool).to_numpy()
    status = td["potentie_status"].astype(str).to_numpy()
    onbekend = np.isin(status, [STATUS_GEEN_PANDEN, STATUS_GEEN_CONTOUR])
    ha = float(td.loc[telt, "potentie_ha"].sum())
    netto = float(td.loc[telt, "netto_m2"].sum()) / schema.M2_PER_HA
    begrenzing = td["begrenzing"].fillna("").astype(str).to_numpy() if "begrenzing" in td.columns else np.array([])
    return PotentieTotaal(
        potentie_ha=ha if telt.any() else np.nan,
        potentie_m2_bvo=float(td.loc[telt, "potentie_m2_bvo"].sum()) if telt.any() else np.nan,
        netto_ha=netto,
        aandeel=ha / netto if netto > 0 else np.nan,
        n_telt=int(telt.sum()),
        n_geen_panden=int((status == STATUS_GEEN_PANDEN).sum()),
        n_geen_contour=int((status == STATUS_GEEN_CONTOUR).sum()),
        onbekend=tuple(td.loc[onbekend, "naam"].astype(str)),
        n_begrensd=int((telt & (begrenzing != "")).sum()) if len(begrenzing) else 0,
    )


def compute_aandeel_oordeel(totaal: PotentieTotaal, parameters: KanszoneParameters) -> str:
    """Whether the headline share lies below, within or above the reference range
    (``referentie_ruimtewinst_laag``–``_hoog``): "onder", "binnen", "boven", or "onbekend"."""
    if not np.isfinite(totaal.aandeel):
        return "onbekend"
    if totaal.aandeel < parameters.referentie_ruimtewinst_laag - 1e-9:
        return "onder"
    if totaal.aandeel > parameters.referentie_ruimtewinst_hoog + 1e-9:
        return "boven"
    return "binnen"
