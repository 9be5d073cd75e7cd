/**
 * Readers for files and folders: `.txt`, `.md`, `.html`/`.htm`, `.json` (one object or an array),
 * `.jsonl`, `.csv` with a header row. Each yields raw documents or errors naming the file (and row)
 * and the reason; one bad input never stops the batch.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, relative, resolve, sep } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { decodeBytes } from "../extract/charset.js";
import type { RawDocument } from "../model/article.js";
import { mapRecord } from "./records.js";

/** Largest input file we read, in bytes. News pages rarely exceed 5 MB; 64 MiB leaves room for
 * big JSONL/CSV exports and 50 MB pathological pages while keeping memory bounded. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/** Bytes inspected for NUL bytes when deciding whether a text file is binary. */
const BINARY_SNIFF_BYTES = 8192;

export const SUPPORTED_EXTENSIONS = [
  ".txt",
  ".md",
  ".markdown",
  ".html",
  ".htm",
  ".json",
  ".jsonl",
  ".ndjson",
  ".csv",
];

export interface ReadError {
  file: string;
  /** 1-based record (JSON array element, JSONL line, CSV data row). */
  record?: number;
  reason: string;
}

export type ReadItem = { ok: true; doc: RawDocument } | { ok: false; error: ReadError };

export interface ReadOptions {
  /** ISO timestamp recorded as provenance; defaults to now. */
  now?: string;
}

/** Lists supported files under the given paths (folders recursively), sorted for determinism. */
export async function listInputFiles(paths: string[]): Promise<{ files: string[]; errors: ReadError[] }> {
  const files: string[] = [];
  const errors: ReadError[] = [];
  const walk = async (p: string, explicit: boolean): Promise<void> => {
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(p);
    } catch (e) {
      errors.push({
        file: p,
        reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      });
      return;
    }
    if (st.isDirectory()) {
      const entries = (await readdir(p)).sort();
      for (const name of entries) {
        if (name.startsWith(".")) continue;
        await walk(join(p, name), false);
      }
    } else if (st.isFile()) {
      const ext = extname(p).toLowerCase();
      if (SUPPORTED_EXTENSIONS.includes(ext)) files.push(p);
      else if (explicit) errors.push({ file: p, reason: `unsupported file type "${ext || "(none)"}"` });
    }
  };
  for (const p of paths) await walk(p, true);
  return { files, errors };
}

/** Assigns each file its id: the file name without extension, or its path when names collide. */
export function fileIds(files: string[]): Map<string, string> {
  const byName = new Map<string, string[]>();
  for (const f of files) {
    const name = basename(f, extname(f));
    byName.set(name, [...(byName.get(name) ?? []), f]);
  }
  const ids = new Map<string, string>();
  const cwd = process.cwd();
  for (const [name, group] of byName) {
    if (group.length === 1) {
      ids.set(group[0], name);
      continue;
    }
    for (const f of group) {
      const rel = relative(cwd, resolve(f));
      const noExt = rel.slice(0, rel.length - extname(rel).length);
      ids.set(
        f,
        noExt
          .split(sep)
          .join("/")
          .replace(/^(\.\.\/)+/, ""),
      );
    }
  }
  return ids;
}

/** Reads every supported file under `paths`, yielding documents and per-file/per-row errors. */
export async function* readPaths(paths: string[], opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const { files, errors } = await listInputFiles(paths);
  for (const error of errors) yield { ok: false, error };
  const ids = fileIds(files);
  for (const file of files) {
    yield* readFileItems(file, ids.get(file)!, opts);
  }
}

/** Reads one file (already known to exist) into documents. */
export async function* readFileItems(
  file: string,
  id: string,
  opts: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  const now = opts.now ?? new Date().toISOString();
  const fail = (reason: string, record?: number): ReadItem => ({
    ok: false,
    error: { file, record, reason },
  });
  let bytes: Buffer;
  try {
    const st = await stat(file);
    if (st.size > MAX_INPUT_BYTES) {
      yield fail(`file too large: ${st.size} bytes (limit ${MAX_INPUT_BYTES})`);
      return;
    }
    bytes = await readFile(file);
  } catch (e) {
    yield fail(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return;
  }
  if (bytes.length === 0) {
    yield fail("empty file");
    return;
  }
  const ext = extname(file).toLowerCase();
  const provenance = { kind: "file" as const, location: file, fetchedAt: now };
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  // UTF-16 files carry NUL bytes legitimately; their BOM tells them apart from binary data.
  const utf16 = (sniff[0] === 0xff && sniff[1] === 0xfe) || (sniff[0] === 0xfe && sniff[1] === 0xff);
  if (!utf16 && sniff.includes(0)) {
    yield fail("binary content (NUL bytes), not a text, HTML, JSON or CSV file");
    return;
  }
  const { text } = decodeBytes(bytes);
  if (text.trim() === "") {
    yield fail("no text content");
    return;
  }
  switch (ext) {
    case ".html":
    case ".htm":
      yield { ok: true, doc: { id, file, format: "html", content: text, provenance } };
      return;
    case ".md":
    case ".markdown":
      yield { ok: true, doc: { id, file, format: "markdown", content: text, provenance } };
      return;
    case ".txt":
      yield { ok: true, doc: { id, file, format: "text", content: text, provenance } };
      return;
    case ".json": {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        yield fail(`invalid JSON: ${(e as Error).message}`);
        return;
      }
      const records = Array.isArray(parsed) ? parsed : [parsed];
      const single = !Array.isArray(parsed);
      for (let i = 0; i < records.length; i++) {
        yield recordItem(
          records[i],
          file,
          single ? id : `${id}-${i + 1}`,
          single ? undefined : i + 1,
          provenance,
        );
      }
      return;
    }
    case ".jsonl":
    case ".ndjson": {
      const lines = text.split(/\r?\n/);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i].trim();
        if (line === "") continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch (e) {
          yield fail(`invalid JSON on line ${i + 1}: ${(e as Error).message}`, i + 1);
          continue;
        }
        yield recordItem(parsed, file, `${id}-${i + 1}`, i + 1, provenance);
      }
      return;
    }
    case ".csv": {
      let rows: string[][];
      try {
        rows = parseCsv(text, {
          relax_column_count: true,
          skip_empty_lines: true,
          bom: true,
          relax_quotes: true,
        });
      } catch (e) {
        yield fail(`invalid CSV: ${(e as Error).message}`);
        return;
      }
      if (rows.length < 2) {
        yield fail("CSV has no data rows (a header row and at least one row are needed)");
        return;
      }
      const header = rows[0].map((h) => h.trim());
      for (let r = 1; r < rows.length; r++) {
        const row = rows[r];
        if (row.length !== header.length) {
          yield fail(`CSV row ${r} has ${row.length} columns, the header has ${header.length}`, r);
          continue;
        }
        const obj: Record<string, unknown> = {};
        header.forEach((h, i) => {
          obj[h] = row[i];
        });
        yield recordItem(obj, file, `${id}-${r}`, r, provenance);
      }
      return;
    }
    default:
      yield fail(`unsupported file type "${ext}"`);
  }
}

function recordItem(
  value: unknown,
  file: string,
  fallbackId: string,
  record: number | undefined,
  provenance: RawDocument["provenance"],
): ReadItem {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, error: { file, record, reason: "record is not a JSON object" } };
  }
  const { id, fields } = mapRecord(value as Record<string, unknown>);
  if (!fields.text) {
    return {
      ok: false,
      error: { file, record, reason: "record has no text (expected a text, body or maintext field)" },
    };
  }
  return {
    ok: true,
    doc: {
      id: id ?? fallbackId,
      file,
      record,
      format: "record",
      content: fields.text,
      fields,
      provenance: { ...provenance, kind: "record" },
    },
  };
}
