"""Browser tests: a real Streamlit server on a free port with a temporary store, driven by
Playwright with Debian's Chromium (``/usr/bin/chromium``; override with ``CHROMIUM``).

Skipped, with the reason, when Chromium or the Playwright package is missing. The store
holds the sample data plus one park named ``<img src=x onerror=alert(1)>`` (in Leiden), and
the map starts without background tiles, so the tests need no network at all.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
MARKUP = "<img src=x onerror=alert(1)>"
#: Ports tried first (the development machine reserves 8610-8619 for these tests); else any free port.
PORTS = range(8611, 8620)
#: Health checks go straight to the local server, never through a configured proxy.
_ZONDER_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _reden_overslaan() -> str | None:
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium ontbreekt op {CHROMIUM}: installeer het Debian-pakket 'chromium' (of zet CHROMIUM=pad)."
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Het Python-pakket 'playwright' ontbreekt: pip install -r requirements-dev.txt."
    return None


def pytest_collection_modifyitems(config, items):
    reden = _reden_overslaan()
    if reden is None:
        return
    if os.environ.get("MONITOR_BROWSER_TESTS_REQUIRED"):  # CI: a missing browser is a failure, not a skip
        raise pytest.UsageError(f"Browsertests zijn verplicht, maar: {reden}")
    skip = pytest.mark.skip(reason=reden)
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(skip)


def _vrije_poort(poorten: Iterable[int] = PORTS) -> int:
    for poort in poorten:
        with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
            try:
                s.bind(("127.0.0.1", poort))
            except OSError:
                continue
            return poort
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _maak_store(pad: Path) -> int:
    """A store with the sample data plus the markup park; returns the number of parks."""
    from bedrijventerreinen import io, schema, store

    lagen = io.read_voorbeeld()
    extra = gpd.GeoDataFrame(
        pd.DataFrame(
            [
                {
                    "terrein_id": "XSS-1",
                    "naam": MARKUP,
                    "gemeente": "Leiden",
                    "bruto_ha": 5.0,
                    "netto_ha": 4.0,
                    "koers": "behouden",
                    "bron": "<script>alert(2)</script>",
                }
            ]
        ),
        geometry=[box(92_600, 463_000, 92_850, 463_200)],
        crs=schema.CRS_RD,
    )
    lagen["terreinen"] = schema.conform(
        pd.concat([lagen["terreinen"], schema.conform(extra, "terreinen")], ignore_index=True), "terreinen"
    )
    store.create_store(pad, lagen, voorbeeld=True)
    return len(lagen["terreinen"])


class Server:
    """A running Streamlit server: base URL and the parks in its store."""

    def __init__(self, url: str, terreinen: pd.DataFrame, log: Path | None = None):
        self.url = url
        #: The server's stdout and stderr.
        self.log = log
        self.terreinen = terreinen


@contextlib.contextmanager
def _draai_server(
    map_: Path, pad: Path, toegang: Path, extra_args: Sequence[str] = (), poorten: Iterable[int] = PORTS
) -> Iterator[str]:
    """Run ``streamlit run app.py`` on a free port (the first free one of ``poorten``, else any)
    with store ``pad`` and access file ``toegang`` (a path that does not exist means lokale
    modus) and ``extra_args`` after the usual options; yields the base URL."""
    poort = _vrije_poort(poorten)
    env = {
        **os.environ,
        "BEDRIJVENTERREINEN_STORE": str(pad),
        "BEDRIJVENTERREINEN_ACHTERGROND": "geen",
        "BEDRIJVENTERREINEN_TOEGANG": str(toegang),
        "PYTHONPATH": str(ROOT),
    }
    log = open(map_ / "streamlit.log", "w")  # noqa: SIM115 - closed after the server stops
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(poort),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            *extra_args,
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(120):
            if proces.poll() is not None:
                pytest.fail(f"Streamlit stopte meteen; zie {map_ / 'streamlit.log'}")
            with contextlib.suppress(OSError), _ZONDER_PROXY.open(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    break
            time.sleep(0.5)
        else:
            pytest.fail("Streamlit startte niet binnen 60 s")
        yield url
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()
        log.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """The app in lokale modus on the sample data plus the markup park."""
    map_ = tmp_path_factory.mktemp("kaart-browser")
    pad = map_ / "kaart-test.gpkg"
    _maak_store(pad)
    from bedrijventerreinen import store

    terreinen = store.Store(pad).load_terreinen()
    with _draai_server(map_, pad, map_ / "geen-toegang.toml") as url:
        yield Server(url, terreinen)


@pytest.fixture
def server_eigen(tmp_path) -> Iterator[Server]:
    """The app in lokale modus on a store of its own (the sample data): for a test that writes."""
    from bedrijventerreinen import io, store

    pad = tmp_path / "eigen.gpkg"
    store.create_store(pad, io.read_voorbeeld(), voorbeeld=True)
    with _draai_server(tmp_path, pad, tmp_path / "geen-toegang.toml") as url:
        yield Server(url, store.Store(pad).load_terreinen())


#: Accounts of :func:`server_met_accounts`: login -> (role, password). Test-only passwords.
ACCOUNTS = {"kees": ("kijker", "kijkt-graag-mee-1"), "bea": ("beheerder", "beheert-het-register-3")}


@pytest.fixture(scope="session")
def server_met_accounts(tmp_path_factory) -> Iterator[Server]:
    """The app with local accounts (one kijker, one beheerder): everyone must log in."""
    from bedrijventerreinen import store, toegang

    map_ = tmp_path_factory.mktemp("aanmelden-browser")
    pad = map_ / "monitor.gpkg"
    store.open_store(pad)
    for login, (rol, wachtwoord) in ACCOUNTS.items():
        toegang.add_gebruiker(login, wachtwoord, rol, login.title(), map_ / "toegang.toml")
    with _draai_server(map_, pad, map_ / "toegang.toml") as url:
        yield Server(url, store.Store(pad).load_terreinen(), map_ / "streamlit.log")


#: Ports of :func:`server_met_oidc` (the app and the fake provider), apart from the others' ports.
OIDC_PORTS = range(8720, 8730)
#: The OIDC client registration of :func:`server_met_oidc` (test-only values).
OIDC_CLIENT = ("monitor-071-test", "test-geheim-niet-echt")


class OIDCServer(Server):
    """:class:`Server` with Streamlit's OIDC login against :class:`fake_oidc.FakeOIDC` (``provider``)."""

    def __init__(self, url: str, terreinen: pd.DataFrame, log: Path, provider):
        super().__init__(url, terreinen, log)
        self.provider = provider


@pytest.fixture(scope="session")
def server_met_oidc(tmp_path_factory) -> Iterator[OIDCServer]:
    """The app with Streamlit's OIDC login (``[auth]`` in a temporary secrets file, passed with
    ``--secrets.files``, so nothing is written under .streamlit/) against a fake provider on
    127.0.0.1. The access file maps a.jansen@leiden.nl to beheerder and the group
    071-werkgroep to werkgroep; choose who logs in with ``provider.volgende_gebruiker``."""
    import secrets as geheimen

    from fake_oidc import FakeOIDC

    from bedrijventerreinen import store

    try:  # Authlib's Starlette client (used by Streamlit's /auth routes) needs httpx
        import httpx  # noqa: F401
    except ImportError:
        pytest.fail("httpx ontbreekt: Streamlit's OIDC-login (Authlib) heeft het nodig; zie requirements.txt.")
    map_ = tmp_path_factory.mktemp("oidc-browser")
    pad = map_ / "monitor.gpkg"
    _maak_store(pad)
    (map_ / "toegang.toml").write_text(
        '[oidc]\ngroepen_claim = "groups"\n\n[oidc.gebruikers]\n"a.jansen@leiden.nl" = "beheerder"\n\n'
        '[oidc.groepen]\n"071-werkgroep" = "werkgroep"\n',
        encoding="utf-8",
    )
    with FakeOIDC(*OIDC_CLIENT, poorten=OIDC_PORTS) as provider:
        secrets_toml = map_ / "secrets.toml"
        secrets_toml.write_text(
            "[auth]\n"
            # Streamlit fills in {port}; the host is the one the browser uses, so the cookies match.
            'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{geheimen.token_hex(32)}"\n'
            f'client_id = "{OIDC_CLIENT[0]}"\n'
            f'client_secret = "{OIDC_CLIENT[1]}"\n'
            f'server_metadata_url = "{provider.metadata_url}"\n',
            encoding="utf-8",
        )
        secrets_toml.chmod(0o600)
        args = ["--secrets.files", str(secrets_toml)]
        with _draai_server(map_, pad, map_ / "toegang.toml", args, poorten=OIDC_PORTS) as url:
            yield OIDCServer(url, store.Store(pad).load_terreinen(), map_ / "streamlit.log", provider)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield b
        b.close()


class Pagina:
    """A browser tab with the requests and dialogs it saw."""

    def __init__(self, page):
        self.page = page
        self.verzoeken: list[str] = []
        self.dialogen: list[str] = []
        page.on("request", lambda r: self.verzoeken.append(r.url))
        page.on("dialog", self._dialoog)

    def _dialoog(self, d) -> None:
        self.dialogen.append(d.message)
        d.dismiss()


@pytest.fixture
def pagina(browser) -> Iterator[Pagina]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield Pagina(page)
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
