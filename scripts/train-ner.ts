/**
 * Trains the NER model on the CoNLL++ training split and writes `models/ner.bin.gz`.
 *
 *   npm run train:ner                 # train with the fixed settings below, write the model
 *   npm run train:ner -- --dev        # also print dev F1 after every epoch (model selection only)
 *   npm run train:ner -- --out FILE   # write elsewhere
 *
 * Averaged structured perceptron over BILOU tags with Viterbi decoding. Deterministic: the
 * sentence order of every epoch comes from a seeded PRNG, and nothing else is random.
 * Gazetteer features are computed with 5-fold jackknifing on the training data (each document
 * sees a gazetteer built from the other folds), so the model does not learn to trust them more
 * than they deserve on unseen text; the shipped gazetteer holds all training entities.
 * Needs ../shared/bench (or $STORYLINE_SHARED/bench). Dev data is never trained on.
 */
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CONLL_TYPES,
  type DocFeatures,
  extractFeatures,
  type Gazetteer,
  lowerForm,
  normalizeToken,
  prepareGazetteer,
} from "../src/analyze/ner/features.js";
import { encodeModel, MODEL_FILE, N_TAGS, viterbi } from "../src/analyze/ner/model.js";
import { bilouFromSpans, spansFromBilou, spansFromIob } from "../src/analyze/ner/tags.js";

/** log2 of the hash buckets (2^20 rows of N_TAGS weights while training; only used rows are shipped). */
const BITS = 20;
/**
 * Passes over the training data. Chosen on CoNLL++ dev F1 with `--dev` (model selection only):
 * 0.900 after 1 epoch, 0.910-0.913 from 2 to 10 (best 0.913 at 8).
 */
const EPOCHS = 8;
/** PRNG seed for the sentence order. */
const SEED = 20240601;
/** Folds for jackknifed gazetteer features. */
const GAZ_FOLDS = 5;
/** Drop buckets whose largest averaged |weight| is below this (weight units); keeps the file small. */
const PRUNE_BELOW = 0.01;

/** Common words: written in lower case at least this many times in train (occurrences)... */
const COMMON_MIN_COUNT = 3;
/** ...and outside entities (in any case, mid-sentence) at least this share of the time... */
const COMMON_MIN_O_SHARE = 0.95;
/** ...keeping the most frequent ones (count of words). */
const COMMON_MAX = 4000;

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = process.env.STORYLINE_SHARED ?? resolve(REPO, "..", "shared");
const NER_DIR = join(SHARED, "bench", "ner");

interface ConllDoc {
  doc: number;
  sentences: { tokens: string[]; tags: string[] }[];
}

async function readConll(file: string): Promise<ConllDoc[]> {
  const mod = (await import(pathToFileURL(join(NER_DIR, "read-conll.mjs")).href)) as {
    readConll(f: string): ConllDoc[];
  };
  return mod.readConll(file);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildGazetteer(docs: ConllDoc[]): Gazetteer {
  const gaz: Gazetteer = new Map();
  for (const d of docs) {
    for (const s of d.sentences) {
      for (const sp of spansFromIob(s.tags)) {
        const key = s.tokens
          .slice(sp.start, sp.end)
          .map((w) => lowerForm(normalizeToken(w)))
          .join(" ");
        const bit = 1 << CONLL_TYPES.indexOf(sp.type as (typeof CONLL_TYPES)[number]);
        gaz.set(key, (gaz.get(key) ?? 0) | bit);
      }
    }
  }
  return gaz;
}

/**
 * Frequent lowercase words that are almost never part of an entity ("says", "long", "military"):
 * the headline detector uses them to tell a title-cased headline from a line of names.
 */
function commonWords(docs: ConllDoc[]): string[] {
  const seen = new Map<string, { lower: number; n: number; o: number }>();
  for (const d of docs) {
    for (const s of d.sentences) {
      // Skip all-caps headlines, where case says nothing.
      if (!s.tokens.some((w) => /[a-z]/.test(w))) continue;
      s.tokens.forEach((w, i) => {
        if (i === 0 || !/^[A-Za-z][a-z]{2,}$/.test(w)) return;
        const key = w.toLowerCase();
        const c = seen.get(key) ?? { lower: 0, n: 0, o: 0 };
        c.n++;
        if (w === key) c.lower++;
        if (s.tags[i] === "O") c.o++;
        seen.set(key, c);
      });
    }
  }
  return [...seen.entries()]
    .filter(([, c]) => c.lower >= COMMON_MIN_COUNT && c.o / c.n >= COMMON_MIN_O_SHARE)
    .sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1))
    .slice(0, COMMON_MAX)
    .map(([w]) => w)
    .sort();
}

interface Sent {
  df: DocFeatures;
  /** Token index of the sentence's first token within its document. */
  start: number;
  n: number;
  gold: Uint8Array;
}

function prepare(docs: ConllDoc[], gazOf: (docIndex: number) => Gazetteer): Sent[] {
  const out: Sent[] = [];
  docs.forEach((d, k) => {
    const df = extractFeatures(
      d.sentences.map((s) => s.tokens),
      gazOf(k),
    );
    d.sentences.forEach((s, si) => {
      const n = s.tokens.length;
      out.push({ df, start: df.sentStart[si], n, gold: bilouFromSpans(spansFromIob(s.tags), n) });
    });
  });
  return out;
}

function emissions(w: Float32Array, mask: number, s: Sent, emit: Float32Array): void {
  emit.fill(0, 0, s.n * N_TAGS);
  const { feats, offsets } = s.df;
  for (let i = 0; i < s.n; i++) {
    const base = i * N_TAGS;
    for (let f = offsets[s.start + i]; f < offsets[s.start + i + 1]; f++) {
      const o = (feats[f] & mask) * N_TAGS;
      for (let c = 0; c < N_TAGS; c++) emit[base + c] += w[o + c];
    }
  }
}

/** Entity-level micro F1 (conlleval rules) of predicted vs gold BILOU sequences. */
function f1(pairs: { gold: Uint8Array; pred: Uint8Array }[]): { p: number; r: number; f: number } {
  let g = 0;
  let p = 0;
  let c = 0;
  for (const x of pairs) {
    const gs = new Set(spansFromBilou(x.gold).map((s) => `${s.start}:${s.end}:${s.type}`));
    const ps = spansFromBilou(x.pred).map((s) => `${s.start}:${s.end}:${s.type}`);
    g += gs.size;
    p += ps.length;
    for (const k of ps) if (gs.has(k)) c++;
  }
  const pr = p ? c / p : 0;
  const rc = g ? c / g : 0;
  return { p: pr, r: rc, f: pr + rc ? (2 * pr * rc) / (pr + rc) : 0 };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const withDev = args.includes("--dev");
  const outArg = args.indexOf("--out");
  const outPath = outArg >= 0 ? resolve(args[outArg + 1]) : join(REPO, "models", MODEL_FILE);
  const epochs = args.includes("--epochs") ? Number(args[args.indexOf("--epochs") + 1]) : EPOCHS;
  const t0 = Date.now();

  const train = await readConll(join(NER_DIR, "conllpp", "train.txt"));
  const fullGaz = buildGazetteer(train);
  const foldGaz = Array.from({ length: GAZ_FOLDS }, (_, f) =>
    prepareGazetteer(buildGazetteer(train.filter((_d, k) => k % GAZ_FOLDS !== f))),
  );
  const fullGazPrepared = prepareGazetteer(new Map(fullGaz));
  const sents = prepare(train, (k) => foldGaz[k % GAZ_FOLDS]);
  const dev = withDev ? prepare(await readConll(join(NER_DIR, "conllpp", "dev.txt")), () => fullGazPrepared) : [];
  console.log(
    `train: ${train.length} docs, ${sents.length} sentences, gazetteer ${fullGaz.size} entries (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );

  const mask = (1 << BITS) - 1;
  const size = (1 << BITS) * N_TAGS;
  const tsize = (N_TAGS + 1) * N_TAGS;
  const w = new Float32Array(size);
  const acc = new Float64Array(size); // sum of (step * update), for averaging
  const tw = new Float32Array(tsize);
  const tacc = new Float64Array(tsize);
  let step = 1;
  let maxLen = 0;
  for (const s of [...sents, ...dev]) maxLen = Math.max(maxLen, s.n);
  const emit = new Float32Array(maxLen * N_TAGS);
  const pred = new Uint8Array(maxLen);
  const rand = mulberry32(SEED);
  const order = sents.map((_s, i) => i);

  const update = (s: Sent, i: number, tag: number, delta: number) => {
    const { feats, offsets } = s.df;
    const d2 = delta * step;
    for (let f = offsets[s.start + i]; f < offsets[s.start + i + 1]; f++) {
      const o = (feats[f] & mask) * N_TAGS + tag;
      w[o] += delta;
      acc[o] += d2;
    }
  };
  const updateTrans = (p: number, c: number, delta: number) => {
    tw[p * N_TAGS + c] += delta;
    tacc[p * N_TAGS + c] += delta * step;
  };
  const averaged = (): { aw: Float32Array; at: Float32Array } => {
    const aw = new Float32Array(size);
    for (let k = 0; k < size; k++) aw[k] = w[k] - acc[k] / step;
    const at = new Float32Array(tsize);
    for (let k = 0; k < tsize; k++) at[k] = tw[k] - tacc[k] / step;
    return { aw, at };
  };

  for (let epoch = 1; epoch <= epochs; epoch++) {
    // Fisher-Yates shuffle with the seeded PRNG.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    for (const idx of order) {
      const s = sents[idx];
      emissions(w, mask, s, emit);
      viterbi(emit, s.n, tw, pred);
      let wrong = false;
      for (let i = 0; i < s.n; i++) {
        const g = s.gold[i];
        const p = pred[i];
        if (g !== p) {
          wrong = true;
          update(s, i, g, 1);
          update(s, i, p, -1);
        }
        const gp = i === 0 ? N_TAGS : s.gold[i - 1];
        const pp = i === 0 ? N_TAGS : pred[i - 1];
        if (gp !== pp || g !== p) {
          updateTrans(gp, g, 1);
          updateTrans(pp, p, -1);
        }
      }
      if (wrong) errors++;
      step++;
    }
    let line = `epoch ${epoch}: ${errors} sentences wrong (${((Date.now() - t0) / 1000).toFixed(1)} s)`;
    if (withDev) {
      const { aw, at } = averaged();
      const pairs = dev.map((s) => {
        emissions(aw, mask, s, emit);
        const out = new Uint8Array(s.n);
        viterbi(emit, s.n, at, out);
        return { gold: s.gold, pred: out };
      });
      const m = f1(pairs);
      line += `  dev P=${m.p.toFixed(4)} R=${m.r.toFixed(4)} F1=${m.f.toFixed(4)}`;
    }
    console.log(line);
  }

  const { aw, at } = averaged();
  const bytes = encodeModel(
    aw,
    at,
    BITS,
    fullGaz,
    commonWords(train),
    { data: "CoNLL++ train", epochs, seed: SEED, bits: BITS },
    PRUNE_BELOW,
  );
  writeFileSync(outPath, bytes);
  console.log(`wrote ${outPath} (${(bytes.length / 1e6).toFixed(2)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
