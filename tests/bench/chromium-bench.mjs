// The Chromium half of `make bench`: times the WASM analyzer in headless Chromium (module
// init, re-scoring a 1,000-char reply, analysing a 200-message thread, a reply sweep), measures
// the gzipped module, then — when the test build extension/dist/chrome-test exists — the extension on a
// 500-comment page (extension-bench.mjs). Writes target/bench/chromium.json.
// Never asserts budgets: it measures; scripts/bench.sh prints the figures against them.
//   node tests/bench/chromium-bench.mjs [--quick]
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import { serve, ROOT } from './server.mjs';
import { percentile, median, round, spread, fitGrowth } from './stats.mjs';
import { benchExtension, EXTENSION_DIR, TYPED } from './extension-bench.mjs';

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 2 : 5; // fresh pages per figure: the spread is reported across rounds
const INIT_RUNS = QUICK ? 4 : 12;
const OUT = join(ROOT, 'target', 'bench', 'chromium.json');

/** Progress on stderr, so a long run shows where it is. */
export const progress = (message) => process.stderr.write(`chromium bench: ${message}\n`);

export const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function inFreshPage(browser, origin, fn, arg) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${origin}/tests/bench/wasm-bench.html?isolated`);
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
    if (errors.length) throw new Error(`bench page errors: ${errors.join('; ')}`);
  }
}

async function benchWasm() {
  if (!existsSync(join(ROOT, 'pkg', 'read_the_room_bg.wasm'))) throw new Error('pkg/ missing: run make wasm first');
  const server = await serve();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: BROWSER_ARGS });
  try {
    progress(`module init in ${INIT_RUNS} fresh pages`);
    const inits = [];
    for (let i = 0; i < INIT_RUNS; i += 1) {
      inits.push(await inFreshPage(browser, server.origin, () => import('/tests/bench/wasm-page.mjs').then((m) => m.timeInit())));
    }
    const rounds = [];
    for (let i = 0; i < ROUNDS; i += 1) {
      progress(`scoring round ${i + 1}/${ROUNDS}`);
      const options = QUICK ? { rescoreRuns: 500, cardRuns: 30, threadRuns: 20, sweepRuns: 3 } : { rescoreRuns: 3000, cardRuns: 150, threadRuns: 80, sweepRuns: 5 };
      rounds.push(await inFreshPage(browser, server.origin, (o) => import('/tests/bench/wasm-page.mjs').then((m) => m.timeScoring(o)), options));
    }
    const p50s = rounds.map((r) => percentile(r.rescore, 50));
    const p99s = rounds.map((r) => percentile(r.rescore, 99));
    const threads = rounds.map((r) => median(r.analyse200));
    const cards = rounds.map((r) => percentile(r.card, 50));
    const sweepPoints = Object.keys(rounds[0].sweep).map((chars) => ({
      size: Number(chars),
      time: median(rounds.map((r) => median(r.sweep[chars]))),
    }));
    const growth = fitGrowth(sweepPoints);
    progress('WASM memory after typing');
    const memoryBytes = await inFreshPage(browser, server.origin, (typed) => import('/tests/bench/wasm-page.mjs').then((m) => m.wasmMemoryAfterTyping(typed)), TYPED);
    return {
      figures: {
        wasm_init_ms: round(median(inits)),
        wasm_rescore_1000_p50_ms: round(median(p50s), 4),
        wasm_rescore_1000_p99_ms: round(median(p99s), 4),
        wasm_thread_200_ms: round(median(threads)),
        // Not a keystroke budget: once per verdict, when the person opens the card.
        wasm_card_fixes_1000_p50_ms: round(median(cards), 3),
        wasm_reply_sweep_us_per_char: round(growth.slope * 1000, 5),
        wasm_reply_sweep_exponent: round(growth.exponent),
        wasm_memory_after_typing_mb: round(memoryBytes / 2 ** 20, 2),
      },
      spread: {
        wasm_init_ms: spread(inits),
        wasm_rescore_1000_p50_ms: spread(p50s, 4),
        wasm_rescore_1000_p99_ms: spread(p99s, 4),
        wasm_thread_200_ms: spread(threads),
        wasm_card_fixes_1000_p50_ms: spread(cards, 3),
      },
      detail: {
        // The fastest single call: the code's cost with the machine's load taken out.
        wasm_rescore_1000_min_ms: round(Math.min(...rounds.flatMap((r) => r.rescore)), 4),
        wasm_thread_200_min_ms: round(Math.min(...rounds.flatMap((r) => r.analyse200)), 3),
        rescoreSamplesPerRound: rounds[0].rescore.length, signalsIn1000CharReply: rounds[0].signals, fixesFor1000CharReply: rounds[0].fixes, wasmReplySweepMs: sweepPoints },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

function gzBytes() {
  const built = join(EXTENSION_DIR, 'pkg', 'read_the_room_bg.wasm');
  const file = existsSync(built) ? built : join(ROOT, 'pkg', 'read_the_room_bg.wasm');
  // The model is built into the module: analyzer_gz_bytes is code and model together.
  const gz = gzipSync(readFileSync(file), { level: 9 }).length;
  return { wasm_gz_bytes: gz, analyzer_gz_bytes: gz, wasm_raw_bytes: readFileSync(file).length };
}

async function main() {
  const result = { figures: {}, spread: {}, detail: {}, notes: [], load_average_at_start: loadavg().map((x) => round(x, 2)) };
  const merge = (part) => {
    Object.assign(result.figures, part.figures);
    Object.assign(result.spread, part.spread ?? {});
    Object.assign(result.detail, part.detail ?? {});
    result.notes.push(...(part.notes ?? []));
  };
  merge({ figures: gzBytes() });
  merge(await benchWasm());
  if (existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    const extension = await benchExtension({ quick: QUICK });
    // The page's heap cannot see the WASM module's linear memory: add what the same work
    // (200-message thread, 600 chars typed) leaves in a fresh module.
    const jsAndDom = extension.figures.content_script_heap_mb;
    extension.figures.content_script_heap_mb = round(jsAndDom + result.figures.wasm_memory_after_typing_mb, 2);
    extension.detail.content_script_js_dom_heap_mb = jsAndDom;
    merge(extension);
  } else {
    result.notes.push('extension/dist/chrome-test missing: keystroke, long-task and heap figures skipped (run make extension)');
  }
  mkdirSync(join(ROOT, 'target', 'bench'), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result.figures, null, 2));
  for (const note of result.notes) console.log(`note: ${note}`);
}

main().catch((error) => {
  console.error(`chromium bench failed: ${error.stack ?? error}`);
  process.exit(1);
});
