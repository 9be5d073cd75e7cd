/**
 * Corpus-state cache for a long-running server. The Library reads stories, storylines and version
 * groups from JSON state documents on every call; at 100,000 articles those documents are megabytes,
 * and parsing them per request dominates latency. A server process can keep the parsed value while it
 * is unchanged.
 *
 * Validity: SQLite's `PRAGMA data_version` changes on this connection whenever another connection
 * (an `ingest` running beside the server) commits; writes made through this wrapper (story edits)
 * drop the cache themselves. Stores without such a signal are passed through unchanged.
 *
 * Callers must treat cached values as read-only (the Library and the routes only filter and slice).
 * TODO(lead): a `Store.stateVersion()` (or caching inside `getState`) would make this wrapper
 * unnecessary and serve the CLI too.
 */
import { SqliteStore } from "../store/index.js";
import type { Store } from "../store/types.js";

export function withStateCache(store: Store): Store {
  if (!(store instanceof SqliteStore)) return store;
  const version = store.db.prepare("PRAGMA data_version").pluck();
  const cache = new Map<string, unknown>();
  let seen = version.get() as number;
  const fresh = () => {
    const v = version.get() as number;
    if (v !== seen) {
      seen = v;
      cache.clear();
    }
  };
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === "getState")
        return async <T>(key: string): Promise<T | null> => {
          fresh();
          if (cache.has(key)) return cache.get(key) as T | null;
          const value = await target.getState<T>(key);
          cache.set(key, value);
          return value;
        };
      if (prop === "setState")
        return async (key: string, value: unknown): Promise<void> => {
          cache.clear();
          await target.setState(key, value);
          cache.clear();
        };
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
