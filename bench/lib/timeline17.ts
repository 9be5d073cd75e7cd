/**
 * Timeline17 (../shared/bench/timelines/t17) as our timeline input, shared by bench/timelines.ts and
 * the date-F1 floor test: one topic's articles, run through our own sentence splitter and time
 * expressions (the precomputed `dates` field of articles.json is not used).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { splitSentences } from "../../src/analyze/sentences.js";
import { extractTimes } from "../../src/analyze/time/index.js";
import type { TimelineDoc } from "../../src/corpus/timeline/index.js";

export interface T17Article {
  uid: string;
  /** The article's publication date (document creation time). */
  dct: string;
  dates: (string | null)[];
  text: string;
}

/** A topic folder's articles.json. */
export function readT17Articles(topicDir: string): T17Article[] {
  return JSON.parse(readFileSync(join(topicDir, "articles.json"), "utf8")) as T17Article[];
}

/** The articles as `buildTimeline` input: no outlet, each its own source. */
export function t17Docs(arts: T17Article[]): TimelineDoc[] {
  return arts.map((a) => ({
    id: a.uid,
    outlet: null,
    published: a.dct,
    source: a.uid,
    text: a.text,
    sentences: splitSentences(a.text),
    times: extractTimes(a.text, a.dct),
  }));
}
