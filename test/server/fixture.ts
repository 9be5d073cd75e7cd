/**
 * A small in-memory corpus for the API tests, written straight into a store (articles with analysis,
 * plus the corpus state the pipeline writes), so the tests exercise the server without the pipeline.
 */
import type { Analysis, Article } from "../../src/model/article.js";
import { Library, STATE_KEYS, type StoriesState, type VersionsState } from "../../src/service/library.js";
import { SqliteStore } from "../../src/store/index.js";

export function makeArticle(
  id: string,
  fields: Partial<Article> & { paragraphs: string[] },
  analysis?: Partial<Analysis>,
): Article {
  return {
    id,
    title: null,
    byline: null,
    outlet: { name: null, domain: null },
    url: null,
    published: null,
    dateSource: "undated",
    datePrecision: null,
    language: "en",
    chrome: [],
    provenance: { kind: "file", location: `/fixtures/${id}.txt`, fetchedAt: "2024-01-01T00:00:00Z" },
    contentHash: `hash-${id}-${fields.paragraphs.join("|").length}`,
    messages: [],
    ...fields,
    ...(analysis
      ? {
          analysis: {
            sentences: [],
            mentions: [],
            entities: [],
            times: [],
            quotes: [],
            figures: [],
            ...analysis,
          },
        }
      : {}),
  };
}

const P1 = "Syrian President Bashar al-Assad said Russia's presence was legitimate.";
const P2 = "The strikes killed 6,000 civilians, monitors said.";

/** Offsets of `needle` in the joined article text. */
function at(paragraphs: string[], needle: string): { start: number; end: number } {
  const start = paragraphs.join("\n\n").indexOf(needle);
  if (start < 0) throw new Error(`fixture: "${needle}" not found`);
  return { start, end: start + needle.length };
}

export async function fixtureLibrary(): Promise<Library> {
  const store = new SqliteStore(":memory:");
  const assad = {
    key: "person:bashar al-assad",
    name: "Bashar al-Assad",
    type: "person" as const,
    aliases: ["Assad"],
  };
  const pA = [P1, P2, "A third paragraph only the origin has."];
  const pB = [P1, "The strikes killed 5,000 civilians, monitors said."];
  const quoteA = {
    ...at(pA, "Russia's presence was legitimate"),
    text: "Russia's presence was legitimate",
    direct: false,
    cue: "said",
    speaker: { ...at(pA, "Bashar al-Assad"), text: "Bashar al-Assad", entity: assad.key },
    via: ["Interfax"],
  };
  const fig = (p: string[], text: string, value: number) => ({
    ...at(p, text),
    text,
    value,
    unit: null,
    counts: "civilians killed",
    source: "monitors",
    sentence: at(p, p[1]),
  });
  const a = makeArticle(
    "wire-a",
    {
      title: "Assad: Russian presence legitimate",
      outlet: { name: "Reuters", domain: "reuters.com" },
      url: "https://reuters.com/a",
      published: "2016-03-01",
      dateSource: "meta",
      datePrecision: "day",
      paragraphs: pA,
      chrome: ["Share this article"],
    },
    {
      mentions: [
        { ...at(pA, "Bashar al-Assad"), text: "Bashar al-Assad", type: "person", entity: assad.key },
      ],
      entities: [assad],
      quotes: [quoteA],
      figures: [fig(pA, "6,000", 6000)],
      times: [],
    },
  );
  const b = makeArticle(
    "wire-b",
    {
      title: "Assad says Russian presence legitimate",
      outlet: { name: "The Moscow Times", domain: "themoscowtimes.com" },
      url: "javascript:alert(1)",
      published: "2016-03-02",
      dateSource: "meta",
      datePrecision: "day",
      paragraphs: pB,
    },
    {
      mentions: [
        { ...at(pB, "Bashar al-Assad"), text: "Bashar al-Assad", type: "person", entity: assad.key },
      ],
      entities: [assad],
      quotes: [{ ...quoteA }],
      figures: [fig(pB, "5,000", 5000)],
    },
  );
  const c = makeArticle("other", {
    title: "Football results",
    outlet: { name: "Sport Daily", domain: "sport.example" },
    published: "2019-05-05",
    dateSource: "meta",
    datePrecision: "day",
    paragraphs: ["The home side won three to nil."],
  });
  for (const x of [a, b, c]) await store.putArticle(x);
  const versions: VersionsState = {
    groups: [
      {
        id: "g-wire-a",
        origin: "wire-a",
        members: [
          { id: "wire-a", outlet: "Reuters", published: "2016-03-01", share: 1 },
          { id: "wire-b", outlet: "The Moscow Times", published: "2016-03-02", share: 0.6 },
        ],
      },
    ],
    pairs: [["wire-a", "wire-b", 0.6]],
  };
  const stories: StoriesState = {
    stories: [
      {
        id: "s1",
        label: "Assad interview",
        articles: ["wire-a", "wire-b"],
        outlets: ["Reuters", "The Moscow Times"],
        firstDate: "2016-03-01",
        lastDate: "2016-03-02",
        firstReporter: { id: "wire-a", outlet: "Reuters", published: "2016-03-01" },
        storyline: "l1",
      },
      {
        id: "s2",
        label: "Football",
        articles: ["other"],
        outlets: ["Sport Daily"],
        firstDate: "2019-05-05",
        lastDate: "2019-05-05",
        firstReporter: { id: "other", outlet: "Sport Daily", published: "2019-05-05" },
        storyline: null,
      },
    ],
    storylines: [{ id: "l1", label: "Russia in Syria", stories: ["s1"], articles: ["wire-a", "wire-b"] }],
  };
  await store.setState(STATE_KEYS.versions, versions);
  await store.setState(STATE_KEYS.stories, stories);
  return new Library(store);
}
