/** The JSON API, in process (`app.request`), over a small hand-made corpus: no network, no pipeline. */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import type { z } from "zod";
import { CONTENT_SECURITY_POLICY, createApp, MAX_BODY_BYTES } from "../../src/server/app.js";
import { markFigureConflicts, ROUTES } from "../../src/server/routes.js";
import * as S from "../../src/server/schemas.js";
import type { Library, StoryEdit } from "../../src/service/library.js";
import type { FigureView } from "../../src/service/types.js";
import { fixtureLibrary } from "./fixture.js";

let lib: Library;
let app: ReturnType<typeof createApp>;

before(async () => {
  lib = await fixtureLibrary();
  app = createApp(lib, { webRoot: null });
});

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON, checked against zod schemas
type Json = any;

async function get(path: string, schema?: z.ZodType, status = 200): Promise<Json> {
  const res = await app.request(path);
  const body: Json = await res.json();
  assert.equal(res.status, status, `${path}: ${JSON.stringify(body)}`);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  if (schema) {
    const r = schema.safeParse(body);
    assert.ok(r.success, `${path} does not match its documented schema: ${r.error?.message}`);
  }
  return body;
}

async function getError(path: string, status: number, code: string) {
  const body = await get(path, S.ErrorBody, status);
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 0);
  return body;
}

describe("OpenAPI document", () => {
  test("is OpenAPI 3.1, lists the required endpoints, and every $ref resolves", async () => {
    const doc = await get("/api/openapi.json");
    assert.equal(doc.openapi, "3.1.0");
    for (const p of [
      "/api/stories",
      "/api/stories/{id}",
      "/api/storylines",
      "/api/storylines/{id}",
      "/api/articles",
      "/api/articles/{id}",
      "/api/versions",
      "/api/diff",
      "/api/quotes",
      "/api/figures",
      "/api/timeline",
      "/api/entities",
      "/api/search",
      "/api/stories/merge",
      "/api/stories/{id}/split",
      "/api/stories/{id}/rename",
    ])
      assert.ok(doc.paths[p], `missing ${p}`);
    const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    assert.ok(refs.length > 10);
    for (const r of refs) {
      const name = r.slice('"#/components/schemas/'.length, -1);
      assert.ok(doc.components.schemas[name], `dangling ${r}`);
    }
    const stories = doc.paths["/api/stories"].get;
    const names = stories.parameters.map((p: { name: string }) => p.name).sort();
    assert.deepEqual(names, ["entity", "from", "limit", "offset", "outlet", "q", "to"]);
    const limit = stories.parameters.find((p: { name: string }) => p.name === "limit");
    assert.equal(limit.schema.maximum, S.MAX_PAGE_SIZE);
    assert.equal(limit.required, false);
    assert.ok(doc.paths["/api/stories/merge"].post.requestBody);
  });

  test("every route has a unique operationId", () => {
    const ids = ROUTES.map((r) => r.operationId);
    assert.equal(new Set(ids).size, ids.length);
  });
});

describe("stories", () => {
  test("list with totals and pagination", async () => {
    const all = await get("/api/stories", S.StoryPage);
    assert.equal(all.total, 2);
    assert.equal(all.limit, S.DEFAULT_PAGE_SIZE);
    const second = await get("/api/stories?limit=1&offset=1", S.StoryPage);
    assert.equal(second.items.length, 1);
    assert.equal(second.total, 2);
    assert.equal(second.items[0].id, all.items[1].id);
  });

  test("filters: outlet, from/to, q, entity", async () => {
    const ids = async (qs: string) =>
      (await get(`/api/stories?${qs}`, S.StoryPage)).items.map((s: { id: string }) => s.id);
    assert.deepEqual(await ids("outlet=reuters"), ["s1"]);
    assert.deepEqual(await ids("from=2017-01-01"), ["s2"]);
    assert.deepEqual(await ids("to=2016-12-31"), ["s1"]);
    assert.deepEqual(await ids("q=football"), ["s2"]);
    assert.deepEqual(await ids("q=legitimate"), ["s1"]);
    assert.deepEqual(await ids("entity=Assad"), ["s1"]);
  });

  test("invalid inputs are JSON 400s naming the parameter", async () => {
    const e1 = await getError("/api/stories?limit=0", 400, "INVALID_INPUT");
    assert.match(e1.error.message, /limit/);
    await getError(`/api/stories?limit=${S.MAX_PAGE_SIZE + 1}`, 400, "INVALID_INPUT");
    await getError("/api/stories?offset=-1", 400, "INVALID_INPUT");
    const e2 = await getError("/api/stories?from=yesterday", 400, "INVALID_INPUT");
    assert.match(e2.error.message, /from/);
    await getError(`/api/stories?q=${"x".repeat(S.MAX_TEXT_PARAM + 1)}`, 400, "INVALID_INPUT");
  });

  test("story detail: articles earliest first, copies, storyline", async () => {
    const d = await get("/api/stories/s1", S.StoryDetail);
    assert.equal(d.story.label, "Assad interview");
    assert.deepEqual(
      d.articles.map((a: { id: string }) => a.id),
      ["wire-a", "wire-b"],
    );
    assert.equal(d.versionGroups.length, 1);
    assert.equal(d.storyline.id, "l1");
    const other = await get("/api/stories/s2", S.StoryDetail);
    assert.equal(other.versionGroups.length, 0);
    assert.equal(other.storyline, null);
    await getError("/api/stories/nope", 404, "NOT_FOUND");
  });

  test("storylines", async () => {
    const list = await get("/api/storylines", S.StorylinePage);
    assert.equal(list.total, 1);
    const d = await get("/api/storylines/l1", S.StorylineDetail);
    assert.deepEqual(
      d.stories.map((s: { id: string }) => s.id),
      ["s1"],
    );
    await getError("/api/storylines/nope", 404, "NOT_FOUND");
  });
});

describe("articles, versions, diff, search", () => {
  test("article list and detail", async () => {
    const list = await get("/api/articles", S.ArticlePage);
    assert.equal(list.total, 3);
    const filtered = await get("/api/articles?outlet=Reuters", S.ArticlePage);
    assert.equal(filtered.items.length, 1);
    assert.equal(filtered.total, 1);
    const d = await get("/api/articles/wire-a", S.ArticleDetail);
    assert.equal(d.article.id, "wire-a");
    assert.equal(d.version, 1);
    assert.equal(d.versions.length, 1);
    assert.equal(d.versionGroup.id, "g-wire-a");
    assert.deepEqual(d.stories, [{ id: "s1", label: "Assad interview" }]);
    assert.deepEqual(d.article.chrome, ["Share this article"]);
    await getError("/api/articles/nope", 404, "NOT_FOUND");
    await getError("/api/articles/wire-a?version=9", 404, "NOT_FOUND");
  });

  test("version groups, filtered by article", async () => {
    const all = await get("/api/versions", S.VersionGroupPage);
    assert.equal(all.total, 1);
    assert.equal((await get("/api/versions?article=wire-b", S.VersionGroupPage)).total, 1);
    assert.equal((await get("/api/versions?article=other", S.VersionGroupPage)).total, 0);
  });

  test("diff between a wire story and its copy", async () => {
    const d = await get("/api/diff?a=wire-a&b=wire-b", S.DiffSchema);
    assert.equal(d.a, "wire-a");
    assert.equal(d.paragraphs[0].kind, "same");
    assert.ok(d.paragraphs.some((p: { kind: string }) => p.kind !== "same"));
    await getError("/api/diff?a=wire-a&b=nope", 404, "NOT_FOUND");
    await getError("/api/diff?a=wire-a", 400, "INVALID_INPUT");
  });

  test("search pages without a full count", async () => {
    const r = await get("/api/search?q=legitimate", S.SearchPage);
    assert.deepEqual(r.items.map((h: { id: string }) => h.id).sort(), ["wire-a", "wire-b"]);
    assert.equal(r.total, 2);
    const p1 = await get("/api/search?q=legitimate&limit=1", S.SearchPage);
    assert.equal(p1.items.length, 1);
    assert.equal(p1.total, null, "a full page does not know the total");
    await getError("/api/search", 400, "INVALID_INPUT");
    await getError("/api/search?q=%20%20", 400, "INVALID_INPUT");
  });
});

describe("quotes, figures, entities, timeline", () => {
  test("quotes: one per wire story, with via-chain and every carrier", async () => {
    const r = await get("/api/quotes?story=s1", S.QuotePage);
    assert.equal(r.total, 1);
    assert.deepEqual(r.items[0].via, ["Interfax"]);
    assert.deepEqual(r.items[0].articles.sort(), ["wire-a", "wire-b"]);
    assert.equal((await get("/api/quotes?speaker=assad", S.QuotePage)).total, 1);
    assert.equal((await get("/api/quotes?speaker=putin", S.QuotePage)).total, 0);
    await getError("/api/quotes?story=nope", 404, "NOT_FOUND");
  });

  test("figures: disagreeing values share a conflict key", async () => {
    const r = await get("/api/figures?story=s1", S.FigurePage);
    assert.equal(r.total, 2);
    const keys = new Set(r.items.map((f: { conflict: string | null }) => f.conflict));
    assert.equal(keys.size, 1);
    assert.notEqual([...keys][0], null);
  });

  test("markFigureConflicts: same value, one article, or a vague counts phrase is no conflict", () => {
    const f = (value: number, counts: string | null, article: string): FigureView => ({
      text: String(value),
      value,
      unit: null,
      counts,
      source: null,
      article,
      articles: [article],
      outlets: [],
      start: 0,
      end: 1,
      sentenceText: "",
    });
    const out = markFigureConflicts([
      f(5, "Dead people", "a"),
      f(5, "dead  people", "b"),
      f(7, null, "c"),
      f(8, null, "d"),
    ]);
    assert.deepEqual(
      out.map((x) => x.conflict),
      [null, null, null, null],
    );
    const two = markFigureConflicts([f(5, "dead people", "a"), f(6, "Dead people!", "b")]);
    assert.equal(two[0].conflict, "dead people|");
    assert.equal(two[1].conflict, "dead people|");
  });

  test("entities: list, filters and the entity page", async () => {
    const r = await get("/api/entities", S.EntityPage);
    assert.equal(r.items[0].key, "person:bashar al-assad");
    assert.equal((await get("/api/entities?q=assad&type=person", S.EntityPage)).total, 1);
    assert.equal((await get("/api/entities?type=place", S.EntityPage)).total, 0);
    await getError("/api/entities?type=planet", 400, "INVALID_INPUT");
    const d = await get(`/api/entities/${encodeURIComponent("person:bashar al-assad")}`, S.EntityDetail);
    assert.deepEqual(d.entity.aliases, ["Assad"]);
    assert.deepEqual(
      d.stories.map((s: { id: string }) => s.id),
      ["s1"],
    );
    assert.equal(d.quotes.length, 1);
    await getError("/api/entities/nobody", 404, "NOT_FOUND");
  });

  test("timeline answers a page", async () => {
    const r = await get("/api/timeline?story=s1", S.TimelinePage);
    assert.ok(Array.isArray(r.items));
  });

  test("info tells read-only and counts", async () => {
    const r = await get("/api/info", S.InfoSchema);
    assert.equal(r.readOnly, true);
    assert.deepEqual(r.counts, { articles: 3, stories: 2, storylines: 1 });
  });
});

describe("edits and limits", () => {
  const TOKEN = "t0ken-for-tests-0123456789";
  const post = (
    a: ReturnType<typeof createApp>,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) =>
    a.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  test("without --token every edit is 403 READ_ONLY", async () => {
    for (const [path, body] of [
      ["/api/stories/merge", { a: "s1", b: "s2" }],
      ["/api/stories/s1/split", { articles: ["wire-b"] }],
      ["/api/stories/s1/rename", { label: "x" }],
    ] as const) {
      const res = await post(app, path, body, { authorization: `Bearer ${TOKEN}` });
      assert.equal(res.status, 403);
      assert.equal(((await res.json()) as Json).error.code, "READ_ONLY");
    }
  });

  test("with --token: the token is required, bodies are validated, the edit reaches the library", async () => {
    const edits: StoryEdit[] = [];
    const editable = Object.assign(Object.create(lib), {
      editStory: async (e: StoryEdit) => {
        edits.push(e);
        return e;
      },
    }) as Library;
    const a = createApp(editable, { token: TOKEN, webRoot: null });
    const auth = { authorization: `Bearer ${TOKEN}` };
    assert.equal((await post(a, "/api/stories/s1/rename", { label: "x" })).status, 401);
    assert.equal(
      (await post(a, "/api/stories/s1/rename", { label: "x" }, { authorization: "Bearer wrong" })).status,
      401,
    );
    assert.equal((await post(a, "/api/stories/s1/rename", { label: "x", extra: 1 }, auth)).status, 400);
    assert.equal((await post(a, "/api/stories/s1/rename", "{not json", auth)).status, 400);
    assert.equal((await post(a, "/api/stories/nope/rename", { label: "x" }, auth)).status, 404);
    const wrongType = await a.request("/api/stories/s1/rename", {
      method: "POST",
      headers: { "content-type": "text/plain", ...auth },
      body: JSON.stringify({ label: "x" }),
    });
    assert.equal(wrongType.status, 415);
    const big = await post(a, "/api/stories/s1/rename", { label: "x".repeat(MAX_BODY_BYTES + 10) }, auth);
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as Json).error.code, "PAYLOAD_TOO_LARGE");
    assert.equal((await post(a, "/api/stories/merge", { a: "s1", b: "s1" }, auth)).status, 400);
    assert.equal(
      (await post(a, "/api/stories/s1/split", { articles: ["wire-a", "wire-b"] }, auth)).status,
      400,
    );
    assert.equal((await post(a, "/api/stories/s1/split", { articles: ["other"] }, auth)).status, 400);
    assert.deepEqual(edits, []);

    const ok = await post(a, "/api/stories/s1/rename", { label: "  Assad on Russia  " }, auth);
    assert.equal(ok.status, 200);
    assert.ok(S.EditResult.safeParse(await ok.json()).success);
    assert.equal((await post(a, "/api/stories/merge", { a: "s1", b: "s2" }, auth)).status, 200);
    assert.equal((await post(a, "/api/stories/s1/split", { articles: ["wire-b"] }, auth)).status, 200);
    assert.deepEqual(edits, [
      { op: "rename", story: "s1", label: "Assad on Russia" },
      { op: "merge", stories: ["s1", "s2"] },
      { op: "split", story: "s1", articles: ["wire-b"] },
    ]);
    const info: Json = await (await a.request("/api/info")).json();
    assert.equal(info.readOnly, false);
  });

  test("long URLs, unknown routes, wrong hosts", async () => {
    const long = await app.request(`/api/stories?q=${"a".repeat(5000)}`);
    assert.equal(long.status, 414);
    await getError("/api/nothing-here", 404, "NOT_FOUND");
    const guarded = createApp(lib, { webRoot: null, allowedHosts: ["localhost", "127.0.0.1"] });
    assert.equal((await guarded.request("http://localhost:8080/api/info")).status, 200);
    const evil = await guarded.request("http://evil.example/api/info");
    assert.equal(evil.status, 421);
    assert.equal(((await evil.json()) as Json).error.code, "FORBIDDEN_HOST");
  });

  test("unexpected errors are a JSON 500 without internals", async () => {
    const broken = Object.assign(Object.create(lib), {
      stories: async () => {
        throw new Error("secret detail");
      },
    }) as Library;
    const logged: unknown[] = [];
    const a = createApp(broken, { webRoot: null, onError: (e) => logged.push(e) });
    const res = await a.request("/api/stories");
    assert.equal(res.status, 500);
    const body: Json = await res.json();
    assert.equal(body.error.code, "INTERNAL");
    assert.doesNotMatch(body.error.message, /secret/);
    assert.equal(logged.length, 1);
  });
});

describe("UI serving and security headers", () => {
  test("security headers on API and pages", async () => {
    for (const path of ["/api/stories", "/", "/api/nothing"]) {
      const res = await app.request(path);
      assert.equal(res.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY, path);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.equal(res.headers.get("referrer-policy"), "no-referrer");
    }
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
    assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe/);
  });

  test("without a built UI, / explains how to build it", async () => {
    const res = await app.request("/");
    assert.match(await res.text(), /npm run build/);
  });

  test("built UI: files, client-side routes get the shell, missing assets 404", async () => {
    const root = mkdtempSync(join(tmpdir(), "sl-web-"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), "<!doctype html><title>shell</title>");
    writeFileSync(join(root, "assets", "app-1.js"), "console.log(1)");
    const a = createApp(lib, { webRoot: root });
    const shell = await a.request("/stories/s1");
    assert.equal(shell.status, 200);
    assert.match(await shell.text(), /shell/);
    assert.equal(shell.headers.get("cache-control"), "no-cache");
    const js = await a.request("/assets/app-1.js");
    assert.match(js.headers.get("content-type") ?? "", /javascript/);
    assert.match(js.headers.get("cache-control") ?? "", /immutable/);
    assert.equal((await a.request("/assets/missing.js")).status, 404);
    for (const p of ["/../package.json", "/..%2fpackage.json", "/assets/..%2f..%2fpackage.json"]) {
      const res = await a.request(p);
      assert.equal(res.status, 404, p);
      assert.doesNotMatch(await res.text(), /"name"/);
    }
  });
});
