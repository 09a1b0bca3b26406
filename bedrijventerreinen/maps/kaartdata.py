"""Display-ready map content: per layer a GeoJSON FeatureCollection in EPSG:4326 with only the
shown properties, formatted in Dutch and HTML-escaped (Leaflet tooltips and popups are HTML)."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import schema
from ..balance import uitgeefbaar_ha
from ..formatting import format_ha, format_m2, format_pct
from ..kanszones import format_ha_equivalent
from ..strategy import Strategie
from .selectie import TOLERANTIE_M, select_kaartobjecten, simplify_for_display
from .stijl import KAARTLAAG_CODES, KANSZONE, KOERS_KLEUR, ONBEKENDE_KOERS, SOORTEN_PER_LAAG


def escape_tekst(waarde: Any) -> str:
    """A value as HTML-safe text: ``&``, ``<``, ``>`` and quotes escaped; '–' when missing."""
    if waarde is None or waarde is pd.NA or (isinstance(waarde, float) and math.isnan(waarde)):
        return "–"
    return html.escape(str(waarde), quote=True)


def format_ha_of_streep(waarde: Any) -> str:
    """Hectares in Dutch ('47,2 ha'), '–' when missing."""
    if waarde is None or pd.isna(waarde):
        return "–"
    return format_ha(float(waarde))


#: The fields each layer's tooltip and popup show: property -> Dutch label.
TOOLTIP_VELDEN: dict[str, dict[str, str]] = {
    "terreinen": {"naam": "Terrein", "gemeente": "Gemeente", "koers": "Koers", "netto": "Netto"},
    "transformatie": {"naam": "Transformatie", "gemeente": "Gemeente", "ha": "Hectare", "dekking": "Gecompenseerd"},
    "aanwinst": {"naam": "Locatie", "soort": "Soort", "gemeente": "Gemeente", "ha": "Hectare"},
    "kanszones": {"naam": "Kanszone", "terrein": "Terrein", "potentie": "Potentie"},
}
POPUP_VELDEN: dict[str, dict[str, str]] = {
    "terreinen": {
        "naam": "Terrein",
        "gemeente": "Gemeente",
        "koers": "Koers",
        "bruto": "Bruto",
        "netto": "Netto",
        "uitgeefbaar": "Uitgeefbaar",
        "milieucategorie": "Milieucategorie (max.)",
        "bron": "Bron",
    },
    "transformatie": {
        "naam": "Transformatie",
        "gemeente": "Gemeente",
        "ha": "Hectare (netto)",
        "planstatus": "Planstatus",
        "jaar": "Jaar",
        "dekking": "Gecompenseerd",
        "toelichting": "Toelichting",
    },
    "aanwinst": {
        "naam": "Locatie",
        "soort": "Soort",
        "gemeente": "Gemeente",
        "ha": "Hectare (netto)",
        "planstatus": "Planstatus",
        "jaar": "Jaar",
        "toelichting": "Toelichting",
    },
    "kanszones": {
        "naam": "Kanszone",
        "terrein": "Terrein",
        "maatregel": "Maatregel",
        "potentie": "Potentie",
        "status": "Status",
        "toelichting": "Toelichting",
    },
}


def format_dekking(rij: pd.Series | None) -> str:
    """'0,5 ha van 1,0 ha (50 %)' (plus what lies in another gemeente) for a coverage row; '–' without."""
    if rij is None:
        return "–"
    tekst = (
        f"{format_ha(float(rij['gedekt_ha']))} van {format_ha(float(rij['ha']))} ({format_pct(float(rij['dekking']))})"
    )
    if float(rij["gedekt_elders_ha"]) > 0:
        tekst += f", waarvan {format_ha(float(rij['gedekt_elders_ha']))} in een andere gemeente"
    return tekst


@dataclass(frozen=True)
class _Context:
    """What the properties of some layers need besides the objects themselves."""

    dekking: pd.DataFrame | None
    terreinnamen: Mapping[str, str]


def _eigenschappen_terreinen(laag: str, gdf: pd.DataFrame, _ctx: _Context) -> list[dict[str, str]]:
    # the IBIS total where the register gives it, else terstond + niet terstond; unknown stays empty
    delen = gdf[["uitgeefbaar_ha", "uitgeefbaar_terstond_ha", "uitgeefbaar_niet_terstond_ha"]].astype("Float64")
    uitgeefbaar = uitgeefbaar_ha(gdf).where(delen.notna().any(axis=1))
    return [
        {
            "laag": laag,
            "id": escape_tekst(r.terrein_id),
            "stijl": r.koers if r.koers in KOERS_KLEUR else ONBEKENDE_KOERS.code,
            "naam": escape_tekst(r.naam),
            "gemeente": escape_tekst(r.gemeente),
            "koers": escape_tekst(schema.label(schema.KOERSEN, r.koers) if pd.notna(r.koers) else None),
            "bruto": format_ha_of_streep(r.bruto_ha),
            "netto": format_ha_of_streep(r.netto_ha),
            "uitgeefbaar": format_ha_of_streep(vrij),
            "milieucategorie": escape_tekst(r.milieucategorie_max),
            "bron": escape_tekst(r.bron),
        }
        for r, vrij in zip(gdf.itertuples(index=False), uitgeefbaar, strict=True)
    ]


def _dekkingsrij(per_id: pd.DataFrame | None, mutatie_id: Any) -> pd.Series | None:
    if per_id is None or mutatie_id not in per_id.index:
        return None
    rij = per_id.loc[mutatie_id]
    return rij.iloc[0] if isinstance(rij, pd.DataFrame) else rij


def _eigenschappen_mutaties(laag: str, gdf: pd.DataFrame, ctx: _Context) -> list[dict[str, str]]:
    dekking = ctx.dekking
    per_id = dekking.set_index("mutatie_id") if dekking is not None and not dekking.empty else None
    rijen = []
    for r in gdf.itertuples(index=False):
        props = {
            "laag": laag,
            "id": escape_tekst(r.mutatie_id),
            "terrein_id": escape_tekst(r.terrein_id) if pd.notna(r.terrein_id) else "",
            "stijl": r.soort,
            "naam": escape_tekst(r.naam),
            "soort": escape_tekst(schema.label(schema.SOORTEN, r.soort)),
            "gemeente": escape_tekst(r.gemeente),
            "ha": format_ha_of_streep(r.ha),
            "planstatus": escape_tekst(schema.label(schema.PLANSTATUS, r.planstatus)),
            "jaar": escape_tekst(r.jaar),
            "toelichting": escape_tekst(r.toelichting),
        }
        if laag == "transformatie":
            props["dekking"] = format_dekking(_dekkingsrij(per_id, r.mutatie_id)) if dekking is not None else "–"
        rijen.append(props)
    return rijen


def _potentie_tekst(r: Any) -> str:
    potentie = []
    if pd.notna(r.potentie_m2_bvo):
        potentie.append(f"{format_m2(r.potentie_m2_bvo)} bvo")
    if pd.notna(r.potentie_ha):
        potentie.append(format_ha_equivalent(float(r.potentie_ha), 2))
    return " · ".join(potentie) or "–"


def _eigenschappen_kanszones(laag: str, gdf: pd.DataFrame, ctx: _Context) -> list[dict[str, str]]:
    return [
        {
            "laag": laag,
            "id": escape_tekst(r.kanszone_id),
            "terrein_id": escape_tekst(r.terrein_id),
            "stijl": KANSZONE.code,
            "naam": escape_tekst(r.naam),
            "terrein": escape_tekst(ctx.terreinnamen.get(r.terrein_id, r.terrein_id)),
            "maatregel": escape_tekst(r.maatregel),
            "potentie": _potentie_tekst(r),
            "status": escape_tekst(r.status),
            "toelichting": escape_tekst(r.toelichting),
        }
        for r in gdf.itertuples(index=False)
    ]


_EIGENSCHAPPEN: dict[str, Callable[[str, pd.DataFrame, _Context], list[dict[str, str]]]] = {
    "terreinen": _eigenschappen_terreinen,
    **{laag: _eigenschappen_mutaties for laag in SOORTEN_PER_LAAG},
    "kanszones": _eigenschappen_kanszones,
}


def _eigenschappen(laag: str, gdf: pd.DataFrame, ctx: _Context) -> list[dict[str, str]]:
    """Display properties per object: the tooltip/popup fields (Dutch, formatted, escaped)
    plus the keys the click handler needs (``laag``, ``id``; ``terrein_id`` for mutaties
    and kanszones, a park's own ``id`` is its terrein_id) and the style key (``stijl``)."""
    velden = {"laag", "id", "terrein_id", "stijl"} | set(TOOLTIP_VELDEN[laag]) | set(POPUP_VELDEN[laag])
    return [{k: v for k, v in p.items() if k in velden} for p in _EIGENSCHAPPEN[laag](laag, gdf, ctx)]


@dataclass(frozen=True)
class Kaartdata:
    """Display-ready map content: one GeoJSON FeatureCollection (EPSG:4326, simplified,
    escaped properties) per switched-on layer, and the bounds to fit the view to.

    ``bounds`` is ((south, west), (north, east)) of everything drawn, None when empty.
    Plain data (picklable), so it can be cached per store version.
    """

    lagen: dict[str, dict[str, Any]]
    bounds: tuple[tuple[float, float], tuple[float, float]] | None
    onbekende_koers: bool = False

    @property
    def aantallen(self) -> dict[str, int]:
        """Number of drawn objects per layer."""
        return {laag: len(fc["features"]) for laag, fc in self.lagen.items()}


def _feature_collection(gdf: gpd.GeoDataFrame, props: list[dict[str, str]]) -> dict[str, Any]:
    features = [
        {"type": "Feature", "id": i, "properties": p, "geometry": g.__geo_interface__}
        for i, (g, p) in enumerate(zip(gdf.geometry, props, strict=True))
    ]
    return {"type": "FeatureCollection", "features": features}


def _bounds(grenzen: list[np.ndarray]) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """((south, west), (north, east)) around the total bounds (minx, miny, maxx, maxy) of the layers."""
    if not grenzen:
        return None
    b = np.array(grenzen)
    return (float(b[:, 1].min()), float(b[:, 0].min())), (float(b[:, 3].max()), float(b[:, 2].max()))


def build_kaartdata(
    terreinen: gpd.GeoDataFrame,
    mutaties: gpd.GeoDataFrame | None = None,
    kanszones: gpd.GeoDataFrame | None = None,
    *,
    dekking: pd.DataFrame | None = None,
    strategie: Strategie | None = None,
    gemeenten: Iterable[str] | None = None,
    planstatus_vanaf: str = "idee",
    lagen: Iterable[str] = KAARTLAAG_CODES,
    tolerantie_m: float = TOLERANTIE_M,
) -> Kaartdata:
    """Select (:func:`select_kaartobjecten`), simplify (:func:`simplify_for_display`) and
    describe the map objects.

    A transformation's "Gecompenseerd" is its row of ``dekking``, the coverage per counted
    transformation of the selection (:attr:`bedrijventerreinen.monitor.Monitorstand.dekking`,
    computed once for every view); '–' without it.
    """
    objecten = select_kaartobjecten(
        terreinen,
        mutaties,
        kanszones,
        gemeenten=gemeenten,
        planstatus_vanaf=planstatus_vanaf,
        strategie=strategie,
        lagen=lagen,
    )
    ctx = _Context(
        dekking if "transformatie" in objecten else None,
        dict(zip(terreinen["terrein_id"], terreinen["naam"], strict=True)),
    )

    uit: dict[str, dict[str, Any]] = {}
    grenzen = []
    for laag in (laag for laag in KAARTLAAG_CODES if laag in objecten):
        weergave = simplify_for_display(objecten[laag], tolerantie_m)
        uit[laag] = _feature_collection(weergave, _eigenschappen(laag, weergave, ctx))
        if not weergave.empty:
            grenzen.append(weergave.total_bounds)
    onbekend = "terreinen" in objecten and not objecten["terreinen"]["koers"].isin(list(KOERS_KLEUR)).all()
    return Kaartdata(uit, _bounds(grenzen), bool(onbekend))
