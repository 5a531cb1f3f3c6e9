// Installing the WorkOS SDK from the window: a real `npm install` into a real Node project
// (the npm registry is the one network the test machine reaches), output streamed to the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openProject } from './actions.mjs';
import { WebDriver } from './webdriver.mjs';

const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');
let project;

before(async () => {
  project = mkdtempSync(join(tmpdir(), 'pipes-e2e-nosdk-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'nosdk', version: '1.0.0', private: true }));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'nosdk', lockfileVersion: 3, requires: true, packages: { '': { name: 'nosdk' } } }));
  await driver.start(process.env.PIPES_E2E_APP);
  await driver.waitFor('nav[aria-label="Setup steps"] button[data-step]');
});

after(async () => {
  await driver.quit().catch(() => {});
});

test('a project without the SDK gets it installed with npm, output live, then the check passes', async () => {
  await openProject(driver, project);
  await driver.click('[data-testid="run-checks"]');
  await driver.waitFor('[data-code="SDK_NOT_FOUND"]', 30_000);
  await driver.click('[data-code="SDK_NOT_FOUND"] button.fix');
  // The install ends with "Run the checks again"; its output streamed into the page meanwhile.
  await driver.waitFor('.install button.primary', 180_000);
  const output = await driver.text(await driver.waitFor('[data-testid="install-output"]'));
  driver.log(`npm said: ${output.split('\n').filter(Boolean).slice(-2).join(' | ')}`);
  assert.match(output, /added \d+ package/);
  assert.equal((await driver.findAll('[data-testid="install-result"] [data-code="SDK_INSTALL_OK"]')).length, 1);
  const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  assert.ok(manifest.dependencies?.['@workos-inc/node'], 'npm recorded the dependency');
  assert.ok(existsSync(join(project, 'node_modules/@workos-inc/node/package.json')));
  await driver.click('.install button.primary');
  await driver.waitFor('[data-code="SDK_OK"]', 30_000);
});
