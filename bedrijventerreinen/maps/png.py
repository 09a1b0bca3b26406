"""The map as a static PNG for the handout and the vergadermodus (matplotlib, EPSG:28992)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import geopandas as gpd
import numpy as np

from ..strategy import Strategie
from .selectie import select_kaartobjecten
from .stijl import (
    KAARTLAAG_CODES,
    KOERS_KLEUR,
    ONBEKENDE_KOERS,
    STIJL_KANSZONE,
    Stijl,
    legenda,
    stijl_mutatie,
    stijl_terrein,
)


def _lijnstijl(stijl: Stijl) -> Any:
    """The matplotlib line style of the style's SVG dash pattern."""
    return (0, tuple(float(x) for x in stijl.streep.split())) if stijl.streep else "solid"


def _vulkleur(stijl: Stijl) -> str:
    """White under a hatch, the colour under a fill, nothing without fill."""
    return "white" if stijl.arcering else stijl.kleur if stijl.vulling > 0 else "none"


def _teken(ax: Any, gdf: gpd.GeoDataFrame, stijl: Stijl, z: int) -> None:
    """Draw ``gdf`` in ``stijl``: the fill (with its opacity), then outline and hatch on top."""
    if gdf.empty:
        return
    gdf.plot(
        ax=ax,
        facecolor=_vulkleur(stijl),
        edgecolor="none",
        alpha=1.0 if stijl.arcering else stijl.vulling or None,
        zorder=z,
    )
    gdf.plot(
        ax=ax,
        facecolor="none",
        edgecolor=stijl.lijn,
        hatch="///" if stijl.arcering else None,
        linewidth=stijl.lijndikte * 0.6,
        linestyle=_lijnstijl(stijl),
        zorder=z + 0.5,
    )


def _teken_objecten(ax: Any, objecten: dict[str, gpd.GeoDataFrame]) -> None:
    """Parks by koers, then aanwinst, transformations and kanszones on top, as the web map orders them."""
    if "terreinen" in objecten:
        t = objecten["terreinen"]
        for koers, deel in t.groupby(t["koers"].where(t["koers"].isin(list(KOERS_KLEUR)), ONBEKENDE_KOERS.code)):
            _teken(ax, deel, stijl_terrein(str(koers)), 1)
    for z, laag in ((2, "aanwinst"), (3, "transformatie")):
        if laag in objecten:
            for soort, deel in objecten[laag].groupby("soort"):
                _teken(ax, deel, stijl_mutatie(str(soort)), z)
    if "kanszones" in objecten:
        _teken(ax, objecten["kanszones"], STIJL_KANSZONE, 4)


def _zet_kader(ax: Any, getekend: list[gpd.GeoDataFrame]) -> None:
    """Fit the axes around what is drawn with a margin, and draw a 1 km (or 100 m) scale bar."""
    from matplotlib.patches import Rectangle

    b = np.array([g.total_bounds for g in getekend])
    x0, y0, x1, y1 = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    marge = max(x1 - x0, y1 - y0) * 0.04 + 50
    ax.set_xlim(x0 - marge, x1 + marge)
    ax.set_ylim(y0 - marge, y1 + marge)
    lengte = 1000.0 if (x1 - x0) > 2500 else 100.0
    ax.add_patch(Rectangle((x0, y0 - marge * 0.6), lengte, marge * 0.15, color="#111111", zorder=6))
    ax.text(
        x0 + lengte / 2,
        y0 - marge * 0.35,
        "1 km" if lengte == 1000 else "100 m",
        ha="center",
        va="bottom",
        fontsize=9,
        zorder=6,
    )


def _legenda_handles(onbekende_koers: bool) -> list[Any]:
    """Legend patches with the map's styles (a faint fill shown at least at 0,55 opacity)."""
    from matplotlib.patches import Patch

    return [
        Patch(
            facecolor=_vulkleur(p.stijl),
            edgecolor=p.stijl.lijn,
            hatch="///" if p.stijl.arcering else None,
            linestyle=_lijnstijl(p.stijl),
            linewidth=min(p.stijl.lijndikte, 3.5) * 0.6,
            alpha=None if p.stijl.arcering or p.stijl.vulling == 0 else max(p.stijl.vulling, 0.55),
            label=p.label,
        )
        for p in legenda(onbekende_koers)
    ]


def render_map_png(
    terreinen: gpd.GeoDataFrame,
    mutaties: gpd.GeoDataFrame | None = None,
    kanszones: gpd.GeoDataFrame | None = None,
    *,
    strategie: Strategie | None = None,
    gemeenten: Iterable[str] | None = None,
    planstatus_vanaf: str = "idee",
    lagen: Iterable[str] = KAARTLAAG_CODES,
    titel: str | None = None,
    breedte_inch: float = 10.0,
    hoogte_inch: float = 7.0,
    dpi: int = 150,
) -> bytes:
    """The map as a PNG image for reports: the same objects (:func:`select_kaartobjecten`)
    and styles (:class:`Stijl`, transformations hatched) as the web map, drawn in
    EPSG:28992 with matplotlib, no background tiles, a Dutch legend and a 1 km scale bar.
    Returns the PNG bytes.
    """
    from matplotlib.figure import Figure

    objecten = select_kaartobjecten(
        terreinen,
        mutaties,
        kanszones,
        gemeenten=gemeenten,
        planstatus_vanaf=planstatus_vanaf,
        strategie=strategie,
        lagen=lagen,
    )
    fig = Figure(figsize=(breedte_inch, hoogte_inch), dpi=dpi, layout="constrained")
    ax = fig.add_subplot()
    ax.set_aspect("equal")
    ax.set_anchor("W")  # a wide legend keeps its room on the right when the aspect shrinks the map
    ax.set_axis_off()
    _teken_objecten(ax, objecten)
    getekend = [g for g in objecten.values() if not g.empty]
    if getekend:
        _zet_kader(ax, getekend)
    else:
        ax.text(0.5, 0.5, "Geen terreinen in deze selectie", ha="center", va="center", transform=ax.transAxes)
    onbekend = bool(getekend) and "terreinen" in objecten
    onbekend = onbekend and not objecten["terreinen"]["koers"].isin(list(KOERS_KLEUR)).all()
    ax.legend(
        handles=_legenda_handles(onbekend),
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=9,
        title="Legenda",
    )
    if titel:
        ax.set_title(titel, fontsize=13, loc="left")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()
