// Organization-owned Pipes: the environment-level organization root
// (/data-integrations/{slug}/organization), organization data providers and the shared
// connections at /organizations/{id}/connected_accounts/{slug}.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictException, NotFoundException } from '@workos-inc/node';
import {
  ACME, ADA, GRACE, assertApiError, rejection, secureConnect, useFake,
} from './harness.mjs';

const ctx = useFake();
beforeEach(() => ctx.reset());

const importShared = (extra = {}) => ctx.workos.pipes.createOrganizationConnectedAccount({
  organizationId: ACME, slug: 'slack', userId: GRACE, accessToken: 'xoxp-shared-acme-000000000000',
  scopes: ['channels:read'], ...extra,
});

describe('the organization-owned root', () => {
  test('getOrganizationDataIntegration returns the organization root, distinct from the user root', async () => {
    const org = await ctx.workos.pipes.getOrganizationDataIntegration({ slug: 'slack' });
    const user = await ctx.workos.pipes.getDataIntegration({ slug: 'slack' });
    assert.equal(org.slug, 'slack');
    assert.equal(org.ownership, 'organization');
    assert.equal(user.ownership, 'user');
    assert.notEqual(org.id, user.id);
  });

  test('listDataIntegrations returns organization roots as their own rows; ownership filters them', async () => {
    // The list holds custom/organization-credential and API-key integrations only (SDK
    // docstring of listDataIntegrations), so the suite creates an API-key root of each kind.
    const user = await ctx.workos.pipes.createDataIntegration({ provider: 'linear', authMethods: ['api_key'], enabled: true });
    const org = await ctx.workos.pipes.createDataIntegration({
      provider: 'linear', authMethods: ['api_key'], enabled: true, ownership: 'organization',
    });
    const all = await ctx.workos.pipes.listDataIntegrations({ limit: 100 });
    const linear = all.data.filter((i) => i.slug === 'linear').map((i) => [i.id, i.ownership]).sort();
    assert.deepEqual(linear, [[user.id, 'user'], [org.id, 'organization']].sort());
    const orgOnly = await ctx.workos.pipes.listDataIntegrations({ ownership: 'organization', limit: 100 });
    assert.ok(orgOnly.data.some((i) => i.id === org.id));
    assert.ok(orgOnly.data.every((i) => i.ownership === 'organization'),
      JSON.stringify(orgOnly.data.map((i) => [i.slug, i.ownership])));
  });

  test('a provider without an organization root is 404', async () => {
    const e = await rejection(ctx.workos.pipes.getOrganizationDataIntegration({ slug: 'github' }));
    assertApiError(assert, e, { type: NotFoundException, status: 404 });
  });

  test('updateOrganizationDataIntegration changes only the organization root', async () => {
    const updated = await ctx.workos.pipes.updateOrganizationDataIntegration({
      slug: 'slack', description: 'Acme shared Slack', scopes: ['channels:read'],
    });
    assert.equal(updated.ownership, 'organization');
    assert.equal(updated.description, 'Acme shared Slack');
    assert.deepEqual(updated.scopes, ['channels:read']);
    const again = await ctx.workos.pipes.getOrganizationDataIntegration({ slug: 'slack' });
    assert.equal(again.description, 'Acme shared Slack');
    const user = await ctx.workos.pipes.getDataIntegration({ slug: 'slack' });
    assert.notEqual(user.description, 'Acme shared Slack');
  });

  test('deleteOrganizationDataIntegration removes the organization root, not the user root', async () => {
    await ctx.workos.pipes.deleteOrganizationDataIntegration({ slug: 'slack' });
    const e = await rejection(ctx.workos.pipes.getOrganizationDataIntegration({ slug: 'slack' }));
    assertApiError(assert, e, { type: NotFoundException, status: 404 });
    const user = await ctx.workos.pipes.getDataIntegration({ slug: 'slack' });
    assert.equal(user.ownership, 'user');
  });
});

describe('organization data providers', () => {
  test('listOrganizationDataProviders lists only organization-owned providers', async () => {
    const list = await ctx.workos.pipes.listOrganizationDataProviders({ organizationId: ACME });
    const slugs = list.data.map((p) => p.slug);
    assert.ok(slugs.includes('slack'), JSON.stringify(slugs));
    assert.ok(!slugs.includes('github'), 'github has no organization root');
    assert.ok(list.data.every((p) => p.connectionOwner === 'organization'),
      JSON.stringify(list.data.map((p) => [p.slug, p.connectionOwner])));
    assert.equal(list.data.find((p) => p.slug === 'slack').connectedAccount, null);
  });

  test('an unknown organization is 404', async () => {
    const e = await rejection(ctx.workos.pipes.listOrganizationDataProviders({ organizationId: 'org_01JDEM0N0SUCH0RG0000000000' }));
    assertApiError(assert, e, { type: NotFoundException, status: 404 });
  });
});

describe('shared connections', () => {
  test('a member connects Slack for Acme through the secure flow; the connection belongs to the organization', async () => {
    const account = await secureConnect(ctx.workos, {
      slug: 'slack', userId: ADA, organizationId: ACME, connectionOwner: 'organization',
    });
    assert.equal(account.userId, null, 'an organization connection has no user_id');
    assert.equal(account.organizationId, ACME);
    assert.equal(account.establishedByUserId, ADA);
    assert.equal(account.connectionRole, 'compatibility');
    const read = await ctx.workos.pipes.getOrganizationConnectedAccount({ organizationId: ACME, slug: 'slack' });
    assert.equal(read.id, account.id);
    const row = (await ctx.workos.pipes.listOrganizationDataProviders({ organizationId: ACME }))
      .data.find((p) => p.slug === 'slack');
    assert.equal(row.connectedAccount.id, account.id);
    // The user's own Slack is a different thing: still not connected.
    const own = await rejection(ctx.workos.pipes.getUserConnectedAccount({ userId: ADA, slug: 'slack' }));
    assert.equal(own.status, 404);
  });

  test('another member gets the shared token with connectionOwner organization', async () => {
    await importShared();
    const token = await ctx.workos.pipes.getAccessToken({
      provider: 'slack', userId: ADA, organizationId: ACME, connectionOwner: 'organization',
    });
    assert.equal(token.active, true);
    assert.equal(token.accessToken.accessToken, 'xoxp-shared-acme-000000000000');
    const credential = await ctx.workos.pipes.createDataIntegrationCredential({
      slug: 'slack', userId: ADA, organizationId: ACME, connectionOwner: 'organization',
    });
    assert.equal(credential.active, true);
    assert.equal(credential.credential.authMethod, 'oauth');
  });

  test('createOrganizationConnectedAccount imports the compatibility connection with labels', async () => {
    const account = await importShared({ accountDisplayName: 'Acme Slack', accountIdentifier: 'T0ACME' });
    assert.equal(account.organizationId, ACME);
    assert.equal(account.userId, null);
    assert.equal(account.connectionRole, 'compatibility');
    assert.equal(account.accountDisplayName, 'Acme Slack');
    assert.equal(account.accountIdentifier, 'T0ACME');
    assert.equal(account.state, 'connected');
  });

  test('add, select, reauthorize and delete a second shared connection', async () => {
    const first = await importShared({ accountDisplayName: 'Acme Slack' });
    const second = await importShared({
      connectionIntent: 'add', accessToken: 'xoxp-shared-acme-second-000000', accountDisplayName: 'Acme Slack (EU)',
    });
    assert.notEqual(second.id, first.id);
    assert.equal(second.connectionRole, 'standard');

    const all = (await ctx.workos.pipes.listOrganizationDataProviders({ organizationId: ACME, supportsMultipleConnections: true }))
      .data.find((p) => p.slug === 'slack').connectedAccounts.map((a) => a.id).sort();
    assert.deepEqual(all, [first.id, second.id].sort());

    const ambiguous = await rejection(ctx.workos.pipes.getOrganizationConnectedAccount({
      organizationId: ACME, slug: 'slack', supportsMultipleConnections: true,
    }));
    assertApiError(assert, ambiguous, { type: ConflictException, status: 409, code: 'account_selection_required' });
    const token = await rejection(ctx.workos.pipes.getAccessToken({
      provider: 'slack', userId: GRACE, organizationId: ACME, connectionOwner: 'organization', supportsMultipleConnections: true,
    }));
    assertApiError(assert, token, { type: ConflictException, status: 409, code: 'account_selection_required' });

    const exact = await ctx.workos.pipes.getOrganizationConnectedAccount({
      organizationId: ACME, slug: 'slack', supportsMultipleConnections: true, connectedAccountId: second.id,
    });
    assert.equal(exact.accountDisplayName, 'Acme Slack (EU)');

    const updated = await ctx.workos.pipes.updateOrganizationConnectedAccount({
      organizationId: ACME, slug: 'slack', userId: GRACE, connectionIntent: 'reauthorize', connectedAccountId: second.id,
      accessToken: 'xoxp-shared-acme-rotated-00000', accountDisplayName: 'Acme Slack (Europe)',
    });
    assert.equal(updated.id, second.id);
    assert.equal(updated.accountDisplayName, 'Acme Slack (Europe)');
    const compat = await ctx.workos.pipes.getOrganizationConnectedAccount({ organizationId: ACME, slug: 'slack' });
    assert.equal(compat.id, first.id);
    assert.equal(compat.accountDisplayName, 'Acme Slack', 'the compatibility connection was not touched');

    await ctx.workos.pipes.deleteOrganizationConnectedAccount({
      organizationId: ACME, slug: 'slack', supportsMultipleConnections: true, connectedAccountId: second.id,
    });
    const gone = await rejection(ctx.workos.pipes.getOrganizationConnectedAccount({
      organizationId: ACME, slug: 'slack', connectedAccountId: second.id,
    }));
    assertApiError(assert, gone, { type: NotFoundException, status: 404 });
    const left = await ctx.workos.pipes.getOrganizationConnectedAccount({ organizationId: ACME, slug: 'slack' });
    assert.equal(left.id, first.id);
  });

  test('deleteOrganizationConnectedAccount without selector removes the compatibility connection', async () => {
    await importShared();
    await ctx.workos.pipes.deleteOrganizationConnectedAccount({ organizationId: ACME, slug: 'slack' });
    const e = await rejection(ctx.workos.pipes.getOrganizationConnectedAccount({ organizationId: ACME, slug: 'slack' }));
    assertApiError(assert, e, { type: NotFoundException, status: 404 });
  });

  test('a shared connection of a provider without an organization root is 404', async () => {
    const e = await rejection(ctx.workos.pipes.createOrganizationConnectedAccount({
      organizationId: ACME, slug: 'github', userId: GRACE, accessToken: 'gho_nope_000000000000000000',
    }));
    assertApiError(assert, e, { type: NotFoundException, status: 404 });
  });
});
