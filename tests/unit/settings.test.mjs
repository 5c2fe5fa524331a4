// Unit tests for extension/src/shared/settings.js on an in-memory chrome.storage:
// defaults, site ids, per-site config, repairs that keep valid values, migration, sync/local
// placement, change events, export/import (all-or-nothing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_SETTINGS, DEFAULT_SITES, SCHEMA_VERSION, createSettingsStore, defaultSettings, parseSettingsFile,
  phraseProblem, siteConfig, siteIdFor, validateSettings,
} from '../../extension/src/shared/settings.js';
import { fakeChromeStorage } from './fake-storage.mjs';

function setup(options) {
  const storage = fakeChromeStorage(options);
  return { storage, store: createSettingsStore(storage) };
}

test('fresh install: defaults, every default site on, nothing repaired', async () => {
  const { storage, store } = setup();
  const settings = await store.loadSettings();
  assert.deepEqual(settings, defaultSettings());
  assert.equal(settings.schemaVersion, SCHEMA_VERSION);
  assert.deepEqual(Object.keys(settings.sites).sort(), DEFAULT_SITES.map((s) => s.id).sort());
  assert.ok(Object.values(settings.sites).every((s) => s.enabled && s.sensitivity === 'normal'));
  assert.equal(settings.history.keepText, false, 'keeping reply text must be opt-in');
  assert.deepEqual(await store.readRepairLog(), []);
  assert.equal(storage.sync.data.size + storage.local.data.size, 0, 'loading defaults writes nothing');
  assert.throws(() => { DEFAULT_SETTINGS.sites.reddit.enabled = false; }, TypeError);
});

test('siteIdFor maps hostnames of the default sites and keeps other hostnames without www.', () => {
  const cases = {
    'reddit.com': 'reddit', 'old.reddit.com': 'reddit', 'www.reddit.com': 'reddit', 'x.com': 'x',
    'twitter.com': 'x', 'mobile.twitter.com': 'x', 'www.linkedin.com': 'linkedin', 'm.facebook.com': 'facebook',
    'www.youtube.com': 'youtube', 'mastodon.social': 'mastodon', 'fosstodon.org': 'mastodon', 'bsky.app': 'bluesky',
    'news.ycombinator.com': 'hackernews', 'www.example.org': 'example.org', 'Forum.Example.ORG.': 'forum.example.org',
    'notreddit.com': 'notreddit.com', '127.0.0.1': '127.0.0.1',
  };
  for (const [host, id] of Object.entries(cases)) assert.equal(siteIdFor(host), id, host);
});

test('siteConfig turns stored names into the analyzer config, and respects both switches', () => {
  const settings = defaultSettings();
  settings.sites.reddit = { enabled: true, sensitivity: 'strict', disabledRules: ['offer.discount'] };
  settings.sites.x.sensitivity = 'quiet';
  settings.phrases = ['Acme Ladders'];
  assert.deepEqual(siteConfig(settings, 'reddit'), {
    enabled: true, config: { disabledRules: ['offer.discount'], sensitivity: 15, phrases: ['Acme Ladders'], allowedPhrases: [] },
  });
  assert.equal(siteConfig(settings, 'x').config.sensitivity, -15);
  assert.deepEqual(siteConfig(settings, 'x').config.disabledRules, [], 'a rule off on reddit stays on elsewhere');
  assert.equal(siteConfig(settings, 'example.org').enabled, false, 'sites outside the defaults are opt-in');
  settings.enabled = false;
  assert.equal(siteConfig(settings, 'reddit').enabled, false, 'the global switch wins');
});

test('corrupt values are repaired to defaults, valid ones kept, and the repair is logged', async () => {
  const { storage, store } = setup();
  await storage.sync.set({ settings: {
    schemaVersion: 1, enabled: 'yes', phrases: ['Acme Ladders', 7, 'Acme ladders', ' '],
    history: { enabled: false, retentionDays: -4, keepText: false },
    sites: {
      reddit: { enabled: false, sensitivity: 'strict', disabledRules: ['cta.buy', 'NOT A RULE', 'cta.buy'] },
      x: 'broken', 'bad site!': { enabled: true }, 'forum.example.org': { enabled: true, sensitivity: 99, disabledRules: [] },
    },
    colour: 'blue',
  } });
  const settings = await store.loadSettings();
  assert.equal(settings.enabled, true);
  assert.deepEqual(settings.phrases, ['Acme Ladders']);
  assert.deepEqual(settings.history, { enabled: false, retentionDays: 30, keepText: false });
  assert.deepEqual(settings.sites.reddit, { enabled: false, sensitivity: 'strict', disabledRules: ['cta.buy'], allowedPhrases: [] });
  assert.deepEqual(settings.sites.x, DEFAULT_SETTINGS.sites.x);
  assert.deepEqual(settings.sites['forum.example.org'], { enabled: true, sensitivity: 'normal', disabledRules: [], allowedPhrases: [] });
  assert.equal(settings.sites['bad site!'], undefined);
  assert.equal('colour' in settings, false);
  const log = (await store.readRepairLog()).map((e) => e.message).join('\n');
  for (const words of ['Global switch', 'colour', 'NOT A RULE', 'Settings for x', 'retention', 'Sensitivity for forum.example.org']) {
    assert.match(log, new RegExp(words), `repair log mentions ${words}`);
  }
  assert.deepEqual(validateSettings((await storage.sync.get('settings')).settings).repairs, [],
    'the repaired value is written back');
  const count = (await store.readRepairLog()).length;
  await store.loadSettings();
  assert.equal((await store.readRepairLog()).length, count, 'a repair is logged once, not on every load');
});

test('a stored value that is not an object is replaced by defaults', () => {
  for (const bad of ['garbage', 42, [1, 2], true]) {
    const { settings, repairs } = validateSettings(bad);
    assert.deepEqual(settings, defaultSettings());
    assert.equal(repairs.length, 1);
  }
});

test('version 0 settings migrate to the current schema without losing choices', async () => {
  const { storage, store } = setup();
  await storage.local.set({ settings: {
    enabled: true, siteEnabled: { reddit: false, 'forum.example.org': true },
    disabledRules: { x: ['contact.dm'] }, sensitivity: { reddit: 15, x: -20 },
    phrases: ['Acme'], historyEnabled: true, historyDays: 7, keepText: true,
  } });
  const settings = await store.loadSettings();
  assert.equal(settings.schemaVersion, SCHEMA_VERSION);
  assert.deepEqual(settings.sites.reddit, { enabled: false, sensitivity: 'strict', disabledRules: [], allowedPhrases: [] });
  assert.deepEqual(settings.sites.x, { enabled: true, sensitivity: 'quiet', disabledRules: ['contact.dm'], allowedPhrases: [] });
  assert.equal(settings.sites['forum.example.org'].enabled, true);
  assert.deepEqual(settings.history, { enabled: true, retentionDays: 7, keepText: true });
  assert.deepEqual(settings.phrases, ['Acme']);
  assert.deepEqual(await store.readRepairLog(), [], 'a clean migration is not a repair');
});

test('settings live in sync while they fit its per-item quota, else in local (and it is recorded)', async () => {
  const { storage, store } = setup();
  await store.setSiteEnabled('reddit', false);
  assert.equal(await store.settingsArea(), 'sync');
  assert.equal((await storage.sync.get('settings')).settings.sites.reddit.enabled, false);
  await store.updateSettings((s) => {
    for (let i = 0; i < 120; i++) s.sites[`forum${i}.example.org`] = { enabled: true, sensitivity: 'normal', disabledRules: ['offer.discount', 'cta.buy'] };
  });
  assert.equal(await store.settingsArea(), 'local');
  assert.equal((await storage.sync.get('settings')).settings, undefined, 'no stale copy left in sync');
  const big = await store.loadSettings();
  assert.equal(big.sites['forum99.example.org'].enabled, true);
  assert.equal(big.sites.reddit.enabled, false);
  await store.updateSettings((s) => { for (let i = 0; i < 120; i++) delete s.sites[`forum${i}.example.org`]; });
  assert.equal(await store.settingsArea(), 'sync', 'moves back to sync once it fits');
  assert.equal((await store.loadSettings()).sites.reddit.enabled, false);
});

test('when sync refuses writes, settings are kept in local', async () => {
  const { store } = setup({ failSync: true });
  await store.muteRule('reddit', 'offer.discount');
  assert.equal(await store.settingsArea(), 'local');
  assert.deepEqual((await store.loadSettings()).sites.reddit.disabledRules, ['offer.discount']);
});

test('allowPhrase adds a learned phrase to one site\'s allow-list, once, and siteConfig passes it on', async () => {
  const { store } = setup();
  await store.allowPhrase('reddit', '  happy to compare notes ');
  await store.allowPhrase('reddit', 'happy to compare notes');
  const settings = await store.loadSettings();
  assert.deepEqual(settings.sites.reddit.allowedPhrases, ['happy to compare notes']);
  assert.deepEqual(settings.sites.x.allowedPhrases, []);
  assert.deepEqual(siteConfig(settings, 'reddit').config.allowedPhrases, ['happy to compare notes']);
  assert.deepEqual(siteConfig(settings, 'x').config.allowedPhrases, []);
  await assert.rejects(store.allowPhrase('reddit', ' '), /Not a phrase/);
});

test('muteRule / setRuleEnabled / setSiteEnabled change only the named site', async () => {
  const { store } = setup();
  await store.muteRule('reddit', 'contact.dm');
  await store.muteRule('reddit', 'contact.dm');
  let settings = await store.loadSettings();
  assert.deepEqual(settings.sites.reddit.disabledRules, ['contact.dm']);
  assert.deepEqual(settings.sites.x.disabledRules, []);
  await store.setRuleEnabled('reddit', 'contact.dm', true);
  assert.deepEqual((await store.loadSettings()).sites.reddit.disabledRules, []);
  await store.setSiteEnabled('forum.example.org', true);
  settings = await store.loadSettings();
  assert.equal(siteConfig(settings, 'forum.example.org').enabled, true);
  await assert.rejects(store.muteRule('reddit', 'Not a rule'), /Not a rule id/);
  await assert.rejects(store.setSiteEnabled('no such site!', true), /Not a site/);
  await assert.rejects(store.removeSite('reddit'), /default site/);
  await store.removeSite('forum.example.org');
  assert.equal((await store.loadSettings()).sites['forum.example.org'], undefined);
});

test('onSettingsChanged reports each saved change once and can be unsubscribed', async () => {
  const { storage, store } = setup();
  const seen = [];
  const stop = store.onSettingsChanged((settings) => seen.push(settings.sites.reddit.enabled));
  await store.setSiteEnabled('reddit', false);
  await store.setSiteEnabled('reddit', true);
  assert.deepEqual(seen, [false, true]);
  stop();
  assert.equal(storage.listenerCount(), 0);
});

test('concurrent updates in one context do not lose each other', async () => {
  const { store } = setup();
  await Promise.all(['offer.discount', 'cta.buy', 'contact.dm', 'link.store'].map((r) => store.muteRule('x', r)));
  assert.deepEqual((await store.loadSettings()).sites.x.disabledRules, ['contact.dm', 'cta.buy', 'link.store', 'offer.discount']);
});

test('export → reset → import restores everything', async () => {
  const { store } = setup();
  await store.muteRule('linkedin', 'self.business');
  await store.setSiteEnabled('forum.example.org', true);
  await store.updateSettings((s) => { s.phrases = ['Acme Ladders', 'acme-ladders.example']; s.history.keepText = true; s.sites.x.sensitivity = 'strict'; });
  const before = await store.loadSettings();
  const file = await store.exportSettings();
  assert.deepEqual(JSON.parse(file), before);
  await store.resetSettings();
  assert.deepEqual(await store.loadSettings(), defaultSettings());
  await store.importSettings(file);
  assert.deepEqual(await store.loadSettings(), before);
});

test('a bad import is rejected with a clear error and nothing is applied', async () => {
  const { store } = setup();
  await store.muteRule('reddit', 'cta.buy');
  const before = await store.loadSettings();
  const good = JSON.parse(await store.exportSettings());
  const bad = [
    ['{"schemaVersion": 1,', /not valid JSON/],
    ['[1,2,3]', /not a Read the Room settings file/],
    ['{"enabled": true}', /not a Read the Room settings file/],
    [JSON.stringify({ ...good, sites: { ...good.sites, x: { ...good.sites.x, sensitivity: 'loud' } } }), /Sensitivity for x/],
    [JSON.stringify({ ...good, phrases: ['ok phrase', ''] }), /phrase/],
    [JSON.stringify({ ...good, extra: 1 }), /unknown setting "extra"/],
  ];
  for (const [file, message] of bad) {
    await assert.rejects(store.importSettings(file), (error) => {
      assert.match(error.message, message);
      assert.match(error.message, /Nothing was changed/);
      return true;
    });
    assert.deepEqual(await store.loadSettings(), before, `state unchanged after ${file.slice(0, 40)}`);
  }
});

test('parseSettingsFile accepts an older exported file through the migration', () => {
  const settings = parseSettingsFile(JSON.stringify({ ...defaultSettings(), schemaVersion: 1 }));
  assert.deepEqual(settings, defaultSettings());
});

test('phrase validation explains bad entries', () => {
  assert.equal(phraseProblem('Acme Ladders'), null);
  assert.equal(phraseProblem('shop.example.com/ladders'), null);
  assert.match(phraseProblem('a'), /too short/);
  assert.match(phraseProblem('!!!'), /letter or digit/);
  assert.match(phraseProblem('x'.repeat(101)), /at most 100/);
  assert.match(phraseProblem('Acme', ['ACME']), /already in the list/);
  assert.match(phraseProblem('line\nbreak'), /line breaks/);
});

test('the same repair made by two pages within a minute is logged once', async () => {
  const storage = fakeChromeStorage();
  const corrupt = { settings: { ...defaultSettings(), enabled: 'maybe' } };
  const [a, b] = [createSettingsStore(storage), createSettingsStore(storage)];
  await storage.sync.set(corrupt);
  await a.loadSettings();
  await storage.sync.set(corrupt); // b read the bad value before a's repair reached it
  await b.loadSettings();
  const log = await a.readRepairLog();
  assert.equal(log.filter((e) => /Global switch/.test(e.message)).length, 1);
});
