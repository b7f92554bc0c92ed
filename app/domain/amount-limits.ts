import { type CurrencyCode, minorUnitExponent, parseCurrencyCode } from "./currency";

/**
 * THE business maximum of one amount: 10^11 minor units, in every currency.
 *
 * One amount is one thing a person, Shopify or Stripe hands us: a fee, an adjustment, a payout
 * request, a minimum, a plan's flat amount, a campaign budget, an order line. In major units the
 * cap is USD/EUR 1,000,000,000.00, JPY 100,000,000,000, KWD 100,000,000.000 — far above any real
 * creator fee, adjustment, order line or payout, yet small enough that:
 * - any amount times a rate in basis points (×10^4) or Stripe's ×100 unit shift stays exact;
 * - a sum needs more than 90,000 amounts at the cap (2^53 / 10^11 ≈ 90,071) before it leaves the
 *   range a JavaScript number holds exactly. Reads still never assume that bound: sums are read
 *   from SQL as exact integers and formatted exactly even beyond it (app/ledger/to-minor-number.ts).
 *
 * Why minor units and not major units per currency: exactness is a property of the count of minor
 * units, so one number protects every currency alike, and the database can enforce the same
 * number on every ledger entry (migration `ledger_entry_amount_limit`). The weakest currencies get
 * the smallest cap in value (IDR 1,000,000,000.00 ≈ USD 60,000 per single amount); larger sums
 * are still reached by several amounts (several fees, several payouts).
 *
 * Before this cap, two adjustments near 2^53 made every balance sum unreadable (issue 11 §5).
 */
export const MAX_AMOUNT_MINOR = 100_000_000_000;

/**
 * The largest amount of one ledger entry: 100 amounts at the cap. Entries that reserve, pay or
 * cancel a payout carry the sum of its items, so they may exceed the per-amount cap; a payout of
 * more than a hundred maximal amounts is not a real payout. The database enforces the same bound.
 */
export const MAX_LEDGER_ENTRY_MINOR = 100 * MAX_AMOUNT_MINOR;

/** The largest single amount of `currency` in minor units (the same count for every currency). */
export function maxAmountMinor(currency: CurrencyCode): number {
  parseCurrencyCode(currency);
  return MAX_AMOUNT_MINOR;
}

/** The cap written for people: "1,000,000,000.00" for USD, "100,000,000,000" for JPY. */
export function formatMaxAmount(currency: CurrencyCode): string {
  const exponent = minorUnitExponent(currency);
  const digits = maxAmountMinor(currency).toString();
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return exponent === 0 ? grouped : `${grouped}.${digits.slice(-exponent)}`;
}

/** True when |amountMinor| is within the cap (a negative amount is capped like its opposite). */
export function isWithinAmountLimit(amountMinor: number | bigint, currency: CurrencyCode): boolean {
  const max = BigInt(maxAmountMinor(currency));
  if (typeof amountMinor === "number" && !Number.isSafeInteger(amountMinor)) return false;
  const value = BigInt(amountMinor);
  return value <= max && value >= -max;
}

/** The sentence shown when an amount is over the cap, or null when it is within it. */
export function amountLimitProblem(amountMinor: number | bigint, currency: CurrencyCode): string | null {
  if (isWithinAmountLimit(amountMinor, currency)) return null;
  const code = parseCurrencyCode(currency);
  return `An amount can be at most ${code} ${formatMaxAmount(code)}.`;
}
