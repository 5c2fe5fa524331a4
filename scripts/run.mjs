// `make run`, after make has built the WASM and the extension: serves www/ (the playground and
// the site fixtures in www/fixtures/) on 127.0.0.1, and opens Chromium with the unpacked
// TEST BUILD of the extension (extension/dist/chrome-test: the store build has no access to
// 127.0.0.1 and would not run on the fixture pages) loaded and the playground open when a display exists. Without a display it says
// so and keeps serving. It never builds anything and never listens beyond 127.0.0.1.
//
// Environment: PORT (default 8080, falls back to a free one), CHROMIUM (default /usr/bin/chromium).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WWW = join(ROOT, 'www');
const EXTENSION = join(ROOT, 'extension', 'dist', 'chrome-test');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

function fail(message) {
  console.error(`run: ${message}`);
  process.exit(1);
}

if (!existsSync(join(WWW, 'pkg', 'read_the_room_bg.wasm'))) fail('www/pkg/ is missing: use `make run`, which builds it first');
const haveExtension = existsSync(join(EXTENSION, 'manifest.json'));

async function startServer() {
  const port = Number(process.env.PORT ?? 8080);
  try {
    return await serve({ root: WWW, port });
  } catch (error) {
    if (error.code !== 'EADDRINUSE') throw error;
    console.log(`run: port ${port} is taken, using a free one`);
    return serve({ root: WWW, port: 0 });
  }
}

const server = await startServer();
const playground = server.url;
const fixtures = existsSync(join(WWW, 'fixtures'))
  ? readdirSync(join(WWW, 'fixtures')).filter((name) => name.endsWith('.html')).sort()
  : [];

console.log('');
console.log(`Playground:      ${playground}`);
if (fixtures.length) {
  console.log(`Test pages:      ${playground}fixtures/<page>.html  (${fixtures.join(', ')})`);
}
console.log(haveExtension ? `Extension:       ${EXTENSION}  (the TEST build: it also runs on 127.0.0.1; the store build is extension/dist/chrome)`
  : 'Extension:       not built (extension/dist/chrome-test is missing; `make extension`)');
console.log('');

let browser = null;
let profileDir = null;
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

if (!hasDisplay) {
  console.log('No display found ($DISPLAY and $WAYLAND_DISPLAY are unset), so no browser was opened.');
  console.log(`Open ${playground} in a browser on this machine. To try the extension there:`);
  console.log(`  chrome://extensions → Developer mode → Load unpacked → ${EXTENSION}`);
} else if (!existsSync(CHROMIUM)) {
  console.log(`Chromium not found at ${CHROMIUM} (set CHROMIUM=/path/to/chromium). Open ${playground} yourself;`);
  console.log(`load the extension with chrome://extensions → Developer mode → Load unpacked → ${EXTENSION}`);
} else {
  // A throwaway profile, so the person's own browser profile is never touched.
  profileDir = mkdtempSync(join(tmpdir(), 'read-the-room-profile-'));
  const args = [
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (haveExtension) {
    // Newer Chromium ignores --load-extension unless this switch is re-enabled.
    args.push(`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`,
      '--disable-features=DisableLoadExtensionCommandLineSwitch');
  }
  if (process.getuid?.() === 0) args.push('--no-sandbox'); // Chromium refuses to run as root otherwise.
  args.push(playground);
  browser = spawn(CHROMIUM, args, { stdio: 'ignore' });
  browser.on('error', (error) => console.log(`run: could not start Chromium (${error.message}); open ${playground} yourself.`));
  browser.on('exit', () => {
    browser = null;
    console.log('Chromium closed. Still serving; press Ctrl-C to stop.');
  });
  console.log(`Opened Chromium${haveExtension ? ' with the extension loaded' : ''}. If the extension is missing there:`);
  console.log(`  chrome://extensions → Developer mode → Load unpacked → ${EXTENSION}`);
}
console.log('Serving until Ctrl-C.');

async function stop() {
  browser?.kill();
  await server.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
