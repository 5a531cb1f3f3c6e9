// Step 6 on the built-in demo WorkOS: the local receiver registered for the nine Pipes events,
// real signed test deliveries and a real connection change arriving verified in the window,
// polling GET /events, the signature tester's reasons, and removing the endpoint again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStep } from './actions.mjs';
import { WebDriver, sleep } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const ADA = 'user_01JDEM0ADA0000000000000000';
const ADA_PERSONAL = 'data_installation_01JDEM0ADAGITHUB2000000000';
const ADA_DRIVE = 'data_installation_01JDEM0ADAGDRIVE000000000';
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');

async function shot(name) {
  writeFileSync(join(SHOTS, name), await driver.screenshot());
}

async function backOnTheDemo() {
  await openStep(driver, 'preflight', 'Pre-flight');
  for (const link of await driver.findAll('section[aria-labelledby="key-heading"] button.link')) {
    if ((await driver.text(link)) === 'Back to the demo') {
      await driver.request('POST', driver.sessionPath(`/element/${link}/click`), {});
      await driver.waitFor('[data-testid="demo-banner"]');
    }
  }
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
  await backOnTheDemo();
});

after(async () => {
  await driver.quit().catch(() => {});
});

let endpointId;

test('the receiver starts on 127.0.0.1 and is registered for the nine Pipes events', async () => {
  await openStep(driver, 'webhooks', 'Webhooks');
  await driver.click('[data-testid="start-receiver"]');
  await driver.waitFor('[data-testid="register-receiver"]');
  const url = await driver.attribute('[data-testid="receiver"] input', 'value');
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\//);
  await driver.click('[data-testid="register-receiver"]');
  await driver.waitForTextMatching('[data-testid="webhooks-note"]', /its secret \(whsec_…\w{4}\) is in your keychain/);
  await driver.waitFor('[data-testid="endpoints"] article[data-endpoint]');
  endpointId = await driver.attribute('[data-testid="endpoints"] article[data-endpoint]', 'data-endpoint');
  const endpoint = await driver.text(await driver.find(`[data-endpoint="${endpointId}"]`));
  assert.match(endpoint, /registered by Pipes Setup/);
  assert.match(endpoint, /all nine Pipes events/);
  assert.doesNotMatch(await driver.source(), /whsec_[A-Za-z0-9]{8,}/, 'the secret never reaches the window');
});

test('signed test deliveries of each family arrive verified, live', async () => {
  const events = [
    'pipes.connected_account.connected',
    'pipes.connected_account.disconnected',
    'pipes.connected_account.reauthorization_needed',
    'pipes.connected_account.connection_failed',
    'pipes.account_connection.connected',
    'pipes.account_connection.add_failed',
  ];
  for (const event of events) {
    await driver.click(`[data-endpoint="${endpointId}"] [data-testid="test-event"] option[value="${event}"]`);
    await driver.click(`[data-endpoint="${endpointId}"] [data-testid="send-test-event"]`);
    await driver.waitForTextMatching('[data-testid="test-event-sent"]', new RegExp(`Sent ${event.replaceAll('.', '\\.')} .*it answered 200`));
    await driver.waitFor(`[data-testid="delivery-feed"] tr[data-event="${event}"][data-valid="true"]`, 10_000);
  }
  assert.match(await driver.text(await driver.find('[data-testid="feed-summary"]')), /^6 received, 6 verified, 0 rejected$/);
  await shot('45-webhooks-feed.png');
});

test('a delivery signed with another secret shows as rejected, with the reason', async () => {
  const demoBase = await driver.executeAsync(`
    return (await window.__TAURI_INTERNALS__.invoke('workos_target')).base_url;`);
  const sent = await fetch(`${demoBase}/__admin/webhook-test`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint_id: endpointId, event: 'pipes.account_connection.disconnected', secret: 'whsec_someone_elses_secret_000' }),
  });
  assert.equal((await sent.json()).status, 400, 'the receiver refused it');
  const row = '[data-testid="delivery-feed"] tr[data-event="pipes.account_connection.disconnected"][data-valid="false"]';
  await driver.waitForTextMatching(row, /WEBHOOK_SIGNATURE_MISMATCH/, 10_000);
  assert.match(await driver.text(await driver.find('[data-testid="feed-summary"]')), /^7 received, 6 verified, 1 rejected$/);
});

test('reauthorizing a connection in step 5 arrives as its connected event, verified', async () => {
  const connected = '[data-testid="delivery-feed"] tr[data-event="pipes.account_connection.connected"][data-valid="true"]';
  const before = (await driver.findAll(connected)).length;
  writeFileSync(process.env.PIPES_E2E_CONSENT_FILE, 'allow');
  try {
    await openStep(driver, 'connections', 'Connections');
    await driver.click(`[data-testid="connections-user"] option[value="${ADA}"]`);
    await driver.waitFor(`[data-account="${ADA_DRIVE}"] [data-testid="reauthorize"]`, 15_000);
    await driver.click(`[data-account="${ADA_DRIVE}"] [data-testid="reauthorize"]`);
    await driver.waitForAttribute('[data-testid="test-report"]', 'data-ok', 'true', 30_000);
  } finally {
    writeFileSync(process.env.PIPES_E2E_CONSENT_FILE, '');
  }
  await openStep(driver, 'webhooks', 'Webhooks');
  const deadline = Date.now() + 15_000;
  while ((await driver.findAll(connected)).length <= before && Date.now() < deadline) await sleep(200);
  assert.ok((await driver.findAll(connected)).length > before, 'a new connected event arrived');
});

test('a real disconnect in step 5 arrives as its event, verified', async () => {
  await openStep(driver, 'connections', 'Connections');
  await driver.click(`[data-testid="connections-user"] option[value="${ADA}"]`);
  await driver.waitFor(`[data-account="${ADA_PERSONAL}"] [data-testid="disconnect"]`, 15_000);
  await driver.click(`[data-account="${ADA_PERSONAL}"] [data-testid="disconnect"]`);
  await driver.click(`[data-account="${ADA_PERSONAL}"] [data-testid="confirm-change"]`);
  await driver.waitForTextMatching('[data-testid="connection-change-done"]', /Disconnected/);
  await openStep(driver, 'webhooks', 'Webhooks');
  await driver.waitFor('[data-testid="delivery-feed"] tr[data-event="pipes.account_connection.disconnected"][data-valid="true"]', 15_000);
});

test('polling GET /events lists the Pipes events from where it left off', async () => {
  await driver.click('[data-testid="poll-events"]');
  await driver.waitForTextMatching('[data-testid="polled-events"]', /pipes\.account_connection\.disconnected/);
  const first = (await driver.findAll('[data-testid="polled-events"] li')).length;
  await driver.click('[data-testid="poll-events"]');
  await driver.waitForTextMatching('[data-testid="poll"] [role="status"]', /No new events\./);
  assert.equal((await driver.findAll('[data-testid="polled-events"] li')).length, first, 'the cursor was kept');
});

test('the signature tester names why a signature fails', async () => {
  const secret = 'whsec_e2e_tester_0123456789';
  const body = '{"id":"event_e2e","event":"pipes.connected_account.connected","data":{}}';
  const sign = (t, text, key = secret) => `t=${t}, v1=${createHmac('sha256', key).update(`${t}.${text}`).digest('hex')}`;
  const check = async (header, text, key, code) => {
    await driver.type('[data-testid="tester-header"]', header);
    await driver.type('[data-testid="tester-body"]', text);
    await driver.type('[data-testid="tester-secret"]', key);
    await driver.click('[data-testid="tester-run"]');
    await driver.waitForAttribute('[data-testid="tester-verdict"]', 'data-code', code);
  };
  const now = Date.now();
  await check(sign(now, body), body, secret, '');
  assert.equal(await driver.attribute('[data-testid="tester-verdict"]', 'data-valid'), 'true');
  await check(sign(now, body), body.replace('e2e', 'e2f'), secret, 'WEBHOOK_SIGNATURE_MISMATCH');
  await check(sign(now - 10 * 60_000, body), body, secret, 'WEBHOOK_TIMESTAMP_TOO_OLD');
  await check(sign(now, body), body, 'sk_test_e2e_not_a_webhook_secret_123', 'WEBHOOK_SECRET_IS_API_KEY');
  const pretty = JSON.stringify(JSON.parse(body), null, 2);
  await check(sign(now, body), pretty, secret, 'WEBHOOK_BODY_RESERIALIZED');
  await check('v1=abc', body, secret, 'WEBHOOK_SIGNATURE_HEADER_MALFORMED');
  await shot('46-webhooks-signature-tester.png');
});

test('the code for the app’s webhook route verifies with the official SDK on the given path', async () => {
  await driver.type('[data-testid="webhook-path"]', '/hooks/workos');
  await driver.waitForTextMatching('[data-testid="webhook-code-text"]', /WEBHOOK_PATH = '\/hooks\/workos'/);
  assert.match(await driver.text(await driver.find('[data-testid="webhook-code-text"]')), /constructEvent/);
  await driver.click('[data-testid="webhook-code"] input[value="python"]');
  await driver.waitForTextMatching('[data-testid="webhook-code-text"]', /verify_event/);
});

test('the endpoint the app registered is removed after the question, and a forged id is refused', async () => {
  const forged = await driver.executeAsync(`
    try {
      return { ok: await window.__TAURI_INTERNALS__.invoke('apply_webhook_removal', { id: 'forged-id' }) };
    } catch (error) {
      return { error };
    }`);
  assert.equal(forged.error?.code, 'ACTION_UNKNOWN');
  await driver.click(`[data-endpoint="${endpointId}"] [data-testid="remove-endpoint"]`);
  await driver.waitForTextMatching(`[data-endpoint="${endpointId}"] [role="alertdialog"]`, /Its secret is deleted from the keychain too/);
  await driver.click(`[data-endpoint="${endpointId}"] [data-testid="confirm-removal"]`);
  await driver.waitForTextMatching('[data-testid="webhooks-note"]', new RegExp(`Removed ${endpointId}`));
  assert.equal((await driver.findAll(`[data-endpoint="${endpointId}"]`)).length, 0);
});
