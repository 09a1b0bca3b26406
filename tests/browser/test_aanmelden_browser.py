"""Logging in with a real browser: the login page hides everything, a kijker sees the monitor
without edit controls, wrong passwords get a Dutch message, and the password never comes back
to the page. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re

from conftest import ACCOUNTS


def _aanmelden(page, url: str, login: str, wachtwoord: str) -> None:
    page.goto(url)
    page.get_by_label("Loginnaam").fill(login)
    page.get_by_label("Wachtwoord", exact=True).fill(wachtwoord)
    page.get_by_role("button", name="Aanmelden").click()


def test_login_page_shows_nothing_else(pagina, server_met_accounts, artifacts):
    page = pagina.page
    page.goto(server_met_accounts.url)
    page.get_by_label("Loginnaam").wait_for()
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "aanmelden.png"), full_page=True)
    tekst = page.inner_text("body")
    assert "Aanmelden" in tekst
    for verborgen in ("Overzicht hectarebalans", "Transformatie & compensatie", "Gemeenten", "lokale modus"):
        assert verborgen not in tekst
    buiten = [u for u in pagina.verzoeken if not u.startswith(server_met_accounts.url) and not u.startswith("data:")]
    assert not buiten, f"de aanmeldpagina haalt iets van buiten de app: {buiten}"


def test_wrong_password_gets_a_dutch_message(pagina, server_met_accounts):
    page = pagina.page
    _aanmelden(page, server_met_accounts.url, "bea", "dit-is-niet-het-wachtwoord")
    page.get_by_text("Loginnaam of wachtwoord onjuist.").wait_for()
    assert "dit-is-niet-het-wachtwoord" not in page.content()
    assert page.get_by_label("Wachtwoord", exact=True).input_value() == ""


def test_kijker_sees_the_monitor_but_no_edit_controls(pagina, server_met_accounts, artifacts):
    page = pagina.page
    wachtwoord = ACCOUNTS["kees"][1]
    _aanmelden(page, server_met_accounts.url, "kees", wachtwoord)
    page.get_by_role("heading", name="Overzicht hectarebalans").wait_for()
    assert wachtwoord not in page.content()
    page.get_by_text(re.compile(r"Aangemeld als\s+Kees · kijker")).wait_for()
    assert page.get_by_role("link", name="Gebruikers").count() == 0
    page.get_by_role("link", name="Transformatie & compensatie").click()
    page.get_by_role("tab", name="Wijzigen").click()
    page.get_by_text("U bent aangemeld als kijker; register wijzigen kan alleen met de rol beheerder.").wait_for()
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "aanmelden-kijker-transformatie.png"), full_page=True)
    page.get_by_role("button", name="Afmelden").click()
    page.get_by_label("Loginnaam").wait_for()


def test_beheerder_sees_the_user_list(pagina, server_met_accounts, artifacts):
    page = pagina.page
    _aanmelden(page, server_met_accounts.url, "bea", ACCOUNTS["bea"][1])
    page.get_by_role("link", name="Gebruikers").click()
    page.get_by_role("heading", name="Wat mag elke rol?").wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(artifacts / "aanmelden-gebruikers.png"), full_page=True)
    assert "argon2" not in page.content()


def test_logins_reach_the_server_log_without_passwords(pagina, server_met_accounts):
    page = pagina.page
    _aanmelden(page, server_met_accounts.url, "kees", "een-fout-wachtwoord")
    page.get_by_text("Loginnaam of wachtwoord onjuist.").wait_for()
    _aanmelden(page, server_met_accounts.url, "kees", ACCOUNTS["kees"][1])
    page.get_by_role("heading", name="Overzicht hectarebalans").wait_for()
    log = server_met_accounts.log.read_text()
    assert "aanmelding mislukt login='kees'" in log and "aanmelding geslaagd login='kees' rol=kijker" in log
    assert "een-fout-wachtwoord" not in log and ACCOUNTS["kees"][1] not in log
