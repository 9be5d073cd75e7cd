/** A local HTTP server on 127.0.0.1 (port 0) for offline tests of the web readers. */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { REPO_ROOT } from "../helpers/shared.js";

export const FIXTURES = join(REPO_ROOT, "test/fixtures/read-web");

export type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

export interface TestServer {
  base: string;
  /** The routes, mutable: tests add routes that need `base` after the server started. */
  routes: Record<string, Handler>;
  /** Requests per path (without query). */
  hits: Map<string, number>;
  /** Every request's path and headers, in arrival order. */
  log: { path: string; headers: IncomingMessage["headers"] }[];
  close(): Promise<void>;
}

/** Starts a server answering `routes` (exact paths); unknown paths get 404. */
export async function startServer(routes: Record<string, Handler> = {}): Promise<TestServer> {
  const hits = new Map<string, number>();
  const log: TestServer["log"] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    log.push({ path, headers: req.headers });
    const handler = routes[path];
    if (!handler) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    handler(req, res, hit);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    routes,
    hits,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fixture file with `{{KEY}}` placeholders filled. */
export function fixture(name: string, vars: Record<string, string> = {}): string {
  let text = readFileSync(join(FIXTURES, name), "utf8");
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{{${k}}}`, v);
  return text;
}

/** An article page with a given title and distinctive paragraph. */
export function articlePage(title: string, body: string): string {
  return fixture("article.html", { TITLE: title, BODY: body });
}

/** Handler sending a fixed body. */
export function send(
  body: string | Buffer,
  type = "text/html; charset=utf-8",
  headers: Record<string, string> = {},
): Handler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": type, ...headers });
    res.end(body);
  };
}

export const ALLOW_ALL_ROBOTS: Handler = send("User-agent: *\nAllow: /\n", "text/plain");
