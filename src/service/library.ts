/**
 * The read/edit facade over a store that the CLI, the HTTP API and the web UI share. Corpus-level
 * results (version groups, stories, storylines) are computed by the pipeline's corpus stages and kept
 * in the store's corpus state; per-article analysis lives in each article.
 */
import { mergeCorpusEntities } from "../analyze/entities/index.js";
import type { StoryEdit } from "../corpus/stories/index.js";
import { diffArticles } from "../corpus/syndication/index.js";
import { libraryTimeline } from "../corpus/timeline/articles.js";
import type { Article } from "../model/article.js";
import { applyStoryEdit, storyEdits } from "../pipeline/stories.js";
import type { ListQuery, Store } from "../store/types.js";
import { STATE_KEYS, type StoriesState, type StoryFilter, type VersionsState } from "./state.js";

export { STATE_KEYS, type StoriesState, type StoryEdit, type StoryFilter, type VersionsState };

import type {
  DiffView,
  EntityView,
  FigureView,
  ParagraphDiffView,
  QuoteView,
  StorylineView,
  StoryView,
  TimelineDateView,
  VersionGroupView,
} from "./types.js";

/** Articles matched by a story-list text filter; a story matches when one of its articles does. */
const STORY_FILTER_MAX_HITS = 5000;

export class Library {
  constructor(readonly store: Store) {}

  articles(query?: ListQuery) {
    return this.store.listArticles(query);
  }

  article(id: string, version?: number) {
    return this.store.getArticle(id, version);
  }

  search(q: string, opts?: { limit?: number; offset?: number }) {
    return this.store.search(q, opts);
  }

  async versionGroups(): Promise<VersionGroupView[]> {
    return (await this.store.getState<VersionsState>(STATE_KEYS.versions))?.groups ?? [];
  }

  async versionPairs(): Promise<[string, string, number][]> {
    return (await this.store.getState<VersionsState>(STATE_KEYS.versions))?.pairs ?? [];
  }

  async stories(filter: StoryFilter = {}): Promise<StoryView[]> {
    const all = (await this.store.getState<StoriesState>(STATE_KEYS.stories))?.stories ?? [];
    let out = all;
    if (filter.from) out = out.filter((s) => (s.lastDate ?? "") >= filter.from!);
    if (filter.to) out = out.filter((s) => s.firstDate !== null && s.firstDate.slice(0, 10) <= filter.to!);
    if (filter.outlet) {
      const o = filter.outlet.toLowerCase();
      out = out.filter((s) => s.outlets.some((x) => x.toLowerCase() === o));
    }
    if (filter.q) {
      const hits = new Set(
        (await this.store.search(filter.q, { limit: STORY_FILTER_MAX_HITS, snippets: false })).map(
          (h) => h.id,
        ),
      );
      const q = filter.q.toLowerCase();
      out = out.filter((s) => s.label.toLowerCase().includes(q) || s.articles.some((a) => hits.has(a)));
    }
    if (filter.entity) {
      const wanted = filter.entity.toLowerCase();
      const matches = (a: Article) =>
        a.analysis?.entities.some(
          (e) =>
            e.key === wanted ||
            e.name.toLowerCase() === wanted ||
            e.aliases.some((x) => x.toLowerCase() === wanted),
        ) ?? false;
      // Narrow to articles whose text contains the name (full-text index), then check their entities.
      const name = wanted.includes(":") ? wanted.slice(wanted.indexOf(":") + 1) : wanted;
      const candidates = new Set(
        (
          await this.store.search(`"${name.replace(/"/g, "")}"`, {
            limit: STORY_FILTER_MAX_HITS,
            snippets: false,
          })
        ).map((h) => h.id),
      );
      const keep: StoryView[] = [];
      for (const s of out) {
        const ids = s.articles.filter((a) => candidates.has(a));
        if (ids.length > 0 && (await this.articlesByIds(ids)).some(matches)) keep.push(s);
      }
      out = keep;
    }
    return out;
  }

  async story(id: string): Promise<StoryView | null> {
    const all = (await this.store.getState<StoriesState>(STATE_KEYS.stories))?.stories ?? [];
    return all.find((s) => s.id === id) ?? null;
  }

  async storylines(): Promise<StorylineView[]> {
    return (await this.store.getState<StoriesState>(STATE_KEYS.stories))?.storylines ?? [];
  }

  async storyline(id: string): Promise<StorylineView | null> {
    return (await this.storylines()).find((s) => s.id === id) ?? null;
  }

  /** The persisted, resolved hand edits of the story clustering. */
  storyEdits(): Promise<StoryEdit[]> {
    return storyEdits(this.store);
  }

  /** Merges, splits or renames stories; persisted, and respected by later clustering.
   * Throws `StoryEditError` for unknown stories or articles. */
  editStory(edit: StoryEdit): Promise<StoryEdit> {
    return applyStoryEdit(this.store, edit);
  }

  /** Loads articles by id, skipping unknown ids. */
  async articlesByIds(ids: string[]): Promise<Article[]> {
    const out: Article[] = [];
    for (const id of ids) {
      const a = await this.store.getArticle(id);
      if (a) out.push(a);
    }
    return out;
  }

  /** Articles in scope: a story, a storyline, or the whole store. */
  async scopeArticles(scope: { story?: string; storyline?: string } = {}): Promise<Article[]> {
    if (scope.story) {
      const s = await this.story(scope.story);
      return s ? this.articlesByIds(s.articles) : [];
    }
    if (scope.storyline) {
      const s = await this.storyline(scope.storyline);
      return s ? this.articlesByIds(s.articles) : [];
    }
    const out: Article[] = [];
    for await (const a of this.store.iterateArticles()) out.push(a);
    return out;
  }

  /** Maps each article id to its version group's id (articles in no group map to themselves). */
  async groupOf(): Promise<Map<string, string>> {
    const m = new Map<string, string>();
    for (const g of await this.versionGroups()) for (const mem of g.members) m.set(mem.id, g.id);
    return m;
  }

  async quotes(filter: { speaker?: string; story?: string; storyline?: string } = {}): Promise<QuoteView[]> {
    const arts = await this.scopeArticles(filter);
    const groupOf = await this.groupOf();
    // Speakers by their corpus-wide entity ("Bashar al Assad" in one article and "Bashar
    // al-Assad" in another are one speaker, shown by one name).
    const corpus = mergeCorpusEntities(arts.map((a) => a.analysis?.entities ?? []));
    const corpusName = new Map(corpus.entities.map((e) => [e.key, e.name]));
    const byKey = new Map<string, QuoteView>();
    for (const a of arts) {
      for (const q of a.analysis?.quotes ?? []) {
        // Copies of one wire story carry the same quote: show it once with every carrier.
        const norm = q.text
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, " ")
          .trim();
        const key = `${groupOf.get(a.id) ?? a.id}\u0000${norm}`;
        const have = byKey.get(key) ?? byKey.get(`*\u0000${norm}`);
        const outlet = a.outlet.name ?? a.outlet.domain;
        if (have) {
          if (!have.articles.includes(a.id)) have.articles.push(a.id);
          if (outlet && !have.outlets.includes(outlet)) have.outlets.push(outlet);
          continue;
        }
        const ent = q.speaker?.entity
          ? a.analysis?.entities.find((e) => e.key === q.speaker!.entity)
          : undefined;
        const corpusKey = q.speaker?.entity
          ? (corpus.keyMap.get(q.speaker.entity) ?? q.speaker.entity)
          : null;
        const speakerName = (corpusKey && corpusName.get(corpusKey)) || ent?.name || q.speaker?.text || null;
        const view: QuoteView = {
          ...q,
          speakerName,
          article: a.id,
          articles: [a.id],
          outlets: outlet ? [outlet] : [],
        };
        byKey.set(key, view);
        if (q.direct && norm.length > 40) byKey.set(`*\u0000${norm}`, view);
      }
    }
    let out = [...new Set(byKey.values())];
    if (filter.speaker) {
      const s = filter.speaker.toLowerCase();
      out = out.filter(
        (q) =>
          q.speaker &&
          (q.speaker.text.toLowerCase().includes(s) ||
            (q.speakerName ?? "").toLowerCase().includes(s) ||
            (q.speaker.entity ?? "").toLowerCase().includes(s)),
      );
    }
    return out;
  }

  async figures(filter: { story?: string; storyline?: string } = {}): Promise<FigureView[]> {
    const arts = await this.scopeArticles(filter);
    const groupOf = await this.groupOf();
    const byKey = new Map<string, FigureView>();
    for (const a of arts) {
      const text = a.paragraphs.join("\n\n");
      for (const f of a.analysis?.figures ?? []) {
        const key = `${groupOf.get(a.id) ?? a.id}\u0000${f.value}\u0000${f.unit ?? ""}\u0000${f.counts ?? ""}`;
        const outlet = a.outlet.name ?? a.outlet.domain;
        const have = byKey.get(key);
        if (have) {
          if (!have.articles.includes(a.id)) have.articles.push(a.id);
          if (outlet && !have.outlets.includes(outlet)) have.outlets.push(outlet);
          continue;
        }
        const { sentence, ...rest } = f;
        byKey.set(key, {
          ...rest,
          article: a.id,
          articles: [a.id],
          outlets: outlet ? [outlet] : [],
          sentenceText: text.slice(sentence.start, sentence.end),
        });
      }
    }
    return [...byKey.values()];
  }

  /** Entities merged across the corpus (aliases, spelling variants, surnames), with mention counts. */
  async entities(filter: { story?: string; storyline?: string } = {}): Promise<EntityView[]> {
    const arts = await this.scopeArticles(filter);
    const { entities, keyMap } = mergeCorpusEntities(arts.map((a) => a.analysis?.entities ?? []));
    const views = new Map<string, EntityView>(
      entities.map((e) => [
        e.key,
        { key: e.key, name: e.name, type: e.type, aliases: [...e.aliases], mentions: 0, articles: [] },
      ]),
    );
    for (const a of arts) {
      for (const m of a.analysis?.mentions ?? []) {
        const v = views.get(keyMap.get(m.entity) ?? m.entity);
        if (!v) continue;
        v.mentions++;
        if (v.articles[v.articles.length - 1] !== a.id) v.articles.push(a.id);
      }
    }
    return [...views.values()].sort((x, y) => y.mentions - x.mentions || x.name.localeCompare(y.name));
  }

  /** Dated events of a story, a storyline or the whole store, ranked by independent sources. */
  timeline(
    scope: { story?: string; storyline?: string; dates?: number; perDate?: number } = {},
  ): Promise<TimelineDateView[]> {
    return libraryTimeline(this, scope);
  }

  /** Resolves "id" or "id@version" to an article. */
  async articleRef(ref: string): Promise<Article | null> {
    const m = /^(.*)@(\d+)$/.exec(ref);
    const direct = await this.store.getArticle(ref);
    if (direct || !m) return direct;
    return this.store.getArticle(m[1], Number(m[2]));
  }

  /** Paragraph alignment and word-level changes from `a` (the origin side) to `b`. */
  async diff(a: string, b: string): Promise<DiffView | null> {
    const [A, B] = await Promise.all([this.articleRef(a), this.articleRef(b)]);
    if (!A || !B) return null;
    const d = diffArticles(A.paragraphs, B.paragraphs);
    return {
      a,
      b,
      share: Math.round(d.share * 1000) / 1000,
      paragraphs: d.paragraphs.map((p): ParagraphDiffView => {
        switch (p.kind) {
          case "equal":
            return { kind: "same", a: p.text, b: p.text };
          case "removed":
            return { kind: "removed", a: p.text, b: null };
          case "added":
            return { kind: "added", a: null, b: p.text };
          default:
            return {
              kind: "changed",
              a: A.paragraphs[p.origin],
              b: B.paragraphs[p.copy],
              words: p.words.map((w) =>
                w.op === "equal"
                  ? { value: w.text }
                  : w.op === "added"
                    ? { value: w.text, added: true }
                    : { value: w.text, removed: true },
              ),
            };
        }
      }),
    };
  }
}
