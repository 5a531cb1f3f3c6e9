// Real processes for the example app's tests: the fake-workos binary and
// `node examples/node-app/server.mjs`, each on a free port, stopped when the test ends;
// and a small browser (cookie jar, redirects followed by hand) that walks the consent page.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const APP_DIR = path.join(ROOT, 'examples/node-app');
export const FAKE_BIN = process.env.FAKE_WORKOS_BIN ?? path.join(ROOT, 'target/debug/fake-workos');
export const DEMO_KEY = 'sk_test_demo_0000000000000000000000000000fake';
export const ADA = 'user_01JDEM0ADA0000000000000000';
export const GRACE = 'user_01JDEM0GRACE00000000000000';
export const ADA_GITHUB_PERSONAL = 'data_installation_01JDEM0ADAGITHUB2000000000';

export async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Spawns a process, keeps its output, resolves once `ready` matches it; killed on t.after. */
function startProcess(t, command, args, { cwd, env, ready, name }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = new Set();
  const onData = (chunk) => {
    output += chunk;
    for (const w of waiters) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  });

  /** Resolves with the first match of `re` in the output (waiting up to `ms`). */
  const waitFor = (re, ms = 10_000) => new Promise((resolve, reject) => {
    const check = () => {
      const m = output.match(re);
      if (m) { done(); resolve(m); }
    };
    const timer = setTimeout(() => { done(); reject(new Error(`${name}: no ${re} within ${ms} ms; output:\n${output}`)); }, ms);
    const done = () => { clearTimeout(timer); waiters.delete(check); };
    waiters.add(check);
    exited.then(({ code, signal }) => {
      if (waiters.has(check)) { done(); reject(new Error(`${name} exited (${code ?? signal}) before ${re}; output:\n${output}`)); }
    });
    check();
  });

  return { child, exited, output: () => output, waitFor, ready: waitFor(ready) };
}

/** The real fake-workos binary with the demo seed. */
export async function startFake(t) {
  const p = startProcess(t, FAKE_BIN, ['--port', '0', '--seed', 'demo'], {
    cwd: ROOT, env: { PATH: process.env.PATH }, ready: /WORKOS_BASE_URL=(\S+)/, name: 'fake-workos',
  });
  const [, baseUrl] = await p.ready;
  return { ...p, baseUrl, admin: (route, body) => admin(baseUrl, route, body), api: (method, route, body, key) => api(baseUrl, method, route, body, key) };
}

/**
 * The real example app: `node examples/node-app/server.mjs` in an empty working directory
 * (so no developer's .env leaks in; `dotEnv` writes one there), with only PATH and `env`.
 * A variable set to undefined is left out.
 */
export async function startApp(t, { env = {}, port, dotEnv } = {}) {
  const appPort = port ?? await freePort();
  const cwd = mkdtempSync(path.join(tmpdir(), 'pipes-example-app-'));
  t.after(() => rmSync(cwd, { recursive: true, force: true }));
  if (dotEnv !== undefined) writeFileSync(path.join(cwd, '.env'), dotEnv);
  const full = { PATH: process.env.PATH, PORT: String(appPort), ...env };
  for (const [k, v] of Object.entries(full)) if (v === undefined) delete full[k];
  const p = startProcess(t, process.execPath, [path.join(APP_DIR, 'server.mjs')], {
    cwd, env: full, ready: /listening on (http:\/\/\S+)/, name: 'example app',
  });
  const [, url] = await p.ready;
  return { ...p, url, port: appPort };
}

/** The env that points the app at `fake` with the demo key, its return URL on `port`. */
export function appEnv(fake, port, extra = {}) {
  return {
    WORKOS_API_KEY: DEMO_KEY,
    WORKOS_CLIENT_ID: 'client_01JDEM0SANDB0X000000000000',
    WORKOS_BASE_URL: fake.baseUrl,
    PIPES_RETURN_URL: `http://127.0.0.1:${port}/callback`,
    PIPES_PROVIDER: 'github',
    ...extra,
  };
}

/** Starts a fake and an app pointed at it. */
export async function startStack(t, { env = {}, dotEnv } = {}) {
  const fake = await startFake(t);
  const port = await freePort();
  const app = await startApp(t, { port, env: appEnv(fake, port, env), dotEnv });
  return { fake, app };
}

export async function admin(baseUrl, route, body) {
  const res = await fetch(`${baseUrl}/__admin${route}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`admin ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function api(baseUrl, method, route, body, key = DEMO_KEY) {
  const res = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * A browser in miniature: cookies kept per host name (as browsers do, whatever the port),
 * redirects followed by hand (a 303, or a 302 after a POST, turns into a GET).
 */
export function browser() {
  const jar = new Map();
  const cookieHeader = (url) => {
    const cookies = jar.get(new URL(url).hostname);
    return cookies && cookies.size ? [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') : undefined;
  };
  const keep = (url, res) => {
    for (const line of res.headers.getSetCookie?.() ?? []) {
      const [pair] = line.split(';');
      const i = pair.indexOf('=');
      const host = new URL(url).hostname;
      if (!jar.has(host)) jar.set(host, new Map());
      jar.get(host).set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
  };
  const visited = [];
  async function go(url, { method = 'GET', body } = {}) {
    let current = url;
    for (let hop = 0; hop < 10; hop += 1) {
      visited.push(`${method} ${current}`);
      const headers = {};
      const cookie = cookieHeader(current);
      if (cookie) headers.cookie = cookie;
      if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
      const res = await fetch(current, { method, headers, body, redirect: 'manual' });
      keep(current, res);
      const location = res.headers.get('location');
      if (![301, 302, 303, 307, 308].includes(res.status) || !location) {
        return { status: res.status, url: current, headers: res.headers, text: await res.text() };
      }
      await res.arrayBuffer();
      current = new URL(location, current).href;
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
    }
    throw new Error(`too many redirects: ${visited.join(' → ')}`);
  }
  return { go, jar, visited };
}

function formOf(html) {
  const form = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/i)?.[0];
  if (!form) return null;
  const action = form.match(/action="([^"]*)"/i)?.[1] ?? '';
  const method = form.match(/method="([^"]*)"/i)?.[1]?.toUpperCase() ?? 'GET';
  const fields = {};
  for (const input of form.matchAll(/<input\b[^>]*>/gi)) {
    const name = input[0].match(/name="([^"]+)"/i)?.[1];
    const value = input[0].match(/value="([^"]*)"/i)?.[1] ?? '';
    if (name && /type="hidden"/i.test(input[0])) fields[name] = value.replaceAll('&amp;', '&');
  }
  const decisions = [...form.matchAll(/name="decision"\s+value="([^"]+)"/gi)].map((m) => m[1]);
  return { action: action.replaceAll('&amp;', '&'), method, fields, decisions };
}

/**
 * The secure flow as a user's browser does it: open the app's /connect, answer the consent
 * page(s) with `decision`, and follow the redirects back to the app's return URL (cookie
 * included). Returns the last page.
 */
export async function connectInBrowser(app, userId, { decision = 'allow', b = browser() } = {}) {
  let page = await b.go(`${app.url}/connect?user=${encodeURIComponent(userId)}`);
  for (let step = 0; step < 3 && page.status === 200 && !page.url.startsWith(app.url); step += 1) {
    const form = formOf(page.text);
    if (!form) break;
    const choice = form.decisions.includes(decision) ? decision : form.decisions[0];
    const body = new URLSearchParams({ ...form.fields, ...(choice ? { decision: choice } : {}) }).toString();
    page = await b.go(new URL(form.action, page.url).href, { method: form.method, body });
  }
  return { ...page, browser: b };
}

export const accountIdOf = (html) => html.match(/id="connected-account-id">([^<]+)</)?.[1];
