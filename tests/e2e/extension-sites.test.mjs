// The extension on every fixture site, in headless Chromium with the unpacked build:
// a pitch nobody asked for shows a `pitch` badge whose card names the rule; a friendly reply
// shows nothing; the same offer under a purchase request is not a pitch; "turn off on this
// site" removes every trace; and the editor always holds exactly what was typed.
// State is read through the extension (worker -> content script), never from the page.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { editorText, launchWithExtension, typeInto } from './harness.mjs';

const PITCH = 'Our ladders are 20% off this week only, DM me for the link!';
const FRIENDLY = "I've had a Werner 4-footer for years, love it";
const REQUEST = "I'm in the market for a new ladder, anyone selling?";

// editor: the reply box; post: the first element of each selector holds the post's text or title.
export const SITES = [
  { fixture: 'reddit.html', site: 'reddit', editor: '[data-lexical-editor]', post: ['shreddit-post [slot="text-body"] p', 'shreddit-post [slot="title"]'] },
  { fixture: 'old-reddit.html', site: 'reddit', editor: 'textarea[name="text"]', post: ['.thing.link .usertext-body .md p', '.thing.link a.title'] },
  { fixture: 'x.html', site: 'x', editor: '[data-testid="tweetTextarea_0"]', post: ['[data-testid="tweetText"]'] },
  { fixture: 'linkedin.html', site: 'linkedin', editor: '.ql-editor', post: ['.feed-shared-update-v2__description .update-components-text'] },
  { fixture: 'facebook.html', site: 'facebook', editor: '[aria-label="Write a comment…"]', post: ['[data-ad-preview="message"] [dir="auto"]'] },
  { fixture: 'youtube.html', site: 'youtube', editor: '#contenteditable-root', post: ['#description-inline-expander', '#title h1'] },
  { fixture: 'mastodon.html', site: 'mastodon', editor: 'textarea.autosuggest-textarea__textarea', post: ['.detailed-status .status__content', '.reply-indicator__content'] },
  { fixture: 'bluesky.html', site: 'bluesky', editor: '.ProseMirror', post: ['[data-testid="postThreadScreen"] [data-testid="postText"]', '[data-testid="replyPreview"] [data-testid="postText"]'] },
  { fixture: 'hackernews.html', site: 'hackernews', editor: 'textarea[name="text"]', post: ['.toptext', '.titleline > a'] },
  { fixture: 'generic.html', site: '127.0.0.1', editor: '#reply-text', post: ['[itemprop="articleBody"]', 'h1'] },
];

let h;
before(async () => { h = await launchWithExtension(); });
after(async () => { await h?.close(); });
beforeEach(async () => { await h.enableSites(['127.0.0.1']); });

const hasBadge = (level) => (s) => s.ui && s.ui.badgeVisible && s.ui.level === level;

/** Traces of our UI the page itself can observe: our host element and highlights. */
function pageTraces(page) {
  return page.evaluate(() => ({
    hosts: document.querySelectorAll('read-the-room-ui').length,
    highlights: globalThis.CSS && CSS.highlights ? CSS.highlights.size : 0,
  }));
}

async function openCard(page) {
  const s = await h.waitState(page, 'a visible badge', (x) => x.ui && x.ui.badgeVisible);
  const r = s.ui.badgeRect;
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  return h.waitState(page, 'the card to open', (x) => x.ui && x.ui.cardOpen && x.ui.cardButtons.length > 0);
}

for (const { fixture, site, editor, post } of SITES) {
  test(`${fixture}: a pitch nobody asked for shows a pitch badge and a card naming the rule`, async () => {
    const page = await h.open(fixture);
    try {
      await typeInto(page, editor, PITCH);
      // The verdict for the whole text, not one from a pause earlier in the typing.
      const s = await h.waitState(page, 'a pitch badge for the typed text', (x) => hasBadge('pitch')(x) && x.scored);
      assert.equal(s.siteId, site);
      assert.equal(s.ui.badgeText, 'pitch');
      assert.equal(await editorText(page, editor), PITCH);
      const open = await openCard(page);
      assert.ok(open.ui.cardRules.includes('offer.discount'), `card rules: ${open.ui.cardRules}`);
      assert.ok(open.ui.cardRules.includes('contact.dm'), `card rules: ${open.ui.cardRules}`);
      assert.ok(open.ui.highlights > 0, 'the triggering words are highlighted');
      await page.keyboard.press('Escape');
      const closed = await h.waitState(page, 'Esc to close the card', (x) => x.ui && !x.ui.cardOpen);
      assert.equal(closed.ui.highlights, 0);
      assert.equal((await pageTraces(page)).highlights, 0);
      assert.equal(await editorText(page, editor), PITCH, 'the editor still holds exactly what was typed');
    } finally {
      await page.close();
    }
  });

  test(`${fixture}: a friendly on-topic reply shows no warning and adds nothing to the page`, async () => {
    const page = await h.open(fixture);
    try {
      await typeInto(page, editor, FRIENDLY);
      const s = await h.waitState(page, 'the reply to be scored', (x) => x.verdict && x.scored);
      assert.equal(s.verdict.level, 'ok');
      assert.deepEqual(await pageTraces(page), { hosts: 0, highlights: 0 });
      assert.equal(await editorText(page, editor), FRIENDLY);
    } finally {
      await page.close();
    }
  });

  test(`${fixture}: the same offer under a purchase request is not a pitch`, async () => {
    const page = await h.open(fixture);
    try {
      await page.evaluate(({ selectors, text }) => {
        for (const sel of selectors) document.querySelector(sel).textContent = text;
        const reddit = document.querySelector('shreddit-post');
        if (reddit) reddit.setAttribute('post-title', text);
      }, { selectors: post, text: REQUEST });
      await typeInto(page, editor, PITCH);
      const s = await h.waitState(page, 'the reply to be scored', (x) => x.verdict && x.scored);
      assert.notEqual(s.verdict.level, 'pitch', JSON.stringify(s.verdict));
      assert.equal(await editorText(page, editor), PITCH);
    } finally {
      await page.close();
    }
  });

  test(`${fixture}: "turn off on this site" removes every trace from the page`, async () => {
    const page = await h.open(fixture);
    try {
      await typeInto(page, editor, PITCH);
      await h.waitState(page, 'a pitch badge', hasBadge('pitch'));
      const open = await openCard(page);
      assert.equal((await pageTraces(page)).hosts, 1);
      const off = open.ui.cardButtons.find((b) => b.action === 'turn-off');
      await page.mouse.click(off.x, off.y);
      await h.waitState(page, 'the site to be off', (x) => x.on === false);
      assert.deepEqual(await pageTraces(page), { hosts: 0, highlights: 0 });
      assert.equal(await editorText(page, editor), PITCH);
      // Typing more on a site that is off draws nothing.
      await page.keyboard.type(' Again!');
      const s = await h.state(page);
      assert.equal(s.on, false);
      assert.deepEqual(await pageTraces(page), { hosts: 0, highlights: 0 });
    } finally {
      await page.close();
    }
  });
}

test('the browser made no request except to the fixture server and the extension itself', () => {
  assert.ok(h.requests.length > 0, 'requests were recorded');
  assert.deepEqual(h.foreignRequests(), []);
});
