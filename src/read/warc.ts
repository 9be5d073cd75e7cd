/**
 * WARC archives (`.warc`, `.warc.gz`), read with webrecorder's `warcio`. Each `response` record with
 * a 2xx HTML (or plain-text) payload becomes a raw document, and so does each HTML `resource` record.
 * warcio strips the HTTP headers and undoes chunked transfer and gzip/deflate/brotli content
 * encodings. The record's target URI and WARC-Date are kept as provenance, and the document id comes
 * from the target URI (as for a live fetch), so a capture and a later fetch of the same page are
 * versions of one article.
 *
 * Other records (requests, metadata, revisits, images, scripts, redirects, 404s) are skipped: a crawl
 * holds many of them and none is an article. A corrupt or truncated archive yields an error naming the
 * record where reading stopped; the records before it are kept.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { LimitReader, WARCParser } from "warcio";
import { decodeBytes } from "../extract/charset.js";
import type { ReadItem } from "./files.js";
import { urlDocumentId } from "./web/url-id.js";

/** Largest payload taken from one record, bytes. Same reasoning as the fetcher's cap: news pages are
 * rarely above 3 MB, and a crawl's huge records are media, not articles. */
export const MAX_WARC_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** True for a path naming a WARC archive. */
export function isWarcPath(path: string): boolean {
  return /\.warc(?:\.gz)?$/i.test(path);
}

function payloadKind(contentType: string | null | undefined): "html" | "text" | null {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "text/html" || type === "application/xhtml+xml") return "html";
  if (type === "text/plain") return "text";
  return null;
}

/** Reads the article pages of a WARC archive; see the module comment. */
export async function* readWarc(file: string, opts: { now?: string } = {}): AsyncGenerator<ReadItem> {
  const fail = (reason: string, record?: number): ReadItem => ({
    ok: false,
    error: { file, record, reason },
  });
  let problem: string | null = null;
  try {
    const st = await stat(file);
    if (!st.isFile()) problem = "not a file";
    else if (st.size === 0) problem = "empty file";
  } catch (e) {
    problem = `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  if (problem) {
    yield fail(problem);
    return;
  }
  const stream = createReadStream(file);
  let n = 0;
  let pages = 0;
  try {
    for await (const record of WARCParser.iterRecords(stream)) {
      n++;
      const first = record.warcHeaders.statusline;
      if (!first.startsWith("WARC/")) {
        const line = JSON.stringify(first.slice(0, 40));
        yield fail(
          n === 1
            ? `not a WARC archive (starts with ${line})`
            : `record ${n} is not a WARC record (${line}); reading stopped`,
          n === 1 ? undefined : n,
        );
        return;
      }
      const type = record.warcType;
      if (type !== "response" && type !== "resource") continue;
      let contentType: string | null | undefined;
      if (type === "response") {
        const status = Number(record.httpHeaders?.statusCode);
        if (!(status >= 200 && status < 300)) continue;
        contentType = record.httpHeaders?.headers.get("content-type");
      } else contentType = record.warcContentType;
      const kind = payloadKind(contentType);
      if (!kind) continue;
      const target = record.warcTargetURI ?? null;
      if (!target) {
        yield fail("record has no WARC-Target-URI", n);
        continue;
      }
      if (record.warcContentLength > MAX_WARC_PAYLOAD_BYTES) {
        yield fail(`${target}: payload of ${record.warcContentLength} bytes exceeds the limit`, n);
        continue;
      }
      let payload: Uint8Array;
      try {
        // Raw first, to see whether the archive holds the whole record, then decoded.
        const limiter = record.reader instanceof LimitReader ? record.reader : null;
        await record.readFully(false);
        if (limiter && limiter.limit > 0) {
          yield fail(`${target}: record truncated (${limiter.limit} bytes missing); archive ends early`, n);
          return;
        }
        payload = await record.readFully(true);
      } catch (e) {
        yield fail(`${target}: cannot decode the payload (${(e as Error).message})`, n);
        continue;
      }
      const { text } = decodeBytes(payload, contentType ?? undefined);
      if (text.trim() === "") {
        yield fail(`${target}: empty payload`, n);
        continue;
      }
      let id: string;
      try {
        id = urlDocumentId(target);
      } catch {
        yield fail(`invalid WARC-Target-URI "${target}"`, n);
        continue;
      }
      const date = record.warcDate ? new Date(record.warcDate) : null;
      pages++;
      yield {
        ok: true,
        doc: {
          id,
          file,
          record: n,
          format: kind,
          content: text,
          provenance: {
            kind: "warc",
            location: file,
            // WARC-Date is mandatory; an archive without it gets the ingestion time.
            fetchedAt:
              date && !Number.isNaN(date.getTime())
                ? date.toISOString()
                : (opts.now ?? new Date().toISOString()),
            targetUri: target,
          },
        },
      };
    }
  } catch (e) {
    yield fail(
      `${n === 0 ? "not a WARC archive" : `reading stopped after record ${n}`}: ${(e as Error).message}`,
      n > 0 ? n + 1 : undefined,
    );
    return;
  } finally {
    stream.destroy();
  }
  if (pages === 0 && n > 0) yield fail(`no HTML or text response records among ${n} records`);
}
