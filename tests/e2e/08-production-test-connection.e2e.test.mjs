// A production key in steps 3 and 4: the decision tree moves to production, and the test
// connection asks before it changes anything, then names the unregistered return URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, openStep } from './actions.mjs';
import { WebDriver } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const LIVE_KEY = 'sk_live_demo_0000000000000000000000000000fake';
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const project = mkdtempSync(join(tmpdir(), 'pipes-e2e-production-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop' }));
  writeFileSync(join(project, '.env'), 'PIPES_RETURN_URL=http://127.0.0.1:3000/pipes-setup/callback\n');
  writeFileSync(join(project, '.gitignore'), '.env\n');
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
  await openProject(driver, project);
});

after(async () => {
  // Leave the next files on the demo, as they expect.
  await openStep(driver, 'preflight', 'Pre-flight').catch(() => {});
  await driver.click('section[aria-labelledby="key-heading"] button.link').catch(() => {});
  await driver.quit().catch(() => {});
});

test('a production key moves the decision tree to the production branch', async () => {
  await driver.type('input[aria-label="WorkOS API key"]', LIVE_KEY);
  await driver.click('section[aria-labelledby="key-heading"] button[type="submit"]');
  await driver.waitForTextMatching('[data-testid="key-status"]', /sk_live_…fake/, 15_000);
  assert.doesNotMatch(await driver.source(), /sk_live_demo_0000/, 'only the fingerprint reaches the window');
  await openStep(driver, 'dashboard', 'Dashboard configuration');
  await driver.waitForAttribute('[data-testid="decision-tree"]', 'data-position', 'production');
  await driver.waitFor('[data-testid="integration"][data-slug="github"]', 15_000);
  const github = await driver.text(await driver.find('[data-testid="integration"][data-slug="github"]'));
  assert.match(github, /custom credentials/);
  assert.doesNotMatch(github, /PRODUCTION_SHARED_CREDENTIALS/);
});

test("the app leg starts from the return URL the project's .env names", async () => {
  await driver.waitForTextMatching('[data-testid="return-url-source"]', /PIPES_RETURN_URL \(\.env:1\)/);
  assert.equal(await driver.attribute('[data-testid="return-url-input"]', 'value'), 'http://127.0.0.1:3000/pipes-setup/callback');
  await driver.waitForAttribute('[data-testid="app-leg"] [data-testid="redirect-comparison"]', 'data-verdict', 'accepted');
});

test('the test connection asks first, then names the return URL production has not registered', async () => {
  await openStep(driver, 'sdk_integration', 'SDK integration');
  await driver.click('[data-testid="test-provider"] option[value="github"]');
  await driver.click('[data-testid="start-test"]');
  await driver.waitForTextMatching('[role="alertdialog"]', /^Connect a real GitHub account for \S+@acme\.example in your production WorkOS environment\? This saves a connection there\./);
  await driver.waitFor('[data-testid="confirm-test"]');
  assert.equal((await driver.findAll('[data-testid="flow-picture"]')).length, 0, 'nothing ran before the yes');
  writeFileSync(join(SHOTS, '40-production-confirmation.png'), await driver.screenshot());
  await driver.click('[data-testid="confirm-test"]');
  await driver.waitFor('[data-testid="test-report"]', 30_000);
  assert.equal(await driver.attribute('[data-testid="flow-picture"]', 'data-broke-at'), 'authorize');
  const report = await driver.text(await driver.find('[data-testid="test-report"]'));
  assert.match(report, /TEST_CONNECTION_RETURN_URL_NOT_REGISTERED/);
  assert.match(report, /add http:\/\/127\.0\.0\.1\/pipes-setup\/callback exactly/);
  writeFileSync(join(SHOTS, '41-production-return-url-not-registered.png'), await driver.screenshot());
});
