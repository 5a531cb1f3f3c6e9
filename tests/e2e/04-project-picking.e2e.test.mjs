// Choosing the project the ways a person does: the native folder dialog (answered with the
// keyboard), a folder or a file dragged from a file manager onto the window, a path typed with
// `~`, and the app remembering the project across steps and restarts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject, openStep, runChecks } from './actions.mjs';
import { centreOf, dragOnto, typeInto, waitForWindow, waitForWindowGone } from './desktop.mjs';
import { WebDriver, sleep } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');
const DIALOG = 'Choose your project folder';

let projects;

function makeApp(folder, name) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name, dependencies: { '@workos-inc/node': '^7.80.0' } }));
  return folder;
}

before(async () => {
  projects = mkdtempSync(join(tmpdir(), 'pipes-e2e-projects-'));
  for (const name of ['billing', 'crm', 'dropped', 'notes']) makeApp(join(projects, name), name);
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
});

after(async () => {
  await driver.quit().catch(() => {});
});

const root = async () => driver.text(await driver.find('[data-testid="project-root"] code'));

test('the folder dialog opens next to the last project and its choice is checked', async () => {
  await openProject(driver, join(projects, 'billing'));
  await driver.click('button.primary[data-testid="choose-folder"]');
  const dialog = await waitForWindow(DIALOG);
  // Next to "billing", "crm" is one search away: type its name, enter it, then Open (Alt+O).
  await typeInto(dialog, { text: 'crm', pause: 800 }, { key: 'Return', pause: 800 }, { key: 'alt+o' });
  await waitForWindowGone(DIALOG);
  await driver.waitForText('[data-testid="project-root"] code', join(projects, 'crm'));
  assert.equal(await driver.attribute('[data-testid="run-checks"]', 'disabled'), null, 'the picked folder can be checked');
});

test('cancelling the folder dialog keeps the project that was open', async () => {
  await driver.click('button.primary[data-testid="choose-folder"]');
  const dialog = await waitForWindow(DIALOG);
  await typeInto(dialog, { key: 'Escape' });
  await waitForWindowGone(DIALOG);
  assert.equal(await root(), join(projects, 'crm'));
  assert.equal((await driver.findAll('.error-text')).length, 0, 'cancelling is not an error');
});

test('a folder dropped on the window while on another step opens in Pre-flight', async () => {
  await openStep(driver, 'docs', 'Docs');
  const window = await waitForWindow('Pipes Setup');
  let overlay = 0;
  await dragOnto(join(projects, 'dropped'), centreOf(window), async () => {
    overlay = (await driver.findAll('[data-testid="drop-overlay"]')).length;
    writeFileSync(join(SHOTS, '14-drop-overlay.png'), await driver.screenshot());
  });
  assert.equal(overlay, 1, 'the window shows where to drop while a folder hovers over it');
  await driver.waitForText('#step-heading', 'Pre-flight');
  await driver.waitForText('[data-testid="project-root"] code', join(projects, 'dropped'));
  assert.equal((await driver.findAll('[data-testid="drop-overlay"]')).length, 0, 'the overlay goes away');
});

test('a dropped file opens the folder it is in, and says so', async () => {
  const window = await waitForWindow('Pipes Setup');
  await dragOnto(join(projects, 'notes', 'package.json'), centreOf(window));
  await driver.waitForText('[data-testid="project-root"] code', join(projects, 'notes'));
  assert.equal(await root(), join(projects, 'notes'));
  const note = await driver.text(await driver.waitFor('[data-code="PROJECT_FILE_PICKED"]'));
  assert.match(note, /package\.json.* is a file/);
});

test('a typed ~ path is the home folder, and a missing one says what to do', async () => {
  const tilde = makeApp(join(homedir(), 'code', 'tilde-app'), 'tilde-app');
  await driver.type('input[aria-label="Project folder path"]', tilde.replace(homedir(), '~'));
  await driver.click('form.typed button[type="submit"]');
  await driver.waitForText('[data-testid="project-root"] code', tilde);
  await driver.type('input[aria-label="Project folder path"]', '~/code/no-such-app');
  await driver.click('form.typed button[type="submit"]');
  const problem = await driver.text(await driver.waitFor('[data-code="PROJECT_NOT_A_FOLDER"]'));
  assert.match(problem, /does not exist/);
  assert.match(await driver.text(await driver.find('[data-testid="project-root"]')), /Cannot check/);
  assert.equal(await driver.attribute('[data-testid="run-checks"]', 'disabled'), 'true');
});

test('the project stays chosen across steps and is reopened after a restart', async () => {
  await openProject(driver, join(projects, 'billing'));
  await openStep(driver, 'verify', 'Verify');
  await openStep(driver, 'preflight', 'Pre-flight');
  assert.equal(await root(), join(projects, 'billing'), 'visiting another step keeps the project');
  const recent = async () => driver.text(await driver.find('[data-testid="recent-projects"]'));
  assert.match(await recent(), /crm/);
  await driver.click('button[aria-label="Remove crm from recent projects"]');
  for (let i = 0; i < 50 && /crm/.test(await recent()); i++) await sleep(100);
  await driver.quit();
  await driver.start(APP);
  await driver.waitForText('#step-heading', 'Pre-flight');
  await driver.waitForText('[data-testid="project-root"] code', join(projects, 'billing'));
  const after = await recent();
  assert.match(after, /notes/, 'the other recent projects are offered');
  assert.doesNotMatch(after, /crm/, 'a forgotten project stays forgotten');
  writeFileSync(join(SHOTS, '15-recent-projects.png'), await driver.screenshot());
});

test('in a monorepo, the app the checks ran on is selected again after a restart', async () => {
  const mono = join(projects, 'mono');
  mkdirSync(mono);
  writeFileSync(join(mono, 'package.json'), JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }));
  makeApp(join(mono, 'apps', 'web'), 'web');
  makeApp(join(mono, 'apps', 'admin'), 'admin');
  await openProject(driver, mono);
  await driver.click('select[aria-label="App to check"] option[value="apps/admin"]');
  await runChecks(driver);
  await driver.quit();
  await driver.start(APP);
  await driver.waitForText('[data-testid="project-root"] code', mono);
  const selected = await driver.executeAsync(
    `return document.querySelector('select[aria-label="App to check"]').value;`,
  );
  assert.equal(selected, 'apps/admin');
});
