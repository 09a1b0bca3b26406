"""The plain table ``monitor_scenarios``: saved scenarios (their JSON), deleted ones kept but marked."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pandas as pd

from .. import toegang
from ..toegang import Gebruiker

SCENARIOS = "monitor_scenarios"
SCENARIO_DDL = (
    f"CREATE TABLE IF NOT EXISTS {SCENARIOS} (id TEXT PRIMARY KEY, naam TEXT, auteur TEXT, beschrijving TEXT, "
    "gemaakt_op TEXT, gewijzigd_op TEXT, inhoud TEXT, verwijderd INTEGER NOT NULL DEFAULT 0)"
)
#: Columns of :func:`list_scenarios`.
SCENARIO_KOLOMMEN = ["id", "naam", "auteur", "beschrijving", "gemaakt_op", "gewijzigd_op"]


def check_eigen_scenario(gebruiker: Gebruiker | None, auteur: object, wat: str) -> None:
    """Below beheerder, only the author may replace or delete a scenario (``wat``: the Dutch verb)."""
    if gebruiker is None or gebruiker.rol >= toegang.Rol.BEHEERDER:
        return
    if str(auteur or "") != gebruiker.audit_naam:
        raise toegang.GeenToegang(
            f"Dit scenario is van {auteur or 'iemand anders'}; alleen de maker of een beheerder mag het {wat}. "
            "Sla het op als nieuw scenario."
        )


def write_scenario(
    tmp: Path, gebruiker: Gebruiker | None, sid: str, naam: str, inhoud: str, beschrijving: str, nu: str
) -> None:
    """Insert or replace the scenario ``sid`` in the store copy ``tmp`` (inside a transaction);
    the author is ``gebruiker``, who must own a scenario they replace (below beheerder)."""
    auteur = gebruiker.audit_naam if gebruiker else ""
    with contextlib.closing(sqlite3.connect(tmp)) as con, con:
        con.execute(SCENARIO_DDL)
        oud = con.execute(f"SELECT gemaakt_op, auteur FROM {SCENARIOS} WHERE id = ?", (sid,)).fetchone()
        if oud:
            check_eigen_scenario(gebruiker, oud[1], "wijzigen")
        con.execute(
            f"INSERT OR REPLACE INTO {SCENARIOS} VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            (sid, naam, auteur, beschrijving, oud[0] if oud else nu, nu, inhoud),
        )


def mark_deleted(tmp: Path, gebruiker: Gebruiker | None, sid: str) -> None:
    """Mark the scenario ``sid`` deleted in the store copy ``tmp`` (inside a transaction)."""
    with contextlib.closing(sqlite3.connect(tmp)) as con, con:
        con.execute(SCENARIO_DDL)
        oud = con.execute(f"SELECT auteur FROM {SCENARIOS} WHERE id = ?", (sid,)).fetchone()
        if oud:
            check_eigen_scenario(gebruiker, oud[0], "verwijderen")
        con.execute(f"UPDATE {SCENARIOS} SET verwijderd = 1 WHERE id = ?", (sid,))


def list_scenarios(path: Path) -> pd.DataFrame:
    """Saved scenarios in the store file at ``path`` that are not deleted, newest first."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            return pd.read_sql_query(
                f"SELECT {', '.join(SCENARIO_KOLOMMEN)} FROM {SCENARIOS} WHERE verwijderd = 0 "
                "ORDER BY gewijzigd_op DESC",
                con,
            )
    except (sqlite3.OperationalError, pd.errors.DatabaseError):
        return pd.DataFrame(columns=SCENARIO_KOLOMMEN)


def load_scenario(path: Path, scenario_id: str) -> tuple[str, str, str, str] | None:
    """(naam, auteur, beschrijving, inhoud JSON) of a scenario, or None when it does not exist."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            rij = con.execute(
                f"SELECT naam, auteur, beschrijving, inhoud FROM {SCENARIOS} WHERE id = ? AND verwijderd = 0",
                (scenario_id,),
            ).fetchone()
    except sqlite3.OperationalError:
        return None
    return tuple(rij) if rij else None
