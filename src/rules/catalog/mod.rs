//! The rule catalogue as data, one file per category. Reply rules (signals and mitigations)
//! come first, then thread rules (invitations and refusals); the options page lists them in
//! this order. Adding a rule means adding one entry, with its examples, to the right file.

pub mod calls;
pub mod contact;
pub mod links;
pub mod mitigations;
pub mod offers;
pub mod schemes;
pub mod self_reference;
pub mod thread;

use super::Rule;

/// Rules that read the reply.
pub static REPLY: &[&[Rule]] = &[contact::RULES, calls::RULES, offers::RULES, self_reference::RULES, schemes::RULES, links::RULES, mitigations::RULES];

/// Rules that read the thread.
pub static THREAD: &[&[Rule]] = &[thread::RULES];
