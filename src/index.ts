/**
 * Storyline's library entry: the pipeline stages as typed functions.
 */
export * from "./model/article.js";
export { contentHash } from "./model/hash.js";
export { readPaths, readFileItems, listInputFiles, type ReadItem, type ReadError } from "./read/files.js";
export { mapRecord, FIELD_SYNONYMS } from "./read/records.js";
export { extract, normaliseDate } from "./extract/index.js";
export { extractTextCapture, parseDateLine } from "./extract/text.js";
export { ingestPaths, type IngestSummary, type IngestOptions } from "./pipeline/ingest.js";
export { openStore, resolveDbLocation, SqliteStore, DEFAULT_DB } from "./store/index.js";
export type { Store, PutOutcome, ArticleSummary, SearchHit, ListQuery, VersionInfo } from "./store/types.js";
