/**
 * PostgreSQL for tests: `STORYLINE_TEST_PG` names a server (set by .ci/run, which starts a throwaway
 * cluster). Each test gets its own schema, so every store starts empty. Without the variable the
 * PostgreSQL tests skip with a clear message.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PostgresStore } from "../../src/store/postgres/index.js";

export const PG_URL = process.env.STORYLINE_TEST_PG ?? "";
/** Pass as `{ skip: SKIP_NO_PG }` to node:test. */
export const SKIP_NO_PG: string | false = PG_URL
  ? false
  : "STORYLINE_TEST_PG not set (no PostgreSQL server; .ci/run starts one); skipping PostgreSQL test";

/** `pg_ctl` and the data directory of the test cluster, for restart tests: "PGCTL_PATH DATA_DIR". */
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
