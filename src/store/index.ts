/**
 * Opens a store from a location: a file path (SQLite, the default) or a postgres:// URL
 * (PostgreSQL; an optional `schema=NAME` query parameter keeps the tables in their own schema).
 */
import { PostgresStore } from "./postgres/index.js";
import { SqliteStore } from "./sqlite/index.js";
import type { Store } from "./types.js";

export { PostgresStore } from "./postgres/index.js";
export { SqliteStore } from "./sqlite/index.js";
export * from "./types.js";

/** Default database location when neither --db nor STORYLINE_DB is given. */
export const DEFAULT_DB = "./storyline.db";

/** Resolves the database location: explicit value, then STORYLINE_DB, then the default file. */
export function resolveDbLocation(explicit?: string): string {
  return explicit ?? process.env.STORYLINE_DB ?? DEFAULT_DB;
}

/** True when the location names a PostgreSQL database. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Splits the storyline-specific `schema` parameter off a PostgreSQL URL (the driver rejects it). */
export function parsePostgresLocation(location: string): { url: string; schema?: string } {
  const u = new URL(location);
  const schema = u.searchParams.get("schema") ?? undefined;
  u.searchParams.delete("schema");
  return { url: u.toString(), schema };
}

export async function openStore(location: string): Promise<Store> {
  if (isPostgresLocation(location)) {
    const { url, schema } = parsePostgresLocation(location);
    return PostgresStore.open(url, { schema });
  }
  return new SqliteStore(location);
}
