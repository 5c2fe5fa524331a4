// The playground's one-click fixes: a button per fix of the report (its label, a preview of
// the words removed and inserted, the level it leads to), and applying one to the reply
// textarea the way the extension does (extension/src/content/apply-fix.js): the fix's edits
// become ONE replacement of the range covering them, made with execCommand('insertText') so
// the browser's own undo (Ctrl+Z) brings the original back; setRangeText + `input` only where
// that is refused. Builds DOM nodes with textContent only (never innerHTML); writes nothing
// unless a button is clicked.

import { coveringEdit, fixedText, fixPreview } from './pkg/fix-edits.mjs';

const LEVEL_NAMES = { ok: 'OK', caution: 'Caution', pitch: 'Pitch' };

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
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
    button.append(el('span', fix.label, { class: 'fix-label' }), fixPreview(text, fix, 'fix-preview'), el('span', leads, { class: 'fix-after', 'data-level': fix.after.level }));
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
