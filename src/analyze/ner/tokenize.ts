/**
 * Tokeniser for raw English news text, following the CoNLL-2003 (Reuters) conventions the NER
 * model was trained on: punctuation and quotes are tokens of their own, possessive "'s" and
 * "n't" are split off, while "U.S.", "al-Assad", "1,000", "2.5", "1996-08-22", "Mr." and "O'Brien"
 * stay whole. Every token keeps its character offsets into the input.
 */
import { ABBREVIATIONS, LOWERCASE_ABBREVIATIONS } from "./data/abbreviations.js";

/** One token with its JS string offsets into the text (`text === input.slice(start, end)`). */
export interface Token {
  text: string;
  start: number;
  end: number;
}

// One alternation, tried left to right at each position (sticky). Order matters:
// URLs and e-mails, dotted acronyms (U.S., e.g., and U.S without its last period), numbers (1,000 / 2.5 / 1996-08-22 / 10:30),
// words with inner hyphens or apostrophes, runs of dots or dashes, then any single character.
const TOKEN_RE = new RegExp(
  [
    String.raw`(?:https?:\/\/|www\.)[^\s<>"'()\[\]]*[^\s<>"'()\[\].,;:!?]`,
    String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`,
    String.raw`(?:\p{L}\.){2,}(?!\p{L})`,
    String.raw`(?:\p{Lu}\.)+\p{Lu}(?![\p{L}\p{N}.'’-])`,
    String.raw`\d+(?:[.,:\/-]\d+)*(?:-?\p{L}+)?(?:-\p{L}+)*`,
    String.raw`[\p{L}\p{M}\p{N}]+(?:[-'’&][\p{L}\p{M}\p{N}]+)*-?`,
    String.raw`\.{2,}|-{2,}|…`,
    String.raw`\S`,
  ].join("|"),
  "uy",
);

// Clitics split off the end of a word, as in CoNLL: "Assad's" -> "Assad" "'s", "don't" -> "do" "n't".
const CLITIC_RE = /(?:n['’]t|['’](?:s|S|re|RE|ve|VE|ll|LL|d|D|m|M))$/u;
const UPPER_RE = /^\p{Lu}/u;
const SINGLE_LETTER_RE = /^\p{Lu}$/u;

/** Splits `text` into tokens with character offsets. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const re = TOKEN_RE;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    // Skip whitespace (space, tabs, newlines, NBSP, zero-width and other Unicode spaces).
    if (c <= 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0xfeff) {
      i++;
      continue;
    }
    // Fast path: a run of ASCII letters and digits, starting with a letter, followed by a space or a
    // bracket, comma, semicolon, "!", "?" or quote is a whole token under TOKEN_RE too (URLs,
    // e-mails, acronyms, inner hyphens and apostrophes, clitics and abbreviations all need another
    // character after the run, and go to the full pattern).
    if (isAsciiLetter(c)) {
      let end = i + 1;
      while (end < to && isAsciiAlnum(text.charCodeAt(end))) end++;
      if (end < to && PLAIN_AFTER[text.charCodeAt(end)] === 1) {
        out.push({ text: text.slice(i, end), start: i, end });
        i = end;
        continue;
      }
    }
    re.lastIndex = i;
    const m = re.exec(text);
    let end = m ? i + m[0].length : i + 1;
    if (end > to) end = to;
    let word = text.slice(i, end);
    // A trailing hyphen belongs to the word only before another word ("al- Assad" is rare);
    // otherwise emit it separately.
    if (word.length > 1 && word.endsWith("-") && word.charCodeAt(word.length - 2) !== 45) {
      end--;
      word = word.slice(0, -1);
    }
    // Abbreviations and initials keep their period: "Mr.", "Corp.", "W." in "George W. Bush".
    if (end < to && text.charCodeAt(end) === 46 /* . */ && isAbbreviation(word)) {
      end++;
      word += ".";
    }
    const clitic = CLITIC_RE.exec(word);
    if (clitic && clitic.index > 0) {
      const cut = i + clitic.index;
      out.push({ text: word.slice(0, clitic.index), start: i, end: cut });
      out.push({ text: clitic[0], start: cut, end });
    } else {
      out.push({ text: word, start: i, end });
    }
    i = end;
  }
  return out;
}

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAsciiAlnum = (c: number) => isAsciiLetter(c) || (c >= 48 && c <= 57);

/** ASCII characters that end a plain word token outright (1) in the tokeniser's fast path. */
const PLAIN_AFTER: Uint8Array = (() => {
  const a = new Uint8Array(128);
  for (let c = 0; c <= 32; c++) a[c] = 1;
  for (const ch of ',;!?()[]{}"') a[ch.charCodeAt(0)] = 1;
  return a;
})();

function isAbbreviation(word: string): boolean {
  if (SINGLE_LETTER_RE.test(word)) return true;
  const lower = word.toLowerCase();
  if (LOWERCASE_ABBREVIATIONS.has(lower)) return true;
  return UPPER_RE.test(word) && ABBREVIATIONS.has(lower);
}
