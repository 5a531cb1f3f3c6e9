"""Shared helpers for the Python SDK conformance suite: demo-seed constants, PKCE pairs,
a local 127.0.0.1 return-URL server, a browser-like consent walk and the fake's admin API.

Only the standard library is used here (urllib), so the SDK's own HTTP stack is exercised
only by the SDK calls themselves.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import secrets
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

DEMO_KEY = "sk_test_demo_0000000000000000000000000000fake"
FORBIDDEN_KEY = "sk_test_demo_readonly_0000000000000000000403"
LIVE_KEY = "sk_live_demo_0000000000000000000000000000fake"
WRONG_KEY = "sk_test_not_a_key_the_fake_knows_00000000"

ADA = "user_01JDEM0ADA0000000000000000"
GRACE = "user_01JDEM0GRACE00000000000000"
ACME = "org_01JDEM0ACME000000000000000"
PROD_ADA = "user_01JDEM0PR0DADA000000000000"
PROD_ACME = "org_01JDEM0PR0DACME00000000000"

ADA_GITHUB_COMPAT = "data_installation_01JDEM0ADAGITHUB0000000000"
ADA_GITHUB_STANDARD = "data_installation_01JDEM0ADAGITHUB2000000000"
GRACE_NOTION = "data_installation_01JDEM0GRACEN0TI0N00000000"

PIPES_EVENTS = [
    "pipes.connected_account.connected",
    "pipes.connected_account.disconnected",
    "pipes.connected_account.reauthorization_needed",
    "pipes.connected_account.connection_failed",
    "pipes.account_connection.connected",
    "pipes.account_connection.disconnected",
    "pipes.account_connection.reauthorization_needed",
    "pipes.account_connection.connection_failed",
    "pipes.account_connection.add_failed",
]

# No proxy for anything: the fake and the return server are on 127.0.0.1.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge), as RFC 7636 describes."""
    verifier = secrets.token_urlsafe(48)  # 64 characters of A-Z a-z 0-9 - _
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    return verifier, challenge


class ReturnServer:
    """A local return URL on 127.0.0.1 and a random port; records every query it receives."""

    def __init__(self, path: str = "/callback") -> None:
        self.path = path
        self.hits: list[dict[str, str]] = []
        self._got = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server API)
                parsed = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
                query["__path"] = parsed.path
                outer.hits.append(query)
                outer._got.set()
                body = b"done"
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}{path}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def wait(self, timeout: float = 10.0) -> dict[str, str]:
        assert self._got.wait(timeout), f"nothing arrived at {self.url}"
        return self.hits[-1]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "ReturnServer":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


@dataclass
class ConsentResult:
    page_status: int
    page_html: str
    final_url: str
    final_status: int
    final_body: str


def consent(url: str, decision: str = "allow") -> ConsentResult:
    """Walks the consent page like a browser: GET the authorize URL, submit its form with the
    hidden `state` and `decision`, follow the 303s to wherever they end (return_to)."""
    try:
        with _opener.open(url, timeout=10) as page:
            page_status = page.status
            page_html = page.read().decode("utf-8")
            page_url = page.geturl()
    except urllib.error.HTTPError as e:
        raise AssertionError(f"consent page {url} answered {e.code}: {e.read().decode('utf-8', 'replace')[:2000]}") from None
    action = re.search(r'<form[^>]*action="([^"]+)"', page_html)
    state = re.search(r'name="state" value="([^"]+)"', page_html)
    assert action and state, f"no consent form on {page_url}:\n{page_html[:2000]}"
    form = urllib.parse.urlencode({"state": html.unescape(state.group(1)), "decision": decision})
    target = urllib.parse.urljoin(page_url, html.unescape(action.group(1)))
    request = urllib.request.Request(
        target,
        data=form.encode("ascii"),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with _opener.open(request, timeout=10) as done:
            return ConsentResult(page_status, page_html, done.geturl(), done.status, done.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as e:
        return ConsentResult(page_status, page_html, e.geturl(), e.code, e.read().decode("utf-8", "replace"))


def http_json(method: str, url: str, body: Any = None, headers: dict[str, str] | None = None) -> tuple[int, Any, dict[str, str]]:
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with _opener.open(request, timeout=10) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None), dict(r.headers)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode("utf-8", "replace")
        return e.code, parsed, dict(e.headers)


class Admin:
    """The fake's `/__admin` test controls (no key, loopback only)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")

    def call(self, method: str, route: str, body: Any = None) -> Any:
        status, parsed, _ = http_json(method, f"{self.base_url}/__admin{route}", body)
        assert 200 <= status < 300, f"admin {method} {route}: {status} {parsed}"
        return parsed

    def reset(self) -> None:
        self.call("POST", "/reset")

    def clock(self, seconds: int) -> None:
        self.call("POST", "/clock", {"advance_seconds": seconds})

    def fault(self, **fault: Any) -> Any:
        """Only for 429 and 5xx: every other error class must come from real API behaviour."""
        assert fault.get("status") in (None, 429) or fault["status"] >= 500, fault
        return self.call("POST", "/faults", fault)

    def features(self, **body: Any) -> Any:
        return self.call("POST", "/features", body)

    def state(self) -> Any:
        return self.call("GET", "/state")

    def deliveries(self) -> Any:
        return self.call("GET", "/deliveries")
