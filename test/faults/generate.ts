/**
 * Deterministic generated articles for fault tests and the scale benchmark: news-please style JSONL
 * records whose paragraphs are real sentences (from the sample corpus, or any sentence list) with a
 * share of their words swapped for words drawn from the same text, so every article is distinct
 * while lengths and vocabulary stay those of real news. Same seed, same records.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { rng } from "../helpers/rng.js";

/** Share of words replaced in each sentence, so generated articles don't copy each other. */
const RELEX = 0.3;

export interface GeneratedRecord {
  id: string;
  title: string;
  text: string;
  url: string;
  source_domain: string;
  date_publish: string;
}

/** Sentences of the text captures in a folder (one sentence per line-ish split), for generation. */
export function sentencesFromFolder(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith(".txt")) continue;
    out.push(...splitSentences(readFileSync(join(dir, f), "utf8")));
  }
  return out;
}

/** A rough sentence split (generation only needs plausible sentences). */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?]["”']?)\s+(?=["“A-Z])/)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s.length >= 40 && s.length <= 400 && /[.!?]["”']?$/.test(s));
}

const OUTLETS = ["example-wire.com", "daily-example.org", "the-example-times.com", "example-post.net"];

/** Generates `n` records from `sentences`, deterministically from `seed`. */
export function* generateRecords(sentences: string[], n: number, seed: number): Generator<GeneratedRecord> {
  if (sentences.length === 0) throw new Error("no sentences to generate from");
  const words = sentences.flatMap((s) => s.split(" "));
  const rand = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const relex = (s: string) =>
    s
      .split(" ")
      .map((w, i) => (i > 0 && rand() < RELEX ? pick(words).replace(/[.!?]+$/, "") : w))
      .join(" ");
  for (let i = 0; i < n; i++) {
    const paragraphs: string[] = [];
    const np = 3 + Math.floor(rand() * 5);
    for (let p = 0; p < np; p++) {
      const ns = 1 + Math.floor(rand() * 3);
      const sents: string[] = [];
      for (let k = 0; k < ns; k++) sents.push(relex(pick(sentences)));
      paragraphs.push(sents.join(" "));
    }
    const id = `gen-${String(i).padStart(7, "0")}`;
    const domain = OUTLETS[i % OUTLETS.length];
    const day = 1 + Math.floor(rand() * 28);
    const month = 1 + Math.floor(rand() * 12);
    yield {
      id,
      title: relex(pick(sentences))
        .replace(/[.!?]["”']?$/, "")
        .slice(0, 120),
      text: paragraphs.join("\n\n"),
      url: `https://${domain}/news/${id}`,
      source_domain: domain,
      date_publish: `20${10 + (i % 12)}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    };
  }
}

/** Writes `n` generated records to a JSONL file; returns their ids. */
export function writeJsonl(path: string, sentences: string[], n: number, seed: number, offset = 0): string[] {
  const ids: string[] = [];
  const lines: string[] = [];
  let i = 0;
  for (const r of generateRecords(sentences, n + offset, seed)) {
    if (i++ < offset) continue;
    ids.push(r.id);
    lines.push(JSON.stringify(r));
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return ids;
}
