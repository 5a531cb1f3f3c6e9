// Starts the real fake-workos binary on a free port and offers the browser and
// return-URL helpers the suites share. Each test file starts its own fake.
import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkOS } from '@workos-inc/node';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../..');
export const DEMO_KEY = 'sk_test_demo_0000000000000000000000000000fake';
export const LIVE_KEY = 'sk_live_demo_0000000000000000000000000000fake';
export const FORBIDDEN_KEY = 'sk_test_demo_readonly_0000000000000000000403';
export const WRONG_KEY = 'sk_test_not_a_key_of_this_environment_00000';
export const ADA = 'user_01JDEM0ADA0000000000000000';
export const GRACE = 'user_01JDEM0GRACE00000000000000';
export const ACME = 'org_01JDEM0ACME000000000000000';
export const LIVE_ADA = 'user_01JDEM0PR0DADA000000000000';
export const ADA_GITHUB_WORK = 'data_installation_01JDEM0ADAGITHUB0000000000';
export const ADA_GITHUB_PERSONAL = 'data_installation_01JDEM0ADAGITHUB2000000000';
export const GRACE_NOTION = 'data_installation_01JDEM0GRACEN0TI0N00000000';
export const REGISTERED_RETURN = 'http://127.0.0.1/callback';

/** Every Pipes event name the SDK knows (CreateWebhookEndpointEvents in lib/index.mjs). */
export const PIPES_EVENTS = [
  'pipes.connected_account.connected',
  'pipes.connected_account.disconnected',
  'pipes.connected_account.reauthorization_needed',
  'pipes.connected_account.connection_failed',
  'pipes.account_connection.connected',
  'pipes.account_connection.disconnected',
  'pipes.account_connection.reauthorization_needed',
  'pipes.account_connection.connection_failed',
  'pipes.account_connection.add_failed',
];

export async function startFake() {
  const bin = process.env.FAKE_WORKOS_BIN ?? path.join(root, 'target/debug/fake-workos');
  const record = process.env.FAKE_WORKOS_RECORD ? ['--record', process.env.FAKE_WORKOS_RECORD] : [];
  const child = spawn(bin, ['--port', '0', '--seed', 'demo', ...record], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const baseUrl = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`fake-workos exited ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/WORKOS_BASE_URL=(\S+)/);
      if (m) resolve(m[1]);
    });
  });
  const url = new URL(baseUrl);
  return { child, baseUrl, host: url.hostname, port: Number(url.port), stop: () => child.kill() };
}

/**
 * One fake per test file: `const ctx = useFake()` registers before/after hooks; inside a
 * test, `ctx.workos` is a demo-key SDK client and `ctx.client(key, opts)` makes others.
 */
export function useFake() {
  const ctx = {
    fake: null,
    workos: null,
    client: (key, options = {}) => new WorkOS(key, {
      apiHostname: ctx.fake.host, port: ctx.fake.port, https: false, ...options,
    }),
    admin: (route, body) => admin(ctx.fake.baseUrl, route, body),
    reset: () => admin(ctx.fake.baseUrl, '/reset', {}),
  };
  before(async () => {
    ctx.fake = await startFake();
    ctx.workos = ctx.client(DEMO_KEY);
  });
  after(() => ctx.fake?.stop());
  return ctx;
}

export function pkcePair() {
  const verifier = randomBytes(48).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/** A local return URL server on 127.0.0.1 (random port): resolves with the query it receives. */
export async function returnUrlServer(pathname = '/callback') {
  let deliver;
  const received = new Promise((resolve) => { deliver = resolve; });
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    res.setHeader('content-type', 'text/plain');
    res.end('return_to reached');
    deliver({ path: url.pathname, ...Object.fromEntries(url.searchParams) });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${pathname}`, port, received, close: () => server.close() };
}

function formOf(html) {
  const form = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/i)?.[0];
  if (!form) return null;
  const action = form.match(/action="([^"]*)"/i)?.[1] ?? '';
  const fields = {};
  for (const input of form.matchAll(/<input\b[^>]*>/gi)) {
    const name = input[0].match(/name="([^"]+)"/i)?.[1];
    const value = input[0].match(/value="([^"]*)"/i)?.[1] ?? '';
    if (name && /type="hidden"/i.test(input[0])) fields[name] = value.replaceAll('&amp;', '&');
  }
  const decisions = [...form.matchAll(/name="decision"\s+value="([^"]+)"/gi)].map((m) => m[1]);
  return { action: action.replaceAll('&amp;', '&'), fields, decisions };
}

/**
 * Walks the consent page like a browser: GET the URL, submit the form with `decision`,
 * follow redirects; if another confirmation form follows (Pipes' own screen), submit it
 * too. Returns the last response (the return_to server's, when there is one).
 */
export async function consent(url, decision = 'allow') {
  let response = await fetch(url);
  let html = await response.text();
  for (let step = 0; step < 3; step += 1) {
    if (response.status !== 200) throw new Error(`consent page ${response.status}: ${html}`);
    const form = formOf(html);
    if (!form) return response;
    const choice = form.decisions.includes(decision) ? decision : form.decisions[0];
    const body = new URLSearchParams({ ...form.fields, ...(choice ? { decision: choice } : {}) });
    response = await fetch(new URL(form.action, response.url), { method: 'POST', body, redirect: 'follow' });
    html = await response.text();
  }
  return response;
}

/**
 * The secure (session-bound) flow: authorize with a code challenge and a return URL on a
 * local server, walk the consent page, and return what reached return_to.
 */
export async function secureAuthorize(workos, options) {
  const { verifier, challenge } = pkcePair();
  const ret = await returnUrlServer(options.returnPath);
  const { decision = 'allow', returnPath, ...rest } = options;
  try {
    const answer = await workos.pipes.authorizeDataIntegration({
      returnTo: ret.url, codeChallenge: challenge, codeChallengeMethod: 'S256', ...rest,
    });
    await consent(answer.url, decision);
    const got = await Promise.race([
      ret.received,
      new Promise((_, reject) => setTimeout(() => reject(new Error('return_to was never reached')), 5000)),
    ]);
    return { answer, verifier, got, returnTo: ret.url };
  } finally {
    ret.close();
  }
}

/** secureAuthorize + finishConnection: the saved connected account. */
export async function secureConnect(workos, options) {
  const { verifier, got } = await secureAuthorize(workos, options);
  if (!got.connect_code) throw new Error(`no connect_code at return_to: ${JSON.stringify(got)}`);
  const done = await workos.pipes.finishConnection({
    connectCode: got.connect_code, codeVerifier: verifier, state: got.state,
  });
  return done.connectedAccount;
}

export async function admin(baseUrl, route, body) {
  const res = await fetch(`${baseUrl}/__admin${route}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`admin ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Resolves with the rejection of `promise` (fails if it resolves). */
export async function rejection(promise) {
  try {
    const value = await promise;
    throw Object.assign(new Error(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 300)}`), { notRejected: true });
  } catch (e) {
    if (e.notRejected) throw e;
    return e;
  }
}

/** Asserts an SDK error's class, status and code, and that it carries the X-Request-ID. */
export function assertApiError(assert, e, { type, status, code }) {
  const seen = `${e?.name} status=${e?.status} code=${e?.code} message=${e?.message}`;
  if (type) assert.ok(e instanceof type, `expected ${type.name}, got ${seen}`);
  if (status !== undefined) assert.equal(e.status, status, seen);
  if (code !== undefined) assert.equal(e.code, code, seen);
  assert.match(String(e.requestID), /^req_/, `requestID missing: ${seen}`);
}
