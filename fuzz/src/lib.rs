//! Checks shared by the fuzz targets: the report contract of DESIGN.md. A violated contract
//! panics, which libFuzzer records as a crash (and scripts/fuzz.sh turns into a regression test).
//! It never filters inputs out: every input must give a well-formed report or a typed error.

use read_the_room::{Report, Thread};

/// Panics unless `start..end` is a non-empty UTF-16 range of `source` on character boundaries
/// whose text is `text`.
pub fn check_span(what: &str, source: &str, start: usize, end: usize, text: &str) {
    let units: Vec<u16> = source.encode_utf16().collect();
    assert!(start < end && end <= units.len(), "{what}: range {start}..{end} invalid for UTF-16 length {}", units.len());
    let slice = String::from_utf16(&units[start..end]).unwrap_or_else(|_| panic!("{what}: range {start}..{end} splits a surrogate pair"));
    assert_eq!(slice, text, "{what}: text differs from the UTF-16 slice {start}..{end}");
}

/// Panics unless `report` keeps every contract for this thread and reply.
pub fn check_report(thread: &Thread, reply: &str, report: &Report) {
    for value in [report.score, report.pitch, report.invited, report.relevance] {
        assert!(value <= 100, "figure out of 0–100: {report:?}");
    }
    for s in &report.signals {
        check_span(&format!("signal {}", s.rule), reply, s.start, s.end, &s.text);
    }
    for i in &report.invitations {
        let source = match i.message {
            -1 => thread.title.as_deref().expect("invitation points at a missing title"),
            n => &thread.messages.get(usize::try_from(n).expect("negative message index")).expect("invitation points at a missing message").text,
        };
        check_span(&format!("invitation {}", i.rule), source, i.start, i.end, &i.text);
    }
}
