// Runs inside the benchmark page (a cross-origin isolated 127.0.0.1 page, so performance.now()
// has 5 µs resolution): times loading the WASM analyzer, analysing a thread and re-scoring a
// reply, the same calls the content script makes. Returns raw samples; the Node side computes
// percentiles. It never touches the DOM and never fetches anything but pkg/.
import { thread, reply } from './inputs.mjs';

const PKG = new URL('../../pkg/', import.meta.url);
const CONFIG = { disabledRules: [], sensitivity: 0, phrases: [] };

async function load() {
  const glue = await import(new URL('read_the_room.js', PKG).href);
  const exports = await glue.default({ module_or_path: new URL('read_the_room_bg.wasm', PKG) });
  return { glue, exports };
}

/** Module fetch + compile + instantiate + first Analyzer, in ms (call once per fresh page). */
export async function timeInit() {
  const start = performance.now();
  const { glue } = await load();
  const analyzer = new glue.Analyzer(CONFIG);
  const elapsed = performance.now() - start;
  analyzer.free();
  return elapsed;
}

function timeEach(runs, fn) {
  const samples = new Array(runs);
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    fn(i);
    samples[i] = performance.now() - start;
  }
  return samples;
}

/** Samples (ms) for re-scoring, opening the card (fixes), thread analysis and a reply-length sweep. */
export async function timeScoring({ rescoreRuns = 2000, cardRuns = 100, threadRuns = 60, sweepRuns = 5 } = {}) {
  const { glue, exports } = await load();
  const analyzer = new glue.Analyzer(CONFIG);
  if (!self.crossOriginIsolated) throw new Error('bench page is not cross-origin isolated: timer too coarse');

  // Re-score a 1,000-char reply: vary the last character like typing does, so nothing is cached.
  const handle = analyzer.thread(thread(200));
  const base = reply(999);
  const variants = ['a', 'b', ' ', '!', 'e', 'k', '.', '👍'].map((c) => base + c);
  timeEach(200, (i) => handle.score(variants[i % variants.length])); // warm-up (JIT, allocator)
  const rescore = timeEach(rescoreRuns, (i) => handle.score(variants[i % variants.length]));
  const signals = handle.score(variants[0]).signals.length;
  // Opening the card on that reply: its fixes (a score per candidate), once per verdict.
  timeEach(10, (i) => handle.fixes(variants[i % variants.length]));
  const card = timeEach(cardRuns, (i) => handle.fixes(variants[i % variants.length]));
  const fixes = handle.fixes(variants[0]).length;
  handle.free();

  // Analyse a 200-message thread (JS → WASM conversion included, as in the content script).
  const thread200 = thread(200);
  timeEach(5, () => analyzer.thread(thread200).free());
  const analyse200 = timeEach(threadRuns, () => analyzer.thread(thread200).free());

  // Reply-length sweep inside WASM: time per char should stay flat if growth is linear.
  const sweepHandle = analyzer.thread(thread(20));
  const sweep = {};
  for (const chars of [1000, 10000, 100000]) {
    const text = reply(chars);
    sweepHandle.score(text);
    sweep[chars] = timeEach(sweepRuns, () => sweepHandle.score(text));
  }
  sweepHandle.free();

  analyzer.free();
  return { rescore, card, analyse200, sweep, signals, fixes };
}

/**
 * Linear memory (bytes) of a fresh module after the content script's work on a big page: a
 * 200-message thread (its cap) analysed, then `typed` scored prefix by prefix as typing pauses.
 * WASM memory never shrinks, so this is the module's footprint for the rest of the page's life.
 */
export async function wasmMemoryAfterTyping(typed, every = 40) {
  const { glue, exports } = await load();
  const analyzer = new glue.Analyzer(CONFIG);
  const handle = analyzer.thread(thread(200));
  for (let end = every; end <= typed.length; end += every) handle.score(typed.slice(0, end));
  return exports.memory.buffer.byteLength;
}
