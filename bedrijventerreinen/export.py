"""Exports of the monitor's data: GeoPackage, GeoJSON, CSV and an Excel workbook.

Every function returns the file as bytes (for a download button) and writes nothing
outside a temporary folder. Formats as a municipal GIS officer expects them:

* GeoPackage: all layers in EPSG:28992 (RD New), opens in QGIS/ArcGIS; reading it back
  with :func:`bedrijventerreinen.io.read_upload` gives the same data.
* GeoJSON: one layer, RFC 7946 (WGS84, longitude/latitude, 7 decimals).
* CSV: one layer, ``;``-separated with decimal comma and UTF-8 with BOM (opens correctly
  in Dutch Excel), geometry as WKT in RD in the column ``geometrie``.
* Excel: hectare balance, compensation coverage and findings with Dutch headers and
  number formats (``#.##0,0 ha`` in a Dutch Excel), plus a sheet saying what it is.
"""

from __future__ import annotations

import datetime as dt
import io as _io
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from . import schema
from .balance import BALANS_UITLEG, REGIO
from .formatting import format_datum

if TYPE_CHECKING:
    from .monitor import Monitorstand

#: Layers in the order they are exported.
EXPORT_LAGEN = ("terreinen", "mutaties", "koppelingen", "kanszones", "panden")

#: Dutch headers of the coverage sheet (columns of balance.compute_compensatiedekking).
DEKKING_KOPPEN: dict[str, str] = {
    "mutatie_id": "Transformatie",
    "naam": "Naam",
    "gemeente": "Gemeente",
    "planstatus": "Planstatus",
    "jaar": "Jaar",
    "ha": "Transformatie (ha)",
    "gedekt_ha": "Gedekt (ha)",
    "tekort_ha": "Ongedekt (ha)",
    "dekking": "Dekking",
    "gedekt_elders_ha": "Gedekt in andere gemeente (ha)",
}
#: Dutch headers of the findings sheet (columns of toetsing.bevindingen_frame).
BEVINDINGEN_KOPPEN: dict[str, str] = {
    "ernst": "Ernst",
    "gemeente": "Gemeente",
    "object_id": "Object",
    "tekst": "Bevinding",
    "code": "Regel",
}
#: Excel number formats (US notation in the file; Excel shows them in the user's locale).
FORMAAT_HA = '#,##0.0" ha"'
FORMAAT_PCT = "0%"
FORMAAT_JAAR = "0"


def export_bestandsnaam(soort: str, laag: str | None = None, datum: dt.date | None = None) -> str:
    """A download name like ``monitor071_terreinen_2026-11-28.geojson``."""
    d = (datum or dt.date.today()).isoformat()
    ext = {"gpkg": "gpkg", "geojson": "geojson", "csv": "csv", "xlsx": "xlsx"}[soort]
    return f"monitor071_{laag + '_' if laag else ''}{d}.{ext}"


def _as_frame(df: pd.DataFrame, laag: str) -> pd.DataFrame:
    out = schema.conform(df, laag)
    if isinstance(out, gpd.GeoDataFrame):
        out = out.to_crs(schema.CRS_RD) if out.crs is not None else out.set_crs(schema.CRS_RD)
    return out


def _beschrijving(voorbeeld: bool) -> dict[str, str]:
    """Layer option that marks a layer of sample data (the GeoPackage's layer description,
    a GeoJSON's ``description`` member; QGIS shows it with the layer)."""
    return {"DESCRIPTION": schema.VOORBEELD_TEKST} if voorbeeld else {}


def export_gpkg(lagen: dict[str, pd.DataFrame], voorbeeld_lagen: Iterable[str] = ()) -> bytes:
    """All ``lagen`` in one GeoPackage (EPSG:28992; koppelingen as an attribute table); each
    layer of ``voorbeeld_lagen`` is described as sample data (no official figures)."""
    voorbeeld = set(voorbeeld_lagen)
    with tempfile.TemporaryDirectory(prefix="btm-export-") as tmp:
        pad = Path(tmp) / "export.gpkg"
        for laag in EXPORT_LAGEN:
            if laag not in lagen:
                continue
            df = _as_frame(lagen[laag], laag)
            opties = _beschrijving(laag in voorbeeld)
            if isinstance(df, gpd.GeoDataFrame):
                pyogrio.write_dataframe(
                    df,
                    pad,
                    layer=laag,
                    driver="GPKG",
                    geometry_type="MultiPolygon",
                    promote_to_multi=True,
                    layer_options=opties,
                )
            else:
                pyogrio.write_dataframe(pd.DataFrame(df), pad, layer=laag, driver="GPKG", layer_options=opties)
        return pad.read_bytes()


def export_geojson(df: pd.DataFrame, laag: str, voorbeeld: bool = False) -> bytes:
    """One layer as RFC 7946 GeoJSON (WGS84). A layer without geometry gets null geometries;
    with ``voorbeeld`` the collection's ``description`` says it is sample data."""
    out = _as_frame(df, laag)
    if not isinstance(out, gpd.GeoDataFrame):
        out = gpd.GeoDataFrame(out, geometry=gpd.GeoSeries([None] * len(out), index=out.index), crs=schema.CRS_RD)
    out = out.to_crs(schema.CRS_WEB)
    with tempfile.TemporaryDirectory(prefix="btm-export-") as tmp:
        pad = Path(tmp) / f"{laag}.geojson"
        opties = {"RFC7946": "YES", "WRITE_NAME": "NO", **_beschrijving(voorbeeld)}
        pyogrio.write_dataframe(out, pad, driver="GeoJSON", layer_options=opties)
        return pad.read_bytes()


#: First characters that make a spreadsheet run a text cell as a formula (OWASP "CSV injection"):
#: = + - @, tab and carriage return, and the full-width = + - @.
FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: Line end of the CSV exports (RFC 4180): a CR or LF inside a text cell is then always quoted,
#: so it cannot start a new row (and a formula at its start).
CSV_REGELEINDE = "\r\n"


def neutraliseer_formules(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell (and column name) that a spreadsheet would run as a formula
    prefixed with a single quote, as OWASP advises: ``=HYPERLINK(…)`` is written as
    ``'=HYPERLINK(…)`` and shows as text, also in the Excel workbook (where openpyxl would
    otherwise write a formula cell). Numbers, dates and missing values stay as they are.
    Every CSV and Excel export goes through this: :func:`export_csv`, :func:`export_xlsx`
    and the audit log (:func:`bedrijventerreinen.register.audit_csv`)."""

    def veilig(waarde: object) -> object:
        return "'" + waarde if isinstance(waarde, str) and waarde.startswith(FORMULE_BEGIN) else waarde

    out = pd.DataFrame(df).copy()
    for kolom in out.columns:
        reeks = out[kolom]
        if not (
            pd.api.types.is_numeric_dtype(reeks)
            or pd.api.types.is_bool_dtype(reeks)
            or pd.api.types.is_datetime64_any_dtype(reeks)
        ):
            out[kolom] = reeks.astype(object).map(veilig)
    out.columns = [veilig(k) for k in out.columns]
    return out


def export_csv(df: pd.DataFrame, laag: str) -> bytes:
    """One layer as CSV for Dutch Excel: ``;``, decimal comma, UTF-8 with BOM, CRLF line ends;
    geometry as WKT (RD New, centimetre precision) in the last column ``geometrie``. Text that
    a spreadsheet would run as a formula is neutralised (:func:`neutraliseer_formules`)."""
    out = _as_frame(df, laag)
    if isinstance(out, gpd.GeoDataFrame):
        geom = out.geometry.array
        wkt = shapely.to_wkt(geom, rounding_precision=2, trim=True)
        out = pd.DataFrame(out.drop(columns=[out.geometry.name]))
        out["geometrie"] = wkt
    out = neutraliseer_formules(out)
    return out.to_csv(sep=";", decimal=",", index=False, lineterminator=CSV_REGELEINDE).encode("utf-8-sig")


def export_monitor_xlsx(stand: Monitorstand, toelichting: list[tuple[str, str]] | None = None) -> bytes:
    """The Excel workbook of one selection: :func:`export_xlsx` of the balance, the coverage
    per counted transformation and the findings of ``stand``
    (:func:`bedrijventerreinen.monitor.compute_monitor`), so the workbook holds the very
    figures the Overzicht shows."""
    return export_xlsx(stand.balans, stand.dekking, stand.bevindingen, toelichting=toelichting)


def export_xlsx(
    balans: pd.DataFrame,
    dekking: pd.DataFrame,
    bevindingen: pd.DataFrame,
    *,
    titel: str = "Bedrijventerreinenmonitor 071",
    toelichting: list[tuple[str, str]] | None = None,
) -> bytes:
    """An Excel workbook: 'Hectarebalans' (from balance.compute_hectarebalans, the regio row
    labelled 'Totaal'), 'Compensatiedekking' (balance.compute_compensatiedekking),
    'Bevindingen' (toetsing.bevindingen_frame) and 'Over deze export' (``toelichting``:
    label/value pairs such as the data status and the planstatus choice).

    Headers are Dutch; hectares carry the number format ``#,##0.0 "ha"`` and coverage a
    percentage format, so Excel shows ``1.234,5 ha`` in a Dutch locale. Text that Excel would
    run as a formula is written as text (:func:`neutraliseer_formules`).
    """
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    blad_balans = pd.DataFrame({"Gemeente": balans["gemeente"].replace({REGIO: "Totaal"})})
    formaten: dict[str, dict[str, str]] = {"Hectarebalans": {}, "Compensatiedekking": {}, "Bevindingen": {}}
    for kolom, (label, _) in BALANS_UITLEG.items():
        if kolom == "verkeerslicht":
            blad_balans[label] = balans[kolom].map(lambda v: schema.label(schema.VERKEERSLICHT, v)).to_numpy()
        else:
            blad_balans[label] = balans[kolom].astype(float).to_numpy()
            formaten["Hectarebalans"][label] = FORMAAT_HA
    blad_balans["Toelichting"] = balans["verkeerslicht_reden"].to_numpy()

    blad_dekking = dekking[[c for c in DEKKING_KOPPEN if c in dekking.columns]].rename(columns=DEKKING_KOPPEN)
    if "planstatus" in dekking.columns:
        blad_dekking["Planstatus"] = dekking["planstatus"].map(lambda v: schema.label(schema.PLANSTATUS, v)).to_numpy()
    for c in ("ha", "gedekt_ha", "tekort_ha", "gedekt_elders_ha"):
        formaten["Compensatiedekking"][DEKKING_KOPPEN[c]] = FORMAAT_HA
    formaten["Compensatiedekking"]["Dekking"] = FORMAAT_PCT
    formaten["Compensatiedekking"]["Jaar"] = FORMAAT_JAAR
    if "jaar" in dekking.columns:
        blad_dekking["Jaar"] = dekking["jaar"].astype("Float64").to_numpy(dtype="float64", na_value=float("nan"))

    blad_bev = bevindingen[[c for c in BEVINDINGEN_KOPPEN if c in bevindingen.columns]].rename(
        columns=BEVINDINGEN_KOPPEN
    )
    if "ernst" in bevindingen.columns:
        blad_bev["Ernst"] = bevindingen["ernst"].map(lambda v: schema.label(schema.ERNST, v)).to_numpy()

    over = pd.DataFrame(
        [("Titel", titel), ("Gemaakt op", format_datum(dt.datetime.now())), *(toelichting or [])],
        columns=["Onderwerp", "Waarde"],
    )
    bladen = {
        "Hectarebalans": blad_balans,
        "Compensatiedekking": blad_dekking,
        "Bevindingen": blad_bev,
        "Over deze export": over,
    }
    buf = _io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for naam, blad in bladen.items():
            df = neutraliseer_formules(blad)  # text that looks like a formula stays text
            df.to_excel(writer, sheet_name=naam, index=False)
            ws = writer.sheets[naam]
            ws.freeze_panes = "A2"
            for i, kolom in enumerate(df.columns, start=1):
                letter = get_column_letter(i)
                ws[f"{letter}1"].font = Font(bold=True)
                breedte = max([len(str(kolom))] + [len(str(v)) for v in df[kolom].head(200)]) + 2
                ws.column_dimensions[letter].width = min(max(breedte, 10), 80)
                formaat = formaten.get(naam, {}).get(kolom)
                if formaat:
                    for cel in ws[letter][1:]:
                        cel.number_format = formaat
    return buf.getvalue()
