"""The hectare balance, compensation coverage, traffic lights and demand-supply confrontation.

Each rule is a table test: a tiny register built by hand, the figure a user would read, and the
value worked out on paper. Property tests (hypothesis) check the balance on random registers.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bedrijventerreinen import aanbod, balance, dekking, monitor, schema
from bedrijventerreinen.formatting import format_ha
from bedrijventerreinen.strategy import load_strategie

NUMERIEK = [c for c in balance.BALANS_KOLOMMEN if c.endswith("_ha")]


def balans_index(bouw, strategie, terreinen=(), mutaties=(), koppelingen=(), vanaf="hard") -> pd.DataFrame:
    df = balance.compute_hectarebalans(
        bouw.terreinen(terreinen), bouw.mutaties(mutaties), bouw.koppelingen(koppelingen), strategie, vanaf
    )
    return df.set_index("gemeente")


# --------------------------------------------------------------------------------------
# select_mutaties
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("planstatus", "jaar", "vanaf", "telt"),
    [
        pytest.param("gerealiseerd", 2025, "gerealiseerd", True, id="gerealiseerd-telt-vanaf-gerealiseerd"),
        pytest.param("hard", 2025, "gerealiseerd", False, id="hard-telt-niet-vanaf-gerealiseerd"),
        pytest.param("gerealiseerd", 2025, "hard", True, id="gerealiseerd-telt-vanaf-hard"),
        pytest.param("hard", 2025, "hard", True, id="hard-telt-vanaf-hard"),
        pytest.param("zacht", 2025, "hard", False, id="zacht-telt-niet-vanaf-hard"),
        pytest.param("zacht", 2025, "zacht", True, id="zacht-telt-vanaf-zacht"),
        pytest.param("idee", 2025, "zacht", False, id="idee-telt-niet-vanaf-zacht"),
        pytest.param("idee", 2025, "idee", True, id="idee-telt-vanaf-idee"),
        pytest.param("gerealiseerd", 2025, "idee", True, id="gerealiseerd-telt-vanaf-idee"),
        pytest.param("onbekend", 2025, "idee", False, id="onbekende-planstatus-telt-nooit"),
        pytest.param("hard", 2020, "hard", True, id="referentiejaar-telt"),
        pytest.param("hard", 2030, "hard", True, id="horizon-telt"),
        pytest.param("hard", 2019, "hard", False, id="voor-referentiejaar-telt-niet"),
        pytest.param("hard", 2031, "hard", False, id="na-horizon-telt-niet"),
        pytest.param("hard", None, "hard", True, id="ontbrekend-jaar-telt"),
    ],
)
def test_select_mutaties(bouw, strategie, planstatus, jaar, vanaf, telt):
    m = bouw.mutaties([("M1", "transformatie", "Leiden", 1.0, planstatus, jaar)])
    geteld = balance.select_mutaties(m, strategie, vanaf)
    assert list(geteld["mutatie_id"]) == (["M1"] if telt else [])


@pytest.mark.parametrize("jaar", [2015, 2040], ids=["voor-referentiejaar", "na-horizon"])
def test_select_mutaties_alle_jaren(bouw, strategie, jaar):
    m = bouw.mutaties([("M1", "uitbreiding", "Leiden", 1.0, "hard", jaar)])
    assert len(balance.select_mutaties(m, strategie, "hard", alle_jaren=True)) == 1
    assert len(balance.select_mutaties(m, strategie, "hard")) == 0


def test_select_mutaties_onbekende_planstatus_vanaf(bouw, strategie):
    with pytest.raises(ValueError, match="planstatus"):
        balance.select_mutaties(bouw.mutaties([("M1", "uitbreiding")]), strategie, "vast")


# --------------------------------------------------------------------------------------
# compute_hectarebalans: one rule per row
# --------------------------------------------------------------------------------------
T = "transformatie"
C = "compensatie"
U = "uitbreiding"
INT = "intensivering"
G = "uitgifte"


def _t(gemeente: str, netto_ha: float, koers: str = "behouden", **extra) -> dict:
    """A park row like the ``bouw`` fixture's, with extra columns (bruto_ha, peiljaar, terrein_id, …)."""
    rij = {
        "naam": f"Terrein {gemeente} {netto_ha}",
        "gemeente": gemeente,
        "bruto_ha": round(netto_ha / 0.8, 2),
        "netto_ha": netto_ha,
        "koers": koers,
    }
    return {**rij, **extra}


BALANS_GEVALLEN = [
    pytest.param(
        [("Leiden", 10.0), ("Leiden", 5.0, "nieuw"), ("Leiden", 4.0, "intensiveren")],
        [],
        [],
        "hard",
        {("Leiden", "voorraad_start_ha"): 14.0},
        id="startvoorraad-zonder-koers-nieuw",
    ),
    pytest.param(
        [("Leiden", 10.0), ("Katwijk", 7.0), ("Katwijk", 2.5, "transformeren")],
        [],
        [],
        "hard",
        {("Leiden", "voorraad_start_ha"): 10.0, ("Katwijk", "voorraad_start_ha"): 9.5},
        id="startvoorraad-per-gemeente",
    ),
    pytest.param(
        [],
        [("T1", T, "Leiden", 2.0), ("T2", T, "Leiden", 1.5, "gerealiseerd"), ("T3", T, "Katwijk", 1.0)],
        [],
        "hard",
        {
            ("Leiden", "transformatie_ha"): 3.5,
            ("Katwijk", "transformatie_ha"): 1.0,
            ("Oegstgeest", "transformatie_ha"): 0,
        },
        id="transformatie-in-gemeente-van-mutatie",
    ),
    pytest.param(
        [],
        [("T1", T, "Leiden", 2.0), ("C1", C, "Katwijk", 3.0)],
        [("T1", "C1", 2.0)],
        "hard",
        {("Katwijk", "compensatie_ha"): 3.0, ("Leiden", "compensatie_ha"): 0.0},
        id="compensatie-waar-de-grond-ligt",
    ),
    pytest.param(
        [],
        [("U1", U, "Zoeterwoude", 4.0), ("U2", U, "Zoeterwoude", 6.0, "zacht")],
        [],
        "hard",
        {("Zoeterwoude", "uitbreiding_ha"): 4.0},
        id="uitbreiding-zacht-telt-niet-vanaf-hard",
    ),
    pytest.param(
        [],
        [("U1", U, "Zoeterwoude", 4.0), ("U2", U, "Zoeterwoude", 6.0, "zacht"), ("U3", U, "Zoeterwoude", 9, "idee")],
        [],
        "zacht",
        {("Zoeterwoude", "uitbreiding_ha"): 10.0},
        id="uitbreiding-zacht-telt-vanaf-zacht",
    ),
    pytest.param(
        [],
        [("I1", INT, "Katwijk", 1.5), ("I2", INT, "Leiden", 0.5)],
        [],
        "hard",
        {("Katwijk", "intensivering_ha"): 1.5, ("Leiden", "intensivering_ha"): 0.5},
        id="intensivering-per-gemeente",
    ),
    pytest.param(
        [("Leiden", 10.0)],
        [("G1", G, "Leiden", 2.0, "gerealiseerd")],
        [],
        "hard",
        {("Leiden", "voorraad_eind_ha"): 10.0, ("Leiden", "saldo_ha"): 0.0},
        id="uitgifte-verandert-voorraad-niet",
    ),
    pytest.param(
        [("Leiden", 10.0)],
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 3.0), ("U1", U, "Leiden", 4.0), ("I1", INT, "Leiden", 1.0)],
        [],
        "hard",
        {("Leiden", "voorraad_eind_ha"): 16.0},
        id="eindvoorraad-start-min-trans-plus-rest",
    ),
    pytest.param(
        [("Leiden", 10.0)],
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 3.0), ("U1", U, "Leiden", 4.0), ("I1", INT, "Leiden", 1.0)],
        [],
        "hard",
        {("Leiden", "saldo_ha"): 2.0},
        id="saldo-zonder-uitbreiding",
    ),
    pytest.param(
        [],
        [("T1", T, "Leiden", 2.0), ("T2", T, "Leiden", 1.0, "zacht"), ("C1", C, "Leiden", 1.5)],
        [("T1", "C1", 1.5)],
        "hard",
        {("Leiden", "ongedekt_ha"): 0.5},
        id="ongedekt-alleen-getelde-transformaties",
    ),
    pytest.param(
        [],
        [("T1", T, "Leiden", 2.0), ("T2", T, "Leiden", 1.0, "zacht"), ("C1", C, "Leiden", 1.5)],
        [("T1", "C1", 1.5)],
        "zacht",
        {("Leiden", "ongedekt_ha"): 1.5},
        id="ongedekt-vanaf-zacht",
    ),
    pytest.param(
        [],
        [("T1", T, "Leiden", 2.0), ("C1", C, "Katwijk", 2.0)],
        [("T1", "C1", 2.0)],
        "hard",
        {
            ("Leiden", "compensatie_elders_ha"): 2.0,
            ("Leiden", "ongedekt_ha"): 0.0,
            ("Leiden", "saldo_ha"): -2.0,
            ("Katwijk", "saldo_ha"): 2.0,
            ("Katwijk", "compensatie_elders_ha"): 0.0,
        },
        id="compensatie-elders",
    ),
    pytest.param(
        [],
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 2.0)],
        [("T1", "C1", 2.0)],
        "hard",
        {("Leiden", "compensatie_elders_ha"): 0.0, ("Leiden", "ongedekt_ha"): 0.0, ("Leiden", "saldo_ha"): 0.0},
        id="compensatie-eigen-gemeente",
    ),
    pytest.param(
        [("Leiden", 10.0)],
        [("T1", T, "Leiden", 2.0, "hard", 2035), ("C1", C, "Leiden", 3.0, "hard", 2015)],
        [],
        "hard",
        {("Leiden", "transformatie_ha"): 0.0, ("Leiden", "compensatie_ha"): 0.0, ("Leiden", "voorraad_eind_ha"): 10.0},
        id="buiten-periode-telt-niet",
    ),
    pytest.param(
        [],
        [("T1", T, "Leiden", 2.0, "zacht"), ("C1", C, "Leiden", 2.0, "hard")],
        [("T1", "C1", 2.0)],
        "hard",
        {("Leiden", "compensatie_ha"): 2.0, ("Leiden", "transformatie_ha"): 0.0, ("Leiden", "ongedekt_ha"): 0.0},
        id="getelde-compensatie-voor-niet-getelde-transformatie",
    ),
    pytest.param(
        [("Alphen aan den Rijn", 12.0), ("Leiden", 1.0)],
        [("T1", T, "Teylingen", 1.0)],
        [],
        "hard",
        {("regio", "voorraad_start_ha"): 1.0, ("regio", "transformatie_ha"): 0.0, ("regio", "ongedekt_ha"): 0.0},
        id="gemeente-buiten-strategie-telt-niet-mee",
    ),
    pytest.param(
        [_t("Leiden", 0.7, bruto_ha=0.8), ("Leiden", 5.0)],
        [],
        [],
        "hard",
        {("Leiden", "voorraad_start_ha"): 5.0, ("regio", "voorraad_eind_ha"): 5.0},
        id="terrein-onder-1-ha-bruto-valt-buiten-de-strategie",
    ),
    pytest.param(
        [("Leiden", 6.0, "nieuw")],
        [],
        [],
        "hard",
        {("Leiden", "voorraad_start_ha"): 0.0},
        id="gepland-terrein-niet-in-startvoorraad",
    ),
    pytest.param(
        [_t("Leiden", 6.0, "nieuw", peiljaar=2024)],
        [],
        [],
        "hard",
        {("Leiden", "voorraad_start_ha"): 6.0},
        id="terrein-met-ibis-stand-bestaat-ook-met-koers-nieuw",
    ),
    pytest.param(
        [("Leiden", 10.0), ("Katwijk", 20.0), ("Zoeterwoude", 5.0)],
        [("T1", T, "Leiden", 2.0), ("C1", C, "Katwijk", 1.0), ("U1", U, "Zoeterwoude", 3.0)],
        [("T1", "C1", 1.0)],
        "hard",
        {
            ("regio", "voorraad_start_ha"): 35.0,
            ("regio", "voorraad_eind_ha"): 37.0,
            ("regio", "saldo_ha"): -1.0,
            ("regio", "ongedekt_ha"): 1.0,
            ("regio", "compensatie_elders_ha"): 1.0,
        },
        id="regio-is-som",
    ),
]


@pytest.mark.parametrize(("terreinen", "mutaties", "koppelingen", "vanaf", "verwacht"), BALANS_GEVALLEN)
def test_hectarebalans_regels(bouw, strategie, terreinen, mutaties, koppelingen, vanaf, verwacht):
    b = balans_index(bouw, strategie, terreinen, mutaties, koppelingen, vanaf)
    gevonden = {sleutel: float(b.loc[sleutel]) for sleutel in verwacht}
    assert gevonden == pytest.approx(verwacht)


def test_hectarebalans_rijen_en_kolommen(bouw, strategie):
    b = balance.compute_hectarebalans(bouw.terreinen([("Leiden", 3.0)]), bouw.mutaties(), bouw.koppelingen(), strategie)
    assert list(b["gemeente"]) == [*strategie.gemeenten, "regio"]
    assert list(b.columns) == balance.BALANS_KOLOMMEN
    for kolom in NUMERIEK:
        assert b[kolom].dtype == "float64", kolom


def test_hectarebalans_leeg_register(bouw, strategie):
    """A fresh register without any mutatie or koppeling still gives a (zero) balance."""
    b = balance.compute_hectarebalans(bouw.terreinen(), bouw.mutaties(), bouw.koppelingen(), strategie)
    assert len(b) == len(strategie.gemeenten) + 1
    assert (b[NUMERIEK] == 0).all().all()
    assert set(b["verkeerslicht"]) == {"groen"}


def test_hectarebalans_zonder_koppelingen(bouw, strategie):
    """Transformations without any koppeling: the whole transformation is ongedekt."""
    b = balans_index(bouw, strategie, [], [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 1.0)], [])
    assert b.loc["Leiden", "ongedekt_ha"] == pytest.approx(2.0)
    assert b.loc["Leiden", "verkeerslicht"] == "rood"


def test_hectarebalans_planstatus_vanaf_onbekend(bouw, strategie):
    with pytest.raises(ValueError):
        balans_index(bouw, strategie, [], [("T1", T)], [], vanaf="misschien")


# --------------------------------------------------------------------------------------
# compute_compensatiedekking
# --------------------------------------------------------------------------------------
DEKKING_GEVALLEN = [
    pytest.param(
        [("T1", T, "Leiden", 3.0), ("T2", T, "Leiden", 3.0), ("C1", C, "Leiden", 3.0)],
        [("T1", "C1", 3.0), ("T2", "C1", 3.0)],
        "hard",
        {"T1": (1.5, 1.5), "T2": (1.5, 1.5)},
        id="overtoegewezen-pro-rata",
    ),
    pytest.param(
        [("T1", T, "Leiden", 4.0), ("T2", T, "Leiden", 4.0), ("C1", C, "Leiden", 3.0)],
        [("T1", "C1", 4.0), ("T2", "C1", 2.0)],
        "hard",
        {"T1": (2.0, 2.0), "T2": (1.0, 3.0)},
        id="overtoegewezen-naar-verhouding",
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 5.0)],
        [("T1", "C1", 5.0)],
        "hard",
        {"T1": (2.0, 0.0)},
        id="dekking-niet-meer-dan-transformatie",
    ),
    pytest.param(
        [("T1", T, "Leiden", 3.0), ("C1", C, "Leiden", 1.0), ("C2", C, "Katwijk", 1.5)],
        [("T1", "C1", 1.0), ("T1", "C2", 1.5)],
        "hard",
        {"T1": (2.5, 0.5)},
        id="meerdere-compensaties-tellen-op",
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 2.0, "zacht")],
        [("T1", "C1", 2.0)],
        "hard",
        {"T1": (0.0, 2.0)},
        id="zachte-compensatie-dekt-niet-vanaf-hard",
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 2.0, "zacht")],
        [("T1", "C1", 2.0)],
        "zacht",
        {"T1": (2.0, 0.0)},
        id="zachte-compensatie-dekt-vanaf-zacht",
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 2.0, "hard", 2034)],
        [("T1", "C1", 2.0)],
        "hard",
        {"T1": (0.0, 2.0)},
        id="compensatie-na-horizon-dekt-niet",
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 2.0)],
        [("T1", "C1", 2.0), ("T-TYPO", "C1", 2.0)],
        "hard",
        {"T1": (2.0, 0.0)},
        id="koppeling-naar-onbekende-transformatie-kost-geen-dekking",
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0), ("T2", T, "Leiden", 1.0), ("C1", C, "Leiden", 2.0)],
        [("T1", "C1", 3.0), ("T2", "C1", -1.0)],
        "hard",
        {"T1": (2.0, 0.0), "T2": (0.0, 1.0)},
        id="negatieve-koppeling-vergroot-compensatie-niet",
    ),
    pytest.param(
        [("T1", T, "Leiden", 3.0), ("C1", C, "Leiden", 2.0)],
        [("T1", "C1", 2.0), ("T1", "U1", 1.0)],
        "hard",
        {"T1": (2.0, 1.0)},
        id="koppeling-naar-geen-compensatie-dekt-niet",
    ),
]


@pytest.mark.parametrize(("mutaties", "koppelingen", "vanaf", "verwacht"), DEKKING_GEVALLEN)
def test_compensatiedekking(bouw, strategie, mutaties, koppelingen, vanaf, verwacht):
    mutaties = [*mutaties, ("U1", U, "Leiden", 5.0)]
    d = dekking.compute_compensatiedekking(bouw.mutaties(mutaties), bouw.koppelingen(koppelingen), strategie, vanaf)
    d = d.set_index("mutatie_id")
    assert set(d.index) == set(verwacht), "one row per counted transformation"
    for mid, (gedekt, tekort) in verwacht.items():
        assert d.loc[mid, "gedekt_ha"] == pytest.approx(gedekt), mid
        assert d.loc[mid, "tekort_ha"] == pytest.approx(tekort), mid
        assert d.loc[mid, "dekking"] == pytest.approx(gedekt / d.loc[mid, "ha"]), mid


def test_compensatiedekking_elders(bouw, strategie):
    m = bouw.mutaties([("T1", T, "Leiden", 3.0), ("C1", C, "Leiden", 1.0), ("C2", C, "Katwijk", 1.5)])
    k = bouw.koppelingen([("T1", "C1", 1.0), ("T1", "C2", 1.5)])
    d = dekking.compute_compensatiedekking(m, k, strategie).set_index("mutatie_id")
    assert d.loc["T1", "gedekt_elders_ha"] == pytest.approx(1.5)


def test_compensatiedekking_alleen_getelde_transformaties(bouw, strategie):
    m = bouw.mutaties([("T1", T, "Leiden", 1.0, "zacht"), ("T2", T, "Leiden", 1.0, "hard", 2040)])
    assert dekking.compute_compensatiedekking(m, bouw.koppelingen(), strategie).empty
    alle = dekking.compute_compensatiedekking(m, bouw.koppelingen(), strategie, "idee", alle_jaren=True)
    assert sorted(alle["mutatie_id"]) == ["T1", "T2"]


# --------------------------------------------------------------------------------------
# compute_verkeerslicht (through the balance, as the user sees it)
# --------------------------------------------------------------------------------------
VERKEERSLICHT_GEVALLEN = [
    pytest.param([], [], "hard", "groen", id="geen-transformaties-groen"),
    pytest.param([("T1", T, "Leiden", 2.0)], [], "hard", "rood", id="harde-transformatie-ongedekt-rood"),
    pytest.param(
        [("T1", T, "Leiden", 2.0, "gerealiseerd")], [], "hard", "rood", id="gerealiseerde-transformatie-ongedekt-rood"
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 2.0)],
        [("T1", "C1", 2.0)],
        "hard",
        "groen",
        id="harde-transformatie-hard-gedekt-groen",
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 2.0, "zacht")],
        [("T1", "C1", 2.0)],
        "zacht",
        "rood",
        id="harde-transformatie-alleen-zacht-gedekt-rood",
    ),
    pytest.param([("T1", T, "Leiden", 2.0, "zacht")], [], "zacht", "oranje", id="zachte-transformatie-ongedekt-oranje"),
    pytest.param(
        [("T1", T, "Leiden", 2.0, "zacht")], [], "hard", "groen", id="zachte-transformatie-telt-niet-vanaf-hard"
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0, "zacht"), ("C1", C, "Leiden", 2.0, "zacht")],
        [("T1", "C1", 2.0)],
        "zacht",
        "groen",
        id="zachte-transformatie-zacht-gedekt-groen",
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 1.96)],
        [("T1", "C1", 1.96)],
        "hard",
        "groen",
        id="tekort-binnen-tolerantie-groen",
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 1.9)],
        [("T1", "C1", 1.9)],
        "hard",
        "rood",
        id="tekort-boven-tolerantie-rood",
    ),
    pytest.param(
        [("T1", T, "Leiden", 2.0), ("C1", C, "Katwijk", 2.0)],
        [("T1", "C1", 2.0)],
        "hard",
        "groen",
        id="elders-gecompenseerd-groen-ondanks-negatief-saldo",
    ),
]


@pytest.mark.parametrize(("mutaties", "koppelingen", "vanaf", "licht"), VERKEERSLICHT_GEVALLEN)
def test_verkeerslicht(bouw, strategie, mutaties, koppelingen, vanaf, licht):
    b = balans_index(bouw, strategie, [], mutaties, koppelingen, vanaf)
    assert b.loc["Leiden", "verkeerslicht"] == licht
    assert b.loc["Katwijk", "verkeerslicht"] == "groen"
    assert b.loc["regio", "verkeerslicht"] == licht
    reden = b.loc["Leiden", "verkeerslicht_reden"]
    if licht != "groen":
        # the reason names the shortfall a user can check against the ongedekt figure
        assert "ha" in reden and format_ha(0) not in reden


@pytest.mark.parametrize(
    ("mutaties", "regio"),
    [
        pytest.param([("T1", T, "Leiden", 2.0), ("T2", T, "Katwijk", 1.0, "zacht")], "rood", id="rood-wint"),
        pytest.param([("T2", T, "Katwijk", 1.0, "zacht")], "oranje", id="oranje-wint-van-groen"),
        pytest.param([], "groen", id="alles-groen"),
    ],
)
def test_verkeerslicht_regio_is_slechtste(bouw, strategie, mutaties, regio):
    b = balans_index(bouw, strategie, [], mutaties, [], "zacht")
    assert b.loc["regio", "verkeerslicht"] == regio
    if regio != "groen":
        n = int((b.drop(index="regio")["verkeerslicht"] == regio).sum())
        assert b.loc["regio", "verkeerslicht_reden"].startswith(str(n))


def test_compute_verkeerslicht_direct(bouw, strategie):
    m = bouw.mutaties(
        [("T1", T, "Leiden", 2.0), ("T2", T, "Katwijk", 1.0, "zacht"), ("T3", T, "Oegstgeest", 1.0, "idee")]
    )
    licht = balance.compute_verkeerslicht(
        m, bouw.koppelingen(), strategie, "zacht", ["Leiden", "Katwijk", "Oegstgeest", "regio"]
    )
    assert licht["verkeerslicht"].to_dict() == {
        "Leiden": "rood",
        "Katwijk": "oranje",
        "Oegstgeest": "groen",
        "regio": "rood",
    }
    zonder_regio = balance.compute_verkeerslicht(m, bouw.koppelingen(), strategie, "idee", ["Oegstgeest"])
    assert zonder_regio["verkeerslicht"].to_dict() == {"Oegstgeest": "oranje"}


def test_verkeerslicht_reden_noemt_tekort(bouw, strategie):
    b = balans_index(bouw, strategie, [], [("T1", T, "Leiden", 2.0), ("C1", C, "Leiden", 0.8)], [("T1", "C1", 0.8)])
    assert format_ha(1.2) in b.loc["Leiden", "verkeerslicht_reden"]


# --------------------------------------------------------------------------------------
# select_gemeenten
# --------------------------------------------------------------------------------------
def test_select_gemeenten_totaal_van_selectie(bouw, strategie):
    volledig = balance.compute_hectarebalans(
        bouw.terreinen([("Leiden", 10.0), ("Katwijk", 20.0), ("Leiderdorp", 5.0)]),
        bouw.mutaties(
            [
                ("T1", T, "Leiden", 2.0),
                ("T2", T, "Katwijk", 1.0, "zacht"),
                ("T3", T, "Leiderdorp", 3.0),
                ("C1", C, "Katwijk", 1.0),
            ]
        ),
        bouw.koppelingen([("T1", "C1", 1.0)]),
        strategie,
        "zacht",
    )
    sel = balance.select_gemeenten(volledig, ["Leiden", "Katwijk"])
    assert list(sel["gemeente"]) == ["Leiden", "Katwijk", "regio"]
    s = sel.set_index("gemeente")
    v = volledig.set_index("gemeente")
    for kolom in NUMERIEK:
        assert s.loc["regio", kolom] == pytest.approx(v.loc["Leiden", kolom] + v.loc["Katwijk", kolom]), kolom
    assert s.loc["regio", "voorraad_start_ha"] == pytest.approx(30.0)
    # Leiden rood (hard T1 half covered), Katwijk oranje: the selection is rood, Leiderdorp left out
    assert s.loc["regio", "verkeerslicht"] == "rood"
    sel2 = balance.select_gemeenten(volledig, ["Katwijk", "Oegstgeest"]).set_index("gemeente")
    assert sel2.loc["regio", "verkeerslicht"] == "oranje"
    assert sel2.loc["regio", "transformatie_ha"] == pytest.approx(1.0)
    assert sel2["voorraad_start_ha"].dtype == "float64"


def test_select_gemeenten_alles_is_regio(bouw, strategie):
    volledig = balance.compute_hectarebalans(
        bouw.terreinen([("Leiden", 10.0), ("Katwijk", 20.0)]),
        bouw.mutaties([("T1", T, "Leiden", 2.0)]),
        bouw.koppelingen(),
        strategie,
    )
    sel = balance.select_gemeenten(volledig, list(strategie.gemeenten))
    pd.testing.assert_frame_equal(sel.reset_index(drop=True), volledig.reset_index(drop=True), check_dtype=False)


# --------------------------------------------------------------------------------------
# compute_vraag_aanbod
# --------------------------------------------------------------------------------------
def vraag_aanbod(bouw, strategie, mutaties, terreinen=None, tot_jaar=None) -> pd.DataFrame:
    if terreinen is None:
        terreinen = [
            bouw.terrein("Leiden", 10.0, uitgeefbaar_terstond_ha=2.0, uitgeefbaar_niet_terstond_ha=1.0),
            bouw.terrein("Katwijk", 8.0, "nieuw", uitgeefbaar_terstond_ha=5.0),
        ]
    va = aanbod.compute_vraag_aanbod(bouw.terreinen(terreinen), bouw.mutaties(mutaties), strategie, tot_jaar)
    return va.set_index("jaar")


@pytest.mark.parametrize(
    ("mutatie", "hard", "zacht"),
    [
        pytest.param(("U1", U, "Leiden", 4.0, "hard", 2025), 4.0, 0.0, id="harde-uitbreiding"),
        pytest.param(("U1", U, "Leiden", 4.0, "gerealiseerd", 2025), 4.0, 0.0, id="gerealiseerde-uitbreiding-hard"),
        pytest.param(("U1", U, "Leiden", 4.0, "zacht", 2025), 0.0, 4.0, id="zachte-uitbreiding"),
        pytest.param(("U1", U, "Leiden", 4.0, "idee", 2025), 0.0, 0.0, id="idee-telt-niet"),
        pytest.param(("C1", C, "Katwijk", 2.0, "hard", 2025), 2.0, 0.0, id="compensatie-is-aanbod"),
        pytest.param(("I1", INT, "Katwijk", 1.0, "zacht", 2025), 0.0, 1.0, id="intensivering-is-aanbod"),
        pytest.param(("T1", T, "Leiden", 3.0, "hard", 2025), 0.0, 0.0, id="transformatie-verlaagt-aanbod-niet"),
        pytest.param(("G1", G, "Leiden", 1.0, "hard", 2025), 0.0, 0.0, id="uitgifte-telt-niet"),
    ],
)
def test_vraag_aanbod_soorten(bouw, strategie, mutatie, hard, zacht):
    va = vraag_aanbod(bouw, strategie, [mutatie])
    basis = 3.0  # uitgeefbaar terstond + niet terstond of the existing park; the planned park does not count
    assert va.loc[2024, "aanbod_hard_ha"] == pytest.approx(basis)
    assert va.loc[2024, "aanbod_zacht_ha"] == pytest.approx(0.0)
    assert va.loc[2025, "aanbod_hard_ha"] == pytest.approx(basis + hard)
    assert va.loc[2030, "aanbod_zacht_ha"] == pytest.approx(zacht)
    assert va.loc[2030, "aanbod_totaal_ha"] == pytest.approx(basis + hard + zacht)


def test_vraag_aanbod_cumulatief(bouw, strategie):
    va = vraag_aanbod(
        bouw,
        strategie,
        [
            ("U1", U, "Leiden", 4.0, "hard", 2022),
            ("U2", U, "Leiden", 6.0, "zacht", 2027),
            ("U3", U, "Leiden", 1.0, "hard", None),
        ],
    )
    assert list(va.index) == list(range(strategie.referentiejaar, strategie.horizon + 1))
    assert va.loc[2020, "aanbod_hard_ha"] == pytest.approx(4.0)  # basis 3 + U3 without year
    assert va.loc[2022, "aanbod_hard_ha"] == pytest.approx(8.0)
    assert va.loc[2026, "aanbod_zacht_ha"] == pytest.approx(0.0)
    assert va.loc[2027, "aanbod_zacht_ha"] == pytest.approx(6.0)
    assert va["aanbod_hard_ha"].is_monotonic_increasing
    assert va["aanbod_totaal_ha"].is_monotonic_increasing
    assert (va["aanbod_totaal_ha"] == va["aanbod_hard_ha"] + va["aanbod_zacht_ha"]).all()


def test_vraag_lineair_tot_horizon(bouw, strategie):
    va = vraag_aanbod(bouw, strategie, [], tot_jaar=strategie.horizon + 2)
    ref, hor = strategie.referentiejaar, strategie.horizon
    assert va.loc[ref, "vraag_laag_ha"] == 0.0
    assert va.loc[hor, "vraag_laag_ha"] == pytest.approx(strategie.vraag_laag_ha)
    assert va.loc[hor, "vraag_hoog_ha"] == pytest.approx(strategie.vraag_hoog_ha)
    midden = (ref + hor) // 2
    assert va.loc[midden, "vraag_laag_ha"] == pytest.approx(strategie.vraag_laag_ha * (midden - ref) / (hor - ref))
    # beyond the horizon at the same pace
    assert va.loc[hor + 2, "vraag_hoog_ha"] == pytest.approx(strategie.vraag_hoog_ha * (hor + 2 - ref) / (hor - ref))
    stappen = va["vraag_laag_ha"].diff().dropna()
    assert stappen.to_numpy() == pytest.approx([strategie.vraag_laag_ha / (hor - ref)] * len(stappen))


def test_vraag_aanbod_ontbrekende_ha(bouw, strategie):
    """One idea without hectares must not blank out the whole supply line."""
    va = vraag_aanbod(
        bouw, strategie, [("U1", U, "Leiden", 4.0, "hard", 2025), ("U2", U, "Leiden", float("nan"), "idee", 2026)]
    )
    assert va.loc[2030, "aanbod_hard_ha"] == pytest.approx(7.0)
    assert not va[["aanbod_hard_ha", "aanbod_zacht_ha", "aanbod_totaal_ha"]].isna().any().any()


# --------------------------------------------------------------------------------------
# compute_kerncijfers and format_balans
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("uitbreiding_ha", "oordeel_bevat", "tekort"),
    [
        pytest.param(70.0, "hoge vraag", None, id="dekt-hoge-vraag"),
        pytest.param(50.0, "niet de hoge", "hoog", id="dekt-alleen-lage-vraag"),
        pytest.param(30.0, "lage vraag niet", "laag", id="dekt-lage-vraag-niet"),
    ],
)
def test_kerncijfers(bouw, strategie, uitbreiding_ha, oordeel_bevat, tekort):
    terreinen = bouw.terreinen([("Leiden", 10.0), ("Katwijk", 20.0)])
    mutaties = bouw.mutaties(
        [("T1", T, "Leiden", 2.0), ("C1", C, "Katwijk", 1.5), ("U1", U, "Katwijk", uitbreiding_ha, "hard", 2024)]
    )
    koppelingen = bouw.koppelingen([("T1", "C1", 1.5)])
    b = balance.compute_hectarebalans(terreinen, mutaties, koppelingen, strategie)
    stand = monitor.compute_monitor(
        {"terreinen": terreinen, "mutaties": mutaties, "koppelingen": koppelingen}, strategie
    )
    kc = stand.kerncijfers
    regio = b.set_index("gemeente").loc["regio"]
    for sleutel in ("voorraad_start_ha", "transformatie_ha", "compensatie_ha", "saldo_ha", "ongedekt_ha"):
        assert kc[sleutel].waarde == pytest.approx(regio[sleutel]), sleutel
        assert kc[sleutel].uitleg, sleutel
    assert kc["voorraad_start_ha"].tekst == "30,0 ha"
    assert kc["saldo_ha"].tekst == "-0,5 ha"
    assert kc["ongedekt_ha"].tekst == "0,5 ha"
    assert kc["aanbod_hard_ha"].waarde == pytest.approx(uitbreiding_ha + 1.5)
    assert kc["vraag_ha"].tekst == "47,2–63,5" and kc["vraag_ha"].label == "Vraag tot 2030 (ha)"
    assert oordeel_bevat in kc["aanbod_hard_ha"].toelichting
    if tekort:
        vraag = strategie.vraag_hoog_ha if tekort == "hoog" else strategie.vraag_laag_ha
        assert format_ha(vraag - (uitbreiding_ha + 1.5)) in kc["aanbod_hard_ha"].toelichting


def test_kerncijfers_van_selectie(bouw, strategie):
    terreinen = bouw.terreinen([("Leiden", 10.0), ("Katwijk", 20.0)])
    lagen = {"terreinen": terreinen, "mutaties": bouw.mutaties(), "koppelingen": bouw.koppelingen()}
    stand = monitor.compute_monitor(lagen, strategie, monitor.Selectie(("Katwijk",)))
    assert stand.kerncijfers["voorraad_start_ha"].tekst == "20,0 ha"


def test_format_balans(bouw, strategie):
    b = balance.compute_hectarebalans(
        bouw.terreinen([("Leiden", 47.2), ("Katwijk", 1250.0)]),
        bouw.mutaties([("T1", T, "Leiden", 5.2), ("C1", C, "Katwijk", 5.2)]),
        bouw.koppelingen([("T1", "C1", 5.2)]),
        strategie,
    )
    tabel = balance.format_balans(b).set_index("Gemeente")
    assert list(tabel.index) == [*strategie.gemeenten, "Totaal"]
    start = balance.BALANS_UITLEG["voorraad_start_ha"][0]
    saldo = balance.BALANS_UITLEG["saldo_ha"][0]
    licht = balance.BALANS_UITLEG["verkeerslicht"][0]
    assert tabel.loc["Leiden", start] == "47,2 ha"
    assert tabel.loc["Katwijk", start] == "1.250,0 ha"
    assert tabel.loc["Totaal", start] == "1.297,2 ha"
    assert tabel.loc["Leiden", saldo] == "-5,2 ha"
    assert tabel.loc["Katwijk", saldo] == "+5,2 ha"
    assert tabel.loc["Totaal", saldo] == "0,0 ha"
    assert tabel.loc["Leiden", licht].endswith("Groen")
    assert "Toelichting" in tabel.columns
    assert all(isinstance(v, str) for v in tabel.to_numpy().ravel())


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------
PLANSTATUSSEN = schema.codes(schema.PLANSTATUS)
SOORTCODES = schema.codes(schema.SOORTEN)
HA = st.floats(min_value=0.0, max_value=40.0, allow_nan=False).map(lambda x: round(x, 2))
JAAR = st.one_of(st.none(), st.integers(2015, 2035))


GEMEENTEN = list(load_strategie().gemeenten)


@st.composite
def registers(draw):
    """A random register: parks, mutaties of every soort and koppelingen between them."""
    gemeente = st.sampled_from(GEMEENTEN)
    terreinen = draw(st.lists(st.tuples(gemeente, HA, st.sampled_from(schema.codes(schema.KOERSEN))), max_size=8))
    n = draw(st.integers(0, 12))
    mutaties = [
        (
            f"M{i}",
            draw(st.sampled_from(SOORTCODES)),
            draw(gemeente),
            draw(HA),
            draw(st.sampled_from(PLANSTATUSSEN)),
            draw(JAAR),
        )
        for i in range(n)
    ]
    trans = [m[0] for m in mutaties if m[1] == T]
    comp = [m[0] for m in mutaties if m[1] == C]
    koppelingen = []
    if trans and comp:
        koppelingen = draw(
            st.lists(
                st.tuples(st.sampled_from(trans), st.sampled_from(comp), HA), max_size=8, unique_by=lambda k: k[:2]
            )
        )
    return terreinen, mutaties, koppelingen


EIGENSCHAP = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EIGENSCHAP
@given(register=registers(), vanaf=st.sampled_from(PLANSTATUSSEN))
def test_eigenschap_regio_is_som_van_gemeenten(bouw, strategie, register, vanaf):
    terreinen, mutaties, koppelingen = register
    b = balans_index(bouw, strategie, terreinen, mutaties, koppelingen, vanaf)
    gemeenten = b.drop(index="regio")
    assert set(strategie.gemeenten) <= set(gemeenten.index)
    for kolom in NUMERIEK:
        assert not math.isnan(b.loc["regio", kolom]), kolom
        assert b.loc["regio", kolom] == pytest.approx(gemeenten[kolom].sum(), abs=1e-9), kolom
    orde = schema.codes(schema.VERKEERSLICHT)
    assert b.loc["regio", "verkeerslicht"] == max(gemeenten["verkeerslicht"], key=orde.index)
    # every counted transformation hectare is either covered or ongedekt
    assert (gemeenten["ongedekt_ha"] <= gemeenten["transformatie_ha"] + 1e-9).all()
    assert (gemeenten["compensatie_elders_ha"] <= gemeenten["transformatie_ha"] - gemeenten["ongedekt_ha"] + 1e-9).all()


@settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    register=registers(),
    data=st.data(),
    vanaf=st.sampled_from(PLANSTATUSSEN),
)
def test_eigenschap_gekoppelde_compensatie_verlaagt_saldo_nooit(bouw, strategie, register, data, vanaf):
    terreinen, mutaties, koppelingen = register
    trans = [m[0] for m in mutaties if m[1] == T]
    if not trans:
        mutaties = [*mutaties, ("MT", T, data.draw(st.sampled_from(strategie.gemeenten)), 2.0, "hard", 2025)]
        trans = ["MT"]
    nieuw = (
        "C-NIEUW",
        C,
        data.draw(st.sampled_from(strategie.gemeenten), label="gemeente"),
        data.draw(HA, label="ha"),
        data.draw(st.sampled_from(PLANSTATUSSEN), label="planstatus"),
        data.draw(JAAR, label="jaar"),
    )
    koppeling = (
        data.draw(st.sampled_from(trans), label="transformatie"),
        "C-NIEUW",
        data.draw(HA, label="koppeling ha"),
    )

    voor = balans_index(bouw, strategie, terreinen, mutaties, koppelingen, vanaf)
    na = balans_index(bouw, strategie, terreinen, [*mutaties, nieuw], [*koppelingen, koppeling], vanaf)
    orde = schema.codes(schema.VERKEERSLICHT)
    for g in voor.index:
        assert na.loc[g, "saldo_ha"] >= voor.loc[g, "saldo_ha"] - 1e-9, g
        assert na.loc[g, "ongedekt_ha"] <= voor.loc[g, "ongedekt_ha"] + 1e-9, g
        assert orde.index(na.loc[g, "verkeerslicht"]) <= orde.index(voor.loc[g, "verkeerslicht"]), g


def test_verkeerslicht_alleen_gerealiseerd_negeert_harde_plannen(bouw, strategie):
    """With 'alleen gerealiseerd' a hard plan is out of view: its light and ongedekt agree."""
    b = balans_index(bouw, strategie, [], [("T1", T, "Leiden", 2.0, "hard")], [], "gerealiseerd")
    assert b.loc["Leiden", "ongedekt_ha"] == 0.0
    assert b.loc["Leiden", "verkeerslicht"] == "groen"
    b = balans_index(bouw, strategie, [], [("T1", T, "Leiden", 2.0, "gerealiseerd")], [], "gerealiseerd")
    assert b.loc["Leiden", "verkeerslicht"] == "rood"


def test_aanbod_van_voor_het_referentiejaar_is_geen_nieuw_aanbod(bouw, strategie):
    terreinen = bouw.terreinen([("Leiden", 10.0)])
    m = bouw.mutaties([("U1", "uitbreiding", "Leiden", 3.0, "gerealiseerd", strategie.referentiejaar - 2),
                       ("U2", "uitbreiding", "Leiden", 2.0, "gerealiseerd", strategie.referentiejaar + 1)])  # fmt: skip
    va = aanbod.compute_vraag_aanbod(terreinen, m, strategie).set_index("jaar")
    assert va.loc[strategie.referentiejaar, "aanbod_hard_ha"] == pytest.approx(0.0)
    assert va.loc[strategie.horizon, "aanbod_hard_ha"] == pytest.approx(2.0)


# --------------------------------------------------------------------------------------
# The start stock derived back from a register stock of a later peiljaar
# --------------------------------------------------------------------------------------
STAND = [
    # (park netto at peiljaar, peiljaar, mutaties on the park, expected start, expected eind)
    pytest.param(8.0, 2024, [], 8.0, 8.0, id="geen-mutaties-start-is-stand"),
    pytest.param(
        8.0,
        2024,
        [("U1", U, 6.0, "gerealiseerd", 2022), ("C1", C, 2.0, "gerealiseerd", 2022)],
        0.0,
        8.0,
        id="klei-oost-zuid-uitbreiding-al-in-stand-niet-dubbel",
    ),
    pytest.param(
        2.2, 2024, [("T1", T, 1.5, "gerealiseerd", 2022)], 3.7, 2.2, id="gerealiseerde-transformatie-terugopgeteld"
    ),
    pytest.param(
        8.0, 2024, [("U1", U, 2.0, "gerealiseerd", 2025)], 8.0, 10.0, id="gerealiseerd-na-peiljaar-nog-niet-in-stand"
    ),
    pytest.param(8.0, 2024, [("U1", U, 2.0, "hard", 2023)], 8.0, 10.0, id="hard-plan-voor-peiljaar-niet-in-stand"),
    pytest.param(
        8.0, 2024, [("U1", U, 2.0, "gerealiseerd", 2018)], 8.0, 8.0, id="gerealiseerd-voor-referentiejaar-telt-nergens"
    ),
    pytest.param(
        8.0, 2024, [("T1", T, 1.0, "gerealiseerd", 2023, "2024-05-01")], 8.0, 8.0, id="vervallen-mutatie-telt-nergens"
    ),
    pytest.param(
        8.0, None, [("U1", U, 2.0, "gerealiseerd", 2022)], 8.0, 10.0, id="zonder-ibis-stand-geen-terugrekening"
    ),
    pytest.param(8.0, 2020, [("U1", U, 2.0, "gerealiseerd", 2020)], 6.0, 8.0, id="peiljaar-is-referentiejaar"),
]


@pytest.mark.parametrize(("netto", "peiljaar", "mutaties", "start", "eind"), STAND)
def test_startvoorraad_teruggerekend(bouw, strategie, netto, peiljaar, mutaties, start, eind):
    park = bouw.terrein("Katwijk", netto, terrein_id="KAT-03", peiljaar=peiljaar)
    rijen = [
        bouw.mutatie(
            mid, soort, "Katwijk", ha, status, jaar, terrein_id="KAT-03", vervallen=vervallen[0] if vervallen else None
        )
        for mid, soort, ha, status, jaar, *vervallen in mutaties
    ]
    b = balance.compute_hectarebalans(bouw.terreinen([park]), bouw.mutaties(rijen), bouw.koppelingen(), strategie)
    b = b.set_index("gemeente")
    assert b.loc["Katwijk", "voorraad_start_ha"] == pytest.approx(start)
    assert b.loc["Katwijk", "voorraad_eind_ha"] == pytest.approx(eind)
    # every hectare once: the end stock is the register stock plus what is not in it yet
    assert b.loc["regio", "voorraad_eind_ha"] == pytest.approx(eind)


def test_stand_ibis_in_kerncijfer(bouw, strategie):
    park = bouw.terrein("Katwijk", 8.0, terrein_id="KAT-03", peiljaar=2024)
    m = bouw.mutatie("U1", U, "Katwijk", 6.0, "gerealiseerd", 2022, terrein_id="KAT-03")
    lagen = {"terreinen": bouw.terreinen([park]), "mutaties": bouw.mutaties([m]), "koppelingen": bouw.koppelingen()}
    start = monitor.compute_monitor(lagen, strategie).kerncijfers["voorraad_start_ha"]
    assert start.toelichting == "stand IBIS 2024 (8,0 ha), teruggerekend naar 2020"
    assert start.waarde == pytest.approx(2.0)


def test_aanbod_telt_gerealiseerde_uitbreiding_in_stand_niet_opnieuw(bouw, strategie):
    """Klei-Oost Zuid: its 3,15 ha uitgeefbaar in IBIS 2024 is what is left of the realised
    expansion; the expansion itself is not supply a second time."""
    park = bouw.terrein("Katwijk", 8.0, terrein_id="KAT-03", peiljaar=2024, uitgeefbaar_ha=3.15)
    m = bouw.mutatie("U1", U, "Katwijk", 8.0, "gerealiseerd", 2022, terrein_id="KAT-03")
    va = aanbod.compute_vraag_aanbod(bouw.terreinen([park]), bouw.mutaties([m]), strategie)
    assert va["aanbod_hard_ha"].iloc[-1] == pytest.approx(3.15)


def test_saldo_en_stoplicht_lijken_tegenstrijdig_reden_in_de_rij(bouw, strategie):
    b = balans_index(bouw, strategie, [], [("T1", T, "Katwijk", 1.5), ("C1", C, "Katwijk", 5.0)], [])
    assert b.loc["Katwijk", "saldo_ha"] > 0 and b.loc["Katwijk", "verkeerslicht"] == "rood"
    assert "saldo +3,5 ha telt grond hier, niet de dekking" in b.loc["Katwijk", "verkeerslicht_reden"]
