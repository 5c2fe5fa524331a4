//! Scoring a reply against an analysed thread: the keystroke path.
//!
//! The learned scorer (the default, `score_learned`): the reply's rule hits and n-grams give
//! P(commercial); the thread reader gives how much the thread asked; the verdict model turns
//! both, with the reply's evidence, into the score. The hand-tuned scorer (`Scorer::Hand`)
//! is kept for comparison (`read-the-room eval --scorer hand`); it works like this:
//!
//! 1. Find signals in the reply (rules, links, handles, the person's own phrases), dropping
//!    any inside quotes or criticism ("I hate when people say DM me").
//! 2. Weigh mitigations: disclosure, alternatives, answering the question first.
//! 3. Weigh the thread: invitations near the reply lower the score, refusals raise it.
//! 4. Turn the score into a level, a summary and suggestions.

use crate::rules::{self, find_handles, find_links, Check, Hit, Kind, LinkClass};
use crate::text::{Normalized, Utf16Map};
use crate::thread::{content_stems, AnalyzedThread};

/// The reply's content-word stems as byte ranges of `norm`, in text order, found once per score.
fn stems_at(norm: &str) -> Vec<(usize, usize)> {
    let base = norm.as_ptr() as usize;
    content_stems(norm).map(|w| (w.as_ptr() as usize - base, w.as_ptr() as usize - base + w.len())).collect()
}
use crate::learned::{self, model::{self, Model}};
use crate::thread::Asked;
use crate::summary;

/// The reply's side of a score.
pub(crate) struct ReplySide {
    pub norm: Normalized,
    /// Content-word stems (byte ranges of `norm.text`), in text order.
    stems: Vec<(usize, usize)>,
    /// Enabled rule hits (quotes and criticism dropped), answering-first included.
    pub hits: Vec<Hit>,
    /// The hits the hand-tuned score reads (the verdict model's "rules" input): the same
    /// search, found with the settings applied (a muted rule's words still count for others).
    hand_hits: Vec<Hit>,
    /// Muted spans (normalised bytes): disabled rules' matches and allowed phrases.
    pub masked: Vec<(usize, usize)>,
    /// Distinct rule ids that fired (features of the commercial model).
    pub rule_ids: Vec<&'static str>,
    /// Distinct categories that fired (inputs of the verdict model).
    pub categories: Vec<&'static str>,
    pub answered: bool,
    pub disclosed: bool,
    pub relevance: u8,
}

/// The learned phrases' rule: not in the catalogue (nothing to match), but it can be turned off.
pub(crate) static LEARNED_PHRASE: rules::Rule = rules::Rule {
    id: "learned.selling",
    kind: Kind::Signal,
    weight: 0,
    pattern: "",
    unless: "",
    check: Check::Computed,
    message: "Reads like selling: learned from examples",
    suggestion: "",
    flags: &[],
    passes: &[],
};
use crate::{After, Case, Config, Error, ErrorKind, Fix, Level, Report, Signal, Thread};

/// Signal weights of the learned scorer: points per unit of the commercial model's logit.
const POINTS_PER_LOGIT: f32 = 10.0;
/// Level thresholds at normal sensitivity.
pub(crate) const PITCH_AT: i32 = 45;
pub(crate) const CAUTION_AT: i32 = 22;
/// A reply with this many signal points is clearly commercial on its own.
pub(crate) const CLEARLY_COMMERCIAL: i32 = 25;
/// An invitation at least this strong means someone asked for offers.
pub(crate) const ASKED: f32 = 50.0;

/// Which judgment scores replies.
///
/// The learned models judge (the default everywhere); the hand-tuned rule-points scorer is
/// kept only as the baseline the README's accuracy table compares against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scorer {
    /// The trained models (`model/read-the-room.model`).
    #[default]
    Learned,
    /// The hand-tuned combination of rule points.
    Hand,
}

/// A configured analyzer.
#[derive(Debug, Clone)]
pub struct Analyzer {
    config: Config,
    /// The person's own phrases, normalised, longest first.
    phrases: Vec<String>,
    /// Phrases the person said are not a pitch (normalised): their words do not count.
    allowed: Vec<String>,
    /// The trained models; None for the hand-tuned scorer.
    model: Option<&'static Model>,
}

impl Analyzer {
    /// Builds an analyzer; fails on an invalid config (an empty or oversized user phrase).
    pub fn new(config: Config) -> Result<Analyzer, Error> {
        Analyzer::with_scorer(config, Scorer::default())
    }

    /// Builds an analyzer with a chosen scorer. The learned scorer fails with a clear error
    /// when the built-in model is corrupt or was trained for another feature spec.
    pub fn with_scorer(mut config: Config, scorer: Scorer) -> Result<Analyzer, Error> {
        config.sensitivity = config.sensitivity.clamp(-30, 30);
        let mut phrases = Vec::with_capacity(config.phrases.len());
        for (i, p) in config.phrases.iter().enumerate() {
            let n = Normalized::new(p.trim()).text;
            if n.chars().count() < 2 {
                return Err(Error::new(ErrorKind::Config, format!("phrases[{i}]: a phrase needs at least 2 characters")));
            }
            if n.len() > 200 {
                return Err(Error::new(ErrorKind::Config, format!("phrases[{i}]: a phrase may be at most 200 characters")));
            }
            phrases.push(n);
        }
        phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut allowed = Vec::with_capacity(config.allowed_phrases.len());
        for (i, p) in config.allowed_phrases.iter().enumerate() {
            let n = Normalized::new(p.trim()).text;
            if n.chars().count() < 2 || n.len() > 200 {
                return Err(Error::new(ErrorKind::Config, format!("allowedPhrases[{i}]: a phrase needs 2 to 200 characters")));
            }
            allowed.push(n);
        }
        let model = match scorer {
            Scorer::Learned => Some(model::embedded().map_err(|e| Error::new(ErrorKind::Model, e.to_string()))?),
            Scorer::Hand => None,
        };
        Ok(Analyzer { config, phrases, allowed, model })
    }

    /// Builds a learned analyzer over models other than the built-in ones: `train` uses it to
    /// score the file it just wrote exactly as `eval` and the extension would.
    pub fn with_model(config: Config, model: &'static Model) -> Result<Analyzer, Error> {
        let mut analyzer = Analyzer::with_scorer(config, Scorer::Hand)?;
        analyzer.model = Some(model);
        Ok(analyzer)
    }

    /// The current settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Replaces the settings; analysed threads stay valid (rules are applied at scoring time).
    pub fn set_config(&mut self, config: Config) -> Result<(), Error> {
        let scorer = if self.model.is_some() { Scorer::Learned } else { Scorer::Hand };
        *self = Analyzer::with_scorer(config, scorer)?;
        Ok(())
    }

    /// Reads a thread once. Linear in its length.
    pub fn thread(&self, thread: &Thread) -> AnalyzedThread {
        AnalyzedThread::new(thread, self.model, &|id| self.config.enabled(id))
    }

    /// One-shot: read the case's thread and score its reply.
    pub fn analyze(&self, case: &Case) -> Report {
        self.score(&self.thread(&case.thread), &case.reply)
    }

    /// Scores a reply against an analysed thread, with its fixes (the full report: the CLI,
    /// one-shot `analyze`). Linear in the reply's length.
    ///
    /// A reply that is not `ok` also gets its fixes: each candidate edit (at most a handful)
    /// is applied and re-scored, and only those that lower the score are kept, best first,
    /// with the verdict they lead to. The keystroke path leaves them out ([`Analyzer::verdict`])
    /// and asks for them when the person opens the card ([`Analyzer::fixes`]).
    pub fn score(&self, thread: &AnalyzedThread, reply: &str) -> Report {
        let mut report = self.verdict(thread, reply);
        report.fixes = self.fixes(thread, reply, &report);
        report
    }

    /// The keystroke path: the report without its fixes (`fixes` is empty), one score of the
    /// reply. `score` is this plus [`Analyzer::fixes`].
    pub fn verdict(&self, thread: &AnalyzedThread, reply: &str) -> Report {
        match self.model {
            Some(model) => self.score_learned(model, thread, reply),
            None => self.score_hand(thread, reply),
        }
    }

    /// The fixes of `report` (the verdict of `reply` against `thread`) that lower its score,
    /// each with its re-scored verdict, best first; none for an `ok` verdict. Costs one
    /// verdict per candidate (at most `fixes::MAX_CANDIDATES`).
    pub fn fixes(&self, thread: &AnalyzedThread, reply: &str, report: &Report) -> Vec<Fix> {
        if report.level == Level::Ok {
            return Vec::new();
        }
        let mut out: Vec<Fix> = crate::fixes::candidates(reply, &report.signals, &self.config.phrases, thread.asks_question)
            .into_iter()
            .filter_map(|c| {
                let mut fix = Fix { id: c.id.to_string(), label: c.label, rules: c.rules, edits: c.edits, after: After { level: Level::Ok, score: 0 } };
                let fixed = self.verdict(thread, &fix.apply(reply));
                fix.after = After { level: fixed.level, score: fixed.score };
                (fixed.score < report.score).then_some(fix)
            })
            .collect();
        out.sort_by_key(|f| f.after.score);
        out
    }

    /// What the reply shows on its own and against the thread: the shared front half of the
    /// learned scorer and the trainer. The reply is normalised and searched once; the
    /// hand-tuned score inside the learned verdict reads the same hits.
    pub(crate) fn reply_side(&self, thread: &AnalyzedThread, reply: &str) -> ReplySide {
        let norm = Normalized::new(reply);
        let stems = stems_at(&norm.text);
        let (all, hand_hits) = self.find_signals(&norm, reply, thread, &stems);
        // A muted rule removes its feature and the words it matched.
        let (mut hits, muted): (Vec<Hit>, Vec<Hit>) = all.into_iter().partition(|h| self.config.enabled(h.rule.id));
        // "Not selling anything" only counts against a reply that then sells.
        if !hits.iter().any(|h| h.rule.kind == Kind::Signal && h.rule.id != "self.false_disclaimer") {
            hits.retain(|h| h.rule.id != "self.false_disclaimer");
        }
        let mut masked: Vec<(usize, usize)> = muted.iter().map(|h| (h.start, h.end)).collect();
        for p in &self.allowed {
            for (at, m) in norm.text.match_indices(p.as_str()).take(rules::MAX_HITS_PER_RULE) {
                masked.push((at, at + m.len()));
            }
        }
        let discloses = hits.iter().any(|h| matches!(h.rule.category(), "disclose" | "self"));
        let (answer_words, (answer_start, answer_end)) = if thread.asks_question && hits.iter().any(|h| h.rule.kind == Kind::Signal) {
            answer_outside_signals(&norm.text, &stems, &hits, thread, discloses)
        } else {
            (0, (0, 0))
        };
        if answer_words > 0 && self.config.enabled("helpful.answer_first") {
            if let Some(rule) = rules::by_id("helpful.answer_first") {
                hits.push(Hit { rule, start: answer_start, end: answer_end });
            }
        }
        let has = |id: &str| hits.iter().any(|h| h.rule.id == id);
        let answered = answer_words > 0 || has("helpful.alternatives");
        let disclosed = hits.iter().any(|h| h.rule.category() == "disclose") || has("self.role") || has("self.business") || has("self.we_sell");
        let mut rule_ids: Vec<&'static str> = Vec::new();
        let mut categories: Vec<&'static str> = Vec::new();
        for h in &hits {
            // Answering first depends on the thread: it reaches the verdict only as `answered`,
            // so P(commercial) stays a function of the reply alone.
            if h.rule.id == "helpful.answer_first" {
                continue;
            }
            // The person's own phrases were never in any training case: they count as saying it is your business.
            let id = if h.rule.id == "self.user_phrase" { "self.business" } else { h.rule.id };
            if !rule_ids.contains(&id) {
                rule_ids.push(id);
            }
            if !categories.contains(&h.rule.category()) {
                categories.push(h.rule.category());
            }
        }
        let relevance = relevance(&norm.text, &stems, thread);
        ReplySide { norm, stems, hits, hand_hits, masked, rule_ids, categories, answered, disclosed, relevance }
    }

    /// The learned verdict's inputs for one reply (also what the trainer fits on).
    pub(crate) fn verdict_inputs<'a>(&self, model: &Model, thread: &'a AnalyzedThread, side: &'a ReplySide) -> (learned::ReplyAnswer, Asked<'a>, learned::VerdictInputs) {
        let masked = |s: usize, e: usize| side.masked.iter().any(|&(a, b)| s < b && a < e);
        let f = learned::reply_features(&side.norm.text, &side.rule_ids, &masked);
        let spans: Vec<(usize, usize)> = side.hits.iter().filter(|h| h.rule.kind == Kind::Signal).map(|h| (h.start, h.end)).collect();
        let answer = learned::commercial(model, &f, &side.rule_ids, &spans);
        let enabled = |id: &str| self.config.enabled(id);
        let asked = thread.asked(model, &side.norm.text, &enabled);
        let inputs = learned::VerdictInputs {
            c: answer.p,
            h: answer.hard,
            invited: asked.invited,
            refused: asked.refused,
            relevance: f32::from(side.relevance) / 100.0,
            answered: side.answered,
            empty: !thread.has_text,
            disclosed: side.disclosed,
            short: answer.words <= 5,
        };
        (answer, asked, inputs)
    }

    fn score_learned(&self, model: &Model, thread: &AnalyzedThread, reply: &str) -> Report {
        let side = self.reply_side(thread, reply);
        let (answer, asked, inputs) = self.verdict_inputs(model, thread, &side);
        let x = learned::verdict_vector(&inputs, &side.categories);
        let (z, _) = learned::verdict_logit(model, &x);
        let (_, raw) = learned::points(model, z);
        let score = raw.round().clamp(0.0, 100.0) as u8;
        let level = self.level_at(score);
        // Each rule's weight: its contribution to the commercial answer's logit, in tenths
        // (first hit of a rule only; a selling signal that adds anything shows at least 1).
        let mut counted: Vec<&str> = Vec::new();
        let weights: Vec<i32> = side
            .hits
            .iter()
            .map(|h| {
                let id = if h.rule.id == "self.user_phrase" { "self.business" } else { h.rule.id };
                if counted.contains(&id) {
                    return 0;
                }
                counted.push(id);
                let w = answer.rule_contributions.iter().find(|(r, _)| *r == id).map_or(0.0, |(_, w)| *w) * POINTS_PER_LOGIT;
                if h.rule.kind == Kind::Signal && w > 0.0 { (w.round() as i32).max(1) } else { w.round() as i32 }
            })
            .collect();
        let mut signals = to_signals(reply, &side.norm, &side.hits, &weights);
        if self.config.enabled(LEARNED_PHRASE.id) {
            let phrase_hits: Vec<Hit> = answer.phrases.iter().map(|&(s, e, _)| Hit { rule: &LEARNED_PHRASE, start: s, end: e }).collect();
            let phrase_weights: Vec<i32> = answer.phrases.iter().map(|p| ((p.2 * POINTS_PER_LOGIT).round() as i32).max(1)).collect();
            signals.extend(to_signals(reply, &side.norm, &phrase_hits, &phrase_weights));
            signals.sort_by_key(|s| (s.start, s.end));
        }
        let ctx = summary::Context {
            level,
            commercial: (answer.p * 100.0).round() as i32,
            invited: asked.invited * 100.0,
            refused: asked.refused * 40.0,
            relevance: side.relevance,
            disclosed: side.disclosed,
            answered: side.answered,
            asks_question: thread.asks_question,
            weighed: &asked.weighed,
        };
        Report {
            level,
            score,
            pitch: (answer.p * 100.0).round().clamp(0.0, 100.0) as u8,
            invited: (asked.invited * 100.0).round().clamp(0.0, 100.0) as u8,
            relevance: side.relevance,
            signals,
            invitations: asked.evidence.clone(),
            summary: ctx.summary(),
            suggestions: ctx.suggestions(&side.hits),
            fixes: Vec::new(),
        }
    }

    /// The hand-tuned scorer.
    fn score_hand(&self, thread: &AnalyzedThread, reply: &str) -> Report {
        let side = self.reply_side(thread, reply);
        let hand = self.hand_verdict(thread, &side);
        let ctx = summary::Context {
            level: hand.level,
            commercial: hand.commercial,
            invited: hand.invited,
            refused: hand.refused,
            relevance: side.relevance,
            disclosed: hand.disclosed,
            answered: hand.answered,
            asks_question: thread.asks_question,
            weighed: &hand.weighed,
        };
        let summary = ctx.summary();
        let suggestions = ctx.suggestions(&hand.hits);
        let signals = to_signals(reply, &side.norm, &hand.hits, &hand.weights);
        let invitations = AnalyzedThread::evidence(&hand.weighed);
        Report {
            level: hand.level,
            score: hand.score,
            pitch: hand.commercial.clamp(0, 100) as u8,
            invited: hand.invited.round().clamp(0.0, 100.0) as u8,
            relevance: side.relevance,
            signals,
            invitations,
            summary,
            suggestions,
            fixes: Vec::new(),
        }
    }

    /// The hand-tuned combination of rule points, from the reply's hits found with the
    /// settings applied (`side.hand_hits`).
    fn hand_verdict<'t>(&self, thread: &'t AnalyzedThread, side: &'t ReplySide) -> HandVerdict<'t> {
        let norm = &side.norm;
        let enabled = |id: &str| self.config.enabled(id);
        let stems = &side.stems;
        let mut hits = side.hand_hits.clone();

        // "Not selling anything" only counts against a reply that then sells.
        let mut weights = first_hit_weights(&hits);
        let selling: i32 = points(&hits, &weights, Kind::Signal, "self.false_disclaimer");
        if selling < CLEARLY_COMMERCIAL {
            hits.retain(|h| h.rule.id != "self.false_disclaimer");
            weights = first_hit_weights(&hits);
        }
        let commercial = points(&hits, &weights, Kind::Signal, "");

        // Answering the question before anything commercial.
        // Answering first earns credit only from an honest seller: one who says who they are,
        // or who doesn't also push a private channel, a link or a code.
        let pushes_channel = hits.iter().any(|h| matches!(h.rule.category(), "contact" | "link") || h.rule.id == "offer.code");
        let discloses = hits.iter().any(|h| matches!(h.rule.category(), "disclose" | "self"));
        let (answer_words, (answer_start, answer_end)) = if commercial > 0 && thread.asks_question && (discloses || !pushes_channel) {
            answer_outside_signals(&norm.text, stems, &hits, thread, discloses)
        } else {
            (0, (0, 0))
        };
        if answer_words > 0 && enabled("helpful.answer_first") {
            if let Some(rule) = rules::by_id("helpful.answer_first") {
                let w = if answer_words >= 20 { rule.weight * 3 / 2 } else { rule.weight };
                hits.push(Hit { rule, start: answer_start, end: answer_end });
                weights.push(w);
            }
        }
        let mitigation: i32 = if commercial > 0 { points(&hits, &weights, Kind::Mitigation, "").max(-(commercial * 3 / 4)) } else { 0 };

        let relevance = side.relevance;
        let weighed = thread.weigh(&norm.text, &enabled);
        let (invited, refused) = AnalyzedThread::strength(&weighed);
        let has = |id: &str| hits.iter().any(|h| h.rule.id == id);
        let disclosed = hits.iter().any(|h| h.rule.category() == "disclose") || has("self.role") || has("self.business") || has("self.we_sell");
        let affiliated = disclosed || hits.iter().any(|h| h.rule.category() == "self");
        let answered = answer_words > 0 || has("helpful.alternatives");

        // A private channel alone ("DM me, I want all the details!", "DM me if you want to
        // talk") is not selling; with anything else commercial it is part of the sale.
        let private_channel: i32 = hits.iter().zip(&weights).filter(|(h, _)| matches!(h.rule.id, "contact.dm" | "contact.email")).map(|(_, w)| *w).sum();
        let selling = if commercial - private_channel >= 8 { commercial } else { commercial - private_channel };
        let mut base = (commercial + mitigation) as f32;
        if commercial >= 15 && selling >= 8 {
            base += refused;
            if thread.asks_question && !answered && invited < 30.0 {
                base += 12.0; // Sells instead of answering what was asked.
            }
            if !thread.asks_question && invited < 30.0 {
                base += 12.0; // An offer under a story, a celebration, a vent or an announcement.
            }
            if relevance < 10 && thread.has_text && !answered && invited < 30.0 {
                base += 10.0; // Ignores what the thread is about.
            }
        }
        // How much an invitation forgives depends only on the reply, so a request in the
        // thread can only ever lower the score: an honest, disclosed offer is forgiven most;
        // an undisclosed landing link or code, or a different product than asked for, least.
        let hard_sell = hits.iter().any(|h| h.rule.category() == "link" || matches!(h.rule.id, "offer.code" | "cta.arrow"));
        let promo_thread = AnalyzedThread::invites_promotion(&weighed);
        let pushy = hits.iter().any(|h| matches!(h.rule.id, "offer.urgency" | "money.scheme" | "recruit.team" | "claim.results"));
        let forgiveness: f32 = if has("cta.redirect") || hard_sell && !disclosed && !has("personal.experience") && !promo_thread {
            0.45
        } else if disclosed || promo_thread {
            0.85 // An honest offer, or the thread asked for links and shops.
        } else {
            0.55
        };
        let forgiveness = if pushy { forgiveness.min(0.55) } else { forgiveness };
        let mut score = base * (1.0 - invited / 100.0 * forgiveness);

        let (caution_at, _) = self.cuts();
        let free_project = has("helpful.free_project") && !hits.iter().any(|h| h.rule.category() == "offer");
        let says_affiliation = has("disclose.affiliation") || has("disclose.owner");
        let talks_out_of_it = has("helpful.discourage");
        let uninvited_business = affiliated && invited < ASKED && (commercial >= 10 || says_affiliation && !free_project) && !talks_out_of_it;
        // Little more than an unexplained link, wherever it is posted (so a request in the
        // thread can never raise it): worth a second look unless the thread asked for links.
        let bare_link = has("link.bare") && !disclosed && !has("personal.experience") && !promo_thread;
        // An affiliate tag nobody was told about earns the writer money: worth a second look anywhere.
        let hidden_affiliate = (has("link.affiliate") || has("offer.referral")) && !hits.iter().any(|h| matches!(h.rule.id, "disclose.self" | "disclose.affiliation"));
        if commercial >= CLEARLY_COMMERCIAL && selling >= 8 && invited < ASKED && !talks_out_of_it || uninvited_business || bare_link || hidden_affiliate {
            score = score.max(caution_at); // Commercial and not plainly invited: worth a second look.
        }
        let score = score.round().clamp(0.0, 100.0) as u8;
        HandVerdict { score, level: self.level_at(score), commercial, invited, refused, disclosed, answered, hits, weights, weighed }
    }

    /// The cuts at this sensitivity: (caution at, pitch at), in score points.
    fn cuts(&self) -> (f32, f32) {
        let shift = self.config.sensitivity;
        let caution_at = (CAUTION_AT - shift).max(5);
        (caution_at as f32, (PITCH_AT - shift).max(caution_at + 5) as f32)
    }

    /// The level a score reaches at this sensitivity.
    fn level_at(&self, score: u8) -> Level {
        let (caution_at, pitch_at) = self.cuts();
        if f32::from(score) >= pitch_at {
            Level::Pitch
        } else if f32::from(score) >= caution_at {
            Level::Caution
        } else {
            Level::Ok
        }
    }

    /// Every signal and mitigation in the reply, searched for once: first with every rule on
    /// (the learned scorer mutes rules itself, dropping their words too), then with the
    /// settings applied (the hand-tuned score). Both without quoted or criticised hits, in
    /// text order.
    fn find_signals(&self, norm: &Normalized, reply: &str, thread: &AnalyzedThread, stems: &[(usize, usize)]) -> (Vec<Hit>, Vec<Hit>) {
        let any = |_: &str| true;
        let mut found = Vec::new();
        let to_original = |s: usize, e: usize| norm.original_range(s, e);
        rules::reply_rules().find_all(&norm.text, reply, &to_original, &any, &mut found);
        for link in find_links(&norm.text) {
            let id = match link.class {
                LinkClass::Store => "link.store",
                LinkClass::Affiliate => "link.affiliate",
                LinkClass::Profile => "link.profile",
                LinkClass::Shortener => "link.shortener",
                LinkClass::Site => "link.site",
                LinkClass::Reference => continue,
            };
            push_computed(&mut found, id, link.start, link.end, &any);
        }
        let mut later = Vec::new();
        for (s, e, brand) in find_handles(&norm.text, &thread.authors) {
            if brand {
                push_computed(&mut later, "link.handle", s, e, &any);
            }
        }
        for p in &self.phrases {
            for (at, m) in norm.text.match_indices(p.as_str()).take(rules::MAX_HITS_PER_RULE) {
                push_computed(&mut later, "self.user_phrase", at, at + m.len(), &any);
            }
        }
        let quoted = quoted_ranges(&norm.text);
        let enabled = |id: &str| self.config.enabled(id);
        let hits_with = |on: &dyn Fn(&str) -> bool| {
            let mut hits: Vec<Hit> = found.iter().filter(|h| on(h.rule.id)).copied().collect();
            // A reply that is little more than a link: say why, and whose it is.
            if let Some(link) = hits.iter().find(|h| h.rule.category() == "link") {
                let (s, e) = (link.start, link.end);
                if stems.iter().filter(|(at, _)| *at < s || *at >= e).count() <= 5 {
                    push_computed(&mut hits, "link.bare", s, e, on);
                }
            }
            hits.extend(later.iter().filter(|h| on(h.rule.id)));
            // Computed-only rules must not linger from pattern matching.
            hits.retain(|h| h.rule.check != Check::Computed || h.end > h.start);
            drop_quoted_and_criticised(&norm.text, &quoted, &mut hits);
            hits.sort_by_key(|h| (h.start, h.end));
            hits
        };
        (hits_with(&any), hits_with(&enabled))
    }
}

/// The hand-tuned score and what it was made of.
struct HandVerdict<'t> {
    score: u8,
    level: Level,
    commercial: i32,
    invited: f32,
    refused: f32,
    disclosed: bool,
    answered: bool,
    hits: Vec<Hit>,
    weights: Vec<i32>,
    weighed: Vec<(&'t crate::thread::Found, f32)>,
}

/// One-shot analysis with a config.
pub fn analyze(case: &Case, config: &Config) -> Result<Report, Error> {
    Ok(Analyzer::new(config.clone())?.analyze(case))
}

fn push_computed(hits: &mut Vec<Hit>, id: &str, start: usize, end: usize, enabled: &dyn Fn(&str) -> bool) {
    if enabled(id) {
        if let Some(rule) = rules::by_id(id) {
            hits.push(Hit { rule, start, end });
        }
    }
}

/// Points per hit: the first hit of each rule counts; repeats are shown but add nothing.
fn first_hit_weights(hits: &[Hit]) -> Vec<i32> {
    let mut counted: Vec<&'static str> = Vec::new();
    hits.iter()
        .map(|h| {
            if counted.contains(&h.rule.id) {
                0
            } else {
                counted.push(h.rule.id);
                h.rule.weight
            }
        })
        .collect()
}

/// Sum of the points of one kind of hit, leaving out one rule id (or none with "").
fn points(hits: &[Hit], weights: &[i32], kind: Kind, skip: &str) -> i32 {
    hits.iter().zip(weights).filter(|(h, _)| h.rule.kind == kind && h.rule.id != skip).map(|(_, w)| *w).sum()
}

/// Removes hits inside quotes ('…', "…", lines starting with '>') or after criticism
/// in the same sentence ("I hate when people say DM me").
fn drop_quoted_and_criticised(norm: &str, quoted: &[(usize, usize)], hits: &mut Vec<Hit>) {
    hits.retain(|h| {
        let inside = quoted.iter().any(|&(s, e)| h.start >= s && h.end <= e);
        if inside && h.rule.kind == Kind::Signal {
            return false;
        }
        if h.rule.kind != Kind::Signal {
            return true;
        }
        let from = rules::sentence_start(norm, h.start);
        !criticism().is_match(&norm[from..h.start])
    });
}

fn criticism() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    R.get_or_init(|| {
        rules::ascii_regex(r"\b(?:hate|hates|annoying|annoyed|sick\s+of|tired\s+of|can'?t\s+stand|nothing\s+worse|(?:people|accounts|bots|brands)\s+who\s+(?:say|post|comment|spam|reply|write|drop|send)|when\s+(?:people|someone|brands|accounts|bots)\s+(?:say|post|comment|spam|reply|write|drop|send)|replies\s+like|comments\s+like|someone\s+(?:replied|commented|wrote|said)|beware|psa|scam|spam|the\s+worst)\b")
    })
}

/// Byte ranges of quoted text: "…", '…' (not apostrophes), and lines starting with '>'.
fn quoted_ranges(norm: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in norm.split_inclusive('\n') {
        if line.trim_start().starts_with('>') {
            out.push((line_start, line_start + line.len()));
        }
        let b = line.as_bytes();
        for quote in [b'"', b'\''] {
            let mut open: Option<usize> = None;
            for i in 0..b.len() {
                if b[i] != quote {
                    continue;
                }
                let before = if i == 0 { b' ' } else { b[i - 1] };
                let after = b.get(i + 1).copied().unwrap_or(b' ');
                match open {
                    None if quote == b'"' || !before.is_ascii_alphanumeric() && after != b' ' => open = Some(i),
                    Some(s) if quote == b'"' || !after.is_ascii_alphanumeric() && before != b' ' => {
                        out.push((line_start + s, line_start + i + 1));
                        open = None;
                    }
                    _ => {}
                }
            }
        }
        line_start += line.len();
    }
    out
}

/// The answer in the reply's sentences that sell nothing: its content-word count (0 when too
/// short, or off the thread's topic for a seller who hasn't said who they are) and where the
/// first such stretch ends (normalised bytes), for highlighting.
fn answer_outside_signals(norm: &str, stems: &[(usize, usize)], hits: &[Hit], thread: &AnalyzedThread, discloses: bool) -> (usize, (usize, usize)) {
    let mut selling: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| h.rule.kind == Kind::Signal)
        .map(|h| (rules::sentence_start(norm, h.start), rules::sentence_end(norm, h.end)))
        .collect();
    selling.sort_unstable();
    let (mut words, mut on_topic, mut at, mut first) = (0usize, 0usize, 0usize, None);
    // Stems and stretches are both in text order: one cursor walks the stems once.
    let mut next_stem = 0;
    for &(s, e) in selling.iter().chain(std::iter::once(&(norm.len(), norm.len()))) {
        if s > at {
            let stretch = &norm[at..s];
            let before = words;
            while next_stem < stems.len() && stems[next_stem].0 < at {
                next_stem += 1;
            }
            while next_stem < stems.len() && stems[next_stem].0 < s {
                words += 1;
                let (ss, se) = stems[next_stem];
                on_topic += usize::from(thread.topic.contains_key(&norm[ss..se]));
                next_stem += 1;
            }
            if first.is_none() && words > before {
                let lead = stretch.len() - stretch.trim_start().len();
                first = Some((at + lead, at + stretch.trim_end().len()));
            }
        }
        at = at.max(e);
    }
    let enough = words >= 4 && (on_topic >= 1 || discloses || words >= 10);
    match first {
        Some(span) if enough => (words, span),
        _ => (0, (0, 0)),
    }
}

/// How much the reply's content words are the thread's (0–100).
fn relevance(norm: &str, stems: &[(usize, usize)], thread: &AnalyzedThread) -> u8 {
    let mut seen = crate::thread::WordSet::default();
    let mut overlap = 0.0f32;
    for &(start, end) in stems {
        let s = &norm[start..end];
        if seen.len() > 5000 {
            break;
        }
        if seen.insert(s) {
            overlap += thread.topic.get(s).copied().unwrap_or(0.0);
        }
    }
    if seen.is_empty() {
        return 0;
    }
    let expected = (seen.len() as f32 * 0.35).max(2.0);
    (overlap / expected * 100.0).round().clamp(0.0, 100.0) as u8
}

/// Converts hits to report signals with UTF-16 offsets (one pass over the reply).
fn to_signals(reply: &str, norm: &Normalized, hits: &[Hit], weights: &[i32]) -> Vec<Signal> {
    let spans: Vec<(usize, usize)> = hits.iter().map(|h| trim_span(reply, norm.original_range(h.start, h.end))).collect();
    let mut offsets: Vec<usize> = spans.iter().flat_map(|&(s, e)| [s, e]).collect();
    Utf16Map::convert(reply, &mut offsets);
    hits.iter()
        .zip(weights)
        .enumerate()
        // A span that trims to nothing (only punctuation) points at nothing: leave it out.
        .filter(|(k, _)| spans[*k].0 < spans[*k].1)
        .map(|(k, (h, &w))| Signal {
            rule: h.rule.id.to_string(),
            category: h.rule.category().to_string(),
            start: offsets[2 * k],
            end: offsets[2 * k + 1],
            text: reply[spans[k].0..spans[k].1].to_string(),
            weight: w,
            message: h.rule.message.to_string(),
        })
        .collect()
}

/// Trims whitespace and stray punctuation from the ends of a span of the original text.
fn trim_span(reply: &str, (s, e): (usize, usize)) -> (usize, usize) {
    let slice = &reply[s..e];
    let trimmed = slice.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let s2 = s + (slice.len() - trimmed.len());
    let trimmed = trimmed.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '!' | '?' | ':' | ';'));
    (s2, s2 + trimmed.len())
}
