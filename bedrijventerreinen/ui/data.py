"""Streamlit parts of the Data page: the import wizard, the exports and the snapshots.

The steps of the wizard are functions here so ``pages/data.py`` stays a list of calls.
Every figure comes from the package: the validation report from :mod:`..io` and
:mod:`..validatie`, the diff from :func:`..io.compute_verschil`, the balance effect from
:func:`..balance.compute_hectarebalans`. Session state holds only UI state (the chosen
layer, mode, column mapping widgets, a counter that empties the uploader after an import).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

import altair as alt
import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st

from .. import balance, export, ibis, io, register, schema, store, strategy
from ..formatting import format_datum, format_getal, format_ha
from ..toegang import GeenToegang, Recht, geen_recht_tekst
from ..voorbeeldmelding import voorbeeld_melding
from .common import Context

LAAG_LABELS: dict[str, str] = {
    "terreinen": "Terreinen (contouren en hectares)",
    "mutaties": "Mutaties (transformatie, compensatie, uitbreiding, …)",
    "koppelingen": "Koppelingen (welke compensatie dekt welke transformatie)",
    "kanszones": "Kanszones",
    "panden": "Panden (BAG-footprints)",
}
STATUS_LABELS: dict[str, str] = {
    "toegevoegd": "Toegevoegd",
    "gewijzigd": "Gewijzigd",
    "verwijderd": "Verwijderd",
    "ongewijzigd": "Ongewijzigd",
}
AUTOMATISCH = "(automatisch)"
GEEN = "(geen)"
#: Features drawn in the preview map (the rest is counted, not drawn).
MAX_KAART = 2_000

_TELLER = "import_teller"
_KLAAR = "import_klaar"


def als_tekst(tekst: str) -> str:
    """``tekst`` safe for Streamlit's Markdown: every Markdown/HTML character is escaped, so a
    file or column name from an upload shows as typed and never becomes a link or markup."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])", r"\\\1", tekst)


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


def render_import(ctx: Context) -> None:
    """The import wizard: file → column mapping → validation report → preview and diff → confirm."""
    klaar = st.session_state.pop(_KLAAR, None)
    if klaar:
        st.success(als_tekst(klaar), icon="✅")
    st.session_state.setdefault(_TELLER, 0)

    st.subheader("1. Bestand kiezen")
    laag = st.selectbox("Welke laag leest u in?", list(LAAG_LABELS), format_func=LAAG_LABELS.get, key="import_laag")
    grens = int(io.LIMIETEN["max_bestand_mb"])
    render_uploader_nl(grens)
    upload = st.file_uploader(
        "Bestand",
        key=f"import_bestand_{st.session_state[_TELLER]}",
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
        return
    data = upload.getvalue()
    sleutel = f"{upload.file_id}-{hashlib.sha256(data[:65536]).hexdigest()[:12]}-{len(data)}"

    lagen_in_bestand = _bronlagen(sleutel, upload.name, data)
    if isinstance(lagen_in_bestand, str):
        st.error(als_tekst(lagen_in_bestand))
        return
    bronlaag = None
    if len(lagen_in_bestand) > 1:
        standaard = next((i for i, n in enumerate(lagen_in_bestand) if n.lower() == laag), 0)
        bronlaag = st.selectbox(
            "Laag in het bestand", lagen_in_bestand, index=standaard, key=f"import_bronlaag_{sleutel}"
        )

    st.subheader("2. Kolommen")
    opgeslagen = io.load_kolomkoppelingen(laag)
    keuze = GEEN
    if opgeslagen:
        keuze = st.selectbox("Opgeslagen kolomkoppeling", [GEEN, *opgeslagen], key=f"import_opgeslagen_{laag}")
    koppeling = dict(opgeslagen.get(keuze, {}))
    handmatig_prefix = f"koppel_{laag}_{sleutel}_kolom_"
    for kolom in schema.kolomnamen(laag):
        bron = st.session_state.get(handmatig_prefix + kolom, AUTOMATISCH)
        if bron != AUTOMATISCH:
            koppeling = {b: d for b, d in koppeling.items() if d != kolom}
            koppeling[bron] = kolom
    uitkomst = _read(sleutel, upload.name, data, laag, bronlaag, json.dumps(koppeling, sort_keys=True))
    if uitkomst.fout and not uitkomst.ontbrekend:
        st.error(als_tekst(uitkomst.fout))
        return
    _render_koppeling(ctx, laag, uitkomst, handmatig_prefix)
    if uitkomst.resultaat is None:
        return  # the warning above says which columns to map
    resultaat = uitkomst.resultaat

    st.subheader("3. Controle")
    resultaat = _render_controle(resultaat)

    st.subheader("4. Voorbeeld en verschil")
    modus = st.radio(
        "Hoe verwerken?", list(io.MODI), format_func=io.MODI.get, key=f"import_modus_{laag}", horizontal=False
    )
    huidig = current_laag(ctx, laag)
    behouden = resultaat.behouden_kolommen()
    peiljaar = _render_peiljaar(laag, resultaat, sleutel)
    keuzes = dict(st.session_state.get(f"import_wezen_{sleutel}", {}))
    lagen_nu = {naam: current_laag(ctx, naam) for naam in {laag, "voorraad", "mutaties", "kanszones"}}
    sleutel_verschil = f"{sleutel}|{bronlaag}|{json.dumps(koppeling, sort_keys=True)}|{len(resultaat.gdf)}|{modus}"
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
    na, verschil = plan.lagen[laag], plan.verschil
    if plan.match is not None:
        _render_match(plan.match)
    if behouden and len(huidig):
        st.caption(
            f"Het bestand heeft geen {', '.join(behouden)}: bestaande rijen houden daar hun huidige waarde, "
            "nieuwe rijen krijgen de afgeleide of een lege waarde."
        )
    _render_verschil(verschil, laag)
    _render_balanseffect(ctx, laag, na)
    if isinstance(resultaat.gdf, gpd.GeoDataFrame):
        st.altair_chart(chart_voorbeeldkaart(resultaat.gdf, huidig), width="stretch")

    st.subheader("5. Vastleggen")
    if resultaat.blokkeert:
        st.error(
            "Er zijn blokkerende meldingen: los ze op in het bestand en lees het opnieuw in. Er is niets opgeslagen."
        )
    bevestigd = True
    if modus == "vervangen":
        bevestigd = _render_vervangen(ctx, plan, sleutel)
    if st.button(
        f"Vastleggen: {format_getal(len(resultaat.gdf), 0)} rijen, {modus}",
        type="primary",
        disabled=resultaat.blokkeert or not bevestigd,
        key="import_vastleggen",
    ):
        try:
            versie, snapshot = io.apply_import(
                ctx.store,
                resultaat,
                modus,
                verwachte_versie=ctx.versie,
                peiljaar=peiljaar,
                bevestigd=bevestigd,
                wezen_keuzes=keuzes,
            )
        except (io.InvoerFout, store.StoreFout, OSError, GeenToegang) as e:
            st.error(als_tekst(f"Vastleggen is mislukt; de opgeslagen gegevens zijn niet gewijzigd. {e}"))
            return
        st.session_state[_KLAAR] = (
            f"{LAAG_LABELS[laag].split(' (')[0]} uit {resultaat.bestandsnaam} vastgelegd ({modus}); versie {versie}. "
            f"De stand van daarvoor is bewaard als snapshot {snapshot.name} (terug te zetten onder Snapshots)."
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
        key=f"import_peiljaar_{sleutel}",
        help="Het jaar waarop de hectares slaan. Mutaties die tot en met dit jaar gerealiseerd zijn, zitten al in deze stand.",
    )


def _render_match(match: pd.DataFrame) -> None:
    """Which park each row of a stock table becomes, for the user to check before committing."""
    telling = match["methode"].value_counts()
    delen = [f"{format_getal(int(telling.get(m, 0)), 0)} op {label}" for m, label in ibis.MATCH_METHODEN.items()
             if telling.get(m, 0)]  # fmt: skip
    st.markdown("**Koppeling aan de terreinen in de monitor:** " + ", ".join(delen) + ".")
    tabel = pd.DataFrame(
        {
            "Rij in bestand": match["naam"].fillna(""),
            "Gemeente": match["gemeente"].fillna(""),
            "RIN": match["rin_nummer"].fillna(""),
            "Wordt terrein": [h or "(nieuw)" for h in match["huidige_naam"]],
            "Id": match["terrein_id"],
            "Gevonden op": match["methode"].map(ibis.MATCH_METHODEN),
        }
    )
    with st.expander("Koppeling per rij bekijken", expanded=bool((match["methode"] == "naam").any())):
        st.caption("Controleer vooral de koppelingen op naam en de nieuwe terreinen voordat u vastlegt.")
        st.dataframe(tabel, hide_index=True, width="stretch")


def _render_vervangen(ctx: Context, plan: io.ImportPlan, sleutel: str) -> bool:
    """The second confirmation of *vervangen*: how many parks disappear, what would point to
    nothing, a choice per orphan. True when the user confirmed and every orphan has a choice."""
    weg = plan.verschil[plan.verschil["status"] == "verwijderd"]
    wat = "terreinen" if plan.laag == "terreinen" else f"rijen uit {schema.LAAG_NAMEN.get(plan.laag, plan.laag)}"
    tekst = f"Vervangen verwijdert {format_getal(len(weg), 0)} {wat}"
    if len(weg) and "naam" in weg.columns:
        namen = ", ".join(weg["naam"].fillna(weg["sleutel"]).astype(str).head(8)) + (" …" if len(weg) > 8 else "")
        tekst += f" ({namen})"
    st.warning(als_tekst(tekst + "."))
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
                als_tekst(f"{r.object_id} '{r.naam}' (op {r.terrein})"),
                opties,
                index=opties.index(standaard) if standaard in opties else 0,
                format_func=label,
                key=f"import_wees_{sleutel}_{sleutel_w}",
            )
            if keuze:
                keuzes[sleutel_w] = keuze
        if keuzes != st.session_state.get(f"import_wezen_{sleutel}"):
            st.session_state[f"import_wezen_{sleutel}"] = keuzes
            st.rerun()
    open_ = len(plan.wezen) - len(keuzes)
    if open_:
        st.error(f"Nog {format_getal(open_, 0)} keuzes open: zonder keuze wordt er niets vastgelegd.")
    bevestigd = st.checkbox(
        f"Ja, vervang de hele laag: {format_getal(len(weg), 0)} {wat} verdwijnen.",
        key=f"import_bevestig_{sleutel}",
    )
    return bevestigd and not open_


def _render_koppeling(ctx: Context, laag: str, uitkomst: Leesuitkomst, prefix: str) -> None:
    r = uitkomst.resultaat
    toegepast = r.koppeling if r else {}
    if uitkomst.ontbrekend:
        st.warning(als_tekst(uitkomst.fout or ""))
    with st.expander("Kolommen koppelen", expanded=bool(uitkomst.ontbrekend)):
        st.caption("Kies per kolom van de monitor de kolom uit het bestand. '(automatisch)' gebruikt de herkende naam.")
        opties = [AUTOMATISCH, *uitkomst.bronkolommen]
        kolommen = st.columns(3)
        for i, k in enumerate(schema.LAGEN[laag]):
            sleutel = prefix + k.naam
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
                "Naam om deze koppeling te bewaren", key=f"{prefix}_bewaarnaam", placeholder="bijv. IBIS 2026"
            )
            if st.button("Koppeling bewaren", key=f"{prefix}_bewaarknop", disabled=not naam.strip()):
                try:
                    io.save_kolomkoppeling(naam, laag, toegepast, gebruiker=ctx.gebruiker)
                except (io.InvoerFout, OSError) as e:
                    st.error(als_tekst(f"Bewaren is mislukt: {e}"))
                else:
                    st.success(
                        als_tekst(
                            f"Kolomkoppeling '{naam.strip()}' bewaard; kies haar volgend jaar bij "
                            "'Opgeslagen kolomkoppeling'."
                        )
                    )


def _render_controle(resultaat: io.ImportResultaat) -> io.ImportResultaat:
    n_blok = sum(m.blokkeert for m in resultaat.meldingen)
    kol = st.columns(3)
    kol[0].metric("Rijen gelezen", format_getal(len(resultaat.gdf), 0))
    kol[1].metric("Meldingen", format_getal(len(resultaat.meldingen), 0))
    kol[2].metric("Blokkerend", format_getal(n_blok, 0))
    if resultaat.meldingen:
        tabel = resultaat.meldingen_frame()
        tabel["Rij"] = tabel["Rij"].astype("string").fillna("")
        st.dataframe(
            tabel,
            hide_index=True,
            width="stretch",
            column_config={
                "Rij": st.column_config.TextColumn("Rij", width="small"),
                "Veld": st.column_config.TextColumn("Veld", width="small"),
                "Melding": st.column_config.TextColumn("Melding", width="large"),
                "Blokkeert": st.column_config.TextColumn("Blokkeert", width="small"),
            },
        )
    if not resultaat.blokkeert:
        st.success("Geen blokkerende meldingen: het bestand kan worden vastgelegd.")
        return resultaat
    if resultaat.alleen_rijen_blokkeren and st.checkbox(
        f"Rijen met blokkerende meldingen overslaan ({format_getal(len(resultaat.blokkerende_rijen), 0)} rijen)",
        key=f"import_overslaan_{resultaat.bestandsnaam}",
    ):
        return resultaat.zonder_blokkerende_rijen()
    st.error(f"{format_getal(n_blok, 0)} blokkerende meldingen: zo kan het bestand niet worden vastgelegd.")
    return resultaat


def _render_verschil(verschil: pd.DataFrame, laag: str) -> None:
    samen = io.summarize_verschil(verschil).set_index("status")
    ha = io.VERSCHIL_HA[laag]
    kol = st.columns(4)
    for k, status in zip(kol, STATUS_LABELS, strict=True):
        r = samen.loc[status]
        toelichting = ""
        if ha and status in ("toegevoegd", "verwijderd"):
            toelichting = format_ha(r["ha_na"] if status == "toegevoegd" else r["ha_voor"])
        elif ha and status == "gewijzigd":
            toelichting = format_ha(r["ha_na"] - r["ha_voor"], teken=True)
        k.metric(STATUS_LABELS[status], format_getal(int(r["aantal"]), 0), help=f"Kolom {ha}" if ha else None)
        if toelichting:
            k.caption(f"{toelichting} ({ha})")
    anders = verschil[verschil["status"] != "ongewijzigd"]
    if len(anders):
        tabel = pd.DataFrame({"Sleutel": anders["sleutel"], "Wat": anders["status"].map(STATUS_LABELS)})
        for c, label in (("naam", "Naam"), ("gemeente", "Gemeente")):
            if c in anders.columns:
                tabel[label] = anders[c]
        if ha:
            tabel["Voor"] = anders["ha_voor"].map(format_ha)
            tabel["Na"] = anders["ha_na"].map(format_ha)
        tabel["Gewijzigde velden"] = anders["velden"]
        st.dataframe(tabel.head(5_000), hide_index=True, width="stretch")
    else:
        st.info("Het bestand verandert niets aan de huidige gegevens.")


def _render_balanseffect(ctx: Context, laag: str, na: pd.DataFrame) -> None:
    if laag not in ("terreinen", "mutaties", "koppelingen"):
        return
    lagen = {**ctx.lagen, laag: na}
    effect = compute_balanseffect(ctx.lagen, lagen, ctx.strategie, ctx.planstatus_vanaf)
    st.caption("Effect op de hectarebalans van de regio (plannen zoals in de zijbalk gekozen):")
    st.dataframe(effect, hide_index=True, width="content")


def compute_balanseffect(
    voor: dict[str, pd.DataFrame], na: dict[str, pd.DataFrame], strategie: strategy.Strategie, planstatus: str
) -> pd.DataFrame:
    """The regio row of :func:`balance.compute_hectarebalans` before and after an import, as
    a Dutch table (Cijfer, Nu, Na import) for the headline columns."""
    rijen = []
    uitkomsten = []
    for lagen in (voor, na):
        b = balance.compute_hectarebalans(
            lagen["terreinen"], lagen["mutaties"], lagen["koppelingen"], strategie, planstatus
        )
        uitkomsten.append(b.set_index("gemeente").loc[balance.REGIO])
    for kolom in ("voorraad_start_ha", "transformatie_ha", "compensatie_ha", "saldo_ha", "ongedekt_ha"):
        label = balance.BALANS_UITLEG[kolom][0]
        rijen.append((label, format_ha(uitkomsten[0][kolom]), format_ha(uitkomsten[1][kolom])))
    return pd.DataFrame(rijen, columns=["Cijfer", "Nu", "Na import"])


def chart_voorbeeldkaart(nieuw: gpd.GeoDataFrame, huidig: pd.DataFrame | None = None) -> alt.Chart:
    """A small map of the imported features (blue) over the current ones (grey outline),
    in WGS84, simplified to 2 m; at most :data:`MAX_KAART` features of each are drawn."""

    def features(gdf: gpd.GeoDataFrame, bron: str) -> list[dict]:
        g = gdf[gdf.geometry.notna()].head(MAX_KAART)
        if g.empty:
            return []
        naamkolom = next((c for c in ("naam", "identificatie", "transformatie_id") if c in g.columns), None)
        # d3-geo (Vega) wants exterior rings clockwise, else a polygon covers the whole globe.
        vereenvoudigd = shapely.orient_polygons(
            shapely.simplify(g.geometry.array, 2.0, preserve_topology=True), exterior_cw=True
        )
        w = gpd.GeoDataFrame(
            {"bron": bron, "naam": g[naamkolom].astype("string").fillna("") if naamkolom else ""},
            geometry=gpd.GeoSeries(vereenvoudigd, index=g.index, crs=g.crs),
        ).to_crs(schema.CRS_WEB)
        return json.loads(w.to_json(drop_id=True))["features"]

    waarden = features(nieuw, "Bestand")
    if isinstance(huidig, gpd.GeoDataFrame):
        waarden = features(huidig, "Huidig") + waarden
    basis = alt.Chart(alt.Data(values=waarden)).project(type="mercator")
    return (
        basis.mark_geoshape(strokeWidth=1)
        .encode(
            color=alt.Color(
                "properties.bron:N",
                title=None,
                scale=alt.Scale(domain=["Huidig", "Bestand"], range=["#bbbbbb", "#0b4f8a"]),
                legend=alt.Legend(orient="bottom"),
            ),
            opacity=alt.condition(alt.datum["properties"]["bron"] == "Huidig", alt.value(0.35), alt.value(0.6)),
            tooltip=[alt.Tooltip("properties.naam:N", title="Naam"), alt.Tooltip("properties.bron:N", title="Bron")],
        )
        .properties(height=420)
    )


# -- exports -------------------------------------------------------------------------------


def render_exports(ctx: Context) -> None:
    """Download buttons: the whole store as GeoPackage, one layer as GeoJSON or CSV, and the
    balance, coverage and findings as an Excel workbook. Files are made on click."""
    s, versie = ctx.store, ctx.versie
    if ctx.voorbeeld_lagen:
        st.warning(
            f"**{voorbeeld_melding(ctx.voorbeeld_lagen)}.** Exports met deze gegevens zijn geen officiële cijfers; "
            f"de rijen uit de voorbeelddata hebben als bron '{schema.VOORBEELD_BRON}'."
        )

    def alle_lagen() -> dict[str, pd.DataFrame]:
        return {**ctx.lagen, "panden": _load_laag(str(s.path), versie, "panden")}

    st.subheader("Alles als GeoPackage")
    st.caption("Alle lagen in RD New (EPSG:28992); opent in QGIS en ArcGIS en kan hier weer worden ingelezen.")
    st.download_button(
        "GeoPackage downloaden",
        data=lambda: export.export_gpkg(alle_lagen(), ctx.voorbeeld_lagen),
        file_name=export.export_bestandsnaam("gpkg"),
        mime="application/geopackage+sqlite3",
        on_click="ignore",
        key="export_gpkg",
        icon="🗺️",
    )

    st.subheader("Eén laag")
    laag = st.selectbox("Laag", list(LAAG_LABELS), format_func=LAAG_LABELS.get, key="export_laag")
    if laag in ctx.voorbeeld_lagen:
        st.caption("Deze laag bevat voorbeelddata — geen officiële cijfers.")
    k1, k2 = st.columns(2)
    with k1:
        st.download_button(
            "GeoJSON (WGS84)",
            data=lambda: export.export_geojson(alle_lagen()[laag], laag, laag in ctx.voorbeeld_lagen),
            file_name=export.export_bestandsnaam("geojson", laag),
            mime="application/geo+json",
            on_click="ignore",
            key="export_geojson",
        )
    with k2:
        st.download_button(
            "CSV (Excel, puntkomma)",
            data=lambda: export.export_csv(alle_lagen()[laag], laag),
            file_name=export.export_bestandsnaam("csv", laag),
            mime="text/csv",
            on_click="ignore",
            key="export_csv",
        )

    st.subheader("Hectarebalans, dekking en bevindingen (Excel)")
    st.caption(f"Volgens de keuze in de zijbalk: {', '.join(ctx.gemeenten)}; plannen vanaf '{ctx.planstatus_vanaf}'.")
    st.download_button(
        "Excel-werkmap downloaden",
        data=lambda: excel_export(ctx),
        file_name=export.export_bestandsnaam("xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="export_xlsx",
        icon="📊",
    )


def excel_export(ctx: Context) -> bytes:
    """The Excel workbook for the current selection (see :func:`export.export_xlsx`)."""
    m, k = ctx.lagen["mutaties"], ctx.lagen["koppelingen"]
    dekking = balance.compute_compensatiedekking(m, k, ctx.strategie, ctx.planstatus_vanaf)
    dekking = dekking[dekking["gemeente"].isin(ctx.gemeenten)]
    gewijzigd = ctx.store.meta().get("gewijzigd_op", "")
    stand = format_datum(dt.datetime.fromisoformat(gewijzigd)) if gewijzigd else ""
    toelichting = [
        ("Gegevens", voorbeeld_melding(ctx.voorbeeld_lagen) or "Ingelezen gegevens"),
        ("Stand van de gegevens", stand),
        ("Versie van de opslag", str(ctx.versie)),
        ("Gemeenten", ", ".join(ctx.gemeenten)),
        ("Plannen die meetellen", f"vanaf planstatus '{ctx.planstatus_vanaf}'"),
        ("Periode", f"{ctx.strategie.referentiejaar}–{ctx.strategie.horizon}"),
        ("Strategie", ctx.strategie.naam),
    ]
    return export.export_xlsx(ctx.balans, dekking, ctx.bevindingen, toelichting=toelichting)


# -- snapshots -----------------------------------------------------------------------------


def render_snapshots(ctx: Context) -> None:
    """The snapshots of the store (one before every import and restore), with restore."""
    snaps = ctx.store.list_snapshots()
    if snaps.empty:
        st.info("Nog geen snapshots. Vóór elke import wordt automatisch een snapshot gemaakt.")
        return
    tabel = pd.DataFrame(
        {
            "Snapshot": snaps["label"],
            "Gemaakt op": snaps["snapshot_op"].map(_datumtijd),
            "Versie": snaps["versie"],
        }
    )
    st.dataframe(tabel, hide_index=True, width="stretch")
    if not ctx.mag(Recht.SNAPSHOT_HERSTELLEN):
        st.caption(geen_recht_tekst(ctx.gebruiker, Recht.SNAPSHOT_HERSTELLEN))
        return
    keuzes = list(range(len(snaps)))
    i = st.selectbox(
        "Snapshot om terug te zetten",
        keuzes,
        format_func=lambda j: f"{_datumtijd(snaps['snapshot_op'].iloc[j])} — {snaps['label'].iloc[j]}",
        key="snapshot_keuze",
    )
    zeker = st.checkbox("Ik wil de huidige gegevens vervangen door deze snapshot", key="snapshot_zeker")
    if st.button("Snapshot terugzetten", disabled=not zeker, key="snapshot_terug"):
        try:
            versie = register.restore_snapshot(ctx.store, snaps["bestand"].iloc[i])  # logged in the audit log
        except (store.StoreFout, OSError, GeenToegang) as e:
            st.error(als_tekst(f"Terugzetten is mislukt; de gegevens zijn niet gewijzigd. {e}"))
            return
        st.session_state[_KLAAR] = f"Snapshot '{snaps['label'].iloc[i]}' teruggezet (versie {versie})."
        st.rerun()


def _datumtijd(waarde: str) -> str:
    try:
        t = dt.datetime.fromisoformat(waarde)
    except (TypeError, ValueError):
        return str(waarde)
    return f"{format_datum(t)} {t.strftime('%H:%M')}"
