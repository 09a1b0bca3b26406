"""Roles and rights: :class:`Rol`, :class:`Recht`, :data:`RECHTEN` (declared once), the user
(:class:`Gebruiker`) and the checks :func:`mag` and :func:`vereis`."""

from __future__ import annotations

import dataclasses
import enum
import logging

from .tekst import MAX_NAAM, schoon

log = logging.getLogger(__package__)  # "bedrijventerreinen.toegang", as documented in docs/deployment.md


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


def rechten_tabel() -> list[dict[str, str]]:
    """The rights table (from :data:`RECHTEN`): per right "ja" or "—" for each role, in role order."""
    return [
        {"Recht": str(r), **{rol.label: "ja" if rol >= nodig else "—" for rol in Rol}} for r, nodig in RECHTEN.items()
    ]
