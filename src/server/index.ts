/**
 * `storyline serve` as a library: start the HTTP API and web UI over a Library, on loopback by default.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Library } from "../service/library.js";
import { type AppOptions, createApp, LOOPBACK_HOSTS } from "./app.js";
import { findWebRoot } from "./static.js";

export { type AppOptions, CONTENT_SECURITY_POLICY, createApp, MAX_BODY_BYTES, MAX_URL_CHARS } from "./app.js";
export { withStateCache } from "./cache.js";
export { buildOpenApi } from "./openapi.js";
export { ROUTES } from "./routes.js";
export { findWebRoot } from "./static.js";

/** Binds here unless told otherwise: the API is unauthenticated for reads. */
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8080;

export interface ServeOptions extends AppOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  close(): Promise<void>;
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Starts the server and resolves once it listens. */
export function startServer(library: Library, opts: ServeOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? DEFAULT_HOST;
  const webRoot = opts.webRoot === undefined ? findWebRoot() : opts.webRoot;
  // On loopback, answer only requests addressed to the loopback: a web page elsewhere cannot rebind
  // its own name to 127.0.0.1 and read the API. Other binds are reached by names we can't know.
  const allowedHosts =
    opts.allowedHosts !== undefined ? opts.allowedHosts : isLoopback(host) ? [...LOOPBACK_HOSTS, host] : null;
  const app = createApp(library, { ...opts, webRoot, allowedHosts });
  return new Promise((resolveStart, reject) => {
    const server = serve(
      { fetch: app.fetch, port: opts.port ?? DEFAULT_PORT, hostname: host },
      (info: AddressInfo) => {
        const shown = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolveStart({
          url: `http://${shown}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              if ("closeAllConnections" in server) server.closeAllConnections();
              server.close(() => done());
            }),
        });
      },
    );
    server.once("error", reject);
  });
}
