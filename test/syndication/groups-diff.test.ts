import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  diffArticles,
  groupVersions,
  SyndicationIndex,
  type VersionPair,
} from "../../src/corpus/syndication/index.js";

const story = readFileSync(join(import.meta.dirname, "fixtures", "wire-story.txt"), "utf8")
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter(Boolean);

test("groups: connected pairs, origin = earliest published, members by date, undated last", () => {
  const docs = [
    { id: "c", published: "2018-07-27T12:00:00Z", words: 300 },
    { id: "a", published: "2018-07-27T09:30:00Z", words: 200 },
    { id: "b", published: null, words: 900 },
    { id: "d", published: "2018-07-28", words: 100 },
    { id: "x", published: "2018-07-01", words: 100 },
    { id: "y", published: "2018-07-02", words: 100 },
  ];
  const pairs: VersionPair[] = [
    ["c", "a", 0.9],
    ["b", "c", 0.7],
    ["d", "b", 0.6],
    ["x", "y", 1],
  ];
  const groups = groupVersions(docs, pairs, { share: (o, m) => (o === "a" && m === "c" ? 0.8 : null) });
  assert.equal(groups.length, 2);
  assert.equal(groups[0].origin, "a");
  assert.deepEqual(
    groups[0].members.map((m) => m.id),
    ["a", "c", "d", "b"],
  );
  assert.equal(groups[0].members[0].share, 1);
  assert.equal(groups[0].members[1].share, 0.8);
  assert.equal(groups[1].origin, "x");
});

test("groups: tie-break on equal dates is the longer text, then the id; all undated → longest", () => {
  const same = "2018-07-27";
  let g = groupVersions(
    [
      { id: "short", published: same, words: 100 },
      { id: "long", published: same, words: 500 },
    ],
    [["short", "long", 1]],
  );
  assert.equal(g[0].origin, "long");
  g = groupVersions(
    [
      { id: "b", published: same, words: 100 },
      { id: "a", published: same, words: 100 },
    ],
    [["b", "a", 1]],
  );
  assert.equal(g[0].origin, "a");
  g = groupVersions(
    [
      { id: "u1", published: null, words: 10 },
      { id: "u2", published: null, words: 20 },
      { id: "dated", published: "2020-01-01", words: 1 },
    ],
    [
      ["u1", "u2", 1],
      ["u2", "dated", 1],
    ],
  );
  assert.equal(g[0].origin, "dated");
  assert.deepEqual(
    g[0].members.map((m) => m.id),
    ["dated", "u1", "u2"],
  );
});

test("edited versions of one article (id@v2) group and diff like copies", () => {
  const v1 = story;
  const v2 = story.map((p) => p.replace("No deaths were reported", "One person was reported dead"));
  v2.push("Correction: an earlier version of this story misstated the number of evacuated people.");
  const index = new SyndicationIndex();
  index.add({ id: "valdora-floods", paragraphs: v1 });
  const matches = index.add({ id: "valdora-floods@v2", paragraphs: v2 });
  assert.equal(matches[0]?.id, "valdora-floods");
  const groups = groupVersions(
    [
      { id: "valdora-floods", published: "2021-10-05T08:00:00Z" },
      { id: "valdora-floods@v2", published: "2021-10-05T15:00:00Z" },
    ],
    matches.map((m) => [m.id, "valdora-floods@v2", m.containment] as const),
    { share: (o, m) => index.share(o, m) },
  );
  assert.equal(groups[0].origin, "valdora-floods");
  assert.ok(groups[0].members[1].share! > 0.95);
  const d = diffArticles(v1, v2);
  assert.deepEqual(d.summary, { equal: 19, changed: 1, added: 1, removed: 0, moved: 0 });
});

test("diff: added, removed and changed paragraphs; a changed phrase is a change inside its paragraph", () => {
  const origin = [
    "Assad also commented on the White Helmets volunteers, saying the rescue workers were a cover for militant groups.",
    "The group, known officially as Syria Civil Defence, has been widely hailed internationally and credited with saving thousands of people.",
    "More than 6,000 civilians have been killed by Russian forces, the Syrian Network for Human Rights says.",
    "The fate of the White Helmets is the same as of any terrorist, Interfax cited the Syrian leader as saying.",
  ];
  const copy = [
    "Assad also commented on the White Helmets volunteers, saying the rescue workers were a cover for militant groups.",
    "The group, known officially as Syria Civil Defence, has been widely hailed in the West and credited with saving thousands of people.",
    "The fate of the White Helmets is the same as of any terrorist, Interfax cited the Syrian leader as saying.",
    "Related: The growing risks of Russia's military intervention in Syria, an op-ed by our columnist.",
  ];
  const d = diffArticles(origin, copy);
  assert.deepEqual(
    d.paragraphs.map((p) => p.kind),
    ["equal", "changed", "removed", "equal", "added"],
  );
  const changed = d.paragraphs[1];
  assert.ok(changed.kind === "changed");
  assert.equal(changed.origin, 1);
  assert.equal(changed.copy, 1);
  const edits = changed.words.filter((w) => w.op !== "equal").map((w) => `${w.op}:${w.text.trim()}`);
  assert.deepEqual(edits, ["removed:internationally", "added:in the West"]);
  const removed = d.paragraphs[2];
  assert.ok(removed.kind === "removed" && removed.text.includes("6,000 civilians"));
  // Share of the origin's words carried: all but the casualty paragraph and one word.
  const words = (s: string) => s.split(/\s+/).length;
  const expected = (words(origin.join(" ")) - words(origin[2]) - 1) / words(origin.join(" "));
  assert.ok(Math.abs(d.share - expected) < 0.03, `share ${d.share} vs ${expected}`);
});

test("diff: a reordered paragraph is reported as moved, not removed and added", () => {
  const copy = [story[0], story[5], story[1], story[2], story[3], story[4]];
  const d = diffArticles(story.slice(0, 6), copy);
  assert.equal(d.summary.removed, 0);
  assert.equal(d.summary.added, 0);
  assert.equal(d.summary.moved, 1);
  assert.equal(d.share, 1);
});

test("diff: a paragraph cut to its first sentence is a change, not a removal", () => {
  const cut = story[2].split(/(?<=\.) /)[0];
  const d = diffArticles([story[1], story[2], story[3]], [story[1], cut, story[3]]);
  assert.deepEqual(
    d.paragraphs.map((p) => p.kind),
    ["equal", "changed", "equal"],
  );
});
