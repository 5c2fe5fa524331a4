// The analyzer's rule catalogue for the popup and options page: loads the WASM glue shipped in
// the extension (pkg/) and asks Analyzer.rules(). Never scores text; never fetches anything
// outside the extension. If the module cannot load, callers get an empty catalogue and show
// rule ids in readable form instead.

let catalogPromise;

/**
 * Rules as [{id, category, kind, weight, message, suggestion?}], loaded once per page. `glue` is
 * the WASM glue the page imports statically (`rtr:wasm-glue`, the extension's own pkg/).
 */
export function loadRuleCatalog(glue, runtime = globalThis.chrome?.runtime) {
  catalogPromise ??= (async () => {
    await glue.default({ module_or_path: runtime.getURL('pkg/read_the_room_bg.wasm') });
    const rules = glue.Analyzer.rules();
    return Array.isArray(rules) ? rules : [];
  })().catch((error) => {
    console.warn('Read the Room: rule catalogue unavailable:', error);
    return [];
  });
  return catalogPromise;
}

/** "offer.discount" → "Offer: discount" when the catalogue has no message for it. */
export function readableRuleId(id) {
  const [head, ...rest] = String(id).split('.');
  const words = rest.join(' ').replace(/[_-]+/g, ' ');
  const title = head.charAt(0).toUpperCase() + head.slice(1);
  return words ? `${title}: ${words}` : title;
}

/** Plain words for a rule id, from the catalogue when it knows it. */
export function ruleWords(id, catalog) {
  return catalog.find((rule) => rule.id === id)?.message || readableRuleId(id);
}
