"""Reading an upload into a validated layer: :func:`read_upload` and :func:`list_bronlagen`.

The upload is opened safely (:mod:`.uitpakken`), one source is read (:mod:`.lezen`), its
columns are mapped (:mod:`.kolommen`) and derived (:mod:`.afleiden`), and the layer is checked
and repaired (:mod:`bedrijventerreinen.validatie`). Reading never touches the store.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from .. import register, schema, strategy, validatie
from ..bestanden import InvoerFout
from ..strategy import Strategie
from ..validatie import Controle
from .afleiden import afleiden
from .kolommen import apply_kolomkoppeling, norm_kolom
from .lezen import geometrie_uit_tabel, read_ogr, read_tabel
from .resultaat import ImportResultaat, KolommenOntbreken
from .uitpakken import LIMIETEN, Bron, open_bronnen, veilige_naam


def read_upload(
    filename: str,
    data: bytes,
    laag: str = "terreinen",
    *,
    bronlaag: str | None = None,
    koppeling: dict[str, str] | None = None,
    strategie: Strategie | None = None,
    max_bytes: int | None = None,
) -> ImportResultaat:
    """Read an uploaded file as layer ``laag``, validate it and repair what can be repaired.

    Accepts GeoJSON, GeoPackage (``bronlaag`` picks the layer), a zipped shapefile (or a zip
    holding one of the other formats), CSV and XLSX with a WKT column or x/y columns.
    ``filename`` is only used for its extension and in messages; ``koppeling`` maps source
    columns to declared columns and wins over the automatic aliases. The CRS is recognised
    and everything is reprojected to EPSG:28992 (see :func:`validatie.place_crs`).

    Returns an :class:`ImportResultaat` whose ``meldingen`` say what was found and repaired
    and whether it blocks. Raises :class:`InvoerFout` (Dutch message) for a file it cannot
    accept at all, :class:`KolommenOntbreken` when required columns are missing. No other
    exception escapes. Reading never touches the store.
    """
    naam = veilige_naam(filename)
    if laag not in schema.LAGEN:
        raise InvoerFout(f"Onbekende laag '{veilige_naam(laag)}'.")
    try:
        return _read_upload(naam, data, laag, bronlaag, dict(koppeling or {}), strategie, max_bytes)
    except InvoerFout:
        raise
    except MemoryError as e:
        raise InvoerFout(f"Het bestand {naam} is te groot om in te lezen.") from e
    except Exception as e:
        raise InvoerFout(
            f"Het bestand {naam} kan niet worden gelezen: het is beschadigd of heeft een onverwachte opbouw."
        ) from e


def list_bronlagen(filename: str, data: bytes, max_bytes: int | None = None) -> list[str]:
    """The layers (GeoPackage), shapefiles or sheets in an upload, for the layer choice.

    Raises :class:`InvoerFout` for a file it cannot open.
    """
    naam = veilige_naam(filename)
    try:
        with tempfile.TemporaryDirectory(prefix="btm-import-") as tmp:
            return [b.naam for b in open_bronnen(naam, data, Path(tmp), max_bytes)]
    except InvoerFout:
        raise
    except Exception as e:
        raise InvoerFout(f"Het bestand {naam} kan niet worden geopend.") from e


def _read_upload(
    naam: str,
    data: bytes,
    laag: str,
    bronlaag: str | None,
    koppeling: dict[str, str],
    strategie: Strategie | None,
    max_bytes: int | None,
) -> ImportResultaat:
    """:func:`read_upload` without its last-resort error handling."""
    controle = Controle()
    with tempfile.TemporaryDirectory(prefix="btm-import-") as tmp:
        bronnen = open_bronnen(naam, data, Path(tmp), max_bytes)
        bron = _kies_bron(naam, bronnen, bronlaag, laag, controle)
        if bron.soort == "ogr":
            df, crs_opgegeven = read_ogr(naam, bron, controle)
        else:
            df = read_tabel(naam, bron, controle)
            controle.rij_verschuiving = 2  # header is row 1
            crs_opgegeven = False
    return _verwerk(naam, df, laag, bron, bronnen, koppeling, strategie, controle, crs_opgegeven)


def _kies_bron(naam: str, bronnen: list[Bron], bronlaag: str | None, laag: str, controle: Controle) -> Bron:
    """The source to read: the one named ``bronlaag``, the only one, the one named after the
    layer, else the first (reported)."""
    if bronlaag is not None:
        for b in bronnen:
            if b.naam == bronlaag:
                return b
        raise InvoerFout(f"De laag '{veilige_naam(bronlaag)}' staat niet in {naam}.")
    if len(bronnen) == 1:
        return bronnen[0]
    for b in bronnen:
        if b.naam.lower() == laag:
            return b
    controle.add(f"{naam} bevat {len(bronnen)} lagen; '{bronnen[0].naam}' is gelezen. Kies zo nodig een andere laag.")
    return bronnen[0]


def _verwerk(
    naam: str,
    df: pd.DataFrame,
    laag: str,
    bron: Bron,
    bronnen: list[Bron],
    koppeling: dict[str, str],
    strategie: Strategie | None,
    controle: Controle,
    crs_opgegeven: bool,
) -> ImportResultaat:
    """The source's frame as a checked layer ``laag``: geometry, column mapping, derived columns,
    CRS, geometry repair and attribute checks. Returns the :class:`ImportResultaat`."""
    df = _prepare_frame(naam, df, laag, bron, controle)
    bronkolommen = [c for c in df.columns if not (isinstance(df, gpd.GeoDataFrame) and c == df.geometry.name)]
    df, toegepast, notities = apply_kolomkoppeling(df, laag, koppeling)
    uit_bestand = [c for c in schema.kolomnamen(laag) if c in df.columns]
    df = _drop_botsende_kolommen(df, laag, controle)
    for n in notities:
        controle.add(n, veld="kolommen")
    uit_bestand += afleiden(df, laag, naam, controle)
    ontbrekend = [k.naam for k in schema.LAGEN[laag] if k.verplicht and k.naam not in df.columns]
    if ontbrekend:
        raise KolommenOntbreken(
            f"In {naam} ontbreken verplichte kolommen voor laag '{laag}': {', '.join(ontbrekend)}. "
            "Koppel de kolommen van het bestand aan de kolommen van de monitor.",
            ontbrekend,
            bronkolommen,
        )
    df = _validate(df, laag, strategie, controle, crs_opgegeven)
    return ImportResultaat(
        gdf=_conform(df, laag),
        meldingen=controle.meldingen,
        laag=laag,
        bestandsnaam=naam,
        bronlaag=bron.naam,
        bronlagen=[b.naam for b in bronnen],
        koppeling=toegepast,
        bronkolommen=bronkolommen,
        kolommen_uit_bestand=uit_bestand,
        blokkerende_rijen=sorted(controle.blokkerende_rijen),
    )


def _prepare_frame(naam: str, df: pd.DataFrame, laag: str, bron: Bron, controle: Controle) -> pd.DataFrame:
    """The source's frame with rows and columns within limits, clean text, the geometry the
    layer takes (read from a table where needed) and without GeoPackage id columns."""
    df = df.reset_index(drop=True)
    if len(df) == 0:
        raise InvoerFout(f"{naam} bevat geen rijen.")
    if len(df.columns) > LIMIETEN["max_kolommen"]:
        raise InvoerFout(
            f"{naam} heeft {len(df.columns)} kolommen; de monitor kan er hoogstens "
            f"{int(LIMIETEN['max_kolommen'])} bewaren. Laat de kolommen weg die niet nodig zijn."
        )
    df = validatie.normalize_tekst(df, controle)
    if not isinstance(df, gpd.GeoDataFrame) and bron.soort != "ogr":
        df = geometrie_uit_tabel(df, laag, controle)
    if schema.GEOMETRIE_VERPLICHT[laag] is None and isinstance(df, gpd.GeoDataFrame):
        df = pd.DataFrame(df.drop(columns=[df.geometry.name]))
    elif schema.GEOMETRIE_VERPLICHT[laag] and not isinstance(df, gpd.GeoDataFrame):
        raise InvoerFout(f"{naam} heeft geen geometrie; voor laag '{laag}' zijn vlakken nodig.")
    # Drop columns that would clash with the GeoPackage's own columns.
    geom = getattr(df, "_geometry_column_name", None)
    return df.drop(columns=[c for c in df.columns if norm_kolom(c) in ("fid", "ogcfid") and c != geom])


def _validate(
    df: pd.DataFrame, laag: str, strategie: Strategie | None, controle: Controle, crs_opgegeven: bool
) -> pd.DataFrame:
    """The mapped layer checked: CRS and geometry repaired, attributes checked against the
    strategy's gemeenten, location and bruto area checked, rows outside the region skipped.
    Returns the checked layer."""
    if isinstance(df, gpd.GeoDataFrame):
        try:
            df = validatie.place_crs(df, controle, crs_opgegeven)
        except ValueError as e:
            raise InvoerFout(str(e)) from e
        df = validatie.repair_geometrie(df, laag, controle)
    gemeenten = _gemeenten(strategie, controle)
    df = validatie.validate_attributen(df, laag, controle, gemeenten, max_naam=register.MAX_NAAM)
    if isinstance(df, gpd.GeoDataFrame):
        validatie.check_ligging(df, controle, gemeenten)
    if laag == "terreinen" and isinstance(df, gpd.GeoDataFrame):
        validatie.check_bruto_oppervlakte(df, controle)
    if laag == "terreinen" and gemeenten:
        df = _alleen_regio(df, gemeenten, controle)
    return df


def _gemeenten(strategie: Strategie | None, controle: Controle) -> tuple[str, ...] | None:
    """The strategy's gemeenten (the shipped strategy when none is given); None, reported,
    when the strategy cannot be read."""
    try:
        if strategie is None:
            strategie = strategy.load_strategie()
        return strategie.gemeenten
    except Exception:
        controle.add("De strategie kon niet worden gelezen; gemeenten zijn niet gecontroleerd.")
        return None


def _conform(df: pd.DataFrame, laag: str) -> pd.DataFrame:
    """The checked layer conformed to the schema; extra text columns as strings."""
    geom = df.geometry.name if isinstance(df, gpd.GeoDataFrame) else None
    for c in df.columns:
        if c not in schema.kolomnamen(laag) and c != geom and df[c].dtype == object:
            df[c] = df[c].astype("string")
    return schema.conform(df, laag)


def _alleen_regio(df: pd.DataFrame, gemeenten: tuple[str, ...], controle: Controle) -> pd.DataFrame:
    """Keep the parks of the strategy's gemeenten: a national or provincial register table goes
    in as it comes, and the rows of other gemeenten are skipped with one note (the regional
    figures only take the region's gemeenten)."""
    binnen = df["gemeente"].isin(list(gemeenten)).fillna(False).to_numpy(dtype=bool)
    if binnen.all():
        return df
    if not binnen.any():
        raise InvoerFout(
            f"Geen van de {len(df)} terreinen ligt in een gemeente van de strategie ({', '.join(gemeenten)})."
        )
    # findings keep the row numbers of the file; blocking rows are positions in what is kept
    verschuiving = controle.rij_verschuiving
    controle.meldingen = [
        m
        for m in controle.meldingen
        if m.rij is None or not (0 <= m.rij - verschuiving < len(binnen)) or binnen[m.rij - verschuiving]
    ]
    houd = np.flatnonzero(binnen)
    nieuw_pos = {int(oud): nieuw for nieuw, oud in enumerate(houd)}
    controle.blokkerende_rijen = {nieuw_pos[r] for r in controle.blokkerende_rijen if r in nieuw_pos}
    controle.add(
        f"{len(df) - len(houd)} van de {len(df)} terreinen liggen buiten de gemeenten van de strategie "
        "en zijn overgeslagen.",
        veld="gemeente",
    )
    return df.iloc[houd].reset_index(drop=True)


def _drop_botsende_kolommen(df: pd.DataFrame, laag: str, controle: Controle) -> pd.DataFrame:
    """Drop extra columns whose name clashes (ignoring case, as in a GeoPackage) with a declared
    column, with another extra column or with the GeoPackage's own columns; say which."""
    geom = df.geometry.name if isinstance(df, gpd.GeoDataFrame) else None
    bezet = {c.lower(): c for c in schema.kolomnamen(laag)} | {"fid": "fid", "geom": "geom", "geometry": "geometry"}
    weg = []
    for c in df.columns:
        if c == geom or c in schema.kolomnamen(laag):
            continue
        sleutel = str(c).strip().lower()
        if sleutel in bezet or not sleutel:
            weg.append(c)
            controle.add(
                f"Kolom '{validatie.kort(c)}' is niet overgenomen: de naam botst met kolom '{bezet.get(sleutel, '')}'.",
                veld="kolommen",
            )
        else:
            bezet[sleutel] = str(c)
    return df.drop(columns=weg) if weg else df
