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
