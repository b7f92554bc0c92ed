import { DomainError } from "./errors";

/**
 * An upper-case ISO 4217 code such as "USD". Always obtained through `parseCurrencyCode` (or a
 * function that calls it), so holding one means it is a code we know the minor unit of.
 * Kept as a plain string alias so values read from the database need no casting.
 */
export type CurrencyCode = string;

// ISO 4217 minor-unit exponents. Everything listed in `TWO_DECIMAL` has 2; the others are the
// exceptions. Source: the ISO 4217 list (current codes), plus a few codes retired since 2023
// (HRK, SLL, ZWL, CUC) that older Shopify orders may still carry.
const ZERO_DECIMAL_ISO = [
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "UYI",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
] as const;

const THREE_DECIMAL_ISO = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"] as const;

const FOUR_DECIMAL_ISO = ["CLF", "UYW"] as const;

const TWO_DECIMAL_ISO = [
  "AED",
  "AFN",
  "ALL",
  "AMD",
  "ANG",
  "AOA",
  "ARS",
  "AUD",
  "AWG",
  "AZN",
  "BAM",
  "BBD",
  "BDT",
  "BGN",
  "BMD",
  "BND",
  "BOB",
  "BOV",
  "BRL",
  "BSD",
  "BTN",
  "BWP",
  "BYN",
  "BZD",
  "CAD",
  "CDF",
  "CHE",
  "CHF",
  "CHW",
  "CNY",
  "COP",
  "COU",
  "CRC",
  "CUC",
  "CUP",
  "CVE",
  "CZK",
  "DKK",
  "DOP",
  "DZD",
  "EGP",
  "ERN",
  "ETB",
  "EUR",
  "FJD",
  "FKP",
  "GBP",
  "GEL",
  "GHS",
  "GIP",
  "GMD",
  "GTQ",
  "GYD",
  "HKD",
  "HNL",
  "HRK",
  "HTG",
  "HUF",
  "IDR",
  "ILS",
  "INR",
  "IRR",
  "JMD",
  "KES",
  "KGS",
  "KHR",
  "KPW",
  "KYD",
  "KZT",
  "LAK",
  "LBP",
  "LKR",
  "LRD",
  "LSL",
  "MAD",
  "MDL",
  "MGA",
  "MKD",
  "MMK",
  "MNT",
  "MOP",
  "MRU",
  "MUR",
  "MVR",
  "MWK",
  "MXN",
  "MXV",
  "MYR",
  "MZN",
  "NAD",
  "NGN",
  "NIO",
  "NOK",
  "NPR",
  "NZD",
  "PAB",
  "PEN",
  "PGK",
  "PHP",
  "PKR",
  "PLN",
  "QAR",
  "RON",
  "RSD",
  "RUB",
  "SAR",
  "SBD",
  "SCR",
  "SDG",
  "SEK",
  "SGD",
  "SHP",
  "SLE",
  "SLL",
  "SOS",
  "SRD",
  "SSP",
  "STN",
  "SVC",
  "SYP",
  "SZL",
  "THB",
  "TJS",
  "TMT",
  "TOP",
  "TRY",
  "TTD",
  "TWD",
  "TZS",
  "UAH",
  "USD",
  "USN",
  "UYU",
  "UZS",
  "VED",
  "VES",
  "WST",
  "XCD",
  "XCG",
  "YER",
  "ZAR",
  "ZMW",
  "ZWG",
  "ZWL",
] as const;

const ISO_MINOR_UNIT_EXPONENT: ReadonlyMap<string, number> = new Map<string, number>([
  ...ZERO_DECIMAL_ISO.map((code) => [code, 0] as const),
  ...TWO_DECIMAL_ISO.map((code) => [code, 2] as const),
  ...THREE_DECIMAL_ISO.map((code) => [code, 3] as const),
  ...FOUR_DECIMAL_ISO.map((code) => [code, 4] as const),
]);

/** Every currency code this product knows, sorted. */
export const KNOWN_CURRENCY_CODES: readonly CurrencyCode[] = [...ISO_MINOR_UNIT_EXPONENT.keys()].sort();

export function isCurrencyCode(code: unknown): code is CurrencyCode {
  return typeof code === "string" && ISO_MINOR_UNIT_EXPONENT.has(code);
}

/** Accepts " usd " as well as "USD"; rejects anything that is not a known ISO 4217 code. */
export function parseCurrencyCode(input: string): CurrencyCode {
  const code = String(input ?? "")
    .trim()
    .toUpperCase();
  if (!isCurrencyCode(code)) {
    throw new DomainError(
      "unknown_currency",
      code === "" ? "Choose a currency." : `"${code}" is not a currency we know. Use a three-letter ISO 4217 code such as USD.`,
      { input },
    );
  }
  return code;
}

/** How many decimals the currency has: USD 2 (cents), JPY 0, KWD 3. */
export function minorUnitExponent(currency: CurrencyCode): number {
  return ISO_MINOR_UNIT_EXPONENT.get(parseCurrencyCode(currency)) as number;
}

// ---------------------------------------------------------------------------------------------
// Stripe's view of currencies.
//
// What we found (docs.stripe.com/currencies, "Zero-decimal", "Three-decimal" and "Special cases"
// sections, and support.stripe.com "Deprecation of fractional ISK charges"):
// - Stripe amounts are integers in Stripe's minor unit, which mostly but not always equals ISO's.
// - Zero-decimal in Stripe: BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF.
//   UGX used to be a special case (two-decimal amount divisible by 100) and is now listed as
//   plain zero-decimal, so 1 UGX is sent as 1. MGA is zero-decimal in Stripe but has 2 decimals
//   in ISO, so only whole ariary can be sent.
// - Three-decimal in Stripe: BHD JOD KWD OMR TND. Stripe's payment partners need the last digit
//   to be 0 ("5.124 KWD must be rounded to 5120 or 5130"); we apply that to transfers too, to be
//   safe.
// - ISK: zero-decimal in ISO but Stripe keeps it two-decimal for backwards compatibility; since
//   14 April 2023 amounts must be divisible by 100 (ISK 5 is sent as 500).
// - HUF and TWD: two-decimal in the API, but payouts must be whole units (amount divisible by
//   100). We treat transfers to creators the same way, because a creator's balance in fractional
//   forint or Taiwan dollars could never be paid out of their Stripe account.
// - Other ISO three/four-decimal currencies (IQD, LYD, CLF, UYW) are not Stripe currencies.
// ---------------------------------------------------------------------------------------------

export const STRIPE_ZERO_DECIMAL_CURRENCIES = [
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "JPY",
  "KMF",
  "KRW",
  "MGA",
  "PYG",
  "RWF",
  "UGX",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
] as const;

export const STRIPE_THREE_DECIMAL_CURRENCIES = ["BHD", "JOD", "KWD", "OMR", "TND"] as const;

/** Two-decimal in Stripe's API, but only whole units can be sent (amount divisible by 100). */
export const STRIPE_WHOLE_UNITS_ONLY_CURRENCIES = ["ISK", "HUF", "TWD"] as const;

function isStripeThreeDecimal(currency: CurrencyCode): boolean {
  return (STRIPE_THREE_DECIMAL_CURRENCIES as readonly string[]).includes(currency);
}

function stripeExponent(currency: CurrencyCode): number {
  if ((STRIPE_ZERO_DECIMAL_CURRENCIES as readonly string[]).includes(currency)) return 0;
  if (isStripeThreeDecimal(currency)) return 3;
  if (minorUnitExponent(currency) > 2) {
    throw new DomainError("stripe_currency_unsupported", `Stripe cannot pay in ${currency}. Pay this creator offline instead.`, {
      currency,
    });
  }
  return 2;
}

function assertSafeInteger(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount)) {
    throw new DomainError("amount_out_of_range", `${what} must be a whole number of minor units.`, {
      amount,
    });
  }
}

/**
 * Converts our ISO minor units into the integer Stripe expects in `amount`.
 * Throws `stripe_amount_not_exact` when Stripe's unit is coarser and the amount would lose
 * value (e.g. MGA 12.50 cannot be sent: Stripe only takes whole ariary).
 */
export function stripeAmountFromMinor(currency: CurrencyCode, amountMinor: number): number {
  const code = parseCurrencyCode(currency);
  assertSafeInteger(amountMinor, "The amount");
  const shift = stripeExponent(code) - minorUnitExponent(code);
  if (shift >= 0) {
    const stripeAmount = amountMinor * 10 ** shift;
    assertSafeInteger(stripeAmount, "The Stripe amount");
    return stripeAmount;
  }
  const divisor = 10 ** -shift;
  if (amountMinor % divisor !== 0) {
    throw new DomainError("stripe_amount_not_exact", `Stripe only accepts whole ${code} amounts; this amount has a fraction.`, {
      currency: code,
      amountMinor,
    });
  }
  return amountMinor / divisor;
}

/** The inverse of `stripeAmountFromMinor`, for amounts Stripe reports back (transfers, reversals). */
export function minorFromStripeAmount(currency: CurrencyCode, stripeAmount: number): number {
  const code = parseCurrencyCode(currency);
  assertSafeInteger(stripeAmount, "The Stripe amount");
  const shift = minorUnitExponent(code) - stripeExponent(code);
  if (shift >= 0) {
    const amountMinor = stripeAmount * 10 ** shift;
    assertSafeInteger(amountMinor, "The amount");
    return amountMinor;
  }
  const divisor = 10 ** -shift;
  if (stripeAmount % divisor !== 0) {
    // ISK from Stripe is two-decimal; a fractional króna cannot be represented in ISO ISK.
    throw new DomainError("stripe_amount_not_exact", `Stripe reported a ${code} amount with a fraction that ${code} does not have.`, {
      currency: code,
      stripeAmount,
    });
  }
  return stripeAmount / divisor;
}

/**
 * Why this amount cannot be sent to a creator as a Stripe transfer exactly, or null when it can.
 * Callers show the sentence to the merchant and suggest paying a rounded amount or offline.
 */
export function stripeTransferAmountProblem(currency: CurrencyCode, amountMinor: number): string | null {
  if (!isCurrencyCode(currency)) return `"${currency}" is not a currency we know.`;
  if (!Number.isSafeInteger(amountMinor)) return "The amount is not a whole number of minor units.";
  if (amountMinor <= 0) return "A transfer must be for more than zero.";
  if (minorUnitExponent(currency) > 2 && !isStripeThreeDecimal(currency)) {
    return `Stripe cannot pay in ${currency}.`;
  }
  const shift = stripeExponent(currency) - minorUnitExponent(currency);
  if (shift < 0 && amountMinor % 10 ** -shift !== 0) {
    return `Stripe only accepts whole ${currency} amounts.`;
  }
  const stripeAmount = stripeAmountFromMinor(currency, amountMinor);
  if ((STRIPE_WHOLE_UNITS_ONLY_CURRENCIES as readonly string[]).includes(currency) && stripeAmount % 100 !== 0) {
    return `Stripe only transfers whole ${currency} amounts.`;
  }
  if (isStripeThreeDecimal(currency) && stripeAmount % 10 !== 0) {
    return `Stripe needs ${currency} amounts whose last decimal is 0 (e.g. 5.120, not 5.124).`;
  }
  return null;
}
