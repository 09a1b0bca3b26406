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

One module per job; this package re-exports their public names:

- :mod:`.tekst` — names as typed: NFC, no control, bidi or zero-width characters
- :mod:`.rechten` — Rol, Recht, RECHTEN, Gebruiker, mag, vereis, GeenToegang, rechten_tabel
- :mod:`.config` — the access file (load_config, resolve_pad) and bepaal_modus
- :mod:`.wachtwoord` — Argon2id hashes, check_wachtwoord, check_sterkte
- :mod:`.oidc` — gebruiker_uit_oidc, email_geverifieerd
- :mod:`.bewaker` — the login throttle (Aanmeldbewaker, AanmeldFout)
- :mod:`.accounts` — add, change, remove and list accounts; atomic writes of the access file
- :mod:`.opdracht` — the command line (main); ``__main__`` runs it

A test that replaces a name must patch the module that looks it up (for example
``toegang.bewaker.check_wachtwoord``, ``toegang.wachtwoord._HASHER``): patching a name
re-exported here changes nothing. All modules log to ``bedrijventerreinen.toegang``.
"""

from __future__ import annotations

from .accounts import add_gebruiker, change_gebruiker, list_gebruikers, remove_gebruiker
from .bewaker import Aanmeldbewaker, AanmeldFout
from .config import ENV_TOEGANG, STANDAARD_PAD, Account, ToegangConfig, bepaal_modus, load_config, resolve_pad
from .oidc import email_geverifieerd, gebruiker_uit_oidc
from .opdracht import main
from .rechten import (
    RECHTEN,
    SCHRIJFRECHTEN,
    Gebruiker,
    GeenToegang,
    Recht,
    Rol,
    geen_recht_tekst,
    lokale_gebruiker,
    mag,
    rechten_tabel,
    vereis,
)
from .tekst import MAX_NAAM, ONZICHTBARE_CATEGORIEEN, check_tekst, normaliseer, schoon
from .wachtwoord import MIN_WACHTWOORD, check_sterkte, check_wachtwoord, hash_wachtwoord

__all__ = [
    "ENV_TOEGANG",
    "MAX_NAAM",
    "MIN_WACHTWOORD",
    "ONZICHTBARE_CATEGORIEEN",
    "RECHTEN",
    "SCHRIJFRECHTEN",
    "STANDAARD_PAD",
    "AanmeldFout",
    "Aanmeldbewaker",
    "Account",
    "Gebruiker",
    "GeenToegang",
    "Recht",
    "Rol",
    "ToegangConfig",
    "add_gebruiker",
    "bepaal_modus",
    "change_gebruiker",
    "check_sterkte",
    "check_tekst",
    "check_wachtwoord",
    "email_geverifieerd",
    "gebruiker_uit_oidc",
    "geen_recht_tekst",
    "hash_wachtwoord",
    "list_gebruikers",
    "load_config",
    "lokale_gebruiker",
    "mag",
    "main",
    "normaliseer",
    "rechten_tabel",
    "remove_gebruiker",
    "resolve_pad",
    "schoon",
    "vereis",
]
