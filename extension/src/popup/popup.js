// The toolbar popup: the current tab's site (on/off, or "enable on this site" for sites outside
// the defaults), the last verdict on this page, and the history of verdicts as charts and a
// list with rules in plain words. Everything is built with DOM APIs and textContent.
// Never reads the page, never scores text, never makes a network request.
// `?tab=<id>` picks the tab to describe (the end-to-end tests open the popup as a page).

import {
  isDefaultSite, loadSettings, onSettingsChanged, siteIdFor, siteName, setSiteEnabled, updateSettings,
} from '../shared/settings.js';
import { readHistory } from '../shared/history.js';
import { countByDay, countBySite, drawDailyChart, drawSiteChart, startOfDay } from './chart.js';
import * as glue from 'rtr:wasm-glue';
import { loadRuleCatalog, ruleWords } from './rule-catalog.js';
import { MSG } from '../shared/messages.js';
import { levelWord, localizePage, t } from '../shared/i18n.js';

const RECENT_COUNT = 8;
const SITE_ROWS = 8;
const $ = (id) => document.getElementById(id);
const state = { days: 7, tab: null, siteId: null, catalog: [] };

function h(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const formatDay = (time) => new Date(time).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
const formatTime = (time) => new Date(time).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

async function currentTab() {
  const asked = new URLSearchParams(location.search).get('tab');
  if (asked) {
    try {
      return await chrome.tabs.get(Number(asked));
    } catch {
      return null; // no such tab (tabs.get throws at once on a bad id, or rejects on an unknown one)
    }
  }
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab ?? null;
}

// The site id the tab's content script chose (its adapter knows a site by its page even on
// another host, e.g. a saved copy); null when no content script answers.
async function detectedSiteId(tab) {
  if (!tab?.id) return null;
  try {
    const answer = await chrome.tabs.sendMessage(tab.id, { type: MSG.uiState });
    return typeof answer?.siteId === 'string' ? answer.siteId : null;
  } catch {
    return null; // no content script on this page
  }
}

// The page's web address when the popup may know it and it is a web page, else null.
function webUrl(tab) {
  try {
    const url = new URL(tab?.url ?? '');
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

function showNote(text) {
  $('site-note').textContent = text;
  $('site-note').hidden = !text;
}

async function renderCurrent(settings) {
  const url = webUrl(state.tab);
  for (const id of ['site-switch', 'enable-site', 'enable-global']) $(id).hidden = true;
  showNote('');
  if (!url) {
    $('site-name').textContent = t('popupThisPage');
    // Without access to a page the browser does not tell the popup its address.
    showNote(state.tab && !state.tab.url ? t('popupNoAccess') : t('popupNotWebPage'));
    return;
  }
  const siteId = state.siteId ?? siteIdFor(url.hostname);
  $('site-name').textContent = siteName(siteId);
  $('current').dataset.site = siteId;
  if (!settings.enabled) {
    showNote(t('popupOffEverywhere'));
    $('enable-global').hidden = false;
    return;
  }
  const allowed = isDefaultSite(siteId) || await chrome.permissions.contains({ origins: [`${url.origin}/*`] });
  if (!allowed) {
    showNote(t('popupAsksAccess', url.hostname));
    $('enable-site').hidden = false;
    return;
  }
  $('site-switch').hidden = false;
  $('site-toggle').checked = Boolean(settings.sites[siteId]?.enabled);
  $('site-toggle-label').textContent = $('site-toggle').checked ? t('popupOnHere') : t('popupOffHere');
  if (state.justEnabled) showNote(t('popupReload'));
}

async function renderLastVerdict() {
  const box = $('last-verdict');
  if (!state.tab?.id || !chrome.storage.session) { box.hidden = true; return; }
  const key = `lastVerdict:${state.tab.id}`;
  const { [key]: verdict } = await chrome.storage.session.get(key);
  box.hidden = !verdict?.level;
  if (box.hidden) return;
  box.dataset.level = verdict.level;
  $('last-level').textContent = t('popupLastReply', levelWord(verdict.level));
  $('last-level').className = `level ${verdict.level}`;
  $('last-score').textContent = Number.isFinite(verdict.score) ? t('popupScore', verdict.score) : '';
  $('last-rules').replaceChildren(...(verdict.rules ?? []).map((id) => h('li', { 'data-rule': id }, ruleWords(id, state.catalog))));
}

function emptyMessage(settings) {
  if (!settings.history.enabled) return t('popupHistoryOff');
  return t('popupNoVerdicts', state.days);
}

async function renderHistory(settings) {
  const now = Date.now();
  const first = new Date(startOfDay(now));
  first.setDate(first.getDate() - (state.days - 1)); // calendar days, like the chart's buckets
  const since = first.getTime();
  const entries = await readHistory({ sinceMs: since });
  $('history').dataset.count = String(entries.length);
  $('history-empty').hidden = entries.length > 0;
  $('history-content').hidden = entries.length === 0;
  if (!entries.length) {
    $('history-empty').textContent = emptyMessage(settings);
    return;
  }
  const pitches = entries.filter((e) => e.level === 'pitch').length;
  const fixed = entries.filter((e) => e.fixes && e.fixes.length).length;
  $('history-summary').textContent = t('popupSummary', entries.length, pitches, state.days)
    + (fixed ? ` ${t('popupFixedBeforeSending', fixed)}` : '')
    + (settings.history.enabled ? '' : ` ${t('popupHistoryNotKept')}`);
  $('daily-chart').replaceChildren(drawDailyChart(countByDay(entries, state.days, now), { formatDay }));
  $('site-chart').replaceChildren(drawSiteChart(countBySite(entries).slice(0, SITE_ROWS), { nameOf: siteName }));
  $('recent').replaceChildren(...entries.slice(-RECENT_COUNT).reverse().map(recentItem));
}

function recentItem(entry) {
  const item = h('li', { 'data-level': entry.level, 'data-site': entry.site });
  const head = h('div', { class: 'head' });
  head.append(h('span', { class: `level ${entry.level}` }, levelWord(entry.level)), h('span', { class: 'site' }, siteName(entry.site)),
    h('span', { class: 'score' }, t('popupScore', entry.score)), h('time', { datetime: new Date(entry.time).toISOString() }, formatTime(entry.time)));
  item.append(head);
  if (entry.rules.length) {
    item.append(h('ul', { class: 'rules' }));
    item.lastChild.append(...entry.rules.map((id) => h('li', { 'data-rule': id }, ruleWords(id, state.catalog))));
  }
  if (entry.text) item.append(h('blockquote', {}, entry.text));
  return item;
}

async function renderAll() {
  const settings = await loadSettings();
  await Promise.all([renderCurrent(settings), renderLastVerdict(), renderHistory(settings)]);
  document.body.dataset.ready = 'true';
}

function wire() {
  $('open-options').addEventListener('click', () => chrome.runtime.openOptionsPage());
  $('site-toggle').addEventListener('change', async (event) => {
    const siteId = $('current').dataset.site;
    await setSiteEnabled(siteId, event.target.checked);
  });
  $('enable-global').addEventListener('click', () => updateSettings((s) => { s.enabled = true; }));
  $('enable-site').addEventListener('click', async () => {
    const url = webUrl(state.tab);
    // Must run inside the click: the browser only shows the prompt for a user gesture.
    const granted = await chrome.permissions.request({ origins: [`${url.origin}/*`] });
    if (!granted) {
      showNote(t('popupNotGranted', url.hostname));
      return;
    }
    state.justEnabled = true; // the page's content script starts on its next load
    await setSiteEnabled(state.siteId ?? siteIdFor(url.hostname), true);
    await renderAll();
  });
  for (const button of document.querySelectorAll('.range button')) {
    button.addEventListener('click', async () => {
      state.days = Number(button.dataset.days);
      for (const b of document.querySelectorAll('.range button')) b.setAttribute('aria-pressed', String(b === button));
      renderHistory(await loadSettings());
    });
  }
  onSettingsChanged((settings) => { renderCurrent(settings); renderHistory(settings); });
  chrome.storage.onChanged.addListener(async (changes, area) => {
    if (area === 'session' && changes[`lastVerdict:${state.tab?.id}`]) renderLastVerdict();
    if (area === 'local' && changes.history) renderHistory(await loadSettings());
  });
}

async function main() {
  localizePage();
  wire();
  state.tab = await currentTab();
  state.siteId = await detectedSiteId(state.tab);
  await renderAll();
  // The catalogue loads WASM: draw first, then put rule ids into plain words.
  state.catalog = await loadRuleCatalog(glue);
  if (state.catalog.length) await renderAll();
}

main().catch((error) => {
  document.body.dataset.error = 'true';
  showNote(t('somethingWrong', error.message));
});
