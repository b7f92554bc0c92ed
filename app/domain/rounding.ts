import { DomainError } from "./errors";

/**
 * THE rounding rule of the product: the exact quotient numerator / denominator rounded to the
 * nearest integer, with exact halves rounded away from zero.
 *
 * This is "half-up" as merchants and accountants understand it: 0.5 → 1, 1.5 → 2, 2.5 → 3, and
 * symmetrically -0.5 → -1, so a refund's commission is the exact mirror of the sale's.
 * (Not banker's rounding, and not Math.round, which sends -0.5 to -0.)
 *
 * Works on bigint so no intermediate product can overflow or pick up float error. Every amount
 * in the product that needs rounding is rounded here, once.
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) {
    throw new DomainError("division_by_zero", "Cannot round a quotient whose denominator is zero.");
  }
  // Normalise so the denominator is positive; the sign then lives in the numerator alone.
  const n = denominator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;

  const truncated = n / d; // bigint division truncates toward zero
  const remainder = n % d; // same sign as n
  const absRemainder = remainder < 0n ? -remainder : remainder;
  if (2n * absRemainder >= d) {
    return n < 0n ? truncated - 1n : truncated + 1n;
  }
  return truncated;
}

/** 10000 basis points = 100 %; 1250 bp = 12.50 %. */
export const BASIS_POINTS_PER_WHOLE = 10_000;

/**
 * `rateBasisPoints` of `amountMinor`, rounded once with `roundHalfUp`.
 * Example: 12.50 % of USD 19.99 (1999 minor) = 249.875 → 250.
 */
export function percentageOfMinor(amountMinor: number, rateBasisPoints: number): number {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new DomainError("amount_out_of_range", "The amount must be a whole number of minor units.", {
      amountMinor,
    });
  }
  if (!Number.isSafeInteger(rateBasisPoints) || rateBasisPoints < 0) {
    throw new DomainError("invalid_rate", "A percentage rate must be a whole, non-negative number of basis points (1250 = 12.50 %).", {
      rateBasisPoints,
    });
  }
  const result = roundHalfUp(BigInt(amountMinor) * BigInt(rateBasisPoints), BigInt(BASIS_POINTS_PER_WHOLE));
  const asNumber = Number(result);
  if (!Number.isSafeInteger(asNumber)) {
    throw new DomainError("amount_out_of_range", "The result is too large to be an amount.", {
      amountMinor,
      rateBasisPoints,
    });
  }
  return asNumber;
}
