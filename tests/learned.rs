//! The learned scorer keeps the settings' meaning: a muted rule stops counting, and so do the
//! words it matched; a phrase marked "not a pitch here" stops counting on that site; the
//! person's own phrases still count as self-reference. Explanations point at real text.

use read_the_room::{Analyzer, Config, Message, Report, Scorer, Thread};

fn thread_of(text: &str) -> Thread {
    Thread { title: None, messages: vec![Message { author: "op".into(), text: text.into() }], parent: None }
}

fn score(config: Config, thread: &Thread, reply: &str) -> Report {
    let analyzer = Analyzer::with_scorer(config, Scorer::Learned).expect("valid config");
    analyzer.score(&analyzer.thread(thread), reply)
}

fn muting(ids: &[&str]) -> Config {
    Config { disabled_rules: ids.iter().map(|s| s.to_string()).collect(), ..Config::default() }
}

/// Byte span of `needle` in `hay`, as UTF-16 offsets (ASCII test texts: the same numbers).
fn span(hay: &str, needle: &str) -> (usize, usize) {
    let at = hay.find(needle).expect("needle in text");
    (at, at + needle.len())
}

fn overlaps(r: &Report, (s, e): (usize, usize)) -> Vec<String> {
    r.signals.iter().filter(|x| x.weight > 0 && x.start < e && s < x.end).map(|x| format!("{} {:?}", x.rule, x.text)).collect()
}

#[test]
fn a_muted_signal_rule_stops_counting_and_so_do_its_words() {
    let t = thread_of("How do you all keep basil alive on a windowsill?");
    let reply = "Water it from below and pinch the tops. DM me for cuttings.";
    let on = score(Config::default(), &t, reply);
    let off = score(muting(&["contact.dm"]), &t, reply);
    assert!(on.signals.iter().any(|s| s.rule == "contact.dm"), "{on:?}");
    let dm = span(reply, "DM me");
    assert!(overlaps(&off, dm).is_empty(), "nothing may count inside the muted span: {:?}", overlaps(&off, dm));
    assert!(off.pitch < on.pitch, "muting contact.dm must lower how commercial it reads: {} !< {}", off.pitch, on.pitch);
    assert!(off.score <= on.score);
}

#[test]
fn a_muted_link_rule_stops_counting_and_so_does_the_link() {
    let t = thread_of("What's the best way to learn sourdough?");
    let reply = "Start with a simple loaf. Starter kits at shop.example.com/sourdough";
    let on = score(Config::default(), &t, reply);
    let muted: Vec<&str> = on.signals.iter().filter(|s| s.rule.starts_with("link.")).map(|s| s.rule.as_str()).collect();
    assert!(!muted.is_empty(), "a link rule fires: {on:?}");
    let off = score(muting(&muted), &t, reply);
    let link = span(reply, "shop.example.com/sourdough");
    assert!(overlaps(&off, link).is_empty(), "{:?}", overlaps(&off, link));
    assert!(off.pitch < on.pitch, "{} !< {}", off.pitch, on.pitch);
}

#[test]
fn a_muted_invitation_rule_no_longer_shows_as_evidence() {
    let t = thread_of("I'm in the market for a new ladder, who has a good deal?");
    let reply = "We've got those ladders on sale this week at our shop on Main St, come by!";
    let on = score(Config::default(), &t, reply);
    assert!(on.invitations.iter().any(|i| i.rule == "ask.buy"), "{on:?}");
    let off = score(muting(&["ask.buy"]), &t, reply);
    assert!(!off.invitations.iter().any(|i| i.rule == "ask.buy"), "{off:?}");
    assert!(off.invited <= on.invited, "{} !<= {}", off.invited, on.invited);
}

#[test]
fn a_phrase_marked_not_a_pitch_stops_counting_on_that_site() {
    let t = thread_of("Anyone else find winter runs brutal?");
    let reply = "Layers help. This is exactly what we solve for mid-size running clubs, happy to compare notes if useful.";
    let on = score(Config::default(), &t, reply);
    let learned: Vec<_> = on.signals.iter().filter(|s| s.rule.starts_with("learned.")).collect();
    assert!(!learned.is_empty(), "the model reads something here as selling: {on:?}");
    let phrase = learned[0].text.clone();
    let allowed = Config { allowed_phrases: vec![phrase.clone()], ..Config::default() };
    let off = score(allowed, &t, reply);
    let at = span(reply, &phrase);
    assert!(overlaps(&off, at).is_empty(), "{phrase:?} still counts: {:?}", overlaps(&off, at));
    assert!(off.pitch <= on.pitch, "{} !<= {}", off.pitch, on.pitch);
}

#[test]
fn the_persons_own_phrases_still_count_as_self_reference() {
    let t = thread_of("Which note-taking app do people like?");
    let reply = "Honestly Quillnote has been great for me.";
    let plain = score(Config::default(), &t, reply);
    let mine = score(Config { phrases: vec!["Quillnote".into()], ..Config::default() }, &t, reply);
    assert!(mine.signals.iter().any(|s| s.rule == "self.user_phrase"), "{mine:?}");
    assert!(mine.pitch > plain.pitch, "{} !> {}", mine.pitch, plain.pitch);
}

#[test]
fn learned_phrases_point_at_the_words_they_name() {
    let t = thread_of("Thoughts on the new bike lanes downtown?");
    let reply = "Love them. Btw our shop does tune-ups for $39 this month, link in bio!";
    let r = score(Config::default(), &t, reply);
    let utf16: Vec<u16> = reply.encode_utf16().collect();
    for s in &r.signals {
        let text = String::from_utf16(&utf16[s.start..s.end]).expect("offsets on char boundaries");
        assert_eq!(text, s.text, "{s:?}");
    }
    assert_eq!(r.level, read_the_room::Level::Pitch, "{r:?}");
}

#[test]
fn a_purchase_request_in_the_parent_never_raises_the_learned_score() {
    const REQUEST: &str = "I'm in the market for one, can anyone recommend a seller?";
    let replies = ["Our ladders are 20% off this week only, DM me for the link!", "I've had a Werner for years, love it", "check my channel 🔥 link in bio", "We rent them for $25 a day, come by the shop."];
    let threads = [
        Thread { title: Some("Which ladder is best?".into()), messages: vec![Message { author: "op".into(), text: "Which style of ladder is best for gutters?".into() }], parent: None },
        Thread { title: None, messages: vec![Message { author: "op".into(), text: "No self-promo please. Finally cleaned the gutters.".into() }, Message { author: "b".into(), text: "nice work".into() }], parent: Some(1) },
        Thread::default(),
    ];
    for t in &threads {
        for reply in replies {
            let before = score(Config::default(), t, reply).score;
            let mut pushed = t.clone();
            pushed.messages.push(Message { author: "buyer".into(), text: REQUEST.into() });
            pushed.parent = Some(pushed.messages.len() - 1);
            let mut appended = t.clone();
            match appended.parent_index() {
                Some(p) => appended.messages[p].text = format!("{}\n{REQUEST}", appended.messages[p].text),
                None => appended.messages.push(Message { author: "op".into(), text: REQUEST.into() }),
            }
            for after in [&pushed, &appended] {
                let s = score(Config::default(), after, reply).score;
                assert!(s <= before, "{reply:?}: score rose from {before} to {s}");
            }
        }
    }
}

/// Muting a thread rule also stops the invitation model reading it: its feature and the words
/// it matched are gone from every reading of the message (whole, windows, title with post).
#[test]
fn a_muted_invitation_rule_stops_counting_in_the_learned_reading_too() {
    let reply = "We've got those ladders on sale this week at our shop on Main St, come by!";
    for (title, post) in [(None, "I'm in the market for a ladder."), (Some("In the market for a ladder"), "Photos of the old one below, it finally broke.")] {
        let t = Thread { title: title.map(str::to_string), messages: vec![Message { author: "op".into(), text: post.into() }], parent: None };
        let on = score(Config::default(), &t, reply);
        assert!(on.invitations.iter().any(|i| i.rule == "ask.buy"), "ask.buy fires: {on:?}");
        assert!(on.invited >= 50, "the request reads as one: {}", on.invited);
        let off = score(muting(&["ask.buy"]), &t, reply);
        assert!(off.invited < 50, "muted, nothing else asks here: {} ({title:?} / {post:?})", off.invited);
        assert!(off.score >= on.score, "{} !>= {}", off.score, on.score);
    }
}

/// Asking for opinions or a comparison is a discussion (DESIGN.md): where a discussion rule
/// fires and no request rule does, the invitation model's reading of that message is
/// discounted by the reader's `discussion` constant (chosen on validation), so an offer under
/// it stays a pitch; muting the rule gives the model's own reading back.
#[test]
fn a_comparison_question_reads_as_a_discussion_not_a_request() {
    let t = Thread {
        title: Some("Cleaning gutters: which ladder style?".into()),
        messages: vec![Message { author: "channel".into(), text: "We compare extension and multi-position ladders for gutter work. Which style do you prefer? Tell us below.".into() }],
        parent: None,
    };
    let reply = "Our ladders are 20% off this week only, DM me for the link!";
    let on = score(Config::default(), &t, reply);
    assert_eq!(on.level, read_the_room::Level::Pitch, "{on:?}");
    assert!(on.invited < 25, "a comparison question asks for no offers: {}", on.invited);
    let off = score(muting(&["discuss.compare"]), &t, reply);
    assert!(off.invited >= on.invited, "muting the discussion rule can only give the model's reading back: {} < {}", off.invited, on.invited);
}
