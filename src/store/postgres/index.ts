/**
 * PostgreSQL store, for teams and large archives: the same Store contract as SQLite, full-text search
 * on a generated tsvector column with a GIN index, snippets from ts_headline, versioned migrations,
 * and the corpus lock as a transaction-scoped advisory lock (so workers on many machines serialise
 * their corpus updates, and a dead worker's lock and half-done update vanish with its connection).
 *
 * One `PostgresStore` owns a connection pool; the store handed to `withCorpusLock`'s function is a
 * view bound to the one connection holding the transaction.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
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
import { POSTGRES_MIGRATIONS } from "./migrations.js";

/** Connections per store (per process). Workers hold one per in-flight job plus a few for reads. */
export const DEFAULT_POOL_SIZE = 10;
/** Advisory lock keys (arbitrary constants, namespaced by schema in `lockKey`). */
const MIGRATION_LOCK = "storyline:migrate";
const CORPUS_LOCK = "storyline:corpus";
/** Most matches a search ranks (see SqliteStore's constant of the same name), in rows. */
export const RANK_CANDIDATES_MAX = 10_000;
/** Text-search configuration: English stemming, like SQLite's porter tokenizer. */
const TS_CONFIG = "english";
/** ts_headline options: « » marks like SQLite's snippet(), about 16 words around the match. */
const HEADLINE_OPTS =
  "StartSel=«, StopSel=», MaxWords=20, MinWords=8, ShortWord=2, MaxFragments=1, FragmentDelimiter=…";

export interface PostgresStoreOptions {
  /** Schema holding the tables (created when missing); default: the connection's default (public). */
  schema?: string;
  poolSize?: number;
}

/** Anything that runs a query: the pool, or one connection inside a transaction. */
type Queryable = Pick<pg.Pool, "query">;

/** PostgreSQL text cannot hold NUL; JSON escapes it, but plain text columns need it removed. */
const noNul = (s: string | null): string | null => (s === null ? null : s.replace(/\0/g, ""));

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Which transaction-bound store the current async call chain runs in (for re-entrancy). */
const corpusLockOwner = new AsyncLocalStorage<PostgresStore>();

/** True for errors that mean the connection or server went away (worth reconnecting and retrying). */
export function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  if (!err) return false;
  const code = err.code ?? "";
  // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection exceptions.
  if (/^(57P0[123]|08)/.test(code)) return true;
  if (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN)$/.test(code)) return true;
  return /Connection terminated|connection is closed|Client has encountered a connection error|the database system is (starting up|shutting down)|not queryable/i.test(
    err.message ?? "",
  );
}

export class PostgresStore implements Store {
  readonly kind = "postgres" as const;

  private constructor(
    /** The pool shared by this store and its transaction views. */
    readonly pool: pg.Pool,
    private readonly db: Queryable,
    readonly schema: string | null,
    /** True for a view bound to one connection inside withCorpusLock. */
    private readonly inTransaction: boolean,
  ) {}

  /** Connects, creates the schema when asked for one, and applies pending migrations. */
  static async open(url: string, opts: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? DEFAULT_POOL_SIZE,
      options: opts.schema ? `-c search_path=${quoteIdent(opts.schema)}` : undefined,
      connectionTimeoutMillis: 10_000,
    });
    // An idle connection dropped by a server restart emits 'error' on the pool; without a listener
    // that would crash the process. The next query opens a fresh connection.
    pool.on("error", () => {});
    // The same for a connection checked out between two queries of a job (e.g. while a document is
    // being analysed): the error surfaces on its next query, which callers treat as a lost connection.
    pool.on("connect", (client) => client.on("error", () => {}));
    const store = new PostgresStore(pool, pool, opts.schema ?? null, false);
    try {
      await store.migrate();
    } catch (e) {
      await pool.end().catch(() => {});
      throw new StoreError(
        "STORE_OPEN_FAILED",
        `cannot open PostgreSQL database ${redact(url)}: ${(e as Error).message}`,
      );
    }
    return store;
  }

  /** A key for advisory locks, namespaced by schema so test schemas don't block each other. */
  private lockKey(name: string): string {
    return `${this.schema ?? "public"}:${name}`;
  }

  /** Applies pending migrations in one transaction under an advisory lock (racing processes wait). */
  private async migrate(): Promise<void> {
    await this.transaction(async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtext($1))", [this.lockKey(MIGRATION_LOCK)]);
      if (this.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      await c.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)",
      );
      const done = new Set(
        (await c.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
          (r) => r.version,
        ),
      );
      for (const m of POSTGRES_MIGRATIONS) {
        if (done.has(m.version)) continue;
        await c.query(m.sql);
        await c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
      }
    });
  }

  /** Runs `fn` in a transaction on one connection (the bound one, inside a corpus lock). */
  async transaction<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this.db);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (e) {
      // A connection that failed mid-transaction is discarded rather than reused.
      if (isConnectionError(e)) broken = e as Error;
      else
        await client.query("ROLLBACK").catch((r: Error) => {
          broken = r;
        });
      throw e;
    } finally {
      client.release(broken);
    }
  }

  /** A store view bound to `client`, whose transaction the caller manages (used by the job queue). */
  bind(client: pg.PoolClient): PostgresStore {
    return new PostgresStore(this.pool, client, this.schema, true);
  }

  async putArticle(article: Article): Promise<PutOutcome> {
    const now = new Date().toISOString();
    return this.transaction(async (c) => {
      const json = JSON.stringify(article);
      // Two writers adding one new id at once: both see no row to lock; the loser's version insert
      // waits for the winner's commit, conflicts, and the loop then reads the winner's row.
      for (let attempt = 0; ; attempt++) {
        // Row lock on the current version: concurrent writers of one id serialise here.
        const cur = (
          await c.query<{ version: number; content_hash: string }>(
            "SELECT version, content_hash FROM articles WHERE id = $1 FOR UPDATE",
            [article.id],
          )
        ).rows[0];
        if (cur && cur.content_hash === article.contentHash) return "unchanged";
        const version = cur ? cur.version + 1 : 1;
        const ins = await c.query(
          "INSERT INTO article_versions (id, version, content_hash, ingested_at, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
          [article.id, version, article.contentHash, now, json],
        );
        if (ins.rowCount === 1) {
          await this.writeCurrent(c, article, version, now, json);
          return cur ? "new-version" : "added";
        }
        if (attempt >= 3)
          throw new StoreError("STORE_QUERY_INVALID", `concurrent writes to article "${article.id}"`);
      }
    });
  }

  private async writeCurrent(c: Queryable, article: Article, version: number, now: string, json: string) {
    const params = [
      article.id,
      version,
      article.contentHash,
      noNul(article.title),
      noNul(article.outlet.name),
      noNul(article.outlet.domain),
      noNul(article.url),
      noNul(article.published),
      article.dateSource,
      noNul(article.language),
      now,
      json,
      noNul(articleText(article)),
    ];
    await c.query(
      `INSERT INTO articles (id, version, content_hash, title, outlet, domain, url, published, date_source, language, ingested_at, data, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash,
           title = excluded.title, outlet = excluded.outlet, domain = excluded.domain, url = excluded.url,
           published = excluded.published, date_source = excluded.date_source, language = excluded.language,
           ingested_at = excluded.ingested_at, data = excluded.data, body = excluded.body`,
      params,
    );
    await c.query("INSERT INTO corpus_pending (id) VALUES ($1) ON CONFLICT DO NOTHING", [article.id]);
  }

  async updateArticle(article: Article): Promise<void> {
    await this.transaction(async (c) => {
      const cur = (
        await c.query<{ version: number }>("SELECT version FROM articles WHERE id = $1 FOR UPDATE", [
          article.id,
        ])
      ).rows[0];
      if (!cur) throw new StoreError("STORE_QUERY_INVALID", `no article with id "${article.id}"`);
      const json = JSON.stringify(article);
      await c.query("UPDATE articles SET data = $1 WHERE id = $2", [json, article.id]);
      await c.query("UPDATE article_versions SET data = $1 WHERE id = $2 AND version = $3", [
        json,
        article.id,
        cur.version,
      ]);
    });
  }

  async getArticle(id: string, version?: number): Promise<Article | null> {
    const res =
      version === undefined
        ? await this.db.query<{ data: string }>("SELECT data FROM articles WHERE id = $1", [id])
        : await this.db.query<{ data: string }>(
            "SELECT data FROM article_versions WHERE id = $1 AND version = $2",
            [id, version],
          );
    return res.rows[0] ? (JSON.parse(res.rows[0].data) as Article) : null;
  }

  async listArticles(q: ListQuery = {}): Promise<ArticleSummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (q.outlet) {
      const x = p(q.outlet);
      where.push(`(outlet = ${x} OR domain = ${x})`);
    }
    if (q.from) where.push(`published >= ${p(q.from)}`);
    if (q.to) where.push(`substr(published, 1, 10) <= ${p(q.to)}`);
    const sql = `SELECT id, version, title, outlet, domain, url, published, date_source, language, ingested_at
      FROM articles ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY coalesce(published, '9999'), id LIMIT ${p(q.limit ?? null)} OFFSET ${p(q.offset ?? 0)}`;
    return (await this.db.query<ArticleRow>(sql, params)).rows.map(toSummary);
  }

  async countArticles(): Promise<number> {
    return Number((await this.db.query<{ n: string }>("SELECT count(*) AS n FROM articles")).rows[0].n);
  }

  async listVersions(id: string): Promise<VersionInfo[]> {
    const res = await this.db.query<{ version: number; content_hash: string; ingested_at: string }>(
      "SELECT version, content_hash, ingested_at FROM article_versions WHERE id = $1 ORDER BY version",
      [id],
    );
    return res.rows.map((r) => ({
      version: r.version,
      contentHash: r.content_hash,
      ingestedAt: r.ingested_at,
    }));
  }

  async *iterateArticles(batchSize = 500): AsyncGenerator<Article> {
    let lastKey: [boolean, string, string] | null = null;
    for (;;) {
      // Keyset pagination on (undated last, published, id): stable while rows are added elsewhere.
      const res: pg.QueryResult<{ data: string; nd: boolean; p: string; id: string }> =
        lastKey === null
          ? await this.db.query(
              `SELECT data, published IS NULL AS nd, coalesce(published, '') AS p, id FROM articles
               ORDER BY published IS NULL, coalesce(published, ''), id LIMIT $1`,
              [batchSize],
            )
          : await this.db.query(
              `SELECT data, published IS NULL AS nd, coalesce(published, '') AS p, id FROM articles
               WHERE (published IS NULL, coalesce(published, ''), id) > ($1, $2, $3)
               ORDER BY published IS NULL, coalesce(published, ''), id LIMIT $4`,
              [...lastKey, batchSize],
            );
      for (const r of res.rows) yield JSON.parse(r.data) as Article;
      if (res.rows.length < batchSize) return;
      const last = res.rows[res.rows.length - 1];
      lastKey = [last.nd, last.p, last.id];
    }
  }

  async search(
    query: string,
    opts: { limit?: number; offset?: number; snippets?: boolean } = {},
  ): Promise<SearchHit[]> {
    const { terms, ors } = parseSearchQuery(query);
    if (terms.length === 0) return [];
    // Words and phrases become phraseto_tsquery terms (no operator syntax from the user reaches the
    // parser); runs of AND-ed terms are grouped, then OR-ed, matching FTS5's AND-over-OR precedence.
    const params: unknown[] = [];
    const groups: string[][] = [];
    terms.forEach((t, i) => {
      params.push(t);
      const q = `phraseto_tsquery('${TS_CONFIG}', $${params.length})`;
      if (i === 0 || ors[i]) groups.push([q]);
      else groups[groups.length - 1].push(q);
    });
    const tsq = groups.map((g) => `(${g.join(" && ")})`).join(" || ");
    params.push(RANK_CANDIDATES_MAX, opts.limit ?? 20, opts.offset ?? 0);
    const n = params.length;
    // 1. Candidates: at most RANK_CANDIDATES_MAX matches, the most recently stored (ts_rank_cd reads
    //    each candidate's whole tsvector, so ranking every match of a word found in most of a large
    //    archive costs seconds); a query with fewer matches is ranked exactly, as on SQLite.
    // 2. Rank the candidates; 3. headline only the page of hits (ts_headline re-parses the text).
    // The tsquery is written inline (not in a CTE) so the planner folds it to a constant and uses
    // the GIN index.
    const res = await this.db.query<SearchHit>(
      `SELECT id, title, outlet, published, score,
              ${opts.snippets === false ? "''" : `ts_headline('${TS_CONFIG}', body, ${tsq}, '${HEADLINE_OPTS}')`} AS snippet
       FROM (
         SELECT a.id, a.title, a.outlet, a.published, a.body, ts_rank_cd(a.tsv, ${tsq}) AS score
         FROM (
           SELECT id FROM articles WHERE tsv @@ (${tsq}) ORDER BY ingested_at DESC, id DESC LIMIT $${n - 2}
         ) cand JOIN articles a ON a.id = cand.id
         ORDER BY score DESC, a.id LIMIT $${n - 1} OFFSET $${n}
       ) hits
       ORDER BY score DESC, id`,
      params,
    );
    return res.rows;
  }

  async getState<T>(key: string): Promise<T | null> {
    const res = await this.db.query<{ value: string }>("SELECT value FROM corpus_state WHERE key = $1", [
      key,
    ]);
    return res.rows[0] ? (JSON.parse(res.rows[0].value) as T) : null;
  }

  async setState(key: string, value: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO corpus_state (key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [key, JSON.stringify(value), new Date().toISOString()],
    );
  }

  async putBlobs(kind: string, items: { id: string; data: Uint8Array }[]): Promise<void> {
    if (items.length === 0) return;
    await this.transaction(async (c) => {
      // Batched upserts: one statement per chunk of rows (arrays unnested server-side).
      const CHUNK = 1000;
      for (let i = 0; i < items.length; i += CHUNK) {
        const part = items.slice(i, i + CHUNK);
        await c.query(
          `INSERT INTO blobs (kind, id, data) SELECT $1, id, data FROM unnest($2::text[], $3::bytea[]) AS t(id, data)
           ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data`,
          [
            kind,
            part.map((it) => it.id),
            part.map((it) => Buffer.from(it.data.buffer, it.data.byteOffset, it.data.byteLength)),
          ],
        );
      }
    });
  }

  async *iterateBlobs(kind: string): AsyncGenerator<{ id: string; data: Uint8Array }> {
    // Keyset pages: callers may write to the store while consuming the generator.
    const PAGE = 5000;
    let last = "";
    for (;;) {
      const res = await this.db.query<{ id: string; data: Buffer }>(
        "SELECT id, data FROM blobs WHERE kind = $1 AND id > $2 ORDER BY id LIMIT $3",
        [kind, last, PAGE],
      );
      for (const r of res.rows) {
        yield { id: r.id, data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength) };
      }
      if (res.rows.length < PAGE) return;
      last = res.rows[res.rows.length - 1].id;
    }
  }

  /**
   * A transaction holding `pg_advisory_xact_lock`: corpus updates from any process or machine run one
   * at a time, and a worker that dies mid-update leaves nothing behind (its transaction rolls back
   * and its lock is released with the connection).
   */
  async withCorpusLock<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    const owner = corpusLockOwner.getStore();
    if (this.inTransaction) return fn(this);
    if (owner && owner.pool === this.pool) return fn(owner);
    return this.transaction(async (c) => {
      const view = new PostgresStore(this.pool, c, this.schema, true);
      await view.takeCorpusLock();
      return corpusLockOwner.run(view, () => fn(view));
    });
  }

  /** Takes the corpus lock in the current transaction (a view bound to a connection only). */
  async takeCorpusLock(): Promise<void> {
    if (!this.inTransaction) throw new Error("takeCorpusLock needs a transaction-bound store");
    await this.db.query("SELECT pg_advisory_xact_lock(hashtext($1))", [this.lockKey(CORPUS_LOCK)]);
  }

  async pendingCorpus(limit?: number): Promise<string[]> {
    const res = await this.db.query<{ id: string }>("SELECT id FROM corpus_pending ORDER BY seq LIMIT $1", [
      limit ?? null,
    ]);
    return res.rows.map((r) => r.id);
  }

  async clearPendingCorpus(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query("DELETE FROM corpus_pending WHERE id = ANY($1::text[])", [ids]);
  }

  /** Consistency checks for tests and operators: each current article has its version row, ids are
   * unique, and every version sequence is 1..n. Returns the problems found (empty when sound). */
  async consistencyCheck(): Promise<string[]> {
    const problems: string[] = [];
    const orphans = await this.db.query<{ id: string }>(
      `SELECT a.id FROM articles a LEFT JOIN article_versions v ON v.id = a.id AND v.version = a.version
       WHERE v.id IS NULL OR v.content_hash <> a.content_hash LIMIT 10`,
    );
    for (const r of orphans.rows) problems.push(`article ${r.id}: current version row missing or different`);
    const gaps = await this.db.query<{ id: string }>(
      "SELECT id FROM article_versions GROUP BY id HAVING max(version) <> count(*) OR min(version) <> 1 LIMIT 10",
    );
    for (const r of gaps.rows) problems.push(`article ${r.id}: version numbers have gaps`);
    const stray = await this.db.query<{ id: string }>(
      "SELECT v.id FROM article_versions v LEFT JOIN articles a ON a.id = v.id WHERE a.id IS NULL LIMIT 10",
    );
    for (const r of stray.rows) problems.push(`article ${r.id}: versions without a current article`);
    return problems;
  }

  async close(): Promise<void> {
    if (this.inTransaction) return;
    await this.pool.end().catch(() => {});
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
