/**
 * NER benchmark: CoNLL++ dev, conlleval entity F1, ours next to compromise measured in the same run.
 *
 *   npx tsx bench/ner.ts            (needs ../shared/bench or $STORYLINE_SHARED/bench)
 *
 * Ours: the shipped model (models/ner.bin.gz) with the facility rules, each CoNLL document tagged
 * as one document, types mapped back person→PER, organization→ORG, place and facility→LOC,
 * other→MISC. compromise: people→PER, places→LOC, organizations→ORG on each sentence's tokens
 * joined by spaces (it has no MISC). Both are scored by the shared score.mjs.
 * Also prints tagging speed (tokens/s, sentences/s on pre-tokenised dev) and end-to-end speed of
 * `recognize()` on raw text (the sample articles), per CPU second of this process so that other
 * load on the machine does not distort them. Writes bench/out/ner.json.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import nlp from "compromise";
import { recognize, tagTokens } from "../src/analyze/ner/index.js";
import { loadModel } from "../src/analyze/ner/model.js";
import { iobFromSpans, type TokenSpan } from "../src/analyze/ner/tags.js";
import { REPO_ROOT, runScorer, SHARED_DIR } from "./lib/shared.js";

const NER_DIR = join(SHARED_DIR, "bench", "ner");
const GOLD = join(NER_DIR, "conllpp", "dev.txt");
const OUT = join(REPO_ROOT, "bench", "out");
/** Published reference: Stanford CRF on CoNLL-2003 test (not dev), for scale. */
const STANFORD_CRF_TEST_F1 = 0.869;
/** Floor from issue 6: dev entity F1. */
const FLOOR_F1 = 0.88;

interface ConllDoc {
  sentences: { tokens: string[]; tags: string[] }[];
}
interface Score {
  precision: number;
  recall: number;
  f1: number;
  per_type: Record<string, { f1: number }>;
}

function score(name: string, tags: string[][]): Score {
  const pred = join(OUT, `ner-${name}-pred.json`);
  writeFileSync(pred, JSON.stringify({ tags }));
  return runScorer<Score>(join(NER_DIR, "score.mjs"), ["--gold", GOLD, "--pred", pred]);
}

/** CPU seconds (user + system) of this process: throughput per core, unaffected by other load. */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const CONLL_OF_FAC = (t: string) => (t === "FAC" ? "LOC" : t);

function ours(docs: ConllDoc[]): { tags: string[][]; seconds: number } {
  const model = loadModel();
  // Warm-up run so the timing measures steady state, not JIT compilation.
  tagTokens(
    docs.slice(0, 20).flatMap((d) => d.sentences.map((s) => s.tokens)),
    { model },
  );
  const t0 = cpuSeconds();
  const tags: string[][] = [];
  for (const d of docs) {
    const spans = tagTokens(
      d.sentences.map((s) => s.tokens),
      { model },
    );
    d.sentences.forEach((s, k) => {
      const sp: TokenSpan[] = spans[k].map((x) => ({ ...x, type: CONLL_OF_FAC(x.type) }));
      tags.push(iobFromSpans(sp, s.tokens.length));
    });
  }
  return { tags, seconds: cpuSeconds() - t0 };
}

interface CompromiseMatch {
  offset: { start: number; length: number };
}

function compromise(docs: ConllDoc[]): { tags: string[][]; seconds: number } {
  const t0 = cpuSeconds();
  const tags: string[][] = [];
  for (const d of docs) {
    for (const s of d.sentences) {
      const text = s.tokens.join(" ");
      const starts: number[] = [];
      let o = 0;
      for (const t of s.tokens) {
        starts.push(o);
        o += t.length + 1;
      }
      const tokenAt = (c: number) => {
        let k = 0;
        while (k + 1 < starts.length && starts[k + 1] <= c) k++;
        return k;
      };
      const doc = nlp(text);
      const spans: TokenSpan[] = [];
      const add = (type: string, ms: CompromiseMatch[]) => {
        for (const m of ms) {
          const a = tokenAt(m.offset.start);
          const b = tokenAt(m.offset.start + m.offset.length - 1) + 1;
          if (!spans.some((x) => x.start < b && x.end > a)) spans.push({ start: a, end: b, type });
        }
      };
      add("PER", doc.people().json({ offset: true }) as CompromiseMatch[]);
      add("ORG", doc.organizations().json({ offset: true }) as CompromiseMatch[]);
      add("LOC", doc.places().json({ offset: true }) as CompromiseMatch[]);
      tags.push(iobFromSpans(spans, s.tokens.length));
    }
  }
  return { tags, seconds: cpuSeconds() - t0 };
}

/** End-to-end speed of recognize() on raw text: the sample articles, repeated. */
function rawSpeed(): { articlesPerSecond: number; charsPerSecond: number } {
  const dir = join(REPO_ROOT, "sample");
  const texts = readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8"));
  for (const t of texts) recognize(t);
  const rounds = 40;
  const t0 = cpuSeconds();
  let chars = 0;
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      recognize(t);
      chars += t.length;
    }
  }
  const s = cpuSeconds() - t0;
  return { articlesPerSecond: (rounds * texts.length) / s, charsPerSecond: chars / s };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const { readConll } = (await import(pathToFileURL(join(NER_DIR, "read-conll.mjs")).href)) as {
    readConll(f: string): ConllDoc[];
  };
  const docs = readConll(GOLD);
  const nSent = docs.reduce((n, d) => n + d.sentences.length, 0);
  const nTok = docs.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.tokens.length, 0), 0);

  const t0 = performance.now();
  loadModel();
  const loadMs = performance.now() - t0;
  const a = ours(docs);
  const sa = score("ours", a.tags);
  const b = compromise(docs);
  const sb = score("compromise", b.tags);
  const raw = rawSpeed();

  const f = (x: number) => x.toFixed(3);
  const types = Object.keys(sa.per_type).sort();
  console.log(`CoNLL++ dev: ${docs.length} documents, ${nSent} sentences, ${nTok} tokens`);
  console.log(
    `system        F1     P      R      per-type F1 (${types.join(" ")})   sentences/s  tokens/s (per CPU second)`,
  );
  const row = (name: string, s: Score, secs: number) =>
    console.log(
      `${name.padEnd(12)}  ${f(s.f1)}  ${f(s.precision)}  ${f(s.recall)}  ${types.map((t) => f(s.per_type[t]?.f1 ?? 0)).join(" ")}          ${Math.round(
        nSent / secs,
      )
        .toString()
        .padStart(7)}  ${Math.round(nTok / secs)
        .toString()
        .padStart(8)}`,
    );
  row("ours", sa, a.seconds);
  row("compromise", sb, b.seconds);
  console.log(
    `reference: Stanford CRF ${STANFORD_CRF_TEST_F1} (published, CoNLL-2003 test); floor ${FLOOR_F1} dev`,
  );
  console.log(
    `model load ${loadMs.toFixed(0)} ms; recognize() on raw sample articles, per CPU second: ${raw.articlesPerSecond.toFixed(0)} articles/s, ${(raw.charsPerSecond / 1e3).toFixed(0)}k chars/s`,
  );
  const summary = {
    dataset: "conllpp/dev",
    sentences: nSent,
    tokens: nTok,
    ours: { ...sa, sentencesPerSecond: nSent / a.seconds, tokensPerSecond: nTok / a.seconds },
    compromise: { ...sb, sentencesPerSecond: nSent / b.seconds, tokensPerSecond: nTok / b.seconds },
    modelLoadMs: loadMs,
    recognize: raw,
    floor: FLOOR_F1,
    floorMet: sa.f1 >= FLOOR_F1,
  };
  writeFileSync(join(OUT, "ner.json"), JSON.stringify(summary, null, 1));
  console.log(
    `ours F1=${f(sa.f1)} compromise F1=${f(sb.f1)} floor=${FLOOR_F1} ${sa.f1 >= FLOOR_F1 ? "met" : "NOT MET"}`,
  );
}

await main();
