"""The access file (:func:`load_config`) and how users are identified (:func:`bepaal_modus`)."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from pathlib import Path

from .rechten import Rol
from .tekst import normaliseer, schoon

ENV_TOEGANG = "BEDRIJVENTERREINEN_TOEGANG"
#: ``.streamlit/toegang.toml`` in the repository root (this file is bedrijventerreinen/toegang/config.py).
STANDAARD_PAD = Path(__file__).resolve().parents[2] / ".streamlit" / "toegang.toml"


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
