/**
 * API errors: every failure is JSON `{ "error": { "code", "message" } }` with a stable code.
 */
import type { z } from "zod";

export type ApiErrorCode =
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "DIFF_UNAVAILABLE"
  | "READ_ONLY"
  | "UNAUTHORIZED"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "URI_TOO_LONG"
  | "FORBIDDEN_HOST"
  | "INTERNAL";

export type ApiStatus = 400 | 401 | 403 | 404 | 413 | 414 | 415 | 421 | 500;

export class ApiError extends Error {
  constructor(
    readonly status: ApiStatus,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorBody(code: ApiErrorCode, message: string) {
  return { error: { code, message } };
}

/** One readable line from zod issues: `limit: Too big: expected number to be <=200; q: Required`. */
export function describeIssues(where: string, error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((i) => {
    const path = i.path.length ? i.path.join(".") : where;
    return `${path}: ${i.message}`;
  });
  return `invalid ${where}: ${parts.join("; ")}`;
}
