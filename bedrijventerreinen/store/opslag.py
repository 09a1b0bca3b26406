"""The :class:`Store`: one monitor store file, read by layer and written in transactions.

The file work is delegated: :mod:`.bestand` (checks, lock, the copy-and-replace transaction),
:mod:`.laagdata` (layers), :mod:`.meta` and :mod:`.audit` (plain tables), :mod:`.snapshots`
and :mod:`.scenariotabel`. What stays here is who may do what, and which writes go together.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .. import schema, toegang
from ..toegang import Gebruiker, Recht
from . import audit as audittabel
from . import bestand, laagdata, meta, scenariotabel, snapshots
from .fouten import StoreFout, VersieConflict, versie_conflict
from .laagdata import LAGEN, LATER_TOEGEVOEGD, check_lagen
from .snapshots import BeschadigdeSnapshot


class Store:
    """A monitor store in one GeoPackage file. Loaders return conformed frames in EPSG:28992."""

    def __init__(self, path: str | Path, alleen_lezen: bool = False, gebruiker: Gebruiker | None = None):
        self.path = Path(path)
        #: A snapshot (a file in a ``*.snapshots`` folder) is always read-only: a peildatum
        #: shows history and can never be changed by accident.
        self.alleen_lezen = alleen_lezen or self.path.parent.name.endswith(".snapshots")
        #: Who writes through this store: every write checks their role and the audit log records them.
        self.gebruiker = gebruiker

    def als(self, gebruiker: Gebruiker | None) -> Store:
        """The same store file, acting as ``gebruiker`` (who is checked on every write)."""
        return Store(self.path, self.alleen_lezen, gebruiker)

    def _vereis(self, recht: Recht) -> None:
        toegang.vereis(self.gebruiker, recht)

    def _audit(self, tmp: Path, rows: list[dict[str, object]], resultaat: str) -> None:
        """Append audit rows stamped with the bound user: the log never holds a typed name."""
        wie = self.gebruiker.audit_naam if self.gebruiker else ""
        audittabel.append_audit(tmp, [{**r, "gebruiker": wie} for r in rows], resultaat)

    def _transactie(self, verwachte_versie: int | None) -> contextlib.AbstractContextManager[Path]:
        """A copy-and-replace transaction on this store (see :func:`.bestand.transactie`)."""
        return bestand.transactie(self.path, verwachte_versie, self.alleen_lezen)

    def _ruim_op_als_vrij(self) -> None:
        """Remove leftovers of killed writers when no writer holds the lock now (on open)."""
        if not self.alleen_lezen:
            bestand.ruim_op_als_vrij(self.path)

    def __repr__(self) -> str:
        wie = f", gebruiker={self.gebruiker.login!r}" if self.gebruiker else ""
        return f"Store({str(self.path)!r}{wie})"

    # -- reading -------------------------------------------------------------------------
    def check(self, grondig: bool = False) -> None:
        """Raise :class:`StoreFout` (herstelbaar) unless the file is a readable monitor store;
        ``grondig`` also reads every page (SQLite ``quick_check``), which finds a truncated copy."""
        bestand.check_gpkg(self.path, grondig)

    def meta(self) -> dict[str, str]:
        """The store's metadata (versie, voorbeelddata, aangemaakt_op, gewijzigd_op)."""
        return meta.read_meta(self.path)

    @property
    def version(self) -> int:
        """A number that changes on every write: the cache key of everything loaded from the store."""
        return int(self.meta()["versie"])

    @property
    def voorbeeld_lagen(self) -> tuple[str, ...]:
        """The layers that hold sample data (no official figures), in layer order.

        Stored per layer in ``monitor_meta``, so a real stock imported onto the sample keeps
        saying that its mutaties are still sample data; it travels with snapshots and restores.
        """
        return meta.voorbeeld_lagen(self.meta())

    @property
    def is_voorbeeld(self) -> bool:
        """True while any layer holds the shipped sample data."""
        return bool(self.voorbeeld_lagen)

    def migreer(self) -> None:
        """Bring a store made by an older version of the monitor up to date, in one transaction:
        add the layers it lacks (empty) and the per-layer sample-data flag. Nothing existing
        changes; a store that is current is not touched. Not a user's write: no right needed."""
        if self.alleen_lezen:
            return
        try:
            tabellen = laagdata.tabellen(self.path)
            gegevens = meta.read_meta(self.path)
        except (sqlite3.Error, StoreFout):
            return  # check() says the file is broken
        # only layers a newer version added: a store that lost one of its own layers is broken
        # (check() says so), never silently "repaired" with an empty one
        ontbreekt = [laag for laag in LATER_TOEGEVOEGD if laag not in tabellen]
        if not ontbreekt and meta.VOORBEELD_LAGEN in gegevens:
            return
        with self._transactie(None) as tmp:
            for laag in ontbreekt:
                laagdata.write_layer(tmp, laag, schema.empty(laag))
            meta.set_voorbeeld_lagen(tmp, meta.voorbeeld_lagen(gegevens))
            rij = {
                "actie": "migratie",
                "laag": ", ".join(ontbreekt),
                "nieuw": "opslag bijgewerkt naar de nieuwe versie",
            }
            audittabel.append_audit(tmp, [rij], "opgeslagen")

    def load(self, laag: str) -> pd.DataFrame | gpd.GeoDataFrame:
        """One layer, conformed to the schema (geometry in EPSG:28992 where the layer has one)."""
        return laagdata.read_layer(self.path, laag)

    def load_terreinen(self) -> gpd.GeoDataFrame:
        """The business parks (terreinen)."""
        return self.load("terreinen")

    def load_mutaties(self) -> gpd.GeoDataFrame:
        """The register of mutaties (geometry optional: empty where a mutatie has none)."""
        return self.load("mutaties")

    def load_koppelingen(self) -> pd.DataFrame:
        """Which compensation covers which transformation, with hectares allocated."""
        return self.load("koppelingen")

    def load_kanszones(self) -> gpd.GeoDataFrame:
        """The densification zones."""
        return self.load("kanszones")

    def load_voorraad(self) -> pd.DataFrame:
        """The register stock of every peiljaar per park (empty until a stock is imported)."""
        return self.load("voorraad")

    def load_panden(self) -> gpd.GeoDataFrame:
        """Building footprints (BAG shape); empty until imported."""
        return self.load("panden")

    def load_audit(self) -> pd.DataFrame:
        """The audit log, oldest first (columns :data:`~.audit.AUDIT_KOLOMMEN`); empty when nothing was logged."""
        return audittabel.load_audit(self.path)

    # -- writing -------------------------------------------------------------------------
    def write(
        self,
        lagen: dict[str, pd.DataFrame],
        verwachte_versie: int | None = None,
        audit: list[dict[str, object]] | None = None,
    ) -> int:
        """Replace the given layers in one transaction; returns the new version.

        With ``verwachte_versie``, the write is refused with :class:`VersieConflict` when the
        store has changed since that version (optimistic locking); the refused ``audit`` rows
        are then logged with resultaat 'geweigerd', so the log holds both attempts. Either
        every layer and every audit row lands, or none does.

        ``audit`` rows are dicts with the keys of :data:`~.audit.AUDIT_KOLOMMEN` (tijdstip and
        resultaat are filled in here; gebruiker is always the bound user). Needs the right
        to change the register.
        """
        self._vereis(Recht.REGISTER_WIJZIGEN)
        return self._write(lagen, verwachte_versie, audit)

    def _write(
        self,
        lagen: dict[str, pd.DataFrame],
        verwachte_versie: int | None = None,
        audit: list[dict[str, object]] | None = None,
    ) -> int:
        """:meth:`write` without the rights check, for writes whose caller has checked its own right."""
        check_lagen(lagen)
        try:
            with self._transactie(verwachte_versie) as tmp:
                laagdata.write_layers(tmp, lagen)
                if audit:
                    self._audit(tmp, audit, "opgeslagen")
        except VersieConflict:
            if audit:
                with self._transactie(None) as tmp:
                    self._audit(tmp, audit, "geweigerd")
            raise
        return self.version

    # -- snapshots -----------------------------------------------------------------------
    @property
    def snapshot_map(self) -> Path:
        """Folder beside the store holding its snapshots (``<naam>.snapshots/``)."""
        return bestand.snapshot_map(self.path)

    def snapshot(self, label: str, audit: list[dict[str, object]] | None = None) -> Path:
        """Save the current state as a snapshot named ``label``; returns the snapshot file.

        A snapshot is a complete, read-only copy of the GeoPackage (it opens in QGIS and in
        the monitor), taken under the writer lock so it never holds a half-written state.
        ``audit`` rows, when given, are logged in the store afterwards. Needs the right to
        make snapshots.
        """
        self._vereis(Recht.SNAPSHOT_MAKEN)
        doel = self._snapshot(label)
        if audit:  # the rows name the snapshot file, which exists only now
            self._write({}, audit=[{**r, "object_id": r.get("object_id") or doel.name} for r in audit])
        return doel

    def _snapshot(self, label: str) -> Path:
        """A checked snapshot of the current state (see :func:`.snapshots.maak_snapshot`); no rights check."""
        return snapshots.maak_snapshot(self.path, label, self.alleen_lezen)

    def list_snapshots(self) -> pd.DataFrame:
        """The readable snapshots, newest first: bestand, label, snapshot_op, versie. A broken
        file in the snapshot folder is skipped (see :meth:`beschadigde_snapshots`)."""
        return self.snapshots_en_beschadigd()[0]

    def beschadigde_snapshots(self) -> list[BeschadigdeSnapshot]:
        """Files in the snapshot folder that are no readable snapshot, with a Dutch reason."""
        return self.snapshots_en_beschadigd()[1]

    def snapshots_en_beschadigd(self) -> tuple[pd.DataFrame, list[BeschadigdeSnapshot]]:
        """(:meth:`list_snapshots`, :meth:`beschadigde_snapshots`) in one pass over the folder."""
        return snapshots.snapshots_en_beschadigd(self.path)

    def restore_snapshot(self, bestand: str | Path, audit: list[dict[str, object]] | None = None) -> int:
        """Make the snapshot ``bestand`` the current state, in one transaction.

        The state before the restore is saved as a snapshot first, so a restore can itself
        be undone; the audit log is kept whole (a restore replaces the layers, never the
        log), and ``audit`` rows land in the same transaction. Returns the new version
        (versions keep increasing; caches stay valid). Needs the right to restore snapshots.
        """
        self._vereis(Recht.SNAPSHOT_HERSTELLEN)
        bron = Path(bestand)  # the parameter hides the module bestand in this method: use bron below
        snapshots.check_voor_herstel(self.path, bron)
        snap = Store(bron)
        label = snap.meta().get("snapshot_label", bron.stem)
        vooraf = self._snapshot(f"voor herstel van {label}")
        # the rows say which snapshot came back (nieuw) and where the state before it went (oud)
        audit = [{"object_id": bron.name, "oud": vooraf.name, "nieuw": label, **r} for r in audit or []]
        snap_meta = snap.meta()
        lagen = {laag: snap.load(laag) for laag in LAGEN}
        with self._transactie(None) as tmp:
            laagdata.write_layers(tmp, lagen)
            # the sample-data flags come back with the data they describe
            meta.set_voorbeeld_lagen(tmp, meta.voorbeeld_lagen(snap_meta))
            if audit:
                self._audit(tmp, audit, "opgeslagen")
        return self.version

    # -- import (Data page) --------------------------------------------------------------
    def write_import(
        self,
        lagen: dict[str, pd.DataFrame],
        label: str,
        verwachte_versie: int | None = None,
        echte_lagen: Iterable[str] = (),
        audit: list[dict[str, object]] | None = None,
    ) -> tuple[int, Path]:
        """Write imported layers in one transaction, after saving a snapshot of the state
        before the import (so the import can be undone); returns (new version, snapshot).

        ``echte_lagen`` are the layers that hold no sample data any more after this import:
        in the same transaction they leave :attr:`voorbeeld_lagen` (their sample notice goes).
        ``verwachte_versie`` works as in :meth:`write`; ``audit`` rows land in the same
        transaction (resultaat 'opgeslagen'). Needs the right to import.
        """
        self._vereis(Recht.IMPORTEREN)
        check_lagen(lagen)
        if verwachte_versie is not None and self.version != verwachte_versie:
            raise versie_conflict(self.path, self.version, verwachte_versie, "lees het bestand opnieuw in")
        snapshot = self._snapshot(f"voor import: {label}")
        with self._transactie(verwachte_versie) as tmp:
            laagdata.write_layers(tmp, lagen)
            if echte_lagen:
                meta.set_voorbeeld_lagen(tmp, [laag for laag in self.voorbeeld_lagen if laag not in set(echte_lagen)])
            if audit:
                self._audit(tmp, audit, "opgeslagen")
        return self.version, snapshot

    # -- read-modify-write (register edits) -----------------------------------------------
    def update(
        self,
        fn: Callable[[dict[str, pd.DataFrame]], tuple[dict[str, pd.DataFrame], list[dict[str, object]]]],
        lagen: Iterable[str] = LAGEN,
    ) -> int:
        """Load ``lagen`` under the writer lock, call ``fn(lagen) -> (changed layers, audit rows)``
        and write the result in the same transaction; returns the new store version.

        Nothing can change the store between the read and the write, so whatever ``fn`` checks
        (a per-object ``versie``, validation against the current register) still holds for what
        is written. When ``fn`` raises, nothing is written; when it raises
        :class:`VersieConflict` with an ``audit`` attribute (a list of audit rows), those rows
        are logged with resultaat 'geweigerd', so the log holds the refused attempt too.
        Temporary copies left behind by a writer killed mid-transaction are removed.
        Needs the right to change the register.
        """
        self._vereis(Recht.REGISTER_WIJZIGEN)
        lagen = tuple(lagen)
        check_lagen(lagen)
        try:
            with self._transactie(None) as tmp:
                nieuw, audit = fn({laag: self.load(laag) for laag in lagen})
                check_lagen(nieuw)
                laagdata.write_layers(tmp, nieuw)
                if audit:
                    self._audit(tmp, audit, "opgeslagen")
                versie = int(meta.read_meta(tmp)["versie"]) + 1
        except VersieConflict as e:
            geweigerd = getattr(e, "audit", None)
            if geweigerd:
                with self._transactie(None) as tmp:
                    self._audit(tmp, geweigerd, "geweigerd")
            raise
        return versie

    # -- scenarios -----------------------------------------------------------------------
    def save_scenario(self, naam: str, inhoud: str, beschrijving: str = "", scenario_id: str | None = None) -> str:
        """Save a scenario (``inhoud`` is its JSON) and return its id; logged in the audit log.

        With ``scenario_id`` an existing scenario is replaced; without, a new id is made. The
        author is the bound user. Needs the right to save scenarios; a werkgroep member may
        replace only their own scenarios, a beheerder any.
        """
        import uuid

        self._vereis(Recht.SCENARIO_OPSLAAN)
        sid = scenario_id or uuid.uuid4().hex[:10]
        nu = meta.now()
        with self._transactie(None) as tmp:
            scenariotabel.write_scenario(tmp, self.gebruiker, sid, naam, inhoud, beschrijving, nu)
            actie = "scenario gewijzigd" if scenario_id else "scenario opgeslagen"
            self._audit(tmp, [{"actie": actie, "laag": "scenarios", "object_id": sid, "veld": "naam", "nieuw": naam}],
                        "opgeslagen")  # fmt: skip
        return sid

    def list_scenarios(self) -> pd.DataFrame:
        """Saved scenarios that are not deleted, newest first: id, naam, auteur, beschrijving,
        gemaakt_op, gewijzigd_op."""
        return scenariotabel.list_scenarios(self.path)

    def load_scenario(self, scenario_id: str) -> tuple[str, str, str, str] | None:
        """(naam, auteur, beschrijving, inhoud JSON) of a scenario, or None when it does not exist."""
        return scenariotabel.load_scenario(self.path, scenario_id)

    def delete_scenario(self, scenario_id: str) -> None:
        """Mark a scenario deleted (kept in the file, logged); it no longer appears in lists.

        Needs the right to save scenarios; below beheerder only the scenario's author may.
        """
        self._vereis(Recht.SCENARIO_OPSLAAN)
        with self._transactie(None) as tmp:
            scenariotabel.mark_deleted(tmp, self.gebruiker, scenario_id)
            self._audit(tmp, [{"actie": "scenario verwijderd", "laag": "scenarios", "object_id": scenario_id}],
                        "opgeslagen")  # fmt: skip
