// Bluesky adapter: thread items carry data-testid="postThreadItem-by-<handle>" and their text
// data-testid="postText"; the composer is a TipTap/ProseMirror editor in
// [data-testid="composePostView"]. Pure: textContent only, writes nothing.
import { assemble, message, textOf } from './dom.js';

export const id = 'bluesky';

export function matches(location) {
  return location.hostname === 'bsky.app';
}

function readItem(el) {
  const handle = el.getAttribute('data-testid').replace('postThreadItem-by-', '');
  return message(`@${handle}`, textOf(el.querySelector('[data-testid="postText"]')));
}

export function threadFor(editor) {
  const composer = editor.closest('[data-testid="composePostView"]');
  if (!composer) return null;
  const items = [...document.querySelectorAll('[data-testid^="postThreadItem-by-"]')];
  if (items.length === 0) return null;
  // The composer shows the post being answered; match it by author handle and text.
  const preview = composer.querySelector('[data-testid="replyPreview"]');
  const previewText = preview ? textOf(preview.querySelector('[data-testid="postText"]')) : '';
  const parentEl = items.find((el) => previewText && textOf(el.querySelector('[data-testid="postText"]')) === previewText)
    || items[0];
  return assemble({ title: '', post: null, comments: items, parentEl, read: readItem });
}
