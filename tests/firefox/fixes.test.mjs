// One-click fixes in real Firefox (headless Firefox ESR, the test build as a temporary add-on),
// in each real editor of www/fixtures/rich-editor.html (Lexical, ProseMirror, TipTap, Quill,
// Slate, Draft.js; see REAL_EDITORS): a pitch typed key by key, the card opened, its first fix reached by Tab and applied by Enter,
// and then the editor's own state (window.fixtureEditor.text()) holds exactly the analyzer's
// fixed text, the badge follows the fix's `after` verdict, and Ctrl+Z, the editor's own
// undo, brings the typed reply back. Firefox's editing events differ from Chromium's
// (selectionchange, beforeinput, execCommand), and the add-on's input path must hold in both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'selenium-webdriver';
import { launchFirefox, waitFor } from './harness.mjs';
import { enableSitesInStorage, personsPause, REAL_EDITORS, REAL_EDITOR_BOX, realEditorPage } from '../e2e/harness.mjs';

const PITCH = 'A fibreglass extension ladder with a stabiliser is best. DM me for the link!';

let h;
before(async () => {
  h = await launchFirefox();
  await h.install();
  await h.inExtension(enableSitesInStorage, ['127.0.0.1']);
});
after(async () => { await h?.close(); });

const ownText = () => h.driver.executeScript('return window.fixtureEditor.text().replaceAll("\\u00a0", " ")');
const applyEdits = (text, fix) => [...fix.edits].sort((a, b) => b.start - a.start).reduce((out, e) => out.slice(0, e.start) + e.text + out.slice(e.end), text);

for (const name of REAL_EDITORS) {
  test(`Firefox, a real ${name} editor: a fix applied from the card lands in the editor's own state, and its undo restores the reply`, async () => {
    const page = await h.open(realEditorPage(name));
    await h.typeInto(page, REAL_EDITOR_BOX, PITCH);
    const typedAt = Date.now();
    assert.equal(await ownText(), PITCH);
    const s = await h.waitState(page, 'a verdict', (x) => x.scored && x.ui && x.ui.badgeVisible && x.verdict && x.verdict.level !== 'ok');
    assert.deepEqual(s.ui.fixes, [], 'the typing path computes no fixes');
    const r = s.ui.badgeRect;
    await h.clickAt(page, r.x + r.width / 2, r.y + r.height / 2);
    // The card asks for the fixes when it opens.
    const open = await h.waitState(page, 'the card with fix buttons', (x) => x.ui.cardOpen && x.ui.fixes.length > 0 && x.ui.cardButtons.some((b) => b.action === 'fix'));
    const fix = open.ui.fixes[0];
    // Tab to the fix (it is scrolled into view on focus) and press Enter.
    let focused = null;
    for (let i = 0; i < 20 && focused !== fix.id; i++) {
      await h.driver.actions().sendKeys(Key.TAB).perform();
      focused = (await h.state(page)).ui.focusedFix;
    }
    assert.equal(focused, fix.id, `Tab reaches the ${fix.id} button`);
    assert.equal(await ownText(), PITCH, 'nothing is written before the person applies a fix');
    await personsPause(typedAt);
    await h.driver.actions().sendKeys(Key.ENTER).perform();
    const expected = applyEdits(PITCH, fix);
    let seen = null;
    await waitFor(`${fix.id} in ${name}'s state`, async () => (seen = await ownText()) === expected)
      .catch((e) => { throw new Error(`${e.message}: expected ${JSON.stringify(expected)}, ${name} holds ${JSON.stringify(seen)}`); });
    const fixed = await h.waitState(page, 'the badge to follow the fix', (x) => x.scored && x.verdict && x.verdict.score === fix.after.score);
    assert.equal(fixed.lastError ?? null, null);
    await h.driver.actions().keyDown(Key.CONTROL).sendKeys('z').keyUp(Key.CONTROL).perform();
    await waitFor(`Ctrl+Z to restore the reply in ${name}'s state`, async () => (seen = await ownText()) === PITCH)
      .catch((e) => { throw new Error(`${e.message}: ${name} holds ${JSON.stringify(seen)}`); });
    await h.closeTab(page.handle);
  });
}

test('Firefox, real editors: nothing was requested from any host but the fixture server', () => {
  assert.ok(h.proxy.log.some((u) => u.includes('/fixtures/editors/')), 'the proxy saw the editors\' bundles (it is in the path)');
  assert.deepEqual(h.foreignRequests(), []);
});
