"""Streamlit helpers of the vergadermodus (the monitor on a projector) and the handout
downloads.

The vergadermodus shows a fixed sequence of views (:data:`DIAS`), one per screen, in large
type and high contrast, without Streamlit's chrome, the sidebar or any edit control. Every
view carries the peildatum, the selection and, while a layer holds sample data, the
sample-data banner naming those layers (:func:`bedrijventerreinen.voorbeeldmelding.voorbeeld_melding`). Vorige/Volgende buttons step through the views; the arrow keys do the
same (Streamlit button shortcuts), and PageUp/PageDown (what presentation clickers send)
click those buttons through a small script.

The mode is on while the URL carries ``?vergadermodus=1`` (:func:`is_aan`); ``app.py``
then routes to the vergadermodus page and hides the navigation and the sidebar. The view
number is kept in ``?dia=`` so a reload stays on the same view.

Every text from the register is escaped (:func:`html.escape`) before it reaches HTML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from .. import balance, charts, handout, kanszones, maps, monitor, schema, strategy, themes
from ..formatting import format_getal
from ..voorbeeldmelding import is_alles_voorbeeld, voorbeeld_melding, voorbeeld_uitleg
from . import state
from .common import PLANSTATUS_KEUZE, Context
from .vergadermodus_stijl import NAV, TOETSEN_JS, VOLGENDE, VORIGE, css

#: Query parameter that switches the mode on (``?vergadermodus=1``) and the one holding the view.
QUERY_MODUS = "vergadermodus"
QUERY_DIA = "dia"
QUERY_THEMA = "thema"
#: Session keys (UI state only).
DIA = state.sleutel("vm_dia")
THEMA = state.sleutel("vm_thema")
SCHAKELAAR = state.sleutel("vm_schakelaar")
#: Rows shown in a table view before the remainder is summarised (keeps the view on one screen).
MAX_RIJEN = 7
#: Height in pixels of the demand-supply chart (fits below the tiles at 1080 px).
GRAFIEK_HOOGTE = 440


@dataclass(frozen=True)
class Dia:
    """One view of the vergadermodus: code and Dutch title."""

    code: str
    titel: str


#: The fixed sequence of views.
DIAS: tuple[Dia, ...] = (
    Dia("kerncijfers", "Kerncijfers"),
    Dia("kaart", "Kaart van de regio"),
    Dia("balans", "Hectarebalans per gemeente"),
    Dia("ongedekt", "Ongedekte transformaties"),
    Dia("kanszones", "Kanszones"),
    Dia("vraag_aanbod", "Vraag en aanbod"),
)


# -- switching the mode on and off ---------------------------------------------------------
def is_aan() -> bool:
    """True while the URL asks for the vergadermodus (``?vergadermodus=1``)."""
    return st.query_params.get(QUERY_MODUS) == "1"


def bewaar_selectie() -> None:
    """Keep the sidebar selection (gemeenten, planstatus, peildatum, map settings) while the
    sidebar is not drawn, so leaving the mode returns to the same selection: Streamlit drops
    the state of widgets that are not rendered in a run, unless it is assigned again. Which
    keys: the records marked to survive (:func:`bedrijventerreinen.ui.state.bewaarde_sleutels`)."""
    for sleutel in list(st.session_state.keys()):
        if state.is_bewaard(sleutel):
            st.session_state[sleutel] = st.session_state[sleutel]


def _zet_aan() -> None:
    if st.session_state.get(SCHAKELAAR):
        st.query_params[QUERY_MODUS] = "1"
        st.session_state[SCHAKELAAR] = False


def render_schakelaar() -> None:
    """The sidebar toggle that switches the vergadermodus on (``app.py`` then routes to it)."""
    with st.sidebar:
        st.toggle(
            "Vergadermodus",
            key=SCHAKELAAR,
            on_change=_zet_aan,
            help="Groot en rustig voor de beamer: geen zijbalk en geen bewerkknoppen. Verlaten met de knop rechtsboven.",
        )


def route(pagina: st.Page, vergadermodus: st.Page) -> None:
    """Routing of ``app.py``: with ``?vergadermodus=1`` every page opens the vergadermodus
    (keeping the query parameters); the vergadermodus page opened without it (from the
    navigation or by its URL) switches the mode on."""
    if is_aan() and pagina.url_path != vergadermodus.url_path:
        st.switch_page(vergadermodus, query_params=st.query_params.to_dict())
    if not is_aan() and pagina.url_path == vergadermodus.url_path:
        st.query_params[QUERY_MODUS] = "1"
        st.rerun()


# -- peildatum, selection, handout -----------------------------------------------------------
def peildatum(ctx: Context) -> handout.Peildatum:
    """The peildatum of the figures in ``ctx`` (a snapshot's date, else the store's last change)."""
    return handout.peildatum_uit_meta(ctx.store.meta())


def selectie_tekst(ctx: Context) -> str:
    """'Selectie: hele regio · plannen: tot en met hard · periode 2020–2030'."""
    alle = len(ctx.gemeenten) == len(ctx.strategie.gemeenten)
    selectie = "hele regio" if alle else ", ".join(ctx.gemeenten)
    return (
        f"Selectie: {selectie} · plannen: {PLANSTATUS_KEUZE[ctx.planstatus_vanaf].lower()} · "
        f"periode {ctx.strategie.referentiejaar}–{ctx.strategie.horizon}"
    )


def handout_inhoud(ctx: Context, vandaag: dt.date | None = None) -> handout.Handoutinhoud:
    """The handout content of the current selection in ``ctx``."""
    return handout.Handoutinhoud(
        stand=ctx.stand,
        lagen=ctx.lagen,
        peildatum=peildatum(ctx),
        selectie=selectie_tekst(ctx),
        voorbeeld_lagen=ctx.voorbeeld_lagen,
        gemaakt_op=vandaag or dt.date.today(),
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _handout(
    pad: str,
    versie: int,
    strategie: strategy.Strategie,
    selectie: tuple,
    datum: dt.date,
    formaat: str,
    _inhoud: handout.Handoutinhoud,
) -> bytes:
    return handout.render_handout(_inhoud, formaat)


def handout_bytes(ctx: Context, formaat: str = "pdf") -> bytes:
    """The handout of the selection as PDF or PNG, cached per (store path, store version,
    strategy, the whole selection — gemeenten, planstatus and kanszone share —, date made,
    format); a snapshot has its own path."""
    inhoud = handout_inhoud(ctx)
    return _handout(
        str(ctx.store.path),
        ctx.versie,
        ctx.strategie,
        dataclasses.astuple(ctx.stand.selectie),
        inhoud.gemaakt_op,
        formaat,
        inhoud,
    )


def render_handout_knop(ctx: Context, formaten: tuple[str, ...] = ("pdf",), sleutelnaam: str = "handout") -> None:
    """Download button(s) of the one-page handout of the current selection. The file is made
    when the button is clicked (and cached), so the page itself stays fast. ``sleutelnaam`` is
    the registered prefix record of the buttons' keys (``<sleutelnaam>_<formaat>``)."""
    naam = {"pdf": "Handout (PDF, A4)", "png": "Handout (afbeelding)"}
    mime = {"pdf": "application/pdf", "png": "image/png"}
    datum = peildatum(ctx)
    for formaat in formaten:
        st.download_button(
            naam[formaat],
            data=_uitgesteld(ctx, formaat),
            file_name=handout.handout_bestandsnaam(datum, formaat),
            mime=mime[formaat],
            key=state.sleutel(sleutelnaam, formaat),
            on_click="ignore",
            icon=":material/download:",
            help="Eén A4-pagina met kerncijfers, kaart, hectarebalans per gemeente, bevindingen en bronnen.",
        )


def _uitgesteld(ctx: Context, formaat: str) -> Callable[[], bytes]:
    return lambda: handout_bytes(ctx, formaat)


# -- cached figures ------------------------------------------------------------------------
@st.cache_data(show_spinner="Kaart tekenen…", max_entries=16)
def _kaart_png(
    pad: str, versie: int, strategie: strategy.Strategie, gemeenten: tuple[str, ...], planstatus: str, _ctx: Context
) -> bytes:
    lagen = _ctx.lagen
    return maps.render_map_png(
        lagen["terreinen"],
        lagen["mutaties"],
        lagen["kanszones"],
        strategie=_ctx.strategie,
        gemeenten=gemeenten,
        planstatus_vanaf=planstatus,
        breedte_inch=7.6,
        hoogte_inch=4.6,
        dpi=190,
    )


def kaart_png(ctx: Context) -> bytes:
    """The map of the selection as PNG (:func:`bedrijventerreinen.maps.render_map_png`), cached
    per (store path, version, strategy, gemeenten, planstatus)."""
    return _kaart_png(str(ctx.store.path), ctx.versie, ctx.strategie, tuple(ctx.gemeenten), ctx.planstatus_vanaf, ctx)


# -- html helpers ------------------------------------------------------------------------------


def _label(categorieen: tuple[schema.Categorie, ...], code: str) -> str:
    kleur = next((c.kleur for c in categorieen if c.code == code), "#7f7f7f")
    return (
        f'<span class="vm-label" style="background:{kleur};color:{themes.tekst_op(kleur)}">'
        f"{html.escape(schema.label(categorieen, code))}</span>"
    )


def _tegels(kerncijfers: list[monitor.Kerncijfer], klasse: str = "") -> str:
    delen = []
    for k in kerncijfers:
        delen.append(
            f'<div class="vm-tegel" title="{html.escape("Hoe berekend: " + k.uitleg)}">'
            f'<div class="vm-kpi-label">{html.escape(k.label)}</div>'
            f'<div class="vm-kpi-waarde" data-sleutel="{html.escape(k.sleutel)}">{html.escape(k.tekst)}</div>'
            f'<div class="vm-kpi-noot">{html.escape(k.toelichting)}</div></div>'
        )
    return f'<div class="vm-tegels {klasse}">{"".join(delen)}</div>'


def _tabel(df: pd.DataFrame, getallen: set[str], html_kolommen: set[str] = frozenset(), totaal: bool = False) -> str:
    """An HTML table of ``df`` (strings): cells escaped except ``html_kolommen`` (built here)."""
    kop = "".join(f'<th class="{"getal" if c in getallen else ""}">{html.escape(str(c))}</th>' for c in df.columns)
    rijen = []
    for i, (_, r) in enumerate(df.iterrows()):
        cellen = []
        for c in df.columns:
            waarde = str(r[c]) if c in html_kolommen else html.escape(str(r[c]))
            klasse = "getal" if c in getallen else ("reden" if c == "Toelichting" else "")
            cellen.append(f'<td class="{klasse}">{waarde}</td>')
        klasse = ' class="totaal"' if totaal and i == len(df) - 1 else ""
        rijen.append(f"<tr{klasse}>{''.join(cellen)}</tr>")
    return f'<table class="vm-tabel"><thead><tr>{kop}</tr></thead><tbody>{"".join(rijen)}</tbody></table>'


# -- the views -------------------------------------------------------------------------------
def _dia_kerncijfers(ctx: Context, thema: themes.Thema) -> None:
    st.html(_tegels(ctx.stand.tegels()))
    st.html(
        '<div class="vm-noot">Hectares netto. Vraag en aanbod zijn regionaal; de overige cijfers gelden voor '
        "de selectie. Startvoorraad in het referentiejaar; de rest telt tot en met "
        f"{ctx.strategie.horizon}.</div>"
    )


def _dia_kaart(ctx: Context, thema: themes.Thema) -> None:
    import base64

    png = base64.b64encode(kaart_png(ctx)).decode()
    st.html(
        f'<div class="vm-kaart"><img alt="Kaart van de bedrijventerreinen in de selectie" '
        f'src="data:image/png;base64,{png}"></div>'
    )


def _dia_balans(ctx: Context, thema: themes.Thema) -> None:
    b = ctx.balans
    getallen = ["Transformatie", "Compensatie", "Intensivering", "Saldo", "Ongedekt"]
    stoplicht = balance.BALANS_UITLEG["verkeerslicht"][0]
    # the table of every page, fewer columns; the traffic light as a coloured label
    tabel = balance.format_balans(b)[["Gemeente", stoplicht, *getallen, "Toelichting"]]
    tabel[stoplicht] = [_label(schema.VERKEERSLICHT, v) for v in b["verkeerslicht"]]
    st.html(_tabel(tabel, set(getallen), {stoplicht}, totaal=True))
    st.html(
        f'<div class="vm-noot">{html.escape(balance.BALANS_UITLEG["verkeerslicht"][1])} '
        f"Saldo = compensatie + intensivering − transformatie, waar de grond ligt.</div>"
    )


def _dia_ongedekt(ctx: Context, thema: themes.Thema) -> None:
    ongedekt = ctx.stand.ongedekt
    if ongedekt.empty:
        st.html('<div class="vm-groot-bericht">Alle getelde transformaties in de selectie zijn gecompenseerd.</div>')
        return
    st.html(_tegels(ctx.stand.tegels("ongedekt_aantal", "ongedekt_totaal_ha"), "drie"))
    tabel = handout.format_ongedekt(ongedekt.head(MAX_RIJEN))
    tabel["Planstatus"] = [_label(schema.PLANSTATUS, p) for p in ongedekt["planstatus"].head(MAX_RIJEN)]
    st.html(_tabel(tabel, {"Jaar", "Omvang", "Gecompenseerd", "Ongedekt"}, {"Planstatus"}))
    rest = len(ongedekt) - MAX_RIJEN
    noot = (
        f"En nog {format_getal(rest, 0)} kleinere tekorten (zie de pagina Transformatie & compensatie). "
        if rest > 0
        else ""
    )
    st.html(f'<div class="vm-noot">{noot}Grootste tekort eerst; telt mee bij de gekozen planstatus en periode.</div>')


def _dia_kanszones(ctx: Context, thema: themes.Thema) -> None:
    overzicht = ctx.stand.kanszones
    if overzicht.empty:
        st.html('<div class="vm-groot-bericht">Geen kanszones in de selectie.</div>')
        return
    st.html(_tegels(ctx.stand.tegels("kanszones", "potentie_ha", "potentie_m2_bvo"), "drie"))
    tabel = handout.format_kanszones(overzicht.head(MAX_RIJEN))
    st.html(_tabel(tabel, {"Potentie", "Extra vloer"}))
    bron = (
        "Voorbeeldwaarden: geen bron geeft de potentie van deze zones. " if "kanszones" in ctx.voorbeeld_lagen else ""
    )
    n_parken = overzicht["terrein_id"].nunique() if "terrein_id" in overzicht.columns else len(overzicht)
    st.html(
        f'<div class="vm-noot">{bron}Potentie in hectare-equivalent: {html.escape(kanszones.HA_EQUIVALENT_UITLEG)}. '
        f"Challenge Toekomstbestendige Bedrijventerreinen: {format_getal(len(overzicht), 0)} kanszones op "
        f"{format_getal(n_parken, 0)} terreinen.</div>"
    )


def _dia_vraag_aanbod(ctx: Context, thema: themes.Thema) -> None:
    st.html(_tegels(ctx.stand.tegels("aanbod_hard_ha", "aanbod_totaal_ha", "vraag_ha"), "drie"))
    chart = themes.altair_thema(charts.chart_vraag_aanbod(ctx.vraag_aanbod, thema), thema, schaal=1.7)
    st.altair_chart(chart, width="stretch", height=GRAFIEK_HOOGTE, theme=None)
    st.html(
        '<div class="vm-noot">Grijze band: de regionale vraag tussen laag en hoog, lineair opgebouwd vanaf '
        f"{ctx.strategie.referentiejaar}. Aanbod cumulatief, in netto hectares.</div>"
    )


_VIEWS: dict[str, Callable[[Context, themes.Thema], None]] = {
    "kerncijfers": _dia_kerncijfers,
    "kaart": _dia_kaart,
    "balans": _dia_balans,
    "ongedekt": _dia_ongedekt,
    "kanszones": _dia_kanszones,
    "vraag_aanbod": _dia_vraag_aanbod,
}


# -- navigation ------------------------------------------------------------------------------
def huidige_dia() -> int:
    """Index of the view shown: from ``?dia=`` (1-based) when valid, else the session, else 0."""
    st.session_state.setdefault(DIA, state.standaard(DIA))
    uit_url = st.query_params.get(QUERY_DIA)
    if uit_url is not None and uit_url.isdigit() and 1 <= int(uit_url) <= len(DIAS):
        st.session_state[DIA] = int(uit_url) - 1
    return min(max(int(st.session_state[DIA]), 0), len(DIAS) - 1)


def _stap(delta: int) -> None:
    nieuw = min(max(huidige_dia() + delta, 0), len(DIAS) - 1)
    st.session_state[DIA] = nieuw
    st.query_params[QUERY_DIA] = str(nieuw + 1)


def _wissel_thema() -> None:
    nieuw = "licht" if st.session_state.get(THEMA, state.standaard(THEMA)) == "donker" else "donker"
    st.session_state[THEMA] = nieuw
    st.query_params[QUERY_THEMA] = nieuw


def huidig_thema() -> themes.Thema:
    """The theme: ``?thema=`` when valid, else the session choice, else light."""
    uit_url = st.query_params.get(QUERY_THEMA)
    if uit_url in themes.THEMAS:
        st.session_state[THEMA] = uit_url
    return themes.THEMAS[st.session_state.get(THEMA, state.standaard(THEMA))]


def _navigatie(ctx: Context, index: int, thema: themes.Thema) -> None:
    with st.container(key=NAV, horizontal=True, vertical_alignment="center", gap="small"):
        st.button(
            "Vorige",
            key=VORIGE,
            on_click=_stap,
            args=(-1,),
            disabled=index == 0,
            shortcut="Left",
            icon=":material/arrow_back:",
        )
        st.html(f'<div class="vm-voortgang">{index + 1} / {len(DIAS)}</div>', width="content")
        st.button(
            "Volgende",
            key=VOLGENDE,
            on_click=_stap,
            args=(1,),
            disabled=index == len(DIAS) - 1,
            shortcut="Right",
            type="primary",
            icon=":material/arrow_forward:",
            icon_position="right",
        )
        st.space("stretch")
        render_handout_knop(ctx, ("pdf", "png"), sleutelnaam="vm_handout")
        andere = themes.DONKER if thema.naam == "licht" else themes.LICHT
        st.button(
            andere.label,
            key=state.sleutel("vm_thema_knop"),
            on_click=_wissel_thema,
            icon=":material/contrast:",
        )
        if st.button(
            "Verlaten", key=state.sleutel("vm_verlaten"), icon=":material/close:", help="Terug naar de gewone monitor."
        ):
            st.switch_page("pages/overzicht.py")  # without query parameters: the mode is off
    st.html(TOETSEN_JS, unsafe_allow_javascript=True)


def _kop(ctx: Context, dia: Dia) -> None:
    p = peildatum(ctx)
    soort = "Stand per peildatum" if p.is_snapshot else "Peildatum"
    st.html(
        f'<div class="vm-kop"><h1>{html.escape(dia.titel)}</h1>'
        f'<div class="vm-peildatum">{soort}<b data-testid="vm-peildatum">{html.escape(p.tekst)}</b></div></div>'
        f'<div class="vm-selectie">{html.escape(selectie_tekst(ctx))}</div>'
    )
    if ctx.voorbeeld_lagen:
        # naming the layers makes a long notice: smaller type, the explanation on its own line
        deels = "" if is_alles_voorbeeld(ctx.voorbeeld_lagen) else " deels"
        st.html(
            f'<div class="vm-voorbeeld{deels}" role="alert">{html.escape(voorbeeld_melding(ctx.voorbeeld_lagen))}'
            f"<span>{html.escape(voorbeeld_uitleg(ctx.voorbeeld_lagen, ctx.strategie.regio))}</span></div>"
        )


def render_vergadermodus(ctx: Context) -> None:
    """The vergadermodus page: navigation, the current view with its title, peildatum,
    selection and sample-data banner, in the chosen theme."""
    bewaar_selectie()
    thema = huidig_thema()
    st.html(css(thema))
    index = huidige_dia()
    _navigatie(ctx, index, thema)
    dia = DIAS[index]
    _kop(ctx, dia)
    with st.container(key=state.sleutel("vm_hoofd")):
        _VIEWS[dia.code](ctx, thema)
