// The desktop around the app window, driven the way a person would: the native folder dialog
// answered with the keyboard, and a folder dragged from a file manager (a small GTK drag source,
// desktop/drag-source.py) onto the window with the mouse. Needs xdotool and python3-gi.
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './webdriver.mjs';

const DRAG_SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'desktop', 'drag-source.py');

export function xdotool(...args) {
  return execFileSync('xdotool', args.map(String), { encoding: 'utf8' }).trim();
}

/** The X window id of the first window titled `title`, once it is on screen. */
export async function waitForWindow(title, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const id = xdotool('search', '--onlyvisible', '--name', `^${title}$`).split('\n')[0];
      if (id) return id;
    } catch {
      // xdotool exits 1 while nothing matches.
    }
    await sleep(100);
  }
  throw new Error(`no window titled "${title}" within ${timeoutMs} ms`);
}

/** Waits until no window titled `title` is on screen (a closed GTK dialog may only be hidden). */
export async function waitForWindowGone(title, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      xdotool('search', '--onlyvisible', '--name', `^${title}$`);
    } catch {
      return;
    }
    await sleep(100);
  }
  throw new Error(`a window titled "${title}" is still open after ${timeoutMs} ms`);
}

/** Types into a window after giving it the keyboard (there is no window manager to do it). */
export async function typeInto(id, ...steps) {
  xdotool('windowfocus', '--sync', id);
  for (const step of steps) {
    if (step.key) xdotool('key', '--clearmodifiers', step.key);
    else xdotool('type', '--delay', 40, step.text);
    await sleep(step.pause ?? 400);
  }
}

/** Screen coordinates of the middle of a window. */
export function centreOf(id) {
  const geometry = xdotool('getwindowgeometry', '--shell', id);
  const value = (name) => Number(geometry.match(new RegExp(`^${name}=(\\d+)`, 'm'))[1]);
  return { x: value('X') + Math.round(value('WIDTH') / 2), y: value('Y') + Math.round(value('HEIGHT') / 2) };
}

/**
 * Drags `path` from a file-manager-like window at the right edge of the screen to (x, y).
 * `whileOver` runs with the pointer held over the target, before the drop.
 */
export async function dragOnto(path, { x, y }, whileOver = async () => {}) {
  const source = spawn('/usr/bin/python3', [DRAG_SOURCE, path, '1236', '300'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise((resolve, reject) => {
      source.stdout.on('data', (data) => String(data).includes('ready') && resolve());
      source.on('exit', (code) => reject(new Error(`drag source exited with ${code}`)));
    });
    await sleep(300);
    const from = { x: 1255, y: 360 };
    xdotool('mousemove', from.x, from.y);
    await sleep(150);
    xdotool('mousedown', 1);
    // Small steps, like a hand: GTK starts a drag only after the pointer moves a few pixels.
    for (let i = 1; i <= 20; i++) {
      xdotool('mousemove', Math.round(from.x + ((x - from.x) * i) / 20), Math.round(from.y + ((y - from.y) * i) / 20));
      await sleep(30);
    }
    await sleep(300);
    await whileOver();
    xdotool('mouseup', 1);
    await sleep(300);
  } finally {
    source.kill();
  }
}
