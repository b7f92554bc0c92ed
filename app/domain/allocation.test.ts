import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateProportionally, splitAmount } from "./allocation";

const totals = fc.integer({ min: -(10 ** 15), max: 10 ** 15 });
const weightLists = fc
  .array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 1, maxLength: 12 })
  .filter((weights) => weights.some((w) => w > 0));

/** The exact share as a fraction numerator/denominator, in bigint. */
function exactShare(total: number, weights: number[], index: number): { numerator: bigint; denominator: bigint } {
  const denominator = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  return { numerator: BigInt(total) * BigInt(weights[index]!), denominator };
}

/** True when share is floor or ceil of numerator/denominator (denominator > 0). */
function isFloorOrCeil(share: number, numerator: bigint, denominator: bigint): boolean {
  const scaled = BigInt(share) * denominator;
  return scaled - denominator < numerator && numerator < scaled + denominator;
}

describe("allocating an amount in proportion", () => {
  it.each([
    // an order discount of 1.00 across three equal lines: the extra cent goes to the first line
    [100, [1, 1, 1], [34, 33, 33]],
    // a refund mirrors the sale
    [-100, [1, 1, 1], [-34, -33, -33]],
    [10, [0, 5, 5], [0, 5, 5]],
    [1, [1, 1], [1, 0]],
    [0, [0, 0], [0, 0]],
    [0, [3, 7], [0, 0]],
    [7, [7], [7]],
    // a 10.00 discount across lines of 29.99, 19.99 and 50.02
    [1000, [2999, 1999, 5002], [300, 200, 500]],
    // remainders 0.6, 0.3, 0.1 (×10): the largest remainder takes the unit
    [1, [6, 3, 1], [1, 0, 0]],
    [2, [1, 3, 6], [0, 1, 1]],
    // equal remainders go to the lower index
    [2, [1, 1, 1, 1], [1, 1, 0, 0]],
  ])("%i across %j is %j", (total, weights, expected) => {
    expect(allocateProportionally(total, weights)).toEqual(expected);
  });

  it.each([
    [5, [0, 0], /all zero/],
    [5, [], /nothing to allocate/],
    [5, [-1, 2], /zero or more/],
    [5, [1.5, 2], /zero or more/],
    [1.5, [1, 2], /whole number/],
    [Number.MAX_SAFE_INTEGER + 1, [1], /whole number/],
  ])("refuses %s across %j", (total, weights, message) => {
    expect(() => allocateProportionally(total, weights)).toThrow(
      expect.objectContaining({ code: "invalid_allocation", message: expect.stringMatching(message) }),
    );
  });

  it("never loses or invents a minor unit", () => {
    fc.assert(
      fc.property(totals, weightLists, (total, weights) => {
        const shares = allocateProportionally(total, weights);
        expect(shares).toHaveLength(weights.length);
        expect(shares.reduce((sum, s) => sum + BigInt(s), 0n)).toBe(BigInt(total));
      }),
    );
  });

  it("works for the largest amounts without overflow", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.array(fc.maxSafeNat(), { minLength: 1, maxLength: 5 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const shares = allocateProportionally(total, weights);
        expect(shares.reduce((sum, s) => sum + BigInt(s), 0n)).toBe(BigInt(total));
        shares.forEach((share) => expect(Number.isSafeInteger(share)).toBe(true));
      }),
    );
  });

  it("gives every share the floor or the ceiling of its exact proportion", () => {
    fc.assert(
      fc.property(totals, weightLists, (total, weights) => {
        const shares = allocateProportionally(total, weights);
        shares.forEach((share, index) => {
          const { numerator, denominator } = exactShare(total, weights, index);
          expect(isFloorOrCeil(share, numerator, denominator)).toBe(true);
        });
      }),
    );
  });

  it("gives zero to zero weights and a mirrored result to negative totals", () => {
    fc.assert(
      fc.property(totals, weightLists, (total, weights) => {
        const shares = allocateProportionally(total, weights);
        weights.forEach((weight, index) => {
          if (weight === 0) expect(shares[index]).toBe(0);
        });
        expect(allocateProportionally(-total, weights)).toEqual(shares.map((s) => 0 - s));
      }),
    );
  });

  it("never gives a bigger weight a smaller share", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 15 }), weightLists, (total, weights) => {
        const shares = allocateProportionally(total, weights);
        for (let i = 0; i < weights.length; i++) {
          for (let j = 0; j < weights.length; j++) {
            const [wi, wj, si, sj] = [weights[i]!, weights[j]!, shares[i]!, shares[j]!];
            if (wi > wj) expect(si).toBeGreaterThanOrEqual(sj);
            if (wi === wj) expect(Math.abs(si - sj)).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });

  it("follows the weights when they are reordered; only exact ties depend on position", () => {
    fc.assert(
      fc.property(
        totals,
        weightLists.chain((weights) =>
          fc.tuple(
            fc.constant(weights),
            fc.shuffledSubarray(
              weights.map((_, i) => i),
              { minLength: weights.length },
            ),
          ),
        ),
        (total, [weights, permutation]) => {
          const shares = allocateProportionally(total, weights);
          const permutedShares = allocateProportionally(
            total,
            permutation.map((i) => weights[i]!),
          );
          const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
          const remainders = weights.map((w) => (BigInt(Math.abs(total)) * BigInt(w)) % sum);
          const tiesExist = new Set(remainders.map(String)).size < remainders.length;
          permutation.forEach((original, position) => {
            if (tiesExist) expect(Math.abs(permutedShares[position]! - shares[original]!)).toBeLessThanOrEqual(1);
            else expect(permutedShares[position]).toBe(shares[original]);
          });
        },
      ),
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(totals, weightLists, (total, weights) => {
        expect(allocateProportionally(total, weights)).toEqual(allocateProportionally(total, [...weights]));
      }),
    );
  });
});

describe("splitting a payable item to pay part of it now", () => {
  it.each([
    [1000, 300, [300, 700]],
    [1000, 0, [0, 1000]],
    [1000, 1000, [1000, 0]],
    [-500, -200, [-200, -300]],
    [-500, -500, [-500, 0]],
    [0, 0, [0, 0]],
  ])("%i split at %i is %j", (total, first, expected) => {
    expect(splitAmount(total, first)).toEqual(expected);
  });

  it.each([
    [1000, 1001],
    [1000, -1],
    [-500, 100],
    [-500, -501],
    [1000, 1.5],
    [Number.MAX_SAFE_INTEGER + 2, 1],
  ])("refuses to split %s at %s", (total, first) => {
    expect(() => splitAmount(total, first)).toThrow(expect.objectContaining({ code: "invalid_split" }));
  });

  it("always yields two parts of the original's sign that sum to it", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), fc.double({ min: 0, max: 1, noNaN: true }), (total, fraction) => {
        const first = Math.trunc(total * fraction);
        const [a, b] = splitAmount(total, first);
        expect(a + b).toBe(total);
        if (total > 0) expect(a >= 0 && b >= 0).toBe(true);
        if (total < 0) expect(a <= 0 && b <= 0).toBe(true);
      }),
    );
  });
});
