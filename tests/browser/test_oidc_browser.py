"""Logging in with OIDC in a real browser, end to end, against a fake provider on 127.0.0.1
(tests/browser/fake_oidc.py): "Aanmelden" → ``st.login()`` → the provider's /authorize →
/oauth2callback with a code → Streamlit exchanges it for an RS256 ID token (checked against the
provider's JWKS, nonce and PKCE included) → ``st.user`` → the role from the access file.

Each test has a fresh browser context (no cookies). Nothing may leave 127.0.0.1."""

from __future__ import annotations

import re

import pytest

BEHEERDER = {"email": "a.jansen@leiden.nl", "email_verified": True, "name": "Anna Jansen", "groups": []}
WERKGROEP = {"email": "p.devries@oegstgeest.nl", "name": "Piet de Vries", "groups": ["071-werkgroep", "iets-anders"]}
ONBEKEND = {"email": "x.onbekend@voorbeeld.nl", "name": "Xander Onbekend", "groups": ["iets-anders"]}


@pytest.fixture
def oidc(server_met_oidc):
    """The server, with the provider's request log emptied for this test."""
    server_met_oidc.provider.verzoeken.clear()
    return server_met_oidc


def _aanmelden(pagina, server, claims: dict) -> None:
    """Open the app, click "Aanmelden" as whoever ``claims`` describes; returns when back in the app."""
    server.provider.volgende_gebruiker = claims
    page = pagina.page
    page.goto(server.url)
    page.get_by_text("Meld u aan met het account van uw organisatie.").wait_for()
    # /auth/login → the provider's /authorize → /oauth2callback → /, each a 302
    with page.expect_response(re.compile(r"/oauth2callback\?")) as terug:
        with page.expect_response(re.compile(r"/auth/login\?")) as heen:
            page.get_by_role("button", name="Aanmelden").click()
        assert heen.value.status == 302, f"/auth/login gaf {heen.value.status}; zie {server.log}"
    assert terug.value.status == 302, f"/oauth2callback gaf {terug.value.status}; zie {server.log}"
    assert terug.value.headers["location"] == "/"
    page.wait_for_load_state()


def _alles_lokaal(pagina, server) -> None:
    """The browser went only to the app and the provider, both on 127.0.0.1 (the server's own
    requests to the provider are in ``provider.verzoeken``)."""
    buiten = [u for u in pagina.verzoeken if not re.match(r"(http://127\.0\.0\.1:\d+/|data:|blob:)", u)]
    assert not buiten, f"verzoeken buiten 127.0.0.1: {buiten}"
    assert server.provider.issuer.startswith("http://127.0.0.1:")


def _keten_doorlopen(server) -> None:
    """The whole code flow ran: discovery, authorize (browser), token and JWKS (server)."""
    v = server.provider.verzoeken
    for pad in ("/.well-known/openid-configuration", "/authorize", "/token"):
        assert pad in v, f"{pad} niet aangeroepen; provider zag {v}"
    assert v.index("/authorize") < v.index("/token")


def _wacht_tot_cookie_weg(page, seconden: float = 10) -> None:
    """Streamlit's identity cookie is gone (deleted by /auth/logout), within ``seconden``."""
    for _ in range(int(seconden * 4)):
        if not any(c["name"].startswith("_streamlit_user") for c in page.context.cookies()):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"na Afmelden staat de identiteitscookie er na {seconden} s nog (geen /auth/logout)")


def _blijft_afgemeld_na_herladen(page) -> None:
    """A reload shows the login again: the logout ended the login, not just this session's state."""
    page.reload()
    page.get_by_text("Meld u aan met het account van uw organisatie.").wait_for()
    page.wait_for_timeout(500)
    assert "Aangemeld als" not in page.inner_text("body")


def test_email_mapped_to_beheerder(pagina, oidc, artifacts):
    page = pagina.page
    _aanmelden(pagina, oidc, BEHEERDER)
    page.get_by_role("heading", name="Overzicht hectarebalans").wait_for()
    page.get_by_text(re.compile(r"Aangemeld als\s+Anna Jansen · beheerder")).wait_for()
    assert page.get_by_role("link", name="Gebruikers").count() == 1
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "oidc-beheerder.png"), full_page=True)
    _keten_doorlopen(oidc)
    assert "/jwks" in oidc.provider.verzoeken  # the ID token's signature was checked
    autorisatie = oidc.provider.laatste_autorisatie
    assert autorisatie["nonce"] and autorisatie["code_challenge_method"] == "S256"
    assert autorisatie["redirect_uri"] == f"{oidc.url}/oauth2callback"
    assert set(autorisatie["scope"].split()) == {"openid", "email", "profile"}
    _alles_lokaal(pagina, oidc)
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["_streamlit_user"]["httpOnly"], "de identiteitscookie moet HttpOnly zijn"


def test_group_claim_gives_werkgroep(pagina, oidc):
    page = pagina.page
    _aanmelden(pagina, oidc, WERKGROEP)
    page.get_by_role("heading", name="Overzicht hectarebalans").wait_for()
    page.get_by_text(re.compile(r"Aangemeld als\s+Piet de Vries · werkgroep")).wait_for()
    assert page.get_by_role("link", name="Gebruikers").count() == 0
    _keten_doorlopen(oidc)
    _alles_lokaal(pagina, oidc)


def test_unmapped_email_gets_no_role(pagina, oidc):
    page = pagina.page
    _aanmelden(pagina, oidc, ONBEKEND)
    page.get_by_text(re.compile("maar heeft geen rol in de monitor")).wait_for()
    tekst = page.inner_text("body")
    assert "x.onbekend@voorbeeld.nl" in tekst
    for verborgen in ("Overzicht hectarebalans", "Aangemeld als", "Gemeenten", "Transformatie & compensatie"):
        assert verborgen not in tekst
    assert page.get_by_role("link", name="Gebruikers").count() == 0
    assert "aanmelding (oidc) zonder rol geweigerd login='x.onbekend@voorbeeld.nl'" in oidc.log.read_text()
    page.get_by_role("button", name="Afmelden").click()  # the way out without a role works too
    page.get_by_role("button", name="Aanmelden").wait_for()
    assert "geen rol in de monitor" not in page.inner_text("body")
    _wacht_tot_cookie_weg(page)
    _blijft_afgemeld_na_herladen(page)
    _keten_doorlopen(oidc)
    _alles_lokaal(pagina, oidc)


def test_afmelden_logs_out(pagina, oidc):
    page = pagina.page
    _aanmelden(pagina, oidc, BEHEERDER)
    page.get_by_text(re.compile(r"Aangemeld als\s+Anna Jansen · beheerder")).wait_for()
    page.get_by_role("button", name="Afmelden").click()
    page.get_by_text("Meld u aan met het account van uw organisatie.").wait_for()
    _wacht_tot_cookie_weg(page)
    _blijft_afgemeld_na_herladen(page)
    log = oidc.log.read_text()
    assert "aanmelding geslaagd (oidc) login='a.jansen@leiden.nl' rol=beheerder" in log
    assert "/logout" in oidc.provider.verzoeken  # Streamlit sent the browser to the end-session endpoint
    _blijft_afgemeld_na_herladen(page)
    _alles_lokaal(pagina, oidc)


def test_token_from_another_issuer_is_refused(pagina, oidc):
    """The chain really checks the ID token: a validly signed one with the wrong issuer logs nobody in."""
    page = pagina.page
    _aanmelden(pagina, oidc, {**BEHEERDER, "iss": "http://127.0.0.1:9/een-andere-provider"})
    assert "/token" in oidc.provider.verzoeken
    page.get_by_text("Meld u aan met het account van uw organisatie.").wait_for()
    page.wait_for_timeout(500)
    assert "Aangemeld als" not in page.inner_text("body")
    assert not any(c["name"].startswith("_streamlit_user") for c in page.context.cookies())
    log = oidc.log.read_text()
    assert "OAuth token exchange failed" in log and "Invalid claim: 'iss'" in log
