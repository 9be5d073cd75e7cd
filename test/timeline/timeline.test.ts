/** Timeline building on small fixtures: copies counted once, ranking by sources, date precision. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { splitSentences } from "../../src/analyze/sentences.js";
import { extractTimes } from "../../src/analyze/time/index.js";
import { buildTimeline, calendarDate, type TimelineDoc } from "../../src/corpus/timeline/index.js";

function doc(
  id: string,
  source: string,
  published: string | null,
  text: string,
  outlet = `outlet-${source}`,
): TimelineDoc {
  return {
    id,
    outlet,
    published,
    source,
    text,
    sentences: splitSentences(text),
    times: extractTimes(text, published),
  };
}

const QUAKE =
  "A magnitude 7.1 earthquake struck the coastal city of Norwell on 5 March 2020, killing dozens of residents.";

test("calendarDate keeps day, month and year precision and drops the rest", () => {
  assert.deepEqual(calendarDate("2020-03-05"), { value: "2020-03-05", precision: "day" });
  assert.deepEqual(calendarDate("2020-03-05T14:00"), { value: "2020-03-05", precision: "day" });
  assert.deepEqual(calendarDate("2017-01"), { value: "2017-01", precision: "month" });
  assert.deepEqual(calendarDate("2015"), { value: "2015", precision: "year" });
  for (const v of ["XXXX-01", "P49Y", "PRESENT_REF", "2010-W16", "2010-SU", "2020-13"])
    assert.equal(calendarDate(v), null, v);
});

test("copies of one wire story count once; an independent report adds a source", () => {
  const docs = [
    doc("a1", "wire", "2020-03-09", `${QUAKE} Aid groups arrived later.`, "Wire Agency"),
    doc("a2", "wire", "2020-03-09", `${QUAKE} Aid groups arrived later.`, "Daily Copy"),
    doc(
      "b1",
      "b",
      "2020-03-10",
      "A magnitude 7.1 earthquake struck the coastal city of Norwell on 5 March 2020, killing dozens.",
    ),
  ];
  const tl = buildTimeline(docs, { perDate: 3 });
  const day = tl.find((d) => d.date === "2020-03-05");
  assert.ok(day, JSON.stringify(tl));
  assert.equal(day.precision, "day");
  assert.equal(day.entries.length, 1, "near-identical sentences are one entry");
  const e = day.entries[0];
  assert.deepEqual(e.articles.sort(), ["a1", "a2", "b1"]);
  assert.deepEqual(e.outlets.sort(), ["Daily Copy", "Wire Agency", "outlet-b"]);
  assert.equal(e.sources, 2, "two independent sources: the wire story and b");
  assert.equal(day.sources, 2);
});

test("dates rank by independent later references; copies do not inflate a date", () => {
  const docs = [
    // 5 March: referred back to by three independent sources days later.
    doc("x1", "x", "2020-03-12", `${QUAKE}`),
    doc(
      "y1",
      "y",
      "2020-03-13",
      "Survivors recalled the earthquake that hit Norwell on 5 March 2020 and the fires after it.",
    ),
    doc(
      "z1",
      "z",
      "2020-03-14",
      "Insurers are still counting the cost of the 5 March 2020 earthquake in Norwell.",
    ),
    // 8 March: one source, copied four times.
    ...[1, 2, 3, 4].map((i) =>
      doc(
        `w${i}`,
        "w",
        "2020-03-12",
        "The mayor of Norwell resigned on 8 March 2020 after protests over the slow rescue.",
      ),
    ),
  ];
  const top = buildTimeline(docs, { dates: 1 });
  assert.equal(top.length, 1);
  assert.equal(top[0].date, "2020-03-05");
  const all = buildTimeline(docs, { dates: 10 });
  const mar8 = all.find((d) => d.date === "2020-03-08");
  assert.ok(mar8);
  assert.equal(mar8.entries[0].sources, 1);
  assert.equal(mar8.entries[0].articles.length, 4);
  // Chronological output.
  assert.deepEqual(
    all.map((d) => d.date),
    [...all.map((d) => d.date)].sort(),
  );
});

test("month and year references keep their precision; a month outranked by its own day is left out", () => {
  const docs = [
    doc(
      "m1",
      "m",
      "2018-07-27",
      "In January 2017, both bases were leased to the navy for another 49 years. Russia intervened in the civil war in 2015 and turned the tide.",
    ),
    doc(
      "m2",
      "n",
      "2018-07-28",
      "Russia intervened in the civil war in 2015, changing the balance of power on the ground.",
    ),
  ];
  const tl = buildTimeline(docs);
  const byDate = new Map(tl.map((d) => [d.date, d]));
  assert.equal(byDate.get("2017-01")?.precision, "month");
  assert.equal(byDate.get("2015")?.precision, "year");
  assert.equal(byDate.get("2015")?.sources, 2);
  assert.match(byDate.get("2017-01")!.entries[0].text, /leased/);

  const withDay = buildTimeline([
    doc("d1", "d", "2020-03-20", `${QUAKE}`),
    doc(
      "d2",
      "e",
      "2020-03-21",
      "Norwell was rebuilt slowly after the earthquake of March 2020 destroyed the port district.",
    ),
  ]);
  assert.ok(withDay.some((d) => d.date === "2020-03-05"));
  assert.ok(!withDay.some((d) => d.date === "2020-03"), "March 2020 adds nothing to 5 March 2020");
});

test("an undated article contributes only absolute dates, never a publication day", () => {
  const tl = buildTimeline([
    doc(
      "u1",
      "u",
      null,
      "The ceasefire collapsed on Thursday. The treaty was signed on 12 May 1999 in Geneva by both sides.",
    ),
  ]);
  assert.deepEqual(
    tl.map((d) => d.date),
    ["1999-05-12"],
  );
});

test("perDate limits entries and avoids repeating one another", () => {
  const docs = ["a", "b", "c", "d"].map((s, i) =>
    doc(
      `p${i}`,
      s,
      "2020-03-09",
      [
        "The earthquake on 5 March 2020 destroyed the harbour of Norwell and sank fishing boats.",
        "The earthquake on 5 March 2020 destroyed the harbour of Norwell and sank many fishing boats there.",
        "Officials said on 5 March 2020 that schools across the province would close for a week.",
        "Hospitals in Norwell treated hundreds of injured people on 5 March 2020 after the earthquake.",
      ][i],
    ),
  );
  const tl = buildTimeline(docs, { perDate: 2 });
  const day = tl.find((d) => d.date === "2020-03-05")!;
  assert.equal(day.entries.length, 2);
  const harbour = day.entries.filter((e) => /harbour/.test(e.text));
  assert.ok(harbour.length <= 1, "the two harbour sentences are one entry or one pick");
});
