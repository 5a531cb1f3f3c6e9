"""The SDK's error classes for every status the Pipes calls can answer, with `code` and
`request_id`. 400/401/403/404/409/422 come from genuine API behaviour; only 429 and 5xx
are injected (`POST /__admin/faults`)."""

from __future__ import annotations

import time

import pytest
from workos import WorkOSClient
from workos._errors import (
    APIError,
    AuthenticationError,
    AuthorizationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    RateLimitExceededError,
    ServerError,
    UnprocessableEntityError,
)

from harness import ADA, ADA_GITHUB_STANDARD, FORBIDDEN_KEY, GRACE, WRONG_KEY, pkce_pair


def _rid(error: APIError) -> str:
    rid = error.request_id or ""
    assert rid.startswith("req_"), rid
    assert rid in str(error)
    return rid


def test_400_bad_request(workos: WorkOSClient) -> None:
    _, challenge = pkce_pair()
    with pytest.raises(BadRequestError) as caught:
        workos.pipes.authorize_data_integration(
            "github", user_id=GRACE, return_to="https://evil.example/cb", code_challenge=challenge
        )
    assert caught.value.status_code == 400
    assert caught.value.code == "return_to_requires_exact_match"
    assert caught.value.request_method == "POST"
    assert (caught.value.request_url or "").endswith("/data-integrations/github/authorize")
    _rid(caught.value)


def test_401_wrong_key(client_for) -> None:
    with pytest.raises(AuthenticationError) as caught:
        client_for(WRONG_KEY, max_retries=0).pipes.get_access_token("github", user_id=ADA)
    assert caught.value.status_code == 401
    _rid(caught.value)


def test_403_readonly_key(client_for) -> None:
    with pytest.raises(AuthorizationError) as caught:
        client_for(FORBIDDEN_KEY, max_retries=0).pipes.get_access_token("github", user_id=ADA)
    assert caught.value.status_code == 403
    _rid(caught.value)


def test_404_unknown_user_and_unknown_slug(workos: WorkOSClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        workos.pipes.list_user_data_providers("user_01JDEM0N0B0DY0000000000000")
    assert caught.value.status_code == 404
    _rid(caught.value)
    with pytest.raises(NotFoundError):
        workos.pipes.get_access_token("no-such-provider", user_id=ADA)


def test_409_account_selection_required(workos: WorkOSClient) -> None:
    with pytest.raises(ConflictError) as caught:
        workos.pipes.get_access_token("github", user_id=ADA, supports_multiple_connections=True)
    assert caught.value.status_code == 409
    assert caught.value.code == "account_selection_required"
    _rid(caught.value)
    ok = workos.pipes.get_access_token("github", user_id=ADA, connected_account_id=ADA_GITHUB_STANDARD)
    assert ok.active is True


def test_422_unprocessable(workos: WorkOSClient) -> None:
    with pytest.raises(UnprocessableEntityError) as caught:
        workos.pipes.list_data_integrations(limit=0)
    assert caught.value.status_code == 422
    _rid(caught.value)


def test_429_rate_limited_raises_with_retry_after(client_for, fake) -> None:
    fake.admin.fault(path="/data-integrations/github", status=429, retry_after=7)
    with pytest.raises(RateLimitExceededError) as caught:
        client_for(max_retries=0).pipes.get_data_integration("github")
    assert caught.value.status_code == 429
    assert caught.value.retry_after == 7.0
    _rid(caught.value)


def test_429_once_is_retried_by_the_default_client(workos: WorkOSClient, fake) -> None:
    fake.admin.fault(method="POST", path="/data-integrations/*/token", status=429, retry_after=1, times=1)
    started = time.monotonic()
    token = workos.pipes.get_access_token("github", user_id=ADA)
    assert token.active is True
    assert time.monotonic() - started >= 0.9, "the SDK waited for Retry-After"


def test_5xx_raises_server_error(client_for, fake) -> None:
    fake.admin.fault(path="/user_management/users/*/data_providers", status=503)
    with pytest.raises(ServerError) as caught:
        client_for(max_retries=0).pipes.list_user_data_providers(ADA)
    assert caught.value.status_code == 503
    _rid(caught.value)


def test_a_500_once_is_retried(client_for, fake) -> None:
    fake.admin.fault(path="/data-integrations/github", status=500, times=1)
    github = client_for(max_retries=1).pipes.get_data_integration("github")
    assert github.slug == "github"
