/**
 * Opens a store from a location: a file path (SQLite, the default) or a postgres:// URL.
 */
import { SqliteStore } from "./sqlite/index.js";
import { type Store, StoreError } from "./types.js";

export { SqliteStore } from "./sqlite/index.js";
export * from "./types.js";

/** Default database location when neither --db nor STORYLINE_DB is given. */
export const DEFAULT_DB = "./storyline.db";

/** Resolves the database location: explicit value, then STORYLINE_DB, then the default file. */
export function resolveDbLocation(explicit?: string): string {
  return explicit ?? process.env.STORYLINE_DB ?? DEFAULT_DB;
}

export async function openStore(location: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new StoreError(
      "STORE_OPEN_FAILED",
      "PostgreSQL stores are not supported yet: use a SQLite file path",
    );
  }
  return new SqliteStore(location);
}
