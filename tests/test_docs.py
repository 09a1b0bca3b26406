"""The documentation stays true: what docs/architecture.md and the README name must exist."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARCH = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _tree_entries() -> list[tuple[str, str]]:
    """(path, description) of every file or folder in the layout block of architecture.md.

    An entry is a name at an indent under 20 columns, its description on the same line and on
    the lines below indented 20 columns or more; a name ending in ``/`` is a folder and the
    deeper-indented names below it lie inside it."""
    blok = ARCH.split("```")[1]
    uit: list[list[str]] = []
    stapel: list[tuple[int, str]] = []
    for regel in blok.splitlines():
        m = re.match(r"^( *)(\S+)(?:\s+(.*))?$", regel)
        if not m:
            continue
        inspring = len(m.group(1))
        if inspring >= 20 and uit:
            uit[-1][1] += " " + regel.strip()
            continue
        naam = m.group(2)
        while stapel and stapel[-1][0] >= inspring:
            stapel.pop()
        pad = "".join(d for _, d in stapel) + naam
        if naam.endswith("/"):
            stapel.append((inspring, naam))
        uit.append([pad, m.group(3) or ""])
    return [(pad, tekst) for pad, tekst in uit]


def _tree_paths() -> list[str]:
    """File paths listed in the layout block of architecture.md (folders too)."""
    return [pad for pad, _ in _tree_entries() if re.search(r"(\.(py|toml|md)|/)$", pad)]


@pytest.mark.parametrize("pad", _tree_paths())
def test_every_file_in_the_architecture_exists(pad):
    assert (ROOT / pad).exists(), f"docs/architecture.md names {pad}, which does not exist"


def test_every_page_script_is_in_the_architecture():
    for page in (ROOT / "pages").glob("*.py"):
        assert page.name in ARCH, f"{page.name} is missing from docs/architecture.md"


#: Capitalised words in the layout block that are prose, not API names.
PROZA = {"GeoPackage", "Altair", "Dutch", "Streamlit", "Leaflet", "Excel"}


def _named_functions() -> list[tuple[str, str]]:
    """(module, name) pairs for the API names listed beside each module or package of
    ``bedrijventerreinen`` in the layout block."""
    paren = []
    for pad, tekst in _tree_entries():
        if not pad.startswith("bedrijventerreinen/") or not re.search(r"(\.py|/)$", pad):
            continue
        module = pad.removesuffix(".py").removesuffix("/").replace("/", ".")
        if module == "bedrijventerreinen" or not (ROOT / pad).exists():
            continue
        namen = re.findall(r"\b([A-Z]+_[A-Z_]+|[A-Z]{5,}|[a-z]+(?:_[a-z]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)*)\b", tekst)
        paren += [(module, n) for n in namen if n not in PROZA]
    return paren


@pytest.mark.parametrize(("module", "naam"), _named_functions())
def test_functions_named_in_the_architecture_exist(module, naam):
    mod = importlib.import_module(module)
    assert hasattr(mod, naam), f"docs/architecture.md names {module}.{naam}, which does not exist"


def test_readme_gives_exactly_the_two_commands():
    blokken = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    commandos = [r.strip() for b in blokken for r in b.splitlines() if r.strip()]
    assert commandos == [
        "pip install -r requirements.txt && streamlit run app.py",
        "pip install -r requirements-dev.txt && pytest",
    ]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -r requirements-dev.txt && pytest" in ci
    assert "-eq 5" in ci, "pytest's exit code 5 (no tests) must fail CI"


def test_requirements_are_pinned():
    for regel in (ROOT / "requirements.txt").read_text().splitlines():
        if regel.strip() and not regel.startswith("#"):
            assert "==" in regel, f"unpinned requirement: {regel}"


def test_deployment_rights_table_matches_the_code():
    """The table of rights in docs/deployment.md is the one :data:`toegang.RECHTEN` gives."""
    from bedrijventerreinen import toegang

    tekst = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    blok = tekst.split("<!-- rechten -->")[1].split("<!-- /rechten -->")[0]
    regels = [r.strip().strip("|").split("|") for r in blok.strip().splitlines()]
    kop, rijen = [c.strip() for c in regels[0]], regels[2:]
    tabel = [dict(zip(kop, (c.strip() for c in r), strict=True)) for r in rijen]
    assert tabel == toegang.rechten_tabel()


def test_deployment_names_every_login_setting():
    """Every [aanmelden] setting the code reads is documented, and the doc names no setting the code lacks."""
    import dataclasses

    from bedrijventerreinen import toegang

    tekst = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    velden = {f.name for f in dataclasses.fields(toegang.ToegangConfig)}
    for naam in ("max_pogingen", "wachttijd_s", "max_wachttijd_s", "sessie_minuten", "ip_header", "groepen_claim"):
        assert naam in velden and f"{naam} =" in tekst, naam
    assert toegang.ENV_TOEGANG in tekst


def test_every_headline_figure_says_where_it_is_computed():
    """The table "Where each figure is computed" names every key of the Monitorstand's
    kerncijfers, and every `module.function` it names exists."""
    from bedrijventerreinen import bestanden, monitor, strategy

    tabel = ARCH.split("## Where each figure is computed")[1].split("\n## ")[0]
    stand = monitor.compute_monitor(bestanden.read_voorbeeld(), strategy.load_strategie())
    for sleutel in stand.kerncijfers:
        assert f"`{sleutel}`" in tabel, f"docs/architecture.md does not say where {sleutel} is computed"
    for module, naam in re.findall(r"`(\w+)\.(\w+)`", tabel):
        if module == "Monitorstand":
            assert hasattr(monitor.Monitorstand, naam) or naam in monitor.Monitorstand.__dataclass_fields__, naam
        else:
            assert hasattr(importlib.import_module(f"bedrijventerreinen.{module}"), naam), f"{module}.{naam}"
