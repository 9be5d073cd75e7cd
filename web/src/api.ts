/**
 * Typed calls to the JSON API. Shapes come from the server's read models (type-only imports: nothing
 * from the server is bundled).
 */
import { useEffect, useState } from "preact/hooks";
import type { Article } from "../../src/model/article.js";
import type { ArticleSummary, SearchHit, VersionInfo } from "../../src/store/types.js";
import type {
  DiffView,
  EntityView,
  FigureView,
  QuoteView,
  StorylineView,
  StoryView,
  TimelineDateView,
  VersionGroupView,
} from "../../src/service/types.js";

export type {
  Article,
  ArticleSummary,
  DiffView,
  EntityView,
  FigureView,
  QuoteView,
  SearchHit,
  StorylineView,
  StoryView,
  TimelineDateView,
  VersionGroupView,
};

export interface Page<T> {
  items: T[];
  total: number | null;
  limit: number;
  offset: number;
}

export interface ArticleBrief {
  id: string;
  title: string | null;
  outlet: string | null;
  domain: string | null;
  url: string | null;
  published: string | null;
  dateSource: string;
  byline: string | null;
  language: string | null;
}

export interface StoryDetail {
  story: StoryView;
  articles: ArticleBrief[];
  versionGroups: VersionGroupView[];
  storyline: StorylineView | null;
}

export interface ArticleDetail {
  article: Article;
  version: number;
  versions: VersionInfo[];
  versionGroup: VersionGroupView | null;
  stories: { id: string; label: string }[];
}

export interface EntityDetail {
  entity: EntityView;
  stories: StoryView[];
  quotes: QuoteView[];
}

export interface Info {
  readOnly: boolean;
  counts: { articles: number; stories: number; storylines: number };
}

export type Figure = FigureView & { conflict: string | null };

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Builds `/api/<path>?<query>` with empty values dropped. */
export function apiUrl(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const qs = q.toString();
  return `/api/${path}${qs ? `?${qs}` : ""}`;
}

async function readJson<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = body?.error;
    throw new ApiFailure(res.status, err?.code ?? "HTTP", err?.message ?? `request failed (${res.status})`);
  }
  return body as T;
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return readJson<T>(await fetch(url, { signal, headers: { accept: "application/json" } }));
}

const TOKEN_KEY = "storyline.token";

export function getToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? "";
}

export function setToken(token: string): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Sends a story edit with the session's token. */
export async function postEdit(path: string, body: unknown): Promise<{ stories: StoryView[] }> {
  const res = await fetch(`/api/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${getToken()}` },
    body: JSON.stringify(body),
  });
  return readJson(res);
}

export interface Loaded<T> {
  data: T | null;
  error: ApiFailure | Error | null;
  loading: boolean;
  reload: () => void;
}

/** Fetches `url` (null: nothing) and refetches when it changes; stale responses are dropped. */
export function useApi<T>(url: string | null): Loaded<T> {
  const [state, setState] = useState<{
    data: T | null;
    error: Error | null;
    loading: boolean;
    for: string | null;
  }>({
    data: null,
    error: null,
    loading: url !== null,
    for: null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (url === null) return;
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    getJson<T>(url, ctl.signal).then(
      (data) => setState({ data, error: null, loading: false, for: url }),
      (error: Error) => {
        if (error.name !== "AbortError") setState({ data: null, error, loading: false, for: url });
      },
    );
    return () => ctl.abort();
  }, [url, tick]);
  return {
    data: state.data,
    error: state.error,
    loading: state.loading,
    reload: () => setTick((t) => t + 1),
  };
}
