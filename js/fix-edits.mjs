// One-click fixes, shared by the extension's card (extension/src/content/) and the playground
// (www/, served from www/pkg/ where scripts/build-wasm.sh copies this file): the text a fix
// gives, the one replacement that covers its edits (so a single undo restores the reply), and
// its preview. DOM nodes and textContent only, never innerHTML.

const CONTEXT = 24;
const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

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

/** The preview of one fix, a <span class=`className`>: around each edit a little context, the
 * removed words struck through (<del>) and the inserted ones (<ins>). */
export function fixPreview(text, fix, className) {
  const node = (tag, content) => {
    const n = document.createElement(tag);
    n.textContent = content;
    return n;
  };
  const preview = document.createElement('span');
  preview.className = className;
  const edits = [...fix.edits].sort((a, b) => a.start - b.start);
  edits.forEach((edit, i) => {
    if (i) preview.append(' … ');
    const from = Math.max(0, edit.start - CONTEXT);
    if (from > 0) preview.append('…');
    preview.append(text.slice(from, edit.start));
    if (edit.end > edit.start) preview.append(node('del', clip(text.slice(edit.start, edit.end), 80)));
    if (edit.text) preview.append(node('ins', clip(edit.text, 80)));
    const to = Math.min(text.length, edit.end + CONTEXT);
    preview.append(text.slice(edit.end, to));
    if (to < text.length && i === edits.length - 1) preview.append('…');
  });
  return preview;
}
