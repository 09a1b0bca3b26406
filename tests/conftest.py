"""Shared fixtures of the unit tests: the strategy of the 071 region, small builders that make
terreinen, mutaties and koppelingen frames conformed to :mod:`bedrijventerreinen.schema`, and
the beheerder that tests which write to a store act as (a store is bound to its user)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# ``pytest`` (the README's command) must find the package without installing it.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bouw import Bouw  # noqa: E402

from bedrijventerreinen import strategy  # noqa: E402
from bedrijventerreinen.toegang import Gebruiker, Rol  # noqa: E402

#: The user tests write as: a local account with every right; the audit log records its login.
BEHEERDER = Gebruiker("beheerder", "Test Beheerder", Rol.BEHEERDER)


@pytest.fixture(autouse=True)
def _lokale_modus_tenzij_anders(tmp_path_factory, monkeypatch):
    """Every test starts in lokale modus, whatever access file this checkout has; a test that
    wants accounts points ``BEDRIJVENTERREINEN_TOEGANG`` at its own file."""
    monkeypatch.setenv("BEDRIJVENTERREINEN_TOEGANG", str(tmp_path_factory.getbasetemp() / "geen-toegang.toml"))


@pytest.fixture(scope="session")
def beheerder() -> Gebruiker:
    """:data:`BEHEERDER`: bind a store to it (``open_store(pad, gebruiker=beheerder)``) to write."""
    return BEHEERDER


@pytest.fixture(scope="session")
def strategie() -> strategy.Strategie:
    """The shipped strategy (data/strategie.toml): six gemeenten, 2020-2030, demand 47.2-63.5 ha."""
    return strategy.load_strategie()


@pytest.fixture(scope="session")
def bouw() -> type[Bouw]:
    """The :class:`Bouw` builders."""
    return Bouw


@pytest.fixture
def store_pad(tmp_path, monkeypatch) -> Path:
    """A store path of its own for one test (created from the sample on first use), and maps
    without background tiles: the app's tests need no network."""
    pad = tmp_path / "monitor.gpkg"
    monkeypatch.setenv("BEDRIJVENTERREINEN_STORE", str(pad))
    monkeypatch.setenv("BEDRIJVENTERREINEN_ACHTERGROND", "geen")
    return pad
