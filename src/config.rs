//! What the person can change: rules turned off, how strict, and their own names.

use serde::{Deserialize, Serialize};

/// Analyzer settings, as the options page stores them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Config {
    /// Rule ids that must not fire (signals, mitigations or invitations).
    pub disabled_rules: Vec<String>,
    /// Threshold shift in points, clamped to -30..=30: positive is stricter
    /// (levels are reached at lower scores), negative is quieter.
    /// The options page maps quiet / normal / strict to -15 / 0 / 15.
    pub sensitivity: i32,
    /// The person's own company, product or shop names and links; mentioning them
    /// counts as self-reference (`self.user_phrase`).
    pub phrases: Vec<String>,
    /// Phrases the person marked "not a pitch here": their words do not count as selling
    /// (the extension keeps one list per site).
    pub allowed_phrases: Vec<String>,
}

impl Config {
    /// True unless `id` is listed in `disabled_rules`.
    pub fn enabled(&self, id: &str) -> bool {
        !self.disabled_rules.iter().any(|d| d == id)
    }
}
