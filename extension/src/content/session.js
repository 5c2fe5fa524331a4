// One session per focused box: reads the thread once (cached, re-read only when the thread's
// container changes), re-scores the reply on input (debounced ~150 ms, then at most once per
// animation frame), draws the verdict, and reports the settled verdict on blur or send.
// A verdict's one-click fixes (a score per candidate) are computed only when the card asks
// for them (fixes()), once per verdict, never on the typing path.
// Writes into the box only when the person clicks a fix (applyFix), and only when the box
// still holds the text that fix was computed for.
// Never polls; every listener and observer hangs off the session's AbortSignal.
import { threadFor } from '../sites/index.js';
import { closestDeep } from '../sites/dom.js';
import { readEditor } from './editors.js';
import { applyFix } from './apply-fix.js';

const DEBOUNCE_MS = 150;
// The thread container watched for new or edited comments: the nearest of these.
const CONTAINER = 'shreddit-app, [data-urn], [role="article"], ytd-comments, .item-list, table#hnmain, main, [role="main"]';

/**
 * @param {object} p
 * @param {HTMLElement} p.editor
 * @param {{thread(t): Promise<{score(r): Promise<object>, free(): void}>}} p.host analyzer
 * @param {ReturnType<import('./ui/index.js').createUi>} p.ui
 * @param {(verdict: {report: object|null, empty: boolean}) => void} p.settle
 * @param {AbortSignal} p.pageSignal
 * @param {(error: Error) => void} p.onError
 * @param {() => void} p.onGone the box left the page
 */
export function startSession({ editor, host, ui, settle, pageSignal, onError, onGone }) {
  const controller = new AbortController();
  const signal = controller.signal;
  pageSignal.addEventListener('abort', () => controller.abort(), { signal });
  let analysed = null; // {adapterUsed, thread, handle}
  let threadDirty = true;
  let timer = 0;
  let frame = 0;
  let pending = false; // a score is scheduled and has not started
  let running = false;
  let again = false;
  let report = null;
  let scoredWith = null; // {text, handle} the current report was made from
  let fixesOf = null; // {report, list, promise}: the current report's fixes, once asked for
  let lastText = null;
  let fixesApplied = []; // [{id, rules}] for this reply, recorded with its settled verdict

  async function analysedThread() {
    if (analysed && !threadDirty) return analysed;
    const { adapterUsed, thread } = threadFor(editor);
    const handle = await host.thread(thread);
    if (signal.aborted) { handle.free(); throw new Error('session ended'); } // nobody will free it later
    if (analysed) analysed.handle.free();
    analysed = { adapterUsed, thread, handle };
    threadDirty = false;
    return analysed;
  }

  async function scoreNow() {
    if (signal.aborted) return;
    if (running) { again = true; return; }
    running = true;
    try {
      const text = readEditor(editor);
      const current = await analysedThread();
      if (signal.aborted) return;
      if (text.trim() === '') {
        report = null;
        fixesApplied = [];
        ui.show(editor, { level: 'ok', score: 0, signals: [], invitations: [], suggestions: [], summary: '', fixes: [] }, current.thread, '');
      } else if (text !== lastText || !report) {
        // Same length, so report offsets still point into the box (see sites/index.js).
        report = await current.handle.score(text.toWellFormed());
        scoredWith = { text, handle: current.handle };
        if (signal.aborted) return;
        ui.show(editor, report, current.thread, text);
      }
      lastText = text;
    } catch (error) {
      if (!signal.aborted) onError(error);
    } finally {
      running = false;
      if (again && !signal.aborted) { again = false; schedule(0); }
    }
  }

  function schedule(delay = DEBOUNCE_MS) {
    pending = true;
    clearTimeout(timer);
    timer = setTimeout(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => { pending = false; scoreNow(); });
    }, delay);
  }

  editor.addEventListener('input', () => schedule(), { signal });
  editor.addEventListener('focusout', () => settleNow(), { signal });
  const form = editor.closest('form');
  if (form) form.addEventListener('submit', () => settleNow(), { signal, capture: true });

  // The badge follows the box: scroll anywhere (capture), resize, and the box changing size.
  let placeFrame = 0;
  const follow = () => {
    if (!placeFrame) placeFrame = requestAnimationFrame(() => { placeFrame = 0; ui.place(); });
  };
  addEventListener('scroll', follow, { signal, capture: true, passive: true });
  addEventListener('resize', follow, { signal, passive: true });
  const frameWindow = editor.ownerDocument.defaultView;
  if (frameWindow !== window) frameWindow.addEventListener('scroll', follow, { signal, capture: true, passive: true });

  // New or edited comments change the thread: re-read it on the next score. Typing inside the
  // editor itself is not a thread change, but it is a reply change: a rich editor may rewrite
  // its own DOM without an `input` event (Lexical's undo does), so that schedules a score too
  // (scoreNow scores only when the text differs).
  const container = closestDeep(editor, CONTAINER) || document.body;
  const observer = new MutationObserver((records) => {
    // The box was removed (reply sent, composer closed): settle and let the page drop us.
    if (!editor.isConnected) { settleNow(); controller.abort(); onGone(); return; }
    follow(); // content above may have moved the box
    if (records.some((r) => r.target === editor || editor.contains(r.target))) schedule();
    if (records.some((r) => !editor.contains(r.target) && r.target !== editor)) {
      threadDirty = true;
      if (lastText) { lastText = null; schedule(); }
    }
  });
  observer.observe(container, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => observer.disconnect());

  const resizer = new ResizeObserver(follow);
  resizer.observe(editor);
  signal.addEventListener('abort', () => resizer.disconnect());

  // One settled verdict per version of the reply: focusing out twice records it once.
  let settledText = null;
  function settleNow() {
    if (!analysed || lastText === settledText) return;
    settledText = lastText;
    settle({ report, empty: !String(lastText ?? '').trim(), fixes: fixesApplied });
  }

  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    cancelAnimationFrame(placeFrame);
    if (analysed) analysed.handle.free();
  });

  scoreNow();

  return {
    editor,
    signal,
    /** Settings changed (muted rule, sensitivity): everything must be re-read and re-scored. */
    refresh() { threadDirty = true; lastText = null; schedule(0); },
    end() { settleNow(); controller.abort(); },
    /**
     * The current verdict's one-click fixes (the card opened): computed once per verdict, for
     * the text it was made for. Resolves to [] without a verdict, or when it cannot be had
     * (the thread was re-read meanwhile: a new verdict follows).
     */
    fixes() {
      if (!report || signal.aborted) return Promise.resolve([]);
      if (!fixesOf || fixesOf.report !== report) {
        const entry = { report, list: null };
        const { text, handle } = scoredWith;
        const asked = report.level === 'ok' ? Promise.resolve([]) : handle.fixes(text.toWellFormed());
        entry.promise = asked.then(
          (list) => { entry.list = list; return list; },
          (error) => {
            if (fixesOf === entry) fixesOf = null;
            if (!signal.aborted) onError(error);
            return [];
          },
        );
        fixesOf = entry;
      }
      return fixesOf.promise;
    },
    /**
     * Applies one of the current report's fixes (the person clicked it). Resolves to
     * {ok, reason?}; then the reply is re-scored at once so the badge follows.
     */
    async applyFix(fix) {
      const offered = fixesOf && fixesOf.report === report && fixesOf.list ? fixesOf.list.find((f) => f.id === fix.id) : undefined;
      if (!offered || signal.aborted) return { ok: false, reason: 'that fix is no longer offered' };
      const result = await applyFix(editor, offered, lastText);
      if (result.ok) {
        fixesApplied = [...fixesApplied.filter((f) => f.id !== offered.id), { id: offered.id, rules: [...offered.rules] }];
      }
      schedule(0);
      return result;
    },
    info: () => ({
      adapter: analysed ? analysed.adapterUsed : null,
      threadSize: analysed ? analysed.thread.messages.length : 0,
      verdict: report ? { level: report.level, score: report.score, rules: [...new Set(report.signals.map((x) => x.rule))] } : null,
      // True only when the verdict is for the text in the box now (nothing queued or running).
      scored: lastText !== null && !pending && !running && readEditor(editor) === lastText,
    }),
  };
}
