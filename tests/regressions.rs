//! Regression tests: inputs that once broke the analyzer's contract (found by proptest in
//! tests/properties.rs or by cargo-fuzz via scripts/fuzz.sh), each named after what broke,
//! plus edge cases at the boundaries of the input shapes. Each asserts the contract, not a verdict.

use read_the_room::{parse_case, parse_config, parse_thread, Analyzer, Config, ErrorKind, Message, Report, Thread};

fn thread_of(title: Option<&str>, texts: &[&str], parent: Option<usize>) -> Thread {
    Thread {
        title: title.map(String::from),
        messages: texts.iter().map(|t| Message { author: "someone".into(), text: (*t).into() }).collect(),
        parent,
    }
}

fn score(config: Config, thread: &Thread, reply: &str) -> Report {
    let analyzer = Analyzer::new(config).expect("valid config");
    analyzer.score(&analyzer.thread(thread), reply)
}

const PURCHASE_REQUEST: &str = "I'm in the market for one, can anyone recommend a seller?";

/// proptest, 2026-11-23: under an empty thread a bare store link scored 34 (`ok`); adding a
/// purchase request as the post raised it to 35 (`caution`). Asking to buy must never make
/// an offer look worse.
#[test]
fn purchase_request_under_empty_thread_does_not_raise_a_store_link() {
    let config = Config { sensitivity: -13, ..Config::default() };
    let reply = "link in biohttps://shop.example.com/deal?x=1";
    let before = score(config.clone(), &thread_of(None, &[], None), reply);
    let after = score(config, &thread_of(None, &[PURCHASE_REQUEST], None), reply);
    assert!(after.score <= before.score, "score rose from {} to {}\nbefore: {before:?}\nafter: {after:?}", before.score, after.score);
}

/// Edge shapes: no thread at all, a parent far out of range, whitespace-only and
/// invisible-only text, a title with no messages. Each must give a well-formed report.
#[test]
fn boundary_shapes_give_reports_within_range() {
    let cases = [
        (thread_of(None, &[], None), ""),
        (thread_of(None, &[], Some(usize::MAX)), "DM me"),
        (thread_of(Some(""), &["", ""], Some(1)), "   \n\t  "),
        (thread_of(Some("Where can I get a ladder?"), &[], None), "\u{200B}\u{200D}\u{FEFF}\u{2060}"),
        (thread_of(None, &["\u{0301}"], None), "\u{0301}\u{0301}DM me"),
        (thread_of(None, &["🏳️‍🌈"], Some(0)), "👉👉 shop.example.com 👈👈"),
    ];
    for (thread, reply) in cases {
        let report = score(Config::default(), &thread, reply);
        assert!(report.score <= 100 && report.pitch <= 100 && report.invited <= 100 && report.relevance <= 100, "{report:?}");
        let units: Vec<u16> = reply.encode_utf16().collect();
        for s in &report.signals {
            assert!(s.start < s.end && s.end <= units.len(), "bad range in {reply:?}: {s:?}");
            assert_eq!(String::from_utf16(&units[s.start..s.end]).ok().as_deref(), Some(s.text.as_str()), "{s:?}");
        }
    }
}

/// JSON that names a lone UTF-16 surrogate (`\ud800`) cannot become a Rust string: it must be
/// a typed JSON error naming the problem, never a panic or a silently altered text.
#[test]
fn lone_surrogate_escapes_are_json_errors() {
    for json in [
        r#"{"thread":{"messages":[{"author":"a","text":"\ud800"}]},"reply":"hi"}"#,
        r#"{"thread":{"messages":[]},"reply":"\udfff DM me"}"#,
    ] {
        let err = parse_case(json).expect_err("lone surrogate accepted");
        assert_eq!(err.kind, ErrorKind::Json, "{err}");
    }
    assert_eq!(parse_thread(r#"{"title":"\ud83d"}"#).expect_err("lone surrogate accepted").kind, ErrorKind::Json);
}

/// Deeply nested JSON must be an error, not a stack overflow (serde_json's recursion limit).
#[test]
fn deeply_nested_json_is_an_error() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(parse_case(&deep).is_err());
    assert!(parse_thread(&deep).is_err());
    assert!(parse_config(&deep).is_err());
    let nested_reply = format!(r#"{{"thread":{{"messages":[]}},"reply":{}"x"{}}}"#, "[".repeat(50_000), "]".repeat(50_000));
    assert!(parse_case(&nested_reply).is_err());
}

/// proptest, 2026-11-23: a follow-farming reply under a post that asks to hire; a purchase
/// request added as the parent must not raise the score, even though the post's own request
/// is now one step further away. (Found with `ask.buy` muted; with it muted the request is not
/// explicit to the analyzer, so the property runs with every invitation rule enabled.)
#[test]
fn purchase_request_parent_under_a_hiring_post_does_not_raise_the_score() {
    let before_thread = thread_of(None, &["looking for a wedding photographer'"], None);
    let mut after_thread = thread_of(None, &["looking for a wedding photographer'", PURCHASE_REQUEST], Some(1));
    let before = score(Config::default(), &before_thread, "sub4sub");
    let after = score(Config::default(), &after_thread, "sub4sub");
    assert!(after.score <= before.score, "score rose from {} to {}\nbefore: {before:?}\nafter: {after:?}", before.score, after.score);
    after_thread.parent = None; // the request as a later comment, replying to the post
    let beside = score(Config::default(), &after_thread, "sub4sub");
    assert!(beside.score <= before.score, "score rose from {} to {} with the request beside the post", before.score, beside.score);
}
