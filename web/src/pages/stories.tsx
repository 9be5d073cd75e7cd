/** The story list: search and filters, all in the URL so any view can be linked. */
import type { TargetedSubmitEvent } from "preact";
import { type Page, type StoryView, apiUrl, useApi } from "../api.js";
import { DateText, Pager, plural, Status, StoryLink, Title } from "../components/common.js";
import { href, type Location, navigate } from "../router.js";

const FILTERS = ["q", "from", "to", "outlet", "entity"] as const;
/** Stories per page. */
const PAGE = 25;

export function StoriesPage(props: { loc: Location }) {
  const q = props.loc.query;
  const values = Object.fromEntries(FILTERS.map((k) => [k, q.get(k) ?? ""])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const offset = Number(q.get("offset") ?? 0) || 0;
  const loaded = useApi<Page<StoryView>>(apiUrl("stories", { ...values, limit: PAGE, offset }));
  const page = loaded.data;
  const filtered = FILTERS.some((k) => values[k]);

  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next: Record<string, string> = {};
    for (const k of FILTERS) next[k] = String(form.get(k) ?? "").trim();
    navigate(href([], next));
  };

  return (
    <>
      <Title text="Stories">Stories</Title>
      <search aria-label="Filter stories">
        <form class="filters" onSubmit={onSubmit}>
          <label class="grow">
            Search
            <input
              name="q"
              type="search"
              defaultValue={values.q}
              placeholder="words, &quot;a phrase&quot;, OR"
            />
          </label>
          <label>
            From
            <input name="from" type="date" defaultValue={values.from} />
          </label>
          <label>
            To
            <input name="to" type="date" defaultValue={values.to} />
          </label>
          <label>
            Outlet
            <input name="outlet" defaultValue={values.outlet} placeholder="e.g. Reuters" />
          </label>
          <label>
            Entity
            <input name="entity" defaultValue={values.entity} placeholder="e.g. Assad" />
          </label>
          <div class="buttons">
            <button type="submit">Apply</button>
            {filtered ? (
              <button type="button" class="secondary" onClick={() => navigate("/")}>
                Clear
              </button>
            ) : null}
          </div>
        </form>
      </search>
      <Status loaded={loaded} what="stories" />
      {page ? (
        <>
          <p class="muted" aria-live="polite">
            {page.total === null ? "" : plural(page.total, "story", "stories")}
            {filtered ? " matching the filters" : ""}
          </p>
          {page.items.length === 0 ? (
            <p>
              {filtered
                ? "No story matches these filters."
                : "No stories yet. Ingest articles with `storyline ingest`."}
            </p>
          ) : (
            <ol class="cards story-list" start={offset + 1}>
              {page.items.map((s) => (
                <li key={s.id} class="card">
                  <h2>
                    <StoryLink id={s.id} label={s.label} />
                  </h2>
                  <p class="meta">
                    <DateText value={s.firstDate} />
                    {s.lastDate && s.lastDate.slice(0, 10) !== s.firstDate?.slice(0, 10) ? (
                      <>
                        {" – "}
                        <DateText value={s.lastDate} />
                      </>
                    ) : null}
                    {" · "}
                    {plural(s.articles.length, "article")} · {plural(s.outlets.length, "outlet")}
                    {s.firstReporter?.outlet ? (
                      <>
                        {" · first: "}
                        <strong>{s.firstReporter.outlet}</strong>
                      </>
                    ) : null}
                  </p>
                  <p class="outlets">{s.outlets.slice(0, 8).join(", ")}</p>
                </li>
              ))}
            </ol>
          )}
          <Pager page={page} label="Stories" to={(o) => href([], { ...values, offset: o || undefined })} />
        </>
      ) : null}
    </>
  );
}
