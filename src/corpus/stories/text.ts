/**
 * Text features for story clustering: content words (lower-cased, light plural stemming,
 * stop words dropped) and a basic capitalised-phrase entity detector, used until real
 * entity keys are passed per article.
 */
import { STOPWORDS } from "./data/stopwords.js";

const STOP = new Set(STOPWORDS);

/** Shortest content word kept, in characters (shorter tokens are mostly initials and noise). */
const MIN_TOKEN_LENGTH = 2;
/** Longest token kept, in characters (longer ones are URLs, hashes or glued words). */
const MAX_TOKEN_LENGTH = 30;

// Letters (any script), digits, and inner apostrophes / hyphens / dots ("al-assad", "u.s.").
const WORD_RE = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;
const DIGITS_RE = /^[\d.,'’-]+$/;
const POSSESSIVE_RE = /['’]s$/;

/**
 * Harman's "S" stemmer: folds English plurals ("attacks" → "attack", "policies" → "policy")
 * without the over-stemming of Porter, which would merge unrelated words in short titles.
 */
export function stemS(word: string): string {
  const n = word.length;
  if (n < 4 || word.charCodeAt(n - 1) !== 115 /* s */) return word;
  if (word.endsWith("ies") && !word.endsWith("eies") && !word.endsWith("aies"))
    return word.slice(0, -3) + "y";
  if (word.endsWith("es") && !/(?:aes|ees|oes)$/.test(word)) return word.slice(0, -1);
  if (word.endsWith("us") || word.endsWith("ss") || word.endsWith("is")) return word;
  return word.slice(0, -1);
}

/** Content words of a text, in order: lower-cased, possessives and plurals folded, stop words and numbers dropped. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    let w = m[0].toLowerCase().replace(POSSESSIVE_RE, "");
    if (w.length < MIN_TOKEN_LENGTH || w.length > MAX_TOKEN_LENGTH) continue;
    if (STOP.has(w) || DIGITS_RE.test(w)) continue;
    w = w.replaceAll("’", "'");
    out.push(stemS(w));
  }
  return out;
}

/** Longest capitalised phrase kept as one entity, in words. */
const MAX_ENTITY_WORDS = 4;
// A capitalised word: upper-case initial then letters ("Assad", "al-Assad" is handled by the connector list).
const CAP_RE = /^(?:(?:al|el|ad|as|ash|bin)-)?\p{Lu}[\p{L}\p{N}'’.-]*$/u;
// Lower-case particles allowed inside a name ("Bashar al-Assad", "Leonardo da Vinci").
const NAME_PARTICLES = new Set([
  "al",
  "al-",
  "de",
  "da",
  "del",
  "der",
  "van",
  "von",
  "bin",
  "ibn",
  "la",
  "le",
]);
const CAP_START_RE = /^["“'‘(]?\p{Lu}/u;
/** Share of capitalised words above which a line is taken as title case and skipped (headline style). */
const TITLE_CASE_SHARE = 0.6;

/**
 * Entity keys found by a capitalised-phrase heuristic: maximal runs of capitalised words
 * (name particles allowed inside), lower-cased, possessive-folded, leading stop words
 * dropped ("The White House" → "white house"). A single capitalised word that starts a
 * sentence is not kept ("Police said..."). Title-case lines (headlines, headings) are
 * skipped, and texts without capitals (pre-processed corpora) simply yield none.
 */
export function capitalisedEntities(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\n+/)) {
    const tokens = line.split(/\s+/).filter((t) => t.length > 0);
    let caps = 0;
    for (const t of tokens) if (CAP_START_RE.test(t)) caps++;
    if (tokens.length >= 3 && caps / tokens.length > TITLE_CASE_SHARE) continue;
    let run: string[] = [];
    let runStartsSentence = false;
    let sentenceStart = true;
    const flush = () => {
      let words = run.map((w) => w.toLowerCase().replace(POSSESSIVE_RE, "").replaceAll("’", "'"));
      const startsSentence = runStartsSentence;
      run = [];
      let dropped = 0;
      while (words.length > 0 && STOP.has(words[0]!)) {
        words = words.slice(1);
        dropped++;
      }
      while (words.length > 0 && NAME_PARTICLES.has(words[words.length - 1]!)) words = words.slice(0, -1);
      if (words.length === 0) return;
      if (words.length === 1 && (startsSentence || dropped > 0) && STOP.has(words[0]!)) return;
      if (words.length === 1 && startsSentence && dropped === 0) return;
      out.push(words.slice(0, MAX_ENTITY_WORDS).join(" "));
    };
    for (const raw of tokens) {
      const tok = raw.replace(/^[("“'‘[]+/, "");
      // An opening bracket or quote starts a new phrase ("Human Rights (SNHR)").
      if (tok !== raw && run.length > 0) flush();
      const word = tok.replace(/[),.!?:;"”'’\]]+$/, "");
      const endsSentence = /[.!?:;]["”’)]*$/.test(raw);
      if (word.length > 1 && CAP_RE.test(word) && !DIGITS_RE.test(word)) {
        if (run.length === 0) runStartsSentence = sentenceStart;
        run.push(word);
      } else if (run.length > 0 && NAME_PARTICLES.has(word)) {
        run.push(word);
      } else {
        if (run.length > 0) flush();
      }
      // Punctuation after a word closes the phrase ("Moscow, Damascus").
      if (run.length > 0 && word !== tok) flush();
      sentenceStart = endsSentence;
    }
    if (run.length > 0) flush();
  }
  return out;
}
