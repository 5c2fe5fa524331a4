//! Read the Room: warns when a reply sounds like a sales pitch the thread did not invite.
//!
//! The core is pure: no browser, no I/O. Parse a thread once, then score many replies
//! against it (the keystroke path).
//!
//! ```
//! use read_the_room::{Analyzer, Config, Level, Message, Thread};
//!
//! let analyzer = Analyzer::new(Config::default()).unwrap();
//! let story = Thread {
//!     title: None,
//!     messages: vec![Message { author: "op".into(), text: "Which ladder style is best for gutters?".into() }],
//!     parent: None,
//! };
//! let analysed = analyzer.thread(&story);
//! let report = analyzer.score(&analysed, "Our ladders are 20% off this week only, DM me for the link!");
//! assert_eq!(report.level, Level::Pitch);
//! ```
#![deny(missing_docs)]

mod analyzer;
mod case;
mod config;
#[cfg(not(target_arch = "wasm32"))]
pub mod corpus;
mod error;
mod fixes;
pub mod eval;
pub mod learned;
mod report;
pub mod rules;
mod summary;
mod text;
mod thread;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use analyzer::{analyze, Analyzer, Scorer};
/// The hand-tuned scorer calls a reply clearly commercial at this many `pitch` points.
pub const CLEARLY_COMMERCIAL_POINTS: u8 = analyzer::CLEARLY_COMMERCIAL as u8;
pub use thread::AnalyzedThread;
pub use case::{Case, Message, Thread};
pub use config::Config;
pub use error::{parse_case, parse_config, parse_thread, Error, ErrorKind};
pub use report::{utf16_to_byte, After, Edit, Fix, Invitation, Level, Report, Signal};
pub use rules::{rules, RuleInfo};
