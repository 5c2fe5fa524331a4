//! Learned judgment: the two answers (is the reply commercial? did the thread ask?) and the
//! verdict on top, from models trained on `corpus/` by `read-the-room train`.
//!
//! normalise → reply features → commercial model → P(commercial)
//! each message → sentence windows → invitation model → P(offers / refuses / closed / none)
//! thread reader (closeness: parent, post, title, other) → invited
//! verdict model (the two answers and the reply's evidence) → score, level

pub mod features;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use features::Features;
use model::{Model, VERDICT_FEATURES};

/// A learned phrase must add at least this much to the commercial logit to be reported.
const PHRASE_MIN: f32 = 0.4;
/// At most this many learned phrases per report.
const MAX_PHRASES: usize = 3;

/// P(commercial) for a reply, and the phrases behind it.
#[derive(Debug, Clone, Default)]
pub struct ReplyAnswer {
    /// Probability (0–1).
    pub p: f32,
    /// The logit the probability came from.
    pub logit: f32,
    /// P(pitch | uninvited and commercial), from the reply's words (the hard-sell model).
    pub hard: f32,
    /// The contribution (logit) of each rule feature that fired, by rule id.
    pub rule_contributions: Vec<(&'static str, f32)>,
    /// Contiguous spans (normalised bytes) whose n-grams pushed hardest towards commercial.
    pub phrases: Vec<(usize, usize, f32)>,
    /// Number of words in the reply.
    pub words: usize,
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Features of a reply: its rule hits (by id) and n-grams outside muted spans.
pub fn reply_features(norm: &str, rule_ids: &[&'static str], masked: &impl Fn(usize, usize) -> bool) -> Features {
    features::extract(norm, rule_ids, masked)
}

/// Scores a reply's features with the commercial model and finds its learned phrases.
/// `avoid`: spans (normalised bytes) already explained by a rule.
pub fn commercial(model: &Model, f: &Features, rule_ids: &[&'static str], avoid: &[(usize, usize)]) -> ReplyAnswer {
    let lin = &model.commercial;
    let logit = lin.logit(&f.values);
    let rule_contributions = rule_ids.iter().map(|id| (*id, lin.weight(features::rule_index(id)))).collect();
    // Each n-gram's contribution, spread over the words it touches.
    let mut per_token = vec![0.0f32; f.tokens.len()];
    for (o, v) in &f.occurrences {
        let w = lin.weight(o.index) * v;
        if w == 0.0 {
            continue;
        }
        let first = f.tokens.partition_point(|t| t.end <= o.start);
        let last = f.tokens.partition_point(|t| t.start < o.end);
        if first < last {
            let share = w / (last - first) as f32;
            for c in &mut per_token[first..last] {
                *c += share;
            }
        }
    }
    let mut phrases: Vec<(usize, usize, f32)> = Vec::new();
    let mut k = 0;
    while k < per_token.len() {
        if per_token[k] <= 0.0 {
            k += 1;
            continue;
        }
        let start = k;
        let mut sum = 0.0;
        while k < per_token.len() && per_token[k] > 0.0 {
            sum += per_token[k];
            k += 1;
        }
        let (s, e) = (f.tokens[start].start, f.tokens[k - 1].end);
        let explained = avoid.iter().any(|&(a, b)| s < b && a < e);
        if sum >= PHRASE_MIN && !explained {
            phrases.push((s, e, sum));
        }
    }
    phrases.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    phrases.truncate(MAX_PHRASES);
    phrases.sort_by_key(|p| p.0);
    let hard = sigmoid(model.hard.logit(&f.values));
    ReplyAnswer { p: sigmoid(logit), logit, hard, rule_contributions, phrases, words: f.tokens.len() }
}

/// What one message asks for, read window by window (a sentence, or two adjacent ones).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MessageAsks {
    /// Strongest P(offers) over the windows of two adjacent sentences (or the whole message
    /// when it is one sentence), and that window (normalised bytes).
    pub offers: f32,
    /// Strongest P(offers) of a single sentence of a longer message (read with less context,
    /// so the reader trusts it less), and that sentence.
    pub offers_single: f32,
    /// The sentence behind `offers_single`.
    pub offers_single_span: (usize, usize),
    /// The window behind `offers`.
    pub offers_span: (usize, usize),
    /// Strongest P(refuses) among sentences read as refusals (0 when none).
    pub refuses: f32,
    /// The sentence behind `refuses`.
    pub refuses_span: (usize, usize),
    /// Strongest P(closed) among sentences read as a filled request, after the message's last question.
    pub closed: f32,
    /// P(offers) of the whole message read at once (with the title before the post), as the
    /// model was trained: windows find where a request is, the whole text says whether it is one.
    pub whole: f32,
}

/// Softmax over the invitation model's four classes.
pub fn asks_probabilities(model: &Model, values: &[(u32, f32)]) -> [f32; 4] {
    let logits = model.asks_logits(values);
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps = logits.map(|l| (l - max).exp());
    let sum: f32 = exps.iter().sum();
    [exps[0] / sum, exps[1] / sum, exps[2] / sum, exps[3] / sum]
}

/// Sentence spans of normalised text (split after . ! ? and at line breaks).
pub fn sentences(norm: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = norm.as_bytes();
    for (i, c) in norm.char_indices() {
        let end_here = c == '\n' || (matches!(c, '.' | '!' | '?' | '。' | '！' | '？') && bytes.get(i + c.len_utf8()).is_none_or(|b| b.is_ascii_whitespace()));
        if end_here {
            let e = i + c.len_utf8();
            if norm[start..e].trim().len() > 1 {
                out.push((start, e));
            }
            start = e;
        }
    }
    if norm[start..].trim().len() > 1 {
        out.push((start, norm.len()));
    }
    out
}

/// Reads one message. `hits`: the enabled thread rules' hits in it (normalised byte spans,
/// rule ids); `muted`: spans matched by muted thread rules, whose words are not read;
/// `title`: for the post, the thread's title read the same way (normalised text, rule ids, muted spans).
/// A sentence counts as a refusal or a filled request only when that is what it most reads as,
/// so a sentence that asks to buy never adds a refusal.
pub fn read_message(model: &Model, norm: &str, hits: &[(usize, usize, &'static str)], muted: &[(usize, usize)], title: Option<(&str, &[&'static str], &[(usize, usize)])>) -> MessageAsks {
    let mut out = MessageAsks::default();
    let spans = sentences(norm);
    // The whole message (after the title, for the post), with every thread rule that fired in it.
    let mut ids: Vec<&'static str> = hits.iter().map(|h| h.2).chain(title.into_iter().flat_map(|t| t.1.iter().copied())).collect();
    ids.sort_unstable();
    ids.dedup();
    // Is the span [a, b) of the text that starts `at` bytes into `norm` muted?
    let muted_at = |at: usize| move |a: usize, b: usize| muted.iter().any(|&(x, y)| a + at < y && x < b + at);
    // The message's n-grams, hashed once; each window takes its own from them.
    let grams = features::grams(norm, &muted_at(0));
    let read_window = |s: usize, e: usize, rules: &[&'static str]| match &grams {
        Some(g) => features::window_values(g, s, e, rules),
        None => features::values(&norm[s..e], rules, &muted_at(s)),
    };
    // The whole message's reading, when it is read alone: a one-sentence message's sentence,
    // or a two-sentence message's pair, is the whole message, read once.
    let mut whole_read: Option<[f32; 4]> = None;
    // A message with no words (an emoji, a row of dots) asks nothing.
    out.whole = if !norm.chars().any(char::is_alphanumeric) {
        0.0
    } else {
        match title {
            Some((t, _, title_muted)) => {
                // "title\npost": the title's muted spans as they are, the post's after the title.
                let skip = t.len() + 1;
                let masked = |a: usize, b: usize| title_muted.iter().any(|&(x, y)| a < y && x < b) || (b > skip && muted_at(0)(a.saturating_sub(skip), b - skip));
                asks_probabilities(model, &features::values(&format!("{t}\n{norm}"), &ids, &masked))[0]
            }
            None => whole_read.insert(asks_probabilities(model, &read_window(0, norm.len(), &ids)))[0],
        }
    };
    let rules_in = |s: usize, e: usize| -> Vec<&'static str> { hits.iter().filter(|h| h.0 >= s && h.1 <= e).map(|h| h.2).collect() };
    // The strongest closing since the message's last question.
    let mut closing: f32 = 0.0;
    for (k, &(s, e)) in spans.iter().enumerate() {
        // A sentence with no words (an emoji, a row of dots) asks nothing.
        if !norm[s..e].chars().any(char::is_alphanumeric) {
            continue;
        }
        let rules = rules_in(s, e);
        // A window that is the whole message with the same rules reads as the whole did.
        let is_whole = |s: usize, e: usize, rules: &[&'static str]| (s, e) == (0, norm.len()) && {
            let mut sorted = rules.to_vec();
            sorted.sort_unstable();
            sorted == ids
        };
        let p = match whole_read {
            Some(p) if is_whole(s, e, &rules) => p,
            _ => asks_probabilities(model, &read_window(s, e, &rules)),
        };
        if spans.len() == 1 {
            if p[0] > out.offers {
                out.offers = p[0];
                out.offers_span = (s, e);
            }
        } else if p[0] > out.offers_single {
            out.offers_single = p[0];
            out.offers_single_span = (s, e);
        }
        let best = (0..4).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(3);
        if best == 1 && p[1] > out.refuses {
            out.refuses = p[1];
            out.refuses_span = (s, e);
        }
        // A thank-you followed by another question ("Thanks! Are the arms easy to fit?")
        // leaves the request open: only a closing that nothing after it questions counts.
        if norm[s..e].trim_end().ends_with('?') {
            closing = 0.0;
        }
        if best == 2 {
            closing = closing.max(p[2]);
        }
        if k + 1 < spans.len() {
            let e2 = spans[k + 1].1;
            let rules = rules_in(s, e2);
            let p = match whole_read {
                Some(p) if is_whole(s, e2, &rules) => p,
                _ => asks_probabilities(model, &read_window(s, e2, &rules)),
            };
            if p[0] > out.offers {
                out.offers = p[0];
                out.offers_span = (s, e2);
            }
        }
    }
    out.closed = closing;
    out
}

/// The verdict model's inputs, in VERDICT_FEATURES order.
#[derive(Debug, Clone, Copy, Default)]
pub struct VerdictInputs {
    /// P(commercial).
    pub c: f32,
    /// P(hard sell).
    pub h: f32,
    /// How much the thread asked (0–1).
    pub invited: f32,
    /// How strongly the thread refused offers (0–1).
    pub refused: f32,
    /// Relevance (0–1).
    pub relevance: f32,
    /// The reply answers the question before selling.
    pub answered: bool,
    /// The thread has no text.
    pub empty: bool,
    /// The reply says who the writer is.
    pub disclosed: bool,
    /// Five words or fewer.
    pub short: bool,
}

/// The input vector.
pub fn verdict_vector(x: &VerdictInputs, categories: &[&str]) -> Vec<f32> {
    let (c, u) = (x.c, 1.0 - x.invited.clamp(0.0, 1.0));
    let b = |v: bool| if v { 1.0 } else { 0.0 };
    VERDICT_FEATURES
        .iter()
        .map(|name| match *name {
            "c" => c,
            "c^2" => c * c,
            "u·c" => u * c,
            "u" => u,
            "u·c·(1-rel)" => u * c * (1.0 - x.relevance.clamp(0.0, 1.0)),
            "u·c·(1-ans)" => u * c * (1.0 - b(x.answered)),
            "u·c·(1-rel)·(1-ans)" => u * c * (1.0 - x.relevance.clamp(0.0, 1.0)) * (1.0 - b(x.answered)),
            "u·c·empty" => u * c * b(x.empty),
            "u·c·h" => u * c * x.h,
            "c·h" => c * x.h,
            "c·ans" => c * b(x.answered),
            "c·ans·disclosed" => c * b(x.answered) * b(x.disclosed),
            "c·h·ans" => c * x.h * b(x.answered),
            "c·h·disclosed" => c * x.h * b(x.disclosed),
            "refused·c" => x.refused.clamp(0.0, 1.0) * c,
            "disclosed·c" => b(x.disclosed) * c,
            "short·c" => b(x.short) * c,
            category => b(categories.contains(&category)),
        })
        .collect()
}

/// Score points per unit of the verdict model's logit, and the score at the logit `z`:
/// the ok|caution cut maps to 22 points and the caution|pitch cut to 45 (normal sensitivity).
pub fn points(model: &Model, z: f32) -> (f32, f32) {
    let v = &model.verdict;
    let (pitch_at, caution_at) = (crate::analyzer::PITCH_AT as f32, crate::analyzer::CAUTION_AT as f32);
    let k = (pitch_at - caution_at) / (v.t2 - v.t1);
    (k, pitch_at + k * (z - v.t2))
}

/// The verdict model's logit and each input's contribution to it.
pub fn verdict_logit(model: &Model, x: &[f32]) -> (f32, Vec<f32>) {
    let contributions: Vec<f32> = model.verdict.weights.iter().zip(x).map(|(w, v)| w * v).collect();
    (model.verdict.bias + contributions.iter().sum::<f32>(), contributions)
}
