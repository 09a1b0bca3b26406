"""Density of the parks from building footprints, densification potential and kanszone candidates.

All functions are pure and vectorised (shapely 2 array operations over an STRtree; no
Python loop per pand). Areas are in EPSG:28992 (m²), reported in m² or hectares.

Definitions (the Kanszones page shows them under "Hoe berekend?", see :data:`UITLEG`):

* **netto oppervlak** of a park: its register value ``netto_ha`` (the contour's area when
  that is missing); of a kanszone or a candidate: its own area (for candidates scaled by
  the park's netto/bruto ratio, because grid cells include roads and green).
* **bebouwd oppervlak**: the part of every pand's footprint that lies inside the area (a
  pand crossing the contour counts by its part inside).
* **bouwlagen** of a pand: ``bouwlagen`` when known; else ``hoogte`` ÷ verdiepingshoogte
  (rounded, at least 1); else the default floor count. All three are parameters.
* **bvo** (gross floor area) = bebouwd oppervlak × bouwlagen.
* **bebouwingsgraad** = bebouwd oppervlak ÷ netto oppervlak; **FSI** = bvo ÷ netto oppervlak.
* **onbebouwd** = netto oppervlak − bebouwd oppervlak (not below 0).
* **aandeel oud** = share of the bvo in panden built before the 'oud' year.
* **bestemmingsplangrenzen** of a park (where it records them): ``max_bebouwingsgraad``
  caps the coverage target; ``max_bouwhoogte_m`` caps the floors at
  Lmax = max(1, ⌊max_bouwhoogte_m ÷ verdiepingshoogte⌋). The targets in force are
  doel-bebouwingsgraad B = min(doel-bebouwingsgraad of the typologie, max_bebouwingsgraad)
  and doel-FSI F = min(doel-FSI of the typologie, B × Lmax): the FSI target never asks for
  more floor area than the allowed coverage at the allowed floors gives.
* **potentie** (m² bvo) = max(0, F × netto − bvo, (B × netto − bebouwd) × L'), with L' the
  current mean floors (bvo ÷ bebouwd; the default floor count where nothing is built)
  but at most Lmax: the extra floor area when FSI and coverage rise to the targets. Of
  it, *ruimer bebouwen* is the part that fits on unbuilt ground up to B at L' floors,
  *optoppen* the rest.
* **potentie onbekend**: a park without any pand (no footprint known: most likely its
  panden were never read in, not an empty park) or without a contour gets no potential
  (NaN, ``potentie_status`` says why) and stays out of every total; so does a kanszone on
  a park without panden. Candidate zones are only sought on parks with panden.
* **potentie in hectare-equivalent** = potentie ÷ regional average FSI ÷ 10.000: the
  business land that floor area would take at today's regional intensity. It is extra
  floor area expressed as land, never land that can be sold (:data:`HA_EQUIVALENT_UITLEG`).
* **aandeel** of the headline (:func:`compute_potentie_totaal`) = the summed potential in
  hectare-equivalent ÷ the netto hectares of the parks that count, set against the 20–30 %
  space gain some provinces assume (``referentie_ruimtewinst_*``).
* **kandidaat-zones**: cells of a grid over each park (clipped to the contour) that are
  *laag benut* (coverage below a threshold) or *verouderd* (most floor area old), joined
  into connected zones of at least the minimum size, ranked by potential.

The package, one module per job (this module re-exports the public names):

* :mod:`.parameters`: :class:`KanszoneParameters` and :func:`load_kanszone_parameters`;
* :mod:`.dichtheid`: floors per pand, the overlay of panden on areas, :func:`compute_dichtheid`;
* :mod:`.potentie`: :func:`compute_potentie`, per park and per kanszone, the headline
  (:class:`PotentieTotaal`);
* :mod:`.kandidaten`: the candidate zones on a grid (:func:`find_kandidaten`);
* :mod:`.bewerken`: a drawn kanszone into the register, potential as intensivering mutaties;
* :mod:`.weergave`: Dutch tables, texts and the density chart.
"""

from __future__ import annotations

from .bewerken import (
    BRON_KANSZONE,
    KANSZONE_PREFIX,
    MARGE_BUITEN,
    add_kanszone,
    add_kanszone_intensivering,
    compute_kanszonebijdrage,
    find_terrein_van,
    kanszones_als_mutaties,
    polygon_from_tekening,
    vandaag,
)
from .dichtheid import (
    BOUWLAGEN_BRON,
    DICHTHEID_KOLOMMEN,
    compute_bouwlagen,
    compute_dichtheid,
    compute_regionale_fsi,
    overlay_panden,
)
from .kandidaten import (
    KANDIDAAT_KOLOMMEN,
    Raster,
    build_raster,
    find_kandidaten,
)
from .parameters import (
    STANDAARD,
    STANDAARD_DOELEN,
    STRATEGIE_PAD,
    Doel,
    KanszoneFout,
    KanszoneParameters,
    load_kanszone_parameters,
)
from .potentie import (
    POTENTIE_KOLOMMEN,
    STATUS_BEREKEND,
    STATUS_GEEN_CONTOUR,
    STATUS_GEEN_PANDEN,
    STATUS_KOERS,
    PotentieTotaal,
    compute_aandeel_oordeel,
    compute_kanszonedichtheid,
    compute_max_bouwlagen,
    compute_potentie,
    compute_potentie_totaal,
    compute_terreindichtheid,
)
from .weergave import (
    HA_EQUIVALENT_UITLEG,
    UITLEG,
    chart_dichtheid,
    compute_kerncijfers,
    format_aandeel_waarschuwing,
    format_ha_equivalent,
    format_kandidaten,
    format_kanszonedichtheid,
    format_potentie_totaal,
    format_terreindichtheid,
)

__all__ = [
    "BOUWLAGEN_BRON",
    "BRON_KANSZONE",
    "DICHTHEID_KOLOMMEN",
    "HA_EQUIVALENT_UITLEG",
    "KANDIDAAT_KOLOMMEN",
    "KANSZONE_PREFIX",
    "MARGE_BUITEN",
    "POTENTIE_KOLOMMEN",
    "STANDAARD",
    "STANDAARD_DOELEN",
    "STATUS_BEREKEND",
    "STATUS_GEEN_CONTOUR",
    "STATUS_GEEN_PANDEN",
    "STATUS_KOERS",
    "STRATEGIE_PAD",
    "UITLEG",
    "Doel",
    "KanszoneFout",
    "KanszoneParameters",
    "PotentieTotaal",
    "Raster",
    "add_kanszone",
    "add_kanszone_intensivering",
    "build_raster",
    "chart_dichtheid",
    "compute_aandeel_oordeel",
    "compute_bouwlagen",
    "compute_dichtheid",
    "compute_kanszonebijdrage",
    "compute_kanszonedichtheid",
    "compute_kerncijfers",
    "compute_max_bouwlagen",
    "compute_potentie",
    "compute_potentie_totaal",
    "compute_regionale_fsi",
    "compute_terreindichtheid",
    "find_kandidaten",
    "find_terrein_van",
    "format_aandeel_waarschuwing",
    "format_ha_equivalent",
    "format_kandidaten",
    "format_kanszonedichtheid",
    "format_potentie_totaal",
    "format_terreindichtheid",
    "kanszones_als_mutaties",
    "load_kanszone_parameters",
    "overlay_panden",
    "polygon_from_tekening",
    "vandaag",
]
