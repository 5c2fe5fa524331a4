// Picks the site adapter for a page and turns the focused box into a thread for the analyzer.
// Pure: no chrome.*, no analyzer, no UI. An adapter that is unsure (null, or throws) hands
// over to `generic`.
import * as reddit from './reddit.js';
import * as x from './x.js';
import * as linkedin from './linkedin.js';
import * as facebook from './facebook.js';
import * as youtube from './youtube.js';
import * as mastodon from './mastodon.js';
import * as bluesky from './bluesky.js';
import * as hackernews from './hackernews.js';
import * as generic from './generic.js';

export const adapters = [reddit, x, linkedin, facebook, youtube, mastodon, bluesky, hackernews];
export { generic };

/** Largest thread handed to the analyzer: the post, the parent, and the nearest comments. */
export const MAX_MESSAGES = 200;

// Test build only (__RTR_TEST_BUILD__, an esbuild define: the store build has neither this
// function nor its call). Local fixture pages (www/fixtures/<site>.html on 127.0.0.1)
// imitate a site: their file name says which one, so the real adapter runs against them.
function fixtureSite(location) {
  if (location.hostname !== '127.0.0.1' && location.hostname !== 'localhost') return null;
  const m = location.pathname.match(/\/fixtures\/(old-)?([a-z]+)[^/]*\.html$/);
  return m ? adapters.find((a) => a.id === m[2]) || null : null;
}

/** The adapter for this page: a named site, or generic. */
export function adapterFor(location, doc = globalThis.document) {
  return (__RTR_TEST_BUILD__ && fixtureSite(location)) || adapters.find((a) => a.matches(location, doc)) || generic;
}

/** Keeps messages[0], the parent, and the comments nearest the parent, in page order. */
export function capThread(thread, max = MAX_MESSAGES) {
  const { messages, parent = 0 } = thread;
  if (messages.length <= max) return thread;
  const keep = new Set([0, parent]);
  for (let d = 1; keep.size < max; d++) {
    if (parent - d > 0) keep.add(parent - d);
    if (keep.size < max && parent + d < messages.length) keep.add(parent + d);
    if (parent - d <= 0 && parent + d >= messages.length) break;
  }
  const order = [...keep].sort((a, b) => a - b);
  return { ...thread, messages: order.map((i) => messages[i]), parent: order.indexOf(parent) };
}

// Pages can hold lone surrogates (an emoji cut in half by a length limit); the analyzer takes
// only well-formed text. U+FFFD keeps every string's UTF-16 length, so offsets still match.
const wellFormed = (text) => (typeof text === 'string' ? text.toWellFormed() : text);

function wellFormedThread(thread) {
  const out = { ...thread, messages: thread.messages.map((m) => ({ author: wellFormed(m.author), text: wellFormed(m.text) })) };
  if (thread.title !== undefined) out.title = wellFormed(thread.title);
  return out;
}

/** {adapterUsed, thread} for the focused editor; thread is never null (generic always answers). */
export function threadFor(editor, location = globalThis.location) {
  const adapter = adapterFor(location);
  let thread = null;
  try {
    thread = adapter.threadFor(editor);
  } catch {
    thread = null; // a site changed its markup: fall back rather than break typing
  }
  const used = thread ? adapter : generic;
  if (!thread) thread = generic.threadFor(editor) || { messages: [], parent: 0 };
  return { adapterUsed: used.id, thread: wellFormedThread(capThread(thread)) };
}
