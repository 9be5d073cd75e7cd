import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { extractTextCapture, parseDateLine } from "../../src/extract/text.js";
import { REPO_ROOT, SAMPLE_DIR } from "../helpers/shared.js";

const seed = (prefix: string) => {
  const f = readdirSync(SAMPLE_DIR).find((n) => n.startsWith(prefix))!;
  return readFileSync(join(SAMPLE_DIR, f), "utf8");
};

test("Markdown capture: title, byline, date, url, body structure and every kind of chrome", () => {
  const md = readFileSync(join(REPO_ROOT, "test/fixtures/text/markdown-capture.md"), "utf8");
  const r = extractTextCapture(md, { markdown: true });
  assert.equal(r.title, "City Council Approves New Flood Barrier Plan");
  assert.equal(r.byline, "Jane Smith");
  assert.equal(r.published, "2021-03-03");
  assert.equal(r.dateSource, "text");
  assert.equal(r.url, "https://citypress.example/2021/03/03/flood-barrier");
  assert.equal(r.outlet.domain, "citypress.example");
  assert.deepEqual(r.paragraphs, [
    "The city council on Tuesday approved a plan to build a flood barrier along the river, ending a debate that lasted three years.",
    '"We cannot wait for the next flood," Mayor Ana Ruiz said after the vote.',
    "What happens next",
    "Construction is expected to start in the spring and to take four years.",
    "The barrier will be 3 km long.",
    "It will cost 120 million euros.",
  ]);
  for (const c of [
    "Home | World | Business",
    "Photo: City Press Office",
    "Share this article",
    "© 2021 City Press. All rights reserved.",
  ]) {
    assert.ok(r.chrome.includes(c), `chrome should include ${c}: ${JSON.stringify(r.chrome)}`);
  }
  assert.ok(r.chrome.some((c) => c.startsWith("Related:")));
  assert.ok(r.chrome.some((c) => c.startsWith("Sign up for our newsletter")));
});

test("dates written in text", () => {
  assert.equal(parseDateLine("July 27, 2018"), "2018-07-27");
  assert.equal(parseDateLine("27 July 2018"), "2018-07-27");
  assert.equal(parseDateLine("Published: Jul. 27, 2018 10:31 GMT"), "2018-07-27");
  assert.equal(parseDateLine("2018-07-27"), "2018-07-27");
  assert.equal(parseDateLine("February 30, 2018"), null);
  assert.equal(parseDateLine("July 27, 2018 was a hot day in Moscow"), null);
});

test("seed 001: title, date and Moscow Times URL; caption and teaser removed", () => {
  const r = extractTextCapture(seed("001"), { markdown: true });
  assert.equal(r.title, "Russian Military Needed in Syria Long Term, Assad Says");
  assert.equal(r.published, "2018-07-27");
  assert.match(r.url ?? "", /^https:\/\/www\.themoscowtimes\.com\//);
  assert.equal(r.outlet.domain, "themoscowtimes.com");
  assert.equal(r.paragraphs.length, 10);
  assert.ok(r.chrome.some((c) => c.includes("Kremlin.ru")));
  assert.ok(r.chrome.some((c) => c.startsWith("Related article")));
  assert.ok(!r.paragraphs.some((p) => /Original url|Related article|Kremlin\.ru/.test(p)));
});

test("seed 003 (Sputnik): no menu, newsfeed, login or caption lines; every article paragraph kept", () => {
  const r = extractTextCapture(seed("003"));
  assert.equal(r.title, "This is Why Syria Still Needs Russian Troops' Help");
  const body = r.paragraphs.join("\n");
  for (const chrome of [
    "Newsfeed",
    "log in or register",
    "To participate in the discussion",
    "Subscribe",
    "Chats",
    "loader",
    "Russian Army in pictures",
    "Rex Tillerson",
    "Get the latest news",
  ]) {
    assert.ok(!body.includes(chrome), `body must not contain chrome "${chrome}"`);
  }
  assert.equal(r.paragraphs.length, 7);
  assert.match(r.paragraphs[0], /^Despite recent improvements/);
  assert.match(r.paragraphs[6], /^Tartus became home/);
});

test("seeds 000, 002, 004: footers and share prompts removed, undated stays undated", () => {
  const r0 = extractTextCapture(seed("000"));
  assert.equal(r0.paragraphs.length, 15);
  assert.ok(r0.chrome.includes("Twitter Post"));
  assert.equal(r0.published, null);
  assert.equal(r0.dateSource, "undated");
  const r2 = extractTextCapture(seed("002"));
  assert.deepEqual(r2.chrome, ["Share it...", "Leave a Reply"]);
  assert.equal(r2.paragraphs.length, 16);
  const r4 = extractTextCapture(seed("004"));
  assert.equal(r4.paragraphs.length, 9);
  assert.ok(r4.chrome[0].startsWith("Stay informed"));
});

test("outlet names from captures: repeated ' - Site' suffixes and a self-promoting footer", () => {
  assert.equal(extractTextCapture(seed("003")).outlet.name, "Sputnik International");
  assert.equal(extractTextCapture(seed("004")).outlet.name, "Zee News");
  assert.equal(extractTextCapture(seed("000")).outlet.name, null);
});

test("an author's 'Follow ... on Twitter' line is chrome, a sentence about following is not", () => {
  const t = [
    "Pence Defends Trump Remarks",
    "",
    "PENCE: We will win this election, and we will win it decisively.",
    "",
    "The governor said his campaign would follow the plan on Twitter and in person.",
    "",
    "Follow Pam Key on Twitter @pamkeyNEN.",
  ].join("\n");
  const r = extractTextCapture(t);
  assert.ok(!r.paragraphs.some((p) => p.startsWith("Follow Pam Key")), r.paragraphs.join(" | "));
  assert.ok(r.paragraphs.some((p) => p.startsWith("The governor said")));
});
