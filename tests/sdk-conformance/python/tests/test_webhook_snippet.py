"""The webhook route Pipes Setup gives users (`pipes-doctor webhook-snippet python`), generated,
written to a file and served as is: real signed deliveries from fake-workos are verified with the
official SDK on the raw body; a wrong secret and a forged signature get 400."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

from workos import WorkOSClient

from harness import DEMO_KEY, PIPES_EVENTS

DOCTOR = os.environ.get("PIPES_DOCTOR_BIN") or str(Path(__file__).resolve().parents[3] / "target/debug/pipes-doctor")


def load_route(fake, tmp_path: Path) -> ModuleType:
    code = subprocess.run([DOCTOR, "webhook-snippet", "python", "/webhooks/workos"], check=True, capture_output=True, text=True).stdout
    file = tmp_path / "pipes_webhook.py"
    file.write_text(code)
    os.environ["WORKOS_API_KEY"] = DEMO_KEY
    os.environ["WORKOS_BASE_URL"] = fake.base_url
    spec = importlib.util.spec_from_file_location(f"pipes_webhook_{tmp_path.name}", file)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class App:
    """The user's app: the generated route behind a real HTTP server."""

    def __init__(self, route: ModuleType) -> None:
        self.handled: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                status, text = route.handle_webhook(raw, dict(self.headers.items()), lambda e: outer.handled.append(e.event))
                body = text.encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}{route.WEBHOOK_PATH}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def send_test(fake, endpoint_id: str, event: str) -> dict:
    request = urllib.request.Request(
        f"{fake.base_url}/__admin/webhook-test",
        data=json.dumps({"endpoint_id": endpoint_id, "event": event}).encode(),
        headers={"content-type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def test_the_generated_route_verifies_real_deliveries(fake, workos: WorkOSClient, tmp_path: Path) -> None:
    route = load_route(fake, tmp_path)
    app = App(route)
    try:
        endpoint = workos.webhooks.create_webhook_endpoint(endpoint_url=app.url, events=PIPES_EVENTS)
        os.environ["WORKOS_WEBHOOK_SECRET"] = endpoint.secret
        for event in ("pipes.connected_account.connected", "pipes.account_connection.disconnected"):
            assert send_test(fake, endpoint.id, event)["status"] == 200
        deadline = time.time() + 5
        while time.time() < deadline and len(app.handled) < 2:
            time.sleep(0.05)
        assert app.handled == ["pipes.connected_account.connected", "pipes.account_connection.disconnected"]
    finally:
        app.close()


def test_the_generated_route_refuses_a_wrong_secret_and_a_forged_signature(fake, workos: WorkOSClient, tmp_path: Path) -> None:
    route = load_route(fake, tmp_path)
    app = App(route)
    try:
        endpoint = workos.webhooks.create_webhook_endpoint(endpoint_url=app.url, events=PIPES_EVENTS)
        os.environ["WORKOS_WEBHOOK_SECRET"] = "whsec_not_this_endpoints_secret"
        assert send_test(fake, endpoint.id, "pipes.account_connection.connected")["status"] == 400
        os.environ["WORKOS_WEBHOOK_SECRET"] = endpoint.secret
        body = json.dumps({"id": "event_x", "event": "pipes.account_connection.connected", "data": {}}).encode()
        status, text = route.handle_webhook(body, {"WorkOS-Signature": f"t={int(time.time() * 1000)}, v1={'0' * 64}"})
        assert status == 400, text
        assert app.handled == []
    finally:
        app.close()
