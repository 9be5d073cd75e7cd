import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { type ReadItem, readPaths } from "../../src/read/files.js";

async function collect(paths: string[]): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readPaths(paths)) out.push(item);
  return out;
}

function dir(files: Record<string, string | Buffer>): string {
  const d = mkdtempSync(join(tmpdir(), "sl-read-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(d, name, ".."), { recursive: true });
    writeFileSync(join(d, name), content);
  }
  return d;
}

test("reads every supported format recursively and maps record synonyms", async () => {
  const d = dir({
    "a.txt": "Title line here\nBody sentence one is here.",
    "sub/b.md": "# Heading\n\nBody.",
    "c.html": "<html><head><title>T</title></head><body><p>Hello world.</p></body></html>",
    "d.json": JSON.stringify({
      id: "ext-1",
      maintext: "Body text.",
      source_domain: "example.com",
      date_publish: "2020-01-02 10:00:00",
      authors: ["A", "B"],
    }),
    "e.json": JSON.stringify([{ body: "One." }, { text: "Two.", publisher: "Reuters" }]),
    "f.jsonl": '{"id":"j1","text":"x."}\n{"id":"j2","content":"y."}\n',
    "g.csv": 'id,publisher,scrape_time,text\nc1,P,2020-01-01,"Para one.###Para two."\n',
    "ignored.bin": "zzz",
  });
  const items = await collect([d]);
  const docs = items.filter((i) => i.ok).map((i) => (i as Extract<ReadItem, { ok: true }>).doc);
  assert.equal(
    items.filter((i) => !i.ok).length,
    0,
    "unsupported files inside a folder are skipped silently",
  );
  const byId = new Map(docs.map((doc) => [doc.id, doc]));
  assert.deepEqual([...byId.keys()].sort(), ["a", "b", "c", "c1", "e-1", "e-2", "ext-1", "j1", "j2"]);
  assert.equal(byId.get("a")?.format, "text");
  assert.equal(byId.get("b")?.format, "markdown");
  assert.equal(byId.get("c")?.format, "html");
  const rec = byId.get("ext-1")!;
  assert.equal(rec.fields?.outlet, "example.com");
  assert.equal(rec.fields?.published, "2020-01-02 10:00:00");
  assert.equal(rec.fields?.byline, "A, B");
  assert.equal(byId.get("e-2")?.fields?.outlet, "Reuters");
  assert.equal(byId.get("c1")?.fields?.published, "2020-01-01");
});

test("colliding file names are disambiguated by path", async () => {
  const d = dir({ "x/story.txt": "One.", "y/story.txt": "Two." });
  const ids = (await collect([d]))
    .filter((i) => i.ok)
    .map((i) => (i as Extract<ReadItem, { ok: true }>).doc.id);
  assert.equal(ids.length, 2);
  assert.ok(ids.every((id) => id.endsWith("/story")));
  assert.notEqual(ids[0], ids[1]);
});

test("bad inputs get errors naming the file and row, the rest continues", async () => {
  const d = dir({
    "empty.txt": "",
    "binary.txt": Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02, 0x00]),
    "bad.json": "{ not json",
    "rows.csv": "id,text,outlet\nr1,Good row.,X\nr2,missing\nr3,Fine too.,Y\n",
    "lines.jsonl": '{"id":"ok","text":"fine."}\n{broken\n{"id":"notext"}\n',
    "good.txt": "A good article line.",
  });
  const items = await collect([d, join(d, "does-not-exist.txt")]);
  const errors = items.filter((i) => !i.ok).map((i) => (i as Extract<ReadItem, { ok: false }>).error);
  const find = (file: string, record?: number) =>
    errors.find((e) => e.file.endsWith(file) && (record === undefined || e.record === record));
  assert.match(find("empty.txt")!.reason, /empty/);
  assert.match(find("binary.txt")!.reason, /binary/);
  assert.match(find("bad.json")!.reason, /invalid JSON/);
  assert.match(find("rows.csv", 2)!.reason, /2 columns, the header has 3/);
  assert.match(find("lines.jsonl", 2)!.reason, /invalid JSON on line 2/);
  assert.match(find("lines.jsonl", 3)!.reason, /no text/);
  assert.match(find("does-not-exist.txt")!.reason, /cannot read: ENOENT/);
  const ok = items
    .filter((i) => i.ok)
    .map((i) => (i as Extract<ReadItem, { ok: true }>).doc.id)
    .sort();
  assert.deepEqual(ok, ["good", "ok", "r1", "r3"]);
});
