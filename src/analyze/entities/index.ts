/**
 * Entity resolution: mentions -> entities with aliases, within an article and across the corpus.
 *
 * Workflow of `resolveEntities(text, mentions)` (one article):
 * 1. Aliases stated in the text become extra links: acronyms defined in parentheses
 *    ("Syrian Network for Human Rights (SNHR)"), alias phrases after a mention ("X, also known as
 *    Y"), and the same phrases after "The group, ..." which refer back to the last organisation.
 *    An alias the tagger missed becomes a mention, and so do its later occurrences.
 *    A person mention opening with a title drops it ("Mayor Jane Doe" is "Jane Doe").
 * 2. Mentions are grouped (union-find): the same name in match form (see ./normalize.ts: particles,
 *    hyphens, diacritics and British/American spellings do not matter), the linked aliases, an
 *    organisation's name without its designator ("Sputnik International" = "Sputnik"), and a
 *    one-word mention equal to the surname of a full person name ("Assad" -> "Bashar al-Assad"; with
 *    several candidates, the nearest full name before it).
 * 3. Each group becomes an entity: its type by vote (a facility found by rule wins, then a
 *    well-known news outlet's name is an organisation, src/data/news-outlets.ts; a tie goes to
 *    the type of the longest mention), its name the longest mention, the other surface forms its
 *    aliases, and its key `type:keyForm(name)`. Every mention takes its entity's type and key.
 *
 * `mergeCorpusEntities(perArticle)` merges the article-level entities of a corpus with the same
 * normalisation (names and aliases in match form, unambiguous surnames).
 */

import { NEWS_OUTLETS } from "../../data/news-outlets.js";
import { HEREDITARY_TITLES, TITLE_WORDS } from "../../data/titles.js";
import type { Entity, EntityType, Mention, Span } from "../../model/article.js";
import { type RawMention, recognize } from "../ner/index.js";
import { ALIAS_INTRODUCERS, GROUP_NOUNS, ORG_DESIGNATORS } from "./data/aliases.js";
import {
  acronymMatches,
  baseForm,
  entityKey,
  isAcronym,
  matchForm,
  matchWords,
  memoize,
} from "./normalize.js";

export type { RawMention } from "../ner/index.js";
export { acronymMatches, baseForm, entityKey, isAcronym, keyForm, matchForm } from "./normalize.js";

/** Result of article-level resolution. */
export interface ResolvedEntities {
  /** The input mentions plus any found from stated aliases, each with its entity's type and key. */
  mentions: Mention[];
  entities: Entity[];
}

/** How far back (in characters) "The group, known as ..." looks for the organisation it names. */
const ANAPHOR_WINDOW = 400;
/** Tie-break order of types when votes are equal and mention lengths too. */
const TYPE_PRIORITY: readonly EntityType[] = ["person", "organization", "facility", "place", "other"];

// Regular expressions, compiled once.
const INTRODUCER = `(?:${ALIAS_INTRODUCERS.join("|")})`;
/** After a mention: ", also known as " / " (also known as " etc.; group 1 is the introducer. */
const ALIAS_AFTER_RE = new RegExp(`^\\s*(?:[,(]\\s*)?(${INTRODUCER})\\s+(?:the\\s+)?["“']?`, "iu");
/** "The group, known officially as " etc. */
const ANAPHOR_RE = new RegExp(
  `\\b(?:the|this|that)\\s+(?:\\w+\\s+)?(?:${GROUP_NOUNS.join("|")})\\s*,?\\s*(?:${INTRODUCER})\\s+(?:the\\s+)?["“']?`,
  "giu",
);
/** A capitalised name at the start of a string (words, particles, "of/for/the/and" inside). */
const NAME_AT_START_RE =
  /^(?:[\p{Lu}\d][\p{L}\p{M}\d'’.&-]*)(?:\s+(?:(?:of|for|the|and|de|al|el|al-|el-)\s+)*[\p{Lu}\d][\p{L}\p{M}\d'’.&-]*)*/u;
/** "(ACRONYM)" right after a name. */
const PAREN_AFTER_RE = /^\s*\(\s*([^()]{1,60}?)\s*\)/u;
/** Sticky prefilters over the whole text (speed only): each match of the anchored pattern starts so. */
const PAREN_AFTER_START = /\s*\(/uy;
const ALIAS_AFTER_START = new RegExp(`\\s*(?:[,(]\\s*)?(?:${INTRODUCER})\\s`, "iuy");
/**
 * The end of ANAPHOR_RE, a group noun and an introducer (speed only): a text without it skips the
 * full scan, whose optional leading words make it try every position. Same flags, so case folding agrees.
 */
const ANAPHOR_TAIL_RE = new RegExp(`(?:${GROUP_NOUNS.join("|")})\\s*,?\\s*(?:${INTRODUCER})`, "iu");

/** Union-find over mention indices. */
class Groups {
  private readonly parent: number[] = [];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

interface Work extends RawMention {
  form: string;
  words: string[];
  /**
   * Type evidence beyond the tagger, set by alias patterns ("The group ..."); "" when none (a
   * string either way, so setting it later keeps the object's shape).
   */
  hint: EntityType | "";
}

/** Title words a person's name drops ("Mayor Jane Doe" is Jane Doe), lower case. */
const DROPPED_TITLES: ReadonlySet<string> = new Set(
  TITLE_WORDS.filter((w) => !HEREDITARY_TITLES.includes(w)),
);
const LEADING_WORD_RE = /^(\p{L}+)\.?\s+(?=\p{Lu})/u;
/** A personal honorific before a capitalised name. */
const HONORIFIC_RE = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+\p{Lu}/u;

/**
 * A person mention without the titles opening it ("Mayor Jane Doe" -> "Jane Doe", "Former Vice
 * President Mike Pence" -> "Mike Pence"), as CoNLL names are tagged; a tagger that has not seen
 * the name takes the title in. A mention opening with an honorific ("Mr Moon") is a person's
 * whatever its tag. Other mentions, and a title alone, stay as they are.
 */
function withoutTitle(m: RawMention): RawMention {
  // "Mr Moon", "Dr. Jane Doe": an honorific makes a person whatever the tagger said.
  if (m.type !== "person" && HONORIFIC_RE.test(m.text)) m = { ...m, type: "person" };
  if (m.type !== "person") return m;
  let cut = 0;
  for (;;) {
    const w = LEADING_WORD_RE.exec(m.text.slice(cut));
    if (!w || !DROPPED_TITLES.has(w[1].toLowerCase())) break;
    cut += w[0].length;
  }
  return cut ? { ...m, start: m.start + cut, text: m.text.slice(cut) } : m;
}

/** Trims a matched name: trailing punctuation, possessive, and a trailing lowercase particle. */
function cleanName(s: string): string {
  return s
    .replace(/[\s,.;:'’"”)]+$/u, "")
    .replace(/['’]s$/u, "")
    .replace(/\s+(?:al|el|of|for|the|and)$/iu, "");
}

/** Surface text as an alias: whitespace collapsed, possessive dropped. */
const surface = memoize((text: string): string =>
  text
    .replace(/\s+/gu, " ")
    .replace(/['’]s$/u, "")
    .trim(),
);

/**
 * Resolves the mentions of one article into entities (see module comment). `text` is the text the
 * mention offsets index into; it is read for alias and acronym definitions.
 */
export function resolveEntities(text: string, mentions: readonly RawMention[]): ResolvedEntities {
  const work: Work[] = [];
  const groups = new Groups();
  const addMention = (m: RawMention, hint: EntityType | "" = "", words = matchWords(m.text)): number => {
    const i = groups.add();
    work.push({ start: m.start, end: m.end, text: m.text, type: m.type, form: words.join(" "), words, hint });
    return i;
  };
  for (const m of mentions.map(withoutTitle).sort((a, b) => a.start - b.start || b.end - a.end)) {
    // Mentions with nothing left in match form (punctuation only) are dropped.
    const words = matchWords(m.text);
    if (words.length > 0) addMention(m, "", words);
  }
  const covered = (start: number, end: number) => work.some((w) => w.start < end && w.end > start);
  const mentionAt = (start: number, end: number) => work.findIndex((w) => w.start === start && w.end === end);
  /** The mention exactly at [start, end), or a new one of `type` when nothing overlaps there. */
  const ensureMention = (start: number, end: number, type: EntityType): number => {
    const at = mentionAt(start, end);
    if (at >= 0) return at;
    const inside = work.findIndex(
      (w) => w.start >= start && w.end <= end && w.end - w.start >= (end - start) / 2,
    );
    if (inside >= 0) return inside;
    if (covered(start, end)) return -1;
    return addMention({ start, end, text: text.slice(start, end), type });
  };
  /** A capitalised name starting at `from`, as a span, or null. */
  const nameAt = (from: number): Span | null => {
    const m = NAME_AT_START_RE.exec(text.slice(from, from + 120));
    if (!m) return null;
    const name = cleanName(m[0]);
    return name.length > 1 ? { start: from, end: from + name.length } : null;
  };
  const links: [number, number][] = [];
  /** Alias strings stated in the text, with the mention they name: their other occurrences join it. */
  const stated: [string, number][] = [];

  // 1a. Acronyms defined in parentheses, either way round: "Long Name (LN)" or "LN (Long Name)".
  const n0 = work.length;
  for (let i = 0; i < n0; i++) {
    const m = work[i];
    PAREN_AFTER_START.lastIndex = m.end;
    if (!PAREN_AFTER_START.test(text)) continue;
    const p = PAREN_AFTER_RE.exec(text.slice(m.end, m.end + 80));
    if (!p) continue;
    const inner = p[1];
    const innerStart = m.end + p[0].indexOf(inner, p[0].indexOf("("));
    const [short, long] = isAcronym(inner)
      ? [inner, m.text]
      : isAcronym(m.text)
        ? [m.text, inner]
        : [null, null];
    if (short === null || long === null || !acronymMatches(short, long)) continue;
    const j = ensureMention(innerStart, innerStart + inner.length, m.type);
    if (j >= 0) {
      links.push([i, j]);
      stated.push([inner, i]);
    }
  }

  // 1b. Alias phrases right after a mention: "X, also known as Y", "X (known locally as Y)".
  for (let i = 0; i < work.length; i++) {
    const m = work[i];
    ALIAS_AFTER_START.lastIndex = m.end;
    if (!ALIAS_AFTER_START.test(text)) continue;
    const a = ALIAS_AFTER_RE.exec(text.slice(m.end, m.end + 160));
    if (!a) continue;
    const span = nameAt(m.end + a[0].length);
    if (!span) continue;
    const j = ensureMention(span.start, span.end, m.type);
    if (j >= 0 && j !== i) {
      links.push([i, j]);
      stated.push([text.slice(span.start, span.end), i]);
    }
  }

  // 1c. "The group, known officially as Y": Y names the last organisation-like mention before it.
  ANAPHOR_RE.lastIndex = ANAPHOR_TAIL_RE.test(text) ? 0 : text.length;
  for (let a = ANAPHOR_RE.exec(text); a; a = ANAPHOR_RE.exec(text)) {
    const span = nameAt(a.index + a[0].length);
    if (!span) continue;
    let best = -1;
    for (let i = 0; i < work.length; i++) {
      const w = work[i];
      if (w.end > a.index || w.end < a.index - ANAPHOR_WINDOW) continue;
      const orgLike =
        w.type === "organization" ||
        ((w.type === "other" || w.type === "place") && (w.words.length >= 2 || isAcronym(w.text)));
      if (orgLike && (best < 0 || w.start > work[best].start)) best = i;
    }
    if (best < 0) continue;
    const j = ensureMention(span.start, span.end, "organization");
    if (j < 0 || j === best) continue;
    work[best].hint = "organization";
    work[j].hint = "organization";
    links.push([best, j]);
    stated.push([text.slice(span.start, span.end), best]);
  }

  // Later occurrences of a stated alias the tagger missed ("SNHR" again, untagged).
  for (const [alias, owner] of stated) {
    if (alias.length < 2) continue;
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])${alias.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`,
      "gu",
    );
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (covered(m.index, m.index + alias.length)) continue;
      links.push([
        owner,
        addMention({ start: m.index, end: m.index + alias.length, text: m[0], type: work[owner].type }),
      ]);
    }
  }
  for (const [a, b] of links) groups.union(a, b);

  // 2. Same match form; organisation names without their designator.
  const byForm = new Map<string, number>();
  for (let i = 0; i < work.length; i++) {
    const f = work[i].form;
    const prev = byForm.get(f);
    if (prev === undefined) byForm.set(f, i);
    else groups.union(prev, i);
  }
  for (let i = 0; i < work.length; i++) {
    const w = work[i];
    if (w.type !== "organization" || w.words.length < 2) continue;
    const short = stripDesignator(w.words);
    if (short === null) continue;
    const j = byForm.get(short);
    if (j !== undefined) groups.union(i, j);
  }

  // Surnames: a one-word mention equal to the last word of a full person name.
  const fullPersonsBySurname = new Map<string, { w: Work; i: number }[]>();
  for (let i = 0; i < work.length; i++) {
    const w = work[i];
    if (w.type !== "person" || w.words.length < 2) continue;
    const last = w.words[w.words.length - 1];
    const list = fullPersonsBySurname.get(last);
    if (list) list.push({ w, i });
    else fullPersonsBySurname.set(last, [{ w, i }]);
  }
  for (let i = 0; i < work.length; i++) {
    const w = work[i];
    if (w.words.length !== 1) continue;
    const cands = fullPersonsBySurname.get(w.words[0]);
    if (cands === undefined || isAcronym(w.text)) continue;
    const distinct = new Set(cands.map(({ i: k }) => groups.find(k)));
    let pick = cands[0].i;
    if (distinct.size > 1) {
      const before = cands.filter(({ w: f }) => f.start < w.start);
      pick = before.length > 0 ? before[before.length - 1].i : cands[0].i;
    }
    groups.union(i, pick);
  }

  // 3. Entities.
  const members = new Map<number, number[]>();
  for (let i = 0; i < work.length; i++) {
    const r = groups.find(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  }
  const entities: Entity[] = [];
  const keyOf = new Map<number, Entity>();
  const usedKeys = new Set<string>();
  for (const [root, idx] of members) {
    // Built by push: arrays from .map change shape once V8 optimises the caller (see mapPacked in ner).
    const ms: Work[] = [];
    for (const i of idx) ms.push(work[i]);
    const type = voteType(ms);
    const name = pickName(ms, type);
    let key = entityKey(type, name);
    for (let k = 2; usedKeys.has(key); k++) key = `${entityKey(type, name)}#${k}`;
    usedKeys.add(key);
    const seen = new Set<string>([name]);
    const aliases: string[] = [];
    for (const m of ms) {
      const s = surface(m.text);
      if (!seen.has(s)) {
        seen.add(s);
        aliases.push(s);
      }
    }
    const e: Entity = { key, name, type, aliases };
    entities.push(e);
    keyOf.set(root, e);
  }
  const out: Mention[] = [];
  for (let i = 0; i < work.length; i++) {
    const w = work[i];
    const e = keyOf.get(groups.find(i))!;
    out.push({ start: w.start, end: w.end, text: w.text, type: e.type, entity: e.key });
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return { mentions: out, entities };
}

/** The match form of an organisation name without a trailing designator, or null. */
function stripDesignator(words: string[]): string | null {
  for (const n of [2, 1]) {
    if (words.length <= n) continue;
    const tail = words.slice(words.length - n).join(" ");
    if (ORG_DESIGNATORS.has(tail)) return words.slice(0, words.length - n).join(" ");
  }
  return null;
}

/** Match forms of well-known news outlets: always organisations, whatever the tagger says. */
const NEWS_OUTLET_FORMS: ReadonlySet<string> = new Set(NEWS_OUTLETS.map((n) => matchForm(n)));

function voteType(ms: Work[]): EntityType {
  if (ms.some((m) => m.type === "facility")) return "facility";
  if (ms.some((m) => NEWS_OUTLET_FORMS.has(m.form))) return "organization";
  const hint = ms.find((m) => m.hint)?.hint;
  if (hint) return hint;
  const votes = new Map<EntityType, number>();
  for (const m of ms) votes.set(m.type, (votes.get(m.type) ?? 0) + 1);
  // Names with more words are typed more reliably: the longest mention breaks ties.
  let longest = ms[0];
  for (const m of ms) if (m.words.length > longest.words.length) longest = m;
  let best: EntityType = longest.type;
  for (const t of TYPE_PRIORITY) {
    const v = votes.get(t) ?? 0;
    const bv = votes.get(best) ?? 0;
    if (v > bv) best = t;
  }
  return best;
}

/** The entity's name: among mentions of its type, the one with most words, then most frequent. */
function pickName(ms: Work[], type: EntityType): string {
  const pool = ms.filter((m) => m.type === type && !isAcronym(m.text));
  const cands =
    pool.length > 0
      ? pool
      : ms.filter((m) => !isAcronym(m.text)).length > 0
        ? ms.filter((m) => !isAcronym(m.text))
        : ms;
  const count = new Map<string, number>();
  for (const m of cands) count.set(surface(m.text), (count.get(surface(m.text)) ?? 0) + 1);
  let best = "";
  let bestWords = -1;
  let bestCount = -1;
  for (const m of cands) {
    const s = surface(m.text);
    const nw = m.words.length;
    const c = count.get(s) ?? 0;
    if (nw > bestWords || (nw === bestWords && c > bestCount)) {
      best = s;
      bestWords = nw;
      bestCount = c;
    }
  }
  return best;
}

/**
 * Recognises and resolves the entities of raw text: `recognize` (tokeniser, statistical tagger,
 * facility rules) followed by `resolveEntities`. Pass `sentences` when a sentence splitter ran.
 */
export function analyzeEntities(text: string, sentences?: readonly Span[]): ResolvedEntities {
  return resolveEntities(text, recognize(text, sentences));
}

// ---------------------------------------------------------------------------------------------
// Corpus level

/** Result of corpus-level merging. */
export interface CorpusEntities {
  entities: Entity[];
  /** Article-level entity key -> corpus entity key. */
  keyMap: Map<string, string>;
}

/**
 * Merges the entities of many articles (each from `resolveEntities`). Entities merge when they share
 * a name or alias in match form (across types only for names of two or more words, so "Jordan" the
 * country and "Jordan" a surname stay apart), and a one-word person name merges into the only full
 * person name of the corpus that ends with it. The merged entity takes the most common type, the
 * fullest name, and all other names as aliases.
 */
export function mergeCorpusEntities(perArticle: readonly (readonly Entity[])[]): CorpusEntities {
  // One node per distinct article-level key (the same key in two articles is one entity).
  const nodes = new Map<
    string,
    { key: string; names: Map<string, number>; types: Map<EntityType, number> }
  >();
  for (const list of perArticle) {
    for (const e of list) {
      let n = nodes.get(e.key);
      if (!n) {
        n = { key: e.key, names: new Map(), types: new Map() };
        nodes.set(e.key, n);
      }
      n.types.set(e.type, (n.types.get(e.type) ?? 0) + 1);
      n.names.set(e.name, (n.names.get(e.name) ?? 0) + 1);
      for (const a of e.aliases) if (!n.names.has(a)) n.names.set(a, 0);
    }
  }
  const list = [...nodes.values()];
  const index = new Map(list.map((n, i) => [n.key, i]));
  const groups = new Groups();
  for (let i = 0; i < list.length; i++) groups.add();
  const typeOf = (i: number) => majority(list[i].types);

  // Shared forms: same type, or a form of two or more words.
  const byForm = new Map<string, number[]>();
  list.forEach((n, i) => {
    for (const name of n.names.keys()) {
      const f = matchForm(name);
      if (!f) continue;
      const arr = byForm.get(f);
      if (arr) {
        if (!arr.includes(i)) arr.push(i);
      } else byForm.set(f, [i]);
    }
  });
  for (const [f, arr] of byForm) {
    const multi = f.includes(" ");
    for (let a = 1; a < arr.length; a++) {
      for (let b = 0; b < a; b++) {
        if (multi || typeOf(arr[a]) === typeOf(arr[b])) groups.union(arr[a], arr[b]);
      }
    }
  }
  // Unambiguous surnames.
  const bySurname = new Map<string, Set<number>>();
  list.forEach((n, i) => {
    if (typeOf(i) !== "person") return;
    for (const name of n.names.keys()) {
      const w = matchWords(name);
      if (w.length < 2) continue;
      const s = w[w.length - 1];
      const set = bySurname.get(s) ?? new Set<number>();
      set.add(groups.find(i));
      bySurname.set(s, set);
    }
  });
  list.forEach((n, i) => {
    if (typeOf(i) !== "person") return;
    const names = [...n.names.keys()].map(matchWords);
    if (names.some((w) => w.length >= 2)) return;
    const roots = new Set<number>();
    for (const w of names) for (const r of bySurname.get(w[0]) ?? []) roots.add(groups.find(r));
    if (roots.size === 1) groups.union(i, [...roots][0]);
  });

  // Merged entities.
  const members = new Map<number, number[]>();
  for (let i = 0; i < list.length; i++) {
    const r = groups.find(i);
    const arr = members.get(r);
    if (arr) arr.push(i);
    else members.set(r, [i]);
  }
  const entities: Entity[] = [];
  const keyMap = new Map<string, string>();
  const usedKeys = new Set<string>();
  for (const idx of members.values()) {
    const types = new Map<EntityType, number>();
    const names = new Map<string, number>();
    for (const i of idx) {
      for (const [t, c] of list[i].types) types.set(t, (types.get(t) ?? 0) + c);
      for (const [nm, c] of list[i].names) names.set(nm, (names.get(nm) ?? 0) + c);
    }
    const type = majority(types);
    // The fullest name that some article used as its name (count > 0), then the most used.
    let name = "";
    let bw = -1;
    let bc = -1;
    for (const [nm, c] of names) {
      if (isAcronym(nm) && names.size > 1) continue;
      const w = matchWords(nm).length;
      const rank = c > 0 ? 1 : 0;
      if (rank > (bc > 0 ? 1 : 0) || (rank === (bc > 0 ? 1 : 0) && (w > bw || (w === bw && c > bc)))) {
        name = nm;
        bw = w;
        bc = c;
      }
    }
    if (!name) name = [...names.keys()][0];
    let key = entityKey(type, name);
    for (let k = 2; usedKeys.has(key); k++) key = `${entityKey(type, name)}#${k}`;
    usedKeys.add(key);
    const aliases = dedupeAliases(
      [...names.keys()].filter((a) => a !== name),
      name,
    );
    entities.push({ key, name, type, aliases });
    for (const i of idx) keyMap.set(list[i].key, key);
  }
  // Keys not seen (none expected) map to themselves.
  for (const k of index.keys()) if (!keyMap.has(k)) keyMap.set(k, k);
  return { entities, keyMap };
}

/** Drops aliases that differ from the name or an earlier alias only by case, spacing or possessive. */
function dedupeAliases(aliases: string[], name: string): string[] {
  const seen = new Set<string>([baseForm(name)]);
  return aliases.filter((a) => {
    const b = baseForm(a);
    if (seen.has(b)) return false;
    seen.add(b);
    return true;
  });
}

function majority(types: Map<EntityType, number>): EntityType {
  if ((types.get("facility") ?? 0) > 0 && (types.get("facility") ?? 0) >= (types.get("place") ?? 0))
    return "facility";
  let best: EntityType = "other";
  let bc = -1;
  for (const t of TYPE_PRIORITY) {
    const c = types.get(t) ?? 0;
    if (c > bc) {
      best = t;
      bc = c;
    }
  }
  return best;
}
