//! The rule catalogue: every signal, mitigation, invitation and refusal, as data.
//!
//! A rule is one entry in a file of [`catalog`] (one file per category): a stable dotted
//! id, a kind, a weight, a pattern over normalised text, a plain-English message and
//! suggestion, and examples it must flag and must pass (checked by `tests/rules.rs`).
//! Adding a rule means adding one entry with its examples; nothing else.

pub mod catalog;
mod links;

pub(crate) use links::{find_handles, find_links, LinkClass};

use regex::Regex;
use serde::Serialize;
use std::sync::OnceLock;

/// What a rule looks for, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Evidence in the reply that it is commercial (adds to `pitch`).
    Signal,
    /// Evidence in the reply that lowers the score (disclosure, answering first).
    Mitigation,
    /// Evidence in the thread that offers are welcome.
    Invitation,
    /// Evidence in the thread that offers are unwelcome (refusals, follow-thanks).
    Refusal,
    /// Evidence in the thread that it asks for opinions or comparisons, not for offers: read
    /// only by the invitation model, as a feature (it never invites or refuses by itself).
    Discussion,
}

/// An extra test a match must pass, for what a pattern alone cannot say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The pattern is enough.
    None,
    /// The matched token must be written in capitals with a digit or dash (PEAK10, ERGO-KAT).
    UppercaseCode,
    /// The last word of the match must be written in capitals (COMMENT "RATES").
    UppercaseWord,
    /// The last word of the match must start with a capital (a name: "I own Crumb").
    TitleWord,
    /// Found by code rather than a pattern (links, handles, answering first, user phrases).
    Computed,
}

/// One rule of the catalogue.
#[derive(Debug)]
pub struct Rule {
    /// Stable dotted id; settings and tests refer to it.
    pub id: &'static str,
    /// What it looks for and where.
    pub kind: Kind,
    /// Points added (signal), removed (mitigation, negative), invitation strength, or refusal points.
    pub weight: i32,
    /// Regex over normalised lowercase text; empty for computed rules.
    pub pattern: &'static str,
    /// Regex that cancels a match when found in its sentence (up to shortly after the match).
    pub unless: &'static str,
    /// Extra test on each match.
    pub check: Check,
    /// Plain-English reason.
    pub message: &'static str,
    /// What to do about it; empty when there is nothing to do.
    pub suggestion: &'static str,
    /// Texts it must fire on.
    pub flags: &'static [&'static str],
    /// Close look-alikes it must not fire on.
    pub passes: &'static [&'static str],
}

/// A rule's examples. They are for tests and the CLI; the WebAssembly build leaves them out
/// to stay small (the extension never shows them).
pub(crate) const fn ex(examples: &'static [&'static str]) -> &'static [&'static str] {
    if cfg!(target_arch = "wasm32") {
        &[]
    } else {
        examples
    }
}

impl Rule {
    /// The category: the id up to its first dot.
    pub fn category(&self) -> &'static str {
        self.id.split('.').next().unwrap_or(self.id)
    }
}

/// One rule as the options page and the CLI list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    /// Stable dotted id.
    pub id: &'static str,
    /// Category (the id's first part).
    pub category: &'static str,
    /// What it looks for and where.
    pub kind: Kind,
    /// Points it adds (signals), removes (mitigations), invitation strength or refusal points.
    pub weight: i32,
    /// Plain-English reason shown to the person.
    pub message: &'static str,
    /// What to do about it, when there is something to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<&'static str>,
}

/// Every rule, reply rules first.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    catalog::REPLY.iter().chain(catalog::THREAD.iter()).flat_map(|group| group.iter())
}

/// Finds a rule by id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}

/// The whole catalogue, for the options page and `read-the-room rules`.
pub fn rules() -> Vec<RuleInfo> {
    all()
        .map(|r| RuleInfo {
            id: r.id,
            category: r.category(),
            kind: r.kind,
            weight: r.weight,
            message: r.message,
            suggestion: (!r.suggestion.is_empty()).then_some(r.suggestion),
        })
        .collect()
}

/// A rule with its patterns compiled.
/// Each rule's own regexes are compiled the first time the set says the rule matched, so
/// start-up pays only for the set.
pub(crate) struct Compiled {
    pub rule: &'static Rule,
    pattern: OnceLock<Option<Regex>>,
    unless: OnceLock<Option<Regex>>,
}

/// A match of a rule in a normalised text (byte offsets of the normalised text).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub rule: &'static Rule,
    pub start: usize,
    pub end: usize,
}

/// A table of rules compiled once: a few sets find which patterns match at all, then only
/// those rules' own regexes say where (most replies match a few rules).
pub(crate) struct Table {
    rules: Vec<Compiled>,
    /// The patterns split into parts, each compiled into its own set the first time it is
    /// needed: one set of every pattern took 80 ms to build in a browser, a long task on the
    /// first keystroke; a part takes a few, and [`warm_up`] builds one per step.
    parts: Vec<Part>,
}

/// Some of a table's patterns and their set.
struct Part {
    /// Index into `rules` of each pattern of the part, in the set's order.
    rules: Vec<usize>,
    set: OnceLock<RuleSet>,
}

/// A part holds patterns up to about this many bytes (a longer pattern is a part of its own).
/// Each part costs one more pass over the text. The reply rules run on every keystroke, so
/// their parts are larger (five parts instead of one set cost 6% more instructions per
/// re-score); the thread rules' set is built first, paying the engine's first-use costs
/// too, so its parts are small.
const REPLY_PART_BYTES: usize = 8_000;
const THREAD_PART_BYTES: usize = 3_000;

/// Patterns are written with `\b`, `\s`, `\w`; they are compiled as their ASCII forms, which
/// the regex crate's fast DFA handles on any text (a Unicode `\b` makes it fall back to a
/// slower engine as soon as the text holds one non-ASCII character, such as an emoji, and
/// Unicode classes make the automata ten times larger). Rules match English words and
/// normalised ASCII letters; other scripts are matched by literal words in the patterns.
fn build(pattern: &str) -> Option<Regex> {
    (!pattern.is_empty()).then(|| ascii_regex(pattern))
}

/// Compiles a pattern with ASCII `\b`, `\s` and `\w` (see [`build`]). Patterns are fixed
/// strings of this crate, checked by its tests, so a bad one is a bug caught before release.
pub(crate) fn ascii_regex(pattern: &str) -> Regex {
    Regex::new(&to_ascii_classes(pattern)).expect("catalogue patterns are tested")
}

/// Rewrites `\b`, `\d`, `\w`, `\s` as ASCII forms, inside and outside `[...]` classes.
/// Normalised text has only ' ' and '\n' for spaces (see `text.rs`), so `\s` is just those.
fn to_ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut in_class = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, in_class) {
            ('\\', _) => match chars.next() {
                Some('d') if in_class => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some('w') if in_class => out.push_str("0-9A-Za-z_"),
                Some('s') if in_class => out.push_str("\\n "),
                Some('w') => out.push_str("[0-9A-Za-z_]"),
                Some('s') => out.push_str("[\\n ]"),
                Some('b') if !in_class => out.push_str("(?-u:\\b)"),
                Some('B') if !in_class => out.push_str("(?-u:\\B)"),
                Some('S') if !in_class => out.push_str("[^\\n ]"),
                Some('W') if !in_class => out.push_str("[^0-9A-Za-z_]"),
                Some('D') if !in_class => out.push_str("[^0-9]"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            ('[', false) => {
                in_class = true;
                out.push('[');
                // A leading ']' or '^]' is a literal inside the class.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap_or(']'));
                }
            }
            (']', true) => {
                in_class = false;
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    out
}

impl Table {
    fn new(groups: &'static [&'static [Rule]], part_bytes: usize) -> Table {
        let rules: Vec<Compiled> = groups.iter().flat_map(|g| g.iter()).map(|rule| Compiled { rule, pattern: OnceLock::new(), unless: OnceLock::new() }).collect();
        let mut parts: Vec<Part> = Vec::new();
        let mut bytes = 0;
        for (i, c) in rules.iter().enumerate().filter(|(_, c)| !c.rule.pattern.is_empty()) {
            let len = c.rule.pattern.len();
            match parts.last_mut() {
                Some(part) if bytes + len <= part_bytes => part.rules.push(i),
                _ => {
                    parts.push(Part { rules: vec![i], set: OnceLock::new() });
                    bytes = 0;
                }
            }
            bytes += len;
        }
        Table { rules, parts }
    }

    /// The set of part `k` (built on first use).
    fn set(&self, k: usize) -> &RuleSet {
        let part = &self.parts[k];
        part.set.get_or_init(|| RuleSet::new(part.rules.iter().map(|&i| to_ascii_classes(self.rules[i].rule.pattern)).collect()))
    }

    /// Every hit of every enabled pattern rule in `norm`, in catalogue order.
    pub fn find_all(&self, norm: &str, original: &str, to_original: &dyn Fn(usize, usize) -> (usize, usize), enabled: &dyn Fn(&str) -> bool, out: &mut Vec<Hit>) {
        for (k, part) in self.parts.iter().enumerate() {
            for p in self.set(k).matching(norm) {
                let c = &self.rules[part.rules[p]];
                if enabled(c.rule.id) {
                    c.find(norm, original, to_original, out);
                }
            }
        }
    }
}

/// Which of many patterns match a text, in one forward pass of a lazy DFA. Built from a
/// forward-only automaton without capture states, since it only answers "which": start-up
/// stays short. Each matching rule's own regex then finds where.
struct RuleSet {
    dfa: regex_automata::hybrid::dfa::DFA,
    cache: std::sync::Mutex<regex_automata::hybrid::dfa::Cache>,
}

impl RuleSet {
    fn new(patterns: Vec<String>) -> RuleSet {
        use regex_automata::{hybrid::dfa, nfa::thompson, MatchKind};
        let dfa = dfa::DFA::builder()
            .configure(dfa::Config::new().match_kind(MatchKind::All))
            .thompson(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build_many(&patterns)
            .expect("catalogue patterns are tested");
        let cache = std::sync::Mutex::new(dfa.create_cache());
        RuleSet { dfa, cache }
    }

    /// Indexes of the patterns that match somewhere in `text` (all of them if the lazy DFA
    /// gives up, so a rule is never skipped wrongly).
    fn matching(&self, text: &str) -> Vec<usize> {
        let mut found = regex_automata::PatternSet::new(self.dfa.pattern_len());
        let searched = match self.cache.lock() {
            Ok(mut cache) => self.dfa.try_which_overlapping_matches(&mut cache, &regex_automata::Input::new(text), &mut found).is_ok(),
            Err(_) => false,
        };
        if searched {
            found.iter().map(|p| p.as_usize()).collect()
        } else {
            (0..self.dfa.pattern_len()).collect()
        }
    }
}

/// Reply rules, compiled once per process.
pub(crate) fn reply_rules() -> &'static Table {
    static C: OnceLock<Table> = OnceLock::new();
    C.get_or_init(|| Table::new(catalog::REPLY, REPLY_PART_BYTES))
}

/// Thread rules, compiled once per process.
pub(crate) fn thread_rules() -> &'static Table {
    static C: OnceLock<Table> = OnceLock::new();
    C.get_or_init(|| Table::new(catalog::THREAD, THREAD_PART_BYTES))
}

/// Rules whose own regexes one [`warm_up`] step compiles.
const WARM_RULES_PER_STEP: usize = 8;

/// One step of the one-time set-up that the first score would otherwise pay all at once:
/// the first steps build the rule sets one part each (thread rules first: a thread is read
/// before a reply is scored), each later step compiles the own regexes of a few rules.
/// Returns false once every step is done (and for any step past the last). A page runs one
/// step per task, so no task blocks typing for long; skipping it only moves the cost back
/// into the first score.
pub fn warm_up(step: usize) -> bool {
    let tables = [thread_rules(), reply_rules()];
    let mut k = step;
    for t in tables {
        if k < t.parts.len() {
            t.set(k);
            return true;
        }
        k -= t.parts.len();
    }
    let chunk: Vec<&Compiled> = tables.iter().flat_map(|t| t.rules.iter()).skip(k * WARM_RULES_PER_STEP).take(WARM_RULES_PER_STEP).collect();
    for c in &chunk {
        c.pattern();
        c.unless();
    }
    !chunk.is_empty()
}

/// The ids of the thread rules (invitations, refusals, discussion questions) that fire in one
/// message, normalised as the analyzer reads it: what the invitation model sees of its rules.
pub fn thread_rules_in(text: &str) -> Vec<&'static str> {
    let norm = crate::text::Normalized::new(text);
    let mut hits = Vec::new();
    thread_rules().find_all(&norm.text, text, &|s, e| norm.original_range(s, e), &|_| true, &mut hits);
    let mut ids: Vec<&'static str> = Vec::new();
    for h in &hits {
        if !ids.contains(&h.rule.id) {
            ids.push(h.rule.id);
        }
    }
    ids
}

/// How far past a match an `unless` pattern may look.
const UNLESS_AFTER: usize = 40;
/// At most this many hits per rule per text are reported (keeps reports small on huge input).
pub(crate) const MAX_HITS_PER_RULE: usize = 16;

impl Compiled {
    /// The rule's own pattern, compiled on first use (None when it cannot compile).
    fn pattern(&self) -> Option<&Regex> {
        self.pattern.get_or_init(|| build(self.rule.pattern)).as_ref()
    }

    /// The rule's `unless` pattern, compiled on first use (None when it has none).
    fn unless(&self) -> Option<&Regex> {
        self.unless.get_or_init(|| build(self.rule.unless)).as_ref()
    }

    /// Every match of this pattern rule in `norm` (lowercase normalised text); `original` is
    /// used by checks that need the text as typed, through `to_original`.
    pub fn find(&self, norm: &str, original: &str, to_original: &dyn Fn(usize, usize) -> (usize, usize), out: &mut Vec<Hit>) {
        let Some(re) = self.pattern() else { return };
        let mut n = 0;
        for m in re.find_iter(norm) {
            if n >= MAX_HITS_PER_RULE {
                break;
            }
            if let Some(unless) = self.unless() {
                let from = sentence_start(norm, m.start());
                let to = sentence_end(norm, m.end()).min(floor_char(norm, m.end() + UNLESS_AFTER));
                if unless.is_match(&norm[from..to]) {
                    continue;
                }
            }
            // Checks on the text as typed (case is lost in the normalised text).
            let typed = || {
                let (s, e) = to_original(m.start(), m.end());
                original.get(s..e).unwrap_or("")
            };
            let passes = match self.rule.check {
                Check::UppercaseCode => is_code_like(typed()),
                Check::UppercaseWord => last_word_uppercase(typed()),
                Check::TitleWord => last_word_titlecase(typed()),
                Check::None | Check::Computed => true,
            };
            if !passes {
                continue;
            }
            out.push(Hit { rule: self.rule, start: m.start(), end: m.end() });
            n += 1;
        }
    }
}

/// PEAK10, ERGO-KAT, VERANO20: the last word is in capitals and has a digit or a dash,
/// or is at least five capitals after "code".
fn is_code_like(s: &str) -> bool {
    let token = s.rsplit(|c: char| c.is_whitespace() || c == ':').next().unwrap_or("");
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    let upper = token.chars().filter(|c| c.is_uppercase()).count();
    let digits = token.chars().filter(|c| c.is_ascii_digit()).count();
    let has_code_word = s.len() > token.len();
    // Product models (SL5, XPS13, RTX4090) have few letters; codes (PEAK10, SAVE20) have more.
    let code_shaped = letters >= 4 && ((1..=3).contains(&digits) || token.contains('-'));
    letters >= 2 && upper == letters && (code_shaped || (has_code_word && letters >= 4))
}

/// RATES, ME, INFO: the last word has 2+ letters, all capitals.
fn last_word_uppercase(s: &str) -> bool {
    let word = s.rsplit(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// Crumb, Tidewater: the last word starts with a capital letter.
fn last_word_titlecase(s: &str) -> bool {
    let word = s.rsplit(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

fn floor_char(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Start of the sentence containing byte `at` (after the last `.!?` + space or newline).
pub(crate) fn sentence_start(s: &str, at: usize) -> usize {
    let b = s.as_bytes();
    let mut i = at.min(b.len());
    let limit = at.saturating_sub(400);
    while i > limit {
        let c = b[i - 1];
        if c == b'\n' || ((c == b' ') && i >= 2 && matches!(b[i - 2], b'.' | b'!' | b'?')) {
            break;
        }
        i -= 1;
    }
    floor_char(s, i)
}

/// End of the sentence containing byte `at`.
pub(crate) fn sentence_end(s: &str, at: usize) -> usize {
    let b = s.as_bytes();
    let mut i = at.min(b.len());
    let limit = (at + 400).min(b.len());
    while i < limit {
        let c = b[i];
        if c == b'\n' || (matches!(c, b'.' | b'!' | b'?') && (i + 1 == b.len() || b[i + 1] == b' ')) {
            break;
        }
        i += 1;
    }
    floor_char(s, i)
}

#[cfg(test)]
mod tests {
    use super::{all, to_ascii_classes};

    /// The sets are built in parts: each pattern rule is in exactly one part, in catalogue
    /// order, and a part is over the size only when it is one pattern.
    #[test]
    fn every_pattern_is_in_one_part() {
        for (table, part_bytes) in [(super::reply_rules(), super::REPLY_PART_BYTES), (super::thread_rules(), super::THREAD_PART_BYTES)] {
            let in_parts: Vec<usize> = table.parts.iter().flat_map(|p| p.rules.iter().copied()).collect();
            let patterns: Vec<usize> = (0..table.rules.len()).filter(|&i| !table.rules[i].rule.pattern.is_empty()).collect();
            assert_eq!(in_parts, patterns);
            for part in &table.parts {
                let bytes: usize = part.rules.iter().map(|&i| table.rules[i].rule.pattern.len()).sum();
                assert!(bytes <= part_bytes || part.rules.len() == 1, "a part of {bytes} bytes");
            }
        }
    }

    /// Warming up ends, builds everything, and changes no hit.
    #[test]
    fn warm_up_ends_and_changes_no_hit() {
        let text = "dm me for 20% off, link in bio. can anyone recommend a plumber? no self promo please";
        let hits = |t: &super::Table| {
            let mut out = Vec::new();
            t.find_all(text, text, &|s, e| (s, e), &|_| true, &mut out);
            out.iter().map(|h| (h.rule.id, h.start, h.end)).collect::<Vec<_>>()
        };
        let before = (hits(super::reply_rules()), hits(super::thread_rules()));
        let steps = (0..1000).take_while(|&s| super::warm_up(s)).count();
        assert!(steps < 1000 && steps >= super::reply_rules().parts.len() + super::thread_rules().parts.len());
        assert!(!super::warm_up(steps + 5));
        for t in [super::reply_rules(), super::thread_rules()] {
            assert!(t.parts.iter().all(|p| p.set.get().is_some()));
            assert!(t.rules.iter().all(|c| c.pattern.get().is_some() && c.unless.get().is_some()));
        }
        assert!(!before.0.is_empty() && !before.1.is_empty());
        assert_eq!(before, (hits(super::reply_rules()), hits(super::thread_rules())));
    }

    /// Native test builds get Unicode regex support through dev-dependencies; the WASM and
    /// release builds do not. Every compiled pattern must therefore be free of Unicode classes.
    #[test]
    fn compiled_patterns_need_no_unicode_tables() {
        for rule in all() {
            for pattern in [rule.pattern, rule.unless] {
                let ascii = to_ascii_classes(pattern);
                for escape in [r"\S", r"\W", r"\D", r"\p", r"\P", r"\w", r"\s", r"\d"] {
                    assert!(!ascii.contains(escape), "{}: {escape} survives in {ascii}", rule.id);
                }
            }
        }
    }

    #[test]
    fn rewrites_classes_to_ascii_inside_and_outside_brackets() {
        assert_eq!(to_ascii_classes(r"\bdm\s+me\b"), r"(?-u:\b)dm[\n ]+me(?-u:\b)");
        assert_eq!(to_ascii_classes(r"[^\w@.]"), r"[^0-9A-Za-z_@.]");
        assert_eq!(to_ascii_classes(r"\d+[\d,]"), r"[0-9]+[0-9,]");
        assert_eq!(to_ascii_classes(r"[\s.-]\."), r"[\n .-]\.");
    }
}
