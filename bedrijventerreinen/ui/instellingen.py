"""Sliders drawn from the settings' records (:data:`bedrijventerreinen.instellingen.INSTELLINGEN`):
range, step, Dutch label, help and Dutch numbers (``0,9``, ``25 %``) come from one place."""

from __future__ import annotations

import numpy as np
import streamlit as st

from ..instellingen import Instelling, format_waarde


def stappen(instelling: Instelling) -> list[float]:
    """The values a slider of ``instelling`` offers: from its minimum to its maximum in its step."""
    if instelling.minimum is None or instelling.maximum is None or not instelling.stap:
        raise ValueError(f"{instelling.sleutel} heeft geen bereik voor een schuif")
    n = round((instelling.maximum - instelling.minimum) / instelling.stap)
    waarden = np.round(instelling.minimum + instelling.stap * np.arange(n + 1), 6)
    return [int(w) if instelling.soort is int else float(w) for w in waarden]


def instelling_slider(instelling: Instelling, waarde: float, key: str, label: str | None = None) -> float:
    """A slider for ``instelling`` starting at ``waarde`` (moved to the nearest step), its
    values written the Dutch way; returns the chosen value in the setting's own unit."""
    opties = stappen(instelling)
    begin = min(opties, key=lambda o: abs(o - waarde))
    return st.select_slider(
        label or instelling.label,
        options=opties,
        value=begin,
        format_func=lambda w: format_waarde(instelling, w),
        key=key,
        help=instelling.uitleg,
    )
