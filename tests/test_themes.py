"""Themes: every text colour of the light and the dark theme meets WCAG AA on the surfaces it
is used on (ratios computed here), traffic-light and other category labels stay readable,
the app's configured theme passes too, and charts, maps and legends share the category
colours."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bedrijventerreinen import aanbod, balance, charts, io, maps, schema, strategy, themes

CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"


def test_contrast_formula_matches_wcag_reference_values():
    assert themes.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert themes.contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert themes.contrast("#0b4f8a", "#0b4f8a") == pytest.approx(1.0)
    # reference values from the WCAG contrast checker of WebAIM
    assert themes.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert themes.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert themes.contrast("#f00", "#ffffff") == pytest.approx(4.0, abs=0.01)
    with pytest.raises(ValueError):
        themes.contrast("rood", "#ffffff")


PAREN = [(t.naam, p) for t in themes.THEMAS.values() for p in themes.kleurparen(t)]


@pytest.mark.parametrize(("thema", "paar"), PAREN, ids=[f"{t}: {p.rol}" for t, p in PAREN])
def test_every_colour_pair_of_both_themes_meets_wcag_aa(thema, paar):
    assert paar.ratio >= paar.minimum, (
        f"{thema}: {paar.rol} {paar.voorgrond} op {paar.achtergrond} heeft contrast {paar.ratio:.2f}, "
        f"minimaal {paar.minimum}"
    )


def test_both_themes_exist_and_text_pairs_use_the_aa_text_minimum():
    assert set(themes.THEMAS) == {"licht", "donker"}
    for t in themes.THEMAS.values():
        tekst = [p for p in themes.kleurparen(t) if p.rol.startswith(("tekst", "label", "accent"))]
        assert tekst and all(p.minimum >= themes.AA_TEKST for p in tekst)


@pytest.mark.parametrize("categorie", [c for cs in themes.LABEL_CATEGORIEEN.values() for c in cs], ids=lambda c: c.code)
def test_label_text_colour_is_the_more_readable_of_black_and_white(categorie):
    gekozen = themes.tekst_op(categorie.kleur)
    ander = "#ffffff" if gekozen == "#000000" else "#000000"
    assert themes.contrast(gekozen, categorie.kleur) >= themes.contrast(ander, categorie.kleur)
    assert themes.contrast(gekozen, categorie.kleur) >= themes.AA_TEKST


def test_the_configured_app_theme_is_readable():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["theme"]
    secties = [config] + [config[k] for k in ("light", "dark") if k in config]
    for sectie in secties:
        achtergrond = sectie.get("backgroundColor", "#ffffff")
        assert themes.contrast(sectie["textColor"], achtergrond) >= themes.AA_TEKST
        assert (
            themes.contrast(sectie["textColor"], sectie.get("secondaryBackgroundColor", achtergrond)) >= themes.AA_TEKST
        )
        assert themes.contrast(sectie["primaryColor"], achtergrond) >= themes.AA_TEKST


def test_config_snippet_holds_both_themes_as_declared():
    config = tomllib.loads(themes.config_toml())["theme"]
    assert config["light"]["backgroundColor"] == themes.LICHT.achtergrond
    assert config["dark"]["textColor"] == themes.DONKER.tekst
    assert config["dark"]["primaryColor"] == themes.DONKER.accent


def test_charts_and_map_use_the_legend_colours():
    kleur = {c.code: c.kleur for c in schema.SOORTEN}
    lagen = io.read_voorbeeld()
    strat = strategy.load_strategie()
    b = balance.compute_hectarebalans(lagen["terreinen"], lagen["mutaties"], lagen["koppelingen"], strat)
    spec = charts.chart_transformatie_compensatie(b).to_dict()
    schaal = spec["encoding"]["color"]["scale"]
    assert dict(zip(schaal["domain"], schaal["range"], strict=True)) == {
        schema.label(schema.SOORTEN, s): kleur[s] for s in ("transformatie", "compensatie", "intensivering")
    }
    for post in maps.legenda():
        if post.groep == "Mutaties":
            assert post.stijl.kleur == kleur[post.code]
        elif post.code in {c.code for c in schema.KOERSEN}:
            assert post.stijl.kleur == next(c.kleur for c in schema.KOERSEN if c.code == post.code)


def test_altair_theme_sets_colours_and_scales_text():
    va = aanbod.compute_vraag_aanbod(
        io.read_voorbeeld()["terreinen"], io.read_voorbeeld()["mutaties"], strategy.load_strategie()
    )
    spec = themes.altair_thema(charts.chart_vraag_aanbod(va, themes.DONKER), themes.DONKER, schaal=2).to_dict()
    lijnen = next(laag for laag in spec["layer"] if laag["mark"]["type"] == "line")
    assert lijnen["encoding"]["color"]["scale"]["range"] == [themes.DONKER.aanbod_hard, themes.DONKER.aanbod_zacht]
    assert spec["config"]["background"] == themes.DONKER.achtergrond
    assert spec["config"]["axis"]["labelColor"] == themes.DONKER.tekst
    assert spec["config"]["axis"]["labelFontSize"] == 28
    assert spec["config"]["locale"] == charts.NL_LOCALE
