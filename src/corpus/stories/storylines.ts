/**
 * Storylines: stories linked over months and years by shared salient entities and
 * vocabulary ("Russia's military presence in Syria").
 *
 * A second-level single pass over story centroids, oldest story first: each story joins
 * the storyline whose centroid is most similar (cosine ≥ `STORYLINE_THRESHOLD`, no time
 * decay: a storyline may pause for years), else starts a new one. Candidates come from an
 * inverted index over the storylines' salient terms, never all pairs. Computed on demand:
 * the story count is far smaller than the article count, and a pass over it is cheap.
 */
import { createHash } from "node:crypto";
import { Centroid, salient } from "./vectors.js";

/**
 * Cosine (0–1) a story centroid needs with a storyline centroid to join it. Looser than the
 * story threshold (stories of one storyline share actors and places, not the event's words);
 * chosen on giveme5w1h-dev so that its three North Korea events form one storyline while
 * unrelated events (a Nice truck attack, the Las Vegas shooting) stay apart, and on the seeds.
 */
export const STORYLINE_THRESHOLD = 0.15;
/** Terms of a story centroid used to compare stories (the salient core, not the long tail). */
export const STORYLINE_STORY_TERMS = 48;
/** Terms kept per storyline centroid. */
export const STORYLINE_CENTROID_TERMS = 256;
/** Storyline terms entered in the inverted index. */
export const STORYLINE_INDEX_TERMS = 24;
/** Entities (or terms, when a storyline has no entities) named in a storyline's label. */
export const STORYLINE_LABEL_ITEMS = 3;

/** A story as storyline clustering sees it. */
export interface StorylineInput {
  id: string;
  /** Opening order, to break date ties. */
  seq: number;
  /** First date in ms since epoch, NaN when undated. */
  first: number;
  articles: readonly string[];
  centroid: Centroid;
}

export interface StorylineOptions {
  threshold?: number;
}

/** Stories linked over long periods. */
export interface Storyline {
  /** Deterministic id from the storyline's first story id. */
  id: string;
  /** Its salient entities (or terms), e.g. "assad · russia · syria". */
  label: string;
  /** Story ids, oldest first. */
  stories: string[];
  /** Article ids of all its stories. */
  articles: string[];
  terms: string[];
  entities: string[];
}

/** Deterministic storyline id from its first story id. */
export function storylineIdFor(storyId: string): string {
  return "l-" + createHash("sha1").update(storyId).digest("hex").slice(0, 12);
}

/** Groups stories into storylines. `vocab` maps term ids of the centroids to strings. */
export function clusterStorylines(
  stories: readonly StorylineInput[],
  vocab: readonly string[],
  opts: StorylineOptions = {},
): Storyline[] {
  const threshold = opts.threshold ?? STORYLINE_THRESHOLD;
  const order = [...stories].sort((a, b) => {
    const fa = Number.isFinite(a.first);
    const fb = Number.isFinite(b.first);
    if (fa && fb && a.first !== b.first) return a.first - b.first;
    if (fa !== fb) return fa ? -1 : 1;
    return a.seq - b.seq;
  });
  const lines: { centroid: Centroid; stories: StorylineInput[]; indexed: Set<number> }[] = [];
  const postings = new Map<number, number[]>();
  for (const story of order) {
    const v = story.centroid.vector(STORYLINE_STORY_TERMS);
    const seen = new Set<number>();
    let best = -1;
    let bestScore = threshold;
    for (let i = 0; i < v.terms.length; i++) {
      for (const l of postings.get(v.terms[i]!) ?? []) {
        if (seen.has(l)) continue;
        seen.add(l);
        const score = lines[l]!.centroid.cosine(v);
        if (score >= bestScore && (score > bestScore || best < 0 || l < best)) {
          best = l;
          bestScore = score;
        }
      }
    }
    if (best < 0) {
      best = lines.length;
      lines.push({ centroid: new Centroid(), stories: [], indexed: new Set() });
    }
    const line = lines[best]!;
    line.stories.push(story);
    line.centroid.add(v, STORYLINE_CENTROID_TERMS);
    for (const t of line.centroid.top(STORYLINE_INDEX_TERMS)) {
      if (line.indexed.has(t)) continue;
      line.indexed.add(t);
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(best);
    }
  }
  return lines.map((line) => {
    const { terms, entities } = salient(line.centroid, vocab, 8);
    const named = entities.length > 0 ? entities : terms;
    return {
      id: storylineIdFor(line.stories[0]!.id),
      label: named.slice(0, STORYLINE_LABEL_ITEMS).join(" · "),
      stories: line.stories.map((s) => s.id),
      articles: line.stories.flatMap((s) => s.articles),
      terms,
      entities,
    };
  });
}
