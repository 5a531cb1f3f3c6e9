"""Data integrations: the user-owned roots (`/data-integrations[/{slug}]`) and the
organization-owned roots (`/data-integrations/{slug}/organization`)."""

from __future__ import annotations

import pytest
from workos import WorkOSClient
from workos._errors import ConflictError, NotFoundError, UnprocessableEntityError
from workos.pipes.models import CustomProviderDefinition, DataIntegrationCredentialsInput


def _custom(client_id: str = "lin_client_0001", secret: str = "lin_secret_abcd1234") -> DataIntegrationCredentialsInput:
    return DataIntegrationCredentialsInput(type="custom", client_id=client_id, client_secret=secret)  # type: ignore[arg-type]


def test_list_has_custom_and_organization_credential_integrations_only(workos: WorkOSClient) -> None:
    page = workos.pipes.list_data_integrations(limit=100)
    slugs = [(i.slug, i.ownership) for i in page.data]
    assert ("google-drive", "user") in slugs
    # github, slack and notion use WorkOS-managed shared credentials in the sandbox.
    assert all(slug != "github" for slug, _ in slugs)
    drive = next(i for i in page.data if i.slug == "google-drive")
    assert drive.credentials is not None
    assert drive.credentials.type == "custom"
    assert drive.credentials.redacted_client_secret.endswith("1234")
    assert "GOCSPX" not in drive.credentials.redacted_client_secret
    assert "/data-integrations/google-drive/" in drive.redirect_uri


def test_list_filters_by_ownership(workos: WorkOSClient) -> None:
    workos.pipes.create_data_integration(provider="linear", credentials=_custom(), enabled=True)
    workos.pipes.create_data_integration(provider="linear", ownership="organization", credentials=_custom(), enabled=True)
    both = workos.pipes.list_data_integrations(limit=100)
    linear = sorted(getattr(i.ownership, "value", i.ownership) for i in both.data if i.slug == "linear")
    assert linear == ["organization", "user"], "the same slug appears once per ownership"
    orgs = workos.pipes.list_data_integrations(limit=100, ownership="organization")
    assert orgs.data and all(i.ownership == "organization" for i in orgs.data)
    users = workos.pipes.list_data_integrations(limit=100, ownership="user")
    assert users.data and all(i.ownership == "user" for i in users.data)
    assert {i.id for i in orgs.data}.isdisjoint({i.id for i in users.data})


def test_list_limit_and_pages(workos: WorkOSClient) -> None:
    for provider in ("linear", "asana", "dropbox"):
        workos.pipes.create_data_integration(provider=provider, credentials=_custom(), enabled=True)
    first = workos.pipes.list_data_integrations(limit=2)
    assert len(first.data) == 2
    assert first.list_metadata.after
    everything = list(workos.pipes.list_data_integrations(limit=2).auto_paging_iter())
    assert len(everything) >= 4
    assert len({i.id for i in everything}) == len(everything)


def test_list_limit_out_of_range_is_422(workos: WorkOSClient) -> None:
    with pytest.raises(UnprocessableEntityError) as caught:
        workos.pipes.list_data_integrations(limit=101)
    assert caught.value.status_code == 422
    assert (caught.value.request_id or "").startswith("req_")


def test_get_a_shared_credentials_integration(workos: WorkOSClient) -> None:
    github = workos.pipes.get_data_integration("github")
    assert github.slug == "github"
    assert github.ownership == "user"
    assert github.credentials is None
    assert github.enabled is True
    assert set(github.scopes or []) == {"repo", "read:user"}
    assert github.id == "data_integration_01JDEM0SBGITHUB00000000000"


def test_get_an_unknown_slug_is_404(workos: WorkOSClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        workos.pipes.get_data_integration("no-such-provider")
    assert caught.value.status_code == 404
    assert (caught.value.request_id or "").startswith("req_")


def test_create_update_delete_a_user_owned_integration(workos: WorkOSClient) -> None:
    created = workos.pipes.create_data_integration(
        provider="linear", credentials=_custom(), enabled=True, scopes=["read"], description="Issues"
    )
    assert created.slug == "linear"
    assert created.ownership == "user"
    assert created.enabled is True
    assert created.scopes == ["read"]
    assert created.description == "Issues"
    assert created.credentials is not None and created.credentials.client_id == "lin_client_0001"
    assert created.credentials.redacted_client_secret.endswith("1234")
    assert "lin_secret" not in created.credentials.redacted_client_secret

    assert workos.pipes.get_data_integration("linear").id == created.id

    updated = workos.pipes.update_data_integration("linear", description="Linear issues", enabled=False)
    assert updated.description == "Linear issues"
    assert updated.enabled is False
    rotated = workos.pipes.update_data_integration("linear", credentials=_custom("lin_client_0002", "new_secret_9876"))
    assert rotated.credentials is not None and rotated.credentials.redacted_client_secret.endswith("9876")

    workos.pipes.delete_data_integration("linear")
    with pytest.raises(NotFoundError):
        workos.pipes.get_data_integration("linear")


def test_a_second_user_owned_root_for_a_provider_conflicts(workos: WorkOSClient) -> None:
    workos.pipes.create_data_integration(provider="linear", credentials=_custom(), enabled=True)
    with pytest.raises(ConflictError):
        workos.pipes.create_data_integration(provider="linear", credentials=_custom(), enabled=True)


def test_create_a_custom_provider(workos: WorkOSClient) -> None:
    created = workos.pipes.create_data_integration(
        provider="acme-crm",
        credentials=_custom("crm_client", "crm_secret_5555"),
        enabled=True,
        custom_provider=CustomProviderDefinition(
            name="Acme CRM",
            authorization_url="https://crm.acme.example/oauth/authorize",
            token_url="https://crm.acme.example/oauth/token",
        ),
    )
    assert created.slug == "acme-crm"
    assert created.custom_provider is not None
    assert created.custom_provider.name == "Acme CRM"
    assert created.custom_provider.token_url == "https://crm.acme.example/oauth/token"


def test_the_seeded_organization_root_for_slack(workos: WorkOSClient) -> None:
    root = workos.pipes.list_data_integration_organization("slack")
    assert root.slug == "slack"
    assert root.ownership == "organization"
    assert root.id != workos.pipes.get_data_integration("slack").id
    # GET /{slug} keeps returning the user-owned root.
    assert workos.pipes.get_data_integration("slack").ownership == "user"


def test_organization_root_get_update_delete(workos: WorkOSClient) -> None:
    user_root = workos.pipes.create_data_integration(provider="linear", credentials=_custom(), enabled=True)
    org_root = workos.pipes.create_data_integration(
        provider="linear", ownership="organization", credentials=_custom(), enabled=True
    )
    assert org_root.ownership == "organization"
    assert org_root.id != user_root.id

    got = workos.pipes.list_data_integration_organization("linear")
    assert got.id == org_root.id

    updated = workos.pipes.update_data_integration_organization("linear", description="Shared Linear", enabled=False)
    assert updated.id == org_root.id
    assert updated.description == "Shared Linear"
    assert updated.enabled is False
    assert workos.pipes.get_data_integration("linear").description != "Shared Linear"

    workos.pipes.delete_data_integration_organization("linear")
    with pytest.raises(NotFoundError):
        workos.pipes.list_data_integration_organization("linear")
    assert workos.pipes.get_data_integration("linear").id == user_root.id


def test_an_organization_root_that_does_not_exist_is_404(workos: WorkOSClient) -> None:
    with pytest.raises(NotFoundError):
        workos.pipes.list_data_integration_organization("github")
