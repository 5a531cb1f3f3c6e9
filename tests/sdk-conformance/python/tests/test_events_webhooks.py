"""`GET /events` (with the now-required `events=`) for the Pipes events the suite's own
actions cause, in both families, and a webhook endpoint subscribed to all nine Pipes
events whose deliveries the SDK verifies."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from workos import WorkOSClient

from flows import secure_authorize, secure_connect
from harness import ADA, ADA_GITHUB_COMPAT, ADA_GITHUB_STANDARD, GRACE, PIPES_EVENTS


def _events(workos: WorkOSClient, *names: str, **options: Any) -> list[Any]:
    return list(workos.events.list_events(events=list(names), limit=100, **options).auto_paging_iter())


def _raw(event: Any) -> dict[str, Any]:
    return event.to_dict()


def test_connected_in_both_families(workos: WorkOSClient) -> None:
    account = secure_connect(workos, "github", GRACE)
    for name in ("pipes.connected_account.connected", "pipes.account_connection.connected"):
        found = _events(workos, name)
        assert [e.event for e in found] == [name], name
        data = found[0].data
        assert data.id == account.id
        assert data.user_id == GRACE
        assert data.provider_slug == "github"
        assert data.data_integration_id == "data_integration_01JDEM0SBGITHUB00000000000"
        assert data.state == "connected"
        assert found[0].id.startswith("event_")


def test_adding_a_standard_connection_is_an_account_connection_event(workos: WorkOSClient) -> None:
    account = secure_connect(workos, "github", ADA, connection_intent="add", account_display_name="Ada (third)")
    found = _events(workos, "pipes.account_connection.connected")
    assert [e.data.id for e in found] == [account.id]
    assert found[0].data.connection_role == "standard"
    assert found[0].data.account_display_name == "Ada (third)"


def test_disconnected_in_both_families(workos: WorkOSClient) -> None:
    workos.pipes.delete_user_connected_account(ADA, "github")
    for name in ("pipes.connected_account.disconnected", "pipes.account_connection.disconnected"):
        found = _events(workos, name)
        assert [e.event for e in found] == [name]
        assert found[0].data.id == ADA_GITHUB_COMPAT
        assert found[0].data.user_id == ADA


def test_a_standard_connection_disconnect_is_an_account_connection_event(workos: WorkOSClient) -> None:
    workos.pipes.delete_user_connected_account(ADA, "github", connected_account_id=ADA_GITHUB_STANDARD)
    found = _events(workos, "pipes.account_connection.disconnected")
    assert [e.data.id for e in found] == [ADA_GITHUB_STANDARD]


def test_reauthorization_needed_in_both_families(workos: WorkOSClient) -> None:
    updated = workos.pipes.update_user_connected_account(ADA, "github", state="needs_reauthorization")
    assert updated.state == "needs_reauthorization"
    for name in ("pipes.connected_account.reauthorization_needed", "pipes.account_connection.reauthorization_needed"):
        found = _events(workos, name)
        assert [e.event for e in found] == [name]
        assert found[0].data.id == ADA_GITHUB_COMPAT
        assert found[0].data.state == "needs_reauthorization"
    token = workos.pipes.get_access_token("github", user_id=ADA)
    assert token.active is False
    assert token.error == "needs_reauthorization"


def test_connection_failed_in_both_families(workos: WorkOSClient) -> None:
    secure_authorize(workos, "github", GRACE, decision="deny")
    for name in ("pipes.connected_account.connection_failed", "pipes.account_connection.connection_failed"):
        found = _events(workos, name)
        assert [e.event for e in found] == [name]
        raw = _raw(found[0])["data"]
        assert raw["provider_slug"] == "github"
        assert raw["user_id"] == GRACE
        assert raw["provider_error"] == "access_denied"


def test_a_denied_add_is_add_failed_only(workos: WorkOSClient) -> None:
    # Ada already has GitHub; adding another account and denying it is an add that failed,
    # not a failure of her existing connections.
    secure_authorize(workos, "github", ADA, decision="deny", connection_intent="add")
    found = _events(workos, "pipes.account_connection.add_failed")
    assert [e.event for e in found] == ["pipes.account_connection.add_failed"]
    assert type(found[0].data).__name__ == "PipesAccountConnectionAddFailedData"
    assert found[0].data.user_id == ADA
    assert found[0].data.provider_error == "access_denied"
    assert found[0].data.error_code
    assert _events(workos, "pipes.connected_account.connection_failed") == []


def test_the_filter_oldest_first_and_the_range(workos: WorkOSClient) -> None:
    start = datetime.now(timezone.utc) - timedelta(seconds=5)
    account = secure_connect(workos, "slack", GRACE)
    workos.pipes.delete_user_connected_account(GRACE, "slack")
    found = _events(workos, "pipes.connected_account.connected", "pipes.connected_account.disconnected")
    assert [e.event for e in found] == ["pipes.connected_account.connected", "pipes.connected_account.disconnected"]
    assert all(e.data.id == account.id for e in found)
    assert found[0].created_at <= found[1].created_at

    assert _events(workos, "pipes.connected_account.reauthorization_needed") == []

    z = lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"  # noqa: E731
    in_range = _events(workos, "pipes.connected_account.connected", range_start=z(start))
    assert [e.data.id for e in in_range] == [account.id]
    later = _events(workos, "pipes.connected_account.connected", range_start=z(datetime.now(timezone.utc) + timedelta(hours=1)))
    assert later == []


def test_events_page_with_after(workos: WorkOSClient) -> None:
    for slug in ("slack", "github"):
        secure_connect(workos, slug, GRACE)
    first = workos.events.list_events(events=["pipes.account_connection.connected"], limit=1)
    assert len(first.data) == 1
    assert first.list_metadata.after
    rest = workos.events.list_events(events=["pipes.account_connection.connected"], limit=1, after=first.list_metadata.after)
    assert len(rest.data) == 1
    assert rest.data[0].id != first.data[0].id
    assert rest.data[0].data.provider_slug == "github"


# ---------------------------------------------------------------- webhooks


class HookServer:
    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                outer.received.append(({k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_webhook_endpoint_for_all_nine_pipes_events(workos: WorkOSClient) -> None:
    endpoint = workos.webhooks.create_webhook_endpoint(endpoint_url="https://hooks.acme.example/workos", events=PIPES_EVENTS)
    assert sorted(endpoint.events) == sorted(PIPES_EVENTS)
    assert endpoint.endpoint_url == "https://hooks.acme.example/workos"
    assert endpoint.status == "enabled"
    assert endpoint.secret

    listed = workos.webhooks.list_webhook_endpoints()
    assert endpoint.id in {e.id for e in listed.data}

    updated = workos.webhooks.update_webhook_endpoint(
        endpoint.id, events=["pipes.account_connection.add_failed"], status="disabled"
    )
    assert updated.events == ["pipes.account_connection.add_failed"]
    assert updated.status == "disabled"

    workos.webhooks.delete_webhook_endpoint(endpoint.id)
    assert endpoint.id not in {e.id for e in workos.webhooks.list_webhook_endpoints().data}


def test_webhook_delivery_is_verified_by_the_sdk(workos: WorkOSClient) -> None:
    hooks = HookServer()
    try:
        endpoint = workos.webhooks.create_webhook_endpoint(endpoint_url=hooks.url, events=PIPES_EVENTS)
        account = secure_connect(workos, "github", GRACE)
        deadline = time.time() + 10
        while time.time() < deadline and len(hooks.received) < 2:
            time.sleep(0.05)
        names = set()
        for headers, body in hooks.received:
            event = workos.webhooks.verify_event(
                event_body=body, event_signature=headers["workos-signature"], secret=endpoint.secret
            )
            names.add(event.event)
            assert event.data.id == account.id
        assert {"pipes.connected_account.connected", "pipes.account_connection.connected"} <= names, names
        headers, body = hooks.received[0]
        with pytest.raises(ValueError):
            workos.webhooks.verify_event(event_body=body, event_signature=headers["workos-signature"], secret="whsec_wrong")
    finally:
        hooks.close()
