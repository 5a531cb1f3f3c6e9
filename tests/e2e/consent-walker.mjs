// Walks a consent page like a person: opens the authorization URL, clicks the decision named in
// PIPES_E2E_CONSENT_FILE ("allow" or "deny"), and follows the redirects back to the app's
// return URL. Started by fake-browser.sh; writes what it saw to the browser log.
import { appendFileSync, readFileSync } from 'node:fs';

const [url] = process.argv.slice(2);
const log = (line) => appendFileSync(process.env.PIPES_E2E_BROWSER_LOG, `consent: ${line}\n`);
const decision = readFileSync(process.env.PIPES_E2E_CONSENT_FILE, 'utf8').trim();

const page = await fetch(url);
const html = await page.text();
const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
const state = /name="state" value="([^"]+)"/.exec(html)?.[1];
if (!action || !state) {
  log(`no consent form (${page.status}): ${html.includes('redirect_uri_mismatch') ? 'redirect_uri_mismatch' : 'other page'}`);
  process.exit(0);
}
const target = new URL(action.replaceAll('&amp;', '&'), page.url);
const done = await fetch(target, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ state: state.replaceAll('&amp;', '&'), decision }),
}).catch((error) => ({ status: 0, url: String(error), text: async () => '' }));
log(`${decision} → ${done.status} ${done.url}: ${(await done.text()).slice(0, 200).replace(/\s+/g, ' ')}`);
