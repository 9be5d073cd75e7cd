/** Corpus state written by the pipeline's corpus stages and read by the Library. */
import type { StorylineView, StoryView, VersionGroupView } from "./types.js";

/** Corpus-state keys written by the pipeline's corpus stages. */
export const STATE_KEYS = {
  versions: "corpus:versions",
  stories: "corpus:stories",
  storyClusterer: "corpus:story-clusterer",
} as const;

export interface VersionsState {
  groups: VersionGroupView[];
  /** Every pair of stored articles sharing a text origin, with the shorter text's containment. */
  pairs: [string, string, number][];
}

export interface StoriesState {
  stories: StoryView[];
  storylines: StorylineView[];
}

export interface StoryFilter {
  q?: string;
  from?: string;
  to?: string;
  outlet?: string;
  entity?: string;
}
