"""The register as it comes: IBIS tables per peiljaar, matched to the parks in the store.

Pure functions over DataFrames, used by the import (:mod:`bedrijventerreinen.io`) and by the
pages that show the stock per year:

* :func:`vertaal_gemeentecodes`: CBS codes (``GM0546``) to gemeente names, from
  ``data/gemeentecodes.csv``; an unknown code or a code list is reported, never a crash;
* :func:`match_terreinen`: which row of an imported table is which park of the store — by
  terrein_id, then RIN number, then normalised name within the gemeente (:func:`naam_sleutel`);
* :func:`merge_voorraad`: the stock of every peiljaar kept side by side (``voorraad`` layer);
* :func:`find_wezen` / :func:`apply_wezen_keuzes`: what would point to nothing after a
  *vervangen* import, and the user's choice per orphan;
* :func:`compute_voorraad_per_jaar`, :func:`compute_verandering`, :func:`compute_uitgifte`
  and :func:`describe_uitgifte`: netto/bruto/uitgeefbaar per year, the change per park, and
  the land issued per year against the strategy's demand paths.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import schema
from .formatting import format_getal, format_ha

if TYPE_CHECKING:
    from .strategy import Strategie

GEMEENTECODES_PAD = Path(__file__).resolve().parent.parent / "data" / "gemeentecodes.csv"
_CODE = re.compile(r"^GM\d{4}$")

#: How a row of an import was matched to a park, as the Data page shows it.
MATCH_METHODEN: dict[str, str] = {
    "terrein_id": "terrein-id",
    "rin": "RIN-nummer",
    "naam": "naam en gemeente",
    "nieuw": "nieuw terrein",
}

#: What a user may do with a mutatie or kanszone that would point to a park that disappears.
WEES_KEUZES: dict[str, str] = {
    "koppelen": "Koppelen aan een ander terrein",
    "vervallen": "Laten vervallen (mutatie) of verwijderen (kanszone)",
}


@functools.cache
def load_gemeentecodes(pad: str | Path = GEMEENTECODES_PAD) -> dict[str, str]:
    """CBS gemeentecode → gemeente name (current and merged codes), from ``data/gemeentecodes.csv``."""
    df = pd.read_csv(pad, dtype=str)
    return dict(zip(df["code"].str.upper(), df["gemeente"], strict=True))


def vertaal_gemeentecodes(gemeente: pd.Series) -> tuple[pd.Series, list[tuple[int, str]]]:
    """Gemeente names where a column holds CBS codes (``GM0546`` → Leiden).

    A value that is not a code stays as it is. A list of codes (``GM0546,GM0547``: a park on a
    border) is assigned to the first code — IBIS lists the main gemeente first; without
    boundaries the monitor cannot measure shares — and reported so the user can correct it.
    An unknown code stays and is reported by code. Returns the names and (row position,
    Dutch note) pairs.
    """
    codes = load_gemeentecodes()
    tekst = gemeente.astype("string").str.strip().str.upper()
    delen = tekst.str.split(r"[,;/ ]+", regex=True)
    eerste = delen.str[0]
    is_code = eerste.str.match(_CODE.pattern).fillna(False)
    naam = eerste.map(codes)
    out = gemeente.astype("string").where(~is_code, naam.fillna(eerste))
    notities: list[tuple[int, str]] = []
    for pos in np.flatnonzero(is_code.to_numpy() & naam.isna().to_numpy()):
        notities.append(
            (int(pos), f"Gemeentecode {eerste.iloc[pos]} is onbekend; de gemeente van dit terrein is niet bepaald.")
        )
    meer = is_code & delen.str.len().gt(1).fillna(False)
    for pos in np.flatnonzero(meer.to_numpy()):
        namen = [codes.get(c, c) for c in delen.iloc[pos] if c]
        notities.append(
            (
                int(pos),
                f"GEM_CODES '{gemeente.iloc[pos]}' noemt {len(namen)} gemeenten ({', '.join(namen)}); het terrein "
                f"is toegewezen aan {namen[0]}, de eerste. Pas de gemeente aan als het grootste deel elders ligt.",
            )
        )
    return out, notities


def naam_sleutel(naam: object) -> str:
    """The key two names of one park share: lower-case ASCII letters and digits, without a
    parenthesised suffix ("'T AMBACHT (KATWIJK)" and "'t Ambacht" → ``tambacht``)."""
    from .strategy import normalize_naam

    tekst = "" if naam is None or (not isinstance(naam, str) and pd.isna(naam)) else str(naam)
    return normalize_naam(re.sub(r"\([^)]*\)", " ", tekst))


def leesbare_naam(naam: object) -> str:
    """An IBIS name in capitals as people write it: "'T AMBACHT (KATWIJK)" → "'t Ambacht
    (Katwijk)", "BIO SCIENCE PARK / LEEUWENHOEK" → "Bio Science Park / Leeuwenhoek". A name
    that is not all capitals stays as it is."""
    tekst = "" if naam is None or (not isinstance(naam, str) and pd.isna(naam)) else str(naam).strip()
    if not tekst or tekst != tekst.upper():
        return tekst
    woorden = [w[:1] + w[1:].lower() if w[:1].isalpha() else w[:2] + w[2:].lower() for w in tekst.split(" ")]
    uit = " ".join(woorden)
    return re.sub(r"(^|\s)'T\b", r"\1't", re.sub(r"(^|\s)'t\b", r"\1't", uit.replace("'T ", "'t ")))


def match_terreinen(huidig: pd.DataFrame, nieuw: pd.DataFrame) -> pd.DataFrame:
    """Which park of the store each row of an imported stock table is.

    In this order: the row's terrein_id when the store has it (a re-import of the monitor's
    own export); its RIN number; its name within its gemeente, compared by
    :func:`naam_sleutel` and only when exactly one park of that gemeente has that key. A row
    that matches nothing is a new park.
    One park is never matched twice; a new park keeps the row's own id (``RIN-<nummer>`` for a
    register table).

    Returns one row per imported row (in order): rij (position), naam, gemeente, rin_nummer,
    terrein_id (the park it becomes), methode (a key of :data:`MATCH_METHODEN`) and
    huidige_naam (the park's name in the store, empty when new).
    """
    h = pd.DataFrame(huidig[[c for c in ("terrein_id", "naam", "gemeente", "rin_nummer") if c in huidig.columns]])
    n = nieuw.reset_index(drop=True)
    rin_n = _tekst(n, "rin_nummer")
    id_n = _tekst(n, "terrein_id")
    bekend_id = set(h["terrein_id"].dropna().astype(str))
    per_rin = {str(r): str(t) for r, t in zip(_tekst(h, "rin_nummer"), h["terrein_id"], strict=True) if pd.notna(r)}
    sleutels = pd.Series([f"{g}|{naam_sleutel(x)}" for g, x in zip(h["gemeente"], h["naam"], strict=True)])
    uniek = sleutels[~sleutels.duplicated(keep=False)]
    per_naam = dict(zip(uniek, h["terrein_id"].astype(str)[uniek.index], strict=True))
    namen = dict(zip(h["terrein_id"].astype(str), h["naam"], strict=True))

    gebruikt: set[str] = set()
    doel, methode = [], []
    for i in range(len(n)):
        kandidaten = [
            ("terrein_id", id_n.iloc[i] if pd.notna(id_n.iloc[i]) and id_n.iloc[i] in bekend_id else None),
            ("rin", per_rin.get(str(rin_n.iloc[i])) if pd.notna(rin_n.iloc[i]) else None),
            ("naam", per_naam.get(f"{n['gemeente'].iloc[i]}|{naam_sleutel(n['naam'].iloc[i])}")),
        ]
        gevonden = next(((m, t) for m, t in kandidaten if t is not None and t not in gebruikt), None)
        if gevonden is None:
            if pd.notna(id_n.iloc[i]):
                tid = str(id_n.iloc[i])
            else:
                tid = f"RIN-{rin_n.iloc[i]}" if pd.notna(rin_n.iloc[i]) else f"NIEUW-{i + 1}"
            gevonden = ("nieuw", tid)
        gebruikt.add(gevonden[1])
        methode.append(gevonden[0])
        doel.append(gevonden[1])
    return pd.DataFrame(
        {
            "rij": np.arange(len(n)),
            "naam": n["naam"].astype("string").to_numpy(),
            "gemeente": n["gemeente"].astype("string").to_numpy(),
            "rin_nummer": rin_n.to_numpy(),
            "terrein_id": doel,
            "methode": methode,
            "huidige_naam": [namen.get(t, "") if m != "nieuw" else "" for t, m in zip(doel, methode, strict=True)],
        }
    )


def _tekst(df: pd.DataFrame, kolom: str) -> pd.Series:
    """A key column as trimmed text (empty → NA); all NA when the frame lacks it."""
    if kolom not in df.columns:
        return pd.Series(pd.NA, index=df.index, dtype="string")
    return df[kolom].astype("string").str.strip().replace("", pd.NA)


def merge_voorraad(voorraad: pd.DataFrame, terreinen: pd.DataFrame, bron: str) -> pd.DataFrame:
    """The stock per peiljaar after an import of ``terreinen`` (already matched to park ids).

    Every imported row with a peiljaar becomes the stock of (terrein_id, peiljaar); a stock of
    the same park and year is replaced, every other year is kept: the store keeps the stock of
    every peiljaar, not only the latest. ``uitgegeven_ha`` is netto − uitgeefbaar where the
    file does not give it.
    """
    t = terreinen[terreinen["peiljaar"].notna()] if "peiljaar" in terreinen.columns else terreinen.iloc[0:0]
    from .balance import uitgeefbaar_ha

    nieuw = pd.DataFrame(
        {
            "terrein_id": t["terrein_id"].astype("string").to_numpy(),
            "peiljaar": t["peiljaar"].astype("Int64").to_numpy(),
            "rin_nummer": t["rin_nummer"].astype("string").to_numpy(),
            "naam": t["naam"].astype("string").to_numpy(),
            "gemeente": t["gemeente"].astype("string").to_numpy(),
            "bruto_ha": t["bruto_ha"].astype(float).to_numpy(),
            "netto_ha": t["netto_ha"].astype(float).to_numpy(),
            "uitgeefbaar_ha": uitgeefbaar_ha(t).to_numpy(),
            "uitgegeven_ha": t["uitgegeven_ha"].astype(float).to_numpy(),
            "uitgifte_ha": t["uitgifte_ha"].astype(float).to_numpy(),
            "bron": bron,
        }
    )
    nieuw["uitgegeven_ha"] = nieuw["uitgegeven_ha"].fillna(nieuw["netto_ha"] - nieuw["uitgeefbaar_ha"])
    oud = schema.conform(voorraad, "voorraad")
    sleutel_oud = oud["terrein_id"].astype("string") + "|" + oud["peiljaar"].astype("string")
    sleutel_nieuw = set(nieuw["terrein_id"] + "|" + nieuw["peiljaar"].astype("string"))
    blijft = oud[~sleutel_oud.isin(sleutel_nieuw).to_numpy()]
    samen = pd.concat([blijft, schema.conform(nieuw, "voorraad")], ignore_index=True)
    return schema.conform(
        samen.sort_values(["terrein_id", "peiljaar"], kind="stable").reset_index(drop=True), "voorraad"
    )


def keep_nieuwste_stand(huidig: pd.DataFrame, na: pd.DataFrame) -> pd.DataFrame:
    """After merging an import into the parks: where the store already had a NEWER peiljaar of
    a park than the imported row, the park keeps its newer figures (the older stock only goes
    into the history, :func:`merge_voorraad`)."""
    kolommen = ["peiljaar", "bruto_ha", "netto_ha", "uitgeefbaar_ha", "uitgegeven_ha", "uitgifte_ha"]
    oud = huidig.drop_duplicates("terrein_id").set_index("terrein_id")
    pj_oud = na["terrein_id"].map(oud["peiljaar"]).astype("Float64")
    ouder = (na["peiljaar"].astype("Float64") < pj_oud).fillna(False).to_numpy(dtype=bool)
    if not ouder.any():
        return na
    na = na.copy()
    for k in kolommen:
        na.loc[ouder, k] = na.loc[ouder, "terrein_id"].map(oud[k]).to_numpy()
    return na


def find_wezen(
    terreinen_na: pd.DataFrame, mutaties: pd.DataFrame, kanszones: pd.DataFrame, terreinen_voor: pd.DataFrame
) -> pd.DataFrame:
    """What would point to nothing after the parks become ``terreinen_na``: mutaties (not
    retired) and kanszones whose park disappears.

    Returns laag, object_id, naam, terrein_id, terrein (the disappearing park's name) and
    voorstel: a park of ``terreinen_na`` with the same name key in the same gemeente
    (:func:`naam_sleutel`), else empty.
    """
    from .balance import is_vervallen

    blijft = set(terreinen_na["terrein_id"].astype(str))
    weg = terreinen_voor[~terreinen_voor["terrein_id"].astype(str).isin(blijft)]
    weg_naam = dict(zip(weg["terrein_id"].astype(str), weg["naam"], strict=True))
    weg_gem = dict(zip(weg["terrein_id"].astype(str), weg["gemeente"], strict=True))
    na_sleutel = {
        f"{g}|{naam_sleutel(n)}": t
        for t, n, g in zip(terreinen_na["terrein_id"], terreinen_na["naam"], terreinen_na["gemeente"], strict=True)
    }
    rijen = []
    m = mutaties[~is_vervallen(mutaties)]
    for laag, df, idk in (("mutaties", m, "mutatie_id"), ("kanszones", kanszones, "kanszone_id")):
        los = df[df["terrein_id"].astype("string").isin(list(weg_naam)).fillna(False).to_numpy()]
        for r in los.itertuples(index=False):
            tid = str(r.terrein_id)
            voorstel = na_sleutel.get(f"{weg_gem[tid]}|{naam_sleutel(weg_naam[tid])}", "")
            rijen.append((laag, getattr(r, idk), r.naam, tid, weg_naam[tid], voorstel))
    return pd.DataFrame(rijen, columns=["laag", "object_id", "naam", "terrein_id", "terrein", "voorstel"])


def apply_wezen_keuzes(
    mutaties: pd.DataFrame,
    kanszones: pd.DataFrame,
    wezen: pd.DataFrame,
    keuzes: dict[str, str],
    nieuwe_ids: set[str],
    door: str,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the user's choice per orphan (keyed ``laag:object_id``): ``koppelen:<terrein_id>``
    (a park that exists after the import) or ``vervallen`` (a mutatie gets today's date in
    ``vervallen`` and is kept; a kanszone is removed). Raises ``ValueError`` (Dutch) naming
    the first orphan without a valid choice: an import never leaves a dangling reference."""
    mutaties, kanszones = mutaties.copy(), kanszones.copy()
    vandaag = dt.date.today().isoformat()
    weg_kz: list[str] = []
    for r in wezen.itertuples(index=False):
        keuze = keuzes.get(f"{r.laag}:{r.object_id}", "")
        idk = "mutatie_id" if r.laag == "mutaties" else "kanszone_id"
        df = mutaties if r.laag == "mutaties" else kanszones
        rij = df[idk].astype(str) == str(r.object_id)
        if keuze.startswith("koppelen:") and keuze.split(":", 1)[1] in nieuwe_ids:
            df.loc[rij, "terrein_id"] = keuze.split(":", 1)[1]
        elif keuze == "vervallen" and r.laag == "mutaties":
            df.loc[rij, "vervallen"] = vandaag
            df.loc[rij, "gewijzigd_door"] = door
        elif keuze == "vervallen":
            weg_kz.append(str(r.object_id))
        else:
            raise ValueError(
                f"Kies wat er gebeurt met {'mutatie' if r.laag == 'mutaties' else 'kanszone'} '{r.naam}' "
                f"({r.object_id}) op terrein '{r.terrein}', dat verdwijnt."
            )
    kanszones = kanszones[~kanszones["kanszone_id"].astype(str).isin(weg_kz)]
    return mutaties, kanszones


def compute_voorraad_per_jaar(voorraad: pd.DataFrame, strategie: Strategie) -> pd.DataFrame:
    """Netto, bruto and uitgeefbaar per gemeente of the strategy and peiljaar (plus ``regio``):
    gemeente, peiljaar, terreinen (count), bruto_ha, netto_ha, uitgeefbaar_ha. Only parks of at
    least the strategy's minimum bruto count."""
    v = voorraad[voorraad["gemeente"].isin(list(strategie.gemeenten)).to_numpy()]
    v = v[~(v["bruto_ha"].astype(float) < strategie.minimum_terrein_ha).fillna(False).to_numpy()]
    agg = {"terreinen": ("terrein_id", "size"), "bruto_ha": ("bruto_ha", "sum"), "netto_ha": ("netto_ha", "sum")}
    agg["uitgeefbaar_ha"] = ("uitgeefbaar_ha", "sum")
    per = v.groupby(["gemeente", "peiljaar"]).agg(**agg).reset_index()
    regio = v.groupby("peiljaar").agg(**agg).reset_index().assign(gemeente="regio")
    return pd.concat([per, regio], ignore_index=True)[
        ["gemeente", "peiljaar", "terreinen", "bruto_ha", "netto_ha", "uitgeefbaar_ha"]
    ]


def compute_verandering(voorraad: pd.DataFrame, van: int, tot: int) -> pd.DataFrame:
    """What changed per park between the stocks of peiljaar ``van`` and ``tot``: terrein_id,
    naam, gemeente, netto_van, netto_tot, netto_verschil, uitgeefbaar_van, uitgeefbaar_tot,
    status ('nieuw in tot', 'niet meer in tot', 'gewijzigd', 'gelijk'). Largest change first."""
    a = voorraad[voorraad["peiljaar"] == van].drop_duplicates("terrein_id").set_index("terrein_id")
    b = voorraad[voorraad["peiljaar"] == tot].drop_duplicates("terrein_id").set_index("terrein_id")
    ids = a.index.union(b.index)
    a, b = a.reindex(ids), b.reindex(ids)
    out = pd.DataFrame(
        {
            "terrein_id": ids.astype("string"),
            "naam": b["naam"].fillna(a["naam"]).to_numpy(),
            "gemeente": b["gemeente"].fillna(a["gemeente"]).to_numpy(),
            "netto_van": a["netto_ha"].astype(float).to_numpy(),
            "netto_tot": b["netto_ha"].astype(float).to_numpy(),
            "uitgeefbaar_van": a["uitgeefbaar_ha"].astype(float).to_numpy(),
            "uitgeefbaar_tot": b["uitgeefbaar_ha"].astype(float).to_numpy(),
        }
    )
    out["netto_verschil"] = out["netto_tot"].fillna(0.0) - out["netto_van"].fillna(0.0)
    gewijzigd = ~(
        np.isclose(out["netto_van"], out["netto_tot"], atol=0.005)
        & np.isclose(out["uitgeefbaar_van"].fillna(0), out["uitgeefbaar_tot"].fillna(0), atol=0.005)
    )
    out["status"] = np.select(
        [out["netto_van"].isna(), out["netto_tot"].isna(), gewijzigd],
        [f"nieuw in {tot}", f"niet meer in {tot}", "gewijzigd"],
        "gelijk",
    )
    return out.sort_values("netto_verschil", key=lambda s: -s.abs(), kind="stable").reset_index(drop=True)


def compute_uitgifte(voorraad: pd.DataFrame, strategie: Strategie) -> pd.DataFrame:
    """Land issued (uitgifte) per year and gemeente of the strategy, plus ``regio``, against the
    demand paths.

    Per park, the land issued between two consecutive peiljaren P1 < P2 is uitgegeven(P2) −
    uitgegeven(P1) (uitgegeven = netto − uitgeefbaar where IBIS does not give it), spread
    evenly over the years P1+1 … P2; where a stock carries IBIS's *uitgifte huidig jaar*,
    that figure is used for its peiljaar instead. Parks present in only one stock add only
    their uitgifte_ha. Returns gemeente, jaar, uitgifte_ha, cumulatief_ha (from the reference
    year) and, on the regio rows, vraag_laag_ha / vraag_hoog_ha (the strategy's demand growing
    linearly from the reference year to the horizon). Parks under the strategy's minimum bruto
    issue nothing for the strategy. Empty when nothing can be computed.
    """
    kolommen = ["gemeente", "jaar", "uitgifte_ha", "cumulatief_ha", "vraag_laag_ha", "vraag_hoog_ha"]
    v = voorraad[voorraad["gemeente"].isin(list(strategie.gemeenten)).to_numpy()]
    v = v[~(v["bruto_ha"].astype(float) < strategie.minimum_terrein_ha).fillna(False).to_numpy()]
    v = v.sort_values(["terrein_id", "peiljaar"]).reset_index(drop=True)
    uitgegeven = (
        v["uitgegeven_ha"].astype(float).fillna(v["netto_ha"].astype(float) - v["uitgeefbaar_ha"].astype(float))
    )
    vorig_jaar = v.groupby("terrein_id")["peiljaar"].shift()
    vorig = uitgegeven.groupby(v["terrein_id"]).shift()
    stukken = []
    heeft_vorig = vorig_jaar.notna().to_numpy()
    if heeft_vorig.any():
        d = v[heeft_vorig].assign(
            van=vorig_jaar[heeft_vorig].astype(int), verschil=(uitgegeven - vorig)[heeft_vorig].to_numpy()
        )
        d["jaren"] = d["peiljaar"].astype(int) - d["van"]
        d = d.loc[d.index.repeat(d["jaren"])]
        d["jaar"] = d["van"] + d.groupby(level=0).cumcount() + 1
        d["uitgifte_ha"] = d["verschil"] / d["jaren"]
        stukken.append(d[["terrein_id", "gemeente", "jaar", "uitgifte_ha"]])
    eigen = v[v["uitgifte_ha"].notna()].assign(jaar=lambda x: x["peiljaar"].astype(int))
    if len(eigen):
        stukken.append(eigen[["terrein_id", "gemeente", "jaar", "uitgifte_ha"]].astype({"uitgifte_ha": float}))
    if not stukken:
        return pd.DataFrame(columns=kolommen)
    alle = pd.concat(stukken, ignore_index=True)
    # IBIS's own figure for a year wins over the spread difference of the same park and year
    alle = alle.drop_duplicates(["terrein_id", "jaar"], keep="last")
    alle = alle[alle["jaar"] > strategie.referentiejaar]
    per = alle.groupby(["gemeente", "jaar"])["uitgifte_ha"].sum().reset_index()
    regio = alle.groupby("jaar")["uitgifte_ha"].sum().reset_index().assign(gemeente="regio")
    out = pd.concat([per, regio], ignore_index=True).sort_values(["gemeente", "jaar"]).reset_index(drop=True)
    out["cumulatief_ha"] = out.groupby("gemeente")["uitgifte_ha"].cumsum()
    fractie = (out["jaar"] - strategie.referentiejaar) / (strategie.horizon - strategie.referentiejaar)
    regio_rij = out["gemeente"].eq("regio")
    out["vraag_laag_ha"] = (strategie.vraag_laag_ha * fractie).where(regio_rij)
    out["vraag_hoog_ha"] = (strategie.vraag_hoog_ha * fractie).where(regio_rij)
    return out[kolommen]


def describe_uitgifte(uitgifte: pd.DataFrame, strategie: Strategie) -> str:
    """Which demand path the region is on: the mean land issued per year in the years known,
    against the strategy's low and high demand per year (demand ÷ years to the horizon)."""
    jaren = strategie.horizon - strategie.referentiejaar
    laag, hoog = strategie.vraag_laag_ha / jaren, strategie.vraag_hoog_ha / jaren
    r = uitgifte[uitgifte["gemeente"] == "regio"]
    if r.empty:
        return (
            "De uitgifte per jaar is nog niet te berekenen: daarvoor zijn twee IBIS-standen van verschillende "
            "peiljaren nodig, of de IBIS-kolom 'uitgifte huidig jaar'."
        )
    gemiddeld = float(r["uitgifte_ha"].mean())
    periode = f"{int(r['jaar'].min())}" if len(r) == 1 else f"{int(r['jaar'].min())}–{int(r['jaar'].max())}"
    if gemiddeld < laag:
        pad = "onder het lage pad"
    elif gemiddeld <= hoog:
        pad = "tussen het lage en het hoge pad"
    else:
        pad = "boven het hoge pad"
    return (
        f"Uitgifte {periode}: gemiddeld {format_ha(gemiddeld)} per jaar. De strategie rekent met "
        f"{format_getal(laag)} (laag) tot {format_ha(hoog)} (hoog) per jaar tot {strategie.horizon}: "
        f"de regio zit {pad}."
    )
