// Applies one fix of a report to the box it was scored for, only when the person clicks it.
// The fix's edits (UTF-16 offsets, non-overlapping) become ONE replacement of the range that
// covers them, made through the editor's own input path, so the page's model stays consistent
// and a single undo (Ctrl+Z) brings the original back:
//   textarea / input  -> select the range, execCommand('insertText') (native undo stack);
//                        where that is refused, setRangeText + an `input` event.
//   contenteditable   -> select the DOM range, execCommand('insertText'), which fires the
//                        `beforeinput`/`input` pair rich editors (Lexical, ProseMirror, Quill,
//                        Slate, Draft) listen to; where refused, a cancelable `beforeinput`
//                        and, if the editor did not handle it, a plain DOM edit + `input`.
// Never writes anything but the fix, never touches the box when its text changed since the
// report (stale offsets), and never throws into the page: it answers {ok, reason}.
import { coveringEdit, fixedText } from '../../../js/fix-edits.mjs';
import { readEditor, readRich } from './editors.js';

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

function applyToRich(root, { start, end, text }) {
  const doc = root.ownerDocument;
  const range = domRange(root, start, end);
  if (!range) return false;
  root.focus({ preventScroll: true });
  const selection = doc.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  const before = readRich(root).text;
  if (insertText(doc, text) && readRich(root).text !== before) return true;
  // The editor refused execCommand: offer it the edit as a beforeinput, as a keyboard would.
  const event = new InputEvent('beforeinput', { bubbles: true, cancelable: true, inputType: 'insertReplacementText', data: text });
  if (!root.dispatchEvent(event)) return true; // the editor handled it in its own model
  range.deleteContents();
  if (text) range.insertNode(doc.createTextNode(text));
  root.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
  return true;
}

/**
 * Applies `fix` to `editor` if its text is still `scoredText`. Answers {ok, reason?}; ok means
 * the box now reads exactly the fixed text.
 */
export function applyFix(editor, fix, scoredText) {
  try {
    const text = readEditor(editor);
    if (text !== scoredText) return { ok: false, reason: 'the reply changed since it was scored' };
    if (!validFix(text, fix)) return { ok: false, reason: 'the fix does not fit this reply' };
    const edit = coveringEdit(text, fix);
    if (isField(editor)) applyToField(editor, edit);
    else if (!applyToRich(editor, edit)) return { ok: false, reason: 'could not find the words in the editor' };
    // A contenteditable keeps a trailing or doubled space as a no-break space.
    const plain = (s) => s.replaceAll('\u00a0', ' ');
    const expected = plain(fixedText(text, fix));
    const now = plain(readEditor(editor));
    return now === expected ? { ok: true } : { ok: false, reason: 'the editor did not take the whole edit' };
  } catch (error) {
    return { ok: false, reason: error.message };
  }
}
