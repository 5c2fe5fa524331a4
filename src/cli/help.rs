//! The help texts printed by `--help` / `-h` / `help <COMMAND>`. Text only, no logic.

pub const MAIN_HELP: &str = "\
read-the-room: warns when a reply sounds like a sales pitch the thread did not invite

Usage: read-the-room <COMMAND> [OPTIONS]

Commands:
  analyze   Score one case (or one case per line with --jsonl) and print its report
  eval      Score labelled cases (JSON Lines with \"expect\") and print precision/recall/F1
  rules     List the rule catalogue
  help      Print this help, or a command's help (help <COMMAND>)

Options:
  -h, --help     Print help
  -V, --version  Print version

Exit codes: 0 success; 1 some --jsonl lines failed; 2 usage or input error.
";

pub const ANALYZE_HELP: &str = "\
Score a reply against its thread and print the report as JSON.

Usage: read-the-room analyze [OPTIONS] [FILE|-]

Reads one case ({\"thread\": {...}, \"reply\": \"...\"}) from FILE, or stdin when FILE is
missing or '-'.

Options:
      --config <FILE>  Load settings (disabledRules, sensitivity, phrases) from a JSON file
      --jsonl          Read one case per line and print one report per line, in order;
                       blank lines are skipped; a bad line prints {\"error\": ..., \"line\": N}
                       in its place and the exit code is 1
      --explain        Print a human view (level, scores, marked reply, signals,
                       invitations, summary, suggestions, fixes) instead of JSON
      --color <WHEN>   Colour the --explain view: auto (default), always, never;
                       auto colours only on a terminal with NO_COLOR unset
      --pretty         Indent the JSON (default on a terminal)
      --compact        One-line JSON (default when stdout is not a terminal)
  -h, --help           Print help
";

pub const EVAL_HELP: &str = "\
Score labelled cases and report how well the verdicts match the labels.

Usage: read-the-room eval [OPTIONS] <FILE.jsonl>...
       read-the-room eval [OPTIONS] --split <train|validation|test|held>

Each line is a case with \"expect\": \"ok\" | \"caution\" | \"pitch\" (and usually \"id\").
Prints binary pitch precision/recall/F1, three-way accuracy, the share of ok cases called
pitch, the confusion matrix (rows expected, columns got) and every miss with its rules.
Exits 0 whatever the figures; floors belong in tests. '-' reads stdin.

Options:
      --config <FILE>  Load settings from a JSON file
      --split <NAME>   Score one split of corpus/MANIFEST.json, per batch and in all: pitch
                       P/R/F1, three-way accuracy, ok called pitch, and the F1 of the
                       commercial and invitation answers against their labels; 'held' is
                       the frozen batches kept out of training and of the reported figures
      --corpus <DIR>   The corpus folder (default: corpus/ beside the crate)
      --scorer <NAME>  learned (default: the trained models in model/read-the-room.model,
                       as analyze and the extension use) or hand (the hand-tuned rules)
      --json           Print the figures as JSON
      --pretty         Indent the JSON (default on a terminal)
      --compact        One-line JSON (default when stdout is not a terminal)
  -h, --help           Print help
";

pub const RULES_HELP: &str = "\
List the rule catalogue: id, kind, category, weight, message.

Usage: read-the-room rules [OPTIONS]

Options:
      --json     Print the catalogue as JSON
      --pretty   Indent the JSON (default on a terminal)
      --compact  One-line JSON (default when stdout is not a terminal)
  -h, --help     Print help
";

pub const TRAIN_HELP: &str = "\
Train the commercial, invitation and verdict models on corpus/MANIFEST.json's train split,
choose hyper-parameters on validation (the test split is never read), print the figures and
a learning curve, and write the model file. Deterministic: the same corpus gives the same bytes.

Usage: read-the-room train [OPTIONS]

Options:
      --corpus <DIR>   The corpus folder (default: corpus/ beside the crate)
      --out <FILE>     Where to write the model (default: model/read-the-room.model)
  -h, --help           Print help
";
