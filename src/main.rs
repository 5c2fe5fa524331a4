//! `read-the-room`: the command-line face of the analyzer.
//!
//! `analyze` scores a case (or a JSON Lines stream), `eval` scores labelled corpora,
//! `rules` lists the catalogue. It only reads the files and stdin it is given, writes to
//! stdout/stderr, and never talks to the network. Exit codes: 0 success, 1 some --jsonl
//! lines failed, 2 usage or input error (one line on stderr).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = match std::env::args_os().skip(1).map(|a| a.into_string()).collect() {
        Ok(args) => args,
        Err(bad) => {
            let bad = bad.to_string_lossy().into_owned();
            return cli::report_failure(cli::Failure::Usage(format!("argument '{bad}' is not valid UTF-8")));
        }
    };
    match cli::parse(&args).and_then(cli::run) {
        Ok(code) => code,
        Err(failure) => cli::report_failure(failure),
    }
}
