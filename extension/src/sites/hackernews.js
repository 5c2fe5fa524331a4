// Hacker News adapter: the story or comment being answered is table.fatitem, comments are
// tr.athing.comtr; the box is form textarea[name="text"]. Pure: textContent only.
import { assemble, message, textOf } from './dom.js';

export const id = 'hackernews';

export function matches(location) {
  return location.hostname === 'news.ycombinator.com';
}

function readComment(el) {
  return message(textOf(el.querySelector('.hnuser')), textOf(el.querySelector('.commtext')));
}

export function threadFor(editor) {
  const fat = document.querySelector('table.fatitem');
  if (!fat) return null;
  const title = textOf(fat.querySelector('.titleline > a'));
  const story = fat.querySelector('.toptext') || fat.querySelector('.commtext');
  const readFat = () => message(textOf(fat.querySelector('.hnuser')), textOf(story) || title);
  const comments = [...document.querySelectorAll('tr.athing.comtr')];
  return assemble({
    title, post: fat, comments, parentEl: null,
    read: (el) => (el === fat ? readFat() : readComment(el)),
  });
}
