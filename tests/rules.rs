//! Every rule's own examples: each must fire on the texts it flags and stay silent on its
//! close look-alikes. Adding a rule means adding its examples; this test runs them.

use read_the_room::rules::{all, Kind};
use read_the_room::{Analyzer, Config, Message, Thread};

fn thread_of(text: &str) -> Thread {
    Thread { title: None, messages: vec![Message { author: "op".into(), text: text.into() }], parent: None }
}

/// Rule ids that fire for `text`, as a reply (signals, mitigations) or as a post (invitations,
/// refusals, discussion questions).
fn fired(kind: Kind, text: &str) -> Vec<String> {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    match kind {
        Kind::Signal | Kind::Mitigation => {
            let neutral = analyzer.thread(&thread_of("What do you all think about this?"));
            analyzer.score(&neutral, text).signals.into_iter().map(|s| s.rule).collect()
        }
        Kind::Invitation | Kind::Refusal => {
            let t = analyzer.thread(&thread_of(text));
            analyzer.score(&t, "ok").invitations.into_iter().map(|i| i.rule).collect()
        }
        // Never reported: the invitation model's evidence only.
        Kind::Discussion => read_the_room::rules::thread_rules_in(text).into_iter().map(String::from).collect(),
    }
}

#[test]
fn every_rule_flags_its_examples_and_passes_its_look_alikes() {
    let mut failures = Vec::new();
    for rule in all() {
        for text in rule.flags {
            if !fired(rule.kind, text).iter().any(|r| r == rule.id) {
                failures.push(format!("{} should flag: {text:?}", rule.id));
            }
        }
        for text in rule.passes {
            if fired(rule.kind, text).iter().any(|r| r == rule.id) {
                failures.push(format!("{} should pass: {text:?}", rule.id));
            }
        }
    }
    assert!(failures.is_empty(), "{} rule example failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_pattern_rule_has_examples_both_ways() {
    // Rules found by code (user phrases, answering first) are tested on their own below.
    let exempt = ["self.user_phrase", "helpful.answer_first"];
    for rule in all().filter(|r| !exempt.contains(&r.id)) {
        assert!(!rule.flags.is_empty(), "{} has no example it must flag", rule.id);
        assert!(!rule.passes.is_empty(), "{} has no look-alike it must pass", rule.id);
        assert!(!rule.message.is_empty(), "{} has no message", rule.id);
    }
}

#[test]
fn ids_are_unique_dotted_and_lowercase() {
    let mut seen = std::collections::HashSet::new();
    for rule in all() {
        assert!(seen.insert(rule.id), "duplicate id {}", rule.id);
        assert!(rule.id.contains('.'), "{} is not dotted", rule.id);
        assert!(rule.id.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'), "{} is not lowercase", rule.id);
    }
}

#[test]
fn user_phrases_count_as_self_reference() {
    let config = Config { phrases: vec!["Ladder Barn".into()], ..Config::default() };
    let analyzer = Analyzer::new(config).unwrap();
    let t = analyzer.thread(&thread_of("Which ladder style is best for gutters?"));
    let report = analyzer.score(&t, "Honestly the ones at ladder barn are great");
    assert!(report.signals.iter().any(|s| s.rule == "self.user_phrase" && s.text == "ladder barn"));
    let plain = Analyzer::new(Config::default()).unwrap();
    let report = plain.score(&plain.thread(&thread_of("Which ladder style is best?")), "Honestly the ones at ladder barn are great");
    assert!(!report.signals.iter().any(|s| s.rule == "self.user_phrase"));
}

#[test]
fn empty_user_phrase_is_a_config_error() {
    let err = Analyzer::new(Config { phrases: vec![" ".into()], ..Config::default() }).unwrap_err();
    assert!(err.to_string().contains("phrases[0]"), "{err}");
}

#[test]
fn answering_first_lowers_the_score_of_a_disclosed_offer() {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let t = analyzer.thread(&thread_of("How do I stop my dog pulling on the leash? My shoulder is done."));
    let offer = "I'm a dog trainer, I do virtual sessions for $40, message me.";
    let bare = analyzer.score(&t, offer);
    let answer = "Stop and wait every time the leash goes tight, reward when he comes back to your side.";
    let answered = analyzer.score(&t, &format!("{answer} {offer}"));
    let credit = answered.signals.iter().find(|s| s.rule == "helpful.answer_first").expect("answer credited");
    assert_eq!(credit.text, answer.trim_end_matches('.'));
    // Rule tests check that rules fire and which way they push; levels are the models' (tests/pairs.rs).
    assert!(answered.score < bare.score, "{} !< {}", answered.score, bare.score);
}

#[test]
fn disabled_rules_do_not_fire() {
    let config = Config { disabled_rules: vec!["contact.dm".into()], ..Config::default() };
    let analyzer = Analyzer::new(config).unwrap();
    let t = analyzer.thread(&thread_of("What do you think?"));
    assert!(!analyzer.score(&t, "DM me for prices").signals.iter().any(|s| s.rule == "contact.dm"));
}
