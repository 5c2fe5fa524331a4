// Permissions and packaging audit of the built extension (extension/dist/{chrome,firefox} and
// their -test builds, from `make extension`), against DESIGN.md: API permissions only
// storage/activeTab/scripting; host access only to the default social sites (the test builds
// add exactly http://127.0.0.1/*, this machine, for the local fixtures); other sites opt-in; no remote code, no outside connections, no network API in the
// packaged code except the WASM glue loading its own module, no HTML sinks.
// Reads files only; never launches a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './harness.mjs';

const ALLOWED_PERMISSIONS = new Set(['storage', 'activeTab', 'scripting']);
// The default social sites of DESIGN.md, as registrable domains; subdomains allowed.
const DEFAULT_SITES = ['reddit.com', 'x.com', 'twitter.com', 'linkedin.com', 'facebook.com', 'youtube.com',
  'mastodon.social', 'bsky.app', 'news.ycombinator.com'];
const FORBIDDEN_KEYS = ['externally_connectable', 'key', 'update_url', 'oauth2', 'chrome_url_overrides',
  'devtools_page', 'declarative_net_request', 'sandbox', 'content_capabilities', 'nacl_modules'];
const SAFE_NAMESPACES = ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xhtml'];

const builds = ['chrome', 'firefox', 'chrome-test', 'firefox-test']
  .map((browser) => ({ browser, dir: join(ROOT, 'extension', 'dist', browser), test: browser.endsWith('-test') }));

function manifestOf(dir) {
  const file = join(dir, 'manifest.json');
  assert.ok(existsSync(file), `${file} is missing: run \`make extension\` first`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** True for https://site/* or https://*.site/* of a default site, or http://127.0.0.1/* in a test build. */
function isDefaultSitePattern(pattern, test = false) {
  if (pattern === 'http://127.0.0.1/*') return test;
  const m = /^https:\/\/(\*\.)?([a-z0-9.-]+)\/\*$/.exec(pattern);
  if (!m) return false;
  const host = m[2];
  return DEFAULT_SITES.some((site) => host === site || host.endsWith(`.${site}`));
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

for (const { browser, dir, test: testBuild } of builds) {
  test(`${browser}: API permissions are only what DESIGN.md allows`, () => {
    const m = manifestOf(dir);
    assert.equal(m.manifest_version, 3);
    for (const p of m.permissions ?? []) assert.ok(ALLOWED_PERMISSIONS.has(p), `permission "${p}" is not allowed`);
    for (const p of m.optional_permissions ?? []) assert.ok(ALLOWED_PERMISSIONS.has(p), `optional permission "${p}" is not allowed`);
    for (const key of FORBIDDEN_KEYS) assert.equal(m[key], undefined, `manifest must not declare "${key}"`);
  });

  test(`${browser}: host access only to the default sites; everything else opt-in`, () => {
    const m = manifestOf(dir);
    assert.ok(m.host_permissions.length > 0);
    for (const h of m.host_permissions) assert.ok(isDefaultSitePattern(h, testBuild), `host permission "${h}" is not a default site`);
    for (const h of m.optional_host_permissions ?? []) assert.match(h, /^(https?|\*):\/\/[^/]+\/\*$/, `optional host "${h}"`);
    const allowed = new Set(m.host_permissions);
    for (const cs of m.content_scripts ?? []) {
      for (const match of cs.matches) assert.ok(allowed.has(match), `content script runs on "${match}" without host permission`);
      assert.equal(cs.match_about_blank ?? false, false, 'no content script on arbitrary about:blank frames');
      assert.equal(cs.world ?? 'ISOLATED', 'ISOLATED', 'content scripts stay in the isolated world');
    }
    for (const war of m.web_accessible_resources ?? []) {
      for (const r of war.resources) assert.match(r, /^pkg\//, `web-accessible "${r}" beyond the WASM package`);
      for (const match of war.matches ?? []) assert.ok(allowed.has(match), `"${match}" may load our files without host permission`);
      assert.equal(war.use_dynamic_url ?? false, false);
    }
  });

  test(`${browser}: no remote code in the extension pages' CSP or files`, () => {
    const m = manifestOf(dir);
    const csp = m.content_security_policy?.extension_pages ?? '';
    assert.doesNotMatch(csp, /https?:|'unsafe-eval'|'unsafe-inline'|\*/, `extension_pages CSP "${csp}"`);
    const hostPatterns = new Set([...m.host_permissions, ...(m.optional_host_permissions ?? [])]);
    for (const file of filesUnder(dir).filter((f) => /\.(m?js|html)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      const name = relative(dir, file);
      // Every URL literal is a host pattern the settings list, or an XML namespace: no endpoints.
      // (A template like `https://${typed}` parses what the person typed; it names no endpoint.)
      for (const url of (text.match(/https?:\/\/[^\s'"`)<>]+/g) ?? []).filter((u) => !u.includes('${'))) {
        assert.ok(hostPatterns.has(url) || SAFE_NAMESPACES.includes(url), `${name}: URL literal ${url}`);
      }
      for (const api of ['XMLHttpRequest', 'WebSocket', 'sendBeacon', 'EventSource', 'RTCPeerConnection', 'importScripts', 'new Function', 'eval(']) {
        assert.ok(!text.includes(api), `${name} uses ${api}`);
      }
      for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write']) {
        assert.ok(!text.includes(sink), `${name} writes HTML with ${sink}`);
      }
      // fetch only in the wasm-bindgen glue, to load its own module (content.js bundles the glue:
      // a content script cannot import it, so it holds the glue's calls and no others).
      const fetches = (t) => (t.match(/\bfetch\(/g) ?? []).length;
      const glueFetches = fetches(readFileSync(join(dir, 'pkg', 'read_the_room.js'), 'utf8'));
      if (name === 'content.js') assert.equal(fetches(text), glueFetches, 'content.js calls fetch beyond the glue');
      else if (!name.startsWith('pkg/')) assert.ok(!fetches(text), `${name} calls fetch`);
      if (name.endsWith('.html')) assert.doesNotMatch(text, /<(script|link)[^>]+(src|href)=["']?(https?:)?\/\//i, `${name} loads a remote resource`);
    }
  });
}

test('the host check itself rejects broad and look-alike patterns', () => {
  for (const bad of ['<all_urls>', 'https://*/*', '*://*/*', 'https://evil.example/*', 'https://reddit.com.evil.example/*',
    'https://notreddit.com/*', 'http://www.reddit.com/*', 'https://www.reddit.com/r/*', 'http://localhost/*']) {
    assert.equal(isDefaultSitePattern(bad), false, bad);
  }
  for (const good of ['https://*.reddit.com/*', 'https://x.com/*', 'https://news.ycombinator.com/*', 'http://127.0.0.1/*']) {
    assert.equal(isDefaultSitePattern(good, true), true, good);
  }
  assert.equal(isDefaultSitePattern('http://127.0.0.1/*'), false, 'the store build never has 127.0.0.1');
});
