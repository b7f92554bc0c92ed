/** Converts a BigInt column or SQL sum to a JS number, refusing values that would lose precision. */
export function toMinorNumber(value: bigint | number | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const big = typeof value === "bigint" ? value : BigInt(value);
  if (big > BigInt(Number.MAX_SAFE_INTEGER) || big < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount ${big} is outside the exactly representable range`);
  }
  return Number(big);
}
