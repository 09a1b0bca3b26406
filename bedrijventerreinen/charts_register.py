"""Altair charts of the transformation/compensation register (Transformatie & compensatie page).

Colours come from :mod:`schema` (soort and planstatus); numbers use the Dutch Vega locale of
:mod:`bedrijventerreinen.charts`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import schema
from .formatting import NL_LOCALE
from .register import TIJDLIJN_REEKSEN

_SOORT_KLEUR = {c.code: c.kleur for c in schema.SOORTEN}
TEKORT_KLEUR = "#b2182b"


def _nl(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(locale=NL_LOCALE)
        .configure_axis(labelFontSize=14, titleFontSize=14)
        .configure_legend(labelFontSize=14, titleFontSize=14)
    )


def chart_tijdlijn(tijdlijn: pd.DataFrame, gemeente: str = "regio") -> alt.Chart:
    """Cumulative transformed (red) and compensated (blue) hectares per year for ``gemeente``
    (or ``regio``), from :func:`bedrijventerreinen.register.compute_tijdlijn`: solid lines
    for what is gerealiseerd, dashed lines including the counted plans."""
    df = tijdlijn[tijdlijn["gemeente"] == gemeente].copy()
    soorten = ["transformatie", "compensatie"]
    df["Soort"] = df["soort"].map(lambda s: schema.label(schema.SOORTEN, s))
    df["Reeks"] = df["reeks"].map(TIJDLIJN_REEKSEN)
    df["Lijn"] = df["Soort"] + " – " + df["Reeks"].str.lower()
    labels = [schema.label(schema.SOORTEN, s) for s in soorten]
    reeksen = list(TIJDLIJN_REEKSEN.values())
    chart = (
        alt.Chart(df)
        .mark_line(point=True, strokeWidth=3)
        .encode(
            x=alt.X("jaar:O", title="Jaar", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("ha:Q", title="Hectare (netto, cumulatief)", axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "Soort:N",
                title="Soort",
                sort=labels,
                scale=alt.Scale(domain=labels, range=[_SOORT_KLEUR[s] for s in soorten]),
                legend=alt.Legend(orient="bottom"),
            ),
            strokeDash=alt.StrokeDash(
                "Reeks:N",
                title="Stand",
                sort=reeksen,
                scale=alt.Scale(domain=reeksen, range=[[1, 0], [6, 4]]),
                legend=alt.Legend(orient="bottom", symbolType="stroke", symbolStrokeWidth=3, symbolSize=400),
            ),
            detail="Lijn:N",
            tooltip=[
                alt.Tooltip("jaar:O", title="Jaar"),
                alt.Tooltip("Soort:N", title="Soort"),
                alt.Tooltip("Reeks:N", title="Stand"),
                alt.Tooltip("ha:Q", title="Hectare", format=",.1f"),
            ],
        )
        .properties(height=380)
    )
    return _nl(chart)


def chart_dekking(dekking: pd.DataFrame) -> alt.Chart:
    """One stacked bar per transformation: hectares covered by compensation of each planstatus
    and the remaining shortfall (from :func:`bedrijventerreinen.register.compute_dekking_per_planstatus`)."""
    delen = {f"gedekt_{c.code}_ha": f"Gedekt {c.label.lower()}" for c in schema.PLANSTATUS}
    delen["tekort_ha"] = "Tekort"
    kleuren = [c.kleur for c in schema.PLANSTATUS] + [TEKORT_KLEUR]
    df = dekking.assign(
        label=dekking["mutatie_id"] + " " + dekking["naam"],
        **{k: dekking[k] for k in delen},
    )
    # Scale each part so that the covered parts never exceed the transformation (pro rata).
    gedekt = df[[k for k in delen if k != "tekort_ha"]].sum(axis=1)
    factor = (df["gedekt_totaal_ha"] / gedekt.where(gedekt > 0)).fillna(0.0)
    for k in delen:
        if k != "tekort_ha":
            df[k] = df[k] * factor
    lang = df.melt(id_vars=["label", "gemeente", "ha"], value_vars=list(delen), var_name="deel", value_name="deel_ha")
    lang["Deel"] = lang["deel"].map(delen)
    lang["volgorde"] = lang["deel"].map({k: i for i, k in enumerate(delen)})
    chart = (
        alt.Chart(lang[lang["deel_ha"] > 0])
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=list(df["label"]), axis=alt.Axis(labelLimit=320)),
            x=alt.X("deel_ha:Q", title="Hectare (netto)", stack="zero", axis=alt.Axis(format=",.1f", tickCount=8)),
            color=alt.Color(
                "Deel:N",
                title=None,
                sort=list(delen.values()),
                scale=alt.Scale(domain=list(delen.values()), range=kleuren),
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order("volgorde:Q"),
            tooltip=[
                alt.Tooltip("label:N", title="Transformatie"),
                alt.Tooltip("gemeente:N", title="Gemeente"),
                alt.Tooltip("Deel:N", title="Deel"),
                alt.Tooltip("deel_ha:Q", title="Hectare", format=",.2f"),
                alt.Tooltip("ha:Q", title="Transformatie (ha)", format=",.2f"),
            ],
        )
        .properties(height=alt.Step(26))
    )
    return _nl(chart)
