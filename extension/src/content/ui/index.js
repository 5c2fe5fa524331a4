// The inline UI: one host element holding a CLOSED shadow root with the badge (level colour
// and word, score on hover), the card, the textarea overlay and a polite live region.
// The page cannot reach inside; nothing is created until there is a verdict to show, and
// destroy() removes every trace. Never writes into the editor itself: a fix button hands its
// fix to actions.applyFix (the session applies it through the editor's input path).
import { reasonsOf, renderCard, renderFixes, rulesOf } from './card.js';
import { createHighlighter } from './highlight.js';
import { UI_CSS } from './styles.js';
import { viewportRect } from '../editors.js';
import { levelWord, t } from '../../shared/i18n.js';

function make(tag, attrs = {}) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/**
 * @param {{mute(rule:string):void, allow(phrase:string):void, turnOff():void, applyFix(fix:object):void,
 *   fixes():Promise<object[]>}} actions `fixes()`: the shown verdict's fixes, asked for when the card opens
 */
export function createUi(actions) {
  let host = null;
  let parts = null;
  let editor = null;
  let report = null;
  let fixes = null; // the shown report's fixes, once the card has asked for them
  let fixesAsked = null; // the report they were asked for
  let thread = null;
  let text = '';
  let lastAnnounced = 'ok';
  let holdLive = false;
  let everShown = false; // a verdict was shown on this page: later errors are not "could not start"

  function build() {
    host = make('read-the-room-ui');
    host.style.cssText = 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;';
    const root = host.attachShadow({ mode: 'closed' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(UI_CSS);
    root.adoptedStyleSheets = [sheet];
    const overlay = make('div', { class: 'overlay', 'aria-hidden': 'true' });
    const badge = make('button', { class: 'badge', type: 'button', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' });
    const dot = make('span', { class: 'dot', 'aria-hidden': 'true' });
    const word = make('span');
    badge.append(dot, word);
    const card = make('div', { class: 'card', role: 'dialog', 'aria-labelledby': 'rtr-card-title', tabindex: '-1' });
    const live = make('div', { class: 'live', 'aria-live': 'polite' });
    root.append(overlay, badge, card, live);
    const highlighter = createHighlighter(overlay);
    badge.addEventListener('click', () => (card.dataset.open === 'true' ? close() : open()));
    root.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.stopPropagation(); close(true); } });
    document.documentElement.append(host);
    parts = { root, badge, word, card, live, highlighter };
  }

  function place() {
    if (!parts || !editor || !editor.isConnected) return;
    const r = viewportRect(editor);
    const { badge, card, highlighter } = parts;
    const bw = badge.offsetWidth || 70;
    const bh = badge.offsetHeight || 22;
    badge.style.left = `${Math.max(4, r.right - bw - 6)}px`;
    badge.style.top = `${Math.max(4, r.bottom - bh - 6)}px`;
    if (card.dataset.open === 'true') {
      // Open on the side with more room, never taller than that room.
      const spaceBelow = innerHeight - r.bottom - 14;
      const spaceAbove = r.top - 14;
      const below = spaceBelow >= Math.min(card.scrollHeight, 260) || spaceBelow >= spaceAbove;
      card.style.maxHeight = `${Math.max(160, below ? spaceBelow : spaceAbove)}px`;
      card.style.left = `${Math.max(8, Math.min(r.right - card.offsetWidth, innerWidth - card.offsetWidth - 8))}px`;
      card.style.top = `${below ? r.bottom + 6 : Math.max(8, r.top - card.offsetHeight - 6)}px`;
    }
    highlighter.follow(editor);
  }

  const actionsForCard = {
    mute: (rule) => { close(); actions.mute(rule); },
    allow: (phrase) => { close(); actions.allow(phrase); },
    turnOff: () => { close(); actions.turnOff(); },
    close: () => close(true),
    fix: (fix) => { close(true); actions.applyFix(fix); },
  };

  // The fixes cost a score each: asked for once per verdict, when the card shows it.
  function askFixes() {
    if (fixesAsked === report) return;
    const asked = report;
    fixesAsked = asked;
    actions.fixes().then((list) => {
      if (report !== asked || !parts) return;
      fixes = list;
      if (parts.card.dataset.open === 'true') { renderFixes(parts.card, list, text, actionsForCard); place(); }
    }, () => {});
  }

  function open() {
    if (!report || !parts) return;
    const { card, badge, highlighter } = parts;
    renderCard(card, report, thread, actionsForCard, text, fixes ?? []);
    askFixes();
    card.dataset.open = 'true';
    badge.setAttribute('aria-expanded', 'true');
    highlighter.show(editor, reasonsOf(report));
    place();
    card.focus({ preventScroll: true });
  }

  function close(returnFocus = false) {
    if (!parts || parts.card.dataset.open !== 'true') return;
    parts.card.dataset.open = 'false';
    parts.card.replaceChildren();
    parts.badge.setAttribute('aria-expanded', 'false');
    parts.highlighter.clear();
    if (returnFocus && editor && editor.isConnected) editor.focus({ preventScroll: true });
  }

  return {
    /** Shows `next` for `box`; an `ok` verdict keeps the badge hidden (quiet). */
    show(box, next, threadShown, textShown = '') {
      everShown = true;
      if (!host && next.level === 'ok') return; // quiet: nothing added to the page for ok
      if (!host) build();
      editor = box;
      if (next !== report) fixes = null;
      report = next;
      thread = threadShown;
      text = textShown;
      const { badge, word, live, card } = parts;
      badge.disabled = false;
      badge.dataset.level = next.level;
      word.textContent = levelWord(next.level);
      badge.title = t('badgeTitle', levelWord(next.level), next.score);
      badge.setAttribute('aria-label', t('badgeLabel', levelWord(next.level), next.score));
      if (holdLive) {
        holdLive = false;
        lastAnnounced = next.level;
      } else if (next.level !== lastAnnounced) {
        live.textContent = next.level === 'ok' ? '' : next.level === 'pitch' ? t('livePitch') : t('liveCaution');
        lastAnnounced = next.level;
      }
      if (next.level === 'ok') close();
      else if (card.dataset.open === 'true') open();
      place();
    },
    place,
    close: () => close(true),
    /** Says `message` politely to screen readers (after a fix). */
    announce(message) {
      if (!parts) return;
      parts.live.textContent = message;
      holdLive = true; // the re-score that follows the fix must not talk over it
    },
    /**
     * Says once, quietly, that the analyzer could not start on this page (a broken or blocked
     * module): a grey "off" badge with the reason on hover. Typing is never affected. Nothing
     * is said once a verdict has been shown here (that is a later hiccup, not a failed start).
     */
    unavailable(box) {
      if (everShown) return;
      if (!host) build();
      editor = box;
      report = null;
      fixes = null;
      const { badge, word, live } = parts;
      badge.dataset.level = 'unavailable';
      word.textContent = t('badgeOff');
      badge.title = t('unavailableTitle');
      badge.setAttribute('aria-label', badge.title);
      badge.disabled = true;
      live.textContent = t('unavailableLive');
      lastAnnounced = 'unavailable';
      place();
    },
    /** Opens the card from the keyboard command; false when there is nothing to explain. */
    openFromKeyboard() {
      if (!parts || !report || report.level === 'ok') return false;
      open();
      return true;
    },
    /** Removes the host element, highlights and listeners' targets: no trace in the page. */
    destroy() {
      if (parts) parts.highlighter.clear();
      if (host) host.remove();
      host = null; parts = null; editor = null; report = null; fixes = null;
    },
    /** What the UI shows now, for the background worker's state query (tests, popup). */
    state() {
      if (!parts) return { present: false, level: null, badgeVisible: false, cardOpen: false };
      const { badge, card, highlighter } = parts;
      const r = badge.getBoundingClientRect();
      return {
        present: host.isConnected,
        level: report ? report.level : (badge.dataset.level === 'unavailable' ? 'unavailable' : null),
        score: report ? report.score : null,
        rules: report ? rulesOf(report) : [],
        badgeVisible: r.width > 0 && r.height > 0,
        badgeText: parts.word.textContent,
        badgeRect: { x: r.x, y: r.y, width: r.width, height: r.height },
        cardOpen: card.dataset.open === 'true',
        cardRules: [...card.querySelectorAll('li[data-rule]')].map((li) => li.dataset.rule),
        cardButtons: [...card.querySelectorAll('button')].map((b) => {
          const br = b.getBoundingClientRect();
          return { action: b.dataset.action, rule: b.dataset.rule || null, fix: b.dataset.fix || null, label: b.getAttribute('aria-label') || b.textContent, x: br.x + br.width / 2, y: br.y + br.height / 2 };
        }),
        highlights: highlighter.count(),
        fixes: (fixes ?? []).map((f) => ({ id: f.id, after: f.after, edits: f.edits })),
        cardFixPreviews: [...card.querySelectorAll('button.fix')].map((b) => ({
          fix: b.dataset.fix,
          removed: [...b.querySelectorAll('del')].map((d) => d.textContent),
          inserted: [...b.querySelectorAll('ins')].map((d) => d.textContent),
        })),
        live: parts.live.textContent,
        // Which of our controls has focus (inside the closed root): 'badge', a card action, or null.
        focused: parts.root.activeElement === badge ? 'badge' : parts.root.activeElement?.dataset?.action ?? null,
        focusedFix: parts.root.activeElement?.dataset?.fix ?? null,
      };
    },
  };
}
