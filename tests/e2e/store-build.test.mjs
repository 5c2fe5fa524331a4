// The store packages, as `make dist` makes them: each zip passes the store checks
// (scripts/store-check.mjs: MV3, icons of the right pixel size, every referenced file in the
// zip, translatable manifest, no test-only access), and the Firefox zip, unpacked, passes
// `web-ext lint` with 0 errors and 0 warnings. The checks themselves are shown to catch
// 127.0.0.1 access, the fixture mapping, a missing file and a wrong-sized icon creeping back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { ROOT } from './harness.mjs';
import { lintFirefox } from '../../scripts/dist.mjs';
import { checkStoreBuild, pngSize } from '../../scripts/store-check.mjs';

const version = JSON.parse(await readFile(join(ROOT, 'extension', 'manifest.json'), 'utf8')).version;
const zipPath = (browser) => join(ROOT, 'dist', `read-the-room-${browser}-${version}.zip`);
let scratch;

/** Entries of a zip written by scripts/dist.mjs (local headers in order, deflate, no descriptors). */
function unzip(archive) {
  const files = new Map();
  let at = 0;
  while (archive.readUInt32LE(at) === 0x04034b50) {
    const packed = archive.readUInt32LE(at + 18);
    const nameLength = archive.readUInt16LE(at + 26);
    const name = archive.toString('utf8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + archive.readUInt16LE(at + 28);
    files.set(name, inflateRawSync(archive.subarray(start, start + packed)));
    at = start + packed;
  }
  return files;
}

before(async () => {
  // The zips are made here, from the store builds `make test` has just built.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'dist.mjs')], { cwd: ROOT, stdio: 'pipe' });
  scratch = await mkdtemp(join(tmpdir(), 'rtr-store-'));
});
after(() => rm(scratch, { recursive: true, force: true }));

for (const browser of ['chrome', 'firefox']) {
  test(`${browser} zip: store checks pass (icons, referenced files, no test-only access)`, async () => {
    const files = unzip(await readFile(zipPath(browser)));
    assert.deepEqual(checkStoreBuild(files, browser), []);
    const m = JSON.parse(files.get('manifest.json'));
    for (const size of [16, 32, 48, 128]) assert.deepEqual(pngSize(files.get(m.icons[size])), { width: size, height: size });
    assert.ok(files.has('_locales/en/messages.json'));
    assert.ok(![...files.keys()].some((f) => f.endsWith('.svg')), 'the source drawing stays in the repo');
    const content = files.get('content.js').toString('utf8');
    assert.ok(!content.includes('127.0.0.1') && !content.includes('fixtureSite'), 'the fixture mapping is absent, not just disabled');
    assert.ok(!/\bimport\(/.test(content + files.get('popup/popup.js') + files.get('options/options.js')), 'no dynamic import()');
  });
}

test('the Firefox zip, unpacked, passes web-ext lint with 0 errors and 0 warnings', async () => {
  const dir = join(scratch, 'firefox');
  for (const [name, data] of unzip(await readFile(zipPath('firefox')))) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), data);
  }
  const report = lintFirefox(dir);
  assert.equal(report.summary.errors, 0, JSON.stringify(report.errors, null, 2));
  assert.equal(report.summary.warnings, 0, JSON.stringify(report.warnings, null, 2));
});

test('the store checks catch test-only access, missing files and wrong icons', async () => {
  const good = unzip(await readFile(zipPath('chrome')));
  const withManifest = (change) => {
    const files = new Map(good);
    const m = JSON.parse(files.get('manifest.json'));
    change(m, files);
    files.set('manifest.json', Buffer.from(JSON.stringify(m)));
    return checkStoreBuild(files, 'chrome');
  };
  assert.match(withManifest((m) => { m.host_permissions.push('http://127.0.0.1/*'); }).join('\n'), /test-only host access: http:\/\/127\.0\.0\.1/);
  assert.match(withManifest((m) => { m.content_scripts[0].matches.push('http://localhost/*'); }).join('\n'), /test-only host access/);
  assert.match(withManifest((m, f) => { f.set('content.js', Buffer.from(`${f.get('content.js')}\nfunction fixtureSite() {}`)); }).join('\n'), /content\.js contains "fixtureSite"/);
  assert.match(withManifest((m, f) => { f.delete('popup/popup.css'); }).join('\n'), /popup\/popup\.html refers to popup\/popup\.css/);
  assert.match(withManifest((m, f) => { f.delete('pkg/read_the_room.js'); }).join('\n'), /background\.js refers to pkg\/read_the_room\.js/);
  assert.match(withManifest((m, f) => { f.set('icons/icon-48.png', f.get('icons/icon-16.png')); }).join('\n'), /icons\[48\] icons\/icon-48\.png is 16x16/);
  assert.match(withManifest((m) => { delete m.action.default_icon; }).join('\n'), /action\.default_icon is missing/);
  assert.match(withManifest((m) => { m.description = '__MSG_nope__'; }).join('\n'), /__MSG_nope__ is not in/);
  assert.match(withManifest((m) => { m.manifest_version = 2; }).join('\n'), /manifest_version is 2/);
});
