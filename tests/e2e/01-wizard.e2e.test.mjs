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

/** Shift+Tab back from the page to the rail's one tab stop (past the demo banner's button). */
async function shiftTabToRail() {
  for (let presses = 1; presses <= 3; presses++) {
    await driver.press('Shift+Tab');
    const step = await driver.activeElementAttribute('data-step');
    if (step) return step;
  }
  throw new Error('Shift+Tab never reached the rail');
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

test('with no key configured the app runs on the built-in demo WorkOS and says so', async () => {
  const banner = await driver.waitFor('[data-testid="demo-banner"]');
  const text = await driver.text(banner);
  assert.match(text, /built-in, simulated WorkOS/);
  assert.match(text, /sk_test_…fake/);
  assert.doesNotMatch(text, /sk_test_demo_0000/, 'only the fingerprint reaches the window');
});

test('one full pass with the keyboard alone', async () => {
  await driver.click('button[data-step="docs"]');
  await expectStep('docs', 'Docs');
  // Focus lands on the heading after a step opens; Shift+Tab goes back to the rail's one tab stop.
  assert.equal(await shiftTabToRail(), 'docs');
  for (const [id, title] of STEPS.slice(1)) {
    await driver.press('ArrowDown', 'Enter');
    await expectStep(id, title);
    assert.equal(await driver.activeElementAttribute('id'), 'step-heading', 'focus moves to the new page');
    assert.equal(await shiftTabToRail(), id);
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

test('the webview can reach only the commands its capability allows, and no inline script', async () => {
  const denied = await driver.executeAsync(`
    try {
      await window.__TAURI_INTERNALS__.invoke('plugin:shell|execute', { program: 'sh', args: ['-c', 'true'] });
      return 'allowed';
    } catch (e) { return String(e); }`);
  assert.notEqual(denied, 'allowed');
  driver.log(`shell execute from the webview → ${denied}`);
  const windowCall = await driver.executeAsync(`
    try { await window.__TAURI_INTERNALS__.invoke('plugin:window|set_title', { label: 'main', value: 'pwned' }); return 'allowed'; }
    catch (e) { return String(e); }`);
  assert.match(windowCall, /not allowed/, 'core window commands are outside the capability');
  driver.log(`window.set_title from the webview → ${windowCall}`);
  const unknownDoc = await driver.executeAsync(`
    try { await window.__TAURI_INTERNALS__.invoke('open_doc', { id: 'https://example.com' }); return 'opened'; }
    catch (e) { return e; }`);
  assert.equal(unknownDoc.code, 'UNKNOWN_DOC', 'an arbitrary URL cannot be opened');
  const inline = await driver.executeAsync(`
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.appendChild(script);
    await new Promise((r) => setTimeout(r, 100));
    return window.__inlineRan === true;`);
  assert.equal(inline, false, 'the CSP blocks inline scripts');
});

test('after a restart the app reopens on the remembered step', async () => {
  await driver.click('button[data-step="webhooks"]');
  await expectStep('webhooks', 'Webhooks');
  await driver.quit();
  const launched = Date.now();
  await driver.start(APP);
  await expectStep('webhooks', 'Webhooks');
  driver.log(`measured: launch → first step rendered in ${Date.now() - launched} ms (WebDriver session start to heading shown)`);
  assert.equal(await badge('docs'), 'done', 'statuses are remembered too');
});
