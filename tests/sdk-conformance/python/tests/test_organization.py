"""Organization-owned (shared) connections on the seeded organization root for slack,
`/organizations/{id}/data_providers`, and the per-organization provider configurations
(`pipes_provider`)."""

from __future__ import annotations

import pytest
from workos import WorkOSClient
from workos._errors import AuthorizationError, ConflictError, NotFoundError

from flows import secure_connect
from harness import ACME, ADA, GRACE
from workos.pipes.models import DataIntegrationCredentialsInput


def _import_shared(workos: WorkOSClient, token: str = "xoxp-acme-shared-1", **options):
    return workos.pipes.create_organization_connected_account(
        ACME, "slack", user_id=ADA, access_token=token, scopes=["channels:read", "chat:write"], **options
    )


def test_import_an_organization_connection(workos: WorkOSClient) -> None:
    account = _import_shared(workos, account_display_name="Acme Slack", account_identifier="T0ACME")
    assert account.organization_id == ACME
    assert account.user_id is None  # shared by the organization, not owned by Ada
    assert account.established_by_user_id == ADA
    assert account.connection_role == "compatibility"
    assert account.account_display_name == "Acme Slack"
    assert account.account_identifier == "T0ACME"
    assert account.state == "connected"

    got = workos.pipes.get_organization_connected_account(ACME, "slack")
    assert got.id == account.id


def test_organization_data_providers_list_only_organization_owned_providers(workos: WorkOSClient) -> None:
    account = _import_shared(workos)
    providers = workos.pipes.list_organization_data_providers(ACME)
    assert [p.slug for p in providers.data] == ["slack"]
    row = providers.data[0]
    assert row.connection_owner == "organization"
    assert row.connected_account is not None and row.connected_account.id == account.id


def test_organization_connections_add_select_update_delete(workos: WorkOSClient) -> None:
    first = _import_shared(workos)
    second = _import_shared(workos, token="xoxp-acme-shared-2", connection_intent="add", account_display_name="Acme #2")
    assert second.id != first.id
    assert second.connection_role == "standard"

    multi = workos.pipes.list_organization_data_providers(ACME, supports_multiple_connections=True)
    assert {a.id for a in multi.data[0].connected_accounts} == {first.id, second.id}

    with pytest.raises(ConflictError) as caught:
        workos.pipes.get_organization_connected_account(ACME, "slack", supports_multiple_connections=True)
    assert caught.value.code == "account_selection_required"
    picked = workos.pipes.get_organization_connected_account(ACME, "slack", connected_account_id=second.id)
    assert picked.id == second.id

    updated = workos.pipes.update_organization_connected_account(
        ACME, "slack", user_id=GRACE, connected_account_id=second.id, connection_intent="reauthorize",
        account_display_name="Acme (renamed)",
    )
    assert updated.id == second.id
    assert updated.account_display_name == "Acme (renamed)"
    assert workos.pipes.get_organization_connected_account(ACME, "slack").account_display_name != "Acme (renamed)"

    workos.pipes.delete_organization_connected_account(ACME, "slack", connected_account_id=second.id)
    with pytest.raises(NotFoundError):
        workos.pipes.get_organization_connected_account(ACME, "slack", connected_account_id=second.id)
    assert workos.pipes.get_organization_connected_account(ACME, "slack").id == first.id


def test_vend_the_organization_connection(workos: WorkOSClient) -> None:
    _import_shared(workos, token="xoxp-acme-shared-token")
    token = workos.pipes.get_access_token("slack", user_id=GRACE, organization_id=ACME, connection_owner="organization")
    assert token.active is True
    assert token.access_token is not None and token.access_token.access_token == "xoxp-acme-shared-token"
    vended = workos.pipes.create_data_integration_credential(
        "slack", user_id=GRACE, organization_id=ACME, connection_owner="organization"
    )
    assert vended.credential is not None and vended.credential.value == "xoxp-acme-shared-token"


def test_a_user_who_is_not_an_active_member_is_403(workos: WorkOSClient) -> None:
    other = workos.organizations.create_organization(name="Globex")
    with pytest.raises(AuthorizationError) as caught:
        workos.pipes.create_organization_connected_account(
            other.id, "slack", user_id=ADA, access_token="xoxp-globex", scopes=["channels:read"]
        )
    assert caught.value.status_code == 403


def test_connect_an_organization_through_authorize_and_finish(workos: WorkOSClient) -> None:
    account = secure_connect(workos, "slack", ADA, organization_id=ACME, connection_owner="organization")
    assert account.organization_id == ACME
    assert account.user_id is None
    assert account.established_by_user_id == ADA
    assert workos.pipes.get_organization_connected_account(ACME, "slack").id == account.id


def test_missing_organization_connection_is_404(workos: WorkOSClient) -> None:
    with pytest.raises(NotFoundError):
        workos.pipes.get_organization_connected_account(ACME, "slack")


# ---------------------------------------------------------------- pipes_provider


@pytest.fixture
def org_credentials_linear(workos: WorkOSClient) -> str:
    created = workos.pipes.create_data_integration(
        provider="linear",
        credentials=DataIntegrationCredentialsInput(type="organization"),  # type: ignore[arg-type]
        enabled=True,
    )
    assert created.credentials is not None and created.credentials.type == "organization"
    return created.slug


def test_list_organization_data_integration_configurations(workos: WorkOSClient, org_credentials_linear: str) -> None:
    configs = workos.pipes_provider.list_organization_data_integration_configurations(ACME)
    slugs = {c.slug for c in configs.data}
    assert org_credentials_linear in slugs
    # "Returns a list of all providers available to the specified organization"
    # (pipes_provider/_resource.py list_organization_data_integration_configurations).
    assert {"github", "slack", "notion", "google-drive"} <= slugs, slugs
    assert all(c.organization_id == ACME for c in configs.data)
    assert len(slugs) == len(configs.data), "each provider once, although slack has two roots"
    shared = next(c for c in configs.data if c.slug == "github")
    assert shared.credentials is None, "credentials only where the organization supplies them"
    assert next(c for c in configs.data if c.slug == org_credentials_linear).credentials is not None


def test_configure_a_provider_for_an_organization(workos: WorkOSClient, org_credentials_linear: str) -> None:
    configured = workos.pipes_provider.update_organization_data_integration_configuration(
        ACME, org_credentials_linear, enabled=True, scopes=["read"], client_id="acme-linear-app",
        client_secret="acme_secret_7777",
    )
    assert configured.slug == org_credentials_linear
    assert configured.organization_id == ACME
    assert configured.enabled is True
    assert configured.scopes == ["read"]
    assert configured.credentials is not None
    assert configured.credentials.client_id == "acme-linear-app"
    assert configured.credentials.client_secret_last_four == "7777"
    assert configured.credentials.has_credentials is True
    again = workos.pipes_provider.list_organization_data_integration_configurations(ACME)
    linear = next(c for c in again.data if c.slug == org_credentials_linear)
    assert linear.scopes == ["read"] and linear.enabled is True


def test_configurations_of_an_unknown_organization_are_404(workos: WorkOSClient) -> None:
    with pytest.raises(NotFoundError):
        workos.pipes_provider.list_organization_data_integration_configurations("org_01JDEM0N0SUCH0RG0000000000")
