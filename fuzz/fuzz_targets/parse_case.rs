//! Fuzz target: arbitrary bytes as a case, a thread and a config in JSON. Parsing must give a
//! value or a typed error (never panic); a parsed case must analyse to a well-formed report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use read_the_room::{parse_case, parse_config, parse_thread, Analyzer, Config};
use read_the_room_fuzz::check_report;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else { return };
    let _ = parse_thread(json);
    if let Ok(config) = parse_config(json) {
        let _ = Analyzer::new(config);
    }
    if let Ok(case) = parse_case(json) {
        let analyzer = Analyzer::new(Config::default()).expect("default config is valid");
        let report = analyzer.analyze(&case);
        check_report(&case.thread, &case.reply, &report);
    }
});
