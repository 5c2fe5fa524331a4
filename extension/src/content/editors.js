// Finds the text box being typed in and reads its text. Knows textarea, text inputs and
// contenteditable roots (Draft.js, Lexical, ProseMirror, Quill), through open shadow roots.
// Never reads password, e-mail, payment or one-time-code fields, nor editors that opt out of
// writing assistants; never writes into any editor.

const TEXT_INPUT_TYPES = new Set(['text', 'search', '']);
const SENSITIVE = /\b(password|one-time-code|email|tel|card|cvc|cvv|iban|otp|payment|billing)\b|\bcc-/i;
const OPT_OUT = '[data-gramm="false"], [data-gramm_editor="false"], [data-enable-grammarly="false"]';
const BLOCK_TAGS = new Set(['DIV', 'P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'UL', 'OL', 'TR']);

/** The editable root of a contenteditable element (the outermost editable ancestor). */
function editableRoot(el) {
  let root = el;
  while (root.parentElement && root.parentElement.isContentEditable) root = root.parentElement;
  return root;
}

function candidate(el) {
  if (!(el instanceof HTMLElement)) return null;
  if (el instanceof HTMLTextAreaElement) return el;
  if (el instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(el.getAttribute('type') || '') ? el : null;
  if (el.isContentEditable) return editableRoot(el);
  return null;
}

/** Opt-out and sensitive-field checks: true when we must not read this box at all. */
export function isExcluded(el) {
  if (el.readOnly || el.disabled) return true;
  if (el.matches(OPT_OUT) || el.closest(OPT_OUT)) return true;
  const described = ['type', 'autocomplete', 'name', 'id', 'inputmode']
    .map((a) => el.getAttribute(a) || '').join(' ');
  return SENSITIVE.test(described);
}

/** The editor an event happened in (composedPath crosses open shadow roots), or null. */
export function editorFromEvent(event) {
  for (const node of event.composedPath()) {
    const el = candidate(node);
    if (el) return isExcluded(el) ? null : el;
    if (node === document.body) break;
  }
  return null;
}

function isBlock(node) {
  return node.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has(node.tagName);
}

/**
 * Reads a contenteditable as the analyzer sees it: text nodes in order, a newline between
 * blocks and for <br>. Returns the text and where each text node starts in it, so report
 * offsets (UTF-16, like JS strings) map back to DOM ranges for highlighting.
 */
export function readRich(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let text = '';
  const pieces = [];
  let lastBlock = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.tagName === 'BR') text += '\n';
      continue;
    }
    let block = node.parentElement;
    while (block && block !== root && !isBlock(block)) block = block.parentElement;
    if (lastBlock && block !== lastBlock && text && !text.endsWith('\n')) text += '\n';
    lastBlock = block;
    pieces.push({ node, start: text.length });
    text += node.data;
  }
  return { text: text.replace(/\n+$/, ''), pieces };
}

/** The reply text of an editor (value for fields, readRich for contenteditable). */
export function readEditor(el) {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el.value;
  return readRich(el).text;
}

/** DOM ranges for [start, end) UTF-16 offsets of a contenteditable's text (see readRich). */
export function rangesFor(root, spans) {
  const { pieces } = readRich(root);
  const ranges = [];
  for (const { start, end } of spans) {
    const range = document.createRange();
    let begun = false;
    for (const { node, start: at } of pieces) {
      const stop = at + node.data.length;
      if (!begun && start >= at && start <= stop) { range.setStart(node, start - at); begun = true; }
      if (begun && end >= at && end <= stop) { range.setEnd(node, end - at); ranges.push(range); break; }
    }
  }
  return ranges;
}
