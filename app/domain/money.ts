import { amountLimitProblem } from "./amount-limits";
import { type CurrencyCode, minorUnitExponent, parseCurrencyCode } from "./currency";
import { DomainError } from "./errors";

/**
 * An exact amount: an integer count of the currency's minor unit (cents for USD, yen for JPY,
 * fils for KWD) and the currency it is counted in. Never a float, never without its currency.
 */
export interface Money {
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
}

function assertAmountInRange(amountMinor: number, details?: Record<string, unknown>): void {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new DomainError(
      "amount_out_of_range",
      Number.isNaN(amountMinor) || typeof amountMinor !== "number"
        ? "An amount must be a number of minor units."
        : Number.isInteger(amountMinor) || !Number.isFinite(amountMinor)
          ? "That amount is too large to handle exactly."
          : "An amount must be a whole number of minor units (cents), not a fraction.",
      { amountMinor, ...details },
    );
  }
}

function fromBigInt(amountMinor: bigint, currency: CurrencyCode): Money {
  const asNumber = Number(amountMinor);
  if (!Number.isSafeInteger(asNumber)) {
    throw new DomainError("amount_out_of_range", "That amount is too large to handle exactly.", {
      amountMinor: amountMinor.toString(),
      currency,
    });
  }
  return { amountMinor: asNumber, currency };
}

/** Builds a Money after checking the amount is a safe integer and the currency a known code. */
export function money(amountMinor: number, currency: string): Money {
  const code = parseCurrencyCode(currency);
  assertAmountInRange(amountMinor, { currency: code });
  return { amountMinor, currency: code };
}

export function zeroMoney(currency: string): Money {
  return money(0, currency);
}

function assertMoney(value: Money): void {
  money(value.amountMinor, value.currency);
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new DomainError("currency_mismatch", `Cannot combine ${a.currency} and ${b.currency} amounts; no exchange rate is applied.`, {
      left: a.currency,
      right: b.currency,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

function invalidAmount(message: string, input: string, currency: CurrencyCode): DomainError {
  return new DomainError("invalid_amount", message, { input, currency });
}

function tooManyDecimalsMessage(currency: CurrencyCode, exponent: number): string {
  if (exponent === 0) return `${currency} amounts have no decimals.`;
  return `${currency} amounts have at most ${exponent} decimal${exponent === 1 ? "" : "s"}.`;
}

/** Every parsed amount is an input: it must be within the business maximum (amount-limits.ts). */
function withinLimit(amountMinor: bigint, input: string, currency: CurrencyCode): Money {
  const problem = amountLimitProblem(amountMinor, currency);
  if (problem) throw new DomainError("amount_over_limit", problem, { input, currency });
  return fromBigInt(amountMinor, currency);
}

/** Joins sign, whole digits and fraction digits into minor units, exactly. */
function minorFromDigits(negative: boolean, wholeDigits: string, fractionDigits: string, exponent: number): bigint {
  const magnitude = BigInt((wholeDigits || "0") + fractionDigits.padEnd(exponent, "0"));
  return negative ? -magnitude : magnitude;
}

const GROUPED_WHOLE = /^\d{1,3}(,\d{3})+$/;

/**
 * Parses what a person typed into an amount field: "12.5", "1,234.56", "-3.00", ".5",
 * "0.001" for KWD. Commas may group thousands; the point is the decimal separator.
 * Rejects, with a sentence saying what to fix: empty input, letters, exponent notation
 * ("1e3"), misplaced commas, and more decimals than the currency has ("JPY amounts have no
 * decimals"), and amounts over the business maximum (app/domain/amount-limits.ts).
 */
export function parseMoney(input: string, currency: string): Money {
  const code = parseCurrencyCode(currency);
  const exponent = minorUnitExponent(code);
  const text = String(input ?? "").trim();

  if (text === "") throw invalidAmount("Enter an amount.", input, code);
  if (/^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(text)) {
    throw invalidAmount("Write the amount in full, like 1500, not 1.5e3.", input, code);
  }
  if (!/^[+-]?[\d.,]*$/.test(text)) {
    throw invalidAmount("Use only digits, a decimal point and an optional minus sign, like 1,234.56.", input, code);
  }

  const negative = text.startsWith("-");
  const unsigned = text.replace(/^[+-]/, "");
  const parts = unsigned.split(".");
  if (parts.length > 2) throw invalidAmount("Use at most one decimal point.", input, code);
  const [wholePart = "", fractionPart = ""] = parts;

  if (wholePart.includes(",") && !GROUPED_WHOLE.test(wholePart)) {
    throw invalidAmount("Use commas only to group thousands, like 1,234.56.", input, code);
  }
  if (fractionPart.includes(",")) {
    throw invalidAmount("Use a point for decimals and commas only for thousands, like 1,234.56.", input, code);
  }
  const wholeDigits = wholePart.replace(/,/g, "");
  if (wholeDigits === "" && fractionPart === "") throw invalidAmount("Enter an amount.", input, code);
  if (fractionPart.length > exponent) {
    throw invalidAmount(tooManyDecimalsMessage(code, exponent), input, code);
  }
  return withinLimit(minorFromDigits(negative, wholeDigits, fractionPart, exponent), input, code);
}

/**
 * Parses an exact decimal string from an API, such as Shopify's "45.00" or "-3.5".
 * Stricter about format than `parseMoney` (no commas, no "+", no bare point) but tolerant of
 * trailing zeros past the currency's exponent ("1000.00" for JPY), which Shopify sends.
 * A non-zero digit past the exponent means the amount cannot be represented: invalid_amount.
 * An amount over the business maximum is `amount_over_limit`.
 */
export function parseDecimalString(str: string, currency: string): Money {
  const code = parseCurrencyCode(currency);
  const exponent = minorUnitExponent(code);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(str ?? "").trim());
  if (!match) {
    throw invalidAmount(`"${str}" is not a decimal amount like 45.00.`, str, code);
  }
  const [, sign, wholeDigits = "", fractionDigits = ""] = match;
  const kept = fractionDigits.slice(0, exponent);
  const dropped = fractionDigits.slice(exponent);
  if (/[1-9]/.test(dropped)) {
    throw invalidAmount(`"${str}" has more precision than ${code} allows (${tooManyDecimalsMessage(code, exponent)})`, str, code);
  }
  return withinLimit(minorFromDigits(sign === "-", wholeDigits, kept, exponent), str, code);
}

// ---------------------------------------------------------------------------------------------
// Presenting
// ---------------------------------------------------------------------------------------------

/**
 * An amount read back for display: a sum read from SQL may lie beyond the range a number holds
 * exactly (rows written before the amount cap, or very many amounts), so it may be a bigint.
 * Only sums read for display carry one; arithmetic uses `Money`.
 */
export type DisplayMinor = number | bigint;

export interface DisplayMoney {
  readonly amountMinor: DisplayMinor;
  readonly currency: CurrencyCode;
}

/** The amount in major units as an exact decimal string: "12.34", "-0.05", "1000" for JPY. */
export function toDecimalString(m: DisplayMoney): string {
  const code = parseCurrencyCode(m.currency);
  if (typeof m.amountMinor !== "bigint") assertAmountInRange(m.amountMinor, { currency: code });
  const exponent = minorUnitExponent(code);
  const amount = BigInt(m.amountMinor);
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(exponent + 1, "0");
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? "" : `.${digits.slice(-exponent)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

// Intl formatters are costly to build and a page shows dozens of amounts: one per locale and
// currency, kept for the life of the process.
const moneyFormatters = new Map<string, Intl.NumberFormat>();

function moneyFormatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = moneyFormatters.get(key);
  if (!formatter) {
    const exponent = minorUnitExponent(currency);
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    moneyFormatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats for people, e.g. "$1,234.50", "¥1,000", "KWD 1.250". The decimal string is handed
 * to Intl as a string so no float conversion can change the digits (bigint sums included).
 */
export function formatMoney(m: DisplayMoney, locale = "en-US"): string {
  return moneyFormatter(locale, m.currency).format(toDecimalString(m) as Intl.StringNumericLiteral);
}

/** "1234.50 USD": exact digits with the code beside them, for sentences and plain-text files. */
export function formatMoneyWithCode(m: DisplayMoney): string {
  return `${toDecimalString(m)} ${m.currency}`;
}

// ---------------------------------------------------------------------------------------------
// Arithmetic (exact, same currency only)
// ---------------------------------------------------------------------------------------------

export function addMoney(a: Money, b: Money): Money {
  assertMoney(a);
  assertMoney(b);
  assertSameCurrency(a, b);
  return fromBigInt(BigInt(a.amountMinor) + BigInt(b.amountMinor), a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertMoney(a);
  assertMoney(b);
  assertSameCurrency(a, b);
  return fromBigInt(BigInt(a.amountMinor) - BigInt(b.amountMinor), a.currency);
}

export function negateMoney(a: Money): Money {
  assertMoney(a);
  // `0 - 0` keeps zero as +0 (unary minus would give -0, which prints as "-0").
  return { amountMinor: 0 - a.amountMinor, currency: a.currency };
}

/** Sums amounts of one currency; the currency is explicit so an empty list has a well-defined sum. */
export function sumMoney(list: readonly Money[], currency: string): Money {
  const code = parseCurrencyCode(currency);
  let total = 0n;
  for (const item of list) {
    assertMoney(item);
    assertSameCurrency({ amountMinor: 0, currency: code }, item);
    total += BigInt(item.amountMinor);
  }
  return fromBigInt(total, code);
}

/** -1, 0 or 1, like a sort comparator; only for amounts of the same currency. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertMoney(a);
  assertMoney(b);
  assertSameCurrency(a, b);
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}
