// Applies one fix of a report to the box it was scored for, only when the person clicks it.
// The fix's edits (UTF-16 offsets, non-overlapping) become ONE replacement of the range that
// covers them, made through the editor's own input path, so the page's model stays consistent
// and a single undo (Ctrl+Z) brings the original back:
//   textarea / input  -> select the range, execCommand('insertText') (native undo stack);
//                        where that is refused, setRangeText + an `input` event.
//   contenteditable   -> select the DOM range and let the selection settle (the editor hears
//                        `selectionchange`), then offer the edit as a keyboard would: a
//                        cancelable `beforeinput` (`insertText` with the words, or
//                        `deleteContentBackward` over the selection). Editors that edit their
//                        model from beforeinput (Slate, Lexical) cancel it and do the edit
//                        themselves; a browser's execCommand fires no beforeinput, so they
//                        would miss it. Where nobody cancels (plain contenteditable,
//                        ProseMirror/TipTap, Quill, Draft.js read the DOM change and its
//                        `input` event), execCommand('insertText') makes the browser's own
//                        edit; where refused, a plain DOM edit + `input`.
// The box must then read exactly the fixed text (an editor may render its model a frame
// later, so this waits for its DOM, with a deadline); otherwise the answer is a failure.
// Never writes anything but the fix, never touches the box when its text changed since the
// report (stale offsets), never uses innerHTML, and never throws into the page: it answers
// a promise of {ok, reason}.
import { coveringEdit, fixedText } from '../../../js/fix-edits.mjs';
import { readEditor, readRich } from './editors.js';

/** How long an editor may take to render the edit it took into its model. */
const RENDER_DEADLINE_MS = 1000;

function validFix(text, fix) {
  if (!fix || !Array.isArray(fix.edits) || fix.edits.length === 0) return false;
  let last = 0;
  for (const e of [...fix.edits].sort((a, b) => a.start - b.start)) {
    if (!(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= last && e.end >= e.start && e.end <= text.length)) return false;
    if (typeof e.text !== 'string') return false;
    last = e.end;
  }
  return true;
}

const isField = (el) => el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
// A contenteditable keeps a trailing or doubled space as a no-break space.
const plain = (s) => s.replaceAll('\u00a0', ' ');

function insertText(doc, text) {
  try {
    return text === '' ? doc.execCommand('delete', false) : doc.execCommand('insertText', false, text);
  } catch {
    return false;
  }
}

function applyToField(el, { start, end, text }) {
  const doc = el.ownerDocument;
  el.focus({ preventScroll: true });
  el.setSelectionRange(start, end);
  const before = el.value;
  if (insertText(doc, text) && el.value !== before) return;
  if (el.value !== before) return;
  el.setRangeText(text, start, end, 'end');
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
}

/** A DOM range for UTF-16 offsets [start, end) of readRich(root).text, or null. */
function domRange(root, start, end) {
  const { pieces } = readRich(root);
  const range = root.ownerDocument.createRange();
  let begun = false;
  for (const { node, start: at } of pieces) {
    const stop = at + node.data.length;
    if (!begun && start <= stop) { range.setStart(node, Math.max(0, start - at)); begun = true; }
    if (begun && end <= stop) { range.setEnd(node, Math.max(0, end - at)); return range; }
  }
  if (!begun && pieces.length === 0) { range.selectNodeContents(root); range.collapse(true); return range; }
  return begun ? (range.setEnd(pieces.at(-1).node, pieces.at(-1).node.data.length), range) : null;
}

/** Resolves on the document's next `selectionchange` (editors read the selection from it), or after a frame's worth of time when none comes (the selection was already there). */
function selectionSettled(doc) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    doc.addEventListener('selectionchange', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/** Resolves true once the box reads `expected`, false if it does not by the deadline. */
function reads(editor, expected) {
  const matches = () => plain(readEditor(editor)) === expected;
  if (matches()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok) => { observer.disconnect(); clearTimeout(timer); resolve(ok); };
    const observer = new MutationObserver(() => { if (matches()) done(true); });
    const timer = setTimeout(() => done(matches()), RENDER_DEADLINE_MS);
    observer.observe(editor, { childList: true, subtree: true, characterData: true });
  });
}

async function applyToRich(root, { start, end, text }, scoredText) {
  const doc = root.ownerDocument;
  const range = domRange(root, start, end);
  if (!range) return false;
  root.focus({ preventScroll: true });
  const selection = doc.getSelection();
  const settled = selectionSettled(doc);
  selection.removeAllRanges();
  selection.addRange(range);
  await settled;
  const before = readRich(root).text;
  if (before !== scoredText) throw new Error('the reply changed since it was scored');
  const inputType = text === '' ? 'deleteContentBackward' : 'insertText';
  const event = new InputEvent('beforeinput', { bubbles: true, cancelable: true, composed: true, inputType, data: text === '' ? null : text });
  if (!root.dispatchEvent(event)) return true; // the editor made the edit in its own model
  if (insertText(doc, text) && readRich(root).text !== before) return true;
  range.deleteContents();
  if (text) range.insertNode(doc.createTextNode(text));
  root.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
  return true;
}

/**
 * Applies `fix` to `editor` if its text is still `scoredText`. Resolves to {ok, reason?}; ok
 * means the box now reads exactly the fixed text.
 */
export async function applyFix(editor, fix, scoredText) {
  try {
    const text = readEditor(editor);
    if (text !== scoredText) return { ok: false, reason: 'the reply changed since it was scored' };
    if (!validFix(text, fix)) return { ok: false, reason: 'the fix does not fit this reply' };
    const edit = coveringEdit(text, fix);
    if (isField(editor)) applyToField(editor, edit);
    else if (!(await applyToRich(editor, edit, text))) return { ok: false, reason: 'could not find the words in the editor' };
    return (await reads(editor, plain(fixedText(text, fix)))) ? { ok: true } : { ok: false, reason: 'the editor did not take the whole edit' };
  } catch (error) {
    return { ok: false, reason: error.message };
  }
}
