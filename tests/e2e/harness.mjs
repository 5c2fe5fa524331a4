// End-to-end harness for the extension tests: serves www/ on 127.0.0.1 (scripts/serve.mjs;
// strict-csp.html gets a CSP header that forbids WebAssembly in the page), launches headless
// Chromium with the unpacked test build extension/dist/chrome-test (the store build has no
// access to 127.0.0.1 and no fixture mapping), records every request the browser makes,
// types like a person, and reads what the extension shows through the extension itself
// (the service worker asks the tab's content script), never through the page.
// It never sleeps for a fixed time to wait for a result: every wait polls a condition with a
// deadline (personsPause models a person's pace before a fix, for the editors' undo grouping).
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const EXTENSION_DIR = process.env.RTR_EXTENSION_DIR ?? join(ROOT, 'extension', 'dist', 'chrome-test');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The Content-Security-Policy of the strict fixture: no 'wasm-unsafe-eval' anywhere. */
export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";

// Record the service worker's requests too (Playwright reports them only behind this flag).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export async function serveWww() {
  return serve({ root: join(ROOT, 'www'), port: 0, headers: { '/fixtures/strict-csp.html': { 'Content-Security-Policy': STRICT_CSP } } });
}

/** Polls `check` until truthy (returned) or the deadline passes (throws naming `what`). */
export async function waitFor(what, check, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    }
    await new Promise((r) => setTimeout(r, 40));
  }
}

/**
 * Run inside the extension (its source is sent there, so it uses nothing from this module):
 * turns Read the Room on for sites outside the defaults (the fixture server's own hostname,
 * 127.0.0.1, is one), as the popup's "enable on this site" would.
 */
export async function enableSitesInStorage(ids) {
  const api = globalThis.browser ?? globalThis.chrome;
  const site = () => ({ enabled: true, sensitivity: 'normal', disabledRules: [] });
  const defaults = ['reddit', 'x', 'linkedin', 'facebook', 'youtube', 'mastodon', 'bluesky', 'hackernews'];
  const settings = {
    schemaVersion: 1, enabled: true, phrases: [],
    sites: Object.fromEntries([...defaults, ...ids].map((id) => [id, site()])),
    history: { enabled: true, retentionDays: 30, keepText: false },
  };
  await api.storage.sync.clear();
  await api.storage.local.set({ settings, settingsArea: 'local' });
}

/** Launches Chromium with the extension; every request is recorded in `requests`. */
export async function launchWithExtension() {
  await access(join(EXTENSION_DIR, 'manifest.json')).catch(() => {
    throw new Error(`${EXTENSION_DIR}/manifest.json is missing: run \`make extension\` first`);
  });
  const server = await serveWww();
  const userDataDir = await mkdtemp(join(tmpdir(), 'rtr-ext-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1200, height: 900 },
    args: [...BASE_ARGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
  });
  const requests = [];
  let pagesOpened = 0;
  const ownFiles = new Set((await readdir(EXTENSION_DIR, { recursive: true })).map((f) => f.split('\\').join('/')));
  context.on('request', (request) => requests.push(request.url()));
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const extensionId = new URL(worker.url()).host;

  async function tabIdOf(page) {
    const url = page.url();
    return waitFor(`a tab for ${url}`, () => worker.evaluate(async (u) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => t.url === u);
      return tab ? tab.id : null;
    }, url));
  }

  return {
    context, worker, extensionId, server, requests,
    fixtureUrl: (name) => `${server.url}fixtures/${name}`,
    /** Opens a fixture page and waits until the content script answers for it. */
    async open(name) {
      const page = await context.newPage();
      // A query unique to this page lets the worker find its tab even if the file is open twice.
      await page.goto(`${server.url}fixtures/${name}${name.includes('?') ? '&' : '?'}page=${++pagesOpened}`);
      await waitFor(`the content script on ${name}`, () => this.state(page));
      return page;
    },
    /** What the extension shows in `page` (see content/index.js), asked through the worker. */
    async state(page) {
      const tabId = await tabIdOf(page);
      return worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'background→content:uiState' }), tabId);
    },
    async waitState(page, what, predicate) {
      return waitFor(what, async () => {
        const s = await this.state(page);
        return s && predicate(s) ? s : false;
      });
    },
    /** Session storage the worker wrote for this page's tab (last verdict). */
    async lastVerdict(page) {
      const tabId = await tabIdOf(page);
      return worker.evaluate(async (id) => (await chrome.storage.session.get(`lastVerdict:${id}`))[`lastVerdict:${id}`] ?? null, tabId);
    },
    /** Back to default settings (every default site on, nothing muted). */
    async resetSettings() {
      await worker.evaluate(async () => { await chrome.storage.sync.clear(); await chrome.storage.local.clear(); });
    },
    /**
     * Turns Read the Room on for sites outside the defaults (the fixture server's own
     * hostname, 127.0.0.1, is one), as the popup's "enable on this site" would.
     */
    async enableSites(siteIds) {
      await worker.evaluate(enableSitesInStorage, siteIds);
    },
    /**
     * Requests that were neither the fixture server's nor the extension's own files. An
     * extension URL counts as ours when it has our id, or a per-session dynamic id (what
     * use_dynamic_url resources use) and the path of a file of the built extension.
     */
    foreignRequests() {
      const ours = (u) => {
        const url = new URL(u);
        return url.protocol === 'chrome-extension:'
          && (url.host === extensionId || ownFiles.has(url.pathname.slice(1)));
      };
      return requests.filter((u) => !u.startsWith(server.url) && !ours(u));
    },
    async close() {
      await context.close();
      await server.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Clicks the box, then types `text` key by key like a person. */
export async function typeInto(page, selector, text) {
  const box = page.locator(selector).first();
  await box.click();
  await page.keyboard.type(text, { delay: 5 });
  return box;
}

/** The editor's text as the page sees it (value, or innerText for contenteditable). */
export async function editorText(page, selector) {
  return page.locator(selector).first().evaluate((el) => (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' ? el.value : el.innerText));
}

/**
 * The real editors of www/fixtures/rich-editor.html?editor=<name>, built from their npm
 * packages (www/fixtures/editors/<name>.js); each page exposes window.fixtureEditor.text().
 */
export const REAL_EDITORS = ['lexical', 'prosemirror', 'tiptap', 'quill', 'slate', 'draft'];
export const realEditorPage = (name) => `rich-editor.html?editor=${name}`;
/** The contenteditable each real editor renders in its page. */
export const REAL_EDITOR_BOX = '#reply-box [contenteditable="true"]';
/** A real editor's text from its own state, through its API (no-break spaces as spaces). */
export const realEditorText = (page) => page.evaluate(() => window.fixtureEditor.text().replaceAll('\u00a0', ' '));

// A person reads the card before applying a fix. Rich editors merge edits made in quick
// succession into one undo step (ProseMirror and TipTap: adjacent edits within 500 ms of the
// last; Quill: within 1 s of a step's first edit; the Lexical page: 300 ms), so a fix applied
// faster than a person could would be undone together with the typing. The real-editor tests
// let that moment pass before a fix: a wait for a person's pace, not for a result.
const UNDO_GROUP_MS = 1100;
/** Resolves once UNDO_GROUP_MS have passed since `since` (Date.now() of the last edit). */
export const personsPause = (since) => new Promise((resolve) => setTimeout(resolve, Math.max(0, UNDO_GROUP_MS - (Date.now() - since))));

/** Bundles an extension source module as a plain script exposing its exports as `globalName`. */
export async function sourceBundle(relativePath, globalName) {
  const out = await build({
    entryPoints: [join(ROOT, relativePath)], bundle: true, format: 'iife', globalName, write: false, logLevel: 'silent',
    define: { __RTR_TEST_BUILD__: 'true' }, // as the test build: fixture pages count as their site
  });
  return out.outputFiles[0].text;
}

/** The site adapters as a plain script exposing `RTRSites` (for in-page adapter tests). */
export const adapterBundle = () => sourceBundle('extension/src/sites/index.js', 'RTRSites');

/** A plain Chromium (no extension) for tests that only need pages. */
export async function launchPlain() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: BASE_ARGS });
}
