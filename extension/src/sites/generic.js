// Generic adapter for any page: the nearest article or comment container, the page heading,
// and the comments above the box, found through semantic HTML and ARIA roles only.
// Pure: textContent only, writes nothing. Always answers (it is the fallback).
import { closestDeep, isBefore, lightAnchor, message, textOf } from './dom.js';

export const id = 'generic';

export function matches() {
  return true;
}

const COMMENT = '[role="comment"], [itemtype$="/Comment"], article article, .comment';
const AUTHOR = '[rel="author"], [itemprop="author"], .author, address';

function readBlock(el) {
  const author = textOf(el.querySelector(AUTHOR));
  const body = el.querySelector('[itemprop="text"], .comment-body, .comment-content');
  let text = body ? textOf(body) : textOf(el);
  if (!body && author && text.startsWith(author)) text = text.slice(author.length).trim();
  return message(author || 'unknown', text);
}

export function threadFor(editor) {
  const anchor = lightAnchor(editor);
  const scope = closestDeep(editor, 'main') || document.body;
  const post = scope.querySelector('article') || closestDeep(editor, 'article, [role="article"]');
  const heading = scope.querySelector('h1') || document.querySelector('h1');
  const title = textOf(heading) || document.title.trim();
  const messages = [];
  const postBody = post ? post.querySelector('[itemprop="articleBody"], .post-body') : null;
  const postMessage = post ? message(textOf(post.querySelector(AUTHOR)) || 'op',
    textOf(postBody) || textOf(post.querySelector('p'))) : null;
  if (postMessage) messages.push(postMessage);
  const comments = [...scope.querySelectorAll(COMMENT)]
    .filter((el) => el !== post && isBefore(el, anchor) && !el.contains(anchor));
  const own = closestDeep(editor, COMMENT);
  let parent = 0;
  for (const el of comments) {
    const m = readBlock(el);
    if (m) messages.push(m);
  }
  if (own && own !== post) {
    const m = readBlock(own);
    if (m) { parent = messages.length; messages.push(m); }
  }
  if (messages.length === 0 && !title) return null;
  if (messages.length === 0) messages.push({ author: 'op', text: title });
  return title ? { title, messages, parent } : { messages, parent };
}
