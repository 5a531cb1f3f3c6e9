// Nothing blocks the window: while WorkOS never answers (fake-workos holds the key check) and the
// project's .env is a named pipe, the rail still answers at once and the checks still end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, openStep } from './actions.mjs';
import { WebDriver, sleep } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const WORKOS = process.env.WORKOS_BASE_URL;
const DEMO_KEY = 'sk_test_demo_0000000000000000000000000000fake';
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');

let project;

before(async () => {
  project = mkdtempSync(join(tmpdir(), 'pipes-e2e-held-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'held', dependencies: { '@workos-inc/node': '^8.0.0' } }));
  execFileSync('mkfifo', [join(project, '.env')]);
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
  await openProject(driver, project);
  await driver.type('input[aria-label="WorkOS API key"]', DEMO_KEY);
  await driver.click('section[aria-labelledby="key-heading"] button[type="submit"]');
  await driver.waitForText('[role="status"].ok-text', 'Saved in your keychain.');
});

after(async () => {
  await fetch(`${WORKOS}/__admin/faults`, { method: 'DELETE' }).catch(() => {});
  await driver.quit().catch(() => {});
});

async function until(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

test('the rail answers while the key check waits on a WorkOS that never answers', async () => {
  const fault = await fetch(`${WORKOS}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'GET', path: '/organizations', hang: true }),
  });
  assert.equal(fault.status, 201);
  await driver.click('[data-testid="run-checks"]');
  await driver.waitForAttribute('[data-check="key_valid"]', 'data-status', 'running');
  await until(async () => /named pipe/.test(await driver.text(await driver.find('[data-check="env_files"]'))), 5_000);
  assert.notEqual(await driver.attribute('[data-check="env_files"]', 'data-status'), 'running', 'the pipe .env is a finding at once, not a wait');

  for (const [id, heading] of [['docs', 'Docs'], ['webhooks', 'Webhooks'], ['preflight', 'Pre-flight']]) {
    const started = Date.now();
    await openStep(driver, id, heading);
    const took = Date.now() - started;
    driver.log(`${heading} opened in ${took} ms while the key check is held`);
    assert.ok(took < 2_000, `${heading} took ${took} ms`);
  }
  assert.equal(await driver.attribute('[data-check="key_valid"]', 'data-status'), 'running', 'the check is still held');
  writeFileSync(join(SHOTS, '16-preflight-check-held.png'), await driver.screenshot());
  await fetch(`${WORKOS}/__admin/faults`, { method: 'DELETE' });
  // The request's own 8 s limit ends it as a finding that says so, before the check's 15 s.
  const ended = await driver.waitForAttribute('[data-check="key_valid"]', 'data-status', 'failed', 30_000);
  assert.equal(ended, 'failed');
  assert.match(await driver.text(await driver.find('[data-check="key_valid"]')), /did not answer|timed out/i);
});
