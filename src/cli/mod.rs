//! The `read-the-room` command line: argument parsing, input reading, and the three
//! commands (analyze, eval, rules). All scoring goes through the library's public API;
//! nothing here decides a verdict. Errors are values (`Failure`), never panics.

mod analyze;
mod args;
mod commands;
mod explain;
mod help;
mod input;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

pub use args::{parse, Command};

/// Why a command stopped early. Every variant but `ClosedOutput` is printed as one line
/// on stderr and exits 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Bad command line; the message ends with where to find help.
    Usage(String),
    /// Unreadable, malformed or empty input, or a bad config; names the file and position.
    Input(String),
    /// Whoever read our stdout went away (e.g. `| head`): stop quietly.
    ClosedOutput,
}

/// Exit code when some `--jsonl` lines could not be scored.
pub const EXIT_SOME_LINES_FAILED: u8 = 1;
/// Exit code for usage and input errors.
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command, writing results to stdout.
pub fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Help(text) => {
            write_stdout(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Version => {
            write_stdout(format!("read-the-room {}\n", env!("CARGO_PKG_VERSION")).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze(a) => analyze::run(&a),
        Command::Eval(e) if e.split.is_some() => commands::eval_split(&e),
        Command::Eval(e) => commands::eval(&e),
        Command::Train(t) => commands::train(&t),
        Command::Rules(r) => commands::rules(&r),
    }
}

/// Prints a failure as one line on stderr and picks the exit code.
pub fn report_failure(failure: Failure) -> ExitCode {
    match failure {
        Failure::ClosedOutput => ExitCode::SUCCESS,
        Failure::Usage(message) | Failure::Input(message) => {
            let one_line = message.replace(['\n', '\r'], " ");
            // If stderr is gone too there is nobody left to tell.
            let _ = writeln!(io::stderr(), "error: {one_line}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Maps a write error on stdout: a closed pipe stops quietly, anything else is reported.
pub(crate) fn output_error(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::ClosedOutput
    } else {
        Failure::Input(format!("cannot write output: {e}"))
    }
}

pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(bytes).and_then(|_| out.flush()).map_err(output_error)
}

/// Serialises a document for stdout: pretty on a terminal unless told otherwise.
pub(crate) fn to_json<T: serde::Serialize>(value: &T, style: args::JsonStyle) -> String {
    let pretty = match style {
        args::JsonStyle::Pretty => true,
        args::JsonStyle::Compact => false,
        args::JsonStyle::Auto => io::stdout().is_terminal(),
    };
    // Our report and evaluation types have string keys only, so serialising cannot fail.
    let json = if pretty { serde_json::to_string_pretty(value) } else { serde_json::to_string(value) };
    let mut text = json.unwrap_or_else(|e| format!("{{\"error\":\"cannot serialise output: {e}\"}}"));
    text.push('\n');
    text
}

/// Colour decision for human output (https://no-color.org: a non-empty NO_COLOR disables).
pub(crate) fn use_colour(choice: args::ColorChoice) -> bool {
    match choice {
        args::ColorChoice::Always => true,
        args::ColorChoice::Never => false,
        args::ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}
