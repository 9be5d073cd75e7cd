/**
 * Loading the benchmark texts for the syndication bench (read at bench time from
 * ../shared/bench; never copied into the repo).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH_DIR } from "../../test/helpers/shared.js";

/** One article of a syndication CSV, paragraphs split. */
export interface CsvArticle {
  id: string;
  publisher: string;
  scrapeTime: string;
  paragraphs: string[];
}

interface RawCsvArticle {
  id: string;
  publisher: string;
  scrapeTime: string;
  text: string;
}

type ReadCsv = (file: string) => RawCsvArticle[];

let readCsv: ReadCsv | null = null;

/** Loads the data set's own CSV reader (read-csv.mjs) once. */
async function reader(): Promise<ReadCsv> {
  if (!readCsv) {
    const mod = (await import(join(BENCH_DIR, "syndication", "read-csv.mjs"))) as {
      readArticlesCsv: ReadCsv;
    };
    readCsv = mod.readArticlesCsv;
  }
  return readCsv;
}

/** Reads a syndication CSV with its own reader; paragraphs come back joined by blank lines. */
export async function loadSyndicationCsv(file: string): Promise<CsvArticle[]> {
  const read = await reader();
  return read(file).map((r) => ({
    id: r.id,
    publisher: r.publisher,
    scrapeTime: r.scrapeTime,
    paragraphs: r.text.split("\n\n").filter((p) => p.trim() !== ""),
  }));
}

/** Paragraphs of the giveme5w1h news articles (one per line of `text`). */
export function loadStoryParagraphs(): string[] {
  const file = join(BENCH_DIR, "stories", "giveme5w1h-dev.jsonl");
  const out: string[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { text?: string };
    for (const p of (rec.text ?? "").split("\n")) if (p.trim()) out.push(p.trim());
  }
  return out;
}
