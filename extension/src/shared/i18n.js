// The extension's own UI strings come from _locales/<lang>/messages.json through chrome.i18n,
// so a translation is one file. Keys are always written out literally (t('cardWhy'), never a
// computed key): tests/unit/i18n.test.mjs finds them in the sources and checks the catalogue.
// Text from the analyzer (reasons, summaries, suggestions) is its own English and passes through.

/** The message `key` with its placeholders filled; the key itself if the catalogue lacks it. */
export function t(key, ...substitutions) {
  const text = globalThis.chrome?.i18n?.getMessage(key, substitutions.map(String));
  return text || key;
}

/** A verdict level's word (badge, popup), from the catalogue. */
export const levelWord = (level) => ({ ok: t('levelOk'), caution: t('levelCaution'), pitch: t('levelPitch') })[level] ?? level;

/**
 * Fills a page from the catalogue: the text of every [data-i18n] element, and the
 * attribute of every [data-i18n-title|aria-label|placeholder="key"] (textContent only).
 */
export function localizePage(doc = document) {
  for (const node of doc.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const attr of ['title', 'aria-label', 'placeholder']) {
    for (const node of doc.querySelectorAll(`[data-i18n-${attr}]`)) node.setAttribute(attr, t(node.getAttribute(`data-i18n-${attr}`)));
  }
}
