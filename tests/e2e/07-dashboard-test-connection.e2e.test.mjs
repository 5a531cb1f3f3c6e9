// Steps 3 and 4 on the built-in demo WorkOS: the decision tree, each integration's own redirect
// URI checked against what the provider holds, and a real test connection through the secure
// flow, with the "browser" (fake-browser.sh + consent-walker.mjs) clicking Allow or Deny.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStep } from './actions.mjs';
import { WebDriver } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const CONSENT = process.env.PIPES_E2E_CONSENT_FILE;
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(CONSENT, '');
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
});

after(async () => {
  writeFileSync(CONSENT, '');
  await driver.quit().catch(() => {});
});

async function shot(name) {
  writeFileSync(join(SHOTS, name), await driver.screenshot());
}

test('the decision tree puts the demo sandbox key on the sandbox branch', async () => {
  await openStep(driver, 'dashboard', 'Dashboard configuration');
  await driver.waitForAttribute('[data-testid="decision-tree"]', 'data-position', 'sandbox');
  assert.match(await driver.text(await driver.find('[data-testid="decision-position"]')), /sandbox key/);
});

test('each integration shows its own redirect URI and the provider leg is compared under its rule', async () => {
  await driver.waitFor('[data-testid="integration"][data-slug="google-drive"] [data-testid="redirect-uri"] input');
  const uri = await driver.attribute('[data-slug="google-drive"] [data-testid="redirect-uri"] input', 'value');
  assert.match(uri, /^http:\/\/127\.0\.0\.1:\d+\/data-integrations\/google-drive\/dik_\w+\/callback$/);
  const github = await driver.text(await driver.find('[data-testid="integration"][data-slug="github"]'));
  assert.match(github, /shared credentials/);
  assert.equal((await driver.findAll('[data-testid="dashboard-user"] option')).length, 2, 'the demo has two users to look through');
  assert.match(github, /INTEGRATION_SHARED_APP/);

  await driver.click('[data-slug="google-drive"] [data-testid="redirect-uri"] button');
  await driver.waitForTextMatching('[data-slug="google-drive"] [data-testid="redirect-uri"] button', /^Copied$/);
  const clipboard = execFileSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8' });
  assert.equal(clipboard, uri, 'Copy put the redirect URI on the system clipboard');

  const input = '[data-slug="google-drive"] [data-testid="provider-redirect-input"]';
  await driver.type(input, 'https://api.workos.com/sso/oauth/redirect');
  await driver.waitForAttribute('[data-slug="google-drive"] [data-testid="redirect-comparison"]', 'data-verdict', 'will_fail');
  const failing = await driver.text(await driver.find('[data-slug="google-drive"] [data-testid="differences"]'));
  assert.match(failing, /The host is api\.workos\.com but must be 127\.0\.0\.1/);
  await shot('30-dashboard-redirect-mismatch.png');

  await driver.type(input, `${uri}/`);
  await driver.waitForAttribute('[data-slug="google-drive"] [data-testid="redirect-comparison"]', 'data-verdict', 'will_fail');
  assert.match(await driver.text(await driver.find('[data-slug="google-drive"] [data-testid="differences"]')), /trailing slash/);
  await driver.type(input, uri);
  await driver.waitForAttribute('[data-slug="google-drive"] [data-testid="redirect-comparison"]', 'data-verdict', 'exact_match');
});

test('the app leg accepts a loopback return URL on any port and refuses a query', async () => {
  await driver.type('[data-testid="return-url-input"]', 'http://127.0.0.1:3000/pipes-setup/callback');
  await driver.waitForAttribute('[data-testid="app-leg"] [data-testid="redirect-comparison"]', 'data-verdict', 'accepted');
  await driver.type('[data-testid="return-url-input"]', 'http://127.0.0.1:3000/pipes-setup/callback?next=/');
  await driver.waitForAttribute('[data-testid="app-leg"] [data-testid="redirect-comparison"]', 'data-verdict', 'will_fail');
  await shot('31-dashboard-app-leg.png');
});

test('scopes the provider app lacks are named with what they allow', async () => {
  const card = '[data-testid="integration"][data-slug="github"]';
  await driver.click(`${card} [data-testid="scopes"] summary`);
  await driver.type(`${card} [data-testid="provider-scopes-input"]`, 'repo, workflow');
  await driver.waitForTextMatching(`${card} [data-code="SCOPES_NOT_CONFIGURED_AT_PROVIDER"]`, /read:user \(read the user's profile\)/);
  assert.equal((await driver.findAll(`${card} tr.missing[data-scope="read:user"]`)).length, 1);
  await shot('32-dashboard-scopes.png');
});

test('setting your own OAuth app shows the change first and never the secret', async () => {
  const card = '[data-testid="integration"][data-slug="github"]';
  await driver.click(`${card} [data-testid="custom-credentials"] summary`);
  await driver.type(`${card} [data-testid="client-id"]`, 'Iv1.e2e0000000000000');
  await driver.type(`${card} [data-testid="client-secret"]`, 'e2e-github-secret-7f6e5d4c');
  await driver.click(`${card} [data-testid="review-credentials"]`);
  await driver.waitForTextMatching(`${card} [role="alertdialog"]`, /ends in …5d4c/);
  assert.doesNotMatch(await driver.source(), /e2e-github-secret/, 'the secret left the page once it was sent to Rust');
  await shot('33-dashboard-custom-credentials.png');
  await driver.click(`${card} [data-testid="save-credentials"]`);
  await driver.waitForTextMatching(`${card} [data-testid="credentials-type"]`, /^custom credentials$/, 15_000);
  assert.doesNotMatch(await driver.source(), /e2e-github-secret/);
});

test('with the management API off, the Dashboard path is a checklist that remembers', async () => {
  const demoBase = await driver.executeAsync(`
    return (await window.__TAURI_INTERNALS__.invoke('workos_target')).base_url;`);
  const fault = await fetch(`${demoBase}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path: '/data-integrations', feature_flag_off: true }),
  });
  assert.ok(fault.ok, await fault.text());
  try {
    await driver.click('section[aria-labelledby="integrations-heading"] .heading-row button');
    await driver.waitFor('[data-code="MANAGEMENT_API_UNAVAILABLE"]', 15_000);
    await driver.waitFor('[data-testid="dashboard-checklist"] input[data-item="github:add"]');
    await driver.click('[data-testid="dashboard-checklist"] input[data-item="github:add"]');
    await driver.waitForTextMatching('[data-testid="dashboard-checklist"] [role="status"]', /^1 of 6 done$/);
    await shot('34-dashboard-checklist.png');
    // Away and back: the mark was saved, not just drawn.
    await openStep(driver, 'docs', 'Docs');
    await openStep(driver, 'dashboard', 'Dashboard configuration');
    await driver.waitForTextMatching('[data-testid="dashboard-checklist"] [role="status"]', /^1 of 6 done$/, 15_000);
    const forged = await driver.executeAsync(`
      try {
        return { ok: await window.__TAURI_INTERNALS__.invoke('mark_checklist_item', { provider: 'github', item: 'anything:else', done: true }) };
      } catch (error) {
        return { error };
      }`);
    assert.equal(forged.error?.code, 'UNKNOWN_CHECKLIST_ITEM');
  } finally {
    await fetch(`${demoBase}/__admin/faults`, { method: 'DELETE' });
  }
  await driver.click('section[aria-labelledby="integrations-heading"] .heading-row button').catch(() => {});
  await openStep(driver, 'docs', 'Docs');
  await openStep(driver, 'dashboard', 'Dashboard configuration');
  await driver.waitFor('[data-testid="integration"][data-slug="github"]', 15_000);
});

async function testConnection(decision) {
  writeFileSync(CONSENT, decision);
  await driver.click('[data-testid="start-test"]');
  await driver.waitFor('[data-testid="test-report"]', 30_000);
  writeFileSync(CONSENT, '');
}

test('allowing in the browser gives a verified test connection, without a token in the window', async () => {
  await openStep(driver, 'sdk_integration', 'SDK integration');
  await driver.click('[data-testid="test-provider"] option[value="github"]');
  await driver.click('[data-testid="test-user"] option[value="user_01JDEM0GRACE00000000000000"]');
  await testConnection('allow');
  assert.equal(await driver.attribute('[data-testid="test-report"]', 'data-ok'), 'true');
  assert.equal(await driver.attribute('[data-testid="flow-picture"]', 'data-broke-at'), '');
  const report = await driver.text(await driver.find('[data-testid="test-report"]'));
  assert.match(report, /Test connection works/);
  assert.match(report, /repo, read:user/);
  const source = await driver.source();
  // Neither the token (fake-workos's GitHub tokens are gho_ + hex) nor a field holding one; the
  // names of SDK methods such as Ruby's get_access_token are not tokens.
  assert.doesNotMatch(source, /gho_[0-9a-f]{6,}|access_token["']?\s*[:=]/, 'the token never reaches the window');
  const log = readFileSync(process.env.PIPES_E2E_BROWSER_LOG, 'utf8');
  assert.match(log, /\/provider\/github\/oauth\/authorize\?/);
  assert.match(log, /consent: allow → 200 http:\/\/127\.0\.0\.1:\d+\/pipes-setup\/callback\?connect_code=/);
  assert.equal(await driver.attribute('button[data-step="sdk_integration"] [data-status]', 'data-status'), 'done', 'the rail shows step 4 proven');
  await shot('35-test-connection-ok.png');
});

test('denying in the browser ends at the consent leg with its guide', async () => {
  await testConnection('deny');
  assert.equal(await driver.attribute('[data-testid="test-report"]', 'data-ok'), 'false');
  assert.equal(await driver.attribute('[data-testid="flow-picture"]', 'data-broke-at'), 'consent');
  assert.equal(await driver.attribute('[data-testid="flow-picture"] [data-leg="consent"]', 'data-state'), 'broke');
  const report = await driver.text(await driver.find('[data-testid="test-report"]'));
  assert.match(report, /TEST_CONNECTION_DENIED/);
  assert.match(report, /choose Allow/);
  await shot('36-test-connection-denied.png');
});

test('a provider holding another callback stops at the consent leg, and the user says what it shows', async () => {
  // The built-in WorkOS's admin API: make GitHub's OAuth app hold the old guide's redirect URI.
  const uri = await driver.attribute('[data-testid="authorize-url"] input', 'value').catch(() => null);
  assert.equal(uri, null, 'no test is running');
  const demoBase = await driver.executeAsync(`
    const target = await window.__TAURI_INTERNALS__.invoke('workos_target');
    return target.base_url;`);
  const set = await fetch(`${demoBase}/__admin/provider-redirect-uri`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ environment: 'sandbox', slug: 'github', uri: 'https://api.workos.com/sso/oauth/redirect' }),
  });
  assert.equal(set.status, 204, await set.text());
  writeFileSync(CONSENT, 'allow');
  await driver.click('[data-testid="start-test"]');
  await driver.waitFor('[data-testid="browser-shows-mismatch"]', 30_000);
  await driver.waitForTextMatching('[data-testid="flow-picture"] figcaption', /Now at Consent/);
  for (let i = 0; i < 100 && !/redirect_uri_mismatch/.test(readFileSync(process.env.PIPES_E2E_BROWSER_LOG, 'utf8')); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.match(readFileSync(process.env.PIPES_E2E_BROWSER_LOG, 'utf8'), /consent: no consent form \(400\): redirect_uri_mismatch/);
  await shot('37-test-connection-waiting.png');
  await driver.click('[data-testid="browser-shows-mismatch"]');
  await driver.waitFor('[data-testid="test-report"]', 15_000);
  writeFileSync(CONSENT, '');
  assert.equal(await driver.attribute('[data-testid="flow-picture"]', 'data-broke-at'), 'consent');
  const report = await driver.text(await driver.find('[data-testid="test-report"]'));
  assert.match(report, /TEST_CONNECTION_REDIRECT_URI_MISMATCH/);
  assert.match(report, /Step 3 → github/);
  await shot('38-test-connection-redirect-mismatch.png');
  await fetch(`${demoBase}/__admin/provider-redirect-uri`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ environment: 'sandbox', slug: 'github', uri: null }),
  });
});

test('the code for the app has the provider and the return URL filled in', async () => {
  await driver.type('[data-testid="snippet-return-url"]', 'https://shop.example/pipes/callback');
  await driver.waitForTextMatching('[data-testid="snippet-code"]', /export const RETURN_URL = 'https:\/\/shop\.example\/pipes\/callback';/);
  const code = await driver.text(await driver.find('[data-testid="snippet-code"]'));
  assert.match(code, /export const PROVIDER = 'github';/);
  assert.match(code, /codeChallengeMethod: 'S256'/);
  await driver.click('[data-testid="code-snippet"] input[value="python"]');
  await driver.waitForTextMatching('[data-testid="snippet-code"]', /^PROVIDER = "github"$/m);
  await driver.type('[data-testid="snippet-return-url"]', "https://shop.example/x');evil('");
  await driver.waitForTextMatching('[data-testid="code-snippet"] [role="alert"]', /must be an absolute http\(s\) URL/);
  await shot('39-code-snippet.png');
});

test('a forged or replayed run id from the page is refused', async () => {
  const call = (id) =>
    driver.executeAsync(`
      const internals = window.__TAURI_INTERNALS__;
      const onEvent = '__CHANNEL__:' + internals.transformCallback(() => {});
      try {
        return { ok: await internals.invoke('run_test_connection', { id: ${JSON.stringify(id)}, onEvent }) };
      } catch (error) {
        return { error };
      }`);
  const forged = await call('forged-id');
  assert.equal(forged.error?.code, 'ACTION_UNKNOWN', JSON.stringify(forged));
  const prepared = await driver.executeAsync(`
    return await window.__TAURI_INTERNALS__.invoke('prepare_test_connection', { slug: 'github', userId: 'user_01JDEM0GRACE00000000000000' });`);
  writeFileSync(CONSENT, 'deny');
  const first = await call(prepared.id);
  writeFileSync(CONSENT, '');
  assert.equal(first.ok?.findings?.[0]?.code, 'TEST_CONNECTION_DENIED', JSON.stringify(first));
  const replayed = await call(prepared.id);
  assert.equal(replayed.error?.code, 'ACTION_UNKNOWN', JSON.stringify(replayed));
});
