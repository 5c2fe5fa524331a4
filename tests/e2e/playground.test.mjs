// End-to-end: headless Chromium drives the playground (www/) served by scripts/serve.mjs.
// Typing a pitch under a discussion shows `pitch` with the right spans marked and explained;
// turning the thread into a purchase request lowers the level; the case survives a shared
// link; a one-click fix rewrites the reply through the textarea's undo stack (Ctrl+Z restores it); page text is rendered as text; the page makes no request off 127.0.0.1. Also checks
// scripts/serve.mjs (MIME, headers, traversal) and scripts/run.mjs without a display.
// Waits on DOM state only, never on fixed times. Needs `make wasm` (www/pkg/) first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { EXAMPLES } from '../../www/examples.js';
import { encodeHash } from '../../www/state.js';

const WWW = fileURLToPath(new URL('../../www/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PITCH = 'Our ladders are 20% off this week only, DM me for the link!';
const REQUEST = "I'm in the market for a new ladder, anyone selling?";

let server;
let browser;
const offsiteRequests = [];

before(async () => {
  if (!existsSync(`${WWW}pkg/read_the_room_bg.wasm`)) throw new Error('www/pkg/ is missing: run make wasm first');
  server = await serve({ root: WWW, port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  assert.deepEqual(offsiteRequests, [], 'the playground requested something off 127.0.0.1');
});

async function openPlayground(hash = '') {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) offsiteRequests.push(request.url());
  });
  await page.goto(server.url + hash);
  await page.waitForSelector('html[data-ready="true"]');
  await page.waitForSelector('#verdict[data-level="ok"], #verdict[data-level="caution"], #verdict[data-level="pitch"]');
  return { page, errors };
}

// A discussion thread with no offers asked for, typed into the editor like a person would.
async function useThread(page, { title, post }) {
  await page.fill('#title', title);
  await page.fill('#messages li:first-child textarea', post);
  await page.check('#messages li:first-child input[type="radio"]');
}

async function level(page) {
  return page.getAttribute('#verdict', 'data-level');
}

test('typing a pitch under a discussion shows pitch, with its spans marked and explained', async () => {
  const { page, errors } = await openPlayground();
  await useThread(page, { title: 'Ladders', post: 'Which ladder style is best for gutters?' });
  await page.fill('#reply', '');
  await page.locator('#reply').pressSequentially(PITCH);
  await page.waitForSelector('#verdict[data-level="pitch"]');
  assert.equal((await page.textContent('#level')).trim(), 'Pitch');
  assert.ok((await page.textContent('#summary')).trim().length > 0, 'a summary is shown');

  const marks = await page.$$eval('#reply-view mark', (nodes) =>
    nodes.map((n) => ({ text: n.textContent, start: +n.dataset.start, end: +n.dataset.end, rules: n.dataset.rules, tip: n.dataset.tip })),
  );
  assert.ok(marks.length >= 2, `expected at least two marked spans, got ${JSON.stringify(marks)}`);
  for (const mark of marks) {
    assert.equal(PITCH.slice(mark.start, mark.end), mark.text, 'a mark sits exactly on its UTF-16 offsets');
    assert.ok(mark.tip.length > 0, 'every mark has a reason');
  }
  const marked = marks.map((m) => m.text).join(' | ');
  assert.match(marked, /20% off/, `the discount is marked (${marked})`);
  assert.match(marked, /DM me/, `the call to DM is marked (${marked})`);
  assert.equal(await page.textContent('#reply-view'), PITCH, 'the annotated reply shows the reply verbatim');
  assert.ok((await page.$$('#signal-list li')).length >= 2, 'the reasons are listed');
  assert.ok((await page.$$('#suggestions li')).length >= 1, 'suggestions are listed');

  // Keyboard: Tab from the reply box reaches a mark, whose reason shows and is its description.
  await page.focus('#reply');
  let focused = null;
  for (let i = 0; i < 12 && !focused; i += 1) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => (document.activeElement?.matches('#reply-view mark') ? document.activeElement.dataset.tip : null));
  }
  assert.ok(focused, 'a marked span is reachable with Tab');
  const shown = await page.evaluate(() => {
    const mark = document.activeElement;
    return {
      after: getComputedStyle(mark, '::after').content,
      description: document.getElementById(mark.getAttribute('aria-describedby'))?.textContent,
    };
  });
  assert.equal(shown.after, JSON.stringify(focused), 'the reason shows on focus');
  assert.equal(shown.description, focused, 'the reason is the mark’s accessible description');
  assert.deepEqual(errors, []);
  await page.close();
});

test('turning the thread into a purchase request lowers the level and marks the invitation', async () => {
  const { page } = await openPlayground();
  await useThread(page, { title: 'Ladders', post: 'Which ladder style is best for gutters?' });
  await page.fill('#reply', PITCH);
  await page.waitForSelector('#verdict[data-level="pitch"]');
  const pitchScore = Number(await page.textContent('#meter-score output'));

  await page.fill('#title', '');
  await page.fill('#messages li:first-child textarea', REQUEST);
  await page.waitForSelector('#verdict[data-level="ok"], #verdict[data-level="caution"]');
  assert.ok(Number(await page.textContent('#meter-score output')) < pitchScore, 'the score dropped');
  assert.ok(Number(await page.textContent('#meter-invited output')) > 0, 'the thread counts as inviting');
  const invitations = await page.$$eval('#thread-view mark.mark-invitation', (nodes) => nodes.map((n) => n.textContent));
  assert.ok(invitations.length >= 1, 'the request is marked in the thread');
  assert.ok(invitations.every((text) => REQUEST.includes(text)), `invitation marks point into the post: ${invitations}`);
  await page.close();
});

test('the case lives in the URL hash: a shared link reopens it', async () => {
  const { page } = await openPlayground();
  await useThread(page, { title: 'Ladders', post: 'Which ladder style is best for gutters?' });
  await page.fill('#reply', PITCH);
  await page.waitForSelector('#verdict[data-level="pitch"]');
  await page.waitForFunction((reply) => location.hash.startsWith('#case=') && document.querySelector('#reply').value === reply, PITCH);
  await page.waitForFunction(() => {
    const state = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(location.hash.slice(6).replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0))));
    return state.thread.messages[0].text === 'Which ladder style is best for gutters?';
  });
  const hash = await page.evaluate(() => location.hash);
  await page.close();

  const { page: shared } = await openPlayground(hash);
  await shared.waitForSelector('#verdict[data-level="pitch"]');
  assert.equal(await shared.inputValue('#reply'), PITCH);
  assert.equal(await shared.inputValue('#title'), 'Ladders');
  await shared.close();
});

test('a one-click fix rewrites the reply as the analyzer says, re-scores it, and Ctrl+Z brings the original back', async () => {
  const thread = { title: 'Ladders', messages: [{ author: 'op', text: 'Which ladder style is best for cleaning gutters on a two-storey house?' }], parent: 0 };
  const reply = 'A fibreglass extension ladder is best for gutters. Check out https://shop.example.com/ladders for the best deals. DM me and I\'ll send you a quote.';
  const { page, errors } = await openPlayground(encodeHash({ thread, reply, sensitivity: 0 }));
  await page.waitForSelector('#verdict[data-level="pitch"]');
  assert.equal(await page.inputValue('#reply'), reply);
  // The fixes as the analyzer itself reports them, asked for in the page, apart from its UI.
  const fixes = await page.evaluate(async ({ thread, reply }) => {
    const { loadAnalyzer } = await import('./pkg/analyzer-client.mjs');
    const analyzer = await loadAnalyzer(new URL('./pkg/', location.href), { config: { sensitivity: 0 } });
    return analyzer.thread(thread).fixes(reply);
  }, { thread, reply });
  assert.ok(fixes.length >= 1, 'this pitch is offered fixes');
  // The fixes follow the verdict once typing pauses.
  await page.waitForSelector('#fixes:not([aria-busy]) button.fix');
  const buttons = await page.$$eval('#fixes button.fix', (nodes) => nodes.map((n) => ({ id: n.dataset.fix, after: n.dataset.after, label: n.querySelector('.fix-label').textContent, del: [...n.querySelectorAll('del')].map((d) => d.textContent) })));
  assert.deepEqual(buttons.map((b) => b.id), fixes.map((f) => f.id), 'one button per fix, best first');
  const fix = fixes[0];
  let expected = reply;
  for (const edit of [...fix.edits].sort((a, b) => b.start - a.start)) expected = expected.slice(0, edit.start) + edit.text + expected.slice(edit.end);
  assert.notEqual(expected, reply);
  assert.ok(buttons[0].del.length > 0 && buttons[0].del.every((words) => reply.includes(words.replace(/…$/, ''))), `the preview strikes through words of the reply: ${JSON.stringify(buttons[0])}`);

  // Keyboard: the fix is a button reachable by focus and activated with Enter.
  await page.focus(`#fixes button[data-fix="${fix.id}"]`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((text) => document.querySelector('#reply').value === text, expected);
  await page.waitForSelector(`#verdict[data-level="${fix.after.level}"]`);
  await page.waitForFunction((score) => document.querySelector('#meter-score output').textContent === String(score), fix.after.score);
  assert.match(await page.textContent('#fix-status'), /Fix applied/);

  // Undo: one Ctrl+Z in the reply box restores the original, and its verdict.
  await page.focus('#reply');
  await page.keyboard.press('Control+z');
  await page.waitForFunction((text) => document.querySelector('#reply').value === text, reply);
  await page.waitForSelector('#verdict[data-level="pitch"]');
  assert.deepEqual(errors, []);
  await page.close();
});

test('every example loads and shows the level its story calls for; page text is only text', async () => {
  const { page, errors } = await openPlayground();
  const options = await page.$$eval('#example option', (nodes) => nodes.map((n) => n.value).filter(Boolean));
  assert.ok(options.length >= 5, `examples: ${options}`);
  for (const example of EXAMPLES) {
    await page.selectOption('#example', example.id);
    // Each example tells its story: the level DESIGN.md calls for, on its own thread and reply.
    await page.waitForFunction(
      ({ post, reply, expect }) =>
        document.querySelector('#thread-view .message .annotated')?.textContent === post &&
        document.querySelector('#reply-view').textContent === reply &&
        document.querySelector('#verdict').dataset.level === expect,
      { post: example.thread.messages[0].text, reply: example.reply, expect: example.expect },
      { timeout: 10_000 },
    ).catch(async () => {
      assert.fail(`example ${example.id}: expected ${example.expect}, shown ${await level(page)}`);
    });
  }
  const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await page.fill('#messages li:first-child textarea', hostile);
  await page.fill('#reply', hostile);
  await page.waitForFunction((text) => document.querySelector('#reply-view').textContent === text, hostile);
  assert.equal(await page.$$eval('#reply-view img, #reply-view b, #thread-view img, #thread-view b', (n) => n.length), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  await page.close();
});

test('pasting a thread: plain text becomes messages, broken JSON gives a clear error', async () => {
  const { page } = await openPlayground();
  await page.click('.paste summary');
  await page.fill('#paste-text', '{"messages": [');
  await page.click('#paste-load');
  await page.waitForFunction(() => document.querySelector('#paste-error').textContent.includes('does not parse'));
  await page.fill('#paste-text', `ana: ${REQUEST}\n\nbo: I got mine at a yard sale`);
  await page.click('#paste-load');
  await page.waitForFunction(() => document.querySelectorAll('#messages li').length === 2 && document.querySelector('#paste-error').textContent === '');
  assert.deepEqual(await page.$$eval('#messages .author', (n) => n.map((x) => x.value)), ['ana', 'bo']);
  await page.waitForSelector('#thread-view mark.mark-invitation');
  await page.close();
});

test('serve.mjs: MIME types, extra headers, no way out of the root', async () => {
  const wasm = await fetch(`${server.url}pkg/read_the_room_bg.wasm`);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  await wasm.arrayBuffer();
  const page = await fetch(server.url);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  assert.match(await page.text(), /Read the Room/);
  // Raw paths: fetch() would normalise the dots away before they reach the server.
  const rawStatus = (path) =>
    new Promise((done, fail) => {
      get({ host: '127.0.0.1', port: server.port, path }, (response) => {
        response.resume();
        done(response.statusCode);
      }).on('error', fail);
    });
  for (const path of ['/../package.json', '/..%2Fpackage.json', '/%2e%2e/%2e%2e/Makefile', '/pkg/../../Makefile', '/nope.html', '/%E0%A4%A']) {
    assert.ok([400, 404].includes(await rawStatus(path)), path);
  }
  assert.equal(await rawStatus('/pkg/../index.html'), 200);
  const post = await fetch(server.url, { method: 'POST', body: 'x' });
  assert.equal(post.status, 405);
  await post.text();
  const other = await serve({ root: WWW, port: 0, headers: { '/index.html': { 'Content-Security-Policy': "script-src 'none'" } } });
  try {
    const strict = await fetch(`${other.url}index.html`);
    assert.equal(strict.headers.get('content-security-policy'), "script-src 'none'");
    await strict.text();
    assert.match(other.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  } finally {
    await other.close();
  }
});

test('run.mjs without a display says so, serves the playground, and stops cleanly', async () => {
  const env = { ...process.env, PORT: '0' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const child = spawn(process.execPath, [fileURLToPath(new URL('../../scripts/run.mjs', import.meta.url))], { env });
  let output = '';
  const exited = new Promise((done) => child.on('exit', (code) => done(code)));
  try {
    await new Promise((done, fail) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (output.includes('Serving until Ctrl-C')) done();
      });
      child.on('exit', () => fail(new Error(`run.mjs exited early:\n${output}`)));
    });
    assert.match(output, /No display found/);
    assert.match(output, /Load unpacked/);
    const url = /Playground:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
    assert.ok(url, `a playground URL is printed:\n${output}`);
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /Read the Room/);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
});
