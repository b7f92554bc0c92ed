import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { percentageOfMinor, roundHalfUp } from "./rounding";

const bigintsAround = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
const nonZeroDenominator = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((d) => d !== 0n);
const abs = (x: bigint) => (x < 0n ? -x : x);

describe("roundHalfUp, the product's one rounding rule", () => {
  it.each([
    [5n, 10n, 1n], // 0.5 → 1
    [-5n, 10n, -1n], // -0.5 → -1, not -0
    [15n, 10n, 2n],
    [25n, 10n, 3n], // not banker's rounding (which gives 2)
    [-25n, 10n, -3n],
    [14n, 10n, 1n],
    [-14n, 10n, -1n],
    [16n, 10n, 2n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [-2n, 3n, -1n],
    [5n, -10n, -1n], // the sign may sit on the denominator
    [-5n, -10n, 1n],
    [0n, 7n, 0n],
    [249875n, 1000n, 250n], // 12.5 % of 19.99
  ])("%s / %s rounds to %s", (numerator, denominator, expected) => {
    expect(roundHalfUp(numerator, denominator)).toBe(expected);
  });

  it("refuses to divide by zero", () => {
    expect(() => roundHalfUp(1n, 0n)).toThrow(DomainError);
  });

  it("is never more than half a unit from the exact quotient", () => {
    fc.assert(
      fc.property(bigintsAround, nonZeroDenominator, (n, d) => {
        const r = roundHalfUp(n, d);
        // |r - n/d| <= 1/2  ⇔  2·|r·d - n| <= |d|
        expect(2n * abs(r * d - n) <= abs(d)).toBe(true);
      }),
    );
  });

  it("sends exact halves away from zero", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (k, half) => {
        // (2k+1)·half / (2·half) = k + 0.5 exactly
        const r = roundHalfUp((2n * k + 1n) * half, 2n * half);
        expect(r).toBe(k >= 0n ? k + 1n : k);
      }),
    );
  });

  it("is monotone and mirrors negative numbers", () => {
    fc.assert(
      fc.property(bigintsAround, bigintsAround, fc.bigInt({ min: 1n, max: 10n ** 12n }), (a, b, d) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(roundHalfUp(low, d) <= roundHalfUp(high, d)).toBe(true);
        expect(roundHalfUp(-a, d)).toBe(-roundHalfUp(a, d));
      }),
    );
  });
});

describe("percentageOfMinor", () => {
  it.each([
    [1999, 1250, 250], // 12.50 % of 19.99 = 2.49875 → 2.50
    [100, 1250, 13], // 12.5 cents → 13
    [-100, 1250, -13], // a refund mirrors the sale
    [1000, 0, 0],
    [12345, 10000, 12345],
    [1, 5000, 1], // half a cent rounds up
    [1, 4999, 0],
    [0, 1250, 0],
  ])("%i minor at %i bp is %i", (amount, rate, expected) => {
    expect(percentageOfMinor(amount, rate)).toBe(expected);
  });

  it("treats 10000 basis points as the whole amount", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (amount) => {
        expect(percentageOfMinor(amount, 10000)).toBe(amount);
      }),
    );
  });

  it("is within half a minor unit of the exact percentage", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), fc.integer({ min: 0, max: 10000 }), (amount, rate) => {
        const result = BigInt(percentageOfMinor(amount, rate));
        expect(2n * abs(result * 10000n - BigInt(amount) * BigInt(rate)) <= 10000n).toBe(true);
      }),
    );
  });

  it("never gives a larger sale a smaller commission", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(10 ** 12), max: 10 ** 12 }),
        fc.integer({ min: 0, max: 10 ** 6 }),
        fc.integer({ min: 0, max: 10000 }),
        (amount, more, rate) => {
          expect(percentageOfMinor(amount + more, rate)).toBeGreaterThanOrEqual(percentageOfMinor(amount, rate));
        },
      ),
    );
  });

  it.each([
    [1.5, 1000, "amount_out_of_range"],
    [100, -1, "invalid_rate"],
    [100, 12.5, "invalid_rate"],
    [Number.MAX_SAFE_INTEGER, 20000, "amount_out_of_range"],
  ])("refuses %s at %s bp with %s", (amount, rate, code) => {
    expect(() => percentageOfMinor(amount, rate)).toThrow(expect.objectContaining({ code }));
  });
});
