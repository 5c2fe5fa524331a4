// Reddit adapter: new Reddit (shreddit-* custom elements, composer in an open shadow root)
// and old Reddit (div.thing markup). Pure: reads the DOM with textContent, writes nothing.
import { assemble, closestDeep, message, textOf } from './dom.js';

export const id = 'reddit';

export function matches(location) {
  return /(^|\.)reddit\.com$/.test(location.hostname);
}

function newReddit(editor) {
  const post = document.querySelector('shreddit-post');
  if (!post) return null;
  const title = post.getAttribute('post-title') || textOf(post.querySelector('[slot="title"]'));
  const comments = [...document.querySelectorAll('shreddit-comment')];
  // A reply composer sits inside the comment it answers; the top composer is outside all.
  const parentEl = closestDeep(editor, 'shreddit-comment');
  return assemble({
    title, post, comments, parentEl,
    read: (el) => el === post
      ? message(post.getAttribute('author'), textOf(post.querySelector('[slot="text-body"]')))
      : message(el.getAttribute('author'), textOf(el.querySelector(':scope > [slot="comment"]'))),
  });
}

function oldReddit(editor) {
  const post = document.querySelector('#siteTable > .thing.link, .thing.link');
  if (!post) return null;
  const title = textOf(post.querySelector('a.title'));
  const comments = [...document.querySelectorAll('.thing.comment')];
  const parentEl = editor.closest('.thing.comment');
  return assemble({
    title, post, comments, parentEl,
    read: (el) => message(
      el.getAttribute('data-author'),
      textOf(el.querySelector(':scope > .entry .usertext-body .md')),
    ),
  });
}

export function threadFor(editor) {
  if (document.querySelector('shreddit-app, shreddit-post')) return newReddit(editor);
  return oldReddit(editor);
}
