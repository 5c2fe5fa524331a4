// The add-on in real Firefox (headless Firefox ESR, the test build installed as a temporary
// add-on): on three fixture sites — a textarea (Hacker News), a contenteditable (LinkedIn's
// Quill) and a contenteditable inside an open shadow root (Reddit) — a pitch nobody asked for
// shows the pitch badge whose card names the rule; a friendly reply shows nothing; the settled
// verdict reaches the popup's history; and every request Firefox made went to the fixture
// server (the add-on's own moz-extension:// files never touch the network).
// State is read through the add-on (an extension page asks the tab's content script), as in
// the Chromium suite; the badge is clicked where the add-on says it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchFirefox } from './harness.mjs';

const PITCH = 'Our ladders are 20% off this week only, DM me for the link!';
const FRIENDLY = "I've had a Werner 4-footer for years, love it";
const SITES = [
  { fixture: 'hackernews.html', site: 'hackernews', editor: 'textarea[name="text"]', kind: 'textarea' },
  { fixture: 'linkedin.html', site: 'linkedin', editor: '.ql-editor', kind: 'contenteditable' },
  { fixture: 'reddit.html', site: 'reddit', editor: '[data-lexical-editor]', kind: 'contenteditable in a shadow root' },
];

let h;
before(async () => {
  h = await launchFirefox();
  await h.install();
});
after(async () => { await h?.close(); });

for (const { fixture, site, editor, kind } of SITES) {
  test(`Firefox, ${fixture} (${kind}): a pitch shows the badge, its card names the rule, the popup's history gets it`, async () => {
    const page = await h.open(fixture);
    await h.typeInto(page, editor, PITCH);
    const s = await h.waitState(page, 'a pitch badge', (x) => x.ui && x.ui.badgeVisible && x.ui.level === 'pitch');
    assert.equal(s.siteId, site);
    assert.equal(s.mode, 'local', 'the WASM runs in the content script');
    assert.equal(s.ui.badgeText, 'pitch', 'the badge word comes from the catalogue');
    assert.equal(await h.editorText(page, editor), PITCH, 'the editor holds exactly what was typed');
    const r = s.ui.badgeRect;
    await h.clickAt(page, r.x + r.width / 2, r.y + r.height / 2); // also moves focus out: the verdict settles
    const open = await h.waitState(page, 'the card to open', (x) => x.ui && x.ui.cardOpen && x.ui.cardRules.length > 0);
    assert.ok(open.ui.cardRules.includes('offer.discount'), `card rules: ${open.ui.cardRules}`);
    assert.ok(open.ui.cardRules.includes('contact.dm'), `card rules: ${open.ui.cardRules}`);

    const popup = await h.openPopup(page);
    const recent = await h.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      const site = arguments[0];
      const look = () => {
        const item = document.querySelector('#recent > li[data-level="pitch"][data-site="' + site + '"]');
        const last = document.getElementById('last-verdict');
        if (item && last.dataset.level === 'pitch') {
          done({ rules: [...item.querySelectorAll('li[data-rule]')].map((li) => li.dataset.rule), level: item.querySelector('.level').textContent,
            words: item.querySelector('li[data-rule="offer.discount"]')?.textContent ?? '', text: item.textContent });
        } else setTimeout(look, 40);
      };
      look();`, site);
    assert.ok(recent.rules.includes('offer.discount'), `history rules: ${recent.rules}`);
    assert.equal(recent.level, 'pitch');
    assert.ok(recent.words.length > 8 && !recent.words.includes('offer.discount'), `rule in plain words: ${recent.words}`);
    assert.ok(!recent.text.includes('ladders'), 'history keeps no reply text');
    await h.closeTab(popup);
    await h.closeTab(page.handle);
  });

  test(`Firefox, ${fixture} (${kind}): a friendly reply shows no warning`, async () => {
    const page = await h.open(fixture);
    await h.typeInto(page, editor, FRIENDLY);
    const s = await h.waitState(page, 'the reply to be scored', (x) => x.verdict && x.scored);
    assert.equal(s.verdict.level, 'ok');
    assert.equal(s.ui.present, false, 'nothing of ours in the page for an ok reply');
    await h.driver.switchTo().window(page.handle);
    assert.equal(await h.driver.executeScript('return document.querySelectorAll("read-the-room-ui").length'), 0);
    assert.equal(await h.editorText(page, editor), FRIENDLY);
    await h.closeTab(page.handle);
  });
}

test('Firefox: nothing was requested from any host but the fixture server', () => {
  assert.ok(h.proxy.log.some((u) => u.includes('/fixtures/hackernews.html')), 'the proxy saw the fixture pages (it is in the path)');
  assert.deepEqual(h.foreignRequests(), []);
});
