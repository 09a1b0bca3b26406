"""Streamlit helpers of the Transformatie & compensatie page: the user name, the peildatum
(read-only view of a snapshot), the edit forms with their Dutch messages next to the fields,
the conflict dialogue, the audit log and the snapshots.

Everything a user typed is data: it reaches Streamlit through ``st.dataframe``/``st.text``
or through :func:`bedrijventerreinen.formatting.escape_markdown` before any markdown element.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
import streamlit as st

from .. import register, schema, store, toegang
from ..formatting import escape_markdown, format_datum, format_ha
from ..toegang import Recht
from .common import PEILDATUM, Context
from .invoer import getal_invoer

#: Session keys (UI state only; the store is the source of truth).
#: Path of the snapshot the app shows read-only ("per peildatum"); absent = the live store.
_FOUTEN = "register_fouten"
_MELDING = "register_melding"
_CONFLICT = "register_conflict"
_BASIS = "register_basis"


def _getal_of_niets(waarde: object) -> float | None:
    """A stored number for a field: None when missing (None, NaN, empty)."""
    try:
        getal = float(waarde)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(getal) else getal


def tabelhoogte(rijen: int, maximum: int = 760) -> int:
    """Height in pixels that shows ``rijen`` table rows without inner scrolling (up to ``maximum``)."""
    return min(35 * (rijen + 1) + 3, maximum)


# -- peildatum ------------------------------------------------------------------
def _snapshot_tekst(rij: Mapping[str, object]) -> str:
    op = str(rij.get("snapshot_op") or "")
    try:
        wanneer = f"{format_datum(dt.datetime.fromisoformat(op))}"
    except ValueError:
        wanneer = op
    return f"{rij['label']} ({wanneer})"


def render_peildatum_keuze(live: store.Store) -> None:
    """Sidebar choice between the live store and a snapshot (read-only), kept in
    ``st.session_state[PEILDATUM]`` so other pages can use the same peildatum."""
    snaps, beschadigd = live.snapshots_en_beschadigd()
    opties = ["", *[str(b) for b in snaps["bestand"]]]
    teksten = {"": "Actuele stand", **{str(r["bestand"]): _snapshot_tekst(r) for _, r in snaps.iterrows()}}
    huidig = st.session_state.get(PEILDATUM, "")
    if huidig not in opties:
        huidig = ""
        st.session_state.pop(PEILDATUM, None)

    def kies() -> None:
        keuze = st.session_state.get("peildatum_keuze", "")
        if keuze:
            st.session_state[PEILDATUM] = keuze
        else:
            st.session_state.pop(PEILDATUM, None)

    with st.sidebar:
        st.selectbox(
            "Peildatum",
            options=opties,
            index=opties.index(huidig),
            format_func=teksten.get,
            key="peildatum_keuze",
            on_change=kies,
            help="Bekijk de monitor zoals hij was bij een snapshot (alleen lezen).",
        )
        if beschadigd:
            n = len(beschadigd)
            st.caption(
                f"{n} {'snapshot is' if n == 1 else 'snapshots zijn'} beschadigd en {'wordt' if n == 1 else 'worden'} "
                "overgeslagen",
                help="\n".join(b.reden for b in beschadigd),
            )


def is_peildatum(ctx: Context) -> bool:
    """True when ``ctx`` shows a snapshot (read-only) instead of the live store."""
    return ctx.alleen_lezen


def render_peildatum_banner(ctx: Context) -> bool:
    """A banner while a snapshot is shown; returns True when the page is read-only."""
    if not is_peildatum(ctx):
        return False
    meta = ctx.store.meta()
    tekst = _snapshot_tekst({"label": meta.get("snapshot_label", ctx.store.path.stem), **meta})
    st.info(
        f"U bekijkt de stand per peildatum: **{escape_markdown(tekst)}**. Alleen lezen; kies 'Actuele stand' "
        "in de zijbalk om te wijzigen.",
        icon="🕰️",
    )
    return True


# -- cached loading ----------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=8)
def _load_mutaties(path: str, versie: int) -> pd.DataFrame:
    return pd.DataFrame(store.Store(path).load("mutaties").drop(columns="geometry", errors="ignore"))


@st.cache_data(show_spinner=False, max_entries=8)
def _load_audit(path: str, versie: int) -> pd.DataFrame:
    return store.Store(path).load_audit()


@st.cache_data(show_spinner=False, max_entries=16)
def _dekking(path: str, versie: int, _mutaties: pd.DataFrame, _koppelingen: pd.DataFrame) -> pd.DataFrame:
    return register.compute_dekking_per_planstatus(_mutaties, _koppelingen)


@st.cache_data(show_spinner=False, max_entries=32)
def _tijdlijn(
    path: str, versie: int, gemeenten: tuple[str, ...], planstatus: str, _mutaties: pd.DataFrame, _strategie
) -> pd.DataFrame:
    return register.compute_tijdlijn(_mutaties, _strategie, list(gemeenten), planstatus)


def dekking_per_planstatus(ctx: Context, mutaties: pd.DataFrame) -> pd.DataFrame:
    """:func:`bedrijventerreinen.register.compute_dekking_per_planstatus`, cached per store version."""
    return _dekking(str(ctx.store.path), ctx.versie, mutaties, ctx.lagen["koppelingen"])


def tijdlijn(ctx: Context, mutaties: pd.DataFrame) -> pd.DataFrame:
    """:func:`bedrijventerreinen.register.compute_tijdlijn` for the selection, cached per store version."""
    return _tijdlijn(
        str(ctx.store.path), ctx.versie, tuple(ctx.gemeenten), ctx.planstatus_vanaf, mutaties, ctx.strategie
    )


def load_mutaties(ctx: Context) -> pd.DataFrame:
    """The whole register of ``ctx``'s store, retired mutaties included (attributes only)."""
    return _load_mutaties(str(ctx.store.path), ctx.versie)


def load_audit(ctx: Context) -> pd.DataFrame:
    """The audit log of ``ctx``'s store (cached per store version)."""
    return _load_audit(str(ctx.store.path), ctx.versie)


# -- messages ----------------------------------------------------------------------------
def render_melding() -> None:
    """The result of the last save (kept across the rerun that follows it)."""
    melding = st.session_state.pop(_MELDING, None)
    if melding:
        st.success(escape_markdown(melding))


def _fouten(formulier: str, veld: str) -> None:
    for tekst in st.session_state.get(_FOUTEN, {}).get(formulier, {}).get(veld, []):
        st.error(escape_markdown(tekst))


def _zet_fouten(formulier: str, meldingen: list[register.Melding]) -> None:
    st.session_state[_FOUTEN] = {formulier: register.meldingen_per_veld(meldingen)}


def _wis_fouten() -> None:
    st.session_state.pop(_FOUTEN, None)


def _algemene_fouten(formulier: str, velden: tuple[str, ...]) -> None:
    """Messages of fields that have no widget in this form (shown at the top)."""
    for veld, teksten in st.session_state.get(_FOUTEN, {}).get(formulier, {}).items():
        if veld not in velden:
            for tekst in teksten:
                st.error(escape_markdown(tekst))


def _opslaan(formulier: str, actie: Callable[[], str], basis_sleutel: str | None = None) -> None:
    """Run a save; on success remember the message and rerun, on refusal keep the Dutch
    messages for the fields, on a conflict keep what is needed to show and reapply it."""
    try:
        melding = actie()
    except register.OngeldigeInvoer as e:
        _zet_fouten(formulier, e.meldingen)
        st.rerun()
    except register.MutatieConflict as e:
        st.session_state[_CONFLICT] = {
            "formulier": formulier,
            "bericht": str(e),
            "object_id": e.object_id,
            "huidig": e.huidig,
            "wijzigingen": e.wijzigingen,
            "basis": st.session_state.get(_BASIS, {}).get(basis_sleutel or "", {}),
        }
        _wis_fouten()
        st.rerun()
    except (store.StoreFout, toegang.GeenToegang) as e:
        st.session_state[_FOUTEN] = {formulier: {"_": [str(e)]}}
        st.rerun()
    else:
        _wis_fouten()
        st.session_state[_MELDING] = melding
        if basis_sleutel:
            st.session_state.get(_BASIS, {}).pop(basis_sleutel, None)
        st.rerun()


def _basis(sleutel: str, rij: Mapping[str, object]) -> dict[str, object]:
    """The object as the user first saw it in this form (kept until a save or a refresh)."""
    alle = st.session_state.setdefault(_BASIS, {})
    if sleutel not in alle:
        alle[sleutel] = dict(rij)
    return alle[sleutel]


# -- the mutatie forms --------------------------------------------------------------------
def _rij(mutaties: pd.DataFrame, mutatie_id: str) -> dict[str, object]:
    r = mutaties[mutaties["mutatie_id"] == mutatie_id].iloc[0]
    return register.mutatie_dict(r)


def _terrein_opties(terreinen: pd.DataFrame) -> tuple[list[str], dict[str, str]]:
    t = terreinen.sort_values(["gemeente", "naam"])
    opties = ["", *t["terrein_id"].astype(str)]
    teksten = {
        "": "(geen terrein)",
        **{r.terrein_id: f"{r.terrein_id} · {r.naam} ({r.gemeente})" for r in t.itertuples()},
    }
    return opties, teksten


def _velden(
    formulier: str,
    sleutel: str,
    ctx: Context,
    basis: Mapping[str, object],
    met_soort: bool,
    invoerfouten: list[str],
) -> dict[str, object]:
    """The fields of a mutatie form, each with its Dutch messages below it; returns the values.
    A number that cannot be read is appended to ``invoerfouten`` (and shown under its field)."""
    waarden: dict[str, object] = {}
    if met_soort:
        soorten = [c for c in schema.codes(schema.SOORTEN)]
        waarden["soort"] = st.selectbox(
            "Soort",
            soorten,
            index=soorten.index(str(basis.get("soort") or "transformatie")),
            format_func=lambda s: schema.label(schema.SOORTEN, s),
            key=f"{sleutel}_soort",
        )
        _fouten(formulier, "soort")
    waarden["naam"] = st.text_input("Naam van de locatie", value=str(basis.get("naam") or ""), key=f"{sleutel}_naam")
    _fouten(formulier, "naam")
    links, rechts = st.columns(2)
    with links:
        gemeenten = list(ctx.strategie.gemeenten)
        g = str(basis.get("gemeente") or gemeenten[0])
        waarden["gemeente"] = st.selectbox(
            "Gemeente", gemeenten, index=gemeenten.index(g) if g in gemeenten else 0, key=f"{sleutel}_gemeente"
        )
        _fouten(formulier, "gemeente")
        opties, teksten = _terrein_opties(ctx.lagen["terreinen"])
        tid = str(basis.get("terrein_id") or "")
        waarden["terrein_id"] = st.selectbox(
            "Terrein",
            opties,
            index=opties.index(tid) if tid in opties else 0,
            format_func=lambda o: teksten.get(o, o),
            key=f"{sleutel}_terrein",
            help="Het terrein waarop de mutatie ligt; de hectares mogen niet groter zijn dan het terrein netto.",
        )
        _fouten(formulier, "terrein_id")
        waarden["ha"] = getal_invoer(
            "Hectare (netto)",
            _getal_of_niets(basis.get("ha")),
            key=f"{sleutel}_ha",
            fouten=invoerfouten,
            decimalen=2,
            in_formulier=True,
            help="Netto hectares, met een komma voor decimalen (0,3). Bij intensivering de ruimtewinst in "
            "hectare-equivalent.",
        )
        _fouten(formulier, "ha")
    with rechts:
        statussen = schema.codes(schema.PLANSTATUS)
        p = str(basis.get("planstatus") or "idee")
        waarden["planstatus"] = st.selectbox(
            "Planstatus",
            statussen,
            index=statussen.index(p) if p in statussen else 0,
            format_func=lambda s: schema.label(schema.PLANSTATUS, s),
            key=f"{sleutel}_planstatus",
            help=" ".join(f"{c.label}: {c.uitleg}" for c in schema.PLANSTATUS),
        )
        _fouten(formulier, "planstatus")
        jaar = getal_invoer(
            "Jaar",
            _getal_of_niets(basis.get("jaar")),
            key=f"{sleutel}_jaar",
            fouten=invoerfouten,
            decimalen=0,
            geheel=True,
            in_formulier=True,
        )
        waarden["jaar"] = int(jaar) if jaar is not None else None
        _fouten(formulier, "jaar")
        waarden["bron"] = st.text_input("Bron", value=str(basis.get("bron") or ""), key=f"{sleutel}_bron")
        _fouten(formulier, "bron")
    waarden["toelichting"] = st.text_area(
        "Toelichting", value=str(basis.get("toelichting") or ""), key=f"{sleutel}_toelichting", height=90
    )
    _fouten(formulier, "toelichting")
    waarden["reden_afwijking"] = st.text_input(
        "Reden afwijking strategie (alleen bij een transformatie op een niet-goedgekeurde locatie)",
        value="",
        key=f"{sleutel}_reden",
        help="De strategie staat tot de horizon alleen transformaties op de goedgekeurde locaties toe. "
        "Een andere locatie kan alleen met een uitdrukkelijke reden in het register.",
    )
    _fouten(formulier, "reden_afwijking")
    return waarden


def render_wijzig_mutatie(ctx: Context, mutaties: pd.DataFrame) -> None:
    """Form to change one mutatie; only the fields the user changed are saved."""
    actief = register.actieve_mutaties(mutaties)
    actief = actief[actief["gemeente"].isin(ctx.gemeenten)]
    if actief.empty:
        st.info("Er zijn geen geldige mutaties in de selectie.")
        return
    rijen = {r["mutatie_id"]: r for _, r in actief.iterrows()}
    mid = st.selectbox(
        "Welke mutatie?", list(rijen), format_func=lambda m: register.mutatie_label(rijen[m]), key="mw_keuze"
    )
    sleutel_basis = f"wijzig:{mid}"
    huidig = _rij(mutaties, mid)
    basis = _basis(sleutel_basis, huidig)
    if basis.get("versie") != huidig.get("versie"):
        st.warning(
            f"Deze mutatie is gewijzigd sinds u het formulier opende (nu versie {huidig.get('versie')}, "
            f"u begon met versie {basis.get('versie')}). Opslaan wordt geweigerd tot u het formulier ververst.",
        )
        if st.button("Formulier verversen met de nieuwe stand", key="mw_verversen"):
            st.session_state[_BASIS].pop(sleutel_basis, None)
            st.rerun()
    formulier = "wijzig"
    sleutel = f"mw_{mid}_{basis.get('versie')}"
    with st.form(key=f"{sleutel}_form"):
        st.caption(
            f"Soort: {schema.label(schema.SOORTEN, str(basis['soort']))} · versie {basis.get('versie')} · "
            f"laatst gewijzigd door {escape_markdown(basis.get('gewijzigd_door') or 'onbekend')}"
        )
        _algemene_fouten(formulier, (*register.BEWERKBAAR, "reden_afwijking"))
        invoerfouten: list[str] = []
        waarden = _velden(formulier, sleutel, ctx, basis, met_soort=False, invoerfouten=invoerfouten)
        verzonden = st.form_submit_button("Wijziging opslaan", type="primary", key=f"{sleutel}_opslaan")
    if verzonden and not invoerfouten:  # an unreadable number is shown under its field; nothing is saved
        reden = str(waarden.pop("reden_afwijking") or "")
        wijzigingen = {
            k: v
            for k, v in waarden.items()
            if register.normalize_veld(k, v) != register.normalize_veld(k, basis.get(k))
        }
        if not wijzigingen and not reden:
            _zet_fouten(formulier, [register.Melding("_", "V00", "U heeft niets gewijzigd.")])
            st.rerun()

        def actie() -> str:
            v = register.change_mutatie(
                ctx.store, mid, wijzigingen, int(basis.get("versie") or 0), ctx.strategie, reden
            )
            return f"Mutatie {mid} is opgeslagen (versie {v})."

        st.session_state[_CONFLICT + "_reden"] = reden
        _opslaan(formulier, actie, sleutel_basis)


def render_nieuwe_mutatie(ctx: Context) -> None:
    """Form to add a mutatie; the id is given by the register (T-12, C-05, ...)."""
    formulier = "nieuw"
    st.session_state.setdefault("mn_teller", 0)
    sleutel = f"mn_{st.session_state['mn_teller']}"
    basis = {
        "soort": "transformatie",
        "gemeente": ctx.gemeenten[0],
        "planstatus": "idee",
        "jaar": ctx.strategie.horizon,
    }
    with st.form(key=f"{sleutel}_form"):
        _algemene_fouten(formulier, (*register.VELDEN, "reden_afwijking"))
        invoerfouten: list[str] = []
        waarden = _velden(formulier, sleutel, ctx, basis, met_soort=True, invoerfouten=invoerfouten)
        verzonden = st.form_submit_button("Mutatie toevoegen", type="primary", key=f"{sleutel}_opslaan")
    if verzonden and not invoerfouten:  # an unreadable number is shown under its field; nothing is saved
        reden = str(waarden.pop("reden_afwijking") or "")

        def actie() -> str:
            mid = register.add_mutatie(ctx.store, waarden, ctx.strategie, reden)
            st.session_state["mn_teller"] += 1  # a fresh, empty form after a save
            return f"Mutatie {mid} ('{waarden['naam']}') is toegevoegd."

        _opslaan(formulier, actie)


def render_vervallen(ctx: Context, mutaties: pd.DataFrame) -> None:
    """Retire a mutatie (with a reason; its koppelingen are removed and logged) or make a
    retired one valid again."""
    sel = mutaties[mutaties["gemeente"].isin(ctx.gemeenten)]
    if sel.empty:
        st.info("Er zijn geen mutaties in de selectie.")
        return
    rijen = {r["mutatie_id"]: r for _, r in sel.iterrows()}
    vervallen = set(sel.loc[register.is_vervallen(sel).to_numpy(), "mutatie_id"])

    def tekst(m: str) -> str:
        return register.mutatie_label(rijen[m]) + (" — vervallen" if m in vervallen else "")

    mid = st.selectbox("Welke mutatie?", list(rijen), format_func=tekst, key="vv_keuze")
    formulier = "vervallen"
    sleutel_basis = f"vervallen:{mid}"
    basis = _basis(sleutel_basis, _rij(mutaties, mid))
    _algemene_fouten(formulier, ("reden",))
    if mid in vervallen:
        st.write(f"Deze mutatie is vervallen op {register.format_dag(basis.get('vervallen'))}.")
        if st.button("Weer geldig maken", key=f"vv_herstel_{mid}", type="primary"):

            def actie() -> str:
                register.reinstate_mutatie(ctx.store, mid, int(basis.get("versie") or 0), ctx.strategie)
                return f"Mutatie {mid} is weer geldig. Koppel zo nodig opnieuw compensatie (zie het logboek)."

            _opslaan(formulier, actie, sleutel_basis)
        return
    k = ctx.lagen["koppelingen"]
    gekoppeld = k[(k["transformatie_id"] == mid) | (k["compensatie_id"] == mid)]
    if len(gekoppeld):
        st.warning(
            f"Deze mutatie heeft {len(gekoppeld)} koppeling(en) met samen {format_ha(gekoppeld['ha'].sum(), 2)}. "
            "Die vervallen ook; het logboek bewaart ze."
        )
    reden = st.text_input("Reden van vervallen", key=f"vv_reden_{mid}")
    _fouten(formulier, "reden")
    if st.button("Laten vervallen", key=f"vv_knop_{mid}", type="primary"):

        def actie() -> str:
            register.retire_mutatie(ctx.store, mid, int(basis.get("versie") or 0), reden)
            return f"Mutatie {mid} is vervallen; ze blijft zichtbaar in het register met 'Toon vervallen'."

        _opslaan(formulier, actie, sleutel_basis)


def render_koppelingen(ctx: Context, mutaties: pd.DataFrame) -> None:
    """Add, change and remove koppelingen (compensation hectares allocated to a transformation)."""
    actief = register.actieve_mutaties(mutaties)
    trans = actief[(actief["soort"] == "transformatie") & actief["gemeente"].isin(ctx.gemeenten)]
    comp = actief[actief["soort"] == "compensatie"]
    labels = {r["mutatie_id"]: register.mutatie_label(r) for _, r in actief.iterrows()}
    k = ctx.lagen["koppelingen"]
    toegewezen = k.groupby("compensatie_id")["ha"].sum()

    st.markdown("**Koppeling toevoegen**")
    formulier = "koppeling_nieuw"
    if trans.empty or comp.empty:
        st.info("Er is geen geldige transformatie of compensatie om te koppelen.")
    else:
        with st.form(key="kn_form"):
            _algemene_fouten(formulier, ("transformatie_id", "compensatie_id", "ha"))
            t = st.selectbox("Transformatie", list(trans["mutatie_id"]), format_func=labels.get, key="kn_trans")
            _fouten(formulier, "transformatie_id")

            def comp_tekst(c: str) -> str:
                groot = float(comp.loc[comp["mutatie_id"] == c, "ha"].iloc[0])
                vrij = max(groot - float(toegewezen.get(c, 0.0)), 0.0)
                return f"{labels[c]} — vrij {format_ha(vrij, 2)}"

            c = st.selectbox("Compensatie", list(comp["mutatie_id"]), format_func=comp_tekst, key="kn_comp")
            _fouten(formulier, "compensatie_id")
            invoerfouten: list[str] = []
            ha = getal_invoer(
                "Hectare toegewezen", None, key="kn_ha", fouten=invoerfouten, decimalen=2, in_formulier=True
            )
            _fouten(formulier, "ha")
            if st.form_submit_button("Koppeling toevoegen", type="primary", key="kn_opslaan") and not invoerfouten:

                def actie() -> str:
                    register.add_koppeling(ctx.store, t, c, ha, ctx.strategie)  # type: ignore[arg-type]
                    return f"Koppeling {register.koppeling_id(t, c)} ({format_ha(ha, 2)}) is toegevoegd."

                _opslaan(formulier, actie)

    st.markdown("**Koppeling wijzigen of verwijderen**")
    eigen = k[k["transformatie_id"].isin(trans["mutatie_id"])]
    if eigen.empty:
        st.info("Er zijn geen koppelingen in de selectie.")
        return
    opties = [register.koppeling_id(r.transformatie_id, r.compensatie_id) for r in eigen.itertuples()]
    oid = st.selectbox("Welke koppeling?", opties, key="kw_keuze")
    tid, cid = oid.split("→")
    formulier = "koppeling_wijzig"
    huidig_ha = float(eigen.loc[(eigen["transformatie_id"] == tid) & (eigen["compensatie_id"] == cid), "ha"].iloc[0])
    sleutel_basis = f"koppeling:{oid}"
    basis = _basis(sleutel_basis, {"ha": huidig_ha})
    st.caption(f"{escape_markdown(labels.get(tid, tid))} ← {escape_markdown(labels.get(cid, cid))}")
    _algemene_fouten(formulier, ("ha",))
    invoerfouten: list[str] = []
    nieuw_ha = getal_invoer(
        "Hectare toegewezen",
        float(basis["ha"]),  # type: ignore[arg-type]
        key=f"kw_ha_{oid}_{basis['ha']}",
        fouten=invoerfouten,
        decimalen=2,
        verplicht=True,  # removing a koppeling has its own button
    )
    _fouten(formulier, "ha")
    links, rechts = st.columns(2)
    if links.button("Koppeling opslaan", key=f"kw_opslaan_{oid}", type="primary", disabled=bool(invoerfouten)):

        def wijzig() -> str:
            register.change_koppeling(ctx.store, tid, cid, nieuw_ha, float(basis["ha"]), ctx.strategie)
            return f"Koppeling {oid} is nu {format_ha(nieuw_ha, 2)}."

        _opslaan(formulier, wijzig, sleutel_basis)
    if rechts.button("Koppeling verwijderen", key=f"kw_weg_{oid}"):

        def verwijder() -> str:
            register.remove_koppeling(ctx.store, tid, cid, float(basis["ha"]))
            return f"Koppeling {oid} is verwijderd; het logboek bewaart haar."

        _opslaan(formulier, verwijder, sleutel_basis)


def render_conflict(ctx: Context) -> None:
    """When a save was refused because someone else saved first: show the other change and
    the user's own, and let the user reapply theirs on top of the new state."""
    c = st.session_state.get(_CONFLICT)
    if not c:
        return
    st.error(escape_markdown(c["bericht"]))
    links, rechts = st.columns(2)
    with links:
        st.markdown("**Wat de ander wijzigde**")
        st.dataframe(register.describe_conflict(c["basis"], c["huidig"]), hide_index=True, width="stretch")
    with rechts:
        st.markdown("**Uw wijziging (niet opgeslagen)**")
        eigen = pd.DataFrame(
            [(register.VELD_LABEL.get(k, k), register.toon_waarde(k, v)) for k, v in c["wijzigingen"].items()],
            columns=["Veld", "Uw waarde"],
        )
        st.dataframe(eigen, hide_index=True, width="stretch")
    een, twee = st.columns(2)
    kan_opnieuw = c["huidig"] is not None
    if kan_opnieuw and een.button(
        "Mijn wijziging opnieuw toepassen op de nieuwe stand", type="primary", key="cf_opnieuw"
    ):
        oid = str(c["object_id"])
        huidig = c["huidig"]

        def actie() -> str:
            if "→" in oid:
                t, k = oid.split("→")
                nieuw = c["wijzigingen"].get("ha")
                if nieuw is None:
                    register.remove_koppeling(ctx.store, t, k, float(huidig["ha"]))
                    return f"Koppeling {oid} is verwijderd."
                register.change_koppeling(ctx.store, t, k, float(nieuw), float(huidig["ha"]), ctx.strategie)
                return f"Koppeling {oid} is nu {format_ha(float(nieuw), 2)}."
            wijz = c["wijzigingen"]
            versie = int(huidig.get("versie") or 0)
            if "vervallen" in wijz:
                if wijz["vervallen"]:
                    return "Laat de mutatie opnieuw vervallen via 'Laten vervallen'; geef daarbij de reden."
                register.reinstate_mutatie(ctx.store, oid, versie, ctx.strategie)
                return f"Mutatie {oid} is weer geldig."
            reden = st.session_state.get(_CONFLICT + "_reden", "")
            v = register.change_mutatie(ctx.store, oid, wijz, versie, ctx.strategie, reden)
            return f"Uw wijziging van mutatie {oid} is opnieuw toegepast en opgeslagen (versie {v})."

        st.session_state.pop(_CONFLICT, None)
        st.session_state.pop(_BASIS, None)
        _opslaan(c["formulier"], actie)
    if twee.button("Mijn wijziging laten vallen", key="cf_laten"):
        st.session_state.pop(_CONFLICT, None)
        st.session_state.pop(_BASIS, None)
        st.rerun()


# -- audit log and snapshots ----------------------------------------------------------------
def render_logboek(ctx: Context) -> None:
    """The audit log (newest first), filterable by object, downloadable as CSV and Excel."""
    audit = load_audit(ctx)
    if audit.empty:
        st.info("Het logboek is nog leeg: er is nog niets gewijzigd.")
        return
    objecten = sorted(audit["object_id"].dropna().unique())
    keuze = st.multiselect("Alleen deze objecten", objecten, key="log_objecten", placeholder="Alle objecten")
    sel = audit[audit["object_id"].isin(keuze)] if keuze else audit
    st.caption(
        f"{len(sel)} {'regel' if len(sel) == 1 else 'regels'}; nieuwste bovenaan. Geweigerde pogingen staan er ook in."
    )
    st.dataframe(register.format_audit(sel), hide_index=True, width="stretch", height=tabelhoogte(len(sel), 560))
    links, rechts = st.columns(2)
    links.download_button(
        "Logboek downloaden (CSV)",
        register.audit_csv(sel),
        file_name="logboek-register.csv",
        mime="text/csv",
        key="log_csv",
    )
    rechts.download_button(
        "Logboek downloaden (Excel)",
        register.audit_xlsx(sel),
        file_name="logboek-register.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="log_xlsx",
    )


def render_snapshots(ctx: Context) -> None:
    """Snapshots: the list, make one on demand, restore one (reversible and logged)."""
    live = store.open_store(gebruiker=ctx.gebruiker)
    snaps = live.list_snapshots()
    if snaps.empty:
        st.info("Er zijn nog geen snapshots.")
    else:
        tabel = pd.DataFrame(
            {
                "Naam": snaps["label"].to_numpy(),
                "Gemaakt op": [register.format_tijdstip(t) for t in snaps["snapshot_op"]],
                "Versie": snaps["versie"].to_numpy(),
                "Bestand": [Path(b).name for b in snaps["bestand"]],
            }
        )
        st.dataframe(tabel, hide_index=True, width="stretch")
    if not ctx.mag(Recht.SNAPSHOT_MAKEN):
        if not ctx.alleen_lezen and ctx.gebruiker is not None:
            st.caption(toegang.geen_recht_tekst(ctx.gebruiker, Recht.SNAPSHOT_MAKEN))
        return
    formulier = "snapshot"
    _algemene_fouten(formulier, ("label",))
    with st.form(key="sn_form"):
        label = st.text_input(
            "Naam van de snapshot",
            value=f"stand {format_datum(dt.date.today())}",
            key="sn_label",
            help="Bijvoorbeeld 'stand voor stuurgroep 12-03'.",
        )
        _fouten(formulier, "label")
        if st.form_submit_button("Snapshot maken", key="sn_opslaan"):

            def maak() -> str:
                register.take_snapshot(live, label)
                return f"Snapshot '{label}' is gemaakt."

            _opslaan(formulier, maak)
    if snaps.empty:
        return
    st.markdown("**Snapshot terugzetten**")
    teksten = {str(r["bestand"]): _snapshot_tekst(r) for _, r in snaps.iterrows()}
    bestand = st.selectbox("Welke snapshot?", list(teksten), format_func=teksten.get, key="sn_herstel_keuze")
    zeker = st.checkbox(
        "Ik wil deze stand terugzetten. De huidige stand wordt eerst als snapshot bewaard, "
        "dus dit is terug te draaien.",
        key="sn_zeker",
    )
    if st.button("Snapshot terugzetten", key="sn_herstel", disabled=not zeker):

        def herstel() -> str:
            register.restore_snapshot(live, bestand)
            return f"De stand '{teksten[bestand]}' is teruggezet; de vorige stand is als snapshot bewaard."

        _opslaan(formulier, herstel)


def render_regels() -> None:
    """The validation rules, as declared in :data:`bedrijventerreinen.register.REGELS`."""
    st.dataframe(register.regels_frame(), hide_index=True, width="stretch")
