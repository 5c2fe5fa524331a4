//! The output shape of DESIGN.md. Offsets here are UTF-16 code units.

use serde::{Deserialize, Serialize};

/// The verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not commercial, or commercial, invited and relevant.
    Ok,
    /// Commercial but invited or genuinely helpful: worth a second look.
    Caution,
    /// A commercial reply nobody invited.
    Pitch,
}

impl Level {
    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Caution => "caution",
            Level::Pitch => "pitch",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reason, pointing into the reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Signal {
    /// Stable dotted rule id, e.g. `contact.dm`.
    pub rule: String,
    /// The rule's category, e.g. `contact`.
    pub category: String,
    /// Start, in UTF-16 code units of the reply.
    pub start: usize,
    /// End (exclusive), in UTF-16 code units of the reply.
    pub end: usize,
    /// The reply's text between `start` and `end`.
    pub text: String,
    /// Points this signal added (negative for mitigations such as a disclosure).
    pub weight: i32,
    /// Plain-English reason.
    pub message: String,
}

/// Evidence in the thread that it asked (or refused) offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invitation {
    /// Stable dotted rule id, e.g. `ask.recommendation`.
    pub rule: String,
    /// Index into `thread.messages`, or `-1` for the thread title.
    pub message: i64,
    /// Start, in UTF-16 code units of that message's text (or the title).
    pub start: usize,
    /// End (exclusive), in UTF-16 code units.
    pub end: usize,
    /// The text between `start` and `end`.
    pub text: String,
}

/// What the analyzer answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The verdict; follows from `score`.
    pub level: Level,
    /// Final pitch-where-nobody-asked score, 0–100.
    pub score: u8,
    /// How commercial the reply is on its own, 0–100.
    pub pitch: u8,
    /// How much the thread asked for offers, 0–100.
    pub invited: u8,
    /// How much the reply responds to the thread, 0–100.
    pub relevance: u8,
    /// Every reason, each pointing into the reply.
    pub signals: Vec<Signal>,
    /// Evidence in the thread, each pointing into a message.
    pub invitations: Vec<Invitation>,
    /// One friendly sentence.
    pub summary: String,
    /// What to change, in plain words.
    pub suggestions: Vec<String>,
    /// One-click changes that lower the score, best first (none for an `ok` verdict).
    #[serde(default)]
    pub fixes: Vec<Fix>,
}

/// One replacement in the reply: the UTF-16 range `start..end` becomes `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Edit {
    /// Start, in UTF-16 code units of the reply.
    pub start: usize,
    /// End (exclusive), in UTF-16 code units; equal to `start` for an insertion.
    pub end: usize,
    /// What replaces the range (empty for a removal).
    pub text: String,
}

/// The verdict the reply would get with a fix applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct After {
    /// The level after the fix.
    pub level: Level,
    /// The score after the fix; always lower than the report's.
    pub score: u8,
}

/// A change the person can apply with one click.
///
/// Its edits are sorted by `start`, never overlap, and are applied right to left (so each
/// edit's offsets are those of the unchanged reply). `after` is the re-scored verdict of the
/// fixed reply against the same thread and settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fix {
    /// Stable id: `remove-link`, `remove-contact`, `remove-offer`, `remove-selling`, `add-disclosure`, `answer-first`.
    pub id: String,
    /// Plain-English label for the button.
    pub label: String,
    /// The rule ids the fix answers (for history: which warning was fixed).
    pub rules: Vec<String>,
    /// The replacements, sorted by `start`, non-overlapping.
    pub edits: Vec<Edit>,
    /// The verdict with the fix applied.
    pub after: After,
}

impl Fix {
    /// The reply with this fix's edits applied (right to left). Offsets past the end clamp
    /// to it and an offset inside a surrogate pair moves to the next character, so a stale
    /// fix never panics.
    pub fn apply(&self, reply: &str) -> String {
        let mut out = reply.to_string();
        for edit in self.edits.iter().rev() {
            let s = utf16_to_byte(&out, edit.start);
            let e = utf16_to_byte(&out, edit.end).max(s);
            out.replace_range(s..e, &edit.text);
        }
        out
    }
}

/// A UTF-16 offset (the reports' unit) as a byte offset of `text`, never panicking: offsets
/// past the end clamp to the end, and an offset inside a surrogate pair moves to the next character.
pub fn utf16_to_byte(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        if units >= utf16 {
            return byte;
        }
        units += c.len_utf16();
    }
    text.len()
}
