// The reference side of crates/pipes-core/tests/envfiles_dotenv_conformance.rs:
// `node parse.mjs FILE...` prints {"FILE": dotenv.parse(<bytes of FILE>), ...} as JSON.
import { readFileSync } from 'node:fs';
import dotenv from 'dotenv';

const out = {};
for (const path of process.argv.slice(2)) {
  // A Buffer, as dotenv.config() reads it: parse() does the UTF-8 decoding itself.
  out[path] = dotenv.parse(readFileSync(path));
}
process.stdout.write(JSON.stringify(out));
