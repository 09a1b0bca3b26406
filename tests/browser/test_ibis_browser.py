"""The real register as a person reads it in: the IBIS 2024 table (no contours) chosen in the
Data page's uploader, the match checked, committed; the Overzicht then shows the IBIS 2024 stock."""

from __future__ import annotations

from pathlib import Path

import pytest

IBIS_CSV = Path(__file__).resolve().parents[3] / "shared" / "data" / "ibis_2024_071.csv"


@pytest.mark.skipif(not IBIS_CSV.exists(), reason="shared/data/ibis_2024_071.csv ligt niet naast de repo")
def test_ibis_2024_read_in_and_shown(pagina, server_eigen, artifacts):
    page = pagina.page
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(server_eigen.url)
    page.get_by_role("link", name="Data", exact=True).click()
    page.locator('[data-testid="stFileUploaderDropzone"]').wait_for()
    page.locator('input[type="file"]').set_input_files(str(IBIS_CSV))
    page.get_by_text("Koppeling aan de terreinen in de monitor").wait_for(timeout=30_000)
    assert page.get_by_text("38 op RIN-nummer").count() >= 1
    assert page.get_by_text("Peiljaar uit het bestand: 2024").count() == 1
    page.screenshot(path=str(artifacts / "ibis-2024-controle.png"), full_page=True)
    page.get_by_role("button", name="Vastleggen: 38 rijen, bijwerken").click()
    page.get_by_text("vastgelegd (bijwerken)").wait_for(timeout=30_000)

    page.get_by_role("link", name="Overzicht", exact=True).click()
    page.get_by_text("stand IBIS 2024 (516,4 ha), teruggerekend naar 2020").wait_for(timeout=30_000)
    page.get_by_text("Uitgifte en voorraad per peiljaar").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "ibis-2024-overzicht.png"), full_page=True)
    assert pagina.dialogen == []
    assert page.locator('[data-testid="stException"]').count() == 0
