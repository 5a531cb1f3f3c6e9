"""How a user points the SDK at WorkOS, and how the keys behave."""

from __future__ import annotations

import pytest
import workos as workos_pkg
from workos import WorkOSClient
from workos._errors import AuthenticationError, AuthorizationError, NotFoundError

from harness import ADA, ADA_GITHUB_COMPAT, DEMO_KEY, FORBIDDEN_KEY, LIVE_KEY, PROD_ADA, WRONG_KEY


def test_sdk_version_is_the_pinned_one() -> None:
    from importlib.metadata import version

    assert version("workos") == "10.8.0"
    assert hasattr(workos_pkg, "WorkOSClient")


def test_base_url_option_reaches_the_fake(workos: WorkOSClient, fake) -> None:
    assert workos.base_url == fake.base_url.rstrip("/") + "/"
    account = workos.pipes.get_user_connected_account(ADA, "github")
    assert account.id == ADA_GITHUB_COMPAT


def test_workos_base_url_environment_variable(fake, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKOS_BASE_URL", fake.base_url)
    monkeypatch.setenv("WORKOS_API_KEY", DEMO_KEY)
    with WorkOSClient() as client:
        assert client.base_url.startswith(fake.base_url)
        providers = client.pipes.list_user_data_providers(ADA)
        assert any(p.slug == "github" for p in providers.data)


def test_wrong_key_is_401_authentication_error(client_for) -> None:
    client = client_for(WRONG_KEY, max_retries=0)
    with pytest.raises(AuthenticationError) as caught:
        client.pipes.list_user_data_providers(ADA)
    assert caught.value.status_code == 401
    assert (caught.value.request_id or "").startswith("req_"), caught.value.request_id


def test_missing_key_is_refused_before_any_request() -> None:
    # The SDK itself needs an API key or a client id.
    with pytest.raises(ValueError):
        WorkOSClient(api_key=None, client_id=None, base_url="http://127.0.0.1:9")


def test_readonly_key_is_403_authorization_error(client_for) -> None:
    client = client_for(FORBIDDEN_KEY, max_retries=0)
    with pytest.raises(AuthorizationError) as caught:
        client.pipes.list_user_data_providers(ADA)
    assert caught.value.status_code == 403
    assert (caught.value.request_id or "").startswith("req_")


def test_production_key_sees_its_own_environment(client_for) -> None:
    live = client_for(LIVE_KEY, max_retries=0)
    providers = live.pipes.list_user_data_providers(PROD_ADA)
    slugs = {p.slug for p in providers.data}
    assert {"github", "slack", "google-drive", "notion"} <= slugs
    assert all(p.connected_account is None for p in providers.data)
    assert all(p.credentials_type == "custom" for p in providers.data)
    # The sandbox user does not exist in production.
    with pytest.raises(NotFoundError):
        live.pipes.list_user_data_providers(ADA)
