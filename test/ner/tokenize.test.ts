import assert from "node:assert/strict";
import { test } from "node:test";
import { tokenize } from "../../src/analyze/ner/tokenize.js";

const words = (s: string) => tokenize(s).map((t) => t.text);

test("tokens keep exact character offsets", () => {
  const s = "Syria’s “war”: the U.S. said al-Assad's 1,000 troops\n\twon't leave.";
  for (const t of tokenize(s)) assert.equal(s.slice(t.start, t.end), t.text);
});

test("abbreviations, dotted acronyms and initials stay whole", () => {
  assert.deepEqual(words("The U.S. and U.N. met."), ["The", "U.S.", "and", "U.N.", "met", "."]);
  assert.deepEqual(words("Mr. Smith met George W. Bush at Acme Corp. on Jan. 5."), [
    "Mr.",
    "Smith",
    "met",
    "George",
    "W.",
    "Bush",
    "at",
    "Acme",
    "Corp.",
    "on",
    "Jan.",
    "5",
    ".",
  ]);
  assert.deepEqual(words("Washington, U.S - Sputnik"), ["Washington", ",", "U.S", "-", "Sputnik"]);
  // A lowercase word that is also an abbreviation ends the sentence.
  assert.deepEqual(words("He fell ill. Then"), ["He", "fell", "ill", ".", "Then"]);
});

test("hyphenated names and numbers stay whole", () => {
  assert.deepEqual(words("al-Assad and Al-Bashir"), ["al-Assad", "and", "Al-Bashir"]);
  assert.deepEqual(words("1,000 people, 2.5 million, on 1996-08-22 at 10:30"), [
    "1,000",
    "people",
    ",",
    "2.5",
    "million",
    ",",
    "on",
    "1996-08-22",
    "at",
    "10:30",
  ]);
  assert.deepEqual(words("a 3-year-old"), ["a", "3-year-old"]);
});

test("quotes, possessives and n't are split as in CoNLL", () => {
  assert.deepEqual(words(`"Assad's rule," he said.`), [
    '"',
    "Assad",
    "'s",
    "rule",
    ",",
    '"',
    "he",
    "said",
    ".",
  ]);
  assert.deepEqual(words("Russia’s war isn't over"), ["Russia", "’s", "war", "is", "n't", "over"]);
  assert.deepEqual(words("O'Brien — “yes”"), ["O'Brien", "—", "“", "yes", "”"]);
  assert.deepEqual(words("wait -- no..."), ["wait", "--", "no", "..."]);
});

test("a sub-range can be tokenised with absolute offsets", () => {
  const s = "First one. Second one.";
  const t = tokenize(s, 11, s.length);
  assert.equal(t[0].text, "Second");
  assert.equal(t[0].start, 11);
});
