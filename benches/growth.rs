//! Growth check without criterion's statistics: times the analyzer on doubling input sizes
//! (reply 32 K → 2 M chars, thread 500 → 32,000 messages), best of 5 runs each, prints
//! time per unit and the exponent between consecutive sizes (1.0 = linear, 2.0 = quadratic),
//! and writes target/bench/growth.json for scripts/bench.sh. It never asserts a timing.
//!   cargo bench --bench growth

mod inputs;

use read_the_room::{Analyzer, Config};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Best of `runs` timings: the least disturbed by a noisy 2-core machine.
fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs).map(|_| {
        let start = Instant::now();
        f();
        start.elapsed()
    }).min().unwrap()
}

/// Returns (size, seconds) pairs and prints a table with per-unit cost and local exponents.
fn sweep(name: &str, unit: &str, sizes: &[usize], mut time: impl FnMut(usize) -> Duration) -> Vec<(usize, f64)> {
    println!("\n{name}: size, total, per {unit}, exponent vs previous size");
    let mut points: Vec<(usize, f64)> = Vec::new();
    for &size in sizes {
        let secs = time(size).as_secs_f64();
        let exponent = points.last().map(|&(s0, t0)| (secs / t0).ln() / (size as f64 / s0 as f64).ln());
        println!(
            "{size:>10}  {:>10.3} ms  {:>9.3} µs/{unit}  {}",
            secs * 1e3,
            secs * 1e6 / size as f64,
            exponent.map_or(String::new(), |e| format!("{e:.2}"))
        );
        points.push((size, secs));
    }
    points
}

/// Least-squares slope of log(time) on log(size): the overall growth exponent.
fn fitted_exponent(points: &[(usize, f64)]) -> f64 {
    let xs: Vec<f64> = points.iter().map(|p| (p.0 as f64).ln()).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.1.ln()).collect();
    let (mx, my) = (xs.iter().sum::<f64>() / xs.len() as f64, ys.iter().sum::<f64>() / ys.len() as f64);
    let num: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let den: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    num / den
}

fn json(points: &[(usize, f64)]) -> String {
    let items: Vec<String> = points.iter().map(|(s, t)| format!("[{s},{:.6}]", t * 1e3)).collect();
    format!("[{}]", items.join(","))
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing and should stay quick.
    let full = std::env::args().any(|a| a == "--bench");
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let runs = if full { 5 } else { 1 };

    let reply_sizes: &[usize] = if full { &[31_250, 62_500, 125_000, 250_000, 500_000, 1_000_000, 2_000_000] } else { &[1_000, 2_000] };
    let analysed = analyzer.thread(&inputs::thread(20));
    let replies = sweep("reply", "char", reply_sizes, |chars| {
        let reply = inputs::reply(chars);
        best_of(runs, || {
            black_box(analyzer.verdict(&analysed, black_box(&reply)));
        })
    });

    let thread_sizes: &[usize] = if full { &[500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000] } else { &[10, 20] };
    let reply = inputs::reply(1_000);
    let threads = sweep("thread (analyse + one score)", "message", thread_sizes, |messages| {
        let thread = inputs::thread(messages);
        best_of(runs, || {
            black_box(analyzer.verdict(&analyzer.thread(black_box(&thread)), &reply));
        })
    });

    if !full {
        println!("\n(run as a test: sizes too small for a meaningful exponent; use cargo bench)");
        return;
    }
    let (reply_exp, thread_exp) = (fitted_exponent(&replies), fitted_exponent(&threads));
    println!("\nfitted exponent: reply {reply_exp:.3}, thread {thread_exp:.3} (1.0 = linear)");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let dir = std::env::var_os("CARGO_TARGET_DIR").map_or(dir, |t| std::path::PathBuf::from(t).join("bench"));
    std::fs::create_dir_all(&dir).expect("create target/bench");
    let body = format!(
        "{{\"reply_ms\":{},\"thread_ms\":{},\"reply_exponent\":{reply_exp:.4},\"thread_exponent\":{thread_exp:.4}}}\n",
        json(&replies),
        json(&threads)
    );
    std::fs::write(dir.join("growth.json"), body).expect("write growth.json");
}
