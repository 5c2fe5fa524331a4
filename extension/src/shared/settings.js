// Settings: the one module that reads and writes Read the Room's settings in chrome.storage.
// Does: schema (versioned, migrated), validation that repairs bad values to defaults while
// keeping the valid ones (and logs each repair for the options page), site ids for hostnames,
// sync storage when the settings fit its per-item quota, local storage otherwise.
// Never: touches the DOM, scores text, or talks to the network.
// Testable in Node: createSettingsStore(fakeStorage) takes any {sync, local, onChanged} object;
// the module-level functions use globalThis.chrome.storage.

export const SCHEMA_VERSION = 1;
export const SENSITIVITY = Object.freeze({ quiet: -15, normal: 0, strict: 15 });
export const RETENTION_CHOICES = Object.freeze([7, 30, 90, 365]);
export const LIMITS = Object.freeze({
  phrases: 50, phraseMin: 2, phraseMax: 100, rulesPerSite: 200, userSites: 200,
  retentionMin: 1, retentionMax: 365, repairLog: 50,
});
const SYNC_ITEM_QUOTA = 8192; // chrome.storage.sync.QUOTA_BYTES_PER_ITEM
const KEY = 'settings';
const AREA_KEY = 'settingsArea'; // in local: where the settings live now, 'sync' or 'local'
const REPAIR_KEY = 'repairLog';  // in local: [{time, message}]

// Hostnames are matched exactly or as a subdomain (old.reddit.com → reddit.com).
export const DEFAULT_SITES = Object.freeze([
  { id: 'reddit', name: 'Reddit', hosts: ['reddit.com'] },
  { id: 'x', name: 'X (Twitter)', hosts: ['x.com', 'twitter.com'] },
  { id: 'linkedin', name: 'LinkedIn', hosts: ['linkedin.com'] },
  { id: 'facebook', name: 'Facebook', hosts: ['facebook.com'] },
  { id: 'youtube', name: 'YouTube', hosts: ['youtube.com'] },
  { id: 'mastodon', name: 'Mastodon', hosts: ['mastodon.social', 'mastodon.online', 'mastodon.world',
    'mstdn.social', 'mas.to', 'fosstodon.org', 'hachyderm.io', 'infosec.exchange', 'techhub.social'] },
  { id: 'bluesky', name: 'Bluesky', hosts: ['bsky.app'] },
  { id: 'hackernews', name: 'Hacker News', hosts: ['news.ycombinator.com'] },
].map((site) => Object.freeze({ ...site, hosts: Object.freeze(site.hosts) })));
const DEFAULT_SITE_IDS = new Set(DEFAULT_SITES.map((s) => s.id));

export const DEFAULT_SETTINGS = deepFreeze({
  schemaVersion: SCHEMA_VERSION,
  enabled: true,
  sites: Object.fromEntries(DEFAULT_SITES.map((s) => [s.id, defaultSite(true)])),
  phrases: [],
  history: { enabled: true, retentionDays: 30, keepText: false },
});

function defaultSite(enabled) {
  return { enabled, sensitivity: 'normal', disabledRules: [], allowedPhrases: [] };
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** A fresh, mutable copy of the defaults. */
export function defaultSettings() {
  return structuredClone(DEFAULT_SETTINGS);
}

/** Site id for a hostname: a default site's id, else the hostname without "www.". */
export function siteIdFor(hostname) {
  const host = String(hostname ?? '').trim().toLowerCase().replace(/\.$/, '');
  for (const site of DEFAULT_SITES) {
    if (site.hosts.some((h) => host === h || host.endsWith(`.${h}`))) return site.id;
  }
  return host.replace(/^www\./, '');
}

export function isDefaultSite(siteId) {
  return DEFAULT_SITE_IDS.has(siteId);
}

/** Display name: "Reddit" for a default site, the hostname otherwise. */
export function siteName(siteId) {
  return DEFAULT_SITES.find((s) => s.id === siteId)?.name ?? siteId;
}

/** What the content script needs for one site: is it on, and the analyzer's Config. */
export function siteConfig(settings, siteId) {
  const site = settings?.sites?.[siteId];
  const enabled = Boolean(settings?.enabled) && Boolean(site?.enabled);
  return {
    enabled,
    config: {
      disabledRules: [...(site?.disabledRules ?? [])],
      sensitivity: SENSITIVITY[site?.sensitivity] ?? 0,
      phrases: [...(settings?.phrases ?? [])],
      allowedPhrases: [...(site?.allowedPhrases ?? [])],
    },
  };
}

// ---------- validation and migration (pure) ----------

const RULE_ID = /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/;
const SITE_ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

export function isRuleId(value) {
  return typeof value === 'string' && value.length <= 80 && RULE_ID.test(value);
}

export function isSiteId(value) {
  return typeof value === 'string' && value.length <= 253 && SITE_ID.test(value);
}

/** Why a user phrase is not acceptable, or null when it is fine. `others` are the phrases already kept. */
export function phraseProblem(phrase, others = []) {
  if (typeof phrase !== 'string') return 'A phrase must be text.';
  const text = phrase.trim();
  if (text.length < LIMITS.phraseMin) return `"${text}" is too short: use at least ${LIMITS.phraseMin} characters.`;
  if (text.length > LIMITS.phraseMax) return `A phrase can be at most ${LIMITS.phraseMax} characters.`;
  if (!/[\p{L}\p{N}]/u.test(text)) return `"${text}" needs at least one letter or digit.`;
  if (/[\u0000-\u001f\u007f]/.test(text)) return 'A phrase cannot contain line breaks or control characters.';
  if (others.some((o) => o.toLowerCase() === text.toLowerCase())) return `"${text}" is already in the list.`;
  if (others.length >= LIMITS.phrases) return `At most ${LIMITS.phrases} phrases.`;
  return null;
}

// Each migration takes the stored object of version N and returns version N+1.
// Version 0 (before schemaVersion): per-site maps at the top level, sensitivity as a number,
// history switches flat: {enabled, siteEnabled:{id:bool}, disabledRules:{id:[...]},
// sensitivity:{id:number}, phrases, historyEnabled, historyDays, keepText}.
const MIGRATIONS = {
  0: (old) => {
    const sites = {};
    const ids = new Set([...Object.keys(asObject(old.siteEnabled)), ...Object.keys(asObject(old.disabledRules)),
      ...Object.keys(asObject(old.sensitivity))]);
    for (const id of ids) {
      const level = asObject(old.sensitivity)[id];
      sites[id] = {
        enabled: asObject(old.siteEnabled)[id] ?? DEFAULT_SITE_IDS.has(id),
        sensitivity: level === undefined ? 'normal' : typeof level === 'number' ? nearestSensitivity(level) : level,
        disabledRules: asObject(old.disabledRules)[id] ?? [],
      };
    }
    return {
      schemaVersion: 1, enabled: old.enabled, sites, phrases: old.phrases,
      history: { enabled: old.historyEnabled, retentionDays: old.historyDays, keepText: old.keepText },
    };
  },
};

function asObject(value) {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function nearestSensitivity(number) {
  if (!Number.isFinite(number)) return number;
  return number <= -8 ? 'quiet' : number >= 8 ? 'strict' : 'normal';
}

/**
 * Repair any value into valid settings. Valid parts are kept, each invalid part is replaced by
 * its default and described in `repairs` (plain sentences). Migrates older schema versions.
 */
export function validateSettings(input) {
  const repairs = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    if (input !== undefined && input !== null) repairs.push('Settings were not an object; reset to defaults.');
    return { settings: defaultSettings(), repairs };
  }
  let obj = input;
  let version = obj.schemaVersion ?? 0;
  if (!Number.isInteger(version) || version < 0) {
    repairs.push(`Unknown schema version ${JSON.stringify(obj.schemaVersion)}; read as version ${SCHEMA_VERSION}.`);
    version = SCHEMA_VERSION;
  }
  if (version > SCHEMA_VERSION) {
    repairs.push(`Settings came from a newer version (${version}); kept what this version understands.`);
    version = SCHEMA_VERSION;
  }
  while (version < SCHEMA_VERSION) obj = MIGRATIONS[version++](obj);

  const settings = defaultSettings();
  const known = new Set(['schemaVersion', 'enabled', 'sites', 'phrases', 'history']);
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) repairs.push(`Removed unknown setting "${key}".`);
  }
  settings.enabled = readBoolean(obj.enabled, true, 'Global switch', repairs);
  settings.sites = readSites(obj.sites, repairs);
  settings.phrases = readPhrases(obj.phrases, repairs);
  settings.history = readHistorySettings(obj.history, repairs);
  return { settings, repairs };
}

function readBoolean(value, fallback, what, repairs) {
  if (typeof value === 'boolean') return value;
  repairs.push(value === undefined ? `${what} was missing; set to ${fallback ? 'on' : 'off'}.`
    : `${what} was ${describe(value)}, not on/off; set to ${fallback ? 'on' : 'off'}.`);
  return fallback;
}

function readSites(value, repairs) {
  const sites = defaultSettings().sites;
  if (value === undefined) {
    repairs.push('Per-site settings were missing; set to defaults.');
    return sites;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    repairs.push(`Per-site settings were ${describe(value)}; set to defaults.`);
    return sites;
  }
  let userSites = 0;
  for (const [id, site] of Object.entries(value)) {
    if (!isSiteId(id)) { repairs.push(`Removed site with an invalid name ${JSON.stringify(id)}.`); continue; }
    if (!DEFAULT_SITE_IDS.has(id) && ++userSites > LIMITS.userSites) {
      repairs.push(`Removed site "${id}": at most ${LIMITS.userSites} added sites.`);
      continue;
    }
    sites[id] = readSite(id, site, repairs);
  }
  return sites;
}

function readSite(id, site, repairs) {
  const fallback = defaultSite(DEFAULT_SITE_IDS.has(id));
  if (!site || typeof site !== 'object' || Array.isArray(site)) {
    repairs.push(`Settings for ${id} were ${describe(site)}; set to defaults.`);
    return fallback;
  }
  const out = { ...fallback };
  for (const key of Object.keys(site)) {
    if (!(key in fallback)) repairs.push(`Removed unknown setting "${key}" for ${id}.`);
  }
  out.enabled = readBoolean(site.enabled, fallback.enabled, `On/off for ${id}`, repairs);
  if (typeof site.sensitivity === 'number' && Object.values(SENSITIVITY).includes(site.sensitivity)) {
    out.sensitivity = Object.keys(SENSITIVITY).find((k) => SENSITIVITY[k] === site.sensitivity);
  } else if (Object.hasOwn(SENSITIVITY, site.sensitivity)) {
    out.sensitivity = site.sensitivity;
  } else {
    repairs.push(`Sensitivity for ${id} was ${describe(site.sensitivity)}; set to normal.`);
  }
  if (Array.isArray(site.disabledRules)) {
    const rules = [];
    for (const rule of site.disabledRules) {
      if (!isRuleId(rule)) repairs.push(`Removed invalid rule id ${describe(rule)} for ${id}.`);
      else if (!rules.includes(rule) && rules.length < LIMITS.rulesPerSite) rules.push(rule);
    }
    out.disabledRules = rules.sort();
  } else {
    repairs.push(`Turned-off rules for ${id} were ${describe(site.disabledRules)}; none turned off.`);
  }
  // Added in a later version: a site saved before it simply has none.
  if (site.allowedPhrases === undefined) {
    out.allowedPhrases = [];
  } else if (Array.isArray(site.allowedPhrases)) {
    const phrases = [];
    for (const p of site.allowedPhrases) {
      const text = typeof p === 'string' ? p.trim() : '';
      if (text.length < LIMITS.phraseMin || text.length > LIMITS.phraseMax) repairs.push(`Removed invalid allowed phrase ${describe(p)} for ${id}.`);
      else if (!phrases.includes(text) && phrases.length < LIMITS.phrases) phrases.push(text);
    }
    out.allowedPhrases = phrases;
  } else {
    repairs.push(`Allowed phrases for ${id} were ${describe(site.allowedPhrases)}; none kept.`);
    out.allowedPhrases = [];
  }
  return out;
}

function readPhrases(value, repairs) {
  if (value === undefined) {
    repairs.push('Your phrases were missing; the list is empty.');
    return [];
  }
  if (!Array.isArray(value)) {
    repairs.push(`Your phrases were ${describe(value)}, not a list; the list is empty.`);
    return [];
  }
  const phrases = [];
  for (const phrase of value) {
    const problem = phraseProblem(phrase, phrases);
    if (problem) repairs.push(`Removed phrase ${describe(phrase)}: ${problem}`);
    else phrases.push(phrase.trim());
  }
  return phrases;
}

function readHistorySettings(value, repairs) {
  const out = defaultSettings().history;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    repairs.push(`History settings were ${describe(value)}; set to defaults.`);
    return out;
  }
  for (const key of Object.keys(value)) {
    if (!(key in out)) repairs.push(`Removed unknown history setting "${key}".`);
  }
  out.enabled = readBoolean(value.enabled, out.enabled, 'History', repairs);
  out.keepText = readBoolean(value.keepText, out.keepText, '"Keep text of my replies"', repairs);
  const days = value.retentionDays;
  if (Number.isInteger(days) && days >= LIMITS.retentionMin && days <= LIMITS.retentionMax) out.retentionDays = days;
  else repairs.push(`History retention was ${describe(days)}; set to ${out.retentionDays} days.`);
  return out;
}

function describe(value) {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

// ---------- storage ----------

/** Bind the settings functions to one storage object {sync, local, onChanged} (chrome.storage or a fake). */
export function createSettingsStore(storage) {
  if (!storage?.local) throw new Error('Read the Room settings: no storage area (chrome.storage.local is missing).');
  let queue = Promise.resolve(); // read-modify-write steps in this context run one at a time

  async function readRaw() {
    const { [AREA_KEY]: area, [KEY]: localValue } = await storage.local.get([AREA_KEY, KEY]);
    if (area !== 'local' && storage.sync) {
      const { [KEY]: syncValue } = await storage.sync.get(KEY);
      if (syncValue !== undefined || area === 'sync') return syncValue;
    }
    return localValue;
  }

  async function load() {
    const raw = await readRaw();
    const { settings, repairs } = validateSettings(raw);
    if (repairs.length) {
      await logRepairs(repairs);
      await write(settings); // store the repaired value so it is reported once
    }
    return settings;
  }

  async function write(settings) {
    const size = JSON.stringify(settings).length + KEY.length;
    if (storage.sync && size <= SYNC_ITEM_QUOTA) {
      try {
        await storage.sync.set({ [KEY]: settings });
        await storage.local.set({ [AREA_KEY]: 'sync' });
        await storage.local.remove(KEY);
        return 'sync';
      } catch {
        // sync refused (quota, rate limit, or disabled): keep it local
      }
    }
    await storage.local.set({ [KEY]: settings, [AREA_KEY]: 'local' });
    if (storage.sync) await storage.sync.remove(KEY).catch(() => {});
    return 'local';
  }

  async function logRepairs(messages) {
    const { [REPAIR_KEY]: old } = await storage.local.get(REPAIR_KEY);
    const time = Date.now();
    const kept = Array.isArray(old) ? old : [];
    // Several pages (every tab's content script) may load the same bad value at once: log it once.
    const fresh = messages.filter((m) => !kept.some((e) => e?.message === m && time - e.time < 60_000));
    if (!fresh.length) return;
    const log = [...kept, ...fresh.map((message) => ({ time, message }))];
    await storage.local.set({ [REPAIR_KEY]: log.slice(-LIMITS.repairLog) });
  }

  function serial(step) {
    const run = queue.then(step, step);
    queue = run.catch(() => {});
    return run;
  }

  /** Load, change with `mutate(settings)`, validate and save; resolves to the saved settings. */
  function updateSettings(mutate) {
    return serial(async () => {
      const settings = await load();
      mutate(settings);
      const { settings: valid, repairs } = validateSettings(settings);
      if (repairs.length) throw new Error(`Settings not saved: ${repairs[0]}`);
      await write(valid);
      return valid;
    });
  }

  function ensureSite(settings, siteId) {
    if (!isSiteId(siteId)) throw new Error(`Not a site: ${JSON.stringify(siteId)}`);
    settings.sites[siteId] ??= defaultSite(false);
    return settings.sites[siteId];
  }

  return {
    loadSettings: () => serial(load),
    saveSettings: (settings) => serial(async () => {
      const { settings: valid, repairs } = validateSettings(settings);
      if (repairs.length) await logRepairs(repairs);
      await write(valid);
      return valid;
    }),
    updateSettings,
    onSettingsChanged(callback) {
      if (!storage.onChanged) return () => {};
      const listener = (changes, areaName) => {
        if (!changes[KEY] || changes[KEY].newValue === undefined) return; // a move between areas removes a copy
        if (areaName !== 'sync' && areaName !== 'local') return;
        callback(validateSettings(changes[KEY].newValue).settings);
      };
      storage.onChanged.addListener(listener);
      return () => storage.onChanged.removeListener(listener);
    },
    muteRule: (siteId, ruleId) => updateSettings((s) => {
      if (!isRuleId(ruleId)) throw new Error(`Not a rule id: ${JSON.stringify(ruleId)}`);
      const site = ensureSite(s, siteId);
      if (!site.disabledRules.includes(ruleId)) site.disabledRules.push(ruleId);
    }).then(() => {}),
    allowPhrase: (siteId, phrase) => updateSettings((s) => {
      const text = typeof phrase === 'string' ? phrase.trim().slice(0, LIMITS.phraseMax) : '';
      if (text.length < LIMITS.phraseMin) throw new Error(`Not a phrase: ${JSON.stringify(phrase)}`);
      const site = ensureSite(s, siteId);
      site.allowedPhrases ??= [];
      if (!site.allowedPhrases.includes(text) && site.allowedPhrases.length < LIMITS.phrases) site.allowedPhrases.push(text);
    }).then(() => {}),
    setRuleEnabled: (siteId, ruleId, enabled) => updateSettings((s) => {
      if (!isRuleId(ruleId)) throw new Error(`Not a rule id: ${JSON.stringify(ruleId)}`);
      const site = ensureSite(s, siteId);
      site.disabledRules = site.disabledRules.filter((r) => r !== ruleId);
      if (!enabled) site.disabledRules.push(ruleId);
    }).then(() => {}),
    setSiteEnabled: (siteId, enabled) => updateSettings((s) => {
      ensureSite(s, siteId).enabled = Boolean(enabled);
    }).then(() => {}),
    removeSite: (siteId) => updateSettings((s) => {
      if (DEFAULT_SITE_IDS.has(siteId)) throw new Error(`${siteName(siteId)} is a default site; turn it off instead.`);
      delete s.sites[siteId];
    }).then(() => {}),
    /** Where the settings are stored now: 'sync' or 'local'. */
    async settingsArea() {
      const { [AREA_KEY]: area } = await storage.local.get(AREA_KEY);
      return area === 'local' ? 'local' : 'sync';
    },
    readRepairLog: async () => {
      const { [REPAIR_KEY]: log } = await storage.local.get(REPAIR_KEY);
      return Array.isArray(log) ? log.filter((e) => e && typeof e.message === 'string') : [];
    },
    logRepairs: (messages) => serial(() => logRepairs(messages)),
    clearRepairLog: () => storage.local.remove(REPAIR_KEY),
    exportSettings: () => serial(async () => JSON.stringify(await load(), null, 2)),
    importSettings: (json) => serial(async () => {
      const settings = parseSettingsFile(json);
      await write(settings);
      return settings;
    }),
    resetSettings: () => serial(async () => {
      await write(defaultSettings());
      return defaultSettings();
    }),
  };
}

/** Parse an exported settings file strictly: any problem throws, and nothing is applied. */
export function parseSettingsFile(json) {
  let obj;
  try {
    obj = typeof json === 'string' ? JSON.parse(json) : json;
  } catch (error) {
    throw new Error(`This file is not valid JSON (${error.message}). Nothing was changed.`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj) || !Number.isInteger(obj.schemaVersion)) {
    throw new Error('This is not a Read the Room settings file (no schemaVersion). Nothing was changed.');
  }
  const { settings, repairs } = validateSettings(obj);
  const problems = repairs.filter((r) => !r.startsWith('Settings came from a newer version'));
  if (problems.length) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    throw new Error(`This settings file has a problem: ${problems[0]}${more} Nothing was changed.`);
  }
  return settings;
}

// ---------- the default store, on chrome.storage ----------

let defaultStore;
function store() {
  defaultStore ??= createSettingsStore(globalThis.chrome?.storage);
  return defaultStore;
}

export const loadSettings = () => store().loadSettings();
export const saveSettings = (settings) => store().saveSettings(settings);
export const updateSettings = (mutate) => store().updateSettings(mutate);
export const onSettingsChanged = (callback) => store().onSettingsChanged(callback);
export const muteRule = (siteId, ruleId) => store().muteRule(siteId, ruleId);
export const allowPhrase = (siteId, phrase) => store().allowPhrase(siteId, phrase);
export const setRuleEnabled = (siteId, ruleId, enabled) => store().setRuleEnabled(siteId, ruleId, enabled);
export const setSiteEnabled = (siteId, enabled) => store().setSiteEnabled(siteId, enabled);
export const removeSite = (siteId) => store().removeSite(siteId);
export const settingsArea = () => store().settingsArea();
export const readRepairLog = () => store().readRepairLog();
export const logRepairs = (messages) => store().logRepairs(messages);
export const clearRepairLog = () => store().clearRepairLog();
export const exportSettings = () => store().exportSettings();
export const importSettings = (json) => store().importSettings(json);
export const resetSettings = () => store().resetSettings();
