"""The look of the vergadermodus (:mod:`.vergadermodus`): its stylesheet per theme, large
type and high contrast without Streamlit's chrome, and the script that lets a presentation
clicker (PageUp/PageDown) click the Vorige/Volgende buttons."""

from __future__ import annotations

from .. import themes
from . import state

NAV = state.sleutel("vm_nav")
VORIGE = state.sleutel("vm_vorige")
VOLGENDE = state.sleutel("vm_volgende")


def css(t: themes.Thema) -> str:
    """The stylesheet of the vergadermodus in theme ``t``."""
    k = themes.kleuren(t)
    return f"""
<style>
:root {{ --vm-bg: {k["achtergrond"]}; --vm-vlak: {k["vlak"]}; --vm-tekst: {k["tekst"]};
  --vm-zacht: {k["tekst_zacht"]}; --vm-accent: {k["accent"]}; --vm-op-accent: {k["op_accent"]};
  --vm-rand: {k["rand"]}; --vm-w-vlak: {k["waarschuwing_vlak"]}; --vm-w-tekst: {k["waarschuwing_tekst"]}; }}
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stStatusWidget"], [data-testid="stElementToolbar"], footer {{ display: none !important; }}
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{ background: var(--vm-bg); color: var(--vm-tekst); }}
[data-testid="stMain"]:focus, [data-testid="stMain"]:focus-visible {{ outline: none !important; box-shadow: none !important; }}
[data-testid="stMainBlockContainer"] {{ padding: 14px 28px 8px 28px !important; max-width: 100% !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: 10px; }}
.st-key-{NAV} button {{ min-height: 52px; padding: 4px 20px; font-size: 22px; border: 2px solid var(--vm-rand);
  background: var(--vm-vlak); color: var(--vm-tekst); }}
.st-key-{NAV} button p {{ font-size: 22px; font-weight: 600; }}
.st-key-{NAV} button [data-testid="stIconMaterial"] {{ font-size: 26px; }}
.st-key-{NAV} button kbd {{ font-size: 20px; color: inherit; opacity: 0.85; }}
.st-key-{NAV} button:hover {{ border-color: var(--vm-accent); color: var(--vm-accent); }}
.st-key-{NAV} button[kind="primary"] {{ background: var(--vm-accent); color: var(--vm-op-accent); border-color: var(--vm-accent); }}
.st-key-{NAV} button:disabled {{ opacity: 0.4; background: var(--vm-vlak); color: var(--vm-tekst); border-color: var(--vm-rand); }}
[data-testid="stSpinner"], [data-testid="stSpinner"] p {{ font-size: 24px; color: var(--vm-zacht); }}
.vm-voortgang {{ font-size: 24px; font-weight: 600; color: var(--vm-zacht); line-height: 52px; white-space: nowrap; }}
.vm-kop {{ display: flex; justify-content: space-between; align-items: flex-end; gap: 32px;
  border-bottom: 3px solid var(--vm-accent); padding-bottom: 6px; }}
.vm-kop h1 {{ font-size: 50px; line-height: 1.1; margin: 0; padding: 0; color: var(--vm-tekst); font-weight: 800; }}
.vm-peildatum {{ text-align: right; font-size: 22px; color: var(--vm-zacht); white-space: nowrap; }}
.vm-peildatum b {{ display: block; font-size: 34px; color: var(--vm-tekst); }}
.vm-selectie {{ font-size: 22px; color: var(--vm-zacht); margin-top: 4px; }}
.vm-voorbeeld {{ background: var(--vm-w-vlak); color: var(--vm-w-tekst); border: 3px solid var(--vm-w-tekst);
  border-radius: 8px; padding: 6px 18px; font-size: 24px; font-weight: 800; }}
.vm-voorbeeld span {{ font-weight: 500; font-size: 20px; margin-left: 16px; }}
.vm-voorbeeld.deels {{ font-size: 21px; line-height: 1.3; }}
.vm-voorbeeld.deels span {{ display: block; margin-left: 0; font-size: 18px; }}
.vm-tegels {{ display: grid; grid-template-columns: repeat(4, 1fr); gap: 18px; }}
.vm-tegels.drie {{ grid-template-columns: repeat(3, 1fr); }}
.vm-tegel {{ background: var(--vm-vlak); border-left: 10px solid var(--vm-accent); border-radius: 10px; padding: 14px 20px; }}
.vm-kpi-label {{ font-size: 26px; font-weight: 700; color: var(--vm-zacht); }}
.vm-kpi-waarde {{ font-size: 64px; font-weight: 800; line-height: 1.15; color: var(--vm-tekst); white-space: nowrap; }}
.vm-kpi-noot {{ font-size: 21px; color: var(--vm-zacht); line-height: 1.25; min-height: 1.25em; }}
.vm-tabel {{ width: 100%; border-collapse: collapse; font-size: 30px; color: var(--vm-tekst); }}
.vm-tabel th {{ text-align: left; font-size: 24px; color: var(--vm-zacht); border-bottom: 3px solid var(--vm-rand); padding: 6px 14px; }}
.vm-tabel td {{ padding: 8px 14px; border-bottom: 1px solid var(--vm-rand); }}
.vm-tabel .getal {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
.vm-tabel tr.totaal td {{ font-weight: 800; border-top: 3px solid var(--vm-tekst); border-bottom: none; }}
.vm-tabel .reden {{ font-size: 22px; color: var(--vm-zacht); }}
.vm-label {{ display: inline-block; min-width: 120px; text-align: center; border-radius: 8px; padding: 2px 14px;
  font-weight: 800; font-size: 26px; }}
.vm-noot {{ font-size: 22px; color: var(--vm-zacht); }}
.vm-groot-bericht {{ font-size: 40px; font-weight: 700; padding: 40px; background: var(--vm-vlak); border-radius: 12px; }}
.vm-kaart {{ display: flex; justify-content: center; background: #ffffff; border-radius: 10px; padding: 6px; }}
.vm-kaart img {{ max-height: calc(100vh - 330px); max-width: 100%; object-fit: contain; }}
</style>
"""


#: Clicks the Vorige/Volgende buttons on PageUp/PageDown (presentation clickers); installed once.
TOETSEN_JS = """
<script>
(function () {
  const doc = window.parent ? window.parent.document : document;
  const w = doc.defaultView || window;
  if (w.__vmToetsen) return;
  w.__vmToetsen = true;
  doc.addEventListener("keydown", function (e) {
    const knop = {PageDown: "__VOLGENDE__", PageUp: "__VORIGE__"}[e.key];
    if (!knop) return;
    const el = doc.querySelector(".st-key-" + knop + " button");
    if (el && !el.disabled) { e.preventDefault(); el.click(); }
  });
})();
</script>
""".replace("__VOLGENDE__", VOLGENDE).replace("__VORIGE__", VORIGE)
