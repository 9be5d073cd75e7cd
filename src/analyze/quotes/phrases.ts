/**
 * Noun-phrase chunks around a cue, found by walking tokens away from it. No part-of-speech tagger:
 * a speaker phrase is a run of capitalised words, determiners, adjectives and nouns that stops at
 * punctuation, verbs, conjunctions and prepositions (data.ts NP_BREAK_WORDS), with "of"/"for"
 * allowed between capitalised words ("Secretary of State", "Network for Human Rights").
 */

import { CARDINAL_WORDS } from "../../data/numbers.js";
import {
  ADVERBIAL_NOUN_SET,
  ADVERBIAL_PREP_SET,
  ADVERBIAL_SET,
  CUE_FORMS,
  GROUP_PRONOUN_SET,
  MONTH_SET,
  NAME_LINK_SET,
  NP_BREAK_SET,
  PERSON_PRONOUN_SET,
  RELATIVE_PRONOUN_SET,
} from "./lexicon.js";
import { lowerWordEnding, type Tok } from "./tokens.js";

/** Longest speaker phrase, in tokens: longer runs are clauses, not names or descriptions. */
export const MAX_NP_TOKENS = 9;
/** Longest skippable adverbial after a cue, in tokens ("in an interview with Russian media"). */
const MAX_ADVERBIAL_TOKENS = 8;
/** Prepositions that attach a phrase to a speaker description ("a spokesman for the party"). */
const PP_LINKS = new Set(["for", "of", "at", "with", "from", "in"]);
/** Extra tokens a prepositional phrase may add to a speaker phrase. */
const MAX_PP_TOKENS = 6;
/** Longest bracket after a speaker name ("(R-Fla.)", "(D-N.Y.)"), in tokens. */
const MAX_BRACKET_TOKENS = 6;

export interface Phrase {
  /** First and last token index (inclusive). */
  a: number;
  b: number;
  kind: "name" | "pronoun" | "description" | "relative";
}

/** Determiners and quantifiers that open a noun phrase (after them a past form is an adjective). */
export const DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "his",
  "her",
  "its",
  "their",
  "our",
  "my",
  "your",
  "this",
  "that",
  "these",
  "those",
  "some",
  "many",
  "several",
  "other",
  "another",
  "one",
  "two",
  "three",
  "four",
  "five",
  "most",
  "few",
]);
const ABBREV_BEFORE_DOT =
  /^(?:\p{Lu}|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Adm|Prof|St|Jr|Sr|Inc|Corp|Co|Ltd|U\.S|U\.N|U\.K|E\.U)$/u;

/**
 * Abbreviations that end a name, so their dot can end a speaker phrase ("Comey Jr. said", "The
 * U.S. said").
 */
const NAME_SUFFIX_BEFORE_DOT = /^(?:Jr|Sr|Inc|Corp|Co|Ltd|U\.S|U\.N|U\.K|E\.U)$/;

function isPronoun(t: Tok): boolean {
  return PERSON_PRONOUN_SET.has(t.l) || GROUP_PRONOUN_SET.has(t.l);
}

/** A token that can be part of a speaker phrase (apart from linking words handled by callers). */
function npWord(t: Tok, allowEd = false): boolean {
  if (t.q >= 0 || !t.word) return false;
  if (NP_BREAK_SET.has(t.l)) return false;
  if (isPronoun(t) || RELATIVE_PRONOUN_SET.has(t.l)) return false;
  if (!t.cap && CUE_FORMS.has(t.l)) return false;
  // Lower-case words ending like verbs in past tense or gerund are rarely inside a speaker phrase;
  // hyphenated ones are adjectives ("the conservative-leaning newspaper", "a Texas-based group").
  if (!t.cap && t.l.length > 4 && !t.l.includes("-")) {
    if (t.l.endsWith("ing") && !/(?:thing|king)$/.test(t.l)) return false;
    if (!allowEd && t.l.endsWith("ed")) return false;
  }
  return true;
}

/** A lower-case -ed word (no hyphen): a past tense or participle. */
function isEdVerb(t: Tok): boolean {
  return t.q < 0 && t.word && !t.cap && t.l.length > 4 && t.l.endsWith("ed") && !t.l.includes("-");
}

/** A lower-case -ing word that is no cue: an adjective after a determiner ("a leading advocate"). */
function participleAdjective(toks: Tok[], k: number): boolean {
  const t = toks[k];
  return t.q < 0 && t.word && !t.cap && t.l.endsWith("ing") && !CUE_FORMS.has(t.l) && !NP_BREAK_SET.has(t.l);
}

/** A lower-case -ing word outside quotations that is no phrase break ("filing", "ruling"). */
function lowerIng(t: Tok): boolean {
  return lowerWordEnding(t, "ing") && !NP_BREAK_SET.has(t.l);
}

/** A lower-case -ing word right after a determiner, as a noun ("the ruling", "a filing"). */
function ingNoun(toks: Tok[], k: number, lo: number): boolean {
  return k - 1 >= lo && DETERMINERS.has(toks[k - 1].l) && lowerIng(toks[k]);
}

/**
 * A lower-case cue word in its base or -s form ("report", "statement", "says"): after a
 * determiner it is a noun ("the report"), not a cue.
 */
export function isCueNoun(t: Tok): boolean {
  const form = !t.cap && t.q < 0 ? CUE_FORMS.get(t.l) : undefined;
  return !!form && (t.l === form.base || t.l === `${form.base}s`);
}

/**
 * A capitalised word that is usually a function word ("May", "Will") beside another capitalised
 * name word in its sentence: part of a name ("Theresa May", "Will Doyle").
 */
function nameBreakWord(toks: Tok[], k: number): boolean {
  const t = toks[k];
  if (!t.cap || t.q >= 0 || !t.word || !NP_BREAK_SET.has(t.l)) return false;
  // Capitalised at the sentence start ("And Mr. Christie", "But Trump"): the function word.
  if (k === 0 || toks[k - 1].sent !== t.sent) return false;
  const name = (u: Tok | undefined) =>
    !!u &&
    u.cap &&
    u.word &&
    u.q < 0 &&
    u.sent === t.sent &&
    !NP_BREAK_SET.has(u.l) &&
    !DETERMINERS.has(u.l) &&
    !ADVERBIAL_SET.has(u.l) &&
    !isPronoun(u);
  // "“...,” Will wrote.": alone between a quotation and a cue verb, a name.
  const next = toks[k + 1];
  const cueNext = !!next && next.word && !next.cap && next.q < 0 && CUE_FORMS.has(next.l);
  return name(toks[k - 1]) || name(next) || (cueNext && toks[k - 1].q >= 0);
}

/** A small number in digits or words (a proportion's part: "four in 10"). */
function isNumberWord(u: Tok | undefined): boolean {
  if (!u) return false;
  const value = u.l === "one" ? 1 : CARDINAL_WORDS[u.l];
  return /^\d{1,3}$/.test(u.t) || (value !== undefined && value <= MAX_PROPORTION_WORD);
}
/** Largest number word in a proportion ("one in five", "four in ten"). */
const MAX_PROPORTION_WORD = 10;

/** Words before a proportion that belong to it ("About four in 10"). */
const PROPORTION_MODIFIERS = new Set([
  "about",
  "nearly",
  "almost",
  "roughly",
  "only",
  "just",
  "over",
  "under",
  "some",
]);

/** Words that start no speaker phrase. */
const PHRASE_NON_STARTS = new Set(["up", "out", "off", "in", "on", "back", "down", "over", "into"]);
/** Words that end no noun phrase: adverbs and particles a phrase walk can pick up ("too", "back"). */
const NON_HEADS = new Set([
  "meanwhile",
  "instead",
  "moreover",
  "nonetheless",
  "nevertheless",
  "therefore",
  "likewise",
  "yet",
  "no",
  "half",
  "too",
  "also",
  "indeed",
  "back",
  "although",
  "though",
  "however",
  "then",
  "still",
  "even",
  "just",
  "now",
  "later",
  "again",
  "last",
  "first",
  "more",
  "less",
  "rare",
  "once",
  "here",
  "there",
  "away",
]);

/** Nouns ending in -ly (not adverbs). */
const LY_NOUNS = new Set([
  "family",
  "rally",
  "ally",
  "assembly",
  "supply",
  "reply",
  "daily",
  "weekly",
  "monthly",
  "quarterly",
  "monopoly",
  "anomaly",
  "bully",
  "folly",
  "tally",
  "homily",
  "jelly",
  "belly",
  "melee",
]);

/**
 * Whether a phrase can be a speaker: its last word is no adverb ("pointedly", "too"), and it is
 * not a sentence-opening participle clause ("Asked", "Flying home one").
 */
function plausible(toks: Tok[], p: Phrase, lo: number): boolean {
  if (p.kind === "pronoun" || p.kind === "relative") return true;
  const head = toks[p.b];
  const adverb = head.l.length > 4 && head.l.endsWith("ly") && !LY_NOUNS.has(head.l);
  // "the mega donor didn’t": a negated auxiliary ends a clause, not a phrase.
  const negation = /n[’']t$/.test(head.l);
  if (!head.cap && (adverb || negation || NON_HEADS.has(head.l))) return false;
  // "Officially called XRP, ripple climbed": a capitalised adverb opening the sentence (its suffix
  // is no name's: "Kelly", "Sally" stay).
  if (p.a === p.b && head.cap && ADVERB_SUFFIX_RE.test(head.l)) return false;
  // "Saturday afternoon", "a statement Wednesday", "Dec": a time is no speaker (a month only when
  // no name word comes before it: "Theresa May" is one).
  if (ADVERBIAL_SET.has(head.l) && !/ly$/.test(head.l)) {
    const prev = p.b > p.a ? toks[p.b - 1] : undefined;
    const month = MONTH_SET.has(head.l);
    if (!month || !prev?.cap || DETERMINERS.has(prev.l)) return false;
  }
  // "up a website": a particle opens no speaker phrase; nor does a preposition ("of Republican")
  // or a year ("2010", "2017 America"), and a number is no head.
  if (!toks[p.a].cap && (PHRASE_NON_STARTS.has(toks[p.a].l) || PREPOSITION_STARTS.has(toks[p.a].l)))
    return false;
  // ("four in 10", a proportion, has a number head.)
  const proportion = p.b - 2 >= p.a && toks[p.b - 1].l === "in" && isNumberWord(toks[p.b - 2]);
  if (/^\d{4}$/.test(toks[p.a].t) || (/^\d[\d,.]*$/.test(head.t) && !proportion)) return false;
  const first = toks[p.a];
  const opensSentence = p.a === 0 || toks[p.a - 1].sent !== first.sent || p.a === lo;
  // ... unless a cue verb follows: then it is a name ("Schilling told WEEI:", "Browning said");
  // or the participle is a cue verb and a colon follows ("Stated Stone:", "Continued Stone:").
  const next = toks[p.b + 1];
  const cueNext =
    !!next &&
    next.sent === first.sent &&
    ((!next.cap && CUE_FORMS.has(next.l)) || (next.t === ":" && CUE_FORMS.has(first.l)));
  if (
    first.cap &&
    opensSentence &&
    first.l.length > 4 &&
    /(?:ed|ing)$/.test(first.l) &&
    p.b - p.a < 3 &&
    !cueNext
  )
    return false;
  return true;
}

function classify(toks: Tok[], a: number, b: number): Phrase["kind"] {
  for (let k = a; k <= b; k++) if (toks[k].cap && !DETERMINERS.has(toks[k].l) && k > a) return "name";
  return toks[a].cap && !DETERMINERS.has(toks[a].l) ? "name" : "description";
}

/** Endings of adverbs that no name has ("officially", "reportedly", "unfortunately"). */
const ADVERB_SUFFIX_RE =
  /^\p{L}{3,}(?:ially|ually|ously|ively|ently|antly|fully|ably|ibly|ically|edly|ingly)$/u;

/** Whether the phrase has a head word other than determiners. */
function hasHead(toks: Tok[], a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (toks[k].word && !DETERMINERS.has(toks[k].l)) return true;
  // "tweeted another.", "Several said": a quantifier standing alone for people.
  return a === b && STANDALONE_SPEAKERS.has(toks[a].l);
}

/** Quantifiers that can stand alone as a speaker ("wrote another", "Many said"). */
const STANDALONE_SPEAKERS = new Set(["another", "others", "several", "many", "some", "both", "one"]);

/** The speaker phrase ending at token `j` (walking back, not before `lo`). */
export function phraseBefore(toks: Tok[], j: number, lo: number): Phrase | null {
  const p = phraseBeforeRaw(toks, j, lo);
  if (!p || !plausible(toks, p, lo)) return null;
  // "a website linked to a group called ...", "with chants of": the object of a preposition
  // speaks no words of its own.
  const before = p.a - 1 >= lo ? toks[p.a - 1] : undefined;
  if (p.kind === "description" && before && !before.cap && OBJECT_PREPOSITIONS.has(before.l)) return null;
  return p;
}

/** Prepositions that open no speaker phrase ("of Republican"). */
export const PREPOSITION_STARTS = new Set([
  "of",
  "at",
  "for",
  "to",
  "from",
  "with",
  "by",
  "about",
  "than",
  "onto",
  "along",
  "across",
  "through",
  "under",
  "near",
  "toward",
  "towards",
  "upon",
  "around",
  "against",
  "during",
  "after",
  "before",
  "underneath",
  "beneath",
  "inside",
  "outside",
  "behind",
  "beside",
  "below",
  "above",
  "within",
  "without",
  "into",
  "despite",
  "amid",
  "among",
  "between",
]);
/**
 * Prepositions whose object, a description right after them, is no speaker ("linked to a group
 * called ..."). Not "at", which would also reject "at least one reader".
 */
const OBJECT_PREPOSITIONS = new Set([
  "of",
  "from",
  "to",
  "with",
  "for",
  "by",
  "about",
  "into",
  "against",
  "than",
  "like",
]);

/** Token `k` comes right after a quotation's closing mark (and a comma outside it). */
function afterQuotation(toks: Tok[], k: number, lo: number): boolean {
  let m = k - 1;
  if (m >= lo && toks[m].t === "," && toks[m].q < 0) m--;
  return m >= lo && toks[m].q >= 0 && toks[m].sent === toks[k].sent;
}

function phraseBeforeRaw(toks: Tok[], j: number, lo: number): Phrase | null {
  if (j < lo) return null;
  // "James B. Comey Jr. said": a name suffix's dot ends the phrase.
  if (toks[j].t === "." && j - 1 >= lo && NAME_SUFFIX_BEFORE_DOT.test(toks[j - 1].t)) j--;
  const t = toks[j];
  if (t.q >= 0) return null;
  if (isPronoun(t)) return { a: j, b: j, kind: "pronoun" };
  if (RELATIVE_PRONOUN_SET.has(t.l) && t.l !== "that") return { a: j, b: j, kind: "relative" };
  // "About four in 10 said", "one in five": a proportion of people, as polls report them.
  if (isNumberWord(t) && j - 2 >= lo && toks[j - 1].l === "in" && isNumberWord(toks[j - 2])) {
    let a = j - 2;
    if (a - 1 >= lo && PROPORTION_MODIFIERS.has(toks[a - 1].l)) a--;
    return { a, b: j, kind: "description" };
  }
  // "the mother of three", "a father of 2": a number after "of" ends a description.
  if ((DETERMINERS.has(t.l) || /^\d+$/.test(t.t)) && j - 2 >= lo && toks[j - 1].l === "of") {
    const head = phraseBeforeRaw(toks, j - 2, lo);
    if (head && head.kind === "description" && head.b === j - 2) return { a: head.a, b: j, kind: head.kind };
    return null;
  }
  let k = j;
  // Allow brackets at the end: "the Syrian Network for Human Rights (SNHR)", "Sen. Marco Rubio
  // (R-Fla.)".
  let limit = MAX_NP_TOKENS;
  if (toks[k].t === ")") {
    let o = k - 1;
    while (o >= lo && k - o <= MAX_BRACKET_TOKENS && toks[o].t !== "(" && toks[o].t !== ")") o--;
    if (o < lo || toks[o].t !== "(" || o === k - 1) return null;
    limit += k - o + 1;
    k = o - 1;
  }
  let start = -1;
  while (k >= lo && j - k < limit) {
    const w = toks[k];
    // "the report concluded", "the statement said": a noun that doubles as a cue verb, as the
    // head right before the cue and after a determiner.
    if (k === j && k - 1 >= lo && DETERMINERS.has(toks[k - 1].l) && isCueNoun(w)) {
      start = k;
      k--;
      continue;
    }
    if (npWord(w) || nameBreakWord(toks, k) || (k === j && ingNoun(toks, k, lo))) {
      start = k;
      k--;
      continue;
    }
    // "the retired neurosurgeon", "a leading advocate": a participle adjective after a determiner.
    if (
      start >= 0 &&
      (npWord(w, true) || participleAdjective(toks, k)) &&
      k - 1 >= lo &&
      DETERMINERS.has(toks[k - 1].l)
    ) {
      start = k;
      k--;
      continue;
    }
    // "“...,” retired general Lloyd Newton said": a participle adjective opening the phrase right
    // after a quotation.
    if (start >= 0 && (npWord(w, true) || participleAdjective(toks, k)) && afterQuotation(toks, k, lo)) {
      start = k;
      k--;
      continue;
    }
    // "Mr." "U.S." "W.": a dot after an abbreviation or initial.
    if (w.t === "." && k - 1 >= lo && ABBREV_BEFORE_DOT.test(toks[k - 1].t) && start >= 0) {
      k--;
      continue;
    }
    // "Secretary of State", "Network for Human Rights", "Bashar al Assad".
    if (NAME_LINK_SET.has(w.l) && start >= 0 && k - 1 >= lo && toks[k - 1].cap && toks[start].cap) {
      k--;
      continue;
    }
    if ((w.t === "-" || w.t === "–") && start >= 0 && k - 1 >= lo && npWord(toks[k - 1])) {
      k--;
      continue;
    }
    break;
  }
  if (start < 0 || !hasHead(toks, start, j) || DETERMINERS.has(toks[j].l)) return null;
  let a = start;
  // "a spokesman for the committee", "an official at the ministry": a description with a
  // prepositional phrase. The head before the preposition must be a description itself.
  // "A passenger on a tram told": "on" after a lower-case head too (not "Clinton on Twitter").
  const ppLink =
    k >= lo && (PP_LINKS.has(toks[k].t) || (toks[k].t === "on" && k - 1 >= lo && !toks[k - 1].cap));
  if (ppLink && k - 1 >= lo && npWord(toks[k - 1])) {
    const head = phraseBeforeRaw(toks, k - 1, lo);
    if (
      head &&
      head.kind !== "pronoun" &&
      head.kind !== "relative" &&
      j - head.a < MAX_NP_TOKENS + MAX_PP_TOKENS
    )
      a = head.a;
  }
  // "the Florida senator and Republican presidential candidate", "Trump and Clinton": two
  // phrases joined by "and", when the first is a name or opens with a determiner (not a clause
  // such as "Trump won and Clinton").
  const c = a - 1;
  if (c - 1 >= lo && toks[c].l === "and" && npWord(toks[c - 1])) {
    const left = phraseBeforeRaw(toks, c - 1, lo);
    if (
      left &&
      left.kind !== "pronoun" &&
      left.kind !== "relative" &&
      (toks[left.b].cap || DETERMINERS.has(toks[left.a].l)) &&
      j - left.a < MAX_NP_TOKENS + MAX_PP_TOKENS
    )
      a = left.a;
  }
  return { a, b: j, kind: classify(toks, a, j) };
}

/** The speaker phrase starting at token `j` (walking forward, before `hi`). */
export function phraseAfter(toks: Tok[], j: number, hi: number): Phrase | null {
  const p = phraseAfterRaw(toks, j, hi);
  return p && plausible(toks, p, -1) ? p : null;
}

function phraseAfterRaw(toks: Tok[], j: number, hi: number): Phrase | null {
  if (j >= hi) return null;
  const t = toks[j];
  if (t.q >= 0) return null;
  if (isPronoun(t)) return { a: j, b: j, kind: "pronoun" };
  let k = j;
  let end = -1;
  while (k < hi && k - j < MAX_NP_TOKENS) {
    const w = toks[k];
    // "told reporters the war would end": a determiner after the phrase's words opens the next one.
    // But "an advocate of the plan": a determiner after a preposition opens its object.
    if (
      end >= j &&
      end === k - 1 &&
      !w.cap &&
      DETERMINERS.has(w.l) &&
      !DETERMINERS.has(toks[end].l) &&
      !PP_LINKS.has(toks[end].l)
    )
      break;
    // "Perez hammered Trump": a lower-case -ed word after a name is its verb, not a modifier.
    const verbAfterName = end >= j && end === k - 1 && toks[end].cap && isEdVerb(w);
    if (((npWord(w, true) && !ADVERBIAL_SET.has(w.l)) || nameBreakWord(toks, k)) && !verbAfterName) {
      end = k;
      k++;
      continue;
    }
    // "said a leading advocate", "said the outgoing chairman": an -ing adjective between a
    // determiner and a phrase word.
    if (
      end >= j &&
      end === k - 1 &&
      DETERMINERS.has(toks[end].l) &&
      participleAdjective(toks, k) &&
      k + 1 < hi &&
      npWord(toks[k + 1], true)
    ) {
      end = k;
      k++;
      continue;
    }
    // "said the ruling.", "said the filing by ...": an -ing noun after a determiner, ending the
    // phrase; also after adjectives the determiner opened ("according to a regulatory filing,").
    if (
      end >= j &&
      end === k - 1 &&
      (ingNoun(toks, k, j) ||
        (DETERMINERS.has(toks[j].l) && k - j >= 2 && lowerIng(toks[k]) && !CUE_FORMS.has(toks[k].l))) &&
      (k + 1 >= hi || !toks[k + 1].word || PP_LINKS.has(toks[k + 1].l))
    ) {
      end = k;
      k++;
      continue;
    }
    // "according to the report", "said the statement": a noun that doubles as a cue verb, right
    // after a determiner.
    if (end >= j && end === k - 1 && DETERMINERS.has(toks[k - 1].l) && isCueNoun(w)) {
      end = k;
      k++;
      continue;
    }
    if (
      w.t === "." &&
      end >= j &&
      end === k - 1 &&
      ABBREV_BEFORE_DOT.test(toks[k - 1].t) &&
      // "the U.N. refugee agency": a dotted acronym's own dot goes on before a lower-case noun too.
      (toks[k + 1]?.cap || (toks[k - 1].t.includes(".") && k + 1 < hi && npWord(toks[k + 1], true)))
    ) {
      k++;
      continue;
    }
    if (NAME_LINK_SET.has(w.l) && end >= j && end === k - 1 && toks[end].cap && toks[k + 1]?.cap) {
      k++;
      continue;
    }
    if (w.t === "(" && end >= j && end === k - 1 && toks[k + 2]?.t === ")" && toks[k + 1].cap) {
      end = k + 2;
      k += 3;
      continue;
    }
    break;
  }
  // A phrase does not end in a preposition ("an advocate of" before a quotation).
  while (end > j && PP_LINKS.has(toks[end].l) && !toks[end].cap) end--;
  if (end < 0 || !hasHead(toks, j, end)) return null;
  return { a: j, b: end, kind: classify(toks, j, end) };
}

/**
 * Skips time and manner phrases after a cue ("on Thursday", "in a statement", "in an interview
 * with Russian media", "late Friday"); returns the first token after them.
 */
export function skipAdverbials(toks: Tok[], k: number, hi: number): number {
  for (;;) {
    if (k >= hi) return k;
    const w = toks[k];
    if (w.q >= 0) return k;
    if (ADVERBIAL_SET.has(w.l) || (/^\d{1,2}$/.test(w.t) && k > 0 && ADVERBIAL_SET.has(toks[k - 1].l))) {
      k++;
      continue;
    }
    if (ADVERBIAL_PREP_SET.has(w.l)) {
      // Accept "in/on/at ... NOUN" when NOUN is an adverbial head within a few tokens.
      let m = k + 1;
      let found = -1;
      while (m < hi && m - k <= MAX_ADVERBIAL_TOKENS && toks[m].q < 0 && toks[m].word) {
        if (ADVERBIAL_SET.has(toks[m].l) || ADVERBIAL_NOUN_SET.has(toks[m].l)) found = m;
        else if (found >= 0) break;
        if (NP_BREAK_SET.has(toks[m].l) && toks[m].l !== "this") break;
        m++;
      }
      if (found < 0) return k;
      k = found + 1;
      // "... with Russian media", "... with CNN": the interviewer belongs to the adverbial.
      if (k < hi && (toks[k].l === "with" || toks[k].l === "to" || toks[k].l === "by")) {
        const np = phraseAfter(toks, k + 1, hi);
        if (np) k = np.b + 1;
        // "with the Securities and Exchange Commission": a name joined by "and" goes on.
        while (
          np &&
          k + 1 < hi &&
          (toks[k].l === "and" || toks[k].t === "&") &&
          toks[k + 1].cap &&
          toks[k - 1].cap
        ) {
          const more = phraseAfter(toks, k + 1, hi);
          if (!more) break;
          k = more.b + 1;
        }
      }
      continue;
    }
    return k;
  }
}
