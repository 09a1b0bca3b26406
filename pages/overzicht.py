"""Overzicht: KPI tiles, hectare balance per gemeente with traffic lights, charts and findings."""

import streamlit as st

from bedrijventerreinen import balance, charts, schema, toetsing
from bedrijventerreinen.ui import page_context, page_header, render_kerncijfers
from bedrijventerreinen.ui.common import style_categorie
from bedrijventerreinen.ui.overzicht import render_uitgifte_en_voorraad
from bedrijventerreinen.ui.vergadermodus import render_handout_knop

ctx = page_context()
page_header("Overzicht hectarebalans", ctx)
render_handout_knop(ctx)

render_kerncijfers(ctx.stand.tegels())

st.subheader("Hectarebalans per gemeente")
tabel = balance.format_balans(ctx.balans)
st.dataframe(
    style_categorie(tabel, balance.BALANS_UITLEG["verkeerslicht"][0], schema.VERKEERSLICHT),
    hide_index=True,
    width="stretch",
    column_config={
        label: st.column_config.TextColumn(label, help=uitleg) for label, uitleg in balance.BALANS_UITLEG.values()
    },
)

links, rechts = st.columns(2)
with links:
    st.subheader("Transformatie en compensatie")
    st.altair_chart(charts.chart_transformatie_compensatie(ctx.balans), width="stretch")
with rechts:
    st.subheader(f"Aanbod en vraag tot {ctx.strategie.horizon} (regio)")
    st.altair_chart(charts.chart_vraag_aanbod(ctx.vraag_aanbod), width="stretch")
    st.caption("Grijze band: de regionale vraag tussen laag en hoog, lineair opgebouwd vanaf het referentiejaar.")
    if aanbod_strategie := ctx.stand.describe_aanbod():
        st.markdown(aanbod_strategie)

st.subheader("Bevindingen")
if ctx.bevindingen.empty:
    st.success("Geen bevindingen: het register is in lijn met de strategie.")
else:
    st.dataframe(
        style_categorie(toetsing.format_bevindingen(ctx.bevindingen), "Ernst", schema.ERNST),
        hide_index=True,
        width="stretch",
        column_config={
            "Ernst": st.column_config.TextColumn("Ernst", width="small"),
            "Bevinding": st.column_config.TextColumn("Bevinding", width="large"),
            "Object": st.column_config.TextColumn("Object", width="small"),
            "Regel": st.column_config.TextColumn("Regel", width="small"),
        },
    )

render_uitgifte_en_voorraad(ctx)

with st.expander("Hoe berekend?"):
    st.markdown("\n".join(f"- **{label}**: {uitleg}" for label, uitleg in balance.BALANS_UITLEG.values()))
    st.markdown(
        "- **Planstatus**: "
        + "; ".join(f"{c.label.lower()}: {c.uitleg}" for c in schema.PLANSTATUS)
        + f"\n- **Vraag**: {ctx.strategie.bron}.\n- **Compensatieregel**: {ctx.strategie.compensatieregel}"
        + "\n- **Regels van de bevindingen**: "
        + "; ".join(f"{code} ({ernst}): {tekst}" for code, (ernst, tekst) in toetsing.REGELS.items())
    )
