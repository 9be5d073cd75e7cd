/**
 * The built web UI (Vite output, `dist/web`), loaded into memory once: a handful of small files, so
 * every request is a map lookup and no request path ever reaches the file system.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".map": "application/json",
};

/** Largest UI bundle we load into memory, in bytes: a guard against pointing --web at a wrong folder. */
const MAX_WEB_BYTES = 50 * 1024 * 1024;

export interface StaticFile {
  body: Uint8Array;
  type: string;
  /** Vite's hashed assets never change under one name: cache them for a year. */
  immutable: boolean;
}

export type StaticFiles = Map<string, StaticFile>;

/** Loads every file under `root` keyed by URL path (`/assets/index-abc.js`). */
export function loadStaticFiles(root: string): StaticFiles {
  const files: StaticFiles = new Map();
  let total = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) {
        total += st.size;
        if (total > MAX_WEB_BYTES) throw new Error(`web root ${root} holds more than ${MAX_WEB_BYTES} bytes`);
        const rel = relative(root, full).split(sep).join("/");
        files.set(`/${rel}`, {
          body: readFileSync(full),
          type: TYPES[extname(name).toLowerCase()] ?? "application/octet-stream",
          immutable: rel.startsWith("assets/"),
        });
      }
    }
  };
  walk(root);
  return files;
}

/**
 * Finds the built UI: `dist/web` of the package this module belongs to (works from `src/` under tsx
 * and from `dist/` once built). Null when the UI was not built.
 */
export function findWebRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json"))) {
      const web = resolve(dir, "dist", "web");
      return existsSync(join(web, "index.html")) ? web : null;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** Shown at `/` when the UI was not built; static, no script. */
export const NO_UI_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Storyline</title></head>
<body><h1>Storyline</h1>
<p>The web UI is not built. Run <code>npm run build</code>, then restart <code>storyline serve</code>.</p>
<p>The JSON API works: see <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body></html>
`;
