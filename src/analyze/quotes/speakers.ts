/**
 * Speakers: the entity a source phrase names, and the antecedent of "he", "they", "the president".
 *
 * Entity mentions come from the NER stage when the caller passes them (`ctx.mentions`). Until
 * then, or when none are given, `fallbackMentions` finds capitalised phrases and types them with a
 * few word lists (an organisation word such as "Ministry" or an acronym makes an organisation; a
 * title or two capitalised words make a person); a bare surname joins the earlier full name
 * ("Assad" -> "Bashar al-Assad").
 */
import type { EntityType, Mention, QuoteSpeaker, Span } from "../../model/article.js";
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
    "january february march april june july august september october november december " +
    "thus hence conversely instead indeed moreover furthermore likewise similarly otherwise " +
    "nonetheless nevertheless therefore besides overall finally"
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

/**
 * A person's role written without an article, headline style: "Syrian President", "Prime
 * Minister" (capitalised words ending in a person role). The caller makes sure no name is in it.
 */
export function isBareRole(words: string[]): boolean {
  const head = words[words.length - 1]?.toLowerCase();
  return words.length > 1 && PERSON_ROLE_SET.has(head) && words.every((w) => /^\p{Lu}/u.test(w));
}

/** Third-person singular pronouns by grammatical gender. */
const GENDERED_PRONOUNS: Record<string, "m" | "f"> = {
  he: "m",
  him: "m",
  his: "m",
  himself: "m",
  she: "f",
  her: "f",
  hers: "f",
  herself: "f",
};
const GENDERED_PRONOUN_RE = /\b(?:he|him|his|himself|she|her|hers|herself)\b/iu;
/**
 * How far after a person's mention the pronoun that refers back to them is looked for, in
 * characters (about a sentence: "Albers told reporters ... He said").
 */
const GENDER_WINDOW = 200;

/** The gender a pronoun asks of its antecedent ("he" -> "m"), or null. */
export function pronounGender(word: string): "m" | "f" | null {
  return GENDERED_PRONOUNS[word.toLowerCase()] ?? null;
}

/**
 * The gender the text gives each person entity (and each "other" one, which then is a person):
 * each mention votes with the first he/she-type pronoun after it in the window, before the next
 * such mention; the majority wins (ties: none).
 * "she" must not then resolve to a man the text calls "he".
 */
export function personGenders(text: string, mentions: readonly Mention[]): Map<string, "m" | "f"> {
  // Names the tagger typed "other" too: "Arians said ... He added" makes Arians a person.
  const persons = mentions
    .filter((m) => m.type === "person" || m.type === "other")
    .sort((a, b) => a.start - b.start);
  const votes = new Map<string, number>();
  persons.forEach((m, i) => {
    const stop = Math.min(m.end + GENDER_WINDOW, persons[i + 1]?.start ?? text.length);
    const hit = GENDERED_PRONOUN_RE.exec(text.slice(m.end, stop));
    if (!hit) return;
    const vote = GENDERED_PRONOUNS[hit[0].toLowerCase()] === "m" ? 1 : -1;
    votes.set(m.entity, (votes.get(m.entity) ?? 0) + vote);
  });
  const out = new Map<string, "m" | "f">();
  for (const [entity, v] of votes) if (v !== 0) out.set(entity, v > 0 ? "m" : "f");
  return out;
}

/** Words before a person's mention searched for their role ("Cologne Police Chief Wolfgang Albers"). */
const ROLE_WORDS_BEFORE = 4;
/** An appositive after a mention, up to its closing comma: "Henriette Reker, the mayor of Cologne,". */
const APPOSITIVE_RE = /^,\s+(?:the|a|an|its|his|her|their|[\p{Lu}][\p{L}.’'-]*[’']s)\s+([^,.;:()]{1,60})/u;

const WORD_RE = /\p{L}[\p{L}-]*/gu;

/** A person introduced with a role: where, which entity, and the words around the role. */
export interface RoleBinding {
  entity: string;
  start: number;
  /** Lower-case words of the title and appositive ("cologne", "police", "chief", ...). */
  words: Set<string>;
}

/**
 * The roles the text gives person entities, by role word: a role among the few words before a
 * mention or inside it ("Police Chief Wolfgang Albers", "Interior Minister Thomas de Maiziere"), or
 * in an appositive right after it ("Reker, the city's mayor,"). "The police chief" then refers to
 * the person introduced as one rather than to whoever was named last.
 */
export function personRoles(text: string, mentions: readonly Mention[]): Map<string, RoleBinding[]> {
  const out = new Map<string, RoleBinding[]>();
  const bind = (role: string, b: RoleBinding) => {
    const list = out.get(role) ?? [];
    list.push(b);
    out.set(role, list);
  };
  for (const m of mentions) {
    if (m.type !== "person") continue;
    // The title right before the name: capitalised words and role words, with the lower-case
    // modifier of a role ("police chief"), up to the sentence before ("... on Monday. Reker").
    const before = text.slice(Math.max(0, m.start - 60), m.start);
    const cand = before
      .slice(before.lastIndexOf("\n") + 1)
      .split(/\s+/)
      .filter(Boolean);
    const lead: string[] = [];
    for (let i = cand.length - 1; i >= 0 && lead.length < ROLE_WORDS_BEFORE; i--) {
      const w = cand[i];
      if (/\p{Ll}{3,}[.!?]["”’]?$/u.test(w) || /[,;:]$/.test(w)) break;
      const bare = w.toLowerCase().replace(/[^\p{L}-]/gu, "");
      const modifier = lead.length > 0 && PERSON_ROLE_SET.has(lead[0].toLowerCase());
      if (!/^\p{Lu}/u.test(w) && !PERSON_ROLE_SET.has(bare) && !modifier) break;
      lead.unshift(w);
    }
    const app = text[m.end] === "," ? APPOSITIVE_RE.exec(text.slice(m.end, m.end + 80)) : null;
    const around = `${lead.join(" ")} ${app ? app[1] : ""}`.toLowerCase();
    const words = new Set<string>();
    for (const [w] of around.matchAll(WORD_RE)) {
      words.add(w);
      if (w.includes("-")) for (const part of w.split("-")) words.add(part); // "secretary-general"
    }
    const binding = { entity: m.entity, start: m.start, words };
    for (const w of words) if (PERSON_ROLE_SET.has(w)) bind(w, binding);
  }
  return out;
}

/**
 * The person a description such as "the police chief" or "the UN leader" names, among those the
 * text introduced with a role before `before`: one whose title holds the description's modifiers
 * ("UN Secretary-General Antonio Guterres" for "the UN leader"), else the latest holder of its role.
 */
export function roleHolder(
  roles: Map<string, RoleBinding[]>,
  words: string[],
  before: number,
): string | null {
  const lower = words.map((w) => w.toLowerCase().replace(/[’']s$/, ""));
  const role = lower[lower.length - 1];
  const mods = lower.slice(1, -1).filter((w) => !DESCRIPTION_FILLERS.has(w));
  let best: RoleBinding | null = null;
  let bestScore = 0;
  const seen = new Set<RoleBinding>();
  for (const list of mods.length ? roles.values() : [roles.get(role) ?? []])
    for (const b of list) {
      if (b.start >= before || seen.has(b)) continue;
      seen.add(b);
      const matched = mods.filter((w) => b.words.has(w)).length;
      const hasRole = b.words.has(role);
      // The role, or every modifier of the description.
      if (!hasRole && (!mods.length || matched < mods.length)) continue;
      const score = matched * 2 + (hasRole ? 1 : 0);
      if (score > bestScore || (score === bestScore && best && b.start > best.start)) {
        best = b;
        bestScore = score;
      }
    }
  return best?.entity ?? null;
}

/** Words of a description that say nothing about whom it names ("the country's top diplomat"). */
const DESCRIPTION_FILLERS = new Set([
  "the",
  "this",
  "that",
  "country",
  "top",
  "new",
  "former",
  "then",
  "current",
]);

/** A speaker name the tagger missed, to add as a mention (see `unrecognisedSpeakers`). */
export interface SpeakerName extends Span {
  text: string;
  type: EntityType;
}

/** A capitalised name word: "Trump", "McCarthy", "O'Rourke", "Jean-Pierre", "Zelenskiy". */
const NAME_WORD_RE = /^\p{Lu}[\p{L}\p{M}'’-]*$/u;
/** Longest speaker name taken on this evidence alone, in words (longer ones the tagger finds). */
const MAX_SPEAKER_NAME_WORDS = 3;
/** How far after a speaker the pronoun that types them may be, in characters (about two sentences). */
const PRONOUN_WINDOW = 300;
const PERSON_PRONOUN_RE = /\b(?:he|him|his|she|her)\b/iu;
const ORG_PRONOUN_RE = /\bits\b/u;

/**
 * Speakers the entity tagger missed: a capitalised name (after any title) that is the source of a
 * quote, overlaps no mention, and is no common word ("Officials said", "Police said" are not
 * names: `common` holds the words that are frequent in lower case; a word written in lower case
 * elsewhere in the text does not count either). The typical case is a one-word surname opening a
 * sentence, which a tagger trained on older news does not know ("Trump told supporters ...").
 *
 * To tell a name from an ordinary word opening a sentence ("Workers said", "Hastily, ...", a
 * list item "Keeps saying ..."), the name must also occur inside a sentence of running text
 * somewhere in the text, or follow a person title ("President", "Mr.").
 *
 * Every capitalised occurrence of the name not covered by a mention becomes a mention. Its type:
 * person after a title; otherwise by the first third-person pronoun after the quote's speaker
 * ("he"/"she" -> person, "its" -> organization); with neither, an all-capitals name is an
 * organization and any other a person (on PolNeAR train, about three in four such speakers are
 * people: Sanders, Priebus, Teachout against Pew, KING-TV).
 */
export function unrecognisedSpeakers(
  text: string,
  quotes: readonly { speaker: QuoteSpeaker | null }[],
  mentions: readonly Span[],
  common: ReadonlySet<string>,
): SpeakerName[] {
  const covered = coverage(mentions);
  let words: TextWords | null = null;
  const names = new Map<string, EntityType>();
  const rejected = new Set<string>();
  for (const q of quotes) {
    const sp = q.speaker;
    if (!sp || sp.entity) continue;
    const phrase = sp.text.replace(/[’']s$/u, "").split(/\s+/);
    const name = nameOf(phrase.map((w) => w.replace(/,$/, "")));
    if (!name.length || name.length > MAX_SPEAKER_NAME_WORDS) continue;
    const nameText = name.join(" ");
    const hadTitle = name.length < phrase.length;
    // The phrase: every word before the name a title ("a Nvidia spokesman" is a description),
    // no adverb before a comma ("Conversely, ..."), no mention there already.
    if (
      !phrase
        .slice(0, phrase.length - name.length)
        .every((w) => TITLE_SET.has(w.toLowerCase().replace(/\.$/, "")))
    )
      continue;
    if (name.length === 1 && /ly$/.test(nameText) && text[sp.end] === ",") continue;
    const nameStart = sp.start + sp.text.lastIndexOf(name[0]);
    if (covered(nameStart, nameStart + nameText.length)) continue;
    // The name itself (its verdict cached: the same name recurs as a speaker).
    const key = `${hadTitle}|${nameText}`;
    if (names.has(nameText) || rejected.has(key)) continue;
    words ??= new TextWords(text);
    const tw = words;
    const ok =
      !NEWS_ORG_SET.has(nameText.toLowerCase()) &&
      name.every((w) => nameWordOk(w, hadTitle, common, tw)) &&
      (hadTitle || tw.occurrences(nameText).some((at) => midSentence(text, at)));
    if (!ok) {
      rejected.add(key);
      continue;
    }
    let type: EntityType = "person";
    if (!hadTitle) {
      const after = text.slice(sp.end, sp.end + PRONOUN_WINDOW);
      const p = after.search(PERSON_PRONOUN_RE);
      const o = after.search(ORG_PRONOUN_RE);
      if (o >= 0 && (p < 0 || o < p)) type = "organization";
      else if (p < 0 && /^[\p{Lu}\d-]+$/u.test(nameText)) type = "organization"; // "HUFFPOLLSTER", "KING-TV"
    }
    names.set(nameText, type);
  }
  const out: SpeakerName[] = [];
  for (const [nameText, type] of names)
    for (const start of words!.occurrences(nameText)) {
      const end = start + nameText.length;
      if (!covered(start, end)) out.push({ start, end, text: nameText, type });
    }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether `w` can be a word of a name the tagger missed (see `unrecognisedSpeakers`). */
function nameWordOk(w: string, hadTitle: boolean, common: ReadonlySet<string>, words: TextWords): boolean {
  const l = w.toLowerCase();
  return (
    NAME_WORD_RE.test(w) &&
    !/['’]\p{Ll}/u.test(w) && // "Don't", "I've"
    !NOT_NAME.has(l) &&
    !CUE_FORMS.has(l) &&
    !PERSON_ROLE_SET.has(l) &&
    !GROUP_ROLE_SET.has(l) &&
    !PERSON_PRONOUN_SET.has(l) &&
    !GROUP_PRONOUN_SET.has(l) &&
    !ORG_NAME_WORD_SET.has(l) &&
    !NEWS_ORG_WORD_SET.has(l) &&
    !TITLE_SET.has(l) &&
    !DEMONYM_RE.test(l) &&
    !/(?:ians|eses)$/.test(l) &&
    // "Keeps saying ..." in a list of charges: a common word with a plural or verb "-s".
    (hadTitle || (!common.has(l) && !common.has(l.replace(/e?s$/, "")))) &&
    !words.lower.has(l)
  );
}

/** `covered(start, end)`: whether any of `spans` overlaps [start, end) (binary search). */
function coverage(spans: readonly Span[]): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  for (const m of sorted) maxEnd.push(Math.max(m.end, maxEnd[maxEnd.length - 1] ?? 0));
  return (start, end) => {
    let lo = 0;
    let hi = sorted.length; // first span starting at or after `end`
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1] > start;
  };
}

const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;

/** The words of a text, indexed once: lower-case forms, and where each word starts. */
class TextWords {
  /** Words written all in lower case somewhere ("workers", "keeps"). */
  readonly lower = new Set<string>();
  private readonly starts = new Map<string, number[]>();
  constructor(private readonly text: string) {
    for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
      const w = m[0];
      if (w === w.toLowerCase()) this.lower.add(w);
      else {
        const list = this.starts.get(w);
        if (list) list.push(m.index);
        else this.starts.set(w, [m.index]);
      }
    }
  }

  /** Start offsets of `name` as whole words ("Trump" in "Trump's" too; "Jean-Pierre", "Ted Cruz"). */
  occurrences(name: string): number[] {
    const first = /^[\p{L}\p{M}\p{N}]+/u.exec(name)?.[0];
    if (!first) return [];
    return (this.starts.get(first) ?? []).filter(
      (at) => this.text.startsWith(name, at) && !WORD_CHAR_RE.test(this.text[at + name.length] ?? ""),
    );
  }
}

/** Characters around an occurrence read to tell running text from a title-case line. */
const LINE_WINDOW = 300;

/**
 * Whether offset `at` lies inside a sentence of running text, where a capital letter marks a
 * name: not at a sentence, line or quotation start, and not in a title-case line (a headline or
 * list item with no lower-case word of four letters or more near it).
 */
function midSentence(text: string, at: number): boolean {
  // After a title ("Mr. Trump", "Sen. Cruz") a capital marks a name wherever it stands.
  const prev = /([\p{L}]+)\.?\s+$/u.exec(text.slice(Math.max(0, at - 16), at));
  if (prev && TITLE_SET.has(prev[1].toLowerCase())) return true;
  const before = text.slice(Math.max(0, at - 3), at).trimEnd();
  if (!before || /[.!?:;\n"“‘'([—–-]$/u.test(before)) return false;
  const from = Math.max(0, at - LINE_WINDOW);
  let around = text.slice(from, at + LINE_WINDOW);
  const nlBefore = around.lastIndexOf("\n", at - from);
  const nlAfter = around.indexOf("\n", at - from);
  around = around.slice(nlBefore + 1, nlAfter < 0 ? around.length : nlAfter);
  return /(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]{3,}/u.test(around);
}
