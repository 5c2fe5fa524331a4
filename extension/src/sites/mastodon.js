// Mastodon adapter (mastodon.social, or any instance the user enabled: detected by the
// web app's #mastodon root). The thread column lists .status / .detailed-status; the compose
// form's .reply-indicator names the status being answered. Pure: textContent only.
import { assemble, message, textOf } from './dom.js';

export const id = 'mastodon';

export function matches(location, doc = globalThis.document) {
  return location.hostname === 'mastodon.social' || Boolean(doc && doc.getElementById('mastodon'));
}

function readStatus(el) {
  return message(
    textOf(el.querySelector('.display-name__account')),
    textOf(el.querySelector('.status__content')),
  );
}

export function threadFor(editor) {
  const column = document.querySelector('.detailed-status');
  if (!editor.closest('.compose-form') && !editor.closest('.status__wrapper')) return null;
  const statuses = [...document.querySelectorAll('.item-list .status, .detailed-status')];
  if (statuses.length === 0) return null;
  // The detailed status is the one replies answer, unless the reply indicator names another.
  const indicator = document.querySelector('.compose-form .reply-indicator');
  const replyTo = indicator ? indicator.getAttribute('data-id') : null;
  const parentEl = (replyTo && statuses.find((s) => s.getAttribute('data-id') === replyTo)) || column;
  return assemble({ title: '', post: null, comments: statuses, parentEl, read: readStatus });
}
