/**
 * The article page: metadata, the text with entities, quotes, figures and dates highlighted, side lists
 * of each, the versions and wire copies, and the removed page chrome collapsed.
 */
import { useState } from "preact/hooks";
import { type ArticleDetail, apiUrl, useApi } from "../api.js";
import {
  ArticleLink,
  DateText,
  EntityLink,
  ExternalLink,
  OutletName,
  plural,
  Status,
  StoryLink,
  Title,
} from "../components/common.js";
import { HighlightedText, type Layer } from "../components/highlight.js";
import { href, Link, type Location } from "../router.js";

const LAYERS: { id: Layer; label: string }[] = [
  { id: "entity", label: "Entities" },
  { id: "quote", label: "Quotes" },
  { id: "figure", label: "Figures" },
  { id: "date", label: "Dates" },
];

export function ArticlePage(props: { id: string; loc: Location }) {
  const version = props.loc.query.get("version");
  const loaded = useApi<ArticleDetail>(apiUrl(`articles/${encodeURIComponent(props.id)}`, { version }));
  const d = loaded.data;
  return (
    <>
      {d ? null : <Title text="Article">Article</Title>}
      <Status loaded={loaded} what="the article" />
      {d ? <ArticleBody detail={d} /> : null}
    </>
  );
}

function ArticleBody(props: { detail: ArticleDetail }) {
  const { article: a, versions, version, versionGroup, stories } = props.detail;
  const [layers, setLayers] = useState<Set<Layer>>(new Set(LAYERS.map((l) => l.id)));
  const an = a.analysis;
  const text = a.paragraphs.join("\n\n");
  const toggle = (l: Layer, on: boolean) => {
    const next = new Set(layers);
    if (on) next.add(l);
    else next.delete(l);
    setLayers(next);
  };
  return (
    <article class="article-page">
      <Title text={a.title ?? a.id}>{a.title ?? <span class="muted">(untitled: {a.id})</span>}</Title>
      <dl class="meta-grid">
        <dt>Outlet</dt>
        <dd>
          <OutletName outlet={a.outlet.name} domain={a.outlet.domain} />
          {a.outlet.domain && a.outlet.name ? <span class="muted"> ({a.outlet.domain})</span> : null}
        </dd>
        <dt>Published</dt>
        <dd>
          <DateText value={a.published} />{" "}
          <span class="muted">
            (from {a.dateSource}
            {a.datePrecision ? `, ${a.datePrecision} precision` : ""})
          </span>
        </dd>
        {a.byline ? (
          <>
            <dt>Byline</dt>
            <dd>{a.byline}</dd>
          </>
        ) : null}
        <dt>Source</dt>
        <dd>
          {a.url ? (
            <ExternalLink url={a.url} />
          ) : (
            <span class="muted">
              {a.provenance.kind}: {a.provenance.location}
            </span>
          )}
        </dd>
        <dt>Version</dt>
        <dd>
          {version} of {versions.length}
          {versions.length > 1
            ? versions.map((v) => (
                <span key={v.version}>
                  {" · "}
                  {v.version === version ? (
                    <strong>v{v.version}</strong>
                  ) : (
                    <Link href={href(["articles", a.id], { version: v.version })}>v{v.version}</Link>
                  )}{" "}
                  <span class="muted">({v.ingestedAt.slice(0, 10)})</span>
                </span>
              ))
            : null}
        </dd>
        {stories.length ? (
          <>
            <dt>Stories</dt>
            <dd>
              {stories.map((s, i) => (
                <span key={s.id}>
                  {i ? ", " : ""}
                  <StoryLink id={s.id} label={s.label} />
                </span>
              ))}
            </dd>
          </>
        ) : null}
        {versionGroup ? (
          <>
            <dt>Wire copies</dt>
            <dd>
              {versionGroup.members
                .filter((m) => m.id !== a.id)
                .map((m, i) => (
                  <span key={m.id}>
                    {i ? ", " : ""}
                    <ArticleLink id={m.id} title={m.outlet ?? m.id} />
                    {m.id === versionGroup.origin ? " (origin)" : ""}
                  </span>
                ))}
              {" · "}
              <Link
                href={href(["diff"], {
                  a: versionGroup.origin,
                  b:
                    versionGroup.origin === a.id ? versionGroup.members.find((m) => m.id !== a.id)?.id : a.id,
                })}
              >
                compare
              </Link>
            </dd>
          </>
        ) : null}
      </dl>

      <div class="article-layout">
        <div>
          {an ? (
            <fieldset class="legend">
              <legend>Highlight</legend>
              {LAYERS.map((l) => (
                <label key={l.id} class={`check legend-${l.id}`}>
                  <input
                    type="checkbox"
                    checked={layers.has(l.id)}
                    onChange={(e) => toggle(l.id, e.currentTarget.checked)}
                  />{" "}
                  {l.label}
                </label>
              ))}
            </fieldset>
          ) : (
            <p class="muted">This article has no analysis yet.</p>
          )}
          <HighlightedText paragraphs={a.paragraphs} analysis={an} layers={layers} />
          <details class="chrome">
            <summary>Removed page chrome ({plural(a.chrome.length, "line")})</summary>
            {a.chrome.length ? (
              <ul>
                {a.chrome.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
              </ul>
            ) : (
              <p class="muted">Nothing was removed.</p>
            )}
          </details>
        </div>
        {an ? (
          <aside class="side" aria-label="Analysis">
            <h2>Entities</h2>
            {an.entities.length ? (
              <ul>
                {an.entities.map((e) => (
                  <li key={e.key}>
                    <EntityLink id={e.key} name={e.name} /> <span class="muted">{e.type}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">None.</p>
            )}
            <h2>Quotes</h2>
            {an.quotes.length ? (
              <ul>
                {an.quotes.map((q, i) => (
                  <li key={i}>
                    <strong>{q.speaker?.text ?? "unattributed"}</strong>
                    {q.via.length ? <span class="muted"> via {q.via.join(" → ")}</span> : null}:{" "}
                    {q.direct ? `“${q.text}”` : q.text}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">None.</p>
            )}
            <h2>Figures</h2>
            {an.figures.length ? (
              <ul>
                {an.figures.map((f, i) => (
                  <li key={i}>
                    <strong>{f.text}</strong> {f.counts ?? ""}
                    {f.source ? <span class="muted"> (per {f.source})</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">None.</p>
            )}
            <h2>Dates</h2>
            {an.times.length ? (
              <ul>
                {an.times.map((t, i) => (
                  <li key={i}>
                    {text.slice(t.start, t.end)} <span class="muted">→ {t.value}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">None.</p>
            )}
          </aside>
        ) : null}
      </div>
    </article>
  );
}
