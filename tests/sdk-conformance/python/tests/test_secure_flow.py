"""Session-bound (PKCE) authorization end to end: authorize with a code challenge → the
consent page walked over HTTP → connect_code + state at a 127.0.0.1 return URL → finish."""

from __future__ import annotations

import pytest
from workos import WorkOSClient
from workos._errors import BadRequestError, NotFoundError

from flows import secure_authorize, secure_connect
from harness import GRACE, ReturnServer, consent, pkce_pair


def test_authorize_consent_finish_creates_the_account(workos: WorkOSClient) -> None:
    start = secure_authorize(workos, "github", GRACE)
    assert start.answer.completion == "finish_required"
    assert start.answer.state
    assert start.returned["state"] == start.answer.state
    assert start.returned["__path"] == "/callback"
    assert start.returned.get("connect_code"), start.returned
    assert "error" not in start.returned
    assert start.walk.page_status == 200
    assert "grace@acme.example" in start.walk.page_html

    # Nothing is saved until finish.
    with pytest.raises(NotFoundError):
        workos.pipes.get_user_connected_account(GRACE, "github")

    done = workos.pipes.finish_connection(
        connect_code=start.returned["connect_code"],
        code_verifier=start.verifier,
        state=start.returned["state"],
    )
    account = done.connected_account
    assert account.user_id == GRACE
    assert account.state == "connected"
    assert account.connection_role == "compatibility"
    assert set(account.scopes) == {"repo", "read:user"}

    again = workos.pipes.get_user_connected_account(GRACE, "github")
    assert again.id == account.id
    token = workos.pipes.get_access_token("github", user_id=GRACE)
    assert token.active is True
    assert token.access_token is not None and token.access_token.access_token.startswith("gho_")


def test_finish_without_state_still_works(workos: WorkOSClient) -> None:
    start = secure_authorize(workos, "slack", GRACE)
    done = workos.pipes.finish_connection(
        connect_code=start.returned["connect_code"], code_verifier=start.verifier
    )
    assert done.connected_account.user_id == GRACE
    assert workos.pipes.get_user_connected_account(GRACE, "slack").id == done.connected_account.id


def test_a_connect_code_works_once(workos: WorkOSClient) -> None:
    start = secure_authorize(workos, "github", GRACE)
    code = start.returned["connect_code"]
    first = workos.pipes.finish_connection(connect_code=code, code_verifier=start.verifier)
    assert first.connected_account.user_id == GRACE
    with pytest.raises(BadRequestError) as caught:
        workos.pipes.finish_connection(connect_code=code, code_verifier=start.verifier)
    assert caught.value.status_code == 400
    assert caught.value.code == "invalid_connect_code"
    assert (caught.value.request_id or "").startswith("req_")


def test_a_wrong_verifier_uses_the_code_up(workos: WorkOSClient) -> None:
    start = secure_authorize(workos, "github", GRACE)
    code = start.returned["connect_code"]
    wrong, _ = pkce_pair()
    with pytest.raises(BadRequestError) as caught:
        workos.pipes.finish_connection(connect_code=code, code_verifier=wrong)
    assert caught.value.code == "invalid_connect_code"
    with pytest.raises(BadRequestError) as late:
        workos.pipes.finish_connection(connect_code=code, code_verifier=start.verifier)
    assert late.value.code == "invalid_connect_code"
    with pytest.raises(NotFoundError):
        workos.pipes.get_user_connected_account(GRACE, "github")


def test_an_unknown_connect_code_is_refused(workos: WorkOSClient) -> None:
    verifier, _ = pkce_pair()
    with pytest.raises(BadRequestError) as caught:
        workos.pipes.finish_connection(connect_code="cc_does_not_exist_0000000000", code_verifier=verifier)
    assert caught.value.code == "invalid_connect_code"


def test_a_code_expires_after_90_seconds(workos: WorkOSClient, fake) -> None:
    start = secure_authorize(workos, "github", GRACE)
    fake.admin.clock(91)
    with pytest.raises(BadRequestError) as caught:
        workos.pipes.finish_connection(
            connect_code=start.returned["connect_code"], code_verifier=start.verifier
        )
    assert caught.value.code == "authorization_state_expired"
    with pytest.raises(NotFoundError):
        workos.pipes.get_user_connected_account(GRACE, "github")


def test_a_code_is_still_good_at_89_seconds(workos: WorkOSClient, fake) -> None:
    start = secure_authorize(workos, "github", GRACE)
    fake.admin.clock(89)
    done = workos.pipes.finish_connection(
        connect_code=start.returned["connect_code"], code_verifier=start.verifier
    )
    assert done.connected_account.user_id == GRACE


def test_a_malformed_verifier_is_a_bad_request(workos: WorkOSClient) -> None:
    # finish documents 400/401/403/429/5xx only (pipes/_resource.py finish_connection).
    start = secure_authorize(workos, "github", GRACE)
    with pytest.raises(BadRequestError):
        workos.pipes.finish_connection(connect_code=start.returned["connect_code"], code_verifier="short")


def test_denial_reaches_return_to_as_error_and_state(workos: WorkOSClient) -> None:
    start = secure_authorize(workos, "github", GRACE, decision="deny")
    assert start.returned.get("error") == "access_denied"
    assert start.returned["state"] == start.answer.state
    assert "connect_code" not in start.returned
    with pytest.raises(NotFoundError):
        workos.pipes.get_user_connected_account(GRACE, "github")


@pytest.mark.parametrize(
    "return_to",
    [
        "https://evil.example/callback",  # not registered
        "http://127.0.0.1:8123/other",  # loopback, but another path
        "http://127.0.0.1:8123/callback?next=/home",  # a query never matches
        "http://127.0.0.1:8123/callback#frag",  # nor a fragment
    ],
)
def test_return_to_must_exactly_match_a_registered_uri(workos: WorkOSClient, return_to: str) -> None:
    _, challenge = pkce_pair()
    with pytest.raises(BadRequestError) as caught:
        workos.pipes.authorize_data_integration(
            "github", user_id=GRACE, return_to=return_to, code_challenge=challenge, code_challenge_method="S256"
        )
    assert caught.value.status_code == 400
    assert caught.value.code == "return_to_requires_exact_match", caught.value


def test_loopback_matches_on_any_port(workos: WorkOSClient) -> None:
    _, challenge = pkce_pair()
    for port in (1024, 49152, 65000):
        answer = workos.pipes.authorize_data_integration(
            "github", user_id=GRACE, return_to=f"http://127.0.0.1:{port}/callback", code_challenge=challenge
        )
        assert answer.completion == "finish_required"


def test_a_code_challenge_needs_a_return_to(workos: WorkOSClient) -> None:
    _, challenge = pkce_pair()
    with pytest.raises(BadRequestError) as caught:
        workos.pipes.authorize_data_integration("github", user_id=GRACE, code_challenge=challenge)
    assert caught.value.code == "invalid_return_to"


def test_a_malformed_return_to_is_invalid(workos: WorkOSClient) -> None:
    _, challenge = pkce_pair()
    with pytest.raises(BadRequestError) as caught:
        workos.pipes.authorize_data_integration("github", user_id=GRACE, return_to="not a url", code_challenge=challenge)
    assert caught.value.code == "invalid_return_to"


def test_registering_a_redirect_uri_lets_authorize_use_it(workos: WorkOSClient) -> None:
    _, challenge = pkce_pair()
    with ReturnServer("/pipes-return") as ret:
        with pytest.raises(BadRequestError) as before:
            workos.pipes.authorize_data_integration("github", user_id=GRACE, return_to=ret.url, code_challenge=challenge)
        assert before.value.code == "return_to_requires_exact_match"

    registered = workos.user_management.create_redirect_uri(uri="http://127.0.0.1/pipes-return")
    assert registered.uri == "http://127.0.0.1/pipes-return"
    assert registered.id

    account = secure_connect(workos, "github", GRACE, path="/pipes-return")
    assert account.user_id == GRACE


def test_a_registered_wildcard_is_not_honored(workos: WorkOSClient) -> None:
    workos.user_management.create_redirect_uri(uri="https://*.example.com/callback")
    _, challenge = pkce_pair()
    with pytest.raises(BadRequestError) as caught:
        workos.pipes.authorize_data_integration(
            "github", user_id=GRACE, return_to="https://app.example.com/callback", code_challenge=challenge
        )
    assert caught.value.code == "return_to_requires_exact_match"


def test_without_a_code_challenge_the_provider_callback_saves_the_account(workos: WorkOSClient) -> None:
    with ReturnServer() as ret:
        answer = workos.pipes.authorize_data_integration("slack", user_id=GRACE, return_to=ret.url)
        assert answer.completion is None
        assert answer.state
        consent(answer.url)
        got = ret.wait()
    assert "connect_code" not in got
    account = workos.pipes.get_user_connected_account(GRACE, "slack")
    assert account.state == "connected"
    assert account.user_id == GRACE
