// `npm run build`: a real check with no extra dependency. Every source file must parse
// (`node --check`), the pinned SDK must be installed and export what the app calls, and
// the app's modules must load.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sources = [];
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.(mjs|js|cjs)$/.test(entry.name)) sources.push(full);
  }
})(root);

let failed = 0;
for (const file of sources) {
  try {
    execFileSync(process.execPath, ['--check', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    failed += 1;
    process.stderr.write(`✗ ${path.relative(root, file)}\n${e.stderr}\n`);
  }
}
if (failed) {
  console.error(`build failed: ${failed} of ${sources.length} files do not parse`);
  process.exit(1);
}

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const wanted = pkg.dependencies['@workos-inc/node'];
let installed;
try {
  const require = createRequire(path.join(root, 'package.json'));
  installed = JSON.parse(readFileSync(require.resolve('@workos-inc/node/package.json'), 'utf8')).version;
} catch {
  installed = null;
}
if (installed !== wanted) {
  console.error(`build failed: @workos-inc/node ${wanted} is pinned but ${installed ?? 'nothing'} is installed; run npm ci`);
  process.exit(1);
}

const { WorkOS } = await import('@workos-inc/node');
const probe = new WorkOS('sk_test_build_check', { apiHostname: '127.0.0.1', https: false });
const calls = {
  'pipes.authorizeDataIntegration': probe.pipes?.authorizeDataIntegration,
  'pipes.finishConnection': probe.pipes?.finishConnection,
  'pipes.getAccessToken': probe.pipes?.getAccessToken,
  'webhooks.constructEvent': probe.webhooks?.constructEvent,
};
const missing = Object.entries(calls).filter(([, fn]) => typeof fn !== 'function').map(([name]) => name);
if (missing.length) {
  console.error(`build failed: @workos-inc/node ${installed} has no ${missing.join(', ')}`);
  process.exit(1);
}
for (const module of ['lib/env.mjs', 'lib/config.mjs', 'lib/pipes.mjs', 'lib/sessions.mjs', 'lib/app.mjs']) {
  await import(pathToFileURL(path.join(root, module)).href);
}
console.log(`build ok: ${sources.length} files parse, @workos-inc/node ${installed} has every call the app makes`);
