"""Scenario's: the werkgroep builds what-if scenarios over the register, saves them and compares."""

import streamlit as st

from bedrijventerreinen import balance, charts, scenarios, schema
from bedrijventerreinen.formatting import escape_markdown
from bedrijventerreinen.toegang import GeenToegang, Recht, geen_recht_tekst
from bedrijventerreinen.ui import page_context, page_header, state
from bedrijventerreinen.ui import scenarios as ui_sc
from bedrijventerreinen.ui.common import style_categorie
from bedrijventerreinen.ui.invoer import getal_invoer

SC_MELDING = state.sleutel("sc_melding")
SC_NAAM = state.sleutel("sc_naam")
SC_BESCHRIJVING = state.sleutel("sc_beschrijving")
SC_VRAAG = state.sleutel("sc_vraag")
SC_HORIZON = state.sleutel("sc_horizon")
SC_KANSZONE = state.sleutel("sc_kanszone")
SC_PLANSTATUS = state.sleutel("sc_planstatus")

ctx = page_context()
page_header("Scenario's", ctx)
sc = ui_sc.current(ctx)
basis_mutaties = ctx.lagen["mutaties"]

bouwen, vergelijken = st.tabs(["Scenario bouwen", "Scenario's vergelijken"])

with bouwen:
    if melding := st.session_state.pop(SC_MELDING, None):
        st.success(escape_markdown(melding))
    opgeslagen = ui_sc.saved(ctx)
    with st.expander("Opgeslagen scenario's openen", expanded=False):
        if opgeslagen.empty:
            st.caption("Nog geen opgeslagen scenario's.")
        else:
            keuze = st.selectbox(
                "Scenario",
                options=list(opgeslagen["id"]),
                format_func=dict(zip(opgeslagen["id"], opgeslagen["naam"], strict=True)).get,
                key=state.sleutel("open_keuze"),
            )
            a, b, c, d = st.columns(4)
            if a.button("Openen", key=state.sleutel("knop_openen")):
                ui_sc.load_into_buffer(keuze, ctx.store.load_scenario(keuze))
                st.rerun()
            if b.button("Kopiëren", key=state.sleutel("knop_kopie")):
                naam, _, beschrijving, inhoud = ctx.store.load_scenario(keuze)
                ui_sc.load_into_buffer(None, (f"Kopie van {naam}", "", beschrijving, inhoud))
                st.rerun()
            if ctx.mag(Recht.SCENARIO_OPSLAAN) and c.button("Verwijderen", key=state.sleutel("knop_verwijder")):
                try:
                    ctx.store.delete_scenario(keuze)
                except GeenToegang as e:
                    st.error(escape_markdown(e))
                else:
                    st.rerun()
            if d.button("Nieuw scenario", key=state.sleutel("knop_nieuw")):
                leeg = scenarios.Scenario(horizon=ctx.strategie.horizon, planstatus_vanaf=ctx.planstatus_vanaf)
                ui_sc.load_into_buffer(None, (leeg.naam, "", "", leeg.to_json()))
                st.rerun()

    for sleutel, waarde in {
        SC_NAAM: sc.naam, SC_BESCHRIJVING: sc.beschrijving, SC_VRAAG: sc.vraag,
        SC_HORIZON: sc.horizon, SC_KANSZONE: round(sc.kanszone_realisatie * 100), SC_PLANSTATUS: sc.planstatus_vanaf,
    }.items():  # fmt: skip
        st.session_state.setdefault(sleutel, waarde)
    invoerfouten: list[str] = []  # numbers that cannot be read (shown under their field): nothing is saved
    vraag_ha = sc.vraag_ha if sc.vraag_ha is not None else ctx.strategie.vraag_hoog_ha
    groei = sc.groei_ha_per_jaar if sc.groei_ha_per_jaar is not None else 5.0

    links, rechts = st.columns([1, 2])
    with links:
        st.text_input("Naam van het scenario", key=SC_NAAM, max_chars=80)
        if sc.auteur:
            st.caption(f"Auteur: {escape_markdown(sc.auteur)}")
        st.text_area("Beschrijving", key=SC_BESCHRIJVING, max_chars=1000, height=80)
        st.radio("Vraag", options=list(scenarios.VRAAG_KEUZES), format_func=scenarios.VRAAG_KEUZES.get, key=SC_VRAAG)
        if st.session_state[SC_VRAAG] == "eigen":
            vraag_ha = getal_invoer(
                f"Vraag {ctx.strategie.referentiejaar}–{ctx.strategie.horizon} (ha)",
                vraag_ha,
                key=state.sleutel("sc_vraag_ha"),
                fouten=invoerfouten,
                min_waarde=0.0,
                decimalen=1,
                verplicht=True,
            )
        if st.session_state[SC_VRAAG] == "groei":
            groei = getal_invoer(
                "Groei (ha per jaar)",
                groei,
                key=state.sleutel("sc_groei"),
                fouten=invoerfouten,
                min_waarde=0.0,
                decimalen=2,
                verplicht=True,
            )
        st.slider(
            "Horizon", min_value=ctx.strategie.referentiejaar + 1, max_value=scenarios.MAX_HORIZON, key=SC_HORIZON
        )
        st.slider(
            "Realisatie potentie kanszones (%)",
            min_value=0,
            max_value=100,
            step=10,
            key=SC_KANSZONE,
            help="Dit deel van de potentie van elke kanszone telt als zachte intensivering, net als op het "
            "Overzicht: zichtbaar bij 'Tot en met zacht' of ruimer, nooit in de harde cijfers.",
        )
        st.selectbox(
            "Welke plannen tellen mee?",
            options=schema.codes(schema.PLANSTATUS),
            format_func=lambda c: f"Tot en met {schema.label(schema.PLANSTATUS, c).lower()}",
            key=SC_PLANSTATUS,
        )

    with rechts:
        st.markdown("**Register** — zet een mutatie uit of pas hectares, jaar of planstatus aan.")
        basis_tabel = scenarios.register_table(basis_mutaties, scenarios.Scenario())
        bewerkt = st.data_editor(
            scenarios.register_table(basis_mutaties, sc, ha_als_tekst=True),
            key=state.sleutel("sc_editor", st.session_state.get(ui_sc.EDITOR_TELLER, 0)),
            hide_index=True,
            width="stretch",
            height=360,
            disabled=["mutatie_id", "soort", "gemeente", "naam"],
            column_config={
                "mutatie_id": st.column_config.TextColumn("Id", width="small"),
                "opnemen": st.column_config.CheckboxColumn("Gaat door"),
                "soort": st.column_config.TextColumn("Soort"),
                "gemeente": st.column_config.TextColumn("Gemeente"),
                "naam": st.column_config.TextColumn("Naam", width="medium"),
                "ha": st.column_config.TextColumn("Ha", help="Hectares, met een komma voor decimalen: 0,3."),
                "jaar": st.column_config.NumberColumn("Jaar", min_value=2000, max_value=2060, step=1, format="%d"),
                "planstatus": st.column_config.SelectboxColumn("Planstatus", options=schema.codes(schema.PLANSTATUS)),
            },
        )
        with st.form(state.sleutel("sc_extra_form"), clear_on_submit=True, border=True):
            st.markdown("**Hypothetische mutatie toevoegen**")
            f1, f2, f3 = st.columns(3)
            soort = f1.selectbox("Soort", ["transformatie", "compensatie", "uitbreiding", "intensivering"])
            gemeente = f2.selectbox("Gemeente", list(ctx.strategie.gemeenten))
            naam = f3.text_input("Naam", max_chars=80)
            f4, f5, f6 = st.columns(3)
            extra_fouten: list[str] = []
            ha = getal_invoer(
                "Hectare", 1.0, key=state.sleutel("sc_extra_ha"), fouten=extra_fouten, min_waarde=0.1, decimalen=1,
                verplicht=True, in_formulier=True, plek=f4,
            )  # fmt: skip
            jaar = getal_invoer(
                "Jaar", 2028, key=state.sleutel("sc_extra_jaar"), fouten=extra_fouten, min_waarde=ctx.strategie.referentiejaar,
                max_waarde=scenarios.MAX_HORIZON, decimalen=0, geheel=True, verplicht=True, in_formulier=True, plek=f5,
            )  # fmt: skip
            status = f6.selectbox("Planstatus", schema.codes(schema.PLANSTATUS), index=1)
            if st.form_submit_button("Toevoegen") and not extra_fouten:
                sc.extra_mutaties.append(
                    {"soort": soort, "gemeente": gemeente, "naam": naam or f"Hypothetische {soort}", "ha": ha,
                     "planstatus": status, "jaar": int(jaar), "mutatie_id": f"S-{len(sc.extra_mutaties) + 1:02d}"}
                )  # fmt: skip
        if sc.extra_mutaties:
            st.dataframe(scenarios.extra_table(sc), hide_index=True, width="stretch")
            if st.button("Hypothetische mutaties wissen", key=state.sleutel("sc_extra_wissen")):
                sc.extra_mutaties = []

    tabelfouten: list[str] = []
    sc = scenarios.Scenario(
        naam=st.session_state[SC_NAAM].strip() or "Naamloos scenario",
        auteur=sc.auteur,
        beschrijving=st.session_state[SC_BESCHRIJVING].strip(),
        overrides={
            **{k: v for k, v in sc.overrides.items() if k not in set(basis_tabel["mutatie_id"])},
            **scenarios.overrides_from_table(basis_tabel, bewerkt, tabelfouten),
        },
        extra_mutaties=sc.extra_mutaties,
        vraag=st.session_state[SC_VRAAG],
        vraag_ha=vraag_ha if st.session_state[SC_VRAAG] == "eigen" else None,
        groei_ha_per_jaar=groei if st.session_state[SC_VRAAG] == "groei" else None,
        kanszone_realisatie=st.session_state[SC_KANSZONE] / 100,
        kanszone_jaar=sc.kanszone_jaar,
        horizon=st.session_state[SC_HORIZON],
        planstatus_vanaf=st.session_state[SC_PLANSTATUS],
    )
    ui_sc.store_buffer(sc)
    for fout in tabelfouten:  # after the table: the scenario uses the register's value meanwhile
        with rechts:
            st.error(escape_markdown(fout), icon=":material/error:")
    invoerfouten += tabelfouten

    try:
        ev = ui_sc.evaluate(ctx, sc)
        basis = ui_sc.evaluate(ctx, scenarios.Scenario(horizon=sc.horizon, planstatus_vanaf=sc.planstatus_vanaf, vraag=sc.vraag,
                                                       vraag_ha=sc.vraag_ha, groei_ha_per_jaar=sc.groei_ha_per_jaar))  # fmt: skip
    except scenarios.ScenarioFout as e:
        st.error(escape_markdown(e))
        st.stop()
    for melding in ev.meldingen:
        st.warning(escape_markdown(melding))

    st.subheader(f"Uitkomst tot {sc.horizon}")
    for kol, tegel in zip(st.columns(4), scenarios.uitkomst_tegels(ev, basis), strict=True):
        kol.metric(
            tegel.label, tegel.tekst, delta=tegel.verschil, delta_color=tegel.kleur, help=tegel.uitleg, border=True
        )
    g1, g2 = st.columns(2)
    with g1:
        st.altair_chart(
            charts.chart_scenario_lijnen({"Register": basis.vraag_aanbod, sc.naam: ev.vraag_aanbod}), width="stretch"
        )
    with g2:
        st.dataframe(
            style_categorie(
                balance.format_balans(ev.balans), balance.BALANS_UITLEG["verkeerslicht"][0], schema.VERKEERSLICHT
            ),
            hide_index=True,
            width="stretch",
        )

    if ctx.alleen_lezen:
        st.caption("Bij een peildatum worden scenario's niet opgeslagen; kies 'Actuele stand' in de zijbalk.")
    elif not ctx.mag(Recht.SCENARIO_OPSLAAN):
        st.caption(geen_recht_tekst(ctx.gebruiker, Recht.SCENARIO_OPSLAAN))
    elif invoerfouten:
        st.error("Verbeter eerst het getal hierboven; zo wordt het scenario niet opgeslagen.")
    else:
        geopend = st.session_state.get(ui_sc.GEOPEND)
        k1, k2, _ = st.columns([1, 1, 2])
        opslaan = k1.button("Scenario opslaan", type="primary", key=state.sleutel("knop_opslaan"))
        als_nieuw = bool(geopend) and k2.button("Opslaan als nieuw scenario", key=state.sleutel("knop_opslaan_nieuw"))
        if opslaan or als_nieuw:
            sc.auteur = ctx.gebruiker.audit_naam if ctx.gebruiker else ""
            try:
                sid = ctx.store.save_scenario(sc.naam, sc.to_json(), sc.beschrijving, None if als_nieuw else geopend)
            except GeenToegang as e:
                st.error(escape_markdown(e))
            else:
                st.session_state[ui_sc.GEOPEND] = sid
                st.query_params["scenario"] = sid
                st.session_state[SC_MELDING] = (
                    f"Scenario '{sc.naam}' is opgeslagen. De link in de adresbalk opent dit scenario."
                )
                st.rerun()

with vergelijken:
    opgeslagen = ui_sc.saved(ctx)
    keuzes = st.multiselect(
        "Kies maximaal drie opgeslagen scenario's",
        options=list(opgeslagen["id"]),
        format_func=dict(zip(opgeslagen["id"], opgeslagen["naam"], strict=True)).get,
        max_selections=3,
        key=state.sleutel("vergelijk_keuze"),
    )
    if not keuzes:
        st.info("Sla eerst scenario's op en kies ze hier om ze naast elkaar te zien.")
    else:
        evaluaties = []
        for sid in keuzes:
            naam, _, _, inhoud = ctx.store.load_scenario(sid)
            s = scenarios.Scenario.from_json(inhoud)
            s.naam = naam
            evaluaties.append(ui_sc.evaluate(ctx, s))
        tabel = scenarios.compare_many(evaluaties)
        st.dataframe(scenarios.format_vergelijking(tabel), width="stretch")
        st.altair_chart(
            charts.chart_scenario_lijnen({ev.scenario.naam: ev.vraag_aanbod for ev in evaluaties}), width="stretch"
        )
        if len(evaluaties) >= 2:
            st.markdown("**Kaart van wat verschilt**")
            ui_sc.render_verschilkaart(ctx, [ev.scenario for ev in evaluaties])
            eerste = escape_markdown(evaluaties[0].scenario.naam)
            st.markdown(f"**Wat verschilt** tussen '{eerste}' en de andere scenario's")
            for ev_b in evaluaties[1:]:
                st.caption(f"{eerste} → {escape_markdown(ev_b.scenario.naam)}")
                st.dataframe(
                    scenarios.format_verschil(scenarios.compare(evaluaties[0], ev_b)), hide_index=True, width="stretch"
                )
        for ev in evaluaties:
            for melding in ev.meldingen:
                st.warning(escape_markdown(f"{ev.scenario.naam}: {melding}"))
