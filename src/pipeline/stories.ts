/**
 * The stories stage: online assignment of added articles to stories (events), storylines over
 * stories, and hand edits. The clusterer's state is persisted in the store, so adding articles
 * never reclusters the archive and story ids stay stable.
 */
import { type StoryClustererState, StoryClusterer, type StoryEdit } from "../corpus/stories/index.js";
import type { Article } from "../model/article.js";
import { articleText } from "../model/article.js";
import { STATE_KEYS, type StoriesState, type VersionsState } from "../service/state.js";
import type { StoryView } from "../service/types.js";
import type { ArticleSummary, Store } from "../store/types.js";

/** Entity types whose keys feed story features (dates, quantities and misc add noise). */
const STORY_ENTITY_TYPES = new Set(["person", "organization", "place", "facility"]);

/** Publication order by the dates the clusterer sees; undated last. */
const byDate = (dateOf: (a: Article) => string | null) => (a: Article, b: Article) => {
  const da = dateOf(a);
  const db = dateOf(b);
  return (
    (da === null ? 1 : 0) - (db === null ? 1 : 0) ||
    (da ?? "").localeCompare(db ?? "") ||
    a.id.localeCompare(b.id)
  );
};

async function loadClusterer(store: Store): Promise<StoryClusterer> {
  const state = await store.getState<StoryClustererState>(STATE_KEYS.storyClusterer);
  return state ? StoryClusterer.fromJSON(state) : new StoryClusterer();
}

/** Words of a lead sentence kept as a story label when no article has a title. */
const LEAD_LABEL_WORDS = 14;

function clipWords(s: string, n: number): string {
  const words = s.split(/\s+/);
  return words.length <= n ? s : `${words.slice(0, n).join(" ")}…`;
}

/** Builds the stories/storylines read model from the clusterer and article metadata. */
async function writeViews(store: Store, c: StoryClusterer): Promise<StoriesState> {
  const summaries = new Map<string, ArticleSummary>((await store.listArticles()).map((s) => [s.id, s]));
  const storylines = c.storylines();
  const lineOf = new Map<string, string>();
  for (const l of storylines) for (const s of l.stories) lineOf.set(s, l.id);
  const leads = new Map<string, string>();
  for (const s of c.stories()) {
    // A story none of whose articles has a title gets its label from the first article's lead
    // sentence, not from a bag of salient terms.
    if (s.labelPinned || s.articles.some((id) => summaries.get(id)?.title)) continue;
    const a = await store.getArticle(s.articles[0]);
    const lead = a?.paragraphs[0]?.split(/(?<=[.!?])\s/)[0];
    if (lead) leads.set(s.id, clipWords(lead, LEAD_LABEL_WORDS));
  }
  const stories: StoryView[] = c.stories().map((s) => {
    const arts = s.articles
      .map((id) => summaries.get(id))
      .filter((x): x is ArticleSummary => x !== undefined);
    const dated = arts
      .filter((a) => a.published)
      .sort((x, y) => x.published!.localeCompare(y.published!) || x.id.localeCompare(y.id));
    const first = dated[0] ?? null;
    const outlets = [...new Set(arts.map((a) => a.outlet ?? a.domain).filter((o): o is string => !!o))];
    return {
      id: s.id,
      label: leads.get(s.id) ?? s.label,
      articles: s.articles,
      outlets,
      firstDate: s.firstDate,
      lastDate: s.lastDate,
      firstReporter: first
        ? { id: first.id, outlet: first.outlet ?? first.domain, published: first.published }
        : null,
      storyline: lineOf.get(s.id) ?? null,
      terms: s.terms,
      entities: s.entities,
    };
  });
  const state: StoriesState = {
    stories,
    storylines: storylines.map((l) => ({
      id: l.id,
      label: l.label,
      stories: l.stories,
      articles: l.articles,
      terms: l.terms,
      entities: l.entities,
    })),
  };
  await store.setState(STATE_KEYS.stories, state);
  return state;
}

/** Assigns added articles to stories (articles already assigned keep their story). */
export async function updateStories(
  store: Store,
  changed: Article[],
  versions: VersionsState,
): Promise<StoriesState> {
  const c = await loadClusterer(store);
  const groupOf = new Map<string, string>();
  // An undated copy takes its version group's earliest date: a wire copy was published with
  // its origin, and without a date the clusterer has no time evidence for it.
  const groupDate = new Map<string, string>();
  for (const g of versions.groups) {
    for (const m of g.members) {
      groupOf.set(m.id, g.id);
      const d = groupDate.get(g.id);
      if (m.published && (d === undefined || m.published < d)) groupDate.set(g.id, m.published);
    }
  }
  const dateOf = (a: Article): string | null => {
    const g = groupOf.get(a.id);
    return a.published ?? (g === undefined ? null : (groupDate.get(g) ?? null));
  };
  for (const a of [...changed].sort(byDate(dateOf))) {
    if (c.storyOf(a.id) !== undefined) continue;
    const entities = (a.analysis?.entities ?? [])
      .filter((e) => STORY_ENTITY_TYPES.has(e.type))
      .map((e) => e.name);
    c.assign({
      id: a.id,
      title: a.title,
      text: articleText(a),
      published: dateOf(a),
      entities: a.analysis ? entities : undefined,
      versionGroup: groupOf.get(a.id) ?? null,
    });
  }
  await store.setState(STATE_KEYS.storyClusterer, c.toJSON());
  return writeViews(store, c);
}

/** Applies a hand edit (merge, split, rename), persists it, and refreshes the read model. */
export async function applyStoryEdit(store: Store, edit: StoryEdit): Promise<StoryEdit> {
  // Under the corpus lock: a concurrent corpus update (another process or worker) must not
  // overwrite the edit with a clusterer state loaded before it.
  return store.withCorpusLock(async (tx) => {
    const c = await loadClusterer(tx);
    const resolved = c.applyEdit(edit);
    await tx.setState(STATE_KEYS.storyClusterer, c.toJSON());
    await writeViews(tx, c);
    return resolved;
  });
}

/** The persisted, resolved hand edits. */
export async function storyEdits(store: Store): Promise<StoryEdit[]> {
  return (await loadClusterer(store)).editLog();
}
