// Finds the text box being typed in and reads its text. Knows textarea, text inputs and
// contenteditable roots (Draft.js, Lexical, ProseMirror/TipTap, Quill, Slate), through open shadow roots and
// same-origin iframes.
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

// Tag names, not instanceof: a box in a same-origin iframe comes from another window's classes.
function candidate(el) {
  if (!el || el.nodeType !== Node.ELEMENT_NODE) return null;
  if (el.tagName === 'TEXTAREA') return el;
  if (el.tagName === 'INPUT') return TEXT_INPUT_TYPES.has((el.getAttribute('type') || '').toLowerCase()) ? el : null;
  if (el.isContentEditable) return editableRoot(el);
  return null;
}

const isField = (el) => el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';

/** Opt-out and sensitive-field checks: true when we must not read this box at all. */
export function isExcluded(el) {
  if (el.readOnly || el.disabled) return true;
  if (el.matches(OPT_OUT) || el.closest(OPT_OUT)) return true;
  const described = ['type', 'autocomplete', 'name', 'id', 'inputmode']
    .map((a) => el.getAttribute(a) || '').join(' ');
  return SENSITIVE.test(described);
}

function editorFromPath(nodes) {
  for (const node of nodes) {
    const el = candidate(node);
    if (el) return isExcluded(el) ? null : el;
    if (node.tagName === 'BODY') break;
  }
  return null;
}

/** The editor an event happened in (composedPath crosses open shadow roots), or null. */
export function editorFromEvent(event) {
  return editorFromPath(event.composedPath());
}

/** The focused element, looking into open shadow roots and same-origin iframes. */
export function deepActiveElement(doc = document) {
  let el = doc.activeElement;
  for (;;) {
    if (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    else if (el && el.tagName === 'IFRAME' && sameOriginDocument(el)) el = sameOriginDocument(el).activeElement;
    else return el;
  }
}

/** An iframe's document when the page may read it (same origin), else null. */
export function sameOriginDocument(frame) {
  try {
    return frame.contentDocument || null;
  } catch {
    return null;
  }
}

/** The editor containing a focused element (e.g. from deepActiveElement), or null. */
export function editorFromElement(el) {
  const path = [];
  for (let node = el; node; ) {
    path.push(node);
    const root = node.parentNode;
    node = root && root.host ? root.host : node.parentElement;
  }
  return editorFromPath(path);
}

function isBlock(node) {
  return node.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has(node.tagName);
}

// A text node holding only U+FEFF is a caret placeholder (Slate's empty line), not text.
const PLACEHOLDER = /^\uFEFF+$/;

/**
 * Reads a contenteditable as the analyzer sees it, as the editors themselves read their
 * content: text nodes in order, a newline between blocks (an empty block, `<p><br></p>`, is an
 * empty line) and for each <br> that has something after it in its block (a <br> that ends its
 * block only holds the line open). Returns the text and where each text node starts in it, so
 * report offsets (UTF-16, like JS strings) map back to DOM ranges for highlighting.
 */
export function readRich(root) {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let text = '';
  const pieces = [];
  let lastBlock = null;
  let openBreak = false; // a <br> seen in lastBlock, nothing after it yet
  const blockOf = (node) => {
    let block = node.parentElement;
    while (block && block !== root && !isBlock(block)) block = block.parentElement;
    return block;
  };
  // Something in `block`: a new line if the block changed, or for a <br> before it.
  const enter = (block) => {
    if (lastBlock && (block !== lastBlock || openBreak)) text += '\n';
    lastBlock = block;
    openBreak = false;
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (node.tagName === 'BR') { enter(blockOf(node)); openBreak = true; }
      continue;
    }
    if (node.data === '') continue;
    enter(blockOf(node));
    if (PLACEHOLDER.test(node.data)) continue;
    pieces.push({ node, start: text.length });
    text += node.data;
  }
  return { text: text.replace(/\n+$/, ''), pieces };
}

/** The reply text of an editor (value for fields, readRich for contenteditable). */
export function readEditor(el) {
  if (isField(el)) return el.value;
  return readRich(el).text;
}

/** DOM ranges for [start, end) UTF-16 offsets of a contenteditable's text (see readRich). */
export function rangesFor(root, spans) {
  const { pieces } = readRich(root);
  const ranges = [];
  for (const { start, end } of spans) {
    const range = root.ownerDocument.createRange();
    let begun = false;
    for (const { node, start: at } of pieces) {
      const stop = at + node.data.length;
      if (!begun && start >= at && start <= stop) { range.setStart(node, start - at); begun = true; }
      if (begun && end >= at && end <= stop) { range.setEnd(node, end - at); ranges.push(range); break; }
    }
  }
  return ranges;
}

/** The box's rectangle in this (top) window's viewport, adding the offsets of any iframes. */
export function viewportRect(el) {
  const r = el.getBoundingClientRect();
  let x = r.left;
  let y = r.top;
  for (let win = el.ownerDocument.defaultView; win && win !== window && win.frameElement; win = win.parent) {
    const f = win.frameElement.getBoundingClientRect();
    x += f.left + win.frameElement.clientLeft;
    y += f.top + win.frameElement.clientTop;
  }
  return { left: x, top: y, right: x + r.width, bottom: y + r.height, width: r.width, height: r.height };
}
