import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { extractFigures } from "../../src/analyze/figures/index.js";
import { splitSentences } from "../../src/analyze/sentences.js";
import type { Figure } from "../../src/model/article.js";
import { SAMPLE_DIR } from "../helpers/shared.js";

const figures = (t: string) => extractFigures(t, { sentences: splitSentences(t) });
const find = (fs: Figure[], text: string) => {
  const f = fs.find((x) => x.text === text);
  assert.ok(f, `no figure "${text}" in ${JSON.stringify(fs.map((x) => x.text))}`);
  return f;
};
const sample = (prefix: string) =>
  readFileSync(join(SAMPLE_DIR, readdirSync(SAMPLE_DIR).find((n) => n.startsWith(prefix))!), "utf8");

test("numbers with units, multipliers, currencies and percentages", () => {
  const fs = figures(
    "Oil rose 30 percent to $1.5 billion as 2.5 million people were displaced for 49 years.",
  );
  const pct = find(fs, "30 percent");
  assert.equal(pct.value, 30);
  assert.equal(pct.unit, "percent");
  const usd = find(fs, "$1.5 billion");
  assert.equal(usd.value, 1.5e9);
  assert.equal(usd.unit, "USD");
  const people = find(fs, "2.5 million people");
  assert.equal(people.value, 2.5e6);
  assert.equal(people.counts, "people displaced");
  const years = find(fs, "49 years");
  assert.equal(years.unit, "year");
  assert.equal(years.counts, "years");
});

test("approximations, ranges, number words and vague quantities", () => {
  const fs = figures(
    "More than 6,000 civilians have been killed. At least three soldiers died. Between 3 and 5 people were hurt, " +
      "and 10-12 troops were wounded. Dozens of protesters were arrested.",
  );
  const civ = find(fs, "More than 6,000 civilians");
  assert.equal(civ.approx, "more than");
  assert.equal(civ.counts, "civilians killed");
  assert.equal(find(fs, "At least three soldiers").value, 3);
  const range = find(fs, "Between 3 and 5 people");
  assert.equal(range.value, 3);
  assert.equal(range.valueMax, 5);
  assert.equal(find(fs, "10-12 troops").counts, "troops wounded");
  const dozens = find(fs, "Dozens of protesters");
  assert.equal(dozens.approx, "dozens");
  assert.equal(dozens.counts, "protesters arrested");
});

test("dates, years, times, ordinals, labels and chrome are skipped", () => {
  const fs = figures(
    "On July 27, 2018, at 5 p.m., the 21st meeting under Resolution 2254 began in 2015 style, said No. 1 fan.\nNewsfeed\n0",
  );
  assert.deepEqual(
    fs.map((f) => f.text),
    [],
  );
});

test("the source is the speaker of the clause holding the figure", () => {
  const fs = figures(
    "According to the health ministry, 40 people were injured. 12 homes burned, officials said.",
  );
  assert.equal(find(fs, "40 people").source, "health ministry");
  assert.equal(find(fs, "12 homes").source, "officials");
});

test("seed 000: SNHR casualty figures carry SNHR as their source; 'over 40 years' is found", () => {
  const fs = figures(sample("000"));
  for (const text of ["More than 6,000 civilians", "1,761 children", "some 2.5 million people"]) {
    assert.match(find(fs, text).source ?? "", /SNHR/, text);
  }
  assert.equal(find(fs, "More than 6,000 civilians").counts, "civilians killed");
  const forty = find(fs, "over 40 years");
  assert.equal(forty.approx, "over");
  assert.equal(forty.value, 40);
  assert.match(forty.source ?? "", /Assad/);
});

test("seed 003: '49 years' is found; seed 004: 4,000 Iranian fighters", () => {
  assert.equal(find(figures(sample("003")), "49 years").value, 49);
  const f = find(figures(sample("004")), "4,000 Iranian fighters");
  assert.equal(f.counts, "Iranian fighters evacuated");
  assert.match(f.source ?? "", /Putin/);
});

test("the counted phrase stops before a clause's verb or subject", () => {
  const fs = figures("Nearly half of the 1,200 respondents said they would vote.");
  assert.equal(find(fs, "1,200 respondents").counts, "respondents");
});

test("counted phrases end before a preposition or time word; phone numbers are no figures", () => {
  const fs = figures(
    "Police said about 1,000 young men between the ages of 18 and 35 gathered. " +
      "The insurgency has claimed more than 20,000 lives and displaced 2.6 million people. " +
      "She was found with her baby earlier this year, one of 218 girls still held. Call 0207 782 4368 for details.",
  );
  assert.equal(find(fs, "about 1,000 young men").counts, "young men");
  assert.equal(find(fs, "more than 20,000 lives").counts, "lives", "'displaced' belongs to the next figure");
  assert.equal(find(fs, "2.6 million people").counts, "people displaced");
  assert.equal(find(fs, "218 girls").counts, "girls");
  for (const digits of ["0207", "782", "4368"])
    assert.ok(!fs.some((f) => f.text.includes(digits)), `${digits} is part of a phone number`);
});
