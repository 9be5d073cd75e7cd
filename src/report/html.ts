/**
 * HTML rendering of a story report: one self-contained page, every text escaped, inline CSS only,
 * no script and no external resource (links to article URLs are plain anchors).
 */
import type { StoryReport } from "./index.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML content and attribute values. */
export function esc(text: string | number | null | undefined): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Only http(s) URLs become links (no javascript:, data: ...). */
function safeUrl(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

const CSS = `
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{border-bottom:1px solid #ddd;margin-top:2rem}h3{font-size:1.05rem;margin-bottom:.3rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
.muted{color:#666;font-size:.9rem}del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.first{font-weight:600;color:#064}.excl{border-left:3px solid #c80;padding-left:.5rem;margin:.3rem 0}
li{margin:.2rem 0}.value{font-weight:600}
`;

const list = (xs: string[]) => (xs.length ? xs.map(esc).join(", ") : "—");

export function renderHtml(r: StoryReport): string {
  const o: string[] = [];
  const s = r.summary;
  o.push(
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<title>${esc(r.story.label)}</title>`,
    `<style>${CSS}</style></head><body>`,
  );
  o.push(`<h1>${esc(r.story.label)}</h1>`);
  o.push(`<p class="muted">Story ${esc(r.story.id)} · report generated ${esc(r.generatedAt)}</p>`);

  o.push('<section id="summary"><h2>Summary</h2><ul>');
  o.push(`<li>Articles: ${s.articles}</li>`, `<li>Outlets: ${list(s.outlets)}</li>`);
  o.push(`<li>Dates: ${esc(s.firstDate ?? "undated")} – ${esc(s.lastDate ?? "undated")}</li>`);
  if (s.firstReporter)
    o.push(
      `<li>First reported by: <span class="first">${esc(s.firstReporter.outlet ?? "unknown outlet")}</span> (${esc(s.firstReporter.id)}, ${esc(s.firstReporter.published ?? "undated")})</li>`,
    );
  if (s.storyline) o.push(`<li>Storyline: ${esc(s.storyline)}</li>`);
  o.push(
    `<li>Version groups: ${s.versionGroups} · quotes: ${s.quotes} · figures: ${s.figures} · conflicting figures: ${s.conflicts}</li></ul>`,
  );
  o.push("<table><tr><th>article</th><th>outlet</th><th>published</th><th>title</th></tr>");
  for (const a of r.articles) {
    const url = safeUrl(a.url);
    const title = url ? `<a href="${esc(url)}">${esc(a.title ?? url)}</a>` : esc(a.title ?? "");
    o.push(
      `<tr><td>${esc(a.id)}</td><td>${esc(a.outlet ?? "—")}</td><td>${esc(a.published ?? "undated")}</td><td>${title}</td></tr>`,
    );
  }
  o.push("</table></section>");

  o.push('<section id="timeline"><h2>Timeline</h2>');
  if (!r.timeline.length) o.push("<p>No dated events.</p>");
  for (const d of r.timeline) {
    o.push(`<h3>${esc(d.date)}</h3><ul>`);
    for (const e of d.entries)
      o.push(
        `<li>${esc(e.text)} <span class="muted">— ${list(e.outlets.length ? e.outlets : ["unknown outlet"])} (${list(e.articles)}; ${e.sources} source${e.sources === 1 ? "" : "s"})</span></li>`,
      );
    o.push("</ul>");
  }
  o.push("</section>");

  o.push('<section id="outlets"><h2>Outlets</h2>');
  const c = r.comparison;
  if (c.first)
    o.push(
      `<p>First: <span class="first">${esc(c.first.outlet)}</span> (${esc(c.first.article)}, ${esc(c.first.published)})</p>`,
    );
  for (const x of c.outlets) {
    o.push(`<h3>${esc(x.outlet)}${x.first ? ' <span class="first">(first)</span>' : ""}</h3><ul>`);
    o.push(`<li>Articles: ${list(x.articles.map((a) => `${a.id} (${a.published ?? "undated"})`))}</li>`);
    o.push(`<li>Paragraphs only here: ${x.exclusive.length} of ${x.paragraphs}`);
    for (const p of x.exclusive) o.push(`<div class="excl">${esc(p.text)}</div>`);
    o.push("</li>");
    const q1 = x.quotes.filter((q) => q.alsoIn.length === 0);
    o.push(`<li>Quotes: ${x.quotes.length} (${q1.length} only here)<ul>`);
    for (const q of q1)
      o.push(
        `<li><b>${esc(q.speaker ?? "unattributed")}</b>: ${q.direct ? "“" : ""}${esc(q.text)}${q.direct ? "”" : ""}</li>`,
      );
    o.push("</ul></li>");
    const f1 = x.figures.filter((f) => f.alsoIn.length === 0);
    o.push(`<li>Figures: ${x.figures.length} (${f1.length} only here)<ul>`);
    for (const f of f1) o.push(`<li>${esc(f.text)}${f.source ? ` (${esc(f.source)})` : ""}</li>`);
    o.push("</ul></li></ul>");
  }
  o.push("</section>");

  o.push('<section id="versions"><h2>Version groups</h2>');
  if (!r.versionGroups.length) o.push("<p>No copies of one wire story in this story.</p>");
  for (const { group, diffs } of r.versionGroups) {
    o.push(`<h3>Origin ${esc(group.origin)}</h3><ul>`);
    for (const m of group.members)
      o.push(
        `<li>${esc(m.id)} · ${esc(m.outlet ?? "unknown outlet")} · ${esc(m.published ?? "undated")} · share ${esc(m.share)}</li>`,
      );
    o.push("</ul>");
    for (const d of diffs) {
      o.push(`<h4>${esc(d.a)} → ${esc(d.b)} (share ${esc(d.share)})</h4><ul>`);
      for (const p of d.paragraphs) {
        if (p.kind === "same") continue;
        if (p.kind === "removed") o.push(`<li>removed: <del>${esc(p.a)}</del></li>`);
        else if (p.kind === "added") o.push(`<li>added: <ins>${esc(p.b)}</ins></li>`);
        else
          o.push(
            `<li>changed: ${(p.words ?? []).map((w) => (w.added ? `<ins>${esc(w.value)}</ins>` : w.removed ? `<del>${esc(w.value)}</del>` : esc(w.value))).join("")}</li>`,
          );
      }
      if (d.paragraphs.every((p) => p.kind === "same")) o.push("<li>identical text</li>");
      o.push("</ul>");
    }
  }
  o.push("</section>");

  o.push('<section id="quotes"><h2>Quotes</h2>');
  if (!r.quotes.length) o.push("<p>No quotes.</p>");
  else {
    o.push("<ul>");
    for (const q of r.quotes) {
      const via = q.via.length ? ` via ${q.via.map(esc).join(" → ")}` : "";
      o.push(
        `<li><b>${esc(q.speaker?.text ?? "unattributed")}</b>${via}: ${q.direct ? "“" : ""}${esc(q.text)}${q.direct ? "”" : ""} <span class="muted">— ${list(q.outlets)} (${list(q.articles)})</span></li>`,
      );
    }
    o.push("</ul>");
  }
  o.push("</section>");

  o.push('<section id="figures"><h2>Figures</h2>');
  if (!r.figures.length) o.push("<p>No figures.</p>");
  else {
    o.push("<table><tr><th>figure</th><th>counts</th><th>source</th><th>outlets</th><th>articles</th></tr>");
    for (const f of r.figures)
      o.push(
        `<tr><td>${esc(f.text)}</td><td>${esc(f.counts ?? "")}</td><td>${esc(f.source ?? "")}</td><td>${list(f.outlets)}</td><td>${list(f.articles)}</td></tr>`,
      );
    o.push("</table>");
  }
  o.push("</section>");

  o.push('<section id="conflicts"><h2>Conflicting figures</h2>');
  if (!r.conflicts.length) o.push("<p>No conflicting figures.</p>");
  for (const cf of r.conflicts) {
    o.push(
      `<h3>${esc(cf.measure)}${cf.about.length ? ` <span class="muted">(${list(cf.about)})</span>` : ""}</h3>`,
    );
    o.push("<table><tr><th>value</th><th>source</th><th>outlets</th><th>sentence</th></tr>");
    for (const v of cf.values)
      for (const rep of v.reports)
        o.push(
          `<tr><td class="value">${esc(v.label)}</td><td>${esc(rep.source ?? "unattributed")}</td><td>${list(rep.outlets.length ? rep.outlets : ["unknown outlet"])} (${list(rep.articles)})</td><td>${esc(rep.sentence)}</td></tr>`,
        );
    o.push("</table>");
  }
  o.push("</section></body></html>");
  return `${o.join("\n")}\n`;
}
