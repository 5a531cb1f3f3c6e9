// Connect {{PROVIDER}} through WorkOS Pipes with today's secure flow (@workos-inc/node 12.x).
// Made by Pipes Setup. Three calls: startConnection → your return URL route → finishConnection,
// then accessTokenFor whenever you call the provider's API.
import { createHash, randomBytes } from 'node:crypto';
import { WorkOS } from '@workos-inc/node';

// WORKOS_BASE_URL is only for a local WorkOS such as `cargo run -p fake-workos -- --seed demo`.
const base = process.env.WORKOS_BASE_URL ? new URL(process.env.WORKOS_BASE_URL) : null;
const workos = new WorkOS(
  process.env.WORKOS_API_KEY,
  base ? { apiHostname: base.hostname, port: Number(base.port) || undefined, https: base.protocol === 'https:' } : {},
);

export const PROVIDER = '{{PROVIDER}}';
// Must be registered in the WorkOS Dashboard → Redirects exactly (no query, no fragment).
export const RETURN_URL = '{{RETURN_URL}}';

/** Step 1: where to send the user's browser. `session` stays on your server, never in a URL. */
export async function startConnection(userId, session) {
  const codeVerifier = randomBytes(32).toString('base64url');
  const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
  const { url, state } = await workos.pipes.authorizeDataIntegration({
    slug: PROVIDER,
    userId,
    returnTo: RETURN_URL,
    codeChallenge,
    codeChallengeMethod: 'S256',
  });
  session.pipes = { codeVerifier, state, userId };
  return url;
}

/** Step 2: your RETURN_URL route. WorkOS sends `connect_code` + `state`, or `error` + `state`. */
export async function finishConnection(query, session) {
  const started = session.pipes;
  delete session.pipes;
  if (!started || query.state !== started.state) throw new Error('This answer does not belong to a connection you started.');
  if (query.error) throw new Error(`The connection failed: ${query.error}`);
  // Once, within 90 s of the redirect: a connect code cannot be retried.
  const { connectedAccount } = await workos.pipes.finishConnection({
    connectCode: query.connect_code,
    codeVerifier: started.codeVerifier,
    state: query.state,
  });
  return connectedAccount;
}

/** Step 3: a fresh access token for the provider's API. Never store it; ask again. */
export async function accessTokenFor(userId, connectedAccountId) {
  const token = await workos.pipes.getAccessToken({ provider: PROVIDER, userId, connectedAccountId });
  if (!token.active) throw new Error(`Not connected: ${token.error}`);
  return token.accessToken.accessToken;
}
