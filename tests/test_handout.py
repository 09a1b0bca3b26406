"""The handout: one A4 page whose text a PDF reader can extract, with the KPI values and the
balance per gemeente exactly as the monitor computes them, the peildatum, the sample-data
notice where it applies, register names drawn literally, and the tables of the
vergadermodus views. Render time and file size are measured into tests/artifacts/."""

from __future__ import annotations

import datetime as dt
import io as _io
import json
import re
import time
from pathlib import Path

import pandas as pd
import pypdf
import pytest

from bedrijventerreinen import balance, dekking, handout, io, monitor, schema, strategy, voorbeeldmelding

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
GETAL = r"[+-]?\d{1,3}(?:\.\d{3})*,\d"
NAAM = "Plan $\\alpha$ <b>vet</b>"


def getal(tekst: str) -> float:
    """A Dutch number ('1.250,5', '+3,7', '-0,5') as float."""
    return float(tekst.replace(".", "").replace(",", "."))


@pytest.fixture(scope="module")
def strat() -> strategy.Strategie:
    return strategy.load_strategie()


@pytest.fixture(scope="module")
def lagen() -> dict[str, pd.DataFrame]:
    """The sample data plus an unapproved, uncompensated hard transformation whose name holds
    mathtext and HTML: it must appear literally among the findings."""
    lagen = io.read_voorbeeld()
    extra = schema.conform(
        pd.DataFrame(
            [
                {
                    "mutatie_id": "TST-1",
                    "soort": "transformatie",
                    "gemeente": "Leiden",
                    "naam": NAAM,
                    "ha": 2.4,
                    "planstatus": "hard",
                    "jaar": 2025,
                }
            ]
        ),
        "mutaties",
    )
    lagen["mutaties"] = schema.conform(pd.concat([lagen["mutaties"], extra], ignore_index=True), "mutaties")
    return lagen


def inhoud_voor(
    lagen, strat, gemeenten=None, planstatus="hard", voorbeeld=True, peildatum=None
) -> handout.Handoutinhoud:
    """The handout content of ``lagen``; ``voorbeeld`` True (every layer is sample data),
    False (none) or the sample layers."""
    gemeenten = list(gemeenten or strat.gemeenten)
    stand = monitor.compute_monitor(lagen, strat, monitor.Selectie(tuple(gemeenten), planstatus))
    return handout.Handoutinhoud(
        stand=stand,
        lagen=lagen,
        peildatum=peildatum or handout.Peildatum(dt.datetime(2026, 11, 28, 9, 30)),
        selectie=f"Selectie: {', '.join(gemeenten)}",
        voorbeeld_lagen=voorbeeldmelding.LAGEN if voorbeeld is True else () if voorbeeld is False else tuple(voorbeeld),
        gemaakt_op=dt.date(2026, 11, 28),
    )


def meet(sleutel: str, waarde) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pad = ARTIFACTS / "handout-metingen.json"
    data = json.loads(pad.read_text()) if pad.exists() else {}
    data[sleutel] = waarde
    pad.write_text(json.dumps(data, indent=2, ensure_ascii=False))


@pytest.fixture(scope="module")
def pdf(lagen, strat) -> tuple[handout.Handoutinhoud, bytes, str]:
    inhoud = inhoud_voor(lagen, strat)
    start = time.perf_counter()
    data = handout.render_handout(inhoud, "pdf")
    meet("pdf_seconden", round(time.perf_counter() - start, 2))
    meet("pdf_bytes", len(data))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "handout.pdf").write_bytes(data)
    tekst = pypdf.PdfReader(_io.BytesIO(data)).pages[0].extract_text()
    return inhoud, data, tekst


def test_pdf_is_one_a4_page(pdf):
    _, data, _ = pdf
    reader = pypdf.PdfReader(_io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(595.28, abs=0.5)  # 210 mm in points
    assert float(box.height) == pytest.approx(841.89, abs=0.5)  # 297 mm


def test_fonts_are_embedded_truetype_not_type3(pdf):
    _, data, _ = pdf
    fonts = pypdf.PdfReader(_io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
    subtypes = {str(f.get_object()["/Subtype"]) for f in fonts.values()}
    assert subtypes and "/Type3" not in subtypes


def test_kpi_values_read_back_from_the_pdf_equal_the_balance(pdf, strat):
    inhoud, _, tekst = pdf
    regels = [r.strip() for r in tekst.splitlines()]
    kerncijfers = inhoud.stand.tegels()
    assert len(kerncijfers) == 8
    for k in kerncijfers:
        assert k.label in regels, f"KPI-label {k.label!r} ontbreekt in de PDF"
        waarde = regels[regels.index(k.label) + 1]
        getallen = re.findall(GETAL, waarde)
        assert (waarde.endswith(" ha") or k.label.endswith("(ha)")) and getallen, (
            f"{k.label}: geen waarde in {waarde!r}"
        )
        if k.sleutel == "vraag_ha":
            assert [getal(g) for g in getallen] == pytest.approx([strat.vraag_laag_ha, strat.vraag_hoog_ha], abs=0.051)
        else:
            assert getal(getallen[0]) == pytest.approx(k.waarde, abs=0.051), k.label
    # and against the balance itself, not only against the tiles
    regio = inhoud.stand.balans.set_index("gemeente").loc[balance.REGIO]
    waarde = regels[regels.index("Transformatie") + 1]
    assert getal(re.findall(GETAL, waarde)[0]) == pytest.approx(regio["transformatie_ha"], abs=0.051)


def test_balance_per_gemeente_with_traffic_light_reads_back(pdf, strat):
    inhoud, _, tekst = pdf
    for r in inhoud.stand.balans.itertuples(index=False):
        naam = "Totaal" if r.gemeente == balance.REGIO else r.gemeente
        licht = schema.label(schema.VERKEERSLICHT, r.verkeerslicht)
        rij = re.search(rf"^{re.escape(naam)} {licht} (.*)$", tekst, re.MULTILINE)
        assert rij, f"rij {naam} met stoplicht {licht} ontbreekt"
        getallen = [getal(g) for g in re.findall(rf"({GETAL}) ha", rij.group(1))][: len(handout.HANDOUT_KOLOMMEN)]
        verwacht = [getattr(r, k) for k in handout.HANDOUT_KOLOMMEN]
        assert getallen == pytest.approx(verwacht, abs=0.051), naam
    assert "Leiden Rood" in tekst  # the added hard transformation is not compensated


def test_peildatum_notice_findings_and_sources_are_on_the_page(pdf, strat):
    _, _, tekst = pdf
    assert "28-11-2026" in tekst
    assert schema.VOORBEELD_TEKST in tekst
    assert "Belangrijkste bevindingen" in tekst and "Fout" in tekst
    assert "Bronnen" in tekst and "Economie071" in tekst


def test_register_names_are_drawn_literally(pdf):
    _, _, tekst = pdf
    assert NAAM in tekst.replace("\n", " ")


def test_no_sample_notice_for_real_data_and_snapshot_peildatum_shown(lagen, strat):
    peil = handout.Peildatum(dt.datetime(2026, 6, 30, 12, 0), "Stuurgroep juni", True)
    data = handout.render_handout(inhoud_voor(lagen, strat, voorbeeld=False, peildatum=peil), "pdf")
    tekst = pypdf.PdfReader(_io.BytesIO(data)).pages[0].extract_text()
    assert schema.VOORBEELD_TEKST not in tekst
    assert "30-06-2026 (snapshot 'Stuurgroep juni')" in tekst


def test_selection_of_one_gemeente(lagen, strat):
    inhoud = inhoud_voor(lagen, strat, gemeenten=["Katwijk"])
    tekst = pypdf.PdfReader(_io.BytesIO(handout.render_handout(inhoud, "pdf"))).pages[0].extract_text()
    regels = [r.strip() for r in tekst.splitlines()]
    katwijk = inhoud.stand.balans.set_index("gemeente").loc["Katwijk"]
    assert getal(regels[regels.index("Startvoorraad") + 1].split()[0]) == pytest.approx(
        katwijk["voorraad_start_ha"], abs=0.05
    )
    assert not re.search(r"^Leiden (Groen|Oranje|Rood)", tekst, re.MULTILINE)


def test_png_is_a4_at_the_requested_resolution(lagen, strat):
    from PIL import Image

    start = time.perf_counter()
    data = handout.render_handout(inhoud_voor(lagen, strat), "png", dpi=150)
    meet("png_seconden", round(time.perf_counter() - start, 2))
    meet("png_bytes", len(data))
    (ARTIFACTS / "handout.png").write_bytes(data)
    beeld = Image.open(_io.BytesIO(data))
    breedte, hoogte = beeld.size
    assert breedte == pytest.approx(210 / 25.4 * 150, abs=1) and hoogte == pytest.approx(297 / 25.4 * 150, abs=1)
    with pytest.raises(ValueError):
        handout.render_handout(inhoud_voor(lagen, strat), "docx")


def test_peildatum_from_store_metadata():
    live = handout.peildatum_uit_meta({"gewijzigd_op": "2026-11-28T10:15:00", "versie": "3"})
    assert (live.tekst, live.is_snapshot) == ("28-11-2026", False)
    snap = handout.peildatum_uit_meta(
        {"gewijzigd_op": "2026-11-28T10:15:00", "snapshot_op": "2026-09-01T08:00:00", "snapshot_label": "Q3"}
    )
    assert (snap.tekst, snap.is_snapshot) == ("01-09-2026 (snapshot 'Q3')", True)
    assert handout.peildatum_uit_meta({}).tekst == "onbekend"
    assert handout.handout_bestandsnaam(snap, "pdf") == "handout-bedrijventerreinen-071-2026-09-01.pdf"


def test_uncovered_transformations_largest_shortfall_first(lagen, strat):
    stand = monitor.compute_monitor(lagen, strat)
    ongedekt = stand.ongedekt
    dek = dekking.compute_compensatiedekking(lagen["mutaties"], lagen["koppelingen"], strat, "hard")
    verwacht = dek[dek["tekort_ha"] > 0]
    assert set(ongedekt["mutatie_id"]) == set(verwacht["mutatie_id"]) and "TST-1" in set(ongedekt["mutatie_id"])
    assert list(ongedekt["tekort_ha"]) == sorted(ongedekt["tekort_ha"], reverse=True)
    aantal, totaal = stand.tegels("ongedekt_aantal", "ongedekt_totaal_ha")
    assert aantal.waarde == len(verwacht)
    assert totaal.waarde == pytest.approx(
        balance.compute_hectarebalans(lagen["terreinen"], lagen["mutaties"], lagen["koppelingen"], strat)
        .set_index("gemeente")
        .loc[balance.REGIO, "ongedekt_ha"]
    )
    tabel = handout.format_ongedekt(ongedekt)
    assert tabel.loc[tabel["Transformatie"] == NAAM, "Ongedekt"].item() == "2,4 ha"
    alleen_katwijk = monitor.compute_monitor(lagen, strat, monitor.Selectie(("Katwijk",))).ongedekt
    assert set(alleen_katwijk["gemeente"]) <= {"Katwijk"}


def test_kanszones_overview_follows_the_selection(lagen, strat):
    alle = monitor.compute_monitor(lagen, strat, monitor.Selectie(("Leiden", "Katwijk"))).kanszones
    assert set(alle["gemeente"]) == {"Leiden", "Katwijk"}
    assert list(alle["potentie_ha"]) == sorted(alle["potentie_ha"], reverse=True)
    tabel = handout.format_kanszones(alle)
    assert tabel["Extra vloer"].str.endswith(" m²").all() and tabel["Potentie"].str.endswith(" ha").all()
    voorschoten = monitor.compute_monitor(lagen, strat, monitor.Selectie(("Voorschoten",)))
    assert voorschoten.kanszones.empty
    aantal, ha, m2 = monitor.compute_monitor(lagen, strat, monitor.Selectie(("Leiden", "Katwijk"))).tegels(
        "kanszones", "potentie_ha", "potentie_m2_bvo"
    )
    t = lagen["terreinen"]
    ids = set(t.loc[t["gemeente"].isin(["Leiden", "Katwijk"]), "terrein_id"])
    zones = lagen["kanszones"][lagen["kanszones"]["terrein_id"].isin(ids)]
    assert aantal.waarde == len(zones) > 0
    assert ha.waarde == pytest.approx(zones["potentie_ha"].sum())
    assert m2.waarde == pytest.approx(zones["potentie_m2_bvo"].sum()) and m2.tekst.endswith(" m²")


def test_sample_notice_names_the_sample_layers(lagen, strat):
    """Real terreinen on sample mutaties: the header and the sources name the sample layers,
    the footer says 'deels'; the notice for all-sample data is not there."""
    voorbeeld = ("mutaties", "koppelingen", "kanszones", "voorraad", "panden")
    data = handout.render_handout(inhoud_voor(lagen, strat, voorbeeld=voorbeeld), "pdf")
    tekst = " ".join(pypdf.PdfReader(_io.BytesIO(data)).pages[0].extract_text().split())
    melding = voorbeeldmelding.voorbeeld_melding(voorbeeld)
    assert tekst.count(melding) == 2  # the header and the sources
    assert melding.endswith("terreinen zijn ingelezen")
    assert "Deels voorbeelddata — geen officiële cijfers" in tekst
    assert schema.VOORBEELD_TEKST not in tekst
    assert tekst.index(melding) < tekst.index("Startvoorraad")  # above the figures
