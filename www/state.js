// The playground's state as data: {thread, reply, sensitivity}. Encodes it into the URL hash
// (so a case can be shared as a link) and reads pasted threads (JSON or plain text).
// Pure functions: no DOM, no analyzer, no network.

export const SENSITIVITIES = [-15, 0, 15];

/** A fresh, valid state. */
export function emptyState() {
  return { thread: { title: '', messages: [{ author: '', text: '' }], parent: 0 }, reply: '', sensitivity: 0 };
}

/** The thread as the analyzer wants it: no empty title, parent inside the messages. */
export function threadForAnalyzer(thread) {
  const messages = thread.messages.map(({ author, text }) => ({ author: String(author ?? ''), text: String(text ?? '') }));
  const parent = Math.min(Math.max(0, thread.parent | 0), Math.max(0, messages.length - 1));
  const title = String(thread.title ?? '').trim();
  return title ? { title, messages, parent } : { messages, parent };
}

// UTF-8 safe base64url, so any language survives the link.
function toBase64Url(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(encoded) {
  const binary = atob(encoded.replaceAll('-', '+').replaceAll('_', '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** `#case=…` for this state. */
export function encodeHash(state) {
  const data = { thread: threadForAnalyzer(state.thread), reply: state.reply, sensitivity: state.sensitivity };
  return `#case=${toBase64Url(JSON.stringify(data))}`;
}

/** The state in a `#case=…` hash, or null when there is none or it is damaged. */
export function decodeHash(hash) {
  const match = /^#case=([A-Za-z0-9_-]+)$/.exec(hash ?? '');
  if (!match) return null;
  try {
    const data = JSON.parse(fromBase64Url(match[1]));
    const thread = readThread(data.thread);
    const sensitivity = SENSITIVITIES.includes(data.sensitivity) ? data.sensitivity : 0;
    return { thread, reply: typeof data.reply === 'string' ? data.reply : '', sensitivity };
  } catch {
    return null;
  }
}

// Checks the shape of a thread from outside (a link or a paste); throws with a plain message.
function readThread(value) {
  if (!value || typeof value !== 'object' || !Array.isArray(value.messages)) {
    throw new Error('a thread needs a "messages" list');
  }
  const messages = value.messages.map((message, i) => {
    if (!message || typeof message.text !== 'string') throw new Error(`message ${i + 1} needs a "text"`);
    return { author: typeof message.author === 'string' ? message.author : '', text: message.text };
  });
  if (messages.length === 0) messages.push({ author: '', text: '' });
  const parent = Number.isInteger(value.parent) ? value.parent : 0;
  return { title: typeof value.title === 'string' ? value.title : '', messages, parent };
}

/**
 * Reads a pasted thread: JSON (a thread, or a case with a reply) or plain text, one message
 * per paragraph, where "Name: text" sets the author. Returns {thread, reply?}; throws an Error.
 */
export function parsePaste(text) {
  const trimmed = text.trim();
  if (!trimmed) throw new Error('Nothing to use: paste a thread first.');
  if (trimmed.startsWith('{')) {
    let value;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new Error(`That looks like JSON but does not parse: ${error.message}`);
    }
    if (value.thread) {
      return { thread: readThread(value.thread), reply: typeof value.reply === 'string' ? value.reply : undefined };
    }
    return { thread: readThread(value) };
  }
  const messages = trimmed.split(/\n\s*\n/).map((paragraph) => {
    const named = /^([^:\n]{1,40}):[ \t]+([\s\S]+)$/.exec(paragraph.trim());
    return named ? { author: named[1].trim(), text: named[2].trim() } : { author: '', text: paragraph.trim() };
  });
  return { thread: { title: '', messages, parent: 0 } };
}
