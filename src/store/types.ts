/**
 * The Store interface: everything Storyline persists goes through it. Implementations (SQLite now,
 * PostgreSQL next) pass one contract test suite (test/store/contract.ts). All methods are async so a
 * networked database fits the same interface.
 */
import type { Article } from "../model/article.js";

/** What happened to an article on `putArticle`. */
export type PutOutcome = "added" | "unchanged" | "new-version";

export interface ArticleSummary {
  id: string;
  version: number;
  title: string | null;
  outlet: string | null;
  domain: string | null;
  url: string | null;
  published: string | null;
  dateSource: string;
  language: string | null;
  ingestedAt: string;
}

export interface VersionInfo {
  version: number;
  contentHash: string;
  ingestedAt: string;
}

export interface SearchHit {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  /** Matching excerpt with the matched terms between « and ». */
  snippet: string;
  score: number;
}

export interface ListQuery {
  limit?: number;
  offset?: number;
  outlet?: string;
  /** Inclusive ISO date bounds on `published`. */
  from?: string;
  to?: string;
}

export interface Store {
  readonly kind: "sqlite" | "postgres";
  /** Stores an article: a new id is added; the same content under a known id is unchanged; changed
   * content under a known id becomes a new version (older versions stay readable). */
  putArticle(article: Article): Promise<PutOutcome>;
  /** Replaces the stored analysis/derived fields of the current version without making a new version. */
  updateArticle(article: Article): Promise<void>;
  /** The current version, or a given one. */
  getArticle(id: string, version?: number): Promise<Article | null>;
  listArticles(query?: ListQuery): Promise<ArticleSummary[]>;
  countArticles(): Promise<number>;
  listVersions(id: string): Promise<VersionInfo[]>;
  /** All current articles, in a stable order (published, then id), streamed in batches. */
  iterateArticles(batchSize?: number): AsyncGenerator<Article>;
  /** Full-text search over title and body. Query syntax: words (all must match), "quoted phrases", OR. */
  search(query: string, opts?: { limit?: number; offset?: number; snippets?: boolean }): Promise<SearchHit[]>;
  /** Small JSON documents holding corpus-level state (indexes, clusterings, hand edits). */
  getState<T>(key: string): Promise<T | null>;
  setState(key: string, value: unknown): Promise<void>;
  /** Binary per-article data of one kind (e.g. syndication sketches), keyed by article id. */
  putBlobs(kind: string, items: { id: string; data: Uint8Array }[]): Promise<void>;
  iterateBlobs(kind: string): AsyncGenerator<{ id: string; data: Uint8Array }>;
  /**
   * Runs `fn` serialised against every other corpus update on the same database (other processes and
   * machines included) and atomically: its writes commit together, or not at all if it throws or the
   * process dies. `fn` must read and write through the store it is given. Re-entrant: calling it on
   * that store runs the inner function in the same critical section.
   */
  withCorpusLock<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** Ids of articles stored (added or changed) but not yet seen by the corpus stages, oldest first. */
  pendingCorpus(limit?: number): Promise<string[]>;
  /** Marks articles as seen by the corpus stages. */
  clearPendingCorpus(ids: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Error with a stable code, for callers and the CLI to tell failures apart. */
export class StoreError extends Error {
  constructor(
    readonly code: "STORE_OPEN_FAILED" | "STORE_QUERY_INVALID" | "STORE_CORRUPT",
    message: string,
  ) {
    super(message);
    this.name = "StoreError";
  }
}

/**
 * Turns a user query into safe full-text terms: bare words become quoted terms (so FTS operators and
 * punctuation in user input can't produce syntax errors), "quoted phrases" stay phrases, OR stays OR.
 */
export function parseSearchQuery(query: string): { terms: string[]; ors: boolean[] } {
  const terms: string[] = [];
  const ors: boolean[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let pendingOr = false;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    if (m[2] === "OR") {
      pendingOr = terms.length > 0;
      continue;
    }
    const raw = (m[1] ?? m[2]).replace(/[^\p{L}\p{N}\s'-]+/gu, " ").trim();
    if (!raw) continue;
    terms.push(raw);
    ors.push(pendingOr);
    pendingOr = false;
  }
  return { terms, ors };
}
