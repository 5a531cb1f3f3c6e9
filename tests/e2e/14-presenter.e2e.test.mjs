// Presenter mode on a fresh demo: larger type and fingerprints without their last four, then
// each scripted scenario breaks the demo in its known way, the wizard finds it where the
// scenario says, and healing (or the wizard's own fix) brings it back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStep } from './actions.mjs';
import { WebDriver, sleep } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const CONSENT = process.env.PIPES_E2E_CONSENT_FILE;
const ADA = 'user_01JDEM0ADA0000000000000000';
const GRACE = 'user_01JDEM0GRACE00000000000000';
const ADA_WORK = 'data_installation_01JDEM0ADAGITHUB0000000000';
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');

const scenario = (id, action) => driver.click(`[data-testid="presenter"] li[data-scenario="${id}"] [data-testid="${action}"]`);
const noted = (pattern) => driver.waitForTextMatching('[data-testid="presenter-note"]', pattern);

async function adaConnections() {
  await openStep(driver, 'connections', 'Connections');
  await driver.click(`[data-testid="connections-user"] option[value="${ADA}"]`);
  await driver.click('[data-testid="connections-refresh"]');
  await driver.waitFor(`[data-account="${ADA_WORK}"]`, 15_000);
}

before(async () => {
  writeFileSync(CONSENT, '');
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
  await openStep(driver, 'preflight', 'Pre-flight');
  for (const link of await driver.findAll('section[aria-labelledby="key-heading"] button.link')) {
    if ((await driver.text(link)) === 'Back to the demo') {
      await driver.request('POST', driver.sessionPath(`/element/${link}/click`), {});
      await driver.waitFor('[data-testid="demo-banner"]');
    }
  }
});

after(async () => {
  writeFileSync(CONSENT, '');
  // Presenter mode is remembered: leave it off for the files after this one.
  await driver.executeAsync(`await window.__TAURI_INTERNALS__.invoke('set_presenter_mode', { on: false }); return null;`).catch(() => {});
  await driver.quit().catch(() => {});
});

test('presenter mode enlarges the type and hides the fingerprints’ last four; the demo resets', async () => {
  assert.match(await driver.text(await driver.find('[data-testid="demo-banner"]')), /sk_test_…fake/);
  await driver.click('[data-testid="presenter-toggle"]');
  await driver.waitFor('[data-testid="presenter"] li[data-scenario="revoked_connection"]');
  assert.equal(await driver.executeAsync(`return document.documentElement.classList.contains('presenter');`), true);
  await driver.waitForTextMatching('[data-testid="demo-banner"]', /sk_test_…\)/);
  assert.doesNotMatch(await driver.text(await driver.find('[data-testid="demo-banner"]')), /…fake/);
  await driver.click('[data-testid="reset-demo"]');
  await noted(/as it was at start/);
});

test('a revoked connection: step 5 finds it needing reauthorization, and healing brings it back', async () => {
  await scenario('revoked_connection', 'break');
  await noted(/Broken: A revoked connection/);
  await adaConnections();
  await driver.waitForAttribute(`[data-account="${ADA_WORK}"]`, 'data-state', 'needs_reauthorization', 15_000);
  await driver.waitFor('[data-code="CONNECTION_NEEDS_REAUTHORIZATION"] [data-testid="open-guide"]');
  writeFileSync(join(SHOTS, '50-presenter-revoked.png'), await driver.screenshot());
  await scenario('revoked_connection', 'heal');
  await noted(/Healed/);
  await driver.click('[data-testid="connections-refresh"]');
  await driver.waitForAttribute(`[data-account="${ADA_WORK}"]`, 'data-state', 'connected', 15_000);
});

test('a missing scope: probing the token names it with what it allows', async () => {
  await scenario('missing_scope', 'break');
  await noted(/Broken: A missing scope/);
  await driver.click(`[data-account="${ADA_WORK}"] [data-testid="probe"]`);
  await driver.waitForTextMatching(`[data-account="${ADA_WORK}"] [data-testid="probe-result"]`, /1 of the integration's scopes were not granted/);
  assert.match(await driver.text(await driver.find(`[data-account="${ADA_WORK}"] [data-testid="probe-result"]`)), /repo/);
  await scenario('missing_scope', 'heal');
  await noted(/Healed/);
  await driver.click(`[data-account="${ADA_WORK}"] [data-testid="probe"]`);
  await driver.waitForTextMatching(`[data-account="${ADA_WORK}"] [data-testid="probe-result"]`, /with every scope the integration asks for/);
});

test('a rate-limited provider: the console waits as Retry-After says and then gets the answer', async () => {
  await scenario('rate_limited_provider', 'break');
  await noted(/Broken: A rate-limited provider/);
  await driver.click(`[data-testid="console-connection"] option[value="github|${ADA_WORK}"]`);
  await driver.type('[data-testid="console-path"]', '/user');
  await driver.click('[data-testid="console-send"]');
  await driver.waitForTextMatching('[data-testid="console-answer"]', /200 after 3 attempts/, 20_000);
  assert.match(await driver.text(await driver.find('[data-testid="console-attempts"]')), /429: waiting 2\.0 s \(as Retry-After says\)/);
});

test('a redirect URI mismatch: step 4 stops at the consent with its finding; healed, the test goes through', async () => {
  await scenario('redirect_uri_mismatch', 'break');
  await noted(/Broken: A redirect URI mismatch/);
  await openStep(driver, 'sdk_integration', 'SDK integration');
  await driver.click('[data-testid="test-provider"] option[value="github"]');
  await driver.click(`[data-testid="test-user"] option[value="${GRACE}"]`);
  writeFileSync(CONSENT, 'allow');
  await driver.click('[data-testid="start-test"]');
  await driver.waitFor('[data-testid="browser-shows-mismatch"]', 30_000);
  const browserLog = () => (existsSync(process.env.PIPES_E2E_BROWSER_LOG) ? readFileSync(process.env.PIPES_E2E_BROWSER_LOG, 'utf8') : '');
  for (let i = 0; i < 100 && !/redirect_uri_mismatch/.test(browserLog()); i++) await sleep(100);
  await driver.click('[data-testid="browser-shows-mismatch"]');
  await driver.waitForTextMatching('[data-testid="test-report"]', /TEST_CONNECTION_REDIRECT_URI_MISMATCH/, 15_000);
  await scenario('redirect_uri_mismatch', 'heal');
  await noted(/Healed/);
  await driver.click('[data-testid="start-test"]');
  await driver.waitForAttribute('[data-testid="test-report"]', 'data-ok', 'true', 30_000);
  writeFileSync(CONSENT, '');
});

test('a webhook with the wrong secret: step 6 shows the delivery rejected, and a healed one verified', async () => {
  await openStep(driver, 'webhooks', 'Webhooks');
  await driver.click('[data-testid="start-receiver"]');
  await driver.click('[data-testid="register-receiver"]');
  await driver.waitForTextMatching('[data-testid="webhooks-note"]', /is in your keychain/);
  await scenario('wrong_webhook_secret', 'break');
  await noted(/Broken: A webhook with the wrong secret/);
  await driver.waitForTextMatching('[data-testid="delivery-feed"] tr[data-valid="false"]', /WEBHOOK_SIGNATURE_MISMATCH/, 10_000);
  await scenario('wrong_webhook_secret', 'heal');
  await driver.waitFor('[data-testid="delivery-feed"] tr[data-event="pipes.account_connection.connected"][data-valid="true"]', 10_000);
  writeFileSync(join(SHOTS, '51-presenter-webhook.png'), await driver.screenshot());
});
