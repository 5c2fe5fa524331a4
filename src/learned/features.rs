//! The feature spec shared bit for bit by the scorer (native and WASM) and the trainer.
//!
//! Text is the normalised text (`text::Normalized`: lowercase, obfuscation undone). Features:
//! - word 1–3-grams: words are maximal runs of alphanumeric characters (plus `'` inside a
//!   word); digits are folded to `0` so "$49" and "$59" share a feature;
//! - character 3–5-grams of the text with every run of whitespace made one space and a space
//!   added at both ends; for a text with no spaces (Japanese, Chinese) these carry the words;
//! - rule hits by id.
//!
//! Each feature is hashed with 32-bit FNV-1a over a one-byte namespace and its bytes, into
//! `BUCKETS` buckets. Values: presence (1), scaled per block by 1/sqrt(distinct features in
//! the block) so a long text does not outweigh a short one; rule hits are 1.
//! Changing anything here changes `SPEC`, and a model trained on another spec is refused.

/// The spec, hashed into every model file's header.
pub const SPEC: &str = "rtr-features/1 fnv1a32 buckets=2^18 word=1..3 digits->0 char=3..5 space-collapsed padded rules=id block-scale=1/sqrt(n)";
/// Number of hash buckets.
pub const BUCKETS: u32 = 1 << 18;
/// Texts longer than this (bytes) contribute features from their first `MAX_BYTES` only:
/// the keystroke path stays bounded and linear; evidence further on is found by the rules.
pub const MAX_BYTES: usize = 20_000;

/// 32-bit FNV-1a.
pub fn fnv1a32(parts: &[&[u8]]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for part in parts {
        for &b in *part {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

/// The spec's hash (stored in model headers).
pub fn spec_hash() -> u32 {
    fnv1a32(&[SPEC.as_bytes()])
}

const NS_WORD: u8 = b'w';
const NS_CHAR: u8 = b'c';
const NS_RULE: u8 = b'r';

/// A word of the normalised text: its folded form and byte span.
#[derive(Debug, Clone)]
pub struct Token {
    /// Folded text (digits as `0`).
    pub text: String,
    /// Byte span in the normalised text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// One occurrence of a lexical feature, with the tokens it covers (for explanations and masking).
#[derive(Debug, Clone, Copy)]
pub struct Occurrence {
    /// Bucket.
    pub index: u32,
    /// Byte span in the normalised text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// The features of one text.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Words, in order.
    pub tokens: Vec<Token>,
    /// Distinct buckets with their values (sorted by index, summed on collision).
    pub values: Vec<(u32, f32)>,
    /// First occurrence of each distinct lexical feature, with the value it carries.
    pub occurrences: Vec<(Occurrence, f32)>,
}

/// The first `MAX_BYTES` of a text, cut at a char boundary.
pub fn bounded(norm: &str) -> &str {
    let mut end = norm.len().min(MAX_BYTES);
    while !norm.is_char_boundary(end) {
        end -= 1;
    }
    &norm[..end]
}

/// Splits normalised text into words.
pub fn tokens(norm: &str) -> Vec<Token> {
    let norm = bounded(norm);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut text = String::new();
    for (i, c) in norm.char_indices() {
        let inner_apostrophe = c == '\'' && start.is_some() && norm[i + 1..].chars().next().is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            if start.is_none() {
                start = Some(i);
                text.clear();
            }
            text.push(if c.is_ascii_digit() { '0' } else { c });
        } else if let Some(s) = start.take() {
            out.push(Token { text: std::mem::take(&mut text), start: s, end: i });
        }
    }
    if let Some(s) = start {
        out.push(Token { text, start: s, end: norm.len() });
    }
    out
}

/// Extracts features from normalised text. `masked(start, end)` says a byte span is muted
/// (a disabled rule's match, an allowed phrase): features touching it are left out.
/// `rules`: ids of the rules that fired (already filtered by the settings).
pub fn extract(norm: &str, rules: &[&str], masked: &dyn Fn(usize, usize) -> bool) -> Features {
    let norm = bounded(norm);
    let tokens = tokens(norm);
    let mut words: Vec<Occurrence> = Vec::with_capacity(tokens.len() * 3);
    for i in 0..tokens.len() {
        for n in 1..=3 {
            if i + n > tokens.len() {
                break;
            }
            let (s, e) = (tokens[i].start, tokens[i + n - 1].end);
            if masked(s, e) {
                continue;
            }
            let mut parts: Vec<&[u8]> = Vec::with_capacity(2 * n);
            let ns = [NS_WORD, b'0' + n as u8];
            parts.push(&ns);
            for (k, t) in tokens[i..i + n].iter().enumerate() {
                if k > 0 {
                    parts.push(b" ");
                }
                parts.push(t.text.as_bytes());
            }
            words.push(Occurrence { index: fnv1a32(&parts) % BUCKETS, start: s, end: e });
        }
    }
    // Characters of the collapsed, padded text, each with its byte position in `norm`.
    let mut chars: Vec<(char, usize, usize)> = Vec::with_capacity(norm.len() + 2);
    chars.push((' ', 0, 0));
    let mut last_space = true;
    for (i, c) in norm.char_indices() {
        let c = if c.is_ascii_digit() { '0' } else { c };
        if c.is_whitespace() {
            if !last_space {
                chars.push((' ', i, i + c.len_utf8()));
            }
            last_space = true;
        } else {
            chars.push((c, i, i + c.len_utf8()));
            last_space = false;
        }
    }
    if !last_space {
        let end = chars.last().map_or(0, |c| c.2);
        chars.push((' ', end, end));
    }
    let mut grams: Vec<Occurrence> = Vec::with_capacity(chars.len() * 3);
    let mut buf = [0u8; 4 * 5 + 1];
    for i in 0..chars.len() {
        for n in 3..=5 {
            if i + n > chars.len() {
                break;
            }
            let window = &chars[i..i + n];
            if window.iter().all(|c| c.0 == ' ') {
                continue;
            }
            let (s, e) = (window.iter().find(|c| c.0 != ' ').map_or(0, |c| c.1), window.iter().rev().find(|c| c.0 != ' ').map_or(0, |c| c.2));
            if masked(s, e) {
                continue;
            }
            buf[0] = NS_CHAR;
            let mut len = 1;
            for c in window {
                len += c.0.encode_utf8(&mut buf[len..]).len();
            }
            grams.push(Occurrence { index: fnv1a32(&[&buf[..len]]) % BUCKETS, start: s, end: e });
        }
    }
    let mut values: Vec<(u32, f32)> = Vec::new();
    let mut occurrences = Vec::new();
    for block in [words, grams] {
        let mut seen: Vec<Occurrence> = block;
        // First occurrence of each bucket, in text order (the key is total, so an unstable
        // sort gives the same result as a stable one, and faster).
        seen.sort_unstable_by_key(|o| (o.index, o.start, o.end));
        seen.dedup_by_key(|o| o.index);
        if seen.is_empty() {
            continue;
        }
        let scale = 1.0 / (seen.len() as f32).sqrt();
        for o in seen {
            values.push((o.index, scale));
            occurrences.push((o, scale));
        }
    }
    for id in rules {
        values.push((fnv1a32(&[&[NS_RULE], id.as_bytes()]) % BUCKETS, 1.0));
    }
    // A total order, so the sums below add in the same order everywhere.
    values.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut merged: Vec<(u32, f32)> = Vec::with_capacity(values.len());
    for (i, v) in values {
        match merged.last_mut() {
            Some(last) if last.0 == i => last.1 += v,
            _ => merged.push((i, v)),
        }
    }
    Features { tokens, values: merged, occurrences }
}

/// The bucket of a rule-hit feature.
pub fn rule_index(id: &str) -> u32 {
    fnv1a32(&[&[NS_RULE], id.as_bytes()]) % BUCKETS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv1a_32() {
        // Published FNV-1a test vectors.
        assert_eq!(fnv1a32(&[b""]), 0x811c9dc5);
        assert_eq!(fnv1a32(&[b"a"]), 0xe40c292c);
        assert_eq!(fnv1a32(&[b"foobar"]), 0xbf9cf968);
        assert_eq!(fnv1a32(&[b"foo", b"bar"]), 0xbf9cf968);
    }

    #[test]
    fn digits_fold_and_values_are_block_scaled() {
        let a = extract("only $49 today", &[], &|_, _| false);
        let b = extract("only $59 today", &[], &|_, _| false);
        assert_eq!(a.values, b.values);
        let words: Vec<&str> = a.tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(words, ["only", "00", "today"]);
        // 6 word n-grams, each 1/sqrt(6), plus char grams.
        assert!(a.values.iter().all(|v| v.1 > 0.0 && v.1 <= 2.0));
    }

    #[test]
    fn masked_spans_drop_their_features_and_rules_add_theirs() {
        let all = extract("dm me for the link", &[], &|_, _| false);
        let masked = extract("dm me for the link", &[], &|s, e| s < 5 && e > 0);
        assert!(masked.occurrences.len() < all.occurrences.len());
        assert!(masked.occurrences.iter().all(|(o, _)| !(o.start < 5 && o.end > 0)));
        let with_rule = extract("dm me for the link", &["contact.dm"], &|_, _| false);
        assert!(with_rule.values.iter().any(|v| v.0 == rule_index("contact.dm")));
    }

    #[test]
    fn any_text_is_safe() {
        for t in ["", " ", "'", "a'", "日本語のテキスト", "🙂🙂🙂", "x y", "\u{200b}"] {
            let f = extract(t, &[], &|_, _| false);
            for (o, _) in &f.occurrences {
                assert!(o.start <= o.end && o.end <= t.len() && t.is_char_boundary(o.start) && t.is_char_boundary(o.end), "{t:?}");
            }
        }
    }
}
