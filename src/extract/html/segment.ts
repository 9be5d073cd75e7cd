/**
 * Segmentation: one iterative walk over the htmlparser2 DOM that numbers the elements in document
 * order and cuts the visible text into blocks (the text between two block-level boundaries).
 * Every later step works on these flat arrays, so no step recurses (10,000-deep pages are safe)
 * and per-element figures are typed-array sums, not repeated DOM walks.
 */
import type { AnyNode, Document, Element } from "domhandler";
import {
  BLOCK_TAGS,
  CAPTION_TAGS,
  CAPTION_WORDS,
  COMMENT_WORDS,
  EMBED_WORDS,
  FURNITURE_ROLES,
  FURNITURE_TAGS,
  HEADING_TAGS,
  NEGATIVE_WORDS,
  POSITIVE_WORDS,
  RE,
  SKIP_TAGS,
  WEAK_NEGATIVE_WORDS,
} from "./patterns.js";

/** Block and element flags (bit set). */
export const F_BOILER = 1; // class/id names boilerplate (share, related, comments...)
export const F_FURNITURE = 2; // nav/aside/footer tag or furniture ARIA role
export const F_HIDDEN = 4; // hidden attribute, aria-hidden, display:none
export const F_CAPTION = 8; // figcaption / caption / figure text
export const F_HEADING = 16;
export const F_LIST_ITEM = 32;
export const F_QUOTE = 64;
export const F_PRE = 128;
export const F_CELL = 256;
export const F_POSITIVE = 512; // class/id names article content (element flag only)
export const F_ARTICLE_BODY = 1024; // itemprop=articleBody (element flag only)
export const F_FIGURE = 2048;

export const F_COMMENTS = 4096; // class/id names a comment section (element flag only)
export const F_EMBED = 8192; // class/id names an embedded post (tweet...): content (element flag only)

/**
 * Flags that make a block chrome whatever its text looks like. F_BOILER is an element flag,
 * resolved per element by `boilerElements` (whether it applies depends on the box's size).
 */
export const F_CHROME = F_FURNITURE | F_HIDDEN | F_CAPTION | F_FIGURE;
/** Flags carried from an element to the blocks inside it. */
const INHERITED = F_CHROME | F_HEADING | F_LIST_ITEM | F_QUOTE | F_PRE | F_CELL;
/** Elements with these own flags start their own blocks and own them (see Block.owner). */
const OWNING = F_BOILER | F_EMBED;

export interface Block {
  /** Whitespace-normalised text. */
  text: string;
  /** Innermost block-level or class-flagged element holding the block (element index). */
  owner: number;
  /** Text length in UTF-16 units. */
  len: number;
  /** Characters inside links. */
  linkLen: number;
  /** Characters of the link the block starts with (0 when it starts with plain text). */
  leadLinkLen: number;
  /** F_* bits. */
  flags: number;
}

export interface Segmentation {
  /** Elements in document order; index 0 is the root pseudo-element (the document). */
  elements: (Element | null)[];
  tags: string[];
  /** Parent element index (-1 for the root). Parents always precede children. */
  parent: Int32Array;
  /** Own flags of each element (not inherited). */
  elFlags: Int32Array;
  /** Block index range [blockStart, blockEnd) of each block-level element. */
  blockStart: Int32Array;
  blockEnd: Int32Array;
  blocks: Block[];
}

/** Splits class and id values into lower-case words ("shareButtons top-bar" -> share, buttons, top, bar). */
export function attrWords(value: string): string[] {
  if (!value) return [];
  return value.replace(RE.camelBoundary, "$1 $2").toLowerCase().split(RE.wordSplit);
}

/**
 * The class and id text whose words are looked up, without taxonomy classes that CMSs put on
 * every post ("tag-impeachment", "category-politics", "post-753938", "format-standard").
 */
function classWords(cls: string | undefined, id: string | undefined): string {
  let out = id ?? "";
  if (cls) {
    for (const c of cls.split(/\s+/)) if (c && !RE.taxonomyClass.test(c)) out += ` ${c}`;
  }
  return out;
}

/** Class/id strings repeat across elements and pages: their flags are cached (bounded). */
const classCache = new Map<string, number>();
const MAX_CLASS_CACHE = 50_000;

/** Own flags of an element from its tag, role, class, id, itemprop and visibility. */
function elementFlags(el: Element, tag: string): number {
  let flags = 0;
  const a = el.attribs;
  if (FURNITURE_TAGS.has(tag)) flags |= F_FURNITURE;
  if (CAPTION_TAGS.has(tag)) flags |= F_CAPTION;
  else if (tag === "figure") flags |= F_FIGURE;
  else if (HEADING_TAGS.has(tag)) flags |= F_HEADING;
  else if (tag === "li" || tag === "dd" || tag === "dt") flags |= F_LIST_ITEM;
  else if (tag === "blockquote") flags |= F_QUOTE;
  else if (tag === "pre") flags |= F_PRE;
  else if (tag === "td" || tag === "th") flags |= F_CELL;
  const role = a.role;
  if (role && FURNITURE_ROLES.has(role.toLowerCase())) flags |= F_FURNITURE;
  if (a.hidden !== undefined || a["aria-hidden"] === "true") flags |= F_HIDDEN;
  const style = a.style;
  if (style && RE.hiddenStyle.test(style)) flags |= F_HIDDEN;
  const itemprop = a.itemprop;
  if (itemprop && /articlebody|text/i.test(itemprop)) flags |= F_ARTICLE_BODY | F_POSITIVE;
  const cls = a.class;
  const id = a.id;
  // The page-wide wrappers carry theme classes ("html_bottom_nav_header"), not a box role.
  if ((cls || id) && tag !== "html" && tag !== "body") {
    let positive = false;
    let strongNeg = false;
    let weakNeg = false;
    const key = classWords(cls, id);
    const cached = classCache.get(key);
    if (cached !== undefined) return flags | cached;
    let cf = 0;
    let prev = "";
    for (const w of attrWords(key)) {
      if (!w) continue;
      // Two-word names ("most-popular", "read-more") are looked up joined as well.
      const pair = prev + w;
      prev = w;
      if (NEGATIVE_WORDS.has(pair) && !WEAK_NEGATIVE_WORDS.has(pair)) strongNeg = true;
      if (COMMENT_WORDS.has(w)) cf |= F_COMMENTS;
      if (CAPTION_WORDS.has(w)) cf |= F_CAPTION;
      if (EMBED_WORDS.has(w)) cf |= F_EMBED;
      if (POSITIVE_WORDS.has(w)) positive = true;
      if (NEGATIVE_WORDS.has(w)) {
        if (WEAK_NEGATIVE_WORDS.has(w)) weakNeg = true;
        else strongNeg = true;
      }
    }
    if (positive) cf |= F_POSITIVE;
    if ((strongNeg || (weakNeg && !positive)) && !(cf & F_EMBED)) cf |= F_BOILER;
    if (classCache.size < MAX_CLASS_CACHE) classCache.set(key, cf);
    flags |= cf;
    // A strong negative word on a box that also names content ("article-share") is boilerplate;
    // a weak one ("content has-sidebar") is not.
  }
  return flags;
}

/**
 * Walks the DOM without recursion (sibling/parent pointers) and returns elements and blocks.
 * `body` may be the document or any subtree.
 */
export function segment(root: Document | Element): Segmentation {
  const elements: (Element | null)[] = [null];
  const tags: string[] = ["#root"];
  const parentArr: number[] = [-1];
  const flagArr: number[] = [0];
  const startArr: number[] = [0];
  const endArr: number[] = [0];
  const blocks: Block[] = [];

  // Open element stack (indices) and, in parallel, the inherited flags at each depth.
  const open: number[] = [0];
  const inherited: number[] = [0];
  const blockOwner: number[] = [0];
  let linkDepth = 0;

  let parts: string[] = [];
  let linkLen = 0;
  // Leading link: open while the block's text so far is all inside links.
  let started = false;
  let leadOpen = false;
  let leadLen = 0;

  const flush = (): void => {
    if (parts.length === 0) return;
    const raw = parts.length === 1 ? parts[0] : parts.join("");
    parts = [];
    const flags = inherited[inherited.length - 1];
    let text: string;
    if (flags & F_PRE) text = raw.replace(/[ \t\u00a0]+/g, " ").replace(/\s*\n\s*/g, "\n").trim();
    else text = raw.replace(RE.whitespace, " ").trim();
    const ll = linkLen;
    const lead = leadLen;
    linkLen = 0;
    leadLen = 0;
    started = false;
    leadOpen = false;
    if (!text) return;
    blocks.push({
      text,
      owner: blockOwner[blockOwner.length - 1],
      len: text.length,
      linkLen: ll > text.length ? text.length : ll,
      leadLinkLen: lead > text.length ? text.length : lead,
      flags,
    });
  };

  const enter = (el: Element): boolean => {
    const tag = el.name;
    if (SKIP_TAGS.has(tag)) return false;
    if (tag === "br" || tag === "hr" || tag === "wbr") {
      if (tag !== "wbr") flush();
      return false;
    }
    const own = elementFlags(el, tag);
    const isBlock = BLOCK_TAGS.has(tag);
    const parentFlags = inherited[inherited.length - 1];
    const flags = (parentFlags & INHERITED) | (own & INHERITED);
    // A block boundary at every block element, and wherever the inherited flags change, so that
    // every block has uniform flags (an inline "share" span becomes its own block).
    const owning = isBlock || (own & OWNING) !== 0;
    if (owning || flags !== parentFlags) flush();
    const idx = elements.length;
    elements.push(el);
    tags.push(tag);
    parentArr.push(open[open.length - 1]);
    flagArr.push(own);
    startArr.push(blocks.length);
    endArr.push(blocks.length);
    open.push(idx);
    inherited.push(flags);
    if (owning) blockOwner.push(idx);
    else blockOwner.push(blockOwner[blockOwner.length - 1]);
    if (tag === "a") linkDepth++;
    return true;
  };

  const exit = (): void => {
    const idx = open[open.length - 1];
    const tag = tags[idx];
    const flags = inherited[inherited.length - 1];
    const parentFlags = inherited[inherited.length - 2];
    if (BLOCK_TAGS.has(tag) || flagArr[idx] & OWNING || flags !== parentFlags) flush();
    endArr[idx] = blocks.length;
    open.pop();
    inherited.pop();
    blockOwner.pop();
    if (tag === "a") linkDepth--;
  };

  const onText = (data: string): void => {
    if (!data) return;
    parts.push(data);
    if (!started) {
      if (!RE.blank.test(data)) {
        started = true;
        leadOpen = linkDepth > 0;
      }
    } else if (leadOpen && linkDepth === 0 && !RE.blank.test(data)) leadOpen = false;
    if (linkDepth > 0) {
      // Approximate normalised length (whitespace runs count as one).
      const t = data.replace(RE.whitespace, " ");
      linkLen += t.length;
      if (leadOpen) leadLen += t.length;
    }
  };

  let node: AnyNode | null = root.children[0] ?? null;
  while (node) {
    let descended = false;
    if (node.type === "text") onText((node as { data: string }).data);
    else if (node.type === "tag") {
      const el = node as Element;
      if (enter(el)) {
        if (el.children.length > 0) {
          node = el.children[0];
          descended = true;
        } else exit();
      }
    }
    if (descended) continue;
    // Advance: next sibling, or climb (closing each parent) until one has a next sibling.
    while (node) {
      if (node.next) {
        node = node.next;
        break;
      }
      const up: AnyNode | null = node.parent;
      if (!up || up === root) {
        node = null;
        break;
      }
      exit();
      node = up;
    }
  }
  // Close anything left open (only the root remains in well-formed walks).
  while (open.length > 1) exit();
  flush();
  endArr[0] = blocks.length;

  return {
    elements,
    tags,
    parent: Int32Array.from(parentArr),
    elFlags: Int32Array.from(flagArr),
    blockStart: Int32Array.from(startArr),
    blockEnd: Int32Array.from(endArr),
    blocks,
  };
}
