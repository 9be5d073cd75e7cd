/**
 * Speakers: the entity a source phrase names, and the antecedent of "he", "they", "the president".
 *
 * Entity mentions come from the NER stage when the caller passes them (`ctx.mentions`). Until
 * then, or when none are given, `fallbackMentions` finds capitalised phrases and types them with a
 * few word lists (an organisation word such as "Ministry" or an acronym makes an organisation; a
 * title or two capitalised words make a person); a bare surname joins the earlier full name
 * ("Assad" -> "Bashar al-Assad").
 */
import type { EntityType, Mention } from "../../model/article.js";
import {
  CUE_FORMS,
  GROUP_PRONOUN_SET,
  GROUP_ROLE_SET,
  NAME_LINK_SET,
  NEWS_ORG_SET,
  NEWS_ORG_WORD_SET,
  ORG_NAME_WORD_SET,
  PERSON_PRONOUN_SET,
  PERSON_ROLE_SET,
  TITLE_SET,
} from "./lexicon.js";
import type { Tok } from "./tokens.js";

/** Capitalised words that open sentences or phrases without being names. */
const NOT_NAME = new Set(
  (
    "the a an he she it they we i you his her its their our this that these those there here but and " +
    "or so yet if in on at as after before when while since although though however meanwhile also " +
    "still then now today yesterday last earlier later some many most several despite according " +
    "for from with by to of mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday " +
    "january february march april june july august september october november december"
  ).split(" "),
);
const DEMONYM_RE = /(?:ian|ese|ish)$/;
/** "al-Assad", "bin-Salman": a lower-case particle joined to a capitalised name. */
const PARTICLE_NAME_RE = /^(?:al|el|bin|ibn|abu|van|von|de|da|di|du|le|la)-\p{Lu}/u;

function nameWord(t: Tok): boolean {
  return t.word && (t.cap || PARTICLE_NAME_RE.test(t.t)) && !NOT_NAME.has(t.l) && !CUE_FORMS.has(t.l);
}

/** Normalises a name for keys: lower case, no "al-" prefix, no punctuation. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\b(?:al|el)[-\s]/g, "")
    .replace(/[’']s$/, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The name inside a phrase: capitalised words after the last title ("Syrian President X Y" -> "X Y"). */
export function nameOf(words: string[]): string[] {
  let start = 0;
  for (let i = 0; i < words.length - 1; i++)
    if (TITLE_SET.has(words[i].toLowerCase().replace(/\.$/, ""))) start = i + 1;
  return words.slice(start);
}

function typeOf(words: string[], hadTitle: boolean): EntityType {
  const joined = words.join(" ");
  if (NEWS_ORG_SET.has(joined.toLowerCase())) return "organization";
  for (const w of words) {
    const l = w.toLowerCase();
    if (ORG_NAME_WORD_SET.has(l) || NEWS_ORG_WORD_SET.has(l)) return "organization";
  }
  if (words.length === 1 && /^[A-Z]{2,6}$/.test(words[0])) return "organization";
  if (hadTitle) return "person";
  if (words.length >= 2 && words.length <= 4 && !DEMONYM_RE.test(words[0])) return "person";
  return "other";
}

/** Capitalised-phrase mentions, typed by word lists, with surnames linked to full names. */
export function fallbackMentions(toks: Tok[]): Mention[] {
  const out: Mention[] = [];
  const persons: { key: string; last: string; pos: number }[] = [];
  const singles: { index: number; last: string }[] = [];
  let k = 0;
  while (k < toks.length) {
    const t = toks[k];
    if (!nameWord(t) || t.q >= 0) {
      k++;
      continue;
    }
    let e = k;
    let m = k + 1;
    while (m < toks.length && toks[m].sent === t.sent && toks[m].q < 0) {
      const w = toks[m];
      if (nameWord(w)) e = m;
      else if (NAME_LINK_SET.has(w.l) && toks[m + 1]?.cap) {
        /* inner link */
      } else if (w.t === "." && /^(?:\p{Lu}|Mr|Mrs|Ms|Dr|Gen|Sen|St|Jr|U\.S|U\.N)$/u.test(toks[m - 1].t)) {
        /* abbreviation dot */
      } else break;
      m++;
    }
    const words: string[] = [];
    for (let i = k; i <= e; i++) if (toks[i].word) words.push(toks[i].t);
    const name = nameOf(words);
    const hadTitle = name.length < words.length;
    const type = typeOf(name, hadTitle);
    const key = `${type}:${nameKey(name.join(" "))}`;
    const last = nameKey(name[name.length - 1] ?? "");
    if (name.length === 1 && type !== "organization") singles.push({ index: out.length, last });
    if (type === "person" && name.length >= 2) persons.push({ key, last, pos: out.length });
    // Possessive "Assad's" names Assad.
    const endTok = toks[e];
    const end = /[’']s$/.test(endTok.t) ? endTok.e - 2 : endTok.e;
    out.push({ start: toks[k].s, end, text: "", type, entity: key });
    k = e + 1;
  }
  // A bare surname joins the nearest full name before it, else the first one after it.
  for (const s of singles) {
    const full =
      persons.findLast((p) => p.last === s.last && p.pos < s.index) ?? persons.find((p) => p.last === s.last);
    if (full) {
      out[s.index].entity = full.key;
      out[s.index].type = "person";
    }
  }
  return out;
}

export interface ResolvedSpeaker {
  entity: string | null;
  type: EntityType | null;
}

/** Mentions overlapping [start, end): the last person or organisation one, else the last one. */
export function mentionIn(mentions: Mention[], start: number, end: number): Mention | null {
  let best: Mention | null = null;
  for (const m of mentions) {
    if (m.start >= end) break;
    if (m.end <= start) continue;
    if (!best || m.type === "person" || m.type === "organization" || best.type === "other") best = m;
  }
  return best;
}

/** What a pronoun or description can refer to. */
export function antecedentType(words: string[]): EntityType | "none" | null {
  const first = words[0]?.toLowerCase();
  const head = words[words.length - 1]?.toLowerCase().replace(/[’']s$/, "");
  if (words.length === 1 && PERSON_PRONOUN_SET.has(first))
    return first === "i" || first === "we" || first === "you" ? "none" : "person";
  if (words.length === 1 && GROUP_PRONOUN_SET.has(first)) return "organization";
  if (first !== "the" && first !== "this" && first !== "that") return null;
  if (PERSON_ROLE_SET.has(head)) return "person";
  if (GROUP_ROLE_SET.has(head)) return "organization";
  return null;
}
