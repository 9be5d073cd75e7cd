import { FUNCTION_WORDS } from "../../../data/stopwords.js";

/**
 * Function words dropped before TF-IDF when picking the most central sentences of a date.
 * Data, not logic: the shared English function words (after the SMART/NLTK lists), plus the
 * tokens that tokenised news text leaves behind ("'s", "n't", "-lrb-").
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...FUNCTION_WORDS,
  ...(
    "said says say told according would s t n't 's lrb rrb " +
    "mr mrs ms one two also however since yet still may might must shall us"
  ).split(" "),
]);
