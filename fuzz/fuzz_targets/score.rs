//! Fuzz target: arbitrary reply, thread and settings scored directly (no JSON in the way).
//! Every report must keep the contract, and scoring the same reply twice must agree.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use read_the_room::{rules, Analyzer, Config, Message, Thread};
use read_the_room_fuzz::check_report;

#[derive(Debug, Arbitrary)]
struct Input {
    title: Option<String>,
    messages: Vec<(String, String)>,
    parent: Option<u8>,
    reply: String,
    sensitivity: i8,
    disabled: Vec<u8>,
    phrases: Vec<String>,
}

fuzz_target!(|input: Input| {
    let catalogue = rules();
    let disabled_rules = if catalogue.is_empty() {
        Vec::new()
    } else {
        input.disabled.iter().map(|&i| catalogue[i as usize % catalogue.len()].id.to_string()).collect()
    };
    let config = Config { disabled_rules, sensitivity: i32::from(input.sensitivity), phrases: input.phrases };
    // A bad config (say, an empty phrase) must be a typed error, not a panic.
    let Ok(analyzer) = Analyzer::new(config) else { return };
    let thread = Thread {
        title: input.title,
        messages: input.messages.into_iter().map(|(author, text)| Message { author, text }).collect(),
        parent: input.parent.map(usize::from),
    };
    let analysed = analyzer.thread(&thread);
    let report = analyzer.score(&analysed, &input.reply);
    check_report(&thread, &input.reply, &report);
    assert_eq!(report, analyzer.score(&analysed, &input.reply), "scoring is not deterministic");
});
