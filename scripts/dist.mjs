#!/usr/bin/env node
// Packages the store build (`make extension`: extension/dist/chrome and extension/dist/firefox,
// never the -test builds) into dist/: one zip per browser. Each zip is checked as a store
// would take it (scripts/store-check.mjs: MV3, icons, every referenced file, no test-only
// access) and the Firefox build with `web-ext lint`; any problem, error or warning fails it.
// What it never does: sign, upload, or fetch anything. The zip writer is minimal on purpose
// (stored paths, deflate, no extra fields) so no new dependency is needed.
import { deflateRawSync, crc32 } from 'node:zlib';
import { mkdir, readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkStoreBuild } from './store-check.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function filesUnder(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

/** A zip archive (PKZIP 2.0, deflate) of `files` = [{name, data}]; fixed timestamp for reproducibility. */
export function zip(files) {
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (2026 - 1980) << 9 | 1 << 5 | 1; // 2026-01-01
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8); local.writeUInt16LE(DOS_TIME, 10); local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26); local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(8, 10); central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14); central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** `web-ext lint` on a Firefox build folder: its JSON report ({summary, errors, warnings, notices}). */
export function lintFirefox(dir) {
  const bin = join(root, 'node_modules', '.bin', 'web-ext');
  let report;
  try {
    report = execFileSync(bin, ['lint', '--self-hosted', '--output', 'json', '--source-dir', dir], { encoding: 'utf8' });
  } catch (error) {
    report = error.stdout; // web-ext exits non-zero on errors; the JSON report is still printed
  }
  return JSON.parse(report);
}

/** The files of a build folder as zip entries, sorted by path. */
export async function entriesOf(dir) {
  return Promise.all((await filesUnder(dir)).map(async (path) => ({
    name: relative(dir, path).split(sep).join('/'), data: await readFile(path),
  })));
}

async function main() {
  const manifest = JSON.parse(await readFile(join(root, 'extension', 'manifest.json'), 'utf8'));
  await mkdir(join(root, 'dist'), { recursive: true });
  for (const browser of ['chrome', 'firefox']) {
    const dir = join(root, 'extension', 'dist', browser);
    await stat(join(dir, 'manifest.json')).catch(() => {
      throw new Error(`${dir} is not built: run \`make extension\` first`);
    });
    if (browser === 'firefox') {
      const { summary, errors, warnings } = lintFirefox(dir);
      if (summary.errors > 0 || summary.warnings > 0) {
        throw new Error(`web-ext lint: ${summary.errors} error(s), ${summary.warnings} warning(s):\n${[...errors, ...warnings]
          .map((e) => `  ${e.code} ${e.file ?? ''}: ${e.message}`).join('\n')}`);
      }
      console.log('web-ext lint: 0 errors, 0 warnings');
    }
    const files = await entriesOf(dir);
    const problems = checkStoreBuild(new Map(files.map((f) => [f.name, f.data])), browser);
    if (problems.length) throw new Error(`${browser} store build:\n  ${problems.join('\n  ')}`);
    const out = join(root, 'dist', `read-the-room-${browser}-${manifest.version}.zip`);
    await writeFile(out, zip(files));
    console.log(`dist: ${relative(root, out)} (${files.length} files)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`dist: ${error.message}`);
    process.exit(1);
  });
}
