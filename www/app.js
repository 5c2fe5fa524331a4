// The playground page: wires the thread editor, the reply box and the report view to the
// WASM analyzer (through js/analyzer-client.mjs, copied into pkg/ by `make wasm`). The thread
// is analysed once per change; the reply is re-scored at most once per animation frame; the
// case lives in the URL hash. It never sends anything anywhere and never uses innerHTML.

import { loadAnalyzer } from './pkg/analyzer-client.mjs';
import { EXAMPLES, exampleById } from './examples.js';
import { decodeHash, emptyState, encodeHash, parsePaste, threadForAnalyzer } from './state.js';
import { renderError, renderMeters, renderReply, renderSuggestions, renderThread, renderVerdict } from './render.js';
import { applyFix, renderFixes } from './fixes.js';

const $ = (id) => document.getElementById(id);
const refs = {
  example: $('example'),
  title: $('title'),
  messages: $('messages'),
  addMessage: $('add-message'),
  pasteText: $('paste-text'),
  pasteLoad: $('paste-load'),
  pasteError: $('paste-error'),
  sensitivity: $('sensitivity'),
  reply: $('reply'),
  verdict: $('verdict'),
  level: $('level'),
  summary: $('summary'),
  meters: Object.fromEntries(['score', 'pitch', 'invited', 'relevance'].map((k) => [k, $(`meter-${k}`)])),
  replyView: $('reply-view'),
  replyTips: $('reply-tips'),
  signalList: $('signal-list'),
  suggestions: $('suggestions'),
  fixes: $('fixes'),
  fixStatus: $('fix-status'),
  threadView: $('thread-view'),
  threadTips: $('thread-tips'),
  share: $('share'),
  shareStatus: $('share-status'),
};

let state = decodeHash(location.hash) ?? stateFromExample(EXAMPLES[0]);
let analyzer = null;
let ruleKinds = new Map();
let handle = null;
let threadDirty = true;
let framePending = false;
let hashTimer = 0;

function stateFromExample(example, sensitivity = 0) {
  return { thread: structuredClone(example.thread), reply: example.reply, sensitivity };
}

// ---- the thread editor -------------------------------------------------------------------

function messageRow(message, index) {
  const row = document.createElement('li');
  row.className = 'message-row';
  const number = index + 1;

  const pick = document.createElement('input');
  pick.type = 'radio';
  pick.name = 'parent';
  pick.checked = index === state.thread.parent;
  pick.setAttribute('aria-label', `Reply to message ${number}`);
  pick.addEventListener('change', () => {
    state.thread.parent = index;
    threadChanged();
  });

  const author = document.createElement('input');
  author.type = 'text';
  author.className = 'author';
  author.value = message.author;
  author.placeholder = 'Author';
  author.setAttribute('aria-label', `Author of message ${number}`);
  author.addEventListener('input', () => {
    message.author = author.value;
    threadChanged();
  });

  const text = document.createElement('textarea');
  text.rows = Math.min(6, Math.max(2, Math.ceil(message.text.length / 30)));
  text.value = message.text;
  text.placeholder = index === 0 ? 'The post' : 'A comment';
  text.setAttribute('aria-label', `Text of message ${number}`);
  text.addEventListener('input', () => {
    message.text = text.value;
    threadChanged();
  });

  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'quiet remove';
  remove.textContent = 'Remove';
  remove.setAttribute('aria-label', `Remove message ${number}`);
  remove.disabled = state.thread.messages.length === 1;
  remove.addEventListener('click', () => {
    state.thread.messages.splice(index, 1);
    if (state.thread.parent >= state.thread.messages.length) state.thread.parent = state.thread.messages.length - 1;
    else if (state.thread.parent > index) state.thread.parent -= 1;
    renderEditor();
    threadChanged();
    refs.addMessage.focus();
  });

  const fields = document.createElement('div');
  fields.className = 'message-fields';
  fields.append(author, text);
  row.append(pick, fields, remove);
  return row;
}

// Rebuilds the editor from the state (after a structural change, not per keystroke).
function renderEditor() {
  refs.title.value = state.thread.title ?? '';
  refs.messages.replaceChildren(...state.thread.messages.map(messageRow));
  refs.reply.value = state.reply;
  refs.sensitivity.value = String(state.sensitivity);
}

// ---- scoring, once per frame ---------------------------------------------------------------

function threadChanged() {
  threadDirty = true;
  refs.example.value = '';
  schedule();
}

function schedule() {
  if (framePending) return;
  framePending = true;
  requestAnimationFrame(update);
}

function update() {
  framePending = false;
  scheduleHash();
  if (!analyzer) return;
  const thread = threadForAnalyzer(state.thread);
  try {
    if (threadDirty) {
      handle?.free();
      handle = analyzer.thread(thread);
      threadDirty = false;
    }
    const report = handle.score(state.reply);
    renderVerdict(refs, report);
    renderMeters(refs, report);
    renderReply(refs, state.reply, report);
    scheduleFixes(report);
    renderSuggestions(refs, report);
    renderThread(refs, thread, report, ruleKinds);
  } catch (error) {
    renderError(refs, error.message);
  }
}

// The fixes cost a score per candidate: computed in a task of their own once typing pauses,
// after the verdict is drawn, and only for the reply still in the box.
const FIXES_DELAY_MS = 100;
let fixesTimer = 0;
function scheduleFixes(report) {
  clearTimeout(fixesTimer);
  const reply = state.reply;
  const scoredWith = handle;
  refs.fixes.setAttribute('aria-busy', 'true');
  fixesTimer = setTimeout(() => {
    if (scoredWith !== handle || reply !== state.reply) return; // a newer verdict schedules its own
    try {
      const fixes = report.level === 'ok' ? [] : handle.fixes(reply);
      renderFixes(refs.fixes, reply, { ...report, fixes }, (fix) => onFix(fix, report.score));
      refs.fixes.removeAttribute('aria-busy');
    } catch (error) {
      renderError(refs, error.message);
    }
  }, FIXES_DELAY_MS);
}

// A fix is applied only on its button's click, to the text it was made for; the textarea's
// own `input` event then re-scores, as typing would.
function onFix(fix, before) {
  const ok = applyFix(refs.reply, fix, state.reply);
  refs.fixStatus.textContent = ok ? `Fix applied (score ${before} → ${fix.after.score}). Ctrl+Z undoes it.` : 'The reply changed; the fix was not applied.';
}

// The hash follows the state a moment after typing stops (browsers throttle history updates).
function scheduleHash() {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(() => {
    const hash = encodeHash(state);
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }, 250);
}

function loadState(next) {
  state = next;
  threadDirty = true;
  analyzer?.setConfig({ sensitivity: state.sensitivity });
  renderEditor();
  schedule();
}

// ---- events --------------------------------------------------------------------------------

for (const example of EXAMPLES) {
  const option = document.createElement('option');
  option.value = example.id;
  option.textContent = example.label;
  refs.example.append(option);
}

refs.example.addEventListener('change', () => {
  const example = exampleById(refs.example.value);
  if (!example) return;
  loadState(stateFromExample(example, state.sensitivity));
  refs.example.value = example.id;
});

refs.title.addEventListener('input', () => {
  state.thread.title = refs.title.value;
  threadChanged();
});

refs.addMessage.addEventListener('click', () => {
  state.thread.messages.push({ author: '', text: '' });
  renderEditor();
  threadChanged();
  refs.messages.lastElementChild?.querySelector('textarea')?.focus();
});

refs.pasteLoad.addEventListener('click', () => {
  try {
    const pasted = parsePaste(refs.pasteText.value);
    refs.pasteError.textContent = '';
    loadState({ thread: pasted.thread, reply: pasted.reply ?? state.reply, sensitivity: state.sensitivity });
    refs.example.value = '';
  } catch (error) {
    refs.pasteError.textContent = error.message;
  }
});

refs.reply.addEventListener('input', () => {
  state.reply = refs.reply.value;
  schedule();
});

refs.sensitivity.addEventListener('change', () => {
  state.sensitivity = Number(refs.sensitivity.value);
  analyzer?.setConfig({ sensitivity: state.sensitivity });
  schedule();
});

refs.share.addEventListener('click', async () => {
  const url = new URL(encodeHash(state), location.href).href;
  history.replaceState(null, '', url);
  try {
    await navigator.clipboard.writeText(url);
    refs.shareStatus.textContent = 'Link copied.';
  } catch {
    refs.shareStatus.textContent = 'The address bar now holds the link: copy it from there.';
  }
});

// A pasted link (or back/forward) replaces the case.
window.addEventListener('hashchange', () => {
  const next = decodeHash(location.hash);
  if (next && location.hash !== encodeHash(state)) loadState(next);
});

// ---- start -----------------------------------------------------------------------------------

renderEditor();
const fromExample = EXAMPLES.find((e) => JSON.stringify(threadForAnalyzer(e.thread)) === JSON.stringify(threadForAnalyzer(state.thread)));
refs.example.value = fromExample?.id ?? '';

try {
  analyzer = await loadAnalyzer(new URL('./pkg/', import.meta.url), { config: { sensitivity: state.sensitivity } });
  ruleKinds = new Map(analyzer.rules().map((rule) => [rule.id, rule.kind]));
  document.documentElement.dataset.ready = 'true';
  schedule();
} catch (error) {
  renderError(refs, `The analyzer did not load (${error.message}). Build it with "make wasm" and serve this folder over http, e.g. "make run".`);
}
