//! Corpus evaluation: compares expected levels with reports and computes the figures
//! DESIGN.md names (binary pitch precision/recall/F1, three-way accuracy, the confusion
//! matrix, the share of `ok` cases called `pitch`) plus the list of misses.
//!
//! Pure: it never reads files or runs the analyzer; callers feed it (id, expected, report).
//!
//! ```
//! use read_the_room::eval::Evaluator;
//! use read_the_room::{Analyzer, Config, Level, Message, Thread};
//!
//! let analyzer = Analyzer::new(Config::default()).unwrap();
//! let thread = Thread { messages: vec![Message { author: "op".into(), text: "Which ladder?".into() }], ..Thread::default() };
//! let report = analyzer.score(&analyzer.thread(&thread), "I've had a Werner for years, love it");
//! let mut evaluator = Evaluator::new();
//! evaluator.add("case-1", Level::Ok, &report);
//! let figures = evaluator.finish();
//! assert_eq!(figures.cases, 1);
//! println!("{}", figures.render(10));
//! ```

use crate::{Level, Report};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// How many cases of one expected level got each level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfusionRow {
    /// Called `ok`.
    pub ok: usize,
    /// Called `caution`.
    pub caution: usize,
    /// Called `pitch`.
    pub pitch: usize,
}

impl ConfusionRow {
    /// The count of cases called `got`.
    pub fn get(&self, got: Level) -> usize {
        match got {
            Level::Ok => self.ok,
            Level::Caution => self.caution,
            Level::Pitch => self.pitch,
        }
    }

    fn slot(&mut self, got: Level) -> &mut usize {
        match got {
            Level::Ok => &mut self.ok,
            Level::Caution => &mut self.caution,
            Level::Pitch => &mut self.pitch,
        }
    }

    /// All cases in this row.
    pub fn total(&self) -> usize {
        self.ok + self.caution + self.pitch
    }
}

/// The 3x3 confusion matrix: one row per expected level, one column per level got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Confusion {
    /// Cases expected `ok`.
    pub ok: ConfusionRow,
    /// Cases expected `caution`.
    pub caution: ConfusionRow,
    /// Cases expected `pitch`.
    pub pitch: ConfusionRow,
}

impl Confusion {
    /// The row of cases expected `expected`.
    pub fn row(&self, expected: Level) -> &ConfusionRow {
        match expected {
            Level::Ok => &self.ok,
            Level::Caution => &self.caution,
            Level::Pitch => &self.pitch,
        }
    }

    /// How many cases expected `expected` were called `got`.
    pub fn get(&self, expected: Level, got: Level) -> usize {
        self.row(expected).get(got)
    }

    fn add(&mut self, expected: Level, got: Level) {
        let row = match expected {
            Level::Ok => &mut self.ok,
            Level::Caution => &mut self.caution,
            Level::Pitch => &mut self.pitch,
        };
        *row.slot(got) += 1;
    }
}

/// One case the analyzer got wrong (three-way).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Miss {
    /// The case id.
    pub id: String,
    /// The labelled level.
    pub expected: Level,
    /// The level the analyzer gave.
    pub got: Level,
    /// The analyzer's score.
    pub score: u8,
    /// Rule ids of the report's signals, each once, in report order.
    pub rules: Vec<String>,
}

impl Miss {
    /// True when the miss changes the binary pitch verdict (a false or missed pitch).
    pub fn is_binary(&self) -> bool {
        (self.expected == Level::Pitch) != (self.got == Level::Pitch)
    }

    /// How bad the miss is, for sorting: level distance first, binary misses next,
    /// then how confidently wrong the score was.
    fn severity(&self) -> (usize, bool, u8) {
        let distance = (rank(self.expected) as isize - rank(self.got) as isize).unsigned_abs();
        let confidence = if rank(self.got) > rank(self.expected) { self.score } else { 100 - self.score.min(100) };
        (distance, self.is_binary(), confidence)
    }
}

/// The report's signal rule ids, each once, in first-seen order.
fn distinct_rules(report: &Report) -> Vec<String> {
    let mut rules: Vec<String> = Vec::new();
    for signal in &report.signals {
        if !rules.contains(&signal.rule) {
            rules.push(signal.rule.clone());
        }
    }
    rules
}

fn rank(level: Level) -> usize {
    match level {
        Level::Ok => 0,
        Level::Caution => 1,
        Level::Pitch => 2,
    }
}

const LEVELS: [Level; 3] = [Level::Ok, Level::Caution, Level::Pitch];

/// The figures for a set of labelled cases.
///
/// Ratios are in 0..=1 and are 0 when undefined (e.g. precision when nothing was called `pitch`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Number of cases.
    pub cases: usize,
    /// Expected `pitch` and called `pitch`.
    pub true_positives: usize,
    /// Called `pitch` but expected something else.
    pub false_positives: usize,
    /// Expected `pitch` but called something else.
    pub false_negatives: usize,
    /// Binary pitch precision.
    pub precision: f64,
    /// Binary pitch recall.
    pub recall: f64,
    /// Binary pitch F1.
    pub f1: f64,
    /// Three-way accuracy.
    pub accuracy: f64,
    /// Cases expected `ok`.
    pub ok_cases: usize,
    /// Cases expected `ok` but called `pitch`.
    pub ok_called_pitch: usize,
    /// `ok_called_pitch / ok_cases`.
    pub ok_called_pitch_share: f64,
    /// Rows: expected level; columns: level got.
    pub confusion: Confusion,
    /// Every case whose level differs from the label, in input order.
    pub misses: Vec<Miss>,
}

/// Accumulates cases one at a time, so callers can stream a corpus.
#[derive(Debug, Clone, Default)]
pub struct Evaluator {
    confusion: Confusion,
    misses: Vec<Miss>,
}

impl Evaluator {
    /// An empty evaluator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one case.
    pub fn add(&mut self, id: impl Into<String>, expected: Level, report: &Report) {
        self.confusion.add(expected, report.level);
        if report.level != expected {
            self.misses.push(Miss {
                id: id.into(),
                expected,
                got: report.level,
                score: report.score,
                rules: distinct_rules(report),
            });
        }
    }

    /// The figures for every case added so far.
    pub fn finish(self) -> Evaluation {
        let c = &self.confusion;
        let true_positives = c.pitch.pitch;
        let false_positives = c.ok.pitch + c.caution.pitch;
        let false_negatives = c.pitch.ok + c.pitch.caution;
        let cases = c.ok.total() + c.caution.total() + c.pitch.total();
        let correct: usize = LEVELS.iter().map(|&l| c.get(l, l)).sum();
        let precision = ratio(true_positives, true_positives + false_positives);
        let recall = ratio(true_positives, true_positives + false_negatives);
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Evaluation {
            cases,
            true_positives,
            false_positives,
            false_negatives,
            precision,
            recall,
            f1,
            accuracy: ratio(correct, cases),
            ok_cases: c.ok.total(),
            ok_called_pitch: c.ok.pitch,
            ok_called_pitch_share: ratio(c.ok.pitch, c.ok.total()),
            confusion: self.confusion,
            misses: self.misses,
        }
    }
}

/// Evaluates (id, expected level, report) triples in one call.
pub fn evaluate<'a, I>(cases: I) -> Evaluation
where
    I: IntoIterator<Item = (&'a str, Level, &'a Report)>,
{
    let mut evaluator = Evaluator::new();
    for (id, expected, report) in cases {
        evaluator.add(id, expected, report);
    }
    evaluator.finish()
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Evaluation {
    /// The misses, worst first (ok↔pitch, then other binary misses, then by score confidence).
    pub fn worst_misses(&self) -> Vec<&Miss> {
        let mut misses: Vec<&Miss> = self.misses.iter().collect();
        misses.sort_by_key(|m| std::cmp::Reverse(m.severity()));
        misses
    }

    /// A plain-text report: headline figures, the confusion table and up to `max_misses`
    /// misses, worst first.
    pub fn render(&self, max_misses: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "cases      {}", self.cases);
        let _ = writeln!(
            out,
            "pitch      precision {:.3}  recall {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})",
            self.precision, self.recall, self.f1, self.true_positives, self.false_positives, self.false_negatives
        );
        let _ = writeln!(out, "accuracy   {:.1}% (three-way)", self.accuracy * 100.0);
        let _ = writeln!(
            out,
            "ok→pitch   {} of {} ok cases ({:.1}%)",
            self.ok_called_pitch,
            self.ok_cases,
            self.ok_called_pitch_share * 100.0
        );
        out.push('\n');
        out.push_str(&self.render_confusion());
        if self.misses.is_empty() {
            out.push_str("\nno misses\n");
            return out;
        }
        let _ = writeln!(out, "\nmisses ({}, worst first):", self.misses.len());
        let shown = self.worst_misses();
        for miss in shown.iter().take(max_misses) {
            let rules = if miss.rules.is_empty() { "(no signals)".to_string() } else { miss.rules.join(", ") };
            let _ = writeln!(
                out,
                "  {:<12} expected {:<7} got {:<7} score {:>3}  {}",
                miss.id,
                miss.expected.as_str(),
                miss.got.as_str(),
                miss.score,
                rules
            );
        }
        if shown.len() > max_misses {
            let _ = writeln!(out, "  … and {} more", shown.len() - max_misses);
        }
        out
    }

    /// The confusion matrix as an aligned table (rows expected, columns got).
    pub fn render_confusion(&self) -> String {
        let mut out = String::from("expected \\ got       ok  caution    pitch\n");
        for expected in LEVELS {
            let row = self.confusion.row(expected);
            let _ = writeln!(out, "{:<16} {:>6} {:>8} {:>8}", expected.as_str(), row.ok, row.caution, row.pitch);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(level: Level, score: u8, rules: &[&str]) -> Report {
        Report {
            level,
            score,
            pitch: score,
            invited: 0,
            relevance: 50,
            signals: rules
                .iter()
                .map(|r| crate::Signal {
                    rule: r.to_string(),
                    category: r.split('.').next().unwrap_or("").to_string(),
                    start: 0,
                    end: 1,
                    text: "x".into(),
                    weight: 10,
                    message: "m".into(),
                })
                .collect(),
            invitations: vec![],
            summary: String::new(),
            suggestions: vec![],
            fixes: vec![],
        }
    }

    fn run(pairs: &[(Level, Level, u8)]) -> Evaluation {
        let reports: Vec<(String, Level, Report)> = pairs
            .iter()
            .enumerate()
            .map(|(i, &(e, g, s))| (format!("c{i}"), e, report(g, s, &["cta.buy", "offer.code", "cta.buy"])))
            .collect();
        evaluate(reports.iter().map(|(id, e, r)| (id.as_str(), *e, r)))
    }

    #[test]
    fn counts_binary_and_three_way_figures() {
        use Level::*;
        let figures = run(&[
            (Pitch, Pitch, 90),
            (Pitch, Pitch, 80),
            (Pitch, Caution, 40), // missed pitch
            (Ok, Pitch, 70),      // false pitch
            (Ok, Ok, 5),
            (Ok, Ok, 0),
            (Caution, Caution, 40),
            (Caution, Ok, 10),
        ]);
        assert_eq!(figures.cases, 8);
        assert_eq!((figures.true_positives, figures.false_positives, figures.false_negatives), (2, 1, 1));
        assert!((figures.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((figures.recall - 2.0 / 3.0).abs() < 1e-9);
        assert!((figures.f1 - 2.0 / 3.0).abs() < 1e-9);
        assert!((figures.accuracy - 5.0 / 8.0).abs() < 1e-9);
        assert_eq!((figures.ok_cases, figures.ok_called_pitch), (3, 1));
        assert!((figures.ok_called_pitch_share - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(figures.confusion.get(Pitch, Caution), 1);
        assert_eq!(figures.confusion.get(Ok, Pitch), 1);
        assert_eq!(figures.confusion.get(Caution, Ok), 1);
        assert_eq!(figures.confusion.row(Ok).total(), 3);
        let ids: Vec<&str> = figures.misses.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["c2", "c3", "c7"]);
        assert_eq!(figures.misses[1].rules, ["cta.buy", "offer.code"], "each rule once, in order");
        assert_eq!(figures.misses[1].score, 70);
    }

    #[test]
    fn empty_and_all_ok_give_zero_not_nan() {
        let empty = Evaluator::new().finish();
        assert_eq!(empty.cases, 0);
        assert_eq!((empty.precision, empty.recall, empty.f1, empty.accuracy), (0.0, 0.0, 0.0, 0.0));
        let stub = run(&[(Level::Pitch, Level::Ok, 0), (Level::Ok, Level::Ok, 0)]);
        assert_eq!((stub.precision, stub.recall, stub.f1), (0.0, 0.0, 0.0));
        assert_eq!(stub.accuracy, 0.5);
        assert!(!stub.f1.is_nan());
    }

    #[test]
    fn worst_misses_put_ok_pitch_confusions_first() {
        use Level::*;
        let figures = run(&[(Caution, Ok, 20), (Pitch, Caution, 45), (Ok, Pitch, 60), (Ok, Pitch, 95), (Pitch, Ok, 3)]);
        let order: Vec<&str> = figures.worst_misses().iter().map(|m| m.id.as_str()).collect();
        // ok↔pitch first (most confident first), then the binary pitch→caution, then caution→ok.
        assert_eq!(order, ["c4", "c3", "c2", "c1", "c0"]);
    }

    #[test]
    fn serialises_camel_case_and_round_trips() {
        let figures = run(&[(Level::Ok, Level::Pitch, 70)]);
        let json = serde_json::to_value(&figures).unwrap();
        assert_eq!(json["okCalledPitch"], 1);
        assert_eq!(json["falsePositives"], 1);
        assert_eq!(json["confusion"]["ok"]["pitch"], 1);
        assert_eq!(json["misses"][0]["expected"], "ok");
        assert_eq!(json["misses"][0]["got"], "pitch");
        let back: Evaluation = serde_json::from_value(json).unwrap();
        assert_eq!(back, figures);
    }

    #[test]
    fn render_shows_figures_table_and_limited_misses() {
        use Level::*;
        let figures = run(&[(Pitch, Pitch, 90), (Ok, Pitch, 70), (Caution, Ok, 10), (Pitch, Ok, 2)]);
        let text = figures.render(2);
        assert!(text.contains("precision 0.500"), "{text}");
        assert!(text.contains("F1 0.500"), "{text}");
        assert!(text.contains("1 of 1 ok cases (100.0%)"), "{text}");
        assert!(text.contains("expected \\ got"), "{text}");
        let table = &text[text.find("expected \\ got").unwrap()..];
        let pitch_row = table.lines().find(|l| l.starts_with("pitch ")).unwrap();
        let cells: Vec<&str> = pitch_row.split_whitespace().collect();
        assert_eq!(cells, ["pitch", "1", "0", "1"]);
        assert!(text.contains("misses (3, worst first)"), "{text}");
        assert!(text.contains("… and 1 more"), "{text}");
        assert!(text.contains("cta.buy"), "{text}");
        assert!(run(&[(Ok, Ok, 0)]).render(5).contains("no misses"));
    }
}

/// One row of a split's table: a batch, or the whole split.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchFigures {
    /// The batch's file (or "all").
    pub batch: String,
    /// Cases.
    pub cases: usize,
    /// Binary pitch precision.
    pub precision: f64,
    /// Binary pitch recall.
    pub recall: f64,
    /// Binary pitch F1.
    pub f1: f64,
    /// Three-way accuracy.
    pub accuracy: f64,
    /// Share of `ok` cases called `pitch`.
    pub ok_called_pitch_share: f64,
    /// F1 of "commercial" (report.pitch at or above the scorer's cut) against the `commercial` labels.
    pub commercial_f1: f64,
    /// F1 of "invited" (report.invited ≥ 50) against the `invited` labels.
    pub invited_f1: f64,
}

/// `read-the-room eval --split`: per batch and in all.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitFigures {
    /// The split's name.
    pub split: String,
    /// One row per case batch.
    pub batches: Vec<BatchFigures>,
    /// The whole split.
    pub total: BatchFigures,
}

#[cfg(not(target_arch = "wasm32"))]
fn binary_f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    let d = 2 * tp + fp + fn_;
    if d == 0 {
        0.0
    } else {
        2.0 * tp as f64 / d as f64
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
struct Tally {
    evaluator: Evaluator,
    commercial: [usize; 3],
    invited: [usize; 3],
}

#[cfg(not(target_arch = "wasm32"))]
impl Tally {
    fn add(&mut self, case: &crate::corpus::LabelledCase, report: &Report, commercial_at: u8) {
        let id = case.case.id.clone().unwrap_or_default();
        self.evaluator.add(id, crate::corpus::level_of(case), report);
        let count = |slot: &mut [usize; 3], truth: Option<bool>, said: bool| match (truth, said) {
            (Some(true), true) => slot[0] += 1,
            (Some(false), true) => slot[1] += 1,
            (Some(true), false) => slot[2] += 1,
            _ => {}
        };
        count(&mut self.commercial, case.commercial, report.pitch >= commercial_at);
        count(&mut self.invited, case.invited, report.invited >= 50);
    }
    fn finish(self, batch: String) -> BatchFigures {
        let e = self.evaluator.finish();
        BatchFigures {
            batch,
            cases: e.cases,
            precision: e.precision,
            recall: e.recall,
            f1: e.f1,
            accuracy: e.accuracy,
            ok_called_pitch_share: e.ok_called_pitch_share,
            commercial_f1: binary_f1(self.commercial[0], self.commercial[1], self.commercial[2]),
            invited_f1: binary_f1(self.invited[0], self.invited[1], self.invited[2]),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl SplitFigures {
    /// Scores every case of `split` with `analyzer`. A reply counts as commercial when its
    /// `pitch` is at least `commercial_at` (50 for the learned scorer's probability; the
    /// hand-tuned scorer's points call a reply clearly commercial at 25).
    pub fn measure(corpus: &crate::corpus::Corpus, split: crate::corpus::Split, analyzer: &crate::Analyzer, commercial_at: u8) -> SplitFigures {
        let mut total = Tally::default();
        let mut batches = Vec::new();
        for b in corpus.batches.iter().filter(|b| b.info.split == split && !b.cases.is_empty()) {
            let mut tally = Tally::default();
            for c in &b.cases {
                let report = analyzer.analyze(&c.case);
                tally.add(c, &report, commercial_at);
                total.add(c, &report, commercial_at);
            }
            batches.push(tally.finish(b.info.file.clone()));
        }
        SplitFigures { split: split.as_str().to_string(), batches, total: total.finish("all".into()) }
    }

    /// A table: one line per batch, then the split.
    pub fn render(&self) -> String {
        let width = self.batches.iter().map(|b| b.batch.len()).max().unwrap_or(3).max(5);
        let mut out = format!("split: {}\n{:<width$}  {:>5}  {:>5}  {:>5}  {:>5}  {:>5}  {:>7}  {:>10}  {:>7}\n", self.split, "batch", "cases", "P", "R", "F1", "acc3", "ok>pit", "commercial", "invited");
        for b in self.batches.iter().chain(std::iter::once(&self.total)) {
            out.push_str(&format!(
                "{:<width$}  {:>5}  {:>5.3}  {:>5.3}  {:>5.3}  {:>5.3}  {:>6.1}%  {:>10.3}  {:>7.3}\n",
                b.batch,
                b.cases,
                b.precision,
                b.recall,
                b.f1,
                b.accuracy,
                b.ok_called_pitch_share * 100.0,
                b.commercial_f1,
                b.invited_f1
            ));
        }
        out
    }
}
