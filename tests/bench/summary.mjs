// Merges the native (criterion) and Chromium benchmark results into target/bench/summary.json
// and prints a table of every figure against its DESIGN.md budget. Reads criterion's
// estimates.json files and target/bench/chromium.json; never runs a benchmark itself.
//   node tests/bench/summary.mjs
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { ROOT } from './server.mjs';
import { fitGrowth, round } from './stats.mjs';

const TARGET = process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
const CRITERION = join(TARGET, 'criterion');
const OUT = join(TARGET, 'bench', 'summary.json');

// [key, budget, how the budget reads]; a figure passes when value <= budget.
export const BUDGETS = [
  ['wasm_rescore_1000_p50_ms', 0.2],
  ['wasm_rescore_1000_p99_ms', 1],
  ['wasm_thread_200_ms', 5],
  ['keystroke_to_ui_p50_ms', 16],
  ['keystroke_to_ui_p99_ms', 16],
  ['long_tasks', 0],
  ['wasm_gz_bytes', 450000],
  ['analyzer_gz_bytes', 450000],
  ['content_script_heap_mb', 10],
  ['native_thread_200_ms', 5],
  ['native_reply_growth_exponent', 1.15],
  ['native_thread_growth_exponent', 1.15],
];

/** Criterion's median estimate for a benchmark directory, in ns, with its 95% interval. */
function estimate(id) {
  const file = join(CRITERION, id, 'new', 'estimates.json');
  if (!existsSync(file)) return null;
  const { median } = JSON.parse(readFileSync(file, 'utf8'));
  return { ns: median.point_estimate, low: median.confidence_interval.lower_bound, high: median.confidence_interval.upper_bound };
}

function native() {
  const figures = {};
  const spread = {};
  const detail = {};
  const add = (key, id, unitNs, digits = 3) => {
    const e = estimate(id);
    if (!e) return;
    figures[key] = round(e.ns / unitNs, digits);
    spread[key] = { ci95_low: round(e.low / unitNs, digits), ci95_high: round(e.high / unitNs, digits) };
  };
  add('native_rescore_1000_p50_us', 'keystroke_rescore_1000', 1e3, 2);
  // Opening the card: the verdict and its fixes (a score per candidate), not per keystroke.
  add('native_card_fixes_1000_us', 'card_fixes_1000', 1e3, 2);
  add('native_thread_200_ms', 'thread_analyse_200', 1e6);
  add('native_analyze_case_200_ms', 'oneshot_analyze_case_200', 1e6);
  for (const [name, sizes, unit] of [['reply', [1000, 10000, 100000, 1000000], 'char'], ['thread', [10, 100, 1000, 10000], 'message']]) {
    const points = sizes.map((size) => ({ size, e: estimate(`sweep_${name}/${size}`) })).filter((p) => p.e);
    if (points.length < 2) continue;
    const fit = fitGrowth(points.map((p) => ({ size: p.size, time: p.e.ns })));
    // Per-unit cost in the unit that keeps the number readable: ns/char, µs/message.
    const [per, scale] = unit === 'char' ? ['ns_per_char', 1] : ['us_per_message', 1e3];
    figures[`native_${name}_sweep_${per}`] = round(fit.slope / scale, 3);
    // Growth exponent over the largest decade, where fixed costs no longer hide it: 1 = linear.
    const [a, b] = points.slice(-2);
    figures[`native_${name}_sweep_exponent`] = round(Math.log(b.e.ns / a.e.ns) / Math.log(b.size / a.size), 3);
    figures[`native_${name}_sweep_fit_exponent`] = round(fit.exponent, 3);
    detail[`native_${name}_sweep_ms`] = Object.fromEntries(points.map((p) => [p.size, round(p.e.ns / 1e6, 3)]));
  }
  // The keystroke path against bigger analysed threads: flat is the goal (thread read once).
  const vsThread = [1, 20, 200, 2000].map((size) => ({ size, e: estimate(`rescore_vs_thread/${size}`) })).filter((p) => p.e);
  if (vsThread.length >= 2) {
    const fit = fitGrowth(vsThread.map((p) => ({ size: p.size, time: p.e.ns })));
    figures.native_rescore_1000_per_thread_message_ns = round(fit.slope, 1);
    detail.native_rescore_1000_vs_thread_us = Object.fromEntries(vsThread.map((p) => [p.size, round(p.e.ns / 1e3, 1)]));
  }
  // benches/growth.rs: doubling sizes up to 2 M chars / 32,000 messages, best of 5 each.
  const growthFile = join(TARGET, 'bench', 'growth.json');
  if (existsSync(growthFile)) {
    const growth = JSON.parse(readFileSync(growthFile, 'utf8'));
    figures.native_reply_growth_exponent = round(growth.reply_exponent, 3);
    figures.native_thread_growth_exponent = round(growth.thread_exponent, 3);
    detail.native_reply_growth_ms = Object.fromEntries(growth.reply_ms.map(([size, ms]) => [size, round(ms, 2)]));
    detail.native_thread_growth_ms = Object.fromEntries(growth.thread_ms.map(([size, ms]) => [size, round(ms, 2)]));
  }
  return { figures, spread, detail };
}

function main() {
  const chromiumFile = join(TARGET, 'bench', 'chromium.json');
  const chromium = existsSync(chromiumFile) ? JSON.parse(readFileSync(chromiumFile, 'utf8')) : { figures: {}, spread: {}, detail: {}, notes: ['no Chromium results'] };
  const nat = native();
  const figures = { ...nat.figures, ...chromium.figures };
  const summary = {
    ...figures,
    spread: { ...nat.spread, ...chromium.spread },
    detail: { ...nat.detail, ...chromium.detail },
    notes: chromium.notes ?? [],
    measured_at: new Date().toISOString(),
    // Figures from a busy machine are slower than the code: keep the load next to them.
    machine: { cpus: cpus().length, load_average_1_5_15: loadavg().map((x) => round(x, 2)), chromium_load_average_at_start: chromium.load_average_at_start ?? null },
  };
  mkdirSync(join(TARGET, 'bench'), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(summary, null, 2)}\n`);

  const budgets = new Map(BUDGETS);
  const rows = Object.entries(figures).map(([key, value]) => {
    const budget = budgets.get(key);
    const s = summary.spread[key];
    const range = !s ? '' : 'min' in s ? `${s.min} – ${s.max} (${s.runs} runs)` : `95% CI ${s.ci95_low} – ${s.ci95_high}`;
    const verdict = budget === undefined ? '' : value <= budget ? 'ok' : 'OVER';
    return [key, String(value), range, budget === undefined ? '' : String(budget), verdict];
  });
  const header = ['figure', 'value', 'spread', 'budget', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  for (const note of summary.notes) console.log(`note: ${note}`);
  console.log(`machine: ${summary.machine.cpus} CPUs, load average ${summary.machine.load_average_1_5_15.join(' / ')} (1/5/15 min) at the end`);
  console.log(`\nwritten: ${OUT}`);
}

main();
