/** The WARC reader on small archives written by the test (plain and gzip), through readInputs. */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { WARCRecord, WARCSerializer } from "warcio";
import { extract } from "../../src/extract/index.js";
import { ingestPaths } from "../../src/pipeline/ingest.js";
import type { ReadItem } from "../../src/read/files.js";
import { readInputs } from "../../src/read/inputs.js";
import { openStore } from "../../src/store/index.js";
import { articlePage } from "./server.js";

const enc = new TextEncoder();

function record(opts: Parameters<typeof WARCRecord.create>[0], body: string | Uint8Array): WARCRecord {
  const bytes = typeof body === "string" ? enc.encode(body) : body;
  return WARCRecord.create({ warcVersion: "WARC/1.1", ...opts }, [bytes]);
}

/** A chunked transfer encoding of `bytes`, in two chunks. */
function chunked(bytes: Uint8Array): Uint8Array {
  const half = Math.floor(bytes.length / 2);
  const parts = [bytes.subarray(0, half), bytes.subarray(half)];
  const out: Buffer[] = [];
  for (const p of parts)
    out.push(Buffer.from(`${p.length.toString(16)}\r\n`), Buffer.from(p), Buffer.from("\r\n"));
  out.push(Buffer.from("0\r\n\r\n"));
  return Buffer.concat(out);
}

async function archive(gzip: boolean): Promise<Buffer> {
  const pageA = articlePage("Archived story A", "A paragraph only the archive holds.");
  const records = [
    WARCRecord.createWARCInfo(
      { filename: "test.warc", warcVersion: "WARC/1.1" },
      { software: "storyline-test" },
    ),
    record(
      {
        url: "https://www.example.com/world/story-a",
        type: "request",
        date: "2021-06-01T08:00:00Z",
        statusline: "GET /world/story-a HTTP/1.1",
        httpHeaders: { Host: "www.example.com" },
      },
      "",
    ),
    // HTML, gzip-encoded and sent chunked: the reader must undo both.
    record(
      {
        url: "https://www.example.com/world/story-a",
        type: "response",
        date: "2021-06-01T08:00:01Z",
        statusline: "HTTP/1.1 200 OK",
        httpHeaders: {
          "Content-Type": "text/html; charset=utf-8",
          "Content-Encoding": "gzip",
          "Transfer-Encoding": "chunked",
        },
      },
      chunked(gzipSync(Buffer.from(pageA))),
    ),
    record(
      {
        url: "https://www.example.com/logo.png",
        type: "response",
        date: "2021-06-01T08:00:02Z",
        statusline: "HTTP/1.1 200 OK",
        httpHeaders: { "Content-Type": "image/png" },
      },
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    ),
    record(
      {
        url: "https://www.example.com/gone",
        type: "response",
        date: "2021-06-01T08:00:03Z",
        statusline: "HTTP/1.1 404 Not Found",
        httpHeaders: { "Content-Type": "text/html" },
      },
      "<html><body><p>Not found</p></body></html>",
    ),
    record(
      { url: "https://news.example.org/2021/06/story-b", type: "resource", date: "2021-06-02T09:30:00Z" },
      articlePage("Archived story B", "A resource record with an HTML page."),
    ),
  ];
  // Resource records carry their type in the WARC header.
  records[5].warcHeaders.headers.set("Content-Type", "text/html; charset=utf-8");
  const parts: Uint8Array[] = [];
  for (const r of records) parts.push(await WARCSerializer.serialize(r, { gzip }));
  return Buffer.concat(parts);
}

let dir: string;
let plain: Buffer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "sl-warc-"));
  plain = await archive(false);
  writeFileSync(join(dir, "crawl.warc"), plain);
  mkdirSync(join(dir, "folder"));
  writeFileSync(join(dir, "folder", "crawl.warc.gz"), await archive(true));
  writeFileSync(join(dir, "folder", "note.txt"), "A note\nWith a body line that is long enough to count.");
});

async function collect(inputs: string[]): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readInputs(inputs)) out.push(item);
  return out;
}

for (const [name, path] of [
  ["plain .warc", "crawl.warc"],
  ["gzip .warc.gz", "folder/crawl.warc.gz"],
] as const) {
  test(`${name}: HTML response and resource records become documents with WARC provenance`, async () => {
    const items = await collect([join(dir, path)]);
    assert.deepEqual(
      items.filter((i) => !i.ok),
      [],
    );
    const docs = items.flatMap((i) => (i.ok ? [i.doc] : []));
    assert.deepEqual(
      docs.map((d) => d.id),
      ["example.com/world/story-a", "news.example.org/2021/06/story-b"],
    );
    const [a, b] = docs;
    assert.equal(a.record, 3);
    assert.deepEqual(a.provenance, {
      kind: "warc",
      location: join(dir, path),
      fetchedAt: "2021-06-01T08:00:01.000Z",
      targetUri: "https://www.example.com/world/story-a",
    });
    assert.equal(b.provenance.fetchedAt, "2021-06-02T09:30:00.000Z");
    const article = extract(a);
    assert.equal(article.title, "Archived story A");
    assert.ok(article.paragraphs.some((p) => p.includes("A paragraph only the archive holds.")));
    assert.equal(article.url, "https://www.example.com/world/story-a");
  });
}

test("a folder: WARC archives inside are read along with the other files", async () => {
  const items = await collect([join(dir, "folder")]);
  const ids = items.flatMap((i) => (i.ok ? [i.doc.id] : []));
  assert.deepEqual(ids.sort(), ["example.com/world/story-a", "news.example.org/2021/06/story-b", "note"]);
});

test("a truncated or bogus archive is a clear error; records before the damage are kept", async () => {
  // Cut inside the last record's payload.
  writeFileSync(join(dir, "cut.warc"), plain.subarray(0, plain.length - 200));
  writeFileSync(join(dir, "bogus.warc"), "this is not a WARC file at all\r\n\r\n");
  writeFileSync(join(dir, "empty.warc.gz"), "");
  const items = await collect([join(dir, "cut.warc"), join(dir, "bogus.warc"), join(dir, "empty.warc.gz")]);
  const errs = items.flatMap((i) => (i.ok ? [] : [i.error]));
  const docs = items.flatMap((i) => (i.ok ? [i.doc] : []));
  assert.ok(
    docs.some((d) => d.id === "example.com/world/story-a"),
    "the first page survives",
  );
  assert.ok(!docs.some((d) => d.id === "news.example.org/2021/06/story-b"), "the cut page is not taken");
  const reason = (f: string) => errs.find((e) => e.file.endsWith(f))?.reason ?? "";
  assert.match(reason("cut.warc"), /story-b: record truncated \(\d+ bytes missing\)/);
  assert.equal(errs.find((e) => e.file.endsWith("cut.warc"))?.record, 6);
  assert.match(reason("bogus.warc"), /not a WARC archive \(starts with "this is not a WARC file/);
  assert.ok(errs.some((e) => e.file.endsWith("empty.warc.gz") && /empty file/.test(e.reason)));
  for (const e of errs) assert.ok(e.reason.length > 5);
});

test("ingest a WARC through the library: articles stored with capture provenance", async () => {
  const store = await openStore(join(dir, "s.db"));
  try {
    const summary = await ingestPaths(store, [join(dir, "crawl.warc")]);
    assert.deepEqual(summary.added.sort(), ["example.com/world/story-a", "news.example.org/2021/06/story-b"]);
    const a = await store.getArticle("example.com/world/story-a");
    assert.equal(a?.provenance.kind, "warc");
    assert.equal(a?.provenance.targetUri, "https://www.example.com/world/story-a");
    assert.equal(a?.provenance.fetchedAt, "2021-06-01T08:00:01.000Z");
  } finally {
    await store.close();
  }
});
