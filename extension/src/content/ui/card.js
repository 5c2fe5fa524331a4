// Fills the verdict card: summary, each reason with the words that triggered it, the thread
// lines that did or did not invite an offer, the one-click fixes (each a button with a preview
// of the words removed and inserted, and the level it leads to), suggestions, and the two actions. Built with DOM
// APIs and textContent only (page text is never parsed as HTML). Its own words come from the
// catalogue (shared/i18n.js); the reasons and summary are the analyzer's.
import { fixPreview } from '../../../../js/fix-edits.mjs';
import { levelWord, t } from '../../shared/i18n.js';

const levelTitle = (level) => ({ ok: t('cardTitleOk'), caution: t('cardTitleCaution'), pitch: t('cardTitlePitch') })[level] ?? level;

function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function excerpt(text, max = 140) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function lineOf(thread, invitation) {
  const source = invitation.message === -1 ? thread.title || '' : (thread.messages[invitation.message] || {}).text || '';
  return source;
}

/** Uniquely listed rules of a report, in the order they appear in the reply. */
export function rulesOf(report) {
  return [...new Set(report.signals.map((s) => s.rule))];
}

/** Signals that count toward a pitch (mitigations such as disclosure have weight <= 0). */
export const reasonsOf = (report) => report.signals.filter((s) => s.weight > 0);

/** The label a fix shows: the catalogue's words for its id, else the analyzer's label. */
const FIX_LABELS = {
  'remove-link': () => t('fixRemoveLink'),
  'remove-contact': () => t('fixRemoveContact'),
  'remove-offer': () => t('fixRemoveOffer'),
  'remove-selling': () => t('fixRemoveSelling'),
  'add-disclosure': () => t('fixAddDisclosure'),
  'answer-first': () => t('fixAnswerFirst'),
};
export const fixLabel = (fix) => (Object.hasOwn(FIX_LABELS, fix.id) ? FIX_LABELS[fix.id]() : fix.label);

/**
 * Fills the card's fixes section (empty until the fixes are known: they are computed when the
 * card opens): a heading and one button per fix, each with its preview and the level it leads
 * to. `text` is the reply the fixes were made for; `actions.fix(fix)` is called on a click.
 */
export function renderFixes(card, fixes, text, actions) {
  const slot = card.querySelector('[data-slot="fixes"]');
  if (!slot) return;
  if (!fixes.length || !text) { slot.replaceChildren(); return; }
  const list = el('ul', undefined, { class: 'fixes', 'aria-labelledby': 'rtr-fixes-title' });
  for (const fix of fixes) {
    const label = fixLabel(fix);
    const leads = t('cardFixLeadsTo', levelWord(fix.after.level), fix.after.score);
    const button = el('button', undefined, { type: 'button', class: 'fix', 'data-action': 'fix', 'data-fix': fix.id, 'data-after': fix.after.level });
    button.setAttribute('aria-label', t('cardFixAria', label, leads));
    button.append(el('span', label, { class: 'label' }), fixPreview(text, fix, 'preview'), el('span', leads, { class: 'after', 'data-level': fix.after.level }));
    button.addEventListener('click', () => actions.fix(fix));
    const item = el('li');
    item.append(button);
    list.append(item);
  }
  slot.replaceChildren(el('h3', t('cardFixes'), { id: 'rtr-fixes-title' }), list);
}

/**
 * Replaces the card's children for `report`. `actions.mute(ruleId)`, `actions.allow(phrase)` and `actions.turnOff()`
 * are called from the buttons; `actions.fix(fix)` from a fix's button; `actions.close()` from the
 * close button. `text` is the reply the report was made for (for the fixes' previews); `fixes`
 * its fixes when already known (renderFixes fills them in later otherwise).
 */
export function renderCard(card, report, thread, actions, text = '', fixes = []) {
  const heading = el('h2', t('cardHeading', levelTitle(report.level), report.score), { id: 'rtr-card-title' });
  const parts = [heading];
  if (report.summary) parts.push(el('p', report.summary));

  const reasons = reasonsOf(report);
  if (reasons.length) {
    parts.push(el('h3', t('cardWhy')));
    const list = el('ul');
    const byRule = new Map();
    for (const s of reasons) {
      // A learned phrase is its own reason: "Not a pitch here" allows that phrase on this site.
      const key = s.rule.startsWith('learned.') ? `${s.rule}\u0000${s.text}` : s.rule;
      if (!byRule.has(key)) byRule.set(key, { rule: s.rule, message: s.message, words: [] });
      byRule.get(key).words.push(s.text);
    }
    for (const { rule, message, words } of byRule.values()) {
      const item = el('li', undefined, { 'data-rule': rule });
      item.append(el('span', `${message}: `));
      words.forEach((w, i) => { if (i) item.append(', '); item.append(el('q', w)); });
      item.append(' ', el('span', rule, { class: 'rule' }), el('br'));
      const learned = rule.startsWith('learned.');
      const mute = el('button', t('cardNotAPitch'), { type: 'button', 'data-action': learned ? 'allow' : 'mute', 'data-rule': rule });
      mute.addEventListener('click', () => (learned ? actions.allow(words[0]) : actions.mute(rule)));
      item.append(mute);
      list.append(item);
    }
    parts.push(list);
  }

  const mitigations = report.signals.filter((s) => s.weight <= 0);
  if (mitigations.length) {
    parts.push(el('h3', t('cardInYourFavour')));
    const list = el('ul');
    for (const s of mitigations) {
      const item = el('li', `${s.message}: `, { 'data-mitigation': s.rule });
      item.append(el('q', s.text));
      list.append(item);
    }
    parts.push(list);
  }

  parts.push(el('h3', t('cardThread')));
  const lines = el('ul');
  if (report.invitations.length) {
    for (const inv of report.invitations) {
      const item = el('li', t('cardAskedForOffers'));
      item.append(el('q', excerpt(inv.text || lineOf(thread, inv))));
      lines.append(item);
    }
  } else {
    const parent = thread.messages[thread.parent || 0];
    const item = el('li', t('cardNobodyAsked'));
    if (parent) { item.append(': '); item.append(el('q', excerpt(thread.title || parent.text))); }
    lines.append(item);
  }
  parts.push(lines);

  parts.push(el('div', undefined, { 'data-slot': 'fixes' }));

  if (report.suggestions.length) {
    parts.push(el('h3', t('cardTry')));
    const tips = el('ul');
    for (const s of report.suggestions) tips.append(el('li', s));
    parts.push(tips);
  }

  const footer = el('div', undefined, { class: 'actions' });
  const off = el('button', t('cardTurnOff'), { type: 'button', 'data-action': 'turn-off' });
  off.addEventListener('click', () => actions.turnOff());
  const close = el('button', t('cardClose'), { type: 'button', 'data-action': 'close' });
  close.addEventListener('click', () => actions.close());
  footer.append(off, close);
  parts.push(footer);
  card.replaceChildren(...parts);
  renderFixes(card, fixes, text, actions);
}
