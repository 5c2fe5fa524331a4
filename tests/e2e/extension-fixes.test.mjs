// One-click fixes in the card, in each kind of box. Hand-made boxes: a textarea, a
// contenteditable (Draft-like markup), a textarea inside a web component's shadow root and a
// rich editor inside a same-origin iframe. Real editors, built from their npm packages
// (www/fixtures/rich-editor.html?editor=<name>, see REAL_EDITORS in harness.mjs): Lexical,
// ProseMirror, TipTap, Quill, Slate and Draft.js, whose text is read from the editor's own
// state through its API (window.fixtureEditor.text()), never from the DOM.
// Fixes are not computed while typing: the card asks for them when it opens.
// In a hand-made box: type a pitch, check no fixes were computed, open the card, check the fix buttons and their previews,
// Tab to the first fix and press Enter; the box holds exactly the analyzer's fixed text, the
// badge follows the fix's `after` verdict, one Ctrl+Z brings the typed text back, nothing was
// written before the click, and the page saw no error.
// In a real editor: every offered fix (removals and an insertion), one after the other, by
// Tab + Enter from the card, each checked the same way in the editor's own state, and undone
// by the editor's own history; and typing several lines with the extension on leaves exactly
// what was typed in the editor's state, with nothing written while the badge and card show.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, personsPause, waitFor, REAL_EDITORS, REAL_EDITOR_BOX, realEditorPage, realEditorText } from './harness.mjs';

const PITCH = 'A fibreglass extension ladder with a stabiliser is best. DM me for the link!';
// Offers removals and a disclosure to insert.
const MANY = 'A fibreglass extension ladder is best for gutters. Check out https://shop.example.com/ladders for the best deals. DM me and I\'ll send you a quote.';

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

/** Errors the page throws, collected from now on. */
function pageErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Clicks the badge shown in `s` and waits for the card with fix buttons (the one of `fixId`, when given). */
async function openCard(page, s, fixId) {
  await page.mouse.click(s.ui.badgeRect.x + s.ui.badgeRect.width / 2, s.ui.badgeRect.y + s.ui.badgeRect.height / 2);
  return h.waitState(page, `the card with ${fixId ? `the ${fixId}` : 'fix'} button`, (x) => x.ui.cardOpen && x.ui.fixes.length > 0
    && x.ui.cardButtons.some((b) => b.action === 'fix' && (!fixId || b.fix === fixId)));
}

/** A verdict that is not `ok`, reached by typing: no fixes were computed for it yet. */
async function typedVerdict(page) {
  const s = await h.waitState(page, 'a verdict', (x) => x.scored && x.ui && x.ui.badgeVisible && x.verdict && x.verdict.level !== 'ok');
  assert.deepEqual(s.ui.fixes, [], 'the typing path computes no fixes');
  return s;
}

/** From the open card, Tab reaches the fix's button (scrolled into view). */
async function tabTo(page, fixId) {
  let focused = null;
  for (let i = 0; i < 30 && focused !== fixId; i++) {
    await page.keyboard.press('Tab');
    focused = (await h.state(page)).ui.focusedFix;
  }
  assert.equal(focused, fixId, `Tab reaches the ${fixId} button`);
}

/** Waits until `read()` gives `expected`; the error says what it gave instead. */
async function untilReads(what, read, expected) {
  let seen = null;
  await waitFor(what, async () => (seen = await read()) === expected)
    .catch((e) => { throw new Error(`${e.message}: expected ${JSON.stringify(expected)}, the box reads ${JSON.stringify(seen)}`); });
}

/** Enter on the focused fix button: the fixed text lands and the badge follows `fix.after`. */
async function applyFocused(page, read, fix, expected) {
  await page.keyboard.press('Enter');
  await untilReads(`${fix.id} in the box`, read, expected);
  const fixed = await h.waitState(page, 'the badge to follow the fix', (x) => x.scored && x.verdict && x.verdict.score === fix.after.score);
  assert.equal(fixed.verdict.level, fix.after.level);
  assert.match(fixed.ui.live, /Fix applied/);
  assert.equal(fixed.lastError ?? null, null);
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
    name: 'rich editor in an iframe', fixture: 'generic-iframe.html',
    focus: (page) => page.frameLocator('#reply-frame').locator('body').click(),
    read: (page) => page.frameLocator('#reply-frame').locator('body').evaluate((el) => el.innerText.replace(/\n+$/, '').replaceAll('\u00a0', ' ')),
  },
];

for (const box of BOXES) {
  test(`a fix applies in a ${box.name}, the badge follows, and Ctrl+Z restores the reply`, async () => {
    const page = await h.open(box.fixture);
    const errors = pageErrors(page);
    const read = () => box.read(page);
    try {
      await box.focus(page);
      const original = await read();
      await page.keyboard.type(PITCH, { delay: 2 });
      const typed = await read();
      assert.equal(typed, original + PITCH);
      const s = await typedVerdict(page);
      // Nothing is written while the verdict is shown.
      assert.equal(await read(), typed);

      const open = await openCard(page, s);
      for (const f of open.ui.fixes) assert.ok(f.after.score < s.verdict.score, `${f.id} lowers the score`);
      const fix = open.ui.fixes[0];
      const expected = applyEdits(typed, fix);
      assert.notEqual(expected, typed);
      const button = open.ui.cardButtons.find((b) => b.action === 'fix' && b.fix === fix.id);
      assert.match(button.label, /Apply fix: .+\. Leads to: (ok|caution|pitch) \(\d+\)/, 'the button says what it does and where it leads');
      const preview = open.ui.cardFixPreviews.find((p) => p.fix === fix.id);
      const removed = fix.edits.filter((e) => e.end > e.start).map((e) => typed.slice(e.start, e.end));
      assert.deepEqual(preview.removed, removed.map((r) => (r.length > 80 ? `${r.slice(0, 79)}…` : r)), 'struck-through words are the removed ones');
      assert.deepEqual(preview.inserted, fix.edits.filter((e) => e.text).map((e) => e.text), 'inserted words are the fix\'s');

      await tabTo(page, fix.id);
      assert.equal(await read(), typed, 'nothing is written before the person applies a fix');
      await applyFocused(page, read, fix, expected);

      await page.keyboard.press('Control+Z');
      await untilReads('Ctrl+Z to restore the typed reply', read, typed);
      await h.waitState(page, 'the badge to follow the undo', (x) => x.scored && x.verdict && x.verdict.score === s.verdict.score);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
}

for (const name of REAL_EDITORS) {
  test(`in a real ${name} editor, every offered fix applies from the card and is undone, in the editor's own state`, async () => {
    const page = await h.open(realEditorPage(name));
    const errors = pageErrors(page);
    const read = () => realEditorText(page);
    try {
      await page.locator(REAL_EDITOR_BOX).click();
      await page.keyboard.type(MANY, { delay: 2 });
      let lastEdit = Date.now();
      assert.equal(await read(), MANY);
      const s = await typedVerdict(page);
      // The card lists the fixes; Escape closes it again before each one is applied.
      const listed = await openCard(page, s);
      await page.keyboard.press('Escape');
      await h.waitState(page, 'the card to close', (x) => !x.ui.cardOpen);
      const ids = listed.ui.fixes.map((f) => f.id);
      assert.ok(ids.some((id) => id.startsWith('remove-')) && ids.some((id) => id === 'add-disclosure'), `removals and an insertion are offered: ${ids}`);
      for (const fix of listed.ui.fixes) {
        const now = await h.waitState(page, 'the badge for the typed reply', (x) => x.scored && x.ui.badgeVisible && x.verdict.score === s.verdict.score);
        await openCard(page, now, fix.id);
        await tabTo(page, fix.id);
        assert.equal(await read(), MANY, 'nothing is written before the person applies a fix');
        await personsPause(lastEdit);
        await applyFocused(page, read, fix, applyEdits(MANY, fix));
        lastEdit = Date.now();
        await page.locator(REAL_EDITOR_BOX).focus();
        await page.keyboard.press('Control+Z');
        await untilReads(`Ctrl+Z to undo ${fix.id} in ${name}'s state`, read, MANY);
      }
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  test(`in a real ${name} editor, what is typed in several lines is exactly what the editor holds, and nothing is written without a click`, async () => {
    const page = await h.open(realEditorPage(name));
    const errors = pageErrors(page);
    const read = () => realEditorText(page);
    const lines = ['Good question!', '', PITCH];
    try {
      await page.locator(REAL_EDITOR_BOX).click();
      for (const [i, line] of lines.entries()) {
        if (i > 0) await page.keyboard.press('Enter');
        await page.keyboard.type(line, { delay: 2 });
      }
      const typed = lines.join('\n');
      assert.equal(await read(), typed);
      const s = await typedVerdict(page);
      assert.equal(await read(), typed, 'the verdict wrote nothing');
      await openCard(page, s);
      assert.equal(await read(), typed, 'the open card wrote nothing');
      await page.keyboard.press('Escape');
      await h.waitState(page, 'Esc to close the card', (x) => x.ui && !x.ui.cardOpen);
      await page.locator('h1').click(); // focus leaves the box: the verdict settles
      await waitFor('the verdict to settle', () => h.lastVerdict(page));
      assert.equal(await read(), typed, 'the settled verdict wrote nothing');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
}
