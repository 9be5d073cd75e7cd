/**
 * Quotation regions: pairs of quotation marks, in one linear pass.
 *
 * - Curly double marks (“ ”), low marks („), guillemets (« ») and straight double marks (") nest
 *   on one depth counter; a straight mark opens when it follows a space or an opening bracket and
 *   closes when it precedes a space or punctuation, so `"The fate of "White Helmets" is ..."` is one
 *   quotation with a nested one. Two apostrophes ('') count as a straight double mark (NYT style).
 * - Single marks (‘ ’ and ') only count outside double marks, must open before a letter and close
 *   within the same line; ’ and ' between letters are apostrophes (don’t, Assad's). Three
 *   apostrophes after a quotation's words close a nested single and its double quotation at once.
 *   In headlines and in British-style texts single marks are the quotation marks (promoteSingles);
 *   in British style double marks nest inside single ones, and a single-mark quotation goes on
 *   over paragraphs like a double one.
 * - A quotation still open at the end of a paragraph continues when the next paragraph opens with
 *   a quotation mark (the news convention for quotes over several paragraphs): one quotation with
 *   one part per paragraph. Otherwise an unclosed mark is dropped, unless it opened the paragraph
 *   (then the quotation runs to the paragraph's end: a missing closing mark).
 */
import type { Span } from "../../model/article.js";

/** A quotation: its parts include the marks; `start`/`end` run from the first to the last part. */
export interface Quotation extends Span {
  parts: Span[];
  /** Single-mark quotation ('long-term'): headlines and quotes inside quotes. */
  single: boolean;
}

const OPEN_DOUBLE = "“„«";
const CLOSE_DOUBLE = "”»";

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

function isSpaceOrStart(ch: string | undefined): boolean {
  // Format characters (a stray left-to-right embedding before `”This ...`) count as space.
  return (
    ch === undefined ||
    ch === " " ||
    ch === "\n" ||
    ch === "\t" ||
    ch === "\u00a0" ||
    ch === "\r" ||
    /\p{Cf}/u.test(ch)
  );
}

const OPENING_CONTEXT = "([{—–-/:";

/** An ellipsis (with or without spaces) and then a word, after a mark that opens an excerpt. */
const ELLIPSIS_OPENING_RE = /^ ?(?:…|\.\.\.) ?[\p{L}\p{N}]/u;

/** What may follow a closing mark: a space, the text's end or punctuation. */
function closingContext(ch: string | undefined): boolean {
  return isSpaceOrStart(ch) || /[.,;:!?)\]—–-]/.test(ch ?? "");
}

/** Finds the quotation regions of `text`, in order. Linear in the text length. */
export function findQuotations(text: string): Quotation[] {
  const out: Quotation[] = [];
  const n = text.length;
  let depth = 0;
  let parts: Span[] = [];
  let partStart = -1;
  let openedAtLineStart = false;
  let lineStart = 0;
  let continuing = false; // a quotation continued from the previous paragraph awaits its mark
  let singleStart = -1;
  const british = britishStyle(text);
  // Parts of a single-mark quotation continued over paragraphs (British style, `‘...⏎⏎‘...’`).
  let singleParts: Span[] = [];

  const close = (end: number) => {
    parts.push({ start: partStart, end });
    out.push({ start: parts[0].start, end, parts, single: false });
    parts = [];
    partStart = -1;
    depth = 0;
  };

  /**
   * A single mark still open at the paragraph end (at offset `i`): the quotation goes on when the
   * next paragraph opens with a single mark; when it opened its paragraph and continues a quotation
   * (or the text is British style) it runs to the paragraph's end (a missing closing mark); else it
   * is dropped.
   */
  const singleParagraphEnd = (i: number) => {
    let lineEnd = i;
    while (lineEnd > lineStart && isSpaceOrStart(text[lineEnd - 1])) lineEnd--;
    let k = i + 1;
    while (k < n && isSpaceOrStart(text[k])) k++;
    const nextOpens = (text[k] === "‘" || text[k] === "'") && isWordChar(text[k + 1]);
    const continues = singleParts.length === 0 || singleStart === lineStart;
    if (continues && nextOpens && lineEnd > singleStart + 1) {
      singleParts.push({ start: singleStart, end: lineEnd });
      return;
    }
    if (
      continues &&
      (singleParts.length || british) &&
      singleStart === lineStart &&
      lineEnd > singleStart + 1
    ) {
      const partsOf = [...singleParts, { start: singleStart, end: lineEnd }];
      out.push({ start: partsOf[0].start, end: lineEnd, parts: partsOf, single: true });
    }
    singleParts = [];
  };

  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (ch === "\n") {
      if (singleStart >= 0 && depth === 0) singleParagraphEnd(i);
      // A line with words but no open single mark ends a single-mark quotation waiting to go on.
      else if (singleParts.length && text.slice(lineStart, i).trim() !== "") singleParts = [];
      singleStart = -1;
      // A single line break inside a paragraph (text wrapped at a fixed width: `... participate
      // personally⏎in caucuses and primaries.”`) leaves the quotation open; a blank line or a
      // line that opens with a mark is a paragraph break.
      const softWrap =
        depth > 0 &&
        !continuing &&
        i + 1 < n &&
        !/[\n\r]/.test(text[i + 1]) &&
        !/^[ \t]*(?:["“„«]|''|$)/.test(text.slice(i + 1, i + 4)) &&
        /[\p{Ll},;]$/u.test(text.slice(Math.max(lineStart, i - 1), i));
      if (softWrap) {
        lineStart = i + 1;
        continue;
      }
      if (depth > 0 && !continuing) {
        // Find the next non-empty line and see whether it opens with a quotation mark.
        let k = i + 1;
        while (k < n && (text[k] === "\n" || text[k] === " " || text[k] === "\t" || text[k] === "\r")) k++;
        const next = text[k];
        const nextOpens =
          next !== undefined &&
          (OPEN_DOUBLE.includes(next) || next === '"' || (next === "'" && text[k + 1] === "'"));
        let lineEnd = i;
        while (lineEnd > lineStart && isSpaceOrStart(text[lineEnd - 1])) lineEnd--;
        if (nextOpens && lineEnd > partStart) {
          parts.push({ start: partStart, end: lineEnd });
          partStart = -1;
          continuing = true;
          depth = 1;
        } else if (openedAtLineStart && lineEnd > partStart + 1) {
          close(lineEnd);
        } else {
          parts = [];
          partStart = -1;
          depth = 0;
        }
      }
      lineStart = i + 1;
      continue;
    }
    const prev = i > 0 ? text[i - 1] : undefined;
    let isDouble = false;
    let width = 1;
    let opens = false;
    if (OPEN_DOUBLE.includes(ch)) {
      isDouble = true;
      // A reversed closing mark (`... for her here,“ said Jim Clyburn`): an opening mark right
      // after the words of an open quotation, before a space or punctuation, closes it.
      opens = !(
        depth > 0 &&
        !isSpaceOrStart(prev) &&
        !OPENING_CONTEXT.includes(prev ?? "") &&
        closingContext(text[i + 1])
      );
    } else if (CLOSE_DOUBLE.includes(ch)) {
      isDouble = true;
      // A reversed opening mark (`”Mr. Trump is ...`): a closing mark with no quotation open, after
      // a space and before a word, opens one.
      // Also before an ellipsis that opens an excerpt (`” … he delivered a mix ...,” Barabak wrote`).
      opens =
        depth === 0 &&
        (isSpaceOrStart(prev) || OPENING_CONTEXT.includes(prev ?? "")) &&
        (isWordChar(text[i + 1]) || ELLIPSIS_OPENING_RE.test(text.slice(i + 1, i + 7)));
    } else if (ch === '"' || (ch === "'" && text[i + 1] === "'")) {
      isDouble = true;
      width = ch === '"' ? 1 : 2;
      const after = text[i + width];
      const prevOpening = isSpaceOrStart(prev) || OPENING_CONTEXT.includes(prev ?? "") || prev === "“";
      const nextClosing = closingContext(after);
      if (prevOpening && !nextClosing) opens = true;
      else if (nextClosing && !prevOpening) opens = false;
      else opens = depth === 0;
      // "''... 'a special case,''' Mr. Putin said": a nested single quotation closing together
      // with its double one (NYT style); the three apostrophes close both.
      if (!opens && depth > 0 && ch === "'" && text[i + 2] === "'" && !isWordChar(text[i + 3])) width = 3;
    }
    if (isDouble) {
      if (opens) {
        if (continuing) {
          continuing = false;
          partStart = i;
        } else if (depth === 0) {
          partStart = i;
          openedAtLineStart = i === lineStart || text.slice(lineStart, i).trim() === "";
          // In British style double marks nest inside single ones (`‘They called it “a betrayal”.’`).
          if (!british) singleStart = -1;
          depth = 1;
        } else depth++;
      } else if (depth > 0) {
        depth--;
        if (depth === 0) close(i + width);
      }
      i += width - 1;
      continue;
    }
    // Single marks, only outside double quotations.
    if (depth === 0 && (ch === "‘" || ch === "'" || ch === "’")) {
      if (singleStart < 0) {
        if ((ch === "‘" || ch === "'") && !isWordChar(prev) && isWordChar(text[i + 1])) singleStart = i;
      } else if ((ch === "’" || ch === "'") && !isWordChar(text[i + 1]) && !isSpaceOrStart(prev)) {
        // "Syrians’ homes" is a plural possessive: only close if the region has more than one word
        // or ends the phrase; a closing mark before a letter was already excluded above.
        const part = { start: singleStart, end: i + 1 };
        const partsOf = singleParts.length && lineStart === singleStart ? [...singleParts, part] : [part];
        out.push({ start: partsOf[0].start, end: i + 1, parts: partsOf, single: true });
        singleParts = [];
        singleStart = -1;
      }
    }
  }
  if (depth > 0 && partStart >= 0 && openedAtLineStart) {
    let end = n;
    while (end > partStart && isSpaceOrStart(text[end - 1])) end--;
    if (end > partStart + 1) close(end);
  }
  out.sort((a, b) => a.start - b.start);
  promoteSingles(text, out);
  return out;
}

/** Curly marks opening a word after a space, a bracket or the text's start. */
const OPEN_SINGLE_RE = /(?:^|[\s([])‘(?=[\p{L}\p{N}])/gu;
const OPEN_DOUBLE_RE = /(?:^|[\s([])[“"](?=[\p{L}\p{N}])/gu;

/**
 * The text quotes with single marks (British style): more curly single marks open words than
 * double marks do, and at least `MIN_BRITISH_QUOTATIONS`. A first guess for pairing; the
 * quotations found decide again in promoteSingles.
 */
function britishStyle(text: string): boolean {
  if (!text.includes("‘")) return false;
  const singles = text.match(OPEN_SINGLE_RE)?.length ?? 0;
  return singles >= MIN_BRITISH_QUOTATIONS && singles > (text.match(OPEN_DOUBLE_RE)?.length ?? 0);
}

/** British style needs at least this many single quotations outside headlines. */
const MIN_BRITISH_QUOTATIONS = 2;
/** Longest line that can be a headline, in characters. */
export const MAX_HEADLINE_LINE_CHARS = 200;
/** A title-case line: at least this many words of four letters or more... */
const MIN_TITLE_WORDS = 3;
/** ...of which at least this share is capitalised ("Clinton Sides With Bush On ‘Radical Islam’"). */
const MIN_TITLE_CAP_SHARE = 0.75;

/**
 * Single marks that are the quotation marks of their text: in a headline (the text's first line,
 * or a short title-case line) single marks quote words (`DNC issues ‘deep and sincere apology’`),
 * and in British style, where the single quotations outside headlines outnumber the double ones
 * (and are at least two), they are the quotes (`‘We will not back down,’ she said.`).
 */
function promoteSingles(text: string, out: Quotation[]): void {
  const singles = out.filter((q) => q.single);
  if (!singles.length) return;
  const firstLine = text.search(/\S/);
  const body: Quotation[] = [];
  for (const q of singles) {
    const lineStart = text.lastIndexOf("\n", q.start - 1) + 1;
    const nl = text.indexOf("\n", q.end);
    const line = text.slice(lineStart, nl < 0 ? text.length : nl);
    if (line.length <= MAX_HEADLINE_LINE_CHARS && (lineStart <= firstLine || titleCase(line)))
      q.single = false;
    else body.push(q);
  }
  const doubles = out.length - singles.length;
  if (body.length >= MIN_BRITISH_QUOTATIONS && body.length > doubles) for (const q of body) q.single = false;
}

function titleCase(line: string): boolean {
  const words = line.match(/[\p{L}][\p{L}’']{3,}/gu) ?? [];
  if (words.length < MIN_TITLE_WORDS) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length >= MIN_TITLE_CAP_SHARE * words.length;
}
