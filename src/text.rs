//! Text normalisation with an offset map back to the original.
//!
//! Rules match a folded, lowercased copy of the text in which obfuscation is undone:
//! full-width and "styled" Unicode letters become ASCII, zero-width characters vanish,
//! spaced or emoji-separated letters ("D M me", "c👉o👉d👉e") are joined, and leetspeak
//! inside mixed tokens ("fr33") is decoded. Every byte of the normalised text remembers
//! which bytes of the original it came from, so matches point back into what was typed.
//! Offsets are bytes here; the one conversion to UTF-16 is [`Utf16Map`].

/// A normalised view of a text.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// Folded, lowercased text that rules match against.
    pub text: String,
    /// For each byte of `text` (and one past the end): original start byte of its source char.
    /// Empty when `text` is the original lowercased byte for byte (the common case).
    starts: Vec<u32>,
    /// For each byte of `text`: original end byte of its source char.
    ends: Vec<u32>,
    /// `text` maps to the original one byte to one byte.
    identity: bool,
}

/// One normalised char and the original bytes it came from.
#[derive(Clone, Copy)]
struct Piece {
    ch: char,
    start: u32,
    end: u32,
    /// The original char was an upper-case letter (used for spaced-letter detection).
    upper: bool,
}

impl Normalized {
    /// Normalises `original`. Linear in its length.
    pub fn new(original: &str) -> Normalized {
        // Plain ASCII with nothing to undo: lowercase it and keep the offsets as they are.
        let bytes = original.as_bytes();
        if original.is_ascii() && !has_spaced_letters(bytes) && !has_leet(bytes) {
            let mut text = original.to_ascii_lowercase();
            if text.bytes().any(|b| ascii_fold(b) != b) {
                text = text.replace(['\t', '\r', '\x0B', '\x0C'], " ");
            }
            return Normalized { text, starts: Vec::new(), ends: Vec::new(), identity: true };
        }
        let pieces = fold(original);
        let pieces = join_spaced_letters(pieces);
        let pieces = decode_leet(pieces);
        let pieces = drop_emoji_fillers(pieces);
        let mut out = Normalized {
            text: String::with_capacity(pieces.len()),
            starts: Vec::with_capacity(pieces.len() + 1),
            ends: Vec::with_capacity(pieces.len()),
            identity: false,
        };
        for p in &pieces {
            let before = out.text.len();
            out.text.push(p.ch);
            for _ in before..out.text.len() {
                out.starts.push(p.start);
                out.ends.push(p.end);
            }
        }
        out.starts.push(original.len() as u32);
        out
    }

    /// Maps a byte range of the normalised text to a byte range of the original.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.identity {
            let end = end.min(self.text.len());
            return (start.min(end), end);
        }
        if self.text.is_empty() || start >= end {
            let at = self.starts.get(start).copied().unwrap_or(0) as usize;
            return (at, at);
        }
        let s = self.starts[start.min(self.starts.len() - 1)] as usize;
        let e = self.ends[(end - 1).min(self.ends.len() - 1)] as usize;
        (s, e.max(s))
    }
}

/// Converts byte offsets of one text to UTF-16 code-unit offsets in a single pass.
#[derive(Debug, Default)]
pub struct Utf16Map;

impl Utf16Map {
    /// Converts every offset in `offsets` (bytes, any order) to UTF-16 units of `text`.
    /// Offsets inside a char snap to its start. Linear in `text` plus `offsets` log.
    pub fn convert(text: &str, offsets: &mut [usize]) {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut units = 0usize;
        let mut chars = text.char_indices().peekable();
        for i in order {
            let target = offsets[i].min(text.len());
            while let Some(&(b, c)) = chars.peek() {
                if b + c.len_utf8() <= target {
                    units += c.len_utf16();
                    chars.next();
                } else {
                    break;
                }
            }
            offsets[i] = units;
        }
    }
}

/// Lowercase, and every kind of ASCII space but the newline becomes a plain space, so rules
/// only ever see ' ' and '\n' between words.
fn ascii_fold(b: u8) -> u8 {
    match b {
        b'\t' | b'\r' | 0x0B | 0x0C => b' ',
        _ => b.to_ascii_lowercase(),
    }
}

/// Could two single letters or digits stand one to three gap characters apart ("D M", "w.w")?
fn has_spaced_letters(b: &[u8]) -> bool {
    let single = |i: usize| b[i].is_ascii_alphanumeric() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) && (i + 1 == b.len() || !b[i + 1].is_ascii_alphanumeric());
    let mut last_single: Option<usize> = None;
    for i in 0..b.len() {
        if single(i) {
            if last_single.is_some_and(|j| i - j <= 4 && b[j + 1..i].iter().all(|&c| is_letter_gap(char::from(c)))) {
                return true;
            }
            last_single = Some(i);
        }
    }
    false
}

/// Does any token need leetspeak decoding (the same test as [`decode_leet`])?
fn has_leet(b: &[u8]) -> bool {
    let in_token = |c: u8| c.is_ascii_alphanumeric() || c == b'@' || c == b'$';
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && in_token(b[j]) {
            j += 1;
        }
        let mixed = b[i..j].iter().any(|c| c.is_ascii_alphabetic()) && b[i..j].iter().any(|c| !c.is_ascii_alphabetic());
        let at = |k: usize| (char::from(b[i + k].to_ascii_lowercase()), b[i + k].is_ascii_uppercase());
        if mixed && is_leet_token(j - i, at, j < b.len() && b[j] == b'.') {
            return true;
        }
        i = j.max(i + 1);
    }
    false
}

/// True for characters that carry no visible text and are used to break up words.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}')
}

/// Maps styled and full-width letters and digits to plain ASCII.
fn fold_char(c: char) -> Option<char> {
    let u = c as u32;
    let ascii = |base: u32, first: u8| char::from(first + (u - base) as u8);
    Some(match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFF01 + 0x21)?,
        0x3000 => ' ',
        // Mathematical alphanumeric symbols: 13 styles of A–Z a–z, then 5 styles of digits.
        0x1D400..=0x1D6A3 => {
            let k = (u - 0x1D400) % 52;
            if k < 26 { char::from(b'A' + k as u8) } else { char::from(b'a' + (k - 26) as u8) }
        }
        0x1D7CE..=0x1D7FF => char::from(b'0' + ((u - 0x1D7CE) % 10) as u8),
        0x24B6..=0x24CF => ascii(0x24B6, b'A'),
        0x24D0..=0x24E9 => ascii(0x24D0, b'a'),
        0x249C..=0x24B5 => ascii(0x249C, b'a'),
        0x2460..=0x2468 => ascii(0x2460, b'1'),
        0x1F130..=0x1F149 => ascii(0x1F130, b'A'),
        0x1F150..=0x1F169 => ascii(0x1F150, b'A'),
        0x1F170..=0x1F189 => ascii(0x1F170, b'A'),
        0x1F1E6..=0x1F1FF => ascii(0x1F1E6, b'A'),
        _ => return fold_letterlike(c),
    })
}

/// Letter-like symbols and small capitals that spammers use as letters.
fn fold_letterlike(c: char) -> Option<char> {
    Some(match c {
        'ℎ' | 'ℋ' | 'ℌ' | 'ℍ' => 'h',
        'ℯ' | 'ℰ' | 'ᴇ' => 'e',
        'ℊ' | 'ɢ' => 'g',
        'ℴ' | 'ᴏ' => 'o',
        'ℬ' | 'ʙ' => 'b',
        'ℱ' | 'ꜰ' => 'f',
        'ℐ' | 'ℑ' | 'ɪ' => 'i',
        'ℒ' | 'ʟ' => 'l',
        'ℳ' | 'ᴍ' => 'm',
        'ℛ' | 'ℜ' | 'ℝ' | 'ʀ' => 'r',
        'ℭ' | 'ℂ' | 'ᴄ' => 'c',
        'ℨ' | 'ℤ' | 'ᴢ' => 'z',
        'ℕ' | 'ɴ' => 'n',
        'ℙ' | 'ᴘ' => 'p',
        'ℚ' => 'q',
        'ᴀ' => 'a',
        'ᴅ' => 'd',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        '‘' | '’' | '‛' | '′' | '`' | '´' => '\'',
        '“' | '”' | '„' | '″' | '«' | '»' => '"',
        '–' | '—' | '−' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
        _ => return None,
    })
}

/// First pass: drop invisible chars, fold styled letters, lowercase.
fn fold(original: &str) -> Vec<Piece> {
    let mut out = Vec::with_capacity(original.len());
    for (b, c) in original.char_indices() {
        let (start, end) = (b as u32, (b + c.len_utf8()) as u32);
        if c.is_ascii() {
            out.push(Piece { ch: char::from(ascii_fold(c as u8)), start, end, upper: c.is_ascii_uppercase() });
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        let folded = fold_char(c).unwrap_or(c);
        let upper = folded.is_uppercase();
        let mut lower = folded.to_lowercase();
        // Keep one char per source char when lowercasing expands (rare: 'İ'); rules are ASCII.
        let ch = match (lower.next(), lower.next()) {
            (Some(l), None) => l,
            (Some(l), Some(_)) if l.is_ascii() => l,
            _ => folded,
        };
        out.push(Piece { ch, start, end, upper });
    }
    out
}

/// A character that can sit between spaced-out letters: spaces, dots, dashes, emoji.
fn is_letter_gap(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '_' | '*' | '·' | '|' | '/' | '~' | '+')
        || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_ascii() && !is_word_punct(c))
}

/// Punctuation that ends or joins words in ordinary prose (never a letter gap).
fn is_word_punct(c: char) -> bool {
    matches!(c, '\'' | '"' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '…')
}

/// Second pass: "D M me" → "DM me", "c👉o👉d👉e" → "code", "w w w" → "www".
/// A run of single alphanumerics separated by one or two gap chars is joined when it has
/// three or more letters, or two upper-case letters ("D M").
fn join_spaced_letters(p: Vec<Piece>) -> Vec<Piece> {
    let n = p.len();
    // One Unicode lookup per char, not three.
    let alnum: Vec<bool> = p.iter().map(|x| x.ch.is_ascii_alphanumeric() || !x.ch.is_ascii() && x.ch.is_alphanumeric()).collect();
    let single_at = |i: usize| -> bool { alnum[i] && (i == 0 || !alnum[i - 1]) && (i + 1 == n || !alnum[i + 1]) };
    // Most texts have no two single letters close together: nothing to join, nothing to copy.
    let singles: Vec<usize> = (0..n).filter(|&i| single_at(i)).collect();
    if !singles.windows(2).any(|w| w[1] - w[0] <= 4) {
        return p;
    }
    let mut keep = vec![true; n];
    let mut i = 0;
    while i < n {
        if !single_at(i) {
            i += 1;
            continue;
        }
        // Collect the run of single letters starting at i.
        let mut members = vec![i];
        let mut j = i;
        loop {
            let mut k = j + 1;
            let mut gap = 0;
            while k < n && gap < 3 && is_letter_gap(p[k].ch) {
                k += 1;
                gap += 1;
            }
            if gap >= 1 && k < n && single_at(k) {
                members.push(k);
                j = k;
            } else {
                break;
            }
        }
        let all_upper = members.iter().all(|&m| p[m].upper);
        if members.len() >= 3 || (members.len() == 2 && all_upper) {
            for w in members.windows(2) {
                // "a p p . c o m": a dot standing between spaces is the domain's dot; keep it.
                let gap = &p[(w[0] + 1)..w[1]];
                let spaced_dot = gap.len() == 3 && gap[0].ch == ' ' && gap[1].ch == '.' && gap[2].ch == ' ';
                for (k, piece) in gap.iter().enumerate() {
                    keep[w[0] + 1 + k] = spaced_dot && piece.ch == '.';
                }
            }
            // "D.M. me": the dot closing a dotted run goes too.
            let last = members[members.len() - 1];
            if last + 1 < n && p[last + 1].ch == '.' && p[last - 1].ch == '.' {
                keep[last + 1] = false;
            }
        }
        i = j + 1;
    }
    p.into_iter().zip(keep).filter(|(_, k)| *k).map(|(x, _)| x).collect()
}

/// Fourth pass: emoji used as word separators ("50% 🔥 OFF 🔥 at") become plain spaces, so
/// phrases match. Arrows stay: pointing at a link is itself a signal.
fn drop_emoji_fillers(p: Vec<Piece>) -> Vec<Piece> {
    let is_filler = |c: char| !c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace() && !is_word_punct(c) && !matches!(c, '👉' | '➡' | '⬇' | '👇' | '→' | '⤵' | '🔗');
    if !p.iter().any(|x| is_filler(x.ch)) {
        return p;
    }
    let mut out: Vec<Piece> = Vec::with_capacity(p.len());
    let mut i = 0;
    while i < p.len() {
        // " 🔥 " (or " 🔥🔥 "): drop the emoji run and the space after it.
        if is_filler(p[i].ch) && out.last().is_some_and(|x| x.ch == ' ') {
            let mut j = i;
            while j < p.len() && is_filler(p[j].ch) {
                j += 1;
            }
            if j < p.len() && p[j].ch == ' ' && j + 1 < p.len() && !p[j + 1].ch.is_whitespace() {
                i = j + 1;
                continue;
            }
        }
        out.push(p[i]);
        i += 1;
    }
    out
}

/// Is this token (chars with their "was upper-case" flag) leetspeak to decode?
/// `at(k)` gives the token's k-th char (lowercased) and whether it was upper-case.
fn is_leet_token(len: usize, at: impl Fn(usize) -> (char, bool), followed_by_dot: bool) -> bool {
    let chars = || (0..len).map(&at);
    // "hello@shop.com" is an address, not leetspeak.
    if followed_by_dot && chars().any(|x| x.0 == '@') {
        return false;
    }
    let letters = chars().filter(|x| x.0.is_ascii_alphabetic()).count();
    let leet = chars().filter(|x| matches!(x.0, '0' | '1' | '3' | '4' | '5' | '7' | '@' | '$')).count();
    // "10x", "2nd" (number + unit) and "PEAK10", "mp3" (word + number) are not leetspeak.
    let split_at = |first: fn(&char) -> bool| {
        let d = chars().take_while(|x| first(&x.0)).count();
        d > 0 && d < len && chars().skip(d).all(|x| !first(&x.0))
    };
    let alnum = chars().all(|x| x.0.is_ascii_alphanumeric());
    let number_then_word = split_at(|c| c.is_ascii_digit()) && alnum;
    // Codes are written in capitals (PEAK10); lowercase "fr33" is leetspeak.
    let word_then_number = split_at(|c| c.is_ascii_alphabetic()) && alnum && chars().any(|x| x.1);
    letters >= 1 && leet >= 1 && !number_then_word && !word_then_number && letters + leet == len && len >= 3
}

/// Third pass: leetspeak inside tokens that mix letters and digits ("fr33", "c0de", "d1sc0unt").
/// Tokens that are numbers with a unit suffix ("10x", "4k", "2nd") are left alone.
fn decode_leet(mut p: Vec<Piece>) -> Vec<Piece> {
    let n = p.len();
    let mut i = 0;
    while i < n {
        if !p[i].ch.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && (p[j].ch.is_ascii_alphanumeric() || p[j].ch == '@' || p[j].ch == '$') {
            j += 1;
        }
        let followed_by_dot = j < n && p[j].ch == '.';
        let mixed = p[i..j].iter().any(|x| x.ch.is_ascii_alphabetic()) && p[i..j].iter().any(|x| !x.ch.is_ascii_alphabetic());
        if mixed && is_leet_token(j - i, |k| (p[i + k].ch, p[i + k].upper), followed_by_dot) {
            for x in &mut p[i..j] {
                x.ch = match x.ch {
                    '0' => 'o',
                    '1' => 'i',
                    '3' => 'e',
                    '4' => 'a',
                    '5' | '$' => 's',
                    '7' => 't',
                    '@' => 'a',
                    c => c,
                };
            }
        }
        i = j.max(i + 1);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalized::new(s).text
    }

    #[test]
    fn folds_styled_and_fullwidth_letters() {
        assert_eq!(norm("ｄｍ ｍｅ"), "dm me");
        assert_eq!(norm("𝐃𝐌 𝐦𝐞"), "dm me");
        assert_eq!(norm("ⓓⓜ me"), "dm me");
        assert_eq!(norm("ᴅᴍ me"), "dm me");
    }

    #[test]
    fn removes_zero_width_and_joins_spaced_letters() {
        assert_eq!(norm("D\u{200B}M me"), "dm me");
        assert_eq!(norm("D M me"), "dm me");
        assert_eq!(norm("D.M. me"), "dm me");
        assert_eq!(norm("Get 50% 🔥 OFF 🔥 at shop"), "get 50% off at shop");
        assert_eq!(norm("quote 👉 shop.com"), "quote 👉 shop.com");
        assert_eq!(norm("c👉o👉d👉e"), "code");
        assert_eq!(norm("w w w . shop . com"), "www . shop . com");
        assert_eq!(norm("c a s h f l o w r . a p p"), "cashflowr.app");
        // Ordinary prose keeps its spaces: "a" and "I" are words.
        assert_eq!(norm("I want a dog"), "i want a dog");
        assert_eq!(norm("was I a fool"), "was i a fool");
    }

    #[test]
    fn decodes_leet_but_not_numbers() {
        assert_eq!(norm("fr3e c0de d1sc0unt"), "free code discount");
        assert_eq!(norm("use PEAK10"), "use peak10");
        assert_eq!(norm("10x faster, 4k video, 2nd try, $49"), "10x faster, 4k video, 2nd try, $49");
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let original = "Hi ｄｍ me";
        let n = Normalized::new(original);
        let at = n.text.find("dm me").unwrap();
        let (s, e) = n.original_range(at, at + "dm me".len());
        assert_eq!(&original[s..e], "ｄｍ me");
    }

    #[test]
    fn converts_to_utf16_in_one_pass() {
        let text = "a😀b";
        let mut offs = [5, 0, 1];
        Utf16Map::convert(text, &mut offs);
        assert_eq!(offs, [3, 0, 1]);
    }
}
