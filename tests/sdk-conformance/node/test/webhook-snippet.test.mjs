// The webhook route Pipes Setup gives users (`pipes-doctor webhook-snippet node`, the same step 6
// shows), generated and served as is: real signed deliveries from fake-workos are verified with
// the official SDK on the raw body and answered 200; a wrong secret, a changed body and a missing
// signature are answered 400.
import { after, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEMO_KEY, PIPES_EVENTS, useFake } from './harness.mjs';

const ctx = useFake();
beforeEach(() => ctx.reset());

const here = dirname(fileURLToPath(import.meta.url));
const generated = join(here, '..', '.generated');
const doctor = process.env.PIPES_DOCTOR_BIN ?? join(here, '../../../../target/debug/pipes-doctor');
after(() => rmSync(generated, { recursive: true, force: true }));

async function loadRoute(name) {
  const code = execFileSync(doctor, ['webhook-snippet', 'node', '/webhooks/workos'], { encoding: 'utf8' });
  mkdirSync(generated, { recursive: true });
  const file = join(generated, `${name}.mjs`);
  writeFileSync(file, code);
  process.env.WORKOS_API_KEY = DEMO_KEY;
  process.env.WORKOS_BASE_URL = ctx.fake.baseUrl;
  return import(pathToFileURL(file).href);
}

/** The user's app: the generated route on a real server; answers and handled events recorded. */
async function serve(route) {
  const handled = [];
  const answers = [];
  const server = createServer((req, res) => {
    const end = res.end.bind(res);
    res.end = (...args) => (answers.push(res.statusCode), end(...args));
    route.handleWebhook(req, res, async (event) => handled.push(event.event));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}${route.WEBHOOK_PATH}`;
  return { url, handled, answers, close: () => server.close() };
}

describe('the generated webhook route', () => {
  test('verifies real signed deliveries of the Pipes events and handles each', async () => {
    const route = await loadRoute('verify');
    const app = await serve(route);
    try {
      const endpoint = await ctx.workos.webhooks.createWebhookEndpoint({ endpointUrl: app.url, events: PIPES_EVENTS });
      process.env.WORKOS_WEBHOOK_SECRET = endpoint.secret;
      for (const event of ['pipes.account_connection.connected', 'pipes.connected_account.reauthorization_needed', 'pipes.account_connection.add_failed']) {
        const sent = await ctx.admin('/webhook-test', { endpoint_id: endpoint.id, event });
        assert.equal(sent.status, 200, JSON.stringify(sent));
      }
      assert.deepEqual(app.handled, ['pipes.account_connection.connected', 'pipes.connected_account.reauthorization_needed', 'pipes.account_connection.add_failed']);
    } finally {
      app.close();
    }
  });

  test('answers 400 to a wrong secret, a changed body and a missing signature', async () => {
    const route = await loadRoute('refuse');
    const app = await serve(route);
    try {
      const endpoint = await ctx.workos.webhooks.createWebhookEndpoint({ endpointUrl: app.url, events: PIPES_EVENTS });
      process.env.WORKOS_WEBHOOK_SECRET = 'whsec_not_this_endpoints_secret';
      const wrong = await ctx.admin('/webhook-test', { endpoint_id: endpoint.id, event: 'pipes.account_connection.connected' });
      assert.equal(wrong.status, 400);
      process.env.WORKOS_WEBHOOK_SECRET = endpoint.secret;
      const body = JSON.stringify({ id: 'event_x', event: 'pipes.account_connection.connected', data: {} });
      const unsigned = await fetch(app.url, { method: 'POST', body });
      assert.equal(unsigned.status, 400);
      assert.match(await unsigned.text(), /No WorkOS-Signature/);
      const forged = await fetch(app.url, { method: 'POST', body, headers: { 'workos-signature': `t=${Date.now()}, v1=${'0'.repeat(64)}` } });
      assert.equal(forged.status, 400);
      assert.deepEqual(app.handled, [], 'nothing unverified was handled');
    } finally {
      app.close();
    }
  });
});
