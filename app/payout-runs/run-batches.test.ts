import { describe, expect, it } from "vitest";
import { runBatchEnd } from "./run-batches";

const groups = (...itemCounts: (number | undefined)[]) => itemCounts.map((itemCount) => ({ itemCount }));

/** Every batch a plan is cut into, as [start, end) pairs. */
function batchesOf(plan: { itemCount?: number }[], limits: { creators: number; items: number }) {
  const batches: [number, number][] = [];
  for (let position = 0; position < plan.length;) {
    const end = runBatchEnd(plan, position, limits);
    batches.push([position, end]);
    position = end;
  }
  return batches;
}

describe("a payout run's batches", () => {
  it("hold at most the item limit, so 1,000 creators × 100 items are not one batch of 100,000 items", () => {
    const plan = groups(...Array.from({ length: 1000 }, () => 100));
    const batches = batchesOf(plan, { creators: 1000, items: 10_000 });
    expect(batches).toHaveLength(10);
    expect(batches.every(([start, end]) => end - start === 100)).toBe(true);
  });

  it("hold at most the creator limit when creators have few items", () => {
    expect(batchesOf(groups(1, 1, 1, 1, 1), { creators: 2, items: 10_000 })).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
  });

  it("give a creator with more items than the limit a batch of its own, and cover every group once, in order", () => {
    expect(batchesOf(groups(3, 50, 2, 2, 9, undefined), { creators: 10, items: 10 })).toEqual([
      [0, 1],
      [1, 2],
      [2, 4],
      [4, 6],
    ]);
  });
});
