//! Criterion benchmarks of the analyzer's budgets (DESIGN.md), natively:
//! - `keystroke/rescore_1000`: re-score a 1,000-char reply against an analysed thread (the
//!   keystroke path: the verdict without fixes);
//! - `card/fixes_1000`: the same reply's verdict and fixes (what opening the card costs);
//! - `thread/analyse_200`: analyse a 200-message thread; `oneshot/analyze_case_200`;
//! - `sweep_reply/<chars>` (1 K → 1 M chars) and `sweep_thread/<messages>` (10 → 10,000),
//!   with throughput, so scripts/bench.sh can fit the growth slope from criterion's estimates;
//! - `rescore_vs_thread/<messages>`: the keystroke path alone against 1 → 2,000-message threads.
//! It never asserts budgets (benchmarks measure; the figures go to target/bench/summary.json).
//! Under `cargo test --all-targets` (no `--bench` flag) criterion runs each benchmark once in a
//! debug build, so the sweeps then use small sizes only.

mod inputs;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use read_the_room::{Analyzer, Case, Config};

/// The full sweep under `cargo bench`; two small sizes when run as a test.
fn sizes(full: &'static [usize], test: &'static [usize]) -> &'static [usize] {
    if std::env::args().any(|a| a == "--bench") {
        full
    } else {
        test
    }
}

fn keystroke(c: &mut Criterion) {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let analysed = analyzer.thread(&inputs::thread(200));
    let reply = inputs::reply(1_000);
    c.bench_function("keystroke/rescore_1000", |b| b.iter(|| analyzer.verdict(black_box(&analysed), black_box(&reply))));
    c.bench_function("card/fixes_1000", |b| b.iter(|| analyzer.score(black_box(&analysed), black_box(&reply))));
}

fn thread(c: &mut Criterion) {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let thread = inputs::thread(200);
    c.bench_function("thread/analyse_200", |b| b.iter(|| analyzer.thread(black_box(&thread))));
    let case = Case { thread, reply: inputs::reply(1_000), ..Case::default() };
    c.bench_function("oneshot/analyze_case_200", |b| b.iter(|| analyzer.analyze(black_box(&case))));
}

fn sweep_reply(c: &mut Criterion) {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let analysed = analyzer.thread(&inputs::thread(20));
    let mut group = c.benchmark_group("sweep_reply");
    group.sample_size(10);
    for &chars in sizes(&[1_000, 10_000, 100_000, 1_000_000], &[1_000, 2_000]) {
        let reply = inputs::reply(chars);
        group.throughput(Throughput::Elements(chars as u64));
        group.bench_with_input(BenchmarkId::from_parameter(chars), &reply, |b, reply| {
            b.iter(|| analyzer.verdict(black_box(&analysed), black_box(reply)))
        });
    }
    group.finish();
}

fn sweep_thread(c: &mut Criterion) {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let reply = inputs::reply(1_000);
    let mut group = c.benchmark_group("sweep_thread");
    group.sample_size(10);
    for &messages in sizes(&[10, 100, 1_000, 10_000], &[10, 20]) {
        let thread = inputs::thread(messages);
        group.throughput(Throughput::Elements(messages as u64));
        // Analysing the thread plus one keystroke: what a page of that size costs once.
        group.bench_with_input(BenchmarkId::from_parameter(messages), &thread, |b, thread| {
            b.iter(|| analyzer.verdict(&analyzer.thread(black_box(thread)), black_box(&reply)))
        });
    }
    group.finish();
}

/// The keystroke path alone against ever larger analysed threads: ideally flat, since the
/// thread was read once.
fn rescore_vs_thread(c: &mut Criterion) {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let reply = inputs::reply(1_000);
    let mut group = c.benchmark_group("rescore_vs_thread");
    group.sample_size(10);
    for &messages in sizes(&[1, 20, 200, 2_000], &[1, 20]) {
        let analysed = analyzer.thread(&inputs::thread(messages));
        group.bench_with_input(BenchmarkId::from_parameter(messages), &analysed, |b, analysed| {
            b.iter(|| analyzer.verdict(black_box(analysed), black_box(&reply)))
        });
    }
    group.finish();
}

criterion_group!(benches, keystroke, thread, sweep_reply, sweep_thread, rescore_vs_thread);
criterion_main!(benches);
