import type { RunGroup } from "./run-summary";

// How a run's plan is cut into batches (one transaction each), bounded by items as well as by
// creators. Until issue 16 a batch carried every item of its creators through JavaScript: batches
// of 1,000 creators × 100 items peaked at 641 MB RSS on a 200,000-item run (1,029 MB at full size)
// and, on a busy machine, ran past the 60 s transaction timeout. The items now stay in the
// database (insertSelectedPayouts), so the limit bounds the transaction's length and locks; ≤ 10,000
// items keep it at a few seconds (README, Benchmarks).

/** Creators per batch at most (the locks one transaction holds). */
export const RUN_BATCH_CREATORS = 1000;
/** Items per batch at most, unless one creator alone has more (that creator is its own batch). */
export const RUN_BATCH_ITEMS = 10_000;

/** The end (exclusive) of the batch that starts at `position`: at least one group, then up to both limits. */
export function runBatchEnd(
  groups: readonly Pick<RunGroup, "itemCount">[],
  position: number,
  limits: { creators: number; items: number } = { creators: RUN_BATCH_CREATORS, items: RUN_BATCH_ITEMS },
): number {
  let end = Math.min(groups.length, position + 1);
  let items = groups[position]?.itemCount ?? 0;
  while (end < groups.length && end - position < limits.creators) {
    const next = groups[end].itemCount ?? 0;
    if (items + next > limits.items) break;
    items += next;
    end += 1;
  }
  return end;
}
