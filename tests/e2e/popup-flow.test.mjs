// The popup's history, fed by the real extension: pitches typed on two fixture sites are
// recorded by the background worker and appear in the popup's chart, per-site breakdown,
// recent list (rules in plain words) and the tab's last verdict.
// Uses the extension engineer's harness (tests/e2e/harness.mjs) and the built extension.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, typeInto, waitFor } from './harness.mjs';

const PITCH = 'Our ladders are 20% off this week only, DM me for the link!';
const SITES = [
  { fixture: 'reddit.html', site: 'reddit', editor: '[data-lexical-editor]' },
  { fixture: 'hackernews.html', site: 'hackernews', editor: 'textarea[name="text"]' },
];

let h;
before(async () => { h = await launchWithExtension(); await h.resetSettings(); });
after(async () => { await h?.close(); });

const storedHistory = () => h.worker.evaluate(async () => (await chrome.storage.local.get('history')).history ?? []);

test('pitches typed on two sites appear in the popup history and chart', async () => {
  const pages = [];
  for (const { fixture, site, editor } of SITES) {
    const page = await h.open(fixture);
    pages.push(page);
    await typeInto(page, editor, PITCH);
    await h.waitState(page, 'a pitch badge', (s) => s.ui && s.ui.level === 'pitch');
    await page.locator(editor).first().evaluate((el) => el.blur()); // a verdict is settled when the box loses focus
    await waitFor(`a recorded verdict for ${site}`, async () => (await storedHistory()).some((e) => e.site === site));
  }
  const history = await storedHistory();
  assert.ok(history.every((e) => !('text' in e)), 'no reply text stored');

  const lastUrl = pages.at(-1).url();
  const tabId = await h.worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, lastUrl);
  const popup = await h.context.newPage();
  await popup.setViewportSize({ width: 360, height: 560 });
  await popup.goto(`chrome-extension://${h.extensionId}/popup/popup.html?tab=${tabId}`);
  await popup.waitForSelector('body[data-ready="true"]');
  await popup.waitForSelector(`#history[data-count="${history.length}"]`);
  for (const { site } of SITES) {
    assert.ok(await popup.locator(`#site-chart g[data-site="${site}"] rect[data-level="pitch"]`).count() > 0, `${site} in the breakdown`);
  }
  const today = popup.locator('#daily-chart g.day').last();
  assert.equal(Number(await today.getAttribute('data-total')), history.length, 'today holds every verdict');
  assert.ok(await today.locator('rect[data-level="pitch"]').count() > 0);
  assert.equal(await popup.locator('#site-name').textContent(), 'Hacker News');
  await popup.waitForSelector('#last-verdict[data-level="pitch"]');
  // Rules in plain words from the analyzer's catalogue, not ids.
  const words = await popup.locator('#recent > li').first().locator('li[data-rule="offer.discount"]').textContent();
  assert.ok(words && !words.includes('offer.discount') && words.length > 8, `offer.discount in words: ${words}`);
  await popup.close();
  for (const page of pages) await page.close();
});
