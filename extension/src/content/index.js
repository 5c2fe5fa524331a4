// Content script entry (classic script, one per frame). Map of its parts:
//   settings  -> is this site on? which rules are muted? (shared/settings.js, live updates)
//   discovery -> focusin anywhere (composedPath: open shadow roots) picks the box to watch
//   session   -> thread read once, reply re-scored on pause (session.js)
//   scorer    -> WASM here, or the background worker when the page's CSP blocks it
//   ui        -> badge + card in a closed shadow root (ui/index.js)
// When the site is off: only the settings listener exists; no page listeners, no DOM.
// Everything page-facing hangs off one AbortController, so turning off is one call.
import { allowPhrase, loadSettings, muteRule, onSettingsChanged, setSiteEnabled, siteConfig, siteIdFor } from '../shared/settings.js';
import { MSG, verdictRecord } from '../shared/messages.js';
import { adapterFor, generic } from '../sites/index.js';
import { deepActiveElement, editorFromElement, editorFromEvent, sameOriginDocument } from './editors.js';
import { createScorer } from './scorer.js';
import { startSession } from './session.js';
import { createUi } from './ui/index.js';
import { levelWord, t } from '../shared/i18n.js';

const adapter = adapterFor(location);
// Fixture pages imitate a site and count as it; any other page is its hostname.
const siteId = adapter === generic ? siteIdFor(location.hostname) : adapter.id;

let page = null; // {controller, ui, session, wanted, scorerFor(), scorerPromise, scorer, config}
let lastError = null;

function currentConfig(settings) {
  const { enabled, config } = siteConfig(settings, siteId);
  return { enabled, config };
}

// After the extension is reloaded or removed, this copy of the script is orphaned: every
// chrome.* call throws "Extension context invalidated". It then removes itself quietly.
function extensionAlive() {
  try {
    return Boolean(chrome.runtime && chrome.runtime.id);
  } catch {
    return false;
  }
}

function retire() {
  if (!page) return;
  page.controller.abort();
  page = null;
}

function send(message) {
  if (!extensionAlive()) { retire(); return; }
  try {
    chrome.runtime.sendMessage(message).catch(() => { /* worker restarting: verdicts are best effort */ });
  } catch {
    retire();
  }
}

// Every settled, non-empty reply is recorded, `ok` ones too, so the history shows what
// share of replies were pitches; an emptied box clears the tab's verdict.
function settle({ report, empty, fixes = [] }) {
  if (report && !empty) send({ type: MSG.verdictSettled, verdict: verdictRecord(siteId, report, Date.now(), fixes) });
  else send({ type: MSG.verdictCleared });
}

function turnOn(config) {
  const controller = new AbortController();
  const { signal } = controller;
  const state = { controller, session: null, scorer: null, config };
  state.ui = createUi({
    mute: (rule) => { if (extensionAlive()) muteRule(siteId, rule).catch((e) => { lastError = e.message; }); else retire(); },
    allow: (phrase) => { if (extensionAlive()) allowPhrase(siteId, phrase).catch((e) => { lastError = e.message; }); else retire(); },
    turnOff: () => { if (extensionAlive()) setSiteEnabled(siteId, false).catch((e) => { lastError = e.message; }); else retire(); },
    fixes: () => (state.session ? state.session.fixes() : Promise.resolve([])),
    applyFix: async (fix) => {
      if (!state.session) return;
      const result = await state.session.applyFix(fix);
      if (!result.ok) lastError = `fix ${fix.id}: ${result.reason}`;
      if (!signal.aborted) state.ui.announce(result.ok ? t('liveFixed', levelWord(fix.after.level)) : t('liveFixFailed', result.reason));
    },
  });
  // The WASM is loaded on the first focused box, not on page load: pages where nobody
  // types cost nothing but this script.
  state.scorerPromise = null;
  state.scorerFor = () => {
    state.scorerPromise ??= createScorer().then(async (scorer) => {
      await scorer.host.setConfig(state.config);
      state.scorer = scorer;
      return scorer;
    });
    return state.scorerPromise;
  };

  // A failed start (the module will not load, or cannot score) is said once per page,
  // quietly, with a grey badge; typing is never affected and nothing is retried in a loop.
  let saidUnavailable = false;
  function sayUnavailable(editor) {
    // An updated or removed extension is not a failed start: the orphan leaves on its own.
    if (saidUnavailable || signal.aborted || !editor.isConnected || !extensionAlive()) return;
    saidUnavailable = true;
    state.ui.unavailable(editor);
  }

  async function begin(editor) {
    if (state.session && state.session.editor === editor) return;
    state.wanted = editor; // focus may move again while the analyzer loads: latest box wins
    const scorer = await state.scorerFor();
    if (signal.aborted || state.wanted !== editor) return;
    if (state.session) state.session.end();
    const session = startSession({
      editor, host: scorer.host, ui: state.ui, settle, pageSignal: signal,
      onError: (e) => { lastError = e.message; sayUnavailable(editor); },
      onGone: () => {
        if (state.session !== session) return;
        state.session = null;
        state.ui.destroy(); // nothing left to point at
      },
    });
    state.session = session;
  }

  const watch = (editor) => {
    if (!editor) return;
    begin(editor).catch((e) => { lastError = e.message; sayUnavailable(editor); });
  };
  const onFocusIn = (event) => {
    if (!extensionAlive()) { retire(); return; }
    watch(editorFromEvent(event));
  };
  addEventListener('focusin', onFocusIn, { signal, capture: true });

  // Same-origin iframes (rich editors, embedded comment forms): their focus events stay in
  // the iframe, but this window blurs and the iframe becomes active; listen inside it then.
  const framesWatched = new WeakSet();
  addEventListener('blur', (event) => {
    if (event.target !== window) return;
    setTimeout(() => { // the iframe's element gets focus right after this window blurs
      const frame = document.activeElement;
      const inner = frame && frame.tagName === 'IFRAME' ? sameOriginDocument(frame) : null;
      if (!inner || signal.aborted) return;
      if (!framesWatched.has(inner)) {
        framesWatched.add(inner);
        inner.addEventListener('focusin', onFocusIn, { signal, capture: true });
      }
      watch(editorFromElement(deepActiveElement(inner)));
    }, 0);
  }, { signal, capture: true });

  // A box already focused when we arrive (autofocus, or the extension enabled mid-typing).
  const active = deepActiveElement(document);
  if (active && active !== document.body) watch(editorFromElement(active));

  signal.addEventListener('abort', () => {
    if (state.session) state.session.end();
    state.ui.destroy();
  });
  return state;
}

function turnOff() {
  if (!page) return;
  page.controller.abort();
  page = null;
  send({ type: MSG.verdictCleared });
}

async function apply(settings) {
  const { enabled, config } = currentConfig(settings);
  if (!enabled) return turnOff();
  if (!page) { page = turnOn(config); return; }
  page.config = config;
  if (!page.scorerPromise) return; // not loaded yet: it will start with this config
  const scorer = await page.scorerPromise;
  await scorer.host.setConfig(config);
  if (page && page.session) page.session.refresh();
}

// Only the extension can send this (runtime messages never come from the page).
chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (message && message.type === MSG.openCard) {
    if (page && page.session && page.ui.openFromKeyboard()) sendResponse({ opened: true });
    return false;
  }
  if (!message || message.type !== MSG.uiState) return false;
  if (!page || !page.session) {
    if (window !== top) return false; // let the frame that has a session answer
    sendResponse({ on: Boolean(page), siteId, adapter: adapter.id, mode: page && page.scorer ? page.scorer.mode : null, lastError, ui: page ? page.ui.state() : null });
    return false;
  }
  sendResponse({ on: true, siteId, mode: page.scorer.mode, lastError, ...page.session.info(), ui: page.ui.state() });
  return false;
});

// In a same-origin iframe the parent frame's script handles our boxes (it can place the badge
// over them and read the thread around the iframe); this copy stays idle.
function parentHandlesThisFrame() {
  try {
    return window !== top && Boolean(window.frameElement);
  } catch {
    return false;
  }
}

if (!parentHandlesThisFrame()) {
  loadSettings().then(apply, (e) => { lastError = e.message; });
  onSettingsChanged((settings) => { apply(settings).catch((e) => { lastError = e.message; }); });
}
