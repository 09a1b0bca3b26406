"""Streamlit helpers of the Kanszones page: the panden in use, the targets as sliders, the
density figures cached per (store, version, settings), the map with kanszones, candidate
zones and a drawing tool, and saving a drawn (or proposed) kanszone to the store."""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from branca.element import MacroElement
from folium.plugins import Draw
from jinja2 import Template
from streamlit_folium import st_folium

from .. import io, kanszones, maps, schema, store
from ..formatting import escape_markdown, format_getal, format_ha, format_m2, format_pct
from ..toegang import GeenToegang, Recht, geen_recht_tekst
from .common import Context
from .kaart import asset_base

KZ_KANDIDATEN_TONEN = "kz_kandidaten_tonen"
KZ_KAART_TELLER = "kz_kaart_teller"
KZ_MELDING = "kz_melding"
KZ_GRAFIEK = "kz_grafiek"
#: Leaflet.draw, served from the app's static files like Leaflet itself (no CDN).
LEAFLET_DRAW_MAP = "leaflet-draw-1.0.4"
KAART_HOOGTE = 620
#: How candidate zones are drawn: dashed magenta outline, light fill (distinct from the koers colours).
STIJL_KANDIDAAT = maps.Stijl("#b0179a", 0.12, 3.0, "6 4")
KANDIDAAT_VELDEN = {
    "id": "Kandidaat",
    "terrein": "Terrein",
    "oppervlak": "Oppervlak",
    "bebouwingsgraad": "Bebouwingsgraad",
    "potentie": "Potentie",
    "redenen": "Waarom",
}
MAATREGELEN = (
    "Hoger bouwen (optoppen)",
    "Kavelsplitsing en inbreiding",
    "Collectief of gestapeld parkeren",
    "Gestapelde bedrijfsruimte",
    "Herontwikkeling verouderde panden",
    "Anders (zie toelichting)",
)


class _NlTekenteksten(MacroElement):
    """Dutch texts for the Leaflet.draw toolbar and tooltips (its defaults are English)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (d) {
            if (!d) { return; }
            d.draw.toolbar.actions = {title: "Tekenen annuleren", text: "Annuleren"};
            d.draw.toolbar.finish = {title: "Tekenen afronden", text: "Afronden"};
            d.draw.toolbar.undo = {title: "Laatste punt wissen", text: "Laatste punt wissen"};
            d.draw.toolbar.buttons.polygon = "Kanszone tekenen (vijfhoek)";
            d.draw.toolbar.buttons.rectangle = "Kanszone tekenen (rechthoek)";
            d.draw.handlers.polygon.tooltip = {start: "Klik om de vorm te beginnen.",
                cont: "Klik om verder te tekenen.", end: "Klik op het eerste punt om de vorm te sluiten."};
            d.draw.handlers.polyline.error = "<strong>Let op:</strong> randen mogen elkaar niet kruisen.";
            d.draw.handlers.rectangle.tooltip = {start: "Klik en sleep om een rechthoek te tekenen."};
            d.draw.handlers.simpleshape.tooltip = {end: "Laat de muis los om af te ronden."};
            d.edit.toolbar.actions.save = {title: "Wijzigingen bewaren", text: "Bewaren"};
            d.edit.toolbar.actions.cancel = {title: "Annuleren", text: "Annuleren"};
            d.edit.toolbar.actions.clearAll = {title: "Alle tekeningen wissen", text: "Alles wissen"};
            d.edit.toolbar.buttons.remove = "Tekening wissen";
            d.edit.toolbar.buttons.removeDisabled = "Geen tekening om te wissen";
            d.edit.handlers.remove.tooltip = {text: "Klik op een tekening om die te wissen."};
        })(L.drawLocal);
        {% endmacro %}
        """
    )


@dataclass(frozen=True)
class Uitkomst:
    """Everything the page shows, computed once per (store version, settings)."""

    terreinen: pd.DataFrame
    regionale_fsi: float
    kanszones: pd.DataFrame
    kandidaten: gpd.GeoDataFrame
    n_panden: int
    panden_bron: str


@st.cache_data(show_spinner="Panden laden…", max_entries=4)
def _load_panden(pad: str, versie: int, is_voorbeeld: bool) -> tuple[gpd.GeoDataFrame, str]:
    panden = store.Store(pad).load_panden()
    if len(panden):
        return panden, "synthetische voorbeeldpanden uit de opslag" if is_voorbeeld else "uit de opslag"
    if is_voorbeeld:  # a sample store made before the sample held panden
        bestand = io.VOORBEELD_MAP / "panden.geojson"
        if bestand.exists():
            return io.read_laag_bestand(bestand, "panden"), "synthetische voorbeeldpanden"
    return panden, "geen panden"


def alleen_lezen(ctx: Context) -> bool:
    """True when this user cannot draw or save kanszones here: a peildatum (snapshot) is shown,
    or their role may not change the register (the store refuses either way)."""
    return not ctx.mag(Recht.REGISTER_WIJZIGEN)


def load_panden(ctx: Context) -> tuple[gpd.GeoDataFrame, str]:
    """The panden of the store (cached per store version); while the store holds sample data
    without panden, the shipped synthetic panden (``data/voorbeeld/panden.geojson``).
    Returns (panden, where they come from, in Dutch)."""
    return _load_panden(str(ctx.store.path), ctx.versie, ctx.is_voorbeeld)


@st.cache_data(show_spinner=False)
def _parameters(pad: str, mtime: float) -> kanszones.KanszoneParameters:
    return kanszones.load_kanszone_parameters(pad)


def load_parameters() -> kanszones.KanszoneParameters:
    """The defaults of ``[kanszones]`` in ``data/strategie.toml``; stops the page with a Dutch
    message when they cannot be read."""
    pad = kanszones.STRATEGIE_PAD
    try:
        return _parameters(str(pad), pad.stat().st_mtime if pad.exists() else 0.0)
    except kanszones.KanszoneFout as e:
        st.error(str(e))
        st.stop()
        raise


def render_doelen(standaard: kanszones.KanszoneParameters, typologieen: list[str]) -> kanszones.KanszoneParameters:
    """Sidebar sliders for the targets per park type and the candidate settings, starting from
    ``standaard``; returns the parameters as set. Every change reruns the page."""
    par = standaard
    with st.sidebar:
        st.markdown("**Doelen verdichting**")
        for typ in typologieen:
            doel = standaard.doel(typ)
            st.caption(f"Terreintype {escape_markdown(typ)}")
            bg = st.slider(
                f"Doel-bebouwingsgraad ({escape_markdown(typ)})",
                min_value=10,
                max_value=90,
                value=round(doel.bebouwingsgraad * 100),
                step=5,
                format="%d %%",
                key=f"kz_doel_bg_{typ}",
                help="Bebouwd oppervlak ÷ netto oppervlak dat dit terreintype kan halen.",
            )
            fsi = st.slider(
                f"Doel-FSI ({escape_markdown(typ)})",
                min_value=0.2,
                max_value=3.0,
                value=float(doel.fsi),
                step=0.1,
                format="%.1f",
                key=f"kz_doel_fsi_{typ}",
                help="Bruto vloeroppervlak ÷ netto oppervlak dat dit terreintype kan halen.",
            )
            par = par.with_doel(typ, bg / 100, fsi)
        st.markdown("**Kandidaat-zones**")
        oud = st.slider(
            "Oud: gebouwd vóór",
            min_value=1950,
            max_value=2010,
            value=int(standaard.oud_voor_jaar),
            step=5,
            key="kz_oud_jaar",
            help="Panden met een bouwjaar vóór dit jaar tellen als oud.",
        )
        drempel = st.slider(
            "Laag benut: bebouwingsgraad onder",
            min_value=5,
            max_value=60,
            value=round(standaard.drempel_bebouwingsgraad * 100),
            step=5,
            format="%d %%",
            key="kz_drempel_bg",
        )
        minimum = st.slider(
            "Minimale grootte kandidaat",
            min_value=0.25,
            max_value=5.0,
            value=float(standaard.minimum_kandidaat_ha),
            step=0.25,
            format="%.2f ha",
            key="kz_minimum_ha",
        )
    return dataclasses.replace(
        par, oud_voor_jaar=int(oud), drempel_bebouwingsgraad=drempel / 100, minimum_kandidaat_ha=float(minimum)
    )


@st.cache_data(show_spinner="Dichtheid en kandidaat-zones berekenen…", max_entries=16)
def _bereken(pad: str, versie: int, sleutel: str, _ctx: Context, _par: kanszones.KanszoneParameters) -> Uitkomst:
    panden, bron = load_panden(_ctx)
    lagen = _ctx.lagen
    td, rf = kanszones.compute_terreindichtheid(lagen["terreinen"], panden, _par)
    kd = kanszones.compute_kanszonedichtheid(lagen["kanszones"], lagen["terreinen"], panden, _par, rf)
    kand = kanszones.find_kandidaten(lagen["terreinen"], panden, _par, rf, lagen["kanszones"])
    return Uitkomst(td, rf, kd, kand, len(panden), bron)


def compute_uitkomst(ctx: Context, par: kanszones.KanszoneParameters) -> Uitkomst:
    """Density per park, per kanszone and the candidates for the whole region (cached per
    store path, version and settings), then narrowed to the selected gemeenten."""
    u = _bereken(str(ctx.store.path), ctx.versie, par.sleutel(), ctx, par)
    gem = set(ctx.gemeenten)
    t = u.terreinen[u.terreinen["gemeente"].isin(gem).to_numpy()]
    ids = set(t["terrein_id"])
    return Uitkomst(
        t.reset_index(drop=True),
        u.regionale_fsi,
        u.kanszones[u.kanszones["terrein_id"].isin(ids).to_numpy()].reset_index(drop=True),
        u.kandidaten[u.kandidaten["gemeente"].isin(gem).to_numpy()].reset_index(drop=True),
        u.n_panden,
        u.panden_bron,
    )


def render_kerncijfers(u: Uitkomst, par: kanszones.KanszoneParameters) -> None:
    """The headline figures (:func:`bedrijventerreinen.kanszones.compute_kerncijfers`) as tiles,
    then the parks' potential as a sentence that says what a hectare-equivalent is, its share
    of the netto area against the provinces' 20–30 % and how many parks are unknown
    (:func:`bedrijventerreinen.kanszones.format_potentie_totaal`); a warning when the share
    lies outside that range."""
    cijfers = kanszones.compute_kerncijfers(u.terreinen, u.kanszones, u.kandidaten, u.regionale_fsi, par)
    for kol, (label, tekst, uitleg) in zip(st.columns(len(cijfers)), cijfers, strict=True):
        with kol:
            st.metric(label, tekst, help=f"Hoe berekend: {uitleg}", border=True)
    totaal = kanszones.compute_potentie_totaal(u.terreinen)
    # captions read markdown: escaped like all text, although the sentence holds no user text
    st.caption(escape_markdown(kanszones.format_potentie_totaal(totaal, par)))
    oordeel = kanszones.compute_aandeel_oordeel(totaal, par)
    if oordeel in ("boven", "onder"):
        st.warning(escape_markdown(kanszones.format_aandeel_waarschuwing(totaal, par)))


# --------------------------------------------------------------------------------------
# The map
# --------------------------------------------------------------------------------------


def kandidaten_geojson(kandidaten: gpd.GeoDataFrame) -> dict[str, Any]:
    """Candidate zones as display GeoJSON (EPSG:4326, simplified like the other layers by
    :func:`bedrijventerreinen.maps.simplify_for_display`), every text escaped."""
    if kandidaten.empty:
        return {"type": "FeatureCollection", "features": []}
    weergave = maps.simplify_for_display(kandidaten)
    features = []
    for i, (g, r) in enumerate(zip(weergave.geometry, weergave.itertuples(index=False), strict=True)):
        props = {
            "laag": "kandidaten",
            "id": maps.escape_tekst(r.kandidaat_id),
            "terrein": maps.escape_tekst(r.terrein),
            "oppervlak": format_ha(float(r.oppervlak_ha), 2),
            "bebouwingsgraad": format_pct(r.bebouwingsgraad) if pd.notna(r.bebouwingsgraad) else "–",
            "potentie": f"{format_m2(r.potentie_m2_bvo)} bvo · {kanszones.format_ha_equivalent(r.potentie_ha, 2)}",
            "redenen": maps.escape_tekst(r.redenen),
        }
        features.append({"type": "Feature", "id": i, "properties": props, "geometry": g.__geo_interface__})
    return {"type": "FeatureCollection", "features": features}


@st.cache_data(show_spinner="Kaart voorbereiden…", max_entries=16)
def _kaartdata(pad: str, versie: int, gemeenten: tuple[str, ...], _ctx: Context) -> maps.Kaartdata:
    return maps.build_kaartdata(
        _ctx.lagen["terreinen"],
        None,
        _ctx.lagen["kanszones"],
        gemeenten=gemeenten,
        lagen=("terreinen", "kanszones"),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _kandidaten_geojson(pad: str, versie: int, sleutel: str, gemeenten: tuple[str, ...], _kandidaten) -> dict[str, Any]:
    return kandidaten_geojson(_kandidaten)


def build_kanszonekaart(
    kaartdata: maps.Kaartdata,
    kandidaten: gpd.GeoDataFrame | None,
    basis: str,
    tekenen: bool = True,
    kandidaten_fc: dict[str, Any] | None = None,
) -> folium.Map:
    """The map of the page: parks and kanszones exactly as on the Kaart page
    (:func:`bedrijventerreinen.maps.build_map_from_kaartdata`, no background), the candidate
    zones (when given) as a dashed magenta layer with escaped tooltips, and a drawing tool
    (Leaflet.draw from the app's static files) for polygons and rectangles only."""
    m = maps.build_map_from_kaartdata(kaartdata, basiskaart=maps.BASISKAART_GEEN, asset_base=basis, hoogte="100%")
    if kandidaten is not None and len(kandidaten):
        fc = kandidaten_fc if kandidaten_fc is not None else kandidaten_geojson(kandidaten)
        stijl = STIJL_KANDIDAAT.leaflet("kaart-kandidaten")
        # no entry in the layer switch (the page has its own toggle): the switch is built
        # before this group exists; between the parks and the kanszones in drawing order
        folium.map.CustomPane("kaart-kandidaten", z_index=435).add_to(m)
        groep = folium.FeatureGroup(name=html.escape(f"Kandidaat-zones ({len(fc['features'])})"), control=False)
        folium.GeoJson(
            fc,
            style_function=lambda _f, s=stijl: s,
            highlight_function=lambda _f, s=stijl: {**s, "weight": s["weight"] + 2},
            tooltip=folium.GeoJsonTooltip(
                fields=list(KANDIDAAT_VELDEN), aliases=[html.escape(a) for a in KANDIDAAT_VELDEN.values()], sticky=True
            ),
            pane="kaart-kandidaten",
            control=False,
        ).add_to(groep)
        groep.add_to(m)
    if tekenen:
        _NlTekenteksten().add_to(m)
        draw = Draw(
            position="topleft",
            draw_options={
                "polyline": False,
                "circle": False,
                "marker": False,
                "circlemarker": False,
                "polygon": {"allowIntersection": False, "showArea": False},
                "rectangle": True,
            },
            edit_options={"edit": False, "remove": True},
        )
        b = basis.rstrip("/")
        draw.default_js = [("leaflet_draw_js", f"{b}/{LEAFLET_DRAW_MAP}/leaflet.draw.js")]
        draw.default_css = [("leaflet_draw_css", f"{b}/{LEAFLET_DRAW_MAP}/leaflet.draw.css")]
        draw.add_to(m)
    return m


def render_kaart(ctx: Context, u: Uitkomst, par: kanszones.KanszoneParameters) -> dict[str, Any] | None:
    """The map with the candidate toggle; returns the last drawn shape (GeoJSON Feature) or None.
    Only drawings are sent back, so panning and zooming do not rerun the page."""
    st.session_state.setdefault(KZ_KANDIDATEN_TONEN, True)
    st.session_state.setdefault(KZ_KAART_TELLER, 0)
    tonen = st.toggle("Kandidaat-zones tonen", key=KZ_KANDIDATEN_TONEN)
    kaartdata = _kaartdata(str(ctx.store.path), ctx.versie, tuple(ctx.gemeenten), ctx)
    if kaartdata.bounds is None:
        st.info("Er staan geen terreinen op de kaart voor deze selectie van gemeenten.")
        return None
    fc = None
    if tonen and len(u.kandidaten):  # display GeoJSON cached per store version, settings and selection
        fc = _kandidaten_geojson(str(ctx.store.path), ctx.versie, par.sleutel(), tuple(ctx.gemeenten), u.kandidaten)
    m = build_kanszonekaart(
        kaartdata, u.kandidaten if tonen else None, asset_base(), tekenen=not alleen_lezen(ctx), kandidaten_fc=fc
    )
    sleutel = f"kz_kaart_{st.session_state[KZ_KAART_TELLER]}"
    uit = st_folium(
        m,
        key=sleutel,
        height=KAART_HOOGTE,
        use_container_width=True,
        returned_objects=["all_drawings"],
    )
    aantallen = kaartdata.aantallen
    st.caption(
        f"Op de kaart: {format_getal(aantallen.get('terreinen', 0), 0)} terreinen (kleur: koers), "
        f"{format_getal(aantallen.get('kanszones', 0), 0)} kanszones (dikke zwarte stippellijn)"
        + (f", {format_getal(len(u.kandidaten), 0)} kandidaat-zones (paarse streeplijn)" if tonen else "")
        + "."
        + ("" if alleen_lezen(ctx) else " Teken een nieuwe kanszone met de vijfhoek of rechthoek links op de kaart.")
    )
    # st_folium also keeps its last value under our key (set on every change)
    tekeningen = (uit or {}).get("all_drawings") or (st.session_state.get(sleutel) or {}).get("all_drawings") or []
    vlakken = [
        t
        for t in tekeningen
        if isinstance(t, dict) and (t.get("geometry") or {}).get("type") in ("Polygon", "MultiPolygon")
    ]
    return vlakken[-1] if vlakken else None


# --------------------------------------------------------------------------------------
# Saving a kanszone
# --------------------------------------------------------------------------------------


def _opslaan(
    ctx: Context, vorm: Any, naam: str, maatregel: str, toelichting: str, par: kanszones.KanszoneParameters
) -> None:
    """Validate, compute the zone's potential with the current targets and write it in one
    transaction against the version the page was built from."""
    panden, _ = load_panden(ctx)
    u = _bereken(str(ctx.store.path), ctx.versie, par.sleutel(), ctx, par)
    try:
        terrein_id = kanszones.find_terrein_van(vorm, ctx.lagen["terreinen"])
        proef = gpd.GeoDataFrame(
            {"kanszone_id": ["nieuw"], "terrein_id": [terrein_id], "naam": [naam], "maatregel": [maatregel],
             "potentie_m2_bvo": [None], "potentie_ha": [None], "status": [None]},
            geometry=[vorm], crs=schema.CRS_RD,
        )  # fmt: skip
        potentie = kanszones.compute_kanszonedichtheid(
            proef, ctx.lagen["terreinen"], panden, par, u.regionale_fsi
        ).iloc[0]
        if potentie["potentie_bekend"]:
            toel = toelichting.strip() or (
                f"Potentie berekend op {kanszones.vandaag()} uit {u.panden_bron} met de doelen van het terreintype, "
                f"binnen het bestemmingsplan (bebouwingsgraad {format_pct(potentie['doel_bebouwingsgraad'])}, "
                f"FSI {format_getal(potentie['doel_fsi'], 2)})."
            )
        else:
            toel = toelichting.strip() or (
                f"Potentie {potentie['potentie_status']} op {kanszones.vandaag()}: van dit terrein zijn geen "
                "panden bekend."
            )
        laag, audit = kanszones.add_kanszone(
            ctx.lagen["kanszones"], ctx.lagen["terreinen"], vorm, naam, maatregel, toel, potentie
        )
        ctx.store.write({"kanszones": laag}, verwachte_versie=ctx.versie, audit=audit)
    except kanszones.KanszoneFout as e:
        st.session_state[KZ_MELDING] = ("fout", str(e))
        return
    except store.VersieConflict as e:
        st.session_state[KZ_MELDING] = ("fout", str(e))
        return
    except store.StoreFout as e:
        st.session_state[KZ_MELDING] = ("fout", f"Opslaan is mislukt: {e}")
        return
    except GeenToegang as e:
        st.session_state[KZ_MELDING] = ("fout", str(e))
        return
    st.session_state[KZ_MELDING] = ("ok", f"Kanszone {escape_markdown(naam)} is opgeslagen.")
    st.session_state[KZ_KAART_TELLER] = st.session_state.get(KZ_KAART_TELLER, 0) + 1


def render_melding() -> None:
    """The result of the last save (once)."""
    melding = st.session_state.pop(KZ_MELDING, None)
    if melding:
        soort, tekst = melding
        (st.success if soort == "ok" else st.error)(tekst)


def render_tekening_opslaan(ctx: Context, tekening: dict[str, Any] | None, par: kanszones.KanszoneParameters) -> None:
    """The form to save a drawn shape as a kanszone: the park it lies in, its computed
    potential, a name and a measure. Dutch message when the drawing is not inside a park."""
    st.subheader("Nieuwe kanszone")
    if ctx.alleen_lezen:
        st.info("U bekijkt een eerdere stand (alleen lezen): hier kunt u geen kanszones toevoegen.")
        return
    if alleen_lezen(ctx):
        st.info(geen_recht_tekst(ctx.gebruiker, Recht.REGISTER_WIJZIGEN))
        return
    if tekening is None:
        st.info(
            "Teken een vlak op de kaart (vijfhoek of rechthoek) binnen een bedrijventerrein om het als kanszone op te slaan."
        )
        return
    try:
        vorm = kanszones.polygon_from_tekening(tekening)
        terrein_id = kanszones.find_terrein_van(vorm, ctx.lagen["terreinen"])
    except kanszones.KanszoneFout as e:
        st.error(str(e))
        return
    t = ctx.lagen["terreinen"].set_index("terrein_id")
    st.markdown(
        f"Ligt in **{escape_markdown(t.at[terrein_id, 'naam'])}** ({escape_markdown(t.at[terrein_id, 'gemeente'])}), "
        f"{format_ha(vorm.area / schema.M2_PER_HA, 2)}."
    )
    with st.form("kz_tekening", clear_on_submit=True):
        naam = st.text_input("Naam van de kanszone", max_chars=120)
        maatregel = st.selectbox("Maatregel", MAATREGELEN)
        toelichting = st.text_area("Toelichting (optioneel)", max_chars=1000)
        if st.form_submit_button("Kanszone opslaan", type="primary"):
            _opslaan(ctx, vorm, naam, maatregel, toelichting, par)
            st.rerun()


def render_kandidaat_overnemen(ctx: Context, u: Uitkomst, par: kanszones.KanszoneParameters) -> None:
    """Save a proposed candidate zone as a kanszone (same validation and transaction as a drawing)."""
    if u.kandidaten.empty or alleen_lezen(ctx):
        return
    with st.form("kz_kandidaat"):
        st.markdown("**Kandidaat overnemen als kanszone**")
        opties = list(u.kandidaten["kandidaat_id"])
        labels = dict(zip(opties, u.kandidaten["kandidaat_id"] + " · " + u.kandidaten["terrein"], strict=True))
        kies = st.selectbox("Kandidaat", opties, format_func=lambda k: labels.get(k, k))
        naam = st.text_input("Naam van de kanszone", max_chars=120, key="kz_kandidaat_naam")
        maatregel = st.selectbox("Maatregel", MAATREGELEN, key="kz_kandidaat_maatregel")
        if st.form_submit_button("Als kanszone opslaan"):
            rij = u.kandidaten[u.kandidaten["kandidaat_id"] == kies].iloc[0]
            _opslaan(ctx, rij.geometry, naam, maatregel, f"Overgenomen kandidaat-zone: {rij['redenen']}.", par)
            st.rerun()


def render_uitleg(par: kanszones.KanszoneParameters, u: Uitkomst) -> None:
    """'Hoe berekend?': every column's definition, the settings in force and how the default
    targets were chosen."""
    with st.expander("Hoe berekend?"):
        st.markdown("\n".join(f"- **{label}**: {uitleg}" for label, uitleg in kanszones.UITLEG.values()))
        st.markdown(
            f"- **Bouwlagen**: uit de gegevens; anders hoogte ÷ {format_getal(par.verdiepingshoogte_m, 1)} m "
            f"(afgerond, minstens 1); anders {format_getal(par.standaard_bouwlagen, 0)}.\n"
            f"- **Gemiddelde FSI van de regio**: {format_getal(u.regionale_fsi, 2)} (alle bestaande terreinen met panden).\n"
            "- **Hectare-equivalent**: de potentie is extra vloeroppervlak (bvo), omgerekend naar de grond die het bij "
            "de huidige gemiddelde FSI van de regio zou vragen. Het zijn geen uitgeefbare hectares en ze zijn niet "
            "zonder meer op te tellen bij het aanbod tegenover de vraag.\n"
            "- **Potentie onbekend**: een terrein zonder panden (geen BAG-panden ingelezen) of zonder contour krijgt "
            "geen potentie en telt niet mee in het totaal; een leeg terrein zou anders zijn hele netto oppervlak "
            "× de doel-FSI als potentie krijgen.\n"
            f"- **Aandeel**: potentie in hectare-equivalent ÷ netto oppervlak van de terreinen die meetellen, naast de "
            f"{format_getal(par.referentie_ruimtewinst_laag * 100, 0)}–{format_pct(par.referentie_ruimtewinst_hoog)} "
            "ruimtewinst door intensivering en herstructurering die sommige provincies aannemen.\n"
            f"- **Kandidaat-zones**: een raster van {format_getal(par.rastercel_m, 0)} m over elk terrein met panden; een "
            f"cel is laag benut onder {format_pct(par.drempel_bebouwingsgraad)} bebouwingsgraad of verouderd als minstens "
            f"{format_pct(par.drempel_oud)} van het bvo van vóór {par.oud_voor_jaar} is. Aangrenzende cellen vormen een "
            f"zone van minstens {format_ha(par.minimum_kandidaat_ha, 2)}. Terreinen met koers "
            f"{' of '.join(par.koersen_zonder_potentie)} tellen niet mee: daar gaat het om nieuwe grond of transformatie.\n"
            "- **Doelen** zijn instellingen van de monitor (tabel `[kanszones]` in `data/strategie.toml`), geen cijfers "
            "uit een bron: geen bron geeft een gangbare FSI voor Nederlandse bedrijventerreinen. De meegeleverde "
            "standaarddoelen zijn zo gekozen dat de voorbeeldregio, met haar synthetische panden, binnen die "
            f"{format_getal(par.referentie_ruimtewinst_laag * 100, 0)}–{format_pct(par.referentie_ruimtewinst_hoog)} "
            "valt. Met echte BAG-panden stelt de werkgroep eigen doelen."
        )
