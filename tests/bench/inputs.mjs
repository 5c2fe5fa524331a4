// Deterministic benchmark inputs shared by the browser page and Node: the same ladder thread
// and mixed reply as benches/inputs/mod.rs, so native and WASM figures are comparable.
// No randomness, no I/O.

const MESSAGES = [
  'Which ladder style is best for cleaning gutters on a two-storey house? Mine wobbles on the lawn.',
  "I've had a Werner 4-footer for years, love it. For gutters I'd go extension ladder with a stand-off 👍",
  "Stand-offs are great, they keep the rails off the gutter so you don't crush it. Also check the duty rating.",
  'no self-promo please, just experiences. We had three shop links in the last thread and mods removed them.',
  'Telescoping ones are handy for storage but the locks scare me a bit. Anyone used them for a whole season?',
  'مرحبا، لدي سلم ألومنيوم منذ سنوات وهو ممتاز للحديقة — extension ladders are safer on uneven ground.',
  'Put plywood under the feet on soft soil, and have someone hold it. Gutter scoops beat gloves too 🙂',
  'My dad fell off a step ladder last year, so whatever you get, respect the top-step warning!',
];

const REPLY =
  "Honestly I'd get an extension ladder with a stand-off, they keep the rails off the gutter. " +
  "I've used a Werner for years and it's been solid 👍 Put it on plywood if the lawn is soft. " +
  "That said, our ladders are 20% off this week only, DM me for the link! Ｄｍ ｍｅ 👉 shop.example.com/deal " +
  'שלום לכולם — e\u0301xtension ladders rock, w w w . shop . com, 日本語のテキストもあります. ';

/** A thread of `n` messages about ladders, replying to the middle one. */
export function thread(n) {
  return {
    title: 'Ladders for gutter cleaning',
    messages: Array.from({ length: n }, (_, i) => ({ author: `user${i}`, text: MESSAGES[i % MESSAGES.length] })),
    parent: Math.floor(n / 2),
  };
}

/** A reply of exactly `chars` code points. */
export function reply(chars) {
  const points = [...REPLY];
  let out = '';
  for (let i = 0; i < chars; i += 1) out += points[i % points.length];
  return out;
}

/** The p-th percentile (0–100) of numbers, nearest-rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
