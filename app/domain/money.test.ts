import fc from "fast-check";
import { MAX_AMOUNT_MINOR } from "./amount-limits";
import { describe, expect, it, vi } from "vitest";
import { KNOWN_CURRENCY_CODES, minorUnitExponent } from "./currency";
import { DomainError } from "./errors";
import {
  type Money,
  addMoney,
  compareMoney,
  formatMoney,
  formatMoneyWithCode,
  money,
  negateMoney,
  parseDecimalString,
  parseMoney,
  subtractMoney,
  sumMoney,
  toDecimalString,
  zeroMoney,
} from "./money";

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError, nothing was thrown");
}

const currencies = fc.constantFrom(...KNOWN_CURRENCY_CODES);
const safeAmount = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const moneyIn = (currency: string) => safeAmount.map((amountMinor): Money => ({ amountMinor, currency }));

/** "1234567" → "1,234,567": what a person might type. */
function groupThousands(decimal: string): string {
  const [whole = "", fraction] = decimal.replace("-", "").split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${decimal.startsWith("-") ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

describe("money()", () => {
  it("normalises the currency code and keeps the amount", () => {
    expect(money(1250, "usd")).toEqual({ amountMinor: 1250, currency: "USD" });
  });

  it.each([
    [1.5, "USD", "amount_out_of_range"],
    [Number.MAX_SAFE_INTEGER + 1, "USD", "amount_out_of_range"],
    [Number.NaN, "USD", "amount_out_of_range"],
    [100, "ABC", "unknown_currency"],
  ])("refuses %s %s", (amount, currency, code) => {
    expect(thrown(() => money(amount, currency)).code).toBe(code);
  });
});

describe("parsing what a merchant types", () => {
  it.each([
    ["12.5", "USD", 1250],
    ["1,234.56", "USD", 123456],
    ["-3.00", "USD", -300],
    ["0.001", "KWD", 1],
    ["1000", "JPY", 1000],
    ["1,000,000", "JPY", 1000000],
    [".5", "USD", 50],
    ["5.", "USD", 500],
    ["  7 ", "EUR", 700],
    ["+2", "USD", 200],
    ["-0", "USD", 0],
    ["0.0001", "CLF", 1],
  ])("%j in %s is %i minor units", (input, currency, amountMinor) => {
    expect(parseMoney(input, currency)).toEqual({ amountMinor, currency });
  });

  it.each([
    ["", "USD", /Enter an amount/],
    ["   ", "USD", /Enter an amount/],
    ["-", "USD", /Enter an amount/],
    [".", "USD", /Enter an amount/],
    ["12.50", "JPY", /JPY amounts have no decimals/],
    ["1.234", "USD", /USD amounts have at most 2 decimals/],
    ["0.0001", "KWD", /KWD amounts have at most 3 decimals/],
    ["1e3", "USD", /in full/],
    ["1.5E-2", "USD", /in full/],
    ["12abc", "USD", /only digits/],
    ["$12", "USD", /only digits/],
    ["1 000", "USD", /only digits/],
    ["--3", "USD", /only digits/],
    ["1,23", "USD", /group thousands/],
    ["12,5", "EUR", /group thousands/],
    [",100", "USD", /group thousands/],
    ["1.2.3", "USD", /one decimal point/],
    ["1.234,5", "USD", /point for decimals/],
  ])("%j in %s is refused: %s", (input, currency, message) => {
    const error = thrown(() => parseMoney(input, currency));
    expect(error.code).toBe("invalid_amount");
    expect(error.message).toMatch(message);
  });

  it("refuses amounts over the business maximum (amount-limits.ts), however many digits", () => {
    expect(thrown(() => parseMoney("90071992547409.92", "USD")).code).toBe("amount_over_limit");
    expect(thrown(() => parseMoney("90071992547409.91", "USD")).code).toBe("amount_over_limit");
    expect(parseMoney("1,000,000,000.00", "USD").amountMinor).toBe(MAX_AMOUNT_MINOR);
  });

  it("reads back every amount it writes, with or without thousands separators", () => {
    fc.assert(
      fc.property(currencies.chain(moneyIn), (m) => {
        const decimal = toDecimalString(m);
        if (Math.abs(m.amountMinor) > MAX_AMOUNT_MINOR) {
          expect(thrown(() => parseMoney(decimal, m.currency)).code).toBe("amount_over_limit");
          return;
        }
        expect(parseMoney(decimal, m.currency)).toEqual(m);
        expect(parseMoney(groupThousands(decimal), m.currency)).toEqual(m);
      }),
    );
  });
});

describe("parsing Shopify's decimal strings", () => {
  it.each([
    ["45.00", "USD", 4500],
    ["45.0", "USD", 4500],
    ["45", "USD", 4500],
    ["-3.5", "USD", -350],
    ["1000.00", "JPY", 1000], // Shopify pads yen with zeros
    ["1.2340", "KWD", 1234],
    ["0.00", "USD", 0],
    ["1000000000.00", "USD", MAX_AMOUNT_MINOR],
  ])("%j in %s is %i minor units", (input, currency, amountMinor) => {
    expect(parseDecimalString(input, currency)).toEqual({ amountMinor, currency });
  });

  it.each([
    ["1.2345", "KWD", "invalid_amount"],
    ["1000.50", "JPY", "invalid_amount"],
    ["1,000.00", "USD", "invalid_amount"],
    ["", "USD", "invalid_amount"],
    ["1e3", "USD", "invalid_amount"],
    [".5", "USD", "invalid_amount"],
    ["+5", "USD", "invalid_amount"],
    ["90071992547409.92", "USD", "amount_over_limit"],
    ["1000000000.01", "USD", "amount_over_limit"],
  ])("%j in %s is refused with %s", (input, currency, code) => {
    expect(thrown(() => parseDecimalString(input, currency)).code).toBe(code);
  });

  it("agrees with BigInt arithmetic on any digit string", () => {
    fc.assert(
      fc.property(
        currencies,
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 9_000_000_000n }),
        fc.nat({ max: 4 }),
        (currency, negative, minor, extraZeros) => {
          const exponent = minorUnitExponent(currency);
          const digits = minor.toString().padStart(exponent + 1, "0");
          const text =
            (negative ? "-" : "") +
            (exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`) +
            (extraZeros > 0 ? (exponent === 0 ? "." : "") + "0".repeat(extraZeros) : "");
          expect(parseDecimalString(text, currency).amountMinor).toBe(Number(negative ? -minor : minor));
        },
      ),
    );
  });
});

describe("presenting amounts", () => {
  it.each([
    [1234, "USD", "12.34"],
    [-5, "USD", "-0.05"],
    [0, "USD", "0.00"],
    [1000, "JPY", "1000"],
    [-1000, "JPY", "-1000"],
    [1, "KWD", "0.001"],
    [-1234567, "CLF", "-123.4567"],
    [Number.MAX_SAFE_INTEGER, "USD", "90071992547409.91"],
  ])("%s %s is %j", (amountMinor, currency, decimal) => {
    expect(toDecimalString({ amountMinor, currency })).toBe(decimal);
  });

  it.each([
    [123450, "USD", "en-US", "$1,234.50"],
    [1000, "JPY", "en-US", "¥1,000"],
    [1250, "KWD", "en-US", "KWD\u00a01.250"],
    [-5, "USD", "en-US", "-$0.05"],
    [0, "USD", "en-US", "$0.00"],
    [Number.MAX_SAFE_INTEGER, "USD", "en-US", "$90,071,992,547,409.91"], // a float would print .92
    [123450, "EUR", "de-DE", "1.234,50\u00a0€"],
  ])("%s %s in %s reads %j", (amountMinor, currency, locale, text) => {
    expect(formatMoney({ amountMinor, currency }, locale)).toBe(text);
  });

  it("builds one Intl formatter per locale and currency, however many amounts it formats", () => {
    const built = vi.spyOn(Intl, "NumberFormat");
    const texts = [1, 2, 3].map((amountMinor) => formatMoney({ amountMinor, currency: "CHF" }, "fr-CH"));
    expect(texts.map((text) => text.replace(/\s/g, " "))).toEqual(["0.01 CHF", "0.02 CHF", "0.03 CHF"]);
    expect(built.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it.each([
    [12345, "USD", "123.45 USD"],
    [-5, "EUR", "-0.05 EUR"],
    [1000, "JPY", "1000 JPY"],
  ])("writes %s %s in sentences and plain text as %j", (amountMinor, currency, text) => {
    expect(formatMoneyWithCode({ amountMinor, currency })).toBe(text);
  });

  it("shows exactly the currency's number of decimals", () => {
    fc.assert(
      fc.property(currencies.chain(moneyIn), (m) => {
        const exponent = minorUnitExponent(m.currency);
        const text = formatMoney(m);
        const digitsAfterPoint = /\.(\d+)/.exec(text)?.[1] ?? "";
        expect(digitsAfterPoint.length).toBe(exponent);
        expect(text.replace(/[^\d]/g, "").replace(/^0+(?=\d)/, "")).toBe(
          Math.abs(m.amountMinor)
            .toString()
            .padStart(exponent + 1, "0")
            .replace(/^0+(?=\d)/, ""),
        );
      }),
    );
  });
});

describe("arithmetic", () => {
  it("adds, subtracts, negates and sums amounts of one currency", () => {
    const a = money(1050, "USD");
    const b = money(-300, "USD");
    expect(addMoney(a, b)).toEqual(money(750, "USD"));
    expect(subtractMoney(a, b)).toEqual(money(1350, "USD"));
    expect(negateMoney(a)).toEqual(money(-1050, "USD"));
    expect(sumMoney([a, b, a], "USD")).toEqual(money(1800, "USD"));
    expect(sumMoney([], "JPY")).toEqual(zeroMoney("JPY"));
    expect(compareMoney(a, b)).toBe(1);
    expect(compareMoney(b, a)).toBe(-1);
    expect(compareMoney(a, a)).toBe(0);
  });

  it("never produces negative zero", () => {
    expect(Object.is(negateMoney(money(0, "USD")).amountMinor, 0)).toBe(true);
  });

  it("refuses to mix currencies: no exchange rate is ever invented", () => {
    const usd = money(100, "USD");
    const eur = money(100, "EUR");
    for (const attempt of [
      () => addMoney(usd, eur),
      () => subtractMoney(usd, eur),
      () => sumMoney([usd, eur], "USD"),
      () => sumMoney([usd], "EUR"),
      () => compareMoney(usd, eur),
    ]) {
      expect(thrown(attempt).code).toBe("currency_mismatch");
    }
  });

  it("refuses results it cannot count exactly", () => {
    const max = money(Number.MAX_SAFE_INTEGER, "USD");
    expect(thrown(() => addMoney(max, money(1, "USD"))).code).toBe("amount_out_of_range");
    expect(thrown(() => subtractMoney(negateMoney(max), money(1, "USD"))).code).toBe("amount_out_of_range");
    expect(thrown(() => sumMoney([max, max], "USD")).code).toBe("amount_out_of_range");
    expect(thrown(() => addMoney({ amountMinor: 0.5, currency: "USD" }, money(1, "USD"))).code).toBe("amount_out_of_range");
  });

  it("sums exactly even when a running total would overflow", () => {
    const max = money(Number.MAX_SAFE_INTEGER, "USD");
    expect(sumMoney([max, max, negateMoney(max)], "USD")).toEqual(max);
  });

  it("undoes an addition with a subtraction and a negation with a negation", () => {
    const small = fc.integer({ min: -(2 ** 51), max: 2 ** 51 });
    fc.assert(
      fc.property(currencies, small, small, (currency, x, y) => {
        const a = money(x, currency);
        const b = money(y, currency);
        expect(subtractMoney(addMoney(a, b), b)).toEqual(a);
        expect(negateMoney(negateMoney(a)).amountMinor).toBe(a.amountMinor === 0 ? 0 : a.amountMinor);
        expect(sumMoney([a, b], currency)).toEqual(addMoney(a, b));
        expect(addMoney(a, b)).toEqual(addMoney(b, a));
      }),
    );
  });
});
