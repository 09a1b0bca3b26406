"""Login and the current user, for app.py and the pages.

:func:`check_gebruiker` runs in app.py before any page: it returns the user, or None, after
which app.py shows :func:`render_aanmelden` and the script stops, so no page runs for someone
who is not logged in. Which login
applies is decided by :func:`bedrijventerreinen.toegang.bepaal_modus`. The logged-in user
lives in session state (server-side; no widget writes that key) and only this module sets it.
"""

from __future__ import annotations

import logging
import time

import streamlit as st

from .. import toegang
from ..formatting import escape_markdown
from ..toegang import Gebruiker, ToegangConfig
from . import state

log = logging.getLogger(toegang.__name__)

GEBRUIKER = state.sleutel("toegang_gebruiker")  # session key: the Gebruiker established by the login
_LAATST_ACTIEF = state.sleutel("toegang_laatst_actief")
_MELDING = state.sleutel("toegang_melding")
_OIDC_GELOGD = state.sleutel("toegang_oidc_gelogd")  # the OIDC login of this session is in the log
LOKALE_NAAM = state.sleutel("register_gebruiker")
_LOKALE_NAAM_INVOER = state.sleutel("lokale_naam_invoer")  # lokale modus only: the (unverified) name for the log
LOKALE_MODUS_TEKST = "lokale modus — iedereen kan wijzigen"


@st.cache_resource(show_spinner=False, max_entries=4)
def _config(pad: str, mtime: float) -> ToegangConfig | None:
    return toegang.load_config(pad)


def load_config() -> ToegangConfig | None:
    """The access file, re-read when it changes (so a removed account or new role applies at once)."""
    pad = toegang.resolve_pad()
    try:
        mtime = pad.stat().st_mtime
    except FileNotFoundError:
        return None
    return _config(str(pad), mtime)


@st.cache_resource(show_spinner=False)
def _log_naar_stderr() -> None:
    """Login events (logger ``bedrijventerreinen.toegang``) go to stderr, i.e. journald on a server,
    including the INFO line of every successful login. Once per process."""
    logger = logging.getLogger(toegang.__name__)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


@st.cache_resource(show_spinner=False)
def _bewaker(max_pogingen: int, wachttijd_s: float, max_wachttijd_s: float) -> toegang.Aanmeldbewaker:
    """One throttle per process, shared by every session (a new tab does not reset it)."""
    _log_naar_stderr()
    return toegang.Aanmeldbewaker(max_pogingen, wachttijd_s, max_wachttijd_s)


def bewaker(config: ToegangConfig) -> toegang.Aanmeldbewaker:
    """The process-wide login throttle for ``config``'s settings."""
    return _bewaker(config.max_pogingen, config.wachttijd_s, config.max_wachttijd_s)


def oidc_geconfigureerd() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section (Streamlit's OIDC login)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file, or one Streamlit cannot parse: no OIDC
        return False


def _oidc_ingelogd() -> bool:
    """True when Streamlit's OIDC cookie identifies someone (``st.user``)."""
    return bool(st.user.get("is_logged_in", False))


def _stand() -> tuple[ToegangConfig | None, str]:
    """The access file and the mode it gives (see :func:`bedrijventerreinen.toegang.bepaal_modus`)."""
    config = load_config()
    return config, toegang.bepaal_modus(config, oidc_geconfigureerd())


def modus() -> str:
    """ "oidc", "accounts" or "lokaal" (see :func:`bedrijventerreinen.toegang.bepaal_modus`)."""
    return _stand()[1]


def _adres(config: ToegangConfig) -> str:
    """The client's address: the configured proxy header (first hop) when set, else the socket's."""
    if config.ip_header:
        waarde = st.context.headers.get(config.ip_header) or ""
        if waarde:
            return waarde.split(",")[0].strip()[:64]
    return str(st.context.ip_address or "")


def _verlopen(config: ToegangConfig) -> bool:
    laatst = st.session_state.get(_LAATST_ACTIEF)
    return laatst is not None and time.monotonic() - laatst > config.sessie_minuten * 60


def current_gebruiker() -> Gebruiker | None:
    """The user of this session, or None when nobody is logged in. Never prompts."""
    config, m = _stand()
    if m == "lokaal":
        return toegang.lokale_gebruiker(st.session_state.get(LOKALE_NAAM, ""))
    if m == "oidc":
        if not _oidc_ingelogd():
            return None
        return toegang.gebruiker_uit_oidc(st.user.to_dict(), config)
    g = st.session_state.get(GEBRUIKER)
    if not isinstance(g, Gebruiker) or config is None:
        return None
    account = config.accounts.get(g.login)
    if account is None:  # removed from the access file: the session ends with it
        return None
    return Gebruiker(account.login, account.naam, account.rol, "account")


def _beeindig(melding: str) -> None:
    """End this session's login and stop the script. With OIDC, Streamlit's identity cookie is
    removed by sending the browser to /auth/logout: no rerun may follow, because a rerun clears the
    queued redirect and the cookie would log the user in again on the next page load."""
    st.session_state.pop(GEBRUIKER, None)
    st.session_state.pop(_LAATST_ACTIEF, None)
    st.session_state.pop(_OIDC_GELOGD, None)
    st.session_state[_MELDING] = melding
    if modus() == "oidc" and _oidc_ingelogd():
        st.logout()
        st.stop()
    st.rerun()


def afmelden(melding: str = "U bent afgemeld.") -> None:
    """The Afmelden button: end the login (and Streamlit's OIDC cookie)."""
    _beeindig(melding)


def check_gebruiker() -> Gebruiker | None:
    """The logged-in user, or None when the login must be shown (:func:`render_aanmelden`).

    Idle sessions (``sessie_minuten``) end here; a broken access file stops the app with a
    Dutch message (it must never mean "no login"). In lokale modus everyone is the lokale user.
    The first run of an OIDC session logs who came in (or was refused), like a local login."""
    try:
        config, m = _stand()
    except ValueError as e:
        st.error(f"{escape_markdown(e)}. De monitor is niet beschikbaar tot dit is hersteld.")
        st.stop()
        raise
    if m == "lokaal":
        return current_gebruiker()
    if config is not None and _verlopen(config) and current_gebruiker() is not None:
        _beeindig("Uw sessie was te lang niet actief; meld u opnieuw aan.")
    g = current_gebruiker()
    if m == "oidc" and _oidc_ingelogd() and not st.session_state.get(_OIDC_GELOGD):
        st.session_state[_OIDC_GELOGD] = True
        _log_naar_stderr()
        email = str(st.user.get("email") or "")
        if g is None:
            reden = "" if toegang.email_geverifieerd(st.user.to_dict()) else " (e-mail niet geverifieerd)"
            log.warning("aanmelding (oidc) zonder rol geweigerd login=%r%s", email, reden)
        else:
            log.info("aanmelding geslaagd (oidc) login=%r rol=%s", g.login, g.rol.label)
    if g is not None:
        st.session_state[_LAATST_ACTIEF] = time.monotonic()
    return g


def render_aanmelden() -> None:
    """The login (form for local accounts, button for OIDC); stops the script."""
    _render_aanmelden(*_stand())
    st.stop()


def _render_aanmelden(config: ToegangConfig | None, m: str) -> None:
    st.title("Bedrijventerreinenmonitor 071")
    if melding := st.session_state.pop(_MELDING, None):
        st.info(melding)
    if m == "oidc":
        if _oidc_ingelogd():  # signed in, but no role mapped: deny by default
            onbevestigd = (
                config is not None
                and config.email_verified_vereist
                and not toegang.email_geverifieerd(st.user.to_dict())
            )
            st.error(
                f"U bent aangemeld als {escape_markdown(st.user.get('email') or 'onbekend')}, maar heeft geen rol in "
                "de monitor. "
                + (
                    "Uw e-mailadres is volgens de identiteitsprovider niet geverifieerd; een rol op e-mailadres of "
                    "domein geldt alleen voor een geverifieerd adres. "
                    if onbevestigd
                    else ""
                )
                + "Vraag de beheerder om u toegang te geven."
            )
            if st.button("Afmelden", key=state.sleutel("oidc_afmelden")):
                st.logout()
            return
        st.write("Meld u aan met het account van uw organisatie.")
        if st.button("Aanmelden", type="primary", key=state.sleutel("oidc_aanmelden")):
            st.login()
        return
    assert config is not None
    if not config.accounts:
        st.error(
            "Er zijn nog geen accounts. Voeg er een toe op de server met "
            "`python -m bedrijventerreinen.toegang toevoegen <login> --rol beheerder`."
        )
        return
    with st.form(state.sleutel("aanmelden"), clear_on_submit=True):
        st.subheader("Aanmelden")
        login = st.text_input("Loginnaam", key=state.sleutel("aanmelden_login"), autocomplete="username")
        wachtwoord = st.text_input("Wachtwoord", type="password", key=state.sleutel("aanmelden_wachtwoord"))
        verstuurd = st.form_submit_button("Aanmelden", type="primary")
    if verstuurd:
        try:
            g = bewaker(config).aanmelden(config, login, wachtwoord, _adres(config))
        except toegang.AanmeldFout as e:
            st.error(str(e))
            return
        st.session_state[GEBRUIKER] = g
        st.session_state[_LAATST_ACTIEF] = time.monotonic()
        st.rerun()


def render_gebruiker_sidebar(g: Gebruiker) -> None:
    """Who is logged in, with the way out; in lokale modus the banner and the (unverified) name field."""
    with st.sidebar:
        if g.lokaal:  # the banner above the page says lokale modus; here only the name for the log
            st.session_state.setdefault(LOKALE_NAAM, state.standaard(LOKALE_NAAM))
            st.text_input(
                "Uw naam (voor het logboek)",
                value=st.session_state[LOKALE_NAAM],
                key=_LOKALE_NAAM_INVOER,
                on_change=lambda: st.session_state.update({LOKALE_NAAM: st.session_state[_LOKALE_NAAM_INVOER]}),
                max_chars=toegang.MAX_NAAM,
                help="Zonder accounts wordt niet gecontroleerd wie u bent; de naam komt met '(lokale modus)' "
                "in het logboek.",
            )
        else:
            st.caption(f"Aangemeld als **{escape_markdown(g.naam)}** · {g.rol.label}")
            if st.button("Afmelden", key=state.sleutel("afmelden"), icon=":material/logout:"):
                afmelden()


def render_lokale_modus_banner(g: Gebruiker) -> None:
    """The banner above every page while nobody has to log in."""
    if g.lokaal:
        st.info(
            f"**{LOKALE_MODUS_TEKST}.** Er zijn geen accounts ingesteld; zie docs/deployment.md voor aanmelden "
            "met rollen.",
            icon=":material/lock_open:",
        )
