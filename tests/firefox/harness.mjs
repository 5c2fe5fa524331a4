// Firefox end-to-end harness: headless Firefox ESR driven by geckodriver through
// selenium-webdriver, with the test build (extension/dist/firefox-test) installed as a
// temporary add-on. Serves www/ on 127.0.0.1 and points every Firefox connection at a local
// logging proxy, so each request the browser makes is recorded (and only the fixture server is
// forwarded to). Reads what the extension shows through the extension itself: an extension
// page asks the tab's content script (the same uiState message the Chromium harness uses).
// It never downloads anything: the driver and the browser are given by path, so Selenium
// Manager never runs (SE_MANAGER_PATH points at a file that fails if it were).
// It never sleeps for a fixed time: every wait polls a condition with a deadline.
import { Builder, By } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { createServer, request as httpRequest } from 'node:http';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { serveWww, waitFor, ROOT } from '../e2e/harness.mjs';

export { waitFor, By };
export const ADDON_DIR = join(ROOT, 'extension', 'dist', 'firefox-test');
export const ADDON_ID = 'read-the-room-test@example.org';
// Fixed so the popup's moz-extension:// address is known (extensions.webextensions.uuids).
export const ADDON_UUID = '5b0e2d3c-7a41-4c1e-9d2f-1a6b8e3f0c11';
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER ?? [join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin', 'geckodriver'), '/usr/local/bin/geckodriver']
  .find((p) => existsSync(p)) ?? 'geckodriver';
process.env.SE_MANAGER_PATH = '/bin/false'; // Selenium Manager must never run (it would download)

// The prefs Mozilla's own test profiles use to keep Firefox from calling home.
const QUIET_PREFS = {
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'app.normandy.enabled': false, 'app.update.disabledForTesting': true, 'app.update.auto': false,
  'browser.safebrowsing.malware.enabled': false, 'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false, 'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '', 'browser.safebrowsing.provider.google4.updateURL': '',
  'network.captive-portal-service.enabled': false, 'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true, 'network.prefetch-next': false, 'network.http.speculative-parallel-limit': 0,
  'extensions.getAddons.cache.enabled': false, 'extensions.blocklist.enabled': false, 'extensions.update.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false, 'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false, 'toolkit.telemetry.server': '',
  'browser.region.network.url': '', 'browser.region.update.enabled': false, 'browser.search.update': false,
  'media.gmp-manager.url': '', 'media.gmp-gmpopenh264.enabled': false,
  'browser.newtabpage.enabled': false, 'browser.startup.page': 0, 'browser.startup.homepage': 'about:blank',
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.topsites': false, 'browser.topsites.contile.enabled': false,
  'security.OCSP.enabled': 0, 'security.remote_settings.crlite_filters.enabled': false,
  'network.trr.mode': 5, 'privacy.query_stripping.enabled': false, 'browser.ping-centre.telemetry': false,
  'dom.push.serverURL': '', 'dom.push.connection.enabled': false, 'identity.fxaccounts.enabled': false,
  'browser.aboutHomeSnippets.updateUrl': '', 'browser.contentblocking.report.lockwise.enabled': false,
};

/** A forward proxy on 127.0.0.1 that logs every request and forwards only to `allowed` (host:port). */
async function loggingProxy(allowed) {
  const log = [];
  const server = createServer((req, res) => {
    log.push(req.url);
    let url;
    try { url = new URL(req.url); } catch { res.writeHead(400).end(); return; }
    if (url.host !== allowed) { res.writeHead(403).end('not the fixture server'); return; }
    const upstream = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: req.method, headers: req.headers },
      (answer) => { res.writeHead(answer.statusCode, answer.headers); answer.pipe(res); });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => { log.push(`CONNECT ${req.url}`); socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'); });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { log, port: server.address().port, close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }) };
}

export async function launchFirefox() {
  if (!existsSync(join(ADDON_DIR, 'manifest.json'))) throw new Error(`${ADDON_DIR} is missing: run \`make extension\` first`);
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: run scripts/setup.sh (apt-get install firefox-esr)`);
  const server = await serveWww();
  const proxy = await loggingProxy(new URL(server.url).host);
  const options = new firefox.Options().setBinary(FIREFOX).addArguments('-headless')
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ [ADDON_ID]: ADDON_UUID }))
    // Every connection, 127.0.0.1 included, through the logging proxy.
    .setPreference('network.proxy.type', 1)
    .setPreference('network.proxy.http', '127.0.0.1').setPreference('network.proxy.http_port', proxy.port)
    .setPreference('network.proxy.ssl', '127.0.0.1').setPreference('network.proxy.ssl_port', proxy.port)
    .setPreference('network.proxy.no_proxies_on', '').setPreference('network.proxy.allow_hijacking_localhost', true)
    .setPreference('network.proxy.share_proxy_settings', true);
  // Firefox's own background traffic off, so anything the proxy sees came from the pages or the add-on.
  for (const [name, value] of Object.entries(QUIET_PREFS)) options.setPreference(name, value);
  // Marionette lets a session open moz-extension:// pages only with system access allowed.
  // Firefox takes services.settings.server from the prefs only with MOZ_REMOTE_SETTINGS_DEVTOOLS.
  const service = new firefox.ServiceBuilder(GECKODRIVER).addArguments('--allow-system-access')
    .setEnvironment({ ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' });
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  const base = `moz-extension://${ADDON_UUID}/`;
  let pagesOpened = 0;
  let extensionTab = null; // a window on an extension page, from which the harness asks the add-on

  const h = {
    driver, server, proxy, base,
    fixtureUrl: (name) => `${server.url}fixtures/${name}`,
    async install() {
      await driver.installAddon(ADDON_DIR, true);
      await driver.get(`${base}popup/popup.html`);
      await waitFor('the add-on page', () => driver.executeScript('return document.body && document.body.dataset.ready === "true"'));
      extensionTab = await driver.getWindowHandle();
    },
    /** Runs `fn(arg)` (async, as source) in the add-on's extension page; returns its result. */
    async inExtension(fn, arg) {
      const back = await driver.getWindowHandle();
      await driver.switchTo().window(extensionTab);
      try {
        return await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
          (${fn})(arguments[0]).then((v) => done({ ok: true, v }), (e) => done({ ok: false, e: String(e) }));`, arg)
          .then((r) => { if (!r.ok) throw new Error(r.e); return r.v; });
      } finally {
        await driver.switchTo().window(back);
      }
    },
    /** Opens a fixture page in a new tab and waits until the content script answers there. */
    async open(name) {
      await driver.switchTo().newWindow('tab');
      const url = `${server.url}fixtures/${name}${name.includes('?') ? '&' : '?'}page=${++pagesOpened}`;
      await driver.get(url);
      const handle = await driver.getWindowHandle();
      const tabId = await waitFor(`a tab for ${name}`, () => h.inExtension(async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id ?? null, url));
      const page = { name, url, handle, tabId };
      await waitFor(`the content script on ${name}`, () => h.state(page));
      return page;
    },
    async state(page) {
      return h.inExtension((id) => browser.tabs.sendMessage(id, { type: 'background→content:uiState' }), page.tabId);
    },
    async waitState(page, what, predicate, timeoutMs) {
      return waitFor(what, async () => { const s = await h.state(page); return s && predicate(s) ? s : false; }, timeoutMs);
    },
    /**
     * Clicks the box (found through open shadow roots too) and types `text` key by key, as a
     * person would: real pointer and key events from the browser, not script-set values.
     */
    async typeInto(page, selector, text) {
      await driver.switchTo().window(page.handle);
      const r = await driver.executeScript(`const find = (root, sel) => root.querySelector(sel)
          || [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot, sel)).find(Boolean) || null;
        const box = find(document, arguments[0]);
        box.scrollIntoView({ block: 'center' });
        const r = box.getBoundingClientRect();
        return { x: Math.round(r.x + Math.min(20, r.width / 2)), y: Math.round(r.y + r.height / 2) };`, selector);
      await driver.actions().move({ x: r.x, y: r.y, origin: 'viewport' }).click().sendKeys(text).perform();
    },
    /** Clicks at a point of the page's viewport (our badge lives in a closed shadow root). */
    async clickAt(page, x, y) {
      await driver.switchTo().window(page.handle);
      await driver.actions().move({ x: Math.round(x), y: Math.round(y), origin: 'viewport' }).click().perform();
    },
    /** The box's text as the page sees it (value, or innerText), through open shadow roots. */
    async editorText(page, selector) {
      await driver.switchTo().window(page.handle);
      return driver.executeScript(`const find = (root, sel) => root.querySelector(sel)
          || [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot, sel)).find(Boolean) || null;
        const el = find(document, arguments[0]);
        return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' ? el.value : el.innerText;`, selector);
    },
    /** Opens the popup for `page`'s tab in a new tab of its own; returns its window handle. */
    async openPopup(page) {
      await driver.switchTo().newWindow('tab');
      await driver.get(`${base}popup/popup.html?tab=${page.tabId}`);
      await waitFor('the popup to draw', () => driver.executeScript('return document.body.dataset.ready === "true"'));
      return driver.getWindowHandle();
    },
    /** Closes a tab opened by open() or openPopup(). */
    async closeTab(handle) {
      await driver.switchTo().window(handle);
      await driver.close();
      await driver.switchTo().window(extensionTab);
    },
    /** Requests that reached the proxy for anything but the fixture server. */
    foreignRequests() {
      return proxy.log.filter((u) => !u.startsWith(server.url));
    },
    async close() {
      await driver?.quit().catch(() => {});
      await proxy.close();
      await server.close();
    },
  };
  return h;
}
