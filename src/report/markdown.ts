/** Markdown rendering of a story report. All text from articles is escaped (no raw HTML passes). */
import type { StoryReport } from "./index.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** Escapes inline text: HTML characters become entities (no raw HTML survives a Markdown
 * renderer), Markdown punctuation gets a backslash. */
export function md(text: string | null | undefined): string {
  return (text ?? "")
    .replace(/\s+/g, " ")
    .replace(/[&<>]/g, (c) => ENTITIES[c])
    .replace(/([\\`*_[\]|#!])/g, "\\$1");
}

const list = (xs: string[]) => (xs.length ? xs.map(md).join(", ") : "—");

export function renderMarkdown(r: StoryReport): string {
  const out: string[] = [];
  const s = r.summary;
  out.push(`# ${md(r.story.label)}`, "");
  out.push(`*Story ${md(r.story.id)} · report generated ${md(r.generatedAt)}*`, "");

  out.push("## Summary", "");
  out.push(`- Articles: ${s.articles}`);
  out.push(`- Outlets: ${list(s.outlets)}`);
  out.push(`- Dates: ${md(s.firstDate ?? "undated")} – ${md(s.lastDate ?? "undated")}`);
  if (s.firstReporter)
    out.push(
      `- First reported by: ${md(s.firstReporter.outlet ?? "unknown outlet")} (${md(s.firstReporter.id)}, ${md(s.firstReporter.published ?? "undated")})`,
    );
  if (s.storyline) out.push(`- Storyline: ${md(s.storyline)}`);
  out.push(
    `- Version groups: ${s.versionGroups} · quotes: ${s.quotes} · figures: ${s.figures} · conflicting figures: ${s.conflicts}`,
    "",
  );
  out.push("| article | outlet | published | title |", "|---|---|---|---|");
  for (const a of r.articles)
    out.push(
      `| ${md(a.id)} | ${md(a.outlet ?? "—")} | ${md(a.published ?? "undated")} | ${md(a.title ?? "")} |`,
    );
  out.push("");

  out.push("## Timeline", "");
  if (!r.timeline.length) out.push("No dated events.", "");
  for (const d of r.timeline) {
    out.push(`### ${md(d.date)}`, "");
    for (const e of d.entries) {
      const who = e.outlets.length ? e.outlets.join(", ") : "unknown outlet";
      out.push(
        `- ${md(e.text)} — *${md(who)}* (${list(e.articles)}; ${e.sources} source${e.sources === 1 ? "" : "s"})`,
      );
    }
    out.push("");
  }

  out.push("## Outlets", "");
  const c = r.comparison;
  if (c.first)
    out.push(`First: **${md(c.first.outlet)}** (${md(c.first.article)}, ${md(c.first.published)})`, "");
  for (const o of c.outlets) {
    out.push(`### ${md(o.outlet)}${o.first ? " (first)" : ""}`, "");
    out.push(`- Articles: ${list(o.articles.map((a) => `${a.id} (${a.published ?? "undated"})`))}`);
    out.push(`- Paragraphs only here: ${o.exclusive.length} of ${o.paragraphs}`);
    for (const p of o.exclusive) out.push(`  - ${md(p.text)}`);
    out.push(
      `- Quotes: ${o.quotes.length} (${o.quotes.filter((q) => q.alsoIn.length === 0).length} only here)`,
    );
    for (const q of o.quotes.filter((x) => x.alsoIn.length === 0))
      out.push(
        `  - ${md(q.speaker ?? "unattributed")}: ${q.direct ? "“" : ""}${md(q.text)}${q.direct ? "”" : ""}`,
      );
    out.push(
      `- Figures: ${o.figures.length} (${o.figures.filter((f) => f.alsoIn.length === 0).length} only here)`,
    );
    for (const f of o.figures.filter((x) => x.alsoIn.length === 0))
      out.push(`  - ${md(f.text)}${f.source ? ` (${md(f.source)})` : ""}`);
    out.push("");
  }

  out.push("## Version groups", "");
  if (!r.versionGroups.length) out.push("No copies of one wire story in this story.", "");
  for (const { group, diffs } of r.versionGroups) {
    out.push(`### Origin ${md(group.origin)}`, "");
    for (const m of group.members)
      out.push(
        `- ${md(m.id)} · ${md(m.outlet ?? "unknown outlet")} · ${md(m.published ?? "undated")} · share ${m.share}`,
      );
    out.push("");
    for (const d of diffs) {
      out.push(`#### ${md(d.a)} → ${md(d.b)} (share ${d.share})`, "");
      for (const p of d.paragraphs) {
        if (p.kind === "same") continue;
        if (p.kind === "removed") out.push(`- removed: ~~${md(p.a)}~~`);
        else if (p.kind === "added") out.push(`- added: **${md(p.b)}**`);
        else
          out.push(
            `- changed: ${(p.words ?? []).map((w) => (w.added ? `**${md(w.value)}**` : w.removed ? `~~${md(w.value)}~~` : md(w.value))).join("")}`,
          );
      }
      if (d.paragraphs.every((p) => p.kind === "same")) out.push("- identical text");
      out.push("");
    }
  }

  out.push("## Quotes", "");
  if (!r.quotes.length) out.push("No quotes.", "");
  for (const q of r.quotes) {
    const via = q.via.length ? ` via ${q.via.map(md).join(" → ")}` : "";
    out.push(
      `- **${md(q.speaker?.text ?? "unattributed")}**${via}: ${q.direct ? "“" : ""}${md(q.text)}${q.direct ? "”" : ""} — ${list(q.outlets)} (${list(q.articles)})`,
    );
  }
  out.push("");

  out.push("## Figures", "");
  if (!r.figures.length) out.push("No figures.", "");
  else {
    out.push("| figure | counts | source | outlets | articles |", "|---|---|---|---|---|");
    for (const f of r.figures)
      out.push(
        `| ${md(f.text)} | ${md(f.counts ?? "")} | ${md(f.source ?? "")} | ${list(f.outlets)} | ${list(f.articles)} |`,
      );
  }
  out.push("");

  out.push("## Conflicting figures", "");
  if (!r.conflicts.length) out.push("No conflicting figures.", "");
  for (const cf of r.conflicts) {
    out.push(`### ${md(cf.measure)}${cf.about.length ? ` (${list(cf.about)})` : ""}`, "");
    for (const v of cf.values)
      for (const rep of v.reports)
        out.push(
          `- **${md(v.label)}** — ${md(rep.source ?? "unattributed")}, ${list(rep.outlets.length ? rep.outlets : ["unknown outlet"])} (${list(rep.articles)}): ${md(rep.sentence)}`,
        );
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
