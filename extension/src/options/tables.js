// The options page's two tables: sites (on/off, sensitivity slider, remove) and the rules
// matrix (one row per rule from the analyzer's catalogue, one toggle per site). Built with DOM
// APIs and textContent. Tables are rebuilt only when the set of sites or rules changes;
// otherwise controls are updated in place so keyboard focus stays where it is.
// Never reads or writes storage itself: it calls the handlers it is given.

import { isDefaultSite, siteName } from '../shared/settings.js';
import { readableRuleId } from '../popup/rule-catalog.js';
import { t } from '../shared/i18n.js';

export const SENSITIVITY_STEPS = ['quiet', 'normal', 'strict'];
// Rule kinds from the catalogue, in the order shown, with a heading in plain words.
const KIND_ORDER = ['signal', 'mitigation', 'invitation', 'refusal', 'discussion'];
const kindHeading = (kind) => ({
  signal: t('kindSignal'), mitigation: t('kindMitigation'), invitation: t('kindInvitation'), refusal: t('kindRefusal'), discussion: t('kindDiscussion'),
  stale: t('kindStale'),
})[kind] ?? t('kindOther');
// The settings keep the step ids; people see their words.
const stepWord = (step) => ({ quiet: t('sensitivityQuiet'), normal: t('sensitivityNormal'), strict: t('sensitivityStrict') })[step] ?? step;

function h(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Default sites in their fixed order, then added sites alphabetically. */
export function orderedSites(settings) {
  const ids = Object.keys(settings.sites);
  return [...ids.filter(isDefaultSite), ...ids.filter((id) => !isDefaultSite(id)).sort()];
}

export function renderSitesTable(tbody, settings, handlers) {
  const sites = orderedSites(settings);
  const signature = sites.join('\n');
  if (tbody.dataset.signature !== signature) {
    tbody.dataset.signature = signature;
    tbody.replaceChildren(...sites.map((id) => siteRow(id, handlers)));
  }
  for (const row of tbody.rows) {
    const site = settings.sites[row.dataset.site];
    row.querySelector('.site-enabled').checked = site.enabled;
    const slider = row.querySelector('.sensitivity');
    slider.value = String(SENSITIVITY_STEPS.indexOf(site.sensitivity));
    slider.setAttribute('aria-valuetext', stepWord(site.sensitivity));
    row.querySelector('output').textContent = stepWord(site.sensitivity);
  }
}

function siteRow(id, handlers) {
  const name = siteName(id);
  const row = h('tr', { 'data-site': id });
  row.append(h('th', { scope: 'row' }, name));
  const toggle = h('input', { type: 'checkbox', role: 'switch', class: 'site-enabled', 'aria-label': t('tablesOnSite', name) });
  toggle.addEventListener('change', () => handlers.siteEnabled(id, toggle.checked));
  row.append(cell(toggle));
  const slider = h('input', { type: 'range', min: '0', max: '2', step: '1', class: 'sensitivity', 'aria-label': t('tablesSensitivityOn', name) });
  const output = h('output', { class: 'sensitivity-name' });
  slider.addEventListener('input', () => { output.textContent = stepWord(SENSITIVITY_STEPS[Number(slider.value)]); });
  slider.addEventListener('change', () => handlers.sensitivity(id, SENSITIVITY_STEPS[Number(slider.value)]));
  row.append(cell(slider, output));
  if (isDefaultSite(id)) {
    row.append(h('td'));
  } else {
    const remove = h('button', { type: 'button', class: 'remove-site', 'aria-label': t('tablesRemoveSite', name) }, t('optionsRemove'));
    remove.addEventListener('click', () => handlers.removeSite(id));
    row.append(cell(remove));
  }
  return row;
}

function cell(...children) {
  const td = h('td');
  td.append(...children);
  return td;
}

/** Rules from the catalogue, plus any rule turned off in settings that the catalogue no longer has. */
export function matrixRules(catalog, settings) {
  const known = new Set(catalog.map((r) => r.id));
  const stale = new Set();
  for (const site of Object.values(settings.sites)) for (const id of site.disabledRules) if (!known.has(id)) stale.add(id);
  const rank = (rule) => { const i = KIND_ORDER.indexOf(rule.kind); return i < 0 ? KIND_ORDER.length : i; };
  const sorted = [...catalog].sort((a, b) => rank(a) - rank(b) || a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
  return [...sorted, ...[...stale].sort().map((id) => ({ id, category: id.split('.')[0], message: readableRuleId(id), kind: 'stale', stale: true }))];
}

export function renderRulesMatrix(table, catalog, settings, onToggle) {
  const sites = orderedSites(settings);
  const rules = matrixRules(catalog, settings);
  const signature = `${sites.join(',')}|${rules.map((r) => r.id).join(',')}`;
  if (table.dataset.signature !== signature) {
    table.dataset.signature = signature;
    const head = h('tr');
    head.append(h('th', { scope: 'col' }, t('tablesRule')), h('th', { scope: 'col' }, t('tablesCategory')),
      ...sites.map((id) => h('th', { scope: 'col', 'data-site': id }, siteName(id))));
    table.tHead.replaceChildren(head);
    const rows = [];
    rules.forEach((rule, i) => {
      if (i === 0 || rules[i - 1].kind !== rule.kind) {
        const heading = kindHeading(rule.kind);
        rows.push(h('tr', { class: 'group' }, undefined));
        rows.at(-1).append(h('th', { colspan: String(sites.length + 2), scope: 'colgroup' }, heading));
      }
      rows.push(ruleRow(rule, sites, onToggle));
    });
    table.tBodies[0].replaceChildren(...rows);
  }
  for (const box of table.querySelectorAll('input[data-rule]')) {
    box.checked = !settings.sites[box.dataset.site].disabledRules.includes(box.dataset.rule);
  }
}

function ruleRow(rule, sites, onToggle) {
  const row = h('tr', { 'data-rule': rule.id });
  const title = h('th', { scope: 'row' });
  title.append(h('span', { class: 'message' }, rule.message || readableRuleId(rule.id)), h('code', {}, rule.id));
  row.append(title, h('td', { class: 'category' }, rule.category));
  for (const site of sites) {
    const box = h('input', { type: 'checkbox', 'data-rule': rule.id, 'data-site': site,
      'aria-label': t('tablesRuleOnSite', rule.message || rule.id, siteName(site)) });
    box.addEventListener('change', () => onToggle(site, rule.id, box.checked));
    row.append(cell(box));
  }
  return row;
}
