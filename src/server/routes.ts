/**
 * The API's routes as data: method, path, input schemas, response schema and handler. The same table
 * registers the Hono handlers (app.ts) and generates the OpenAPI document (openapi.ts), so the document
 * cannot drift from what the server accepts.
 */
import type { z } from "zod";
import type { Article } from "../model/article.js";
import { entityKey } from "../analyze/entities/normalize.js";
import { StoryEditError } from "../corpus/stories/index.js";
import type { Library, StoryEdit } from "../service/library.js";
import type { EntityView, FigureView, QuoteView, StoryView, VersionGroupView } from "../service/types.js";
import { ApiError } from "./errors.js";
import * as S from "./schemas.js";

type AnyObject = z.ZodObject;
type Out<T> = T extends z.ZodType ? z.output<T> : Record<string, never>;

export interface RouteInput<Q, P, B> {
  query: Out<Q>;
  params: Out<P>;
  body: Out<B>;
}

export interface RouteDef<
  Q extends AnyObject | undefined = AnyObject | undefined,
  P extends AnyObject | undefined = AnyObject | undefined,
  B extends AnyObject | undefined = AnyObject | undefined,
> {
  method: "get" | "post";
  /** OpenAPI-style path: `/api/stories/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  query?: Q;
  params?: P;
  body?: B;
  response: z.ZodType;
  /** Needs the server's edit token. */
  edit?: boolean;
  handler: (input: RouteInput<Q, P, B>, lib: Library, env: RouteEnv) => Promise<unknown>;
}

/** What a handler may know about the server it runs in. */
export interface RouteEnv {
  /** True when the server has no edit token. */
  readOnly: boolean;
}

function route<
  Q extends AnyObject | undefined = undefined,
  P extends AnyObject | undefined = undefined,
  B extends AnyObject | undefined = undefined,
>(def: RouteDef<Q, P, B>): RouteDef {
  return def as unknown as RouteDef;
}

/**
 * Lookup indexes over corpus-state arrays, built once per array: with the server's state cache the
 * Library hands back the same array until the state changes, so a request costs a map lookup instead
 * of a scan of every group or story.
 */
const groupIndexes = new WeakMap<VersionGroupView[], Map<string, VersionGroupView>>();
const storyIndexes = new WeakMap<StoryView[], Map<string, StoryView[]>>();

function groupsByArticle(groups: VersionGroupView[]): Map<string, VersionGroupView> {
  let m = groupIndexes.get(groups);
  if (!m) {
    m = new Map();
    for (const g of groups) for (const mem of g.members) m.set(mem.id, g);
    groupIndexes.set(groups, m);
  }
  return m;
}

function storiesByArticle(stories: StoryView[]): Map<string, StoryView[]> {
  let m = storyIndexes.get(stories);
  if (!m) {
    m = new Map();
    for (const s of stories)
      for (const a of s.articles) {
        const list = m.get(a);
        if (list) list.push(s);
        else m.set(a, [s]);
      }
    storyIndexes.set(stories, m);
  }
  return m;
}

/** Slices a full result list into a page envelope. */
export function paginate<T>(all: T[], q: { limit: number; offset: number }) {
  return {
    items: all.slice(q.offset, q.offset + q.limit),
    total: all.length,
    limit: q.limit,
    offset: q.offset,
  };
}

function notFound(what: string, id: string): never {
  throw new ApiError(404, "NOT_FOUND", `no ${what} with id "${id}"`);
}

async function requireStory(lib: Library, id: string): Promise<StoryView> {
  return (await lib.story(id)) ?? notFound("story", id);
}

async function checkScope(lib: Library, scope: { story?: string; storyline?: string }): Promise<void> {
  if (scope.story) await requireStory(lib, scope.story);
  if (scope.storyline && !(await lib.storyline(scope.storyline))) notFound("storyline", scope.storyline);
}

/** The short article form used inside other views. */
export function brief(a: Article) {
  return {
    id: a.id,
    title: a.title,
    outlet: a.outlet.name,
    domain: a.outlet.domain,
    url: a.url,
    published: a.published,
    dateSource: a.dateSource,
    byline: a.byline,
    language: a.language,
  };
}

/** Earliest first; undated articles last, then by id for a stable order. */
function byDate(x: { published: string | null; id: string }, y: { published: string | null; id: string }) {
  if (x.published !== y.published) {
    if (x.published === null) return 1;
    if (y.published === null) return -1;
    return x.published < y.published ? -1 : 1;
  }
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

function normCounts(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Fewest words a `counts` phrase needs before figures are compared on it: one word ("years", "people")
 * says too little about what is counted ("five years" and "over 40 years" are not a dispute), while two
 * ("civilians killed", "people displaced") name a quantity sources can disagree on. */
const MIN_COUNTS_WORDS = 2;

/**
 * Marks figures that count the same thing (same normalised `counts` phrase and unit) with different
 * values in different articles: "6,000 civilians killed" in one outlet and "5,000 civilians killed" in
 * another, or a copy that changed the wire's number.
 */
export function markFigureConflicts(figures: FigureView[]): (FigureView & { conflict: string | null })[] {
  const groups = new Map<string, { values: Set<string>; articles: Set<string> }>();
  const keyOf = (f: FigureView) => {
    if (!f.counts) return null;
    const norm = normCounts(f.counts);
    return norm.split(" ").length >= MIN_COUNTS_WORDS ? `${norm}|${f.unit ?? ""}` : null;
  };
  for (const f of figures) {
    const k = keyOf(f);
    if (!k) continue;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { values: new Set(), articles: new Set() }));
    g.values.add(`${f.value}-${f.valueMax ?? ""}`);
    for (const a of f.articles) g.articles.add(a);
  }
  return figures.map((f) => {
    const k = keyOf(f);
    const g = k ? groups.get(k) : undefined;
    return { ...f, conflict: g && g.values.size > 1 && g.articles.size > 1 ? k : null };
  });
}

const ENTITY_TYPES = ["person", "organization", "place", "facility", "other"] as const;

/** Every key an entity may go by: its corpus key, and the article-level keys of each of its names
 * (corpus-level resolution merges article entities under a new key; articles keep their own). */
function keysOf(e: EntityView): Set<string> {
  const keys = new Set([e.key]);
  for (const n of [e.name, ...e.aliases]) for (const t of ENTITY_TYPES) keys.add(entityKey(t, n));
  return keys;
}

/** Finds an entity by its corpus key or by an article-level key (as an article's mentions carry). */
async function findEntity(lib: Library, key: string): Promise<EntityView | null> {
  const all = await lib.entities();
  return all.find((e) => e.key === key) ?? all.find((e) => keysOf(e).has(key)) ?? null;
}

/** Quotes an entity said, or that name it in their text (by name or alias, whole words). */
function quotesAbout(quotes: QuoteView[], keys: Set<string>, names: string[]): QuoteView[] {
  const escaped = names
    .filter((n) => n.length >= 3)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .sort((a, b) => b.length - a.length);
  const re = escaped.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "iu")
    : null;
  return quotes.filter(
    (q) => (q.speaker?.entity != null && keys.has(q.speaker.entity)) || re?.test(q.text) === true,
  );
}

/** Most quotes an entity page lists. */
const ENTITY_PAGE_QUOTES = 200;

/** Applies a hand edit through the library and returns the stories it touched, as they are now. */
async function applyEdit(lib: Library, edit: StoryEdit) {
  let resolved: StoryEdit;
  try {
    resolved = await lib.editStory(edit);
  } catch (e) {
    if (e instanceof StoryEditError) throw new ApiError(400, "INVALID_INPUT", e.message);
    throw e;
  }
  const ids =
    resolved.op === "merge"
      ? [resolved.id ?? resolved.stories[0]]
      : resolved.op === "split"
        ? [resolved.story, ...(resolved.id ? [resolved.id] : [])]
        : [resolved.story];
  const stories: StoryView[] = [];
  for (const id of ids) {
    const s = await lib.story(id);
    if (s) stories.push(s);
  }
  return { ok: true as const, edit: resolved, stories };
}

export const ROUTES: RouteDef[] = [
  route({
    method: "get",
    path: "/api/info",
    operationId: "getInfo",
    summary: "Server facts: whether edits are enabled, and corpus counts",
    tag: "meta",
    response: S.InfoSchema,
    handler: async (_i, lib, env) => ({
      name: "storyline",
      version: "0.1.0",
      readOnly: env.readOnly,
      counts: {
        articles: await lib.store.countArticles(),
        stories: (await lib.stories()).length,
        storylines: (await lib.storylines()).length,
      },
    }),
  }),
  route({
    method: "get",
    path: "/api/stories",
    operationId: "listStories",
    summary: "Stories (articles about one event), filtered and paginated",
    tag: "stories",
    query: S.storiesQuery,
    response: S.StoryPage,
    handler: async ({ query: { limit, offset, ...filter } }, lib) =>
      paginate(await lib.stories(filter), { limit, offset }),
  }),
  route({
    method: "get",
    path: "/api/stories/{id}",
    operationId: "getStory",
    summary: "One story with its articles, wire-copy groups and storyline",
    tag: "stories",
    params: S.idParam,
    response: S.StoryDetail,
    handler: async ({ params }, lib) => {
      const story = await requireStory(lib, params.id);
      const articles = (await lib.articlesByIds(story.articles)).map(brief).sort(byDate);
      // Groups with at least two members in this story.
      const byArticle = groupsByArticle(await lib.versionGroups());
      const seen = new Map<VersionGroupView, number>();
      for (const id of story.articles) {
        const g = byArticle.get(id);
        if (g) seen.set(g, (seen.get(g) ?? 0) + 1);
      }
      const versionGroups = [...seen].filter(([, n]) => n >= 2).map(([g]) => g);
      const storyline = story.storyline ? await lib.storyline(story.storyline) : null;
      return { story, articles, versionGroups, storyline };
    },
  }),
  route({
    method: "get",
    path: "/api/storylines",
    operationId: "listStorylines",
    summary: "Storylines (stories linked over long periods), paginated",
    tag: "stories",
    query: S.pageQuery,
    response: S.StorylinePage,
    handler: async ({ query }, lib) => paginate(await lib.storylines(), query),
  }),
  route({
    method: "get",
    path: "/api/storylines/{id}",
    operationId: "getStoryline",
    summary: "One storyline with its stories",
    tag: "stories",
    params: S.idParam,
    response: S.StorylineDetail,
    handler: async ({ params }, lib) => {
      const storyline = (await lib.storyline(params.id)) ?? notFound("storyline", params.id);
      const wanted = new Set(storyline.stories);
      const stories = (await lib.stories()).filter((s) => wanted.has(s.id));
      stories.sort((x, y) => (x.firstDate ?? "\uffff").localeCompare(y.firstDate ?? "\uffff"));
      return { storyline, stories };
    },
  }),
  route({
    method: "get",
    path: "/api/articles",
    operationId: "listArticles",
    summary: "Stored articles (current versions), published order, paginated",
    tag: "articles",
    query: S.articlesQuery,
    response: S.ArticlePage,
    handler: async ({ query }, lib) => {
      const { limit, offset, outlet, from, to } = query;
      const items = await lib.articles({ limit, offset, outlet, from, to });
      const filtered = outlet !== undefined || from !== undefined || to !== undefined;
      // Unfiltered totals come from a count; filtered ones are counted only when the page is not full.
      const total = !filtered
        ? await lib.store.countArticles()
        : items.length < limit
          ? offset + items.length
          : null;
      return { items, total, limit, offset };
    },
  }),
  route({
    method: "get",
    path: "/api/articles/{id}",
    operationId: "getArticle",
    summary: "One article with its analysis, versions, wire-copy group and stories",
    tag: "articles",
    params: S.idParam,
    query: S.articleQuery,
    response: S.ArticleDetail,
    handler: async ({ params, query }, lib) => {
      const article =
        (await lib.article(params.id, query.version)) ??
        notFound(query.version ? `version ${query.version} of article` : "article", params.id);
      const versions = await lib.store.listVersions(params.id);
      const version = query.version ?? versions.at(-1)?.version ?? 1;
      const versionGroup = groupsByArticle(await lib.versionGroups()).get(params.id) ?? null;
      const stories = (storiesByArticle(await lib.stories()).get(params.id) ?? []).map((s) => ({
        id: s.id,
        label: s.label,
      }));
      return { article, version, versions, versionGroup, stories };
    },
  }),
  route({
    method: "get",
    path: "/api/versions",
    operationId: "listVersionGroups",
    summary: "Wire-copy groups: articles sharing one text origin, the earliest first",
    tag: "articles",
    query: S.versionsQuery,
    response: S.VersionGroupPage,
    handler: async ({ query: { article, ...page } }, lib) => {
      let groups = await lib.versionGroups();
      if (article) groups = groups.filter((g) => g.members.some((m) => m.id === article));
      return paginate(groups, page);
    },
  }),
  route({
    method: "get",
    path: "/api/diff",
    operationId: "getDiff",
    summary: "Paragraph- and word-level differences between two articles (origin a, copy b)",
    tag: "articles",
    query: S.diffQuery,
    response: S.DiffSchema,
    handler: async ({ query }, lib) => {
      // Either side may name a version: "id@2".
      for (const id of [query.a, query.b]) if (!(await lib.articleRef(id))) notFound("article", id);
      const diff = await lib.diff(query.a, query.b);
      if (!diff) throw new ApiError(404, "DIFF_UNAVAILABLE", `no diff for "${query.a}" and "${query.b}"`);
      return diff;
    },
  }),
  route({
    method: "get",
    path: "/api/quotes",
    operationId: "listQuotes",
    summary: "Quotes, each once across wire copies, with speaker and via-chain",
    tag: "analysis",
    query: S.quotesQuery,
    response: S.QuotePage,
    handler: async ({ query: { limit, offset, ...filter } }, lib) => {
      await checkScope(lib, filter);
      return paginate(await lib.quotes(filter), { limit, offset });
    },
  }),
  route({
    method: "get",
    path: "/api/figures",
    operationId: "listFigures",
    summary: "Figures (claims with numbers); disagreeing values are marked with a shared conflict key",
    tag: "analysis",
    query: S.figuresQuery,
    response: S.FigurePage,
    handler: async ({ query: { limit, offset, ...scope } }, lib) => {
      await checkScope(lib, scope);
      return paginate(markFigureConflicts(await lib.figures(scope)), { limit, offset });
    },
  }),
  route({
    method: "get",
    path: "/api/entities",
    operationId: "listEntities",
    summary: "Entities (people, organisations, places...), most mentioned first",
    tag: "analysis",
    query: S.entitiesQuery,
    response: S.EntityPage,
    handler: async ({ query: { limit, offset, q, type, ...scope } }, lib) => {
      await checkScope(lib, scope);
      let all = await lib.entities(scope);
      if (type) all = all.filter((e) => e.type === type);
      if (q) {
        const n = q.toLowerCase();
        all = all.filter(
          (e) => e.name.toLowerCase().includes(n) || e.aliases.some((a) => a.toLowerCase().includes(n)),
        );
      }
      return paginate(all, { limit, offset });
    },
  }),
  route({
    method: "get",
    path: "/api/entities/{key}",
    operationId: "getEntity",
    summary: "One entity with its aliases, the stories it appears in and the quotes it said or is named in",
    tag: "analysis",
    params: S.keyParam,
    response: S.EntityDetail,
    handler: async ({ params }, lib) => {
      const entity = (await findEntity(lib, params.key)) ?? notFound("entity", params.key);
      const mentioned = new Set(entity.articles);
      const stories = (await lib.stories()).filter((s) => s.articles.some((a) => mentioned.has(a)));
      const quotes = quotesAbout(await lib.quotes(), keysOf(entity), [entity.name, ...entity.aliases]).slice(
        0,
        ENTITY_PAGE_QUOTES,
      );
      return { entity, stories, quotes };
    },
  }),
  route({
    method: "get",
    path: "/api/timeline",
    operationId: "getTimeline",
    summary: "What happened when: dated entries with their sources, for a story, a storyline or all",
    tag: "analysis",
    query: S.timelineQuery.extend(S.pageQuery.shape),
    response: S.TimelinePage,
    handler: async ({ query: { limit, offset, ...scope } }, lib) => {
      await checkScope(lib, scope);
      return paginate(await lib.timeline(scope), { limit, offset });
    },
  }),
  route({
    method: "get",
    path: "/api/search",
    operationId: "search",
    summary: "Full-text search over titles and bodies",
    tag: "articles",
    query: S.searchQuery,
    response: S.SearchPage,
    handler: async ({ query }, lib) => {
      // One extra hit tells whether another page exists without counting every match.
      const hits = await lib.search(query.q, { limit: query.limit + 1, offset: query.offset });
      const more = hits.length > query.limit;
      return {
        items: hits.slice(0, query.limit),
        total: more ? null : query.offset + hits.length,
        limit: query.limit,
        offset: query.offset,
      };
    },
  }),
  route({
    method: "post",
    path: "/api/stories/merge",
    operationId: "mergeStories",
    summary: "Merge two stories; the result keeps the id of the older one (edit.id) (needs the edit token)",
    tag: "edits",
    body: S.mergeBody,
    response: S.EditResult,
    edit: true,
    handler: async ({ body }, lib) => {
      if (body.a === body.b) throw new ApiError(400, "INVALID_INPUT", "cannot merge a story with itself");
      await requireStory(lib, body.a);
      await requireStory(lib, body.b);
      return applyEdit(lib, { op: "merge", stories: [body.a, body.b] });
    },
  }),
  route({
    method: "post",
    path: "/api/stories/{id}/split",
    operationId: "splitStory",
    summary: "Move some of a story's articles to a new story (needs the edit token)",
    tag: "edits",
    params: S.idParam,
    body: S.splitBody,
    response: S.EditResult,
    edit: true,
    handler: async ({ params, body }, lib) => {
      const story = await requireStory(lib, params.id);
      const members = new Set(story.articles);
      const outside = body.articles.filter((a) => !members.has(a));
      if (outside.length)
        throw new ApiError(
          400,
          "INVALID_INPUT",
          `not in story "${params.id}": ${outside.slice(0, 5).join(", ")}`,
        );
      if (new Set(body.articles).size >= members.size)
        throw new ApiError(400, "INVALID_INPUT", "a split must leave at least one article in the story");
      return applyEdit(lib, { op: "split", story: params.id, articles: body.articles });
    },
  }),
  route({
    method: "post",
    path: "/api/stories/{id}/rename",
    operationId: "renameStory",
    summary: "Give a story a new label (needs the edit token)",
    tag: "edits",
    params: S.idParam,
    body: S.renameBody,
    response: S.EditResult,
    edit: true,
    handler: async ({ params, body }, lib) => {
      await requireStory(lib, params.id);
      return applyEdit(lib, { op: "rename", story: params.id, label: body.label });
    },
  }),
];
