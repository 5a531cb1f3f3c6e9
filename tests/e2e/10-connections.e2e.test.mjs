// Step 5 on the built-in demo WorkOS: Ada's two GitHub connections side by side, her Drive that
// needs reauthorization healed through the browser, a token probe, a rename and a disconnect of
// one exact connection (each asked first), and a forged change id refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStep } from './actions.mjs';
import { typeInto, waitForWindow, waitForWindowGone } from './desktop.mjs';
import { WebDriver } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const CONSENT = process.env.PIPES_E2E_CONSENT_FILE;
const ADA = 'user_01JDEM0ADA0000000000000000';
const ADA_WORK = 'data_installation_01JDEM0ADAGITHUB0000000000';
const ADA_PERSONAL = 'data_installation_01JDEM0ADAGITHUB2000000000';
const ADA_DRIVE = 'data_installation_01JDEM0ADAGDRIVE000000000';
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');

async function shot(name) {
  writeFileSync(join(SHOTS, name), await driver.screenshot());
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(CONSENT, '');
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
  // The demo WorkOS starts fresh with each launch: back on it if an earlier file saved a key.
  await openStep(driver, 'preflight', 'Pre-flight');
  const links = await driver.findAll('section[aria-labelledby="key-heading"] button.link');
  for (const link of links) {
    if ((await driver.text(link)) === 'Back to the demo') {
      await driver.request('POST', driver.sessionPath(`/element/${link}/click`), {});
      await driver.waitFor('[data-testid="demo-banner"]');
    }
  }
});

after(async () => {
  writeFileSync(CONSENT, '');
  await driver.quit().catch(() => {});
});

test('one user’s two GitHub connections are listed side by side, each by its id and role', async () => {
  await openStep(driver, 'connections', 'Connections');
  await driver.click(`[data-testid="connections-user"] option[value="${ADA}"]`);
  await driver.waitFor(`[data-provider="github"] [data-account="${ADA_PERSONAL}"]`, 15_000);
  assert.equal(await driver.text(await driver.find('[data-provider="github"] [data-testid="account-count"]')), '2 connections');
  const work = await driver.text(await driver.find(`[data-account="${ADA_WORK}"]`));
  assert.match(work, /Ada \(work\)/);
  assert.match(work, /compatibility/);
  const personal = await driver.text(await driver.find(`[data-account="${ADA_PERSONAL}"]`));
  assert.match(personal, /Ada \(personal\)/);
  assert.match(personal, /standard/);
  assert.match(personal, /ada-lovelace/);
  assert.equal(await driver.attribute(`[data-account="${ADA_DRIVE}"]`, 'data-state'), 'needs_reauthorization');
  await driver.waitForTextMatching('[data-code="CONNECTION_NEEDS_REAUTHORIZATION"]', /Google Drive · Ada's Drive needs reauthorization/);
  await shot('43-connections.png');
});

test('reauthorizing the Drive connection in the browser heals it and keeps its id', async () => {
  writeFileSync(CONSENT, 'allow');
  await driver.click(`[data-account="${ADA_DRIVE}"] [data-testid="reauthorize"]`);
  await driver.waitForAttribute('[data-testid="test-report"]', 'data-ok', 'true', 30_000);
  await driver.waitForAttribute(`[data-account="${ADA_DRIVE}"]`, 'data-state', 'connected', 15_000);
  assert.equal((await driver.findAll('[data-code="CONNECTION_NEEDS_REAUTHORIZATION"]')).length, 0);
  assert.equal(await driver.text(await driver.find('[data-provider="github"] [data-testid="account-count"]')), '2 connections');
  writeFileSync(CONSENT, '');
});

test('probing a connection’s token says it is active, without showing it', async () => {
  await driver.click(`[data-account="${ADA_PERSONAL}"] [data-testid="probe"]`);
  await driver.waitForAttribute(`[data-account="${ADA_PERSONAL}"] [data-testid="probe-result"]`, 'data-status', 'active');
  const probe = await driver.text(await driver.find(`[data-account="${ADA_PERSONAL}"] [data-testid="probe-result"]`));
  assert.match(probe, /Active/);
  assert.match(probe, /repo/);
  assert.doesNotMatch(await driver.source(), /gho_[0-9a-f]{6,}/, 'no token in the window');
});

test('the request console calls the provider with a fresh token and waits out a 429 as Retry-After says', async () => {
  await driver.click(`[data-testid="console-connection"] option[value="github|${ADA_PERSONAL}"]`);
  await driver.type('[data-testid="console-path"]', '/user');
  await driver.click('[data-testid="console-send"]');
  await driver.waitForAttribute('[data-testid="console-answer"]', 'data-status', '200', 15_000);
  assert.match(await driver.text(await driver.find('[data-testid="console-body"]')), /"login": "ada-lovelace"/);
  assert.match(await driver.text(await driver.find('[data-testid="console-answer"]')), /x-ratelimit-remaining/);
  const demoBase = await driver.executeAsync(`
    return (await window.__TAURI_INTERNALS__.invoke('workos_target')).base_url;`);
  const fault = await fetch(`${demoBase}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path: '/provider-api/github/**', status: 429, retry_after: 1, times: 1 }),
  });
  assert.ok(fault.ok, await fault.text());
  await driver.click('[data-testid="console-send"]');
  await driver.waitForTextMatching('[data-testid="console-attempts"]', /429: waiting 1\.0 s \(as Retry-After says\)/);
  await driver.waitForTextMatching('[data-testid="console-answer"]', /200 after 2 attempts/, 15_000);
  await driver.executeAsync(`document.querySelector('[data-testid="request-console"]').scrollIntoView(); return null;`);
  await shot('47-request-console.png');
  assert.doesNotMatch(await driver.source(), /gho_[0-9a-f]{6,}/, 'no token in the window');
});

test('renaming asks first, then changes only that connection', async () => {
  await driver.click(`[data-account="${ADA_PERSONAL}"] [data-testid="rename"]`);
  await driver.type(`[data-account="${ADA_PERSONAL}"] [data-testid="rename-input"]`, 'Ada (side projects)');
  await driver.click(`[data-account="${ADA_PERSONAL}"] form.rename button[type="submit"]`);
  await driver.waitForTextMatching(`[data-account="${ADA_PERSONAL}"] [data-testid="change-confirm"]`, /Rename the GitHub connection "Ada \(personal\)"/);
  await driver.click(`[data-account="${ADA_PERSONAL}"] [data-testid="confirm-change"]`);
  await driver.waitForText(`[data-account="${ADA_PERSONAL}"] [data-testid="account-name"]`, 'Ada (side projects)');
  assert.equal(await driver.text(await driver.find(`[data-account="${ADA_WORK}"] [data-testid="account-name"]`)), 'Ada (work)');
});

test('disconnecting says it does not revoke access at GitHub, then removes that one connection', async () => {
  await driver.click(`[data-account="${ADA_WORK}"] [data-testid="disconnect"]`);
  const confirm = `[data-account="${ADA_WORK}"] [data-testid="change-confirm"]`;
  await driver.waitForTextMatching(confirm, /does not revoke access at GitHub/);
  assert.match(await driver.text(await driver.find(confirm)), new RegExp(ADA_WORK));
  await shot('44-connections-disconnect-confirm.png');
  await driver.click(`${confirm} [data-testid="confirm-change"]`);
  await driver.waitForText('[data-provider="github"] [data-testid="account-count"]', '1 connection');
  assert.equal((await driver.findAll(`[data-account="${ADA_WORK}"]`)).length, 0);
  assert.equal((await driver.findAll(`[data-account="${ADA_PERSONAL}"]`)).length, 1, 'the other one stays');
  assert.match(await driver.text(await driver.find('[data-testid="connection-change-done"]')), /Disconnected Ada \(work\)/);
});

test('the connections worked with are exported through the Save dialog as versioned JSON', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'pipes-e2e-export-')), 'connections.json');
  await driver.waitFor('[data-testid="export-worked"]');
  await driver.click('[data-testid="export-worked"]');
  const dialog = await waitForWindow('Save the connections you worked with');
  // The name field has the focus: replace the suggested name with a full path and save.
  await typeInto(dialog, { key: 'ctrl+a', pause: 300 }, { text: out, pause: 600 }, { key: 'Return' });
  await waitForWindowGone('Save the connections you worked with');
  await driver.waitForTextMatching('[data-testid="connection-change-done"]', /Saved the list to/);
  const saved = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(saved.schema, 1);
  const ids = saved.connections.map((c) => c.connected_account_id);
  assert.ok(ids.includes(ADA_PERSONAL), JSON.stringify(ids));
  assert.doesNotMatch(readFileSync(out, 'utf8'), /sk_test_|gho_|whsec_/);
});

test('a forged or replayed change id from the page is refused', async () => {
  const apply = (id) =>
    driver.executeAsync(`
      try {
        return { ok: await window.__TAURI_INTERNALS__.invoke('apply_connection_change', { id: ${JSON.stringify(id)} }) };
      } catch (error) {
        return { error };
      }`);
  assert.equal((await apply('forged-id')).error?.code, 'ACTION_UNKNOWN');
  const prepared = await driver.executeAsync(`
    return await window.__TAURI_INTERNALS__.invoke('prepare_connection_change', {
      which: { slug: 'github', user_id: '${ADA}', organization_id: null, account_id: '${ADA_PERSONAL}' },
      change: { kind: 'disconnect' },
    });`);
  assert.ok(prepared.id);
  assert.equal((await apply(prepared.id)).ok, null, 'the prepared one is applied once');
  assert.equal((await apply(prepared.id)).error?.code, 'ACTION_UNKNOWN', 'and never again');
});
