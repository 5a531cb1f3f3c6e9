// What users of a desktop app expect of its shell: `pipes-setup PROJECT` opens that project, the
// window keeps the size it was left at, and the log folder opens from the app and holds no secret.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStep } from './actions.mjs';
import { waitForWindow, xdotool } from './desktop.mjs';
import { WebDriver, sleep } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const BROWSER_LOG = process.env.PIPES_E2E_BROWSER_LOG;
const LOG_DIR = join(process.env.XDG_DATA_HOME, 'dev.pipes-setup.app', 'logs');
const DEMO_KEY = 'sk_test_demo_0000000000000000000000000000fake';
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');

let projects;

function makeApp(name) {
  const folder = join(projects, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name, dependencies: { '@workos-inc/node': '^12.3.0' } }));
  return folder;
}

const root = async () => driver.text(await driver.find('[data-testid="project-root"] code'));

before(async () => {
  projects = mkdtempSync(join(tmpdir(), 'pipes-e2e-shell-'));
  makeApp('shop');
  makeApp('billing');
});

after(async () => {
  await driver.quit().catch(() => {});
});

test('`pipes-setup PROJECT` opens on that project in Pre-flight', async () => {
  await driver.start(APP, [join(projects, 'shop')]);
  await driver.waitForText('#step-heading', 'Pre-flight');
  await driver.waitForText('[data-testid="project-root"] code', join(projects, 'shop'));
});

test('the window opens at the size it was left at', async () => {
  const window = await waitForWindow('Pipes Setup');
  xdotool('windowsize', '--sync', window, 1010, 707);
  // Saved once the resize settles (400 ms); then the app is closed the hard way.
  const placement = join(process.env.XDG_DATA_HOME, 'dev.pipes-setup.app', 'window.json');
  const saved = () => (existsSync(placement) ? readFileSync(placement, 'utf8') : '');
  for (let i = 0; i < 100 && !/"width": 1010/.test(saved()); i++) await sleep(100);
  assert.match(saved(), /"width": 1010/, 'the size was saved before the app was closed');
  await driver.quit();
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
  const geometry = xdotool('getwindowgeometry', '--shell', await waitForWindow('Pipes Setup'));
  const value = (name) => Number(geometry.match(new RegExp(`^${name}=(\\d+)`, 'm'))[1]);
  assert.deepEqual([value('WIDTH'), value('HEIGHT')], [1010, 707], geometry);
  assert.deepEqual(JSON.parse(saved()), { width: 1010, height: 707, maximized: false });
});

test('"Open log folder" opens the app’s log folder, whose log names keys by fingerprint only', async () => {
  // A key saved in this session, so the log has a key to (not) show.
  await openStep(driver, 'preflight', 'Pre-flight');
  await driver.type('input[aria-label="WorkOS API key"]', DEMO_KEY);
  await driver.click('section[aria-labelledby="key-heading"] button[type="submit"]');
  await driver.waitForText('[role="status"].ok-text', 'Saved in your keychain.');

  const before = existsSync(BROWSER_LOG) ? readFileSync(BROWSER_LOG, 'utf8') : '';
  await driver.click('[data-testid="open-log-folder"]');
  let opened = '';
  for (let i = 0; i < 100 && !opened; i++) {
    opened = (existsSync(BROWSER_LOG) ? readFileSync(BROWSER_LOG, 'utf8') : '').slice(before.length).trim();
    if (!opened) await sleep(100);
  }
  assert.equal(opened.replace(/^file:\/\//, ''), LOG_DIR);

  assert.deepEqual(readdirSync(LOG_DIR), ['pipes-setup.log']);
  const log = readFileSync(join(LOG_DIR, 'pipes-setup.log'), 'utf8');
  assert.match(log, /INFO  pipes_setup_lib: Pipes Setup \S+ started/);
  assert.match(log, /with key sk_test_…fake \(sandbox\)/, 'the saved key appears as its fingerprint');
  assert.ok(!log.includes(DEMO_KEY), 'never the key itself');
});
