import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { analyzeText } from "../../analyze/index.js";
import { figureConflicts } from "../../corpus/conflicts/index.js";
import { Library } from "../../service/library.js";
import { dbOption, jsonOption, withStore } from "../context.js";
import { EXIT_PARTIAL, UsageError } from "../errors.js";
import { clip, paint, printJson, table } from "../format.js";
import { renderConflictsText } from "./report.js";

/** `analyze` (raw text, no store), and `quotes`, `figures`, `entities` over the store. */
export function registerAnalysisCommands(program: Command): void {
  program
    .command("analyze <files...>")
    .description(
      "analyze raw text files (no extraction, no store): sentences, entities, times, quotes, figures",
    )
    .option("--reference-date <date>", "publication date that anchors relative dates (YYYY-MM-DD)")
    .option("--json", "one JSON object per file per line (the default)")
    .action(async (files: string[], opts) => {
      const ref: string | null = opts.referenceDate ?? null;
      if (ref !== null && !/^\d{4}-\d{2}-\d{2}$/.test(ref))
        throw new UsageError(`--reference-date takes YYYY-MM-DD, got "${ref}"`);
      let failed = 0;
      for (const file of files) {
        let text: string;
        try {
          text = await readFile(file, "utf8");
        } catch (e) {
          failed++;
          console.error(
            `failed: ${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          );
          continue;
        }
        const a = analyzeText(text, ref);
        const entityOf = new Map(a.entities.map((e) => [e.key, e]));
        const out = {
          file,
          sentences: a.sentences.map((s) => ({ start: s.start, end: s.end })),
          entities: a.mentions.map((m) => ({
            start: m.start,
            end: m.end,
            text: m.text,
            type: m.type,
            entity: entityOf.get(m.entity)?.name ?? m.entity,
            key: m.entity,
          })),
          times: a.times.map((t) => ({
            start: t.start,
            end: t.end,
            text: t.text,
            type: t.type,
            value: t.value,
          })),
          quotes: a.quotes.map((q) => ({
            start: q.start,
            end: q.end,
            text: q.text,
            direct: q.direct,
            cue: q.cue,
            speaker: q.speaker
              ? {
                  start: q.speaker.start,
                  end: q.speaker.end,
                  text: q.speaker.text,
                  entity: q.speaker.entity
                    ? (entityOf.get(q.speaker.entity)?.name ?? q.speaker.entity)
                    : null,
                }
              : null,
            via: q.via,
          })),
          figures: a.figures.map((f) => ({
            start: f.start,
            end: f.end,
            text: f.text,
            value: f.value,
            unit: f.unit,
            counts: f.counts,
            source: f.source,
            ...(f.valueMax !== undefined ? { valueMax: f.valueMax } : {}),
            ...(f.approx ? { approx: f.approx } : {}),
          })),
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
      }
      if (failed) process.exitCode = EXIT_PARTIAL;
    });

  program
    .command("quotes")
    .description("quotes with speakers and the chain they travelled; copies of one wire story shown once")
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--speaker <name>", "only quotes by this speaker")
    .option("--story <id>", "only quotes in this story")
    .action(async (opts) => {
      await withStore(opts, async (store) => {
        const quotes = await new Library(store).quotes({ speaker: opts.speaker, story: opts.story });
        if (opts.json) return printJson(quotes);
        if (quotes.length === 0) return console.log("No quotes.");
        for (const q of quotes) {
          const who = q.speaker
            ? q.speakerName && q.speakerName !== q.speaker.text
              ? `${q.speakerName} ("${q.speaker.text}")`
              : q.speaker.text
            : "unattributed";
          const via = q.via.length ? ` via ${q.via.join(" → ")}` : "";
          console.log(
            `${paint("bold", who)}${via}${q.cue ? paint("dim", ` (${q.cue})`) : ""}${q.direct ? "" : paint("dim", " [indirect]")}`,
          );
          console.log(`  ${q.direct ? "“" : ""}${clip(q.text, 300)}${q.direct ? "”" : ""}`);
          console.log(
            paint(
              "dim",
              q.outlets.length
                ? `  carried by ${q.outlets.join(", ")} (${q.articles.join(", ")})`
                : `  in ${q.articles.join(", ")} (outlet unknown)`,
            ),
          );
        }
      });
    });

  program
    .command("figures")
    .description("figures (casualties, durations, amounts) with who stated them")
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--story <id>", "only figures in this story")
    .option("--storyline <id>", "only figures in this storyline")
    .option("--conflicts", "the same quantity reported with different values, side by side")
    .action(async (opts) => {
      if (opts.story && opts.storyline) throw new UsageError("use --story or --storyline, not both");
      await withStore(opts, async (store) => {
        const lib = new Library(store);
        if (opts.conflicts) {
          const conflicts = await figureConflicts(lib, { story: opts.story, storyline: opts.storyline });
          if (opts.json) return printJson(conflicts);
          return console.log(renderConflictsText(conflicts));
        }
        const figures = await lib.figures({ story: opts.story, storyline: opts.storyline });
        if (opts.json) return printJson(figures);
        if (figures.length === 0) return console.log("No figures.");
        console.log(
          table(
            ["figure", "counts", "source", "outlets", "articles"],
            figures.map((f) => [
              clip(f.text, 40),
              clip(f.counts, 30),
              clip(f.source, 30),
              clip(f.outlets.join(", "), 30),
              f.articles.join(", "),
            ]),
          ),
        );
      });
    });

  program
    .command("entities")
    .description("entities with their aliases, mention counts and articles")
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--type <type>", "only person | organization | place | facility | other")
    .action(async (opts) => {
      await withStore(opts, async (store) => {
        let ents = await new Library(store).entities();
        if (opts.type) ents = ents.filter((e) => e.type === opts.type);
        if (opts.json) return printJson(ents);
        if (ents.length === 0) return console.log("No entities.");
        console.log(
          table(
            ["entity", "type", "aliases", "mentions", "articles"],
            ents.map((e) => [
              clip(e.name, 40),
              e.type,
              clip(e.aliases.filter((a) => a !== e.name).join("; "), 50),
              e.mentions,
              e.articles.length,
            ]),
          ),
        );
      });
    });
}
