"""Streamlit helpers of the Overzicht page: the section on uitgifte and the register stock per
peiljaar (the first question of the strategy's interim evaluation). Every figure comes from
:mod:`bedrijventerreinen.ibis` through the page context; this module only formats and shows."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from .. import balance, charts, ibis
from ..formatting import escape_markdown, format_getal, format_ha
from .common import Context

#: Height of a table row in st.dataframe (px), to show a table whole instead of scrolling.
_RIJ_PX = 35


def _ha(waarde: object, teken: bool = False) -> str:
    """Hectares with two decimals, as IBIS gives them; '–' when missing."""
    return "–" if pd.isna(waarde) else format_ha(float(waarde), 2, teken=teken)


def _getal(waarde: object) -> str:
    """A hectare figure without unit, two decimals; '–' when missing."""
    return "–" if pd.isna(waarde) else format_getal(float(waarde), 2)


def _hoogte(rijen: int, max_rijen: int = 16) -> int:
    """A table height that shows ``rijen`` rows (and the header) without scrolling, up to ``max_rijen``."""
    return (min(rijen, max_rijen) + 1) * _RIJ_PX + 3


def format_voorraad_per_jaar(per_jaar: pd.DataFrame, volgorde: Sequence[str]) -> pd.DataFrame:
    """:func:`bedrijventerreinen.ibis.compute_voorraad_per_jaar` as a table for people: the
    gemeenten in ``volgorde`` (the strategy's order), each peiljaar oldest first, the ``regio``
    rows last as 'Totaal'; hectares as ``158,20 ha``."""
    rang = {g: i for i, g in enumerate([*volgorde, balance.REGIO])}
    df = per_jaar.assign(_rang=per_jaar["gemeente"].map(rang).fillna(len(rang)))
    df = df.sort_values(["_rang", "gemeente", "peiljaar"], kind="stable")
    return pd.DataFrame(
        {
            "Gemeente": df["gemeente"].replace({balance.REGIO: "Totaal"}).astype(str).to_numpy(),
            "Peiljaar": [str(int(j)) for j in df["peiljaar"]],
            "Terreinen": [format_getal(n, 0) for n in df["terreinen"]],
            "Bruto": [_ha(v) for v in df["bruto_ha"]],
            "Netto": [_ha(v) for v in df["netto_ha"]],
            "Uitgeefbaar": [_ha(v) for v in df["uitgeefbaar_ha"]],
        }
    )


def format_verandering(verandering: pd.DataFrame, van: int, tot: int) -> pd.DataFrame:
    """The parks that changed between peiljaar ``van`` and ``tot``
    (:func:`bedrijventerreinen.ibis.compute_verandering`, largest change first; parks with
    status 'gelijk' left out) as a table for people: netto and uitgeefbaar as
    ``13,80 → 15,00 ha`` ('–' where the park is not in a stock), so the table fits a laptop screen."""
    df = verandering[verandering["status"] != "gelijk"]

    def van_tot(a: pd.Series, b: pd.Series) -> list[str]:
        return [f"{_getal(x)} → {_getal(y)} ha" for x, y in zip(a, b, strict=True)]

    return pd.DataFrame(
        {
            "Terrein": df["naam"].fillna(df["terrein_id"]).astype(str).to_numpy(),
            "Gemeente": df["gemeente"].fillna("–").astype(str).to_numpy(),
            "Wijziging": df["status"].astype(str).to_numpy(),
            f"Netto {van} → {tot}": van_tot(df["netto_van"], df["netto_tot"]),
            "Verschil netto": [_ha(v, teken=True) for v in df["netto_verschil"]],
            f"Uitgeefbaar {van} → {tot}": van_tot(df["uitgeefbaar_van"], df["uitgeefbaar_tot"]),
        }
    )


def render_uitgifte_en_voorraad(ctx: Context) -> None:
    """The section 'Uitgifte en voorraad per peiljaar': which demand path the region is on (a
    sentence and a chart), netto/bruto/uitgeefbaar per peiljaar per gemeente, and what changed
    per park between the two newest peiljaren."""
    st.subheader("Uitgifte en voorraad per peiljaar")
    st.markdown(escape_markdown(ibis.describe_uitgifte(ctx.uitgifte, ctx.strategie)))
    if not ctx.uitgifte.empty:
        st.altair_chart(charts.chart_uitgifte(ctx.uitgifte, ctx.strategie), width="stretch")
        st.caption(
            "Oranje lijn: de uitgegeven grond van de regio, jaar na jaar opgeteld vanaf het eerste jaar waarvan de "
            "uitgifte bekend is (uit twee IBIS-standen of de IBIS-kolom 'uitgifte huidig jaar'). Grijze lijnen: wat "
            "de strategie over dezelfde jaren vraagt, laag en hoog: de vraag tot "
            f"{ctx.strategie.horizon} gelijk verdeeld over de jaren vanaf {ctx.strategie.referentiejaar}. "
            "Ligt de oranje lijn boven de grijze band, dan gaat de uitgifte sneller dan de strategie rekent."
        )

    st.markdown("**Voorraad per peiljaar**")
    if ctx.voorraad_per_jaar.empty:
        st.info(
            "Er is nog geen registerstand per peiljaar ingelezen. Lees de IBIS-tabel van een peiljaar in via de "
            "pagina Data; elk volgend peiljaar komt ernaast, zodat de monitor laat zien wat er veranderde."
        )
        return
    tabel = format_voorraad_per_jaar(ctx.voorraad_per_jaar, ctx.gemeenten)
    st.dataframe(
        tabel,
        hide_index=True,
        width="stretch",
        height=_hoogte(len(tabel)),
        column_config={
            "Gemeente": st.column_config.TextColumn("Gemeente", width="medium"),
            "Peiljaar": st.column_config.TextColumn("Peiljaar", width="small", help="Jaar waarop de IBIS-stand slaat."),
            "Terreinen": st.column_config.TextColumn(
                "Terreinen", width="small", help="Terreinen van minstens 1 ha bruto in die stand."
            ),
            "Bruto": st.column_config.TextColumn("Bruto", help="Het hele terrein binnen de contour."),
            "Netto": st.column_config.TextColumn("Netto", help="Alle uitgeefbare kavels, uitgegeven of niet."),
            "Uitgeefbaar": st.column_config.TextColumn(
                "Uitgeefbaar", help="Netto min uitgegeven: grond die nog te koop of te huur is."
            ),
        },
    )

    if ctx.verandering is None:
        st.caption(
            "Wat er per terrein veranderde, ziet u zodra er twee peiljaren zijn ingelezen "
            f"(nu: {', '.join(str(j) for j in ctx.peiljaren) or 'geen'})."
        )
        return
    van, tot = ctx.peiljaren[-2], ctx.peiljaren[-1]
    st.markdown(f"**Wat veranderde per terrein ({van} → {tot})**")
    wijzigingen = format_verandering(ctx.verandering, van, tot)
    gelijk = len(ctx.verandering) - len(wijzigingen)
    if wijzigingen.empty:
        st.success(f"Geen terrein in de selectie veranderde tussen {van} en {tot}.")
        return
    st.dataframe(
        wijzigingen,
        hide_index=True,
        width="stretch",
        height=_hoogte(len(wijzigingen)),
        column_config={
            # widths add up to less than the 906 px of the main column at 1366 px: nothing is cut
            "Terrein": st.column_config.TextColumn("Terrein", width=235),
            "Gemeente": st.column_config.TextColumn("Gemeente", width=100),
            "Wijziging": st.column_config.TextColumn("Wijziging", width=130),
            wijzigingen.columns[3]: st.column_config.TextColumn(wijzigingen.columns[3], width=150),
            "Verschil netto": st.column_config.TextColumn("Verschil netto", width=105),
            wijzigingen.columns[5]: st.column_config.TextColumn(wijzigingen.columns[5], width=170),
        },
    )
    if gelijk:
        wie = (
            "terrein zonder wijziging in netto of uitgeefbaar is"
            if gelijk == 1
            else "terreinen zonder wijziging in netto of uitgeefbaar zijn"
        )
        st.caption(f"{format_getal(gelijk, 0)} {wie} weggelaten.")
