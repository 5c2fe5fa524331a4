#!/usr/bin/env node
// Builds the unpacked extension, two builds from one source, each for Chrome and Firefox:
//   extension/dist/chrome/, extension/dist/firefox/            the store build: what `make dist`
//                                                              zips and what a person loads by hand
//   extension/dist/chrome-test/, extension/dist/firefox-test/  the test build (`make test`,
//                                                              `make bench`, `make run`)
// The test build adds host access to http://127.0.0.1/* and the fixture-page mapping (a page
// www/fixtures/<site>.html counts as that site). Both are compiled in through the esbuild
// define __RTR_TEST_BUILD__, so the store bundles do not contain the mapping at all.
// What it does: bundles the content script (classic IIFE: content scripts cannot be modules,
// so the WASM glue is bundled into it), the background worker and the popup and options pages
// (ESM; they import the glue statically from the extension's own pkg/), copies pkg/ (from
// `make wasm`), the icons and _locales/, and writes one manifest per browser and build.
// What it never does: download anything, or load code by a computed URL (web-ext lint flags it).
//
// Usage: node scripts/build-extension.mjs [--pkg DIR]   (DIR defaults to pkg/)
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile, access } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
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

/** The builds: directory name → whether it is the test build. */
export const BUILDS = [
  { browser: 'chrome', test: false, dir: 'chrome' },
  { browser: 'firefox', test: false, dir: 'firefox' },
  { browser: 'chrome', test: true, dir: 'chrome-test' },
  { browser: 'firefox', test: true, dir: 'firefox-test' },
];
/** What only the test build may carry. */
export const TEST_HOST = 'http://127.0.0.1/*';

// `rtr:wasm-glue`: ESM bundles import the glue from the extension's pkg/ at run time (one copy
// on disk, a static path); the content script (IIFE) cannot import, so the glue is bundled in.
function gluePlugin(outfile, outRoot, inline) {
  return {
    name: 'wasm-glue',
    setup(b) {
      b.onResolve({ filter: /^rtr:wasm-glue$/ }, () => {
        if (inline) return { path: join(pkgDir, GLUE) };
        const path = relative(dirname(outfile), join(outRoot, 'pkg', GLUE)).split('\\').join('/');
        return { path: path.startsWith('.') ? path : `./${path}`, external: true };
      });
    },
  };
}

async function bundle(entry, outRoot, outName, { format, test }) {
  const outfile = join(outRoot, outName);
  await build({
    entryPoints: [entry], outfile, format, bundle: true, minify: false, sourcemap: false,
    legalComments: 'none', logLevel: 'warning', target: ['chrome120', 'firefox121'],
    // The glue's default wasm URL (import.meta.url) is never used: callers pass the URL.
    define: { __RTR_TEST_BUILD__: String(test), ...(format === 'iife' ? { 'import.meta.url': 'undefined' } : {}) },
    plugins: [gluePlugin(outfile, outRoot, format === 'iife')],
  });
}

async function bundleInto(out, test) {
  await bundle(join(src, 'content/index.js'), out, 'content.js', { format: 'iife', test });
  await bundle(join(src, 'background/index.js'), out, 'background.js', { format: 'esm', test });
  for (const page of ['popup', 'options']) {
    await bundle(join(src, page, `${page}.js`), out, join(page, `${page}.js`), { format: 'esm', test });
    for (const extra of [`${page}.html`, `${page}.css`]) await cp(join(src, page, extra), join(out, page, extra));
  }
}

export function manifestFor(browser, base, test) {
  const m = structuredClone(base);
  if (test) m.host_permissions.push(TEST_HOST); // the local fixture pages, this machine only
  // Content scripts and the pkg/ files go exactly where host access was granted.
  for (const cs of m.content_scripts) if (cs.matches === '@host_permissions') cs.matches = [...m.host_permissions];
  for (const war of m.web_accessible_resources) if (war.matches === '@host_permissions') war.matches = [...m.host_permissions];
  if (browser === 'chrome') {
    delete m.browser_specific_settings;
    delete m.background.scripts; // Chrome only runs the service worker
  } else {
    delete m.background.service_worker; // Firefox runs background.scripts as an event page
    if (test) m.browser_specific_settings.gecko.id = 'read-the-room-test@example.org';
  }
  if (test) m.name = '__MSG_extNameTest__'; // never mistaken for the store build
  return m;
}

async function main() {
  for (const file of [GLUE, WASM]) {
    if (!(await exists(join(pkgDir, file)))) {
      throw new Error(`${join(pkgDir, file)} is missing: run \`make wasm\` first (or pass --pkg DIR)`);
    }
  }
  const base = JSON.parse(await readFile(join(ext, 'manifest.json'), 'utf8'));
  for (const { browser, test, dir } of BUILDS) {
    const out = join(distRoot, dir);
    await rm(out, { recursive: true, force: true });
    await mkdir(join(out, 'pkg'), { recursive: true });
    await bundleInto(out, test);
    for (const file of [GLUE, WASM]) await cp(join(pkgDir, file), join(out, 'pkg', file));
    await cp(join(ext, 'icons'), join(out, 'icons'), { recursive: true, filter: (p) => !p.endsWith('.svg') });
    await cp(join(ext, '_locales'), join(out, '_locales'), { recursive: true });
    await writeFile(join(out, 'manifest.json'), JSON.stringify(manifestFor(browser, base, test), null, 2) + '\n');
  }
  console.log(`extension built: extension/dist/{chrome,firefox} (store) and extension/dist/{chrome,firefox}-test (test build)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`build-extension: ${error.message}`);
    process.exit(1);
  });
}
