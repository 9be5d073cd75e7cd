import type { Command } from "commander";
import { StoryEditError } from "../../corpus/stories/index.js";
import type { StoryEdit } from "../../service/library.js";
import { Library } from "../../service/library.js";
import type { DiffView } from "../../service/types.js";
import { dbOption, jsonOption, withStore } from "../context.js";
import { UsageError } from "../errors.js";
import { clip, paint, printJson, table } from "../format.js";

const day = (d: string | null | undefined) => (d ? d.slice(0, 10) : "undated");
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Renders a diff for a terminal: removed in red, added in green, changed words inline. */
export function renderDiff(d: DiffView): string {
  const out: string[] = [
    `${paint("bold", d.a)} → ${paint("bold", d.b)}  (${pct(d.share)} of ${d.a}'s text carried)`,
  ];
  for (const p of d.paragraphs) {
    if (p.kind === "same") out.push(paint("dim", `  ${clip(p.a, 100)}`));
    else if (p.kind === "removed") out.push(paint("red", `- ${p.a}`));
    else if (p.kind === "added") out.push(paint("green", `+ ${p.b}`));
    else {
      const words = (p.words ?? [])
        .map((w) =>
          w.removed
            ? paint(["red", "strikethrough"], `[-${w.value}-]`)
            : w.added
              ? paint("green", `{+${w.value}+}`)
              : w.value,
        )
        .join("");
      out.push(`~ ${words}`);
    }
  }
  return out.join("\n");
}

/** `versions`, `diff`, `stories`, `story`, `storylines` and story edits. */
export function registerCorpusCommands(program: Command): void {
  program
    .command("versions")
    .description("list version groups: copies of one text (wire republication) with their origin")
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--pairs", "every pair of articles sharing a text origin, with containment")
    .action(async (opts) => {
      await withStore(opts, async (store) => {
        const lib = new Library(store);
        if (opts.pairs) {
          const pairs = await lib.versionPairs();
          if (opts.json) return printJson({ pairs });
          if (pairs.length === 0) return console.log("No copies found.");
          return console.log(
            table(
              ["a", "b", "containment"],
              pairs.map(([a, b, c]) => [a, b, c.toFixed(2)]),
            ),
          );
        }
        const groups = await lib.versionGroups();
        if (opts.json)
          return printJson(groups.map((g) => ({ origin: g.origin, members: g.members, id: g.id })));
        if (groups.length === 0) return console.log("No copies found.");
        for (const g of groups) {
          console.log(paint("bold", `origin ${g.origin}  (${g.members.length} versions)`));
          console.log(
            table(
              ["id", "outlet", "date", "share"],
              g.members.map((m) => [m.id, clip(m.outlet, 30), day(m.published), pct(m.share)]),
            ),
          );
          console.log();
        }
      });
    });

  program
    .command("diff <a> <b>")
    .description("added, removed and changed paragraphs between two articles (or id@version)")
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (a: string, b: string, opts) => {
      await withStore(opts, async (store) => {
        const d = await new Library(store).diff(a, b);
        if (!d) throw new UsageError(`unknown article: ${a} or ${b}`);
        if (opts.json) return printJson(d);
        console.log(renderDiff(d));
      });
    });

  program
    .command("stories")
    .description("list stories: articles about one event")
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--q <query>", "only stories matching a search")
    .option("--outlet <name>", "only stories an outlet covered")
    .option("--from <date>", "stories active on or after")
    .option("--to <date>", "stories started on or before")
    .action(async (opts) => {
      await withStore(opts, async (store) => {
        const stories = await new Library(store).stories({
          q: opts.q,
          outlet: opts.outlet,
          from: opts.from,
          to: opts.to,
        });
        if (opts.json) return printJson(stories);
        if (stories.length === 0) return console.log("No stories.");
        console.log(
          table(
            ["id", "label", "articles", "outlets", "first", "last", "first reporter"],
            stories.map((s) => [
              s.id,
              clip(s.label, 60),
              s.articles.length,
              clip(s.outlets.join(", "), 30),
              day(s.firstDate),
              day(s.lastDate),
              s.firstReporter ? `${s.firstReporter.outlet ?? s.firstReporter.id}` : "",
            ]),
          ),
        );
      });
    });

  const story = program.command("story").description("one story, or hand edits: story merge|split|rename");
  story
    .argument("[id]", "story id")
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (id: string | undefined, opts) => {
      if (!id) throw new UsageError("story needs a story id (or a subcommand: merge, split, rename)");
      await withStore(opts, async (store) => {
        const lib = new Library(store);
        const s = await lib.story(id);
        if (!s) throw new UsageError(`no story with id "${id}"`);
        const groupOf = await lib.groupOf();
        const arts = (await lib.articlesByIds(s.articles)).sort((x, y) =>
          (x.published ?? "9999").localeCompare(y.published ?? "9999"),
        );
        if (opts.json) {
          return printJson({
            ...s,
            items: arts.map((a) => ({
              id: a.id,
              title: a.title,
              outlet: a.outlet.name ?? a.outlet.domain,
              published: a.published,
              versionGroup: groupOf.get(a.id) ?? null,
            })),
          });
        }
        console.log(paint("bold", s.label));
        console.log(
          `${s.articles.length} articles, ${s.outlets.length} outlets, ${day(s.firstDate)} – ${day(s.lastDate)}`,
        );
        if (s.firstReporter)
          console.log(`first reported by ${s.firstReporter.outlet ?? "?"} (${s.firstReporter.id})`);
        console.log();
        // Version groups collapsed: one row per group, with its copies counted.
        const shown = new Set<string>();
        const rows: (string | number)[][] = [];
        for (const a of arts) {
          const g = groupOf.get(a.id);
          if (g && shown.has(g)) continue;
          if (g) shown.add(g);
          const copies = g ? arts.filter((x) => groupOf.get(x.id) === g).length - 1 : 0;
          rows.push([
            day(a.published),
            clip(a.outlet.name ?? a.outlet.domain ?? "", 28),
            a.id,
            clip(a.title, 60),
            copies ? `+${copies} copies` : "",
          ]);
        }
        console.log(table(["date", "outlet", "id", "title", ""], rows));
      });
    });

  const edit = async (opts: { db?: string }, e: StoryEdit) =>
    withStore(opts, async (store) => {
      const lib = new Library(store);
      try {
        const r = await lib.editStory(e);
        if (r.op === "merge") console.log(`merged ${r.stories[1]} into ${r.id ?? r.stories[0]}`);
        else if (r.op === "split")
          console.log(`split ${r.articles.length} articles of ${r.story} into ${r.id}`);
        else console.log(`renamed ${r.story} to "${r.label}"`);
      } catch (err) {
        if (err instanceof StoryEditError) throw new UsageError(err.message);
        throw err;
      }
    });
  story
    .command("merge <a> <b>")
    .description("merge story b into story a (persisted; later clustering respects it)")
    .addOption(dbOption())
    .action((a: string, b: string, opts) => edit(opts, { op: "merge", stories: [a, b] }));
  story
    .command("split <story> <articles...>")
    .description("move the given articles out of a story into a new one")
    .addOption(dbOption())
    .action((s: string, articles: string[], opts) => edit(opts, { op: "split", story: s, articles }));
  story
    .command("rename <story> <label...>")
    .description("set a story's label")
    .addOption(dbOption())
    .action((s: string, label: string[], opts) =>
      edit(opts, { op: "rename", story: s, label: label.join(" ") }),
    );

  program
    .command("storylines")
    .description("list storylines: stories linked over months and years")
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      await withStore(opts, async (store) => {
        const lines = await new Library(store).storylines();
        if (opts.json) return printJson(lines);
        if (lines.length === 0) return console.log("No storylines.");
        console.log(
          table(
            ["id", "label", "stories", "articles"],
            lines.map((l) => [l.id, clip(l.label, 70), l.stories.length, l.articles.length]),
          ),
        );
      });
    });
}
