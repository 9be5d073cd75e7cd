/**
 * The HTTP app: the JSON API under `/api` (routes.ts), its OpenAPI document, and the built web UI at
 * `/`. A thin layer over `Library`; testable in process with `app.request(url)`.
 *
 * Security: article text is untrusted and only ever sent as JSON (the UI builds DOM nodes from it);
 * every response carries a strict Content-Security-Policy without inline script; edits need a bearer
 * token the server was started with; request bodies and URLs are capped; on a loopback bind the Host
 * header must name the loopback too (DNS-rebinding guard).
 */
import { timingSafeEqual } from "node:crypto";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";
import type { Library } from "../service/library.js";
import { ApiError, describeIssues, errorBody } from "./errors.js";
import { buildOpenApi } from "./openapi.js";
import { ROUTES, type RouteDef } from "./routes.js";
import { loadStaticFiles, NO_UI_PAGE, type StaticFiles } from "./static.js";

/** Largest accepted request body, in bytes. Edit requests are tiny; 64 KiB fits a 5,000-article split. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Longest accepted request URL (path + query), in characters. */
export const MAX_URL_CHARS = 4096;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

export interface AppOptions {
  /** Edit token; without one the API is read-only (edits answer 403). */
  token?: string | null;
  /** Folder of the built UI (`dist/web`), or null to serve only the API and a "not built" page. */
  webRoot?: string | null;
  /** Accepted Host header names (without port); null accepts any. */
  allowedHosts?: string[] | null;
  /** Called with unexpected errors (default: console.error). */
  onError?: (err: unknown) => void;
}

/** Host names that always mean this machine. */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parse<T extends z.ZodType>(
  schema: T | undefined,
  value: unknown,
  where: string,
): z.output<T> | object {
  if (!schema) return {};
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiError(400, "INVALID_INPUT", describeIssues(where, r.error));
  return r.data as z.output<T>;
}

function toHonoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}

export function createApp(library: Library, opts: AppOptions = {}): Hono {
  const token = opts.token || null;
  const env = { readOnly: token === null };
  const files: StaticFiles | null = opts.webRoot ? loadStaticFiles(opts.webRoot) : null;
  const openapi = JSON.stringify(buildOpenApi(ROUTES, env));
  const allowed = opts.allowedHosts ? new Set(opts.allowedHosts.map((h) => h.toLowerCase())) : null;
  const logError = opts.onError ?? ((e: unknown) => console.error("storyline serve:", e));

  const app = new Hono();

  app.use("*", async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  });

  app.use("*", async (c, next) => {
    if (allowed) {
      // The node adapter builds the URL from the Host header, so this checks what the client sent.
      if (!allowed.has(new URL(c.req.url).hostname.toLowerCase()))
        throw new ApiError(
          421,
          "FORBIDDEN_HOST",
          "this server only answers requests addressed to its own host",
        );
    }
    if (c.req.url.length > MAX_URL_CHARS)
      throw new ApiError(414, "URI_TOO_LONG", `request URL longer than ${MAX_URL_CHARS} characters`);
    await next();
  });

  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(errorBody("PAYLOAD_TOO_LARGE", `request body larger than ${MAX_BODY_BYTES} bytes`), 413),
    }),
  );

  app.use("/api/*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });

  app.get("/api/openapi.json", (c) =>
    c.body(openapi, 200, { "Content-Type": "application/json; charset=utf-8" }),
  );

  const checkEdit = (c: Context) => {
    if (!token)
      throw new ApiError(403, "READ_ONLY", "this server is read-only: start it with --token to allow edits");
    const auth = c.req.header("authorization") ?? "";
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m || !sameSecret(m[1], token))
      throw new ApiError(401, "UNAUTHORIZED", "missing or wrong bearer token");
  };

  for (const r of ROUTES as RouteDef[]) {
    app.on(r.method.toUpperCase(), toHonoPath(r.path), async (c) => {
      if (r.edit) checkEdit(c);
      const query = parse(r.query, c.req.query(), "query");
      const params = parse(r.params, c.req.param(), "path");
      let body: unknown = {};
      if (r.body) {
        const type = c.req.header("content-type") ?? "";
        if (!/^application\/json\b/i.test(type))
          throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "send the request body as application/json");
        let json: unknown;
        try {
          json = await c.req.json();
        } catch {
          throw new ApiError(400, "INVALID_INPUT", "request body is not valid JSON");
        }
        body = parse(r.body, json, "body");
      }
      const out = await r.handler({ query, params, body } as never, library, env);
      return c.json(out as object);
    });
  }

  app.all("/api/*", (c) => c.json(errorBody("NOT_FOUND", `no API route ${c.req.method} ${c.req.path}`), 404));

  app.get("*", (c) => {
    if (!files) return c.html(NO_UI_PAGE);
    const path = c.req.path;
    const file = files.get(path);
    // Client-side routes (no file extension) get the app shell; missing assets get a plain 404.
    const shell = !file && !/\.[a-z0-9]+$/i.test(path) ? files.get("/index.html") : undefined;
    const hit = file ?? shell;
    if (!hit) return c.text("not found", 404);
    return c.body(hit.body as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": hit.type,
      "Cache-Control": hit.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
    logError(err);
    return c.json(errorBody("INTERNAL", "internal error: see the server log"), 500);
  });

  return app;
}
