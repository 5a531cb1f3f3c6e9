// The secure flow through the app, walked like a browser: /connect → consent → the app's
// return URL with the session cookie → finishConnection; then a fresh token and a call to
// the (fake) provider's API. And the ways it must fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADA, ADA_GITHUB_PERSONAL, GRACE, accountIdOf, appEnv, browser, connectInBrowser, freePort, startApp, startFake, startStack,
} from './helpers.mjs';

test('Grace connects GitHub: authorize with a code challenge, consent, callback finishes the connection', async (t) => {
  const { fake, app } = await startStack(t);
  const first = await fetch(`${app.url}/connect?user=${GRACE}`, { redirect: 'manual' });
  assert.equal(first.status, 302);
  assert.match(first.headers.get('set-cookie'), /HttpOnly/);
  assert.match(first.headers.get('set-cookie'), /SameSite=Lax/);
  const authorize = new URL(first.headers.get('location'));
  assert.equal(authorize.origin, fake.baseUrl, 'sent to WorkOS (the fake)');
  assert.doesNotMatch(authorize.href, /code_verifier/);

  const page = await connectInBrowser(app, GRACE);
  assert.equal(page.status, 200, page.text);
  assert.ok(page.url.startsWith(`${app.url}/callback?`), `ended at ${page.url}`);
  const account = accountIdOf(page.text);
  assert.match(account ?? '', /^data_installation_/, page.text);
  assert.match(app.output(), new RegExp(`connected: github ${account} for ${GRACE}`));

  const state = (await fake.api('GET', `/user_management/users/${GRACE}/connected_accounts/github`));
  assert.equal(state.state, 'connected');

  // The same return URL again: the state was used once, so the app refuses it.
  const again = await page.browser.go(page.url);
  assert.equal(again.status, 400);
  assert.match(again.text, /does not belong to a connection/);
});

test('a callback without the session that started it is refused; nothing is finished', async (t) => {
  const { app } = await startStack(t);
  // A connection is pending in one browser; another request (no cookie) brings a state.
  const pending = await browser().go(`${app.url}/connect?user=${GRACE}`);
  assert.equal(pending.status, 200, 'the consent page');
  const forged = await fetch(`${app.url}/callback?state=not-mine&connect_code=abc`);
  assert.equal(forged.status, 400);
  assert.match(await forged.text(), /does not belong to a connection/);
  const bare = await fetch(`${app.url}/callback`);
  assert.equal(bare.status, 400);
  assert.doesNotMatch(app.output(), /connected: github/);
});

test('a denied consent comes back as error + state and is shown as a failure', async (t) => {
  const { app } = await startStack(t);
  const page = await connectInBrowser(app, GRACE, { decision: 'deny' });
  assert.ok(page.url.startsWith(`${app.url}/callback?`), `ended at ${page.url}`);
  assert.equal(page.status, 400);
  assert.match(page.text, /The connection failed: access_denied/);
  assert.equal(accountIdOf(page.text), undefined);
});

test('a return URL WorkOS does not have registered: /connect fails with WorkOS\'s reason', async (t) => {
  const fake = await startFake(t);
  const port = await freePort();
  const app = await startApp(t, { port, env: appEnv(fake, port, { PIPES_RETURN_URL: `http://127.0.0.1:${port}/elsewhere` }) });
  const res = await fetch(`${app.url}/connect?user=${GRACE}`, { redirect: 'manual' });
  assert.equal(res.status, 502);
  const text = await res.text();
  assert.match(text, /return_to_requires_exact_match/);
  assert.match(text, /HTTP 400/);
});

test('GET /connect without a user is a 400 that says what to send', async (t) => {
  const { app } = await startStack(t);
  const res = await fetch(`${app.url}/connect`, { redirect: 'manual' });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /connect\?user=/);
});

test('the provider route gets a fresh token for the new connection and calls the provider, never showing the token', async (t) => {
  const { app } = await startStack(t);
  const page = await connectInBrowser(app, GRACE);
  const account = accountIdOf(page.text);
  assert.ok(account, page.text);
  const link = page.text.match(/id="call-provider" href="([^"]+)"/)[1].replaceAll('&amp;', '&');
  const res = await fetch(new URL(link, app.url));
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.doesNotMatch(text, /gho_/);
  const body = JSON.parse(text);
  assert.equal(body.status, 200);
  assert.equal(body.provider, 'github');
  assert.ok(body.url.endsWith('/provider-api/github/user'), body.url);
  assert.equal(body.body.connected_account_id, account);
  assert.equal(typeof body.body.login, 'string');
  assert.ok(body.body.login.length > 0);
});

test('the provider route picks one of several connections by connected_account_id', async (t) => {
  const { app } = await startStack(t);
  const res = await fetch(`${app.url}/api/provider/user?user=${ADA}&account=${ADA_GITHUB_PERSONAL}`);
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.doesNotMatch(text, /gho_/);
  const body = JSON.parse(text);
  assert.equal(body.body.login, 'ada-lovelace');
  assert.equal(body.body.connected_account_id, ADA_GITHUB_PERSONAL);

  const missing = await fetch(`${app.url}/api/provider/user?user=${ADA}`);
  assert.equal(missing.status, 400);
  const unknown = await fetch(`${app.url}/api/provider/user?user=${ADA}&account=data_installation_01NOPE0000000000000000000`);
  const unknownText = await unknown.text();
  assert.ok(unknown.status >= 400, unknownText);
  assert.doesNotMatch(unknownText, /gho_/);
});
