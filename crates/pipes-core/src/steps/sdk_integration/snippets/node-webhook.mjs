// Verify WorkOS Pipes webhooks in your app (@workos-inc/node 12.x). Made by Pipes Setup.
// Mount handleWebhook on POST {{PATH}}, register that URL for the nine Pipes events, and keep
// the endpoint's secret in WORKOS_WEBHOOK_SECRET. Verify the RAW body: a body that was parsed
// and serialized again (e.g. by express.json()) no longer matches its signature.
import { WorkOS } from '@workos-inc/node';

// WORKOS_BASE_URL is only for a local WorkOS such as `cargo run -p fake-workos -- --seed demo`.
const base = process.env.WORKOS_BASE_URL ? new URL(process.env.WORKOS_BASE_URL) : null;
const workos = new WorkOS(
  process.env.WORKOS_API_KEY,
  base ? { apiHostname: base.hostname, port: Number(base.port) || undefined, https: base.protocol === 'https:' } : {},
);

export const WEBHOOK_PATH = '{{PATH}}';
const MAX_BODY_BYTES = 1024 * 1024;

/** The verified event, or a rejection saying why the delivery cannot be trusted. */
export async function verifiedEvent(rawBody, signatureHeader) {
  if (!signatureHeader) throw new Error('No WorkOS-Signature header.');
  return workos.webhooks.constructEvent({
    payload: rawBody,
    sigHeader: signatureHeader,
    secret: process.env.WORKOS_WEBHOOK_SECRET,
  });
}

/** Your route (node:http request and response): 200 once handled, 400 when not verified. */
export async function handleWebhook(req, res, onEvent = handleEvent) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return void res.writeHead(413).end('Too large.');
    chunks.push(chunk);
  }
  let event;
  try {
    event = await verifiedEvent(Buffer.concat(chunks).toString('utf8'), req.headers['workos-signature']);
  } catch (error) {
    return void res.writeHead(400, { 'content-type': 'text/plain' }).end(`Not verified: ${error.message}`);
  }
  await onEvent(event);
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
}

/** Keep your copy of each connection in step with WorkOS. `event.data.id` is the connection. */
export async function handleEvent(event) {
  switch (event.event) {
    case 'pipes.account_connection.connected':
    case 'pipes.connected_account.connected':
      // A connection is ready: store event.data.id for its user (several per provider are possible).
      break;
    case 'pipes.account_connection.reauthorization_needed':
    case 'pipes.connected_account.reauthorization_needed':
      // Ask the user to reconnect; tokens fail until they do.
      break;
    case 'pipes.account_connection.disconnected':
    case 'pipes.connected_account.disconnected':
      // Forget the connection.
      break;
    case 'pipes.account_connection.connection_failed':
    case 'pipes.connected_account.connection_failed':
    case 'pipes.account_connection.add_failed':
      // Tell the user the connection did not go through.
      break;
    default:
      break;
  }
}
