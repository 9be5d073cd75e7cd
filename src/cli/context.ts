import { Option } from "commander";
import { openStore, resolveDbLocation, type Store } from "../store/index.js";

export interface DbOption {
  db?: string;
}

/** Opens the store named by --db / STORYLINE_DB, runs `fn`, and always closes it. */
export async function withStore<T>(opts: DbOption, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveDbLocation(opts.db));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** `--db <path>`, declared once for every command that opens the store (else STORYLINE_DB is used). */
export const dbOption = (): Option => new Option("--db <path>", "database file or URL");

/** `--json`, declared once for the commands whose result prints as JSON instead of text. */
export const jsonOption = (): Option => new Option("--json", "print JSON");
