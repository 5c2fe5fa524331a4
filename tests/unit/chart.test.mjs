// Unit tests for the popup's chart counting (extension/src/popup/chart.js): daily buckets
// stacked by level and the per-site breakdown. The drawing is covered by the popup e2e test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countByDay, countBySite, startOfDay } from '../../extension/src/popup/chart.js';

const now = new Date(2026, 10, 23, 15, 0).getTime();
const at = (daysAgo, hour = 10) => { const d = new Date(now); d.setDate(d.getDate() - daysAgo); d.setHours(hour); return d.getTime(); };

test('countByDay makes one bucket per day, today last, counting each level', () => {
  const entries = [
    { time: at(0), level: 'pitch', site: 'x' }, { time: at(0, 1), level: 'ok', site: 'x' },
    { time: at(6), level: 'caution', site: 'reddit' }, { time: at(7), level: 'pitch', site: 'reddit' },
    { time: at(2), level: 'weird', site: 'x' },
  ];
  const buckets = countByDay(entries, 7, now);
  assert.equal(buckets.length, 7);
  assert.equal(buckets.at(-1).day, startOfDay(now));
  assert.deepEqual(buckets.at(-1), { day: startOfDay(now), ok: 1, caution: 0, pitch: 1, total: 2 });
  assert.equal(buckets[0].caution, 1, 'six days ago is the first bucket');
  assert.equal(buckets.reduce((n, b) => n + b.total, 0), 3, 'older than the range and unknown levels are left out');
});

test('countBySite sorts by number of verdicts', () => {
  const rows = countBySite([
    { site: 'x', level: 'ok' }, { site: 'reddit', level: 'pitch' }, { site: 'reddit', level: 'pitch' }, { site: 'reddit', level: 'caution' },
  ]);
  assert.deepEqual(rows, [
    { site: 'reddit', ok: 0, caution: 1, pitch: 2, total: 3 },
    { site: 'x', ok: 1, caution: 0, pitch: 0, total: 1 },
  ]);
});
