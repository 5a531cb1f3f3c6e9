"""Connect {{PROVIDER}} through WorkOS Pipes with today's secure flow (workos 10.x).

Made by Pipes Setup. Three calls: start_connection → your return URL route → finish_connection,
then access_token_for whenever you call the provider's API. WORKOS_BASE_URL is only for a local
WorkOS such as `cargo run -p fake-workos -- --seed demo`.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets

from workos import WorkOSClient

workos = WorkOSClient(api_key=os.environ["WORKOS_API_KEY"], client_id=os.environ.get("WORKOS_CLIENT_ID"))

PROVIDER = "{{PROVIDER}}"
# Must be registered in the WorkOS Dashboard → Redirects exactly (no query, no fragment).
RETURN_URL = "{{RETURN_URL}}"


def start_connection(user_id: str, session: dict) -> str:
    """Step 1: where to send the user's browser. `session` stays on your server, never in a URL."""
    code_verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    code_challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    answer = workos.pipes.authorize_data_integration(
        PROVIDER,
        user_id=user_id,
        return_to=RETURN_URL,
        code_challenge=code_challenge,
        code_challenge_method="S256",
    )
    session["pipes"] = {"code_verifier": code_verifier, "state": answer.state, "user_id": user_id}
    return answer.url


def finish_connection(query: dict, session: dict):
    """Step 2: your RETURN_URL route. WorkOS sends `connect_code` + `state`, or `error` + `state`."""
    started = session.pop("pipes", None)
    if not started or query.get("state") != started["state"]:
        raise ValueError("This answer does not belong to a connection you started.")
    if query.get("error"):
        raise ValueError(f"The connection failed: {query['error']}")
    # Once, within 90 s of the redirect: a connect code cannot be retried.
    done = workos.pipes.finish_connection(
        connect_code=query["connect_code"],
        code_verifier=started["code_verifier"],
        state=query["state"],
    )
    return done.connected_account


def access_token_for(user_id: str, connected_account_id: str | None = None) -> str:
    """Step 3: a fresh access token for the provider's API. Never store it; ask again."""
    token = workos.pipes.get_access_token(PROVIDER, user_id=user_id, connected_account_id=connected_account_id)
    if not token.active:
        raise ValueError(f"Not connected: {token.error}")
    return token.access_token.access_token
