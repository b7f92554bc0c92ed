import { isCurrencyCode } from "../domain/currency";
import { isDomainError } from "../domain/errors";
import { parseMoney, type Money } from "../domain/money";
import { invalidInput } from "./field-errors";

export type AmountSign = "positive" | "non_zero";

/**
 * Turns a person's amount ("500", "-12.50") into exact minor units of `currency`, or throws
 * `invalid_input` naming the field. Runs after the currency is known (a form may leave it to
 * the shop's default), so it is not part of the zod schema.
 */
export function parseAmountField(input: string, currency: string, sign: AmountSign, field = "amount"): Money {
  if (!isCurrencyCode(currency)) {
    throw invalidInput({ currency: `"${currency}" is not a currency we know. Use a code such as USD.` });
  }
  let parsed: Money;
  try {
    parsed = parseMoney(input, currency);
  } catch (error) {
    if (isDomainError(error)) throw invalidInput({ [field]: error.message });
    throw error;
  }
  if (sign === "positive" && parsed.amountMinor <= 0) {
    throw invalidInput({ [field]: "Enter an amount greater than zero." });
  }
  if (sign === "non_zero" && parsed.amountMinor === 0) {
    throw invalidInput({ [field]: "Enter an amount other than zero: positive for a bonus, negative for a correction." });
  }
  return parsed;
}
