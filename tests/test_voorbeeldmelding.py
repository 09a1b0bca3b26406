"""The sample-data notice per layer: one sentence names the layers that still hold sample data,
and every place says it alike — the page banner (AppTest of the Overzicht), the handout (text
read back with pypdf), the vergadermodus and the Excel export. A real stock imported onto the
sample keeps naming the sample layers; restoring a snapshot of the sample brings the full
notice back everywhere."""

from __future__ import annotations

import contextlib
import io as _io
import itertools
import sqlite3
from pathlib import Path

import openpyxl
import pypdf
import pytest
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import (
    export,
    handout,
    io,
    monitor,
    register,
    schema,
    store,
    strategy,
    toegang,
)
from bedrijventerreinen.ui.common import Context
from bedrijventerreinen.ui.data_exports import excel_export
from bedrijventerreinen.ui.vergadermodus import handout_inhoud
from bedrijventerreinen.voorbeeldmelding import LAGEN, voorbeeld_kort, voorbeeld_melding, voorbeeld_uitleg

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
VERGADERMODUS = str(ROOT / "pages" / "vergadermodus.py")
ZONDER_TERREINEN = ("mutaties", "koppelingen", "kanszones", "voorraad", "panden")
GEMENGD = (
    "Voorbeelddata in mutaties, koppelingen, kanszones, voorraad per peiljaar en panden — geen officiële cijfers; "
    "terreinen zijn ingelezen"
)


@pytest.fixture(autouse=True)
def lokale_modus(tmp_path, monkeypatch):
    """Lokale modus whatever the developer's machine holds: the access file does not exist."""
    monkeypatch.setenv(toegang.ENV_TOEGANG, str(tmp_path / "geen-toegang.toml"))


# -- the sentence ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lagen", "verwacht"),
    [
        ((), ""),
        (LAGEN, "Voorbeelddata — geen officiële cijfers"),
        (tuple(reversed(LAGEN)), "Voorbeelddata — geen officiële cijfers"),
        (ZONDER_TERREINEN, GEMENGD),
        (
            ("mutaties", "koppelingen", "kanszones", "panden"),
            "Voorbeelddata in mutaties, koppelingen, kanszones en panden — geen officiële cijfers; "
            "terreinen en voorraad per peiljaar zijn ingelezen",
        ),
        (
            ("terreinen", "mutaties", "koppelingen", "kanszones", "panden"),
            "Voorbeelddata in terreinen, mutaties, koppelingen, kanszones en panden — geen officiële cijfers; "
            "voorraad per peiljaar is ingelezen",
        ),
        (
            ("mutaties",),
            "Voorbeelddata in mutaties — geen officiële cijfers; "
            "terreinen, koppelingen, kanszones, voorraad per peiljaar en panden zijn ingelezen",
        ),
        (
            ("panden", "mutaties", "panden"),
            "Voorbeelddata in mutaties en panden — geen officiële cijfers; "
            "terreinen, koppelingen, kanszones en voorraad per peiljaar zijn ingelezen",
        ),
        (
            ("kanszones", "gebouwen"),  # an unknown layer is named as it is, last
            "Voorbeelddata in kanszones en gebouwen — geen officiële cijfers; "
            "terreinen, mutaties, koppelingen, voorraad per peiljaar en panden zijn ingelezen",
        ),
    ],
)
def test_melding_names_the_sample_layers_then_the_others(lagen, verwacht):
    assert voorbeeld_melding(lagen) == verwacht
    assert voorbeeld_melding(iter(lagen)) == verwacht  # any iterable, read once


def test_every_layer_set_names_each_layer_on_its_own_side():
    for n in range(1, len(LAGEN)):
        for voorbeeld in itertools.combinations(LAGEN, n):
            melding = voorbeeld_melding(voorbeeld)
            voor, na = melding.split(" — geen officiële cijfers; ")
            for laag in LAGEN:
                naam = schema.LAAG_NAMEN[laag]
                assert (naam in voor) == (laag in voorbeeld), (voorbeeld, laag)
                assert (naam in na) == (laag not in voorbeeld), (voorbeeld, laag)
            assert schema.VOORBEELD_TEKST not in melding  # the short notice only when all is sample


def test_layers_are_those_of_the_store():
    assert LAGEN == store.LAGEN


@pytest.mark.parametrize(
    ("lagen", "kort", "uitleg"),
    [
        ((), "", ""),
        (LAGEN, schema.VOORBEELD_TEKST, "De monitor toont de meegeleverde voorbeelddata van de regio 071"),
        (("mutaties",), "Deels voorbeelddata — geen officiële cijfers", "niet de echte stand van de regio 071"),
    ],
)
def test_short_notice_and_explanation(lagen, kort, uitleg):
    assert voorbeeld_kort(lagen) == kort
    assert (uitleg in voorbeeld_uitleg(lagen, "071")) if uitleg else voorbeeld_uitleg(lagen, "071") == ""


# -- every place that says it -------------------------------------------------------------


def context_van(s: store.Store) -> Context:
    """The page context of ``s`` for the whole region (planstatus hard), computed as
    :func:`bedrijventerreinen.ui.common.page_context` does, without a Streamlit session."""
    strat = strategy.load_strategie()
    lagen = {laag: s.load(laag) for laag in ("terreinen", "mutaties", "koppelingen", "kanszones")}
    stand = monitor.compute_monitor(lagen, strat)
    return Context(s, s.version, s.is_voorbeeld, s.voorbeeld_lagen, strat, lagen, stand)


def een_regel(tekst: str) -> str:
    """Text with every run of whitespace (line breaks of a wrapped notice) as one space."""
    return " ".join(tekst.split())


def meldingen(pad: Path) -> dict[str, str]:
    """What each place shows of the store at ``pad``: the Overzicht's warnings, the handout's
    text, the vergadermodus' HTML and the Excel export's 'Gegevens' line."""
    overzicht = AppTest.from_file(APP, default_timeout=90)
    overzicht.run()
    assert not overzicht.exception, overzicht.exception
    vergadermodus = AppTest.from_file(VERGADERMODUS, default_timeout=90)
    vergadermodus.run()
    assert not vergadermodus.exception, vergadermodus.exception

    ctx = context_van(store.open_store(pad))
    pdf = handout.render_handout(handout_inhoud(ctx), "pdf")
    blad = openpyxl.load_workbook(_io.BytesIO(excel_export(ctx)))["Over deze export"]
    over = {r[0].value: r[1].value for r in blad.iter_rows(min_row=2)}
    return {
        "overzicht": een_regel(" ".join(w.value for w in overzicht.warning)),
        "handout": een_regel(pypdf.PdfReader(_io.BytesIO(pdf)).pages[0].extract_text()),
        "vergadermodus": een_regel("\n".join(el.proto.body for el in vergadermodus.get("html"))),
        "excel": over["Gegevens"],
    }


def test_restoring_a_sample_snapshot_brings_every_notice_back(store_pad, beheerder):
    store.create_store(store_pad, io.read_voorbeeld(), voorbeeld=True)
    s = store.open_store(store_pad, gebruiker=beheerder)
    voorbeeld_snapshot = s.snapshot("voorbeelddata")

    # a real stock of the parks: same parks, a real source; the rest stays sample data
    terreinen = s.load("terreinen").assign(bron="IBIS 2024 (test)")
    s.write_import({"terreinen": terreinen}, "terreinen uit ibis_2024.csv", echte_lagen=["terreinen"])
    assert s.voorbeeld_lagen == ZONDER_TERREINEN
    gemengd = meldingen(store_pad)
    assert gemengd["excel"] == GEMENGD
    for plek, tekst in gemengd.items():
        assert GEMENGD in tekst, f"{plek} does not name the sample layers"
        assert schema.VOORBEELD_TEKST not in tekst, f"{plek} still says that everything is sample data"
    assert "Deels voorbeelddata — geen officiële cijfers" in gemengd["handout"]  # the footer

    register.restore_snapshot(s, voorbeeld_snapshot)
    assert s.voorbeeld_lagen == LAGEN
    terug = meldingen(store_pad)
    assert terug["excel"] == schema.VOORBEELD_TEKST
    for plek, tekst in terug.items():
        assert schema.VOORBEELD_TEKST in tekst, f"no sample-data notice in {plek} after the restore"
        assert "ingelezen" not in tekst, plek
    # the handout says it in the header, the sources and the footer
    assert terug["handout"].count(schema.VOORBEELD_TEKST) == 3


def test_no_notice_anywhere_for_real_data(store_pad):
    store.create_store(store_pad, io.read_voorbeeld(), voorbeeld=False)
    plekken = meldingen(store_pad)
    for plek, tekst in plekken.items():
        # the rows keep their source ('Voorbeelddata (geen officiële cijfers)'), the notice is gone
        assert "Voorbeelddata" not in tekst.replace(schema.VOORBEELD_BRON, ""), plek
    assert plekken["excel"] == "Ingelezen gegevens"


def test_exports_mark_the_sample_layers(tmp_path):
    lagen = io.read_voorbeeld()
    pad = tmp_path / "export.gpkg"
    pad.write_bytes(export.export_gpkg(lagen, ZONDER_TERREINEN))
    with contextlib.closing(sqlite3.connect(pad)) as con:
        beschrijving = dict(con.execute("SELECT table_name, description FROM gpkg_contents").fetchall())
    assert beschrijving["terreinen"] != schema.VOORBEELD_TEKST
    assert all(beschrijving[laag] == schema.VOORBEELD_TEKST for laag in ("mutaties", "koppelingen", "kanszones"))
    assert b'"description": "' + schema.VOORBEELD_TEKST.encode() in export.export_geojson(
        lagen["mutaties"], "mutaties", voorbeeld=True
    )
    assert b'"description"' not in export.export_geojson(lagen["terreinen"], "terreinen")
