"""Builders for small registers in tests (the ``bouw`` fixture of conftest.py, and for
hypothesis strategies that need them at import time)."""

from __future__ import annotations

import pandas as pd

from bedrijventerreinen import schema


class Bouw:
    """Builders for small registers: rows as tuples or dicts in, conformed frames out.

    * ``terrein(gemeente, netto_ha, koers="behouden", **extra)``
    * ``mutatie(mutatie_id, soort, gemeente, ha, planstatus="hard", jaar=2025, **extra)``
    * ``koppeling(transformatie_id, compensatie_id, ha)``
    """

    @staticmethod
    def terrein(gemeente: str = "Leiden", netto_ha: float = 8.0, koers: str = "behouden", **extra) -> dict:
        rij = {
            "naam": f"Terrein {gemeente} {netto_ha}",
            "gemeente": gemeente,
            "bruto_ha": round(netto_ha / 0.8, 2),
            "netto_ha": netto_ha,
            "koers": koers,
        }
        rij.update(extra)
        return rij

    @staticmethod
    def mutatie(
        mutatie_id: str,
        soort: str,
        gemeente: str = "Leiden",
        ha: float = 1.0,
        planstatus: str = "hard",
        jaar: int | None = 2025,
        **extra,
    ) -> dict:
        rij = {
            "mutatie_id": mutatie_id,
            "soort": soort,
            "gemeente": gemeente,
            "naam": f"{soort} {mutatie_id}",
            "ha": ha,
            "planstatus": planstatus,
            "jaar": pd.NA if jaar is None else jaar,
        }
        rij.update(extra)
        return rij

    @staticmethod
    def koppeling(transformatie_id: str, compensatie_id: str, ha: float) -> dict:
        return {"transformatie_id": transformatie_id, "compensatie_id": compensatie_id, "ha": ha}

    @staticmethod
    def terreinen(rijen=()) -> pd.DataFrame:
        rijen = [r if isinstance(r, dict) else Bouw.terrein(*r) for r in rijen]
        if not rijen:
            return schema.empty("terreinen")
        df = pd.DataFrame(rijen)
        if "terrein_id" not in df:
            df.insert(0, "terrein_id", [f"TER-{i:03d}" for i in range(len(df))])
        return schema.conform(df, "terreinen")

    @staticmethod
    def mutaties(rijen=()) -> pd.DataFrame:
        rijen = [r if isinstance(r, dict) else Bouw.mutatie(*r) for r in rijen]
        if not rijen:
            return schema.empty("mutaties")
        return schema.conform(pd.DataFrame(rijen), "mutaties")

    @staticmethod
    def koppelingen(rijen=()) -> pd.DataFrame:
        rijen = [r if isinstance(r, dict) else Bouw.koppeling(*r) for r in rijen]
        if not rijen:
            return schema.empty("koppelingen")
        return schema.conform(pd.DataFrame(rijen), "koppelingen")
