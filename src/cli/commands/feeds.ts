/**
 * `storyline feeds add|remove|list` (the feed list, kept in the store) and `storyline watch` (poll the
 * feeds and ingest new items through the normal pipeline until Ctrl-C).
 */
import type { Command } from "commander";
import { type IngestSummary, ingestPaths } from "../../pipeline/ingest.js";
import { discoverFeed } from "../../read/web/discover.js";
import { addFeed, type FeedEntry, listFeeds, removeFeed, updateFeed } from "../../read/web/feeds.js";
import { Fetcher } from "../../read/web/fetcher.js";
import { sleep } from "../../read/web/hosts.js";
import { isHttpUrl } from "../../read/web/url-id.js";
import { formatInterval, MIN_INTERVAL_MS, parseInterval } from "../../read/web/watch.js";
import type { Store } from "../../store/types.js";
import { dbOption, jsonOption, withStore } from "../context.js";
import { EXIT_PARTIAL, UsageError } from "../errors.js";
import { clip, paint, printJson, table } from "../format.js";

const DEFAULT_INTERVAL = "15m";

export function registerFeedCommands(program: Command): void {
  const feeds = program.command("feeds").description("manage the feeds that `storyline watch` polls");

  feeds
    .command("add <urls...>")
    .description("add feeds (RSS, Atom, JSON Feed, or a page that links to one) to the feed list")
    .addOption(dbOption())
    .option("--no-check", "add without fetching the URL first")
    .action(async (urls: string[], opts) => {
      for (const url of urls) if (!isHttpUrl(url)) throw new UsageError(`not an http(s) URL: "${url}"`);
      let failed = 0;
      await withStore(opts, async (store) => {
        const fetcher = new Fetcher();
        for (const url of urls) {
          let target = url;
          let title: string | null = null;
          let note = "";
          if (opts.check) {
            try {
              const found = await discoverFeed(fetcher, url);
              target = found.url;
              title = found.title;
              note = ` (${found.format}, ${found.items} items${found.viaPage ? `, linked from ${url}` : ""})`;
            } catch (e) {
              failed++;
              console.error(paint("red", `cannot add ${url}: ${(e as Error).message}`, process.stderr));
              continue;
            }
          }
          const added = await addFeed(store, target, { title });
          console.log(
            added
              ? `added ${target}${title ? `  ${clip(title, 60)}` : ""}${note}`
              : `already in the list: ${target}`,
          );
        }
      });
      if (failed > 0) process.exitCode = EXIT_PARTIAL;
    });

  feeds
    .command("remove <urls...>")
    .alias("rm")
    .description("remove feeds from the list")
    .addOption(dbOption())
    .action(async (urls: string[], opts) => {
      await withStore(opts, async (store) => {
        for (const url of urls) {
          if (!(await removeFeed(store, url))) throw new UsageError(`not in the feed list: ${url}`);
          console.log(`removed ${url}`);
        }
      });
    });

  feeds
    .command("list")
    .alias("ls")
    .description("show the feed list with each feed's last poll")
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts) => {
      const list = await withStore(opts, (store) => listFeeds(store));
      if (opts.json) return printJson(list);
      if (list.length === 0) {
        console.log("no feeds (add one with: storyline feeds add <url>)");
        return;
      }
      console.log(
        table(
          ["URL", "TITLE", "LAST POLL", "ADDED ITEMS", "LAST ERROR"],
          list.map((f) => [
            f.url,
            clip(f.title, 30),
            f.lastPolledAt?.slice(0, 16).replace("T", " ") ?? "never",
            f.itemsAdded ?? 0,
            clip(f.lastError, 50),
          ]),
        ),
      );
    });

  program
    .command("watch")
    .description("poll the feed list and ingest new items; stop with Ctrl-C")
    .addOption(dbOption())
    .option("--interval <time>", "time between polls: 30s, 5m, 1h ...", DEFAULT_INTERVAL)
    .option("--once", "poll once and exit")
    .option("--json", "print one JSON summary line per poll")
    .action(async (opts) => {
      const interval = parseInterval(String(opts.interval));
      if (interval === null)
        throw new UsageError(
          `invalid --interval "${opts.interval}" (use e.g. 30s, 5m, 1h; at least ${formatInterval(MIN_INTERVAL_MS)})`,
        );
      const failedAny = await withStore(opts, (store) =>
        watch(store, { interval, once: Boolean(opts.once), json: Boolean(opts.json) }),
      );
      if (opts.once && failedAny) process.exitCode = EXIT_PARTIAL;
    });
}

interface WatchOptions {
  interval: number;
  once: boolean;
  json: boolean;
}

/** The watch loop. Returns whether any poll had failures. */
async function watch(store: Store, opts: WatchOptions): Promise<boolean> {
  const stop = new AbortController();
  let signals = 0;
  const onSignal = (name: string) => {
    signals++;
    if (signals > 1) process.exit(130);
    if (!opts.json)
      console.error(`${name}: finishing the current item, then stopping (again to quit at once)`);
    stop.abort(new Error("stopped"));
  };
  const onInt = () => onSignal("SIGINT");
  const onTerm = () => onSignal("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  // One fetcher for the session: robots.txt and per-host limits carry over between polls.
  const fetcher = new Fetcher({ signal: stop.signal });
  let failedAny = false;
  try {
    for (;;) {
      const feeds = await listFeeds(store);
      if (feeds.length === 0)
        throw new UsageError("no feeds to watch (add one with: storyline feeds add <url>)");
      try {
        const failed = await poll(store, feeds, fetcher, stop.signal, opts.json);
        failedAny ||= failed;
      } catch (e) {
        // A failing poll (the database busy, a bug in one stage) must not end the watch.
        failedAny = true;
        console.error(paint("red", `poll failed: ${(e as Error).message}`, process.stderr));
      }
      if (opts.once || stop.signal.aborted) break;
      if (!opts.json) console.log(`next poll in ${formatInterval(opts.interval)} (Ctrl-C to stop)`);
      try {
        await sleep(opts.interval, stop.signal);
      } catch {
        break;
      }
    }
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
  return failedAny;
}

/** One poll: ingests new items of every feed, prints what it added, updates the feed list. */
async function poll(
  store: Store,
  feeds: FeedEntry[],
  fetcher: Fetcher,
  signal: AbortSignal,
  json: boolean,
): Promise<boolean> {
  const startedAt = new Date().toISOString();
  const summary: IngestSummary = await ingestPaths(
    store,
    feeds.map((f) => f.url),
    { fetcher, signal, newFeedItemsOnly: true },
  );
  const byFeed = new Map<string, number>();
  const lines: { mark: string; id: string; title: string | null; feed: string | null }[] = [];
  for (const [mark, ids] of [
    ["+", summary.added],
    ["~", summary.newVersions],
  ] as const) {
    for (const id of ids) {
      const a = await store.getArticle(id);
      const feed = a?.provenance.kind === "feed" ? a.provenance.location : null;
      if (feed && mark === "+") byFeed.set(feed, (byFeed.get(feed) ?? 0) + 1);
      lines.push({ mark, id, title: a?.title ?? null, feed });
    }
  }
  for (const f of feeds) {
    const err = summary.failed.find((x) => x.file === f.url);
    await updateFeed(store, f.url, {
      lastPolledAt: startedAt,
      lastError: err ? err.reason : null,
      itemsAdded: (f.itemsAdded ?? 0) + (byFeed.get(f.url) ?? 0),
    });
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ at: startedAt, ...summary })}\n`);
  } else {
    for (const l of lines)
      console.log(
        `${l.mark} ${l.id}${l.title ? `  ${clip(l.title, 80)}` : ""}${l.mark === "~" ? "  (edited)" : ""}`,
      );
    for (const f of summary.failed)
      console.error(
        paint(
          "red",
          `! ${f.file}${f.record !== undefined ? `:${f.record}` : ""}: ${f.reason}`,
          process.stderr,
        ),
      );
    console.log(
      `${startedAt.slice(0, 19).replace("T", " ")}  ${summary.added.length} added, ${summary.newVersions.length} edited, ` +
        `${summary.failed.length} failed${signal.aborted ? " (stopped)" : ""}`,
    );
  }
  return summary.failed.length > 0;
}
