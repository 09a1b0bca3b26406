"""The session-key registry (:mod:`bedrijventerreinen.ui.state`): no key is typed outside it,
records neither repeat nor shadow each other, the vergadermodus keeps exactly the records
marked to survive, and ``reset("filter")`` brings the sidebar's filters back to their defaults."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import toegang
from bedrijventerreinen.ui import state

ROOT = Path(__file__).resolve().parent.parent
BRONNEN = sorted([*(ROOT / "bedrijventerreinen" / "ui").glob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"])
APP = str(ROOT / "app.py")
#: The methods of ``st.session_state`` that take a key as first argument.
SESSIE_METHODEN = {"get", "pop", "setdefault", "__contains__", "__getitem__", "__setitem__", "__delitem__"}
#: Streamlit calls whose first positional argument is the key (``st.form("…")``).
KEY_EERST = {"form"}


def _is_session_state(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def _is_tekst(node: ast.AST | None) -> bool:
    """A string written in the source: a literal, an f-string or a sum with one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_tekst(node.left) or _is_tekst(node.right)
    return False


def _call_keys(node: ast.Call) -> list[str]:
    """What a call types as a key: ``key="…"``, ``st.session_state.get("…")``, ``st.form("…")``."""
    uit = ["key=" for kw in node.keywords if kw.arg == "key" and _is_tekst(kw.value)]
    func, eerste = node.func, (node.args[0] if node.args else None)
    if not isinstance(func, ast.Attribute):
        return uit
    if _is_session_state(func.value) and func.attr in SESSIE_METHODEN and _is_tekst(eerste):
        uit.append(f"session_state.{func.attr}")
    if _is_session_state(func.value) and func.attr == "update" and isinstance(eerste, ast.Dict):
        uit += ["session_state.update" for k in eerste.keys if _is_tekst(k)]
    if func.attr in KEY_EERST and _is_tekst(eerste):
        uit.append(f"{func.attr}(key)")
    return uit


def _node_keys(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Call):
        return _call_keys(node)
    if isinstance(node, ast.Subscript) and _is_session_state(node.value) and _is_tekst(node.slice):
        return ["session_state[...]"]
    if isinstance(node, ast.Compare) and _is_tekst(node.left) and any(_is_session_state(c) for c in node.comparators):
        return ["in session_state"]
    return []


def _literal_keys(bron: str, naam: str = "") -> list[str]:
    """Every place in the source ``bron`` where a key is typed instead of asked of the registry."""
    return [f"{naam}:{node.lineno} {wat}" for node in ast.walk(ast.parse(bron)) for wat in _node_keys(node)]


def _typed_again(bron: str, naam: str = "") -> list[str]:
    """String literals equal to a registered key outside a registry lookup (a key typed again)."""
    namen = {r.naam for r in state.SLEUTELS if "_" in r.naam}  # 'kaart', 'afmelden' are ordinary words too
    opzoeken: set[int] = set()
    boom = ast.parse(bron)
    for node in ast.walk(boom):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in {
            "sleutel",
            "standaard",
            "schaduw",
            "record",
            "render_handout_knop",
        }:
            opzoeken |= {id(a) for a in [*node.args, *(kw.value for kw in node.keywords)]}
    return [
        f"{naam}:{node.lineno} {node.value!r}"
        for node in ast.walk(boom)
        if isinstance(node, ast.Constant) and node.value in namen and id(node) not in opzoeken
    ]


def test_the_scan_finds_typed_keys():
    bron = (
        'st.text_input("x", key="a")\nst.session_state["b"] = 1\nst.session_state.get(f"c_{n}")\n'
        'st.form("d")\nst.session_state.pop("e" + s)\n"f" in st.session_state\nst.session_state.update({"g": 1})\n'
        "st.button('ok', key=state.sleutel('knop'))\nmin(x, key=lambda v: v)\n"
    )
    assert len(_literal_keys(bron)) == 7
    assert _typed_again('BEWAAR = ("peildatum_keuze",)\nk = state.sleutel("peildatum_keuze")\n') == [
        ":1 'peildatum_keuze'"
    ]


@pytest.mark.parametrize("pad", BRONNEN, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_key_is_typed_outside_the_registry(pad):
    bron, naam = pad.read_text(encoding="utf-8"), str(pad.relative_to(ROOT))
    assert _literal_keys(bron, naam) == []
    if pad.name != "state.py":
        assert _typed_again(bron, naam) == []


def test_names_are_unique_and_no_prefix_shadows_another_record():
    namen = [r.naam for r in state.SLEUTELS]
    assert len(namen) == len(set(namen)), "a session key is registered twice"
    prefixen = [r for r in state.SLEUTELS if r.voorvoegsel]
    for p in prefixen:
        for r in state.SLEUTELS:
            if r is p or not r.naam.startswith(p.naam + "_"):
                continue
            # A prefix inside another prefix would make the owner of a built key ambiguous.
            assert not r.voorvoegsel, f"prefix {r.naam!r} lies inside prefix {p.naam!r}"
            # An exact key inside a prefix's space (mw_keuze beside mw_<mutatie>_…) is looked up
            # exactly first; it must at least reset and survive with its family.
            assert (r.groep, r.bewaren_in_vergadermodus) == (p.groep, p.bewaren_in_vergadermodus), r.naam
    for r in state.SLEUTELS:
        assert state.record_van(r.naam) is r
        if r.voorvoegsel:
            assert state.record_van(state.sleutel(r.naam, "x")) is r


def test_lookups_fail_loudly():
    assert state.sleutel("kaart_lagen", "kanszones") == "kaart_lagen_kanszones"
    assert state.sleutel("filter_gemeenten") == "filter_gemeenten"
    assert state.extend_key(state.sleutel("mn", 0), "soort") == "mn_0_soort"
    with pytest.raises(KeyError):
        state.sleutel("filter_gemeente")  # a typo
    with pytest.raises(ValueError):
        state.sleutel("kaart_lagen")  # a prefix needs its parts
    with pytest.raises(ValueError):
        state.sleutel("filter_gemeenten", "x")  # an exact key takes none
    with pytest.raises(ValueError):
        state.extend_key("filter_gemeenten", "x")
    with pytest.raises(KeyError):
        state.reset("filters")
    assert state.standaard("filter_gemeenten") == [] and state.standaard("filter_gemeenten") is not state.standaard(
        "filter_gemeenten"
    )


def test_the_vergadermodus_keeps_the_selection_and_the_map_settings():
    assert {r.naam for r in state.bewaarde_sleutels()} == {
        "filter_gemeenten",
        "filter_planstatus",
        "kanszone_aandeel",
        "peildatum_keuze",
        "kaart_lagen",
        "kaart_achtergrond",
    }
    assert state.is_bewaard("kaart_lagen_kanszones") and not state.is_bewaard("kaart_terrein")


def test_reset_removes_a_group_and_its_shadow_keys():
    sessie = {
        "filter_gemeenten": ["Katwijk"],
        "_filter_gemeenten": ["Katwijk"],
        "filter_planstatus": "zacht",
        "_filter_planstatus": "zacht",
        "kanszone_aandeel": 50,
        "kaart_lagen_kanszones": False,
        "$$WIDGET_ID-streamlit": 1,
    }
    weg = state.reset("filter", sessie)
    assert set(weg) == {
        "filter_gemeenten",
        "_filter_gemeenten",
        "filter_planstatus",
        "_filter_planstatus",
        "kanszone_aandeel",
    }
    assert sessie == {"kaart_lagen_kanszones": False, "$$WIDGET_ID-streamlit": 1}


# -- behaviour through AppTest ---------------------------------------------------------------
@pytest.fixture
def lokale_modus(tmp_path, monkeypatch):
    """Lokale modus whatever the developer's machine holds: the access file does not exist."""
    monkeypatch.setenv(toegang.ENV_TOEGANG, str(tmp_path / "geen-toegang.toml"))


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, at.exception
    return at


def _monitor_script() -> None:
    """app.py's shape without its navigation (AppTest runs a switched-to page on its own):
    the sidebar with the filters, the map settings, one unmarked widget and the toggle; with
    ``?vergadermodus=1`` only the vergadermodus, without the sidebar."""
    import streamlit as st

    from bedrijventerreinen.ui import page_context, render_sidebar, state
    from bedrijventerreinen.ui import vergadermodus as vm
    from bedrijventerreinen.ui.kaart import render_kaartinstellingen

    if vm.is_aan():
        vm.render_vergadermodus(page_context())
    else:
        render_sidebar()
        vm.render_schakelaar()
        render_kaartinstellingen()
        st.sidebar.toggle("Kandidaat-zones tonen", key=state.sleutel("kz_kandidaten_tonen"))


def test_choices_survive_the_vergadermodus(store_pad, lokale_modus):
    gemeenten = state.sleutel("filter_gemeenten")
    laag = state.sleutel("kaart_lagen", "kanszones")
    niet_bewaard = state.sleutel("kz_kandidaten_tonen")
    at = AppTest.from_function(_monitor_script, default_timeout=120)
    _ok(at.run())
    at.multiselect(key=gemeenten).set_value(["Katwijk"])
    at.checkbox(key=laag).uncheck()
    _ok(at.toggle(key=niet_bewaard).set_value(True).run())
    assert at.checkbox(key=laag).value is False and at.toggle(key=niet_bewaard).value is True

    _ok(at.toggle(key=state.sleutel("vm_schakelaar")).set_value(True).run())
    assert at.query_params["vergadermodus"] == "1"
    _ok(at.run())  # the vergadermodus on its own: the sidebar's widgets are not drawn
    assert len(at.sidebar) == 0 and "Selectie: Katwijk" in "".join(el.proto.body for el in at.get("html"))
    _ok(at.button(key=state.sleutel("vm_volgende")).click().run())
    _ok(at.button(key=state.sleutel("vm_volgende")).click().run())

    del at.query_params["vergadermodus"]
    _ok(at.run())
    assert at.multiselect(key=gemeenten).value == ["Katwijk"]
    assert at.checkbox(key=laag).value is False
    # a widget whose record is not marked to survive starts again from its default
    assert at.toggle(key=niet_bewaard).value is False


def _filters_script() -> None:
    import streamlit as st

    from bedrijventerreinen.ui import render_sidebar, state

    if st.button("Filters wissen"):
        state.reset("filter")
    render_sidebar()


def test_reset_filter_restores_the_defaults(store_pad, lokale_modus):
    at = AppTest.from_function(_filters_script, default_timeout=60)
    _ok(at.run())
    gemeenten, planstatus, aandeel = (
        state.sleutel(n) for n in ("filter_gemeenten", "filter_planstatus", "kanszone_aandeel")
    )
    at.multiselect(key=gemeenten).set_value(["Katwijk"])
    at.radio(key=planstatus).set_value("zacht")
    _ok(at.slider(key=aandeel).set_value(50).run())
    _ok(at.run())  # the shadow keys keep the choice
    assert at.multiselect(key=gemeenten).value == ["Katwijk"]
    assert at.radio(key=planstatus).value == "zacht"
    _ok(at.button[0].click().run())
    assert at.multiselect(key=gemeenten).value == state.standaard(gemeenten)
    assert at.radio(key=planstatus).value == state.standaard(planstatus)
    assert at.slider(key=aandeel).value == state.standaard(aandeel)
