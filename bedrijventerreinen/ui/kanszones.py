"""Streamlit helpers of the Kanszones page: the panden in use, the targets as sliders, the
density figures cached per (store, version, settings), the headline tiles, saving a drawn (or
proposed) kanszone to the store and "Hoe berekend?". The map itself is
:mod:`bedrijventerreinen.ui.kanszones_kaart`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd
import streamlit as st

from .. import io, kanszones, schema, store
from ..formatting import escape_markdown, format_getal, format_ha, format_pct
from ..instellingen import zoek
from ..toegang import GeenToegang, Recht, geen_recht_tekst
from . import state
from .common import Context
from .instellingen import instelling_slider
from .kanszones_kaart import KZ_KAART_TELLER, render_kanszonekaart

KZ_MELDING = state.sleutel("kz_melding")
KZ_GRAFIEK = state.sleutel("kz_grafiek")
MAATREGELEN = (
    "Hoger bouwen (optoppen)",
    "Kavelsplitsing en inbreiding",
    "Collectief of gestapeld parkeren",
    "Gestapelde bedrijfsruimte",
    "Herontwikkeling verouderde panden",
    "Anders (zie toelichting)",
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


def _render_doel_sliders(
    par: kanszones.KanszoneParameters, typ: str, doel: kanszones.Doel
) -> kanszones.KanszoneParameters:
    """The two target sliders of park type ``typ`` starting from ``doel`` (in the sidebar);
    ``par`` with them applied."""
    st.caption(f"Terreintype {escape_markdown(typ)}")
    bg_instelling, fsi_instelling = zoek("kanszones.doelen.*.bebouwingsgraad"), zoek("kanszones.doelen.*.fsi")
    bg = instelling_slider(
        bg_instelling,
        doel.bebouwingsgraad,
        state.sleutel("kz_doel_bg", typ),
        f"{bg_instelling.label} ({escape_markdown(typ)})",
    )
    fsi = instelling_slider(
        fsi_instelling, doel.fsi, state.sleutel("kz_doel_fsi", typ), f"{fsi_instelling.label} ({escape_markdown(typ)})"
    )
    return par.with_doel(typ, bg, fsi)


def _render_kandidaat_sliders(
    par: kanszones.KanszoneParameters, standaard: kanszones.KanszoneParameters
) -> kanszones.KanszoneParameters:
    """The candidate settings as sliders (in the sidebar) starting from ``standaard``; ``par`` with them applied."""
    st.markdown("**Kandidaat-zones**")
    oud = instelling_slider(zoek("kanszones.oud_voor_jaar"), standaard.oud_voor_jaar, state.sleutel("kz_oud_jaar"))
    drempel = instelling_slider(
        zoek("kanszones.drempel_bebouwingsgraad"), standaard.drempel_bebouwingsgraad, state.sleutel("kz_drempel_bg")
    )
    minimum = instelling_slider(
        zoek("kanszones.minimum_kandidaat_ha"), standaard.minimum_kandidaat_ha, state.sleutel("kz_minimum_ha")
    )
    return dataclasses.replace(
        par, oud_voor_jaar=int(oud), drempel_bebouwingsgraad=float(drempel), minimum_kandidaat_ha=float(minimum)
    )


def render_doelen(standaard: kanszones.KanszoneParameters, typologieen: list[str]) -> kanszones.KanszoneParameters:
    """Sidebar sliders for the targets per park type and the candidate settings, starting from
    ``standaard``; returns the parameters as set. Every change reruns the page."""
    par = standaard
    with st.sidebar:
        st.markdown("**Doelen verdichting**")
        for typ in typologieen:
            par = _render_doel_sliders(par, typ, standaard.doel(typ))
        return _render_kandidaat_sliders(par, standaard)


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


def render_kaart(ctx: Context, u: Uitkomst, par: kanszones.KanszoneParameters) -> dict[str, Any] | None:
    """The map with the candidate toggle (:func:`~bedrijventerreinen.ui.kanszones_kaart.render_kanszonekaart`);
    returns the last drawn shape (GeoJSON Feature) or None. A drawing tool only for who may save."""
    return render_kanszonekaart(ctx, u.kandidaten, par.sleutel(), tekenen=not alleen_lezen(ctx))


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
    st.session_state[KZ_KAART_TELLER] = st.session_state.get(KZ_KAART_TELLER, state.standaard(KZ_KAART_TELLER)) + 1


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
    with st.form(state.sleutel("kz_tekening"), clear_on_submit=True):
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
    with st.form(state.sleutel("kz_kandidaat")):
        st.markdown("**Kandidaat overnemen als kanszone**")
        opties = list(u.kandidaten["kandidaat_id"])
        labels = dict(zip(opties, u.kandidaten["kandidaat_id"] + " · " + u.kandidaten["terrein"], strict=True))
        kies = st.selectbox("Kandidaat", opties, format_func=lambda k: labels.get(k, k))
        naam = st.text_input("Naam van de kanszone", max_chars=120, key=state.sleutel("kz_kandidaat_naam"))
        maatregel = st.selectbox("Maatregel", MAATREGELEN, key=state.sleutel("kz_kandidaat_maatregel"))
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
