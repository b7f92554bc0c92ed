// PayPal's {value, currency} from the app's integer minor units, and back, exactly: digits are
// moved as a string, never through a float. Pure.
//
// PayPal's currency list (developer.paypal.com "Currency codes") is narrower than ISO 4217, and
// three of its currencies take no decimals at PayPal although ISO gives them two (HUF, TWD) or
// none (JPY): an HUF amount that is not a whole forint cannot be sent and is refused with a
// sentence rather than rounded.
import { minorUnitExponent, parseCurrencyCode } from "~/domain/currency";
import { DomainError } from "~/domain/errors";

/** The currencies PayPal Payouts can send (PayPal's "Currency codes" page). */
export const PAYPAL_CURRENCIES = [
  "AUD",
  "BRL",
  "CAD",
  "CNY",
  "CZK",
  "DKK",
  "EUR",
  "HKD",
  "HUF",
  "ILS",
  "JPY",
  "MYR",
  "MXN",
  "TWD",
  "NZD",
  "NOK",
  "PHP",
  "PLN",
  "GBP",
  "SGD",
  "SEK",
  "CHF",
  "THB",
  "USD",
] as const;

/** PayPal takes these as whole numbers only ("Currency codes": decimal amounts not supported). */
const PAYPAL_WHOLE_NUMBER_CURRENCIES = new Set(["HUF", "JPY", "TWD"]);

export interface PayPalMoney {
  value: string;
  currency: string;
}

export function isPayPalCurrency(currency: string): boolean {
  return (PAYPAL_CURRENCIES as readonly string[]).includes(currency.toUpperCase());
}

/** The decimals PayPal expects for a currency (0 for HUF/JPY/TWD, else ISO's exponent). */
export function payPalDecimals(currency: string): number {
  const code = parseCurrencyCode(currency);
  return PAYPAL_WHOLE_NUMBER_CURRENCIES.has(code) ? 0 : minorUnitExponent(code);
}

/**
 * A positive amount in minor units as PayPal's money object. Refuses (DomainError) a currency
 * PayPal cannot pay, a non-positive or non-integer amount, and a fraction PayPal cannot carry.
 */
export function toPayPalMoney(amountMinor: number | bigint, currency: string): PayPalMoney {
  const code = parseCurrencyCode(currency);
  if (!isPayPalCurrency(code)) {
    throw new DomainError(
      "paypal_currency_unsupported",
      `PayPal Payouts cannot pay in ${code}. Pay this payout with another method, or in one of: ${PAYPAL_CURRENCIES.join(", ")}.`,
      { currency: code },
    );
  }
  if (typeof amountMinor === "number" && !Number.isSafeInteger(amountMinor)) {
    throw new DomainError("amount_out_of_range", "An amount must be a whole number of minor units.", { currency: code });
  }
  const minor = BigInt(amountMinor);
  if (minor <= 0n) {
    throw new DomainError("paypal_amount_not_positive", "A PayPal payout must be for more than zero.", { currency: code });
  }
  const isoExponent = minorUnitExponent(code);
  const decimals = payPalDecimals(code);
  const unitsPerPayPalUnit = 10n ** BigInt(isoExponent - decimals);
  if (minor % unitsPerPayPalUnit !== 0n) {
    throw new DomainError(
      "paypal_amount_fraction",
      `PayPal pays ${code} in whole units only; this amount has a fraction. Adjust the payout to a whole amount or pay it another way.`,
      { currency: code },
    );
  }
  const digits = (minor / unitsPerPayPalUnit).toString().padStart(decimals + 1, "0");
  const value = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return { value, currency: code };
}

/**
 * PayPal's money object back in minor units (for reconciliation). Accepts fewer decimals than the
 * currency's ("5" or "5.5" for USD), refuses more, signs and anything that is not a plain decimal.
 */
export function fromPayPalMoney(money: PayPalMoney): { amountMinor: bigint; currency: string } {
  const code = parseCurrencyCode(money.currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(money.value);
  const exponent = minorUnitExponent(code);
  if (!match || (match[2] ?? "").length > exponent) {
    throw new DomainError("paypal_amount_unreadable", `PayPal sent an amount the app cannot read exactly: "${money.value}" ${code}.`, {
      currency: code,
    });
  }
  const fraction = (match[2] ?? "").padEnd(exponent, "0");
  return { amountMinor: BigInt(match[1]! + fraction), currency: code };
}
