//! The `analyze --explain` view: a report rendered for people. Marks each signal's span in
//! the reply and each invitation's span in the thread, with ANSI underline/colour or, without
//! colour, [[double brackets]]. Pure: takes the case and report, returns text. Control
//! characters from the input are replaced so a reply can never drive the terminal.

use read_the_room::{Case, Level, Report};
use std::fmt::Write as _;

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";

/// How a marked span looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    /// A signal that lowers the score (a disclosure, an answer first).
    Mitigation,
    /// A signal that adds to the score.
    Signal,
    /// Evidence in the thread that offers are welcome.
    Invitation,
}

impl Mark {
    fn ansi(self) -> &'static str {
        match self {
            Mark::Signal => "\x1b[4;31m",
            Mark::Mitigation => "\x1b[4;32m",
            Mark::Invitation => "\x1b[4;36m",
        }
    }
}

fn level_colour(level: Level) -> &'static str {
    match level {
        Level::Pitch => "\x1b[1;31m",
        // Amber: the 256-colour orange, which terminals without it show as plain bold.
        Level::Caution => "\x1b[1;38;5;214m",
        Level::Ok => "\x1b[1;32m",
    }
}

struct Style {
    colour: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// `text` with the byte ranges in `marks` marked; overlapping marks are merged.
    fn marked(&self, text: &str, marks: &[(usize, usize, Mark)]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for (start, end, mark) in merge(marks) {
            out.push_str(&clean(&text[at..start]));
            let inner = clean(&text[start..end]);
            if self.colour {
                let _ = write!(out, "{}{inner}{RESET}", mark.ansi());
            } else {
                let _ = write!(out, "[[{inner}]]");
            }
            at = end;
        }
        out.push_str(&clean(&text[at..]));
        out
    }
}

/// Reports count in UTF-16 units; the terminal view slices by bytes.
pub use read_the_room::utf16_to_byte as byte_offset;

/// Sorted, non-overlapping byte ranges; an overlap keeps the strongest mark.
fn merge(marks: &[(usize, usize, Mark)]) -> Vec<(usize, usize, Mark)> {
    let mut sorted: Vec<_> = marks.iter().copied().filter(|(s, e, _)| s < e).collect();
    sorted.sort();
    let mut merged: Vec<(usize, usize, Mark)> = Vec::new();
    for (start, end, mark) in sorted {
        match merged.last_mut() {
            Some(last) if start < last.1 => {
                last.1 = last.1.max(end);
                last.2 = last.2.max(mark);
            }
            _ => merged.push((start, end, mark)),
        }
    }
    merged
}

/// Replaces control characters (escape sequences, bells, carriage returns) but keeps
/// newlines and tabs.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { '\u{fffd}' } else { c }).collect()
}

fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders the human view of `report` for `case`.
pub fn render(case: &Case, report: &Report, colour: bool) -> String {
    let style = Style { colour };
    let mut out = String::new();
    let level = style.paint(level_colour(report.level), &report.level.as_str().to_uppercase());
    let _ = writeln!(
        out,
        "{level}  score {}  (pitch {}, invited {}, relevance {})",
        report.score, report.pitch, report.invited, report.relevance
    );
    if !report.summary.is_empty() {
        let _ = writeln!(out, "{}", clean(&report.summary));
    }

    if let Some(index) = case.thread.parent_index() {
        let parent = &case.thread.messages[index];
        let author = if parent.author.is_empty() { String::new() } else { format!(" ({})", one_line(&parent.author)) };
        let text: String = one_line(&parent.text).chars().take(80).collect();
        let more = if parent.text.chars().count() > 80 { "…" } else { "" };
        let _ = writeln!(out, "In reply to message {index}{author}: \"{text}{more}\"");
    }

    let reply = &case.reply;
    let marks: Vec<_> = report
        .signals
        .iter()
        .map(|s| {
            let mark = if s.weight < 0 { Mark::Mitigation } else { Mark::Signal };
            (byte_offset(reply, s.start), byte_offset(reply, s.end), mark)
        })
        .collect();
    let _ = writeln!(out, "\n{}", style.paint(BOLD, "Reply"));
    for line in style.marked(reply, &marks).split('\n') {
        let _ = writeln!(out, "  {line}");
    }

    let _ = writeln!(out, "\n{}", style.paint(BOLD, &format!("Signals ({})", report.signals.len())));
    if report.signals.is_empty() {
        let _ = writeln!(out, "  {}", style.paint(DIM, "none"));
    }
    let rule_width = report.signals.iter().map(|s| s.rule.chars().count()).max().unwrap_or(0);
    // Align the messages unless a quoted span is long; then that row just runs on.
    let quoted: Vec<String> = report.signals.iter().map(|s| format!("\"{}\"", one_line(&s.text))).collect();
    let text_width = quoted.iter().map(|q| q.chars().count()).filter(|&w| w <= 32).max().unwrap_or(0);
    for (signal, quoted) in report.signals.iter().zip(&quoted) {
        let _ = writeln!(
            out,
            "  {:>+4}  {:<rule_width$}  {quoted:<text_width$}  {}",
            signal.weight,
            clean(&signal.rule),
            clean(&signal.message)
        );
    }

    let _ = writeln!(out, "\n{}", style.paint(BOLD, &format!("Invitations ({})", report.invitations.len())));
    if report.invitations.is_empty() {
        let _ = writeln!(out, "  {}", style.paint(DIM, "none: nothing in the thread asks for offers"));
    }
    for invitation in &report.invitations {
        let (place, text) = if invitation.message < 0 {
            ("title".to_string(), case.thread.title.as_deref())
        } else {
            let index = invitation.message as usize;
            let message = case.thread.messages.get(index);
            let author = message.map(|m| m.author.as_str()).filter(|a| !a.is_empty());
            let place = match author {
                Some(author) => format!("message {index} ({})", one_line(author)),
                None => format!("message {index}"),
            };
            (place, message.map(|m| m.text.as_str()))
        };
        let _ = writeln!(out, "  {}  in {place}", clean(&invitation.rule));
        match text {
            Some(text) => {
                let _ = writeln!(out, "    {}", excerpt(&style, text, invitation.start, invitation.end));
            }
            None => {
                let _ = writeln!(out, "    \"{}\" (not found in the thread)", one_line(&invitation.text));
            }
        }
    }

    if !report.suggestions.is_empty() {
        let _ = writeln!(out, "\n{}", style.paint(BOLD, "Suggestions"));
        for suggestion in &report.suggestions {
            let _ = writeln!(out, "  - {}", clean(suggestion));
        }
    }

    if !report.fixes.is_empty() {
        let _ = writeln!(out, "\n{}", style.paint(BOLD, &format!("Fixes ({})", report.fixes.len())));
        for fix in &report.fixes {
            let after = style.paint(level_colour(fix.after.level), fix.after.level.as_str());
            let _ = writeln!(out, "  {}  {}  -> {after} {}", clean(&fix.id), clean(&fix.label), fix.after.score);
            let _ = writeln!(out, "    \"{}\"", one_line(&fix.apply(reply)));
        }
    }
    out
}

/// Up to `CONTEXT` characters either side of the span, on one line, span marked.
fn excerpt(style: &Style, text: &str, start16: usize, end16: usize) -> String {
    const CONTEXT: usize = 60;
    let start = byte_offset(text, start16);
    let end = byte_offset(text, end16).max(start);
    let from = text[..start].char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
    let to = text[end..].char_indices().nth(CONTEXT).map_or(text.len(), |(i, _)| end + i);
    let window = &text[from..to];
    let marked = style.marked(window, &[(start - from, end - from, Mark::Invitation)]);
    let body = marked.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{}{body}{}", if from > 0 { "…" } else { "" }, if to < text.len() { "…" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use read_the_room::{Invitation, Message, Signal, Thread};

    fn signal(rule: &str, reply: &str, needle: &str, weight: i32) -> Signal {
        let byte = reply.find(needle).unwrap();
        let start = reply[..byte].encode_utf16().count();
        Signal {
            rule: rule.into(),
            category: rule.split('.').next().unwrap().into(),
            start,
            end: start + needle.encode_utf16().count(),
            text: needle.into(),
            weight,
            message: format!("{rule} message"),
        }
    }

    fn case_and_report() -> (Case, Report) {
        let reply = "🪜 Our ladders are 20% off, DM me! (I work there)";
        let case = Case {
            thread: Thread {
                title: Some("Ladders".into()),
                messages: vec![Message {
                    author: "op".into(),
                    text: "I'm in the market for a new ladder, anyone selling?".into(),
                }],
                parent: None,
            },
            reply: reply.into(),
            ..Case::default()
        };
        let report = Report {
            level: Level::Caution,
            score: 41,
            pitch: 70,
            invited: 60,
            relevance: 80,
            signals: vec![
                signal("offer.discount", reply, "20% off", 15),
                signal("contact.dm", reply, "DM me", 18),
                signal("disclose.works_there", reply, "I work there", -10),
            ],
            invitations: vec![Invitation {
                rule: "ask.buying".into(),
                message: 0,
                start: 4,
                end: 21,
                text: "in the market for".into(),
            }],
            summary: "Invited, but say who you are.".into(),
            suggestions: vec!["Say that you work there".into()],
            fixes: vec![],
        };
        (case, report)
    }

    #[test]
    fn plain_view_brackets_utf16_spans_and_lists_everything() {
        let (case, report) = case_and_report();
        let text = render(&case, &report, false);
        assert!(!text.contains('\x1b'), "{text}");
        assert!(text.starts_with("CAUTION  score 41  (pitch 70, invited 60, relevance 80)"), "{text}");
        // The emoji is two UTF-16 units: spans after it must still land on the right words.
        assert!(text.contains("🪜 Our ladders are [[20% off]], [[DM me]]! ([[I work there]])"), "{text}");
        assert!(text.contains("Signals (3)") && text.contains("+18  contact.dm"), "{text}");
        assert!(
            text.contains("In reply to message 0 (op): \"I'm in the market for a new ladder, anyone selling?\""),
            "{text}"
        );
        assert!(text.contains("-10  disclose.works_there"), "{text}");
        assert!(text.contains("ask.buying  in message 0 (op)"), "{text}");
        assert!(text.contains("I'm [[in the market for]] a new ladder, anyone selling?"), "{text}");
        assert!(
            text.contains("Invited, but say who you are.") && text.contains("  - Say that you work there"),
            "{text}"
        );
    }

    #[test]
    fn colour_view_uses_ansi_instead_of_brackets() {
        let (case, report) = case_and_report();
        let text = render(&case, &report, true);
        assert!(text.starts_with("\x1b[1;38;5;214mCAUTION\x1b[0m"), "{text:?}");
        assert!(text.contains("\x1b[4;31m20% off\x1b[0m"), "{text:?}");
        assert!(text.contains("\x1b[4;32mI work there\x1b[0m"), "{text:?}");
        assert!(text.contains("\x1b[4;36min the market for\x1b[0m"), "{text:?}");
        assert!(!text.contains("[["), "{text:?}");
    }

    #[test]
    fn bad_offsets_overlaps_and_control_characters_never_panic() {
        let (mut case, mut report) = case_and_report();
        case.reply = "é\x1b[31mx".into();
        report.signals[0].start = 1;
        report.signals[0].end = 999;
        report.signals[1].start = 0;
        report.signals[1].end = 3;
        report.signals[2].start = 5;
        report.signals[2].end = 2;
        report.invitations[0].message = 7;
        let text = render(&case, &report, false);
        assert!(text.contains("  [[é\u{fffd}[31mx]]"), "{text}");
        assert!(text.contains("in message 7") && text.contains("not found in the thread"), "{text}");
        assert_eq!(byte_offset("🪜a", 1), 4, "inside a surrogate pair moves to the next character");
        assert_eq!(byte_offset("ab", 10), 2);
    }

    #[test]
    fn long_messages_are_cut_around_the_invitation() {
        let style = Style { colour: false };
        let text = format!("{} can anyone recommend a plumber {}", "x".repeat(200), "y".repeat(200));
        let start = 201;
        let line = excerpt(&style, &text, start, start + "can anyone recommend".len());
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        assert!(line.contains("[[can anyone recommend]] a plumber"), "{line}");
        assert!(line.chars().count() < 150, "{line}");
    }
}
