/**
 * SQLite store (default): one file, WAL journal, FTS5 full-text search, versioned migrations.
 * better-sqlite3 is synchronous; the async interface keeps it interchangeable with PostgreSQL.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import Database from "better-sqlite3";
import type { Article } from "../../model/article.js";
import { articleText } from "../../model/article.js";
import { type ArticleRow, toSummary } from "../rows.js";
import {
  type ArticleSummary,
  type ListQuery,
  type PutOutcome,
  parseSearchQuery,
  type SearchHit,
  type Store,
  StoreError,
  type VersionInfo,
} from "../types.js";
import { SQLITE_MIGRATIONS } from "./migrations.js";

/** Most matches a search ranks, in rows: beyond it only the most recently stored matches are ranked.
 * Chosen on the scale bench (200,000 generated articles): ranking 10,000 candidates keeps the p95 of
 * broad queries near 10 ms, while a query matching fewer articles is ranked exactly. */
export const RANK_CANDIDATES_MAX = 10_000;

/** Which store's corpus lock the current async call chain holds (for re-entrancy). */
const corpusLockOwner = new AsyncLocalStorage<SqliteStore>();

/** How long a writer waits for another process's lock before failing, in ms. Article writes hold the
 * lock for one article; a corpus update (withCorpusLock) holds it for the whole update, which takes
 * seconds on a batch of thousands of articles over a large archive, so the wait is generous. */
export const BUSY_TIMEOUT_MS = 60_000;

export class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  readonly db: Database.Database;

  constructor(readonly path: string) {
    try {
      this.db = new Database(path);
    } catch (e) {
      throw new StoreError(
        "STORE_OPEN_FAILED",
        `cannot open SQLite database ${path}: ${(e as Error).message}`,
      );
    }
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (path !== ":memory:") this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    this.migrate();
  }

  /** Prepared statements by SQL text: compiling a statement costs more than running it. */
  private readonly statements = new Map<string, Database.Statement>();

  private stmt(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Applies pending migrations, each in its own transaction. */
  private migrate(): void {
    this.db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    );
    const done = new Set(
      (this.stmt("SELECT version FROM schema_migrations").all() as { version: number }[]).map(
        (r) => r.version,
      ),
    );
    for (const m of SQLITE_MIGRATIONS) {
      if (done.has(m.version)) continue;
      // IMMEDIATE: two processes opening a fresh file at once must not both migrate.
      this.db
        .transaction(() => {
          const again = this.stmt("SELECT 1 FROM schema_migrations WHERE version = ?").get(m.version);
          if (again) return;
          this.db.exec(m.sql);
          this.stmt("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
            m.version,
            m.name,
            new Date().toISOString(),
          );
        })
        .immediate();
    }
  }

  async putArticle(article: Article): Promise<PutOutcome> {
    const now = new Date().toISOString();
    return this.db
      .transaction((): PutOutcome => {
        const cur = this.stmt("SELECT version, content_hash FROM articles WHERE id = ?").get(article.id) as
          | { version: number; content_hash: string }
          | undefined;
        if (cur && cur.content_hash === article.contentHash) return "unchanged";
        this.markPending(article.id);
        if (cur) {
          // An older version with the same content (reverted edit) is still a new current version.
          const version = cur.version + 1;
          const json = JSON.stringify(article);
          this.writeVersion(article, version, now, json);
          this.writeCurrent(article, version, now, true, json);
          return "new-version";
        }
        const json = JSON.stringify(article);
        this.writeVersion(article, 1, now, json);
        this.writeCurrent(article, 1, now, false, json);
        return "added";
      })
      .immediate();
  }

  async updateArticle(article: Article): Promise<void> {
    this.db
      .transaction(() => {
        const cur = this.stmt("SELECT version FROM articles WHERE id = ?").get(article.id) as
          | { version: number }
          | undefined;
        if (!cur) throw new StoreError("STORE_QUERY_INVALID", `no article with id "${article.id}"`);
        const json = JSON.stringify(article);
        this.stmt("UPDATE articles SET data = ? WHERE id = ?").run(json, article.id);
        this.stmt("UPDATE article_versions SET data = ? WHERE id = ? AND version = ?").run(
          json,
          article.id,
          cur.version,
        );
      })
      .immediate();
  }

  private markPending(id: string): void {
    this.stmt("INSERT OR IGNORE INTO corpus_pending (id) VALUES (?)").run(id);
  }

  /** `json` is the article serialised once for both tables. */
  private writeVersion(a: Article, version: number, now: string, json: string): void {
    this.stmt(
      "INSERT INTO article_versions (id, version, content_hash, ingested_at, data) VALUES (?, ?, ?, ?, ?)",
    ).run(a.id, version, a.contentHash, now, json);
  }

  private writeCurrent(a: Article, version: number, now: string, replace: boolean, json: string): void {
    const params = [
      a.id,
      version,
      a.contentHash,
      a.title,
      a.outlet.name,
      a.outlet.domain,
      a.url,
      a.published,
      a.dateSource,
      a.language,
      now,
      json,
    ];
    if (replace) {
      this.stmt("DELETE FROM articles WHERE id = ?").run(a.id);
      this.stmt("DELETE FROM articles_fts WHERE id = ?").run(a.id);
    }
    this.stmt(
      `INSERT INTO articles (id, version, content_hash, title, outlet, domain, url, published, date_source, language, ingested_at, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...params);
    this.stmt("INSERT INTO articles_fts (id, title, body) VALUES (?, ?, ?)").run(
      a.id,
      a.title ?? "",
      articleText(a),
    );
  }

  async getArticle(id: string, version?: number): Promise<Article | null> {
    const row = (
      version === undefined
        ? this.stmt("SELECT data FROM articles WHERE id = ?").get(id)
        : this.stmt("SELECT data FROM article_versions WHERE id = ? AND version = ?").get(id, version)
    ) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Article) : null;
  }

  async listArticles(q: ListQuery = {}): Promise<ArticleSummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.outlet) {
      where.push("(outlet = ? OR domain = ?)");
      params.push(q.outlet, q.outlet);
    }
    if (q.from) {
      where.push("published >= ?");
      params.push(q.from);
    }
    if (q.to) {
      where.push("substr(published, 1, 10) <= ?");
      params.push(q.to);
    }
    const sql = `SELECT id, version, title, outlet, domain, url, published, date_source, language, ingested_at
      FROM articles ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY coalesce(published, '9999'), id LIMIT ? OFFSET ?`;
    params.push(q.limit ?? -1, q.offset ?? 0);
    return (this.stmt(sql).all(...params) as ArticleRow[]).map(toSummary);
  }

  async countArticles(): Promise<number> {
    return (this.stmt("SELECT count(*) AS n FROM articles").get() as { n: number }).n;
  }

  async listVersions(id: string): Promise<VersionInfo[]> {
    return (
      this.stmt(
        "SELECT version, content_hash, ingested_at FROM article_versions WHERE id = ? ORDER BY version",
      ).all(id) as { version: number; content_hash: string; ingested_at: string }[]
    ).map((r) => ({ version: r.version, contentHash: r.content_hash, ingestedAt: r.ingested_at }));
  }

  async *iterateArticles(batchSize = 500): AsyncGenerator<Article> {
    let lastKey: [number, string, string] | null = null;
    for (;;) {
      // Keyset pagination on (undated last, published, id): stable while rows are added elsewhere.
      const rows = (
        lastKey === null
          ? this.stmt(
              "SELECT data, published IS NULL AS nd, coalesce(published, '') AS p, id FROM articles ORDER BY nd, p, id LIMIT ?",
            ).all(batchSize)
          : this.stmt(
              `SELECT data, published IS NULL AS nd, coalesce(published, '') AS p, id FROM articles
                 WHERE (published IS NULL, coalesce(published, ''), id) > (?, ?, ?) ORDER BY nd, p, id LIMIT ?`,
            ).all(lastKey[0], lastKey[1], lastKey[2], batchSize)
      ) as { data: string; nd: number; p: string; id: string }[];
      for (const r of rows) yield JSON.parse(r.data) as Article;
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      lastKey = [last.nd, last.p, last.id];
    }
  }

  async search(
    query: string,
    opts: { limit?: number; offset?: number; snippets?: boolean } = {},
  ): Promise<SearchHit[]> {
    const { terms, ors } = parseSearchQuery(query);
    if (terms.length === 0) return [];
    const match = terms
      .map((t, i) => `${i > 0 ? (ors[i] ? "OR " : "AND ") : ""}"${t.replace(/"/g, "")}"`)
      .join(" ");
    // Rank first (FTS5's `rank`, configured as BM25 with the title weighted 4× the body in migration 4),
    // then build snippets for the page of hits only: snippet() re-reads each document's text.
    // Scoring costs one BM25 evaluation per matching row, so a word found in most of a large archive
    // ("said") would be scored hundreds of thousands of times. Candidates are the most recently
    // stored RANK_CANDIDATES_MAX matches (FTS5 walks its doclist backwards cheaply); a query with fewer
    // matches is ranked exactly. The page's rows are joined to `articles` only after ranking.
    const ranked = this.stmt(
      `WITH cand AS (
         SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?
       ), page AS (SELECT rowid, rank FROM cand ORDER BY rank LIMIT ? OFFSET ?)
       SELECT p.rowid AS rowid, f.id AS id, a.title AS title, a.outlet AS outlet, a.published AS published, p.rank AS score
       FROM page p JOIN articles_fts f ON f.rowid = p.rowid JOIN articles a ON a.id = f.id
       ORDER BY p.rank`,
    ).all(match, RANK_CANDIDATES_MAX, opts.limit ?? 20, opts.offset ?? 0) as (SearchHit & {
      rowid: number;
    })[];
    const snippets = new Map<number, string>();
    if (opts.snippets !== false && ranked.length > 0) {
      const rows = this.stmt(
        `SELECT rowid, snippet(articles_fts, 2, '«', '»', '…', 16) AS snippet FROM articles_fts
           WHERE articles_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
      ).all(match, JSON.stringify(ranked.map((r) => r.rowid))) as { rowid: number; snippet: string }[];
      for (const r of rows) snippets.set(r.rowid, r.snippet);
    }
    // bm25 is lower-is-better; expose higher-is-better.
    return ranked.map(({ rowid, ...r }) => ({ ...r, snippet: snippets.get(rowid) ?? "", score: -r.score }));
  }

  async getState<T>(key: string): Promise<T | null> {
    const row = this.stmt("SELECT value FROM corpus_state WHERE key = ?").get(key) as
      | { value: string }
      | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }

  async setState(key: string, value: unknown): Promise<void> {
    this.stmt(
      "INSERT INTO corpus_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    ).run(key, JSON.stringify(value), new Date().toISOString());
  }

  async putBlobs(kind: string, items: { id: string; data: Uint8Array }[]): Promise<void> {
    const stmt = this.stmt("INSERT OR REPLACE INTO blobs (kind, id, data) VALUES (?, ?, ?)");
    this.db
      .transaction(() => {
        for (const it of items)
          stmt.run(kind, it.id, Buffer.from(it.data.buffer, it.data.byteOffset, it.data.byteLength));
      })
      .immediate();
  }

  async *iterateBlobs(kind: string): AsyncGenerator<{ id: string; data: Uint8Array }> {
    // .all(), not .iterate(): callers may write to the store while consuming the generator.
    const rows = this.stmt("SELECT id, data FROM blobs WHERE kind = ? ORDER BY id").all(kind) as {
      id: string;
      data: Buffer;
    }[];
    for (const r of rows) {
      yield { id: r.id, data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) };
    }
  }

  /**
   * BEGIN IMMEDIATE takes SQLite's write lock for the whole corpus update: other processes' writes
   * wait (busy timeout) and the update commits as one transaction. Statements of `fn` run inside it
   * (better-sqlite3 nests its own transactions as savepoints). Only one corpus update runs per
   * connection at a time; other work on this same connection while `fn` awaits joins the transaction.
   */
  async withCorpusLock<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    // Re-entrant within the same async call chain; other callers on this connection wait their turn.
    if (corpusLockOwner.getStore() === this) return fn(this);
    const previous = this.corpusLockTail;
    let release!: () => void;
    this.corpusLockTail = new Promise<void>((r) => {
      release = r;
    });
    await previous;
    try {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await corpusLockOwner.run(this, () => fn(this));
        this.db.exec("COMMIT");
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw e;
      }
    } finally {
      release();
    }
  }

  private corpusLockTail: Promise<void> = Promise.resolve();

  async pendingCorpus(limit?: number): Promise<string[]> {
    return (
      this.stmt("SELECT id FROM corpus_pending ORDER BY seq LIMIT ?").all(limit ?? -1) as {
        id: string;
      }[]
    ).map((r) => r.id);
  }

  async clearPendingCorpus(ids: string[]): Promise<void> {
    const stmt = this.stmt("DELETE FROM corpus_pending WHERE id = ?");
    this.db
      .transaction(() => {
        for (const id of ids) stmt.run(id);
      })
      .immediate();
  }

  /** Runs `PRAGMA integrity_check`; "ok" when the file is sound. */
  integrityCheck(): string {
    return (this.db.pragma("integrity_check") as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join("; ");
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
