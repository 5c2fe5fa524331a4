//! Reading the thread once: who asked for what, where, and what the thread is about.
//!
//! Invitations and refusals are weighted by closeness to the reply: the message being
//! replied to counts fully, the post and title nearly so, other comments only a little
//! (an offer belongs under the comment that asked for it).

use crate::learned::{self, model::Model, MessageAsks};
use crate::rules::{self, Hit, Kind, Rule};
use crate::text::{Normalized, Utf16Map};
use crate::{Invitation, Thread};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: a small, fast hash for short words (the std default is built to resist attacks
/// on long-lived servers, which a per-keystroke word set does not need).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Hash maps and sets keyed by words.
pub(crate) type WordMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;
pub(crate) type WordSet<'a> = HashSet<&'a str, BuildHasherDefault<Fnv>>;

/// How much a request counts, by where it was made.
const IN_PARENT: f32 = 1.0;
const IN_TITLE: f32 = 0.9;
const IN_POST: f32 = 0.9;
const ELSEWHERE: f32 = 0.25;
/// A request elsewhere that the reply explicitly answers ("re the chain question above").
const ELSEWHERE_REFERENCED: f32 = 0.6;
/// Topic weight of words in comments other than the post, title and parent.
const OTHER_TOPIC_WEIGHT: f32 = 0.4;

/// Evidence found in the thread.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub rule: &'static Rule,
    /// Message index, or -1 for the title.
    pub message: i64,
    /// Closeness factor (0–1) before any reference from the reply.
    pub closeness: f32,
    /// The evidence as reported (UTF-16 offsets into that message).
    pub evidence: Invitation,
}

/// A thread read once, ready to score replies against.
#[derive(Debug, Clone, Default)]
pub struct AnalyzedThread {
    pub(crate) found: Vec<Found>,
    /// Content-word stems and how central they are to the thread (0–1).
    pub(crate) topic: WordMap<f32>,
    /// Authors, normalised, by message index.
    pub(crate) authors: Vec<String>,
    /// The names a reply can point at a message with (see `refers_to`): each author's first
    /// word when it has 3 or more chars, and the author's whole name with it.
    pub(crate) names: HashSet<String, BuildHasherDefault<Fnv>>,
    /// The title, post or parent asks something (so a reply can answer it).
    pub(crate) asks_question: bool,
    /// The thread has any text at all.
    pub(crate) has_text: bool,
    /// The message replied to (None when the thread has no messages).
    pub(crate) parent: Option<usize>,
    /// What each message asks, as the invitation model reads it (empty without a model).
    pub(crate) learned: Vec<LearnedMessage>,
    /// The title, normalised, and the thread rules that fired in it (read again with the post,
    /// as one text, the way the invitation model was trained).
    pub(crate) title_read: Option<(String, Vec<&'static str>, Vec<(usize, usize)>)>,
    /// A discussion rule fired in the title (the post is read with it).
    pub(crate) title_discussion: bool,
}

/// One message as the invitation model read it.
#[derive(Debug, Clone)]
pub(crate) struct LearnedMessage {
    /// Message index, or -1 for the title.
    pub message: i64,
    /// Closeness factor before any reference from the reply (IN_PARENT, IN_POST, IN_TITLE, ELSEWHERE).
    pub closeness: f32,
    pub asks: MessageAsks,
    /// The window behind `asks.offers`, as reported (UTF-16 offsets into the message).
    pub offers_evidence: Invitation,
    /// The sentence behind `asks.refuses`.
    pub refuses_evidence: Option<Invitation>,
    /// A discussion rule (a question for opinions or a comparison) fired in the message, or,
    /// for the post, in the title read with it.
    pub discussion: bool,
}

/// The thread's answer to "did it ask?", for one reply.
#[derive(Debug, Clone, Default)]
pub(crate) struct Asked<'a> {
    /// 0–1: how much the thread invited an offer where the reply is posted.
    pub invited: f32,
    /// 0–1: how strongly it refused offers.
    pub refused: f32,
    /// The thread spans behind it, nearest first.
    pub evidence: Vec<Invitation>,
    /// The rule evidence with its closeness to the reply (for the summary).
    pub weighed: Vec<(&'a Found, f32)>,
}

impl AnalyzedThread {
    /// Reads `thread`. Linear in its total length. `enabled`: the settings; a muted thread
    /// rule is no feature of the invitation model, and the words it matched are not read.
    pub(crate) fn new(thread: &Thread, model: Option<&Model>, enabled: &dyn Fn(&str) -> bool) -> AnalyzedThread {
        let parent = thread.parent_index();
        let authors: Vec<String> = thread.messages.iter().map(|m| Normalized::new(m.author.trim_start_matches('@')).text).collect();
        let mut names = HashSet::default();
        for a in &authors {
            if let Some(first) = author_first_name(a) {
                names.insert(first.to_string());
                names.insert(a.clone());
            }
        }
        let mut t = AnalyzedThread { authors, names, parent, ..AnalyzedThread::default() };
        if let Some(title) = thread.title.as_deref() {
            t.read(-1, title, IN_TITLE, model, enabled);
        }
        for (i, m) in thread.messages.iter().enumerate() {
            let closeness = if Some(i) == parent {
                IN_PARENT
            } else if i == 0 {
                IN_POST
            } else {
                ELSEWHERE
            };
            t.read(i as i64, &m.text, closeness, model, enabled);
        }
        t
    }

    fn read(&mut self, index: i64, text: &str, closeness: f32, model: Option<&Model>, enabled: &dyn Fn(&str) -> bool) {
        if text.trim().is_empty() {
            return;
        }
        self.has_text = true;
        let norm = Normalized::new(text);
        let near = closeness >= IN_POST;
        if near && asks_question(&norm.text) {
            self.asks_question = true;
        }
        let topic_weight = if near { 1.0 } else { OTHER_TOPIC_WEIGHT };
        for stem in content_stems(&norm.text) {
            match self.topic.get_mut(stem) {
                Some(w) => *w = w.max(topic_weight),
                None => {
                    self.topic.insert(stem.to_string(), topic_weight);
                }
            }
        }
        let mut hits: Vec<Hit> = Vec::new();
        let to_original = |s: usize, e: usize| norm.original_range(s, e);
        rules::thread_rules().find_all(&norm.text, text, &to_original, &|_| true, &mut hits);
        if let Some(model) = model {
            self.read_learned(model, index, text, &norm, closeness, &hits, enabled);
        }
        // Discussion questions are the invitation model's evidence only, never the report's.
        hits.retain(|h| h.rule.kind != Kind::Discussion);
        if hits.is_empty() {
            return;
        }
        let mut offsets: Vec<usize> = Vec::with_capacity(hits.len() * 2);
        let mut ranges = Vec::with_capacity(hits.len());
        for h in &hits {
            let (s, e) = norm.original_range(h.start, h.end);
            ranges.push((s, e));
            offsets.push(s);
            offsets.push(e);
        }
        Utf16Map::convert(text, &mut offsets);
        for (k, h) in hits.iter().enumerate() {
            let (s, e) = ranges[k];
            self.found.push(Found {
                rule: h.rule,
                message: index,
                closeness,
                evidence: Invitation {
                    rule: h.rule.id.to_string(),
                    message: index,
                    start: offsets[2 * k],
                    end: offsets[2 * k + 1],
                    text: text[s..e].to_string(),
                },
            });
        }
    }

    fn read_learned(&mut self, model: &Model, index: i64, text: &str, norm: &Normalized, closeness: f32, hits: &[Hit], enabled: &dyn Fn(&str) -> bool) {
        let spans: Vec<(usize, usize, &'static str)> = hits.iter().filter(|h| enabled(h.rule.id)).map(|h| (h.start, h.end, h.rule.id)).collect();
        let muted: Vec<(usize, usize)> = hits.iter().filter(|h| !enabled(h.rule.id)).map(|h| (h.start, h.end)).collect();
        if index == -1 {
            self.title_read = Some((norm.text.clone(), spans.iter().map(|h| h.2).collect(), muted.clone()));
        }
        let title = if index == 0 { self.title_read.as_ref().map(|(t, ids, m)| (t.as_str(), ids.as_slice(), m.as_slice())) } else { None };
        let asks = learned::read_message(model, &norm.text, &spans, &muted, title);
        let discussion = hits.iter().any(|h| h.rule.kind == Kind::Discussion && enabled(h.rule.id));
        if index == -1 {
            self.title_discussion = discussion;
        }
        let discussion = discussion || (index == 0 && self.title_discussion);
        // The evidence is the window behind the strongest reading, or the whole message when
        // that read strongest (or no window did).
        let window = if asks.offers_single > asks.offers { (asks.offers_single, asks.offers_single_span) } else { (asks.offers, asks.offers_span) };
        let span = if asks.whole > window.0 || window.1 .0 >= window.1 .1 { (0, norm.text.len()) } else { window.1 };
        let (os, oe) = norm.original_range(span.0, span.1);
        let (rs, re) = norm.original_range(asks.refuses_span.0, asks.refuses_span.1);
        let mut offsets = [os, oe, rs, re];
        Utf16Map::convert(text, &mut offsets);
        let evidence = |rule: &str, s: usize, e: usize, u: (usize, usize)| {
            let piece = text[s..e].trim();
            let lead = text[s..e].len() - text[s..e].trim_start().len();
            let start16 = u.0 + text[s..s + lead].encode_utf16().count();
            Invitation { rule: rule.to_string(), message: index, start: start16, end: start16 + piece.encode_utf16().count(), text: piece.to_string() }
        };
        let offers_evidence = evidence("learned.offers", os, oe, (offsets[0], offsets[1]));
        let refuses_evidence = (asks.refuses > 0.0).then(|| evidence("learned.refuses", rs, re, (offsets[2], offsets[3])));
        self.learned.push(LearnedMessage { message: index, closeness, asks, offers_evidence, refuses_evidence, discussion });
    }

    /// Did the thread ask for offers where this reply is posted? Each message's strongest
    /// request (the invitation model, or a request rule) counts by closeness: the parent most,
    /// then post and title, another comment little unless the reply points at it. A request
    /// followed by a "found one, thanks" counts little. Only ever more than a request adds.
    pub(crate) fn asked<'a>(&'a self, model: &Model, reply_norm: &'a str, enabled: &dyn Fn(&str) -> bool) -> Asked<'a> {
        let refers = self.refers_to(reply_norm);
        let weighed = self.weigh_with(&refers, enabled);
        let floor = model.reader("floor").clamp(0.0, 0.9);
        let saturate = model.reader("saturate").max(floor + 0.05);
        let closed_discount = model.reader("closed_discount");
        // The title belongs to the post: it is as close as the post is.
        let replying_to_post = self.parent.is_none_or(|p| p == 0);
        // The reader's constants, looked up once (not once per message).
        let [parent, title, post, referenced_near, other] = ["parent", "title", "post", "referenced", "other"].map(|n| model.reader(n));
        let (window, single, discussion) = (model.reader("window"), model.reader("single"), model.reader("discussion"));
        let closeness_of = |m: &LearnedMessage, referenced: bool| -> f32 {
            let c = m.closeness;
            if c == IN_PARENT || (m.message == -1 && replying_to_post) {
                parent
            } else if m.message == -1 {
                title
            } else if c == IN_POST {
                post
            } else if referenced {
                referenced_near
            } else {
                other
            }
        };
        // A request is filled when the person who asked says so ("found one, thanks"):
        // a "thanks!" from someone else closes nothing. Unknown authors match anyone.
        let closings: Vec<i64> = weighed
            .iter()
            .filter(|(f, _)| f.rule.id == "refuse.closed")
            .map(|(f, _)| f.message)
            .chain(self.learned.iter().filter(|m| m.asks.closed >= 0.5).map(|m| m.message))
            .collect();
        let author_of = |message: i64| -> &str {
            let i = if message < 0 { 0 } else { message as usize };
            self.authors.get(i).map_or("", String::as_str)
        };
        let closed_later = |request: i64| {
            closings.iter().any(|&c| c >= request && {
                let (a, b) = (author_of(request), author_of(c));
                a.is_empty() || b.is_empty() || a == b
            })
        };
        let mut out = Asked::default();
        // The learned spans behind the answer, by strength; only those reported are copied.
        let mut best: Vec<(f32, &Invitation)> = Vec::new();
        // Rule evidence and learned messages are both in message order (title, then each
        // message): one cursor walks the evidence once, whatever the thread's size.
        debug_assert!(weighed.windows(2).all(|w| w[0].0.message <= w[1].0.message));
        let mut next = 0;
        for m in &self.learned {
            while next < weighed.len() && weighed[next].0.message < m.message {
                next += 1;
            }
            let in_message = || weighed[next..].iter().take_while(|(f, _)| f.message == m.message);
            let rule = in_message()
                .filter(|(f, _)| f.rule.kind == Kind::Invitation)
                // A request rule at 80 or more ("in the market for", "can anyone recommend") is a full request.
                .map(|(f, _)| f.rule.weight as f32 / 80.0)
                .fold(0.0f32, f32::max);
            let refusal_rule = in_message()
                .filter(|(f, _)| f.rule.kind == Kind::Refusal && f.rule.id != "refuse.closed")
                .map(|(f, _)| f.rule.weight as f32 / 25.0)
                .fold(0.0f32, f32::max);
            let referenced = m.closeness == ELSEWHERE && m.message >= 0 && refers(m.message as usize);
            let near = closeness_of(m, referenced);
            let closed = closed_later(m.message);
            // Below `floor` a message asks nothing; from `saturate` on it is a full request.
            let read = |p: f32| ((p - floor) / (saturate - floor)).clamp(0.0, 1.0);
            // The whole message says whether it asks; its windows (read with less context) add
            // a share, for a request buried in a long post.
            let learned = read(m.asks.whole).max(read(m.asks.offers) * window).max(read(m.asks.offers_single) * single * window);
            // A discussion question with no request rule: the policy says it asks for no offers.
            let learned = if m.discussion && rule == 0.0 { learned * discussion } else { learned };
            let strength = learned.max(rule).min(1.0) * if closed { closed_discount } else { 1.0 };
            let invited = near * strength;
            if invited > out.invited {
                out.invited = invited;
            }
            if strength >= 0.5 {
                best.push((invited, &m.offers_evidence));
            }
            let refused = m.asks.refuses.max(refusal_rule).min(1.0) * if m.closeness >= IN_POST { 1.0 } else { 0.3 };
            out.refused = out.refused.max(refused);
            if let Some(ev) = &m.refuses_evidence {
                best.push((refused, ev));
            }
        }
        // A refusal in the parent, post or title ("no selling in the comments") cancels
        // (part of) a request: the page said where offers go.
        out.invited = (out.invited * (1.0 - model.reader("refusal").clamp(0.0, 1.0) * out.refused)).clamp(0.0, 1.0);
        best.sort_by(|a, b| b.0.total_cmp(&a.0));
        // Rule evidence first (it names the rule), then the learned spans, at most 32 in all.
        out.evidence = AnalyzedThread::evidence(&weighed);
        for (_, ev) in best {
            if out.evidence.len() >= 32 {
                break;
            }
            out.evidence.push(ev.clone());
        }
        out.weighed = weighed;
        out
    }

    /// Does the reply point at message `i` ("@name", "re the … question above")? The reply's
    /// words are read once, and only if some message other than the parent or post is asked about.
    fn refers_to<'a>(&'a self, reply_norm: &'a str) -> impl Fn(usize) -> bool + 'a {
        let other_question = std::cell::OnceCell::new();
        // The thread's names that the reply says (usually none): each word looked up once.
        let named: std::cell::OnceCell<WordSet> = std::cell::OnceCell::new();
        move |i: usize| {
            *other_question.get_or_init(|| refers_to_other_question(reply_norm))
                || self.authors.get(i).is_some_and(|a| {
                    let named = named.get_or_init(|| reply_norm.split(|c: char| !c.is_alphanumeric() && c != '.' && c != '_').filter(|w| self.names.contains(*w)).collect());
                    !named.is_empty() && author_first_name(a).is_some_and(|first| named.contains(first) || named.contains(a.as_str()))
                })
        }
    }

    /// Invitations and refusals with their effective closeness given the reply: a request
    /// elsewhere counts more when the reply points at it ("@name", "re the … question above").
    /// Computed once per score; the reply is read once, whatever the thread's size.
    pub(crate) fn weigh<'a>(&'a self, reply_norm: &'a str, enabled: &dyn Fn(&str) -> bool) -> Vec<(&'a Found, f32)> {
        self.weigh_with(&self.refers_to(reply_norm), enabled)
    }

    /// `weigh`, with the reply's references to other messages already read.
    fn weigh_with<'a>(&'a self, refers: &dyn Fn(usize) -> bool, enabled: &dyn Fn(&str) -> bool) -> Vec<(&'a Found, f32)> {
        self.found
            .iter()
            .filter(|f| enabled(f.rule.id))
            .map(|f| {
                let referenced = f.closeness == ELSEWHERE && f.message >= 0 && refers(f.message as usize);
                (f, if referenced { ELSEWHERE_REFERENCED } else { f.closeness })
            })
            .collect()
    }

    /// The evidence to report: everything near the reply, then other messages, at most
    /// `MAX_REPORTED` (a 10,000-message thread must not make every keystroke's report huge).
    pub(crate) fn evidence(weighed: &[(&Found, f32)]) -> Vec<Invitation> {
        const MAX_REPORTED: usize = 32;
        let near = weighed.iter().filter(|(_, c)| *c >= IN_POST);
        let far = weighed.iter().filter(|(_, c)| *c < IN_POST);
        near.chain(far).take(MAX_REPORTED).map(|(f, _)| f.evidence.clone()).collect()
    }

    /// Was the thread made for sharing links and shops (self-promo day, "drop your channel")?
    pub(crate) fn invites_promotion(weighed: &[(&Found, f32)]) -> bool {
        weighed.iter().any(|(f, c)| f.rule.id == "ask.promo_thread" && *c >= IN_POST)
    }

    /// The strongest invitation and refusal, for scoring.
    pub(crate) fn strength(weighed: &[(&Found, f32)]) -> (f32, f32) {
        let mut invited: f32 = 0.0;
        let mut refused: f32 = 0.0;
        // A request answered later ("we've booked someone") no longer invites.
        let closed_after = weighed.iter().filter(|(f, _)| f.rule.id == "refuse.closed").map(|(f, _)| f.message).max();
        for &(f, closeness) in weighed {
            let closed = f.rule.kind == Kind::Invitation && closed_after.is_some_and(|c| c >= f.message);
            let w = f.rule.weight as f32 * closeness * if closed { 0.2 } else { 1.0 };
            match f.rule.kind {
                Kind::Invitation => invited = invited.max(w),
                Kind::Refusal => refused = refused.max(w * if closeness >= IN_POST { 1.0 } else { 0.3 }),
                _ => {}
            }
        }
        (invited.min(100.0), refused)
    }
}

/// An author's first word, when it is long enough (3 chars) to be a name a reply points with.
fn author_first_name(author: &str) -> Option<&str> {
    author.split_whitespace().next().filter(|first| first.chars().count() >= 3)
}

fn refers_to_other_question(reply_norm: &str) -> bool {
    use std::sync::OnceLock;
    static R: OnceLock<regex::Regex> = OnceLock::new();
    R.get_or_init(|| {
        rules::ascii_regex(r"\b(?:re|regarding|as\s+for|about)\s+(?:the|your)\s+(?:\w+\s+){0,2}(?:question|q)\b|\b(?:question|asked)\s+above\b")
    })
    .is_match(reply_norm)
}

/// Does this text ask for something (a question mark, or a request for tips or ideas)?
fn asks_question(norm: &str) -> bool {
    const OPENERS: &[&str] = &["how", "what", "what's", "which", "why", "where", "when", "who", "is", "are", "do", "does", "did", "can", "could", "should", "would", "will", "anyone", "any", "has", "have"];
    let opens_with_question = norm
        .split(['.', '!', '\n'])
        .filter_map(|s| s.split_whitespace().next())
        .any(|w| OPENERS.contains(&w));
    opens_with_question
        || norm.contains('?')
        || norm.contains('¿')
        || ["any tips", "any advice", "any ideas", "tips for", "advice on", "help me", "thoughts", "how do", "what do", "which ", "anyone ", "recommend", "suggest", "tell me"]
            .iter()
            .any(|p| norm.contains(p))
}

/// Common words that say nothing about a topic (English plus a few frequent others).
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "your", "all", "any", "can", "had", "her", "was", "one", "our", "out", "day", "get", "has", "him", "his", "how", "its", "may", "new", "now", "old", "see", "two", "way", "who", "did", "yes", "yet", "she", "too", "use", "that", "with", "have", "this", "will", "from", "they", "know", "want", "been", "good", "much", "some", "time", "very", "when", "come", "here", "just", "like", "long", "make", "many", "more", "only", "over", "such", "take", "than", "them", "well", "were", "what", "there", "their", "about", "would", "these", "other", "which", "could", "should", "think", "thing", "things", "really", "actually", "honestly", "anyone", "everyone", "someone", "something", "anything", "because", "into", "also", "then", "where", "while", "after", "before", "being", "does", "doing", "done", "each", "even", "ever", "every", "first", "going", "got", "great", "lol", "love", "most", "need", "next", "off", "once", "own", "people", "pretty", "same", "still", "sure", "thanks", "thank", "though", "through", "today", "try", "why", "year", "years", "mine", "yours", "ours", "ever", "what's", "it's", "i'm", "don't", "can't", "i've", "you're", "that's", "there's", "let", "via", "per", "off", "getting", "made", "work", "best", "better", "happy", "help", "week", "month", "free", "link", "check", "here's", "les", "des", "une", "est", "pour", "que", "qui", "dans", "pas", "por", "para", "con", "los", "las", "una", "del", "que", "und", "der", "die", "das", "ist", "nicht", "mit", "ein", "eine", "auf", "für", "ich", "wir", "sie", "non", "che", "per", "gli", "della",
];

/// Content-word stems of normalised text: words of 3+ letters, stopwords dropped, crude suffixes cut.
pub(crate) fn content_stems(norm: &str) -> impl Iterator<Item = &str> + '_ {
    static STOP: std::sync::OnceLock<WordSet<'static>> = std::sync::OnceLock::new();
    let stop = STOP.get_or_init(|| STOPWORDS.iter().copied().collect());
    norm.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(move |w| w.len() >= 3 && w.chars().nth(2).is_some() && w.chars().any(|c| c.is_alphabetic()) && !stop.contains(w))
        .map(stem)
}

fn stem(w: &str) -> &str {
    for suffix in ["ing", "ers", "ies", "ed", "es", "er", "ly", "s"] {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) && w.is_char_boundary(w.len() - suffix.len()) {
            return &w[..w.len() - suffix.len()];
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Message;

    #[test]
    fn a_reply_refers_to_a_message_by_its_authors_name() {
        let message = |author: &str| Message { author: author.into(), text: "Anyone know a good ladder?".into() };
        let thread = Thread { title: None, messages: vec![message("@Dana Smith"), message("jo"), message("kayla.m"), message("Ünal")], parent: Some(0) };
        let t = AnalyzedThread::new(&thread, None, &|_| true);
        let refers = |reply: &str| {
            let r = t.refers_to(reply);
            (0..5).map(&r).collect::<Vec<bool>>()
        };
        assert_eq!(refers("thanks dana, and smith too"), [true, false, false, false, false]);
        assert_eq!(refers("@kayla.m try this, ünal"), [false, false, true, true, false]);
        // Names under 3 chars, and parts of words, point at nothing.
        assert_eq!(refers("jo said so, kayla agrees, danas"), [false; 5]);
        assert_eq!(refers(""), [false; 5]);
        assert_eq!(refers("re the ladder question above"), [true; 5]);
    }
}
