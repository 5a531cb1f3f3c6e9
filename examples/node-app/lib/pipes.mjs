// The WorkOS side, with today's secure flow (@workos-inc/node 12.x), as Pipes Setup's
// snippet teaches it: startConnection → your return URL → finishConnection, then
// accessTokenFor whenever the provider's API is called. verifyWebhook checks a delivery.
import { createHash, randomBytes } from 'node:crypto';
import { WorkOS } from '@workos-inc/node';

/** A failure the app shows as is: an HTTP status, a message, and WorkOS's code if any. */
export class AppError extends Error {
  constructor(status, message, extra = {}) {
    super(message);
    this.status = status;
    Object.assign(this, extra);
  }
}

const MISSING_KEY = 'WORKOS_API_KEY is not set. Copy .env.example to .env and set your WorkOS API key '
  + '(Dashboard → API Keys; for fake-workos --seed demo: sk_test_demo_0000000000000000000000000000fake), then restart the app.';

function sdkOptions(config) {
  const base = config.workosBase;
  return {
    ...(config.clientId ? { clientId: config.clientId } : {}),
    // WORKOS_BASE_URL is only for a local WorkOS such as `cargo run -p fake-workos -- --seed demo`.
    ...(base ? { apiHostname: base.hostname, port: Number(base.port) || undefined, https: base.protocol === 'https:' } : {}),
  };
}

/** An SDK error as an AppError: WorkOS answered (502 with its message) or could not be reached. */
function fromSdk(e, what) {
  if (e instanceof AppError) return e;
  const status = typeof e?.status === 'number' ? e.status : null;
  const code = e?.code ?? e?.error ?? null;
  const requestId = e?.requestID || null;
  const message = status
    ? `WorkOS refused ${what} (HTTP ${status}${code ? `, ${code}` : ''}): ${e.message}`
    : `Could not reach WorkOS for ${what}: ${e?.message ?? e}`;
  return new AppError(502, message, { code, workosStatus: status, requestId });
}

export function createPipes(config) {
  // Only made when there is a key: without one every WorkOS route answers 500 (see require).
  const workos = config.apiKey ? new WorkOS(config.apiKey, sdkOptions(config)) : null;
  // Verifying a webhook needs the secret only, not the API key.
  const verifier = workos ?? new WorkOS({ clientId: config.clientId || 'client_webhook_verification_only', ...sdkOptions(config) });

  const require = () => {
    if (!workos) throw new AppError(500, MISSING_KEY, { code: 'missing_api_key' });
    return workos;
  };

  return {
    configured: Boolean(workos),

    /** Step 1: the URL to send the browser to. The verifier stays in `pending`, on the server. */
    async startConnection(userId) {
      const client = require();
      const codeVerifier = randomBytes(32).toString('base64url');
      const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
      try {
        const { url, state } = await client.pipes.authorizeDataIntegration({
          slug: config.provider,
          userId,
          returnTo: config.returnUrl,
          codeChallenge,
          codeChallengeMethod: 'S256',
        });
        return { url, pending: { state, codeVerifier, userId } };
      } catch (e) {
        throw fromSdk(e, `the authorization of ${config.provider} for ${userId}`);
      }
    },

    /** Step 2: at the return URL, with what startConnection kept. Once: a code cannot be retried. */
    async finishConnection(query, pending) {
      const client = require();
      try {
        const { connectedAccount } = await client.pipes.finishConnection({
          connectCode: query.connect_code,
          codeVerifier: pending.codeVerifier,
          state: query.state,
        });
        return connectedAccount;
      } catch (e) {
        throw fromSdk(e, 'finishing the connection');
      }
    },

    /** Step 3: a fresh access token for the provider's API. Never stored, never shown. */
    async accessTokenFor(userId, connectedAccountId) {
      const client = require();
      let token;
      try {
        token = await client.pipes.getAccessToken({ provider: config.provider, userId, connectedAccountId });
      } catch (e) {
        throw fromSdk(e, `an access token for ${connectedAccountId}`);
      }
      if (!token.active) {
        throw new AppError(409, `No token: the account is not connected (${token.error}). Connect it again at /connect?user=${userId}.`, { code: token.error });
      }
      return token.accessToken.accessToken;
    },

    /** A webhook delivery: the RAW body and its WorkOS-Signature header, checked with the secret. */
    async verifyWebhook(rawBody, sigHeader) {
      if (!config.webhookSecret) {
        throw new AppError(500, 'WORKOS_WEBHOOK_SECRET is not set: copy the endpoint\'s secret (Dashboard → Webhooks, or Pipes Setup step 6) into .env and restart.', { code: 'missing_webhook_secret' });
      }
      if (!sigHeader) throw new AppError(400, 'No WorkOS-Signature header: this request was not sent by WorkOS.', { code: 'missing_signature' });
      try {
        return await verifier.webhooks.constructEvent({ payload: rawBody, sigHeader, secret: config.webhookSecret });
      } catch (e) {
        const reason = e?.name === 'SignatureVerificationException' ? e.message : `unreadable delivery: ${e?.message ?? e}`;
        throw new AppError(400, `Webhook rejected: ${reason}`, { code: 'invalid_signature' });
      }
    },
  };
}
