//! The plain-English part of a report: one summary sentence and a few suggestions, written
//! from what the scoring found. It never changes a score.

use crate::analyzer::ASKED;
use crate::rules::{Hit, Kind, Rule};
use crate::thread::Found;
use crate::Level;

/// What the summary and suggestions are written from.
pub(crate) struct Context<'a> {
    pub level: Level,
    pub commercial: i32,
    pub invited: f32,
    pub refused: f32,
    pub relevance: u8,
    pub disclosed: bool,
    pub answered: bool,
    pub asks_question: bool,
    /// The thread's invitations and refusals with their closeness to the reply.
    pub weighed: &'a [(&'a Found, f32)],
}

impl Context<'_> {
    fn asked_elsewhere(&self) -> bool {
        self.weighed.iter().any(|(f, c)| f.rule.kind == Kind::Invitation && *c < 0.5 && f.rule.weight >= 80)
    }

    pub fn summary(&self) -> String {
        let thanks = self.weighed.iter().any(|(f, c)| f.rule.id == "refuse.thanks" && *c >= 0.75);
        match self.level {
            Level::Pitch if self.refused >= 20.0 && !thanks => "Sounds like a pitch, and this thread asked for no offers.".into(),
            Level::Pitch if thanks => "Sounds like a pitch: it turns a thank-you into a sales message.".into(),
            Level::Pitch if self.asked_elsewhere() => {
                "Sounds like a pitch here: the request for offers was in another comment, so answer under that one.".into()
            }
            Level::Pitch if self.relevance < 10 => "Sounds like a pitch: it pushes something without responding to the thread.".into(),
            Level::Pitch => "Sounds like a pitch: nobody in this thread asked for offers.".into(),
            Level::Caution if self.invited >= ASKED => "Someone asked, but this reads like an ad: say who you are and why you recommend it.".into(),
            Level::Caution => "Commercial, but it tries to help: worth a second look before you post.".into(),
            Level::Ok if self.commercial >= crate::analyzer::CLEARLY_COMMERCIAL && self.invited >= ASKED => "An offer, but someone asked for one: fine to post.".into(),
            Level::Ok => "Reads as a genuine reply.".into(),
        }
    }

    pub fn suggestions(&self, hits: &[Hit]) -> Vec<String> {
        if self.level == Level::Ok {
            return Vec::new();
        }
        let mut out: Vec<String> = Vec::new();
        let mut add = |s: &str| {
            if !s.is_empty() && !out.iter().any(|o| o == s) && out.len() < 4 {
                out.push(s.to_string());
            }
        };
        if self.asked_elsewhere() {
            add("Reply under the comment that asked for it");
        }
        if self.asks_question && !self.answered {
            add("Answer the question first");
        }
        if !self.disclosed {
            add("Say that you work there or that it's yours");
        }
        let mut ranked: Vec<&Rule> = hits.iter().filter(|h| h.rule.kind == Kind::Signal && !h.rule.suggestion.is_empty()).map(|h| h.rule).collect();
        let ranked_any = !ranked.is_empty() || self.asked_elsewhere() || !self.disclosed || (self.asks_question && !self.answered);
        ranked.sort_by_key(|r| std::cmp::Reverse(r.weight));
        for r in ranked {
            add(r.suggestion);
        }
        if !ranked_any {
            add("Keep the offer short and let the answer lead");
        }
        out
    }
}
