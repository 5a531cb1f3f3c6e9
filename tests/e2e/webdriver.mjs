// A small W3C WebDriver client over fetch: just what the E2E suite needs, and every step logged
// so the test output shows what was driven.

import { readdirSync, readlinkSync } from 'node:fs';

const KEYS = {
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  ArrowUp: '\uE013',
  ArrowDown: '\uE015',
  Home: '\uE011',
  End: '\uE010',
};
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriver {
  constructor(url, log = (line) => console.log(`  [webdriver] ${line}`)) {
    this.url = url;
    this.log = log;
    this.session = null;
  }

  async request(method, path, body) {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      // An app that dies at start leaves WebKitWebDriver waiting for ever: fail instead of hang.
      signal: AbortSignal.timeout(path === '/session' ? 60_000 : 180_000),
    });
    const json = await response.json();
    if (process.env.WD_DEBUG) console.log(method, path, JSON.stringify(json).slice(0, 300));
    if (!response.ok) {
      throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(json.value ?? json)}`);
    }
    return json.value;
  }

  sessionPath(path) {
    return `/session/${this.session}${path}`;
  }

  async start(application, args = []) {
    this.log(`new session: launch ${application} ${args.join(' ')}`.trimEnd());
    const value = await this.request('POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
    });
    this.session = value.sessionId;
    this.application = application;
  }

  async quit() {
    if (!this.session) return;
    this.log('delete session: close the app');
    await this.request('DELETE', this.sessionPath(''));
    this.session = null;
    // The app is one instance: the next session's launch must not find this one still going.
    await waitForExit(this.application);
  }

  async find(css) {
    const value = await this.request('POST', this.sessionPath('/element'), { using: 'css selector', value: css });
    return value[ELEMENT];
  }

  async findAll(css) {
    const value = await this.request('POST', this.sessionPath('/elements'), { using: 'css selector', value: css });
    return value.map((v) => v[ELEMENT]);
  }

  /** Waits until `css` matches, up to `timeoutMs`. */
  async waitFor(css, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.findAll(css);
      if (found.length > 0) return found[0];
      if (Date.now() > deadline) throw new Error(`nothing matched ${css} within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  async waitForText(css, expected, timeoutMs = 10_000) {
    return this.waitForTextWhere(css, (text) => text === expected, JSON.stringify(expected), timeoutMs);
  }

  /** Waits until the first element matching `css` shows text that `pattern` matches. */
  async waitForTextMatching(css, pattern, timeoutMs = 10_000) {
    return this.waitForTextWhere(css, (text) => pattern.test(text), String(pattern), timeoutMs);
  }

  async waitForTextWhere(css, fits, wanted, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let last = null;
    for (;;) {
      const found = await this.findAll(css);
      if (found.length > 0) {
        last = await whileAttached(() => this.text(found[0]), last);
        if (last !== null && fits(last)) return last;
      }
      if (Date.now() > deadline) throw new Error(`${css} showed ${JSON.stringify(last)}, not ${wanted}`);
      await sleep(50);
    }
  }

  async type(css, text) {
    this.log(`type into ${css}`);
    for (let attempt = 1; ; attempt++) {
      const element = await this.waitFor(css);
      await this.request('POST', this.sessionPath(`/element/${element}/clear`), {});
      await this.request('POST', this.sessionPath(`/element/${element}/value`), { text });
      // A re-render while the keys arrive can leave the input with part of the text (seen
      // once as "/t" on a loaded machine): type again until it holds all of it.
      const held = await this.executeAsync(`return document.querySelector(${JSON.stringify(css)})?.value ?? null;`);
      if (held === null || held === text || attempt === 3) return;
      this.log(`  the input held ${JSON.stringify(held)}; typing again`);
    }
  }

  async source() {
    return this.request('GET', this.sessionPath('/source'));
  }

  async waitForAttribute(css, name, expected, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    let last = null;
    for (;;) {
      const found = await this.findAll(css);
      if (found.length > 0) {
        const read = () => this.request('GET', this.sessionPath(`/element/${found[0]}/attribute/${name}`));
        last = await whileAttached(read, last);
        if (last === expected) return last;
      }
      if (Date.now() > deadline) throw new Error(`${css} [${name}] was ${JSON.stringify(last)}, not ${JSON.stringify(expected)}`);
      await sleep(50);
    }
  }

  async click(css) {
    this.log(`click ${css}`);
    const element = await this.waitFor(css);
    await this.request('POST', this.sessionPath(`/element/${element}/click`), {});
  }

  async text(element) {
    return this.request('GET', this.sessionPath(`/element/${element}/text`));
  }

  async attribute(css, name) {
    const element = await this.waitFor(css);
    return this.request('GET', this.sessionPath(`/element/${element}/attribute/${name}`));
  }

  async activeElementAttribute(name) {
    const active = await this.request('GET', this.sessionPath('/element/active'));
    return this.request('GET', this.sessionPath(`/element/${active[ELEMENT]}/attribute/${name}`));
  }

  /** Presses keys as a person would; `Shift+Tab` style chords are supported. */
  async press(...names) {
    this.log(`press ${names.join(', ')}`);
    const actions = [];
    for (const name of names) {
      const chord = name.split('+').map((k) => KEYS[k] ?? k);
      for (const key of chord) actions.push({ type: 'keyDown', value: key });
      for (const key of [...chord].reverse()) actions.push({ type: 'keyUp', value: key });
    }
    await this.request('POST', this.sessionPath('/actions'), {
      actions: [{ type: 'key', id: 'keyboard', actions }],
    });
    await this.request('DELETE', this.sessionPath('/actions'));
  }

  /** Runs `body` (the text of an async function body) in the page and returns its result. */
  async executeAsync(body) {
    return this.request('POST', this.sessionPath('/execute/async'), {
      script: `const done = arguments[arguments.length - 1]; (async () => { ${body} })().then(done, (e) => done({ thrown: String(e && (e.message ?? e)) }));`,
      args: [],
    });
  }

  async screenshot() {
    // WebKit can hand back the last painted frame while a DOM change is still waiting to be
    // painted: let two frames pass first.
    await this.executeAsync('await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));');
    return Buffer.from(await this.request('GET', this.sessionPath('/screenshot')), 'base64');
  }
}

/** `read()`, or `fallback` when the element was re-rendered between finding and reading it. */
async function whileAttached(read, fallback) {
  try {
    return await read();
  } catch (error) {
    if (String(error.message).includes('stale element reference')) return fallback;
    throw error;
  }
}

/** Waits (up to 10 s) until no process runs the binary `application`. */
export async function waitForExit(application, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && runningInstances(application).length > 0) await sleep(50);
}

/** The pids of the processes running `application` (by /proc/PID/exe). */
export function runningInstances(application) {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) === application) pids.push(Number(pid));
    } catch {
      // Gone, or not ours to look at.
    }
  }
  return pids;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
