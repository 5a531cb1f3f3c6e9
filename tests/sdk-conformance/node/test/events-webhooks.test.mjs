// Events and webhooks for Pipes: listEvents (events= required) returns the events this
// suite's own actions caused, in both families (pipes.connected_account.* and
// pipes.account_connection.*); a webhook endpoint subscribed to all nine Pipes events
// receives signed deliveries the SDK can verify.
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { UnprocessableEntityException } from '@workos-inc/node';
import {
  ADA, GRACE, PIPES_EVENTS, assertApiError, rejection, secureAuthorize, secureConnect, useFake,
} from './harness.mjs';

const ctx = useFake();
beforeEach(() => ctx.reset());

const listPipesEvents = async (extra = {}) =>
  (await ctx.workos.events.listEvents({ events: PIPES_EVENTS, limit: 100, ...extra })).data;

/** Grace connects GitHub (secure flow), it is marked for reauthorization, then deleted. */
async function lifecycle() {
  const account = await secureConnect(ctx.workos, { slug: 'github', userId: GRACE });
  await ctx.workos.pipes.updateUserConnectedAccount({ userId: GRACE, slug: 'github', state: 'needs_reauthorization' });
  await ctx.workos.pipes.deleteUserConnectedAccount({ userId: GRACE, slug: 'github' });
  return account;
}

describe('listEvents', () => {
  test('connected, reauthorization_needed and disconnected, in both families, oldest first', async () => {
    const account = await lifecycle();
    const events = await listPipesEvents();
    const mine = events.filter((e) => e.data?.id === account.id);
    for (const family of ['pipes.connected_account', 'pipes.account_connection']) {
      const names = mine.filter((e) => e.event.startsWith(`${family}.`)).map((e) => e.event);
      assert.deepEqual(names, [`${family}.connected`, `${family}.reauthorization_needed`, `${family}.disconnected`],
        `${family}: ${JSON.stringify(mine.map((e) => e.event))}`);
    }
    const connected = mine.find((e) => e.event === 'pipes.connected_account.connected');
    assert.match(connected.id, /^event_/);
    assert.ok(connected.createdAt instanceof Date && !Number.isNaN(connected.createdAt.getTime()));
    assert.equal(connected.data.providerSlug, 'github');
    assert.equal(connected.data.userId, GRACE);
    assert.equal(connected.data.state, 'connected');
    assert.equal(connected.data.connectionRole, 'compatibility');
    assert.match(connected.data.dataIntegrationId, /^data_integration_/);
    const stale = mine.find((e) => e.event === 'pipes.account_connection.reauthorization_needed');
    assert.equal(stale.data.state, 'needs_reauthorization');
  });

  test('a denied consent is connection_failed in both families', async () => {
    await secureAuthorize(ctx.workos, { slug: 'github', userId: GRACE, decision: 'deny' });
    const events = await listPipesEvents();
    for (const name of ['pipes.connected_account.connection_failed', 'pipes.account_connection.connection_failed']) {
      const failed = events.find((e) => e.event === name && e.data.userId === GRACE);
      assert.ok(failed, `${name} missing: ${JSON.stringify(events.map((e) => e.event))}`);
      assert.equal(failed.data.providerSlug, 'github');
      assert.equal(failed.data.providerError, 'access_denied');
    }
  });

  test('a standard connection added with connectionIntent add is pipes.account_connection.connected', async () => {
    const added = await secureConnect(ctx.workos, {
      slug: 'github', userId: ADA, connectionIntent: 'add', accountDisplayName: 'Ada (third)',
    });
    const events = await listPipesEvents();
    const event = events.find((e) => e.event === 'pipes.account_connection.connected' && e.data.id === added.id);
    assert.ok(event, JSON.stringify(events.map((e) => [e.event, e.data?.id])));
    assert.equal(event.data.connectionRole, 'standard');
    assert.equal(event.data.accountDisplayName, 'Ada (third)');
  });

  test('the events filter is honoured', async () => {
    const account = await lifecycle();
    const only = (await ctx.workos.events.listEvents({ events: ['pipes.account_connection.disconnected'], limit: 100 })).data;
    assert.ok(only.length >= 1);
    assert.ok(only.every((e) => e.event === 'pipes.account_connection.disconnected'));
    assert.ok(only.some((e) => e.data.id === account.id));
  });

  test('range_start in the future returns none of them; after pages forward', async () => {
    await lifecycle();
    const future = new Date(Date.now() + 3600_000).toISOString();
    assert.match(future, /Z$/);
    assert.deepEqual(await listPipesEvents({ rangeStart: future }), []);
    const all = await listPipesEvents();
    assert.ok(all.length >= 6, `${all.length} events`);
    const rest = await listPipesEvents({ after: all[0].id });
    assert.equal(rest.length, all.length - 1);
    assert.equal(rest[0].id, all[1].id);
  });

  test('listEvents without events is refused', async () => {
    const e = await rejection(ctx.workos.events.listEvents({}));
    assert.ok([400, 422].includes(e.status), `${e.name} ${e.status}`);
    assert.match(String(e.requestID), /^req_/);
  });
});

describe('webhook endpoints', () => {
  async function receiver() {
    const deliveries = [];
    let notify = () => {};
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        deliveries.push({ headers: req.headers, body });
        res.end('ok');
        notify();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const waitFor = async (pred, ms = 5000) => {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        const hit = deliveries.find(pred);
        if (hit) return hit;
        await new Promise((r) => { notify = r; setTimeout(r, 100); });
      }
      throw new Error(`no matching delivery among ${deliveries.length}`);
    };
    return { url: `http://127.0.0.1:${server.address().port}/workos/webhooks`, deliveries, waitFor, close: () => server.close() };
  }

  test('createWebhookEndpoint subscribed to all nine Pipes events; deliveries verify with the SDK', async () => {
    const hook = await receiver();
    try {
      const endpoint = await ctx.workos.webhooks.createWebhookEndpoint({ endpointUrl: hook.url, events: PIPES_EVENTS });
      assert.match(endpoint.id, /\S/);
      assert.equal(endpoint.endpointUrl, hook.url);
      assert.deepEqual([...endpoint.events].sort(), [...PIPES_EVENTS].sort());
      assert.match(endpoint.secret, /\S{8,}/);
      const listed = await ctx.workos.webhooks.listWebhookEndpoints();
      assert.ok(listed.data.some((e) => e.id === endpoint.id));

      const account = await lifecycle();
      for (const name of ['pipes.connected_account.disconnected', 'pipes.account_connection.disconnected']) {
        const delivery = await hook.waitFor((d) => JSON.parse(d.body).event === name);
        const event = await ctx.workos.webhooks.constructEvent({
          payload: JSON.parse(delivery.body), sigHeader: delivery.headers['workos-signature'], secret: endpoint.secret,
        });
        assert.equal(event.event, name);
        assert.equal(event.data.id, account.id);
        await assert.rejects(ctx.workos.webhooks.constructEvent({
          payload: JSON.parse(delivery.body), sigHeader: delivery.headers['workos-signature'], secret: 'whsec_wrong',
        }), /signature/i);
      }
    } finally {
      hook.close();
    }
  });

  test('update and delete the endpoint', async () => {
    const endpoint = await ctx.workos.webhooks.createWebhookEndpoint({
      endpointUrl: 'http://127.0.0.1:9/hooks', events: PIPES_EVENTS.slice(0, 4),
    });
    const updated = await ctx.workos.webhooks.updateWebhookEndpoint({ id: endpoint.id, events: PIPES_EVENTS });
    assert.deepEqual([...updated.events].sort(), [...PIPES_EVENTS].sort());
    await ctx.workos.webhooks.deleteWebhookEndpoint({ id: endpoint.id });
    const listed = await ctx.workos.webhooks.listWebhookEndpoints();
    assert.ok(!listed.data.some((e) => e.id === endpoint.id));
  });

  test('an unknown event name is refused with 422', async () => {
    const e = await rejection(ctx.workos.webhooks.createWebhookEndpoint({
      endpointUrl: 'http://127.0.0.1:9/hooks', events: ['pipes.connected_account.exploded'],
    }));
    assertApiError(assert, e, { type: UnprocessableEntityException, status: 422 });
  });
});
