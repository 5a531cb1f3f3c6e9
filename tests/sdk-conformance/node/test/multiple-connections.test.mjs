// Multiple connections per owner and provider: compatibility vs standard, the plural read
// contract (supportsMultipleConnections), account_selection_required, add and reauthorize
// (through authorize+finish and through the create/update calls), labels, and the
// multiple_connections_unavailable answer when the feature is off.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictException, NotFoundException } from '@workos-inc/node';
import {
  ADA, ADA_GITHUB_PERSONAL, ADA_GITHUB_WORK, GRACE, LIVE_ADA, LIVE_KEY, assertApiError,
  rejection, secureConnect, useFake,
} from './harness.mjs';

const ctx = useFake();
beforeEach(() => ctx.reset());

const githubRow = (list) => list.data.find((p) => p.slug === 'github');
const adaGithubAccounts = async () =>
  githubRow(await ctx.workos.pipes.listUserDataProviders({ userId: ADA, supportsMultipleConnections: true }))
    .connectedAccounts;

describe('reads', () => {
  test('data providers without the flag show only the compatibility connection', async () => {
    const row = githubRow(await ctx.workos.pipes.listUserDataProviders({ userId: ADA }));
    assert.equal(row.connectedAccount.id, ADA_GITHUB_WORK);
    assert.equal(row.connectedAccount.connectionRole, 'compatibility');
    assert.ok(!(row.connectedAccounts ?? []).some((a) => a.id === ADA_GITHUB_PERSONAL),
      'the standard connection is hidden without supports_multiple_connections');
  });

  test('data providers with supportsMultipleConnections list every connection with its labels', async () => {
    const row = githubRow(await ctx.workos.pipes.listUserDataProviders({ userId: ADA, supportsMultipleConnections: true }));
    assert.equal(row.connectedAccount.id, ADA_GITHUB_WORK, 'connected_account stays the compatibility slot');
    const byId = Object.fromEntries(row.connectedAccounts.map((a) => [a.id, a]));
    assert.deepEqual(Object.keys(byId).sort(), [ADA_GITHUB_WORK, ADA_GITHUB_PERSONAL].sort());
    assert.equal(byId[ADA_GITHUB_WORK].connectionRole, 'compatibility');
    assert.equal(byId[ADA_GITHUB_WORK].accountDisplayName, 'Ada (work)');
    assert.equal(byId[ADA_GITHUB_WORK].accountIdentifier, 'ada-acme');
    assert.equal(byId[ADA_GITHUB_PERSONAL].connectionRole, 'standard');
    assert.equal(byId[ADA_GITHUB_PERSONAL].accountDisplayName, 'Ada (personal)');
    assert.equal(byId[ADA_GITHUB_PERSONAL].accountIdentifier, 'ada-lovelace');
  });

  test('getUserConnectedAccount: compatibility by default, the exact one by connectedAccountId', async () => {
    const plain = await ctx.workos.pipes.getUserConnectedAccount({ userId: ADA, slug: 'github' });
    assert.equal(plain.id, ADA_GITHUB_WORK);
    const exact = await ctx.workos.pipes.getUserConnectedAccount({
      userId: ADA, slug: 'github', supportsMultipleConnections: true, connectedAccountId: ADA_GITHUB_PERSONAL,
    });
    assert.equal(exact.id, ADA_GITHUB_PERSONAL);
    assert.equal(exact.connectionRole, 'standard');
    assert.equal(exact.accountDisplayName, 'Ada (personal)');
  });

  test('getUserConnectedAccount with the flag and no selector is account_selection_required', async () => {
    const e = await rejection(ctx.workos.pipes.getUserConnectedAccount({
      userId: ADA, slug: 'github', supportsMultipleConnections: true,
    }));
    assertApiError(assert, e, { type: ConflictException, status: 409, code: 'account_selection_required' });
  });
});

describe('account selection for tokens and credentials', () => {
  test('getAccessToken: 409 account_selection_required, then success with connectedAccountId', async () => {
    const e = await rejection(ctx.workos.pipes.getAccessToken({
      provider: 'github', userId: ADA, supportsMultipleConnections: true,
    }));
    assertApiError(assert, e, { type: ConflictException, status: 409, code: 'account_selection_required' });
    const work = await ctx.workos.pipes.getAccessToken({
      provider: 'github', userId: ADA, supportsMultipleConnections: true, connectedAccountId: ADA_GITHUB_WORK,
    });
    const personal = await ctx.workos.pipes.getAccessToken({
      provider: 'github', userId: ADA, supportsMultipleConnections: true, connectedAccountId: ADA_GITHUB_PERSONAL,
    });
    assert.equal(work.active, true);
    assert.equal(personal.active, true);
    assert.notEqual(work.accessToken.accessToken, personal.accessToken.accessToken,
      'each connection has its own token');
  });

  test('getAccessToken without the flag uses the compatibility connection', async () => {
    const token = await ctx.workos.pipes.getAccessToken({ provider: 'github', userId: ADA });
    assert.equal(token.active, true);
    assert.match(token.accessToken.accessToken, /^gho_/);
  });

  test('createDataIntegrationCredential: 409 then success with connectedAccountId', async () => {
    const e = await rejection(ctx.workos.pipes.createDataIntegrationCredential({
      slug: 'github', userId: ADA, supportsMultipleConnections: true,
    }));
    assertApiError(assert, e, { type: ConflictException, status: 409, code: 'account_selection_required' });
    const ok = await ctx.workos.pipes.createDataIntegrationCredential({
      slug: 'github', userId: ADA, supportsMultipleConnections: true, connectedAccountId: ADA_GITHUB_PERSONAL,
    });
    assert.equal(ok.active, true);
    assert.equal(ok.credential.authMethod, 'oauth');
    assert.match(ok.credential.value, /^gho_/);
  });
});

describe('add and reauthorize through authorize + finish', () => {
  test('connectionIntent add creates a standard connection with its display name', async () => {
    const account = await secureConnect(ctx.workos, {
      slug: 'github', userId: ADA, connectionIntent: 'add', accountDisplayName: 'Ada (open source)',
    });
    assert.ok(![ADA_GITHUB_WORK, ADA_GITHUB_PERSONAL].includes(account.id), 'a new connection');
    assert.equal(account.connectionRole, 'standard');
    assert.equal(account.accountDisplayName, 'Ada (open source)');
    assert.equal(account.userId, ADA);
    const ids = (await adaGithubAccounts()).map((a) => a.id);
    assert.equal(ids.length, 3);
    assert.ok(ids.includes(account.id));
  });

  test('connectionIntent reauthorize + connectedAccountId reconnects exactly that connection', async () => {
    await ctx.workos.pipes.updateUserConnectedAccount({
      userId: ADA, slug: 'github', connectionIntent: 'reauthorize', connectedAccountId: ADA_GITHUB_PERSONAL,
      state: 'needs_reauthorization',
    });
    const account = await secureConnect(ctx.workos, {
      slug: 'github', userId: ADA, connectionIntent: 'reauthorize', connectedAccountId: ADA_GITHUB_PERSONAL,
    });
    assert.equal(account.id, ADA_GITHUB_PERSONAL);
    assert.equal(account.state, 'connected');
    assert.equal(account.connectionRole, 'standard');
    const all = await adaGithubAccounts();
    assert.equal(all.length, 2, 'no connection added');
    assert.ok(all.every((a) => a.state === 'connected'), JSON.stringify(all.map((a) => [a.id, a.state])));
  });

  test('reauthorize for an unknown connection is 404 connected_account_not_found', async () => {
    const e = await rejection(ctx.workos.pipes.authorizeDataIntegration({
      slug: 'github', userId: ADA, connectionIntent: 'reauthorize',
      connectedAccountId: 'data_installation_01JDEM0N0SUCHC0NNECTI0N000',
    }));
    assertApiError(assert, e, { type: NotFoundException, status: 404, code: 'connected_account_not_found' });
  });
});

describe('add and reauthorize through the create/update calls', () => {
  test('createUserConnectedAccount with connectionIntent add imports a standard connection with labels', async () => {
    const account = await ctx.workos.pipes.createUserConnectedAccount({
      userId: ADA, slug: 'github', connectionIntent: 'add', accessToken: 'gho_imported_third_0000000000',
      scopes: ['repo'], accountDisplayName: 'Ada (bot)', accountIdentifier: 'ada-bot',
    });
    assert.equal(account.connectionRole, 'standard');
    assert.equal(account.accountDisplayName, 'Ada (bot)');
    assert.equal(account.accountIdentifier, 'ada-bot');
    assert.equal((await adaGithubAccounts()).length, 3);
    const compat = await ctx.workos.pipes.getUserConnectedAccount({ userId: ADA, slug: 'github' });
    assert.equal(compat.id, ADA_GITHUB_WORK, 'the compatibility slot is unchanged');
  });

  test('updateUserConnectedAccount with reauthorize + connectedAccountId (query) changes only that one', async () => {
    const updated = await ctx.workos.pipes.updateUserConnectedAccount({
      userId: ADA, slug: 'github', connectionIntent: 'reauthorize', connectedAccountId: ADA_GITHUB_PERSONAL,
      accessToken: 'gho_rotated_personal_000000000', scopes: ['repo'], accountDisplayName: 'Ada (home)',
    });
    assert.equal(updated.id, ADA_GITHUB_PERSONAL);
    assert.equal(updated.accountDisplayName, 'Ada (home)');
    assert.deepEqual(updated.scopes, ['repo']);
    const work = await ctx.workos.pipes.getUserConnectedAccount({ userId: ADA, slug: 'github' });
    assert.equal(work.id, ADA_GITHUB_WORK);
    assert.equal(work.accountDisplayName, 'Ada (work)', 'the compatibility connection was not touched');
    assert.deepEqual(work.scopes, ['repo', 'read:user']);
  });

  test('updateUserConnectedAccount without selector changes the compatibility connection', async () => {
    const updated = await ctx.workos.pipes.updateUserConnectedAccount({
      userId: ADA, slug: 'github', accountDisplayName: 'Ada (acme)',
    });
    assert.equal(updated.id, ADA_GITHUB_WORK);
    assert.equal(updated.accountDisplayName, 'Ada (acme)');
    const personal = await ctx.workos.pipes.getUserConnectedAccount({
      userId: ADA, slug: 'github', connectedAccountId: ADA_GITHUB_PERSONAL,
    });
    assert.equal(personal.accountDisplayName, 'Ada (personal)');
  });

  test('deleteUserConnectedAccount with connectedAccountId removes only that connection', async () => {
    await ctx.workos.pipes.deleteUserConnectedAccount({
      userId: ADA, slug: 'github', supportsMultipleConnections: true, connectedAccountId: ADA_GITHUB_PERSONAL,
    });
    const left = await adaGithubAccounts();
    assert.deepEqual(left.map((a) => a.id), [ADA_GITHUB_WORK]);
  });

  test('deleteUserConnectedAccount with the flag and no selector is account_selection_required', async () => {
    const e = await rejection(ctx.workos.pipes.deleteUserConnectedAccount({
      userId: ADA, slug: 'github', supportsMultipleConnections: true,
    }));
    assertApiError(assert, e, { type: ConflictException, status: 409, code: 'account_selection_required' });
    assert.equal((await adaGithubAccounts()).length, 2, 'nothing deleted');
  });
});

describe('the feature turned off', () => {
  const featureOff = () => ctx.admin('/features', { environment: 'sandbox', multiple_connections: false });

  test('add for an owner who already has a connection is 404 multiple_connections_unavailable', async () => {
    await featureOff();
    const viaImport = await rejection(ctx.workos.pipes.createUserConnectedAccount({
      userId: ADA, slug: 'github', connectionIntent: 'add', accessToken: 'gho_blocked_0000000000000000',
    }));
    assertApiError(assert, viaImport, { type: NotFoundException, status: 404, code: 'multiple_connections_unavailable' });
    const viaAuthorize = await rejection(ctx.workos.pipes.authorizeDataIntegration({
      slug: 'github', userId: ADA, connectionIntent: 'add',
    }));
    assertApiError(assert, viaAuthorize, { type: NotFoundException, status: 404, code: 'multiple_connections_unavailable' });
  });

  test('add for an owner without a connection still works and fills the compatibility slot', async () => {
    await featureOff();
    const account = await ctx.workos.pipes.createUserConnectedAccount({
      userId: GRACE, slug: 'github', connectionIntent: 'add', accessToken: 'gho_grace_first_00000000000000',
    });
    assert.equal(account.userId, GRACE);
    assert.equal(account.connectionRole, 'compatibility');
  });

  test('production (live key) has the feature off: the second add is refused', async () => {
    const live = ctx.client(LIVE_KEY);
    const first = await live.pipes.createUserConnectedAccount({
      userId: LIVE_ADA, slug: 'github', accessToken: 'gho_live_first_000000000000000',
    });
    assert.equal(first.connectionRole, 'compatibility');
    const e = await rejection(live.pipes.createUserConnectedAccount({
      userId: LIVE_ADA, slug: 'github', connectionIntent: 'add', accessToken: 'gho_live_second_00000000000000',
    }));
    assertApiError(assert, e, { type: NotFoundException, status: 404, code: 'multiple_connections_unavailable' });
  });
});
