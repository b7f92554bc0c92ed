import { DomainError } from "./errors";

function invalidAllocation(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError("invalid_allocation", message, details);
}

/**
 * Splits `totalMinor` across `weights` in proportion, so that no minor unit is lost or invented
 * (used for order discounts across lines, refunds across lines, and similar).
 *
 * Largest-remainder method: every share starts as the floor of its exact proportional share;
 * the units still missing go one each to the shares with the largest remainders, ties going to
 * the lower index. So the shares sum exactly to the total, each is the floor or the ceiling of
 * its exact share, and the same input always gives the same output.
 *
 * Weights are non-negative safe integers (usually minor-unit line amounts). A zero weight gets 0
 * while any weight is positive. A negative total is allocated as its absolute value, negated,
 * so a refund mirrors the sale. Arithmetic is in bigint, so large totals times large weights
 * cannot overflow.
 */
export function allocateProportionally(totalMinor: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalMinor)) {
    throw invalidAllocation("The amount to allocate must be a whole number of minor units.", { totalMinor });
  }
  if (weights.length === 0) {
    throw invalidAllocation("There is nothing to allocate the amount to.", { totalMinor });
  }
  weights.forEach((weight, index) => {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw invalidAllocation("Allocation weights must be whole numbers of zero or more.", { index, weight });
    }
  });

  const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (weightSum === 0n) {
    if (totalMinor === 0) return weights.map(() => 0);
    throw invalidAllocation("Cannot share an amount in proportion to weights that are all zero.", {
      totalMinor,
      weights: [...weights],
    });
  }

  const negative = totalMinor < 0;
  const total = BigInt(Math.abs(totalMinor));

  const products = weights.map((weight) => total * BigInt(weight));
  const floors = products.map((product) => product / weightSum);
  const remainders = products.map((product) => product % weightSum);
  let unitsLeft = total - floors.reduce((sum, floor) => sum + floor, 0n);

  // Larger remainder first; equal remainders keep index order (the sort is stable).
  const ranked = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1));
  const roundedUp = new Set<number>();
  for (const { index } of ranked) {
    if (unitsLeft === 0n) break;
    roundedUp.add(index);
    unitsLeft -= 1n;
  }

  // `0 - x` rather than `-x` so a zero share stays +0.
  return floors.map((floor, index) => {
    const share = Number(roundedUp.has(index) ? floor + 1n : floor);
    return negative ? 0 - share : share;
  });
}

/**
 * Splits one payable amount into [firstMinor, rest], e.g. to pay part of a commission now.
 * The first part must lie between 0 and the total (same sign), so both parts have the sign of
 * the original and they always sum back to it exactly.
 */
export function splitAmount(totalMinor: number, firstMinor: number): [number, number] {
  if (!Number.isSafeInteger(totalMinor) || !Number.isSafeInteger(firstMinor)) {
    throw new DomainError("invalid_split", "Both amounts of a split must be whole numbers of minor units.", {
      totalMinor,
      firstMinor,
    });
  }
  const low = Math.min(0, totalMinor);
  const high = Math.max(0, totalMinor);
  if (firstMinor < low || firstMinor > high) {
    throw new DomainError(
      "invalid_split",
      totalMinor >= 0
        ? "The part to pay must be between zero and the item's amount."
        : "The part of a negative item must be between the item's amount and zero.",
      { totalMinor, firstMinor },
    );
  }
  return [firstMinor, totalMinor - firstMinor];
}
