// The options page driving the real extension in open tabs, live (no reload): a rule turned
// off for one site stops that rule there but not on another site, and the sensitivity slider
// changes the level of the same text. Uses tests/e2e/harness.mjs and the built extension.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, typeInto, waitFor } from './harness.mjs';

const PITCH = 'Our ladders are 20% off this week only, DM me for the link!';
// Commercial but mild: a caution when quiet, a pitch when strict (same score, other thresholds).
const BORDERLINE = 'Extension with a standoff wins for gutters. Full disclosure, I review ladders on my channel every week.';
const REDDIT = { fixture: 'reddit.html', editor: '[data-lexical-editor]' };
const HN = { fixture: 'hackernews.html', editor: 'textarea[name="text"]' };

let h;
before(async () => { h = await launchWithExtension(); });
after(async () => { await h?.close(); });

async function openOptions() {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/options/options.html`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

const hasRule = (rule, yes) => (s) => s.ui && s.ui.level && s.ui.rules.includes(rule) === yes;

test('a rule turned off for one site stops there, live, and keeps working on another site', async () => {
  await h.resetSettings();
  const reddit = await h.open(REDDIT.fixture);
  const hn = await h.open(HN.fixture);
  await typeInto(reddit, REDDIT.editor, PITCH);
  await typeInto(hn, HN.editor, PITCH);
  await h.waitState(reddit, 'offer.discount on reddit', hasRule('offer.discount', true));
  await h.waitState(hn, 'offer.discount on hacker news', hasRule('offer.discount', true));

  const options = await openOptions();
  const box = options.locator('input[data-rule="offer.discount"][data-site="reddit"]');
  assert.equal(await box.isChecked(), true);
  await box.uncheck();
  await h.waitState(reddit, 'offer.discount gone on reddit', hasRule('offer.discount', false));
  const stillThere = await h.state(hn);
  assert.ok(stillThere.ui.rules.includes('offer.discount'), `hacker news still flags it: ${stillThere.ui.rules}`);

  await box.check();
  await h.waitState(reddit, 'offer.discount back on reddit', hasRule('offer.discount', true));
  for (const page of [reddit, hn, options]) await page.close();
});

test('the sensitivity slider changes the level of the same text', async () => {
  await h.resetSettings();
  const hn = await h.open(HN.fixture);
  await typeInto(hn, HN.editor, BORDERLINE);
  await h.waitState(hn, 'a verdict', (s) => s.ui && s.ui.level);
  const options = await openOptions();
  const slider = options.locator('tr[data-site="hackernews"] input.sensitivity');
  await slider.focus();
  await options.keyboard.press('Home');
  await waitFor('quiet saved', () => options.locator('tr[data-site="hackernews"] output').textContent().then((t) => t === 'quiet'));
  await h.waitState(hn, 'caution when quiet', (s) => s.ui && s.ui.level === 'caution');
  await options.keyboard.press('End');
  await h.waitState(hn, 'pitch when strict', (s) => s.ui && s.ui.level === 'pitch');
  assert.equal(await h.worker.evaluate(async () => {
    const { settings } = { ...(await chrome.storage.local.get('settings')), ...(await chrome.storage.sync.get('settings')) };
    return settings.sites.hackernews.sensitivity;
  }), 'strict');
  await hn.close();
  await options.close();
});
