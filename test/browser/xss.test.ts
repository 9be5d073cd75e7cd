/**
 * Untrusted article content must never execute: an article whose title, body, outlet and URL carry
 * <script>, event-handler attributes and javascript: links is ingested, and the story list, story page,
 * article page, entity page and search are opened in a real browser. Any execution sets window.__xss
 * or opens a dialog; the hostile markup must show as plain text instead.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { entityKey } from "../../src/analyze/entities/normalize.js";
import { ingestPaths } from "../../src/pipeline/ingest.js";
import { REPO_ROOT } from "../helpers/shared.js";
import { openSession, type Session, SKIP_NO_CHROMIUM, screenshot } from "./harness.js";

const FIXTURE = join(REPO_ROOT, "test", "browser", "fixtures", "xss.jsonl");
const ID = "xss-attempt";
const HOSTILE_NAME = `<img src=x onerror="window.__xss='entity'">Zorblat`;
const HOSTILE_SPEAKER = `<script>window.__xss='speaker'</script>Officials`;

describe("hostile article content does not execute", { skip: SKIP_NO_CHROMIUM }, () => {
  let s: Session;

  before(async () => {
    s = await openSession(async (store) => {
      const summary = await ingestPaths(store, [FIXTURE]);
      assert.deepEqual(summary.failed, []);
      // Hostile analysis too (entity names, speakers, via-chains are shown in titles and links), so the
      // highlight and side-list paths see markup whatever the analyzers found.
      const a = await store.getArticle(ID);
      assert.ok(a, "the hostile article was stored");
      const text = a.paragraphs.join("\n\n");
      const at = text.indexOf("Zorblat");
      const said = text.indexOf("Officials");
      const key = entityKey("place", HOSTILE_NAME);
      await store.updateArticle({
        ...a,
        analysis: {
          sentences: a.analysis?.sentences ?? [],
          mentions: [{ start: at, end: at + 7, text: "Zorblat", type: "place", entity: key }],
          entities: [{ key, name: HOSTILE_NAME, type: "place", aliases: [HOSTILE_NAME] }],
          times: [],
          quotes: [
            {
              start: said,
              end: said + 30,
              text: text.slice(said, said + 30),
              direct: false,
              cue: "said",
              speaker: { start: said, end: said + 9, text: HOSTILE_SPEAKER, entity: null },
              via: [`<a href="javascript:window.__xss='via'">Wire</a>`],
            },
          ],
          figures: [],
        },
      });
    });
  });

  after(async () => {
    await s?.close();
  });

  const flag = () => s.page.evaluate("window.__xss === undefined ? null : String(window.__xss)");

  async function noJavascriptLinks() {
    const bad = await s.page.evaluate(
      "Array.from(document.querySelectorAll('a[href], iframe, [onerror], [onload], [onmouseover], script:not([src])')).filter((e) => e.tagName.toUpperCase() !== 'A' || /^\\s*javascript:/i.test(e.getAttribute('href') || '')).map((e) => e.outerHTML.slice(0, 80))",
    );
    assert.deepEqual(bad, []);
  }

  test("the stored article still carries the hostile markup (so the test means something)", async () => {
    const res = await fetch(`${s.server.url}/api/articles/${ID}`);
    const body = (await res.json()) as { article: { title: string; url: string | null } };
    assert.match(body.article.title, /<script>/);
    assert.match(body.article.url ?? "", /^javascript:/);
  });

  test("story list, story page, article page, entity page and search", async () => {
    const { page } = s;
    await page.goto("/");
    const card = page.locator(".story-list .card").first();
    await card.waitFor();
    await page.waitForTimeout(200);
    assert.equal(await flag(), null, "story list");
    await noJavascriptLinks();
    await screenshot(page, "xss-01-story-list");

    await card.locator("h2 a").click();
    await page.waitForURL(/\/stories\//);
    await page.locator("#articles table").waitFor();
    await page.waitForTimeout(200);
    assert.equal(await flag(), null, "story page");
    await noJavascriptLinks();

    await page.goto(`/articles/${ID}`);
    await page.locator(".article-text").waitFor();
    // The markup is shown as text, not parsed.
    assert.match(
      (await page.locator("h1").textContent()) ?? "",
      /<script>window.__xss='title-script'<\/script>/,
    );
    assert.match(
      (await page.locator(".article-text").textContent()) ?? "",
      /<script>window.__xss='body-script'<\/script>/,
    );
    await page
      .locator(".article-text b, .article-text img, .article-text iframe")
      .count()
      .then((n) => assert.equal(n, 0));
    // Hovering the text that carries an onmouseover attribute, and every highlight, does nothing.
    await page.getByText("docked", { exact: false }).first().hover();
    for (const el of await page.locator(".article-text [title]").all()) await el.hover();
    await page.waitForTimeout(200);
    assert.equal(await flag(), null, "article page");
    await noJavascriptLinks();
    assert.equal(await page.locator("a.url").count(), 0, "a javascript: URL is not a link");
    await screenshot(page, "xss-02-article");

    await page.locator(".article-text a[href^='/entities/']").first().click();
    await page.waitForURL(/\/entities\//);
    await page.getByRole("heading", { name: "Aliases" }).waitFor();
    assert.match((await page.locator("h1").textContent()) ?? "", /<img src=x onerror=/);
    assert.equal(await flag(), null, "entity page");
    await noJavascriptLinks();

    await page.goto(`/search?q=${encodeURIComponent("Zorblat")}`);
    await page.locator(".hits .card").first().waitFor();
    await page.waitForTimeout(200);
    assert.equal(await flag(), null, "search");
    await noJavascriptLinks();
    await screenshot(page, "xss-03-search");

    // A hostile query in the URL is echoed as text too.
    await page.goto(`/search?q=${encodeURIComponent(`<img src=x onerror="window.__xss='query'">`)}`);
    await page.locator("h1").waitFor();
    await page.waitForTimeout(300);
    assert.equal(await flag(), null, "search query");
  });

  test("nothing executed: no dialogs, no page errors, no CSP violations", () => {
    assert.deepEqual(s.dialogs, []);
    assert.deepEqual(s.pageErrors, []);
    assert.deepEqual(s.cspViolations, []);
  });
});
