// Registers the content script on sites the user opted into (optional host permissions
// granted from the popup), unregisters it when the permission is removed, and starts it in
// tabs already open on a newly granted site so the person does not have to reload.
// Default sites are covered by the manifest; this never asks for a permission itself.
const SCRIPT_ID = 'read-the-room-opt-in';

function optInOrigins(origins) {
  const defaults = new Set(chrome.runtime.getManifest().host_permissions);
  // The blanket optional patterns themselves are never "a site the user enabled".
  return origins.filter((o) => !defaults.has(o) && o !== '<all_urls>' && !/^\w+:\/\/\*\/\*$/.test(o));
}

export async function syncOptInScripts() {
  const { origins = [] } = await chrome.permissions.getAll();
  const optIn = optInOrigins(origins);
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (optIn.length === 0) return;
  await chrome.scripting.registerContentScripts([{
    id: SCRIPT_ID, matches: optIn, js: ['content.js'], runAt: 'document_idle', allFrames: true, persistAcrossSessions: true,
  }]);
}

/** Runs the content script in open tabs of origins just granted. */
export async function startInOpenTabs(origins = []) {
  const granted = optInOrigins(origins);
  if (granted.length === 0) return;
  for (const tab of await chrome.tabs.query({ url: granted })) {
    await chrome.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: ['content.js'] })
      .catch(() => { /* tab closed or navigated meanwhile */ });
  }
}
