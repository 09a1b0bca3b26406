"""The documentation stays true: what docs/architecture.md and the README name must exist."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARCH = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _tree_paths() -> list[str]:
    """File paths listed in the layout block of architecture.md."""
    blok = ARCH.split("```")[1]
    paden, map_ = [], ""
    for regel in blok.splitlines():
        m = re.match(r"^(\s*)(\S+)", regel)
        if not m or " " in m.group(2):
            continue
        naam, inspring = m.group(2), len(m.group(1))
        if naam.endswith("/"):
            map_ = naam if inspring == 0 else map_ + naam
        elif re.search(r"\.(py|toml|md)$", naam):
            paden.append((map_ if inspring else "") + naam)
    return paden


@pytest.mark.parametrize("pad", _tree_paths())
def test_every_file_in_the_architecture_exists(pad):
    assert (ROOT / pad).exists(), f"docs/architecture.md names {pad}, which does not exist"


def test_every_page_script_is_in_the_architecture():
    for page in (ROOT / "pages").glob("*.py"):
        assert page.name in ARCH, f"{page.name} is missing from docs/architecture.md"


#: Capitalised words in the layout block that are prose, not API names.
PROZA = {"GeoPackage", "Altair", "Dutch", "Streamlit", "Leaflet", "Excel"}


def _named_functions() -> list[tuple[str, str]]:
    """(module, name) pairs for the API names listed beside each module in the layout block."""
    regels = ARCH.split("```")[1].splitlines()
    paren = []
    for i, regel in enumerate(regels):
        m = re.match(r"^\s+(\w+)\.py\s+(.*)$", regel)
        if not m or not (ROOT / "bedrijventerreinen" / f"{m.group(1)}.py").exists():
            continue
        tekst = m.group(2)
        for vervolg in regels[i + 1 :]:
            if not vervolg.startswith(" " * 20):
                break
            tekst += " " + vervolg
        namen = re.findall(r"\b([A-Z]+_[A-Z_]+|[A-Z]{5,}|[a-z]+(?:_[a-z]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)*)\b", tekst)
        paren += [(m.group(1), n) for n in namen if n not in PROZA]
    return paren


@pytest.mark.parametrize(("module", "naam"), _named_functions())
def test_functions_named_in_the_architecture_exist(module, naam):
    mod = importlib.import_module(f"bedrijventerreinen.{module}")
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
