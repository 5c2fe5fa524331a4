// Draws a report into the playground: the verdict, the meters, the reply and the thread with
// each signal / invitation marked and explained (hover, or keyboard focus), suggestions.
// Writes text only with textContent and attributes (never innerHTML); never scores anything.

const LEVEL_NAMES = { ok: 'OK', caution: 'Caution', pitch: 'Pitch' };

function el(tag, props = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'className') node.className = value;
    else node.setAttribute(key, String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

// Sets text only when it changed, so the aria-live verdict speaks once per change, not per frame.
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Writes `text` into `container`, wrapping each stretch covered by one or more `spans`
 * ({start, end, rule, tip, kind}, UTF-16 offsets) in a focusable <mark> whose reason shows on
 * hover or focus and is announced through aria-describedby, pointing at a span appended to
 * `tips` (a hidden element outside the text, so the text itself stays verbatim).
 */
export function annotate(container, text, spans, idPrefix, tips) {
  const marks = [];
  const cuts = new Set([0, text.length]);
  const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  for (const s of valid) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = valid.filter((s) => s.start <= from && s.end >= to);
    if (covering.length === 0) {
      fragment.append(piece);
      continue;
    }
    const id = `${idPrefix}-${marks.length}`;
    const tip = covering.map((s) => s.tip).join(' · ');
    const kind = covering.some((s) => s.kind === 'signal') ? 'signal' : covering[0].kind;
    const mark = el('mark', {
      className: `mark mark-${kind}`,
      tabindex: 0,
      'data-rule': covering[0].rule,
      'data-rules': covering.map((s) => s.rule).join(' '),
      'data-start': from,
      'data-end': to,
      'data-tip': tip,
      'aria-describedby': id,
    }, piece);
    tips.append(el('span', { id }, tip));
    marks.push(mark);
    fragment.append(mark);
  }
  container.replaceChildren(fragment);
  return marks;
}

/** The verdict line: level badge, summary; `data-level` on the verdict box drives colour and tests. */
export function renderVerdict(refs, report) {
  refs.verdict.dataset.level = report.level;
  setText(refs.level, LEVEL_NAMES[report.level] ?? report.level);
  setText(refs.summary, report.summary || defaultSummary(report.level));
}

function defaultSummary(level) {
  if (level === 'pitch') return 'Sounds like a pitch nobody asked for.';
  if (level === 'caution') return 'Commercial, but the thread may welcome it: take a second look.';
  return 'Reads like part of the conversation.';
}

/** Shows an error (bad thread, analyzer failure) in place of the verdict. */
export function renderError(refs, message) {
  refs.verdict.dataset.level = 'error';
  setText(refs.level, 'Error');
  setText(refs.summary, message);
}

export function renderMeters(refs, report) {
  for (const key of ['score', 'pitch', 'invited', 'relevance']) {
    const box = refs.meters[key];
    box.querySelector('meter').value = report[key];
    setText(box.querySelector('output'), String(report[key]));
  }
}

/** The reply with its signals marked, and the list of reasons under it. */
export function renderReply(refs, reply, report) {
  const spans = report.signals.map((s) => ({
    start: s.start,
    end: s.end,
    rule: s.rule,
    kind: s.weight < 0 ? 'mitigation' : 'signal',
    tip: `${s.message} (${s.weight > 0 ? '+' : ''}${s.weight})`,
  }));
  refs.replyTips.replaceChildren();
  annotate(refs.replyView, reply, spans, 'reply-tip', refs.replyTips);
  refs.signalList.replaceChildren(
    ...report.signals.map((s) => {
      const item = el('li', { className: s.weight < 0 ? 'mitigation' : 'signal' });
      item.append(el('q', {}, s.text), ` ${s.message} `, el('code', {}, `${s.rule} ${s.weight > 0 ? '+' : ''}${s.weight}`));
      return item;
    }),
  );
}

export function renderSuggestions(refs, report) {
  const items = report.suggestions.length ? report.suggestions : ['Nothing to change.'];
  refs.suggestions.replaceChildren(...items.map((text) => el('li', {}, text)));
}

/**
 * The thread as the analyzer read it: title and messages, invitations (and refusals) marked,
 * the message being replied to labelled. `kinds` maps rule id → kind from Analyzer.rules().
 */
export function renderThread(refs, thread, report, kinds) {
  const invitationsAt = (index) =>
    report.invitations
      .filter((inv) => inv.message === index)
      .map((inv) => ({
        start: inv.start,
        end: inv.end,
        rule: inv.rule,
        kind: kinds.get(inv.rule) === 'refusal' ? 'refusal' : 'invitation',
        tip: `${kinds.get(inv.rule) === 'refusal' ? 'Turns offers away' : 'Asks for offers'}: ${inv.rule}`,
      }));
  const blocks = [];
  refs.threadTips.replaceChildren();
  if (thread.title) {
    const title = el('p', { className: 'thread-title annotated' });
    annotate(title, thread.title, invitationsAt(-1), 'title-tip', refs.threadTips);
    blocks.push(title);
  }
  const parent = thread.parent ?? 0;
  thread.messages.forEach((message, index) => {
    const block = el('article', { className: index === parent ? 'message parent' : 'message' });
    const head = el('p', { className: 'message-head' }, message.author || `Message ${index + 1}`);
    if (index === parent) head.append(' ', el('span', { className: 'tag' }, 'replying to this'));
    const body = el('p', { className: 'annotated' });
    annotate(body, message.text, invitationsAt(index), `msg${index}-tip`, refs.threadTips);
    block.append(head, body);
    blocks.push(block);
  });
  if (report.invitations.length === 0) {
    blocks.push(el('p', { className: 'hint' }, 'Nobody here asks for offers, products or services.'));
  }
  refs.threadView.replaceChildren(...blocks);
}
