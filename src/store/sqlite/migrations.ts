/**
 * Versioned schema migrations for SQLite. Append only: a released migration is never edited;
 * a change is a new entry with the next version number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "articles, versions, full-text index, corpus state",
    sql: `
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        domain TEXT,
        url TEXT,
        published TEXT,
        date_source TEXT NOT NULL,
        language TEXT,
        ingested_at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX articles_published ON articles (published, id);
      CREATE INDEX articles_url ON articles (url);
      CREATE INDEX articles_outlet ON articles (outlet);
      CREATE TABLE article_versions (
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (id, version)
      );
      CREATE VIRTUAL TABLE articles_fts USING fts5 (id UNINDEXED, title, body, tokenize = 'porter unicode61');
      CREATE TABLE corpus_state (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
    `,
  },
  {
    version: 2,
    name: "per-article binary data (sketches)",
    sql: `CREATE TABLE blobs (kind TEXT NOT NULL, id TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;`,
  },
  {
    version: 3,
    name: "articles waiting for the corpus stages",
    // Written in the same transaction as the article: a crash between storing and the corpus stages
    // leaves the article pending, and the next run picks it up (no lost story assignments).
    sql: `CREATE TABLE corpus_pending (id TEXT PRIMARY KEY, seq INTEGER NOT NULL);`,
  },
  {
    version: 4,
    name: "listing order index; BM25 ranking with the title weighted",
    // Undated articles list last: the expression matches listArticles' ORDER BY so the index serves it.
    // rank: bm25 weights per column (id, title, body); titles name the event, so a title hit counts 4×.
    sql: `CREATE INDEX articles_order ON articles (coalesce(published, '9999'), id);
          INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(0.0, 4.0, 1.0)');`,
  },
  {
    version: 5,
    name: "pending articles ordered by rowid (O(1) inserts)",
    sql: `
      CREATE TABLE corpus_pending_new (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
      INSERT INTO corpus_pending_new (id) SELECT id FROM corpus_pending ORDER BY seq;
      DROP TABLE corpus_pending;
      ALTER TABLE corpus_pending_new RENAME TO corpus_pending;
    `,
  },
];
