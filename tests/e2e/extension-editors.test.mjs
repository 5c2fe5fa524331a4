// Editor discovery and reading (extension/src/content/editors.js) in a real page: which boxes
// are never read, how rich editors' blocks become the reply text (hand-made markup, and the
// real Lexical, ProseMirror, TipTap, Quill, Slate and Draft.js editors of
// www/fixtures/rich-editor.html, checked against each editor's own text), and that report
// offsets (UTF-16) map back to exactly the right words in the DOM for highlighting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchPlain, serveWww, sourceBundle, REAL_EDITORS, REAL_EDITOR_BOX, realEditorPage } from './harness.mjs';

let browser;
let server;
let bundle;
let page;

before(async () => {
  [browser, server, bundle] = await Promise.all([launchPlain(), serveWww(), sourceBundle('extension/src/content/editors.js', 'RTREditors')]);
  page = await browser.newPage();
  await page.goto(`${server.url}fixtures/generic.html`);
  await page.addScriptTag({ content: bundle });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('sensitive fields and opted-out editors are excluded; ordinary boxes are not', async () => {
  const verdicts = await page.evaluate(() => {
    const make = (html) => {
      const holder = document.createElement('div');
      holder.innerHTML = html; // test-only markup built by the test itself
      document.body.append(holder);
      const el = holder.querySelector('[data-box]');
      const editor = RTREditors.editorFromElement(el);
      holder.remove();
      return editor !== null;
    };
    return {
      textarea: make('<textarea data-box></textarea>'),
      text: make('<input data-box type="text">'),
      search: make('<input data-box type="search">'),
      contenteditable: make('<div contenteditable="true" data-box><p>x</p></div>'),
      nestedInEditable: make('<div contenteditable="true"><p><span data-box>x</span></p></div>'),
      password: make('<input data-box type="password">'),
      email: make('<input data-box type="email">'),
      emailByName: make('<input data-box type="text" name="email">'),
      oneTimeCode: make('<input data-box type="text" autocomplete="one-time-code">'),
      cardNumber: make('<input data-box type="text" autocomplete="cc-number">'),
      checkbox: make('<input data-box type="checkbox">'),
      readOnly: make('<textarea data-box readonly></textarea>'),
      grammOff: make('<textarea data-box data-gramm="false"></textarea>'),
      grammEditorOff: make('<div data-gramm_editor="false"><div contenteditable="true" data-box>x</div></div>'),
      grammarlyOff: make('<div contenteditable="true" data-enable-grammarly="false" data-box>x</div>'),
    };
  });
  assert.deepEqual(verdicts, {
    textarea: true, text: true, search: true, contenteditable: true, nestedInEditable: true,
    password: false, email: false, emailByName: false, oneTimeCode: false, cardNumber: false,
    checkbox: false, readOnly: false, grammOff: false, grammEditorOff: false, grammarlyOff: false,
  });
});

test('rich editors: blocks become lines, and offsets map back to the exact words', async () => {
  const result = await page.evaluate(() => {
    const root = document.createElement('div');
    root.contentEditable = 'true';
    // Draft.js-like blocks, a <br> line break, emoji (two UTF-16 units) before the target.
    const blocks = [['Great question 😀 honestly.'], ['Our ladders are ', '20% off', ' this week.'], ['DM me']];
    for (const spans of blocks) {
      const block = document.createElement('div');
      block.setAttribute('data-block', 'true');
      const inner = document.createElement('div');
      for (const s of spans) { const span = document.createElement('span'); span.textContent = s; inner.append(span); }
      block.append(inner);
      root.append(block);
    }
    root.lastChild.firstChild.append(document.createElement('br'), document.createTextNode('for the link'));
    document.body.append(root);
    const { text } = RTREditors.readRich(root);
    const spans = ['20% off', 'this week', 'DM me', 'link'].map((w) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length }));
    const ranges = RTREditors.rangesFor(root, spans).map((r) => r.toString());
    root.remove();
    return { text, ranges };
  });
  assert.equal(result.text, 'Great question 😀 honestly.\nOur ladders are 20% off this week.\nDM me\nfor the link');
  assert.deepEqual(result.ranges, ['20% off', 'this week', 'DM me', 'link']);
});

// Lines typed with Enter, an empty one among them (each editor marks it with its own
// placeholder: <br>, a trailing break, a zero-width character), and emoji before the words.
const LINES = ['Great question 😀 honestly.', '', 'Our ladders are 20% off this week.', 'DM me for the link'];
for (const name of REAL_EDITORS) {
  test(`a real ${name} editor: its blocks become lines, as in its own text, and offsets map back to the words`, async () => {
    const editorPage = await browser.newPage();
    try {
      await editorPage.goto(`${server.url}fixtures/${realEditorPage(name)}`);
      await editorPage.addScriptTag({ content: bundle });
      await editorPage.locator(REAL_EDITOR_BOX).click();
      for (const [i, line] of LINES.entries()) {
        if (i > 0) await editorPage.keyboard.press('Enter');
        await editorPage.keyboard.type(line);
      }
      const result = await editorPage.evaluate((box) => {
        const root = RTREditors.editorFromElement(document.querySelector(box));
        const { text } = RTREditors.readRich(root);
        const spans = ['20% off', 'this week', 'DM me', 'link'].map((w) => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length }));
        return { own: window.fixtureEditor.text(), text, read: RTREditors.readEditor(root), ranges: RTREditors.rangesFor(root, spans).map((r) => r.toString()) };
      }, REAL_EDITOR_BOX);
      assert.equal(result.own, LINES.join('\n'), `${name} holds what was typed`);
      assert.equal(result.text, result.own, 'read as the editor reads itself');
      assert.equal(result.read, result.own);
      assert.deepEqual(result.ranges, ['20% off', 'this week', 'DM me', 'link']);
    } finally {
      await editorPage.close();
    }
  });
}

test('readEditor gives a field its exact value, multi-line and untrimmed', async () => {
  const value = await page.evaluate(() => {
    const box = document.createElement('textarea');
    box.value = '  first line\nsecond 20% off  ';
    document.body.append(box);
    const read = RTREditors.readEditor(box);
    box.remove();
    return read;
  });
  assert.equal(value, '  first line\nsecond 20% off  ');
});
