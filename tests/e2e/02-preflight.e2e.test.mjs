// Pre-flight in the real window: a real project folder on disk, the checks streamed from Rust,
// the .gitignore fix written to disk, the key imported into the real Secret Service, and the
// live checks against a fake-workos started by run.sh (WORKOS_BASE_URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, openStep, runChecks as run } from './actions.mjs';
import { WebDriver, sleep } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const DEMO_KEY = 'sk_test_demo_0000000000000000000000000000fake';
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');

let project;

before(async () => {
  // A Node app that keeps its key in .env, which git does not ignore: a real mistake.
  project = mkdtempSync(join(tmpdir(), 'pipes-e2e-shop-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop', dependencies: { '@workos-inc/node': '^7.80.0' } }));
  writeFileSync(join(project, '.env'), `# the shop's secrets\nWORKOS_API_KEY=${DEMO_KEY}\nWORKOS_CLIENT_ID=client_01JDEM0SANDB0X000000000000\n`);
  writeFileSync(join(project, '.gitignore'), 'node_modules\n');
  execFileSync('git', ['init', '-q', project]);
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
});

after(async () => {
  await driver.quit().catch(() => {});
});

const openPreflight = () => openStep(driver, 'preflight', 'Pre-flight');
const runChecks = () => run(driver);

async function checkStatus(id) {
  return driver.attribute(`[data-check="${id}"]`, 'data-status');
}

async function railBadge(step) {
  return driver.attribute(`button[data-step="${step}"] [data-status]`, 'data-status');
}

async function hasFinding(code) {
  return (await driver.findAll(`[data-code="${code}"]`)).length > 0;
}

test('a project folder opened by path is scanned and its checks stream in', async () => {
  await openProject(driver, project);
  await runChecks();
  assert.equal(await checkStatus('key_valid'), 'passed', 'the demo key works against the demo WorkOS');
  assert.equal(await checkStatus('env_files'), 'failed');
  assert.ok(await hasFinding('LIVE_KEY_VALID'));
  assert.equal(await railBadge('preflight'), 'needs_attention', 'a failed check shows on the rail');
  const table = await driver.text(await driver.waitFor('[data-testid="env-variables"] table'));
  assert.match(table, /WORKOS_API_KEY\s*sk_test_…fake\s*\.env:2/, 'the key comes from .env line 2');
  assert.doesNotMatch(table, /sk_test_demo_0000/);
  writeFileSync(join(SHOTS, '10-preflight-findings.png'), await driver.screenshot());
});

test('the .gitignore fix is shown first, then written to disk, keeping what was there', async () => {
  const fixButtons = await driver.findAll('[data-check="env_files"] button.fix');
  assert.ok(fixButtons.length > 0, 'the env files check offers a fix');
  await driver.click('[data-check="env_files"] button.fix');
  const after = await driver.text(await driver.waitFor('[data-testid="gitignore-after"]'));
  assert.match(after, /node_modules/);
  assert.match(after, /\.env/);
  assert.equal(readFileSync(join(project, '.gitignore'), 'utf8'), 'node_modules\n', 'nothing written before the click');
  writeFileSync(join(SHOTS, '11-preflight-gitignore-preview.png'), await driver.screenshot());
  await driver.click('.fix-preview button.primary');
  // The fix re-runs the checks; wait for the new result rather than the old one on screen.
  await driver.waitForAttribute('[data-check="env_files"]', 'data-status', 'passed', 30_000);
  const gitignore = readFileSync(join(project, '.gitignore'), 'utf8');
  assert.match(gitignore, /^node_modules\n\.env\n?$/);
  await driver.waitForAttribute('button[data-step="preflight"] [data-status]', 'data-status', 'done');
  driver.log(`.gitignore is now ${JSON.stringify(gitignore)}`);
});

test('importing the key puts it in the keychain; the window sees only its fingerprint', async () => {
  await driver.click('section[aria-labelledby="key-heading"] button.secondary');
  await driver.waitForText('[role="status"].ok-text', 'Imported from your env file into your keychain.');
  const status = await driver.text(await driver.waitFor('[data-testid="key-status"]'));
  assert.match(status, /sk_test_…fake/);
  assert.equal((await driver.findAll('[data-testid="demo-banner"]')).length, 0, 'no longer the demo');
  const stored = execFileSync('secret-tool', ['search', '--all', 'service', 'dev.pipes-setup'], { encoding: 'utf8' });
  assert.match(stored, /dev\.pipes-setup/, 'the entry is in the Secret Service');
  driver.log('secret-tool found the entry under service dev.pipes-setup');
  assert.doesNotMatch(await driver.source(), /sk_test_demo_0000/, 'the key is nowhere in the page');
  // The checks passed on the demo WorkOS, not on this account: the rail says so.
  assert.equal(await railBadge('preflight'), 'checked_elsewhere');
});

test('the live checks now use the saved key against WORKOS_BASE_URL', async () => {
  await runChecks();
  assert.equal(await checkStatus('key_valid'), 'passed');
  const message = await driver.text(await driver.waitFor('[data-check="api_key"] .message'));
  assert.match(message, /keychain/);
  assert.equal(await checkStatus('keychain'), 'passed', 'the keychain self-test passes');
  await driver.waitForAttribute('button[data-step="preflight"] [data-status]', 'data-status', 'done');
});

test('with consent, the key and client id are written into the env file, key masked in the preview', async () => {
  await driver.click('[data-testid="env-write"]');
  await driver.type('input[aria-label="Client id"]', 'client_01E2ETYPED0000000000000');
  await driver.click('.env-write form button[type="submit"]');
  const preview = await driver.text(await driver.waitFor('[data-testid="env-write-after"]'));
  assert.match(preview, /WORKOS_API_KEY=sk_test_…fake/);
  assert.match(preview, /WORKOS_CLIENT_ID=client_01E2ETYPED0000000000000/);
  assert.doesNotMatch(await driver.source(), /sk_test_demo_0000/, 'the preview shows no key');
  writeFileSync(join(SHOTS, '12-preflight-env-write-preview.png'), await driver.screenshot());
  await driver.click('.env-write button.primary');
  await driver.waitForText('section[aria-labelledby="key-heading"] .ok-text', 'Written into your env file (now git-ignored).');
  const written = readFileSync(join(project, '.env'), 'utf8');
  assert.equal(
    written,
    `# the shop's secrets\nWORKOS_API_KEY=${DEMO_KEY}\nWORKOS_CLIENT_ID=client_01E2ETYPED0000000000000\n`,
  );
});

test('after a restart the saved key is read back from the keychain', async () => {
  await driver.quit();
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
  await sleep(300);
  assert.equal((await driver.findAll('[data-testid="demo-banner"]')).length, 0);
  await openPreflight();
  assert.match(await driver.text(await driver.waitFor('[data-testid="key-status"]')), /from your keychain/);
});
