/** The polite fetcher against a local server: robots.txt, timeouts, size caps, redirects, retries,
 * conditional GET and per-host limits. No network beyond 127.0.0.1. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  FetchError,
  Fetcher,
  type FetcherOptions,
  parseRetryAfter,
  USER_AGENT,
} from "../../src/read/web/fetcher.js";
import { articlePage, send, startServer, type TestServer } from "./server.js";

/** Fast settings for tests: short timeouts and backoff. */
const FAST: FetcherOptions = { timeoutMs: 500, backoffMs: 5, retries: 2 };

let srv: TestServer;
let inFlight = 0;
let maxInFlight = 0;
const timers = new Set<NodeJS.Timeout>();
const later = (ms: number, fn: () => void) => {
  const t = setTimeout(() => {
    timers.delete(t);
    fn();
  }, ms);
  timers.add(t);
};

before(async () => {
  srv = await startServer({
    "/robots.txt": send(
      "User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /\n",
      "text/plain",
    ),
    "/page": send(articlePage("Page", "A plain page.")),
    "/private/secret": send(articlePage("Secret", "Nobody should read this.")),
    "/slow": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><body><p>start");
      later(2000, () => res.end("</p></body></html>"));
    },
    "/huge": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      // 2 MB streamed without a Content-Length (chunked).
      const chunk = Buffer.alloc(64 * 1024, "a");
      for (let i = 0; i < 32; i++) res.write(chunk);
      res.end();
    },
    "/huge-declared": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-length": String(2_000_000) });
      res.end(Buffer.alloc(2_000_000, "b"));
    },
    "/loop-a": (_req, res) => {
      res.writeHead(302, { location: "/loop-b" });
      res.end();
    },
    "/loop-b": (_req, res) => {
      res.writeHead(301, { location: "/loop-a" });
      res.end();
    },
    "/old": (_req, res) => {
      res.writeHead(301, { location: "/page" });
      res.end();
    },
    "/to-private": (_req, res) => {
      res.writeHead(302, { location: "/private/secret" });
      res.end();
    },
    "/flaky": (_req, res, hit) => {
      if (hit === 1) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end("oops");
        return;
      }
      send(articlePage("Flaky", "Works the second time."))(_req, res, hit);
    },
    "/broken": (_req, res) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("always broken");
    },
    "/busy": (_req, res, hit) => {
      if (hit === 1) {
        res.writeHead(429, { "retry-after": "0" });
        res.end();
        return;
      }
      send(articlePage("Busy", "Served after a 429."))(_req, res, hit);
    },
    "/busy-long": (_req, res) => {
      res.writeHead(503, { "retry-after": "3600" });
      res.end();
    },
    "/etag": (req, res) => {
      if (req.headers["if-none-match"] === '"v1"') {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, {
        "content-type": "text/html",
        etag: '"v1"',
        "last-modified": "Tue, 05 Mar 2024 10:00:00 GMT",
      });
      res.end(articlePage("Etag", "Cached page."));
    },
    "/concurrent": (_req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      later(40, () => {
        inFlight--;
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("ok");
      });
    },
  });
});

after(async () => {
  for (const t of timers) clearTimeout(t);
  await srv.close();
});

async function rejects(p: Promise<unknown>, code: string, message?: RegExp): Promise<FetchError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof FetchError, `expected FetchError, got ${e}`);
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected a ${code} error`);
}

test("sends the Storyline user agent and reads a page", async () => {
  const f = new Fetcher(FAST);
  const r = await f.get(`${srv.base}/page`);
  assert.equal(r.status, "ok");
  assert.ok(r.status === "ok" && r.bytes.toString().includes("A plain page."));
  const req = srv.log.find((l) => l.path === "/page");
  assert.equal(req?.headers["user-agent"], USER_AGENT);
  assert.match(USER_AGENT, /^Storyline\/0\.1 \(\+https:\/\//);
});

test("robots.txt: a disallowed path is refused, also when reached by a redirect", async () => {
  const f = new Fetcher(FAST);
  const robotsBefore = srv.hits.get("/robots.txt") ?? 0;
  await rejects(
    f.get(`${srv.base}/private/secret`),
    "ROBOTS_DISALLOWED",
    /robots\.txt.*disallows \/private\/secret/,
  );
  await rejects(f.get(`${srv.base}/to-private`), "ROBOTS_DISALLOWED");
  assert.equal(srv.hits.get("/private/secret"), undefined, "the forbidden page was never requested");
  // robots.txt is fetched once per origin and fetcher, then cached.
  assert.equal(srv.hits.get("/robots.txt"), robotsBefore + 1);
  // With robots off (explicit opt-out), the page is read.
  const r = await new Fetcher({ ...FAST, robots: false }).get(`${srv.base}/private/secret`);
  assert.equal(r.status, "ok");
});

test("a slow response times out with a clear error", async () => {
  const f = new Fetcher({ ...FAST, timeoutMs: 200 });
  await rejects(f.get(`${srv.base}/slow`), "TIMEOUT", /timed out after 200 ms/);
});

test("a huge response is cut at the size cap, streamed or declared", async () => {
  const f = new Fetcher({ ...FAST, maxBytes: 100_000 });
  await rejects(f.get(`${srv.base}/huge`), "TOO_LARGE", /100000-byte limit/);
  await rejects(f.get(`${srv.base}/huge-declared`), "TOO_LARGE", /2000000 bytes/);
});

test("redirects are followed; loops and long chains stop with an error", async () => {
  const f = new Fetcher(FAST);
  const r = await f.get(`${srv.base}/old`);
  assert.ok(r.status === "ok");
  assert.equal(r.finalUrl, `${srv.base}/page`);
  assert.equal(r.url, `${srv.base}/old`);
  await rejects(
    f.get(`${srv.base}/loop-a`),
    "TOO_MANY_REDIRECTS",
    /redirect loop: .*loop-a → .*loop-b → .*loop-a/,
  );
  await rejects(
    new Fetcher({ ...FAST, maxRedirects: 0 }).get(`${srv.base}/old`),
    "TOO_MANY_REDIRECTS",
    /more than 0 redirects/,
  );
});

test("5xx is retried with backoff; a permanent 500 fails after the retries", async () => {
  const f = new Fetcher(FAST);
  const r = await f.get(`${srv.base}/flaky`);
  assert.ok(r.status === "ok");
  assert.equal(srv.hits.get("/flaky"), 2);
  await rejects(
    f.get(`${srv.base}/broken`),
    "HTTP_STATUS",
    /HTTP 500 Internal Server Error \(after 3 attempts\)/,
  );
  assert.equal(srv.hits.get("/broken"), 3);
});

test("429 honours Retry-After; a Retry-After beyond the cap fails at once", async () => {
  const f = new Fetcher(FAST);
  const r = await f.get(`${srv.base}/busy`);
  assert.ok(r.status === "ok");
  await rejects(f.get(`${srv.base}/busy-long`), "HTTP_STATUS", /retry after 3600 s/);
  assert.equal(srv.hits.get("/busy-long"), 1);
  assert.equal(parseRetryAfter("120"), 120_000);
  assert.equal(parseRetryAfter("soon"), null);
  const inFuture = parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())!;
  assert.ok(inFuture > 5000 && inFuture <= 10_000);
});

test("conditional GET: validators come back, and a 304 is reported as not modified", async () => {
  const f = new Fetcher(FAST);
  const first = await f.get(`${srv.base}/etag`);
  assert.ok(first.status === "ok");
  assert.deepEqual(first.validators, { etag: '"v1"', lastModified: "Tue, 05 Mar 2024 10:00:00 GMT" });
  const second = await f.get(`${srv.base}/etag`, first.validators);
  assert.equal(second.status, "not-modified");
  const req = srv.log.filter((l) => l.path === "/etag").at(-1);
  assert.equal(req?.headers["if-none-match"], '"v1"');
  assert.equal(req?.headers["if-modified-since"], "Tue, 05 Mar 2024 10:00:00 GMT");
});

test("at most N requests in flight per host", async () => {
  const f = new Fetcher({ ...FAST, perHost: 2 });
  maxInFlight = 0;
  const results = await Promise.all(Array.from({ length: 6 }, () => f.get(`${srv.base}/concurrent`)));
  assert.equal(results.length, 6);
  assert.equal(maxInFlight, 2);
});

test("robots.txt that fails with 5xx disallows the site; a missing one allows it", async () => {
  const down = await startServer({
    "/robots.txt": (_req, res) => {
      res.writeHead(503);
      res.end();
    },
    "/page": send("<p>hello</p>"),
  });
  const open = await startServer({ "/page": send("<p>hello</p>") });
  try {
    await rejects(new Fetcher(FAST).get(`${down.base}/page`), "ROBOTS_DISALLOWED", /unavailable.*RFC 9309/);
    assert.equal(down.hits.get("/page"), undefined);
    const r = await new Fetcher(FAST).get(`${open.base}/page`);
    assert.equal(r.status, "ok");
  } finally {
    await down.close();
    await open.close();
  }
});

test("bad URLs and refused connections are clear errors", async () => {
  const f = new Fetcher({ ...FAST, retries: 0 });
  await rejects(f.get("not a url"), "BAD_URL");
  await rejects(f.get("ftp://example.com/x"), "BAD_URL", /unsupported scheme/);
  // A port nobody listens on: robots.txt is unreachable, so the site counts as disallowed.
  const closed = await startServer({});
  const base = closed.base;
  await closed.close();
  await rejects(f.get(`${base}/page`), "ROBOTS_DISALLOWED", /network error: ECONNREFUSED/);
  await rejects(
    new Fetcher({ ...FAST, retries: 0, robots: false }).get(`${base}/page`),
    "NETWORK",
    /ECONNREFUSED/,
  );
});
