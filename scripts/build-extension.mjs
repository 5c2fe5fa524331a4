#!/usr/bin/env node
// Builds the unpacked extension into extension/dist/chrome/ and extension/dist/firefox/.
// What it does: bundles the content script (classic IIFE: content scripts cannot be modules),
// the background worker (ESM; the WASM glue stays an external module next to it; both bundle
// js/analyzer-client.mjs, so it is not copied as a file), the popup
// and options pages when their sources exist, copies pkg/ (from `make wasm`), and writes one
// manifest per browser from extension/manifest.json.
// What it never does: download anything, or invent the popup/options/settings sources that
// another engineer owns (a missing settings/history module is replaced at bundle time by
// built-in defaults, with a warning, so the content script still runs).
//
// Usage: node scripts/build-extension.mjs [--pkg DIR]   (DIR defaults to pkg/)
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile, access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ext = join(root, 'extension');
const src = join(ext, 'src');
const distRoot = join(ext, 'dist');

const exists = (path) => access(path).then(() => true, () => false);

function argValue(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : fallback;
}

const pkgDir = argValue('--pkg', join(root, 'pkg'));
const GLUE = 'read_the_room.js';
const WASM = 'read_the_room_bg.wasm';

// Modules owned by the popup/options engineer. Until they land, bundle safe defaults so the
// content script and worker still run: enabled everywhere, nothing muted, history not kept.
const OWNED_ELSEWHERE = {
  'settings.js': `
    export async function loadSettings() { return {}; }
    export function siteConfig() { return { enabled: true, config: { disabledRules: [], sensitivity: 0, phrases: [] } }; }
    export function onSettingsChanged() { return () => {}; }
    export async function muteRule() {}
    export async function setSiteEnabled() {}
    export function siteIdFor(hostname) { return hostname; }`,
  'history.js': `export async function recordVerdict() {}`,
};

const ownedElsewherePlugin = {
  name: 'owned-elsewhere',
  setup(b) {
    b.onResolve({ filter: /shared\/(settings|history)\.js$/ }, async (args) => {
      const path = resolve(args.resolveDir, args.path);
      if (await exists(path)) return { path };
      const name = path.endsWith('settings.js') ? 'settings.js' : 'history.js';
      console.warn(`build-extension: ${name} not written yet; bundling built-in defaults`);
      return { path: name, namespace: 'owned-elsewhere' };
    });
    b.onLoad({ filter: /.*/, namespace: 'owned-elsewhere' }, (args) => ({
      contents: OWNED_ELSEWHERE[args.path], loader: 'js',
    }));
  },
};

// The WASM glue is loaded at run time from the extension's own pkg/ folder, never bundled:
// the worker imports it statically (service workers may not use import()).
const glueExternalPlugin = {
  name: 'wasm-glue-external',
  setup(b) {
    b.onResolve({ filter: /^rtr:wasm-glue$/ }, () => ({ path: `./pkg/${GLUE}`, external: true }));
  },
};

const common = {
  bundle: true, minify: false, sourcemap: false, legalComments: 'none', logLevel: 'warning',
  target: ['chrome120', 'firefox121'], plugins: [ownedElsewherePlugin, glueExternalPlugin],
};

async function bundleInto(out) {
  await build({ ...common, entryPoints: [join(src, 'content/index.js')], format: 'iife', outfile: join(out, 'content.js') });
  await build({ ...common, entryPoints: [join(src, 'background/index.js')], format: 'esm', outfile: join(out, 'background.js') });
  for (const page of ['popup', 'options']) {
    const entry = join(src, page, `${page}.js`);
    if (!(await exists(entry))) continue;
    await build({ ...common, entryPoints: [entry], format: 'esm', outfile: join(out, page, `${page}.js`) });
    for (const extra of [`${page}.html`, `${page}.css`]) {
      if (await exists(join(src, page, extra))) await cp(join(src, page, extra), join(out, page, extra));
    }
  }
}

function manifestFor(browser, base) {
  const m = structuredClone(base);
  // Content scripts and the pkg/ files go exactly where host access was granted. The list
  // includes http://127.0.0.1/* so the local playground and the fixture pages used by the
  // end-to-end tests get the content script; 127.0.0.1 is this machine, nothing leaves it.
  for (const cs of m.content_scripts) if (cs.matches === '@host_permissions') cs.matches = [...m.host_permissions];
  for (const war of m.web_accessible_resources) if (war.matches === '@host_permissions') war.matches = [...m.host_permissions];
  if (browser === 'chrome') {
    delete m.browser_specific_settings;
    delete m.background.scripts; // Chrome only runs the service worker
  } else {
    delete m.background.service_worker; // Firefox runs background.scripts as an event page
  }
  return m;
}

async function main() {
  for (const file of [GLUE, WASM]) {
    if (!(await exists(join(pkgDir, file)))) {
      throw new Error(`${join(pkgDir, file)} is missing: run \`make wasm\` first (or pass --pkg DIR)`);
    }
  }
  const base = JSON.parse(await readFile(join(ext, 'manifest.json'), 'utf8'));
  for (const browser of ['chrome', 'firefox']) {
    const out = join(distRoot, browser);
    await rm(out, { recursive: true, force: true });
    await mkdir(join(out, 'pkg'), { recursive: true });
    await bundleInto(out);
    for (const file of [GLUE, WASM]) await cp(join(pkgDir, file), join(out, 'pkg', file));
    if (await exists(join(ext, 'icons'))) await cp(join(ext, 'icons'), join(out, 'icons'), { recursive: true });
    await writeFile(join(out, 'manifest.json'), JSON.stringify(manifestFor(browser, base), null, 2) + '\n');
  }
  console.log(`extension built: ${join('extension', 'dist', 'chrome')} and ${join('extension', 'dist', 'firefox')}`);
}

main().catch((error) => {
  console.error(`build-extension: ${error.message}`);
  process.exit(1);
});
