/**
 * Versioned schema migrations for PostgreSQL. Append only: a released migration is never edited; a
 * change is a new entry with the next version number. The same concept (and the same numbering of
 * the shared tables) as the SQLite migrations, in PostgreSQL's dialect.
 *
 * Text columns compared or ordered by the store use COLLATE "C" so orderings are byte-wise, the same
 * as SQLite's, whatever locale the cluster was created with.
 */
import type { Migration } from "../sqlite/migrations.js";

export type { Migration };

export const POSTGRES_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: "articles, versions, full-text index, corpus state",
    sql: `
      CREATE TABLE articles (
        id text COLLATE "C" PRIMARY KEY,
        version integer NOT NULL,
        content_hash text NOT NULL,
        title text,
        outlet text,
        domain text,
        url text,
        published text COLLATE "C",
        date_source text NOT NULL,
        language text,
        ingested_at text NOT NULL,
        data text NOT NULL,
        body text NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
          setweight(to_tsvector('english', body), 'B')
        ) STORED
      );
      CREATE INDEX articles_published ON articles ((published IS NULL), published, id);
      CREATE INDEX articles_url ON articles (url);
      CREATE INDEX articles_outlet ON articles (outlet);
      CREATE INDEX articles_tsv ON articles USING gin (tsv);
      CREATE TABLE article_versions (
        id text COLLATE "C" NOT NULL,
        version integer NOT NULL,
        content_hash text NOT NULL,
        ingested_at text NOT NULL,
        data text NOT NULL,
        PRIMARY KEY (id, version)
      );
      CREATE TABLE corpus_state (key text PRIMARY KEY, value text NOT NULL, updated_at text NOT NULL);
    `,
  },
  {
    version: 2,
    name: "per-article binary data (sketches)",
    sql: `CREATE TABLE blobs (kind text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL, data bytea NOT NULL, PRIMARY KEY (kind, id));`,
  },
  {
    version: 3,
    name: "articles waiting for the corpus stages",
    sql: `CREATE TABLE corpus_pending (id text COLLATE "C" PRIMARY KEY, seq bigserial NOT NULL);`,
  },
  {
    version: 4,
    name: "job queue",
    sql: `
      CREATE TABLE jobs (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        payload text NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        max_attempts integer NOT NULL,
        run_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        label text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX jobs_runnable ON jobs (run_at, id) WHERE state = 'pending';
      CREATE INDEX jobs_state ON jobs (state, kind);
    `,
  },
  {
    version: 5,
    name: "listing order index (undated last)",
    sql: `CREATE INDEX articles_order ON articles ((coalesce(published, '9999')), id);`,
  },
];
