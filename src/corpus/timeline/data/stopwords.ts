/**
 * Function words dropped before TF-IDF when picking the most central sentences of a date.
 * Data, not logic: a short English list (after the SMART/NLTK lists), plus the tokens that
 * tokenised news text leaves behind ("'s", "n't", "-lrb-").
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being " +
    "below between both but by can could did do does doing down during each few for from further had " +
    "has have having he her here hers herself him himself his how i if in into is it its itself just " +
    "me more most my myself no nor not now of off on once only or other our ours ourselves out over own " +
    "same she should so some such than that the their theirs them themselves then there these they this " +
    "those through to too under until up very was we were what when where which while who whom why will " +
    "with would you your yours yourself yourselves said says say told according would s t n't 's lrb rrb " +
    "mr mrs ms one two also however since yet still may might must shall us"
  ).split(" "),
);
