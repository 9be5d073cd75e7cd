/**
 * The story page: timeline chart, outlets and the first reporter, wire copies with side-by-side diffs,
 * quotes grouped by speaker with their chains, figures with disagreements highlighted, and edits.
 */
import { useState } from "preact/hooks";
import {
  type ArticleBrief,
  apiUrl,
  type DiffView,
  type Figure,
  type Info,
  type Page,
  type QuoteView,
  type StoryDetail,
  type TimelineDateView,
  useApi,
  type VersionGroupView,
} from "../api.js";
import { StoryChart } from "../components/charts.js";
import {
  ArticleLink,
  DateText,
  EntityLink,
  ExternalLink,
  OutletName,
  plural,
  Status,
  TableHead,
  Title,
} from "../components/common.js";
import { SideBySideDiff } from "../components/diff.js";
import { href, Link } from "../router.js";
import { EditPanel } from "./edit.js";

/** Most quotes and figures shown on one story page. */
const MAX_ITEMS = 200;

export function StoryPage(props: { id: string }) {
  const detail = useApi<StoryDetail>(apiUrl(`stories/${encodeURIComponent(props.id)}`));
  const info = useApi<Info>(apiUrl("info"));
  const d = detail.data;
  return (
    <>
      {d ? null : <Title text="Story">Story</Title>}
      <Status loaded={detail} what="the story" />
      {d ? <StoryBody detail={d} readOnly={info.data?.readOnly ?? true} onEdited={detail.reload} /> : null}
    </>
  );
}

function StoryBody(props: { detail: StoryDetail; readOnly: boolean; onEdited: () => void }) {
  const { story, articles, versionGroups, storyline } = props.detail;
  const scope = { story: story.id, limit: MAX_ITEMS };
  const timeline = useApi<Page<TimelineDateView>>(apiUrl("timeline", scope));
  const quotes = useApi<Page<QuoteView>>(apiUrl("quotes", scope));
  const figures = useApi<Page<Figure>>(apiUrl("figures", scope));
  const byId = new Map(articles.map((a) => [a.id, a]));
  return (
    <article class="story">
      <Title text={story.label}>{story.label}</Title>
      <p class="meta">
        <DateText value={story.firstDate} />
        {" – "}
        <DateText value={story.lastDate} /> · {plural(articles.length, "article")} ·{" "}
        {plural(story.outlets.length, "outlet")}
        {storyline ? (
          <>
            {" · storyline: "}
            <Link href={href(["storylines", storyline.id])}>{storyline.label}</Link>
          </>
        ) : null}
      </p>
      <nav class="toc" aria-label="On this page">
        <a href="#timeline">Timeline</a>
        <a href="#outlets">Outlets</a>
        <a href="#copies">Wire copies ({versionGroups.length})</a>
        <a href="#quotes">Quotes</a>
        <a href="#figures">Figures</a>
        <a href="#articles">Articles</a>
      </nav>

      <section id="timeline" aria-labelledby="h-timeline">
        <h2 id="h-timeline">Timeline</h2>
        <StoryChart
          articles={articles}
          firstReporter={story.firstReporter?.id ?? null}
          timeline={timeline.data?.items ?? []}
        />
        <Status loaded={timeline} what="the timeline" />
        {timeline.data?.items.length ? <TimelineList dates={timeline.data.items} byId={byId} /> : null}
      </section>

      <section id="outlets" aria-labelledby="h-outlets">
        <h2 id="h-outlets">Outlets</h2>
        <Outlets articles={articles} firstReporter={story.firstReporter?.id ?? null} />
      </section>

      <section id="copies" aria-labelledby="h-copies">
        <h2 id="h-copies">Wire copies</h2>
        {versionGroups.length === 0 ? (
          <p class="muted">No article in this story is a copy of another.</p>
        ) : (
          versionGroups.map((g) => <VersionGroup key={g.id} group={g} byId={byId} />)
        )}
      </section>

      <section id="quotes" aria-labelledby="h-quotes">
        <h2 id="h-quotes">Quotes</h2>
        <Status loaded={quotes} what="quotes" />
        {quotes.data ? <QuotesBySpeaker quotes={quotes.data.items} byId={byId} /> : null}
        {quotes.data ? <More page={quotes.data} what="quotes" /> : null}
      </section>

      <section id="figures" aria-labelledby="h-figures">
        <h2 id="h-figures">Figures</h2>
        <Status loaded={figures} what="figures" />
        {figures.data ? <Figures figures={figures.data.items} byId={byId} /> : null}
        {figures.data ? <More page={figures.data} what="figures" /> : null}
      </section>

      <section id="articles" aria-labelledby="h-articles">
        <h2 id="h-articles">Articles</h2>
        <ArticleTable articles={articles} />
      </section>

      {props.readOnly ? null : <EditPanel story={story} articles={articles} onEdited={props.onEdited} />}
    </article>
  );
}

/** Says when a section shows only the first page of its items. */
function More(props: { page: Page<unknown>; what: string }) {
  const { total, items } = props.page;
  if (total === null || total <= items.length) return null;
  return (
    <p class="muted">
      Showing the first {items.length} of {total} {props.what}.
    </p>
  );
}

function TimelineList(props: { dates: TimelineDateView[]; byId: Map<string, ArticleBrief> }) {
  return (
    <ol class="timeline">
      {props.dates.map((d) => (
        <li key={d.date}>
          <DateText value={d.date} />
          <ul>
            {d.entries.map((e, i) => (
              <li key={i}>
                {e.text}{" "}
                <span class="muted">
                  ({e.sources !== undefined ? `${plural(e.sources, "independent source")}: ` : ""}
                  {e.articles.slice(0, 6).map((id, j) => (
                    <span key={id}>
                      {j ? ", " : ""}
                      <Link href={href(["articles", id])}>{props.byId.get(id)?.outlet ?? id}</Link>
                    </span>
                  ))}
                  )
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

function Outlets(props: { articles: ArticleBrief[]; firstReporter: string | null }) {
  const rows = new Map<string, { first: ArticleBrief; count: number }>();
  for (const a of props.articles) {
    const o = a.outlet ?? a.domain ?? "unknown outlet";
    const r = rows.get(o);
    if (r) r.count++;
    else rows.set(o, { first: a, count: 1 });
  }
  return (
    <table>
      <TableHead columns={["Outlet", "First article", "Published", "Articles"]} />
      <tbody>
        {[...rows].map(([o, r]) => {
          const isFirst = props.articles.some(
            (a) => a.id === props.firstReporter && (a.outlet ?? a.domain ?? "unknown outlet") === o,
          );
          return (
            <tr key={o} class={isFirst ? "first-reporter" : ""}>
              <th scope="row">
                {o} {isFirst ? <span class="badge">first report</span> : null}
              </th>
              <td>
                <ArticleLink id={r.first.id} title={r.first.title} />
              </td>
              <td>
                <DateText value={r.first.published} />
              </td>
              <td>{r.count}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Longest article title used as a stand-in for a missing outlet name, in characters. */
const TITLE_AS_NAME = 40;

/** What to call an article in a list: its outlet, else its (cut) title, else its id. */
function outletOf(byId: Map<string, ArticleBrief>, id: string): string {
  const a = byId.get(id);
  const title = a?.title?.trim();
  return (
    a?.outlet ??
    a?.domain ??
    (title ? (title.length > TITLE_AS_NAME ? `${title.slice(0, TITLE_AS_NAME - 1)}…` : title) : id)
  );
}

function memberName(m: VersionGroupView["members"][number], byId: Map<string, ArticleBrief>): string {
  const a = byId.get(m.id);
  return `${m.outlet ?? a?.outlet ?? "unknown outlet"} (${m.published?.slice(0, 10) ?? "undated"})`;
}

function VersionGroup(props: { group: VersionGroupView; byId: Map<string, ArticleBrief> }) {
  const { group, byId } = props;
  const copies = group.members.filter((m) => m.id !== group.origin);
  const [copy, setCopy] = useState(copies[0]?.id ?? "");
  const origin = group.members.find((m) => m.id === group.origin) ?? group.members[0];
  const diff = useApi<DiffView>(copy ? apiUrl("diff", { a: group.origin, b: copy }) : null);
  const selected = group.members.find((m) => m.id === copy);
  return (
    <div class="version-group">
      <h3>
        {byId.get(group.origin)?.title ?? group.origin}{" "}
        <span class="muted">· {plural(group.members.length, "copy", "copies")}</span>
      </h3>
      <table class="members">
        <TableHead columns={["Outlet", "Published", "Carries", "Compare"]} />
        <tbody>
          {group.members.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                <ArticleLink id={m.id} title={m.outlet ?? outletOf(byId, m.id)} />
                {m.id === group.origin ? <span class="badge">origin</span> : null}
              </th>
              <td>
                <DateText value={m.published} />
              </td>
              <td>{Math.round(m.share * 100)}%</td>
              <td>
                {m.id === group.origin ? (
                  <span class="muted">—</span>
                ) : (
                  <button
                    type="button"
                    class={m.id === copy ? "" : "secondary"}
                    aria-pressed={m.id === copy}
                    onClick={() => setCopy(m.id)}
                  >
                    {m.id === copy ? "Shown" : "Show diff"}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Status loaded={diff} what="the diff" />
      {diff.data && selected ? (
        <SideBySideDiff
          diff={diff.data}
          left={`Origin: ${memberName(origin, byId)}`}
          right={`Copy: ${memberName(selected, byId)}`}
        />
      ) : null}
    </div>
  );
}

function QuotesBySpeaker(props: { quotes: QuoteView[]; byId: Map<string, ArticleBrief> }) {
  if (props.quotes.length === 0) return <p class="muted">No quotes found.</p>;
  const groups = new Map<string, { name: string; entity: string | null; quotes: QuoteView[] }>();
  for (const q of props.quotes) {
    const key = q.speaker?.entity ?? q.speaker?.text.toLowerCase() ?? "";
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = { name: q.speaker?.text ?? "Unattributed", entity: q.speaker?.entity ?? null, quotes: [] }),
      );
    g.quotes.push(q);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => b.quotes.length - a.quotes.length || a.name.localeCompare(b.name),
  );
  return (
    <div class="quote-groups">
      {sorted.map((g) => (
        <section key={g.name} class="speaker">
          <h3>
            {g.entity ? <EntityLink id={g.entity} name={g.name} /> : g.name}{" "}
            <span class="muted">· {plural(g.quotes.length, "quote")}</span>
          </h3>
          <ul>
            {g.quotes.map((q, i) => (
              <li key={i}>
                <blockquote class={q.direct ? "direct" : "indirect"}>
                  {q.direct ? `“${q.text}”` : q.text}
                </blockquote>
                <p class="chain">
                  <span class="who">{q.speaker?.text ?? "unattributed"}</span>
                  {q.cue ? <span class="muted"> ({q.cue})</span> : null}
                  {q.via.map((v) => (
                    <span key={v}>
                      {" → "}
                      <span class="via">{v}</span>
                    </span>
                  ))}
                  {" → "}
                  {q.articles.map((id, j) => (
                    <span key={id}>
                      {j ? ", " : ""}
                      <Link href={href(["articles", id])}>{outletOf(props.byId, id)}</Link>
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Figures(props: { figures: Figure[]; byId: Map<string, ArticleBrief> }) {
  if (props.figures.length === 0) return <p class="muted">No figures found.</p>;
  const conflicts = new Map<string, Figure[]>();
  for (const f of props.figures)
    if (f.conflict) conflicts.set(f.conflict, [...(conflicts.get(f.conflict) ?? []), f]);
  return (
    <>
      {conflicts.size ? (
        <div class="conflicts" role="note">
          <h3>Sources disagree</h3>
          <ul>
            {[...conflicts].map(([key, fs]) => (
              <li key={key}>
                <strong>{fs[0].counts}</strong>:{" "}
                {fs.map((f, i) => (
                  <span key={i}>
                    {i ? " vs " : ""}
                    <span class="figure-value">{f.text}</span>{" "}
                    <span class="muted">({f.outlets.join(", ") || f.article})</span>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <table class="figures">
        <TableHead columns={["Figure", "Counts", "Source", "Outlets", "Sentence"]} />
        <tbody>
          {props.figures.map((f, i) => (
            <tr key={i} class={f.conflict ? "conflict" : ""}>
              <td class="figure-value">
                {f.text}
                {f.conflict ? <span class="badge warn">disputed</span> : null}
              </td>
              <td>{f.counts ?? <span class="muted">—</span>}</td>
              <td>{f.source ?? <span class="muted">—</span>}</td>
              <td>
                {f.articles.map((id, j) => (
                  <span key={id}>
                    {j ? ", " : ""}
                    <Link href={href(["articles", id])}>{outletOf(props.byId, id)}</Link>
                  </span>
                ))}
              </td>
              <td class="sentence">{f.sentenceText}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ArticleTable(props: { articles: ArticleBrief[] }) {
  return (
    <table class="articles">
      <TableHead columns={["Published", "Outlet", "Title", "Source URL"]} />
      <tbody>
        {props.articles.map((a) => (
          <tr key={a.id}>
            <td>
              <DateText value={a.published} />
            </td>
            <td>
              <OutletName outlet={a.outlet} domain={a.domain} />
            </td>
            <td>
              <ArticleLink id={a.id} title={a.title} />
            </td>
            <td class="url-cell">
              <ExternalLink url={a.url} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
