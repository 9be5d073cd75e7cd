/**
 * The analyze stage: sentences → entity mentions → entities → time expressions → quotes → figures.
 * Quote speakers the entity tagger missed are added as mentions, and entities and speakers resolved
 * again with them.
 * Every result carries character offsets into the analysed text (for an article, its paragraphs
 * joined by blank lines), so the UI can highlight it.
 *
 * Order matters: quotes need sentences and entities (speakers, pronoun resolution); figures need
 * sentences and entities (their attributed source).
 */
import type { Analysis, Article } from "../model/article.js";
import { articleText } from "../model/article.js";
import { resolveEntities } from "./entities/index.js";
import { extractFigures } from "./figures/index.js";
import { recognize } from "./ner/index.js";
import { loadModel } from "./ner/model.js";
import { prepareQuotes, speakQuotes } from "./quotes/index.js";
import { unrecognisedSpeakers } from "./quotes/speakers.js";
import { splitSentences } from "./sentences.js";
import { extractTimes } from "./time/index.js";

/** Analyses raw text. `referenceDate` (YYYY-MM-DD…) anchors relative time expressions. */
export function analyzeText(text: string, referenceDate: string | null): Analysis {
  const sentences = splitSentences(text);
  const raw = recognize(text, sentences);
  let { mentions, entities } = resolveEntities(text, raw);
  const times = extractTimes(text, referenceDate ? referenceDate.slice(0, 10) : null);
  const prepared = prepareQuotes(text, sentences);
  let spoken = speakQuotes(prepared, mentions);
  // Speakers the tagger missed ("Trump told supporters ...") become mentions, and the speakers
  // (pronouns included) are resolved again with them.
  const missed = unrecognisedSpeakers(text, spoken, mentions, loadModel().commonWords);
  if (missed.length) {
    ({ mentions, entities } = resolveEntities(text, [...raw, ...missed]));
    spoken = speakQuotes(prepared, mentions);
  }
  const ctx = { sentences, mentions, entities };
  // Quotes carry extra fields (parts, cue and via spans) that the article model doesn't store.
  const quotes = spoken.map(({ start, end, text: t, direct, cue, speaker, via }) => ({
    start,
    end,
    text: t,
    direct,
    cue,
    speaker,
    via,
  }));
  const figures = extractFigures(text, { ...ctx, quotes });
  return { sentences, mentions, entities, times, quotes, figures };
}

/** Adds analysis results to an article (pure: returns a new object). */
export function analyzeArticle(article: Article): Article {
  try {
    return { ...article, analysis: analyzeText(articleText(article), article.published) };
  } catch (e) {
    // Analysis must never lose an article: store it without analysis and say why.
    return {
      ...article,
      messages: [
        ...article.messages,
        { stage: "analyze", reason: `analysis failed: ${(e as Error).message}` },
      ],
    };
  }
}
