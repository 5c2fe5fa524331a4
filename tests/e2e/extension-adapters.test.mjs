// Site adapters against their fixture pages: for every www/fixtures/<site>.html, the adapter
// run inside the page turns each listed reply box into exactly the thread in
// <site>.expected.json (post, comments in page order, and which one is being answered).
// Runs the adapters' own source (bundled), in plain Chromium, no extension involved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, adapterBundle, launchPlain, serveWww } from './harness.mjs';

const FIXTURES = join(ROOT, 'www', 'fixtures');
let browser;
let server;
let bundle;

before(async () => {
  [browser, server, bundle] = await Promise.all([launchPlain(), serveWww(), adapterBundle()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function threadIn(page, editor) {
  await page.addScriptTag({ content: bundle });
  return page.locator(editor).first().evaluate((el) => RTRSites.threadFor(el));
}

const expectedFiles = (await readdir(FIXTURES)).filter((f) => f.endsWith('.expected.json')).sort();

test('every site adapter has a fixture page with an expected thread', async () => {
  const sites = expectedFiles.map((f) => f.replace('.expected.json', ''));
  for (const site of ['reddit', 'old-reddit', 'x', 'linkedin', 'facebook', 'youtube', 'mastodon', 'bluesky', 'hackernews', 'generic']) {
    assert.ok(sites.includes(site), `www/fixtures/${site}.expected.json is missing`);
  }
});

for (const file of expectedFiles) {
  const site = file.replace('.expected.json', '');
  test(`${site}: the adapter reads the fixture's thread exactly`, async () => {
    const cases = JSON.parse(await readFile(join(FIXTURES, file), 'utf8'));
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}fixtures/${site}.html`);
      for (const { editor, adapter, thread } of cases) {
        const got = await threadIn(page, editor);
        assert.equal(got.adapterUsed, adapter, `${site} ${editor}: adapter used`);
        assert.deepEqual(got.thread, thread, `${site} ${editor}: thread`);
      }
    } finally {
      await page.close();
    }
  });
}

test('an adapter that finds nothing hands over to generic', async () => {
  const page = await browser.newPage();
  try {
    // The Reddit adapter on a Reddit fixture whose post is gone: generic must answer instead.
    await page.goto(`${server.url}fixtures/old-reddit.html`);
    await page.evaluate(() => document.querySelectorAll('.thing').forEach((el) => el.remove()));
    const got = await threadIn(page, 'textarea[name=text]');
    assert.equal(got.adapterUsed, 'generic');
    assert.equal(got.thread.title, 'Which ladder style is best for cleaning gutters? : HomeImprovement');
  } finally {
    await page.close();
  }
});

test('X: a composer above every tweet writes a new post, answering nobody', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}fixtures/x.html`);
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.contentEditable = 'true';
      box.setAttribute('data-testid', 'tweetTextarea_home');
      document.querySelector('[data-testid="primaryColumn"]').prepend(box);
    });
    const got = await threadIn(page, '[data-testid="tweetTextarea_home"]');
    assert.equal(got.adapterUsed, 'x');
    assert.deepEqual(got.thread, { messages: [], parent: 0 });
  } finally {
    await page.close();
  }
});

test('lone surrogates in page text reach the analyzer as U+FFFD, lengths unchanged', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}fixtures/hackernews.html`);
    await page.evaluate(() => { document.querySelector('.toptext').textContent = 'Ladder tips \uD83D please'; });
    const got = await threadIn(page, 'textarea[name=text]');
    assert.equal(got.thread.messages[0].text, 'Ladder tips \uFFFD please');
  } finally {
    await page.close();
  }
});

test('a 500-comment page gives the analyzer at most 200 messages, post and parent kept', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}fixtures/hackernews-long.html`);
    const got = await threadIn(page, 'textarea[name=text]');
    assert.equal(got.thread.messages.length, 200);
    assert.equal(got.thread.parent, 0);
    assert.match(got.thread.messages[0].text, /^Two-storey house/);
    assert.equal(got.thread.messages[1].text.startsWith('Comment 1:'), true);
  } finally {
    await page.close();
  }
});
