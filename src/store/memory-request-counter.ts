// Request counts for rate limits kept in this process's memory, for the embedded store.
import type { RateWindowHit, RequestCounter } from '../core/ports.js';

/** Forgotten windows are swept after this many hits, so the map stays small. */
const SWEEP_EVERY = 1000;

/**
 * Counts per (portal, window name, window start) in a map. The SQLite store uses it because one
 * process owns the embedded file in the common case, and a counter in memory costs no write per
 * request; processes sharing one SQLite file (`--workers`) therefore each count their own
 * requests (docs/scaling.md).
 */
export class MemoryRequestCounter implements RequestCounter {
  readonly #counts = new Map<string, { count: number; windowStart: number; windowMs: number }>();
  #hits = 0;

  hit(portalId: number, windows: readonly RateWindowHit[]): Promise<number[]> {
    this.#hits += 1;
    if (this.#hits % SWEEP_EVERY === 0) this.#sweep(Math.max(...windows.map((w) => w.windowStart)));
    return Promise.resolve(
      windows.map((window) => {
        const key = `${portalId}\u0000${window.name}\u0000${window.windowStart}`;
        const entry = this.#counts.get(key);
        if (entry) return (entry.count += 1);
        this.#counts.set(key, {
          count: 1,
          windowStart: window.windowStart,
          windowMs: window.windowMs,
        });
        return 1;
      }),
    );
  }

  /** Forgets windows that began more than two of their lengths before `now`. */
  #sweep(now: number): void {
    for (const [key, entry] of this.#counts) {
      if (entry.windowStart < now - entry.windowMs * 2) this.#counts.delete(key);
    }
  }
}
