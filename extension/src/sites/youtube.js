// YouTube adapter: the video (ytd-watch-metadata) is the post; comments are
// ytd-comment-thread-renderer / ytd-comment-view-model; the box is ytd-commentbox's
// #contenteditable-root. Pure: textContent only, writes nothing.
import { assemble, message, textOf } from './dom.js';

export const id = 'youtube';

export function matches(location) {
  return /(^|\.)youtube\.com$/.test(location.hostname);
}

function readComment(el) {
  return message(textOf(el.querySelector('#author-text')), textOf(el.querySelector('#content-text')));
}

export function threadFor(editor) {
  const video = document.querySelector('ytd-watch-metadata');
  if (!video || !editor.closest('ytd-comments')) return null;
  const title = textOf(video.querySelector('#title h1'));
  const comments = [...document.querySelectorAll('ytd-comments ytd-comment-view-model')];
  // A reply box lives inside the thread renderer of the comment it answers.
  const threadEl = editor.closest('ytd-comment-thread-renderer');
  const parentEl = threadEl ? threadEl.querySelector('ytd-comment-view-model') : null;
  return assemble({
    title, post: video, comments, parentEl,
    read: (el) => el === video
      ? message(textOf(video.querySelector('ytd-channel-name #text')),
        textOf(video.querySelector('#description-inline-expander')) || title)
      : readComment(el),
  });
}
