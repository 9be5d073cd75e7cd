import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { compareOutlets, type StoryComparison } from "../../corpus/compare/index.js";
import type { FigureConflict } from "../../corpus/conflicts/index.js";
import { libraryTimeline } from "../../corpus/timeline/articles.js";
import type { TimelineDate } from "../../corpus/timeline/index.js";
import { buildStoryReport, REPORT_FORMATS, type ReportFormat, renderReport } from "../../report/index.js";
import { Library } from "../../service/library.js";
import { dbOption, jsonOption, withStore } from "../context.js";
import { UsageError } from "../errors.js";
import { clip, paint, printJson } from "../format.js";

/** Dates and entries per date of `storyline timeline` when not given. */
export const DEFAULT_TIMELINE_DATES = 20;
export const DEFAULT_TIMELINE_PER_DATE = 2;

function positiveInt(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${name} takes a positive whole number, got "${v}"`);
  return n;
}

/** Terminal rendering of a timeline. */
export function renderTimelineText(tl: TimelineDate[]): string {
  if (!tl.length) return "No dated events.";
  const out: string[] = [];
  for (const d of tl) {
    out.push(paint("bold", d.date));
    for (const e of d.entries) {
      out.push(`  ${clip(e.text, 300)}`);
      const who = e.outlets.length ? e.outlets.join(", ") : "unknown outlet";
      out.push(
        paint(
          "dim",
          `    ${who} (${e.articles.join(", ")}; ${e.sources} source${e.sources === 1 ? "" : "s"})`,
        ),
      );
    }
  }
  return out.join("\n");
}

/** Terminal rendering of conflicting figures (for `storyline figures --conflicts`). */
export function renderConflictsText(conflicts: FigureConflict[]): string {
  if (!conflicts.length) return "No conflicting figures.";
  const out: string[] = [];
  for (const c of conflicts) {
    out.push(paint("bold", `${c.measure}${c.about.length ? ` (${c.about.join(", ")})` : ""}`));
    for (const v of c.values) {
      for (const r of v.reports) {
        const who = r.outlets.length ? r.outlets.join(", ") : "unknown outlet";
        out.push(
          `  ${paint("bold", v.label.padEnd(10))} ${r.source ?? "unattributed"} · ${who} (${r.articles.join(", ")})`,
        );
        out.push(paint("dim", `             ${clip(r.sentence, 200)}`));
      }
    }
  }
  return out.join("\n");
}

/** Terminal rendering of an outlet comparison. */
export function renderComparisonText(c: StoryComparison): string {
  const out: string[] = [];
  if (c.first) out.push(`First: ${paint("bold", c.first.outlet)} (${c.first.article}, ${c.first.published})`);
  for (const o of c.outlets) {
    out.push("");
    out.push(paint("bold", `${o.outlet}${o.first ? " (first)" : ""}`));
    out.push(`  articles: ${o.articles.map((a) => `${a.id} (${a.published ?? "undated"})`).join(", ")}`);
    out.push(`  paragraphs only here: ${o.exclusive.length} of ${o.paragraphs}`);
    for (const p of o.exclusive) out.push(paint("dim", `    · ${clip(p.text, 160)}`));
    const q1 = o.quotes.filter((q) => q.alsoIn.length === 0);
    out.push(`  quotes: ${o.quotes.length} (${q1.length} only here)`);
    for (const q of q1) out.push(paint("dim", `    · ${q.speaker ?? "unattributed"}: ${clip(q.text, 140)}`));
    const f1 = o.figures.filter((f) => f.alsoIn.length === 0);
    out.push(`  figures: ${o.figures.length} (${f1.length} only here)`);
    for (const f of f1) out.push(paint("dim", `    · ${f.text}${f.source ? ` (${f.source})` : ""}`));
  }
  return out.join("\n").trimStart();
}

/** `timeline`, `compare` and `export`. */
export function registerReportCommands(program: Command): void {
  program
    .command("timeline")
    .description(
      "what happened when: dated events ranked by independent sources, each with its articles and outlets",
    )
    .addOption(dbOption())
    .option("--story <id>", "only this story")
    .option("--storyline <id>", "only this storyline")
    .option("--dates <n>", `how many dates (default ${DEFAULT_TIMELINE_DATES})`)
    .option("--per-date <k>", `entries per date (default ${DEFAULT_TIMELINE_PER_DATE})`)
    .addOption(jsonOption())
    .action(async (opts) => {
      if (opts.story && opts.storyline) throw new UsageError("give --story or --storyline, not both");
      const dates = positiveInt("--dates", opts.dates, DEFAULT_TIMELINE_DATES);
      const perDate = positiveInt("--per-date", opts.perDate, DEFAULT_TIMELINE_PER_DATE);
      await withStore(opts, async (store) => {
        const lib = new Library(store);
        if (opts.story && !(await lib.story(opts.story))) throw new UsageError(`no story "${opts.story}"`);
        if (opts.storyline && !(await lib.storyline(opts.storyline)))
          throw new UsageError(`no storyline "${opts.storyline}"`);
        const tl = await libraryTimeline(lib, {
          story: opts.story,
          storyline: opts.storyline,
          dates,
          perDate,
        });
        if (opts.json)
          return printJson(
            tl.map((d) => ({
              date: d.date,
              precision: d.precision,
              score: d.score,
              sources: d.sources,
              entries: d.entries.map((e) => ({
                text: e.text,
                articles: e.articles,
                outlets: e.outlets,
                sources: e.sources,
              })),
            })),
          );
        console.log(renderTimelineText(tl));
      });
    });

  program
    .command("compare <story>")
    .description(
      "how each outlet covered a story: who came first, what each carries alone, its quotes and figures",
    )
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (storyId: string, opts) => {
      await withStore(opts, async (store) => {
        const lib = new Library(store);
        const story = await lib.story(storyId);
        if (!story) throw new UsageError(`no story "${storyId}"`);
        const c = compareOutlets(await lib.articlesByIds(story.articles), { groupOf: await lib.groupOf() });
        if (opts.json) return printJson({ story: { id: story.id, label: story.label }, ...c });
        console.log(paint("bold", story.label));
        console.log(renderComparisonText(c));
      });
    });

  program
    .command("export")
    .description(
      "write a self-contained report of a story: summary, timeline, outlets, versions, quotes, figures, conflicts",
    )
    .requiredOption("--story <id>", "the story to report on")
    .option("--format <format>", `${REPORT_FORMATS.join(" | ")}`, "md")
    .option("--out <file>", "write to this file instead of standard output")
    .addOption(dbOption())
    .action(async (opts) => {
      const format = String(opts.format) as ReportFormat;
      if (!REPORT_FORMATS.includes(format))
        throw new UsageError(`--format takes ${REPORT_FORMATS.join(", ")}, got "${format}"`);
      await withStore(opts, async (store) => {
        const report = await buildStoryReport(new Library(store), opts.story);
        if (!report) throw new UsageError(`no story "${opts.story}"`);
        const text = renderReport(report, format);
        if (opts.out) {
          await writeFile(opts.out, text, "utf8");
          console.error(`wrote ${opts.out}`);
        } else process.stdout.write(text);
      });
    });
}
