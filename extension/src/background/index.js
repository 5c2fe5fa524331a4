// Background worker: a thin router. It records settled verdicts (history + the tab's last
// verdict + the toolbar badge), scores for pages whose CSP blocks WASM in the content script,
// registers the content script on sites the user opted into, and answers state queries.
// It never makes network requests and never stores reply text.
import * as glue from 'rtr:wasm-glue';
import { createClient } from '../../../js/analyzer-client.mjs';
import { recordVerdict } from '../shared/history.js';
import { MSG, lastVerdictKey } from '../shared/messages.js';
import { startInOpenTabs, syncOptInScripts } from './optin.js';

const BADGE = { pitch: { text: '!', color: '#c62828' }, caution: { text: '?', color: '#e0a400' } };

// Service workers cannot import(): the glue is imported statically and initialised on the
// first fallback request; the shared client recovers from traps by resetting the instance.
// One analyzer per distinct config: a score uses its analyzer's config, and tabs on
// different sites (muted rules, sensitivity) must not see each other's.
let ready = null;
const clients = new Map(); // JSON of config -> client
const MAX_CLIENTS = 16;
async function analyzerFor(config) {
  ready ??= glue.default({ module_or_path: chrome.runtime.getURL('pkg/read_the_room_bg.wasm') });
  await ready;
  const key = JSON.stringify(config ?? {});
  if (!clients.has(key)) {
    if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value);
    clients.set(key, createClient(glue, config)); // throws a clear Error on a bad config
  }
  return clients.get(key);
}
const handles = new Map(); // handleId -> {tabId, handle}
let nextHandle = 1;

async function onVerdict(tabId, verdict) {
  await chrome.storage.session.set({ [lastVerdictKey(tabId)]: verdict });
  const badge = BADGE[verdict.level];
  await chrome.action.setBadgeText({ tabId, text: badge ? badge.text : '' });
  if (badge) await chrome.action.setBadgeBackgroundColor({ tabId, color: badge.color });
  await recordVerdict(verdict);
}

async function onCleared(tabId) {
  await chrome.storage.session.remove(lastVerdictKey(tabId));
  await chrome.action.setBadgeText({ tabId, text: '' });
}

const routes = {
  async [MSG.threadOpen]({ thread, config }, tabId) {
    const client = await analyzerFor(config);
    const handleId = nextHandle++;
    handles.set(handleId, { tabId, handle: client.thread(thread) });
    return { handleId };
  },
  async [MSG.score]({ handleId, reply }) {
    const entry = handles.get(handleId);
    if (!entry) throw new Error(`unknown handle ${handleId}`);
    return { report: entry.handle.score(String(reply)) };
  },
  async [MSG.fixes]({ handleId, reply }) {
    const entry = handles.get(handleId);
    if (!entry) throw new Error(`unknown handle ${handleId}`);
    return { fixes: entry.handle.fixes(String(reply)) };
  },
  async [MSG.threadClose]({ handleId }) {
    const entry = handles.get(handleId);
    if (entry) { entry.handle.free(); handles.delete(handleId); }
    return {};
  },
  async [MSG.verdictSettled]({ verdict }, tabId) {
    if (tabId >= 0) await onVerdict(tabId, verdict);
    return {};
  },
  async [MSG.verdictCleared](_message, tabId) {
    if (tabId >= 0) await onCleared(tabId);
    return {};
  },
  async [MSG.uiStateForTab]({ tabId }) {
    return { state: await chrome.tabs.sendMessage(tabId, { type: MSG.uiState }) };
  },
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const route = message && routes[message.type];
  if (!route || sender.id !== chrome.runtime.id) return false;
  const tabId = sender.tab ? sender.tab.id : -1;
  route(message, tabId).then(
    (answer) => sendResponse({ ok: true, ...answer }),
    (error) => sendResponse({ ok: false, error: String(error && error.message ? error.message : error) }),
  );
  return true; // answered asynchronously
});

chrome.tabs.onRemoved.addListener((tabId) => {
  for (const [id, entry] of handles) if (entry.tabId === tabId) { entry.handle.free(); handles.delete(id); }
  chrome.storage.session.remove(lastVerdictKey(tabId));
});

// Keyboard: the "open-card" command (manifest `commands`) opens the card in the active tab.
chrome.commands.onCommand.addListener(async (command, tab) => {
  if (command !== 'open-card') return;
  const target = tab ?? (await chrome.tabs.query({ active: true, currentWindow: true }))[0];
  if (target) chrome.tabs.sendMessage(target.id, { type: MSG.openCard }).catch(() => {});
});

chrome.permissions.onAdded.addListener(async ({ origins }) => {
  await syncOptInScripts();
  await startInOpenTabs(origins);
});
chrome.permissions.onRemoved.addListener(() => { syncOptInScripts(); });
chrome.runtime.onInstalled.addListener(() => { syncOptInScripts(); });
