import type { Command } from "commander";
import { articleText } from "../../model/article.js";
import { dbOption, jsonOption, withStore } from "../context.js";
import { UsageError } from "../errors.js";
import { clip, paint, printJson, table } from "../format.js";

/** `storyline articles`, `storyline show <id>`, `storyline search <query>`. */
export function registerArticleCommands(program: Command): void {
  program
    .command("articles")
    .description("list stored articles: id, outlet, date, title")
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--outlet <name>", "only this outlet (name or domain)")
    .option("--from <date>", "published on or after (YYYY-MM-DD)")
    .option("--to <date>", "published on or before (YYYY-MM-DD)")
    .option("--limit <n>", "at most n rows", (v) => parsePositiveInt(v, "--limit"))
    .action(async (opts) => {
      await withStore(opts, async (store) => {
        const rows = await store.listArticles({
          outlet: opts.outlet,
          from: opts.from,
          to: opts.to,
          limit: opts.limit,
        });
        if (opts.json) return printJson(rows);
        if (rows.length === 0) return console.log("No articles. Add some with: storyline ingest <paths...>");
        console.log(
          table(
            ["id", "outlet", "date", "title"],
            rows.map((r) => [
              r.id,
              clip(r.outlet, 28),
              r.published ? r.published.slice(0, 10) : "undated",
              clip(r.title, 70),
            ]),
          ),
        );
      });
    });

  program
    .command("show <id>")
    .description("show one article: metadata, clean body and the removed chrome lines")
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--version <n>", "an earlier version", (v) => parsePositiveInt(v, "--version"))
    .action(async (id: string, opts) => {
      await withStore(opts, async (store) => {
        const a = await store.getArticle(id, opts.version);
        if (!a)
          throw new UsageError(
            `no article with id "${id}"${opts.version ? ` at version ${opts.version}` : ""}`,
          );
        if (opts.json) return printJson(a);
        const versions = await store.listVersions(id);
        const meta: [string, string][] = [
          ["id", a.id],
          ["title", a.title ?? "(untitled)"],
          [
            "outlet",
            [
              a.outlet.name,
              a.outlet.domain && a.outlet.domain !== a.outlet.name ? `(${a.outlet.domain})` : "",
            ]
              .filter(Boolean)
              .join(" ") || "unknown",
          ],
          ["byline", a.byline ?? ""],
          ["url", a.url ?? ""],
          [
            "published",
            a.published ? `${a.published} (from ${a.dateSource}, ${a.datePrecision} precision)` : "undated",
          ],
          ["language", a.language ?? "unknown"],
          ["source", `${a.provenance.kind}: ${a.provenance.location}`],
          ["versions", String(versions.length)],
        ];
        for (const [k, v] of meta) if (v) console.log(`${paint("bold", k.padEnd(10))} ${v}`);
        console.log();
        console.log(articleText(a));
        if (a.chrome.length) {
          console.log();
          console.log(paint("dim", `Removed chrome (${a.chrome.length} lines):`));
          for (const c of a.chrome) console.log(paint("dim", `  - ${clip(c, 120)}`));
        }
        for (const m of a.messages) console.log(paint("yellow", `note (${m.stage}): ${m.reason}`));
      });
    });

  program
    .command("search <query...>")
    .description('full-text search over titles and bodies (words, "phrases", OR)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--limit <n>", "at most n hits", (v) => parsePositiveInt(v, "--limit"), 20)
    .action(async (query: string[], opts) => {
      await withStore(opts, async (store) => {
        const hits = await store.search(query.join(" "), { limit: opts.limit });
        if (opts.json) return printJson(hits);
        if (hits.length === 0) return console.log("No matches.");
        for (const h of hits) {
          console.log(
            `${paint("bold", h.id)}  ${h.published?.slice(0, 10) ?? "undated"}  ${h.outlet ?? ""}  ${clip(h.title, 80)}`,
          );
          const snip = h.snippet.replace(/«([^»]*)»/g, (_m, w: string) => paint("yellow", w));
          console.log(`  ${snip}`);
        }
      });
    });
}

export function parsePositiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag} takes a positive whole number, got "${v}"`);
  return n;
}
