// Message types between the extension's parts, named by direction (sender→receiver).
// Never carries page text except on the scoring fallback (content→background:score), which
// stays inside the extension and is never stored.

export const MSG = Object.freeze({
  // Content script cannot run WASM on this page (CSP): the worker analyses the thread.
  threadOpen: 'content→background:threadOpen', // {thread, config} -> {ok, handleId} | {ok:false, error}
  score: 'content→background:score', // {handleId, reply} -> {ok, report} | {ok:false, error}
  threadClose: 'content→background:threadClose', // {handleId}
  verdictSettled: 'content→background:verdictSettled', // {site, level, score, rules}
  verdictCleared: 'content→background:verdictCleared', // the box was emptied or the site turned off
  // The worker asks a tab's content script for what it shows (used by tests and the popup).
  uiState: 'background→content:uiState', // {} -> state object (see content/index.js)
  openCard: 'background→content:openCard', // keyboard command: open the card of the box in use
  uiStateForTab: 'popup→background:uiStateForTab', // {tabId} -> state object
});

/** Key in chrome.storage.session holding the last verdict of a tab. */
export const lastVerdictKey = (tabId) => `lastVerdict:${tabId}`;

/** The settled verdict stored for history and the popup: no text, only the ids of the rules
 * that counted toward it (mitigations such as a disclosure have weight <= 0 and are left out). */
export function verdictRecord(site, report, time = Date.now()) {
  return {
    time,
    site: String(site),
    level: report.level,
    score: report.score,
    rules: [...new Set(report.signals.filter((s) => s.weight > 0).map((s) => s.rule))],
  };
}
