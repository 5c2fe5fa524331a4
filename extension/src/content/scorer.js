// Runs the analyzer for the content script: WASM loaded right here through the shared
// js/analyzer-client.mjs (no messaging on the typing path; the glue is bundled into this
// script, since a content script cannot import), or, when the page's CSP or a
// missing web-accessible grant blocks that, the same WASM in the background worker through
// messages. Never stores text; the fallback messages stay inside the extension.
import * as glue from 'rtr:wasm-glue';
import { startAnalyzer, nextTask } from '../../../js/analyzer-client.mjs';
import { MSG } from '../shared/messages.js';

// A reply that is plainly fine, scored once to pay the first score's one-time costs.
const WARM_REPLY = 'Thanks, that helps.';

/** The in-page analyzer, with the async interface both paths share. */
async function localHost() {
  const client = await startAnalyzer(glue, chrome.runtime.getURL('pkg/read_the_room_bg.wasm'));
  // The first thread read and the first score still pay one-time costs (the automata's
  // caches, the engine's first compile of each path): pay them on a one-line thread, a task
  // each, so they never add up to a long task with the page's own thread.
  const probe = client.thread({ messages: [{ author: 'a', text: 'Can anyone recommend a plumber?' }], parent: 0 });
  await nextTask();
  probe.score(WARM_REPLY);
  probe.free();
  await nextTask();
  let warm = false;
  return {
    async setConfig(config) { client.setConfig(config); },
    async thread(thread) {
      // Reading the page's comments and analysing them are each up to tens of milliseconds
      // on a long thread: a task each, not one long task.
      await nextTask();
      const handle = client.thread(thread);
      // The first score on a page's own thread is slower than the next ones; pay it when the
      // box gets focus (in its own task), not on the first pause in typing.
      if (!warm) { await nextTask(); handle.score(WARM_REPLY); warm = true; }
      return { score: async (reply) => handle.score(reply), fixes: async (reply) => handle.fixes(reply), free: () => handle.free() };
    },
  };
}

async function ask(type, payload) {
  const answer = await chrome.runtime.sendMessage({ type, ...payload });
  if (!answer || !answer.ok) throw new Error(answer ? answer.error : 'no answer from the background worker');
  return answer;
}

/** The worker-side analyzer, same interface as the local one. */
function workerHost() {
  let config = { disabledRules: [], sensitivity: 0, phrases: [], allowedPhrases: [] };
  return {
    async setConfig(next) { config = next; },
    async thread(thread) {
      const open = () => ask(MSG.threadOpen, { thread, config }).then((a) => a.handleId);
      let handleId = await open();
      const call = async (type, reply) => {
        try {
          return await ask(type, { handleId, reply });
        } catch (error) {
          // The worker may have been stopped and restarted, losing its handles: reopen once.
          if (!/unknown handle/.test(error.message)) throw error;
          handleId = await open();
          return ask(type, { handleId, reply });
        }
      };
      return {
        async score(reply) { return (await call(MSG.score, reply)).report; },
        async fixes(reply) { return (await call(MSG.fixes, reply)).fixes; },
        free() {
          try {
            chrome.runtime.sendMessage({ type: MSG.threadClose, handleId }).catch(() => {});
          } catch {
            // the extension was reloaded: the worker and its handles are gone anyway
          }
        },
      };
    },
  };
}

/** Resolves to {mode: 'local'|'worker', host, localError}; tries the local WASM first. */
export async function createScorer() {
  try {
    return { mode: 'local', host: await localHost(), localError: null };
  } catch (error) {
    return { mode: 'worker', host: workerHost(), localError: String(error && error.message) };
  }
}
