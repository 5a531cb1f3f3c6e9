// The app as a process: it starts, reads .env without overriding what is set, stays up
// without a key (and says so on every WorkOS route), and its build is a real check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APP_DIR, DEMO_KEY, GRACE, appEnv, freePort, startApp, startFake, startStack } from './helpers.mjs';

test('GET /health answers 200 with what is configured, never a secret', async (t) => {
  const { app } = await startStack(t);
  const res = await fetch(`${app.url}/health`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.ok, true);
  assert.equal(body.provider, 'github');
  assert.equal(body.workos_api_key, 'set');
  assert.equal(body.return_url, `http://127.0.0.1:${app.port}/callback`);
  assert.doesNotMatch(JSON.stringify(body), /sk_test_/);
  const home = await fetch(`${app.url}/`);
  assert.equal(home.status, 200);
  assert.match(await home.text(), /id="connect"/);
});

test('without WORKOS_API_KEY the app still serves /health, and every WorkOS route answers 500 saying so', async (t) => {
  const fake = await startFake(t);
  const port = await freePort();
  const app = await startApp(t, { port, env: appEnv(fake, port, { WORKOS_API_KEY: undefined }) });
  assert.match(app.output(), /WORKOS_API_KEY is not set/);

  const health = await fetch(`${app.url}/health`);
  assert.equal(health.status, 200);
  assert.equal((await health.json()).workos_api_key, 'missing');

  const connect = await fetch(`${app.url}/connect?user=${GRACE}`, { redirect: 'manual' });
  assert.equal(connect.status, 500);
  assert.match(await connect.text(), /WORKOS_API_KEY is not set/);

  const call = await fetch(`${app.url}/api/provider/user?user=${GRACE}&account=data_installation_x`);
  assert.equal(call.status, 500);
  const body = await call.json();
  assert.equal(body.error, 'missing_api_key');
  assert.match(body.message, /WORKOS_API_KEY is not set/);

  assert.equal(app.child.exitCode, null, 'the app is still running');
});

test('.env in the working directory is read; a variable already set wins over it', async (t) => {
  const fake = await startFake(t);
  const port = await freePort();
  const dotEnv = [
    '# written by the test',
    `export WORKOS_API_KEY="${DEMO_KEY}"`,
    `WORKOS_BASE_URL=${fake.baseUrl}   # the fake`,
    `PIPES_RETURN_URL='http://127.0.0.1:${port}/callback'`,
    'PIPES_PROVIDER=notion',
  ].join('\n');
  const app = await startApp(t, { port, dotEnv, env: { PIPES_PROVIDER: 'github' } });
  const body = await (await fetch(`${app.url}/health`)).json();
  assert.equal(body.workos_api_key, 'set');
  assert.equal(body.workos, fake.baseUrl);
  assert.equal(body.return_url, `http://127.0.0.1:${port}/callback`);
  assert.equal(body.provider, 'github', 'PIPES_PROVIDER from the environment beats .env');
  const connect = await fetch(`${app.url}/connect?user=${GRACE}`, { redirect: 'manual' });
  assert.equal(connect.status, 302, 'the key from .env works');
});

test('npm run build passes on the app and fails, naming the file, when a source does not parse', async (t) => {
  const ok = spawnSync('npm', ['run', '--silent', 'build'], { cwd: APP_DIR, encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr + ok.stdout);
  assert.match(ok.stdout, /build ok/);

  const copy = mkdtempSync(path.join(tmpdir(), 'pipes-example-build-'));
  t.after(() => rmSync(copy, { recursive: true, force: true }));
  cpSync(APP_DIR, copy, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
  symlinkSync(path.join(APP_DIR, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: copy });
  appendFileSync(path.join(copy, 'lib/app.mjs'), '\nexport const broken = ;\n');
  const bad = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: copy, encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /lib\/app\.mjs/);
  assert.match(bad.stderr, /build failed/);
});
