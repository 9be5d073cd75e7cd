/** readInputs over the web: pages, feeds (RSS, Atom, JSON Feed), sitemaps, URL lists, conditional GET,
 * charset from the HTTP header, and ingesting a page that changes between fetches. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import iconv from "iconv-lite";
import { extract } from "../../src/extract/index.js";
import { ingestPaths } from "../../src/pipeline/ingest.js";
import type { ReadItem } from "../../src/read/files.js";
import { type InputOptions, readInputs } from "../../src/read/inputs.js";
import { addFeed, listFeeds, removeFeed } from "../../src/read/web/feeds.js";
import { openStore, type Store } from "../../src/store/index.js";
import { articlePage, fixture, type Handler, send, startServer, type TestServer } from "./server.js";

const FAST: InputOptions["fetch"] = { timeoutMs: 1000, backoffMs: 5, retries: 1 };

let srv: TestServer;
let version = 1;

before(async () => {
  srv = await startServer();
  const base = srv.base;
  Object.assign(srv.routes, {
    "/robots.txt": send("User-agent: *\nDisallow: /private/\n", "text/plain"),
    "/rss.xml": send(fixture("rss.xml", { BASE: base }), "application/rss+xml"),
    "/atom.xml": send(fixture("atom.xml", { BASE: base }), "application/atom+xml"),
    "/feed.json": send(fixture("feed.json", { BASE: base }), "application/feed+json"),
    // A feed served with a generic type is recognised by its content.
    "/feed-as-xml": send(fixture("rss.xml", { BASE: base }), "text/xml"),
    "/news/rss-one": send(articlePage("RSS one", "First item of the RSS feed.")),
    "/news/rss-two": send(articlePage("RSS two", "Second item of the RSS feed.")),
    "/news/atom-one": send(articlePage("Atom one", "Only entry of the Atom feed.")),
    "/news/json-one": send(articlePage("JSON one", "Only item of the JSON feed.")),
    "/private/page": send(articlePage("Private", "Forbidden by robots.txt.")),
    "/doc.pdf": send(Buffer.from("%PDF-1.4 fake"), "application/pdf"),
    "/broken": (_req, res) => {
      res.writeHead(500);
      res.end();
    },
    "/cp1251": send(
      iconv.encode(
        '<html><head><meta charset="utf-8"><title>Россия</title></head><body><article><h1>Россия и Сирия</h1>' +
          "<p>Президент заявил во вторник, что военное присутствие сохранится на долгие годы вперёд.</p>" +
          "<p>Об этом сообщило агентство в своём официальном заявлении для прессы в среду.</p></article></body></html>",
        "windows-1251",
      ),
      "text/html; charset=windows-1251",
    ),
    "/changing": (req, res) => {
      const etag = `"v${version}"`;
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", etag });
      res.end(
        articlePage(
          "Council approves water plan",
          version === 1
            ? "The plan will cost 40 million euros, the council said."
            : "The plan will cost 55 million euros, the council said on Wednesday.",
        ),
      );
    },
    "/sitemap-index.xml": send(
      `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>${base}/sitemap-new.xml</loc><lastmod>2024-03-01</lastmod></sitemap>
        <sitemap><loc>${base}/sitemap-old.xml</loc><lastmod>2019-01-01</lastmod></sitemap>
      </sitemapindex>`,
      "application/xml",
    ),
    "/sitemap-new.xml": send(
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
         xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
        <url><loc>${base}/news/rss-one</loc><lastmod>2024-03-05T10:00:00Z</lastmod></url>
        <url><loc>${base}/news/rss-two</loc><lastmod>2023-12-31</lastmod></url>
        <url><loc>${base}/news/atom-one</loc><news:news><news:publication_date>2024-03-04</news:publication_date></news:news></url>
        <url><loc>${base}/news/json-one</loc></url>
      </urlset>`,
      "application/xml",
    ),
    "/sitemap-old.xml": send(
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/news/old</loc></url></urlset>`,
      "application/xml",
    ),
  } satisfies Record<string, Handler>);
});

after(() => srv.close());

async function collect(inputs: string[], opts: InputOptions = {}): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readInputs(inputs, { fetch: FAST, ...opts })) out.push(item);
  return out;
}

const docs = (items: ReadItem[]) => items.flatMap((i) => (i.ok ? [i.doc] : []));
const errors = (items: ReadItem[]) => items.flatMap((i) => (i.ok ? [] : [i.error]));

function tempStore(): Promise<Store> {
  return openStore(join(mkdtempSync(join(tmpdir(), "sl-web-")), "s.db"));
}

test("a page URL becomes an HTML document with url provenance and a stable id", async () => {
  const items = await collect([`${srv.base}/news/rss-one?utm_source=x`]);
  const [doc] = docs(items);
  assert.equal(errors(items).length, 0);
  assert.equal(doc.format, "html");
  assert.equal(doc.id, "127.0.0.1/news/rss-one");
  assert.equal(doc.provenance.kind, "url");
  assert.equal(doc.provenance.location, `${srv.base}/news/rss-one?utm_source=x`);
  assert.ok(!Number.isNaN(Date.parse(doc.provenance.fetchedAt)));
  const a = extract(doc);
  assert.equal(a.title, "RSS one");
  assert.ok(a.paragraphs.some((p) => p.includes("First item of the RSS feed.")));
});

test("RSS, Atom and JSON feeds: every item is fetched, with feed provenance", async () => {
  for (const [path, titles] of [
    ["/rss.xml", ["RSS one", "RSS two"]],
    ["/atom.xml", ["Atom one"]],
    ["/feed.json", ["JSON one"]],
    ["/feed-as-xml", ["RSS one", "RSS two"]],
  ] as const) {
    const items = await collect([`${srv.base}${path}`]);
    assert.deepEqual(errors(items), [], path);
    const ds = docs(items);
    assert.deepEqual(ds.map((d) => extract(d).title).sort(), [...titles].sort(), path);
    for (const d of ds) {
      assert.equal(d.provenance.kind, "feed");
      assert.equal(d.provenance.location, `${srv.base}${path}`);
      assert.match(d.provenance.targetUri!, /\/news\//);
    }
  }
});

test("watch mode: a feed's items are taken once; the feed itself is fetched conditionally", async () => {
  const store = await tempStore();
  try {
    const first = await collect([`${srv.base}/rss.xml`], { store, newFeedItemsOnly: true });
    assert.equal(docs(first).length, 2);
    const second = await collect([`${srv.base}/rss.xml`], { store, newFeedItemsOnly: true });
    assert.equal(second.length, 0);
    // Without newFeedItemsOnly every item is read again (conditionally: no validators here).
    const third = await collect([`${srv.base}/rss.xml`], { store });
    assert.equal(docs(third).length, 2);
  } finally {
    await store.close();
  }
});

test("bad inputs get clear errors and the rest continues", async () => {
  const items = await collect([
    `${srv.base}/private/page`,
    `${srv.base}/doc.pdf`,
    `${srv.base}/missing`,
    `${srv.base}/broken`,
    `${srv.base}/news/rss-two`,
  ]);
  const byFile = new Map(errors(items).map((e) => [e.file.replace(srv.base, ""), e.reason]));
  assert.match(byFile.get("/private/page")!, /robots\.txt .*disallows \/private\/page/);
  assert.match(byFile.get("/doc.pdf")!, /unsupported content type "application\/pdf"/);
  assert.match(byFile.get("/missing")!, /HTTP 404/);
  assert.match(byFile.get("/broken")!, /HTTP 500 .*after 2 attempts/);
  assert.equal(docs(items).length, 1);
});

test("the HTTP charset header feeds the decoder", async () => {
  const [doc] = docs(await collect([`${srv.base}/cp1251`]));
  assert.ok(doc.content.includes("Президент заявил"), doc.content.slice(0, 200));
});

test("sitemap index and urlset, filtered by --since", async () => {
  const all = await collect([], { sitemaps: [`${srv.base}/sitemap-index.xml`] });
  assert.equal(docs(all).length, 4 + 0, "four pages in the new sitemap");
  assert.deepEqual(
    errors(all).map((e) => e.file.replace(srv.base, "")),
    ["/news/old"],
    "the old sitemap's page is missing on the server",
  );
  const since = await collect([], { sitemaps: [`${srv.base}/sitemap-index.xml`], since: "2024-01-01" });
  assert.deepEqual(
    docs(since)
      .map((d) => d.id)
      .sort(),
    ["127.0.0.1/news/atom-one", "127.0.0.1/news/rss-one"],
  );
  assert.equal(errors(since).length, 0, "the old sitemap was not even read");
  assert.equal(srv.hits.get("/sitemap-old.xml"), 1);
  const bad = await collect([], { sitemaps: [`${srv.base}/sitemap-index.xml`], since: "last week" });
  assert.match(errors(bad)[0].reason, /not a date/);
});

test("a URL list file: comments and blank lines skipped, bad lines reported", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sl-urls-"));
  const list = join(dir, "urls.txt");
  writeFileSync(
    list,
    `# my list\n\n${srv.base}/news/rss-one\nnot a url\n${srv.base}/news/atom-one  # inline\n`,
  );
  const items = await collect([], { urlLists: [list] });
  assert.equal(docs(items).length, 2);
  assert.deepEqual(
    errors(items).map((e) => [e.record, e.reason]),
    [[4, 'line 4 is not an http(s) URL: "not a url"']],
  );
  const missing = await collect([], { urlLists: [join(dir, "nope.txt")] });
  assert.match(errors(missing)[0].reason, /cannot read URL list: ENOENT/);
});

test("ingest twice through the library: a changed page becomes a new version; 304 is unchanged", async () => {
  const store = await tempStore();
  try {
    const url = `${srv.base}/changing`;
    version = 1;
    const first = await ingestPaths(store, [url]);
    assert.deepEqual(first.added, ["127.0.0.1/changing"]);
    assert.deepEqual(first.failed, []);
    version = 2;
    const second = await ingestPaths(store, [url]);
    assert.deepEqual(second.newVersions, ["127.0.0.1/changing"]);
    const versions = await store.listVersions("127.0.0.1/changing");
    assert.equal(versions.length, 2);
    const v1 = await store.getArticle("127.0.0.1/changing", 1);
    const v2 = await store.getArticle("127.0.0.1/changing", 2);
    assert.ok(v1!.paragraphs.join(" ").includes("40 million"));
    assert.ok(v2!.paragraphs.join(" ").includes("55 million"));
    assert.equal(v2!.provenance.kind, "url");
    // Third fetch: the stored ETag is sent, the server answers 304, nothing changes and nothing fails.
    const unchanged: string[] = [];
    const items = await collect([url], { store, onNotModified: (_u, id) => unchanged.push(id) });
    assert.deepEqual(items, []);
    assert.deepEqual(unchanged, ["127.0.0.1/changing"]);
    assert.equal(srv.log.filter((l) => l.path === "/changing").at(-1)?.headers["if-none-match"], '"v2"');
    const third = await ingestPaths(store, [url]);
    assert.deepEqual([third.added, third.newVersions, third.failed], [[], [], []]);
    assert.equal((await store.listVersions("127.0.0.1/changing")).length, 2);
  } finally {
    await store.close();
  }
});

test("the feed list in the store: add once, list, remove", async () => {
  const store = await tempStore();
  try {
    assert.equal(await addFeed(store, "https://f.example/rss.xml", { title: "F" }), true);
    assert.equal(await addFeed(store, "https://f.example/rss.xml"), false);
    await assert.rejects(addFeed(store, "f.example/rss.xml"), /not an http\(s\) URL/);
    assert.deepEqual(
      (await listFeeds(store)).map((f) => [f.url, f.title]),
      [["https://f.example/rss.xml", "F"]],
    );
    assert.equal(await removeFeed(store, "https://f.example/rss.xml"), true);
    assert.equal(await removeFeed(store, "https://f.example/rss.xml"), false);
    assert.deepEqual(await listFeeds(store), []);
  } finally {
    await store.close();
  }
});

test("stopping (abort) yields nothing further and reports no errors", async () => {
  const stop = new AbortController();
  stop.abort();
  const items = await collect([`${srv.base}/rss.xml`, `${srv.base}/news/rss-one`], { signal: stop.signal });
  assert.deepEqual(items, []);
});
