"""Gebruikers: who has which role, and what each role may do (beheerder only)."""

import pandas as pd
import streamlit as st

from bedrijventerreinen import toegang
from bedrijventerreinen.toegang import Recht
from bedrijventerreinen.ui import page_context, page_header
from bedrijventerreinen.ui import toegang as login

ctx = page_context()
page_header("Gebruikers en rollen", ctx)
if not ctx.mag(Recht.GEBRUIKERS_BEKIJKEN):
    st.error(toegang.geen_recht_tekst(ctx.gebruiker, Recht.GEBRUIKERS_BEKIJKEN))
    st.stop()

modus = login.modus()
st.markdown(
    {
        "lokaal": "**Lokale modus**: er is geen toegangsbestand en geen OIDC-login ingesteld, dus iedereen die de "
        "monitor opent kan alles wijzigen. Geschikt om te proberen, niet voor een server.",
        "accounts": "**Lokale accounts**: gebruikers melden zich aan met loginnaam en wachtwoord uit het "
        "toegangsbestand.",
        "oidc": "**Aanmelden via de organisatie (OIDC)**: rollen volgen uit e-mailadres, groep of domein in het "
        "toegangsbestand; wie niet voorkomt, krijgt geen toegang.",
    }[modus]
)
st.caption(f"Toegangsbestand: {toegang.resolve_pad()}")
rijen = toegang.list_gebruikers(login.load_config())
if rijen:
    tabel = pd.DataFrame(rijen).rename(
        columns={"soort": "Soort", "wie": "Login of sleutel", "naam": "Naam", "rol": "Rol"}
    )
    st.dataframe(tabel, hide_index=True, width="stretch")
else:
    st.info("Er zijn geen accounts of OIDC-rollen ingesteld.")
st.markdown(
    "Accounts toevoegen of wijzigen gebeurt op de server, niet in de browser: "
    '`python -m bedrijventerreinen.toegang toevoegen <login> --rol werkgroep --naam "…"`. '
    "Zie docs/deployment.md."
)
st.subheader("Wat mag elke rol?")
st.dataframe(pd.DataFrame(toegang.rechten_tabel()), hide_index=True, width="stretch")
