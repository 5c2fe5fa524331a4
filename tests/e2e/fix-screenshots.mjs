// Not a test: writes the README's before/after screenshots of a one-click fix on the
// Reddit-style fixture (www/fixtures/reddit.html) into docs/. Run after `make extension`:
//   node tests/e2e/fix-screenshots.mjs
// Types a pitch, opens the card (before: the fix buttons and their previews), applies the best
// fix from the keyboard as a person would (Tab, Enter), and shoots the fixed reply and badge.
import { join } from 'node:path';
import { ROOT, launchWithExtension, typeInto } from './harness.mjs';

const PITCH = 'A fibreglass extension ladder with a stabiliser is best for gutters. DM me for the link!';
const h = await launchWithExtension();
try {
  await h.enableSites(['127.0.0.1']);
  const page = await h.open('reddit.html');
  await page.setViewportSize({ width: 1000, height: 900 });
  await typeInto(page, '[data-lexical-editor]', PITCH);
  const s = await h.waitState(page, 'a verdict', (x) => x.scored && x.ui && x.ui.badgeVisible && x.verdict && x.verdict.level !== 'ok');
  await page.mouse.click(s.ui.badgeRect.x + s.ui.badgeRect.width / 2, s.ui.badgeRect.y + s.ui.badgeRect.height / 2);
  // The card asks for the fixes when it opens.
  const open = await h.waitState(page, 'the card with fix buttons', (x) => x.ui.cardOpen && x.ui.fixes.length > 0 && x.ui.cardButtons.some((b) => b.action === 'fix'));
  const fix = open.ui.fixes[0];
  let focused = null;
  for (let i = 0; i < 20 && focused !== fix.id; i++) {
    await page.keyboard.press('Tab');
    focused = (await h.state(page)).ui.focusedFix;
  }
  if (focused !== fix.id) throw new Error(`Tab did not reach the ${fix.id} button`);
  // Focused, the fix button is scrolled into view in the card: the "before" shot.
  await page.screenshot({ path: join(ROOT, 'docs', 'fix-reddit-before.png') });
  await page.keyboard.press('Enter');
  await h.waitState(page, 'the badge to follow the fix', (x) => x.scored && x.verdict && x.verdict.score === fix.after.score);
  await page.screenshot({ path: join(ROOT, 'docs', 'fix-reddit-after.png') });
  console.log(`applied ${fix.id} (${s.verdict.level} ${s.verdict.score} -> ${fix.after.level} ${fix.after.score}); screenshots in docs/fix-reddit-{before,after}.png`);
} finally {
  await h.close();
}
