/**
 * The web UI in a real browser (Debian chromium via playwright-core) over the ingested sample corpus:
 * story list, the Assad-interview story with both copies and their diff, an article with highlights,
 * entity and storyline pages, search, deep links and keyboard use. Screenshots go to test-artifacts/.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ingestPaths } from "../../src/pipeline/ingest.js";
import { SAMPLE_DIR } from "../helpers/shared.js";
import { openSession, type Session, SKIP_NO_CHROMIUM, screenshot } from "./harness.js";

const ORIGIN = "001_959b789aad009a97";
const COPY = "000_e3fde3cb1ec42ca2";

describe("web UI over the sample corpus", { skip: SKIP_NO_CHROMIUM }, () => {
  let s: Session;
  let storyId = "";

  before(async () => {
    s = await openSession(async (store) => {
      await ingestPaths(store, [SAMPLE_DIR]);
    });
  });

  after(async () => {
    await s?.close();
  });

  test("story list shows stories; the Assad interview is one of them", async () => {
    const { page } = s;
    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Stories" }).waitFor();
    const cards = page.locator(".story-list .card");
    await cards.first().waitFor();
    assert.ok((await cards.count()) >= 1);
    const link = page.locator(".story-list h2 a", { hasText: /assad/i }).first();
    await link.waitFor();
    await screenshot(page, "01-story-list");
    await link.click();
    await page.waitForURL(/\/stories\//);
    storyId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);
    assert.ok(storyId);
  });

  test("story page: chart, outlets with the first reporter, both copies and their diff", async () => {
    const { page } = s;
    await page.locator("h1").waitFor();
    await page.locator("#timeline svg").waitFor();
    await page.locator("#outlets .badge", { hasText: "first report" }).waitFor();
    const group = page
      .locator(".version-group")
      .filter({ has: page.locator(`a[href="/articles/${ORIGIN}"]`) });
    await group.waitFor();
    assert.equal(await group.locator(`a[href="/articles/${COPY}"]`).count(), 1, "both copies listed");
    const rows = group.locator(".diff-table tbody tr");
    await rows.first().waitFor();
    assert.ok((await rows.count()) >= 2);
    const changes = await group.locator("tr.diff-changed, tr.diff-added, tr.diff-removed").count();
    assert.ok(changes >= 1, "the diff shows what the copy changed");
    assert.ok((await group.locator("ins, del").count()) >= 1, "word-level changes are marked");
    await page.locator("#quotes h2").waitFor();
    await page.locator("#figures h2").waitFor();
    await page.locator("#quotes :is(.speaker, p.muted)").first().waitFor();
    assert.equal(await page.locator("section.edit").count(), 0, "a read-only server shows no edit controls");
    await screenshot(page, "02-story");
  });

  test("article page: text with highlights, chrome collapsed, entity page", async () => {
    const { page } = s;
    await page.locator(`.version-group a[href="/articles/${COPY}"]`).first().click();
    await page.waitForURL(new RegExp(`/articles/${COPY}`));
    await page.locator(".article-text p").first().waitFor();
    assert.match((await page.locator("h1").textContent()) ?? "", /Assad/i);
    const chrome = page.locator("details.chrome");
    assert.equal(await chrome.getAttribute("open"), null, "chrome starts collapsed");
    const highlights = await page.locator(".article-text .hl-entity").count();
    assert.ok(highlights > 0, "entity mentions are highlighted");
    await screenshot(page, "03-article");
    // Highlight layers can be switched off from the keyboard.
    const entities = page.getByRole("checkbox", { name: "Entities" });
    await entities.focus();
    await page.keyboard.press("Space");
    assert.equal(await page.locator(".article-text .hl-entity").count(), 0);
    await page.keyboard.press("Space");
    await page.locator(".side a[href^='/entities/']").first().click();
    await page.waitForURL(/\/entities\//);
    await page.getByRole("heading", { name: "Aliases" }).waitFor();
    await page.getByRole("heading", { name: "Stories" }).waitFor();
    await screenshot(page, "04-entity");
  });

  test("search from the keyboard: '/' focuses the box, Enter searches, hits are marked", async () => {
    const { page } = s;
    await page.locator("h1").click();
    await page.keyboard.press("/");
    assert.equal(await page.evaluate("document.activeElement && document.activeElement.id"), "global-search");
    await page.keyboard.type("Hmeimim");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/search\?q=Hmeimim/);
    const hits = page.locator(".hits .card");
    await hits.first().waitFor();
    assert.ok((await hits.count()) >= 1);
    assert.ok((await page.locator(".hits mark").count()) >= 1);
    await screenshot(page, "05-search");
  });

  test("storyline page charts its stories; deep links load directly", async () => {
    const { page } = s;
    await page.goto("/storylines");
    const first = page.locator(".cards h2 a").first();
    await first.waitFor();
    await first.click();
    await page.waitForURL(/\/storylines\//);
    await page.locator("svg").first().waitFor();
    await screenshot(page, "06-storyline");
    await page.goto(`/stories/${encodeURIComponent(storyId)}`);
    await page.locator(".version-group").first().waitFor();
    await page.goto("/no/such/page");
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await page.goBack();
    await page.locator(".version-group").first().waitFor();
  });

  test("filters narrow the list and live in the URL", async () => {
    const { page } = s;
    await page.goto("/?from=2999-01-01");
    await page.getByText("No story matches these filters.").waitFor();
    assert.equal(await page.locator("input[name=from]").inputValue(), "2999-01-01");
  });

  test("no CSP violations, page errors or dialogs", () => {
    assert.deepEqual(s.cspViolations, []);
    assert.deepEqual(s.pageErrors, []);
    assert.deepEqual(s.dialogs, []);
  });
});

describe("story edits from the UI", { skip: SKIP_NO_CHROMIUM }, () => {
  const TOKEN = "browser-edit-token-0123456789";
  let s: Session;

  before(async () => {
    s = await openSession(
      async (store) => {
        await ingestPaths(store, [SAMPLE_DIR]);
      },
      { token: TOKEN },
    );
  });

  after(async () => {
    await s?.close();
  });

  test("a wrong token is refused; the right one renames the story", async () => {
    const { page } = s;
    await page.goto("/");
    await page.locator(".story-list h2 a").first().click();
    await page.waitForURL(/\/stories\//);
    const edit = page.locator("section.edit");
    await edit.waitFor();
    await edit.getByLabel("Edit token").fill("not-the-token");
    await edit.getByLabel("New name").fill("Assad: Russian forces stay");
    await edit.getByRole("button", { name: "Rename" }).click();
    await edit.locator(".error").waitFor();
    assert.match((await edit.locator(".error").textContent()) ?? "", /token/);
    await edit.getByLabel("Edit token").fill(TOKEN);
    await edit.getByRole("button", { name: "Rename" }).click();
    await page.getByRole("heading", { level: 1, name: "Assad: Russian forces stay" }).waitFor();
    await screenshot(page, "07-edit");
    await page.goto("/");
    await page.locator(".story-list h2 a", { hasText: "Assad: Russian forces stay" }).waitFor();
  });
});
