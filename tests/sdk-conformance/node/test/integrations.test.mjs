// User-owned integrations and their installations: integration CRUD, API-key and
// client-credentials installations (upsert PUT and "create another" POST), imported OAuth
// accounts, tokens and vended credentials, data providers.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictException, NotFoundException } from '@workos-inc/node';
import {
  ACME, ADA, GRACE, GRACE_NOTION, assertApiError, rejection, useFake,
} from './harness.mjs';

const ctx = useFake();
beforeEach(() => ctx.reset());

const createApiKeyIntegration = () => ctx.workos.pipes.createDataIntegration({
  provider: 'linear', authMethods: ['api_key'], enabled: true, description: 'Linear by API key',
});
const createClientCredentialsIntegration = () => ctx.workos.pipes.createDataIntegration({
  provider: 'salesforce', authMethods: ['client_credentials'], enabled: true,
});

describe('integrations', () => {
  test('listDataIntegrations lists custom-credential integrations, not WorkOS-managed shared ones', async () => {
    const list = await ctx.workos.pipes.listDataIntegrations({ limit: 100 });
    const drive = list.data.find((i) => i.slug === 'google-drive' && i.ownership === 'user');
    assert.ok(drive, JSON.stringify(list.data.map((i) => i.slug)));
    assert.equal(drive.credentials.type, 'custom');
    assert.match(drive.credentials.redactedClientSecret, /^•+.{4}$/);
    assert.equal(drive.credentials.clientSecret, undefined, 'a client secret is never returned');
    assert.ok(!list.data.some((i) => i.slug === 'github' && i.ownership === 'user'), 'shared github is not listed');
  });

  test('getDataIntegration returns the user-owned root, also for shared credentials', async () => {
    const github = await ctx.workos.pipes.getDataIntegration({ slug: 'github' });
    assert.equal(github.slug, 'github');
    assert.equal(github.ownership, 'user');
    assert.equal(github.credentials, null, 'shared credentials are WorkOS-managed');
    assert.match(github.redirectUri, /\/data-integrations\/github\/dik_[0-9A-Z]+\/callback$/);
    assert.deepEqual(github.scopes, ['repo', 'read:user']);
    assert.ok(github.createdAt instanceof Date && !Number.isNaN(github.createdAt.getTime()));
  });

  test('create, update and delete an API-key integration', async () => {
    const created = await createApiKeyIntegration();
    assert.equal(created.slug, 'linear');
    assert.equal(created.ownership, 'user');
    assert.deepEqual(created.authMethods, ['api_key']);
    assert.equal(created.redirectUri, '', 'api_key integrations have an empty redirect_uri');
    assert.equal(created.credentials, null);
    const updated = await ctx.workos.pipes.updateDataIntegration({ slug: 'linear', description: 'Linear (team)' });
    assert.equal(updated.id, created.id);
    assert.equal(updated.description, 'Linear (team)');
    const listed = await ctx.workos.pipes.listDataIntegrations({ limit: 100 });
    assert.ok(listed.data.some((i) => i.id === created.id), 'api_key integrations are listed');
    await ctx.workos.pipes.deleteDataIntegration({ slug: 'linear' });
    const e = await rejection(ctx.workos.pipes.getDataIntegration({ slug: 'linear' }));
    assertApiError(assert, e, { type: NotFoundException, status: 404 });
  });

  test('a second user-owned integration of the same provider is 409', async () => {
    await createApiKeyIntegration();
    const e = await rejection(createApiKeyIntegration());
    assertApiError(assert, e, { type: ConflictException, status: 409 });
  });

  test('the organization root of a provider can be created beside the user root', async () => {
    await createApiKeyIntegration();
    const org = await ctx.workos.pipes.createDataIntegration({
      provider: 'linear', authMethods: ['api_key'], enabled: true, ownership: 'organization',
    });
    assert.equal(org.ownership, 'organization');
    const fetched = await ctx.workos.pipes.getOrganizationDataIntegration({ slug: 'linear' });
    assert.equal(fetched.id, org.id);
  });
});

describe('API-key installations', () => {
  test('updateDataIntegrationApiKey creates, then rotates, the compatibility connection', async () => {
    await createApiKeyIntegration();
    const first = await ctx.workos.pipes.updateDataIntegrationApiKey({
      slug: 'linear', userId: GRACE, secret: 'lin_api_first_1111', accountDisplayName: 'Grace (Linear)',
      accountIdentifier: 'grace-linear',
    });
    assert.equal(first.authMethod, 'api_key');
    assert.equal(first.apiKeyLast4, '1111');
    assert.equal(first.connectionRole, 'compatibility');
    assert.equal(first.accountDisplayName, 'Grace (Linear)');
    assert.equal(first.accountIdentifier, 'grace-linear');
    const rotated = await ctx.workos.pipes.updateDataIntegrationApiKey({ slug: 'linear', userId: GRACE, secret: 'lin_api_second_2222' });
    assert.equal(rotated.id, first.id);
    assert.equal(rotated.apiKeyLast4, '2222');
    const vended = await ctx.workos.pipes.createDataIntegrationCredential({ slug: 'linear', userId: GRACE });
    assert.equal(vended.active, true);
    assert.equal(vended.credential.authMethod, 'api_key');
    assert.equal(vended.credential.value, 'lin_api_second_2222');
  });

  test('createDataIntegrationApiKey (connectionIntent add) adds a standard connection; PUT reauthorize targets it', async () => {
    await createApiKeyIntegration();
    const compat = await ctx.workos.pipes.updateDataIntegrationApiKey({ slug: 'linear', userId: GRACE, secret: 'lin_api_compat_0001' });
    const added = await ctx.workos.pipes.createDataIntegrationApiKey({
      slug: 'linear', userId: GRACE, secret: 'lin_api_added_0002', connectionIntent: 'add', accountDisplayName: 'Grace (side project)',
    });
    assert.notEqual(added.id, compat.id);
    assert.equal(added.connectionRole, 'standard');
    assert.equal(added.apiKeyLast4, '0002');
    assert.equal(added.accountDisplayName, 'Grace (side project)');
    const rotated = await ctx.workos.pipes.updateDataIntegrationApiKey({
      slug: 'linear', userId: GRACE, secret: 'lin_api_rotated_0003', connectionIntent: 'reauthorize', connectedAccountId: added.id,
    });
    assert.equal(rotated.id, added.id);
    assert.equal(rotated.apiKeyLast4, '0003');
    const vended = await ctx.workos.pipes.createDataIntegrationCredential({ slug: 'linear', userId: GRACE });
    assert.equal(vended.credential.value, 'lin_api_compat_0001', 'the compatibility key is unchanged');
    const exact = await ctx.workos.pipes.createDataIntegrationCredential({
      slug: 'linear', userId: GRACE, supportsMultipleConnections: true, connectedAccountId: added.id,
    });
    assert.equal(exact.credential.value, 'lin_api_rotated_0003');
  });

  test('an API key for an unknown integration is 404', async () => {
    const e = await rejection(ctx.workos.pipes.updateDataIntegrationApiKey({ slug: 'no-such-provider', userId: GRACE, secret: 'x_0000' }));
    assertApiError(assert, e, { type: NotFoundException, status: 404 });
  });
});

describe('client-credentials installations', () => {
  test('updateDataIntegrationClientCredentials upserts; createDataIntegrationClientCredential adds another', async () => {
    await createClientCredentialsIntegration();
    const compat = await ctx.workos.pipes.updateDataIntegrationClientCredentials({
      slug: 'salesforce', userId: GRACE, clientId: '3MVG9.grace', clientSecret: 'cc-secret-aaaa',
      config: { salesforce_host: 'acme.my.salesforce.com' }, accountDisplayName: 'Acme Salesforce',
    });
    assert.equal(compat.authMethod, 'client_credentials');
    assert.equal(compat.clientId, '3MVG9.grace');
    assert.equal(compat.clientSecretLast4, 'aaaa');
    assert.equal(compat.connectionRole, 'compatibility');
    assert.equal(compat.accountDisplayName, 'Acme Salesforce');
    const added = await ctx.workos.pipes.createDataIntegrationClientCredential({
      slug: 'salesforce', userId: GRACE, clientId: '3MVG9.sandbox', clientSecret: 'cc-secret-bbbb', connectionIntent: 'add',
    });
    assert.notEqual(added.id, compat.id);
    assert.equal(added.connectionRole, 'standard');
    assert.equal(added.clientSecretLast4, 'bbbb');
    const vended = await ctx.workos.pipes.createDataIntegrationCredential({ slug: 'salesforce', userId: GRACE });
    assert.equal(vended.active, true);
    assert.equal(vended.credential.authMethod, 'client_credentials');
    assert.match(vended.credential.value, /\S{8,}/);
  });
});

describe('user connected accounts (OAuth import)', () => {
  test('import, mark for reauthorization, delete: the token follows the state', async () => {
    const created = await ctx.workos.pipes.createUserConnectedAccount({
      userId: GRACE, slug: 'github', accessToken: 'gho_grace_imported_00000000000', scopes: ['repo'],
      accountDisplayName: 'Grace (GitHub)',
    });
    assert.equal(created.userId, GRACE);
    assert.equal(created.state, 'connected');
    assert.deepEqual(created.scopes, ['repo']);
    assert.equal(created.accountDisplayName, 'Grace (GitHub)');
    const token = await ctx.workos.pipes.getAccessToken({ provider: 'github', userId: GRACE });
    assert.equal(token.active, true);
    assert.equal(token.accessToken.accessToken, 'gho_grace_imported_00000000000');
    assert.deepEqual(token.accessToken.missingScopes, ['read:user']);

    const marked = await ctx.workos.pipes.updateUserConnectedAccount({ userId: GRACE, slug: 'github', state: 'needs_reauthorization' });
    assert.equal(marked.id, created.id);
    assert.equal(marked.state, 'needs_reauthorization');
    const stale = await ctx.workos.pipes.getAccessToken({ provider: 'github', userId: GRACE });
    assert.deepEqual(stale, { active: false, error: 'needs_reauthorization' });

    await ctx.workos.pipes.deleteUserConnectedAccount({ userId: GRACE, slug: 'github' });
    const gone = await rejection(ctx.workos.pipes.getUserConnectedAccount({ userId: GRACE, slug: 'github' }));
    assertApiError(assert, gone, { type: NotFoundException, status: 404 });
    const none = await ctx.workos.pipes.getAccessToken({ provider: 'github', userId: GRACE });
    assert.deepEqual(none, { active: false, error: 'not_installed' });
  });

  test('importing over an existing compatibility connection is 409', async () => {
    const e = await rejection(ctx.workos.pipes.createUserConnectedAccount({
      userId: ADA, slug: 'github', accessToken: 'gho_again_000000000000000000',
    }));
    assertApiError(assert, e, { type: ConflictException, status: 409 });
  });

  test('an organization-scoped connection is read with organizationId; a user-owned one has no state_reason', async () => {
    const account = await ctx.workos.pipes.getUserConnectedAccount({ userId: GRACE, slug: 'notion', organizationId: ACME });
    assert.equal(account.id, GRACE_NOTION);
    assert.equal(account.organizationId, ACME);
    assert.equal(account.state, 'needs_reauthorization');
    // state_reason is only set on organization-owned connections whose establishing member left.
    assert.equal(account.stateReason, null);
    const providers = await ctx.workos.pipes.listUserDataProviders({ userId: GRACE, organizationId: ACME });
    assert.equal(providers.data.find((p) => p.slug === 'notion').connectedAccount.id, GRACE_NOTION);
    const token = await ctx.workos.pipes.getAccessToken({ provider: 'notion', userId: GRACE, organizationId: ACME });
    assert.deepEqual(token, { active: false, error: 'needs_reauthorization' });
  });

  test('listUserDataProviders: every enabled user-owned provider, with its owner', async () => {
    const providers = await ctx.workos.pipes.listUserDataProviders({ userId: ADA });
    const slugs = providers.data.map((p) => p.slug).sort();
    for (const slug of ['github', 'google-drive', 'notion', 'slack']) assert.ok(slugs.includes(slug), JSON.stringify(slugs));
    assert.ok(providers.data.every((p) => p.connectionOwner === 'user'),
      JSON.stringify(providers.data.map((p) => [p.slug, p.connectionOwner])));
  });
});
