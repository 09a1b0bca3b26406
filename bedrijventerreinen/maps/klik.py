"""A click on the map, and the details of the clicked park for the panel beside the map."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from ..balance import uitgeefbaar_ha
from ..definities import select_mutaties
from ..formatting import format_ha
from ..strategy import Strategie
from .kaartdata import format_dekking, format_ha_of_streep
from .stijl import KAARTLAAG_CODES, ONBEKENDE_KOERS


@dataclass(frozen=True)
class Kaartklik:
    """What was clicked: the layer, the object's key and the park it belongs to (if any)."""

    laag: str
    object_id: str
    terrein_id: str | None


def _eigenschappen_van_klik(uitvoer: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The properties of the clicked feature in ``st_folium``'s returned dict, or None."""
    if not isinstance(uitvoer, Mapping):
        return None
    feature = uitvoer.get("last_active_drawing")
    if not isinstance(feature, Mapping):
        return None
    props = feature.get("properties")
    return props if isinstance(props, Mapping) else None


def parse_kaartklik(uitvoer: Mapping[str, Any] | None) -> Kaartklik | None:
    """The clicked object from ``st_folium``'s returned dict, or None.

    Reads ``last_active_drawing`` (the GeoJSON feature of the clicked shape, with the
    display properties of :func:`build_kaartdata`). Keys were HTML-escaped for the map
    and are unescaped here, so they equal the keys in the store.
    """
    props = _eigenschappen_van_klik(uitvoer)
    if props is None:
        return None
    laag, object_id = props.get("laag"), props.get("id")
    if laag not in KAARTLAAG_CODES or not isinstance(object_id, str) or not object_id:
        return None
    terrein_id = object_id if laag == "terreinen" else props.get("terrein_id")
    terrein_id = html.unescape(terrein_id) if isinstance(terrein_id, str) and terrein_id else None
    return Kaartklik(laag, html.unescape(object_id), terrein_id)


@dataclass(frozen=True)
class Terreindetail:
    """Everything the details panel shows about one park; texts Dutch, numbers formatted.

    ``kerncijfers``: (label, text) pairs of the park's hectares from the register;
    ``mutaties``: its mutaties, all planstatus, with whether each counts under the
    selected horizon; ``bevindingen``: the strategy findings about the park or its mutaties.
    """

    terrein_id: str
    naam: str
    gemeente: str
    koers: str
    koers_uitleg: str
    kerncijfers: list[tuple[str, str]]
    mutaties: pd.DataFrame
    bevindingen: pd.DataFrame


_UITGEEFBAAR_DELEN = (
    ("waarvan terstond", "uitgeefbaar_terstond_ha"),
    ("waarvan niet terstond", "uitgeefbaar_niet_terstond_ha"),
)


def _stand(r: pd.Series) -> str:
    if pd.notna(r.get("rin_nummer")):
        return f"IBIS {int(r['peiljaar'])} (RIN {r['rin_nummer']})"
    return f"peiljaar {int(r['peiljaar'])}"


def _kerncijfers(rij: pd.DataFrame) -> list[tuple[str, str]]:
    """The park's register hectares: bruto, netto, uitgegeven, uitgeefbaar (and its parts), stand."""
    r = rij.iloc[0]
    kerncijfers = [
        ("Bruto", format_ha(r["bruto_ha"])),
        ("Netto", format_ha(r["netto_ha"])),
        ("Uitgegeven", format_ha_of_streep(r["uitgegeven_ha"])),
        ("Uitgeefbaar", format_ha(float(uitgeefbaar_ha(rij).iloc[0]))),
    ]
    kerncijfers += [(label, format_ha_of_streep(r[kolom])) for label, kolom in _UITGEEFBAAR_DELEN if pd.notna(r[kolom])]
    if pd.notna(r.get("peiljaar")):
        kerncijfers.append(("Stand", _stand(r)))
    return kerncijfers


def _mutatietabel(
    eigen: pd.DataFrame, dekking: pd.DataFrame, strategie: Strategie, planstatus_vanaf: str
) -> pd.DataFrame:
    """The park's own mutaties by year: soort, hectares, planstatus, whether each counts, coverage."""
    geteld = set(select_mutaties(eigen, strategie, planstatus_vanaf)["mutatie_id"])
    dekking = dekking.set_index("mutatie_id")
    tabel = pd.DataFrame(
        {
            "Mutatie": eigen["naam"].astype(str).to_numpy(),
            "Soort": [schema.label(schema.SOORTEN, s) for s in eigen["soort"]],
            "Hectare": [format_ha_of_streep(v) for v in eigen["ha"]],
            "Planstatus": [schema.label(schema.PLANSTATUS, s) for s in eigen["planstatus"]],
            "Jaar": [str(int(j)) if pd.notna(j) else "–" for j in eigen["jaar"]],
            "Telt mee": ["ja" if m in geteld else "nee" for m in eigen["mutatie_id"]],
            "Gecompenseerd": [
                format_dekking(dekking.loc[m]) if m in dekking.index else "–" for m in eigen["mutatie_id"]
            ],
        }
    )
    return tabel.iloc[np.argsort(eigen["jaar"].fillna(9999).to_numpy(), kind="stable")].reset_index(drop=True)


def _bevindingentabel(bevindingen: pd.DataFrame, objecten: set[Any]) -> pd.DataFrame:
    bev = bevindingen[bevindingen["object_id"].isin(objecten)] if not bevindingen.empty else bevindingen
    return pd.DataFrame(
        {
            "Ernst": [schema.label(schema.ERNST, e) for e in bev.get("ernst", [])],
            "Bevinding": list(bev.get("tekst", [])),
        }
    )


def describe_terrein(
    terrein_id: str,
    terreinen: pd.DataFrame,
    mutaties: pd.DataFrame,
    dekking: pd.DataFrame,
    strategie: Strategie,
    planstatus_vanaf: str,
    bevindingen: pd.DataFrame,
) -> Terreindetail | None:
    """The details of park ``terrein_id`` (None when unknown).

    Hectares are the register values of the park (bruto, netto, uitgegeven, uitgeefbaar
    terstond / niet terstond). Mutaties are those with this ``terrein_id``; "Telt mee" says
    whether the hectare balance counts it under ``planstatus_vanaf``
    (:func:`bedrijventerreinen.definities.select_mutaties`); "Gecompenseerd" is the coverage of
    a counted transformation: its row of ``dekking``
    (:attr:`bedrijventerreinen.monitor.Monitorstand.dekking`).
    Bevindingen are the rows of ``bevindingen`` whose object is the park or one of its mutaties.
    """
    rij = terreinen[terreinen["terrein_id"] == terrein_id]
    if rij.empty:
        return None
    r = rij.iloc[0]
    eigen = mutaties[mutaties["terrein_id"] == terrein_id]
    koers = str(r["koers"]) if pd.notna(r["koers"]) else ""
    uitleg = next((c.uitleg for c in schema.KOERSEN if c.code == koers), ONBEKENDE_KOERS.uitleg)
    return Terreindetail(
        terrein_id=str(terrein_id),
        naam=str(r["naam"]),
        gemeente=str(r["gemeente"]),
        koers=schema.label(schema.KOERSEN, koers) if koers else ONBEKENDE_KOERS.label,
        koers_uitleg=uitleg,
        kerncijfers=_kerncijfers(rij),
        mutaties=_mutatietabel(eigen, dekking, strategie, planstatus_vanaf),
        bevindingen=_bevindingentabel(bevindingen, {terrein_id, *eigen["mutatie_id"]}),
    )
