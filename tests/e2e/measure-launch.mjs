// Scripted measurement, not a test: time from asking WebDriver for a session (which launches the
// app) to the first step's heading on screen, N times. Run it with:
//   PIPES_E2E_ONLY=tests/e2e/measure-launch.mjs tests/e2e/run.sh target/release/pipes-setup
import { WebDriver } from './webdriver.mjs';

const runs = Number(process.env.LAUNCHES ?? 7);
const driver = new WebDriver(process.env.PIPES_E2E_DRIVER ?? 'http://127.0.0.1:4444', () => {});
const times = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  await driver.start(process.env.PIPES_E2E_APP);
  await driver.waitFor('#step-heading h1, h1#step-heading', 20_000);
  times.push(performance.now() - started);
  await driver.quit();
}
times.sort((a, b) => a - b);
const ms = (t) => `${Math.round(t)} ms`;
console.log(`launch → first step rendered, ${runs} launches: median ${ms(times[Math.floor(runs / 2)])}, min ${ms(times[0])}, max ${ms(times[runs - 1])}`);
