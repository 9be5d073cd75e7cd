/** Side-by-side diff of two articles: paragraphs aligned, word changes marked inside changed ones. */
import type { DiffView } from "../api.js";
import { TableHead } from "./common.js";

type Para = DiffView["paragraphs"][number];

function Words(props: { words: NonNullable<Para["words"]>; side: "a" | "b" }) {
  return (
    <>
      {props.words.map((w, i) => {
        if (w.added) return props.side === "b" ? <ins key={i}>{w.value}</ins> : null;
        if (w.removed) return props.side === "a" ? <del key={i}>{w.value}</del> : null;
        return w.value;
      })}
    </>
  );
}

const KIND_LABEL: Record<Para["kind"], string> = {
  same: "same",
  changed: "changed",
  added: "added in the copy",
  removed: "dropped by the copy",
};

export function SideBySideDiff(props: { diff: DiffView; left: string; right: string }) {
  const { diff } = props;
  const counts = { same: 0, changed: 0, added: 0, removed: 0 };
  for (const p of diff.paragraphs) counts[p.kind]++;
  return (
    <div class="diff">
      <p class="muted">
        The copy carries {Math.round(diff.share * 100)}% of the origin's text: {counts.same} paragraphs the
        same, {counts.changed} changed, {counts.removed} dropped, {counts.added} added.
      </p>
      <table class="diff-table">
        <caption class="visually-hidden">
          Paragraph differences between {props.left} and {props.right}
        </caption>
        <TableHead columns={[props.left, props.right]} />
        <tbody>
          {diff.paragraphs.map((p, i) => (
            <tr key={i} class={`diff-${p.kind}`} title={KIND_LABEL[p.kind]}>
              <td>
                {p.a === null ? (
                  <span class="muted">—</span>
                ) : p.kind === "changed" && p.words ? (
                  <Words words={p.words} side="a" />
                ) : p.kind === "removed" ? (
                  <del>{p.a}</del>
                ) : (
                  p.a
                )}
              </td>
              <td>
                {p.b === null ? (
                  <span class="muted">—</span>
                ) : p.kind === "changed" && p.words ? (
                  <Words words={p.words} side="b" />
                ) : p.kind === "added" ? (
                  <ins>{p.b}</ins>
                ) : (
                  p.b
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
