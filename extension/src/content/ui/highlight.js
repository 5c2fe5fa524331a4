// Shows which words triggered a reason, over the text being typed: the CSS Custom Highlight
// API for contenteditable (no DOM change in the editor), an aligned overlay inside our
// closed shadow root for textarea/input. Removes every trace on clear().
import { rangesFor, viewportRect } from '../editors.js';
import { HIGHLIGHT_CSS, HIGHLIGHT_NAME } from './styles.js';

const COPIED = ['font', 'letterSpacing', 'wordSpacing', 'lineHeight', 'textTransform', 'textIndent',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'borderTopWidth', 'borderRightWidth',
  'borderBottomWidth', 'borderLeftWidth', 'borderStyle', 'tabSize', 'direction', 'textAlign'];

export function createHighlighter(overlay) {
  let shown = null; // {win, scope, sheet} while rich highlights are on
  let count = 0;

  function clearRich() {
    if (!shown) return;
    const { win, scope, sheet } = shown;
    win.CSS.highlights.delete(HIGHLIGHT_NAME);
    scope.adoptedStyleSheets = scope.adoptedStyleSheets.filter((s) => s !== sheet);
    shown = null;
  }

  function showRich(editor, spans) {
    // The editor's own window: a box in a same-origin iframe has its own highlight registry.
    const win = editor.ownerDocument.defaultView;
    if (!(win.CSS && win.CSS.highlights && win.Highlight)) return 0;
    const ranges = rangesFor(editor, spans);
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    // ::highlight() is styled from the editor's own tree scope (document or its shadow root).
    const scope = editor.getRootNode();
    scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
    shown = { win, scope, sheet };
    win.CSS.highlights.set(HIGHLIGHT_NAME, new win.Highlight(...ranges));
    return ranges.length;
  }

  function showField(editor, spans) {
    const cs = editor.ownerDocument.defaultView.getComputedStyle(editor);
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
    const r = viewportRect(editor);
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
