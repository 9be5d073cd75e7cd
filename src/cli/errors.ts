/** Exit codes: 0 all good, 1 some inputs failed, 2 usage error (or a fatal error before any work). */
export const EXIT_OK = 0;
export const EXIT_PARTIAL = 1;
export const EXIT_USAGE = 2;

/** A usage error: bad arguments, unknown ids. The CLI prints the message and exits with 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
