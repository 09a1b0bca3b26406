"""Shared fixtures of the unit tests: the strategy of the 071 region, small builders that make
terreinen, mutaties and koppelingen frames conformed to :mod:`bedrijventerreinen.schema`, and
the beheerder that tests which write to a store act as (a store is bound to its user)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

# ``pytest`` (the README's command) must find the package without installing it.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bedrijventerreinen import schema, strategy  # noqa: E402
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


class Bouw:
    """Builders for small registers: rows as tuples or dicts in, conformed frames out.

    * ``terrein(gemeente, netto_ha, koers="behouden", **extra)``
    * ``mutatie(mutatie_id, soort, gemeente, ha, planstatus="hard", jaar=2025, **extra)``
    * ``koppeling(transformatie_id, compensatie_id, ha)``
    """

    @staticmethod
    def terrein(gemeente: str = "Leiden", netto_ha: float = 8.0, koers: str = "behouden", **extra) -> dict:
        rij = {
            "naam": f"Terrein {gemeente} {netto_ha}",
            "gemeente": gemeente,
            "bruto_ha": round(netto_ha / 0.8, 2),
            "netto_ha": netto_ha,
            "koers": koers,
        }
        rij.update(extra)
        return rij

    @staticmethod
    def mutatie(
        mutatie_id: str,
        soort: str,
        gemeente: str = "Leiden",
        ha: float = 1.0,
        planstatus: str = "hard",
        jaar: int | None = 2025,
        **extra,
    ) -> dict:
        rij = {
            "mutatie_id": mutatie_id,
            "soort": soort,
            "gemeente": gemeente,
            "naam": f"{soort} {mutatie_id}",
            "ha": ha,
            "planstatus": planstatus,
            "jaar": pd.NA if jaar is None else jaar,
        }
        rij.update(extra)
        return rij

    @staticmethod
    def koppeling(transformatie_id: str, compensatie_id: str, ha: float) -> dict:
        return {"transformatie_id": transformatie_id, "compensatie_id": compensatie_id, "ha": ha}

    @staticmethod
    def terreinen(rijen=()) -> pd.DataFrame:
        rijen = [r if isinstance(r, dict) else Bouw.terrein(*r) for r in rijen]
        if not rijen:
            return schema.empty("terreinen")
        df = pd.DataFrame(rijen)
        if "terrein_id" not in df:
            df.insert(0, "terrein_id", [f"TER-{i:03d}" for i in range(len(df))])
        return schema.conform(df, "terreinen")

    @staticmethod
    def mutaties(rijen=()) -> pd.DataFrame:
        rijen = [r if isinstance(r, dict) else Bouw.mutatie(*r) for r in rijen]
        if not rijen:
            return schema.empty("mutaties")
        return schema.conform(pd.DataFrame(rijen), "mutaties")

    @staticmethod
    def koppelingen(rijen=()) -> pd.DataFrame:
        rijen = [r if isinstance(r, dict) else Bouw.koppeling(*r) for r in rijen]
        if not rijen:
            return schema.empty("koppelingen")
        return schema.conform(pd.DataFrame(rijen), "koppelingen")


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
