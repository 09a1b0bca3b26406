"""The GeoPackage-backed store of the monitor.

One GeoPackage file (OGC standard, opens in QGIS) holds the layers terreinen, mutaties,
kanszones and panden, the attribute table koppelingen, and a plain table
``monitor_meta`` with the store version. Writes are transactions by copy-and-replace:
the change is written to a temporary copy beside the store, which then atomically
replaces the store (``os.replace``). A crash or error mid-write leaves the previous file
untouched; readers always see a whole store, old or new. A file lock serialises writers,
and :meth:`Store.write` refuses a write made against a stale version.

A store is bound to the user acting on it (:meth:`Store.als`). Every write checks that
user's role against :data:`bedrijventerreinen.toegang.RECHTEN` and refuses with
:class:`~bedrijventerreinen.toegang.GeenToegang` (a Dutch message, nothing written); a store
without a user can be read but not written. Audit rows always record the bound user, whatever
name the caller put in them.

One module per job; this package re-exports the public API:

* :mod:`.fouten` — :class:`StoreFout`, :class:`VersieConflict`, Dutch text for OS, SQLite and GDAL errors;
* :mod:`.laagdata` — :data:`LAGEN`, reading and writing one layer;
* :mod:`.meta` — the table ``monitor_meta`` (version, dates, per-layer sample flags);
* :mod:`.audit` — the table ``monitor_audit`` (:data:`AUDIT_KOLOMMEN`);
* :mod:`.scenariotabel` — the table ``monitor_scenarios``;
* :mod:`.bestand` — the store path, checks of a GeoPackage, the file lock, the copy-and-replace
  transaction, leftovers of killed writers, fsync, setting a broken file aside;
* :mod:`.snapshots` — making, listing, checking snapshots; recovery of a broken store
  (:func:`laatste_goede_snapshot`, :func:`herstel_uit_snapshot`);
* :mod:`.opslag` — :class:`Store`;
* :mod:`.openen` — :func:`open_store`, :func:`create_store`, :func:`rebuild_store`.

A test that replaces a helper patches the module that looks it up (``store.laagdata.write_layer``,
``store.bestand.dt``), never a name re-exported here.
"""

from __future__ import annotations

from .audit import AUDIT, AUDIT_KOLOMMEN
from .bestand import DEFAULT_PATH, ENV_VAR, resolve_path
from .fouten import StoreFout, VersieConflict
from .laagdata import LAGEN, LATER_TOEGEVOEGD
from .meta import META, VOORBEELD_LAGEN
from .openen import create_store, open_store, rebuild_store
from .opslag import Store
from .scenariotabel import SCENARIOS
from .snapshots import BeschadigdeSnapshot, herstel_uit_snapshot, laatste_goede_snapshot

__all__ = [
    "AUDIT",
    "AUDIT_KOLOMMEN",
    "DEFAULT_PATH",
    "ENV_VAR",
    "LAGEN",
    "LATER_TOEGEVOEGD",
    "META",
    "SCENARIOS",
    "VOORBEELD_LAGEN",
    "BeschadigdeSnapshot",
    "Store",
    "StoreFout",
    "VersieConflict",
    "create_store",
    "herstel_uit_snapshot",
    "laatste_goede_snapshot",
    "open_store",
    "rebuild_store",
    "resolve_path",
]
