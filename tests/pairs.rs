//! The same reply, judged under different threads: the thread is the heart of the product.

use read_the_room::{Analyzer, Case, Config, Level, Message, Thread};

fn post(text: &str) -> Thread {
    Thread { title: None, messages: vec![Message { author: "op".into(), text: text.into() }], parent: None }
}

fn level(thread: &Thread, reply: &str) -> Level {
    let analyzer = Analyzer::new(Config::default()).unwrap();
    analyzer.score(&analyzer.thread(thread), reply).level
}

#[test]
fn the_ladder_offer_depends_on_who_asked() {
    let offer = "We've got those ladders on sale this week, 20% off at our shop on Main St!";
    assert_eq!(level(&post("I'm in the market for a new ladder, who has a good deal?"), offer), Level::Ok);
    assert_eq!(level(&post("Which style of ladder is best for cleaning gutters?"), offer), Level::Pitch);
    assert_eq!(level(&post("Finally cleaned the gutters today, what a job."), offer), Level::Pitch);
}

#[test]
fn a_request_in_another_comment_does_not_invite_a_reply_elsewhere() {
    let offer = "Our appliance outlet has chest freezers from $149 this weekend only, come by!";
    let mut thread = Thread {
        title: None,
        messages: vec![
            Message { author: "op".into(), text: "Share your best budget meal ideas!".into() },
            Message { author: "a".into(), text: "rice and beans".into() },
            Message { author: "b".into(), text: "Does anyone know where to get a cheap chest freezer?".into() },
        ],
        parent: Some(1),
    };
    assert_eq!(level(&thread, offer), Level::Pitch);
    thread.parent = Some(2);
    assert_ne!(level(&thread, offer), Level::Pitch);
}

#[test]
fn follow_thanks_with_a_sales_link_is_a_pitch_but_a_warm_reply_is_not() {
    let thanks = post("thanks for the follow! love your pottery posts");
    assert_eq!(level(&thanks, "thank you!! what got you into pottery?"), Level::Ok);
    assert_eq!(level(&thanks, "thanks! my full course is 30% off this week, link in bio"), Level::Pitch);
}

#[test]
fn refusals_make_an_offer_worse() {
    let offer = "I'm a bookkeeper and could catch you up in a week, happy to chat.";
    let asked = post("Can anyone recommend a bookkeeper? I'm 4 months behind.");
    let refused = post("4 months behind on my books. Not asking for anything, just venting.");
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let a = analyzer.score(&analyzer.thread(&asked), offer);
    let r = analyzer.score(&analyzer.thread(&refused), offer);
    assert!(a.score < r.score, "{} !< {}", a.score, r.score);
    assert_eq!(r.level, Level::Pitch);
}

/// Every reply that appears more than once in the corpora with different labels must get
/// levels in the same order as its labels.
#[test]
fn corpus_pairs_keep_their_order() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = vec![format!("{root}/../shared/corpus/dev.jsonl")];
    if let Ok(dir) = std::fs::read_dir(format!("{root}/tests/corpus")) {
        files.extend(dir.flatten().map(|e| e.path().display().to_string()).filter(|p| p.ends_with(".jsonl")));
    }
    let mut by_reply: std::collections::HashMap<String, Vec<Case>> = Default::default();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let case: Case = serde_json::from_str(line).expect("corpus line parses");
            by_reply.entry(case.reply.clone()).or_default().push(case);
        }
    }
    let analyzer = Analyzer::new(Config::default()).unwrap();
    let (mut pairs, mut wrong) = (0, Vec::new());
    for cases in by_reply.values().filter(|c| c.len() > 1) {
        for a in cases {
            for b in cases {
                let (ea, eb) = (a.expect.unwrap(), b.expect.unwrap());
                if ea >= eb {
                    continue;
                }
                pairs += 1;
                let (ga, gb) = (analyzer.analyze(a).level, analyzer.analyze(b).level);
                if ga >= gb {
                    wrong.push(format!("{:?} ({ea}→{ga}) vs {:?} ({eb}→{gb})", a.id, b.id));
                }
            }
        }
    }
    println!("paired cases: {pairs}, out of order: {}", wrong.len());
    // Most pairs must come out in order; a few borderline ones may tie.
    assert!(pairs >= 10, "expected paired cases in the corpora, found {pairs}");
    assert!(wrong.len() * 5 <= pairs, "{} of {pairs} pairs out of order:\n{}", wrong.len(), wrong.join("\n"));
}

/// The examples of DESIGN.md's level table, each under its thread (the restaurant thread as
/// DESIGN.md words it: adding "looking for somewhere new to try" would make it a request for
/// places, like its "romantic dinner spot" example, and the owner's offer invited).
#[test]
fn design_table_examples() {
    let cases = [
        ("Thinking about switching our team to a four-day week. Thoughts?", "I have the answer you're looking for. Message me directly and I'll offer my company's services.", Level::Pitch),
        ("What's everyone's favourite local restaurant?", "I own the Blue Door Bistro on 3rd, so I'm biased, but Luigi's really is great. If you try ours, mention this thread for 10% off!", Level::Caution),
        ("Which style of ladder is best for cleaning gutters on a two-storey house?", "I work at Harlow Hardware, so grain of salt, but for a one-off job I'd rent an extension ladder rather than buy one. We rent them for $25 a day and most hardware stores do something similar.", Level::Caution),
        ("I'm in the market for a new ladder, anyone know a good place?", "We've got those ladders on sale this week at our shop on Main St, come by!", Level::Ok),
        ("anyone have suggestions for a romantic dinner spot in Portland?", "I'm the owner of Cena on Alberta, we do a candlelit tasting menu on Fridays, happy to save you a table!", Level::Ok),
        ("thanks for the follow!", "Thanks for following back! Check out my shop for 20% off 👉 bit.ly/shopnow", Level::Pitch),
    ];
    for (thread, reply, want) in cases {
        assert_eq!(level(&post(thread), reply), want, "{reply:?} under {thread:?}");
    }
}
