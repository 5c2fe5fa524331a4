// Message types between the extension's parts, named by direction (sender→receiver).
// Never carries page text except on the scoring fallback (content→background:score and
// :fixes), which stays inside the extension and is never stored.

export const MSG = Object.freeze({
  // Content script cannot run WASM on this page (CSP): the worker analyses the thread.
  threadOpen: 'content→background:threadOpen', // {thread, config} -> {ok, handleId} | {ok:false, error}
  score: 'content→background:score', // {handleId, reply} -> {ok, report} | {ok:false, error}
  fixes: 'content→background:fixes', // {handleId, reply} -> {ok, fixes} | {ok:false, error} (the card opened)
  threadClose: 'content→background:threadClose', // {handleId}
  verdictSettled: 'content→background:verdictSettled', // {site, level, score, rules, fixes?: [{id, rules}]}
  verdictCleared: 'content→background:verdictCleared', // the box was emptied or the site turned off
  // The worker asks a tab's content script for what it shows (used by tests and the popup).
  uiState: 'background→content:uiState', // {} -> state object (see content/index.js)
  openCard: 'background→content:openCard', // keyboard command: open the card of the box in use
  uiStateForTab: 'popup→background:uiStateForTab', // {tabId} -> state object
});

/** Key in chrome.storage.session holding the last verdict of a tab. */
export const lastVerdictKey = (tabId) => `lastVerdict:${tabId}`;

/** The settled verdict stored for history and the popup: no text, only the ids of the rules
 * that counted toward it (mitigations such as a disclosure have weight <= 0 and are left out),
 * and, when the person applied one-click fixes to this reply, each fix's id and rule ids. */
export function verdictRecord(site, report, time = Date.now(), fixes = []) {
  const record = {
    time,
    site: String(site),
    level: report.level,
    score: report.score,
    rules: [...new Set(report.signals.filter((s) => s.weight > 0).map((s) => s.rule))],
  };
  if (fixes.length) record.fixes = fixes.map((f) => ({ id: String(f.id), rules: [...new Set(f.rules.map(String))] }));
  return record;
}
