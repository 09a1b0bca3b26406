"""The command ``python -m bedrijventerreinen.toegang``: manage local accounts in the access file.

It lives here rather than in ``__main__.py`` so that :func:`main` can be imported (and tested)
without runpy finding ``__main__`` imported before it runs it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterable

from .accounts import add_gebruiker, change_gebruiker, list_gebruikers, remove_gebruiker
from .config import ENV_TOEGANG, STANDAARD_PAD, load_config
from .rechten import Rol


def _vraag_wachtwoord(stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    eerste = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nogmaals: ") != eerste:
        raise ValueError("De wachtwoorden zijn niet gelijk.")
    return eerste


def _parser() -> argparse.ArgumentParser:
    """The command's arguments (Dutch help texts)."""
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
    return parser


def _voer_uit(args: argparse.Namespace) -> None:
    """Carry out the parsed command; ValueError (Dutch) when it cannot be done."""
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


def main(argv: Iterable[str] | None = None) -> int:
    """``python -m bedrijventerreinen.toegang``: manage local accounts in the access file."""
    args = _parser().parse_args(list(argv) if argv is not None else None)
    try:
        _voer_uit(args)
    except ValueError as e:
        print(f"Fout: {e}", file=sys.stderr)
        return 2
    return 0
