//! The model file: a header checked at load, then quantised weights.
//!
//! ```text
//! "RTRM"  magic (4 bytes)
//! u16     format version (FORMAT)
//! u32     hash of the feature spec (features::SPEC) and the verdict features (VERDICT_FEATURES)
//! u32     payload length in bytes
//! u32     FNV-1a of the payload
//! payload:
//!   linear × 6          commercial, hard sell, then the invitation model's four classes
//!                       (offers, refuses, closed, none): f32 bias, f32 scale, u8 bits (the
//!                       model has 2^bits buckets; a feature's bucket is its index mod 2^bits),
//!                       u32 count, then count × (varint index delta, i8 weight), or, when
//!                       count = 2^bits, every i8 weight in bucket order; weight = i8 × scale
//!   reader              u32 count, count × f32: the thread reader's constants (READER)
//!   verdict             u32 count (= VERDICT_FEATURES.len()), count × f32 weights, f32 bias,
//!                       f32 t1 (ok|caution), f32 t2 (caution|pitch)
//! ```
//! All numbers little-endian. Any mismatch or truncation is an error, never a guess.

use super::features::{self, BUCKETS};

/// File magic.
pub const MAGIC: &[u8; 4] = b"RTRM";
/// Format version.
pub const FORMAT: u16 = 2;
/// The fewest buckets a linear model may fold its features into (2^this).
pub const MIN_BUCKET_BITS: u32 = 8;

/// Inputs of the verdict model, in order. `u` is 1 − invited; every `u·` input and
/// `refused·c` has a weight ≥ 0 (enforced in training and checked at load), so evidence that
/// the thread asked can only lower the score.
pub const VERDICT_FEATURES: &[&str] = &[
    "c",          // P(commercial)
    "c^2",        // lets the curve bend
    "u·c",        // commercial and not invited                      (≥ 0)
    "u",          // not invited                                     (≥ 0)
    "u·c·(1-rel)", // … and off the thread's topic                    (≥ 0)
    "u·c·(1-ans)", // … and not answering the question first          (≥ 0)
    "u·c·(1-rel)·(1-ans)", // … off the topic's words and not answering  (≥ 0)
    "u·c·empty",  // … under a thread with no text (a bare video)    (≥ 0)
    "u·c·h",      // … and written as a hard sell                    (≥ 0)
    "c·h",        // a hard sell, asked for or not
    "c·ans",      // answers the question before selling
    "c·ans·disclosed", // … and says who they are
    "c·h·ans",    // a hard sell that answers first                  (≤ 0)
    "c·h·disclosed", // a hard sell that says who they are
    "refused·c",  // the thread refused offers                       (≥ 0)
    "disclosed·c", // says who they are
    "short·c",    // five words or fewer
    "contact",    // rule categories that fired in the reply
    "link",
    "offer",
    "cta",
    "self",
    "money",
    "claim",
    "recruit",
    "disclose",
    "helpful",
    "personal",
];
/// Inputs whose weight must be ≤ 0: answering first can only help (and it can only appear
/// when a request is added to the thread).
pub const NON_POSITIVE: &[&str] = &["c·ans", "c·ans·disclosed", "c·h·ans"];
/// Inputs whose weight must be ≥ 0.
pub const NON_NEGATIVE: &[&str] = &["u·c", "u", "u·c·(1-rel)", "u·c·(1-ans)", "u·c·(1-rel)·(1-ans)", "u·c·empty", "u·c·h", "refused·c"];

/// The thread reader's constants, in file order.
pub const READER: &[&str] = &["parent", "post", "title", "other", "referenced", "saturate", "closed_discount", "floor", "single", "refusal", "window", "discussion"];

/// The hash written in the header: the feature spec and the verdict inputs.
pub fn model_spec_hash() -> u32 {
    let verdict = VERDICT_FEATURES.join(",");
    let reader = READER.join(",");
    features::fnv1a32(&[features::SPEC.as_bytes(), b"|", verdict.as_bytes(), b"|", reader.as_bytes()])
}

/// A linear model over hashed features, dense in memory (i8 per bucket).
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    /// Intercept.
    pub bias: f32,
    /// Weight of one quantisation step.
    pub scale: f32,
    /// One quantised weight per bucket.
    pub weights: Vec<i8>,
}

impl Linear {
    /// Weight of a bucket. A model with fewer buckets than the features (a power of two)
    /// folds the feature index into its own: bucket = index mod its size.
    #[inline]
    pub fn weight(&self, index: u32) -> f32 {
        f32::from(self.weights[index as usize & (self.weights.len() - 1)]) * self.scale
    }
    /// Bias plus the sum of weight × value.
    pub fn logit(&self, values: &[(u32, f32)]) -> f32 {
        self.bias + values.iter().map(|&(i, v)| self.weight(i) * v).sum::<f32>()
    }
    /// Quantises float weights (one per bucket, a power of two of them): the step is the
    /// largest magnitude / 127; weights that round to zero are not written.
    pub fn quantise(bias: f32, weights: &[f32]) -> Linear {
        let max = weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let weights = weights.iter().map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8).collect();
        Linear { bias, scale, weights }
    }
}

/// Ordinal verdict model over VERDICT_FEATURES.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// One weight per input.
    pub weights: Vec<f32>,
    /// Intercept.
    pub bias: f32,
    /// Cut between ok and caution.
    pub t1: f32,
    /// Cut between caution and pitch.
    pub t2: f32,
}

/// Everything the scorer needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// P(commercial | reply).
    pub commercial: Linear,
    /// P(pitch | an uninvited commercial reply): how hard it sells, from its words alone.
    pub hard: Linear,
    /// Softmax over what a message asks (offers, refuses, closed, none).
    pub asks: [Linear; 4],
    /// Thread reader constants (READER order).
    pub reader: Vec<f32>,
    /// Level from the two answers.
    pub verdict: Verdict,
    /// The four `asks` models' weights side by side, one bucket's four in one place: a thread
    /// message's features are read with one memory access each, not four (built by [`Model::new`]).
    asks_packed: Vec<[i8; 4]>,
}

/// Why a model file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "model file: {}", self.0)
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or_else(|| ModelError("truncated".into()))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap_or([0; 4])))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        let v = f32::from_le_bytes(self.take(4)?.try_into().unwrap_or([0; 4]));
        if v.is_finite() {
            Ok(v)
        } else {
            Err(ModelError("a weight is not a finite number".into()))
        }
    }
    fn varint(&mut self) -> Result<u32, ModelError> {
        let mut v: u64 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(v).map_err(|_| ModelError("bad index".into()));
            }
        }
        Err(ModelError("bad index".into()))
    }
    fn linear(&mut self) -> Result<Linear, ModelError> {
        let bias = self.f32()?;
        let scale = self.f32()?;
        let bits = u32::from(self.take(1)?[0]);
        if !(MIN_BUCKET_BITS..=BUCKETS.trailing_zeros()).contains(&bits) {
            return Err(ModelError(format!("2^{bits} buckets, expected 2^{MIN_BUCKET_BITS} to 2^{}", BUCKETS.trailing_zeros())));
        }
        let buckets = 1usize << bits;
        let count = self.u32()? as usize;
        if count > buckets {
            return Err(ModelError("too many weights".into()));
        }
        if count == buckets {
            // Every weight, in bucket order.
            let weights = self.take(buckets)?.iter().map(|b| *b as i8).collect();
            return Ok(Linear { bias, scale, weights });
        }
        let mut weights = vec![0i8; buckets];
        let mut index: u64 = 0;
        for k in 0..count {
            let delta = u64::from(self.varint()?);
            index = if k == 0 { delta } else { index + delta };
            if index >= buckets as u64 || (k > 0 && delta == 0) {
                return Err(ModelError("weight index out of range".into()));
            }
            weights[index as usize] = self.take(1)?[0] as i8;
        }
        Ok(Linear { bias, scale, weights })
    }
}

impl Model {
    /// A model from its parts.
    pub fn new(commercial: Linear, hard: Linear, asks: [Linear; 4], reader: Vec<f32>, verdict: Verdict) -> Model {
        // The four classes share one size (checked at load; the trainer writes them so).
        let len = asks.iter().map(|a| a.weights.len()).min().unwrap_or(0);
        let asks_packed = (0..len).map(|i| [asks[0].weights[i], asks[1].weights[i], asks[2].weights[i], asks[3].weights[i]]).collect();
        Model { commercial, hard, asks, reader, verdict, asks_packed }
    }

    /// The four `asks` logits over `values`, in one pass: each sum adds in the same order, from
    /// -0.0 as `Iterator::sum` does, so each is bit for bit what [`Linear::logit`] gives.
    pub fn asks_logits(&self, values: &[(u32, f32)]) -> [f32; 4] {
        let scales = [self.asks[0].scale, self.asks[1].scale, self.asks[2].scale, self.asks[3].scale];
        let mut sums = [-0.0f32; 4];
        let mask = self.asks_packed.len() - 1;
        for &(i, v) in values {
            let w = self.asks_packed[i as usize & mask];
            for k in 0..4 {
                sums[k] += f32::from(w[k]) * scales[k] * v;
            }
        }
        std::array::from_fn(|k| self.asks[k].bias + sums[k])
    }

    /// Serialises the model (deterministic: same model, same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut p = Vec::new();
        for lin in [&self.commercial, &self.hard].into_iter().chain(self.asks.iter()) {
            p.extend(lin.bias.to_le_bytes());
            p.extend(lin.scale.to_le_bytes());
            p.push(lin.weights.len().trailing_zeros() as u8);
            let nonzero: Vec<(u32, i8)> = lin.weights.iter().enumerate().filter(|(_, w)| **w != 0).map(|(i, w)| (i as u32, *w)).collect();
            // Mostly zero: (index delta, weight) pairs; mostly not: every weight in order.
            if nonzero.len() * 2 < lin.weights.len() {
                p.extend((nonzero.len() as u32).to_le_bytes());
                let mut last = 0u32;
                for (k, (i, w)) in nonzero.iter().enumerate() {
                    put_varint(&mut p, if k == 0 { *i } else { i - last });
                    p.push(*w as u8);
                    last = *i;
                }
            } else {
                p.extend((lin.weights.len() as u32).to_le_bytes());
                p.extend(lin.weights.iter().map(|w| *w as u8));
            }
        }
        p.extend((self.reader.len() as u32).to_le_bytes());
        for v in &self.reader {
            p.extend(v.to_le_bytes());
        }
        p.extend((self.verdict.weights.len() as u32).to_le_bytes());
        for v in self.verdict.weights.iter().chain([&self.verdict.bias, &self.verdict.t1, &self.verdict.t2]) {
            p.extend(v.to_le_bytes());
        }
        let mut out = Vec::with_capacity(p.len() + 18);
        out.extend(MAGIC);
        out.extend(FORMAT.to_le_bytes());
        out.extend(model_spec_hash().to_le_bytes());
        out.extend((p.len() as u32).to_le_bytes());
        out.extend(features::fnv1a32(&[&p]).to_le_bytes());
        out.extend(p);
        out
    }

    /// Reads and checks a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < 18 || &bytes[..4] != MAGIC {
            return Err(ModelError("not a Read the Room model (bad magic)".into()));
        }
        let version = u16::from_le_bytes([bytes[4], bytes[5]]);
        if version != FORMAT {
            return Err(ModelError(format!("format version {version}, this build reads {FORMAT}")));
        }
        let mut r = Reader { bytes, at: 6 };
        let spec = r.u32()?;
        if spec != model_spec_hash() {
            return Err(ModelError(format!("trained for another feature spec ({spec:08x}, this build has {:08x}); run `make train`", model_spec_hash())));
        }
        let len = r.u32()? as usize;
        let sum = r.u32()?;
        let payload = &bytes[18..];
        if payload.len() != len {
            return Err(ModelError(format!("payload is {} bytes, header says {len}", payload.len())));
        }
        if features::fnv1a32(&[payload]) != sum {
            return Err(ModelError("checksum mismatch (corrupt file)".into()));
        }
        let mut r = Reader { bytes: payload, at: 0 };
        let commercial = r.linear()?;
        let hard = r.linear()?;
        let asks = [r.linear()?, r.linear()?, r.linear()?, r.linear()?];
        if asks.iter().any(|a| a.weights.len() != asks[0].weights.len()) {
            return Err(ModelError("the invitation model's classes differ in size".into()));
        }
        let n = r.u32()? as usize;
        if n != READER.len() {
            return Err(ModelError(format!("{n} reader constants, expected {}", READER.len())));
        }
        let reader = (0..n).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let n = r.u32()? as usize;
        if n != VERDICT_FEATURES.len() {
            return Err(ModelError(format!("{n} verdict weights, expected {}", VERDICT_FEATURES.len())));
        }
        let weights = (0..n).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let verdict = Verdict { weights, bias: r.f32()?, t1: r.f32()?, t2: r.f32()? };
        if r.at != payload.len() {
            return Err(ModelError("trailing bytes".into()));
        }
        for (name, w) in VERDICT_FEATURES.iter().zip(&verdict.weights) {
            if NON_NEGATIVE.contains(name) && *w < 0.0 {
                return Err(ModelError(format!("verdict weight {name} is negative: invitations could raise the score")));
            }
            if NON_POSITIVE.contains(name) && *w > 0.0 {
                return Err(ModelError(format!("verdict weight {name} is positive: answering first could raise the score")));
            }
        }
        if verdict.t2 <= verdict.t1 {
            return Err(ModelError("verdict cuts out of order".into()));
        }
        Ok(Model::new(commercial, hard, asks, reader, verdict))
    }

    /// Reader constant by name.
    pub fn reader(&self, name: &str) -> f32 {
        READER.iter().position(|n| *n == name).map_or(0.0, |i| self.reader[i])
    }
}

/// The model built into this binary (`model/read-the-room.model`, written by `make train`).
pub fn embedded() -> Result<&'static Model, ModelError> {
    static MODEL: std::sync::OnceLock<Result<Model, ModelError>> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(include_bytes!("../../model/read-the-room.model"))).as_ref().map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let mut w = vec![0.0f32; BUCKETS as usize];
        w[3] = 1.0;
        w[70_000] = -0.5;
        let lin = Linear::quantise(0.25, &w);
        // A folded model, dense: every one of its 2^10 buckets has a weight.
        let folded = Linear::quantise(-0.5, &(0..1024).map(|i| (i as f32 - 511.5) / 100.0).collect::<Vec<_>>());
        Model::new(
            lin.clone(),
            folded.clone(),
            [folded.clone(), folded.clone(), folded.clone(), folded],
            vec![1.0; READER.len()],
            Verdict { weights: VERDICT_FEATURES.iter().map(|n| if NON_POSITIVE.contains(n) { -0.5 } else { 0.5 }).collect(), bias: -1.0, t1: 0.0, t2: 1.0 },
        )
    }

    #[test]
    fn a_model_round_trips_byte_for_byte() {
        let m = tiny();
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).expect("reads back");
        assert_eq!(back, m);
        assert_eq!(back.to_bytes(), bytes);
    }

    #[test]
    fn a_corrupt_or_mismatched_model_is_a_clear_error() {
        let bytes = tiny().to_bytes();
        let err = |b: &[u8]| Model::from_bytes(b).expect_err("must be refused").0;
        assert!(err(b"nope").contains("magic"));
        let mut v = bytes.clone();
        v[4] = 9;
        assert!(err(&v).contains("version"));
        let mut v = bytes.clone();
        v[6] ^= 1;
        assert!(err(&v).contains("feature spec"));
        let mut v = bytes.clone();
        let last = v.len() - 1;
        v[last] ^= 0x40;
        assert!(err(&v).contains("checksum"));
        assert!(err(&bytes[..bytes.len() - 3]).contains("bytes"));
        // A model whose invitation weights could raise the score is refused.
        let mut m = tiny();
        m.verdict.weights[2] = -0.1;
        assert!(err(&m.to_bytes()).contains("negative"));
        let mut m = tiny();
        let ans = VERDICT_FEATURES.iter().position(|n| *n == "c·ans").expect("c·ans is an input");
        m.verdict.weights[ans] = 0.1;
        assert!(err(&m.to_bytes()).contains("positive"));
    }

    #[test]
    fn a_folded_model_reads_a_feature_in_its_index_mod_its_size() {
        let m = tiny();
        assert_eq!(m.hard.weights.len(), 1024);
        for index in [0u32, 5, 1023, 1024, 1029, 70_000, BUCKETS - 1] {
            assert_eq!(m.hard.weight(index), m.hard.weight(index % 1024), "feature {index}");
            assert_eq!(m.asks_logits(&[(index, 1.0)]), m.asks_logits(&[(index % 1024, 1.0)]), "feature {index}");
        }
        assert_ne!(m.hard.weight(0), m.hard.weight(1000));
        // The full-size model does not fold.
        assert_ne!(m.commercial.weight(3), m.commercial.weight(3 + 1024));
    }

    #[test]
    fn a_model_with_bad_bucket_counts_is_refused() {
        // The payload is re-sealed (length and checksum) so only the bucket count is wrong.
        let reseal = |m: &Model, edit: &dyn Fn(&mut Vec<u8>)| {
            let bytes = m.to_bytes();
            let mut payload = bytes[18..].to_vec();
            edit(&mut payload);
            let mut out = bytes[..10].to_vec();
            out.extend((payload.len() as u32).to_le_bytes());
            out.extend(features::fnv1a32(&[&payload]).to_le_bytes());
            out.extend(payload);
            out
        };
        // The commercial model's bits byte follows its bias and scale.
        for bits in [0u8, 7, 19, 255] {
            let bytes = reseal(&tiny(), &|p| p[8] = bits);
            let err = Model::from_bytes(&bytes).expect_err("must be refused").0;
            assert!(err.contains("buckets"), "{bits}: {err}");
        }
        // Invitation classes of different sizes are refused.
        let mut m = tiny();
        m.asks[2] = Linear::quantise(0.0, &[0.5; 2048]);
        let err = Model::from_bytes(&m.to_bytes()).expect_err("must be refused").0;
        assert!(err.contains("differ in size"), "{err}");
    }

    #[test]
    fn the_embedded_model_loads() {
        embedded().expect("model/read-the-room.model matches this build: run `make train`");
    }

    #[test]
    fn packed_asks_weights_give_the_same_logits_bit_for_bit() {
        let model = embedded().expect("embedded model");
        for text in ["anyone know a good plumber in leeds?", "which ladder is best", "no self-promo please", "found one, thanks all!", ""] {
            let values = crate::learned::features::values(text, &["ask.recommend"], &|_, _| false);
            let (packed, apart) = (model.asks_logits(&values), model.asks.each_ref().map(|m| m.logit(&values)));
            assert_eq!(packed.map(f32::to_bits), apart.map(f32::to_bits), "{text:?}");
        }
    }
}
