/**
 * Hand edits as data, and the article-level constraints they imply.
 *
 * An edit names stories, but stories are rebuilt on a replay, so each edit is resolved
 * to article ids when applied (`StoryClusterer.applyEdit` returns the resolved edit, the
 * form to persist). Replaying the resolved edits in order yields:
 * - must-link components: articles that must share one story (a merge, or the two sides of a split),
 *   each possibly pinning the story id it must carry;
 * - cannot-link pairs of components (the two sides of a split);
 * - pinned labels by story id (a rename).
 */

/** Merge two stories into one; the older story (opened first) keeps its id. */
export interface MergeEdit {
  op: "merge";
  stories: [string, string];
  /** Articles of both stories when the edit was made (filled in by `applyEdit`). */
  articles?: string[];
  /** Id the merged story carries (filled in by `applyEdit`). */
  id?: string;
}

/** Move some articles of a story into a new story, never to be merged back. */
export interface SplitEdit {
  op: "split";
  story: string;
  /** The articles that leave `story`. */
  articles: string[];
  /** The articles that stay (filled in by `applyEdit`). */
  rest?: string[];
  /** Id of the new story (filled in by `applyEdit`). */
  id?: string;
}

/** Pin a story's label. */
export interface RenameEdit {
  op: "rename";
  story: string;
  label: string;
}

/** A hand edit of the story clustering, persisted as data and replayed. */
export type StoryEdit = MergeEdit | SplitEdit | RenameEdit;

/** Article-level constraints derived from a sequence of resolved edits. */
export class Constraints {
  /** Component number of each constrained article. */
  private readonly componentOf = new Map<string, number>();
  /** Members of each live component. */
  private readonly members = new Map<number, Set<string>>();
  /** Story id pinned by each component, if any. */
  private readonly pinnedId = new Map<number, string>();
  /** Cannot-link pairs, as "a:b" with a < b. */
  private readonly apart = new Set<string>();
  /** Labels pinned by story id. */
  readonly labels = new Map<string, string>();
  private next = 0;

  /** True when no edit constrains anything. */
  get empty(): boolean {
    return this.componentOf.size === 0 && this.labels.size === 0;
  }

  /** Component of an article, or undefined when the article is unconstrained. */
  component(article: string): number | undefined {
    return this.componentOf.get(article);
  }

  /** Story id the component must carry, if pinned. */
  idOf(component: number): string | undefined {
    return this.pinnedId.get(component);
  }

  /** Whether two components may share a story. */
  compatible(a: number, b: number): boolean {
    return a === b || !this.apart.has(a < b ? `${a}:${b}` : `${b}:${a}`);
  }

  /** Records one resolved edit. Unresolved merges/splits (no article lists) are ignored. */
  add(edit: StoryEdit): void {
    if (edit.op === "rename") {
      this.labels.set(edit.story, edit.label);
    } else if (edit.op === "merge") {
      if (!edit.articles || edit.articles.length === 0) return;
      const c = this.gather(edit.articles);
      if (edit.id) this.pinnedId.set(c, edit.id);
    } else {
      if (!edit.rest) return;
      const taken = this.fresh(edit.articles);
      if (edit.id) this.pinnedId.set(taken, edit.id);
      if (edit.rest.length > 0) {
        const rest = this.fresh(edit.rest);
        this.pinnedId.set(rest, edit.story);
        this.apart.add(taken < rest ? `${taken}:${rest}` : `${rest}:${taken}`);
      }
    }
  }

  /** Puts the articles in one component, joining the components they were in (and their links). */
  private gather(articles: string[]): number {
    const c = this.next++;
    const set = new Set<string>();
    this.members.set(c, set);
    const old = new Set<number>();
    for (const a of articles) {
      const prev = this.componentOf.get(a);
      if (prev !== undefined) old.add(prev);
    }
    for (const o of old) {
      for (const a of this.members.get(o)!) {
        set.add(a);
        this.componentOf.set(a, c);
      }
      this.members.delete(o);
    }
    for (const a of articles) {
      set.add(a);
      this.componentOf.set(a, c);
    }
    // Links of the joined components carry over, except between themselves (the merge overrides them).
    for (const key of [...this.apart]) {
      const [x, y] = key.split(":").map(Number) as [number, number];
      const hasX = old.has(x);
      const hasY = old.has(y);
      if (hasX || hasY) {
        this.apart.delete(key);
        if (!(hasX && hasY)) {
          const other = hasX ? y : x;
          this.apart.add(c < other ? `${c}:${other}` : `${other}:${c}`);
        }
      }
    }
    return c;
  }

  /** Moves the articles into a new component of their own (a split takes them out of any merge). */
  private fresh(articles: string[]): number {
    const c = this.next++;
    const set = new Set<string>(articles);
    this.members.set(c, set);
    for (const a of articles) {
      const prev = this.componentOf.get(a);
      if (prev !== undefined) {
        const m = this.members.get(prev)!;
        m.delete(a);
        if (m.size === 0) this.members.delete(prev);
      }
      this.componentOf.set(a, c);
    }
    return c;
  }
}
