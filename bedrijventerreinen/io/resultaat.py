"""What reading an upload gives: :class:`ImportResultaat` (the conformed layer and the
validation report), and :class:`KolommenOntbreken` when required columns are missing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from .. import schema
from ..bestanden import InvoerFout
from ..validatie import SLEUTELS, Melding
from .verschil import NIET_VERGELIJKEN


class KolommenOntbreken(InvoerFout):
    """Required columns are missing; the user can map them (``bronkolommen`` are the file's columns)."""

    def __init__(self, bericht: str, ontbrekend: list[str], bronkolommen: list[str]) -> None:
        super().__init__(bericht)
        self.ontbrekend = ontbrekend
        self.bronkolommen = bronkolommen


@dataclass
class ImportResultaat:
    """The outcome of reading an upload: the conformed layer and the validation report.

    ``gdf`` is in EPSG:28992 (a plain DataFrame for koppelingen); ``meldingen`` are the
    findings (:class:`~.validatie.Melding`: rij, veld, Dutch tekst, blokkeert);
    ``blokkerende_rijen`` the positions of rows with a blocking finding; ``koppeling`` the
    column mapping that was applied (source column -> declared column).
    """

    gdf: pd.DataFrame
    meldingen: list[Melding]
    laag: str = "terreinen"
    bestandsnaam: str = ""
    bronlaag: str | None = None
    bronlagen: list[str] = field(default_factory=list)
    koppeling: dict[str, str] = field(default_factory=dict)
    bronkolommen: list[str] = field(default_factory=list)
    blokkerende_rijen: list[int] = field(default_factory=list)
    #: Declared columns the file itself supplied (after mapping), as opposed to derived or empty ones.
    kolommen_uit_bestand: list[str] = field(default_factory=list)

    def behouden_kolommen(self) -> list[str]:
        """Declared columns the file does not carry (e.g. koers and typologie in an IBIS
        export): an import keeps their current values for rows whose key already exists.
        Keys, bron, bruto_ha (measured from the contour) and bookkeeping are never kept."""
        nooit = {*SLEUTELS[self.laag], "bron", "bruto_ha", *NIET_VERGELIJKEN}
        return [c for c in schema.kolomnamen(self.laag) if c not in self.kolommen_uit_bestand and c not in nooit]

    @property
    def blokkeert(self) -> bool:
        """True when at least one finding blocks the import."""
        return any(m.blokkeert for m in self.meldingen)

    @property
    def alleen_rijen_blokkeren(self) -> bool:
        """True when every blocking finding concerns rows (so skipping those rows helps)."""
        blokkerend = [m for m in self.meldingen if m.blokkeert]
        return bool(blokkerend) and all(m.rij is not None or m.tekst.startswith("…") for m in blokkerend)

    def meldingen_frame(self) -> pd.DataFrame:
        """The report as a table with Dutch headers: Rij, Veld, Melding, Blokkeert (ja/nee)."""
        return pd.DataFrame(
            {
                "Rij": pd.array([m.rij for m in self.meldingen], dtype="Int64"),
                "Veld": [m.veld or "" for m in self.meldingen],
                "Melding": [m.tekst for m in self.meldingen],
                "Blokkeert": ["ja" if m.blokkeert else "nee" for m in self.meldingen],
            }
        )

    def zonder_blokkerende_rijen(self) -> ImportResultaat:
        """The result without the rows that have a blocking finding; their findings become
        notes that the row was skipped. Findings about the whole file still block."""
        if not self.blokkerende_rijen:
            return self
        weg = self.gdf.index[self.blokkerende_rijen]
        meldingen = [
            replace(m, blokkeert=False, tekst=f"Overgeslagen: {m.tekst}")
            if m.blokkeert and (m.rij is not None or m.tekst.startswith("…"))
            else m
            for m in self.meldingen
        ]
        return replace(
            self, gdf=self.gdf.drop(index=weg).reset_index(drop=True), meldingen=meldingen, blokkerende_rijen=[]
        )
