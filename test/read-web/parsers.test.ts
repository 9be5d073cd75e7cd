/** Pure parts of the web readers: URL ids, feed and sitemap parsing, content sniffing, intervals. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { looksLikeFeed, parseFeedText } from "../../src/read/web/feeds.js";
import type { FetchResponse } from "../../src/read/web/fetcher.js";
import { decodeBody } from "../../src/read/web/read.js";
import { parseSince, parseSitemap } from "../../src/read/web/sitemap.js";
import { normaliseUrl, urlDocumentId } from "../../src/read/web/url-id.js";
import { formatInterval, parseInterval } from "../../src/read/web/watch.js";
import { fixture } from "./server.js";

test("URL ids: readable, stable across tracking parameters, scheme, www and fragments", () => {
  const id = urlDocumentId("https://www.Example.com/world/2018/07/assad-says/?utm_source=rss#comments");
  assert.equal(id, "example.com/world/2018/07/assad-says");
  assert.equal(urlDocumentId("http://example.com/world/2018/07/assad-says"), id);
  // Query strings select content: they stay apart, via a hash suffix.
  const a = urlDocumentId("https://example.com/article.php?id=1");
  const b = urlDocumentId("https://example.com/article.php?id=2");
  assert.notEqual(a, b);
  assert.match(a, /^example\.com\/article\.php-[0-9a-f]{8}$/);
  assert.equal(urlDocumentId("https://example.com/article.php?id=1&utm_medium=x"), a);
  // Case matters in paths: lossy slugs get a hash so /A and /a differ.
  assert.notEqual(urlDocumentId("https://example.com/A"), urlDocumentId("https://example.com/a"));
  // Long paths are cut and hashed.
  const long = urlDocumentId(`https://example.com/${"x".repeat(300)}`);
  assert.ok(long.length <= 110);
  assert.equal(normaliseUrl("https://e.com/p?b=2&a=1&fbclid=z#f"), "https://e.com/p?a=1&b=2");
});

test("feeds: RSS guid links, Atom relative links, JSON Feed ids; bad input is a clear error", () => {
  const rss = parseFeedText(fixture("rss.xml", { BASE: "https://n.example" }));
  assert.equal(rss.format, "rss");
  assert.deepEqual(
    rss.items.map((i) => [i.key, i.link]),
    [
      ["rss-1", "https://n.example/news/rss-one"],
      ["rss-2", "https://n.example/news/rss-two"],
    ],
  );
  const atom = parseFeedText(fixture("atom.xml"), "https://a.example/feeds/atom.xml");
  assert.deepEqual(atom.items[0], {
    key: "urn:example:atom:1",
    link: "https://a.example/news/atom-one",
    title: "Atom one",
    published: "2024-03-05T12:00:00Z",
  });
  const json = parseFeedText(fixture("feed.json", { BASE: "https://j.example" }));
  assert.equal(json.format, "json");
  assert.equal(json.items[0].key, "json-1");
  const permalink = parseFeedText(
    `<rss version="2.0"><channel><title>t</title><item><guid>https://g.example/a</guid><title>x</title></item></channel></rss>`,
  );
  assert.equal(permalink.items[0].link, "https://g.example/a");
  assert.throws(() => parseFeedText("<html><body>hi</body></html>"), /not a valid RSS, Atom or JSON feed/);
  assert.ok(looksLikeFeed('<?xml version="1.0"?><rss version="2.0">'));
  assert.ok(!looksLikeFeed("<html>"));
});

test("sitemaps: urlset and index, lastmod and news dates; --since parsing", () => {
  const set = parseSitemap(
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://s.example/a</loc><lastmod>2024-05-01</lastmod></url>
      <url><loc> https://s.example/b </loc><news:news><news:publication_date>2024-05-02T10:00:00+02:00</news:publication_date></news:news></url>
      <url><loc>https://s.example/c</loc></url>
    </urlset>`,
  );
  assert.equal(set.kind, "urlset");
  assert.deepEqual(
    set.entries.map((e) => [e.loc, e.date?.toISOString() ?? null]),
    [
      ["https://s.example/a", "2024-05-01T00:00:00.000Z"],
      ["https://s.example/b", "2024-05-02T08:00:00.000Z"],
      ["https://s.example/c", null],
    ],
  );
  const index = parseSitemap(
    "<sitemapindex><sitemap><loc>https://s.example/s1.xml</loc></sitemap></sitemapindex>",
  );
  assert.equal(index.kind, "index");
  assert.throws(() => parseSitemap("<rss></rss>"), /not a sitemap/);
  assert.equal(parseSince("2024-01-02")?.toISOString(), "2024-01-02T00:00:00.000Z");
  assert.equal(parseSince("last week"), null);
});

test("content sniffing: Content-Type first, then the first bytes", () => {
  const res = (body: string | Buffer, contentType: string | null): FetchResponse => ({
    status: "ok",
    url: "https://x.example/",
    finalUrl: "https://x.example/",
    httpStatus: 200,
    contentType,
    bytes: Buffer.from(body),
    fetchedAt: "2024-01-01T00:00:00Z",
    validators: null,
  });
  const kind = (body: string | Buffer, type: string | null) => {
    const b = decodeBody(res(body, type), 1e6);
    return typeof b === "string" ? b : b.kind;
  };
  assert.equal(kind("<html><body><p>x</p></body></html>", "text/html"), "html");
  assert.equal(kind('<?xml version="1.0"?><rss version="2.0"></rss>', "text/html"), "feed");
  assert.equal(kind('<?xml version="1.0"?><urlset></urlset>', "application/xml"), "sitemap");
  assert.equal(kind('{"version":"https://jsonfeed.org/version/1.1","items":[]}', "application/json"), "feed");
  assert.equal(kind("<!doctype html><html></html>", null), "html");
  assert.equal(kind("just words", "text/plain"), "text");
  assert.equal(kind("%PDF", "application/pdf"), 'unsupported content type "application/pdf"');
  assert.equal(kind("", "text/html"), "empty response");
  assert.equal(
    kind(gzipSync(Buffer.from('<?xml version="1.0"?><urlset></urlset>')), "application/x-gzip"),
    "sitemap",
  );
});

test("watch intervals", () => {
  assert.equal(parseInterval("30s"), 30_000);
  assert.equal(parseInterval("5m"), 300_000);
  assert.equal(parseInterval("1h"), 3_600_000);
  assert.equal(parseInterval("1h30m"), 5_400_000);
  assert.equal(parseInterval("90"), 90_000);
  assert.equal(parseInterval("1s"), null, "below the minimum");
  assert.equal(parseInterval("soon"), null);
  assert.equal(formatInterval(5_400_000), "1h30m");
  assert.equal(formatInterval(900_000), "15m");
});
