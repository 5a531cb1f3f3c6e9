// In-memory sessions behind an HttpOnly cookie. Enough for an example: a real app keeps
// them in its own session store. The PKCE verifier lives here, never in a URL.
import { randomBytes } from 'node:crypto';

const COOKIE = 'pipes_example_sid';
const MAX_AGE_S = 60 * 60;
const MAX_SESSIONS = 10_000;

function cookiesOf(req) {
  const out = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export function createSessions({ secure = false } = {}) {
  const sessions = new Map();

  const sweep = () => {
    const now = Date.now();
    for (const [id, s] of sessions) if (now - s.touched > MAX_AGE_S * 1000) sessions.delete(id);
    while (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value);
  };

  return {
    /** The request's session, or a new one (with its Set-Cookie on `res`). */
    of(req, res) {
      const id = cookiesOf(req)[COOKIE];
      const found = id && sessions.get(id);
      if (found && Date.now() - found.touched <= MAX_AGE_S * 1000) {
        found.touched = Date.now();
        return found.data;
      }
      sweep();
      const fresh = randomBytes(24).toString('base64url');
      const session = { touched: Date.now(), data: {} };
      sessions.set(fresh, session);
      const flags = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${MAX_AGE_S}`, ...(secure ? ['Secure'] : [])];
      res.setHeader('Set-Cookie', `${COOKIE}=${fresh}; ${flags.join('; ')}`);
      return session.data;
    },
    /** The request's session if it has one; never creates one. */
    existing(req) {
      const id = cookiesOf(req)[COOKIE];
      const found = id && sessions.get(id);
      return found && Date.now() - found.touched <= MAX_AGE_S * 1000 ? found.data : null;
    },
  };
}
