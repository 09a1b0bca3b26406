"""The strategy file and the checks against it: one table row that triggers each rule and one that
does not, findings worst first, and Dutch errors for a broken strategie.toml."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from pathlib import Path

import pytest
import shapely

from bedrijventerreinen import schema, strategy, toetsing

T = "transformatie"
C = "compensatie"
U = "uitbreiding"


def bevindingen(bouw, strategie, mutaties=(), koppelingen=(), terreinen=()):
    return toetsing.check_strategie(
        bouw.terreinen(terreinen), bouw.mutaties(mutaties), bouw.koppelingen(koppelingen), strategie
    )


# --------------------------------------------------------------------------------------
# the shipped strategy
# --------------------------------------------------------------------------------------
def test_strategie_toml(strategie):
    assert strategie.regio == "071"
    assert strategie.gemeenten == ("Leiden", "Katwijk", "Leiderdorp", "Oegstgeest", "Voorschoten", "Zoeterwoude")
    assert (strategie.referentiejaar, strategie.horizon) == (2020, 2030)
    assert (strategie.vraag_laag_ha, strategie.vraag_hoog_ha) == (47.2, 63.5)
    assert strategie.minimum_terrein_ha == 1.0
    assert 0 <= strategie.tolerantie_ha < 0.5
    assert "gecompenseerd" in strategie.compensatieregel and "  " not in strategie.compensatieregel
    assert len(strategie.transformatielocaties) == 10
    assert {t.gemeente for t in strategie.transformatielocaties} == {"Katwijk", "Leiden", "Leiderdorp"}
    assert all(t.gemeente in strategie.gemeenten for t in strategie.transformatielocaties)
    assert len({t.id for t in strategie.transformatielocaties}) == 10
    assert strategie.aanbod_ha == 70.0 and strategie.aanbod_onzeker_ha == 31.0
    namen = {t.naam for t in strategie.transformatielocaties}
    assert {"Werninkterrein", "Veilingterrein", "Rooseveltstraat-Trekvliet", "Lage Zijde", "Baanderij"} <= namen


# --------------------------------------------------------------------------------------
# T01: approved locations and name normalisation
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("gemeente", "naam", "goedgekeurd"),
    [
        pytest.param("Leiden", "Veilingterrein", True, id="exacte-naam"),
        pytest.param("Leiden", "Veilingterrein (deel)", False, id="deel-van-locatie-alleen-met-locatie-id"),
        pytest.param("Leiden", "veilingterrein", True, id="hoofdletters"),
        pytest.param("Katwijk", "'t Ambacht", True, id="apostrof"),
        pytest.param("Katwijk", "’t Ambacht", True, id="typografische-apostrof"),
        pytest.param("Katwijk", "t Ambacht", True, id="zonder-apostrof"),
        pytest.param("Leiden", "Rooseveltstraat Trekvliet", True, id="spatie-voor-streepje"),
        pytest.param("Leiden", "Rooseveltstraat–West", True, id="gedachtestreepje"),
        pytest.param("Leiden", "Wernink­terrein", True, id="zacht-afbreekstreepje"),
        pytest.param("Leiderdorp", "Lage Zijde fase 2", False, id="fase-van-locatie-alleen-met-locatie-id"),
        pytest.param("Leiden", "Lammenschansweg", False, id="lammenschansweg-is-niet-lammenschans"),
        pytest.param("Leiderdorp", "Baanderij Noord", False, id="bijna-baanderij"),
        pytest.param("Leiderdorp", "Lage Zijde-Oost", False, id="bijna-lage-zijde"),
        pytest.param("Leiden", "Merenwijk", False, id="niet-op-de-lijst"),
        pytest.param("Katwijk", "Veilingterrein", False, id="andere-gemeente"),
        pytest.param("Leiden", "Rooseveltstraat", False, id="alleen-straat-niet-goedgekeurd"),
        pytest.param("Leiden", "Trekvliet", False, id="deel-van-naam-achteraan"),
        pytest.param("Leiden", "", False, id="lege-naam"),
    ],
)
def test_goedgekeurde_locatie(strategie, gemeente, naam, goedgekeurd):
    assert strategie.is_goedgekeurde_locatie(gemeente, naam) is goedgekeurd


@pytest.mark.parametrize(
    ("gemeente", "naam", "locatie_id", "verwacht"),
    [
        pytest.param("Leiden", "Veilingterrein (deel)", "leiden-veilingterrein", "leiden-veilingterrein", id="id"),
        pytest.param("Leiderdorp", "Baanderij Noord", "leiderdorp-baanderij", "leiderdorp-baanderij", id="id-wint"),
        pytest.param("Katwijk", "Veilingterrein", "leiden-veilingterrein", None, id="id-van-andere-gemeente"),
        pytest.param("Leiden", "Veilingterrein", "leiden-bestaat-niet", None, id="onbekende-id"),
        pytest.param("Leiden", "Veilingterrein", None, "leiden-veilingterrein", id="zonder-id-op-naam"),
        pytest.param("Leiden", "Veilingterrein", "", "leiden-veilingterrein", id="lege-id-op-naam"),
    ],
)
def test_goedgekeurde_locatie_op_id(strategie, gemeente, naam, locatie_id, verwacht):
    assert strategie.goedgekeurde_locatie(gemeente, naam, locatie_id) == verwacht


@pytest.mark.parametrize(
    ("naam", "sleutel"),
    [
        pytest.param("'t Heen", "theen", id="apostrof"),
        pytest.param("Zoeterwoude-Rijndijk", "zoeterwouderijndijk", id="streepje"),
        pytest.param("Café Ëindhoven 2", "cafeeindhoven2", id="accenten-en-cijfers"),
    ],
)
def test_normalize_naam(naam, sleutel):
    assert strategy.normalize_naam(naam) == sleutel


# --------------------------------------------------------------------------------------
# every rule: triggered and not triggered
# --------------------------------------------------------------------------------------
def _m(mid, soort, gemeente, ha, planstatus="hard", jaar=2025, naam=None):
    rij = {"mutatie_id": mid, "soort": soort, "gemeente": gemeente, "ha": ha, "planstatus": planstatus, "jaar": jaar}
    rij["naam"] = naam or {"Leiden": "Werninkterrein", "Katwijk": "Katwijkerweg", "Leiderdorp": "Lage Zijde"}.get(
        gemeente, f"{soort} {mid}"
    )
    return rij


_DIT_JAAR = dt.date.today().year
#: A park with a contour, as parks in a store have.
_P1 = {"terrein_id": "P1", "geometry": shapely.box(93_000, 463_000, 93_300, 463_300)}

REGEL_GEVALLEN = [
    # T01
    pytest.param("T01", [_m("T1", T, "Leiden", 1.0, naam="Merenwijk")], [], [], "T1", True, id="T01-niet-goedgekeurd"),
    pytest.param(
        "T01",
        [{**_m("T1", T, "Leiden", 1.0, naam="Veilingterrein (deel)"), "locatie_id": "leiden-veilingterrein"}],
        [],
        [],
        "T1",
        False,
        id="T01-deel-goedgekeurd-met-locatie-id",
    ),
    pytest.param(
        "T01", [_m("T1", T, "Katwijk", 1.0, naam="Werninkterrein")], [], [], "T1", True, id="T01-verkeerde-gemeente"
    ),
    pytest.param(
        "T01", [_m("C1", C, "Leiden", 1.0, naam="Merenwijk")], [], [], "C1", False, id="T01-alleen-transformaties"
    ),
    pytest.param(
        "T01",
        [_m("T1", T, "Leiden", 1.0, "idee", 2040, naam="Merenwijk")],
        [],
        [],
        "T1",
        True,
        id="T01-ook-idee-na-horizon",
    ),
    # T02
    pytest.param("T02", [_m("T1", T, "Leiden", 2.0)], [], [], "T1", True, id="T02-hard-ongedekt"),
    pytest.param(
        "T02", [_m("T1", T, "Leiden", 2.0, "gerealiseerd")], [], [], "T1", True, id="T02-gerealiseerd-ongedekt"
    ),
    pytest.param("T02", [_m("T1", T, "Leiden", 2.0, "hard", 2035)], [], [], "T1", True, id="T02-ook-na-horizon"),
    pytest.param(
        "T02",
        [_m("T1", T, "Leiden", 2.0), _m("C1", C, "Leiden", 2.0, "zacht")],
        [("T1", "C1", 2.0)],
        [],
        "T1",
        True,
        id="T02-alleen-zacht-gedekt",
    ),
    pytest.param(
        "T02",
        [_m("T1", T, "Leiden", 2.0), _m("C1", C, "Leiden", 1.0)],
        [("T1", "C1", 1.0)],
        [],
        "T1",
        True,
        id="T02-half-gedekt",
    ),
    pytest.param(
        "T02",
        [_m("T1", T, "Leiden", 2.0), _m("C1", C, "Leiden", 2.0, "gerealiseerd")],
        [("T1", "C1", 2.0)],
        [],
        "T1",
        False,
        id="T02-hard-gedekt",
    ),
    pytest.param(
        "T02",
        [_m("T1", T, "Leiden", 2.0), _m("C1", C, "Leiden", 1.97)],
        [("T1", "C1", 1.97)],
        [],
        "T1",
        False,
        id="T02-tekort-binnen-tolerantie",
    ),
    pytest.param("T02", [_m("T1", T, "Leiden", 2.0, "zacht")], [], [], "T1", False, id="T02-niet-voor-zacht"),
    # T03
    pytest.param("T03", [_m("T1", T, "Leiden", 2.0, "zacht")], [], [], "T1", True, id="T03-zacht-ongedekt"),
    pytest.param("T03", [_m("T1", T, "Leiden", 2.0, "idee")], [], [], "T1", True, id="T03-idee-ongedekt"),
    pytest.param(
        "T03",
        [_m("T1", T, "Leiden", 2.0, "zacht"), _m("C1", C, "Leiden", 2.0, "idee")],
        [("T1", "C1", 2.0)],
        [],
        "T1",
        False,
        id="T03-zacht-gedekt-door-elke-status",
    ),
    pytest.param("T03", [_m("T1", T, "Leiden", 2.0)], [], [], "T1", False, id="T03-niet-voor-hard"),
    pytest.param(
        "T03",
        [_m("T1", T, "Leiden", 2.0, "zacht"), _m("C1", C, "Leiden", 2.0, "hard")],
        [("T1", "C1", 2.0)],
        [],
        "T1",
        False,
        id="T03-zacht-hard-gedekt",
    ),
    # C01
    pytest.param(
        "C01",
        [_m("T1", T, "Leiden", 2.0), _m("C1", C, "Katwijk", 2.0, naam="Florapark West")],
        [("T1", "C1", 2.0)],
        [],
        "T1",
        True,
        id="C01-elders",
    ),
    pytest.param(
        "C01",
        [_m("T1", T, "Leiden", 2.0), _m("C1", C, "Leiden", 2.0)],
        [("T1", "C1", 2.0)],
        [],
        "T1",
        False,
        id="C01-eigen-gemeente",
    ),
    # C02
    pytest.param(
        "C02",
        [_m("T1", T, "Leiden", 2.0), _m("T2", T, "Leiden", 1.0), _m("C1", C, "Leiden", 2.0)],
        [("T1", "C1", 1.5), ("T2", "C1", 1.0)],
        [],
        "C1",
        True,
        id="C02-overtoegewezen",
    ),
    pytest.param(
        "C02",
        [_m("T1", T, "Leiden", 2.0), _m("T2", T, "Leiden", 1.0), _m("C1", C, "Leiden", 2.0)],
        [("T1", "C1", 1.0), ("T2", "C1", 1.0)],
        [],
        "C1",
        False,
        id="C02-precies-vol",
    ),
    pytest.param(
        "C02",
        [_m("T1", T, "Leiden", 2.0), _m("T2", T, "Leiden", 1.0), _m("C1", C, "Leiden", 2.0)],
        [("T1", "C1", 1.0), ("T2", "C1", 1.04)],
        [],
        "C1",
        False,
        id="C02-binnen-tolerantie",
    ),
    # K01
    pytest.param(
        "K01",
        [_m("T1", T, "Leiden", 2.0), _m("C1", C, "Leiden", 2.0)],
        [("T-ONBEKEND", "C1", 1.0)],
        [],
        "T-ONBEKEND→C1",
        True,
        id="K01-onbekende-transformatie",
    ),
    pytest.param(
        "K01",
        [_m("T1", T, "Leiden", 2.0), _m("U1", U, "Leiden", 2.0)],
        [("T1", "U1", 1.0)],
        [],
        "T1→U1",
        True,
        id="K01-compensatie-is-uitbreiding",
    ),
    pytest.param(
        "K01",
        [_m("T1", T, "Leiden", 2.0), _m("C1", C, "Leiden", 2.0)],
        [("C1", "T1", 1.0)],
        [],
        "C1→T1",
        True,
        id="K01-omgedraaid",
    ),
    pytest.param(
        "K01",
        [_m("T1", T, "Leiden", 2.0), _m("C1", C, "Leiden", 2.0)],
        [("T1", "C1", 2.0)],
        [],
        "T1→C1",
        False,
        id="K01-geldig",
    ),
    # M01
    pytest.param("M01", [], [], [{"terrein_id": "K1", "bruto_ha": 0.8}], "K1", True, id="M01-kleiner-dan-1-ha"),
    pytest.param("M01", [], [], [{"terrein_id": "K1", "bruto_ha": 1.0}], "K1", False, id="M01-precies-1-ha"),
    pytest.param("M01", [], [], [{"terrein_id": "K1", "bruto_ha": 25.0}], "K1", False, id="M01-groot-terrein"),
    # I01: references to a park that does not exist
    pytest.param("I01", [{**_m("U1", U, "Leiden", 1.0), "terrein_id": "WEG"}], [], [], "U1", True, id="I01-weg"),
    pytest.param("I01", [{**_m("U1", U, "Leiden", 1.0), "terrein_id": "P1"}], [], [_P1], "U1", False, id="I01-bestaat"),
    pytest.param("I01", [_m("U1", U, "Leiden", 1.0)], [], [], "U1", False, id="I01-zonder-terrein"),
    # I02: more hectares on a park than it has
    pytest.param(
        "I02",
        [
            {**_m("T1", T, "Leiden", 5.0), "terrein_id": "P1"},
            {**_m("I1", "intensivering", "Leiden", 3.5), "terrein_id": "P1"},
        ],
        [],
        [_P1],
        "P1",
        True,
        id="I02-transformatie-plus-intensivering-boven-netto",
    ),
    pytest.param(
        "I02",
        [{**_m("T1", T, "Leiden", 5.0), "terrein_id": "P1"}, {**_m("T2", T, "Leiden", 3.0), "terrein_id": "P1"}],
        [],
        [_P1],
        "P1",
        False,
        id="I02-precies-netto",
    ),
    pytest.param(
        "I02",
        [
            {**_m("T1", T, "Leiden", 5.0, "gerealiseerd", 2022), "terrein_id": "P1"},
            {**_m("T2", T, "Leiden", 5.0), "terrein_id": "P1"},
        ],
        [],
        [{**_P1, "peiljaar": 2024}],
        "P1",
        False,
        id="I02-al-in-ibis-stand-telt-niet-opnieuw",
    ),
    pytest.param(
        "I02",
        [
            {**_m("U1", U, "Leiden", 8.0, "zacht"), "terrein_id": "P1"},
            {**_m("C1", C, "Leiden", 3.5), "terrein_id": "P1"},
        ],
        [],
        [{**_P1, "koers": "nieuw", "bruto_ha": 10.5}],
        "P1",
        True,
        id="I02-gepland-terrein-boven-bruto",
    ),
    # I03: no contour
    pytest.param("I03", [], [], [{"terrein_id": "P1"}], "P1", True, id="I03-geen-contour"),
    pytest.param("I03", [], [], [_P1], "P1", False, id="I03-met-contour"),
    # I04: the register stock is old
    pytest.param("I04", [], [], [{**_P1, "peiljaar": 2020}], "Leiden", True, id="I04-oude-stand"),
    pytest.param("I04", [], [], [{**_P1, "peiljaar": _DIT_JAAR - 1}], "Leiden", False, id="I04-stand-van-vorig-jaar"),
    pytest.param(
        "I04",
        [],
        [],
        [{**_P1, "peiljaar": 2020}, {**_P1, "terrein_id": "P2", "gemeente": "Katwijk", "peiljaar": 2020}],
        "Leiden, Katwijk",
        True,
        id="I04-een-bevinding-per-peiljaar",
    ),
    # G01: outside the strategy's gemeenten
    pytest.param("G01", [], [], [{**_P1, "gemeente": "Katwijk"}], "P1", False, id="G01-in-regio"),
    pytest.param("G01", [_m("T9", T, "Teylingen", 1.0)], [], [], "T9", True, id="G01-mutatie-buiten-regio"),
    # A01: register supply at a strategy location (Vlietzone, 8 ha in the test strategy)
    pytest.param(
        "A01", [{**_m("U1", U, "Leiden", 5.0, "zacht"), "terrein_id": "P1"}], [], [_P1], "vliet", True, id="A01-minder"
    ),
    pytest.param(
        "A01", [{**_m("U1", U, "Leiden", 8.0, "zacht"), "terrein_id": "P1"}], [], [_P1], "vliet", False, id="A01-gelijk"
    ),
]


@pytest.mark.parametrize(("code", "mutaties", "koppelingen", "terreinen", "object_id", "verwacht"), REGEL_GEVALLEN)
def test_regel(bouw, strategie, code, mutaties, koppelingen, terreinen, object_id, verwacht):
    terreinen = [bouw.terrein(**{"gemeente": "Leiden", "netto_ha": 8.0, **t}) for t in terreinen]
    if code == "A01":
        vliet = strategy.Aanbodlocatie("vliet", "Leiden", "Vlietzone", 8.0, onzeker=True, geschat=True, terrein_id="P1")
        strategie = dataclasses.replace(strategie, aanbodlocaties=(vliet,))
    gevonden = [b for b in bevindingen(bouw, strategie, mutaties, koppelingen, terreinen) if b.code == code]
    ids = [b.object_id for b in gevonden]
    if verwacht:
        assert object_id in ids
        b = gevonden[ids.index(object_id)]
        assert b.ernst == toetsing.REGELS[code][0]
        assert b.tekst.strip()
        if code not in ("K01", "G01", "I04"):
            assert b.gemeente in {"Leiden", "Katwijk"}
    else:
        assert object_id not in ids


def test_elke_regel_heeft_een_geval():
    gedekt_ja = {p.values[0] for p in REGEL_GEVALLEN if p.values[5]}
    gedekt_nee = {p.values[0] for p in REGEL_GEVALLEN if not p.values[5]}
    assert gedekt_ja == set(toetsing.REGELS)
    assert gedekt_nee == set(toetsing.REGELS)


def test_regels_hebben_bekende_ernst():
    for code, (ernst, uitleg) in toetsing.REGELS.items():
        assert ernst in schema.codes(schema.ERNST), code
        assert uitleg.strip(), code


def test_teksten_noemen_hectares_in_nederlandse_notatie(bouw, strategie):
    uit = bevindingen(
        bouw,
        strategie,
        [_m("T1", T, "Leiden", 2.5), _m("C1", C, "Katwijk", 1.25, "zacht")],
        [("T1", "C1", 1.25)],
    )
    t02 = next(b for b in uit if b.code == "T02")
    assert "2,5 ha" in t02.tekst  # the transformation
    assert "1,2 ha" in t02.tekst or "1,3 ha" in t02.tekst  # only soft covered
    c01 = next(b for b in uit if b.code == "C01")
    assert "Katwijk" in c01.tekst


def test_geen_bevindingen_voor_een_register_dat_klopt(bouw, strategie):
    uit = bevindingen(
        bouw,
        strategie,
        [_m("T1", T, "Leiden", 2.0), _m("C1", C, "Leiden", 2.0), _m("U1", U, "Katwijk", 5.0)],
        [("T1", "C1", 2.0)],
        [bouw.terrein("Leiden", 8.0, geometry=_P1["geometry"])],
    )
    assert uit == []


def test_lege_register(bouw, strategie):
    assert bevindingen(bouw, strategie) == []


def test_bevindingen_slechtste_eerst(bouw, strategie):
    uit = bevindingen(
        bouw,
        strategie,
        [
            _m("T1", T, "Leiden", 2.0, "zacht"),  # T03 waarschuwing
            _m("T2", T, "Katwijk", 1.0),  # T02 fout
            _m("T3", T, "Leiden", 3.0, naam="Merenwijk"),  # T01 + T02 fout
            _m("C1", C, "Zoeterwoude", 3.0),
        ],
        [("T3", "C1", 3.0)],  # C01 info
        [bouw.terrein("Voorschoten", 0.5, bruto_ha=0.6)],  # M01 info
    )
    rang = schema.codes(schema.ERNST)
    ernsten = [rang.index(b.ernst) for b in uit]
    assert ernsten == sorted(ernsten)
    assert {b.code for b in uit} >= {"T01", "T02", "T03", "C01", "M01"}
    assert uit[0].ernst == "fout" and uit[-1].ernst == "info"
    frame = toetsing.bevindingen_frame(uit)
    assert [rang.index(e) for e in frame["ernst"]] == sorted(ernsten)
    assert len(frame) == len(uit)


def test_bevindingen_frame_leeg():
    frame = toetsing.bevindingen_frame([])
    assert frame.empty
    assert list(frame.columns) == ["code", "ernst", "gemeente", "object_id", "tekst"]


# --------------------------------------------------------------------------------------
# load_strategie errors
# --------------------------------------------------------------------------------------
TOML = (Path(strategy.DEFAULT_PATH)).read_text(encoding="utf-8")


def _zonder_regel(tekst: str, begin: str) -> str:
    return "\n".join(r for r in tekst.splitlines() if not r.startswith(begin))


@pytest.mark.parametrize(
    ("inhoud", "woord"),
    [
        pytest.param(None, "ontbreekt", id="bestand-ontbreekt"),
        pytest.param("regio = '071\n[vraag", "TOML", id="geen-toml"),
        pytest.param(b"\xff\xfe\x00 kapot", "TOML", id="geen-utf8"),
        pytest.param(_zonder_regel(TOML, "horizon"), "horizon", id="horizon-ontbreekt"),
        pytest.param(_zonder_regel(TOML, "gemeenten"), "gemeenten", id="gemeenten-ontbreken"),
        pytest.param(_zonder_regel(TOML, "laag_ha"), "laag_ha", id="vraag-laag-ontbreekt"),
        pytest.param(
            TOML.replace("horizon = 2030", "horizon = 'twintig'"), "strategiebestand", id="horizon-geen-getal"
        ),
        pytest.param(TOML.replace("horizon = 2030", "horizon = 2020"), "horizon", id="horizon-niet-na-referentiejaar"),
        pytest.param(
            TOML.replace(
                'gemeenten = ["Leiden", "Katwijk", "Leiderdorp", "Oegstgeest", "Voorschoten", "Zoeterwoude"]',
                'gemeenten = "Leiden"',
            ),
            "gemeenten",
            id="gemeenten-geen-lijst",
        ),
        pytest.param(TOML.split("[vraag]")[0], "vraag", id="tabel-vraag-ontbreekt"),
    ],
)
def test_load_strategie_fout(tmp_path, inhoud, woord):
    pad = tmp_path / "strategie.toml"
    if isinstance(inhoud, bytes):
        pad.write_bytes(inhoud)
    elif inhoud is not None:
        pad.write_text(inhoud, encoding="utf-8")
    with pytest.raises(strategy.StrategieFout) as fout:
        strategy.load_strategie(pad)
    bericht = str(fout.value)
    assert woord in bericht
    assert "strategiebestand" in bericht.lower()  # Dutch, names the file
    assert "Traceback" not in bericht


def test_load_strategie_map_in_plaats_van_bestand(tmp_path):
    with pytest.raises(strategy.StrategieFout, match="strategiebestand"):
        strategy.load_strategie(tmp_path)


def test_load_strategie_eigen_bestand(tmp_path):
    pad = tmp_path / "strategie.toml"
    pad.write_text(TOML.replace("laag_ha = 47.2", "laag_ha = 31.0"), encoding="utf-8")
    s = strategy.load_strategie(pad)
    assert s.vraag_laag_ha == 31.0
    assert s == dataclasses.replace(strategy.load_strategie(), vraag_laag_ha=31.0)


def test_strategie_toml_is_geldig_toml():
    data = tomllib.loads(TOML)
    assert len(data["transformatielocaties"]) == 10
