/**
 * Syndication: find every copy of a wire story, its origin, and what each copy changed.
 *
 * Workflow
 *   1. Sketch (sketch.ts): normalise the body, hash words (FNV-1a + fmix32), split sentences,
 *      hash 5-word shingles and sentences, and give each sentence a small MinHash signature,
 *      banded into LSH keys. One Uint32Array per article, storable as is.
 *   2. Candidates (lsh.ts): band key → posting lists in typed arrays. Sentence-level banding
 *      makes partial copies (a 6-paragraph excerpt of a 20-paragraph story) candidates, which
 *      whole-article MinHash over Jaccard misses.
 *   3. Verify (verify.ts): exact containment from the sketches: at least half of the shorter
 *      article's sentences in the other, or (edited throughout) 70 % of its shingles.
 *   4. Index (syndication-index.ts): incremental add / query / insert / remove, serialisable.
 *   5. Group (groups.ts): connected groups of verified pairs, origin = earliest published.
 *   6. Diff (diff.ts): paragraph alignment by similarity and word-level changes (jsdiff).
 */
export { BandTable, MAX_BUCKET_SCAN } from "./lsh.js";
export { SHINGLE_SIZE, containment, intersectionSize, shingleSet, tokenize, wordCount } from "./shingles.js";
export {
  BANDS,
  MIN_SENTENCE_WORDS,
  ROWS,
  SKETCH_VERSION,
  type Sketch,
  checkSketch,
  sketchArticle,
  sketchBandKeys,
  sketchFromBytes,
  sketchSentences,
  sketchShingles,
  sketchToBytes,
  sketchWords,
} from "./sketch.js";
export {
  type CopyMatch,
  type IndexStats,
  type SyndicationDoc,
  SyndicationIndex,
} from "./syndication-index.js";
export {
  COPY_CONTAINMENT,
  EDITED_COPY_SHINGLE_CONTAINMENT,
  MIN_SENTENCES,
  MIN_SHINGLES,
  type PairScore,
  comparePair,
  originShare,
} from "./verify.js";
export {
  type ArticleDiff,
  CONTAINED_SHARE,
  diffArticles,
  PARAGRAPH_DICE,
  type ParagraphChange,
  type WordChange,
} from "./diff.js";
export {
  compareOriginCandidates,
  type GroupOptions,
  groupVersions,
  type VersionDoc,
  type VersionGroup,
  type VersionMember,
  type VersionPair,
} from "./groups.js";
