//! The rule catalogue: every signal, mitigation and invitation, as data.

use serde::Serialize;

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
    /// Points it adds (signals), removes (mitigations) or invitation strength.
    pub weight: i32,
    /// Plain-English reason shown to the person.
    pub message: &'static str,
    /// What to do about it, when there is something to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<&'static str>,
}

/// The whole catalogue.
pub fn rules() -> Vec<RuleInfo> {
    Vec::new()
}
