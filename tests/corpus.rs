//! Corpus floors: every labelled case goes through the library and the figures must clear
//! the floors in DESIGN.md's headline metric (binary pitch F1) plus a cap on `ok` replies
//! called `pitch`. On failure the message carries the confusion table and the worst misses
//! with their text. Run with `cargo test --test corpus -- --nocapture` to see the figures.
//!
//! Corpora: ../shared/corpus/dev.jsonl (beside the repo, as CI clones it) and every
//! tests/corpus/*.jsonl in the repo. Reads files only; never writes.

use read_the_room::eval::{Evaluation, Evaluator};
use read_the_room::{parse_case, Analyzer, Config};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The floors one corpus must clear.
struct Floors {
    min_f1: f64,
    max_ok_called_pitch: f64,
    /// Below this many cases the figures are printed but not enforced.
    min_cases: usize,
}

/// A scored corpus: the figures plus what is needed to show a miss to a person.
struct Scored {
    figures: Evaluation,
    /// id → (file:line, reply, note)
    texts: HashMap<String, (String, String, Option<String>)>,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn score_files(files: &[PathBuf]) -> Scored {
    let analyzer = Analyzer::new(Config::default()).expect("default config is valid");
    let mut evaluator = Evaluator::new();
    let mut texts = HashMap::new();
    for file in files {
        let content = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        for (index, line) in content.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let place = format!("{}:{}", file.display(), index + 1);
            let case = parse_case(line).unwrap_or_else(|e| panic!("{place}: {e}"));
            let expected = case.expect.unwrap_or_else(|| panic!("{place}: case has no \"expect\" level"));
            let id = case.id.clone().unwrap_or_else(|| place.clone());
            assert!(!texts.contains_key(&id), "{place}: duplicate case id {id}");
            evaluator.add(id.clone(), expected, &analyzer.analyze(&case));
            texts.insert(id, (place, case.reply, case.note));
        }
    }
    Scored { figures: evaluator.finish(), texts }
}

/// The figures, the confusion table and the worst misses, with the reply of the first few.
fn describe(name: &str, scored: &Scored) -> String {
    const MISSES_LISTED: usize = 40;
    const MISSES_WITH_TEXT: usize = 12;
    let mut out = format!("== {name} ==\n{}", scored.figures.render(MISSES_LISTED));
    let worst = scored.figures.worst_misses();
    if !worst.is_empty() {
        let _ = writeln!(out, "\nworst misses, with text:");
    }
    for miss in worst.iter().take(MISSES_WITH_TEXT) {
        let Some((place, reply, note)) = scored.texts.get(&miss.id) else { continue };
        let reply: String = reply.chars().take(160).collect();
        let _ =
            writeln!(out, "  {} ({place}) expected {} got {} score {}", miss.id, miss.expected, miss.got, miss.score);
        let _ = writeln!(out, "    reply: {reply}");
        if let Some(note) = note {
            let _ = writeln!(out, "    note:  {note}");
        }
    }
    out
}

/// Prints the figures and asserts the floors (when the corpus is big enough).
fn check(name: &str, scored: &Scored, floors: &Floors) {
    let report = describe(name, scored);
    let figures = &scored.figures;
    if figures.cases < floors.min_cases {
        println!("{report}\n{name}: {} cases (< {}): floors not enforced", figures.cases, floors.min_cases);
        return;
    }
    let mut failures = Vec::new();
    if figures.f1 < floors.min_f1 {
        failures.push(format!("binary pitch F1 {:.3} < floor {:.2}", figures.f1, floors.min_f1));
    }
    if figures.ok_called_pitch_share > floors.max_ok_called_pitch {
        failures.push(format!(
            "{:.1}% of ok cases called pitch ({} of {}) > cap {:.0}%",
            figures.ok_called_pitch_share * 100.0,
            figures.ok_called_pitch,
            figures.ok_cases,
            floors.max_ok_called_pitch * 100.0
        ));
    }
    // The figures go in the panic message on failure, and to stdout (--nocapture) on success.
    assert!(failures.is_empty(), "{name} misses its floors: {}\n\n{report}", failures.join("; "));
    println!("{report}");
}

#[test]
fn dev_corpus_clears_the_floors() {
    let path = manifest_dir().join("../shared/corpus/dev.jsonl");
    assert!(path.is_file(), "dev corpus not found at {} (CI clones ../shared beside the repo)", path.display());
    let scored = score_files(&[path]);
    assert!(scored.figures.cases > 0, "dev corpus has no cases");
    check("dev corpus", &scored, &Floors { min_f1: 0.95, max_ok_called_pitch: 0.03, min_cases: 1 });
}

fn repo_corpus_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl") && p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn repo_corpora_clear_the_floors() {
    let files = repo_corpus_files(&manifest_dir().join("tests/corpus"));
    println!(
        "tests/corpus: {} file(s): {:?}",
        files.len(),
        files.iter().filter_map(|f| f.file_name()).collect::<Vec<_>>()
    );
    let scored = score_files(&files);
    check("tests/corpus", &scored, &Floors { min_f1: 0.85, max_ok_called_pitch: 0.05, min_cases: 100 });
}
