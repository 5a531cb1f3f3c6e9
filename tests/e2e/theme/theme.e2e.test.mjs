// Light and dark follow the system: run once as it is (light) and once with GTK_THEME set to a
// dark variant, which WebKitGTK reports to the page as prefers-color-scheme: dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebDriver } from '../webdriver.mjs';

const EXPECTED = process.env.PIPES_E2E_THEME ?? 'light';
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444');

before(async () => {
  await driver.start(process.env.PIPES_E2E_APP);
  await driver.waitFor('#step-heading');
});

after(async () => {
  await driver.quit().catch(() => {});
});

test(`the window follows the system's ${EXPECTED} theme`, async () => {
  const seen = await driver.executeAsync(`
    return {
      dark: window.matchMedia('(prefers-color-scheme: dark)').matches,
      background: getComputedStyle(document.body).backgroundColor,
    };`);
  driver.log(`prefers dark: ${seen.dark}, body background: ${seen.background}`);
  assert.equal(seen.dark, EXPECTED === 'dark');
  assert.equal(seen.background, EXPECTED === 'dark' ? 'rgb(20, 20, 28)' : 'rgb(255, 255, 255)');
  writeFileSync(join(process.env.PIPES_E2E_SCREENSHOTS, `09-theme-${EXPECTED}.png`), await driver.screenshot());
});
