//! Property tests of the analyzer's contract (DESIGN.md), for any correct implementation:
//! no input panics; every signal and invitation points at a valid UTF-16 range whose slice is
//! its `text`; output is deterministic; an explicit purchase request never raises the score;
//! numbers stay in 0–100; the level follows the score. Also: huge inputs finish.
//! It never asserts verdicts on particular texts (the corpus tests do that) nor timings.

use proptest::prelude::*;
use proptest::sample::select;
use read_the_room::rules::Kind;
use read_the_room::{analyze, parse_case, rules, Analyzer, Case, Config, Level, Message, Report, Thread};

/// Text that exercises normalisation and offsets: pitches and their obfuscations, invitations,
/// refusals, emoji (incl. ZWJ sequences and flags), RTL, bidi controls, zero-width, full-width,
/// mathematical letters, combining marks, case-folding oddities, CJK, control characters.
const FRAGMENTS: &[&str] = &[
    "DM me", "20% off", "use code SAVE20", "link in bio", "check my profile", "https://shop.example.com/deal?x=1",
    "bit.ly/3xYz", "w w w . shop . com", "Ｄｍ ｍｅ", "D\u{200B}M me", "d.m m.e", "𝓓𝓜 𝓶𝓮", "𝐁𝐔𝐘 𝐍𝐎𝐖", "sub4sub",
    "like and subscribe", "today only!", "my company's services", "we offer", "at our shop", "I work at Werner",
    "full disclosure", "> DM me for prices", "I hate when people say DM me", "$19.99", "€5", "£1,000",
    "can anyone recommend a plumber?", "I'm in the market for a ladder", "looking for a wedding photographer",
    "where can I get one?", "DM me quotes", "which is best?", "thoughts?", "no self-promo please",
    "thanks for the follow", "Which ladder style is best for gutters?", "ladder", "gutters", "Werner", "4-footer",
    "👉", "🔥🔥", "💯", "🏳️‍🌈", "👨‍👩‍👧‍👦", "🇫🇷", "👍🏽", "مرحبا بالجميع", "שלום לכולם", "\u{202E}evil\u{202C}",
    "\u{200F}", "e\u{301}", "a\u{0308}\u{0323}", "ﬁ", "İ", "ß", "ǅ", "ΣΑΣ", "\u{FEFF}", "\u{00AD}", "\u{2060}",
    "日本語のテキスト", "한국어", "ｈｔｔｐｓ：／／ｓｈｏｐ．ｃｏｍ", "\u{0}", "\u{7f}", "\r\n", "\n\n", "\t", "   ", ".", "",
];

fn fragment() -> impl Strategy<Value = String> {
    select(FRAGMENTS).prop_map(String::from)
}

/// Any text: mostly fragments, glued to arbitrary characters and plain words.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => fragment(),
        2 => prop::collection::vec(any::<char>(), 0..12).prop_map(|cs| cs.into_iter().collect::<String>()),
        2 => "[a-zA-Z0-9 .,!?']{0,24}",
        1 => select(&[" ", "", "\n", "\u{200D}", "-", "/"][..]).prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|v| v.concat())
}

fn message() -> impl Strategy<Value = Message> {
    (text(), text()).prop_map(|(author, text)| Message { author, text })
}

/// Any thread, including empty ones and parents out of range.
fn thread() -> impl Strategy<Value = Thread> {
    (prop::option::of(text()), prop::collection::vec(message(), 0..6), prop::option::of(0usize..8))
        .prop_map(|(title, messages, parent)| Thread { title, messages, parent })
}

/// Any config, including invalid ones (empty phrases, out-of-range sensitivity).
fn config() -> impl Strategy<Value = Config> {
    let ids: Vec<String> = rules().into_iter().map(|r| r.id.to_string()).collect();
    let disabled = if ids.is_empty() {
        Just(Vec::new()).boxed()
    } else {
        prop::collection::vec(select(ids), 0..4).boxed()
    };
    (disabled, -40i32..=40, prop::collection::vec(prop_oneof![fragment(), "[A-Za-z]{1,10}"], 0..3))
        .prop_map(|(disabled_rules, sensitivity, phrases)| Config { disabled_rules, sensitivity, phrases, ..Config::default() })
}

/// The UTF-16 slice `start..end` of `s`, or why it is not a valid range on character boundaries.
fn utf16_slice(s: &str, start: usize, end: usize) -> Result<String, String> {
    let units: Vec<u16> = s.encode_utf16().collect();
    if !(start < end && end <= units.len()) {
        return Err(format!("range {start}..{end} invalid for UTF-16 length {}", units.len()));
    }
    String::from_utf16(&units[start..end]).map_err(|_| format!("range {start}..{end} splits a surrogate pair"))
}

/// Every contract a single report must keep, whatever its verdict.
fn check_report(thread: &Thread, reply: &str, report: &Report) -> Result<(), TestCaseError> {
    for (name, value) in [("score", report.score), ("pitch", report.pitch), ("invited", report.invited), ("relevance", report.relevance)] {
        prop_assert!(value <= 100, "{name} = {value} > 100");
    }
    for signal in &report.signals {
        let slice = utf16_slice(reply, signal.start, signal.end).map_err(|e| TestCaseError::fail(format!("signal {}: {e}", signal.rule)))?;
        prop_assert_eq!(&slice, &signal.text, "signal {} text differs from the reply's UTF-16 slice", signal.rule);
        prop_assert!(!signal.rule.is_empty() && !signal.message.is_empty(), "signal without rule id or message: {:?}", signal);
    }
    for invitation in &report.invitations {
        let source = match invitation.message {
            -1 => thread.title.as_deref(),
            i if i >= 0 => thread.messages.get(i as usize).map(|m| m.text.as_str()),
            _ => None,
        };
        let source = source.ok_or_else(|| TestCaseError::fail(format!("invitation {} points at missing message {}", invitation.rule, invitation.message)))?;
        let slice = utf16_slice(source, invitation.start, invitation.end).map_err(|e| TestCaseError::fail(format!("invitation {}: {e}", invitation.rule)))?;
        prop_assert_eq!(&slice, &invitation.text, "invitation {} text differs from its message's UTF-16 slice", invitation.rule);
    }
    Ok(())
}

fn level_rank(level: Level) -> u8 {
    match level {
        Level::Ok => 0,
        Level::Caution => 1,
        Level::Pitch => 2,
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(128)
}

/// `config` with every invitation rule enabled: a purchase request is only "explicit" to an
/// analyzer allowed to recognise it (a person who mutes `ask.buy` has said otherwise).
fn seeing_requests(mut config: Config) -> Config {
    let invitations: Vec<&str> = rules().into_iter().filter(|r| r.kind == Kind::Invitation).map(|r| r.id).collect();
    config.disabled_rules.retain(|id| !invitations.contains(&id.as_str()));
    config
}

const PURCHASE_REQUEST: &str = "I'm in the market for one, can anyone recommend a seller?";

proptest! {
    // 128 cases each keeps `cargo test` (debug) to a few seconds on 2 cores; PROPTEST_CASES=5000
    // searches deeper. Failures are shrunk and printed, not persisted (no src/ beside tests/).
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_case_gives_a_well_formed_report(thread in thread(), reply in text(), config in config()) {
        // An invalid config must be a typed error, never a panic; a valid one must score anything.
        let Ok(analyzer) = Analyzer::new(config.clone()) else { return Ok(()); };
        let report = analyzer.score(&analyzer.thread(&thread), &reply);
        check_report(&thread, &reply, &report)?;
    }

    #[test]
    fn output_is_deterministic(thread in thread(), reply in text(), config in config()) {
        let Ok(analyzer) = Analyzer::new(config.clone()) else { return Ok(()); };
        let case = Case { site: Some("reddit".into()), thread: thread.clone(), reply: reply.clone(), ..Case::default() };
        let analysed = analyzer.thread(&thread);
        let first = analyzer.score(&analysed, &reply);
        // Same analysed thread twice, a freshly analysed thread, and the one-shot paths agree.
        prop_assert_eq!(&first, &analyzer.score(&analysed, &reply));
        prop_assert_eq!(&first, &analyzer.score(&analyzer.thread(&thread), &reply));
        prop_assert_eq!(&first, &analyzer.analyze(&case));
        prop_assert_eq!(&first, &analyze(&case, &config).expect("config accepted by Analyzer::new"));
        // Scoring another reply in between must not leave state behind.
        let _ = analyzer.score(&analysed, "Our ladders are 20% off this week only, DM me for the link!");
        prop_assert_eq!(&first, &analyzer.score(&analysed, &reply));
    }

    #[test]
    fn a_purchase_request_as_the_parent_never_raises_the_score(thread in thread(), reply in text(), config in config()) {
        let Ok(analyzer) = Analyzer::new(seeing_requests(config)) else { return Ok(()); };
        let before = analyzer.score(&analyzer.thread(&thread), &reply);
        let mut asked = thread.clone();
        asked.messages.push(Message { author: "buyer".into(), text: PURCHASE_REQUEST.into() });
        asked.parent = Some(asked.messages.len() - 1);
        let after = analyzer.score(&analyzer.thread(&asked), &reply);
        check_report(&asked, &reply, &after)?;
        prop_assert!(after.score <= before.score, "score rose from {} to {} when the parent became a purchase request\nbefore: {:?}\nafter: {:?}", before.score, after.score, before, after);
    }

    #[test]
    fn a_purchase_request_in_the_parent_never_raises_the_score(thread in thread(), reply in text(), config in config()) {
        let Ok(analyzer) = Analyzer::new(seeing_requests(config)) else { return Ok(()); };
        let before = analyzer.score(&analyzer.thread(&thread), &reply);
        let mut asked = thread.clone();
        match asked.parent_index() {
            // Keep the parent's words (and so the reply's relevance) and add the request to them.
            Some(p) => asked.messages[p].text = format!("{}\n{PURCHASE_REQUEST}", asked.messages[p].text),
            None => asked.messages.push(Message { author: "op".into(), text: PURCHASE_REQUEST.into() }),
        }
        let after = analyzer.score(&analyzer.thread(&asked), &reply);
        check_report(&asked, &reply, &after)?;
        prop_assert!(after.score <= before.score, "score rose from {} to {} when the parent asked to buy\nbefore: {:?}\nafter: {:?}", before.score, after.score, before, after);
    }

    #[test]
    fn the_level_follows_the_score(cases in prop::collection::vec((thread(), text()), 2..8), config in config()) {
        let Ok(analyzer) = Analyzer::new(config) else { return Ok(()); };
        let reports: Vec<Report> = cases.iter().map(|(t, r)| analyzer.score(&analyzer.thread(t), r)).collect();
        for a in &reports {
            for b in &reports {
                if a.score == b.score {
                    prop_assert_eq!(a.level, b.level, "same score {} but different levels", a.score);
                } else if a.score < b.score {
                    prop_assert!(level_rank(a.level) <= level_rank(b.level), "score {} is {} but higher score {} is {}", a.score, a.level, b.score, b.level);
                }
            }
        }
    }

    #[test]
    fn stricter_sensitivity_never_lowers_the_level(thread in thread(), reply in text(), low in -30i32..=30, raise in 0i32..=30) {
        let high = (low + raise).min(30);
        let level_at = |sensitivity| {
            let analyzer = Analyzer::new(Config { sensitivity, ..Config::default() }).expect("in-range sensitivity is valid");
            analyzer.score(&analyzer.thread(&thread), &reply).level
        };
        let (quiet, strict) = (level_at(low), level_at(high));
        prop_assert!(level_rank(quiet) <= level_rank(strict), "sensitivity {low} gave {quiet} but stricter {high} gave {strict}");
    }

    #[test]
    fn disabled_rules_never_fire(thread in thread(), reply in text(), config in config()) {
        let Ok(analyzer) = Analyzer::new(config.clone()) else { return Ok(()); };
        let report = analyzer.score(&analyzer.thread(&thread), &reply);
        for signal in &report.signals {
            prop_assert!(config.enabled(&signal.rule), "disabled rule {} fired in the reply", signal.rule);
        }
        for invitation in &report.invitations {
            prop_assert!(config.enabled(&invitation.rule), "disabled rule {} fired in the thread", invitation.rule);
        }
    }

    #[test]
    fn case_json_round_trips_and_bad_json_is_an_error(thread in thread(), reply in text(), junk in text()) {
        let case = Case { thread, reply, ..Case::default() };
        let json = serde_json::to_string(&case).expect("a case serialises");
        prop_assert_eq!(parse_case(&json).expect("own JSON parses"), case);
        // Arbitrary text, and every prefix of valid JSON, is either a case or a typed error.
        let _ = parse_case(&junk);
        for cut in (0..json.len()).filter(|i| json.is_char_boundary(*i)).step_by(7) {
            prop_assert!(parse_case(&json[..cut]).is_err(), "truncated JSON parsed: {}", &json[..cut]);
        }
    }
}

/// Sizes for the "huge input finishes" tests: full size in release builds
/// (`cargo test --release --test properties`), 100x smaller
/// in debug builds (unoptimised regex is ~100x slower) so `cargo test` stays fast.
fn huge(full: usize, debug: usize) -> usize {
    if cfg!(debug_assertions) {
        debug
    } else {
        full
    }
}

fn ladder_thread(messages: usize) -> Thread {
    let texts = [
        "Which ladder style is best for gutters?",
        "I've had a Werner 4-footer for years, love it 👍",
        "Extension ladders are safer on uneven ground — مرحبا",
        "no self-promo please, just experiences",
        "Anyone tried the telescoping ones? 日本語でも大丈夫",
    ];
    Thread {
        title: Some("Ladders for gutter cleaning".into()),
        messages: (0..messages).map(|i| Message { author: format!("user{i}"), text: texts[i % texts.len()].to_string() }).collect(),
        parent: Some(messages / 2),
    }
}

/// A reply of about `chars` characters mixing pitches, obfuscation, emoji and RTL text.
fn huge_reply(chars: usize) -> String {
    const PARAGRAPH: &str = "Our ladders are 20% off this week only, DM me for the link! Ｄｍ ｍｅ 👉 https://shop.example.com/x \
        I've had a Werner 4-footer for years, love it. שלום e\u{301} \u{200B}w w w . shop . com 🏳️‍🌈 ";
    let mut reply = String::with_capacity(chars * 2);
    while reply.chars().count() < chars {
        reply.push_str(PARAGRAPH);
    }
    reply
}

/// Messages with no words, or no sentence, are read whole too: whatever they are read as, the
/// evidence must point at real text (proptest once found a thread of just "/" reported as an
/// empty learned span).
#[test]
fn messages_without_sentences_give_valid_evidence() {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    for texts in [vec!["/"], vec!["?"], vec!["🙂"], vec!["/", "x"], vec!["ok", "..."], vec!["a", PURCHASE_REQUEST]] {
        for parent in 0..texts.len() {
            let thread = Thread { title: None, messages: texts.iter().map(|t| Message { author: String::new(), text: t.to_string() }).collect(), parent: Some(parent) };
            for reply in ["", "DM me for prices", "x"] {
                let report = analyzer.score(&analyzer.thread(&thread), reply);
                check_report(&thread, reply, &report).unwrap();
            }
        }
    }
}

#[test]
fn a_two_megabyte_reply_finishes_with_a_valid_report() {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let thread = ladder_thread(20);
    let reply = huge_reply(huge(2_000_000, 20_000));
    let report = analyzer.score(&analyzer.thread(&thread), &reply);
    check_report(&thread, &reply, &report).unwrap();
}

#[test]
fn a_ten_thousand_message_thread_finishes_with_a_valid_report() {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let thread = ladder_thread(huge(10_000, 1_000));
    let reply = "Our ladders are 20% off this week only, DM me for the link!";
    let report = analyzer.score(&analyzer.thread(&thread), reply);
    check_report(&thread, reply, &report).unwrap();
}

#[test]
fn a_single_huge_message_and_title_finish_with_a_valid_report() {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let big = huge_reply(huge(1_000_000, 20_000));
    let thread = Thread { title: Some(big.clone()), messages: vec![Message { author: big.clone(), text: big }], parent: None };
    let reply = "Where did you get it? Any store you'd recommend?";
    let report = analyzer.score(&analyzer.thread(&thread), reply);
    check_report(&thread, reply, &report).unwrap();
}

#[test]
fn the_range_checker_rejects_bad_ranges() {
    // The checks above are only as good as this helper: it must catch each kind of bad offset.
    assert_eq!(utf16_slice("a👍b", 1, 3).unwrap(), "👍");
    assert!(utf16_slice("a👍b", 1, 2).is_err(), "splits a surrogate pair");
    assert!(utf16_slice("abc", 2, 2).is_err(), "empty range");
    assert!(utf16_slice("abc", 1, 4).is_err(), "past the end");
}

/// Sentences that sell (links, contact requests, codes, countdowns) and sentences that answer,
/// so generated replies reach every kind of fix.
const PITCH_PARTS: &[&str] = &[
    "Our ladders are 20% off this week only, DM me for the link!", "Use code LADDER20 at checkout.",
    "Check out https://shop.example.com/ladders for the best deals.", "DM me and I'll send you a quote.",
    "Follow @laddershop for more!", "Only 3 left, order today!", "We sell them at our shop.",
    "A fibreglass extension ladder with a stabiliser is best for gutters.", "I used a 24 ft Werner for years and it was great.",
    "Make sure it reaches three feet past the gutter line.", "Email me at sales@example.com for prices.",
    "Link in bio 👉", "Sign up today and get a free consultation.", "🔥🔥", "\n", " ",
];

fn pitchy_reply() -> impl Strategy<Value = String> {
    let piece = prop_oneof![6 => select(PITCH_PARTS).prop_map(String::from), 1 => fragment(), 1 => "[a-zA-Z ,.!?]{0,16}"];
    prop::collection::vec(piece, 1..6).prop_map(|v| v.join(" "))
}

fn question_thread() -> impl Strategy<Value = Thread> {
    prop_oneof![
        2 => Just(Thread { title: Some("Which ladder for gutters?".into()), messages: vec![Message { author: "op".into(), text: "Which ladder style is best for cleaning gutters on a two-storey house?".into() }], parent: None }),
        1 => Just(Thread { title: None, messages: vec![Message { author: "op".into(), text: "Finally finished painting the fence this weekend, so happy with it!".into() }], parent: None }),
        1 => thread(),
    ]
}

/// Applies UTF-16 edits right to left on the code units, checking every contract on the way:
/// in range, sorted, non-overlapping, on character boundaries.
fn apply_utf16(reply: &str, fix: &read_the_room::Fix) -> Result<String, TestCaseError> {
    let mut units: Vec<u16> = reply.encode_utf16().collect();
    let len = units.len();
    let is_boundary = |i: usize| i == 0 || i == len || !(0xDC00..=0xDFFF).contains(&units[i]);
    prop_assert!(!fix.edits.is_empty(), "fix {} has no edits", fix.id);
    for pair in fix.edits.windows(2) {
        prop_assert!(pair[0].end <= pair[1].start, "fix {}: edits overlap or are unsorted: {:?}", fix.id, fix.edits);
    }
    for edit in &fix.edits {
        prop_assert!(edit.start <= edit.end && edit.end <= len, "fix {}: edit {}..{} out of range (length {len})", fix.id, edit.start, edit.end);
        prop_assert!(is_boundary(edit.start) && is_boundary(edit.end), "fix {}: edit {}..{} splits a surrogate pair", fix.id, edit.start, edit.end);
        prop_assert!(edit.start < edit.end || !edit.text.is_empty(), "fix {}: an empty edit", fix.id);
    }
    for edit in fix.edits.iter().rev() {
        units.splice(edit.start..edit.end, edit.text.encode_utf16());
    }
    String::from_utf16(&units).map_err(|e| TestCaseError::fail(format!("fix {}: result is not valid UTF-16: {e}", fix.id)))
}

/// Checks every fix of `report`: applied, the analyzer gives exactly `after`, and it is lower.
fn check_fixes(analyzer: &Analyzer, thread: &read_the_room::AnalyzedThread, reply: &str, report: &Report) -> Result<usize, TestCaseError> {
    if report.level == Level::Ok {
        prop_assert!(report.fixes.is_empty(), "an ok verdict offers fixes: {:?}", report.fixes);
    }
    for fix in &report.fixes {
        let fixed = apply_utf16(reply, fix)?;
        prop_assert_eq!(&fixed, &fix.apply(reply), "fix {}: Fix::apply disagrees with the UTF-16 edits", &fix.id);
        let again = analyzer.score(thread, &fixed);
        prop_assert_eq!((again.level, again.score), (fix.after.level, fix.after.score), "fix {} on {:?} gives {:?}", &fix.id, reply, fixed);
        prop_assert!(again.score < report.score, "fix {} does not lower the score ({} -> {})", fix.id, report.score, again.score);
    }
    let mut ids: Vec<&str> = report.fixes.iter().map(|f| f.id.as_str()).collect();
    ids.dedup();
    prop_assert_eq!(ids.len(), report.fixes.len(), "a fix id appears twice");
    Ok(report.fixes.len())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_offered_fix_gives_its_after_verdict_and_lowers_the_score(thread in question_thread(), reply in prop_oneof![3 => pitchy_reply(), 1 => text()], config in config()) {
        let Ok(analyzer) = Analyzer::new(config) else { return Ok(()); };
        let analysed = analyzer.thread(&thread);
        let report = analyzer.score(&analysed, &reply);
        check_fixes(&analyzer, &analysed, &reply, &report)?;
    }
}

/// The property above must not pass by offering nothing: these pitches get fixes, and the
/// fixes of every kind that is offered keep the contract.
#[test]
fn pitches_with_links_contacts_and_codes_are_offered_fixes() {
    let analyzer = Analyzer::new(Config { phrases: vec!["Acme Ladders".into()], ..Config::default() }).unwrap();
    let question = Thread { title: None, messages: vec![Message { author: "op".into(), text: "Which ladder style is best for cleaning gutters on a two-storey house?".into() }], parent: None };
    let analysed = analyzer.thread(&question);
    let mut kinds: Vec<String> = Vec::new();
    for reply in PITCH_PARTS.iter().flat_map(|a| PITCH_PARTS.iter().map(move |b| format!("{a} {b}"))) {
        let report = analyzer.score(&analysed, &reply);
        let n = check_fixes(&analyzer, &analysed, &reply, &report).map_err(|e| e.to_string()).unwrap();
        if n > 0 {
            kinds.extend(report.fixes.iter().map(|f| f.id.clone()));
        }
    }
    kinds.sort();
    kinds.dedup();
    println!("fix kinds offered: {kinds:?}");
    for kind in ["remove-link", "remove-contact", "remove-offer", "remove-selling", "add-disclosure", "answer-first"] {
        assert!(kinds.iter().any(|k| k == kind), "no reply was offered {kind}; offered: {kinds:?}");
    }
}

/// A strong pitch saturates the score: taking out one selling part barely moves it, so the
/// combined fix takes them all out at once, and it is offered because its re-score is lower.
#[test]
fn a_saturated_pitch_is_offered_removing_all_its_selling_parts() {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let question = Thread { title: Some("Which ladder for gutters?".into()), messages: vec![Message { author: "op".into(), text: "Which ladder style is best for cleaning gutters on a two-storey house?".into() }], parent: None };
    let analysed = analyzer.thread(&question);
    let reply = "A fibreglass extension ladder is best for gutters. Check out https://shop.example.com/ladders for the best deals. DM me and I'll send you a quote.";
    let report = analyzer.score(&analysed, reply);
    check_fixes(&analyzer, &analysed, reply, &report).map_err(|e| e.to_string()).unwrap();
    let combined = report.fixes.iter().find(|f| f.id == "remove-selling").unwrap_or_else(|| panic!("no combined fix in {:?}", report.fixes));
    // The link's sentence and the contact's sentence both go, with the space before the last.
    assert_eq!(combined.apply(reply), "A fibreglass extension ladder is best for gutters.");
    for single in report.fixes.iter().filter(|f| matches!(f.id.as_str(), "remove-link" | "remove-contact")) {
        assert!(combined.after.score <= single.after.score, "{} scores lower than removing everything: {:?}", single.id, report.fixes);
    }
}
