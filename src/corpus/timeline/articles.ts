/**
 * Timelines over stored articles: turns analysed articles into timeline documents (copies of one
 * wire story share one independent-source key) and runs `buildTimeline`.
 */
import { splitSentences } from "../../analyze/sentences.js";
import { extractTimes } from "../../analyze/time/index.js";
import type { Article } from "../../model/article.js";
import type { Library } from "../../service/library.js";
import { dayOf } from "./dates.js";
import { buildTimeline, type TimelineDate, type TimelineDoc, type TimelineOptions } from "./index.js";

export interface ArticleTimelineOptions extends TimelineOptions {
  /** Article id → version group id; articles missing from it are their own source. */
  groupOf?: Map<string, string>;
  /** Article id → an anchor day for undated articles (e.g. the date of the wire story they copy). Relative
   * expressions in an undated article ("Thursday", "in January") are resolved against it; the
   * article itself stays undated and gives no publication evidence. */
  anchors?: Map<string, string>;
}

/** The outlet label used everywhere in reports: name, else domain, else null. */
export function outletOf(a: Pick<Article, "outlet">): string | null {
  return a.outlet.name ?? a.outlet.domain ?? null;
}

/** One article as a timeline document. */
export function timelineDoc(a: Article, source: string, anchor: string | null = null): TimelineDoc {
  const text = a.paragraphs.join("\n\n");
  const sentences = a.analysis?.sentences ?? splitSentences(text);
  let times = a.analysis?.times;
  // Undated articles were analysed without a reference date; re-resolve against the anchor.
  if (!times || (!a.published && anchor))
    times = extractTimes(text, a.published ? dayOf(a.published) : anchor);
  return {
    id: a.id,
    outlet: outletOf(a),
    published: a.published,
    source,
    text,
    sentences,
    times,
    title: a.title,
  };
}

/** The timeline of a set of articles. */
export function timelineFromArticles(
  articles: readonly Article[],
  opts: ArticleTimelineOptions = {},
): TimelineDate[] {
  const docs = articles.map((a) =>
    timelineDoc(a, opts.groupOf?.get(a.id) ?? a.id, opts.anchors?.get(a.id) ?? null),
  );
  return buildTimeline(docs, opts);
}

export interface TimelineScope {
  story?: string;
  storyline?: string;
  dates?: number;
  perDate?: number;
}

/**
 * The timeline of a story, a storyline or the whole store (what `Library.timeline` returns).
 * An undated copy of a wire story is anchored on the first date of its version group (copies run
 * within days of each other). Other undated articles are not anchored: a story's date would be a
 * guess, and a wrongly clustered article would then put its "January" in the wrong year.
 */
export async function libraryTimeline(lib: Library, scope: TimelineScope = {}): Promise<TimelineDate[]> {
  const articles = await lib.scopeArticles({ story: scope.story, storyline: scope.storyline });
  const groupOf = await lib.groupOf();
  const anchors = new Map<string, string>();
  const undated = new Set(articles.filter((a) => !a.published).map((a) => a.id));
  if (undated.size) {
    for (const g of await lib.versionGroups()) {
      const first = g.members
        .map((m) => dayOf(m.published))
        .filter((d): d is string => d !== null)
        .sort()[0];
      if (first) for (const m of g.members) if (undated.has(m.id)) anchors.set(m.id, first);
    }
  }
  return timelineFromArticles(articles, { groupOf, anchors, dates: scope.dates, perDate: scope.perDate });
}
