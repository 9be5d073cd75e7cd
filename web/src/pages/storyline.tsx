/** Storylines: the list, and one storyline with its stories over time. */
import { apiUrl, type Page, type StorylineView, type StoryView, useApi } from "../api.js";
import { StorylineChart } from "../components/charts.js";
import { DateText, Pager, plural, Status, StoryLink, Title } from "../components/common.js";
import { href, Link, type Location } from "../router.js";

/** Storylines per page. */
const PAGE = 50;

export function StorylinesPage(props: { loc: Location }) {
  const offset = Number(props.loc.query.get("offset") ?? 0) || 0;
  const loaded = useApi<Page<StorylineView>>(apiUrl("storylines", { limit: PAGE, offset }));
  return (
    <>
      <Title text="Storylines">Storylines</Title>
      <Status loaded={loaded} what="storylines" />
      {loaded.data ? (
        loaded.data.items.length === 0 ? (
          <p class="muted">No storylines yet.</p>
        ) : (
          <>
            <ul class="cards">
              {loaded.data.items.map((l) => (
                <li key={l.id} class="card">
                  <h2>
                    <Link href={href(["storylines", l.id])}>{l.label}</Link>
                  </h2>
                  <p class="meta">
                    {plural(l.stories.length, "story", "stories")} · {plural(l.articles.length, "article")}
                    {l.terms?.length ? ` · ${l.terms.slice(0, 8).join(", ")}` : ""}
                  </p>
                </li>
              ))}
            </ul>
            <Pager
              page={loaded.data}
              label="Storylines"
              to={(o) => href(["storylines"], { offset: o || undefined })}
            />
          </>
        )
      ) : null}
    </>
  );
}

export function StorylinePage(props: { id: string }) {
  const loaded = useApi<{ storyline: StorylineView; stories: StoryView[] }>(
    apiUrl(`storylines/${encodeURIComponent(props.id)}`),
  );
  const d = loaded.data;
  if (!d)
    return (
      <>
        <Title text="Storyline">Storyline</Title>
        <Status loaded={loaded} what="the storyline" />
      </>
    );
  return (
    <article>
      <Title text={d.storyline.label}>{d.storyline.label}</Title>
      <p class="meta">
        {plural(d.stories.length, "story", "stories")} · {plural(d.storyline.articles.length, "article")}
        {d.storyline.terms?.length ? ` · ${d.storyline.terms.slice(0, 10).join(", ")}` : ""}
      </p>
      <h2>Stories over time</h2>
      <StorylineChart stories={d.stories} />
      <ol class="cards">
        {d.stories.map((s) => (
          <li key={s.id} class="card">
            <h3>
              <StoryLink id={s.id} label={s.label} />
            </h3>
            <p class="meta">
              <DateText value={s.firstDate} /> – <DateText value={s.lastDate} /> ·{" "}
              {plural(s.articles.length, "article")} · {s.outlets.slice(0, 6).join(", ")}
            </p>
          </li>
        ))}
      </ol>
    </article>
  );
}
