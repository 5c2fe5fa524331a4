// History: the verdicts the background worker records for the popup's chart and list, kept in
// chrome.storage.local as {time, site, level, score, rules} (plus `fixes: [{id, rules}]` when
// one-click fixes were applied to the reply, and `text` only when the person opted in to "keep
// text of my replies" AND the caller passed a text).
// Bounded: the last MAX_ENTRIES entries and only the last `retentionDays` days, whichever is fewer.
// Never: stores reply text without the opt-in, records anything while history is off, or
// touches the network. Testable in Node via createHistoryStore(fakeStorage, settingsStore).

import { createSettingsStore, isRuleId, isSiteId, loadSettings, logRepairs } from './settings.js';

export const MAX_ENTRIES = 10_000;
export const MAX_RULES_PER_ENTRY = 30;
export const MAX_TEXT = 5_000;
export const LEVELS = Object.freeze(['ok', 'caution', 'pitch']);
const KEY = 'history';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A fix id as the analyzer names them: lowercase words joined by hyphens. */
export const isFixId = (id) => typeof id === 'string' && /^[a-z]+(?:-[a-z]+)*$/.test(id) && id.length <= 40;

/** Why a history entry is not acceptable, or null. */
export function entryProblem(entry) {
  if (!entry || typeof entry !== 'object') return 'an entry must be an object';
  if (!Number.isFinite(entry.time) || entry.time <= 0) return `time must be a positive number of milliseconds, got ${JSON.stringify(entry.time)}`;
  if (!isSiteId(entry.site)) return `site must be a site id, got ${JSON.stringify(entry.site)}`;
  if (!LEVELS.includes(entry.level)) return `level must be ok, caution or pitch, got ${JSON.stringify(entry.level)}`;
  if (!Number.isFinite(entry.score) || entry.score < 0 || entry.score > 100) return `score must be 0-100, got ${JSON.stringify(entry.score)}`;
  if (!Array.isArray(entry.rules) || !entry.rules.every(isRuleId)) return 'rules must be a list of rule ids';
  if (entry.text !== undefined && typeof entry.text !== 'string') return 'text must be a string';
  if (entry.fixes !== undefined && !(Array.isArray(entry.fixes) && entry.fixes.every((f) => f && isFixId(f.id) && Array.isArray(f.rules) && f.rules.every(isRuleId)))) {
    return 'fixes must be a list of {id, rules} with a fix id and rule ids';
  }
  return null;
}

// The stored shape: only known fields, rules de-duplicated and capped.
function clean(entry, keepText) {
  const out = {
    time: Math.round(entry.time),
    site: entry.site,
    level: entry.level,
    score: Math.round(entry.score),
    rules: [...new Set(entry.rules)].slice(0, MAX_RULES_PER_ENTRY),
  };
  if (entry.fixes?.length) out.fixes = entry.fixes.slice(0, 10).map((f) => ({ id: f.id, rules: [...new Set(f.rules)].slice(0, MAX_RULES_PER_ENTRY) }));
  if (keepText && typeof entry.text === 'string' && entry.text.length) out.text = entry.text.slice(0, MAX_TEXT);
  return out;
}

/** Keep the entries inside the bounds; sorted oldest first. */
export function bound(entries, { retentionDays, now = Date.now(), maxEntries = MAX_ENTRIES }) {
  const since = now - retentionDays * DAY_MS;
  const kept = entries.filter((e) => e.time >= since).sort((a, b) => a.time - b.time);
  return kept.length > maxEntries ? kept.slice(kept.length - maxEntries) : kept;
}

/** Bind history to one storage object and the settings store that says whether/how to keep it. */
export function createHistoryStore(storage, settingsStore = createSettingsStore(storage), options = {}) {
  if (!storage?.local) throw new Error('Read the Room history: no storage area (chrome.storage.local is missing).');
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const now = options.now ?? (() => Date.now());
  let queue = Promise.resolve(); // one writer at a time in this context

  function serial(step) {
    const run = queue.then(step, step);
    queue = run.catch(() => {});
    return run;
  }

  // Stored entries, with corrupt ones dropped (and logged) and the rest kept.
  async function readStored() {
    const { [KEY]: raw } = await storage.local.get(KEY);
    if (raw === undefined) return { entries: [], repaired: false };
    if (!Array.isArray(raw)) {
      await settingsStore.logRepairs([`History was ${raw === null ? 'empty' : typeof raw}, not a list; started a new history.`]);
      return { entries: [], repaired: true };
    }
    const entries = raw.filter((e) => entryProblem(e) === null);
    if (entries.length < raw.length) {
      const dropped = raw.length - entries.length;
      await settingsStore.logRepairs([`Removed ${dropped} unreadable history entr${dropped === 1 ? 'y' : 'ies'}; kept the other ${entries.length}.`]);
    }
    return { entries, repaired: entries.length < raw.length };
  }

  return {
    /** Record one settled verdict. Resolves to true when stored, false when history is off. Throws on a bad entry. */
    recordVerdict: (entry) => serial(async () => {
      const problem = entryProblem(entry);
      if (problem) throw new Error(`Read the Room history: not recorded, ${problem}.`);
      const { history } = await settingsStore.loadSettings();
      if (!history.enabled) return false;
      const { entries } = await readStored();
      entries.push(clean(entry, history.keepText));
      await storage.local.set({ [KEY]: bound(entries, { retentionDays: history.retentionDays, now: now(), maxEntries }) });
      return true;
    }),

    /** Entries oldest first, inside the bounds, optionally only those at or after `sinceMs`. */
    readHistory: ({ sinceMs = 0 } = {}) => serial(async () => {
      const { history } = await settingsStore.loadSettings();
      const { entries, repaired } = await readStored();
      const kept = bound(entries, { retentionDays: history.retentionDays, now: now(), maxEntries });
      if (repaired || kept.length < entries.length) await storage.local.set({ [KEY]: kept });
      return kept.filter((e) => e.time >= sinceMs);
    }),

    clearHistory: () => serial(() => storage.local.remove(KEY)),

    /** Remove stored reply texts (when the person turns "keep text" off). */
    forgetTexts: () => serial(async () => {
      const { entries } = await readStored();
      if (!entries.some((e) => 'text' in e)) return;
      await storage.local.set({ [KEY]: entries.map(({ text, ...rest }) => rest) });
    }),
  };
}

let defaultStore;
function store() {
  defaultStore ??= createHistoryStore(globalThis.chrome?.storage, { loadSettings, logRepairs });
  return defaultStore;
}

export const recordVerdict = (entry) => store().recordVerdict(entry);
export const readHistory = (options) => store().readHistory(options);
export const clearHistory = () => store().clearHistory();
export const forgetTexts = () => store().forgetTexts();
