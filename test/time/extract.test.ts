import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { TimeExpression } from "../../src/model/article.js";
import { extractTimes } from "../../src/analyze/time/index.js";
import { SAMPLE_DIR } from "../helpers/shared.js";

/** Friday 27 July 2018, in ISO week 30 and the third quarter. */
const DCT = "2018-07-27";

/** The expression whose text is `surface` (first one), failing with the full output if absent. */
function find(text: string, surface: string, dct: string | null = DCT): TimeExpression {
  const all = extractTimes(text, dct);
  const hit = all.find((t) => t.text === surface);
  assert.ok(hit, `"${surface}" not found in ${JSON.stringify(all)}`);
  assert.equal(text.slice(hit.start, hit.end), hit.text, "offsets index the text");
  return hit;
}

function expectValue(
  text: string,
  surface: string,
  type: string,
  value: string,
  dct: string | null = DCT,
): void {
  const t = find(text, surface, dct);
  assert.deepEqual([t.type, t.value], [type, value], `${surface} in: ${text}`);
}

test("the issue's examples: weekday in a past clause, earlier this month", () => {
  expectValue("The minister said on Thursday that the talks had failed.", "Thursday", "DATE", "2018-07-26");
  expectValue(
    "Prices rose earlier this month, the agency said.",
    "earlier this month",
    "DATE",
    "2024-12",
    "2024-12-15",
  );
});

test("weekdays follow tense: the coming one in a future clause, the last one otherwise", () => {
  expectValue("The talks will resume on Monday in Geneva.", "Monday", "DATE", "2018-07-30");
  expectValue("Police arrested two men on Monday.", "Monday", "DATE", "2018-07-23");
  expectValue("The vote took place last Friday.", "last Friday", "DATE", "2018-07-20");
  expectValue("The meeting is set for next Tuesday.", "next Tuesday", "DATE", "2018-07-31");
});

test("absolute dates, months and years", () => {
  expectValue("In January 2017, both bases were leased to Russia.", "January 2017", "DATE", "2017-01");
  expectValue("The base was built in 2015 to serve as a hub.", "2015", "DATE", "2015");
  expectValue("He was born on May 26, 1980 in Ohio.", "May 26, 1980", "DATE", "1980-05-26");
  expectValue("The deal was signed on 3 March 2016.", "3 March 2016", "DATE", "2016-03-03");
  expectValue("The report was published 2016-03-04.", "2016-03-04", "DATE", "2016-03-04");
  expectValue("Troops arrived in the 1990s.", "the 1990s", "DATE", "199");
});

test("month and day without a year: the occurrence nearest to the publication date", () => {
  expectValue("The dividend is payable Aug. 15 to holders of record.", "Aug. 15", "DATE", "2018-08-15");
  expectValue("The company reported the loss on June 30.", "June 30", "DATE", "2018-06-30");
  expectValue("The offer expires Jan. 2.", "Jan. 2", "DATE", "2019-01-02", "2018-11-20");
  expectValue("Sales fell in December, the firm said.", "December", "DATE", "2017-12", "2018-02-06");
});

test("relative dates: yesterday, last year, this week, next month", () => {
  expectValue("Officials confirmed the figures yesterday.", "yesterday", "DATE", "2018-07-26");
  expectValue("Exports grew 5% last year.", "last year", "DATE", "2017");
  expectValue("Talks continue this week in Vienna.", "this week", "DATE", "2018-W30");
  expectValue("The vote is due next month.", "next month", "DATE", "2018-08");
  expectValue("The plant closed three years ago.", "three years ago", "DATE", "2015");
  expectValue("The contract runs until early next year.", "early next year", "DATE", "2019");
});

test("present, past and future references", () => {
  expectValue("The troops are now stationed near the border.", "now", "DATE", "PRESENT_REF");
  expectValue("The base is currently used by the navy.", "currently", "DATE", "PRESENT_REF");
  expectValue("Relations recently improved.", "recently", "DATE", "PAST_REF");
  expectValue("Both sides may cooperate in the future.", "the future", "DATE", "FUTURE_REF");
});

test("durations", () => {
  expectValue("The lease runs for 49 years.", "49 years", "DURATION", "P49Y");
  expectValue("The company signed a three-year contract.", "three-year", "DURATION", "P3Y");
  expectValue("Profit rose in the first nine months.", "the first nine months", "DURATION", "P9M");
  expectValue("The siege lasted nearly two months.", "nearly two months", "DURATION", "P2M");
  expectValue("The flight took five hours.", "five hours", "DURATION", "PT5H");
  expectValue("The talks lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M");
  expectValue("Prices have risen for several years.", "several years", "DURATION", "PXY");
});

test("quarters, halves, seasons", () => {
  expectValue("Profit fell in the third quarter.", "the third quarter", "DATE", "2018-Q3");
  expectValue("It posted a third-quarter loss.", "third-quarter", "DATE", "2018-Q3");
  expectValue(
    "Profit fell in the third quarter. Sales rose from a year earlier.",
    "a year earlier",
    "DATE",
    "2017-Q3",
  );
  expectValue("Sales grew in the first half of 2017.", "the first half of 2017", "DATE", "2017-H1");
  expectValue("The offensive began this summer.", "this summer", "DATE", "2018-SU");
  expectValue("Elections are planned for the spring of 2019.", "the spring of 2019", "DATE", "2019-SP");
});

test("times of day combine with their day", () => {
  expectValue("The blast happened Monday morning near the port.", "Monday morning", "TIME", "2018-07-23TMO");
  expectValue("The strike began at 10 p.m. Wednesday.", "10 p.m. Wednesday", "TIME", "2018-07-25T22:00");
  expectValue("He spoke to reporters this morning.", "this morning", "TIME", "2018-07-27TMO");
  expectValue("Shelling continued last night.", "last night", "TIME", "2018-07-26TNI");
});

test("sets", () => {
  expectValue("Inspectors visit the site every week.", "every week", "SET", "P1W");
  expectValue("The council meets each Thursday.", "each Thursday", "SET", "XXXX-WXX-4");
  expectValue("The paper is published daily.", "daily", "SET", "P1D");
});

test("without a reference date, relative values stay underspecified", () => {
  expectValue("In January 2017, both bases were leased.", "January 2017", "DATE", "2017-01", null);
  expectValue("The minister said on Thursday that talks failed.", "Thursday", "DATE", "XXXX-WXX-4", null);
  expectValue("Officials confirmed the figures yesterday.", "yesterday", "DATE", "XXXX-XX-XX", null);
  expectValue("Exports grew 5% last year.", "last year", "DATE", "XXXX", null);
  expectValue("The lease runs for 49 years.", "49 years", "DURATION", "P49Y", null);
});

test("not time expressions: counts, verbs, names, ages, fractions", () => {
  for (const text of [
    "About 2000 people may march to the square; the 1,500 troops will spring into action.",
    "Putin denied claims of Russia's loss with the fall of the former regime.",
    "Jan Kavan of the Czech Republic signed the documents.",
    "Mr. Smith, 52 years old, runs a 136-year-old bank.",
    "Iraq imports about three-quarters of its food.",
    "A second group of directors joined the board.",
    "",
  ]) {
    assert.deepEqual(extractTimes(text, DCT), [], text);
  }
});

test("deadlines look ahead, 'since' looks back", () => {
  expectValue("The relatives have until Tuesday to sign.", "Tuesday", "DATE", "2018-07-31");
  expectValue("Shares have gained 4% since Tuesday.", "Tuesday", "DATE", "2018-07-24");
});

// Guard against catastrophic backtracking: this would run for minutes with a nested quantifier.
test("long repetitive input terminates (linear-time patterns)", { timeout: 30_000 }, () => {
  const text = `${"the the the 1 2 3 a a a years of the of May ".repeat(3000)}end`;
  assert.ok(Array.isArray(extractTimes(text, DCT)));
});

test("seed 003: In January 2017 is 2017-01", () => {
  const file = readdirSync(SAMPLE_DIR).find((f) => f.startsWith("003_"));
  assert.ok(file, "sample/003_*.txt exists");
  const text = readFileSync(join(SAMPLE_DIR, file), "utf8");
  const times = extractTimes(text, "2018-07-27");
  const jan = times.find((t) => t.text === "January 2017");
  assert.ok(jan, JSON.stringify(times));
  assert.equal(jan.value, "2017-01");
  assert.equal(jan.type, "DATE");
  assert.ok(times.some((t) => t.text === "49 years" && t.value === "P49Y"));
});
