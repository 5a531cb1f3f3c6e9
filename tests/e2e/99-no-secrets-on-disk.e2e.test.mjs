// After the whole run: no key body, webhook secret or token lies in the app's folders or HOME,
// its log included (the log folder is under the data folder).
// The keychain's own store (keyrings/) is the one place a secret belongs, so it is skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { findSecrets } from './secrets.mjs';
import { join } from 'node:path';

const roots = [process.env.XDG_DATA_HOME, process.env.XDG_CONFIG_HOME, process.env.XDG_CACHE_HOME, process.env.HOME]
  .filter(Boolean);

test('no secret is written to the data, config, cache or home folders of the run', () => {
  assert.ok(roots.length > 0, 'the run sets HOME and the XDG folders');
  const log = join(process.env.XDG_DATA_HOME, 'dev.pipes-setup.app', 'logs', 'pipes-setup.log');
  assert.ok(existsSync(log), `the run wrote a log to scan (${log})`);
  assert.deepEqual([...new Set(findSecrets(roots))], []);
});
