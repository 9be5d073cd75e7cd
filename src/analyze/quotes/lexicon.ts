/**
 * Compiled lookups over the word lists in data.ts: every inflected form of a cue verb mapped to
 * its base and class, and lower-cased sets. Built once at module load.
 */
import { readFileSync } from "node:fs";
import { findModelFile } from "../../data/models.js";
import { NEWS_OUTLETS } from "../../data/news-outlets.js";
import { TITLE_WORDS } from "../../data/titles.js";
import {
  ACCORDING_TO,
  ADVERBIAL_NOUNS,
  ADVERBIAL_PREPOSITIONS,
  ADVERBIAL_WORDS,
  COGNITION_VERBS,
  CUE_MODIFIERS,
  GROUP_PRONOUNS,
  GROUP_ROLE_NOUNS,
  INDEFINITE_DETERMINERS,
  IRREGULAR_FORMS,
  MONTHS,
  NAME_LINK_WORDS,
  NEWS_ORG_WORDS,
  NP_BREAK_WORDS,
  ORG_NAME_WORDS,
  PERSON_PRONOUNS,
  PERSON_ROLE_NOUNS,
  RELATIVE_PRONOUNS,
  RELAY_VERBS,
  SPEECH_VERBS,
  THAT_ONLY_CUES,
  TIME_UNITS,
  WEAK_NESTED_CUES,
  WEEKDAYS,
} from "./data.js";

export type CueClass = "speech" | "cognition" | "relay";

/** Cues that name or label rather than report a statement ("called it the ..."). */
export const NAMING_BASES = new Set([
  "call",
  "dub",
  "label",
  "term",
  "name",
  "brand",
  "describe",
  "nickname",
]);

export interface CueForm {
  base: string;
  cls: CueClass;
  /** Present participle ("saying"): may share the subject of the clause before it. */
  participle: boolean;
  /** A cue only when its content is a quotation (learned cues: "boomed", "confessed"). */
  quoteOnly?: boolean;
}

/** Short verbs that double their final consonant: "admitted", "quipped", "planned". */
const DOUBLING = new Set(["admit", "quip", "plan", "regret", "commit", "refer", "prefer", "omit", "submit"]);

function inflections(base: string): { forms: string[]; ing: string } {
  const forms = [base];
  const last = base[base.length - 1];
  const consY = /[^aeiou]y$/.test(base);
  // third person singular
  if (/(?:s|sh|ch|x|z)$/.test(base)) forms.push(base + "es");
  else if (consY) forms.push(base.slice(0, -1) + "ies");
  else forms.push(base + "s");
  // past
  let ing: string;
  if (DOUBLING.has(base)) {
    forms.push(base + last + "ed");
    ing = base + last + "ing";
  } else if (last === "e") {
    forms.push(base + "d");
    ing = base.endsWith("ee") ? base + "ing" : base.slice(0, -1) + "ing";
  } else if (consY) {
    forms.push(base.slice(0, -1) + "ied");
    ing = base + "ing";
  } else {
    forms.push(base + "ed");
    ing = base + "ing";
  }
  forms.push(ing);
  return { forms, ing };
}

function build(): Map<string, CueForm> {
  const map = new Map<string, CueForm>();
  const add = (list: readonly string[], cls: CueClass) => {
    for (const base of list) {
      if (base.includes(" ")) continue; // multi-word cues are matched separately
      const { forms, ing } = inflections(base);
      for (const f of forms) if (!map.has(f)) map.set(f, { base, cls, participle: f === ing });
    }
  };
  add(RELAY_VERBS, "relay");
  add(SPEECH_VERBS, "speech");
  add(COGNITION_VERBS, "cognition");
  for (const [form, base] of Object.entries(IRREGULAR_FORMS)) {
    if (form.includes(" ")) continue;
    const cls: CueClass = COGNITION_VERBS.includes(base) ? "cognition" : "speech";
    map.set(form, { base, cls, participle: form.endsWith("ing") });
  }
  for (const form of learnedCueForms()) {
    if (map.has(form)) continue;
    map.set(form, { base: form, cls: "speech", participle: form.endsWith("ing"), quoteOnly: true });
  }
  return map;
}

/** File of the cue words learned from PolNeAR train (scripts/train-quotes.ts), under `models/`. */
export const LEARNED_CUES_FILE = "quotes-cues.json";

/**
 * Cue word forms learned from annotated cue spans, e.g. "boomed", "confessed", "recommended":
 * words that head an attribution cue often enough on PolNeAR train (the file records each
 * word's precision as a cue and its count). They only cue quotations. Missing file: none.
 */
function learnedCueForms(): string[] {
  const p = findModelFile(LEARNED_CUES_FILE);
  if (!p) return [];
  const data = JSON.parse(readFileSync(p, "utf8")) as { cues: Record<string, unknown> };
  return Object.keys(data.cues);
}

/** Every inflected cue-verb form (lower case) -> base and class. */
export const CUE_FORMS: ReadonlyMap<string, CueForm> = build();

const lowerSet = (list: readonly string[]) => new Set(list.map((w) => w.toLowerCase()));

export const PERSON_PRONOUN_SET = lowerSet(PERSON_PRONOUNS);
export const GROUP_PRONOUN_SET = lowerSet(GROUP_PRONOUNS);
export const RELATIVE_PRONOUN_SET = lowerSet(RELATIVE_PRONOUNS);
export const PERSON_ROLE_SET = lowerSet(PERSON_ROLE_NOUNS);
export const GROUP_ROLE_SET = lowerSet(GROUP_ROLE_NOUNS);
export const NP_BREAK_SET = lowerSet(NP_BREAK_WORDS);
export const CUE_MODIFIER_SET = lowerSet(CUE_MODIFIERS);
export const INDEFINITE_SET = lowerSet(INDEFINITE_DETERMINERS);
export const NEWS_ORG_WORD_SET = lowerSet(NEWS_ORG_WORDS);
export const NEWS_ORG_SET = lowerSet(NEWS_OUTLETS);
export const TITLE_SET = lowerSet(TITLE_WORDS);
export const NAME_LINK_SET = lowerSet(NAME_LINK_WORDS);
export const ORG_NAME_WORD_SET = lowerSet(ORG_NAME_WORDS);
export const ADVERBIAL_SET = lowerSet([...ADVERBIAL_WORDS, ...MONTHS]);
export const MONTH_SET = lowerSet(MONTHS);
export const WEEKDAY_SET = lowerSet(WEEKDAYS);
export const TIME_UNIT_SET = lowerSet(TIME_UNITS);
export const ADVERBIAL_PREP_SET = lowerSet(ADVERBIAL_PREPOSITIONS);
export const ADVERBIAL_NOUN_SET = lowerSet(ADVERBIAL_NOUNS);
export const WEAK_NESTED_SET = lowerSet(WEAK_NESTED_CUES);
export const THAT_ONLY_SET = lowerSet(THAT_ONLY_CUES);
/** "according to", "as per": first word -> second word. */
export const ACCORDING_PAIRS: ReadonlyMap<string, string> = new Map(
  ACCORDING_TO.filter((p) => p.includes(" ")).map((p) => p.split(" ") as [string, string]),
);
