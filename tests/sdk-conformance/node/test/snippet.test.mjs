// The code Pipes Setup gives users for their app (`pipes-doctor snippet node …`, the same the
// SDK integration step shows), generated, written to a file and run as is against fake-workos:
// start → consent in a "browser" → the return URL route → finish → access token.
import { after, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEMO_KEY, GRACE, consent, returnUrlServer, useFake } from './harness.mjs';

const ctx = useFake();
beforeEach(() => ctx.reset());

const here = dirname(fileURLToPath(import.meta.url));
const generated = join(here, '..', '.generated');
const doctor = process.env.PIPES_DOCTOR_BIN ?? join(here, '../../../../target/debug/pipes-doctor');
after(() => rmSync(generated, { recursive: true, force: true }));

/** Generates the snippet for `returnUrl` and imports it with the demo key and the fake's URL. */
async function loadSnippet(returnUrl, name) {
  const code = execFileSync(doctor, ['snippet', 'node', 'github', returnUrl], { encoding: 'utf8' });
  mkdirSync(generated, { recursive: true });
  const file = join(generated, `${name}.mjs`);
  writeFileSync(file, code);
  process.env.WORKOS_API_KEY = DEMO_KEY;
  process.env.WORKOS_BASE_URL = ctx.fake.baseUrl;
  return import(pathToFileURL(file).href);
}

describe('the generated Node code', () => {
  test('connects GitHub for a user and gets a token through the secure flow', async () => {
    const ret = await returnUrlServer('/callback');
    try {
      const app = await loadSnippet(ret.url, 'connect');
      assert.equal(app.RETURN_URL, ret.url);
      const session = {};
      const url = await app.startConnection(GRACE, session);
      assert.ok(session.pipes.codeVerifier.length >= 43, 'the verifier stays on the server');
      assert.ok(!url.includes(session.pipes.codeVerifier));
      await consent(url, 'allow');
      const query = await ret.received;
      const account = await app.finishConnection(query, session);
      assert.equal(account.userId, GRACE);
      assert.equal(account.state, 'connected');
      assert.match(await app.accessTokenFor(GRACE, account.id), /^gho_/);
      await assert.rejects(app.finishConnection(query, session), /does not belong/, 'a replayed return is refused');
    } finally {
      ret.close();
    }
  });

  test('refuses a return whose state is not the one it started, and reports a denial', async () => {
    const ret = await returnUrlServer('/callback');
    try {
      const app = await loadSnippet(ret.url, 'deny');
      const session = {};
      await app.startConnection(GRACE, session);
      await assert.rejects(app.finishConnection({ connect_code: 'x', state: 'forged' }, { ...session }), /does not belong/);
      const url = await app.startConnection(GRACE, session);
      await consent(url, 'deny');
      await assert.rejects(app.finishConnection(await ret.received, session), /failed: access_denied/);
    } finally {
      ret.close();
    }
  });
});
