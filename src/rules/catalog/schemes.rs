//! Signals of engagement farming, selling followers, recruiting, money schemes, sales-style result claims and advertising hashtags.
//!
//! Patterns match normalised lowercase text (see `text.rs`); `unless` cancels a match found in
//! the same sentence. Each rule carries replies it must flag and look-alikes it must pass.

use crate::rules::{ex, Check, Kind::*, Rule};

/// The rules of this file, in the order the options page lists them.
pub static RULES: &[Rule] = &[
    Rule {
        id: "farm.follow",
        kind: Signal,
        weight: 45,
        pattern: r"\bsub\s?(?:4|a|for)\s?sub\b|\b(?:f|l)\s?(?:4|a|for)\s?(?:f|l)\b|\bfollow\s?(?:4|for)\s?follow\b|\bfollow\s?back\b|\bfollowback\b|\bi'?ll\s+(?:sub|follow)\s+back\b|\bi\s+follow\s+back\b|\broad\s+to\s+\d+k?\b|\bhelp\s+me\s+(?:reach|get\s+to|hit)\s+\d",
        unless: r"'sub\s?(?:4|a|for)\s?sub|\bhate\b",
        check: Check::None,
        message: "Engagement farming (sub4sub, follow-back)",
        suggestion: "Drop the follow-for-follow request",
        flags: ex(&["sub to me and I'll sub back", "follow me I follow back 100% #f4f", "road to 1k 🙏", "sub4sub?"]),
        passes: ex(&["thanks for following back up on this", "the road to the lake"]),
    },
    Rule {
        id: "farm.sell",
        kind: Signal,
        weight: 30,
        pattern: r"\b(?:real|cheap|buy|grow|gain|boost|instant|organic)\s+(?:\w+\s+)?(?:followers|subscribers|subs|likes|views|engagement|streams)\b|\b\d+k?\s+(?:real\s+)?(?:followers|subscribers|likes|views)\s+(?:today|fast|now|in|for|overnight)\b|متابعين|takip[çc]i|\bseguidores\s+(?:reais|reales|baratos)\b|\babonn[ée]s\s+(?:r[ée]els|pas\s+chers)\b",
        unless: r"\b(?:hate|scam|spam|fake|bots?)\b",
        check: Check::None,
        message: "Sells followers, likes or views",
        suggestion: "Leave it out: selling followers reads as spam",
        flags: ex(&["cheap real subscribers and views, fast delivery", "want 1k followers today?"]),
        passes: ex(&["I lost followers after that post", "thanks for the views everyone"]),
    },
    Rule {
        id: "recruit.team",
        kind: Signal,
        weight: 24,
        pattern: r"\bbrand\s+(?:reps?|ambassadors?|partners?)\b|\b(?:join|joined)\s+(?:my|our|an\s+amazing|a)\s+(?:amazing\s+)?team\s+of\b|\b(?:looking\s+for|recruiting)\s+(?:reps|ambassadors|models|influencers|creators)\b|\bcollabs?\b|\bget\s+featured\b|\bfeature\s+your\b|\b(?:independent|certified)\s+(?:consultant|distributor)\b|\bbecame\s+a\s+(?:distributor|consultant|rep)\b|\bhost\s+a\s+(?:virtual\s+)?party\b|\bfree\s+products?\s*\+\s*commission\b|\bwork(?:ing)?\s+from\s+(?:home|my\s+phone|their\s+phones|your\s+phone)\b|\bset\s+my\s+own\s+hours\b|\b(?:building|growing)\s+my\s+team\b|\bjoin\s+my\s+team\b",
        unless: r"\b(?:hate|scam|lost|aunt|beware|warning)\b|'work\s+from",
        check: Check::None,
        message: "Recruits people into a sales team or promotion scheme",
        suggestion: "This reads as recruiting; leave it out",
        flags: ex(&["we're looking for brand reps", "DM us for collab", "I joined an amazing team of moms working from their phones", "now I work from home and set my own hours"]),
        passes: ex(&["we joined a running club", "the team of nine"]),
    },
    Rule {
        id: "money.scheme",
        kind: Signal,
        weight: 26,
        pattern: r"\bforex\b|\bpassive\s+income\b|\bcrypto\s+(?:signals|trading|presale)\b|\btrading\s+(?:signals|with)\b|\b(?:made|make|earn|earning|making)\s+\$?[\d,]+k?\s+(?:a|per|last|this|every|from|in)\b|\bextra\s+(?:money|cash|income)\b|\bside\s+(?:income|hustle)\s+that\b|\bwork\s+from\s+anywhere\b|\bincome\s+from\s+home\b|\bmaking\s+an\s+income\b|\bfinancial\s+freedom\b|\b\d+x\s+(?:gains|returns)?\b|\bearly\s+holders\b|\bganar\s+dinero\b|\brecover(?:ed|y)?\s+(?:my\s+|your\s+|the\s+)?(?:lost\s+)?(?:funds|money|crypto|wallet|account)\b|\brecovery\s+(?:expert|agent|specialist)\b|\b(?:make|earn|making|earning)\s+(?:\$+|money|cash|bank)\s+(?:from\s+home|online|with\s+this)\b|\byou'?ve\s+been\s+selected\b|\byou\s+(?:have\s+)?won\s+(?:a|an|our|the)\b|\bwinner\s+of\s+(?:our|the|this)\s+giveaway\b|\bclaim\s+your\s+(?:prize|reward|gift|winnings)\b|\bghar\s+baithe\b|\bkamao\b|부업|副業|\bairdrop\b|\bwhitelist\s+(?:spots?|is\s+open)\b|\bnft\s+(?:mint|drop)\b|\bconnect\s+your\s+wallet\b|\bsupport\s+team\s+on\s+(?:telegram|whatsapp)\b|\brecover\s+(?:your\s+)?(?:funds|wallet|account|crypto)\b|\bdesde\s+casa\b|\bt\.me/|\$[a-z]{3,6}\b",
        unless: r"\b(?:scam|scams|lost|beware|psa|report|bots)\b",
        check: Check::None,
        message: "Promotes a money-making scheme or token",
        suggestion: "",
        flags: ex(&["I'm earning passive income with forex", "I made $4,800 last week trading", "$MOON launching in 2 hrs"]),
        passes: ex(&["if someone comments 'I made $5000 from home' it's a scam", "it made 10 minutes difference"]),
    },
    Rule {
        id: "claim.results",
        kind: Signal,
        weight: 14,
        pattern: r"\b(?:helped|worked\s+with|coached|trained)\s+\d[\d,]*\+?\s+(?:\w+\s+)?(?:founders|clients|leaders|companies|families|businesses|people|students|runners|teams|brands|moms|women|men)\b|\bmy\s+clients\s+(?:get|see|have|land)\b|\b(?:changed|transformed)\s+(?:so\s+many|\d+|thousands\s+of)\b|\b(?:triple|double|10x)\s+(?:your|their)\b|\bknock\s+\d+\+?\s+minutes\b|\bguaranteed\b|\byour\s+future\s+self\s+will\s+thank\b|\bchanged\s+my\s+life\s*[🙏💯]|\b(?:he|she|they)\s+changed\s+my\s+life\b|\b(?:is|she'?s|he'?s)\s+(?:100%\s+)?legit\b|\b(?:a\s+friend|someone)\s+introduced\s+me\s+to\s+(?:these|this|an?)\s+(?:amazing|incredible)\b|\b(?:completely\s+)?cured\s+(?:my|his|her|their)\b|\blost\s+\d+\s?(?:lbs?|kg|kilos?|pounds)\b|\bone\s+(?:weird\s+|simple\s+)?trick\b|\bguaranteed\s+(?:more|results|income)\b",
        unless: r"\bhate\b",
        check: Check::None,
        message: "Makes sales-style result claims or testimonials",
        suggestion: "Share your experience, not a sales claim",
        flags: ex(&["I've helped 150+ senior leaders", "my clients get 3x more callbacks", "triple your rates in 90 days"]),
        passes: ex(&["it helped my back a lot", "that book changed how I cook"]),
    },
    Rule {
        id: "hashtag.ad",
        kind: Signal,
        weight: 16,
        pattern: r"#(?:ad|sale|sponsored|promo|giveaway|shop|shopnow|shopsmall|shoplocal|smallbiz|etsyshop|discount|deal|deals|gem|crypto|followback|f4f|smallbusiness)\b",
        unless: "",
        check: Check::None,
        message: "Uses advertising hashtags",
        suggestion: "",
        flags: ex(&["#ad #sale", "#followback #f4f"]),
        passes: ex(&["#goals", "#BlueArmy"]),
    },
];
