import assert from "node:assert/strict";
import { test } from "node:test";
import { splitSentences } from "../../src/analyze/sentences.js";

const split = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

test("news abbreviations and titles do not end sentences", () => {
  assert.deepEqual(split("Gen. Smith met Mr. Jones on Jan. 5 in Washington. They talked."), [
    "Gen. Smith met Mr. Jones on Jan. 5 in Washington.",
    "They talked.",
  ]);
  assert.deepEqual(split("U.S. Secretary of State Rex Tillerson spoke. Apple Inc. said it would."), [
    "U.S. Secretary of State Rex Tillerson spoke.",
    "Apple Inc. said it would.",
  ]);
});

test("compound titles, 'v.' in case names and 'U.S. President' do not end sentences", () => {
  assert.deepEqual(split("He said then-Sen. Barack Obama and ex-Gov. Jeb Bush agreed. They left."), [
    "He said then-Sen. Barack Obama and ex-Gov. Jeb Bush agreed.",
    "They left.",
  ]);
  assert.deepEqual(split("He would overturn Roe v. Wade. She would not."), [
    "He would overturn Roe v. Wade.",
    "She would not.",
  ]);
  assert.deepEqual(
    split("He was a stronger leader than U.S. President Barack Obama, and U.S. officials agreed."),
    ["He was a stronger leader than U.S. President Barack Obama, and U.S. officials agreed."],
  );
});

test("an ambiguous abbreviation ends a sentence before a typical opener", () => {
  assert.deepEqual(split("Troops left the U.S. The president said so."), [
    "Troops left the U.S.",
    "The president said so.",
  ]);
});

test("initials and decimals stay inside the sentence", () => {
  assert.deepEqual(split("George W. Bush said 2.5 million people voted. Then he left."), [
    "George W. Bush said 2.5 million people voted.",
    "Then he left.",
  ]);
});

test("a closing quotation mark after the period belongs to the sentence", () => {
  assert.deepEqual(split("He said: “We will return.” Then he left."), [
    "He said: “We will return.”",
    "Then he left.",
  ]);
  assert.deepEqual(split('"Why?" he asked. "Because."'), ['"Why?" he asked.', '"Because."']);
});

test("quotations of several sentences split at their sentence ends", () => {
  assert.deepEqual(split('"It is needed. So it is important," Interfax cited Assad as saying.'), [
    '"It is needed.',
    'So it is important," Interfax cited Assad as saying.',
  ]);
});

test("line breaks end sentences and spans are trimmed", () => {
  const t = "Headline without period\n\n  First paragraph. Second one.\n";
  assert.deepEqual(split(t), ["Headline without period", "First paragraph.", "Second one."]);
  for (const s of splitSentences(t)) assert.equal(t.slice(s.start, s.end).trim(), t.slice(s.start, s.end));
});
