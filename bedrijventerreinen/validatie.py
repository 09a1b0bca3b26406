"""Validation and repair of imported layers, before anything is written.

Every check returns :class:`Melding` objects (row, field, Dutch sentence, blocks yes/no)
and, where a safe repair exists, repairs the frame and says so. Checks are vectorised
over the whole layer: masks first, then at most :data:`MAX_MELDINGEN_PER_CONTROLE`
findings per check plus one summary line, so a 200,000-building layer full of problems
still gives a readable report. The row numbers of *all* rows with a blocking finding are
kept separately (:class:`Controle`), so the import can skip exactly those rows.

Rules as data: :data:`NEDERLAND_RD` (plausible extent), :data:`WAARDE_ALIASSEN`
(Planfase → planstatus and other value spellings), :data:`HA_GRENZEN`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import schema
from .formatting import format_getal, format_ha, parse_getal

#: Plausible extent of the Netherlands in RD New (x_min, y_min, x_max, y_max), with a margin.
NEDERLAND_RD: tuple[float, float, float, float] = (-10_000.0, 290_000.0, 300_000.0, 630_000.0)
#: Plausible extent of the Netherlands in WGS84 degrees (lon_min, lat_min, lon_max, lat_max).
NEDERLAND_WGS84: tuple[float, float, float, float] = (3.0, 50.6, 7.4, 53.7)

#: The region's gemeenten with their approximate centres (RD New), data with its source.
GEMEENTECENTRA_PAD = Path(__file__).resolve().parent.parent / "data" / "gemeenten_071.csv"
#: The region's area is the box around the centres of the strategy's gemeenten plus
#: ``marge_m``; a location further than ``max_afstand_m`` from the centre of the gemeente it
#: names gets a (non-blocking) finding.
REGIO_GRENZEN = {"marge_m": 10_000.0, "max_afstand_m": 5_000.0}

#: Findings per check shown individually; the rest is summarised in one line.
MAX_MELDINGEN_PER_CONTROLE = 50

#: Hectare limits: above ``max_ha`` a value is impossible (probably m² instead of ha);
#: ``bruto_afwijking`` is the relative difference from the contour area that gives a
#: warning when it is also more than ``bruto_afwijking_ha``.
HA_GRENZEN = {"max_ha": 5_000.0, "bruto_afwijking": 0.25, "bruto_afwijking_ha": 0.5, "tolerantie_ha": 0.05}

#: Accepted spellings of category values, per target column (lower-case keys).
#: Planfase (IBIS) → planstatus: onherroepelijk/vastgesteld are hard; ontwerp,
#: structuurvisie and onderzoekslocatie are zacht (DOMAIN.md, this product's convention).
WAARDE_ALIASSEN: dict[str, dict[str, str]] = {
    "planstatus": {
        "onherroepelijk": "hard",
        "vastgesteld": "hard",
        "ontwerp": "zacht",
        "voorontwerp": "zacht",
        "structuurvisie": "zacht",
        "onderzoekslocatie": "zacht",
        "gerealiseerd": "gerealiseerd",
        "uitgevoerd": "gerealiseerd",
        "hard": "hard",
        "zacht": "zacht",
        "idee": "idee",
    },
    "soort": {c.code: c.code for c in schema.SOORTEN},
    "koers": {c.code: c.code for c in schema.KOERSEN},
}

#: Category columns and their allowed codes per layer (after :data:`WAARDE_ALIASSEN`).
CATEGORIEEN: dict[str, dict[str, list[str]]] = {
    "terreinen": {"koers": schema.codes(schema.KOERSEN)},
    "mutaties": {"soort": schema.codes(schema.SOORTEN), "planstatus": schema.codes(schema.PLANSTATUS)},
}

#: The key of each layer (one or more columns); duplicate keys block an import.
SLEUTELS: dict[str, tuple[str, ...]] = {
    "terreinen": ("terrein_id",),
    "mutaties": ("mutatie_id",),
    "koppelingen": ("transformatie_id", "compensatie_id"),
    "kanszones": ("kanszone_id",),
    "panden": ("identificatie",),
}

#: Hectare columns that may not be negative, per layer.
HA_KOLOMMEN: dict[str, tuple[str, ...]] = {
    "terreinen": (
        "bruto_ha",
        "netto_ha",
        "uitgegeven_ha",
        "uitgeefbaar_terstond_ha",
        "uitgeefbaar_niet_terstond_ha",
    ),
    "mutaties": ("ha",),
    "koppelingen": ("ha",),
    "kanszones": ("potentie_ha", "potentie_m2_bvo"),
    "panden": ("hoogte",),
}

_TYPE_NAAM = {
    0: "een punt",
    1: "een lijn",
    2: "een ring",
    4: "een verzameling punten",
    5: "een verzameling lijnen",
    7: "een verzameling zonder vlakken",
}


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


# -- coordinate reference system ---------------------------------------------------------


def _in_box(b: np.ndarray, box: tuple[float, float, float, float]) -> bool:
    return bool(b[0] >= box[0] and b[1] >= box[1] and b[2] <= box[2] and b[3] <= box[3])


def _bounds(gdf: gpd.GeoDataFrame) -> np.ndarray | None:
    coords = shapely.get_coordinates(np.asarray(gdf.geometry.array))
    coords = coords[np.isfinite(coords).all(axis=1)]
    if len(coords) == 0:
        return None
    return np.array([coords[:, 0].min(), coords[:, 1].min(), coords[:, 0].max(), coords[:, 1].max()])


def _swap(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = gdf.copy()
    out[out.geometry.name] = gpd.GeoSeries(
        shapely.transform(np.asarray(gdf.geometry.array), lambda c: c[:, ::-1]), index=gdf.index
    )
    return out


def place_crs(gdf: gpd.GeoDataFrame, controle: Controle, crs_opgegeven: bool = True) -> gpd.GeoDataFrame:
    """Bring ``gdf`` to EPSG:28992, recognising the usual mistakes by the coordinates.

    * no CRS: RD New when the coordinates lie in the Dutch RD extent, WGS84 when they are
      Dutch degrees (also with swapped axes); otherwise :class:`ValueError` (Dutch text);
    * declared WGS84 (or missing, GeoJSON's default) but RD-sized numbers: read as RD;
    * WGS84 or RD with swapped axes (latitude first, or y before x): swapped back;
    * any other CRS: reprojected.
    Every guess and repair is reported as a non-blocking finding.
    """
    b = _bounds(gdf)
    crs = gdf.crs
    if b is None:
        return gdf.set_crs(schema.CRS_RD, allow_override=True)
    swapped = b[[1, 0, 3, 2]]
    if crs is None or not crs_opgegeven:
        if _in_box(b, NEDERLAND_RD):
            controle.add(
                "Het bestand geeft geen coördinatenstelsel; op grond van de coördinaten is RD New (EPSG:28992) aangenomen."
            )
            return gdf.set_crs(schema.CRS_RD, allow_override=True)
        if _in_box(b, NEDERLAND_WGS84):
            controle.add(
                "Het bestand geeft geen coördinatenstelsel; op grond van de coördinaten is WGS84 (lengte/breedte) aangenomen."
            )
            return gdf.set_crs(schema.CRS_WEB, allow_override=True).to_crs(schema.CRS_RD)
        if _in_box(swapped, NEDERLAND_WGS84):
            controle.add(
                "Het bestand geeft geen coördinatenstelsel en de coördinaten staan als breedte/lengte (omgedraaid); ze zijn omgedraaid en als WGS84 gelezen."
            )
            return _swap(gdf).set_crs(schema.CRS_WEB, allow_override=True).to_crs(schema.CRS_RD)
        if _in_box(swapped, NEDERLAND_RD):
            controle.add(
                "Het bestand geeft geen coördinatenstelsel en x en y zijn verwisseld; ze zijn omgedraaid en als RD New gelezen."
            )
            return _swap(gdf).set_crs(schema.CRS_RD, allow_override=True)
        raise ValueError(
            "Het bestand geeft geen coördinatenstelsel en de coördinaten passen niet bij Nederland "
            "(niet in RD New en niet in lengte/breedtegraden). Sla het bestand op met een coördinatenstelsel, "
            "bij voorkeur RD New (EPSG:28992)."
        )
    if crs.is_geographic:
        if _in_box(b, NEDERLAND_RD) and (abs(b[2]) > 360 or abs(b[3]) > 360):
            controle.add(
                f"Het bestand noemt {crs.name} (graden), maar de coördinaten zijn RD-meters; ze zijn als RD New (EPSG:28992) gelezen."
            )
            return gdf.set_crs(schema.CRS_RD, allow_override=True)
        if not _in_box(b, NEDERLAND_WGS84) and _in_box(swapped, NEDERLAND_WGS84):
            controle.add("Lengte- en breedtegraad zijn verwisseld; de coördinaten zijn omgedraaid.")
            gdf = _swap(gdf)
    elif crs.to_epsg() == 28992 and not _in_box(b, NEDERLAND_RD) and _in_box(swapped, NEDERLAND_RD):
        controle.add("De x- en y-coördinaten zijn verwisseld; ze zijn omgedraaid.")
        gdf = _swap(gdf)
    try:
        return gdf.to_crs(schema.CRS_RD)
    except Exception as e:
        raise ValueError(f"Het coördinatenstelsel {crs.name} kan niet naar RD New worden omgerekend.") from e


# -- geometry ----------------------------------------------------------------------------


def _polygonal(arr: np.ndarray) -> np.ndarray:
    """The polygonal parts of each geometry as a MultiPolygon (None when it has none)."""
    out = np.full(len(arr), None, dtype=object)
    if len(arr) == 0:
        return out
    parts, idx = shapely.get_parts(arr, return_index=True)
    for _ in range(2):  # collections may hold multipolygons
        multi = np.isin(shapely.get_type_id(parts), [4, 5, 6, 7])
        if not multi.any():
            break
        sub, sidx = shapely.get_parts(parts[multi], return_index=True)
        parts = np.concatenate([parts[~multi], sub])
        idx = np.concatenate([idx[~multi], idx[multi][sidx]])
    keep = (shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)
    if keep.any():
        uniq, inv = np.unique(idx[keep], return_inverse=True)
        out[uniq] = shapely.multipolygons(parts[keep], indices=inv)
    return out


def repair_geometrie(gdf: gpd.GeoDataFrame, laag: str, controle: Controle) -> gpd.GeoDataFrame:
    """Check and repair the geometry column (already in RD).

    NaN coordinates → no geometry; Z dropped; invalid polygons repaired with ``make_valid``
    (reported); polygons taken out of geometry collections (reported); points and lines
    where a polygon is needed block (layers with required geometry) or are dropped with a
    warning (mutaties, where the contour is optional); missing or empty geometry blocks
    where geometry is required; features outside the Netherlands block.
    """
    verplicht = bool(schema.GEOMETRIE_VERPLICHT[laag])
    # a park may come without contour (a register table), but a contour that is given and is
    # unusable blocks: the user meant to give one
    streng = verplicht or laag == "terreinen"
    veld = "geometrie"
    arr = np.asarray(gdf.geometry.array, dtype=object).copy()
    n = len(arr)

    coords, cidx = shapely.get_coordinates(arr, include_z=False, return_index=True)
    nan_rij = np.bincount(cidx[~np.isfinite(coords).all(axis=1)], minlength=n).astype(bool) if n else np.zeros(0, bool)
    controle.add_rijen(nan_rij, "Coördinaten ontbreken (NaN); deze geometrie is niet bruikbaar.", streng, veld)
    arr[nan_rij] = None

    met_m = shapely.has_m(arr)
    controle.add_rijen(
        met_m,
        "De geometrie heeft een M-waarde (maat) per punt; die wordt niet bewaard. Sla de contour op zonder M "
        "(alleen x en y).",
        True,
        veld,
    )
    arr[met_m] = shapely.force_2d(arr[met_m])
    if shapely.has_z(arr).any():
        arr = shapely.force_2d(arr)
        controle.add("Hoogtewaarden (Z) in de geometrie zijn genegeerd.", veld=veld)

    leeg = shapely.is_missing(arr) | shapely.is_empty(arr)
    typ = shapely.get_type_id(arr)
    vlak = np.isin(typ, [3, 6])
    collectie = typ == 7
    ongeldig = vlak & ~leeg & ~shapely.is_valid(arr)
    if ongeldig.any():
        controle.add_rijen(
            ongeldig,
            per_rij(
                lambda g: (
                    f"Ongeldige geometrie ({_reden_nl(shapely.is_valid_reason(g))}) is hersteld met "
                    "make_valid; controleer de contour."
                ),
                arr,
            ),
            False,
            veld,
        )
    herstel = ongeldig | collectie
    if herstel.any():
        arr[herstel] = _polygonal(shapely.make_valid(arr[herstel]))
    if collectie.any():
        met_vlak = collectie & ~shapely.is_missing(arr)
        controle.add_rijen(met_vlak, "Geometrieverzameling: alleen de vlakken zijn overgenomen.", False, veld)

    geen_vlak = ~leeg & ~vlak & (~collectie | shapely.is_missing(arr))
    if geen_vlak.any():
        soort = pd.Series(typ).map(_TYPE_NAAM).fillna("geen vlak").to_numpy()
        if streng:
            teksten = per_rij(lambda s: f"De geometrie is {s}; voor deze laag is een vlak (polygoon) nodig.", soort)
            controle.add_rijen(geen_vlak, teksten, True, veld)
        else:
            teksten = per_rij(lambda s: f"De geometrie is {s}, geen vlak; de contour is weggelaten.", soort)
            controle.add_rijen(geen_vlak, teksten, False, veld)
            arr[geen_vlak] = None

    arr[~shapely.is_missing(arr) & shapely.is_empty(arr)] = None
    if streng and not verplicht and shapely.is_missing(arr).any():
        n_zonder = int((shapely.is_missing(arr) & ~nan_rij & ~geen_vlak).sum())
        if n_zonder:
            controle.add(
                f"{format_getal(n_zonder, 0)} terreinen zonder contour: ze tellen mee in alle cijfers, maar staan "
                "niet op de kaart tot er een contour is (inlezen of tekenen).",
                veld=veld,
            )
    if verplicht:
        ontbreekt = shapely.is_missing(arr) & ~nan_rij & ~geen_vlak
        controle.add_rijen(
            ontbreekt, "De geometrie ontbreekt of is leeg; voor deze laag is een vlak nodig.", True, veld
        )

    b = shapely.bounds(arr)
    x0, y0, x1, y1 = NEDERLAND_RD
    with np.errstate(invalid="ignore"):
        buiten = ~shapely.is_missing(arr) & ((b[:, 0] < x0) | (b[:, 1] < y0) | (b[:, 2] > x1) | (b[:, 3] > y1))
    controle.add_rijen(
        buiten, "De geometrie ligt (deels) buiten Nederland; controleer het coördinatenstelsel.", True, veld
    )

    out = gdf.copy()
    out[out.geometry.name] = gpd.GeoSeries(arr, index=gdf.index, crs=gdf.crs)
    return out


def load_gemeentecentra(pad: str | Path | None = None) -> pd.DataFrame:
    """The gemeente centres (gemeente, x_rd, y_rd) of :data:`GEMEENTECENTRA_PAD`; empty when
    the file is missing or unreadable (the location checks are then skipped)."""
    try:
        df = pd.read_csv(pad or GEMEENTECENTRA_PAD, comment="#", dtype={"gemeente": str})
        return df[["gemeente", "x_rd", "y_rd"]].astype({"x_rd": "float64", "y_rd": "float64"})
    except (OSError, ValueError, KeyError, pd.errors.ParserError):
        return pd.DataFrame({"gemeente": pd.Series(dtype=str), "x_rd": [], "y_rd": []})


def check_ligging(
    gdf: gpd.GeoDataFrame,
    controle: Controle,
    gemeenten: Sequence[str] | None,
    centra: pd.DataFrame | None = None,
) -> None:
    """Locations checked against the region and the gemeente they name (``gdf`` in RD).

    Blocking: a geometry (partly) outside the region's area, the box around the centres of the
    strategy's ``gemeenten`` plus :data:`REGIO_GRENZEN` ``marge_m``. Not blocking: a geometry
    more than ``max_afstand_m`` from the centre of its own gemeente. Skipped when a gemeente of
    the strategy has no centre in the data (another region).
    """
    if not gemeenten or len(gdf) == 0:
        return
    centra = load_gemeentecentra() if centra is None else centra
    regio = centra[centra["gemeente"].isin(list(gemeenten))]
    if regio.empty or set(regio["gemeente"]) != set(gemeenten):
        return
    arr = np.asarray(gdf.geometry.array, dtype=object)
    aanwezig = ~shapely.is_missing(arr) & ~shapely.is_empty(arr)
    if not aanwezig.any():
        return
    marge = REGIO_GRENZEN["marge_m"]
    x0, x1 = regio["x_rd"].min() - marge, regio["x_rd"].max() + marge
    y0, y1 = regio["y_rd"].min() - marge, regio["y_rd"].max() + marge
    b = shapely.bounds(arr)
    with np.errstate(invalid="ignore"):
        buiten = aanwezig & ((b[:, 0] < x0) | (b[:, 1] < y0) | (b[:, 2] > x1) | (b[:, 3] > y1))
    controle.add_rijen(
        buiten,
        "De geometrie ligt (deels) buiten de regio van de strategie; controleer het coördinatenstelsel en de ligging.",
        True,
        "geometrie",
    )
    if "gemeente" not in gdf.columns:
        return
    per_gemeente = regio.set_index("gemeente")
    gem = gdf["gemeente"].astype("string")
    x = gem.map(per_gemeente["x_rd"]).astype("float64").to_numpy()
    y = gem.map(per_gemeente["y_rd"]).astype("float64").to_numpy()
    bekend = aanwezig & ~buiten & np.isfinite(x) & np.isfinite(y)
    afstand = np.full(len(arr), np.nan)
    if bekend.any():
        afstand[bekend] = shapely.distance(arr[bekend], shapely.points(x[bekend], y[bekend]))
    with np.errstate(invalid="ignore"):
        ver = bekend & (afstand > REGIO_GRENZEN["max_afstand_m"])
    controle.add_rijen(
        ver,
        per_rij(
            lambda g, a: (
                f"De geometrie ligt {format_getal(a / 1000, 1)} km van het centrum van {g}; klopt de gemeente?"
            ),
            gem,
            afstand,
        ),
        False,
        "gemeente",
    )


def _reden_nl(reden: str) -> str:
    r = reden.lower()
    if "self-intersection" in r or "self intersection" in r:
        return "snijdt zichzelf"
    if "ring" in r and ("closed" in r or "invalid" in r):
        return "ring niet gesloten"
    if "too few points" in r:
        return "te weinig punten"
    if "hole" in r:
        return "gat buiten de buitenrand"
    return "topologiefout"


# -- attributes --------------------------------------------------------------------------


def parse_getallen(s: pd.Series) -> pd.Series:
    """Numbers from text by the one rule of :func:`formatting.parse_getal` ('12,5', '1.250,5',
    '1,250.5' and '12.5'; '1.250' is ambiguous and refused).

    Returns float64 with NaN where the text is empty, not a number or ambiguous; see
    :func:`getal_fouten` for the Dutch reason per value. Vectorised over the unique values.
    """
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        return pd.to_numeric(s, errors="coerce").astype("float64")
    tekst = s.astype("string").str.strip()
    waarden = _lees_getallen(tekst)
    return tekst.map(lambda t: np.nan if t is pd.NA else waarden.get(t, (np.nan, ""))[0]).astype("float64")


def getal_fouten(s: pd.Series) -> pd.Series:
    """Per value of ``s``: the Dutch reason it is not one number (:func:`formatting.parse_getal`),
    or an empty string (also for empty values)."""
    if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
        return pd.Series("", index=s.index, dtype="string")
    tekst = s.astype("string").str.strip()
    waarden = _lees_getallen(tekst)
    return tekst.map(lambda t: "" if t is pd.NA else waarden.get(t, (np.nan, ""))[1]).astype("string")


def _lees_getallen(tekst: pd.Series) -> dict[str, tuple[float, str]]:
    uit: dict[str, tuple[float, str]] = {}
    for t in tekst.dropna().unique():
        if t == "":
            continue
        try:
            uit[t] = (parse_getal(t), "")
        except ValueError as e:
            uit[t] = (np.nan, str(e))
    return uit


#: Characters removed from imported text: NUL and other control characters (tab, CR and LF
#: stay), bidi controls, zero-width characters, the soft hyphen and the byte-order mark.
ONZICHTBARE_TEKENS = (
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def normalize_tekst(df: pd.DataFrame, controle: Controle) -> pd.DataFrame:
    """Text columns in Unicode NFC, without :data:`ONZICHTBARE_TEKENS` (so ``LEI-01`` and
    ``LEI-01`` with a zero-width space are the same id); one non-blocking finding per column
    where characters were removed."""
    geom = df.geometry.name if isinstance(df, gpd.GeoDataFrame) else None
    out = df
    for c in df.columns:
        if c == geom or not (pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c])):
            continue
        kolom = df[c]
        is_tekst = kolom.map(lambda v: isinstance(v, str)).astype(bool)
        if not is_tekst.any():
            continue
        tekst = kolom[is_tekst].astype("string")
        schoon = tekst.str.replace(ONZICHTBARE_TEKENS, "", regex=True).str.normalize("NFC")
        verwijderd = tekst.str.contains(ONZICHTBARE_TEKENS, regex=True).fillna(False)
        if not schoon.equals(tekst):
            if out is df:
                out = df.copy()
            out[c] = kolom.astype(object).where(~is_tekst, schoon.astype(object).reindex(kolom.index))
        if verwijderd.any():
            controle.add(
                f"Kolom '{_kort(c)}': onzichtbare tekens of stuurtekens (zoals NUL, richtingstekens of spaties "
                f"zonder breedte) zijn verwijderd in {format_getal(int(verwijderd.sum()), 0)} waarden.",
                veld=str(c),
            )
    return out


def normalize_ids(s: pd.Series) -> pd.Series:
    """Keys as text: whole numbers without '.0' (IBIS RIN numbers read as floats), trimmed."""
    if pd.api.types.is_float_dtype(s):
        heel = s.dropna()
        if (heel == heel.round()).all():
            return s.round().astype("Int64").astype("string")
    return s.astype("string").str.strip().replace("", pd.NA)


def validate_attributen(
    df: pd.DataFrame,
    laag: str,
    controle: Controle,
    gemeenten: tuple[str, ...] | list[str] | None = None,
) -> pd.DataFrame:
    """Check and normalise the declared columns of ``laag`` (already mapped to declared names).

    Numbers are parsed Dutch-style; category values are matched without case and through
    :data:`WAARDE_ALIASSEN` (Planfase → planstatus); gemeente names are matched to the
    strategy's spelling. Blocking: empty required values, text in number columns, unknown
    category codes, negative or impossible hectares, netto larger than bruto, duplicate
    keys. Warnings: gemeente outside the strategy, issued plus issuable more than netto,
    milieucategorie outside 1–6, bruto far from the contour's area.
    """
    from .strategy import normalize_naam  # local: strategy is not needed by the readers

    out = df.copy()
    kolommen = {k.naam: k for k in schema.LAGEN[laag]}
    for naam, k in kolommen.items():
        if naam not in out.columns:
            continue
        if k.dtype in ("float64", "Int64"):
            ruw = out[naam]
            getal = parse_getallen(ruw)
            getal = getal.where(np.isfinite(getal))
            tekst = ruw.astype("string").str.strip()
            reden = getal_fouten(ruw)
            fout = (getal.isna() & tekst.notna() & tekst.ne("")).fillna(False)
            controle.add_rijen(
                fout.to_numpy(),
                per_rij(
                    lambda t, r, n=naam: f"Kolom {n}: {r}" if r else f"'{_kort(t)}' in kolom {n} is geen getal.",
                    tekst,
                    reden,
                ),
                True,
                naam,
            )
            if k.dtype == "Int64":
                # a year or category is a whole number: 2025.5 is not silently 2026
                gebroken = (getal.notna() & getal.ne(getal.round())).fillna(False)
                controle.add_rijen(
                    gebroken.to_numpy(),
                    per_rij(lambda t, n=naam: f"'{_kort(t)}' in kolom {n} is geen heel getal.", tekst),
                    True,
                    naam,
                )
                te_groot = (getal.abs() > 2**53).fillna(False)
                controle.add_rijen(
                    te_groot.to_numpy(),
                    per_rij(lambda t, n=naam: f"'{_kort(t)}' in kolom {n} is onmogelijk groot.", tekst),
                    True,
                    naam,
                )
                getal = getal.where(~te_groot)
            out[naam] = getal if k.dtype == "float64" else getal.round().astype("Int64")
        elif naam in ("terrein_id", "mutatie_id", "kanszone_id", "identificatie", "transformatie_id", "compensatie_id"):
            out[naam] = normalize_ids(out[naam])
        else:
            out[naam] = out[naam].astype("string").str.strip().replace("", pd.NA)
        if k.verplicht:
            leeg = out[naam].isna().to_numpy()
            controle.add_rijen(leeg, f"Verplichte waarde {naam} is leeg.", True, naam)

    for naam, toegestaan in CATEGORIEEN.get(laag, {}).items():
        if naam not in out.columns:
            continue
        waarde = out[naam].str.lower()
        genormaliseerd = waarde.map(WAARDE_ALIASSEN.get(naam, {})).astype("string")
        onbekend = waarde.notna() & genormaliseerd.isna()
        controle.add_rijen(
            onbekend.to_numpy(),
            per_rij(
                lambda v, n=naam, t=toegestaan: f"Onbekende {n} '{_kort(v)}'; toegestaan: {', '.join(t)}.", out[naam]
            ),
            True,
            naam,
        )
        out[naam] = genormaliseerd.where(~onbekend, out[naam])

    if "gemeente" in out.columns and gemeenten:
        sleutel = {normalize_naam(g): g for g in gemeenten}
        uniek = {g: sleutel.get(normalize_naam(g)) for g in out["gemeente"].dropna().unique()}
        genorm = out["gemeente"].map(uniek)
        out["gemeente"] = genorm.astype("string").fillna(out["gemeente"])
        buiten = out["gemeente"].notna() & genorm.isna()
        controle.add_rijen(
            buiten.to_numpy(),
            per_rij(
                lambda g: f"Gemeente '{_kort(g)}' hoort niet bij de regio van de strategie; de rij telt apart mee.",
                out["gemeente"],
            ),
            False,
            "gemeente",
        )

    for naam in HA_KOLOMMEN.get(laag, ()):
        if naam not in out.columns:
            continue
        v = out[naam].astype("float64")
        negatief = (v < 0).fillna(False).to_numpy()
        controle.add_rijen(negatief, f"{naam} is negatief; dat kan niet.", True, naam)
        if naam.endswith("_ha") or naam == "ha":
            groot = (v > HA_GRENZEN["max_ha"]).fillna(False).to_numpy()
            controle.add_rijen(
                groot,
                per_rij(
                    lambda x, n=naam: f"{n} = {format_ha(x)} is onmogelijk groot; staan er m² in plaats van ha?", v
                ),
                True,
                naam,
            )

    if "naam" in out.columns:
        from .register import MAX_NAAM  # local: register imports the store, which imports the readers

        lang = out["naam"].astype("string").str.len().gt(MAX_NAAM).fillna(False)
        controle.add_rijen(
            lang.to_numpy(),
            per_rij(
                lambda t: f"De naam '{_kort(t)}' is {format_getal(len(str(t)), 0)} tekens; hoogstens {MAX_NAAM} mag.",
                out["naam"],
            ),
            True,
            "naam",
        )
    if laag == "terreinen":
        _check_terreinen(out, controle)
    if "milieucategorie_max" in out.columns:
        mc = out["milieucategorie_max"]
        fout = (mc.notna() & ~mc.between(1, 6)).fillna(False).to_numpy()
        controle.add_rijen(fout, "Milieucategorie moet tussen 1 en 6 liggen.", False, "milieucategorie_max")
    if "jaar" in out.columns:
        fout = (out["jaar"].notna() & ~out["jaar"].between(1900, 2100)).fillna(False).to_numpy()
        controle.add_rijen(fout, "Jaar ligt niet tussen 1900 en 2100.", False, "jaar")

    sleutel = [c for c in SLEUTELS[laag] if c in out.columns]
    if len(sleutel) == len(SLEUTELS[laag]):
        dubbel = out.duplicated(subset=sleutel, keep=False) & out[sleutel].notna().all(axis=1)
        if dubbel.any():
            tekst = out[sleutel[0]].astype("string")
            for k in sleutel[1:]:
                tekst = tekst + " → " + out[k].astype("string")
            aantal = tekst.map(tekst[dubbel].value_counts()).fillna(0).astype(int)
            controle.add_rijen(
                dubbel.to_numpy(),
                per_rij(lambda t, a: f"{'/'.join(sleutel)} '{_kort(t)}' komt {a} keer voor.", tekst, aantal),
                True,
                sleutel[0],
            )
    return out


def _check_terreinen(out: pd.DataFrame, controle: Controle) -> None:
    tol = HA_GRENZEN["tolerantie_ha"]
    bruto, netto = out["bruto_ha"], out["netto_ha"]
    te_groot = (netto > bruto + tol).fillna(False).to_numpy()
    controle.add_rijen(
        te_groot,
        per_rij(lambda n, b: f"Netto {format_ha(n)} is groter dan bruto {format_ha(b)}; dat kan niet.", netto, bruto),
        True,
        "netto_ha",
    )
    delen = [
        c for c in ("uitgegeven_ha", "uitgeefbaar_terstond_ha", "uitgeefbaar_niet_terstond_ha") if c in out.columns
    ]
    if delen:
        som = out[delen].astype("float64").fillna(0).sum(axis=1)
        meer = (som > netto + tol).fillna(False).to_numpy()
        controle.add_rijen(
            meer,
            per_rij(
                lambda s, n: f"Uitgegeven plus uitgeefbaar ({format_ha(s)}) is meer dan netto ({format_ha(n)}).",
                som,
                netto,
            ),
            False,
            "netto_ha",
        )


def check_bruto_oppervlakte(gdf: gpd.GeoDataFrame, controle: Controle) -> None:
    """Warn where the stated bruto_ha differs much from the area of the contour (RD, ha)."""
    opp = pd.Series(shapely.area(np.asarray(gdf.geometry.array)), index=gdf.index) / schema.M2_PER_HA
    bruto = gdf["bruto_ha"].astype("float64")
    verschil = (bruto - opp).abs()
    afwijking = (
        (verschil > HA_GRENZEN["bruto_afwijking_ha"]) & (verschil > HA_GRENZEN["bruto_afwijking"] * opp) & opp.gt(0)
    ).fillna(False)
    controle.add_rijen(
        afwijking.to_numpy(),
        per_rij(
            lambda b, o: f"Bruto {format_ha(b)} wijkt sterk af van de oppervlakte van de contour ({format_ha(o)}).",
            bruto,
            opp,
        ),
        False,
        "bruto_ha",
    )


def _kort(tekst: object, n: int = 40) -> str:
    t = "" if tekst is None or tekst is pd.NA else str(tekst)
    t = "".join(c if c.isprintable() else " " for c in t)
    return t if len(t) <= n else t[: n - 1] + "…"
