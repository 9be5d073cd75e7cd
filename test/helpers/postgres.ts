/**
 * PostgreSQL for tests: `STORYLINE_TEST_PG` names a server (set by .ci/run, which starts a throwaway
 * cluster). Each test gets its own schema, so every store starts empty. Without the variable the
 * PostgreSQL tests skip with a clear message.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { PostgresStore } from "../../src/store/postgres/index.js";

export const PG_URL = process.env.STORYLINE_TEST_PG ?? "";
/** Pass as `{ skip: SKIP_NO_PG }` to node:test. */
export const SKIP_NO_PG: string | false = PG_URL
  ? false
  : "STORYLINE_TEST_PG not set (no PostgreSQL server; .ci/run starts one); skipping PostgreSQL test";

/** `pg_ctl` and the data directory of the test cluster: "PGCTL_PATH DATA_DIR". Restart tests run
 * their own cluster with these binaries (see startPrivateCluster); set by .ci/run. */
export const PG_CTL = process.env.STORYLINE_TEST_PG_CTL ?? "";
export const SKIP_NO_PG_CTL: string | false =
  PG_URL && PG_CTL ? false : "STORYLINE_TEST_PG_CTL not set (needs a cluster the test may restart); skipping";

/** A fresh schema name, unique per call. */
export function freshSchema(prefix = "t"): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/** The test server's URL selecting `schema` (the form `openStore` and `--db` accept). */
export function schemaUrl(schema: string): string {
  const u = new URL(PG_URL);
  u.searchParams.set("schema", schema);
  return u.toString();
}

/** A new, empty PostgreSQL store in its own schema. */
export async function freshPostgresStore(opts: { poolSize?: number } = {}): Promise<PostgresStore> {
  return PostgresStore.open(PG_URL, { schema: freshSchema(), ...opts });
}

/** Drops schemas created by the tests (best effort, for a tidy server). */
export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '""')}" CASCADE`);
  } finally {
    await c.end();
  }
}

/** Runs a PostgreSQL program as the cluster owner (STORYLINE_TEST_PG_CTL_USER when running as root). */
function runAsOwner(args: string[]): void {
  const user = process.env.STORYLINE_TEST_PG_CTL_USER;
  if (user) {
    const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    execFileSync("su", [user, "-s", "/bin/sh", "-c", quoted], { stdio: "ignore", timeout: 120_000 });
  } else execFileSync(args[0], args.slice(1), { stdio: "ignore", timeout: 120_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface PrivateCluster {
  url: string;
  /** `pg_ctl restart` with a fast shutdown: every open session is terminated. */
  restart(): void;
  stop(): void;
}

/**
 * A cluster of its own for a test that restarts the server, so tests running at the same time on
 * the shared test server are not disturbed. Uses the binaries next to STORYLINE_TEST_PG_CTL's pg_ctl.
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const bin = dirname(PG_CTL.split(" ")[0]);
  const dir = mkdtempSync(join(tmpdir(), "sl-pgc-"));
  chmodSync(dir, 0o755);
  const user = process.env.STORYLINE_TEST_PG_CTL_USER;
  if (user) execFileSync("chown", [user, dir]);
  const data = join(dir, "data");
  runAsOwner([join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  runAsOwner([join(bin, "pg_ctl"), "-D", data, "-l", join(dir, "server.log"), "-w", "-o", opts, "start"]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => runAsOwner([join(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "restart"]),
    stop: () => {
      try {
        runAsOwner([join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
