import cliProgress from "cli-progress";
import type { Command } from "commander";
import { extract } from "../../extract/index.js";
import { articleText } from "../../model/article.js";
import { type IngestSummary, ingestPaths } from "../../pipeline/ingest.js";
import { type EnqueueSummary, enqueueInputs } from "../../pipeline/queue/index.js";
import { readPaths } from "../../read/files.js";
import { parseSince } from "../../read/web/sitemap.js";
import { dbOption, withStore } from "../context.js";
import { EXIT_PARTIAL, UsageError } from "../errors.js";
import { paint, printJson } from "../format.js";
import { openQueueStore } from "./worker.js";

function failureLine(f: IngestSummary["failed"][number]): string {
  return `${f.file}${f.record !== undefined ? `:${f.record}` : ""}: ${f.reason}`;
}

/** `storyline ingest <paths...>` and `storyline extract --format jsonl <paths...>`. */
export function registerIngestCommands(program: Command): void {
  program
    .command("ingest [paths...]")
    .description(
      "read files and folders (.txt .md .html .json .jsonl .csv .warc .warc.gz) and URLs (pages, feeds, sitemaps), extract, analyze and store them",
    )
    .addOption(dbOption())
    .option("--json", "print the summary as JSON")
    .option("--urls <file>", "also fetch the URLs listed in a file (one per line, # comments)")
    .option("--sitemap <url>", "also fetch the pages listed in a sitemap or sitemap index")
    .option("--since <date>", "with --sitemap: only entries modified on or after this date (YYYY-MM-DD)")
    .option("--threads <n>", "worker threads for extraction and analysis (default 1: no extra threads)")
    .option("--queue", "with a PostgreSQL --db: enqueue the documents for `storyline worker` instead")
    .action(async (paths: string[], opts) => {
      if (paths.length === 0 && !opts.urls && !opts.sitemap)
        throw new UsageError("nothing to ingest: name files, folders or URLs, or use --urls / --sitemap");
      if (opts.since !== undefined && !parseSince(opts.since))
        throw new UsageError(`invalid --since "${opts.since}" (expected YYYY-MM-DD)`);
      const threads = opts.threads === undefined ? 1 : Number(opts.threads);
      if (!Number.isInteger(threads) || threads < 1 || threads > 256)
        throw new UsageError(`invalid --threads "${opts.threads}" (expected a whole number from 1 to 256)`);
      if (opts.queue) {
        const store = await openQueueStore(opts.db, "ingest --queue");
        let queued: EnqueueSummary;
        try {
          queued = await enqueueInputs(store, paths, {
            urlLists: opts.urls ? [opts.urls] : undefined,
            sitemaps: opts.sitemap ? [opts.sitemap] : undefined,
            since: opts.since,
          });
        } finally {
          await store.close();
        }
        if (opts.json) printJson(queued);
        else {
          console.log(`${queued.queued} queued, ${queued.failed.length} failed`);
          for (const f of queued.failed)
            console.error(paint("red", `  failed: ${failureLine(f)}`, process.stderr));
        }
        if (queued.failed.length > 0) process.exitCode = EXIT_PARTIAL;
        return;
      }
      const showBar = Boolean(process.stderr.isTTY) && !opts.json;
      const bar = showBar
        ? new cliProgress.SingleBar(
            {
              format: "ingest [{bar}] {value}/{total} files  {file}",
              stream: process.stderr,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;
      let started = false;
      const summary = await withStore(opts, (store) =>
        ingestPaths(store, paths, {
          urlLists: opts.urls ? [opts.urls] : undefined,
          sitemaps: opts.sitemap ? [opts.sitemap] : undefined,
          since: opts.since,
          threads,
          onProgress: (done, total, file) => {
            if (!bar) return;
            if (!started) {
              bar.start(total, 0, { file: "" });
              started = true;
            }
            bar.update(done, { file: file.length > 40 ? `…${file.slice(-39)}` : file });
          },
        }),
      );
      bar?.stop();
      if (opts.json) printJson(summary);
      else {
        const parts = [
          `${summary.added.length} added`,
          `${summary.unchanged.length} unchanged`,
          `${summary.newVersions.length} new versions`,
          `${summary.failed.length} failed`,
        ];
        console.log(parts.join(", "));
        for (const f of summary.failed)
          console.error(paint("red", `  failed: ${failureLine(f)}`, process.stderr));
      }
      if (summary.failed.length > 0) process.exitCode = EXIT_PARTIAL;
    });

  program
    .command("extract <paths...>")
    .description("extract clean articles from files without storing them")
    .option("--format <format>", "output format (jsonl)", "jsonl")
    .action(async (paths: string[], opts) => {
      if (opts.format !== "jsonl") {
        const { UsageError } = await import("../errors.js");
        throw new UsageError(`unknown --format "${opts.format}" (supported: jsonl)`);
      }
      let failed = 0;
      for await (const item of readPaths(paths)) {
        if (!item.ok) {
          failed++;
          console.error(`failed: ${failureLine(item.error)}`);
          continue;
        }
        const a = extract(item.doc);
        const out = {
          id: a.id,
          file: item.doc.file ?? null,
          title: a.title,
          byline: a.byline,
          published: a.published,
          dateSource: a.dateSource,
          datePrecision: a.datePrecision,
          outlet: a.outlet.name ?? a.outlet.domain,
          domain: a.outlet.domain,
          url: a.url,
          language: a.language,
          body: articleText(a),
          chrome: a.chrome,
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
      }
      if (failed > 0) process.exitCode = EXIT_PARTIAL;
    });
}
