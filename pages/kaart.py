"""Kaart: the parks of the region by strategy course, transformations, compensations,
expansions and kanszones; click a park for its hectares, mutaties and bevindingen."""

import streamlit as st

from bedrijventerreinen import maps
from bedrijventerreinen.formatting import format_getal
from bedrijventerreinen.ui import page_context, page_header
from bedrijventerreinen.ui.kaart import (
    describe_zonder_contour,
    load_kaartdata,
    load_zonder_contour,
    render_kaart,
    render_kaartinstellingen,
    render_terreindetail,
    render_zonder_contour,
    select_terrein,
)

ctx = page_context()
lagen, basiskaart = render_kaartinstellingen()
page_header("Kaart van de regio", ctx)

kaartdata = load_kaartdata(ctx, lagen)
zonder_contour = load_zonder_contour(ctx)
kaart, detail = st.columns([7, 3], gap="medium")
with detail:
    terrein_id = select_terrein(ctx)
with kaart:
    if not lagen:
        st.info("Alle kaartlagen staan uit. Zet in de zijbalk onder **Kaart** een laag aan.")
    elif kaartdata.bounds is None:
        st.info("Er staat niets op de kaart voor deze selectie van gemeenten, plannen en lagen.")
    else:
        render_kaart(kaartdata, basiskaart, terrein_id)
        labels = {k.code: k.label.lower() for k in maps.KAARTLAGEN}
        st.caption(
            "Op de kaart: "
            + ", ".join(f"{labels[laag]}: {format_getal(n, 0)}" for laag, n in kaartdata.aantallen.items())
            + ". Mutaties tellen mee zoals in de hectarebalans (gekozen planstatus en periode). "
            + describe_zonder_contour(zonder_contour)
        )
with detail:
    render_terreindetail(ctx, terrein_id, zonder_contour)

render_zonder_contour(zonder_contour)

with st.expander("Wat betekenen de kleuren en lijnen?"):
    st.markdown(
        "\n".join(f"- **{p.label}** ({p.groep.lower()}): {p.uitleg}" for p in maps.legenda(kaartdata.onbekende_koers))
    )
