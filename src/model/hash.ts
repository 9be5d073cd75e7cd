import { createHash } from "node:crypto";

/** sha256 over title and body: the identity of an article's content for idempotent ingest. */
export function contentHash(title: string | null, paragraphs: string[]): string {
  const h = createHash("sha256");
  h.update(title ?? "");
  h.update("\n\u0000\n");
  h.update(paragraphs.join("\n\n"));
  return h.digest("hex");
}
