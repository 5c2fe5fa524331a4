//! The labelled corpus (`corpus/MANIFEST.json` and the batches it lists): loading, and the
//! checks a batch must pass before anything trains on it. Native only (reads files).

use crate::{Case, Level};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Which part of the corpus a batch belongs to. Assigned per batch, never per case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Fit on.
    Train,
    /// Hyper-parameters are chosen on it.
    Validation,
    /// Reported, never tuned on.
    Test,
    /// Frozen and checked like the others, but neither trained on nor reported: validation
    /// showed that training on it made the models worse (corpus/README.md says which and why).
    Held,
}

impl Split {
    /// The name used in the manifest and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Validation => "validation",
            Split::Test => "test",
            Split::Held => "held",
        }
    }
    /// Parses "train", "validation" (or "val"), "test" and "held".
    pub fn parse(s: &str) -> Option<Split> {
        match s {
            "train" => Some(Split::Train),
            "validation" | "val" => Some(Split::Validation),
            "test" => Some(Split::Test),
            "held" => Some(Split::Held),
            _ => None,
        }
    }
}

/// What a batch holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BatchKind {
    /// Reply cases (`batches/`).
    Cases,
    /// Thread messages labelled by what they ask (`messages/`).
    Messages,
}

/// Blind second-annotation figures for one batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", default)]
pub struct Agreement {
    /// Cases relabelled blind.
    pub sample: usize,
    /// Three-way (or four-way for `asks`) accuracy of the second annotator against the writer.
    pub acc3: f64,
    /// Cohen's kappa on binary pitch (cases) or binary offers (messages).
    pub pitch_kappa: f64,
    /// Cohen's kappa on the three levels (or the four `asks`).
    pub kappa3: f64,
    /// Cohen's kappa on `commercial` (cases only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commercial_kappa: Option<f64>,
    /// Cohen's kappa on `invited` (cases only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invited_kappa: Option<f64>,
    /// Disagreements adjudicated, and how many of them changed the writer's label.
    pub adjudicated: usize,
    /// Labels corrected after adjudication.
    pub corrected: usize,
}

/// One manifest entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub struct BatchInfo {
    /// Path relative to `corpus/`.
    pub file: String,
    /// Cases or messages.
    pub kind: BatchKind,
    /// Train, validation, test, or held (frozen but unused).
    pub split: Split,
    /// Who wrote it (one independent writer per batch; "legacy" for the tuned-on sets).
    pub writer: String,
    /// The brief the writer was given, verbatim.
    pub brief: String,
    /// Number of lines (cases or messages).
    pub cases: usize,
    /// ISO 639-1 codes present.
    pub languages: Vec<String>,
    /// Blind second-annotation figures (absent for legacy sets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Agreement>,
    /// Legacy sets only: a file (relative to `corpus/`) of `{"id", "commercial", "invited"}`
    /// added later by an annotator, merged into cases that lack them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<String>,
}

/// `corpus/MANIFEST.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Every batch, in order.
    pub batches: Vec<BatchInfo>,
}

/// A labelled reply case: DESIGN.md's case plus the two answers behind the level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelledCase {
    /// The case (its `id`, `expect` and `note` included).
    #[serde(flatten)]
    pub case: Case,
    /// Is the reply commercial? (absent only on legacy cases)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commercial: Option<bool>,
    /// Did the thread invite an offer of this kind where the reply is posted?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited: Option<bool>,
    /// The reply's ISO 639-1 language code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// A declared pair: the same reply under another thread of the same batch, labelled differently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair: Option<String>,
    /// The request for offers sits in a sibling comment, not in the message replied to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sibling: Option<bool>,
}

/// What a thread message asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Asks {
    /// Asks for products, services, vendors, quotes, places to buy, someone to hire; or a share-your-work thread.
    Offers,
    /// Rules offers or advice out.
    Refuses,
    /// A request already filled.
    Closed,
    /// Anything else: opinions, comparisons, how-to, stories, news, chit-chat.
    None,
}

impl Asks {
    /// All four, in the order the invitation model's outputs use.
    pub const ALL: [Asks; 4] = [Asks::Offers, Asks::Refuses, Asks::Closed, Asks::None];
    /// Index into [`Asks::ALL`].
    pub fn index(self) -> usize {
        Asks::ALL.iter().position(|a| *a == self).unwrap_or(3)
    }
}

/// A thread message labelled by what it asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelledMessage {
    /// Unique id.
    pub id: String,
    /// Site id.
    #[serde(default)]
    pub site: String,
    /// ISO 639-1 code.
    pub lang: String,
    /// "title", "post" or "comment".
    #[serde(default)]
    pub role: String,
    /// The message.
    pub text: String,
    /// The label.
    pub asks: Asks,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A declared hard pair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair: Option<String>,
}

/// A batch as loaded.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Its manifest entry.
    pub info: BatchInfo,
    /// Cases (empty for a message batch).
    pub cases: Vec<LabelledCase>,
    /// Messages (empty for a case batch).
    pub messages: Vec<LabelledMessage>,
}

/// The whole corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The `corpus/` folder.
    pub root: PathBuf,
    /// Every batch, in manifest order.
    pub batches: Vec<Batch>,
}

impl Corpus {
    /// Loads `root/MANIFEST.json` and every file it lists. Legacy entries may point outside
    /// `corpus/` (`../tests/corpus/…`, `../../shared/corpus/dev.jsonl`); a legacy file that is
    /// missing (the shared folder absent) is skipped, any other problem is an error.
    pub fn load(root: &Path) -> Result<Corpus, String> {
        let manifest_path = root.join("MANIFEST.json");
        let text = std::fs::read_to_string(&manifest_path).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
        let mut batches = Vec::with_capacity(manifest.batches.len());
        for info in manifest.batches {
            let path = root.join(&info.file);
            let content = match std::fs::read_to_string(&path) {
                Ok(c) => c,
                Err(_) if info.writer == "legacy" && !path.exists() => continue,
                Err(e) => return Err(format!("{}: {e}", path.display())),
            };
            let mut batch = Batch { info, cases: Vec::new(), messages: Vec::new() };
            for (n, line) in content.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let at = || format!("{}:{}", batch.info.file, n + 1);
                match batch.info.kind {
                    BatchKind::Cases => batch.cases.push(serde_json::from_str(line).map_err(|e| format!("{}: {e}", at()))?),
                    BatchKind::Messages => batch.messages.push(serde_json::from_str(line).map_err(|e| format!("{}: {e}", at()))?),
                }
            }
            if let Some(rel) = batch.info.annotations.clone() {
                let path = root.join(&rel);
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let mut by_id: std::collections::HashMap<String, (Option<bool>, Option<bool>)> = std::collections::HashMap::new();
                for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                    #[derive(Deserialize)]
                    struct Note {
                        id: String,
                        commercial: Option<bool>,
                        invited: Option<bool>,
                    }
                    let note: Note = serde_json::from_str(line).map_err(|e| format!("{rel}:{}: {e}", n + 1))?;
                    by_id.insert(note.id, (note.commercial, note.invited));
                }
                for c in &mut batch.cases {
                    if let Some((commercial, invited)) = c.case.id.as_ref().and_then(|id| by_id.get(id)) {
                        c.commercial = c.commercial.or(*commercial);
                        c.invited = c.invited.or(*invited);
                    }
                }
            }
            batches.push(batch);
        }
        Ok(Corpus { root: root.to_path_buf(), batches })
    }

    /// The corpus beside the crate (`corpus/` at the repository root).
    pub fn default_root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
    }

    /// Cases of one split, with the batch each came from.
    pub fn cases(&self, split: Split) -> impl Iterator<Item = (&BatchInfo, &LabelledCase)> {
        self.batches.iter().filter(move |b| b.info.split == split).flat_map(|b| b.cases.iter().map(move |c| (&b.info, c)))
    }

    /// Messages of one split.
    pub fn messages(&self, split: Split) -> impl Iterator<Item = (&BatchInfo, &LabelledMessage)> {
        self.batches.iter().filter(move |b| b.info.split == split).flat_map(|b| b.messages.iter().map(move |m| (&b.info, m)))
    }
}

/// The level of a labelled case (every corpus case has one; checked by the validator).
pub fn level_of(case: &LabelledCase) -> Level {
    case.case.expect.unwrap_or(Level::Ok)
}
