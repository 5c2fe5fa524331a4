//! Analyzer entry points (placeholder implementation; the API is final).

use crate::{Case, Config, Error, Level, Report, Thread};

/// A configured analyzer.
#[derive(Debug, Clone)]
pub struct Analyzer {
    config: Config,
}

/// A thread read once, ready to score replies against.
#[derive(Debug, Clone)]
pub struct AnalyzedThread {
    _thread: Thread,
}

impl Analyzer {
    /// Builds an analyzer; fails on an invalid config (e.g. an empty user phrase).
    pub fn new(config: Config) -> Result<Analyzer, Error> {
        Ok(Analyzer { config })
    }
    /// The current settings.
    pub fn config(&self) -> &Config {
        &self.config
    }
    /// Replaces the settings; analysed threads stay valid.
    pub fn set_config(&mut self, config: Config) -> Result<(), Error> {
        *self = Analyzer::new(config)?;
        Ok(())
    }
    /// Reads a thread once.
    pub fn thread(&self, thread: &Thread) -> AnalyzedThread {
        AnalyzedThread { _thread: thread.clone() }
    }
    /// Scores a reply against an analysed thread (the keystroke path).
    pub fn score(&self, _thread: &AnalyzedThread, _reply: &str) -> Report {
        Report { level: Level::Ok, score: 0, pitch: 0, invited: 0, relevance: 0, signals: vec![], invitations: vec![], summary: String::new(), suggestions: vec![] }
    }
    /// One-shot: read the case's thread and score its reply.
    pub fn analyze(&self, case: &Case) -> Report {
        self.score(&self.thread(&case.thread), &case.reply)
    }
}

/// One-shot analysis with a config.
pub fn analyze(case: &Case, config: &Config) -> Result<Report, Error> {
    Ok(Analyzer::new(config.clone())?.analyze(case))
}
