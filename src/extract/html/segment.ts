/**
 * Parsing and segmentation in one pass: htmlparser2's streaming Parser feeds open/close/text
 * events to a builder that numbers the elements in document order, cuts the visible text into
 * blocks (the text between two block-level boundaries) and collects the metadata hints (meta
 * tags, JSON-LD, <time>...). The element table is our DOM: parent links, flags and block ranges
 * in flat arrays. Building no node objects makes this about twice as fast as parseDocument plus
 * a walk, and nothing recurses, so 10,000-deep nesting is safe. Later steps work on the arrays.
 */
import { Parser } from "htmlparser2";
import { type PageMeta, parseJsonLd, type TimeHint } from "./metadata.js";
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
  /** Tag names in document order; index 0 is the root pseudo-element (the document). */
  tags: string[];
  /** class and id attribute of each element ("" when absent), for inspection and debugging. */
  classes: string[];
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
    for (const c of cls.split(RE.spaceRun)) if (c && !RE.taxonomyClass.test(c)) out += ` ${c}`;
  }
  return out;
}

/** Class/id strings repeat across elements and pages: their flags are cached (bounded). */
const classCache = new Map<string, number>();
const MAX_CLASS_CACHE = 50_000;

/** Own flags of an element from its tag, role, class, id, itemprop and visibility. */
function elementFlags(a: Record<string, string>, tag: string): number {
  let flags = 0;
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
  if (style && (style.includes("none") || style.includes("hidden")) && RE.hiddenStyle.test(style))
    flags |= F_HIDDEN;
  const itemprop = a.itemprop;
  if (itemprop && RE.itempropBody.test(itemprop)) flags |= F_ARTICLE_BODY | F_POSITIVE;
  const cls = a.class;
  const id = a.id;
  // The page-wide wrappers carry theme classes ("html_bottom_nav_header"), not a box role.
  if ((cls || id) && tag !== "html" && tag !== "body") {
    let positive = false;
    let strongNeg = false;
    let weakNeg = false;
    const raw = id ? `${cls ?? ""}#${id}` : (cls as string);
    const cached = classCache.get(raw);
    if (cached !== undefined) return flags | cached;
    const key = classWords(cls, id);
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
    if (classCache.size < MAX_CLASS_CACHE) classCache.set(raw, cf);
    flags |= cf;
    // A strong negative word on a box that also names content ("article-share") is boilerplate;
    // a weak one ("content has-sidebar") is not.
  }
  return flags;
}

const JSON_LD_TYPE = RE.jsonLdType;
const MAX_TIME_HINTS = 20;
const MAX_AUTHOR_HINTS = 5;
/** Captured metadata text (title, h1, bylines) is cut at this length. Unit: characters. */
const MAX_CAPTURE_CHARS = 2000;

type CaptureKind = "title" | "h1" | "author" | "itemdate" | "ldjson";

/** Parses a page and returns its segmentation and metadata hints. Never recurses. */
export function parsePage(html: string): { seg: Segmentation; meta: PageMeta } {
  const tags: string[] = ["#root"];
  const classes: string[] = [""];
  const parentArr: number[] = [-1];
  const flagArr: number[] = [0];
  const startArr: number[] = [0];
  const endArr: number[] = [0];
  const blocks: Block[] = [];

  const meta: PageMeta = {
    meta: new Map(),
    jsonLd: [],
    jsonLdRaw: [],
    titleTag: null,
    canonical: null,
    htmlLang: null,
    times: [],
    authorHints: [],
    h1: null,
  };

  // Open element stack (indices) and, in parallel, the inherited flags and block owner.
  const open: number[] = [0];
  const inherited: number[] = [0];
  const blockOwner: number[] = [0];
  // One entry per open event: 0 = not an element of ours (void, or inside a skipped subtree),
  // 1 = an entered element, 2 = the root of a skipped subtree.
  const events: number[] = [];
  let skipDepth = 0;
  let linkDepth = 0;

  let parts: string[] = [];
  let linkLen = 0;
  // Leading link: open while the block's text so far is all inside links.
  let started = false;
  let leadOpen = false;
  let leadLen = 0;

  // Metadata text capture (one at a time): kind, the event depth it closes at, and the text.
  let capture: CaptureKind | null = null;
  let captureDepth = -1;
  let captureText = "";
  let captureRole: TimeHint["role"] = null;

  const flush = (): void => {
    if (parts.length === 0) return;
    const raw = parts.length === 1 ? parts[0] : parts.join("");
    parts = [];
    const flags = inherited[inherited.length - 1];
    let text: string;
    if (flags & F_PRE) text = raw.replace(RE.preSpaces, " ").replace(RE.preNewlines, "\n").trim();
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
      linkLen: Math.min(ll, text.length),
      leadLinkLen: Math.min(lead, text.length),
      flags,
    });
  };

  const startCapture = (kind: CaptureKind, role: TimeHint["role"] = null): void => {
    if (capture) return;
    capture = kind;
    captureDepth = events.length; // closes when the event stack is back to this depth
    captureText = "";
    captureRole = role;
  };

  const endCapture = (): void => {
    const text = captureText.replace(RE.whitespace, " ").trim();
    switch (capture) {
      case "title":
        if (meta.titleTag === null) meta.titleTag = text;
        break;
      case "h1":
        if (meta.h1 === null) meta.h1 = text;
        break;
      case "author":
        if (text && meta.authorHints.length < MAX_AUTHOR_HINTS) meta.authorHints.push(text);
        break;
      case "itemdate":
        if (text && meta.times.length < MAX_TIME_HINTS)
          meta.times.push({ value: text, role: captureRole, text: "" });
        break;
      case "ldjson":
        meta.jsonLdRaw.push(captureText);
        break;
    }
    capture = null;
    captureDepth = -1;
    captureText = "";
  };

  const collectMeta = (name: string, a: Record<string, string>): void => {
    switch (name) {
      case "html":
        if (a.lang && !meta.htmlLang) meta.htmlLang = a.lang;
        return;
      case "meta": {
        const key = (a.property || a.name || a.itemprop || a["http-equiv"] || "").toLowerCase().trim();
        const content = (a.content ?? "").trim();
        if (key && content && !meta.meta.has(key)) meta.meta.set(key, content);
        if (a.charset && !meta.meta.has("charset")) meta.meta.set("charset", a.charset);
        return;
      }
      case "link":
        if (!meta.canonical && a.href && a.rel && RE.relCanonical.test(a.rel)) meta.canonical = a.href.trim();
        return;
      case "title":
        if (meta.titleTag === null) startCapture("title");
        return;
      case "script":
        if (a.type && JSON_LD_TYPE.test(a.type)) startCapture("ldjson");
        return;
      case "h1":
        if (meta.h1 === null) startCapture("h1");
        break;
      case "time":
        if (meta.times.length < MAX_TIME_HINTS) {
          const value = a.datetime || a.content || "";
          if (value) {
            const ip = (a.itemprop || "").toLowerCase();
            const role =
              ip === "datepublished" || a.pubdate !== undefined
                ? "published"
                : ip === "datemodified"
                  ? "modified"
                  : null;
            meta.times.push({ value, role, text: timeContext(a) });
          }
        }
        return;
    }
    const ip = a.itemprop;
    if (ip) {
      const key = ip.toLowerCase();
      if (key === "datepublished" || key === "datemodified") {
        const role = key === "datepublished" ? "published" : "modified";
        const value = a.content || a.datetime;
        if (value) {
          if (meta.times.length < MAX_TIME_HINTS) meta.times.push({ value, role, text: "" });
        } else startCapture("itemdate", role);
        return;
      }
      if (key === "author") {
        if (a.content) {
          if (meta.authorHints.length < MAX_AUTHOR_HINTS) meta.authorHints.push(a.content);
        } else startCapture("author");
        return;
      }
    }
    const cls = a.class;
    if (
      (name === "a" && a.rel?.toLowerCase() === "author") ||
      (cls && (cls.includes("yline") || cls.includes("uthor")) && RE.bylineClass.test(cls))
    )
      startCapture("author");
  };

  /** Context for a <time>: its own class and the ancestors' class/id (up to three). */
  const timeContext = (a: Record<string, string>): string => {
    let out = `${a.class ?? ""}`;
    for (let i = open.length - 1, k = 0; i > 0 && k < 3; i--, k++) out += ` ${classes[open[i]]}`;
    return out;
  };

  const enter = (tag: string, a: Record<string, string>): number => {
    if (SKIP_TAGS.has(tag)) return 2;
    if (tag === "br" || tag === "hr" || tag === "wbr") {
      if (tag !== "wbr") flush();
      return 0;
    }
    const own = elementFlags(a, tag);
    const isBlock = BLOCK_TAGS.has(tag);
    // Hidden inline text (a screen-reader label, a collapsed tooltip) is dropped without
    // splitting the paragraph around it; hidden blocks stay, flagged, for the relaxed fallback.
    if (own & F_HIDDEN && !isBlock) return 2;
    const parentFlags = inherited[inherited.length - 1];
    const flags = (parentFlags & INHERITED) | (own & INHERITED);
    // A block boundary at every block element, at every class-flagged element, and wherever the
    // inherited flags change, so that every block has uniform flags and one owner.
    const owning = isBlock || (own & OWNING) !== 0;
    if (owning || flags !== parentFlags) flush();
    const idx = tags.length;
    tags.push(tag);
    const cls = a.class;
    const id = a.id;
    classes.push(cls ? (id ? `${cls} #${id}` : cls) : id ? `#${id}` : "");
    parentArr.push(open[open.length - 1]);
    flagArr.push(own);
    startArr.push(blocks.length);
    endArr.push(blocks.length);
    open.push(idx);
    inherited.push(flags);
    blockOwner.push(owning ? idx : blockOwner[blockOwner.length - 1]);
    if (tag === "a") linkDepth++;
    return 1;
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
    if (capture) {
      if (captureText.length < MAX_CAPTURE_CHARS || capture === "ldjson") captureText += data;
    }
    if (skipDepth > 0 || !data) return;
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

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        collectMeta(name, attribs);
        if (skipDepth > 0) {
          skipDepth++;
          events.push(0);
          return;
        }
        const kind = enter(name, attribs);
        if (kind === 2) skipDepth = 1;
        events.push(kind);
      },
      onclosetag() {
        const kind = events.pop();
        if (capture && events.length === captureDepth) endCapture();
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        if (kind === 1) exit();
      },
      ontext: onText,
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  parser.end(html);
  // Close anything left open (the parser closes all elements at the end; this is a safeguard).
  while (open.length > 1) exit();
  flush();
  endArr[0] = blocks.length;
  for (const raw of meta.jsonLdRaw) parseJsonLd(raw, meta.jsonLd);

  return {
    seg: {
      tags,
      classes,
      parent: Int32Array.from(parentArr),
      elFlags: Int32Array.from(flagArr),
      blockStart: Int32Array.from(startArr),
      blockEnd: Int32Array.from(endArr),
      blocks,
    },
    meta,
  };
}
