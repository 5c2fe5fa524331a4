//! `read-the-room eval` (labelled corpora → figures) and `read-the-room rules` (the catalogue).
//! Eval streams each file line by line and exits 0 whatever the figures: floors live in tests.

use super::args::{EvalArgs, RulesArgs, TrainArgs};
use read_the_room::corpus::{Corpus, Split};
use read_the_room::eval::SplitFigures;
use super::{input, to_json, write_stdout, Failure};
use read_the_room::eval::Evaluator;
use read_the_room::{parse_case, rules as catalogue};
use std::fmt::Write as _;
use std::process::ExitCode;

/// The learned scorer's `pitch` is P(commercial) × 100: a reply counts as commercial from 50.
const LEARNED_COMMERCIAL_CUT: u8 = 50;

pub fn eval(args: &EvalArgs) -> Result<ExitCode, Failure> {
    let analyzer = input::analyzer_with(args.config.as_deref(), args.hand)?;
    let mut evaluator = Evaluator::new();
    let mut total = 0;
    let stdin_once = args.files.iter().filter(|f| *f == "-").count();
    if stdin_once > 1 {
        return Err(Failure::Usage("'-' (stdin) can be given only once (see 'read-the-room eval --help')".into()));
    }
    for path in &args.files {
        let mut source = input::open(Some(path))?;
        let name = source.name.clone();
        let cases = input::for_each_line(&mut source, |line, text| {
            let text = text.map_err(|e| Failure::Input(format!("{name}: line {line}: {e}")))?;
            let case = parse_case(text).map_err(|e| Failure::Input(format!("{name}: line {line}: {e}")))?;
            let Some(expected) = case.expect else {
                return Err(Failure::Input(format!(
                    "{name}: line {line}: case has no \"expect\" level (ok, caution or pitch)"
                )));
            };
            let id = case.id.clone().unwrap_or_else(|| format!("{name}:{line}"));
            evaluator.add(id, expected, &analyzer.analyze(&case));
            Ok(())
        })?;
        if cases == 0 {
            return Err(Failure::Input(format!("{name}: empty input: expected labelled cases, one JSON per line")));
        }
        total += cases;
    }
    let figures = evaluator.finish();
    debug_assert_eq!(figures.cases, total);
    let output = if args.json { to_json(&figures, args.style) } else { figures.render(usize::MAX) };
    write_stdout(output.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `eval --split NAME`: one split of the manifest, per batch and in all.
pub fn eval_split(args: &EvalArgs) -> Result<ExitCode, Failure> {
    let Some(split) = args.split else {
        return Err(Failure::Usage("eval_split needs --split".into()));
    };
    let root = args.corpus.as_ref().map(std::path::PathBuf::from).unwrap_or_else(Corpus::default_root);
    let corpus = Corpus::load(&root).map_err(Failure::Input)?;
    let analyzer = input::analyzer_with(args.config.as_deref(), args.hand)?;
    let figures = SplitFigures::measure(&corpus, split, &analyzer, if args.hand { read_the_room::CLEARLY_COMMERCIAL_POINTS } else { LEARNED_COMMERCIAL_CUT });
    if figures.total.cases == 0 {
        return Err(Failure::Input(format!("{}: the {} split has no cases", root.display(), split.as_str())));
    }
    let output = if args.json { to_json(&figures, args.style) } else { figures.render() };
    write_stdout(output.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `train`: fit the models and write the model file.
pub fn train(args: &TrainArgs) -> Result<ExitCode, Failure> {
    let root = args.corpus.as_ref().map(std::path::PathBuf::from).unwrap_or_else(Corpus::default_root);
    let corpus = Corpus::load(&root).map_err(Failure::Input)?;
    let trained = read_the_room::learned::train::train(&corpus).map_err(Failure::Input)?;
    write_stdout(trained.log.as_bytes())?;
    let bytes = trained.model.to_bytes();
    std::fs::write(&args.out, &bytes).map_err(|e| Failure::Input(format!("{}: {e}", args.out)))?;
    write_stdout(format!("wrote {}\n", args.out).as_bytes())?;
    // The figures above come from the unquantised models and unrounded scores; read the file
    // back and score validation as `eval` does, so the two commands print the same numbers.
    let written = read_the_room::learned::model::Model::from_bytes(&bytes).map_err(|e| Failure::Input(format!("{}: {e}", args.out)))?;
    let analyzer = read_the_room::Analyzer::with_model(read_the_room::Config::default(), Box::leak(Box::new(written)))
        .map_err(|e| Failure::Input(e.to_string()))?;
    let v = SplitFigures::measure(&corpus, Split::Validation, &analyzer, LEARNED_COMMERCIAL_CUT).total;
    write_stdout(
        format!(
            "validation, scoring {} as eval does: pitch F1 {:.3}  ok->pitch {:.1}%  3-way accuracy {:.3}  commercial F1 {:.3}  invited F1 {:.3}\n",
            args.out, v.f1, v.ok_called_pitch_share * 100.0, v.accuracy, v.commercial_f1, v.invited_f1
        )
        .as_bytes(),
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn rules(args: &RulesArgs) -> Result<ExitCode, Failure> {
    let rules = catalogue();
    if args.json {
        write_stdout(to_json(&rules, args.style).as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let kind = |k: read_the_room::rules::Kind| match k {
        read_the_room::rules::Kind::Signal => "signal",
        read_the_room::rules::Kind::Mitigation => "mitigation",
        read_the_room::rules::Kind::Invitation => "invitation",
        read_the_room::rules::Kind::Refusal => "refusal",
        read_the_room::rules::Kind::Discussion => "discussion",
    };
    let id_width = rules.iter().map(|r| r.id.chars().count()).max().unwrap_or(0).max("id".len());
    let category_width = rules.iter().map(|r| r.category.chars().count()).max().unwrap_or(0).max("category".len());
    let mut out = String::new();
    let _ =
        writeln!(out, "{:<id_width$}  {:<10}  {:<category_width$}  {:>6}  message", "id", "kind", "category", "weight");
    for rule in &rules {
        let _ = writeln!(
            out,
            "{:<id_width$}  {:<10}  {:<category_width$}  {:>6}  {}",
            rule.id,
            kind(rule.kind),
            rule.category,
            rule.weight,
            rule.message
        );
    }
    let _ = writeln!(out, "{} rules", rules.len());
    write_stdout(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
