/**
 * Trains the quote-refinement model on PolNeAR train and writes `models/quotes.json`.
 *
 *   npm run train:quotes                 # train, select thresholds, write the model
 *   npm run train:quotes -- --out FILE   # write elsewhere
 *   npm run train:quotes -- --cv-pred F  # also write held-out train predictions (scorer format)
 *
 * The rules (src/analyze/quotes/attribute.ts) run on every train document; each refinement
 * decision they raise (refine.ts: add, merge, extend, trim, keep) is recorded with its features and a
 * gold answer, found by matching the two possible outcomes against the annotated contents with
 * the benchmark's own criterion (token Jaccard >= 0.5). While recording, the gold answers are
 * also applied (teacher forcing), so later decisions see what a good earlier decision leaves.
 *
 * One logistic regression per decision, trained by AdaGrad with L2 (weights averaged over five
 * example orders). The decision thresholds are chosen by 5-fold cross-validation on train
 * (documents by index mod 5: a model fitted on four
 * fifths decides on the fifth), one decision after the other, by direct-quote content F1 +
 * end-to-end F1 of the whole pipeline; the shipped model is then fitted on all of train. The cue
 * lexicon is learned from all of train before (the folds share it). Deterministic: the example
 * order comes from a seeded PRNG. Dev is never used.
 * Needs ../shared/bench (or $STORYLINE_SHARED/bench).
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Span } from "../src/model/article.js";
import type {
  Candidate,
  Decide,
  DecisionName,
  LinearModel,
  QuotesModel,
} from "../src/analyze/quotes/refine.js";
import { splitSentences } from "../src/analyze/sentences.js";
import { REPO_ROOT as REPO, rng, SHARED_DIR } from "../bench/lib/shared.js";

// The quotes modules read models/quotes-cues.json when they load, so they are imported after
// the cue words are learned and written (main).
let Q: typeof import("../src/analyze/quotes/index.js");
let R: typeof import("../src/analyze/quotes/refine.js");

/** Passes over the examples of a decision. */
const EPOCHS = 15;
/** AdaGrad base learning rate. */
const LEARNING_RATE = 0.2;
/** L2 penalty per example (weight units). */
const L2 = 1e-5;
/** Features seen fewer times than this in training are dropped (occurrences). */
const MIN_FEATURE_COUNT = 3;
/** Weights below this in magnitude are not shipped. */
const PRUNE_BELOW = 0.01;
/** PRNG seed for the example order. */
const SEED = 20240607;
/** Folds for choosing the decision thresholds (documents by index mod FOLDS). */
const FOLDS = 5;
/** Thresholds tried for each decision, on the probability of yes. */
/**
 * Summed cross-validated direct content F1 and e2e F1 within which thresholds count as equally
 * good (about ±6 matched quotes of PolNeAR train's 6,494; a rule change moves the sum by that much).
 */
const THRESHOLD_TOLERANCE = 0.001;
const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
/**
 * A word joins the learned cues when at least this share of its lower-case occurrences in train
 * lie inside an annotated cue span ("blasted" 1.00, "echoed" 0.72, "declined" 0.79; "statement"
 * 0.41 and "criticism" 0.41 stay out). 0.5: a cue word must be a cue more often than not.
 */
const LEARNED_CUE_PRECISION = 0.5;
/** ...and occurs inside cue spans at least this many times (occurrences). */
const LEARNED_CUE_MIN_COUNT = 3;
/** Learned cue words must look like inflected verbs: past tense, -s or -ing forms (not adverbs). */
const VERB_FORM_RE = /^\p{Ll}[\p{Ll}-]*(?:ed|[^s]s|ing)$/u;
/** Jaccard needed for a match (the benchmark scorer's criterion). */
const MATCH_JACCARD = 0.5;

const QUOTES_DIR = join(SHARED_DIR, "bench", "quotes");

interface GoldAttribution {
  content: [number, number][];
  source: [number, number][] | null;
  direct: boolean;
}
interface GoldDoc {
  doc: string;
  text: string;
  attributions: GoldAttribution[];
}

/** Word-token positions of a text, as the scorer takes them, with span -> token set lookup. */
class TokenIndex {
  starts: number[] = [];
  ends: number[] = [];
  constructor(text: string) {
    for (const m of text.matchAll(/[\p{L}\p{M}\p{N}_]+/gu)) {
      this.starts.push(m.index);
      this.ends.push(m.index + m[0].length);
    }
  }
  /** Token indices overlapping any of the spans. */
  set(spans: readonly (readonly [number, number])[]): Set<number> {
    const out = new Set<number>();
    for (const [a, b] of spans) {
      // First token whose end is after a.
      let lo = 0;
      let hi = this.ends.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.ends[mid] > a) hi = mid;
        else lo = mid + 1;
      }
      for (let k = lo; k < this.starts.length && this.starts[k] < b; k++) out.add(k);
    }
    return out;
  }
}

function jaccard(a: Set<number>, b: Set<number>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  const union = a.size + b.size - inter;
  return union ? inter / union : 0;
}

const pairs = (s: Span[]) => s.map((p) => [p.start, p.end] as [number, number]);

interface Example {
  feats: string[];
  y: boolean;
}

/** Gold answers for one document's decisions. */
function oracle(doc: GoldDoc, index: TokenIndex, record: (d: DecisionName, e: Example) => void): Decide {
  const golds = doc.attributions.filter((g) => g.direct).map((g) => index.set(g.content));
  const best = (s: Span[]) => {
    if (!s.length) return 0;
    const t = index.set(pairs(s));
    let j = 0;
    for (const g of golds) j = Math.max(j, jaccard(t, g));
    return j;
  };
  const direct = doc.attributions.filter((g) => g.direct);
  /** The content matches a gold quote whose source the given one names (both null counts). */
  const sourceRight = (content: Span[], source: Span | null) => {
    const t = index.set(pairs(content));
    return direct.some((g, i) => {
      if (jaccard(t, golds[i]) < MATCH_JACCARD) return false;
      if (!g.source) return source === null;
      return !!source && g.source.some(([x, y]) => source.start < y && x < source.end);
    });
  };
  return (d, feats, cand: Candidate) => {
    let y: boolean | null;
    if (d === "add")
      y =
        sourceRight(cand.yes, cand.source ?? null) ||
        (!!cand.clause && sourceRight(cand.clause, cand.source ?? null));
    else if (d === "keep") y = best(cand.yes) >= MATCH_JACCARD;
    else if (d === "merge") {
      const mY = best(cand.yes) >= MATCH_JACCARD;
      const mN = best(cand.no) >= MATCH_JACCARD;
      const mI = best(cand.into ?? []) >= MATCH_JACCARD;
      y = !mN && (mY || !mI);
    } else {
      const jy = best(cand.yes);
      const jn = best(cand.no);
      y = Math.max(jy, jn) < MATCH_JACCARD || jy === jn ? null : jy > jn;
    }
    if (y === null) return cand.current ?? false;
    record(d, { feats, y });
    return y;
  };
}

/**
 * Logistic regression by AdaGrad over string features, its weights averaged over `AVERAGED_RUNS`
 * example orders: one order alone lets a small change of the rules move the held-out figures by
 * about ±10 matched quotes of train's 6,494 (retraining noise), the average much less.
 */
function train(examples: Example[], seed: number): LinearModel {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.feats) counts.set(f, (counts.get(f) ?? 0) + 1);
  const ids = new Map<string, number>();
  for (const [f, c] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : 1)))
    if (c >= MIN_FEATURE_COUNT) ids.set(f, ids.size);
  const rows = examples.map((e) => ({
    x: [...new Set(e.feats.map((f) => ids.get(f)).filter((i): i is number => i !== undefined))],
    y: e.y ? 1 : 0,
  }));
  const bias = ids.size;
  const w = new Float64Array(ids.size + 1); // last: bias
  for (let run = 0; run < AVERAGED_RUNS; run++) {
    const v = fitOnce(rows, ids.size, seed + run * RUN_SEED_STEP);
    for (let f = 0; f <= bias; f++) w[f] += v[f] / AVERAGED_RUNS;
  }
  const weights: Record<string, number> = {};
  for (const [f, i] of [...ids].sort((x, y) => (x[0] < y[0] ? -1 : 1)))
    if (Math.abs(w[i]) >= PRUNE_BELOW) weights[f] = Math.round(w[i] * 1e4) / 1e4;
  return { bias: Math.round(w[bias] * 1e4) / 1e4, threshold: 0.5, weights };
}

/** Runs of `train` whose weights are averaged, each with its own example order. */
const AVERAGED_RUNS = 5;
/** Seed distance between those runs. */
const RUN_SEED_STEP = 7919;

/** One AdaGrad fit of `nFeatures` weights and a bias (last), in the example order of `seed`. */
function fitOnce(rows: { x: number[]; y: number }[], nFeatures: number, seed: number): Float64Array {
  const w = new Float64Array(nFeatures + 1);
  const g2 = new Float64Array(nFeatures + 1).fill(1e-8);
  const bias = nFeatures;
  const rand = rng(seed);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const { x, y } = rows[i];
      let z = w[bias];
      for (const f of x) z += w[f];
      const p = 1 / (1 + Math.exp(-z));
      const g = p - y;
      for (const f of [...x, bias]) {
        const grad = g + (f === bias ? 0 : L2 * w[f]);
        g2[f] += grad * grad;
        w[f] -= (LEARNING_RATE / Math.sqrt(g2[f])) * grad;
      }
    }
  }
  return w;
}

/** Direct-quote (and all-attribution) F1 figures of predictions, as the benchmark scorer computes them. */
function evaluate(docs: GoldDoc[], decide: Decide | null) {
  const zero = () => ({ pred: 0, gold: 0, matched: 0, right: 0 });
  const c = { all: zero(), direct: zero() };
  for (const doc of docs) {
    const index = new TokenIndex(doc.text);
    const preds = Q.findAttributionsWith(doc.text, splitSentences(doc.text), decide).map((a) => ({
      content: pairs(a.content),
      source: a.source ? ([[a.source.start, a.source.end]] as [number, number][]) : null,
      direct: R.isDirectContent(doc.text, a.content),
    }));
    for (const key of ["all", "direct"] as const) {
      const ps = preds.filter((p) => key === "all" || p.direct);
      const gs = doc.attributions.filter((g) => key === "all" || g.direct);
      const pt = ps.map((p) => index.set(p.content));
      const gt = gs.map((g) => index.set(g.content));
      const cand: [number, number, number][] = [];
      pt.forEach((a, i) =>
        gt.forEach((b, j) => {
          const jac = jaccard(a, b);
          if (jac >= MATCH_JACCARD) cand.push([jac, i, j]);
        }),
      );
      cand.sort((x, y) => y[0] - x[0] || x[2] - y[2] || x[1] - y[1]);
      const usedP = new Set<number>();
      const usedG = new Set<number>();
      const m = c[key];
      m.pred += ps.length;
      m.gold += gs.length;
      for (const [, i, j] of cand) {
        if (usedP.has(i) || usedG.has(j)) continue;
        usedP.add(i);
        usedG.add(j);
        m.matched++;
        const g = gs[j];
        const p = ps[i];
        const right = g.source
          ? !!p.source && p.source.some(([s, e]) => g.source!.some(([x, y]) => s < y && x < e))
          : p.source === null;
        if (right) m.right++;
      }
    }
  }
  const f1 = (tp: number, np: number, ng: number) => (np + ng ? (2 * tp) / (np + ng) : 0);
  return {
    direct: { content: f1(c.direct.matched, c.direct.pred, c.direct.gold), e2e: f1(c.direct.right, c.direct.pred, c.direct.gold) },
    all: { content: f1(c.all.matched, c.all.pred, c.all.gold), e2e: f1(c.all.right, c.all.pred, c.all.gold) },
  };
}

/** Cue words of the annotated cue spans: word -> [count inside cues, precision as a cue]. */
function learnCues(docs: GoldDoc[]): Record<string, [number, number]> {
  const inCue = new Map<string, number>();
  const total = new Map<string, number>();
  for (const { text, attributions } of docs) {
    const cues = attributions.flatMap((a) => (a as GoldAttribution & { cue: [number, number][] | null }).cue ?? []);
    cues.sort((x, y) => x[0] - y[0]);
    for (const m of text.matchAll(/[\p{L}’'-]+/gu)) {
      const w = m[0];
      if (!/^\p{Ll}/u.test(w)) continue;
      const s = m.index;
      const e = s + w.length;
      total.set(w, (total.get(w) ?? 0) + 1);
      if (cues.some(([a, b]) => s < b && a < e)) inCue.set(w, (inCue.get(w) ?? 0) + 1);
    }
  }
  const out: Record<string, [number, number]> = {};
  for (const [w, c] of [...inCue].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const p = c / (total.get(w) ?? c);
    if (c >= LEARNED_CUE_MIN_COUNT && p >= LEARNED_CUE_PRECISION && VERB_FORM_RE.test(w) && !/ly$/.test(w))
      out[w] = [c, Math.round(p * 1000) / 1000];
  }
  return out;
}

/** Records every decision on `docs` with gold answers and trains one model per decision. */
function fitModel(docs: GoldDoc[], log = false): QuotesModel {
  const examples: Record<DecisionName, Example[]> = { add: [], merge: [], extend: [], trim: [], keep: [] };
  for (const doc of docs) {
    const index = new TokenIndex(doc.text);
    const decide = oracle(doc, index, (d, e) => examples[d].push(e));
    Q.findAttributionsWith(doc.text, splitSentences(doc.text), decide);
  }
  const decisions = {} as Record<DecisionName, LinearModel>;
  R.DECISIONS.forEach((d, i) => {
    const ex = examples[d];
    decisions[d] = train(ex, SEED + i);
    const pos = ex.filter((e) => e.y).length;
    if (log) console.log(`${d}: ${ex.length} examples (${pos} yes), ${Object.keys(decisions[d].weights).length} weights`);
  });
  return { version: 1, decisions };
}

async function main() {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf("--out");
  const outFile = outIdx >= 0 ? args[outIdx + 1] : join(REPO, "models", "quotes.json");
  const mod = await import(pathToFileURL(join(QUOTES_DIR, "read-polnear.mjs")).href);
  const docs: GoldDoc[] = mod.readPolnear(join(QUOTES_DIR, "polnear", "train"));
  const folds = Array.from({ length: FOLDS }, (_, f) => ({
    fit: docs.filter((_, i) => i % FOLDS !== f),
    held: docs.filter((_, i) => i % FOLDS === f),
  }));
  console.log(`PolNeAR train: ${docs.length} docs, ${FOLDS} folds`);
  const cues = learnCues(docs);
  const cuesFile = join(dirname(outFile), "quotes-cues.json");
  writeFileSync(cuesFile, `${JSON.stringify({ cues }, null, 0)}\n`);
  console.log(`learned cue words: ${Object.keys(cues).length} -> ${cuesFile}`);
  Q = await import("../src/analyze/quotes/index.js");
  R = await import("../src/analyze/quotes/refine.js");

  // Thresholds by cross-validation: each fold's model decides on its held-out fifth; one decision
  // after the other, the threshold with the best summed direct content F1 + e2e F1 over all five
  // held-out fifths wins (one fifth alone, 168 documents, swung the keep threshold 0.35-0.6).
  const foldModels = folds.map((f) => fitModel(f.fit));
  const show = (r: ReturnType<typeof evaluate>) =>
    `direct content F1 ${r.direct.content.toFixed(3)} e2e ${r.direct.e2e.toFixed(3)} | all content ${r.all.content.toFixed(3)} e2e ${r.all.e2e.toFixed(3)}`;
  const crossValidated = () => {
    const rs = folds.map((f, i) => evaluate(f.held, R.modelDecide(foldModels[i])));
    const mean = (g: (r: ReturnType<typeof evaluate>) => number) => rs.reduce((a, r) => a + g(r), 0) / rs.length;
    return {
      direct: { content: mean((r) => r.direct.content), e2e: mean((r) => r.direct.e2e) },
      all: { content: mean((r) => r.all.content), e2e: mean((r) => r.all.e2e) },
    };
  };
  const rulesOnly = folds.map((f) => evaluate(f.held, null));
  const meanRules = (g: (r: ReturnType<typeof evaluate>) => number) => rulesOnly.reduce((a, r) => a + g(r), 0) / FOLDS;
  console.log(
    `cross-validated, rules only:        direct content F1 ${meanRules((r) => r.direct.content).toFixed(3)} e2e ${meanRules((r) => r.direct.e2e).toFixed(3)}`,
  );
  console.log(`cross-validated, thresholds 0.5:    ${show(crossValidated())}`);
  const thresholds = {} as Record<DecisionName, number>;
  for (const d of R.DECISIONS) {
    const scores = THRESHOLDS.map((t) => {
      for (const m of foldModels) m.decisions[d].threshold = t;
      const r = crossValidated();
      return r.direct.content + r.direct.e2e;
    });
    // The mean score of each threshold and its neighbours on the grid (a flat optimum rather
    // than a lone peak); of the thresholds within THRESHOLD_TOLERANCE of the best, the one nearest
    // 0.5 (a logistic model's own cut). The scores are flat over wide ranges (keep: 0.35-0.6
    // within 0.001), so the plain best swung between far-apart thresholds with every retraining
    // after a small rule change (add 0.65 <-> 0.7, trim 0.45 <-> 0.55: dev ±0.004).
    const smoothed = THRESHOLDS.map((_, i) => {
      const near = scores.slice(Math.max(0, i - 1), i + 2);
      return near.reduce((a, b) => a + b, 0) / near.length;
    });
    const top = Math.max(...smoothed);
    let bestT = 0.5;
    let bestDist = Infinity;
    THRESHOLDS.forEach((t, i) => {
      if (smoothed[i] < top - THRESHOLD_TOLERANCE) return;
      const dist = Math.abs(t - 0.5);
      if (dist < bestDist - 1e-9) {
        bestDist = dist;
        bestT = t;
      }
    });
    for (const m of foldModels) m.decisions[d].threshold = bestT;
    thresholds[d] = bestT;
    console.log(`threshold ${d}: ${bestT}`);
  }
  console.log(`cross-validated, chosen thresholds: ${show(crossValidated())}`);
  const cvIdx = args.indexOf("--cv-pred");
  if (cvIdx >= 0) {
    // Held-out predictions on train (each document by the model that did not see it), in the
    // benchmark's prediction format, for error analysis without touching dev.
    const pred: Record<string, unknown[]> = {};
    folds.forEach((f, i) => {
      const decide = R.modelDecide(foldModels[i]);
      for (const doc of f.held)
        pred[doc.doc] = Q.findAttributionsWith(doc.text, splitSentences(doc.text), decide).map((a) => ({
          content: pairs(a.content),
          source: a.source ? [[a.source.start, a.source.end]] : null,
        }));
    });
    writeFileSync(args[cvIdx + 1], JSON.stringify(pred));
    console.log(`wrote held-out train predictions to ${args[cvIdx + 1]}`);
  }
  // The shipped model: every train document, with the chosen thresholds.
  const model = fitModel(docs, true);
  for (const d of R.DECISIONS) model.decisions[d].threshold = thresholds[d];
  writeFileSync(outFile, `${JSON.stringify(model, null, 0)}\n`);
  console.log(`wrote ${outFile}`);
}

await main();
