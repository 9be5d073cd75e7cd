/**
 * Name normalisation shared by article-level and corpus-level entity resolution.
 *
 * - `matchForm`: the form names are compared in. Lowercase, no diacritics, no dots, hyphens as
 *   spaces, name particles dropped, American spellings: "Bashar al-Assad", "Bashar al Assad" and
 *   "Bashar Assad" all give "bashar assad"; "Syria Civil Defence" and "Syria Civil Defense" give
 *   "syria civil defense"; "U.S." gives "us".
 * - `keyForm`: the readable form used in entity keys ("bashar al-assad"): lowercase, no diacritics,
 *   American spellings, particles joined to the next word by a hyphen.
 */
import type { EntityType } from "../../model/article.js";
import { AMERICAN_TO_BRITISH } from "../ner/data/spelling.js";
import { ACRONYM_SKIP, NAME_PARTICLES } from "./data/aliases.js";

const AMERICAN_OF: ReadonlyMap<string, string> = new Map(AMERICAN_TO_BRITISH.map(([us, uk]) => [uk, us]));

/** Distinct strings kept by each memoised function before its cache is cleared (count). */
const MEMO_MAX = 20_000;

/**
 * Memoises a pure function of one string: names recur within an article and across a corpus, and
 * the normalisations below run several regular expressions each.
 */
export function memoize<T>(f: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string): T => {
    let v = cache.get(s);
    if (v === undefined) {
      v = f(s);
      if (cache.size >= MEMO_MAX) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}

/** Lowercase, no diacritics, straight apostrophes, no possessive, no leading "the", single spaces. */
export const baseForm: (name: string) => string = memoize((name) =>
  name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[‐‑‒–—]/g, "-")
    .replace(/'s$|'$/u, "")
    .replace(/^the\s+/u, "")
    .replace(/\s+/gu, " ")
    .trim(),
);

const americanize = (w: string) => AMERICAN_OF.get(w) ?? w;

// Word arrays here are built by push: arrays from .map change shape (packed to holey) once V8
// optimises the caller, and every function reading them would be re-optimised for the new shape.
const matchWordsOf = memoize((name: string): readonly string[] => {
  const words: string[] = [];
  for (const w of baseForm(name)
    .replace(/\./g, "")
    .split(/[\s\-'"]+/u)) {
    if (w.length > 0) words.push(americanize(w));
  }
  const kept = words.filter((w, i) => !(NAME_PARTICLES.has(w) && i + 1 < words.length));
  return kept.length > 0 ? kept : words;
});

/** Words of a name in match form (see module comment). */
export function matchWords(name: string): string[] {
  return matchWordsOf(name).slice();
}

/** The form names are compared in (see module comment). */
export const matchForm: (name: string) => string = memoize((name) => matchWordsOf(name).join(" "));

/** The readable form used in entity keys: "Bashar al Assad" -> "bashar al-assad". */
export function keyForm(name: string): string {
  const words = baseForm(name)
    .split(/\s+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.split("-").map(americanize).join("-"));
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (NAME_PARTICLES.has(words[i]) && i + 1 < words.length) {
      out.push(`${words[i]}-${words[i + 1]}`);
      i++;
    } else out.push(words[i]);
  }
  return out.join(" ");
}

/** Stable entity key: "person:bashar al-assad". */
export function entityKey(type: EntityType, name: string): string {
  return `${type}:${keyForm(name)}`;
}

/** An acronym: 2-10 capitals (digits and & allowed), optionally dotted ("SNHR", "U.N.", "AT&T"). */
export const isAcronym: (text: string) => boolean = memoize((text) => {
  const t = text.replace(/\./g, "");
  return /^[\p{Lu}][\p{Lu}\d&]{1,9}$/u.test(t) && /\p{Lu}.*\p{Lu}/u.test(t);
});

/**
 * Whether `acronym` abbreviates `name`: its letters are the initials of the name's words, in order,
 * where function words ("of", "for", "the") and name particles may be skipped or used, and a
 * hyphenated word may give one initial or one per part.
 */
export function acronymMatches(acronym: string, name: string): boolean {
  const letters = acronym.replace(/[.&\s]/g, "").toLowerCase();
  const words = baseForm(name)
    .split(/\s+/u)
    .filter((w) => w.length > 0);
  if (letters.length < 2 || words.length < 2) return false;
  // Each word yields options: its initial, the initials of its hyphen parts, or nothing if skippable.
  const options = words.map((w) => {
    const parts = w.split("-").filter((p) => p.length > 0);
    const opts = new Set<string>([w[0]]);
    if (parts.length > 1) opts.add(parts.map((p) => p[0]).join(""));
    const skippable = ACRONYM_SKIP.has(w) || NAME_PARTICLES.has(w);
    return { opts: [...opts], skippable };
  });
  const memo = new Map<string, boolean>();
  const go = (wi: number, li: number): boolean => {
    if (wi === options.length) return li === letters.length;
    const k = `${wi}:${li}`;
    const m = memo.get(k);
    if (m !== undefined) return m;
    let ok = false;
    const o = options[wi];
    if (o.skippable && go(wi + 1, li)) ok = true;
    for (const opt of o.opts) {
      if (!ok && letters.startsWith(opt, li) && go(wi + 1, li + opt.length)) ok = true;
    }
    memo.set(k, ok);
    return ok;
  };
  return go(0, 0);
}
