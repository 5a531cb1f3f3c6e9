// Step 8: a failing finding's "Open the guide" lands on its guide, the diagnosis tells the
// causes apart (here: the project's env file holds another key than the one checked), and
// every guide in the list opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, openStep, runChecks } from './actions.mjs';
import { typeInto, waitForWindow, waitForWindowGone } from './desktop.mjs';
import { WebDriver } from './webdriver.mjs';
import { SECRET, findSecrets } from './secrets.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');
let project;

before(async () => {
  project = mkdtempSync(join(tmpdir(), 'pipes-e2e-guide-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'guide', dependencies: { '@workos-inc/node': '^12.3.0' } }));
  writeFileSync(join(project, '.env'), 'WORKOS_API_KEY=your_api_key_here\n');
  writeFileSync(join(project, '.gitignore'), '.env\n');
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
  await driver.quit().catch(() => {});
});

test('a failing finding opens its guide, and the diagnosis names the cause that applies', async () => {
  await openProject(driver, project);
  await runChecks(driver);
  const link = '[data-code="ENV_API_KEY_BAD_PREFIX"] [data-testid="open-guide"]';
  await driver.waitFor(link, 15_000);
  assert.equal(await driver.attribute(link, 'data-guide'), 'invalid-api-key');
  await driver.click(link);
  await driver.waitForText('#step-heading', 'Troubleshoot');
  await driver.waitForText('#guide-heading', 'WorkOS refuses the API key (401)');
  await driver.click('[data-testid="diagnose"]');
  await driver.waitForAttribute('[data-cause="other-key"]', 'data-verdict', 'applies', 15_000);
  assert.equal(await driver.attribute('[data-testid="guide"] .causes li', 'data-cause'), 'other-key', 'the cause that applies leads');
  assert.equal(await driver.attribute('[data-cause="typo"]', 'data-verdict'), 'does_not_apply');
  assert.equal(await driver.attribute('[data-cause="revoked"]', 'data-verdict'), 'does_not_apply', 'the demo WorkOS accepts the key checked');
  const evidence = await driver.text(await driver.find('[data-cause="other-key"] .evidence'));
  assert.match(evidence, /sk_test_…fake/, 'keys appear as fingerprints');
  assert.doesNotMatch(await driver.source(), /sk_test_demo_0000/, 'never a key itself');
  writeFileSync(join(SHOTS, '48-troubleshoot-diagnosis.png'), await driver.screenshot());
});

test('every guide in the list opens', async () => {
  const items = await driver.findAll('nav[aria-label="Recovery guides"] button[data-guide]');
  assert.ok(items.length >= 15, `${items.length} guides`);
  for (const item of items) {
    const id = await driver.request('GET', driver.sessionPath(`/element/${item}/attribute/data-guide`));
    await driver.request('POST', driver.sessionPath(`/element/${item}/click`), {});
    await driver.waitForAttribute('[data-testid="guide"]', 'data-guide', id);
    assert.ok((await driver.findAll('[data-testid="guide"] .causes li')).length > 0, `${id} has causes`);
  }
});


test('"Copy for support" puts the report on the clipboard, without a secret', async () => {
  await driver.click('[data-testid="copy-for-support"]');
  await driver.waitForTextMatching('[data-testid="report-note"]', /Copied the report/);
  const copied = execFileSync('xclip', ['-o', '-selection', 'clipboard'], { encoding: 'utf8' });
  assert.match(copied, /^# Pipes Setup report/);
  assert.match(copied, /ENV_API_KEY_BAD_PREFIX/, 'the pre-flight findings are in it');
  assert.match(copied, /sk_test_…fake/);
  assert.deepEqual([...copied.matchAll(SECRET)].map((m) => m[0].slice(0, 12)), []);
});

test('the report saves as versioned JSON and as HTML through the Save dialog, without a secret', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipes-e2e-report-'));
  for (const [button, name] of [['export-json', 'report.json'], ['export-html', 'report.html']]) {
    await driver.click(`[data-testid="${button}"]`);
    const dialog = await waitForWindow('Save the Pipes Setup report');
    await typeInto(dialog, { key: 'ctrl+a', pause: 300 }, { text: join(dir, name), pause: 600 }, { key: 'Return' });
    await waitForWindowGone('Save the Pipes Setup report');
    await driver.waitForTextMatching('[data-testid="report-note"]', new RegExp(`Saved the report to .*${name}`));
  }
  const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  assert.equal(json.schema, 1);
  assert.equal(json.workos.key_fingerprint, 'sk_test_…fake');
  assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /^<!doctype html>/);
  assert.deepEqual(findSecrets([dir]), []);
});
