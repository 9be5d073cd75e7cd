/** Full-text search, the article list, and the standalone diff page. */
import type { TargetedSubmitEvent } from "preact";
import { type ArticleSummary, apiUrl, type DiffView, type Page, type SearchHit, useApi } from "../api.js";
import {
  ArticleLink,
  DateText,
  OutletName,
  Pager,
  Snippet,
  Status,
  TableHead,
  Title,
} from "../components/common.js";
import { SideBySideDiff } from "../components/diff.js";
import { href, type Location, navigate } from "../router.js";

/** Hits and articles per page. */
const PAGE = 25;

export function SearchPage(props: { loc: Location }) {
  const q = props.loc.query.get("q") ?? "";
  const offset = Number(props.loc.query.get("offset") ?? 0) || 0;
  const loaded = useApi<Page<SearchHit>>(q.trim() ? apiUrl("search", { q, limit: PAGE, offset }) : null);
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    navigate(href(["search"], { q: String(new FormData(e.currentTarget).get("q") ?? "").trim() }));
  };
  return (
    <>
      <Title text={q ? `Search: ${q}` : "Search"}>Search</Title>
      <search aria-label="Search articles">
        <form class="filters" onSubmit={onSubmit}>
          <label class="grow">
            Words, "a phrase", OR
            <input name="q" type="search" defaultValue={q} key={q} />
          </label>
          <div class="buttons">
            <button type="submit">Search</button>
          </div>
        </form>
      </search>
      {q.trim() ? <Status loaded={loaded} what="results" /> : null}
      {loaded.data && q.trim() ? (
        <>
          {loaded.data.items.length === 0 ? <p>No article matches “{q}”.</p> : null}
          <ol class="cards hits" start={offset + 1}>
            {loaded.data.items.map((h) => (
              <li key={h.id} class="card">
                <h2>
                  <ArticleLink id={h.id} title={h.title} />
                </h2>
                <p class="meta">
                  {h.outlet ?? "unknown outlet"} · <DateText value={h.published} />
                </p>
                <p>
                  <Snippet text={h.snippet} />
                </p>
              </li>
            ))}
          </ol>
          <Pager
            page={loaded.data}
            label="Results"
            to={(o) => href(["search"], { q, offset: o || undefined })}
          />
        </>
      ) : null}
    </>
  );
}

export function ArticlesPage(props: { loc: Location }) {
  const offset = Number(props.loc.query.get("offset") ?? 0) || 0;
  const outlet = props.loc.query.get("outlet") ?? "";
  const loaded = useApi<Page<ArticleSummary>>(apiUrl("articles", { outlet, limit: PAGE, offset }));
  return (
    <>
      <Title text="Articles">Articles</Title>
      <Status loaded={loaded} what="articles" />
      {loaded.data ? (
        <>
          <table>
            <TableHead columns={["Published", "Outlet", "Title"]} />
            <tbody>
              {loaded.data.items.map((a) => (
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
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            page={loaded.data}
            label="Articles"
            to={(o) => href(["articles"], { outlet, offset: o || undefined })}
          />
        </>
      ) : null}
    </>
  );
}

export function DiffPage(props: { loc: Location }) {
  const a = props.loc.query.get("a") ?? "";
  const b = props.loc.query.get("b") ?? "";
  const loaded = useApi<DiffView>(a && b ? apiUrl("diff", { a, b }) : null);
  if (!a || !b)
    return (
      <>
        <Title text="Compare">Compare two articles</Title>
        <p>Give two article ids in the address: /diff?a=ORIGIN&amp;b=COPY.</p>
      </>
    );
  return (
    <>
      <Title text="Compare">Compare two articles</Title>
      <p>
        <ArticleLink id={a} /> → <ArticleLink id={b} />
      </p>
      <Status loaded={loaded} what="the diff" />
      {loaded.data ? <SideBySideDiff diff={loaded.data} left={a} right={b} /> : null}
    </>
  );
}
