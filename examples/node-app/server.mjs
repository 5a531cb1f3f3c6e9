// Pipes example app: `npm start` (reads .env in the working directory; variables already
// set win). Routes: GET / · GET /connect?user=ID · GET <PIPES_RETURN_URL's path, /callback>
// · GET /api/provider/user?user=ID&account=ID · POST /webhooks/workos · GET /health
import { loadEnv } from './lib/env.mjs';
import { readConfig } from './lib/config.mjs';
import { createApp } from './lib/app.mjs';

const fromFile = loadEnv();
const config = readConfig();
for (const problem of config.problems) console.error(`config: ${problem}`);
if (!config.apiKey) console.error('config: WORKOS_API_KEY is not set; every WorkOS route will answer 500 until it is.');
if (!config.webhookSecret) console.error('config: WORKOS_WEBHOOK_SECRET is not set; POST /webhooks/workos will answer 500.');

const server = createApp(config);
server.on('error', (e) => {
  console.error(`cannot listen on ${config.host}:${config.port}: ${e.message}`);
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  const { port } = server.address();
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`Pipes example app listening on http://${host}:${port}`
    + ` (provider ${config.provider}, return URL ${config.returnUrl},`
    + ` WorkOS ${config.workosBase?.origin ?? 'https://api.workos.com'}${fromFile.length ? `, .env: ${fromFile.join(' ')}` : ''})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
  });
}
