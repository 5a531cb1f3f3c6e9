// What counts as a secret on disk, and a scan of folders for it: the E2E run's folders after the
// whole suite (99), and the files the app exports (12).
import { readdirSync, readFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';

// Keys, webhook secrets, client secrets, and the provider tokens fake-workos hands out.
export const SECRET = /sk_(?:test|live)_[A-Za-z0-9_]{16,}|whsec_[A-Za-z0-9_]{8,}|client_secret["'=:\s]+[A-Za-z0-9_-]{12,}|(?:gho_|xoxp-|ya29\.|ntn_|lin_oauth_)[0-9a-f]{16,}/g;
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

