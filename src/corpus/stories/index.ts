/**
 * Stories and storylines: online clustering of articles into events, and of events into
 * long-running threads. Entry point: `StoryClusterer`.
 */
export {
  BODY_MAX_WORDS,
  CENTROID_MAX_TERMS,
  DOC_MAX_TERMS,
  ENTITY_WEIGHT,
  JOIN_THRESHOLD,
  MERGE_THRESHOLD,
  type Story,
  StoryClusterer,
  type StoryClustererOptions,
  type StoryClustererState,
  type StoryDoc,
  StoryEditError,
  storyIdFor,
  JOIN_THRESHOLD_LONG,
  JOIN_THRESHOLD_UNDATED,
  TIME_DECAY_FLOOR,
  TIME_HALF_LIFE_DAYS,
  TITLE_WEIGHT,
} from "./clusterer.js";
export type { MergeEdit, RenameEdit, SplitEdit, StoryEdit } from "./constraints.js";
export {
  STORYLINE_THRESHOLD,
  type Storyline,
  type StorylineOptions,
  storylineIdFor,
} from "./storylines.js";
export { capitalisedEntities, contentWords } from "./text.js";
