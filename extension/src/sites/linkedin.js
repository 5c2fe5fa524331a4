// LinkedIn adapter: a feed update (element with data-urn) holds the post, its comments
// (article.comments-comment-entity) and the Quill comment box. Pure: textContent only.
import { assemble, message, textOf } from './dom.js';

export const id = 'linkedin';

export function matches(location) {
  return /(^|\.)linkedin\.com$/.test(location.hostname);
}

export function threadFor(editor) {
  const update = editor.closest('[data-urn^="urn:li:activity"]');
  if (!update) return null;
  const comments = [...update.querySelectorAll('article.comments-comment-entity')];
  // A reply box opens inside the comment it answers.
  const parentEl = editor.closest('article.comments-comment-entity');
  return assemble({
    title: '', post: update, comments, parentEl,
    read: (el) => el === update
      ? message(textOf(update.querySelector('.update-components-actor__title')),
        textOf(update.querySelector('.update-components-text')))
      : message(textOf(el.querySelector('.comments-comment-meta__description-title')),
        textOf(el.querySelector(':scope > .comments-comment-entity__content .update-components-text'))),
  });
}
