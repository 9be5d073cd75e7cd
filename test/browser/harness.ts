/**
 * Browser-test harness: builds the UI with Vite into a temporary folder, starts `storyline serve` on
 * 127.0.0.1:0 over a temporary store, and drives Debian's chromium through playwright-core with a new,
 * empty profile. Tests skip with a clear message when chromium is not installed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { Library } from "../../src/service/library.js";
import { SqliteStore } from "../../src/store/index.js";
import { REPO_ROOT } from "../helpers/shared.js";

export const CHROMIUM = process.env.STORYLINE_CHROMIUM || "/usr/bin/chromium";
/** Pass as `{ skip: SKIP_NO_CHROMIUM }`. */
export const SKIP_NO_CHROMIUM: string | false = existsSync(CHROMIUM)
  ? false
  : `chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set STORYLINE_CHROMIUM; skipping browser tests`;

export const ARTIFACTS = join(REPO_ROOT, "test-artifacts");

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let builtWeb: string | null = null;

/** Builds the current UI sources once per process (a fraction of a second with Vite 8). */
export async function buildWeb(): Promise<string> {
  if (builtWeb) return builtWeb;
  const out = mkdtempSync(join(tmpdir(), "sl-web-build-"));
  await build({
    configFile: join(REPO_ROOT, "web", "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: out, emptyOutDir: true },
  });
  builtWeb = out;
  return out;
}

export interface Session {
  store: SqliteStore;
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  /** Messages chromium logged about Content-Security-Policy violations. */
  cspViolations: string[];
  /** Page errors (uncaught exceptions) and dialogs (alert/confirm/prompt) seen. */
  pageErrors: string[];
  dialogs: string[];
  close(): Promise<void>;
}

/** Starts a server over a new store filled by `fill`, and a browser page pointed at it. */
export async function openSession(
  fill: (store: SqliteStore) => Promise<void>,
  opts: { token?: string } = {},
): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), "sl-browser-"));
  const store = new SqliteStore(join(dir, "storyline.db"));
  await fill(store);
  const webRoot = await buildWeb();
  const server = await startServer(new Library(store), {
    host: "127.0.0.1",
    port: 0,
    webRoot,
    token: opts.token,
  });
  const profile = join(dir, "profile");
  mkdirSync(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1366, height: 900 },
    baseURL: server.url,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return {
    store,
    server,
    context,
    page,
    cspViolations,
    pageErrors,
    dialogs,
    close: async () => {
      await context.close();
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
