// End-to-end tests of the toolbar popup in headless Chromium with the unpacked extension:
// empty state, history chart and per-site breakdown after verdicts are recorded, the 7/30-day
// range, live updates, the last verdict of the current tab, the site switch, and the history
// bound (the oldest entries dropped past 10,000).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY_MS, launchExtension, servePage, waitFor } from './popup-options-kit.mjs';

let ext;
let site;
let tabId;

before(async () => {
  ext = await launchExtension();
  site = await servePage('Which ladder style is best for gutters?');
  const page = await ext.context.newPage();
  await page.goto(site.url);
  tabId = await ext.inWorker(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, site.url);
  assert.ok(Number.isInteger(tabId), 'found the test page tab');
});

after(async () => {
  await ext?.close();
  await site?.close();
});

const seedHistory = (entries) => ext.inWorker((e) => chrome.storage.local.set({ history: e }), entries);
const clearAll = () => ext.inWorker(async () => {
  await chrome.storage.local.clear();
  await chrome.storage.sync.clear();
  await chrome.storage.session.clear();
});

async function openPopup() {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 360, height: 560 });
  await page.goto(ext.pageUrl(`popup/popup.html?tab=${tabId}`));
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

test('empty state explains what will appear', async () => {
  await clearAll();
  const page = await openPopup();
  const empty = page.locator('#history-empty');
  await empty.waitFor({ state: 'visible' });
  assert.match(await empty.textContent(), /No verdicts in the last 7 days.*never your words/s);
  assert.equal(await page.locator('#history-content').isVisible(), false);
  assert.equal(await page.locator('#site-name').textContent(), '127.0.0.1');
  await page.close();
});

test('a tab the popup cannot describe gets a note, not a switch', async () => {
  await clearAll();
  const page = await ext.context.newPage();
  await page.goto(ext.pageUrl('popup/popup.html?tab=2147483000'));
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('#site-name').textContent(), 'This page');
  assert.match(await page.locator('#site-note').textContent(), /works on web pages/);
  assert.equal(await page.locator('#site-switch').isVisible(), false);
  assert.equal(await page.locator('#enable-site').isVisible(), false);
  await page.close();
});

test('recorded verdicts appear in the chart, the per-site breakdown and the recent list', async () => {
  await clearAll();
  const now = Date.now();
  await seedHistory([
    { time: now - 10 * DAY_MS, site: 'reddit', level: 'ok', score: 4, rules: [] },
    { time: now - 2 * DAY_MS, site: 'x', level: 'caution', score: 48, rules: ['self.business'] },
    { time: now - 60_000, site: 'reddit', level: 'pitch', score: 86, rules: ['offer.discount', 'contact.dm'] },
  ]);
  const page = await openPopup();
  await page.waitForSelector('#history[data-count="2"]');
  assert.equal(await page.locator('#daily-chart svg g.day').count(), 7, 'one bar slot per day');
  assert.equal(await page.locator('#daily-chart rect[data-level="pitch"]').count(), 1);
  assert.equal(await page.locator('#daily-chart rect[data-level="caution"]').count(), 1);
  assert.equal(await page.locator('#daily-chart rect[data-level="ok"]').count(), 0, 'the 10-day-old verdict is outside 7 days');
  assert.deepEqual(await page.locator('#site-chart g.site').evaluateAll((gs) => gs.map((g) => g.dataset.site)), ['reddit', 'x']);
  assert.equal(await page.locator('#site-chart g[data-site="reddit"] text.name').textContent(), 'Reddit');
  const first = page.locator('#recent > li').first();
  assert.equal(await first.getAttribute('data-level'), 'pitch');
  assert.deepEqual(await first.locator('li[data-rule]').evaluateAll((lis) => lis.map((li) => li.dataset.rule)), ['offer.discount', 'contact.dm']);
  for (const words of await first.locator('li[data-rule]').allTextContents()) {
    assert.ok(words.length > 3 && !/^[a-z]+\.[a-z]+$/.test(words), `rule shown in words, not as an id: ${words}`);
  }
  await page.locator('.range button[data-days="30"]').click();
  await page.waitForSelector('#history[data-count="3"]');
  assert.equal(await page.locator('#daily-chart svg g.day').count(), 30);
  assert.equal(await page.locator('#daily-chart rect[data-level="ok"]').count(), 1);

  // A verdict recorded while the popup is open shows up without reopening it.
  await ext.inWorker(async (entry) => {
    const { history } = await chrome.storage.local.get('history');
    await chrome.storage.local.set({ history: [...history, entry] });
  }, { time: Date.now(), site: 'linkedin', level: 'pitch', score: 91, rules: ['cta.buy'] });
  await page.waitForSelector('#history[data-count="4"]');
  await page.waitForSelector('#site-chart g[data-site="linkedin"]');
  await page.close();
});

test('the last verdict on the current tab and the site switch', async () => {
  await clearAll();
  await ext.inWorker(([id]) => chrome.storage.session.set({ [`lastVerdict:${id}`]: {
    time: Date.now(), site: '127.0.0.1', level: 'pitch', score: 77, rules: ['contact.dm'] } }), [tabId]);
  const page = await openPopup();
  await page.waitForSelector('#last-verdict[data-level="pitch"]');
  assert.match(await page.locator('#last-level').textContent(), /pitch/);
  assert.equal(await page.locator('#last-rules li[data-rule="contact.dm"]').count(), 1);

  // 127.0.0.1 is in the manifest's host access, so it gets a switch (off: not a default site).
  const toggle = page.locator('#site-toggle');
  await toggle.waitFor({ state: 'visible' });
  assert.equal(await toggle.isChecked(), false);
  await toggle.check();
  await waitFor('the site to be on in settings', async () => (await ext.settings())?.sites?.['127.0.0.1']?.enabled === true);
  const settings = await ext.settings();
  assert.equal(settings.sites.reddit.enabled, true, 'other sites unchanged');

  // The background worker replaces the last verdict: the popup follows.
  await ext.inWorker(([id]) => chrome.storage.session.set({ [`lastVerdict:${id}`]: {
    time: Date.now(), site: '127.0.0.1', level: 'ok', score: 2, rules: [] } }), [tabId]);
  await page.waitForSelector('#last-verdict[data-level="ok"]');
  await page.close();
});

test('history past its bound drops the oldest entries', async () => {
  await clearAll();
  const now = Date.now();
  const entries = Array.from({ length: 10_005 }, (_, i) => ({
    time: now - 3 * DAY_MS + i * 1000, site: i % 2 ? 'reddit' : 'x', level: 'ok', score: i % 100, rules: [] }));
  await seedHistory(entries);
  const page = await openPopup();
  await page.locator('.range button[data-days="30"]').click();
  await page.waitForSelector('#history[data-count="10000"]');
  const stored = await waitFor('the bounded history to be written back', async () => {
    const { history } = await ext.inWorker(() => chrome.storage.local.get('history'));
    return history.length === 10_000 && history;
  });
  assert.equal(stored[0].time, entries[5].time, 'the five oldest were dropped');
  assert.equal(stored.at(-1).time, entries.at(-1).time, 'the newest kept');
  await page.close();
});
