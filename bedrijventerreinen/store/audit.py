"""The plain table ``monitor_audit``: who changed which field of which object, from what to what."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pandas as pd

from .meta import now

AUDIT = "monitor_audit"
#: Columns of the audit log: who changed which field of which object, from what to what.
AUDIT_KOLOMMEN = ("tijdstip", "gebruiker", "actie", "laag", "object_id", "veld", "oud", "nieuw", "resultaat")


def append_audit(path: Path, rows: list[dict[str, object]], resultaat: str) -> None:
    """Append audit rows to the store file at ``path`` (inside a running transaction)."""
    nu = now()
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute(
            f"CREATE TABLE IF NOT EXISTS {AUDIT} (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            + ", ".join(f"{k} TEXT" for k in AUDIT_KOLOMMEN)
            + ")"
        )
        waarden = [
            tuple(
                nu if k == "tijdstip" else resultaat if k == "resultaat" else as_text(r.get(k)) for k in AUDIT_KOLOMMEN
            )
            for r in rows
        ]
        con.executemany(
            f"INSERT INTO {AUDIT} ({', '.join(AUDIT_KOLOMMEN)}) VALUES ({', '.join('?' * len(AUDIT_KOLOMMEN))})",
            waarden,
        )


def load_audit(path: Path) -> pd.DataFrame:
    """The audit log of the store file at ``path``, oldest first; empty when nothing was logged."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            return pd.read_sql_query(f"SELECT {', '.join(AUDIT_KOLOMMEN)} FROM {AUDIT} ORDER BY id", con)
    except (sqlite3.OperationalError, pd.errors.DatabaseError):
        return pd.DataFrame(columns=AUDIT_KOLOMMEN)


def as_text(waarde: object) -> str | None:
    """An audit value as text; None (SQL NULL) for a missing value."""
    if waarde is None or (not isinstance(waarde, str) and pd.isna(waarde)):
        return None
    return str(waarde)
