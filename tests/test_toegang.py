"""Roles and login, tested where they are enforced: the package functions themselves.

Every forbidden action is refused by the function that would do it (not only hidden by a
page), with a Dutch message, and the store file is left byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bedrijventerreinen import io, kanszones, register, store, toegang
from bedrijventerreinen.toegang import Gebruiker, GeenToegang, Recht, Rol

ROOT = Path(__file__).resolve().parent.parent
KIJKER = Gebruiker("kees", "Kees Kijker", Rol.KIJKER)
WERKGROEP = Gebruiker("wim", "Wim Werkgroep", Rol.WERKGROEP)
BEHEERDER = Gebruiker("bea", "Bea Beheerder", Rol.BEHEERDER)
WACHTWOORD = "correct-paard-batterij-nietje"

#: What each role may do, written out as the issue states it (not derived from RECHTEN).
MAG = {
    "kijker": {"bekijken", "exporteren"},
    "werkgroep": {"bekijken", "exporteren", "scenario's opslaan"},
    "beheerder": {r.value for r in Recht},
}


@pytest.mark.parametrize("rol", list(Rol), ids=lambda r: r.label)
@pytest.mark.parametrize("recht", list(Recht), ids=lambda r: r.value)
def test_rights_table(rol: Rol, recht: Recht):
    gebruiker = Gebruiker("x", "X", rol)
    assert toegang.mag(gebruiker, recht) == (recht.value in MAG[rol.label])


def test_a_refusal_is_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="bedrijventerreinen.toegang"), pytest.raises(GeenToegang):
        toegang.vereis(KIJKER, Recht.IMPORTEREN)
    assert "geweigerd recht='importeren' login='kees' rol=kijker" in caplog.text


def test_nobody_may_do_anything_without_login():
    assert not any(toegang.mag(None, r) for r in Recht)
    with pytest.raises(GeenToegang, match="niet aangemeld"):
        toegang.vereis(None, Recht.BEKIJKEN)


def _vingerafdruk(pad: Path) -> tuple[str, int]:
    return hashlib.sha256(pad.read_bytes()).hexdigest(), len(list(pad.parent.rglob("*.gpkg")))


@pytest.fixture()
def opslag(tmp_path) -> Path:
    pad = tmp_path / "monitor.gpkg"
    s = store.open_store(pad, gebruiker=BEHEERDER)
    register.take_snapshot(s, "stand voor de test")
    s.save_scenario("Scenario van Bea", "{}")
    return pad


def _acties(pad: Path, strategie) -> dict[str, tuple[Recht, object]]:
    """Each write the monitor can make, as a function of the acting store."""
    basis = store.Store(pad)
    m = basis.load_mutaties()
    t_id = m.loc[m["soort"] == "transformatie", "mutatie_id"].iloc[0]
    rij = m.set_index("mutatie_id").loc[t_id]
    snapshot = basis.list_snapshots()["bestand"].iloc[0]
    upload = io.read_upload("terreinen.geojson", basis.load_terreinen().to_crs(4326).to_json().encode())
    terreinen = basis.load_terreinen()
    binnen = terreinen.geometry.iloc[0].centroid.buffer(20)
    sid = basis.list_scenarios()["id"].iloc[0]
    nieuw = {
        "soort": "compensatie",
        "gemeente": "Leiden",
        "naam": "Nieuw",
        "ha": 1.0,
        "planstatus": "zacht",
        "jaar": 2027,
    }
    return {
        "mutatie toevoegen": (Recht.REGISTER_WIJZIGEN, lambda s: register.add_mutatie(s, nieuw, strategie)),
        "mutatie wijzigen": (
            Recht.REGISTER_WIJZIGEN,
            lambda s: register.change_mutatie(s, t_id, {"toelichting": "Bijgewerkt"}, int(rij["versie"]), strategie),
        ),
        "mutatie laten vervallen": (
            Recht.REGISTER_WIJZIGEN,
            lambda s: register.retire_mutatie(s, t_id, int(rij["versie"]), "gaat niet door"),
        ),
        "kanszone tekenen": (
            Recht.REGISTER_WIJZIGEN,
            lambda s: s.write(
                {"kanszones": kanszones.add_kanszone(s.load_kanszones(), terreinen, binnen, "Zone")[0]},
                audit=[{"actie": "kanszone getekend"}],
            ),
        ),
        "importeren": (Recht.IMPORTEREN, lambda s: io.apply_import(s, upload, "vervangen", bevestigd=True)),
        "snapshot maken": (Recht.SNAPSHOT_MAKEN, lambda s: register.take_snapshot(s, "mijn stand")),
        "snapshot terugzetten": (Recht.SNAPSHOT_HERSTELLEN, lambda s: register.restore_snapshot(s, snapshot)),
        "snapshot terugzetten (opslag)": (Recht.SNAPSHOT_HERSTELLEN, lambda s: s.restore_snapshot(snapshot)),
        "scenario opslaan": (Recht.SCENARIO_OPSLAAN, lambda s: s.save_scenario("Mijn scenario", "{}")),
        "scenario verwijderen": (Recht.SCENARIO_OPSLAAN, lambda s: s.delete_scenario(sid)),
        "opslag herbouwen": (Recht.SNAPSHOT_HERSTELLEN, lambda s: store.rebuild_store(s.path, s.gebruiker)),
    }


#: Every write the monitor can make, with the right it needs.
ACTIES = {
    "mutatie toevoegen": Recht.REGISTER_WIJZIGEN,
    "mutatie wijzigen": Recht.REGISTER_WIJZIGEN,
    "mutatie laten vervallen": Recht.REGISTER_WIJZIGEN,
    "kanszone tekenen": Recht.REGISTER_WIJZIGEN,
    "importeren": Recht.IMPORTEREN,
    "snapshot maken": Recht.SNAPSHOT_MAKEN,
    "snapshot terugzetten": Recht.SNAPSHOT_HERSTELLEN,
    "snapshot terugzetten (opslag)": Recht.SNAPSHOT_HERSTELLEN,
    "scenario opslaan": Recht.SCENARIO_OPSLAAN,
    "scenario verwijderen": Recht.SCENARIO_OPSLAAN,
    "opslag herbouwen": Recht.SNAPSHOT_HERSTELLEN,
}
VERBODEN = [
    pytest.param(g, actie, id=f"{g.rol.label if g else 'niet aangemeld'}-{actie}")
    for g in (None, KIJKER, WERKGROEP)
    for actie, recht in ACTIES.items()
    if recht.value not in MAG.get(g.rol.label if g else "", set())
]


def test_every_action_is_covered(opslag, strategie):
    assert set(_acties(opslag, strategie)) == set(ACTIES)
    assert {recht for recht, _ in _acties(opslag, strategie).values()} == set(toegang.SCHRIJFRECHTEN)


@pytest.mark.parametrize(("gebruiker", "actie"), VERBODEN)
def test_forbidden_action_is_refused_by_the_package(opslag, strategie, gebruiker, actie):
    recht, doe = _acties(opslag, strategie)[actie]
    voor = _vingerafdruk(opslag)
    with pytest.raises(GeenToegang) as fout:
        doe(store.Store(opslag, gebruiker=gebruiker))
    tekst = str(fout.value)
    assert (recht.value in tekst and "Er is niets gewijzigd" in tekst) or "niet aangemeld" in tekst
    assert _vingerafdruk(opslag) == voor, "a refused action must leave the store and its snapshots untouched"


@pytest.mark.parametrize("actie", list(ACTIES))
def test_beheerder_may_do_every_action(opslag, strategie, actie):
    _, doe = _acties(opslag, strategie)[actie]
    versie = store.Store(opslag).version
    doe(store.Store(opslag, gebruiker=BEHEERDER))
    assert store.Store(opslag).version > versie or actie == "opslag herbouwen"


def test_werkgroep_saves_scenarios_and_only_deletes_its_own(opslag):
    wim = store.Store(opslag, gebruiker=WERKGROEP)
    eigen = wim.save_scenario("Van Wim", "{}")
    van_bea = store.Store(opslag).list_scenarios().set_index("naam").loc["Scenario van Bea", "id"]
    with pytest.raises(GeenToegang, match="alleen de maker of een beheerder"):
        wim.delete_scenario(van_bea)
    with pytest.raises(GeenToegang, match="alleen de maker of een beheerder"):
        wim.save_scenario("Overschreven", "{}", scenario_id=van_bea)
    wim.save_scenario("Van Wim, aangepast", "{}", scenario_id=eigen)
    wim.delete_scenario(eigen)
    namen = set(store.Store(opslag).list_scenarios()["naam"])
    assert namen == {"Scenario van Bea"}
    store.Store(opslag, gebruiker=BEHEERDER).delete_scenario(van_bea)  # a beheerder may clean up
    assert store.Store(opslag).list_scenarios().empty


def test_audit_log_records_the_authenticated_user_not_a_typed_name(opslag, strategie):
    s = store.Store(opslag, gebruiker=BEHEERDER)
    mid = register.add_mutatie(
        s, {"soort": "compensatie", "gemeente": "Katwijk", "naam": "X", "ha": 1.0, "planstatus": "hard", "jaar": 2026},
        strategie,
    )  # fmt: skip
    s.write({}, audit=[{"gebruiker": "De Burgemeester", "actie": "poging tot vervalsen"}])
    s.save_scenario("Wat als", "{}")
    log = store.Store(opslag).load_audit()
    assert set(log["gebruiker"]) == {"bea"}
    assert "De Burgemeester" not in log.to_string()
    assert store.Store(opslag).load_mutaties().set_index("mutatie_id").loc[mid, "gewijzigd_door"] == "bea"
    assert set(store.Store(opslag).list_scenarios()["auteur"]) == {"bea"}


def test_lokale_modus_marks_the_unverified_name():
    assert toegang.lokale_gebruiker("Piet").audit_naam == "Piet (lokale modus)"
    assert toegang.lokale_gebruiker("").audit_naam == "lokale modus"
    assert toegang.lokale_gebruiker("Piet").rol is Rol.BEHEERDER


# -- accounts and passwords -------------------------------------------------------------


@pytest.fixture()
def toegangsbestand(tmp_path) -> Path:
    pad = tmp_path / "toegang.toml"
    toegang.add_gebruiker("bea", WACHTWOORD, "beheerder", "Bea Beheerder", pad)
    toegang.add_gebruiker("kees", WACHTWOORD + "-2", Rol.KIJKER, "Kees", pad)
    return pad


def test_passwords_are_stored_as_argon2id_hashes_in_a_private_file(toegangsbestand):
    tekst = toegangsbestand.read_text()
    assert WACHTWOORD not in tekst
    assert tekst.count("$argon2id$") == 2
    assert stat.S_IMODE(toegangsbestand.stat().st_mode) == 0o600
    config = toegang.load_config(toegangsbestand)
    assert {a.login: a.rol for a in config.accounts.values()} == {"bea": Rol.BEHEERDER, "kees": Rol.KIJKER}
    assert not any("$argon2" in str(r) for r in toegang.list_gebruikers(config))


def test_check_wachtwoord(toegangsbestand):
    config = toegang.load_config(toegangsbestand)
    assert toegang.check_wachtwoord(config, "bea", WACHTWOORD) == Gebruiker("bea", "Bea Beheerder", Rol.BEHEERDER)
    assert toegang.check_wachtwoord(config, "bea", WACHTWOORD + "x") is None
    assert toegang.check_wachtwoord(config, "niemand", WACHTWOORD) is None
    assert toegang.check_wachtwoord(config, "kees", WACHTWOORD) is None  # another account's password


@pytest.mark.parametrize(
    ("login", "wachtwoord", "fout"),
    [
        ("ans", "kort", "minstens 12 tekens"),
        ("ans", "ans-heeft-een-lang-wachtwoord", "loginnaam"),
        ("ans; rm -rf", "een-goed-lang-wachtwoord", "Een loginnaam bestaat uit"),
        ("", "een-goed-lang-wachtwoord", "Een loginnaam bestaat uit"),
    ],
)
def test_weak_passwords_and_odd_logins_are_refused(tmp_path, login, wachtwoord, fout):
    with pytest.raises(ValueError, match=fout):
        toegang.add_gebruiker(login, wachtwoord, "kijker", pad=tmp_path / "t.toml")
    assert not (tmp_path / "t.toml").exists()


def test_role_change_and_removal(toegangsbestand):
    toegang.change_gebruiker("kees", rol="werkgroep", pad=toegangsbestand)
    assert toegang.load_config(toegangsbestand).accounts["kees"].rol is Rol.WERKGROEP
    toegang.remove_gebruiker("kees", toegangsbestand)
    toegang.remove_gebruiker("bea", toegangsbestand)
    config = toegang.load_config(toegangsbestand)
    assert config is not None and config.accounts == {}
    # an access file without accounts still means "log in": never a fallback to lokale modus
    assert toegang.bepaal_modus(config, oidc_geconfigureerd=False) == "accounts"


def test_modus():
    assert toegang.bepaal_modus(None, oidc_geconfigureerd=False) == "lokaal"
    assert toegang.bepaal_modus(None, oidc_geconfigureerd=True) == "oidc"


def test_a_broken_access_file_is_an_error_not_lokale_modus(tmp_path):
    pad = tmp_path / "toegang.toml"
    pad.write_text('[gebruikers.bea]\nrol = "koning"\n')
    with pytest.raises(ValueError, match="Onbekende rol"):
        toegang.load_config(pad)
    pad.write_text("dit is geen toml [")
    with pytest.raises(ValueError, match="kan niet worden gelezen"):
        toegang.load_config(pad)


def test_command_adds_lists_and_never_prints_a_hash(tmp_path):
    pad = tmp_path / "toegang.toml"
    omgeving = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "bedrijventerreinen.toegang", "--bestand", str(pad)]
    toe = subprocess.run(
        [*cmd, "toevoegen", "ans", "--rol", "werkgroep", "--naam", "Ans de Vries", "--wachtwoord-stdin"],
        input=WACHTWOORD + "\n", capture_output=True, text=True, env=omgeving, check=False,
    )  # fmt: skip
    assert toe.returncode == 0, toe.stderr
    assert WACHTWOORD not in toe.stdout + toe.stderr
    lijst = subprocess.run([*cmd, "lijst"], capture_output=True, text=True, env=omgeving, check=True)
    assert "ans" in lijst.stdout and "werkgroep" in lijst.stdout and "argon2" not in lijst.stdout
    kort = subprocess.run(
        [*cmd, "toevoegen", "bob", "--rol", "kijker", "--wachtwoord-stdin"],
        input="kort\n", capture_output=True, text=True, env=omgeving, check=False,
    )  # fmt: skip
    assert kort.returncode == 2 and "minstens 12 tekens" in kort.stderr
    assert toegang.check_wachtwoord(toegang.load_config(pad), "ans", WACHTWOORD) is not None


# -- throttling ---------------------------------------------------------------------------


class Klok:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_repeated_wrong_passwords_are_slowed_down(toegangsbestand):
    config = toegang.load_config(toegangsbestand)
    klok = Klok()
    bewaker = toegang.Aanmeldbewaker(max_pogingen=3, wachttijd_s=30, max_wachttijd_s=120, klok=klok)
    for _ in range(3):
        with pytest.raises(toegang.AanmeldFout, match="onjuist"):
            bewaker.aanmelden(config, "bea", "fout", "10.0.0.1")
    # now even the right password is not checked until the wait is over
    with pytest.raises(toegang.AanmeldFout, match=r"Te veel mislukte pogingen.*30 seconden"):
        bewaker.aanmelden(config, "bea", WACHTWOORD, "10.0.0.1")
    klok.t += 31
    with pytest.raises(toegang.AanmeldFout, match="onjuist"):
        bewaker.aanmelden(config, "bea", "nog steeds fout", "10.0.0.1")
    assert bewaker.wacht_nog("bea", "10.0.0.1") == pytest.approx(60)  # the wait doubles
    klok.t += 60
    assert bewaker.aanmelden(config, "bea", WACHTWOORD, "10.0.0.1").login == "bea"
    assert bewaker.wacht_nog("bea", "10.0.0.2") == 0  # a good login clears the account's count
    for _ in range(10):
        klok.t += 1000
        with pytest.raises(toegang.AanmeldFout):
            bewaker.aanmelden(config, "kees", "fout", "10.0.0.3")
    assert bewaker.wacht_nog("kees", "10.0.0.3") == pytest.approx(120)  # never longer than the maximum


def test_one_address_trying_many_logins_is_slowed_down(toegangsbestand):
    config = toegang.load_config(toegangsbestand)
    bewaker = toegang.Aanmeldbewaker(max_pogingen=2, wachttijd_s=30, klok=Klok())
    for i in range(8):  # 4 x max_pogingen, each login only once: the address is what repeats
        with pytest.raises(toegang.AanmeldFout, match="onjuist"):
            bewaker.aanmelden(config, f"gok{i}", "fout", "192.0.2.7")
    with pytest.raises(toegang.AanmeldFout, match="Te veel"):
        bewaker.aanmelden(config, "bea", WACHTWOORD, "192.0.2.7")
    assert bewaker.aanmelden(config, "bea", WACHTWOORD, "192.0.2.8").login == "bea"


def test_logins_are_logged_without_the_password(toegangsbestand, caplog):
    config = toegang.load_config(toegangsbestand)
    bewaker = toegang.Aanmeldbewaker(klok=Klok())
    with caplog.at_level(logging.INFO, logger="bedrijventerreinen.toegang"):
        with pytest.raises(toegang.AanmeldFout):
            bewaker.aanmelden(config, "bea", "geheim-fout-wachtwoord", "10.0.0.9")
        bewaker.aanmelden(config, "bea", WACHTWOORD, "10.0.0.9")
    tekst = "\n".join(r.getMessage() for r in caplog.records)
    assert "aanmelding mislukt login='bea' adres=10.0.0.9" in tekst
    assert "aanmelding geslaagd login='bea' rol=beheerder" in tekst
    assert "geheim-fout-wachtwoord" not in tekst and WACHTWOORD not in tekst


# -- OIDC ---------------------------------------------------------------------------------


@pytest.fixture()
def oidc_config(tmp_path) -> toegang.ToegangConfig:
    pad = tmp_path / "toegang.toml"
    pad.write_text(
        '[oidc]\ngroepen_claim = "groups"\n'
        '[oidc.gebruikers]\n"A.Jansen@Leiden.nl" = "beheerder"\n'
        '[oidc.groepen]\n"071-werkgroep" = "werkgroep"\n'
        '[oidc.domeinen]\n"katwijk.nl" = "kijker"\n'
    )
    return toegang.load_config(pad)


@pytest.mark.parametrize(
    ("claims", "rol"),
    [
        ({"email": "a.jansen@leiden.nl", "email_verified": True, "name": "A. Jansen"}, Rol.BEHEERDER),
        ({"email": "A.JANSEN@leiden.nl", "email_verified": True}, Rol.BEHEERDER),
        ({"email": "p@oegstgeest.nl", "groups": ["071-werkgroep", "iedereen"]}, Rol.WERKGROEP),
        ({"email": "k@katwijk.nl", "email_verified": True}, Rol.KIJKER),
        ({"email": "k@katwijk.nl", "email_verified": True, "groups": ["071-werkgroep"]}, Rol.WERKGROEP),  # highest
        ({"email": "x@elders.nl", "groups": ["iedereen"]}, None),  # deny by default
        ({"email": "x@katwijk.nl.evil.example", "email_verified": True}, None),
        ({"groups": ["071-werkgroep"]}, None),  # no e-mail: no identity for the log
    ],
)
def test_oidc_roles(oidc_config, claims, rol):
    g = toegang.gebruiker_uit_oidc(claims, oidc_config)
    assert (g.rol if g else None) == rol
    if g:
        assert g.audit_naam == claims["email"].lower() and g.bron == "oidc"


# -- no secrets in the repository -----------------------------------------------------------


def test_no_secrets_in_the_repository():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    bestanden = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert ".streamlit/secrets.toml" not in bestanden and ".streamlit/toegang.toml" not in bestanden
    echte_hash = re.compile(r"\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{16,}\$[A-Za-z0-9+/]{32,}")
    echt_geheim = re.compile(r"(cookie_secret|client_secret)\s*=\s*\"[A-Za-z0-9_\-]{16,}\"")
    for naam in bestanden:
        pad = ROOT / naam
        if pad.suffix in {".py", ".toml", ".md", ".txt", ".cfg", ".json", ".yml", ".yaml"} and pad.is_file():
            tekst = pad.read_text(errors="ignore")
            assert not echte_hash.search(tekst), f"{naam} holds a password hash"
            assert not echt_geheim.search(tekst), f"{naam} holds an OIDC secret"
    genegeerd = (ROOT / ".gitignore").read_text()
    assert ".streamlit/secrets.toml" in genegeerd and ".streamlit/toegang.toml" in genegeerd


@pytest.mark.parametrize("gebruiker", [None, KIJKER, WERKGROEP], ids=["niet aangemeld", "kijker", "werkgroep"])
def test_saving_a_column_mapping_is_part_of_importing(tmp_path, gebruiker):
    with pytest.raises(GeenToegang, match="importeren"):
        io.save_kolomkoppeling("IBIS 2026", "terreinen", {"Naam": "naam"}, map_=tmp_path, gebruiker=gebruiker)
    assert list(tmp_path.iterdir()) == []
    assert io.save_kolomkoppeling("IBIS 2026", "terreinen", {"Naam": "naam"}, map_=tmp_path, gebruiker=BEHEERDER)


# -- login hardening (issue 16) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "rol"),
    [
        pytest.param({"email": "a.jansen@leiden.nl", "email_verified": False}, None, id="e-mail-onbevestigd"),
        pytest.param({"email": "a.jansen@leiden.nl"}, None, id="e-mail-zonder-claim"),
        pytest.param({"email": "k@katwijk.nl", "email_verified": False}, None, id="domein-onbevestigd"),
        pytest.param({"email": "k@katwijk.nl", "email_verified": "false"}, None, id="domein-tekst-false"),
        pytest.param({"email": "a.jansen@leiden.nl", "email_verified": "true"}, Rol.BEHEERDER, id="tekst-true"),
        pytest.param({"email": "a.jansen@leiden.nl", "email_verified": 1}, None, id="geen-echte-boolean"),
        pytest.param(
            {"email": "a.jansen@leiden.nl", "email_verified": False, "groups": ["071-werkgroep"]},
            Rol.WERKGROEP,
            id="groep-blijft-gelden",
        ),
    ],
)
def test_oidc_roles_by_e_mail_need_a_verified_address(oidc_config, claims, rol):
    g = toegang.gebruiker_uit_oidc(claims, oidc_config)
    assert (g.rol if g else None) == rol


def test_oidc_verified_check_can_be_switched_off(tmp_path):
    pad = tmp_path / "toegang.toml"
    pad.write_text('[oidc]\nemail_verified_vereist = false\n[oidc.domeinen]\n"katwijk.nl" = "kijker"\n')
    config = toegang.load_config(pad)
    assert config.email_verified_vereist is False
    assert toegang.gebruiker_uit_oidc({"email": "k@katwijk.nl", "email_verified": False}, config).rol is Rol.KIJKER
    pad.write_text('[oidc]\nemail_verified_vereist = "nee"\n')
    with pytest.raises(ValueError, match="email_verified_vereist"):
        toegang.load_config(pad)


def test_the_login_throttle_cannot_be_raced(toegangsbestand, monkeypatch):
    """40 threads (15 sessions from different addresses, 25 from one) try one login at once:
    at most max_pogingen (5) passwords are checked, the others wait."""
    import threading
    import time

    config = toegang.load_config(toegangsbestand)
    gecontroleerd: list[str] = []
    slot = threading.Lock()

    def traag(config, login, wachtwoord):
        with slot:
            gecontroleerd.append(login)
        time.sleep(0.05)  # a password check takes time: the window a race needs
        return None

    monkeypatch.setattr(toegang.bewaker, "check_wachtwoord", traag)  # where Aanmeldbewaker looks it up
    bewaker = toegang.Aanmeldbewaker(max_pogingen=5, wachttijd_s=30)
    start = threading.Barrier(40)
    uitkomsten: list[str] = []

    def poging(i: int) -> None:
        start.wait()
        try:
            bewaker.aanmelden(config, "bea", "geraden", f"10.0.0.{i}" if i < 15 else "10.0.1.1")
        except toegang.AanmeldFout as e:
            with slot:
                uitkomsten.append(str(e))

    draden = [threading.Thread(target=poging, args=(i,)) for i in range(40)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert len(gecontroleerd) <= 5, f"{len(gecontroleerd)} password checks for one login"
    assert sum("Te veel mislukte pogingen" in u for u in uitkomsten) >= 35


@pytest.mark.parametrize(
    "kapot", ["", "geen-hash", "$argon2id$v=19$m=65536,t=3,p=4$kapot"], ids=["leeg", "tekst", "half"]
)
def test_an_account_without_a_usable_hash_never_logs_in_and_takes_as_long(toegangsbestand, monkeypatch, kapot):
    import time

    import argon2

    tekst = toegangsbestand.read_text()
    hash_kees = toegang.load_config(toegangsbestand).accounts["kees"].wachtwoord_hash
    toegangsbestand.write_text(tekst.replace(hash_kees, kapot))
    config = toegang.load_config(toegangsbestand)
    assert config.accounts["kees"].wachtwoord_hash == kapot
    gebruikt: list[str] = []

    class Spion(argon2.PasswordHasher):
        def verify(self, hash, password):
            gebruikt.append(hash)
            return super().verify(hash, password)

    monkeypatch.setattr(toegang.wachtwoord, "_HASHER", Spion())  # where check_wachtwoord looks it up
    for wachtwoord in ("", kapot, WACHTWOORD + "-2", "x"):
        assert toegang.check_wachtwoord(config, "kees", wachtwoord) is None
    echt = [h for h in gebruikt if h.startswith("$argon2id$") and h != kapot]
    assert len(echt) >= 4, "a real hash is verified every time, as for a wrong password"

    def duur(login: str) -> float:
        begin = time.perf_counter()
        toegang.check_wachtwoord(config, login, "fout-wachtwoord")
        return time.perf_counter() - begin

    kapotte, verkeerde = min(duur("kees") for _ in range(3)), min(duur("bea") for _ in range(3))
    assert kapotte > 0.3 * verkeerde, f"{kapotte * 1000:.0f} ms against {verkeerde * 1000:.0f} ms"


@pytest.mark.parametrize(
    ("login", "naam", "fout"),
    [
        pytest.param("x", "X\x01Y", "stuurteken", id="stuurteken-in-naam"),
        pytest.param("x", "X\tY", "stuurteken", id="tab-in-naam"),
        pytest.param("x", "Jan\u202eaweb", "U+202E", id="bidi-in-naam"),
        pytest.param("x", "Jan\u200b", "U+200B", id="nulbreedte-in-naam"),
        pytest.param("bea\u200b", "Bea", "U+200B", id="nulbreedte-in-login"),
        pytest.param("b\u202eea", "Bea", "U+202E", id="bidi-in-login"),
        pytest.param("x", "X" * 81, "hoogstens 80", id="te-lang"),
    ],
)
def test_command_refuses_control_and_invisible_characters(tmp_path, monkeypatch, capsys, login, naam, fout):
    import io as _io

    pad = tmp_path / "toegang.toml"
    toegang.add_gebruiker("bea", WACHTWOORD, "beheerder", "Bea", pad)
    voor = pad.read_bytes()
    monkeypatch.setattr(sys, "stdin", _io.StringIO(WACHTWOORD + "\n"))
    code = toegang.main(
        ["--bestand", str(pad), "toevoegen", login, "--rol", "kijker", "--naam", naam, "--wachtwoord-stdin"]
    )
    assert code == 2 and fout in capsys.readouterr().err
    assert pad.read_bytes() == voor, "the access file is left as it was"
    assert toegang.load_config(pad).accounts.keys() == {"bea"}


def test_logins_and_names_are_nfc(tmp_path):
    pad = tmp_path / "toegang.toml"
    toegang.add_gebruiker("jose\u0301", WACHTWOORD, "kijker", "Jose\u0301 Garci\u0301a", pad)
    config = toegang.load_config(pad)
    assert list(config.accounts) == ["jos\u00e9"] and config.accounts["jos\u00e9"].naam == "Jos\u00e9 Garc\u00eda"
    for getypt in ("jose\u0301", "jos\u00e9"):  # however the keyboard composes it
        assert toegang.check_wachtwoord(config, getypt, WACHTWOORD) is not None
    assert toegang.lokale_gebruiker("Gerda\u202e\u200b\x07").naam == "Gerda", "lokale modus: removed"


def test_an_access_file_with_odd_characters_still_reads(tmp_path):
    """Written by an older version or by hand: the app still starts; the name is cleaned."""
    pad = tmp_path / "toegang.toml"
    toegang.add_gebruiker("bea", WACHTWOORD, "beheerder", "Bea", pad)
    pad.write_text(pad.read_text().replace('naam = "Bea"', 'naam = "Bea\\u202e\\u0007 B"'))
    assert toegang.load_config(pad).accounts["bea"].naam == "Bea B"
