// Checks one store package (the files of a zip made by scripts/dist.mjs, or of a build folder)
// against what a store takes and what DESIGN.md allows: Manifest V3, icons present as PNGs of
// the stated pixel size, every file the manifest or its pages refer to present, the manifest's
// __MSG_…__ strings in the catalogue, and no test-only access (no 127.0.0.1/localhost host
// access, no fixture-page mapping in the bundles). Returns a list of problems; never throws.
// Used by `make dist` (which fails on any) and by tests/e2e/store-build.test.mjs.

const ICON_SIZES = ['16', '32', '48', '128'];
/** Strings that exist only in the test build (scripts/build-extension.mjs, sites/index.js). */
export const TEST_ONLY_MARKERS = ['127.0.0.1', 'fixtureSite', 'extNameTest', 'read-the-room-test@'];

/** Width and height of a PNG, or null when `data` is not one. */
export function pngSize(data) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!data || data.length < 24 || !data.subarray(0, 8).equals(signature) || data.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** `files`: Map of zip path → Buffer. `browser`: 'chrome' | 'firefox'. */
export function checkStoreBuild(files, browser) {
  const problems = [];
  const need = (path, why) => { if (!files.has(path)) problems.push(`${why} refers to ${path}, which is not in the package`); };
  if (!files.has('manifest.json')) return ['manifest.json is missing'];
  let m;
  try {
    m = JSON.parse(files.get('manifest.json').toString('utf8'));
  } catch (error) {
    return [`manifest.json is not JSON: ${error.message}`];
  }
  if (m.manifest_version !== 3) problems.push(`manifest_version is ${m.manifest_version}, not 3`);

  // Icons: every size, as a PNG of exactly that size; the toolbar icon too.
  const iconSets = [['icons', m.icons, ICON_SIZES], ['action.default_icon', m.action?.default_icon, ['16', '32']]];
  for (const [where, set, sizes] of iconSets) {
    if (!set || typeof set !== 'object') { problems.push(`${where} is missing`); continue; }
    for (const size of sizes) if (!set[size]) problems.push(`${where} has no ${size} px icon`);
    for (const [size, path] of Object.entries(set)) {
      if (!files.has(path)) { need(path, `${where}[${size}]`); continue; }
      const dims = pngSize(files.get(path));
      if (!dims) problems.push(`${where}[${size}] ${path} is not a PNG`);
      else if (dims.width !== Number(size) || dims.height !== Number(size)) problems.push(`${where}[${size}] ${path} is ${dims.width}x${dims.height}`);
    }
  }

  // Every file the manifest names, and every script and style the pages load.
  if (m.action?.default_popup) need(m.action.default_popup, 'action.default_popup');
  if (m.options_ui?.page) need(m.options_ui.page, 'options_ui.page');
  if (m.background?.service_worker) need(m.background.service_worker, 'background.service_worker');
  for (const s of m.background?.scripts ?? []) need(s, 'background.scripts');
  for (const cs of m.content_scripts ?? []) for (const f of [...(cs.js ?? []), ...(cs.css ?? [])]) need(f, 'content_scripts');
  for (const war of m.web_accessible_resources ?? []) {
    for (const pattern of war.resources) {
      const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      if (![...files.keys()].some((f) => re.test(f))) problems.push(`web_accessible_resources ${pattern} matches no file`);
    }
  }
  for (const [path, data] of files) {
    if (!path.endsWith('.html')) continue;
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    for (const [, ref] of data.toString('utf8').matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)) {
      const resolved = new URL(ref, `x:/${dir}`).pathname.slice(1);
      need(resolved, path);
    }
  }
  // ESM bundles import the WASM glue by a static relative path.
  for (const [path, data] of files) {
    if (!path.endsWith('.js') || path.startsWith('pkg/')) continue;
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    for (const [, ref] of data.toString('utf8').matchAll(/^import .* from "(\.[^"]+)";$/gm)) need(new URL(ref, `x:/${dir}`).pathname.slice(1), path);
  }

  // Translatable: default_locale, and every __MSG_key__ in the catalogue.
  const catalogPath = `_locales/${m.default_locale}/messages.json`;
  if (!m.default_locale) problems.push('default_locale is missing');
  else if (!files.has(catalogPath)) problems.push(`${catalogPath} is missing`);
  else {
    const catalog = JSON.parse(files.get(catalogPath).toString('utf8'));
    for (const [, key] of JSON.stringify(m).matchAll(/__MSG_(\w+)__/g)) if (!catalog[key]) problems.push(`__MSG_${key}__ is not in ${catalogPath}`);
  }

  // No test-only access: host access only over https, nothing on this machine, no fixture mapping.
  const hosts = [...(m.host_permissions ?? []), ...(m.content_scripts ?? []).flatMap((cs) => cs.matches ?? []),
    ...(m.web_accessible_resources ?? []).flatMap((w) => w.matches ?? [])];
  for (const h of hosts) if (!h.startsWith('https://') || /127\.0\.0\.1|localhost/.test(h)) problems.push(`test-only host access: ${h}`);
  for (const [path, data] of files) {
    if (!/\.(js|json|html)$/.test(path) || path.startsWith('pkg/') || path.startsWith('_locales/')) continue;
    const text = data.toString('utf8');
    for (const marker of TEST_ONLY_MARKERS) if (text.includes(marker)) problems.push(`${path} contains "${marker}" (test build only)`);
  }

  if (browser === 'firefox') {
    if (!m.browser_specific_settings?.gecko?.id) problems.push('Firefox: browser_specific_settings.gecko.id is missing');
    if (!m.background?.scripts?.length) problems.push('Firefox: background.scripts is missing');
  } else {
    if (m.browser_specific_settings) problems.push('Chrome: browser_specific_settings belongs to the Firefox build');
    if (!m.background?.service_worker) problems.push('Chrome: background.service_worker is missing');
  }
  return problems;
}
