/**
 * Storyline's web UI: a Preact app over the JSON API. Every page has its own URL; every control is a
 * native link, button or form field, so the keyboard works everywhere ("/" jumps to search).
 * Article text is untrusted: it only ever reaches the DOM as text nodes (JSX escapes it).
 */
import { render } from "preact";
import { useEffect } from "preact/hooks";
import { ArticlePage } from "./pages/article.js";
import { EntitiesPage, EntityPage } from "./pages/entity.js";
import { ArticlesPage, DiffPage, SearchPage } from "./pages/search.js";
import { StoriesPage } from "./pages/stories.js";
import { StoryPage } from "./pages/story.js";
import { StorylinePage, StorylinesPage } from "./pages/storyline.js";
import { Title } from "./components/common.js";
import { href, Link, type Location, match, navigate, useLocation } from "./router.js";
import "./style.css";

function Page(props: { loc: Location }) {
  const { loc } = props;
  let m: Record<string, string> | null;
  if (loc.path === "/" || loc.path === "/stories") return <StoriesPage loc={loc} />;
  if ((m = match("/stories/:id", loc.path))) return <StoryPage key={m.id} id={m.id} />;
  if (loc.path === "/storylines") return <StorylinesPage loc={loc} />;
  if ((m = match("/storylines/:id", loc.path))) return <StorylinePage key={m.id} id={m.id} />;
  if (loc.path === "/articles") return <ArticlesPage loc={loc} />;
  if ((m = match("/articles/:id", loc.path))) return <ArticlePage key={m.id} id={m.id} loc={loc} />;
  if (loc.path === "/entities") return <EntitiesPage loc={loc} />;
  if ((m = match("/entities/:id", loc.path))) return <EntityPage key={m.id} id={m.id} />;
  if (loc.path === "/search") return <SearchPage loc={loc} />;
  if (loc.path === "/diff") return <DiffPage loc={loc} />;
  return (
    <>
      <Title text="Not found">Page not found</Title>
      <p>
        Nothing lives at this address. Go to the <Link href="/">story list</Link>.
      </p>
    </>
  );
}

const NAV = [
  ["/", "Stories"],
  ["/storylines", "Storylines"],
  ["/entities", "Entities"],
  ["/articles", "Articles"],
] as const;

function App() {
  const loc = useLocation();
  useEffect(() => {
    // "/" focuses the search box, unless the user is typing somewhere.
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      e.preventDefault();
      document.getElementById("global-search")?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const section = (p: string) =>
    p === "/" ? loc.path === "/" || loc.path.startsWith("/stories") : loc.path.startsWith(p);
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/" class="brand">
          Storyline
        </Link>
        <nav aria-label="Main">
          {NAV.map(([p, label]) => (
            <Link key={p} href={p} aria-current={section(p) ? "page" : undefined}>
              {label}
            </Link>
          ))}
        </nav>
        <search class="global-search">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const q = String(new FormData(e.currentTarget).get("q") ?? "").trim();
              if (q) navigate(href(["search"], { q }));
            }}
          >
            <label for="global-search" class="visually-hidden">
              Search articles
            </label>
            <input id="global-search" name="q" type="search" placeholder="Search articles ( / )" />
          </form>
        </search>
      </header>
      <main id="main">
        <Page loc={loc} />
      </main>
    </>
  );
}

render(<App />, document.getElementById("app")!);
