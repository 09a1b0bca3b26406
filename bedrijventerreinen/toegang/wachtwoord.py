"""Passwords: Argon2id hashes (argon2-cffi), checked in constant-looking time, and the strength rule.

The hasher lives in :data:`_HASHER` and is looked up at call time by every function here
(:func:`check_wachtwoord`, :func:`hash_wachtwoord`), so a test that replaces it replaces it everywhere.
"""

from __future__ import annotations

import contextlib
import logging
import os

import argon2

from .config import ToegangConfig
from .rechten import Gebruiker
from .tekst import normaliseer

log = logging.getLogger(__package__)  # "bedrijventerreinen.toegang", as documented in docs/deployment.md

MIN_WACHTWOORD = 12

_HASHER = argon2.PasswordHasher()  # Argon2id with the library's current recommended parameters
# Verified when the login does not exist, so an unknown login takes as long as a wrong password.
_SCHIJN_HASH = _HASHER.hash("niet-bestaand-account-" + os.urandom(8).hex())


def hash_wachtwoord(wachtwoord: str) -> str:
    """The Argon2id hash of ``wachtwoord``: what the access file stores (never the password)."""
    return _HASHER.hash(wachtwoord)


def _verifieer(wachtwoord_hash: str, wachtwoord: str, login: str = "") -> bool:
    """True when ``wachtwoord`` matches ``wachtwoord_hash``. An empty or malformed hash is never a
    match and costs as much time as a wrong password: the dummy hash is verified instead."""
    try:
        return _HASHER.verify(wachtwoord_hash, wachtwoord)
    except argon2.exceptions.VerifyMismatchError:  # a real check that failed
        return False
    except (argon2.exceptions.Argon2Error, ValueError):  # empty, malformed or undecodable: no check was made
        log.warning("account %r heeft geen bruikbare wachtwoord-hash; zet het wachtwoord opnieuw", login)
        with contextlib.suppress(argon2.exceptions.Argon2Error, ValueError):
            _HASHER.verify(_SCHIJN_HASH, wachtwoord)
        return False


def check_wachtwoord(config: ToegangConfig, login: str, wachtwoord: str) -> Gebruiker | None:
    """The account's :class:`Gebruiker` when ``wachtwoord`` is right, else None.

    Unknown logins, and accounts with an empty or malformed hash, cost as much time as wrong
    passwords (a dummy hash is verified), so the answer time does not reveal which logins exist;
    an account without a usable hash never logs in. The login is compared in NFC.
    """
    account = config.accounts.get(normaliseer(str(login).strip()))
    if account is None:
        _verifieer(_SCHIJN_HASH, wachtwoord)
        return None
    if not _verifieer(account.wachtwoord_hash, wachtwoord, account.login):
        return None
    return Gebruiker(account.login, account.naam, account.rol, "account")


def check_sterkte(login: str, wachtwoord: str) -> None:
    """ValueError (Dutch) unless the password is at least 12 characters and not the login."""
    if len(wachtwoord) < MIN_WACHTWOORD:
        raise ValueError(f"Het wachtwoord moet minstens {MIN_WACHTWOORD} tekens hebben.")
    if login.strip().lower() in wachtwoord.lower():
        raise ValueError("Het wachtwoord mag de loginnaam niet bevatten.")
