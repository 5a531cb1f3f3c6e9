// Everything the app reads from its environment (after .env), in one place.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True when `url` points at this machine, e.g. fake-workos on 127.0.0.1. */
export function isLocal(url) {
  return LOOPBACK.has(url.hostname);
}

const trimSlash = (s) => s.replace(/\/+$/, '');

/** The provider's API base: PROVIDER_API_BASE, fake-workos's provider API, or the real one. */
function providerApiBase(env, provider, workosBase) {
  if (env.PROVIDER_API_BASE) return trimSlash(env.PROVIDER_API_BASE);
  if (workosBase && isLocal(workosBase)) return `${trimSlash(workosBase.href)}/provider-api/${provider}`;
  if (provider === 'github') return 'https://api.github.com';
  return null;
}

export function readConfig(env = process.env) {
  const problems = [];
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT is not a port number: ${env.PORT}`);
  const provider = env.PIPES_PROVIDER || 'github';

  let workosBase = null;
  if (env.WORKOS_BASE_URL) {
    try {
      workosBase = new URL(env.WORKOS_BASE_URL);
    } catch {
      problems.push(`WORKOS_BASE_URL is not a URL: ${env.WORKOS_BASE_URL}`);
    }
  }

  const returnUrlText = env.PIPES_RETURN_URL || `http://localhost:${port}/callback`;
  let returnUrl = null;
  try {
    returnUrl = new URL(returnUrlText);
    if (returnUrl.search || returnUrl.hash) problems.push('PIPES_RETURN_URL must have no query and no fragment (WorkOS matches it exactly)');
  } catch {
    problems.push(`PIPES_RETURN_URL is not a URL: ${returnUrlText}`);
  }

  return {
    apiKey: env.WORKOS_API_KEY || null,
    clientId: env.WORKOS_CLIENT_ID || null,
    workosBase,
    webhookSecret: env.WORKOS_WEBHOOK_SECRET || null,
    returnUrl: returnUrlText,
    callbackPath: returnUrl?.pathname ?? '/callback',
    port,
    host: env.HOST || '127.0.0.1',
    provider,
    providerApiBase: providerApiBase(env, provider, workosBase),
    problems,
  };
}
