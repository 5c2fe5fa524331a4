// Lifecycle hardening: the extension goes away (reloaded, updated, disabled or removed) while a
// tab with a half-typed reply is open. Chromium does not bring back an extension loaded from
// the command line after chrome.runtime.reload(), so this is the "gone" case: the orphaned
// content script must throw nothing into the page, typing must go on unaffected, and its badge
// must leave with it.
// Waits for states (harness, service worker events), never for fixed times.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, typeInto, waitFor } from './harness.mjs';

const PITCH = 'Our ladders are 20% off this week only, DM me for the link!';
let h;
before(async () => { h = await launchWithExtension(); await h.enableSites(['127.0.0.1']); });
after(async () => { await h?.close(); });

test('extension unloaded mid-reply: no errors in the page, typing unaffected, the badge removed', async () => {
  const page = await h.open('generic.html');
  const errors = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  // The browser's own favicon request 404s on the fixture server; that is not the extension.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location().url || '')) errors.push(`console: ${m.text()}`);
  });
  try {
    await typeInto(page, '#reply-text', PITCH);
    await h.waitState(page, 'a pitch badge before the reload', (s) => s.scored && s.ui && s.ui.badgeVisible);
    assert.equal(await page.evaluate(() => document.querySelectorAll('read-the-room-ui').length), 1);
    const oldWorkerGone = new Promise((resolve) => h.worker.once('close', resolve));
    await h.worker.evaluate(() => { setTimeout(() => chrome.runtime.reload(), 0); });
    await oldWorkerGone; // the old version is gone; its content script in the tab is orphaned
    // Gone for good once its own pages are refused.
    const probe = await h.context.newPage();
    await waitFor('the extension to be unloaded', () => probe
      .goto(`chrome-extension://${h.extensionId}/popup/popup.html`).then(() => false, (e) => /ERR_BLOCKED_BY_CLIENT|ERR_FILE_NOT_FOUND|ERR_INVALID_URL/.test(e.message)));
    await probe.close();
    await page.keyboard.type(' Also, what height are your gutters?');
    await page.locator('h1').click(); // blur: the orphan tries to report its settled verdict
    await page.locator('#reply-text').click();
    await page.keyboard.type(' Thanks!');
    const expected = `${PITCH} Also, what height are your gutters? Thanks!`;
    await waitFor('the typed text to land', async () => (await page.locator('#reply-text').inputValue()) === expected);
    assert.deepEqual(errors, [], 'nothing thrown into or logged in the page');
    // The extension is gone for good here, so its badge must go too (no stale verdict left).
    await waitFor('the orphaned badge to be removed', () => page.evaluate(() => document.querySelectorAll('read-the-room-ui').length === 0));
  } finally {
    await page.close();
  }
});
