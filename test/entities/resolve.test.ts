import assert from "node:assert/strict";
import { test } from "node:test";
import {
  acronymMatches,
  analyzeEntities,
  keyForm,
  matchForm,
  mergeCorpusEntities,
  type RawMention,
  resolveEntities,
} from "../../src/analyze/entities/index.js";
import type { Entity, EntityType } from "../../src/model/article.js";

/** Raw mentions of the given names (first occurrence of each, or every occurrence with `all`). */
function mentionsOf(text: string, names: [string, EntityType][], all = true): RawMention[] {
  const out: RawMention[] = [];
  for (const [name, type] of names) {
    let i = text.indexOf(name);
    while (i >= 0) {
      const overlaps = out.some((m) => m.start < i + name.length && m.end > i);
      if (!overlaps) out.push({ start: i, end: i + name.length, text: name, type });
      if (!all) break;
      i = text.indexOf(name, i + name.length);
    }
  }
  return out;
}

const entityOf = (r: { mentions: { text: string; entity: string }[]; entities: Entity[] }, text: string) => {
  const m = r.mentions.find((x) => x.text === text);
  assert.ok(m, `no mention "${text}"`);
  return r.entities.find((e) => e.key === m.entity)!;
};

test("normalisation: particles, hyphens, diacritics, spellings, dots", () => {
  assert.equal(matchForm("Bashar al-Assad"), "bashar assad");
  assert.equal(matchForm("Bashar al Assad"), "bashar assad");
  assert.equal(matchForm("Syria Civil Defence"), matchForm("Syria Civil Defense"));
  assert.equal(matchForm("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
  assert.equal(matchForm("U.S."), "us");
  assert.equal(matchForm("Russia's"), "russia");
  assert.equal(keyForm("Bashar al Assad"), "bashar al-assad");
  assert.equal(keyForm("Ministry of Defence"), "ministry of defense");
});

test("acronym matching", () => {
  assert.ok(acronymMatches("SNHR", "Syrian Network for Human Rights"));
  assert.ok(acronymMatches("SSNP", "Syrian Social Nationalist Party"));
  assert.ok(acronymMatches("NATO", "North Atlantic Treaty Organization"));
  assert.ok(!acronymMatches("SNHR", "Syrian Observatory for Human Rights"));
  assert.ok(!acronymMatches("UN", "Reuters"));
});

test("a surname maps to the full name; spelling variants merge", () => {
  const text =
    "Assad spoke. Syrian President Bashar al-Assad said. Later Bashar al Assad and Assad's allies met.";
  const r = resolveEntities(
    text,
    mentionsOf(text, [
      ["Bashar al-Assad", "person"],
      ["Bashar al Assad", "person"],
      ["Assad", "person"],
    ]),
  );
  const persons = r.entities.filter((e) => e.type === "person");
  assert.equal(persons.length, 1, JSON.stringify(r.entities));
  assert.equal(persons[0].key, "person:bashar al-assad");
  assert.ok(r.mentions.every((m) => m.entity === "person:bashar al-assad"));
});

test("with two full names sharing a surname, a lone surname takes the nearest one before it", () => {
  const text = "Hafez al-Assad ruled until 2000. His son Bashar al-Assad took over. Assad said.";
  const r = resolveEntities(
    text,
    mentionsOf(text, [
      ["Hafez al-Assad", "person"],
      ["Bashar al-Assad", "person"],
      ["Assad", "person"],
    ]),
  );
  assert.equal(entityOf(r, "Assad").name, "Bashar al-Assad");
  assert.notEqual(entityOf(r, "Hafez al-Assad").key, entityOf(r, "Bashar al-Assad").key);
});

test("a type disagreement on a surname goes to the person", () => {
  const text = "Recep Tayyip Erdogan spoke. Erdogan left.";
  const r = resolveEntities(text, [
    { start: 0, end: 20, text: "Recep Tayyip Erdogan", type: "person" },
    { start: 28, end: 35, text: "Erdogan", type: "place" },
  ]);
  assert.equal(r.entities.length, 1);
  assert.equal(r.entities[0].type, "person");
  assert.ok(r.mentions.every((m) => m.type === "person"));
});

test("an acronym defined in the text is linked, and its untagged uses join", () => {
  const text =
    "The Syrian Network for Human Rights (SNHR) says 6,000 died. The figures of SNHR are disputed. SNHR said more.";
  const r = resolveEntities(
    text,
    mentionsOf(text, [["Syrian Network for Human Rights", "organization"]]).concat(
      mentionsOf(text, [["SNHR", "organization"]], false),
    ),
  );
  const e = entityOf(r, "SNHR");
  assert.equal(e.name, "Syrian Network for Human Rights");
  assert.deepEqual(e.aliases, ["SNHR"]);
  assert.equal(r.mentions.filter((m) => m.entity === e.key).length, 4);
});

test("an alias given in the text is linked: anaphoric 'The group, known officially as'", () => {
  const text =
    "Assad also commented on the White Helmets volunteers, saying the Syrian rescue workers were a cover. " +
    "The group, known officially as Syria Civil Defence, has been widely hailed.";
  const r = resolveEntities(
    text,
    mentionsOf(text, [
      ["Assad", "person"],
      ["White Helmets", "place"],
      ["Syrian", "other"],
      ["Syria Civil Defence", "organization"],
    ]),
  );
  const e = entityOf(r, "White Helmets");
  assert.equal(e.type, "organization");
  assert.equal(entityOf(r, "Syria Civil Defence").key, e.key);
  assert.notEqual(entityOf(r, "Syrian").key, e.key);
});

test("an alias given in the text is linked: 'also known as', 'the Arabic acronym for'", () => {
  const t1 = "Fighters of Islamic State, also known as Daesh, retreated. Daesh lost the town.";
  const r1 = resolveEntities(t1, mentionsOf(t1, [["Islamic State", "organization"]]));
  assert.equal(entityOf(r1, "Daesh").key, entityOf(r1, "Islamic State").key);
  assert.equal(r1.mentions.filter((m) => m.text === "Daesh").length, 2);
  const t2 = "They fought Daesh, the Arabic acronym for Islamic State, for years.";
  const r2 = resolveEntities(
    t2,
    mentionsOf(t2, [
      ["Daesh", "other"],
      ["Islamic State", "organization"],
    ]),
  );
  assert.equal(entityOf(r2, "Daesh").key, entityOf(r2, "Islamic State").key);
  // Without such a statement, nothing links them.
  const t3 = "Islamic State fighters retreated. Daesh lost the town.";
  const r3 = resolveEntities(
    t3,
    mentionsOf(t3, [
      ["Islamic State", "organization"],
      ["Daesh", "organization"],
    ]),
  );
  assert.notEqual(entityOf(r3, "Daesh").key, entityOf(r3, "Islamic State").key);
});

test("an organisation's name without its designator merges", () => {
  const text = "Sputnik International reported it. Hassan Sakr told Sputnik on Friday.";
  const r = resolveEntities(
    text,
    mentionsOf(text, [
      ["Sputnik International", "organization"],
      ["Hassan Sakr", "person"],
      ["Sputnik", "place"],
    ]),
  );
  assert.equal(entityOf(r, "Sputnik").key, "organization:sputnik international");
});

test("analyzeEntities runs the recogniser and resolves", () => {
  const text =
    "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi. Putin said Erdogan agreed.";
  const r = analyzeEntities(text);
  assert.equal(entityOf(r, "Putin").key, "person:vladimir putin");
  assert.equal(entityOf(r, "Erdogan").key, "person:recep tayyip erdogan");
  for (const m of r.mentions) assert.equal(text.slice(m.start, m.end), m.text);
});

test("corpus merge: spelling variants, acronyms, unambiguous surnames", () => {
  const a: Entity[] = [
    { key: "person:bashar al-assad", name: "Bashar al-Assad", type: "person", aliases: ["Assad"] },
    {
      key: "organization:syrian network for human rights",
      name: "Syrian Network for Human Rights",
      type: "organization",
      aliases: ["SNHR"],
    },
    {
      key: "organization:syria civil defense",
      name: "Syria Civil Defence",
      type: "organization",
      aliases: ["White Helmets"],
    },
  ];
  const b: Entity[] = [
    { key: "person:bashar assad", name: "Bashar Assad", type: "person", aliases: [] },
    { key: "organization:snhr", name: "SNHR", type: "organization", aliases: [] },
    {
      key: "organization:syria civil defense",
      name: "Syria Civil Defense",
      type: "organization",
      aliases: ["White Helmets"],
    },
    { key: "place:jordan", name: "Jordan", type: "place", aliases: [] },
  ];
  const c: Entity[] = [
    { key: "person:assad", name: "Assad", type: "person", aliases: [] },
    { key: "person:jordan", name: "Jordan", type: "person", aliases: [] },
  ];
  const { entities, keyMap } = mergeCorpusEntities([a, b, c]);
  assert.equal(keyMap.get("person:bashar assad"), keyMap.get("person:bashar al-assad"));
  assert.equal(keyMap.get("person:assad"), keyMap.get("person:bashar al-assad"));
  assert.equal(keyMap.get("person:bashar al-assad"), "person:bashar al-assad");
  assert.equal(keyMap.get("organization:snhr"), "organization:syrian network for human rights");
  assert.notEqual(keyMap.get("place:jordan"), keyMap.get("person:jordan"));
  const wh = entities.find((e) => e.key === keyMap.get("organization:syria civil defense"))!;
  assert.ok(wh.aliases.includes("White Helmets"));
  assert.equal(new Set(keyMap.values()).size, entities.length);
});

test("corpus merge leaves an ambiguous surname alone", () => {
  const { keyMap } = mergeCorpusEntities([
    [{ key: "person:bashar al-assad", name: "Bashar al-Assad", type: "person", aliases: [] }],
    [{ key: "person:hafez al-assad", name: "Hafez al-Assad", type: "person", aliases: [] }],
    [{ key: "person:assad", name: "Assad", type: "person", aliases: [] }],
  ]);
  assert.equal(keyMap.get("person:assad"), "person:assad");
});

test("a well-known news outlet is an organisation whatever the tagger typed", () => {
  const text =
    "Putin told Al Jazeera on Sunday that Russia had not been defeated. Al-Jazeera said the interview was recorded.";
  const r = resolveEntities(
    text,
    mentionsOf(text, [
      ["Putin", "person"],
      ["Al Jazeera", "person"],
      ["Al-Jazeera", "organization"],
    ]),
  );
  assert.equal(entityOf(r, "Al Jazeera").type, "organization");
  assert.equal(entityOf(r, "Al Jazeera").key, entityOf(r, "Al-Jazeera").key);
  assert.equal(entityOf(r, "Putin").type, "person");
});

test("a person's name drops the titles a tagger took in, but not a hereditary one", () => {
  const text =
    "Mayor Jane Doe spoke. Later, Jane Doe left. Former Vice President Mike Pence and Mike Pence. King Charles arrived.";
  const r = resolveEntities(
    text,
    // The titled mentions first; the later plain ones do not overlap them.
    mentionsOf(text, [
      ["Mayor Jane Doe", "person"],
      ["Former Vice President Mike Pence", "person"],
      ["King Charles", "person"],
      ["Jane Doe", "person"],
      ["Mike Pence", "person"],
    ]),
  );
  assert.deepEqual(
    r.entities.map((e) => e.name),
    ["Jane Doe", "Mike Pence", "King Charles"],
  );
});

test("an honorific makes a person whatever the tagger said", () => {
  const text = "Mr Moon spoke first. Then Dr. Jane Roe answered.";
  const r = resolveEntities(
    text,
    mentionsOf(text, [
      ["Mr Moon", "organization"],
      ["Dr. Jane Roe", "place"],
    ]),
  );
  assert.deepEqual(
    r.entities.map((e) => [e.name, e.type]),
    [
      ["Moon", "person"],
      ["Jane Roe", "person"],
    ],
  );
});
