// The SDK's exception classes, from genuine API behaviour (wrong key, read-only key,
// unknown slug, ambiguous selection, invalid input); faults only for 429 and 5xx.
// handleHttpError (lib/factory-ND4UZ76L.mjs, class WorkOS) maps 401 → UnauthorizedException,
// 404 → NotFoundException, 409 → ConflictException, 422 → UnprocessableEntityException,
// 429 → RateLimitExceededException; 400 and 403 fall to BadRequestException (code + errors)
// or GenericServerException; the SDK has no AuthorizationException class.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BadRequestException, ConflictException, GenericServerException, NotFoundException,
  RateLimitExceededException, UnauthorizedException, UnprocessableEntityException,
} from '@workos-inc/node';
import {
  ADA, DEMO_KEY, FORBIDDEN_KEY, GRACE, LIVE_ADA, LIVE_KEY, WRONG_KEY, assertApiError, rejection,
  useFake,
} from './harness.mjs';

const ctx = useFake();
beforeEach(async () => {
  await ctx.reset();
  await fetch(`${ctx.fake.baseUrl}/__admin/faults`, { method: 'DELETE' });
});

describe('keys', () => {
  test('the demo key works and sees the sandbox', async () => {
    const workos = ctx.client(DEMO_KEY);
    const account = await workos.pipes.getUserConnectedAccount({ userId: ADA, slug: 'github' });
    assert.equal(account.userId, ADA);
  });

  test('the live key sees production, not the sandbox', async () => {
    const live = ctx.client(LIVE_KEY);
    const providers = await live.pipes.listUserDataProviders({ userId: LIVE_ADA });
    assert.ok(providers.data.some((p) => p.slug === 'github'));
    const e = await rejection(live.pipes.listUserDataProviders({ userId: ADA }));
    assertApiError(assert, e, { type: NotFoundException, status: 404 });
  });

  test('401: a wrong key raises UnauthorizedException with the request id', async () => {
    const e = await rejection(ctx.client(WRONG_KEY).pipes.listDataIntegrations());
    assertApiError(assert, e, { type: UnauthorizedException, status: 401 });
  });

  test('401: a wrong key on a write (POST) is UnauthorizedException too', async () => {
    const e = await rejection(ctx.client(WRONG_KEY).pipes.getAccessToken({ provider: 'github', userId: ADA }));
    assertApiError(assert, e, { type: UnauthorizedException, status: 401 });
  });

  test('403: a key without permission raises GenericServerException 403 with a message', async () => {
    const e = await rejection(ctx.client(FORBIDDEN_KEY).pipes.listDataIntegrations());
    assertApiError(assert, e, { type: GenericServerException, status: 403 });
    assert.match(e.message, /\S/);
    assert.ok(!(e instanceof UnauthorizedException));
  });
});

describe('4xx from the API itself', () => {
  test('404: unknown integration raises NotFoundException with the message', async () => {
    const e = await rejection(ctx.workos.pipes.getDataIntegration({ slug: 'no-such-provider' }));
    assertApiError(assert, e, { type: NotFoundException, status: 404 });
    assert.match(e.message, /no-such-provider/);
  });

  test('404: unknown user raises NotFoundException', async () => {
    const e = await rejection(ctx.workos.pipes.listUserDataProviders({ userId: 'user_01JDEM0N0B0DY000000000000' }));
    assertApiError(assert, e, { type: NotFoundException, status: 404 });
  });

  test('409: account_selection_required raises ConflictException with code', async () => {
    const e = await rejection(ctx.workos.pipes.getAccessToken({ provider: 'github', userId: ADA, supportsMultipleConnections: true }));
    assertApiError(assert, e, { type: ConflictException, status: 409, code: 'account_selection_required' });
  });

  test('422: an out-of-range limit raises UnprocessableEntityException', async () => {
    const e = await rejection(ctx.workos.pipes.listDataIntegrations({ limit: 1000 }));
    assertApiError(assert, e, { type: UnprocessableEntityException, status: 422 });
  });

  test('422: a token for an API-key installation is auth_method_mismatch', async () => {
    await ctx.workos.pipes.createDataIntegration({ provider: 'linear', authMethods: ['api_key'], enabled: true });
    await ctx.workos.pipes.updateDataIntegrationApiKey({ slug: 'linear', userId: GRACE, secret: 'lin_api_0000_9999' });
    const e = await rejection(ctx.workos.pipes.getAccessToken({ provider: 'linear', userId: GRACE }));
    assertApiError(assert, e, { type: UnprocessableEntityException, status: 422, code: 'auth_method_mismatch' });
  });

  test('422: importing an account with an unknown state is invalid_request_parameters', async () => {
    const e = await rejection(ctx.workos.pipes.createUserConnectedAccount({
      userId: GRACE, slug: 'github', accessToken: 'gho_x_00000000000000000000000', state: 'sleeping',
    }));
    assertApiError(assert, e, { type: UnprocessableEntityException, status: 422 });
  });

  test('400: a malformed return_to carries code invalid_return_to', async () => {
    const e = await rejection(ctx.workos.pipes.authorizeDataIntegration({
      slug: 'github', userId: GRACE, returnTo: 'not a url', codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    }));
    assertApiError(assert, e, { status: 400, code: 'invalid_return_to' });
    assert.ok(e instanceof GenericServerException || e instanceof BadRequestException, e.name);
  });

  test('400: getAccessToken without user_id', async () => {
    const e = await rejection(ctx.workos.pipes.getAccessToken({ provider: 'github' }));
    assertApiError(assert, e, { status: 400 });
  });
});

describe('429 and 5xx (injected faults)', () => {
  test('429 raises RateLimitExceededException with retryAfter once retries are exhausted', async () => {
    await ctx.admin('/faults', { path: '/data-integrations/github', status: 429, retry_after: 7, times: 1 });
    const noRetry = ctx.client(DEMO_KEY, { maxRetries: 0 });
    const e = await rejection(noRetry.pipes.getDataIntegration({ slug: 'github' }));
    assertApiError(assert, e, { type: RateLimitExceededException, status: 429 });
    assert.equal(e.retryAfter, 7);
  });

  test('a single 429 is retried by the SDK (Retry-After honoured) and then succeeds', async () => {
    await ctx.admin('/faults', { path: '/data-integrations/github', status: 429, retry_after: 1, times: 1 });
    const started = Date.now();
    const github = await ctx.workos.pipes.getDataIntegration({ slug: 'github' });
    assert.equal(github.slug, 'github');
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
  });

  test('503 raises GenericServerException with status and request id', async () => {
    await ctx.admin('/faults', { path: '/data-integrations/github', status: 503, times: 1 });
    const noRetry = ctx.client(DEMO_KEY, { maxRetries: 0 });
    const e = await rejection(noRetry.pipes.getDataIntegration({ slug: 'github' }));
    assertApiError(assert, e, { type: GenericServerException, status: 503 });
  });

  test('a fault on one route leaves the others alone', async () => {
    await ctx.admin('/faults', { path: '/data-integrations/github', status: 500, times: 5 });
    const slack = await ctx.client(DEMO_KEY, { maxRetries: 0 }).pipes.getDataIntegration({ slug: 'slack' });
    assert.equal(slack.slug, 'slack');
  });
});
