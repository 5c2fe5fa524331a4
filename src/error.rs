//! Typed errors: every failure names what is wrong and where.

use std::fmt;

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input was empty (or only whitespace).
    Empty,
    /// The input was not valid JSON, or not the expected shape.
    Json,
    /// The input was not valid UTF-8.
    Utf8,
    /// A setting is invalid (e.g. an empty user phrase).
    Config,
    /// The built-in model is corrupt or was trained for another feature spec.
    Model,
}

/// An analyzer error: a kind, a one-line message, and where (line/column) when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The kind of failure.
    pub kind: ErrorKind,
    /// One-line description naming the offending field or position.
    pub message: String,
}

impl Error {
    /// A new error of `kind`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into() }
    }

    /// Wraps a serde_json error, keeping its line and column.
    pub fn json(what: &str, e: &serde_json::Error) -> Self {
        let kind = if e.is_eof() && e.line() == 1 && e.column() == 0 { ErrorKind::Empty } else { ErrorKind::Json };
        Error::new(kind, format!("invalid {what}: {e}"))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Parses a case from JSON text with a clear error.
pub fn parse_case(json: &str) -> Result<crate::Case, Error> {
    if json.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty, "empty input: expected a case as JSON ({\"thread\": …, \"reply\": …})"));
    }
    serde_json::from_str(json).map_err(|e| Error::json("case", &e))
}

/// Parses a thread from JSON text with a clear error.
pub fn parse_thread(json: &str) -> Result<crate::Thread, Error> {
    if json.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty, "empty input: expected a thread as JSON ({\"messages\": […]})"));
    }
    serde_json::from_str(json).map_err(|e| Error::json("thread", &e))
}

/// Parses a config from JSON text with a clear error.
pub fn parse_config(json: &str) -> Result<crate::Config, Error> {
    if json.trim().is_empty() {
        return Ok(crate::Config::default());
    }
    serde_json::from_str(json).map_err(|e| Error::json("config", &e))
}
