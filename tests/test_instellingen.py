"""The settings of the strategy file, declared once: the records decide what the loaders accept,
what a missing setting becomes, and what docs/instellingen.md says; one table row per setting."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bedrijventerreinen import instellingen, kanszones, strategy
from bedrijventerreinen.instellingen import INSTELLINGEN, VERPLICHT, Instelling

DOCS = Path(__file__).resolve().parents[1] / "docs" / "instellingen.md"
TOML = strategy.DEFAULT_PATH.read_text(encoding="utf-8")
NUMERIEK = [i for i in INSTELLINGEN if i.soort in (int, float) and i.minimum is not None]


def zet(tekst: str, sleutel: str, waarde: str) -> str:
    """The strategy file ``tekst`` with ``sleutel`` (dotted; ``*`` = gemengd) set to ``waarde``:
    the line in its table replaced, or added at the top of that table."""
    *tabellen, naam = sleutel.replace("*", "gemengd").split(".")
    regels = tekst.splitlines()
    start = regels.index(f"[{'.'.join(tabellen)}]") + 1 if tabellen else 0
    for i in range(start, len(regels)):
        if regels[i].startswith("["):
            break
        if regels[i].split("=")[0].strip() == naam:
            regels[i] = f"{naam} = {waarde}"
            return "\n".join(regels) + "\n"
    regels.insert(start, f"{naam} = {waarde}")
    return "\n".join(regels) + "\n"


def laad(pad: Path, instelling: Instelling):
    """Load ``pad`` with the loader that reads ``instelling``."""
    if instelling.sleutel.startswith("kanszones."):
        return kanszones.load_kanszone_parameters(pad)
    return strategy.load_strategie(pad)


@pytest.mark.parametrize("instelling", NUMERIEK, ids=lambda i: i.sleutel)
def test_a_value_below_the_range_is_refused_in_dutch_naming_the_setting(tmp_path, instelling):
    pad = tmp_path / "strategie.toml"
    pad.write_text(zet(TOML, instelling.sleutel, str(instelling.minimum - 1)), encoding="utf-8")
    fout = kanszones.KanszoneFout if instelling.sleutel.startswith("kanszones.") else strategy.StrategieFout
    with pytest.raises(fout) as e:
        laad(pad, instelling)
    bericht = str(e.value)
    assert instelling.sleutel.replace("*", "gemengd") in bericht and "strategiebestand" in bericht
    assert "ligt buiten" in bericht


@pytest.mark.parametrize("instelling", [i for i in NUMERIEK if i.maximum is not None], ids=lambda i: i.sleutel)
def test_a_value_above_the_range_is_refused(tmp_path, instelling):
    pad = tmp_path / "strategie.toml"
    pad.write_text(zet(TOML, instelling.sleutel, str(instelling.maximum + 1)), encoding="utf-8")
    with pytest.raises(ValueError, match="ligt buiten"):
        laad(pad, instelling)


@pytest.mark.parametrize(
    "instelling",
    [i for i in INSTELLINGEN if i.standaard is not VERPLICHT and "*" not in i.sleutel],
    ids=lambda i: i.sleutel,
)
def test_a_missing_optional_setting_takes_its_default(instelling):
    data = tomllib.loads(TOML)
    deel = data
    *tabellen, naam = instelling.sleutel.split(".")
    for t in tabellen:
        deel = deel[t]
    deel.pop(naam, None)
    assert instellingen.lees(data, instelling.sleutel) == instelling.standaard


@pytest.mark.parametrize("instelling", [i for i in INSTELLINGEN if i.standaard is VERPLICHT], ids=lambda i: i.sleutel)
def test_a_missing_required_setting_is_named(instelling):
    with pytest.raises(
        instellingen.InstellingFout, match=instelling.sleutel.replace("*", "gemengd").replace(".", r"\.")
    ):
        instellingen.lees({}, instelling.sleutel, "gemengd")


@pytest.mark.parametrize("instelling", NUMERIEK, ids=lambda i: i.sleutel)
def test_every_default_and_every_shipped_value_lies_in_its_range(instelling):
    if instelling.standaard not in (VERPLICHT, None):
        assert instelling.check(instelling.standaard) == instelling.standaard
    data = tomllib.loads(TOML)
    typen = list(data.get("kanszones", {}).get("doelen", {})) if "*" in instelling.sleutel else [""]
    for typ in typen:
        instellingen.lees(data, instelling.sleutel, typ)  # raises when the shipped file breaks a rule


def test_the_dataclass_defaults_are_the_records():
    par = kanszones.KanszoneParameters()
    for i in INSTELLINGEN:
        if i.sleutel.startswith("kanszones.") and "*" not in i.sleutel:
            assert getattr(par, i.naam) == i.standaard, i.sleutel


def test_docs_table_is_the_records():
    assert instellingen.format_tabel() in DOCS.read_text(encoding="utf-8"), (
        "docs/instellingen.md differs from INSTELLINGEN: paste instellingen.format_tabel() into it"
    )


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        pytest.param("0.3", "0,3 ha", id="tolerantie-als-getal"),
        pytest.param('"0,3"', "geen geldige waarde", id="komma-in-toml-is-tekst"),
        pytest.param("true", "geen geldige waarde", id="boolean"),
        pytest.param("nan", "moet een getal", id="nan"),
    ],
)
def test_tolerance_values(tmp_path, waarde, verwacht):
    pad = tmp_path / "strategie.toml"
    pad.write_text(zet(TOML, "drempels.tolerantie_ha", waarde), encoding="utf-8")
    if verwacht.endswith(" ha"):
        assert strategy.load_strategie(pad).tolerantie_ha == pytest.approx(0.3)
    else:
        with pytest.raises(strategy.StrategieFout, match=verwacht):
            strategy.load_strategie(pad)
