"""Verify WorkOS Pipes webhooks in your app (workos 10.x). Made by Pipes Setup.

Call handle_webhook from your POST {{PATH}} route with the RAW body bytes and the headers,
register that URL for the nine Pipes events, and keep the endpoint's secret in
WORKOS_WEBHOOK_SECRET. A body that was parsed and serialized again (request.json()) no longer
matches its signature: pass request.get_data() in Flask, request.body in Django.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Mapping

from workos import WorkOSClient

workos = WorkOSClient(api_key=os.environ["WORKOS_API_KEY"], client_id=os.environ.get("WORKOS_CLIENT_ID"))

WEBHOOK_PATH = "{{PATH}}"
MAX_BODY_BYTES = 1024 * 1024


def verified_event(raw_body: bytes, signature_header: str | None) -> Any:
    """The verified event; raises ValueError saying why the delivery cannot be trusted."""
    if not signature_header:
        raise ValueError("No WorkOS-Signature header.")
    return workos.webhooks.verify_event(
        event_body=raw_body,
        event_signature=signature_header,
        secret=os.environ["WORKOS_WEBHOOK_SECRET"],
    )


def handle_webhook(
    raw_body: bytes, headers: Mapping[str, str], on_event: Callable[[Any], None] | None = None
) -> tuple[int, str]:
    """Your route: (200, "ok") once handled, (400, why) when not verified."""
    if len(raw_body) > MAX_BODY_BYTES:
        return 413, "Too large."
    signature = next((v for k, v in headers.items() if k.lower() == "workos-signature"), None)
    try:
        event = verified_event(raw_body, signature)
    except ValueError as error:
        return 400, f"Not verified: {error}"
    (on_event or handle_event)(event)
    return 200, "ok"


def handle_event(event: Any) -> None:
    """Keep your copy of each connection in step with WorkOS. `event.data.id` is the connection."""
    if event.event.endswith(".connected"):
        pass  # A connection is ready: store event.data.id for its user (several per provider).
    elif event.event.endswith(".reauthorization_needed"):
        pass  # Ask the user to reconnect; tokens fail until they do.
    elif event.event.endswith(".disconnected"):
        pass  # Forget the connection.
    elif event.event.endswith((".connection_failed", ".add_failed")):
        pass  # Tell the user the connection did not go through.
