/** Conversions between CoNLL IOB tags, BILOU tag ids and entity spans. */
import { N_TAGS, TAGS } from "./model.js";

/** An entity as a token span [start, end) with its CoNLL type (PER, ORG, LOC, MISC). */
export interface TokenSpan {
  start: number;
  end: number;
  type: string;
}

/** Reads IOB1 or IOB2 tags as conlleval does and returns the entity spans. */
export function spansFromIob(tags: readonly string[]): TokenSpan[] {
  const out: TokenSpan[] = [];
  let start = -1;
  let type: string | null = null;
  const close = (end: number) => {
    if (type !== null) out.push({ start, end, type });
    type = null;
  };
  tags.forEach((tag, i) => {
    const prefix = tag[0];
    const t = tag === "O" ? null : tag.slice(2);
    if (prefix === "B" || t !== type) {
      close(i);
      if (t !== null) {
        start = i;
        type = t;
      }
    }
  });
  close(tags.length);
  return out;
}

const TAG_ID = new Map(TAGS.map((t, i) => [t, i]));

/** BILOU tag ids for `n` tokens holding the given entity spans. */
export function bilouFromSpans(spans: readonly TokenSpan[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (const s of spans) {
    const id = (k: string) => TAG_ID.get(`${k}-${s.type}`) ?? 0;
    if (s.end - s.start === 1) out[s.start] = id("U");
    else {
      out[s.start] = id("B");
      for (let i = s.start + 1; i < s.end - 1; i++) out[i] = id("I");
      out[s.end - 1] = id("L");
    }
  }
  return out;
}

/** Entity spans of a BILOU tag id sequence (a well-formed one, as Viterbi produces). */
export function spansFromBilou(ids: ArrayLike<number>, from = 0, to = ids.length): TokenSpan[] {
  const out: TokenSpan[] = [];
  let start = -1;
  for (let i = from; i < to; i++) {
    const id = ids[i];
    if (id <= 0 || id >= N_TAGS) {
      start = -1;
      continue;
    }
    const tag = TAGS[id];
    const kind = tag[0];
    const type = tag.slice(2);
    if (kind === "U") out.push({ start: i - from, end: i - from + 1, type });
    else if (kind === "B") start = i;
    else if (kind === "L" && start >= 0) {
      out.push({ start: start - from, end: i - from + 1, type });
      start = -1;
    }
  }
  return out;
}

/** IOB2 tags ("B-PER", "I-PER", "O") for `n` tokens holding the given spans. */
export function iobFromSpans(spans: readonly TokenSpan[], n: number): string[] {
  const out = new Array<string>(n).fill("O");
  for (const s of spans) {
    out[s.start] = `B-${s.type}`;
    for (let i = s.start + 1; i < s.end; i++) out[i] = `I-${s.type}`;
  }
  return out;
}
