// X (Twitter) adapter: tweets are article[data-testid="tweet"], the reply box is a Draft.js
// editor (data-testid="tweetTextarea_0"). Pure: reads with textContent, writes nothing.
import { assemble, isBefore, lightAnchor, message, textOf } from './dom.js';

export const id = 'x';

export function matches(location) {
  return /(^|\.)(x|twitter)\.com$/.test(location.hostname);
}

function readTweet(el) {
  // User-Name holds "Display Name @handle · time"; the handle is the stable part.
  const names = el.querySelector('[data-testid="User-Name"]');
  const handle = names ? (textOf(names).match(/@\w+/) || [textOf(names)])[0] : '';
  return message(handle, textOf(el.querySelector('[data-testid="tweetText"]')));
}

export function threadFor(editor) {
  // In the reply dialog the tweet being answered is inside the dialog; inline, the tweets
  // are the conversation timeline above the box.
  const dialog = editor.closest('[role="dialog"]');
  const scope = dialog && dialog.querySelector('article[data-testid="tweet"]') ? dialog : document;
  const tweets = [...scope.querySelectorAll('article[data-testid="tweet"]')];
  if (tweets.length === 0) return null;
  const anchor = lightAnchor(editor);
  const above = tweets.filter((t) => isBefore(t, anchor));
  // No tweet above the box: composing a new post (home timeline), which answers nobody.
  if (above.length === 0) return { messages: [], parent: 0 };
  const parentEl = above[above.length - 1];
  return assemble({ title: '', post: null, comments: tweets, parentEl, read: readTweet });
}
