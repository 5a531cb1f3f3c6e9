// A tiny .env reader (no dotenv dependency). Lines are `KEY=value` or `export KEY=value`;
// values may be 'single-quoted' (taken as is) or "double-quoted" (\n, \t, \", \\ unescaped);
// an unquoted value ends at ` #`. A variable already set in the environment is never
// overridden, so `WORKOS_API_KEY=... npm start` wins over the file.
import { readFileSync } from 'node:fs';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/;

/** Parses .env text into an object; lines it cannot read are skipped. */
export function parseEnv(text) {
  const out = {};
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(raw)) continue;
    const m = raw.match(LINE);
    if (!m) continue;
    const [, key, rest] = m;
    let value = rest;
    if (value.startsWith("'")) {
      const end = value.indexOf("'", 1);
      value = end > 0 ? value.slice(1, end) : value.slice(1);
    } else if (value.startsWith('"')) {
      const body = value.slice(1).match(/^((?:[^"\\]|\\.)*)"?/)[1];
      value = body.replace(/\\(.)/g, (_, c) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    out[key] = value;
  }
  return out;
}

/**
 * Reads `file` (default `.env` in the working directory) into `env` without overriding
 * what is already set. Returns the names it set; a missing file is not an error.
 */
export function loadEnv(file = '.env', env = process.env) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code === 'ENOENT') return [];
    throw e;
  }
  const set = [];
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (env[key] === undefined) {
      env[key] = value;
      set.push(key);
    }
  }
  return set;
}
