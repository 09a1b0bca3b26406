"""Benchmark of the monitor at three scales: the sample region, a province, the country.

Run ``python -m bedrijventerreinen.bench`` (options: ``--schalen``, ``--herhalingen``,
``--uit``). Each scale runs in its own subprocess so its peak memory can be read; every
figure is the median over repeated runs. It prints a table and writes JSON.

What is measured per scale:
* store: creating it, and opening it plus loading every layer (what a first page load does);
* domain: hectare balance, compensation coverage, strategy checks, one scenario evaluation,
  kanszone density metrics and candidates (where building footprints exist);
* map: time to build the Kaart's map and its HTML payload, against a *naive* map (full
  geometry, every column, no simplification);
* pages (AppTest): first render and rerun after a filter change for every page, and the same
  for *naive* Overzicht and Kaart scripts (``bench/naive_*.py``: no caching, full geometry),
  so the gain of caching and simplification is a ratio measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: The pages app.py navigates to, in its order.
PAGES = re.findall(r'st\.Page\("([^"]+)"', (ROOT / "app.py").read_text(encoding="utf-8"))
NAIVE = ["bench/naive_overzicht.py", "bench/naive_kaart.py"]

#: Scales: parks, mutaties and buildings; ``None`` parks = the shipped sample region.
SCHALEN: dict[str, dict[str, int | None]] = {
    "regio": {"terreinen": None, "mutaties": None, "panden": None},
    "provincie": {"terreinen": 1_000, "mutaties": 500, "panden": 50_000},
    "nationaal": {"terreinen": 4_000, "mutaties": 2_000, "panden": 250_000},
}


def _median_ms(functie: Callable[[], Any], herhalingen: int) -> float:
    tijden = []
    for _ in range(herhalingen):
        t = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(tijden), 1)


def _make_lagen(schaal: dict[str, int | None]) -> dict[str, Any]:
    from . import io, voorbeeld

    if schaal["terreinen"] is None:
        lagen = io.read_voorbeeld()
    else:
        lagen = voorbeeld.generate_synthetisch(int(schaal["terreinen"]), schaal["mutaties"])
    if schaal["panden"]:
        from .panden import generate_panden

        lagen["panden"] = generate_panden(lagen["terreinen"], seed=1, aantal=int(schaal["panden"]))
    return lagen


def _apptest_ms(script: str, herhalingen: int) -> tuple[float, float]:
    """Median first render and median rerun after a planstatus filter change, in ms."""
    from streamlit.testing.v1 import AppTest

    eerste, herhaal = [], []
    for _ in range(herhalingen):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        t = time.perf_counter()
        at.run()
        if script != "pages/overzicht.py" and script.startswith("pages/"):
            at.switch_page(script).run()
        elif script.startswith("bench/"):
            at = AppTest.from_file(str(ROOT / script), default_timeout=600)
            t = time.perf_counter()
            at.run()
        eerste.append((time.perf_counter() - t) * 1000)
        if at.exception:
            raise RuntimeError(f"{script}: {at.exception[0].message}")
        for waarde in ("zacht", "hard"):
            t = time.perf_counter()
            try:
                at.radio(key="filter_planstatus").set_value(waarde).run()
            except KeyError:  # the vergadermodus has no sidebar: a plain rerun
                at.run()
            herhaal.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(eerste), 1), round(statistics.median(herhaal), 1)


def run_schaal(naam: str, herhalingen: int) -> dict[str, Any]:
    """All measurements of one scale (run in a subprocess by :func:`main`)."""
    from . import aanbod, balance, dekking, maps, scenarios, store, strategy, toetsing

    uit: dict[str, Any] = {"schaal": naam}
    schaal = SCHALEN[naam]
    strat = strategy.load_strategie()
    with tempfile.TemporaryDirectory() as tmp:
        pad = Path(tmp) / "monitor.gpkg"
        lagen = _make_lagen(schaal)
        t = time.perf_counter()
        store.create_store(pad, lagen, voorbeeld=True)
        uit["store_aanmaken_ms"] = round((time.perf_counter() - t) * 1000, 1)
        uit["aantallen"] = {laag: len(df) for laag, df in lagen.items()}
        uit["store_mb"] = round(pad.stat().st_size / 1e6, 2)

        def open_en_laad() -> dict[str, Any]:
            s = store.open_store(pad)
            return {laag: s.load(laag) for laag in store.LAGEN}

        uit["store_openen_en_laden_ms"] = _median_ms(open_en_laad, herhalingen)
        geladen = open_en_laad()
        t_, m_, k_ = geladen["terreinen"], geladen["mutaties"], geladen["koppelingen"]
        uit["balans_ms"] = _median_ms(lambda: balance.compute_hectarebalans(t_, m_, k_, strat), herhalingen)
        uit["dekking_ms"] = _median_ms(lambda: dekking.compute_compensatiedekking(m_, k_, strat), herhalingen)
        uit["toetsen_ms"] = _median_ms(lambda: toetsing.check_strategie(t_, m_, k_, strat), herhalingen)
        uit["vraag_aanbod_ms"] = _median_ms(lambda: aanbod.compute_vraag_aanbod(t_, m_, strat), herhalingen)
        sc = scenarios.Scenario(vraag="hoog", kanszone_realisatie=0.5, horizon=2035)
        uit["scenario_ms"] = _median_ms(lambda: scenarios.evaluate(geladen, strat, sc), herhalingen)

        if len(geladen["panden"]):
            from . import kanszones

            p_, par = geladen["panden"], kanszones.load_kanszone_parameters()
            n = max(1, herhalingen // 2)
            uit["dichtheid_ms"] = _median_ms(lambda: kanszones.compute_terreindichtheid(t_, p_, par), n)
            _, fsi = kanszones.compute_terreindichtheid(t_, p_, par)
            uit["kandidaten_ms"] = _median_ms(lambda: kanszones.find_kandidaten(t_, p_, par, fsi), n)

        opties = {"koppelingen": k_, "strategie": strat, "planstatus_vanaf": "hard"}
        uit["kaart_bouwen_ms"] = _median_ms(lambda: maps.build_map(t_, m_, geladen["kanszones"], **opties), herhalingen)
        uit["kaart_bytes"] = maps.measure_payload(maps.build_map(t_, m_, geladen["kanszones"], **opties))
        uit["kaart_naief_bytes"] = maps.measure_payload(_naive_map(t_, m_))

        os.environ["BEDRIJVENTERREINEN_STORE"] = str(pad)
        n_app = herhalingen if schaal["terreinen"] is None else max(1, herhalingen // 2)
        uit["pagina"] = {}
        for script in PAGES + NAIVE:
            eerste, herhaal = _apptest_ms(script, n_app)
            uit["pagina"][script] = {"eerste_ms": eerste, "herhaal_ms": herhaal}
    uit["piekgeheugen_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)
    return uit


def _naive_map(terreinen: Any, mutaties: Any) -> Any:
    """The map as a first Streamlit app would make it: full geometry, every column."""
    import folium

    m = folium.Map(location=[52.16, 4.49], zoom_start=11, tiles=None)
    for gdf in (terreinen, mutaties[mutaties.geometry.notna()]):
        folium.GeoJson(gdf.to_crs(4326).to_json(), tooltip=folium.GeoJsonTooltip(fields=["naam"])).add_to(m)
    return m


def _tabel(resultaten: list[dict[str, Any]]) -> str:
    regels = ["| meting | " + " | ".join(r["schaal"] for r in resultaten) + " |", "|---|" + "---|" * len(resultaten)]
    sleutels = [k for k in resultaten[0] if k not in ("schaal", "pagina", "aantallen")]
    for k in sleutels:
        regels.append(f"| {k} | " + " | ".join(str(r.get(k, "–")) for r in resultaten) + " |")
    for script in resultaten[0]["pagina"]:
        for soort in ("eerste_ms", "herhaal_ms"):
            regels.append(
                f"| {script} {soort} | " + " | ".join(str(r["pagina"][script][soort]) for r in resultaten) + " |"
            )
    for r in resultaten:
        p = r["pagina"]
        for echt, naief in (("pages/overzicht.py", NAIVE[0]), ("pages/kaart.py", NAIVE[1])):
            if echt in p:
                r[f"winst_{Path(echt).stem}_herhaal"] = round(
                    p[naief]["herhaal_ms"] / max(p[echt]["herhaal_ms"], 0.1), 1
                )
        r["winst_kaart_bytes"] = round(r["kaart_naief_bytes"] / max(r["kaart_bytes"], 1), 1)
    for k in ("winst_overzicht_herhaal", "winst_kaart_herhaal", "winst_kaart_bytes"):
        regels.append(f"| {k} (naief ÷ echt) | " + " | ".join(str(r.get(k, "–")) for r in resultaten) + " |")
    return "\n".join(regels)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; prints a Markdown table and writes JSON."""
    parser = argparse.ArgumentParser(description="Benchmark van de bedrijventerreinenmonitor")
    parser.add_argument("--schalen", default=",".join(SCHALEN), help="kommagescheiden: regio,provincie,nationaal")
    parser.add_argument("--herhalingen", type=int, default=5)
    parser.add_argument("--uit", default=str(ROOT / "bench" / "resultaten.json"))
    parser.add_argument("--schaal", help=argparse.SUPPRESS)  # internal: run one scale, print JSON
    args = parser.parse_args(argv)

    if args.schaal:
        print(json.dumps(run_schaal(args.schaal, args.herhalingen)))
        return 0

    resultaten = []
    start = time.perf_counter()
    for naam in args.schalen.split(","):
        print(f"schaal {naam}…", file=sys.stderr, flush=True)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "bedrijventerreinen.bench",
                "--schaal",
                naam,
                "--herhalingen",
                str(args.herhalingen),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return proc.returncode
        resultaten.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    tabel = _tabel(resultaten)
    print(tabel)
    totaal = round(time.perf_counter() - start, 1)
    print(f"\nTotale duur: {totaal} s")
    Path(args.uit).parent.mkdir(parents=True, exist_ok=True)
    Path(args.uit).write_text(json.dumps({"duur_s": totaal, "resultaten": resultaten}, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
