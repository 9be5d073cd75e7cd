/** Terminal output helpers: tables, colour (only on a TTY and without NO_COLOR), JSON. */
import { styleText } from "node:util";

export const useColor = (stream: NodeJS.WriteStream = process.stdout): boolean =>
  Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb";

type Style = Parameters<typeof styleText>[0];

export function paint(style: Style, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return useColor(stream) ? styleText(style, text) : text;
}

/** Truncates to `max` characters with an ellipsis. */
export function clip(s: string | null | undefined, max: number): string {
  const v = (s ?? "").replace(/\s+/g, " ");
  return v.length > max ? `${v.slice(0, max - 1)}…` : v;
}

/** Renders rows as an aligned plain-text table. */
export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [paint("bold", line(headers)), ...cells.map(line)].join("\n");
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
