"""Kanszones: density of every park from its panden, densification potential against adjustable
targets, the kanszones with their potential, candidate zones on the map, and drawing a new zone."""

import streamlit as st

from bedrijventerreinen import kanszones
from bedrijventerreinen.formatting import format_getal
from bedrijventerreinen.ui import kanszones as kz
from bedrijventerreinen.ui import page_context, page_header

ctx = page_context()
standaard = kz.load_parameters()
typologieen = sorted(ctx.lagen["terreinen"]["typologie"].dropna().astype(str).unique()) or [kanszones.STANDAARD]
par = kz.render_doelen(standaard, typologieen)
page_header("Kanszones en verdichting", ctx)
kz.render_melding()

u = kz.compute_uitkomst(ctx, par)
if u.n_panden == 0:
    st.info("Er zijn nog geen panden ingelezen. Lees een BAG-uittreksel (panden) in via de pagina Data.")
st.caption(
    f"Panden: {format_getal(u.n_panden, 0)} ({u.panden_bron}). Doelen en drempels stelt u in de zijbalk in; "
    "de cijfers veranderen direct mee."
)
kz.render_kerncijfers(u, par)

st.subheader("Dichtheid per terrein")
links, rechts = st.columns([3, 2], gap="medium")
with rechts:
    maat = st.radio(
        "Grafiek", ["bebouwingsgraad", "fsi"], format_func={"bebouwingsgraad": "Bebouwingsgraad", "fsi": "FSI"}.get,
        horizontal=True, key=kz.KZ_GRAFIEK,
    )  # fmt: skip
    if (u.terreinen["n_panden"] > 0).any():
        st.altair_chart(kanszones.chart_dichtheid(u.terreinen, maat), width="stretch")
        st.caption("Blauwe staaf: huidige waarde; zwart streepje: het doel van het terreintype.")
with links:
    st.dataframe(
        kanszones.format_terreindichtheid(u.terreinen), hide_index=True, width="stretch", height=520,
        column_config={label: st.column_config.TextColumn(label, help=uitleg) for label, uitleg in kanszones.UITLEG.values()},
    )  # fmt: skip
    st.caption(
        "Potentie in ha-equivalent: " + kanszones.HA_EQUIVALENT_UITLEG + ". Terreinen zonder panden of zonder "
        "contour: potentie onbekend, ze tellen niet mee in het totaal. Koers nieuw of transformeren: telt niet "
        "(0 m²). Het bestemmingsplan begrenst de doelen waar het terrein een maximale bebouwingsgraad of "
        "bouwhoogte vastlegt."
    )

st.subheader("Kanszones")
if u.kanszones.empty:
    st.info("Geen kanszones in deze selectie.")
else:
    st.dataframe(kanszones.format_kanszonedichtheid(u.kanszones), hide_index=True, width="stretch")
    st.caption(
        "Berekend: uit de panden in de zone en de doelen in de zijbalk, binnen het bestemmingsplan van het terrein; "
        "onbekend op een terrein zonder panden. Opgegeven: de potentie zoals vastgelegd in het register (in de "
        "voorbeelddata geen bron). Ha-eq.: " + kanszones.HA_EQUIVALENT_UITLEG + "."
    )

st.subheader("Kaart: kanszones en kandidaat-zones")
kaart, formulier = st.columns([7, 3], gap="medium")
with kaart:
    tekening = kz.render_kaart(ctx, u, par)
with formulier:
    kz.render_tekening_opslaan(ctx, tekening, par)

st.subheader("Kandidaat-zones")
if u.kandidaten.empty:
    st.info("Geen kandidaat-zones gevonden met deze drempels.")
else:
    st.dataframe(kanszones.format_kandidaten(u.kandidaten), hide_index=True, width="stretch")
    kz.render_kandidaat_overnemen(ctx, u, par)

kz.render_uitleg(par, u)
