"""Managing local accounts in the access file: add, change, remove, list; written atomically (0600)."""

from __future__ import annotations

import os
import tempfile
import tomllib
import unicodedata
from pathlib import Path

from .config import ToegangConfig, load_config, resolve_pad
from .rechten import Rol
from .tekst import MAX_NAAM, check_tekst, normaliseer
from .wachtwoord import check_sterkte, hash_wachtwoord


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
        "wachtwoord_hash": hash_wachtwoord(wachtwoord),
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
        a["wachtwoord_hash"] = hash_wachtwoord(wachtwoord)
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
