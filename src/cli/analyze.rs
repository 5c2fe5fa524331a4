//! `read-the-room analyze`: one case in, one report out (JSON or the --explain view), or
//! with --jsonl a stream of cases scored by one Analyzer, one output line per input line.
//! It never holds more than one input line in memory in --jsonl mode.

use super::args::AnalyzeArgs;
use super::{explain, input, output_error, to_json, use_colour, write_stdout, Failure, EXIT_SOME_LINES_FAILED};
use read_the_room::parse_case;
use std::io::{self, Write};
use std::process::ExitCode;

pub fn run(args: &AnalyzeArgs) -> Result<ExitCode, Failure> {
    let analyzer = input::analyzer(args.config.as_deref())?;
    if args.jsonl {
        return run_jsonl(args, &analyzer);
    }
    let (name, text) = input::read_text(args.input.as_deref())?;
    let case = parse_case(&text).map_err(|e| Failure::Input(format!("{name}: {e}")))?;
    let report = analyzer.analyze(&case);
    let output = if args.explain {
        explain::render(&case, &report, use_colour(args.color))
    } else {
        to_json(&report, args.style)
    };
    write_stdout(output.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn run_jsonl(args: &AnalyzeArgs, analyzer: &read_the_room::Analyzer) -> Result<ExitCode, Failure> {
    let mut source = input::open(args.input.as_deref())?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut failed: Vec<usize> = Vec::new();
    let cases = input::for_each_line(&mut source, |line, text| {
        // Positions inside a line are always on its line 1; "line" in the object says which line.
        let outcome = text
            .and_then(|text| parse_case(text).map_err(|e| e.to_string().replace(" at line 1 column ", " at column ")));
        let json = match outcome {
            Ok(case) => serde_json::to_string(&analyzer.analyze(&case)),
            Err(message) => {
                failed.push(line);
                serde_json::to_string(&serde_json::json!({ "error": message, "line": line }))
            }
        }
        .map_err(|e| Failure::Input(format!("line {line}: cannot serialise output: {e}")))?;
        // Flush per line so a reader sees each report while the next line is still coming.
        writeln!(out, "{json}").and_then(|_| out.flush()).map_err(output_error)
    })?;
    out.flush().map_err(output_error)?;
    if cases == 0 {
        return Err(Failure::Input(format!("{}: empty input: expected one case as JSON per line", source.name)));
    }
    if let Some(first) = failed.first() {
        let _ = writeln!(
            io::stderr(),
            "error: {}: {} of {cases} lines could not be scored (first: line {first})",
            source.name,
            failed.len()
        );
        return Ok(ExitCode::from(EXIT_SOME_LINES_FAILED));
    }
    Ok(ExitCode::SUCCESS)
}
