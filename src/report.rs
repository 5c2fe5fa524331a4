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
}
