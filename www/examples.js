// Example threads for the playground picker: the stories of DESIGN.md, written for this page
// (not taken from the test corpora), each with the level its story calls for (checked by
// tests/e2e/playground.test.mjs). Data only: no DOM, no analyzer.

export const EXAMPLES = [
  {
    id: 'ladder-style',
    expect: 'pitch', // the level DESIGN.md's story calls for
    label: 'Ladder — “which style is best?” (a discussion)',
    thread: {
      title: 'Which ladder style is best for cleaning gutters?',
      messages: [
        {
          author: 'gutterguy',
          text: 'Two-storey house, gutters fill up every autumn. Is an extension ladder or a multi-position one the better style for this? What do you all use?',
        },
        { author: 'maple_row', text: 'Extension with a standoff bracket. Keeps the ladder off the gutter itself.' },
      ],
      parent: 0,
    },
    reply: 'Great question! Our extension ladders are 25% off until Sunday — DM me and I will send you the order link.',
  },
  {
    id: 'ladder-market',
    expect: 'ok', // the level DESIGN.md's story calls for
    label: 'Ladder — “in the market for one” (a request)',
    thread: {
      title: 'Buying a ladder',
      messages: [
        {
          author: 'gutterguy',
          text: "I'm in the market for a new ladder, around 20 ft, for gutters. Anyone selling one near Leeds, or know a good shop?",
        },
      ],
      parent: 0,
    },
    reply: 'Great question! Our extension ladders are 25% off until Sunday — DM me and I will send you the order link.',
  },
  {
    id: 'restaurant',
    expect: 'caution', // the level DESIGN.md's story calls for
    label: 'Restaurants — favourites, and an owner with a discount',
    thread: {
      title: "What's your favourite local restaurant in Portland?",
      messages: [
        { author: 'tess_pdx', text: "New in town! What's everyone's favourite local restaurant? Any cuisine, just somewhere you keep going back to." },
        { author: 'bikeandbeans', text: 'The noodle place on Division, always. Their broth is unreal.' },
      ],
      parent: 0,
    },
    // It answers in the thread's words: relevance is read from the words a reply shares with
    // the thread, and a reply that shares none reads as ignoring it.
    reply:
      "Welcome! Full disclosure, I own Little Fig on Alberta St, so I am biased, but it's the local restaurant our regulars keep going back to for the mushroom risotto. Mention this thread for 10% off your first dinner.",
  },
  {
    id: 'linkedin',
    expect: 'pitch', // the level DESIGN.md's story calls for
    label: 'LinkedIn — thanks for connecting, plus a calendar link',
    site: 'linkedin',
    thread: {
      messages: [{ author: 'Priya N.', text: 'Thanks for connecting, Dana! Great to meet you at the logistics meetup last week.' }],
      parent: 0,
    },
    reply:
      'Thanks for connecting, Priya! I help logistics teams cut freight costs by 30%. Grab 15 minutes on my calendar: cal.com/dana-ops/intro',
  },
  {
    id: 'follow-thanks',
    expect: 'pitch', // the level DESIGN.md's story calls for
    label: 'Follow thanks — with a Patreon link',
    site: 'x.com',
    thread: {
      messages: [{ author: '@mira_draws', text: 'Thanks for the follow! Love your city sketches 🙌' }],
      parent: 0,
    },
    reply: 'Thanks for following back! If you like my sketches, support me at patreon.com/inkbymira for early access and monthly prints 🎨',
  },
];

/** The example with this id, or undefined. */
export function exampleById(id) {
  return EXAMPLES.find((example) => example.id === id);
}
