/**
 * Story reports: one self-contained document with the evidence for a story — summary, timeline,
 * outlets (who came first, what each carries alone), version groups with their diffs, quotes,
 * figures and conflicting figures. `buildStoryReport` gathers it through the Library;
 * `renderReport` writes it as Markdown, HTML (escaped everywhere, inline CSS, no script, no
 * external resources) or JSON.
 */
import { compareOutlets, type StoryComparison } from "../corpus/compare/index.js";
import { type FigureConflict, findConflicts } from "../corpus/conflicts/index.js";
import { libraryTimeline } from "../corpus/timeline/articles.js";
import type { TimelineDate } from "../corpus/timeline/index.js";
import type { Library } from "../service/library.js";
import type { DiffView, FigureView, QuoteView, StoryView, VersionGroupView } from "../service/types.js";
import { renderHtml } from "./html.js";
import { renderMarkdown } from "./markdown.js";

export type ReportFormat = "md" | "html" | "json";
export const REPORT_FORMATS: readonly ReportFormat[] = ["md", "html", "json"];

/** Timeline size in a report: dates and entries per date. */
export const REPORT_TIMELINE_DATES = 30;
export const REPORT_TIMELINE_PER_DATE = 3;

export interface ReportArticle {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
}

export interface StoryReport {
  generatedAt: string;
  story: StoryView;
  summary: {
    articles: number;
    outlets: string[];
    firstDate: string | null;
    lastDate: string | null;
    firstReporter: StoryView["firstReporter"];
    storyline: string | null;
    versionGroups: number;
    quotes: number;
    figures: number;
    conflicts: number;
  };
  articles: ReportArticle[];
  timeline: TimelineDate[];
  comparison: StoryComparison;
  versionGroups: { group: VersionGroupView; diffs: DiffView[] }[];
  quotes: QuoteView[];
  figures: FigureView[];
  conflicts: FigureConflict[];
}

/** Gathers the report of one story, or null when the story does not exist. */
export async function buildStoryReport(lib: Library, storyId: string): Promise<StoryReport | null> {
  const story = await lib.story(storyId);
  if (!story) return null;
  const articles = await lib.articlesByIds(story.articles);
  const groupOf = await lib.groupOf();
  const inStory = new Set(story.articles);
  const versionGroups: StoryReport["versionGroups"] = [];
  for (const g of await lib.versionGroups()) {
    const members = g.members.filter((m) => inStory.has(m.id));
    if (members.length < 2) continue;
    const origin = members.some((m) => m.id === g.origin) ? g.origin : members[0].id;
    const diffs: DiffView[] = [];
    for (const m of members) {
      if (m.id === origin) continue;
      const d = await lib.diff(origin, m.id);
      if (d) diffs.push(d);
    }
    versionGroups.push({ group: { ...g, origin, members }, diffs });
  }
  const [timeline, quotes, figures] = await Promise.all([
    libraryTimeline(lib, { story: storyId, dates: REPORT_TIMELINE_DATES, perDate: REPORT_TIMELINE_PER_DATE }),
    lib.quotes({ story: storyId }),
    lib.figures({ story: storyId }),
  ]);
  const conflicts = findConflicts(articles, { groupOf });
  return {
    generatedAt: new Date().toISOString(),
    story,
    summary: {
      articles: articles.length,
      outlets: story.outlets,
      firstDate: story.firstDate,
      lastDate: story.lastDate,
      firstReporter: story.firstReporter,
      storyline: story.storyline,
      versionGroups: versionGroups.length,
      quotes: quotes.length,
      figures: figures.length,
      conflicts: conflicts.length,
    },
    articles: articles.map((a) => ({
      id: a.id,
      title: a.title,
      outlet: a.outlet.name ?? a.outlet.domain,
      published: a.published,
      url: a.url,
    })),
    timeline,
    comparison: compareOutlets(articles, { groupOf }),
    versionGroups,
    quotes,
    figures,
    conflicts,
  };
}

/** Renders a report in one of the formats. */
export function renderReport(report: StoryReport, format: ReportFormat): string {
  switch (format) {
    case "md":
      return renderMarkdown(report);
    case "html":
      return renderHtml(report);
    default:
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

export { renderHtml, renderMarkdown };
