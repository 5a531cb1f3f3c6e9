// The app as the .deb installed it: the installed binary opens, serves its embedded UI and
// renders the Docs step. Run by scripts/test through tests/e2e/run.sh:
//   PIPES_E2E_ONLY=tests/e2e/package/installed-app.mjs tests/e2e/run.sh /usr/bin/pipes-setup
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebDriver } from '../webdriver.mjs';

const APP = process.env.PIPES_E2E_APP;
const SHOTS = process.env.PIPES_E2E_SCREENSHOTS;
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');

try {
  await driver.start(APP);
  await driver.waitForText('#step-heading', 'Docs', 20_000);
  assert.equal(await driver.attribute('main', 'data-current-step'), 'docs');
  await driver.waitFor('li[data-doc="pipes"] button');
  const corrections = await driver.findAll('table.corrections tbody tr');
  assert.ok(corrections.length > 0, 'the table of what the old guide gets wrong is empty');
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, 'package-docs-step.png'), await driver.screenshot());
  console.log(`ok: ${APP} renders the Docs step (${corrections.length} corrections listed)`);
} finally {
  await driver.quit().catch(() => {});
}
