/**
 * The short English function-word list (after NLTK's) shared by the corpus stages that drop
 * words carrying no topic before comparing text. Each stage adds its own words to it in its
 * own data file. Data, not logic: an edit here changes every list built from it.
 */
export const FUNCTION_WORDS: readonly string[] = (
  "a about above after again against all also am an and any are as at be because been before being " +
  "below between both but by can could did do does doing down during each few for from further had " +
  "has have having he her here hers herself him himself his how i if in into is it its itself just " +
  "me more most my myself no nor not now of off on once only or other our ours ourselves out over own " +
  "same she should so some such than that the their theirs them themselves then there these they this " +
  "those through to too under until up very was we were what when where which while who whom why will " +
  "with would you your yours yourself yourselves"
).split(" ");
