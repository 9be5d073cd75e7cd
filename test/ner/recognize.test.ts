import assert from "node:assert/strict";
import { test } from "node:test";
import { applyFacilityRules } from "../../src/analyze/ner/facility.js";
import { headlineToCaps, recognize, tagTokens, tokenizeSentences } from "../../src/analyze/ner/index.js";
import { loadModel } from "../../src/analyze/ner/model.js";

const has = (text: string, name: string, type: string) => {
  const ms = recognize(text);
  const m = ms.find((x) => x.text === name);
  assert.ok(m, `expected a mention "${name}" in ${JSON.stringify(ms.map((x) => x.text))}`);
  assert.equal(m.type, type, `type of "${name}"`);
  assert.equal(text.slice(m.start, m.end), m.text);
};

test("the shipped model loads without network and knows its tags", () => {
  const m = loadModel();
  assert.equal(m.header.tags.length, 17);
  assert.ok(m.header.nRows > 1000);
  assert.ok(m.gazetteer.size > 1000);
});

test("persons, organisations and places in plain news sentences", () => {
  const text =
    "German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Monday.\n" +
    "Shares of Microsoft rose 3 percent, the company said in a statement to Reuters.\n" +
    "The United Nations Security Council will meet in New York next week, diplomats said.";
  has(text, "Angela Merkel", "person");
  has(text, "Emmanuel Macron", "person");
  has(text, "Paris", "place");
  has(text, "Microsoft", "organization");
  has(text, "Reuters", "organization");
  has(text, "United Nations Security Council", "organization");
  has(text, "New York", "place");
  has(text, "German", "other");
});

test("Arabic names with particles are whole person mentions", () => {
  const text =
    "Syrian President Bashar al Assad spoke on Thursday. Prime Minister Mohammed al-Bashir said the plan would work.";
  has(text, "Bashar al Assad", "person");
  has(text, "Mohammed al-Bashir", "person");
});

test("facility rules: name + base, coordination, base at", () => {
  has("Russia uses the Hmeimim air base in the west.", "Hmeimim", "facility");
  has("Moscow and Damascus restored the al Jarrah military air base last year.", "al Jarrah", "facility");
  has("Planes flew from Ramstein Air Base overnight.", "Ramstein Air Base", "facility");
  const words = ["Kobani", "and", "Rmelan", "[", "bases", "]", "are", "used", "."];
  const spans = applyFacilityRules(words, [
    { start: 0, end: 1, type: "LOC" },
    { start: 2, end: 3, type: "PER" },
  ]);
  assert.deepEqual(
    spans.map((s) => [words.slice(s.start, s.end).join(" "), s.type]),
    [
      ["Kobani", "FAC"],
      ["Rmelan", "FAC"],
    ],
  );
});

test("facility rules leave owners alone: countries, demonyms, a political base", () => {
  const words = ["The", "US", "air", "base", "and", "a", "Russian", "base", "."];
  const spans = [
    { start: 1, end: 2, type: "LOC" },
    { start: 6, end: 7, type: "MISC" },
  ];
  assert.deepEqual(applyFacilityRules(words, spans), spans);
  const w2 = ["the", "Sanders", "base", "voted"];
  const s2 = [{ start: 1, end: 2, type: "PER" }];
  assert.deepEqual(applyFacilityRules(w2, s2), s2);
});

test("title-cased headlines are read in capitals, lists of names are not", () => {
  const m = loadModel();
  const head = ["Russian", "Military", "Needed", "in", "Syria", "Long", "Term", ",", "Assad", "Says"];
  assert.equal(headlineToCaps(head, m.commonWords)[1], "MILITARY");
  const list = ["Somerset", "83", "and", "174", ",", "Leicestershire", "296"];
  assert.equal(headlineToCaps(list, m.commonWords), list);
  const spans = tagTokens([head]);
  assert.ok(
    !spans[0].some((s) => s.end - s.start > 1 && head[s.start] === "Syria"),
    "Syria Long Term is no entity",
  );
});

test("the simple sentence rule splits on end punctuation and keeps abbreviations", () => {
  const s = tokenizeSentences(
    'He met Mr. Smith in the U.S. on Monday. "It went well," he said. Then he left.\nNext line',
  );
  assert.deepEqual(
    s.map((x) => x.map((t) => t.text).join(" ")),
    [
      "He met Mr. Smith in the U.S. on Monday .",
      '" It went well , " he said .',
      "Then he left .",
      "Next line",
    ],
  );
  // Given sentence spans are used as they are.
  const text = "One two. Three";
  assert.equal(tokenizeSentences(text, [{ start: 0, end: text.length }]).length, 1);
});
