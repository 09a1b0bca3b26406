"""Overzicht: KPI tiles, hectare balance per gemeente with traffic lights, charts and findings."""

import streamlit as st

from bedrijventerreinen import balance, charts, schema
from bedrijventerreinen.ui import page_context, page_header, render_kerncijfers

ctx = page_context()
page_header("Overzicht hectarebalans", ctx)

render_kerncijfers(balance.compute_kerncijfers(ctx.balans, ctx.vraag_aanbod, ctx.strategie))

st.subheader("Hectarebalans per gemeente")
st.dataframe(
    balance.format_balans(ctx.balans),
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

st.subheader("Bevindingen")
if ctx.bevindingen.empty:
    st.success("Geen bevindingen: het register is in lijn met de strategie.")
else:
    tabel = ctx.bevindingen.assign(ernst=ctx.bevindingen["ernst"].map(lambda e: schema.label(schema.ERNST, e)))
    st.dataframe(
        tabel.rename(
            columns={
                "ernst": "Ernst",
                "gemeente": "Gemeente",
                "object_id": "Object",
                "tekst": "Bevinding",
                "code": "Regel",
            }
        ),
        hide_index=True,
        width="stretch",
    )

with st.expander("Hoe berekend?"):
    st.markdown("\n".join(f"- **{label}**: {uitleg}" for label, uitleg in balance.BALANS_UITLEG.values()))
    st.markdown(
        "- **Planstatus**: "
        + "; ".join(f"{c.label.lower()}: {c.uitleg}" for c in schema.PLANSTATUS)
        + f"\n- **Vraag**: {ctx.strategie.bron}.\n- **Compensatieregel**: {ctx.strategie.compensatieregel}"
    )
