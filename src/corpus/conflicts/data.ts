import { FUNCTION_WORDS } from "../../data/stopwords.js";

/**
 * Words that say nothing about what a figure measures: function words, reporting verbs and
 * generic time words. Data, not logic.
 */
export const CONTEXT_STOPWORDS: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS,
  ...(
    "said says say saying told according reported reports " +
    "added adding stated noted mr mrs ms one two three another least almost nearly around roughly " +
    "us may might must shall still yet however since last next past this"
  ).split(" "),
]);
