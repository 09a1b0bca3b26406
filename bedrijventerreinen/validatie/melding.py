"""Findings of the import check: :class:`Melding` (row, field, Dutch sentence, blocks yes/no)
and :class:`Controle`, which collects them for one layer with at most
:data:`MAX_MELDINGEN_PER_CONTROLE` findings per check plus one summary line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..formatting import format_getal

#: Findings per check shown individually; the rest is summarised in one line.
MAX_MELDINGEN_PER_CONTROLE = 50


@dataclass(frozen=True)
class Melding:
    """One finding of the import check: Dutch sentence, whether it blocks the import, and
    where (``rij``: 1-based row as the user sees it in the file; ``veld``: column)."""

    tekst: str
    blokkeert: bool = False
    rij: int | None = None
    veld: str | None = None

    def __str__(self) -> str:
        return self.tekst


@dataclass
class Controle:
    """Collects findings while checking one layer. ``rij_verschuiving`` turns an index
    position into the row number the user sees (1 for features, 2 for a table with header)."""

    rij_verschuiving: int = 1
    meldingen: list[Melding] = field(default_factory=list)
    #: Index positions of rows with at least one blocking finding.
    blokkerende_rijen: set[int] = field(default_factory=set)

    def add(self, tekst: str, blokkeert: bool = False, veld: str | None = None) -> None:
        """A finding about the whole file or column."""
        self.meldingen.append(Melding(tekst, blokkeert, None, veld))

    def add_rijen(
        self,
        mask: np.ndarray | pd.Series,
        teksten: str | Callable[[np.ndarray], Sequence[str]],
        blokkeert: bool,
        veld: str,
    ) -> None:
        """Findings for the rows where ``mask`` is true: one text for all, or a function that
        makes the texts for the given positions (called only for the rows shown, see
        :func:`per_rij`, so a clean 200,000-row layer formats no text at all)."""
        m = np.asarray(mask, dtype=bool)
        posities = np.flatnonzero(m)
        if len(posities) == 0:
            return
        if blokkeert:
            self.blokkerende_rijen.update(posities.tolist())
        toon = posities[:MAX_MELDINGEN_PER_CONTROLE]
        regels = [teksten] * len(toon) if isinstance(teksten, str) else [str(t) for t in teksten(toon)]
        self.meldingen.extend(
            Melding(t, blokkeert, int(p) + self.rij_verschuiving, veld) for p, t in zip(toon, regels, strict=True)
        )
        rest = len(posities) - len(toon)
        if rest:
            self.meldingen.append(
                Melding(f"… en nog {format_getal(rest, 0)} rijen met hetzelfde probleem.", blokkeert, None, veld)
            )


def per_rij(maak: Callable[..., str], *kolommen: object) -> Callable[[np.ndarray], list[str]]:
    """A text function for :meth:`Controle.add_rijen`: ``maak(value1, value2, ...)`` applied
    to the values of ``kolommen`` (array-likes of the layer's length) at the given positions."""
    waarden = [np.asarray(k, dtype=object) for k in kolommen]
    return lambda posities: [maak(*(w[p] for w in waarden)) for p in posities]


def kort(tekst: object, n: int = 40) -> str:
    """``tekst`` for a message: printable characters only, cut to ``n`` characters with '…'.

    Returns an empty string for None or NA."""
    t = "" if tekst is None or tekst is pd.NA else str(tekst)
    t = "".join(c if c.isprintable() else " " for c in t)
    return t if len(t) <= n else t[: n - 1] + "…"
