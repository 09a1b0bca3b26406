"""Streamlit helpers of the Kaart page: map settings in the sidebar, display data cached per
store version, the map component (which reruns the page only on a click) and the details
panel of the selected park."""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from .. import maps, schema
from ..formatting import escape_markdown, format_getal, format_ha
from . import state
from .common import Context

KAART_ACHTERGROND = state.sleutel("kaart_achtergrond")
KAART_TERREIN = state.sleutel("kaart_terrein")
KAART_COMPONENT = state.sleutel("kaart")

#: Default background (licht | luchtfoto | geen); "geen" for offline rooms and tests.
ENV_ACHTERGROND = "BEDRIJVENTERREINEN_ACHTERGROND"
#: Tile URL of the aerial photo; empty to offer no aerial photo.
ENV_LUCHTFOTO = "BEDRIJVENTERREINEN_LUCHTFOTO_URL"

#: st_folium returns only what the click handler reads: panning and zooming change neither,
#: so they do not rerun the page. ``last_object_clicked`` (the click position) makes a
#: second click on the same shape count as a new click.
RETURNED_OBJECTS = ["last_active_drawing", "last_object_clicked"]
KAART_HOOGTE = 680


def asset_base() -> str:
    """URL prefix of the app's static files, honouring ``server.baseUrlPath``."""
    basis = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{basis}/app/static" if basis else maps.ASSET_BASE


def beschikbare_basiskaarten() -> tuple[maps.Basiskaart, ...]:
    """Background choices: the aerial photo only when a tile URL is configured."""
    return maps.basiskaarten(os.environ.get(ENV_LUCHTFOTO, maps.BASISKAART_LUCHTFOTO.url))


def render_kaartinstellingen() -> tuple[list[str], maps.Basiskaart]:
    """Sidebar controls of the map: which layers to draw and which background. Returns
    (layer codes, background)."""
    keuzes = beschikbare_basiskaarten()
    codes = [b.code for b in keuzes]
    standaard = os.environ.get(ENV_ACHTERGROND, maps.BASISKAART_LICHT.code)
    st.session_state.setdefault(KAART_ACHTERGROND, standaard if standaard in codes else codes[0])
    if st.session_state[KAART_ACHTERGROND] not in codes:
        st.session_state[KAART_ACHTERGROND] = codes[0]
    with st.sidebar:
        st.markdown("**Kaart**")
        lagen = []
        for laag in maps.KAARTLAGEN:
            sleutel = state.sleutel("kaart_lagen", laag.code)
            st.session_state.setdefault(sleutel, True)
            if st.checkbox(laag.label, key=sleutel, help=laag.uitleg):
                lagen.append(laag.code)
        code = st.radio(
            "Achtergrond",
            options=codes,
            format_func=lambda c: next(b.label for b in keuzes if b.code == c),
            key=KAART_ACHTERGROND,
            help="Zonder internet blijft de achtergrond leeg; de terreinen staan er altijd op.",
        )
    return lagen, next(b for b in keuzes if b.code == code)


@st.cache_data(show_spinner="Kaart voorbereiden…", max_entries=32)
def _kaartdata(
    pad: str,
    versie: int,
    strategie_key: int,
    gemeenten: tuple[str, ...],
    planstatus_vanaf: str,
    lagen: tuple[str, ...],
    _ctx: Context,
) -> maps.Kaartdata:
    data = _ctx.lagen
    return maps.build_kaartdata(
        data["terreinen"],
        data["mutaties"],
        data["kanszones"],
        dekking=_ctx.stand.dekking,
        strategie=_ctx.strategie,
        gemeenten=gemeenten,
        planstatus_vanaf=planstatus_vanaf,
        lagen=lagen,
    )


def load_kaartdata(ctx: Context, lagen: list[str]) -> maps.Kaartdata:
    """Display GeoJSON of the selection, cached per (store path, store version, strategy,
    gemeenten, planstatus horizon, layers)."""
    return _kaartdata(
        str(ctx.store.path),
        ctx.versie,
        hash(ctx.strategie),
        tuple(ctx.gemeenten),
        ctx.planstatus_vanaf,
        tuple(lagen),
        ctx,
    )


def _bij_klik() -> None:
    """Click callback: select the park of the clicked shape (a park, or the park a mutatie
    or kanszone lies on)."""
    klik = maps.parse_kaartklik(st.session_state.get(KAART_COMPONENT))
    if klik is not None and klik.terrein_id:
        st.session_state[KAART_TERREIN] = klik.terrein_id


def render_kaart(kaartdata: maps.Kaartdata, basiskaart: maps.Basiskaart, terrein_id: str | None) -> None:
    """The map component. Reruns the page only when an object is clicked; the selected park
    gets a thick outline added without redrawing the map."""
    m = maps.build_map_from_kaartdata(kaartdata, basiskaart=basiskaart, asset_base=asset_base())
    st_folium(
        m,
        key=KAART_COMPONENT,
        height=KAART_HOOGTE,
        use_container_width=True,
        returned_objects=RETURNED_OBJECTS,
        feature_group_to_add=maps.build_selectielaag(kaartdata, terrein_id),
        on_change=_bij_klik,
    )


def select_terrein(ctx: Context) -> str | None:
    """A select box of the parks in the selection (kept in sync with clicks on the map);
    returns the chosen terrein_id or None."""
    t = ctx.lagen["terreinen"]
    t = t[t["gemeente"].isin(ctx.gemeenten)].sort_values(["gemeente", "naam"])
    opties = list(t["terrein_id"])
    namen = dict(zip(t["terrein_id"], t["naam"].fillna("–") + " (" + t["gemeente"].fillna("–") + ")", strict=True))
    if st.session_state.get(KAART_TERREIN) not in opties:
        st.session_state[KAART_TERREIN] = None
    return st.selectbox(
        "Terrein",
        options=opties,
        format_func=lambda i: namen.get(i, str(i)),
        key=KAART_TERREIN,
        index=None,
        placeholder="Klik op de kaart of kies een terrein",
    )


#: How a park gets its contour, shown under the list of parks without one.
CONTOUR_TOEVOEGEN = (
    "Een contour toevoegen: lees op de pagina **Data** bij *Terreinen* een bestand met contouren in (GeoPackage, "
    "GeoJSON of shapefile als zip). De monitor koppelt elke contour aan het terrein met hetzelfde RIN-nummer, of anders aan "
    "het terrein met dezelfde naam in dezelfde gemeente; u ziet de koppeling voordat er iets wordt opgeslagen."
)


def load_zonder_contour(ctx: Context) -> pd.DataFrame:
    """The parks of the selection without a contour (:func:`bedrijventerreinen.maps.select_zonder_contour`)."""
    return maps.select_zonder_contour(ctx.lagen["terreinen"], ctx.gemeenten)


def describe_zonder_contour(zonder: pd.DataFrame) -> str:
    """'1 terrein zonder contour staat niet op de kaart …' for the caption under the map; '' when none."""
    n = len(zonder)
    if not n:
        return ""
    wat = "terrein zonder contour staat" if n == 1 else "terreinen zonder contour staan"
    return f"{format_getal(n, 0)} {wat} niet op de kaart (zie de lijst onder de kaart)."


def render_zonder_contour(zonder: pd.DataFrame) -> None:
    """The list under the map of parks that count but cannot be drawn, with how to add a
    contour; nothing when every park of the selection has one."""
    if zonder.empty:
        return
    st.subheader("Terreinen zonder contour")
    if len(zonder) == 1:
        st.markdown("1 terrein heeft nog geen contour: het telt mee in alle cijfers, maar staat niet op de kaart.")
    else:
        st.markdown(
            f"{format_getal(len(zonder), 0)} terreinen hebben nog geen contour: ze tellen mee in alle cijfers, "
            "maar staan niet op de kaart."
        )
    tabel = pd.DataFrame(
        {
            "Terrein": zonder["naam"].fillna("–").astype(str).to_numpy(),
            "Gemeente": zonder["gemeente"].fillna("–").astype(str).to_numpy(),
            "RIN-nummer": zonder["rin_nummer"].fillna("–").astype(str).to_numpy(),
            "Netto": [format_ha(v, 2) for v in zonder["netto_ha"]],
            "Bruto": [format_ha(v, 2) for v in zonder["bruto_ha"]],
        }
    )
    st.dataframe(
        tabel,
        hide_index=True,
        width="stretch",
        column_config={
            "Terrein": st.column_config.TextColumn("Terrein", width="large"),
            "Gemeente": st.column_config.TextColumn("Gemeente", width="small"),
            "RIN-nummer": st.column_config.TextColumn("RIN-nummer", width="small", help="Landelijk IBIS-nummer"),
            "Netto": st.column_config.TextColumn("Netto", width="small", help="Netto hectares in het register"),
            "Bruto": st.column_config.TextColumn("Bruto", width="small", help="Bruto hectares in het register"),
        },
    )
    st.info(CONTOUR_TOEVOEGEN, icon=":material/add_location_alt:")


_ERNST_ICOON = {"fout": "🔴", "waarschuwing": "🟠", "info": "🔵"}


def render_terreindetail(ctx: Context, terrein_id: str | None, zonder_contour: pd.DataFrame | None = None) -> None:
    """The details panel: the park's hectares, its mutaties and its bevindingen; a note when
    the park is one of ``zonder_contour`` (it is then not on the map)."""
    if terrein_id is None:
        st.info("Klik op een terrein op de kaart om de hectares, mutaties en bevindingen te zien.")
        return
    d = maps.describe_terrein(
        terrein_id,
        ctx.lagen["terreinen"],
        ctx.lagen["mutaties"],
        ctx.stand.dekking,
        ctx.strategie,
        ctx.planstatus_vanaf,
        ctx.bevindingen,
    )
    if d is None:
        st.warning("Dit terrein staat niet (meer) in het register.")
        return
    st.subheader(escape_markdown(d.naam))
    st.markdown(f"{escape_markdown(d.gemeente)} · koers **{escape_markdown(d.koers.lower())}**", help=d.koers_uitleg)
    if zonder_contour is not None and terrein_id in set(zonder_contour["terrein_id"]):
        st.caption("Dit terrein heeft nog geen contour en staat daarom niet op de kaart; het telt wel mee.")
    tabel = pd.DataFrame(d.kerncijfers, columns=["Hectare", "Waarde"])
    st.dataframe(tabel, hide_index=True, width="stretch")
    st.markdown("**Mutaties**")
    if d.mutaties.empty:
        st.caption("Geen mutaties op dit terrein.")
    else:
        st.dataframe(d.mutaties, hide_index=True, width="stretch")
        geteld = int((d.mutaties["Telt mee"] == "ja").sum())
        st.caption(
            f"{format_getal(geteld, 0)} van {format_getal(len(d.mutaties), 0)} telt mee in de hectarebalans "
            "bij de gekozen planstatus en periode."
        )
    st.markdown("**Bevindingen**")
    if d.bevindingen.empty:
        st.caption("Geen bevindingen over dit terrein.")
    else:
        codes = {c.label: c.code for c in schema.ERNST}
        bev = d.bevindingen.assign(
            Ernst=[f"{_ERNST_ICOON.get(codes.get(e, ''), '')} {e}" for e in d.bevindingen["Ernst"]]
        )
        st.dataframe(bev, hide_index=True, width="stretch")
