/**
 * Online story clustering: each article, taken in order of publication, joins the most
 * similar existing story or opens a new one. The archive is never reclustered.
 *
 * Workflow of `assign(doc)`:
 * 1. Copies: an article whose `versionGroup` already has a story joins it without
 *    touching document frequencies or the centroid (a wire story counts once).
 * 2. Features: content words of title (weighted) and body, plus entity keys (given, or
 *    found by a capitalised-phrase heuristic), as a TF-IDF vector with incremental DF.
 * 3. Candidates: stories sharing salient terms (the article's heaviest and its headline's), from
 *    an inverted index over the top terms of each story centroid (never all pairs), ranked by
 *    the weight they share.
 * 4. Score: cosine to the story centroid, times a time factor over the days between the
 *    article and the story's date range (no decay when either is undated), above 1 when the
 *    article appears within a day of the story's first or latest article.
 * 5. Join the story whose score exceeds its join threshold by the largest ratio, else open a
 *    new story. The threshold rises with the article's length (long texts share background
 *    vocabulary with their whole topic) and, for long texts, is higher when the article or the
 *    story is undated: without time evidence, content alone must tell two events apart.
 *    A headline matching one of the story's latest headlines within two days also joins it,
 *    whatever the body says (reposts wrapped in site menus).
 *    Hand edits (merge, split) constrain steps 1, 3 and 5.
 */
import { createHash } from "node:crypto";
import { Constraints, type StoryEdit } from "./constraints.js";
import { capitalisedEntities, contentWords } from "./text.js";
import {
  clusterStorylines,
  type Storyline,
  type StorylineInput,
  type StorylineOptions,
} from "./storylines.js";
import { Centroid, ENTITY_PREFIX, type SparseVector, salient, topNormalised, Vocabulary } from "./vectors.js";

/**
 * Cosine (0–1, after time decay) a short text (a headline and snippet, up to `SHORT_TEXT_TERMS`
 * distinct words) needs with a story centroid to join it. Swept 0.10–0.20 on googlenews-TS
 * together with `MERGE_THRESHOLD`: 0.14 gives B-cubed F1 0.90, NMI 0.955 (0.10: 0.86/0.94;
 * 0.20: 0.79/0.91 without the merge pass).
 */
export const JOIN_THRESHOLD = 0.14;
/**
 * Cosine (after time decay) a full article (at least `LONG_TEXT_TERMS` distinct words) needs to
 * join a story when both carry dates. Long texts share background vocabulary with every story of
 * their topic; the dates then separate events. Swept 0.14–0.20 on giveme5w1h-dev with the time
 * factor below: 0.17 and 0.18 score B-cubed 0.955 (P 0.99) with our NER entities and with
 * capitalised phrases; at 0.16 and below a North Korea story absorbs neighbouring North Korea
 * events (P 0.90–0.97); 0.20 loses recall (0.92).
 */
export const JOIN_THRESHOLD_LONG = 0.17;
/**
 * Cosine a full article needs to join a story when the article or the story is undated. Without
 * dates nothing separates two events of one topic but content: the seed articles (four events of
 * one storyline, 2017–2024, three undated) score 0.18–0.31 with each other's stories, the highest
 * when the story is anchored on the longer wire copy. At 0.3 (length-interpolated to 0.26–0.28
 * for these ~180-word texts) they merge; 0.4 (0.35–0.38) keeps them apart in either order. The
 * cost: undated rewrites of one event scoring 0.3–0.4 open separate stories. Short texts keep
 * `JOIN_THRESHOLD` (googlenews-TS is all undated snippets, whose chance cosines are low).
 */
export const JOIN_THRESHOLD_UNDATED = 0.4;
/**
 * Distinct content words of a short text (a headline plus snippet); at or below it `JOIN_THRESHOLD`
 * applies. googlenews-TS snippets carry 18–38 (median 23); with 20, the longer snippets got
 * interpolated thresholds and B-cubed fell with `JOIN_THRESHOLD_UNDATED` (0.900 → 0.897).
 */
export const SHORT_TEXT_TERMS = 40;
/** Distinct content words of a full article; at or above it `JOIN_THRESHOLD_LONG` applies (log-linear between). */
export const LONG_TEXT_TERMS = 200;
/** Times a title word counts relative to a body word (headlines name the event; 1.5 and 3 scored lower on giveme5w1h). */
export const TITLE_WEIGHT = 2;
/** Weight of an entity key relative to a content word of equal TF-IDF (0 or 0.5: giveme5w1h B-cubed −0.03; 2: −0.02). */
export const ENTITY_WEIGHT = 1;
/** Body words read, from the start (the lead paragraphs name the event; the tail drifts into background). */
export const BODY_MAX_WORDS = 2000;
/** Terms kept per article vector, heaviest TF-IDF first (64 cost giveme5w1h 0.01 B-cubed). */
export const DOC_MAX_TERMS = 200;
/**
 * Terms of an article vector kept once it is placed (for labels, and for rebuilding centroids
 * after a hand split). 32 of 200 cut the saved state about 2× (most of it was article
 * vectors); a centroid rebuilt after a split keeps each member's heaviest terms, which carry most
 * of its weight.
 */
export const ARTICLE_KEPT_TERMS = 32;
/** Terms kept per story centroid (the story's core: 256+ let broad stories absorb neighbours, 100 fragments googlenews). */
export const CENTROID_MAX_TERMS = 150;
/** Centroid terms per story entered in the inverted index. */
export const INDEX_TERMS = 24;
/** Most recent postings scanned per term (bounds the work for very common salient terms). */
export const POSTING_SCAN = 400;
/**
 * Heaviest terms of an article (or story, when looking for a merge) looked up in the index. An
 * article's headline words are looked up as well, wherever they rank: in a long text the rare
 * words of the body outweigh them, and a story can then be missed (giveme5w1h-dev: a same-day
 * analysis of the Nice truck attack, a copy whose body is mostly site menus).
 */
export const QUERY_TERMS = 32;
/** Candidate stories compared when looking for a merge. */
export const MERGE_CANDIDATES = 10;
/** Candidate stories scored exactly per article, after ranking by shared salient weight. */
export const MAX_CANDIDATES = 40;
/**
 * Days over which the time-dependent part of the similarity halves for an article outside a
 * story's date range. With `TIME_DECAY_FLOOR` 0.4 on giveme5w1h-dev: 15 days B-cubed 0.944,
 * 30 days 0.955, 60 days 0.948 (two North Korea events merge). Without dates there is no decay.
 */
export const TIME_HALF_LIFE_DAYS = 30;
/**
 * Least time factor, however long the gap: gold events carry follow-ups months later (a release
 * of hostages, a report on a sting operation, 7–13 months on, cosines 0.45–0.5 before decay),
 * while different events of one topic a year apart score below 0.15. Pure exponential decay
 * (floor 0) scores B-cubed 0.94 on giveme5w1h-dev; floor 0.3: 0.946, 0.4: 0.955, 0.5: 0.948.
 */
export const TIME_DECAY_FLOOR = 0.4;
/**
 * Extra share of similarity (time factor 1 + bonus) for an article published within
 * `SAME_DAY_DAYS` of a story's first or latest article: coverage of one event bunches on its
 * first days, and a same-day piece on the event's people or means (a profile of the suspect, an
 * analysis of the weapon) shares less wording with the reports than follow-ups do (cosines
 * 0.10–0.12 on giveme5w1h-dev, where different events published within a day score at most
 * 0.094). Swept 0–1.5 on giveme5w1h-dev (with title terms in the query): 0 and 0.3 B-cubed
 * 0.955–0.960, 0.5–0.8 0.965 (P 0.99) with NER entities and capitalised phrases, 1.0 0.960 (P
 * 0.97), 1.5 0.91. googlenews-TS is undated, so unchanged.
 */
export const SAME_DAY_BONUS = 0.6;
/**
 * Cosine (over the distinct content words of two headlines) at which an article joins a story
 * whatever its body says, when one of the story's latest headlines, published within
 * `HEADLINE_MATCH_DAYS`, is that close: a republished report keeps its headline even when the
 * site wraps the body in menus and ads. On giveme5w1h-dev headlines of different events score
 * at most 0.43 with each other (any gap); one event's reposted headlines 0.8–1. Every value
 * from 0.4 to 0.8 scores the same there (B-cubed 0.965 → 0.969); 0.7 keeps clear of chance.
 */
export const HEADLINE_MATCH = 0.7;
/** Least content words a headline shares with another to count as a match ("Live updates" does not). */
export const HEADLINE_MIN_WORDS = 4;
/** Days between two articles within which a matching headline joins them. */
export const HEADLINE_MATCH_DAYS = 2;
/** Latest articles of a story whose headlines are compared (bounds the work for big stories). */
const HEADLINE_RECENT = 8;
/** Days within which an article counts as published with a story (full bonus; it then fades to none over as many days again). */
export const SAME_DAY_DAYS = 1;

/**
 * Cosine between two story centroids (after time decay) at which they merge, checked when a
 * story grows. Heals stories opened in two places early on: googlenews-TS B-cubed 0.86 → 0.905
 * at 0.3 (0.35: 0.901; 0.4: 0.894; 0.25: 0.89 with precision 0.86); giveme5w1h-dev unchanged.
 */
export const MERGE_THRESHOLD = 0.3;

const DAY_MS = 86_400_000;
/** Salient terms and entities listed per story. */
const STORY_LABEL_TERMS = 8;

/** An article as the clusterer sees it. */
export interface StoryDoc {
  id: string;
  title?: string | null;
  /** Body text (paragraphs joined by blank lines). */
  text: string;
  /** ISO date or timestamp of publication, or null when undated. */
  published: string | null;
  /** Entity keys of the article; when absent, a capitalised-phrase detector runs on the body. */
  entities?: string[];
  /** Key of the article's version group (wire copies): members go to one story and count once. */
  versionGroup?: string | null;
}

/** Tunables; defaults are the documented constants. */
export interface StoryClustererOptions {
  joinThreshold?: number;
  joinThresholdLong?: number;
  joinThresholdUndated?: number;
  shortTextTerms?: number;
  titleWeight?: number;
  decayFloor?: number;
  sameDayBonus?: number;
  entityWeight?: number;
  bodyMaxWords?: number;
  docMaxTerms?: number;
  centroidMaxTerms?: number;
  indexTerms?: number;
  maxCandidates?: number;
  timeHalfLifeDays?: number;
  mergeThreshold?: number;
  /** Run the capitalised-phrase detector when a doc carries no `entities` (default true). */
  detectEntities?: boolean;
  /** Resolved hand edits to respect (from `applyEdit`), in the order they were made. */
  edits?: StoryEdit[];
}

/**
 * Serialised clusterer state (`toJSON` / `fromJSON`): only what is needed to continue (the
 * vocabulary, article vectors, stories, version groups and edits). Tunables are not saved: a
 * restored clusterer runs with the code's current constants.
 */
export interface StoryClustererState {
  /** 2; version 1 states also carried their tunables, which are ignored when restoring. */
  version: 1 | 2;
  /** Tunables saved by version 1 states; ignored. */
  options?: unknown;
  vocab: { terms: string[]; df: number[]; docs: number };
  articles: {
    id: string;
    title: string;
    time: number | null;
    story: number;
    terms: number[];
    weights: number[];
    counted: boolean;
    group: string | null;
  }[];
  stories: {
    id: string;
    articles: string[];
    centroid: [number[], number[]];
    first: number | null;
    last: number | null;
    into: number;
  }[];
  groups: [string, number][];
  edits: StoryEdit[];
}

/** A story: articles about one event. */
export interface Story {
  id: string;
  /** A representative headline (the title closest to the centroid), or the pinned label. */
  label: string;
  /** Whether the label was set by hand. */
  labelPinned: boolean;
  /** Article ids in assignment order. */
  articles: string[];
  /** Earliest and latest publication date (ISO), null when no article is dated. */
  firstDate: string | null;
  lastDate: string | null;
  /** Heaviest centroid terms and entities (entities without prefix), heaviest first. */
  terms: string[];
  entities: string[];
}

interface ArticleRec {
  id: string;
  title: string;
  time: number; // ms since epoch, NaN when undated
  story: number; // index into stories (may point to a merged-away story: follow `into`)
  vector: SparseVector;
  /** False for a copy whose version group is already counted: it adds nothing to DF or centroid. */
  counted: boolean;
  group: string | null;
}

interface StoryRec {
  id: string;
  seq: number;
  articles: string[];
  centroid: Centroid;
  first: number;
  last: number;
  indexed: Set<number>;
  /** Index of the story this one was merged into, or -1 while alive. */
  into: number;
  /** Constraint components present (for cannot-link checks). */
  components: Set<number>;
}

/** A hand edit that cannot apply (unknown story or article). */
export class StoryEditError extends Error {
  readonly code = "STORY_EDIT_INVALID";
}

/** The first `k` (heaviest) terms of a vector sorted by weight, as compact copies. */
function truncate(v: SparseVector, k: number): SparseVector {
  if (v.terms.length <= k) return v;
  return { terms: v.terms.slice(0, k), weights: v.weights.slice(0, k), distinct: v.distinct };
}

/** Orders times ascending with undated (NaN) last. */
function timeOrder(a: number, b: number): number {
  const fa = Number.isFinite(a);
  const fb = Number.isFinite(b);
  if (fa && fb) return a - b;
  return fa === fb ? 0 : fa ? -1 : 1;
}

/** Deterministic story id from its anchor (first) article id. */
export function storyIdFor(articleId: string): string {
  return "s-" + createHash("sha1").update(articleId).digest("hex").slice(0, 12);
}

function parseTime(published: string | null | undefined): number {
  if (!published) return Number.NaN;
  const t = Date.parse(published);
  return Number.isFinite(t) ? t : Number.NaN;
}

function isoDay(t: number): string | null {
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : null;
}

/** Online clusterer of articles into stories. */
export class StoryClusterer {
  private readonly o: Required<Omit<StoryClustererOptions, "edits">>;
  private vocab = new Vocabulary();
  private articles = new Map<string, ArticleRec>();
  private recs: StoryRec[] = [];
  private byId = new Map<string, number>();
  private groups = new Map<string, number>();
  private compStory = new Map<number, number>();
  private postings = new Map<number, number[]>();
  private constraints = new Constraints();
  private edits: StoryEdit[] = [];
  // Scratch for candidate ranking, sized to the number of stories.
  private acc = new Float64Array(1024);

  constructor(opts: StoryClustererOptions = {}) {
    this.o = {
      joinThreshold: opts.joinThreshold ?? JOIN_THRESHOLD,
      joinThresholdLong: opts.joinThresholdLong ?? JOIN_THRESHOLD_LONG,
      joinThresholdUndated: opts.joinThresholdUndated ?? JOIN_THRESHOLD_UNDATED,
      shortTextTerms: opts.shortTextTerms ?? SHORT_TEXT_TERMS,
      titleWeight: opts.titleWeight ?? TITLE_WEIGHT,
      decayFloor: opts.decayFloor ?? TIME_DECAY_FLOOR,
      sameDayBonus: opts.sameDayBonus ?? SAME_DAY_BONUS,
      entityWeight: opts.entityWeight ?? ENTITY_WEIGHT,
      bodyMaxWords: opts.bodyMaxWords ?? BODY_MAX_WORDS,
      docMaxTerms: opts.docMaxTerms ?? DOC_MAX_TERMS,
      centroidMaxTerms: opts.centroidMaxTerms ?? CENTROID_MAX_TERMS,
      indexTerms: opts.indexTerms ?? INDEX_TERMS,
      maxCandidates: opts.maxCandidates ?? MAX_CANDIDATES,
      timeHalfLifeDays: opts.timeHalfLifeDays ?? TIME_HALF_LIFE_DAYS,
      detectEntities: opts.detectEntities ?? true,
      mergeThreshold: opts.mergeThreshold ?? MERGE_THRESHOLD,
    };
    for (const e of opts.edits ?? []) {
      this.constraints.add(e);
      this.edits.push(e);
    }
  }

  /** Number of articles assigned. */
  get size(): number {
    return this.articles.size;
  }

  /** Story id of an assigned article, or undefined. */
  storyOf(articleId: string): string | undefined {
    const a = this.articles.get(articleId);
    return a ? this.recs[this.live(a.story)]!.id : undefined;
  }

  /** Assigns one article (in publication order) and returns its story id. Re-assigning an id returns its story. */
  assign(doc: StoryDoc): string {
    const known = this.articles.get(doc.id);
    if (known) return this.recs[this.live(known.story)]!.id;
    const time = parseTime(doc.published);
    const comp = this.constraints.component(doc.id);
    const title = (doc.title ?? "").trim();

    // 1. Copies of a wire story already placed, or articles bound by a hand merge.
    const forced = this.forcedStory(doc, comp);
    if (forced) {
      // A copy counts once: it adds nothing to the frequencies or the centroid.
      const vector = this.vectorize(doc, !forced.copy);
      const rec = { id: doc.id, title, time, story: forced.idx, vector, counted: !forced.copy };
      return this.place({ ...rec, group: doc.versionGroup ?? null }, comp);
    }

    // 2. Features.
    const vector = this.vectorize(doc, true);

    // 3–5. Candidates, score, join or open.
    let best = -1;
    let bestMargin = 0;
    const distinct = vector.distinct ?? 0;
    const tDated = this.threshold(distinct, true);
    const tUndated = this.threshold(distinct, false);
    const articleDated = Number.isFinite(time);
    for (const c of this.candidates(vector, this.o.maxCandidates)) {
      const s = this.recs[c]!;
      if (comp !== undefined && !this.allowed(s, comp)) continue;
      const score = s.centroid.cosine(vector) * this.decay(s, time);
      const t = articleDated && Number.isFinite(s.first) ? tDated : tUndated;
      let margin = score / t;
      if (margin < 1 && articleDated && vector.title && vector.title.size >= HEADLINE_MIN_WORDS) {
        const h = this.headlineMatch(s, vector.title, time);
        if (h >= HEADLINE_MATCH) margin = h / HEADLINE_MATCH;
      }
      if (margin >= 1 && (margin > bestMargin || (margin === bestMargin && s.seq < this.recs[best]!.seq))) {
        best = c;
        bestMargin = margin;
      }
    }

    const joined = best >= 0;
    if (best < 0) best = this.openStory(doc.id, comp);
    const rec = { id: doc.id, title, time, story: best, vector, counted: true };
    const id = this.place({ ...rec, group: doc.versionGroup ?? null }, comp);
    // 6. A story that grew may now be close enough to another story to merge with it.
    if (joined && this.o.mergeThreshold < 1) return this.mergeNeighbours(best);
    return id;
  }

  /**
   * Merges the story with the most similar other story when their centroids (after time
   * decay between their date ranges) reach `mergeThreshold`: the younger story joins the older.
   * Candidates come from the inverted index, as for articles. Returns the surviving story id.
   */
  private mergeNeighbours(idx: number): string {
    const s = this.recs[idx]!;
    const probe = s.centroid.vector(QUERY_TERMS);
    let best = -1;
    let bestScore = this.o.mergeThreshold;
    for (const c of this.candidates(probe, MERGE_CANDIDATES)) {
      if (c === idx) continue;
      const t = this.recs[c]!;
      if (!this.compatibleStories(s, t)) continue;
      const score = s.centroid.cosineCentroid(t.centroid) * this.rangeDecay(s, t);
      if (score >= bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best < 0) return s.id;
    const [keep, gone] = this.recs[best]!.seq < s.seq ? [best, idx] : [idx, best];
    this.mergeInto(keep, gone);
    return this.recs[keep]!.id;
  }

  /** Moves all articles of story `gone` into story `keep`. */
  private mergeInto(keep: number, gone: number): void {
    const k = this.recs[keep]!;
    const g = this.recs[gone]!;
    for (const a of g.articles) {
      k.articles.push(a);
      this.articles.get(a)!.story = keep;
    }
    g.articles = [];
    this.extendDates(k, g.first);
    this.extendDates(k, g.last);
    for (const c of g.components) {
      k.components.add(c);
      this.compStory.set(c, keep);
    }
    k.centroid.addCentroid(g.centroid, this.o.centroidMaxTerms);
    g.into = keep;
    this.reindex(keep);
  }

  private compatibleStories(a: StoryRec, b: StoryRec): boolean {
    for (const c of a.components) if (!this.allowed(b, c)) return false;
    return true;
  }

  /** Time decay between two stories' date ranges. */
  private rangeDecay(a: StoryRec, b: StoryRec): number {
    if (!Number.isFinite(a.first) || !Number.isFinite(b.first)) return 1;
    const gap = Math.max(0, a.first - b.last, b.first - a.last);
    return gap === 0 ? 1 : this.decayOf(gap);
  }

  /** Records an article in its story and updates the story's dates, centroid and index. */
  private place(rec: ArticleRec, comp: number | undefined): string {
    this.articles.set(rec.id, rec);
    const s = this.recs[rec.story]!;
    s.articles.push(rec.id);
    this.extendDates(s, rec.time);
    if (comp !== undefined) {
      s.components.add(comp);
      this.compStory.set(comp, rec.story);
    }
    if (rec.group) this.groups.set(rec.group, rec.story);
    if (rec.counted) this.addToStory(rec.story, rec.vector);
    // Kept afterwards only to pick labels and to rebuild a centroid after a split: the heaviest
    // terms are enough, and the full vector would dominate memory and saved state.
    rec.vector = truncate(rec.vector, ARTICLE_KEPT_TERMS);
    return s.id;
  }

  // ---------------------------------------------------------------------------------------------
  // Reading the stories

  /** Live stories, oldest first (by first date, then by opening order). */
  stories(): Story[] {
    const out: { s: Story; seq: number; first: number }[] = [];
    for (const rec of this.recs) {
      if (rec.into >= 0 || rec.articles.length === 0) continue;
      out.push({ s: this.describe(rec), seq: rec.seq, first: rec.first });
    }
    out.sort((a, b) => timeOrder(a.first, b.first) || a.seq - b.seq);
    return out.map((x) => x.s);
  }

  /** One story by id, or undefined. */
  story(id: string): Story | undefined {
    const idx = this.byId.get(id);
    if (idx === undefined) return undefined;
    const rec = this.recs[idx]!;
    return rec.into >= 0 || rec.articles.length === 0 ? undefined : this.describe(rec);
  }

  /** Storylines over the live stories (computed on demand; see storylines.ts). */
  storylines(opts: StorylineOptions = {}): Storyline[] {
    const inputs: StorylineInput[] = [];
    for (const rec of this.recs) {
      if (rec.into >= 0 || rec.articles.length === 0) continue;
      inputs.push({
        id: rec.id,
        seq: rec.seq,
        first: rec.first,
        articles: rec.articles,
        centroid: rec.centroid,
      });
    }
    return clusterStorylines(inputs, this.vocab.terms, opts);
  }

  private describe(rec: StoryRec): Story {
    const pinned = this.constraints.labels.get(rec.id);
    const { terms, entities } = salient(rec.centroid, this.vocab.terms, STORY_LABEL_TERMS);
    return {
      id: rec.id,
      label: pinned ?? this.representativeTitle(rec) ?? terms.slice(0, 5).join(" "),
      labelPinned: pinned !== undefined,
      articles: [...rec.articles],
      firstDate: isoDay(rec.first),
      lastDate: isoDay(rec.last),
      terms,
      entities,
    };
  }

  /** The title of the article closest to the centroid (ties: the earliest assigned). */
  private representativeTitle(rec: StoryRec): string | null {
    let best: string | null = null;
    let bestScore = -1;
    for (const id of rec.articles) {
      const a = this.articles.get(id)!;
      if (!a.title) continue;
      const score = rec.centroid.cosine(a.vector);
      if (score > bestScore) {
        best = a.title;
        bestScore = score;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------------------------------------
  // Hand edits

  /** Resolved edits applied so far (given at construction, then through `applyEdit`), to persist. */
  editLog(): StoryEdit[] {
    return [...this.edits];
  }

  /**
   * Applies a hand edit now and records it so that later articles (and a replay with
   * `{ edits }`) respect it. Returns the resolved edit (with article ids and the resulting
   * story id), which is what to persist. Throws `StoryEditError` for unknown stories or articles.
   */
  applyEdit(edit: StoryEdit): StoryEdit {
    let resolved: StoryEdit;
    if (edit.op === "rename") {
      this.requireStory(edit.story);
      resolved = { op: "rename", story: edit.story, label: edit.label };
      this.constraints.add(resolved);
    } else if (edit.op === "merge") {
      const a = this.requireStory(edit.stories[0]);
      const b = this.requireStory(edit.stories[1]);
      const [keep, gone] = this.recs[a]!.seq <= this.recs[b]!.seq ? [a, b] : [b, a];
      const articles = [...this.recs[keep]!.articles, ...(keep === gone ? [] : this.recs[gone]!.articles)];
      resolved = {
        op: "merge",
        stories: [edit.stories[0], edit.stories[1]],
        articles,
        id: this.recs[keep]!.id,
      };
      this.constraints.add(resolved);
      if (keep !== gone) this.mergeInto(keep, gone);
      this.refreshComponents(keep);
    } else {
      const from = this.requireStory(edit.story);
      const src = this.recs[from]!;
      const taking = new Set(edit.articles);
      for (const id of taking) {
        if (!src.articles.includes(id))
          throw new StoryEditError(`article ${id} is not in story ${edit.story}`);
      }
      const rest = src.articles.filter((id) => !taking.has(id));
      const articles = src.articles.filter((id) => taking.has(id));
      const id =
        "s-" +
        createHash("sha1")
          .update(`${src.id}/${[...articles].sort().join("\u0000")}`)
          .digest("hex")
          .slice(0, 12);
      resolved = { op: "split", story: src.id, articles, rest, id };
      this.constraints.add(resolved);
      if (rest.length > 0 && articles.length > 0) {
        const to = this.openStory(articles[0]!, undefined, id);
        this.recs[to]!.articles = articles;
        src.articles = rest;
        for (const a of articles) this.articles.get(a)!.story = to;
        this.rebuild(from);
        this.rebuild(to);
      }
    }
    this.edits.push(resolved);
    return resolved;
  }

  private requireStory(id: string): number {
    const idx = this.byId.get(id);
    if (idx === undefined) throw new StoryEditError(`unknown story ${id}`);
    const live = this.live(idx);
    if (this.recs[live]!.articles.length === 0) throw new StoryEditError(`story ${id} is empty`);
    return live;
  }

  /** Recomputes a story's centroid (each version group counted once), dates, components and index. */
  private rebuild(idx: number): void {
    const s = this.recs[idx]!;
    s.centroid = new Centroid();
    s.first = Number.NaN;
    s.last = Number.NaN;
    const groups = new Set<string>();
    for (const id of s.articles) {
      const a = this.articles.get(id)!;
      this.extendDates(s, a.time);
      if (a.group) {
        if (groups.has(a.group)) continue;
        groups.add(a.group);
        this.groups.set(a.group, idx);
      } else if (!a.counted) continue;
      s.centroid.add(a.vector, Number.POSITIVE_INFINITY);
    }
    s.centroid.prune(this.o.centroidMaxTerms);
    s.indexed = new Set();
    this.reindex(idx);
    this.refreshComponents(idx);
  }

  /** Recomputes which constraint components a story holds. */
  private refreshComponents(idx: number): void {
    const s = this.recs[idx]!;
    s.components = new Set();
    for (const id of s.articles) {
      const c = this.constraints.component(id);
      if (c !== undefined) {
        s.components.add(c);
        this.compStory.set(c, idx);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Persistence

  /** The whole state as plain JSON data (vocabulary, article vectors, story centroids, edits). */
  toJSON(): StoryClustererState {
    const round = (x: number) => Math.round(x * 1e4) / 1e4;
    return {
      version: 2,
      vocab: this.vocab.toJSON(),
      articles: [...this.articles.values()].map((a) => ({
        id: a.id,
        title: a.title,
        time: Number.isFinite(a.time) ? a.time : null,
        story: a.story,
        terms: Array.from(a.vector.terms),
        weights: Array.from(a.vector.weights, round),
        counted: a.counted,
        group: a.group,
      })),
      stories: this.recs.map((r) => ({
        id: r.id,
        articles: r.articles,
        centroid: r.centroid.toJSON(),
        first: Number.isFinite(r.first) ? r.first : null,
        last: Number.isFinite(r.last) ? r.last : null,
        into: r.into,
      })),
      groups: [...this.groups.entries()],
      edits: this.edits,
    };
  }

  /**
   * Restores a clusterer saved with `toJSON`. It runs with the current constants (or `opts`),
   * never with tunables an older state may carry, so a store made by older code follows the
   * thresholds of the code that reads it.
   */
  static fromJSON(state: StoryClustererState, opts: StoryClustererOptions = {}): StoryClusterer {
    if (state.version !== 1 && state.version !== 2)
      throw new Error(`unsupported story clusterer state version ${state.version}`);
    const c = new StoryClusterer({ ...opts, edits: state.edits });
    c.vocab = Vocabulary.fromJSON(state.vocab);
    for (const a of state.articles) {
      c.articles.set(a.id, {
        id: a.id,
        title: a.title,
        time: a.time ?? Number.NaN,
        story: a.story,
        vector: { terms: Int32Array.from(a.terms), weights: Float32Array.from(a.weights) },
        counted: a.counted,
        group: a.group,
      });
    }
    state.stories.forEach((r, idx) => {
      c.openStory(r.id, undefined, r.id);
      const rec = c.recs[idx]!;
      rec.articles = r.articles;
      rec.centroid = Centroid.fromJSON(r.centroid);
      rec.first = r.first ?? Number.NaN;
      rec.last = r.last ?? Number.NaN;
      rec.into = r.into;
    });
    for (const [g, idx] of state.groups) c.groups.set(g, idx);
    c.recs.forEach((rec, idx) => {
      if (rec.into >= 0) return;
      c.reindex(idx);
      c.refreshComponents(idx);
    });
    return c;
  }

  // ---------------------------------------------------------------------------------------------
  // Features

  /** TF-IDF vector of a document; counts it in the document frequencies when `count`. */
  private vectorize(doc: StoryDoc, count: boolean): SparseVector {
    const o = this.o;
    const tf = new Map<number, number>();
    const add = (words: string[], n: number, by: number) => {
      for (let i = 0; i < n; i++) this.bump(tf, words[i]!, by);
    };
    const title = new Set<number>();
    if (doc.title) {
      const t = contentWords(doc.title);
      add(t, t.length, o.titleWeight);
      for (const w of t) title.add(this.vocab.intern(w));
    }
    const body = contentWords(doc.text);
    add(body, Math.min(body.length, o.bodyMaxWords), 1);
    const ents = new Map<number, number>();
    if (o.entityWeight > 0) {
      const keys = doc.entities ?? (o.detectEntities ? capitalisedEntities(this.head(doc.text)) : []);
      for (const k of keys) this.bump(ents, ENTITY_PREFIX + k.toLowerCase(), 1);
    }
    if (count) this.vocab.countDocument([...tf.keys(), ...ents.keys()]);
    const w = new Map<number, number>();
    for (const [t, c] of tf) w.set(t, (1 + Math.log(c)) * this.vocab.idf(t));
    for (const [t, c] of ents) w.set(t, o.entityWeight * (1 + Math.log(c)) * this.vocab.idf(t));
    const v = topNormalised(w, o.docMaxTerms);
    v.distinct = tf.size;
    if (title.size > 0) v.title = title;
    return v;
  }

  private bump(m: Map<number, number>, term: string, by: number): void {
    const id = this.vocab.intern(term);
    m.set(id, (m.get(id) ?? 0) + by);
  }

  /** The start of a body, about `bodyMaxWords` words (entities are read from the same span as words). */
  private head(text: string): string {
    const approxChars = this.o.bodyMaxWords * 12;
    return text.length > approxChars ? text.slice(0, approxChars) : text;
  }

  // ---------------------------------------------------------------------------------------------
  // Candidates and scoring

  /**
   * Join threshold for an article with `distinct` content words: `joinThreshold` for a
   * snippet, rising with log length to `joinThresholdLong` for a full article. Long texts
   * share background vocabulary (places, actors, the war) with every story of their topic,
   * so their chance cosines are higher; short texts share few words even within a story.
   */
  private threshold(distinct: number, dated: boolean): number {
    const o = this.o;
    const x =
      (Math.log(Math.max(distinct, 1)) - Math.log(o.shortTextTerms)) /
      Math.log(LONG_TEXT_TERMS / o.shortTextTerms);
    const f = Math.min(1, Math.max(0, x));
    const long = dated ? o.joinThresholdLong : o.joinThresholdUndated;
    return o.joinThreshold + f * (long - o.joinThreshold);
  }

  /**
   * Stories sharing salient terms with the vector (its `queryTerms` heaviest), ranked by the
   * article weight they share, at most `limit`, merged-away stories excluded.
   */
  private candidates(v: SparseVector, limit: number): number[] {
    const acc = this.acc;
    const touched: number[] = [];
    const n = Math.min(v.terms.length, QUERY_TERMS);
    const title = v.title;
    for (let i = 0; i < v.terms.length; i++) {
      if (i >= n && (title === undefined || !title.has(v.terms[i]!))) continue;
      const list = this.postings.get(v.terms[i]!);
      if (!list) continue;
      const w = v.weights[i]!;
      const from = Math.max(0, list.length - POSTING_SCAN);
      for (let j = from; j < list.length; j++) {
        const s = list[j]!;
        if (acc[s] === 0) touched.push(s);
        acc[s] += w;
      }
    }
    let out = touched;
    if (out.length > limit) {
      out.sort((a, b) => acc[b]! - acc[a]! || a - b);
      out = out.slice(0, limit);
    }
    for (const s of touched) acc[s] = 0;
    return out.filter((s) => this.recs[s]!.into < 0);
  }

  /**
   * Time factor between an article and a story (1 when either is undated): the decay over the
   * days outside the story's date range, raised by the same-day bonus when the article is
   * within a day or so of the story's first or latest article.
   */
  private decay(s: StoryRec, time: number): number {
    if (!Number.isFinite(time) || !Number.isFinite(s.first)) return 1;
    const gap = time < s.first ? s.first - time : time > s.last ? time - s.last : 0;
    const near = Math.min(Math.abs(time - s.first), Math.abs(time - s.last));
    return (gap === 0 ? 1 : this.decayOf(gap)) * this.sameDay(near);
  }

  /**
   * Highest cosine (over distinct content words) between a headline and the headlines of the
   * story's latest `HEADLINE_RECENT` articles published within `HEADLINE_MATCH_DAYS` of it; 0
   * when none is that close in time.
   */
  private headlineMatch(s: StoryRec, title: Set<number>, time: number): number {
    if (!Number.isFinite(s.last) || Math.abs(time - s.last) > HEADLINE_MATCH_DAYS * DAY_MS) return 0;
    let best = 0;
    for (let i = s.articles.length - 1, seen = 0; i >= 0 && seen < HEADLINE_RECENT; i--, seen++) {
      const a = this.articles.get(s.articles[i]!)!;
      if (!a.title || !(Math.abs(time - a.time) <= HEADLINE_MATCH_DAYS * DAY_MS)) continue;
      const other = new Set<number>();
      for (const w of contentWords(a.title)) {
        const id = this.vocab.lookup(w);
        if (id !== undefined) other.add(id);
      }
      let shared = 0;
      for (const t of other) if (title.has(t)) shared++;
      if (shared < HEADLINE_MIN_WORDS) continue;
      best = Math.max(best, shared / Math.sqrt(title.size * other.size));
    }
    return best;
  }

  /** 1 + `sameDayBonus` within `SAME_DAY_DAYS`, fading linearly to 1 over the next `SAME_DAY_DAYS`. */
  private sameDay(near: number): number {
    const b = this.o.sameDayBonus;
    if (b === 0) return 1;
    const days = near / DAY_MS;
    const f = days <= SAME_DAY_DAYS ? 1 : Math.max(0, 2 - days / SAME_DAY_DAYS);
    return 1 + b * f;
  }

  /**
   * Time factor for a gap in ms: the part of the similarity owed to one unfolding event halves
   * every `timeHalfLifeDays`, but never below `decayFloor`: follow-ups, anniversaries and trials
   * come back to an event months later, and beyond a few months the gap says little more.
   */
  private decayOf(gap: number): number {
    const f = this.o.decayFloor;
    return f + (1 - f) * 0.5 ** (gap / DAY_MS / this.o.timeHalfLifeDays);
  }

  // ---------------------------------------------------------------------------------------------
  // Story bookkeeping

  private openStory(anchor: string, comp: number | undefined, fixedId?: string): number {
    const idx = this.recs.length;
    let id = fixedId ?? ((comp !== undefined && this.constraints.idOf(comp)) || storyIdFor(anchor));
    if (this.byId.has(id)) id = storyIdFor(`${id}/${anchor}`);
    this.recs.push({
      id,
      seq: idx,
      articles: [],
      centroid: new Centroid(),
      first: Number.NaN,
      last: Number.NaN,
      indexed: new Set(),
      into: -1,
      components: new Set(),
    });
    this.byId.set(id, idx);
    if (idx >= this.acc.length) {
      const grown = new Float64Array(this.acc.length * 2);
      grown.set(this.acc);
      this.acc = grown;
    }
    return idx;
  }

  private extendDates(s: StoryRec, time: number): void {
    if (!Number.isFinite(time)) return;
    if (!Number.isFinite(s.first) || time < s.first) s.first = time;
    if (!Number.isFinite(s.last) || time > s.last) s.last = time;
  }

  private addToStory(idx: number, v: SparseVector): void {
    const s = this.recs[idx]!;
    s.centroid.add(v, this.o.centroidMaxTerms);
    this.reindex(idx);
  }

  /** Refreshes the story's postings to its current top terms (stale postings are skipped lazily). */
  private reindex(idx: number): void {
    const s = this.recs[idx]!;
    const top = s.centroid.top(this.o.indexTerms);
    const now = new Set(top);
    for (const t of top) {
      if (s.indexed.has(t)) continue;
      let list = this.postings.get(t);
      if (!list) this.postings.set(t, (list = []));
      list.push(idx);
      if (list.length > 2 * POSTING_SCAN) this.compact(t, list);
    }
    s.indexed = now;
  }

  /** Drops postings of stories that no longer index the term, or were merged away, and duplicates. */
  private compact(term: number, list: number[]): void {
    const seen = new Set<number>();
    const kept: number[] = [];
    for (let j = list.length - 1; j >= 0; j--) {
      const s = list[j]!;
      const rec = this.recs[s]!;
      if (seen.has(s) || rec.into >= 0 || !rec.indexed.has(term)) continue;
      seen.add(s);
      kept.push(s);
    }
    kept.reverse();
    this.postings.set(term, kept);
  }

  /** Follows merges to the live story. */
  private live(idx: number): number {
    while (this.recs[idx]!.into >= 0) idx = this.recs[idx]!.into;
    return idx;
  }

  /** The story an article must join: its must-link component's, or its version group's. */
  private forcedStory(doc: StoryDoc, comp: number | undefined): { idx: number; copy: boolean } | undefined {
    const g = doc.versionGroup ? this.groups.get(doc.versionGroup) : undefined;
    const gIdx = g === undefined ? -1 : this.live(g);
    if (comp !== undefined) {
      const c = this.compStory.get(comp);
      if (c !== undefined) {
        const idx = this.live(c);
        return { idx, copy: idx === gIdx };
      }
    }
    if (gIdx >= 0 && (comp === undefined || this.allowed(this.recs[gIdx]!, comp)))
      return { idx: gIdx, copy: true };
    return undefined;
  }

  private allowed(s: StoryRec, comp: number): boolean {
    for (const c of s.components) if (!this.constraints.compatible(c, comp)) return false;
    return true;
  }
}
