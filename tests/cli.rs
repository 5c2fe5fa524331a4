//! Integration tests for the `read-the-room` binary: output shapes, exit codes and error
//! messages, checked against the library so they hold whatever the analyzer's verdicts are.
//! They run the built binary only; nothing here touches the network.

use read_the_room::eval::{evaluate, Evaluation};
use read_the_room::{analyze, parse_case, rules, Case, Config, Report};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_read-the-room");

const PITCH_CASE: &str = r#"{"id":"ladder-pitch","expect":"pitch","thread":{"messages":[{"author":"op","text":"Which ladder style is best for gutters?"}]},"reply":"Our ladders are 20% off this week only, DM me for the link!"}"#;
const OK_CASE: &str = r#"{"id":"ladder-ok","expect":"ok","thread":{"messages":[{"author":"op","text":"Which ladder style is best for gutters?"}]},"reply":"I've had a Werner 4-footer for years, love it"}"#;
const INVITED_CASE: &str = r#"{"id":"ladder-invited","expect":"ok","thread":{"title":"Ladders","messages":[{"author":"op","text":"I'm in the market for a new ladder, anyone selling?"}]},"reply":"Our ladders are 20% off this week only, DM me for the link!"}"#;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_env(args, stdin, &[])
}

fn run_env(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn read-the-room");
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    // Write from a thread so a large input cannot deadlock against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("wait for read-the-room");
    writer.join().unwrap();
    output
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn library_report(case_json: &str, config: &Config) -> Report {
    analyze(&parse_case(case_json).unwrap(), config).unwrap()
}

/// Exit 2, nothing on stdout, exactly one `error:` line on stderr, no panic.
fn assert_one_line_error(o: &Output, must_contain: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(o.stdout.is_empty(), "stdout should be empty: {}", stdout(o));
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line expected: {err:?}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(must_contain), "expected {must_contain:?} in {err:?}");
}

#[test]
fn analyze_file_prints_the_library_report_as_compact_json() {
    for (name, case) in [("pitch.json", PITCH_CASE), ("ok.json", OK_CASE), ("invited.json", INVITED_CASE)] {
        let path = temp_file(name, case.as_bytes());
        let o = run(&["analyze", path.to_str().unwrap()], b"");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = stdout(&o);
        assert_eq!(text.lines().count(), 1, "compact when stdout is not a terminal: {text}");
        let report: Report = serde_json::from_str(&text).expect("output parses as a Report");
        assert_eq!(report, library_report(case, &Config::default()), "{name}");
    }
}

#[test]
fn analyze_reads_stdin_without_a_file_or_with_dash() {
    let expected = library_report(PITCH_CASE, &Config::default());
    for args in [&["analyze"][..], &["analyze", "-"][..]] {
        let o = run(args, PITCH_CASE.as_bytes());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(serde_json::from_str::<Report>(&stdout(&o)).unwrap(), expected);
    }
}

#[test]
fn pretty_indents_and_compact_stays_on_one_line() {
    let pretty = run(&["analyze", "--pretty"], OK_CASE.as_bytes());
    assert!(stdout(&pretty).lines().count() > 5, "{}", stdout(&pretty));
    assert!(stdout(&pretty).contains("\n  \"level\": "));
    let compact = run(&["analyze", "--compact"], OK_CASE.as_bytes());
    assert_eq!(stdout(&compact).lines().count(), 1);
    let a: Report = serde_json::from_str(&stdout(&pretty)).unwrap();
    let b: Report = serde_json::from_str(&stdout(&compact)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn config_file_is_loaded_and_bad_configs_are_input_errors() {
    let config_json = r#"{"disabledRules":["contact.dm"],"sensitivity":30,"phrases":["Werner"]}"#;
    let config = read_the_room::parse_config(config_json).unwrap();
    let path = temp_file("config.json", config_json.as_bytes());
    for case in [PITCH_CASE, OK_CASE] {
        let o = run(&["analyze", "--config", path.to_str().unwrap()], case.as_bytes());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(serde_json::from_str::<Report>(&stdout(&o)).unwrap(), library_report(case, &config));
    }
    let bad = temp_file("bad-config.json", br#"{"sensitivty": 3}"#);
    let o = run(&["analyze", "--config", bad.to_str().unwrap()], PITCH_CASE.as_bytes());
    assert_one_line_error(&o, "bad-config.json");
    assert!(stderr(&o).contains("sensitivty"), "{}", stderr(&o));
    let o = run(&["analyze", "--config=/nonexistent/rtr-config.json"], PITCH_CASE.as_bytes());
    assert_one_line_error(&o, "/nonexistent/rtr-config.json");
}

#[test]
fn explain_without_a_terminal_is_plain_text_marking_every_signal() {
    for case in [PITCH_CASE, OK_CASE, INVITED_CASE] {
        let report = library_report(case, &Config::default());
        let o = run(&["analyze", "--explain"], case.as_bytes());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = stdout(&o);
        assert!(!text.contains('\x1b'), "no colour when piped: {text:?}");
        assert!(text.starts_with(&report.level.as_str().to_uppercase()), "{text}");
        assert!(text.contains(&format!("score {}", report.score)), "{text}");
        assert!(text.contains(&format!("Signals ({})", report.signals.len())), "{text}");
        assert!(text.contains(&format!("Invitations ({})", report.invitations.len())), "{text}");
        for signal in &report.signals {
            assert!(text.contains(&signal.rule) && text.contains(&signal.message), "{text}");
            assert!(text.contains(&format!("{:+}", signal.weight)), "{text}");
        }
        for suggestion in &report.suggestions {
            assert!(text.contains(suggestion.as_str()), "{text}");
        }
        // Every marked span is a piece of the reply.
        let reply = parse_case(case).unwrap().reply;
        let marked: Vec<&str> = text.split("[[").skip(1).filter_map(|s| s.split("]]").next()).collect();
        assert!(marked.len() <= report.signals.len() + report.invitations.len(), "{text}");
        if !report.signals.is_empty() {
            assert!(marked.iter().any(|m| reply.contains(m)), "a signal span is marked in: {text}");
        }
    }
}

#[test]
fn explain_colours_on_request_even_with_no_color() {
    let report = library_report(PITCH_CASE, &Config::default());
    let colour = match report.level {
        read_the_room::Level::Pitch => "\x1b[1;31m",
        read_the_room::Level::Caution => "\x1b[1;38;5;214m",
        read_the_room::Level::Ok => "\x1b[1;32m",
    };
    let o = run(&["analyze", "--explain", "--color", "always"], PITCH_CASE.as_bytes());
    let text = stdout(&o);
    assert!(text.starts_with(&format!("{colour}{}\x1b[0m", report.level.as_str().to_uppercase())), "{text:?}");
    assert!(!text.contains("[["), "{text:?}");
    // An explicit --color always wins over NO_COLOR (the terminal test covers auto).
    let o = run_env(&["analyze", "--explain", "--color=always"], PITCH_CASE.as_bytes(), &[("NO_COLOR", "1")]);
    assert!(stdout(&o).starts_with(colour), "{:?}", stdout(&o));
    let o = run(&["analyze", "--explain", "--color", "never"], PITCH_CASE.as_bytes());
    assert!(!stdout(&o).contains('\x1b') && stdout(&o).contains("[["), "{:?}", stdout(&o));
}

#[test]
fn jsonl_prints_one_line_per_case_with_errors_in_place() {
    let mut input = Vec::new();
    input.extend_from_slice(PITCH_CASE.as_bytes());
    input.extend_from_slice(b"\n\n   \n{\"reply\": \"unterminated\n");
    input.extend_from_slice(b"{\"reply\": \"caf\xe9\"}\r\n");
    input.extend_from_slice(b"{\"reply\": 42}\n");
    input.extend_from_slice(OK_CASE.as_bytes()); // no final newline
    let o = run(&["analyze", "--jsonl"], &input);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5, "{}", stdout(&o));
    let first: Report = serde_json::from_value(lines[0].clone()).unwrap();
    assert_eq!(first, library_report(PITCH_CASE, &Config::default()));
    for (index, line, needle) in [(1, 4, "EOF"), (2, 5, "UTF-8"), (3, 6, "invalid type")] {
        assert_eq!(lines[index]["line"], line, "{}", lines[index]);
        let message = lines[index]["error"].as_str().unwrap();
        assert!(message.contains(needle), "{message}");
        assert_eq!(lines[index].as_object().unwrap().len(), 2);
    }
    let last: Report = serde_json::from_value(lines[4].clone()).unwrap();
    assert_eq!(last, library_report(OK_CASE, &Config::default()));
    let err = stderr(&o);
    assert!(err.contains("3 of 5 lines") && err.contains("line 4") && !err.contains("panicked"), "{err}");
}

#[test]
fn jsonl_of_good_cases_exits_zero_and_keeps_order() {
    let input = format!("{OK_CASE}\n{PITCH_CASE}\n{INVITED_CASE}\n");
    let path = temp_file("three.jsonl", input.as_bytes());
    let o = run(&["analyze", "--jsonl", path.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let reports: Vec<Report> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let expected: Vec<Report> =
        [OK_CASE, PITCH_CASE, INVITED_CASE].iter().map(|c| library_report(c, &Config::default())).collect();
    assert_eq!(reports, expected);
    assert!(o.stderr.is_empty());
}

#[test]
fn jsonl_streams_each_report_before_the_next_line_arrives() {
    let mut child = Command::new(BIN)
        .args(["analyze", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || loop {
        let mut line = String::new();
        if output.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if sender.send(line).is_err() {
            break;
        }
    });
    // A generous limit only so a buffering bug fails instead of hanging the suite.
    let limit = Duration::from_secs(60);
    for case in [PITCH_CASE, OK_CASE] {
        writeln!(input, "{case}").unwrap();
        input.flush().unwrap();
        let line = receiver.recv_timeout(limit).expect("a report for the line just written, with stdin still open");
        assert_eq!(serde_json::from_str::<Report>(&line).unwrap(), library_report(case, &Config::default()));
    }
    drop(input);
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn bad_input_is_a_one_line_error_with_exit_code_two() {
    let cases: [(&[u8], &str); 7] = [
        (b"", "empty input"),
        (b"  \n\t\n", "empty input"),
        (b"{\"reply\": \"hi\",\n  \"thread\": {\"messages\": [}", "line 2 column"),
        (b"{\"reply\": 5}", "invalid type"),
        (b"[1, 2]", "invalid case"),
        (b"{\"thread\": {\"messages\": []}}", "missing field `reply`"),
        (b"{\"reply\": \"caf\xc3\xa9 \xff\"}", "not valid UTF-8 at line 1, column 17 (byte 17)"),
    ];
    for (input, needle) in cases {
        let o = run(&["analyze"], input);
        assert_one_line_error(&o, needle);
        assert!(stderr(&o).contains("<stdin>"), "names the input: {}", stderr(&o));
    }
    let file = temp_file("broken.json", b"{\"reply\": }");
    let o = run(&["analyze", file.to_str().unwrap()], b"");
    assert_one_line_error(&o, "broken.json: invalid case");
    assert_one_line_error(&run(&["analyze", "/nonexistent/case.json"], b""), "cannot read '/nonexistent/case.json'");
    assert_one_line_error(&run(&["analyze", "--jsonl"], b"\n\n"), "empty input");
}

#[test]
fn a_leading_byte_order_mark_is_ignored() {
    let o = run(&["analyze"], format!("\u{feff}{OK_CASE}").as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(serde_json::from_str::<Report>(&stdout(&o)).unwrap(), library_report(OK_CASE, &Config::default()));
    let o = run(&["analyze", "--jsonl"], format!("\u{feff}{OK_CASE}\n{OK_CASE}\n").as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2);
}

#[test]
fn usage_errors_exit_two_and_point_to_help() {
    for (args, needle) in [
        (&[][..], "missing command"),
        (&["frobnicate"][..], "unknown command 'frobnicate'"),
        (&["--frobnicate"][..], "unknown option '--frobnicate'"),
        (&["analyze", "--frobnicate"][..], "unknown option '--frobnicate' for 'analyze'"),
        (&["analyze", "-x"][..], "unknown option '-x'"),
        (&["analyze", "--config"][..], "needs a value"),
        (&["analyze", "a.json", "b.json"][..], "unexpected argument 'b.json'"),
        (&["analyze", "--jsonl", "--explain"][..], "cannot be combined"),
        (&["eval"][..], "missing FILE.jsonl"),
        (&["eval", "--frobnicate", "x.jsonl"][..], "unknown option"),
        (&["rules", "--frobnicate"][..], "unknown option"),
        (&["rules", "extra"][..], "takes no arguments"),
    ] {
        let o = run(args, b"");
        assert_one_line_error(&o, needle);
        assert!(stderr(&o).contains("--help"), "{}", stderr(&o));
    }
}

#[test]
fn help_on_every_command_and_version() {
    for (args, usage) in [
        (&["--help"][..], "Usage: read-the-room <COMMAND>"),
        (&["-h"][..], "Usage: read-the-room <COMMAND>"),
        (&["help"][..], "Usage: read-the-room <COMMAND>"),
        (&["help", "eval"][..], "Usage: read-the-room eval"),
        (&["analyze", "--help"][..], "Usage: read-the-room analyze"),
        (&["analyze", "-h"][..], "Usage: read-the-room analyze"),
        (&["analyze", "--jsonl", "--bogus", "--help"][..], "Usage: read-the-room analyze"),
        (&["eval", "--help"][..], "Usage: read-the-room eval"),
        (&["rules", "-h"][..], "Usage: read-the-room rules"),
    ] {
        let o = run(args, b"");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).contains(usage), "{args:?}: {}", stdout(&o));
        assert!(o.stderr.is_empty());
    }
    let analyze_help = stdout(&run(&["analyze", "--help"], b""));
    for option in ["--config", "--jsonl", "--explain", "--compact", "--color"] {
        assert!(analyze_help.contains(option), "{analyze_help}");
    }
    for flag in ["--version", "-V"] {
        let o = run(&[flag], b"");
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o), format!("read-the-room {}\n", env!("CARGO_PKG_VERSION")));
    }
}

fn library_evaluation(cases: &[&str]) -> Evaluation {
    let parsed: Vec<(Case, Report)> =
        cases.iter().map(|c| (parse_case(c).unwrap(), library_report(c, &Config::default()))).collect();
    evaluate(parsed.iter().map(|(c, r)| (c.id.as_deref().unwrap(), c.expect.unwrap(), r)))
}

#[test]
fn eval_prints_the_figures_and_every_miss() {
    let first = temp_file("eval-a.jsonl", format!("{PITCH_CASE}\n\n{OK_CASE}\n").as_bytes());
    let second = temp_file("eval-b.jsonl", format!("{INVITED_CASE}\n").as_bytes());
    let (a, b) = (first.to_str().unwrap(), second.to_str().unwrap());
    let expected = library_evaluation(&[PITCH_CASE, OK_CASE, INVITED_CASE]);

    let o = run(&["eval", "--json", a, b], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let figures: Evaluation = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(figures, expected);
    assert_eq!(figures.cases, 3);

    let o = run(&["eval", a, b], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains(&format!("precision {:.3}", expected.precision)), "{text}");
    assert!(text.contains(&format!("F1 {:.3}", expected.f1)), "{text}");
    assert!(text.contains(&format!("accuracy   {:.1}%", expected.accuracy * 100.0)), "{text}");
    assert!(text.contains("expected \\ got"), "{text}");
    for miss in &expected.misses {
        let line =
            text.lines().find(|l| l.contains(&miss.id)).unwrap_or_else(|| panic!("{} listed in {text}", miss.id));
        assert!(miss.rules.iter().all(|r| line.contains(r.as_str())), "{line}");
    }
    if expected.misses.is_empty() {
        assert!(text.contains("no misses"), "{text}");
    }
    // stdin works too.
    let o = run(&["eval", "--json", "-"], format!("{OK_CASE}\n").as_bytes());
    assert_eq!(serde_json::from_str::<Evaluation>(&stdout(&o)).unwrap(), library_evaluation(&[OK_CASE]));
}

#[test]
fn eval_rejects_unlabelled_bad_and_empty_corpora() {
    let unlabelled = temp_file("unlabelled.jsonl", format!("{OK_CASE}\n{{\"reply\": \"no label\"}}\n").as_bytes());
    assert_one_line_error(
        &run(&["eval", unlabelled.to_str().unwrap()], b""),
        "unlabelled.jsonl: line 2: case has no \"expect\"",
    );
    let broken = temp_file("broken.jsonl", format!("{OK_CASE}\n{{nope\n").as_bytes());
    assert_one_line_error(&run(&["eval", broken.to_str().unwrap()], b""), "broken.jsonl: line 2: invalid case");
    let empty = temp_file("empty.jsonl", b"\n");
    assert_one_line_error(&run(&["eval", empty.to_str().unwrap()], b""), "empty.jsonl: empty input");
    assert_one_line_error(&run(&["eval", "/nonexistent/corpus.jsonl"], b""), "cannot read '/nonexistent/corpus.jsonl'");
}

#[test]
fn rules_lists_the_catalogue_as_json_and_as_a_table() {
    let o = run(&["rules", "--json"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json, serde_json::to_value(rules()).unwrap());

    let o = run(&["rules"], b"");
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(header, ["id", "kind", "category", "weight", "message"]);
    for rule in rules() {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule.id))
            .unwrap_or_else(|| panic!("{} in {text}", rule.id));
        assert!(line.contains(rule.category) && line.contains(rule.message), "{line}");
        assert!(line.contains(&rule.weight.to_string()), "{line}");
    }
    assert!(text.ends_with(&format!("{} rules\n", rules().len())), "{text}");
}

/// Runs the binary on a pseudo-terminal through util-linux `script`, or None where it is missing.
fn run_on_terminal(args: &str, env: &[(&str, &str)]) -> Option<String> {
    if !std::path::Path::new("/usr/bin/script").exists() {
        eprintln!("skipping terminal checks: /usr/bin/script (util-linux) not installed");
        return None;
    }
    let o = Command::new("/usr/bin/script")
        .args(["-qec", &format!("'{BIN}' {args}"), "/dev/null"])
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("run script");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    Some(String::from_utf8(o.stdout).unwrap().replace("\r\n", "\n"))
}

#[test]
fn on_a_terminal_json_is_pretty_and_explain_is_coloured_unless_no_color() {
    let path = temp_file("terminal.json", PITCH_CASE.as_bytes());
    let file = path.to_str().unwrap();
    let Some(pretty) = run_on_terminal(&format!("analyze '{file}'"), &[]) else { return };
    assert!(pretty.starts_with("{\n  \"level\": "), "{pretty:?}");
    assert_eq!(serde_json::from_str::<Report>(&pretty).unwrap(), library_report(PITCH_CASE, &Config::default()));
    let compact = run_on_terminal(&format!("analyze --compact '{file}'"), &[]).unwrap();
    assert_eq!(compact.lines().count(), 1, "{compact:?}");
    let coloured = run_on_terminal(&format!("analyze --explain '{file}'"), &[]).unwrap();
    assert!(coloured.starts_with("\x1b[1;"), "{coloured:?}");
    let plain = run_on_terminal(&format!("analyze --explain '{file}'"), &[("NO_COLOR", "1")]).unwrap();
    assert!(!plain.contains('\x1b'), "{plain:?}");
    let empty_no_color = run_on_terminal(&format!("analyze --explain '{file}'"), &[("NO_COLOR", "")]).unwrap();
    assert!(empty_no_color.contains('\x1b'), "an empty NO_COLOR does not disable colour: {empty_no_color:?}");
}
