"""Transformatie & compensatie: the register, coverage per transformation, the timeline,
edits (with validation, audit log and conflict handling), the log and snapshots."""

import streamlit as st

from bedrijventerreinen import charts_register, register, schema, toetsing
from bedrijventerreinen.toegang import Recht, geen_recht_tekst
from bedrijventerreinen.ui import page_context, page_header, state
from bedrijventerreinen.ui import register as ui
from bedrijventerreinen.ui.common import style_categorie

ctx = page_context()
page_header("Transformatie & compensatie", ctx)
ui.render_melding()
ui.render_conflict(ctx)

mutaties = ui.load_mutaties(ctx)
koppelingen = ctx.lagen["koppelingen"]

tab_register, tab_dekking, tab_tijdlijn, tab_wijzigen, tab_logboek, tab_snapshots = st.tabs(
    ["Register", "Dekking per transformatie", "Tijdlijn", "Wijzigen", "Logboek", "Snapshots"],
    key=state.sleutel("transformatie_tabs"),
)

with tab_register:
    links, midden, rechts = st.columns([2, 2, 1])
    soorten = links.multiselect(
        "Soort",
        [c for c in schema.codes(schema.SOORTEN) if c != "uitgifte"],
        format_func=lambda s: schema.label(schema.SOORTEN, s),
        key=state.sleutel("reg_soorten"),
        placeholder="Alle soorten",
    )
    statussen = midden.multiselect(
        "Planstatus",
        schema.codes(schema.PLANSTATUS),
        format_func=lambda s: schema.label(schema.PLANSTATUS, s),
        key=state.sleutel("reg_planstatus"),
        placeholder="Alle planstatussen",
    )
    met_vervallen = rechts.checkbox("Toon vervallen", key=state.sleutel("reg_vervallen"))
    sel = register.filter_register(mutaties, ctx.gemeenten, soorten, statussen, met_vervallen)
    st.caption(f"{len(sel)} mutaties in de selectie (gemeenten uit de zijbalk).")
    st.dataframe(register.format_register(sel), hide_index=True, width="stretch", height=ui.tabelhoogte(len(sel)))

with tab_dekking:
    dekking = ctx.stand.dekking_per_planstatus
    if dekking.empty:
        st.info("Er zijn geen transformaties in de selectie.")
    else:
        st.altair_chart(charts_register.chart_dekking(dekking), width="stretch")
        st.dataframe(
            register.format_dekking(dekking), hide_index=True, width="stretch", height=ui.tabelhoogte(len(dekking))
        )
        st.caption(
            "Gedekt per planstatus van de gekoppelde compensatie. Tekort (hard): deel dat nog niet met "
            "gerealiseerde of harde compensatie is gedekt — dat eist de strategie. Wijst een compensatie meer "
            "toe dan ze groot is, dan telt elke koppeling naar verhouding."
        )
        trans = dekking["mutatie_id"].tolist()
        namen = dict(zip(dekking["mutatie_id"], dekking["naam"], strict=True))
        gekozen = st.selectbox(
            "Details van transformatie",
            trans,
            format_func=lambda m: f"{m} · {namen[m]}",
            key=state.sleutel("dek_keuze"),
        )
        st.markdown("**Gekoppelde compensatie**")
        eigen = koppelingen[koppelingen["transformatie_id"] == gekozen]
        if eigen.empty:
            st.write("Geen koppelingen.")
        else:
            st.dataframe(register.format_koppelingen(eigen, mutaties), hide_index=True, width="stretch")
        st.markdown("**Bevindingen van de strategie**")
        bev = register.bevindingen_voor(ctx.bevindingen, gekozen)
        if bev.empty:
            st.write("Geen bevindingen voor deze transformatie.")
        else:
            st.dataframe(
                style_categorie(toetsing.format_bevindingen(bev), "Ernst", schema.ERNST),
                hide_index=True,
                width="stretch",
            )

with tab_tijdlijn:
    keuzes = ["regio", *ctx.gemeenten]
    gebied = st.selectbox(
        "Gebied",
        keuzes,
        format_func=lambda g: "Regio (selectie)" if g == "regio" else g,
        key=state.sleutel("tijd_gebied"),
    )
    tijdlijn = ui.tijdlijn(ctx, mutaties)
    st.altair_chart(charts_register.chart_tijdlijn(tijdlijn, gebied), width="stretch")
    st.caption(
        "Cumulatief getransformeerde en gecompenseerde hectares per jaar, waar de grond ligt. Doorgetrokken: "
        "gerealiseerd; gestreept: inclusief de plannen die volgens de zijbalk meetellen."
    )

with tab_wijzigen:
    if ctx.alleen_lezen:
        st.info("Bij een peildatum kan niets worden gewijzigd. Kies 'Actuele stand' in de zijbalk.")
    elif not ctx.mag(Recht.REGISTER_WIJZIGEN):
        st.info(geen_recht_tekst(ctx.gebruiker, Recht.REGISTER_WIJZIGEN))
    else:
        wat = st.radio(
            "Wat wilt u doen?",
            ["wijzigen", "toevoegen", "vervallen", "koppelingen"],
            format_func={
                "wijzigen": "Mutatie wijzigen",
                "toevoegen": "Mutatie toevoegen",
                "vervallen": "Mutatie laten vervallen of weer geldig maken",
                "koppelingen": "Koppelingen",
            }.get,
            horizontal=True,
            key=state.sleutel("wijzig_wat"),
        )
        if wat == "wijzigen":
            ui.render_wijzig_mutatie(ctx, mutaties)
        elif wat == "toevoegen":
            ui.render_nieuwe_mutatie(ctx)
        elif wat == "vervallen":
            ui.render_vervallen(ctx, mutaties)
        else:
            ui.render_koppelingen(ctx, mutaties)
        with st.expander("Welke controles gelden?"):
            ui.render_regels()

with tab_logboek:
    if not ctx.mag(Recht.AUDITLOG_BEKIJKEN):
        st.info(geen_recht_tekst(ctx.gebruiker, Recht.AUDITLOG_BEKIJKEN))
    else:
        ui.render_logboek(ctx)

with tab_snapshots:
    ui.render_snapshots(ctx)
