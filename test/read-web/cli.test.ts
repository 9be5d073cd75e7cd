/** End-to-end: the real CLI (`feeds`, `watch`, `ingest <url>`) against a local server, with --db in a
 * temporary folder. The CLI runs as a child process, so the server stays responsive (async spawn). */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { REPO_ROOT } from "../helpers/shared.js";
import { articlePage, fixture, type Handler, send, startServer, type TestServer } from "./server.js";

const CLI = join(REPO_ROOT, "src/cli/main.ts");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(args: string[]): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: "1", STORYLINE_DB: "" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

const run = (args: string[]) => start(args).done;

let srv: TestServer;
let onSlow: (() => void) | null = null;
const timers = new Set<NodeJS.Timeout>();

before(async () => {
  srv = await startServer();
  Object.assign(srv.routes, {
    "/robots.txt": send("User-agent: *\nAllow: /\n", "text/plain"),
    "/rss.xml": send(fixture("rss.xml", { BASE: srv.base }), "application/rss+xml"),
    "/news/rss-one": send(articlePage("RSS one", "First item of the RSS feed.")),
    "/news/rss-two": send(articlePage("RSS two", "Second item of the RSS feed.")),
    "/slow.xml": send(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>
        <item><title>Fast</title><link>${srv.base}/news/fast</link><guid>f</guid></item>
        <item><title>Slow</title><link>${srv.base}/news/slow</link><guid>s</guid></item>
      </channel></rss>`,
      "application/rss+xml",
    ),
    "/home": send(
      `<html><head><title>Home</title><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body></body></html>`,
    ),
    "/sitemap.xml": send(
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>${srv.base}/news/rss-one</loc><lastmod>2024-03-05</lastmod></url>
        <url><loc>${srv.base}/news/rss-two</loc><lastmod>2020-01-01</lastmod></url>
      </urlset>`,
      "application/xml",
    ),
    "/etag-page": (req, res) => {
      if (req.headers["if-none-match"] === '"e1"') {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "text/html", etag: '"e1"' });
      res.end(articlePage("Etag page", "Served once, then 304."));
    },
    "/news/fast": send(articlePage("Fast item", "This one arrives at once.")),
    "/news/slow": (_req, res) => {
      onSlow?.();
      const t = setTimeout(() => {
        timers.delete(t);
        send(articlePage("Slow item", "This one takes a while."))(_req, res, 1);
      }, 1500);
      timers.add(t);
    },
  } satisfies Record<string, Handler>);
});

after(async () => {
  for (const t of timers) clearTimeout(t);
  await srv.close();
});

const tmpDb = () => join(mkdtempSync(join(tmpdir(), "sl-cli-web-")), "s.db");

test("feeds add/list/remove and watch --once ingest new feed items, once", async () => {
  const db = tmpDb();
  const feed = `${srv.base}/rss.xml`;
  const add = await run(["feeds", "add", feed, "--db", db]);
  assert.equal(add.code, 0, add.stderr);
  assert.match(add.stdout, /^added http:\/\/127\.0\.0\.1:\d+\/rss\.xml {2}Example RSS \(rss, 2 items\)$/m);

  const first = await run(["watch", "--once", "--db", db]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^\+ 127\.0\.0\.1\/news\/rss-one {2}RSS one$/m);
  assert.match(first.stdout, /^\+ 127\.0\.0\.1\/news\/rss-two {2}RSS two$/m);
  assert.match(first.stdout, /2 added, 0 edited, 0 failed/);

  const second = await run(["watch", "--once", "--db", db]);
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /0 added, 0 edited, 0 failed/);

  const list = JSON.parse((await run(["feeds", "list", "--json", "--db", db])).stdout);
  assert.equal(list.length, 1);
  assert.equal(list[0].url, feed);
  assert.equal(list[0].itemsAdded, 2);
  assert.equal(list[0].lastError, null);
  assert.ok(list[0].lastPolledAt);

  assert.equal((await run(["feeds", "remove", feed, "--db", db])).code, 0);
  const none = await run(["watch", "--once", "--db", db]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no feeds to watch/);
});

test("ingest <url> through the CLI, and usage errors for bad options", async () => {
  const db = tmpDb();
  const r = await run(["ingest", `${srv.base}/news/rss-one`, `${srv.base}/nope`, "--db", db, "--json"]);
  assert.equal(r.code, 1, "partial failure");
  const summary = JSON.parse(r.stdout);
  assert.deepEqual(summary.added, ["127.0.0.1/news/rss-one"]);
  assert.equal(summary.failed.length, 1);
  assert.match(summary.failed[0].reason, /HTTP 404/);
  assert.equal(
    (await run(["ingest", "--since", "yesterday", "--sitemap", `${srv.base}/s.xml`, "--db", db])).code,
    2,
  );
  assert.equal((await run(["watch", "--interval", "1x", "--db", db])).code, 2);
  assert.equal((await run(["feeds", "add", "not-a-url", "--db", db])).code, 2);
  // A page is not a feed unless it links to one; the failure is reported and nothing is added.
  const page = await run(["feeds", "add", `${srv.base}/news/rss-one`, "--db", db]);
  assert.equal(page.code, 1);
  assert.match(page.stderr, /announces no feed/);
  // A home page announcing its feed adds the feed.
  const home = await run(["feeds", "add", `${srv.base}/home`, "--db", db]);
  assert.equal(home.code, 0, home.stderr);
  assert.match(home.stdout, /added .*\/rss\.xml {2}Example RSS \(rss, 2 items, linked from .*\/home\)/);
});

test("ingest --urls, --sitemap --since, and a 304 counted as unchanged", async () => {
  const db = tmpDb();
  const list = join(mkdtempSync(join(tmpdir(), "sl-cli-urls-")), "urls.txt");
  writeFileSync(list, `# list\n${srv.base}/news/rss-one\n`);
  const urls = JSON.parse((await run(["ingest", "--urls", list, "--db", db, "--json"])).stdout);
  assert.deepEqual(urls.added, ["127.0.0.1/news/rss-one"]);
  const db2 = tmpDb();
  const sm = await run([
    "ingest",
    "--sitemap",
    `${srv.base}/sitemap.xml`,
    "--since",
    "2024-01-01",
    "--db",
    db2,
    "--json",
  ]);
  assert.deepEqual(JSON.parse(sm.stdout).added, ["127.0.0.1/news/rss-one"]);
  const first = JSON.parse((await run(["ingest", `${srv.base}/etag-page`, "--db", db, "--json"])).stdout);
  assert.deepEqual(first.added, ["127.0.0.1/etag-page"]);
  const again = JSON.parse((await run(["ingest", `${srv.base}/etag-page`, "--db", db, "--json"])).stdout);
  assert.deepEqual([again.added, again.unchanged, again.failed], [[], ["127.0.0.1/etag-page"], []]);
});

test("watch stops cleanly on SIGINT with exit 0; nothing is lost for the next poll", async () => {
  const db = tmpDb();
  assert.equal((await run(["feeds", "add", `${srv.base}/slow.xml`, "--db", db])).code, 0);
  const { child, done } = start(["watch", "--interval", "10s", "--db", db]);
  onSlow = () => child.kill("SIGINT");
  const r = await done;
  onSlow = null;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /SIGINT: finishing the current item, then stopping/);
  // Whatever the interrupted poll did not store, the next poll takes: items are marked as taken only
  // after their article is stored.
  const next = await run(["watch", "--once", "--db", db]);
  assert.equal(next.code, 0, next.stderr);
  const articles = JSON.parse((await run(["articles", "--json", "--db", db])).stdout);
  assert.deepEqual(articles.map((a: { id: string }) => a.id).sort(), [
    "127.0.0.1/news/fast",
    "127.0.0.1/news/slow",
  ]);
});
