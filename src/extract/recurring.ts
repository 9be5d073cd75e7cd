/**
 * Cross-document chrome: a line that recurs across many captures of the same outlet (a menu, a
 * tagline, a footer) is page chrome even when no pattern recognises it.
 */
import { domainOf } from "./text.js";

/** A line must appear in at least this many documents of one outlet to count as recurring. Two
 * articles may legitimately share a sentence (a quote, a boilerplate background line); three
 * captures of one site sharing a line verbatim is what menus and footers look like. */
export const RECURRING_MIN_DOCS = 3;
/** ...and in at least this share of that outlet's documents in the batch. */
export const RECURRING_MIN_SHARE = 0.5;
/** Long lines are article prose even when repeated (wire copies share whole paragraphs). */
export const RECURRING_MAX_CHARS = 200;

const ORIGINAL_URL = /^(?:original|source)\s+url\s*:?\s*<?(https?:\/\/[^\s>]*)?/i;
const URL_ONLY = /^<?(https?:\/\/[^\s>]+)>?$/i;

export function normaliseLine(line: string): string {
  return line
    .replace(/[*_#>`[\]()]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Guesses a capture's outlet key from an "Original url" line; null when unknown. */
export function outletKeyOf(content: string): string | null {
  const lines = content.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  for (let i = 0; i < lines.length; i++) {
    const m = ORIGINAL_URL.exec(lines[i]);
    if (!m) continue;
    const url = m[1] ?? URL_ONLY.exec(lines[i + 1] ?? "")?.[1];
    return domainOf(url);
  }
  return null;
}

/** Learns, per outlet, the set of normalised lines that recur across its captures. */
export function learnRecurringLines(docs: { outlet: string | null; content: string }[]): Map<string, Set<string>> {
  const perOutlet = new Map<string, { docs: number; counts: Map<string, number> }>();
  for (const d of docs) {
    if (!d.outlet) continue;
    let o = perOutlet.get(d.outlet);
    if (!o) perOutlet.set(d.outlet, (o = { docs: 0, counts: new Map() }));
    o.docs++;
    const seen = new Set<string>();
    for (const raw of d.content.split(/\r?\n/)) {
      if (raw.length > RECURRING_MAX_CHARS) continue;
      const n = normaliseLine(raw);
      if (n.length === 0 || seen.has(n)) continue;
      seen.add(n);
      o.counts.set(n, (o.counts.get(n) ?? 0) + 1);
    }
  }
  const out = new Map<string, Set<string>>();
  for (const [outlet, o] of perOutlet) {
    if (o.docs < RECURRING_MIN_DOCS) continue;
    const set = new Set<string>();
    for (const [line, n] of o.counts) if (n >= RECURRING_MIN_DOCS && n / o.docs >= RECURRING_MIN_SHARE) set.add(line);
    if (set.size) out.set(outlet, set);
  }
  return out;
}
