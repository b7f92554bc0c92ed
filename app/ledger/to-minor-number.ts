import { DomainError } from "../domain/errors";
import type { DisplayMinor } from "../domain/money";

type SqlInteger = bigint | number | string | { toString(): string } | null | undefined;

function toBigInt(value: SqlInteger): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(value);
  // SUM(bigint) is numeric in PostgreSQL: Prisma hands back a Decimal, whose text is exact.
  return BigInt(value.toString());
}

function isExactNumber(value: bigint): boolean {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER);
}

/**
 * Converts ONE stored amount (a BigInt column) to a number for arithmetic. Every amount written
 * since the cap (app/domain/amount-limits.ts) is at most 10^11 minor units, far inside the exact
 * range; this refuses anything that would lose precision rather than compute with a wrong number.
 * Sums read for display go through `toDisplayMinor`, which never throws.
 */
export function toMinorNumber(value: SqlInteger): number {
  const big = toBigInt(value);
  if (!isExactNumber(big)) {
    // Only rows written before the cap can get here; an action on them explains itself instead of failing.
    throw new DomainError("amount_out_of_range", "This balance is too large to change here exactly; adjust it in smaller steps.", {
      amountMinor: big.toString(),
    });
  }
  return Number(big);
}

/**
 * Converts a SQL SUM for display, never losing a digit and never throwing: a number when it is
 * exact (always, for a sum of fewer than 90,000 amounts at the cap), else the bigint, which
 * `formatMoney`/`toDecimalString` print exactly. A page must show a ledger that rows written
 * before the cap pushed past 2^53 (the ledger is append-only: nothing repairs it), not fail.
 */
export function toDisplayMinor(value: SqlInteger): DisplayMinor {
  const big = toBigInt(value);
  return isExactNumber(big) ? Number(big) : big;
}

/** Exact sum of display amounts (a number while it stays exact). */
export function addDisplayMinor(...values: readonly DisplayMinor[]): DisplayMinor {
  return toDisplayMinor(values.reduce<bigint>((sum, value) => sum + BigInt(value), 0n));
}

/** Exact difference of display amounts. */
export function subtractDisplayMinor(a: DisplayMinor, b: DisplayMinor): DisplayMinor {
  return toDisplayMinor(BigInt(a) - BigInt(b));
}
