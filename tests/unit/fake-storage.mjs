// A tiny in-memory chrome.storage for unit tests: sync, local and session areas with the
// promise API (get/set/remove/clear), sync's per-item quota, and onChanged events.
// Values are stored as JSON copies, like Chrome does, so tests cannot share references.

export function fakeChromeStorage({ syncItemQuota = 8192, failSync = false } = {}) {
  const listeners = new Set();
  const emit = (changes, areaName) => {
    for (const listener of [...listeners]) listener(changes, areaName);
  };
  const storage = {
    onChanged: {
      addListener: (fn) => listeners.add(fn),
      removeListener: (fn) => listeners.delete(fn),
      hasListeners: () => listeners.size > 0,
    },
    listenerCount: () => listeners.size,
  };
  for (const name of ['sync', 'local', 'session']) {
    storage[name] = makeArea(name, emit, name === 'sync' ? syncItemQuota : Infinity, name === 'sync' && failSync);
  }
  return storage;
}

function makeArea(areaName, emit, itemQuota, failWrites) {
  const data = new Map();
  const copy = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  const keyList = (keys) => (keys == null ? [...data.keys()] : typeof keys === 'string' ? [keys]
    : Array.isArray(keys) ? keys : Object.keys(keys));
  return {
    QUOTA_BYTES_PER_ITEM: itemQuota,
    data, // for tests that corrupt a value directly
    async get(keys) {
      const out = {};
      if (keys && typeof keys === 'object' && !Array.isArray(keys)) Object.assign(out, keys);
      for (const key of keyList(keys)) if (data.has(key)) out[key] = copy(data.get(key));
      return out;
    },
    async set(items) {
      if (failWrites) throw new Error('sync is unavailable');
      for (const [key, value] of Object.entries(items)) {
        if (JSON.stringify(value).length + key.length > itemQuota) {
          throw new Error(`QUOTA_BYTES_PER_ITEM quota exceeded`);
        }
      }
      const changes = {};
      for (const [key, value] of Object.entries(items)) {
        changes[key] = { oldValue: copy(data.get(key)), newValue: copy(value) };
        data.set(key, copy(value));
      }
      emit(changes, areaName);
    },
    async remove(keys) {
      const changes = {};
      for (const key of keyList(keys)) {
        if (data.has(key)) changes[key] = { oldValue: copy(data.get(key)) };
        data.delete(key);
      }
      if (Object.keys(changes).length) emit(changes, areaName);
    },
    async clear() {
      await this.remove([...data.keys()]);
    },
  };
}
