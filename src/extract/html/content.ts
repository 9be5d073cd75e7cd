/**
 * Main-content selection over a segmentation (see segment.ts).
 *
 * Workflow:
 *  1. Classify every block: prose (long enough, few links), chrome (inside a boilerplate box,
 *     page furniture, a caption or a hidden element) or noise (short or link-heavy text).
 *  2. Score candidate containers the way mozilla/readability does: each prose block gives
 *     1 + commas + length/100 to its parent, half to its grandparent, a third-per-level above;
 *     boxes whose class/id names content gain, boilerplate boxes lose, and the score is scaled by
 *     (1 - link density). The best-scored element is the top candidate.
 *  3. Widen: among the top candidate and its ancestors, take the one with the highest net text
 *     value (prose characters minus penalties for chrome and noise characters). This pulls in a
 *     lead paragraph or a second body part that sits in a sibling box, and stops before the
 *     container starts to include more navigation than prose.
 *  4. Keep the container's blocks in order, dropping chrome boxes, link lists, whole-block
 *     boilerplate phrases (share prompts, "Advertisement", bylines, datelines), teasers of other
 *     articles outside the top candidate, and a block that repeats the title; then trim empty
 *     labels from the start and contact/subscription prompts from the end.
 *
 * Class/id hints are resolved in two passes: a first evaluation without them finds the
 * paragraph cluster, so that a flagged box wrapping it ("theiaStickySidebar") counts as a
 * layout wrapper rather than boilerplate (see boilerElements).
 */
import {
  BOILERPLATE_PENALTY,
  MAX_BOILER_PROSE_SHARE,
  MAX_CHROME_LINES,
  MAX_KEPT_LINK_DENSITY,
  MAX_PHRASE_BLOCK_CHARS,
  MAX_PROSE_LINK_DENSITY,
  MAX_TRAILER_CHARS,
  MIN_PROSE_CHARS,
  MIN_TEASER_LINK_CHARS,
  NOISE_PENALTY,
  POSITIVE_CONTAINER_BONUS,
  RE,
} from "./patterns.js";
import {
  type Block,
  F_ARTICLE_BODY,
  F_BOILER,
  F_CAPTION,
  F_CHROME,
  F_COMMENTS,
  F_EMBED,
  F_FIGURE,
  F_HEADING,
  F_POSITIVE,
  type Segmentation,
} from "./segment.js";

export interface ContentOptions {
  /** The page title, to drop a heading that repeats it. */
  title?: string | null;
  /**
   * Fallback mode: ignore class/id boilerplate hints, hidden elements and page-furniture tags
   * (for pages whose article sits in a box they misname or hide, e.g. a saved page with a modal
   * open). Captions and figures stay chrome.
   */
  relaxed?: boolean;
}

export interface ContentResult {
  paragraphs: string[];
  chrome: string[];
  /** Element index of the chosen container (0 = whole document). */
  container: number;
  /** Characters of kept text. */
  chars: number;
  /** Index of the first kept block (-1 when none). */
  firstBlock: number;
}

/** Readability's initial score by tag. */
function tagScore(tag: string): number {
  switch (tag) {
    case "div":
    case "article":
    case "main":
      return 5;
    case "section":
    case "pre":
    case "td":
    case "blockquote":
      return 3;
    case "address":
    case "ol":
    case "ul":
    case "dl":
    case "dd":
    case "dt":
    case "li":
    case "form":
      return -3;
    case "h1":
    case "h2":
    case "h3":
    case "h4":
    case "h5":
    case "h6":
    case "th":
      return -5;
    default:
      return 0;
  }
}

/** Class/id weight of an element (readability's getClassWeight, word-based). */
const CLASS_WEIGHT = 25;

/** Tags whose text is a paragraph: scoring starts at their parent (readability's DEFAULT_TAGS_TO_SCORE). */
const PARAGRAPH_OWNERS: ReadonlySet<string> = new Set([
  "p",
  "pre",
  "td",
  "li",
  "dd",
  "blockquote",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
]);

/** Ancestor levels a paragraph's score reaches (readability uses 5). */
const SCORE_LEVELS = 5;

/** A card holds at most this many blocks (headline, summary, byline/date). */
const MAX_CARD_BLOCKS = 4;
/** A card headline is at least this long (characters) and mostly (share) link text. */
const MIN_CARD_HEADLINE_CHARS = 15;
const CARD_HEADLINE_LINK_SHARE = 0.8;

/** Longest block compared with the title (longer blocks cannot repeat it). Unit: characters. */
const MAX_TITLE_CHARS = 400;

function countCommas(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // , ， 、 ، ;
    if (c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c || c === 59) n++;
  }
  return n;
}

const normTitle = (s: string): string => s.toLowerCase().replace(RE.nonWordRun, " ").trim();

/** Is this block chrome by its text alone (a share prompt, a byline, a dateline...)? */
export function isBoilerplateText(text: string, len: number): boolean {
  if (len > MAX_PHRASE_BLOCK_CHARS) return false;
  return (
    RE.boilerplatePhrase.test(text) ||
    RE.dateOnly.test(text) ||
    RE.dateStamp.test(text) ||
    RE.datedByline.test(text) ||
    RE.pagination.test(text)
  );
}

/**
 * Resolves class/id boilerplate per element: an element is boilerplate when it or an ancestor is
 * class-flagged. Exception: a flagged box that contains `core` (the best paragraph cluster found
 * without class hints) and holds at least MAX_BOILER_PROSE_SHARE of the page's prose is a layout
 * wrapper with a misleading class ("theiaStickySidebar", "grid--with-right-rail"), unless it is
 * a comment section. Embedded posts (tweets) are content even inside a flagged box.
 */
export function boilerElements(seg: Segmentation, core: number): Uint8Array {
  const { parent, elFlags, blocks } = seg;
  const n = parent.length;
  const eff = new Uint8Array(n);
  const prose = new Float64Array(n);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (!(b.flags & F_CHROME) && b.len >= MIN_PROSE_CHARS && b.linkLen <= MAX_PROSE_LINK_DENSITY * b.len)
      prose[b.owner] += b.len;
  }
  for (let i = n - 1; i > 0; i--) prose[parent[i]] += prose[i];
  const limit = MAX_BOILER_PROSE_SHARE * prose[0];
  const wrapper = new Uint8Array(n);
  for (let e = core; e > 0; e = parent[e]) if (prose[e] >= limit) wrapper[e] = 1;
  for (let e = 1; e < n; e++) {
    const f = elFlags[e];
    let v = f & F_EMBED ? 0 : eff[parent[e]];
    if (!v && f & F_BOILER && (f & F_COMMENTS || !wrapper[e])) v = 1;
    eff[e] = v;
  }
  return eff;
}

interface Evaluation {
  top: number;
  net: Float64Array;
}

/**
 * Steps 1-2: classifies blocks, aggregates net value per element and returns the top candidate
 * (-1 when no block is prose). `boiler` marks class-flagged elements (all zero: no class hints).
 */
function evaluate(seg: Segmentation, boiler: Uint8Array, teaser: Uint8Array, chromeMask: number): Evaluation {
  const { blocks, parent, tags, elFlags } = seg;
  const n = tags.length;
  const textLen = new Float64Array(n);
  const linkLen = new Float64Array(n);
  const net = new Float64Array(n);
  const score = new Float64Array(n);
  const scored = new Uint8Array(n);

  const initCandidate = (e: number): void => {
    scored[e] = 1;
    let s = tagScore(tags[e]);
    const f = elFlags[e];
    if (f & F_POSITIVE) s += CLASS_WEIGHT;
    if (f & F_ARTICLE_BODY) s += CLASS_WEIGHT;
    if (boiler[e]) s -= CLASS_WEIGHT;
    score[e] = s;
  };

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const o = b.owner;
    textLen[o] += b.len;
    linkLen[o] += b.linkLen;
    if (b.flags & chromeMask || boiler[o]) {
      net[o] -= BOILERPLATE_PENALTY * b.len;
      continue;
    }
    const ld = b.linkLen / b.len;
    if (
      b.len < MIN_PROSE_CHARS ||
      ld > MAX_PROSE_LINK_DENSITY ||
      b.flags & F_HEADING ||
      teaser[i] === M_PHRASE
    ) {
      if (ld > MAX_PROSE_LINK_DENSITY) net[o] -= NOISE_PENALTY * b.len;
      continue;
    }
    // A teaser (headline link + summary) scores like prose for the top candidate (a list
    // article is made of them) but does not pull the container wider.
    if (teaser[i] === M_TEASER) net[o] -= NOISE_PENALTY * b.len;
    else net[o] += b.len;
    // Readability-style score to the ancestors.
    const contentScore = 1 + countCommas(b.text) + Math.min(Math.floor(b.len / 100), 3);
    let e = PARAGRAPH_OWNERS.has(tags[o]) ? parent[o] : o;
    for (let level = 0; level < SCORE_LEVELS && e > 0; level++) {
      if (!scored[e]) initCandidate(e);
      score[e] += level === 0 ? contentScore : level === 1 ? contentScore / 2 : contentScore / (level * 3);
      e = parent[e];
    }
  }
  for (let i = n - 1; i > 0; i--) {
    const p = parent[i];
    textLen[p] += textLen[i];
    linkLen[p] += linkLen[i];
    net[p] += net[i];
  }
  let top = -1;
  let topScore = Number.NEGATIVE_INFINITY;
  for (let e = 1; e < n; e++) {
    if (!scored[e]) continue;
    if (elFlags[e] & chromeMask || boiler[e]) continue;
    const ld = textLen[e] > 0 ? linkLen[e] / textLen[e] : 0;
    const s = score[e] * (1 - ld);
    if (s > topScore) {
      topScore = s;
      top = e;
    }
  }
  return { top, net };
}

/** Selects the article body of a segmented page. */
export function selectContent(seg: Segmentation, opts: ContentOptions = {}): ContentResult {
  const { parent, elFlags } = seg;
  const none = new Uint8Array(parent.length);
  const teaser = markBlocks(seg);
  let boiler: Uint8Array = none;
  const chromeMask = opts.relaxed ? RELAXED_CHROME : F_CHROME;
  if (!opts.relaxed) {
    // A first pass without class hints finds the paragraph cluster that decides which flagged
    // boxes are mere layout wrappers (see boilerElements).
    const probe = evaluate(seg, none, teaser, chromeMask);
    boiler = boilerElements(seg, probe.top);
  }
  const { top, net } = evaluate(seg, boiler, teaser, chromeMask);

  // Prose inside a box named as content is worth a little more (tie-breaker for wrappers).
  const value = (e: number): number =>
    net[e] > 0 && elFlags[e] & (F_POSITIVE | F_ARTICLE_BODY)
      ? net[e] * (1 + POSITIVE_CONTAINER_BONUS)
      : net[e];

  // 3. Widen to the ancestor with the best net value.
  let container = Math.max(top, 0);
  if (top >= 0) {
    let best = value(top);
    for (let e = parent[top]; e >= 0; e = parent[e]) {
      const v = value(e);
      if (v > best) {
        best = v;
        container = e;
      }
    }
  }

  // 4. Collect.
  return collect(seg, container, boiler, teaser, opts.title ?? null, top, chromeMask);
}

/** Keeps the non-chrome blocks of a container, in order. */
export function collect(
  seg: Segmentation,
  container: number,
  boiler: Uint8Array,
  teaser: Uint8Array,
  title: string | null,
  core = container,
  chromeMask = F_CHROME,
): ContentResult {
  const { blocks } = seg;
  const start = seg.blockStart[container];
  const end = seg.blockEnd[container];
  const paragraphs: string[] = [];
  const chrome: string[] = [];
  const titleKey = title ? normTitle(title) : "";
  const coreStart = core >= 0 ? seg.blockStart[core] : start;
  const coreEnd = core >= 0 ? seg.blockEnd[core] : end;
  let chars = 0;
  let firstBlock = -1;
  const kept: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (i < start || i >= end) {
      // Outside the container: page chrome, listed (up to a cap) for inspection.
      if (chrome.length < MAX_CHROME_LINES) chrome.push(b.text);
      continue;
    }
    const mark = teaser[i];
    if (
      mark === M_PHRASE ||
      !keepBlock(b, boiler, titleKey, chromeMask) ||
      ((i < coreStart || i >= coreEnd) && mark === M_TEASER)
    ) {
      chrome.push(b.text);
      continue;
    }
    kept.push(i);
  }
  // Edge trimming: empty labels at the start ("Author:") and the end ("See more photos:"),
  // contact and subscription prompts at the end ("Have a tip? ... may be reached at").
  let from = 0;
  let to = kept.length;
  // The page headline (an <h1> before any prose) is the title, not body text.
  while (
    from < to &&
    (RE.emptyLabel.test(blocks[kept[from]].text) || seg.tags[blocks[kept[from]].owner] === "h1")
  )
    from++;
  while (to > from) {
    const last = blocks[kept[to - 1]];
    if (last.len > MAX_TRAILER_CHARS || !(RE.trailerPrompt.test(last.text) || RE.emptyLabel.test(last.text)))
      break;
    to--;
  }
  for (let k = 0; k < kept.length; k++) {
    const b = blocks[kept[k]];
    if (k < from || k >= to) {
      chrome.push(b.text);
      continue;
    }
    if (firstBlock < 0) firstBlock = kept[k];
    paragraphs.push(b.text);
    chars += b.len;
  }
  return { paragraphs, chrome, container, chars, firstBlock };
}

/** Flags that stay chrome in relaxed mode. */
const RELAXED_CHROME = F_CAPTION | F_FIGURE;

/** Block marks (see markBlocks). */
const M_TEASER = 1;
const M_PHRASE = 2;

/**
 * Marks blocks by their text and neighbours, once per page: M_PHRASE for whole-block boilerplate
 * phrases and date/byline lines; M_TEASER for teasers of other articles: a block that starts
 * with a headline link and goes on with a summary, or a summary block right after a
 * headline-link block inside a small box (a "card": at most MAX_CARD_BLOCKS blocks).
 */
export function markBlocks(seg: Segmentation): Uint8Array {
  const { blocks, parent, blockStart, blockEnd } = seg;
  const teaser = new Uint8Array(blocks.length);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (isBoilerplateText(b.text, b.len)) {
      teaser[i] = M_PHRASE;
      continue;
    }
    if (b.leadLinkLen >= MIN_TEASER_LINK_CHARS && b.leadLinkLen < b.len) {
      teaser[i] = M_TEASER;
      continue;
    }
    if (i === 0 || b.linkLen > 0) continue;
    const prev = blocks[i - 1];
    if (prev.len < MIN_CARD_HEADLINE_CHARS || prev.linkLen < CARD_HEADLINE_LINK_SHARE * prev.len) continue;
    let e = b.owner;
    while (e > 0 && blockStart[e] > i - 1) e = parent[e];
    if (blockEnd[e] - blockStart[e] <= MAX_CARD_BLOCKS) teaser[i] = M_TEASER;
  }
  return teaser;
}

function keepBlock(b: Block, boiler: Uint8Array, titleKey: string, chromeMask: number): boolean {
  if (b.flags & chromeMask || boiler[b.owner]) return false;
  if (b.linkLen / b.len > MAX_KEPT_LINK_DENSITY) return false;
  if (titleKey && b.len < MAX_TITLE_CHARS && normTitle(b.text) === titleKey) return false;
  return true;
}

/**
 * Whole-document density extraction: every prose block outside chrome, in order (last resort).
 * `relaxed` also takes hidden and furniture blocks and ignores class/id hints.
 */
export function densityExtract(seg: Segmentation, relaxed = false): ContentResult {
  const chromeMask = relaxed ? RELAXED_CHROME : F_CHROME;
  const none = new Uint8Array(seg.parent.length);
  const boiler = relaxed ? none : boilerElements(seg, evaluate(seg, none, markBlocks(seg), chromeMask).top);
  const paragraphs: string[] = [];
  const chrome: string[] = [];
  let chars = 0;
  let firstBlock = -1;
  for (let i = 0; i < seg.blocks.length; i++) {
    const b = seg.blocks[i];
    const ld = b.linkLen / b.len;
    if (b.flags & chromeMask || boiler[b.owner] || b.len < MIN_PROSE_CHARS || ld > MAX_PROSE_LINK_DENSITY) {
      chrome.push(b.text);
      continue;
    }
    if (firstBlock < 0) firstBlock = i;
    paragraphs.push(b.text);
    chars += b.len;
  }
  return { paragraphs, chrome, container: 0, chars, firstBlock };
}
