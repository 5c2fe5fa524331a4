//! Links and handles: found in normalised text (so "w w w . shop . com" and "shop dot com"
//! count) and classified by where they lead.

use regex::Regex;
use std::sync::OnceLock;

/// Where a link leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkClass {
    /// Store, landing, sign-up or pricing page.
    Store,
    /// A link carrying an affiliate or referral tag.
    Affiliate,
    /// A channel, profile, membership or booking page.
    Profile,
    /// A shortener or chat invite that hides its target.
    Shortener,
    /// Any other website.
    Site,
    /// Reference sites (encyclopedias, docs, forums, news reviews): not promotion.
    Reference,
}

/// A link found in normalised text.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub start: usize,
    pub end: usize,
    pub class: LinkClass,
}

const TLDS: &str = "com|net|org|io|co|shop|store|app|dev|ai|me|ly|gg|tv|de|fr|es|it|nl|uk|us|ca|au|biz|info|online|site|xyz|link|page|club|design|studio|coffee|blog|news|health|fit|money|finance|tech|pro|to|be|ee|gl|gd|sh|cc|ch|at|se|no|fi|dk|pl|pt|br|mx|in|jp|ie|nz|eu";
const SHORTENERS: &[&str] = &["bit.ly", "tinyurl.com", "t.me", "wa.me", "goo.gl", "ow.ly", "buff.ly", "cutt.ly", "is.gd", "rebrand.ly", "lnk.bio", "linktr.ee", "beacons.ai", "shor.by", "amzn.to", "tiny.cc", "rb.gy", "t.co", "chat.whatsapp.com", "discord.gg"];
const PROFILES: &[&str] = &["patreon.com", "tiktok.com", "instagram.com", "onlyfans.com", "ko-fi.com", "buymeacoffee.com", "twitch.tv", "substack.com", "gumroad.com", "calendly.com", "producthunt.com", "etsy.com", "facebook.com", "fb.com", "youtube.com", "youtu.be", "linkedin.com", "x.com", "twitter.com", "threads.net", "spotify.com", "soundcloud.com", "kickstarter.com", "indiegogo.com", "gofundme.com", "cal.com"];
const REFERENCES: &[&str] = &["wikipedia.org", "wikimedia.org", "github.com", "gitlab.com", "stackoverflow.com", "stackexchange.com", "nytimes.com", "bbc.co.uk", "bbc.com", "archive.org", "mozilla.org", "python.org", "rust-lang.org", "docs.", "developer.", "reddit.com", "news.ycombinator.com", "gov", "edu", "nih.gov", "who.int", "theguardian.com", "wirecutter", "consumerreports.org", "imdb.com", "goodreads.com", "openstreetmap.org", "google.com/maps"];
const STORE_WORDS: &[&str] = &["shop", "store", "buy", "order", "cart", "checkout", "deal", "promo", "sale", "pricing", "signup", "sign-up", "register", "demo", "trial", "start", "ref=", "referral", "affiliate", "utm_", "coupon", "/r/", "/go/", "/new", "/x", "/free", "join", "offer"];

fn link_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        // A dot may be written " . ", "(.)", "[.]" or " dot " by people hiding links.
        // "did. it" (a sentence end) is not a dot between labels: spaces must be on both sides or neither.
        let dot = r"(?:\s?\.|\s\.\s|\s?[\(\[]\.[\)\]]\s?|\s(?:dot|\(dot\)|\[dot\])\s)";
        let pattern = format!(
            r"(?:https?://)?(?:[a-z0-9](?:[a-z0-9-]{{0,62}}){dot})+(?:{TLDS})\b(?:[/?#][^\s<>()\[\]]*)?",
        );
        super::ascii_regex(&pattern)
    })
}

fn handle_regex() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| super::ascii_regex(r"(?:^|[^\w@.])@([a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?)"))
}

/// Every link in normalised text, classified.
pub(crate) fn find_links(norm: &str) -> Vec<Link> {
    let mut out = Vec::new();
    for m in link_regex().find_iter(norm) {
        let raw = m.as_str();
        // Skip e-mail addresses (handled by contact.email) and plain prose like "e.g. it".
        if m.start() > 0 && norm.as_bytes()[m.start() - 1] == b'@' {
            continue;
        }
        let compact: String = raw.split_whitespace().collect::<String>().replace("(.)", ".").replace("[.]", ".").replace("dot", ".");
        if !compact.contains('.') {
            continue;
        }
        out.push(Link { start: m.start(), end: m.end(), class: classify(&compact) });
        if out.len() >= super::MAX_HITS_PER_RULE * 4 {
            break;
        }
    }
    out
}

fn classify(link: &str) -> LinkClass {
    let l = link.trim_start_matches("https://").trim_start_matches("http://").trim_start_matches("www.");
    let host = l.split(['/', '?', '#']).next().unwrap_or(l);
    let path = &l[host.len()..];
    // "shop.example.com" is on "example.com": the name, or a dot then the name, at the end.
    let host_is = |d: &str| host == d || host.strip_suffix(d).is_some_and(|rest| rest.ends_with('.'));
    // An affiliate or referral tag earns the writer money, whatever the host.
    if ["tag=", "ref=", "aff=", "affiliate", "referral", "aff_id", "utm_"].iter().any(|t| path.contains(t)) {
        return LinkClass::Affiliate;
    }
    if SHORTENERS.iter().any(|d| host_is(d)) {
        return LinkClass::Shortener;
    }
    if REFERENCES.iter().any(|d| if d.ends_with('.') { host.starts_with(d) } else { host_is(d) || l.contains(d) }) {
        return LinkClass::Reference;
    }
    if PROFILES.iter().any(|d| host_is(d)) {
        return LinkClass::Profile;
    }
    if host.ends_with(".shop") || host.ends_with(".store") || STORE_WORDS.iter().any(|w| path.contains(w) || host.starts_with(w)) {
        return LinkClass::Store;
    }
    if host.contains("shop") || host.contains("store") || path.len() > 1 && path.contains("?") {
        return LinkClass::Store;
    }
    LinkClass::Site
}

/// @handles in normalised text that are not the names of people in the thread.
/// Returns (start, end, looks_like_a_brand).
pub(crate) fn find_handles(norm: &str, thread_authors: &[String]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    for c in handle_regex().captures_iter(norm) {
        let Some(name) = c.get(1) else { continue };
        let handle = name.as_str().trim_end_matches('.');
        let squash = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        let h = squash(handle);
        if thread_authors.iter().any(|a| !a.is_empty() && (squash(a) == h || squash(a).starts_with(&h))) {
            continue;
        }
        let brand = ["shop", "store", "boutique", "official", "market", "deals", "daily", "co", "brand", "studio", "hq", "app"]
            .iter()
            .any(|w| handle.strip_suffix(w).is_some_and(|rest| rest.ends_with('.') || rest.ends_with('_')) || handle.contains(w) && handle.len() > w.len() + 3);
        out.push((name.start() - 1, name.start() + handle.len(), brand));
        if out.len() >= super::MAX_HITS_PER_RULE {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(s: &str) -> Vec<LinkClass> {
        find_links(s).into_iter().map(|l| l.class).collect()
    }

    #[test]
    fn finds_and_classifies_links() {
        assert_eq!(classes("order at woolandwillow.shop now"), vec![LinkClass::Store]);
        assert_eq!(classes("patreon.com/cityspokes"), vec![LinkClass::Profile]);
        assert_eq!(classes("t.me/solx"), vec![LinkClass::Shortener]);
        assert_eq!(classes("amzn.to/3wq8lz1?tag=picks-20"), vec![LinkClass::Affiliate]);
        assert_eq!(classes("see en.wikipedia.org/wiki/rye"), vec![LinkClass::Reference]);
        assert_eq!(classes("more at northernrowseed.com"), vec![LinkClass::Site]);
        assert_eq!(classes("www . shop . com"), vec![LinkClass::Store]);
        assert_eq!(classes("toneharbor dot com"), vec![LinkClass::Site]);
        assert_eq!(classes("i did. it works. then i left"), vec![]);
    }

    #[test]
    fn handles_skip_thread_authors() {
        let authors = vec!["kayla.m.rivera".to_string()];
        assert!(find_handles("@kayla.m.rivera hi", &authors).is_empty());
        let h = find_handles("follow @trailpup.co", &authors);
        assert_eq!(h.len(), 1);
        assert!(h[0].2);
    }
}
