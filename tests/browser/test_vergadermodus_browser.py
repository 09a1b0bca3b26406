"""The vergadermodus in Chromium at 1920×1080, as on the projector: every view fits the screen
(no scrollbar needed for its main figure), KPI figures are at least 48 px, no text is smaller
than 20 px, no edit control and none of Streamlit's chrome is shown, the peildatum and the
sample-data banner are on every view, keys and a presentation clicker step through the views,
and the handout downloads as a one-page PDF. Screenshots and timings go to tests/artifacts/.
"""

from __future__ import annotations

import io
import json
import time

import pypdf
import pytest

from bedrijventerreinen import schema, themes
from bedrijventerreinen.ui.vergadermodus import DIAS

BREED, HOOG = 1920, 1080
MIN_KPI_PX = 48
MIN_TEKST_PX = 20
#: The only buttons the stuurgroep sees: navigation, the handout, the theme and leaving.
KNOPPEN = {"Vorige", "Volgende", "Handout (PDF, A4)", "Handout (afbeelding)", "Donker", "Licht", "Verlaten"}

#: Measures the view: the main figure's box, scrollable overflow, font sizes, controls, banner.
_JS_METING = """
(minTekst) => {
  const zichtbaar = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
  };
  const hoofd = document.querySelector(".st-key-vm_hoofd");
  const figuren = hoofd ? [...hoofd.querySelectorAll(
    ".vm-tegels, .vm-kaart img, table.vm-tabel, [data-testid='stVegaLiteChart'], .vm-groot-bericht")] : [];
  const scrollers = [...document.querySelectorAll("*")].filter((el) => {
    const s = getComputedStyle(el);
    return ["auto", "scroll"].includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1 && zichtbaar(el);
  }).map((el) => (el.getAttribute("data-testid") || el.className || el.tagName) + ":" + el.scrollHeight + ">" + el.clientHeight);
  const bewerk = [...document.querySelectorAll(
    "input:not([type=hidden]), textarea, select, [contenteditable=true], [role=combobox], [role=slider], " +
    "[role=checkbox], [role=switch], [role=radio], [role=spinbutton], [data-testid=stDataEditor], " +
    "[data-testid=stFileUploader], [data-testid=stSidebar], [data-testid=stHeader] button")].filter(zichtbaar);
  // text people read: icon ligatures (aria-hidden) are glyphs, not text
  const teksten = [...document.querySelectorAll("[data-testid=stMain] *")].filter((el) =>
    zichtbaar(el) && !el.closest("[aria-hidden=true]") && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()));
  const klein = teksten.filter((el) => parseFloat(getComputedStyle(el).fontSize) < minTekst)
    .map((el) => el.textContent.trim().slice(0, 40) + " (" + getComputedStyle(el).fontSize + ")");
  return {
    titel: (document.querySelector(".vm-kop h1") || {}).textContent,
    peildatum: (document.querySelector("[data-testid=vm-peildatum]") || {}).textContent,
    voorbeeld: [...document.querySelectorAll(".vm-voorbeeld")].filter(zichtbaar).map((e) => e.textContent),
    // a leftover element of the previous view (0 × 0, being replaced) is not on screen
    figuren: figuren.filter(zichtbaar).map((el) => { const r = el.getBoundingClientRect(); return [r.top, r.bottom, r.height]; }),
    hoogte: window.innerHeight,
    document: document.scrollingElement.scrollHeight,
    scrollers,
    kpi: [...document.querySelectorAll(".vm-kpi-waarde")].filter(zichtbaar)
      .map((el) => parseFloat(getComputedStyle(el).fontSize)),
    bewerk: bewerk.map((el) => el.outerHTML.slice(0, 80)),
    knoppen: [...document.querySelectorAll("button")].filter(zichtbaar)
      .map((b) => ((b.querySelector("[data-testid=stMarkdownContainer]") || b).innerText || "").trim()),
    klein,
    achtergrond: getComputedStyle(document.querySelector(".stApp")).backgroundColor,
  };
}
"""


@pytest.fixture
def beamer(server, browser, artifacts):
    context = browser.new_context(viewport={"width": BREED, "height": HOOG}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    verzoeken: list[str] = []
    dialogen: list[str] = []
    page.on("request", lambda r: verzoeken.append(r.url))
    page.on("dialog", lambda d: (dialogen.append(d.message), d.dismiss()))
    yield page, verzoeken, dialogen
    context.close()


#: True once the current view's figure is drawn: no stale element, image loaded, chart sized.
_JS_KLAAR = """() => {
  const h = document.querySelector('.st-key-vm_hoofd');
  if (!h || h.closest('[data-stale=true]')) return false;
  const img = h.querySelector('img');
  if (img && !(img.complete && img.naturalWidth > 0)) return false;
  const charts = [...h.querySelectorAll("[data-testid='stVegaLiteChart']")];
  if (charts.some((c) => !c.querySelector('canvas, svg') || c.getBoundingClientRect().height < 50)) return false;
  return !document.querySelector('[data-testid=stMain] [data-testid=stSpinner]');
}"""


def _wacht_op_dia(page, titel: str) -> float:
    """Wait until the view ``titel`` has drawn its figure; returns the seconds it took."""
    start = time.monotonic()
    page.wait_for_function("(t) => (document.querySelector('.vm-kop h1') || {}).textContent === t", arg=titel)
    page.wait_for_function(_JS_KLAAR)
    page.wait_for_function("document.fonts.status === 'loaded'")  # a late web font rewraps the text
    page.wait_for_timeout(1200)  # let the layout settle (fonts, chart and map resize; slower under load) ...
    page.wait_for_function(_JS_KLAAR)  # ... and check the figure is still drawn after it
    return time.monotonic() - start


def _controleer(meting: dict, titel: str) -> None:
    assert meting["titel"] == titel
    assert meting["peildatum"], f"{titel}: geen peildatum"
    assert meting["voorbeeld"] and schema.VOORBEELD_TEKST in meting["voorbeeld"][0], f"{titel}: geen voorbeeldbanner"
    assert meting["figuren"], f"{titel}: geen hoofdfiguur gevonden"
    for top, onder, hoogte in meting["figuren"]:
        assert hoogte > 40 and top >= 0 and onder <= meting["hoogte"], (
            f"{titel}: figuur valt buiten beeld {meting['figuren']}"
        )
    assert meting["document"] <= meting["hoogte"], f"{titel}: de pagina scrolt ({meting['document']} px)"
    assert meting["scrollers"] == [], f"{titel}: scrollbalk nodig in {meting['scrollers']}"
    assert all(px >= MIN_KPI_PX for px in meting["kpi"]), f"{titel}: KPI-cijfers {meting['kpi']} px"
    assert meting["bewerk"] == [], f"{titel}: bewerkelementen {meting['bewerk']}"
    assert set(meting["knoppen"]) <= KNOPPEN, f"{titel}: onverwachte knoppen {set(meting['knoppen']) - KNOPPEN}"
    assert meting["klein"] == [], f"{titel}: tekst kleiner dan {MIN_TEKST_PX} px: {meting['klein']}"


def _meting(artifacts, sleutel: str, waarde) -> None:
    pad = artifacts / "vergadermodus-metingen.json"
    data = json.loads(pad.read_text()) if pad.exists() else {}
    data[sleutel] = waarde
    pad.write_text(json.dumps(data, indent=2, ensure_ascii=False))


def test_every_view_fits_the_projector_without_edit_controls(beamer, server, artifacts):
    page, verzoeken, dialogen = beamer
    page.goto(f"{server.url}/?vergadermodus=1")
    # step with the arrow key, the button and a clicker's PageDown, in turn
    stappen = ["ArrowRight", "knop", "PageDown"]
    tijden = {}
    for i, dia in enumerate(DIAS):
        tijden[dia.code] = round(_wacht_op_dia(page, dia.titel), 2)
        meting = page.evaluate(_JS_METING, MIN_TEKST_PX)
        page.screenshot(path=str(artifacts / f"vergadermodus-{i + 1}-{dia.code}.png"))
        _controleer(meting, dia.titel)
        if dia.code == "kerncijfers":
            assert len(meting["kpi"]) == 8
        if i < len(DIAS) - 1:
            stap = stappen[i % len(stappen)]
            if stap == "knop":
                page.locator(".st-key-vm_volgende button:visible").click()
            else:
                page.mouse.click(5, HOOG - 10)  # focus the page, not a control
                page.keyboard.press(stap)
    _meting(artifacts, "seconden_tot_dia_getekend", tijden)
    # and back
    page.keyboard.press("ArrowLeft")
    _wacht_op_dia(page, DIAS[-2].titel)
    page.keyboard.press("PageUp")
    _wacht_op_dia(page, DIAS[-3].titel)
    assert dialogen == []
    vreemd = [u for u in verzoeken if not u.startswith((server.url, "data:", "blob:"))]
    assert vreemd == [], f"verzoeken buiten de app: {vreemd[:5]}"


def test_dark_theme_fits_and_reads_too(beamer, server, artifacts):
    page, _, _ = beamer
    page.goto(f"{server.url}/?vergadermodus=1&dia=3")
    _wacht_op_dia(page, DIAS[2].titel)
    page.locator(".st-key-vm_thema_knop button:visible").click()
    page.wait_for_function("() => location.search.includes('thema=donker')")
    _wacht_op_dia(page, DIAS[2].titel)
    for nr in (3, 6):
        if nr == 6:
            page.goto(f"{server.url}/?vergadermodus=1&dia=6&thema=donker")
            _wacht_op_dia(page, DIAS[5].titel)
        meting = page.evaluate(_JS_METING, MIN_TEKST_PX)
        r, g, b = themes.hex_naar_rgb(themes.DONKER.achtergrond)
        assert meting["achtergrond"] == f"rgb({r}, {g}, {b})"
        _controleer(meting, DIAS[nr - 1].titel)
        page.screenshot(path=str(artifacts / f"vergadermodus-donker-{nr}-{DIAS[nr - 1].code}.png"))


def test_handout_downloads_as_one_a4_page(beamer, server, artifacts):
    page, _, _ = beamer
    page.goto(f"{server.url}/?vergadermodus=1")
    _wacht_op_dia(page, DIAS[0].titel)
    start = time.monotonic()
    with page.expect_download(timeout=120_000) as download:
        page.locator(".st-key-vm_handout_pdf button:visible").click()
    pad = artifacts / "vergadermodus-handout.pdf"
    download.value.save_as(pad)
    _meting(artifacts, "handout_download_seconden", round(time.monotonic() - start, 2))
    assert download.value.suggested_filename.startswith("handout-bedrijventerreinen-071-")
    reader = pypdf.PdfReader(io.BytesIO(pad.read_bytes()))
    assert len(reader.pages) == 1
    tekst = reader.pages[0].extract_text()
    peildatum = page.locator("[data-testid=vm-peildatum]").text_content()
    assert peildatum and peildatum in tekst, "the handout carries the peildatum shown on the screen"
    assert schema.VOORBEELD_TEKST in tekst and "Hectarebalans per gemeente" in tekst
    # the page stays in the vergadermodus after the download
    assert (page.locator(".vm-kop h1").text_content() or "") == DIAS[0].titel
