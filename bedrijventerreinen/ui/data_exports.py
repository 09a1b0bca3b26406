"""Streamlit parts of the Data page's other two tabs: the exports (GeoPackage, one layer as
GeoJSON or CSV, the figures as Excel) and the snapshots with restore."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from .. import export, register, schema, store
from ..formatting import escape_markdown, format_datum
from ..toegang import GeenToegang, Recht, geen_recht_tekst
from ..voorbeeldmelding import voorbeeld_melding
from . import state
from .common import Context
from .data import _KLAAR, LAAG_LABELS, _load_laag

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
        key=state.sleutel("export_gpkg"),
        icon="🗺️",
    )

    st.subheader("Eén laag")
    laag = st.selectbox("Laag", list(LAAG_LABELS), format_func=LAAG_LABELS.get, key=state.sleutel("export_laag"))
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
            key=state.sleutel("export_geojson"),
        )
    with k2:
        st.download_button(
            "CSV (Excel, puntkomma)",
            data=lambda: export.export_csv(alle_lagen()[laag], laag),
            file_name=export.export_bestandsnaam("csv", laag),
            mime="text/csv",
            on_click="ignore",
            key=state.sleutel("export_csv"),
        )

    st.subheader("Hectarebalans, dekking en bevindingen (Excel)")
    st.caption(f"Volgens de keuze in de zijbalk: {', '.join(ctx.gemeenten)}; plannen vanaf '{ctx.planstatus_vanaf}'.")
    st.download_button(
        "Excel-werkmap downloaden",
        data=lambda: excel_export(ctx),
        file_name=export.export_bestandsnaam("xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key=state.sleutel("export_xlsx"),
        icon="📊",
    )


def excel_export(ctx: Context) -> bytes:
    """The Excel workbook of the current selection: the figures of ``ctx.stand``
    (:func:`bedrijventerreinen.export.export_monitor_xlsx`) and what they describe."""
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
    return export.export_monitor_xlsx(ctx.stand, toelichting=toelichting)


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
        key=state.sleutel("snapshot_keuze"),
    )
    zeker = st.checkbox("Ik wil de huidige gegevens vervangen door deze snapshot", key=state.sleutel("snapshot_zeker"))
    if st.button("Snapshot terugzetten", disabled=not zeker, key=state.sleutel("snapshot_terug")):
        try:
            versie = register.restore_snapshot(ctx.store, snaps["bestand"].iloc[i])  # logged in the audit log
        except (store.StoreFout, OSError, GeenToegang) as e:
            st.error(escape_markdown(f"Terugzetten is mislukt; de gegevens zijn niet gewijzigd. {e}"))
            return
        st.session_state[_KLAAR] = f"Snapshot '{snaps['label'].iloc[i]}' teruggezet (versie {versie})."
        st.rerun()


def _datumtijd(waarde: str) -> str:
    try:
        t = dt.datetime.fromisoformat(waarde)
    except (TypeError, ValueError):
        return str(waarde)
    return f"{format_datum(t)} {t.strftime('%H:%M')}"
