/**
 * Read models shared by the CLI (`--json`), the HTTP API and the web UI. The JSON shapes named in
 * the issues are contracts: fields may be added, never renamed.
 */
import type { EntityType, Figure, Quote } from "../model/article.js";

/** `storyline versions --json`: one wire story and its copies. */
export interface VersionGroupView {
  /** Stable group id (derived from the origin's id). */
  id: string;
  origin: string;
  members: VersionMemberView[];
}

export interface VersionMemberView {
  id: string;
  outlet: string | null;
  published: string | null;
  /** Share of the origin's text this member carries (1 for the origin). */
  share: number;
  title?: string | null;
}

/** `storyline diff --json`. */
export interface ParagraphDiffView {
  kind: "same" | "changed" | "added" | "removed";
  /** Paragraph in A (origin side), when present. */
  a: string | null;
  /** Paragraph in B (copy side), when present. */
  b: string | null;
  /** Word-level changes for "changed" paragraphs. */
  words?: { value: string; added?: boolean; removed?: boolean }[];
}

export interface DiffView {
  a: string;
  b: string;
  /** Share of A's text found in B. */
  share: number;
  paragraphs: ParagraphDiffView[];
}

/** `storyline stories --json`. */
export interface StoryView {
  id: string;
  label: string;
  articles: string[];
  outlets: string[];
  firstDate: string | null;
  lastDate: string | null;
  /** The article (and its outlet) that reported the story first. */
  firstReporter: { id: string; outlet: string | null; published: string | null } | null;
  storyline: string | null;
  /** Salient terms and entity keys of the story's centroid. */
  terms?: string[];
  entities?: string[];
}

/** `storyline storylines --json`. */
export interface StorylineView {
  id: string;
  label: string;
  stories: string[];
  articles: string[];
  terms?: string[];
  entities?: string[];
}

/** A quote as stored for the corpus: copies of one wire story show it once, with every carrier. */
export interface QuoteView extends Omit<Quote, "start" | "end"> {
  /** The speaker's entity name when resolved ("He" → "Bashar al-Assad"), else the speaker text. */
  speakerName: string | null;
  articles: string[];
  outlets: string[];
  /** Offsets in the first article carrying it. */
  article: string;
  start: number;
  end: number;
}

export interface FigureView extends Omit<Figure, "start" | "end" | "sentence"> {
  articles: string[];
  outlets: string[];
  article: string;
  start: number;
  end: number;
  sentenceText: string;
}

export interface EntityView {
  key: string;
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: number;
  articles: string[];
}

/** `storyline timeline --json`. */
export interface TimelineDateView {
  date: string;
  entries: { text: string; articles: string[]; outlets: string[]; sources?: number }[];
}
