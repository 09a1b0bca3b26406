"""OIDC identities (Streamlit's ``st.user``) mapped to a role from the access file; deny by default."""

from __future__ import annotations

from collections.abc import Mapping

from .config import ToegangConfig
from .rechten import Gebruiker, Rol


def email_geverifieerd(claims: Mapping[str, object]) -> bool:
    """True when the token says the e-mail address is verified (``email_verified``: true, or the
    text "true" that some providers send); a missing claim is not verified."""
    waarde = claims.get("email_verified")
    return waarde is True or (isinstance(waarde, str) and waarde.strip().lower() == "true")


def gebruiker_uit_oidc(claims: Mapping[str, object], config: ToegangConfig | None) -> Gebruiker | None:
    """The user for an OIDC identity (``st.user``): the highest role among the mappings on
    e-mail address, group (claim ``groepen_claim``) and e-mail domain; None when none
    matches (deny by default) or the identity has no e-mail address.

    The e-mail address and domain give a role only when the token says the address is verified
    (:func:`email_geverifieerd`), unless the access file sets ``[oidc] email_verified_vereist =
    false``: otherwise anyone who can put any address in their profile at the provider would get
    its role. Group roles come from the provider and do not depend on it."""
    email = str(claims.get("email") or "").strip().lower()
    if not email or config is None:
        return None
    kandidaten: list[Rol] = []
    op_email = email_geverifieerd(claims) or not config.email_verified_vereist
    if op_email and email in config.oidc_gebruikers:
        kandidaten.append(config.oidc_gebruikers[email])
    groepen = claims.get(config.groepen_claim) or []
    if isinstance(groepen, str):
        groepen = [groepen]
    kandidaten += [config.oidc_groepen[str(g)] for g in groepen if str(g) in config.oidc_groepen]  # type: ignore[union-attr]
    domein = email.rpartition("@")[2]
    if op_email and domein in config.oidc_domeinen:
        kandidaten.append(config.oidc_domeinen[domein])
    if not kandidaten:
        return None
    naam = str(claims.get("name") or email)
    return Gebruiker(email, naam, max(kandidaten), "oidc")
