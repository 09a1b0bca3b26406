"""Dutch number and date formats as the users read them: ``47,2 ha``, ``1.250 m²``, ``28-11-2026``."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from bedrijventerreinen import formatting


@pytest.mark.parametrize(
    ("waarde", "decimalen", "tekst"),
    [
        pytest.param(47.2, 1, "47,2", id="decimale-komma"),
        pytest.param(1250, 0, "1.250", id="duizendtallen-punt"),
        pytest.param(1234567.891, 1, "1.234.567,9", id="miljoen"),
        pytest.param(-1250.55, 1, "-1.250,5", id="negatief"),
        pytest.param(63.45, 2, "63,45", id="twee-decimalen"),
        pytest.param(-0.04, 1, "0,0", id="geen-min-nul"),
        pytest.param(-0.0, 1, "0,0", id="negatieve-nul"),
        pytest.param(-0.4, 0, "0", id="geen-min-nul-zonder-decimalen"),
        pytest.param(0, 1, "0,0", id="nul"),
        pytest.param(np.float64(3.25), 1, "3,2", id="numpy-float"),
        pytest.param(np.int64(12000), 0, "12.000", id="numpy-int"),
        pytest.param(float("nan"), 1, "–", id="nan"),
        pytest.param(np.nan, 1, "–", id="numpy-nan"),
        pytest.param(np.float32("nan"), 1, "–", id="numpy-float32-nan"),
        pytest.param(None, 1, "–", id="none"),
        pytest.param(pd.NA, 1, "–", id="pandas-na"),
        pytest.param("geen getal", 1, "–", id="tekst"),
    ],
)
def test_format_getal(waarde, decimalen, tekst):
    assert formatting.format_getal(waarde, decimalen) == tekst


@pytest.mark.parametrize(
    ("waarde", "teken", "tekst"),
    [
        pytest.param(47.2, False, "47,2 ha", id="vraag-laag"),
        pytest.param(63.5, False, "63,5 ha", id="vraag-hoog"),
        pytest.param(1250.0, False, "1.250,0 ha", id="duizendtal"),
        pytest.param(5.2, True, "+5,2 ha", id="winst-met-plus"),
        pytest.param(-5.2, True, "-5,2 ha", id="verlies-met-min"),
        pytest.param(0.0, True, "0,0 ha", id="nul-zonder-teken"),
        pytest.param(-0.04, True, "0,0 ha", id="klein-verlies-geen-plus"),
        pytest.param(0.04, True, "0,0 ha", id="kleine-winst-afgerond-nul-geen-plus"),
        pytest.param(0.06, True, "+0,1 ha", id="kleine-winst-afgerond-plus"),
        pytest.param(-0.06, True, "-0,1 ha", id="klein-verlies-afgerond-min"),
        pytest.param(-0.0, False, "0,0 ha", id="negatieve-nul"),
    ],
)
def test_format_ha(waarde, teken, tekst):
    assert formatting.format_ha(waarde, teken=teken) == tekst


@pytest.mark.parametrize("waarde", [None, float("nan"), pd.NA], ids=["none", "nan", "na"])
def test_format_ha_ontbrekend(waarde):
    tekst = formatting.format_ha(waarde, teken=True)
    assert tekst.startswith("–")
    assert "nan" not in tekst.lower() and "+" not in tekst


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        pytest.param(1250, "1.250 m²", id="duizendtal"),
        pytest.param(18000.4, "18.000 m²", id="afgerond"),
        pytest.param(999.5, "1.000 m²", id="afgerond-naar-duizend"),
        pytest.param(float("nan"), "– m²", id="nan"),
    ],
)
def test_format_m2(waarde, tekst):
    assert formatting.format_m2(waarde) == tekst


@pytest.mark.parametrize(
    ("waarde", "decimalen", "tekst"),
    [
        pytest.param(0.5, 0, "50 %", id="half"),
        pytest.param(0.123, 1, "12,3 %", id="decimaal"),
        pytest.param(1.0, 0, "100 %", id="geheel"),
        pytest.param(None, 0, "–", id="none"),
        pytest.param(float("nan"), 0, "–", id="nan"),
    ],
)
def test_format_pct(waarde, decimalen, tekst):
    assert formatting.format_pct(waarde, decimalen) == tekst


@pytest.mark.parametrize(
    ("datum", "tekst"),
    [
        pytest.param(dt.date(2026, 11, 28), "28-11-2026", id="datum"),
        pytest.param(dt.datetime(2022, 1, 5, 14, 30), "05-01-2022", id="tijdstip"),
    ],
)
def test_format_datum(datum, tekst):
    assert formatting.format_datum(datum) == tekst
