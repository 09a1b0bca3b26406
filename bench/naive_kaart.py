"""Naive Kaart for the benchmark: no caching, full-resolution geometry, every column to
the map, and st_folium returning everything (so each pan would rerun the script)."""

import folium
import streamlit as st
from streamlit_folium import st_folium

from bedrijventerreinen import store

st.sidebar.radio("Planstatus", ["gerealiseerd", "hard", "zacht", "idee"], index=1, key="filter_planstatus")
s = store.open_store()
terreinen, mutaties = s.load_terreinen(), s.load_mutaties()
kaart = folium.Map(location=[52.16, 4.49], zoom_start=11, tiles=None)
for gdf in (terreinen, mutaties[mutaties.geometry.notna()]):
    velden = [c for c in gdf.columns if c != "geometry"]
    folium.GeoJson(gdf.to_crs(4326).to_json(), tooltip=folium.GeoJsonTooltip(fields=velden)).add_to(kaart)
st_folium(kaart, width=1200, height=700)
