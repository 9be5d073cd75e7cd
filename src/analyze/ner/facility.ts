/**
 * Rules that type facilities (military bases, airfields, named airports, dams...), which CoNLL
 * does not annotate. They run on one tokenised sentence after the statistical tagger and rewrite
 * its spans:
 *
 * 1. Name + head: a capitalised name right before a military facility head ("the Hmeimim air base",
 *    "the al Jarrah military air base") is a facility. With a capitalised head ("Ramstein Air Base",
 *    "Heathrow Airport") the head joins the name.
 * 2. Coordination: "Hmeimim and Tartus [bases]" makes every coordinated name a facility.
 * 3. "base at X": the name after "(air|naval|military) base at" is a facility.
 *
 * Names that are countries or unions ("US air base", "NATO bases") and demonyms ("Russian base")
 * are never made facilities, nor persons before a bare "base" ("the Sanders base").
 */
import {
  COUNTRY_LIKE,
  FACILITY_HEADS,
  FACILITY_PLURALS,
  FACILITY_TITLE_HEADS,
  NAME_PARTICLES,
} from "./data/facility.js";

/** A typed token span within one sentence; type is a CoNLL type or "FAC". */
export interface TypedSpan {
  start: number;
  end: number;
  type: string;
}

/** Adjectives of nationality or region: "Russian", "Israeli", "Turkish", "Soviet", "Western". */
const DEMONYM_RE = /(?:an|ese|ish|i|ch|ic|soviet|ern|arab|greek|thai|swiss)$/;

/** Capitalised words that open a sentence without being part of the name after them. */
const DETERMINERS: ReadonlySet<string> = new Set([
  "The",
  "A",
  "An",
  "This",
  "That",
  "These",
  "Those",
  "Its",
  "Their",
  "Both",
]);

const isCap = (w: string) => /^\p{Lu}/u.test(w);
const lower = (w: string) => w.toLowerCase();

/** First words of all head phrases: a cheap test before trying the phrases. */
const HEAD_FIRST: ReadonlySet<string> = new Set(
  [...FACILITY_HEADS, ...FACILITY_TITLE_HEADS].map((h) => h[0]),
);
const NO_HEAD = { len: 0, title: false, plural: false };

/** First characters of the head phrases (lowercase char codes): most words start otherwise. */
const HEAD_FIRST_CHARS: ReadonlySet<number> = new Set([...HEAD_FIRST].map((w) => w.charCodeAt(0)));

/** Whether `w` cannot start a head phrase, judged from its first character (ASCII only). */
function cannotStartHead(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c >= 128) return false;
  return !HEAD_FIRST_CHARS.has(c >= 65 && c <= 90 ? c + 32 : c);
}

/** Length of the head phrase starting at token j (0 when none), and whether it is title-cased. */
function headAt(words: string[], lw: string[], j: number): { len: number; title: boolean; plural: boolean } {
  if (cannotStartHead(words[j]) || !HEAD_FIRST.has(lw[j])) return NO_HEAD;
  for (const [list, title] of [
    [FACILITY_TITLE_HEADS, true],
    [FACILITY_HEADS, false],
  ] as const) {
    for (const h of list) {
      if (j + h.length > words.length) continue;
      let ok = true;
      for (let k = 0; k < h.length && ok; k++) {
        ok = lw[j + k] === h[k] && isCap(words[j + k]) === title;
      }
      if (ok) return { len: h.length, title, plural: FACILITY_PLURALS.has(h[h.length - 1]) };
    }
  }
  return NO_HEAD;
}

/** Start of the capitalised name ending right before token `end` (particles allowed), or `end` if none. */
function nameStartBefore(words: string[], end: number): number {
  let s = end;
  while (s > 0) {
    const w = words[s - 1];
    if (isCap(w) && /\p{L}/u.test(w)) s--;
    else if (NAME_PARTICLES.has(lower(w)) && s < end) s--;
    else break;
  }
  // Particles may lead ("al Jarrah") but a name must hold a capitalised word; a capitalised
  // determiner at the start of a sentence ("The Hmeimim air base") is not part of the name.
  while (s < end && ((!isCap(words[s]) && !NAME_PARTICLES.has(lower(words[s]))) || DETERMINERS.has(words[s])))
    s++;
  return s;
}

/** End of the capitalised name starting at token `start` (particles allowed), or `start` if none. */
function nameEndAfter(words: string[], start: number): number {
  let e = start;
  while (
    e < words.length &&
    ((isCap(words[e]) && /\p{L}/u.test(words[e])) || NAME_PARTICLES.has(lower(words[e])))
  )
    e++;
  while (e > start && NAME_PARTICLES.has(lower(words[e - 1]))) e--;
  return e;
}

/**
 * Returns true when the name [s, e) may be a facility: not a country/union, not a span the tagger
 * typed PER or MISC, and not a lone capitalised sentence-initial word the tagger left untagged.
 */
function eligible(words: string[], spans: TypedSpan[], s: number, e: number, allowPerson = true): boolean {
  if (e <= s) return false;
  const name = words.slice(s, e).map(lower).join(" ");
  if (COUNTRY_LIKE.has(name) || COUNTRY_LIKE.has(name.replace(/^the /, ""))) return false;
  const covering = spans.filter((sp) => sp.start < e && sp.end > s);
  if (!allowPerson && covering.some((sp) => sp.type === "PER")) return false;
  // The tagger types both demonyms ("Russian base") and unknown names ("Hmeimim") as MISC: only
  // the demonyms are owners, not facilities.
  if (covering.some((sp) => sp.type === "MISC") && DEMONYM_RE.test(name)) return false;
  if (covering.length === 0 && s === 0 && e - s === 1) return false;
  return words.slice(s, e).some((w) => isCap(w));
}

/** Replaces the spans overlapping [s, e) by one facility span. */
function setFacility(spans: TypedSpan[], s: number, e: number): TypedSpan[] {
  const kept = spans.filter((sp) => sp.end <= s || sp.start >= e);
  kept.push({ start: s, end: e, type: "FAC" });
  return kept;
}

/** Applies the facility rules to one sentence's spans; returns the new span list, sorted. */
export function applyFacilityRules(words: string[], spans: TypedSpan[]): TypedSpan[] {
  let out = spans;
  // Lowercase words, computed only where a head phrase may start (it reads on from there).
  let lw: string[] | null = null;
  for (let j = 1; j < words.length; j++) {
    if (cannotStartHead(words[j])) continue;
    if (lw === null) {
      lw = [];
      for (const w of words) lw.push(lower(w));
    }
    const head = headAt(words, lw, j);
    if (head.len === 0) continue;
    let end = j;
    // Allow "[" between the name and the head: "Hmeimim and Tartus [bases]".
    if (words[end - 1] === "[" || words[end - 1] === "(") end--;
    const s = nameStartBefore(words, end);
    // A person before a bare singular "base" is a political base ("the Sanders base"); before a
    // military head the tagger's PER is a mistake on an unknown name ("the Hmeimim air base").
    const bare = head.len === 1 && lower(words[j]) === "base";
    if (eligible(words, out, s, end, !bare)) {
      out = setFacility(out, s, head.title ? j + head.len : end);
      // Coordination: "X and Y bases", "X, Y and Z air bases".
      if (head.plural) {
        let k = s;
        while (k > 0 && (words[k - 1] === "and" || words[k - 1] === "," || words[k - 1] === "&")) {
          const s2 = nameStartBefore(words, k - 1);
          if (!eligible(words, out, s2, k - 1)) break;
          out = setFacility(out, s2, k - 1);
          k = s2;
        }
      }
    }
    // "base at X".
    const after = j + head.len;
    if (!head.plural && after + 1 < words.length && lower(words[after]) === "at") {
      const e2 = nameEndAfter(words, after + 1);
      if (eligible(words, out, after + 1, e2)) out = setFacility(out, after + 1, e2);
    }
  }
  return out === spans ? spans : out.sort((a, b) => a.start - b.start);
}
