"""The secure (PKCE) connection flow, driven through the SDK plus a browser-like walk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workos import WorkOSClient

from harness import ConsentResult, ReturnServer, consent, pkce_pair


@dataclass
class SecureStart:
    answer: Any  # DataIntegrationAuthorizeUrlResponse
    verifier: str
    returned: dict[str, str]
    walk: ConsentResult
    return_url: str


def secure_authorize(
    workos: WorkOSClient,
    slug: str,
    user_id: str,
    *,
    decision: str = "allow",
    path: str = "/callback",
    **options: Any,
) -> SecureStart:
    """authorize with a code challenge and a 127.0.0.1 return URL, consent, read what
    return_to received (connect_code + state, or error + state)."""
    verifier, challenge = pkce_pair()
    with ReturnServer(path) as ret:
        answer = workos.pipes.authorize_data_integration(
            slug,
            user_id=user_id,
            return_to=ret.url,
            code_challenge=challenge,
            code_challenge_method="S256",
            **options,
        )
        walk = consent(answer.url, decision)
        returned = ret.wait()
        return SecureStart(answer, verifier, returned, walk, ret.url)


def secure_connect(workos: WorkOSClient, slug: str, user_id: str, **options: Any) -> Any:
    """The whole flow up to finish; returns the finished connected account."""
    start = secure_authorize(workos, slug, user_id, **options)
    assert "connect_code" in start.returned, start.returned
    done = workos.pipes.finish_connection(
        connect_code=start.returned["connect_code"],
        code_verifier=start.verifier,
        state=start.returned["state"],
    )
    return done.connected_account
