// When and how much the inbound drain works (issue 16 §1–2). The drain runs in the same Node process
// as the webhook fast path: a batch's compute (≈ 0.5 ms of app CPU an order) runs in synchronous
// stretches between its statements, and a delivery that arrives meanwhile waits for the stretch.
// So while this process answers requests, batches are smaller (shorter stretches; the burst's
// deliveries keep their latency), and once the burst stops they are full size again: the drain
// never pauses, it only takes less at a time. INBOUND_DRAIN_BATCHES_IN_FLIGHT=2 works two batches
// at once, so one computes in Node while the other waits on PostgreSQL (SKIP LOCKED keeps them
// disjoint, the sorted per-order locks keep them correct and free of deadlocks); the default is one:
// on the benchmark's one-creator shop the two meet on the creator's aggregate rows (balances,
// report months and days) and cost more PostgreSQL CPU an order without a measured gain in rate
// on the shared 2-core machine (README, Benchmarks).
import { httpRequestsInFlight } from "../../lib/http-requests-in-flight.server";

export const INBOUND_DRAIN = {
  /** Events taken at once with no request in flight; their order deliveries are worked set-based. */
  batchSize: 200,
  /** Events taken at once while this process answers HTTP requests (shorter synchronous stretches). */
  busyBatchSize: 50,
  /** Events of the one-event path worked at once (never two of the same order: see laneOf). */
  concurrency: 4,
  /** How long one drain job runs before handing over to the next one (other tasks get a turn). */
  jobBudgetMs: 30_000,
  /** Pause between an idle drain and the next. */
  idleDelayMs: 250,
} as const;

/** The size of the next batch: smaller while this process answers requests. */
export function drainBatchSize(): number {
  return httpRequestsInFlight() > 0 ? INBOUND_DRAIN.busyBatchSize : INBOUND_DRAIN.batchSize;
}

/**
 * Runs `inFlight` loops of `drainBatch` at once; each loop takes batch after batch with no pause
 * until a batch finds nothing due or `budgetMs` has passed. Returns the largest count the loops'
 * last batches took (0: the queue was empty when every loop stopped).
 */
export async function drainConcurrently(
  drainBatch: () => Promise<number>,
  options: { inFlight: number; budgetMs: number },
): Promise<number> {
  // A run-time budget, not a time of day: measured on the monotonic clock (a wall-clock step
  // cannot stretch or cut it), not on now() (lib/clock.server.ts, pinned in tests and the demo).
  const started = performance.now();
  const loop = async () => {
    let taken = 0;
    do {
      taken = await drainBatch();
    } while (taken > 0 && performance.now() - started < options.budgetMs);
    return taken;
  };
  const lastTaken = await Promise.all(Array.from({ length: Math.max(1, options.inFlight) }, loop));
  return Math.max(...lastTaken);
}
