// Shared by the popup and options end-to-end tests: launches headless Chromium with the
// unpacked test build (extension/dist/chrome-test, built by `make extension`; RTR_EXTENSION_DIR
// overrides), finds the extension id, reads and writes extension storage through the service
// worker, serves a plain page on 127.0.0.1, and waits for a condition (never a fixed sleep).
import { chromium } from 'playwright-core';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const EXTENSION_DIR = process.env.RTR_EXTENSION_DIR ?? join(root, 'extension', 'dist', 'chrome-test');

export async function launchExtension() {
  for (const file of ['manifest.json', 'popup/popup.html', 'popup/popup.js', 'options/options.html', 'options/options.js']) {
    await access(join(EXTENSION_DIR, file)).catch(() => {
      throw new Error(`${join(EXTENSION_DIR, file)} is missing: run \`make extension\` first`);
    });
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'rtr-popup-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`],
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const id = new URL(worker.url()).host;
  const pageUrl = (path) => `chrome-extension://${id}/${path}`;
  return {
    context, worker, id, pageUrl,
    /** Runs `fn(arg)` in the service worker (chrome.* available there). */
    inWorker: (fn, arg) => worker.evaluate(fn, arg),
    settings: () => worker.evaluate(async () => {
      const { settingsArea } = await chrome.storage.local.get('settingsArea');
      const area = settingsArea === 'local' ? chrome.storage.local : chrome.storage.sync;
      return (await area.get('settings')).settings;
    }),
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A page on 127.0.0.1 with a title and a comment box; resolves to {url, close}. */
export async function servePage(title = 'A thread') {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>${title}</title><h1>${title}</h1><textarea aria-label="Reply"></textarea>`);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((done) => server.close(done)) };
}

// One polling helper for every browser test.
export { waitFor } from './harness.mjs';

export const DAY_MS = 24 * 60 * 60 * 1000;
