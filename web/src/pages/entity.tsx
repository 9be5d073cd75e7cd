/** Entity pages: the list (most mentioned first) and one entity with its aliases, stories and quotes. */
import type { TargetedSubmitEvent } from "preact";
import { apiUrl, type EntityDetail, type EntityView, type Page, useApi } from "../api.js";
import {
  ArticleLink,
  DateText,
  EntityLink,
  Pager,
  plural,
  Status,
  StoryLink,
  TableHead,
  Title,
} from "../components/common.js";
import { href, type Location, navigate } from "../router.js";

/** Entities per page. */
const PAGE = 50;

export function EntitiesPage(props: { loc: Location }) {
  const q = props.loc.query.get("q") ?? "";
  const type = props.loc.query.get("type") ?? "";
  const offset = Number(props.loc.query.get("offset") ?? 0) || 0;
  const loaded = useApi<Page<EntityView>>(apiUrl("entities", { q, type, limit: PAGE, offset }));
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    navigate(href(["entities"], { q: String(f.get("q") ?? "").trim(), type: String(f.get("type") ?? "") }));
  };
  return (
    <>
      <Title text="Entities">Entities</Title>
      <search aria-label="Filter entities">
        <form class="filters" onSubmit={onSubmit}>
          <label class="grow">
            Name
            <input name="q" type="search" defaultValue={q} />
          </label>
          <label>
            Type
            <select name="type" defaultValue={type}>
              <option value="">any</option>
              <option value="person">person</option>
              <option value="organization">organization</option>
              <option value="place">place</option>
              <option value="facility">facility</option>
              <option value="other">other</option>
            </select>
          </label>
          <div class="buttons">
            <button type="submit">Apply</button>
          </div>
        </form>
      </search>
      <Status loaded={loaded} what="entities" />
      {loaded.data ? (
        <>
          <table>
            <TableHead columns={["Entity", "Type", "Mentions", "Articles", "Also called"]} />
            <tbody>
              {loaded.data.items.map((e) => (
                <tr key={e.key}>
                  <th scope="row">
                    <EntityLink id={e.key} name={e.name} />
                  </th>
                  <td>{e.type}</td>
                  <td>{e.mentions}</td>
                  <td>{e.articles.length}</td>
                  <td class="muted">{e.aliases.filter((a) => a !== e.name).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            page={loaded.data}
            label="Entities"
            to={(o) => href(["entities"], { q, type, offset: o || undefined })}
          />
        </>
      ) : null}
    </>
  );
}

export function EntityPage(props: { id: string }) {
  const loaded = useApi<EntityDetail>(apiUrl(`entities/${encodeURIComponent(props.id)}`));
  const d = loaded.data;
  if (!d)
    return (
      <>
        <Title text="Entity">Entity</Title>
        <Status loaded={loaded} what="the entity" />
      </>
    );
  const { entity, stories, quotes } = d;
  return (
    <article>
      <Title text={entity.name}>{entity.name}</Title>
      <p class="meta">
        {entity.type} · {plural(entity.mentions, "mention")} in {plural(entity.articles.length, "article")}
      </p>
      <section aria-labelledby="h-aliases">
        <h2 id="h-aliases">Aliases</h2>
        {entity.aliases.length ? (
          <ul class="inline">
            {entity.aliases.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        ) : (
          <p class="muted">None.</p>
        )}
      </section>
      <section aria-labelledby="h-stories">
        <h2 id="h-stories">Stories</h2>
        {stories.length ? (
          <ul>
            {stories.map((s) => (
              <li key={s.id}>
                <StoryLink id={s.id} label={s.label} />{" "}
                <span class="muted">
                  · <DateText value={s.firstDate} /> · {plural(s.articles.length, "article")}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">In no story yet.</p>
        )}
      </section>
      <section aria-labelledby="h-quotes">
        <h2 id="h-quotes">Quotes</h2>
        {quotes.length ? (
          <ul>
            {quotes.map((q, i) => (
              <li key={i}>
                <blockquote class={q.direct ? "direct" : "indirect"}>
                  {q.direct ? `“${q.text}”` : q.text}
                </blockquote>
                <p class="chain">
                  {q.speaker?.text ?? "unattributed"}
                  {q.via.map((v) => ` → ${v}`).join("")}
                  {" → "}
                  <ArticleLink id={q.article} title={q.outlets.join(", ") || q.article} />
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No quotes.</p>
        )}
      </section>
      <section aria-labelledby="h-articles">
        <h2 id="h-articles">Articles</h2>
        <ul class="inline">
          {entity.articles.slice(0, 100).map((id) => (
            <li key={id}>
              <ArticleLink id={id} />
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
