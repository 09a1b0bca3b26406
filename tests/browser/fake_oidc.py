"""A minimal OpenID Connect provider for the browser tests — test-only, never for real use.

It serves discovery, an authorization endpoint that logs in at once (no login page) as the
identity the test chose beforehand (:attr:`FakeOIDC.volgende_gebruiker`), a token endpoint that
returns an RS256-signed ID token, the JWKS and an end-session endpoint. It checks what a real
provider checks: client id and secret, redirect URI, one-time codes and PKCE (S256), and it puts
the ``nonce`` of the authorization request in the ID token. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey


class FakeOIDC:
    """The provider; use as a context manager (``with FakeOIDC(...) as p``) or call :meth:`stop`."""

    def __init__(self, client_id: str, client_secret: str, poorten: Iterable[int] = ()):
        self.client_id = client_id
        self.client_secret = client_secret
        #: The claims of whoever logs in next (set it per test); they may override sub, iss, aud, iat
        #: and exp (to test that a wrong token is refused), not the nonce.
        self.volgende_gebruiker: dict[str, object] = {}
        #: The parameters of the last authorization request (nonce, code_challenge, scope, ...).
        self.laatste_autorisatie: dict[str, str] = {}
        #: Every request path the provider served, in order (the tests check the chain with it).
        self.verzoeken: list[str] = []
        self._codes: dict[str, dict] = {}  # code -> authorization request data, used once
        self._lock = threading.Lock()
        self._sleutel = RSAKey.generate_key(2048, parameters={"kid": "test-" + secrets.token_hex(4), "use": "sig"})
        self._server = _bind(poorten)
        self._server.provider = self  # type: ignore[attr-defined]
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.metadata_url = f"{self.issuer}/.well-known/openid-configuration"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def __enter__(self) -> FakeOIDC:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def metadata(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }

    def autoriseer(self, q: dict[str, str]) -> tuple[int, dict]:
        """``/authorize``: check the request, hand out a code, redirect back at once."""
        if q.get("client_id") != self.client_id or q.get("response_type") != "code" or "state" not in q:
            return 400, {"error": "invalid_request"}
        code = secrets.token_urlsafe(24)
        with self._lock:
            self.laatste_autorisatie = q
            self._codes[code] = {**q, "claims": dict(self.volgende_gebruiker)}
        return 302, {"Location": f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}"}

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict]:
        """``/token``: exchange a code (once) for an access token and a signed ID token."""
        if authorization.startswith("Basic "):
            form = {**form, **dict(zip(("client_id", "client_secret"), _basic(authorization), strict=True))}
        if (form.get("client_id"), form.get("client_secret")) != (self.client_id, self.client_secret):
            return 401, {"error": "invalid_client"}
        with self._lock:
            verzoek = self._codes.pop(form.get("code", ""), None)
        if verzoek is None or form.get("redirect_uri") != verzoek["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        if "code_challenge" in verzoek:
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != verzoek["code_challenge"]:
                return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        nu = int(time.time())
        claims = {"sub": str(verzoek["claims"].get("email", "onbekend")), "iss": self.issuer, "aud": self.client_id}
        claims |= {"iat": nu, "exp": nu + 300, **verzoek["claims"]}
        if "nonce" in verzoek:
            claims["nonce"] = verzoek["nonce"]
        id_token = jwt.encode({"alg": "RS256", "kid": self._sleutel.kid}, claims, self._sleutel)
        return 200, {
            "access_token": secrets.token_urlsafe(24),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }

    def jwks(self) -> dict:
        return {"keys": [self._sleutel.as_dict(private=False)]}


def _basic(authorization: str) -> tuple[str, str]:
    client_id, _, geheim = base64.b64decode(authorization[6:]).decode().partition(":")
    return unquote(client_id), unquote(geheim)


def _bind(poorten: Iterable[int]) -> ThreadingHTTPServer:
    """The HTTP server on the first free port of ``poorten``, else on any free port."""
    for poort in [*poorten, 0]:
        with contextlib.suppress(OSError):
            return ThreadingHTTPServer(("127.0.0.1", poort), _Handler)
    raise OSError("geen vrije poort")  # pragma: no cover - port 0 always binds


class _Handler(BaseHTTPRequestHandler):
    def _antwoord(self, status: int, body: dict) -> None:
        if status == 302:
            self.send_response(302)
            self.send_header("Location", body["Location"])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        p: FakeOIDC = self.server.provider  # type: ignore[attr-defined]
        url = urlsplit(self.path)
        p.verzoeken.append(url.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            self._antwoord(200, p.metadata())
        elif url.path == "/jwks":
            self._antwoord(200, p.jwks())
        elif url.path == "/authorize":
            self._antwoord(*p.autoriseer(q))
        elif url.path == "/logout" and "post_logout_redirect_uri" in q:  # RP-initiated logout: straight back
            self._antwoord(302, {"Location": q["post_logout_redirect_uri"]})
        else:
            self._antwoord(404, {"error": "not_found"})

    def do_POST(self) -> None:
        p: FakeOIDC = self.server.provider  # type: ignore[attr-defined]
        p.verzoeken.append(self.path)
        lengte = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(lengte).decode()).items()}
        if self.path == "/token":
            self._antwoord(*p.token(form, self.headers.get("Authorization", "")))
        else:
            self._antwoord(404, {"error": "not_found"})

    def log_message(self, format: str, *args) -> None:  # quiet; see FakeOIDC.verzoeken
        pass
