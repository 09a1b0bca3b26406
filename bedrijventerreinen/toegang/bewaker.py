"""The login throttle (:class:`Aanmeldbewaker`): a password login with a growing wait after failures."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable

from .config import ToegangConfig
from .rechten import Gebruiker
from .tekst import normaliseer
from .wachtwoord import check_wachtwoord

log = logging.getLogger(__package__)  # "bedrijventerreinen.toegang", as documented in docs/deployment.md


class AanmeldFout(Exception):
    """Login refused (wrong login or password, throttled, no role); the message is Dutch."""


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
