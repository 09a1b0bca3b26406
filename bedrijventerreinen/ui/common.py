"""Shared page setup: opening the store (with a Dutch way out when it is broken), cached
loading keyed by the store version, the sidebar filters and the sample-data banner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from .. import ibis, kanszones, monitor, schema, store, strategy, toegang
from ..formatting import escape_markdown, format_datum
from ..voorbeeldmelding import voorbeeld_melding, voorbeeld_uitleg
from . import state
from . import toegang as login
from .navigatie import ensure_navigation
from .peildatum import PEILDATUM, render_peildatum_banner, render_peildatum_keuze

FILTER_GEMEENTEN = state.sleutel("filter_gemeenten")
FILTER_PLANSTATUS = state.sleutel("filter_planstatus")
KANSZONE_AANDEEL = state.sleutel("kanszone_aandeel")  # % of kanszone potential counted as intensivering
STORE_HERSTELD = state.sleutel("store_hersteld")

PLANSTATUS_KEUZE = {
    "gerealiseerd": "Alleen gerealiseerd",
    "hard": "Tot en met hard",
    "zacht": "Tot en met zacht",
    "idee": "Alles, ook ideeën",
}


@dataclass(frozen=True)
class Context:
    """Everything a page needs for the current selection; every figure comes from ``stand``
    (:func:`bedrijventerreinen.monitor.compute_monitor`)."""

    store: store.Store
    versie: int
    is_voorbeeld: bool
    #: The layers that hold sample data (store order); the banner names them.
    voorbeeld_lagen: tuple[str, ...]
    strategie: strategy.Strategie
    lagen: dict[str, pd.DataFrame]
    #: Every figure of the selection, computed once.
    stand: monitor.Monitorstand
    #: True while a snapshot (stand per peildatum) is shown: pages offer no edits.
    alleen_lezen: bool = False
    #: Who is logged in; ``store`` is bound to them, so every write checks their role.
    gebruiker: toegang.Gebruiker | None = None
    #: Register stock per peiljaar of the selected gemeenten, 'regio' their total
    #: (:func:`bedrijventerreinen.ibis.compute_voorraad_per_jaar`).
    voorraad_per_jaar: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Land issued per year, always for the whole region: the demand paths are regional
    #: (:func:`bedrijventerreinen.ibis.compute_uitgifte`).
    uitgifte: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The peiljaren of the register stock in the strategy's gemeenten, oldest first.
    peiljaren: tuple[int, ...] = ()
    #: What changed per park of the selection between the two newest peiljaren
    #: (:func:`bedrijventerreinen.ibis.compute_verandering`); None with fewer than two.
    verandering: pd.DataFrame | None = None

    @property
    def gemeenten(self) -> list[str]:
        """The selected gemeenten (all of the strategy's when none is chosen)."""
        return list(self.stand.gemeenten)

    @property
    def planstatus_vanaf(self) -> str:
        """The least certain planstatus that counts."""
        return self.stand.selectie.planstatus_vanaf

    @property
    def balans(self) -> pd.DataFrame:
        """The hectare balance of the selection (``stand.balans``)."""
        return self.stand.balans

    @property
    def vraag_aanbod(self) -> pd.DataFrame:
        """Supply against demand per year, regional (``stand.vraag_aanbod``)."""
        return self.stand.vraag_aanbod

    @property
    def bevindingen(self) -> pd.DataFrame:
        """The findings of the selection (``stand.bevindingen``)."""
        return self.stand.bevindingen

    def mag(self, recht: toegang.Recht) -> bool:
        """Whether to offer the controls for ``recht``: the role allows it, and for a change, no peildatum is shown."""
        return toegang.mag(self.gebruiker, recht) and not (self.alleen_lezen and recht in toegang.SCHRIJFRECHTEN)


@st.cache_data(show_spinner=False)
def _load_strategie(path: str, mtime: float) -> strategy.Strategie:
    return strategy.load_strategie(path)


@st.cache_data(show_spinner="Gegevens laden…", max_entries=4)
def _load_lagen(path: str, versie: int) -> dict[str, pd.DataFrame]:
    s = store.Store(path)
    return {laag: s.load(laag) for laag in ("terreinen", "mutaties", "koppelingen", "kanszones", "voorraad")}


@st.cache_data(show_spinner=False, max_entries=32)
def _compute(
    path: str,
    versie: int,
    _strategie: strategy.Strategie,
    strategie_key: float,
    gemeenten: tuple[str, ...],
    planstatus: str,
    kanszone_aandeel: float = 0.0,
) -> monitor.Monitorstand:
    """:func:`bedrijventerreinen.monitor.compute_monitor` for this store version and selection."""
    selectie = monitor.Selectie(gemeenten, planstatus, kanszone_aandeel)
    return monitor.compute_monitor(_load_lagen(path, versie), _strategie, selectie)


@st.cache_data(show_spinner=False, max_entries=32)
def _compute_peiljaren(
    path: str, versie: int, _strategie: strategy.Strategie, strategie_key: float, gemeenten: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[int, ...], pd.DataFrame | None]:
    """The register stock per peiljaar of ``gemeenten``, the region's uitgifte, the peiljaren
    and the change per park between the two newest (see the fields of :class:`Context`)."""
    voorraad = _load_lagen(path, versie)["voorraad"]
    selectie = voorraad[voorraad["gemeente"].isin(list(gemeenten)).fillna(False).to_numpy()]
    per_jaar = ibis.compute_voorraad_per_jaar(selectie, _strategie)
    uitgifte = ibis.compute_uitgifte(voorraad, _strategie)
    in_regio = voorraad["gemeente"].isin(list(_strategie.gemeenten)).fillna(False).to_numpy()
    peiljaren = tuple(sorted({int(j) for j in voorraad.loc[in_regio, "peiljaar"].dropna()}))
    verandering = ibis.compute_verandering(selectie, *peiljaren[-2:]) if len(peiljaren) >= 2 else None
    return per_jaar, uitgifte, peiljaren, verandering


def open_store_or_stop(gebruiker: toegang.Gebruiker | None = None) -> store.Store:
    """Open the store, bound to ``gebruiker``; when it is unreadable show a Dutch message with
    the options (for whoever may restore snapshots) to restore the newest good snapshot or to
    rebuild it from the sample data (the old file is kept aside either way), and stop the page."""
    hersteld = st.session_state.pop(STORE_HERSTELD, None)
    if hersteld:
        st.success(hersteld)
    try:
        return store.open_store(gebruiker=gebruiker)
    except store.StoreFout as e:
        st.error(str(e))
        if not e.herstelbaar:
            st.stop()
            raise
        if not toegang.mag(gebruiker, toegang.Recht.SNAPSHOT_HERSTELLEN):
            st.info("Vraag de beheerder de opslag te herstellen.")
            st.stop()
            raise
        _herstel_keuzes(e.pad, gebruiker)
        st.stop()
        raise  # unreachable: st.stop() ends the script


def _herstel_keuzes(pad: Path | None, gebruiker: toegang.Gebruiker | None) -> None:
    """The ways out of a broken store: the newest good snapshot (named, with its date) or the sample data."""
    try:
        snapshot = store.laatste_goede_snapshot(pad)
    except store.StoreFout:
        snapshot = None
    if snapshot is not None:
        op = str(snapshot["snapshot_op"] or "")
        try:
            wanneer = format_datum(dt.datetime.fromisoformat(op))
        except ValueError:
            wanneer = op
        st.markdown(f"Laatste goede snapshot: **{escape_markdown(str(snapshot['label']))}** ({wanneer}).")
        if st.button("Herstellen uit de laatste goede snapshot", type="primary"):
            try:
                oud, bron = store.herstel_uit_snapshot(pad, gebruiker)
            except (store.StoreFout, toegang.GeenToegang) as fout:
                st.error(f"Herstellen is mislukt: {fout}")
            else:
                st.cache_data.clear()  # the restored store may carry a version number seen before
                st.session_state[STORE_HERSTELD] = escape_markdown(
                    f"De opslag is hersteld uit de snapshot '{snapshot['label']}' ({bron.name}). "
                    f"Het beschadigde bestand is bewaard als {oud or '(geen)'}."
                )
                st.rerun()
    if st.button("Opnieuw opbouwen uit voorbeelddata", type="primary" if snapshot is None else "secondary"):
        try:
            oud = store.rebuild_store(pad, gebruiker)
        except (store.StoreFout, toegang.GeenToegang) as fout:
            st.error(f"Opnieuw opbouwen is mislukt: {fout}")
        else:
            st.cache_data.clear()
            st.session_state[STORE_HERSTELD] = (
                f"De opslag is opnieuw opgebouwd uit de voorbeelddata. Het oude bestand is bewaard als {oud or '(geen)'}."
            )
            st.rerun()


def page_context() -> Context:
    """Open the store, load the strategy and data (cached per store version) and compute the
    figures for the sidebar selection. Stops the page with a Dutch message on a broken store
    or strategy file."""
    ensure_navigation()
    gebruiker = login.current_gebruiker()
    if gebruiker is None:  # app.py shows the login first; this is the last line of defence
        st.error("U bent niet aangemeld.")
        st.stop()
    s = _peildatum_store(open_store_or_stop(gebruiker))
    try:
        pad = strategy.DEFAULT_PATH
        strat = _load_strategie(str(pad), pad.stat().st_mtime if pad.exists() else 0.0)
    except strategy.StrategieFout as e:
        st.error(str(e))
        st.stop()
        raise
    try:
        versie, voorbeeld_lagen = s.version, s.voorbeeld_lagen
        lagen = _load_lagen(str(s.path), versie)
    except store.StoreFout as e:
        st.error(str(e))
        st.stop()
        raise
    gemeenten = tuple(
        g for g in st.session_state.get(FILTER_GEMEENTEN, state.standaard(FILTER_GEMEENTEN)) if g in strat.gemeenten
    )
    planstatus = st.session_state.get(FILTER_PLANSTATUS, state.standaard(FILTER_PLANSTATUS))
    mtime = strategy.DEFAULT_PATH.stat().st_mtime
    aandeel = float(st.session_state.get(KANSZONE_AANDEEL, state.standaard(KANSZONE_AANDEEL))) / 100
    stand = _compute(str(s.path), versie, strat, mtime, gemeenten, planstatus, aandeel)
    per_jaar, uitgifte, peiljaren, verandering = _compute_peiljaren(str(s.path), versie, strat, mtime, stand.gemeenten)
    return Context(
        s,
        versie,
        bool(voorbeeld_lagen),
        voorbeeld_lagen,
        strat,
        lagen,
        stand,
        s.alleen_lezen,
        gebruiker,
        per_jaar,
        uitgifte,
        peiljaren,
        verandering,
    )


def _peildatum_store(live: store.Store) -> store.Store:
    """The snapshot chosen as peildatum in the sidebar (read-only), else the live store.

    Only files in the live store's own snapshot folder are accepted; a vanished or broken
    snapshot silently falls back to the live store and clears the choice."""
    bestand = st.session_state.get(PEILDATUM)
    if not bestand:
        return live
    pad = Path(bestand)
    try:
        if pad.parent.resolve() != live.snapshot_map.resolve() or not pad.exists():
            raise store.StoreFout("onbekende snapshot", pad)
        snapshot = store.Store(pad, alleen_lezen=True, gebruiker=live.gebruiker)
        snapshot.check()
    except store.StoreFout:
        st.session_state.pop(PEILDATUM, None)
        return live
    return snapshot


#: The shared sidebar filters (the registry's reset group "filter").
FILTERS: tuple[str, ...] = tuple(r.naam for r in state.SLEUTELS if r.groep == "filter")


def _bewaar_filter(sleutel: str) -> None:
    st.session_state[state.schaduw(sleutel)] = st.session_state[sleutel]


def set_filter(sleutel: str, waarde: object) -> None:
    """Set a shared sidebar filter from code (e.g. restoring a saved view)."""
    st.session_state[sleutel] = waarde
    st.session_state[state.schaduw(sleutel)] = waarde


def render_sidebar() -> None:
    """The filters every page shares: gemeenten and the planstatus horizon (kept across pages)."""
    try:
        strat = strategy.load_strategie()
    except strategy.StrategieFout:
        return  # the page itself shows the message
    for sleutel in FILTERS:
        # Streamlit may reset a widget's state when the page switches; the filter's value is
        # kept under a shadow key and written into the widget before it is drawn.
        schaduw = state.schaduw(sleutel)
        st.session_state.setdefault(schaduw, st.session_state.get(sleutel, state.standaard(sleutel)))
        st.session_state[sleutel] = st.session_state[schaduw]
    with st.sidebar:
        st.markdown(f"**Regio {strat.regio}** · {strat.referentiejaar}–{strat.horizon}")
        st.multiselect(
            "Gemeenten",
            options=list(strat.gemeenten),
            key=FILTER_GEMEENTEN,
            on_change=_bewaar_filter,
            args=(FILTER_GEMEENTEN,),
            help="Zonder keuze telt de hele regio.",
            placeholder="Hele regio",
        )
        st.radio(
            "Welke plannen tellen mee?",
            options=list(PLANSTATUS_KEUZE),
            format_func=PLANSTATUS_KEUZE.get,
            key=FILTER_PLANSTATUS,
            on_change=_bewaar_filter,
            args=(FILTER_PLANSTATUS,),
            help=" ".join(f"{c.label}: {c.uitleg}" for c in schema.PLANSTATUS),
        )
        st.slider(
            "Kanszone-potentie meetellen (%)",
            min_value=0,
            max_value=100,
            step=10,
            key=KANSZONE_AANDEEL,
            on_change=_bewaar_filter,
            args=(KANSZONE_AANDEEL,),
            help="Dit deel van de potentie van elke kanszone telt als zachte intensivering in het jaar van de "
            "horizon: zichtbaar bij 'Tot en met zacht' of ruimer, nooit in de harde cijfers. De potentie is in "
            f"hectare-equivalent: {kanszones.HA_EQUIVALENT_UITLEG}.",
        )
    try:
        live = store.open_store()
    except store.StoreFout:
        return  # the page shows the message and the way out
    render_peildatum_keuze(live)


def page_header(titel: str, ctx: Context) -> None:
    """Page title, the sample-data banner (while the store holds sample data) and the selection."""
    st.title(titel)
    render_peildatum_banner(ctx)
    if ctx.gebruiker is not None:
        login.render_lokale_modus_banner(ctx.gebruiker)
    if ctx.voorbeeld_lagen:
        st.warning(
            f"**{voorbeeld_melding(ctx.voorbeeld_lagen)}.** "
            f"{voorbeeld_uitleg(ctx.voorbeeld_lagen, ctx.strategie.regio)} "
            "Vervang de voorbeelddata via de pagina Data.",
            icon="⚠️",
        )
    alle = len(ctx.gemeenten) == len(ctx.strategie.gemeenten)
    selectie = "hele regio" if alle else ", ".join(ctx.gemeenten)
    gewijzigd = ctx.store.meta().get("gewijzigd_op", "")
    stand = ""
    if gewijzigd:
        import datetime as dt

        stand = f" · stand {format_datum(dt.datetime.fromisoformat(gewijzigd))}"
    st.caption(
        f"Selectie: {selectie} · plannen: {PLANSTATUS_KEUZE[ctx.planstatus_vanaf].lower()} · "
        f"periode {ctx.strategie.referentiejaar}–{ctx.strategie.horizon}{stand}"
    )


def render_kerncijfers(kerncijfers: list[monitor.Kerncijfer], per_rij: int = 4) -> None:
    """KPI tiles: label, Dutch value, a short note, and 'hoe berekend' as the help text."""
    for start in range(0, len(kerncijfers), per_rij):
        kolommen = st.columns(per_rij)
        for kol, k in zip(kolommen, kerncijfers[start : start + per_rij], strict=False):
            with kol:
                st.metric(k.label, k.tekst, help=f"Hoe berekend: {k.uitleg}", border=True)
                if k.toelichting:
                    st.caption(k.toelichting)


def style_categorie(df: pd.DataFrame, kolom: str, categorieen: tuple[schema.Categorie, ...]):
    """A pandas Styler that paints ``kolom`` (holding category labels) in the category's colour
    with bold black or white text, whichever contrasts most (WCAG), so a traffic light reads
    on a projector without relying on emoji."""
    from ..themes import tekst_op

    kleuren = {c.label: c.kleur for c in categorieen}

    def kleur(waarde: str) -> str:
        k = kleuren.get(waarde)
        return f"background-color: {k}; color: {tekst_op(k)}; font-weight: 700" if k else ""

    return df.style.map(kleur, subset=[kolom])
