import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  comparePair,
  intersectionSize,
  SyndicationIndex,
  shingleSet,
  sketchArticle,
  sketchFromBytes,
  sketchToBytes,
  tokenize,
} from "../../src/corpus/syndication/index.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const story = readFileSync(join(FIXTURES, "wire-story.txt"), "utf8")
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter(Boolean);

function jaccard(a: string[], b: string[]): number {
  const x = shingleSet(a);
  const y = shingleSet(b);
  const i = intersectionSize(x, y);
  return i / (x.length + y.length - i);
}

test("fixture story has 20 paragraphs", () => {
  assert.equal(story.length, 20);
});

test("sentence splitter keeps initials and abbreviations, splits real sentence ends", () => {
  const t = tokenize([
    'R. Kelly performs at the BET Awards. U.S. officials met Mr. Smith on Jan. 5 in Washington. Was it planned? "No," he said.',
  ]);
  // Sentences: "R. Kelly ... Awards." | "U.S. officials ... Washington." | "Was it planned?" | "\"No,\" he said."
  assert.equal(t.sentenceEnds.length, 4);
});

test("normalisation: case, punctuation and apostrophe spacing do not matter", () => {
  const a = sketchArticle(["Spotify's CEO says the company rolled out its policy in the wrong way. Really."]);
  const b = sketchArticle([
    "SPOTIFY 'S  CEO says -- the company rolled out its policy, in the wrong way! Really.",
  ]);
  assert.deepEqual(a, b);
});

test("an exact copy under a new id is found with containment 1", () => {
  const index = new SyndicationIndex();
  assert.deepEqual(index.add({ id: "wire", paragraphs: story }), []);
  const m = index.add({ id: "copy", paragraphs: story });
  assert.equal(m.length, 1);
  assert.equal(m[0].id, "wire");
  assert.equal(m[0].containment, 1);
});

test("an edited copy (new headline, changed words, a dropped and an added paragraph) is found", () => {
  const edited = story.map((p) =>
    p
      .replace("heavy rain", "torrential rain")
      .replace("nearly four percent", "almost 4%")
      .replace("she said", "the mayor said"),
  );
  edited.splice(6, 1); // the casualty paragraph dropped
  edited.unshift("Valdora port shut by floods as grain ships wait");
  edited.push("This story has been updated with comment from the mayor's office.");
  const index = new SyndicationIndex();
  index.add({ id: "wire", paragraphs: story });
  const m = index.add({ id: "edited", paragraphs: edited });
  assert.equal(m.length, 1);
  assert.ok(m[0].containment >= 0.8, `containment ${m[0].containment}`);
});

test("a copy with a word changed in 3 sentences out of 5 is found by the shingle rule", () => {
  // Few sentences stay identical, but most 5-word shingles survive.
  let k = 0;
  const reworded = story.map((p) =>
    p
      .split(/(?<=\.) /)
      .map((s) => {
        const w = s.split(" ");
        if (k++ % 5 < 3) w[w.length - 3] = "xyzzy";
        return w.join(" ");
      })
      .join(" "),
  );
  const s = comparePair(sketchArticle(story), sketchArticle(reworded));
  assert.ok(s.sentenceContainment < 0.5, `sentences ${s.sentenceContainment}`);
  assert.ok(s.isCopy, `shingles ${s.shingleContainment}`);
  const index = new SyndicationIndex();
  index.add({ id: "wire", paragraphs: story });
  assert.equal(index.add({ id: "reworded", paragraphs: reworded }).length, 1);
});

test("a 6-paragraph excerpt of the 20-paragraph story is a copy though its Jaccard is low", () => {
  const excerpt = story.slice(0, 6);
  assert.ok(jaccard(story, excerpt) < 0.4, "Jaccard alone would miss it");
  const index = new SyndicationIndex();
  index.add({ id: "wire", paragraphs: story });
  const m = index.add({ id: "excerpt", paragraphs: ["Port of Valdora closed", ...excerpt] });
  assert.equal(m.length, 1);
  assert.equal(m[0].containment, 1);
  // Also from the middle, and in the other insertion order.
  const index2 = new SyndicationIndex();
  index2.add({ id: "middle", paragraphs: story.slice(8, 14) });
  assert.equal(index2.add({ id: "wire", paragraphs: story })[0]?.id, "middle");
});

test("unrelated stories sharing boilerplate phrases are not copies", () => {
  const a = [
    "The central bank raised its main interest rate by half a point on Thursday, citing stubborn inflation.",
    '"We will do whatever it takes to bring prices under control," the governor said in a statement on Thursday.',
    "Economists polled by Reuters had expected a smaller increase of a quarter point.",
    "The decision was taken unanimously, according to a person familiar with the matter who asked not to be named.",
    "Reporting by Anna Berg; Editing by Tom Hale.",
    "Sign up for our newsletter to get the latest news delivered to your inbox every morning.",
  ];
  const b = [
    "A magnitude 6.1 earthquake struck off the southern coast early on Thursday, shaking buildings in the capital.",
    '"There is no tsunami threat at this time," the geological survey said in a statement on Thursday.',
    "Residents ran into the streets in their night clothes, according to a person familiar with the matter who lives there.",
    "Economists polled by Reuters said the damage to ports and roads appeared to be limited.",
    "Reporting by Luis Mora; Editing by Tom Hale.",
    "Sign up for our newsletter to get the latest news delivered to your inbox every morning.",
  ];
  const index = new SyndicationIndex();
  index.add({ id: "bank", paragraphs: a });
  assert.deepEqual(index.add({ id: "quake", paragraphs: b }), []);
  assert.deepEqual(index.add({ id: "wire", paragraphs: story }), []);
});

test("remove, re-add under the same id, and serialize/deserialize", () => {
  const index = new SyndicationIndex();
  index.add({ id: "wire", paragraphs: story });
  index.add({ id: "excerpt", paragraphs: story.slice(3, 10) });
  assert.equal(index.size, 2);
  const restored = SyndicationIndex.deserialize(index.serialize());
  assert.equal(restored.size, 2);
  assert.deepEqual(restored.getSketch("wire"), index.getSketch("wire"));
  const q = sketchArticle(story.slice(0, 8));
  assert.deepEqual(restored.query(q), index.query(q));
  assert.equal(restored.query(q).length, 2);

  assert.ok(index.remove("wire"));
  assert.ok(!index.remove("wire"));
  assert.deepEqual(
    index.query(q).map((m) => m.id),
    ["excerpt"],
  );
  // Re-adding an id replaces it (an edited article re-ingested under its own id).
  index.add({
    id: "excerpt",
    paragraphs: ["Something else entirely, with enough words to count as a sentence here."],
  });
  assert.deepEqual(index.query(q), []);
  assert.equal(index.size, 1);
});

test("rebuilding from stored sketches finds the same matches without the text", () => {
  const blob = Buffer.from(sketchToBytes(sketchArticle(story))); // e.g. stored in SQLite
  const unaligned = Buffer.concat([Buffer.from([1]), blob]).subarray(1); // as a pooled Buffer may be
  const index = new SyndicationIndex();
  index.insert("wire", sketchFromBytes(unaligned));
  assert.equal(index.add({ id: "copy", paragraphs: story.slice(5, 12) })[0]?.id, "wire");
  assert.equal(index.share("wire", "copy")! < 0.5, true);
  assert.equal(index.share("copy", "wire"), 1);
});

test("a sketch of another version is rejected", () => {
  const s = sketchArticle(story);
  s[0] = 999;
  assert.throws(() => new SyndicationIndex().insert("x", s), /version/);
});
