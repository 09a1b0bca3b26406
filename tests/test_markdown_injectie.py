"""User text in markdown shows as typed (issue 16): no image is loaded and no link is made from
a scenario name, a mutatie name, a user name or the lokale-modus author, not even from a bare
``www.…`` or ``http://…`` (Streamlit autolinks those after unescaping).

:func:`bedrijventerreinen.formatting.escape_markdown` is the one helper; these tests check the
markdown source the app sends (AppTest) with :func:`tekstknopen`, a model of how Streamlit 1.67
renders it, and tests/browser/test_invoer_browser.py checks the page in Chromium.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as hst
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import formatting, register, store, strategy, toegang
from bedrijventerreinen.scenarios import Scenario

APP = str(Path(__file__).resolve().parent.parent / "app.py")
BEELD = "![i](http://attacker.example/x.png)"
LINKS = "[klik](http://attacker.example/k) www.attacker.example http://attacker.example a@attacker.example"
AANVALLEN = [
    BEELD,
    LINKS,
    "<img src=x onerror=alert(1)> <http://attacker.example>",
    "**vet** _schuin_ `code` ~~weg~~ $x$ :red[rood] :smile: :material/home:",
    "a -> b <- c >= d -- e",
    "# kop\n- lijst\n> citaat\n\n[1]: http://attacker.example",
    "&lt;b&gt; &amp; \\*",
]

#: Streamlit (remark-gfm) makes a link of these in a text node even after the markdown escapes are removed.
_AUTOLINK = re.compile(r"(?i)https?://|www\.|[\w.+-]@[\w-]+\.\w|mailto:|xmpp:")
_SHORTCODE = re.compile(r":[\w+/-]+:")
_DIRECTIEF = re.compile(r":color\[\\?(.)\]", re.DOTALL)


def tekstknopen(bron: str) -> list[str]:
    """The text nodes Streamlit's markdown makes of ``bron``: the ``:color[…]`` spans that
    escape_markdown puts around single characters are nodes of their own; escapes removed."""
    delen = _DIRECTIEF.split(bron)  # text, character in a span, text, ...
    return [deel if i % 2 else re.sub(r"\\(.)", r"\1", deel, flags=re.DOTALL) for i, deel in enumerate(delen)]


def gevaren(bron: str) -> list[str]:
    """What in the markdown ``bron`` would become an image, a link, HTML, an emoji or an arrow."""
    gevonden = re.findall(r"(?<!\\)!\[|(?<!\\)\]\(|(?<!\\)<[A-Za-z/!]|(?m:^ {0,3}\[[^\]]*\]:)", bron)
    for knoop in tekstknopen(bron):
        gevonden += _AUTOLINK.findall(knoop) + _SHORTCODE.findall(knoop)
        gevonden += re.findall(r"(?:^|\s)(?:<->|->|<-|--|>=|<=|~=)(?=\s|$)", knoop)
    return gevonden


def zichtbaar(bron: str) -> str:
    """The text a reader sees of escaped markdown (the directives unwrapped, escapes removed)."""
    return "".join(tekstknopen(bron)).replace("  \n", "\n")


@pytest.mark.parametrize("tekst", AANVALLEN)
def test_escape_markdown_leaves_nothing_to_render(tekst):
    bron = formatting.escape_markdown(tekst)
    assert gevaren(bron) == [], bron
    assert zichtbaar(bron) == tekst, "the reader sees the text exactly as typed"


def test_escape_markdown_keeps_plain_text_plain():
    assert formatting.escape_markdown("Werninkterrein T-04 3,5 ha") == r"Werninkterrein T\-04 3,5 ha"


@given(hst.text(alphabet=hst.sampled_from(list("aw.:/@<>-~=!*[]()_#\\` \nhtps0")), max_size=40))
def test_escape_markdown_for_any_text(tekst):
    bron = formatting.escape_markdown(tekst)
    assert gevaren(bron) == [], bron
    assert zichtbaar(bron) == tekst


# --- the pages (AppTest) --------------------------------------------------------------------------


def _markdown(at: AppTest) -> list[str]:
    """Every markdown source on the page (also in the sidebar and in messages)."""
    soorten = ("markdown", "caption", "subheader", "header", "title", "info", "warning", "error", "success")
    return [str(e.value) for soort in soorten for e in getattr(at, soort)] + [
        str(e.value) for soort in soorten for e in getattr(at.sidebar, soort)
    ]


def _zonder_gevaren(at: AppTest) -> None:
    assert not at.exception, at.exception
    fout = {bron: gevaren(bron) for bron in _markdown(at) if gevaren(bron)}
    assert not fout, fout


def test_compare_tab_shows_scenario_and_mutatie_names_as_text(store_pad):
    s = store.open_store(store_pad, gebruiker=toegang.lokale_gebruiker("Gerda"))
    m = s.load_mutaties()
    mid = str(m.loc[m["soort"] == "compensatie", "mutatie_id"].iloc[0])  # a name any compensatie may have
    register.change_mutatie(s, mid, {"naam": LINKS}, 1, strategy.load_strategie())
    a = s.save_scenario(BEELD, Scenario(overrides={mid: {"opnemen": False}}).to_json())
    b = s.save_scenario(LINKS, Scenario(overrides={mid: {"jaar": 2029}}).to_json())
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page("pages/scenarios.py").run()
    at.multiselect(key="vergelijk_keuze").set_value([a, b]).run()
    _zonder_gevaren(at)
    zichtbare = [zichtbaar(m) for m in _markdown(at)]
    assert any(f"tussen '{BEELD}' en de andere" in z for z in zichtbare), "the name reads as typed"
    assert any(f"{LINKS} ({mid})" in z for z in zichtbare), "Verschillend aangepast: the mutatie name as typed"


def test_lokale_modus_author_and_editor_are_text(store_pad):
    naam = "www.attacker.example ![a](http://attacker.example/a.png)"
    s = store.open_store(store_pad, gebruiker=toegang.lokale_gebruiker(naam))
    sid = s.save_scenario("Van een onbekende", Scenario().to_json())
    mid = str(s.load_mutaties()["mutatie_id"].iloc[0])
    register.change_mutatie(s, mid, {"toelichting": "gewijzigd"}, 1, strategy.load_strategie())
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["scenario"] = sid
    at.run()
    at.switch_page("pages/scenarios.py").run()
    _zonder_gevaren(at)
    assert f"Auteur: {naam} (lokale modus)" in [zichtbaar(c) for c in _markdown(at)]
    at.switch_page("pages/transformatie.py").run()
    at.selectbox(key="mw_keuze").set_value(mid).run()
    _zonder_gevaren(at)
    assert any(f"laatst gewijzigd door {naam} (lokale modus)" in zichtbaar(c) for c in _markdown(at))


def test_sidebar_user_name_is_text(tmp_path, monkeypatch):
    naam = "[klik](http://attacker.example) www.attacker.example a@attacker.example"
    pad = tmp_path / "toegang.toml"
    toegang.add_gebruiker("kees", "kijkt-graag-mee-1", "kijker", naam, pad)
    monkeypatch.setenv("BEDRIJVENTERREINEN_STORE", str(tmp_path / "monitor.gpkg"))
    monkeypatch.setenv("BEDRIJVENTERREINEN_TOEGANG", str(pad))
    monkeypatch.setenv("BEDRIJVENTERREINEN_ACHTERGROND", "geen")
    from bedrijventerreinen.ui import toegang as login_ui

    login_ui._bewaker.clear()
    login_ui._config.clear()
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.text_input(key="aanmelden_login").input("kees")
    at.text_input(key="aanmelden_wachtwoord").input("kijkt-graag-mee-1")
    at.button[0].click().run()
    _zonder_gevaren(at)
    assert f"Aangemeld als **{naam}** · kijker" in [zichtbaar(c.value) for c in at.sidebar.caption]


def test_park_typologie_in_the_kanszones_slider_labels_is_text(store_pad, beheerder):
    """A park type is user data: in the Kanszones sidebar it names two sliders, whose labels are markdown."""
    s = store.open_store(store_pad, gebruiker=beheerder)
    t = s.load_terreinen()
    t.loc[t.index[0], "typologie"] = BEELD
    s.write({"terreinen": t})
    at = AppTest.from_file(str(Path(APP).parent / "pages" / "kanszones.py"), default_timeout=120).run()
    assert not at.exception, at.exception
    labels = [sl.label for sl in at.sidebar.select_slider if BEELD[2:3] in sl.label and "Doel" in sl.label]
    eigen = [label for label in labels if "attacker" in zichtbaar(label)]
    assert len(eigen) == 2, labels  # both sliders of that park type
    for label in eigen:
        assert not gevaren(label), (label, gevaren(label))
        assert BEELD in zichtbaar(label)
