// End to end: the real pipes-setup binary in a real WebKitGTK window under Xvfb, driven through
// tauri-driver + WebKitWebDriver. Run by tests/e2e/run.sh, which sets up the display, the
// session bus, a throwaway HOME and the recording browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { WebDriver, sleep } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const DRIVER = process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444';
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const BROWSER_LOG = process.env.PIPES_E2E_BROWSER_LOG;

const STEPS = [
  ['docs', 'Docs'],
  ['preflight', 'Pre-flight'],
  ['dashboard', 'Dashboard configuration'],
  ['sdk_integration', 'SDK integration'],
  ['connections', 'Connections'],
  ['webhooks', 'Webhooks'],
  ['verify', 'Verify'],
  ['troubleshoot', 'Troubleshoot'],
];

const driver = new WebDriver(DRIVER);

before(async () => {
  assert.ok(APP && existsSync(APP), `PIPES_E2E_APP must name the built app, got ${APP}`);
  mkdirSync(SHOTS, { recursive: true });
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
});

after(async () => {
  await driver.quit().catch(() => {});
});

async function expectStep(id, title) {
  await driver.waitForText('#step-heading', title);
  assert.equal(await driver.attribute('main', 'data-current-step'), id);
  assert.equal(await driver.attribute(`button[data-step="${id}"]`, 'aria-current'), 'step');
}

async function badge(id) {
  return driver.attribute(`button[data-step="${id}"] [data-status]`, 'data-status');
}

test('the rail walks through all eight steps, each with its own page', async () => {
  const buttons = await driver.findAll('nav[aria-label="Setup steps"] button[data-step]');
  assert.equal(buttons.length, 8);
  for (const [index, [id, title]] of STEPS.entries()) {
    await driver.click(`button[data-step="${id}"]`);
    await expectStep(id, title);
    assert.equal(await badge(id), 'in_progress', 'a visited step is in progress');
    const shot = join(SHOTS, `${String(index + 1).padStart(2, '0')}-${id}.png`);
    writeFileSync(shot, await driver.screenshot());
    driver.log(`saved ${shot}`);
  }
});

test('one full pass with the keyboard alone', async () => {
  await driver.click('button[data-step="docs"]');
  await expectStep('docs', 'Docs');
  // Focus lands on the heading after a step opens; Shift+Tab goes back to the rail's one tab stop.
  await driver.press('Shift+Tab');
  assert.equal(await driver.activeElementAttribute('data-step'), 'docs');
  for (const [id, title] of STEPS.slice(1)) {
    await driver.press('ArrowDown', 'Enter');
    await expectStep(id, title);
    assert.equal(await driver.activeElementAttribute('id'), 'step-heading', 'focus moves to the new page');
    await driver.press('Shift+Tab');
    assert.equal(await driver.activeElementAttribute('data-step'), id);
  }
  await driver.press('Home', 'Enter');
  await expectStep('docs', 'Docs');
});

test('Open on a docs link hands the URL to the browser and marks step 1 done', async () => {
  await driver.click('button[data-step="docs"]');
  await expectStep('docs', 'Docs');
  await driver.click('li[data-doc="pipes"] button');
  const deadline = Date.now() + 15_000;
  let opened = [];
  while (Date.now() < deadline) {
    opened = existsSync(BROWSER_LOG) ? readFileSync(BROWSER_LOG, 'utf8').trim().split('\n') : [];
    if (opened.includes('https://workos.com/docs/pipes')) break;
    await sleep(100);
  }
  assert.ok(opened.includes('https://workos.com/docs/pipes'), `the browser received ${JSON.stringify(opened)}`);
  driver.log(`the browser was asked to open ${opened.join(', ')}`);
  await driver.waitForText('li[data-doc="pipes"] [role="status"]', 'Opened in your browser.');
  assert.equal(await badge('docs'), 'done');
});

test('after a restart the app reopens on the remembered step', async () => {
  await driver.click('button[data-step="webhooks"]');
  await expectStep('webhooks', 'Webhooks');
  await driver.quit();
  await driver.start(APP);
  await expectStep('webhooks', 'Webhooks');
  assert.equal(await badge('docs'), 'done', 'statuses are remembered too');
});
