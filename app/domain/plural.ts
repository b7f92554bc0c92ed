// Counted nouns in sentences ("1 payout failed", "3 payouts failed"): English only has one and
// many, but the many form is not always singular + "s" (creator has / creators have), so both
// forms are given.

/** The form of a word or phrase for `count`: `one` for exactly 1, `many` otherwise (0 included). */
export function pluralForm(count: number | bigint, one: string, many: string): string {
  return count === 1 || count === 1n ? one : many;
}

/** "1 payout" / "3 payouts": the count, then the form that agrees with it. */
export function countOf(count: number | bigint, one: string, many: string): string {
  return `${count} ${pluralForm(count, one, many)}`;
}
