// POST /webhooks/workos: a delivery WorkOS (the fake) signs with the endpoint's secret is
// accepted; the wrong secret, a tampered body, a replay, a stale signature are 400.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { appEnv, freePort, startApp, startFake } from './helpers.mjs';

const EVENT = 'pipes.connected_account.connected';

/** Registers the app's webhook URL on the fake (API key) and starts the app with `secret`. */
async function registeredApp(t, fake, { secret } = {}) {
  const port = await freePort();
  const endpoint = await fake.api('POST', '/webhook_endpoints', {
    endpoint_url: `http://127.0.0.1:${port}/webhooks/workos`, events: [EVENT],
  });
  assert.match(endpoint.secret, /\S{8,}/);
  const app = await startApp(t, { port, env: appEnv(fake, port, { WORKOS_WEBHOOK_SECRET: secret ?? endpoint.secret }) });
  return { app, endpoint };
}

/** A real signed delivery from the fake, captured (body and header) instead of delivered. */
async function capturedDelivery(fake, secret) {
  let got;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { got = { body, signature: req.headers['workos-signature'] }; res.end('ok'); });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const sent = await fake.admin('/webhook-test', { url: `http://127.0.0.1:${server.address().port}/hook`, secret, event: EVENT });
    assert.equal(sent.status, 200);
  } finally {
    server.close();
  }
  return got;
}

const post = (app, body, signature) => fetch(`${app.url}/webhooks/workos`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(signature ? { 'workos-signature': signature } : {}) },
  body,
});

test('a test event signed with the endpoint\'s secret is verified: 200, and the app logs its type', async (t) => {
  const fake = await startFake(t);
  const { app, endpoint } = await registeredApp(t, fake);
  const sent = await fake.admin('/webhook-test', { endpoint_id: endpoint.id, event: EVENT });
  assert.equal(sent.status, 200, JSON.stringify(sent));
  assert.equal(sent.error, null);
  await app.waitFor(new RegExp(`webhook: ${EVENT.replaceAll('.', '\\.')} ${sent.event_id}`));
});

test('the app started with the wrong webhook secret answers the same delivery 400', async (t) => {
  const fake = await startFake(t);
  const { app, endpoint } = await registeredApp(t, fake, { secret: 'whsec_not_the_endpoints_secret_000000' });
  const sent = await fake.admin('/webhook-test', { endpoint_id: endpoint.id, event: EVENT });
  assert.equal(sent.status, 400, JSON.stringify(sent));
  await app.waitFor(/webhook rejected: Signature hash does not match|invalid_signature/);
  assert.doesNotMatch(app.output(), new RegExp(`webhook: ${EVENT.replaceAll('.', '\\.')}`));
});

test('a tampered body, a replay, a stale signature and no signature are all 400', async (t) => {
  const fake = await startFake(t);
  const secret = 'whsec_example_app_test_secret_0001';
  const port = await freePort();
  const app = await startApp(t, { port, env: appEnv(fake, port, { WORKOS_WEBHOOK_SECRET: secret }) });

  const real = await capturedDelivery(fake, secret);
  const first = await post(app, real.body, real.signature);
  assert.equal(first.status, 200, await first.text());

  const replay = await post(app, real.body, real.signature);
  assert.equal(replay.status, 400);
  assert.match((await replay.json()).message, /replayed/);

  const fresh = await capturedDelivery(fake, secret);
  const tampered = fresh.body.replace(/"user_id":"[^"]*"/, '"user_id":"user_01ATTACKER0000000000000000"');
  assert.notEqual(tampered, fresh.body);
  const forged = await post(app, tampered, fresh.signature);
  assert.equal(forged.status, 400);
  assert.match((await forged.json()).message, /Signature hash does not match/);

  // Reformatted JSON is another body: the signature covers the raw bytes.
  const reformatted = await post(app, JSON.stringify(JSON.parse(fresh.body), null, 2), fresh.signature);
  assert.equal(reformatted.status, 400);

  await fake.admin('/clock', { advance_seconds: -600 });
  const stale = await capturedDelivery(fake, secret);
  const old = await post(app, stale.body, stale.signature);
  assert.equal(old.status, 400);
  assert.match((await old.json()).message, /tolerance/);

  const unsigned = await post(app, fresh.body);
  assert.equal(unsigned.status, 400);
  assert.equal((await unsigned.json()).error, 'missing_signature');

  // The untouched fresh delivery is still good.
  const ok = await post(app, fresh.body, fresh.signature);
  assert.equal(ok.status, 200);
});

test('without WORKOS_WEBHOOK_SECRET the webhook route answers 500 saying so; no key is needed to verify', async (t) => {
  const fake = await startFake(t);
  const port = await freePort();
  const noSecret = await startApp(t, { port, env: appEnv(fake, port) });
  const res = await post(noSecret, '{}', 't=1, v1=00');
  assert.equal(res.status, 500);
  assert.match((await res.json()).message, /WORKOS_WEBHOOK_SECRET is not set/);

  const secret = 'whsec_example_app_test_secret_0002';
  const port2 = await freePort();
  const keyless = await startApp(t, { port: port2, env: appEnv(fake, port2, { WORKOS_API_KEY: undefined, WORKOS_WEBHOOK_SECRET: secret }) });
  const real = await capturedDelivery(fake, secret);
  const accepted = await post(keyless, real.body, real.signature);
  assert.equal(accepted.status, 200, await accepted.text());
});
