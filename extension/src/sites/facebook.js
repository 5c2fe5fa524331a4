// Facebook adapter: class names are hashed, so only roles and aria/data attributes are used:
// the post is the outer [role="article"], comments are [role="article"][aria-label^="Comment by"],
// the box is a Lexical editor. Pure: textContent only, writes nothing.
import { assemble, message, textOf } from './dom.js';

export const id = 'facebook';

export function matches(location) {
  return /(^|\.)facebook\.com$/.test(location.hostname);
}

const COMMENT = '[role="article"][aria-label^="Comment by"]';

export function threadFor(editor) {
  let post = editor.closest('[role="article"]');
  while (post && post.matches(COMMENT)) post = post.parentElement.closest('[role="article"]');
  if (!post) return null;
  const comments = [...post.querySelectorAll(COMMENT)];
  // A reply box is rendered in the same list item as the comment it answers.
  const item = editor.closest('li');
  const parentEl = item ? item.querySelector(COMMENT) : null;
  return assemble({
    title: '', post, comments, parentEl,
    read: (el) => el === post
      ? message(textOf(post.querySelector('[data-ad-rendering-role="profile_name"]')),
        textOf(post.querySelector('[data-ad-preview="message"]')))
      : message(el.getAttribute('aria-label').replace(/^Comment by\s+/, '').replace(/\s+\d.*$/, ''),
        textOf(el.querySelector('div[dir="auto"]'))),
  });
}
