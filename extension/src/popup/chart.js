// The popup's history charts, hand-written SVG: verdicts per day stacked by level, and a
// per-site breakdown. The counting functions are pure (tested in Node); the drawing functions
// build elements with createElementNS and write labels with textContent only.
// Never reads storage or the page.

export const LEVELS = ['ok', 'caution', 'pitch'];
const DAY_MS = 24 * 60 * 60 * 1000;
const SVG = 'http://www.w3.org/2000/svg';

/** Local midnight of the day containing `time`. */
export function startOfDay(time) {
  const d = new Date(time);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** One bucket per day for the last `days` days (today last): {day, ok, caution, pitch, total}. */
export function countByDay(entries, days, now = Date.now()) {
  const today = startOfDay(now);
  const buckets = [];
  for (let i = days - 1; i >= 0; i--) {
    // Step by calendar day, not by 24 h, so daylight-saving changes do not shift buckets.
    const d = new Date(today);
    d.setDate(d.getDate() - i);
    buckets.push({ day: d.getTime(), ok: 0, caution: 0, pitch: 0, total: 0 });
  }
  const index = new Map(buckets.map((b, i) => [b.day, i]));
  for (const entry of entries) {
    const bucket = buckets[index.get(startOfDay(entry.time))];
    if (!bucket || !LEVELS.includes(entry.level)) continue;
    bucket[entry.level] += 1;
    bucket.total += 1;
  }
  return buckets;
}

/** Counts per site, most verdicts first: [{site, ok, caution, pitch, total}]. */
export function countBySite(entries) {
  const sites = new Map();
  for (const entry of entries) {
    if (!LEVELS.includes(entry.level)) continue;
    const row = sites.get(entry.site) ?? { site: entry.site, ok: 0, caution: 0, pitch: 0, total: 0 };
    row[entry.level] += 1;
    row.total += 1;
    sites.set(entry.site, row);
  }
  return [...sites.values()].sort((a, b) => b.total - a.total || a.site.localeCompare(b.site));
}

function el(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function levelCounts(row) {
  return LEVELS.slice().reverse().filter((l) => row[l]).map((l) => `${row[l]} ${l}`).join(', ');
}

/** Stacked bars, one per day. Returns the <svg>. */
export function drawDailyChart(buckets, { width = 328, height = 140, formatDay }) {
  const top = 14, bottom = 18, left = 22;
  const plotH = height - top - bottom;
  const plotW = width - left;
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const total = buckets.reduce((n, b) => n + b.total, 0);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart daily',
    'aria-label': `${plural(total, 'verdict')} in the last ${buckets.length} days` });
  svg.append(el('line', { x1: left, x2: width, y1: top + plotH, y2: top + plotH, class: 'axis' }));
  svg.append(el('text', { x: left - 4, y: top + 4, class: 'tick', 'text-anchor': 'end' }, String(max)));
  svg.append(el('text', { x: left - 4, y: top + plotH, class: 'tick', 'text-anchor': 'end' }, '0'));
  const slot = plotW / buckets.length;
  const barW = Math.max(2, slot * 0.7);
  buckets.forEach((bucket, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    const group = el('g', { class: 'day', 'data-day': new Date(bucket.day).toISOString().slice(0, 10), 'data-total': bucket.total });
    group.append(el('title', {}, `${formatDay(bucket.day)}: ${bucket.total ? levelCounts(bucket) : 'no verdicts'}`));
    let y = top + plotH;
    for (const level of LEVELS) {
      if (!bucket[level]) continue;
      const h = (bucket[level] / max) * plotH;
      y -= h;
      group.append(el('rect', { x: x.toFixed(1), y: y.toFixed(1), width: barW.toFixed(1), height: h.toFixed(1),
        class: `bar ${level}`, 'data-level': level, 'data-count': bucket[level] }));
    }
    svg.append(group);
  });
  const label = (i, anchor) => el('text', { x: left + i * slot + slot / 2, y: height - 4, class: 'tick', 'text-anchor': anchor },
    formatDay(buckets[i].day));
  svg.append(label(0, 'start'), label(buckets.length - 1, 'end'));
  return svg;
}

/** One horizontal stacked bar per site, labelled with its name and count. Returns the <svg>. */
export function drawSiteChart(rows, { width = 328, rowHeight = 22, nameOf }) {
  const labelW = 110, countW = 30;
  const barMax = width - labelW - countW;
  const max = Math.max(1, ...rows.map((r) => r.total));
  const height = rows.length * rowHeight;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'chart sites',
    'aria-label': rows.map((r) => `${nameOf(r.site)}: ${levelCounts(r)}`).join('; ') });
  rows.forEach((row, i) => {
    const y = i * rowHeight;
    const group = el('g', { class: 'site', 'data-site': row.site, 'data-total': row.total });
    group.append(el('title', {}, `${nameOf(row.site)}: ${levelCounts(row)}`));
    group.append(el('text', { x: 0, y: y + rowHeight / 2 + 4, class: 'name' }, nameOf(row.site)));
    let x = labelW;
    for (const level of LEVELS) {
      if (!row[level]) continue;
      const w = (row[level] / max) * barMax;
      group.append(el('rect', { x: x.toFixed(1), y: y + 4, width: w.toFixed(1), height: rowHeight - 8,
        class: `bar ${level}`, 'data-level': level, 'data-count': row[level] }));
      x += w;
    }
    group.append(el('text', { x: x + 4, y: y + rowHeight / 2 + 4, class: 'count' }, String(row.total)));
    svg.append(group);
  });
  return svg;
}
