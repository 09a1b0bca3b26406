"""The register stock per peiljaar and the land issued per year (bedrijventerreinen.ibis), as
table tests with hand-computed rows: a small register with two peiljaren 2023/2024 imported
one after the other, IBIS's own 'uitgifte huidig jaar', a difference spread over the years
between two stocks, and the sentence which demand path the region is on. Also the chart of
the uitgifte against the demand paths."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from bedrijventerreinen import charts, ibis, schema, themes

#: (terrein_id, rin, naam, gemeente, bruto, netto, uitgeefbaar[, uitgifte huidig jaar])
STAND_2023 = [
    ("A", "101", "Alfa", "Leiden", 10.0, 8.0, 3.0),
    ("B", "102", "Beta", "Leiden", 5.0, 4.0, 1.0),
    ("C", "103", "Gamma", "Katwijk", 12.0, 10.0, 4.0),
    ("D", "104", "Delta", "Katwijk", 0.8, 0.6, 0.2),  # under 1 ha bruto: outside the strategy
    ("E", "105", "Epsilon", "Den Haag", 20.0, 15.0, 5.0),  # outside the region
    ("G", "107", "Eta", "Leiden", 3.0, 2.0, 0.0),  # gone in 2024
]
STAND_2024 = [
    ("A", "101", "Alfa", "Leiden", 10.0, 8.0, 1.0),  # 2 ha issued
    ("B", "102", "Beta", "Leiden", 5.0, 4.0, 1.0),  # unchanged
    ("C", "103", "Gamma", "Katwijk", 12.0, 11.0, 4.5, 0.8),  # +1 ha netto; IBIS says 0,8 ha issued
    ("D", "104", "Delta", "Katwijk", 0.8, 0.6, 0.2),
    ("E", "105", "Epsilon", "Den Haag", 20.0, 15.0, 0.0),  # 5 ha issued, outside the region
    ("F", "106", "Zeta", "Katwijk", 6.0, 5.0, 2.0, 1.5),  # new, IBIS says 1,5 ha issued this year
]


def stand(peiljaar: int, rijen: list[tuple]) -> pd.DataFrame:
    """An imported register table of one peiljaar, matched to park ids, as the import hands it on."""
    df = pd.DataFrame(
        [
            {
                "terrein_id": r[0],
                "rin_nummer": r[1],
                "naam": r[2],
                "gemeente": r[3],
                "bruto_ha": r[4],
                "netto_ha": r[5],
                "uitgeefbaar_ha": r[6],
                "uitgifte_ha": r[7] if len(r) > 7 else None,
                "koers": "behouden",
                "peiljaar": peiljaar,
            }
            for r in rijen
        ]
    )
    return schema.conform(df, "terreinen")


@pytest.fixture
def voorraad() -> pd.DataFrame:
    """The stock history after importing 2023 and then 2024."""
    leeg = schema.empty("voorraad")
    na_2023 = ibis.merge_voorraad(leeg, stand(2023, STAND_2023), "IBIS 2023")
    return ibis.merge_voorraad(na_2023, stand(2024, STAND_2024), "IBIS 2024")


def rijen(df: pd.DataFrame, kolommen: list[str]) -> list[tuple]:
    """The rows of ``df`` as tuples, floats rounded to 0.001 (NaN stays NaN)."""
    uit = []
    for r in df[kolommen].itertuples(index=False):
        uit.append(tuple(round(float(v), 3) if isinstance(v, float) else v for v in r))
    return uit


def gelijk(a: list[tuple], b: list[tuple]) -> bool:
    """Row lists equal, NaN equal to NaN."""

    def zelfde(x, y) -> bool:
        if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
            return True
        return x == y

    return len(a) == len(b) and all(len(r) == len(s) and all(map(zelfde, r, s)) for r, s in zip(a, b, strict=True))


def test_two_imports_keep_the_stock_of_both_peiljaren(voorraad):
    assert len(voorraad) == len(STAND_2023) + len(STAND_2024)
    assert sorted(voorraad["peiljaar"].unique()) == [2023, 2024]
    a = voorraad[voorraad["terrein_id"] == "A"].set_index("peiljaar")
    # uitgegeven = netto − uitgeefbaar where the file does not give it
    assert a.loc[2023, "uitgegeven_ha"] == 5.0 and a.loc[2024, "uitgegeven_ha"] == 7.0
    # importing 2024 again replaces 2024 and keeps 2023
    opnieuw = ibis.merge_voorraad(voorraad, stand(2024, STAND_2024), "IBIS 2024 (nogmaals)")
    assert len(opnieuw) == len(voorraad)
    assert set(opnieuw.loc[opnieuw["peiljaar"] == 2023, "bron"]) == {"IBIS 2023"}


def test_voorraad_per_jaar_per_gemeente_and_region(voorraad, strategie):
    tabel = ibis.compute_voorraad_per_jaar(voorraad, strategie)
    # Delta (0,8 ha bruto) falls outside the strategy; Epsilon lies outside the region
    verwacht = [
        ("Katwijk", 2023, 1, 12.0, 10.0, 4.0),
        ("Katwijk", 2024, 2, 18.0, 16.0, 6.5),
        ("Leiden", 2023, 3, 18.0, 14.0, 4.0),
        ("Leiden", 2024, 2, 15.0, 12.0, 2.0),
        ("regio", 2023, 4, 30.0, 24.0, 8.0),
        ("regio", 2024, 4, 33.0, 28.0, 8.5),
    ]
    kolommen = ["gemeente", "peiljaar", "terreinen", "bruto_ha", "netto_ha", "uitgeefbaar_ha"]
    assert rijen(tabel, kolommen) == verwacht


def test_verandering_per_park_between_two_peiljaren(voorraad):
    tabel = ibis.compute_verandering(voorraad, 2023, 2024)
    nan = float("nan")
    # largest change of netto first; equal changes in the order of the park ids
    verwacht = [
        ("F", "Zeta", nan, 5.0, 5.0, nan, 2.0, "nieuw in 2024"),
        ("G", "Eta", 2.0, nan, -2.0, 0.0, nan, "niet meer in 2024"),
        ("C", "Gamma", 10.0, 11.0, 1.0, 4.0, 4.5, "gewijzigd"),
        ("A", "Alfa", 8.0, 8.0, 0.0, 3.0, 1.0, "gewijzigd"),
        ("B", "Beta", 4.0, 4.0, 0.0, 1.0, 1.0, "gelijk"),
        ("D", "Delta", 0.6, 0.6, 0.0, 0.2, 0.2, "gelijk"),
        ("E", "Epsilon", 15.0, 15.0, 0.0, 5.0, 0.0, "gewijzigd"),
    ]
    kolommen = [
        "terrein_id",
        "naam",
        "netto_van",
        "netto_tot",
        "netto_verschil",
        "uitgeefbaar_van",
        "uitgeefbaar_tot",
        "status",
    ]
    assert gelijk(rijen(tabel, kolommen), verwacht), rijen(tabel, kolommen)


def test_uitgifte_from_two_stocks_and_ibis_uitgifte_huidig_jaar(voorraad, strategie):
    tabel = ibis.compute_uitgifte(voorraad, strategie)
    nan = float("nan")
    # Leiden: Alfa 7 − 5 = 2 ha, Beta 0; Eta (gone) adds nothing.
    # Katwijk: Gamma's own IBIS figure 0,8 ha wins over the difference (6,5 − 6 = 0,5 ha);
    # Zeta is only in 2024 and adds its IBIS figure 1,5 ha; Delta 0. Epsilon is outside the region.
    # Demand paths in 2024: 4 of the 10 years → 47,2 × 0,4 = 18,88 and 63,5 × 0,4 = 25,4 ha.
    verwacht = [
        ("Katwijk", 2024, 2.3, 2.3, nan, nan),
        ("Leiden", 2024, 2.0, 2.0, nan, nan),
        ("regio", 2024, 4.3, 4.3, 18.88, 25.4),
    ]
    kolommen = ["gemeente", "jaar", "uitgifte_ha", "cumulatief_ha", "vraag_laag_ha", "vraag_hoog_ha"]
    assert gelijk(rijen(tabel, kolommen), verwacht), rijen(tabel, kolommen)
    zin = ibis.describe_uitgifte(tabel, strategie)
    assert zin == (
        "Uitgifte 2024: gemiddeld 4,3 ha per jaar. De strategie rekent met 4,7 (laag) tot 6,3 ha (hoog) per "
        "jaar tot 2030: de regio zit onder het lage pad."
    )


def voorraad_van(*standen: tuple[int, list[tuple]]) -> pd.DataFrame:
    v = schema.empty("voorraad")
    for peiljaar, r in standen:
        v = ibis.merge_voorraad(v, stand(peiljaar, r), f"IBIS {peiljaar}")
    return v


def test_a_difference_is_spread_evenly_over_the_years_between_two_stocks(strategie):
    v = voorraad_van(
        (2021, [("P", "201", "Pi", "Leiden", 12.0, 10.0, 6.0)]),  # uitgegeven 4
        (2024, [("P", "201", "Pi", "Leiden", 12.0, 10.0, 0.0)]),  # uitgegeven 10: 6 ha in 3 years
    )
    tabel = ibis.compute_uitgifte(v, strategie)
    regio = tabel[tabel["gemeente"] == "regio"]
    verwacht = [
        (2022, 2.0, 2.0, 9.44, 12.7),
        (2023, 2.0, 4.0, 14.16, 19.05),
        (2024, 2.0, 6.0, 18.88, 25.4),
    ]
    assert rijen(regio, ["jaar", "uitgifte_ha", "cumulatief_ha", "vraag_laag_ha", "vraag_hoog_ha"]) == verwacht
    assert ibis.describe_uitgifte(tabel, strategie).startswith("Uitgifte 2022–2024: gemiddeld 2,0 ha per jaar.")


def test_years_up_to_the_reference_year_do_not_count(strategie):
    v = voorraad_van(
        (2019, [("P", "201", "Pi", "Leiden", 12.0, 10.0, 6.0)]),
        (2021, [("P", "201", "Pi", "Leiden", 12.0, 10.0, 2.0)]),  # 4 ha over 2020 and 2021
    )
    tabel = ibis.compute_uitgifte(v, strategie)
    assert rijen(tabel[tabel["gemeente"] == "regio"], ["jaar", "uitgifte_ha", "cumulatief_ha"]) == [(2021, 2.0, 2.0)]


@pytest.mark.parametrize(
    ("uitgifte", "pad"),
    [
        ((3.0, 2.5), "tussen het lage en het hoge pad"),  # 5,5 ha: 4,72 ≤ 5,5 ≤ 6,35
        ((5.0, 2.0), "boven het hoge pad"),  # 7,0 ha
        ((1.0, 0.5), "onder het lage pad"),  # 1,5 ha
    ],
)
def test_one_stock_with_ibis_uitgifte_huidig_jaar_says_which_path(strategie, uitgifte, pad):
    v = voorraad_van(
        (
            2024,
            [
                ("P", "201", "Pi", "Leiden", 12.0, 10.0, 2.0, uitgifte[0]),
                ("Q", "202", "Rho", "Zoeterwoude", 30.0, 25.0, 0.0, uitgifte[1]),
            ],
        )
    )
    tabel = ibis.compute_uitgifte(v, strategie)
    regio = tabel[tabel["gemeente"] == "regio"]
    assert rijen(regio, ["jaar", "uitgifte_ha"]) == [(2024, sum(uitgifte))]
    assert ibis.describe_uitgifte(tabel, strategie).endswith(f"de regio zit {pad}.")


def test_one_stock_without_uitgifte_cannot_tell_the_path(strategie):
    v = voorraad_van((2024, STAND_2024[:2]))
    tabel = ibis.compute_uitgifte(v, strategie)
    assert tabel.empty
    assert "nog niet te berekenen" in ibis.describe_uitgifte(tabel, strategie)
    assert "nog niet te berekenen" in ibis.describe_uitgifte(
        ibis.compute_uitgifte(schema.empty("voorraad"), strategie), strategie
    )


def test_parks_under_one_hectare_issue_nothing_for_the_strategy(strategie):
    v = voorraad_van(
        (2023, [("D", "104", "Delta", "Katwijk", 0.8, 0.6, 0.6)]),
        (2024, [("D", "104", "Delta", "Katwijk", 0.8, 0.6, 0.0)]),
    )
    assert ibis.compute_uitgifte(v, strategie).empty


# -- the chart ---------------------------------------------------------------------------


def chart_data(spec: dict) -> tuple[list[dict], list[dict]]:
    """The uitgifte points and the low demand path's rows of a chart_uitgifte spec."""
    data = spec["datasets"].values()
    punten = next(rijen for rijen in data if rijen and "in_jaar" in rijen[0])
    paden = next(rijen for rijen in data if rijen and str(rijen[0].get("reeks", "")).startswith("Vraagpad"))
    return punten, [r for r in paden if r["reeks"].startswith("Vraagpad laag")]


def test_uitgifte_chart_draws_the_cumulative_uitgifte_against_both_demand_paths(voorraad, strategie):
    uitgifte = ibis.compute_uitgifte(voorraad, strategie)
    spec = charts.chart_uitgifte(uitgifte, strategie).to_dict()
    assert spec["config"]["locale"] == charts.NL_LOCALE  # 4,3 ha, not 4.3
    band, vraag, lijn = spec["layer"]
    assert band["mark"]["type"] == "area"
    assert vraag["mark"]["type"] == lijn["mark"]["type"] == "line"
    kleur = lijn["encoding"]["color"]["scale"]
    assert kleur["domain"] == [
        "Uitgifte (cumulatief)",
        "Vraagpad laag (4,7 ha per jaar)",
        "Vraagpad hoog (6,3 ha per jaar)",
    ]
    # each line has its own dash: the chart reads without colour
    assert len({str(s) for s in lijn["encoding"]["strokeDash"]["scale"]["range"]}) == 3
    # the uitgifte is known for 2024 only: line and paths start at 0 at the end of 2023
    punten, paden = chart_data(spec)
    assert [(p["jaar"], round(p["ha"], 3)) for p in punten] == [(2023, 0.0), (2024, 4.3)]
    laag = {p["jaar"]: round(p["ha"], 3) for p in paden}
    assert laag == {j: round(4.72 * (j - 2023), 3) for j in range(2023, strategie.horizon + 1)}
    # so the chart agrees with the sentence: 4,3 ha in a year is under the low path's 4,72
    assert punten[-1]["ha"] < laag[2024]
    assert "onder het lage pad" in ibis.describe_uitgifte(uitgifte, strategie)


def test_uitgifte_chart_known_from_the_reference_year_follows_the_strategy_paths(strategie):
    v = voorraad_van(
        (2020, [("P", "201", "Pi", "Leiden", 80.0, 70.0, 70.0)]),
        (2024, [("P", "201", "Pi", "Leiden", 80.0, 70.0, 42.0)]),  # 28 ha in 4 years: 7 per year
    )
    uitgifte = ibis.compute_uitgifte(v, strategie)
    punten, paden = chart_data(charts.chart_uitgifte(uitgifte, strategie).to_dict())
    assert [(p["jaar"], round(p["ha"], 3)) for p in punten] == [
        (2020, 0.0),
        (2021, 7.0),
        (2022, 14.0),
        (2023, 21.0),
        (2024, 28.0),
    ]
    # from the reference year the paths are the strategy's own: 47,2 ha at the horizon
    laag = {p["jaar"]: round(p["ha"], 3) for p in paden}
    assert laag[2020] == 0.0 and laag[strategie.horizon] == strategie.vraag_laag_ha
    assert "boven het hoge pad" in ibis.describe_uitgifte(uitgifte, strategie)


@pytest.mark.parametrize("thema", [themes.LICHT, themes.DONKER], ids=lambda t: t.naam)
def test_uitgifte_chart_colours_read_on_both_themes(thema):
    for kleur in (charts.UITGIFTE_KLEUR, charts.VRAAGPAD_KLEUR):
        assert themes.contrast(kleur, thema.achtergrond) >= themes.AA_GROOT, (kleur, thema.naam)
