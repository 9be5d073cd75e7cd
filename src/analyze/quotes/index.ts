/**
 * Quote attribution: who said what, through whom. See attribute.ts for the rules.
 */
import type { Span } from "../../model/article.js";
import { splitSentences } from "../sentences.js";
import { attribute, type RawAttribution } from "./attribute.js";
import { findQuotations } from "./marks.js";
import { tokenize } from "./tokens.js";

export type { RawAttribution } from "./attribute.js";

/** Raw attributions in PolNeAR conventions (one per cue), for benchmarks and debugging. */
export function findAttributions(text: string, sentences: Span[] = splitSentences(text)): RawAttribution[] {
  const quotations = findQuotations(text);
  const toks = tokenize(text, sentences, quotations);
  return attribute(text, toks, sentences, quotations);
}
