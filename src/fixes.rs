//! One-click fixes: candidate edits derived from the signals behind a verdict.
//!
//! Each kind of fix answers one kind of evidence: a link or handle, a contact request, a code
//! or countdown, a missing disclosure, an offer placed before the answer. One more removes all
//! the selling parts at once, for a strong pitch whose score stays saturated when only one of
//! them goes. This module only
//! proposes edits (byte ranges of the reply, converted to UTF-16 at the end); the analyzer
//! re-scores each candidate and keeps those that lower the score. At most `MAX_CANDIDATES`
//! are proposed, so a keystroke costs a bounded number of extra scores. It never changes the
//! reply itself and never looks at the thread beyond "does it ask a question".

use crate::report::{utf16_to_byte, Edit, Signal};
use crate::text::Utf16Map;

/// Upper bound on candidates per reply (each costs one re-score).
pub(crate) const MAX_CANDIDATES: usize = 6;
/// How far a clause boundary is searched for around a span, in bytes.
const REACH: usize = 300;
/// What a disclosure says when the person has not named their own business.
pub(crate) const GENERIC_DISCLOSURE: &str = "(full disclosure: this is mine)";

/// A proposed fix before re-scoring: edits in UTF-16 units of the reply.
pub(crate) struct Candidate {
    pub id: &'static str,
    pub label: String,
    pub rules: Vec<String>,
    pub edits: Vec<Edit>,
}

/// Byte-offset edit used while building.
type ByteEdit = (usize, usize, String);

/// Proposes fixes for `reply` from its report's signals. `phrases` are the person's own
/// names (settings); `asks_question` is whether the thread asks something to answer.
pub(crate) fn candidates(reply: &str, signals: &[Signal], phrases: &[String], asks_question: bool) -> Vec<Candidate> {
    // Signal spans in bytes, converted once.
    let spans: Vec<(usize, usize, &Signal)> = signals.iter().map(|s| (utf16_to_byte(reply, s.start), utf16_to_byte(reply, s.end), s)).collect();
    let mut out = Vec::new();

    // A link or a contact request takes its clause with it; a code or a countdown only its words.
    let removal = |pick: &dyn Fn(&Signal) -> bool, whole_clause: bool| -> (Vec<(usize, usize)>, Vec<String>) {
        let mut ranges = Vec::new();
        let mut rules: Vec<String> = Vec::new();
        for &(s, e, sig) in &spans {
            if s < e && pick(sig) {
                ranges.push(if whole_clause { clause_around(reply, s, e) } else { words_only(reply, s, e) });
                if !rules.contains(&sig.rule) {
                    rules.push(sig.rule.clone());
                }
            }
        }
        (merge(ranges), rules)
    };
    let offer = removal(&|s| matches!(s.rule.as_str(), "offer.code" | "offer.urgency"), false);
    let offer_label = match (offer.1.iter().any(|r| r == "offer.code"), offer.1.iter().any(|r| r == "offer.urgency")) {
        (true, true) => "Remove the code and the countdown",
        (true, false) => "Remove the discount code",
        _ => "Remove the countdown",
    };
    let removals = [
        ("remove-link", "Remove the link", removal(&|s| s.category == "link" || s.rule == "contact.profile", true)),
        ("remove-contact", "Remove the contact request", removal(&|s| s.category == "contact" && s.rule != "contact.profile", true)),
        ("remove-offer", offer_label, offer),
    ];
    let mut push_removal = |id: &'static str, label: &str, ranges: Vec<(usize, usize)>, rules: Vec<String>| {
        out.extend(removal_candidate(reply, id, label, ranges, rules));
    };
    // All of them at once (ranges merged, so its edits never overlap): a strong pitch's score
    // can stay saturated while any one selling part is left. Only when it differs from each
    // single removal, that is when two kinds or more are there.
    let (mut all_ranges, mut all_rules): (Vec<(usize, usize)>, Vec<String>) = (Vec::new(), Vec::new());
    let kinds = removals.iter().filter(|(_, _, (ranges, _))| !ranges.is_empty()).count();
    for (id, label, (ranges, rules)) in removals {
        all_ranges.extend(ranges.iter().copied());
        for rule in &rules {
            if !all_rules.contains(rule) {
                all_rules.push(rule.clone());
            }
        }
        push_removal(id, label, ranges, rules);
    }
    if kinds >= 2 {
        push_removal("remove-selling", "Remove the selling parts", merge(all_ranges), all_rules);
    }

    let selling: Vec<(usize, usize, &Signal)> = spans.iter().copied().filter(|(s, e, sig)| s < e && is_selling(sig)).collect();
    // Every sentence that sells (a call to buy, a discount, learned selling words: evidence no
    // clause removal above takes), when a sentence of three words or more is left without them.
    let all_sentences = sentences(reply);
    if all_sentences.iter().any(|&r| answers(reply, &selling, r)) {
        let ranges = merge(all_sentences.iter().copied().filter(|&r| sells(&selling, r)).collect());
        let mut rules: Vec<String> = Vec::new();
        for (_, _, sig) in &selling {
            if !rules.contains(&sig.rule) {
                rules.push(sig.rule.clone());
            }
        }
        let fix = removal_candidate(reply, "remove-selling-sentences", "Remove the sentences that sell", ranges, rules);
        out.extend(fix.filter(|f| !out.iter().any(|c| c.edits == f.edits)));
    }
    let disclosed = signals.iter().any(|s| s.category == "disclose" || matches!(s.rule.as_str(), "self.role" | "self.business" | "self.we_sell" | "self.user_phrase"));
    if let (false, Some(&(_, first_end, _))) = (disclosed, selling.first()) {
        let own = phrases.iter().map(|p| p.trim()).find(|p| p.chars().count() >= 2 && !p.contains('/') && !p.contains('@') && !p.contains("www."));
        let text = match own {
            Some(name) => format!("(I work at {name})"),
            None => GENERIC_DISCLOSURE.to_string(),
        };
        let at = sentence_end(reply, first_end);
        let edits = vec![(at, at, format!(" {text}"))];
        let rules = selling.iter().map(|(_, _, s)| s.rule.clone()).take(1).collect();
        out.push(Candidate { id: "add-disclosure", label: "Say that it is yours".into(), rules, edits: to_utf16(reply, edits) });
    }

    if asks_question && !selling.is_empty() {
        if let Some(edits) = answer_first(reply, &selling) {
            let mut rules: Vec<String> = Vec::new();
            for (s, _, sig) in &selling {
                if *s < edits[0].1 && !rules.contains(&sig.rule) {
                    rules.push(sig.rule.clone());
                }
            }
            out.push(Candidate { id: "answer-first", label: "Answer first, then the offer".into(), rules, edits: to_utf16(reply, edits) });
        }
    }
    out.truncate(MAX_CANDIDATES);
    out
}

/// Removing `ranges` (merged, sorted) as a fix, unless nothing would be left to read; a
/// removal that runs to the end takes the spaces before it.
fn removal_candidate(reply: &str, id: &'static str, label: &str, ranges: Vec<(usize, usize)>, rules: Vec<String>) -> Option<Candidate> {
    if ranges.is_empty() {
        return None;
    }
    let ranges = no_trailing_space(reply, ranges);
    let edits: Vec<ByteEdit> = ranges.into_iter().map(|(s, e)| (s, e, String::new())).collect();
    left_with_words(reply, &edits).then(|| Candidate { id, label: label.to_string(), rules, edits: to_utf16(reply, edits) })
}

/// Does the byte range hold any selling evidence?
fn sells(selling: &[(usize, usize, &Signal)], (a, z): (usize, usize)) -> bool {
    selling.iter().any(|&(s, e, _)| s < z && a < e)
}

/// Is the sentence `range` an answer: three words or more and no selling evidence?
fn answers(reply: &str, selling: &[(usize, usize, &Signal)], range: (usize, usize)) -> bool {
    !sells(selling, range) && reply[range.0..range.1].split_whitespace().count() >= 3
}

/// Evidence that sells (not a mitigation, not "answered first", not a personal story).
fn is_selling(s: &Signal) -> bool {
    s.weight > 0 && !matches!(s.category.as_str(), "disclose" | "helpful" | "personal")
}

/// Is `b[i]` a clause or sentence boundary: ASCII punctuation followed by whitespace or the
/// end (so "shop.com" and "https://" are not), or a newline.
fn boundary(b: &[u8], i: usize) -> Option<u8> {
    let c = b[i];
    if c == b'\n' {
        return Some(c);
    }
    let followed = i + 1 == b.len() || b[i + 1].is_ascii_whitespace();
    (matches!(c, b'.' | b'!' | b'?' | b',' | b';' | b':') && followed).then_some(c)
}

/// The bytes to remove for a span: its clause. After a comma-like boundary, from that mark to
/// the next boundary (which stays: "20% off, DM me for the link!" → "20% off!"); at the start
/// of a sentence, the whole clause with its mark and the space after it. Falls back to the
/// span itself when no boundary is near. ASCII-only cuts, so always on char boundaries.
fn clause_around(reply: &str, s: usize, e: usize) -> (usize, usize) {
    let b = reply.as_bytes();
    // Backwards: the nearest boundary before the span.
    let mut i = s;
    let floor = s.saturating_sub(REACH);
    let mut before: Option<(usize, u8)> = None;
    while i > floor {
        if let Some(c) = boundary(b, i - 1) {
            before = Some((i - 1, c));
            break;
        }
        i -= 1;
    }
    if before.is_none() && i > 0 {
        return (s, e); // too far to tell: remove only the words themselves
    }
    // Forwards: the nearest boundary after the span.
    let ceiling = (e + REACH).min(b.len());
    let mut j = e;
    while j < ceiling && boundary(b, j).is_none() {
        j += 1;
    }
    if j == ceiling && ceiling < b.len() {
        return (s, e);
    }
    let after = (j < b.len()).then(|| (j, b[j]));
    match before {
        Some((at, c)) if matches!(c, b',' | b';' | b':') => (at, j),
        _ => {
            // Start of a sentence (or of the reply): begin at its first non-space byte.
            let mut start = before.map_or(0, |(at, _)| at + 1);
            while start < s && b[start].is_ascii_whitespace() {
                start += 1;
            }
            let mut end = j;
            if let Some((at, c)) = after {
                end = at + usize::from(c != b'\n');
                while end < b.len() && matches!(b[end], b'.' | b'!' | b'?') {
                    end += 1;
                }
                while end < b.len() && b[end] == b' ' {
                    end += 1;
                }
            }
            if end == b.len() {
                // The clause runs to the end (with or without its mark): take the spaces
                // before it too, so no trailing space is left ("Answer. DM me!" → "Answer.").
                while start > 0 && b[start - 1] == b' ' {
                    start -= 1;
                }
            }
            (start, end)
        }
    }
}

/// The span and the spaces before it (or after it, at the start of the reply).
fn words_only(reply: &str, s: usize, e: usize) -> (usize, usize) {
    let b = reply.as_bytes();
    let mut start = s;
    while start > 0 && b[start - 1] == b' ' {
        start -= 1;
    }
    let mut end = e;
    if start == 0 || b[start - 1] == b'\n' {
        while end < b.len() && b[end] == b' ' {
            end += 1;
        }
    }
    (start, end)
}

/// Where the sentence holding byte `at` ends: after its closing marks, or before a newline,
/// or at the end of the reply (trailing spaces left out).
fn sentence_end(reply: &str, at: usize) -> usize {
    let b = reply.as_bytes();
    let mut j = at;
    while j < b.len() {
        match boundary(b, j) {
            Some(b'\n') => return j,
            Some(b'.' | b'!' | b'?') => return j + 1,
            _ => j += 1,
        }
    }
    reply.trim_end().len().max(at)
}

/// Moves the leading sentences that sell after the first one that does not: one removal at
/// the front and one insertion at the end. None when the reply does not open with selling or
/// has no answer after it.
fn answer_first(reply: &str, selling: &[(usize, usize, &Signal)]) -> Option<Vec<ByteEdit>> {
    let sentences = sentences(reply);
    let first_answer = sentences.iter().position(|&r| answers(reply, selling, r))?;
    if first_answer == 0 || !sentences[..first_answer].iter().all(|&r| sells(selling, r)) {
        return None;
    }
    let cut = sentences[first_answer].0;
    let moved = reply[..cut].trim_end();
    let end = reply.trim_end().len();
    let joint = if reply[..end].ends_with(['.', '!', '?']) { " " } else { ". " };
    // A newline between the sentences stays a newline.
    let joint = if reply[..cut].ends_with('\n') { "\n" } else { joint };
    Some(vec![(0, cut, String::new()), (end, end, format!("{joint}{moved}"))])
}

/// Sentence ranges (bytes, start at the first non-space, end before the next sentence).
fn sentences(reply: &str) -> Vec<(usize, usize)> {
    let b = reply.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if matches!(boundary(b, i), Some(b'.' | b'!' | b'?' | b'\n')) {
            let mut end = i + 1;
            while end < b.len() && b[end].is_ascii_whitespace() {
                end += 1;
            }
            out.push((start, end));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out.retain(|&(a, z)| !reply[a..z].trim().is_empty());
    out
}

/// Sorted union of byte ranges (touching ranges join, so edits never overlap).
fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// When the last removal runs to the end of the reply, it takes the spaces before it too
/// (back to the previous removal at most), so no trailing space is left.
fn no_trailing_space(reply: &str, mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let b = reply.as_bytes();
    let floor = if ranges.len() >= 2 { ranges[ranges.len() - 2].1 } else { 0 };
    if let Some(last) = ranges.last_mut() {
        if last.1 == b.len() {
            while last.0 > floor && b[last.0 - 1] == b' ' {
                last.0 -= 1;
            }
        }
    }
    ranges
}

/// Would the reply keep some words after these removals? (Removing everything is no fix.)
fn left_with_words(reply: &str, edits: &[ByteEdit]) -> bool {
    let mut at = 0;
    for (s, e, _) in edits {
        if reply[at..*s].chars().any(char::is_alphanumeric) {
            return true;
        }
        at = *e;
    }
    reply[at..].chars().any(char::is_alphanumeric)
}

/// Byte edits (sorted) to UTF-16 edits of the reply.
fn to_utf16(reply: &str, edits: Vec<ByteEdit>) -> Vec<Edit> {
    let mut offsets: Vec<usize> = edits.iter().flat_map(|(s, e, _)| [*s, *e]).collect();
    Utf16Map::convert(reply, &mut offsets);
    edits.into_iter().enumerate().map(|(k, (_, _, text))| Edit { start: offsets[2 * k], end: offsets[2 * k + 1], text }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(reply: &str, needle: &str) -> String {
        let s = reply.find(needle).unwrap();
        let (a, z) = clause_around(reply, s, s + needle.len());
        format!("{}{}", &reply[..a], &reply[z..])
    }

    #[test]
    fn a_clause_after_a_comma_goes_and_its_closing_mark_stays() {
        assert_eq!(cut("Our ladders are 20% off this week only, DM me for the link!", "DM me"), "Our ladders are 20% off this week only!");
    }

    #[test]
    fn a_sentence_goes_whole_and_a_link_dot_is_not_a_boundary() {
        assert_eq!(cut("Great question. Visit shop.example.com/ladders today! Thanks", "shop.example.com/ladders"), "Great question. Thanks");
        assert_eq!(cut("Use a 6 ft step ladder. DM me", "DM me"), "Use a 6 ft step ladder.");
    }

    #[test]
    fn a_final_sentence_goes_with_the_space_before_it() {
        assert_eq!(cut("Use a 6 ft step ladder. DM me for a quote!", "DM me"), "Use a 6 ft step ladder.");
        assert_eq!(cut("Use a 6 ft step ladder. DM me for a quote!  ", "DM me"), "Use a 6 ft step ladder.");
        assert_eq!(cut("Use a 6 ft step ladder.\nDM me for a quote!", "DM me"), "Use a 6 ft step ladder.\n");
        assert_eq!(cut("DM me for a quote! Use a 6 ft step ladder.", "DM me"), "Use a 6 ft step ladder.");
    }

    #[test]
    fn a_countdown_goes_alone() {
        let reply = "Our ladders are 20% off this week only, DM me";
        let s = reply.find("this week only").unwrap();
        let (a, z) = words_only(reply, s, s + 14);
        assert_eq!(format!("{}{}", &reply[..a], &reply[z..]), "Our ladders are 20% off, DM me");
    }

    #[test]
    fn the_sentences_that_sell_go_when_an_answer_is_left() {
        let reply = "I love the Glide 5s for flat feet. Use code RUN20 at checkout for 20% off at strideshop.example!";
        let (s, e) = (reply.find("Use code").unwrap(), reply.find("Use code").unwrap() + 8);
        let sig = Signal { rule: "cta.buy".into(), category: "cta".into(), start: s, end: e, text: "Use code".into(), weight: 15, message: String::new() };
        let c = candidates(reply, &[sig.clone()], &[], true);
        let fix = c.iter().find(|c| c.id == "remove-selling-sentences").expect("offered");
        assert_eq!(fix.rules, ["cta.buy"]);
        let (a, z) = (fix.edits[0].start, fix.edits[0].end);
        assert_eq!(fix.edits.len(), 1);
        assert_eq!(format!("{}{}", &reply[..a], &reply[z..]), "I love the Glide 5s for flat feet.");
        // Nothing is left to say without the selling sentence: no such fix.
        let only = "Use code RUN20 at checkout for 20% off!";
        let sig = Signal { start: 0, end: 8, ..sig };
        assert!(candidates(only, &[sig], &[], true).iter().all(|c| c.id != "remove-selling-sentences"));
    }

    #[test]
    fn moving_the_offer_after_the_answer() {
        let reply = "DM me for 20% off. A 6 ft fibreglass step ladder is best for gutters.";
        let sig = Signal { rule: "contact.dm".into(), category: "contact".into(), start: 0, end: 5, text: "DM me".into(), weight: 10, message: String::new() };
        let edits = answer_first(reply, &[(0, 5, &sig)]).unwrap();
        let mut out = reply.to_string();
        for (s, e, t) in edits.iter().rev() {
            out.replace_range(*s..*e, t);
        }
        assert_eq!(out, "A 6 ft fibreglass step ladder is best for gutters. DM me for 20% off.");
    }
}
