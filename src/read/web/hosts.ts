/**
 * Politeness per host: at most N requests in flight to one host, and an optional minimum interval
 * between request starts (robots.txt Crawl-delay). Waiters are served in arrival order.
 */

interface HostState {
  active: number;
  queue: Array<() => void>;
  /** Earliest time (ms since epoch) the next request may start. */
  nextStart: number;
  /** Minimum interval between request starts, ms. */
  intervalMs: number;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  /** @param perHost most requests in flight to one host at once. */
  constructor(private readonly perHost: number) {
    if (!(perHost >= 1)) throw new RangeError(`perHost must be at least 1, got ${perHost}`);
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, queue: [], nextStart: 0, intervalMs: 0 };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Sets the minimum interval between request starts to `host` (from Crawl-delay). */
  setInterval(host: string, ms: number): void {
    this.state(host).intervalMs = Math.max(0, ms);
  }

  /** Runs `fn` once a slot for `host` is free, releasing the slot when it settles. */
  async run<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const s = this.state(host);
    if (s.active >= this.perHost) await new Promise<void>((resolve) => s.queue.push(resolve));
    else s.active++;
    try {
      const wait = s.nextStart - Date.now();
      s.nextStart = Math.max(Date.now(), s.nextStart) + s.intervalMs;
      if (wait > 0) await sleep(wait);
      return await fn();
    } finally {
      const next = s.queue.shift();
      // Hand the slot straight to the next waiter (active stays the same), or free it.
      if (next) next();
      else s.active--;
    }
  }
}

/** Resolves after `ms`, or early (rejecting with the signal's reason) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
