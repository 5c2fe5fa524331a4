// The extension's own UI strings are all in _locales/en/messages.json (so a translation is one
// file): every key the sources use — t('key') / getMessage('key') in scripts, data-i18n…="key"
// in pages, __MSG_key__ in the manifest and the build script — is in the catalogue, every
// catalogue entry is used, placeholders are declared, and the pages carry no text of their own
// outside [data-i18n] elements (whose English must match the catalogue).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const catalog = JSON.parse(readFileSync(join(ROOT, 'extension', '_locales', 'en', 'messages.json'), 'utf8'));
const sources = [
  ...readdirSync(join(ROOT, 'extension', 'src'), { recursive: true }).filter((f) => /\.(js|html)$/.test(f)).map((f) => join(ROOT, 'extension', 'src', f)),
  join(ROOT, 'extension', 'manifest.json'), join(ROOT, 'scripts', 'build-extension.mjs'),
].map((path) => ({ name: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

const USES = [/\bt\('([^']+)'/g, /getMessage\('([^']+)'/g, /data-i18n(?:-[a-z-]+)?="([^"]+)"/g, /__MSG_(\w+)__/g];

function used() {
  const keys = new Map(); // key -> [file]
  for (const { name, text } of sources) {
    for (const pattern of USES) for (const [, key] of text.matchAll(pattern)) keys.set(key, [...(keys.get(key) ?? []), name]);
  }
  return keys;
}

test('every UI string key used in the sources is in the catalogue', () => {
  const keys = used();
  assert.ok(keys.size > 50, `found only ${keys.size} keys: is the scan broken?`);
  const missing = [...keys].filter(([key]) => !catalog[key]).map(([key, files]) => `${key} (${[...new Set(files)].join(', ')})`);
  assert.deepEqual(missing, [], 'keys missing from _locales/en/messages.json');
});

test('every catalogue entry is used', () => {
  const keys = used();
  assert.deepEqual(Object.keys(catalog).filter((key) => !keys.has(key)), [], 'unused entries in _locales/en/messages.json');
});

test('entries are well formed: a message, a description, declared placeholders', () => {
  for (const [key, entry] of Object.entries(catalog)) {
    assert.match(key, /^[A-Za-z0-9_]+$/, key);
    assert.ok(entry.message && entry.description, `${key}: message and description`);
    const named = [...entry.message.matchAll(/\$([A-Za-z_]+)\$/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(named)].sort(), Object.keys(entry.placeholders ?? {}).sort(), `${key}: placeholders`);
  }
});

test('pages have no text outside [data-i18n] elements, and their English is the catalogue\'s', () => {
  for (const { name, text } of sources.filter((s) => s.name.endsWith('.html'))) {
    const body = text.replace(/<!--[\s\S]*?-->/g, '');
    for (const [, tag, words] of body.matchAll(/(<[^>]+>)([^<]+)(?=<)/g)) {
      if (!words.trim()) continue;
      const key = /data-i18n="([^"]+)"/.exec(tag)?.[1];
      assert.ok(key, `${name}: text without data-i18n: "${words.trim()}" after ${tag}`);
      assert.equal(words.trim().replace(/\s+/g, ' '), catalog[key]?.message, `${name}: ${key}`);
    }
  }
});

test('scripts write no UI sentence literally into the page', () => {
  // A quick net for strings that bypass the catalogue: textContent or a label set from a literal.
  for (const { name, text } of sources.filter((s) => s.name.endsWith('.js') && !s.name.includes('/sites/'))) {
    for (const m of text.matchAll(/(?:textContent\s*=|'aria-label':|\.title\s*=|say\(|showNote\()\s*(['`])([A-Za-z][^'`]*\s[^'`]*)\1/g)) {
      assert.fail(`${name}: literal UI text ${m[1]}${m[2]}${m[1]}`);
    }
  }
});
