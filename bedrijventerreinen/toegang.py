"""Who may do what: roles, rights, accounts, login throttling.

Three roles, ordered: a **kijker** looks (all pages, vergadermodus, handout, exports), the
**werkgroep** also saves scenarios, the **beheerder** also changes the register, imports,
makes and restores snapshots and sees the audit log and the user list. Which role a right
needs is declared once, in :data:`RECHTEN`; the store checks it on every write
(:meth:`bedrijventerreinen.store.Store.als`), so a page that forgets to hide a button still
cannot change anything.

Who the user is comes from one of three places (:func:`bepaal_modus`): Streamlit's OIDC login
(an ``[auth]`` section in ``.streamlit/secrets.toml``), local accounts in the access file
(:func:`resolve_pad`), or — when neither exists — *lokale modus*, where everyone can change
everything, as on a laptop. Passwords are stored as Argon2id hashes (argon2-cffi); the
access file is never in git. Run ``python -m bedrijventerreinen.toegang --help`` to manage
accounts. See docs/deployment.md.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import enum
import getpass
import logging
import math
import os
import sys
import tempfile
import threading
import time
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import argon2

log = logging.getLogger(__name__)

ENV_TOEGANG = "BEDRIJVENTERREINEN_TOEGANG"
STANDAARD_PAD = Path(__file__).resolve().parent.parent / ".streamlit" / "toegang.toml"
MIN_WACHTWOORD = 12
MAX_NAAM = 80  # characters of a display name (also the lokale-modus name field)
#: Unicode categories refused in a login or display name: control characters (Cc), format
#: characters (Cf: bidi overrides such as U+202E, zero-width U+200B-U+200D, U+2060, U+FEFF),
#: surrogates, private use, unassigned, line and paragraph separators.
ONZICHTBARE_CATEGORIEEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _onzichtbaar(tekst: str) -> list[str]:
    """The characters of ``tekst`` in :data:`ONZICHTBARE_CATEGORIEEN`."""
    return [t for t in tekst if unicodedata.category(t) in ONZICHTBARE_CATEGORIEEN]


def normaliseer(tekst: object) -> str:
    """``tekst`` in Unicode NFC, so "é" typed as e + accent equals the precomposed "é"."""
    return unicodedata.normalize("NFC", str(tekst))


def check_tekst(tekst: object, wat: str) -> str:
    """``tekst`` in NFC; ValueError (Dutch, naming the character as U+XXXX) when it holds a control,
    bidi or zero-width character (:data:`ONZICHTBARE_CATEGORIEEN`). ``wat`` names the field."""
    tekst = normaliseer(tekst)
    if fout := _onzichtbaar(tekst):
        codes = ", ".join(dict.fromkeys(f"U+{ord(t):04X}" for t in fout))
        raise ValueError(
            f"{wat} bevat een stuurteken of onzichtbaar teken ({codes}); typ het opnieuw zonder zulke tekens."
        )
    return tekst


def schoon(tekst: object) -> str:
    """``tekst`` in NFC without control, bidi and zero-width characters (for text that cannot be
    refused, such as the lokale-modus name or an access file written by hand)."""
    return "".join(t for t in normaliseer(tekst) if unicodedata.category(t) not in ONZICHTBARE_CATEGORIEEN)


class Rol(enum.IntEnum):
    """A role; a higher role has every right of a lower one."""

    KIJKER = 1
    WERKGROEP = 2
    BEHEERDER = 3

    @property
    def label(self) -> str:
        """The Dutch name users see (and write in the access file)."""
        return self.name.lower()

    @classmethod
    def parse(cls, tekst: object) -> Rol:
        """The role called ``tekst`` (kijker, werkgroep, beheerder); ValueError with a Dutch message otherwise."""
        try:
            return cls[str(tekst).strip().upper()]
        except KeyError:
            namen = ", ".join(r.label for r in cls)
            raise ValueError(f"Onbekende rol {tekst!r}; kies uit {namen}.") from None


class Recht(enum.StrEnum):
    """Something a user may or may not do (the value is the Dutch name in messages and docs)."""

    BEKIJKEN = "bekijken"
    EXPORTEREN = "exporteren"
    SCENARIO_OPSLAAN = "scenario's opslaan"
    REGISTER_WIJZIGEN = "register wijzigen"
    IMPORTEREN = "importeren"
    SNAPSHOT_MAKEN = "snapshots maken"
    SNAPSHOT_HERSTELLEN = "snapshots herstellen"
    AUDITLOG_BEKIJKEN = "auditlog bekijken"
    GEBRUIKERS_BEKIJKEN = "gebruikers bekijken"


#: The lowest role that has each right: the one place where rights are decided.
RECHTEN: dict[Recht, Rol] = {
    Recht.BEKIJKEN: Rol.KIJKER,
    Recht.EXPORTEREN: Rol.KIJKER,
    Recht.SCENARIO_OPSLAAN: Rol.WERKGROEP,
    Recht.REGISTER_WIJZIGEN: Rol.BEHEERDER,
    Recht.IMPORTEREN: Rol.BEHEERDER,
    Recht.SNAPSHOT_MAKEN: Rol.BEHEERDER,
    Recht.SNAPSHOT_HERSTELLEN: Rol.BEHEERDER,
    Recht.AUDITLOG_BEKIJKEN: Rol.BEHEERDER,
    Recht.GEBRUIKERS_BEKIJKEN: Rol.BEHEERDER,
}

#: The rights that change the store (none of them is possible while a peildatum is shown).
SCHRIJFRECHTEN = frozenset(
    {Recht.SCENARIO_OPSLAAN, Recht.REGISTER_WIJZIGEN, Recht.IMPORTEREN, Recht.SNAPSHOT_MAKEN, Recht.SNAPSHOT_HERSTELLEN}
)


class GeenToegang(PermissionError):
    """A user tried something their role does not allow; the message is Dutch and shown as is."""


class AanmeldFout(Exception):
    """Login refused (wrong login or password, throttled, no role); the message is Dutch."""


@dataclasses.dataclass(frozen=True)
class Gebruiker:
    """The person using the monitor, as established by the login (never typed in a form).

    ``login`` is the account name or the OIDC e-mail address; ``bron`` says where the
    identity comes from: "account", "oidc" or "lokale modus".
    """

    login: str
    naam: str
    rol: Rol
    bron: str = "account"

    @property
    def audit_naam(self) -> str:
        """What the audit log records: the authenticated login; in lokale modus the name is unverified."""
        if self.bron == "lokale modus":
            return f"{self.naam} (lokale modus)" if self.naam else "lokale modus"
        return self.login

    @property
    def lokaal(self) -> bool:
        """True in lokale modus: nobody logged in, everyone may change everything."""
        return self.bron == "lokale modus"


def lokale_gebruiker(naam: str = "") -> Gebruiker:
    """The user in lokale modus (no access file, no OIDC): beheerder rights, ``naam`` unverified
    (NFC, without control, bidi and zero-width characters, at most :data:`MAX_NAAM` characters)."""
    naam = " ".join(schoon(naam or "").split())[:MAX_NAAM]
    return Gebruiker(login="lokaal", naam=naam, rol=Rol.BEHEERDER, bron="lokale modus")


def mag(gebruiker: Gebruiker | None, recht: Recht) -> bool:
    """True when ``gebruiker`` has ``recht`` (their role is at least :data:`RECHTEN` [recht])."""
    return gebruiker is not None and gebruiker.rol >= RECHTEN[recht]


def geen_recht_tekst(gebruiker: Gebruiker | None, recht: Recht) -> str:
    """A Dutch sentence saying why ``gebruiker`` may not do ``recht`` and which role may."""
    if gebruiker is None:
        return f"U bent niet aangemeld; {recht} kan alleen na aanmelden."
    nodig = RECHTEN[recht]
    hoger = " of hoger" if nodig < Rol.BEHEERDER else ""
    return f"U bent aangemeld als {gebruiker.rol.label}; {recht} kan alleen met de rol {nodig.label}{hoger}."


def vereis(gebruiker: Gebruiker | None, recht: Recht) -> None:
    """Raise :class:`GeenToegang` (Dutch message) unless ``gebruiker`` has ``recht``.

    A refusal is logged (login, role, right): the pages hide what a role may not do, so a
    refusal here means a stale page or a crafted request, which the administrator should see."""
    if not mag(gebruiker, recht):
        log.warning(
            "geweigerd recht=%r login=%r rol=%s",
            str(recht),
            gebruiker.login if gebruiker else None,
            gebruiker.rol.label if gebruiker else "-",
        )
        raise GeenToegang(geen_recht_tekst(gebruiker, recht) + " Er is niets gewijzigd.")


# -- the access file -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Account:
    """A local account: login, display name, role and Argon2id hash (never the password)."""

    login: str
    naam: str
    rol: Rol
    wachtwoord_hash: str


@dataclasses.dataclass(frozen=True)
class ToegangConfig:
    """The access file, read: accounts, OIDC role mapping and login settings."""

    pad: Path
    accounts: dict[str, Account]
    oidc_gebruikers: dict[str, Rol]
    oidc_groepen: dict[str, Rol]
    oidc_domeinen: dict[str, Rol]
    groepen_claim: str = "groups"
    email_verified_vereist: bool = True
    max_pogingen: int = 5
    wachttijd_s: float = 30.0
    max_wachttijd_s: float = 900.0
    sessie_minuten: float = 480.0
    ip_header: str = ""


def resolve_pad(pad: str | Path | None = None) -> Path:
    """The access file: ``pad``, else ``$BEDRIJVENTERREINEN_TOEGANG``, else ``.streamlit/toegang.toml``."""
    return Path(pad or os.environ.get(ENV_TOEGANG) or STANDAARD_PAD)


def load_config(pad: str | Path | None = None) -> ToegangConfig | None:
    """Read the access file; None when it does not exist (then the monitor runs in lokale modus).

    A file that exists but cannot be read raises ValueError with a Dutch message: the app
    must then refuse to start rather than fall back to lokale modus.
    """
    p = resolve_pad(pad)
    if not p.exists():
        return None
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ValueError(f"Het toegangsbestand {p} kan niet worden gelezen: {e}") from e
    try:
        accounts = {
            normaliseer(login): Account(
                normaliseer(login),
                " ".join(schoon(a.get("naam") or login).split()) or normaliseer(login),
                Rol.parse(a.get("rol")),
                str(a.get("wachtwoord_hash", "")),
            )
            for login, a in data.get("gebruikers", {}).items()
        }
        oidc = data.get("oidc", {})
        geverifieerd = oidc.get("email_verified_vereist", True)
        if not isinstance(geverifieerd, bool):
            raise ValueError(f"[oidc] email_verified_vereist moet true of false zijn, niet {geverifieerd!r}.")
        aanmelden = data.get("aanmelden", {})

        def rollen(sectie: str) -> dict[str, Rol]:
            return {str(k).strip().lower(): Rol.parse(v) for k, v in oidc.get(sectie, {}).items()}

        return ToegangConfig(
            pad=p,
            accounts=accounts,
            oidc_gebruikers=rollen("gebruikers"),
            oidc_groepen={str(k).strip(): Rol.parse(v) for k, v in oidc.get("groepen", {}).items()},
            oidc_domeinen=rollen("domeinen"),
            groepen_claim=str(oidc.get("groepen_claim", "groups")),
            email_verified_vereist=geverifieerd,
            max_pogingen=max(1, int(aanmelden.get("max_pogingen", 5))),
            wachttijd_s=max(0.0, float(aanmelden.get("wachttijd_s", 30))),
            max_wachttijd_s=max(0.0, float(aanmelden.get("max_wachttijd_s", 900))),
            sessie_minuten=max(1.0, float(aanmelden.get("sessie_minuten", 480))),
            ip_header=str(aanmelden.get("ip_header", "")),
        )
    except (ValueError, TypeError, AttributeError) as e:
        raise ValueError(f"Het toegangsbestand {p} klopt niet: {e}") from e


def bepaal_modus(config: ToegangConfig | None, oidc_geconfigureerd: bool) -> str:
    """How users are identified: "oidc" (an ``[auth]`` section in secrets.toml), "accounts"
    (an access file exists, even one without accounts: then nobody can log in) or
    "lokaal" (neither: lokale modus, everyone may change everything)."""
    if oidc_geconfigureerd:
        return "oidc"
    return "accounts" if config is not None else "lokaal"


# -- passwords -------------------------------------------------------------------------

_HASHER = argon2.PasswordHasher()  # Argon2id with the library's current recommended parameters
# Verified when the login does not exist, so an unknown login takes as long as a wrong password.
_SCHIJN_HASH = _HASHER.hash("niet-bestaand-account-" + os.urandom(8).hex())


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


# -- OIDC ------------------------------------------------------------------------------


def email_geverifieerd(claims: Mapping[str, object]) -> bool:
    """True when the token says the e-mail address is verified (``email_verified``: true, or the
    text "true" that some providers send); a missing claim is not verified."""
    waarde = claims.get("email_verified")
    return waarde is True or (isinstance(waarde, str) and waarde.strip().lower() == "true")


def gebruiker_uit_oidc(claims: Mapping[str, object], config: ToegangConfig | None) -> Gebruiker | None:
    """The user for an OIDC identity (``st.user``): the highest role among the mappings on
    e-mail address, group (claim ``groepen_claim``) and e-mail domain; None when none
    matches (deny by default) or the identity has no e-mail address.

    The e-mail address and domain give a role only when the token says the address is verified
    (:func:`email_geverifieerd`), unless the access file sets ``[oidc] email_verified_vereist =
    false``: otherwise anyone who can put any address in their profile at the provider would get
    its role. Group roles come from the provider and do not depend on it."""
    email = str(claims.get("email") or "").strip().lower()
    if not email or config is None:
        return None
    kandidaten: list[Rol] = []
    op_email = email_geverifieerd(claims) or not config.email_verified_vereist
    if op_email and email in config.oidc_gebruikers:
        kandidaten.append(config.oidc_gebruikers[email])
    groepen = claims.get(config.groepen_claim) or []
    if isinstance(groepen, str):
        groepen = [groepen]
    kandidaten += [config.oidc_groepen[str(g)] for g in groepen if str(g) in config.oidc_groepen]  # type: ignore[union-attr]
    domein = email.rpartition("@")[2]
    if op_email and domein in config.oidc_domeinen:
        kandidaten.append(config.oidc_domeinen[domein])
    if not kandidaten:
        return None
    naam = str(claims.get("name") or email)
    return Gebruiker(email, naam, max(kandidaten), "oidc")


# -- throttling ------------------------------------------------------------------------


class Aanmeldbewaker:
    """Slows down guessing: after ``max_pogingen`` failures for a login (or 4× that from one
    address) every further attempt must wait, ``wachttijd_s`` doubling per failure up to
    ``max_wachttijd_s``. A successful login clears the login's count. Thread-safe and atomic:
    an attempt is counted (as a failure, until it succeeds) in the same locked step that
    checks the wait, so sessions trying at the same moment get no more password checks than
    the limit. State lives in the process (a restart clears it). ``klok`` is injectable for tests.
    """

    def __init__(
        self,
        max_pogingen: int = 5,
        wachttijd_s: float = 30.0,
        max_wachttijd_s: float = 900.0,
        klok: Callable[[], float] = time.monotonic,
    ):
        self.max_pogingen = max_pogingen
        self.wachttijd_s = wachttijd_s
        self.max_wachttijd_s = max_wachttijd_s
        self.klok = klok
        self._mislukt: dict[str, tuple[int, float]] = {}  # key -> (failures, last failure)
        self._lock = threading.Lock()

    def _sleutels(self, login: str, adres: str) -> list[tuple[str, int]]:
        return [(f"login:{login.strip().lower()}", self.max_pogingen), (f"adres:{adres}", 4 * self.max_pogingen)]

    def _wacht(self, login: str, adres: str, nu: float) -> float:
        """The wait for ``login`` from ``adres`` at ``nu``; the caller holds the lock."""
        wacht = 0.0
        for sleutel, grens in self._sleutels(login, adres):
            aantal, laatst = self._mislukt.get(sleutel, (0, 0.0))
            if aantal >= grens:
                duur = min(self.max_wachttijd_s, self.wachttijd_s * 2 ** (aantal - grens))
                wacht = max(wacht, laatst + duur - nu)
        return max(0.0, wacht)

    def wacht_nog(self, login: str, adres: str = "") -> float:
        """Seconds before ``login`` from ``adres`` may try again (0 when it may try now)."""
        nu = self.klok()
        with self._lock:
            return self._wacht(login, adres, nu)

    def _reserveer(self, login: str, adres: str) -> float:
        """Atomically: the wait when ``login`` from ``adres`` must wait (> 0), else count this
        attempt as a failure already and return 0 (:meth:`_gelukt` takes that back)."""
        nu = self.klok()
        with self._lock:
            if wacht := self._wacht(login, adres, nu):
                return wacht
            for sleutel, _ in self._sleutels(login, adres):
                aantal, _laatst = self._mislukt.get(sleutel, (0, 0.0))
                self._mislukt[sleutel] = (aantal + 1, nu)
        return 0.0

    def _gelukt(self, login: str, adres: str) -> None:
        """A reserved attempt succeeded: clear the login's count and take back the address's count."""
        with self._lock:
            for sleutel, _ in self._sleutels(login, adres):
                if sleutel.startswith("login:"):
                    self._mislukt.pop(sleutel, None)
                elif sleutel in self._mislukt:
                    aantal, laatst = self._mislukt[sleutel]
                    if aantal <= 1:
                        del self._mislukt[sleutel]
                    else:
                        self._mislukt[sleutel] = (aantal - 1, laatst)

    def registreer(self, login: str, adres: str, gelukt: bool) -> None:
        """Record an attempt's outcome."""
        nu = self.klok()
        with self._lock:
            for sleutel, _ in self._sleutels(login, adres):
                if gelukt and sleutel.startswith("login:"):
                    self._mislukt.pop(sleutel, None)
                elif not gelukt:
                    aantal, _laatst = self._mislukt.get(sleutel, (0, 0.0))
                    self._mislukt[sleutel] = (aantal + 1, nu)

    def aanmelden(self, config: ToegangConfig, login: str, wachtwoord: str, adres: str = "") -> Gebruiker:
        """Check a login with throttling; the :class:`Gebruiker`, or :class:`AanmeldFout` (Dutch).

        While the login or the address must wait, the password is not even checked. Every
        attempt is logged (login and address, never the password).
        """
        login = normaliseer(str(login or "").strip()[:200])
        adres = adres or "onbekend"
        if wacht := self._reserveer(login, adres):  # check and count in one step: no race
            log.warning("aanmelding geweigerd (te veel pogingen) login=%r adres=%s", login, adres)
            raise AanmeldFout(f"Te veel mislukte pogingen. Probeer het over {math.ceil(wacht)} seconden opnieuw.")
        gebruiker = check_wachtwoord(config, login, wachtwoord) if login and wachtwoord else None
        if gebruiker is not None:
            self._gelukt(login, adres)
        else:
            log.warning("aanmelding mislukt login=%r adres=%s", login, adres)
            raise AanmeldFout("Loginnaam of wachtwoord onjuist.")
        log.info("aanmelding geslaagd login=%r rol=%s adres=%s", login, gebruiker.rol.label, adres)
        return gebruiker


# -- managing accounts (the command) ----------------------------------------------------


def _toml_tekst(waarde: str) -> str:
    """A TOML basic string; control characters as \\uXXXX, so the file always reads back."""
    uit = []
    for teken in waarde:
        if teken in '"\\':
            uit.append("\\" + teken)
        elif unicodedata.category(teken) == "Cc":
            uit.append(f"\\u{ord(teken):04X}")
        else:
            uit.append(teken)
    return '"' + "".join(uit) + '"'


def _lees_ruw(p: Path) -> dict:
    return tomllib.loads(p.read_text(encoding="utf-8")) if p.exists() else {}


def _schrijf(p: Path, data: dict) -> None:
    """Write the access file atomically with mode 0600 (a temporary file, then rename)."""
    regels = ["# Toegang tot de Bedrijventerreinenmonitor 071. Niet in git; alleen leesbaar voor de dienst."]
    for sectie in ("aanmelden", "oidc"):
        if sectie in data:
            regels.append(f"\n[{sectie}]")
            for k, v in data[sectie].items():
                if not isinstance(v, dict):
                    regels.append(f"{k} = {_toml_tekst(v) if isinstance(v, str) else v}")
            for sub, waarden in data[sectie].items():
                if isinstance(waarden, dict):
                    regels.append(f"\n[{sectie}.{sub}]")
                    regels += [f"{_toml_tekst(k)} = {_toml_tekst(str(v))}" for k, v in waarden.items()]
    for login, a in data.get("gebruikers", {}).items():
        regels.append(f"\n[gebruikers.{_toml_tekst(login)}]")
        regels += [f"{k} = {_toml_tekst(str(v))}" for k, v in a.items()]
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("\n".join(regels) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, p)
    finally:
        Path(tmp).unlink(missing_ok=True)
    load_config(p)  # what was written must read back


def _check_login(login: str) -> str:
    login = check_tekst(str(login).strip(), "De loginnaam")
    if not login or len(login) > 80 or not all(c.isalnum() or c in "._-@" for c in login):
        raise ValueError("Een loginnaam bestaat uit letters, cijfers en . _ - @ (hoogstens 80 tekens).")
    return login


def add_gebruiker(
    login: str, wachtwoord: str, rol: Rol | str, naam: str = "", pad: str | Path | None = None, vervang: bool = False
) -> Path:
    """Add (or with ``vervang`` replace) a local account in the access file; returns the file.

    The password is checked (:func:`check_sterkte`) and stored only as an Argon2id hash. Login
    and name are stored in NFC; a control, bidi or zero-width character is refused (Dutch
    ValueError, :func:`check_tekst`), as is a name of more than :data:`MAX_NAAM` characters.
    """
    login = _check_login(login)
    rol = rol if isinstance(rol, Rol) else Rol.parse(rol)
    naam = " ".join(check_tekst(naam or login, "De naam").split())
    if len(naam) > MAX_NAAM:
        raise ValueError(f"De naam mag hoogstens {MAX_NAAM} tekens hebben.")
    check_sterkte(login, wachtwoord)
    p = resolve_pad(pad)
    data = _lees_ruw(p)
    gebruikers = data.setdefault("gebruikers", {})
    if login in gebruikers and not vervang:
        raise ValueError(f"Er is al een account {login!r}.")
    gebruikers[login] = {
        "naam": naam,
        "rol": rol.label,
        "wachtwoord_hash": _HASHER.hash(wachtwoord),
    }
    _schrijf(p, data)
    return p


def change_gebruiker(
    login: str, rol: Rol | str | None = None, wachtwoord: str | None = None, pad: str | Path | None = None
) -> Path:
    """Change an account's role and/or password in the access file."""
    login = normaliseer(str(login).strip())
    p = resolve_pad(pad)
    data = _lees_ruw(p)
    a = data.get("gebruikers", {}).get(login)
    if a is None:
        raise ValueError(f"Er is geen account {login!r}.")
    if rol is not None:
        a["rol"] = (rol if isinstance(rol, Rol) else Rol.parse(rol)).label
    if wachtwoord is not None:
        check_sterkte(login, wachtwoord)
        a["wachtwoord_hash"] = _HASHER.hash(wachtwoord)
    _schrijf(p, data)
    return p


def remove_gebruiker(login: str, pad: str | Path | None = None) -> Path:
    """Remove a local account from the access file (the file stays: no fallback to lokale modus)."""
    login = normaliseer(str(login).strip())
    p = resolve_pad(pad)
    data = _lees_ruw(p)
    if data.get("gebruikers", {}).pop(login, None) is None:
        raise ValueError(f"Er is geen account {login!r}.")
    _schrijf(p, data)
    return p


def list_gebruikers(config: ToegangConfig | None) -> list[dict[str, str]]:
    """Accounts and OIDC mappings as rows (soort, wie, naam, rol) — never a hash."""
    if config is None:
        return []
    rijen = [{"soort": "account", "wie": a.login, "naam": a.naam, "rol": a.rol.label} for a in config.accounts.values()]
    for soort, mapping in (
        ("OIDC e-mail", config.oidc_gebruikers),
        ("OIDC groep", config.oidc_groepen),
        ("OIDC domein", config.oidc_domeinen),
    ):
        rijen += [{"soort": soort, "wie": k, "naam": "", "rol": r.label} for k, r in mapping.items()]
    return rijen


def rechten_tabel() -> list[dict[str, str]]:
    """The rights table (from :data:`RECHTEN`): per right "ja" or "—" for each role, in role order."""
    return [
        {"Recht": str(r), **{rol.label: "ja" if rol >= nodig else "—" for rol in Rol}} for r, nodig in RECHTEN.items()
    ]


def _vraag_wachtwoord(stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    eerste = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nogmaals: ") != eerste:
        raise ValueError("De wachtwoorden zijn niet gelijk.")
    return eerste


def main(argv: Iterable[str] | None = None) -> int:
    """``python -m bedrijventerreinen.toegang``: manage local accounts in the access file."""
    parser = argparse.ArgumentParser(
        prog="python -m bedrijventerreinen.toegang",
        description="Beheer de lokale accounts van de monitor (het toegangsbestand; zie docs/deployment.md).",
    )
    parser.add_argument("--bestand", help=f"toegangsbestand (standaard ${ENV_TOEGANG} of {STANDAARD_PAD})")
    sub = parser.add_subparsers(dest="opdracht", required=True)
    p_toe = sub.add_parser("toevoegen", help="account toevoegen")
    p_toe.add_argument("login")
    p_toe.add_argument("--rol", required=True, choices=[r.label for r in Rol])
    p_toe.add_argument("--naam", default="")
    p_toe.add_argument("--wachtwoord-stdin", action="store_true", help="wachtwoord van stdin lezen (scripts)")
    p_ww = sub.add_parser("wachtwoord", help="wachtwoord wijzigen")
    p_ww.add_argument("login")
    p_ww.add_argument("--wachtwoord-stdin", action="store_true")
    p_rol = sub.add_parser("rol", help="rol wijzigen")
    p_rol.add_argument("login")
    p_rol.add_argument("rol", choices=[r.label for r in Rol])
    p_weg = sub.add_parser("verwijderen", help="account verwijderen")
    p_weg.add_argument("login")
    sub.add_parser("lijst", help="accounts en OIDC-rollen tonen (zonder hashes)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        if args.opdracht == "toevoegen":
            p = add_gebruiker(args.login, _vraag_wachtwoord(args.wachtwoord_stdin), args.rol, args.naam, args.bestand)
            print(f"Account {args.login} ({args.rol}) toegevoegd aan {p}.")
        elif args.opdracht == "wachtwoord":
            p = change_gebruiker(args.login, wachtwoord=_vraag_wachtwoord(args.wachtwoord_stdin), pad=args.bestand)
            print(f"Wachtwoord van {args.login} gewijzigd in {p}.")
        elif args.opdracht == "rol":
            p = change_gebruiker(args.login, rol=args.rol, pad=args.bestand)
            print(f"Rol van {args.login} is nu {args.rol} ({p}).")
        elif args.opdracht == "verwijderen":
            p = remove_gebruiker(args.login, args.bestand)
            print(f"Account {args.login} verwijderd uit {p}.")
        else:
            rijen = list_gebruikers(load_config(args.bestand))
            if not rijen:
                print("Geen accounts of OIDC-rollen.")
            for r in rijen:
                print(f"{r['soort']:<12} {r['wie']:<32} {r['rol']:<10} {r['naam']}")
    except ValueError as e:
        print(f"Fout: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
