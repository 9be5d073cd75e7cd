/**
 * Bad input never crashes extraction: it returns empty paragraphs and a message, or a usable
 * partial result. Each case is built here (no large files in the repo).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeBytes } from "../../src/extract/charset.js";
import { extractHtml } from "../../src/extract/html/index.js";

const PARA =
  "The regional parliament met on Thursday to debate the water supply bill, which would require every town to publish monthly quality reports and fund new treatment plants.";

function page(body: string): string {
  return `<!DOCTYPE html><html><head><title>Water bill debated</title></head><body>${body}</body></html>`;
}

test("truncated HTML keeps the text read so far", () => {
  const full = page(`<article><p>${PARA}</p><p>${PARA.replace("Thursday", "Friday")}</p><p>Second part`);
  const cut = full.slice(0, full.length - 30);
  const r = extractHtml(cut);
  assert.ok(r.paragraphs.length >= 2, `got ${JSON.stringify(r.paragraphs)}`);
  assert.equal(r.paragraphs[0], PARA);
});

test("unclosed tags and stray end tags", () => {
  const r = extractHtml(`<div><p>${PARA}<div><span>${PARA}</div></div></div></div></p></table><p>${PARA}`);
  assert.equal(r.paragraphs.length, 3);
});

test("10,000-deep nesting does not overflow the stack", () => {
  const depth = 10_000;
  const html = page(`${"<div>".repeat(depth)}<p>${PARA}</p><p>${PARA}</p>${"</div>".repeat(depth)}`);
  const r = extractHtml(html);
  assert.deepEqual(r.paragraphs, [PARA, PARA]);
});

test("100,000-deep unclosed nesting of inline elements", () => {
  const html = page(`<p>${PARA}</p>${"<span><b>".repeat(50_000)}${PARA}`);
  const r = extractHtml(html);
  assert.ok(r.paragraphs.includes(PARA));
});

test("a 50 MB page is read within the size cap, with a message", () => {
  const filler = `<div class="row"><a href="/x">link</a> ${"word ".repeat(20)}</div>\n`;
  const body = `<article><p>${PARA}</p><p>${PARA}</p></article>${filler.repeat(Math.ceil(50_000_000 / filler.length))}`;
  const html = page(body);
  assert.ok(html.length >= 50_000_000);
  const r = extractHtml(html);
  assert.ok(r.messages.some((m) => /only the first/.test(m.reason)));
  assert.ok(Array.isArray(r.paragraphs));
});

test("binary bytes give an empty result and a fatal message", () => {
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  const { text } = decodeBytes(bytes);
  const r = extractHtml(text);
  assert.deepEqual(r.paragraphs, []);
  assert.ok(r.messages.some((m) => m.fatal && /binary/.test(m.reason)));
});

test("invalid UTF-8 in a UTF-8 page decodes with replacement characters, not an exception", () => {
  // A UTF-8 page (many multi-byte characters) with one broken sequence, declared nowhere.
  const html = Buffer.from(page(`<p>${PARA}</p><p>${"“café” ".repeat(10)}${PARA}</p>`), "utf8");
  const broken = Buffer.concat([html.subarray(0, 120), Buffer.from([0xc3, 0x28, 0xff]), html.subarray(120)]);
  const { text, charset } = decodeBytes(broken);
  assert.equal(charset, "utf-8");
  const r = extractHtml(text);
  assert.ok(r.paragraphs.some((p) => p.includes("café")));
});

test("a page with no text gives empty paragraphs and a message", () => {
  for (const html of ["", "<html><body></body></html>", page("<img src=a.png><script>var x = 1;</script>")]) {
    const r = extractHtml(html);
    assert.deepEqual(r.paragraphs, []);
    assert.ok(r.messages.some((m) => m.reason === "no article text found"));
    assert.equal(r.dateSource, "undated");
  }
});

test("non-string input is reported, not thrown", () => {
  const r = extractHtml(undefined as unknown as string);
  assert.ok(r.messages.some((m) => m.fatal));
});

test("malformed JSON-LD is ignored", () => {
  const html = `<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "X",</script></head><body><p>${PARA}</p></body></html>`;
  const r = extractHtml(html);
  assert.deepEqual(r.paragraphs, [PARA]);
});

test("raw newlines inside JSON-LD strings are tolerated", () => {
  const html = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-02-03","headline":"Line one
line two"}</script></head><body><p>${PARA}</p></body></html>`;
  const r = extractHtml(html);
  assert.equal(r.published, "2020-02-03");
  assert.equal(r.dateSource, "json-ld");
});

test("a future or absurd date is not taken", () => {
  const html = `<html><head><meta property="article:published_time" content="2999-01-01T00:00:00Z"></head><body><p>${PARA}</p></body></html>`;
  assert.equal(extractHtml(html).dateSource, "undated");
});

test("an article hidden by a modal in a saved page is still found (relaxed fallback)", () => {
  const html = page(
    `<div class="modal-open" aria-hidden="true"><article><p>${PARA}</p><p>${PARA}</p></article></div><div class="modal">Subscribe now</div>`,
  );
  const r = extractHtml(html);
  assert.deepEqual(r.paragraphs, [PARA, PARA]);
  assert.ok(r.messages.some((m) => /relaxed|ignoring/.test(m.reason)));
});

test("an article inside a misused <nav> wrapper is still found", () => {
  const r = extractHtml(page(`<nav><div><p>${PARA}</p><p>${PARA}</p></div></nav>`));
  assert.deepEqual(r.paragraphs, [PARA, PARA]);
});

test("metadata strings are decoded and bylines cleaned", () => {
  const html = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Chelsea activate &#163;71.6m clause","author":{"@type":"Person","name":"Analysis by Jane Doe | Example News"}}</script></head><body><p>${PARA}</p></body></html>`;
  const r = extractHtml(html);
  assert.equal(r.title, "Chelsea activate £71.6m clause");
  assert.equal(r.byline, "Jane Doe");
  const r2 = extractHtml(
    `<html><head><meta name="author" content="By Sam Okafor @samok"></head><body><p>${PARA}</p></body></html>`,
  );
  assert.equal(r2.byline, "Sam Okafor");
});

test("hidden inline text is dropped without splitting the paragraph", () => {
  const r = extractHtml(
    page(`<p>${PARA} <span style="display:none">Click to expand</span>Water is life.</p>`),
  );
  assert.deepEqual(r.paragraphs, [`${PARA} Water is life.`]);
});

test("outlet: og:site_name, else JSON-LD publisher, else the domain", () => {
  const body = `<body><p>${PARA}</p></body>`;
  const a = extractHtml(
    `<html><head><meta property="og:site_name" content="The Herald"></head>${body}</html>`,
  );
  assert.equal(a.outlet.name, "The Herald");
  const b = extractHtml(
    `<html><head><script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Herald Media"}}</script></head>${body}</html>`,
  );
  assert.equal(b.outlet.name, "Herald Media");
  const c = extractHtml(
    `<html><head><link rel="canonical" href="https://news.herald.co.uk/a/b"></head>${body}</html>`,
  );
  assert.equal(c.outlet.name, null);
  assert.equal(c.outlet.domain, "herald.co.uk");
  assert.equal(c.url, "https://news.herald.co.uk/a/b");
});

test("title: site-name suffix removed", () => {
  const r = extractHtml(
    `<html><head><title>Water bill debated - The Herald</title><meta property="og:site_name" content="The Herald"></head><body><p>${PARA}</p></body></html>`,
  );
  assert.equal(r.title, "Water bill debated");
});
