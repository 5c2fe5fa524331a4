// Privacy audit: across every site fixture and the adversarial pages, typing a reply that
// carries a unique marker, letting the verdict settle, then opening the popup and the
// options page — the browser makes no request except to the fixture server's pages and the
// extension's own files; no reply text lands in any extension storage (history keeps levels
// and rule ids only, as the person has not opted in); and no trace of the verdict is
// readable from the page. Waits for states through the harness, never for fixed times.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, waitFor } from './harness.mjs';

const MARKER = `zqx${Date.now().toString(36)}jv`; // a word no page, rule or setting contains
const REPLY = `${MARKER} Our ladders are 20% off this week only, DM me for the link!`;
// fixture -> its reply box (the same boxes the site tests use).
const PAGES = {
  'reddit.html': '[data-lexical-editor]',
  'old-reddit.html': 'textarea[name="text"]',
  'x.html': '[data-testid="tweetTextarea_0"]',
  'linkedin.html': '.ql-editor',
  'facebook.html': '[aria-label="Write a comment…"]',
  'youtube.html': '#contenteditable-root',
  'mastodon.html': 'textarea.autosuggest-textarea__textarea',
  'bluesky.html': '.ProseMirror',
  'hackernews.html': 'textarea[name="text"]',
  'hackernews-long.html': 'textarea[name="text"]',
  'generic.html': '#reply-text',
  'strict-csp.html': '#reply-text',
  'adversarial-markup.html': '#reply-text',
  'adversarial-long.html': '#reply-text',
  'adversarial-rtl.html': '#reply-text',
  'adversarial-nested.html': '#reply-text',
  'adversarial-replace.html': '#reply-text',
  'adversarial-csp.html': '#reply-text',
};

let h;
before(async () => {
  h = await launchWithExtension();
  await h.resetSettings();
  await h.enableSites(['127.0.0.1']);
});
after(async () => { await h?.close(); });

test('typing on every fixture page: scored, settled, and nothing of the verdict readable by the page', async () => {
  for (const [fixture, box] of Object.entries(PAGES)) {
    const page = await h.open(fixture);
    try {
      await page.locator(box).first().click();
      await page.keyboard.type(REPLY);
      await h.waitState(page, `a verdict on ${fixture}`, (s) => s.scored && s.verdict);
      await page.locator('h1, body').first().click({ position: { x: 1, y: 1 } }); // focus leaves the box: settles
      const visible = await page.evaluate((marker) => ({
        hostAttributes: [...document.querySelectorAll('read-the-room-ui')].map((el) => el.getAttributeNames()),
        openRoots: [...document.querySelectorAll('read-the-room-ui')].filter((el) => el.shadowRoot).length,
        // Outside the box, the marker appears nowhere in the page's DOM or title.
        markerOutsideBox: (document.title + document.body.innerText).split(marker).length - 1,
      }), MARKER);
      assert.equal(visible.openRoots, 0, `${fixture}: UI in a closed shadow root`);
      for (const attributes of visible.hostAttributes) assert.deepEqual(attributes, ['style'], `${fixture}: host attributes`);
      assert.ok(visible.markerOutsideBox <= 1, `${fixture}: reply text copied into the page (${visible.markerOutsideBox} copies)`);
    } finally {
      await page.close();
    }
  }
});

test('the popup and options pages open without errors or requests', async () => {
  for (const path of ['popup/popup.html', 'options/options.html']) {
    const page = await h.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`chrome-extension://${h.extensionId}/${path}`);
      await page.waitForLoadState('load');
      await waitFor(`${path} to render`, () => page.evaluate(() => document.body && document.body.children.length > 0));
      assert.deepEqual(errors, [], `${path}: page errors`);
    } finally {
      await page.close();
    }
  }
});

test('no request left the machine, and the extension fetched nothing from the pages\' server', () => {
  assert.deepEqual(h.foreignRequests(), []);
  const ownFiles = `chrome-extension://${h.extensionId}/`;
  const fromServer = h.requests.filter((u) => !u.startsWith(ownFiles)).map((u) => new URL(u).pathname);
  for (const path of fromServer) assert.match(path, /^\/fixtures\/[\w.-]+\.html$/, `request to ${path}`);
});

test('no reply text in any extension storage; history holds levels and rule ids', async () => {
  const stored = await h.worker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    sync: await chrome.storage.sync.get(null),
    session: await chrome.storage.session.get(null),
    databases: typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).map((d) => d.name) : [],
    caches: await caches.keys(),
  }));
  const text = JSON.stringify(stored);
  assert.ok(!text.includes(MARKER), 'the typed marker was stored');
  assert.ok(!text.includes('ladders are 20% off'), 'reply text was stored');
  assert.deepEqual(stored.caches, [], 'no Cache Storage');
  assert.deepEqual(stored.databases, [], 'no IndexedDB');
  // Not vacuous: the verdicts of those pages were recorded (as levels and rule ids).
  assert.ok(text.includes('contact.dm') || text.includes('offer.discount'), 'history recorded the settled verdicts');
});
