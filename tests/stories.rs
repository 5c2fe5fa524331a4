//! The stories the browser suites tell (www/fixtures/, www/examples.js, tests/e2e/), checked
//! natively: a retrained model that breaks one fails `cargo test` in seconds, not the
//! Chromium run twelve minutes later. The threads are the fixtures' text as the adapters read it.

use read_the_room::{Analyzer, Config, Level, Message, Thread};

fn thread(title: Option<&str>, messages: &[(&str, &str)]) -> Thread {
    Thread {
        title: title.map(str::to_string),
        messages: messages.iter().map(|(a, t)| Message { author: a.to_string(), text: t.to_string() }).collect(),
        parent: Some(0),
    }
}

fn level_at(sensitivity: i32, thread: &Thread, reply: &str) -> Level {
    let analyzer = Analyzer::new(Config { sensitivity, ..Config::default() }).unwrap();
    analyzer.score(&analyzer.thread(thread), reply).level
}

fn level(thread: &Thread, reply: &str) -> Level {
    level_at(0, thread, reply)
}

const PITCH: &str = "Our ladders are 20% off this week only, DM me for the link!";
const REQUEST: &str = "I'm in the market for a new ladder, anyone selling?";

#[test]
fn a_thank_you_with_a_follow_up_question_does_not_close_the_request() {
    // facebook.html with its post replaced by a purchase request: the asker thanks a
    // commenter and asks more; the request is still open.
    let asked = thread(
        None,
        &[
            ("Marta Quinn", REQUEST),
            ("Dev Patel", "Extension ladder, and get the stabiliser arms."),
            ("Marta Quinn", "Thanks! Are the arms easy to fit?"),
            ("Joy Adeyemi", "Multi-position is handy but heavy. I'd borrow one first."),
        ],
    );
    assert_ne!(level(&asked, PITCH), Level::Pitch);
    // The same thread under its own question (which style is best?) asked for no offers.
    let mut discussion = asked.clone();
    discussion.messages[0].text = "Gutters are overflowing again. Which ladder style is best for a two-storey house? Extension or multi-position?".into();
    assert_eq!(level(&discussion, PITCH), Level::Pitch);
}

#[test]
fn the_asker_saying_they_found_one_does_close_the_request() {
    let closed = thread(None, &[("op", REQUEST), ("sam", "Try the hardware shop on Main."), ("op", "Found one at a garage sale, thanks all!")]);
    assert_eq!(level(&closed, PITCH), Level::Pitch);
}

#[test]
fn a_channel_mention_that_answers_is_caution_when_quiet_and_pitch_when_strict() {
    // hackernews.html and the options page's sensitivity slider (quiet -15, strict +15).
    let hn = Thread {
        title: Some("Ask HN: Which ladder style is best for cleaning gutters?".into()),
        ..thread(
            None,
            &[
                ("gutter_novice", "Two-storey house, gutters about six metres up. Extension ladder or a multi-position one? Which style do you all prefer?"),
                ("ladder_lad", "Extension ladder with a standoff. The standoff matters more than the ladder style."),
                ("roof_rita", "Agreed. Also worth renting one first to see what you like."),
            ],
        )
    };
    let reply = "Extension with a standoff wins for gutters. Full disclosure, I review ladders on my channel every week.";
    assert_eq!(level_at(-15, &hn, reply), Level::Caution);
    assert_eq!(level_at(15, &hn, reply), Level::Pitch);
}

#[test]
fn the_playground_examples_show_the_levels_their_stories_call_for() {
    let restaurant = Thread {
        title: Some("What's your favourite local restaurant in Portland?".into()),
        ..thread(
            None,
            &[
                ("tess_pdx", "New in town! What's everyone's favourite local restaurant? Any cuisine, just somewhere you keep going back to."),
                ("bikeandbeans", "The noodle place on Division, always. Their broth is unreal."),
            ],
        )
    };
    let owner = "Welcome! Full disclosure, I own Little Fig on Alberta St, so I am biased, but it's the local restaurant our regulars keep going back to for the mushroom risotto. Mention this thread for 10% off your first dinner.";
    assert_eq!(level(&restaurant, owner), Level::Caution);

    let offer = "Great question! Our extension ladders are 25% off until Sunday — DM me and I will send you the order link.";
    let style = Thread {
        title: Some("Which ladder style is best for cleaning gutters?".into()),
        ..thread(
            None,
            &[
                ("gutterguy", "Two-storey house, gutters fill up every autumn. Is an extension ladder or a multi-position one the better style for this? What do you all use?"),
                ("maple_row", "Extension with a standoff bracket. Keeps the ladder off the gutter itself."),
            ],
        )
    };
    assert_eq!(level(&style, offer), Level::Pitch);
    let market = Thread {
        title: Some("Buying a ladder".into()),
        ..thread(None, &[("gutterguy", "I'm in the market for a new ladder, around 20 ft, for gutters. Anyone selling one near Leeds, or know a good shop?")])
    };
    assert_eq!(level(&market, offer), Level::Ok);

    let connect = thread(None, &[("Priya N.", "Thanks for connecting, Dana! Great to meet you at the logistics meetup last week.")]);
    let calendar = "Thanks for connecting, Priya! I help logistics teams cut freight costs by 30%. Grab 15 minutes on my calendar: cal.com/dana-ops/intro";
    assert_eq!(level(&connect, calendar), Level::Pitch);

    let follow = thread(None, &[("@mira_draws", "Thanks for the follow! Love your city sketches 🙌")]);
    let patreon = "Thanks for following back! If you like my sketches, support me at patreon.com/inkbymira for early access and monthly prints 🎨";
    assert_eq!(level(&follow, patreon), Level::Pitch);
}

#[test]
fn the_linkedin_fixtures_comparison_question_invites_no_offers() {
    let post = thread(
        None,
        &[
            ("Priya Raman", "Our team is debating ladder styles for gutter work on our two-storey offices. Which style do you all prefer, extension or multi-position?"),
            ("Tom Okafor", "Extension ladders with a stabiliser. Fewer falls in our incident logs."),
            ("Lena Fischer", "We use multi-position ones indoors and extension ladders outside."),
        ],
    );
    assert_eq!(level(&post, PITCH), Level::Pitch);
    assert_eq!(level(&post, "I've had a Werner 4-footer for years, love it"), Level::Ok);
}
