"""The plain table ``monitor_meta``: the store version, dates, snapshot labels and the per-layer sample flags."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from pathlib import Path

from .fouten import StoreFout
from .laagdata import LAGEN

META = "monitor_meta"
#: Meta key: the JSON list of layers that (still) hold sample data.
VOORBEELD_LAGEN = "voorbeeld_lagen"


def now() -> str:
    """The current local time, to the second, as stored in the meta and audit tables."""
    return dt.datetime.now().isoformat(timespec="seconds")


def create_meta(path: Path, voorbeeld_lagen: list[str]) -> None:
    """Create the meta table of a new store file: version 1, its sample layers, the dates."""
    nu = now()
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute(f"CREATE TABLE {META} (sleutel TEXT PRIMARY KEY, waarde TEXT NOT NULL)")
        con.executemany(
            f"INSERT INTO {META} VALUES (?, ?)",
            [
                ("versie", "1"),
                (VOORBEELD_LAGEN, json.dumps([laag for laag in LAGEN if laag in voorbeeld_lagen])),
                ("aangemaakt_op", nu),
                ("gewijzigd_op", nu),
            ],
        )


def read_meta(path: Path) -> dict[str, str]:
    """The metadata of the store file at ``path``; :class:`StoreFout` (herstelbaar) when unreadable."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as con:
            return dict(con.execute(f"SELECT sleutel, waarde FROM {META}").fetchall())
    except sqlite3.Error as e:
        raise StoreFout(f"Het opslagbestand {path.name} kan niet worden gelezen.", path, True) from e


def voorbeeld_lagen(meta: dict[str, str]) -> tuple[str, ...]:
    """The sample layers from a store's meta; a store of an older version said only yes or no."""
    if VOORBEELD_LAGEN in meta:
        try:
            lagen = json.loads(meta[VOORBEELD_LAGEN])
        except ValueError:
            lagen = list(LAGEN)  # unreadable: say too much rather than too little
        return tuple(laag for laag in LAGEN if laag in lagen)
    return LAGEN if meta.get("voorbeelddata") == "1" else ()


def set_voorbeeld_lagen(path: Path, lagen: list[str] | tuple[str, ...]) -> None:
    """Store ``lagen`` as the layers that hold sample data (inside a running transaction)."""
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute(f"INSERT OR REPLACE INTO {META} VALUES (?, ?)", (VOORBEELD_LAGEN, json.dumps(lagen)))


def set_versie(path: Path, versie: int) -> None:
    """Set the version and the date of change of the store file at ``path``."""
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute(f"UPDATE {META} SET waarde = ? WHERE sleutel = 'versie'", (str(versie),))
        con.execute(f"UPDATE {META} SET waarde = ? WHERE sleutel = 'gewijzigd_op'", (now(),))


def label_snapshot(path: Path, label: str) -> None:
    """Mark the copy at ``path`` as the snapshot ``label``, made now."""
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute(f"INSERT OR REPLACE INTO {META} VALUES ('snapshot_label', ?)", (label,))
        con.execute(f"INSERT OR REPLACE INTO {META} VALUES ('snapshot_op', ?)", (now(),))


def make_live(path: Path, versie: int) -> None:
    """Turn the snapshot copy at ``path`` into a live store at ``versie`` (its label goes)."""
    with contextlib.closing(sqlite3.connect(path)) as con, con:
        con.execute(f"DELETE FROM {META} WHERE sleutel IN ('snapshot_label', 'snapshot_op')")
        con.execute(f"UPDATE {META} SET waarde = ? WHERE sleutel = 'versie'", (str(versie),))
        con.execute(f"UPDATE {META} SET waarde = ? WHERE sleutel = 'gewijzigd_op'", (now(),))
