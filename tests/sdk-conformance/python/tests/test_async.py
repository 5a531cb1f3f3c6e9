"""The async client (`AsyncWorkOSClient`) over the same fake."""

from __future__ import annotations

import asyncio

import pytest
from workos import AsyncWorkOSClient
from workos._errors import ConflictError

from harness import ADA, ADA_GITHUB_COMPAT, ADA_GITHUB_STANDARD, DEMO_KEY


def test_async_reads_selection_and_a_409(fake) -> None:
    async def scenario() -> None:
        async with AsyncWorkOSClient(api_key=DEMO_KEY, base_url=fake.base_url) as client:
            providers, token = await asyncio.gather(
                client.pipes.list_user_data_providers(ADA, supports_multiple_connections=True),
                client.pipes.get_access_token("github", user_id=ADA, connected_account_id=ADA_GITHUB_STANDARD),
            )
            github = next(p for p in providers.data if p.slug == "github")
            assert {a.id for a in github.connected_accounts} == {ADA_GITHUB_COMPAT, ADA_GITHUB_STANDARD}
            assert token.active is True
            with pytest.raises(ConflictError) as caught:
                await client.pipes.get_access_token("github", user_id=ADA, supports_multiple_connections=True)
            assert caught.value.code == "account_selection_required"
            page = await client.events.list_events(events=["pipes.connected_account.connected"])
            assert page.data == []

    asyncio.run(scenario())
