/**
 * Fuzz targets, run inside a worker thread by fuzz.test.ts: for each input the thread reports
 * "start" (with the input, so a hang can be saved) and "done"; the main thread enforces the
 * per-document time limit and the heap limit, and turns any exception into a failure.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parentPort } from "node:worker_threads";
import { analyzeText } from "../../src/analyze/index.js";
import { extract } from "../../src/extract/index.js";
import type { RawDocument } from "../../src/model/article.js";
import { readPaths } from "../../src/read/files.js";
import { type Corpus, htmlInput, inputRng, loadCorpus, mutate, textInput } from "./inputs.js";

export type TargetName = "read" | "extract-html" | "extract-text" | "extract-record" | "analyze";

export type FuzzMessage =
  | { type: "start"; i: number }
  | { type: "done"; i: number; ms: number }
  | { type: "error"; i: number; message: string }
  | { type: "end"; count: number; maxMs: number };

const provenance = { kind: "file" as const, location: "fuzz", fetchedAt: "2026-01-01T00:00:00Z" };
const dates = [null, "2018-07-27", "2015-09-30T12:00:00Z", "1999-12-31", "garbage"];

const READ_EXTS = [".html", ".txt", ".md", ".json", ".jsonl", ".csv", ".warc"] as const;

/** A file for the readers: records, pages or WARC built from the corpus, then mutated. */
function readerFile(r: () => number, c: Corpus): { ext: string; content: string } {
  const ext = READ_EXTS[Math.floor(r() * READ_EXTS.length)];
  const text = c.texts[Math.floor(r() * c.texts.length)];
  let base: string;
  switch (ext) {
    case ".json":
      base = JSON.stringify({ id: "a", title: text.split("\n")[0], text, date_publish: "2018-07-27" });
      break;
    case ".jsonl":
      base = c.texts
        .map((t, i) => JSON.stringify({ id: `r${i}`, maintext: t, source_domain: "x.com" }))
        .join("\n");
      break;
    case ".csv":
      base = `id,outlet,date,text\n${c.texts.map((t, i) => `${i},x.com,2018-07-2${i},"${t.replace(/"/g, '""')}"`).join("\n")}`;
      break;
    case ".warc": {
      const html = c.htmls[Math.floor(r() * c.htmls.length)];
      const http = `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`;
      base = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.com/a\r\nWARC-Date: 2018-07-27T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Length: ${Buffer.byteLength(http)}\r\n\r\n${http}\r\n\r\n`;
      break;
    }
    case ".html":
      return { ext, content: htmlInput(r, c) };
    default:
      return { ext, content: textInput(r, c) };
  }
  return { ext, content: mutate(r, base, c.texts) };
}

async function runOne(
  target: TargetName,
  r: () => number,
  c: Corpus,
  dir: string,
  i: number,
): Promise<string> {
  switch (target) {
    case "read": {
      const { ext, content } = readerFile(r, c);
      const file = join(dir, `in${i}${ext}`);
      writeFileSync(file, content, r() < 0.2 ? "latin1" : "utf8");
      for await (const item of readPaths([file])) void item;
      rmSync(file, { force: true });
      return `${ext}\n${content}`;
    }
    case "extract-html": {
      const content = htmlInput(r, c);
      extract({ id: "f", format: "html", content, provenance } satisfies RawDocument);
      return content;
    }
    case "extract-text": {
      const content = textInput(r, c);
      extract({
        id: "f",
        format: r() < 0.5 ? "text" : "markdown",
        content,
        provenance,
      } satisfies RawDocument);
      return content;
    }
    case "extract-record": {
      const content = textInput(r, c);
      const title = mutate(r, content.slice(0, 100), c.texts).slice(0, 300);
      const published = dates[Math.floor(r() * dates.length)] ?? mutate(r, "2018-07-27", []);
      extract({
        id: "f",
        format: "record",
        content,
        fields: {
          title,
          text: content,
          published,
          outlet: title.slice(0, 20),
          url: `https://x.com/${title.slice(0, 30)}`,
        },
        provenance,
      });
      return content;
    }
    case "analyze": {
      const content = textInput(r, c);
      analyzeText(content, dates[Math.floor(r() * dates.length)]);
      return content;
    }
  }
}

/** Input `i` of a run, regenerated without running it (to save a failing input). */
export function describeInput(target: TargetName, seed: number, i: number): string {
  const c = loadCorpus();
  const r = inputRng(seed, i);
  if (target === "read") {
    const { ext, content } = readerFile(r, c);
    return `${ext}\n${content}`;
  }
  return target === "extract-html" ? htmlInput(r, c) : textInput(r, c);
}

if (parentPort) {
  const port = parentPort;
  port.once("message", async (job: { target: TargetName; seed: number; budgetMs: number }) => {
    const corpus = loadCorpus();
    const dir = mkdtempSync(join(tmpdir(), "sl-fuzz-"));
    const until = Date.now() + job.budgetMs;
    let i = 0;
    let maxMs = 0;
    try {
      for (; Date.now() < until; i++) {
        port.postMessage({ type: "start", i } satisfies FuzzMessage);
        const t0 = performance.now();
        try {
          await runOne(job.target, inputRng(job.seed, i), corpus, dir, i);
        } catch (e) {
          port.postMessage({
            type: "error",
            i,
            message: (e as Error)?.stack ?? String(e),
          } satisfies FuzzMessage);
          return;
        }
        const ms = performance.now() - t0;
        maxMs = Math.max(maxMs, ms);
        port.postMessage({ type: "done", i, ms } satisfies FuzzMessage);
      }
      port.postMessage({ type: "end", count: i, maxMs } satisfies FuzzMessage);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
