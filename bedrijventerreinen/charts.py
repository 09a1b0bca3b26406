"""Altair chart builders. Colours come from the category declarations in :mod:`schema`;
numbers are formatted the Dutch way through a Vega locale."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import altair as alt
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import schema
from .balance import REGIO
from .formatting import NL_LOCALE, format_getal
from .themes import LICHT, Thema

if TYPE_CHECKING:
    from .strategy import Strategie

#: Dutch number and time locale for Vega (decimal comma, thousands point).

_SOORT_KLEUR = {c.code: c.kleur for c in schema.SOORTEN}


def _nl(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(locale=NL_LOCALE)
        .configure_axis(labelFontSize=14, titleFontSize=14)
        .configure_legend(labelFontSize=14, titleFontSize=14)
    )


def chart_transformatie_compensatie(balans: pd.DataFrame) -> alt.Chart:
    """Grouped bars per gemeente: transformed, compensated and intensified hectares
    (the columns of :func:`bedrijventerreinen.balance.compute_hectarebalans`), regio row excluded."""
    soorten = ["transformatie", "compensatie", "intensivering"]
    rows = balans[balans["gemeente"] != REGIO]
    lang = rows.melt(id_vars="gemeente", value_vars=[f"{s}_ha" for s in soorten], var_name="soort", value_name="ha")
    lang["soort"] = lang["soort"].str.removesuffix("_ha").map(lambda s: schema.label(schema.SOORTEN, s))
    labels = [schema.label(schema.SOORTEN, s) for s in soorten]
    chart = (
        alt.Chart(lang)
        .mark_bar()
        .encode(
            y=alt.Y("gemeente:N", title=None, sort=list(rows["gemeente"])),
            yOffset=alt.YOffset("soort:N", sort=labels),
            x=alt.X("ha:Q", title="Hectare (netto)", axis=alt.Axis(format=",.1f")),
            color=alt.Color(
                "soort:N",
                title="Soort",
                sort=labels,
                scale=alt.Scale(domain=labels, range=[_SOORT_KLEUR[s] for s in soorten]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("gemeente:N", title="Gemeente"),
                alt.Tooltip("soort:N", title="Soort"),
                alt.Tooltip("ha:Q", title="Hectare", format=",.1f"),
            ],
        )
        .properties(height=alt.Step(12))
    )
    return _nl(chart)


def chart_vraag_aanbod(vraag_aanbod: pd.DataFrame, thema: Thema = LICHT) -> alt.Chart:
    """Cumulative supply (hard; hard + zacht) against the demand band (laag–hoog) per year,
    from :func:`bedrijventerreinen.balance.compute_vraag_aanbod`; the supply lines in the
    colours of ``thema`` (readable on its background)."""
    band = (
        alt.Chart(vraag_aanbod)
        .mark_area(opacity=0.25, color="#888888")
        .encode(
            x=alt.X("jaar:O", title="Jaar"),
            y=alt.Y("vraag_laag_ha:Q", title="Hectare (cumulatief)", axis=alt.Axis(format=",.0f")),
            y2="vraag_hoog_ha:Q",
            tooltip=[
                alt.Tooltip("jaar:O", title="Jaar"),
                alt.Tooltip("vraag_laag_ha:Q", title="Vraag laag", format=",.1f"),
                alt.Tooltip("vraag_hoog_ha:Q", title="Vraag hoog", format=",.1f"),
            ],
        )
    )
    reeksen = {"aanbod_hard_ha": "Aanbod hard", "aanbod_totaal_ha": "Aanbod hard + zacht"}
    lang = vraag_aanbod.melt(id_vars="jaar", value_vars=list(reeksen), var_name="reeks", value_name="ha")
    lang["reeks"] = lang["reeks"].map(reeksen)
    lijnen = (
        alt.Chart(lang)
        .mark_line(point=True, strokeWidth=3)
        .encode(
            x="jaar:O",
            y="ha:Q",
            color=alt.Color(
                "reeks:N",
                title=None,
                scale=alt.Scale(domain=list(reeksen.values()), range=[thema.aanbod_hard, thema.aanbod_zacht]),
                legend=alt.Legend(orient="bottom"),
            ),
            strokeDash=alt.StrokeDash(
                "reeks:N", scale=alt.Scale(domain=list(reeksen.values()), range=[[1, 0], [6, 3]]), legend=None
            ),
            tooltip=[
                alt.Tooltip("jaar:O", title="Jaar"),
                alt.Tooltip("reeks:N", title="Reeks"),
                alt.Tooltip("ha:Q", title="Hectare", format=",.1f"),
            ],
        )
    )
    return _nl(alt.layer(band, lijnen).properties(height=320))


#: Colours of the uitgifte chart, readable on the light and the dark background alike (at least
#: 3:1, as WCAG asks of graphical objects; checked in tests/test_uitgifte.py): Okabe-Ito
#: vermillion for the land issued, a mid grey for the strategy's demand paths.
UITGIFTE_KLEUR = "#D55E00"
VRAAGPAD_KLEUR = "#7a7a7a"


def chart_uitgifte(uitgifte: pd.DataFrame, strategie: Strategie) -> alt.Chart:
    """Cumulative land issued in the region against the strategy's low and high demand path.

    The uitgifte line adds up the ``regio`` rows of
    :func:`bedrijventerreinen.ibis.compute_uitgifte` year by year. Both the line and the paths
    start at 0 at the end of the year before the first year with known uitgifte (the
    reference year when the uitgifte is known from the start): the paths add the strategy's
    demand per year (vraag laag/hoog ÷ the years from reference year to horizon) over the same
    years, on to the horizon. So the chart compares what
    :func:`bedrijventerreinen.ibis.describe_uitgifte` compares, and a first IBIS stock years
    after the reference year does not look like a slow start. Every line has its own dash, so
    the chart reads without colour too.
    """
    regio = uitgifte[uitgifte["gemeente"] == REGIO].sort_values("jaar")
    start = int(regio["jaar"].min()) - 1 if len(regio) else strategie.referentiejaar
    eind = max(strategie.horizon, int(regio["jaar"].max()) if len(regio) else strategie.horizon)
    jaren_strategie = strategie.horizon - strategie.referentiejaar
    per_jaar = {
        "laag": strategie.vraag_laag_ha / jaren_strategie,
        "hoog": strategie.vraag_hoog_ha / jaren_strategie,
    }
    reeks_uitgifte = "Uitgifte (cumulatief)"
    reeks_pad = {k: f"Vraagpad {k} ({format_getal(v)} ha per jaar)" for k, v in per_jaar.items()}
    domein = [reeks_uitgifte, *reeks_pad.values()]

    jaren = np.arange(start, eind + 1)
    paden = pd.DataFrame({"jaar": jaren})
    for k, v in per_jaar.items():
        paden[k] = v * (jaren - start)
    punten = pd.DataFrame(
        {
            "jaar": [start, *regio["jaar"].astype(int)],
            "ha": [0.0, *regio["cumulatief_ha"].astype(float)],
            "in_jaar": [np.nan, *regio["uitgifte_ha"].astype(float)],
            "reeks": reeks_uitgifte,
        }
    )
    lang = paden.melt(id_vars="jaar", value_vars=list(per_jaar), var_name="reeks", value_name="ha")
    lang["reeks"] = lang["reeks"].map(reeks_pad)

    legenda = alt.Legend(orient="bottom", symbolType="stroke", symbolStrokeWidth=3, symbolSize=400, labelLimit=0)
    kleur = alt.Color(
        "reeks:N",
        title=None,
        sort=domein,
        scale=alt.Scale(domain=domein, range=[UITGIFTE_KLEUR, VRAAGPAD_KLEUR, VRAAGPAD_KLEUR]),
        legend=legenda,
    )
    streep = alt.StrokeDash(
        "reeks:N",
        title=None,
        sort=domein,
        scale=alt.Scale(domain=domein, range=[[1, 0], [8, 4], [2, 3]]),
        legend=legenda,
    )
    as_x = alt.X("jaar:O", title="Jaar", axis=alt.Axis(labelAngle=0))
    titel_y = f"Hectare, opgeteld vanaf {start}"
    as_y = alt.Y("ha:Q", title=titel_y, axis=alt.Axis(format=",.0f"))
    band = (
        alt.Chart(paden)
        .mark_area(opacity=0.18, color="#888888")
        .encode(x=as_x, y=alt.Y("laag:Q", title=titel_y), y2="hoog:Q")
    )
    vraag = (
        alt.Chart(lang)
        .mark_line(strokeWidth=2)
        .encode(
            x=as_x,
            y=as_y,
            color=kleur,
            strokeDash=streep,
            tooltip=[
                alt.Tooltip("jaar:O", title="Jaar"),
                alt.Tooltip("reeks:N", title="Reeks"),
                alt.Tooltip("ha:Q", title="Hectare", format=",.1f"),
            ],
        )
    )
    lijn = (
        alt.Chart(punten)
        .mark_line(point=alt.OverlayMarkDef(size=80, filled=True), strokeWidth=3)
        .encode(
            x=as_x,
            y=as_y,
            color=kleur,
            strokeDash=streep,
            tooltip=[
                alt.Tooltip("jaar:O", title="Jaar"),
                alt.Tooltip("in_jaar:Q", title="Uitgegeven in dat jaar (ha)", format=",.1f"),
                alt.Tooltip("ha:Q", title=f"Opgeteld vanaf {start} (ha)", format=",.1f"),
            ],
        )
    )
    return _nl(alt.layer(band, vraag, lijn).properties(height=300))


def chart_scenario_lijnen(reeksen: dict[str, pd.DataFrame]) -> alt.Chart:
    """Overlaid lines per scenario: hard supply (solid) and the scenario's demand (dashed), per
    year, from :attr:`bedrijventerreinen.scenarios.Evaluatie.vraag_aanbod` keyed by scenario name."""
    delen = []
    for naam, va in reeksen.items():
        for kolom, reeks in (("aanbod_hard_ha", "Hard aanbod"), ("vraag_scenario_ha", "Vraag")):
            delen.append(pd.DataFrame({"jaar": va["jaar"], "ha": va[kolom], "scenario": naam, "reeks": reeks}))
    lang = pd.concat(delen, ignore_index=True)
    chart = (
        alt.Chart(lang)
        .mark_line(point=True, strokeWidth=3)
        .encode(
            x=alt.X("jaar:O", title="Jaar"),
            y=alt.Y("ha:Q", title="Hectare (cumulatief)", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "scenario:N",
                title="Scenario",
                scale=alt.Scale(range=_SCENARIO_KLEUREN),
                legend=alt.Legend(orient="bottom"),
            ),
            strokeDash=alt.StrokeDash(
                "reeks:N", title=None, scale=alt.Scale(domain=["Hard aanbod", "Vraag"], range=[[1, 0], [6, 4]])
            ),
            tooltip=[
                alt.Tooltip("scenario:N", title="Scenario"),
                alt.Tooltip("reeks:N", title="Reeks"),
                alt.Tooltip("jaar:O", title="Jaar"),
                alt.Tooltip("ha:Q", title="Hectare", format=",.1f"),
            ],
        )
        .properties(height=340)
    )
    return _nl(chart)


# Okabe-Ito: distinguishable for colour-blind viewers and on a washed-out projector.
_SCENARIO_KLEUREN = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]


#: At most this many features of each source are drawn in :func:`chart_voorbeeldkaart`.
MAX_KAART = 2_000


def chart_voorbeeldkaart(nieuw: gpd.GeoDataFrame, huidig: pd.DataFrame | None = None) -> alt.Chart:
    """A small map of the imported features (blue) over the current ones (grey outline),
    in WGS84, simplified to 2 m; at most :data:`MAX_KAART` features of each are drawn."""

    def features(gdf: gpd.GeoDataFrame, bron: str) -> list[dict]:
        g = gdf[gdf.geometry.notna()].head(MAX_KAART)
        if g.empty:
            return []
        naamkolom = next((c for c in ("naam", "identificatie", "transformatie_id") if c in g.columns), None)
        # d3-geo (Vega) wants exterior rings clockwise, else a polygon covers the whole globe.
        vereenvoudigd = shapely.orient_polygons(
            shapely.simplify(g.geometry.array, 2.0, preserve_topology=True), exterior_cw=True
        )
        w = gpd.GeoDataFrame(
            {"bron": bron, "naam": g[naamkolom].astype("string").fillna("") if naamkolom else ""},
            geometry=gpd.GeoSeries(vereenvoudigd, index=g.index, crs=g.crs),
        ).to_crs(schema.CRS_WEB)
        return json.loads(w.to_json(drop_id=True))["features"]

    waarden = features(nieuw, "Bestand")
    if isinstance(huidig, gpd.GeoDataFrame):
        waarden = features(huidig, "Huidig") + waarden
    basis = alt.Chart(alt.Data(values=waarden)).project(type="mercator")
    return (
        basis.mark_geoshape(strokeWidth=1)
        .encode(
            color=alt.Color(
                "properties.bron:N",
                title=None,
                scale=alt.Scale(domain=["Huidig", "Bestand"], range=["#bbbbbb", "#0b4f8a"]),
                legend=alt.Legend(orient="bottom"),
            ),
            opacity=alt.condition(alt.datum["properties"]["bron"] == "Huidig", alt.value(0.35), alt.value(0.6)),
            tooltip=[alt.Tooltip("properties.naam:N", title="Naam"), alt.Tooltip("properties.bron:N", title="Bron")],
        )
        .properties(height=420)
    )
