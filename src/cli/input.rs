//! Reading what the CLI is given: a file or stdin, whole or line by line, checked as UTF-8,
//! and the optional config file. Errors name the file and the position; nothing here panics
//! or scores text.

use super::Failure;
use read_the_room::{parse_config, Analyzer, Config};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

/// The display name of stdin in messages.
pub const STDIN: &str = "<stdin>";

const BOM: &str = "\u{feff}";

/// An open input: its display name and a buffered reader.
pub struct Source {
    pub name: String,
    pub reader: Box<dyn BufRead>,
}

/// Opens `path`, or stdin when `None` or `-`.
pub fn open(path: Option<&str>) -> Result<Source, Failure> {
    match path {
        None | Some("-") => Ok(Source { name: STDIN.into(), reader: Box::new(BufReader::new(io::stdin())) }),
        Some(path) => {
            let file = File::open(path).map_err(|e| Failure::Input(format!("cannot read '{path}': {e}")))?;
            Ok(Source { name: path.into(), reader: Box::new(BufReader::new(file)) })
        }
    }
}

/// Reads a whole input as UTF-8 text.
pub fn read_text(path: Option<&str>) -> Result<(String, String), Failure> {
    let mut source = open(path)?;
    let mut bytes = Vec::new();
    source.reader.read_to_end(&mut bytes).map_err(|e| Failure::Input(format!("{}: cannot read: {e}", source.name)))?;
    let mut text =
        utf8(bytes).map_err(|where_| Failure::Input(format!("{}: not valid UTF-8 {where_}", source.name)))?;
    // Editors on Windows often start files with a byte-order mark; it is not part of the JSON.
    if text.starts_with(BOM) {
        text.drain(..BOM.len());
    }
    Ok((source.name, text))
}

/// Converts bytes to a String, or says where the first bad byte is ("at line L, column C (byte B)").
pub fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let before = &bytes[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        // Column in characters, 1-based, like serde_json's; the prefix is valid UTF-8.
        let column = std::str::from_utf8(&before[line_start..]).map_or(at - line_start, |s| s.chars().count()) + 1;
        format!("at line {line}, column {column} (byte {at})")
    })
}

/// Calls `visit(line_number, text)` for every non-blank line, streaming: one line in memory
/// at a time. `text` is `Err(where)` when the line is not valid UTF-8. Returns how many
/// non-blank lines there were. A read error stops with a `Failure`.
pub fn for_each_line(
    source: &mut Source,
    mut visit: impl FnMut(usize, Result<&str, String>) -> Result<(), Failure>,
) -> Result<usize, Failure> {
    let mut buffer = Vec::new();
    let mut line_number = 0;
    let mut seen = 0;
    loop {
        buffer.clear();
        let read = source
            .reader
            .read_until(b'\n', &mut buffer)
            .map_err(|e| Failure::Input(format!("{}: cannot read line {}: {e}", source.name, line_number + 1)))?;
        if read == 0 {
            return Ok(seen);
        }
        line_number += 1;
        if line_number == 1 && buffer.starts_with(BOM.as_bytes()) {
            buffer.drain(..BOM.len());
        }
        while matches!(buffer.last(), Some(b'\n' | b'\r')) {
            buffer.pop();
        }
        match std::str::from_utf8(&buffer) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => {
                seen += 1;
                visit(line_number, Ok(text))?;
            }
            Err(e) => {
                seen += 1;
                let column = std::str::from_utf8(&buffer[..e.valid_up_to()]).map_or(0, |s| s.chars().count()) + 1;
                visit(
                    line_number,
                    Err(format!("not valid UTF-8 at column {column} (byte {} of the line)", e.valid_up_to())),
                )?;
            }
        }
    }
}

/// Builds the analyzer, from `--config FILE` when given.
pub fn analyzer(config_path: Option<&str>) -> Result<Analyzer, Failure> {
    analyzer_with(config_path, read_the_room::Scorer::default() == read_the_room::Scorer::Hand)
}

/// The analyzer with the hand-tuned scorer when `hand`.
pub fn analyzer_with(config_path: Option<&str>, hand: bool) -> Result<Analyzer, Failure> {
    let config = match config_path {
        None => Config::default(),
        Some(path) => {
            let (name, text) = read_text(Some(path))?;
            parse_config(&text).map_err(|e| Failure::Input(format!("{name}: {e}")))?
        }
    };
    let shown = config_path.unwrap_or("default config");
    let scorer = if hand { read_the_room::Scorer::Hand } else { read_the_room::Scorer::Learned };
    Analyzer::with_scorer(config, scorer).map_err(|e| Failure::Input(format!("{shown}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(bytes: &'static [u8]) -> Source {
        Source { name: "test".into(), reader: Box::new(bytes) }
    }

    #[test]
    fn utf8_errors_say_line_column_and_byte() {
        assert_eq!(utf8(b"ok".to_vec()).unwrap(), "ok");
        assert_eq!(utf8(b"{\n  \"r\xc3\xa9\": \xff}".to_vec()).unwrap_err(), "at line 2, column 9 (byte 11)");
    }

    #[test]
    fn lines_skip_blanks_keep_numbers_and_flag_bad_bytes() {
        let mut seen = Vec::new();
        let count = for_each_line(&mut source(b"\xef\xbb\xbfa\r\n\n   \nb\xfe\nc"), |n, text| {
            seen.push((n, text.map(str::to_string)));
            Ok(())
        })
        .unwrap();
        assert_eq!(count, 3);
        assert_eq!(seen[0], (1, Ok("a".to_string())));
        assert_eq!(seen[1].0, 4);
        assert!(seen[1].1.as_ref().unwrap_err().contains("column 2"));
        assert_eq!(seen[2], (5, Ok("c".to_string())));
    }

    #[test]
    fn missing_file_names_the_file() {
        let Err(Failure::Input(message)) = open(Some("/nonexistent/case.json")) else { panic!("expected an error") };
        assert!(message.contains("cannot read '/nonexistent/case.json'"), "{message}");
    }
}
