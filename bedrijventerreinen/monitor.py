"""The monitor's state for one selection, computed once: :func:`compute_monitor`.

Every figure a view shows — the KPI tiles, the hectare balance with its traffic lights, the
coverage per transformation and per planstatus, supply against demand per year, the
findings, the kanszones — comes from one :class:`Monitorstand`. The Overzicht, the Kaart's
popups, the Transformatie page, the Vergadermodus, the handout, the Excel export and the
scenario base all read it; a scenario is :func:`compute_monitor` on the register with its
overrides. The ui layer only caches it and draws it.

A :class:`Selectie` is what a user chooses: the gemeenten (default: the whole region), the
planstatus horizon (which plans count) and the share of the kanszone potential that counts
as zachte intensivering.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from . import schema
from .aanbod import compute_vraag_aanbod, describe_aanbod_strategie
from .balance import BALANS_UITLEG, REGIO, compute_hectarebalans, describe_stand, select_gemeenten
from .dekking import compute_compensatiedekking, compute_dekking_per_planstatus
from .formatting import format_getal, format_ha, format_m2
from .kanszones import HA_EQUIVALENT_UITLEG, add_kanszone_intensivering, compute_kanszonebijdrage
from .strategy import Strategie
from .toetsing import bevindingen_frame, check_strategie

__all__ = [
    "OVERZICHT_KERNCIJFERS",
    "Kerncijfer",
    "Monitorstand",
    "Selectie",
    "SelectieFout",
    "compute_monitor",
    "format_effect",
    "kanszones_overzicht",
    "select_ongedekt",
]

#: The headline figures of the Overzicht, in the order of its tiles.
OVERZICHT_KERNCIJFERS = (
    "voorraad_start_ha",
    "transformatie_ha",
    "compensatie_ha",
    "saldo_ha",
    "ongedekt_ha",
    "aanbod_hard_ha",
    "aanbod_totaal_ha",
    "vraag_ha",
)


class SelectieFout(ValueError):
    """A selection the monitor cannot compute; the message is Dutch."""


@dataclass(frozen=True)
class Kerncijfer:
    """One headline figure: key, Dutch label, value, Dutch text, and how it is computed."""

    sleutel: str
    label: str
    waarde: float
    tekst: str
    uitleg: str
    toelichting: str = ""


@dataclass(frozen=True)
class Selectie:
    """What the user chose. ``gemeenten``: empty means the whole region (the strategy's
    gemeenten); ``planstatus_vanaf``: the least certain planstatus that counts;
    ``kanszone_aandeel`` (0–1): the share of every kanszone's potential that counts as
    zachte intensivering in ``kanszone_jaar`` (default: the strategy's horizon)."""

    gemeenten: tuple[str, ...] = ()
    planstatus_vanaf: str = "hard"
    kanszone_aandeel: float = 0.0
    kanszone_jaar: int | None = None

    def check(self, strategie: Strategie) -> Selectie:
        """This selection with ``gemeenten`` filled in; :class:`SelectieFout` (Dutch) for a
        gemeente outside the strategy, an unknown planstatus or a share outside 0–100 %."""
        onbekend = [g for g in self.gemeenten if g not in strategie.gemeenten]
        if onbekend:
            raise SelectieFout(f"Gemeente buiten de strategie: {', '.join(onbekend)}.")
        if self.planstatus_vanaf not in schema.PLANSTATUS_RANG:
            raise SelectieFout(f"Onbekende planstatus: {self.planstatus_vanaf}.")
        if not 0.0 <= float(self.kanszone_aandeel) <= 1.0:
            raise SelectieFout("Het deel van de kanszone-potentie ligt tussen 0 % en 100 %.")
        gemeenten = tuple(g for g in strategie.gemeenten if g in self.gemeenten) or tuple(strategie.gemeenten)
        return Selectie(gemeenten, self.planstatus_vanaf, float(self.kanszone_aandeel), self.kanszone_jaar)


@dataclass(frozen=True)
class Monitorstand:
    """Every figure of the monitor for one register, strategy and selection.

    * ``balans``: :func:`~bedrijventerreinen.balance.compute_hectarebalans` for the selected
      gemeenten, the ``regio`` row their total (the whole region when all are selected);
    * ``dekking``: coverage of every counted transformation of the selected gemeenten
      (:func:`~bedrijventerreinen.dekking.compute_compensatiedekking`); its ``tekort_ha``
      sums to the balance's ``ongedekt_ha``;
    * ``dekking_per_planstatus``: coverage by planstatus of the compensation, all years
      (:func:`~bedrijventerreinen.dekking.compute_dekking_per_planstatus`), selected gemeenten;
    * ``vraag_aanbod``: supply against demand per year, always regional
      (:func:`~bedrijventerreinen.aanbod.compute_vraag_aanbod`);
    * ``bevindingen``: the findings of the register (never of the counted kanszone
      potential) in the selected gemeenten plus the regional ones
      (:func:`~bedrijventerreinen.toetsing.check_strategie`);
    * ``kanszones``: the kanszones on parks of the selection (:func:`kanszones_overzicht`);
    * ``mutaties``: the register's mutaties plus the counted kanszone potential, what the
      figures count; ``meldingen``: Dutch notes on that potential;
    * ``kerncijfers``: every headline figure by key (:meth:`tegels` picks them in order).
    """

    strategie: Strategie
    selectie: Selectie
    balans: pd.DataFrame
    dekking: pd.DataFrame
    dekking_per_planstatus: pd.DataFrame
    vraag_aanbod: pd.DataFrame
    bevindingen: pd.DataFrame
    kanszones: pd.DataFrame
    mutaties: pd.DataFrame
    meldingen: tuple[str, ...] = ()
    kerncijfers: Mapping[str, Kerncijfer] = field(default_factory=dict)

    @property
    def gemeenten(self) -> tuple[str, ...]:
        """The selected gemeenten, in the strategy's order."""
        return self.selectie.gemeenten

    @property
    def ongedekt(self) -> pd.DataFrame:
        """The counted transformations of the selection with a shortfall, largest first
        (:func:`select_ongedekt` of ``dekking``)."""
        return select_ongedekt(self.dekking)

    @property
    def totaal(self) -> pd.Series:
        """The ``regio`` row of ``balans``: the selection's total."""
        return self.balans.set_index("gemeente").loc[REGIO]

    def tegels(self, *sleutels: str) -> list[Kerncijfer]:
        """The headline figures ``sleutels`` in that order (default: :data:`OVERZICHT_KERNCIJFERS`)."""
        return [self.kerncijfers[s] for s in sleutels or OVERZICHT_KERNCIJFERS]

    def describe_aanbod(self) -> str:
        """The register's supply next to the strategy's own figure (one sentence, or empty)."""
        return describe_aanbod_strategie(self.vraag_aanbod, self.strategie)


def select_ongedekt(dekking: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``dekking`` with ``tekort_ha`` > 0, largest shortfall first (a shortfall
    within the strategy's tolerance is 0 already). Their ``tekort_ha`` sums to the balance's
    ``ongedekt_ha``."""
    rijen = dekking[dekking["tekort_ha"] > 0]
    return rijen.sort_values(["tekort_ha", "naam"], ascending=[False, True]).reset_index(drop=True)


def kanszones_overzicht(kanszones: pd.DataFrame, terreinen: pd.DataFrame, gemeenten: tuple[str, ...]) -> pd.DataFrame:
    """The kanszones on parks of ``gemeenten``, largest potential first: kanszone_id, naam,
    terrein_id, terrein (park name), gemeente, maatregel, status, potentie_ha and potentie_m2_bvo as
    registered (no source gives them for the 071 parks: sample values until a user imports
    real ones)."""
    t = pd.DataFrame(terreinen[["terrein_id", "naam", "gemeente"]]).rename(columns={"naam": "terrein"})
    k = pd.DataFrame(kanszones.drop(columns="geometry", errors="ignore"))
    k = k.merge(t, on="terrein_id", how="left")
    k = k[k["gemeente"].isin(list(gemeenten)).fillna(False).to_numpy()]
    kolommen = ["kanszone_id", "naam", "terrein_id", "terrein", "gemeente", "maatregel", "status"]
    kolommen += ["potentie_ha", "potentie_m2_bvo"]
    volgorde = k.sort_values(["potentie_ha", "naam"], ascending=[False, True], na_position="last")
    return volgorde[kolommen].reset_index(drop=True)


def _oordeel(aanbod: float, strategie: Strategie) -> str:
    """Whether ``aanbod`` covers the strategy's low and high demand, in Dutch."""
    laag, hoog = strategie.vraag_laag_ha, strategie.vraag_hoog_ha
    if aanbod >= hoog:
        return "dekt ook de hoge vraag"
    if aanbod >= laag:
        return f"dekt de lage vraag, niet de hoge ({format_ha(hoog - aanbod)} tekort)"
    return f"dekt de lage vraag niet ({format_ha(laag - aanbod)} tekort)"


def _kerncijfers_balans(balans: pd.DataFrame, strategie: Strategie, bijdrage_ha: float) -> list[Kerncijfer]:
    """The balance's headline figures from its ``regio`` row (the selection's total)."""
    r = balans.set_index("gemeente").loc[REGIO]

    def k(sleutel: str, tekst: str | None = None, toelichting: str = "") -> Kerncijfer:
        label, uitleg = BALANS_UITLEG[sleutel]
        waarde = float(r[sleutel])
        return Kerncijfer(sleutel, label, waarde, tekst or format_ha(waarde), uitleg, toelichting)

    saldo_noot = f"waarvan {format_ha(bijdrage_ha)} kanszone-potentie" if bijdrage_ha > 0 else ""
    return [
        k("voorraad_start_ha", toelichting=describe_stand(balans, strategie)),
        k("transformatie_ha"),
        k("compensatie_ha"),
        k("saldo_ha", format_ha(float(r["saldo_ha"]), teken=True), saldo_noot),
        k("ongedekt_ha", toelichting=str(r["verkeerslicht_reden"])),
    ]


def _kerncijfers_aanbod(vraag_aanbod: pd.DataFrame, strategie: Strategie) -> list[Kerncijfer]:
    """Supply at the horizon against the demand range: always regional."""
    eind = vraag_aanbod.iloc[-1]
    hard, totaal = float(eind["aanbod_hard_ha"]), float(eind["aanbod_totaal_ha"])
    laag, hoog = strategie.vraag_laag_ha, strategie.vraag_hoog_ha
    return [
        Kerncijfer(
            "aanbod_hard_ha",
            f"Hard aanbod {strategie.horizon}",
            hard,
            format_ha(hard),
            "Uitgeefbare ha op bestaande terreinen plus gerealiseerde en harde uitbreiding, compensatie en "
            f"intensivering tot en met {strategie.horizon} (regionaal).",
            _oordeel(hard, strategie),
        ),
        Kerncijfer(
            "aanbod_totaal_ha",
            f"Hard + zacht aanbod {strategie.horizon}",
            totaal,
            format_ha(totaal),
            "Hard aanbod plus zachte plannen (ontwerp, structuurvisie, onderzoekslocatie), regionaal.",
            _oordeel(totaal, strategie),
        ),
        Kerncijfer(
            "vraag_ha",
            f"Vraag tot {strategie.horizon} (ha)",
            hoog,
            # the unit sits in the label: "47,2–63,5 ha" does not fit a tile on a laptop
            f"{format_getal(laag)}–{format_getal(hoog)}",
            "Ruimtevraag volgens de regionale strategie (laag–hoog), inclusief vervanging van getransformeerde grond.",
            "regionale strategie",
        ),
    ]


def _kerncijfers_ongedekt(ongedekt: pd.DataFrame) -> list[Kerncijfer]:
    """How many counted transformations have a shortfall, and its sum (= the balance's ongedekt_ha)."""
    tekort = float(ongedekt["tekort_ha"].sum())
    return [
        Kerncijfer(
            "ongedekt_aantal",
            "Transformaties met tekort",
            float(len(ongedekt)),
            format_getal(len(ongedekt), 0),
            "Aantal getelde transformaties waarvan een deel niet met getelde compensatie is gekoppeld.",
        ),
        Kerncijfer(
            "ongedekt_totaal_ha",
            "Ongedekt in totaal",
            tekort,
            format_ha(tekort),
            "Som van de tekorten van die transformaties (gelijk aan 'Ongedekt' in de hectarebalans).",
        ),
    ]


def _kerncijfers_kanszones(overzicht: pd.DataFrame) -> list[Kerncijfer]:
    """The number of kanszones of the selection and the sums of their registered potential."""
    ha = float(overzicht["potentie_ha"].fillna(0).sum())
    m2 = float(overzicht["potentie_m2_bvo"].fillna(0).sum())
    return [
        Kerncijfer(
            "kanszones", "Kanszones", float(len(overzicht)), format_getal(len(overzicht), 0), "Aantal kanszones."
        ),
        Kerncijfer(
            "potentie_ha",
            "Potentie",
            ha,
            f"{format_getal(ha)} ha-eq.",
            f"Som van potentie_ha, in hectare-equivalent: {HA_EQUIVALENT_UITLEG}.",
            "ha-equivalent: extra vloer als grond, geen uitgeefbare ha",
        ),
        Kerncijfer("potentie_m2_bvo", "Extra bedrijfsvloer", m2, format_m2(m2), "Som van potentie_m2_bvo.", "m² bvo"),
    ]


#: The balance figures set side by side by :func:`format_effect`.
EFFECT_KOLOMMEN = ("voorraad_start_ha", "transformatie_ha", "compensatie_ha", "saldo_ha", "ongedekt_ha")


def format_effect(voor: Monitorstand, na: Monitorstand, koppen: tuple[str, str] = ("Nu", "Na import")) -> pd.DataFrame:
    """The selection's total of the headline balance figures in two states (before and after
    an import, say) as a Dutch table: Cijfer and the two ``koppen``, in ``47,2 ha``."""
    rijen = [
        (BALANS_UITLEG[k][0], format_ha(float(voor.totaal[k])), format_ha(float(na.totaal[k]))) for k in EFFECT_KOLOMMEN
    ]
    return pd.DataFrame(rijen, columns=["Cijfer", *koppen])


def compute_monitor(
    lagen: Mapping[str, pd.DataFrame], strategie: Strategie, selectie: Selectie | None = None
) -> Monitorstand:
    """The monitor's state for ``selectie`` (default: the whole region, plans up to hard, no
    kanszone potential) from the register ``lagen`` (terreinen, mutaties, koppelingen and,
    optionally, kanszones) and the strategy. Pure: the same input gives the same figures.

    The kanszone potential counts as zachte intensivering
    (:func:`~bedrijventerreinen.kanszones.add_kanszone_intensivering`) in the balance, the
    coverage and the supply; the findings look at the register only. Raises
    :class:`SelectieFout` for a selection outside the strategy.
    """
    sel = (selectie or Selectie()).check(strategie)
    t, m, k = lagen["terreinen"], lagen["mutaties"], lagen["koppelingen"]
    kz = lagen["kanszones"] if "kanszones" in lagen else schema.empty("kanszones")
    jaar = sel.kanszone_jaar or strategie.horizon
    geteld, meldingen = add_kanszone_intensivering(m, kz, t, sel.kanszone_aandeel, jaar)
    balans = select_gemeenten(compute_hectarebalans(t, geteld, k, strategie, sel.planstatus_vanaf), list(sel.gemeenten))
    in_selectie = geteld[geteld["gemeente"].isin(list(sel.gemeenten)).fillna(False).to_numpy()]
    dekking = compute_compensatiedekking(geteld, k, strategie, sel.planstatus_vanaf)
    dekking = dekking[dekking["gemeente"].isin(list(sel.gemeenten)).to_numpy()].reset_index(drop=True)
    per_planstatus = compute_dekking_per_planstatus(m, k, strategie)
    per_planstatus = per_planstatus[per_planstatus["gemeente"].isin(list(sel.gemeenten)).to_numpy()]
    vraag_aanbod = compute_vraag_aanbod(t, geteld, strategie)
    alle = bevindingen_frame(check_strategie(t, m, k, strategie, kanszones=kz))
    bevindingen = alle[alle["gemeente"].isin(list(sel.gemeenten)) | alle["gemeente"].eq("")].reset_index(drop=True)
    overzicht = kanszones_overzicht(kz, t, sel.gemeenten)
    bijdrage = compute_kanszonebijdrage(in_selectie)
    cijfers = [
        *_kerncijfers_balans(balans, strategie, bijdrage),
        *_kerncijfers_aanbod(vraag_aanbod, strategie),
        *_kerncijfers_ongedekt(select_ongedekt(dekking)),
        *_kerncijfers_kanszones(overzicht),
    ]
    return Monitorstand(
        strategie=strategie,
        selectie=sel,
        balans=balans,
        dekking=dekking,
        dekking_per_planstatus=per_planstatus.reset_index(drop=True),
        vraag_aanbod=vraag_aanbod,
        bevindingen=bevindingen,
        kanszones=overzicht,
        mutaties=geteld,
        meldingen=tuple(meldingen),
        kerncijfers={c.sleutel: c for c in cijfers},
    )
