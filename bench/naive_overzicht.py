"""Naive Overzicht for the benchmark: the common first shape of a Streamlit app —
no caching, every rerun opens the store, loads all layers and recomputes everything."""

import streamlit as st

from bedrijventerreinen import aanbod, balance, store, strategy, toetsing

planstatus = st.sidebar.radio("Planstatus", ["gerealiseerd", "hard", "zacht", "idee"], index=1, key="filter_planstatus")
s = store.open_store()
lagen = {laag: s.load(laag) for laag in store.LAGEN}
strat = strategy.load_strategie()
t, m, k = lagen["terreinen"], lagen["mutaties"], lagen["koppelingen"]
st.dataframe(balance.format_balans(balance.compute_hectarebalans(t, m, k, strat, planstatus)))
st.dataframe(toetsing.bevindingen_frame(toetsing.check_strategie(t, m, k, strat)))
st.line_chart(aanbod.compute_vraag_aanbod(t, m, strat), x="jaar")
