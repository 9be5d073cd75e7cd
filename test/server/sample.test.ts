/**
 * The API over the real pipeline: the sample corpus ingested with `ingestPaths`, then read and edited
 * through the HTTP app in process.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { ingestPaths } from "../../src/pipeline/ingest.js";
import { createApp } from "../../src/server/app.js";
import * as S from "../../src/server/schemas.js";
import { Library } from "../../src/service/library.js";
import { SqliteStore } from "../../src/store/index.js";
import { SAMPLE_DIR } from "../helpers/shared.js";

const TOKEN = "sample-test-token-0123456789";
const ASSAD_ORIGIN = "001_959b789aad009a97";
const ASSAD_COPY = "000_e3fde3cb1ec42ca2";

let app: ReturnType<typeof createApp>;

before(async () => {
  const store = new SqliteStore(":memory:");
  await ingestPaths(store, [SAMPLE_DIR]);
  app = createApp(new Library(store), { token: TOKEN, webRoot: null });
});

// biome-ignore lint/suspicious/noExplicitAny: JSON checked against the documented zod schemas
async function get(path: string, schema: { safeParse(v: unknown): { success: boolean } }): Promise<any> {
  const res = await app.request(path);
  assert.equal(res.status, 200, path);
  const body = await res.json();
  assert.ok(schema.safeParse(body).success, `${path} does not match its schema`);
  return body;
}

test("the Assad interview: both copies in one story, one version group, a diff", async () => {
  const stories = await get("/api/stories", S.StoryPage);
  const story = stories.items.find((s: { articles: string[] }) => s.articles.includes(ASSAD_ORIGIN));
  assert.ok(story, "a story holds the Assad interview");
  assert.ok(story.articles.includes(ASSAD_COPY));
  const detail = await get(`/api/stories/${encodeURIComponent(story.id)}`, S.StoryDetail);
  const group = detail.versionGroups.find((g: { members: { id: string }[] }) =>
    g.members.some((m) => m.id === ASSAD_COPY),
  );
  assert.ok(group, "000 and 001 form a version group");
  assert.ok(group.members.some((m: { id: string }) => m.id === ASSAD_ORIGIN));
  const diff = await get(
    `/api/diff?a=${group.origin}&b=${group.origin === ASSAD_ORIGIN ? ASSAD_COPY : ASSAD_ORIGIN}`,
    S.DiffSchema,
  );
  assert.ok(diff.paragraphs.some((p: { kind: string }) => p.kind === "same"));
  assert.ok(
    diff.paragraphs.some((p: { kind: string }) => p.kind !== "same"),
    "the copy changed something",
  );
  await get(`/api/quotes?story=${encodeURIComponent(story.id)}`, S.QuotePage);
  await get(`/api/figures?story=${encodeURIComponent(story.id)}`, S.FigurePage);
  await get(`/api/timeline?story=${encodeURIComponent(story.id)}`, S.TimelinePage);
  const article = await get(`/api/articles/${ASSAD_COPY}`, S.ArticleDetail);
  assert.ok(article.article.analysis, "articles carry their analysis");
  assert.deepEqual(
    article.stories.map((x: { id: string }) => x.id),
    [story.id],
  );
});

test("rename through the API reaches the stored stories", async () => {
  const stories = await get("/api/stories", S.StoryPage);
  const id = stories.items[0].id;
  const res = await app.request(`/api/stories/${encodeURIComponent(id)}/rename`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ label: "Renamed by a test" }),
  });
  const body = (await res.json()) as Awaited<ReturnType<typeof get>>;
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.ok(S.EditResult.safeParse(body).success);
  assert.equal(body.stories[0].label, "Renamed by a test");
  const again = await get(`/api/stories/${encodeURIComponent(id)}`, S.StoryDetail);
  assert.equal(again.story.label, "Renamed by a test");
  const bad = await app.request("/api/stories/merge", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ a: id, b: "no-such-story" }),
  });
  assert.equal(bad.status, 404);
});
