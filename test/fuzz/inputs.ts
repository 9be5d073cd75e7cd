/**
 * Fuzz inputs: random strings and mutations of real documents (the sample corpus and the small HTML
 * fixtures), drawn from a seeded PRNG. Input `i` of a run depends only on (seed, i), so a failure
 * reproduces from the two numbers alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, SAMPLE_DIR } from "../helpers/shared.js";

/** Largest generated input, in characters (big enough for long articles, small enough to be quick). */
export const MAX_INPUT_CHARS = 48_000;

import { rng } from "../helpers/rng.js";

/** The PRNG of input `i` of a run seeded with `seed`. */
export function inputRng(seed: number, i: number): () => number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f);
  return rng((h ^ (h >>> 16)) >>> 0);
}

export interface Corpus {
  texts: string[];
  htmls: string[];
}

/** Real documents to mutate. */
export function loadCorpus(): Corpus {
  const texts = readdirSync(SAMPLE_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(SAMPLE_DIR, f), "utf8"));
  const htmlDir = join(REPO_ROOT, "test", "fixtures", "extract-html");
  const htmls: string[] = [];
  try {
    for (const d of readdirSync(htmlDir).sort()) {
      try {
        htmls.push(readFileSync(join(htmlDir, d, "source.html"), "utf8"));
      } catch {
        // not a fixture folder
      }
    }
  } catch {
    // fixtures absent: random HTML only
  }
  if (htmls.length === 0)
    htmls.push(`<html><head><title>T</title></head><body><p>${texts[0] ?? "x"}</p></body></html>`);
  return { texts, htmls };
}

/** Fragments that tend to break parsers and regexes: markup, entities, odd Unicode, long runs. */
const TOKENS = [
  "<",
  ">",
  "</div>",
  "<div>",
  "<p>",
  "<!--",
  "-->",
  "<script>",
  "</script>",
  "<style>",
  "<![CDATA[",
  "]]>",
  "&amp;",
  "&#0;",
  "&#x110000;",
  "&nbsp;",
  '"',
  "'",
  "“",
  "”",
  "«",
  "\u0000",
  "\uFFFD",
  "\uD800",
  "\uDC00",
  "\u202E",
  "\u200B",
  "😀",
  "\r\n",
  "\r",
  "\t",
  "\n\n",
  "# ",
  "**",
  "[x](",
  "Mr. ",
  "U.S. ",
  " said ",
  " according to ",
  "$1,000,000",
  "12.5%",
  "2018-07-27",
  "on Thursday",
  "By ",
  "Reuters",
  '{"text":',
  "},",
  ",",
  "WARC/1.0\r\n",
  "Content-Length: 99999999\r\n",
  "<meta charset=utf-16>",
  '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
];

/** Strings repeated many times: the classic triggers of catastrophic regex backtracking. */
const RUNS = [
  "a",
  " ",
  ".",
  "-",
  "1,",
  "0",
  '"',
  "'",
  "<div>",
  "<b>",
  "Mr. ",
  "A ",
  "said ",
  "the ",
  "\n",
  "=",
  "(",
  "$",
  "%",
  "John Smith, ",
  "“",
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: () => number, n: number) => Math.floor(r() * n);

function randomString(r: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.6) s += String.fromCharCode(32 + int(r, 95));
    else if (k < 0.8) s += pick(r, TOKENS);
    else if (k < 0.95) s += String.fromCharCode(int(r, 0x3000));
    else s += String.fromCharCode(int(r, 0x10000));
  }
  return s;
}

/** Applies 1–8 random mutations to `s`. */
export function mutate(r: () => number, s: string, others: string[]): string {
  if (others.length === 0) others = [s];
  const n = 1 + int(r, 8);
  for (let m = 0; m < n; m++) {
    const at = int(r, s.length + 1);
    switch (int(r, 9)) {
      case 0: // flip characters
        for (let k = 0; k < 1 + int(r, 20); k++) {
          const p = int(r, s.length);
          s = s.slice(0, p) + String.fromCharCode(int(r, 0x10000)) + s.slice(p + 1);
        }
        break;
      case 1:
        s = s.slice(0, at) + pick(r, TOKENS) + s.slice(at);
        break;
      case 2: {
        const unit = pick(r, RUNS);
        s = s.slice(0, at) + unit.repeat(1 + int(r, 4000 / unit.length)) + s.slice(at);
        break;
      }
      case 3: // delete a range
        s = s.slice(0, at) + s.slice(at + int(r, 2000));
        break;
      case 4: {
        // duplicate a range
        const len = int(r, 3000);
        s = s.slice(0, at) + s.slice(at, at + len) + s.slice(at);
        break;
      }
      case 5: {
        // splice in part of another document
        const o = pick(r, others);
        const from = int(r, o.length);
        s = s.slice(0, at) + o.slice(from, from + int(r, 4000)) + s.slice(at);
        break;
      }
      case 6:
        s = s.slice(0, at);
        break;
      case 7:
        s = s.slice(0, at) + randomString(r, int(r, 200)) + s.slice(at);
        break;
      default: {
        const len = int(r, 2000);
        const part = s.slice(at, at + len);
        s = s.slice(0, at) + (r() < 0.5 ? part.toUpperCase() : part.replace(/\s+/g, "")) + s.slice(at + len);
      }
    }
    if (s.length > MAX_INPUT_CHARS) s = s.slice(0, MAX_INPUT_CHARS);
  }
  return s;
}

/** A text-like input: random, or a mutated sample article. */
export function textInput(r: () => number, c: Corpus): string {
  if (r() < 0.15) return randomString(r, int(r, 3000));
  return mutate(r, pick(r, c.texts), c.texts);
}

/** An HTML-like input: random, a mutated fixture page, or a sample article wrapped in markup. */
export function htmlInput(r: () => number, c: Corpus): string {
  const k = r();
  if (k < 0.1) return randomString(r, int(r, 3000));
  if (k < 0.25) {
    const paras = pick(r, c.texts)
      .split("\n")
      .map((l) => `<p>${l}</p>`)
      .join("\n");
    return mutate(
      r,
      `<html><head><title>x</title></head><body><article>${paras}</article></body></html>`,
      c.htmls,
    );
  }
  return mutate(r, pick(r, c.htmls), [...c.htmls, ...c.texts]);
}
