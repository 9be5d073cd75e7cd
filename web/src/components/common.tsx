/**
 * Small shared pieces: loading and error states, pager, table headings, dates, outlets, safe external
 * links, search snippets.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { Loaded, Page } from "../api.js";
import { href, Link } from "../router.js";

/** The page heading; focused on navigation so keyboard and screen-reader users start at the content. */
export function Title(props: { children: ComponentChildren; text: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.text} · Storyline`;
    ref.current?.focus({ preventScroll: true });
  }, [props.text]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {props.children}
    </h1>
  );
}

export function Status<T>(props: { loaded: Loaded<T>; what: string }) {
  const { loading, error } = props.loaded;
  if (error)
    return (
      <p class="error" role="alert">
        Could not load {props.what}: {error.message}
      </p>
    );
  if (loading)
    return (
      <p class="muted" aria-live="polite">
        Loading {props.what}…
      </p>
    );
  return null;
}

export function Pager(props: { page: Page<unknown>; to: (offset: number) => string; label: string }) {
  const { total, limit, offset, items } = props.page;
  const hasNext = total === null ? items.length === limit : offset + limit < total;
  if (offset === 0 && !hasNext) return null;
  const last = offset + items.length;
  return (
    <nav class="pager" aria-label={`${props.label} pages`}>
      {offset > 0 ? <Link href={props.to(Math.max(0, offset - limit))}>← Previous</Link> : <span />}
      <span class="muted">
        {offset + 1}–{last}
        {total !== null ? ` of ${total}` : ""}
      </span>
      {hasNext ? <Link href={props.to(offset + limit)}>Next →</Link> : <span />}
    </nav>
  );
}

/** A table's column headings, in order (keyed by position: labels may repeat, as in a diff). */
export function TableHead(props: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((c, i) => (
          <th key={i} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** An article's outlet name, else its domain, else a muted "unknown". */
export function OutletName(props: { outlet: string | null; domain: string | null }) {
  return <>{props.outlet ?? props.domain ?? <span class="muted">unknown</span>}</>;
}

/** A date as stored (YYYY-MM-DD…), or "undated": never a made-up date. */
export function DateText(props: { value: string | null | undefined }) {
  if (!props.value) return <span class="muted">undated</span>;
  const day = props.value.slice(0, 10);
  return <time dateTime={day}>{day}</time>;
}

/** Only http(s) URLs become links: article URLs are untrusted (javascript:, data: ...). */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

export function ExternalLink(props: { url: string | null | undefined }) {
  const safe = safeHttpUrl(props.url);
  if (!safe) return props.url ? <span class="muted url">{props.url}</span> : null;
  return (
    <a class="url" href={safe} rel="noopener noreferrer" target="_blank">
      {safe}
    </a>
  );
}

/** A search snippet with the matched terms (between « and ») as <mark>: split, never parsed as HTML. */
export function Snippet(props: { text: string }) {
  const parts = props.text.split(/«|»/);
  return <span class="snippet">{parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : p))}</span>;
}

export function ArticleLink(props: { id: string; title?: string | null }) {
  return <Link href={href(["articles", props.id])}>{props.title?.trim() || props.id}</Link>;
}

export function StoryLink(props: { id: string; label?: string | null }) {
  return <Link href={href(["stories", props.id])}>{props.label?.trim() || props.id}</Link>;
}

export function EntityLink(props: { id: string; name: string }) {
  return <Link href={href(["entities", props.id])}>{props.name}</Link>;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
