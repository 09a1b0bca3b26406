"""The register for people: Dutch tables of the register, the coverage, the koppelingen and
the audit log (with CSV and Excel downloads), field values as people read them, what the
other person changed in a conflict, and the validation rules as a table.

User text stays plain text in these tables (render them with ``st.dataframe``).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping

import pandas as pd

from .. import schema
from ..export import CSV_REGELEINDE, neutraliseer_formules
from ..formatting import format_datum, format_ha
from .regels import REGELS
from .velden import BEWERKBAAR, VELD_LABEL, as_number, is_empty, normalize_veld


def format_tijdstip(waarde: object) -> str:
    """An ISO timestamp as ``28-11-2026 14:03`` ('' when empty)."""
    if is_empty(waarde):
        return ""
    try:
        t = dt.datetime.fromisoformat(str(waarde))
    except ValueError:
        return str(waarde)
    return f"{format_datum(t)} {t:%H:%M}"


def format_dag(waarde: object) -> str:
    """An ISO date (or timestamp) as ``28-11-2026`` ('' when empty)."""
    if is_empty(waarde):
        return ""
    try:
        return format_datum(dt.date.fromisoformat(str(waarde)[:10]))
    except ValueError:
        return str(waarde)


def format_register(mutaties: pd.DataFrame) -> pd.DataFrame:
    """The register as a table for people: Dutch headers and labels, ``3,5 ha``, dates
    ``28-11-2026``; user text stays plain text (render with ``st.dataframe``)."""
    return pd.DataFrame(
        {
            "Mutatie": mutaties["mutatie_id"].to_numpy(),
            "Soort": [schema.label(schema.SOORTEN, s) for s in mutaties["soort"]],
            "Naam": mutaties["naam"].to_numpy(),
            "Gemeente": mutaties["gemeente"].to_numpy(),
            "Terrein": mutaties["terrein_id"].fillna("").to_numpy(),
            "Hectare": [format_ha(v) for v in mutaties["ha"]],
            "Planstatus": [schema.label(schema.PLANSTATUS, p) for p in mutaties["planstatus"]],
            "Jaar": [("" if is_empty(j) else str(int(j))) for j in mutaties["jaar"]],
            "Vervallen": [format_dag(v) for v in mutaties.get("vervallen", pd.Series(pd.NA, index=mutaties.index))],
            "Versie": [("" if is_empty(v) else str(int(v))) for v in mutaties["versie"]],
            "Gewijzigd": [format_tijdstip(v) for v in mutaties["gewijzigd_op"]],
            "Door": mutaties["gewijzigd_door"].fillna("").to_numpy(),
            "Toelichting": mutaties["toelichting"].fillna("").to_numpy(),
        }
    )


def format_dekking(dekking: pd.DataFrame) -> pd.DataFrame:
    """Coverage per transformation (from :func:`bedrijventerreinen.dekking.compute_dekking_per_planstatus`) for people."""
    uit = pd.DataFrame(
        {
            "Transformatie": dekking["mutatie_id"].to_numpy(),
            "Naam": dekking["naam"].to_numpy(),
            "Gemeente": dekking["gemeente"].to_numpy(),
            "Planstatus": [schema.label(schema.PLANSTATUS, p) for p in dekking["planstatus"]],
            "Hectare": [format_ha(v, 2) for v in dekking["ha"]],
        }
    )
    for c in schema.PLANSTATUS:
        uit[f"Gedekt {c.label.lower()}"] = [format_ha(v, 2) for v in dekking[f"gedekt_{c.code}_ha"]]
    uit["Tekort (hard)"] = [format_ha(v, 2) for v in dekking["tekort_hard_ha"]]
    uit["Tekort (alles)"] = [format_ha(v, 2) for v in dekking["tekort_ha"]]
    uit["Elders gecompenseerd"] = [format_ha(v, 2) for v in dekking["gedekt_elders_ha"]]
    return uit


def format_koppelingen(koppelingen: pd.DataFrame, mutaties: pd.DataFrame) -> pd.DataFrame:
    """The koppelingen with the names and gemeenten of both ends, for people."""
    m = mutaties.set_index("mutatie_id")
    return pd.DataFrame(
        {
            "Transformatie": koppelingen["transformatie_id"].to_numpy(),
            "Naam transformatie": koppelingen["transformatie_id"].map(m["naam"]).fillna("").to_numpy(),
            "Compensatie": koppelingen["compensatie_id"].to_numpy(),
            "Naam compensatie": koppelingen["compensatie_id"].map(m["naam"]).fillna("").to_numpy(),
            "Gemeente compensatie": koppelingen["compensatie_id"].map(m["gemeente"]).fillna("").to_numpy(),
            "Hectare": [format_ha(v, 2) for v in koppelingen["ha"]],
        }
    )


def format_audit(audit: pd.DataFrame) -> pd.DataFrame:
    """The audit log, newest first, with Dutch headers and ``28-11-2026 14:03`` times."""
    a = audit.iloc[::-1]
    return pd.DataFrame(
        {
            "Tijdstip": [format_tijdstip(t) for t in a["tijdstip"]],
            "Gebruiker": a["gebruiker"].fillna("").to_numpy(),
            "Actie": a["actie"].fillna("").to_numpy(),
            "Object": a["object_id"].fillna("").to_numpy(),
            "Veld": [VELD_LABEL.get(v, v) if isinstance(v, str) else "" for v in a["veld"]],
            "Oud": a["oud"].fillna("").to_numpy(),
            "Nieuw": a["nieuw"].fillna("").to_numpy(),
            "Resultaat": a["resultaat"].fillna("").to_numpy(),
        }
    )


def audit_csv(audit: pd.DataFrame) -> bytes:
    """The audit log as CSV for Excel (semicolon-separated, UTF-8 with BOM, CRLF), newest first;
    text that Excel would run as a formula is neutralised (:func:`bedrijventerreinen.export.neutraliseer_formules`)."""
    tabel = neutraliseer_formules(format_audit(audit))
    return tabel.to_csv(index=False, sep=";", lineterminator=CSV_REGELEINDE).encode("utf-8-sig")


def audit_xlsx(audit: pd.DataFrame) -> bytes:
    """The audit log as an Excel workbook (sheet 'Logboek'), newest first; formulas written as text."""
    buffer = io.BytesIO()
    neutraliseer_formules(format_audit(audit)).to_excel(buffer, index=False, sheet_name="Logboek")
    return buffer.getvalue()


def toon_waarde(veld: str, waarde: object) -> str:
    """A field value as people read it: labels for planstatus and soort, ``1,50 ha``, dates."""
    if is_empty(waarde):
        return ""
    if veld == "planstatus":
        return schema.label(schema.PLANSTATUS, str(waarde))
    if veld == "soort":
        return schema.label(schema.SOORTEN, str(waarde))
    if veld == "ha" and as_number(waarde) is not None:
        return format_ha(as_number(waarde), 2)
    if veld == "vervallen":
        return format_dag(waarde)
    return str(waarde)


def describe_conflict(basis: Mapping[str, object], huidig: Mapping[str, object] | None) -> pd.DataFrame:
    """What the other person changed: per field of ``basis`` (the object as the user started
    from it) that differs in ``huidig`` (the object now), the old and the new value."""
    if huidig is None:
        return pd.DataFrame({"Veld": ["(geheel)"], "U begon met": ["aanwezig"], "Nu": ["verwijderd"]})
    rijen = [
        (VELD_LABEL.get(k, k), toon_waarde(k, basis.get(k)), toon_waarde(k, v))
        for k, v in huidig.items()
        if k in (*BEWERKBAAR, "vervallen") and k in basis and normalize_veld(k, basis.get(k)) != normalize_veld(k, v)
    ]
    return pd.DataFrame(rijen, columns=["Veld", "U begon met", "Nu"]).drop_duplicates()


def mutatie_label(rij: Mapping[str, object]) -> str:
    """A short text for choosing a mutatie: ``T-04 · Werninkterrein (Leiden, 3,5 ha)``."""
    return f"{rij['mutatie_id']} · {rij['naam']} ({rij['gemeente']}, {format_ha(as_number(rij.get('ha')))})"


def regels_frame(object_: str | None = None) -> pd.DataFrame:
    """The validation rules as a table for people (code, object, field, what is checked)."""
    return pd.DataFrame(
        [
            (r.code, r.object, VELD_LABEL.get(r.veld, r.veld), r.beschrijving)
            for r in REGELS
            if object_ is None or r.object == object_
        ],
        columns=["Regel", "Object", "Veld", "Controle"],
    )
