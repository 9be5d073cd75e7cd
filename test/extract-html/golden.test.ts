/**
 * Golden fixtures: one folder per case under test/fixtures/extract-html/<slug>/ with source.html
 * and expected.json. Every key present in expected.json is checked; `paragraphs` must match
 * exactly (deepStrictEqual shows the first difference), `mustNotContain` snippets must appear in
 * no paragraph.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { extractHtml } from "../../src/extract/html/index.js";
import { REPO_ROOT } from "../helpers/shared.js";

const DIR = join(REPO_ROOT, "test", "fixtures", "extract-html");

interface Expected {
  pageUrl?: string;
  paragraphs?: string[];
  mustNotContain?: string[];
  title?: string;
  byline?: string;
  outletName?: string;
  outletDomain?: string;
  url?: string;
  published?: string | null;
  dateSource?: string;
  datePrecision?: string | null;
  modified?: string | null;
}

for (const slug of readdirSync(DIR).sort()) {
  test(`golden: ${slug}`, () => {
    const html = readFileSync(join(DIR, slug, "source.html"), "utf8");
    const exp = JSON.parse(readFileSync(join(DIR, slug, "expected.json"), "utf8")) as Expected;
    const got = extractHtml(html, { url: exp.pageUrl });
    if (exp.paragraphs) assert.deepStrictEqual(got.paragraphs, exp.paragraphs);
    for (const snippet of exp.mustNotContain ?? []) {
      const hit = got.paragraphs.find((p) => p.includes(snippet));
      assert.equal(hit, undefined, `chrome "${snippet}" kept in: ${hit}`);
    }
    if (exp.title !== undefined) assert.equal(got.title, exp.title);
    if (exp.byline !== undefined) assert.equal(got.byline, exp.byline);
    if (exp.outletName !== undefined) assert.equal(got.outlet.name, exp.outletName);
    if (exp.outletDomain !== undefined) assert.equal(got.outlet.domain, exp.outletDomain);
    if (exp.url !== undefined) assert.equal(got.url, exp.url);
    if (exp.published !== undefined) assert.equal(got.published, exp.published);
    if (exp.dateSource !== undefined) assert.equal(got.dateSource, exp.dateSource);
    if (exp.datePrecision !== undefined) assert.equal(got.datePrecision, exp.datePrecision);
    if (exp.modified !== undefined) assert.equal(got.modified, exp.modified);
    assert.equal(got.language, "en");
  });
}
