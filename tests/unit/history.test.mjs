// Unit tests for extension/src/shared/history.js on an in-memory chrome.storage:
// recording, the on/off switch, the text opt-in, both bounds, corrupt entries, clearing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSettingsStore } from '../../extension/src/shared/settings.js';
import { MAX_ENTRIES, createHistoryStore } from '../../extension/src/shared/history.js';
import { fakeChromeStorage } from './fake-storage.mjs';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 23, 12);

function setup({ maxEntries } = {}) {
  const storage = fakeChromeStorage();
  const settings = createSettingsStore(storage);
  const clock = { now: NOW };
  const history = createHistoryStore(storage, settings, { maxEntries, now: () => clock.now });
  return { storage, settings, history, clock };
}

const verdict = (over = {}) => ({ time: NOW, site: 'reddit', level: 'pitch', score: 82, rules: ['offer.discount', 'contact.dm'], ...over });

test('records verdicts without text and reads them back oldest first', async () => {
  const { history } = setup();
  assert.equal(await history.recordVerdict(verdict({ time: NOW - 1000, text: 'Our ladders are 20% off' })), true);
  assert.equal(await history.recordVerdict(verdict({ time: NOW - 5000, site: 'x', level: 'ok', score: 3, rules: [] })), true);
  const entries = await history.readHistory();
  assert.deepEqual(entries.map((e) => e.site), ['x', 'reddit']);
  assert.ok(entries.every((e) => !('text' in e)), 'no text stored without the opt-in');
  assert.deepEqual(entries[1], { time: NOW - 1000, site: 'reddit', level: 'pitch', score: 82, rules: ['offer.discount', 'contact.dm'] });
  assert.deepEqual((await history.readHistory({ sinceMs: NOW - 2000 })).map((e) => e.site), ['reddit']);
});

test('keeps text only with the opt-in and only when a text is passed; forgetTexts removes it', async () => {
  const { history, settings } = setup();
  await settings.updateSettings((s) => { s.history.keepText = true; });
  await history.recordVerdict(verdict({ text: 'Our ladders are 20% off' }));
  await history.recordVerdict(verdict({ time: NOW + 1 }));
  const entries = await history.readHistory();
  assert.equal(entries[0].text, 'Our ladders are 20% off');
  assert.equal('text' in entries[1], false);
  await history.forgetTexts();
  assert.ok((await history.readHistory()).every((e) => !('text' in e)));
});

test('nothing is recorded while history is off', async () => {
  const { history, settings, storage } = setup();
  await settings.updateSettings((s) => { s.history.enabled = false; });
  assert.equal(await history.recordVerdict(verdict()), false);
  assert.equal(storage.local.data.has('history'), false);
});

test('a bad entry is refused with a clear error and stores nothing', async () => {
  const { history, storage } = setup();
  const bad = [{ level: 'meh' }, { score: 140 }, { time: 'yesterday' }, { rules: 'cta.buy' }, { site: '' }, { text: 5 }];
  for (const over of bad) {
    await assert.rejects(history.recordVerdict(verdict(over)), /not recorded/);
  }
  await assert.rejects(history.recordVerdict(null), /must be an object/);
  assert.equal(storage.local.data.has('history'), false);
});

test('past the entry bound the oldest entries are dropped', async () => {
  const { history } = setup({ maxEntries: 5 });
  for (let i = 0; i < 8; i++) await history.recordVerdict(verdict({ time: NOW - 8000 + i * 1000, score: i }));
  const entries = await history.readHistory();
  assert.deepEqual(entries.map((e) => e.score), [3, 4, 5, 6, 7]);
});

test('the real bound is 10,000 entries', async () => {
  const { history, storage } = setup();
  assert.equal(MAX_ENTRIES, 10_000);
  const entries = Array.from({ length: MAX_ENTRIES }, (_, i) => verdict({ time: NOW - DAY + i, score: i % 100 }));
  await storage.local.set({ history: entries });
  await history.recordVerdict(verdict({ time: NOW, score: 55 }));
  const kept = await history.readHistory();
  assert.equal(kept.length, MAX_ENTRIES);
  assert.equal(kept[0].time, NOW - DAY + 1, 'the oldest one went');
  assert.equal(kept.at(-1).score, 55);
});

test('entries older than the retention are dropped, on write and on read', async () => {
  const { history, settings, clock } = setup();
  await settings.updateSettings((s) => { s.history.retentionDays = 7; });
  await history.recordVerdict(verdict({ time: NOW - 8 * DAY }));
  await history.recordVerdict(verdict({ time: NOW - 6 * DAY }));
  assert.equal((await history.readHistory()).length, 1);
  clock.now = NOW + 2 * DAY;
  assert.equal((await history.readHistory()).length, 0, 'aged out without a new write');
});

test('corrupt history entries are dropped, the rest kept, and the repair is logged', async () => {
  const { history, settings, storage } = setup();
  await storage.local.set({ history: [verdict({ time: NOW - 3 }), { nonsense: true }, 'x', verdict({ time: NOW - 1, level: 'ok' })] });
  const entries = await history.readHistory();
  assert.deepEqual(entries.map((e) => e.level), ['pitch', 'ok']);
  assert.match((await settings.readRepairLog()).at(-1).message, /Removed 2 unreadable history entries; kept the other 2/);
  assert.equal((await storage.local.get('history')).history.length, 2, 'repaired value written back');
  await storage.local.set({ history: 'not a list' });
  assert.deepEqual(await history.readHistory(), []);
});

test('clearHistory removes everything', async () => {
  const { history } = setup();
  await history.recordVerdict(verdict());
  await history.clearHistory();
  assert.deepEqual(await history.readHistory(), []);
});
