"""Reading external files into the data model and importing them into the store.

Every reader returns frames conformed to :mod:`bedrijventerreinen.schema`, geometry in
EPSG:28992. Reading never touches the store. Problems are raised as :class:`InvoerFout`
with a Dutch message a user can act on, or reported as :class:`~..validatie.Melding`
(row, field, Dutch sentence, blocks yes/no) on the :class:`ImportResultaat`.

Uploads (:func:`read_upload`) are data, never paths: the bytes are written under fixed
names into a :class:`tempfile.TemporaryDirectory`, zip files are unpacked there only after
checking size, number of entries, compression ratio, path traversal and symlinks
(:data:`LIMIETEN`), and nothing is written outside that folder. Column names of other
systems (IBIS, BAG, municipal GIS) are recognised through :data:`KOLOM_ALIASSEN` and
:data:`KOLOM_SOMMEN`; a user's own mapping can be passed and saved
(:func:`save_kolomkoppeling`).

One module per job; this package re-exports the public API:

* :mod:`.uitpakken` — size limits, file types, zip safety, the sources in an upload;
* :mod:`.lezen` — reading one source (GDAL geodata, CSV and Excel tables, WKT and x/y);
* :mod:`.kolommen` — column mapping and saved mappings;
* :mod:`.afleiden` — columns derived from what a stock table gives;
* :mod:`.inlezen` — :func:`read_upload`, :func:`list_bronlagen`;
* :mod:`.resultaat` — :class:`ImportResultaat`, :class:`KolommenOntbreken`;
* :mod:`.verschil` — :func:`merge_laag`, :func:`compute_verschil`, :func:`summarize_verschil`;
* :mod:`.importeren` — :func:`plan_import` (:class:`ImportPlan`), :func:`apply_import`.

The plain readers of files on disk (:func:`read_laag_bestand`, :func:`read_voorbeeld`) and
:class:`InvoerFout` live in :mod:`bedrijventerreinen.bestanden`, below the store.
"""

from __future__ import annotations

from ..bestanden import VOORBEELD_BESTANDEN, VOORBEELD_MAP, InvoerFout, read_laag_bestand, read_voorbeeld
from ..validatie import SLEUTELS
from .afleiden import PLANFASE_KOERS, STANDAARD_KOERS
from .importeren import ImportPlan, apply_import, plan_import
from .inlezen import list_bronlagen, read_upload
from .kolommen import KOLOM_ALIASSEN, KOLOM_SOMMEN, apply_kolomkoppeling, load_kolomkoppelingen, save_kolomkoppeling
from .lezen import WKT_KOLOMMEN, XY_KOLOMMEN
from .resultaat import ImportResultaat, KolommenOntbreken
from .uitpakken import BESTANDSTYPEN, LIMIETEN
from .verschil import MODI, VERSCHIL_HA, compute_verschil, merge_laag, summarize_verschil

__all__ = [
    "BESTANDSTYPEN",
    "KOLOM_ALIASSEN",
    "KOLOM_SOMMEN",
    "LIMIETEN",
    "MODI",
    "PLANFASE_KOERS",
    "SLEUTELS",
    "STANDAARD_KOERS",
    "VERSCHIL_HA",
    "VOORBEELD_BESTANDEN",
    "VOORBEELD_MAP",
    "WKT_KOLOMMEN",
    "XY_KOLOMMEN",
    "ImportPlan",
    "ImportResultaat",
    "InvoerFout",
    "KolommenOntbreken",
    "apply_import",
    "apply_kolomkoppeling",
    "compute_verschil",
    "list_bronlagen",
    "load_kolomkoppelingen",
    "merge_laag",
    "plan_import",
    "read_laag_bestand",
    "read_upload",
    "read_voorbeeld",
    "save_kolomkoppeling",
    "summarize_verschil",
]
