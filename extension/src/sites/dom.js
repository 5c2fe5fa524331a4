// Small read-only DOM helpers shared by the site adapters.
// Reads text with textContent only; never writes to the page, never uses chrome.* APIs.

/** Text of an element, whitespace collapsed; '' for null. */
export function textOf(el) {
  return el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '';
}

/** What contains `node`'s tree: its shadow root's host, or its same-origin iframe element. */
function outerOf(node) {
  const root = node.getRootNode ? node.getRootNode() : null;
  if (root && root.host) return root.host;
  try {
    return root && root.defaultView ? root.defaultView.frameElement : null;
  } catch {
    return null; // cross-origin parent: stop here
  }
}

/** Like Element.closest, but climbs out of shadow roots and same-origin iframes. */
export function closestDeep(el, selector) {
  for (let node = el; node; node = outerOf(node)) {
    const found = node.closest ? node.closest(selector) : null;
    if (found) return found;
  }
  return null;
}

/** The element of this document containing `el` (through shadow hosts and iframes), for ordering. */
export function lightAnchor(el) {
  let node = el;
  while (node.ownerDocument !== document || (node.getRootNode() && node.getRootNode().host)) {
    const outer = outerOf(node);
    if (!outer) break;
    node = outer;
  }
  return node;
}

/** True when `a` comes before `b` in document order (both in the light DOM). */
export function isBefore(a, b) {
  return Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
}

/** A message, or null when its text is empty (deleted comments, placeholders). */
export function message(author, text) {
  const t = (text || '').trim();
  return t ? { author: (author || '').trim() || 'unknown', text: t } : null;
}

/**
 * Builds {title, messages, parent} from a post and comments in page order. `parentEl`, when
 * given, is the comment being replied to (must be one of `comments`); otherwise the post.
 */
export function assemble({ title, post, comments, parentEl, read }) {
  const messages = [];
  let parent = 0;
  const first = post ? read(post) : null;
  if (first) messages.push(first);
  for (const el of comments) {
    const m = read(el);
    if (!m) continue;
    if (el === parentEl) parent = messages.length;
    messages.push(m);
  }
  if (messages.length === 0) return null;
  const thread = { messages, parent };
  if (title) thread.title = title;
  return thread;
}
