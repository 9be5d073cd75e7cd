/**
 * Hand-drawn SVG charts (no chart library): a story's articles per outlet over time, with the timeline's
 * dates marked; and a storyline's stories as bars over time. Marks are links, reachable by keyboard.
 */
import type { ArticleBrief, StoryView, TimelineDateView } from "../api.js";
import { href, Link } from "../router.js";

const DAY = 86_400_000;
/** Chart geometry in SVG user units (the SVG scales to the page width). */
const WIDTH = 900;
const LABEL_W = 190;
const RIGHT_PAD = 20;
const ROW_H = 24;
const AXIS_H = 34;
/** Most outlet rows in a story chart; later outlets share the last row (a laptop screen's height). */
const MAX_ROWS = 24;
const OTHERS = "other outlets";
/** Longest row label before it is cut, in characters. */
const LABEL_CHARS = 26;

function dayOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso.slice(0, 10));
  return Number.isNaN(t) ? null : t;
}

function scale(min: number, max: number) {
  const lo = min === max ? min - DAY : min;
  const hi = min === max ? max + DAY : max;
  const span = hi - lo;
  return {
    x: (t: number) => LABEL_W + ((t - lo) / span) * (WIDTH - LABEL_W - RIGHT_PAD),
    ticks: (n: number) => Array.from({ length: n }, (_, i) => lo + (span * i) / (n - 1)),
  };
}

function cut(s: string): string {
  return s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s;
}

function Axis(props: { y: number; ticks: number[]; x: (t: number) => number }) {
  return (
    <g class="axis">
      <line x1={LABEL_W} x2={WIDTH - RIGHT_PAD} y1={props.y} y2={props.y} />
      {props.ticks.map((t, i) => (
        <g key={t}>
          <line x1={props.x(t)} x2={props.x(t)} y1={props.y} y2={props.y + 5} />
          <text
            x={props.x(t)}
            y={props.y + 18}
            text-anchor={i === 0 ? "start" : i === props.ticks.length - 1 ? "end" : "middle"}
          >
            {new Date(t).toISOString().slice(0, 10)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** One row per outlet (earliest first), one dot per article; the first reporter's dot is ringed. */
export function StoryChart(props: {
  articles: ArticleBrief[];
  firstReporter: string | null;
  timeline: TimelineDateView[];
}) {
  const dated = props.articles.filter((a) => dayOf(a.published) !== null);
  if (dated.length === 0) return <p class="muted">No dated articles to chart.</p>;
  // One row per outlet in order of first publication; past MAX_ROWS the rest share one row.
  const rows: string[] = [];
  for (const a of dated) {
    const o = a.outlet ?? a.domain ?? "unknown outlet";
    if (!rows.includes(o) && rows.length < MAX_ROWS) rows.push(o);
  }
  const rowOf = (a: ArticleBrief) => {
    const i = rows.indexOf(a.outlet ?? a.domain ?? "unknown outlet");
    if (i >= 0) return i;
    if (rows[rows.length - 1] !== OTHERS) rows.push(OTHERS);
    return rows.length - 1;
  };
  const rowIndex = new Map(dated.map((a) => [a.id, rowOf(a)]));
  const times = dated.map((a) => dayOf(a.published)!);
  for (const d of props.timeline) {
    const t = dayOf(d.date);
    if (t !== null) times.push(t);
  }
  const { x, ticks } = scale(Math.min(...times), Math.max(...times));
  const marks = props.timeline.filter((d) => dayOf(d.date) !== null);
  const top = marks.length ? 18 : 6;
  const height = top + rows.length * ROW_H + AXIS_H;
  const axisY = top + rows.length * ROW_H;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`Articles over time: ${dated.length} dated articles from ${rows.length} outlets`}
      >
        {marks.map((d) => (
          <g key={d.date} class="timeline-mark">
            <line x1={x(dayOf(d.date)!)} x2={x(dayOf(d.date)!)} y1={top - 6} y2={axisY} />
            <title>
              {d.date}: {d.entries.length} timeline entr{d.entries.length === 1 ? "y" : "ies"}
            </title>
          </g>
        ))}
        {rows.map((o, i) => (
          <g key={o} class="row">
            <text x={LABEL_W - 8} y={top + i * ROW_H + ROW_H / 2 + 4} text-anchor="end">
              {cut(o)}
            </text>
            <line
              x1={LABEL_W}
              x2={WIDTH - RIGHT_PAD}
              y1={top + i * ROW_H + ROW_H / 2}
              y2={top + i * ROW_H + ROW_H / 2}
            />
          </g>
        ))}
        {dated.map((a) => {
          const row = rowIndex.get(a.id)!;
          const first = a.id === props.firstReporter;
          return (
            <Link key={a.id} href={href(["articles", a.id])} class={first ? "dot first" : "dot"}>
              <circle cx={x(dayOf(a.published)!)} cy={top + row * ROW_H + ROW_H / 2} r={first ? 7 : 5} />
              <title>
                {`${a.published?.slice(0, 10)} · ${a.outlet ?? a.domain ?? "unknown outlet"}${first ? " (first report)" : ""}: ${a.title ?? a.id}`}
              </title>
            </Link>
          );
        })}
        <Axis y={axisY} ticks={ticks(Math.min(5, Math.max(2, dated.length)))} x={x} />
      </svg>
      <figcaption class="muted">
        Each dot is an article, one row per outlet; the ringed dot is the first report.
        {marks.length ? " Vertical lines mark timeline dates." : ""}
        {props.articles.length > dated.length
          ? ` ${props.articles.length - dated.length} undated not shown.`
          : ""}
      </figcaption>
    </figure>
  );
}

/** One bar per story, from its first to its last article. */
export function StorylineChart(props: { stories: StoryView[] }) {
  const dated = props.stories.filter((s) => dayOf(s.firstDate) !== null);
  if (dated.length === 0) return <p class="muted">No dated stories to chart.</p>;
  const times = dated.flatMap((s) => [dayOf(s.firstDate)!, dayOf(s.lastDate ?? s.firstDate)!]);
  const { x, ticks } = scale(Math.min(...times), Math.max(...times));
  const height = 6 + dated.length * ROW_H + AXIS_H;
  const axisY = 6 + dated.length * ROW_H;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${dated.length} stories over time`}>
        {dated.map((s, i) => {
          const x1 = x(dayOf(s.firstDate)!);
          const x2 = Math.max(x1 + 4, x(dayOf(s.lastDate ?? s.firstDate)!));
          const y = 6 + i * ROW_H;
          return (
            <Link key={s.id} href={href(["stories", s.id])} class="bar">
              <text x={LABEL_W - 8} y={y + ROW_H / 2 + 4} text-anchor="end">
                {cut(s.label)}
              </text>
              <rect x={x1} y={y + 5} width={x2 - x1} height={ROW_H - 10} rx={3} />
              <title>{`${s.label}: ${s.firstDate?.slice(0, 10)} – ${s.lastDate?.slice(0, 10) ?? "?"}, ${s.articles.length} articles`}</title>
            </Link>
          );
        })}
        <Axis y={axisY} ticks={ticks(5)} x={x} />
      </svg>
    </figure>
  );
}
