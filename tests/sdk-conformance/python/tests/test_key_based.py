"""API-key and client-credentials connections: the PUT upserts (compatibility slot or an
exact connection) and the "create another" POSTs with `connection_intent: add`."""

from __future__ import annotations

import pytest
from workos import WorkOSClient
from workos._errors import ConflictError, UnprocessableEntityError

from harness import ADA


@pytest.fixture
def zendesk(workos: WorkOSClient) -> str:
    created = workos.pipes.create_data_integration(provider="zendesk", auth_methods=["api_key"], enabled=True)
    assert created.auth_methods == ["api_key"]
    return created.slug


@pytest.fixture
def salesforce(workos: WorkOSClient) -> str:
    created = workos.pipes.create_data_integration(
        provider="salesforce", auth_methods=["client_credentials"], enabled=True
    )
    assert created.auth_methods == ["client_credentials"]
    return created.slug


def test_key_based_integrations_have_no_redirect_uri_and_no_credentials(workos: WorkOSClient, zendesk: str, salesforce: str) -> None:
    # PIPES-API-DELTA.md §3: `redirect_uri` is "" and `credentials` null for api_key and
    # client_credentials integrations (nothing to register at a provider).
    for slug in (zendesk, salesforce):
        got = workos.pipes.get_data_integration(slug)
        assert got.redirect_uri == "", (slug, got.redirect_uri)
        assert got.credentials is None


def test_api_key_upsert_then_add_then_select(workos: WorkOSClient, zendesk: str) -> None:
    compat = workos.pipes.update_data_integration_api_key(zendesk, user_id=ADA, secret="zd_first_key_1111")
    assert compat.auth_method == "api_key"
    assert compat.api_key_last_4 == "1111"
    assert compat.connection_role == "compatibility"
    assert compat.user_id == ADA

    second = workos.pipes.create_data_integration_api_key(
        zendesk, user_id=ADA, secret="zd_second_key_2222", connection_intent="add",
        account_display_name="Support desk", account_identifier="acme.zendesk.example",
    )
    assert second.id != compat.id
    assert second.connection_role == "standard"
    assert second.api_key_last_4 == "2222"
    assert second.account_display_name == "Support desk"
    assert second.account_identifier == "acme.zendesk.example"

    with pytest.raises(ConflictError) as caught:
        workos.pipes.create_data_integration_credential(zendesk, user_id=ADA, supports_multiple_connections=True)
    assert caught.value.code == "account_selection_required"
    vended = workos.pipes.create_data_integration_credential(zendesk, user_id=ADA, connected_account_id=second.id)
    assert vended.credential is not None
    assert vended.credential.auth_method == "api_key"
    assert vended.credential.value == "zd_second_key_2222"
    plain = workos.pipes.create_data_integration_credential(zendesk, user_id=ADA)
    assert plain.credential is not None and plain.credential.value == "zd_first_key_1111"


def test_api_key_rotate_an_exact_connection(workos: WorkOSClient, zendesk: str) -> None:
    compat = workos.pipes.update_data_integration_api_key(zendesk, user_id=ADA, secret="zd_first_key_1111")
    second = workos.pipes.create_data_integration_api_key(
        zendesk, user_id=ADA, secret="zd_second_key_2222", connection_intent="add"
    )
    rotated = workos.pipes.update_data_integration_api_key(
        zendesk, user_id=ADA, secret="zd_rotated_key_3333", connection_intent="reauthorize",
        connected_account_id=second.id,
    )
    assert rotated.id == second.id
    assert rotated.api_key_last_4 == "3333"
    untouched = workos.pipes.get_user_connected_account(ADA, zendesk)
    assert untouched.id == compat.id and untouched.api_key_last_4 == "1111"


def test_api_key_add_replays_with_the_same_idempotency_key(workos: WorkOSClient, zendesk: str) -> None:
    workos.pipes.update_data_integration_api_key(zendesk, user_id=ADA, secret="zd_first_key_1111")
    once = workos.pipes.create_data_integration_api_key(
        zendesk, user_id=ADA, secret="zd_second_key_2222", connection_intent="add", idempotency_key="retry-1"
    )
    twice = workos.pipes.create_data_integration_api_key(
        zendesk, user_id=ADA, secret="zd_second_key_2222", connection_intent="add", idempotency_key="retry-1"
    )
    assert twice.id == once.id
    providers = workos.pipes.list_user_data_providers(ADA, supports_multiple_connections=True)
    row = next(p for p in providers.data if p.slug == zendesk)
    assert len(row.connected_accounts) == 2
    with pytest.raises(ConflictError) as caught:
        workos.pipes.create_data_integration_api_key(
            zendesk, user_id=ADA, secret="zd_other_key_4444", connection_intent="add", idempotency_key="retry-1"
        )
    assert caught.value.code == "idempotency_key_conflict"


def test_token_on_an_api_key_connection_is_422_auth_method_mismatch(workos: WorkOSClient, zendesk: str) -> None:
    workos.pipes.update_data_integration_api_key(zendesk, user_id=ADA, secret="zd_first_key_1111")
    with pytest.raises(UnprocessableEntityError) as caught:
        workos.pipes.get_access_token(zendesk, user_id=ADA)
    assert caught.value.status_code == 422
    assert caught.value.code == "auth_method_mismatch"


def test_client_credentials_upsert_then_add(workos: WorkOSClient, salesforce: str) -> None:
    compat = workos.pipes.update_data_integration_client_credentials(
        salesforce, user_id=ADA, client_id="sf_client_a", client_secret="sf_secret_aaaa5555"
    )
    assert compat.auth_method == "client_credentials"
    assert compat.client_id == "sf_client_a"
    assert compat.client_secret_last_4 == "5555"
    assert compat.connection_role == "compatibility"
    assert isinstance(compat.config, dict)

    second = workos.pipes.create_data_integration_client_credential(
        salesforce, user_id=ADA, client_id="sf_client_b", client_secret="sf_secret_bbbb6666",
        connection_intent="add", account_display_name="Sandbox org",
    )
    assert second.connection_role == "standard"
    assert second.client_id == "sf_client_b"
    assert second.account_display_name == "Sandbox org"

    rotated = workos.pipes.update_data_integration_client_credentials(
        salesforce, user_id=ADA, client_id="sf_client_b", client_secret="sf_secret_cccc7777",
        connection_intent="reauthorize", connected_account_id=second.id,
    )
    assert rotated.id == second.id and rotated.client_secret_last_4 == "7777"

    vended = workos.pipes.create_data_integration_credential(salesforce, user_id=ADA, connected_account_id=second.id)
    assert vended.active is True
    assert vended.credential is not None and vended.credential.auth_method == "client_credentials"
