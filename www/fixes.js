// The playground's one-click fixes: a button per fix of the report (its label, a preview of
// the words removed and inserted, the level it leads to), and applying one to the reply
// textarea the way the extension does (extension/src/content/apply-fix.js): the fix's edits
// become ONE replacement of the range covering them, made with execCommand('insertText') so
// the browser's own undo (Ctrl+Z) brings the original back; setRangeText + `input` only where
// that is refused. Builds DOM nodes with textContent only (never innerHTML); writes nothing
// unless a button is clicked.

const LEVEL_NAMES = { ok: 'OK', caution: 'Caution', pitch: 'Pitch' };
const CONTEXT = 24;
const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** The text with the fix applied (edits right to left, as the analyzer does). */
export function fixedText(text, fix) {
  let out = text;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

/** The one replacement covering all edits: {start, end, text} in the original's offsets. */
export function coveringEdit(text, fix) {
  const start = Math.min(...fix.edits.map((e) => e.start));
  const end = Math.max(...fix.edits.map((e) => e.end));
  const fixed = fixedText(text, fix);
  return { start, end, text: fixed.slice(start, fixed.length - (text.length - end)) };
}

/** Around each edit, a little context, the removed words in <del>, the inserted in <ins>. */
function preview(text, fix) {
  const box = el('span', undefined, { class: 'fix-preview' });
  const edits = [...fix.edits].sort((a, b) => a.start - b.start);
  edits.forEach((edit, i) => {
    if (i) box.append(' … ');
    const from = Math.max(0, edit.start - CONTEXT);
    if (from > 0) box.append('…');
    box.append(text.slice(from, edit.start));
    if (edit.end > edit.start) box.append(el('del', clip(text.slice(edit.start, edit.end), 80)));
    if (edit.text) box.append(el('ins', clip(edit.text, 80)));
    const to = Math.min(text.length, edit.end + CONTEXT);
    box.append(text.slice(edit.end, to));
    if (to < text.length && i === edits.length - 1) box.append('…');
  });
  return box;
}

/** Fills `list` with one button per fix of `report` (made for `text`); `onFix(fix)` on click. */
export function renderFixes(list, text, report, onFix) {
  const fixes = report.fixes ?? [];
  if (!fixes.length) {
    list.replaceChildren(el('li', report.level === 'ok' ? 'Nothing to fix.' : 'No one-click fix lowers the score here.', { class: 'hint' }));
    return;
  }
  list.replaceChildren(...fixes.map((fix) => {
    const leads = `→ ${LEVEL_NAMES[fix.after.level] ?? fix.after.level} (${fix.after.score})`;
    const button = el('button', undefined, { type: 'button', class: 'fix quiet', 'data-fix': fix.id, 'data-after': fix.after.level, 'aria-label': `${fix.label}, leads to ${leads.slice(2)}` });
    button.append(el('span', fix.label, { class: 'fix-label' }), preview(text, fix), el('span', leads, { class: 'fix-after', 'data-level': fix.after.level }));
    button.addEventListener('click', () => onFix(fix));
    const item = el('li');
    item.append(button);
    return item;
  }));
}

/**
 * Applies `fix` to `textarea` if it still holds `scoredText`, through the browser's editing
 * path (undoable). Answers true when the textarea then reads exactly the fixed text.
 */
export function applyFix(textarea, fix, scoredText) {
  const text = textarea.value;
  if (text !== scoredText || !fix.edits?.length) return false;
  const { start, end, text: insert } = coveringEdit(text, fix);
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(start, end);
  let done = false;
  try {
    done = insert === '' ? document.execCommand('delete', false) : document.execCommand('insertText', false, insert);
  } catch {
    done = false;
  }
  if (!done || textarea.value === text) {
    textarea.setRangeText(insert, start, end, 'end');
    textarea.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: insert }));
  }
  return textarea.value === fixedText(text, fix);
}
