import type { Command } from "commander";
import { DEFAULT_HOST, DEFAULT_PORT, startServer, withStateCache } from "../../server/index.js";
import { Library } from "../../service/library.js";
import { openStore, resolveDbLocation } from "../../store/index.js";
import { dbOption } from "../context.js";
import { UsageError } from "../errors.js";

function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got "${v}"`);
  return n;
}

/** Shortest accepted edit token, in characters: a guessable token would make edits open to anyone local. */
const MIN_TOKEN_CHARS = 16;

/** `storyline serve`: the JSON API and web UI over a store, until interrupted. */
export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("serve the JSON API (/api, OpenAPI at /api/openapi.json) and the web UI")
    .addOption(dbOption())
    .option("--port <n>", `port to listen on (0 picks a free one)`, parsePort, DEFAULT_PORT)
    .option(
      "--host <address>",
      "address to bind; other than loopback exposes the API to the network",
      DEFAULT_HOST,
    )
    .option(
      "--token <token>",
      `allow story edits (merge/split/rename) for requests with "Authorization: Bearer <token>"; also read from STORYLINE_TOKEN`,
    )
    .action(async (opts) => {
      const token: string | undefined = opts.token ?? (process.env.STORYLINE_TOKEN || undefined);
      if (token !== undefined && token.length < MIN_TOKEN_CHARS)
        throw new UsageError(`--token must be at least ${MIN_TOKEN_CHARS} characters`);
      const store = await openStore(resolveDbLocation(opts.db));
      const server = await startServer(new Library(withStateCache(store)), {
        host: opts.host,
        port: opts.port,
        token,
      });
      console.log(`storyline: serving ${server.url}  (API: ${server.url}/api/openapi.json)`);
      console.log(token ? "edits enabled for requests carrying the token" : "read-only (no --token)");
      if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(opts.host))
        console.warn(`storyline: warning: bound to ${opts.host}; anyone who can reach it can read the store`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await server.close();
      await store.close();
    });
}
