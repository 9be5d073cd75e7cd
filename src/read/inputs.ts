/**
 * Input dispatch: turns what the user named on the command line into raw documents.
 *  - `http://` and `https://` URLs → fetched (a page, or a feed's items, or a sitemap's pages);
 *  - `.warc` / `.warc.gz` files (named, or found in named folders) → the WARC reader;
 *  - everything else → the file and folder readers;
 *  - `urlLists` (files with one URL per line) and `sitemaps` (with `since`) add more URLs.
 * One bad input never stops the others; each failure is a ReadItem error naming the input.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import type { Store } from "../store/types.js";
import { type ReadItem, listInputFiles, readPaths } from "./files.js";
import { isWarcPath, readWarc } from "./warc.js";
import { type WebInput, type WebReadOptions, readWeb } from "./web/read.js";
import { parseSince } from "./web/sitemap.js";
import { isHttpUrl } from "./web/url-id.js";

export interface InputOptions extends Omit<WebReadOptions, "store" | "since"> {
  /** The store, for inputs that keep state (conditional GET validators, feed memories). */
  store?: Store;
  /** ISO timestamp recorded as provenance of local files. */
  now?: string;
  /** Files listing URLs to fetch, one per line; blank lines and `#` comments are ignored. */
  urlLists?: string[];
  /** Sitemap (or sitemap index) URLs whose pages are fetched. */
  sitemaps?: string[];
  /** Only sitemap entries dated on or after this day (YYYY-MM-DD or an ISO timestamp). */
  since?: string;
}

/** Counts the units of work for a progress bar: files, WARC archives and URLs named directly. */
export async function countInputs(inputs: string[]): Promise<number> {
  const { urls, warcs, paths } = partition(inputs);
  const { files } = await listInputFiles(paths);
  return files.length + warcs.length + urls.length + (await warcsInFolders(paths)).length;
}

/** Reads every input, yielding documents and per-input errors; never throws for one bad input. */
export async function* readInputs(inputs: string[], opts: InputOptions = {}): AsyncGenerator<ReadItem> {
  const { urls, warcs, paths } = partition(inputs);
  if (paths.length > 0) {
    yield* readPaths(paths, { now: opts.now });
    warcs.push(...(await warcsInFolders(paths)));
  }
  for (const file of warcs) {
    if (opts.signal?.aborted) return;
    yield* readWarc(file, { now: opts.now });
  }

  const web: WebInput[] = urls.map((url) => ({ url }));
  for (const list of opts.urlLists ?? []) {
    for await (const item of readUrlList(list)) {
      if (typeof item === "string") web.push({ url: item });
      else yield item;
    }
  }
  for (const url of opts.sitemaps ?? []) web.push({ url, as: "sitemap" });
  let since: Date | null = null;
  if (opts.since !== undefined) {
    since = parseSince(opts.since);
    if (!since) {
      yield {
        ok: false,
        error: { file: "--since", reason: `"${opts.since}" is not a date (expected YYYY-MM-DD)` },
      };
      return;
    }
  }
  if (web.length > 0) yield* readWeb(web, { ...opts, since });
}

function partition(inputs: string[]): { urls: string[]; warcs: string[]; paths: string[] } {
  const urls: string[] = [];
  const warcs: string[] = [];
  const paths: string[] = [];
  for (const input of inputs) {
    if (isHttpUrl(input)) urls.push(input);
    else if (isWarcPath(input)) warcs.push(input);
    else paths.push(input);
  }
  return { urls, warcs, paths };
}

/** WARC archives inside the named folders (hidden entries skipped, as the file readers do). */
async function warcsInFolders(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) {
    try {
      if (!(await stat(p)).isDirectory()) continue;
      const entries = await readdir(p, { recursive: true });
      for (const rel of entries.sort()) {
        if (!isWarcPath(rel) || rel.split(sep).some((part) => part.startsWith("."))) continue;
        found.push(join(p, rel));
      }
    } catch {
      // Unreadable folders are reported by the file readers.
    }
  }
  return found;
}

/** Reads a URL list: yields each URL, or an error item for a line that is not an http(s) URL. */
export async function* readUrlList(file: string): AsyncGenerator<string | ReadItem> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    yield {
      ok: false,
      error: {
        file,
        reason: `cannot read URL list: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      },
    };
    return;
  }
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\s#.*$/, "").trim();
    if (line === "" || line.startsWith("#")) continue;
    let ok = isHttpUrl(line);
    if (ok) {
      try {
        new URL(line);
      } catch {
        ok = false;
      }
    }
    if (ok) yield line;
    else
      yield {
        ok: false,
        error: { file, record: i + 1, reason: `line ${i + 1} is not an http(s) URL: "${line}"` },
      };
  }
}
