// Registers the content script on sites the user opted into (optional host permissions
// granted from the popup), and unregisters it when the permission is removed.
// Default sites are covered by the manifest; this never asks for a permission itself.
const SCRIPT_ID = 'read-the-room-opt-in';

export async function syncOptInScripts() {
  const manifest = chrome.runtime.getManifest();
  const defaults = new Set(manifest.host_permissions);
  const { origins = [] } = await chrome.permissions.getAll();
  const optIn = origins.filter((o) => !defaults.has(o) && o !== '<all_urls>' && !/^\w+:\/\/\*\/\*$/.test(o));
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (optIn.length === 0) return;
  await chrome.scripting.registerContentScripts([{
    id: SCRIPT_ID, matches: optIn, js: ['content.js'], runAt: 'document_idle', allFrames: true, persistAcrossSessions: true,
  }]);
}
