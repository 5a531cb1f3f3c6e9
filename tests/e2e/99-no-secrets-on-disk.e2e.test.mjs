// After the whole run: no key body, webhook secret or token lies in the app's folders or HOME,
// its log included (the log folder is under the data folder).
// The keychain's own store (keyrings/) is the one place a secret belongs, so it is skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';

// Keys, webhook secrets, client secrets, and the provider tokens fake-workos hands out.
const SECRET = /sk_(?:test|live)_[A-Za-z0-9_]{16,}|whsec_[A-Za-z0-9_]{8,}|client_secret["'=:\s]+[A-Za-z0-9_-]{12,}|(?:gho_|xoxp-|ya29\.|ntn_|lin_oauth_)[0-9a-f]{16,}/g;
const SKIP = new Set(['keyrings']);

function* files(dir) {
  let entries;
  try { entries = readdirSync(dir); } catch { return; }
  for (const name of entries) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isDirectory()) yield* files(path);
    else if (st.isFile() && st.size < 64 * 1024 * 1024) yield path;
  }
}

export function findSecrets(roots) {
  const hits = [];
  for (const root of roots) {
    for (const path of files(root)) {
      for (const m of readFileSync(path, 'latin1').matchAll(SECRET)) hits.push(`${path}: ${m[0].slice(0, 12)}…`);
    }
  }
  return hits;
}

const roots = [process.env.XDG_DATA_HOME, process.env.XDG_CONFIG_HOME, process.env.XDG_CACHE_HOME, process.env.HOME]
  .filter(Boolean);

test('no secret is written to the data, config, cache or home folders of the run', () => {
  assert.ok(roots.length > 0, 'the run sets HOME and the XDG folders');
  const log = join(process.env.XDG_DATA_HOME, 'dev.pipes-setup.app', 'logs', 'pipes-setup.log');
  assert.ok(existsSync(log), `the run wrote a log to scan (${log})`);
  assert.deepEqual([...new Set(findSecrets(roots))], []);
});
