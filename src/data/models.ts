/**
 * Where the shipped models live: `models/` at the package root, found by walking up from this
 * module, so the same lookup works from src/ under tsx and from the built dist/.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Folders walked up from this module before giving up. */
const MAX_LEVELS = 6;

/** Path of `models/<file>`, or null when no `models/` folder above this module holds it. */
export function findModelFile(file: string): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < MAX_LEVELS; k++) {
    const p = join(dir, "models", file);
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  return null;
}

/** Path of `models/<file>`; throws, naming the model (`what`), when it is missing. */
export function requireModelFile(file: string, what: string): string {
  const p = findModelFile(file);
  if (!p)
    throw new Error(`${what} ${file} not found in a models/ folder above ${fileURLToPath(import.meta.url)}`);
  return p;
}
