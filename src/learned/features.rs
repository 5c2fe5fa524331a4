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

/// A word of the normalised text: its byte span. Its folded form is that span with every
/// ASCII digit read as `0` ([`Token::folded`]); hashing reads it in place.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// Byte span in the normalised text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

impl Token {
    /// The folded text (digits as `0`) of this word of `norm`.
    pub fn folded(&self, norm: &str) -> String {
        norm[self.start..self.end].chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect()
    }
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
    let mut out = Vec::with_capacity(norm.len() / 4);
    let mut start: Option<usize> = None;
    for (i, c) in norm.char_indices() {
        let inner_apostrophe = c == '\'' && start.is_some() && norm[i + 1..].chars().next().is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Token { start: s, end: i });
        }
    }
    if let Some(s) = start {
        out.push(Token { start: s, end: norm.len() });
    }
    out
}

const FNV_OFFSET: u32 = 0x811c_9dc5;

/// One step of [`fnv1a32`].
#[inline]
fn fnv_byte(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

/// [`fnv1a32`] continued over `bytes` read folded: every ASCII digit as `0` (a digit is one
/// byte in UTF-8, and no byte of a longer char is an ASCII digit).
#[inline]
fn fnv_folded(mut h: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        h = fnv_byte(h, if b.is_ascii_digit() { b'0' } else { b });
    }
    h
}

/// An occurrence packed as one sortable key: bucket, then start, then end (`MAX_BYTES` fits in 16 bits).
#[inline]
fn pack(index: u32, start: usize, end: usize) -> u64 {
    debug_assert!(start <= 0xffff && end <= 0xffff && MAX_BYTES <= 0xffff);
    u64::from(index) << 32 | (start as u64) << 16 | end as u64
}

#[inline]
fn unpack(key: u64) -> Occurrence {
    Occurrence { index: (key >> 32) as u32, start: (key >> 16 & 0xffff) as usize, end: (key & 0xffff) as usize }
}

/// Sorts packed occurrences by bucket and keeps the smallest (start, end) of each bucket: its
/// first occurrence in text order. The same result as sorting whole keys and keeping the first
/// per bucket, in linear time: two counting passes over the bucket's 18 bits (9 each), then
/// the least key of each run. This sort was an eighth of a keystroke's re-score.
fn first_per_bucket(keys: &mut Vec<u64>) {
    const _: () = assert!(BUCKETS == 1 << 18);
    if keys.len() < 64 {
        keys.sort_unstable();
        keys.dedup_by_key(|k| *k >> 32);
        return;
    }
    let mut spare = vec![0u64; keys.len()];
    for shift in [32, 41] {
        let digit = |k: u64| (k >> shift & 511) as usize;
        let mut next = [0usize; 513];
        for &k in keys.iter() {
            next[digit(k) + 1] += 1;
        }
        for d in 1..next.len() {
            next[d] += next[d - 1];
        }
        for &k in keys.iter() {
            spare[next[digit(k)]] = k;
            next[digit(k)] += 1;
        }
        std::mem::swap(keys, &mut spare);
    }
    let mut kept = 0;
    for i in 0..keys.len() {
        let k = keys[i];
        if kept > 0 && keys[kept - 1] >> 32 == k >> 32 {
            keys[kept - 1] = keys[kept - 1].min(k);
        } else {
            keys[kept] = k;
            kept += 1;
        }
    }
    keys.truncate(kept);
}

/// Every word n-gram occurrence (1–3 words joined by one space, namespaced by n), in text order.
fn word_grams<M: Fn(usize, usize) -> bool>(norm: &str, tokens: &[Token], masked: &M) -> Vec<u64> {
    let bytes = norm.as_bytes();
    let ns: [u32; 3] = [1, 2, 3].map(|n: u8| fnv_byte(fnv_byte(FNV_OFFSET, NS_WORD), b'0' + n));
    let mut out = Vec::with_capacity(tokens.len() * 3);
    for i in 0..tokens.len() {
        for n in 1..=3 {
            if i + n > tokens.len() {
                break;
            }
            let (s, e) = (tokens[i].start, tokens[i + n - 1].end);
            if masked(s, e) {
                continue;
            }
            let mut h = ns[n - 1];
            for (k, t) in tokens[i..i + n].iter().enumerate() {
                if k > 0 {
                    h = fnv_byte(h, b' ');
                }
                h = fnv_folded(h, &bytes[t.start..t.end]);
            }
            out.push(pack(h % BUCKETS, s, e));
        }
    }
    out
}

/// A char of the collapsed, padded text: its byte span in the normalised text, or a space
/// (a run of whitespace, or the padding at either end).
#[derive(Clone, Copy)]
struct Char {
    start: u32,
    end: u32,
    space: bool,
}

/// Every character 3–5-gram occurrence of the text with whitespace runs collapsed to one
/// space and a space added at both ends, in text order. A gram's span runs from its first
/// to its last non-space char.
fn char_grams<M: Fn(usize, usize) -> bool>(norm: &str, masked: &M) -> Vec<u64> {
    let bytes = norm.as_bytes();
    let mut chars: Vec<Char> = Vec::with_capacity(norm.len() + 2);
    chars.push(Char { start: 0, end: 0, space: true });
    let mut last_space = true;
    for (i, c) in norm.char_indices() {
        let (start, end) = (i as u32, (i + c.len_utf8()) as u32);
        if c.is_whitespace() {
            if !last_space {
                chars.push(Char { start, end, space: true });
            }
            last_space = true;
        } else {
            chars.push(Char { start, end, space: false });
            last_space = false;
        }
    }
    if !last_space {
        let end = chars.last().map_or(0, |c| c.end);
        chars.push(Char { start: end, end, space: true });
    }
    let start_hash = fnv_byte(FNV_OFFSET, NS_CHAR);
    let mut out = Vec::with_capacity(chars.len() * 3);
    for i in 0..chars.len() {
        // The 3-, 4- and 5-gram at `i` share their first chars: hash them as one run.
        let mut h = start_hash;
        let mut first: Option<usize> = None;
        let mut last_end = 0;
        for (k, c) in chars[i..chars.len().min(i + 5)].iter().enumerate() {
            h = if c.space { fnv_byte(h, b' ') } else { fnv_folded(h, &bytes[c.start as usize..c.end as usize]) };
            if !c.space {
                first.get_or_insert(c.start as usize);
                last_end = c.end as usize;
            }
            if k < 2 {
                continue;
            }
            let Some(s) = first else { continue };
            if masked(s, last_end) {
                continue;
            }
            out.push(pack(h % BUCKETS, s, last_end));
        }
    }
    out
}

/// The distinct buckets of the word and char blocks (each sorted, first occurrence kept),
/// each block's value 1/sqrt(its size), and the rule hits (1 each), merged into one list
/// sorted by bucket. Values sharing a bucket add up smallest first (a total order, so the
/// sums add in the same order everywhere).
fn merge_values(words: &[u64], grams: &[u64], rules: &[&str]) -> (Vec<(u32, f32)>, f32, f32) {
    let scale = |n: usize| if n == 0 { 0.0 } else { 1.0 / (n as f32).sqrt() };
    let (sw, sg) = (scale(words.len()), scale(grams.len()));
    let mut rule_buckets: Vec<u32> = rules.iter().map(|id| rule_index(id)).collect();
    rule_buckets.sort_unstable();
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(words.len() + grams.len() + rule_buckets.len());
    let (mut w, mut g, mut r) = (0, 0, 0);
    let bucket = |keys: &[u64], k: usize| keys.get(k).map_or(u32::MAX, |key| (key >> 32) as u32);
    loop {
        let (bw, bg, br) = (bucket(words, w), bucket(grams, g), rule_buckets.get(r).copied().unwrap_or(u32::MAX));
        let at = bw.min(bg).min(br);
        if at == u32::MAX {
            break;
        }
        // Block values are at most 1 (1/sqrt(n), n >= 1), rule values exactly 1: ascending
        // order is the smaller block value, the larger, then the rules.
        let mut lexical = [0.0f32; 2];
        let mut n = 0;
        if bw == at {
            lexical[n] = sw;
            n += 1;
            w += 1;
        }
        if bg == at {
            lexical[n] = sg;
            n += 1;
            g += 1;
        }
        if n == 2 && lexical[1].total_cmp(&lexical[0]).is_lt() {
            lexical.swap(0, 1);
        }
        let mut sum: Option<f32> = None;
        let mut add = |v: f32| sum = Some(sum.map_or(v, |s| s + v));
        lexical[..n].iter().for_each(|&v| add(v));
        while rule_buckets.get(r) == Some(&at) {
            add(1.0);
            r += 1;
        }
        if let Some(v) = sum {
            out.push((at, v));
        }
    }
    (out, sw, sg)
}

/// Extracts features from normalised text. `masked(start, end)` says a byte span is muted
/// (a disabled rule's match, an allowed phrase): features touching it are left out.
/// `rules`: ids of the rules that fired (already filtered by the settings). Generic in
/// `masked` so that the keystroke path's test is inlined: it runs once per n-gram.
pub fn extract(norm: &str, rules: &[&str], masked: &impl Fn(usize, usize) -> bool) -> Features {
    let norm = bounded(norm);
    let tokens = tokens(norm);
    let mut words = word_grams(norm, &tokens, &masked);
    let mut grams = char_grams(norm, &masked);
    first_per_bucket(&mut words);
    first_per_bucket(&mut grams);
    let (values, sw, sg) = merge_values(&words, &grams, rules);
    let occurrences = words.iter().map(|&k| (unpack(k), sw)).chain(grams.iter().map(|&k| (unpack(k), sg))).collect();
    Features { tokens, values, occurrences }
}

/// The values of [`extract`] alone: what the invitation model reads of each sentence window
/// of a thread message, without the occurrences it never explains. `masked` as in [`extract`]
/// (a muted thread rule's match).
pub fn values(norm: &str, rules: &[&str], masked: &dyn Fn(usize, usize) -> bool) -> Vec<(u32, f32)> {
    let norm = bounded(norm);
    let mut words = word_grams(norm, &tokens(norm), &masked);
    let mut grams = char_grams(norm, &masked);
    first_per_bucket(&mut words);
    first_per_bucket(&mut grams);
    merge_values(&words, &grams, rules).0
}

/// The word and character n-gram occurrences of one text, in text order, read once: each of
/// its windows (a sentence, two adjacent ones) then takes its own from them
/// ([`window_values`]) instead of hashing its words again.
pub struct Grams {
    words: Vec<u64>,
    grams: Vec<u64>,
}

/// The n-grams of `norm` (`masked` as in [`extract`]), or None for a text over `MAX_BYTES`
/// (whose windows are read one by one, each bounded on its own).
pub fn grams(norm: &str, masked: &dyn Fn(usize, usize) -> bool) -> Option<Grams> {
    if norm.len() > MAX_BYTES {
        return None;
    }
    Some(Grams { words: word_grams(norm, &tokens(norm), &masked), grams: char_grams(norm, &masked) })
}

/// What [`values`] gives for the window `norm[start..end]` of the text `grams` was read from,
/// when the window starts and ends at whitespace or the text's ends (as sentences do): the
/// padding space at a window's edge hashes as the whitespace there does, and no word crosses
/// the edge, so the window's n-grams are exactly those of the text that lie inside it.
pub fn window_values(grams: &Grams, start: usize, end: usize, rules: &[&str]) -> Vec<(u32, f32)> {
    // Only the distinct buckets matter here (a window reports no occurrences): a bitmap
    // gives them in order without sorting the window.
    let inside = |keys: &[u64], set: &mut BucketSet| -> Vec<u64> {
        let at = |k: &u64| (k >> 16 & 0xffff) as usize;
        let from = keys.partition_point(|k| at(k) < start);
        let to = keys.partition_point(|k| at(k) < end);
        for &k in keys[from..to.max(from)].iter().filter(|&&k| (k & 0xffff) as usize <= end) {
            set.insert((k >> 32) as u32);
        }
        set.take()
    };
    let (words, chars) = BUCKET_SET.with_borrow_mut(|set| (inside(&grams.words, set), inside(&grams.grams, set)));
    merge_values(&words, &chars, rules).0
}

thread_local! {
    /// One set for every window read: zeroing 32 KB per window would cost more than the window.
    static BUCKET_SET: std::cell::RefCell<BucketSet> = std::cell::RefCell::new(BucketSet::new());
}

/// A set of buckets, one bit each, with one bit per word of those saying which words are in
/// use, so reading it in order visits only the words in use. Reading it empties it.
struct BucketSet {
    bits: Vec<u64>,
    in_use: Vec<u64>,
}

impl BucketSet {
    fn new() -> BucketSet {
        let words = (BUCKETS as usize).div_ceil(64);
        BucketSet { bits: vec![0; words], in_use: vec![0; words.div_ceil(64)] }
    }

    fn insert(&mut self, bucket: u32) {
        let word = bucket as usize / 64;
        self.bits[word] |= 1 << (bucket % 64);
        self.in_use[word / 64] |= 1 << (word % 64);
    }

    /// The buckets, ascending, as keys with the bucket in the high half (what [`merge_values`]
    /// reads); the set is left empty.
    fn take(&mut self) -> Vec<u64> {
        let mut out = Vec::new();
        for (i, in_use) in self.in_use.iter_mut().enumerate() {
            let mut words = std::mem::take(in_use);
            while words != 0 {
                let word = i * 64 + words.trailing_zeros() as usize;
                words &= words - 1;
                let mut bits = std::mem::take(&mut self.bits[word]);
                while bits != 0 {
                    out.push(((word * 64) as u64 + u64::from(bits.trailing_zeros())) << 32);
                    bits &= bits - 1;
                }
            }
        }
        out
    }
}

/// The bucket of a rule-hit feature.
pub fn rule_index(id: &str) -> u32 {
    fnv1a32(&[&[NS_RULE], id.as_bytes()]) % BUCKETS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_per_bucket_matches_sorting_whole_keys() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for (len, buckets) in [(0, 1 << 18), (5, 3), (63, 1 << 18), (64, 7), (300, 40), (3000, 1 << 18), (5000, 600), (20_000, 1 << 18)] {
            let mut keys: Vec<u64> = (0..len).map(|_| pack((next() % buckets) as u32, (next() % 20_000) as usize, (next() % 20_000) as usize)).collect();
            let mut expected = keys.clone();
            expected.sort_unstable();
            expected.dedup_by_key(|k| *k >> 32);
            first_per_bucket(&mut keys);
            assert_eq!(keys, expected, "{len} keys over {buckets} buckets");
        }
    }

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
        let words: Vec<String> = a.tokens.iter().map(|t| t.folded("only $49 today")).collect();
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
    fn a_window_read_from_its_text_has_the_values_it_has_alone() {
        let texts = [
            "Looking for a plumber in Leeds. Anyone? Budget is $200!\nThanks in advance",
            "hi\nthere   friend.  second one?\n\nthird's line'\nlast",
            "Wer kennt einen Elektriker? Ich brauche Hilfe.\n宣伝禁止。おすすめの歯医者ありますか\nok",
            ". . .\n\n?? a. b. c. 12 34.",
        ];
        // Many sentences, some buckets shared between windows (the set must be empty after each).
        let long: String = (0..300u32).map(|i| format!("w{} {}{}. ", char::from(b'a' + (i % 26) as u8), char::from(b'a' + (i / 26 % 26) as u8), i % 7)).collect();
        for text in texts.iter().copied().chain([long.as_str()]) {
            let muted = |a: usize, b: usize| a < 9 && 4 < b;
            let grams = grams(text, &muted).expect("short text");
            let spans = crate::learned::sentences(text);
            let mut windows: Vec<(usize, usize)> = spans.clone();
            windows.extend(spans.windows(2).map(|w| (w[0].0, w[1].1)));
            windows.push((0, text.len()));
            for (s, e) in windows {
                let alone = values(&text[s..e], &["ask.buy"], &|a, b| muted(a + s, b + s));
                assert_eq!(window_values(&grams, s, e, &["ask.buy"]), alone, "{:?}", &text[s..e]);
            }
        }
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
