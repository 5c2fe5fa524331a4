// The JavaScript API of the WASM module from Node: bad input throws a JS Error with a clear
// message and leaves the module usable; settings apply to existing handles; the client
// (js/analyzer-client.mjs) survives real traps by re-instantiating the module.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { loadGlue, PKG } from './load.mjs';
import { loadAnalyzer } from '../../js/analyzer-client.mjs';

const LADDER_QUESTION = { title: 'Gutters', messages: [{ author: 'op', text: 'Which ladder style is best for gutters?' }] };
const LADDER_REQUEST = { messages: [{ author: 'op', text: "I'm in the market for a new ladder, anyone selling?" }] };
const PITCH = 'Our ladders are 20% off this week only, DM me for the link!';
const STORY = "I've had a Werner 4-footer for years, love it";

const PKG_URL = pathToFileURL(`${PKG}/`);
let glue;
let bytes;
before(async () => ({ glue, bytes } = await loadGlue()));

/** A handle's full report: the keystroke path's verdict plus its fixes (what `analyze` answers). */
const fullReport = (handle, reply) => ({ ...handle.score(reply), fixes: handle.fixes(reply) });

function assertReportShape(report) {
  assert.ok(['ok', 'caution', 'pitch'].includes(report.level), `level ${report.level}`);
  for (const key of ['score', 'pitch', 'invited', 'relevance']) {
    assert.ok(Number.isInteger(report[key]) && report[key] >= 0 && report[key] <= 100, `${key} = ${report[key]}`);
  }
  assert.ok(Array.isArray(report.signals) && Array.isArray(report.invitations) && Array.isArray(report.suggestions));
  assert.equal(typeof report.summary, 'string');
  assert.equal(Object.getPrototypeOf(report), Object.prototype, 'reports are plain objects, not Maps');
}

test('the clear-cut cases get their verdicts through the handle', () => {
  const analyzer = new glue.Analyzer();
  const question = analyzer.thread(LADDER_QUESTION);
  const pitch = question.score(PITCH);
  assertReportShape(pitch);
  assert.equal(pitch.level, 'pitch');
  assert.ok(pitch.signals.length > 0, 'a pitch names its signals');
  assert.equal(question.score(STORY).level, 'ok');
  assert.notEqual(analyzer.thread(LADDER_REQUEST).score(PITCH).level, 'pitch');
});

test('score() leaves the fixes out (the keystroke path); fixes() gives those analyze() reports', () => {
  const analyzer = new glue.Analyzer();
  const question = analyzer.thread(LADDER_QUESTION);
  assert.deepEqual(question.score(PITCH).fixes, []);
  const fixes = question.fixes(PITCH);
  assert.ok(fixes.length > 0, 'a pitch has fixes');
  assert.deepEqual(fixes, analyzer.analyze({ thread: LADDER_QUESTION, reply: PITCH }).fixes);
  for (const fix of fixes) assert.ok(fix.after.score < question.score(PITCH).score, `${fix.id} lowers the score`);
  assert.deepEqual(question.fixes(STORY), [], 'an ok reply has none');
  assert.throws(() => question.fixes(42), /invalid reply: expected a string, got number/);
});

test('config is optional and bad configs throw a clear Error', () => {
  assertReportShape(new glue.Analyzer().analyze({ thread: LADDER_QUESTION, reply: STORY }));
  assertReportShape(new glue.Analyzer(null).analyze({ thread: LADDER_QUESTION, reply: STORY }));
  assert.throws(() => new glue.Analyzer({ sensitivity: 'high' }), (e) => e instanceof Error && /^invalid config: /.test(e.message));
  assert.throws(() => new glue.Analyzer({ disabledRule: [] }), /invalid config: unknown field `disabledRule`/);
  assert.throws(() => new glue.Analyzer('strict'), /invalid config: expected an object .* got string/);
  const analyzer = new glue.Analyzer();
  assert.throws(() => analyzer.setConfig([1, 2]), /invalid config: expected an object .* got an array/);
  assertReportShape(analyzer.analyze({ thread: LADDER_QUESTION, reply: PITCH }));
});

test('malformed threads, cases and replies throw Errors and the module stays usable', () => {
  const analyzer = new glue.Analyzer();
  const bad = [
    [() => analyzer.thread('Which ladder?'), /invalid thread: expected an object .* got string/],
    [() => analyzer.thread(undefined), /invalid thread: expected an object .* got undefined/],
    [() => analyzer.thread({ messages: [{ author: 'op' }] }), /invalid thread: missing field `text`/],
    [() => analyzer.thread({ messages: 'hello' }), /invalid thread: /],
    [() => analyzer.thread({ messages: [], parent: -1 }), /invalid thread: /],
    [() => analyzer.thread({ messages: [], posts: [] }), /invalid thread: unknown field `posts`/],
    [() => analyzer.analyze({ thread: LADDER_QUESTION }), /invalid case: missing field `reply`/],
    [() => analyzer.thread({ messages: [], cycle: globalThis }), /invalid thread: /],
    [() => analyzer.thread({ messages: [], parent: 10n }), /invalid thread: not plain JSON data/],
    [() => analyzer.analyze(null), /invalid case: expected an object .* got null/],
    [() => analyzer.thread(LADDER_QUESTION).score(42), /invalid reply: expected a string, got number/],
  ];
  for (const [call, message] of bad) {
    assert.throws(call, (e) => e instanceof Error && message.test(e.message), String(message));
    // Still usable after every error, with the same answer as a fresh analyzer.
    assert.deepEqual(fullReport(analyzer.thread(LADDER_QUESTION), PITCH), new glue.Analyzer().analyze({ thread: LADDER_QUESTION, reply: PITCH }));
  }
});

test('odd but valid input is scored, not rejected', () => {
  const analyzer = new glue.Analyzer();
  const handle = analyzer.thread({ messages: [] });
  for (const reply of ['', ' ', '😀'.repeat(500), 'a\u0000b', '\uD800 lone surrogate', 'x'.repeat(20000)]) {
    assertReportShape(handle.score(reply));
  }
  assertReportShape(analyzer.thread({ messages: [{ author: '', text: '' }], parent: 99 }).score(PITCH));
});

test('lone surrogates (an emoji cut in half) are read as U+FFFD, never rejected', () => {
  const analyzer = new glue.Analyzer();
  const request = "I'm in the market for a new ladder \uD83D, anyone selling? \uDE00";
  const thread = { title: 'Ladder \uD83D', messages: [{ author: '\uDE00', text: request }] };
  const report = analyzer.thread(thread).score(`${PITCH} \uD83D`);
  assertReportShape(report);
  assert.ok(report.invitations.length > 0, 'the request is still read');
  for (const inv of report.invitations) {
    const source = inv.message === -1 ? thread.title : thread.messages[inv.message].text;
    assert.equal(source.toWellFormed().slice(inv.start, inv.end), inv.text, 'offsets still point into the page text');
  }
  // The one-shot path reads the reply through JSON too; it must agree with the keystroke path,
  // and literal backslash text that merely looks like an escape must survive untouched.
  for (const reply of [`C:\\ud800\\uD83D\\\\u0041 aside: ${PITCH} \uD83D`, `\uDE00${PITCH}\uD83D`, '\\\uD800\\']) {
    assert.deepEqual(analyzer.analyze({ thread, reply }), fullReport(analyzer.thread(thread), reply), JSON.stringify(reply));
  }
});

test('setConfig applies to existing thread handles', () => {
  const analyzer = new glue.Analyzer();
  const handle = analyzer.thread(LADDER_QUESTION);
  const before = handle.score(PITCH);
  assert.equal(before.level, 'pitch');
  const fired = [...new Set(before.signals.map((s) => s.rule))];
  analyzer.setConfig({ disabledRules: fired });
  const after = handle.score(PITCH);
  assert.deepEqual(after.signals.filter((s) => fired.includes(s.rule)), []);
  assert.ok(after.score < before.score, `score ${before.score} -> ${after.score}`);
});

test('Analyzer.rules() lists the catalogue as plain objects', () => {
  const rules = glue.Analyzer.rules();
  assert.ok(Array.isArray(rules) && rules.length > 0, 'the catalogue is not empty');
  for (const rule of rules) {
    assert.match(rule.id, /^[a-z0-9_]+(\.[a-z0-9_]+)+$/);
    assert.ok(['signal', 'mitigation', 'invitation', 'refusal', 'discussion'].includes(rule.kind), rule.kind);
    assert.equal(typeof rule.message, 'string');
  }
});

// Makes the next `times` calls of ThreadHandle.score trap for real inside the module (an
// out-of-bounds memory access through a corrupted pointer), then restores the method.
function trapNextScores(times) {
  const original = glue.ThreadHandle.prototype.score;
  let left = times;
  glue.ThreadHandle.prototype.score = function (reply) {
    if (left > 0) {
      left -= 1;
      const saved = this.__wbg_ptr;
      this.__wbg_ptr = 0xfffffff0;
      try {
        return original.call(this, reply);
      } finally {
        this.__wbg_ptr = saved;
      }
    }
    return original.call(this, reply);
  };
  return () => (glue.ThreadHandle.prototype.score = original);
}

test('the client re-instantiates after a trap and retries once', async () => {
  const client = await loadAnalyzer(PKG_URL, { glue, wasm: bytes, config: { sensitivity: 5 } });
  const thread = client.thread(LADDER_QUESTION);
  const expected = thread.score(PITCH);

  const restore = trapNextScores(1);
  try {
    assert.deepEqual(thread.score(PITCH), expected, 'the retry on a fresh instance gives the same report');
  } finally {
    restore();
  }
  assert.deepEqual(thread.score(PITCH), expected, 'the handle keeps working after the reset');
  assert.deepEqual(client.thread(LADDER_QUESTION).score(PITCH), expected, 'settings survived the reset');
});

test('a call that traps twice throws a clear Error, and the next call works', async () => {
  const client = await loadAnalyzer(PKG_URL, { glue, wasm: bytes });
  const thread = client.thread(LADDER_QUESTION);
  const restore = trapNextScores(2);
  try {
    assert.throws(() => thread.score(PITCH), /analyzer crashed in score \(RuntimeError: .*\); it was restarted/);
  } finally {
    restore();
  }
  assert.deepEqual(fullReport(thread, PITCH), client.analyze({ thread: LADDER_QUESTION, reply: PITCH }));
  assert.throws(() => client.thread(42), /invalid thread/);
  thread.free();
  assert.throws(() => thread.score(PITCH), /freed/);
});

test('a client sees a reset made by another client of the same module', async () => {
  const first = await loadAnalyzer(PKG_URL, { glue, wasm: bytes });
  const second = await loadAnalyzer(PKG_URL, { glue, wasm: bytes });
  const firstThread = first.thread(LADDER_QUESTION);
  const secondThread = second.thread(LADDER_QUESTION);
  const restore = trapNextScores(1);
  try {
    firstThread.score(STORY);
  } finally {
    restore();
  }
  assert.deepEqual(fullReport(secondThread, PITCH), second.analyze({ thread: LADDER_QUESTION, reply: PITCH }));
  assert.deepEqual(second.analyze({ thread: LADDER_QUESTION, reply: STORY }), first.analyze({ thread: LADDER_QUESTION, reply: STORY }));
});

test('warmUp runs the one-time set-up step by step, ends, and changes no verdict', () => {
  const cold = new glue.Analyzer().analyze({ thread: LADDER_QUESTION, reply: PITCH });
  let steps = 0;
  while (glue.warmUp(steps)) steps += 1;
  assert.ok(steps > 2 && steps < 200, `${steps} steps`);
  assert.equal(glue.warmUp(steps + 10), false, 'a step past the last does nothing');
  assert.deepEqual(new glue.Analyzer().analyze({ thread: LADDER_QUESTION, reply: PITCH }), cold);
});
