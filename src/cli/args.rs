//! Command-line parsing for `read-the-room`, by hand (no dependency) and strict:
//! unknown options, missing values and extra arguments are usage errors.
//! It never touches files or the analyzer; it only turns argv into a `Command`.

use super::help::{TRAIN_HELP, ANALYZE_HELP, EVAL_HELP, MAIN_HELP, RULES_HELP};
use super::Failure;
use read_the_room::corpus::Split;

/// When to colour the `--explain` view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is unset or empty.
    Auto,
    Always,
    Never,
}

/// How to print JSON documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonStyle {
    /// Pretty on a terminal, compact otherwise.
    Auto,
    Pretty,
    Compact,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzeArgs {
    /// File path; `None` or `-` reads stdin.
    pub input: Option<String>,
    pub config: Option<String>,
    pub jsonl: bool,
    pub explain: bool,
    pub style: JsonStyle,
    pub color: ColorChoice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalArgs {
    pub files: Vec<String>,
    pub config: Option<String>,
    pub json: bool,
    pub style: JsonStyle,
    /// Score a split of corpus/MANIFEST.json instead of files.
    pub split: Option<Split>,
    /// The corpus folder (default: corpus/ of this checkout).
    pub corpus: Option<String>,
    /// The hand-tuned scorer, or the learned one (the default, as in analyze and the extension).
    pub hand: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainArgs {
    pub corpus: Option<String>,
    pub out: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesArgs {
    pub json: bool,
    pub style: JsonStyle,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Print this text on stdout and exit 0.
    Help(&'static str),
    Version,
    Analyze(AnalyzeArgs),
    Eval(EvalArgs),
    Train(TrainArgs),
    Rules(RulesArgs),
}

/// One token of the command line.
enum Token {
    /// `--name`, `--name=value` or `-x`; the inline value when given with `=`.
    Option(String, Option<String>),
    Positional(String),
}

fn tokenize(args: &[String]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest_positional = false;
    for arg in args {
        if rest_positional || arg == "-" || !arg.starts_with('-') {
            tokens.push(Token::Positional(arg.clone()));
        } else if arg == "--" {
            rest_positional = true;
        } else if let Some((name, value)) = arg.split_once('=').filter(|_| arg.starts_with("--")) {
            tokens.push(Token::Option(name.to_string(), Some(value.to_string())));
        } else {
            tokens.push(Token::Option(arg.clone(), None));
        }
    }
    tokens
}

fn usage(command: &str, message: String) -> Failure {
    let help =
        if command.is_empty() { "read-the-room --help".to_string() } else { format!("read-the-room {command} --help") };
    Failure::Usage(format!("{message} (see '{help}')"))
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, Failure> {
    let Some((first, rest)) = args.split_first() else {
        return Err(usage("", "missing command: analyze, eval or rules".into()));
    };
    match first.as_str() {
        "-h" | "--help" => Ok(Command::Help(MAIN_HELP)),
        "-V" | "--version" => Ok(Command::Version),
        "help" => match rest {
            [] => Ok(Command::Help(MAIN_HELP)),
            [name] => help_for(name).map(Command::Help).ok_or_else(|| usage("", format!("unknown command '{name}'"))),
            _ => Err(usage("", "help takes at most one command".into())),
        },
        "analyze" => parse_analyze(rest),
        "eval" => parse_eval(rest),
        "train" => parse_train(rest),
        "rules" => parse_rules(rest),
        other if other.starts_with('-') => Err(usage("", format!("unknown option '{other}'"))),
        other => Err(usage("", format!("unknown command '{other}'"))),
    }
}

fn help_for(name: &str) -> Option<&'static str> {
    match name {
        "analyze" => Some(ANALYZE_HELP),
        "eval" => Some(EVAL_HELP),
        "train" => Some(TRAIN_HELP),
        "rules" => Some(RULES_HELP),
        _ => None,
    }
}

/// Walks the tokens of one subcommand: answers help at once, hands every option and
/// positional to `on_option` / `on_positional`, which reject what they don't know.
fn walk(
    command: &'static str,
    args: &[String],
    mut on_option: impl FnMut(&str, &mut dyn FnMut() -> Result<String, Failure>, bool) -> Result<bool, Failure>,
    mut on_positional: impl FnMut(String) -> Result<(), Failure>,
) -> Result<Option<Command>, Failure> {
    // Help wins over everything else on the line, even other mistakes.
    if args.iter().take_while(|a| *a != "--").any(|a| a == "-h" || a == "--help") {
        return Ok(Some(Command::Help(help_for(command).unwrap_or(MAIN_HELP))));
    }
    let mut tokens = tokenize(args).into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            Token::Positional(value) => on_positional(value)?,
            Token::Option(name, inline) => {
                let has_inline = inline.is_some();
                let mut inline = inline;
                let mut value = || -> Result<String, Failure> {
                    if let Some(v) = inline.take() {
                        return Ok(v);
                    }
                    match tokens.next() {
                        Some(Token::Positional(v)) => Ok(v),
                        _ => Err(usage(command, format!("option '{name}' needs a value"))),
                    }
                };
                let known = on_option(&name, &mut value, has_inline)?;
                if !known {
                    return Err(usage(command, format!("unknown option '{name}' for '{command}'")));
                }
            }
        }
    }
    Ok(None)
}

fn flag(command: &str, name: &str, has_inline: bool) -> Result<bool, Failure> {
    if has_inline {
        Err(usage(command, format!("option '{name}' takes no value")))
    } else {
        Ok(true)
    }
}

fn style_flag(command: &str, name: &str, has_inline: bool, style: &mut JsonStyle) -> Result<bool, Failure> {
    let wanted = match name {
        "--pretty" => JsonStyle::Pretty,
        "--compact" => JsonStyle::Compact,
        _ => return Ok(false),
    };
    flag(command, name, has_inline)?;
    if *style != JsonStyle::Auto && *style != wanted {
        return Err(usage(command, "choose one of --pretty and --compact".into()));
    }
    *style = wanted;
    Ok(true)
}

fn parse_analyze(args: &[String]) -> Result<Command, Failure> {
    const CMD: &str = "analyze";
    let mut a = AnalyzeArgs {
        input: None,
        config: None,
        jsonl: false,
        explain: false,
        style: JsonStyle::Auto,
        color: ColorChoice::Auto,
    };
    let mut input: Option<String> = None;
    let mut extra: Option<String> = None;
    let help = walk(
        CMD,
        args,
        |name, value, inline| match name {
            "--config" => {
                a.config = Some(value()?);
                Ok(true)
            }
            "--jsonl" => {
                a.jsonl = flag(CMD, name, inline)?;
                Ok(true)
            }
            "--explain" => {
                a.explain = flag(CMD, name, inline)?;
                Ok(true)
            }
            "--color" | "--colour" => {
                a.color = match value()?.as_str() {
                    "auto" => ColorChoice::Auto,
                    "always" => ColorChoice::Always,
                    "never" => ColorChoice::Never,
                    other => return Err(usage(CMD, format!("--color must be auto, always or never, not '{other}'"))),
                };
                Ok(true)
            }
            _ => style_flag(CMD, name, inline, &mut a.style),
        },
        |value| {
            if input.is_none() {
                input = Some(value)
            } else if extra.is_none() {
                extra = Some(value)
            }
            Ok(())
        },
    )?;
    if let Some(help) = help {
        return Ok(help);
    }
    if let Some(extra) = extra {
        return Err(usage(
            CMD,
            format!("unexpected argument '{extra}': analyze reads one FILE (use --jsonl for many cases)"),
        ));
    }
    if a.explain && a.jsonl {
        return Err(usage(CMD, "--explain shows one case; it cannot be combined with --jsonl".into()));
    }
    a.input = input.filter(|i| i != "-");
    Ok(Command::Analyze(a))
}

fn parse_eval(args: &[String]) -> Result<Command, Failure> {
    const CMD: &str = "eval";
    let mut e = EvalArgs { files: Vec::new(), config: None, json: false, style: JsonStyle::Auto, split: None, corpus: None, hand: false };
    let mut files = Vec::new();
    let help = walk(
        CMD,
        args,
        |name, value, inline| match name {
            "--config" => {
                e.config = Some(value()?);
                Ok(true)
            }
            "--json" => {
                e.json = flag(CMD, name, inline)?;
                Ok(true)
            }
            "--split" => {
                let v = value()?;
                let Some(split) = Split::parse(&v) else {
                    return Err(usage(CMD, format!("--split takes train, validation, test or held, not '{v}'")));
                };
                e.split = Some(split);
                Ok(true)
            }
            "--corpus" => {
                e.corpus = Some(value()?);
                Ok(true)
            }
            "--scorer" => {
                let v = value()?;
                e.hand = match v.as_str() {
                    "learned" => false,
                    "hand" => true,
                    _ => return Err(usage(CMD, format!("--scorer takes learned or hand, not '{v}'"))),
                };
                Ok(true)
            }
            _ => style_flag(CMD, name, inline, &mut e.style),
        },
        |value| {
            files.push(value);
            Ok(())
        },
    )?;
    if let Some(help) = help {
        return Ok(help);
    }
    if files.is_empty() && e.split.is_none() {
        return Err(usage(CMD, "missing FILE.jsonl: eval needs at least one labelled corpus (or --split)".into()));
    }
    if !files.is_empty() && e.split.is_some() {
        return Err(usage(CMD, "give either files or --split, not both".into()));
    }
    e.files = files;
    Ok(Command::Eval(e))
}

fn parse_train(args: &[String]) -> Result<Command, Failure> {
    const CMD: &str = "train";
    let mut t = TrainArgs { corpus: None, out: "model/read-the-room.model".into() };
    let help = walk(
        CMD,
        args,
        |name, value, _inline| match name {
            "--corpus" => {
                t.corpus = Some(value()?);
                Ok(true)
            }
            "--out" => {
                t.out = value()?;
                Ok(true)
            }
            _ => Ok(false),
        },
        |value| Err(usage(CMD, format!("unexpected argument '{value}': train takes only options"))),
    )?;
    Ok(help.unwrap_or(Command::Train(t)))
}

fn parse_rules(args: &[String]) -> Result<Command, Failure> {
    const CMD: &str = "rules";
    let mut r = RulesArgs { json: false, style: JsonStyle::Auto };
    let help = walk(
        CMD,
        args,
        |name, _value, inline| match name {
            "--json" => {
                r.json = flag(CMD, name, inline)?;
                Ok(true)
            }
            _ => style_flag(CMD, name, inline, &mut r.style),
        },
        |value| Err(usage(CMD, format!("unexpected argument '{value}': rules takes no arguments"))),
    )?;
    Ok(help.unwrap_or(Command::Rules(r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(line: &str) -> Result<Command, Failure> {
        parse(&line.split_whitespace().map(String::from).collect::<Vec<_>>())
    }

    fn usage_message(line: &str) -> String {
        match parse_str(line) {
            Err(Failure::Usage(m)) => m,
            other => panic!("expected a usage error for {line:?}, got {other:?}"),
        }
    }

    #[test]
    fn analyze_options_in_any_order_and_with_equals() {
        let Ok(Command::Analyze(a)) =
            parse_str("analyze --compact case.json --config=cfg.json --explain --color never")
        else {
            panic!()
        };
        assert_eq!(a.input.as_deref(), Some("case.json"));
        assert_eq!(a.config.as_deref(), Some("cfg.json"));
        assert!(a.explain && !a.jsonl);
        assert_eq!((a.style, a.color), (JsonStyle::Compact, ColorChoice::Never));
        let Ok(Command::Analyze(a)) = parse_str("analyze --jsonl -") else { panic!() };
        assert!(a.jsonl && a.input.is_none());
        let Ok(Command::Analyze(a)) = parse_str("analyze -- --odd-name.json") else { panic!() };
        assert_eq!(a.input.as_deref(), Some("--odd-name.json"));
    }

    #[test]
    fn help_and_version_anywhere() {
        assert_eq!(parse_str("--help").unwrap(), Command::Help(MAIN_HELP));
        assert_eq!(parse_str("help eval").unwrap(), Command::Help(EVAL_HELP));
        assert_eq!(parse_str("analyze --bogus -h").unwrap(), Command::Help(ANALYZE_HELP));
        assert_eq!(parse_str("rules --help").unwrap(), Command::Help(RULES_HELP));
        assert_eq!(parse_str("-V").unwrap(), Command::Version);
    }

    #[test]
    fn mistakes_are_usage_errors_naming_the_problem() {
        assert!(usage_message("").contains("missing command"));
        assert!(usage_message("frobnicate").contains("unknown command 'frobnicate'"));
        assert!(usage_message("analyze --bogus").contains("unknown option '--bogus'"));
        assert!(usage_message("analyze --config").contains("'--config' needs a value"));
        assert!(usage_message("analyze --jsonl=yes").contains("takes no value"));
        assert!(usage_message("analyze a.json b.json").contains("unexpected argument 'b.json'"));
        assert!(usage_message("analyze --jsonl --explain").contains("cannot be combined"));
        assert!(usage_message("analyze --pretty --compact").contains("--pretty and --compact"));
        assert!(usage_message("analyze --color sometimes").contains("auto, always or never"));
        assert!(usage_message("eval").contains("missing FILE.jsonl"));
        assert!(usage_message("rules extra").contains("takes no arguments"));
        assert!(usage_message("eval --bogus x.jsonl").contains("read-the-room eval --help"));
    }
}
