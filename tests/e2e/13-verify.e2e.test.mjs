// Step 7 on a small project and a real local "app": every line says how it was established;
// the connect route's redirect is shown and not followed, and stopping the app turns exactly
// that line red; the build runs with its output, and a broken build fails with its last lines;
// a manual line is ticked by the user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, openStep } from './actions.mjs';
import { WebDriver } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');
let project;
let userApp;
let connectUrl;

function writeManifest(build) {
  writeFileSync(join(project, 'package.json'), JSON.stringify({
    name: 'verify-me',
    scripts: { build },
    dependencies: { '@workos-inc/node': '^12.3.0' },
  }));
}

before(async () => {
  project = mkdtempSync(join(tmpdir(), 'pipes-e2e-verify-'));
  writeManifest('node -e "console.log(\'built ok\')"');
  // The SDK as npm would have installed it.
  mkdirSync(join(project, 'node_modules', '@workos-inc', 'node'), { recursive: true });
  writeFileSync(join(project, 'node_modules', '@workos-inc', 'node', 'package.json'), JSON.stringify({ name: '@workos-inc/node', version: '12.3.0' }));
  userApp = createServer((req, res) => {
    res.writeHead(302, { location: 'https://github.example/login/oauth/authorize?client_id=demo' }).end();
  });
  await new Promise((resolve) => userApp.listen(0, '127.0.0.1', resolve));
  connectUrl = `http://127.0.0.1:${userApp.address().port}/connect`;
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
  await openStep(driver, 'preflight', 'Pre-flight');
  for (const link of await driver.findAll('section[aria-labelledby="key-heading"] button.link')) {
    if ((await driver.text(link)) === 'Back to the demo') {
      await driver.request('POST', driver.sessionPath(`/element/${link}/click`), {});
      await driver.waitFor('[data-testid="demo-banner"]');
    }
  }
  await openProject(driver, project);
});

after(async () => {
  userApp?.close();
  await driver.quit().catch(() => {});
});

const status = (id) => driver.attribute(`[data-line="${id}"]`, 'data-status');

test('every automatic line is checked live, and the connect route’s redirect is shown, not followed', async () => {
  await openStep(driver, 'verify', 'Verify');
  await driver.type('[data-testid="connect-url"]', connectUrl);
  await driver.click('[data-testid="verify-all"]');
  await driver.waitFor('[data-line="connect-url"]', 20_000);
  for (const id of ['credentials', 'sdk', 'provider', 'connect-url']) {
    assert.equal(await status(id), 'pass', id);
    assert.equal(await driver.attribute(`[data-line="${id}"]`, 'data-evidence'), 'live', id);
  }
  assert.match(await driver.text(await driver.find('[data-line="connect-url"]')), /302 → https:\/\/github\.example\/login\/oauth\/authorize\?client_id=demo \(not followed\)/);
  assert.equal(await driver.attribute('[data-line="verify:connect-button"]', 'data-evidence'), 'confirmed');
  assert.equal(await status('verify:connect-button'), 'not_checked');
});

test('a manual line is ticked by the user and says so', async () => {
  await driver.click('[data-line="verify:connect-button"] [data-testid="confirm-line"]');
  await driver.waitForAttribute('[data-line="verify:connect-button"]', 'data-status', 'pass');
  assert.match(await driver.text(await driver.find('[data-line="verify:connect-button"]')), /Confirmed by you/);
});

test('the build runs with live output; a broken build fails with its last lines', async () => {
  await driver.click('[data-testid="run-build"]');
  await driver.waitForAttribute('[data-testid="build-result"]', 'data-status', 'pass', 60_000);
  assert.match(await driver.text(await driver.find('[data-testid="build-output"]')), /built ok/);
  writeManifest('node -e "console.error(\'error TS2304: Cannot find name x\'); process.exit(2)"');
  await driver.click('[data-testid="run-build"]');
  await driver.waitForAttribute('[data-testid="build-result"]', 'data-status', 'fail', 60_000);
  const result = await driver.text(await driver.find('[data-testid="build-result"]'));
  assert.match(result, /npm run build/);
  assert.match(result, /exit 2/);
  assert.match(result, /Cannot find name x/);
  writeFileSync(join(SHOTS, '49-verify.png'), await driver.screenshot());
});

test('stopping the app turns exactly the connect line red', async () => {
  await new Promise((resolve) => userApp.close(resolve));
  userApp = null;
  await driver.click('[data-testid="verify-all"]');
  await driver.waitForAttribute('[data-line="connect-url"]', 'data-status', 'fail', 20_000);
  assert.match(await driver.text(await driver.find('[data-line="connect-url"]')), /is your app running/);
  for (const id of ['credentials', 'sdk', 'provider']) assert.equal(await status(id), 'pass', id);
});
