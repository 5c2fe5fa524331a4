// Parity: every labelled case gives the same report from the WASM module (in Node) as from the
// native CLI (`read-the-room analyze --jsonl`), field for field, on both the one-shot path
// (analyze) and the keystroke path (thread → score, whose fixes come from fixes() when the card
// opens). Builds the native CLI through cargo.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, PKG, loadGlue, corpusCases } from './load.mjs';

const cases = corpusCases();
let glue;
let native;

// One CLI run for all cases: JSON Lines in on stdin, one report per line out, same order.
function nativeReports() {
  const input = cases.map((c) => c.line).join('\n') + '\n';
  const run = spawnSync('cargo', ['run', '--quiet', '--release', '--', 'analyze', '--jsonl'], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw new Error(`could not run cargo: ${run.error.message}`);
  if (run.status !== 0) {
    throw new Error(`native CLI \`read-the-room analyze --jsonl\` failed (exit ${run.status}):\n${run.stderr.slice(-2000)}`);
  }
  const lines = run.stdout.split('\n').filter((l) => l.trim());
  if (lines.length !== cases.length) {
    throw new Error(
      `native CLI printed ${lines.length} reports for ${cases.length} cases; ` +
        'is `read-the-room analyze --jsonl` (cases on stdin, one report per line) implemented?',
    );
  }
  return lines.map((line) => JSON.parse(line));
}

// A hint for mismatches: a WASM build older than the Rust sources explains them all.
function staleHint() {
  const newest = (dir) =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
    }, 0);
  const built = statSync(join(PKG, 'read_the_room_bg.wasm')).mtimeMs;
  return newest(join(ROOT, 'src')) > built ? ' (pkg/ is older than src/: run make wasm)' : '';
}

// The CLI may label each report with its case id; the report itself must match.
function reportOf(nativeLine) {
  const { id, ...report } = nativeLine;
  return report;
}

before(async () => {
  ({ glue } = await loadGlue());
});

function nativeReport(i) {
  native ??= nativeReports();
  return reportOf(native[i]);
}

test(`corpus has cases (${cases.length})`, () => {
  assert.ok(cases.length >= 100, `only ${cases.length} cases found`);
});

test('WASM analyze() equals the native report for every case', () => {
  native ??= nativeReports();
  const analyzer = new glue.Analyzer();
  const mismatches = [];
  cases.forEach((c, i) => {
    const wasm = analyzer.analyze(c.value);
    try {
      assert.deepStrictEqual(wasm, nativeReport(i));
    } catch (e) {
      mismatches.push(`${c.value.id ?? c.where}: ${e.message.split('\n').slice(0, 12).join('\n')}`);
    }
  });
  analyzer.free();
  assert.equal(mismatches.length, 0, `${mismatches.length} cases differ${staleHint()}:\n${mismatches.slice(0, 5).join('\n\n')}`);
});

test('WASM thread().score() plus fixes() equals the native report for every case', () => {
  const analyzer = new glue.Analyzer({ disabledRules: [], sensitivity: 0, phrases: [] });
  cases.forEach((c, i) => {
    const handle = analyzer.thread(c.value.thread);
    const report = handle.score(c.value.reply);
    assert.deepStrictEqual(report.fixes, [], `${c.value.id ?? c.where}: the keystroke path computes no fixes`);
    assert.deepStrictEqual({ ...report, fixes: handle.fixes(c.value.reply) }, nativeReport(i), c.value.id ?? c.where);
    handle.free();
  });
  analyzer.free();
});

test('signal and invitation offsets are UTF-16 indices into the JS strings', () => {
  const analyzer = new glue.Analyzer();
  for (const c of cases) {
    const report = analyzer.analyze(c.value);
    const { title, messages } = c.value.thread;
    for (const s of report.signals) {
      assert.equal(c.value.reply.slice(s.start, s.end), s.text, `${c.value.id}: signal ${s.rule}`);
    }
    for (const inv of report.invitations) {
      const source = inv.message === -1 ? title : messages[inv.message]?.text;
      assert.equal(source?.slice(inv.start, inv.end), inv.text, `${c.value.id}: invitation ${inv.rule}`);
    }
  }
  analyzer.free();
});
