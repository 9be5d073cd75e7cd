/**
 * Feeds: RSS 2.0 (and RSS 1.0/RDF), Atom and JSON Feed, parsed with `feedsmith`, reduced to the few
 * item fields we use. Also the persistent feed list (`storyline feeds add|remove|list`) and the
 * per-feed memory of items already taken (for `storyline watch`), both kept in the store's state.
 */
import { parseFeed } from "feedsmith";
import type { Store } from "../../store/types.js";
import { isHttpUrl } from "./url-id.js";

/** One feed item, format-independent. */
export interface FeedItem {
  /** Stable identity inside the feed: guid / Atom id / JSON id, else the link. */
  key: string;
  /** Absolute URL of the article page, when the item has one. */
  link: string | null;
  title: string | null;
  /** Publication date as the feed states it (not normalised). */
  published: string | null;
}

export interface ParsedFeed {
  format: "rss" | "atom" | "rdf" | "json";
  title: string | null;
  items: FeedItem[];
}

type Obj = Record<string, unknown>;

const str = (v: unknown): string | null => {
  if (typeof v === "string") return v.trim() || null;
  if (v && typeof v === "object" && typeof (v as Obj).value === "string") return str((v as Obj).value);
  return null;
};

function absolute(link: string | null, base: string | undefined): string | null {
  if (!link) return null;
  try {
    const u = new URL(link, base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** Parses feed text (XML or JSON). Throws an Error with a readable message when it is not a feed. */
export function parseFeedText(text: string, baseUrl?: string): ParsedFeed {
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(text.replace(/^\uFEFF/, "")) as { format: string; feed: unknown };
  } catch (e) {
    throw new Error(`not a valid RSS, Atom or JSON feed (${(e as Error).message})`);
  }
  const feed = (parsed.feed ?? {}) as Obj;
  const format = parsed.format as ParsedFeed["format"];
  const raw = ((format === "atom" ? feed.entries : feed.items) ?? []) as Obj[];
  const items: FeedItem[] = [];
  for (const it of raw) {
    let link: string | null = null;
    let id: string | null = null;
    let published: string | null = null;
    if (format === "atom") {
      const links = (it.links ?? []) as Obj[];
      const alt =
        links.find(
          (l) => (l.rel === undefined || l.rel === "alternate") && /html|^$/.test(str(l.type) ?? ""),
        ) ?? links.find((l) => l.rel === undefined || l.rel === "alternate");
      link = str(alt?.href);
      id = str(it.id);
      published = str(it.published) ?? str(it.updated);
    } else if (format === "json") {
      link = str(it.url) ?? str(it.external_url);
      id = it.id === undefined || it.id === null ? null : String(it.id);
      published = str(it.date_published) ?? str(it.date_modified);
    } else {
      const guid = it.guid as Obj | string | undefined;
      const guidValue = str(guid);
      const permalink = typeof guid === "object" && guid !== null ? guid.isPermaLink !== false : true;
      link = str(it.link) ?? (permalink && guidValue && isHttpUrl(guidValue) ? guidValue : null);
      id = guidValue;
      const dc = it.dc as Obj | undefined;
      published = str(it.pubDate) ?? str((dc?.dates as unknown[] | undefined)?.[0]) ?? str(dc?.date);
    }
    link = absolute(link, baseUrl);
    const key = id ?? link;
    if (!key) continue;
    items.push({ key, link, title: str(it.title), published });
  }
  return { format, title: str(feed.title), items };
}

/** True when text (already known to be XML or JSON) is a feed document by its root. */
export function looksLikeFeed(head: string): boolean {
  return (
    /<(?:rss|feed|rdf:RDF)[\s>]/.test(head) ||
    /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(head)
  );
}

// ---------------------------------------------------------------------------------------------
// The feed list and the per-feed memory, in the store's state.

/** State key of the feed list. */
export const FEEDS_STATE_KEY = "feeds";
/** State key prefix of the items already taken from a feed. */
const SEEN_STATE_PREFIX = "feeds:seen:";
/** Item keys remembered per feed. Feeds carry 10–100 items; 5,000 covers months of a busy feed
 * without letting the state grow without bound. */
const MAX_SEEN_PER_FEED = 5000;
/** Polls in which a failing item is retried before it is given up (and counted as seen). */
export const MAX_ITEM_ATTEMPTS = 3;

export interface FeedEntry {
  url: string;
  addedAt: string;
  title?: string | null;
  lastPolledAt?: string | null;
  /** The last poll's error for the feed itself, or null when it went well. */
  lastError?: string | null;
  /** Items added by the last polls, in total. */
  itemsAdded?: number;
}

export async function listFeeds(store: Store): Promise<FeedEntry[]> {
  return (await store.getState<FeedEntry[]>(FEEDS_STATE_KEY)) ?? [];
}

/** Adds a feed URL to the list; returns false when it was there already. Throws on a non-http URL. */
export async function addFeed(
  store: Store,
  url: string,
  opts: { title?: string | null; now?: string } = {},
): Promise<boolean> {
  if (!isHttpUrl(url)) throw new Error(`not an http(s) URL: "${url}"`);
  const href = new URL(url).href;
  const feeds = await listFeeds(store);
  if (feeds.some((f) => f.url === href)) return false;
  feeds.push({ url: href, addedAt: opts.now ?? new Date().toISOString(), title: opts.title ?? null });
  await store.setState(FEEDS_STATE_KEY, feeds);
  return true;
}

/** Removes a feed (and its memory of seen items); returns false when it was not in the list. */
export async function removeFeed(store: Store, url: string): Promise<boolean> {
  let href = url;
  try {
    href = new URL(url).href;
  } catch {}
  const feeds = await listFeeds(store);
  const kept = feeds.filter((f) => f.url !== href && f.url !== url);
  if (kept.length === feeds.length) return false;
  await store.setState(FEEDS_STATE_KEY, kept);
  await store.setState(SEEN_STATE_PREFIX + href, null);
  return true;
}

/** Updates one feed's entry (after a poll). Unknown feeds are ignored. */
export async function updateFeed(store: Store, url: string, patch: Partial<FeedEntry>): Promise<void> {
  const feeds = await listFeeds(store);
  const f = feeds.find((x) => x.url === url);
  if (!f) return;
  Object.assign(f, patch);
  await store.setState(FEEDS_STATE_KEY, feeds);
}

interface SeenState {
  /** Keys of items taken (ingested, or given up after repeated failures), oldest first. */
  keys: string[];
  /** Failed attempts per item key not yet given up. */
  failures: Record<string, number>;
}

/** The memory of one feed's items, loaded once per poll and written back item by item. */
export class SeenItems {
  private constructor(
    private readonly store: Store,
    private readonly feedUrl: string,
    private readonly state: SeenState,
    private readonly set: Set<string>,
  ) {}

  static async load(store: Store, feedUrl: string): Promise<SeenItems> {
    const state = (await store.getState<SeenState>(SEEN_STATE_PREFIX + feedUrl)) ?? {
      keys: [],
      failures: {},
    };
    return new SeenItems(store, feedUrl, state, new Set(state.keys));
  }

  has(key: string): boolean {
    return this.set.has(key);
  }

  /** Records an item as taken. */
  async taken(key: string): Promise<void> {
    delete this.state.failures[key];
    if (!this.set.has(key)) {
      this.set.add(key);
      this.state.keys.push(key);
      if (this.state.keys.length > MAX_SEEN_PER_FEED) {
        for (const k of this.state.keys.splice(0, this.state.keys.length - MAX_SEEN_PER_FEED))
          this.set.delete(k);
      }
    }
    await this.save();
  }

  /** Records a failed attempt; after MAX_ITEM_ATTEMPTS the item is given up. Returns true then. */
  async failed(key: string): Promise<boolean> {
    const n = (this.state.failures[key] ?? 0) + 1;
    if (n >= MAX_ITEM_ATTEMPTS) {
      await this.taken(key);
      return true;
    }
    this.state.failures[key] = n;
    await this.save();
    return false;
  }

  private save(): Promise<void> {
    return this.store.setState(SEEN_STATE_PREFIX + this.feedUrl, this.state);
  }
}
