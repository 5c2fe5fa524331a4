// Shows which words triggered a reason, over the text being typed: the CSS Custom Highlight
// API for contenteditable (no DOM change in the editor), an aligned overlay inside our
// closed shadow root for textarea/input. Removes every trace on clear().
import { rangesFor } from '../editors.js';
import { HIGHLIGHT_CSS, HIGHLIGHT_NAME } from './styles.js';

const COPIED = ['font', 'letterSpacing', 'wordSpacing', 'lineHeight', 'textTransform', 'textIndent',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'borderTopWidth', 'borderRightWidth',
  'borderBottomWidth', 'borderLeftWidth', 'borderStyle', 'tabSize', 'direction', 'textAlign'];

export function createHighlighter(overlay) {
  let adoptedInto = null;
  let sheet = null;
  let count = 0;

  function clearRich() {
    if (globalThis.CSS && CSS.highlights) CSS.highlights.delete(HIGHLIGHT_NAME);
    if (adoptedInto) {
      adoptedInto.adoptedStyleSheets = adoptedInto.adoptedStyleSheets.filter((s) => s !== sheet);
      adoptedInto = null;
    }
  }

  function showRich(editor, spans) {
    if (!(globalThis.CSS && CSS.highlights && globalThis.Highlight)) return 0;
    const ranges = rangesFor(editor, spans);
    if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(HIGHLIGHT_CSS); }
    // ::highlight() is styled from the editor's own tree scope (document or its shadow root).
    const scope = editor.getRootNode();
    if (!scope.adoptedStyleSheets.includes(sheet)) scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
    adoptedInto = scope;
    CSS.highlights.set(HIGHLIGHT_NAME, new Highlight(...ranges));
    return ranges.length;
  }

  function showField(editor, spans) {
    const cs = getComputedStyle(editor);
    for (const p of COPIED) overlay.style[p] = cs[p];
    const value = editor.value;
    overlay.replaceChildren();
    let at = 0;
    for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
      if (start < at) continue;
      overlay.append(document.createTextNode(value.slice(at, start)));
      const mark = document.createElement('mark');
      mark.textContent = value.slice(start, end);
      overlay.append(mark);
      at = end;
    }
    overlay.append(document.createTextNode(value.slice(at) + '\n'));
    overlay.style.display = 'block';
    follow(editor);
    return overlay.querySelectorAll('mark').length;
  }

  function follow(editor) {
    if (overlay.style.display !== 'block') return;
    const r = editor.getBoundingClientRect();
    Object.assign(overlay.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
    overlay.scrollTop = editor.scrollTop;
    overlay.scrollLeft = editor.scrollLeft;
  }

  return {
    show(editor, spans) {
      this.clear();
      count = editor.isContentEditable ? showRich(editor, spans) : showField(editor, spans);
      return count;
    },
    follow,
    clear() {
      clearRich();
      overlay.style.display = 'none';
      overlay.replaceChildren();
      count = 0;
    },
    count: () => count,
  };
}
