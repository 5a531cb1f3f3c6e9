// What a user does in the wizard, in WebDriver steps shared by the E2E files.

export async function openStep(driver, id, heading) {
  await driver.click(`button[data-step="${id}"]`);
  await driver.waitForText('#step-heading', heading);
}

export async function openProject(driver, path) {
  await openStep(driver, 'preflight', 'Pre-flight');
  await driver.type('input[aria-label="Project folder path"]', path);
  await driver.click('form.typed button[type="submit"]');
  await driver.waitForText('[data-testid="project-root"] code', path);
}

export async function runChecks(driver) {
  await driver.click('[data-testid="run-checks"]');
  await driver.waitFor('[data-testid="checks-summary"]', 30_000);
}
