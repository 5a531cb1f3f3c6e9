"""Several connections per owner: the compatibility slot, `supports_multiple_connections`
reads, `connected_account_id` selection, `connection_intent` add / reauthorize (through
authorize + finish and through the create/update calls) and the labels."""

from __future__ import annotations

import pytest
from workos import WorkOSClient
from workos._errors import ConflictError, NotFoundError

from flows import secure_connect
from harness import ADA, ADA_GITHUB_COMPAT, ADA_GITHUB_STANDARD, GRACE, LIVE_KEY, PROD_ADA


def _github_row(providers):
    rows = [p for p in providers.data if p.slug == "github"]
    assert len(rows) == 1, [p.slug for p in providers.data]
    return rows[0]


# ---------------------------------------------------------------- reads


def test_data_providers_show_only_the_compatibility_slot_by_default(workos: WorkOSClient) -> None:
    row = _github_row(workos.pipes.list_user_data_providers(ADA))
    assert row.connection_owner == "user"
    assert row.connected_account is not None
    assert row.connected_account.id == ADA_GITHUB_COMPAT
    assert [a.id for a in row.connected_accounts] == [ADA_GITHUB_COMPAT]


def test_data_providers_with_the_flag_list_every_connection_with_labels(workos: WorkOSClient) -> None:
    row = _github_row(workos.pipes.list_user_data_providers(ADA, supports_multiple_connections=True))
    assert row.connected_account is not None and row.connected_account.id == ADA_GITHUB_COMPAT
    by_id = {a.id: a for a in row.connected_accounts}
    assert set(by_id) == {ADA_GITHUB_COMPAT, ADA_GITHUB_STANDARD}
    assert by_id[ADA_GITHUB_COMPAT].connection_role == "compatibility"
    assert by_id[ADA_GITHUB_STANDARD].connection_role == "standard"
    assert by_id[ADA_GITHUB_COMPAT].account_display_name == "Ada (work)"
    assert by_id[ADA_GITHUB_COMPAT].account_identifier == "ada-acme"
    assert by_id[ADA_GITHUB_STANDARD].account_display_name == "Ada (personal)"
    assert by_id[ADA_GITHUB_STANDARD].account_identifier == "ada-lovelace"


def test_get_connected_account_default_is_the_compatibility_connection(workos: WorkOSClient) -> None:
    account = workos.pipes.get_user_connected_account(ADA, "github")
    assert account.id == ADA_GITHUB_COMPAT
    assert account.connection_role == "compatibility"
    assert account.account_display_name == "Ada (work)"
    assert account.established_by_user_id == ADA


def test_get_connected_account_by_id(workos: WorkOSClient) -> None:
    account = workos.pipes.get_user_connected_account(ADA, "github", connected_account_id=ADA_GITHUB_STANDARD)
    assert account.id == ADA_GITHUB_STANDARD
    assert account.connection_role == "standard"
    assert account.account_identifier == "ada-lovelace"
    both = workos.pipes.get_user_connected_account(
        ADA, "github", supports_multiple_connections=True, connected_account_id=ADA_GITHUB_STANDARD
    )
    assert both.id == ADA_GITHUB_STANDARD


def test_get_connected_account_with_the_flag_and_no_id_needs_a_selection(workos: WorkOSClient) -> None:
    with pytest.raises(ConflictError) as caught:
        workos.pipes.get_user_connected_account(ADA, "github", supports_multiple_connections=True)
    assert caught.value.status_code == 409
    assert caught.value.code == "account_selection_required"


def test_token_without_the_flag_is_the_compatibility_connection(workos: WorkOSClient) -> None:
    token = workos.pipes.get_access_token("github", user_id=ADA)
    assert token.active is True
    assert token.access_token is not None
    assert token.access_token.access_token.startswith("gho_")
    assert token.access_token.expires_at is None  # GitHub OAuth-app tokens do not expire
    assert set(token.access_token.scopes) == {"repo", "read:user"}


def test_token_409_account_selection_required_then_success_with_an_id(workos: WorkOSClient) -> None:
    with pytest.raises(ConflictError) as caught:
        workos.pipes.get_access_token("github", user_id=ADA, supports_multiple_connections=True)
    assert caught.value.code == "account_selection_required"
    assert (caught.value.request_id or "").startswith("req_")

    standard = workos.pipes.get_access_token(
        "github", user_id=ADA, supports_multiple_connections=True, connected_account_id=ADA_GITHUB_STANDARD
    )
    compat = workos.pipes.get_access_token(
        "github", user_id=ADA, supports_multiple_connections=True, connected_account_id=ADA_GITHUB_COMPAT
    )
    assert standard.active is True and compat.active is True
    assert standard.access_token is not None and compat.access_token is not None
    assert standard.access_token.access_token != compat.access_token.access_token


def test_token_with_the_flag_and_a_single_connection_needs_no_id(workos: WorkOSClient) -> None:
    workos.pipes.create_user_connected_account(GRACE, "github", access_token="gho_imported_for_grace", scopes=["repo"])
    token = workos.pipes.get_access_token("github", user_id=GRACE, supports_multiple_connections=True)
    assert token.active is True


def test_credentials_409_then_success_with_an_id(workos: WorkOSClient) -> None:
    with pytest.raises(ConflictError) as caught:
        workos.pipes.create_data_integration_credential("github", user_id=ADA, supports_multiple_connections=True)
    assert caught.value.code == "account_selection_required"

    vended = workos.pipes.create_data_integration_credential(
        "github", user_id=ADA, supports_multiple_connections=True, connected_account_id=ADA_GITHUB_STANDARD
    )
    assert vended.active is True
    credential = vended.credential
    assert credential is not None
    assert credential.auth_method == "oauth"
    assert credential.value.startswith("gho_")
    assert isinstance(credential.config, dict) and isinstance(credential.metadata, dict)


def test_credentials_without_the_flag_vend_the_compatibility_connection(workos: WorkOSClient) -> None:
    plain = workos.pipes.create_data_integration_credential("github", user_id=ADA)
    compat = workos.pipes.get_access_token("github", user_id=ADA, connected_account_id=ADA_GITHUB_COMPAT)
    assert plain.active is True and plain.credential is not None and compat.access_token is not None
    assert plain.credential.value == compat.access_token.access_token


# ---------------------------------------------------------------- add / reauthorize via authorize + finish


def test_add_a_second_connection_through_authorize_and_finish(workos: WorkOSClient) -> None:
    account = secure_connect(workos, "github", ADA, connection_intent="add", account_display_name="Ada (third)")
    assert account.id not in (ADA_GITHUB_COMPAT, ADA_GITHUB_STANDARD)
    assert account.connection_role == "standard"
    assert account.account_display_name == "Ada (third)"
    row = _github_row(workos.pipes.list_user_data_providers(ADA, supports_multiple_connections=True))
    assert {a.id for a in row.connected_accounts} == {ADA_GITHUB_COMPAT, ADA_GITHUB_STANDARD, account.id}
    assert row.connected_account is not None and row.connected_account.id == ADA_GITHUB_COMPAT


def test_first_add_for_an_owner_fills_the_compatibility_slot(workos: WorkOSClient) -> None:
    account = secure_connect(workos, "github", GRACE, connection_intent="add")
    assert account.connection_role == "compatibility"
    assert workos.pipes.get_user_connected_account(GRACE, "github").id == account.id


def test_reauthorize_one_exact_connection_through_authorize_and_finish(workos: WorkOSClient) -> None:
    account = secure_connect(
        workos, "github", ADA, connection_intent="reauthorize", connected_account_id=ADA_GITHUB_STANDARD
    )
    assert account.id == ADA_GITHUB_STANDARD
    assert account.connection_role == "standard"
    assert account.state == "connected"
    row = _github_row(workos.pipes.list_user_data_providers(ADA, supports_multiple_connections=True))
    assert {a.id for a in row.connected_accounts} == {ADA_GITHUB_COMPAT, ADA_GITHUB_STANDARD}


def test_reauthorize_an_unknown_connection_is_404(workos: WorkOSClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        workos.pipes.authorize_data_integration(
            "github",
            user_id=ADA,
            connection_intent="reauthorize",
            connected_account_id="data_installation_01JDEM0N0SUCHACC0UNT000000",
        )
    assert caught.value.code == "connected_account_not_found"


# ---------------------------------------------------------------- add / update via the import calls


def test_import_with_add_creates_a_standard_connection_with_labels(workos: WorkOSClient) -> None:
    account = workos.pipes.create_user_connected_account(
        ADA,
        "github",
        access_token="gho_imported_third_account",
        scopes=["repo"],
        connection_intent="add",
        account_display_name="Imported",
        account_identifier="ada-imported",
    )
    assert account.connection_role == "standard"
    assert account.account_display_name == "Imported"
    assert account.account_identifier == "ada-imported"
    assert account.user_id == ADA
    token = workos.pipes.get_access_token("github", user_id=ADA, connected_account_id=account.id)
    assert token.access_token is not None and token.access_token.access_token == "gho_imported_third_account"


def test_import_without_intent_fills_an_empty_compatibility_slot(workos: WorkOSClient) -> None:
    account = workos.pipes.create_user_connected_account(
        GRACE, "github", access_token="gho_grace_import", scopes=["repo", "read:user"]
    )
    assert account.connection_role == "compatibility"
    assert account.state == "connected"
    assert workos.pipes.get_user_connected_account(GRACE, "github").id == account.id


def test_update_one_exact_connection_by_query_selector(workos: WorkOSClient) -> None:
    updated = workos.pipes.update_user_connected_account(
        ADA,
        "github",
        connected_account_id=ADA_GITHUB_STANDARD,
        connection_intent="reauthorize",
        account_display_name="Ada (renamed)",
    )
    assert updated.id == ADA_GITHUB_STANDARD
    assert updated.account_display_name == "Ada (renamed)"
    compat = workos.pipes.get_user_connected_account(ADA, "github")
    assert compat.id == ADA_GITHUB_COMPAT
    assert compat.account_display_name == "Ada (work)"


def test_update_without_selectors_changes_the_compatibility_connection(workos: WorkOSClient) -> None:
    updated = workos.pipes.update_user_connected_account(ADA, "github", account_display_name="Work GitHub")
    assert updated.id == ADA_GITHUB_COMPAT
    assert updated.account_display_name == "Work GitHub"
    standard = workos.pipes.get_user_connected_account(ADA, "github", connected_account_id=ADA_GITHUB_STANDARD)
    assert standard.account_display_name == "Ada (personal)"


def test_null_labels_clear_them(workos: WorkOSClient) -> None:
    updated = workos.pipes.update_user_connected_account(
        ADA, "github", connected_account_id=ADA_GITHUB_STANDARD, account_display_name=None, account_identifier=None
    )
    assert updated.account_display_name is None
    assert updated.account_identifier is None
    again = workos.pipes.get_user_connected_account(ADA, "github", connected_account_id=ADA_GITHUB_STANDARD)
    assert again.account_display_name is None and again.account_identifier is None


def test_delete_one_exact_connection(workos: WorkOSClient) -> None:
    with pytest.raises(ConflictError) as caught:
        workos.pipes.delete_user_connected_account(ADA, "github", supports_multiple_connections=True)
    assert caught.value.code == "account_selection_required"

    workos.pipes.delete_user_connected_account(ADA, "github", connected_account_id=ADA_GITHUB_STANDARD)
    with pytest.raises(NotFoundError):
        workos.pipes.get_user_connected_account(ADA, "github", connected_account_id=ADA_GITHUB_STANDARD)
    assert workos.pipes.get_user_connected_account(ADA, "github").id == ADA_GITHUB_COMPAT


def test_delete_the_compatibility_connection_leaves_the_slot_empty(workos: WorkOSClient) -> None:
    workos.pipes.delete_user_connected_account(ADA, "github")
    row = _github_row(workos.pipes.list_user_data_providers(ADA, supports_multiple_connections=True))
    # connected_account: null does not mean that no connection exists.
    assert row.connected_account is None
    assert [a.id for a in row.connected_accounts] == [ADA_GITHUB_STANDARD]


# ---------------------------------------------------------------- the feature off


def test_add_with_the_feature_off_is_404_multiple_connections_unavailable(workos: WorkOSClient, fake) -> None:
    fake.admin.features(environment="sandbox", multiple_connections=False)
    with pytest.raises(NotFoundError) as via_authorize:
        workos.pipes.authorize_data_integration("github", user_id=ADA, connection_intent="add")
    assert via_authorize.value.code == "multiple_connections_unavailable"
    with pytest.raises(NotFoundError) as via_import:
        workos.pipes.create_user_connected_account(
            ADA, "github", access_token="gho_nope", connection_intent="add"
        )
    assert via_import.value.code == "multiple_connections_unavailable"
    # An owner without a connection may still add its first one.
    first = workos.pipes.create_user_connected_account(GRACE, "github", access_token="gho_first", connection_intent="add")
    assert first.connection_role == "compatibility"


def test_production_has_the_feature_off(client_for) -> None:
    live = client_for(LIVE_KEY)
    first = live.pipes.create_user_connected_account(PROD_ADA, "github", access_token="gho_prod_first", scopes=["repo"])
    assert first.connection_role == "compatibility"
    with pytest.raises(NotFoundError) as caught:
        live.pipes.create_user_connected_account(PROD_ADA, "github", access_token="gho_prod_second", connection_intent="add")
    assert caught.value.code == "multiple_connections_unavailable"
