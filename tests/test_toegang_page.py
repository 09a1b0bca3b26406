"""Login through the app (AppTest): each role sees the controls it may use, nobody sees
anything before logging in, wrong passwords are slowed down, and OIDC identities get the
role the access file gives them."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bedrijventerreinen import store, toegang
from bedrijventerreinen.formatting import escape_markdown

ROOT = Path(__file__).resolve().parent.parent
WACHTWOORD = {"kees": "kijkt-graag-mee-1", "wim": "werkt-in-de-groep-2", "bea": "beheert-het-register-3"}
ROL = {"kees": "kijker", "wim": "werkgroep", "bea": "beheerder"}


@pytest.fixture()
def omgeving(tmp_path, monkeypatch) -> Path:
    """A store and an access file with one account per role; a fresh login throttle."""
    pad = tmp_path / "toegang.toml"
    for login, rol in ROL.items():
        toegang.add_gebruiker(login, WACHTWOORD[login], rol, login.title(), pad)
    monkeypatch.setenv("BEDRIJVENTERREINEN_STORE", str(tmp_path / "monitor.gpkg"))
    monkeypatch.setenv("BEDRIJVENTERREINEN_TOEGANG", str(pad))
    monkeypatch.setenv("BEDRIJVENTERREINEN_ACHTERGROND", "geen")
    from bedrijventerreinen.ui import toegang as login_ui

    login_ui._bewaker.clear()
    login_ui._config.clear()
    return pad


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def _aanmelden(at: AppTest, login: str, wachtwoord: str | None = None) -> AppTest:
    at.text_input(key="aanmelden_login").input(login)
    at.text_input(key="aanmelden_wachtwoord").input(WACHTWOORD.get(login, "") if wachtwoord is None else wachtwoord)
    return at.button[0].click().run()


def _teksten(at: AppTest) -> str:
    return " ".join(str(e.value) for soort in (at.title, at.info, at.error, at.caption, at.markdown) for e in soort)


def test_nothing_is_shown_before_login(omgeving):
    at = _app().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Bedrijventerreinenmonitor 071"]
    assert not at.metric and not at.dataframe, "no figures before login"
    assert "lokale modus" not in _teksten(at)
    at.switch_page("pages/transformatie.py").run()  # a page by its URL shows the login too
    assert not at.dataframe and at.text_input(key="aanmelden_login") is not None


@pytest.mark.parametrize(
    ("login", "wijzigen", "opslaan", "inlezen", "gebruikerspagina"),
    [
        ("kees", False, False, False, False),
        ("wim", False, True, False, False),
        ("bea", True, True, True, True),
    ],
    ids=["kijker", "werkgroep", "beheerder"],
)
def test_each_role_sees_its_controls(omgeving, login, wijzigen, opslaan, inlezen, gebruikerspagina):
    at = _aanmelden(_app().run(), login)
    assert not at.exception
    assert f"Aangemeld als **{login.title()}** · {ROL[login]}" in [c.value for c in at.sidebar.caption]
    assert at.metric, "the Overzicht shows its figures after login"
    assert not any(k.key == "lokale_naam_invoer" for k in at.sidebar.text_input), "no typed name with accounts"

    at.switch_page("pages/transformatie.py").run()
    assert not at.exception
    assert any(r.key == "wijzig_wat" for r in at.radio) == wijzigen
    assert any(b.key == "sn_opslaan" for b in at.get("form_submit_button")) == wijzigen
    geweigerd = [i.value for i in at.info if "kan alleen met de rol" in i.value]
    assert any("auditlog bekijken" in t for t in geweigerd) != wijzigen  # the audit log: beheerder only
    assert any("register wijzigen" in t for t in geweigerd) != wijzigen

    at.switch_page("pages/scenarios.py").run()
    assert not at.exception
    assert any(b.key == "knop_opslaan" for b in at.button) == opslaan

    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert bool(at.get("file_uploader")) == inlezen
    assert at.get("download_button"), "every role may export"

    if gebruikerspagina:
        at.switch_page("pages/gebruikers.py").run()
        assert not at.exception
        assert "Wat mag elke rol?" in [s.value for s in at.subheader]
        assert "argon2" not in str(at.dataframe[0].value.to_dict())

    at.switch_page("pages/vergadermodus.py").run()  # last: the vergadermodus keeps itself on
    assert not at.exception and at.get("html"), "every role may show the vergadermodus"


def test_werkgroep_save_is_logged_under_its_login(omgeving, tmp_path):
    at = _aanmelden(_app().run(), "wim")
    at.switch_page("pages/scenarios.py").run()
    at.text_input(key="sc_naam").input("Hoge vraag").run()
    at.button(key="knop_opslaan").click().run()
    assert not at.exception
    s = store.Store(tmp_path / "monitor.gpkg")
    assert s.list_scenarios()[["naam", "auteur"]].values.tolist() == [["Hoge vraag", "wim"]]
    assert s.load_audit()["gebruiker"].tolist() == ["wim"]


def test_wrong_passwords_are_slowed_down_and_the_password_is_never_shown(omgeving):
    at = _app().run()
    for _ in range(5):
        at = _aanmelden(at, "bea", "geraden-wachtwoord")
        assert [e.value for e in at.error] == ["Loginnaam of wachtwoord onjuist."]
    at = _aanmelden(at, "bea")  # the right password, but too soon
    assert "Te veel mislukte pogingen" in at.error[0].value
    assert not at.metric
    # (that the form empties the password field is checked in the browser: tests/browser/test_aanmelden_browser.py)


def test_logout_ends_the_session(omgeving):
    at = _aanmelden(_app().run(), "bea")
    at.sidebar.button(key="afmelden").click().run()
    assert not at.metric and "U bent afgemeld." in _teksten(at)


def test_a_removed_account_loses_access_at_once(omgeving):
    at = _aanmelden(_app().run(), "wim")
    assert at.metric
    toegang.remove_gebruiker("wim", omgeving)
    at.run()
    assert not at.metric and at.text_input(key="aanmelden_login") is not None


def test_lokale_modus_without_access_file(tmp_path, monkeypatch):
    monkeypatch.setenv("BEDRIJVENTERREINEN_STORE", str(tmp_path / "monitor.gpkg"))
    monkeypatch.setenv("BEDRIJVENTERREINEN_TOEGANG", str(tmp_path / "bestaat-niet.toml"))
    at = _app().run()
    assert not at.exception and at.metric
    assert "lokale modus — iedereen kan wijzigen" in _teksten(at)
    at.sidebar.text_input(key="lokale_naam_invoer").input("Gerda").run()
    at.switch_page("pages/scenarios.py").run()
    at.button(key="knop_opslaan").click().run()
    assert store.Store(tmp_path / "monitor.gpkg").list_scenarios()["auteur"].tolist() == ["Gerda (lokale modus)"]


@pytest.mark.parametrize(
    ("user", "verwacht"),
    [
        (
            {"is_logged_in": True, "email": "a.jansen@leiden.nl", "email_verified": True, "name": "A. Jansen"},
            "beheerder",
        ),
        ({"is_logged_in": True, "email": "p@oegstgeest.nl", "groups": ["071-werkgroep"]}, "werkgroep"),
        ({"is_logged_in": True, "email": "x@elders.nl"}, None),
        ({"is_logged_in": False}, None),
    ],
    ids=["e-mail", "groep", "geen rol", "niet aangemeld"],
)
def test_oidc_login_maps_roles(omgeving, user, verwacht):
    omgeving.write_text(
        '[oidc.gebruikers]\n"a.jansen@leiden.nl" = "beheerder"\n[oidc.groepen]\n"071-werkgroep" = "werkgroep"\n'
    )
    at = _app()
    at.secrets["auth"] = {
        "redirect_uri": "https://monitor.example.nl/oauth2callback",
        "cookie_secret": "alleen-voor-deze-test",
        "client_id": "monitor",
        "client_secret": "alleen-voor-deze-test",
        "server_metadata_url": "https://sso.example.nl/.well-known/openid-configuration",
    }
    at.user = user
    at.run()
    assert not at.exception
    if verwacht:
        assert at.metric
        assert any(c.value.endswith(f"· {verwacht}") for c in at.sidebar.caption)
    else:
        assert not at.metric
        if user["is_logged_in"]:
            assert "geen rol in de monitor" in at.error[0].value
        else:
            assert [b.label for b in at.button] == ["Aanmelden"]


def test_an_idle_session_must_log_in_again(omgeving):
    tekst = omgeving.read_text()
    omgeving.write_text("[aanmelden]\nsessie_minuten = 30\n" + tekst)
    at = _aanmelden(_app().run(), "bea")
    assert at.metric
    at.session_state["toegang_laatst_actief"] -= 29 * 60  # active 29 minutes ago: still in
    at.run()
    assert at.metric
    at.session_state["toegang_laatst_actief"] -= 31 * 60
    at.run()
    assert not at.metric
    assert "Uw sessie was te lang niet actief; meld u opnieuw aan." in _teksten(at)


def test_a_display_name_is_shown_as_text_not_markdown(omgeving):
    toegang.change_gebruiker("kees", pad=omgeving)  # the file is rewritten; then give kees an odd name
    tekst = omgeving.read_text().replace('naam = "Kees"', 'naam = "[klik](http://x.example) **baas**"')
    omgeving.write_text(tekst)
    at = _aanmelden(_app().run(), "kees")
    caption = next(c.value for c in at.sidebar.caption if c.value.startswith("Aangemeld als"))
    assert escape_markdown("[klik](http://x.example) **baas**") in caption


def test_a_broken_access_file_closes_the_app(omgeving):
    omgeving.write_text('[gebruikers.bea]\nrol = "koning"\n')
    at = _app().run()
    assert not at.exception and not at.metric
    assert "Onbekende rol" in at.error[0].value and "niet beschikbaar" in at.error[0].value
    assert "lokale modus" not in _teksten(at)


def test_oidc_role_by_e_mail_needs_a_verified_address(omgeving):
    """Issue 16: an e-mail address the provider has not verified gets no role by address or domain."""
    omgeving.write_text('[oidc.gebruikers]\n"a.jansen@leiden.nl" = "beheerder"\n')
    at = _app()
    at.secrets["auth"] = {
        "redirect_uri": "https://monitor.example.nl/oauth2callback",
        "cookie_secret": "alleen-voor-deze-test",
        "client_id": "monitor",
        "client_secret": "alleen-voor-deze-test",
        "server_metadata_url": "https://sso.example.nl/.well-known/openid-configuration",
    }
    at.user = {"is_logged_in": True, "email": "a.jansen@leiden.nl", "email_verified": False}
    at.run()
    assert not at.exception and not at.metric, "no role, so no figures"
    assert "niet geverifieerd" in at.error[0].value and "geen rol in de monitor" in at.error[0].value
