/**
 * Version groups: articles sharing one text origin, from verified copy pairs.
 *
 * A group is a connected component of the copy graph (pairs from `SyndicationIndex.add`, plus
 * any pairs the caller adds, such as the versions of one edited article: `id` and `id@v2`).
 * Components are found with union–find, O(pairs · α), so regrouping after an incremental add is
 * cheap; only the candidate search needs an index.
 *
 * Origin: the earliest published member. Tie-break, in order (`compareOriginCandidates`):
 *   1. dated before undated (an undated article cannot be shown to be first);
 *   2. earlier `published` (ISO strings compared as instants by Date.parse; a date-only value
 *      is midnight UTC of that day; an unparseable value counts as undated);
 *   3. the longer text (more words: a wire original is usually trimmed by its copies, rarely
 *      padded);
 *   4. the smaller id (code-unit order), so the result never depends on input order.
 */

/** What grouping needs to know about an article. */
export interface VersionDoc {
  id: string;
  /** ISO date or timestamp, or null when undated. */
  published: string | null;
  /** Length of the body in words (tie-break); 0 when unknown. */
  words?: number;
  /** Outlet name or domain, passed through to the members. */
  outlet?: string | null;
}

/** A verified copy relation: `[idA, idB, containment]`. */
export type VersionPair = readonly [string, string, number];

export interface VersionMember {
  id: string;
  published: string | null;
  outlet: string | null;
  /**
   * Share of the origin's text this member carries (1 for the origin itself), from the `share`
   * callback; null when none was given or it could not tell.
   */
  share: number | null;
}

export interface VersionGroup {
  /** Id of the origin (also the first member). */
  origin: string;
  /** All members, the origin first, then by date (undated last), then id. */
  members: VersionMember[];
}

export interface GroupOptions {
  /** Share of `originId`'s text carried by `memberId`, e.g. `(o, m) => index.share(o, m)`. */
  share?: (originId: string, memberId: string) => number | null;
}

/** Publication instant in ms, or null when undated or unparseable. */
function instant(published: string | null): number | null {
  if (!published) return null;
  const t = Date.parse(published);
  return Number.isNaN(t) ? null : t;
}

/** Orders origin candidates: the one that sorts first is the origin (see the module comment). */
export function compareOriginCandidates(a: VersionDoc, b: VersionDoc): number {
  const ta = instant(a.published);
  const tb = instant(b.published);
  if (ta === null && tb !== null) return 1;
  if (ta !== null && tb === null) return -1;
  if (ta !== null && tb !== null && ta !== tb) return ta - tb;
  const wa = a.words ?? 0;
  const wb = b.words ?? 0;
  if (wa !== wb) return wb - wa;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Order of the non-origin members: by date (undated last), then id. */
function compareMembers(a: VersionDoc, b: VersionDoc): number {
  const ta = instant(a.published);
  const tb = instant(b.published);
  if (ta === null && tb !== null) return 1;
  if (ta !== null && tb === null) return -1;
  if (ta !== null && tb !== null && ta !== tb) return ta - tb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Groups articles connected by copy pairs. Articles in no pair form no group. Ids in `pairs`
 * missing from `docs` are grouped as undated articles of unknown length. Groups come largest
 * first, then by origin id.
 */
export function groupVersions(
  docs: readonly VersionDoc[],
  pairs: readonly VersionPair[],
  options: GroupOptions = {},
): VersionGroup[] {
  const byId = new Map<string, VersionDoc>();
  for (const d of docs) byId.set(d.id, d);
  const slot = new Map<string, number>();
  const ids: string[] = [];
  const parent: number[] = [];
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const slotOf = (id: string): number => {
    let s = slot.get(id);
    if (s === undefined) {
      s = ids.length;
      slot.set(id, s);
      ids.push(id);
      parent.push(s);
    }
    return s;
  };
  for (const [a, b] of pairs) {
    if (a === b) continue;
    const ra = find(slotOf(a));
    const rb = find(slotOf(b));
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const components = new Map<number, VersionDoc[]>();
  for (let i = 0; i < ids.length; i++) {
    const r = find(i);
    const doc = byId.get(ids[i]) ?? { id: ids[i], published: null, words: 0 };
    const list = components.get(r);
    if (list) list.push(doc);
    else components.set(r, [doc]);
  }
  const groups: VersionGroup[] = [];
  for (const members of components.values()) {
    if (members.length < 2) continue;
    members.sort(compareOriginCandidates);
    const origin = members[0];
    const rest = members.slice(1).sort(compareMembers);
    const member = (d: VersionDoc, isOrigin: boolean): VersionMember => ({
      id: d.id,
      published: d.published,
      outlet: d.outlet ?? null,
      share: isOrigin ? 1 : options.share ? options.share(origin.id, d.id) : null,
    });
    groups.push({ origin: origin.id, members: [member(origin, true), ...rest.map((d) => member(d, false))] });
  }
  groups.sort((a, b) => b.members.length - a.members.length || (a.origin < b.origin ? -1 : 1));
  return groups;
}
