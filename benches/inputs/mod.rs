//! Deterministic benchmark inputs: realistic thread messages and replies of any size,
//! mixing plain talk, pitches, obfuscation, emoji and RTL text. No randomness, no I/O.

use read_the_room::{Message, Thread};

const MESSAGES: &[&str] = &[
    "Which ladder style is best for cleaning gutters on a two-storey house? Mine wobbles on the lawn.",
    "I've had a Werner 4-footer for years, love it. For gutters I'd go extension ladder with a stand-off 👍",
    "Stand-offs are great, they keep the rails off the gutter so you don't crush it. Also check the duty rating.",
    "no self-promo please, just experiences. We had three shop links in the last thread and mods removed them.",
    "Telescoping ones are handy for storage but the locks scare me a bit. Anyone used them for a whole season?",
    "مرحبا، لدي سلم ألومنيوم منذ سنوات وهو ممتاز للحديقة — extension ladders are safer on uneven ground.",
    "Put plywood under the feet on soft soil, and have someone hold it. Gutter scoops beat gloves too 🙂",
    "My dad fell off a step ladder last year, so whatever you get, respect the top-step warning!",
];

const REPLY: &str = "Honestly I'd get an extension ladder with a stand-off, they keep the rails off the gutter. \
    I've used a Werner for years and it's been solid 👍 Put it on plywood if the lawn is soft. \
    That said, our ladders are 20% off this week only, DM me for the link! Ｄｍ ｍｅ 👉 shop.example.com/deal \
    שלום לכולם — e\u{301}xtension ladders rock, w w w . shop . com, 日本語のテキストもあります. ";

/// A thread of `n` messages about ladders, replying to the middle one.
pub fn thread(n: usize) -> Thread {
    Thread {
        title: Some("Ladders for gutter cleaning".into()),
        messages: (0..n)
            .map(|i| Message { author: format!("user{i}"), text: MESSAGES[i % MESSAGES.len()].to_string() })
            .collect(),
        parent: Some(n / 2),
    }
}

/// A reply of exactly `chars` Unicode scalar values.
pub fn reply(chars: usize) -> String {
    REPLY.chars().cycle().take(chars).collect()
}
