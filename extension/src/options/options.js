// The options page: global switch, per-site table and rules matrix, user phrases, privacy and
// history, export / import / reset, and the log of repairs made to stored data. Every change is
// saved at once through the settings module; open tabs pick it up through onSettingsChanged.
// Never reads pages, never scores text, never makes a network request.

import {
  clearRepairLog, exportSettings, importSettings, isSiteId, loadSettings, onSettingsChanged, phraseProblem,
  readRepairLog, removeSite, resetSettings, setRuleEnabled, setSiteEnabled, siteIdFor, updateSettings,
} from '../shared/settings.js';
import { clearHistory, forgetTexts, readHistory } from '../shared/history.js';
import * as glue from 'rtr:wasm-glue';
import { loadRuleCatalog } from '../popup/rule-catalog.js';
import { renderRulesMatrix, renderSitesTable } from './tables.js';
import { localizePage, t } from '../shared/i18n.js';

const $ = (id) => document.getElementById(id);
let catalog = [];
let current = null; // the settings last drawn; read without awaiting inside click handlers

function h(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function say(text) {
  $('status').textContent = text;
}

// Runs a settings change and reports a failure in words instead of losing it.
async function save(change, done) {
  try {
    await change();
    if (done) say(done);
  } catch (error) {
    say(t('optionsNotSaved', error.message));
  }
}

function render(settings) {
  current = settings;
  $('global-toggle').checked = settings.enabled;
  $('global-label').textContent = settings.enabled ? t('optionsOn') : t('optionsOffEverywhere');
  document.body.classList.toggle('off', !settings.enabled);
  renderSitesTable($('sites-table').tBodies[0], settings, {
    siteEnabled: (id, on) => save(() => setSiteEnabled(id, on)),
    sensitivity: (id, level) => save(() => updateSettings((s) => { s.sites[id].sensitivity = level; })),
    removeSite: (id) => save(() => removeSite(id), t('optionsRemoved', id)),
  });
  renderRulesMatrix($('rules-table'), catalog, settings, (site, rule, on) => save(() => setRuleEnabled(site, rule, on)));
  renderPhrases(settings.phrases);
  $('history-toggle').checked = settings.history.enabled;
  $('keep-text-toggle').checked = settings.history.keepText;
  const retention = $('retention-select');
  if (![...retention.options].some((o) => o.value === String(settings.history.retentionDays))) {
    retention.append(h('option', { value: String(settings.history.retentionDays) }, t('optionsDays', settings.history.retentionDays)));
  }
  retention.value = String(settings.history.retentionDays);
}

function renderPhrases(phrases) {
  $('phrases-list').replaceChildren(...phrases.map((phrase) => {
    const item = h('li', { 'data-phrase': phrase });
    const remove = h('button', { type: 'button', 'aria-label': t('optionsRemovePhrase', phrase) }, '×');
    remove.addEventListener('click', () => save(() => updateSettings((s) => { s.phrases = s.phrases.filter((p) => p !== phrase); })));
    item.append(h('span', {}, phrase), remove);
    return item;
  }));
  if (!phrases.length) $('phrases-list').append(h('li', { class: 'note' }, t('optionsNoPhrases')));
}

async function renderRepairs() {
  const log = await readRepairLog();
  $('repairs-empty').hidden = log.length > 0;
  $('clear-repairs').hidden = log.length === 0;
  $('repairs-list').replaceChildren(...log.slice().reverse().map((entry) => {
    const item = h('li');
    item.append(h('time', { datetime: new Date(entry.time).toISOString() }, new Date(entry.time).toLocaleString()), h('span', {}, ` ${entry.message}`));
    return item;
  }));
}

function wirePhrases() {
  $('add-phrase').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('add-phrase-input');
    const settings = await loadSettings();
    const problem = phraseProblem(input.value, settings.phrases);
    $('add-phrase-error').textContent = problem ?? '';
    input.setAttribute('aria-invalid', String(Boolean(problem)));
    if (problem) return;
    const phrase = input.value.trim();
    await save(() => updateSettings((s) => { s.phrases.push(phrase); }), t('optionsAdded', phrase));
    input.value = '';
  });
}

function wireSites() {
  $('add-site').addEventListener('submit', async (event) => {
    event.preventDefault();
    const raw = $('add-site-input').value.trim();
    let host = raw;
    try { host = new URL(raw.includes('://') ? raw : `https://${raw}`).hostname; } catch { /* judged below */ }
    const id = siteIdFor(host);
    const settings = current; // no await before permissions.request: it needs the click's user activation
    const problem = !raw ? t('optionsTypeSite')
      : !isSiteId(id) || !id.includes('.') && id !== 'localhost' && !settings.sites[id] ? t('optionsNotSite', raw)
        : settings.sites[id] ? t('optionsAlreadyListed', id) : null;
    $('add-site-error').textContent = problem ?? '';
    if (problem) return;
    // The browser asks the person; without access the site is listed but stays off.
    let granted = false;
    try {
      granted = await chrome.permissions.request({ origins: [`https://${host}/*`, `http://${host}/*`] });
    } catch { /* no prompt possible here: keep it off */ }
    await save(() => setSiteEnabled(id, granted),
      granted ? t('optionsSiteOn', id) : t('optionsSiteOff', id));
    $('add-site-input').value = '';
  });
}

function wirePrivacy() {
  $('global-toggle').addEventListener('change', (e) => save(() => updateSettings((s) => { s.enabled = e.target.checked; })));
  $('history-toggle').addEventListener('change', (e) => save(() => updateSettings((s) => { s.history.enabled = e.target.checked; })));
  $('retention-select').addEventListener('change', (e) => save(() => updateSettings((s) => { s.history.retentionDays = Number(e.target.value); })));
  $('keep-text-toggle').addEventListener('change', (e) => save(async () => {
    await updateSettings((s) => { s.history.keepText = e.target.checked; });
    if (!e.target.checked) await forgetTexts(); // turning it off also removes texts already kept
  }));
  $('clear-history').addEventListener('click', () => save(async () => {
    const count = (await readHistory()).length;
    await clearHistory();
    say(t('optionsHistoryCleared', count));
  }));
}

function wireBackup() {
  $('export').addEventListener('click', () => save(async () => {
    const json = await exportSettings();
    const link = h('a', { download: `read-the-room-settings-${new Date().toISOString().slice(0, 10)}.json` });
    link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000); // the download needs the URL for a moment
  }, t('optionsExported')));
  $('import-file').addEventListener('change', async (event) => {
    const [file] = event.target.files;
    event.target.value = '';
    if (!file) return;
    $('import-error').textContent = '';
    try {
      if (file.size > 1_000_000) throw new Error(t('optionsFileTooLarge'));
      await importSettings(await file.text());
      say(t('optionsImported', file.name));
    } catch (error) {
      $('import-error').textContent = error.message;
    }
  });
  $('reset').addEventListener('click', () => { $('reset-confirm').hidden = false; $('reset-confirm').focus(); });
  $('reset-confirm').addEventListener('click', () => save(async () => {
    $('reset-confirm').hidden = true;
    await resetSettings();
  }, t('optionsResetDone')));
  $('clear-repairs').addEventListener('click', async () => { await clearRepairLog(); renderRepairs(); });
}

async function main() {
  localizePage();
  for (const option of $('retention-select').options) {
    option.textContent = option.value === '365' ? t('optionsOneYear') : t('optionsDays', option.value);
  }
  wirePhrases();
  wireSites();
  wirePrivacy();
  wireBackup();
  onSettingsChanged(render);
  chrome.storage.onChanged.addListener((changes, area) => { if (area === 'local' && changes.repairLog) renderRepairs(); });
  render(await loadSettings());
  await renderRepairs();
  catalog = await loadRuleCatalog(glue);
  $('rules-note').hidden = catalog.length > 0;
  $('rules-note').textContent = t('optionsRulesEmpty');
  render(await loadSettings());
  document.body.dataset.ready = 'true';
}

main().catch((error) => say(t('somethingWrong', error.message)));
