"""The report steps of the Data page's import wizard (:mod:`.data`): the validation report,
the park each stock row becomes, the diff against the current data and the effect on the
hectare balance. Every figure comes from the package (:mod:`..io`, :mod:`..monitor`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import ibis, io, monitor
from ..formatting import format_getal, format_ha
from . import state
from .common import Context

STATUS_LABELS: dict[str, str] = {
    "toegevoegd": "Toegevoegd",
    "gewijzigd": "Gewijzigd",
    "verwijderd": "Verwijderd",
    "ongewijzigd": "Ongewijzigd",
}


def render_match(match: pd.DataFrame) -> None:
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


def render_controle(resultaat: io.ImportResultaat) -> io.ImportResultaat:
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
        key=state.sleutel("import_overslaan", resultaat.bestandsnaam),
    ):
        return resultaat.zonder_blokkerende_rijen()
    st.error(f"{format_getal(n_blok, 0)} blokkerende meldingen: zo kan het bestand niet worden vastgelegd.")
    return resultaat


def render_verschil(verschil: pd.DataFrame, laag: str) -> None:
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


@st.cache_data(show_spinner="Effect op de balans berekenen…", max_entries=4)
def _effect(
    sleutel: str, path: str, versie: int, planstatus: str, laag: str, _ctx: Context, _na: pd.DataFrame
) -> pd.DataFrame:
    # keyed like the import plan (upload, options, choices) and the store version: the frames
    # are not hashed, and a rerun of the wizard does not compute the monitor twice again
    selectie = monitor.Selectie(planstatus_vanaf=planstatus)
    voor = monitor.compute_monitor(_ctx.lagen, _ctx.strategie, selectie)
    erna = monitor.compute_monitor({**_ctx.lagen, laag: _na}, _ctx.strategie, selectie)
    return monitor.format_effect(voor, erna)


def render_balanseffect(ctx: Context, laag: str, na: pd.DataFrame, sleutel: str) -> None:
    """The region's headline balance now and after the import (:func:`..monitor.format_effect`),
    cached per ``sleutel`` (the import plan's key) and store version."""
    if laag not in ("terreinen", "mutaties", "koppelingen"):
        return
    effect = _effect(sleutel, str(ctx.store.path), ctx.versie, ctx.planstatus_vanaf, laag, ctx, na)
    st.caption("Effect op de hectarebalans van de regio (plannen zoals in de zijbalk gekozen):")
    st.dataframe(effect, hide_index=True, width="content")
