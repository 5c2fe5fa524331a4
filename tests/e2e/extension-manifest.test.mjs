// The built manifests (extension/dist/{chrome,firefox} and their -test builds, from `make
// extension`): permissions limited to what the design allows, the test build differing from
// the store build only by its name, its Firefox id and http://127.0.0.1/*, and the zip writer
// used by `make dist` producing archives whose entries inflate back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';
import { zip } from '../../scripts/dist.mjs';

const dist = (browser) => join(ROOT, 'extension', 'dist', browser);
const manifestOf = async (browser) => JSON.parse(await readFile(join(dist(browser), 'manifest.json'), 'utf8'));

// activeTab lets the popup see the current tab's address when the user opens it, so it can
// offer "enable on this site" outside the default sites (no standing access).
test('every manifest asks only for storage/scripting/activeTab and the default sites', async () => {
  for (const browser of ['chrome', 'firefox', 'chrome-test', 'firefox-test']) {
    const m = await manifestOf(browser);
    assert.equal(m.manifest_version, 3);
    assert.deepEqual(m.permissions, ['storage', 'scripting', 'activeTab']);
    assert.ok(!m.host_permissions.some((h) => h === '<all_urls>' || /^\w+:\/\/\*\//.test(h)), `${browser}: no blanket host access`);
    assert.deepEqual(m.optional_host_permissions, ['https://*/*', 'http://*/*']);
    assert.deepEqual(m.content_scripts[0].matches, m.host_permissions);
    assert.equal(m.content_scripts[0].all_frames, true);
    assert.deepEqual(m.web_accessible_resources[0].resources, ['pkg/*']);
    assert.match(m.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
    assert.doesNotMatch(m.content_security_policy.extension_pages, /https?:/, 'no remote code');
    assert.equal(m.action.default_popup, 'popup/popup.html');
    assert.equal(m.options_ui.page, 'options/options.html');
  }
  const chrome = await manifestOf('chrome');
  assert.equal(chrome.background.service_worker, 'background.js');
  assert.equal(chrome.browser_specific_settings, undefined);
  const firefox = await manifestOf('firefox');
  assert.deepEqual(firefox.background.scripts, ['background.js']);
  assert.ok(firefox.browser_specific_settings.gecko.id);
});

test('the test build is the store build plus http://127.0.0.1/* and nothing else', async () => {
  for (const browser of ['chrome', 'firefox']) {
    const store = await manifestOf(browser);
    const testBuild = await manifestOf(`${browser}-test`);
    assert.ok(!JSON.stringify(store).includes('127.0.0.1'), `${browser}: the store manifest names 127.0.0.1`);
    assert.deepEqual(testBuild.host_permissions, [...store.host_permissions, 'http://127.0.0.1/*']);
    assert.deepEqual(testBuild.content_scripts[0].matches, testBuild.host_permissions);
    assert.equal(store.name, '__MSG_extName__');
    assert.equal(testBuild.name, '__MSG_extNameTest__');
    const same = (m) => ({ ...m, name: null, host_permissions: null, content_scripts: null, web_accessible_resources: null,
      browser_specific_settings: m.browser_specific_settings && { gecko: { ...m.browser_specific_settings.gecko, id: null } } });
    assert.deepEqual(same(testBuild), same(store), `${browser}: the builds differ beyond host access, name and id`);
  }
});

test('the dist zip writer round-trips names and bytes', () => {
  const files = [{ name: 'manifest.json', data: Buffer.from('{"a":1}') }, { name: 'pkg/x.wasm', data: Buffer.from([0, 97, 115, 109, 255, 0]) }];
  const archive = zip(files);
  assert.equal(archive.readUInt32LE(archive.length - 22), 0x06054b50);
  let at = 0;
  for (const { name, data } of files) {
    assert.equal(archive.readUInt32LE(at), 0x04034b50);
    const packedSize = archive.readUInt32LE(at + 18);
    const nameLength = archive.readUInt16LE(at + 26);
    assert.equal(archive.toString('utf8', at + 30, at + 30 + nameLength), name);
    const start = at + 30 + nameLength;
    assert.deepEqual(inflateRawSync(archive.subarray(start, start + packedSize)), data);
    at = start + packedSize;
  }
});
