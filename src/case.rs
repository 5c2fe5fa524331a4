//! The input shapes of DESIGN.md: a thread, the reply being typed, and a labelled case.

use serde::{Deserialize, Serialize};

/// One message of a thread, in page order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Message {
    /// Display name or handle; may be empty.
    #[serde(default)]
    pub author: String,
    /// The visible text of the message.
    pub text: String,
}

/// The conversation a reply is written into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Thread {
    /// Thread or group title, when the page has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Messages in page order; `messages[0]` is the post when known.
    #[serde(default)]
    pub messages: Vec<Message>,
    /// Index of the message being replied to; defaults to 0 (the post).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<usize>,
}

impl Thread {
    /// The index of the message being replied to, clamped into range (None when there are no messages).
    pub fn parent_index(&self) -> Option<usize> {
        if self.messages.is_empty() {
            None
        } else {
            Some(self.parent.unwrap_or(0).min(self.messages.len() - 1))
        }
    }
}

/// What the analyzer is given: a thread and the reply being typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    /// Site id (`reddit`) or hostname (`old.reddit.com`); informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The conversation.
    #[serde(default)]
    pub thread: Thread,
    /// The text being typed.
    pub reply: String,
    /// Corpus only: the case id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Corpus only: the expected level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<crate::Level>,
    /// Corpus only: why the label is what it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
