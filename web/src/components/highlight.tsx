/**
 * Renders an article's paragraphs with its analysis highlighted: entity mentions (linked to the entity
 * page), quotes, figures and dates. Offsets index into `paragraphs.join("\n\n")`. Overlapping spans
 * (a name inside a quote) are cut into segments that carry every span covering them; text is always
 * a text node, never parsed as HTML.
 */
import type { Analysis } from "../../../src/model/article.js";
import { href, Link } from "../router.js";

export type Layer = "entity" | "quote" | "figure" | "date";

interface Mark {
  start: number;
  end: number;
  layer: Layer;
  cls: string;
  label: string;
  entity?: string;
}

function marksOf(a: Analysis | undefined): Mark[] {
  if (!a) return [];
  const out: Mark[] = [];
  for (const m of a.mentions)
    out.push({
      start: m.start,
      end: m.end,
      layer: "entity",
      cls: `hl-entity hl-${m.type}`,
      label: `${m.type}`,
      entity: m.entity,
    });
  for (const q of a.quotes) {
    const who = q.speaker?.text ?? "unattributed";
    const via = q.via.length ? ` via ${q.via.join(" → ")}` : "";
    out.push({
      start: q.start,
      end: q.end,
      layer: "quote",
      cls: "hl-quote",
      label: `quote (${q.direct ? "direct" : "indirect"}) — ${who}${via}`,
    });
    if (q.speaker)
      out.push({
        start: q.speaker.start,
        end: q.speaker.end,
        layer: "quote",
        cls: "hl-speaker",
        label: `speaker: ${who}`,
      });
  }
  for (const f of a.figures)
    out.push({
      start: f.start,
      end: f.end,
      layer: "figure",
      cls: "hl-figure",
      label: `figure: ${f.counts ?? f.unit ?? "number"}${f.source ? ` (per ${f.source})` : ""}`,
    });
  for (const t of a.times)
    out.push({
      start: t.start,
      end: t.end,
      layer: "date",
      cls: "hl-date",
      label: `${t.type.toLowerCase()}: ${t.value}`,
    });
  return out.filter((m) => m.end > m.start);
}

/** Splits [from, to) at every mark boundary; each piece lists the marks covering it. */
function segments(from: number, to: number, marks: Mark[]): { start: number; end: number; marks: Mark[] }[] {
  const inside = marks.filter((m) => m.start < to && m.end > from);
  const cuts = new Set<number>([from, to]);
  for (const m of inside) {
    if (m.start > from) cuts.add(m.start);
    if (m.end < to) cuts.add(m.end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i];
    const e = points[i + 1];
    out.push({ start: s, end: e, marks: inside.filter((m) => m.start <= s && m.end >= e) });
  }
  return out;
}

export function HighlightedText(props: { paragraphs: string[]; analysis?: Analysis; layers: Set<Layer> }) {
  const marks = marksOf(props.analysis).filter((m) => props.layers.has(m.layer));
  const text = props.paragraphs.join("\n\n");
  let offset = 0;
  return (
    <div class="article-text">
      {props.paragraphs.map((p, i) => {
        const from = offset;
        offset += p.length + 2;
        return (
          <p key={i}>
            {segments(from, from + p.length, marks).map((seg) => {
              const piece = text.slice(seg.start, seg.end);
              if (seg.marks.length === 0) return piece;
              const cls = [...new Set(seg.marks.map((m) => m.cls))].join(" ");
              const title = seg.marks.map((m) => m.label).join("; ");
              const entity = seg.marks.find((m) => m.entity)?.entity;
              return entity ? (
                <Link key={seg.start} class={cls} title={title} href={href(["entities", entity])}>
                  {piece}
                </Link>
              ) : (
                <span key={seg.start} class={cls} title={title}>
                  {piece}
                </span>
              );
            })}
          </p>
        );
      })}
    </div>
  );
}
