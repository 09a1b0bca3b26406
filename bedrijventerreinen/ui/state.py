"""The session keys of the ui layer, declared once (:data:`SLEUTELS`).

Every key the monitor puts in ``st.session_state`` or gives a widget (``key=``) is one
:class:`Sessiesleutel` record here: its name (the key itself), default, what it holds, its
reset group and whether it survives the vergadermodus. A key built per item (a map layer, a
park type, a form counter) is one record with ``voorvoegsel=True``; :func:`sleutel` builds the
full key (``sleutel("kaart_lagen", "terreinen")`` is ``"kaart_lagen_terreinen"``).

Modules ask :func:`sleutel` for a key instead of typing it, so a typo fails loudly when the
module is imported or the widget drawn, and keys another module owns are found here rather
than typed again (:func:`bewaarde_sleutels`, :func:`reset`). Streamlit's own keys (set by
form or widget internals) are not registered.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any

import streamlit as st


@dataclass(frozen=True)
class Sessiesleutel:
    """One session key (or, with ``voorvoegsel``, a family of keys ``<naam>_<deel>_…``)."""

    naam: str
    groep: str
    uitleg: str
    standaard: Any = None
    #: Re-assigned on every run of the vergadermodus, so a widget that is not drawn there
    #: (the sidebar's filters, the map settings) keeps its value for the normal monitor.
    bewaren_in_vergadermodus: bool = False
    #: Built per item: the full key is ``naam`` + ``_`` + the parts (:func:`sleutel`).
    voorvoegsel: bool = False
    #: The value is also kept under ``_<naam>``: Streamlit may drop a widget's state when
    #: the page switches, the shadow key survives (:func:`schaduw`).
    schaduw: bool = False

    def bouw(self, *deel: object) -> str:
        """The full key: ``naam`` itself, or for a prefix record ``naam_<deel>_<deel>…``."""
        if self.voorvoegsel != bool(deel):
            soort = "needs the parts of its key" if self.voorvoegsel else "takes no parts"
            raise ValueError(f"session key {self.naam!r} {soort}, got {deel!r}")
        return "_".join((self.naam, *(str(d) for d in deel)))

    def past(self, key: str) -> bool:
        """True when ``key`` is this record's key (or one built from its prefix)."""
        return key == self.naam or (self.voorvoegsel and key.startswith(self.naam + "_"))


def _k(naam: str, groep: str, uitleg: str, standaard: Any = None, **vlaggen: bool) -> Sessiesleutel:
    return Sessiesleutel(naam, groep, uitleg, standaard, **vlaggen)


def _v(naam: str, groep: str, uitleg: str, **vlaggen: bool) -> Sessiesleutel:
    return Sessiesleutel(naam, groep, uitleg, voorvoegsel=True, **vlaggen)


_FILTER = {"bewaren_in_vergadermodus": True, "schaduw": True}

#: Every session key of the ui layer, grouped by reset group.
SLEUTELS: tuple[Sessiesleutel, ...] = (
    # -- filter: the sidebar's selection, shared by every page
    _k("filter_gemeenten", "filter", "Gemeenten chosen in the sidebar (none: the whole region).", (), **_FILTER),
    _k("filter_planstatus", "filter", "Planstatus horizon: which plans count.", "hard", **_FILTER),
    _k("kanszone_aandeel", "filter", "% of kanszone potential counted as intensivering.", 0, **_FILTER),
    # -- peildatum
    _k(
        "peildatum_keuze",
        "peildatum",
        "Select box of the peildatum (a snapshot file, '' = live).",
        "",
        bewaren_in_vergadermodus=True,
    ),
    _k("peildatum_snapshot", "peildatum", "Snapshot file shown as the peildatum (absent: live store)."),
    # -- kaart
    _v("kaart_lagen", "kaart", "Checkbox per map layer: kaart_lagen_<laag>.", bewaren_in_vergadermodus=True),
    _k("kaart_achtergrond", "kaart", "Background map chosen.", bewaren_in_vergadermodus=True),
    _k("kaart_terrein", "kaart", "Park whose details are shown (select box, also set by a map click)."),
    _k("kaart", "kaart", "The folium map component (its last click)."),
    # -- navigation and the store
    _k("store_hersteld", "opslag", "Message after the store was restored or rebuilt."),
    # -- kanszones
    _k("kz_melding", "kanszones", "Outcome of saving a kanszone: (soort, tekst)."),
    _k("kz_grafiek", "kanszones", "Which density chart is shown."),
    _k("kz_kandidaten_tonen", "kanszones", "Show candidate zones on the map.", True),
    _k("kz_kaart_teller", "kanszones", "Counter in the drawing map's key: a fresh map after a save.", 0),
    _v("kz_kaart", "kanszones", "The drawing map: kz_kaart_<teller>."),
    _k("kz_tekening", "kanszones", "Form saving a drawn kanszone."),
    _k("kz_kandidaat", "kanszones", "Form taking over a candidate zone as a kanszone."),
    _k("kz_kandidaat_naam", "kanszones", "Name of the kanszone to save."),
    _k("kz_kandidaat_maatregel", "kanszones", "Maatregel of the kanszone to save."),
    _v("kz_doel_bg", "kanszones", "Target bebouwingsgraad slider: kz_doel_bg_<typologie>."),
    _v("kz_doel_fsi", "kanszones", "Target FSI slider: kz_doel_fsi_<typologie>."),
    _k("kz_oud_jaar", "kanszones", "Candidate setting: built before this year."),
    _k("kz_drempel_bg", "kanszones", "Candidate setting: bebouwingsgraad threshold."),
    _k("kz_minimum_ha", "kanszones", "Candidate setting: minimum area."),
    # -- scenario: the builder's inputs, cleared when a scenario is (re)loaded
    _k("sc_melding", "scenario", "Message after a scenario was saved."),
    _k("sc_naam", "scenario", "Name of the scenario."),
    _k("sc_beschrijving", "scenario", "Description of the scenario."),
    _k("sc_vraag", "scenario", "Demand choice (laag, hoog, eigen, groei)."),
    _k("sc_vraag_ha", "scenario", "Own demand in ha (number field)."),
    _k("sc_groei", "scenario", "Growth in ha per year (number field)."),
    _k("sc_horizon", "scenario", "Horizon year."),
    _k("sc_kanszone", "scenario", "% of kanszone potential realised."),
    _k("sc_planstatus", "scenario", "Planstatus from which mutaties count."),
    _v("sc_editor", "scenario", "Register editor: sc_editor_<teller>."),
    _k("sc_extra_form", "scenario", "Form adding a hypothetical mutatie."),
    _k("sc_extra_ha", "scenario", "Hectares of the hypothetical mutatie."),
    _k("sc_extra_jaar", "scenario", "Year of the hypothetical mutatie."),
    _k("sc_extra_wissen", "scenario", "Button clearing the hypothetical mutaties."),
    # -- scenario_buffer: the scenario being edited
    _k("scenario_buffer", "scenario_buffer", "JSON of the scenario being edited."),
    _k("scenario_editor_teller", "scenario_buffer", "New editor key when a scenario is (re)loaded.", 0),
    _k("scenario_geopend_id", "scenario_buffer", "Id of the saved scenario opened."),
    # -- scenario_keuze: opening and comparing saved scenarios
    _k("open_keuze", "scenario_keuze", "Saved scenario to open."),
    _k("knop_openen", "scenario_keuze", "Button: open the saved scenario."),
    _k("knop_kopie", "scenario_keuze", "Button: copy the saved scenario."),
    _k("knop_verwijder", "scenario_keuze", "Button: delete the saved scenario."),
    _k("knop_nieuw", "scenario_keuze", "Button: start a new scenario."),
    _k("knop_opslaan", "scenario_keuze", "Button: save the scenario."),
    _k("knop_opslaan_nieuw", "scenario_keuze", "Button: save as a new scenario."),
    _k("vergelijk_keuze", "scenario_keuze", "Saved scenarios to compare."),
    _k("scenario_verschilkaart", "scenario_keuze", "Map of what a scenario changes."),
    # -- register: the Transformatie page
    _k("register_fouten", "register", "Validation messages per form and field."),
    _k("register_melding", "register", "Message after a save."),
    _k("register_conflict", "register", "The edit refused by a concurrent change."),
    _k("register_conflict_reden", "register", "The reason typed with that edit."),
    _k("register_basis", "register", "The version a form started from, per form."),
    _k("mn_teller", "register", "Counter in the new-mutatie form's key: a fresh form after a save.", 0),
    _v("mn", "register", "New-mutatie form and fields: mn_<teller>_<veld>."),
    _v("mw", "register", "Edit form and fields: mw_<mutatie>_<versie>_<veld>."),
    _k("mw_keuze", "register", "Mutatie to edit."),
    _k("mw_verversen", "register", "Button: refresh the edit form with the new version."),
    _k("vv_keuze", "register", "Mutatie to retire or reinstate."),
    _v("vv_herstel", "register", "Button: make the mutatie valid again: vv_herstel_<mutatie>."),
    _v("vv_reden", "register", "Reason of retiring: vv_reden_<mutatie>."),
    _v("vv_knop", "register", "Button: retire the mutatie: vv_knop_<mutatie>."),
    _k("cf_opnieuw", "register", "Conflict: re-apply my edit."),
    _k("cf_laten", "register", "Conflict: drop my edit."),
    _k("kn_form", "register", "New-koppeling form."),
    _k("kn_trans", "register", "New koppeling: the transformation."),
    _k("kn_comp", "register", "New koppeling: the compensation."),
    _k("kn_ha", "register", "New koppeling: hectares."),
    _k("kn_opslaan", "register", "New koppeling: save."),
    _k("kw_keuze", "register", "Koppeling to change."),
    _v("kw_ha", "register", "Changed hectares: kw_ha_<koppeling>_<ha>."),
    _v("kw_opslaan", "register", "Button: save the koppeling: kw_opslaan_<koppeling>."),
    _v("kw_weg", "register", "Button: remove the koppeling: kw_weg_<koppeling>."),
    _k("log_objecten", "register", "Audit log: objects shown."),
    _k("log_csv", "register", "Audit log download (CSV)."),
    _k("log_xlsx", "register", "Audit log download (Excel)."),
    _k("sn_form", "register", "Snapshot form."),
    _k("sn_label", "register", "Label of a new snapshot."),
    _k("sn_opslaan", "register", "Button: make a snapshot."),
    _k("sn_herstel_keuze", "register", "Snapshot to restore."),
    _k("sn_zeker", "register", "Confirmation of restoring a snapshot."),
    _k("sn_herstel", "register", "Button: restore the snapshot."),
    _k("transformatie_tabs", "register", "Tabs of the Transformatie page."),
    _k("reg_soorten", "register", "Register table: soorten shown."),
    _k("reg_planstatus", "register", "Register table: planstatus shown."),
    _k("reg_vervallen", "register", "Register table: show retired mutaties."),
    _k("dek_keuze", "register", "Transformation whose coverage is detailed."),
    _k("tijd_gebied", "register", "Timeline: area shown."),
    _k("wijzig_wat", "register", "What to change (mutatie, koppeling, vervallen)."),
    # -- import: the Data page's wizard
    _k("import_laag", "import", "Layer to import."),
    _k("import_teller", "import", "Counter in the upload's key: a fresh uploader after an import.", 0),
    _k("import_klaar", "import", "Message after an import or a restore."),
    _v("import_bestand", "import", "File uploader: import_bestand_<teller>."),
    _v("import_bronlaag", "import", "Layer in the file: import_bronlaag_<upload>."),
    _v("import_opgeslagen", "import", "Saved column mapping: import_opgeslagen_<laag>."),
    _v("import_modus", "import", "How to process: import_modus_<laag>."),
    _v("import_peiljaar", "import", "Peiljaar of the register stock: import_peiljaar_<upload>."),
    _v("import_wezen", "import", "Choices for orphaned parks: import_wezen_<upload>."),
    _v("import_wees", "import", "Choice for one orphaned park: import_wees_<upload>_<terrein>."),
    _v("import_bevestig", "import", "Confirmation: import_bevestig_<upload>."),
    _v("import_overslaan", "import", "Skip a file: import_overslaan_<bestand>."),
    _k("import_vastleggen", "import", "Button: import."),
    _v(
        "koppel",
        "import",
        "Column mapping by hand: koppel_<laag>_<upload>_kolom_<kolom> (and _bewaarnaam/_bewaarknop).",
    ),
    # -- export: downloads and snapshots on the Data page
    _k("export_gpkg", "export", "Download: GeoPackage."),
    _k("export_laag", "export", "Layer to export."),
    _k("export_geojson", "export", "Download: GeoJSON."),
    _k("export_csv", "export", "Download: CSV."),
    _k("export_xlsx", "export", "Download: Excel."),
    _k("snapshot_keuze", "export", "Snapshot to restore."),
    _k("snapshot_zeker", "export", "Confirmation of restoring a snapshot."),
    _k("snapshot_terug", "export", "Button: restore the snapshot."),
    # -- vergadermodus
    _k("vm_dia", "vergadermodus", "Index of the view shown.", 0),
    _k("vm_thema", "vergadermodus", "Theme (licht, donker).", "licht"),
    _k("vm_schakelaar", "vergadermodus", "Sidebar toggle that switches the mode on.", False),
    _k("vm_nav", "vergadermodus", "Container of the navigation (styled by its key)."),
    _k("vm_vorige", "vergadermodus", "Button: previous view (PageUp clicks it)."),
    _k("vm_volgende", "vergadermodus", "Button: next view (PageDown clicks it)."),
    _v("vm_handout", "vergadermodus", "Handout download in the mode: vm_handout_<formaat>."),
    _k("vm_thema_knop", "vergadermodus", "Button: switch the theme."),
    _k("vm_verlaten", "vergadermodus", "Button: leave the mode."),
    _k("vm_hoofd", "vergadermodus", "Container of the view."),
    _v("handout", "handout", "Handout download on the Overzicht: handout_<formaat>."),
    # -- login
    _k("toegang_gebruiker", "login", "The Gebruiker established by the login."),
    _k("toegang_laatst_actief", "login", "Monotonic time of the last activity (idle logout)."),
    _k("toegang_melding", "login", "Message shown on the login form (e.g. after an idle logout)."),
    _k("toegang_oidc_gelogd", "login", "The OIDC login of this session is in the log."),
    _k("register_gebruiker", "login", "Lokale modus only: the (unverified) name for the log.", ""),
    _k("lokale_naam_invoer", "login", "Text field of that name."),
    _k("oidc_aanmelden", "login", "Button: log in with OIDC."),
    _k("oidc_afmelden", "login", "Button: log out of OIDC."),
    _k("aanmelden", "login", "Login form (local accounts)."),
    _k("aanmelden_login", "login", "Login form: login name."),
    _k("aanmelden_wachtwoord", "login", "Login form: password."),
    _k("afmelden", "login", "Button: log out."),
)

_PER_NAAM: dict[str, Sessiesleutel] = {r.naam: r for r in SLEUTELS}
#: The reset groups, in declaration order.
GROEPEN: tuple[str, ...] = tuple(dict.fromkeys(r.groep for r in SLEUTELS))


def record(naam: str) -> Sessiesleutel:
    """The record of ``naam``; KeyError for a name that is not registered."""
    try:
        return _PER_NAAM[naam]
    except KeyError:
        raise KeyError(f"session key {naam!r} is not registered in bedrijventerreinen.ui.state") from None


def sleutel(naam: str, *deel: object) -> str:
    """The session/widget key of record ``naam`` (with ``deel`` for a prefix record);
    KeyError for an unregistered name, ValueError when the parts do not fit the record."""
    return record(naam).bouw(*deel)


def extend_key(key: str, *deel: object) -> str:
    """``key`` (built from a prefix record) with more parts: ``extend_key("mn_0", "soort")``
    is ``"mn_0_soort"``; ValueError for a key that no prefix record built."""
    r = record_van(key)
    if r is None or not r.voorvoegsel or key == r.naam:
        raise ValueError(f"{key!r} is not a key built from a registered prefix")
    return "_".join((key, *(str(d) for d in deel)))


def standaard(naam: str) -> Any:
    """A fresh copy of the default of record ``naam`` (a tuple default is given as a list)."""
    waarde = record(naam).standaard
    return list(waarde) if isinstance(waarde, tuple) else copy.deepcopy(waarde)


def schaduw(naam: str) -> str:
    """The shadow key of a record that keeps one (``_<naam>``)."""
    r = record(naam)
    if not r.schaduw:
        raise ValueError(f"session key {naam!r} keeps no shadow key")
    return f"_{r.naam}"


def record_van(key: object) -> Sessiesleutel | None:
    """The record a key in session state belongs to: its exact name first, else the longest
    prefix; None for a key the registry does not know (Streamlit's own)."""
    if not isinstance(key, str):
        return None
    if key in _PER_NAAM:
        return _PER_NAAM[key]
    passend = [r for r in SLEUTELS if r.voorvoegsel and r.past(key)]
    return max(passend, key=lambda r: len(r.naam), default=None)


def keys_in_groep(groep: str, keys: Iterable[object]) -> list[str]:
    """The keys among ``keys`` of group ``groep``, shadow keys included."""
    if groep not in GROEPEN:
        raise KeyError(f"reset group {groep!r} is not registered in bedrijventerreinen.ui.state")
    schaduwen = {f"_{r.naam}" for r in SLEUTELS if r.groep == groep and r.schaduw}
    uit: list[str] = []
    for k in keys:
        r = record_van(k)
        if (r is not None and r.groep == groep) or k in schaduwen:
            uit.append(str(k))
    return uit


def reset(groep: str, sessie: MutableMapping[Any, Any] | None = None) -> list[str]:
    """Remove the keys of reset group ``groep`` (and their shadow keys) from session state
    (or from ``sessie``), so their widgets start again from their defaults; returns the keys
    removed. KeyError for a group that is not registered."""
    tabel: Any = st.session_state if sessie is None else sessie
    weg = keys_in_groep(groep, list(tabel.keys()))
    for k in weg:
        del tabel[k]
    return weg


def bewaarde_sleutels() -> tuple[Sessiesleutel, ...]:
    """The records whose values survive switching to the vergadermodus (the sidebar's
    selection, the peildatum and the map settings)."""
    return tuple(r for r in SLEUTELS if r.bewaren_in_vergadermodus)


def is_bewaard(key: object) -> bool:
    """True when ``key`` belongs to a record of :func:`bewaarde_sleutels`."""
    r = record_van(key)
    return r is not None and r.bewaren_in_vergadermodus
