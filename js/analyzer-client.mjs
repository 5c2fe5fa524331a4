// The analyzer client shared by the playground (www/) and the extension: loads the WASM
// module built by `make wasm` and wraps its API so a trap (a Rust panic, an out-of-bounds
// access, a stack overflow) never kills the analyzer for the rest of the page's life: the
// module is re-instantiated, the settings and threads are rebuilt, and the call is retried once.
// It never touches the DOM, never makes a network request other than loading the module
// itself, and never scores text in JavaScript.
//
//   const analyzer = await loadAnalyzer(new URL('./pkg/', import.meta.url));
//   const thread = analyzer.thread({ title, messages: [{ author, text }], parent: 0 });
//   thread.score('reply text'); // -> report (DESIGN.md), `fixes: []` (the keystroke path)
//   thread.fixes('reply text'); // -> its one-click fixes (docs/fixes.md), when they are shown

const GLUE_FILE = 'read_the_room.js';
const WASM_FILE = 'read_the_room_bg.wasm';

// One state per glue module: every client loaded from the same glue shares its instance,
// so a reset by one client must be seen by the others (their wasm objects become stale).
const glueStates = new WeakMap();

function stateOf(glue) {
  let state = glueStates.get(glue);
  if (!state) {
    state = { generation: 0 };
    glueStates.set(glue, state);
  }
  return state;
}

// Errors that leave the wasm instance in an unknown state (aborted mid-call).
function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
}

/**
 * Loads the module and returns the analyzer API.
 * @param {string|URL} pkgBaseUrl folder holding read_the_room.js and read_the_room_bg.wasm
 * @param {{glue?: object, wasm?: BufferSource|WebAssembly.Module|Response|URL|string, config?: object}} [options]
 *   glue: the already imported glue module (for bundlers); wasm: the module bytes or where to
 *   fetch them (Node has no file:// fetch: pass the bytes); config: initial settings.
 */
export async function loadAnalyzer(pkgBaseUrl, options = {}) {
  const base = new URL(String(pkgBaseUrl).endsWith('/') ? String(pkgBaseUrl) : `${pkgBaseUrl}/`);
  const glue = options.glue ?? (await import(new URL(GLUE_FILE, base).href));
  return startAnalyzer(glue, options.wasm ?? new URL(WASM_FILE, base), options.config);
}

/**
 * Initialises a glue module imported statically (the extension: its bundles must not load code
 * by a computed URL) and returns the analyzer API. `wasm` as in loadAnalyzer's options.
 */
export async function startAnalyzer(glue, wasm, config) {
  await glue.default({ module_or_path: wasm });
  if (typeof glue.__wbg_reset_state !== 'function') {
    throw new Error('analyzer module was built without --experimental-reset-state-function; run make wasm');
  }
  await warmUp(glue);
  return createClient(glue, config);
}

/** Resolves in a later task, so the page can paint and handle keys in between. */
export const nextTask = () => new Promise((resolve) => { setTimeout(resolve, 0); });

/**
 * Runs the module's one-time set-up (building the rule automata) one step per task: done
 * inside the first score it blocked the page for about 150 ms in one go.
 */
async function warmUp(glue) {
  for (let step = 0; glue.warmUp(step); step += 1) await nextTask();
}

/** Wraps an initialised glue module (exported for tests). */
export function createClient(glue, initialConfig) {
  const state = stateOf(glue);
  let config = initialConfig ?? {};
  let analyzer = new glue.Analyzer(config);
  let analyzerGeneration = state.generation;

  function reset() {
    glue.__wbg_reset_state();
    state.generation += 1;
  }

  // The analyzer for the current instance, rebuilt with the last accepted settings after a reset.
  function current() {
    if (analyzerGeneration !== state.generation) {
      analyzer = new glue.Analyzer(config);
      analyzerGeneration = state.generation;
    }
    return analyzer;
  }

  // Runs `call`; on a trap, re-instantiates and retries once. A second trap resets again
  // (so the next call works) and throws a plain Error naming what happened.
  function guarded(what, call) {
    try {
      return call();
    } catch (first) {
      if (!isTrap(first)) throw first;
      reset();
      try {
        return call();
      } catch (second) {
        if (!isTrap(second)) throw second;
        reset();
        throw new Error(`analyzer crashed in ${what} (${second.name}: ${second.message}); it was restarted`, {
          cause: second,
        });
      }
    }
  }

  return {
    /** Replaces the settings; throws an Error on invalid settings and keeps the old ones. */
    setConfig(next) {
      guarded('setConfig', () => current().setConfig(next));
      config = next ?? {};
    },

    /** Reads a thread once; throws an Error on a bad shape. */
    thread(thread) {
      let handle = guarded('thread', () => current().thread(thread));
      let handleGeneration = state.generation;
      let freed = false;
      const live = () => {
        if (freed) throw new Error('this thread handle was freed');
        if (handleGeneration !== state.generation) {
          handle = current().thread(thread);
          handleGeneration = state.generation;
        }
        return handle;
      };
      return {
        /** Scores a reply against this thread (the keystroke path): the report without fixes. */
        score(reply) {
          return guarded('score', () => live().score(reply));
        },
        /** The reply's one-click fixes (a score per candidate): ask only when they are shown. */
        fixes(reply) {
          return guarded('fixes', () => live().fixes(reply));
        },
        /** Releases the analysed thread; score() and fixes() throw afterwards. */
        free() {
          if (freed) return;
          freed = true;
          // A handle from an earlier instance is already gone with that instance.
          if (handleGeneration === state.generation) handle.free();
        },
      };
    },

    /** One-shot: reads the case's thread and scores its reply. */
    analyze(input) {
      return guarded('analyze', () => current().analyze(input));
    },

    /** The rule catalogue. */
    rules() {
      return guarded('rules', () => glue.Analyzer.rules());
    },
  };
}
