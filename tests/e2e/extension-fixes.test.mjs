// One-click fixes in the card, in each kind of box: a textarea, a contenteditable (Draft-like
// markup), a real Lexical editor (its state read through its API), a textarea inside a web
// component's shadow root, and a rich editor inside a same-origin iframe. Each test types a pitch, opens the card, checks the fix buttons and
// their previews, Tabs to the first fix and presses Enter, then checks the box holds exactly the analyzer's fixed
// text, the badge follows the fix's `after` verdict, one Ctrl+Z brings the typed text back,
// nothing was written before the click, and the page saw no error.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, realEditorPage, waitFor } from './harness.mjs';

const PITCH = 'A fibreglass extension ladder with a stabiliser is best. DM me for the link!';

let h;
before(async () => { h = await launchWithExtension(); });
after(async () => { await h?.close(); });
beforeEach(async () => { await h.enableSites(['127.0.0.1']); });

/** The analyzer's fix applied to `text`, right to left, as docs/fixes.md says. */
function applyEdits(text, fix) {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

// Rich editors keep a trailing or doubled space as a no-break space: the same text to a reader.
const BOXES = [
  {
    name: 'textarea', fixture: 'generic.html',
    focus: (page) => page.locator('#reply-text').click(),
    read: (page) => page.locator('#reply-text').inputValue(),
  },
  {
    name: 'contenteditable (Draft-like)', fixture: 'x.html',
    focus: (page) => page.locator('[contenteditable="true"]').first().click(),
    read: (page) => page.locator('[contenteditable="true"]').first().evaluate((el) => el.innerText.replace(/\n+$/, '').replaceAll('\u00a0', ' ')),
  },
  {
    name: 'textarea in a shadow root', fixture: 'generic-shadow.html',
    focus: (page) => page.locator('#shadow-box textarea').click(),
    read: (page) => page.locator('#shadow-box').evaluate((el) => el.shadowRoot.querySelector('textarea').value),
  },
  {
    // A real editor (npm lexical, bundled by scripts/build-fixtures.mjs): the text is read
    // from Lexical's own EditorState through its API, not from the DOM.
    name: 'real Lexical editor', fixture: realEditorPage('lexical'),
    focus: (page) => page.locator('#reply-box [data-lexical-editor]').click(),
    read: (page) => page.evaluate(() => window.fixtureEditor.text().replaceAll('\u00a0', ' ')),
  },
  {
    name: 'rich editor in an iframe', fixture: 'generic-iframe.html',
    focus: (page) => page.frameLocator('#reply-frame').locator('body').click(),
    read: (page) => page.frameLocator('#reply-frame').locator('body').evaluate((el) => el.innerText.replace(/\n+$/, '').replaceAll('\u00a0', ' ')),
  },
];

for (const box of BOXES) {
  test(`a fix applies in a ${box.name}, the badge follows, and Ctrl+Z restores the reply`, async () => {
    const page = await h.open(box.fixture);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await box.focus(page);
      const original = await box.read(page);
      await page.keyboard.type(PITCH, { delay: 2 });
      const typed = await box.read(page);
      assert.equal(typed, original + PITCH);
      const s = await h.waitState(page, 'a verdict with fixes', (x) => x.scored && x.ui && x.ui.badgeVisible && x.ui.fixes.length > 0);
      assert.notEqual(s.verdict.level, 'ok');
      for (const fix of s.ui.fixes) assert.ok(fix.after.score < s.verdict.score, `${fix.id} lowers the score`);
      // Nothing is written while the verdict is shown.
      assert.equal(await box.read(page), typed);

      await page.mouse.click(s.ui.badgeRect.x + s.ui.badgeRect.width / 2, s.ui.badgeRect.y + s.ui.badgeRect.height / 2);
      const open = await h.waitState(page, 'the card with fix buttons', (x) => x.ui.cardOpen && x.ui.cardButtons.some((b) => b.action === 'fix'));
      const fix = s.ui.fixes[0];
      const expected = applyEdits(typed, fix);
      assert.notEqual(expected, typed);
      const button = open.ui.cardButtons.find((b) => b.action === 'fix' && b.fix === fix.id);
      assert.ok(button, `a button for ${fix.id}`);
      assert.match(button.label, /Apply fix: .+\. Leads to: (ok|caution|pitch) \(\d+\)/, 'the button says what it does and where it leads');
      const preview = open.ui.cardFixPreviews.find((p) => p.fix === fix.id);
      const removed = fix.edits.filter((e) => e.end > e.start).map((e) => typed.slice(e.start, e.end));
      assert.deepEqual(preview.removed, removed.map((r) => (r.length > 80 ? `${r.slice(0, 79)}…` : r)), 'struck-through words are the removed ones');
      assert.deepEqual(preview.inserted, fix.edits.filter((e) => e.text).map((e) => e.text), 'inserted words are the fix\'s');

      // Keyboard: from the open card, Tab reaches the fix buttons (scrolled into view) and Enter applies one.
      let focused = null;
      for (let i = 0; i < 20 && focused !== fix.id; i++) {
        await page.keyboard.press('Tab');
        focused = (await h.state(page)).ui.focusedFix;
      }
      assert.equal(focused, fix.id, `Tab reaches the ${fix.id} button`);
      assert.equal(await box.read(page), typed, 'nothing is written before the person applies a fix');
      await page.keyboard.press('Enter');
      let seen = null;
      await waitFor('the fixed text in the box', async () => (seen = await box.read(page)) === expected)
        .catch((e) => { throw new Error(`${e.message}: expected ${JSON.stringify(expected)}, the box reads ${JSON.stringify(seen)} (${JSON.stringify(fix)})`); });
      const fixed = await h.waitState(page, 'the badge to follow the fix', (x) => x.scored && x.verdict && x.verdict.score === fix.after.score);
      assert.equal(fixed.verdict.level, fix.after.level);
      assert.match(fixed.ui.live, /Fix applied/);

      await page.keyboard.press('Control+Z');
      await waitFor('Ctrl+Z to restore the typed reply', async () => (await box.read(page)) === typed);
      await h.waitState(page, 'the badge to follow the undo', (x) => x.scored && x.verdict && x.verdict.score === s.verdict.score);
      assert.deepEqual(errors, []);
      assert.equal(fixed.lastError ?? null, null);
    } finally {
      await page.close();
    }
  });
}

// Every kind of fix the card offers for a pitch (removals and an insertion), one after the
// other in the real Lexical editor: each applied gives exactly the analyzer's text in
// Lexical's own state, and Ctrl+Z (Lexical's history) brings the typed reply back.
test('in a real Lexical editor, every offered fix applies and is undone in the editor\'s own state', async () => {
  const page = await h.open(realEditorPage('lexical'));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const read = () => page.evaluate(() => window.fixtureEditor.text().replaceAll('\u00a0', ' '));
  try {
    await page.locator('#reply-box [data-lexical-editor]').click();
    const reply = 'A fibreglass extension ladder is best for gutters. Check out https://shop.example.com/ladders for the best deals. DM me and I\'ll send you a quote.';
    await page.keyboard.type(reply, { delay: 2 });
    assert.equal(await read(), reply);
    const s = await h.waitState(page, 'a verdict with fixes', (x) => x.scored && x.ui && x.ui.badgeVisible && x.ui.fixes.length > 1);
    const ids = s.ui.fixes.map((f) => f.id);
    assert.ok(ids.some((id) => id.startsWith('remove-')) && ids.length >= 2, `removals and more are offered: ${ids}`);
    for (const fix of s.ui.fixes) {
      const now = await h.waitState(page, 'the badge', (x) => x.scored && x.ui.badgeVisible && x.verdict.score === s.verdict.score).catch(async (e) => { throw new Error(e.message + JSON.stringify(await h.state(page))); });
      await page.mouse.click(now.ui.badgeRect.x + now.ui.badgeRect.width / 2, now.ui.badgeRect.y + now.ui.badgeRect.height / 2);
      await h.waitState(page, 'the card with fix buttons', (x) => x.ui.cardOpen && x.ui.cardButtons.some((b) => b.action === 'fix' && b.fix === fix.id));
      let focused = null;
      for (let i = 0; i < 30 && focused !== fix.id; i++) {
        await page.keyboard.press('Tab');
        focused = (await h.state(page)).ui.focusedFix;
      }
      assert.equal(focused, fix.id, `Tab reaches the ${fix.id} button`);
      await page.keyboard.press('Enter');
      const expected = applyEdits(reply, fix);
      let seen = null;
      await waitFor(`${fix.id} in Lexical's state`, async () => (seen = await read()) === expected)
        .catch((e) => { throw new Error(`${e.message}: expected ${JSON.stringify(expected)}, Lexical holds ${JSON.stringify(seen)}`); });
      await h.waitState(page, 'the badge to follow the fix', (x) => x.scored && x.verdict && x.verdict.score === fix.after.score);
      await page.locator('#reply-box [data-lexical-editor]').focus();
      await page.keyboard.press('Control+Z');
      await waitFor(`Ctrl+Z to undo ${fix.id} in Lexical's state`, async () => (seen = await read()) === reply)
        .catch((e) => { throw new Error(`${e.message}: Lexical holds ${JSON.stringify(seen)}`); });
    }
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
