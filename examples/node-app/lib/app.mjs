// The app's routes on a plain node:http server (no framework: the one dependency is the SDK).
import { createServer } from 'node:http';
import { AppError, createPipes } from './pipes.mjs';
import { createSessions } from './sessions.mjs';

const MAX_WEBHOOK_BYTES = 1024 * 1024;
const MAX_PENDING = 5;
// WorkOS signatures are accepted for 180 s (the SDK's tolerance); a signature seen twice in
// that window is a replay. Event ids are remembered longer, so a retried event is not
// processed twice.
const SIGNATURE_MEMORY_MS = 10 * 60 * 1000;
const MAX_EVENTS_REMEMBERED = 5000;

const escapeHtml = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
})[c]);

function page(res, status, title, body) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'referrer-policy': 'no-referrer',
  });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}
code{background:#f3f3f3;padding:0 .25em}.fail{color:#a40000}.ok{color:#006b21}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
<p><a href="/">Back to the start</a></p></body></html>\n`);
}

function json(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${JSON.stringify(value, null, 2)}\n`);
}

function errorJson(res, e) {
  const status = e instanceof AppError ? e.status : 500;
  json(res, status, {
    error: e?.code ?? 'internal_error',
    message: e instanceof AppError ? e.message : 'Internal error (see the app\'s log).',
    ...(e?.workosStatus ? { workos_status: e.workosStatus } : {}),
    ...(e?.requestId ? { request_id: e.requestId } : {}),
  });
}

function errorPage(res, e, title) {
  const status = e instanceof AppError ? e.status : 500;
  const message = e instanceof AppError ? e.message : 'Internal error (see the app\'s log).';
  page(res, status, title, `<p class="fail" id="error">${escapeHtml(message)}</p>${
    e?.requestId ? `<p>WorkOS request id: <code>${escapeHtml(e.requestId)}</code></p>` : ''}`);
}

function readRaw(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(new AppError(413, `Body over ${limit} bytes.`, { code: 'body_too_large' }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A remembered set with expiry and a size cap (oldest forgotten first). */
function memory(ttlMs, max) {
  const seen = new Map();
  return {
    has(key) {
      const at = seen.get(key);
      if (at === undefined) return false;
      if (Date.now() - at > ttlMs) { seen.delete(key); return false; }
      return true;
    },
    add(key) {
      seen.set(key, Date.now());
      while (seen.size > max) seen.delete(seen.keys().next().value);
    },
  };
}

export function createApp(config, log = console) {
  const pipes = createPipes(config);
  const sessions = createSessions({ secure: config.returnUrl.startsWith('https:') });
  const seenSignatures = memory(SIGNATURE_MEMORY_MS, MAX_EVENTS_REMEMBERED);
  const seenEvents = memory(24 * 60 * 60 * 1000, MAX_EVENTS_REMEMBERED);
  const returnUrl = new URL(config.returnUrl);

  const home = (req, res) => {
    const session = sessions.existing(req);
    const accounts = session?.connected ?? [];
    const warnings = [
      ...(pipes.configured ? [] : ['WORKOS_API_KEY is not set: connecting will fail until it is.']),
      ...(config.webhookSecret ? [] : ['WORKOS_WEBHOOK_SECRET is not set: webhooks will be refused.']),
      ...config.problems,
    ];
    page(res, 200, `Connect ${config.provider}`, `
<p>A small app on <code>@workos-inc/node</code> that connects <strong>${escapeHtml(config.provider)}</strong>
through WorkOS Pipes with the secure flow. Return URL: <code>${escapeHtml(config.returnUrl)}</code>
(register it exactly in the WorkOS Dashboard → Redirects).</p>
${warnings.map((w) => `<p class="fail">${escapeHtml(w)}</p>`).join('\n')}
<form method="get" action="/connect" id="connect-form">
  <label>WorkOS user id <input name="user" required size="34" placeholder="user_01…"></label>
  <button type="submit" id="connect">Connect ${escapeHtml(config.provider)}</button>
</form>
${accounts.length ? `<h2>Connected in this browser</h2><ul>${accounts.map((a) => `
  <li><code>${escapeHtml(a.id)}</code> for <code>${escapeHtml(a.userId)}</code>:
  <a href="/api/provider/user?user=${encodeURIComponent(a.userId)}&amp;account=${encodeURIComponent(a.id)}">call ${escapeHtml(config.provider)}</a></li>`).join('')}</ul>` : ''}`);
  };

  const connect = async (req, res, url) => {
    const userId = url.searchParams.get('user')?.trim();
    if (!userId) throw new AppError(400, 'Say which WorkOS user connects: /connect?user=user_01…', { code: 'missing_user' });
    // The session cookie must be set on the return URL's host, or it will not come back to
    // the callback: localhost and 127.0.0.1 are different sites to a browser.
    const here = req.headers.host ?? '';
    if (here && here !== returnUrl.host && here.split(':')[1] === returnUrl.port
      && ['localhost', '127.0.0.1'].includes(returnUrl.hostname)) {
      res.writeHead(302, { location: `${returnUrl.origin}${url.pathname}${url.search}` });
      res.end();
      return;
    }
    const { url: authorizeUrl, pending } = await pipes.startConnection(userId);
    const session = sessions.of(req, res);
    session.pending = { ...(session.pending ?? {}), [pending.state]: { ...pending, at: Date.now() } };
    const states = Object.keys(session.pending);
    for (const old of states.slice(0, Math.max(0, states.length - MAX_PENDING))) delete session.pending[old];
    res.writeHead(302, { location: authorizeUrl, 'cache-control': 'no-store' });
    res.end();
  };

  const callback = async (req, res, url) => {
    const query = Object.fromEntries(url.searchParams);
    const session = sessions.existing(req);
    const pending = query.state ? session?.pending?.[query.state] : undefined;
    if (pending) delete session.pending[query.state];
    if (!pending) {
      throw new AppError(400, 'This answer does not belong to a connection started in this browser '
        + '(unknown, already used or missing state). Start again from /connect.', { code: 'state_mismatch' });
    }
    if (query.error) {
      throw new AppError(400, `The connection failed: ${query.error}${query.error_description ? ` (${query.error_description})` : ''}.`, { code: query.error });
    }
    if (!query.connect_code) throw new AppError(400, 'WorkOS sent neither connect_code nor error.', { code: 'missing_connect_code' });
    const account = await pipes.finishConnection(query, pending);
    session.connected = [{ id: account.id, userId: pending.userId }, ...(session.connected ?? [])].slice(0, 20);
    log.log(`connected: ${config.provider} ${account.id} for ${pending.userId}`);
    const call = `/api/provider/user?user=${encodeURIComponent(pending.userId)}&account=${encodeURIComponent(account.id)}`;
    page(res, 200, `${config.provider} connected`, `
<p class="ok">Connected. Connected account: <code id="connected-account-id">${escapeHtml(account.id)}</code></p>
<ul>
  <li>User: <code>${escapeHtml(pending.userId)}</code></li>
  <li>State: <code>${escapeHtml(account.state)}</code></li>
  ${account.accountDisplayName ? `<li>Account: ${escapeHtml(account.accountDisplayName)}</li>` : ''}
  ${account.scopes?.length ? `<li>Scopes: <code>${escapeHtml(account.scopes.join(' '))}</code></li>` : ''}
</ul>
<p><a id="call-provider" href="${escapeHtml(call)}">Call ${escapeHtml(config.provider)} with a fresh token</a></p>`);
  };

  const providerUser = async (req, res, url) => {
    const userId = url.searchParams.get('user');
    const accountId = url.searchParams.get('account');
    if (!userId || !accountId) {
      throw new AppError(400, 'Needs ?user=<WorkOS user id>&account=<connected account id>.', { code: 'missing_parameters' });
    }
    if (!config.providerApiBase) {
      throw new AppError(500, `No API base for ${config.provider}: set PROVIDER_API_BASE.`, { code: 'missing_provider_api_base' });
    }
    const token = await pipes.accessTokenFor(userId, accountId);
    const target = `${config.providerApiBase}/user`;
    let answer;
    try {
      answer = await fetch(target, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/vnd.github+json, application/json',
          'user-agent': 'pipes-example-node-app',
        },
        signal: AbortSignal.timeout(15_000),
      });
    } catch (e) {
      throw new AppError(502, `Could not reach ${target}: ${e?.cause?.message ?? e.message}`, { code: 'provider_unreachable' });
    }
    // The token never leaves the server, not even if the provider echoes it.
    const text = (await answer.text()).split(token).join('[token]');
    let body;
    try { body = JSON.parse(text); } catch { body = text; }
    json(res, answer.ok ? 200 : 502, { provider: config.provider, url: target, status: answer.status, body });
  };

  const webhook = async (req, res) => {
    const raw = await readRaw(req, MAX_WEBHOOK_BYTES);
    const sigHeader = req.headers['workos-signature'];
    // Verified on the exact bytes received: parsing first and re-serialising would break it.
    const event = await pipes.verifyWebhook(raw, sigHeader);
    const signature = String(sigHeader).replace(/\s+/g, '');
    if (seenSignatures.has(signature)) {
      throw new AppError(400, 'Webhook rejected: replayed delivery (this signature was already accepted).', { code: 'replayed_delivery' });
    }
    seenSignatures.add(signature);
    if (seenEvents.has(event.id)) {
      log.log(`webhook: ${event.event} ${event.id} (already processed)`);
      json(res, 200, { received: true, duplicate: true, event: event.event, id: event.id });
      return;
    }
    seenEvents.add(event.id);
    log.log(`webhook: ${event.event} ${event.id}`);
    json(res, 200, { received: true, event: event.event, id: event.id });
  };

  const health = (req, res) => json(res, 200, {
    ok: true,
    provider: config.provider,
    return_url: config.returnUrl,
    workos: config.workosBase?.origin ?? 'https://api.workos.com',
    workos_api_key: pipes.configured ? 'set' : 'missing',
    webhook_secret: config.webhookSecret ? 'set' : 'missing',
    problems: config.problems,
  });

  const explain = (e) => {
    if (e instanceof AppError) log.log(`  ${e.code ?? 'error'}: ${e.message}`);
    else log.error(e);
  };

  return createServer(async (req, res) => {
    const failPage = (title) => (e) => { explain(e); errorPage(res, e, title); };
    const failJson = (e) => { explain(e); errorJson(res, e); };
    const url = new URL(req.url, 'http://app.invalid');
    const route = `${req.method} ${url.pathname}`;
    res.on('finish', () => log.log(`${req.method} ${url.pathname} ${res.statusCode}`));
    try {
      if (route === 'GET /health') return health(req, res);
      if (route === 'GET /') return home(req, res);
      if (route === 'GET /connect') return await connect(req, res, url).catch(failPage('Could not start the connection'));
      if (route === `GET ${config.callbackPath}`) return await callback(req, res, url).catch(failPage('Connection failed'));
      if (route === 'GET /api/provider/user') return await providerUser(req, res, url).catch(failJson);
      if (route === 'POST /webhooks/workos') return await webhook(req, res).catch(failJson);
      if (['/connect', config.callbackPath, '/api/provider/user', '/webhooks/workos', '/health', '/'].includes(url.pathname)) {
        return json(res, 405, { error: 'method_not_allowed', message: `${req.method} is not allowed on ${url.pathname}.` });
      }
      return json(res, 404, { error: 'not_found', message: `No route ${route}.` });
    } catch (e) {
      log.error(e);
      if (!res.headersSent) errorJson(res, e);
      else res.end();
    }
  });
}
