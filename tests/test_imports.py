"""The package's import graph: no cycle (imports inside functions count), no import that runs
back up a layer, and nothing outside ``bedrijventerreinen/ui`` loads Streamlit (as geopandas
tests its optional dependencies: in a fresh interpreter)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAKKET = ROOT / "bedrijventerreinen"

#: The layers of the package, bottom first (docs/architecture.md, "Layers"). A module imports
#: only from its own layer or the ones below; within a layer the graph must stay acyclic.
LAGEN: tuple[tuple[str, ...], ...] = (
    ("schema", "formatting", "themes", "definities", "instellingen"),
    ("strategy", "bestanden", "validatie", "toegang", "voorbeeldmelding"),
    ("balance", "dekking", "aanbod", "ibis", "kanszones", "panden", "voorbeeld", "voorbeeld_synthetisch"),
    ("toetsing", "monitor", "scenarios", "charts", "maps"),
    ("store", "export", "handout"),
    ("register", "io", "charts_register"),
    ("bench",),
    ("ui",),
)
LAAG_VAN = {naam: i for i, laag in enumerate(LAGEN) for naam in laag}


def module_naam(pad: Path) -> str:
    deel = pad.relative_to(ROOT).with_suffix("").parts
    return ".".join(deel[:-1] if deel[-1] == "__init__" else deel)


MODULES = {module_naam(p): p for p in PAKKET.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(boom: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, also inside functions, except under ``if TYPE_CHECKING:``."""
    gevonden: list[ast.Import | ast.ImportFrom] = []

    def bezoek(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for n in node.orelse:
                bezoek(n)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            gevonden.append(node)
        for kind in ast.iter_child_nodes(node):
            bezoek(kind)

    bezoek(boom)
    return gevonden


def doelen(naam: str, pad: Path) -> set[str]:
    """The package modules that module ``naam`` imports."""
    pakket = naam if pad.name == "__init__.py" else naam.rsplit(".", 1)[0]
    uit: set[str] = set()
    for node in _imports(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            uit |= {a.name for a in node.names if a.name in MODULES}
            continue
        basis = node.module or ""
        if node.level:
            delen = pakket.split(".")
            basis = ".".join(delen[: len(delen) - node.level + 1] + ([basis] if basis else []))
        for alias in node.names:
            sub = f"{basis}.{alias.name}"
            if sub in MODULES:
                uit.add(sub)  # "from . import schema", "from .io import lezen"
            elif basis in MODULES:
                uit.add(basis)  # "from .balance import REGIO"
    uit.discard(naam)
    return uit


GRAAF = {naam: doelen(naam, pad) for naam, pad in MODULES.items()}


def top(naam: str) -> str:
    """``bedrijventerreinen.io.lezen`` → ``io``."""
    delen = naam.split(".")
    return delen[1] if len(delen) > 1 else ""


def test_every_module_has_a_layer():
    zonder = sorted({top(n) for n in MODULES if top(n) and top(n) not in LAAG_VAN})
    assert not zonder, f"add these modules to LAGEN (and to the layers in docs/architecture.md): {zonder}"


def vind_kring(graaf: dict[str, set[str]]) -> list[str] | None:
    """A cycle in ``graaf`` (module → modules it imports) as a list of names, or None."""
    kleur: dict[str, int] = {}
    pad: list[str] = []

    def bezoek(n: str) -> list[str] | None:
        kleur[n] = 1
        pad.append(n)
        for d in sorted(graaf.get(n, ())):
            if kleur.get(d) == 1:
                return [*pad[pad.index(d) :], d]
            if d not in kleur and (kring := bezoek(d)):
                return kring
        kleur[n] = 2
        pad.pop()
        return None

    for n in sorted(graaf):
        if n not in kleur and (kring := bezoek(n)):
            return kring
    return None


def test_no_import_cycle_even_inside_functions():
    kring = vind_kring(GRAAF)
    assert kring is None, "import cycle: " + " → ".join(kring or [])


def test_the_cycle_search_finds_a_cycle_three_deep():
    assert vind_kring({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert vind_kring({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_runs_back_up_a_layer():
    omhoog = [
        f"{n} → {d}"
        for n, ds in GRAAF.items()
        for d in ds
        if top(n) and top(d) and LAAG_VAN.get(top(d), 0) > LAAG_VAN.get(top(n), 0)
    ]
    assert not omhoog, "imports that run back up a layer:\n" + "\n".join(sorted(omhoog))


def test_the_package_itself_imports_nothing_from_pages_or_app():
    for naam, pad in MODULES.items():
        for node in _imports(ast.parse(pad.read_text(encoding="utf-8"))):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            assert not any(m == "app" or m.split(".")[0] == "pages" for m in modules), naam


def test_every_module_outside_ui_imports_without_streamlit():
    """In a fresh interpreter: importing every non-ui module loads no Streamlit."""
    namen = sorted(n for n in MODULES if top(n) != "ui")
    code = (
        "import importlib, sys\n"
        f"for n in {namen!r}:\n"
        "    importlib.import_module(n)\n"
        "geladen = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.'))\n"
        "print(len(geladen)); print(geladen[:5])\n"
    )
    uit = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.splitlines()[0] == "0", f"Streamlit loaded outside ui: {uit.stdout}"


def test_the_scan_finds_imports_inside_functions_and_ignores_type_checking():
    """The scan itself, on a made-up module: a local import counts, a TYPE_CHECKING one does not."""
    bron = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .store import Store\n"
        "def f():\n    from .balance import REGIO\n"
    )
    namen = [n.module for n in _imports(ast.parse(bron)) if isinstance(n, ast.ImportFrom)]
    assert namen == ["typing", "balance"]
