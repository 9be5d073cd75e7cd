/** Helpers for `storyline watch`: polling intervals. */

/** Shortest polling interval accepted, ms. Feeds rarely change more than once a minute; polling
 * faster only loads the servers. */
export const MIN_INTERVAL_MS = 10_000;

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses an interval such as `30s`, `5m`, `1h`, `1h30m` or `90` (seconds) into ms; null when invalid
 * or shorter than MIN_INTERVAL_MS. */
export function parseInterval(value: string): number | null {
  const v = value.trim().toLowerCase();
  if (/^\d+$/.test(v)) return check(Number(v) * 1000);
  if (!/^(?:\d+(?:\.\d+)?[smhd])+$/.test(v)) return null;
  let ms = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)([smhd])/g)) ms += Number(m[1]) * UNITS[m[2]];
  return check(ms);
}

function check(ms: number): number | null {
  return Number.isFinite(ms) && ms >= MIN_INTERVAL_MS ? Math.round(ms) : null;
}

/** Formats ms as a short interval (`15m`, `1h30m`, `45s`). */
export function formatInterval(ms: number): string {
  let rest = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, secs] of [
    ["h", 3600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    const n = Math.floor(rest / secs);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * secs;
  }
  return parts.join("") || "0s";
}
