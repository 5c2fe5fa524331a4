// Test helpers: load the built WASM module in Node (bytes read with fs, no fetch) and read
// the labelled corpora. Never builds anything: `make wasm` must have run.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PKG = join(ROOT, 'pkg');

/** The wasm-bindgen glue module, initialised; and the bytes it was built from. */
export async function loadGlue() {
  const wasmPath = join(PKG, 'read_the_room_bg.wasm');
  if (!existsSync(wasmPath)) throw new Error(`${wasmPath} not found: run make wasm first`);
  const glue = await import(pathToFileURL(join(PKG, 'read_the_room.js')).href);
  const bytes = readFileSync(wasmPath);
  await glue.default({ module_or_path: bytes });
  return { glue, bytes };
}

/** Every case of ../shared/corpus/dev.jsonl and tests/corpus/*.jsonl, with where it came from. */
export function corpusCases() {
  const files = [join(ROOT, '..', 'shared', 'corpus', 'dev.jsonl')];
  const own = join(ROOT, 'tests', 'corpus');
  if (existsSync(own)) {
    for (const name of readdirSync(own).sort()) if (name.endsWith('.jsonl')) files.push(join(own, name));
  }
  const cases = [];
  for (const file of files) {
    if (!existsSync(file)) throw new Error(`corpus ${file} not found (../shared must sit beside the repo)`);
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim()) cases.push({ where: `${file}:${i + 1}`, line, value: JSON.parse(line) });
      });
  }
  return cases;
}
