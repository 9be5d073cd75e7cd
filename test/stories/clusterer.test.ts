import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  capitalisedEntities,
  contentWords,
  type StoryDoc,
  StoryClusterer,
  type StoryEdit,
  storyIdFor,
} from "../../src/corpus/stories/index.js";
import { EVENTS } from "../fixtures/stories/events.js";
import { SAMPLE_DIR } from "../helpers/shared.js";

const byTime = (docs: StoryDoc[]) =>
  [...docs].sort((a, b) => (a.published ?? "").localeCompare(b.published ?? ""));
const strip = ({ event: _e, ...doc }: (typeof EVENTS)[number]): StoryDoc => doc;

function run(docs: StoryDoc[], edits: StoryEdit[] = []): StoryClusterer {
  const c = new StoryClusterer({ edits });
  for (const d of byTime(docs)) c.assign(d);
  return c;
}

/** Story id per fixture event, asserting that each event is exactly one story. */
function storyPerEvent(c: StoryClusterer): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of EVENTS) {
    const s = c.storyOf(d.id)!;
    if (out.has(d.event)) assert.equal(s, out.get(d.event), `${d.id} is not with the rest of ${d.event}`);
    out.set(d.event, s);
  }
  return out;
}

test("text features: content words and capitalised entities", () => {
  assert.deepEqual(contentWords("The attacks on Syria's bases were reported"), ["attack", "syria", "base"]);
  const ents = capitalisedEntities(
    "Syrian President Bashar al-Assad met Vladimir Putin in Moscow. Police said more.",
  );
  assert.ok(ents.includes("syrian president bashar al-assad"), ents.join("|"));
  assert.ok(ents.includes("vladimir putin"));
  assert.ok(ents.includes("moscow"));
  assert.ok(!ents.includes("police"), "a sentence-initial single word is not an entity");
  assert.deepEqual(capitalisedEntities("all lower case text without names"), []);
});

test("three events and an unrelated article make four stories", () => {
  const c = run(EVENTS.map(strip));
  const stories = storyPerEvent(c);
  assert.equal(new Set(stories.values()).size, 4);
  assert.equal(c.stories().length, 4);
  const flood = c.story(stories.get("flood")!)!;
  assert.equal(flood.firstDate, "2024-10-30");
  assert.equal(flood.lastDate, "2024-10-31");
  assert.ok(
    EVENTS.some((d) => d.title === flood.label),
    "label is one of the headlines",
  );
  assert.ok(flood.terms.includes("valencia"));
});

test("story ids are deterministic, stable across runs and as articles are added", () => {
  const a = run(EVENTS.map(strip));
  const b = run(EVENTS.map(strip));
  assert.deepEqual(
    a.stories().map((s) => s.id),
    b.stories().map((s) => s.id),
  );
  // The id derives from the story's first article.
  assert.equal(a.storyOf("rates-2"), storyIdFor("rates-1"));
  const before = new Map(EVENTS.map((d) => [d.id, a.storyOf(d.id)]));
  a.assign({
    id: "fire-4",
    title: "Maui wildfire: Lahaina search continues",
    published: "2023-08-12T06:00:00Z",
    text: "Searchers combed the ashes of Lahaina on Maui after the wildfire. Governor Josh Green said the death toll from the Maui fire would rise.",
  });
  a.assign({
    id: "quake-1",
    title: "Earthquake shakes Taiwan",
    published: "2024-04-03T00:00:00Z",
    text: "A strong earthquake struck off the east coast of Taiwan near Hualien, damaging buildings and triggering tsunami warnings in Japan and the Philippines.",
  });
  for (const d of EVENTS) assert.equal(a.storyOf(d.id), before.get(d.id));
  assert.equal(a.storyOf("fire-4"), before.get("fire-1"));
  assert.equal(a.storyOf("quake-1"), storyIdFor("quake-1"));
});

test("copies of one wire story go to its story and count once", () => {
  const docs = EVENTS.map(strip);
  const withCopy = [...docs, { ...docs[3]!, id: "rates-1-copy", versionGroup: "wire-rates" }];
  withCopy[3] = { ...docs[3]!, versionGroup: "wire-rates" };
  const c = run(withCopy);
  const plain = run(docs);
  assert.equal(c.storyOf("rates-1-copy"), c.storyOf("rates-1"));
  // Same frequencies and centroid as without the copy.
  const sc = c.toJSON();
  const sp = plain.toJSON();
  assert.equal(sc.vocab.docs, sp.vocab.docs);
  const story = (s: typeof sc, id: string) => s.stories.find((x) => x.id === id)!.centroid;
  assert.deepEqual(story(sc, c.storyOf("rates-1")!), story(sp, plain.storyOf("rates-1")!));
});

test("merge: one story under the older id, respected for later articles and on replay", () => {
  const c = run(EVENTS.map(strip));
  const fire = c.storyOf("fire-1")!;
  const bakery = c.storyOf("bakery-1")!;
  const edit = c.applyEdit({ op: "merge", stories: [bakery, fire] });
  assert.equal(edit.op, "merge");
  assert.equal(c.storyOf("bakery-1"), fire, "the older story keeps its id");
  assert.equal(c.story(bakery), undefined);
  const replay = run(EVENTS.map(strip), c.editLog());
  assert.equal(replay.storyOf("bakery-1"), fire);
  assert.equal(replay.storyOf("fire-3"), fire);
  assert.equal(replay.stories().length, 3);
});

test("split: a new story that later clustering never merges back", () => {
  const c = run(EVENTS.map(strip));
  const flood = c.storyOf("flood-1")!;
  const edit = c.applyEdit({ op: "split", story: flood, articles: ["flood-3"] });
  assert.ok(edit.op === "split" && edit.id);
  const split = c.storyOf("flood-3")!;
  assert.notEqual(split, flood);
  assert.equal(c.storyOf("flood-2"), flood);
  const later: StoryDoc = {
    id: "flood-4",
    title: "Valencia floods: death toll passes 200",
    published: "2024-11-01T09:00:00Z",
    text: "The death toll from the flash floods in the Valencia region passed 200. Soldiers searched mud-filled streets in Paiporta.",
  };
  c.assign(later);
  assert.ok([flood, split].includes(c.storyOf("flood-4")!));
  assert.notEqual(c.storyOf("flood-3"), c.storyOf("flood-1"));
  // Replayed from scratch with the edit, articles added later included.
  const replay = run([...EVENTS.map(strip), later], c.editLog());
  assert.equal(replay.storyOf("flood-1"), flood);
  assert.equal(replay.storyOf("flood-2"), flood);
  assert.equal(replay.storyOf("flood-3"), split);
  assert.notEqual(replay.storyOf("flood-3"), replay.storyOf("flood-1"));
});

test("rename pins the label, across replays and saved state", () => {
  const c = run(EVENTS.map(strip));
  const rates = c.storyOf("rates-1")!;
  c.applyEdit({ op: "rename", story: rates, label: "ECB July hike" });
  assert.equal(c.story(rates)!.label, "ECB July hike");
  assert.equal(c.story(rates)!.labelPinned, true);
  assert.equal(run(EVENTS.map(strip), c.editLog()).story(rates)!.label, "ECB July hike");
  const restored = StoryClusterer.fromJSON(JSON.parse(JSON.stringify(c.toJSON())));
  assert.equal(restored.story(rates)!.label, "ECB July hike");
  assert.throws(() => c.applyEdit({ op: "rename", story: "s-nope", label: "x" }), /unknown story/);
});

test("saved state continues exactly like an uninterrupted run", () => {
  const docs = byTime(EVENTS.map(strip));
  const whole = run(docs);
  const first = run(docs.slice(0, 5));
  const resumed = StoryClusterer.fromJSON(JSON.parse(JSON.stringify(first.toJSON())));
  for (const d of docs.slice(5)) resumed.assign(d);
  for (const d of docs) assert.equal(resumed.storyOf(d.id), whole.storyOf(d.id));
  assert.deepEqual(resumed.storylines(), whole.storylines());
});

test("saved state carries no tunables; old states' tunables are ignored", () => {
  const docs = byTime(EVENTS.map(strip));
  const whole = run(docs);
  const state = JSON.parse(JSON.stringify(run(docs.slice(0, 5)).toJSON()));
  assert.equal(state.options, undefined);
  // A state written by older code, with its thresholds saved: nothing would join at 0.99.
  const old = { ...state, version: 1, options: { joinThreshold: 0.99, joinThresholdLong: 0.99 } };
  const resumed = StoryClusterer.fromJSON(old);
  for (const d of docs.slice(5)) resumed.assign(d);
  for (const d of docs) assert.equal(resumed.storyOf(d.id), whole.storyOf(d.id));
});

test("a reposted headline joins its story even when the body is site menus", () => {
  const report =
    "Astronauts aboard the space station sequenced bacteria in orbit for the first time. " +
    "Biologists at the agency said samples from the station surfaces were amplified and read aboard. ";
  // A page of site menus: many distinct words, none of them the report's.
  const menus = `Subscribe to updates. ${Array.from({ length: 150 }, (_, i) => `section${i}`).join(" ")}`;
  const c = new StoryClusterer();
  c.assign({
    id: "a",
    title: "Astronauts Identify Unknown Microbes In Space For First Time",
    text: report.repeat(3),
    published: "2018-01-02",
  });
  const doc = {
    id: "b",
    title: "Astronauts Identify Unknown Microbes In Space For First Time",
    text: menus,
    published: "2018-01-04",
  };
  c.assign(doc);
  assert.equal(c.storyOf("b"), c.storyOf("a"));
  // A month later the same headline is no longer evidence of the same event.
  const late = new StoryClusterer();
  late.assign({ ...doc, id: "a2", text: report.repeat(3), published: "2018-01-02" });
  late.assign({ ...doc, published: "2018-02-10" });
  assert.notEqual(late.storyOf("b"), late.storyOf("a2"));
});

test("storylines keep unrelated events apart", () => {
  const c = run(EVENTS.map(strip));
  const lines = c.storylines();
  const lineOf = (id: string) => lines.find((l) => l.articles.includes(id))!.id;
  assert.notEqual(lineOf("flood-1"), lineOf("rates-1"));
  assert.notEqual(lineOf("fire-1"), lineOf("bakery-1"));
  for (const l of lines) assert.ok(l.label.length > 0);
});

// ---------------------------------------------------------------------------------------------
// The seeds: five articles on Russia's military presence in Syria (2017–2024).

/** Publication dates the seed pages state or their outlets carry. */
const SEED_DATES: Record<string, string> = {
  "000": "2018-07-26",
  "001": "2018-07-27",
  "002": "2023-03-16",
  "003": "2017-06-16",
  "004": "2024-12-19",
};

function seedDocs(): StoryDoc[] {
  return readdirSync(SAMPLE_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => {
      const paragraphs = readFileSync(join(SAMPLE_DIR, f), "utf8")
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean);
      const lines = paragraphs
        .join("\n")
        .split("\n")
        .map((l) => l.replace(/^#+\s*/, "").trim());
      const id = f.slice(0, 3);
      return {
        id,
        title: lines.find((l) => l.split(/\s+/).length >= 4 && !/[.!?]$/.test(l)) ?? null,
        text: paragraphs.join("\n\n"),
        published: SEED_DATES[id]!,
        versionGroup: id === "000" || id === "001" ? "wire-assad-2018" : null,
      };
    });
}

test("seeds: 000+001 one story, 002/003/004 three others, all in one storyline", () => {
  const c = run(seedDocs());
  const s = (id: string) => c.storyOf(id)!;
  assert.equal(s("000"), s("001"));
  assert.equal(new Set([s("000"), s("002"), s("003"), s("004")]).size, 4);
  const lines = c.storylines();
  assert.equal(lines.length, 1, JSON.stringify(lines.map((l) => l.articles)));
  assert.deepEqual([...lines[0]!.articles].sort(), ["000", "001", "002", "003", "004"]);
});
