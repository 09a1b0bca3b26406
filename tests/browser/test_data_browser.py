"""The Data page's file uploader speaks Dutch: Streamlit's own 'Upload' and '50MB per file'
are replaced on screen by 'Bestand kiezen' and the limit in Dutch."""

from __future__ import annotations

_ZICHTBAAR = """
(el) => {
  const tekst = (e) => getComputedStyle(e).fontSize === '0px' ? '' : e.innerText;
  const na = (e) => getComputedStyle(e, '::after').content.replaceAll('"', '');
  return [...el.querySelectorAll('p, span')].filter(e => !e.children.length).map(e => tekst(e) + na(e)).join(' ');
}
"""


def test_uploader_texts_are_dutch(pagina, server, artifacts):
    page = pagina.page
    page.goto(server.url)
    page.get_by_role("link", name="Data", exact=True).click()
    zone = page.locator('[data-testid="stFileUploaderDropzone"]')
    zone.wait_for()
    page.wait_for_timeout(500)
    zichtbaar = zone.evaluate(_ZICHTBAAR)
    assert "Bestand kiezen" in zichtbaar and "hoogstens 50 MB" in zichtbaar, zichtbaar
    assert "Upload" not in zichtbaar and "per file" not in zichtbaar, zichtbaar
    zone.screenshot(path=str(artifacts / "data-uploader.png"))
