// Not a test: writes the README screenshots of the popup and the options page, light and dark,
// into docs/images/. Run after `make extension`:  node tests/e2e/popup-options-screenshots.mjs
// Seeds a made-up history (scores and rule ids only) through the service worker.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, launchWithExtension, typeInto } from './harness.mjs';

const DAY = 24 * 60 * 60 * 1000;
const out = join(ROOT, 'docs', 'images');
await mkdir(out, { recursive: true });
const h = await launchWithExtension();
try {
  await h.resetSettings();
  const now = Date.now();
  const sites = ['reddit', 'x', 'linkedin', 'hackernews', 'reddit'];
  const levels = ['caution', 'pitch', 'caution', 'pitch', 'caution', 'caution', 'pitch'];
  const rules = [['offer.discount', 'contact.dm'], ['self.business'], ['cta.buy', 'link.store'], ['contact.profile']];
  const history = Array.from({ length: 40 }, (_, i) => ({
    time: now - (i * 0.17 + 0.01) * DAY, site: sites[i % 5], level: levels[(i * 3) % 7], score: 40 + ((i * 37) % 55), rules: rules[i % 4],
  })).reverse();
  await h.worker.evaluate((entries) => chrome.storage.local.set({ history: entries }), history);
  const thread = await h.open('reddit.html');
  await typeInto(thread, '[data-lexical-editor]', 'Our ladders are 20% off this week only, DM me for the link!');
  await h.waitState(thread, 'a pitch badge', (s) => s.ui && s.ui.level === 'pitch');
  await thread.locator('[data-lexical-editor]').first().evaluate((el) => el.blur());
  await h.waitState(thread, 'settled', () => h.lastVerdict(thread));
  const tabId = await h.worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, thread.url());
  for (const scheme of ['light', 'dark']) {
    const page = await h.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 360, height: 560 });
    await page.goto(`chrome-extension://${h.extensionId}/popup/popup.html?tab=${tabId}`);
    await page.waitForSelector('body[data-ready="true"] #last-verdict:not([hidden])');
    await page.screenshot({ path: join(out, `popup-${scheme}.png`) });
    await page.setViewportSize({ width: 1100, height: 1000 });
    await page.goto(`chrome-extension://${h.extensionId}/options/options.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.screenshot({ path: join(out, `options-${scheme}.png`) });
    await page.close();
  }
  console.log(`screenshots written to ${out}`);
} finally {
  await h.close();
}
