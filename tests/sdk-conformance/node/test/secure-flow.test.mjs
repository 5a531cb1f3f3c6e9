// The session-bound (PKCE) authorization, end to end over HTTP, through the official SDK:
// authorizeDataIntegration → consent page → connect_code + state at a local return URL →
// finishConnection. Also the old flow without a code challenge, and redirect URI registration.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GenericServerException } from '@workos-inc/node';
import {
  ADA, GRACE, assertApiError, consent, pkcePair, rejection, returnUrlServer, secureAuthorize,
  useFake,
} from './harness.mjs';

const ctx = useFake();
beforeEach(() => ctx.reset());

const grace = (extra = {}) => ({ slug: 'github', userId: GRACE, ...extra });

describe('secure flow: authorize → consent → finish', () => {
  test('the account is saved only by finishConnection, with the state echoed at return_to', async () => {
    const { answer, verifier, got, returnTo } = await secureAuthorize(ctx.workos, grace());
    assert.equal(answer.completion, 'finish_required');
    assert.match(answer.state, /\S{8,}/);
    assert.equal(got.path, '/callback', `return_to reached unchanged: ${returnTo}`);
    assert.equal(got.state, answer.state);
    assert.match(got.connect_code ?? '', /\S{8,}/, JSON.stringify(got));
    assert.equal(got.error, undefined);

    const providers = await ctx.workos.pipes.listUserDataProviders({ userId: GRACE });
    assert.equal(providers.data.find((p) => p.slug === 'github').connectedAccount, null,
      'nothing is saved before finish');

    const done = await ctx.workos.pipes.finishConnection({
      connectCode: got.connect_code, codeVerifier: verifier, state: got.state,
    });
    const account = done.connectedAccount;
    assert.match(account.id, /^data_installation_/);
    assert.equal(account.userId, GRACE);
    assert.equal(account.state, 'connected');
    assert.equal(account.connectionRole, 'compatibility', 'the first connection fills the compatibility slot');
    assert.ok(account.scopes.includes('repo'), JSON.stringify(account.scopes));

    const read = await ctx.workos.pipes.getUserConnectedAccount({ userId: GRACE, slug: 'github' });
    assert.equal(read.id, account.id);
    const token = await ctx.workos.pipes.getAccessToken({ provider: 'github', userId: GRACE });
    assert.equal(token.active, true);
  });

  test('a connect_code works once', async () => {
    const { verifier, got } = await secureAuthorize(ctx.workos, grace());
    await ctx.workos.pipes.finishConnection({ connectCode: got.connect_code, codeVerifier: verifier });
    const e = await rejection(ctx.workos.pipes.finishConnection({ connectCode: got.connect_code, codeVerifier: verifier }));
    assertApiError(assert, e, { type: GenericServerException, status: 400, code: 'invalid_connect_code' });
  });

  test('a wrong verifier uses the code up', async () => {
    const { verifier, got } = await secureAuthorize(ctx.workos, grace());
    const wrong = await rejection(ctx.workos.pipes.finishConnection({
      connectCode: got.connect_code, codeVerifier: pkcePair().verifier,
    }));
    assertApiError(assert, wrong, { status: 400, code: 'invalid_connect_code' });
    const late = await rejection(ctx.workos.pipes.finishConnection({ connectCode: got.connect_code, codeVerifier: verifier }));
    assertApiError(assert, late, { status: 400, code: 'invalid_connect_code' });
    const account = await rejection(ctx.workos.pipes.getUserConnectedAccount({ userId: GRACE, slug: 'github' }));
    assert.equal(account.status, 404, 'nothing was saved');
  });

  test('a code older than 90 s has expired (fake clock)', async () => {
    const { verifier, got } = await secureAuthorize(ctx.workos, grace());
    await ctx.admin('/clock', { advance_seconds: 91 });
    const e = await rejection(ctx.workos.pipes.finishConnection({ connectCode: got.connect_code, codeVerifier: verifier }));
    assertApiError(assert, e, { status: 400, code: 'authorization_state_expired' });
  });

  test('a code still inside 90 s finishes (fake clock at 80 s)', async () => {
    const { verifier, got } = await secureAuthorize(ctx.workos, grace());
    await ctx.admin('/clock', { advance_seconds: 80 });
    const done = await ctx.workos.pipes.finishConnection({ connectCode: got.connect_code, codeVerifier: verifier });
    assert.equal(done.connectedAccount.userId, GRACE);
  });

  test('an unknown connect_code is refused', async () => {
    const e = await rejection(ctx.workos.pipes.finishConnection({
      connectCode: 'connect_code_that_was_never_issued', codeVerifier: pkcePair().verifier,
    }));
    assertApiError(assert, e, { status: 400, code: 'invalid_connect_code' });
  });

  test('denial reaches return_to as error + state, with no connect_code', async () => {
    const { answer, got } = await secureAuthorize(ctx.workos, grace({ decision: 'deny' }));
    assert.equal(got.error, 'access_denied');
    assert.equal(got.state, answer.state);
    assert.equal(got.connect_code, undefined);
  });
});

describe('secure flow: return_to rules', () => {
  test('an unregistered return_to is refused with return_to_requires_exact_match', async () => {
    const { challenge } = pkcePair();
    for (const returnTo of ['https://evil.example/callback', 'http://127.0.0.1:4321/not-registered']) {
      const e = await rejection(ctx.workos.pipes.authorizeDataIntegration(grace({ returnTo, codeChallenge: challenge })));
      assertApiError(assert, e, { status: 400, code: 'return_to_requires_exact_match' });
    }
  });

  test('a return_to with a query or a fragment never matches', async () => {
    const { challenge } = pkcePair();
    for (const returnTo of ['http://127.0.0.1:4321/callback?x=1', 'http://127.0.0.1:4321/callback#frag']) {
      const e = await rejection(ctx.workos.pipes.authorizeDataIntegration(grace({ returnTo, codeChallenge: challenge })));
      assertApiError(assert, e, { status: 400, code: 'return_to_requires_exact_match' });
    }
  });

  test('a malformed or missing return_to with a code challenge is invalid_return_to', async () => {
    const { challenge } = pkcePair();
    const bad = await rejection(ctx.workos.pipes.authorizeDataIntegration(grace({ returnTo: 'nope', codeChallenge: challenge })));
    assertApiError(assert, bad, { status: 400, code: 'invalid_return_to' });
    const missing = await rejection(ctx.workos.pipes.authorizeDataIntegration(grace({ codeChallenge: challenge })));
    assertApiError(assert, missing, { status: 400, code: 'invalid_return_to' });
  });

  test('a loopback return_to matches the registered http://127.0.0.1/callback on any port', async () => {
    const { got } = await secureAuthorize(ctx.workos, grace());
    assert.ok(got.connect_code, JSON.stringify(got));
  });
});

describe('redirect URI registration', () => {
  // @workos-inc/node 12.3.0 has no createRedirectUri (no method sends
  // /user_management/redirect_uris); the suite uses the SDK client's own post(), so the
  // request still goes through the SDK's HTTP client, auth and error mapping.
  const createRedirectUri = (workos, uri) => workos.post('/user_management/redirect_uris', { uri });

  test('register a return URL, then authorize with it end to end', async () => {
    const { challenge } = pkcePair();
    const ret = await returnUrlServer('/pipes/return');
    ret.close();
    const before = await rejection(ctx.workos.pipes.authorizeDataIntegration(
      grace({ returnTo: ret.url, codeChallenge: challenge })));
    assertApiError(assert, before, { status: 400, code: 'return_to_requires_exact_match' });

    const { data } = await createRedirectUri(ctx.workos, 'http://127.0.0.1/pipes/return');
    assert.equal(data.object, 'redirect_uri');
    assert.equal(data.uri, 'http://127.0.0.1/pipes/return');
    assert.match(data.id, /\S/);

    const { got, verifier } = await secureAuthorize(ctx.workos, grace({ returnPath: '/pipes/return' }));
    assert.equal(got.path, '/pipes/return');
    const done = await ctx.workos.pipes.finishConnection({ connectCode: got.connect_code, codeVerifier: verifier });
    assert.equal(done.connectedAccount.userId, GRACE);
  });

  test('a wildcard redirect URI is not honored', async () => {
    await createRedirectUri(ctx.workos, 'http://127.0.0.1/wild/*');
    const { challenge } = pkcePair();
    const e = await rejection(ctx.workos.pipes.authorizeDataIntegration(
      grace({ returnTo: 'http://127.0.0.1:4321/wild/anything', codeChallenge: challenge })));
    assertApiError(assert, e, { status: 400, code: 'return_to_requires_exact_match' });
  });
});

describe('without a code challenge', () => {
  test('the connection is saved on the provider callback, return_to gets no connect_code', async () => {
    const ret = await returnUrlServer();
    try {
      const answer = await ctx.workos.pipes.authorizeDataIntegration({ slug: 'slack', userId: GRACE, returnTo: ret.url });
      assert.equal(answer.completion, undefined);
      assert.match(answer.url, /^http/);
      await consent(answer.url);
      const got = await ret.received;
      assert.equal(got.connect_code, undefined);
    } finally {
      ret.close();
    }
    const account = await ctx.workos.pipes.getUserConnectedAccount({ userId: GRACE, slug: 'slack' });
    assert.equal(account.state, 'connected');
    assert.equal(account.userId, GRACE);
  });

  test('Ada already has GitHub: the plain authorize reconnects the compatibility connection', async () => {
    const ret = await returnUrlServer();
    try {
      const answer = await ctx.workos.pipes.authorizeDataIntegration({ slug: 'github', userId: ADA, returnTo: ret.url });
      await consent(answer.url);
      await ret.received;
    } finally {
      ret.close();
    }
    const all = await ctx.workos.pipes.listUserDataProviders({ userId: ADA, supportsMultipleConnections: true });
    assert.equal(all.data.find((p) => p.slug === 'github').connectedAccounts.length, 2, 'no third connection');
  });
});
