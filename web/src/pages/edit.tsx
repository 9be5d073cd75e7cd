/**
 * Story edits (rename, merge, split), shown only when the server accepts edits. The token is kept in
 * this tab's sessionStorage and sent as a bearer token; the server checks it.
 */
import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { type ArticleBrief, getToken, postEdit, type StoryView, setToken } from "../api.js";
import { href, navigate } from "../router.js";

export function EditPanel(props: { story: StoryView; articles: ArticleBrief[]; onEdited: () => void }) {
  const { story } = props;
  const [token, setTok] = useState(getToken());
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());

  const run = async (path: string, body: unknown, after?: (stories: StoryView[]) => void) => {
    setMessage(null);
    try {
      const r = await postEdit(path, body);
      setMessage({ ok: true, text: "Saved." });
      after?.(r.stories);
      props.onEdited();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };
  const field = (e: TargetedSubmitEvent<HTMLFormElement>, name: string) =>
    String(new FormData(e.currentTarget).get(name) ?? "").trim();

  return (
    <section id="edit" class="edit" aria-labelledby="h-edit">
      <h2 id="h-edit">Edit this story</h2>
      <label>
        Edit token
        <input
          type="password"
          autocomplete="off"
          value={token}
          onInput={(e) => {
            setTok(e.currentTarget.value);
            setToken(e.currentTarget.value);
          }}
        />
      </label>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const label = field(e, "label");
          if (label) run(`stories/${encodeURIComponent(story.id)}/rename`, { label });
        }}
      >
        <label>
          New name
          <input name="label" defaultValue={story.label} required maxLength={500} />
        </label>
        <button type="submit">Rename</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const other = field(e, "other");
          if (other) run("stories/merge", { a: story.id, b: other });
        }}
      >
        <label>
          Merge another story into this one (its id)
          <input name="other" required maxLength={512} />
        </label>
        <button type="submit">Merge</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (picked.size === 0) return;
          run(`stories/${encodeURIComponent(story.id)}/split`, { articles: [...picked] }, (stories) => {
            const created = stories.find((s) => s.id !== story.id);
            setPicked(new Set());
            if (created) navigate(href(["stories", created.id]));
          });
        }}
      >
        <fieldset>
          <legend>Split: move the checked articles to a new story</legend>
          {props.articles.map((a) => (
            <label key={a.id} class="check">
              <input
                type="checkbox"
                checked={picked.has(a.id)}
                onChange={(e) => {
                  const next = new Set(picked);
                  if (e.currentTarget.checked) next.add(a.id);
                  else next.delete(a.id);
                  setPicked(next);
                }}
              />
              {a.outlet ?? a.domain ?? "unknown"} — {a.title ?? a.id}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={picked.size === 0 || picked.size >= props.articles.length}>
          Split
        </button>
      </form>
      {message ? (
        <p class={message.ok ? "ok" : "error"} role="status">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
