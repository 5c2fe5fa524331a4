// Failure hardening: the extension's WASM module is corrupt (a bad update, a disk error), so
// neither the content script nor the worker can load it. Typing must be unaffected, nothing
// thrown into the page, no verdict invented, and the failure recorded where the extension
// reports its state. Runs a copy of the test build (extension/dist/chrome-test) with a broken module.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PITCH = 'Our ladders are 20% off this week only, DM me for the link!';
const brokenDir = mkdtempSync(join(tmpdir(), 'rtr-broken-ext-'));
let h;
let harness;

before(async () => {
  cpSync(join(ROOT, 'extension', 'dist', 'chrome-test'), brokenDir, { recursive: true });
  writeFileSync(join(brokenDir, 'pkg', 'read_the_room_bg.wasm'), Buffer.from('\0asm this is not a module'));
  process.env.RTR_EXTENSION_DIR = brokenDir; // the harness reads it when imported
  harness = await import('./harness.mjs');
  h = await harness.launchWithExtension();
  await h.enableSites(['127.0.0.1']);
});
after(async () => {
  await h?.close();
  rmSync(brokenDir, { recursive: true, force: true });
});

test('a corrupt WASM module: typing unaffected, no page errors, no invented verdict, failure recorded', async () => {
  const page = await h.open('generic.html');
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await harness.typeInto(page, '#reply-text', PITCH);
    const s = await h.waitState(page, 'the load failure to be recorded', (x) => x.lastError);
    assert.equal(await page.locator('#reply-text').inputValue(), PITCH, 'typing unaffected');
    assert.deepEqual(errors, [], 'nothing thrown into the page');
    assert.ok(!s.verdict, `no verdict without an analyzer (got ${JSON.stringify(s.verdict)})`);
    assert.notEqual(s.ui && s.ui.level, 'pitch');
    const said = await h.waitState(page, 'the quiet "could not start" badge', (x) => x.ui && x.ui.level === 'unavailable');
    assert.equal(said.ui.badgeVisible, true, 'the failure is said once, on the badge');
    await page.keyboard.type(' More text.');
    assert.equal(await page.locator('#reply-text').inputValue(), `${PITCH} More text.`);
  } finally {
    await page.close();
  }
});
