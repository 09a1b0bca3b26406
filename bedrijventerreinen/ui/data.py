"""Streamlit parts of the Data page: the import wizard (the other tabs are in :mod:`.data_exports`).

The steps of the wizard are functions here so ``pages/data.py`` stays a list of calls.
Every figure comes from the package: the validation report from :mod:`..io` and
:mod:`..validatie`, the diff from :func:`..io.compute_verschil`, the balance effect from
:func:`..monitor.format_effect`. Session state holds only UI state (the chosen
layer, mode, column mapping widgets, a counter that empties the uploader after an import).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import streamlit as st

from .. import charts, io, schema, store
from ..formatting import escape_markdown, format_getal
from ..toegang import GeenToegang
from . import state
from .common import Context
from .data_controle import render_balanseffect, render_controle, render_match, render_verschil

LAAG_LABELS: dict[str, str] = {
    "terreinen": "Terreinen (contouren en hectares)",
    "mutaties": "Mutaties (transformatie, compensatie, uitbreiding, …)",
    "koppelingen": "Koppelingen (welke compensatie dekt welke transformatie)",
    "kanszones": "Kanszones",
    "panden": "Panden (BAG-footprints)",
}
AUTOMATISCH = "(automatisch)"
GEEN = "(geen)"
#: Features drawn in the preview map (the rest is counted, not drawn).

_TELLER = state.sleutel("import_teller")
_KLAAR = state.sleutel("import_klaar")


@dataclass
class Leesuitkomst:
    """What reading an upload gave: a result, or a Dutch error (with the file's columns
    when required columns were missing)."""

    resultaat: io.ImportResultaat | None = None
    fout: str | None = None
    ontbrekend: list[str] = field(default_factory=list)
    bronkolommen: list[str] = field(default_factory=list)


@st.cache_data(show_spinner="Bestand controleren…", max_entries=3)
def _read(sleutel: str, naam: str, _data: bytes, laag: str, bronlaag: str | None, koppeling: str) -> Leesuitkomst:
    try:
        r = io.read_upload(naam, _data, laag, bronlaag=bronlaag, koppeling=json.loads(koppeling))
    except io.KolommenOntbreken as e:
        return Leesuitkomst(fout=str(e), ontbrekend=e.ontbrekend, bronkolommen=e.bronkolommen)
    except io.InvoerFout as e:
        return Leesuitkomst(fout=str(e))
    return Leesuitkomst(resultaat=r, bronkolommen=r.bronkolommen)


@st.cache_data(show_spinner=False, max_entries=6)
def _bronlagen(sleutel: str, naam: str, _data: bytes) -> list[str] | str:
    try:
        return io.list_bronlagen(naam, _data)
    except io.InvoerFout as e:
        return str(e)


@st.cache_data(show_spinner="Verschil berekenen…", max_entries=2)
def _plan(
    sleutel: str,
    path: str,
    versie: int,
    _huidig: dict[str, pd.DataFrame],
    _resultaat: io.ImportResultaat,
    modus: str,
    peiljaar: int | None,
    keuzes: str,
) -> io.ImportPlan:
    # Keyed by the upload, its reading options, the choices and the store version: the frames
    # themselves are not hashed (a 200,000-building layer would take seconds on every rerun).
    return io.plan_import(_huidig, _resultaat, modus, peiljaar=peiljaar, wezen_keuzes=json.loads(keuzes))


@st.cache_data(show_spinner="Panden laden…", max_entries=2)
def _load_laag(path: str, versie: int, laag: str) -> pd.DataFrame:
    return store.Store(path).load(laag)


def current_laag(ctx: Context, laag: str) -> pd.DataFrame:
    """The current layer from the page context (panden are loaded separately, cached by version)."""
    if laag in ctx.lagen:
        return ctx.lagen[laag]
    return _load_laag(str(ctx.store.path), ctx.versie, laag)


def render_uploader_nl(grens_mb: int) -> None:
    """Dutch texts on Streamlit's file uploader, whose button ('Upload') and limit ('50MB per
    file') are English built-ins: CSS swaps the visible words (pinned Streamlit 1.67 markup)."""
    st.html(
        "<style>"
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {font-size: 0}'
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after'
        ' {content: "Bestand kiezen"; font-size: 0.875rem}'
        '[data-testid="stFileUploaderDropzoneInstructions"] span {font-size: 0}'
        '[data-testid="stFileUploaderDropzoneInstructions"] span::after'
        f' {{content: "of sleep het hierheen · hoogstens {int(grens_mb)} MB"; font-size: 0.875rem}}'
        "</style>"
    )


@dataclass
class _Upload:
    """The chosen upload: file name, bytes, the key of this upload and the chosen source layer."""

    naam: str
    data: bytes
    sleutel: str
    bronlaag: str | None = None


@dataclass
class _Voorstel:
    """What the preview step chose and computed: mode, peiljaar, the choice per orphan and the plan."""

    modus: str
    peiljaar: int | None
    keuzes: dict[str, str]
    plan: io.ImportPlan


def render_import(ctx: Context) -> None:
    """The import wizard: file → column mapping → validation report → preview and diff → confirm."""
    _render_klaar()
    st.subheader("1. Bestand kiezen")
    laag = st.selectbox(
        "Welke laag leest u in?", list(LAAG_LABELS), format_func=LAAG_LABELS.get, key=state.sleutel("import_laag")
    )
    upload = _render_bestand(laag)
    if upload is None:
        return

    st.subheader("2. Kolommen")
    handmatig_prefix = state.sleutel("koppel", laag, upload.sleutel, "kolom")
    koppeling = _kies_koppeling(laag, handmatig_prefix)
    uitkomst = _read(
        upload.sleutel, upload.naam, upload.data, laag, upload.bronlaag, json.dumps(koppeling, sort_keys=True)
    )
    if uitkomst.fout and not uitkomst.ontbrekend:
        st.error(escape_markdown(uitkomst.fout))
        return
    _render_koppeling(ctx, laag, uitkomst, handmatig_prefix)
    if uitkomst.resultaat is None:
        return  # the warning above says which columns to map

    st.subheader("3. Controle")
    resultaat = render_controle(uitkomst.resultaat)

    st.subheader("4. Voorbeeld en verschil")
    voorstel = _render_voorbeeld(ctx, laag, resultaat, upload, koppeling)

    st.subheader("5. Vastleggen")
    _render_vastleggen(ctx, laag, resultaat, voorstel, upload.sleutel)


def _render_klaar() -> None:
    """The message of the import that was just committed (once), and the uploader's counter."""
    klaar = st.session_state.pop(_KLAAR, None)
    if klaar:
        st.success(escape_markdown(klaar), icon="✅")
    st.session_state.setdefault(_TELLER, state.standaard(_TELLER))


def _render_bestand(laag: str) -> _Upload | None:
    """Step 1: the uploader and, for a file with several layers, the layer to read. Returns the
    upload, or None (with the reason shown) while there is nothing to read."""
    grens = int(io.LIMIETEN["max_bestand_mb"])
    render_uploader_nl(grens)
    upload = st.file_uploader(
        "Bestand",
        key=state.sleutel("import_bestand", st.session_state[_TELLER]),
        help=(
            "GeoJSON, GeoPackage, shapefile (alle delen samen in één zip), CSV of Excel (.xlsx) met een "
            f"kolom 'geometrie' (WKT) of x/y-kolommen. Ten hoogste {grens} MB; zip grote bestanden (zoals een "
            "BAG-pandenlaag) eerst in. IBIS-exports worden herkend."
        ),
    )
    if upload is None:
        st.info(
            "Kies een bestand. Er wordt niets opgeslagen voordat u de controle en het verschil hebt gezien "
            "en op **Vastleggen** drukt; vóór elke import wordt een snapshot gemaakt."
        )
        return None
    data = upload.getvalue()
    sleutel = f"{upload.file_id}-{hashlib.sha256(data[:65536]).hexdigest()[:12]}-{len(data)}"

    lagen_in_bestand = _bronlagen(sleutel, upload.name, data)
    if isinstance(lagen_in_bestand, str):
        st.error(escape_markdown(lagen_in_bestand))
        return None
    bronlaag = None
    if len(lagen_in_bestand) > 1:
        standaard = next((i for i, n in enumerate(lagen_in_bestand) if n.lower() == laag), 0)
        bronlaag = st.selectbox(
            "Laag in het bestand", lagen_in_bestand, index=standaard, key=state.sleutel("import_bronlaag", sleutel)
        )
    return _Upload(upload.name, data, sleutel, bronlaag)


def _kies_koppeling(laag: str, handmatig_prefix: str) -> dict[str, str]:
    """Step 2: the column mapping to read with: a saved one (chosen here) overridden by the
    columns chosen by hand (widgets keyed ``handmatig_prefix`` + ``_`` + declared column). Returns
    source column -> declared column."""
    opgeslagen = io.load_kolomkoppelingen(laag)
    keuze = GEEN
    if opgeslagen:
        keuze = st.selectbox(
            "Opgeslagen kolomkoppeling", [GEEN, *opgeslagen], key=state.sleutel("import_opgeslagen", laag)
        )
    koppeling = dict(opgeslagen.get(keuze, {}))
    for kolom in schema.kolomnamen(laag):
        bron = st.session_state.get(state.extend_key(handmatig_prefix, kolom), AUTOMATISCH)
        if bron != AUTOMATISCH:
            koppeling = {b: d for b, d in koppeling.items() if d != kolom}
            koppeling[bron] = kolom
    return koppeling


def _render_voorbeeld(
    ctx: Context, laag: str, resultaat: io.ImportResultaat, upload: _Upload, koppeling: dict[str, str]
) -> _Voorstel:
    """Step 4: the mode, the peiljaar, the plan with its match, diff, balance effect and map.
    Returns what was chosen and the plan."""
    modus = st.radio(
        "Hoe verwerken?",
        list(io.MODI),
        format_func=io.MODI.get,
        key=state.sleutel("import_modus", laag),
        horizontal=False,
    )
    sleutel = upload.sleutel
    huidig = current_laag(ctx, laag)
    behouden = resultaat.behouden_kolommen()
    peiljaar = _render_peiljaar(laag, resultaat, sleutel)
    keuzes = dict(st.session_state.get(state.sleutel("import_wezen", sleutel), {}))
    lagen_nu = {naam: current_laag(ctx, naam) for naam in {laag, "voorraad", "mutaties", "kanszones"}}
    sleutel_verschil = (
        f"{sleutel}|{upload.bronlaag}|{json.dumps(koppeling, sort_keys=True)}|{len(resultaat.gdf)}|{modus}"
    )
    plan = _plan(
        sleutel_verschil,
        str(ctx.store.path),
        ctx.versie,
        lagen_nu,
        resultaat,
        modus,
        peiljaar,
        json.dumps(keuzes, sort_keys=True),
    )
    if plan.match is not None:
        render_match(plan.match)
    if behouden and len(huidig):
        st.caption(
            f"Het bestand heeft geen {', '.join(behouden)}: bestaande rijen houden daar hun huidige waarde, "
            "nieuwe rijen krijgen de afgeleide of een lege waarde."
        )
    render_verschil(plan.verschil, laag)
    render_balanseffect(
        ctx, laag, plan.lagen[laag], f"{sleutel_verschil}|{peiljaar}|{json.dumps(keuzes, sort_keys=True)}"
    )
    if isinstance(resultaat.gdf, gpd.GeoDataFrame):
        st.altair_chart(charts.chart_voorbeeldkaart(resultaat.gdf, huidig), width="stretch")
    return _Voorstel(modus, peiljaar, keuzes, plan)


def _render_vastleggen(
    ctx: Context, laag: str, resultaat: io.ImportResultaat, voorstel: _Voorstel, sleutel: str
) -> None:
    """Step 5: why it cannot be committed, the second confirmation of *vervangen*, and the button."""
    if resultaat.blokkeert:
        st.error(
            "Er zijn blokkerende meldingen: los ze op in het bestand en lees het opnieuw in. Er is niets opgeslagen."
        )
    bevestigd = True
    if voorstel.modus == "vervangen":
        bevestigd = _render_vervangen(ctx, voorstel.plan, sleutel)
    if st.button(
        f"Vastleggen: {format_getal(len(resultaat.gdf), 0)} rijen, {voorstel.modus}",
        type="primary",
        disabled=resultaat.blokkeert or not bevestigd,
        key=state.sleutel("import_vastleggen"),
    ):
        _vastleggen(ctx, laag, resultaat, voorstel, bevestigd)


def _vastleggen(ctx: Context, laag: str, resultaat: io.ImportResultaat, voorstel: _Voorstel, bevestigd: bool) -> None:
    """Commit the import; on success remember the message and empty the uploader (rerun)."""
    try:
        versie, snapshot = io.apply_import(
            ctx.store,
            resultaat,
            voorstel.modus,
            verwachte_versie=ctx.versie,
            peiljaar=voorstel.peiljaar,
            bevestigd=bevestigd,
            wezen_keuzes=voorstel.keuzes,
        )
    except (io.InvoerFout, store.StoreFout, OSError, GeenToegang) as e:
        st.error(escape_markdown(f"Vastleggen is mislukt; de opgeslagen gegevens zijn niet gewijzigd. {e}"))
        return
    st.session_state[_KLAAR] = (
        f"{LAAG_LABELS[laag].split(' (')[0]} uit {resultaat.bestandsnaam} vastgelegd ({voorstel.modus}); "
        f"versie {versie}. De stand van daarvoor is bewaard als snapshot {snapshot.name} (terug te zetten "
        "onder Snapshots)."
    )
    st.session_state[_TELLER] += 1
    st.rerun()


def _render_peiljaar(laag: str, resultaat: io.ImportResultaat, sleutel: str) -> int | None:
    """The peiljaar of a stock table: from its JAAR column, else asked (default last year)."""
    if laag != "terreinen":
        return None
    jaren = resultaat.gdf["peiljaar"].dropna()
    if len(jaren):  # rows without one are parks outside the register (plans), not a missing year
        lijst = ", ".join(str(int(j)) for j in sorted(jaren.unique()))
        st.caption(f"Peiljaar uit het bestand: {lijst}. De stand van elk peiljaar wordt bewaard.")
        return None
    nu = dt.date.today().year
    keuzes = list(range(nu, 1999, -1))
    return st.selectbox(
        "Peiljaar van deze stand (het bestand noemt het niet)",
        keuzes,
        index=1,
        key=state.sleutel("import_peiljaar", sleutel),
        help="Het jaar waarop de hectares slaan. Mutaties die tot en met dit jaar gerealiseerd zijn, zitten al in deze stand.",
    )


def _render_vervangen(ctx: Context, plan: io.ImportPlan, sleutel: str) -> bool:
    """The second confirmation of *vervangen*: how many parks disappear, what would point to
    nothing, a choice per orphan. True when the user confirmed and every orphan has a choice."""
    weg = plan.verschil[plan.verschil["status"] == "verwijderd"]
    wat = "terreinen" if plan.laag == "terreinen" else f"rijen uit {schema.LAAG_NAMEN.get(plan.laag, plan.laag)}"
    tekst = f"Vervangen verwijdert {format_getal(len(weg), 0)} {wat}"
    if len(weg) and "naam" in weg.columns:
        namen = ", ".join(weg["naam"].fillna(weg["sleutel"]).astype(str).head(8)) + (" …" if len(weg) > 8 else "")
        tekst += f" ({namen})"
    st.warning(escape_markdown(tekst + "."))
    keuzes: dict[str, str] = {}
    if len(plan.wezen):
        st.markdown(
            f"**{format_getal(len(plan.wezen), 0)} mutaties en kanszones wijzen dan naar niets.** "
            "Kies per regel: koppelen aan een terrein dat blijft, of laten vervallen."
        )
        parken = plan.lagen["terreinen"].set_index("terrein_id")["naam"].astype(str)
        opties = ["", "vervallen", *[f"koppelen:{t}" for t in parken.index]]

        def label(o: str) -> str:
            if not o:
                return "— kies —"
            if o == "vervallen":
                return "Laten vervallen / verwijderen"
            return f"Koppelen aan {parken[o.split(':', 1)[1]]}"

        for r in plan.wezen.itertuples(index=False):
            sleutel_w = f"{r.laag}:{r.object_id}"
            standaard = f"koppelen:{r.voorstel}" if r.voorstel else ""
            keuze = st.selectbox(
                escape_markdown(f"{r.object_id} '{r.naam}' (op {r.terrein})"),
                opties,
                index=opties.index(standaard) if standaard in opties else 0,
                format_func=label,
                key=state.sleutel("import_wees", sleutel, sleutel_w),
            )
            if keuze:
                keuzes[sleutel_w] = keuze
        if keuzes != st.session_state.get(state.sleutel("import_wezen", sleutel)):
            st.session_state[state.sleutel("import_wezen", sleutel)] = keuzes
            st.rerun()
    open_ = len(plan.wezen) - len(keuzes)
    if open_:
        st.error(f"Nog {format_getal(open_, 0)} keuzes open: zonder keuze wordt er niets vastgelegd.")
    bevestigd = st.checkbox(
        f"Ja, vervang de hele laag: {format_getal(len(weg), 0)} {wat} verdwijnen.",
        key=state.sleutel("import_bevestig", sleutel),
    )
    return bevestigd and not open_


def _render_koppeling(ctx: Context, laag: str, uitkomst: Leesuitkomst, prefix: str) -> None:
    r = uitkomst.resultaat
    toegepast = r.koppeling if r else {}
    if uitkomst.ontbrekend:
        st.warning(escape_markdown(uitkomst.fout or ""))
    with st.expander("Kolommen koppelen", expanded=bool(uitkomst.ontbrekend)):
        st.caption("Kies per kolom van de monitor de kolom uit het bestand. '(automatisch)' gebruikt de herkende naam.")
        opties = [AUTOMATISCH, *uitkomst.bronkolommen]
        kolommen = st.columns(3)
        for i, k in enumerate(schema.LAGEN[laag]):
            sleutel = state.extend_key(prefix, k.naam)
            if st.session_state.get(sleutel, AUTOMATISCH) not in opties:
                st.session_state[sleutel] = AUTOMATISCH
            kolommen[i % 3].selectbox(
                f"{k.naam}{' (verplicht)' if k.verplicht else ''}",
                opties,
                key=sleutel,
                help=k.uitleg,
            )
        if r is not None:
            naam = st.text_input(
                "Naam om deze koppeling te bewaren",
                key=state.extend_key(prefix, "", "bewaarnaam"),
                placeholder="bijv. IBIS 2026",
            )
            if st.button(
                "Koppeling bewaren", key=state.extend_key(prefix, "", "bewaarknop"), disabled=not naam.strip()
            ):
                try:
                    io.save_kolomkoppeling(naam, laag, toegepast, gebruiker=ctx.gebruiker)
                except (io.InvoerFout, OSError) as e:
                    st.error(escape_markdown(f"Bewaren is mislukt: {e}"))
                else:
                    st.success(
                        escape_markdown(
                            f"Kolomkoppeling '{naam.strip()}' bewaard; kies haar volgend jaar bij "
                            "'Opgeslagen kolomkoppeling'."
                        )
                    )
