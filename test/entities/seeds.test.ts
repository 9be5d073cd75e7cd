/**
 * Issue 6 checks on the seed articles (sample/): who is a person, an organisation, a facility, and
 * which stated aliases merge. Checked generally: every mention whose text contains the name.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  analyzeEntities,
  mergeCorpusEntities,
  type ResolvedEntities,
} from "../../src/analyze/entities/index.js";
import type { EntityType } from "../../src/model/article.js";
import { SAMPLE_DIR } from "../helpers/shared.js";

const articles: { file: string; text: string; r: ResolvedEntities }[] = readdirSync(SAMPLE_DIR)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((file) => {
    const text = readFileSync(join(SAMPLE_DIR, file), "utf8");
    return { file, text, r: analyzeEntities(text) };
  });

function checkType(name: string, type: EntityType): void {
  const found = articles.flatMap((a) =>
    a.r.mentions
      .filter((m) => m.text.includes(name))
      .map((m) => ({ file: a.file, text: m.text, type: m.type })),
  );
  assert.ok(found.length > 0, `no mention containing "${name}"`);
  const wrong = found.filter((m) => m.type !== type);
  assert.deepEqual(wrong, [], `mentions containing "${name}" should be ${type}`);
}

test("seed persons", () => {
  for (const n of ["Assad", "Putin", "Erdogan", "Sakr", "Tice", "al-Bashir", "Tillerson", "Lavrov"])
    checkType(n, "person");
});

test("seed organisations", () => {
  for (const n of ["Interfax", "TASS", "SNHR", "Sputnik"]) checkType(n, "organization");
});

test("seed facilities", () => {
  for (const n of ["Hmeimim", "Tartus", "al Jarrah"]) checkType(n, "facility");
});

test("seed aliases merge within each article", () => {
  for (const a of articles) {
    const keyOf = (t: string) => a.r.mentions.find((m) => m.text === t)?.entity;
    if (a.text.includes("Syrian Network for Human Rights (SNHR)")) {
      assert.equal(keyOf("SNHR"), keyOf("Syrian Network for Human Rights"), a.file);
    }
    if (a.text.includes("White Helmets volunteers")) {
      const civil = a.r.mentions.find((m) => m.text.startsWith("Syria Civil Defen"));
      assert.ok(civil, a.file);
      assert.equal(keyOf("White Helmets"), civil.entity, a.file);
    }
    const full = a.r.mentions.find((m) => /^Bashar (al[- ])?Assad$/.test(m.text));
    if (full) {
      for (const m of a.r.mentions.filter((x) => /Assad/.test(x.text)))
        assert.equal(m.entity, full.entity, a.file);
    }
  }
});

test("seed entities merge across the corpus", () => {
  const { entities, keyMap } = mergeCorpusEntities(articles.map((a) => a.r.entities));
  const corpusKeys = (pred: (t: string) => boolean) =>
    new Set(
      articles.flatMap((a) => a.r.mentions.filter((m) => pred(m.text)).map((m) => keyMap.get(m.entity))),
    );
  assert.equal(corpusKeys((t) => /Assad/.test(t)).size, 1);
  assert.equal(corpusKeys((t) => /^Syria Civil Defen[cs]e$/.test(t)).size, 1);
  const assad = entities.find((e) => e.key === [...corpusKeys((t) => /Assad/.test(t))][0]);
  assert.equal(assad?.key, "person:bashar al-assad");
});
